//! Unit tests of the JSON serialization: round trips, the header rules, the AAD, the choice
//! of recipient and the refusals of `encrypt_json`.

use super::*;
use crate::core::jwe::refusal::EncryptProblem;
use crate::core::jwe::{ContentAlg, EncryptOptions, JweKey, KeyAlg, Limits, decrypt};
use serde_json::json;

fn kw(kek: u8, kid: Option<&str>) -> Recipient {
    let mut options = EncryptOptions::new(KeyAlg::A128Kw, ContentAlg::A256Gcm);
    options.kid = kid.map(String::from);
    Recipient {
        options,
        key: JweKey::symmetric(&[kek; 16]),
    }
}

fn with_kid(kek: u8, kid: &str) -> JweKey {
    let mut key = crate::core::keys::Key::new(
        crate::core::keys::KeyMaterial::Secret(vec![kek; 16]),
        crate::core::keys::KeyFormat::Raw,
    );
    key.kid = Some(kid.into());
    JweKey::Key(key)
}

fn doc(text: &str) -> serde_json::Map<String, Value> {
    match serde_json::from_str(text).unwrap() {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

#[test]
fn flattened_is_the_compact_header_and_round_trips() {
    let text = encrypt_json(b"hi", &[kw(1, Some("a"))], None, JsonForm::Flattened).unwrap();
    let m = doc(&text);
    let names: Vec<&str> = m.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["protected", "encrypted_key", "iv", "ciphertext", "tag"]
    );
    // Without aad, a flattened document is a compact token laid out as JSON.
    let part = |n: &str| m[n].as_str().unwrap().to_string();
    let compact = ["protected", "encrypted_key", "iv", "ciphertext", "tag"]
        .map(part)
        .join(".");
    let d = decrypt(&compact, &JweKey::symmetric(&[1; 16]), &Limits::default()).unwrap();
    assert_eq!(d.plaintext, b"hi");
    assert_eq!(d.header()["kid"], "a");
    let read = read_json(&text).unwrap();
    assert_eq!(read.form, JsonForm::Flattened);
    let out = read
        .decrypt(&JweKey::symmetric(&[1; 16]), &Limits::default())
        .unwrap();
    assert_eq!((out.recipient, out.pick), (0, Pick::Tried));
    assert_eq!(out.decrypted.plaintext, b"hi");
}

#[test]
fn general_shares_one_cek_and_picks_by_kid_or_tries_each() {
    let rs = [kw(1, Some("one")), kw(2, Some("two")), kw(3, None)];
    let text = encrypt_json(b"\xff\x00bytes", &rs, Some(b"extra"), JsonForm::General).unwrap();
    let m = doc(&text);
    assert_eq!(m["aad"], "ZXh0cmE");
    assert_eq!(
        m["recipients"][1]["header"],
        json!({"alg": "A128KW", "kid": "two"})
    );
    let read = read_json(&text).unwrap();
    assert_eq!(read.recipients.len(), 3);
    assert_eq!(
        read.aad_input(),
        format!("{}.ZXh0cmE", m["protected"].as_str().unwrap())
    );
    let limits = Limits::default();
    let by_kid = read.decrypt(&with_kid(2, "two"), &limits).unwrap();
    assert_eq!((by_kid.recipient, by_kid.pick), (1, Pick::Kid));
    assert!(by_kid.refused.is_empty());
    assert_eq!(by_kid.decrypted.plaintext, b"\xff\x00bytes");
    let tried = read.decrypt(&JweKey::symmetric(&[3; 16]), &limits).unwrap();
    assert_eq!((tried.recipient, tried.pick), (2, Pick::Tried));
    assert_eq!(tried.refused.len(), 2);
    assert!(
        tried
            .refused
            .iter()
            .all(|(_, e)| *e == JweError::Decryption)
    );
    // A kid no recipient names: each is tried.
    let other = read.decrypt(&with_kid(1, "zzz"), &limits).unwrap();
    assert_eq!((other.recipient, other.pick), (0, Pick::Tried));
    // A kid that names a recipient whose key it is not: only that one is tried.
    let wrong = read.decrypt(&with_kid(1, "two"), &limits).unwrap_err();
    assert_eq!(wrong, JweError::Decryption);
    assert_eq!(
        read.decrypt(&JweKey::symmetric(&[9; 16]), &limits),
        Err(JweError::Decryption)
    );
}

#[test]
fn the_headers_must_be_disjoint_and_zip_protected() {
    let text = encrypt_json(b"x", &[kw(1, Some("a"))], None, JsonForm::General).unwrap();
    let mut m = doc(&text);
    m.insert("unprotected".into(), json!({"kid": "b"}));
    let err = read_json(&Value::Object(m.clone()).to_string()).unwrap_err();
    assert!(
        err.to_string().contains("\"kid\" is in both the shared unprotected header (unprotected) and recipients[0].header"),
        "{err}"
    );
    m.insert("unprotected".into(), json!({"enc": "A256GCM"}));
    let err = read_json(&Value::Object(m.clone()).to_string()).unwrap_err();
    assert!(
        err.to_string()
            .contains("\"enc\" is in both the protected header"),
        "{err}"
    );
    m.insert("unprotected".into(), json!({"zip": "DEF"}));
    let err = read_json(&Value::Object(m.clone()).to_string()).unwrap_err();
    assert_eq!(
        err,
        JsonProblem::ZipUnprotected(HeaderPlace::Unprotected).into()
    );
    m.remove("unprotected");
    m["recipients"][0]["header"]["zip"] = json!("DEF");
    let err = read_json(&Value::Object(m).to_string()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("recipients[0]: \"zip\" is in recipients[0].header"),
        "{err}"
    );
}

#[test]
fn shapes_are_refused_with_their_rule() {
    let cases = [
        ("[1]", "is a JSON object; this is an array"),
        (
            "{\"payload\":\"e30\",\"signatures\":[]}",
            "JWS JSON document",
        ),
        ("{\"iv\":\"AAAA\"}", "lacks \"ciphertext\""),
        (
            "{\"ciphertext\":\"AA\",\"ciphertext\":\"AB\"}",
            "\"ciphertext\" occurs twice",
        ),
        (
            "{\"ciphertext\":\"AA\",\"recipients\":[]}",
            "\"recipients\" is empty",
        ),
        (
            "{\"ciphertext\":\"AA\",\"recipients\":[],\"header\":{}}",
            "both \"recipients\"",
        ),
        (
            "{\"ciphertext\":5}",
            "\"ciphertext\" must be a base64url string; it is a number",
        ),
        (
            "{\"ciphertext\":\"AA\",\"aad\":\"a+b\"}",
            "\"aad\" is not valid base64url",
        ),
        (
            "{\"ciphertext\":\"AA\",\"protected\":\"\"}",
            "protected header: it is empty",
        ),
        (
            "{\"ciphertext\":\"AA\",\"recipients\":[1]}",
            "\"recipients[0]\" must be an object",
        ),
        ("{\"ciphertext\":\"AA\"", "not valid JSON"),
    ];
    for (text, phrase) in cases {
        let err = read_json(text).unwrap_err().to_string();
        assert!(err.contains(phrase), "{text}: {err}");
    }
    let many = json!({"ciphertext": "AA", "recipients": vec![json!({}); MAX_RECIPIENTS + 1]});
    let err = read_json(&many.to_string()).unwrap_err().to_string();
    assert!(err.contains("101 recipients; at most 100"), "{err}");
    let none = json!({"ciphertext": "AA", "iv": "AA", "tag": "AA", "header": {"enc": "A128GCM"}});
    let err = read_json(&none.to_string()).unwrap_err().to_string();
    assert!(
        err.starts_with(
            "the JOSE header (protected, unprotected and recipient members together): lacks \"alg\""
        ),
        "{err}"
    );
}

#[test]
fn a_recipient_with_an_unknown_alg_does_not_block_the_others() {
    let text = encrypt_json(b"x", &[kw(1, None), kw(2, None)], None, JsonForm::General).unwrap();
    let mut m = doc(&text);
    // A problem every recipient shares is the document's.
    let mut no_iv = m.clone();
    no_iv.remove("iv");
    let err = read_json(&Value::Object(no_iv).to_string()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the initialization vector of A256GCM must be 12 bytes"),
        "{err}"
    );
    m["recipients"][0]["header"]["alg"] = json!("RSA-OAEP-384");
    let read = read_json(&Value::Object(m.clone()).to_string()).unwrap();
    assert!(read.recipients[0].problem.is_some());
    let out = read
        .decrypt(&JweKey::symmetric(&[2; 16]), &Limits::default())
        .unwrap();
    assert_eq!(out.recipient, 1);
    m["recipients"][1]["header"]["alg"] = json!("ES256");
    let err = read_json(&Value::Object(m).to_string())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("recipients[0]: key management algorithm \"RSA-OAEP-384\""),
        "{err}"
    );
}

