//! Keys: what a key is once loaded (whatever its container), what it fits, and the
//! jsonwebtoken / aws-lc key objects made from it.

mod bundle;
mod cert;
mod container;
mod crypto;
pub mod der;
mod describe;
mod embedded;
mod error;
mod export;
mod generate;
mod jwk;
mod load;
mod pem;
mod pkcs;
mod route;
mod secret;

pub use bundle::{ExportFile, ExportKind, export, jwk_text, keygen_files, with_kid};
pub use crypto::{sign_bytes, verify_bytes, warm_up_rng};
pub use embedded::embedded_key_text;
pub use error::{KeyError, Malformed};
pub use export::public_jwks;
pub use generate::{KeySpec, RSA_SIZES, generate};
pub use jwk::parse_jwk;
pub use load::{KeyFile, load_key_bytes, load_key_file, read_key_file, token_kid};
pub use pem::{der_to_pem, pem_encode};
pub use route::{KeyField, Routed, field_of, route};
pub use secret::{SecretEncoding, parse_secret, parse_secret_spec};

use super::alg::{Curve, Family, JwsAlg};
use std::fmt;

/// Largest key file read, in bytes (1 MiB): key files are a few kilobytes.
pub const MAX_KEY_FILE: usize = 1 << 20;

/// The cryptographic content of a key, normalised to what the backend needs.
#[derive(Clone, PartialEq, Eq)]
pub enum KeyMaterial {
    /// A shared HMAC secret.
    Secret(Vec<u8>),
    /// An RSA private key: PKCS#1 DER plus its public modulus and exponent.
    RsaPrivate {
        /// PKCS#1 `RSAPrivateKey` DER.
        pkcs1: Vec<u8>,
        /// Modulus, big-endian, no leading zeros.
        n: Vec<u8>,
        /// Public exponent, big-endian.
        e: Vec<u8>,
    },
    /// An RSA public key.
    RsaPublic {
        /// Modulus, big-endian, no leading zeros.
        n: Vec<u8>,
        /// Public exponent, big-endian.
        e: Vec<u8>,
    },
    /// An EC private key: PKCS#8 DER plus its public point.
    EcPrivate {
        /// The curve.
        curve: Curve,
        /// PKCS#8 `PrivateKeyInfo` DER.
        pkcs8: Vec<u8>,
        /// Uncompressed public point `04 || x || y`.
        point: Vec<u8>,
    },
    /// An EC public key.
    EcPublic {
        /// The curve.
        curve: Curve,
        /// Uncompressed point `04 || x || y`.
        point: Vec<u8>,
    },
    /// An Ed25519 private key: PKCS#8 DER plus the public key.
    EdPrivate {
        /// PKCS#8 DER (v1).
        pkcs8: Vec<u8>,
        /// The 32-byte public key.
        public: Vec<u8>,
    },
    /// An Ed25519 public key (32 bytes).
    EdPublic {
        /// The 32-byte public key.
        public: Vec<u8>,
    },
}

impl KeyMaterial {
    /// Overwrites the secret and private key bytes with zeros and empties them; public parts
    /// are left alone.
    fn wipe(&mut self) {
        use zeroize::Zeroize;
        match self {
            KeyMaterial::Secret(bytes)
            | KeyMaterial::RsaPrivate { pkcs1: bytes, .. }
            | KeyMaterial::EcPrivate { pkcs8: bytes, .. }
            | KeyMaterial::EdPrivate { pkcs8: bytes, .. } => bytes.zeroize(),
            KeyMaterial::RsaPublic { .. }
            | KeyMaterial::EcPublic { .. }
            | KeyMaterial::EdPublic { .. } => {}
        }
    }
}

impl Drop for KeyMaterial {
    /// A dropped key leaves no secret bytes behind in freed memory.
    fn drop(&mut self) {
        self.wipe();
    }
}

impl fmt::Debug for KeyMaterial {
    /// Names the kind only: key material never reaches logs or panic messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            KeyMaterial::Secret(s) => format!("Secret({} bytes)", s.len()),
            KeyMaterial::RsaPrivate { .. } => "RsaPrivate".into(),
            KeyMaterial::RsaPublic { .. } => "RsaPublic".into(),
            KeyMaterial::EcPrivate { curve, .. } => format!("EcPrivate({})", curve.name()),
            KeyMaterial::EcPublic { curve, .. } => format!("EcPublic({})", curve.name()),
            KeyMaterial::EdPrivate { .. } => "EdPrivate".into(),
            KeyMaterial::EdPublic { .. } => "EdPublic".into(),
        };
        f.write_str(&kind)
    }
}

