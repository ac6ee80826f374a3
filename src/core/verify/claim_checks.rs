//! The claim half of verification: the token's format, duplicate header members, crit,
//! exp, nbf, iat, aud, iss, sub and required claims, at a given instant.

use super::crit_check;
use super::{Check, Fault, Policy};
use crate::core::claims::{self, NumericDate};
use crate::core::strict;
use crate::core::text;
use crate::core::token::{Inspection, Payload, Repair};
use serde_json::{Map, Value};

fn time_checks(
    claims: &Map<String, Value>,
    policy: &Policy,
    now: NumericDate,
    out: &mut Vec<Check>,
) {
    let leeway = i64::try_from(policy.leeway).unwrap_or(i64::MAX);
    let lee = if leeway > 0 {
        format!("; leeway {}", claims::human_duration(leeway))
    } else {
        String::new()
    };
    match claims::time_claim(claims, "exp") {
        Err(e) => out.push(Check::fail("exp", Fault::NotNumericDate, e)),
        Ok(None) => out.push(Check::pass("exp", "no exp claim: the token never expires")),
        Ok(Some(exp)) => {
            let rel = claims::exp_text(exp, now);
            let at = claims::utc_text(exp);
            if policy.ignore_exp {
                out.push(Check::pass(
                    "exp",
                    format!("not checked (ignore exp): {rel} ({at})"),
                ));
            } else if now < exp.saturating_add(leeway) {
                out.push(Check::pass("exp", format!("{rel} ({at}{lee})")));
            } else {
                out.push(Check::fail(
                    "exp",
                    Fault::Expired,
                    format!("the token {rel} ({at}{lee})"),
                ));
            }
        }
    }
    match claims::time_claim(claims, "nbf") {
        Err(e) => out.push(Check::fail("nbf", Fault::NotNumericDate, e)),
        Ok(None) => {}
        Ok(Some(nbf)) => {
            let rel = claims::nbf_text(nbf, now);
            let ok = now.saturating_add(leeway) >= nbf;
            let detail = format!("{rel} ({}{lee})", claims::utc_text(nbf));
            out.push(if ok {
                Check::pass("nbf", detail)
            } else {
                Check::fail("nbf", Fault::NotYetValid, detail)
            });
        }
    }
    match claims::time_claim(claims, "iat") {
        Err(e) => out.push(Check::fail("iat", Fault::NotNumericDate, e)),
        Ok(None) => {}
        Ok(Some(iat)) => {
            let rel = claims::iat_text(iat, now);
            if iat > now.saturating_add(leeway) {
                out.push(Check::fail(
                    "iat",
                    Fault::IssuedInFuture,
                    format!(
                        "{rel}: the issuer's clock is ahead, or the token is forged ({})",
                        claims::utc_text(iat)
                    ),
                ));
            } else if let Ok(Some(exp)) =
                claims::time_claim(claims, "exp").map(|e| e.filter(|e| *e < iat))
            {
                out.push(Check::fail(
                    "iat",
                    Fault::ExpBeforeIat,
                    format!(
                        "issued at {} but expires earlier, at {}",
                        claims::utc_text(iat),
                        claims::utc_text(exp)
                    ),
                ));
            } else {
                out.push(Check::pass(
                    "iat",
                    format!("{rel} ({})", claims::utc_text(iat)),
                ));
            }
        }
    }
}

/// A claim's value as JSON text, escaped for showing.
fn shown(v: &Value) -> String {
    text::clip(&v.to_string(), 200)
}

fn string_check(
    claims: &Map<String, Value>,
    name: &str,
    expected: Option<&String>,
    out: &mut Vec<Check>,
) {
    // A value of the wrong type is reported once, by `type_checks`.
    let found = claims.get(name).filter(|v| v.is_string());
    let want = expected.map(|w| text::clip(w, 200));
    match (want, found) {
        (None, None) => {}
        (None, Some(v)) => out.push(Check::pass(
            name,
            format!("{} (not checked: nothing expected)", shown(v)),
        )),
        (Some(want), None) => out.push(Check::fail(
            name,
            Fault::Missing,
            format!("no {name} claim, but \"{want}\" is expected"),
        )),
        (Some(want), Some(v)) => {
            let matches = v.as_str() == expected.map(String::as_str);
            out.push(if matches {
                Check::pass(name, format!("{} matches \"{want}\"", shown(v)))
            } else {
                Check::fail(
                    name,
                    Fault::Mismatch,
                    format!("{name} is {}, but \"{want}\" is expected", shown(v)),
                )
            });
        }
    }
}