#[test]
fn no_recipient_fitting_the_key_says_why_for_each() {
    let rs = [kw(1, None), kw(2, None)];
    let read = read_json(&encrypt_json(b"x", &rs, None, JsonForm::General).unwrap()).unwrap();
    let err = read
        .decrypt(&JweKey::password("pw"), &Limits::default())
        .unwrap_err();
    // Both refuse the password the same way: said once.
    assert!(matches!(err, JweError::WrongKey(_)), "{err:?}");
    let mut m = doc(&encrypt_json(b"x", &rs, None, JsonForm::General).unwrap());
    m["recipients"][1]["header"]["alg"] = json!("A256KW");
    m["recipients"][1]["encrypted_key"] = json!(crate::core::b64::encode(&[0; 40]));
    let read = read_json(&Value::Object(m).to_string()).unwrap();
    let err = read
        .decrypt(&JweKey::password("pw"), &Limits::default())
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(
            "no recipient of the document takes this key: recipients[0]: A128KW needs"
        ),
        "{text}"
    );
    assert!(
        text.contains("; recipients[1]: A256KW needs a 32-byte symmetric key"),
        "{text}"
    );
}

#[test]
fn encrypt_refuses_what_cannot_be_shared() {
    let mut dir = kw(1, None);
    dir.options.alg = KeyAlg::Dir;
    dir.key = JweKey::symmetric(&[1; 32]);
    let err = encrypt_json(b"x", &[kw(1, None), dir.clone()], None, JsonForm::General);
    assert!(matches!(
        err,
        Err(JweError::Encrypt(EncryptProblem::DirectShared {
            alg: KeyAlg::Dir
        }))
    ));
    // One dir recipient is fine: the key is the CEK.
    let one = encrypt_json(b"x", &[dir.clone()], None, JsonForm::General).unwrap();
    let out = read_json(&one)
        .unwrap()
        .decrypt(&dir.key, &Limits::default())
        .unwrap();
    assert_eq!(out.decrypted.plaintext, b"x");
    assert!(
        !doc(&one)["recipients"][0]
            .as_object()
            .unwrap()
            .contains_key("encrypted_key")
    );
    let err = encrypt_json(b"x", &[kw(1, None), kw(2, None)], None, JsonForm::Flattened);
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("holds one recipient; 2 were given")
    );
    let mut other_enc = kw(2, None);
    other_enc.options.enc = ContentAlg::A128Gcm;
    let err = encrypt_json(b"x", &[kw(1, None), other_enc], None, JsonForm::General);
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("recipient 1 differs from the first in \"enc\"")
    );
    assert!(encrypt_json(b"x", &[], None, JsonForm::General).is_err());
}
