//! JWE against published vectors: RFC 7516 appendix A.1-A.3, RFC 7520 section 5.1-5.9, and
//! every token python jwcrypto made in tests/fixtures/jwe/jwcrypto_tokens.json.

use crate::support;

use jwt_workbench::core::jwe::{self, JweKey, KeyStep, Limits, Part};
use serde_json::Value;
use support::*;

const WISDOM: &str = "The true sign of intelligence is not knowledge but imagination.";
const SPOCK: &str = "Live long and prosper.";

fn vector(name: &str) -> Value {
    let all = fixture_json("rfc_vectors.json");
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no vector {name}"))
        .clone()
}

/// Decrypts a vector and checks its plaintext, alg and enc; returns the result.
fn check(name: &str, expected: &str) -> jwe::Decrypted {
    let v = vector(name);
    let key = match v.get("password") {
        Some(pw) => JweKey::password(pw.as_str().unwrap()),
        None => jwk(&v["key"]),
    };
    let token = v["token"].as_str().unwrap();
    let d = jwe::decrypt(token, &key, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        String::from_utf8(d.plaintext.clone()).unwrap(),
        expected,
        "{name}"
    );
    assert_eq!(v["plaintext"].as_str().unwrap(), expected, "{name}");
    assert_eq!(d.parts.alg.name(), v["alg"].as_str().unwrap());
    assert_eq!(d.parts.enc.name(), v["enc"].as_str().unwrap());
    d
}

