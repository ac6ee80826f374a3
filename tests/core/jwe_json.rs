//! The JWE JSON serialization (RFC 7516 section 7.2) through the core's public API: the RFC
//! 7516 appendix A.4/A.5 and RFC 7520 section 5 documents, the documents jose 6.2.19 and
//! jwcrypto 1.6.1 made (tests/fixtures/modern), ours to several recipients, and every member
//! tampered with.

use crate::common::fixture;
use crate::support::{fixture_json, jwk};
use jwt_workbench::core::b64;
use jwt_workbench::core::jwe::{
    self, ContentAlg, EncryptOptions, JsonForm, JweError, JweKey, KeyAlg, Limits, Pick, Recipient,
};
use serde_json::{Value, json};

fn modern(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("modern/{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The test keys of tests/fixtures/modern (jose.json `keys`): `rsa_enc` or `ec_enc`.
fn modern_key(name: &str, half: &str) -> JweKey {
    jwk(&modern("jose")["keys"][name][half])
}

fn limits() -> Limits {
    Limits::default()
}

fn open(doc: &Value, key: &JweKey) -> Result<jwe::JsonDecrypted, JweError> {
    jwe::read_json(&doc.to_string())?.decrypt(key, &limits())
}

#[test]
fn rfc_7516_and_7520_json_documents_decrypt() {
    let all = fixture_json("rfc_json_vectors.json");
    let vectors = all["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 24);
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        for k in v["keys"].as_array().unwrap() {
            let key = match k.get("password") {
                Some(pw) => JweKey::password(pw.as_str().unwrap()),
                None => jwk(&k["jwk"]),
            };
            let out = open(&v["document"], &key).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                out.decrypted.plaintext,
                v["plaintext"].as_str().unwrap().as_bytes(),
                "{name}"
            );
        }
    }
}

#[test]
fn rfc_7516_a4_each_key_finds_its_recipient() {
    let all = fixture_json("rfc_json_vectors.json");
    let a4 = &all["vectors"][0];
    assert_eq!(a4["name"], "RFC 7516 A.4");
    let doc = jwe::read_json(&a4["document"].to_string()).unwrap();
    assert_eq!(doc.form, JsonForm::General);
    assert_eq!(doc.kid(0), Some("2011-04-29"));
    assert_eq!(
        doc.member(1, "jku"),
        Some(&json!("https://server.example.com/keys.jwks"))
    );
    let rsa = doc.decrypt(&jwk(&a4["keys"][0]["jwk"]), &limits()).unwrap();
    assert_eq!(
        (rsa.recipient, rsa.decrypted.parts.alg),
        (0, KeyAlg::Rsa1_5)
    );
    let kw = doc.decrypt(&jwk(&a4["keys"][1]["jwk"]), &limits()).unwrap();
    assert_eq!((kw.recipient, kw.pick), (1, Pick::Tried));
    // Recipient 0 (RSA1_5) refused the symmetric key before any cryptography.
    assert!(matches!(
        kw.refused.as_slice(),
        [(0, JweError::WrongKey(_))]
    ));
}

#[test]
fn rfc_7520_5_10_to_5_12_aad_unprotected_and_no_protected_header() {
    let all = fixture_json("rfc_json_vectors.json");
    let find = |name: &str| {
        all["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap()
            .clone()
    };
    let aad = find("RFC 7520 5.10 flattened");
    let doc = jwe::read_json(&aad["document"].to_string()).unwrap();
    let vcard = String::from_utf8(doc.aad.as_ref().unwrap().bytes.clone()).unwrap();
    assert!(vcard.starts_with("[\"vcard\""), "{vcard}");
    assert_eq!(
        doc.aad_input(),
        format!(
            "{}.{}",
            doc.protected.text,
            aad["document"]["aad"].as_str().unwrap()
        )
    );
    let none = find("RFC 7520 5.12 general");
    let doc = jwe::read_json(&none["document"].to_string()).unwrap();
    assert!(doc.protected.text.is_empty());
    assert_eq!(
        doc.aad_input(),
        "",
        "no protected header, no aad: the AAD is empty"
    );
    let out = doc
        .decrypt(&jwk(&none["keys"][0]["jwk"]), &limits())
        .unwrap();
    assert_eq!(out.decrypted.parts.enc, ContentAlg::A128Gcm);
    assert_eq!(out.pick, Pick::Kid);
}

/// jose's and jwcrypto's documents: flattened RSA-OAEP-256 with `aad`, general RSA-OAEP-256
/// + ECDH-ES+A256KW with `aad`; each key finds its recipient by kid.
#[test]
fn jose_and_jwcrypto_documents_decrypt() {
    for maker in ["jose", "jwcrypto"] {
        let f = &modern(maker)["jwe_json"];
        let plaintext = f["plaintext"].as_str().unwrap().as_bytes();
        let flat = open(&f["flattened"]["jwe"], &modern_key("rsa_enc", "private")).unwrap();
        assert_eq!(flat.decrypted.plaintext, plaintext, "{maker}");
        assert_eq!(
            flat.pick,
            Pick::Kid,
            "{maker}: kid in the shared unprotected header"
        );
        let doc = jwe::read_json(&f["general"]["jwe"].to_string()).unwrap();
        assert_eq!(
            doc.aad.as_ref().unwrap().bytes,
            f["aad"].as_str().unwrap().as_bytes()
        );
        for (index, name) in [(0, "rsa_enc"), (1, "ec_enc")] {
            let out = doc
                .decrypt(&modern_key(name, "private"), &limits())
                .unwrap();
            assert_eq!(
                (out.recipient, out.pick),
                (index, Pick::Kid),
                "{maker} {name}"
            );
            assert_eq!(out.decrypted.plaintext, plaintext);
            assert_eq!(
                out.decrypted.header()["cty"],
                "json",
                "shared unprotected member"
            );
        }
    }
}

fn flip(text: &str, at: usize) -> String {
    let mut bytes = b64::decode_strict(text).unwrap();
    let i = at % bytes.len();
    bytes[i] ^= 0x01;
    b64::encode(&bytes)
}

/// Every member of a document that recipient `ours` depends on, changed.
fn tampered(doc: &Value, ours: usize) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut set = |what: &str, f: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        f(&mut d);
        out.push((what.to_string(), d));
    };
    for member in ["ciphertext", "tag", "iv"] {
        set(member, &|d| {
            d[member] = json!(flip(d[member].as_str().unwrap(), 3))
        });
    }
    set("aad flipped", &|d| {
        d["aad"] = json!(flip(d["aad"].as_str().unwrap(), 0))
    });
    set("aad removed", &|d| {
        d.as_object_mut().unwrap().remove("aad");
    });
    set("aad emptied", &|d| d["aad"] = json!(""));
    set("protected: a member added", &|d| {
        let text = b64::decode_strict(d["protected"].as_str().unwrap()).unwrap();
        let mut header: Value = serde_json::from_slice(&text).unwrap();
        header["x"] = json!(1);
        d["protected"] = json!(b64::encode(header.to_string().as_bytes()));
    });
    set("protected: re-encoded with a space", &|d| {
        let text = b64::decode_strict(d["protected"].as_str().unwrap()).unwrap();
        let spaced = format!(" {}", String::from_utf8(text).unwrap());
        d["protected"] = json!(b64::encode(spaced.as_bytes()));
    });
    set(&format!("recipients[{ours}].encrypted_key"), &|d| {
        let slot = match d.get("recipients") {
            Some(_) => &mut d["recipients"][ours]["encrypted_key"],
            None => &mut d["encrypted_key"],
        };
        *slot = json!(flip(slot.as_str().unwrap(), 5));
    });
    if let Some(epk) = doc["recipients"][ours]["header"].get("epk") {
        // Another point of the curve: the agreement gives another key.
        let other = modern("jose")["keys"]["ec_sig"]["public"].clone();
        assert_ne!(epk["x"], other["x"]);
        set("the recipient's epk", &|d| {
            d["recipients"][ours]["header"]["epk"]["x"] = other["x"].clone();
            d["recipients"][ours]["header"]["epk"]["y"] = other["y"].clone();
        });
    }
    out
}

