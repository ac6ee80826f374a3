//! The key pane's "Fetch keys…" window: the plan before anything is sent, a pasted JWKS read
//! with the same checks, the kid's key marked, and "Use these keys" making the token verify.
//! No network: nothing here presses Fetch.

use crate::common::ui::*;
use crate::common::*;
use egui_kittest::kittest::Queryable;
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::ui::fetch_dialog::{FETCH_KEYS, KEYS_URL, KID_PICKS, PASTE_JWKS, USE_KEYS};
use jwt_workbench::ui::labels;

#[test]
fn fetch_keys_shows_the_plan_and_a_pasted_jwks_makes_the_token_verify() {
    let mine = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign);
    let mut public = mine.public_half();
    public.kid = Some("current".into());
    let mut other = key(A2_JWK).public_half();
    other.kid = Some("previous".into());
    let jwks = keys::public_jwks(&[other, public]).to_string();
    let token = jwt_workbench::core::sign::sign(
        r#"{"alg":"RS256","kid":"current"}"#,
        r#"{"sub":"k","iss":"https://idp.example"}"#,
        &mine,
        jwt_workbench::core::sign::Layout::Minified,
    )
    .unwrap();

    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &token);
    assert!(!is_valid(&h));
    h.get_by_label(FETCH_KEYS).click_accesskit();
    h.run();
    // The plan, before anything is sent: the URL from the token's https iss, a GET, no token.
    let url = "https://idp.example/.well-known/openid-configuration";
    assert_eq!(value(&h, KEYS_URL), url);
    assert!(shows(&h, "Host: idp.example"));
    assert!(
        shows(&h, "comes from the token's own iss"),
        "the URL's origin is said"
    );
    assert!(shows(&h, "nothing has been sent yet"));
    assert!(shows(&h, &format!("1. GET {url}")));
    assert!(shows(&h, "GET /.well-known/openid-configuration HTTP/1.1"));
    assert!(shows(&h, "no body, no token, no cookie, no credentials"));
    assert!(shows(&h, "Limits: https only"));
    assert!(shows(&h, "1048576 bytes (1 MiB) per response"));
    assert!(shows(&h, "Copy as curl command"));

    // A JWKS fetched elsewhere goes through the same reading: every key listed, the kid's marked.
    set_text(&mut h, PASTE_JWKS, &jwks);
    assert!(shows(&h, "2 key(s):"));
    assert!(shows(&h, "kid \"previous\" · RSA"));
    assert!(shows(&h, "kid \"current\" · RSA"));
    assert!(shows(&h, KID_PICKS));
    assert_eq!(h.query_all_by_label_contains(KID_PICKS).count(), 1);

    h.get_by_label(USE_KEYS).click_accesskit();
    h.run();
    assert!(shows(
        &h,
        "Verifies with: RSA 2048 public key, JWK, kid \"current\""
    ));
    assert!(is_valid(&h));
}

#[test]
fn a_pasted_non_jwks_is_refused_with_a_reason() {
    let (mut h, _) = harness(Opts::default());
    h.get_by_label(FETCH_KEYS).click_accesskit();
    h.run();
    set_text(&mut h, PASTE_JWKS, r#"{"keys": 7}"#);
    assert!(shows(&h, "\"keys\" is not an array"));
    assert!(!shows(&h, USE_KEYS));
}
