//! JWE refusals: tampering with any part, limits (PBES2 count, zip bombs), invalid-curve
//! ephemeral keys, and keys of the wrong kind, with messages a person can act on.

use crate::support;

use jwt_workbench::core::b64;
use jwt_workbench::core::jwe::{
    self, ContentAlg, EncryptOptions, JweError, JweKey, KeyAlg, Limits, MAX_INFLATED, Part,
};
use serde_json::{Map, Value, json};
use support::*;

/// A token of ours for `alg`/`enc` to the fixture key `name`, and that key.
fn ours(fx: &JwcryptoFixtures, alg: KeyAlg, enc: ContentAlg, name: &str) -> (String, JweKey) {
    let key = fx.key(name);
    let token = jwe::encrypt(b"the quick brown fox", &EncryptOptions::new(alg, enc), &key).unwrap();
    (token, key)
}

/// The token with part `i` (0..5) decoded, changed by `f`, and re-encoded.
fn tamper(token: &str, i: usize, f: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    let mut bytes = b64::decode_strict(&parts[i]).unwrap();
    f(&mut bytes);
    parts[i] = b64::encode(&bytes);
    parts.join(".")
}

/// The token with a header member added (the header stays valid; the AAD changes).
fn with_header_member(token: &str, name: &str, value: Value) -> String {
    tamper(token, 0, |h| {
        let mut m: Map<String, Value> = serde_json::from_slice(h).unwrap();
        m.insert(name.into(), value);
        *h = serde_json::to_vec(&m).unwrap();
    })
}

fn flip_last(b: &mut [u8]) {
    let last = b.last_mut().unwrap();
    *last ^= 0x01;
}

/// Every part tampered: all refused; with a non-empty part, as the uniform error.
fn assert_every_part_refused(label: &str, token: &str, key: &JweKey) {
    let lim = Limits::default();
    jwe::decrypt(token, key, &lim).unwrap_or_else(|e| panic!("{label} untouched: {e}"));
    let header = with_header_member(token, "tampered", json!(true));
    assert_eq!(
        jwe::decrypt(&header, key, &lim).unwrap_err(),
        JweError::Decryption,
        "{label}: header"
    );
    for part in [Part::EncryptedKey, Part::Iv, Part::Ciphertext, Part::Tag] {
        let i = Part::ALL.iter().position(|p| *p == part).unwrap();
        let empty = token.split('.').nth(i).unwrap().is_empty();
        let changed = tamper(token, i, |b| {
            if b.is_empty() {
                b.push(0)
            } else {
                flip_last(b)
            }
        });
        let err = jwe::decrypt(&changed, key, &lim).unwrap_err();
        if empty {
            // dir / ECDH-ES: an encrypted key appears where there must be none.
            assert!(
                matches!(err, JweError::Structure(_)),
                "{label}: {part}: {err}"
            );
        } else {
            assert_eq!(err, JweError::Decryption, "{label}: {part}");
        }
    }
}

#[test]
fn tampering_with_any_part_is_refused_in_every_alg_family() {
    let fx = JwcryptoFixtures::load();
    let families = [
        (KeyAlg::Dir, ContentAlg::A128Gcm, "oct16"),
        (KeyAlg::Dir, ContentAlg::A256CbcHs512, "oct64"),
        (KeyAlg::A192Kw, ContentAlg::A192CbcHs384, "oct24"),
        (KeyAlg::A256GcmKw, ContentAlg::A128Gcm, "oct32"),
        (KeyAlg::RsaOaep, ContentAlg::A128CbcHs256, "RSA"),
        (KeyAlg::RsaOaep256, ContentAlg::A256Gcm, "RSA"),
        (KeyAlg::EcdhEs, ContentAlg::A128CbcHs256, "P-256"),
        (KeyAlg::EcdhEsA192Kw, ContentAlg::A192Gcm, "P-521"),
        (KeyAlg::EcdhEsA128Kw, ContentAlg::A256Gcm, "X25519"),
        (
            KeyAlg::Pbes2Hs384A192Kw,
            ContentAlg::A128CbcHs256,
            "password",
        ),
    ];
    for (alg, enc, name) in families {
        let (token, key) = ours(&fx, alg, enc, name);
        assert_every_part_refused(&format!("{alg} {enc} {name}"), &token, &key);
    }
    // RSA1_5 (decrypt only): a jwcrypto-made token; a broken PKCS#1 block surfaces only as
    // the same uniform error (random CEK, RFC 3218).
    let case = fx
        .cases()
        .iter()
        .find(|c| c["alg"] == "RSA1_5" && c["enc"] == "A192GCM")
        .unwrap();
    assert_every_part_refused("RSA1_5", case["token"].as_str().unwrap(), &fx.key("RSA"));
}

