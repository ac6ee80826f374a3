//! The five parts of a compact JWE as `decode` shows them: their names, base64url text and
//! byte lengths, the header members that say how it was encrypted, and what makes it
//! malformed or unsupported.

use crate::cli::say;
use crate::core::b64;
use crate::core::jwe::{self, JweError, Part};
use crate::core::token::Inspection;
use serde_json::{Map, Value, json};

/// The JSON names of the five parts, in token order.
const NAMES: [(Part, &str); 5] = [
    (Part::ProtectedHeader, "protected"),
    (Part::EncryptedKey, "encrypted_key"),
    (Part::Iv, "iv"),
    (Part::Ciphertext, "ciphertext"),
    (Part::Tag, "tag"),
];

/// Each part's base64url text and decoded length (`None` when it is not base64url).
fn parts(insp: &Inspection) -> impl Iterator<Item = (Part, &'static str, &str, Option<usize>)> {
    NAMES.iter().enumerate().map(|(i, (part, name))| {
        let text = insp.segment_text(i);
        let len = b64::decode_strict(text).ok().map(|b| b.len());
        (*part, *name, text, len)
    })
}

/// `{"protected": {"base64url", "bytes"}, "encrypted_key": …, "iv", "ciphertext", "tag"}`;
/// `bytes` is null for a part that is not valid base64url.
pub(crate) fn parts_json(insp: &Inspection) -> Value {
    let mut out = Map::new();
    for (_, name, text, len) in parts(insp) {
        out.insert(name.into(), json!({"base64url": text, "bytes": len}));
    }
    Value::Object(out)
}

/// What is wrong with a JWE for `decode`: (problem, unsupported). A malformed token (bad
/// base64url, a header without `alg`/`enc`, parts of the wrong size) is a problem, exit 2;
/// an algorithm this workbench does not implement is reported, not an error.
pub(crate) fn jwe_problems(insp: &Inspection) -> (Option<String>, Option<String>) {
    match jwe::parse(&insp.token) {
        Ok(_) => (None, None),
        Err(e @ JweError::Unsupported(_)) => (None, Some(e.to_string())),
        Err(e) => (Some(e.to_string()), None),
    }
}

/// The first 48 characters of a part's text, with "…" when longer.
fn short(text: &str) -> String {
    match text.char_indices().nth(48) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text)),
        None => text.to_string(),
    }
}

/// A few words on the `epk` member: "EC P-256", "OKP X25519".
fn epk_words(epk: &Value) -> String {
    let member = |n: &str| epk.get(n).and_then(Value::as_str).unwrap_or("?");
    format!("{} {}", member("kty"), member("crv"))
}

/// The "Encryption" (alg, enc, zip, p2c, epk from the header) and "Parts" sections.
pub(crate) fn print_parts(insp: &Inspection) {
    if let Ok(h) = &insp.header {
        say!("Encryption");
        let rows = [
            ("alg", "key management"),
            ("enc", "content encryption"),
            ("zip", "compressed before encryption"),
            ("p2c", "PBES2 iterations"),
            ("epk", "ephemeral public key"),
        ];
        for (name, what) in rows {
            let shown = match (name, h.get(name)) {
                (_, None) => continue,
                ("epk", Some(v)) => epk_words(v),
                (_, Some(Value::String(s))) => s.clone(),
                (_, Some(v)) => v.to_string(),
            };
            say!("  {name}  {shown} ({what})");
        }
    }
    say!("Parts");
    for (part, _, text, len) in parts(insp) {
        let len = len.map_or_else(|| "not base64url".to_string(), |n| format!("{n} bytes"));
        say!("  {:<22} {:>14}  {}", part.name(), len, short(text));
    }
}
