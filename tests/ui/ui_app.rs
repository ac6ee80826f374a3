//! The real app, driven through egui_kittest: typing, clicking, reading labels.

use crate::common::ui::*;
use crate::common::*;
use egui_kittest::kittest::Queryable;
use jwt_workbench::core::alg::JwsAlg;
use jwt_workbench::core::workbench::Lead;
use jwt_workbench::settings::SettingsStore;
use jwt_workbench::ui::labels;
use jwt_workbench::ui::platform::FakePlatform;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

#[test]
fn first_run_shows_a_valid_example_with_a_countdown() {
    let (h, _) = harness(Opts::default());
    assert!(value(&h, labels::TOKEN).starts_with("eyJ"));
    assert!(is_valid(&h));
    assert!(shows(&h, "expires in 30:00"));
    assert!(value(&h, labels::PAYLOAD).contains("\"name\": \"John Doe\""));
}

#[test]
fn typing_a_payload_changes_the_token() {
    let (mut h, _) = harness(Opts::default());
    let before = value(&h, labels::TOKEN);
    set_text(&mut h, labels::PAYLOAD, "{\"sub\": \"typed\"}");
    let after = value(&h, labels::TOKEN);
    assert_ne!(before, after);
    let payload = jwt_workbench::core::token::inspect(&after)
        .unwrap()
        .claims()
        .unwrap()
        .clone();
    assert_eq!(payload["sub"], "typed");
    // Keystrokes too: focus the payload, type at the end of the text.
    let node = h.get_by_label(labels::PAYLOAD);
    node.focus();
    h.run();
    h.get_by_label(labels::PAYLOAD).type_text(" ");
    h.run();
    assert!(is_valid(&h));
}

#[test]
fn pasting_a_token_fills_header_and_payload() {
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &format!("Bearer {A1_TOKEN}"));
    assert_eq!(value(&h, labels::TOKEN), A1_TOKEN, "repaired on paste");
    assert!(shows(&h, "Fixed on paste: removed the \"Bearer \" prefix"));
    assert!(value(&h, labels::HEADER).contains("\"typ\": \"JWT\""));
    assert!(value(&h, labels::PAYLOAD).contains("\"iss\": \"joe\""));
    h.get_by_label(labels::CLAIMS).click();
    h.run();
    assert!(shows(&h, "http://example.com/is_root"), "claims table");
    assert_eq!(h.state().document().lead(), Lead::Token);
}

#[test]
fn wrong_secret_shows_invalid_signature_and_never_resigns_a_pasted_token() {
    let (mut h, _) = harness(Opts::default());
    let token = value(&h, labels::TOKEN);
    set_text(&mut h, labels::TOKEN, &token);
    set_text(
        &mut h,
        labels::SECRET,
        "not-the-secret-not-the-secret-not-it",
    );
    assert!(shows(&h, "× Invalid signature"));
    assert_eq!(value(&h, labels::TOKEN), token, "the pasted token is kept");
    // Re-signing is an explicit action.
    h.get_by_label("Re-sign with this key").click();
    h.run();
    assert_ne!(value(&h, labels::TOKEN), token);
    assert!(is_valid(&h));
}

#[test]
fn invalid_json_shows_line_and_column_and_keeps_the_token() {
    let (mut h, _) = harness(Opts::default());
    let token = value(&h, labels::TOKEN);
    set_text(
        &mut h,
        labels::PAYLOAD,
        "{\n  \"sub\": \"1\",\n  \"name\" \"x\"\n}",
    );
    assert!(shows(
        &h,
        "payload is not valid JSON at line 3 column 10: expected `:`"
    ));
    assert_eq!(value(&h, labels::TOKEN), token);
    assert!(shows(
        &h,
        "Not re-signed yet: the payload is not valid JSON (line 3, column 10)"
    ));
}

