//! Verification as a report: the signature verdict and every claim check, each with a
//! sentence. A failed signature or an expired token is a result, not an error.

mod claim_checks;
mod signature;

pub use claim_checks::{claim_checks, payload_checks};
pub use signature::{crit_check, signature_status};

use super::alg::JwsAlg;
pub use super::cite::Cite;
use super::claims::NumericDate;
use super::keys::Key;
use super::token::Inspection;

/// What the verifier expects. Defaults: algorithms from the key, leeway 0 s, exp checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Accepted algorithms; empty means "whatever fits the key" (never the token's word alone).
    pub algorithms: Vec<JwsAlg>,
    /// Clock leeway for exp, nbf and iat, in seconds (default 0).
    pub leeway: u64,
    /// Skip the exp check (the check still reports the time).
    pub ignore_exp: bool,
    /// Expected audience: `aud` must equal it or contain it. A token with `aud` and no
    /// expected audience fails (RFC 7519 section 4.1.3) unless `any_aud` is set.
    pub aud: Option<String>,
    /// Accept any audience: the `aud` check is skipped (and says so).
    pub any_aud: bool,
    /// Accept a payload that holds no claims (a bare JWS, such as RFC 8037's example): only
    /// the signature is judged. Off by default: a JWT's payload is a claims set.
    pub any_payload: bool,
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
    /// Why it failed, as a kind (`None` when it passed).
    pub fault: Option<Fault>,
    /// The rule it applies: `RFC 7519 section 4.1.3`.
    pub cite: Option<Cite>,
}

/// The kind of a failed check, so a headline can name the real failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The algorithm cannot be checked (none, unknown, not allowed, key mismatch, malformed).
    Alg,
    /// A `crit` header this verifier does not understand, or a malformed one.
    Crit,
    /// exp has passed.
    Expired,
    /// nbf is in the future.
    NotYetValid,
    /// A time claim that is not a usable NumericDate (a string, null, 1e20).
    NotNumericDate,
    /// iat lies in the future beyond the leeway.
    IssuedInFuture,
    /// exp comes before iat.
    ExpBeforeIat,
    /// A claim differs from what was expected (aud, iss, sub).
    Mismatch,
    /// A claim that must be present is absent.
    Missing,
    /// The payload holds no claims.
    NoClaims,
    /// The payload is meant as claims but is not a valid JWT Claims Set (strict reading).
    InvalidClaims,
    /// A claim or header member has the wrong shape (an `aud` array with a number in it).
    Malformed,
    /// The token names an audience and the verifier named none: not checked, so not valid.
    AudNotChecked,
    /// The token's characters are not a legal compact JWT (it was repaired to be read).
    Format,
    /// A check of the token's profile failed (an id_token's at_hash, a DPoP proof's htu, an
    /// SD-JWT's disclosure digest): the check's name and cite say which step.
    Profile,
}

impl Check {
    /// A passed check.
    pub fn pass(name: &str, detail: impl Into<String>) -> Check {
        Check {
            name: name.to_string(),
            ok: true,
            detail: detail.into(),
            fault: None,
            cite: None,
        }
    }

    /// A failed check of the given kind.
    pub fn fail(name: &str, fault: Fault, detail: impl Into<String>) -> Check {
        Check {
            name: name.to_string(),
            ok: false,
            detail: detail.into(),
            fault: Some(fault),
            cite: None,
        }
    }

    /// The same check, citing the rule it applies.
    #[must_use]
    pub fn cite(mut self, spec: &'static str, section: &'static str) -> Check {
        self.cite = Some(Cite::new(spec, section));
        self
    }

    /// True when the check is not a failure of the token but a check that could not be made
    /// (an audience with nothing to compare it to): shown amber, and still not valid.
    pub fn is_unchecked(&self) -> bool {
        self.fault == Some(Fault::AudNotChecked)
    }

