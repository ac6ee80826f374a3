//! DER key containers: PKCS#1 (RSA), PKCS#8, SEC1 (EC) and SubjectPublicKeyInfo.

use super::der::{self, Tlv, oid, tag};
use super::error::{Malformed, malformed};
use super::{Key, KeyError, KeyFormat, KeyMaterial, mldsa, x25519};
use crate::core::alg::Curve;
use crate::core::b64;
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING,
    ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair, EcdsaSigningAlgorithm, Ed25519KeyPair, KeyPair,
};

/// An RSA private key from PKCS#1 `RSAPrivateKey` DER.
pub(crate) fn rsa_private_from_pkcs1(pkcs1: &[u8], format: KeyFormat) -> Result<Key, KeyError> {
    let what = "PKCS#1 RSA private key";
    let err = malformed(what);
    let seq = der::expect_whole(pkcs1, tag::SEQUENCE, "RSAPrivateKey").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let (Some(n), Some(e)) = (items.get(1), items.get(2)) else {
        return Err(KeyError::invalid(what, "too few members"));
    };
    let (n, e) = (der::unsigned(n.content), der::unsigned(e.content));
    let bits = check_rsa_size(&n)?;
    // The backend refuses weak keys outright; those load for verifying only (Key::warnings).
    let pair = if bits >= super::RSA_MIN_BITS {
        Some(
            aws_lc_rs::rsa::KeyPair::from_der(pkcs1).map_err(|e| KeyError::Rejected {
                what: "RSA private key".into(),
                detail: e.to_string(),
            })?,
        )
    } else {
        None
    };
    let key = Key::new(
        KeyMaterial::RsaPrivate {
            pkcs1: pkcs1.to_vec(),
            n,
            e,
        },
        format,
    );
    // The checked key pair signs later: parsing and checking it again costs ~170 µs.
    Ok(match pair {
        Some(pair) => key.keeping_rsa_pair(pair),
        None => key,
    })
}

/// Checks an RSA modulus size and returns it in bits: under 1024 is refused, 1024 to 2047
/// loads with a warning, over 8192 is refused.
pub(crate) fn check_rsa_size(n: &[u8]) -> Result<usize, KeyError> {
    let lead = n.first().map_or(0, |b| b.leading_zeros() as usize);
    let bits = (n.len() * 8).saturating_sub(lead);
    if bits < 1024 {
        return Err(KeyError::RsaTooSmall(bits));
    }
    if bits > 8192 {
        return Err(KeyError::RsaTooLarge(bits));
    }
    Ok(bits)
}

pub(crate) fn rsa_public_from_pkcs1(bytes: &[u8], format: KeyFormat) -> Result<Key, KeyError> {
    let what = "RSA public key";
    let err = malformed(what);
    let seq = der::expect_whole(bytes, tag::SEQUENCE, "RSAPublicKey").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let [n, e] = items.as_slice() else {
        return Err(KeyError::invalid(
            what,
            "expected the modulus and the exponent",
        ));
    };
    if n.tag != tag::INTEGER || e.tag != tag::INTEGER {
        return Err(KeyError::invalid(
            what,
            "modulus and exponent must be INTEGERs",
        ));
    }
    let (n, e) = (der::unsigned(n.content), der::unsigned(e.content));
    check_rsa_size(&n)?;
    Ok(Key::new(KeyMaterial::RsaPublic { n, e }, format))
}

fn algorithm_identifier<'a>(alg: &Tlv<'a>) -> Result<(&'a [u8], Option<Tlv<'a>>), KeyError> {
    let what = "AlgorithmIdentifier";
    if alg.tag != tag::SEQUENCE {
        return Err(KeyError::invalid(what, "expected a SEQUENCE"));
    }
    let items = der::children(alg.content).map_err(malformed(what))?;
    match items.as_slice() {
        [o, rest @ ..] if o.tag == tag::OID => Ok((o.content, rest.first().copied())),
        _ => Err(KeyError::invalid(what, "expected an OBJECT IDENTIFIER")),
    }
}

fn unsupported_oid(o: &[u8]) -> KeyError {
    if let Some(Err(e)) = mldsa::classify_oid(o) {
        return e;
    }
    match o {
        oid::RSA_PSS => KeyError::RsaPssOid,
        oid::ED448 => KeyError::Ed448,
        oid::X448 => KeyError::X448,
        _ => KeyError::UnknownOid {
            hex: b64::encode_hex(o),
        },
    }
}

fn curve_from_params(params: Option<Tlv<'_>>) -> Result<Curve, KeyError> {
    match params {
        Some(p) if p.tag == tag::OID => match p.content {
            oid::P256 => Ok(Curve::P256),
            oid::P384 => Ok(Curve::P384),
            oid::P521 => Ok(Curve::P521),
            oid::SECP256K1 => Err(KeyError::Secp256k1),
            other => Err(KeyError::UnknownCurve {
                hex: b64::encode_hex(other),
            }),
        },
        _ => Err(KeyError::UnnamedCurve),
    }
}

