//! The Context group: the token's profile (detected or chosen) and the values its checks
//! compare with, as the request or session gives them: a nonce, the access token, the code,
//! the request's method and URL. Empty fields are not checked, and the checks say so.

use super::{Actions, labels};
use crate::core::profiles::{Inputs, Profile};
use crate::core::workbench::{Edit, Workbench};

/// One text field of the inputs: its label, hint, and where it lives.
type Field = (
    &'static str,
    &'static str,
    fn(&mut Inputs) -> &mut Option<String>,
);

const ID_TOKEN: [Field; 5] = [
    (labels::NONCE, "the nonce sent in the request", |i| {
        &mut i.nonce
    }),
    (labels::CLIENT_ID, "this client's client_id", |i| {
        &mut i.client_id
    }),
    (labels::ACCESS_TOKEN, "checks at_hash", |i| {
        &mut i.access_token
    }),
    (labels::CODE, "checks c_hash", |i| &mut i.code),
    (labels::STATE, "checks s_hash", |i| &mut i.state),
];

const SD_JWT: [Field; 1] = [(
    labels::NONCE,
    "the nonce this verifier gave (KB-JWT)",
    |i| &mut i.nonce,
)];

const DPOP: [Field; 5] = [
    (labels::HTM, "GET, POST…", |i| &mut i.htm),
    (labels::HTU, "https://server.example.com/token", |i| {
        &mut i.htu
    }),
    (labels::ACCESS_TOKEN, "checks ath and cnf.jkt", |i| {
        &mut i.access_token
    }),
    (labels::NONCE, "the server's DPoP nonce", |i| &mut i.nonce),
    (labels::JKT, "for an opaque access token", |i| &mut i.jkt),
];

/// The Context group, folded unless the token has a profile.
pub fn context_ui(ui: &mut egui::Ui, wb: &Workbench, actions: &mut Actions) {
    let profile = wb.profile();
    let title = format!("{} · {}", labels::CONTEXT, profile.name());
    egui::CollapsingHeader::new(title)
        .id_salt(("context", profile.name()))
        .default_open(profile != Profile::Jwt)
        .show(ui, |ui| {
            profile_picker(ui, wb, actions);
            ui.label(egui::RichText::new(profile.describe()).weak());
            let mut inputs = wb.profile_inputs().clone();
            let fields: &[Field] = match profile {
                Profile::IdToken => &ID_TOKEN,
                Profile::DpopProof => &DPOP,
                Profile::SdJwt => &SD_JWT,
                _ => &[],
            };
            let mut changed = false;
            egui::Grid::new("context-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, hint, slot) in fields {
                        changed |= text_row(ui, label, hint, slot(&mut inputs));
                    }
                    if profile == Profile::IdToken {
                        changed |= max_age_row(ui, &mut inputs.max_age);
                    }
                });
            if profile == Profile::AccessToken {
                ui.label("The resource is the Expected audience above.");
            }
            if profile == Profile::SdJwt {
                ui.label("The KB-JWT's aud must be the Expected audience above.");
                changed |= ui
                    .checkbox(&mut inputs.kb_optional, labels::KB_OPTIONAL)
                    .on_hover_text(
                        "RFC 9901 section 7.3 step 1: the verifier's policy decides, never the presentation",
                    )
                    .changed();
            }
            if changed {
                actions.edit(Edit::ProfileInputs(Box::new(inputs)));
            }
        });
}

fn profile_picker(ui: &mut egui::Ui, wb: &Workbench, actions: &mut Actions) {
    ui.horizontal(|ui| {
        let label = ui.label(labels::PROFILE);
        let choice = wb.profile_choice();
        let shown = choice.map_or_else(
            || format!("auto ({})", wb.profile().name()),
            |p| p.name().to_string(),
        );
        egui::ComboBox::from_id_salt("profile-picker")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                if ui.selectable_label(choice.is_none(), "auto").clicked() {
                    actions.edit(Edit::Profile(None));
                }
                for p in Profile::ALL {
                    if ui.selectable_label(choice == Some(p), p.name()).clicked() {
                        actions.edit(Edit::Profile(Some(p)));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

fn text_row(ui: &mut egui::Ui, label: &str, hint: &str, value: &mut Option<String>) -> bool {
    let l = ui.label(label);
    let mut text = value.clone().unwrap_or_default();
    let changed = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(260.0)
                .hint_text(hint),
        )
        .labelled_by(l.id)
        .changed();
    ui.end_row();
    if changed {
        *value = Some(text).filter(|t| !t.is_empty());
    }
    changed
}

fn max_age_row(ui: &mut egui::Ui, value: &mut Option<u64>) -> bool {
    let l = ui.label(labels::MAX_AGE);
    let mut text = value.map(|v| v.to_string()).unwrap_or_default();
    let changed = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(120.0)
                .hint_text("checks auth_time"),
        )
        .labelled_by(l.id)
        .changed();
    ui.end_row();
    if changed {
        *value = text.trim().parse().ok();
    }
    changed
}
