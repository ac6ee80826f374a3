//! The reference for the window's memory and start-up figures: a bare eframe window with the
//! same renderer (glow), features and size as JWT Workbench, showing one label. Run by
//! `benches/window.sh`; not part of the app.

use eframe::egui;

fn main() -> eframe::Result {
    let started = std::time::Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare eframe")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Bare eframe",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Bare {
                started,
                first: true,
            }))
        }),
    )
}

struct Bare {
    started: std::time::Instant,
    first: bool,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare eframe window");
        });
        if std::mem::take(&mut self.first) {
            eprintln!(
                "first frame {:.1} ms after start",
                self.started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
