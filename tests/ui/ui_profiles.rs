//! Token profiles in the window: the Context group's inputs feed the profile's checks, and
//! their verdict is the headline's (id_token nonce; a DPoP proof checked with its own key).

use crate::common::ui::*;
use crate::common::*;
use jwt_workbench::ui::labels;
use serde_json::Value;

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("profiles/{name}"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn an_id_token_is_judged_with_its_nonce() {
    let f = load("idtoken.json");
    let (mut h, clock) = harness(Opts::default());
    clock.store(1_780_000_100, std::sync::atomic::Ordering::SeqCst);
    set_text(
        &mut h,
        labels::TOKEN,
        f["tokens"]["RS256"]["id_token"].as_str().unwrap(),
    );
    let pem = std::fs::read_to_string(fixture("rsa2048.spki.pem")).unwrap();
    set_text(&mut h, labels::PUBLIC_KEY, &pem);
    set_text(&mut h, labels::EXPECTED_AUDIENCE, "s6BhdRkqt3");
    assert!(shows(&h, "Context · id_token"), "the profile is detected");
    assert!(is_valid(&h));
    set_text(&mut h, labels::NONCE, "n-0S6_WzA2Mj");
    assert!(is_valid(&h), "the right nonce");
    set_text(&mut h, labels::NONCE, "replayed");
    assert!(shows(&h, "× id_token nonce failed"));
    set_text(&mut h, labels::NONCE, "n-0S6_WzA2Mj");
    set_text(&mut h, labels::ACCESS_TOKEN, "another access token");
    assert!(shows(&h, "× id_token at_hash failed"));
}

#[test]
fn a_dpop_proof_is_checked_against_its_request() {
    let f = load("dpop.json");
    let p = &f["proofs"]["token_request"];
    let (mut h, clock) = harness(Opts::default());
    clock.store(1_780_000_010, std::sync::atomic::Ordering::SeqCst);
    set_text(&mut h, labels::TOKEN, p["proof"].as_str().unwrap());
    assert!(shows(&h, "Context · dpop+jwt"));
    // Without the request, the proof cannot be tied to it: not valid.
    assert!(!is_valid(&h));
    set_text(&mut h, labels::HTM, "POST");
    set_text(&mut h, labels::HTU, "https://server.example.com/token");
    assert!(
        shows(&h, "✔ Valid DPoP proof"),
        "checked with its own public key"
    );
    set_text(&mut h, labels::HTU, "https://server.example.com/other");
    assert!(shows(&h, "× dpop 9. htu failed"));
}
