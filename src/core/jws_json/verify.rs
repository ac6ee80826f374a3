//! Verifying each signature of a JWS JSON document on its own: which key, which verdict. A
//! document is accepted when every signature a given key fits verifies and at least one did
//! (or, asked for all, when every signature verifies).

use super::{JsonSignature, JwsJson, JwsJsonError};
use crate::core::alg::HeaderAlg;
use crate::core::alg::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::keys::{KeyFile, Purpose};
use crate::core::verify::{Check, Policy, Report, SignatureStatus, signature_status};

/// What became of one signature.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A key was picked and the signature (and the claims) judged.
    Checked {
        /// The full report: signature and claim checks.
        report: Report,
        /// The key that was used, described.
        key: String,
    },
    /// No given key is for this signature (another `kid`, another kind of key): not judged.
    NoKey(String),
    /// The signature's headers break the rules (an unprotected `alg`, say): never judged.
    Refused(JwsJsonError),
}

/// One signature's result.
#[derive(Debug, Clone)]
pub struct SignatureResult {
    /// Its index in the document (0 for a flattened JWS).
    pub index: usize,
    /// Its `kid` and whether the `kid` is signed (in the protected header).
    pub kid: Option<(String, bool)>,
    /// The protected header's `alg`, as written.
    pub alg: Option<String>,
    /// What happened.
    pub outcome: Outcome,
}

impl SignatureResult {
    /// True when a key was used and it decided the signature (valid or invalid): a key that
    /// does not fit the algorithm, or an algorithm not allowed, decides nothing.
    pub fn fitted(&self) -> bool {
        matches!(&self.outcome, Outcome::Checked { report, .. }
            if matches!(report.signature, SignatureStatus::Valid | SignatureStatus::Invalid))
    }

    /// True when the signature verified and every claim check passed.
    pub fn valid(&self) -> bool {
        matches!(&self.outcome, Outcome::Checked { report, .. } if report.valid())
    }

    /// The one-word status for tables and JSON: valid, invalid, unchecked, no key, refused.
    pub fn status(&self) -> &'static str {
        match &self.outcome {
            Outcome::Checked { report, .. } if report.valid() => "valid",
            Outcome::Checked { report, .. } => match report.signature {
                SignatureStatus::Unchecked(..) => "unchecked",
                _ => "invalid",
            },
            Outcome::NoKey(_) => "no key",
            Outcome::Refused(_) => "refused",
        }
    }

    /// One line for a table of signatures: `[0] RS256  kid rsa1 (not signed)  valid with KEY:
    /// DETAIL` (names from the document escaped and clipped).
    pub fn summary(&self) -> String {
        let alg = self
            .alg
            .as_deref()
            .map_or("?".into(), crate::core::text::escape);
        let kid = match &self.kid {
            Some((kid, signed)) => {
                let unsigned = if *signed { "" } else { " (not signed)" };
                format!("kid {}{unsigned}", crate::core::text::clip(kid, 40))
            }
            None => "no kid".into(),
        };
        let key = match &self.outcome {
            Outcome::Checked { key, .. } => format!(" with {key}"),
            _ => String::new(),
        };
        format!(
            "[{}] {alg}  {kid}  {}{key}: {}",
            self.index,
            self.status(),
            self.detail()
        )
    }

    /// A sentence for this signature's status: the verdict or why it was not judged.
    pub fn detail(&self) -> String {
        match &self.outcome {
            Outcome::Checked { report, .. } => report.verdict().1,
            Outcome::NoKey(why) => format!("no given key is for this signature: {why}"),
            Outcome::Refused(e) => e.to_string(),
        }
    }
}

/// Every signature's result, and the document's verdict.
#[derive(Debug, Clone)]
pub struct Verdicts {
    /// One per signature, in document order.
    pub results: Vec<SignatureResult>,
}

impl Verdicts {
    /// Accepted: every signature a key fitted is valid (claims included) and at least one
    /// is; with `all`, every signature must be valid.
    pub fn accepted(&self, all: bool) -> bool {
        if all {
            return !self.results.is_empty() && self.results.iter().all(SignatureResult::valid);
        }
        let fitted: Vec<&SignatureResult> = self.results.iter().filter(|r| r.fitted()).collect();
        !fitted.is_empty() && fitted.iter().all(|r| r.valid())
    }

