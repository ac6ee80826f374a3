//! What a JWS payload is: JWT claims (read strictly when it is meant as claims), other JSON,
//! text or bytes; and the claims a caller needs, with a precise error.

use super::Inspection;
use crate::core::error::{Error, Result};
use crate::core::{json, strict};
use serde_json::{Map, Value};

/// The decoded payload of a JWS.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A JSON object: JWT claims.
    Claims(Map<String, Value>),
    /// JSON that is not an object (an array, a string...): a JWS, not a JWT.
    OtherJson(Value),
    /// UTF-8 text that is not JSON (RFC 8037's "Example of Ed25519 signing").
    Text(String),
    /// Bytes that are not UTF-8.
    Binary(Vec<u8>),
    /// Meant as claims (it looks like JSON, or the header says `typ: JWT`) but not a valid
    /// JWT Claims Set under strict reading ([`strict`]): the verdict is "invalid claims".
    Invalid {
        /// The payload as text (invalid UTF-8 replaced), for showing.
        text: String,
        /// Which rule failed, and where.
        error: Error,
    },
    /// A JWE's ciphertext: not readable without decryption.
    Encrypted,
    /// The payload segment is empty: the payload travels apart (RFC 7515 appendix F) and is
    /// given to the verifier separately.
    Detached,
}

impl Payload {
    /// The claims, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&Map<String, Value>> {
        match self {
            Payload::Claims(m) => Some(m),
            _ => None,
        }
    }

    /// One sentence for a payload that has no claims; `None` for claims.
    pub fn explain(&self) -> Option<String> {
        match self {
            Payload::Claims(_) => None,
            Payload::OtherJson(v) => Some(format!(
                "the payload is JSON but {}, not an object, so it holds no claims (a JWS, not a JWT)",
                json::kind_name(v)
            )),
            Payload::Text(_) => Some(
                "the payload is plain text, not JSON: a valid JWS, but not a JWT with claims"
                    .to_string(),
            ),
            Payload::Binary(b) => Some(format!(
                "the payload is {} bytes of binary data, not JSON: it holds no claims",
                b.len()
            )),
            Payload::Invalid { error, .. } => Some(format!(
                "the payload is not a valid JWT Claims Set: {error}"
            )),
            Payload::Detached => Some(
                "the payload is detached (RFC 7515 appendix F): it is not in the token; give it to the verifier apart (verify --payload; for a compact token, also the window's Payload editor)"
                    .to_string(),
            ),
            Payload::Encrypted => Some(
                "this is an encrypted token (JWE, 5 segments): its payload can be read only with the decryption key (the window's JWE key, or decrypt on the command line)"
                    .to_string(),
            ),
        }
    }
}

/// What a payload is: the one decision, shared by the command line, the window, the attack
/// lab and JWE plaintexts. A payload that looks like JSON, or any payload under a header that
/// says `typ: JWT`, is read strictly as claims ([`strict::parse_claims`]); it is claims or it is
/// [`Payload::Invalid`], never "plain text".
pub fn classify_payload(bytes: &[u8], typ_jwt: bool) -> Payload {
    let text = std::str::from_utf8(bytes);
    if typ_jwt || strict::looks_like_json(bytes) {
        // Claims are parsed from the bytes as they are: no copy of a large payload.
        return match text {
            Err(e) => Payload::Invalid {
                text: String::from_utf8_lossy(bytes).into_owned(),
                error: Error::Strict {
                    what: "payload".into(),
                    problem: format!(
                        "is not UTF-8 (invalid byte at offset {}); JWT claims are UTF-8 JSON (RFC 7519 section 7.2)",
                        e.valid_up_to()
                    ),
                },
            },
            Ok(text) => match strict::parse_claims("payload", text) {
                Ok(m) => Payload::Claims(m),
                Err(error) => Payload::Invalid {
                    text: text.to_string(),
                    error,
                },
            },
        };
    }
    match text {
        Err(_) => Payload::Binary(bytes.to_vec()),
        Ok(text) => match serde_json::from_str::<Value>(text) {
            Ok(other) => Payload::OtherJson(other),
            Err(_) => Payload::Text(text.to_string()),
        },
    }
}

/// Decodes a payload segment that should be JSON claims, with a precise error (for callers
/// that need claims, such as the refresh recipe).
pub fn require_claims(insp: &Inspection) -> Result<&Map<String, Value>> {
    match &insp.payload {
        Err(e) => Err(e.clone()),
        Ok(Payload::Claims(m)) => Ok(m),
        Ok(Payload::Invalid { error, .. }) => Err(error.clone()),
        Ok(Payload::Text(t)) => Err(json::parse_object("payload", t)
            .err()
            .unwrap_or_else(|| Error::Shape("payload is not JSON".into()))),
        Ok(other) => Err(Error::Shape(other.explain().unwrap_or_default())),
    }
}
