//! `sd-jwt`: SD-JWT (RFC 9901) and SD-JWT VC on the command line: `decode`, `verify`, `issue`,
//! `present`, and `attack` (the lab's forged presentations, each checked against this
//! verifier). Exit codes as `verify`: 0 valid (every check passed) or written, 1 a check
//! failed (or a forgery was accepted), 2 malformed input, an unusable key or bad arguments.

mod make;
mod show;

use super::{CliResult, Fail, KeyArgs, read_token};
use crate::core::keys::{self, Key, Purpose};
use crate::core::sdjwt::{SdJwt, SdJwtError};
use clap::{Args, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

/// `sd-jwt` and its subcommand.
#[derive(Debug, Args)]
pub struct SdJwtArgs {
    /// What to do with the SD-JWT.
    #[command(subcommand)]
    pub command: SdJwtCommand,
}

/// The `sd-jwt` subcommands.
#[derive(Debug, Subcommand)]
pub enum SdJwtCommand {
    /// Show an SD-JWT's parts without verifying: the disclosures (text, decoded, digest, where
    /// each sits), undisclosed digests, the rebuilt claims, the KB-JWT and sd_hash's input.
    Decode(SdDecodeArgs),
    /// Verify an SD-JWT or SD-JWT+KB: the issuer's signature, then RFC 9901 sections 7.1 and
    /// 7.3 step by step (and SD-JWT VC's rules); exit 0 valid, 1 a step failed, 2 unreadable.
    Verify(SdVerifyArgs),
    /// Issue an SD-JWT: the claims at --sd pointers become disclosures, with decoys, 128-bit
    /// salts, the holder's key in cnf.jwk, and vct for an SD-JWT VC.
    Issue(SdIssueArgs),
    /// Present an issued SD-JWT: the disclosures of the claims at --disclose pointers (a
    /// disclosure inside another needs that other too), and a KB-JWT with --kb-key.
    Present(SdPresentArgs),
    /// Forge presentations of an issued SD-JWT (KB stripped, sd_hash over other disclosures,
    /// duplicate digest, disclosure named _sd, KB alg none, ...) and check that this verifier
    /// rejects each by the step it breaks; exit 1 if one is accepted.
    Attack(SdAttackArgs),
}

/// `sd-jwt decode` arguments.
#[derive(Debug, Args)]
pub struct SdDecodeArgs {
    /// The SD-JWT: text, @FILE, or - for standard input.
    pub sd_jwt: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Whether the verifier requires key binding (`--holder-binding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BindingArg {
    /// A valid KB-JWT must end the presentation.
    Required,
    /// A KB-JWT is checked when present; without one the presentation is accepted.
    Optional,
}

/// `sd-jwt verify` arguments.
#[derive(Debug, Args)]
pub struct SdVerifyArgs {
    /// The SD-JWT or SD-JWT+KB: text, @FILE, or - for standard input.
    pub sd_jwt: String,
    /// The issuer's key (--key FILE, a JWKS picks by kid) or HMAC secret.
    #[command(flatten)]
    pub key: KeyArgs,
    /// Whether key binding is required (decided by policy, never by what the presentation
    /// carries: RFC 9901 section 7.3 step 1).
    #[arg(long, value_enum, default_value_t = BindingArg::Required)]
    pub holder_binding: BindingArg,
    /// This verifier's identifier: the KB-JWT's aud must be it.
    #[arg(long)]
    pub aud: Option<String>,
    /// The nonce this verifier gave for this transaction: the KB-JWT's nonce must be it.
    #[arg(long)]
    pub nonce: Option<String>,
    /// How old a KB-JWT may be, by its iat, in seconds.
    #[arg(long, default_value_t = 300)]
    pub kb_max_age: u64,
    /// Clock leeway for exp, nbf and iat, in seconds.
    #[arg(long, default_value_t = 0)]
    pub leeway: u64,
    /// Accepted algorithm(s) for the issuer-signed JWT, comma-separated; default: those that
    /// fit the key.
    #[arg(long, short = 'A', value_delimiter = ',')]
    pub alg: Vec<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `sd-jwt issue` arguments.
#[derive(Debug, Args)]
pub struct SdIssueArgs {
    /// The issuer's private key (--key FILE) or HMAC secret.
    #[command(flatten)]
    pub key: KeyArgs,
    /// The claims as a JSON object: text, @FILE, or - for standard input.
    #[arg(long)]
    pub claims: String,
    /// A JSON pointer to make selectively disclosable: /given_name, /address/street_address,
    /// /nationalities/1 (repeat; a pointer inside another makes a recursive disclosure).
    #[arg(long = "sd", value_name = "POINTER")]
    pub sd: Vec<String>,
    /// Decoy digests in each _sd array (and at the top level).
    #[arg(long, default_value_t = 0)]
    pub decoys: usize,
    /// The holder's public key file (a private one is cut to its public half): it goes to
    /// cnf.jwk, so that presentations can be key-bound.
    #[arg(long, value_name = "FILE")]
    pub holder_key: Option<PathBuf>,
    /// Issue an SD-JWT VC of this type: vct is added, typ is dc+sd-jwt.
    #[arg(long)]
    pub vct: Option<String>,
    /// The header's typ (default dc+sd-jwt for an SD-JWT VC, none otherwise).
    #[arg(long)]
    pub typ: Option<String>,
    /// The signing algorithm; default: what fits the key.
    #[arg(long, short = 'A')]
    pub alg: Option<String>,
    /// The digest hash: sha-256, sha-384, sha-512, sha3-256, sha3-384 or sha3-512.
    #[arg(long, default_value = "sha-256")]
    pub sd_alg: String,
    /// Print one JSON object (the SD-JWT, its disclosures and decoys) instead of the SD-JWT.
    #[arg(long)]
    pub json: bool,
}

/// `sd-jwt present` arguments.
#[derive(Debug, Args)]
pub struct SdPresentArgs {
    /// The SD-JWT as issued: text, @FILE, or - for standard input.
    pub sd_jwt: String,
    /// The JSON pointer of a claim to disclose (repeat): /given_name, /nationalities/1.
    #[arg(long, value_name = "POINTER")]
    pub disclose: Vec<String>,
    /// The holder's private key file: adds a KB-JWT (needs --aud and --nonce).
    #[arg(long, value_name = "FILE", requires_all = ["aud", "nonce"])]
    pub kb_key: Option<PathBuf>,
    /// The verifier the KB-JWT is for.
    #[arg(long, requires = "kb_key")]
    pub aud: Option<String>,
    /// The verifier's nonce for this transaction.
    #[arg(long, requires = "kb_key")]
    pub nonce: Option<String>,
    /// Print one JSON object instead of the presentation.
    #[arg(long)]
    pub json: bool,
}

/// `sd-jwt attack` arguments.
#[derive(Debug, Args)]
pub struct SdAttackArgs {
    /// An issued SD-JWT (no KB-JWT) with cnf.jwk and a top-level disclosure: text, @FILE or -.
    pub sd_jwt: String,
    /// The issuer's private key: forged payloads are re-signed with it.
    #[arg(long, value_name = "FILE")]
    pub issuer_key: PathBuf,
    /// The holder's private key: the KB-JWTs around each forgery are signed with it.
    #[arg(long, value_name = "FILE")]
    pub holder_key: PathBuf,
    /// The verifier's identifier the KB-JWTs are made for.
    #[arg(long, default_value = "https://verifier.example")]
    pub aud: String,
    /// The verifier's nonce.
    #[arg(long, default_value = "lab-nonce")]
    pub nonce: String,
    /// Print one JSON object (each forgery, its presentation and verdict) instead of text.
    #[arg(long)]
    pub json: bool,
}

impl From<SdJwtError> for Fail {
    fn from(e: SdJwtError) -> Self {
        Fail {
            code: 2,
            message: e.to_string(),
        }
    }
}

/// Runs an `sd-jwt` subcommand.
pub(crate) fn run(args: &SdJwtArgs, now: i64) -> CliResult {
    match &args.command {
        SdJwtCommand::Decode(a) => show::decode(a),
        SdJwtCommand::Verify(a) => show::verify(a, now),
        SdJwtCommand::Issue(a) => make::issue(a),
        SdJwtCommand::Present(a) => make::present(a, now),
        SdJwtCommand::Attack(a) => make::attack(a, now),
    }
}

/// The SD-JWT argument: text, @FILE or -.
fn read_sd(arg: &str) -> Result<SdJwt, Fail> {
    Ok(SdJwt::parse(&read_token(arg, "SD-JWT")?)?)
}

/// The one key in a key file, for `purpose` (a private key for signing).
fn key_file(path: &Path, purpose: Purpose) -> Result<Key, Fail> {
    let file = keys::load_key_file(path)?;
    for note in &file.notes {
        super::tell!("note: {note}");
    }
    Ok(file.pick(None, purpose)?.clone())
}
