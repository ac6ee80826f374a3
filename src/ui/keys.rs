//! The key pane: the algorithm, the secret or the key pair, and right under each field what
//! it is, why it is weak or refused, and what to do.

use super::buffers::Buffers;
use super::commands::Command;
pub use super::key_actions::{key_actions_ui, key_file_ui};
use super::style::{Highlight, Palette};
use super::widgets;
use super::{Actions, UiState, labels};
use crate::core::alg::{Family, JwsAlg};
use crate::core::findings::Severity;
use crate::core::keys::{KeyError, SecretEncoding};
use crate::core::workbench::{Edit, JweState, Lead, Workbench};

/// Draws the key pane.
pub fn keys_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    buffers: &mut Buffers,
    state: &mut UiState,
    now: i64,
    actions: &mut Actions,
) {
    // A pasted JWE is decrypted, never signed: the signing key applies only to a signed
    // token inside it, so it is tucked away until there is one.
    let pasted_jwe = wb.lead() == Lead::Token && wb.jwe().is_some();
    let nested = wb
        .jwe()
        .is_some_and(|j| matches!(j.state, JweState::Decrypted { nested: true, .. }));
    if pasted_jwe && !nested {
        super::jwe_pane::jwe_ui(ui, wb, buffers, state, actions);
        key_file_ui(ui, state, actions);
        ui.separator();
        ui.label(egui::RichText::new(labels::JWS_KEY_UNUSED).weak());
        egui::CollapsingHeader::new(labels::JWS_KEY_SECTION)
            .default_open(false)
            .show(ui, |ui| jws_key_ui(ui, wb, buffers, state, now, actions));
        return;
    }
    if pasted_jwe {
        super::jwe_pane::jwe_ui(ui, wb, buffers, state, actions);
        key_file_ui(ui, state, actions);
        ui.separator();
        ui.label(egui::RichText::new(labels::JWS_KEY_NESTED).strong());
        jws_key_ui(ui, wb, buffers, state, now, actions);
        return;
    }
    jws_key_ui(ui, wb, buffers, state, now, actions);
    key_file_ui(ui, state, actions);
    super::fetch_dialog::fetch_keys_ui(ui, wb, &mut state.fetch, actions);
    ui.separator();
    super::jwe_pane::jwe_ui(ui, wb, buffers, state, actions);
}

/// The signing key: algorithm, secret or key pair, notes and actions.
fn jws_key_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    buffers: &mut Buffers,
    state: &mut UiState,
    now: i64,
    actions: &mut Actions,
) {
    algorithm_ui(ui, wb, actions);
    if wb.alg().family() == Family::Hmac {
        secret_ui(ui, wb, buffers, state, actions);
    } else {
        key_pair_ui(ui, wb, buffers, state, now, actions);
    }
    for note in wb.key_notes() {
        ui.label(egui::RichText::new(note).weak());
    }
    key_actions_ui(ui, wb, state, actions);
}

/// The algorithm picker: every JWS algorithm, grouped by family; picking one rewrites the
/// header's `alg` and re-signs.
pub fn algorithm_ui(ui: &mut egui::Ui, wb: &Workbench, actions: &mut Actions) {
    ui.horizontal(|ui| {
        let label = ui.label(egui::RichText::new(labels::ALGORITHM).strong());
        let mut chosen = wb.alg();
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
        if chosen != wb.alg() {
            actions.edit(Edit::Alg(chosen));
        }
        ui.label(egui::RichText::new(wb.alg().needs(false).replace("public ", "")).weak());
    });
}

