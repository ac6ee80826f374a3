//! What the key pane does with keys, under the fields: generate (off the UI thread for large
//! RSA keys), export, open a file, type its path, remember the key on this machine.

use super::commands::Command;
use super::style::Palette;
use super::vault::KeyStorage;
use super::{Actions, UiState, labels};
use crate::core::alg::Family;
use crate::core::keys::RSA_SIZES;
use crate::core::workbench::Workbench;

/// Generate, export, open, path, remember.
pub fn key_actions_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    state: &mut UiState,
    actions: &mut Actions,
) {
    ui.horizontal_wrapped(|ui| {
        match wb.generating() {
            Some(what) => {
                ui.spinner();
                ui.label(format!("Generating {what}…"));
                if Command::CancelGenerate.button(ui) {
                    actions.commands.push(Command::CancelGenerate);
                }
            }
            None => {
                if Command::GenerateKey.button(ui) {
                    actions.commands.push(Command::GenerateKey);
                }
                if wb.alg().family() == Family::Rsa {
                    let label = ui.label("RSA size");
                    egui::ComboBox::from_id_salt("RSA size")
                        .selected_text(format!("{} bits", state.rsa_bits))
                        .show_ui(ui, |ui| {
                            for bits in RSA_SIZES {
                                ui.selectable_value(&mut state.rsa_bits, bits, format!("{bits} bits"));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                }
            }
        }
        ui.menu_button("Export", |ui| {
            let items = Command::exports(wb.alg().family(), wb.sign_key().is_ok());
            if Command::buttons(ui, &items, &mut actions.commands) {
                ui.close();
            }
        })
        .response
        .on_hover_text("Copy or save the key as PEM, JWK or a public JWKS; private keys are saved readable only by you");
    });
}

/// Keys from disk, for any field (the document routes them): open, path, remember.
pub fn key_file_ui(ui: &mut egui::Ui, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal(|ui| {
        if Command::OpenKey.button(ui) {
            actions.commands.push(Command::OpenKey);
        }
        let label = ui.label(labels::KEY_PATH);
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut state.key_path)
                    .hint_text("/path/to/key.pem — or drop a key file on the window")
                    .desired_width((ui.available_width() - 70.0).max(120.0)),
            )
            .labelled_by(label.id);
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if Command::LoadKeyPath.button(ui) || enter {
            actions.commands.push(Command::LoadKeyPath);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut state.prefs.remember_key, labels::REMEMBER_KEY)
            .on_hover_text("Off: secrets and private keys are never written to disk. On: they go to the system keyring when there is one, else into the settings file in plain text, readable only by you.");
        if state.prefs.remember_key {
            let (text, warn) = match &state.key_storage {
                KeyStorage::Keyring => ("stored in the system keyring".to_string(), false),
                KeyStorage::File(path) => (
                    format!("stored in plain text in {path}, readable only by you (no system keyring answered)"),
                    true,
                ),
                KeyStorage::Probing => ("looking for the system keyring…".to_string(), false),
                KeyStorage::NotKept => ("not kept: this session has no settings file".to_string(), false),
            };
            let color = if warn {
                Palette::of(ui).warn
            } else {
                ui.visuals().weak_text_color()
            };
            ui.label(egui::RichText::new(text).color(color));
        }
    });
}
