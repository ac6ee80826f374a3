//! The one way in: [`Workbench::apply`] and the rules for what each edit sets off.

use super::{Edit, Effects, Job, KeygenJob, Lead, Notice, Template, Workbench, derive, templates};
use crate::core::alg::HeaderAlg;
use crate::core::alg::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::error::Error;
use crate::core::json;
use crate::core::keys::SecretEncoding;
use crate::core::token::{self, Payload};

impl Workbench {
    /// Applies an edit, recomputes what depends on it, and says what the window must do: the
    /// jobs to run (each returns the edit that brings its result back), a status line.
    pub fn apply(&mut self, edit: Edit) -> Effects {
        let mut fx = Effects {
            changed: true,
            ..Effects::default()
        };
        match edit {
            Edit::Token(text) => {
                self.set_token(text);
                fx.push(self.jwe_job().map(Job::Decrypt));
            }
            Edit::Header(text) => {
                self.header = text;
                self.lead = Lead::Editors;
                self.parse_header();
                if self.payload_parsed.is_none() {
                    self.parse_payload();
                }
                self.follow_header_alg();
                fx.push(self.sign_job().map(Box::new).map(Job::Sign));
            }
            Edit::Payload(text) if self.detached_pasted() => {
                self.payload = text;
                self.attach_detached();
            }
            Edit::Payload(text) => {
                self.payload = text;
                self.lead = Lead::Editors;
                self.parse_payload();
                if self.header_parsed.is_none() {
                    self.parse_header();
                }
                fx.push(self.sign_job().map(Box::new).map(Job::Sign));
            }
            Edit::Alg(alg) => fx.push(self.set_alg(alg).map(Box::new).map(Job::Sign)),
            Edit::Secret(text) => {
                self.keys.secret = text;
                self.key_edit(&mut fx);
            }
            Edit::SecretEncoding(e) => {
                self.keys.secret_encoding = e;
                self.key_edit(&mut fx);
            }
            Edit::PrivateKey(text) => {
                self.keys.private_key = text;
                self.key_edit(&mut fx);
            }
            Edit::PublicKey(text) => {
                self.keys.public_key = text;
                self.key_edit(&mut fx);
            }
            Edit::JweKey(text) => {
                self.keys.jwe_key = text;
                self.key_edit(&mut fx);
            }
            Edit::JweKeyEncoding(e) => {
                self.keys.jwe_key_encoding = e;
                self.key_edit(&mut fx);
            }
            Edit::Encryption(e) => {
                self.encryption = e;
                self.lead = Lead::Editors;
                self.parse_editors();
                fx.push(self.sign_job().map(Box::new).map(Job::Sign));
            }
            Edit::Decrypted { generation, result } => {
                fx.changed = self.decrypted(generation, *result);
            }
            Edit::Keys(keys) => {
                self.keys = keys;
                self.key_edit(&mut fx);
            }
            Edit::LoadKey { bytes, source } => self.load_key(&bytes, &source, &mut fx),
            Edit::Generate(spec) => {
                self.keygen_generation += 1;
                self.generating = Some((self.keygen_generation, spec.describe()));
                fx.jobs.push(Job::Keygen(KeygenJob {
                    generation: self.keygen_generation,
                    spec,
                }));
            }
            Edit::CancelGenerate => {
                self.keygen_generation += 1;
                self.generating = None;
            }
            Edit::KeyGenerated { generation, result } => {
                if generation != self.keygen_generation {
                    fx.changed = false;
                } else {
                    self.generating = None;
                    match result {
                        Ok(key) => {
                            fx.notice = Some(Notice::info(format!(
                                "Generated {}; thumbprint {}",
                                key.describe(),
                                key.thumbprint()
                            )));
                            fx.push(self.use_generated(&key).map(Box::new).map(Job::Sign));
                        }
                        Err(e) => fx.notice = Some(Notice::error(e.to_string())),
                    }
                }
            }
            Edit::Leeway(l) => self.policy.leeway = l,
            Edit::IgnoreExp(b) => self.policy.ignore_exp = b,
            Edit::Audience(a) => self.policy.aud = Some(a).filter(|a| !a.is_empty()),
            Edit::AnyAudience(b) => self.policy.any_aud = b,
            Edit::Profile(p) => {
                self.profile = p;
                self.refresh_signature();
            }
            Edit::ProfileInputs(i) => self.profile_inputs = *i,
            Edit::Clock(c) => self.clock = c,
            Edit::Template { template, now } => {
                fx.push(
                    self.load_template(template, now)
                        .map(Box::new)
                        .map(Job::Sign),
                );
            }
            Edit::Restore(snapshot) => fx.merge(self.restore(*snapshot)),
            Edit::LabUrl(url) => self.set_lab_url(url),
            Edit::BuildLab { at } => match self.lab_job(at) {
                Some(job) => fx.jobs.push(Job::Lab(Box::new(job))),
                // Nothing new: the document did not change (the view asks each frame).
                None => return Effects::default(),
            },
            Edit::LabBuilt { generation, result } => {
                fx.changed = self.lab_built(generation, result);
            }
            Edit::Clear => self.clear(),
            Edit::PinnedRoots(roots) => self.roots = roots,
            Edit::Detached(on) => {
                self.detached = on;
                if self.lead == Lead::Editors {
                    fx.push(self.sign_job().map(Box::new).map(Job::Sign));
                }
            }
            Edit::Resign if self.lead == Lead::Token && self.jwe.is_some() => {
                fx.changed = false;
                fx.notice = Some(Notice::info(
                    "A pasted JWE is decrypted, never re-signed: edit the claims to build a new token",
                ));
            }
            Edit::Resign => {
                self.lead = Lead::Editors;
                self.parse_editors();
                self.refresh_keys();
                fx.push(self.sign_job().map(Box::new).map(Job::Sign));
            }
            Edit::Format | Edit::Compact => {
                self.reformat(matches!(edit, Edit::Format));
                // A detached payload is verified as the editor holds it, reformatted or not.
                if self.detached_pasted() {
                    self.attach_detached();
                }
            }
            Edit::Signed { generation, result } => {
                let had = self.sd.as_ref().map(|d| d.sd.kb.is_some());
                fx.changed = self.signed(generation, result);
                fx.notice = match (fx.changed, had, self.sd.is_some()) {
                    (true, Some(true), true) => Some(Notice::info(
                        "Re-signed the SD-JWT's issuer JWT: its disclosures are kept, its KB-JWT is dropped (its sd_hash covered the old JWT); present it again with the holder key to bind it",
                    )),
                    (true, Some(_), false) => Some(Notice::info(
                        "The token is now a plain JWT: the signed claims place none of the SD-JWT's disclosures (or it is encrypted), so they were left out",
                    )),
                    _ => fx.notice,
                };
            }
            Edit::SigningStarted(generation) => {
                fx.changed = false;
                if generation == self.generation {
                    self.signing = true;
                }
            }
        }
        self.revision += 1;
        fx
    }

