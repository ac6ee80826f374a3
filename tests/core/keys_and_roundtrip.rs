//! Every algorithm round-trips; every key container loads and is described; every key
//! error path gives its message.

use crate::common::*;
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::core::verify::{SignatureStatus, Unchecked};
use jwt_workbench::core::{
    alg::JwsAlg,
    sign::{Layout, sign},
    token::inspect,
    verify::{Policy, verify},
};

fn private_fixture(alg: JwsAlg) -> keys::Key {
    match alg {
        JwsAlg::HS256 | JwsAlg::HS384 | JwsAlg::HS512 => keys::parse_secret_spec(
            "b64:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA",
        )
        .unwrap(),
        JwsAlg::ES256 => fixture_key("ec256.sec1.pem", Purpose::Sign),
        JwsAlg::ES384 => fixture_key("ec384.pkcs8.pem", Purpose::Sign),
        JwsAlg::ES512 => fixture_key("ec521.pkcs8.pem", Purpose::Sign),
        JwsAlg::EdDSA | JwsAlg::Ed25519 => fixture_key("ed25519.pkcs8.pem", Purpose::Sign),
        JwsAlg::MlDsa44 => fixture_key("ml-dsa-44.pkcs8.pem", Purpose::Sign),
        JwsAlg::MlDsa65 => fixture_key("ml-dsa-65.pkcs8.pem", Purpose::Sign),
        JwsAlg::MlDsa87 => fixture_key("ml-dsa-87.pkcs8.pem", Purpose::Sign),
        _ => fixture_key("rsa2048.pkcs1.pem", Purpose::Sign),
    }
}

fn public_fixture(alg: JwsAlg) -> keys::Key {
    match alg {
        JwsAlg::HS256 | JwsAlg::HS384 | JwsAlg::HS512 => private_fixture(alg),
        JwsAlg::ES256 => fixture_key("ec256.spki.pem", Purpose::Verify),
        JwsAlg::ES384 => fixture_key("ec384.spki.pem", Purpose::Verify),
        JwsAlg::ES512 => fixture_key("ec521.spki.pem", Purpose::Verify),
        JwsAlg::EdDSA | JwsAlg::Ed25519 => fixture_key("ed25519.spki.pem", Purpose::Verify),
        JwsAlg::MlDsa44 => fixture_key("ml-dsa-44.spki.pem", Purpose::Verify),
        JwsAlg::MlDsa65 => fixture_key("ml-dsa-65.spki.pem", Purpose::Verify),
        JwsAlg::MlDsa87 => fixture_key("ml-dsa-87.spki.pem", Purpose::Verify),
        _ => fixture_key("rsa2048.cert.pem", Purpose::Verify),
    }
}

#[test]
fn all_algorithms_round_trip_with_exact_json() {
    let payload =
        "{\n  \"sub\": \"42\",\n  \"big\": 12345678901234567890123,\n  \"name\": \"Zoë\"\n}";
    for alg in JwsAlg::ALL {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT","x-custom":[1,2]}}"#);
        let token = sign(&header, payload, &private_fixture(alg), Layout::Minified).unwrap();
        let insp = inspect(&token).unwrap();
        assert_eq!(
            insp.header_bytes.as_ref().unwrap(),
            header.as_bytes(),
            "{alg}: header kept exactly"
        );
        assert_eq!(
            insp.payload_bytes.as_ref().unwrap(),
            r#"{"sub":"42","big":12345678901234567890123,"name":"Zoë"}"#.as_bytes(),
            "{alg}: payload minified, numbers kept"
        );
        for k in [private_fixture(alg), public_fixture(alg)] {
            let r = verify(&insp, Some(&k), &Policy::default(), 0);
            assert_eq!(
                r.signature,
                SignatureStatus::Valid,
                "{alg} with {}",
                k.describe()
            );
            assert!(r.valid());
        }
        // Flip one signature character: invalid, not an error.
        let mut bad = token.clone().into_bytes();
        let at = token.rfind('.').unwrap() + 5;
        bad[at] = if bad[at] == b'A' { b'B' } else { b'A' };
        let bad = String::from_utf8(bad).unwrap();
        let r = verify(
            &inspect(&bad).unwrap(),
            Some(&public_fixture(alg)),
            &Policy::default(),
            0,
        );
        assert_eq!(r.signature, SignatureStatus::Invalid, "{alg}");
    }
    // As typed: the whitespace and newlines go into the token.
    let token = sign(
        r#"{"alg":"HS256"}"#,
        payload,
        &private_fixture(JwsAlg::HS256),
        Layout::AsTyped,
    )
    .unwrap();
    assert_eq!(
        inspect(&token).unwrap().payload_bytes.unwrap(),
        payload.as_bytes()
    );
}

