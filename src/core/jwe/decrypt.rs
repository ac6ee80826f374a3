//! Decrypting a compact JWE (RFC 7516 section 5.2), with a step-by-step trace for teaching.

use super::error::JweError;
use super::keys::JweKey;
use super::manage::{KeyStep, unwrap_cek};
use super::parse::{JweParts, parse};
use super::problem::{HeaderProblem, Unsupported};
use super::{Limits, content, zip};
use crate::core::b64;
use serde_json::{Map, Value};
use std::fmt;
use zeroize::Zeroizing;

/// Every intermediate value of a decryption, for showing how JWE works.
#[derive(Clone, PartialEq, Eq)]
pub struct Trace {
    /// The content encryption key. Secret: shown only because a person asked to see it.
    pub cek: Zeroizing<Vec<u8>>,
    /// How the CEK was obtained (wrapped key, ephemeral key and derived key, salt and count).
    pub key_step: KeyStep,
    /// The encrypted key part's bytes (empty for `dir` and `ECDH-ES`).
    pub encrypted_key: Vec<u8>,
    /// The initialization vector.
    pub iv: Vec<u8>,
    /// The additional authenticated data: the protected header's base64url text (in the JSON
    /// forms, followed by `.` and the `aad` member when there is one).
    pub aad: String,
    /// The ciphertext.
    pub ciphertext: Vec<u8>,
    /// The authentication tag.
    pub tag: Vec<u8>,
    /// Length in bytes of the decrypted content before any inflating.
    pub decrypted_len: usize,
    /// True when the decrypted content was inflated (`"zip":"DEF"`).
    pub inflated: bool,
}

impl fmt::Debug for Trace {
    /// Sizes and the key step only; the CEK is never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Trace {{ cek: {} bytes, key_step: {:?}, iv: {} bytes, ciphertext: {} bytes, tag: {} bytes, inflated: {} }}",
            self.cek.len(),
            self.key_step,
            self.iv.len(),
            self.ciphertext.len(),
            self.tag.len(),
            self.inflated
        )
    }
}

/// A decrypted JWE: its parts (header included), the plaintext and the trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Decrypted {
    /// The token taken apart; `parts.header` is the protected header (in the JSON forms, the
    /// union of the protected, shared unprotected and recipient headers).
    pub parts: JweParts,
    /// The plaintext (inflated when the header says `"zip":"DEF"`).
    pub plaintext: Vec<u8>,
    /// How the plaintext was obtained, step by step.
    pub trace: Trace,
}

impl Decrypted {
    /// The protected header.
    pub fn header(&self) -> &Map<String, Value> {
        &self.parts.header
    }

    /// For the CBC-HMAC algorithms, the CEK's halves: (MAC key, encryption key).
    pub fn cbc_keys(&self) -> Option<(&[u8], &[u8])> {
        if self.parts.enc.is_gcm() {
            return None;
        }
        Some(self.trace.cek.split_at(self.trace.cek.len() / 2))
    }
}

/// Refuses a header with `crit`: no critical extension is understood here, and RFC 7516
/// section 4.1.13 says a recipient must then reject the token.
fn check_crit(header: &Map<String, Value>) -> Result<(), JweError> {
    match header.get("crit") {
        None => Ok(()),
        Some(Value::Array(items)) if !items.is_empty() => {
            let names: Option<Vec<String>> = items
                .iter()
                .map(|v| v.as_str().map(|n| crate::core::text::clip(n, 40)))
                .collect();
            let names = names.ok_or(HeaderProblem::CritNotNames)?;
            Err(Unsupported::Crit { names }.into())
        }
        Some(_) => Err(HeaderProblem::CritNotArray.into()),
    }
}

