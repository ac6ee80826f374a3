//! The debugger view's layout: the token column (token, then verdict, checks, clock and
//! findings) on the left; header, payload with its claims, and the key pane on the right.
//! Both splits are resizable and remembered.

use super::app::WorkbenchApp;
use super::commands::Command;
use super::{Actions, findings, header, keys, payload, token, verdict};
use crate::core::claims::NumericDate;

/// Rows the key pane needs below the editors, in points (an estimate for sizing them).
const KEY_PANE: f32 = 300.0;

/// Draws the debugger view.
pub(super) fn debugger_ui(
    app: &mut WorkbenchApp,
    ui: &mut egui::Ui,
    now: NumericDate,
    actions: &mut Actions,
) {
    let total = ui.available_width();
    let width = if app.sizes.token_width > 0.0 {
        app.sizes.token_width
    } else {
        (total * 0.42).clamp(300.0, 900.0)
    };
    let left = egui::Panel::left("token-column")
        .resizable(true)
        .default_size(width)
        .size_range(280.0..=(total - 380.0).max(300.0))
        .show(ui, |ui| {
            let height = if app.sizes.token_height > 0.0 {
                app.sizes.token_height
            } else {
                (ui.available_height() * 0.27).clamp(120.0, 360.0)
            };
            let top = egui::Panel::top("token-editor")
                .resizable(true)
                .default_size(height)
                .size_range(70.0..=(ui.available_height() - 200.0).max(80.0))
                .show(ui, |ui| {
                    token::token_editor_ui(ui, &mut app.buffers, &app.masking, actions)
                });
            egui::ScrollArea::vertical()
                .id_salt("verdict-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    token::token_notes_ui(ui, &app.wb, actions);
                    ui.separator();
                    verdict::verdict_ui(ui, &app.wb, app.derived());
                    verdict::clock_ui(ui, &app.wb, &mut app.state, now, actions);
                    findings::findings_ui(ui, &app.wb, &app.derived().findings, actions);
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
                let row = ui.text_style_height(&egui::TextStyle::Monospace);
                let spare = (ui.available_height() - KEY_PANE - 150.0).max(0.0);
                let payload_rows = ((spare / row).floor() as usize).clamp(6, 40);
                header::header_ui(ui, &app.wb, &mut app.buffers, 5, actions);
                ui.add_space(4.0);
                payload::payload_ui(
                    ui,
                    &app.wb,
                    &mut app.buffers,
                    &mut app.state,
                    (now, &app.masking),
                    payload_rows,
                    actions,
                );
                ui.separator();
                keys::keys_ui(ui, &app.wb, &mut app.buffers, &mut app.state, now, actions);
            });
    });
    let width = left.response.rect.width();
    let height = left.inner;
    if (width - app.sizes.token_width).abs() > 1.0 || (height - app.sizes.token_height).abs() > 1.0
    {
        let first = app.sizes.token_width == 0.0;
        app.sizes.token_width = width;
        app.sizes.token_height = height;
        if !first {
            actions.settings_dirty = true;
        }
    }
}
