//! The window's second pass, driven through egui_kittest: what matters is on screen, one truth
//! in the verdict, the key pane speaks where the key is, masked private keys, views, time
//! travel, templates and remembered pane sizes.

use crate::common::ui::*;
use crate::common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jwt_workbench::core::keys::{SecretEncoding, parse_secret};
use jwt_workbench::core::sign::{Layout, sign};
use jwt_workbench::core::workbench::Template;
use jwt_workbench::settings::SettingsStore;
use jwt_workbench::ui::commands::Command;
use jwt_workbench::ui::views::View;
use jwt_workbench::ui::{WorkbenchApp, labels};

/// The token of issue 7's first complaint: expired, HS256 with the secret `short`, a
/// `password` claim and a path-like kid.
fn troubled_token() -> String {
    let key = parse_secret("short", SecretEncoding::Text).unwrap();
    sign(
        r#"{"alg":"HS256","typ":"JWT","kid":"../../../../dev/null"}"#,
        &format!(
            r#"{{"sub":"1234567890","name":"Jane","password":"hunter2","role":"user","iat":{},"exp":{}}}"#,
            NOW - 7200,
            NOW - 3600
        ),
        &key,
        Layout::Minified,
    )
    .unwrap()
}

/// Asserts that the node labelled (containing) `text` lies inside the window.
fn on_screen(h: &Harness<'_, WorkbenchApp>, text: &str, size: (f32, f32)) {
    let node = h
        .query_all_by_label_contains(text)
        .next()
        .unwrap_or_else(|| panic!("nothing shows {text:?}"));
    let r = node.rect();
    assert!(
        r.min.x >= 0.0 && r.min.y >= 0.0 && r.max.x <= size.0 + 0.5 && r.max.y <= size.1 + 0.5,
        "{text:?} lies at {r:?}, outside the {}x{} window",
        size.0,
        size.1
    );
}

fn load_troubled(size: (f32, f32)) -> Harness<'static, WorkbenchApp> {
    let (mut h, _) = harness(Opts {
        size: Some(size),
        ..Opts::default()
    });
    set_text(&mut h, labels::TOKEN, &troubled_token());
    set_text(&mut h, labels::SECRET, "short");
    h
}

#[test]
fn verdict_failing_checks_and_every_finding_are_on_screen_at_1280x800() {
    let size = (1280.0, 800.0);
    let h = load_troubled(size);
    on_screen(&h, "× Expired", size);
    on_screen(&h, "Judging the pasted token (HS256", size);
    on_screen(&h, "the token expired 1h ago", size);
    on_screen(&h, "expired 1h ago", size);
    for finding in [
        "warning: weak secret",
        "warning: \"password\" in the payload",
        "warning: suspicious kid",
    ] {
        on_screen(&h, finding, size);
    }
    // The token, header, payload and key input are on screen too.
    for label in [
        labels::TOKEN,
        labels::HEADER,
        labels::PAYLOAD,
        labels::SECRET,
    ] {
        let r = h.get_by_label(label).rect();
        assert!(r.max.y <= size.1, "{label} at {r:?}");
    }
}

#[test]
fn at_1024x768_the_verdict_and_failures_stay_on_screen() {
    let size = (1024.0, 768.0);
    let h = load_troubled(size);
    on_screen(&h, "× Expired", size);
    on_screen(&h, "the token expired 1h ago", size);
    on_screen(&h, "warning: weak secret", size);
    let r = h.get_by_label(labels::SECRET).rect();
    assert!(
        r.max.y <= size.1 && r.max.x <= size.0,
        "secret field at {r:?}"
    );
}

#[test]
fn at_1920x1080_the_whole_claims_table_shows_beside_the_json() {
    let size = (1920.0, 1080.0);
    let h = load_troubled(size);
    for claim in ["sub", "name", "password", "role", "iat", "exp"] {
        let node = h
            .query_all_by_label(claim)
            .next()
            .unwrap_or_else(|| panic!("claim {claim} not in the table"));
        let r = node.rect();
        assert!(r.max.y <= size.1, "{claim} at {r:?}");
    }
    assert!(
        h.query_all_by_label(labels::JSON_TAB).next().is_none(),
        "no switch needed when both fit"
    );
}

#[test]
fn changing_the_algorithm_never_leaves_valid_next_to_cannot_verify() {
    let (mut h, _) = harness(Opts::default());
    assert!(is_valid(&h));
    h.get_by_label(labels::ALGORITHM).click();
    h.run();
    h.get_by_label("RS256").click_accesskit();
    h.run();
    assert!(shows(&h, "Not re-signed yet: no RSA private key"));
    assert!(shows(&h, "Cannot verify: paste or open an RSA public key"));
    assert!(!is_valid(&h), "no stale verdict next to it");
    // Typing the alg into the header says the same.
    let (mut h, _) = harness(Opts::default());
    let header = value(&h, labels::HEADER).replace("HS256", "ES256");
    set_text(&mut h, labels::HEADER, &header);
    assert!(shows(&h, "Not re-signed yet: no EC P-256 private key"));
    assert!(!is_valid(&h));
}

