//! What a key is made of, normalised to what the backend needs, and the container it came in.

use crate::core::alg::{Curve, MlDsaLevel};
use std::fmt;

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
    /// An X25519 private key (RFC 7748): a key-agreement key for JWE (ECDH-ES), never a
    /// signing key.
    X25519Private {
        /// The 32 private bytes.
        d: Vec<u8>,
        /// The 32-byte public key (the u-coordinate).
        public: Vec<u8>,
    },
    /// An X25519 public key (32 bytes).
    X25519Public {
        /// The 32-byte public key (the u-coordinate).
        public: Vec<u8>,
    },
    /// An ML-DSA private key (FIPS 204, RFC 9964): the seed it is expanded from, which is the
    /// only private form JOSE has, and its public key.
    MlDsaPrivate {
        /// The parameter set.
        level: MlDsaLevel,
        /// The 32-byte seed (an AKP JWK's `priv`).
        seed: Vec<u8>,
        /// The raw public key (an AKP JWK's `pub`: 1312, 1952 or 2592 bytes).
        public: Vec<u8>,
    },
    /// An ML-DSA public key.
    MlDsaPublic {
        /// The parameter set.
        level: MlDsaLevel,
        /// The raw public key (1312, 1952 or 2592 bytes).
        public: Vec<u8>,
    },
}

impl KeyMaterial {
    /// Overwrites the secret and private key bytes with zeros and empties them; public parts
    /// are left alone.
    pub(super) fn wipe(&mut self) {
        use zeroize::Zeroize;
        match self {
            KeyMaterial::Secret(bytes)
            | KeyMaterial::RsaPrivate { pkcs1: bytes, .. }
            | KeyMaterial::EcPrivate { pkcs8: bytes, .. }
            | KeyMaterial::EdPrivate { pkcs8: bytes, .. }
            | KeyMaterial::X25519Private { d: bytes, .. }
            | KeyMaterial::MlDsaPrivate { seed: bytes, .. } => bytes.zeroize(),
            KeyMaterial::RsaPublic { .. }
            | KeyMaterial::EcPublic { .. }
            | KeyMaterial::EdPublic { .. }
            | KeyMaterial::X25519Public { .. }
            | KeyMaterial::MlDsaPublic { .. } => {}
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
            KeyMaterial::X25519Private { .. } => "X25519Private".into(),
            KeyMaterial::X25519Public { .. } => "X25519Public".into(),
            KeyMaterial::MlDsaPrivate { level, .. } => format!("MlDsaPrivate({level})"),
            KeyMaterial::MlDsaPublic { level, .. } => format!("MlDsaPublic({level})"),
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
    /// Bytes handed over by a program (a symmetric JWE key given as bytes).
    Raw,
}

impl KeyFormat {
    pub(super) fn label(self) -> &'static str {
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
            KeyFormat::Raw => "raw bytes",
        }
    }
}
