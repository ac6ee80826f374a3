//! The signature half of verification: algorithm, crit, and the signature itself. It does
//! not depend on time, so a window can cache it.

use super::{Check, Fault, Policy, SignatureStatus, Unchecked};
use crate::core::alg::{HeaderAlg, JwsAlg};
use crate::core::keys::{self, Key, Purpose};
use crate::core::text;
use crate::core::token::{Form, Inspection};
use serde_json::{Map, Value};

fn check(name: &str, ok: bool, detail: impl Into<String>) -> Check {
    if ok {
        Check::pass(name, detail)
    } else {
        let fault = if name == "crit" {
            Fault::Crit
        } else {
            Fault::Alg
        };
        Check::fail(name, fault, detail)
    }
}

/// Header members registered by RFC 7515/7519, which `crit` must not list.
const REGISTERED_HEADER: [&str; 11] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// The extensions this verifier understands when `crit` lists them: `b64` (RFC 7797), true or
/// false.
fn understood(name: &str, header: &Map<String, Value>) -> bool {
    name == "b64" && header.get("b64").is_some_and(Value::is_boolean)
}

/// Checks `crit` (RFC 7515 section 4.1.11) and `b64` (RFC 7797): a `crit` that is malformed,
/// names a registered member or one the header lacks, or lists an extension this verifier
/// does not understand fails; so does `b64` when `crit` does not list it (RFC 7797 section
/// 6) or when it is not a boolean.
pub fn crit_check(header: &Map<String, Value>) -> Option<Check> {
    let b64 = header.get("b64");
    let Some(crit) = header.get("crit") else {
        return b64.map(|_| {
            check(
                "crit",
                false,
                "b64 is set but crit does not list it: a verifier that does not know b64 would read the payload differently, so RFC 7797 requires \"crit\": [\"b64\"]",
            )
            .cite("RFC 7797", "6")
        });
    };
    let Some(list) = crit.as_array().filter(|l| !l.is_empty()) else {
        return Some(
            check(
                "crit",
                false,
                "crit must be a non-empty array of header names",
            )
            .cite("RFC 7515", "4.1.11"),
        );
    };
    let mut names = Vec::new();
    for item in list {
        let Some(name) = item.as_str() else {
            return Some(
                check("crit", false, "crit must list header names as strings")
                    .cite("RFC 7515", "4.1.11"),
            );
        };
        let shown = text::clip(name, 40);
        if REGISTERED_HEADER.contains(&name) {
            return Some(
                check(
                    "crit",
                    false,
                    format!(
                        "crit lists \"{shown}\", a registered header name, which RFC 7515 forbids"
                    ),
                )
                .cite("RFC 7515", "4.1.11"),
            );
        }
        if !header.contains_key(name) {
            return Some(
                check(
                    "crit",
                    false,
                    format!("crit lists \"{shown}\" but the header has no such member"),
                )
                .cite("RFC 7515", "4.1.11"),
            );
        }
        names.push(name);
    }
    if b64.is_some() && !names.contains(&"b64") {
        return Some(
            check(
                "crit",
                false,
                "b64 is set but crit does not list it (RFC 7797 requires \"crit\": [\"b64\"])",
            )
            .cite("RFC 7797", "6"),
        );
    }
    match b64 {
        Some(Value::Bool(_)) | None => {}
        Some(_) => {
            return Some(check("crit", false, "b64 must be true or false").cite("RFC 7797", "3"));
        }
    }
    let unknown: Vec<String> = names
        .iter()
        .filter(|n| !understood(n, header))
        .map(|n| text::clip(n, 40))
        .collect();
    if unknown.is_empty() {
        let how = if b64 == Some(&Value::Bool(false)) {
            "false: the payload is signed as it is, not base64url-encoded"
        } else {
            "true: the payload is base64url-encoded as usual"
        };
        return Some(check(
            "crit",
            true,
            format!("crit lists b64, which is {how} (RFC 7797)"),
        ));
    }
    Some(
        check(
            "crit",
            false,
            format!(
                "crit marks {} as critical, an extension this verifier does not understand, so the token must be rejected",
                unknown.join(", ")
            ),
        )
        .cite("RFC 7515", "4.1.11"),
    )
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
    if insp.detached == Some(None) {
        return unchecked(
            Unchecked::Malformed,
            "the payload is detached and was not given: verify needs it apart (--payload; for a compact token, also the window's Payload editor)".into(),
        );
    }
    match keys::verify_bytes(key, alg, &insp.signing_input(), sig) {
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