#[test]
fn a_pasted_token_without_a_key_is_not_checked_and_says_which_key_is_missing() {
    let (h, _) = harness(Opts {
        token: Some(A2_TOKEN.to_string()),
        ..Opts::default()
    });
    assert!(shows(&h, "? Not checked: no RSA public key"));
    assert!(shows(&h, "Judging the pasted token (RS256"));
}

#[test]
fn a_weak_secret_warns_under_the_field_and_a_strong_one_replaces_it() {
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::SECRET, "short");
    let warning = h.get_by_label_contains("Weak secret: 5 bytes; HS256 needs at least 32");
    let field = h.get_by_label(labels::SECRET).rect();
    let line = warning.rect();
    assert!(
        line.min.y >= field.max.y && line.min.y - field.max.y < 60.0,
        "the warning sits right under the field: {field:?} then {line:?}"
    );
    assert!(
        !shows(&h, "Signs and verifies with"),
        "no green line for a weak secret"
    );
    h.get_by_label("Generate a strong secret").click();
    h.run();
    assert!(!shows(&h, "Weak secret"));
    assert!(shows(
        &h,
        "Signs and verifies with: HMAC secret, 32 bytes (256 bits), base64"
    ));
    assert!(is_valid(&h), "re-signed with the new secret");
    // A well-known secret is flagged as such, in red.
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::SECRET, "secret");
    assert!(shows(&h, "Well-known secret"));
}

#[test]
fn a_key_given_as_the_secret_is_refused_naming_key_confusion() {
    let (mut h, _) = harness(Opts::default());
    let pem = std::fs::read_to_string(fixture("rsa2048.spki.pem")).unwrap();
    set_text(&mut h, labels::SECRET, &pem);
    assert!(shows(&h, "Refused: this secret is an RSA public key"));
    assert!(shows(&h, "key-confusion attack"));
    assert!(!is_valid(&h));
}

#[test]
fn private_keys_are_masked_until_shown() {
    let (mut h, _) = harness(Opts::default());
    set_text(
        &mut h,
        labels::KEY_PATH,
        fixture("ec256.pkcs8.pem").to_str().unwrap(),
    );
    h.get_by_label("Load").click();
    h.run();
    let pem = std::fs::read_to_string(fixture("ec256.pkcs8.pem")).unwrap();
    let body_line = pem.lines().nth(1).unwrap();
    assert!(shows(&h, "🔒 EC P-256 private key, PKCS#8 (PEM) (hidden)"));
    assert!(
        !shows(&h, body_line) && !value(&h, labels::PRIVATE_KEY).contains(body_line),
        "the key text is not on screen"
    );
    h.get_by_label(labels::SHOW_PRIVATE_KEY).click();
    h.run();
    assert!(value(&h, labels::PRIVATE_KEY).contains(body_line));
}

