//! ML-DSA keys (FIPS 204) as RFC 9964 puts them in JOSE: the AKP JWK (`alg` required, `pub`
//! the raw public key, `priv` the 32-byte seed), PKCS#8 in seed form and SubjectPublicKeyInfo
//! (RFC 9881), the check that a pair belongs together (RFC 9964 section 7.4), signing and
//! verifying through aws-lc. The expanded private key is refused with a message that says so.

mod error;

pub use error::MlDsaError;

use super::der::{self, oid, tag};
use super::error::malformed;
use super::{Key, KeyError, KeyFormat, KeyMaterial};
use crate::core::alg::{Family, JwsAlg, MlDsaLevel};
use crate::core::b64;
use aws_lc_rs::signature::{self as sig, KeyPair as _, PqdsaKeyPair};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

impl From<MlDsaError> for KeyError {
    fn from(e: MlDsaError) -> KeyError {
        KeyError::MlDsa(e)
    }
}

/// aws-lc's signing parameters for a level.
pub(super) fn signing_alg(level: MlDsaLevel) -> &'static sig::PqdsaSigningAlgorithm {
    match level {
        MlDsaLevel::L44 => &sig::ML_DSA_44_SIGNING,
        MlDsaLevel::L65 => &sig::ML_DSA_65_SIGNING,
        MlDsaLevel::L87 => &sig::ML_DSA_87_SIGNING,
    }
}

/// aws-lc's verification parameters for a level.
fn verification_alg(level: MlDsaLevel) -> &'static sig::PqdsaVerificationAlgorithm {
    match level {
        MlDsaLevel::L44 => &sig::ML_DSA_44,
        MlDsaLevel::L65 => &sig::ML_DSA_65,
        MlDsaLevel::L87 => &sig::ML_DSA_87,
    }
}

/// The OID of a level (RFC 9881).
pub(super) fn oid_of(level: MlDsaLevel) -> &'static [u8] {
    match level {
        MlDsaLevel::L44 => oid::ML_DSA_44,
        MlDsaLevel::L65 => oid::ML_DSA_65,
        MlDsaLevel::L87 => oid::ML_DSA_87,
    }
}

/// What a key algorithm OID under NIST's `sigAlgs` arc is: an ML-DSA level, or the error for
/// one of its kin this workbench does not implement. `None` for any other OID.
pub(super) fn classify_oid(o: &[u8]) -> Option<Result<MlDsaLevel, KeyError>> {
    let arc = *o.strip_prefix(oid::NIST_SIG_ALGS)?.first()?;
    if o.len() != oid::NIST_SIG_ALGS.len() + 1 {
        return None;
    }
    let what = match arc {
        17 => return Some(Ok(MlDsaLevel::L44)),
        18 => return Some(Ok(MlDsaLevel::L65)),
        19 => return Some(Ok(MlDsaLevel::L87)),
        20..=31 => "SLH-DSA",
        32..=34 => "HashML-DSA",
        35..=46 => "HashSLH-DSA",
        _ => return None,
    };
    Some(Err(MlDsaError::Unsupported { what, arc }.into()))
}

/// Refuses AlgorithmIdentifier parameters, which RFC 9881 says are absent.
fn check_no_params(params: Option<der::Tlv<'_>>) -> Result<(), KeyError> {
    match params {
        None => Ok(()),
        Some(_) => Err(MlDsaError::Params.into()),
    }
}

/// An ML-DSA public key from SubjectPublicKeyInfo: its AlgorithmIdentifier's parameters
/// (which must be absent) and the BIT STRING's bytes.
pub(super) fn from_spki(
    level: MlDsaLevel,
    params: Option<der::Tlv<'_>>,
    bytes: &[u8],
    format: KeyFormat,
) -> Result<Key, KeyError> {
    check_no_params(params)?;
    public(level, bytes, format)
}

/// Checks a public key's size for its level.
fn check_public(level: MlDsaLevel, public: &[u8]) -> Result<(), KeyError> {
    if public.len() != level.public_len() {
        return Err(MlDsaError::public_size(level, public.len()).into());
    }
    Ok(())
}

/// The key pair a 32-byte seed expands to (an expanded key or a seed of another size is
/// refused, saying which).
pub(super) fn key_pair(level: MlDsaLevel, seed: &[u8]) -> Result<PqdsaKeyPair, KeyError> {
    if seed.len() != MlDsaLevel::SEED_LEN {
        return Err(MlDsaError::private_size(seed.len()).into());
    }
    PqdsaKeyPair::from_seed(signing_alg(level), seed).map_err(|e| KeyError::Rejected {
        what: format!("{level} private key"),
        detail: e.to_string(),
    })
}

/// An ML-DSA private key from its seed; `claimed` is the public key that came with it (an
/// AKP JWK's `pub`), which must be the one the seed gives (RFC 9964 section 7.4).
pub(super) fn private(
    level: MlDsaLevel,
    seed: &[u8],
    claimed: Option<&[u8]>,
    format: KeyFormat,
) -> Result<Key, KeyError> {
    let pair = key_pair(level, seed)?;
    let public = pair.public_key().as_ref().to_vec();
    if let Some(claimed) = claimed {
        check_public(level, claimed)?;
        if claimed != public.as_slice() {
            return Err(MlDsaError::Mismatch { level }.into());
        }
    }
    let material = KeyMaterial::MlDsaPrivate {
        level,
        seed: seed.to_vec(),
        public,
    };
    // The expanded pair signs later: expanding the seed again would cost as much as a
    // signature.
    Ok(Key::new(material, format).keeping_mldsa_pair(pair))
}

