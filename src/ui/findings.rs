//! The verification area: the one-line verdict, the checklist, verification options and
//! the security findings.

use super::widgets::{self, Palette};
use super::{Actions, labels};
use crate::core::claims::NumericDate;
use crate::core::findings::Severity;
use crate::core::verify::Verdict;
use crate::core::workbench::Workbench;

/// Draws the verification area.
pub fn verification_ui(
    ui: &mut egui::Ui,
    wb: &mut Workbench,
    now: NumericDate,
    actions: &mut Actions,
) {
    let p = Palette::of(ui);
    ui.heading(labels::VERIFICATION);
    let Some(report) = wb.report(now) else {
        ui.label("Nothing to verify yet.");
        return;
    };
    let (verdict, text) = report.verdict();
    let color = match verdict {
        Verdict::Valid => p.ok,
        Verdict::NotChecked | Verdict::NotYetValid => p.warn,
        _ => p.bad,
    };
    let title = match verdict {
        Verdict::Valid => "✔ Valid",
        Verdict::InvalidSignature => "× Invalid signature",
        Verdict::Expired => "× Expired",
        Verdict::NotYetValid => "× Not yet valid",
        Verdict::ClaimFailed => "× Claim check failed",
        Verdict::NotChecked => "? Not checked",
    };
    ui.label(egui::RichText::new(labels::VERDICT).weak());
    ui.label(egui::RichText::new(title).size(20.0).strong().color(color));
    ui.label(text);
    ui.add_space(4.0);
    for c in &report.checks {
        ui.horizontal_wrapped(|ui| {
            widgets::colored_line(
                ui,
                if c.ok { p.ok } else { p.bad },
                if c.ok { "✔" } else { "×" },
            );
            ui.label(egui::RichText::new(&c.name).monospace().strong());
            ui.label(&c.detail);
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label(labels::LEEWAY);
        let mut changed = ui
            .add(
                egui::DragValue::new(&mut wb.policy.leeway)
                    .range(0..=86_400)
                    .speed(1.0),
            )
            .labelled_by(label.id)
            .changed();
        changed |= ui
            .checkbox(&mut wb.policy.ignore_exp, labels::IGNORE_EXP)
            .changed();
        if changed {
            wb.policy_changed();
            actions.settings_dirty = true;
        }
    });
    let findings = wb.findings();
    if !findings.is_empty() {
        ui.add_space(6.0);
        ui.label(egui::RichText::new(labels::FINDINGS).strong());
        for f in findings {
            let color = match f.severity {
                Severity::Critical => p.bad,
                Severity::Warning => p.warn,
                Severity::Info => ui.visuals().weak_text_color(),
            };
            ui.horizontal_wrapped(|ui| {
                widgets::colored_line(ui, color, format!("{}: {}", f.severity.label(), f.title));
                ui.label(egui::RichText::new(f.detail).weak());
            });
        }
    }
}
