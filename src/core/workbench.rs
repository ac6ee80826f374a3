//! The document the window edits: token, header, payload, key inputs and which side leads.
//! Pure state and rules; the window draws it and runs the signing jobs it hands out.

use super::alg::{Family, HeaderAlg, JwsAlg};
use super::claims::NumericDate;
use super::error::{Error, Result};
use super::findings::{self, Finding};
use super::json;
use super::keys::{self, Key, KeyError, KeyFile, Purpose, SecretEncoding};
use super::recipes;
use super::sign::{Layout, sign};
use super::token::{Inspection, Payload, inspect};
use super::verify::{self, Check, Policy, Report, SignatureStatus};

/// Which side the user is driving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// The token was pasted or typed: it is decoded, never re-signed behind the user's back.
    Token,
    /// Header, payload or key were edited: the token is re-signed from them.
    Editors,
}

/// The key fields of the key pane, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyInputs {
    /// HMAC secret text.
    pub secret: String,
    /// How to read `secret`.
    pub secret_encoding: SecretEncoding,
    /// Private key text (PEM or JWK) for signing with RSA, EC or Ed25519.
    pub private_key: String,
    /// Public key text (PEM, JWK or JWKS) for verifying; empty means "use the private key".
    pub public_key: String,
}

/// The secret of the first-run example (jwt.io's default, so users recognise it).
pub const EXAMPLE_SECRET: &str = "a-string-secret-at-least-256-bits-long";

/// Signing jobs bigger than this payload size (bytes) run off the UI thread.
const SLOW_PAYLOAD: usize = 256 * 1024;

/// A signing job: everything needed to sign, detached from the document.
#[derive(Debug, Clone)]
pub struct SignJob {
    /// Matches the document's generation when the job was made; stale results are dropped.
    pub generation: u64,
    /// Header JSON text.
    pub header: String,
    /// Payload JSON text.
    pub payload: String,
    /// The signing key.
    pub key: Key,
}

impl SignJob {
    /// True when signing may take more than a few milliseconds (RSA 3072+ or a big payload).
    pub fn is_slow(&self) -> bool {
        (self.key.family() == Family::Rsa && self.key.bits() >= 3072)
            || self.payload.len() > SLOW_PAYLOAD
    }

    /// Signs. Safe to call on any thread.
    pub fn run(&self) -> Result<String> {
        sign(&self.header, &self.payload, &self.key, Layout::Minified)
    }
}

/// The document.
#[derive(Debug, Clone)]
pub struct Workbench {
    /// The encoded token text.
    pub token: String,
    /// Header JSON as shown in its editor.
    pub header: String,
    /// Payload JSON (or text) as shown in its editor.
    pub payload: String,
    /// The algorithm picker; mirrors the header's `alg`.
    pub alg: JwsAlg,
    /// Key pane fields.
    pub keys: KeyInputs,
    /// Verification options.
    pub policy: Policy,
    /// Which side leads.
    pub lead: Lead,
    /// The decoded token.
    pub inspection: Result<Inspection>,
    /// Notes on repairs made to the last pasted token.
    pub repairs: Vec<String>,
    /// Why the header editor's text cannot be used (line and column).
    pub header_error: Option<Error>,
    /// Why the payload editor's text cannot be used.
    pub payload_error: Option<Error>,
    /// Why the token does not reflect the editors, when it does not.
    pub stale: Option<String>,
    /// The signing key for the chosen algorithm, or why there is none.
    pub sign_key: Result<Key>,
    /// The verifying key for the chosen algorithm, or why there is none.
    pub verify_key: Result<Key>,
    /// Notes from key loading (skipped JWKS entries, several PEM blocks).
    pub key_notes: Vec<String>,
    /// A signing job is running off the UI thread.
    pub signing: bool,
    signature: (SignatureStatus, Option<JwsAlg>, Check),
    generation: u64,
}

