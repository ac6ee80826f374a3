//! The keys JWE encryption and decryption take, made from the project's loaded keys, from
//! a password, or (for X25519, which the project's loader lacks) read here from a JWK or
//! PEM/DER PKCS#8 / SubjectPublicKeyInfo with OID 1.3.101.110.

use super::alg::{KeyAlg, KeyFamily};
use super::enc::EcdhCurve;
use super::error::JweError;
use super::{ecdh, x25519};
use crate::core::keys::{Key, KeyMaterial};
use serde_json::{Map, Value};
use std::fmt;
use zeroize::Zeroizing;

/// A key for JWE. `Debug` names the kind only; secret bytes are wiped on drop.
#[derive(Clone, PartialEq, Eq)]
pub enum JweKey {
    /// Symmetric key bytes: the CEK for `dir`, the KEK for AES KW and AES-GCM KW
    /// (PBES2 also accepts them, as the password's bytes).
    Symmetric(Zeroizing<Vec<u8>>),
    /// A password for PBES2 (its UTF-8 bytes).
    Password(Zeroizing<Vec<u8>>),
    /// An RSA private key.
    RsaPrivate {
        /// PKCS#1 `RSAPrivateKey` DER.
        pkcs1: Zeroizing<Vec<u8>>,
        /// Modulus, big-endian.
        n: Vec<u8>,
        /// Public exponent, big-endian.
        e: Vec<u8>,
    },
    /// An RSA public key.
    RsaPublic {
        /// Modulus, big-endian.
        n: Vec<u8>,
        /// Public exponent, big-endian.
        e: Vec<u8>,
    },
    /// An EC private key on P-256, P-384 or P-521.
    EcPrivate {
        /// Its curve (never X25519 here).
        curve: EcdhCurve,
        /// PKCS#8 `PrivateKeyInfo` DER.
        pkcs8: Zeroizing<Vec<u8>>,
        /// Uncompressed public point `04 || x || y`.
        point: Vec<u8>,
    },
    /// An EC public key on P-256, P-384 or P-521.
    EcPublic {
        /// Its curve (never X25519 here).
        curve: EcdhCurve,
        /// Uncompressed point `04 || x || y`.
        point: Vec<u8>,
    },
    /// An X25519 private key.
    X25519Private {
        /// The 32 private bytes.
        d: Zeroizing<Vec<u8>>,
        /// The 32-byte public key.
        public: Vec<u8>,
    },
    /// An X25519 public key (32 bytes).
    X25519Public {
        /// The 32-byte public key.
        public: Vec<u8>,
    },
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

    /// Symmetric key bytes (for `dir`, AES KW, AES-GCM KW).
    pub fn symmetric(bytes: &[u8]) -> JweKey {
        JweKey::Symmetric(Zeroizing::new(bytes.to_vec()))
    }

    /// Converts one of the project's loaded keys. Ed25519 keys are refused: they sign, and
    /// JWE key agreement needs X25519 (see [`JweKey::load`]).
    pub fn from_key(key: &Key) -> Result<JweKey, JweError> {
        Ok(match &key.material {
            KeyMaterial::Secret(s) => JweKey::symmetric(s),
            KeyMaterial::RsaPrivate { pkcs1, n, e } => JweKey::RsaPrivate {
                pkcs1: Zeroizing::new(pkcs1.clone()),
                n: n.clone(),
                e: e.clone(),
            },
            KeyMaterial::RsaPublic { n, e } => JweKey::RsaPublic {
                n: n.clone(),
                e: e.clone(),
            },
            KeyMaterial::EcPrivate {
                curve,
                pkcs8,
                point,
            } => JweKey::EcPrivate {
                curve: EcdhCurve::from_curve(*curve),
                pkcs8: Zeroizing::new(pkcs8.clone()),
                point: point.clone(),
            },
            KeyMaterial::EcPublic { curve, point } => JweKey::EcPublic {
                curve: EcdhCurve::from_curve(*curve),
                point: point.clone(),
            },
            KeyMaterial::EdPrivate { .. } | KeyMaterial::EdPublic { .. } => {
                return Err(JweError::Key(
                    "this is an Ed25519 key, which only signs; JWE key agreement (ECDH-ES) needs an X25519 key".into(),
                ));
            }
        })
    }

    /// Reads one key from a JWK object: oct, RSA, EC (through the project's JWK reader) or
    /// OKP with crv X25519 (read here).
    pub fn from_jwk(jwk: &Map<String, Value>) -> Result<JweKey, JweError> {
        let okp_x25519 = jwk.get("kty").and_then(Value::as_str) == Some("OKP")
            && jwk.get("crv").and_then(Value::as_str) == Some("X25519");
        if okp_x25519 {
            return x25519::from_jwk(jwk);
        }
        let key = crate::core::keys::parse_jwk(jwk).map_err(|e| JweError::Key(e.to_string()))?;
        JweKey::from_key(&key)
    }