#[test]
fn the_view_switcher_has_names_and_shortcuts() {
    let (mut h, _) = harness(Opts::default());
    for v in View::ALL {
        assert!(h.query_by_label(v.label()).is_some(), "{v:?} tab");
    }
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    h.run();
    assert_eq!(h.state().ui_state().prefs.view, View::Structure);
    assert!(shows(&h, "How this token is built"));
    assert!(shows(&h, "3. The signing input"));
    h.get_by_label("Keys").click();
    h.run();
    assert_eq!(h.state().ui_state().prefs.view, View::Keys);
    assert!(shows(&h, "Key workbench"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    h.run();
    assert_eq!(h.state().ui_state().prefs.view, View::Debugger);
}

#[test]
fn the_keys_view_lists_every_key_of_a_jwks_and_marks_the_selected_one() {
    use jwt_workbench::core::keys::{self, Purpose};
    let dir = temp_dir("keys-view");
    let mine = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign);
    let mut public = mine.public_half();
    public.kid = Some("current".into());
    let mut other = key(A2_JWK).public_half();
    other.kid = Some("previous".into());
    let mut ec = fixture_key("ec256.pkcs8.pem", Purpose::Verify).public_half();
    ec.kid = Some("ec-1".into());
    std::fs::write(
        dir.join("jwks.json"),
        keys::public_jwks(&[other, public, ec]).to_string(),
    )
    .unwrap();
    let token = sign(
        r#"{"alg":"RS256","kid":"current"}"#,
        r#"{"sub":"k"}"#,
        &mine,
        Layout::Minified,
    )
    .unwrap();
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &token);
    set_text(
        &mut h,
        labels::KEY_PATH,
        dir.join("jwks.json").to_str().unwrap(),
    );
    h.get_by_label("Load").click();
    h.run();
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Keys));
    h.run();
    for kid in ["current", "previous", "ec-1"] {
        assert!(h.query_by_label(kid).is_some(), "kid {kid} listed");
    }
    assert!(shows(&h, "P-256"));
    assert!(shows(&h, "2048 bits"));
    assert!(shows(&h, "▶ The token's kid \"current\" selects this key."));
    // A kid that is not in the set says why nothing is selected.
    let stranger = sign(
        r#"{"alg":"RS256","kid":"gone"}"#,
        "{}",
        &mine,
        Layout::Minified,
    )
    .unwrap();
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Debugger));
    h.run();
    set_text(&mut h, labels::TOKEN, &stranger);
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Keys));
    h.run();
    assert!(shows(
        &h,
        "No key selected: no key in the JWKS has kid \"gone\""
    ));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn time_travel_re_evaluates_the_verdict_as_of_another_instant() {
    let (mut h, _) = harness(Opts::default());
    assert!(shows(&h, "expires in 30:00"));
    let field = h.get_by_label(labels::EVALUATE_AT);
    field.focus();
    h.run();
    h.get_by_label(labels::EVALUATE_AT).type_text("+1h");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(shows(&h, "× Expired"));
    assert!(shows(
        &h,
        "as of 2027-01-15 09:00:00 UTC (1h after the real clock)"
    ));
    assert!(shows(&h, "expired 30m ago"));
    h.get_by_label("Back to live").click();
    h.run();
    assert!(is_valid(&h));
    assert!(!shows(&h, "as of "));
    // A date-time freezes the clock; nonsense says how to write one.
    set_text(&mut h, labels::EVALUATE_AT, "2027-01-15 08:10");
    h.get_by_label(labels::EVALUATE_AT).focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(shows(&h, "expires in 20:00"));
    set_text(&mut h, labels::EVALUATE_AT, "next tuesday");
    h.get_by_label(labels::EVALUATE_AT).focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(shows(&h, "is not a time"));
}

#[test]
fn templates_fill_the_editors_with_fresh_times() {
    let (mut h, _) = harness(Opts::default());
    h.get_by_label("New").click();
    h.run();
    h.get_by_label("OpenID Connect ID token").click_accesskit();
    h.run();
    let payload = value(&h, labels::PAYLOAD);
    for claim in ["\"iss\"", "\"aud\"", "\"nonce\"", "\"auth_time\""] {
        assert!(payload.contains(claim), "{claim} in {payload}");
    }
    assert!(payload.contains(&format!("\"iat\": {NOW}")));
    // The ID token names an audience, and no expected audience is set: not a green Valid.
    assert!(shows(&h, "? Signature valid, audience not checked"));
    assert!(!is_valid(&h));
    let aud = serde_json::from_str::<serde_json::Value>(&payload).unwrap()["aud"]
        .as_str()
        .unwrap()
        .to_string();
    set_text(&mut h, labels::EXPECTED_AUDIENCE, &aud);
    h.run();
    assert!(is_valid(&h));
    set_text(&mut h, labels::EXPECTED_AUDIENCE, "another-service");
    h.run();
    assert!(shows(&h, "× aud does not match"), "wrong audience");
    h.state_mut()
        .run_command_for_tests(Command::New(Template::ClientCredentials));
    h.run();
    let payload = value(&h, labels::PAYLOAD);
    assert!(payload.contains("\"scope\"") && payload.contains("\"client_id\""));
    assert!(value(&h, labels::HEADER).contains("at+jwt"));
    assert!(shows(&h, "expires in 1:00:00"));
}

#[test]
fn pane_sizes_and_the_view_are_remembered() {
    let dir = temp_dir("sizes");
    let store = SettingsStore::at(dir.join("settings.json"));
    let (mut h, _) = harness(Opts {
        store: Some(store.clone()),
        ..Opts::default()
    });
    let width = h.state().settings().prefs.token_width;
    assert!(width > 300.0, "a default width was set: {width}");
    // Drag the token column's edge 120 points to the right.
    let edge = egui::pos2(width + 1.0, 400.0);
    h.event(egui::Event::PointerMoved(edge));
    h.run();
    h.drag_at(edge);
    h.run();
    h.event(egui::Event::PointerMoved(edge + egui::vec2(120.0, 0.0)));
    h.run();
    h.drop_at(edge + egui::vec2(120.0, 0.0));
    h.run();
    let dragged = h.state().settings().prefs.token_width;
    assert!(
        (dragged - width - 120.0).abs() < 8.0,
        "{width} -> {dragged}"
    );
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Keys));
    h.run();
    h.state_mut().save_settings();
    let (h2, _) = harness(Opts {
        store: Some(store),
        ..Opts::default()
    });
    assert_eq!(h2.state().ui_state().prefs.view, View::Keys);
    assert!((h2.state().settings().prefs.token_width - dragged).abs() < 1.0);
    std::fs::remove_dir_all(&dir).ok();
}
