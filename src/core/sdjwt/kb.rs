//! Key binding (RFC 9901 sections 4.3 and 7.3): the holder's key from `cnf.jwk`, and the
//! KB-JWT's algorithm, signature, `typ`, `iat`, `nonce`, `aud` and `sd_hash`, each a numbered
//! step.

use super::steps;
use super::{HolderBinding, SdJwt, SdPolicy};
use crate::core::alg::Family;
use crate::core::claims::{self, NumericDate};
use crate::core::keys::{self, Key};
use crate::core::text;
use crate::core::verify::{self, Check, Policy, Report, SignatureStatus, Unchecked};
use serde_json::{Map, Value};

/// Why an SD-JWT names no usable holder key. Messages clip and escape member names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HolderKeyError {
    /// No `cnf` claim.
    #[error(
        "the SD-JWT has no cnf claim, so it names no holder key: it cannot be key-bound (RFC 9901 section 4.1.2)"
    )]
    NoCnf,
    /// `cnf` is not an object (what it is instead).
    #[error("cnf is {0}, not an object with a jwk member")]
    CnfNotObject(&'static str),
    /// `cnf` has no `jwk` (the members it has, clipped and joined).
    #[error(
        "cnf holds {0} but no jwk: this verifier takes the holder key from cnf.jwk only (RFC 7800 section 3.2)"
    )]
    NoJwk(String),
    /// `cnf.jwk` is not an object.
    #[error("cnf.jwk is not a JSON object")]
    JwkNotObject,
    /// `cnf.jwk` holds `d`.
    #[error(
        "cnf.jwk holds a private key (d): whoever has the SD-JWT can sign KB-JWTs, so key binding proves nothing"
    )]
    Private,
    /// `cnf.jwk` does not load.
    #[error("cnf.jwk cannot be read: {0}")]
    Unreadable(#[from] keys::KeyError),
    /// `cnf.jwk` is a secret.
    #[error(
        "cnf.jwk is a symmetric key (oct): every reader of the SD-JWT has it, so key binding proves nothing"
    )]
    Symmetric,
    /// `cnf.jwk` is an X25519 key.
    #[error("cnf.jwk is an X25519 key, which agrees keys and cannot sign a KB-JWT")]
    X25519,
}

/// The holder's public key as the SD-JWT names it: `cnf.jwk` (RFC 7800 section 3.2), public,
/// asymmetric. The error says what the SD-JWT carries instead.
pub fn holder_key(claims: &Map<String, Value>) -> Result<Key, HolderKeyError> {
    let cnf = match claims.get("cnf") {
        None => return Err(HolderKeyError::NoCnf),
        Some(Value::Object(c)) => c,
        Some(other) => {
            return Err(HolderKeyError::CnfNotObject(crate::core::json::kind_name(
                other,
            )));
        }
    };
    let Some(jwk) = cnf.get("jwk") else {
        let names: Vec<String> = cnf.keys().map(|k| text::clip(k, 20)).collect();
        return Err(HolderKeyError::NoJwk(if names.is_empty() {
            "nothing".to_string()
        } else {
            names.join(", ")
        }));
    };
    let Value::Object(jwk) = jwk else {
        return Err(HolderKeyError::JwkNotObject);
    };
    if jwk.contains_key("d") {
        return Err(HolderKeyError::Private);
    }
    let key = keys::parse_jwk(jwk)?;
    match key.family() {
        Family::Hmac => Err(HolderKeyError::Symmetric),
        Family::X25519 => Err(HolderKeyError::X25519),
        _ => Ok(key),
    }
}

/// What key binding found: its steps, the KB-JWT's own report, and the `sd_hash` it claims.
pub(crate) struct Binding {
    pub checks: Vec<Check>,
    pub report: Option<Report>,
    pub claimed: Option<String>,
}

