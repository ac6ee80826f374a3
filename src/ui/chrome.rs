//! The window's chrome: the top bar (views, New, token commands, theme) and the status line.

use super::commands::Command;
use super::style::Palette;
use super::views::View;
use super::{Actions, UiState, labels};

/// The top bar: title, view switcher, New menu, token commands, theme.
pub fn toolbar_ui(ui: &mut egui::Ui, state: &mut UiState, actions: &mut Actions) {
    // Wrapped: with presentation mode's larger text the bar takes two lines instead of
    // drawing its right-hand controls over the left-hand ones.
    ui.horizontal_wrapped(|ui| {
        ui.heading("JWT Workbench");
        ui.separator();
        switcher_ui(ui, state.prefs.view, &mut actions.commands);
        ui.separator();
        ui.menu_button("New", |ui| {
            for t in crate::core::workbench::Template::ALL {
                if Command::New(t).button(ui) {
                    actions.commands.push(Command::New(t));
                    ui.close();
                }
            }
        });
        let row = [Command::SaveToken, Command::CopyToken, Command::Clear];
        Command::buttons(ui, &row, &mut actions.commands);
        ui.menu_button("Privacy", |ui| privacy_ui(ui, state, actions));
        // The right-hand group goes to the right edge when it fits there, else it follows
        // on the next line; it never overlaps.
        let mut right = |ui: &mut egui::Ui| {
            theme_ui(ui);
            ui.separator();
            let p = Command::Presentation;
            if ui
                .selectable_label(state.presentation, p.label())
                .on_hover_text(p.hover_text(ui.ctx()))
                .clicked()
            {
                actions.commands.push(p);
            }
        };
        let need = right_group_width(ui);
        if ui.available_width() < need {
            ui.end_row();
        }
        ui.add_space((ui.available_width() - need).max(0.0));
        right(ui);
    });
}

/// How wide the right-hand group (presentation, theme) is at the current text size, in
/// points: its labels, their buttons' padding, the spacing and the separator.
fn right_group_width(ui: &egui::Ui) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let labels = [
        Command::Presentation.label(),
        "☀ Light",
        "🌙 Dark",
        "💻 System",
    ];
    let spacing = ui.spacing();
    let pad = 2.0 * spacing.button_padding.x + spacing.item_spacing.x;
    let text: f32 = ui.fonts_mut(|f| {
        labels
            .iter()
            .map(|l| {
                f.layout_no_wrap((*l).to_string(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            })
            .sum()
    });
    text + pad * labels.len() as f32 + 2.0 * spacing.item_spacing.x + 8.0
}

/// The theme: named buttons (not bare emoji) so screen readers say what they do.
fn theme_ui(ui: &mut egui::Ui) {
    let mut pref = ui.ctx().options(|o| o.theme_preference);
    let before = pref;
    ui.selectable_value(&mut pref, egui::ThemePreference::System, "💻 System")
        .on_hover_text("Follow the system's dark or light theme");
    ui.selectable_value(&mut pref, egui::ThemePreference::Dark, "🌙 Dark");
    ui.selectable_value(&mut pref, egui::ThemePreference::Light, "☀ Light");
    if pref != before {
        ui.ctx().set_theme(pref);
    }
}

/// The status line at the bottom.
pub fn status_ui(ui: &mut egui::Ui, state: &UiState) {
    let (text, is_error) = state
        .status
        .clone()
        .unwrap_or_else(|| ("Ready. Nothing leaves this machine.".into(), false));
    let color = if is_error {
        Palette::of(ui).bad
    } else {
        ui.visuals().text_color()
    };
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(format!("{}:", labels::STATUS)).weak());
        ui.label(egui::RichText::new(text).color(color));
    });
}

/// What is kept on this machine: the last token (off by default), remembered keys.
fn privacy_ui(ui: &mut egui::Ui, state: &mut UiState, actions: &mut Actions) {
    ui.checkbox(&mut state.prefs.keep_token, labels::KEEP_TOKEN)
        .on_hover_text(
            "Off (the default): a pasted token, a live credential, is never written to disk; your own header and payload edits are. On: the last token is kept in the settings file, in plain text, readable only by you.",
        );
    ui.checkbox(&mut state.prefs.remember_key, labels::REMEMBER_KEY)
        .on_hover_text("Off: secrets and private keys are never written to disk. On: they go to the system keyring when there is one, else into the settings file in plain text, readable only by you.");
    ui.label(egui::RichText::new("Nothing is ever sent over the network.").weak());
    if Command::ForgetStored.button(ui) {
        actions.commands.push(Command::ForgetStored);
        ui.close();
    }
}

/// The switcher: one selectable tab per view; a click queues the command.
fn switcher_ui(ui: &mut egui::Ui, current: View, queue: &mut Vec<Command>) {
    for v in View::ALL {
        let c = Command::Show(v);
        let hover = c.hover_text(ui.ctx());
        if ui
            .selectable_label(current == v, v.label())
            .on_hover_text(hover)
            .clicked()
            && current != v
        {
            queue.push(c);
        }
    }
}
