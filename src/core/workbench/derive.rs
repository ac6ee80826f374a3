//! Derived key state: each key text parsed once per change (cached by text), the signing and
//! verifying keys chosen for the algorithm, and the cached signature verdict.

use super::{Lead, Workbench};
use crate::core::alg::{Family, JwsAlg};
use crate::core::error::Error;
use crate::core::keys::{self, Key, KeyError, KeyFile, Purpose, SecretEncoding};
use crate::core::verify::{self, Check, Fault, Policy, SignatureStatus, Unchecked};
use serde_json::{Map, Value};

/// A parsed key text, kept until the text changes.
#[derive(Debug, Clone)]
struct Parsed<K, V> {
    text: K,
    value: V,
}

/// Returns the cached value for `text`, parsing it only when the text changed.
fn cached<'a, K: PartialEq + Clone, V>(
    slot: &'a mut Option<Parsed<K, V>>,
    text: &K,
    parse: impl FnOnce(&K) -> V,
) -> &'a V {
    if slot.as_ref().is_none_or(|p| p.text != *text) {
        let value = parse(text);
        return &slot
            .insert(Parsed {
                text: text.clone(),
                value,
            })
            .value;
    }
    match slot {
        Some(p) => &p.value,
        None => {
            let value = parse(text);
            &slot
                .insert(Parsed {
                    text: text.clone(),
                    value,
                })
                .value
        }
    }
}

/// The keys as the key pane's texts yield them.
#[derive(Debug, Clone)]
pub(super) struct KeyState {
    secret: Option<Parsed<(String, SecretEncoding), Result<Key, KeyError>>>,
    private: Option<Parsed<String, Result<KeyFile, KeyError>>>,
    public: Option<Parsed<String, Result<KeyFile, KeyError>>>,
    /// Which file the verifying key came from: true for the public field.
    from_public: bool,
    /// The index of the verifying key in its file.
    verify_index: Option<usize>,
    /// The signing key for the chosen algorithm.
    pub sign: Result<Key, KeyError>,
    /// The verifying key for the chosen algorithm.
    pub verify: Result<Key, KeyError>,
    /// Notes from reading the files.
    pub notes: Vec<String>,
}

impl Default for KeyState {
    fn default() -> Self {
        KeyState {
            secret: None,
            private: None,
            public: None,
            from_public: false,
            verify_index: None,
            sign: Err(KeyError::NoSecret),
            verify: Err(KeyError::NoSecret),
            notes: Vec::new(),
        }
    }
}

impl KeyState {
    /// The file the verifying key is chosen from, and the index chosen.
    pub fn set(&self) -> Option<(&KeyFile, Option<usize>)> {
        let slot = if self.from_public {
            &self.public
        } else {
            &self.private
        };
        let file = slot.as_ref()?.value.as_ref().ok()?;
        Some((file, self.verify_index))
    }
}

/// A key file's pick for `alg`: the key, checked to fit, and its index.
fn pick(
    file: &Result<KeyFile, KeyError>,
    header: Option<&Map<String, Value>>,
    purpose: Purpose,
    alg: JwsAlg,
) -> (Result<Key, KeyError>, Option<usize>) {
    let file = match file {
        Ok(f) => f,
        Err(e) => return (Err(e.clone()), None),
    };
    let index = match file.pick_for_token(header, Some(alg), purpose) {
        Ok(i) => i,
        Err(e) => return (Err(e), None),
    };
    let key = file
        .keys
        .get(index)
        .cloned()
        .ok_or(KeyError::NoUsableKey)
        .and_then(|k| k.check_fits(alg, purpose).map(|()| k));
    (key, Some(index))
}

/// The signature status of a token that cannot be decoded.
pub(super) fn unchecked_signature(e: &Error) -> (SignatureStatus, Option<JwsAlg>, Check) {
    (
        SignatureStatus::Unchecked(Unchecked::Malformed, e.to_string()),
        None,
        Check::fail("alg", Fault::Alg, e.to_string()),
    )
}

