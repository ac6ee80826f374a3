//! RFC 9901's own examples: section 5 (issuance and presentation with key binding) and
//! section 6 (flat, structured and recursive address), digests, disclosures, sd_hash and the
//! processed payload reproduced; signatures verified (the RFC's bytes may differ, see
//! tests/fixtures/profiles/README.md).

use super::{check, claims, failures, jwk, optional, profile_fixture};
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::core::sdjwt::{self, Disclosure, SdAlg, SdJwt, SdPolicy, steps};
use serde_json::{Value, json};

const KB_IAT: i64 = 1_748_537_243;

#[test]
fn section5_issued_sd_jwt_digests_and_claims_reproduce() {
    let f = profile_fixture("rfc9901-section5.json");
    let sd = SdJwt::parse(f["sd_jwt"].as_str().unwrap()).unwrap();
    assert_eq!(sd.issuer_jwt(), f["issuer_signed_jwt"].as_str().unwrap());
    let table = f["disclosures"].as_array().unwrap();
    assert_eq!(sd.disclosures.len(), table.len());
    for (d, want) in sd.disclosures.iter().zip(table) {
        assert_eq!(d.text, want["disclosure"].as_str().unwrap());
        assert_eq!(d.digest, want["digest"].as_str().unwrap(), "{}", d.label());
    }
    assert_eq!(
        Value::Object(sd.payload.clone()),
        f["issuer_signed_payload"]
    );
    let key = jwk(&f["issuer_public_jwk_a5"]);
    let report = check(f["sd_jwt"].as_str().unwrap(), &key, &optional(), KB_IAT);
    assert!(report.valid(), "{}", failures(&report));
    // Everything disclosed: the input claims, with iss, iat, exp and cnf added by the issuer.
    let mut want = f["input_claims"].as_object().unwrap().clone();
    for k in ["iss", "iat", "exp", "cnf"] {
        want.insert(k.into(), f["issuer_signed_payload"][k].clone());
    }
    assert_eq!(claims(&report), Value::Object(want));
    let p = &report.processed;
    assert_eq!(p.placed[5].as_deref(), Some("/address"));
    assert_eq!(p.placed[8].as_deref(), Some("/nationalities/0"));
    assert_eq!(p.placed[9].as_deref(), Some("/nationalities/1"));
    assert_eq!(p.undisclosed().count(), 0);
}

#[test]
fn section5_presentation_sd_hash_and_key_binding_reproduce() {
    let f = profile_fixture("rfc9901-section5.json");
    let text = f["presentation_sd_jwt_kb"].as_str().unwrap();
    let sd = SdJwt::parse(text).unwrap();
    assert_eq!(sd.kind(), "SD-JWT+KB");
    assert!(sd.sd_hash_input().ends_with('~'));
    assert!(text.starts_with(sd.sd_hash_input()));
    assert_eq!(
        sd.sd_hash(),
        f["kb_jwt_payload"]["sd_hash"].as_str().unwrap()
    );
    assert_eq!(
        sd.kb
            .as_ref()
            .unwrap()
            .claims()
            .map(|c| Value::Object(c.clone())),
        Some(f["kb_jwt_payload"].clone())
    );
    let policy = SdPolicy {
        aud: Some("https://verifier.example.org".into()),
        nonce: Some("1234567890".into()),
        ..SdPolicy::default()
    };
    let key = jwk(&f["issuer_public_jwk_a5"]);
    let report = check(text, &key, &policy, KB_IAT + 30);
    assert!(report.valid(), "{}", failures(&report));
    assert_eq!(claims(&report), f["processed_payload"]);
    assert_eq!(
        report.sd_hash_claimed.as_deref(),
        Some(report.sd_hash.as_str())
    );
    // Two undisclosed digests in _sd per undisclosed claim, one array element dropped.
    assert_eq!(report.processed.undisclosed().count(), 6);
    // A minute later than the accepted window, the same presentation is stale.
    let late = check(text, &key, &policy, KB_IAT + 301);
    assert!(!late.valid());
    assert_eq!(late.first_failure().unwrap().name, steps::KB_IAT.name);
}

