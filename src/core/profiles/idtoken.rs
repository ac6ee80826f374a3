//! OpenID Connect ID tokens (OIDC Core 1.0 incorporating errata set 2): required claims, the
//! audience against the client, `nonce`, `auth_time` against `max_age`, `azp`, and the hash
//! claims `at_hash`, `c_hash` (OIDC Core) and `s_hash` (FAPI 1.0 Advanced).

use super::{Inputs, fail, hashes, pass};
use crate::core::alg::HeaderAlg;
use crate::core::claims::NumericDate;
use crate::core::text::clip;
use crate::core::token::Inspection;
use crate::core::verify::Check;
use serde_json::{Map, Value};

const OIDC: &str = "OIDC Core";

/// The id_token checks, in the order of OIDC Core 3.1.3.7.
pub(super) fn checks(
    _header: &Map<String, Value>,
    claims: &Map<String, Value>,
    insp: &Inspection,
    inputs: &Inputs,
    now: NumericDate,
) -> Vec<Check> {
    let mut out = vec![required(claims)];
    out.push(audience(claims, inputs.client_id.as_deref()));
    if let Some(c) = azp(claims, inputs.client_id.as_deref()) {
        out.push(c);
    }
    out.push(nonce(claims, inputs.nonce.as_deref()));
    if let Some(c) = auth_time(claims, inputs.max_age, now) {
        out.push(c);
    }
    let alg = match insp.alg {
        HeaderAlg::Known(a) => Some(a),
        _ => None,
    };
    for (claim, input, what, section, spec) in [
        (
            "at_hash",
            inputs.access_token.as_deref(),
            "access token",
            "3.1.3.8",
            OIDC,
        ),
        (
            "c_hash",
            inputs.code.as_deref(),
            "authorization code",
            "3.3.2.11",
            OIDC,
        ),
        (
            "s_hash",
            inputs.state.as_deref(),
            "state",
            "5.1",
            "FAPI 1.0 Advanced",
        ),
    ] {
        if let Some(c) = hash_claim(claims, claim, input, what, alg, (spec, section)) {
            out.push(c);
        }
    }
    out
}

fn required(claims: &Map<String, Value>) -> Check {
    let missing: Vec<&str> = ["iss", "sub", "aud", "exp", "iat"]
        .into_iter()
        .filter(|n| claims.get(*n).is_none_or(Value::is_null))
        .collect();
    if missing.is_empty() {
        pass(
            "id_token claims",
            OIDC,
            "2",
            "iss, sub, aud, exp and iat are present".into(),
        )
    } else {
        fail(
            "id_token claims",
            OIDC,
            "2",
            format!(
                "an ID token must carry iss, sub, aud, exp and iat; missing: {}",
                missing.join(", ")
            ),
        )
    }
}

