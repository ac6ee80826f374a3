//! DPoP proofs (RFC 9449): the twelve checks of section 4.3, numbered as the RFC numbers them,
//! with the proof's own `jwk` as its key (only here: a `dpop+jwt` carries the key it is
//! signed with, and that key must be public), `htu` compared after normalisation, `ath` and
//! the access token's `cnf.jkt` worked out in the open; and making proofs.

mod binding;
mod make;

pub use binding::ath_of;
pub use make::DpopProof;

use super::{Inputs, fail, htu, pass, typ_of};
use crate::core::alg::{Family, HeaderAlg, JwsAlg};
use crate::core::claims::NumericDate;
use crate::core::keys::{self, Key, KeyError};
use crate::core::text::clip;
use crate::core::token::Inspection;
use crate::core::verify::Check;
use binding::{age, ath, binding, nonce};
use serde_json::{Map, Value};

const RFC: &str = "RFC 9449";

/// How far in the future a proof's `iat` may lie, in seconds (clock skew).
const FUTURE_SKEW: i64 = 60;

/// The default accepted age of a proof, in seconds.
pub const DEFAULT_MAX_AGE: u64 = 300;

fn step(n: u8, what: &str) -> String {
    format!("dpop {n}. {what}")
}

/// Why a proof's `jwk` cannot be its key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofKeyError {
    /// No `jwk` object in the header.
    #[error("the header has no jwk object: a DPoP proof carries its public key there")]
    Missing,
    /// The `jwk` holds private members.
    #[error(
        "the jwk holds private key members (d, p, q or k): the client has published its private key"
    )]
    Private,
    /// The `jwk` is not a usable key.
    #[error("the jwk is not a usable key: {0}")]
    Jwk(#[from] KeyError),
}

/// The proof's public key: its `jwk` header member, refused when it holds private members.
pub fn proof_key(header: &Map<String, Value>) -> std::result::Result<Key, ProofKeyError> {
    let Some(Value::Object(jwk)) = header.get("jwk") else {
        return Err(ProofKeyError::Missing);
    };
    if ["d", "p", "q", "k"].iter().any(|m| jwk.contains_key(*m)) {
        return Err(ProofKeyError::Private);
    }
    let key = keys::parse_jwk(jwk)?;
    if key.is_private() {
        return Err(ProofKeyError::Private);
    }
    Ok(key)
}

/// The checks of RFC 9449 section 4.3 for the proof `insp` against the request in `inputs`.
pub(super) fn checks(
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    insp: &Inspection,
    inputs: &Inputs,
    now: NumericDate,
) -> Vec<Check> {
    let mut out = vec![pass(
        &step(2, "well-formed"),
        RFC,
        "4.3",
        "a single JWT whose header and claims decode".into(),
    )];
    out.push(required(claims, inputs));
    out.push(match typ_of(header).as_deref() {
        Some("dpop+jwt") => pass(&step(4, "typ"), RFC, "4.3", "typ is dpop+jwt".into()),
        other => fail(
            &step(4, "typ"),
            RFC,
            "4.3",
            format!(
                "typ must be dpop+jwt; it is {}",
                other.map_or("absent".into(), |t| format!("\"{}\"", clip(t, 40)))
            ),
        ),
    });
    let alg = match insp.alg {
        HeaderAlg::Known(a) if a.family() != Family::Hmac => {
            out.push(pass(
                &step(5, "alg"),
                RFC,
                "4.3",
                format!("{a} is an asymmetric signature algorithm"),
            ));
            Some(a)
        }
        HeaderAlg::Known(a) => {
            out.push(fail(
                &step(5, "alg"),
                RFC,
                "4.3",
                format!("{a} is a MAC: a proof must be signed with a private key the client holds"),
            ));
            None
        }
        ref other => {
            let why = other.problem().unwrap_or_else(|| "no usable alg".into());
            out.push(fail(&step(5, "alg"), RFC, "4.3", why));
            None
        }
    };
    let key = proof_key(header);
    out.push(signature(insp, alg, key.as_ref()));
    out.push(match &key {
        Err(ProofKeyError::Private) => fail(
            &step(7, "public key only"),
            RFC,
            "4.3",
            ProofKeyError::Private.to_string(),
        ),
        _ => pass(
            &step(7, "public key only"),
            RFC,
            "4.3",
            "the jwk holds no private key members".into(),
        ),
    });
    out.push(method(claims, inputs.htm.as_deref()));
    out.push(url(claims, inputs.htu.as_deref()));
    if let Some(n) = &inputs.nonce {
        out.push(nonce(claims, n));
    }
    out.push(age(
        claims,
        inputs.proof_max_age.unwrap_or(DEFAULT_MAX_AGE),
        now,
    ));
    if let Some(at) = &inputs.access_token {
        out.push(ath(claims, at));
        out.push(binding(at, inputs.jkt.as_deref(), key.as_ref().ok()));
    }
    out
}

