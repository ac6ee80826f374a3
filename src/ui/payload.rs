//! The payload pane: the JSON editor and the claims table, side by side when there is room,
//! else behind a "JSON | Claims" switch (as jwt.io pairs them).

use super::buffers::Buffers;
use super::claims::claims_ui;
use super::presentation::Masking;
use super::style::{Highlight, Palette};
use super::widgets;
use super::{Actions, PayloadTab, UiState, labels};
use crate::core::claims::NumericDate;
use crate::core::workbench::{Edit, Workbench};

/// Width from which JSON and claims show side by side, in points.
const SIDE_BY_SIDE: f32 = 900.0;

/// Draws the payload pane.
pub fn payload_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    buffers: &mut Buffers,
    state: &mut UiState,
    (now, masking): (NumericDate, &Masking),
    rows: usize,
    actions: &mut Actions,
) {
    let wide = ui.available_width() >= SIDE_BY_SIDE;
    let label = ui
        .horizontal(|ui| {
            let label = ui.label(egui::RichText::new(labels::PAYLOAD).strong());
            if !wide {
                ui.separator();
                let tab = &mut state.prefs.payload_tab;
                ui.selectable_value(tab, PayloadTab::Json, labels::JSON_TAB);
                ui.selectable_value(tab, PayloadTab::Claims, labels::CLAIMS);
            }
            label
        })
        .inner;
    let editor = |ui: &mut egui::Ui, buffers: &mut Buffers, actions: &mut Actions| {
        if widgets::code_editor_for(
            ui,
            label.id,
            labels::PAYLOAD,
            &mut buffers.payload,
            Highlight::Json,
            rows,
            Some(masking),
        ) {
            actions.edit(Edit::Payload(buffers.payload.clone()));
        }
        if let Some(e) = wb.payload_error() {
            widgets::colored_line(ui, Palette::of(ui).bad, e.to_string());
        }
    };
    let height = ui.text_style_height(&egui::TextStyle::Monospace) * rows as f32 + 12.0;
    if wide {
        ui.columns(2, |cols| {
            if let [left, right] = cols {
                editor(left, buffers, actions);
                right.label(egui::RichText::new(labels::CLAIMS).strong());
                claims_scroll(right, wb, now, height, masking, &mut state.revealed);
            }
        });
    } else {
        match state.prefs.payload_tab {
            PayloadTab::Json => editor(ui, buffers, actions),
            PayloadTab::Claims => claims_scroll(ui, wb, now, height, masking, &mut state.revealed),
        }
    }
}

fn claims_scroll(
    ui: &mut egui::Ui,
    wb: &Workbench,
    now: NumericDate,
    height: f32,
    masking: &Masking,
    revealed: &mut Vec<String>,
) {
    egui::ScrollArea::vertical()
        .id_salt("claims-scroll")
        .max_height(height)
        .show(ui, |ui| claims_ui(ui, wb, now, masking, revealed));
}