/// RFC 9901 section 7.3 steps 1, 2 and 5 for `sd` under `policy`, the holder key taken from
/// the processed `claims`.
pub(crate) fn key_binding(
    sd: &SdJwt,
    claims: &Map<String, Value>,
    policy: &SdPolicy,
    now: NumericDate,
) -> Binding {
    let mut checks = Vec::new();
    let required = policy.binding == HolderBinding::Required;
    checks.push(steps::KB_POLICY.pass(if required {
        "key binding is required by the verifier's policy, whatever the presentation carries"
    } else {
        "key binding is optional by the verifier's policy: a KB-JWT is checked when present"
    }));
    let Some(kb) = &sd.kb else {
        checks.push(steps::KB_PRESENT.check(!required, if required {
            "key binding is required, but the presentation ends with '~' and carries no KB-JWT (stripped, or never made): rejected"
        } else {
            "no KB-JWT, and key binding is optional: anyone holding this SD-JWT can present it (RFC 9901 section 9.5)"
        }));
        return Binding {
            checks,
            report: None,
            claimed: None,
        };
    };
    checks.push(steps::KB_PRESENT.pass("the presentation ends with a KB-JWT (SD-JWT+KB)"));
    let holder = holder_key(claims);
    checks.push(match &holder {
        Ok(k) => steps::HOLDER_KEY.pass(format!(
            "cnf.jwk: {} (thumbprint {})",
            k.describe(),
            k.thumbprint()
        )),
        Err(e) => steps::HOLDER_KEY.fail(e.to_string()),
    });
    let kb_policy = Policy {
        leeway: policy.leeway,
        any_aud: true,
        ..Policy::default()
    };
    let report = verify::verify(kb, holder.as_ref().ok(), &kb_policy, now);
    checks.extend(signature_steps(&report, holder.is_ok()));
    let kb_claims = kb.claims();
    let typ = kb.header.as_ref().ok().and_then(|h| h.get("typ"));
    let typ_ok = typ.and_then(Value::as_str).is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t == "kb+jwt" || t == "application/kb+jwt"
    });
    checks.push(steps::KB_TYP.check(typ_ok, match typ {
        _ if typ_ok => "typ is kb+jwt".to_string(),
        None => "the KB-JWT has no typ; it must be kb+jwt, so that no other JWT can pass for one".to_string(),
        Some(t) => format!("typ is {}; it must be kb+jwt", text::clip(&t.to_string(), 60)),
    }));
    checks.push(iat_step(kb_claims, policy, now));
    checks.push(expected_step(
        steps::KB_NONCE,
        "nonce",
        kb_claims,
        policy.nonce.as_deref(),
        "--nonce, or Nonce under Context",
    ));
    checks.push(expected_step(
        steps::KB_AUD,
        "aud",
        kb_claims,
        policy.aud.as_deref(),
        "--aud, or Expected audience",
    ));
    let claimed = kb_claims.and_then(|c| c.get("sd_hash"));
    let computed = sd.sd_hash();
    checks.push(match claimed {
        Some(Value::String(s)) if *s == computed => steps::SD_HASH.pass(format!(
            "sd_hash {computed} is the {} of the {} bytes up to and including the last '~'",
            sd.sd_alg,
            sd.sd_hash_input().len()
        )),
        Some(Value::String(s)) => steps::SD_HASH.fail(format!(
            "sd_hash is {}, but the {} of this presentation (the {} bytes up to and including the last '~') is {computed}: the KB-JWT was made for other disclosures, another order or another SD-JWT",
            text::clip(s, 90),
            sd.sd_alg,
            sd.sd_hash_input().len()
        )),
        Some(other) => steps::SD_HASH.fail(format!("sd_hash is {}, not a string", crate::core::json::kind_name(other))),
        None => steps::SD_HASH.fail("the KB-JWT has no sd_hash, so it is tied to no presentation (RFC 9901 section 4.3)"),
    });
    let others: Vec<String> = report
        .checks
        .iter()
        .filter(|c| !c.ok && !matches!(c.name.as_str(), "alg" | "aud" | "iat"))
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect();
    checks.push(steps::KB_JWT.check(
        others.is_empty(),
        if others.is_empty() {
            "the KB-JWT passes the other JWT checks (format, crit, exp, nbf)".to_string()
        } else {
            others.join("; ")
        },
    ));
    let claimed = claimed.and_then(Value::as_str).map(str::to_string);
    Binding {
        checks,
        report: Some(report),
        claimed,
    }
}

