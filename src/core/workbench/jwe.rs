//! Encrypted tokens in the document: a pasted JWE is taken apart and decrypted live with the
//! key pane's decryption key (off the UI thread when slow); a nested JWS is opened as the
//! token the debugger judges. On the encode side, the editors' token can be encrypted to a
//! recipient as you type: signed then encrypted (a nested JWT), or the claims encrypted only.

use super::{Lead, Workbench};
use crate::core::alg::Family;
use crate::core::error::Error;
use crate::core::jwe::{
    self, ContentAlg, Decrypted, EncryptOptions, JweError, JweKey, JweParts, KeyAlg, KeyFamily,
    KeyNeed, Limits,
};
use crate::core::keys::{KeyError, SecretEncoding};
use crate::core::token::{self, Form, Inspection, Payload};
use crate::core::{b64, json};

/// What the payload editor says for a JWE not decrypted (yet).
pub(super) const ENCRYPTED_PAYLOAD: &str = "(encrypted: a JWE payload cannot be shown)";

/// How the editors' token is encrypted (the encode side's mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encryption {
    /// Not encrypted: a signed token (JWS).
    #[default]
    Off,
    /// Signed, then encrypted to the recipient (a nested JWT, `cty: "JWT"`).
    Nested {
        /// Key management.
        alg: KeyAlg,
        /// Content encryption.
        enc: ContentAlg,
    },
    /// The claims encrypted only, not signed.
    ClaimsOnly {
        /// Key management.
        alg: KeyAlg,
        /// Content encryption.
        enc: ContentAlg,
    },
}

impl Encryption {
    /// The algorithms, when encrypting.
    pub fn algs(self) -> Option<(KeyAlg, ContentAlg)> {
        match self {
            Encryption::Off => None,
            Encryption::Nested { alg, enc } | Encryption::ClaimsOnly { alg, enc } => {
                Some((alg, enc))
            }
        }
    }
}

/// Where a loaded JWE stands.
#[derive(Debug, Clone)]
pub enum JweState {
    /// No usable decryption key: why, in a sentence.
    NoKey(String),
    /// Being decrypted off the UI thread.
    Decrypting,
    /// Decryption failed: the one message (wrong key or altered token), or a refusal.
    Failed(String),
    /// Decrypted; `nested` when the plaintext is a signed token now judged by the debugger.
    Decrypted {
        /// The plaintext and every step.
        decrypted: Box<Decrypted>,
        /// The plaintext is a JWS.
        nested: bool,
    },
    /// Made here from the editors, for a recipient whose key cannot decrypt it here.
    Made {
        /// The recipient key, in words.
        recipient: String,
        /// The plaintext is the signed token.
        nested: bool,
    },
}

/// A JWE in the document.
#[derive(Debug, Clone)]
pub struct JweView {
    /// Its parts, or why they do not read.
    pub parts: Result<JweParts, JweError>,
    /// Decryption.
    pub state: JweState,
}

/// A decryption to run, detached from the document.
#[derive(Debug, Clone)]
pub struct DecryptJob {
    /// Results of older jobs are dropped.
    pub generation: u64,
    token: String,
    /// Boxed: a loaded key is large, and jobs travel in one enum.
    key: Box<JweKey>,
    slow: bool,
}

impl DecryptJob {
    /// True when it may take more than a few milliseconds (PBES2, RSA 3072+).
    pub fn is_slow(&self) -> bool {
        self.slow
    }

    /// Decrypts. Safe on any thread.
    pub fn run(self) -> Result<Decrypted, JweError> {
        if jwe::looks_like_json(&self.token) {
            // The recipient the key's kid names, else each in turn.
            return jwe::read_json(&self.token)?
                .decrypt(&self.key, &Limits::default())
                .map(|d| d.decrypted);
        }
        jwe::decrypt(&self.token, &self.key, &Limits::default())
    }
}

