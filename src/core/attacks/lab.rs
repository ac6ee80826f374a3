//! The lab's result: every variant with the verifier's outcome, the counts, the summary
//! sentence and the JSON export.

use super::{Draft, Variant};
use crate::core::alg::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::keys::Key;
use crate::core::token::inspect;
use crate::core::verify::{Policy, verify};
use serde_json::{Value, json};

/// What the workbench's own verifier did with a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierOutcome {
    /// True when the verifier did not accept the token (`!report.valid()`).
    pub rejected: bool,
    /// The verifier's verdict sentence.
    pub why: String,
    /// False when no key was loaded: then nothing can be accepted and a rejection proves little.
    pub with_key: bool,
}

/// Every variant generated for one token, with the verifier's outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lab {
    /// The variants, grouped, in a stable order.
    pub variants: Vec<Variant>,
    /// Forgeries (variants not marked `expected_valid`) the verifier rejected.
    pub rejected: usize,
    /// Forgeries generated: the variants a correct verifier must reject.
    pub total: usize,
    /// Probes a correct verifier accepts (ECDSA malleability).
    pub probes: usize,
    /// Probes the verifier accepted.
    pub probes_accepted: usize,
    /// The verifier's outcome on the original token, under the same policy.
    pub original: VerifierOutcome,
    /// Why some groups or variants were left out.
    pub notes: Vec<String>,
}

/// Runs the verifier on `token` with `key`, allowing only `alg`, at `now`.
pub(super) fn check(
    token: &str,
    key: Option<&Key>,
    alg: JwsAlg,
    now: NumericDate,
) -> VerifierOutcome {
    let insp = match inspect(token) {
        Ok(i) => i,
        Err(e) => {
            return VerifierOutcome {
                rejected: true,
                why: format!("the token does not parse: {e}"),
                with_key: key.is_some(),
            };
        }
    };
    let policy = Policy {
        algorithms: vec![alg],
        ..Default::default()
    };
    let report = verify(&insp, key, &policy, now);
    let sentence = report.verdict().1;
    let why = if key.is_some() {
        sentence
    } else {
        format!("no key loaded: the verifier cannot accept anything ({sentence})")
    };
    VerifierOutcome {
        rejected: !report.valid(),
        why,
        with_key: key.is_some(),
    }
}

/// Verifies every draft and counts the outcomes.
pub(super) fn verify_all(
    original: &str,
    drafts: Vec<Draft>,
    key: Option<&Key>,
    alg: JwsAlg,
    notes: Vec<String>,
    now: NumericDate,
) -> Lab {
    let variants: Vec<Variant> = drafts
        .into_iter()
        .map(|d| {
            let verifier = check(&d.token, key, alg, now);
            Variant {
                id: d.id,
                group: d.group,
                name: d.name,
                token: d.token,
                explanation: d.explanation,
                server_must: d.server_must,
                reference: d.reference,
                expected_valid: d.expected_valid,
                serve: d.serve,
                verifier,
            }
        })
        .collect();
    let forgeries = variants.iter().filter(|v| !v.expected_valid);
    let probes = variants.iter().filter(|v| v.expected_valid);
    Lab {
        rejected: forgeries.clone().filter(|v| v.verifier.rejected).count(),
        total: forgeries.count(),
        probes: probes.clone().count(),
        probes_accepted: probes.filter(|v| !v.verifier.rejected).count(),
        original: check(original, key, alg, now),
        notes,
        variants,
    }
}

impl Lab {
    /// The variants whose outcome is not the expected one: accepted forgeries, rejected probes.
    pub fn surprises(&self) -> Vec<&Variant> {
        self.variants
            .iter()
            .filter(|v| v.verifier.rejected == v.expected_valid)
            .collect()
    }

    /// One sentence: "41 forgeries rejected of 41; 1 malleability probe accepted, as ECDSA allows".
    pub fn summary(&self) -> String {
        if !self.original.with_key {
            return format!(
                "no key loaded: the verifier cannot accept anything, so the {} rejections of {} forgeries prove nothing; load the verification key to test them",
                self.rejected, self.total
            );
        }
        let mut out = format!("{} forgeries rejected of {}", self.rejected, self.total);
        if self.probes > 0 {
            let plural = if self.probes == 1 { "" } else { "s" };
            if self.probes_accepted == self.probes {
                out.push_str(&format!(
                    "; {} malleability probe{plural} accepted, as ECDSA allows",
                    self.probes
                ));
            } else {
                out.push_str(&format!(
                    "; {} of {} malleability probe{plural} accepted (ECDSA allows them; a rejection means the verifier enforces low-S or the original does not verify)",
                    self.probes_accepted, self.probes
                ));
            }
        }
        if self.original.rejected {
            out.push_str(&format!(
                ". The original token itself is rejected ({}), so these rejections prove little: fix that first",
                self.original.why
            ));
        }
        out
    }

    /// The lab as JSON: `{"variants":[{"id","group","name","token","explanation",
    /// "server_must","reference","rejected_by_workbench","verifier"}]}`.
    pub fn to_json(&self) -> String {
        let variants: Vec<Value> = self
            .variants
            .iter()
            .map(|v| {
                json!({
                    "id": v.id,
                    "group": v.group.slug(),
                    "name": v.name,
                    "token": v.token,
                    "explanation": v.explanation,
                    "server_must": v.server_must,
                    "reference": v.reference,
                    "rejected_by_workbench": v.verifier.rejected,
                    "verifier": v.verifier.why,
                })
            })
            .collect();
        json!({ "variants": variants }).to_string()
    }
}
