//! Verifying an SD-JWT or SD-JWT+KB: the issuer-signed JWT with the existing verifier, then
//! RFC 9901 section 7.1 and 7.3 as numbered checks (and the SD-JWT VC rules when it is one).

use super::kb::{self, Binding};
use super::steps::{self, Step};
use super::{Processed, Slot, process};
use super::{SdJwt, vc};
use crate::core::alg::{Family, JwsAlg};
use crate::core::cite::Cite;
use crate::core::claims::NumericDate;
use crate::core::keys::Key;
use crate::core::token::Payload;
use crate::core::verify::{
    self, Check, Policy, Report, SignatureStatus, Unchecked, payload_checks,
};

/// Whether the verifier requires key binding (RFC 9901 section 7.3 step 1): decided by
/// policy, never by whether the presentation carries a KB-JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HolderBinding {
    /// A KB-JWT must be there and valid (the default).
    #[default]
    Required,
    /// A KB-JWT is checked when present; a presentation without one is accepted.
    Optional,
}

/// What the verifier expects. Defaults: key binding required, KB-JWT at most 300 s old, no
/// leeway, the issuer's algorithms from its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdPolicy {
    /// Key binding required or optional.
    pub binding: HolderBinding,
    /// This verifier's identifier: the KB-JWT's `aud` must be it (and an issuer-signed `aud`
    /// must contain it).
    pub aud: Option<String>,
    /// The nonce this verifier gave the holder for this transaction.
    pub nonce: Option<String>,
    /// How old a KB-JWT may be, by its `iat`, in seconds (default 300).
    pub kb_max_age: u64,
    /// Clock leeway for exp, nbf and iat, in seconds (default 0).
    pub leeway: u64,
    /// Algorithms accepted for the issuer-signed JWT; empty means those that fit the key.
    pub algorithms: Vec<JwsAlg>,
}

impl Default for SdPolicy {
    fn default() -> SdPolicy {
        SdPolicy {
            binding: HolderBinding::Required,
            aud: None,
            nonce: None,
            kb_max_age: 300,
            leeway: 0,
            algorithms: Vec::new(),
        }
    }
}

/// Something that does not fail verification but deserves a reader's attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What was found, in a sentence.
    pub text: String,
    /// The rule behind it.
    pub cite: Cite,
}

/// The verification of an SD-JWT: a value, not an error.
#[derive(Debug, Clone)]
pub struct SdReport {
    /// The issuer-signed JWT, judged by the JWT verifier (signature, crit, exp, nbf, iat, aud).
    pub issuer: Report,
    /// The numbered steps of RFC 9901 sections 7.1 and 7.3 (and SD-JWT VC's), in order.
    pub steps: Vec<Check>,
    /// The KB-JWT, judged by the JWT verifier with the holder key, when there is one.
    pub kb: Option<Report>,
    /// The disclosures placed and the claims rebuilt.
    pub processed: Processed,
    /// Notes that do not fail verification.
    pub warnings: Vec<Warning>,
    /// True when the SD-JWT VC rules were applied.
    pub vc: bool,
    /// The `sd_hash` this presentation must carry.
    pub sd_hash: String,
    /// The `sd_hash` its KB-JWT carries, when it has one as a string.
    pub sd_hash_claimed: Option<String>,
}

impl SdReport {
    /// True when the issuer's signature and claims, and every step, passed.
    pub fn valid(&self) -> bool {
        self.issuer.valid() && self.steps.iter().all(|c| c.ok)
    }

    /// The first failed step, if any.
    pub fn first_failure(&self) -> Option<&Check> {
        self.steps.iter().find(|c| !c.ok)
    }

    /// One line: "valid: …" or what failed first.
    pub fn verdict(&self) -> String {
        if self.valid() {
            let kb = if self.kb.is_some() {
                ", key binding verified"
            } else {
                ""
            };
            return format!("valid: issuer signature verified, every disclosure checked{kb}");
        }
        match self.first_failure() {
            Some(c) => format!("not valid: {} failed: {}", c.name, c.detail),
            None => format!("not valid: {}", self.issuer.verdict().1),
        }
    }
}

