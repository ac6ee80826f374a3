//! The command line: `decode`, `verify`, `encode`, `pair`, `refresh`, `keygen`, `key`,
//! `attack`, and `decrypt` / `encrypt` for JWE, on top of the core, one module per command
//! family.
//!
//! Exit codes: 0 decoded / valid / decrypted / written; 1 verification failed, or the key does
//! not decrypt the JWE; 2 malformed token, unusable key or bad arguments. Errors go to stderr
//! as plain sentences.

mod args;
mod attack;
mod decode;
mod encode;
mod input;
mod jwe;
mod jwks;
mod jws_json;
mod keys;
mod output;
mod parse;
mod profile;
mod remote;
mod sdjwt;
mod show;
mod verify;
mod x5c;

pub use args::*;
pub use attack::AttackArgs;
pub(crate) use input::{load_key, load_key_for, load_key_set, parse_alg, read_arg, read_token};
pub use jwks::{JwksArgs, JwksCommand, JwksFetchArgs, JwksPlanArgs};
pub use remote::{NetArgs, RemoteKeyArgs};

use crate::core::error::Error;
use crate::core::keys::{self as corekeys};
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Prints a line to stdout; a closed pipe (`| head`) ends output quietly instead of panicking.
/// Control, bidirectional and invisible characters are written out (`\u{1b}`), whatever put
/// them there: the last line of defence against a token that writes on the terminal. Text
/// taken from a token as it is (a payload, a plaintext) is escaped whole before it gets here,
/// line feeds included.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        let _ = writeln!(
            std::io::stdout().lock(),
            "{}",
            $crate::core::text::escape_lines(&line)
        );
    }};
}
pub(crate) use say;

/// [`say!`] for standard error: warnings, notes and errors.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        let _ = writeln!(
            std::io::stderr().lock(),
            "{}",
            $crate::core::text::escape_lines(&line)
        );
    }};
}
pub(crate) use tell;

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
    /// A token to open in the window, or a file that holds one (a .jwt file).
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
    Verify(Box<VerifyArgs>),
    /// Sign a payload into a token.
    Encode(EncodeArgs),
    /// Make an access token (30 min) and a refresh token (7 days) for a subject, as JSON.
    Pair(PairArgs),
    /// Trade a valid refresh token for a new access token.
    Refresh(RefreshArgs),
    /// Generate a key for an algorithm: private PEM, public PEM and public JWK.
    #[command(after_help = keys::KEYGEN_HELP)]
    Keygen(KeygenArgs),
    /// Describe a key file (type, size, thumbprint) or convert it with --to.
    #[command(after_help = keys::KEY_HELP)]
    Key(KeyCmdArgs),
    /// Generate attack variants of a token (for testing your own services) and check that
    /// this workbench's verifier rejects each one; exit 1 if any forgery is accepted.
    Attack(AttackArgs),
    /// DPoP proofs (RFC 9449): check one against its request, or make one.
    Dpop(profile::DpopArgs),
    /// SD-JWT (RFC 9901) and SD-JWT VC: decode, verify step by step, issue, present, attack.
    #[command(name = "sd-jwt")]
    SdJwt(sdjwt::SdJwtArgs),
    /// Rewrite a signed token in another serialization: compact, flattened or general JSON
    /// (the signatures untouched).
    Convert(ConvertArgs),
    /// Decrypt a JWE: header, key management, plaintext, a nested JWT checked with --verify-*.
    #[command(after_help = DECRYPT_HELP)]
    Decrypt(DecryptArgs),
    /// Encrypt a plaintext (bytes, or a signed JWT) as a compact JWE, or a JWE JSON document to
    /// one or several recipients.
    #[command(after_help = ENCRYPT_HELP)]
    Encrypt(EncryptArgs),
    /// Keys from elsewhere, fetched only when you run this: `jwks plan URL` shows what is sent
    /// first, `jwks fetch URL` fetches and lists the keys.
    Jwks(JwksArgs),
    /// Print shell completions: jwt-workbench completions bash > /etc/bash_completion.d/jwt-workbench
    Completions(CompletionsArgs),
}

