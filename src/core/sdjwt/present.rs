//! Presenting (RFC 9901 section 7.2): the holder chooses disclosures by the JSON pointer of
//! their claims, the closure rule is enforced (a disclosure inside another needs that other:
//! sections 4.2.6 and 7.2 step 2), and a KB-JWT is signed with the holder's key over the
//! exact presentation (section 4.3).

use super::{SdAlg, SdJwt, SdJwtError, kb, pointer, process};
use crate::core::claims::NumericDate;
use crate::core::keys::{Key, Purpose};
use crate::core::{sign, text};
use serde_json::{Map, Value, json};

/// The key binding a holder adds: its private key, and the verifier's `aud` and `nonce`.
#[derive(Debug, Clone)]
pub struct KbRequest<'a> {
    /// The holder's private key (its public half must be the SD-JWT's `cnf.jwk`).
    pub key: &'a Key,
    /// The verifier the presentation is for.
    pub aud: String,
    /// The verifier's nonce for this transaction.
    pub nonce: String,
    /// When the KB-JWT is made (its `iat`).
    pub iat: NumericDate,
}

/// A presentation and what went into it.
#[derive(Debug, Clone)]
pub struct Presented {
    /// The SD-JWT (ends with `~`) or SD-JWT+KB.
    pub text: String,
    /// Each disclosure sent: the pointer of its claim and its 1-based index in the SD-JWT.
    pub disclosed: Vec<(String, usize)>,
    /// The KB-JWT, when one was made.
    pub kb_jwt: Option<String>,
}

/// Presents `sd` (as issued: no KB-JWT) with the disclosures of the claims at `disclose`,
/// and a KB-JWT when `kb` is given.
pub fn present(
    sd: &SdJwt,
    disclose: &[String],
    kb: Option<&KbRequest>,
) -> Result<Presented, SdJwtError> {
    if sd.kb.is_some() {
        return Err(SdJwtError::AlreadyPresented);
    }
    let processed = process::process(sd);
    if let Some(problem) = processed.problems.first() {
        return Err(SdJwtError::Unprocessable(format!(
            "{}: {}",
            problem.name, problem.detail
        )));
    }
    let mut chosen: Vec<(String, usize)> = Vec::new();
    for p in disclose {
        let tokens = pointer::parse(p)?;
        let canonical = tokens
            .iter()
            .fold(String::new(), |acc, t| pointer::push(&acc, t));
        if chosen.iter().any(|(c, _)| *c == canonical) {
            return Err(SdJwtError::DuplicatePointer(pointer::shown(p)));
        }
        match processed
            .placed
            .iter()
            .position(|at| at.as_deref() == Some(canonical.as_str()))
        {
            Some(i) => chosen.push((canonical, i)),
            None => return Err(not_a_disclosure(&processed, &tokens, p)),
        }
    }
    for (at, i) in &chosen {
        let mut parent = processed.parent.get(*i).copied().flatten();
        while let Some(p) = parent.and_then(|p| p.checked_sub(1)) {
            if !chosen.iter().any(|(_, j)| *j == p) {
                let parent_at = processed
                    .placed
                    .get(p)
                    .cloned()
                    .flatten()
                    .unwrap_or_default();
                return Err(SdJwtError::ParentMissing {
                    child: pointer::shown(at),
                    parent: pointer::shown(&parent_at),
                });
            }
            parent = processed.parent.get(p).copied().flatten();
        }
    }
    let mut text = String::with_capacity(sd.text.len());
    text.push_str(sd.issuer_jwt());
    text.push('~');
    for (i, d) in sd.disclosures.iter().enumerate() {
        if chosen.iter().any(|(_, j)| *j == i) {
            text.push_str(&d.text);
            text.push('~');
        }
    }
    let kb_jwt = match kb {
        None => None,
        Some(req) => {
            let holder = kb::holder_key(&processed.claims)
                .map_err(|e| SdJwtError::Binding(e.to_string()))?;
            if !req.key.is_private() || req.key.public_half().thumbprint() != holder.thumbprint() {
                return Err(SdJwtError::Binding(format!(
                    "the KB-JWT key is not the holder's: cnf.jwk has thumbprint {}, the key given {}{}",
                    holder.thumbprint(),
                    req.key.public_half().thumbprint(),
                    if req.key.is_private() {
                        ""
                    } else {
                        " (and it is a public key: signing needs the private one)"
                    }
                )));
            }
            let jwt = sign_kb(&text, sd.sd_alg, req)?;
            text.push_str(&jwt);
            Some(jwt)
        }
    };
    let disclosed = chosen.into_iter().map(|(p, i)| (p, i + 1)).collect();
    Ok(Presented {
        text,
        disclosed,
        kb_jwt,
    })
}