impl Workbench {
    /// Re-derives the signing and verifying keys for the chosen algorithm.
    pub(super) fn refresh_keys(&mut self) {
        let header = self.current_header().cloned();
        let header = header.as_ref();
        let alg = self.alg;
        let ks = &mut self.key_state;
        ks.notes.clear();
        ks.verify_index = None;
        ks.from_public = false;
        if alg.family() == Family::Hmac {
            let input = (self.keys.secret.clone(), self.keys.secret_encoding);
            let key = if input.0.is_empty() {
                Err(KeyError::NoSecret)
            } else {
                cached(&mut ks.secret, &input, |(t, e)| keys::parse_secret(t, *e)).clone()
            };
            ks.sign = key.clone();
            ks.verify = key;
            return;
        }
        let private_text = self.keys.private_key.trim().to_string();
        let (private, private_index) = if private_text.is_empty() {
            (
                Err(KeyError::Missing {
                    needs: alg.needs(true),
                    purpose: "sign",
                }),
                None,
            )
        } else {
            let file = cached(&mut ks.private, &private_text, |t| {
                keys::load_key_bytes(t.as_bytes())
            });
            if let Ok(f) = file {
                ks.notes.extend(f.notes.iter().cloned());
            }
            pick(file, header, Purpose::Sign, alg)
        };
        let public_text = self.keys.public_key.trim().to_string();
        if public_text.is_empty() {
            // Verify with the private key's public half, when there is one.
            let file = ks.private.as_ref().map(|p| &p.value);
            let (key, index) = match file {
                Some(f) if !private_text.is_empty() => pick(f, header, Purpose::Sign, alg),
                _ => (
                    Err(KeyError::Missing {
                        needs: alg.needs(false),
                        purpose: "verify",
                    }),
                    None,
                ),
            };
            ks.verify = key
                .map(|k| k.public_half())
                .and_then(|k| k.check_fits(alg, Purpose::Verify).map(|()| k));
            ks.verify_index = index.or(private_index);
        } else {
            let file = cached(&mut ks.public, &public_text, |t| {
                keys::load_key_bytes(t.as_bytes())
            });
            if let Ok(f) = file {
                ks.notes.extend(f.notes.iter().cloned());
            }
            let (key, index) = pick(file, header, Purpose::Verify, alg);
            ks.verify = key;
            ks.verify_index = index;
            ks.from_public = true;
        }
        ks.sign = private;
    }

    /// Every key in the key pane that can verify: the public field's keys (else the private
    /// field's public halves) and the secret; texts parsed once per change, as for signing.
    pub(super) fn verifying_keys(&mut self) -> KeyFile {
        let ks = &mut self.key_state;
        let mut out = KeyFile {
            keys: Vec::new(),
            is_set: false,
            notes: Vec::new(),
        };
        let public_text = self.keys.public_key.trim().to_string();
        let private_text = self.keys.private_key.trim().to_string();
        let file = if !public_text.is_empty() {
            Some(cached(&mut ks.public, &public_text, |t| {
                keys::load_key_bytes(t.as_bytes())
            }))
        } else if !private_text.is_empty() {
            Some(cached(&mut ks.private, &private_text, |t| {
                keys::load_key_bytes(t.as_bytes())
            }))
        } else {
            None
        };
        if let Some(Ok(f)) = file {
            out.keys.extend(f.keys.iter().map(Key::public_half));
            out.is_set = f.is_set;
        }
        if !self.keys.secret.is_empty() {
            let input = (self.keys.secret.clone(), self.keys.secret_encoding);
            if let Ok(k) = cached(&mut ks.secret, &input, |(t, e)| keys::parse_secret(t, *e)) {
                out.keys.push(k.clone());
            }
        }
        out.is_set |= out.keys.len() > 1;
        out
    }

    /// Re-checks the token's signature with the verifying key (not time-dependent).
    pub(super) fn refresh_signature(&mut self) {
        self.signature = match &self.inspection {
            Ok(insp) => {
                let policy = Policy {
                    algorithms: vec![self.alg],
                    ..self.policy.clone()
                };
                // A DPoP proof is signed with the key it carries (RFC 9449 section 4.3 step
                // 6): with no key given, that one checks it; for any other token it never is.
                let proof_key = (self.key_state.verify.is_err()
                    && self.profile() == crate::core::profiles::Profile::DpopProof)
                    .then(|| insp.header.as_ref().ok())
                    .flatten()
                    .and_then(|h| crate::core::profiles::proof_key(h).ok());
                let key = self.key_state.verify.as_ref().ok().or(proof_key.as_ref());
                verify::signature_status(insp, key, &policy)
            }
            Err(e) => unchecked_signature(e),
        };
        if let (SignatureStatus::Unchecked(Unchecked::NoKey, _), Err(e)) =
            (&self.signature.0, &self.key_state.verify)
        {
            self.signature.0 = SignatureStatus::Unchecked(Unchecked::NoKey, e.to_string());
        }
        self.refresh_json_checks();
    }

    /// A key field changed: re-derive keys; re-sign when the editors lead, else re-verify.
    pub(super) fn keys_changed(&mut self) -> Option<super::SignJob> {
        self.refresh_keys();
        match self.lead {
            Lead::Editors => self.sign_job(),
            Lead::Token => {
                self.refresh_signature();
                None
            }
        }
    }
}
