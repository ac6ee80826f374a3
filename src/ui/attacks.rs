//! The Attacks view, the attack lab: for the loaded token and key, the variants a tester
//! sends to their own service, each with the workbench's own verdict. The lab is built off
//! the UI thread (it generates RSA and EC keys) and rebuilt when the token or key changes.

use super::widgets::Palette;
use super::{Actions, commands::Command, views::View};
use crate::core::attacks::{self, AttackInput, Lab, Variant};
use crate::core::claims::NumericDate;
use crate::core::workbench::{Edit, Workbench};
use std::sync::mpsc::{Receiver, channel};

/// What the lab was built from; a different one means rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Basis {
    token: String,
    key: Option<String>,
    key_text: String,
    url: String,
    at: NumericDate,
}

/// The lab's state in the window.
pub struct AttackLab {
    /// The attacker URL written into jku and x5u.
    pub url: String,
    built: Option<(Basis, Result<Lab, String>)>,
    running: Option<(Basis, Receiver<Result<Lab, String>>)>,
}

impl Default for AttackLab {
    fn default() -> Self {
        AttackLab {
            url: attacks::DEFAULT_ATTACKER_URL.to_string(),
            built: None,
            running: None,
        }
    }
}

impl AttackLab {
    /// The lab, once built for the current token and key.
    pub fn lab(&self) -> Option<&Lab> {
        self.built.as_ref().and_then(|(_, r)| r.as_ref().ok())
    }

    /// True while a lab is being built.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Takes a finished build; starts one when the token, key, URL or clock changed.
    fn refresh(&mut self, wb: &Workbench, now: NumericDate, ctx: &egui::Context) {
        if let Some((basis, rx)) = &self.running
            && let Ok(result) = rx.try_recv()
        {
            self.built = Some((basis.clone(), result));
            self.running = None;
        }
        let keys = wb.keys();
        let key_text = if keys.public_key.trim().is_empty() {
            keys.private_key.clone()
        } else {
            keys.public_key.clone()
        };
        let key = wb.verify_key().ok().cloned();
        let basis = Basis {
            token: wb.token().to_string(),
            key: key.as_ref().map(|k| k.thumbprint()),
            key_text: key_text.clone(),
            url: self.url.clone(),
            at: wb.at(now),
        };
        let current = |b: &Basis| {
            // Time moves each second; rebuild only when it moved far (tokens expire).
            b.token == basis.token
                && b.key == basis.key
                && b.key_text == basis.key_text
                && b.url == basis.url
                && (b.at - basis.at).abs() < 60
        };
        let up_to_date = self.running.as_ref().is_some_and(|(b, _)| current(b))
            || (self.running.is_none() && self.built.as_ref().is_some_and(|(b, _)| current(b)));
        if up_to_date || basis.token.is_empty() {
            return;
        }
        let (tx, rx) = channel();
        let job = basis.clone();
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let text = (!job.key_text.trim().is_empty()).then_some(job.key_text.as_str());
            let input = AttackInput {
                token: &job.token,
                key: key.as_ref(),
                key_text: text,
                attacker_url: Some(&job.url),
            };
            let _ = tx.send(attacks::generate(&input, job.at).map_err(|e| e.to_string()));
            repaint.request_repaint();
        });
        self.running = Some((basis, rx));
    }
}

/// Draws the Attacks view.
pub fn attacks_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    lab: &mut AttackLab,
    now: NumericDate,
    actions: &mut Actions,
) {
    lab.refresh(wb, now, ui.ctx());
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
        ui.add(egui::TextEdit::singleline(&mut lab.url).desired_width(420.0))
            .labelled_by(label.id);
        if lab.is_running() {
            ui.spinner();
            ui.label("building variants…");
        }
    });
    let Some((_, built)) = &lab.built else {
        if wb.token().is_empty() {
            ui.label("Paste or build a token in the debugger first.");
        }
        return;
    };
    let lab_result = match built {
        Ok(l) => l,
        Err(e) => {
            ui.label(egui::RichText::new(e).color(p.bad));
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
                if ui.button("Copy Authorization line").clicked() {
                    actions.copy(v.bearer_line(), "Authorization line");
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
