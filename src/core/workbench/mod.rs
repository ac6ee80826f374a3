//! The document the window edits: token, header, payload, key inputs and which side leads.
//!
//! One front door: [`Workbench::apply`] takes an [`Edit`], recomputes what depends on it and
//! returns [`Effects`] (a signing job to run, a status line). Derived state (the decoded token,
//! editor errors, keys, the signature verdict) is private and read through methods. Each key
//! text is parsed once per change, each editor once per edit.

mod apply;
mod countdown;
mod derive;
mod detached;
mod edit;
mod inputs;
mod job;
mod jobs;
mod json_doc;
mod judge;
mod jwe;
mod lab;
mod loading;
mod profile_templates;
mod sdjwt;
mod stale;
mod templates;
mod verdict;
mod verdict_jwe;
mod x5c;

pub use edit::{Edit, Effects, Notice, Template, TimeTravel};
pub use inputs::KeyInputs;
pub use job::{Job, JobKind, KeygenJob};
pub use jobs::{SignJob, Signed};
pub use jwe::{DecryptJob, Encryption, JweState, JweView};
pub use lab::{LabJob, LabState};
pub use sdjwt::{DisclosureRow, RowState, SdDoc, UndisclosedRow};
pub use stale::Stale;
pub use templates::template;
pub use verdict::{Headline, Tone};

use super::alg::JwsAlg;
use super::claims::NumericDate;
use super::error::{Error, Result};
use super::findings::{self, Finding};
use super::keys::{Key, KeyError, KeyFile};
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

/// The secret of the first-run example (jwt.io's default, so users recognise it).
pub const EXAMPLE_SECRET: &str = "a-string-secret-at-least-256-bits-long";

/// What is kept between sessions, and restored by [`Edit::Restore`].
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
    /// The audience the verifier expects (empty: none).
    pub audience: String,
    /// Accept any audience.
    pub any_audience: bool,
    /// The pinned x5c roots (DER).
    pub pinned_roots: Vec<Vec<u8>>,
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
    /// A pasted JWS JSON document, and each signature's check with the pane's keys.
    json: Option<crate::core::jws_json::JwsJson>,
    jwe_json: Option<crate::core::jwe::JweJson>,
    /// A pasted SD-JWT, read (its issuer JWT is the inspection).
    sd: Option<Box<sdjwt::SdDoc>>,
    json_checks: Vec<crate::core::jws_json::SignatureCheck>,
    /// The profile chosen (`None`: detected) and what its checks compare with.
    profile: Option<crate::core::profiles::Profile>,
    profile_inputs: crate::core::profiles::Inputs,
    encryption: Encryption,
    lab: LabState,
    /// The key being generated (its generation and what it is), if any.
    generating: Option<(u64, String)>,
    keygen_generation: u64,
    /// The roots pinned for `x5c` chains (DER).
    roots: Vec<Vec<u8>>,
    /// Sign with the payload left out (`header..signature`).
    detached: bool,
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
            json: None,
            jwe_json: None,
            sd: None,
            json_checks: Vec::new(),
            profile: None,
            profile_inputs: crate::core::profiles::Inputs::default(),
            encryption: Encryption::Off,
            lab: LabState::default(),
            generating: None,
            keygen_generation: 0,
            roots: Vec::new(),
            detached: false,
        };
        wb.refresh_keys();
        wb.refresh_signature();
        wb
    }

    /// The first-run example, signed: HS256, jwt.io's secret, exp 30 minutes ahead.
    pub fn example(now: NumericDate) -> Workbench {
        let mut wb = Workbench::empty();
        let fx = wb.apply(Edit::Template {
            template: Template::Example,
            now,
        });
        wb.settle(fx);
        wb
    }

    /// Restores a saved session into this document: the token decoded (a JWE decrypted with
    /// a remembered key: the job is in the effects), editors that led re-signed.
    fn restore(&mut self, s: Snapshot) -> Effects {
        let preferences = (s.leeway, s.audience, s.any_audience);
        *self = Workbench::empty();
        self.keys = s.keys;
        self.roots = s.pinned_roots;
        self.policy.leeway = preferences.0;
        self.policy.aud = Some(preferences.1).filter(|a| !a.is_empty());
        self.policy.any_aud = preferences.2;
        let mut fx = self.apply(Edit::Token(s.token));
        self.alg = s.alg;
        if s.editors_lead {
            self.header = s.header;
            self.payload = s.payload;
            self.parse_editors();
            fx.merge(self.apply(Edit::Resign));
        } else {
            self.refresh_keys();
            self.refresh_signature();
        }
        fx
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
            audience: self.policy.aud.clone().unwrap_or_default(),
            any_audience: self.policy.any_aud,
            pinned_roots: self.roots.clone(),
        }
    }

    /// Runs every job of `fx` on this thread, and those their results set off, until none
    /// is left (tests, benches and the example).
    pub fn settle(&mut self, fx: Effects) {
        let mut jobs = fx.jobs;
        while let Some(job) = jobs.pop() {
            jobs.extend(self.apply(job.run()).jobs);
        }
    }

    /// Applies an edit and runs every job it sets off on this thread (headless use: tests,
    /// benches, scripts); returns its notice, if any.
    pub fn apply_and_settle(&mut self, edit: Edit) -> Option<Notice> {
        let mut fx = self.apply(edit);
        let notice = fx.notice.take();
        self.settle(fx);
        notice
    }

    /// The key being generated, in words ("an RSA 4096 key"), while one is.
    pub fn generating(&self) -> Option<&str> {
        self.generating.as_ref().map(|(_, what)| what.as_str())
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
