//! Claim findings: missing exp, long lifetimes, impossible or odd times (milliseconds, strings),
//! and registered claims of the wrong type.

use super::{Finding, Severity, Target, clip};
use crate::core::claims::{NumericDate, human_duration, utc_text};
use crate::core::json::kind_name;
use crate::core::profiles::{Profile, detect};
use serde_json::{Map, Value};

/// Longest lifetime of an access token that does not draw a warning: 24 hours.
pub const LONG_LIFETIME: i64 = 24 * 3600;

/// Above this a NumericDate is not seconds (it is the year 5138): probably milliseconds.
const MILLIS_THRESHOLD: f64 = 1e11;

/// What kind of token the claims describe, and why the workbench thinks so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// An access token (the default when nothing says otherwise).
    Access(String),
    /// A refresh token.
    Refresh(String),
    /// An OpenID Connect ID token.
    Id(String),
}

fn kind_of_word(word: &str) -> Option<fn(String) -> TokenKind> {
    let w = word.to_ascii_lowercase();
    let w = w.strip_prefix("application/").unwrap_or(&w);
    if w.contains("refresh") {
        Some(TokenKind::Refresh)
    } else if w == "id" || w == "id+jwt" || w.contains("id_token") || w.contains("id-token") {
        Some(TokenKind::Id)
    } else if w.contains("access") || w == "at+jwt" || w == "bearer" {
        Some(TokenKind::Access)
    } else {
        None
    }
}

/// Takes a token for an access token unless its `token_use`, `token_type` or `type` claim, or
/// its header's `typ`, says it is a refresh or ID token, or its claims are an OpenID Connect
/// ID token's (as the profile detection reads them).
pub fn token_kind(claims: &Map<String, Value>, header: Option<&Map<String, Value>>) -> TokenKind {
    let from_claims = ["token_use", "token_type", "type"]
        .into_iter()
        .filter_map(|n| Some((format!("claim {n}"), claims.get(n)?.as_str()?)));
    let from_header = header
        .and_then(|h| h.get("typ"))
        .and_then(Value::as_str)
        .map(|t| ("header typ".to_string(), t));
    for (source, word) in from_claims.chain(from_header) {
        if let Some(make) = kind_of_word(word) {
            return make(format!("{source} is \"{}\"", clip(word, 30)));
        }
    }
    let empty = Map::new();
    if detect(header.unwrap_or(&empty), Some(claims)) == Profile::IdToken {
        return TokenKind::Id(
            "it carries OpenID Connect claims (nonce, at_hash, c_hash, auth_time, azp, acr or amr) beside iss, sub and aud".into(),
        );
    }
    TokenKind::Access("nothing in it says refresh or ID token".into())
}

/// Proofs that carry `iat` and `jti` and no `exp` by design, their freshness judged by the
/// verifier from `iat`: a DPoP proof (RFC 9449 section 4.2) and an SD-JWT's KB-JWT (RFC 9901
/// section 4.3).
fn exp_not_expected(claims: &Map<String, Value>, header: Option<&Map<String, Value>>) -> bool {
    header.is_some_and(|h| {
        matches!(
            detect(h, Some(claims)),
            Profile::DpopProof | Profile::KeyBinding
        )
    })
}

fn warn(id: &'static str, claim: &str, title: String, detail: String) -> Finding {
    Finding::new(
        id,
        Severity::Warning,
        Target::Claim(claim.into()),
        title,
        detail,
    )
}

/// A time claim as read for findings: its seconds when usable; `None` when absent, or when
/// odd (milliseconds, a string, the wrong type), which is reported into `out`.
fn read_time(
    claims: &Map<String, Value>,
    name: &str,
    out: &mut Vec<Finding>,
) -> Option<NumericDate> {
    let v = claims.get(name)?;
    match v {
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(f64::INFINITY);
            if f.abs() > MILLIS_THRESHOLD && (f / 1000.0).abs() <= MILLIS_THRESHOLD {
                let secs = (f / 1000.0).floor() as i64;
                out.push(warn(
                    "time-milliseconds",
                    name,
                    format!("{name} in milliseconds?"),
                    format!(
                        "{name} is {n}, which as seconds lies after the year 5000: probably milliseconds. In seconds it would be {}; NumericDate counts seconds (RFC 7519 section 2), so divide by 1000",
                        utc_text(secs)
                    ),
                ));
                None
            } else if !f.is_finite() || f.abs() > MILLIS_THRESHOLD {
                out.push(warn(
                    "time-out-of-range",
                    name,
                    format!("{name} is not a date"),
                    format!(
                        "{name} is {}, far beyond any date: verifiers reject it or overflow; use seconds since 1970",
                        clip(&n.to_string(), 24)
                    ),
                ));
                None
            } else {
                Some(n.as_i64().unwrap_or(f.floor() as i64))
            }
        }
        Value::String(s) => {
            let reads = s
                .trim()
                .parse::<i64>()
                .ok()
                .map(|t| format!(" (it reads as {})", utc_text(t)))
                .unwrap_or_default();
            out.push(warn(
                "time-string",
                name,
                format!("{name} is a string"),
                format!(
                    "{name} must be a number of seconds since 1970{reads}; verifiers reject a string, or worse skip the check. Issue it as a JSON number"
                ),
            ));
            None
        }
        other => {
            out.push(warn(
                "claim-wrong-type",
                name,
                format!("\"{name}\" has the wrong type"),
                format!(
                    "{name} must be a number of seconds since 1970; it is {}, so verifiers reject the token or skip the check",
                    kind_name(other)
                ),
            ));
            None
        }
    }
}

