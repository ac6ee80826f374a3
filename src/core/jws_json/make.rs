//! Making JWS JSON documents (flattened, or general with several signatures) and converting
//! between them and the compact form.

use super::read::header_rules;
use super::{JwsJson, JwsJsonError, Serialization};
use crate::core::alg::JwsAlg;
use crate::core::b64;
use crate::core::json;
use crate::core::keys::{self, Key};
use crate::core::token::{self, Form};
use serde_json::{Map, Value};

/// One signature to make.
#[derive(Debug, Clone)]
pub struct Signer<'a> {
    /// The signing key.
    pub key: &'a Key,
    /// Its algorithm (also in `protected`).
    pub alg: JwsAlg,
    /// The protected header's JSON text, as it will be signed (with `alg`, and `b64: false`
    /// listed in `crit` for an unencoded payload).
    pub protected: String,
    /// Members for the unprotected header (never signed), if any.
    pub unprotected: Option<Map<String, Value>>,
}

/// Signs `payload` once per signer and writes the document: flattened takes exactly one
/// signer; `unencoded` carries the payload as it is (RFC 7797), `detached` leaves it out.
pub fn sign_json(
    payload: &[u8],
    signers: &[Signer<'_>],
    serialization: Serialization,
    unencoded: bool,
    detached: bool,
) -> Result<String, JwsJsonError> {
    match (serialization, signers.len()) {
        (Serialization::Compact, _) => {
            return Err(JwsJsonError::Rule(
                "sign_json makes the JSON forms; the compact form is made by sign".into(),
            ));
        }
        (_, 0) => return Err(JwsJsonError::Rule("no key to sign with".into())),
        (Serialization::Flattened, n) if n > 1 => {
            return Err(JwsJsonError::Rule(format!(
                "a flattened JWS has one signature; {n} keys were given: use the general serialization"
            )));
        }
        _ => {}
    }
    let carried = if unencoded {
        match std::str::from_utf8(payload) {
            Ok(text) => text.to_string(),
            Err(_) if detached => String::new(),
            Err(_) => {
                return Err(JwsJsonError::Rule(
                    "an unencoded payload (b64: false) in a JSON document must be text; this one is not UTF-8: send it detached".into(),
                ));
            }
        }
    } else {
        b64::encode(payload)
    };
    let mut entries = Vec::with_capacity(signers.len());
    for signer in signers {
        entries.push(sign_one(signer, payload, &carried, unencoded)?);
    }
    let mut doc = Map::new();
    if !detached {
        doc.insert("payload".into(), Value::String(carried));
    }
    match serialization {
        Serialization::General => {
            doc.insert(
                "signatures".into(),
                Value::Array(entries.into_iter().map(Value::Object).collect()),
            );
        }
        _ => {
            for entry in entries {
                doc.extend(entry);
            }
        }
    }
    Ok(Value::Object(doc).to_string())
}

fn sign_one(
    signer: &Signer<'_>,
    payload: &[u8],
    carried: &str,
    unencoded: bool,
) -> Result<Map<String, Value>, JwsJsonError> {
    let header = json::parse_object("protected header", &signer.protected)?;
    if let Some(u) = &signer.unprotected {
        header_rules(&header, u)?;
    }
    if (header.get("b64") == Some(&Value::Bool(false))) != unencoded {
        return Err(JwsJsonError::Rule(
            "every protected header must say b64: false exactly when the payload is unencoded (RFC 7797 section 3)".into(),
        ));
    }
    let protected = b64::encode(signer.protected.as_bytes());
    let mut input = Vec::with_capacity(protected.len() + 1 + carried.len());
    input.extend_from_slice(protected.as_bytes());
    input.push(b'.');
    if unencoded {
        input.extend_from_slice(payload);
    } else {
        input.extend_from_slice(carried.as_bytes());
    }
    let signature = keys::sign_bytes(signer.key, signer.alg, &input)?;
    let mut entry = Map::new();
    entry.insert("protected".into(), Value::String(protected));
    if let Some(u) = signer.unprotected.as_ref().filter(|u| !u.is_empty()) {
        entry.insert("header".into(), Value::Object(u.clone()));
    }
    entry.insert("signature".into(), Value::String(b64::encode(&signature)));
    Ok(entry)
}

/// A compact JWS written as a flattened or general JSON document, signature untouched.
pub fn to_json(compact: &str, serialization: Serialization) -> Result<String, JwsJsonError> {
    let insp = token::inspect(compact)?;
    if insp.form != Form::Jws {
        return Err(JwsJsonError::NotJws(
            "this is a JWE; only a signed token converts to the JWS JSON forms".into(),
        ));
    }
    let entry = || {
        let mut e = Map::new();
        e.insert(
            "protected".into(),
            Value::String(insp.segment_text(0).into()),
        );
        e.insert(
            "signature".into(),
            Value::String(insp.segment_text(2).into()),
        );
        e
    };
    let mut doc = Map::new();
    if insp.detached.is_none() {
        doc.insert("payload".into(), Value::String(insp.segment_text(1).into()));
    }
    match serialization {
        Serialization::Compact => return Ok(insp.token.clone()),
        Serialization::Flattened => doc.extend(entry()),
        Serialization::General => {
            doc.insert(
                "signatures".into(),
                Value::Array(vec![Value::Object(entry())]),
            );
        }
    }
    Ok(Value::Object(doc).to_string())
}

/// Signature `index` of a JSON document in the compact form: refused when it has an
/// unprotected header (the compact form cannot carry it) or an unencoded payload with a '.'.
pub fn to_compact(doc: &JwsJson, index: Option<usize>) -> Result<String, JwsJsonError> {
    let count = doc.signatures.len();
    let i = match (index, count) {
        (Some(i), _) => i,
        (None, 1) => 0,
        (None, n) => {
            return Err(JwsJsonError::Rule(format!(
                "the document has {n} signatures and the compact form carries one: say which with --index (0 to {})",
                n.saturating_sub(1)
            )));
        }
    };
    let sig = doc.signatures.get(i).ok_or_else(|| {
        JwsJsonError::Rule(format!(
            "there is no signature {i}; the document has {count}"
        ))
    })?;
    if let Err(e) = &sig.inspection {
        return Err(e.clone());
    }
    if let Some(u) = sig.unprotected.as_ref().filter(|u| !u.is_empty()) {
        let names: Vec<&str> = u.keys().map(String::as_str).collect();
        return Err(JwsJsonError::Rule(format!(
            "signature {i} has an unprotected header ({}), which the compact form cannot carry; it would be lost",
            crate::core::text::clip(&names.join(", "), 80)
        )));
    }
    let payload = doc.payload.as_deref().unwrap_or("");
    if doc.unencoded && payload.contains('.') {
        return Err(JwsJsonError::Rule(
            "the unencoded payload holds a '.', which a compact token cannot carry (RFC 7797 section 5.2)".into(),
        ));
    }
    Ok(format!("{}.{payload}.{}", sig.protected, sig.signature))
}
