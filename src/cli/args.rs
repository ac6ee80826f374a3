//! The arguments of each subcommand.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `keygen` arguments.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// The algorithm the key is for (HS256 ... EdDSA).
    #[arg(long, short = 'A')]
    pub alg: String,
    /// Folder to write the files to (created if missing).
    #[arg(long, default_value = ".")]
    pub out_dir: PathBuf,
    /// Key id; default: the RFC 7638 thumbprint.
    #[arg(long)]
    pub kid: Option<String>,
    /// RSA modulus size: 2048, 3072 or 4096.
    #[arg(long, default_value_t = 2048)]
    pub bits: usize,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

/// Output formats for `key --to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyFormatArg {
    /// A JWK (private members kept unless --public).
    Jwk,
    /// PEM: PKCS#8 for private keys, SPKI for public ones (or with --public).
    Pem,
    /// A public-only JWKS of every key in the file.
    Jwks,
}

/// `key` arguments.
#[derive(Debug, Args)]
pub struct KeyCmdArgs {
    /// The key file: PEM, DER, JWK or JWKS.
    pub file: PathBuf,
    /// Convert instead of describing.
    #[arg(long, value_enum)]
    pub to: Option<KeyFormatArg>,
    /// Export only the public half.
    #[arg(long)]
    pub public: bool,
}

/// How `decode --date` shows times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateStyle {
    /// UTC date-times.
    Utc,
    /// Local date-times.
    Local,
}

/// `decode` arguments.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// The token, or - to read it from standard input.
    pub token: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Show exp, nbf and iat as date-times in the payload (utc or local).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "utc", value_enum)]
    pub date: Option<DateStyle>,
}

/// Where the key comes from.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct KeyArgs {
    /// HMAC secret: text, b64:BASE64, hex:HEX or @FILE.
    #[arg(long, short = 'S')]
    pub secret: Option<String>,
    /// Key file: PEM, DER, JWK or JWKS.
    #[arg(long, short = 'K')]
    pub key: Option<PathBuf>,
}

/// `verify` arguments.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The token, or - to read it from standard input.
    pub token: String,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Accepted algorithm(s), comma-separated; default: those that fit the key.
    #[arg(long, short = 'A', value_delimiter = ',')]
    pub alg: Vec<String>,
    /// Accept an expired token (the report still shows exp).
    #[arg(long)]
    pub ignore_exp: bool,
    /// Clock leeway for exp, nbf and iat, in seconds.
    #[arg(long, default_value_t = 0)]
    pub leeway: u64,
    /// Expected audience.
    #[arg(long)]
    pub aud: Option<String>,
    /// Expected issuer.
    #[arg(long)]
    pub iss: Option<String>,
    /// Expected subject.
    #[arg(long)]
    pub sub: Option<String>,
    /// Claims that must be present, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub require: Vec<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `encode` arguments.
#[derive(Debug, Args)]
pub struct EncodeArgs {
    #[command(flatten)]
    pub key: KeyArgs,
    /// Algorithm; default: the header's alg, else what fits the key (HS256 for secrets).
    #[arg(long, short = 'A')]
    pub alg: Option<String>,
    /// Header JSON (alg is added if missing).
    #[arg(long)]
    pub header: Option<String>,
    /// Key id to put in the header (a JWK's kid is used when not given).
    #[arg(long)]
    pub kid: Option<String>,
    /// Set exp this many seconds from now (default 1800 when given without a value).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "1800")]
    pub exp: Option<i64>,
    /// Do not add iat.
    #[arg(long)]
    pub no_iat: bool,
    /// Payload JSON, or - to read it from standard input; default {}.
    pub payload: Option<String>,
}

/// `pair` arguments.
#[derive(Debug, Args)]
pub struct PairArgs {
    #[command(flatten)]
    pub key: KeyArgs,
    /// The subject (user id) of both tokens.
    #[arg(long)]
    pub sub: String,
    /// Algorithm; default: what fits the key.
    #[arg(long, short = 'A')]
    pub alg: Option<String>,
}

/// `refresh` arguments.
#[derive(Debug, Args)]
pub struct RefreshArgs {
    /// The refresh token, or - to read it from standard input.
    pub token: String,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Accepted algorithm; default: what fits the key.
    #[arg(long, short = 'A')]
    pub alg: Option<String>,
}

/// `attack` arguments.
#[derive(Debug, Args)]
pub struct AttackArgs {
    /// The token, or - to read it from standard input.
    pub token: String,
    #[command(flatten)]
    pub key: KeyArgs,
    /// The URL written into jku and x5u (never fetched).
    #[arg(long)]
    pub url: Option<String>,
    /// Print `{"variants":[...]}` instead of text.
    #[arg(long)]
    pub json: bool,
}
