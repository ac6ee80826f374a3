//! Signing and verifying bytes with a loaded key, through aws-lc-rs key objects parsed once
//! per key and kept on it ([`KeyCache`]): the private key for signing, the public key per
//! algorithm for verifying (keys/verifier.rs). jsonwebtoken's keys stay available
//! ([`Key::encoding_key`], [`Key::decoding_key`]) for the tests that check both agree.

use super::{Key, KeyError, KeyMaterial, Purpose, RSA_MIN_BITS};
use crate::core::alg::{Family, JwsAlg};
use crate::core::error::{Error, Result};
use aws_lc_rs::hmac;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self as sig, RsaEncoding};
use std::fmt;
use std::sync::{Arc, OnceLock};

/// The aws-lc key objects made from a key's material, built on first use and shared by the
/// key's clones (the window signs on a worker thread with a clone). An RSA key is parsed and
/// checked once instead of on every signature. In memory only; never printed, never compared
/// (two keys are equal when their material is), dropped with the last clone.
#[derive(Clone, Default)]
pub(crate) struct KeyCache(Arc<Cached>);

/// The signer, built once, and the verifying keys, one per algorithm.
#[derive(Default)]
struct Cached {
    signer: OnceLock<Built>,
    verifiers: super::verifier::Verifiers,
}

/// What was built, and from which material: a key whose `material` was replaced since does
/// not use it.
struct Built {
    source: KeyMaterial,
    signer: std::result::Result<Signer, KeyError>,
}

/// A parsed private key (or the HMAC keys of a secret), ready to sign.
enum Signer {
    Hmac(Box<HmacKeys>),
    Rsa(sig::RsaKeyPair),
    Ecdsa(sig::EcdsaKeyPair),
    Ed25519(sig::Ed25519KeyPair),
    MlDsa(sig::PqdsaKeyPair),
}

/// A secret's HMAC keys, one per hash (each holds its precomputed inner and outer pads).
struct HmacKeys {
    hs256: hmac::Key,
    hs384: hmac::Key,
    hs512: hmac::Key,
}

// The window hands keys to worker threads: the cache must be shareable.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Key>();
};

impl fmt::Debug for KeyCache {
    /// Says whether the objects are built; never shows them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.0.signer.get().is_some() {
            "built"
        } else {
            "empty"
        };
        write!(f, "KeyCache({state})")
    }
}

impl PartialEq for KeyCache {
    /// Always equal: the cache is derived from the material, which is what keys compare by.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for KeyCache {}

impl KeyCache {
    /// The public keys parsed for verification.
    pub(super) fn verifiers(&self) -> &super::verifier::Verifiers {
        &self.0.verifiers
    }

    /// Runs `f` with the signer for `material`: the cached one, else one built for this call.
    fn with_signer<T>(
        &self,
        material: &KeyMaterial,
        f: impl FnOnce(&Signer) -> Result<T>,
    ) -> Result<T> {
        let built = self.0.signer.get_or_init(|| Built {
            source: material.clone(),
            signer: Signer::build(material),
        });
        if built.source == *material {
            return f(built.signer.as_ref().map_err(|e| e.clone())?);
        }
        f(&Signer::build(material)?)
    }
}

impl Key {
    /// This key, keeping `pair` (parsed from its RSA material while loading it) for signing,
    /// so that the first signature does not parse and check the key a second time.
    pub(crate) fn keeping_rsa_pair(self, pair: sig::RsaKeyPair) -> Key {
        self.keeping(Signer::Rsa(pair))
    }

    /// This key, keeping the pair its ML-DSA seed was expanded to while loading it.
    pub(crate) fn keeping_mldsa_pair(self, pair: sig::PqdsaKeyPair) -> Key {
        self.keeping(Signer::MlDsa(pair))
    }

