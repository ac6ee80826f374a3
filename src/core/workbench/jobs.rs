//! Signing jobs: everything needed to sign, detached from the document so a worker thread
//! can run it; stale results are recognised by their generation.

use super::jwe::{JweState, JweView, made_inspection};
use super::{Lead, Stale, Workbench};
use crate::core::alg::{Family, HeaderAlg, JwsAlg};
use crate::core::error::{Error, Result};
use crate::core::json;
use crate::core::jwe::{self, EncryptOptions, JweKey};
use crate::core::keys::Key;
use crate::core::sign;
use crate::core::token::Inspection;
use serde_json::{Map, Value};

/// Signing jobs bigger than this payload size (bytes) run off the UI thread.
const SLOW_PAYLOAD: usize = 256 * 1024;

/// A signing job: the checked editors and the key, detached from the document.
#[derive(Debug, Clone)]
pub struct SignJob {
    /// Matches the document's generation when the job was made; stale results are dropped.
    pub generation: u64,
    /// The algorithm (the header's `alg`).
    pub alg: JwsAlg,
    /// The signing key (`None` when the claims are only encrypted).
    pub key: Option<Key>,
    /// Encrypt the result to a recipient: options, key, and whether the signed token (true)
    /// or the bare claims (false) are encrypted.
    encrypt: Option<(EncryptOptions, JweKey, bool)>,
    header: Map<String, Value>,
    header_text: String,
    payload: Map<String, Value>,
    payload_text: String,
    /// Leave the payload out of the token (`header..signature`, RFC 7515 appendix F).
    detached: bool,
}

/// A signed (and maybe encrypted) token and its inspection, built from the parts without
/// decoding them again.
#[derive(Debug, Clone)]
pub struct Signed {
    /// The compact token.
    pub token: String,
    /// Its inspection (for a nested JWE, the signed token inside).
    pub inspection: Box<Inspection>,
    /// The JWE, when the token was encrypted.
    pub jwe: Option<Box<JweView>>,
}

impl SignJob {
    /// True when signing may take more than a few milliseconds (RSA 3072+ or a big payload).
    pub fn is_slow(&self) -> bool {
        let big_rsa = |k: &Key| k.family() == Family::Rsa && k.bits() >= 3072;
        let slow_jwe = self.encrypt.as_ref().is_some_and(|(o, k, _)| {
            o.alg.family() == jwe::KeyFamily::Pbes2 || k.key().is_some_and(big_rsa)
        });
        self.key.as_ref().is_some_and(big_rsa) || slow_jwe || self.payload_text.len() > SLOW_PAYLOAD
    }

    /// Signs (the JSON minified, as every JWT library does), then encrypts when asked. Safe to
    /// call on any thread.
    pub fn run(mut self) -> Result<Signed> {
        let header_json = json::minify_valid(&self.header_text);
        let payload_json = json::minify_valid(&self.payload_text);
        // Only encrypting needs the claims and their JSON again: otherwise they move into
        // the inspection instead of being copied (a keystroke on a 1 MB payload copied both).
        let encrypting = self.encrypt.is_some();
        let (claims, claims_json) = if encrypting {
            (self.payload.clone(), payload_json.clone())
        } else {
            (std::mem::take(&mut self.payload), String::new())
        };
        let unencoded = self.header.get("b64") == Some(&Value::Bool(false));
        let signed = match &self.key {
            Some(key) if unencoded || self.detached => {
                // RFC 7797: the payload is carried as it stands; detached, it travels apart
                // and the verdict is about the editor's payload, attached to the inspection.
                let form = sign::PayloadForm {
                    unencoded,
                    detached: self.detached,
                };
                let token =
                    sign::sign_compact(&header_json, payload_json.as_bytes(), self.alg, key, form)?;
                let mut inspection = crate::core::token::inspect(&token)?;
                if self.detached {
                    inspection.attach_payload(payload_json.clone().into_bytes());
                }
                Some((token, Box::new(inspection)))
            }
            Some(key) => {
                let (token, signature) =
                    sign::sign_encoded(&header_json, &payload_json, self.alg, key)?;
                let inspection = Box::new(Inspection::of_signed(
                    token.clone(),
                    header_json,
                    self.header,
                    payload_json,
                    claims,
                    signature,
                ));
                Some((token, inspection))
            }
            None => None,
        };
        let Some((options, key, nested)) = self.encrypt else {
            let (token, inspection) = signed.ok_or_else(|| {
                Error::Shape("nothing to sign with and nothing to encrypt".into())
            })?;
            return Ok(Signed {
                token,
                inspection,
                jwe: None,
            });
        };
        let plaintext = match (&signed, nested) {
            (Some((token, _)), true) => token.as_bytes().to_vec(),
            _ => claims_json.into_bytes(),
        };
        let token =
            jwe::encrypt(&plaintext, &options, &key).map_err(|e| Error::Shape(e.to_string()))?;
        let parts = jwe::parse(&token);
        // A key that can decrypt (private, shared) shows every step; a public one cannot.
        let state = if key.is_private() {
            match jwe::decrypt(&token, &key, &jwe::Limits::default()) {
                Ok(d) => JweState::Decrypted {
                    decrypted: Box::new(d),
                    nested,
                },
                Err(e) => JweState::Failed(e.to_string()),
            }
        } else {
            JweState::Made {
                recipient: key.kind_words(),
                nested,
            }
        };
        let inspection = match (signed, nested) {
            (Some((_, inspection)), true) => inspection,
            _ => {
                let header = parts.as_ref().map(|p| p.header.clone()).unwrap_or_default();
                Box::new(made_inspection(
                    &token,
                    header,
                    crate::core::token::Payload::Claims(self.payload),
                )?)
            }
        };
        Ok(Signed {
            token,
            inspection,
            jwe: Some(Box::new(JweView { parts, state })),
        })
    }
}