#[test]
fn every_tampered_member_is_the_one_decryption_failure() {
    let f = &modern("jose")["jwe_json"];
    let rsa = modern_key("rsa_enc", "private");
    let ec = modern_key("ec_enc", "private");
    let cases = [
        (&f["flattened"]["jwe"], &rsa, 0),
        (&f["general"]["jwe"], &rsa, 0),
        (&f["general"]["jwe"], &ec, 1),
    ];
    let mut checked = 0;
    for (doc, key, ours) in cases {
        assert!(open(doc, key).is_ok());
        for (what, bad) in tampered(doc, ours) {
            let err = open(&bad, key).map(|_| ()).unwrap_err();
            assert_eq!(err, JweError::Decryption, "{what}: {err}");
            assert_eq!(err.to_string(), jwe::DECRYPTION_FAILED);
            checked += 1;
        }
    }
    // Another recipient's encrypted key is not ours to check: the kid picks ours.
    let mut other = f["general"]["jwe"].clone();
    other["recipients"][1]["encrypted_key"] = json!(flip(
        other["recipients"][1]["encrypted_key"].as_str().unwrap(),
        5
    ));
    assert!(open(&other, &rsa).is_ok());
    assert_eq!(open(&other, &ec).unwrap_err(), JweError::Decryption);
    assert_eq!(checked, 28, "9 members for each recipient, and the epk");
}

