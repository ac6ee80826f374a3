//! The Structure view (teaching): the token as three large coloured bands; hovering a claim
//! lights up the exact base64url characters that carry it, and hovering those characters
//! names the claim; then the steps from JSON to token, each with its bytes and a copy button.

use super::presentation::Masking;
use super::style::Palette;
use super::{Actions, UiState};
use crate::core::structure::{self, Chars};
use crate::core::token::{Form, Inspection};
use crate::core::workbench::{JweState, JweView, Workbench};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

/// Font size of the bands, in points.
const BAND: f32 = 17.0;

/// Draws the Structure view.
pub fn structure_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    state: &mut UiState,
    masking: &Masking,
    actions: &mut Actions,
) {
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
            if let Some(view) = wb.jwe() {
                jwe_structure_ui(ui, view, state, actions);
                if !matches!(
                    view.state,
                    JweState::Decrypted { nested: true, .. } | JweState::Made { nested: true, .. }
                ) {
                    return;
                }
                ui.add_space(8.0);
                ui.separator();
                ui.heading("The signed token inside");
            } else if insp.form == Form::Jwe {
                ui.label("An encrypted token (JWE) has five parts; this one cannot be read.");
                return;
            }
            bands_ui(ui, insp, state, masking);
            ui.add_space(8.0);
            ui.separator();
            steps_ui(ui, insp, wb, masking, actions);
            if let Some(doc) = wb.sd_jwt() {
                ui.add_space(8.0);
                ui.separator();
                ui.heading("The SD-JWT, digest by digest");
                step_list_ui(ui, &structure::sd_steps(&doc.sd, &doc.processed), actions);
            }
        });
}

/// The members of the payload with their byte ranges, and the payload's length.
fn members(insp: &Inspection) -> (Vec<(String, std::ops::Range<usize>)>, usize) {
    let bytes = insp.payload_bytes.as_deref().unwrap_or(&[]);
    (structure::member_ranges(bytes), bytes.len())
}

fn bands_ui(ui: &mut egui::Ui, insp: &Inspection, state: &mut UiState, masking: &Masking) {
    let p = Palette::of(ui);
    let (members, len) = members(insp);
    let focus = state
        .structure_focus
        .as_ref()
        .and_then(|n| members.iter().find(|(m, _)| m == n));
    let lit = focus.map(|(_, r)| structure::chars_for_bytes(r.clone(), len));
    let font = FontId::monospace(BAND);
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    job.wrap.break_anywhere = true;
    let glow = if ui.visuals().dark_mode {
        Color32::from_rgb(90, 70, 20)
    } else {
        Color32::from_rgb(255, 235, 150)
    };
    let plain = |color| TextFormat::simple(font.clone(), color);
    job.append(insp.segment_text(0), 0.0, plain(p.header));
    job.append(".", 0.0, plain(p.plain));
    let payload_start = job.text.len();
    let offset = insp.spans.get(1).map_or(0, |r| r.start);
    let shifted: Vec<_> = masking
        .token_chars
        .iter()
        .map(|r| r.start.saturating_sub(offset)..r.end.saturating_sub(offset))
        .collect();
    let seg_masked = structure::mask(insp.segment_text(1), &shifted);
    let seg = seg_masked.as_str();
    match &lit {
        Some(c) => {
            let (a, b) = (c.range.start.min(seg.len()), c.range.end.min(seg.len()));
            job.append(seg.get(..a).unwrap_or(""), 0.0, plain(p.payload));
            let mut hot = plain(p.payload);
            hot.background = glow;
            job.append(seg.get(a..b).unwrap_or(""), 0.0, hot);
            job.append(seg.get(b..).unwrap_or(""), 0.0, plain(p.payload));
        }
        None => job.append(seg, 0.0, plain(p.payload)),
    }
    job.append(".", 0.0, plain(p.plain));
    job.append(insp.segment_text(2), 0.0, plain(p.signature));
    let (pos, galley, response) = egui::Label::new(job)
        .sense(egui::Sense::hover())
        .layout_in_ui(ui);
    let text = galley.text().to_string();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    ui.painter().galley(pos, galley.clone(), p.plain);
    let before = (state.structure_focus.clone(), state.structure_char);
    state.structure_char = None;
    if let Some(hover) = response.hover_pos() {
        let c = galley.cursor_from_pos(hover - pos).index;
        if let Some(i) = c.0.checked_sub(payload_start).filter(|i| *i < seg.len()) {
            state.structure_char = Some(i);
            let bytes = structure::bytes_for_char(i, len);
            if let Some((name, _)) = members
                .iter()
                .find(|(_, r)| r.start < bytes.end && bytes.start < r.end)
            {
                state.structure_focus = Some(name.clone());
            }
        }
    }
    if (state.structure_focus.clone(), state.structure_char) != before {
        // The band was drawn with the old focus: draw again.
        ui.ctx().request_repaint();
    }
    ui.add_space(6.0);
    // What the hovered character carries, in words.
    if let Some(i) = state.structure_char {
        let bytes = structure::bytes_for_char(i, len);
        let inside = members
            .iter()
            .filter(|(_, r)| r.start < bytes.end && bytes.start < r.end)
            .map(|(n, _)| format!("\"{n}\""))
            .collect::<Vec<_>>();
        ui.label(format!(
            "Payload character {} carries bits of bytes {}–{}{}",
            i + 1,
            bytes.start + 1,
            bytes.end,
            if inside.is_empty() {
                " (JSON punctuation)".to_string()
            } else {
                format!(", inside {}", inside.join(" and "))
            }
        ));
    }
    if let (Some((name, r)), Some(c)) = (focus, &lit) {
        ui.label(egui::RichText::new(carried_by(name, r, c)).strong());
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new("The payload's members (hover or click one):").weak());
    let bytes = insp.payload_bytes.as_deref().unwrap_or(&[]);
    ui.horizontal_wrapped(|ui| {
        for (name, r) in &members {
            let text = if masking.names.contains(name) {
                format!("\"{name}\":•••")
            } else {
                String::from_utf8_lossy(bytes.get(r.clone()).unwrap_or(&[])).into_owned()
            };
            let shown: String = text.chars().take(80).collect();
            let selected = state.structure_focus.as_deref() == Some(name);
            let resp = ui.selectable_label(
                selected,
                egui::RichText::new(shown).monospace().color(p.payload),
            );
            if (resp.hovered() || resp.clicked()) && !selected {
                state.structure_focus = Some(name.clone());
                ui.ctx().request_repaint();
            }
        }
    });
}

