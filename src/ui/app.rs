//! The eframe application: a first window that decodes a pasted token with the core.

use crate::core::{self, Payload};
use eframe::egui;

/// The application state.
#[derive(Debug, Default)]
pub struct WorkbenchApp {
    /// The token text as typed or pasted.
    pub token: String,
}

impl WorkbenchApp {
    /// A window showing `token` (may be empty).
    pub fn new(token: Option<String>) -> Self {
        WorkbenchApp {
            token: token.unwrap_or_default(),
        }
    }

    /// Draws the whole window into `ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("JWT Workbench");
            let label = ui.label("Encoded token");
            ui.add(egui::TextEdit::multiline(&mut self.token).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            match core::inspect(&self.token) {
                Err(e) => {
                    ui.label(e.to_string());
                }
                Ok(insp) => {
                    if let Ok(h) = &insp.header {
                        ui.label(format!("Header: {}", serde_json::Value::Object(h.clone())));
                    }
                    match &insp.payload {
                        Ok(Payload::Claims(m)) => {
                            ui.label(format!("Payload: {}", serde_json::Value::Object(m.clone())));
                        }
                        Ok(other) => {
                            ui.label(other.explain().unwrap_or_default());
                        }
                        Err(e) => {
                            ui.label(e.to_string());
                        }
                    }
                }
            }
        });
    }
}

impl eframe::App for WorkbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        WorkbenchApp::ui(self, ui);
    }
}

/// Opens the window and runs until it is closed.
pub fn run_window(token: Option<String>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("JWT Workbench")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "JWT Workbench",
        options,
        Box::new(move |_cc| Ok(Box::new(WorkbenchApp::new(token)))),
    )
    .map_err(|e| format!("could not open the window: {e}"))
}