    /// A key field changed: re-sign (editors lead) or re-verify, and decrypt a pasted JWE again.
    fn key_edit(&mut self, fx: &mut Effects) {
        let sign = self.keys_changed();
        fx.push(sign.map(Box::new).map(Job::Sign));
        fx.push(self.jwe_job().map(Job::Decrypt));
    }

    /// The decryption job for a pasted JWE, when one is loaded.
    pub(super) fn jwe_job(&mut self) -> Option<super::DecryptJob> {
        let is_jwe = matches!(&self.inspection, Ok(i) if i.form == token::Form::Jwe)
            || self.jwe.is_some()
            || self.jwe_json.is_some();
        if self.lead != Lead::Token || !is_jwe {
            return None;
        }
        // Start from the outer token again (a nested JWS may have replaced the inspection).
        self.inspection = match &self.jwe_json {
            Some(doc) => super::json_doc::jwe_json_inspection(doc),
            None => {
                let (clean, repairs) = token::repair(&self.token);
                token::inspect_repaired(clean, repairs)
            }
        };
        self.generation += 1;
        self.load_jwe()
    }

    /// The token was typed or pasted: repair it once, decode it, fill the editors. A repaired
    /// paste is replaced by the clean token, and that is what is judged (as the command line
    /// judges the same token); the repairs stay as notes and findings. A JWS JSON document is
    /// kept as pasted; the editors show its first readable signature.
    pub(super) fn set_token(&mut self, text: String) {
        self.jwe = None;
        let pasted = super::json_doc::read_pasted(text);
        self.token = pasted.token;
        self.repairs = pasted.repairs;
        self.json = pasted.json;
        self.jwe_json = pasted.jwe_json;
        self.sd = pasted.sd.map(|sd| Box::new(super::sdjwt::SdDoc::read(sd)));
        let inspection = pasted.inspection;
        self.lead = Lead::Token;
        self.stale = None;
        self.generation += 1; // drops any signing job still running
        self.signing = false;
        self.inspection = inspection;
        self.header_parsed = None;
        self.payload_parsed = None;
        match &self.inspection {
            Ok(insp) => {
                self.header = match &insp.header_bytes {
                    Ok(bytes) => json::Shown::of("header", bytes).into_text(),
                    Err(_) => String::new(),
                };
                self.payload = match (&insp.payload_bytes, &insp.payload) {
                    (_, Ok(Payload::Encrypted)) => super::jwe::ENCRYPTED_PAYLOAD.to_string(),
                    (Ok(bytes), _) => json::Shown::of("payload", bytes).into_text(),
                    (Err(_), _) => String::new(),
                };
                // The editors show what the token holds; they parse as the token's parts did.
                self.header_parsed = Some(insp.header.clone());
                self.payload_parsed = match &insp.payload {
                    Ok(Payload::Claims(m)) => Some(Ok(m.clone())),
                    // An undecrypted JWE's payload is not the user's JSON, and a detached one
                    // is not there yet: no error to show.
                    Ok(Payload::Encrypted | Payload::Detached) => None,
                    Ok(_) => Some(json::parse_object("payload", &self.payload)),
                    Err(e) => Some(Err(e.clone())),
                };
                if let HeaderAlg::Known(a) = insp.alg {
                    self.alg = a;
                }
            }
            Err(Error::EmptyToken) => {}
            Err(_) => {
                self.header.clear();
                self.payload.clear();
            }
        }
        self.refresh_keys();
        self.refresh_signature();
    }

