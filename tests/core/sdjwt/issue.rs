//! Issue -> present -> verify round trips with this tool alone: decoys, recursive
//! disclosures, array elements, SD-JWT VC, the closure rule, and what issuing and
//! presenting refuse.

use super::{check, claims, failures, lab_keys, optional};
use jwt_workbench::core::sdjwt::{
    self, IssueRequest, KbRequest, SdAlg, SdJwt, SdJwtError, SdPolicy, steps,
};
use serde_json::{Value, json};

const NOW: i64 = 1_780_000_000;

fn claims_in() -> serde_json::Map<String, Value> {
    json!({
        "iss": "https://issuer.example",
        "iat": NOW,
        "exp": NOW + 3600,
        "given_name": "Erika",
        "address": {"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"},
        "nationalities": ["DE", "FR", "IT"],
    })
    .as_object()
    .unwrap()
    .clone()
}

fn request(paths: &[&str]) -> IssueRequest {
    let (_, holder) = lab_keys();
    IssueRequest {
        claims: claims_in(),
        disclosable: paths.iter().map(|p| p.to_string()).collect(),
        decoys: 2,
        holder: Some(holder.public_half()),
        vct: Some("https://credentials.example/pid".into()),
        ..IssueRequest::default()
    }
}

#[test]
fn issue_present_verify_round_trip() {
    let (issuer, holder) = lab_keys();
    let paths = [
        "/given_name",
        "/address/street_address",
        "/address",
        "/nationalities/1",
        "/nationalities/2",
    ];
    let issued = sdjwt::issue(&request(&paths), &issuer).unwrap();
    assert_eq!(issued.header["typ"], "dc+sd-jwt");
    assert_eq!(issued.payload["_sd_alg"], "sha-256");
    assert_eq!(issued.disclosures.len(), 5);
    // Two decoys in the top-level _sd and two in the address (inside its disclosure).
    assert_eq!(issued.decoys.len(), 4);
    assert!(issued.sd_jwt.ends_with('~'));
    let sd = SdJwt::parse(&issued.sd_jwt).unwrap();
    // Salts are 128 bits: 22 base64url characters, all different.
    let salts: std::collections::HashSet<String> = sd
        .disclosures
        .iter()
        .map(|d| d.content.as_ref().unwrap().salt.clone())
        .collect();
    assert_eq!(salts.len(), 5);
    assert!(salts.iter().all(|s| s.len() == 22));
    let report = sdjwt::verify(&sd, Some(&issuer.public_half()), &optional(), NOW);
    assert!(report.valid(), "{}", failures(&report));
    let mut want = claims_in();
    want.insert("vct".into(), "https://credentials.example/pid".into());
    want.insert("cnf".into(), issued.payload["cnf"].clone());
    assert_eq!(claims(&report), Value::Object(want));
    // Present the street (and, by the closure rule, the address) and one nationality.
    let kb = KbRequest {
        key: &holder,
        aud: "https://verifier.example".into(),
        nonce: "n-1".into(),
        iat: NOW,
    };
    let err = sdjwt::present(&sd, &["/address/street_address".into()], None).unwrap_err();
    assert!(matches!(err, SdJwtError::ParentMissing { .. }), "{err}");
    assert!(err.to_string().contains("disclose /address too"), "{err}");
    let p = sdjwt::present(
        &sd,
        &[
            "/address/street_address".into(),
            "/address".into(),
            "/nationalities/2".into(),
        ],
        Some(&kb),
    )
    .unwrap();
    let policy = SdPolicy {
        aud: Some("https://verifier.example".into()),
        nonce: Some("n-1".into()),
        ..SdPolicy::default()
    };
    let report = check(&p.text, &issuer.public_half(), &policy, NOW + 5);
    assert!(report.valid(), "{}", failures(&report));
    assert_eq!(
        claims(&report)["address"],
        json!({"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"})
    );
    assert_eq!(claims(&report)["nationalities"], json!(["DE", "IT"]));
    assert!(claims(&report).get("given_name").is_none());
    // Only the address, without its street: the street stays hidden.
    let p = sdjwt::present(&sd, &["/address".into()], Some(&kb)).unwrap();
    let report = check(&p.text, &issuer.public_half(), &policy, NOW);
    assert!(report.valid(), "{}", failures(&report));
    assert_eq!(
        claims(&report)["address"],
        json!({"locality": "Köln", "country": "DE"})
    );
}

