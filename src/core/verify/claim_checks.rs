//! The claim half of verification: crit, exp, nbf, iat, aud, iss, sub and required claims,
//! at a given instant.

use super::signature::crit_check;
use super::{Check, Fault, Policy};
use crate::core::claims::{self, NumericDate};
use crate::core::token::Inspection;
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

fn string_check(
    claims: &Map<String, Value>,
    name: &str,
    expected: Option<&String>,
    out: &mut Vec<Check>,
) {
    let found = claims.get(name);
    let shown = found.map(Value::to_string);
    match (expected, found) {
        (None, None) => {}
        (None, Some(_)) => out.push(Check::pass(
            name,
            format!(
                "{} (not checked: nothing expected)",
                shown.unwrap_or_default()
            ),
        )),
        (Some(want), None) => out.push(Check::fail(
            name,
            Fault::Missing,
            format!("no {name} claim, but \"{want}\" is expected"),
        )),
        (Some(want), Some(v)) => {
            let matches = match v {
                Value::String(s) => s == want,
                Value::Array(items) if name == "aud" => {
                    items.iter().any(|i| i.as_str() == Some(want.as_str()))
                }
                _ => false,
            };
            let detail = if matches {
                format!("{} matches \"{want}\"", shown.unwrap_or_default())
            } else {
                format!(
                    "{name} is {}, but \"{want}\" is expected",
                    shown.unwrap_or_default()
                )
            };
            out.push(if matches {
                Check::pass(name, detail)
            } else {
                Check::fail(name, Fault::Mismatch, detail)
            });
        }
    }
}

/// The header and claim checks (crit, exp, nbf, iat, aud, iss, sub, required) at time `now`.
pub fn claim_checks(insp: &Inspection, policy: &Policy, now: NumericDate) -> Vec<Check> {
    let mut checks = Vec::new();
    if let Some(c) = insp.header.as_ref().ok().and_then(crit_check) {
        checks.push(c);
    }
    match insp.claims() {
        Some(claims) => {
            time_checks(claims, policy, now, &mut checks);
            string_check(claims, "aud", policy.aud.as_ref(), &mut checks);
            string_check(claims, "iss", policy.iss.as_ref(), &mut checks);
            string_check(claims, "sub", policy.sub.as_ref(), &mut checks);
            for name in &policy.required {
                let ok = claims.contains_key(name);
                let detail = if ok {
                    format!("required claim {name} is present")
                } else {
                    format!("required claim {name} is missing")
                };
                checks.push(if ok {
                    Check::pass(name, detail)
                } else {
                    Check::fail(name, Fault::Missing, detail)
                });
            }
        }
        None => {
            let why = match &insp.payload {
                Ok(p) => p.explain().unwrap_or_default(),
                Err(e) => e.to_string(),
            };
            let expects_claims = policy.aud.is_some()
                || policy.iss.is_some()
                || policy.sub.is_some()
                || !policy.required.is_empty();
            let ok = insp.payload.is_ok() && !expects_claims;
            checks.push(if ok {
                Check::pass("claims", why)
            } else {
                Check::fail("claims", Fault::NoClaims, why)
            });
        }
    }
    checks
}
