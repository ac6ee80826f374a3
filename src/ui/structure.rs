//! The Structure view (teaching): the token's three parts as coloured bands, what each
//! decodes to, the signing input and the signature bytes.

use super::Actions;
use super::labels;
use super::widgets::{self, Palette};
use crate::core::b64;
use crate::core::token::Form;
use crate::core::workbench::Workbench;

/// Draws the Structure view.
pub fn structure_ui(ui: &mut egui::Ui, wb: &Workbench, _actions: &mut Actions) {
    let p = Palette::of(ui);
    egui::ScrollArea::vertical()
        .id_salt("structure")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("How this token is built");
            let insp = match wb.inspection() {
                Ok(i) => i,
                Err(e) => {
                    ui.label(e.to_string());
                    return;
                }
            };
            if insp.form == Form::Jwe {
                ui.label("An encrypted token (JWE) has five parts; only its header can be read.");
                return;
            }
            let parts = [
                ("Header", p.header, &insp.header_bytes),
                ("Payload", p.payload, &insp.payload_bytes),
            ];
            for (i, (name, color, bytes)) in parts.into_iter().enumerate() {
                ui.add_space(6.0);
                ui.label(egui::RichText::new(name).strong().color(color));
                let seg = insp.segment_text(i);
                ui.add(egui::Label::new(egui::RichText::new(seg).monospace().color(color)).wrap());
                if let Ok(b) = bytes {
                    ui.label(egui::RichText::new(format!("decodes to {} bytes of UTF-8 JSON:", b.len())).weak());
                    ui.add(egui::Label::new(egui::RichText::new(String::from_utf8_lossy(b)).monospace()).wrap());
                }
            }
            ui.add_space(6.0);
            ui.label(egui::RichText::new(labels::SIGNING_INPUT).strong());
            ui.label(egui::RichText::new("ASCII(BASE64URL(header) \".\" BASE64URL(payload)): the bytes the signature covers").weak());
            let input = insp.signing_input();
            let shown = if input.len() > 4096 {
                format!("{}… ({} bytes)", input.get(..4096).unwrap_or(""), input.len())
            } else {
                input.to_string()
            };
            ui.add(egui::Label::new(egui::RichText::new(shown).monospace()).wrap());
            ui.add_space(6.0);
            ui.label(egui::RichText::new("Signature").strong().color(p.signature));
            if let Ok(sig) = &insp.signature {
                widgets::colored_line(ui, p.signature, format!("{} bytes, hex:", sig.len()));
                let hex = b64::encode_hex(sig.get(..sig.len().min(512)).unwrap_or(&[]));
                ui.add(egui::Label::new(egui::RichText::new(hex).monospace()).wrap());
            }
        });
}