#[test]
fn unprotected_members_that_matter_fail_when_changed() {
    let f = &modern("jose")["jwe_json"];
    let ec = modern_key("ec_enc", "private");
    let mut doc = f["general"]["jwe"].clone();
    // Moving enc out of the protected header changes the AAD.
    let moved = {
        let mut d = doc.clone();
        d["protected"] = json!(b64::encode(b"{}"));
        d["unprotected"]["enc"] = json!("A256GCM");
        d
    };
    assert_eq!(open(&moved, &ec).unwrap_err(), JweError::Decryption);
    // Another alg for the recipient: the KDF's AlgorithmID changes, so does the KEK.
    doc["recipients"][1]["header"]["alg"] = json!("ECDH-ES+A128KW");
    let err = open(&doc, &ec).unwrap_err();
    assert!(
        matches!(
            err,
            JweError::Recipient { index: 1, .. } | JweError::Decryption
        ),
        "{err}"
    );
}

#[test]
fn the_headers_must_be_disjoint_and_zip_protected() {
    let f = &modern("jose")["jwe_json"];
    let mut doc = f["general"]["jwe"].clone();
    doc["unprotected"]["kid"] = json!("ec-enc1");
    let err = jwe::read_json(&doc.to_string()).unwrap_err().to_string();
    assert!(
        err.starts_with("recipients[0]: the header member \"kid\" is in both the shared unprotected header (unprotected) and recipients[0].header"),
        "{err}"
    );
    let mut doc = f["flattened"]["jwe"].clone();
    doc["header"] = json!({"alg": "RSA-OAEP-256"});
    let err = jwe::read_json(&doc.to_string()).unwrap_err().to_string();
    assert!(err.contains("\"alg\" is in both the protected header (protected) and the recipient's unprotected header (header)"), "{err}");
    let mut doc = f["flattened"]["jwe"].clone();
    doc["unprotected"]["zip"] = json!("DEF");
    let err = jwe::read_json(&doc.to_string()).unwrap_err().to_string();
    assert!(
        err.contains("must be in the protected header only (RFC 7516 section 4.1.3)"),
        "{err}"
    );
    let mut doc = f["flattened"]["jwe"].clone();
    doc["unprotected"]["crit"] = json!(["exp"]);
    let err = open(&doc, &modern_key("rsa_enc", "private"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("as critical (crit)"), "{err}");
}

fn recipient(alg: KeyAlg, key: JweKey) -> Recipient {
    Recipient {
        options: EncryptOptions::new(alg, ContentAlg::A128CbcHs256),
        key,
    }
}

/// Ours, to four recipients of four families: each key decrypts it, finding its recipient
/// by kid (JWKs) or by trying each (a password, a bare secret).
#[test]
fn ours_to_four_recipients_decrypts_with_each_key() {
    let mut rsa = recipient(KeyAlg::RsaOaep256, modern_key("rsa_enc", "public"));
    rsa.options.kid = Some("rsa-enc1".into());
    let mut ec = recipient(KeyAlg::EcdhEsA128Kw, modern_key("ec_enc", "public"));
    ec.options.kid = Some("ec-enc1".into());
    let kw = recipient(KeyAlg::A192Kw, JweKey::symmetric(&[5; 24]));
    let mut pw = recipient(KeyAlg::Pbes2Hs256A128Kw, JweKey::password("correct horse"));
    pw.options.p2c = Some(1000);
    let all = [rsa, ec, kw, pw];
    let plaintext = [0u8, 159, 146, 150, 255];
    let text = jwe::encrypt_json(&plaintext, &all, Some(b"context"), JsonForm::General).unwrap();
    let doc = jwe::read_json(&text).unwrap();
    assert_eq!(doc.recipients.len(), 4);
    let keys = [
        (modern_key("rsa_enc", "private"), 0, Pick::Kid),
        (modern_key("ec_enc", "private"), 1, Pick::Kid),
        (JweKey::symmetric(&[5; 24]), 2, Pick::Tried),
        (JweKey::password("correct horse"), 3, Pick::Tried),
    ];
    for (key, index, pick) in keys {
        let out = doc.decrypt(&key, &limits()).unwrap();
        assert_eq!((out.recipient, out.pick), (index, pick));
        assert_eq!(out.decrypted.plaintext, plaintext);
    }
    // One CEK for all: each recipient's trace holds the same.
    let a = doc
        .decrypt(&JweKey::symmetric(&[5; 24]), &limits())
        .unwrap();
    let b = doc
        .decrypt(&JweKey::password("correct horse"), &limits())
        .unwrap();
    assert_eq!(a.decrypted.trace.cek, b.decrypted.trace.cek);
    assert_eq!(JweKey::password("wrong").kind_words(), "a password");
    assert_eq!(
        doc.decrypt(&JweKey::password("wrong"), &limits())
            .unwrap_err(),
        JweError::Decryption
    );
}

#[test]
fn pbes2_over_the_cap_is_refused_for_that_recipient_only() {
    let mut pw = recipient(KeyAlg::Pbes2Hs256A128Kw, JweKey::password("pw"));
    pw.options.p2c = Some(20_000);
    let kw = recipient(KeyAlg::A128Kw, JweKey::symmetric(&[1; 16]));
    let text = jwe::encrypt_json(b"x", &[pw, kw], None, JsonForm::General).unwrap();
    let doc = jwe::read_json(&text).unwrap();
    let err = doc
        .decrypt(&JweKey::password("pw"), &limits())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("p2c = 20000 is over the limit of 10000"),
        "{err}"
    );
    let out = doc
        .decrypt(&JweKey::symmetric(&[1; 16]), &limits())
        .unwrap();
    assert_eq!(out.recipient, 1);
    assert!(matches!(out.refused.as_slice(), [(0, JweError::Limit(_))]));
}

