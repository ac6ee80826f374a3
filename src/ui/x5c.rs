//! The Keys view's certificate sections (issue 20 item 4): the token's `x5c` chain certificate
//! by certificate, with whether it validates to a pinned root at the document's clock; and the
//! pinned roots, kept in the settings file (certificates are public), pinned from a PEM file or
//! pasted PEM and unpinned one by one. Certificate texts come from the token: they are shown
//! escaped.

use super::commands::Command;
use super::style::Palette;
use super::{Actions, UiState};
use crate::core::claims::utc_text;
use crate::core::keys::x5c::{self, CertDetails, X5cError};
use crate::core::text;
use crate::core::workbench::{Edit, Workbench};

/// Section heading of the token's chain.
pub const CHAIN: &str = "Certificate chain (x5c)";
/// Section heading of the pinned roots.
pub const ROOTS: &str = "Pinned roots";
/// The paste field's label.
pub const PASTE: &str = "Root certificate to pin (PEM)";
/// The button that pins the pasted PEM.
pub const PIN_PASTED: &str = "Pin pasted roots";

fn shown(s: &str) -> String {
    text::clip(&text::escape(s), 160)
}

/// One certificate's facts, as a grid.
fn cert_grid(ui: &mut egui::Ui, id: &str, c: &CertDetails, at: i64) {
    let p = Palette::of(ui);
    let (state, color) = if c.valid_at(at) {
        ("valid", p.ok)
    } else if at > c.not_after {
        ("EXPIRED", p.bad)
    } else {
        ("NOT YET VALID", p.bad)
    };
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            let mut row = |name: &str, value: egui::RichText| {
                ui.label(egui::RichText::new(name).weak());
                ui.label(value);
                ui.end_row();
            };
            row("subject", egui::RichText::new(shown(&c.subject)));
            row("issuer", egui::RichText::new(shown(&c.issuer)));
            row(
                "validity",
                egui::RichText::new(format!(
                    "{} to {} ({state} at the clock)",
                    utc_text(c.not_before),
                    utc_text(c.not_after)
                ))
                .color(color),
            );
            row("key usage", egui::RichText::new(c.key_usage_text()));
            let san = if c.san.is_empty() {
                "none".to_string()
            } else {
                shown(&c.san.join(", "))
            };
            row("SAN", egui::RichText::new(san));
            row(
                "CA",
                egui::RichText::new(if c.is_ca { "yes" } else { "no" }),
            );
            row("key", egui::RichText::new(&c.key));
            row("SHA-256", egui::RichText::new(&c.sha256).monospace());
        });
}

/// The token's chain and whether it is trusted.
pub fn chain_ui(ui: &mut egui::Ui, wb: &Workbench, now: i64) {
    let p = Palette::of(ui);
    ui.label(egui::RichText::new(CHAIN).strong());
    let chain = match wb.x5c_chain() {
        None => {
            ui.label(egui::RichText::new("The token carries no x5c.").weak());
            return;
        }
        Some(Err(e)) => {
            ui.label(egui::RichText::new(format!("Unreadable x5c: {e}")).color(p.bad));
            return;
        }
        Some(Ok(chain)) => chain,
    };
    let at = wb.at(now);
    for (i, c) in chain.iter().enumerate() {
        let title = format!(
            "Certificate {i}, {}: {}",
            x5c::position(i),
            shown(&c.subject)
        );
        egui::CollapsingHeader::new(title)
            .id_salt(("x5c-cert", i))
            .default_open(i == 0)
            .show(ui, |ui| cert_grid(ui, &format!("x5c-grid-{i}"), c, at));
    }
    let pane_has_key = wb.verify_key().is_ok()
        || !wb.keys().public_key.trim().is_empty()
        || !wb.keys().private_key.trim().is_empty();
    let (color, line) = match wb.x5c_trust(now) {
        None if pane_has_key => (
            ui.visuals().weak_text_color(),
            "Shown, not used: the key pane's key verifies the token (a token does not choose its own key).".to_string(),
        ),
        None => (
            ui.visuals().weak_text_color(),
            "Shown, not used: x5c picks the key only for a signed compact token, not a JWE, a JWS JSON document or a DPoP proof.".to_string(),
        ),
        Some(Ok(t)) => (p.ok, format!("✔ {}", t.sentence())),
        Some(Err(X5cError::NoRoots)) => (
            p.warn,
            "Shown, not trusted: no root is pinned. Anyone can make a chain of their own; pin the issuer's root below to let this chain's leaf verify the token.".to_string(),
        ),
        Some(Err(e)) => (p.bad, format!("× Not trusted: {e}")),
    };
    ui.label(egui::RichText::new(line).color(color));
}