/// Decrypts a compact JWE with `key`, within `limits`.
///
/// Structural problems found before any cryptography (bad base64url, missing header
/// members, wrong sizes, unsupported algorithms, an over-limit `p2c`, an invalid `epk`)
/// have specific messages. Every cryptographic failure (wrong key, failed unwrap, bad tag,
/// bad padding, RSA failure) is the one [`JweError::Decryption`].
pub fn decrypt(token: &str, key: &JweKey, limits: &Limits) -> Result<Decrypted, JweError> {
    let parts = parse(token)?;
    let aad = parts.protected.text.clone();
    open(parts, key, limits, aad)
}

/// Decrypts parts already taken apart, authenticating `aad` (the compact form's: the
/// protected header's base64url text; the JSON forms' may add `.` and the `aad` member).
pub(super) fn open(
    parts: JweParts,
    key: &JweKey,
    limits: &Limits,
    aad: String,
) -> Result<Decrypted, JweError> {
    check_crit(&parts.header)?;
    let (cek, key_step) = unwrap_cek(&parts, key, limits)?;
    let decrypted = content::decrypt(
        parts.enc,
        &cek,
        &parts.iv.bytes,
        aad.as_bytes(),
        &parts.ciphertext.bytes,
        &parts.tag.bytes,
    )?;
    let decrypted_len = decrypted.len();
    let plaintext = if parts.zip {
        zip::inflate(&decrypted)?
    } else {
        decrypted
    };
    let trace = Trace {
        cek,
        key_step,
        encrypted_key: parts.encrypted_key.bytes.clone(),
        iv: parts.iv.bytes.clone(),
        aad,
        ciphertext: parts.ciphertext.bytes.clone(),
        tag: parts.tag.bytes.clone(),
        decrypted_len,
        inflated: parts.zip,
    };
    Ok(Decrypted {
        parts,
        plaintext,
        trace,
    })
}

/// True when the plaintext is a signed token: `cty` is "JWT" (any case), or the plaintext
/// is a compact JWS (three base64url segments whose first is a JSON object with `alg`).
pub fn is_nested_jws(decrypted: &Decrypted) -> bool {
    let cty_jwt = decrypted
        .parts
        .header_str("cty")
        .is_some_and(|c| c.eq_ignore_ascii_case("JWT"));
    cty_jwt || looks_like_compact_jws(&decrypted.plaintext)
}

/// True when `bytes` read as a compact JWS whose header is a JSON object with `alg`.
pub fn looks_like_compact_jws(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let segments: Vec<&str> = text.trim().split('.').collect();
    let [header, payload, signature] = segments.as_slice() else {
        return false;
    };
    if b64::decode_strict(payload).is_err() || b64::decode_strict(signature).is_err() {
        return false;
    }
    b64::decode_strict(header)
        .ok()
        .and_then(|h| String::from_utf8(h).ok())
        .and_then(|h| crate::core::json::parse_value("header", &h).ok())
        .is_some_and(|v| v.get("alg").is_some_and(Value::is_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn crit_is_refused_with_its_names() {
        let h = json!({"crit": ["exp", "b64"]});
        let err = check_crit(h.as_object().unwrap()).unwrap_err().to_string();
        assert!(
            err.contains("\"exp\", \"b64\"") && err.contains("4.1.13"),
            "{err}"
        );
        assert!(check_crit(json!({"crit": []}).as_object().unwrap()).is_err());
        assert!(check_crit(json!({"crit": [1]}).as_object().unwrap()).is_err());
        assert!(check_crit(json!({}).as_object().unwrap()).is_ok());
    }

    #[test]
    fn recognises_compact_jws_plaintexts() {
        let jws = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        assert!(looks_like_compact_jws(jws.as_bytes()));
        assert!(looks_like_compact_jws(b"eyJhbGciOiJub25lIn0.e30."));
        assert!(!looks_like_compact_jws(b"eyJ0eXAiOiJKV1QifQ.e30.c2ln"));
        assert!(!looks_like_compact_jws(b"hello.world.again"));
        assert!(!looks_like_compact_jws(b"{\"alg\":\"HS256\"}"));
        assert!(!looks_like_compact_jws(&[0xff, 0xfe]));
    }
}