/// An ML-DSA public key from its raw bytes.
pub(super) fn public(level: MlDsaLevel, public: &[u8], format: KeyFormat) -> Result<Key, KeyError> {
    check_public(level, public)?;
    let material = KeyMaterial::MlDsaPublic {
        level,
        public: public.to_vec(),
    };
    Ok(Key::new(material, format))
}

/// The ML-DSA level an AKP JWK's `alg` names (RFC 9964 section 3: `alg` is required).
fn jwk_level(obj: &Map<String, Value>) -> Result<MlDsaLevel, KeyError> {
    let name = match obj.get("alg") {
        None => return Err(MlDsaError::NoAlg.into()),
        Some(Value::String(s)) => s,
        Some(_) => return Err(KeyError::JwkNotString("alg".into())),
    };
    match JwsAlg::from_name(name).map(JwsAlg::family) {
        Some(Family::MlDsa(level)) => Ok(level),
        _ => Err(MlDsaError::Alg {
            name: crate::core::text::clip(name, 40),
            why: crate::core::alg::not_implemented(name)
                .unwrap_or("ML-DSA-44, ML-DSA-65 and ML-DSA-87 are"),
        }
        .into()),
    }
}

/// Reads an AKP JWK (RFC 9964 section 3): `alg`, `pub`, and `priv` (the seed) for a private
/// key; the pair is checked to belong together.
pub(super) fn from_jwk(
    obj: &Map<String, Value>,
    member: impl Fn(&str) -> Result<Vec<u8>, KeyError>,
) -> Result<Key, KeyError> {
    let level = jwk_level(obj)?;
    let public_bytes = member("pub")?;
    if obj.contains_key("priv") {
        let seed = Zeroizing::new(member("priv")?);
        private(level, &seed, Some(&public_bytes), KeyFormat::Jwk)
    } else {
        public(level, &public_bytes, KeyFormat::Jwk)
    }
}

/// The PKCS#8 `PrivateKeyInfo` DER of an ML-DSA private key in seed form (RFC 9881: the
/// private key is `seed [0] OCTET STRING (SIZE (32))`).
pub(super) fn pkcs8(level: MlDsaLevel, seed: &[u8]) -> Vec<u8> {
    let choice = Zeroizing::new(der::write(tag::IMPLICIT_0, seed));
    let mut body = Zeroizing::new(der::write_unsigned(&[0]));
    body.extend(der::write(
        tag::SEQUENCE,
        &der::write(tag::OID, oid_of(level)),
    ));
    body.extend(Zeroizing::new(der::write(tag::OCTET_STRING, &choice)).iter());
    der::write(tag::SEQUENCE, &body)
}

/// An ML-DSA private key from PKCS#8: `params` its AlgorithmIdentifier's parameters (which
/// must be absent), `whole` the PrivateKeyInfo, `octets` its privateKey content. The seed
/// form is read; a seed with its expanded key is read when the two agree; the expanded key
/// alone is refused (JOSE needs the seed).
pub(super) fn from_pkcs8(
    level: MlDsaLevel,
    params: Option<der::Tlv<'_>>,
    whole: &[u8],
    octets: &[u8],
) -> Result<Key, KeyError> {
    check_no_params(params)?;
    let what = "ML-DSA private key";
    let (choice, rest) = der::read(octets).map_err(malformed(what))?;
    if !rest.is_empty() {
        return Err(MlDsaError::Pkcs8Form { level }.into());
    }
    match choice.tag {
        tag::IMPLICIT_0 => private(level, choice.content, None, KeyFormat::Pkcs8),
        // An early draft's form: the seed as a plain OCTET STRING; else the expanded key.
        tag::OCTET_STRING if choice.content.len() == MlDsaLevel::SEED_LEN => {
            private(level, choice.content, None, KeyFormat::Pkcs8)
        }
        tag::OCTET_STRING => Err(MlDsaError::private_size(choice.content.len()).into()),
        tag::SEQUENCE => {
            let items = der::children(choice.content).map_err(malformed(what))?;
            let [seed, expanded] = items.as_slice() else {
                return Err(MlDsaError::Pkcs8Form { level }.into());
            };
            if seed.tag != tag::OCTET_STRING || expanded.tag != tag::OCTET_STRING {
                return Err(MlDsaError::Pkcs8Form { level }.into());
            }
            // aws-lc checks that the expanded key is the seed's.
            PqdsaKeyPair::from_pkcs8(signing_alg(level), whole)
                .map_err(|_| MlDsaError::BothDisagree { level })?;
            private(level, seed.content, None, KeyFormat::Pkcs8)
        }
        _ => Err(MlDsaError::Pkcs8Form { level }.into()),
    }
}

/// Signs `message` with an expanded pair: pure ML-DSA, empty context (RFC 9964 section 5).
pub(super) fn sign(
    pair: &PqdsaKeyPair,
    message: &[u8],
) -> Result<Vec<u8>, aws_lc_rs::error::Unspecified> {
    let mut out = vec![0u8; pair.algorithm().signature_len()];
    let len = pair.sign(message, &mut out)?;
    out.truncate(len);
    Ok(out)
}

/// Checks an ML-DSA signature over `message` with a raw public key.
pub(super) fn verify(level: MlDsaLevel, public: &[u8], message: &[u8], signature: &[u8]) -> bool {
    signature.len() == level.signature_len()
        && sig::UnparsedPublicKey::new(verification_alg(level), public)
            .verify(message, signature)
            .is_ok()
}

/// The AKP JWK members of a key (RFC 9964 section 3), in RFC 7638 order for the public part.
pub(super) fn jwk_members(level: MlDsaLevel, public: &[u8]) -> Vec<(&'static str, String)> {
    vec![
        ("alg", level.name().to_string()),
        ("kty", "AKP".to_string()),
        ("pub", b64::encode(public)),
    ]
}

#[cfg(test)]
mod tests;
