//! The command line: `decode`, `verify`, `encode`, `pair`, `refresh`, `keygen` and `key` on
//! top of the core, one module per command family.
//!
//! Exit codes: 0 decoded / valid / written; 1 verification failed; 2 malformed token,
//! unusable key or bad arguments. Errors go to stderr as plain sentences.

mod args;
mod attack;
mod decode;
mod encode;
mod keys;
mod verify;

pub use args::*;

use crate::core::JwsAlg;
use crate::core::error::Error;
use crate::core::keys::{self as corekeys, Key, Purpose};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::process::ExitCode;

/// Prints a line to stdout; a closed pipe (`| head`) ends output quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
pub(crate) use say;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "jwt-workbench",
    version,
    about = "Decode, verify and sign JSON Web Tokens, offline. With no arguments, opens the window.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A token to open in the window.
    pub token: Option<String>,
    /// Use this instant (seconds since 1970) as "now" instead of the clock (for scripts and tests).
    #[arg(long, global = true, hide = true)]
    pub now: Option<i64>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show a token's header, payload, signature and times, without verifying it.
    Decode(DecodeArgs),
    /// Check a token's signature and claims; exit 0 if valid, 1 if not.
    Verify(VerifyArgs),
    /// Sign a payload into a token.
    Encode(EncodeArgs),
    /// Make an access token (30 min) and a refresh token (7 days) for a subject, as JSON.
    Pair(PairArgs),
    /// Trade a valid refresh token for a new access token.
    Refresh(RefreshArgs),
    /// Generate a key for an algorithm: private PEM, public PEM and public JWK.
    Keygen(KeygenArgs),
    /// Describe a key file (type, size, thumbprint) or convert it with --to.
    Key(KeyCmdArgs),
    /// Generate attack variants of a token (for testing your own services) and check that
    /// this workbench's verifier rejects each one; exit 1 if any forgery is accepted.
    Attack(AttackArgs),
}

/// A failure with its exit code.
pub(crate) struct Fail {
    pub(crate) code: u8,
    pub(crate) message: String,
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail {
            code: 2,
            message: e.to_string(),
        }
    }
}

impl From<corekeys::KeyError> for Fail {
    fn from(e: corekeys::KeyError) -> Self {
        Error::from(e).into()
    }
}

pub(crate) type CliResult = Result<ExitCode, Fail>;

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command, now: Option<i64>) -> ExitCode {
    let now = now.unwrap_or_else(|| chrono::Utc::now().timestamp());
    let result = match command {
        Command::Decode(a) => decode::decode(&a, now),
        Command::Verify(a) => verify::verify_cmd(&a, now),
        Command::Encode(a) => encode::encode(&a, now),
        Command::Pair(a) => encode::pair(&a, now),
        Command::Refresh(a) => encode::refresh(&a, now),
        Command::Keygen(a) => keys::keygen(&a),
        Command::Key(a) => keys::key_cmd(&a, now),
        Command::Attack(a) => attack::attack(&a, now),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

pub(crate) fn read_arg(arg: &str, what: &str) -> Result<String, Fail> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    // Read one byte past the limit to tell "at the limit" from "over it" without reading all.
    let limit = crate::core::token::MAX_TOKEN;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Fail {
            code: 2,
            message: format!("cannot read the {what} from standard input: {e}"),
        })?;
    if bytes.len() > limit {
        return Err(Fail {
            code: 2,
            message: format!(
                "the {what} on standard input is over {} MiB, the limit; nothing was read",
                limit >> 20
            ),
        });
    }
    String::from_utf8(bytes).map_err(|e| Fail {
        code: 2,
        message: format!(
            "the {what} on standard input is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

pub(crate) fn parse_alg(name: &str) -> Result<JwsAlg, Fail> {
    JwsAlg::from_name(name).ok_or_else(|| {
        let hint = crate::core::HeaderAlg::Unknown(name.to_string())
            .problem()
            .unwrap_or_default();
        Fail {
            code: 2,
            message: hint,
        }
    })
}

pub(crate) fn load_key(args: &KeyArgs, kid: Option<&str>, purpose: Purpose) -> Result<Key, Fail> {
    if let Some(secret) = &args.secret {
        return Ok(corekeys::parse_secret_spec(secret)?);
    }
    let path = args.key.as_ref().ok_or(Fail {
        code: 2,
        message: "give --secret or --key".into(),
    })?;
    let file = corekeys::load_key_file(path)?;
    for note in &file.notes {
        eprintln!("note: {note}");
    }
    Ok(file.pick(kid, purpose)?.clone())
}
