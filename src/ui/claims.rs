//! The claims table: every claim, registered claims explained on hover, times shown as
//! local, UTC and relative.

use super::presentation::Masking;
use super::widgets;
use crate::core::claims::{self, NumericDate};
use crate::core::text;
use crate::core::workbench::Workbench;

/// Draws the claims table (times as of the document's clock).
/// Sensitive claims are masked in presentation mode, each with a Show/Hide toggle.
pub fn claims_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    now: NumericDate,
    masking: &Masking,
    revealed: &mut Vec<String>,
) {
    let now = wb.at(now);
    let Some(c) = wb.inspection().as_ref().ok().and_then(|i| i.claims()) else {
        let why = wb
            .inspection()
            .as_ref()
            .ok()
            .and_then(|i| i.payload.as_ref().ok())
            .and_then(|p| p.explain());
        ui.label(why.unwrap_or_else(|| "No claims to show.".to_string()));
        return;
    };
    let (_, lifetime) = claims::times(c, now);
    if let Some(l) = lifetime {
        ui.label(l);
    }
    {
        {
            egui::Grid::new("claims-grid")
                .striped(true)
                .num_columns(3)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for (name, value) in c {
                        // Names and values from the token: control, bidirectional and
                        // invisible characters are shown escaped, never obeyed.
                        let name_label =
                            ui.label(egui::RichText::new(text::escape(name)).monospace().strong());
                        if let Some((title, text)) = claims::registered(name) {
                            name_label.on_hover_text(format!("{name}: {title}. {text}"));
                        }
                        let shown = match value {
                            serde_json::Value::String(s) => text::escape(s).into_owned(),
                            other => text::escape(&other.to_string()).into_owned(),
                        };
                        let masked = masking.names.contains(name);
                        if masked || revealed.contains(name) {
                            ui.horizontal(|ui| {
                                if masked {
                                    let dots = "•".repeat(shown.chars().count().clamp(4, 24));
                                    ui.label(egui::RichText::new(dots).monospace());
                                } else {
                                    value_label(ui, &shown);
                                }
                                let toggle = if masked { "Show" } else { "Hide" };
                                if ui
                                    .small_button(toggle)
                                    .on_hover_text(format!(
                                        "{toggle} the value of {name} (presentation mode)"
                                    ))
                                    .clicked()
                                {
                                    if masked {
                                        revealed.push(name.clone());
                                    } else {
                                        revealed.retain(|n| n != name);
                                    }
                                }
                            });
                        } else {
                            value_label(ui, &shown);
                        }
                        let detail = match (name.as_str(), claims::time_claim(c, name)) {
                            ("exp" | "nbf" | "iat", Ok(Some(t))) => format!(
                                "{}\n{} local · {}",
                                claims::relative_text(name, t, now),
                                claims::local_text(t),
                                claims::utc_text(t)
                            ),
                            ("exp" | "nbf" | "iat", Err(e)) => e.to_string(),
                            _ => claims::registered(name)
                                .map(|(title, _)| title.to_string())
                                .unwrap_or_default(),
                        };
                        widgets::colored_line(ui, ui.visuals().weak_text_color(), detail);
                        ui.end_row();
                    }
                });
        }
    }
}

/// A claim value, cut at 48 characters with the rest on hover.
fn value_label(ui: &mut egui::Ui, shown: &str) {
    if shown.chars().count() > 48 {
        let short: String = shown.chars().take(48).collect();
        ui.add(egui::Label::new(egui::RichText::new(format!("{short}…")).monospace()).extend())
            .on_hover_text(shown.chars().take(2000).collect::<String>());
    } else {
        ui.add(egui::Label::new(egui::RichText::new(shown).monospace()).extend());
    }
}
