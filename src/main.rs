//! Entry point: no subcommand opens the window; a subcommand runs headless.

use clap::Parser;
use jwt_workbench::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command, cli.now),
        None => match jwt_workbench::ui::run_window(cli.token, started) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}
