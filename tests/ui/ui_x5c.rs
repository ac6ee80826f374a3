//! The Keys view's certificate sections (issue 20 item 4): a pasted token's x5c chain shown
//! certificate by certificate and "not trusted" until its root is pinned; a root pinned from
//! pasted PEM or a file (through the fake dialog) makes the token verify, with the headline
//! naming the root; unpinned, it no longer does; the pinned roots are kept in settings.

use crate::common::pki::{intermediate, leaf, pem_of, root, x5c_token};
use crate::common::ui::*;
use egui_kittest::kittest::Queryable;
use jwt_workbench::core::workbench::Tone;
use jwt_workbench::settings::SettingsStore;
use jwt_workbench::ui::commands::Command;
use jwt_workbench::ui::labels;
use jwt_workbench::ui::platform::FakePlatform;
use jwt_workbench::ui::views::View;
use jwt_workbench::ui::x5c::{CHAIN, PASTE, PIN_PASTED, ROOTS};
use rcgen::KeyUsagePurpose::DigitalSignature;

const LIFE: (i32, i32) = (2024, 2030);

/// The root's PEM and a token whose x5c chains to it through an intermediate.
fn chain() -> (String, String) {
    let ca = root("UI Root", LIFE);
    let mid = intermediate("UI Issuing CA", LIFE, &ca);
    let (leaf_der, leaf_key) = leaf("ui signer", LIFE, &[DigitalSignature], &mid);
    let token = x5c_token(&[&leaf_der, mid.der()], &leaf_key, r#"{"sub":"x"}"#);
    (pem_of(ca.der()), token)
}

fn keys_view(
    opts: Opts,
    token: &str,
) -> egui_kittest::Harness<'static, jwt_workbench::ui::WorkbenchApp> {
    let (mut h, _) = harness(opts);
    debugger(&mut h);
    set_text(&mut h, labels::TOKEN, token);
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Keys));
    h.run();
    h
}

fn debugger(h: &mut egui_kittest::Harness<'static, jwt_workbench::ui::WorkbenchApp>) {
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Debugger));
    h.run();
}

#[test]
fn a_chain_is_trusted_only_once_its_root_is_pinned() {
    let (root_pem, token) = chain();
    let mut h = keys_view(Opts::default(), &token);
    assert!(shows(&h, CHAIN) && shows(&h, ROOTS));
    assert!(shows(&h, "Certificate 0, the leaf: CN=ui signer"));
    assert!(shows(&h, "Certificate 1, intermediate 1: CN=UI Issuing CA"));
    assert!(shows(&h, "Shown, not trusted: no root is pinned"));
    assert!(shows(&h, "No root is pinned."));
    let head = h.state().document().headline(NOW);
    assert!(
        head.title
            .contains("? Not checked: no key, and no root is pinned"),
        "{head:?}"
    );

    // Junk is refused and pins nothing.
    set_text(
        &mut h,
        PASTE,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    );
    h.get_by_label(PIN_PASTED).click_accesskit();
    h.run();
    assert!(
        shows(&h, "Could not pin the pasted text"),
        "{:?}",
        h.state().ui_state().status
    );
    assert!(h.state().document().pinned_roots().is_empty());

    set_text(&mut h, PASTE, &root_pem);
    h.get_by_label(PIN_PASTED).click_accesskit();
    h.run();
    assert!(shows(&h, "Pinned 1 root from the pasted text: CN=UI Root"));
    assert!(shows(&h, "validates to the pinned root CN=UI Root"));
    debugger(&mut h);
    assert!(shows(
        &h,
        "✔ Valid, signed by a certificate chain to a pinned root"
    ));
    assert!(shows(
        &h,
        "x5c chain of 2 certificates validates to the pinned root CN=UI Root"
    ));
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Keys));
    h.run();

    // Unpinned, the chain is not trusted again.
    h.get_by_label("Unpin").click_accesskit();
    h.run();
    assert!(h.state().document().pinned_roots().is_empty());
    debugger(&mut h);
    assert!(shows(&h, "? Not checked: no key, and no root is pinned"));
    assert!(!is_valid(&h));
}

#[test]
fn roots_pinned_from_a_file_are_kept_in_settings() {
    let (root_pem, token) = chain();
    let dir = temp_dir("x5c-roots");
    let roots = dir.join("roots.pem");
    std::fs::write(&roots, &root_pem).unwrap();
    let fake = FakePlatform::default();
    fake.choose_open(Some(roots.clone()));
    let store = SettingsStore::at(dir.join("settings.json"));
    let mut h = keys_view(
        Opts {
            platform: fake.clone(),
            store: Some(store.clone()),
            ..Opts::default()
        },
        &token,
    );
    h.get_by_label("Pin roots from file…").click_accesskit();
    h.run();
    assert!(
        shows(&h, "Pinned 1 root from"),
        "{:?}",
        h.state().ui_state().status
    );
    assert_eq!(h.state().document().headline(NOW).tone, Tone::Good);
    // Pinning the same file again adds nothing.
    fake.choose_open(Some(roots));
    h.get_by_label("Pin roots from file…").click_accesskit();
    h.run();
    assert!(shows(&h, "was already pinned"));
    assert_eq!(h.state().document().pinned_roots().len(), 1);
    h.state_mut().save_settings();
    let saved = std::fs::read_to_string(dir.join("settings.json")).unwrap();
    assert!(saved.contains("BEGIN CERTIFICATE"));

    // The next start has the root pinned: the same token verifies at once.
    let h = keys_view(
        Opts {
            store: Some(store),
            ..Opts::default()
        },
        &token,
    );
    assert_eq!(h.state().document().pinned_roots().len(), 1);
    let mut h = h;
    debugger(&mut h);
    assert!(is_valid(&h));
}

/// A hand-edited settings file: entries that are not strings, not certificates or not usable
/// as roots are left out; the good root and every other setting stay, and a pinned_roots that
/// is not a list reads as none, without setting the file aside.
#[test]
fn odd_pinned_roots_in_settings_are_left_out_not_fatal() {
    let (root_pem, token) = chain();
    let dir = temp_dir("x5c-odd-settings");
    let path = dir.join("settings.json");
    let store = SettingsStore::at(&path);
    let mut h = keys_view(
        Opts {
            store: Some(store.clone()),
            ..Opts::default()
        },
        &token,
    );
    set_text(&mut h, PASTE, &root_pem);
    h.get_by_label(PIN_PASTED).click_accesskit();
    h.run();
    h.state_mut().save_settings();
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let not_a_cert = "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n";
    saved["pinned_roots"] = serde_json::json!(["junk", not_a_cert, 7, root_pem]);
    std::fs::write(&path, saved.to_string()).unwrap();
    let h = keys_view(
        Opts {
            store: Some(store.clone()),
            ..Opts::default()
        },
        &token,
    );
    assert_eq!(h.state().document().pinned_roots().len(), 1);
    assert_eq!(h.state().document().headline(NOW).tone, Tone::Good);

    saved["pinned_roots"] = serde_json::json!(5);
    std::fs::write(&path, saved.to_string()).unwrap();
    let h = keys_view(
        Opts {
            store: Some(store),
            ..Opts::default()
        },
        &token,
    );
    assert!(h.state().document().pinned_roots().is_empty());
    assert!(
        h.state().ui_state().status.is_none(),
        "{:?}",
        h.state().ui_state().status
    );
    // Not set aside: the folder still holds the one file, as written.
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved.to_string());
}
