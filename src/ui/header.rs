//! The header editor.

use super::buffers::Buffers;
use super::style::{Highlight, Palette};
use super::widgets;
use super::{Actions, labels};
use crate::core::workbench::{Edit, Workbench};

/// Draws the header editor; an edit re-signs (the editors lead).
pub fn header_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    buffers: &mut Buffers,
    rows: usize,
    actions: &mut Actions,
) {
    let label = ui.label(egui::RichText::new(labels::HEADER).strong());
    if widgets::code_editor_for(
        ui,
        label.id,
        labels::HEADER,
        &mut buffers.header,
        Highlight::Json,
        rows,
        None,
    ) {
        actions.edit(Edit::Header(buffers.header.clone()));
    }
    if let Some(e) = wb.header_error() {
        widgets::colored_line(ui, Palette::of(ui).bad, e.to_string());
    }
}