/// Verifies `sd` with the issuer's `key` under `policy` at `now`.
pub fn verify(sd: &SdJwt, key: Option<&Key>, policy: &SdPolicy, now: NumericDate) -> SdReport {
    // The verifier's identifier is the KB-JWT's audience; an issuer-signed JWT (or its
    // processed payload) that names an audience must name this verifier too, and one that
    // names none is not asked for one.
    let issuer_policy = |claims: &serde_json::Map<String, serde_json::Value>| Policy {
        algorithms: policy.algorithms.clone(),
        leeway: policy.leeway,
        aud: policy.aud.clone().filter(|_| claims.contains_key("aud")),
        ..Policy::default()
    };
    let issuer = verify::verify(&sd.issuer, key, &issuer_policy(&sd.payload), now);
    let processed = process::process(sd);
    let mut warnings = Vec::new();
    let mut steps = vec![steps::SEPARATE.pass(format!(
        "issuer-signed JWT, {} disclosure{}, {}{}",
        sd.disclosures.len(),
        if sd.disclosures.len() == 1 { "" } else { "s" },
        if sd.kb.is_some() {
            "and a KB-JWT"
        } else {
            "no KB-JWT (ends with '~')"
        },
        if sd.whitespace_removed {
            "; whitespace inside the text was removed"
        } else {
            ""
        }
    ))];
    steps.extend(issuer_steps(sd, &issuer, &mut warnings));
    steps.extend(processing_steps(sd, &processed));
    steps.push(validity_step(
        &processed,
        &issuer_policy(&processed.claims),
        now,
    ));
    let vc = vc::is_vc(sd);
    if vc {
        steps.extend(vc::vc_checks(sd, &processed, &mut warnings));
    } else {
        critical_warnings(sd, &processed, &mut warnings);
    }
    let Binding {
        checks,
        report,
        claimed,
    } = kb::key_binding(sd, &processed.claims, policy, now);
    steps.extend(checks);
    SdReport {
        issuer,
        steps,
        kb: report,
        processed,
        warnings,
        vc,
        sd_hash: sd.sd_hash(),
        sd_hash_claimed: claimed,
    }
}

fn issuer_steps(sd: &SdJwt, issuer: &Report, warnings: &mut Vec<Warning>) -> Vec<Check> {
    let alg = issuer.alg.map(|a| a.name()).unwrap_or("?");
    let mut out = Vec::new();
    match &issuer.signature {
        SignatureStatus::Unchecked(Unchecked::NoKey, _) => {
            out.push(steps::ISSUER_ALG.pass(alg.to_string()));
            out.push(steps::ISSUER_SIGNATURE.fail("not checked: no issuer key was given"));
        }
        SignatureStatus::Unchecked(Unchecked::Malformed, why) => {
            out.push(steps::ISSUER_ALG.pass(alg.to_string()));
            out.push(steps::ISSUER_SIGNATURE.fail(format!("cannot be checked: {why}")));
        }
        SignatureStatus::Unchecked(_, why) => {
            out.push(steps::ISSUER_ALG.fail(format!("{why}: the issuer-signed JWT must be signed, never with alg none (RFC 9901 section 9.1)")));
            out.push(steps::ISSUER_SIGNATURE.fail("not checked: the algorithm is refused"));
        }
        SignatureStatus::Valid | SignatureStatus::Invalid => {
            out.push(steps::ISSUER_ALG.pass(format!("{alg}, which fits the issuer key")));
            if issuer.alg.is_some_and(|a| a.family() == Family::Hmac) {
                warnings.push(Warning {
                    text: format!("the issuer signs with {alg}, a shared secret: every party that can check the signature can also forge one"),
                    cite: Cite::new(steps::RFC, "9.1"),
                });
            }
            let valid = issuer.signature == SignatureStatus::Valid;
            out.push(steps::ISSUER_SIGNATURE.check(valid, if valid {
                "the issuer-signed JWT's signature verifies with the issuer key"
            } else {
                "the signature does not match the issuer key: the issuer-signed JWT was altered, or signed by another key"
            }));
        }
    }
    let iss = sd.payload.get("iss").and_then(serde_json::Value::as_str);
    let valid = issuer.signature == SignatureStatus::Valid;
    let who = iss.map_or("the issuer-signed JWT names no iss".to_string(), |i| {
        format!("iss is \"{}\"", crate::core::text::clip(i, 80))
    });
    out.push(steps::ISSUER_KEY.check(valid, if valid {
        format!("{who}; the key given is taken as this issuer's (how it is trusted, by issuer metadata, x5c or a pinned key, is the verifier's decision)")
    } else {
        format!("{who}; not established: the signature did not verify with the key given")
    }));
    out.push(steps::SD_ALG.pass(if sd.sd_alg_named {
        format!("_sd_alg is {}", sd.sd_alg)
    } else {
        format!("{} (the default: the payload has no _sd_alg)", sd.sd_alg)
    }));
    out
}