/// The ECDSA signing parameters of a curve.
pub(crate) fn signing_alg(curve: Curve) -> &'static EcdsaSigningAlgorithm {
    match curve {
        Curve::P256 => &ECDSA_P256_SHA256_FIXED_SIGNING,
        Curve::P384 => &ECDSA_P384_SHA384_FIXED_SIGNING,
        Curve::P521 => &ECDSA_P521_SHA512_FIXED_SIGNING,
    }
}

/// An EC private key from a backend key pair, kept as PKCS#8 with its public point.
pub(crate) fn ec_private_from_pair(
    curve: Curve,
    pair: &EcdsaKeyPair,
    format: KeyFormat,
) -> Result<Key, KeyError> {
    let pkcs8 = pair.to_pkcs8v1().map_err(|_| KeyError::ReEncode("EC"))?;
    let point = pair.public_key().as_ref().to_vec();
    Ok(Key::new(
        KeyMaterial::EcPrivate {
            curve,
            pkcs8: pkcs8.as_ref().to_vec(),
            point,
        },
        format,
    ))
}

/// Checks an uncompressed EC point's form and size.
pub(crate) fn ec_point(curve: Curve, point: &[u8]) -> Result<Vec<u8>, KeyError> {
    let want = 1 + 2 * curve.coordinate_len();
    match point.first() {
        Some(4) if point.len() == want => Ok(point.to_vec()),
        Some(2 | 3) => Err(KeyError::CompressedPoint),
        _ => Err(KeyError::PointSize {
            curve: curve.name(),
            want,
            got: point.len(),
        }),
    }
}

/// Checks an Ed25519 seed's size.
pub(crate) fn ed_seed_checked(seed: &[u8]) -> Result<(), KeyError> {
    if seed.len() != 32 {
        return Err(KeyError::EdSeedSize(seed.len()));
    }
    Ok(())
}

/// Checks an Ed25519 public key's size.
pub(crate) fn ed_public_checked(public: &[u8]) -> Result<Vec<u8>, KeyError> {
    if public.len() != 32 {
        return Err(KeyError::EdPublicSize(public.len()));
    }
    Ok(public.to_vec())
}

/// An Ed25519 private key from a backend key pair.
pub(crate) fn ed_private_from_pair(
    pair: &Ed25519KeyPair,
    format: KeyFormat,
) -> Result<Key, KeyError> {
    let pkcs8 = pair
        .to_pkcs8v1()
        .map_err(|_| KeyError::ReEncode("Ed25519"))?;
    Ok(Key::new(
        KeyMaterial::EdPrivate {
            pkcs8: pkcs8.as_ref().to_vec(),
            public: pair.public_key().as_ref().to_vec(),
        },
        format,
    ))
}

pub(crate) fn from_pkcs8(bytes: &[u8]) -> Result<Key, KeyError> {
    let what = "PKCS#8 private key";
    let err = malformed(what);
    let seq = der::expect_whole(bytes, tag::SEQUENCE, "PrivateKeyInfo").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let (Some(alg), Some(private)) = (items.get(1), items.get(2)) else {
        return Err(KeyError::invalid(what, "too few members"));
    };
    if alg.tag == tag::SEQUENCE && private.tag != tag::OCTET_STRING {
        return Err(KeyError::invalid(
            what,
            "the private key is not an OCTET STRING",
        ));
    }
    let (o, params) = algorithm_identifier(alg)?;
    match o {
        oid::RSA => rsa_private_from_pkcs1(private.content, KeyFormat::Pkcs8),
        oid::EC_PUBLIC_KEY => {
            let curve = curve_from_params(params)?;
            let pair = EcdsaKeyPair::from_pkcs8(signing_alg(curve), bytes).map_err(|e| {
                KeyError::Rejected {
                    what: format!("EC {} private key", curve.name()),
                    detail: e.to_string(),
                }
            })?;
            ec_private_from_pair(curve, &pair, KeyFormat::Pkcs8)
        }
        oid::ED25519 => {
            let seed = der::expect_whole(private.content, tag::OCTET_STRING, "the Ed25519 seed")
                .map_err(malformed("Ed25519 private key"))?;
            ed_seed_checked(seed.content)?;
            let pair = Ed25519KeyPair::from_pkcs8(bytes).map_err(|e| KeyError::Rejected {
                what: "Ed25519 private key".into(),
                detail: e.to_string(),
            })?;
            ed_private_from_pair(&pair, KeyFormat::Pkcs8)
        }
        oid::X25519 => {
            let d = der::expect_whole(private.content, tag::OCTET_STRING, "CurvePrivateKey")
                .map_err(malformed("X25519 private key"))?;
            x25519::private(d.content, None, KeyFormat::Pkcs8)
        }
        other => match mldsa::classify_oid(other) {
            Some(Ok(level)) => mldsa::from_pkcs8(level, params, bytes, private.content),
            _ => Err(unsupported_oid(other)),
        },
    }
}

