//! The key pane: algorithm, secret or key pair, where keys come from, and what was detected.

use super::commands::Command;
use super::widgets::{self, Highlight, Palette};
use super::{Actions, UiState, labels};
use crate::core::alg::{Family, JwsAlg};
use crate::core::keys::{RSA_SIZES, SecretEncoding};
use crate::core::workbench::Workbench;

/// Draws the key pane.
pub fn keys_ui(
    ui: &mut egui::Ui,
    wb: &mut Workbench,
    state: &mut UiState,
    now: i64,
    actions: &mut Actions,
) {
    let p = Palette::of(ui);
    ui.horizontal(|ui| {
        let label = ui.label(egui::RichText::new(labels::ALGORITHM).strong());
        let mut chosen = wb.alg;
        egui::ComboBox::from_id_salt(labels::ALGORITHM)
            .selected_text(chosen.name())
            .show_ui(ui, |ui| {
                for a in JwsAlg::ALL {
                    ui.selectable_value(&mut chosen, a, a.name());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(
                "The algorithm written into the header's alg and used to sign and verify",
            );
        if chosen != wb.alg {
            actions.sign(wb.set_alg(chosen));
        }
        ui.label(egui::RichText::new(wb.alg.needs(false).replace("public ", "")).weak());
    });
    ui.add_space(4.0);

    let mut changed = false;
    if wb.alg.family() == Family::Hmac {
        ui.horizontal(|ui| {
            let label = ui.label(egui::RichText::new(labels::SECRET).strong());
            let field = egui::TextEdit::singleline(&mut wb.keys.secret)
                .password(!state.show_secret)
                .font(egui::TextStyle::Monospace)
                .desired_width(ui.available_width())
                .hint_text("the shared secret");
            changed |= ui.add(field).labelled_by(label.id).changed();
        });
        ui.horizontal(|ui| {
            ui.checkbox(&mut state.show_secret, labels::SHOW_SECRET);
            let enc_label = ui.label(labels::SECRET_ENCODING);
            let before = wb.keys.secret_encoding;
            egui::ComboBox::from_id_salt(labels::SECRET_ENCODING)
                .selected_text(wb.keys.secret_encoding.label())
                .show_ui(ui, |ui| {
                    for e in SecretEncoding::ALL {
                        ui.selectable_value(&mut wb.keys.secret_encoding, e, e.label());
                    }
                })
                .response
                .labelled_by(enc_label.id);
            changed |= before != wb.keys.secret_encoding;
        });
    } else {
        changed |= widgets::code_editor(
            ui,
            labels::PRIVATE_KEY,
            &mut wb.keys.private_key,
            Highlight::Key,
            4,
        );
        changed |= widgets::code_editor(
            ui,
            labels::PUBLIC_KEY,
            &mut wb.keys.public_key,
            Highlight::Key,
            4,
        );
        ui.label(egui::RichText::new("PEM (PKCS#1, PKCS#8, SEC1, SPKI, certificate) or JWK; the public key may be a JWKS. Leave it empty to verify with the private key.").weak());
    }
    if changed {
        actions.sign(wb.keys_changed());
    }

    // What was detected, or why the key cannot be used.
    let sign_line = match &wb.sign_key {
        Ok(k) => (p.ok, format!("Signs with: {}", k.describe())),
        Err(e) => (p.warn, format!("Cannot sign: {e}")),
    };
    widgets::colored_line(ui, sign_line.0, sign_line.1);
    if wb.alg.family() != Family::Hmac {
        let verify_line = match &wb.verify_key {
            Ok(k) => (p.ok, format!("Verifies with: {}", k.describe())),
            Err(e) => (p.warn, format!("Cannot verify: {e}")),
        };
        widgets::colored_line(ui, verify_line.0, verify_line.1);
    }
    for note in &wb.key_notes {
        ui.label(egui::RichText::new(note).weak());
    }
    // Thumbprint and warnings of the key in use.
    let shown = if wb.alg.family() == Family::Hmac {
        None
    } else {
        wb.verify_key.as_ref().ok().or(wb.sign_key.as_ref().ok())
    };
    if let Some(k) = shown {
        ui.horizontal_wrapped(|ui| {
            ui.label("RFC 7638 thumbprint:");
            ui.label(egui::RichText::new(k.thumbprint()).monospace());
            if Command::CopyThumbprint.button(ui) {
                actions.commands.push(Command::CopyThumbprint);
            }
        });
    }
    let mut warnings: Vec<String> = Vec::new();
    for k in [wb.sign_key.as_ref().ok(), wb.verify_key.as_ref().ok()]
        .into_iter()
        .flatten()
    {
        for w in k.warnings(now) {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    }
    for w in warnings {
        widgets::colored_line(ui, p.warn, format!("Warning: {w}"));
    }

    ui.horizontal(|ui| {
        match &state.generating {
            Some(what) => {
                ui.spinner();
                ui.label(what.as_str());
                if Command::CancelGenerate.button(ui) {
                    actions.commands.push(Command::CancelGenerate);
                }
            }
            None => {
                if Command::GenerateKey.button(ui) {
                    actions.commands.push(Command::GenerateKey);
                }
                if wb.alg.family() == Family::Rsa {
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
            let items = [
                Command::CopyPublicJwk,
                Command::SavePublicPem,
                Command::SavePublicJwk,
                Command::SavePublicJwks,
                Command::SavePrivatePem,
                Command::SavePrivateJwk,
            ];
            if Command::buttons(ui, &items, &mut actions.commands) {
                ui.close();
            }
        })
        .response
        .on_hover_text("Copy or save the key as PEM, JWK or a public JWKS; private keys are saved readable only by you");
    });
    ui.horizontal(|ui| {
        if Command::OpenKey.button(ui) {
            actions.commands.push(Command::OpenKey);
        }
        let label = ui.label(labels::KEY_PATH);
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut state.key_path)
                    .hint_text("/path/to/key.pem")
                    .desired_width((ui.available_width() - 70.0).max(120.0)),
            )
            .labelled_by(label.id);
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if Command::LoadKeyPath.button(ui) || enter {
            actions.commands.push(Command::LoadKeyPath);
        }
    });
    ui.label(egui::RichText::new("…or drop a key file on the window.").weak());
    if ui.checkbox(&mut state.remember_key, labels::REMEMBER_KEY).on_hover_text("Off: secrets and private keys are never written to disk. On: they are saved in the settings file (owner-only permissions).").changed() {
        actions.settings_dirty = true;
    }
}