/// The container a key came in, for the one-line description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFormat {
    /// Typed or pasted secret text (UTF-8 bytes).
    SecretText,
    /// A base64 or base64url secret.
    SecretBase64,
    /// A hex secret.
    SecretHex,
    /// Raw bytes from a file.
    SecretFile,
    /// PKCS#1 (`RSA PRIVATE KEY` / `RSA PUBLIC KEY`).
    Pkcs1,
    /// PKCS#8 (`PRIVATE KEY`).
    Pkcs8,
    /// SEC1 (`EC PRIVATE KEY`).
    Sec1,
    /// SubjectPublicKeyInfo (`PUBLIC KEY`).
    Spki,
    /// The public key of an X.509 certificate.
    Certificate,
    /// A JWK (possibly one of a JWKS).
    Jwk,
    /// Made by this workbench.
    Generated,
}

impl KeyFormat {
    fn label(self) -> &'static str {
        match self {
            KeyFormat::SecretText => "text",
            KeyFormat::SecretBase64 => "base64",
            KeyFormat::SecretHex => "hex",
            KeyFormat::SecretFile => "file",
            KeyFormat::Pkcs1 => "PKCS#1",
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::Sec1 => "SEC1",
            KeyFormat::Spki => "SPKI",
            KeyFormat::Certificate => "X.509 certificate",
            KeyFormat::Jwk => "JWK",
            KeyFormat::Generated => "generated",
        }
    }
}

/// What an X.509 certificate says about its key's owner and lifetime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// Subject distinguished name, e.g. "CN=example.com, O=Example".
    pub subject: String,
    /// Start of validity (seconds since 1970).
    pub not_before: i64,
    /// End of validity (seconds since 1970).
    pub not_after: i64,
}

/// The smallest RSA modulus the crypto backend signs with, and the recommended minimum.
pub const RSA_MIN_BITS: usize = 2048;

/// A loaded key. `Debug` never prints key material.
#[derive(Clone, PartialEq, Eq)]
pub struct Key {
    /// The key itself.
    pub material: KeyMaterial,
    /// Where it came from.
    pub format: KeyFormat,
    /// Its `kid`, when the container names one (JWK).
    pub kid: Option<String>,
    /// Whether it came PEM-armoured (for the description).
    pub pem: bool,
    /// The certificate's subject and validity, when the key came from one.
    pub cert: Option<CertInfo>,
    /// The JWK's `use` member ("sig", "enc"), when the key came from a JWK that has one.
    pub jwk_use: Option<String>,
    /// The JWK's `alg` member, when the key came from a JWK that has one.
    pub jwk_alg: Option<String>,
    /// The JWK's `key_ops` member, when the key came from a JWK that has one.
    pub jwk_key_ops: Option<Vec<String>>,
    /// The aws-lc key objects parsed from `material` on first use, shared by clones; ignored by
    /// `==` and `Debug`.
    cache: crypto::KeyCache,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// What a key is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Making a signature: needs a private key (or the secret).
    Sign,
    /// Checking a signature: any key of the right kind.
    Verify,
}

impl Key {
    /// Wraps material with its format.
    pub fn new(material: KeyMaterial, format: KeyFormat) -> Key {
        Key {
            material,
            format,
            kid: None,
            pem: false,
            cert: None,
            jwk_use: None,
            jwk_alg: None,
            jwk_key_ops: None,
            cache: crypto::KeyCache::default(),
        }
    }

    /// True for private keys and secrets.
    pub fn is_private(&self) -> bool {
        matches!(
            self.material,
            KeyMaterial::Secret(_)
                | KeyMaterial::RsaPrivate { .. }
                | KeyMaterial::EcPrivate { .. }
                | KeyMaterial::EdPrivate { .. }
        )
    }

    /// The algorithm family this key belongs to.
    pub fn family(&self) -> Family {
        match &self.material {
            KeyMaterial::Secret(_) => Family::Hmac,
            KeyMaterial::RsaPrivate { .. } | KeyMaterial::RsaPublic { .. } => Family::Rsa,
            KeyMaterial::EcPrivate { curve, .. } | KeyMaterial::EcPublic { curve, .. } => {
                Family::Ec(*curve)
            }
            KeyMaterial::EdPrivate { .. } | KeyMaterial::EdPublic { .. } => Family::Ed25519,
        }
    }

    /// Size in bits: RSA modulus, curve size, or secret length.
    pub fn bits(&self) -> usize {
        match &self.material {
            KeyMaterial::Secret(s) => s.len() * 8,
            KeyMaterial::RsaPrivate { n, .. } | KeyMaterial::RsaPublic { n, .. } => {
                let lead = n.first().map_or(0, |b| b.leading_zeros() as usize);
                (n.len() * 8).saturating_sub(lead)
            }
            KeyMaterial::EcPrivate { curve, .. } | KeyMaterial::EcPublic { curve, .. } => {
                match curve {
                    Curve::P256 => 256,
                    Curve::P384 => 384,
                    Curve::P521 => 521,
                }
            }
            KeyMaterial::EdPrivate { .. } | KeyMaterial::EdPublic { .. } => 256,
        }
    }