/// iss, sub and jti, when present, are strings (RFC 7519 sections 4.1.1, 4.1.2, 4.1.7): a
/// number or null there is a malformed token, whatever is expected of it.
fn type_checks(claims: &Map<String, Value>) -> Vec<Check> {
    [("iss", "4.1.1"), ("sub", "4.1.2"), ("jti", "4.1.7")]
        .into_iter()
        .filter_map(|(name, section)| {
            let v = claims.get(name).filter(|v| !v.is_string())?;
            Some(
                Check::fail(
                    name,
                    Fault::Malformed,
                    format!(
                        "{name} must be a string; it is {}: {}",
                        crate::core::json::kind_name(v),
                        shown(v)
                    ),
                )
                .cite("RFC 7519", section),
            )
        })
        .collect()
}

/// The audience (RFC 7519 section 4.1.3): a string or an array of strings; when present, the
/// verifier must find itself in it, so a verifier that names no audience cannot accept it.
fn aud_check(claims: &Map<String, Value>, policy: &Policy, out: &mut Vec<Check>) {
    const SPEC: &str = "RFC 7519";
    let Some(found) = claims.get("aud") else {
        if let Some(want) = &policy.aud {
            out.push(
                Check::fail(
                    "aud",
                    Fault::Missing,
                    format!(
                        "no aud claim, but \"{}\" is expected",
                        text::clip(want, 200)
                    ),
                )
                .cite(SPEC, "4.1.3"),
            );
        }
        return;
    };
    let list: Option<Vec<&str>> = match found {
        Value::String(s) => Some(vec![s.as_str()]),
        Value::Array(items) => items.iter().map(Value::as_str).collect(),
        _ => None,
    };
    let Some(list) = list else {
        let what = match found {
            Value::Array(_) => "an array with a member that is not a string".to_string(),
            other => crate::core::json::kind_name(other).to_string(),
        };
        out.push(
            Check::fail(
                "aud",
                Fault::Malformed,
                format!(
                    "aud must be a string or an array of strings; it is {what}: {}",
                    shown(found)
                ),
            )
            .cite(SPEC, "4.1.3"),
        );
        return;
    };
    let check = match (&policy.aud, policy.any_aud) {
        (Some(want), _) if list.contains(&want.as_str()) => Check::pass(
            "aud",
            format!("{} includes \"{}\"", shown(found), text::clip(want, 200)),
        ),
        (Some(want), _) => Check::fail(
            "aud",
            Fault::Mismatch,
            format!(
                "aud is {}, but \"{}\" is expected",
                shown(found),
                text::clip(want, 200)
            ),
        ),
        (None, true) => Check::pass(
            "aud",
            format!("{} (not checked: any audience accepted)", shown(found)),
        ),
        (None, false) => Check::fail(
            "aud",
            Fault::AudNotChecked,
            format!(
                "aud present, no expected audience: the token is for {}, and a verifier that names no audience must not accept it",
                shown(found)
            ),
        ),
    };
    out.push(check.cite(SPEC, "4.1.3"));
}

/// The token's own characters: a compact JWT holds only base64url characters and dots, and
/// anything else must be rejected (RFC 8725bis section 3.14). A token that had to be repaired
/// to be read (wrapping removed, characters changed) is shown, but is not valid as given.
fn format_check(insp: &Inspection) -> Option<Check> {
    let changed: Vec<String> = insp.repairs.iter().map(Repair::note).collect();
    (!changed.is_empty()).then(|| {
        Check::fail(
            "format",
            Fault::Format,
            format!(
                "the token as given is not a legal compact JWT (only base64url characters and dots are allowed); it was {} to be read, and a verifier must reject it as it is",
                changed.join(" and ")
            ),
        )
        .cite("RFC 8725bis", "3.14")
    })
}