    /// Reads a key file's bytes: an X25519 key (JWK, PEM or DER) is read here, anything else
    /// goes to the project's key loader (its first key is taken).
    pub fn load(bytes: &[u8]) -> Result<JweKey, JweError> {
        if let Some(result) = x25519::load(bytes) {
            return result;
        }
        let file =
            crate::core::keys::load_key_bytes(bytes).map_err(|e| JweError::Key(e.to_string()))?;
        let key = file
            .keys
            .first()
            .ok_or_else(|| JweError::Key("the key file holds no key".into()))?;
        JweKey::from_key(key)
    }

    /// True for private keys, symmetric keys and passwords.
    pub fn is_private(&self) -> bool {
        !matches!(
            self,
            JweKey::RsaPublic { .. } | JweKey::EcPublic { .. } | JweKey::X25519Public { .. }
        )
    }

    /// What kind of key this is, in words: "an EC P-256 public key", "a 16-byte symmetric key".
    pub fn kind_words(&self) -> String {
        match self {
            JweKey::Symmetric(k) => format!("a {}-byte symmetric key", k.len()),
            JweKey::Password(_) => "a password".into(),
            JweKey::RsaPrivate { n, .. } => {
                format!("an RSA {} private key", super::rsa::modulus_bits(n))
            }
            JweKey::RsaPublic { n, .. } => {
                format!("an RSA {} public key", super::rsa::modulus_bits(n))
            }
            JweKey::EcPrivate { curve, .. } => format!("an EC {curve} private key"),
            JweKey::EcPublic { curve, .. } => format!("an EC {curve} public key"),
            JweKey::X25519Private { .. } => "an X25519 private key".into(),
            JweKey::X25519Public { .. } => "an X25519 public key".into(),
        }
    }

    /// The ECDH curve of an EC or X25519 key.
    pub fn curve(&self) -> Option<EcdhCurve> {
        match self {
            JweKey::EcPrivate { curve, .. } | JweKey::EcPublic { curve, .. } => Some(*curve),
            JweKey::X25519Private { .. } | JweKey::X25519Public { .. } => Some(EcdhCurve::X25519),
            _ => None,
        }
    }

    /// The public half (symmetric keys and passwords stay as they are).
    pub fn public_half(&self) -> JweKey {
        match self {
            JweKey::RsaPrivate { n, e, .. } => JweKey::RsaPublic {
                n: n.clone(),
                e: e.clone(),
            },
            JweKey::EcPrivate { curve, point, .. } => JweKey::EcPublic {
                curve: *curve,
                point: point.clone(),
            },
            JweKey::X25519Private { public, .. } => JweKey::X25519Public {
                public: public.clone(),
            },
            other => other.clone(),
        }
    }

    /// The ECDH private key for agreement, for EC and X25519 private keys.
    pub(super) fn agreement_key(
        &self,
    ) -> Option<Result<(EcdhCurve, aws_lc_rs::agreement::PrivateKey), JweError>> {
        match self {
            JweKey::EcPrivate { curve, pkcs8, .. } => {
                Some(ecdh::private_from_pkcs8(*curve, pkcs8).map(|k| (*curve, k)))
            }
            JweKey::X25519Private { d, .. } => {
                Some(ecdh::private_from_x25519(d).map(|k| (EcdhCurve::X25519, k)))
            }
            _ => None,
        }
    }
}

/// What `alg` needs, in words, for decrypting (`private`) or encrypting.
pub fn needs(alg: KeyAlg, enc_key_len: usize, decrypting: bool) -> String {
    match alg.family() {
        KeyFamily::Direct => format!("a {enc_key_len}-byte symmetric key (the CEK itself)"),
        KeyFamily::AesKw | KeyFamily::AesGcmKw => {
            format!("a {}-byte symmetric key", alg.kek_len().unwrap_or_default())
        }
        KeyFamily::Rsa if decrypting => "an RSA private key".into(),
        KeyFamily::Rsa => "an RSA public (or private) key".into(),
        KeyFamily::Ecdh if decrypting => "an EC (P-256, P-384, P-521) or X25519 private key".into(),
        KeyFamily::Ecdh => "an EC (P-256, P-384, P-521) or X25519 public (or private) key".into(),
        KeyFamily::Pbes2 => "a password (or symmetric key bytes used as one)".into(),
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
    let what = if decrypting { "decrypt" } else { "encrypt" };
    JweError::Key(format!(
        "{alg} needs {} to {what}; this is {}",
        needs(alg, enc_key_len, decrypting),
        key.kind_words()
    ))
}
