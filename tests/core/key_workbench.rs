//! The key workbench: thumbprints, export and conversion, generation, certificates, weak RSA,
//! several PEM blocks.

use crate::common::*;
use jwt_workbench::core::keys::{self, KeySpec, Purpose};
use jwt_workbench::core::verify::SignatureStatus;
use jwt_workbench::core::{
    alg::JwsAlg,
    sign::{Layout, sign},
    token::inspect,
    verify::{Policy, verify},
};

/// RFC 7638 section 3.1's example, RFC 8037 A.3, and RFC 7517 A.1's EC key.
#[test]
fn thumbprints_match_the_rfc_examples() {
    let rfc7638 = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
    assert_eq!(
        key(rfc7638).thumbprint(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
    assert_eq!(
        key(ED_PUBLIC_JWK).thumbprint(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    );
    assert_eq!(
        key(ED_PRIVATE_JWK).thumbprint(),
        "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
        "private keys hash their public members"
    );
    let ec = r#"{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"}"#;
    assert_eq!(
        key(ec).thumbprint(),
        "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s"
    );
    // The same key in PEM and in JWK has the same thumbprint.
    let pem = fixture_key("ec256.spki.pem", Purpose::Verify);
    let jwk = serde_json::Value::Object(pem.to_jwk(false).unwrap()).to_string();
    assert_eq!(key(&jwk).thumbprint(), pem.thumbprint());
}

/// PEM -> JWK -> PEM gives back the same key, private and public, for every family.
#[test]
fn pem_and_jwk_convert_both_ways() {
    for file in [
        "rsa2048.pkcs1.pem",
        "rsa2048.pkcs8.pem",
        "ec256.sec1.pem",
        "ec384.pkcs8.pem",
        "ec521.pkcs8.pem",
        "ed25519.pkcs8.pem",
    ] {
        let k = fixture_key(file, Purpose::Sign);
        let jwk = serde_json::Value::Object(k.to_jwk(true).unwrap()).to_string();
        let back = key(&jwk);
        assert_eq!(back.material, k.material, "{file} via JWK");
        let pem = k.private_pem().unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{file}");
        assert_eq!(key(&pem).material, k.material, "{file} via PKCS#8 PEM");
        let public = k.public_pem().unwrap();
        assert!(public.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        assert_eq!(
            key(&public).material,
            k.public_half().material,
            "{file} public via SPKI"
        );
        // OpenSSL reads what we write.
        let out = std::process::Command::new("openssl")
            .args(["pkey", "-pubin", "-noout", "-text"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn();
        if let Ok(mut child) = out {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(public.as_bytes())
                .unwrap();
            assert!(
                child.wait().unwrap().success(),
                "openssl reads our SPKI for {file}"
            );
        }
    }
    // The RFC 8037 private JWK converts to PKCS#8 and back with the same d.
    let ed = key(ED_PRIVATE_JWK);
    assert_eq!(
        ed.to_jwk(true).unwrap()["d"],
        "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
    );
    // Public JWKs carry no private members; a secret has no public form.
    let public = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign)
        .to_jwk(false)
        .unwrap();
    assert!(!public.contains_key("d") && public.contains_key("n"));
    assert!(key(A1_JWK).to_jwk(false).is_err());
    assert!(
        key(A1_JWK)
            .public_pem()
            .unwrap_err()
            .to_string()
            .contains("no public key")
    );
}

#[test]
fn public_jwks_leaves_secrets_and_private_members_out() {
    let set = keys::public_jwks(&[
        fixture_key("rsa2048.pkcs8.pem", Purpose::Sign),
        key(A1_JWK),
        key(ED_PRIVATE_JWK),
    ]);
    let entries = set["keys"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert!(
        entries
            .iter()
            .all(|e| e.get("d").is_none() && e.get("k").is_none())
    );
}

/// Every algorithm: generate, sign, verify with the public half; kid defaults to the thumbprint.
#[test]
fn generated_keys_sign_and_verify_for_every_algorithm() {
    for alg in JwsAlg::ALL {
        let k = keys::generate(&KeySpec::new(alg)).unwrap();
        assert_eq!(k.kid.as_deref(), Some(k.thumbprint().as_str()), "{alg}");
        assert!(k.algorithms().contains(&alg));
        let token = sign(
            &format!(r#"{{"alg":"{alg}","kid":"{}"}}"#, k.kid.clone().unwrap()),
            r#"{"sub":"gen"}"#,
            &k,
            Layout::Minified,
        )
        .unwrap();
        let r = verify(
            &inspect(&token).unwrap(),
            Some(&k.public_half()),
            &Policy::default(),
            0,
        );
        assert_eq!(r.signature, SignatureStatus::Valid, "{alg}");
    }
    let hs512 = keys::generate(&KeySpec::new(JwsAlg::HS512)).unwrap();
    assert_eq!(hs512.bits(), 512);
    let rsa = keys::generate(&KeySpec {
        rsa_bits: 3072,
        kid: Some("mine".into()),
        ..KeySpec::new(JwsAlg::PS256)
    })
    .unwrap();
    assert_eq!((rsa.bits(), rsa.kid.as_deref()), (3072, Some("mine")));
    assert!(
        keys::generate(&KeySpec {
            rsa_bits: 1000,
            ..KeySpec::new(JwsAlg::RS256)
        })
        .is_err()
    );
    assert_ne!(
        keys::generate(&KeySpec::new(JwsAlg::HS256))
            .unwrap()
            .material,
        keys::generate(&KeySpec::new(JwsAlg::HS256))
            .unwrap()
            .material
    );
}

#[test]
fn certificates_show_subject_and_validity() {
    let k = fixture_key("rsa2048.cert.pem", Purpose::Verify);
    let c = k.cert.clone().unwrap();
    assert_eq!(c.subject, "CN=JWT Workbench test");
    assert!(c.not_after - c.not_before > 99 * 365 * 86400);
    assert!(
        k.describe()
            .contains("subject CN=JWT Workbench test, valid "),
        "{}",
        k.describe()
    );
    assert!(k.warnings(c.not_before + 10).is_empty());
    assert!(k.warnings(c.not_after + 10)[0].contains("certificate expired"));
}

#[test]
fn several_pem_blocks_pick_the_key_and_say_which() {
    let file = keys::load_key_file(&fixture("rsa2048.cert-and-key.pem")).unwrap();
    assert_eq!(file.keys.len(), 2);
    assert!(
        file.notes[0].contains("2 keys in this PEM file"),
        "{:?}",
        file.notes
    );
    assert!(file.pick(None, Purpose::Sign).unwrap().is_private());
    assert_eq!(
        file.pick(None, Purpose::Verify).unwrap().format,
        keys::KeyFormat::Certificate
    );
}

/// RSA under 2048 bits: usable for verifying RS256/RS512 with a warning; signing refused.
#[test]
fn weak_rsa_keys_verify_with_a_warning_and_cannot_sign() {
    let k = fixture_key("rsa1024.pkcs8.pem", Purpose::Sign);
    assert_eq!(k.bits(), 1024);
    assert!(k.warnings(0)[0].starts_with("RSA-1024 is too weak"));
    let token = std::fs::read_to_string(fixture("rsa1024.rs256.jwt")).unwrap();
    let public = fixture_key("rsa1024.spki.pem", Purpose::Verify);
    let r = verify(
        &inspect(token.trim()).unwrap(),
        Some(&public),
        &Policy::default(),
        0,
    );
    assert_eq!(r.signature, SignatureStatus::Valid);
    let t = token.trim();
    let tampered = format!(
        "{}{}",
        &t[..t.len() - 2],
        if t.ends_with("AA") { "BA" } else { "AA" }
    );
    assert_eq!(
        verify(
            &inspect(&tampered).unwrap(),
            Some(&public),
            &Policy::default(),
            0
        )
        .signature,
        SignatureStatus::Invalid
    );
    let e = sign(r#"{"alg":"RS256"}"#, "{}", &k, Layout::Minified)
        .unwrap_err()
        .to_string();
    assert!(e.contains("1024 bits; signing needs at least 2048"), "{e}");
    let e = k
        .check_fits(JwsAlg::PS256, Purpose::Verify)
        .unwrap_err()
        .to_string();
    assert!(e.contains("only verify RS256 and RS512"), "{e}");
}
