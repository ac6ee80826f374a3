//! The keys JWE encryption and decryption take: one of the project's keys ([`Key`], loaded by
//! `core::keys` from PEM, DER, a JWK or a JWKS: an `oct` secret, RSA, EC P-256/384/521 or
//! X25519), or a PBES2 password. One key model for JWS and JWE: the same loader, the same
//! zeroize-on-drop material; only the password is JWE's own.

use super::alg::{KeyAlg, KeyNeed};
use super::enc::EcdhCurve;
use super::error::JweError;
use super::refusal::WrongKey;
use super::{ecdh, rsa};
use crate::core::alg::Family;
use crate::core::keys::{Key, KeyError, KeyFormat, KeyMaterial};
use serde_json::{Map, Value};
use std::fmt;
use zeroize::Zeroizing;

/// A key for JWE. `Debug` names the kind only; secret bytes are wiped on drop.
#[derive(Clone, PartialEq, Eq)]
pub enum JweKey {
    /// One of the project's keys: an `oct` secret (the CEK for `dir`, the KEK for AES KW and
    /// AES-GCM KW, a password's bytes for PBES2), an RSA, EC (P-256/384/521) or X25519 key.
    Key(Key),
    /// A password for PBES2 (its UTF-8 bytes).
    Password(Zeroizing<Vec<u8>>),
}

impl fmt::Debug for JweKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.kind_words())
    }
}

impl JweKey {
    /// A PBES2 password from text (its UTF-8 bytes).
    pub fn password(text: &str) -> JweKey {
        JweKey::Password(Zeroizing::new(text.as_bytes().to_vec()))
    }

    /// Symmetric key bytes (for `dir`, AES KW, AES-GCM KW; PBES2 takes them as a password).
    pub fn symmetric(bytes: &[u8]) -> JweKey {
        JweKey::Key(Key::new(
            KeyMaterial::Secret(bytes.to_vec()),
            KeyFormat::Raw,
        ))
    }

    /// One of the project's loaded keys. Ed25519 keys are refused ([`KeyError::SignOnly`]):
    /// they sign, and JWE key agreement needs X25519.
    pub fn from_key(key: &Key) -> Result<JweKey, JweError> {
        if key.family() == Family::Ed25519 {
            return Err(KeyError::SignOnly.into());
        }
        Ok(JweKey::Key(key.clone()))
    }

    /// Reads one key from a JWK object (oct, RSA, EC, OKP X25519) with the project's reader.
    pub fn from_jwk(jwk: &Map<String, Value>) -> Result<JweKey, JweError> {
        let key = crate::core::keys::parse_jwk(jwk)?;
        JweKey::from_key(&key)
    }

    /// Reads a key file's bytes (PEM, DER, JWK or JWKS) with the project's loader and takes
    /// its first private key, else its first key (a certificate and its key: the key).
    pub fn load(bytes: &[u8]) -> Result<JweKey, JweError> {
        let file = crate::core::keys::load_key_bytes(bytes)?;
        let key = file
            .keys
            .iter()
            .find(|k| k.is_private())
            .or(file.keys.first())
            .ok_or(KeyError::NoUsableKey)?;
        JweKey::from_key(key)
    }

    /// The project's key, unless this is a password.
    pub fn key(&self) -> Option<&Key> {
        match self {
            JweKey::Key(k) => Some(k),
            JweKey::Password(_) => None,
        }
    }

    /// The key's material, unless this is a password.
    pub fn material(&self) -> Option<&KeyMaterial> {
        self.key().map(|k| &k.material)
    }

    /// The bytes of a symmetric key (an `oct` secret).
    pub(super) fn symmetric_bytes(&self) -> Option<&[u8]> {
        match self.material() {
            Some(KeyMaterial::Secret(bytes)) => Some(bytes),
            _ => None,
        }
    }

    /// The bytes PBES2 derives from: a password, or symmetric key bytes used as one.
    pub(super) fn password_bytes(&self) -> Option<&[u8]> {
        match self {
            JweKey::Password(pw) => Some(pw),
            JweKey::Key(_) => self.symmetric_bytes(),
        }
    }

    /// True for private keys, symmetric keys and passwords.
    pub fn is_private(&self) -> bool {
        self.key().is_none_or(Key::is_private)
    }