    /// True when no key fitted any signature.
    pub fn none_fitted(&self) -> bool {
        !self.results.iter().any(SignatureResult::fitted)
    }
}

/// One signature's verdict before the claims are looked at: what the window keeps between
/// keystrokes (the claims are judged again as the clock runs).
#[derive(Debug, Clone)]
pub struct SignatureCheck {
    /// Its index in the document.
    pub index: usize,
    /// Its `kid` and whether it is signed.
    pub kid: Option<(String, bool)>,
    /// The protected header's `alg`, as written.
    pub alg: Option<String>,
    /// The signature's verdict (status, algorithm, the `alg` check) and the key used, or why
    /// it was not judged.
    pub verdict: Result<(SignatureVerdict, String), Outcome>,
}

/// A signature's status, its algorithm and the `alg` check, as the verifier gives them.
pub type SignatureVerdict = (SignatureStatus, Option<JwsAlg>, Check);

/// Checks each signature of `doc` with the key `keys` offers for it (by `kid`, then by what
/// fits its `alg`) under `policy`; claims are not looked at.
pub fn check_signatures(doc: &JwsJson, keys: &KeyFile, policy: &Policy) -> Vec<SignatureCheck> {
    doc.signatures
        .iter()
        .enumerate()
        .map(|(index, sig)| SignatureCheck {
            index,
            kid: sig.kid(),
            alg: alg_name(sig),
            verdict: check_one(sig, keys, policy),
        })
        .collect()
}

/// The full verdicts: each checked signature's report with the claims judged at `now`.
pub fn with_claims(
    doc: &JwsJson,
    checks: &[SignatureCheck],
    policy: &Policy,
    now: NumericDate,
) -> Verdicts {
    let results = checks
        .iter()
        .map(|c| {
            let insp = doc
                .signatures
                .get(c.index)
                .and_then(|s| s.inspection.as_ref().ok());
            let outcome = match (&c.verdict, insp) {
                (Ok((verdict, key)), Some(insp)) => Outcome::Checked {
                    report: Report::assemble(verdict.clone(), insp, policy, now),
                    key: key.clone(),
                },
                (Err(skipped), _) => skipped.clone(),
                (Ok(_), None) => Outcome::NoKey("the signature cannot be read".into()),
            };
            SignatureResult {
                index: c.index,
                kid: c.kid.clone(),
                alg: c.alg.clone(),
                outcome,
            }
        })
        .collect();
    Verdicts { results }
}

/// Verifies each signature of `doc` with the key `keys` offers for it (by `kid`, then by
/// what fits its `alg`), under `policy` at `now`.
pub fn verify_each(doc: &JwsJson, keys: &KeyFile, policy: &Policy, now: NumericDate) -> Verdicts {
    with_claims(doc, &check_signatures(doc, keys, policy), policy, now)
}

fn alg_name(sig: &JsonSignature) -> Option<String> {
    let insp = sig.inspection.as_ref().ok()?;
    let header = insp.header.as_ref().ok()?;
    header
        .get("alg")
        .and_then(serde_json::Value::as_str)
        .map(|a| crate::core::text::clip(a, 40))
}

fn check_one(
    sig: &JsonSignature,
    keys: &KeyFile,
    policy: &Policy,
) -> Result<(SignatureVerdict, String), Outcome> {
    let insp = match &sig.inspection {
        Ok(insp) => insp,
        Err(e) => return Err(Outcome::Refused(e.clone())),
    };
    let alg = match insp.alg {
        HeaderAlg::Known(a) => Some(a),
        _ => None,
    };
    let header = sig.lookup_header();
    let key = match keys.pick_for_token(header.as_ref(), alg, Purpose::Verify) {
        Ok(i) => match keys.keys.get(i) {
            Some(k) => k,
            None => return Err(Outcome::NoKey("the key file holds no usable key".into())),
        },
        Err(e) => return Err(Outcome::NoKey(e.to_string())),
    };
    if let Some(a) = alg
        && let Err(e) = key.check_fits(a, Purpose::Verify)
    {
        return Err(Outcome::NoKey(e.to_string()));
    }
    Ok((signature_status(insp, Some(key), policy), key.describe()))
}