/// Duplicate header members (parsers disagree on which one counts, RFC 7515 section 4), and
/// a `kid` that is not a string (RFC 7515 section 4.1.4).
fn header_check(insp: &Inspection) -> Option<Check> {
    let header = insp.header.as_ref().ok()?;
    if let Err(e) = crate::core::keys::token_kid(header) {
        return Some(
            Check::fail("header", Fault::Malformed, e.to_string()).cite("RFC 7515", "4.1.4"),
        );
    }
    let bytes = insp.header_bytes.as_ref().ok()?;
    let text = std::str::from_utf8(bytes).ok()?;
    strict::check_unique("header", text)
        .err()
        .map(|e| Check::fail("header", Fault::Malformed, e.to_string()).cite("RFC 7515", "4"))
}

/// The header and claim checks (format, crit, exp, nbf, iat, aud, iss, sub, required) at
/// time `now`.
pub fn claim_checks(insp: &Inspection, policy: &Policy, now: NumericDate) -> Vec<Check> {
    let mut checks: Vec<Check> = format_check(insp).into_iter().collect();
    checks.extend(header_check(insp));
    if let Some(c) = insp.header.as_ref().ok().and_then(crit_check) {
        checks.push(c);
    }
    checks.extend(payload_checks(insp.payload.as_ref(), policy, now));
    checks
}

/// The checks of a payload's claims (exp, nbf, iat, aud, iss, sub, required) at time `now`, or
/// the one check that says why it holds none: also for claims that were encrypted, not signed.
pub fn payload_checks(
    payload: Result<&Payload, &crate::core::error::Error>,
    policy: &Policy,
    now: NumericDate,
) -> Vec<Check> {
    let mut checks = Vec::new();
    let Some(claims) = payload.ok().and_then(Payload::claims) else {
        checks.push(no_claims_check(payload, policy));
        return checks;
    };
    time_checks(claims, policy, now, &mut checks);
    checks.extend(type_checks(claims));
    aud_check(claims, policy, &mut checks);
    string_check(claims, "iss", policy.iss.as_ref(), &mut checks);
    string_check(claims, "sub", policy.sub.as_ref(), &mut checks);
    for name in &policy.required {
        // A claim that is null is not there: `"jti": null` identifies nothing.
        let ok = claims.get(name).is_some_and(|v| !v.is_null());
        let shown_name = text::clip(name, 60);
        let detail = match (ok, claims.get(name)) {
            (true, _) => format!("required claim {shown_name} is present"),
            (false, Some(_)) => {
                format!("required claim {shown_name} is null, which counts as missing")
            }
            (false, None) => format!("required claim {shown_name} is missing"),
        };
        checks.push(if ok {
            Check::pass(name, detail)
        } else {
            Check::fail(name, Fault::Missing, detail)
        });
    }
    checks
}

/// The check for a payload that holds no claims: invalid claims when it was meant as claims,
/// else a plain JWS that passes unless claims were expected.
fn no_claims_check(
    payload: Result<&Payload, &crate::core::error::Error>,
    policy: &Policy,
) -> Check {
    if let Ok(Payload::Invalid { error, .. }) = payload {
        return Check::fail("claims", Fault::InvalidClaims, error.to_string())
            .cite("RFC 7519", "7.2");
    }
    let why = match payload {
        Ok(p) => p.explain().unwrap_or_default(),
        Err(e) => e.to_string(),
    };
    let expects_claims = policy.aud.is_some()
        || policy.iss.is_some()
        || policy.sub.is_some()
        || !policy.required.is_empty();
    if payload.is_ok() && policy.any_payload && !expects_claims {
        Check::pass("claims", format!("{why} (any payload accepted)"))
    } else {
        Check::fail("claims", Fault::NoClaims, format!("not a JWT: {why}")).cite("RFC 7519", "7.2")
    }
}
