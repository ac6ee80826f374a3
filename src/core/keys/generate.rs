//! Key generation with the aws-lc backend: HMAC secrets of the hash size, RSA 2048/3072/4096,
//! EC P-256/P-384/P-521, Ed25519 and ML-DSA-44/65/87. The kid defaults to the RFC 7638
//! thumbprint.

use super::{Key, KeyError, KeyFormat, KeyMaterial, load_key_bytes};
use crate::core::alg::{Family, JwsAlg};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING,
    ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair, Ed25519KeyPair,
};

/// RSA modulus sizes offered for generation, in bits.
pub const RSA_SIZES: [usize; 3] = [2048, 3072, 4096];

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpec {
    /// The algorithm the key is for.
    pub alg: JwsAlg,
    /// RSA modulus size in bits (2048, 3072 or 4096); ignored for other families.
    pub rsa_bits: usize,
    /// The kid; `None` uses the RFC 7638 thumbprint.
    pub kid: Option<String>,
}

impl KeySpec {
    /// A spec with the defaults: RSA 2048, kid = thumbprint.
    pub fn new(alg: JwsAlg) -> KeySpec {
        KeySpec {
            alg,
            rsa_bits: 2048,
            kid: None,
        }
    }

    /// True when generation may take more than a moment (RSA 3072 and 4096).
    pub fn is_slow(&self) -> bool {
        self.alg.family() == Family::Rsa && self.rsa_bits >= 3072
    }

    /// What is generated, in words: "an RSA-4096 key", "an HS256 secret", "an ES256 key".
    pub fn describe(&self) -> String {
        match self.alg.family() {
            Family::Rsa => format!("an RSA-{} key", self.rsa_bits),
            Family::Hmac => format!("an {} secret", self.alg),
            _ => format!("an {} key", self.alg),
        }
    }
}

fn failed(what: &'static str) -> KeyError {
    KeyError::Generate(what)
}

fn from_pkcs8(der: &[u8]) -> Result<Key, KeyError> {
    let file = load_key_bytes(der)?;
    file.keys
        .into_iter()
        .next()
        .ok_or_else(|| failed("a usable key"))
}

/// Generates a key for `spec.alg`. Safe to call on any thread.
pub fn generate(spec: &KeySpec) -> Result<Key, KeyError> {
    let mut key = match spec.alg.family() {
        Family::Hmac => {
            let mut bytes = vec![0u8; spec.alg.hash_len()];
            aws_lc_rs::rand::fill(&mut bytes).map_err(|_| failed("random bytes"))?;
            Key::new(KeyMaterial::Secret(bytes), KeyFormat::SecretBase64)
        }
        Family::Rsa => {
            let size = match spec.rsa_bits {
                2048 => aws_lc_rs::rsa::KeySize::Rsa2048,
                3072 => aws_lc_rs::rsa::KeySize::Rsa3072,
                4096 => aws_lc_rs::rsa::KeySize::Rsa4096,
                other => {
                    return Err(KeyError::GenerateSize(other));
                }
            };
            let pair = aws_lc_rs::rsa::KeyPair::generate(size).map_err(|_| failed("an RSA key"))?;
            let der = pair.as_der().map_err(|_| failed("an RSA key"))?;
            from_pkcs8(der.as_ref())?
        }
        Family::Ec(curve) => {
            let alg = match curve {
                crate::core::alg::Curve::P256 => &ECDSA_P256_SHA256_FIXED_SIGNING,
                crate::core::alg::Curve::P384 => &ECDSA_P384_SHA384_FIXED_SIGNING,
                crate::core::alg::Curve::P521 => &ECDSA_P521_SHA512_FIXED_SIGNING,
            };
            let pair = EcdsaKeyPair::generate(alg).map_err(|_| failed("an EC key"))?;
            let der = pair.to_pkcs8v1().map_err(|_| failed("an EC key"))?;
            from_pkcs8(der.as_ref())?
        }
        Family::Ed25519 => {
            let pair = Ed25519KeyPair::generate().map_err(|_| failed("an Ed25519 key"))?;
            let der = pair.to_pkcs8v1().map_err(|_| failed("an Ed25519 key"))?;
            from_pkcs8(der.as_ref())?
        }
        Family::MlDsa(level) => {
            let pair =
                aws_lc_rs::signature::PqdsaKeyPair::generate(super::mldsa::signing_alg(level))
                    .map_err(|_| failed("an ML-DSA key"))?;
            let der = pair.to_pkcs8v1().map_err(|_| failed("an ML-DSA key"))?;
            from_pkcs8(der.as_ref())?
        }
        // No JWS algorithm has this family.
        Family::X25519 => return Err(KeyError::KeyAgreement),
    };
    key.format = KeyFormat::Generated;
    key.kid = Some(spec.kid.clone().unwrap_or_else(|| key.thumbprint()));
    Ok(key)
}