impl Workbench {
    /// An empty document: no token, HS256, no key.
    pub fn empty() -> Workbench {
        let mut wb = Workbench {
            token: String::new(),
            header: String::new(),
            payload: String::new(),
            alg: JwsAlg::HS256,
            keys: KeyInputs::default(),
            policy: Policy::default(),
            lead: Lead::Token,
            inspection: Err(Error::EmptyToken),
            repairs: Vec::new(),
            header_error: None,
            payload_error: None,
            stale: None,
            sign_key: Err(KeyError::NoSecret.into()),
            verify_key: Err(KeyError::NoSecret.into()),
            key_notes: Vec::new(),
            signing: false,
            signature: (
                SignatureStatus::Unchecked(verify::Unchecked::Malformed, String::new()),
                None,
                Check {
                    name: "alg".into(),
                    ok: false,
                    detail: String::new(),
                },
            ),
            generation: 0,
        };
        wb.refresh_keys();
        wb.refresh_signature();
        wb
    }

    /// The first-run example: HS256, `sub`, `name`, `iat` now and `exp` 30 minutes ahead.
    pub fn example(now: NumericDate) -> Workbench {
        let mut wb = Workbench::empty();
        if let Some(job) = wb.load_example(now) {
            let result = job.run();
            wb.apply_signed(job.generation, result);
        }
        wb
    }

