//! What the document says about its token: the report (signature and claim checks), the
//! security findings (kept apart into those that change with the clock and those that do
//! not, so the window can keep the costly ones), the key pane's advice, and why a signature
//! was not checked.

use super::*;
use crate::core::profiles::{self, Profile};
use crate::core::sdjwt::SdReport;

impl Workbench {
    /// The token's profile: the one chosen, else the one its `typ` and claims say.
    pub fn profile(&self) -> Profile {
        if let Some(p) = self.profile {
            return p;
        }
        if self.sd_jwt().is_some() {
            return Profile::SdJwt;
        }
        match &self.inspection {
            Ok(insp) => insp
                .header
                .as_ref()
                .map_or(Profile::Jwt, |h| profiles::detect(h, insp.claims())),
            Err(_) => Profile::Jwt,
        }
    }

    /// The profile chosen by hand (`None`: detected).
    pub fn profile_choice(&self) -> Option<Profile> {
        self.profile
    }

    /// What the profile's checks compare with.
    pub fn profile_inputs(&self) -> &profiles::Inputs {
        &self.profile_inputs
    }

    /// The full report as of the document's clock: the cached signature verdict plus fresh
    /// claim checks.
    pub fn report(&self, now: NumericDate) -> Option<Report> {
        if let Some(v) = self.json_verdicts(now) {
            // A JSON document: the checks of the first signature a key judged.
            return v.results.into_iter().find_map(|r| match r.outcome {
                crate::core::jws_json::Outcome::Checked { report, .. } => Some(report),
                _ => None,
            });
        }
        self.report_with(now, self.sd_report(now).as_ref())
    }

    /// [`Self::report`] with the SD-JWT's report already made (`None` for another token): its
    /// numbered steps join the checks.
    pub fn report_with(&self, now: NumericDate, sd: Option<&SdReport>) -> Option<Report> {
        let insp = self.inspection.as_ref().ok()?;
        // For an SD-JWT the Expected audience is the verifier, the KB-JWT's aud: an issuer JWT
        // without aud is not asked for one (RFC 9901 section 7.3 step 5.5; one with aud must
        // name it).
        let unaddressed = sd.is_some() && !insp.claims().is_some_and(|c| c.contains_key("aud"));
        let policy = if unaddressed {
            Policy {
                aud: None,
                ..self.policy.clone()
            }
        } else {
            self.policy.clone()
        };
        let (signature, key_source) = self.signature_at(now);
        let mut report = Report::assemble(signature, insp, &policy, self.at(now));
        report.checks.extend(key_source);
        if let Some(sd) = sd {
            // The issuer JWT's own checks are the report's already; 7.1 step 1 onwards follow.
            report.checks.extend(sd.steps.iter().cloned());
        }
        report.checks.extend(profiles::checks(
            self.profile(),
            insp,
            &self.profile_inputs,
            self.policy.aud.as_deref(),
            self.at(now),
        ));
        Some(report)
    }

    /// Security findings for the token and the key in use, judged at the document's clock
    /// (given the real clock `now`) against the picker's algorithm and the leeway, sorted
    /// danger first: [`Self::timeless_findings`] and [`Self::timed_findings`] together.
    pub fn findings(&self, now: NumericDate) -> Vec<Finding> {
        let mut out = self.timeless_findings();
        out.extend(self.timed_findings(now));
        findings::sort(&mut out);
        out
    }

    /// The findings that do not change while the clock runs (all but the time claims'),
    /// unsorted: they change only with the document's revision, so a caller may keep them.
    /// A secret refused because it is a key adds the key-confusion finding; a JWE adds its own.
    pub fn timeless_findings(&self) -> Vec<Finding> {
        let Ok(insp) = &self.inspection else {
            return Vec::new();
        };
        let expected = [self.alg];
        let mut out = findings::timeless_findings(insp, &self.findings_context(&expected, 0));
        // The token judged is the clean one; what the paste needed is said here.
        out.extend(findings::repair_findings(&self.repairs));
        if let Some(JweView {
            parts: Ok(parts),
            state,
        }) = &self.jwe
        {
            // The JWE's own findings; a nested token's inspection has none of them yet.
            let decrypted = match state {
                JweState::Decrypted { decrypted, .. } => Some(decrypted.as_ref()),
                _ => None,
            };
            let key_len = decrypted.map(|d| d.trace.cek.len());
            let nested = insp.form != crate::core::token::Form::Jwe;
            for f in findings::jwe_findings(parts, decrypted, key_len) {
                if nested || !out.iter().any(|o| o.id == f.id) {
                    out.push(f);
                }
            }
        }
        if matches!(self.key_state.verify, Err(KeyError::SecretIsKey(_))) {
            out.extend(findings::secret_text_findings(&self.keys.secret));
        }
        out
    }

    /// The time claims' findings as of the document's clock (given the real clock `now`),
    /// unsorted: cheap, and the only findings that can change from one second to the next.
    pub fn timed_findings(&self, now: NumericDate) -> Vec<Finding> {
        let Ok(insp) = &self.inspection else {
            return Vec::new();
        };
        let expected = [self.alg];
        findings::timed_findings(insp, &self.findings_context(&expected, self.at(now)))
    }

    fn findings_context<'a>(
        &'a self,
        expected: &'a [JwsAlg],
        at: NumericDate,
    ) -> findings::Context<'a> {
        findings::Context {
            key: self.key_state.verify.as_ref().ok(),
            algorithms: expected,
            now: at,
            leeway: self.policy.leeway,
        }
    }

    /// Findings about the HMAC secret in the key pane (empty, short, well known), or why a
    /// secret text that is a key was refused.
    pub fn secret_advice(&self) -> Vec<Finding> {
        match &self.key_state.sign {
            Ok(k) => findings::secret_findings(k, self.alg),
            Err(KeyError::SecretIsKey(_)) => findings::secret_text_findings(&self.keys.secret),
            Err(_) => Vec::new(),
        }
    }

    /// Why the signature was not checked, when it was not.
    pub fn unchecked(&self) -> Option<Unchecked> {
        match &self.signature.0 {
            SignatureStatus::Unchecked(u, _) => Some(*u),
            _ => None,
        }
    }
}