/// Reads key text for a JWE algorithm: a password for PBES2, bytes (or an `oct` JWK) for the
/// symmetric families, a key file's text (PEM/JWK, X25519 too) for RSA and ECDH.
pub(super) fn jwe_key(
    alg: KeyAlg,
    text: &str,
    encoding: SecretEncoding,
) -> Result<JweKey, JweError> {
    let t = text.trim();
    match alg.family() {
        KeyFamily::Rsa | KeyFamily::Ecdh => JweKey::load(t.as_bytes()),
        _ if t.starts_with('{') => JweKey::load(t.as_bytes()),
        family => {
            let bytes = match encoding {
                SecretEncoding::Text => text.as_bytes().to_vec(),
                SecretEncoding::Base64 => b64::decode_lenient(t).map_err(KeyError::SecretBase64)?,
                SecretEncoding::Hex => b64::decode_hex(t).map_err(KeyError::SecretHex)?,
            };
            Ok(
                if family == KeyFamily::Pbes2 && encoding == SecretEncoding::Text {
                    JweKey::password(text)
                } else {
                    JweKey::symmetric(&bytes)
                },
            )
        }
    }
}

impl Workbench {
    /// The JWE loaded, when the token is one.
    pub fn jwe(&self) -> Option<&JweView> {
        self.jwe.as_ref()
    }

    /// The encode side's encryption mode.
    pub fn encryption(&self) -> Encryption {
        self.encryption
    }

    /// The key text and encoding that decrypts or encrypts: the JWE key field, else (for a
    /// pasted JWE) the private key or the secret, by the algorithm's family.
    fn jwe_key_text(&self, alg: KeyAlg, decrypting: bool) -> (&str, SecretEncoding) {
        let k = &self.keys;
        if !k.jwe_key.trim().is_empty() || !decrypting {
            return (&k.jwe_key, k.jwe_key_encoding);
        }
        match alg.family() {
            KeyFamily::Rsa | KeyFamily::Ecdh => (&k.private_key, SecretEncoding::Text),
            _ => (&k.secret, k.secret_encoding),
        }
    }

    /// Takes a pasted JWE apart and makes the job that decrypts it, or says why it cannot.
    pub(super) fn load_jwe(&mut self) -> Option<DecryptJob> {
        // A JSON document shows (and takes its key's algorithm from) its first usable
        // recipient; the job then decrypts with whichever recipient the key is for.
        let parts = match &self.jwe_json {
            Some(doc) => (0..doc.recipients.len())
                .map(|i| doc.parts(i))
                .find(Result::is_ok)
                .unwrap_or_else(|| doc.parts(0)),
            None => jwe::parse(&self.token),
        };
        let job = match &parts {
            Ok(p) => {
                let (text, encoding) = self.jwe_key_text(p.alg, true);
                if text.trim().is_empty() {
                    Err(JweError::MissingKey(KeyNeed {
                        alg: p.alg,
                        cek_len: p.enc.key_len(),
                        decrypting: true,
                    }))
                } else {
                    jwe_key(p.alg, text, encoding).map(|key| DecryptJob {
                        generation: self.generation,
                        token: self.token.clone(),
                        slow: p.alg.family() == KeyFamily::Pbes2
                            || key
                                .key()
                                .is_some_and(|k| k.family() == Family::Rsa && k.bits() >= 3072),
                        key: Box::new(key),
                    })
                }
            }
            Err(e) => Err(e.clone()),
        };
        let (state, job) = match job {
            Ok(j) => (JweState::Decrypting, Some(j)),
            Err(why) => (JweState::NoKey(why.to_string()), None),
        };
        self.jwe = Some(JweView { parts, state });
        job
    }