    /// The algorithms this key can be used with: those of its type, or only the one its
    /// JWK's `alg` names.
    pub fn algorithms(&self) -> Vec<JwsAlg> {
        JwsAlg::ALL
            .into_iter()
            .filter(|a| a.family() == self.family())
            .filter(|a| {
                self.jwk_alg
                    .as_deref()
                    .is_none_or(|named| named == a.name())
            })
            .filter(|a| {
                // Weak RSA keys verify through the legacy PKCS#1 parameters only.
                self.family() != Family::Rsa
                    || self.bits() >= RSA_MIN_BITS
                    || matches!(a, JwsAlg::RS256 | JwsAlg::RS512)
            })
            .collect()
    }

    /// The algorithm to use when none is named: the one the JWK's `alg` names, else HS256,
    /// RS256, the curve's ES algorithm or EdDSA.
    pub fn default_alg(&self) -> JwsAlg {
        if let Some(named) = self
            .jwk_alg
            .as_deref()
            .and_then(JwsAlg::from_name)
            .filter(|a| a.family() == self.family())
        {
            return named;
        }
        match self.family() {
            Family::Hmac => JwsAlg::HS256,
            Family::Rsa => JwsAlg::RS256,
            Family::Ec(c) => c.alg(),
            Family::Ed25519 => JwsAlg::EdDSA,
        }
    }

    /// Checks what the key's JWK says it is for (`use`, `key_ops`, `alg`) against signing or
    /// verifying with `alg` (RFC 7517 sections 4.2 to 4.4, RFC 8725bis section 3.1).
    pub fn check_declared_use(&self, alg: JwsAlg, purpose: Purpose) -> Result<(), KeyError> {
        let op = match purpose {
            Purpose::Sign => "sign",
            Purpose::Verify => "verify",
        };
        if let Some(u) = self.jwk_use.as_deref().filter(|u| *u != "sig") {
            return Err(KeyError::JwkUse(crate::core::text::clip(u, 40), op));
        }
        if let Some(ops) = self
            .jwk_key_ops
            .as_ref()
            .filter(|o| !o.iter().any(|x| x == op))
        {
            let listed = ops
                .iter()
                .map(|o| format!("\"{}\"", crate::core::text::clip(o, 40)))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(KeyError::JwkKeyOps { listed, op });
        }
        if let Some(named) = self.jwk_alg.as_deref().filter(|n| *n != alg.name()) {
            return Err(KeyError::JwkAlg {
                key_alg: crate::core::text::clip(named, 40),
                alg,
            });
        }
        Ok(())
    }

    /// Checks that the key can serve `alg` for `purpose`: its type and size, and what its JWK
    /// says it is for; the error says what would fit.
    pub fn check_fits(&self, alg: JwsAlg, purpose: Purpose) -> Result<(), KeyError> {
        self.check_type_fits(alg, purpose)?;
        self.check_declared_use(alg, purpose)
    }

    /// [`Key::check_fits`] without the JWK's declared use: type, size, private or public.
    fn check_type_fits(&self, alg: JwsAlg, purpose: Purpose) -> Result<(), KeyError> {
        let needs_private = purpose == Purpose::Sign;
        let family_ok = alg.family() == self.family();
        if family_ok && self.family() == Family::Rsa && self.bits() < RSA_MIN_BITS {
            let bits = self.bits();
            if purpose == Purpose::Sign {
                return Err(KeyError::WeakRsaSign(bits));
            }
            if !matches!(alg, JwsAlg::RS256 | JwsAlg::RS512) {
                return Err(KeyError::WeakRsaAlg { bits, alg });
            }
        }
        if family_ok && (!needs_private || self.is_private()) {
            return Ok(());
        }
        let hint = if family_ok {
            " (a public key can only verify)".to_string()
        } else {
            let fits: Vec<&str> = self.algorithms().iter().map(|a| a.name()).collect();
            format!(" (it fits {})", fits.join(", "))
        };
        Err(KeyError::WrongKind {
            alg,
            needs: alg.needs(needs_private),
            is: self.kind_words(),
            hint,
        })
    }

    /// The public half of this key (a secret stays a secret).
    pub fn public_half(&self) -> Key {
        let material = match &self.material {
            KeyMaterial::RsaPrivate { n, e, .. } => KeyMaterial::RsaPublic {
                n: n.clone(),
                e: e.clone(),
            },
            KeyMaterial::EcPrivate { curve, point, .. } => KeyMaterial::EcPublic {
                curve: *curve,
                point: point.clone(),
            },
            KeyMaterial::EdPrivate { public, .. } => KeyMaterial::EdPublic {
                public: public.clone(),
            },
            other => other.clone(),
        };
        // A public half gets its own cache: the objects parsed from the private key are not its.
        let cache = if material == self.material {
            self.cache.clone()
        } else {
            crypto::KeyCache::default()
        };
        Key {
            material,
            cache,
            ..self.clone()
        }
    }
}
