//! The JWS JSON serialization (RFC 7515 section 7.2): one payload with one signature
//! (flattened) or several (general), each with a protected header (signed) and an unprotected
//! one (not signed). Each signature is read as the compact token it stands for, so the one
//! verifier judges it; members of the unprotected header never decide anything.

mod make;
mod read;
mod verify;

use read::{general_entries, member_type, read_signature, same_b64};

pub use make::{Signer, sign_json, to_compact, to_json};
pub use verify::{
    Outcome, SignatureCheck, SignatureResult, SignatureVerdict, Verdicts, check_signatures,
    verify_each, with_claims,
};

use super::error::Error;
use super::json;
use super::strict;
use super::token::{self, Inspection};
use serde_json::{Map, Value};

/// How a signed token is written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serialization {
    /// `header.payload.signature`.
    Compact,
    /// A JSON object with `payload`, `protected`, `header` and `signature`.
    Flattened,
    /// A JSON object with `payload` and a `signatures` array.
    General,
}

impl Serialization {
    /// The name the command line uses.
    pub fn name(self) -> &'static str {
        match self {
            Serialization::Compact => "compact",
            Serialization::Flattened => "flattened",
            Serialization::General => "general",
        }
    }
}

/// Why a JWS JSON document, or one of its signatures, cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwsJsonError {
    /// The text is not a JSON object, or not a JWS (it may be a JWE).
    #[error("{0}")]
    NotJws(String),
    /// A member has the wrong JSON type.
    #[error("the member \"{member}\" must be {expected}; it is {found}")]
    MemberType {
        /// The member's name (with its signature's index when inside `signatures`).
        member: String,
        /// What RFC 7515 section 7.2 asks for.
        expected: &'static str,
        /// What the document holds.
        found: &'static str,
    },
    /// The document breaks a rule of RFC 7515 section 7.2 or RFC 7797.
    #[error("{0}")]
    Rule(String),
    /// JSON, base64url or size trouble, as for a compact token.
    #[error("{0}")]
    Token(#[from] Error),
}

/// A JWS in the JSON serialization, taken apart.
#[derive(Debug, Clone)]
pub struct JwsJson {
    /// Flattened or general.
    pub serialization: Serialization,
    /// The `payload` member as written (base64url, or the text itself with `b64: false`);
    /// `None` when the payload is detached.
    pub payload: Option<String>,
    /// `b64: false` in the protected headers (RFC 7797): the same for every signature.
    pub unencoded: bool,
    /// Each signature, in document order.
    pub signatures: Vec<JsonSignature>,
}

/// One signature of a JWS JSON document.
#[derive(Debug, Clone)]
pub struct JsonSignature {
    /// The `protected` member (base64url of the signed header), empty when absent.
    pub protected: String,
    /// The `header` member: parameters that are not signed.
    pub unprotected: Option<Map<String, Value>>,
    /// The `signature` member (base64url).
    pub signature: String,
    /// The signature read as the compact token `protected.payload.signature`; an error when
    /// its headers break the rules (an unprotected `alg`, a name in both headers).
    pub inspection: Result<Inspection, JwsJsonError>,
}

impl JsonSignature {
    /// The `kid`, from the protected header first; the flag says whether it is signed.
    pub fn kid(&self) -> Option<(String, bool)> {
        let signed = self
            .inspection
            .as_ref()
            .ok()
            .and_then(|i| i.header.as_ref().ok())
            .and_then(|h| h.get("kid"))
            .and_then(Value::as_str);
        if let Some(k) = signed {
            return Some((k.to_string(), true));
        }
        self.unprotected
            .as_ref()
            .and_then(|h| h.get("kid"))
            .and_then(Value::as_str)
            .map(|k| (k.to_string(), false))
    }

    /// The header a key is looked up with: the protected one, plus an unprotected `kid` when
    /// the protected header has none (a hint for finding the key, never a verdict).
    pub fn lookup_header(&self) -> Option<Map<String, Value>> {
        let insp = self.inspection.as_ref().ok()?;
        let mut header = insp.header.as_ref().ok()?.clone();
        if let (None, Some((kid, false))) = (header.get("kid"), self.kid()) {
            header.insert("kid".into(), Value::String(kid));
        }
        Some(header)
    }
}

/// True when `text` looks like a JSON document rather than a compact token.
pub fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Reads a JWS JSON document (flattened or general). Every signature is read even when
/// another is broken; the document as a whole fails only when it is not a JWS.
pub fn parse(text: &str) -> Result<JwsJson, JwsJsonError> {
    let text = text.trim();
    token::check_size(text.len())?;
    let doc = json::parse_object("JWS JSON document", text)?;
    strict::check_unique("JWS JSON document", text)?;
    if doc.contains_key("ciphertext") {
        return Err(JwsJsonError::NotJws(
            "this is a JWE in the JSON serialization (it has ciphertext): use decrypt".into(),
        ));
    }
    let serialization = match (doc.get("signatures"), doc.get("signature")) {
        (Some(_), Some(_)) => {
            return Err(JwsJsonError::Rule(
                "the document has both signatures (general) and signature (flattened); RFC 7515 section 7.2.2 forbids mixing them".into(),
            ));
        }
        (Some(_), None) => Serialization::General,
        (None, Some(_)) => Serialization::Flattened,
        (None, None) => {
            return Err(JwsJsonError::NotJws(
                "a JSON object, but not a JWS: it has neither signatures nor signature (RFC 7515 section 7.2)".into(),
            ));
        }
    };
    let payload = match doc.get("payload") {
        None => None,
        Some(Value::String(p)) => Some(p.clone()),
        Some(other) => return Err(member_type("payload", "a string", other)),
    };
    let entries: Vec<read::Entry<'_>> = match serialization {
        Serialization::General => general_entries(&doc)?,
        _ => vec![(String::new(), &doc)],
    };
    let mut signatures = Vec::with_capacity(entries.len());
    for (prefix, entry) in entries {
        signatures.push(read_signature(&prefix, entry, payload.as_deref())?);
    }
    let unencoded = same_b64(&signatures)?;
    Ok(JwsJson {
        serialization,
        payload,
        unencoded,
        signatures,
    })
}

impl JwsJson {
    /// Gives a detached document its payload (bytes as they are), for every signature.
    pub fn attach_payload(&mut self, payload: &[u8]) {
        for s in &mut self.signatures {
            if let Ok(insp) = &mut s.inspection {
                insp.attach_payload(payload.to_vec());
            }
        }
    }

    /// True when the payload is not in the document.
    pub fn is_detached(&self) -> bool {
        self.payload.is_none()
    }

    /// The payload's bytes as signed content (decoded unless `b64: false`), when present.
    pub fn payload_bytes(&self) -> Option<Vec<u8>> {
        self.signatures
            .iter()
            .filter_map(|s| s.inspection.as_ref().ok())
            .find_map(|i| i.payload_bytes.as_ref().ok().cloned())
    }
}

#[cfg(test)]
mod tests;
