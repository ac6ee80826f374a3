//! Seed recipes: an access + refresh token pair, and trading a refresh token for a new
//! access token (access tokens are refused as refresh tokens).

use super::alg::{HeaderAlg, JwsAlg};
use super::claims::NumericDate;
use super::error::{Error, Result};
use super::keys::Key;
use super::sign::{Layout, sign};
use super::token::{self, Inspection};
use super::verify::{self, Policy};
use serde_json::Value;

/// Access-token lifetime: 30 minutes.
pub const ACCESS_TTL: i64 = 30 * 60;
/// Refresh-token lifetime: 7 days.
pub const REFRESH_TTL: i64 = 7 * 24 * 3600;

/// An access token and the refresh token that renews it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenPair {
    /// Short-lived token for API calls (`type: access`).
    pub access: String,
    /// Long-lived token that only buys new access tokens (`type: refresh`).
    pub refresh: String,
}

/// The header text used by the recipes.
pub fn header_text(alg: JwsAlg) -> String {
    format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg.name())
}

/// The payload text of one recipe token; `exp` is `now + ttl`, or, when that would pass the
/// largest NumericDate, the largest one (never a wrapped, negative time).
pub fn payload_text(sub: &str, kind: &str, now: NumericDate, ttl: i64) -> String {
    format!(
        r#"{{"sub":{},"type":"{kind}","iat":{now},"exp":{}}}"#,
        Value::String(sub.to_string()),
        now.saturating_add(ttl)
    )
}

/// Refuses a "now" so late that a token's `exp` would not fit: signing it would make a token
/// that expires before it was issued, or never.
fn check_room(now: NumericDate, ttl: i64) -> Result<()> {
    match now.checked_add(ttl) {
        Some(_) => Ok(()),
        None => Err(Error::Claim(format!(
            "the time {now} is too late: exp = now + {ttl} s does not fit in a NumericDate (at most {})",
            i64::MAX
        ))),
    }
}

/// Signs an access token (30 min) and a refresh token (7 days) for `sub`.
pub fn token_pair(sub: &str, key: &Key, alg: JwsAlg, now: NumericDate) -> Result<TokenPair> {
    check_room(now, REFRESH_TTL.max(ACCESS_TTL))?;
    let header = header_text(alg);
    Ok(TokenPair {
        access: sign(
            &header,
            &payload_text(sub, "access", now, ACCESS_TTL),
            key,
            Layout::Minified,
        )?,
        refresh: sign(
            &header,
            &payload_text(sub, "refresh", now, REFRESH_TTL),
            key,
            Layout::Minified,
        )?,
    })
}

/// Verifies a refresh token and signs a new access token for its subject.
///
/// Refusals (bad signature, expired, not a refresh token) are [`Error::Claim`]; malformed
/// input and unusable keys are other variants.
pub fn refresh(
    refresh_token: &str,
    key: &Key,
    alg: Option<JwsAlg>,
    now: NumericDate,
) -> Result<String> {
    let insp: Inspection = token::inspect(refresh_token)?;
    if let Some(e) = insp.first_error() {
        return Err(e.clone());
    }
    let policy = Policy {
        algorithms: alg.into_iter().collect(),
        ..Policy::default()
    };
    let report = verify::verify(&insp, Some(key), &policy, now);
    if let verify::SignatureStatus::Unchecked(
        verify::Unchecked::KeyMismatch | verify::Unchecked::Malformed,
        why,
    ) = &report.signature
    {
        return Err(Error::Unverifiable(why.clone()));
    }
    if let Some(why) = report.first_failure() {
        return Err(Error::Claim(format!("refresh token refused: {why}")));
    }
    let claims = token::require_claims(&insp)?;
    match claims.get("type").and_then(Value::as_str) {
        Some("refresh") => {}
        Some(other) => {
            return Err(Error::Claim(format!(
                "this is an {other} token (type \"{other}\"); only a refresh token (type \"refresh\") buys a new access token"
            )));
        }
        None => return Err(Error::Claim("this token has no \"type\" claim; only a refresh token (type \"refresh\") buys a new access token".into())),
    }
    let sub = claims
        .get("sub")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Claim("the refresh token has no string \"sub\" claim".into()))?;
    let alg = match insp.alg {
        HeaderAlg::Known(a) => a,
        _ => {
            return Err(Error::Algorithm(
                "the refresh token's algorithm is not usable".into(),
            ));
        }
    };
    check_room(now, ACCESS_TTL)?;
    sign(
        &header_text(alg),
        &payload_text(sub, "access", now, ACCESS_TTL),
        key,
        Layout::Minified,
    )
}
