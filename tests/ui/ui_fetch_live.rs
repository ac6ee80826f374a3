//! "Fetch keys…" against a local HTTPS server on 127.0.0.1 with a CA made at test time (issue
//! 20 item 3): the window refuses the private address until "Allow private addresses" is
//! ticked and connects to nothing before; "Look up addresses" shows where the host is; with
//! the test CA as the extra trusted root, Fetch brings the keys with the source and TLS facts,
//! "Use these keys" makes the token verify and the Keys view says where they came from; a
//! fetch under way stops on Cancel. No test reaches the internet.

use crate::common::fixture_key;
use crate::common::https::{Reply, serve};
use crate::common::ui::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::ui::WorkbenchApp;
use jwt_workbench::ui::commands::Command;
use jwt_workbench::ui::fetch_dialog::{FETCH, FETCH_KEYS, KEYS_URL, KID_PICKS, USE_KEYS};
use jwt_workbench::ui::fetch_options::{ALLOW_PRIVATE, CACERT, LOOK_UP};
use jwt_workbench::ui::labels;
use jwt_workbench::ui::views::View;
use std::time::Duration;

/// Runs frames until `text` shows (the fetch thread answers), for at most 15 s.
fn wait_for(h: &mut Harness<'_, WorkbenchApp>, text: &str) {
    for _ in 0..300 {
        h.run();
        if shows(h, text) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{text:?} never showed");
}

/// A token signed RS256 with kid "current", and a JWKS holding its public key.
fn token_and_jwks() -> (String, Vec<u8>) {
    let signer = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign);
    let mut public = signer.public_half();
    public.kid = Some("current".into());
    let jwks = serde_json::to_vec(&keys::public_jwks(&[public])).unwrap();
    let token = jwt_workbench::core::sign::sign(
        r#"{"alg":"RS256","kid":"current"}"#,
        r#"{"sub":"live"}"#,
        &signer,
        jwt_workbench::core::sign::Layout::Minified,
    )
    .unwrap();
    (token, jwks)
}

/// The app with `token` pasted and the Fetch keys window open on `url`.
fn fetch_window(token: &str, url: &str) -> Harness<'static, WorkbenchApp> {
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, token);
    h.get_by_label(FETCH_KEYS).click_accesskit();
    h.run();
    set_text(&mut h, KEYS_URL, url);
    h
}

fn trust_ca(h: &mut Harness<'_, WorkbenchApp>, ca_pem: &str, name: &str) {
    let dir = temp_dir(name);
    let path = dir.join("ca.pem");
    std::fs::write(&path, ca_pem).unwrap();
    h.get_by_label(ALLOW_PRIVATE).click_accesskit();
    h.run();
    set_text(h, CACERT, &path.to_string_lossy());
    assert!(shows(h, "Trusting 1 extra root(s) besides the system's"));
}

#[test]
fn fetch_in_the_window_follows_the_options_and_says_where_the_keys_came_from() {
    let (token, jwks) = token_and_jwks();
    let server = serve(|_| vec![("/jwks".into(), Reply::Body(jwks))], true);
    let url = server.url("/jwks");
    let mut h = fetch_window(&token, &url);
    assert!(shows(&h, "nothing has been sent yet"));
    assert!(
        !shows(&h, "comes from the token's own iss"),
        "a URL typed by the user"
    );
    assert!(!is_valid(&h));

    // The defaults refuse a private address, before any connection.
    h.get_by_label(FETCH).click_accesskit();
    wait_for(&mut h, "such addresses are not fetched");
    assert_eq!(server.connections(), 0);

    // The lookup asks DNS only (an IP here), and the plan shows the verdict of the rules.
    h.get_by_label(LOOK_UP).click_accesskit();
    wait_for(
        &mut h,
        "127.0.0.1 resolves to 127.0.0.1 (a loopback address",
    );
    assert!(shows(&h, "addresses: refused"));
    assert_eq!(server.connections(), 0);

    trust_ca(&mut h, &server.ca_pem, "fetch-live");
    assert!(shows(&h, "addresses: 127.0.0.1"));
    h.get_by_label(FETCH).click_accesskit();
    wait_for(&mut h, KID_PICKS);
    assert_eq!(server.connections(), 1);
    assert!(shows(&h, &format!("Source: {url}")));
    assert!(shows(&h, "TLS certificate: CN=test server"));
    let request = &server.requests()[0];
    assert!(request.starts_with("GET /jwks HTTP/1.1"), "{request}");
    assert!(!request.contains(&token[..20]), "the token is never sent");

    h.get_by_label(USE_KEYS).click_accesskit();
    h.run();
    assert!(is_valid(&h));
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Keys));
    h.run();
    assert!(shows(&h, &format!("Fetched from {url} at ")));
    assert!(shows(&h, "kept in memory only"));
}

#[test]
fn cancel_stops_a_fetch_under_way_in_the_window() {
    let (token, _) = token_and_jwks();
    let server = serve(|_| vec![("/slow".into(), Reply::Stall)], true);
    let mut h = fetch_window(&token, &server.url("/slow"));
    trust_ca(&mut h, &server.ca_pem, "fetch-cancel");
    h.get_by_label(FETCH).click_accesskit();
    h.run();
    assert!(shows(&h, "Fetching…"));
    h.get_by_label("Cancel").click_accesskit();
    h.run();
    assert!(shows(&h, "cancelled; nothing was kept"));
    assert!(!shows(&h, "Fetching…"));
    assert!(!shows(&h, USE_KEYS));
    assert!(!is_valid(&h));
}

#[test]
fn a_jku_in_a_pasted_token_makes_no_connection_until_fetched_through_the_plan() {
    use crate::common::https::{listener, was_contacted};
    let (l, port) = listener();
    let url = format!("https://127.0.0.1:{port}/jwks");
    let signer = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign);
    let token = jwt_workbench::core::sign::sign(
        &format!(r#"{{"alg":"RS256","jku":"{url}"}}"#),
        r#"{"sub":"jku","iss":"https://idp.example"}"#,
        &signer,
        jwt_workbench::core::sign::Layout::Minified,
    )
    .unwrap();
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &token);
    // Every view drawn with the token: the attack lab too, which writes its own jku URLs.
    for view in [View::Structure, View::Attacks, View::Keys, View::Debugger] {
        h.state_mut().run_command_for_tests(Command::Show(view));
        h.step();
        // The lab is built off the UI thread; its spinner repaints until it is there.
        for _ in 0..1500 {
            if view != View::Attacks || h.state().document().lab().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
            h.step();
        }
        h.run();
    }
    assert!(h.state().document().lab().is_some(), "the lab was built");
    h.get_by_label(FETCH_KEYS).click_accesskit();
    h.run();
    h.get_by_label("Use the token's jku URL (the token chose it)")
        .click_accesskit();
    h.run();
    assert_eq!(value(&h, KEYS_URL), url);
    assert!(shows(&h, "DANGER: the token chose this URL itself (jku)"));
    std::thread::sleep(Duration::from_millis(200));
    assert!(!was_contacted(&l), "a jku was fetched without being asked");

    // Asked for (loopback allowed, Fetch pressed), it is: the check above could fail.
    h.get_by_label(ALLOW_PRIVATE).click_accesskit();
    h.run();
    h.get_by_label(FETCH).click_accesskit();
    h.run();
    let mut contacted = false;
    for _ in 0..250 {
        std::thread::sleep(Duration::from_millis(20));
        if was_contacted(&l) {
            contacted = true;
            break;
        }
    }
    assert!(contacted, "Fetch through the plan connects");
    h.get_by_label("Cancel").click_accesskit();
    h.run();
}
