//! Verifying with aws-lc-rs directly, as signing does: the public key is parsed once per key
//! and algorithm and kept with the key ([`Verifiers`]), so that checking a fresh signature on
//! each keystroke costs the verification alone: no base64 round trip of the signature, no
//! verifying key rebuilt from the material. HMAC compares in constant time with the secret's
//! cached keys.

use super::{Key, KeyError, KeyMaterial};
use crate::core::alg::JwsAlg;
use crate::core::error::Result;
use aws_lc_rs::signature::{self as sig, ParsedPublicKey, RsaPublicKeyComponents};
use std::sync::{Arc, Mutex};

/// The public keys parsed for verification, one per algorithm used, with the material they
/// came from (a key whose material was replaced does not use them). Shared by the key's
/// clones (through the key's cache); never printed.
#[derive(Default)]
pub(crate) struct Verifiers(Mutex<Vec<Slot>>);

/// A parsed public key, the algorithm it verifies and the material it was parsed from.
type Slot = (JwsAlg, KeyMaterial, Arc<ParsedPublicKey>);

impl Verifiers {
    /// The parsed public key of `material` for `alg`: the cached one, else parsed now (and
    /// kept). At most a handful are kept: one per algorithm a key is used with.
    fn get(&self, material: &KeyMaterial, alg: JwsAlg) -> Result<Arc<ParsedPublicKey>> {
        let mut slots = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, _, p)) = slots.iter().find(|(a, m, _)| *a == alg && m == material) {
            return Ok(Arc::clone(p));
        }
        let parsed = Arc::new(parse(material, alg)?);
        slots.retain(|(_, m, _)| m == material);
        slots.push((alg, material.clone(), Arc::clone(&parsed)));
        Ok(parsed)
    }
}

/// The public key of `material` parsed for `alg`'s verification algorithm.
fn parse(material: &KeyMaterial, alg: JwsAlg) -> Result<ParsedPublicKey> {
    let rejected = |e: aws_lc_rs::error::KeyRejected| -> crate::core::error::Error {
        KeyError::Unusable {
            alg,
            detail: e.to_string(),
        }
        .into()
    };
    let rsa = |params: &'static sig::RsaParameters| match material {
        KeyMaterial::RsaPrivate { n, e, .. } | KeyMaterial::RsaPublic { n, e } => {
            RsaPublicKeyComponents { n, e }
                .to_parsed_public_key(params)
                .map_err(rejected)
        }
        _ => Err(mismatch(alg)),
    };
    let point = || match material {
        KeyMaterial::EcPrivate { point, .. } | KeyMaterial::EcPublic { point, .. } => Ok(point),
        _ => Err(mismatch(alg)),
    };
    let parsed = match alg {
        JwsAlg::RS256 => rsa(&sig::RSA_PKCS1_2048_8192_SHA256)?,
        JwsAlg::RS384 => rsa(&sig::RSA_PKCS1_2048_8192_SHA384)?,
        JwsAlg::RS512 => rsa(&sig::RSA_PKCS1_2048_8192_SHA512)?,
        JwsAlg::PS256 => rsa(&sig::RSA_PSS_2048_8192_SHA256)?,
        JwsAlg::PS384 => rsa(&sig::RSA_PSS_2048_8192_SHA384)?,
        JwsAlg::PS512 => rsa(&sig::RSA_PSS_2048_8192_SHA512)?,
        JwsAlg::ES256 => {
            ParsedPublicKey::new(&sig::ECDSA_P256_SHA256_FIXED, point()?).map_err(rejected)?
        }
        JwsAlg::ES384 => {
            ParsedPublicKey::new(&sig::ECDSA_P384_SHA384_FIXED, point()?).map_err(rejected)?
        }
        JwsAlg::ES512 => {
            ParsedPublicKey::new(&sig::ECDSA_P521_SHA512_FIXED, point()?).map_err(rejected)?
        }
        JwsAlg::EdDSA | JwsAlg::Ed25519 => match material {
            KeyMaterial::EdPrivate { public, .. } | KeyMaterial::EdPublic { public } => {
                ParsedPublicKey::new(&sig::ED25519, public).map_err(rejected)?
            }
            _ => return Err(mismatch(alg)),
        },
        _ => return Err(mismatch(alg)),
    };
    Ok(parsed)
}

fn mismatch(alg: JwsAlg) -> crate::core::error::Error {
    crate::core::error::Error::Algorithm(format!("{alg} does not fit this key"))
}

/// Checks `signature` over `message` for the RSA, EC and Ed25519 algorithms (the caller has
/// checked the key fits `alg`): `Ok(false)` when it does not match.
pub(super) fn verify_public(
    key: &Key,
    alg: JwsAlg,
    message: &[u8],
    signature: &[u8],
) -> Result<bool> {
    let parsed = key.cache.verifiers().get(&key.material, alg)?;
    Ok(parsed.verify_sig(message, signature).is_ok())
}
