//! The verification area: the one-line verdict, the checklist, verification options and
//! the security findings.

use super::widgets::Palette;
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
        // One label per check, so a screen reader reads mark, name and sentence together.
        let mut job = egui::text::LayoutJob::default();
        let body = egui::TextStyle::Body.resolve(ui.style());
        let mono = egui::TextStyle::Monospace.resolve(ui.style());
        let text = ui.visuals().text_color();
        let (mark, color) = if c.ok { ("✔ ", p.ok) } else { ("× ", p.bad) };
        job.append(mark, 0.0, egui::TextFormat::simple(body.clone(), color));
        job.append(&c.name, 0.0, egui::TextFormat::simple(mono, text));
        job.append(
            &format!("  {}", c.detail),
            0.0,
            egui::TextFormat::simple(body, text),
        );
        ui.add(egui::Label::new(job).wrap());
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
            let mut job = egui::text::LayoutJob::default();
            let body = egui::TextStyle::Body.resolve(ui.style());
            job.append(
                &format!("{}: {}", f.severity.label(), f.title),
                0.0,
                egui::TextFormat::simple(body.clone(), color),
            );
            job.append(
                &format!("  {}", f.detail),
                0.0,
                egui::TextFormat::simple(body, ui.visuals().weak_text_color()),
            );
            ui.add(egui::Label::new(job).wrap());
        }
    }
}
