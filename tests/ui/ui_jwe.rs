//! Encrypted tokens in the real window, through egui_kittest: a pasted JWE shows five parts
//! and decrypts live with the JWE key; the encode side signs then encrypts as you type; the
//! Structure view explains the five parts with their bytes.

use crate::common::ui::*;
use crate::common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jwt_workbench::core::workbench::JweState;
use jwt_workbench::ui::commands::Command;
use jwt_workbench::ui::views::View;
use jwt_workbench::ui::{WorkbenchApp, labels};
use std::time::{Duration, Instant};

/// (token, key JWK text or password, plaintext) of a committed RFC vector.
fn vector(name: &str) -> (String, String, String) {
    let text = std::fs::read_to_string(fixture("jwe/rfc_vectors.json")).unwrap();
    let all: serde_json::Value = serde_json::from_str(&text).unwrap();
    let v = all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap();
    let key = match &v["key"] {
        serde_json::Value::Null => v["password"].as_str().unwrap().to_string(),
        k => k.to_string(),
    };
    (
        v["token"].as_str().unwrap().into(),
        key,
        v["plaintext"].as_str().unwrap().into(),
    )
}

/// Steps until background work (decrypting, signing) is done, then settles.
fn settle(h: &mut Harness<'static, WorkbenchApp>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        h.step();
        let busy = h.state().document().signing()
            || h.state()
                .document()
                .jwe()
                .is_some_and(|j| matches!(j.state, JweState::Decrypting));
        if !busy {
            break;
        }
        assert!(Instant::now() < deadline, "background work never finished");
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
}

#[test]
fn a_pasted_jwe_shows_five_parts_and_decrypts_live_with_the_jwe_key() {
    let (token, key, plaintext) = vector("RFC 7516 A.1");
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &token);
    for part in [
        "■ protected header",
        "■ encrypted key",
        "■ IV",
        "■ ciphertext",
        "■ tag",
    ] {
        assert!(shows(&h, part), "{part}");
    }
    assert!(shows(&h, "🔒 Encrypted (RSA-OAEP, A256GCM): not decrypted"));
    assert!(shows(&h, "paste or open an RSA private key to decrypt"));
    set_text(&mut h, labels::JWE_KEY, &key);
    settle(&mut h);
    assert!(
        shows(&h, "🔓 Decrypted, not signed"),
        "{:?}",
        h.state().document().headline(NOW)
    );
    assert_eq!(value(&h, labels::PAYLOAD), plaintext, "the plaintext shows");
    assert!(shows(&h, "Decrypted: 63 bytes of plaintext"));
    // Tampering with the tag: refused, nothing shown decrypted.
    let mut bad = token.clone();
    let last = bad.pop().unwrap();
    bad.push(if last == 'A' { 'B' } else { 'A' });
    set_text(&mut h, labels::TOKEN, &bad);
    settle(&mut h);
    assert!(shows(&h, "× Decryption failed"));
    assert!(shows(&h, "wrong key, or the token was altered"));
}

#[test]
fn pbes2_decrypts_off_the_ui_thread_and_the_structure_view_shows_each_step() {
    let (token, password, _) = vector("RFC 7520 5.3");
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &token);
    set_text(&mut h, labels::JWE_KEY, &password);
    settle(&mut h);
    assert!(value(&h, labels::PAYLOAD).contains("\"keys\""));
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Structure));
    h.run();
    assert!(shows(
        &h,
        "An encrypted token (JWE): alg PBES2-HS512+A256KW, enc A128CBC-HS256"
    ));
    for step in [
        "1. The protected header, and the AAD",
        "2. The content encryption key (CEK) and the encrypted key",
        "3. The initialization vector",
        "4. The ciphertext",
        "5. The authentication tag",
    ] {
        assert!(shows(&h, step), "{step}");
    }
    assert!(shows(&h, "PBKDF2 with 8192 iterations"));
}

#[test]
fn the_structure_view_shows_the_rfc_cek() {
    let (token, key, _) = vector("RFC 7516 A.3");
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &token);
    set_text(&mut h, labels::JWE_KEY, &key);
    settle(&mut h);
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Structure));
    h.run();
    // RFC 7516 A.3.2's CEK.
    assert!(shows(
        &h,
        "04d31fc5549dfcfe0b649dfa3faa6ace6b7cd42d6f6b09dbc8b100f08f9c2ccf"
    ));
    assert!(shows(&h, "Live long and prosper."));
}

