//! The Attacks view, the attack lab: for the loaded token and key, the variants a tester
//! sends to their own service, each with the workbench's own verdict. The document builds the
//! lab off the UI thread (it generates RSA and EC keys) when the token or key changes.

use super::style::Palette;
use super::{Actions, commands::Command, views::View};
use crate::core::attacks::{Lab, Variant};
use crate::core::claims::NumericDate;
use crate::core::workbench::{Edit, Workbench};

/// Draws the Attacks view.
pub fn attacks_ui(ui: &mut egui::Ui, wb: &Workbench, now: NumericDate, actions: &mut Actions) {
    // Built off the UI thread by the document's job; asked for only when out of date.
    let at = wb.at(now);
    if wb.lab_outdated(at) {
        actions.edit(Edit::BuildLab { at });
    }
    let p = Palette::of(ui);
    ui.heading("Attack lab");
    ui.label(
        egui::RichText::new(
            "For testing your own services only. Each variant below is a token to send to your API; nothing here touches the network, and URLs are only written, never fetched.",
        )
        .color(p.warn),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Attacker URL (jku, x5u)");
        let mut url = wb.lab_url().to_string();
        if ui
            .add(egui::TextEdit::singleline(&mut url).desired_width(420.0))
            .labelled_by(label.id)
            .changed()
        {
            actions.edit(Edit::LabUrl(url));
        }
        if wb.lab_running() {
            ui.spinner();
            ui.label("building variants…");
        }
    });
    let Some(built) = wb.lab() else {
        if wb.token().is_empty() {
            ui.label("Paste or build a token in the debugger first.");
        }
        return;
    };
    let lab_result = match built {
        Ok(l) => l,
        Err(e) => {
            ui.label(egui::RichText::new(e.to_string()).color(p.bad));
            return;
        }
    };
    summary_ui(ui, lab_result, actions);
    egui::ScrollArea::vertical()
        .id_salt("attack-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut group = None;
            for v in &lab_result.variants {
                if group != Some(v.group) {
                    group = Some(v.group);
                    ui.add_space(6.0);
                    ui.label(egui::RichText::new(v.group.title()).strong());
                }
                variant_ui(ui, v, actions);
            }
        });
}

fn summary_ui(ui: &mut egui::Ui, lab: &Lab, actions: &mut Actions) {
    let p = Palette::of(ui);
    let accepted = lab.surprises().iter().filter(|v| !v.expected_valid).count();
    let color = if accepted == 0 { p.ok } else { p.bad };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "Our verifier rejects {} of {} forgeries",
                lab.rejected, lab.total
            ))
            .size(18.0)
            .strong()
            .color(color),
        );
        if ui
            .button("Copy all (JSON)")
            .on_hover_text("Copy every variant as {\"variants\":[...]}")
            .clicked()
        {
            actions.copy(lab.to_json(), "Attack variants (JSON)");
        }
    });
    ui.add(egui::Label::new(lab.summary()).wrap());
    for note in &lab.notes {
        ui.label(egui::RichText::new(format!("Note: {note}")).weak());
    }
}

fn variant_ui(ui: &mut egui::Ui, v: &Variant, actions: &mut Actions) {
    let p = Palette::of(ui);
    let (mark, color) = match (v.verifier.rejected, v.expected_valid) {
        (true, false) => ("✔ rejected", p.ok),
        (false, true) => ("◆ accepted (probe, as expected)", p.warn),
        (false, false) => ("✖ ACCEPTED", p.bad),
        (true, true) => ("◆ rejected (probe)", p.warn),
    };
    let title = egui::RichText::new(format!("{mark} · {}", v.name)).color(color);
    egui::CollapsingHeader::new(title)
        .id_salt(&v.id)
        .show(ui, |ui| {
            ui.add(egui::Label::new(&v.explanation).wrap());
            ui.add(egui::Label::new(format!("A correct server must: {}", v.server_must)).wrap());
            ui.label(egui::RichText::new(format!("Reference: {}", v.reference)).weak());
            ui.label(egui::RichText::new(format!("Our verifier: {}", v.verifier.why)).color(color));
            let shown: String = v.token.chars().take(600).collect();
            ui.add(egui::Label::new(egui::RichText::new(shown).monospace().small()).wrap());
            if let Some(serve) = &v.serve {
                ui.label(
                    egui::RichText::new("Serve this at the URL (public material only):").weak(),
                );
                ui.add(egui::Label::new(egui::RichText::new(serve).monospace().small()).wrap());
            }
            ui.horizontal(|ui| {
                if ui.button("Copy token").clicked() {
                    actions.copy(v.token.clone(), "Attack token");
                }
                if let Some((what, line)) = v.header_line()
                    && ui.button(format!("Copy {what}")).clicked()
                {
                    actions.copy(line, what);
                }
                if ui
                    .button("Open in debugger")
                    .on_hover_text("Load this token in the debugger with the current key")
                    .clicked()
                {
                    actions.edit(Edit::Token(v.token.clone()));
                    actions.commands.push(Command::Show(View::Debugger));
                }
            });
        });
}