    fn keeping(self, signer: Signer) -> Key {
        let lock = OnceLock::new();
        let _ = lock.set(Built {
            source: self.material.clone(),
            signer: Ok(signer),
        });
        Key {
            cache: KeyCache(Arc::new(Cached {
                signer: lock,
                verifiers: super::verifier::Verifiers::default(),
            })),
            ..self
        }
    }
}

fn rejected(what: impl Into<String>) -> impl FnOnce(aws_lc_rs::error::KeyRejected) -> KeyError {
    let what = what.into();
    move |e| KeyError::Rejected {
        what,
        detail: e.to_string(),
    }
}

impl Signer {
    /// Parses private material the way jsonwebtoken would (so signatures are the same).
    fn build(material: &KeyMaterial) -> std::result::Result<Signer, KeyError> {
        Ok(match material {
            KeyMaterial::Secret(s) => Signer::Hmac(Box::new(HmacKeys {
                hs256: hmac::Key::new(hmac::HMAC_SHA256, s),
                hs384: hmac::Key::new(hmac::HMAC_SHA384, s),
                hs512: hmac::Key::new(hmac::HMAC_SHA512, s),
            })),
            KeyMaterial::RsaPrivate { pkcs1, .. } => {
                Signer::Rsa(sig::RsaKeyPair::from_der(pkcs1).map_err(rejected("RSA private key"))?)
            }
            KeyMaterial::EcPrivate { curve, pkcs8, .. } => Signer::Ecdsa(
                sig::EcdsaKeyPair::from_pkcs8(super::pkcs::signing_alg(*curve), pkcs8)
                    .map_err(rejected(format!("EC {} private key", curve.name())))?,
            ),
            KeyMaterial::EdPrivate { pkcs8, .. } => Signer::Ed25519(
                sig::Ed25519KeyPair::from_pkcs8(pkcs8).map_err(rejected("Ed25519 private key"))?,
            ),
            KeyMaterial::MlDsaPrivate { level, seed, .. } => {
                Signer::MlDsa(super::mldsa::key_pair(*level, seed)?)
            }
            KeyMaterial::X25519Private { .. } | KeyMaterial::X25519Public { .. } => {
                return Err(KeyError::KeyAgreement);
            }
            KeyMaterial::RsaPublic { .. }
            | KeyMaterial::EcPublic { .. }
            | KeyMaterial::EdPublic { .. }
            | KeyMaterial::MlDsaPublic { .. } => return Err(KeyError::NoUsableKey),
        })
    }

    /// Signs `message` under `alg`, which the caller has checked fits the key.
    fn sign(&self, alg: JwsAlg, message: &[u8]) -> Result<Vec<u8>> {
        let failed = |e: aws_lc_rs::error::Unspecified| Error::Signing(format!("{alg}: {e}"));
        match (self, alg) {
            (Signer::Hmac(keys), JwsAlg::HS256 | JwsAlg::HS384 | JwsAlg::HS512) => {
                let key = match alg {
                    JwsAlg::HS384 => &keys.hs384,
                    JwsAlg::HS512 => &keys.hs512,
                    _ => &keys.hs256,
                };
                Ok(hmac::sign(key, message).as_ref().to_vec())
            }
            (Signer::Rsa(pair), _) => {
                let padding = rsa_padding(alg).ok_or_else(|| mismatch(alg))?;
                let mut out = vec![0; pair.public_modulus_len()];
                pair.sign(padding, &SystemRandom::new(), message, &mut out)
                    .map_err(failed)?;
                Ok(out)
            }
            (Signer::Ecdsa(pair), JwsAlg::ES256 | JwsAlg::ES384 | JwsAlg::ES512) => pair
                .sign(&SystemRandom::new(), message)
                .map(|s| s.as_ref().to_vec())
                .map_err(failed),
            (Signer::Ed25519(pair), JwsAlg::EdDSA | JwsAlg::Ed25519) => {
                Ok(pair.sign(message).as_ref().to_vec())
            }
            (Signer::MlDsa(pair), _)
                if matches!(alg.family(), Family::MlDsa(level)
                    if level.signature_len() == pair.algorithm().signature_len()) =>
            {
                super::mldsa::sign(pair, message).map_err(failed)
            }
            _ => Err(mismatch(alg)),
        }
    }
}

fn rsa_padding(alg: JwsAlg) -> Option<&'static dyn RsaEncoding> {
    Some(match alg {
        JwsAlg::RS256 => &sig::RSA_PKCS1_SHA256,
        JwsAlg::RS384 => &sig::RSA_PKCS1_SHA384,
        JwsAlg::RS512 => &sig::RSA_PKCS1_SHA512,
        JwsAlg::PS256 => &sig::RSA_PSS_SHA256,
        JwsAlg::PS384 => &sig::RSA_PSS_SHA384,
        JwsAlg::PS512 => &sig::RSA_PSS_SHA512,
        _ => return None,
    })
}