/// The processing steps in order: each step's failures, or one passed check with a summary.
fn processing_steps(sd: &SdJwt, p: &Processed) -> Vec<Check> {
    let total = p.embedded.len();
    let in_sd = p.embedded.iter().filter(|e| e.slot == Slot::Sd).count();
    let undisclosed = p.undisclosed().count();
    let summaries: [(Step, String); 9] = [
        (
            steps::DIGESTS,
            format!(
                "{} disclosure digest{} computed with {}",
                sd.disclosures.len(),
                if sd.disclosures.len() == 1 { "" } else { "s" },
                sd.sd_alg
            ),
        ),
        (
            steps::SD_ARRAYS,
            format!(
                "{in_sd} digest{} found in _sd arrays",
                if in_sd == 1 { "" } else { "s" }
            ),
        ),
        (
            steps::ARRAY_DIGESTS,
            format!(
                "{} digest{} found as {{\"...\": digest}} array elements",
                total - in_sd,
                if total - in_sd == 1 { "" } else { "s" }
            ),
        ),
        (
            steps::PROPERTY_SHAPE,
            "each disclosure met in an _sd array is [salt, name, value]".into(),
        ),
        (
            steps::RESERVED_NAME,
            "no disclosed claim is named _sd or ...".into(),
        ),
        (
            steps::NAME_COLLISION,
            "no disclosed claim repeats a name already at its level".into(),
        ),
        (
            steps::ELEMENT_SHAPE,
            "each disclosure met in an array is [salt, value]".into(),
        ),
        (
            steps::DUPLICATE_DIGEST,
            format!("each of the {total} embedded digests appears once"),
        ),
        (
            steps::UNREFERENCED,
            format!(
                "each disclosure sent is referenced; {undisclosed} digest{} no disclosure (decoys, or claims not disclosed)",
                if undisclosed == 1 { " has" } else { "s have" }
            ),
        ),
    ];
    let mut out = Vec::new();
    for (step, summary) in summaries {
        let failed: Vec<&Check> = p.problems.iter().filter(|c| c.name == step.name).collect();
        if failed.is_empty() {
            out.push(step.pass(summary));
        } else {
            out.extend(failed.into_iter().cloned());
        }
        if step == steps::DIGESTS {
            out.extend(
                p.problems
                    .iter()
                    .filter(|c| c.name == steps::NESTING.name)
                    .cloned(),
            );
        }
    }
    out
}

/// RFC 9901 section 7.1 step 6: exp, nbf, iat and aud of the processed payload.
fn validity_step(p: &Processed, policy: &Policy, now: NumericDate) -> Check {
    let payload = Payload::Claims(p.claims.clone());
    let checks = payload_checks(Ok(&payload), policy, now);
    let relevant: Vec<&Check> = checks
        .iter()
        .filter(|c| matches!(c.name.as_str(), "exp" | "nbf" | "iat" | "aud"))
        .collect();
    let failed: Vec<String> = relevant
        .iter()
        .filter(|c| !c.ok)
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect();
    if failed.is_empty() {
        let names: Vec<&str> = relevant.iter().map(|c| c.name.as_str()).collect();
        steps::VALIDITY.pass(format!(
            "the processed payload's {} pass{}",
            names.join(", "),
            if names.len() == 1 { "es" } else { "" }
        ))
    } else {
        steps::VALIDITY.fail(failed.join("; "))
    }
}

/// RFC 9901 section 9.7: validity claims that came from a disclosure (a holder can leave them
/// out).
fn critical_warnings(sd: &SdJwt, p: &Processed, warnings: &mut Vec<Warning>) {
    for (i, at) in p.placed.iter().enumerate() {
        let Some(name) = at.as_deref().and_then(|a| a.strip_prefix('/')) else {
            continue;
        };
        if matches!(name, "iss" | "aud" | "exp" | "nbf" | "cnf") {
            let label = sd.disclosures.get(i).map(|d| d.label()).unwrap_or_default();
            warnings.push(Warning {
                text: format!("{name} comes from {label}: a holder can leave it out, so a verifier must not rely on it being there"),
                cite: Cite::new(steps::RFC, "9.7"),
            });
        }
    }
}
