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
mod fit;
mod generate;
mod jwk;
mod load;
mod material;
mod mldsa;
mod pem;
mod pkcs;
mod route;
mod secret;
mod verifier;
mod x25519;
pub mod x5c;

pub use bundle::{ExportFile, ExportKind, export, jwk_text, keygen_files, with_kid};
pub use crypto::{sign_bytes, verify_bytes, warm_up_rng};
pub use embedded::embedded_key_text;
pub use error::{KeyError, Malformed};
pub use export::public_jwks;
pub use generate::{KeySpec, RSA_SIZES, generate};
pub use jwk::parse_jwk;
pub use load::{KeyFile, load_key_bytes, load_key_file, read_key_file, token_kid};
pub use material::{KeyFormat, KeyMaterial};
pub use mldsa::MlDsaError;
pub use pem::{der_to_pem, pem_encode};
pub use route::{KeyField, Routed, field_of, route};
pub use secret::{SecretEncoding, parse_secret, parse_secret_spec};

use std::fmt;

/// Largest key file read, in bytes (1 MiB): key files are a few kilobytes.
pub const MAX_KEY_FILE: usize = 1 << 20;

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
                | KeyMaterial::X25519Private { .. }
                | KeyMaterial::MlDsaPrivate { .. }
        )
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
            KeyMaterial::X25519Private { public, .. } => KeyMaterial::X25519Public {
                public: public.clone(),
            },
            KeyMaterial::MlDsaPrivate { level, public, .. } => KeyMaterial::MlDsaPublic {
                level: *level,
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
