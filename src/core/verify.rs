//! Verification as a report: the signature verdict and every claim check, each with a
//! sentence. A failed signature or an expired token is a result, not an error.

use super::alg::{HeaderAlg, JwsAlg};
use super::claims::{self, NumericDate};
use super::keys::{self, Key, Purpose};
use super::token::{Form, Inspection};
use serde_json::{Map, Value};

/// What the verifier expects. Defaults: algorithms from the key, leeway 0 s, exp checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Accepted algorithms; empty means "whatever fits the key" (never the token's word alone).
    pub algorithms: Vec<JwsAlg>,
    /// Clock leeway for exp, nbf and iat, in seconds (default 0).
    pub leeway: u64,
    /// Skip the exp check (the check still reports the time).
    pub ignore_exp: bool,
    /// Expected audience: `aud` must equal it or contain it.
    pub aud: Option<String>,
    /// Expected issuer.
    pub iss: Option<String>,
    /// Expected subject.
    pub sub: Option<String>,
    /// Claims that must be present.
    pub required: Vec<String>,
}

/// Why a signature was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unchecked {
    /// No key was given.
    NoKey,
    /// `alg: none` (any case).
    AlgNone,
    /// An algorithm this tool does not implement, or a missing/odd `alg`.
    UnsupportedAlg,
    /// The token's algorithm is not among those the user or the key allows.
    AlgNotAllowed,
    /// The key is of the wrong kind for the algorithm.
    KeyMismatch,
    /// A segment does not decode.
    Malformed,
    /// A JWE: encrypted, not signed.
    Encrypted,
}

/// The signature's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureStatus {
    /// The signature matches the key.
    Valid,
    /// The signature does not match the key.
    Invalid,
    /// Not checked, with the reason and a sentence.
    Unchecked(Unchecked, String),
}

impl SignatureStatus {
    /// "valid", "invalid" or "unchecked" (the CLI's JSON contract).
    pub fn word(&self) -> &'static str {
        match self {
            SignatureStatus::Valid => "valid",
            SignatureStatus::Invalid => "invalid",
            SignatureStatus::Unchecked(..) => "unchecked",
        }
    }
}

/// One check with its outcome and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Short name: alg, crit, exp, nbf, iat, aud, iss, sub, claims, or a required claim's name.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found, in a sentence.
    pub detail: String,
}

/// The overall verdict, for a one-line display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Signature valid and every check passed.
    Valid,
    /// The signature does not match.
    InvalidSignature,
    /// Signature fine (or unchecked) but exp has passed.
    Expired,
    /// nbf is in the future.
    NotYetValid,
    /// Another claim check failed.
    ClaimFailed,
    /// The signature could not be checked.
    NotChecked,
}

/// The verification report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Signature verdict.
    pub signature: SignatureStatus,
    /// The algorithm used for the check, when one was.
    pub alg: Option<JwsAlg>,
    /// The checks, in order.
    pub checks: Vec<Check>,
}

impl Report {
    /// True when the signature is valid and all checks passed.
    pub fn valid(&self) -> bool {
        self.signature == SignatureStatus::Valid && self.checks.iter().all(|c| c.ok)
    }

    /// The failed check of the given name, if any.
    fn failed(&self, name: &str) -> bool {
        self.checks.iter().any(|c| c.name == name && !c.ok)
    }

    /// The verdict and a one-line text for it.
    pub fn verdict(&self) -> (Verdict, String) {
        match &self.signature {
            SignatureStatus::Invalid => {
                return (Verdict::InvalidSignature, "invalid signature".to_string());
            }
            SignatureStatus::Unchecked(_, why) => {
                return (Verdict::NotChecked, format!("not checked: {why}"));
            }
            SignatureStatus::Valid => {}
        }
        if self.failed("exp") {
            return (
                Verdict::Expired,
                "signature valid, but the token has expired".to_string(),
            );
        }
        if self.failed("nbf") {
            return (
                Verdict::NotYetValid,
                "signature valid, but the token is not valid yet".to_string(),
            );
        }
        if let Some(c) = self.checks.iter().find(|c| !c.ok) {
            return (
                Verdict::ClaimFailed,
                format!("signature valid, but {}", c.detail),
            );
        }
        (
            Verdict::Valid,
            "valid: signature verified and all checks passed".to_string(),
        )
    }

    /// The first failure as a sentence (for error output), if any.
    pub fn first_failure(&self) -> Option<String> {
        if self.valid() {
            None
        } else {
            Some(self.verdict().1)
        }
    }
}

fn check(name: &str, ok: bool, detail: impl Into<String>) -> Check {
    Check {
        name: name.to_string(),
        ok,
        detail: detail.into(),
    }
}

/// Header members registered by RFC 7515/7519, which `crit` must not list.
const REGISTERED_HEADER: [&str; 11] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// Checks `crit` (RFC 7515 section 4.1.11). This verifier understands no extensions.
fn crit_check(header: &Map<String, Value>) -> Option<Check> {
    let crit = header.get("crit")?;
    let Some(list) = crit.as_array().filter(|l| !l.is_empty()) else {
        return Some(check(
            "crit",
            false,
            "crit must be a non-empty array of header names",
        ));
    };
    for item in list {
        let Some(name) = item.as_str() else {
            return Some(check(
                "crit",
                false,
                "crit must list header names as strings",
            ));
        };
        if REGISTERED_HEADER.contains(&name) {
            return Some(check(
                "crit",
                false,
                format!("crit lists \"{name}\", a registered header name, which RFC 7515 forbids"),
            ));
        }
        if !header.contains_key(name) {
            return Some(check(
                "crit",
                false,
                format!("crit lists \"{name}\" but the header has no such member"),
            ));
        }
    }
    let names: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
    Some(check(
        "crit",
        false,
        format!(
            "crit marks {} as critical, an extension this verifier does not understand, so the token must be rejected",
            names.join(", ")
        ),
    ))
}

