//! The steps of RFC 9449 section 4.3 that tie a proof to its moment and its token: the
//! server's nonce, the proof's age, `ath`, and the key the access token is bound to.

use super::{FUTURE_SKEW, RFC, step};
use crate::core::b64;
use crate::core::claims::NumericDate;
use crate::core::keys::Key;
use crate::core::profiles::{fail, pass};
use crate::core::text::clip;
use crate::core::token;
use crate::core::verify::Check;
use serde_json::{Map, Value};

pub(super) fn nonce(claims: &Map<String, Value>, expected: &str) -> Check {
    let id = step(10, "nonce");
    match claims.get("nonce").and_then(Value::as_str) {
        Some(g) if g == expected => pass(&id, RFC, "4.3", "nonce is the server's".into()),
        g => fail(
            &id,
            RFC,
            "4.3",
            format!(
                "nonce {} is not the server's \"{}\"",
                g.map_or("absent".into(), |g| format!("\"{}\"", clip(g, 40))),
                clip(expected, 40)
            ),
        ),
    }
}

pub(super) fn age(claims: &Map<String, Value>, max_age: u64, now: NumericDate) -> Check {
    let id = step(11, "iat");
    let Some(iat) = claims.get("iat").and_then(Value::as_i64) else {
        return fail(&id, RFC, "4.3", "iat is not a NumericDate".into());
    };
    let age = now.saturating_sub(iat);
    let limit = i64::try_from(max_age).unwrap_or(i64::MAX);
    if age < -FUTURE_SKEW {
        fail(
            &id,
            RFC,
            "11.1",
            format!(
                "made {} s in the future (more than {FUTURE_SKEW} s of clock skew)",
                -age
            ),
        )
    } else if age > limit {
        fail(
            &id,
            RFC,
            "11.1",
            format!(
                "made {age} s ago; proofs are accepted for {max_age} s: a stale or replayed proof"
            ),
        )
    } else {
        pass(
            &id,
            RFC,
            "11.1",
            format!("made {age} s ago, within {max_age} s"),
        )
    }
}

/// `ath`: base64url(SHA-256(ASCII(access token))).
pub fn ath_of(access_token: &str) -> String {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, access_token.as_bytes());
    b64::encode(d.as_ref())
}

pub(super) fn ath(claims: &Map<String, Value>, access_token: &str) -> Check {
    let id = step(12, "ath");
    let want = ath_of(access_token);
    match claims.get("ath").and_then(Value::as_str) {
        Some(g) if g == want => pass(
            &id,
            RFC,
            "4.3",
            format!("ath is SHA-256 of the access token, base64url: {want}"),
        ),
        g => fail(
            &id,
            RFC,
            "4.3",
            format!(
                "ath {} is not SHA-256 of this access token ({want}): the proof was made for another token",
                g.map_or("absent".into(), |g| clip(g, 60))
            ),
        ),
    }
}

/// The key the access token is bound to (its `cnf.jkt`, or for an opaque token the `jkt`
/// introspection gave) against the thumbprint of the proof's key.
pub(super) fn binding(access_token: &str, introspected: Option<&str>, key: Option<&Key>) -> Check {
    let id = step(12, "cnf.jkt");
    let claims = token::inspect(access_token)
        .ok()
        .and_then(|i| i.claims().cloned());
    let in_token = claims
        .as_ref()
        .and_then(|c| c.get("cnf"))
        .and_then(|c| c.get("jkt"))
        .and_then(Value::as_str);
    let Some(key) = key else {
        return fail(&id, RFC, "6.1", "the proof has no usable key".into());
    };
    let (jkt, source) = match (in_token, introspected) {
        (Some(j), _) => (j, "the access token's cnf.jkt"),
        (None, Some(j)) => (j, "the jkt from introspection"),
        (None, None) if claims.is_some() => {
            return fail(
                &id,
                RFC,
                "6.1",
                "the access token has no cnf.jkt: it is not bound to a DPoP key".into(),
            );
        }
        (None, None) => {
            return fail(
                &id,
                RFC,
                "6.2",
                "the access token is opaque: give the jkt its introspection returns (--jkt, or the jkt field under Context) to check the binding".into(),
            );
        }
    };
    let thumb = key.thumbprint();
    let how = format!(
        "RFC 7638 thumbprint (SHA-256 of {}) is {thumb}",
        key.thumbprint_input()
    );
    if jkt == thumb {
        pass(
            &id,
            RFC,
            "6.1",
            format!("{source} names the proof's key: {how}"),
        )
    } else {
        fail(
            &id,
            RFC,
            "6.1",
            format!("{source} {} is not the proof's key: {how}", clip(jkt, 60)),
        )
    }
}
