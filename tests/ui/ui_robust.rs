//! Nothing typed is lost and nothing secret leaks, in the real window through egui_kittest:
//! what reaches the settings file, Clear wiping it, remembered keys, the clipboard guard,
//! an unwritable config folder, bad settings files, and undo in the editors.

use crate::common::ui::*;
use crate::common::*;
use egui_kittest::kittest::Queryable;
use jwt_workbench::settings::SettingsStore;
use jwt_workbench::ui::commands::Command;
use jwt_workbench::ui::labels;
use jwt_workbench::ui::platform::FakePlatform;
use std::sync::atomic::Ordering;

fn stored(dir: &std::path::Path) -> (SettingsStore, Opts) {
    let store = SettingsStore::at(dir.join("settings.json"));
    (
        store.clone(),
        Opts {
            store: Some(store),
            ..Opts::default()
        },
    )
}

#[test]
fn a_pasted_token_is_not_written_to_disk_unless_asked_and_clear_wipes_it() {
    let dir = temp_dir("keep-token");
    let (store, opts) = stored(&dir);
    let (mut h, _) = harness(opts);
    set_text(&mut h, labels::TOKEN, A1_TOKEN);
    h.state_mut().save_settings();
    let file = std::fs::read_to_string(store.path()).unwrap();
    assert!(
        !file.contains(&A1_TOKEN[..40]),
        "no token on disk by default"
    );
    assert!(!file.contains("is_root"), "nor the pasted token's claims");
    // Your own edits are kept.
    set_text(&mut h, labels::PAYLOAD, r#"{"sub":"my own work"}"#);
    h.state_mut().save_settings();
    assert!(
        std::fs::read_to_string(store.path())
            .unwrap()
            .contains("my own work")
    );
    // Asked to keep it: the token goes to disk; Clear takes it away at once.
    h.get_by_label("Privacy").click();
    h.run();
    h.get_by_label(labels::KEEP_TOKEN).click();
    h.run();
    set_text(&mut h, labels::TOKEN, A1_TOKEN);
    h.state_mut().save_settings();
    assert!(
        std::fs::read_to_string(store.path())
            .unwrap()
            .contains(A1_TOKEN)
    );
    h.state_mut().run_command_for_tests(Command::Clear);
    h.run();
    assert!(
        !std::fs::read_to_string(store.path())
            .unwrap()
            .contains(&A1_TOKEN[..40]),
        "Clear wiped it from disk without waiting"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn remembered_keys_say_where_they_are_and_the_file_is_owner_only() {
    let dir = temp_dir("remember");
    let (store, opts) = stored(&dir);
    let (mut h, _) = harness(opts);
    // Tests have no session bus, so no keyring answers: the file is the fallback.
    for _ in 0..50 {
        h.run();
        if !shows(&h, "looking for the system keyring") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    set_text(&mut h, labels::SECRET, "remember-me-remember-me-remember!");
    h.get_by_label(labels::REMEMBER_KEY).click();
    h.run();
    assert!(
        shows(&h, "stored in plain text in"),
        "the UI says plain text"
    );
    h.state_mut().save_settings();
    let file = std::fs::read_to_string(store.path()).unwrap();
    assert!(file.contains("remember-me-remember-me-remember!"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(store.path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "owner-only");
    }
    // Forget removes them.
    h.state_mut().run_command_for_tests(Command::ForgetStored);
    h.run();
    let file = std::fs::read_to_string(store.path()).unwrap();
    assert!(!file.contains("remember-me"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_copied_private_key_is_cleared_from_the_clipboard_after_30_seconds() {
    let fake = FakePlatform::default();
    let (mut h, clock) = harness(Opts {
        platform: fake.clone(),
        ..Opts::default()
    });
    set_text(
        &mut h,
        labels::KEY_PATH,
        fixture("ec256.pkcs8.pem").to_str().unwrap(),
    );
    h.get_by_label("Load").click();
    h.run();
    h.state_mut().run_command_for_tests(Command::CopyPrivatePem);
    h.run();
    let copied = fake.clipboard_text().unwrap();
    assert!(copied.starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(shows(&h, "the clipboard is cleared in 30 s"));
    clock.fetch_add(29, Ordering::Relaxed);
    h.run();
    assert_eq!(fake.clipboard_text().unwrap(), copied, "not yet");
    clock.fetch_add(2, Ordering::Relaxed);
    h.run();
    assert_eq!(fake.clipboard_text().unwrap(), "", "cleared after 30 s");
    // Something else copied meanwhile is left alone.
    h.state_mut().run_command_for_tests(Command::CopyPrivatePem);
    h.run();
    fake.set_clipboard("the user copied something else");
    clock.fetch_add(31, Ordering::Relaxed);
    h.run();
    assert_eq!(
        fake.clipboard_text().unwrap(),
        "the user copied something else"
    );
    // A public key is not a secret: no timer.
    h.state_mut().run_command_for_tests(Command::CopyPublicPem);
    h.run();
    assert!(!shows(&h, "cleared in 30 s"));
}

#[test]
fn an_unwritable_config_folder_warns_once_and_the_app_works_on() {
    // A file where the config folder should be: unwritable even for root (tests may run as
    // root, where folder permissions stop nothing).
    let dir = temp_dir("readonly");
    let blocker = dir.join("not-a-folder");
    std::fs::write(&blocker, b"a file where the config folder should be").unwrap();
    let store = SettingsStore::at(blocker.join("settings.json"));
    let (mut h, _) = harness(Opts {
        store: Some(store),
        ..Opts::default()
    });
    set_text(&mut h, labels::PAYLOAD, r#"{"sub":"still works"}"#);
    h.state_mut().save_settings();
    h.run();
    assert!(
        shows(&h, "settings are not kept"),
        "{:?}",
        h.state().ui_state().status
    );
    assert!(is_valid(&h), "the app works on");
    h.state_mut().ui_state_mut().status = None;
    h.state_mut().save_settings();
    h.run();
    assert!(!shows(&h, "settings are not kept"), "warned once");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_newer_version_settings_file_is_kept_aside_and_said_once() {
    let dir = temp_dir("future");
    std::fs::write(
        dir.join("settings.json"),
        br#"{"version": 99, "theme": "dark"}"#,
    )
    .unwrap();
    let (_, opts) = stored(&dir);
    let (h, _) = harness(opts);
    assert!(shows(&h, "written by a newer version"));
    assert!(is_valid(&h), "started with the example");
    let kept = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains(".bad-"));
    assert!(kept, "a copy of the bad file is kept beside it");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ctrl_z_undoes_typing_in_the_payload() {
    let (mut h, _) = harness(Opts::default());
    let before = value(&h, labels::PAYLOAD);
    h.get_by_label(labels::PAYLOAD).focus();
    h.run();
    h.get_by_label(labels::PAYLOAD).type_text("x");
    h.run();
    assert_ne!(value(&h, labels::PAYLOAD), before);
    assert!(
        shows(&h, "Not re-signed yet"),
        "the typed text broke the JSON"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(value(&h, labels::PAYLOAD), before, "undone");
    assert!(is_valid(&h), "and re-signed");
    let token = value(&h, labels::TOKEN);
    assert!(!token.is_empty(), "the token survived the invalid JSON");
}
