//! A minimal self-signed X.509 v3 certificate (RFC 5280) for a freshly generated key, for
//! the `x5c` and `x5u` variants: subject = issuer = one CN, a year of validity, one
//! basicConstraints extension, signed with sha256WithRSAEncryption or ecdsa-with-SHA256.

use super::AttackError;
use crate::core::alg::{Curve, JwsAlg};
use crate::core::claims::NumericDate;
use crate::core::keys::der::{self, tag};
use crate::core::keys::{self, Key, KeyMaterial};
use chrono::{DateTime, Datelike};

/// The subject and issuer common name.
pub(crate) const SUBJECT_CN: &str = "JWT Workbench attack lab";

/// sha256WithRSAEncryption 1.2.840.113549.1.1.11
const SHA256_WITH_RSA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B];
/// ecdsa-with-SHA256 1.2.840.10045.4.3.2
const ECDSA_WITH_SHA256: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02];
/// id-at-commonName 2.5.4.3
const COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];
/// id-ce-basicConstraints 2.5.29.19
const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1D, 0x13];

const UTF8_STRING: u8 = 0x0C;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
/// context-specific constructed [3] (extensions)
const CONTEXT_3: u8 = 0xA3;

/// `SEQUENCE { items... }`.
fn sequence(items: &[Vec<u8>]) -> Vec<u8> {
    der::write(tag::SEQUENCE, &items.concat())
}

/// A Name with one RDN: CN = `cn`.
fn name(cn: &str) -> Vec<u8> {
    let attr = sequence(&[
        der::write(tag::OID, COMMON_NAME),
        der::write(UTF8_STRING, cn.as_bytes()),
    ]);
    sequence(&[der::write(tag::SET, &attr)])
}

/// UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5280 section 4.1.2.5).
fn time(t: NumericDate) -> Result<Vec<u8>, AttackError> {
    let dt = DateTime::from_timestamp(t, 0)
        .filter(|d| (1950..=9999).contains(&d.year()))
        .ok_or(AttackError::Time(t))?;
    Ok(if dt.year() < 2050 {
        der::write(UTC_TIME, dt.format("%y%m%d%H%M%SZ").to_string().as_bytes())
    } else {
        der::write(
            GENERALIZED_TIME,
            dt.format("%Y%m%d%H%M%SZ").to_string().as_bytes(),
        )
    })
}

/// A positive random 16-byte serial number.
fn serial() -> Result<Vec<u8>, AttackError> {
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::fill(&mut bytes)
        .map_err(|_| AttackError::Crypto("drawing a certificate serial number".into()))?;
    if let Some(first) = bytes.first_mut() {
        *first = (*first & 0x7F) | 0x40;
    }
    Ok(der::write_unsigned(&bytes))
}

/// Signs `tbs` with `key` in the certificate's signature algorithm.
fn sign(key: &Key, tbs: &[u8]) -> Result<Vec<u8>, AttackError> {
    match &key.material {
        KeyMaterial::RsaPrivate { .. } => Ok(keys::sign_bytes(key, JwsAlg::RS256, tbs)?),
        KeyMaterial::EcPrivate {
            curve: Curve::P256,
            pkcs8,
            ..
        } => {
            use aws_lc_rs::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair};
            let failed = || AttackError::Crypto("signing the certificate".into());
            let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8)
                .map_err(|_| failed())?;
            let rng = aws_lc_rs::rand::SystemRandom::new();
            pair.sign(&rng, tbs)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| failed())
        }
        _ => Err(AttackError::Crypto(
            "making a certificate: only fresh RSA and EC P-256 keys are certified".into(),
        )),
    }
}

/// The DER of a self-signed certificate for `key` (an RSA or EC P-256 private key), valid
/// from an hour before `now` for a year.
pub(crate) fn self_signed(key: &Key, now: NumericDate) -> Result<Vec<u8>, AttackError> {
    let algorithm = match key.material {
        KeyMaterial::RsaPrivate { .. } => sequence(&[
            der::write(tag::OID, SHA256_WITH_RSA),
            der::write(tag::NULL, &[]),
        ]),
        _ => sequence(&[der::write(tag::OID, ECDSA_WITH_SHA256)]),
    };
    let spki = key
        .spki_der()
        .ok_or_else(|| AttackError::Crypto("reading the fresh public key".into()))?;
    let validity = sequence(&[
        time(now.saturating_sub(3600))?,
        time(now.saturating_add(365 * 24 * 3600))?,
    ]);
    // basicConstraints with cA absent (false), not critical.
    let extension = sequence(&[
        der::write(tag::OID, BASIC_CONSTRAINTS),
        der::write(tag::OCTET_STRING, &sequence(&[])),
    ]);
    let extensions = der::write(CONTEXT_3, &sequence(&[extension]));
    let tbs = sequence(&[
        der::write(tag::CONTEXT_0, &der::write_unsigned(&[2])),
        serial()?,
        algorithm.clone(),
        name(SUBJECT_CN),
        validity,
        name(SUBJECT_CN),
        spki,
        extensions,
    ]);
    let signature = sign(key, &tbs)?;
    let mut bits = vec![0u8];
    bits.extend(signature);
    Ok(sequence(&[
        tbs,
        algorithm,
        der::write(tag::BIT_STRING, &bits),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_switch_to_generalized_time_in_2050() {
        assert_eq!(time(0).unwrap(), der::write(UTC_TIME, b"700101000000Z"));
        assert_eq!(
            time(2_524_608_000).unwrap(),
            der::write(GENERALIZED_TIME, b"20500101000000Z")
        );
        assert_eq!(time(i64::MAX).unwrap_err(), AttackError::Time(i64::MAX));
    }
}
