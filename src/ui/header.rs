//! The header editor.

use super::Actions;
use super::labels;
use super::widgets;
use crate::core::workbench::Workbench;

/// Draws the header editor; an edit re-signs (the editors lead).
pub fn header_ui(ui: &mut egui::Ui, wb: &mut Workbench, actions: &mut Actions) {
    if widgets::json_pane(
        ui,
        labels::HEADER,
        &mut wb.header,
        wb.header_error.as_ref(),
        5,
    ) {
        actions.sign(wb.editors_changed());
    }
}
