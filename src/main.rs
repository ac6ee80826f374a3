//! `jwt-workbench`: the command line. With no subcommand it hands over to the window program
//! installed beside it (`jwt-workbench-window`, same arguments), so a scripted call never
//! loads, relocates or pages in the window's code: that start-up cost is most of a call.

use jwt_workbench::cli::{Cli, guarded, run};
use std::process::ExitCode;

/// The window program's name.
const WINDOW: &str = "jwt-workbench-window";

fn main() -> ExitCode {
    guarded(|| {
        let cli = Cli::from_env();
        match cli.command {
            Some(command) => run(command, cli.now),
            None => open_window(),
        }
    })
}

/// Replaces this process with the window program beside this one.
fn open_window() -> ExitCode {
    let program = match std::env::current_exe() {
        Ok(me) => me.with_file_name(format!("{WINDOW}{}", std::env::consts::EXE_SUFFIX)),
        Err(e) => {
            eprintln!("error: cannot find where jwt-workbench runs from ({e}), so not the window");
            return ExitCode::from(2);
        }
    };
    let mut command = std::process::Command::new(&program);
    command.args(std::env::args_os().skip(1));
    let error = exec(command);
    let folder = program.parent().unwrap_or(&program).display().to_string();
    eprintln!(
        "error: cannot start the window program {WINDOW} in {folder} ({error}); install both programs with `cargo install --path .`, or run `cargo run --release` in the source folder. The command line works without it: jwt-workbench --help"
    );
    ExitCode::from(2)
}

/// Runs `command` in place of this process; returns only if it could not start.
#[cfg(unix)]
fn exec(mut command: std::process::Command) -> std::io::Error {
    use std::os::unix::process::CommandExt;
    command.exec()
}

/// Runs `command` and exits with its status; returns only if it could not start.
#[cfg(not(unix))]
fn exec(mut command: std::process::Command) -> std::io::Error {
    match command.status() {
        Ok(status) => std::process::exit(status.code().unwrap_or(2)),
        Err(e) => e,
    }
}
