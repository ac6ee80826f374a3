//! JWE both ways: our tokens for every alg/enc pair decrypt here (round trip), and python
//! jwcrypto decrypts them too (live, when python3 with jwcrypto is installed).

use crate::support;

use jwt_workbench::core::jwe::{
    self, ContentAlg, EncryptOptions, JweError, JweKey, KeyAlg, Limits,
};
use serde_json::{Value, json};
use std::process::Command;
use support::*;

/// One token of ours per pair: (alg, enc, key name, plaintext, token).
fn our_tokens(fx: &JwcryptoFixtures) -> Vec<(KeyAlg, ContentAlg, String, String, String)> {
    let mut out = Vec::new();
    let mut i = 0usize;
    for alg in KeyAlg::ALL {
        if alg == KeyAlg::Rsa1_5 {
            continue;
        }
        for enc in ContentAlg::ALL {
            for name in key_names(alg, enc.key_len()) {
                // Encrypt to the public half: a sender never needs the private key.
                let key = fx.key(&name).public_half();
                let mut o = EncryptOptions::new(alg, enc);
                o.zip = i.is_multiple_of(3);
                o.kid = Some(format!("{name}-key"));
                if i % 4 == 1 {
                    o.cty = Some("text/plain".into());
                }
                if alg.name().starts_with("ECDH") && i.is_multiple_of(2) {
                    o.apu = Some(b"Alice".to_vec());
                    o.apv = Some(b"Bob".to_vec());
                }
                let plaintext =
                    format!("pair {i}: {alg} with {enc} to {name}, caf\u{e9} ").repeat(1 + i % 7);
                let token = jwe::encrypt(plaintext.as_bytes(), &o, &key)
                    .unwrap_or_else(|e| panic!("{alg} {enc} {name}: {e}"));
                out.push((alg, enc, name, plaintext, token));
                i += 1;
            }
        }
    }
    out
}

#[test]
fn our_encryption_round_trips_every_pair() {
    let fx = JwcryptoFixtures::load();
    let tokens = our_tokens(&fx);
    for (alg, enc, name, plaintext, token) in &tokens {
        let d = jwe::decrypt(token, &fx.key(name), &Limits::default())
            .unwrap_or_else(|e| panic!("{alg} {enc} {name}: {e}"));
        assert_eq!(d.plaintext, plaintext.as_bytes(), "{alg} {enc} {name}");
        assert_eq!((d.parts.alg, d.parts.enc), (*alg, *enc));
        let names: Vec<&str> = d.parts.header.keys().map(String::as_str).collect();
        assert_eq!(&names[..2], ["alg", "enc"], "header order");
        assert_eq!(d.parts.header["kid"], format!("{name}-key"));
    }
    println!(
        "round trip: {} pairs encrypted and decrypted here",
        tokens.len()
    );
    assert_eq!(
        tokens.len(),
        168,
        "16 algs x 6 encs, ECDH-ES ones on 4 curves"
    );
}

#[test]
fn rsa1_5_encryption_is_refused_naming_bleichenbacher() {
    let fx = JwcryptoFixtures::load();
    let o = EncryptOptions::new(KeyAlg::Rsa1_5, ContentAlg::A128CbcHs256);
    let err = jwe::encrypt(b"x", &o, &fx.key("RSA")).unwrap_err();
    assert!(matches!(err, JweError::Encrypt(_)));
    assert!(err.to_string().contains("Bleichenbacher"), "{err}");
}

#[test]
fn header_members_come_in_a_sensible_order() {
    let key = JweKey::password("pw for header order");
    let mut o = EncryptOptions::new(KeyAlg::Pbes2Hs256A128Kw, ContentAlg::A128Gcm);
    o.zip = true;
    o.cty = Some("JWT".into());
    o.kid = Some("k1".into());
    o.p2c = Some(1000);
    o.extra.insert("typ".into(), json!("JWE"));
    let token = jwe::encrypt(b"eyJhbGciOiJub25lIn0.e30.", &o, &key).unwrap();
    let d = jwe::decrypt(&token, &key, &Limits::default()).unwrap();
    let names: Vec<&str> = d.parts.header.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["alg", "enc", "zip", "cty", "kid", "p2s", "p2c", "typ"]
    );
    assert_eq!(d.parts.p2c(), Some(1000));
    assert!(jwe::is_nested_jws(&d));
    o.extra.insert("p2c".into(), json!(5));
    let err = jwe::encrypt(b"x", &o, &key).unwrap_err().to_string();
    assert!(
        err.contains("\"p2c\" is set by the encryption itself"),
        "{err}"
    );
}

