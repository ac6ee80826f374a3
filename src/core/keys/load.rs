//! The front door for key bytes: size checks, format detection (PEM, JWK/JWKS, DER), and
//! choosing a key from a file that holds several.

use super::{Key, KeyError, MAX_KEY_FILE, Purpose, jwk, pem, pkcs};
use crate::core::error::{Error, Result};
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
        self.pick_index(kid, purpose)
            .and_then(|i| self.keys.get(i).ok_or(KeyError::NoUsableKey))
    }

    /// Like [`KeyFile::pick`], but says which entry (its index in `keys`).
    pub fn pick_index(&self, kid: Option<&str>, purpose: Purpose) -> Result<usize, KeyError> {
        if self.is_set {
            return match kid {
                Some(kid) => self
                    .keys
                    .iter()
                    .position(|k| k.kid.as_deref() == Some(kid))
                    .ok_or_else(|| KeyError::KidNotFound {
                        kid: kid.to_string(),
                        present: list_or_none(&self.kids()),
                    }),
                None => match self.keys.len() {
                    1 => Ok(0),
                    0 => Err(KeyError::JwksEmpty {
                        notes: String::new(),
                    }),
                    count => Err(KeyError::NoKid {
                        count,
                        present: list_or_none(&self.kids()),
                    }),
                },
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

/// Quoted, comma-separated, or "none".
pub(crate) fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads a key file (PEM, DER, JWK or JWKS), refusing files over [`MAX_KEY_FILE`].
pub fn load_key_file(path: &Path) -> Result<KeyFile> {
    let bytes = read_key_file(path)?;
    Ok(load_key_bytes(&bytes)?)
}

/// Reads a key file's bytes after checking it is a regular file under [`MAX_KEY_FILE`].
pub fn read_key_file(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::Io(format!("cannot read key file {shown}: {e}")))?;
    if meta.is_dir() {
        return Err(Error::Io(format!("{shown} is a folder, not a key file")));
    }
    check_size(usize::try_from(meta.len()).unwrap_or(usize::MAX))?;
    let bytes =
        std::fs::read(path).map_err(|e| Error::Io(format!("cannot read key file {shown}: {e}")))?;
    // The file may have grown between the two calls.
    check_size(bytes.len())?;
    Ok(bytes)
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
        return pkcs::parse_der(bytes, None).map(KeyFile::single);
    }
    if std::str::from_utf8(bytes).is_ok() {
        Err(KeyError::NotAKeyText)
    } else {
        Err(KeyError::NotAKeyBinary { len: bytes.len() })
    }
}