fn type_findings(claims: &Map<String, Value>, out: &mut Vec<Finding>) {
    for name in ["iss", "sub", "jti", "aud"] {
        let Some(v) = claims.get(name) else { continue };
        let ok = match v {
            Value::String(_) => true,
            Value::Array(items) if name == "aud" => items.iter().all(Value::is_string),
            _ => false,
        };
        if ok {
            continue;
        }
        let must = if name == "aud" {
            "a string or an array of strings"
        } else {
            "a string"
        };
        let is = match v {
            Value::Array(_) if name == "aud" => "an array holding something other than strings",
            other => kind_name(other),
        };
        out.push(warn(
            "claim-wrong-type",
            name,
            format!("\"{name}\" has the wrong type"),
            format!(
                "{name} must be {must} (RFC 7519 section 4.1); it is {is}, so verifiers reject the token or, worse, skip the check"
            ),
        ));
    }
}

/// Findings about time claims and registered claim types, judged at `now` with `leeway`.
pub(super) fn claim_findings(
    claims: &Map<String, Value>,
    header: Option<&Map<String, Value>>,
    now: NumericDate,
    leeway: u64,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let leeway = i64::try_from(leeway).unwrap_or(i64::MAX);
    let exp = read_time(claims, "exp", &mut out);
    let nbf = read_time(claims, "nbf", &mut out);
    let iat = read_time(claims, "iat", &mut out);
    if !claims.contains_key("exp") && !exp_not_expected(claims, header) {
        out.push(warn(
            "exp-missing",
            "exp",
            "no exp".into(),
            "the token never expires: a leaked copy works forever. Issue it with an exp minutes to hours ahead".into(),
        ));
    }
    if let (Some(e), Some(i)) = (exp, iat)
        && e < i
    {
        out.push(warn(
            "exp-before-iat",
            "exp",
            "exp is before iat".into(),
            format!(
                "the token expires ({}) before it was issued ({}): it was born expired; check the issuer's clock and units",
                utc_text(e),
                utc_text(i)
            ),
        ));
    }
    if let (Some(n), Some(e)) = (nbf, exp)
        && n > e
    {
        out.push(warn(
            "nbf-after-exp",
            "nbf",
            "nbf is after exp".into(),
            format!(
                "the token becomes valid ({}) only after it expires ({}): it can never be accepted",
                utc_text(n),
                utc_text(e)
            ),
        ));
    }
    if let Some(i) = iat
        && i > now.saturating_add(leeway)
    {
        out.push(warn(
            "iat-future",
            "iat",
            "iat is in the future".into(),
            format!(
                "issued {} from now ({}): the issuer's clock is ahead, or the token was forged; verifiers with an iat check reject it",
                human_duration(i.saturating_sub(now)),
                utc_text(i)
            ),
        ));
    }
    if let Some(e) = exp {
        let (life, from) = match iat {
            Some(i) if e >= i => (e.saturating_sub(i), "exp - iat"),
            Some(_) => (0, ""),
            None => (e.saturating_sub(now), "from now, no iat"),
        };
        if life > LONG_LIFETIME
            && let TokenKind::Access(why) = token_kind(claims, header)
        {
            out.push(warn(
                "lifetime-long",
                "exp",
                "long lifetime".into(),
                format!(
                    "valid for {} ({from}) and taken for an access token ({why}): access tokens usually live minutes to an hour, and a leaked one works until exp. Shorten it and use refresh tokens",
                    human_duration(life)
                ),
            ));
        }
    }
    type_findings(claims, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(claims: Value, header: Value) -> Vec<&'static str> {
        let (Value::Object(c), Value::Object(h)) = (claims, header) else {
            panic!("objects")
        };
        claim_findings(&c, Some(&h), 1_800_000_000, 0)
            .into_iter()
            .map(|f| f.id)
            .collect()
    }

    #[test]
    fn proofs_without_exp_and_id_tokens_are_not_access_tokens() {
        let proof =
            json!({"jti": "j", "htm": "GET", "htu": "https://a.example/", "iat": 1_800_000_000});
        let dpop = json!({"typ": "dpop+jwt", "alg": "ES256"});
        assert!(!ids(proof.clone(), dpop).contains(&"exp-missing"));
        let kb = json!({"typ": "kb+jwt", "alg": "ES256"});
        assert!(!ids(json!({"iat": 1_800_000_000, "nonce": "n"}), kb).contains(&"exp-missing"));
        // The same claims under typ JWT: a token that never expires.
        assert!(ids(proof, json!({"typ": "JWT"})).contains(&"exp-missing"));
        // A two-day id_token is not taken for an access token; the same without nonce is.
        let day2 = json!({"iss": "i", "sub": "s", "aud": "c", "nonce": "n", "iat": 1_800_000_000, "exp": 1_800_172_800});
        assert!(!ids(day2.clone(), json!({"alg": "RS256"})).contains(&"lifetime-long"));
        let Value::Object(mut at) = day2 else {
            panic!()
        };
        at.remove("nonce");
        assert!(ids(Value::Object(at), json!({"alg": "RS256"})).contains(&"lifetime-long"));
    }
}