/// Ours, accepted by them: the documents `encrypt` wrote (tests/fixtures/modern/
/// ours_jwe_json.json, by make_ours_jwe.py) were decrypted by jwcrypto 1.6.1 and jose 6.2.19
/// with every key (their verdicts are stored there; check.mjs --record-ours), and still
/// decrypt here to the same plaintext and aad.
#[test]
fn ours_stored_documents_decrypt_and_jose_and_jwcrypto_accepted_them() {
    let ours = modern("ours_jwe_json");
    let keys = |name: &str| match name {
        "oct" => jwk(&ours["oct_key"]),
        "password" => JweKey::password(ours["password"].as_str().unwrap()),
        other => modern_key(other, "private"),
    };
    let verdicts = ours["accepted_by"].as_object().unwrap();
    let makers: Vec<&str> = verdicts.keys().map(String::as_str).collect();
    assert_eq!(makers, ["jwcrypto 1.6.1", "jose 6.2.19"]);
    let mut pairs = 0;
    for d in ours["documents"].as_array().unwrap() {
        let name = d["name"].as_str().unwrap();
        let doc = jwe::read_json(&d["document"].to_string()).unwrap();
        for key in d["keys"].as_array().unwrap() {
            let key = key.as_str().unwrap();
            for maker in &makers {
                assert_eq!(
                    verdicts[*maker][format!("{name}/{key}")],
                    "ok",
                    "{maker}: {name}/{key}"
                );
            }
            let out = doc.decrypt(&keys(key), &limits()).unwrap();
            assert_eq!(
                b64::encode_hex(&out.decrypted.plaintext),
                d["plaintext_hex"],
                "{name}/{key}"
            );
            let aad = doc.aad.as_ref().map(|a| b64::encode_hex(&a.bytes));
            assert_eq!(aad.as_deref(), d["aad_hex"].as_str(), "{name}");
            pairs += 1;
        }
        // General: alg in each recipient's header; flattened: the whole header protected.
        match doc.form {
            JsonForm::General => assert!(
                doc.recipients
                    .iter()
                    .all(|r| r.header.as_ref().is_some_and(|h| h.contains_key("alg")))
            ),
            JsonForm::Flattened => {
                assert!(doc.protected_header.contains_key("alg") && doc.unprotected.is_none())
            }
        }
    }
    assert_eq!(pairs, 8);
}