fn required(claims: &Map<String, Value>, inputs: &Inputs) -> Check {
    let mut names = vec!["jti", "htm", "htu", "iat"];
    if inputs.access_token.is_some() {
        names.push("ath");
    }
    if inputs.nonce.is_some() {
        names.push("nonce");
    }
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| claims.get(*n).is_none_or(Value::is_null))
        .collect();
    if missing.is_empty() {
        pass(
            &step(3, "required claims"),
            RFC,
            "4.2",
            format!("{} are present", names.join(", ")),
        )
    } else {
        fail(
            &step(3, "required claims"),
            RFC,
            "4.2",
            format!("missing: {}", missing.join(", ")),
        )
    }
}

fn signature(
    insp: &Inspection,
    alg: Option<JwsAlg>,
    key: std::result::Result<&Key, &ProofKeyError>,
) -> Check {
    let id = step(6, "signature with the jwk");
    let (Some(alg), Ok(key)) = (alg, key) else {
        let why = key
            .err()
            .map_or_else(|| "no usable alg".to_string(), ToString::to_string);
        return fail(&id, RFC, "4.3", format!("not checked: {why}"));
    };
    let sig = insp.signature.as_deref().unwrap_or(&[]);
    match keys::verify_bytes(key, alg, &insp.signing_input(), sig) {
        Ok(true) => pass(
            &id,
            RFC,
            "4.3",
            format!("verified with the proof's own {}", key.describe()),
        ),
        Ok(false) => fail(
            &id,
            RFC,
            "4.3",
            format!(
                "the signature does not match the proof's own {}",
                key.describe()
            ),
        ),
        Err(e) => fail(&id, RFC, "4.3", e.to_string()),
    }
}

fn method(claims: &Map<String, Value>, expected: Option<&str>) -> Check {
    let id = step(8, "htm");
    let got = claims.get("htm").and_then(Value::as_str);
    match (expected, got) {
        (None, _) => fail(
            &id,
            RFC,
            "4.3",
            "the request's method is not given (--htm, or Request method under Context): the proof cannot be tied to it".into(),
        ),
        (Some(e), Some(g)) if g == e => {
            pass(&id, RFC, "4.3", format!("htm {g} is the request's method"))
        }
        (Some(e), g) => fail(
            &id,
            RFC,
            "4.3",
            format!(
                "htm {} is not the request's method {}",
                g.map_or("absent".into(), |g| clip(g, 20)),
                clip(e, 20)
            ),
        ),
    }
}

/// Step 9: both URLs normalised, query and fragment dropped; the difference shown.
fn url(claims: &Map<String, Value>, expected: Option<&str>) -> Check {
    let id = step(9, "htu");
    let Some(expected) = expected else {
        return fail(
            &id,
            RFC,
            "4.3",
            "the request's URL is not given (--htu, or Request URL under Context): the proof cannot be tied to it".into(),
        );
    };
    let Some(got) = claims.get("htu").and_then(Value::as_str) else {
        return fail(&id, RFC, "4.3", "the proof has no htu string".into());
    };
    let (g, e) = match (htu::normalise(got), htu::normalise(expected)) {
        (Ok(g), Ok(e)) => (g, e),
        (Err(err), _) => return fail(&id, RFC, "4.3", format!("htu: {err}")),
        (_, Err(err)) => return fail(&id, RFC, "4.3", format!("the request's URL: {err}")),
    };
    let notes = |n: &htu::NormalisedUrl| {
        if n.changes.is_empty() {
            String::new()
        } else {
            format!(" ({})", n.changes.join("; "))
        }
    };
    let diff = format!(
        "proof {}{} vs request {}{}",
        g.url,
        notes(&g),
        e.url,
        notes(&e)
    );
    if g.url == e.url {
        pass(
            &id,
            RFC,
            "4.3",
            format!("htu matches after normalisation (RFC 3986 6.2.2, 6.2.3): {diff}"),
        )
    } else {
        fail(&id, RFC, "4.3", format!("htu names another URL: {diff}"))
    }
}
