//! `decrypt` and `encrypt`: JSON Web Encryption on the command line, on top of
//! `core::jwe`; and the JWE parts that `decode` shows.
//!
//! Exit codes: a JWE that the given key does not decrypt (wrong key, or an altered token: the
//! core's one message) is a failed check, 1; a malformed token, a key of the wrong kind, a
//! refused limit or a refused algorithm is 2.

mod decrypt;
mod encrypt;
mod json;
mod parts;
mod show;

pub(crate) use encrypt::encrypt;
pub(crate) use parts::{jwe_problems, parts_json, print_parts};

use super::{CliResult, DecryptArgs, Fail, JweKeyArgs, tell};
use crate::core::findings::{self, Finding};
use crate::core::jwe::{self, JweError, JweKey, Limits, MAX_P2C_CEILING};
use crate::core::keys as corekeys;
use crate::core::token;
use decrypt::{check_p2c, key_len, report};
use serde_json::{Map, Value};

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

/// Loads `--secret` (symmetric bytes or a password) or the one `--key` (PEM, DER, JWK,
/// JWKS, X25519); a JWKS is searched by the first of `kids` it has. Among several PEM
/// blocks, decrypting takes the first private key and encrypting the first key.
fn load_jwe_key(args: &JweKeyArgs, kids: &[&str], decrypting: bool) -> Result<Loaded, Fail> {
    if let Some(spec) = &args.secret {
        return Ok(Loaded {
            key: JweKey::Key(corekeys::parse_secret_spec(spec)?),
            kid: None,
        });
    }
    match args.key.as_slice() {
        [path] => load_jwe_file(path, kids, decrypting),
        [] => Err(bad("give --secret or --key".into())),
        several => Err(bad(format!(
            "decrypt takes one --key; {} were given (a JWKS holds several keys, picked by kid)",
            several.len()
        ))),
    }
}

/// Loads one key file (see [`load_jwe_key`]).
fn load_jwe_file(path: &std::path::Path, kids: &[&str], decrypting: bool) -> Result<Loaded, Fail> {
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
        Some(Value::Array(keys)) => pick_jwk(keys, kids, decrypting)?,
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

/// `"a", "b"`, or "none".
fn quoted<'a>(list: impl IntoIterator<Item = &'a str>) -> String {
    let list: Vec<String> = list
        .into_iter()
        .map(|k| format!("\"{}\"", clip(k, 40)))
        .collect();
    if list.is_empty() {
        "none".to_string()
    } else {
        list.join(", ")
    }
}

/// A JWK's `kid`, when a string.
fn kid_of(jwk: &Map<String, Value>) -> Option<&str> {
    jwk.get("kid").and_then(Value::as_str)
}

/// The JWK of a JWKS with the first of `kids` it has, or its only key when `kids` is empty.
fn pick_jwk(keys: &[Value], kids: &[&str], decrypting: bool) -> Result<Map<String, Value>, Fail> {
    let objects: Vec<&Map<String, Value>> = keys.iter().filter_map(Value::as_object).collect();
    let have = || quoted(objects.iter().filter_map(|k| kid_of(k)));
    let found = match (kids, objects.as_slice()) {
        ([], [only]) => only,
        ([], []) => return Err(bad("the JWKS holds no key".into())),
        ([], _) => {
            let what = if decrypting {
                "the token has no kid"
            } else {
                "no --kid was given"
            };
            return Err(bad(format!(
                "{what} and the JWKS holds {} keys (kids: {}); pick one",
                objects.len(),
                have()
            )));
        }
        _ => {
            let hit = kids
                .iter()
                .find_map(|kid| objects.iter().find(|k| kid_of(k) == Some(*kid)));
            let Some(hit) = hit else {
                let key = if kids.len() == 1 {
                    "kid"
                } else {
                    "any of the kids"
                };
                return Err(bad(format!(
                    "the JWKS has no key with {key} {}; its kids: {}",
                    quoted(kids.iter().copied()),
                    have()
                )));
            };
            hit
        }
    };
    Ok((*found).clone())
}

/// A `note:` line on stderr for each finding of these headers, each finding once.
fn note_header_findings(headers: impl IntoIterator<Item = Map<String, Value>>) {
    let mut seen: Vec<Finding> = Vec::new();
    for header in headers {
        for f in crate::core::findings::jwe_header_findings(&header) {
            if !seen.iter().any(|n| n.id == f.id) {
                note_finding(&f);
                seen.push(f);
            }
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

/// `decrypt`: see the module doc; exit codes in `decrypt --help`.
pub(crate) fn decrypt(args: &DecryptArgs, now: i64) -> CliResult {
    let text = crate::cli::read_token(&args.token, "token")?;
    token::check_size(text.trim().len())?;
    let limits = match args.max_p2c {
        Some(n) => Limits::default().with_max_p2c(n).map_err(|_| {
            bad(format!(
                "--max-p2c must be 1 to {MAX_P2C_CEILING}; {n} is not"
            ))
        })?,
        None => Limits::default(),
    };
    if jwe::looks_like_json(&text) {
        return json::decrypt_json(args, &text, &limits, now);
    }
    let (token, repairs) = token::repair(&text);
    for r in &repairs {
        tell!("note: {}", r.note());
    }
    let parts = jwe::parse(&token)?;
    check_p2c(&parts, &limits)?;
    let kid = parts.header_str("kid");
    let Loaded { key, .. } = load_jwe_key(&args.key, kid.as_slice(), true)?;
    let decrypted = match jwe::decrypt(&token, &key, &limits) {
        Ok(d) => d,
        Err(e) => {
            findings::jwe_findings(&parts, None, key_len(&key))
                .iter()
                .for_each(note_finding);
            return Err(e.into());
        }
    };
    report(args, &decrypted, key_len(&key), None, now)
}