impl Workbench {
    /// Makes the signing job for the current editors, or marks the token stale and says why.
    pub(super) fn sign_job(&mut self) -> Option<SignJob> {
        self.generation += 1;
        self.signing = false;
        let encrypt = match self.encrypt_options() {
            None => None,
            Some((options, nested)) => match self.recipient_key(options.alg, options.enc) {
                Ok(key) => Some((options, key, nested)),
                Err(why) => {
                    self.stale = Some(Stale::Encryption(why.to_string()));
                    return None;
                }
            },
        };
        let claims_only = encrypt.as_ref().is_some_and(|(_, _, nested)| !nested);
        let why = match (&self.header_parsed, &self.payload_parsed) {
            (Some(Err(e)), _) | (_, Some(Err(e))) => Stale::Json(e.clone()),
            (Some(Ok(h)), Some(Ok(p))) if claims_only => {
                return Some(SignJob {
                    generation: self.generation,
                    alg: self.alg,
                    key: None,
                    encrypt,
                    header: h.clone(),
                    header_text: self.header.clone(),
                    payload: p.clone(),
                    payload_text: self.payload.clone(),
                    detached: false,
                });
            }
            (Some(Ok(h)), Some(Ok(p))) => match (HeaderAlg::from_header(h), &self.key_state.sign) {
                (HeaderAlg::Known(alg), Ok(key)) => {
                    // A token inside a JWE carries its payload: encryption is the envelope.
                    let detached = self.detached && encrypt.is_none();
                    return Some(SignJob {
                        generation: self.generation,
                        alg,
                        key: Some(key.clone()),
                        encrypt,
                        header: h.clone(),
                        header_text: self.header.clone(),
                        payload: p.clone(),
                        payload_text: self.payload.clone(),
                        detached,
                    });
                }
                (HeaderAlg::Known(_), Err(e)) => Stale::Key(e.clone()),
                (HeaderAlg::None(s), _) => Stale::Alg(format!(
                    "alg \"{s}\" is an unsecured token with no signature; verifiers must reject it, so it is not signed"
                )),
                (other, _) => Stale::Alg(other.problem().unwrap_or_default()),
            },
            _ => return None,
        };
        self.stale = Some(why);
        None
    }

    /// A signing job finished; results of outdated jobs are dropped.
    pub(super) fn signed(&mut self, generation: u64, result: Result<Signed>) -> bool {
        if generation != self.generation {
            return false;
        }
        self.signing = false;
        match result {
            Ok(s) => {
                let sd = if s.jwe.is_none() {
                    self.resign_sd(&s.token)
                } else {
                    self.sd = None;
                    None
                };
                self.token = sd.unwrap_or(s.token);
                self.inspection = Ok(*s.inspection);
                self.jwe = s.jwe.map(|j| *j);
                self.stale = None;
                self.repairs.clear();
                self.lead = Lead::Editors;
                self.refresh_signature();
            }
            Err(e) => self.stale = Some(Stale::Failed(e)),
        }
        true
    }

    /// Parses the editors (once per edit); a blank document is not an error.
    pub(super) fn parse_editors(&mut self) {
        if self.header.trim().is_empty() && self.payload.trim().is_empty() {
            self.header_parsed = None;
            self.payload_parsed = None;
            return;
        }
        self.parse_header();
        self.parse_payload();
    }

    /// Parses the header editor.
    pub(super) fn parse_header(&mut self) {
        self.header_parsed = Some(json::parse_object("header", &self.header));
    }

    /// Parses the payload editor.
    pub(super) fn parse_payload(&mut self) {
        self.payload_parsed = Some(json::parse_object("payload", &self.payload));
    }

    /// The header being signed (editors) or verified (token): its kid picks a JWKS key.
    pub(super) fn current_header(&self) -> Option<&serde_json::Map<String, Value>> {
        match self.lead {
            Lead::Editors => self.header_parsed.as_ref().and_then(|r| r.as_ref().ok()),
            Lead::Token => self
                .inspection
                .as_ref()
                .ok()
                .and_then(|i| i.header.as_ref().ok()),
        }
    }

    /// Replaces the editors (pretty-printed) and makes them lead.
    pub(super) fn load_editors(&mut self, header: &str, payload: &str) {
        self.header = json::Shown::of("header", header.as_bytes()).into_text();
        self.payload = json::Shown::of("payload", payload.as_bytes()).into_text();
        self.lead = Lead::Editors;
        self.parse_editors();
        self.follow_header_alg();
        self.refresh_keys();
    }

    /// The picker follows a known `alg` typed into the header.
    pub(super) fn follow_header_alg(&mut self) {
        if let Some(Ok(h)) = &self.header_parsed
            && let HeaderAlg::Known(a) = HeaderAlg::from_header(h)
            && a != self.alg
        {
            self.alg = a;
            self.refresh_keys();
        }
    }

    /// The error shown while a job cannot be made, for callers that need one.
    pub fn stale_error(&self) -> Option<Error> {
        self.stale.as_ref().map(|s| Error::Shape(s.detail()))
    }
}