#[test]
fn section4_disclosure_encodings_and_digest() {
    let f = profile_fixture("rfc9901-section6.json");
    let s = &f["section_4_2_1"];
    let d = Disclosure::read(1, s["disclosure"].as_str().unwrap(), SdAlg::Sha256);
    assert_eq!(d.digest, s["digest"].as_str().unwrap());
    assert_eq!(d.decoded_text().unwrap(), s["contents"].to_string());
    // Other encodings of the same claim: the same contents, other digests (the digest is over
    // the text, so the issuer's choice is what counts).
    for e in s["equivalent_encodings"].as_array().unwrap() {
        let other = Disclosure::read(1, e.as_str().unwrap(), SdAlg::Sha256);
        assert_eq!(other.content, d.content);
        assert_ne!(other.digest, d.digest);
    }
    // Section 4.2.2's array element.
    let fr = Disclosure::read(
        1,
        "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0",
        SdAlg::Sha256,
    );
    assert_eq!(fr.name(), None);
    assert_eq!(fr.content.unwrap().value, json!("FR"));
}

#[test]
fn section6_flat_structured_and_recursive_reproduce() {
    let f = profile_fixture("rfc9901-section6.json");
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ec256.pkcs8.pem");
    let key = keys::load_key_file(&path)
        .unwrap()
        .pick(None, Purpose::Sign)
        .unwrap()
        .clone();
    for ex in f["examples"].as_array().unwrap() {
        let name = ex["name"].as_str().unwrap();
        let header = r#"{"alg":"ES256","typ":"example+sd-jwt"}"#;
        let jwt = jwt_workbench::core::sign::sign(
            header,
            &ex["payload"].to_string(),
            &key,
            jwt_workbench::core::sign::Layout::Minified,
        )
        .unwrap();
        let mut text = format!("{jwt}~");
        for d in ex["disclosures"].as_array().unwrap() {
            text.push_str(d["disclosure"].as_str().unwrap());
            text.push('~');
        }
        let sd = SdJwt::parse(&text).unwrap();
        for (d, want) in sd
            .disclosures
            .iter()
            .zip(ex["disclosures"].as_array().unwrap())
        {
            assert_eq!(
                d.digest,
                want["digest"].as_str().unwrap(),
                "{name}: {}",
                d.label()
            );
        }
        let report = sdjwt::verify(&sd, Some(&key.public_half()), &optional(), KB_IAT);
        assert!(report.valid(), "{name}: {}", failures(&report));
        assert_eq!(claims(&report), ex["processed_payload"], "{name}");
    }
    // The recursive example: the four address disclosures sit inside the fifth.
    let ex = &f["examples"][3];
    let mut text = format!(
        "{}~",
        jwt_workbench::core::sign::sign(
            r#"{"alg":"ES256"}"#,
            &ex["payload"].to_string(),
            &key,
            jwt_workbench::core::sign::Layout::Minified
        )
        .unwrap()
    );
    for d in ex["disclosures"].as_array().unwrap() {
        text.push_str(d["disclosure"].as_str().unwrap());
        text.push('~');
    }
    let (_, p) = sdjwt::decode(&text).unwrap();
    assert_eq!(p.parent, vec![Some(5), Some(5), Some(5), Some(5), None]);
    assert_eq!(p.placed[0].as_deref(), Some("/address/street_address"));
    // Without the address disclosure, its children connect to nothing (section 4.2.6).
    let without = text.replace(
        &format!("{}~", ex["disclosures"][4]["disclosure"].as_str().unwrap()),
        "",
    );
    let report = sdjwt::verify(
        &SdJwt::parse(&without).unwrap(),
        Some(&key.public_half()),
        &optional(),
        KB_IAT,
    );
    assert!(!report.valid());
    let unreferenced: Vec<_> = report
        .steps
        .iter()
        .filter(|c| c.name == steps::UNREFERENCED.name)
        .collect();
    assert_eq!(unreferenced.len(), 4, "{}", failures(&report));
    assert!(
        unreferenced[0]
            .detail
            .contains("disclosure 1 (\"street_address\""),
        "{}",
        unreferenced[0].detail
    );
}