fn secret_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    buffers: &mut Buffers,
    state: &mut UiState,
    actions: &mut Actions,
) {
    let p = Palette::of(ui);
    ui.horizontal(|ui| {
        let label = ui.label(egui::RichText::new(labels::SECRET).strong());
        let field = egui::TextEdit::singleline(&mut buffers.secret)
            .password(!state.show_secret || state.presentation)
            .font(egui::TextStyle::Monospace)
            .desired_width(ui.available_width())
            .hint_text("the shared secret");
        if ui.add(field).labelled_by(label.id).changed() {
            actions.edit(Edit::Secret(buffers.secret.clone()));
        }
    });
    ui.horizontal(|ui| {
        ui.add_enabled(
            !state.presentation,
            egui::Checkbox::new(&mut state.show_secret, labels::SHOW_SECRET),
        )
        .on_disabled_hover_text("Hidden in presentation mode");
        let enc_label = ui.label(labels::SECRET_ENCODING);
        let mut enc = wb.keys().secret_encoding;
        egui::ComboBox::from_id_salt(labels::SECRET_ENCODING)
            .selected_text(enc.label())
            .show_ui(ui, |ui| {
                for e in SecretEncoding::ALL {
                    ui.selectable_value(&mut enc, e, e.label());
                }
            })
            .response
            .labelled_by(enc_label.id);
        if enc != wb.keys().secret_encoding {
            actions.edit(Edit::SecretEncoding(enc));
        }
    });
    // Right under the field: what it is, or why it is weak or refused.
    match wb.sign_key() {
        Ok(k) => {
            let advice = wb.secret_advice();
            if advice.is_empty() {
                widgets::colored_line(
                    ui,
                    p.ok,
                    format!("Signs and verifies with: {}", k.describe()),
                );
            } else {
                for f in advice {
                    let color = if f.severity == Severity::Danger {
                        p.bad
                    } else {
                        p.warn
                    };
                    ui.horizontal_wrapped(|ui| {
                        let line = format!("{}: {}", capital(&f.title), f.detail);
                        widgets::colored_line(ui, color, line).on_hover_text(labels::SECRET_ADVICE);
                        if Command::GenerateSecret.button(ui) {
                            actions.commands.push(Command::GenerateSecret);
                        }
                    });
                }
            }
        }
        Err(e @ KeyError::SecretIsKey(_)) => {
            widgets::colored_line(ui, p.bad, format!("Refused: {e}"));
        }
        Err(e) => {
            widgets::colored_line(ui, p.warn, format!("Cannot sign: {e}"));
        }
    }
}

fn key_pair_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    buffers: &mut Buffers,
    state: &mut UiState,
    now: i64,
    actions: &mut Actions,
) {
    let p = Palette::of(ui);
    let label = ui
        .horizontal(|ui| {
            let label = ui.label(egui::RichText::new(labels::PRIVATE_KEY).strong());
            ui.checkbox(&mut state.show_private, labels::SHOW_PRIVATE_KEY)
                .on_hover_text(
                    "Private keys are hidden, like secrets, so they are safe on a shared screen",
                );
            label
        })
        .inner;
    let changed = if (state.show_private && !state.presentation) || buffers.private_key.is_empty() {
        widgets::code_editor_for(
            ui,
            label.id,
            labels::PRIVATE_KEY,
            &mut buffers.private_key,
            Highlight::Key,
            4,
            None,
        )
    } else {
        let summary = match wb.sign_key() {
            Ok(k) => format!("🔒 {} (hidden)", k.describe()),
            Err(_) => format!(
                "🔒 {} characters (hidden)",
                buffers.private_key.chars().count()
            ),
        };
        ui.label(egui::RichText::new(summary).monospace());
        widgets::masked_editor(ui, label.id, labels::PRIVATE_KEY, &mut buffers.private_key)
    };
    if changed {
        actions.edit(Edit::PrivateKey(buffers.private_key.clone()));
    }
    match wb.sign_key() {
        Ok(k) => widgets::colored_line(ui, p.ok, format!("Signs with: {}", k.describe())),
        Err(e) if e.is_missing() => widgets::colored_line(ui, p.warn, format!("Cannot sign: {e}")),
        Err(e) => widgets::colored_line(ui, p.bad, format!("Cannot sign: {e}")),
    };
    if widgets::code_editor(
        ui,
        labels::PUBLIC_KEY,
        &mut buffers.public_key,
        Highlight::Key,
        3,
    ) {
        actions.edit(Edit::PublicKey(buffers.public_key.clone()));
    }
    match wb.verify_key() {
        Ok(k) => widgets::colored_line(ui, p.ok, format!("Verifies with: {}", k.describe())),
        Err(_) if wb.x5c_decides() => widgets::colored_line(
            ui,
            p.warn,
            "No key here: the token's x5c chain verifies it only if it validates to a root pinned in the Keys view".to_string(),
        ),
        Err(e) => widgets::colored_line(ui, p.warn, format!("Cannot verify: {e}")),
    };
    let shown = wb.verify_key().ok().or(wb.sign_key().ok());
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
    for k in [wb.sign_key().ok(), wb.verify_key().ok()]
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
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
