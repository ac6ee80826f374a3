//! Unit tests: shapes the reader refuses with a sentence that says what to do, digests, and
//! processing rules on hand-made payloads.

use super::*;
use serde_json::{Value, json};

const JWT: &str = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln";

fn unsigned(payload: &Value) -> String {
    let h = crate::core::b64::encode(br#"{"alg":"ES256"}"#);
    let p = crate::core::b64::encode(payload.to_string().as_bytes());
    format!("{h}.{p}.c2ln")
}

#[test]
fn rfc_disclosure_digest() {
    // RFC 9901 sections 4.2.1 and 4.2.3: the family_name disclosure and its digest.
    let d = Disclosure::read(
        1,
        "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0",
        SdAlg::Sha256,
    );
    assert_eq!(d.digest, "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0");
    assert_eq!(d.name(), Some("family_name"));
    assert_eq!(d.label(), "disclosure 1 (\"family_name\", WyJfMjZiYzRM…)");
}

#[test]
fn shapes_refused_with_what_to_do() {
    let e = |t: &str| SdJwt::parse(t).unwrap_err().to_string();
    assert!(e("").contains("no SD-JWT given"));
    assert!(e(JWT).contains("looks like a plain JWT: an SD-JWT without disclosures is JWT~"));
    assert!(e(&format!("{JWT}~WyJhIiwiYiJd")).contains("does not end with '~'"));
    assert!(e(&format!("{JWT}~~")).contains("part 2 of the SD-JWT is empty"));
    assert!(e(&format!("~{JWT}~")).contains("part 1 of the SD-JWT is empty"));
    assert!(e(&format!("{JWT}~a\u{202e}b~")).contains("\\u{202e}"));
    assert!(e("a.b~").contains("issuer-signed JWT"));
    assert!(e(&format!("{JWT}~x~a.b")).contains("KB-JWT"));
    let p = unsigned(&json!({"_sd_alg": "md5"}));
    assert!(e(&format!("{p}~")).contains("_sd_alg is \"md5\""));
    let p = unsigned(&json!({"_sd_alg": "sha-256-32"}));
    assert!(e(&format!("{p}~")).contains("truncated"));
    // Line breaks from a copied example are removed, and said so.
    let sd = SdJwt::parse(&format!("{}\n  {}~", &JWT[..10], &JWT[10..])).unwrap();
    assert!(sd.whitespace_removed);
    assert_eq!(sd.sd_hash_input(), format!("{JWT}~"));
    assert_eq!(sd.kind(), "SD-JWT");
}

#[test]
fn unreadable_disclosures_stay_in_their_row() {
    let d = unsigned(&json!({"_sd": [SdAlg::Sha256.digest("e30")]}));
    let (sd, p) = decode(&format!("{d}~e30~WyJhIl0~Kw~")).unwrap();
    assert!(matches!(
        sd.disclosures[0].content,
        Err(DisclosureError::NotArray("an object"))
    ));
    assert!(matches!(
        sd.disclosures[1].content,
        Err(DisclosureError::Length(1))
    ));
    assert!(matches!(
        sd.disclosures[2].content,
        Err(DisclosureError::Json(_))
    ));
    let names: Vec<&str> = p.problems.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["7.1 step 3.3.2.1", "7.1 step 5", "7.1 step 5"]);
    assert!(
        p.problems[0]
            .detail
            .contains("disclosure 1 (unreadable, e30)")
    );
}

#[test]
fn processing_rules_on_hand_made_payloads() {
    let a = SdAlg::Sha256;
    let name = Disclosure::property("s1", "name", &json!("x"), a);
    let elem = Disclosure::element("s2", &json!("y"), a);
    let run = |payload: Value, ds: &[&Disclosure]| {
        let text: String = ds.iter().map(|d| format!("{}~", d.text)).collect();
        decode(&format!("{}~{text}", unsigned(&payload))).unwrap().1
    };
    // A property digest in an array, an element digest in _sd: wrong shapes.
    let p = run(
        json!({"a": [{"...": name.digest}], "_sd": [elem.digest]}),
        &[&name, &elem],
    );
    assert!(p.failed(steps::ELEMENT_SHAPE) && p.failed(steps::PROPERTY_SHAPE));
    // _sd that is not an array of strings; "..." that is not a string.
    let p = run(
        json!({"_sd": "x", "b": {"_sd": [1]}, "c": [{"...": 2}]}),
        &[],
    );
    assert_eq!(
        p.problems
            .iter()
            .filter(|c| c.name == steps::SD_ARRAYS.name)
            .count(),
        2
    );
    assert!(p.failed(steps::ARRAY_DIGESTS));
    // An object with "..." and another member is an ordinary element.
    let p = run(json!({"c": [{"...": "d", "e": 1}]}), &[]);
    assert!(p.problems.is_empty());
    assert_eq!(p.claims["c"], json!([{"...": "d", "e": 1}]));
    // Undisclosed array elements are removed; _sd and _sd_alg are gone.
    let p = run(
        json!({"c": [1, {"...": elem.digest}, {"...": "decoy"}], "_sd_alg": "sha-256"}),
        &[&elem],
    );
    assert_eq!(Value::Object(p.claims.clone()), json!({"c": [1, "y"]}));
    assert_eq!(p.placed[0].as_deref(), Some("/c/1"));
    assert_eq!(p.embedded[1].slot, Slot::Element(2));
    // Two disclosures of the same name at one level: the second collides.
    let twin = Disclosure::property("s3", "name", &json!("z"), a);
    let p = run(json!({"_sd": [name.digest, twin.digest]}), &[&name, &twin]);
    assert!(p.failed(steps::NAME_COLLISION));
    assert!(p.problems[0].detail.contains("another disclosure's claim"));
}

#[test]
fn nesting_through_disclosures_is_bounded() {
    // Each disclosure's value holds the digest of the next: 300 levels deep once rebuilt.
    let a = SdAlg::Sha256;
    let mut chain = vec![Disclosure::property("s", "v", &json!(0), a)];
    for i in 0..300 {
        let inner = chain.last().map(|d| d.digest.clone()).unwrap_or_default();
        chain.push(Disclosure::property(
            &format!("s{i}"),
            "v",
            &json!({"_sd": [inner]}),
            a,
        ));
    }
    let top = chain.last().map(|d| d.digest.clone()).unwrap_or_default();
    let text: String = chain.iter().map(|d| format!("{}~", d.text)).collect();
    let (_, p) = decode(&format!("{}~{text}", unsigned(&json!({"_sd": [top]})))).unwrap();
    assert!(p.failed(steps::NESTING));
    assert!(p.failed(steps::UNREFERENCED));
}

#[test]
fn sd_hash_covers_the_text_up_to_the_last_tilde() {
    let kb = unsigned(&json!({"sd_hash": "x"}));
    let sd = SdJwt::parse(&format!("{JWT}~WyJzIiwiYSIsMV0~{kb}")).unwrap();
    assert_eq!(sd.sd_hash_input(), format!("{JWT}~WyJzIiwiYSIsMV0~"));
    assert_eq!(sd.kb_text(), Some(kb.as_str()));
    assert_eq!(sd.sd_hash(), SdAlg::Sha256.digest(sd.sd_hash_input()));
    let sd = SdJwt::parse(&format!("{JWT}~{kb}")).unwrap();
    assert_eq!(sd.sd_hash_input(), format!("{JWT}~"));
}
