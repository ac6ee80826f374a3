//! The document the window edits: token, header, payload, key inputs and which side leads.
//!
//! One front door: [`Workbench::apply`] takes an [`Edit`], recomputes what depends on it and
//! returns [`Effects`] (a signing job to run, a status line). Derived state (the decoded token,
//! editor errors, keys, the signature verdict) is private and read through methods. Each key
//! text is parsed once per change, each editor once per edit.

mod apply;
mod derive;
mod edit;
mod jobs;
mod judge;
mod jwe;
mod templates;
mod verdict;

pub use edit::{Edit, Effects, Notice, Template, TimeTravel};
pub use jobs::{SignJob, Signed};
pub use jwe::{DecryptJob, Encryption, JweState, JweView};
pub use templates::template;
pub use verdict::{Headline, Stale, Tone};

use super::alg::JwsAlg;
use super::claims::NumericDate;
use super::error::{Error, Result};
use super::findings::{self, Finding};
use super::keys::{Key, KeyError, KeyFile, SecretEncoding};
use super::token::Inspection;
use super::verify::{Check, Policy, Report, SignatureStatus, Unchecked};
use derive::KeyState;
use serde_json::{Map, Value};

/// Which side the user is driving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// The token was pasted or typed: it is decoded, never re-signed behind the user's back.
    Token,
    /// Header, payload or key were edited: the token is re-signed from them.
    Editors,
}

/// The key pane's fields, as typed. Zeroed when dropped; `Debug` shows no key material.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct KeyInputs {
    /// HMAC secret text.
    pub secret: String,
    /// How to read `secret`.
    pub secret_encoding: SecretEncoding,
    /// Private key text (PEM or JWK) for signing with RSA, EC or Ed25519.
    pub private_key: String,
    /// Public key text (PEM, JWK or JWKS) for verifying; empty means "use the private key".
    pub public_key: String,
    /// The JWE key: the recipient's public key (or a shared secret, or a password) to
    /// encrypt; the private key, secret or password to decrypt. Empty: a pasted JWE is
    /// decrypted with the private key or the secret above.
    pub jwe_key: String,
    /// How to read `jwe_key` when it is a secret.
    pub jwe_key_encoding: SecretEncoding,
}

impl std::fmt::Debug for KeyInputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "KeyInputs {{ secret: {} chars, private_key: {} chars, public_key: {} chars }}",
            self.secret.len(),
            self.private_key.len(),
            self.public_key.len()
        )
    }
}

impl Drop for KeyInputs {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.secret.zeroize();
        self.private_key.zeroize();
        self.jwe_key.zeroize();
    }
}

/// The secret of the first-run example (jwt.io's default, so users recognise it).
pub const EXAMPLE_SECRET: &str = "a-string-secret-at-least-256-bits-long";

/// What is kept between sessions, and restored by [`Workbench::restore`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The token text.
    pub token: String,
    /// Header editor text.
    pub header: String,
    /// Payload editor text.
    pub payload: String,
    /// True when the editors led.
    pub editors_lead: bool,
    /// The algorithm picker.
    pub alg: JwsAlg,
    /// Key inputs (only what the user chose to remember; the encoding always).
    pub keys: KeyInputs,
    /// Leeway in seconds.
    pub leeway: u64,
}

