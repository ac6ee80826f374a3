//! Reading the members of a JWS JSON document: each signature's headers checked against
//! RFC 7515 section 7.2.1 and RFC 7797, and read as the compact token it stands for.

use super::{JsonSignature, JwsJsonError};
use crate::core::b64;
use crate::core::error::{Error, Segment};
use crate::core::json;
use crate::core::text;
use crate::core::token::{self, Inspection};
use serde_json::{Map, Value};

/// A signature's members and the prefix that names them in messages ("signatures[1].").
pub(super) type Entry<'a> = (String, &'a Map<String, Value>);

pub(super) fn general_entries(doc: &Map<String, Value>) -> Result<Vec<Entry<'_>>, JwsJsonError> {
    let list = match doc.get("signatures") {
        Some(Value::Array(list)) => list,
        Some(other) => return Err(member_type("signatures", "an array", other)),
        None => return Ok(Vec::new()),
    };
    if list.is_empty() {
        return Err(JwsJsonError::Rule(
            "signatures is empty: a general JWS needs at least one signature".into(),
        ));
    }
    if let Some(stray) = ["protected", "header"]
        .iter()
        .find(|m| doc.contains_key(**m))
    {
        return Err(JwsJsonError::Rule(format!(
            "a general JWS has {stray} at the top level; it belongs inside each entry of signatures (RFC 7515 section 7.2.1)"
        )));
    }
    list.iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::Object(o) => Ok((format!("signatures[{i}]."), o)),
            other => Err(member_type(&format!("signatures[{i}]"), "an object", other)),
        })
        .collect()
}

pub(super) fn member_type(member: &str, expected: &'static str, found: &Value) -> JwsJsonError {
    JwsJsonError::MemberType {
        member: text::clip(member, 60),
        expected,
        found: json::kind_name(found),
    }
}

fn string_member(
    entry: &Map<String, Value>,
    prefix: &str,
    name: &str,
) -> Result<Option<String>, JwsJsonError> {
    match entry.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(member_type(&format!("{prefix}{name}"), "a string", other)),
    }
}

/// One signature's members; the rules on its headers go into its inspection, so one broken
/// signature does not hide the others.
pub(super) fn read_signature(
    prefix: &str,
    entry: &Map<String, Value>,
    payload: Option<&str>,
) -> Result<JsonSignature, JwsJsonError> {
    let protected = string_member(entry, prefix, "protected")?.unwrap_or_default();
    let signature = string_member(entry, prefix, "signature")?
        .ok_or_else(|| JwsJsonError::Rule(format!("{prefix}signature is missing")))?;
    let unprotected = match entry.get("header") {
        None => None,
        Some(Value::Object(h)) => Some(h.clone()),
        Some(other) => return Err(member_type(&format!("{prefix}header"), "an object", other)),
    };
    let inspection = inspect_signature(&protected, unprotected.as_ref(), &signature, payload);
    Ok(JsonSignature {
        protected,
        unprotected,
        signature,
        inspection,
    })
}

fn inspect_signature(
    protected: &str,
    unprotected: Option<&Map<String, Value>>,
    signature: &str,
    payload: Option<&str>,
) -> Result<Inspection, JwsJsonError> {
    if protected.is_empty() {
        return Err(JwsJsonError::Rule(
            "no protected header: alg would come from the unprotected header, which is not signed; refused".into(),
        ));
    }
    let header_bytes = b64::decode_strict(protected).map_err(|detail| Error::Base64 {
        segment: Segment::Header,
        detail,
    })?;
    let header_text = String::from_utf8(header_bytes)
        .map_err(|_| JwsJsonError::Rule("the protected header is not UTF-8 text".into()))?;
    let header = json::parse_object("protected header", &header_text)?;
    if let Some(u) = unprotected {
        header_rules(&header, u)?;
    }
    let unencoded = header.get("b64") == Some(&Value::Bool(false));
    let insp = match (payload, unencoded) {
        (Some(p), false) => token::inspect(&format!("{protected}.{p}.{signature}"))?,
        (payload, _) => {
            let mut insp = token::inspect(&format!("{protected}..{signature}"))?;
            if let Some(p) = payload {
                insp.attach_payload(p.as_bytes().to_vec());
            }
            insp
        }
    };
    // The compact text is only a vehicle: a repair of it would be a change to the document.
    if !insp.repairs.is_empty() {
        return Err(JwsJsonError::Rule(
            "a member holds whitespace or other characters base64url does not have".into(),
        ));
    }
    Ok(insp)
}

/// RFC 7515 section 7.2.1: no name in both headers; `alg`, `crit` and (RFC 7797) `b64` only
/// where they are signed.
pub(super) fn header_rules(
    protected: &Map<String, Value>,
    unprotected: &Map<String, Value>,
) -> Result<(), JwsJsonError> {
    if let Some(name) = unprotected.keys().find(|k| protected.contains_key(*k)) {
        return Err(JwsJsonError::Rule(format!(
            "\"{}\" is in both the protected and the unprotected header; RFC 7515 section 7.2.1 requires them to be disjoint",
            text::clip(name, 40)
        )));
    }
    for (name, why) in [
        (
            "alg",
            "the algorithm would not be signed, so anyone could change it",
        ),
        (
            "crit",
            "RFC 7515 section 4.1.11 requires crit to be protected",
        ),
        ("b64", "RFC 7797 section 3 requires b64 to be protected"),
    ] {
        if unprotected.contains_key(name) {
            return Err(JwsJsonError::Rule(format!(
                "{name} is in the unprotected header: {why}; refused"
            )));
        }
    }
    Ok(())
}

/// RFC 7797 section 3: every signature must say the same about b64.
pub(super) fn same_b64(signatures: &[JsonSignature]) -> Result<bool, JwsJsonError> {
    let mut flags = signatures
        .iter()
        .filter_map(|s| s.inspection.as_ref().ok())
        .map(|i| i.unencoded);
    let first = flags.next().unwrap_or(false);
    if flags.any(|f| f != first) {
        return Err(JwsJsonError::Rule(
            "the signatures disagree on b64: RFC 7797 section 3 requires the same value in every protected header".into(),
        ));
    }
    Ok(first)
}
