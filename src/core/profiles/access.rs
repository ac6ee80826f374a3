//! JWT access tokens (RFC 9068): the explicit type that keeps ID tokens out of APIs, the
//! required claims, and the resource as audience.

use super::{fail, pass, typ_of};
use crate::core::verify::Check;
use serde_json::{Map, Value};

const RFC: &str = "RFC 9068";

/// The access-token checks of RFC 9068 sections 2 and 4.
pub(super) fn checks(
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    expected_aud: Option<&str>,
) -> Vec<Check> {
    let mut out = Vec::new();
    out.push(match typ_of(header).as_deref() {
        Some("at+jwt") => pass(
            "at+jwt typ",
            RFC,
            "4",
            "typ says at+jwt: an ID token or another JWT cannot pass for this access token".into(),
        ),
        other => fail(
            "at+jwt typ",
            RFC,
            "4",
            format!(
                "typ must be at+jwt (or application/at+jwt); it is {}: resource servers must reject it, or an ID token could be used as an access token",
                other.map_or("absent".into(), |t| format!("\"{}\"", crate::core::text::clip(t, 40)))
            ),
        ),
    });
    let missing: Vec<&str> = ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"]
        .into_iter()
        .filter(|n| claims.get(*n).is_none_or(Value::is_null))
        .collect();
    out.push(if missing.is_empty() {
        pass(
            "at+jwt claims",
            RFC,
            "2.2",
            "iss, exp, aud, sub, client_id, iat and jti are present".into(),
        )
    } else {
        fail(
            "at+jwt claims",
            RFC,
            "2.2",
            format!("an access token must carry iss, exp, aud, sub, client_id, iat and jti; missing: {}", missing.join(", ")),
        )
    });
    out.push(match expected_aud {
        Some(aud) => pass(
            "at+jwt aud",
            RFC,
            "4",
            format!(
                "the resource is \"{}\"; the aud check above compares it",
                crate::core::text::clip(aud, 60)
            ),
        ),
        None => fail(
            "at+jwt aud",
            RFC,
            "4",
            "a resource server must check that aud names it: give the expected audience".into(),
        ),
    });
    out
}