#[test]
fn every_container_is_detected_and_described() {
    for (file, purpose, want) in [
        (
            "rsa2048.pkcs1.pem",
            Purpose::Sign,
            "RSA 2048 private key, PKCS#1 (PEM)",
        ),
        (
            "rsa2048.pkcs8.pem",
            Purpose::Sign,
            "RSA 2048 private key, PKCS#8 (PEM)",
        ),
        (
            "rsa2048.pkcs8.der",
            Purpose::Sign,
            "RSA 2048 private key, PKCS#8",
        ),
        (
            "rsa2048.pkcs1.der",
            Purpose::Sign,
            "RSA 2048 private key, PKCS#1",
        ),
        (
            "rsa2048.spki.pem",
            Purpose::Verify,
            "RSA 2048 public key, SPKI (PEM)",
        ),
        (
            "rsa2048.spki.der",
            Purpose::Verify,
            "RSA 2048 public key, SPKI",
        ),
        (
            "rsa2048.pkcs1-public.pem",
            Purpose::Verify,
            "RSA 2048 public key, PKCS#1 (PEM)",
        ),
        (
            "rsa2048.cert.pem",
            Purpose::Verify,
            "RSA 2048 public key, X.509 certificate (PEM), subject CN=JWT Workbench test, valid 2026-11-24 to 2126-10-31",
        ),
        (
            "ec256.sec1.pem",
            Purpose::Sign,
            "EC P-256 private key, SEC1 (PEM)",
        ),
        (
            "ec256.pkcs8.pem",
            Purpose::Sign,
            "EC P-256 private key, PKCS#8 (PEM)",
        ),
        (
            "ec256.spki.pem",
            Purpose::Verify,
            "EC P-256 public key, SPKI (PEM)",
        ),
        (
            "ec384.pkcs8.pem",
            Purpose::Sign,
            "EC P-384 private key, PKCS#8 (PEM)",
        ),
        (
            "ec521.spki.pem",
            Purpose::Verify,
            "EC P-521 public key, SPKI (PEM)",
        ),
        (
            "ed25519.pkcs8.pem",
            Purpose::Sign,
            "Ed25519 private key, PKCS#8 (PEM)",
        ),
        (
            "ed25519.spki.pem",
            Purpose::Verify,
            "Ed25519 public key, SPKI (PEM)",
        ),
    ] {
        assert_eq!(fixture_key(file, purpose).describe(), want, "{file}");
    }
    assert_eq!(key(A3_JWK).describe(), "EC P-256 private key, JWK");
    assert_eq!(
        key(RFC7520_HMAC).describe(),
        "HMAC secret, 32 bytes (256 bits), JWK, kid \"018c0ae5-4d9b-471b-bfd6-eef314bc7037\""
    );
    // PKCS#1 and PKCS#8 forms of one key sign identically (RSA PKCS#1 v1.5 is deterministic).
    let a = keys::sign_bytes(
        &fixture_key("rsa2048.pkcs1.pem", Purpose::Sign),
        JwsAlg::RS256,
        b"x",
    )
    .unwrap();
    let b = keys::sign_bytes(
        &fixture_key("rsa2048.pkcs8.der", Purpose::Sign),
        JwsAlg::RS256,
        b"x",
    )
    .unwrap();
    assert_eq!(a, b);
}