    /// What kind of key this is, in words: "an EC P-256 public key", "a 16-byte symmetric key".
    pub fn kind_words(&self) -> String {
        let Some(key) = self.key() else {
            return "a password".into();
        };
        let half = if key.is_private() {
            "private"
        } else {
            "public"
        };
        match &key.material {
            KeyMaterial::Secret(k) => format!("a {}-byte symmetric key", k.len()),
            KeyMaterial::RsaPrivate { n, .. } | KeyMaterial::RsaPublic { n, .. } => {
                format!("an RSA {} {half} key", rsa::modulus_bits(n))
            }
            _ => key.kind_words(),
        }
    }

    /// The ECDH curve of an EC or X25519 key.
    pub fn curve(&self) -> Option<EcdhCurve> {
        match self.material()? {
            KeyMaterial::EcPrivate { curve, .. } | KeyMaterial::EcPublic { curve, .. } => {
                Some(EcdhCurve::from_curve(*curve))
            }
            KeyMaterial::X25519Private { .. } | KeyMaterial::X25519Public { .. } => {
                Some(EcdhCurve::X25519)
            }
            _ => None,
        }
    }

    /// The public half (symmetric keys and passwords stay as they are).
    pub fn public_half(&self) -> JweKey {
        match self {
            JweKey::Key(k) => JweKey::Key(k.public_half()),
            JweKey::Password(_) => self.clone(),
        }
    }

    /// The ECDH private key for agreement, for EC and X25519 private keys.
    pub(super) fn agreement_key(
        &self,
    ) -> Option<Result<(EcdhCurve, aws_lc_rs::agreement::PrivateKey), JweError>> {
        match self.material()? {
            KeyMaterial::EcPrivate { curve, pkcs8, .. } => {
                let curve = EcdhCurve::from_curve(*curve);
                Some(ecdh::private_from_pkcs8(curve, pkcs8).map(|k| (curve, k)))
            }
            KeyMaterial::X25519Private { d, .. } => {
                Some(ecdh::private_from_x25519(d).map(|k| (EcdhCurve::X25519, k)))
            }
            _ => None,
        }
    }

    /// The recipient's public key for ECDH: its curve and point (`04 || x || y`, or the
    /// 32-byte X25519 key).
    pub(super) fn agreement_public(&self) -> Option<(EcdhCurve, &[u8])> {
        match self.material()? {
            KeyMaterial::EcPrivate { curve, point, .. }
            | KeyMaterial::EcPublic { curve, point } => {
                Some((EcdhCurve::from_curve(*curve), point))
            }
            KeyMaterial::X25519Private { public, .. } | KeyMaterial::X25519Public { public } => {
                Some((EcdhCurve::X25519, public))
            }
            _ => None,
        }
    }
}

/// The error for a key that does not fit `alg`: "RSA-OAEP needs an RSA private key to
/// decrypt; this is an EC P-256 private key".
pub(super) fn wrong_key(
    alg: KeyAlg,
    enc_key_len: usize,
    decrypting: bool,
    key: &JweKey,
) -> JweError {
    JweError::WrongKey(WrongKey::Kind {
        need: KeyNeed {
            alg,
            cek_len: enc_key_len,
            decrypting,
        },
        is: key.kind_words(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn one_key_model_for_jws_and_jwe() {
        // The project's loader reads every JWE key, X25519 included.
        let x = JweKey::load(&fixture("x25519.spki.pem")).unwrap();
        assert_eq!(x.kind_words(), "an X25519 public key");
        assert_eq!(x.curve(), Some(EcdhCurve::X25519));
        assert!(!x.is_private());
        let rsa = JweKey::load(&fixture("rsa2048.cert-and-key.pem")).unwrap();
        assert_eq!(
            rsa.kind_words(),
            "an RSA 2048 private key",
            "the bundle's key"
        );
        assert_eq!(rsa.public_half().kind_words(), "an RSA 2048 public key");
        // Ed25519 only signs.
        let ed = crate::core::keys::load_key_bytes(&fixture("ed25519.pkcs8.pem")).unwrap();
        let err = JweKey::from_key(&ed.keys[0]).unwrap_err();
        assert_eq!(err, JweError::Key(KeyError::SignOnly));
        // Symmetric keys and passwords.
        let k = JweKey::symmetric(&[7; 16]);
        assert_eq!(k.kind_words(), "a 16-byte symmetric key");
        assert_eq!(k.symmetric_bytes(), Some(&[7u8; 16][..]));
        assert_eq!(k.password_bytes(), Some(&[7u8; 16][..]));
        let pw = JweKey::password("hunter2");
        assert_eq!((pw.kind_words().as_str(), pw.key()), ("a password", None));
        assert_eq!(pw.symmetric_bytes(), None);
        assert_eq!(format!("{pw:?}"), "a password");
    }
}
