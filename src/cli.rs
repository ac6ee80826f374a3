//! The command line: `decode`, `verify`, `encode`, `pair`, `refresh` on top of the core.
//!
//! Exit codes: 0 decoded / valid / written; 1 verification failed; 2 malformed token,
//! unusable key or bad arguments. Errors go to stderr as plain sentences.

use crate::core::error::Error;
use crate::core::keys::{self, Key, Purpose};
use crate::core::token::{Form, Inspection, Payload};
use crate::core::verify::{SignatureStatus, Unchecked};
use crate::core::{JwsAlg, Layout, Policy, b64, claims, inspect, json, recipes, sign, verify};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::{Value, json};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints a line to stdout; a closed pipe (`| head`) ends output quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

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
}

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

/// A failure with its exit code.
struct Fail {
    code: u8,
    message: String,
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail {
            code: 2,
            message: e.to_string(),
        }
    }
}

impl From<keys::KeyError> for Fail {
    fn from(e: keys::KeyError) -> Self {
        Error::from(e).into()
    }
}

type CliResult = Result<ExitCode, Fail>;

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command, now: Option<i64>) -> ExitCode {
    let now = now.unwrap_or_else(|| chrono::Utc::now().timestamp());
    let result = match command {
        Command::Decode(a) => decode(&a, now),
        Command::Verify(a) => verify_cmd(&a, now),
        Command::Encode(a) => encode(&a, now),
        Command::Pair(a) => pair(&a, now),
        Command::Refresh(a) => refresh(&a, now),
        Command::Keygen(a) => keygen(&a),
        Command::Key(a) => key_cmd(&a, now),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn read_arg(arg: &str, what: &str) -> Result<String, Fail> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).map_err(|e| Fail {
        code: 2,
        message: format!("cannot read the {what} from standard input: {e}"),
    })?;
    Ok(s)
}

