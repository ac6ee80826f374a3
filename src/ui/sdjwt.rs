//! The SD-JWT pane of the Debugger: for a pasted `JWT~D1~…~`, the disclosure table (each
//! disclosure as sent, decoded, its recomputed digest and the JSON pointer where it lands),
//! the digests no disclosure matches (decoys or undisclosed claims), the rebuilt claims, the
//! KB-JWT and `sd_hash`'s input byte for byte. The document reads and escapes everything;
//! this only draws it. The numbered steps are in the verdict column with the other checks.

use super::style::Palette;
use super::{Actions, labels};
use crate::core::workbench::{DisclosureRow, RowState, SdDoc, Workbench};

/// Rows drawn at most (an SD-JWT may carry thousands of disclosures).
const MAX_ROWS: usize = 300;
/// Characters of a long value drawn before "…".
const CLIP: usize = 240;

fn clipped(s: &str) -> String {
    if s.chars().count() <= CLIP {
        return s.to_string();
    }
    let mut out: String = s.chars().take(CLIP).collect();
    out.push('…');
    out
}

fn mono(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(egui::RichText::new(clipped(text)).monospace().small()).wrap());
}

/// Draws the pane when the document holds an SD-JWT; nothing otherwise.
pub fn sdjwt_ui(ui: &mut egui::Ui, wb: &Workbench, warnings: &[String], actions: &mut Actions) {
    let Some(doc) = wb.sd_jwt() else {
        return;
    };
    let n = doc.rows.len();
    let title = format!(
        "{} · {n} disclosure{} · {}",
        labels::SD_DISCLOSURES,
        if n == 1 { "" } else { "s" },
        if doc.sd.kb.is_some() {
            "KB-JWT"
        } else {
            "no KB-JWT"
        }
    );
    egui::CollapsingHeader::new(title)
        .id_salt("sd-disclosures")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(format!(
                    "Digests with {}{}; the issuer-signed JWT is in the header and payload below.",
                    doc.sd.sd_alg,
                    if doc.sd.sd_alg_named {
                        ""
                    } else {
                        " (the default: no _sd_alg)"
                    }
                ))
                .weak(),
            );
            for w in warnings {
                ui.label(egui::RichText::new(format!("⚠ {w}")).color(Palette::of(ui).warn));
            }
            for row in doc.rows.iter().take(MAX_ROWS) {
                row_ui(ui, row);
            }
            if n > MAX_ROWS {
                ui.label(format!("… and {} more disclosures", n - MAX_ROWS));
            }
            undisclosed_ui(ui, doc);
        });
    egui::CollapsingHeader::new(labels::SD_CLAIMS)
        .id_salt("sd-claims")
        .default_open(true)
        .show(ui, |ui| {
            if ui.small_button("Copy").clicked() {
                actions.copy(doc.claims.clone(), labels::SD_CLAIMS);
            }
            let shown: String = doc.claims.chars().take(20_000).collect();
            ui.add(egui::Label::new(egui::RichText::new(shown).monospace()).wrap());
        });
    kb_ui(ui, doc, actions);
}

/// One disclosure: a heading line (index, where it lands, what it became), then the decoded
/// array, the digest and the text as sent.
fn row_ui(ui: &mut egui::Ui, row: &DisclosureRow) {
    let p = Palette::of(ui);
    let (what, color) = match (&row.state, &row.pointer) {
        (RowState::Placed, Some(at)) => (format!("lands at {at}"), p.ok),
        (RowState::Placed, None) | (RowState::Unreferenced, _) => (
            "not referenced by any digest the issuer signed".to_string(),
            p.bad,
        ),
        (RowState::Unreadable, _) => ("unreadable".to_string(), p.bad),
    };
    let inside = row
        .inside
        .map(|i| format!(" (inside disclosure {i})"))
        .unwrap_or_default();
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new(format!("Disclosure {} · {what}{inside}", row.index))
            .strong()
            .color(color),
    );
    mono(ui, &row.decoded);
    mono(ui, &format!("digest {}", row.digest));
    mono(ui, &format!("sent as {}", row.text));
}

fn undisclosed_ui(ui: &mut egui::Ui, doc: &SdDoc) {
    if doc.undisclosed.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(
        egui::RichText::new(format!(
            "{} digest{} without a disclosure: decoys, or claims not disclosed (the two cannot be told apart)",
            doc.undisclosed.len(),
            if doc.undisclosed.len() == 1 { "" } else { "s" }
        ))
        .strong(),
    );
    for u in doc.undisclosed.iter().take(MAX_ROWS) {
        mono(
            ui,
            &format!("decoy or undisclosed · {} · {}", u.at, u.digest),
        );
    }
}

fn kb_ui(ui: &mut egui::Ui, doc: &SdDoc, actions: &mut Actions) {
    egui::CollapsingHeader::new(labels::SD_KB)
        .id_salt("sd-kb")
        .default_open(doc.kb.is_some())
        .show(ui, |ui| {
            match &doc.kb {
                Some((header, claims)) => {
                    mono(ui, header);
                    ui.add(egui::Label::new(egui::RichText::new(claims).monospace()).wrap());
                }
                None => {
                    ui.label("None: the SD-JWT ends with '~' (no key binding).");
                }
            }
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{} (byte for byte, ending with '~'):",
                    labels::SD_HASH
                ));
                if ui.small_button("Copy").clicked() {
                    actions.copy(doc.sd_hash_input.clone(), labels::SD_HASH);
                }
            });
            mono(ui, &doc.sd_hash_input);
            let (computed, claimed) = &doc.sd_hash;
            let verdict = match claimed {
                Some(c) if c == computed => "the KB-JWT's sd_hash matches".to_string(),
                Some(c) => format!("the KB-JWT claims {c}: no match"),
                None => "no KB-JWT sd_hash to compare".to_string(),
            };
            mono(ui, &format!("sd_hash {computed} · {verdict}"));
        });
}
