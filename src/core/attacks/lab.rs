//! The lab's result: every variant with the verifier's outcome, the counts, the summary
//! sentence and the JSON export.

use super::{Draft, Variant};
use crate::core::claims::NumericDate;
use crate::core::keys::{self, Key};
use crate::core::token::inspect;
use crate::core::verify::Policy;
use crate::core::verify::verify;
use serde_json::{Value, json};

/// What the workbench's own verifier did with a token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifierOutcome {
    /// True when the verifier did not accept the token (`!report.valid()`).
    pub rejected: bool,
    /// The verifier's verdict sentence.
    pub why: String,
    /// False when no key was loaded: then nothing can be accepted and a rejection proves little.
    pub with_key: bool,
}

/// The lab's counts, the original's outcome and the notes: what is left of a run once its
/// variants have been handed on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Forgeries (variants not marked `expected_valid`) the verifier rejected.
    pub rejected: usize,
    /// Forgeries generated: the variants a correct verifier must reject.
    pub total: usize,
    /// Probes a correct verifier accepts (ECDSA malleability).
    pub probes: usize,
    /// Probes the verifier accepted.
    pub probes_accepted: usize,
    /// Forgeries the verifier accepted, or probes it rejected: the outcomes to look at.
    pub surprises: usize,
    /// The verifier's outcome on the original token, under the same policy.
    pub original: VerifierOutcome,
    /// Why some groups or variants were left out.
    pub notes: Vec<String>,
}

impl Tally {
    /// Counts `v` and hands it back.
    pub(super) fn count(&mut self, v: Variant) -> Variant {
        if v.expected_valid {
            self.probes += 1;
            self.probes_accepted += usize::from(!v.verifier.rejected);
        } else {
            self.total += 1;
            self.rejected += usize::from(v.verifier.rejected);
        }
        self.surprises += usize::from(v.verifier.rejected == v.expected_valid);
        v
    }

    /// Forgeries the verifier accepted.
    pub fn accepted_forgeries(&self) -> usize {
        self.total - self.rejected
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

/// The policy the lab verifies with: only the token's algorithm, and its own audience as the
/// expected one (the lab tests forgeries, not the audience; a server expects its own name).
pub(super) fn policy_for(orig: &super::Original) -> Policy {
    let aud = match orig.claims.as_ref().and_then(|(_, c)| c.get("aud")) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(items)) => items.first().and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    Policy {
        algorithms: vec![orig.alg],
        aud,
        // A bare JWS (text payload) is tested for forgeries of its signature alone.
        any_payload: orig.claims.is_none(),
        ..Default::default()
    }
}

/// Runs the verifier on `token` with `key` under `policy`, at `now`.
pub(super) fn check(
    token: &str,
    key: Option<&Key>,
    policy: &Policy,
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
    let report = verify(&insp, key, policy, now);
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

/// A draft run through the verifier: with the key the draft hands the server when it has one
/// (which must load first), else with `key`; a draft another checker judged keeps its outcome.
pub(super) fn verified(d: Draft, key: Option<&Key>, policy: &Policy, now: NumericDate) -> Variant {
    let handed = d
        .key
        .as_deref()
        .map(|text| keys::load_key_bytes(text.as_bytes()));
    let verifier = match (d.judged, handed) {
        (Some(judged), _) => judged,
        (None, None) => check(&d.token, key, policy, now),
        (None, Some(Ok(file))) => check(&d.token, file.keys.first(), policy, now),
        (None, Some(Err(e))) => VerifierOutcome {
            rejected: true,
            why: format!("the key handed with it is refused: {e}"),
            with_key: true,
        },
    };
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
        key: d.key,
        verifier,
    }
}

impl Lab {
    /// A lab from its variants and their tally.
    pub fn new(variants: Vec<Variant>, tally: Tally) -> Lab {
        Lab {
            variants,
            rejected: tally.rejected,
            total: tally.total,
            probes: tally.probes,
            probes_accepted: tally.probes_accepted,
            original: tally.original,
            notes: tally.notes,
        }
    }

    /// The counts alone.
    fn tally(&self) -> Tally {
        Tally {
            rejected: self.rejected,
            total: self.total,
            probes: self.probes,
            probes_accepted: self.probes_accepted,
            surprises: self.surprises().len(),
            original: self.original.clone(),
            notes: self.notes.clone(),
        }
    }

    /// The variants whose outcome is not the expected one: accepted forgeries, rejected probes.
    pub fn surprises(&self) -> Vec<&Variant> {
        self.variants
            .iter()
            .filter(|v| v.verifier.rejected == v.expected_valid)
            .collect()
    }

    /// One sentence: "41 forgeries rejected of 41; 1 malleability probe accepted, as ECDSA allows".
    pub fn summary(&self) -> String {
        self.tally().summary()
    }

    /// The lab as JSON: `{"variants":[{"id","group","name","token","explanation",
    /// "server_must","reference","expected_valid","rejected_by_workbench","verifier"}]}`, and
    /// `"key"` (the JWK handed with the token) for a variant that attacks the key.
    pub fn to_json(&self) -> String {
        let variants: Vec<Value> = self.variants.iter().map(Variant::to_json).collect();
        json!({ "variants": variants }).to_string()
    }
}

impl Variant {
    /// One variant as the lab's JSON gives it (with `"key"` when it attacks the key).
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "id": self.id,
            "group": self.group.slug(),
            "name": self.name,
            "token": self.token,
            "explanation": self.explanation,
            "server_must": self.server_must,
            "reference": self.reference,
            "expected_valid": self.expected_valid,
            "rejected_by_workbench": self.verifier.rejected,
            "verifier": self.verifier.why,
        });
        if let (Some(key), Some(map)) = (&self.key, v.as_object_mut()) {
            map.insert("key".into(), key.clone().into());
        }
        v
    }
}
