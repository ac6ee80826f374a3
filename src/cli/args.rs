//! The arguments of each subcommand.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `keygen` arguments.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// The algorithm the key is for (HS256 ... EdDSA, Ed25519, ML-DSA-44/65/87).
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
    /// The key file: PEM, DER, JWK or JWKS; with --x5c, a token (text, @FILE, -, or a file)
    /// or a PEM file of certificates.
    pub file: PathBuf,
    /// Show the token's x5c chain (or the PEM file's certificates): subject, issuer,
    /// validity, key usage, SAN and SHA-256 fingerprint of each.
    #[arg(long, conflicts_with_all = ["to", "public"])]
    pub x5c: bool,
    /// With --x5c: validate the chain (at now) against the roots in this PEM file.
    #[arg(long, value_name = "FILE", requires = "x5c")]
    pub x5c_root: Option<PathBuf>,
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
    /// The token (compact, or a JWS JSON document), @FILE, or - for standard input.
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
    /// Key file: PEM, DER, JWK or JWKS; repeat it to give several keys (a JWS JSON document
    /// with several signatures).
    #[arg(long, short = 'K')]
    pub key: Vec<PathBuf>,
}

/// How a signed token is written (`encode --serialization`, `convert --to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SerializationArg {
    /// header.payload.signature.
    Compact,
    /// JSON with one signature: payload, protected, header, signature.
    Flattened,
    /// JSON with a signatures array: one entry per key.
    General,
}

impl SerializationArg {
    /// The core's name for it.
    pub fn core(self) -> crate::core::jws_json::Serialization {
        use crate::core::jws_json::Serialization;
        match self {
            SerializationArg::Compact => Serialization::Compact,
            SerializationArg::Flattened => Serialization::Flattened,
            SerializationArg::General => Serialization::General,
        }
    }
}

/// `convert` arguments.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The signed token (compact or JWS JSON), @FILE, or - for standard input.
    pub token: String,
    /// The serialization to write.
    #[arg(long, value_enum)]
    pub to: SerializationArg,
    /// Which signature of a general JWS goes into the compact form (0 is the first).
    #[arg(long)]
    pub index: Option<usize>,
}

/// `verify` arguments.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The token (compact, or a JWS JSON document), @FILE, or - for standard input.
    pub token: String,
    /// Where the key comes from: --secret or --key.
    #[command(flatten)]
    pub key: KeyArgs,
    /// Or keys from elsewhere: --jwks-url, --discover or --x5c-root.
    #[command(flatten)]
    pub remote: super::remote::RemoteKeyArgs,
    /// Accepted algorithm(s), comma-separated; default: those that fit the key.
    #[arg(long, short = 'A', value_delimiter = ',')]
    pub alg: Vec<String>,
    /// Accept an expired token (the report still shows exp).
    #[arg(long)]
    pub ignore_exp: bool,
    /// Clock leeway for exp, nbf and iat, in seconds.
    #[arg(long, default_value_t = 0)]
    pub leeway: u64,
    /// Expected audience: the token's aud must be it or contain it. A token with aud fails
    /// without --aud (RFC 7519 section 4.1.3) unless --any-aud is given.
    #[arg(long)]
    pub aud: Option<String>,
    /// Accept any audience: skip the aud check (the report says so).
    #[arg(long, conflicts_with = "aud")]
    pub any_aud: bool,
    /// Accept a payload that is not JWT claims (a bare JWS, such as RFC 8037's example): only
    /// the signature is checked.
    #[arg(long)]
    pub any_payload: bool,
    /// The payload of a detached token (header..signature): text, @FILE (its bytes) or - for
    /// standard input.
    #[arg(long)]
    pub payload: Option<String>,
    /// Expected issuer.
    #[arg(long)]
    pub iss: Option<String>,
    /// Expected subject.
    #[arg(long)]
    pub sub: Option<String>,
    /// Claims that must be present, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub require: Vec<String>,
    /// A JWS JSON document passes only when every signature verifies (by default: every
    /// signature a given key fits, and at least one).
    #[arg(long)]
    pub all: bool,
    /// The token's profile and what its checks compare with.
    #[command(flatten)]
    pub profile: super::profile::ProfileArgs,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `encode` arguments.
