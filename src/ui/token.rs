//! The token pane: the encoded token, coloured by segment, and right under it what was
//! repaired, which side leads, and what the token itself says about its keys.

use super::Actions;
use super::buffers::Buffers;
use super::commands::Command;
use super::labels;
use super::presentation::Masking;
use super::style::{Highlight, Palette};
use super::widgets;
use crate::core::token::Form;
use crate::core::workbench::{Edit, Lead, Workbench};

/// The token editor, filling the height it is given.
pub fn token_editor_ui(
    ui: &mut egui::Ui,
    buffers: &mut Buffers,
    masking: &Masking,
    actions: &mut Actions,
) {
    let label = ui.label(egui::RichText::new(labels::TOKEN).strong());
    if widgets::code_editor_for(
        ui,
        label.id,
        labels::TOKEN,
        &mut buffers.token,
        Highlight::Token,
        0,
        Some(masking),
    ) {
        actions.edit(Edit::Token(buffers.token.clone()));
    }
}

/// The lines under the token: segment legend, lead, repairs, part errors, embedded keys.
pub fn token_notes_ui(ui: &mut egui::Ui, wb: &Workbench, actions: &mut Actions) {
    let p = Palette::of(ui);
    ui.horizontal_wrapped(|ui| {
        if let Some(doc) = wb.json_document() {
            let n = doc.signatures.len();
            widgets::colored_line(
                ui,
                p.payload,
                format!(
                    "■ {} JWS JSON, {n} signature{}",
                    doc.serialization.name(),
                    if n == 1 { "" } else { "s" }
                ),
            );
        } else if let Some(doc) = wb.jwe_json() {
            let n = doc.recipients.len();
            widgets::colored_line(
                ui,
                p.payload,
                format!(
                    "■ {} JWE JSON, {n} recipient{}",
                    doc.form.name(),
                    if n == 1 { "" } else { "s" }
                ),
            );
        } else if let Some(doc) = wb.sd_jwt() {
            let n = doc.rows.len();
            widgets::colored_line(ui, p.header, "■ issuer-signed JWT");
            widgets::colored_line(
                ui,
                p.payload,
                format!("■ {n} disclosure{}", if n == 1 { "" } else { "s" }),
            );
            let kb = if doc.sd.kb.is_some() {
                "■ KB-JWT"
            } else {
                "■ no KB-JWT (ends with '~')"
            };
            widgets::colored_line(ui, p.signature, kb);
        } else if wb.token().bytes().filter(|b| *b == b'.').count() == 4 {
            let names = [
                "protected header",
                "encrypted key",
                "IV",
                "ciphertext",
                "tag",
            ];
            for (name, color) in names.into_iter().zip(widgets::jwe_colors(&p)) {
                widgets::colored_line(ui, color, format!("■ {name}"));
            }
        } else {
            widgets::colored_line(ui, p.header, "■ header");
            widgets::colored_line(ui, p.payload, "■ payload");
            widgets::colored_line(ui, p.signature, "■ signature");
        }
        ui.separator();
        if wb.signing() {
            ui.spinner();
            ui.label("signing…");
        }
        match wb.lead() {
            Lead::Token if wb.jwe().is_some() => {
                ui.label("A pasted JWE: the JWE key decrypts it; it is never re-encrypted here.");
            }
            Lead::Token => {
                ui.label("The token leads: changing the key re-verifies it, never re-signs it.");
                if Command::Resign.button(ui) {
                    actions.commands.push(Command::Resign);
                }
            }
            Lead::Editors => {
                ui.label("The editors lead: the token is re-signed as you edit.");
                let mut detached = wb.detached();
                if ui
                    .checkbox(&mut detached, labels::DETACHED)
                    .on_hover_text("RFC 7515 appendix F: the payload is signed but left out of the token, and travels apart (the verifier gets it separately); with b64: false in the header it is signed as it stands (RFC 7797)")
                    .changed()
                {
                    actions.edit(Edit::Detached(detached));
                }
            }
        }
    });
    for note in wb.repairs() {
        widgets::colored_line(ui, p.warn, format!("Fixed on paste: {note}"));
    }
    let Ok(insp) = wb.inspection() else {
        return;
    };
    for e in [
        insp.header.as_ref().err(),
        insp.payload.as_ref().err(),
        insp.signature.as_ref().err(),
    ]
    .into_iter()
    .flatten()
    {
        widgets::colored_line(ui, p.bad, e.to_string());
    }
    if let Ok(h) = &insp.header {
        for member in ["jwk", "jku", "x5u", "x5c"] {
            if let Some(v) = h.get(member) {
                let shown: String = v.to_string().chars().take(80).collect();
                let used = if member == "x5c" {
                    "It is used only when the key pane holds no key and the chain validates to a root you pinned (Keys view)."
                } else {
                    "It is shown here, never used: verification uses only the key pane."
                };
                widgets::colored_line(
                    ui,
                    p.warn,
                    format!("The token names its own key ({member}: {shown}). {used}"),
                );
            }
        }
    }
    if let Some(view) = wb.jwe() {
        match &view.parts {
            Ok(parts) => {
                ui.label(format!(
                    "Encrypted token (JWE): alg {}, enc {}{}",
                    parts.alg,
                    parts.enc,
                    if parts.zip {
                        ", compressed (zip DEF)"
                    } else {
                        ""
                    }
                ));
            }
            Err(e) => {
                widgets::colored_line(ui, p.bad, format!("This JWE cannot be read: {e}"));
            }
        }
    } else if insp.form == Form::Jwe {
        widgets::colored_line(ui, p.warn, "Encrypted token (JWE).");
    }
}
