use super::*;
use crate::core::alg::JwsAlg;
use crate::core::b64;
use crate::core::keys::{Key, KeyFile, parse_secret_spec};
use crate::core::verify::Policy;

const NOW: i64 = 1_800_000_000;
const CLAIMS: &[u8] = br#"{"sub":"1","aud":"api","exp":1900000000}"#;

fn secret(text: &str, kid: &str) -> Key {
    let mut k = parse_secret_spec(text).unwrap();
    k.kid = Some(kid.into());
    k
}

fn keys() -> (Key, Key) {
    (
        secret("first secret of thirty-two bytes!", "a"),
        secret("second secret, also 32 bytes long", "b"),
    )
}

fn set(keys: &[&Key]) -> KeyFile {
    KeyFile {
        keys: keys.iter().map(|k| (*k).clone()).collect(),
        is_set: true,
        notes: Vec::new(),
    }
}

fn signer<'a>(key: &'a Key, protected: &str) -> Signer<'a> {
    Signer {
        key,
        alg: JwsAlg::HS256,
        protected: protected.into(),
        unprotected: key.kid.clone().map(|kid| {
            let mut m = Map::new();
            m.insert("kid".into(), Value::String(kid));
            m
        }),
    }
}

fn policy() -> Policy {
    Policy {
        aud: Some("api".into()),
        ..Policy::default()
    }
}