fn signature_steps(report: &Report, have_key: bool) -> [Check; 2] {
    let alg = report.alg.map(|a| a.name()).unwrap_or("?");
    match &report.signature {
        _ if !have_key => [
            steps::KB_ALG.fail("not checked: there is no holder key to check it with (7.3 step 5.1)"),
            steps::KB_SIGNATURE.fail("not checked: there is no holder key to check it with"),
        ],
        SignatureStatus::Valid => [
            steps::KB_ALG.pass(format!("{alg}, which fits the holder key")),
            steps::KB_SIGNATURE.pass(format!("the KB-JWT is signed with the holder key in cnf.jwk ({alg})")),
        ],
        SignatureStatus::Invalid => [
            steps::KB_ALG.pass(format!("{alg}, which fits the holder key")),
            steps::KB_SIGNATURE.fail("the signature does not match the holder key in cnf.jwk: the KB-JWT was signed by another key, or altered"),
        ],
        SignatureStatus::Unchecked(Unchecked::Malformed, why) => [
            steps::KB_ALG.pass(alg.to_string()),
            steps::KB_SIGNATURE.fail(format!("the KB-JWT cannot be checked: {why}")),
        ],
        SignatureStatus::Unchecked(_, why) => [
            steps::KB_ALG.fail(format!("{why}: a KB-JWT must be signed with the holder key, never alg none (RFC 9901 section 4.3)")),
            steps::KB_SIGNATURE.fail("not checked: the algorithm is refused"),
        ],
    }
}

fn iat_step(kb: Option<&Map<String, Value>>, policy: &SdPolicy, now: NumericDate) -> Check {
    let leeway = i64::try_from(policy.leeway).unwrap_or(i64::MAX);
    let window = i64::try_from(policy.kb_max_age).unwrap_or(i64::MAX);
    let accepted = format!(
        "accepted: made within the last {}",
        claims::human_duration(window)
    );
    match kb.map(|c| claims::time_claim(c, "iat")) {
        None | Some(Ok(None)) => steps::KB_IAT.fail(
            "the KB-JWT has no iat, so its freshness cannot be judged (RFC 9901 section 4.3)",
        ),
        Some(Err(e)) => steps::KB_IAT.fail(e.to_string()),
        Some(Ok(Some(iat))) if iat > now.saturating_add(leeway) => steps::KB_IAT.fail(format!(
            "{} ({}): the holder's clock is ahead, or the KB-JWT is forged",
            claims::iat_text(iat, now),
            claims::utc_text(iat)
        )),
        Some(Ok(Some(iat))) if now.saturating_sub(iat) > window.saturating_add(leeway) => {
            steps::KB_IAT.fail(format!(
                "{} ({}); {accepted}: a stale KB-JWT may be a replay",
                claims::iat_text(iat, now),
                claims::utc_text(iat)
            ))
        }
        Some(Ok(Some(iat))) => {
            steps::KB_IAT.pass(format!("{} ({accepted})", claims::iat_text(iat, now)))
        }
    }
}

fn expected_step(
    step: steps::Step,
    name: &str,
    kb: Option<&Map<String, Value>>,
    expected: Option<&str>,
    flag: &str,
) -> Check {
    let found = kb.and_then(|c| c.get(name));
    match (found, expected) {
        (None, _) => step.fail(format!("the KB-JWT has no {name} (RFC 9901 section 4.3 requires it)")),
        (Some(Value::String(s)), Some(want)) if s == want => step.pass(format!("{name} is \"{}\", as expected", text::clip(s, 80))),
        (Some(Value::String(s)), Some(want)) => step.fail(format!(
            "{name} is \"{}\", but \"{}\" is expected: the KB-JWT was made for another {}",
            text::clip(s, 80),
            text::clip(want, 80),
            if name == "aud" { "verifier" } else { "transaction (a replay?)" }
        )),
        (Some(Value::String(s)), None) => step.fail(format!(
            "{name} is \"{}\", and no expected {name} was given ({flag}): not checked, so not valid",
            text::clip(s, 80)
        )),
        (Some(other), _) => step.fail(format!(
            "{name} is {}; it must be a single string (RFC 9901 section 4.3)",
            crate::core::json::kind_name(other)
        )),
    }
}