/// The end of `decrypt --help`: nested tokens and exit codes.
const DECRYPT_HELP: &str = "\
A nested JWT (cty JWT, or a plaintext that is a signed token) is decoded; its signature is
checked only with --verify-key or --verify-secret (with verify's default checks: the
algorithms that fit the key, exp, nbf and iat, no leeway, and aud with --aud or --any-aud),
and reported as NOT checked otherwise. Claims that were encrypted without a signature get
the same claim checks (exp, nbf, iat, aud), and the report says they are not signed.
A JWE JSON document (flattened or general) is read too: the recipient whose kid is the key's
is used, else each in turn, and the output says which.
PBES2 tokens whose iteration count p2c is over the cap (10000) are refused before any work;
--max-p2c raises the cap up to 1000000, and a larger p2c is always refused.
Text from the token is shown with control and invisible characters escaped; --raw prints the
plaintext's bytes as they are (and nothing else), --out FILE writes them to a file.

Exit codes: 0 decrypted and every check that applies passed: with --verify-key or
--verify-secret, only when the plaintext is a signed token that verified and whose claims
passed; 1 the key does not decrypt the token (wrong key, or the token was altered: one
message, so no oracle), a verification key was given but nothing was verified (the
plaintext is unsigned claims, text or another JWE: anyone with the recipient's public key
can make those), the nested JWT fails verification, or the claims fail a check (expired,
not yet valid, audience); 2 malformed token, a key of the wrong kind or unreadable, a
refused limit, or bad arguments.";

/// The end of `encrypt --help`: keys, algorithms and exit codes.
const ENCRYPT_HELP: &str = "\
--key is the recipient's public key (RSA 2048+, EC P-256/384/521, X25519) or a symmetric
JWK (oct); --secret gives symmetric key bytes, or the password for PBES2.

alg: dir, A128KW, A192KW, A256KW, A128GCMKW, A192GCMKW, A256GCMKW, RSA-OAEP,
     RSA-OAEP-256, ECDH-ES, ECDH-ES+A128KW, ECDH-ES+A192KW, ECDH-ES+A256KW,
     PBES2-HS256+A128KW, PBES2-HS384+A192KW, PBES2-HS512+A256KW
     (RSA1_5 is refused: Bleichenbacher's attack)
enc: A128CBC-HS256, A192CBC-HS384, A256CBC-HS512, A128GCM, A192GCM, A256GCM

A plaintext that is a signed token (compact JWS) is encrypted without surrounding
whitespace; add --cty JWT so that recipients treat it as a nested JWT.
--serialization flattened|general writes a JWE JSON document (RFC 7516 section 7.2): repeat
--key for several recipients (general), with one --alg for all or one per key; --aad
TEXT|@FILE is authenticated, not encrypted. - reads the plaintext's bytes from stdin.

Exit codes: 0 written; 2 unknown or refused algorithm, a key that does not fit, or bad
arguments.";

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

/// A key `verify` found elsewhere (fetched, or an x5c leaf), the check saying where from, and,
/// when there is no key to check with, why (the signature's status, exit 1).
pub(crate) struct FoundKey {
    pub(crate) key: Option<corekeys::Key>,
    pub(crate) check: crate::core::verify::Check,
    pub(crate) status: Option<crate::core::verify::SignatureStatus>,
}

/// Runs `main` so that a panic never reaches the user as a backtrace: one sentence naming
/// where it happened, exit 2, and nothing it carried (it could quote a token or a key).
pub fn guarded(main: impl FnOnce() -> ExitCode + std::panic::UnwindSafe) -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: jwt-workbench stopped on an internal error{at}; nothing was written. Please report this line."
        );
    }));
    std::panic::catch_unwind(main).unwrap_or_else(|_| ExitCode::from(2))
}

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
        Command::Jwks(a) => jwks::jwks(&a),
        Command::Key(a) => keys::key_cmd(&a, now),
        Command::Attack(a) => attack::attack(&a, now),
        Command::Convert(a) => jws_json::convert(&a),
        Command::Dpop(a) => profile::dpop(&a, now),
        Command::SdJwt(a) => sdjwt::run(&a, now),
        Command::Decrypt(a) => jwe::decrypt(&a, now),
        Command::Encrypt(a) => jwe::encrypt(&a),
        Command::Completions(a) => {
            use clap::CommandFactory;
            use std::io::Write as _;
            // Into memory first: writing to a closed pipe must not panic.
            let mut buf = Vec::new();
            clap_complete::generate(a.shell, &mut Cli::command(), "jwt-workbench", &mut buf);
            let _ = std::io::stdout().lock().write_all(&buf);
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            tell!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}
