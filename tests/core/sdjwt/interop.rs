//! Interop with sd-jwt-js 0.19.0 (tests/fixtures/profiles/sdjwt.json): its SD-JWT VC, its
//! presentation with a KB-JWT and without, verified here; its disclosures reproduced byte
//! for byte from their salts.

use super::{check, claims, failures, jwk, optional, profile_fixture};
use jwt_workbench::core::sdjwt::{Disclosure, SdAlg, SdJwt, SdPolicy, Slot, steps};

const NOW: i64 = 1_780_000_000;

fn policy() -> SdPolicy {
    SdPolicy {
        aud: Some("https://verifier.example".into()),
        nonce: Some("n-0S6_WzA2Mj".into()),
        ..SdPolicy::default()
    }
}

#[test]
fn sd_jwt_js_issued_vc_verifies_with_its_table() {
    let f = profile_fixture("sdjwt.json");
    let issuer = jwk(&f["keys"]["issuer"]["public"]);
    let text = f["issued"]["sd_jwt"].as_str().unwrap();
    let report = check(text, &issuer, &optional(), NOW);
    assert!(report.valid(), "{}", failures(&report));
    assert!(report.vc);
    assert_eq!(claims(&report), f["issued"]["verify_result"]["payload"]);
    let sd = SdJwt::parse(text).unwrap();
    for row in f["issued"]["disclosures"].as_array().unwrap() {
        let d = sd
            .disclosures
            .iter()
            .find(|d| d.text == row["disclosure"].as_str().unwrap())
            .unwrap();
        assert_eq!(d.digest, row["digest"].as_str().unwrap());
        assert_eq!(d.decoded_text().unwrap(), row["decoded"].to_string());
        let at = report.processed.placed[d.index - 1].as_deref();
        assert_eq!(at, row["path"].as_str(), "{}", d.label());
        // Their disclosure, rebuilt from its salt with ours: the same bytes, the same digest.
        let c = d.content.as_ref().unwrap();
        let ours = match &c.name {
            Some(n) => Disclosure::property(&c.salt, n, &c.value, SdAlg::Sha256),
            None => Disclosure::element(&c.salt, &c.value, SdAlg::Sha256),
        };
        assert_eq!(ours.text, d.text);
    }
    // Their decoys are the digests with no disclosure, where they said.
    let mut decoys: Vec<(String, String)> = report
        .processed
        .undisclosed()
        .map(|e| {
            assert_eq!(e.slot, Slot::Sd);
            (format!("{}/_sd", e.container), e.digest.clone())
        })
        .collect();
    let mut want: Vec<(String, String)> = f["issued"]["decoys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["in"].as_str().unwrap().to_string(),
                d["digest"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    decoys.sort();
    want.sort();
    assert_eq!(decoys, want);
}

#[test]
fn sd_jwt_js_presentation_with_kb_verifies() {
    let f = profile_fixture("sdjwt.json");
    let issuer = jwk(&f["keys"]["issuer"]["public"]);
    let p = &f["presentation"];
    let text = p["sd_jwt_kb"].as_str().unwrap();
    let sd = SdJwt::parse(text).unwrap();
    assert_eq!(sd.sd_hash_input(), p["sd_hash_input"].as_str().unwrap());
    assert_eq!(sd.sd_hash(), p["kb_payload"]["sd_hash"].as_str().unwrap());
    let report = check(text, &issuer, &policy(), NOW);
    assert!(report.valid(), "{}", failures(&report));
    assert_eq!(claims(&report), p["verify_result"]["payload"]);
    // sd-jwt-js does not compare aud (observations.kb_aud_not_checked); this verifier does.
    let other = SdPolicy {
        aud: Some("https://attacker.example".into()),
        ..policy()
    };
    let r = check(text, &issuer, &other, NOW);
    assert_eq!(r.first_failure().unwrap().name, steps::KB_AUD.name);
    // And it refuses a missing expected nonce instead of skipping the check.
    let r = check(
        text,
        &issuer,
        &SdPolicy {
            nonce: None,
            ..policy()
        },
        NOW,
    );
    assert_eq!(r.first_failure().unwrap().name, steps::KB_NONCE.name);
}

#[test]
fn sd_jwt_js_presentation_without_kb_needs_optional_binding() {
    let f = profile_fixture("sdjwt.json");
    let issuer = jwk(&f["keys"]["issuer"]["public"]);
    let text = f["presentation_without_kb"]["sd_jwt"].as_str().unwrap();
    let report = check(text, &issuer, &optional(), NOW);
    assert!(report.valid(), "{}", failures(&report));
    assert_eq!(
        claims(&report),
        f["presentation_without_kb"]["verify_result"]["payload"]
    );
    let required = check(text, &issuer, &policy(), NOW);
    assert!(!required.valid());
    assert_eq!(
        required.first_failure().unwrap().name,
        steps::KB_PRESENT.name
    );
}
