//! Issuing an SD-JWT (RFC 9901 section 4): the claims at the given JSON pointers become
//! disclosures (deepest first, so that a disclosure may hold others: section 4.2.6), decoys
//! pad each `_sd` array (section 4.2.5), every `_sd` array is sorted (section 4.2.4.1), salts
//! are 128 random bits (section 9.3), and the holder's public key goes to `cnf.jwk`.

use super::{Disclosure, SdAlg, SdJwtError, pointer, vc};
use crate::core::alg::{Family, JwsAlg};
use crate::core::keys::{Key, Purpose};
use crate::core::{b64, sign, text};
use serde_json::{Map, Value};

/// What to issue.
#[derive(Debug, Clone, Default)]
pub struct IssueRequest {
    /// The claims, as the verifier should see them with everything disclosed.
    pub claims: Map<String, Value>,
    /// JSON pointers of the claims to make selectively disclosable: `/address/street_address`,
    /// `/nationalities/1`. A pointer inside another makes a recursive disclosure.
    pub disclosable: Vec<String>,
    /// Decoy digests added to each `_sd` array (and to the top level's). Default 0.
    pub decoys: usize,
    /// The digest hash, written as `_sd_alg`. Default sha-256.
    pub sd_alg: SdAlg,
    /// The holder's key: its public half goes to `cnf.jwk` (for key binding).
    pub holder: Option<Key>,
    /// An SD-JWT VC of this type: `vct` is added and `typ` is `dc+sd-jwt`.
    pub vct: Option<String>,
    /// The header's `typ`; default `dc+sd-jwt` for an SD-JWT VC, none otherwise.
    pub typ: Option<String>,
    /// The signing algorithm; default the key's.
    pub alg: Option<JwsAlg>,
}

/// An issued SD-JWT and what went into it.
#[derive(Debug, Clone)]
pub struct Issued {
    /// `JWT~D1~…~Dn~`.
    pub sd_jwt: String,
    /// The issuer-signed JWT's header.
    pub header: Map<String, Value>,
    /// The issuer-signed payload.
    pub payload: Map<String, Value>,
    /// Each disclosure with the pointer it was made for, in the order of the request.
    pub disclosures: Vec<(String, Disclosure)>,
    /// Each decoy digest with the pointer of the object whose `_sd` holds it.
    pub decoys: Vec<(String, String)>,
}

/// 128 bits from the system's generator, base64url (RFC 9901 section 9.3).
pub(crate) fn salt() -> Result<String, SdJwtError> {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes).map_err(|_| SdJwtError::Random)?;
    Ok(b64::encode(&bytes))
}

/// Top-level claims RFC 9901 section 9.7 calls security-critical: never made disclosable.
const CRITICAL: [&str; 5] = ["iss", "aud", "exp", "nbf", "cnf"];