fn general(payload: &[u8]) -> String {
    let (a, b) = keys();
    let signers = [
        signer(&a, r#"{"alg":"HS256"}"#),
        signer(&b, r#"{"alg":"HS256"}"#),
    ];
    sign_json(payload, &signers, Serialization::General, false, false).unwrap()
}

#[test]
fn each_signature_is_judged_with_the_key_that_is_for_it() {
    let (a, b) = keys();
    let doc = parse(&general(CLAIMS)).unwrap();
    assert_eq!(doc.serialization, Serialization::General);
    assert_eq!(doc.signatures.len(), 2);
    let only_a = verify_each(&doc, &set(&[&a]), &policy(), NOW);
    let statuses: Vec<&str> = only_a.results.iter().map(SignatureResult::status).collect();
    assert_eq!(statuses, ["valid", "no key"]);
    assert_eq!(
        only_a.results[1].kid,
        Some(("b".into(), false)),
        "kid from the unprotected header"
    );
    assert!(only_a.accepted(false));
    assert!(!only_a.accepted(true), "--all demands every signature");
    let both = verify_each(&doc, &set(&[&a, &b]), &policy(), NOW);
    assert!(both.accepted(true));
    let none = verify_each(
        &doc,
        &set(&[&secret("unrelated secret of 32 bytes ok!", "c")]),
        &policy(),
        NOW,
    );
    assert!(none.none_fitted() && !none.accepted(false));
}

#[test]
fn tampering_with_the_payload_or_one_protected_header_is_refused() {
    let (a, b) = keys();
    let text = general(CLAIMS);
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["payload"] = Value::String(b64::encode(br#"{"sub":"2","aud":"api","exp":1900000000}"#));
    let doc = parse(&v.to_string()).unwrap();
    let r = verify_each(&doc, &set(&[&a, &b]), &policy(), NOW);
    assert!(r.results.iter().all(|x| x.status() == "invalid"), "{r:?}");
    assert!(!r.accepted(false));

    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["signatures"][1]["protected"] = Value::String(b64::encode(br#"{"alg":"HS256","x":1}"#));
    let r = verify_each(
        &parse(&v.to_string()).unwrap(),
        &set(&[&a, &b]),
        &policy(),
        NOW,
    );
    assert_eq!(r.results[1].status(), "invalid");
    assert!(
        !r.accepted(false),
        "a fitted signature that fails sinks the document"
    );
}

#[test]
fn unsigned_members_never_decide() {
    let (a, _) = keys();
    let protected = b64::encode(br#"{"alg":"HS256"}"#);
    let payload = b64::encode(CLAIMS);
    let sig = |header: &str| {
        let doc = format!(
            r#"{{"payload":"{payload}","protected":"{protected}","header":{header},"signature":"AAAA"}}"#
        );
        let d = parse(&doc).unwrap();
        d.signatures[0].inspection.clone().unwrap_err().to_string()
    };
    assert!(sig(r#"{"alg":"none"}"#).contains("both the protected and the unprotected"));
    assert!(sig(r#"{"crit":["b64"]}"#).contains("crit is in the unprotected header"));
    assert!(sig(r#"{"b64":false}"#).contains("b64 is in the unprotected header"));
    let bare = format!(
        r#"{{"payload":"{payload}","header":{{"alg":"HS256","kid":"a"}},"signature":"AAAA"}}"#
    );
    let d = parse(&bare).unwrap();
    let r = verify_each(&d, &set(&[&a]), &policy(), NOW);
    assert_eq!(r.results[0].status(), "refused");
    assert!(
        r.results[0].detail().contains("not signed"),
        "{}",
        r.results[0].detail()
    );
    assert!(!r.accepted(false));
}

#[test]
fn the_document_itself_must_be_a_jws() {
    for (doc, says) in [
        (
            r#"{"payload":"e30","signature":"AA","signatures":[]}"#,
            "forbids mixing",
        ),
        (r#"{"ciphertext":"AA","iv":"AA"}"#, "use decrypt"),
        (r#"{"payload":"e30"}"#, "neither signatures nor signature"),
        (
            r#"{"payload":"e30","payload":"e31","signature":"AA","protected":"e30"}"#,
            "twice",
        ),
        (r#"{"payload":1,"signature":"AA"}"#, "must be a string"),
        (r#"{"payload":"e30","signatures":[]}"#, "at least one"),
        (r#"{"payload":"e30","signatures":[1]}"#, "signatures[0]"),
        (r#"[1]"#, "object"),
    ] {
        let e = parse(doc).unwrap_err().to_string();
        assert!(e.contains(says), "{doc}: {e}");
    }
}

#[test]
fn compact_and_json_convert_both_ways() {
    let (a, _) = keys();
    let token = crate::core::sign::sign(
        r#"{"alg":"HS256"}"#,
        "{\"sub\":\"1\"}",
        &a,
        crate::core::sign::Layout::Minified,
    )
    .unwrap();
    for form in [Serialization::Flattened, Serialization::General] {
        let json = to_json(&token, form).unwrap();
        let doc = parse(&json).unwrap();
        assert_eq!(doc.serialization, form);
        assert_eq!(to_compact(&doc, None).unwrap(), token);
    }
    let doc = parse(&general(CLAIMS)).unwrap();
    let e = to_compact(&doc, None).unwrap_err().to_string();
    assert!(e.contains("--index"), "{e}");
    let e = to_compact(&doc, Some(0)).unwrap_err().to_string();
    assert!(e.contains("unprotected header (kid)"), "{e}");
    assert!(
        to_compact(&doc, Some(5))
            .unwrap_err()
            .to_string()
            .contains("no signature 5")
    );
}

#[test]
fn unencoded_and_detached_documents() {
    let (a, _) = keys();
    let protected = r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
    let payload = b"$.02 is text with a dot";
    let s = [signer(&a, protected)];
    let text = sign_json(payload, &s, Serialization::Flattened, true, false).unwrap();
    assert!(
        text.contains(r#""payload":"$.02 is text with a dot""#),
        "{text}"
    );
    let doc = parse(&text).unwrap();
    assert!(doc.unencoded);
    let bare = Policy {
        any_payload: true,
        ..Policy::default()
    };
    assert!(verify_each(&doc, &set(&[&a]), &bare, NOW).accepted(true));
    assert!(
        to_compact(&doc, None).is_err(),
        "the dot and the kid cannot go compact"
    );

    let detached = sign_json(payload, &s, Serialization::General, true, true).unwrap();
    let mut doc = parse(&detached).unwrap();
    assert!(doc.is_detached());
    let r = verify_each(&doc, &set(&[&a]), &bare, NOW);
    assert!(!r.accepted(false), "no payload: nothing verified");
    doc.attach_payload(payload);
    assert!(verify_each(&doc, &set(&[&a]), &bare, NOW).accepted(true));
    let mut wrong = parse(&detached).unwrap();
    wrong.attach_payload(b"$.03 is text with a dot");
    assert!(!verify_each(&wrong, &set(&[&a]), &bare, NOW).accepted(false));

    // A header that does not say b64: false cannot sign an unencoded payload, and the
    // signatures of one document must agree on b64.
    let plain = [signer(&a, r#"{"alg":"HS256"}"#)];
    assert!(sign_json(payload, &plain, Serialization::General, true, false).is_err());
    let mixed = format!(
        r#"{{"payload":"x","signatures":[{{"protected":"{}","signature":"AA"}},{{"protected":"{}","signature":"AA"}}]}}"#,
        b64::encode(protected.as_bytes()),
        b64::encode(br#"{"alg":"HS256"}"#)
    );
    assert!(
        parse(&mixed)
            .unwrap_err()
            .to_string()
            .contains("disagree on b64")
    );
}

#[test]
fn flattened_takes_one_key() {
    let (a, b) = keys();
    let s = [
        signer(&a, r#"{"alg":"HS256"}"#),
        signer(&b, r#"{"alg":"HS256"}"#),
    ];
    let e = sign_json(CLAIMS, &s, Serialization::Flattened, false, false).unwrap_err();
    assert!(e.to_string().contains("general"), "{e}");
}