#[test]
fn an_expired_token_shows_expired() {
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::SECRET, "");
    set_text(&mut h, labels::TOKEN, A1_TOKEN);
    let k = serde_json::from_str::<serde_json::Value>(A1_JWK).unwrap()["k"]
        .as_str()
        .unwrap()
        .to_string();
    h.get_by_label(labels::SECRET_ENCODING).click();
    h.run();
    h.get_by_label("base64").click();
    h.run();
    set_text(&mut h, labels::SECRET, &k);
    assert!(shows(&h, "× Expired"), "signature valid, exp passed");
    assert!(shows(&h, "expired 15y"), "countdown says how long ago");
}

#[test]
fn the_countdown_ticks_with_the_clock() {
    let (mut h, clock) = harness(Opts::default());
    assert!(shows(&h, "expires in 30:00"));
    clock.fetch_add(1, Ordering::Relaxed);
    h.run();
    assert!(shows(&h, "expires in 29:59"));
    clock.store(NOW + 30 * 60 - 42, Ordering::Relaxed);
    h.run();
    assert!(shows(&h, "expires in 00:42"));
    clock.store(NOW + 30 * 60 + 12, Ordering::Relaxed);
    h.run();
    assert!(shows(&h, "expired 12s ago"));
    assert!(shows(&h, "× Expired"));
}

#[test]
fn a_key_loads_through_the_fake_file_picker() {
    let fake = FakePlatform::default();
    fake.choose_open(Some(fixture("ec256.sec1.pem")));
    let (mut h, _) = harness(Opts {
        platform: fake.clone(),
        ..Opts::default()
    });
    h.get_by_label("Open key…").click();
    h.run();
    assert!(
        shows(&h, "Loaded EC P-256 private key, SEC1 (PEM)"),
        "status line"
    );
    assert_eq!(
        h.state().document().alg(),
        JwsAlg::ES256,
        "the algorithm follows the key"
    );
    assert!(value(&h, labels::HEADER).contains("\"alg\": \"ES256\""));
    assert!(
        is_valid(&h),
        "re-signed with the key and verified with its public half"
    );
    // A junk file gives a message and changes nothing.
    let before = h.state().document().keys().clone();
    fake.choose_open(Some(fixture("junk.bin")));
    h.get_by_label("Open key…").click_accesskit();
    h.run();
    assert!(
        shows(&h, "binary data"),
        "{:?}",
        h.state().ui_state().status
    );
    assert_eq!(h.state().document().keys(), &before);
}

#[test]
fn save_token_writes_the_file_through_the_fake_dialog() {
    let fake = FakePlatform::default();
    let out = std::env::temp_dir().join(format!("jwtwb-saved-{}.jwt", std::process::id()));
    fake.choose_save(Some(out.clone()));
    let (mut h, _) = harness(Opts {
        platform: fake.clone(),
        ..Opts::default()
    });
    h.get_by_label("Save token…").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().trim(),
        value(&h, labels::TOKEN)
    );
    assert!(shows(&h, "Saved to"));
    std::fs::remove_file(&out).ok();
}

#[test]
fn the_key_path_field_is_a_fallback_for_the_dialog() {
    let (mut h, _) = harness(Opts::default());
    set_text(
        &mut h,
        labels::KEY_PATH,
        fixture("ed25519.pkcs8.pem").to_str().unwrap(),
    );
    h.get_by_label("Load").click();
    h.run();
    assert_eq!(h.state().document().alg(), JwsAlg::EdDSA);
    assert!(is_valid(&h));
}

