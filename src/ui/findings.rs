//! The security findings: every danger and warning, with why it matters, in the token column.

use super::labels;
use super::widgets::Palette;
use crate::core::findings::{Finding, Severity};

/// Draws the findings list (nothing when there are none): one label per finding, read whole
/// by a screen reader: "warning: weak secret  (key)  5 bytes; HS256 needs …". The labels are
/// not selectable, so a drag on the token column's edge resizes it instead of selecting text.
pub fn findings_ui(ui: &mut egui::Ui, findings: &[Finding]) {
    if findings.is_empty() {
        return;
    }
    let p = Palette::of(ui);
    ui.add_space(4.0);
    ui.label(egui::RichText::new(labels::FINDINGS).strong());
    for f in findings {
        let color = match f.severity {
            Severity::Danger => p.bad,
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
            &format!("  ({})  {}", f.target.describe(), f.detail),
            0.0,
            egui::TextFormat::simple(body, ui.visuals().weak_text_color()),
        );
        ui.add(egui::Label::new(job).wrap().selectable(false));
    }
}
