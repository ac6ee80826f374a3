//! The front door for key bytes: size checks, format detection (PEM, JWK/JWKS, DER), and
//! choosing a key from a file that holds several.

use super::{Key, KeyError, MAX_KEY_FILE, Purpose, container, jwk, pem};
use crate::core::alg::JwsAlg;
use crate::core::error::Result;
use serde_json::{Map, Value};
use std::path::Path;

/// The keys found in one file or paste, with notes on what was skipped or chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFile {
    /// Usable keys, in file order.
    pub keys: Vec<Key>,
    /// True for a JWKS (keys are chosen by `kid`).
    pub is_set: bool,
    /// Notes for the user: skipped entries, several PEM blocks.
    pub notes: Vec<String>,
}

impl KeyFile {
    /// A file of one key.
    pub fn single(key: Key) -> KeyFile {
        KeyFile {
            keys: vec![key],
            is_set: false,
            notes: Vec::new(),
        }
    }

    /// The `kid`s present, for messages.
    pub fn kids(&self) -> Vec<String> {
        self.keys.iter().filter_map(|k| k.kid.clone()).collect()
    }

    /// Chooses the key to use: in a JWKS by `kid`; among several PEM blocks the first private
    /// key when signing, else the first key.
    pub fn pick(&self, kid: Option<&str>, purpose: Purpose) -> Result<&Key, KeyError> {
        self.pick_index(kid, None, purpose)
            .and_then(|i| self.keys.get(i).ok_or(KeyError::NoUsableKey))
    }

    /// The key for a token with this header and algorithm: looked up by the token's `kid`
    /// ([`token_kid`]); in a JWKS where several keys share the `kid` (RFC 7517 section 4.5
    /// allows it), or where the token has none, the one that fits `alg`.
    pub fn pick_for_token(
        &self,
        header: Option<&Map<String, Value>>,
        alg: Option<JwsAlg>,
        purpose: Purpose,
    ) -> Result<usize, KeyError> {
        let kid = match header.map(token_kid).transpose() {
            Ok(kid) => kid.flatten(),
            Err(e) if self.is_set => return Err(e),
            Err(_) => None,
        };
        self.pick_index(kid, alg, purpose)
    }

    /// Like [`KeyFile::pick`], but says which entry (its index in `keys`); with `alg`, a JWKS
    /// entry that fits it is preferred among those that match.
    pub fn pick_index(
        &self,
        kid: Option<&str>,
        alg: Option<JwsAlg>,
        purpose: Purpose,
    ) -> Result<usize, KeyError> {
        let fits = |k: &Key| alg.is_none_or(|a| k.check_fits(a, purpose).is_ok());
        if self.is_set {
            let present = || list_or_none(&self.kids());
            return match kid {
                Some(kid) => {
                    let matching: Vec<usize> = (0..self.keys.len())
                        .filter(|&i| {
                            self.keys
                                .get(i)
                                .is_some_and(|k| k.kid.as_deref() == Some(kid))
                        })
                        .collect();
                    let fitting = matching
                        .iter()
                        .copied()
                        .find(|&i| self.keys.get(i).is_some_and(fits));
                    fitting
                        .or(matching.first().copied())
                        .ok_or_else(|| KeyError::KidNotFound {
                            kid: crate::core::text::clip(kid, 60),
                            present: present(),
                        })
                }
                None => {
                    let fitting: Vec<usize> = (0..self.keys.len())
                        .filter(|&i| self.keys.get(i).is_some_and(fits))
                        .collect();
                    match (self.keys.len(), fitting.as_slice()) {
                        (1, _) => Ok(0),
                        (0, _) => Err(KeyError::JwksEmpty {
                            notes: String::new(),
                        }),
                        (_, [only]) if alg.is_some() => Ok(*only),
                        (count, _) => Err(KeyError::NoKid {
                            count,
                            present: present(),
                        }),
                    }
                }
            };
        }
        let chosen = match purpose {
            Purpose::Sign => self.keys.iter().position(Key::is_private),
            Purpose::Verify => None,
        };
        match chosen {
            Some(i) => Ok(i),
            None if self.keys.is_empty() => Err(KeyError::NoUsableKey),
            None => Ok(0),
        }
    }
}

/// The token's `kid` for looking a key up: `None` when absent, an error naming its type when
/// it is not a string (a numeric `kid` is not "no kid").
pub fn token_kid(header: &Map<String, Value>) -> Result<Option<&str>, KeyError> {
    match header.get("kid") {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(KeyError::KidNotString(format!(
            "{} ({})",
            crate::core::json::kind_name(other),
            crate::core::text::clip(&other.to_string(), 40)
        ))),
    }
}

/// Quoted, comma-separated, or "none".
pub(crate) fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items
            .iter()
            .map(|k| format!("\"{}\"", crate::core::text::clip(k, 60)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads a key file (PEM, DER, JWK or JWKS), refusing files over [`MAX_KEY_FILE`].
pub fn load_key_file(path: &Path) -> Result<KeyFile> {
    let bytes = read_key_file(path)?;
    Ok(load_key_bytes(&bytes)?)
}

/// Reads a key file's bytes, at most [`MAX_KEY_FILE`] of them, whatever kind of file it is.
pub fn read_key_file(path: &Path) -> Result<Vec<u8>> {
    crate::core::files::read_capped(path, MAX_KEY_FILE, "key file")
}

fn check_size(len: usize) -> Result<(), KeyError> {
    if len > MAX_KEY_FILE {
        return Err(KeyError::TooLarge { len });
    }
    Ok(())
}

/// Detects and reads a key from bytes: PEM, JWK/JWKS JSON, or DER.
pub fn load_key_bytes(bytes: &[u8]) -> Result<KeyFile, KeyError> {
    check_size(bytes.len())?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(KeyError::Empty);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        if trimmed.contains("-----BEGIN ") {
            return pem::parse_pem(trimmed);
        }
        if trimmed.starts_with('{') {
            return jwk::parse_json_key(trimmed);
        }
        if trimmed.starts_with("ssh-") || trimmed.starts_with("ecdsa-sha2-") {
            return Err(KeyError::OpenSshPublic);
        }
    }
    if bytes.first() == Some(&super::der::tag::SEQUENCE) {
        return container::parse_der(bytes, None).map(KeyFile::single);
    }
    if std::str::from_utf8(bytes).is_ok() {
        Err(KeyError::NotAKeyText)
    } else {
        Err(KeyError::NotAKeyBinary { len: bytes.len() })
    }
}