#[test]
fn other_hashes_and_algorithms() {
    let (issuer, holder) = lab_keys();
    for alg in SdAlg::ALL {
        let req = IssueRequest {
            sd_alg: alg,
            ..request(&["/given_name", "/nationalities/0"])
        };
        let issued = sdjwt::issue(&req, &issuer).unwrap();
        let sd = SdJwt::parse(&issued.sd_jwt).unwrap();
        assert_eq!(sd.sd_alg, alg);
        let kb = KbRequest {
            key: &holder,
            aud: "a".into(),
            nonce: "n".into(),
            iat: NOW,
        };
        let p = sdjwt::present(&sd, &["/nationalities/0".into()], Some(&kb)).unwrap();
        let policy = SdPolicy {
            aud: Some("a".into()),
            nonce: Some("n".into()),
            ..SdPolicy::default()
        };
        let r = check(&p.text, &issuer.public_half(), &policy, NOW);
        assert!(r.valid(), "{alg}: {}", failures(&r));
    }
}

#[test]
fn issuing_refuses_what_a_verifier_would_misread() {
    let (issuer, _) = lab_keys();
    let refuse = |req: IssueRequest, phrase: &str| {
        let e = sdjwt::issue(&req, &issuer).unwrap_err().to_string();
        assert!(e.contains(phrase), "{phrase:?} not in {e}");
    };
    refuse(request(&["/vct"]), "plain view");
    refuse(request(&["/exp"]), "plain view");
    refuse(
        IssueRequest {
            vct: None,
            ..request(&["/iss"])
        },
        "section 9.7",
    );
    refuse(request(&["/nope"]), "names no claim");
    refuse(request(&["/nationalities/7"]), "has 3 elements");
    refuse(request(&["/given_name", "/given_name"]), "given twice");
    refuse(request(&["given_name"]), "must start with '/'");
    let mut sneaky = request(&[]);
    sneaky.claims.insert("x".into(), json!({"_sd": ["abc"]}));
    refuse(sneaky, "reserves _sd");
    let mut dots = request(&[]);
    dots.claims.insert("x".into(), json!([{"...": "abc"}]));
    refuse(dots, "reserves _sd");
    let mut cnf = request(&[]);
    cnf.claims.insert("cnf".into(), json!({}));
    refuse(cnf, "already hold cnf");
}

#[test]
fn presenting_refuses_and_explains() {
    let (issuer, holder) = lab_keys();
    let issued = sdjwt::issue(&request(&["/given_name", "/address"]), &issuer).unwrap();
    let sd = SdJwt::parse(&issued.sd_jwt).unwrap();
    let e = |paths: &[&str]| {
        sdjwt::present(
            &sd,
            &paths.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            None,
        )
        .unwrap_err()
        .to_string()
    };
    assert!(e(&["/iss"]).contains("plain view"));
    assert!(e(&["/address/locality"]).contains("part of the disclosure of /address"));
    assert!(e(&["/nothing"]).contains("names no claim"));
    let (other, _) = lab_keys();
    let kb = KbRequest {
        key: &other,
        aud: "a".into(),
        nonce: "n".into(),
        iat: NOW,
    };
    let err = sdjwt::present(&sd, &["/given_name".into()], Some(&kb)).unwrap_err();
    assert!(err.to_string().contains("not the holder's"), "{err}");
    let kb = KbRequest {
        key: &holder,
        aud: "a".into(),
        nonce: "n".into(),
        iat: NOW,
    };
    let p = sdjwt::present(&sd, &[], Some(&kb)).unwrap();
    let again = sdjwt::present(&SdJwt::parse(&p.text).unwrap(), &[], None).unwrap_err();
    assert!(matches!(again, SdJwtError::AlreadyPresented));
    let policy = SdPolicy {
        aud: Some("a".into()),
        nonce: Some("n".into()),
        ..SdPolicy::default()
    };
    let r = check(&p.text, &issuer.public_half(), &policy, NOW);
    assert!(r.valid(), "{}", failures(&r));
    assert_eq!(
        r.steps
            .iter()
            .filter(|c| c.name == steps::SD_HASH.name && c.ok)
            .count(),
        1
    );
}

#[test]
fn vc_typ_and_plain_claims() {
    let (issuer, _) = lab_keys();
    let mut req = request(&["/given_name"]);
    req.typ = Some("vc+sd-jwt".into());
    let issued = sdjwt::issue(&req, &issuer).unwrap();
    let r = check(&issued.sd_jwt, &issuer.public_half(), &optional(), NOW);
    assert!(r.valid(), "{}", failures(&r));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.text.contains("vc+sd-jwt") && w.cite.section == "3.2.1")
    );
    req.typ = Some("JWT".into());
    let issued = sdjwt::issue(&req, &issuer).unwrap();
    let r = check(&issued.sd_jwt, &issuer.public_half(), &optional(), NOW);
    assert_eq!(r.first_failure().unwrap().name, steps::VC_TYP.name);
}
