//! An SD-JWT in the window: pasted, the Debugger shows its disclosure table (each disclosure
//! decoded, its digest, where it lands; decoys marked), the rebuilt claims and the KB-JWT, and
//! RFC 9901's numbered steps join the checks in the verdict column; the SD-JWT VC template
//! loads a valid presentation the same way.

use crate::common::ui::*;
use crate::common::*;
use egui_kittest::kittest::Queryable;
use jwt_workbench::core::keys::Purpose;
use jwt_workbench::core::sdjwt::{self, IssueRequest, KbRequest, SdJwt};
use jwt_workbench::ui::labels;
use serde_json::json;

const VERIFIER: &str = "https://verifier.example";

/// An SD-JWT VC issued by ec256.pkcs8.pem to ed25519.pkcs8.pem, presented in full with a
/// KB-JWT for [`VERIFIER`] and nonce "n-42" at [`NOW`].
fn presentation() -> String {
    let issuer = fixture_key("ec256.pkcs8.pem", Purpose::Sign);
    let holder = fixture_key("ed25519.pkcs8.pem", Purpose::Sign);
    let claims = json!({
        "iss": "https://issuer.example",
        "iat": NOW,
        "exp": NOW + 86_400,
        "given_name": "Erika",
        "address": {"street_address": "Heidestraße 17", "locality": "Köln"},
    });
    let req = IssueRequest {
        claims: claims.as_object().unwrap().clone(),
        disclosable: vec![
            "/given_name".into(),
            "/address/street_address".into(),
            "/address".into(),
        ],
        decoys: 1,
        holder: Some(holder.public_half()),
        vct: Some("https://credentials.example/id".into()),
        ..IssueRequest::default()
    };
    let issued = sdjwt::issue(&req, &issuer).unwrap();
    let sd = SdJwt::parse(&issued.sd_jwt).unwrap();
    let kb = KbRequest {
        key: &holder,
        aud: VERIFIER.into(),
        nonce: "n-42".into(),
        iat: NOW,
    };
    sdjwt::present(&sd, &req.disclosable, Some(&kb))
        .unwrap()
        .text
}

#[test]
fn a_pasted_sd_jwt_shows_its_disclosures_and_numbered_steps() {
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &presentation());
    // The table: one row per disclosure with where it lands, decoded, and its digest.
    assert!(shows(&h, "SD-JWT disclosures · 3 disclosures · KB-JWT"));
    // The legend under the token names its parts (not a JWE's five, for its four dots).
    assert!(shows(&h, "■ issuer-signed JWT") && shows(&h, "■ 3 disclosures"));
    assert!(!shows(&h, "■ ciphertext"));
    assert!(shows(&h, "lands at /given_name"));
    assert!(shows(&h, "lands at /address/street_address"));
    assert!(shows(&h, "lands at /address"));
    assert!(shows(&h, "\"given_name\",\"Erika\"]"));
    assert!(h.query_all_by_label_contains("digest ").count() >= 3);
    assert!(shows(&h, "decoy or undisclosed · / _sd"));
    assert!(shows(&h, "decoy or undisclosed · /address _sd"));
    assert!(shows(&h, labels::SD_CLAIMS));
    assert!(shows(&h, "the KB-JWT's sd_hash matches"));
    assert!(shows(&h, "Context · sd-jwt"));
    // No key yet: the issuer's signature cannot be checked, so it is not valid.
    assert!(!is_valid(&h));
    let pem = std::fs::read_to_string(fixture("ec256.spki.pem")).unwrap();
    set_text(&mut h, labels::PUBLIC_KEY, &pem);
    set_text(&mut h, labels::EXPECTED_AUDIENCE, VERIFIER);
    set_text(&mut h, labels::NONCE, "n-42");
    assert!(
        shows(&h, "✔ Valid SD-JWT+KB"),
        "the right key, verifier and nonce"
    );
    // The numbered steps are checks in the verdict column, each with its section.
    assert!(shows(&h, "✔ 7.1 step 1"));
    assert!(shows(&h, "✔ 7.3 step 5.7"));
    assert!(
        shows(&h, "(RFC 9901 section 4.3.1)"),
        "sd_hash's step cites its section"
    );
    // Another transaction's nonce: the step that checks it fails, and the verdict with it.
    set_text(&mut h, labels::NONCE, "replayed");
    assert!(!is_valid(&h));
    assert!(shows(&h, "× 7.3 step 5.6 nonce"), "the nonce step fails");
    // The Structure view builds it digest by digest: 3 disclosures and 2 decoys.
    h.get_by_label("Structure").click();
    h.run();
    assert!(shows(&h, "The SD-JWT, digest by digest"));
    assert!(shows(
        &h,
        "disclosure 1 hashes to it, so its claim is placed at /given_name"
    ));
    assert_eq!(
        h.query_all_by_label_contains("no disclosure sent hashes to it")
            .count(),
        2
    );
    assert!(shows(&h, "What sd_hash covers"));
}

#[test]
fn a_forged_disclosure_is_marked_in_the_table() {
    let text = presentation();
    // A disclosure the issuer never signed, added before the KB-JWT.
    let extra = sdjwt::Disclosure::property(
        "c2FsdHNhbHRzYWx0",
        "is_admin",
        &json!(true),
        sdjwt::SdAlg::default(),
    );
    let cut = text.rfind('~').unwrap() + 1;
    let forged = format!("{}{}~{}", &text[..cut], extra.text, &text[cut..]);
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &forged);
    assert!(shows(
        &h,
        "Disclosure 4 · not referenced by any digest the issuer signed"
    ));
    assert!(shows(&h, "\"is_admin\",true]"));
}

#[test]
fn the_sd_jwt_vc_template_loads_a_valid_presentation() {
    let (mut h, _) = harness(Opts::default());
    h.get_by_label("New").click();
    h.run();
    h.get_by_label("SD-JWT VC with key binding")
        .click_accesskit();
    h.run();
    assert!(shows(&h, "SD-JWT disclosures · 6 disclosures · KB-JWT"));
    assert!(shows(&h, "lands at /nationalities/1"));
    assert!(shows(&h, "✔ Valid SD-JWT+KB"));
    assert!(shows(&h, "✔ 7.3 step 5.7"));
    assert!(
        value(&h, labels::TOKEN).ends_with(|c: char| c != '~'),
        "ends with the KB-JWT"
    );
    assert_eq!(value(&h, labels::EXPECTED_AUDIENCE), VERIFIER);
}