fn rfc7520_plaintext() -> String {
    vector("RFC 7520 5.1")["plaintext"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn rfc7516_a1_rsa_oaep_a256gcm() {
    let d = check("RFC 7516 A.1", WISDOM);
    assert_eq!(d.trace.cek.len(), 32);
    assert!(matches!(
        d.trace.key_step,
        KeyStep::Rsa { modulus_bits: 2048 }
    ));
}

#[test]
fn rfc7516_a2_rsa1_5_a128cbc_hs256() {
    let d = check("RFC 7516 A.2", SPOCK);
    // RFC 7516 A.2.2 gives the CEK; the MAC key is its first half.
    let cek = [
        4, 211, 31, 197, 84, 157, 252, 254, 11, 100, 157, 250, 63, 170, 106, 206, 107, 124, 212,
        45, 111, 107, 9, 219, 200, 177, 0, 240, 143, 156, 44, 207,
    ];
    assert_eq!(d.trace.cek.as_slice(), cek);
    assert_eq!(d.cbc_keys().unwrap().0, &cek[..16]);
}

#[test]
fn rfc7516_a3_a128kw_a128cbc_hs256() {
    let d = check("RFC 7516 A.3", SPOCK);
    assert!(matches!(d.trace.key_step, KeyStep::AesKw { kek_len: 16 }));
    assert_eq!(
        d.trace.aad,
        "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0"
    );
}

#[test]
fn rfc7520_5_1_rsa1_5_a128cbc_hs256() {
    check("RFC 7520 5.1", &rfc7520_plaintext());
}

#[test]
fn rfc7520_5_2_rsa_oaep_a256gcm() {
    check("RFC 7520 5.2", &rfc7520_plaintext());
}

#[test]
fn rfc7520_5_3_pbes2_hs512_a256kw_a128cbc_hs256() {
    let expected = vector("RFC 7520 5.3")["plaintext"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(expected.starts_with("{\"keys\":[{\"kty\":\"oct\""));
    let d = check("RFC 7520 5.3", &expected);
    let KeyStep::Pbes2 { p2c, p2s, .. } = &d.trace.key_step else {
        panic!("{:?}", d.trace.key_step)
    };
    assert_eq!(*p2c, 8192);
    assert_eq!(p2s.len(), 16);
    assert_eq!(d.parts.p2c(), Some(8192));
    assert_eq!(d.parts.header_str("cty"), Some("jwk-set+json"));
}

#[test]
fn rfc7520_5_4_ecdh_es_a128kw_p384_a128gcm() {
    let d = check("RFC 7520 5.4", &rfc7520_plaintext());
    let KeyStep::Ecdh {
        curve,
        derived,
        kdf_alg_id,
        ..
    } = &d.trace.key_step
    else {
        panic!("{:?}", d.trace.key_step)
    };
    assert_eq!(curve.name(), "P-384");
    assert_eq!(derived.len(), 16);
    assert_eq!(kdf_alg_id, "ECDH-ES+A128KW");
}

#[test]
fn rfc7520_5_5_ecdh_es_p256_a128cbc_hs256() {
    let d = check("RFC 7520 5.5", &rfc7520_plaintext());
    let KeyStep::Ecdh {
        kdf_alg_id,
        derived,
        ..
    } = &d.trace.key_step
    else {
        panic!("{:?}", d.trace.key_step)
    };
    assert_eq!(kdf_alg_id, "A128CBC-HS256");
    assert_eq!(derived.as_slice(), d.trace.cek.as_slice());
    assert!(d.trace.encrypted_key.is_empty());
}

#[test]
fn rfc7520_5_6_dir_a128gcm() {
    let d = check("RFC 7520 5.6", &rfc7520_plaintext());
    assert_eq!(d.trace.key_step, KeyStep::Direct { key_len: 16 });
}

#[test]
fn rfc7520_5_7_a256gcmkw_a128cbc_hs256() {
    let d = check("RFC 7520 5.7", &rfc7520_plaintext());
    assert!(matches!(
        d.trace.key_step,
        KeyStep::AesGcmKw { kek_len: 32, .. }
    ));
}

#[test]
fn rfc7520_5_8_a128kw_a128gcm() {
    check("RFC 7520 5.8", &rfc7520_plaintext());
}

#[test]
fn rfc7520_5_9_a128kw_a128gcm_zip_def() {
    let d = check("RFC 7520 5.9", &rfc7520_plaintext());
    assert!(d.parts.zip && d.trace.inflated);
    assert!(d.trace.decrypted_len < d.plaintext.len());
}

#[test]
fn parse_gives_each_part_its_text_bytes_and_span() {
    let v = vector("RFC 7516 A.1");
    let token = v["token"].as_str().unwrap();
    let p = jwe::parse(token).unwrap();
    let texts: Vec<&str> = token.split('.').collect();
    for (i, part) in Part::ALL.into_iter().enumerate() {
        let ep = p.part(part);
        assert_eq!(ep.text, texts[i], "{part}");
        assert_eq!(&token[ep.span.clone()], texts[i], "{part}");
    }
    assert_eq!(p.encrypted_key.bytes.len(), 256);
    assert_eq!(p.iv.bytes.len(), 12);
    assert_eq!(p.tag.bytes.len(), 16);
    assert_eq!(p.header["enc"], "A256GCM");
    assert_eq!(p.protected.bytes, br#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#);
}

#[test]
fn every_jwcrypto_token_decrypts_here() {
    let fx = JwcryptoFixtures::load();
    let mut failures = Vec::new();
    let mut zipped = 0;
    for case in fx.cases() {
        let key = fx.key(case["key"].as_str().unwrap());
        let label = format!("{} {} {}", case["alg"], case["enc"], case["key"]);
        match jwe::decrypt(case["token"].as_str().unwrap(), &key, &Limits::default()) {
            Ok(d) if d.plaintext == case["plaintext"].as_str().unwrap().as_bytes() => {
                zipped += usize::from(d.trace.inflated);
            }
            Ok(_) => failures.push(format!("{label}: wrong plaintext")),
            Err(e) => failures.push(format!("{label}: {e}")),
        }
    }
    let total = fx.cases().len();
    println!(
        "decrypted {}/{total} tokens made by jwcrypto {} ({zipped} with zip DEF)",
        total - failures.len(),
        fx.json["jwcrypto"]
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(total, 174, "17 algs x 6 encs, ECDH-ES ones on 4 curves");
}

#[test]
fn x25519_keys_load_from_jwcrypto_pem_and_decrypt() {
    let fx = JwcryptoFixtures::load();
    let pem = fx.json["x25519_pkcs8_pem"].as_str().unwrap();
    let from_pem = JweKey::load(pem.as_bytes()).unwrap();
    // The same key material, whatever the container (PEM here, a JWK in the fixture).
    assert_eq!(from_pem.material(), fx.key("X25519").material());
    let spki = JweKey::load(fx.json["x25519_spki_pem"].as_str().unwrap().as_bytes()).unwrap();
    assert_eq!(spki.material(), fx.key("X25519").public_half().material());
    let case = fx
        .cases()
        .iter()
        .find(|c| c["key"] == "X25519" && c["alg"] == "ECDH-ES")
        .unwrap();
    let d = jwe::decrypt(
        case["token"].as_str().unwrap(),
        &from_pem,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(d.plaintext, case["plaintext"].as_str().unwrap().as_bytes());
    // The project's own X25519 fixture (an SPKI PEM) reads as a public key.
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/x25519.spki.pem");
    let key = JweKey::load(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(key.kind_words(), "an X25519 public key");
}