fn parse_alg(name: &str) -> Result<JwsAlg, Fail> {
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

fn load_key(args: &KeyArgs, kid: Option<&str>, purpose: Purpose) -> Result<Key, Fail> {
    if let Some(secret) = &args.secret {
        return Ok(keys::parse_secret_spec(secret)?);
    }
    let path = args.key.as_ref().ok_or(Fail {
        code: 2,
        message: "give --secret or --key".into(),
    })?;
    let file = keys::load_key_file(path)?;
    for note in &file.notes {
        eprintln!("note: {note}");
    }
    Ok(file.pick(kid, purpose)?.clone())
}

fn pretty_bytes(what: &str, bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    json::pretty(what, &text).unwrap_or_else(|_| text.into_owned())
}

fn with_dates(claims: &serde_json::Map<String, Value>, style: DateStyle) -> Value {
    let mut out = claims.clone();
    for name in ["exp", "nbf", "iat"] {
        if let Ok(Some(t)) = claims::time_claim(claims, name) {
            let text = match style {
                DateStyle::Utc => claims::utc_text(t),
                DateStyle::Local => claims::local_text(t),
            };
            out.insert(name.to_string(), Value::String(text));
        }
    }
    Value::Object(out)
}

fn payload_json(insp: &Inspection, date: Option<DateStyle>) -> (Value, &'static str) {
    match &insp.payload {
        Ok(Payload::Claims(m)) => (
            date.map_or_else(|| Value::Object(m.clone()), |s| with_dates(m, s)),
            "claims",
        ),
        Ok(Payload::OtherJson(v)) => (v.clone(), "json"),
        Ok(Payload::Text(t)) => (Value::String(t.clone()), "text"),
        Ok(Payload::Binary(b)) => (Value::String(b64::encode_hex(b)), "binary"),
        Ok(Payload::Encrypted) => (Value::Null, "encrypted"),
        Err(_) => (Value::Null, "undecodable"),
    }
}

fn problems(insp: &Inspection) -> Vec<String> {
    [
        insp.header.as_ref().err(),
        insp.payload.as_ref().err(),
        insp.signature.as_ref().err(),
    ]
    .into_iter()
    .flatten()
    .map(Error::to_string)
    .collect()
}

fn decode(args: &DecodeArgs, now: i64) -> CliResult {
    let text = read_arg(&args.token, "token")?;
    let insp = inspect(&text)?;
    let problems = problems(&insp);
    if args.json {
        let (payload, kind) = payload_json(&insp, args.date);
        let out = json!({
            "form": if insp.form == Form::Jwe { "JWE" } else { "JWS" },
            "header": insp.header.as_ref().map_or(Value::Null, |h| Value::Object(h.clone())),
            "payload": payload,
            "payload_kind": kind,
            "signature": insp.signature_text(),
            "signature_hex": insp.signature.as_ref().map(|s| b64::encode_hex(s)).unwrap_or_default(),
            "alg_problem": insp.alg.problem(),
            "repairs": insp.repairs.iter().map(|r| r.note()).collect::<Vec<_>>(),
            "problems": problems,
        });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        for r in &insp.repairs {
            eprintln!("note: {}", r.note());
        }
        print_decoded(&insp, args.date, now);
        for p in &problems {
            eprintln!("error: {p}");
        }
    }
    Ok(ExitCode::from(if problems.is_empty() { 0 } else { 2 }))
}

fn print_decoded(insp: &Inspection, date: Option<DateStyle>, now: i64) {
    if let Ok(h) = &insp.header_bytes {
        say!("Header\n{}\n", pretty_bytes("header", h));
    }
    match &insp.payload {
        Ok(Payload::Claims(m)) => {
            let shown = match date {
                Some(style) => {
                    serde_json::to_string_pretty(&with_dates(m, style)).unwrap_or_default()
                }
                None => insp
                    .payload_bytes
                    .as_ref()
                    .map(|b| pretty_bytes("payload", b))
                    .unwrap_or_default(),
            };
            say!("Payload\n{shown}\n");
        }
        Ok(Payload::Encrypted) => say!("Payload\n(encrypted: JWE)\n"),
        Ok(Payload::Text(t)) => say!("Payload (plain text, not JSON)\n{t}\n"),
        Ok(Payload::Binary(b)) => say!("Payload (binary, hex)\n{}\n", b64::encode_hex(b)),
        Ok(Payload::OtherJson(v)) => say!("Payload (JSON, not an object)\n{v}\n"),
        Err(_) => {}
    }
    if let Some(why) = insp.payload.as_ref().ok().and_then(Payload::explain) {
        say!("Note: {why}\n");
    }
    if insp.form == Form::Jws {
        let alg = match &insp.alg {
            crate::core::HeaderAlg::Known(a) => a.name().to_string(),
            other => other.problem().unwrap_or_default(),
        };
        let len = insp.signature.as_ref().map_or(0, Vec::len);
        say!("Signature ({alg}, {len} bytes)\n{}", insp.signature_text());
    }
    if let Some(m) = insp.claims() {
        let (times, lifetime) = claims::times(m, now);
        if !times.is_empty() {
            say!("\nTimes");
            for t in &times {
                say!("  {}  {}  {}  ({})", t.name, t.utc, t.local, t.relative);
            }
            if let Some(l) = lifetime {
                say!("  {l}");
            }
        }
    }
}

fn policy_from(args: &VerifyArgs) -> Result<Policy, Fail> {
    Ok(Policy {
        algorithms: args
            .alg
            .iter()
            .map(|a| parse_alg(a.trim()))
            .collect::<Result<_, _>>()?,
        leeway: args.leeway,
        ignore_exp: args.ignore_exp,
        aud: args.aud.clone(),
        iss: args.iss.clone(),
        sub: args.sub.clone(),
        required: args.require.clone(),
    })
}

fn verify_cmd(args: &VerifyArgs, now: i64) -> CliResult {
    let policy = policy_from(args)?;
    let text = read_arg(&args.token, "token")?;
    let insp = inspect(&text)?;
    let kid = insp
        .header
        .as_ref()
        .ok()
        .and_then(|h| h.get("kid"))
        .and_then(Value::as_str);
    let key = load_key(&args.key, kid, Purpose::Verify)?;
    let report = verify(&insp, Some(&key), &policy, now);
    let (_, verdict) = report.verdict();
    if args.json {
        let (payload, _) = payload_json(&insp, None);
        let checks: Vec<Value> = report
            .checks
            .iter()
            .map(|c| json!({"name": c.name, "ok": c.ok, "detail": c.detail}))
            .collect();
        let out = json!({
            "valid": report.valid(),
            "signature": report.signature.word(),
            "verdict": verdict,
            "alg": report.alg.map(|a| a.name()),
            "key": key.describe(),
            "checks": checks,
            "header": insp.header.as_ref().map_or(Value::Null, |h| Value::Object(h.clone())),
            "payload": payload,
        });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        say!("{verdict}");
        for c in &report.checks {
            say!(
                "  {} {:<6} {}",
                if c.ok { "✓" } else { "✗" },
                c.name,
                c.detail
            );
        }
    }
    let code = match &report.signature {
        _ if report.valid() => 0,
        SignatureStatus::Unchecked(
            Unchecked::KeyMismatch
            | Unchecked::Malformed
            | Unchecked::UnsupportedAlg
            | Unchecked::Encrypted,
            _,
        ) => 2,
        _ => 1,
    };
    Ok(ExitCode::from(code))
}

fn encode(args: &EncodeArgs, now: i64) -> CliResult {
    let payload = match &args.payload {
        Some(p) => read_arg(p, "payload")?,
        None => "{}".to_string(),
    };
    json::parse_object("payload", &payload)?;
    let header_in = args
        .header
        .clone()
        .unwrap_or_else(|| r#"{"typ":"JWT"}"#.to_string());
    let header_obj = json::parse_object("header", &header_in)?;
    let key = load_key(&args.key, args.kid.as_deref(), Purpose::Sign)?;
    let alg = match (&args.alg, header_obj.get("alg").and_then(Value::as_str)) {
        (Some(a), _) => parse_alg(a)?,
        (None, Some(a)) => parse_alg(a)?,
        (None, None) => key.default_alg(),
    };
    key.check_fits(alg, Purpose::Sign)?;
    let alg_json = Value::String(alg.name().to_string()).to_string();
    let mut header = if header_obj.contains_key("alg") {
        json::set_members("header", &header_in, &[("alg", alg_json)])?
    } else {
        json::with_leading_member("header", &header_in, "alg", &alg_json)?
    };
    if let Some(kid) = args.kid.clone().or_else(|| key.kid.clone()) {
        header = json::set_members(
            "header",
            &header,
            &[("kid", Value::String(kid).to_string())],
        )?;
    }
    let mut members: Vec<(&str, String)> = Vec::new();
    let payload_obj = json::parse_object("payload", &payload)?;
    if !args.no_iat && !payload_obj.contains_key("iat") {
        members.push(("iat", now.to_string()));
    }
    if let Some(secs) = args.exp {
        members.push(("exp", now.saturating_add(secs).to_string()));
    }
    let payload = if members.is_empty() {
        payload
    } else {
        json::set_members("payload", &payload, &members)?
    };
    let token = sign(&header, &payload, &key, Layout::Minified)?;
    say!("{token}");
    Ok(ExitCode::SUCCESS)
}

fn pair(args: &PairArgs, now: i64) -> CliResult {
    let key = load_key(&args.key, None, Purpose::Sign)?;
    let alg = match &args.alg {
        Some(a) => parse_alg(a)?,
        None => key.default_alg(),
    };
    let pair = recipes::token_pair(&args.sub, &key, alg, now)?;
    let out = json!({
        "access_token": pair.access,
        "refresh_token": pair.refresh,
        "token_type": "Bearer",
        "expires_in": recipes::ACCESS_TTL,
        "refresh_expires_in": recipes::REFRESH_TTL,
    });
    say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}

fn refresh(args: &RefreshArgs, now: i64) -> CliResult {
    let text = read_arg(&args.token, "token")?;
    let kid = inspect(&text)
        .ok()
        .and_then(|i| i.header.ok())
        .and_then(|h| h.get("kid").and_then(Value::as_str).map(str::to_string));
    let key = load_key(&args.key, kid.as_deref(), Purpose::Sign)?;
    let alg = args.alg.as_deref().map(parse_alg).transpose()?;
    match recipes::refresh(&text, &key, alg, now) {
        Ok(token) => {
            say!("{token}");
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Claim(m)) => Err(Fail {
            code: 1,
            message: m,
        }),
        Err(e) => Err(e.into()),
    }
}

/// Writes a file; private material gets owner-only permissions (0600) on Unix.
fn write_file(
    path: &std::path::Path,
    contents: &str,
    private: bool,
    force: bool,
) -> Result<(), Fail> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true);
    if force {
        opts.create(true).truncate(true);
    } else {
        opts.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(if private { 0o600 } else { 0o644 });
    }
    let fail = |e: std::io::Error| {
        let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
            " (use --force to overwrite)"
        } else {
            ""
        };
        Fail {
            code: 2,
            message: format!("cannot write {}: {e}{hint}", path.display()),
        }
    };
    use std::io::Write as _;
    opts.open(path)
        .and_then(|mut f| f.write_all(contents.as_bytes()))
        .map_err(fail)
}

