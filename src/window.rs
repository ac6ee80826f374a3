//! `jwt-workbench-window`: the window (`jwt-workbench` with no subcommand starts it). Given a
//! subcommand, it runs the command line as `jwt-workbench` does, so `cargo run --release --
//! decode …` works from the source folder too.

use jwt_workbench::cli::{Cli, guarded, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    guarded(|| {
        let cli = Cli::from_env();
        match cli.command {
            Some(command) => run(command, cli.now),
            None => jwt_workbench::ui::native::open(cli.token, started),
        }
    })
}