/// The document.
#[derive(Debug, Clone)]
pub struct Workbench {
    token: String,
    header: String,
    payload: String,
    alg: JwsAlg,
    keys: KeyInputs,
    policy: Policy,
    lead: Lead,
    clock: TimeTravel,
    inspection: Result<Inspection>,
    repairs: Vec<crate::core::token::Repair>,
    header_parsed: Option<Result<Map<String, Value>>>,
    payload_parsed: Option<Result<Map<String, Value>>>,
    stale: Option<Stale>,
    key_state: KeyState,
    signature: (SignatureStatus, Option<JwsAlg>, Check),
    signing: bool,
    generation: u64,
    revision: u64,
    jwe: Option<JweView>,
    encryption: Encryption,
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
            clock: TimeTravel::Live,
            inspection: Err(Error::EmptyToken),
            repairs: Vec::new(),
            header_parsed: None,
            payload_parsed: None,
            stale: None,
            key_state: KeyState::default(),
            signature: derive::unchecked_signature(&Error::EmptyToken),
            signing: false,
            generation: 0,
            revision: 0,
            jwe: None,
            encryption: Encryption::Off,
        };
        wb.refresh_keys();
        wb.refresh_signature();
        wb
    }

    /// The first-run example, signed: HS256, jwt.io's secret, exp 30 minutes ahead.
    pub fn example(now: NumericDate) -> Workbench {
        let mut wb = Workbench::empty();
        let effects = wb.apply(Edit::Template(Template::Example), now);
        wb.run_inline(effects.sign);
        wb
    }

    /// Restores a saved session; a document that leads with its editors is re-signed.
    pub fn restore(s: Snapshot, now: NumericDate) -> Workbench {
        let mut wb = Workbench::empty();
        wb.keys = s.keys;
        wb.policy.leeway = s.leeway;
        wb.apply(Edit::Token(s.token), now);
        wb.alg = s.alg;
        if s.editors_lead {
            wb.header = s.header;
            wb.payload = s.payload;
            wb.parse_editors();
            let effects = wb.apply(Edit::Resign, now);
            wb.run_inline(effects.sign);
        } else {
            wb.refresh_keys();
            wb.refresh_signature();
        }
        wb
    }

    /// What to keep between sessions (all key inputs; the caller drops what is not wanted).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            token: self.token.clone(),
            header: self.header.clone(),
            payload: self.payload.clone(),
            editors_lead: self.lead == Lead::Editors,
            alg: self.alg,
            keys: self.keys.clone(),
            leeway: self.policy.leeway,
        }
    }

    /// Runs a signing job on this thread and applies its result (tests, start-up).
    pub fn run_inline(&mut self, job: Option<SignJob>) {
        if let Some(job) = job {
            let generation = job.generation;
            let result = job.run();
            self.apply(Edit::Signed { generation, result }, 0);
        }
    }

    /// Runs the effects' jobs (signing, decrypting) on this thread (tests, start-up).
    pub fn run_effects(&mut self, fx: Effects) {
        self.run_inline(fx.sign);
        if let Some(job) = fx.decrypt {
            let generation = job.generation;
            let result = Box::new(job.run());
            self.apply(Edit::Decrypted { generation, result }, 0);
        }
    }

    /// The encoded token text.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Header editor text.
    pub fn header(&self) -> &str {
        &self.header
    }

    /// Payload editor text.
    pub fn payload(&self) -> &str {
        &self.payload
    }

    /// The algorithm picker.
    pub fn alg(&self) -> JwsAlg {
        self.alg
    }

    /// The key pane's fields.
    pub fn keys(&self) -> &KeyInputs {
        &self.keys
    }

    /// Verification options (leeway, ignore exp).
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Which side leads.
    pub fn lead(&self) -> Lead {
        self.lead
    }

    /// The clock the times are judged at.
    pub fn clock(&self) -> TimeTravel {
        self.clock
    }

    /// The decoded token, or why it cannot be decoded.
    pub fn inspection(&self) -> &Result<Inspection> {
        &self.inspection
    }

    /// Notes on repairs made to the last pasted token.
    pub fn repairs(&self) -> Vec<String> {
        self.repairs
            .iter()
            .map(crate::core::token::Repair::note)
            .collect()
    }

    /// Why the header editor's text cannot be used (line and column).
    pub fn header_error(&self) -> Option<&Error> {
        self.header_parsed.as_ref().and_then(|r| r.as_ref().err())
    }

    /// Why the payload editor's text cannot be used.
    pub fn payload_error(&self) -> Option<&Error> {
        self.payload_parsed.as_ref().and_then(|r| r.as_ref().err())
    }

    /// Why the token does not reflect the editors, when it does not.
    pub fn stale(&self) -> Option<&Stale> {
        self.stale.as_ref()
    }

    /// The signing key for the chosen algorithm, or why there is none.
    pub fn sign_key(&self) -> Result<&Key, &KeyError> {
        self.key_state.sign.as_ref()
    }

    /// The verifying key for the chosen algorithm, or why there is none.
    pub fn verify_key(&self) -> Result<&Key, &KeyError> {
        self.key_state.verify.as_ref()
    }

    /// Notes from key loading (skipped JWKS entries, several PEM blocks).
    pub fn key_notes(&self) -> &[String] {
        &self.key_state.notes
    }

    /// The key set the verifying key comes from (public field, else private field), and the
    /// index of the key chosen in it.
    pub fn key_set(&self) -> Option<(&KeyFile, Option<usize>)> {
        self.key_state.set()
    }

    /// Counts the changes: it moves whenever anything the window shows may have changed, so
    /// the window can keep what it derived until it does.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// A signing job is running off the UI thread.
    pub fn signing(&self) -> bool {
        self.signing
    }

    /// The instant times are judged at, given the real clock.
    pub fn at(&self, now: NumericDate) -> NumericDate {
        self.clock.at(now)
    }
}

#[cfg(test)]
mod tests;
