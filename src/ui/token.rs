//! The token pane: the encoded token, coloured by segment, with what was repaired, whether
//! it is stale, and the signing input for teaching.

use super::Actions;
use super::commands::Command;
use super::labels;
use super::widgets::{self, Highlight, Palette};
use crate::core::workbench::{Lead, Workbench};
use crate::core::{b64, token::Form};

/// Draws the token pane.
pub fn token_ui(ui: &mut egui::Ui, wb: &mut Workbench, actions: &mut Actions) {
    let p = Palette::of(ui);
    if widgets::code_editor(ui, labels::TOKEN, &mut wb.token, Highlight::Token, 10) {
        let text = std::mem::take(&mut wb.token);
        wb.set_token(text);
    }
    ui.horizontal_wrapped(|ui| {
        widgets::colored_line(ui, p.header, "■ header");
        widgets::colored_line(ui, p.payload, "■ payload");
        widgets::colored_line(ui, p.signature, "■ signature");
        ui.separator();
        if wb.signing {
            ui.spinner();
            ui.label("signing…");
        }
    });
    for note in &wb.repairs {
        widgets::colored_line(ui, p.warn, format!("Fixed on paste: {note}"));
    }
    if let Some(stale) = &wb.stale {
        widgets::colored_line(ui, p.warn, format!("Stale token: {stale}"));
    }
    match &wb.inspection {
        Err(crate::core::Error::EmptyToken) => {
            ui.label("Paste a token here, or edit the header and payload to build one.");
        }
        Err(e) => {
            widgets::colored_line(ui, p.bad, e.to_string());
        }
        Ok(insp) => {
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
                        widgets::colored_line(
                            ui,
                            p.warn,
                            format!(
                                "The token names its own key ({member}: {shown}). It is shown here, never used: verification uses only the key pane."
                            ),
                        );
                    }
                }
            }
            if insp.form == Form::Jwe {
                widgets::colored_line(
                    ui,
                    p.warn,
                    "Encrypted token (JWE): only its header can be read.",
                );
            }
        }
    }
    ui.add_space(4.0);
    match wb.lead {
        Lead::Token => {
            ui.label("The token leads: it is decoded and verified; changing the key re-verifies it, never re-signs it.");
            if Command::Resign.button(ui) {
                actions.commands.push(Command::Resign);
            }
        }
        Lead::Editors => {
            ui.label(
                "The editors lead: the token is re-signed as you edit the header, payload or key.",
            );
        }
    }
    if let Ok(insp) = &wb.inspection
        && insp.form == Form::Jws
    {
        egui::CollapsingHeader::new(labels::SIGNING_INPUT).default_open(false).show(ui, |ui| {
                ui.label("The signature is computed over ASCII(BASE64URL(header) \".\" BASE64URL(payload)):");
                let input = insp.signing_input();
                let shown = if input.len() > 4096 { format!("{}… ({} bytes)", input.get(..4096).unwrap_or(""), input.len()) } else { input.to_string() };
                ui.add(egui::Label::new(egui::RichText::new(shown).monospace()).wrap());
                if let Ok(sig) = &insp.signature {
                    ui.label(format!("Signature: {} bytes", sig.len()));
                    let hex = b64::encode_hex(sig.get(..sig.len().min(512)).unwrap_or(&[]));
                    ui.add(egui::Label::new(egui::RichText::new(hex).monospace()).wrap());
                }
            });
    }
}
