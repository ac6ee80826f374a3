use super::*;
use crate::core::keys::{Purpose, load_key_bytes, sign_bytes, verify_bytes};

/// RFC 9964 appendix A.1: the all-zero seed's ML-DSA-44 key, its kid the RFC 7638 thumbprint.
const RFC9964_A1: &str = include_str!("../../../../tests/fixtures/modern/rfc9964-appendix-a1.json");

fn a1_jwk(index: usize) -> Value {
    let v: Value = serde_json::from_str(RFC9964_A1).unwrap();
    v["examples"][index]["jwk"].clone()
}

#[test]
fn a_seed_gives_the_rfc_public_key_and_thumbprint() {
    for (i, level) in MlDsaLevel::ALL.into_iter().enumerate() {
        let jwk = a1_jwk(i);
        let key = load_key_bytes(jwk.to_string().as_bytes()).unwrap().keys[0].clone();
        assert_eq!(key.family(), Family::MlDsa(level));
        assert!(key.is_private());
        assert_eq!(key.thumbprint(), jwk["kid"].as_str().unwrap());
        assert_eq!(
            key.describe(),
            format!(
                "{level} private key, JWK, kid \"{}\"",
                jwk["kid"].as_str().unwrap()
            )
        );
        assert_eq!(key.algorithms(), vec![level.alg()]);
        let out = key.to_jwk(true).unwrap();
        for m in ["kty", "alg", "pub", "priv", "kid"] {
            assert_eq!(out[m], jwk[m], "{level} {m}");
        }
        assert_eq!(out["use"], "sig");
        let public = key.to_jwk(false).unwrap();
        assert!(!public.contains_key("priv"));
    }
}

#[test]
fn pkcs8_and_spki_round_trip_and_agree_with_aws_lc() {
    for level in MlDsaLevel::ALL {
        let seed = [7u8; 32];
        let key = private(level, &seed, None, KeyFormat::Generated).unwrap();
        let der = key.pkcs8_der().unwrap();
        // aws-lc reads our seed form and gives the same public key.
        let theirs = PqdsaKeyPair::from_pkcs8(signing_alg(level), &der).unwrap();
        let KeyMaterial::MlDsaPrivate { public, .. } = &key.material else {
            panic!()
        };
        assert_eq!(theirs.public_key().as_ref(), public.as_slice());
        // And we read aws-lc's own PKCS#8 of a generated key.
        let made = PqdsaKeyPair::generate(signing_alg(level)).unwrap();
        let back = load_key_bytes(made.to_pkcs8v1().unwrap().as_ref())
            .unwrap()
            .keys[0]
            .clone();
        let KeyMaterial::MlDsaPrivate { public, .. } = &back.material else {
            panic!()
        };
        assert_eq!(made.public_key().as_ref(), public.as_slice());
        // PEM both ways, and SPKI to the public half.
        let again = load_key_bytes(key.private_pem().unwrap().as_bytes()).unwrap();
        assert_eq!(again.keys[0].material, key.material);
        let spki = load_key_bytes(key.public_pem().unwrap().as_bytes()).unwrap();
        assert_eq!(spki.keys[0].material, key.public_half().material);
        assert_eq!(
            spki.keys[0].describe(),
            format!("{level} public key, SPKI (PEM)")
        );
    }
}

#[test]
fn signatures_verify_and_what_is_wrong_is_refused() {
    let key = private(MlDsaLevel::L44, &[1u8; 32], None, KeyFormat::Generated).unwrap();
    let msg = b"header.payload";
    let sig = sign_bytes(&key, JwsAlg::MlDsa44, msg).unwrap();
    assert_eq!(sig.len(), 2420);
    let public = key.public_half();
    assert!(verify_bytes(&public, JwsAlg::MlDsa44, msg, &sig).unwrap());
    assert!(!verify_bytes(&public, JwsAlg::MlDsa44, b"header.payloaD", &sig).unwrap());
    assert!(!verify_bytes(&public, JwsAlg::MlDsa44, msg, &sig[..64]).unwrap());
    // Another level, an ES256 name: the key does not fit.
    assert!(verify_bytes(&public, JwsAlg::MlDsa65, msg, &sig).is_err());
    assert!(public.check_fits(JwsAlg::ES256, Purpose::Verify).is_err());
    assert!(sign_bytes(&public, JwsAlg::MlDsa44, msg).is_err());
}