/// Issues an SD-JWT signed with the issuer's `key`.
pub fn issue(req: &IssueRequest, key: &Key) -> Result<Issued, SdJwtError> {
    let mut claims = req.claims.clone();
    reserved(&Value::Object(claims.clone()), "")?;
    let vct = match (&req.vct, claims.get("vct")) {
        (Some(v), Some(Value::String(c))) if v != c => {
            return Err(SdJwtError::Claims(format!(
                "the claims say vct \"{}\" and --vct says \"{}\": give one",
                text::clip(c, 60),
                text::clip(v, 60)
            )));
        }
        (Some(v), _) => Some(v.clone()),
        (None, Some(Value::String(c))) => Some(c.clone()),
        (None, Some(_)) => return Err(SdJwtError::Claims("vct must be a string".into())),
        (None, None) => None,
    };
    if let Some(v) = &vct {
        claims.insert("vct".into(), v.clone().into());
    }
    if let Some(holder) = &req.holder {
        if claims.contains_key("cnf") {
            return Err(SdJwtError::Claims(
                "the claims already hold cnf and a holder key is given: give one of them".into(),
            ));
        }
        claims.insert(
            "cnf".into(),
            serde_json::json!({ "jwk": public_jwk(holder)? }),
        );
    }
    let mut tree = Value::Object(claims);
    let mut made: Vec<(usize, String, Disclosure)> = Vec::new();
    let mut decoys = Vec::new();
    for (order, tokens, ptr) in ordered(&req.disclosable, vct.is_some())? {
        let (parent_tokens, last) = tokens.split_at(tokens.len().saturating_sub(1));
        let last = last.first().map(String::as_str).unwrap_or("");
        let parent = walk(&mut tree, parent_tokens, &ptr)?;
        let d = match parent {
            Value::Object(m) => {
                let mut value = m.shift_remove(last).ok_or_else(|| {
                    missing(
                        &ptr,
                        &format!("no member \"{}\" there", text::clip(last, 40)),
                    )
                })?;
                finish_sd(&mut value, &ptr, req, &mut decoys)?;
                let d = Disclosure::property(&salt()?, last, &value, req.sd_alg);
                push_sd(m, &d.digest);
                d
            }
            Value::Array(a) => {
                let len = a.len();
                let slot = pointer::index(last)
                    .and_then(|i| a.get_mut(i))
                    .ok_or_else(|| missing(&ptr, &format!("the array has {len} elements")))?;
                let mut value = std::mem::take(slot);
                finish_sd(&mut value, &ptr, req, &mut decoys)?;
                let d = Disclosure::element(&salt()?, &value, req.sd_alg);
                *slot = serde_json::json!({ "...": d.digest });
                d
            }
            _ => {
                return Err(missing(
                    &ptr,
                    "its parent is neither an object nor an array",
                ));
            }
        };
        made.push((order, ptr, d));
    }
    if let Value::Object(top) = &mut tree
        && req.decoys > 0
        && !top.contains_key("_sd")
    {
        top.insert("_sd".into(), Value::Array(Vec::new()));
    }
    finish_sd(&mut tree, "", req, &mut decoys)?;
    let Value::Object(mut payload) = tree else {
        return Err(SdJwtError::Claims(
            "the claims must be a JSON object".into(),
        ));
    };
    payload.insert("_sd_alg".into(), req.sd_alg.name().into());
    let alg = req.alg.unwrap_or_else(|| key.default_alg());
    key.check_fits(alg, Purpose::Sign)
        .map_err(|e| SdJwtError::Key(format!("the issuer key: {e}")))?;
    let mut header = Map::new();
    header.insert("alg".into(), alg.name().into());
    let typ = req
        .typ
        .clone()
        .or_else(|| vct.as_ref().map(|_| vc::TYP.to_string()));
    if let Some(t) = typ {
        header.insert("typ".into(), t.into());
    }
    if let Some(kid) = &key.kid {
        header.insert("kid".into(), kid.clone().into());
    }
    let header_json = Value::Object(header.clone()).to_string();
    let payload_json = Value::Object(payload.clone()).to_string();
    let (jwt, _) = sign::sign_encoded(&header_json, &payload_json, alg, key)
        .map_err(|e| SdJwtError::Signing(e.to_string()))?;
    made.sort_by_key(|(order, _, _)| *order);
    let mut sd_jwt = jwt;
    sd_jwt.push('~');
    for (_, _, d) in &made {
        sd_jwt.push_str(&d.text);
        sd_jwt.push('~');
    }
    Ok(Issued {
        sd_jwt,
        header,
        payload,
        disclosures: made.into_iter().map(|(_, p, d)| (p, d)).collect(),
        decoys,
    })
}

/// The holder key's public members only (RFC 7638's required members), for `cnf.jwk`.
fn public_jwk(holder: &Key) -> Result<Value, SdJwtError> {
    if matches!(holder.family(), Family::Hmac | Family::X25519) {
        return Err(SdJwtError::Key(
            "the holder key must be a signing key pair (EC, RSA, Ed25519, ML-DSA): its public half goes to cnf.jwk".into(),
        ));
    }
    serde_json::from_str(&holder.public_half().thumbprint_input())
        .map_err(|e| SdJwtError::Key(format!("the holder key cannot be written as a JWK: {e}")))
}

