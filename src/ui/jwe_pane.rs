//! The key pane's JWE section: for a pasted JWE, the key that decrypts it and what happened;
//! on the encode side, whether and how the token is encrypted, and to whom.

use super::buffers::Buffers;
use super::style::{Highlight, Palette};
use super::widgets;
use super::{Actions, UiState, labels};
use crate::core::jwe::{ContentAlg, KeyAlg};
use crate::core::keys::SecretEncoding;
use crate::core::workbench::{Edit, Encryption, JweState, Lead, Workbench};

/// Draws the JWE section.
pub fn jwe_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    buffers: &mut Buffers,
    state: &mut UiState,
    actions: &mut Actions,
) {
    let pasted = wb.lead() == Lead::Token && wb.jwe().is_some();
    ui.horizontal(|ui| {
        let label = ui.label(egui::RichText::new(labels::ENCRYPTION).strong());
        if pasted {
            ui.label("a pasted JWE: it decrypts with the JWE key below, or else the private key or secret above");
            return;
        }
        let mut mode = wb.encryption();
        let names = |m: Encryption| match m {
            Encryption::Off => "Off: a signed token (JWS)",
            Encryption::Nested { .. } => "Sign, then encrypt (nested JWT)",
            Encryption::ClaimsOnly { .. } => "Encrypt the claims only",
        };
        let (alg, enc) = mode
            .algs()
            .unwrap_or((KeyAlg::RsaOaep256, ContentAlg::A256Gcm));
        egui::ComboBox::from_id_salt(labels::ENCRYPTION)
            .selected_text(names(mode))
            .show_ui(ui, |ui| {
                for m in [
                    Encryption::Off,
                    Encryption::Nested { alg, enc },
                    Encryption::ClaimsOnly { alg, enc },
                ] {
                    ui.selectable_value(&mut mode, m, names(m));
                }
            })
            .response
            .labelled_by(label.id);
        if mode != wb.encryption() {
            actions.edit(Edit::Encryption(mode));
        }
    });
    if let (false, Some((alg, enc))) = (pasted, wb.encryption().algs()) {
        algs_ui(ui, wb.encryption(), alg, enc, actions);
    }
    if !pasted && wb.encryption() == Encryption::Off {
        return;
    }
    key_field_ui(ui, wb, buffers, state, actions);
    status_ui(ui, wb);
}

fn algs_ui(
    ui: &mut egui::Ui,
    mode: Encryption,
    alg: KeyAlg,
    enc: ContentAlg,
    actions: &mut Actions,
) {
    ui.horizontal_wrapped(|ui| {
        let mut a = alg;
        let label = ui.label(labels::JWE_ALG);
        egui::ComboBox::from_id_salt(labels::JWE_ALG)
            .selected_text(a.name())
            .show_ui(ui, |ui| {
                // RSA1_5 is decrypt-only (Bleichenbacher).
                for k in KeyAlg::ALL.into_iter().filter(|k| *k != KeyAlg::Rsa1_5) {
                    ui.selectable_value(&mut a, k, k.name());
                }
            })
            .response
            .labelled_by(label.id);
        let mut e = enc;
        let label = ui.label(labels::JWE_ENC);
        egui::ComboBox::from_id_salt(labels::JWE_ENC)
            .selected_text(e.name())
            .show_ui(ui, |ui| {
                for c in ContentAlg::ALL {
                    ui.selectable_value(&mut e, c, c.name());
                }
            })
            .response
            .labelled_by(label.id);
        if (a, e) != (alg, enc) {
            actions.edit(Edit::Encryption(match mode {
                Encryption::ClaimsOnly { .. } => Encryption::ClaimsOnly { alg: a, enc: e },
                _ => Encryption::Nested { alg: a, enc: e },
            }));
        }
    });
}

fn key_field_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    buffers: &mut Buffers,
    state: &mut UiState,
    actions: &mut Actions,
) {
    let label = ui
        .horizontal(|ui| {
            let label = ui.label(egui::RichText::new(labels::JWE_KEY).strong());
            ui.add_enabled(
                !state.presentation,
                egui::Checkbox::new(&mut state.show_jwe_key, labels::SHOW_JWE_KEY),
            );
            let enc_label = ui.label(labels::JWE_KEY_ENCODING);
            let mut enc = wb.keys().jwe_key_encoding;
            egui::ComboBox::from_id_salt(labels::JWE_KEY_ENCODING)
                .selected_text(enc.label())
                .show_ui(ui, |ui| {
                    for e in SecretEncoding::ALL {
                        ui.selectable_value(&mut enc, e, e.label());
                    }
                })
                .response
                .labelled_by(enc_label.id)
                .on_hover_text(
                    "How a shared secret is written; a PEM, a JWK or a password is read as it is",
                );
            if enc != wb.keys().jwe_key_encoding {
                actions.edit(Edit::JweKeyEncoding(enc));
            }
            label
        })
        .inner;
    let shown = (state.show_jwe_key && !state.presentation) || buffers.jwe_key.is_empty();
    let changed = if shown {
        widgets::code_editor_for(
            ui,
            label.id,
            labels::JWE_KEY,
            &mut buffers.jwe_key,
            Highlight::Key,
            3,
            None,
        )
    } else {
        ui.label(
            egui::RichText::new(format!(
                "🔒 {} characters (hidden)",
                buffers.jwe_key.chars().count()
            ))
            .monospace(),
        );
        widgets::masked_editor(ui, label.id, labels::JWE_KEY, &mut buffers.jwe_key)
    };
    if changed {
        actions.edit(Edit::JweKey(buffers.jwe_key.clone()));
    }
}

fn status_ui(ui: &mut egui::Ui, wb: &Workbench) {
    let p = Palette::of(ui);
    let Some(view) = wb.jwe() else {
        if let Some(stale) = wb.stale() {
            widgets::colored_line(ui, p.warn, stale.detail());
        }
        return;
    };
    let (color, text) = match &view.state {
        JweState::NoKey(why) => (p.warn, format!("Cannot decrypt: {why}")),
        JweState::Decrypting => (ui.visuals().text_color(), "Decrypting…".to_string()),
        JweState::Failed(e) => (p.bad, format!("Decryption failed: {e}")),
        JweState::Decrypted { decrypted, nested } => (
            p.ok,
            format!(
                "Decrypted: {} bytes of {}{}",
                decrypted.plaintext.len(),
                if *nested {
                    "signed token (nested JWT)"
                } else {
                    "plaintext"
                },
                if decrypted.trace.inflated {
                    ", inflated"
                } else {
                    ""
                }
            ),
        ),
        JweState::Made { recipient, nested } => (
            p.ok,
            format!(
                "Encrypted to {recipient}{}",
                if *nested {
                    ": the signed token inside"
                } else {
                    ": the claims only, not signed"
                }
            ),
        ),
    };
    widgets::colored_line(ui, color, text);
}
