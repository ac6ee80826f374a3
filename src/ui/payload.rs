//! The payload editor.

use super::Actions;
use super::labels;
use super::widgets;
use crate::core::workbench::Workbench;

/// Draws the payload editor; an edit re-signs (the editors lead).
pub fn payload_ui(ui: &mut egui::Ui, wb: &mut Workbench, actions: &mut Actions) {
    if widgets::json_pane(
        ui,
        labels::PAYLOAD,
        &mut wb.payload,
        wb.payload_error.as_ref(),
        10,
    ) {
        actions.sign(wb.editors_changed());
    }
}