/// "The key in use" when it is the leaf of a chain that validates to a pinned root.
pub fn leaf_in_use_ui(ui: &mut egui::Ui, wb: &Workbench, now: i64) {
    let Some(key) = wb.x5c_key(now) else { return };
    ui.label(
        egui::RichText::new(
            "The leaf key of the token's x5c chain, which validates to a pinned root (below)",
        )
        .color(Palette::of(ui).ok),
    );
    ui.label(key.describe());
    ui.horizontal_wrapped(|ui| {
        ui.label("RFC 7638 thumbprint:");
        ui.label(egui::RichText::new(key.thumbprint()).monospace());
    });
}

/// The pinned roots: one row each with Unpin, pin from a file, pin pasted PEM.
pub fn roots_ui(ui: &mut egui::Ui, wb: &Workbench, state: &mut UiState, actions: &mut Actions) {
    ui.label(egui::RichText::new(ROOTS).strong());
    ui.label(egui::RichText::new("A token's x5c chain lets its leaf key verify the token only when it validates, at the clock above, to one of these roots. Kept in the settings file: certificates are public.").weak());
    let roots = wb.pinned_roots();
    if roots.is_empty() {
        ui.label("No root is pinned.");
    }
    for (i, der) in roots.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            match x5c::describe_cert(der, i) {
                Ok(c) => {
                    ui.label(shown(&c.subject));
                    ui.label(
                        egui::RichText::new(format!("until {}", utc_text(c.not_after))).weak(),
                    );
                    ui.label(
                        egui::RichText::new(c.sha256.get(..23).unwrap_or(&c.sha256)).monospace(),
                    )
                    .on_hover_text(&c.sha256);
                }
                Err(e) => {
                    ui.label(e.to_string());
                }
            }
            if ui
                .button("Unpin")
                .on_hover_text("Stop trusting chains that end at this root")
                .clicked()
            {
                let mut kept = roots.to_vec();
                kept.remove(i);
                actions.edit(Edit::PinnedRoots(kept));
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        Command::buttons(ui, &[Command::PinRoots], &mut actions.commands);
    });
    let label = ui.label(egui::RichText::new(PASTE).weak());
    ui.add(
        egui::TextEdit::multiline(&mut state.root_paste)
            .font(egui::TextStyle::Monospace)
            .desired_rows(3)
            .desired_width(f32::INFINITY)
            .hint_text("-----BEGIN CERTIFICATE-----"),
    )
    .labelled_by(label.id);
    let pin = ui.add_enabled(
        !state.root_paste.trim().is_empty(),
        egui::Button::new(PIN_PASTED),
    );
    if pin.clicked() {
        match x5c::pin(roots, &state.root_paste) {
            Ok((all, added)) => {
                actions.edit(Edit::PinnedRoots(all));
                state.status = Some((pinned_note(&added, "the pasted text"), false));
                state.root_paste.clear();
            }
            Err(e) => state.status = Some((format!("Could not pin the pasted text: {e}"), true)),
        }
    }
}

/// The status line after pinning.
pub fn pinned_note(added: &[CertDetails], source: &str) -> String {
    if added.is_empty() {
        return format!("Every certificate in {source} was already pinned");
    }
    let names: Vec<String> = added.iter().map(|c| shown(&c.subject)).collect();
    format!(
        "Pinned {} root{} from {source}: {}",
        added.len(),
        if added.len() == 1 { "" } else { "s" },
        names.join("; ")
    )
}