/// Why `p` (not a disclosure's place) cannot be disclosed: it is inside a disclosure, in
/// plain view, or not there at all.
fn not_a_disclosure(processed: &super::Processed, tokens: &[String], p: &str) -> SdJwtError {
    let shown = pointer::shown(p);
    let mut at = String::new();
    let mut here: Option<&Value> = None;
    for (n, t) in tokens.iter().enumerate() {
        let next = match here {
            None => processed.claims.get(t),
            Some(Value::Object(m)) => m.get(t),
            Some(Value::Array(a)) => pointer::index(t).and_then(|i| a.get(i)),
            Some(_) => None,
        };
        at = pointer::push(&at, t);
        let Some(next) = next else {
            return SdJwtError::NoSuchClaim {
                pointer: shown,
                problem: format!("nothing at {} among the claims", pointer::shown(&at)),
            };
        };
        here = Some(next);
        let is_disclosure = processed
            .placed
            .iter()
            .any(|x| x.as_deref() == Some(at.as_str()));
        if is_disclosure && n + 1 < tokens.len() {
            return SdJwtError::NotDisclosable {
                pointer: shown,
                reason: format!(
                    "it is part of the disclosure of {}: disclose that instead",
                    pointer::shown(&at)
                ),
            };
        }
    }
    SdJwtError::AlwaysShown(shown)
}

/// Signs a KB-JWT (`typ` `kb+jwt`, the key's default algorithm) for `presentation` (the
/// SD-JWT up to and including its last `~`).
pub fn sign_kb(presentation: &str, sd_alg: SdAlg, req: &KbRequest) -> Result<String, SdJwtError> {
    let claims = json!({
        "iat": req.iat,
        "aud": req.aud,
        "nonce": req.nonce,
        "sd_hash": sd_alg.digest(presentation),
    });
    let Value::Object(claims) = claims else {
        return Ok(String::new());
    };
    make_kb(Some(req.key), super::KB_TYP, &claims)
}

/// A KB-JWT with this `typ` and these claims, signed with `key` (its default algorithm), or
/// unsigned (`alg: none`) without one: the lab needs both.
pub(crate) fn make_kb(
    key: Option<&Key>,
    typ: &str,
    claims: &Map<String, Value>,
) -> Result<String, SdJwtError> {
    let payload = Value::Object(claims.clone()).to_string();
    let Some(key) = key else {
        let header = json!({"alg": "none", "typ": typ}).to_string();
        let b = crate::core::b64::encode;
        return Ok(format!(
            "{}.{}.",
            b(header.as_bytes()),
            b(payload.as_bytes())
        ));
    };
    let alg = key.default_alg();
    key.check_fits(alg, Purpose::Sign)
        .map_err(|e| SdJwtError::Key(format!("the holder key: {e}")))?;
    let header = json!({"alg": alg.name(), "typ": typ}).to_string();
    sign::sign_encoded(&header, &payload, alg, key)
        .map(|(jwt, _)| jwt)
        .map_err(|e| SdJwtError::Signing(text::clip(&e.to_string(), 200)))
}
