//! The Keys view, the key workbench: every key of the loaded set (kid, type, size or curve,
//! use and alg, thumbprint) with the one the token's kid selects marked, and loading,
//! generation, conversion and export of the key in use.

use super::commands::Command;
use super::style::Palette;
use super::{Actions, UiState, keys, labels};
use crate::core::alg::Family;
use crate::core::keys::Key;
use crate::core::text;
use crate::core::workbench::{Lead, Workbench};

/// Draws the Keys view.
pub fn keys_view_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    state: &mut UiState,
    now: i64,
    actions: &mut Actions,
) {
    egui::ScrollArea::vertical()
        .id_salt("keys-view")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Key workbench");
            ui.label(egui::RichText::new("Keys come from the debugger's key pane, a file (Open key…, the path field, or drop one on the window), or generation. Public forms are shown in full; private keys never are.").weak());
            ui.add_space(6.0);
            set_ui(ui, wb);
            super::fetch_result::provenance_ui(ui, wb, state.fetch.used());
            ui.add_space(8.0);
            ui.separator();
            current_ui(ui, wb, now, actions);
            ui.add_space(8.0);
            ui.separator();
            super::x5c::chain_ui(ui, wb, now);
            ui.add_space(8.0);
            ui.separator();
            super::x5c::roots_ui(ui, wb, state, actions);
            ui.add_space(8.0);
            ui.separator();
            ui.label(egui::RichText::new("Load or generate").strong());
            keys::algorithm_ui(ui, wb, actions);
            keys::key_actions_ui(ui, wb, state, actions);
            keys::key_file_ui(ui, state, actions);
        });
}

fn kind(k: &Key) -> (&'static str, String) {
    match k.family() {
        Family::Hmac => ("oct", format!("{} bytes", k.bits() / 8)),
        Family::Rsa => ("RSA", format!("{} bits", k.bits())),
        Family::Ec(c) => ("EC", c.name().to_string()),
        Family::Ed25519 => ("OKP", "Ed25519".to_string()),
        Family::MlDsa(level) => ("AKP", level.name().to_string()),
        Family::X25519 => ("OKP", "X25519".to_string()),
    }
}

/// The key set as a table, with the selected key marked and why.
fn set_ui(ui: &mut egui::Ui, wb: &Workbench) {
    let p = Palette::of(ui);
    ui.label(egui::RichText::new(labels::KEY_SET).strong());
    let Some((file, chosen)) = wb.key_set() else {
        ui.label("No key set loaded: open a key file or JWKS, or paste one into the key pane.");
        return;
    };
    egui::Grid::new("key-set")
        .striped(true)
        .num_columns(8)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "",
                "kid",
                "kty",
                "size / curve",
                "use",
                "alg",
                "part",
                "thumbprint",
            ] {
                ui.label(egui::RichText::new(h).strong());
            }
            ui.end_row();
            for (i, k) in file.keys.iter().enumerate() {
                let selected = chosen == Some(i);
                let mark = if selected { "▶" } else { "" };
                ui.label(egui::RichText::new(mark).color(p.ok));
                let kid = k
                    .kid
                    .as_deref()
                    .map_or("(none)".into(), |k| text::clip(k, 60));
                ui.label(egui::RichText::new(kid).monospace());
                let (kty, size) = kind(k);
                ui.label(kty);
                ui.label(size);
                ui.label(
                    k.jwk_use
                        .as_deref()
                        .map_or("–".into(), |u| text::clip(u, 20)),
                );
                ui.label(
                    k.jwk_alg
                        .as_deref()
                        .map_or("–".into(), |a| text::clip(a, 20)),
                );
                ui.label(if k.is_private() { "private" } else { "public" });
                let t = k.thumbprint();
                ui.label(egui::RichText::new(t.get(..16).unwrap_or(&t)).monospace())
                    .on_hover_text(t);
                ui.end_row();
            }
        });
    for note in &file.notes {
        ui.label(egui::RichText::new(note).weak());
    }
    let kid = wb
        .inspection()
        .as_ref()
        .ok()
        .and_then(|i| i.header.as_ref().ok())
        .and_then(|h| crate::core::keys::token_kid(h).ok().flatten());
    let why = match (wb.verify_key(), chosen, kid) {
        (Ok(_), Some(_), Some(kid)) if file.is_set => (
            p.ok,
            format!(
                "▶ The token's kid \"{}\" selects this key.",
                text::clip(kid, 60)
            ),
        ),
        (Ok(_), Some(_), None) if file.is_set && file.keys.len() == 1 => (
            p.ok,
            "▶ The token has no kid; the set holds one key, so it is used.".to_string(),
        ),
        (Ok(_), Some(_), None) if file.is_set => (
            p.ok,
            format!(
                "▶ The token has no kid; this is the only key in the set that fits {}.",
                wb.alg()
            ),
        ),
        (Ok(_), Some(_), _) => (p.ok, "▶ This key verifies the token.".to_string()),
        (Err(e), _, _) => (p.warn, format!("No key selected: {e}")),
        (Ok(_), None, _) => (p.warn, "No key selected.".to_string()),
    };
    let subject = if wb.lead() == Lead::Token {
        "pasted token"
    } else {
        "token"
    };
    ui.label(egui::RichText::new(why.1).color(why.0))
        .on_hover_text(format!(
            "Chosen for the {subject} and the algorithm {}",
            wb.alg()
        ));
}

/// The key in use: description, thumbprint, public forms to copy or save.
fn current_ui(ui: &mut egui::Ui, wb: &Workbench, now: i64, actions: &mut Actions) {
    let p = Palette::of(ui);
    ui.label(egui::RichText::new("The key in use").strong());
    let key = match wb.verify_key() {
        Ok(k) => k,
        Err(_) if wb.x5c_key(now).is_some() => {
            super::x5c::leaf_in_use_ui(ui, wb, now);
            return;
        }
        Err(e) => {
            ui.label(
                egui::RichText::new(format!("No usable key for {}: {e}", wb.alg())).color(p.warn),
            );
            return;
        }
    };
    ui.label(key.describe());
    let algs: Vec<&str> = key.algorithms().iter().map(|a| a.name()).collect();
    ui.label(format!("Fits: {}", algs.join(", ")));
    for w in key.warnings(now) {
        ui.label(egui::RichText::new(format!("Warning: {w}")).color(p.warn));
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("RFC 7638 thumbprint:");
        ui.label(egui::RichText::new(key.thumbprint()).monospace());
    });
    ui.horizontal_wrapped(|ui| {
        let mut row = vec![Command::CopyThumbprint];
        row.extend(Command::exports(key.family(), wb.sign_key().is_ok()));
        Command::buttons(ui, &row, &mut actions.commands);
    });
    if key.family() == Family::Hmac {
        return;
    }
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            left.label(egui::RichText::new("Public key, PEM (SPKI)").weak());
            let mut pem = key.public_pem().unwrap_or_default();
            left.add(
                egui::TextEdit::multiline(&mut pem)
                    .font(egui::TextStyle::Monospace)
                    .desired_width(f32::INFINITY)
                    .interactive(false),
            );
            right.label(egui::RichText::new("Public key, JWK").weak());
            let mut jwk =
                crate::core::keys::jwk_text(&crate::core::keys::with_kid(key), false, None)
                    .unwrap_or_default();
            right.add(
                egui::TextEdit::multiline(&mut jwk)
                    .font(egui::TextStyle::Monospace)
                    .desired_width(f32::INFINITY)
                    .interactive(false),
            );
        }
    });
}
