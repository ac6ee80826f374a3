//! `decrypt` and `encrypt`: JSON Web Encryption on the command line, on top of
//! `core::jwe`; and the JWE parts that `decode` shows.
//!
//! Exit codes: a JWE that the given key does not decrypt (wrong key, or an altered token: the
//! core's one message) is a failed check, 1; a malformed token, a key of the wrong kind, a
//! refused limit or a refused algorithm is 2.

mod decrypt;
mod parts;
mod show;

pub(crate) use decrypt::decrypt;
pub(crate) use parts::{jwe_problems, parts_json, print_parts};

use super::{CliResult, EncryptArgs, Fail, JweKeyArgs, read_arg, say, tell};
use crate::core::findings::{self, Finding};
use crate::core::jwe::{
    self, ContentAlg, EncryptOptions, JweError, JweKey, KeyAlg, KeyFamily, NOT_SUPPORTED,
    Unsupported, looks_like_compact_jws,
};
use crate::core::keys as corekeys;
use serde_json::{Map, Value};
use std::process::ExitCode;

impl From<JweError> for Fail {
    /// A decryption failure is a failed check (1); everything else is unusable input (2).
    fn from(e: JweError) -> Self {
        Fail {
            code: if e == JweError::Decryption { 1 } else { 2 },
            message: e.to_string(),
        }
    }
}

/// A failure with exit code 2.
fn bad(message: String) -> Fail {
    Fail { code: 2, message }
}

/// The first `max` characters of user text quoted in a message, with "…" when cut.
fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// A JWE key and the `kid` of the JWK it came from, if any.
struct Loaded {
    key: JweKey,
    kid: Option<String>,
}

/// Loads `--secret` (symmetric bytes or a password) or `--key` (PEM, DER, JWK, JWKS,
/// X25519); a JWKS is searched by `kid`. Among several PEM blocks, decrypting takes the
/// first private key and encrypting the first key.
fn load_jwe_key(args: &JweKeyArgs, kid: Option<&str>, decrypting: bool) -> Result<Loaded, Fail> {
    if let Some(spec) = &args.secret {
        return Ok(Loaded {
            key: JweKey::Key(corekeys::parse_secret_spec(spec)?),
            kid: None,
        });
    }
    let path = args
        .key
        .as_ref()
        .ok_or_else(|| bad("give --secret or --key".into()))?;
    let bytes = corekeys::read_key_file(path)?;
    let text = std::str::from_utf8(&bytes)
        .ok()
        .map(|t| t.trim_start_matches('\u{feff}').trim())
        .filter(|t| t.starts_with('{'));
    let Some(text) = text else {
        return Ok(Loaded {
            key: key_from_file(&bytes, decrypting)?,
            kid: None,
        });
    };
    let obj = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(obj)) => obj,
        Ok(_) => return Err(bad("the key file's JSON is not an object".into())),
        Err(e) => return Err(bad(format!("the key file is not valid JSON: {e}"))),
    };
    let jwk = match obj.get("keys") {
        Some(Value::Array(keys)) => pick_jwk(keys, kid, decrypting)?,
        Some(_) => return Err(bad("the JWKS member \"keys\" must be an array".into())),
        None => obj,
    };
    Ok(Loaded {
        key: JweKey::from_jwk(&jwk)?,
        kid: jwk.get("kid").and_then(Value::as_str).map(String::from),
    })
}

/// A PEM or DER key file, read by the project's loader (X25519 too; its notes on stderr).
fn key_from_file(bytes: &[u8], decrypting: bool) -> Result<JweKey, Fail> {
    let file = corekeys::load_key_bytes(bytes)?;
    // The loader's notes on several keys speak of signing; say what JWE takes.
    let (purpose, which) = if decrypting {
        (corekeys::Purpose::Sign, "the first private key")
    } else {
        (corekeys::Purpose::Verify, "the first key")
    };
    match file.keys.len() {
        1 => file.notes.iter().for_each(|n| tell!("note: {n}")),
        n => tell!("note: the key file holds {n} keys; using {which}"),
    }
    Ok(JweKey::from_key(file.pick(None, purpose)?)?)
}

