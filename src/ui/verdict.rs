//! The verdict area: the headline (which token, which key, as of when), the countdown, the
//! checks (failing first), and the clock: time travel, leeway, ignore exp.

use super::cache::Derived;
use super::commands::Command;
use super::style::Palette;
use super::{Actions, UiState, labels};
use crate::core::claims::{self, NumericDate};
use crate::core::workbench::{Edit, JweState, TimeTravel, Tone, Workbench};

/// The colour of a tone.
pub fn tone_color(ui: &egui::Ui, tone: Tone) -> egui::Color32 {
    let p = Palette::of(ui);
    match tone {
        Tone::Good => p.ok,
        Tone::Warn => p.warn,
        Tone::Bad => p.bad,
        Tone::Neutral => ui.visuals().text_color(),
    }
}

/// Draws the headline, the countdown and the checks (derived once per change).
pub fn verdict_ui(ui: &mut egui::Ui, wb: &Workbench, derived: &Derived) {
    let p = Palette::of(ui);
    let Some(h) = &derived.headline else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(labels::VERDICT).weak());
        if let Some((text, tone)) = &derived.countdown {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    egui::RichText::new(text)
                        .size(18.0)
                        .strong()
                        .color(tone_color(ui, *tone)),
                );
                ui.label(egui::RichText::new(labels::COUNTDOWN).weak());
            });
        }
    });
    ui.add(
        egui::Label::new(
            egui::RichText::new(&h.title)
                .size(20.0)
                .strong()
                .color(tone_color(ui, h.tone)),
        )
        .wrap(),
    );
    if let Some(as_of) = &h.as_of {
        ui.label(egui::RichText::new(as_of).color(p.warn).strong());
    }
    if !h.detail.is_empty() {
        ui.add(egui::Label::new(&h.detail).wrap());
    }
    if !h.judging.is_empty() {
        ui.add(egui::Label::new(egui::RichText::new(&h.judging).weak()).wrap());
    }
    for (tone, row) in &derived.signatures {
        ui.add(egui::Label::new(egui::RichText::new(row).color(tone_color(ui, *tone))).wrap());
    }
    let Some(report) = &derived.report else {
        return;
    };
    if wb.stale().is_some() {
        // The checks would be about a token that no longer matches the editors.
        return;
    }
    if wb.jwe().is_some_and(|j| {
        matches!(
            j.state,
            JweState::NoKey(_) | JweState::Failed(_) | JweState::Decrypting
        )
    }) {
        // Nothing inside an undecrypted JWE can be checked yet.
        return;
    }
    ui.add_space(2.0);
    let mut checks: Vec<_> = report.checks.iter().collect();
    checks.sort_by_key(|c| c.ok);
    for c in checks {
        // One label per check, so a screen reader reads mark, name and sentence together.
        let mut job = egui::text::LayoutJob::default();
        let body = egui::TextStyle::Body.resolve(ui.style());
        let mono = egui::TextStyle::Monospace.resolve(ui.style());
        let text = ui.visuals().text_color();
        let (mark, color) = if c.ok {
            ("✔ ", p.ok)
        } else if c.is_unchecked() {
            ("? ", p.warn)
        } else {
            ("× ", p.bad)
        };
        job.append(mark, 0.0, egui::TextFormat::simple(body.clone(), color));
        job.append(&c.name, 0.0, egui::TextFormat::simple(mono, text));
        let cite = c.cite.map(|c| format!(" ({c})")).unwrap_or_default();
        job.append(
            &format!("  {}{cite}", c.detail),
            0.0,
            egui::TextFormat::simple(body, text),
        );
        ui.add(egui::Label::new(job).wrap());
    }
}

/// The audience row: what this verifier calls itself. A token with `aud` is valid only when
/// its audience includes it (RFC 7519 section 4.1.3), or when any audience is accepted.
fn audience_ui(ui: &mut egui::Ui, wb: &Workbench, actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(labels::EXPECTED_AUDIENCE);
        let mut aud = wb.policy().aud.clone().unwrap_or_default();
        let any = wb.policy().any_aud;
        let resp = ui
            .add_enabled(
                !any,
                egui::TextEdit::singleline(&mut aud)
                    .desired_width(220.0)
                    .hint_text("the name this service goes by"),
            )
            .labelled_by(label.id)
            .on_hover_text(
                "The audience this verifier expects. A token with aud is valid only when its aud is, or contains, this value (RFC 7519 section 4.1.3).",
            );
        if resp.changed() {
            actions.edit(Edit::Audience(aud));
        }
        let mut any = any;
        if ui
            .checkbox(&mut any, labels::ANY_AUDIENCE)
            .on_hover_text("Skip the audience check (the check says so)")
            .changed()
        {
            actions.edit(Edit::AnyAudience(any));
        }
    });
}

/// The clock row: evaluate at another instant, back to live, leeway, ignore exp.
pub fn clock_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    state: &mut UiState,
    now: NumericDate,
    actions: &mut Actions,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(labels::EVALUATE_AT);
        // Wide enough for its whole hint, whatever the font size (presentation mode).
        let hint = "live · +3d · 2026-12-01 10:00";
        let font = egui::TextStyle::Body.resolve(ui.style());
        let hint_width = ui.fonts_mut(|f| {
            f.layout_no_wrap(hint.to_string(), font, egui::Color32::WHITE)
                .size()
                .x
        });
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut state.clock_text)
                    .desired_width(hint_width + 12.0)
                    .hint_text(hint),
            )
            .labelled_by(label.id)
            .on_hover_text(
                "Judge exp, nbf and iat as of another instant: a UTC date and time, an offset such as +3d or -2h30m, or seconds since 1970. Press Enter.",
            );
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter {
            match claims::parse_instant(&state.clock_text, now) {
                Ok(t) => {
                    state.clock_error = None;
                    let tt = if state.clock_text.trim_start().starts_with(['+', '-']) {
                        TimeTravel::Offset(t - now)
                    } else {
                        TimeTravel::At(t)
                    };
                    actions.edit(Edit::Clock(tt));
                }
                Err(e) => state.clock_error = Some(e.to_string()),
            }
        }
        if !wb.clock().is_live() && Command::BackToLive.button(ui) {
            actions.commands.push(Command::BackToLive);
        }
        ui.separator();
        let label = ui.label(labels::LEEWAY);
        let mut leeway = wb.policy().leeway;
        if ui
            .add(
                egui::DragValue::new(&mut leeway)
                    .range(0..=86_400)
                    .speed(1.0),
            )
            .labelled_by(label.id)
            .changed()
        {
            actions.edit(Edit::Leeway(leeway));
        }
        let mut ignore = wb.policy().ignore_exp;
        if ui.checkbox(&mut ignore, labels::IGNORE_EXP).changed() {
            actions.edit(Edit::IgnoreExp(ignore));
        }
    });
    audience_ui(ui, wb, actions);
    super::context::context_ui(ui, wb, actions);
    if let Some(e) = &state.clock_error {
        ui.label(egui::RichText::new(e).color(Palette::of(ui).bad));
    }
}