    /// The algorithm picker changed: rewrite the header's `alg` and re-sign.
    pub(super) fn set_alg(&mut self, alg: JwsAlg) -> Option<super::SignJob> {
        self.alg = alg;
        if let Ok(updated) = json::set_members(
            "header",
            &self.header,
            &[("alg", format!("\"{}\"", alg.name()))],
        ) {
            self.header = json::pretty("header", &updated).unwrap_or(updated);
        }
        self.lead = Lead::Editors;
        self.parse_editors();
        self.refresh_keys();
        self.sign_job()
    }

    /// Loads a template with a fresh iat and exp.
    fn load_template(&mut self, t: Template, now: NumericDate) -> Option<super::SignJob> {
        if t == Template::Example {
            if self.keys.secret.is_empty() {
                self.keys.secret = super::EXAMPLE_SECRET.to_string();
                self.keys.secret_encoding = SecretEncoding::Text;
            }
            self.alg = JwsAlg::HS256;
        }
        if t == Template::SdJwtVc {
            // A presented SD-JWT is pasted, not signed from the editors.
            if let Err(e) = self.sd_jwt_template(now) {
                self.stale = Some(super::Stale::Failed(e));
            }
            return None;
        }
        match self.load_profile_template(t, now) {
            Ok(true) => {}
            Ok(false) => {
                let (header, payload) = templates::template(t, self.alg, now);
                self.load_editors(&header, &payload);
            }
            Err(e) => {
                self.stale = Some(super::Stale::Failed(e));
                return None;
            }
        }
        self.sign_job()
    }

    /// Empties token, header and payload (keys stay).
    fn clear(&mut self) {
        self.set_token(String::new());
        self.header.clear();
        self.payload.clear();
        self.header_parsed = None;
        self.payload_parsed = None;
        self.signature = derive::unchecked_signature(&Error::EmptyToken);
    }

    /// Pretty-prints or minifies the editors; the token is unchanged (it is minified anyway).
    fn reformat(&mut self, pretty: bool) {
        let f = if pretty { json::pretty } else { json::minify };
        if let Ok(h) = f("header", &self.header) {
            self.header = h;
        }
        if let Ok(p) = f("payload", &self.payload) {
            self.payload = p;
        }
    }
}