    /// Loads the example header and payload (HS256; the example secret if none is set) and
    /// returns the job that signs it.
    pub fn load_example(&mut self, now: NumericDate) -> Option<SignJob> {
        if self.keys.secret.is_empty() {
            self.keys.secret = EXAMPLE_SECRET.to_string();
            self.keys.secret_encoding = SecretEncoding::Text;
        }
        self.alg = JwsAlg::HS256;
        let payload = format!(
            r#"{{"sub":"1234567890","name":"John Doe","admin":true,"iat":{now},"exp":{}}}"#,
            now + recipes::ACCESS_TTL
        );
        self.load_editors(r#"{"alg":"HS256","typ":"JWT"}"#, &payload);
        self.sign_job()
    }

    /// Replaces header and payload (pretty-printed) and makes the editors lead.
    pub fn load_editors(&mut self, header: &str, payload: &str) {
        self.header = json::pretty("header", header).unwrap_or_else(|_| header.to_string());
        self.payload = json::pretty("payload", payload).unwrap_or_else(|_| payload.to_string());
        self.lead = Lead::Editors;
        self.check_editors();
        self.refresh_keys();
    }

    /// Loads an access or refresh token template (the core recipes) for `sub`.
    pub fn load_template(&mut self, refresh: bool, now: NumericDate) {
        let (kind, ttl) = if refresh {
            ("refresh", recipes::REFRESH_TTL)
        } else {
            ("access", recipes::ACCESS_TTL)
        };
        self.load_editors(
            &recipes::header_text(self.alg),
            &recipes::payload_text("user-123", kind, now, ttl),
        );
    }

    /// Empties token, header and payload (keys stay).
    pub fn clear(&mut self) {
        self.set_token(String::new());
        self.header.clear();
        self.payload.clear();
        self.header_error = None;
        self.payload_error = None;
    }

    /// The token was typed or pasted: repair it, decode it, fill the editors. Never re-signs.
    pub fn set_token(&mut self, text: String) {
        let (clean, repairs) = super::token::repair(&text);
        self.repairs = repairs.iter().map(|r| r.note()).collect();
        self.token = if repairs.is_empty() { text } else { clean };
        self.lead = Lead::Token;
        self.stale = None;
        self.generation += 1; // drops any signing job still running
        self.signing = false;
        self.inspection = inspect(&self.token);
        self.header_error = None;
        self.payload_error = None;
        if let Ok(insp) = &self.inspection {
            match &insp.header_bytes {
                Ok(bytes) => self.header = pretty_or_raw("header", bytes),
                Err(_) => self.header.clear(),
            }
            self.header_error = insp.header.as_ref().err().cloned();
            match (&insp.payload_bytes, &insp.payload) {
                (_, Ok(Payload::Encrypted)) => {
                    self.payload = "(encrypted: a JWE payload cannot be shown)".to_string()
                }
                (Ok(bytes), _) => self.payload = pretty_or_raw("payload", bytes),
                (Err(_), _) => self.payload.clear(),
            }
            self.payload_error = insp.payload.as_ref().err().cloned();
            if let HeaderAlg::Known(a) = insp.alg {
                self.alg = a;
            }
        }
        self.refresh_keys();
        self.refresh_signature();
    }

    /// The header or payload editor changed: the editors lead; returns the job to re-sign.
    pub fn editors_changed(&mut self) -> Option<SignJob> {
        self.lead = Lead::Editors;
        self.check_editors();
        if let Ok(h) = json::parse_object("header", &self.header)
            && let HeaderAlg::Known(a) = HeaderAlg::from_header(&h)
            && a != self.alg
        {
            self.alg = a;
            self.refresh_keys();
        }
        self.sign_job()
    }

    /// The algorithm picker changed: rewrite the header's `alg` and re-sign.
    pub fn set_alg(&mut self, alg: JwsAlg) -> Option<SignJob> {
        self.alg = alg;
        if let Ok(updated) = json::set_members(
            "header",
            &self.header,
            &[("alg", format!("\"{}\"", alg.name()))],
        ) {
            self.header = json::pretty("header", &updated).unwrap_or(updated);
        }
        self.refresh_keys();
        self.editors_changed()
    }

    /// A key field changed: re-sign when the editors lead, else only re-verify.
    pub fn keys_changed(&mut self) -> Option<SignJob> {
        self.refresh_keys();
        match self.lead {
            Lead::Editors => self.sign_job(),
            Lead::Token => {
                self.refresh_signature();
                None
            }
        }
    }

    /// The explicit "re-sign" action: the editors take the lead.
    pub fn resign(&mut self) -> Option<SignJob> {
        self.lead = Lead::Editors;
        self.check_editors();
        self.sign_job()
    }

    fn check_editors(&mut self) {
        // A blank document (fresh or cleared) is not an error.
        if self.token.is_empty() && self.header.trim().is_empty() && self.payload.trim().is_empty()
        {
            self.header_error = None;
            self.payload_error = None;
            return;
        }
        self.header_error = json::parse_object("header", &self.header).err();
        self.payload_error = json::parse_object("payload", &self.payload).err();
    }

    /// Makes the signing job for the current editors, or marks the token stale and says why.
    pub fn sign_job(&mut self) -> Option<SignJob> {
        self.generation += 1;
        self.signing = false;
        let why = if let Some(e) = self.header_error.as_ref().or(self.payload_error.as_ref()) {
            e.to_string()
        } else {
            match (super::sign::header_alg(&self.header), &self.sign_key) {
                (Err(e), _) => e.to_string(),
                (Ok(_), Err(e)) => e.to_string(),
                (Ok(_), Ok(key)) => {
                    return Some(SignJob {
                        generation: self.generation,
                        header: self.header.clone(),
                        payload: self.payload.clone(),
                        key: key.clone(),
                    });
                }
            }
        };
        if !self.token.is_empty() {
            self.stale = Some(format!("not re-signed: {why}"));
        }
        None
    }

    /// Marks a job as running off the UI thread.
    pub fn signing_started(&mut self, job: &SignJob) {
        if job.generation == self.generation {
            self.signing = true;
        }
    }

    /// A signing job finished; results of outdated jobs are dropped.
    pub fn apply_signed(&mut self, generation: u64, result: Result<String>) {
        if generation != self.generation {
            return;
        }
        self.signing = false;
        match result {
            Ok(token) => {
                self.token = token;
                self.stale = None;
                self.repairs.clear();
                self.inspection = inspect(&self.token);
                self.refresh_signature();
            }
            Err(e) => self.stale = Some(format!("not re-signed: {e}")),
        }
    }

    /// Re-reads the key fields for the chosen algorithm.
    pub fn refresh_keys(&mut self) {
        self.key_notes.clear();
        let kid = self
            .inspection
            .as_ref()
            .ok()
            .and_then(|i| i.header.as_ref().ok())
            .and_then(|h| h.get("kid"))
            .and_then(serde_json::Value::as_str)
            .map(str::to_string);
        if self.alg.family() == Family::Hmac {
            let key = if self.keys.secret.is_empty() {
                Err(KeyError::NoSecret.into())
            } else {
                keys::parse_secret(&self.keys.secret, self.keys.secret_encoding)
                    .map_err(Error::from)
            };
            self.sign_key = key.clone();
            self.verify_key = key;
            return;
        }
        let private = if self.keys.private_key.trim().is_empty() {
            Err(KeyError::Missing {
                needs: self.alg.needs(true),
                purpose: "sign",
            }
            .into())
        } else {
            self.read_key_field(
                &self.keys.private_key.clone(),
                kid.as_deref(),
                Purpose::Sign,
            )
        };
        let public = if self.keys.public_key.trim().is_empty() {
            match &private {
                Ok(k) => Ok(k.public_half()),
                Err(_) => Err(KeyError::Missing {
                    needs: self.alg.needs(false),
                    purpose: "verify",
                }
                .into()),
            }
        } else {
            self.read_key_field(
                &self.keys.public_key.clone(),
                kid.as_deref(),
                Purpose::Verify,
            )
        };
        self.sign_key = private.and_then(|k| {
            k.check_fits(self.alg, Purpose::Sign)
                .map(|()| k)
                .map_err(Error::from)
        });
        self.verify_key = public.and_then(|k| {
            k.check_fits(self.alg, Purpose::Verify)
                .map(|()| k)
                .map_err(Error::from)
        });
    }

    fn read_key_field(&mut self, text: &str, kid: Option<&str>, purpose: Purpose) -> Result<Key> {
        let file: KeyFile = keys::load_key_bytes(text.as_bytes())?;
        self.key_notes.extend(file.notes.iter().cloned());
        Ok(file.pick(kid, purpose).cloned()?)
    }

    fn refresh_signature(&mut self) {
        self.signature = match &self.inspection {
            Ok(insp) => {
                let policy = Policy {
                    algorithms: vec![self.alg],
                    ..self.policy.clone()
                };
                verify::signature_status(insp, self.verify_key.as_ref().ok(), &policy)
            }
            Err(e) => (
                SignatureStatus::Unchecked(verify::Unchecked::Malformed, e.to_string()),
                None,
                Check {
                    name: "alg".into(),
                    ok: false,
                    detail: e.to_string(),
                },
            ),
        };
        if let (SignatureStatus::Unchecked(verify::Unchecked::NoKey, _), Err(e)) =
            (&self.signature.0, &self.verify_key)
        {
            self.signature.0 =
                SignatureStatus::Unchecked(verify::Unchecked::NoKey, format!("no key: {e}"));
        }
    }

    /// Verification options changed (leeway, ignore exp, expectations).
    pub fn policy_changed(&mut self) {
        self.refresh_signature();
    }

    /// The full report at `now`: the cached signature verdict plus fresh claim checks.
    pub fn report(&self, now: NumericDate) -> Option<Report> {
        let insp = self.inspection.as_ref().ok()?;
        let mut checks = vec![self.signature.2.clone()];
        checks.extend(verify::claim_checks(insp, &self.policy, now));
        Some(Report {
            signature: self.signature.0.clone(),
            alg: self.signature.1,
            checks,
        })
    }

    /// Security findings for the token and the secret in use.
    pub fn findings(&self) -> Vec<Finding> {
        match &self.inspection {
            Ok(insp) => findings::findings(insp, self.verify_key.as_ref().ok()),
            Err(_) => Vec::new(),
        }
    }
}

fn pretty_or_raw(what: &str, bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    json::pretty(what, &text).unwrap_or_else(|_| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::verify::Verdict;

    const NOW: NumericDate = 1_800_000_000;

    fn run(wb: &mut Workbench, job: Option<SignJob>) {
        if let Some(job) = job {
            let r = job.run();
            wb.apply_signed(job.generation, r);
        }
    }

    #[test]
    fn example_is_valid_with_a_countdown() {
        let wb = Workbench::example(NOW);
        assert_eq!(wb.lead, Lead::Editors);
        let r = wb.report(NOW).unwrap();
        assert_eq!(r.verdict().0, Verdict::Valid, "{:?}", r.verdict());
        let exp = r.checks.iter().find(|c| c.name == "exp").unwrap();
        assert!(exp.detail.starts_with("expires in 30m"), "{}", exp.detail);
    }

    #[test]
    fn editing_payload_resigns_and_invalid_json_keeps_the_token_stale() {
        let mut wb = Workbench::example(NOW);
        let before = wb.token.clone();
        wb.payload = r#"{"sub":"2"}"#.into();
        let job = wb.editors_changed();
        run(&mut wb, job);
        assert_ne!(wb.token, before);
        assert!(wb.stale.is_none());
        let good = wb.token.clone();
        wb.payload = "{\"sub\": \"2\",\n  oops}".into();
        assert!(wb.editors_changed().is_none());
        assert_eq!(wb.token, good, "the token is kept");
        assert_eq!(
            wb.payload_error.as_ref().unwrap().to_string(),
            "payload is not valid JSON at line 2 column 3: key must be a string"
        );
        assert!(
            wb.stale
                .as_ref()
                .unwrap()
                .starts_with("not re-signed: payload is not valid JSON")
        );
    }

    #[test]
    fn a_pasted_token_is_verified_not_resigned_when_the_secret_changes() {
        let mut wb = Workbench::example(NOW);
        let pasted = wb.token.clone();
        wb.set_token(format!("Bearer {pasted}"));
        assert_eq!(wb.token, pasted);
        assert_eq!(wb.repairs, ["removed the \"Bearer \" prefix"]);
        assert_eq!(wb.lead, Lead::Token);
        wb.keys.secret = "another-secret-another-secret-another".into();
        assert!(wb.keys_changed().is_none());
        assert_eq!(wb.token, pasted, "never re-signed silently");
        assert_eq!(
            wb.report(NOW).unwrap().verdict().0,
            Verdict::InvalidSignature
        );
        let job = wb.resign();
        run(&mut wb, job);
        assert_ne!(wb.token, pasted);
        assert_eq!(wb.report(NOW).unwrap().verdict().0, Verdict::Valid);
    }

    #[test]
    fn alg_picker_rewrites_header_and_needs_matching_keys() {
        let mut wb = Workbench::example(NOW);
        let job = wb.set_alg(JwsAlg::HS512);
        assert!(wb.header.contains("\"alg\": \"HS512\""), "{}", wb.header);
        run(&mut wb, job);
        assert_eq!(
            wb.inspection.as_ref().unwrap().alg,
            HeaderAlg::Known(JwsAlg::HS512)
        );
        assert!(wb.set_alg(JwsAlg::ES256).is_none());
        assert!(
            wb.stale.as_ref().unwrap().contains("EC P-256 private key"),
            "{:?}",
            wb.stale
        );
    }

    #[test]
    fn outdated_signing_results_are_dropped() {
        let mut wb = Workbench::example(NOW);
        wb.payload = r#"{"a":1}"#.into();
        let old = wb.editors_changed().unwrap();
        wb.payload = r#"{"a":2}"#.into();
        let new = wb.editors_changed().unwrap();
        wb.apply_signed(old.generation, old.run());
        assert!(!wb.token.contains(&crate::core::b64::encode(br#"{"a":1}"#)));
        wb.apply_signed(new.generation, new.run());
        assert!(wb.token.contains(&crate::core::b64::encode(br#"{"a":2}"#)));
    }
}
