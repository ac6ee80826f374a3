//! Keys: what a key is once loaded (whatever its container), what it fits, and the
//! jsonwebtoken / aws-lc key objects made from it.

pub mod der;
mod export;
mod generate;
mod parse;
mod secret;

pub use export::public_jwks;
pub use generate::{KeySpec, RSA_SIZES, generate};
pub use parse::{KeyFile, der_to_pem, load_key_bytes, load_key_file, parse_jwk, pem_encode};
pub use secret::{SecretEncoding, parse_secret, parse_secret_spec};

use super::alg::{Curve, Family, JwsAlg};
use super::error::{Error, Result};
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

    /// What kind of key this is, in words: "an RSA public key".
    pub fn kind_words(&self) -> String {
        let half = if self.is_private() {
            "private"
        } else {
            "public"
        };
        match self.family() {
            Family::Hmac => "an HMAC secret".to_string(),
            Family::Rsa => format!("an RSA {half} key"),
            Family::Ec(c) => format!("an EC {} {half} key", c.name()),
            Family::Ed25519 => format!("an Ed25519 {half} key"),
        }
    }

    /// One line for people: "RSA 2048 private key, PKCS#8 (PEM)".
    pub fn describe(&self) -> String {
        let half = if self.is_private() {
            "private"
        } else {
            "public"
        };
        let what = match self.family() {
            Family::Hmac => {
                let n = self.bits() / 8;
                format!(
                    "HMAC secret, {n} byte{} ({} bits)",
                    if n == 1 { "" } else { "s" },
                    self.bits()
                )
            }
            Family::Rsa => format!("RSA {} {half} key", self.bits()),
            Family::Ec(c) => format!("EC {} {half} key", c.name()),
            Family::Ed25519 => format!("Ed25519 {half} key"),
        };
        let container = if self.pem { " (PEM)" } else { "" };
        let kid = self
            .kid
            .as_ref()
            .map(|k| format!(", kid \"{k}\""))
            .unwrap_or_default();
        let cert = self
            .cert
            .as_ref()
            .map(|c| {
                format!(
                    ", subject {}, valid {} to {}",
                    c.subject,
                    crate::core::claims::utc_text(c.not_before)
                        .get(..10)
                        .unwrap_or(""),
                    crate::core::claims::utc_text(c.not_after)
                        .get(..10)
                        .unwrap_or("")
                )
            })
            .unwrap_or_default();
        format!("{what}, {}{container}{kid}{cert}", self.format.label())
    }

    /// Things to know before relying on this key at `now` (weak size, certificate dates).
    pub fn warnings(&self, now: i64) -> Vec<String> {
        let mut out = Vec::new();
        if self.family() == Family::Rsa && self.bits() < RSA_MIN_BITS {
            out.push(format!(
                "RSA-{} is too weak: 2048 bits is the minimum (RFC 7518 section 3.3). This key can only verify RS256 and RS512 tokens, and cannot sign",
                self.bits()
            ));
        }
        if let Some(c) = &self.cert {
            if now > c.not_after {
                out.push(format!(
                    "the certificate expired on {}",
                    crate::core::claims::utc_text(c.not_after)
                ));
            } else if now < c.not_before {
                out.push(format!(
                    "the certificate is not valid before {}",
                    crate::core::claims::utc_text(c.not_before)
                ));
            }
        }
        out
    }

    /// The algorithms this key can be used with.
    pub fn algorithms(&self) -> Vec<JwsAlg> {
        JwsAlg::ALL
            .into_iter()
            .filter(|a| a.family() == self.family())
            .filter(|a| {
                // Weak RSA keys verify through the legacy PKCS#1 parameters only.
                self.family() != Family::Rsa
                    || self.bits() >= RSA_MIN_BITS
                    || matches!(a, JwsAlg::RS256 | JwsAlg::RS512)
            })
            .collect()
    }

    /// The algorithm to use when none is named: HS256, RS256, the curve's ES algorithm or EdDSA.
    pub fn default_alg(&self) -> JwsAlg {
        match self.family() {
            Family::Hmac => JwsAlg::HS256,
            Family::Rsa => JwsAlg::RS256,
            Family::Ec(c) => c.alg(),
            Family::Ed25519 => JwsAlg::EdDSA,
        }
    }

    /// Checks that the key can serve `alg` for `purpose`; the error says what would fit.
    pub fn check_fits(&self, alg: JwsAlg, purpose: Purpose) -> Result<()> {
        let needs_private = purpose == Purpose::Sign;
        let family_ok = alg.family() == self.family();
        if family_ok && self.family() == Family::Rsa && self.bits() < RSA_MIN_BITS {
            let bits = self.bits();
            if purpose == Purpose::Sign {
                return Err(Error::Key(format!(
                    "this RSA key has {bits} bits; signing needs at least {RSA_MIN_BITS} (the crypto backend refuses weaker keys)"
                )));
            }
            if !matches!(alg, JwsAlg::RS256 | JwsAlg::RS512) {
                return Err(Error::Key(format!(
                    "this RSA key has {bits} bits; keys under {RSA_MIN_BITS} bits can only verify RS256 and RS512 (legacy), not {alg}"
                )));
            }
        }
        if family_ok && (!needs_private || self.is_private()) {
            return Ok(());
        }
        let mut msg = format!(
            "{alg} needs {}; this is {}",
            alg.needs(needs_private),
            self.kind_words()
        );
        if !family_ok {
            let fits: Vec<&str> = self.algorithms().iter().map(|a| a.name()).collect();
            msg.push_str(&format!(" (it fits {})", fits.join(", ")));
        } else {
            msg.push_str(" (a public key can only verify)");
        }
        Err(Error::Key(msg))
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
        Key {
            material,
            ..self.clone()
        }
    }

    /// The jsonwebtoken signing key.
    pub fn encoding_key(&self) -> Option<jsonwebtoken::EncodingKey> {
        use jsonwebtoken::EncodingKey as K;
        Some(match &self.material {
            KeyMaterial::Secret(s) => K::from_secret(s),
            KeyMaterial::RsaPrivate { pkcs1, .. } => K::from_rsa_der(pkcs1),
            KeyMaterial::EcPrivate { pkcs8, .. } => K::from_ec_der(pkcs8),
            KeyMaterial::EdPrivate { pkcs8, .. } => K::from_ed_der(pkcs8),
            _ => return None,
        })
    }

    /// The jsonwebtoken verifying key.
    pub fn decoding_key(&self) -> jsonwebtoken::DecodingKey {
        use jsonwebtoken::DecodingKey as K;
        match &self.material {
            KeyMaterial::Secret(s) => K::from_secret(s),
            KeyMaterial::RsaPrivate { n, e, .. } | KeyMaterial::RsaPublic { n, e } => {
                K::from_rsa_raw_components(n, e)
            }
            KeyMaterial::EcPrivate { point, .. } | KeyMaterial::EcPublic { point, .. } => {
                K::from_ec_der(point)
            }
            KeyMaterial::EdPrivate { public, .. } | KeyMaterial::EdPublic { public } => {
                K::from_ed_der(public)
            }
        }
    }
}