#[test]
fn seeds_expanded_keys_and_mismatched_pairs() {
    let err = |jwk: Value| {
        load_key_bytes(jwk.to_string().as_bytes())
            .unwrap_err()
            .to_string()
    };
    let mut jwk = a1_jwk(0);
    jwk["priv"] = b64::encode(&[0u8; 2560]).into();
    let e = err(jwk.clone());
    assert!(
        e.contains("2560-byte expanded ML-DSA-44 private key") && e.contains("32-byte seed"),
        "{e}"
    );
    jwk["priv"] = b64::encode(&[0u8; 31]).into();
    assert!(
        err(jwk.clone()).contains("32-byte seed"),
        "{}",
        err(jwk.clone())
    );
    jwk["priv"] = b64::encode(&[9u8; 32]).into();
    let e = err(jwk.clone());
    assert!(
        e.contains("mismatched pair is refused (RFC 9964 section 7.4)"),
        "{e}"
    );
    let mut jwk = a1_jwk(0);
    jwk.as_object_mut().unwrap().remove("alg");
    assert!(err(jwk.clone()).contains("must name its algorithm in \"alg\""));
    jwk["alg"] = "ML-DSA-65".into();
    let e = err(jwk.clone());
    assert!(
        e.contains(
            "an ML-DSA-65 public key is 1952 bytes; this one has 1312 (the size of an ML-DSA-44 key"
        ),
        "{e}"
    );
    jwk["alg"] = "SLH-DSA-SHA2-128s".into();
    assert!(err(jwk.clone()).contains("SLH-DSA (FIPS 205) is not supported"));
    jwk["alg"] = "ES256".into();
    assert!(err(jwk).contains("ML-DSA-44, ML-DSA-65 and ML-DSA-87 are"));
}

#[test]
fn pkcs8_forms() {
    let level = MlDsaLevel::L65;
    let seed = [3u8; 32];
    let wrap = |inner: Vec<u8>| {
        let mut body = der::write_unsigned(&[0]);
        body.extend(der::write(
            tag::SEQUENCE,
            &der::write(tag::OID, oid::ML_DSA_65),
        ));
        body.extend(der::write(tag::OCTET_STRING, &inner));
        der::write(tag::SEQUENCE, &body)
    };
    let pair = key_pair(level, &seed).unwrap();
    use aws_lc_rs::encoding::AsRawBytes;
    let expanded = pair.private_key().as_raw_bytes().unwrap().as_ref().to_vec();
    assert_eq!(expanded.len(), 4032);
    // The expanded key alone: refused, saying so.
    let e = load_key_bytes(&wrap(der::write(tag::OCTET_STRING, &expanded))).unwrap_err();
    assert!(
        matches!(e, KeyError::MlDsa(MlDsaError::Expanded { got: 4032, .. })),
        "{e}"
    );
    // Both, agreeing: read; both, disagreeing: refused.
    let both = |s: &[u8]| {
        let mut b = der::write(tag::OCTET_STRING, s);
        b.extend(der::write(tag::OCTET_STRING, &expanded));
        wrap(der::write(tag::SEQUENCE, &b))
    };
    let key = load_key_bytes(&both(&seed)).unwrap().keys[0].clone();
    assert_eq!(key.pkcs8_der().unwrap(), pkcs8(level, &seed));
    let e = load_key_bytes(&both(&[4u8; 32])).unwrap_err();
    assert!(
        matches!(e, KeyError::MlDsa(MlDsaError::BothDisagree { .. })),
        "{e}"
    );
    // SLH-DSA and HashML-DSA OIDs are named.
    let mut slh = oid::NIST_SIG_ALGS.to_vec();
    slh.push(20);
    assert!(matches!(
        classify_oid(&slh),
        Some(Err(KeyError::MlDsa(MlDsaError::Unsupported {
            what: "SLH-DSA",
            ..
        })))
    ));
    let mut hash = oid::NIST_SIG_ALGS.to_vec();
    hash.push(33);
    assert!(matches!(
        classify_oid(&hash),
        Some(Err(KeyError::MlDsa(MlDsaError::Unsupported {
            what: "HashML-DSA",
            ..
        })))
    ));
}

#[test]
fn aws_lc_signing_is_hedged() {
    // Two signatures of one message differ (FIPS 204 hedged signing): the fixtures' tokens
    // are not reproduced byte for byte, they are cross-verified.
    let key = private(MlDsaLevel::L44, &[1u8; 32], None, KeyFormat::Generated).unwrap();
    let a = sign_bytes(&key, JwsAlg::MlDsa44, b"m").unwrap();
    let b = sign_bytes(&key, JwsAlg::MlDsa44, b"m").unwrap();
    assert_ne!(a, b);
}
