//! The original token taken apart, and the small helpers every attack builds tokens with.

use super::AttackError;
use crate::core::alg::{HeaderAlg, JwsAlg};
use crate::core::keys::{self, Key};
use crate::core::token::{Form, Inspection};
use crate::core::{b64, json};
use serde_json::{Map, Value};

/// The original token taken apart, as every attack needs it.
pub(super) struct Original {
    /// The token's real algorithm.
    pub(super) alg: JwsAlg,
    /// The decoded header JSON text.
    pub(super) header: String,
    /// The three segments' text, exactly as in the token.
    pub(super) header_segment: String,
    pub(super) payload_segment: String,
    pub(super) signature_segment: String,
    /// The signature bytes.
    pub(super) signature: Vec<u8>,
    /// The payload JSON text and its claims, when the payload is a JSON object.
    pub(super) claims: Option<(String, Map<String, Value>)>,
}

impl Original {
    pub(super) fn read(insp: &Inspection) -> Result<Original, AttackError> {
        if insp.form == Form::Jwe {
            return Err(AttackError::Encrypted);
        }
        if let Some(e) = insp.first_error() {
            return Err(e.clone().into());
        }
        let alg = match &insp.alg {
            HeaderAlg::Known(a) => *a,
            other => {
                let problem = other.problem().unwrap_or_default();
                return Err(AttackError::Algorithm(problem));
            }
        };
        let header_bytes = insp.header_bytes.clone()?;
        let header = String::from_utf8(header_bytes)
            .map_err(|_| AttackError::Algorithm("the header is not UTF-8 text".into()))?;
        let claims = match (insp.claims(), insp.payload_bytes.as_ref().ok()) {
            (Some(map), Some(bytes)) => String::from_utf8(bytes.clone())
                .ok()
                .map(|text| (text, map.clone())),
            _ => None,
        };
        Ok(Original {
            alg,
            header,
            header_segment: insp.segment_text(0).to_string(),
            payload_segment: insp.segment_text(1).to_string(),
            signature_segment: insp.segment_text(2).to_string(),
            signature: insp.signature.clone()?,
            claims,
        })
    }

    /// The original header with members set (in place, or appended), minified.
    pub(super) fn header_with(&self, members: &[(&str, String)]) -> Result<String, AttackError> {
        Ok(json::set_members("header", &self.header, members)?)
    }
}

/// A JSON string literal for `s`.
pub(super) fn json_str(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// The parts joined with dots, in a string of exactly that size: a variant of a 1 MiB token
/// costs 1 MiB, not the 2 MiB a growing `format!` may leave reserved.
pub(super) fn dotted(parts: &[&str]) -> String {
    let size = parts.iter().map(|p| p.len() + 1).sum::<usize>();
    let mut out = String::with_capacity(size);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(part);
    }
    out
}

/// `BASE64URL(header) "." payload_segment "." BASE64URL(signature)`.
pub(super) fn compact(header: &str, payload_segment: &str, signature: &[u8]) -> String {
    dotted(&[
        &b64::encode(header.as_bytes()),
        payload_segment,
        &b64::encode(signature),
    ])
}

/// Signs `header` over the given payload segment with `key` under `alg`.
pub(super) fn signed(
    header: &str,
    payload_segment: &str,
    key: &Key,
    alg: JwsAlg,
) -> Result<String, AttackError> {
    let input = dotted(&[&b64::encode(header.as_bytes()), payload_segment]);
    let signature = keys::sign_bytes(key, alg, input.as_bytes())?;
    Ok(dotted(&[&input, &b64::encode(&signature)]))
}

/// Raw HMAC, for keys the key loader refuses (empty) or that are not secrets (public keys).
pub(super) fn hmac(alg: JwsAlg, key: &[u8], message: &[u8]) -> Vec<u8> {
    use aws_lc_rs::hmac;
    let algorithm = match alg {
        JwsAlg::HS384 => hmac::HMAC_SHA384,
        JwsAlg::HS512 => hmac::HMAC_SHA512,
        _ => hmac::HMAC_SHA256,
    };
    hmac::sign(&hmac::Key::new(algorithm, key), message)
        .as_ref()
        .to_vec()
}