fn mismatch(alg: JwsAlg) -> Error {
    Error::Signing(format!("{alg} does not fit this key"))
}

/// Starts aws-lc's random generator with a 16-byte fill: its process-wide entropy source and
/// this thread's generator, so that the first signature that needs randomness (ECDSA, RSA
/// blinding, PSS, key generation) does not pay for them. With the OS entropy source (see
/// SECURITY.md, "Randomness") this takes microseconds; a build with aws-lc's CPU-jitter source
/// pays tens of milliseconds here once per process. Meant for the window to call on a
/// background thread at start-up; safe to call on any thread, any time.
pub fn warm_up_rng() {
    let mut bytes = [0u8; 16];
    // A failed fill only means the first real use pays (and reports) it instead.
    let _ = aws_lc_rs::rand::fill(&mut bytes);
}

impl Key {
    /// The jsonwebtoken signing key (parsed again on every signature; [`sign_bytes`] does not
    /// use it).
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

    /// The jsonwebtoken verifying key (`None` for an X25519 key, which verifies nothing, and
    /// for ML-DSA, which jsonwebtoken lacks).
    pub fn decoding_key(&self) -> Option<jsonwebtoken::DecodingKey> {
        use jsonwebtoken::DecodingKey as K;
        Some(match &self.material {
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
            KeyMaterial::X25519Private { .. }
            | KeyMaterial::X25519Public { .. }
            | KeyMaterial::MlDsaPrivate { .. }
            | KeyMaterial::MlDsaPublic { .. } => return None,
        })
    }
}

/// Signs `message` with `key` under `alg`; returns the raw signature bytes. The key's aws-lc
/// objects are parsed on its first signature and reused after.
pub fn sign_bytes(key: &Key, alg: JwsAlg, message: &[u8]) -> Result<Vec<u8>> {
    key.check_fits(alg, Purpose::Sign)?;
    key.cache
        .with_signer(&key.material, |signer| signer.sign(alg, message))
}

/// Checks `signature` over `message`; `Ok(false)` means the signature does not match.
pub fn verify_bytes(key: &Key, alg: JwsAlg, message: &[u8], signature: &[u8]) -> Result<bool> {
    key.check_fits(alg, Purpose::Verify)?;
    if let (
        Family::MlDsa(level),
        KeyMaterial::MlDsaPrivate { public, .. } | KeyMaterial::MlDsaPublic { public, .. },
    ) = (alg.family(), &key.material)
    {
        return Ok(super::mldsa::verify(level, public, message, signature));
    }
    if key.family() == Family::Rsa && key.bits() < RSA_MIN_BITS {
        return legacy_rsa_verify(key, alg, message, signature);
    }
    if alg.family() == Family::Hmac {
        // The secret's HMAC keys (with their precomputed pads), compared in constant time.
        return key.cache.with_signer(&key.material, |signer| match signer {
            Signer::Hmac(keys) => {
                let k = match alg {
                    JwsAlg::HS384 => &keys.hs384,
                    JwsAlg::HS512 => &keys.hs512,
                    _ => &keys.hs256,
                };
                Ok(hmac::verify(k, message, signature).is_ok())
            }
            _ => Err(mismatch(alg)),
        });
    }
    super::verifier::verify_public(key, alg, message, signature)
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
        return Err(KeyError::WrongKind {
            alg,
            needs: alg.needs(false),
            is: key.kind_words(),
            hint: String::new(),
        }
        .into());
    };
    let params = match alg {
        JwsAlg::RS256 => &RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        JwsAlg::RS512 => &RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        _ => {
            return Err(KeyError::WeakRsaAlg {
                bits: key.bits(),
                alg,
            }
            .into());
        }
    };
    Ok(RsaPublicKeyComponents { n, e }
        .verify(params, message, signature)
        .is_ok())
}
