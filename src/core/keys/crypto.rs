//! Signing and verifying bytes with a loaded key: jsonwebtoken for most algorithms, aws-lc-rs
//! directly for ES512 and for legacy (under 2048-bit) RSA verification.

use super::{Key, KeyError, KeyMaterial, Purpose, RSA_MIN_BITS};
use crate::core::alg::{Family, JwsAlg};
use crate::core::error::{Error, Result};

impl Key {
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
        return Err(KeyError::WrongKind {
            alg,
            needs: alg.needs(true),
            is: key.kind_words(),
            hint: String::new(),
        }
        .into());
    };
    let sig = jsonwebtoken::crypto::sign(message, &ekey, jalg)
        .map_err(|e| Error::Signing(e.to_string()))?;
    crate::core::b64::decode_strict(&sig).map_err(Error::Signing)
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
    let sig_text = crate::core::b64::encode(signature);
    jsonwebtoken::crypto::verify(&sig_text, message, &key.decoding_key(), jalg).map_err(|e| {
        KeyError::Unusable {
            alg,
            detail: e.to_string(),
        }
        .into()
    })
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

fn es512_sign(key: &Key, message: &[u8]) -> Result<Vec<u8>> {
    use aws_lc_rs::signature::{ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair};
    let KeyMaterial::EcPrivate { pkcs8, .. } = &key.material else {
        return Err(KeyError::WrongKind {
            alg: JwsAlg::ES512,
            needs: JwsAlg::ES512.needs(true),
            is: key.kind_words(),
            hint: String::new(),
        }
        .into());
    };
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P521_SHA512_FIXED_SIGNING, pkcs8).map_err(|e| {
        KeyError::Rejected {
            what: "EC P-521 private key".into(),
            detail: e.to_string(),
        }
    })?;
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
            return Err(KeyError::WrongKind {
                alg: JwsAlg::ES512,
                needs: JwsAlg::ES512.needs(false),
                is: key.kind_words(),
                hint: String::new(),
            }
            .into());
        }
    };
    Ok(UnparsedPublicKey::new(&ECDSA_P521_SHA512_FIXED, point)
        .verify(message, signature)
        .is_ok())
}