/// The signature part of a verification: status, the algorithm used, and the `alg` check.
/// Independent of time, so a window can cache it and re-run only [`claim_checks`] each second.
pub fn signature_status(
    insp: &Inspection,
    key: Option<&Key>,
    policy: &Policy,
) -> (SignatureStatus, Option<JwsAlg>, Check) {
    let unchecked = |why: Unchecked, text: String| {
        (
            SignatureStatus::Unchecked(why, text.clone()),
            None,
            check("alg", false, text),
        )
    };
    if insp.form == Form::Jwe {
        return unchecked(
            Unchecked::Encrypted,
            "this is an encrypted token (JWE); it has no signature to check".into(),
        );
    }
    if let Some(e) = insp.header.as_ref().err().or(insp.signature.as_ref().err()) {
        return unchecked(Unchecked::Malformed, e.to_string());
    }
    let alg = match &insp.alg {
        HeaderAlg::Known(a) => *a,
        HeaderAlg::None(_) => {
            return unchecked(Unchecked::AlgNone, insp.alg.problem().unwrap_or_default());
        }
        other => {
            return unchecked(
                Unchecked::UnsupportedAlg,
                other.problem().unwrap_or_default(),
            );
        }
    };
    if !policy.algorithms.is_empty() && !policy.algorithms.contains(&alg) {
        let allowed: Vec<&str> = policy.algorithms.iter().map(|a| a.name()).collect();
        return unchecked(
            Unchecked::AlgNotAllowed,
            format!(
                "the token says {alg}, but only {} is allowed",
                allowed.join(", ")
            ),
        );
    }
    let Some(key) = key else {
        return (
            SignatureStatus::Unchecked(Unchecked::NoKey, "no key given".into()),
            Some(alg),
            check("alg", true, format!("{alg} (no key to check it with)")),
        );
    };
    if let Err(e) = key.check_fits(alg, Purpose::Verify) {
        return unchecked(Unchecked::KeyMismatch, format!("the token says {alg}: {e}"));
    }
    let Ok(sig) = insp.signature.as_ref() else {
        return unchecked(Unchecked::Malformed, "the signature does not decode".into());
    };
    match keys::verify_bytes(key, alg, insp.signing_input().as_bytes(), sig) {
        Ok(true) => (
            SignatureStatus::Valid,
            Some(alg),
            check(
                "alg",
                true,
                format!("{alg}, checked with {}", key.describe()),
            ),
        ),
        Ok(false) => (
            SignatureStatus::Invalid,
            Some(alg),
            check(
                "alg",
                true,
                format!("{alg}, checked with {}", key.describe()),
            ),
        ),
        Err(e) => unchecked(Unchecked::KeyMismatch, e.to_string()),
    }
}

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
        Err(e) => out.push(check("exp", false, e)),
        Ok(None) => out.push(check("exp", true, "no exp claim: the token never expires")),
        Ok(Some(exp)) => {
            let rel = claims::exp_text(exp, now);
            let at = claims::utc_text(exp);
            if policy.ignore_exp {
                out.push(check(
                    "exp",
                    true,
                    format!("not checked (ignore exp): {rel} ({at})"),
                ));
            } else if now < exp.saturating_add(leeway) {
                out.push(check("exp", true, format!("{rel} ({at}{lee})")));
            } else {
                out.push(check("exp", false, format!("the token {rel} ({at}{lee})")));
            }
        }
    }
    match claims::time_claim(claims, "nbf") {
        Err(e) => out.push(check("nbf", false, e)),
        Ok(None) => {}
        Ok(Some(nbf)) => {
            let rel = claims::nbf_text(nbf, now);
            let ok = now.saturating_add(leeway) >= nbf;
            out.push(check(
                "nbf",
                ok,
                format!("{rel} ({}{lee})", claims::utc_text(nbf)),
            ));
        }
    }
    match claims::time_claim(claims, "iat") {
        Err(e) => out.push(check("iat", false, e)),
        Ok(None) => {}
        Ok(Some(iat)) => {
            let rel = claims::iat_text(iat, now);
            if iat > now.saturating_add(leeway) {
                out.push(check(
                    "iat",
                    false,
                    format!(
                        "{rel}: the issuer's clock is ahead, or the token is forged ({})",
                        claims::utc_text(iat)
                    ),
                ));
            } else if let Ok(Some(exp)) =
                claims::time_claim(claims, "exp").map(|e| e.filter(|e| *e < iat))
            {
                out.push(check(
                    "iat",
                    false,
                    format!(
                        "issued at {} but expires earlier, at {}",
                        claims::utc_text(iat),
                        claims::utc_text(exp)
                    ),
                ));
            } else {
                out.push(check(
                    "iat",
                    true,
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
        (None, Some(_)) => out.push(check(
            name,
            true,
            format!(
                "{} (not checked: nothing expected)",
                shown.unwrap_or_default()
            ),
        )),
        (Some(want), None) => out.push(check(
            name,
            false,
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
            out.push(check(name, matches, detail));
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
                checks.push(check(name, ok, detail));
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
            checks.push(check("claims", ok, why));
        }
    }
    checks
}

/// Verifies an inspected token with `key` (if any) under `policy` at time `now`.
pub fn verify(insp: &Inspection, key: Option<&Key>, policy: &Policy, now: NumericDate) -> Report {
    let (signature, alg, alg_check) = signature_status(insp, key, policy);
    let mut checks = vec![alg_check];
    checks.extend(claim_checks(insp, policy, now));
    Report {
        signature,
        alg,
        checks,
    }
}