#[test]
fn wrong_key_for_the_algorithm_says_what_fits() {
    let ec = fixture_key("ec384.pkcs8.pem", Purpose::Sign);
    let e = sign(r#"{"alg":"ES256"}"#, "{}", &ec, Layout::Minified)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "ES256 needs an EC P-256 private key; this is an EC P-384 private key (it fits ES384)"
    );
    let rsa_pub = fixture_key("rsa2048.spki.pem", Purpose::Verify);
    let e = sign(r#"{"alg":"ES256"}"#, "{}", &rsa_pub, Layout::Minified)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "ES256 needs an EC P-256 private key; this is an RSA public key (it fits RS256, RS384, RS512, PS256, PS384, PS512)"
    );
    let e = sign(r#"{"alg":"RS256"}"#, "{}", &rsa_pub, Layout::Minified)
        .unwrap_err()
        .to_string();
    assert!(e.ends_with("(a public key can only verify)"), "{e}");
    // Verifying: an EC key against an RS256 token is a mismatch, not "invalid signature".
    let r = verify(
        &inspect(A2_TOKEN).unwrap(),
        Some(&ec),
        &Policy::default(),
        0,
    );
    assert!(
        matches!(
            r.signature,
            SignatureStatus::Unchecked(Unchecked::KeyMismatch, _)
        ),
        "{:?}",
        r.signature
    );
    // The user's algorithm list wins over the token's alg.
    let only_rs = Policy {
        algorithms: vec![JwsAlg::RS256],
        ..Policy::default()
    };
    let r = verify(&inspect(A1_TOKEN).unwrap(), Some(&key(A1_JWK)), &only_rs, 0);
    assert!(
        matches!(&r.signature, SignatureStatus::Unchecked(Unchecked::AlgNotAllowed, t) if t.contains("only RS256"))
    );
}

/// The key-confusion attack: an RS256 token re-signed as HS256 with the public key's PEM
/// text as the HMAC secret. Refused at the key, and never valid with the RSA key.
#[test]
fn key_confusion_is_refused() {
    let pem = std::fs::read_to_string(fixture("rsa2048.spki.pem")).unwrap();
    let e = keys::parse_secret_spec(&pem).unwrap_err().to_string();
    assert!(e.contains("key-confusion"), "{e}");
    let e = keys::parse_secret_spec(&format!("@{}", fixture("rsa2048.cert.pem").display()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("an RSA public key"), "{e}");
    // Forge with jsonwebtoken directly (it accepts PEM text as a secret) and verify with the RSA key.
    let forged_input = format!(
        "{}.{}",
        jwt_workbench::core::b64::encode(br#"{"alg":"HS256"}"#),
        jwt_workbench::core::b64::encode(b"{}")
    );
    let sig = jsonwebtoken::crypto::sign(
        forged_input.as_bytes(),
        &jsonwebtoken::EncodingKey::from_secret(pem.as_bytes()),
        jsonwebtoken::Algorithm::HS256,
    )
    .unwrap();
    let forged = format!("{forged_input}.{sig}");
    let r = verify(
        &inspect(&forged).unwrap(),
        Some(&fixture_key("rsa2048.spki.pem", Purpose::Verify)),
        &Policy::default(),
        0,
    );
    assert!(!r.valid());
    assert!(matches!(
        r.signature,
        SignatureStatus::Unchecked(Unchecked::KeyMismatch, _)
    ));
}

#[test]
fn bad_key_files_give_clear_messages() {
    let load = |name: &str| keys::load_key_file(&fixture(name)).unwrap_err().to_string();
    assert!(load("ec256.encrypted.pem").contains("encrypted with a password"));
    assert!(load("junk.bin").contains("binary data"));
    assert!(load("does-not-exist.pem").starts_with("cannot read key file"));
    let bytes = |b: &[u8]| keys::load_key_bytes(b).unwrap_err().to_string();
    assert!(bytes(b"").contains("empty"));
    assert!(bytes(b"just some words").contains("not a key"));
    let pem = std::fs::read_to_string(fixture("ec256.pkcs8.pem")).unwrap();
    let cut = &pem[..pem.len() - 30];
    assert!(
        bytes(cut.as_bytes()).contains("no END line"),
        "{}",
        bytes(cut.as_bytes())
    );
    assert!(bytes(&vec![b'A'; (1 << 20) + 1]).contains("limit 1 MiB"));
    let short_ed = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0"}"#;
    assert!(bytes(short_ed.as_bytes()).contains("32-byte seed; this one has 12 bytes"));
    let short_pub = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKx"}"#;
    assert!(bytes(short_pub.as_bytes()).contains("32 bytes; this one has 6"));
    assert!(bytes(br#"{"kty":"EC","crv":"secp256k1","x":"","y":""}"#).contains("not supported"));
    let e = bytes(br#"{"kty":"RSA", "n": 1,}"#);
    assert_eq!(
        e,
        "JWK is not valid JSON at line 1 column 22: trailing comma"
    );
    let mut der = std::fs::read(fixture("rsa2048.spki.der")).unwrap();
    der.truncate(100);
    assert!(bytes(&der).contains("DER"), "{}", bytes(&der));
}

#[test]
fn jwks_picks_by_kid_and_skips_unsupported_keys() {
    let jwks = format!(
        r#"{{"keys":[{{"kty":"EC","crv":"secp256k1","kid":"k1","x":"a","y":"b"}},{hmac},{{"kty":"OKP","crv":"Ed25519","kid":"ed","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}]}}"#,
        hmac = RFC7520_HMAC
    );
    let file = keys::load_key_bytes(jwks.as_bytes()).unwrap();
    assert_eq!(file.keys.len(), 2);
    assert!(
        file.notes[0].starts_with("skipped key \"k1\""),
        "{:?}",
        file.notes
    );
    assert_eq!(
        file.pick(Some("ed"), Purpose::Verify).unwrap().describe(),
        "Ed25519 public key, JWK, kid \"ed\""
    );
    let e = file
        .pick(Some("nope"), Purpose::Verify)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "no key in the JWKS has kid \"nope\"; kids present: \"018c0ae5-4d9b-471b-bfd6-eef314bc7037\", \"ed\""
    );
    assert!(
        file.pick(None, Purpose::Verify)
            .unwrap_err()
            .to_string()
            .contains("has no kid")
    );
}

#[test]
fn unusual_key_files_are_explained() {
    let load = |name: &str| {
        keys::load_key_file(&fixture(name))
            .map(|f| f.keys[0].describe())
            .map_err(|e| e.to_string())
    };
    // X25519 loads (JWE key agreement), but is refused for JWS as a key-agreement key.
    assert_eq!(
        load("x25519.spki.pem").unwrap(),
        "X25519 public key, SPKI (PEM)"
    );
    let x25519 = &keys::load_key_file(&fixture("x25519.spki.pem"))
        .unwrap()
        .keys[0];
    for alg in [JwsAlg::EdDSA, JwsAlg::HS256, JwsAlg::ES256] {
        assert!(
            x25519
                .check_fits(alg, Purpose::Verify)
                .unwrap_err()
                .to_string()
                .contains("key-agreement key (X25519/X448)")
        );
    }
    assert!(
        load("ed448.pkcs8.pem")
            .unwrap_err()
            .contains("Ed448 keys are not supported")
    );
    assert!(
        load("rsapss.pkcs8.pem")
            .unwrap_err()
            .contains("RSASSA-PSS-restricted")
    );
    assert_eq!(
        load("ec256.with-params.pem").unwrap(),
        "EC P-256 private key, SEC1 (PEM)",
        "EC PARAMETERS block skipped"
    );
    let bytes = |b: &str| keys::load_key_bytes(b.as_bytes()).unwrap_err().to_string();
    assert!(
        bytes("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG user@host").contains("OpenSSH public key")
    );
    assert!(
        bytes("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
            .contains("ssh-keygen -p -m PKCS8")
    );
    assert!(
        bytes("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
            .contains("instead of")
    );
    assert!(
        bytes("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n")
            .contains("not valid base64")
    );
    assert!(bytes(r#"{"kty":"XYZ"}"#).contains("key type \"XYZ\" is not supported"));
    assert!(bytes(r#"{"keys":{}}"#).contains("must be an array"));
    assert!(bytes(r#"{"keys":[{"kty":"oct","k":""}]}"#).contains("holds no usable key"));
    assert!(bytes(r#"{"n":"x"}"#).contains("lacks \"kty\""));
}