pub(crate) fn ec_private_from_sec1(bytes: &[u8]) -> Result<Key, KeyError> {
    let what = "SEC1 EC private key";
    let err = malformed(what);
    let seq = der::expect_whole(bytes, tag::SEQUENCE, "ECPrivateKey").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let private = items
        .get(1)
        .ok_or_else(|| KeyError::invalid(what, "no private key member"))?;
    let named = items
        .iter()
        .find(|t| t.tag == tag::CONTEXT_0)
        .and_then(|t| der::read(t.content).ok().map(|(inner, _)| inner));
    let curve = match named {
        Some(p) => curve_from_params(Some(p))?,
        None => match private.content.len() {
            32 => Curve::P256,
            48 => Curve::P384,
            66 => Curve::P521,
            n => return Err(KeyError::invalid(what, Malformed::CurveBySize(n))),
        },
    };
    let pair = EcdsaKeyPair::from_private_key_der(signing_alg(curve), bytes).map_err(|e| {
        KeyError::Rejected {
            what: format!("EC {} private key", curve.name()),
            detail: e.to_string(),
        }
    })?;
    ec_private_from_pair(curve, &pair, KeyFormat::Sec1)
}

/// A public key from SubjectPublicKeyInfo DER.
pub(crate) fn from_spki(bytes: &[u8], format: KeyFormat) -> Result<Key, KeyError> {
    let what = "SubjectPublicKeyInfo";
    let err = malformed(what);
    let seq = der::expect_whole(bytes, tag::SEQUENCE, "SubjectPublicKeyInfo").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let [alg, bits] = items.as_slice() else {
        return Err(KeyError::invalid(
            what,
            "expected an algorithm and a BIT STRING",
        ));
    };
    if bits.tag != tag::BIT_STRING {
        return Err(KeyError::invalid(what, "the key is not a BIT STRING"));
    }
    let key_bytes = der::bit_string_bytes(bits.content).map_err(&err)?;
    let (o, params) = algorithm_identifier(alg)?;
    match o {
        oid::RSA => rsa_public_from_pkcs1(key_bytes, format),
        oid::EC_PUBLIC_KEY => {
            let curve = curve_from_params(params)?;
            let point = ec_point(curve, key_bytes)?;
            Ok(Key::new(KeyMaterial::EcPublic { curve, point }, format))
        }
        oid::ED25519 => {
            let public = ed_public_checked(key_bytes)?;
            Ok(Key::new(KeyMaterial::EdPublic { public }, format))
        }
        oid::X25519 => x25519::public(key_bytes, format),
        other => match mldsa::classify_oid(other) {
            Some(Ok(level)) => mldsa::from_spki(level, params, key_bytes, format),
            _ => Err(unsupported_oid(other)),
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_loaded_rsa_key_keeps_the_pair_it_was_checked_with() {
        let pem = include_str!("../../../tests/fixtures/rsa2048.pkcs8.pem");
        let file = crate::core::keys::load_key_bytes(pem.as_bytes()).unwrap();
        assert_eq!(format!("{:?}", file.keys[0].cache), "KeyCache(built)");
        let legacy = include_str!("../../../tests/fixtures/rsa1024.pkcs8.pem");
        let weak = crate::core::keys::load_key_bytes(legacy.as_bytes()).unwrap();
        assert_eq!(format!("{:?}", weak.keys[0].cache), "KeyCache(empty)");
    }

    #[test]
    fn wiping_key_material_zeroes_only_what_is_secret() {
        use crate::core::keys::KeyMaterial;
        let mut secret = KeyMaterial::Secret(b"hunter2".to_vec());
        secret.wipe();
        assert!(matches!(&secret, KeyMaterial::Secret(b) if b.is_empty()));
        let pem = include_str!("../../../tests/fixtures/rsa2048.pkcs8.pem");
        let mut key = crate::core::keys::load_key_bytes(pem.as_bytes()).unwrap();
        let mut material = key.keys.remove(0).material.clone();
        material.wipe();
        let KeyMaterial::RsaPrivate { pkcs1, n, e } = &material else {
            panic!("an RSA private key");
        };
        assert!(pkcs1.is_empty(), "the private key is gone");
        assert_eq!(
            (n.len(), e.as_slice()),
            (256, &[1u8, 0, 1][..]),
            "the public half stays"
        );
    }
}