fn keygen(args: &KeygenArgs) -> CliResult {
    let alg = parse_alg(&args.alg)?;
    let spec = keys::KeySpec {
        alg,
        rsa_bits: args.bits,
        kid: args.kid.clone(),
    };
    let key = keys::generate(&spec)?;
    std::fs::create_dir_all(&args.out_dir).map_err(|e| Fail {
        code: 2,
        message: format!("cannot create {}: {e}", args.out_dir.display()),
    })?;
    let stem = alg.name().to_ascii_lowercase();
    let mut written = Vec::new();
    let jwk = |private: bool| -> Result<String, Fail> {
        let mut m = key.to_jwk(private)?;
        m.insert("alg".into(), alg.name().into());
        Ok(serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default() + "\n")
    };
    if let crate::core::keys::KeyMaterial::Secret(bytes) = &key.material {
        let secret = args.out_dir.join(format!("{stem}.secret"));
        write_file(
            &secret,
            &format!("{}\n", b64::encode(bytes)),
            true,
            args.force,
        )?;
        let jwk_path = args.out_dir.join(format!("{stem}.jwk.json"));
        write_file(&jwk_path, &jwk(true)?, true, args.force)?;
        written.extend([
            (secret, "secret, base64url (use --secret b64:$(cat FILE))"),
            (jwk_path, "secret JWK"),
        ]);
    } else {
        let private = args.out_dir.join(format!("{stem}.key.pem"));
        write_file(&private, &key.private_pem()?, true, args.force)?;
        let public = args.out_dir.join(format!("{stem}.pub.pem"));
        write_file(&public, &key.public_pem()?, false, args.force)?;
        let jwk_path = args.out_dir.join(format!("{stem}.pub.jwk.json"));
        write_file(&jwk_path, &jwk(false)?, false, args.force)?;
        written.extend([
            (private, "private key, PKCS#8 PEM (owner-only)"),
            (public, "public key, SPKI PEM"),
            (jwk_path, "public JWK"),
        ]);
    }
    say!("{}", key.describe());
    say!("  thumbprint  {}", key.thumbprint());
    for (path, what) in written {
        say!("  {}  {what}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn key_cmd(args: &KeyCmdArgs, now: i64) -> CliResult {
    let file = keys::load_key_file(&args.file)?;
    let pick = |k: &Key| {
        if args.public {
            k.public_half()
        } else {
            k.clone()
        }
    };
    match args.to {
        None => {
            for note in &file.notes {
                eprintln!("note: {note}");
            }
            for k in &file.keys {
                say!("{}", k.describe());
                if k.family() != crate::core::Family::Hmac {
                    say!("  thumbprint  {}", k.thumbprint());
                } else {
                    say!(
                        "  thumbprint  {} (of the secret: do not publish it)",
                        k.thumbprint()
                    );
                }
                let algs: Vec<&str> = k.algorithms().iter().map(|a| a.name()).collect();
                say!("  algorithms  {}", algs.join(", "));
                for w in k.warnings(now) {
                    say!("  warning: {w}");
                }
            }
        }
        Some(KeyFormatArg::Jwks) => {
            say!(
                "{}",
                serde_json::to_string_pretty(&keys::public_jwks(&file.keys)).unwrap_or_default()
            );
        }
        Some(to) => {
            let k = file.pick(
                None,
                if args.public {
                    Purpose::Verify
                } else {
                    Purpose::Sign
                },
            )?;
            let k = pick(k);
            let out = match to {
                KeyFormatArg::Jwk => {
                    serde_json::to_string_pretty(&Value::Object(k.to_jwk(k.is_private())?))
                        .unwrap_or_default()
                }
                _ if k.is_private() && k.family() != crate::core::Family::Hmac => {
                    k.private_pem()?
                }
                _ => k.public_pem()?,
            };
            say!("{}", out.trim_end());
        }
    }
    Ok(ExitCode::SUCCESS)
}
