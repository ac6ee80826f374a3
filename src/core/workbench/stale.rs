//! Why the token on screen does not reflect the editors (invalid JSON, no usable key, an alg
//! that cannot be signed), in a few words for the headline and in full.

use crate::core::error::Error;
use crate::core::keys::KeyError;

/// Why the token shown does not reflect the editors.
#[derive(Debug, Clone, PartialEq)]
pub enum Stale {
    /// The header or payload editor holds invalid JSON.
    Json(Error),
    /// The header's alg cannot be signed (none, unknown, missing).
    Alg(String),
    /// There is no usable signing key.
    Key(KeyError),
    /// The backend failed to sign.
    Failed(Error),
    /// Encryption is on but there is no usable recipient key.
    Encryption(String),
}

impl Stale {
    /// A few words for the headline: "no RSA private key".
    pub fn short(&self) -> String {
        match self {
            Stale::Json(Error::Json {
                what, line, column, ..
            }) => format!("the {what} is not valid JSON (line {line}, column {column})"),
            Stale::Json(e) => e.to_string(),
            Stale::Alg(_) => "the header's alg cannot be signed".to_string(),
            Stale::Key(e) => key_short(e),
            Stale::Failed(_) => "signing failed".to_string(),
            Stale::Encryption(_) => "no key to encrypt to".to_string(),
        }
    }

    /// The full reason.
    pub fn detail(&self) -> String {
        match self {
            Stale::Json(e) | Stale::Failed(e) => e.to_string(),
            Stale::Alg(s) | Stale::Encryption(s) => s.clone(),
            Stale::Key(e) => e.to_string(),
        }
    }
}

/// "an RSA private key" -> "no RSA private key"; other key problems in a few words.
pub(super) fn key_short(e: &KeyError) -> String {
    let no = |needs: &str| {
        let bare = needs
            .strip_prefix("an ")
            .or_else(|| needs.strip_prefix("a "))
            .unwrap_or(needs);
        format!("no {bare}")
    };
    match e {
        KeyError::Missing { needs, .. } => no(needs),
        KeyError::NoSecret | KeyError::SecretEmpty => "no secret".to_string(),
        KeyError::WrongKind { alg, needs, .. } => format!("{alg} needs {needs}"),
        KeyError::WeakRsaSign(bits) => format!("the RSA key has only {bits} bits"),
        KeyError::SecretIsKey(_) => "a key was given as the secret".to_string(),
        KeyError::KidNotFound { kid, .. } => format!("no key with kid \"{kid}\""),
        _ => "the key cannot be used".to_string(),
    }
}