#[derive(Debug, Args)]
pub struct EncodeArgs {
    /// Where the key comes from: --secret or --key.
    #[command(flatten)]
    pub key: KeyArgs,
    /// Algorithm; default: the header's alg, else what fits the key (HS256 for secrets).
    ///
    /// HS256 HS384 HS512, RS256 RS384 RS512, PS256 PS384 PS512, ES256 ES384 ES512, EdDSA and
    /// Ed25519 (RFC 9864, the same Ed25519 key), ML-DSA-44 ML-DSA-65 ML-DSA-87 (RFC 9964).
    /// Not supported: Ed448, HashML-DSA, SLH-DSA.
    #[arg(long, short = 'A')]
    pub alg: Option<String>,
    /// Header JSON, or @FILE (alg is added if missing).
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
    /// `--b64 false`: an unencoded payload (RFC 7797): signed as it is, with "b64": false and
    /// crit ["b64"] added to the header.
    #[arg(long, value_name = "true|false")]
    pub b64: Option<bool>,
    /// Leave the payload out of the token (header..signature); give it to verify apart.
    #[arg(long)]
    pub detached: bool,
    /// compact (header.payload.signature), flattened or general (JWS JSON, RFC 7515 section
    /// 7.2); general signs once per --key, each with its own algorithm.
    #[arg(long, value_enum, default_value = "compact")]
    pub serialization: SerializationArg,
    /// Payload JSON, @FILE, or - to read it from standard input; default {}.
    pub payload: Option<String>,
}

/// `pair` arguments.
#[derive(Debug, Args)]
pub struct PairArgs {
    /// Where the key comes from: --secret or --key.
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
    /// Where the key comes from: --secret or --key.
    #[command(flatten)]
    pub key: KeyArgs,
    /// Accepted algorithm; default: what fits the key.
    #[arg(long, short = 'A')]
    pub alg: Option<String>,
}

/// Where a JWE key comes from (`decrypt`, `encrypt`).
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct JweKeyArgs {
    /// Symmetric key bytes (dir, AES KW, AES-GCM KW) or PBES2 password: text, b64:BASE64,
    /// hex:HEX or @FILE.
    #[arg(long, short = 'S')]
    pub secret: Option<String>,
    /// Key file: PEM, DER, JWK or JWKS (RSA, EC P-256/384/521, X25519 or oct); a JWKS is
    /// searched by kid. encrypt: repeat it to encrypt to several recipients (one encrypted
    /// key each; --serialization general).
    #[arg(long, short = 'K')]
    pub key: Vec<PathBuf>,
}

/// `decrypt` arguments.
#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// The JWE: compact, or a JSON document (flattened or general); @FILE, or - for
    /// standard input.
    pub token: String,
    /// The JWE key: --key or --secret.
    #[command(flatten)]
    pub key: JweKeyArgs,
    /// Verify a nested JWT's signature with this key file (PEM, DER, JWK or JWKS).
    #[arg(long, conflicts_with = "verify_secret")]
    pub verify_key: Option<PathBuf>,
    /// Verify a nested JWT's HMAC signature with this secret: text, b64:, hex: or @FILE.
    #[arg(long)]
    pub verify_secret: Option<String>,
    /// Raise (or lower) the PBES2 iteration cap, 1 to 1000000; default 10000.
    #[arg(long)]
    pub max_p2c: Option<u32>,
    /// Expected audience of the claims (nested or encrypted); a token with aud fails without
    /// it unless --any-aud is given.
    #[arg(long)]
    pub aud: Option<String>,
    /// Accept any audience: skip the aud check (the report says so).
    #[arg(long, conflicts_with = "aud")]
    pub any_aud: bool,
    /// Write only the plaintext's bytes to standard output, as they are (nothing escaped).
    #[arg(long, conflicts_with_all = ["json", "out"])]
    pub raw: bool,
    /// Write the plaintext's bytes to this file (owner-only), as they are.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `encrypt` arguments.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// The JWE key: --key or --secret.
    #[command(flatten)]
    pub key: JweKeyArgs,
    /// Key management algorithm: dir, A128KW ... PBES2-HS512+A256KW (RSA1_5 is refused);
    /// with several --key, one for all of them or one per key, in order.
    #[arg(long, short = 'A', required = true)]
    pub alg: Vec<String>,
    /// Content encryption algorithm: A128CBC-HS256 ... A256GCM.
    #[arg(long, short = 'E')]
    pub enc: String,
    /// Content type header member; JWT when the plaintext is a signed token (nested JWT).
    #[arg(long)]
    pub cty: Option<String>,
    /// Compress the plaintext (DEFLATE) before encrypting and say "zip":"DEF".
    #[arg(long)]
    pub zip: bool,
    /// Key id for the header (a JWK's kid is used when not given; picks the key in a JWKS);
    /// with several --key, one per key, in order.
    #[arg(long)]
    pub kid: Vec<String>,
    /// PBES2 iteration count (default 8192).
    #[arg(long)]
    pub p2c: Option<u32>,
    /// compact (five parts, one recipient), flattened (JSON, one recipient) or general (JSON,
    /// one entry per --key) (RFC 7516 section 7).
    #[arg(long, value_enum, default_value = "compact")]
    pub serialization: SerializationArg,
    /// Additional authenticated data: TEXT or @FILE; carried in the JSON forms' aad member,
    /// authenticated but not encrypted (not with compact).
    #[arg(long)]
    pub aad: Option<String>,
    /// The plaintext, or - to read its bytes from standard input (any bytes; one final line
    /// break of a text is dropped).
    pub plaintext: String,
}

/// `completions` arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