#[test]
fn rsa_4096_signs_off_the_ui_thread() {
    let (mut h, _) = harness(Opts::default());
    set_text(
        &mut h,
        labels::KEY_PATH,
        fixture("rsa4096.pkcs8.pem").to_str().unwrap(),
    );
    h.get_by_label("Load").click();
    h.step();
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.state().document().signing() {
        assert!(Instant::now() < deadline, "signing never finished");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert_eq!(h.state().document().alg(), JwsAlg::RS256);
    assert!(is_valid(&h));
    assert!(
        jwt_workbench::core::token::inspect(&value(&h, labels::TOKEN))
            .unwrap()
            .signature
            .unwrap()
            .len()
            == 512
    );
}

#[test]
fn a_token_on_the_command_line_opens_decoded() {
    let (h, _) = harness(Opts {
        token: Some(A2_TOKEN.to_string()),
        ..Opts::default()
    });
    assert_eq!(value(&h, labels::TOKEN), A2_TOKEN);
    assert_eq!(h.state().document().alg(), JwsAlg::RS256);
    assert!(shows(&h, "? Not checked"), "no RSA key yet");
}

#[test]
fn a_corrupt_settings_file_does_not_stop_start_up() {
    let dir = std::env::temp_dir().join(format!("jwtwb-ui-corrupt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("settings.json"), b"\x00\xffnot json at all").unwrap();
    let (h, _) = harness(Opts {
        store: Some(SettingsStore::at(dir.join("settings.json"))),
        ..Opts::default()
    });
    assert!(shows(&h, "settings file was unreadable"));
    assert!(is_valid(&h), "started with the example");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_session_is_restored_without_the_secret() {
    let dir = std::env::temp_dir().join(format!("jwtwb-ui-restore-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = SettingsStore::at(dir.join("settings.json"));
    let (mut h, _) = harness(Opts {
        store: Some(store.clone()),
        ..Opts::default()
    });
    set_text(&mut h, labels::PAYLOAD, r#"{"sub":"remember me"}"#);
    h.state_mut().save_settings();
    let saved = std::fs::read_to_string(store.path()).unwrap();
    assert!(saved.contains("remember me"));
    assert!(
        !saved.contains(jwt_workbench::core::workbench::EXAMPLE_SECRET),
        "secret not saved"
    );
    let (h2, _) = harness(Opts {
        store: Some(store),
        ..Opts::default()
    });
    assert!(value(&h2, labels::PAYLOAD).contains("remember me"));
    assert!(
        shows(&h2, "Not signed yet: no secret"),
        "the token itself is not kept"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_10_mb_payload_is_kept_whole_and_shown_as_a_preview() {
    let (mut h, _) = harness(Opts::default());
    let big = format!(r#"{{"sub":"big","blob":"{}"}}"#, "x".repeat(10 << 20));
    let secret = jwt_workbench::core::keys::parse_secret_spec(
        jwt_workbench::core::workbench::EXAMPLE_SECRET,
    )
    .unwrap();
    let token = jwt_workbench::core::sign::sign(
        r#"{"alg":"HS256"}"#,
        &big,
        &secret,
        jwt_workbench::core::sign::Layout::Minified,
    )
    .unwrap();
    let started = Instant::now();
    h.state_mut()
        .queue_edit(jwt_workbench::core::workbench::Edit::Token(token.clone()));
    h.run();
    eprintln!(
        "10 MB token: decode and first frames took {:?}",
        started.elapsed()
    );
    assert_eq!(h.state().document().token(), token, "nothing lost");
    assert!(value(&h, labels::TOKEN).contains("too large to edit here; all of it is kept"));
    assert!(value(&h, labels::PAYLOAD).contains("too large to edit here"));
    assert!(
        h.state().document().payload().len() > 10 << 20,
        "the payload editor keeps the whole text"
    );
    assert!(is_valid(&h), "verified in full");
}

#[test]
fn settings_without_a_document_start_with_the_example_and_keep_preferences() {
    let dir = std::env::temp_dir().join(format!("jwtwb-ui-prefs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("settings.json"),
        br#"{"theme":"light","leeway":30}"#,
    )
    .unwrap();
    let (h, _) = harness(Opts {
        store: Some(SettingsStore::at(dir.join("settings.json"))),
        ..Opts::default()
    });
    assert!(is_valid(&h));
    assert_eq!(h.state().document().policy().leeway, 30);
    assert!(!shows(&h, "not valid JSON"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_jwks_loads_through_the_fake_picker_and_the_kid_picks_the_key() {
    use jwt_workbench::core::keys::{self, Purpose};
    let dir = temp_dir("jwks");
    let mine = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign);
    let mut public = mine.public_half();
    public.kid = Some("current".into());
    let mut other = key(A2_JWK).public_half();
    other.kid = Some("previous".into());
    let jwks = keys::public_jwks(&[other, public]);
    std::fs::write(dir.join("jwks.json"), jwks.to_string()).unwrap();
    let token = jwt_workbench::core::sign::sign(
        r#"{"alg":"RS256","kid":"current"}"#,
        r#"{"sub":"k"}"#,
        &mine,
        jwt_workbench::core::sign::Layout::Minified,
    )
    .unwrap();

    let fake = FakePlatform::default();
    let (mut h, _) = harness(Opts {
        platform: fake.clone(),
        ..Opts::default()
    });
    set_text(&mut h, labels::TOKEN, &token);
    fake.choose_open(Some(dir.join("jwks.json")));
    h.get_by_label("Open key…").click_accesskit();
    h.run();
    assert!(
        shows(&h, "a JWKS of 2 keys (kids \"previous\", \"current\")"),
        "{:?}",
        h.state().ui_state().status
    );
    assert!(shows(
        &h,
        "Verifies with: RSA 2048 public key, JWK, kid \"current\""
    ));
    assert!(is_valid(&h));
    // A token whose kid is not in the set says which kids there are.
    let stranger = jwt_workbench::core::sign::sign(
        r#"{"alg":"RS256","kid":"gone"}"#,
        "{}",
        &mine,
        jwt_workbench::core::sign::Layout::Minified,
    )
    .unwrap();
    set_text(&mut h, labels::TOKEN, &stranger);
    assert!(shows(
        &h,
        "no key in the JWKS has kid \"gone\"; kids present: \"previous\", \"current\""
    ));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn generate_then_export_keys() {
    let dir = temp_dir("export");
    let fake = FakePlatform::default();
    let (mut h, _) = harness(Opts {
        platform: fake.clone(),
        ..Opts::default()
    });
    h.get_by_label(labels::ALGORITHM).click();
    h.run();
    h.get_by_label("ES384").click_accesskit();
    h.run();
    h.get_by_label("Generate key").click_accesskit();
    h.run();
    assert!(
        shows(&h, "Generated EC P-384 private key"),
        "{:?}",
        h.state().ui_state().status
    );
    assert!(
        h.state()
            .document()
            .keys()
            .private_key
            .starts_with("-----BEGIN PRIVATE KEY-----")
    );
    assert!(is_valid(&h), "the token re-signed with the new key");
    let thumb = h.state().document().verify_key().unwrap().thumbprint();
    assert!(shows(&h, &thumb), "thumbprint shown");

    fake.choose_save(Some(dir.join("pub.jwk.json")));
    h.state_mut()
        .run_command_for_tests(jwt_workbench::ui::commands::Command::SavePublicJwk);
    h.run();
    let jwk: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("pub.jwk.json")).unwrap()).unwrap();
    assert_eq!(jwk["crv"], "P-384");
    assert_eq!(jwk["kid"], thumb.as_str(), "kid defaults to the thumbprint");
    assert!(jwk.get("d").is_none());

    fake.choose_save(Some(dir.join("key.pem")));
    h.state_mut()
        .run_command_for_tests(jwt_workbench::ui::commands::Command::SavePrivatePem);
    h.run();
    let saved = std::fs::read_to_string(dir.join("key.pem")).unwrap();
    assert_eq!(saved, h.state().document().keys().private_key);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(dir.join("key.pem"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn slow_rsa_generation_runs_off_the_ui_thread_and_can_be_cancelled() {
    let (mut h, _) = harness(Opts::default());
    h.get_by_label(labels::ALGORITHM).click();
    h.run();
    h.get_by_label("RS256").click_accesskit();
    h.run();
    h.state_mut().ui_state_mut().rsa_bits = 4096;
    h.get_by_label("Generate key").click_accesskit();
    h.step();
    assert_eq!(h.state().document().generating(), Some("an RSA-4096 key"));
    h.step();
    h.get_by_label("Cancel").click_accesskit();
    h.step();
    h.run();
    assert!(h.state().document().generating().is_none());
    assert!(
        h.state().document().keys().private_key.is_empty(),
        "a cancelled key never lands"
    );
    // A 3072-bit key is generated in the background and lands in the private key field.
    h.state_mut().ui_state_mut().rsa_bits = 3072;
    h.get_by_label("Generate key").click_accesskit();
    h.step();
    let deadline = Instant::now() + Duration::from_secs(60);
    while h.state().document().generating().is_some() {
        assert!(Instant::now() < deadline, "generation never finished");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    let wait = Instant::now() + Duration::from_secs(20);
    while h.state().document().signing() {
        assert!(Instant::now() < wait);
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert_eq!(h.state().document().sign_key().unwrap().bits(), 3072);
    assert!(is_valid(&h));
}

#[test]
fn weak_keys_warn_and_changed_key_files_are_reread_on_focus() {
    let dir = temp_dir("watch");
    let path = dir.join("key.pem");
    std::fs::copy(fixture("rsa1024.spki.pem"), &path).unwrap();
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::KEY_PATH, path.to_str().unwrap());
    h.get_by_label("Load").click_accesskit();
    h.run();
    assert!(shows(&h, "Warning: RSA-1024 is too weak"));
    // The file changes on disk; the next focus re-reads it.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::copy(fixture("rsa2048.spki.pem"), &path).unwrap();
    h.event(egui::Event::WindowFocused(true));
    h.run();
    assert!(
        shows(&h, "changed on disk: reloaded"),
        "{:?}",
        h.state().ui_state().status
    );
    assert!(shows(&h, "Verifies with: RSA 2048 public key, SPKI (PEM)"));
    // If the user edited the field, their text wins and a note says so.
    let edited = format!("{}\n\n", h.state().document().keys().public_key.trim_end());
    set_text(&mut h, labels::PUBLIC_KEY, &edited);
    std::thread::sleep(Duration::from_millis(20));
    std::fs::copy(fixture("rsa1024.spki.pem"), &path).unwrap();
    h.event(egui::Event::WindowFocused(true));
    h.run();
    assert!(shows(&h, "your edits in the key field are kept"));
    assert_eq!(h.state().document().keys().public_key, edited);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_key_inside_the_token_is_shown_never_used() {
    use jwt_workbench::core::keys::Purpose;
    let attacker = fixture_key("ec256.pkcs8.pem", Purpose::Sign);
    let jwk = serde_json::Value::Object(attacker.to_jwk(false).unwrap()).to_string();
    let token = jwt_workbench::core::sign::sign(
        &format!(r#"{{"alg":"ES256","jwk":{jwk}}}"#),
        r#"{"sub":"admin"}"#,
        &attacker,
        jwt_workbench::core::sign::Layout::Minified,
    )
    .unwrap();
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &token);
    assert!(shows(&h, "The token names its own key (jwk:"));
    assert!(shows(&h, "warning: header carries \"jwk\""));
    assert!(
        shows(&h, "? Not checked"),
        "the embedded key is not trusted: no key, no verdict"
    );
}

#[test]
fn templates_and_not_yet_valid_tokens() {
    let (mut h, clock) = harness(Opts::default());
    h.state_mut()
        .run_command_for_tests(jwt_workbench::ui::commands::Command::New(
            jwt_workbench::core::workbench::Template::Refresh,
        ));
    h.run();
    assert!(value(&h, labels::PAYLOAD).contains("\"type\": \"refresh\""));
    assert!(shows(&h, "expires in 7d 00:00"));
    h.state_mut()
        .run_command_for_tests(jwt_workbench::ui::commands::Command::New(
            jwt_workbench::core::workbench::Template::Access,
        ));
    h.run();
    assert!(value(&h, labels::PAYLOAD).contains("\"type\": \"access\""));
    // nbf five minutes ahead: "valid in", and the verdict says not yet valid.
    let payload = format!(r#"{{"sub":"1","nbf":{},"exp":{}}}"#, NOW + 300, NOW + 3600);
    set_text(&mut h, labels::PAYLOAD, &payload);
    assert!(shows(&h, "valid in 05:00"));
    assert!(shows(&h, "× Not yet valid"));
    clock.store(NOW + 301, Ordering::Relaxed);
    h.run();
    assert!(is_valid(&h));
}
