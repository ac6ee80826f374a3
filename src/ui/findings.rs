//! The security findings: every danger and warning, with why it matters, in the token column.

use super::style::Palette;
use super::{Actions, labels};
use crate::core::findings::{Finding, Severity};
use crate::core::workbench::{Edit, Workbench};

/// Draws the findings list (nothing when there are none): one label per finding, read whole
/// by a screen reader: "warning: weak secret  (key)  5 bytes; HS256 needs …". The labels are
/// not selectable, so a drag on the token column's edge resizes it instead of selecting text.
pub fn findings_ui(ui: &mut egui::Ui, wb: &Workbench, findings: &[Finding], actions: &mut Actions) {
    if findings.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new(labels::FINDINGS).strong());
    // Dangers and warnings always show; notes (info) fold away so that the verdict and what
    // matters stay on screen at 1280x800.
    let (notes, alerts): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| f.severity == Severity::Info);
    for f in alerts {
        finding_ui(ui, wb, f, actions);
    }
    if !notes.is_empty() {
        egui::CollapsingHeader::new(format!("{} (info: {})", labels::NOTES, notes.len()))
            .id_salt("findings-notes")
            .default_open(false)
            .show(ui, |ui| {
                for f in notes {
                    finding_ui(ui, wb, f, actions);
                }
            });
    }
}

/// One finding: severity and title in its colour, then target, detail and the rule.
fn finding_ui(ui: &mut egui::Ui, wb: &Workbench, f: &Finding, actions: &mut Actions) {
    let p = Palette::of(ui);
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
    let cite = f.cite.map(|c| format!(" ({c})")).unwrap_or_default();
    job.append(
        &format!("  ({})  {}{cite}", f.target.describe(), f.detail),
        0.0,
        egui::TextFormat::simple(body, ui.visuals().weak_text_color()),
    );
    ui.add(egui::Label::new(job).wrap().selectable(false));
    if matches!(f.id, "header-jwk" | "header-x5c") {
        embedded_key_button(ui, wb, actions);
    }
}

/// "Use this embedded key": loads the key the token carries into the key pane, on request
/// only. The finding above it stays: the verdict then says only that the token's own key
/// signed it, which anyone can arrange.
fn embedded_key_button(ui: &mut egui::Ui, wb: &Workbench, actions: &mut Actions) {
    let embedded = wb
        .inspection()
        .as_ref()
        .ok()
        .and_then(|i| i.header.as_ref().ok())
        .and_then(crate::core::keys::embedded_key_text);
    let Some((text, from)) = embedded else {
        return;
    };
    let button = ui
        .small_button(labels::USE_EMBEDDED_KEY)
        .on_hover_text(format!(
            "Load the key from the token's {from} header into the key pane. A token checked with its own key proves nothing: anyone can sign with a key they made."
        ));
    if button.clicked() {
        actions.edit(Edit::LoadKey {
            bytes: text.into_bytes(),
            source: format!("the token's {from} header"),
        });
    }
}