/// The JWK of a JWKS with this `kid`, or its only key when there is no `kid`.
fn pick_jwk(
    keys: &[Value],
    kid: Option<&str>,
    decrypting: bool,
) -> Result<Map<String, Value>, Fail> {
    let what = if decrypting {
        "the token has no kid"
    } else {
        "no --kid was given"
    };
    let objects: Vec<&Map<String, Value>> = keys.iter().filter_map(Value::as_object).collect();
    let kids = || {
        let list: Vec<String> = objects
            .iter()
            .filter_map(|k| k.get("kid").and_then(Value::as_str))
            .map(|k| format!("\"{}\"", clip(k, 40)))
            .collect();
        if list.is_empty() {
            "none".to_string()
        } else {
            list.join(", ")
        }
    };
    let found = match kid {
        Some(kid) => objects
            .iter()
            .find(|k| k.get("kid").and_then(Value::as_str) == Some(kid))
            .ok_or_else(|| {
                bad(format!(
                    "the JWKS has no key with kid \"{}\"; its kids: {}",
                    clip(kid, 40),
                    kids()
                ))
            })?,
        None => match objects.as_slice() {
            [only] => only,
            [] => return Err(bad("the JWKS holds no key".into())),
            _ => {
                return Err(bad(format!(
                    "{what} and the JWKS holds {} keys (kids: {}); pick one",
                    objects.len(),
                    kids()
                )));
            }
        },
    };
    Ok((*found).clone())
}

/// The key management algorithm for encrypting: unknown names list what `encrypt` supports,
/// and RSA1_5 is refused.
fn encrypt_alg(name: &str) -> Result<KeyAlg, Fail> {
    let why = |n: &str| {
        NOT_SUPPORTED
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, why)| *why)
    };
    match KeyAlg::from_name(name) {
        Some(KeyAlg::Rsa1_5) => Err(bad(format!(
            "RSA1_5 encryption is {}; use RSA-OAEP-256",
            why("RSA1_5 encryption").unwrap_or("refused")
        ))),
        Some(alg) => Ok(alg),
        None => {
            let names: Vec<&str> = KeyAlg::ALL
                .iter()
                .filter(|a| **a != KeyAlg::Rsa1_5)
                .map(|a| a.name())
                .collect();
            let why = why(name).map(|w| format!(" ({w})")).unwrap_or_default();
            Err(bad(format!(
                "key management algorithm \"{}\" is not supported{why}; encrypt supports: {}",
                clip(name, 40),
                names.join(", ")
            )))
        }
    }
}

/// One `note:` line on stderr for a finding.
fn note_finding(f: &Finding) {
    tell!(
        "note: {} {}: {}: {}",
        f.severity.label(),
        f.id,
        f.title,
        f.detail
    );
}

/// True when `text` is a JSON object with a registered JWT claim.
fn is_claims(text: &str) -> bool {
    matches!(crate::core::json::parse_value("plaintext", text), Ok(Value::Object(o))
        if ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"].iter().any(|c| o.contains_key(*c)))
}

/// `encrypt`: prints the compact JWE; notes on stderr suggest `--cty JWT` for a signed
/// plaintext and flag unsigned claims, compression and odd iteration counts.
pub(crate) fn encrypt(args: &EncryptArgs) -> CliResult {
    let alg = encrypt_alg(&args.alg)?;
    let enc = ContentAlg::from_name(&args.enc)
        .ok_or_else(|| JweError::from(Unsupported::content_alg(&args.enc)))?;
    if args.p2c.is_some() && alg.family() != KeyFamily::Pbes2 {
        return Err(bad(format!(
            "--p2c is the PBES2 iteration count; {alg} has none, so leave it out"
        )));
    }
    let input = read_arg(&args.plaintext, "plaintext")?;
    let signed = looks_like_compact_jws(input.trim().as_bytes());
    let plaintext = if signed { input.trim() } else { input.as_str() };
    let loaded = load_jwe_key(&args.key, args.kid.as_deref(), false)?;
    let mut options = EncryptOptions::new(alg, enc);
    options.cty = args.cty.clone();
    options.zip = args.zip;
    options.kid = args.kid.clone().or(loaded.kid);
    options.p2c = args.p2c;
    let token = jwe::encrypt(plaintext.as_bytes(), &options, &loaded.key)?;
    if signed && args.cty.is_none() {
        tell!(
            "note: the plaintext is a signed JWT; add --cty JWT so that recipients verify it as a nested JWT (RFC 7519 section 5.2)"
        );
    }
    if !signed && is_claims(plaintext) && matches!(alg.family(), KeyFamily::Rsa | KeyFamily::Ecdh) {
        tell!(
            "note: the plaintext is unsigned claims: anyone holding the recipient's public key could have made this token; sign them first (jwt-workbench encode), then encrypt the signed token with --cty JWT"
        );
    }
    if let Ok(parts) = jwe::parse(&token) {
        findings::jwe_header_findings(&parts.header)
            .iter()
            .for_each(note_finding);
    }
    say!("{token}");
    Ok(ExitCode::SUCCESS)
}