#[test]
fn the_encode_side_signs_then_encrypts_as_you_type() {
    let (mut h, _) = harness(Opts::default());
    h.get_by_label(labels::ENCRYPTION).click();
    h.run();
    h.get_by_label("Sign, then encrypt (nested JWT)")
        .click_accesskit();
    h.run();
    assert!(shows(&h, "Not re-signed yet: no key to encrypt to"));
    let public = std::fs::read_to_string(fixture("rsa2048.spki.pem")).unwrap();
    set_text(&mut h, labels::JWE_KEY, &public);
    settle(&mut h);
    let token = value(&h, labels::TOKEN);
    assert_eq!(token.split('.').count(), 5, "a JWE: {token}");
    assert!(is_valid(&h), "the signed token inside is judged");
    assert!(shows(
        &h,
        "Judging the signed token inside the JWE made from your editors"
    ));
    assert!(shows(
        &h,
        "Encrypted to an RSA 2048 public key: the signed token inside"
    ));
    // Typing re-encrypts: a new token each keystroke.
    set_text(
        &mut h,
        labels::PAYLOAD,
        r#"{"sub":"typed","exp":1800003600}"#,
    );
    settle(&mut h);
    let again = value(&h, labels::TOKEN);
    assert_eq!(again.split('.').count(), 5);
    assert_ne!(again, token);
    // The recipient's private key opens it in another window.
    let private = std::fs::read_to_string(fixture("rsa2048.pkcs8.pem")).unwrap();
    let (mut them, _) = harness(Opts::default());
    set_text(&mut them, labels::TOKEN, &again);
    set_text(&mut them, labels::JWE_KEY, &private);
    settle(&mut them);
    assert!(value(&them, labels::PAYLOAD).contains("typed"));
    assert!(shows(
        &them,
        "Judging the signed token inside the pasted JWE"
    ));
}

#[test]
fn a_private_key_file_loaded_with_a_pasted_jwe_becomes_its_decryption_key() {
    let (token, key, plaintext) = vector("RFC 7520 5.2");
    let dir = temp_dir("jwe-key-file");
    std::fs::write(dir.join("samwise.jwk"), &key).unwrap();
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, &token);
    let alg_before = h.state().document().alg();
    set_text(
        &mut h,
        labels::KEY_PATH,
        dir.join("samwise.jwk").to_str().unwrap(),
    );
    h.get_by_label("Load").click();
    settle(&mut h);
    assert!(
        shows(&h, "as the key that decrypts this JWE"),
        "{:?}",
        h.state().ui_state().status
    );
    assert_eq!(value(&h, labels::PAYLOAD), plaintext);
    assert_eq!(
        h.state().document().alg(),
        alg_before,
        "the algorithm stays"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Start-up goes through the document's front door: a JWE given on the command line, with
/// its key remembered in the settings file, is decrypted (its job used to be dropped, and it
/// stayed on "Decrypting…"). PBES2 is slow work: the job waits for the first frame, then
/// runs on the worker.
#[test]
fn a_jwe_given_at_start_with_a_remembered_key_is_decrypted() {
    let (token, password, _) = vector("RFC 7520 5.3");
    let dir = temp_dir("startup-jwe");
    let store = jwt_workbench::settings::SettingsStore::at(dir.join("settings.json"));
    let mut settings = jwt_workbench::settings::Settings::default();
    settings.prefs.remember_key = true;
    settings.prefs.view = View::Keys;
    settings.secret = Some(password);
    store.save(&settings).unwrap();
    let (mut h, _) = harness(Opts {
        token: Some(token),
        store: Some(jwt_workbench::settings::SettingsStore::at(
            dir.join("settings.json"),
        )),
        ..Opts::default()
    });
    settle(&mut h);
    assert!(
        matches!(
            h.state().document().jwe().map(|j| &j.state),
            Some(JweState::Decrypted { .. })
        ),
        "decrypted at start: {:?}",
        h.state().document().jwe().map(|j| &j.state)
    );
    assert!(value(&h, labels::PAYLOAD).contains("\"keys\""));
    // A token given to open shows in the Debugger, whatever view was last used.
    assert_eq!(h.state().ui_state().prefs.view, View::Debugger);
}