/// Signs `message` with `key` under `alg`; returns the raw signature bytes.
pub fn sign_bytes(key: &Key, alg: JwsAlg, message: &[u8]) -> Result<Vec<u8>> {
    key.check_fits(alg, Purpose::Sign)?;
    if alg == JwsAlg::ES512 {
        return es512_sign(key, message);
    }
    let (Some(jalg), Some(ekey)) = (alg.to_jsonwebtoken(), key.encoding_key()) else {
        return Err(Error::Key(format!(
            "{alg} cannot sign with {}",
            key.kind_words()
        )));
    };
    let sig = jsonwebtoken::crypto::sign(message, &ekey, jalg)
        .map_err(|e| Error::Signing(e.to_string()))?;
    super::b64::decode_strict(&sig).map_err(Error::Signing)
}

/// Checks `signature` over `message`; `Ok(false)` means the signature does not match.
pub fn verify_bytes(key: &Key, alg: JwsAlg, message: &[u8], signature: &[u8]) -> Result<bool> {
    key.check_fits(alg, Purpose::Verify)?;
    if alg == JwsAlg::ES512 {
        return es512_verify(key, message, signature);
    }
    if key.family() == Family::Rsa && key.bits() < RSA_MIN_BITS {
        return legacy_rsa_verify(key, alg, message, signature);
    }
    let Some(jalg) = alg.to_jsonwebtoken() else {
        return Err(Error::Algorithm(format!("{alg} is not supported")));
    };
    let sig_text = super::b64::encode(signature);
    jsonwebtoken::crypto::verify(&sig_text, message, &key.decoding_key(), jalg)
        .map_err(|e| Error::Key(format!("the key could not be used for {alg}: {e}")))
}

/// RS256/RS512 with an RSA key of 1024..2047 bits, through aws-lc's legacy parameters
/// (jsonwebtoken's verifier insists on 2048 bits).
fn legacy_rsa_verify(key: &Key, alg: JwsAlg, message: &[u8], signature: &[u8]) -> Result<bool> {
    use aws_lc_rs::signature::{
        RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY, RsaPublicKeyComponents,
    };
    let (KeyMaterial::RsaPrivate { n, e, .. } | KeyMaterial::RsaPublic { n, e }) = &key.material
    else {
        return Err(Error::Key(format!("{alg} needs an RSA key")));
    };
    let params = match alg {
        JwsAlg::RS256 => &RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        JwsAlg::RS512 => &RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        _ => {
            return Err(Error::Key(format!(
                "keys under {RSA_MIN_BITS} bits cannot verify {alg}"
            )));
        }
    };
    Ok(RsaPublicKeyComponents { n, e }
        .verify(params, message, signature)
        .is_ok())
}

fn es512_sign(key: &Key, message: &[u8]) -> Result<Vec<u8>> {
    use aws_lc_rs::signature::{ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair};
    let KeyMaterial::EcPrivate { pkcs8, .. } = &key.material else {
        return Err(Error::Key(format!(
            "ES512 needs an EC P-521 private key; this is {}",
            key.kind_words()
        )));
    };
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P521_SHA512_FIXED_SIGNING, pkcs8)
        .map_err(|e| Error::Key(format!("EC P-521 private key rejected: {e}")))?;
    let rng = aws_lc_rs::rand::SystemRandom::new();
    pair.sign(&rng, message)
        .map(|s| s.as_ref().to_vec())
        .map_err(|e| Error::Signing(e.to_string()))
}

fn es512_verify(key: &Key, message: &[u8], signature: &[u8]) -> Result<bool> {
    use aws_lc_rs::signature::{ECDSA_P521_SHA512_FIXED, UnparsedPublicKey};
    let point = match &key.material {
        KeyMaterial::EcPrivate { point, .. } | KeyMaterial::EcPublic { point, .. } => point,
        _ => {
            return Err(Error::Key(format!(
                "ES512 needs an EC P-521 public key; this is {}",
                key.kind_words()
            )));
        }
    };
    Ok(UnparsedPublicKey::new(&ECDSA_P521_SHA512_FIXED, point)
        .verify(message, signature)
        .is_ok())
}