    /// The check as the command line's JSON gives it: `{"name","ok","detail","cite"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.name,
            "section": self.cite.map(|c| c.to_string()),
            "name": self.name,
            "ok": self.ok,
            "status": if self.ok { "pass" } else if self.is_unchecked() { "unchecked" } else { "fail" },
            "detail": self.detail,
            "cite": self.cite.map(|c| c.to_string()),
        })
    }

    /// A few words naming the failure, for a headline: "exp is not a NumericDate".
    pub fn short(&self) -> String {
        let n = &self.name;
        match self.fault {
            None => format!("{n} passed"),
            Some(Fault::Alg) => "the algorithm cannot be checked".to_string(),
            Some(Fault::Crit) => "a critical header is not understood (crit)".to_string(),
            Some(Fault::Expired) => "expired".to_string(),
            Some(Fault::NotYetValid) => "not valid yet".to_string(),
            Some(Fault::NotNumericDate) => format!("{n} is not a NumericDate"),
            Some(Fault::IssuedInFuture) => "iat is in the future".to_string(),
            Some(Fault::ExpBeforeIat) => "exp is before iat".to_string(),
            Some(Fault::Mismatch) => format!("{n} does not match"),
            Some(Fault::Missing) => format!("{n} is missing"),
            Some(Fault::NoClaims) => "the payload holds no claims".to_string(),
            Some(Fault::InvalidClaims) => "invalid claims".to_string(),
            Some(Fault::Malformed) => format!("{n} is malformed"),
            Some(Fault::AudNotChecked) => "aud present, no expected audience".to_string(),
            Some(Fault::Format) => "not a legal compact token".to_string(),
            Some(Fault::Profile) => format!("{n} failed"),
        }
    }
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
    /// The payload is meant as claims but is not a valid JWT Claims Set.
    InvalidClaims,
    /// Signature fine, every other check passed, but the token's audience was not checked
    /// because the verifier named none: not valid.
    AudienceNotChecked,
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

    /// The failed check that decides the verdict: a malformed time claim first, then exp,
    /// then nbf, then the first other failure.
    pub fn deciding_failure(&self) -> Option<&Check> {
        let failed = |f: Fault| self.checks.iter().find(|c| c.fault == Some(f));
        failed(Fault::InvalidClaims)
            .or_else(|| failed(Fault::NotNumericDate))
            .or_else(|| failed(Fault::Expired))
            .or_else(|| failed(Fault::NotYetValid))
            .or_else(|| self.checks.iter().find(|c| !c.ok && !c.is_unchecked()))
            .or_else(|| self.checks.iter().find(|c| !c.ok))
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
        match self.deciding_failure() {
            Some(c) if c.fault == Some(Fault::Expired) => (
                Verdict::Expired,
                "signature valid, but the token has expired".to_string(),
            ),
            Some(c) if c.fault == Some(Fault::NotYetValid) => (
                Verdict::NotYetValid,
                "signature valid, but the token is not valid yet".to_string(),
            ),
            Some(c) if c.fault == Some(Fault::InvalidClaims) => (
                Verdict::InvalidClaims,
                format!("invalid claims: {}", c.detail),
            ),
            Some(c) if c.is_unchecked() => (
                Verdict::AudienceNotChecked,
                format!("not valid: {}", c.detail),
            ),
            Some(c) => (
                Verdict::ClaimFailed,
                format!("signature valid, but {}: {}", c.short(), c.detail),
            ),
            None => (
                Verdict::Valid,
                "valid: signature verified and all checks passed".to_string(),
            ),
        }
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

/// Verifies an inspected token with `key` (if any) under `policy` at time `now`.
pub fn verify(insp: &Inspection, key: Option<&Key>, policy: &Policy, now: NumericDate) -> Report {
    Report::assemble(signature_status(insp, key, policy), insp, policy, now)
}

impl Report {
    /// The report for a signature verdict already reached (status, algorithm, and the `alg`
    /// check, as [`signature_status`] returns them) and the claims of `insp` under `policy`
    /// at `now`: the one way a report is put together (the window keeps the signature's
    /// verdict between keystrokes and re-checks the claims as the clock runs).
    pub fn assemble(
        signature: (SignatureStatus, Option<JwsAlg>, Check),
        insp: &Inspection,
        policy: &Policy,
        now: NumericDate,
    ) -> Report {
        let (signature, alg, alg_check) = signature;
        let mut checks = vec![alg_check];
        checks.extend(claim_checks(insp, policy, now));
        Report {
            signature,
            alg,
            checks,
        }
    }
}