/// The pointers, parsed and checked, deepest first (ties in request order), each with its
/// place in the request.
fn ordered(
    pointers: &[String],
    is_vc: bool,
) -> Result<Vec<(usize, Vec<String>, String)>, SdJwtError> {
    let mut out: Vec<(usize, Vec<String>, String)> = Vec::new();
    for (i, p) in pointers.iter().enumerate() {
        let tokens = pointer::parse(p)?;
        let canonical = tokens
            .iter()
            .fold(String::new(), |acc, t| pointer::push(&acc, t));
        if out.iter().any(|(_, _, c)| *c == canonical) {
            return Err(SdJwtError::DuplicatePointer(pointer::shown(p)));
        }
        if let [only] = tokens.as_slice() {
            let reason = if is_vc && vc::PLAIN_CLAIMS.contains(&only.as_str()) {
                Some(format!(
                    "an SD-JWT VC carries {only} in plain view ({} section 3.2.2.2)",
                    super::steps::VC_DRAFT
                ))
            } else if CRITICAL.contains(&only.as_str()) {
                Some(format!(
                    "{only} decides whether the SD-JWT is valid, so it must not be selectively disclosable (RFC 9901 section 9.7)"
                ))
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(SdJwtError::NotDisclosable {
                    pointer: pointer::shown(p),
                    reason,
                });
            }
        }
        out.push((i, tokens, canonical));
    }
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    Ok(out)
}

fn missing(ptr: &str, problem: &str) -> SdJwtError {
    SdJwtError::NoSuchClaim {
        pointer: pointer::shown(ptr),
        problem: problem.to_string(),
    }
}

/// The value at `tokens` inside `tree`, for changing.
fn walk<'v>(
    tree: &'v mut Value,
    tokens: &[String],
    ptr: &str,
) -> Result<&'v mut Value, SdJwtError> {
    let mut here = tree;
    let mut at = String::new();
    for t in tokens {
        let next = match here {
            Value::Object(m) => m.get_mut(t),
            Value::Array(a) => pointer::index(t).and_then(|i| a.get_mut(i)),
            _ => None,
        };
        at = pointer::push(&at, t);
        here = next.ok_or_else(|| missing(ptr, &format!("nothing at {}", pointer::shown(&at))))?;
    }
    Ok(here)
}

/// Adds `digest` to the object's `_sd` array, made when absent (the claims hold no `_sd` of
/// their own: [`reserved`] refused it).
fn push_sd(m: &mut Map<String, Value>, digest: &str) {
    match m.get_mut("_sd") {
        Some(Value::Array(a)) => a.push(digest.into()),
        _ => {
            m.insert("_sd".into(), Value::Array(vec![digest.into()]));
        }
    }
}

/// Every `_sd` array inside `value` (whose pointer is `at`): decoys added, digests sorted.
/// Called on a value just before it becomes a disclosure, and on the payload at the end, so
/// that each array is finished once.
fn finish_sd(
    value: &mut Value,
    at: &str,
    req: &IssueRequest,
    decoys: &mut Vec<(String, String)>,
) -> Result<(), SdJwtError> {
    match value {
        Value::Object(m) => {
            for (k, v) in m.iter_mut().filter(|(k, _)| k.as_str() != "_sd") {
                finish_sd(v, &pointer::push(at, k), req, decoys)?;
            }
            if let Some(Value::Array(list)) = m.get_mut("_sd") {
                for _ in 0..req.decoys {
                    let digest = req.sd_alg.digest(&salt()?);
                    decoys.push((at.to_string(), digest.clone()));
                    list.push(digest.into());
                }
                list.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter_mut().enumerate() {
                finish_sd(v, &pointer::push(at, &i.to_string()), req, decoys)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Refuses claims that hold `_sd`, `_sd_alg` or a `{"...": …}` element: a verifier would read
/// them as digests.
fn reserved(value: &Value, at: &str) -> Result<(), SdJwtError> {
    match value {
        Value::Object(m) => {
            for (k, v) in m {
                if k == "_sd" || k == "_sd_alg" {
                    return Err(SdJwtError::Reserved {
                        name: k.clone(),
                        pointer: pointer::shown(if at.is_empty() { "/" } else { at }),
                    });
                }
                reserved(v, &pointer::push(at, k))?;
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                let here = pointer::push(at, &i.to_string());
                if matches!(v, Value::Object(m) if m.len() == 1 && m.contains_key("...")) {
                    return Err(SdJwtError::Reserved {
                        name: "{\"...\": …}".into(),
                        pointer: pointer::shown(&here),
                    });
                }
                reserved(v, &here)?;
            }
        }
        _ => {}
    }
    Ok(())
}