#[test]
fn a_wrong_key_gives_the_same_message_as_tampering() {
    let fx = JwcryptoFixtures::load();
    let (token, _) = ours(&fx, KeyAlg::A128Kw, ContentAlg::A128CbcHs256, "oct16");
    let other = JweKey::symmetric(&[7u8; 16]);
    let err = jwe::decrypt(&token, &other, &Limits::default()).unwrap_err();
    assert_eq!(err.to_string(), jwe::DECRYPTION_FAILED);
    let (token, _) = ours(
        &fx,
        KeyAlg::Pbes2Hs256A128Kw,
        ContentAlg::A128Gcm,
        "password",
    );
    let err = jwe::decrypt(&token, &JweKey::password("guess"), &Limits::default()).unwrap_err();
    assert_eq!(err, JweError::Decryption);
}

#[test]
fn absurd_p2c_is_refused_at_once_with_the_number_and_the_way_out() {
    let fx = JwcryptoFixtures::load();
    let (token, key) = ours(
        &fx,
        KeyAlg::Pbes2Hs512A256Kw,
        ContentAlg::A256Gcm,
        "password",
    );
    // 2^31 iterations would take many minutes: this returning at all shows no work was done.
    let absurd = with_header_member(&token, "p2c", json!(2_147_483_648u64));
    let err = jwe::decrypt(&absurd, &key, &Limits::default()).unwrap_err();
    assert!(matches!(err, JweError::Limit(_)), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("p2c = 2147483648") && msg.contains("limit of 10000"),
        "{msg}"
    );
    assert!(msg.contains("--max-p2c 2147483648"), "{msg}");
    // Even the widest allowed limit refuses it.
    let widest = Limits::default()
        .with_max_p2c(jwe::MAX_P2C_CEILING)
        .unwrap();
    assert!(matches!(
        jwe::decrypt(&absurd, &key, &widest),
        Err(JweError::Limit(_))
    ));
    assert!(
        Limits::default()
            .with_max_p2c(jwe::MAX_P2C_CEILING + 1)
            .is_err()
    );
}

#[test]
fn p2c_over_the_default_cap_decrypts_once_the_cap_is_raised() {
    let key = JweKey::password("raise me");
    let mut o = EncryptOptions::new(KeyAlg::Pbes2Hs256A128Kw, ContentAlg::A128Gcm);
    o.p2c = Some(12_000);
    let token = jwe::encrypt(b"slow", &o, &key).unwrap();
    let err = jwe::decrypt(&token, &key, &Limits::default()).unwrap_err();
    assert!(err.to_string().contains("p2c = 12000"), "{err}");
    let raised = Limits::default().with_max_p2c(12_000).unwrap();
    assert_eq!(
        jwe::decrypt(&token, &key, &raised).unwrap().plaintext,
        b"slow"
    );
    o.p2c = Some(jwe::MAX_P2C_CEILING + 1);
    assert!(matches!(
        jwe::encrypt(b"x", &o, &key),
        Err(JweError::Encrypt(_))
    ));
}

#[test]
fn zip_bomb_is_refused() {
    let key = JweKey::symmetric(&[3u8; 16]);
    let mut o = EncryptOptions::new(KeyAlg::Dir, ContentAlg::A128Gcm);
    o.zip = true;
    let bomb = vec![0u8; 4 * MAX_INFLATED];
    let token = jwe::encrypt(&bomb, &o, &key).unwrap();
    assert!(token.len() < 4_000, "a small token: {} bytes", token.len());
    let err = jwe::decrypt(&token, &key, &Limits::default()).unwrap_err();
    assert!(matches!(err, JweError::Limit(_)), "{err}");
    assert!(err.to_string().contains("zip bomb"), "{err}");
    // Exactly at the cap is fine.
    let full = vec![b'z'; MAX_INFLATED];
    let token = jwe::encrypt(&full, &o, &key).unwrap();
    assert_eq!(
        jwe::decrypt(&token, &key, &Limits::default())
            .unwrap()
            .plaintext
            .len(),
        MAX_INFLATED
    );
}