fn aud_values(claims: &Map<String, Value>) -> Vec<&str> {
    match claims.get("aud") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Step 3: the client's own `client_id` must be an audience.
fn audience(claims: &Map<String, Value>, client_id: Option<&str>) -> Check {
    let auds = aud_values(claims);
    match client_id {
        None => pass(
            "id_token aud",
            OIDC,
            "3.1.3.7",
            "the client is not named (--client-id, or Client ID under Context): aud is checked only against the expected audience".into(),
        ),
        Some(id) if auds.contains(&id) => pass(
            "id_token aud",
            OIDC,
            "3.1.3.7",
            format!("aud includes this client, \"{}\"", clip(id, 60)),
        ),
        Some(id) => fail(
            "id_token aud",
            OIDC,
            "3.1.3.7",
            format!(
                "aud does not include this client \"{}\": the token was issued to someone else",
                clip(id, 60)
            ),
        ),
    }
}

/// `azp`: explained, never failing. Errata set 2 took the azp validation steps out of 3.1.3.7;
/// azp matters only to extensions beyond OIDC Core.
fn azp(claims: &Map<String, Value>, client_id: Option<&str>) -> Option<Check> {
    let value = claims.get("azp")?;
    let shown = value
        .as_str()
        .map_or_else(|| value.to_string(), |s| clip(s, 60));
    let relation = match (value.as_str(), client_id) {
        (Some(a), Some(id)) if a == id => " and names this client".to_string(),
        (Some(_), Some(id)) => format!(
            " and names another party than this client \"{}\"",
            clip(id, 60)
        ),
        _ => String::new(),
    };
    Some(pass(
        "id_token azp",
        OIDC,
        "2",
        format!(
            "azp is \"{shown}\"{relation}; OIDC Core errata set 2 removed the azp validation steps: azp only matters to extensions, so it decides nothing here"
        ),
    ))
}

/// Step 11: the `nonce` sent in the request must come back.
fn nonce(claims: &Map<String, Value>, expected: Option<&str>) -> Check {
    let got = claims.get("nonce");
    match (expected, got) {
        (None, None) => pass(
            "id_token nonce",
            OIDC,
            "3.1.3.7",
            "no nonce sent, none in the token".into(),
        ),
        (None, Some(_)) => pass(
            "id_token nonce",
            OIDC,
            "3.1.3.7",
            "the token carries a nonce; give the one sent (--nonce, or Nonce under Context) to check it against replay"
                .into(),
        ),
        (Some(_), None) => fail(
            "id_token nonce",
            OIDC,
            "3.1.3.7",
            "a nonce was sent but the token has none: it may be a replay".into(),
        ),
        (Some(e), Some(Value::String(g))) if g == e => pass(
            "id_token nonce",
            OIDC,
            "3.1.3.7",
            "nonce matches the one sent".into(),
        ),
        (Some(e), Some(g)) => fail(
            "id_token nonce",
            OIDC,
            "3.1.3.7",
            format!(
                "nonce {} is not the one sent (\"{}\"): a replayed or substituted token",
                clip(&g.to_string(), 60),
                clip(e, 60)
            ),
        ),
    }
}

/// Step 13: with `max_age`, `auth_time` must be present and recent enough.
fn auth_time(claims: &Map<String, Value>, max_age: Option<u64>, now: NumericDate) -> Option<Check> {
    let max_age = max_age?;
    let Some(at) = claims.get("auth_time").and_then(Value::as_i64) else {
        return Some(fail(
            "id_token auth_time",
            OIDC,
            "3.1.3.7",
            format!(
                "max_age {max_age} was asked for, so auth_time is required; the token has no usable auth_time"
            ),
        ));
    };
    let age = now.saturating_sub(at);
    let limit = i64::try_from(max_age).unwrap_or(i64::MAX);
    Some(if age <= limit {
        pass(
            "id_token auth_time",
            OIDC,
            "3.1.3.7",
            format!("the user signed in {age} s ago, within max_age {max_age}"),
        )
    } else {
        fail(
            "id_token auth_time",
            OIDC,
            "3.1.3.7",
            format!(
                "the user signed in {age} s ago, longer than max_age {max_age}: ask them to sign in again"
            ),
        )
    })
}

/// A hash claim against the value it binds (`None` when neither the claim nor the value is
/// there): the hash the alg uses, its left half, shown byte for byte.
fn hash_claim(
    claims: &Map<String, Value>,
    claim: &str,
    input: Option<&str>,
    what: &str,
    alg: Option<crate::core::alg::JwsAlg>,
    (spec, section): (&'static str, &'static str),
) -> Option<Check> {
    let got = claims.get(claim);
    let id = format!("id_token {claim}");
    let input = match (input, got) {
        (None, None) => return None,
        (None, Some(_)) => {
            return Some(pass(
                &id,
                spec,
                section,
                format!(
                    "{claim} is present; give the {what} to check that it belongs to this token"
                ),
            ));
        }
        (Some(_), None) => {
            return Some(pass(
                &id,
                spec,
                section,
                format!("the token has no {claim}, so nothing binds it to this {what}"),
            ));
        }
        (Some(i), Some(_)) => i,
    };
    let Some(h) = alg.and_then(|a| hashes::left_half_hash(a, input)) else {
        return Some(fail(
            &id,
            spec,
            section,
            format!("the token's alg defines no hash for {claim}, so it cannot be checked"),
        ));
    };
    let how = format!(
        "{} of the {what}'s ASCII, left {} of {} bytes ({}), base64url: {}",
        h.hash,
        h.left_half.len(),
        h.full_len,
        crate::core::b64::encode_hex(&h.left_half),
        h.value
    );
    Some(match got.and_then(Value::as_str) {
        Some(g) if g == h.value => pass(&id, spec, section, format!("{claim} matches: {how}")),
        Some(g) => fail(
            &id,
            spec,
            section,
            format!("{claim} is {} but {how}", clip(g, 60)),
        ),
        None => fail(
            &id,
            spec,
            section,
            format!("{claim} is not a string; {how}"),
        ),
    })
}