fn python_with_jwcrypto() -> bool {
    Command::new("python3")
        .args(["-c", "import jwcrypto"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn jwcrypto_decrypts_our_tokens() {
    if !python_with_jwcrypto() {
        println!(
            "SKIPPED jwcrypto_decrypts_our_tokens: python3 with jwcrypto is not installed (pip install jwcrypto==1.6.1)"
        );
        return;
    }
    let fx = JwcryptoFixtures::load();
    let tokens = our_tokens(&fx);
    let cases: Vec<Value> = tokens
        .iter()
        .map(|(alg, enc, name, plaintext, token)| {
            json!({"alg": alg.name(), "enc": enc.name(), "key": name, "token": token, "plaintext": plaintext})
        })
        .collect();
    let input = json!({"password": fx.json["password"], "keys": fx.keys_object(), "cases": cases});
    let path = std::env::temp_dir().join(format!("jwe_interop_{}.json", std::process::id()));
    std::fs::write(&path, input.to_string()).unwrap();
    let out = Command::new("python3")
        .arg(fixture_path("check_ours.py"))
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "python: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let passed = report["passed"].as_u64().unwrap() as usize;
    println!(
        "jwcrypto {} decrypted {passed}/{} tokens made here",
        report["jwcrypto"],
        tokens.len()
    );
    assert_eq!(
        report["failed"].as_array().unwrap().len(),
        0,
        "{:#}",
        report["failed"]
    );
    assert_eq!(passed, tokens.len());
}

fn project_key(file: &str) -> JweKey {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(file);
    JweKey::load(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn the_projects_key_files_encrypt_and_decrypt() {
    let pairs = [
        ("rsa2048.spki.pem", "rsa2048.pkcs8.pem", KeyAlg::RsaOaep256),
        (
            "rsa2048.pkcs1-public.pem",
            "rsa2048.pkcs1.pem",
            KeyAlg::RsaOaep,
        ),
        ("rsa4096.pkcs8.pem", "rsa4096.pkcs8.pem", KeyAlg::RsaOaep256),
        ("ec256.spki.pem", "ec256.sec1.pem", KeyAlg::EcdhEs),
        ("ec256.spki.pem", "ec256.pkcs8.pem", KeyAlg::EcdhEsA128Kw),
        ("ec384.spki.pem", "ec384.pkcs8.pem", KeyAlg::EcdhEsA192Kw),
        ("ec521.spki.pem", "ec521.pkcs8.pem", KeyAlg::EcdhEsA256Kw),
    ];
    for (public, private, alg) in pairs {
        let o = EncryptOptions::new(alg, ContentAlg::A256Gcm);
        let token = jwe::encrypt(b"from the project's keys", &o, &project_key(public))
            .unwrap_or_else(|e| panic!("{public}: {e}"));
        let d = jwe::decrypt(&token, &project_key(private), &Limits::default())
            .unwrap_or_else(|e| panic!("{private}: {e}"));
        assert_eq!(d.plaintext, b"from the project's keys");
    }
    // RSA keys under 2048 bits: the backend refuses them, and the message says so.
    let o = EncryptOptions::new(KeyAlg::RsaOaep, ContentAlg::A128Gcm);
    let err = jwe::encrypt(b"x", &o, &project_key("rsa1024.spki.pem")).unwrap_err();
    assert!(matches!(err, JweError::Backend(_)), "{err}");
    assert!(
        err.to_string()
            .starts_with("not supported by the crypto backend: RSA-OAEP with a 1024-bit RSA key"),
        "{err}"
    );
    // An X25519 public key (the project's fixture) works for ECDH-ES, once a private key
    // exists to decrypt: here only encryption can be checked.
    let o = EncryptOptions::new(KeyAlg::EcdhEs, ContentAlg::A128CbcHs256);
    let token = jwe::encrypt(b"x", &o, &project_key("x25519.spki.pem")).unwrap();
    assert_eq!(jwe::parse(&token).unwrap().header["epk"]["crv"], "X25519");
}