/// "\"sub\" is bytes 2–18 of the payload JSON, carried by characters 2–24 …".
fn carried_by(name: &str, bytes: &std::ops::Range<usize>, c: &Chars) -> String {
    let edges = match (c.partial_start, c.partial_end) {
        (true, true) => "; the first and last characters also carry bits of the neighbouring bytes",
        (true, false) => "; the first character also carries bits of the byte before",
        (false, true) => "; the last character also carries bits of the byte after",
        (false, false) => "",
    };
    format!(
        "\"{name}\" is bytes {}–{} of the payload JSON, carried by base64url characters {}–{} of the payload segment{edges}",
        bytes.start + 1,
        bytes.end,
        c.range.start + 1,
        c.range.end
    )
}

fn steps_ui(
    ui: &mut egui::Ui,
    insp: &Inspection,
    wb: &Workbench,
    masking: &Masking,
    actions: &mut Actions,
) {
    let key = wb.verify_key().ok();
    step_list_ui(
        ui,
        &structure::steps(insp, key, &masking.payload_bytes),
        actions,
    );
}

/// Steps, each with its title, what happens and its values, each copyable.
fn step_list_ui(ui: &mut egui::Ui, steps: &[structure::Step], actions: &mut Actions) {
    for s in steps {
        ui.add_space(6.0);
        ui.label(egui::RichText::new(&s.title).strong());
        ui.add(egui::Label::new(egui::RichText::new(&s.explain).weak()).wrap());
        for (label, value) in &s.values {
            ui.horizontal(|ui| {
                ui.label(format!("{label}:"));
                if ui
                    .small_button("Copy")
                    .on_hover_text(format!("Copy the {label}"))
                    .clicked()
                {
                    actions.copy(value.clone(), label);
                }
            });
            let shown: String = value.chars().take(6000).collect();
            ui.add(egui::Label::new(egui::RichText::new(shown).monospace()).wrap());
        }
    }
}

/// A JWE: the five parts as bands, then the steps between them.
fn jwe_structure_ui(ui: &mut egui::Ui, view: &JweView, state: &UiState, actions: &mut Actions) {
    let p = Palette::of(ui);
    let Ok(parts) = &view.parts else {
        ui.label("This JWE cannot be read.");
        return;
    };
    ui.label(
        egui::RichText::new(format!(
            "An encrypted token (JWE): alg {}, enc {}",
            parts.alg, parts.enc
        ))
        .strong(),
    );
    let font = FontId::monospace(BAND);
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    job.wrap.break_anywhere = true;
    let colors = super::widgets::jwe_colors(&p);
    let all = [
        &parts.protected,
        &parts.encrypted_key,
        &parts.iv,
        &parts.ciphertext,
        &parts.tag,
    ];
    for (i, (part, color)) in all.iter().zip(colors).enumerate() {
        if i > 0 {
            job.append(".", 0.0, TextFormat::simple(font.clone(), p.plain));
        }
        job.append(&part.text, 0.0, TextFormat::simple(font.clone(), color));
    }
    ui.add(egui::Label::new(job).wrap());
    let decrypted = match &view.state {
        JweState::Decrypted { decrypted, .. } => Some(decrypted.as_ref()),
        _ => None,
    };
    if decrypted.is_none() {
        ui.label(
            egui::RichText::new(
                "Enter the decryption key in the key pane to see the CEK and the plaintext.",
            )
            .weak(),
        );
    }
    for s in crate::core::structure::jwe_steps(parts, decrypted) {
        ui.add_space(6.0);
        ui.label(egui::RichText::new(&s.title).strong());
        ui.add(egui::Label::new(egui::RichText::new(&s.explain).weak()).wrap());
        for (label, value) in &s.values {
            // Key material stays hidden on a shared screen.
            let secret = label.starts_with("CEK")
                || label.starts_with("derived")
                || label.starts_with("Concat");
            let shown: String = if secret && state.presentation {
                "•".repeat(24)
            } else {
                value.chars().take(6000).collect()
            };
            ui.horizontal(|ui| {
                ui.label(format!("{label}:"));
                if !(secret && state.presentation)
                    && ui
                        .small_button("Copy")
                        .on_hover_text(format!("Copy the {label}"))
                        .clicked()
                {
                    actions.copy(value.clone(), label);
                }
            });
            ui.add(egui::Label::new(egui::RichText::new(shown).monospace()).wrap());
        }
    }
}
