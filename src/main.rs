//! Entry point: no subcommand opens the window; a subcommand runs headless. A panic never
//! reaches the user as a backtrace: one sentence, exit 2, and nothing it carried is printed.

use clap::Parser;
use jwt_workbench::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    std::panic::set_hook(Box::new(|info| {
        // The panic's message is left out: it could quote a token or a key.
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: jwt-workbench stopped on an internal error{at}; nothing was written. Please report this line."
        );
    }));
    let outcome = std::panic::catch_unwind(|| {
        let cli = Cli::parse();
        match cli.command {
            Some(command) => run(command, cli.now),
            None => window(cli.token, started),
        }
    });
    outcome.unwrap_or_else(|_| ExitCode::from(2))
}

/// Opens the window; an argument that names a file is read as the token (a .jwt file).
fn window(arg: Option<String>, started: std::time::Instant) -> ExitCode {
    let token = match arg {
        Some(a) if std::path::Path::new(&a).is_file() => match read_token_file(&a) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        other => other,
    };
    match jwt_workbench::ui::run_window(token, started) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Reads a token file, refusing anything over the token size limit.
fn read_token_file(path: &str) -> Result<String, String> {
    use std::io::Read;
    let limit = jwt_workbench::core::token::MAX_TOKEN;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if bytes.len() > limit {
        return Err(format!(
            "{path} is over {} MiB, too large to be a token",
            limit >> 20
        ));
    }
    String::from_utf8(bytes)
        .map(|t| t.trim().to_string())
        .map_err(|_| format!("{path} is not text, so it holds no token"))
}