    /// A decryption finished: a nested JWS becomes the token judged; plain claims show as
    /// an unsigned payload.
    pub(super) fn decrypted(
        &mut self,
        generation: u64,
        result: Result<Decrypted, JweError>,
    ) -> bool {
        if generation != self.generation || self.lead != Lead::Token {
            return false;
        }
        let Some(view) = &mut self.jwe else {
            return false;
        };
        let d = match result {
            Ok(d) => d,
            Err(e) => {
                view.state = JweState::Failed(e.to_string());
                // Nothing a key decrypted before stays on show once this key fails.
                self.show_outer_jwe();
                return true;
            }
        };
        let nested = jwe::is_nested_jws(&d);
        let plaintext = String::from_utf8_lossy(&d.plaintext).trim().to_string();
        if nested && let Ok(inner) = token::inspect(&plaintext) {
            self.inspection = Ok(inner);
        } else if let Ok(insp) = &mut self.inspection {
            // Judged as the command line judges it: strictly, as claims when meant as claims.
            let typ_jwt = crate::core::strict::typ_is_jwt(d.header());
            insp.payload = Ok(token::classify_payload(&d.plaintext, typ_jwt));
            insp.payload_bytes = Ok(d.plaintext.clone());
        }
        view.state = JweState::Decrypted {
            decrypted: Box::new(d),
            nested,
        };
        self.show_inspection_in_editors();
        self.refresh_keys();
        self.refresh_signature();
        true
    }

    /// Back to the JWE as pasted: its header in the editor, its payload not readable.
    fn show_outer_jwe(&mut self) {
        self.inspection = match &self.jwe_json {
            Some(doc) => super::json_doc::jwe_json_inspection(doc),
            None => token::inspect(&self.token),
        };
        if let Ok(insp) = &self.inspection {
            if let Ok(h) = &insp.header {
                self.header = json::Shown::of(
                    "header",
                    serde_json::Value::Object(h.clone()).to_string().as_bytes(),
                )
                .into_text();
            }
            self.header_parsed = Some(insp.header.clone());
        }
        self.payload = ENCRYPTED_PAYLOAD.to_string();
        self.payload_parsed = None;
        self.refresh_signature();
    }

    /// The editors show what the current inspection holds (the inner token of a nested JWE).
    pub(super) fn show_inspection_in_editors(&mut self) {
        let Ok(insp) = &self.inspection else {
            return;
        };
        let pretty = |what: &str, bytes: &[u8]| json::Shown::of(what, bytes).into_text();
        if let Ok(h) = &insp.header_bytes {
            self.header = pretty("header", h);
        }
        if let Ok(p) = &insp.payload_bytes
            && !matches!(insp.payload, Ok(Payload::Encrypted))
        {
            self.payload = pretty("payload", p);
        }
        self.header_parsed = Some(insp.header.clone());
        self.payload_parsed = Some(match &insp.payload {
            Ok(Payload::Claims(m)) => Ok(m.clone()),
            _ => json::parse_object("payload", &self.payload),
        });
        if let crate::core::alg::HeaderAlg::Known(a) = insp.alg {
            self.alg = a;
        }
    }

    /// The recipient key for the encode side, or why there is none.
    pub(super) fn recipient_key(&self, alg: KeyAlg, enc: ContentAlg) -> Result<JweKey, JweError> {
        let (text, encoding) = self.jwe_key_text(alg, false);
        if text.trim().is_empty() {
            return Err(JweError::MissingKey(KeyNeed {
                alg,
                cek_len: enc.key_len(),
                decrypting: false,
            }));
        }
        jwe_key(alg, text, encoding)
    }

    /// The encryption options for the encode side.
    pub(super) fn encrypt_options(&self) -> Option<(EncryptOptions, bool)> {
        let (alg, enc) = self.encryption.algs()?;
        let nested = matches!(self.encryption, Encryption::Nested { .. });
        let mut o = EncryptOptions::new(alg, enc);
        if nested {
            o.cty = Some("JWT".into());
        }
        Some((o, nested))
    }
}

/// An inspection standing for a JWE the editors made: the protected header and the claims.
pub(super) fn made_inspection(
    token: &str,
    header: serde_json::Map<String, serde_json::Value>,
    payload: Payload,
) -> Result<Inspection, Error> {
    let mut insp = token::inspect(token)?;
    insp.form = Form::Jwe;
    insp.header = Ok(header);
    insp.payload = Ok(payload);
    Ok(insp)
}