#[test]
fn invalid_curve_epk_is_refused_before_agreement() {
    let fx = JwcryptoFixtures::load();
    for (alg, name) in [
        (KeyAlg::EcdhEs, "P-256"),
        (KeyAlg::EcdhEsA256Kw, "P-384"),
        (KeyAlg::EcdhEs, "P-521"),
    ] {
        let (token, key) = ours(&fx, alg, ContentAlg::A128Gcm, name);
        let off_curve = tamper(&token, 0, |h| {
            let mut m: Map<String, Value> = serde_json::from_slice(h).unwrap();
            let epk = m["epk"].as_object_mut().unwrap();
            let mut y = b64::decode_strict(epk["y"].as_str().unwrap()).unwrap();
            flip_last(&mut y);
            epk.insert("y".into(), b64::encode(&y).into());
            *h = serde_json::to_vec(&m).unwrap();
        });
        let err = jwe::decrypt(&off_curve, &key, &Limits::default()).unwrap_err();
        assert!(matches!(err, JweError::InvalidCurve(_)), "{name}: {err}");
        assert!(err.to_string().contains("invalid-curve attack"), "{err}");
        assert!(
            err.to_string().contains(&format!("not a point on {name}")),
            "{err}"
        );
    }
    // An epk on another curve than the key's.
    let (token, _) = ours(&fx, KeyAlg::EcdhEs, ContentAlg::A128Gcm, "P-384");
    let err = jwe::decrypt(&token, &fx.key("P-256"), &Limits::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("epk) is on P-384, but this key is on P-256"),
        "{err}"
    );
    // A low-order X25519 point.
    let (token, key) = ours(&fx, KeyAlg::EcdhEs, ContentAlg::A128Gcm, "X25519");
    let zero = with_header_member(
        &token,
        "epk",
        json!({"kty":"OKP","crv":"X25519","x": b64::encode(&[0u8; 32])}),
    );
    let err = jwe::decrypt(&zero, &key, &Limits::default()).unwrap_err();
    assert!(matches!(err, JweError::InvalidCurve(_)), "{err}");
}

#[test]
fn wrong_key_kinds_say_what_is_needed() {
    let fx = JwcryptoFixtures::load();
    let lim = Limits::default();
    let (rsa_token, _) = ours(&fx, KeyAlg::RsaOaep, ContentAlg::A128Gcm, "RSA");
    let err = jwe::decrypt(&rsa_token, &fx.key("P-256"), &lim)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "RSA-OAEP needs an RSA private key to decrypt; this is an EC P-256 private key"
    );
    let err = jwe::decrypt(&rsa_token, &fx.key("RSA").public_half(), &lim)
        .unwrap_err()
        .to_string();
    assert!(err.ends_with("this is an RSA 2048 public key"), "{err}");
    let (ec_token, _) = ours(&fx, KeyAlg::EcdhEs, ContentAlg::A128Gcm, "P-256");
    let err = jwe::decrypt(&ec_token, &fx.key("P-256").public_half(), &lim)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "ECDH-ES needs an EC (P-256, P-384, P-521) or X25519 private key to decrypt"
        ),
        "{err}"
    );
    let (dir_token, _) = ours(&fx, KeyAlg::Dir, ContentAlg::A128Gcm, "oct16");
    let err = jwe::decrypt(&dir_token, &fx.key("oct32"), &lim)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "dir needs a 16-byte symmetric key (the CEK itself) to decrypt; this is a 32-byte symmetric key"
    );
    let (kw_token, _) = ours(&fx, KeyAlg::A192Kw, ContentAlg::A128Gcm, "oct24");
    let err = jwe::decrypt(&kw_token, &JweKey::password("pw"), &lim)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "A192KW needs a 24-byte symmetric key to decrypt; this is a password"
    );
    let o = EncryptOptions::new(KeyAlg::Pbes2Hs256A128Kw, ContentAlg::A128Gcm);
    let err = jwe::encrypt(b"x", &o, &fx.key("X25519"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("PBES2-HS256+A128KW needs a password")
            && err.ends_with("this is an X25519 private key"),
        "{err}"
    );
    let ed = jwt_workbench::core::keys::load_key_bytes(
        &std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/ed25519.pkcs8.pem"),
        )
        .unwrap(),
    )
    .unwrap();
    let err = JweKey::from_key(&ed.keys[0]).unwrap_err().to_string();
    assert!(err.contains("needs an X25519 key"), "{err}");
}

#[test]
fn messages_never_contain_the_key_or_the_token() {
    let fx = JwcryptoFixtures::load();
    let k = fx.json["keys"]["oct16"]["k"].as_str().unwrap().to_string();
    let (token, key) = ours(&fx, KeyAlg::A128Kw, ContentAlg::A128Gcm, "oct16");
    let attempts = [
        tamper(&token, 4, |b| flip_last(b)),
        with_header_member(&token, "zip", json!("GZIP")),
        with_header_member(&token, "crit", json!(["exp"])),
        token.replacen('.', "..", 1),
        format!("{token}!"),
    ];
    for bad in attempts {
        let msg = jwe::decrypt(&bad, &key, &Limits::default())
            .unwrap_err()
            .to_string();
        assert!(
            !msg.contains(&k) && !msg.contains(&token) && !msg.contains(&bad),
            "{msg}"
        );
        assert!(msg.chars().next().unwrap().is_lowercase(), "{msg}");
    }
    assert!(!format!("{key:?}").contains(&k));
}
