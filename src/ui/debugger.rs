//! The debugger view's layout: the token column (token, then verdict, checks, clock and
//! findings) on the left; header, payload with its claims, and the key pane on the right.
//! Both splits are resizable and remembered.

use super::buffers::Buffers;
use super::cache::Derived;
use super::commands::Command;
use super::presentation::Masking;
use super::{Actions, UiState, findings, header, keys, payload, sdjwt, token, verdict};
use crate::core::claims::NumericDate;
use crate::core::workbench::Workbench;

/// Rows the key pane needs below the editors, in points (an estimate for sizing them).
const KEY_PANE: f32 = 300.0;

/// What the debugger view draws from and edits: the document and its derived view (read),
/// the editors' buffers and the window's state (edited), the masking, the clock.
pub struct DebuggerCtx<'a> {
    /// The document.
    pub wb: &'a Workbench,
    /// The verdict, checks and findings for this frame.
    pub derived: &'a Derived,
    /// The editors' texts.
    pub buffers: &'a mut Buffers,
    /// Window state (pane sizes are in its preferences).
    pub state: &'a mut UiState,
    /// What presentation mode hides.
    pub masking: &'a Masking,
    /// The real clock.
    pub now: NumericDate,
}

/// Draws the debugger view.
pub fn debugger_ui(ui: &mut egui::Ui, app: DebuggerCtx<'_>, actions: &mut Actions) {
    let DebuggerCtx {
        wb,
        derived,
        buffers,
        state,
        masking,
        now,
    } = app;
    let total = ui.available_width();
    let width = if state.prefs.token_width > 0.0 {
        state.prefs.token_width
    } else {
        (total * 0.42).clamp(300.0, 900.0)
    };
    let left = egui::Panel::left("token-column")
        .resizable(true)
        .default_size(width)
        .size_range(280.0..=(total - 380.0).max(300.0))
        .show(ui, |ui| {
            let height = if state.prefs.token_height > 0.0 {
                state.prefs.token_height
            } else {
                (ui.available_height() * 0.27).clamp(120.0, 360.0)
            };
            let top = egui::Panel::top("token-editor")
                .resizable(true)
                .default_size(height)
                .size_range(70.0..=(ui.available_height() - 200.0).max(80.0))
                .show(ui, |ui| {
                    token::token_editor_ui(ui, buffers, masking, actions)
                });
            egui::ScrollArea::vertical()
                .id_salt("verdict-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    token::token_notes_ui(ui, wb, actions);
                    ui.separator();
                    verdict::verdict_ui(ui, wb, derived);
                    verdict::clock_ui(ui, wb, state, now, actions);
                    findings::findings_ui(ui, wb, &derived.findings, actions);
                });
            top.response.rect.height()
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("editors-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let row = [
                        Command::Format,
                        Command::Compact,
                        Command::CopyHeader,
                        Command::CopyPayload,
                    ];
                    Command::buttons(ui, &row, &mut actions.commands);
                });
                sdjwt::sdjwt_ui(ui, wb, &derived.sd_warnings, actions);
                let row = ui.text_style_height(&egui::TextStyle::Monospace);
                let spare = (ui.available_height() - KEY_PANE - 150.0).max(0.0);
                let payload_rows = ((spare / row).floor() as usize).clamp(6, 40);
                header::header_ui(ui, wb, buffers, 5, actions);
                ui.add_space(4.0);
                payload::payload_ui(
                    ui,
                    wb,
                    buffers,
                    state,
                    (now, masking),
                    payload_rows,
                    actions,
                );
                ui.separator();
                keys::keys_ui(ui, wb, buffers, state, now, actions);
            });
    });
    // The sizes the user dragged to are preferences: the app saves them when they change.
    let prefs = &mut state.prefs;
    let width = left.response.rect.width();
    let height = left.inner;
    if (width - prefs.token_width).abs() > 1.0 || (height - prefs.token_height).abs() > 1.0 {
        prefs.token_width = width;
        prefs.token_height = height;
    }
}
