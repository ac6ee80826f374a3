//! Modern JOSE in the window: a pasted JWS JSON document shows one row per signature, its
//! headline follows the command line's rule, and an unencoded (b64:false) token verifies.

use crate::common::ui::*;
use crate::common::*;
use egui_kittest::kittest::Queryable;
use jwt_workbench::ui::labels;
use serde_json::Value;

fn jose() -> Value {
    let text = std::fs::read_to_string(fixture("modern/jose.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn jwks(f: &Value, names: &[&str]) -> String {
    let keys: Vec<Value> = names
        .iter()
        .map(|n| f["keys"][*n]["public"].clone())
        .collect();
    serde_json::json!({ "keys": keys }).to_string()
}

#[test]
fn a_pasted_general_document_shows_a_row_per_signature() {
    let f = jose();
    let doc = f["jws_json"]["general"]["jws"].to_string();
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &doc);
    assert!(shows(&h, "general JWS JSON, 2 signatures"), "legend");
    assert!(shows(
        &h,
        "Not verified: no key fits any of the 2 signatures"
    ));

    // One signer's key: that signature verifies, the other is not judged; the document is
    // accepted, as `verify` accepts it.
    set_text(&mut h, labels::PUBLIC_KEY, &jwks(&f, &["rsa_sig"]));
    assert!(shows(&h, "✔ Valid: 1 of 2 signatures verified"));
    assert!(shows(&h, "[0] RS256  kid rsa1  valid"));
    assert!(shows(&h, "[1] ES256  kid ec1  no key"));

    set_text(
        &mut h,
        labels::PUBLIC_KEY,
        &jwks(&f, &["rsa_sig", "ec_sig"]),
    );
    assert!(shows(&h, "✔ Valid: 2 of 2 signatures verified"));

    // A changed payload: every signature a key fits fails.
    let mut v: Value = serde_json::from_str(&doc).unwrap();
    v["payload"] = jwt_workbench::core::b64::encode(br#"{"sub":"evil","iat":1780000000}"#).into();
    set_text(&mut h, labels::TOKEN, &v.to_string());
    assert!(shows(&h, "× Invalid: signature [0] invalid"));
    assert!(!is_valid(&h));
}

#[test]
fn an_unprotected_alg_is_never_trusted_in_the_window() {
    let f = jose();
    let mut v = f["jws_json"]["flattened"]["jws"].clone();
    v["header"]["alg"] = "none".into();
    let (mut h, _) = harness(Opts::default());
    // The key first (with the flattened document as jose made it), then the tampered one.
    set_text(
        &mut h,
        labels::TOKEN,
        &f["jws_json"]["flattened"]["jws"].to_string(),
    );
    set_text(&mut h, labels::PUBLIC_KEY, &jwks(&f, &["rsa_sig"]));
    assert!(is_valid(&h), "jose's flattened document verifies");
    set_text(&mut h, labels::TOKEN, &v.to_string());
    assert!(shows(&h, "refused"), "the signature is refused");
    assert!(!is_valid(&h));
}

/// The app with RFC 7797's HMAC key (base64) in the secret field and `token` pasted.
fn with_rfc7797_key(
    r: &Value,
    token: &str,
) -> egui_kittest::Harness<'static, jwt_workbench::ui::WorkbenchApp> {
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::SECRET, "");
    h.get_by_label(labels::SECRET_ENCODING).click();
    h.run();
    h.get_by_label("base64").click();
    h.run();
    set_text(&mut h, labels::SECRET, r["key"]["k"].as_str().unwrap());
    set_text(&mut h, labels::TOKEN, token);
    h
}

#[test]
fn an_unencoded_payload_token_verifies_in_the_window() {
    let f = jose();
    let r = &f["rfc7797"];
    let token = r["attached_compact"]["compact"].as_str().unwrap();
    let mut h = with_rfc7797_key(r, token);
    assert!(is_valid(&h), "jose's b64:false token verifies");
    assert!(
        value(&h, labels::PAYLOAD).contains("b64false"),
        "the payload is shown as it stands"
    );
    let forged = token.replace("b64false", "b64falsf");
    set_text(&mut h, labels::TOKEN, &forged);
    assert!(!is_valid(&h));
}

/// RFC 7797 section 4.2's detached token: typed into the Payload editor, "$.02" makes it
/// verify and the token stays as pasted; another payload does not.
#[test]
fn a_detached_token_takes_its_payload_from_the_payload_editor() {
    let f = jose();
    let r = &f["rfc7797"];
    let token = r["rfc_example"]["detached_compact"].as_str().unwrap();
    let mut h = with_rfc7797_key(r, token);
    assert!(!is_valid(&h));
    assert!(shows(&h, "also the window's Payload editor"));
    set_text(&mut h, labels::PAYLOAD, "$.02");
    // A valid JWS whose payload is no JWT: the signature verifies, and the headline says so.
    assert!(
        shows(&h, "? Valid signature, not a JWT"),
        "the RFC's payload verifies"
    );
    assert_eq!(value(&h, labels::TOKEN), token, "nothing was re-signed");
    set_text(&mut h, labels::PAYLOAD, "$.03");
    assert!(!shows(&h, "? Valid signature, not a JWT"));
    assert!(shows(&h, "× Invalid signature"));
}

/// The editors sign a detached token when "Detached payload" is ticked, and again with the
/// payload inside when it is not; both verify with the editors' payload.
#[test]
fn the_detached_payload_box_signs_header_dot_dot_signature() {
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::PAYLOAD, r#"{"sub":"detached"}"#);
    assert!(!value(&h, labels::TOKEN).contains(".."));
    h.get_by_label(labels::DETACHED).click_accesskit();
    h.run();
    let token = value(&h, labels::TOKEN);
    assert_eq!(token.matches('.').count(), 2);
    assert!(token.contains(".."), "{token}");
    assert!(is_valid(&h), "judged with the editors' payload");
    h.get_by_label(labels::DETACHED).click_accesskit();
    h.run();
    assert!(!value(&h, labels::TOKEN).contains(".."));
    assert!(is_valid(&h));
}

#[test]
fn a_pasted_jwe_json_document_is_decrypted_by_the_recipient_the_key_is_for() {
    let f = jose();
    let (mut h, _) = harness(Opts::default());
    for (form, key) in [
        ("general", "ec_enc"),
        ("general", "rsa_enc"),
        ("flattened", "rsa_enc"),
    ] {
        let doc = f["jwe_json"][form]["jwe"].to_string();
        set_text(&mut h, labels::TOKEN, &doc);
        assert!(shows(&h, &format!("{form} JWE JSON")), "{form}: legend");
        set_text(
            &mut h,
            labels::JWE_KEY,
            &f["keys"][key]["private"].to_string(),
        );
        assert!(
            value(&h, labels::PAYLOAD).contains("jwe-json"),
            "{form} with {key}: the plaintext is shown"
        );
    }
    // Another key decrypts nothing, and says so once.
    let doc = f["jwe_json"]["general"]["jwe"].to_string();
    set_text(&mut h, labels::TOKEN, &doc);
    set_text(
        &mut h,
        labels::JWE_KEY,
        &f["keys"]["rsa_sig"]["private"].to_string(),
    );
    assert!(!value(&h, labels::PAYLOAD).contains("jwe-json"));
}
