//! The one harness factory for window tests: the real app at a fixed clock.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jwt_workbench::settings::SettingsStore;
use jwt_workbench::ui::platform::FakePlatform;
use jwt_workbench::ui::{AppOptions, Clock, WorkbenchApp};
use std::sync::Arc;
use std::sync::atomic::AtomicI64;

/// The instant every window test starts at.
pub const NOW: i64 = 1_800_000_000;

/// How a test starts the app.
#[derive(Default)]
pub struct Opts {
    pub token: Option<String>,
    pub store: Option<SettingsStore>,
    pub platform: FakePlatform,
    pub size: Option<(f32, f32)>,
}

/// The real app at [`NOW`], 1280x800 unless `size` says otherwise.
pub fn harness(opts: Opts) -> (Harness<'static, WorkbenchApp>, Arc<AtomicI64>) {
    let (clock, handle) = Clock::manual(NOW);
    let app = WorkbenchApp::new(AppOptions {
        token: opts.token,
        store: opts.store,
        platform: Box::new(opts.platform),
        clock,
        perf: None,
    });
    let (w, h) = opts.size.unwrap_or((1280.0, 800.0));
    let mut h = Harness::builder()
        .with_size(egui::vec2(w, h))
        // A pasted token can reflow the token column, the checks and the findings at once.
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut WorkbenchApp| app.ui(ui), app);
    h.run();
    (h, handle)
}

/// The accessible value (text) of the field labelled `label`.
pub fn value(h: &Harness<'_, WorkbenchApp>, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

/// Replaces the text of the field labelled `label`, as a paste would, and settles.
pub fn set_text(h: &mut Harness<'_, WorkbenchApp>, label: &str, text: &str) {
    h.get_by_label(label).set_text_value_accesskit(text);
    h.run();
}

/// True when some node's label contains `text`.
pub fn shows(h: &Harness<'_, WorkbenchApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// True when the headline says the token is valid: "✔ Valid", or "⚠ Valid signature, but …"
/// when the key in use is one anyone can have (the example signs with jwt.io's published
/// secret, so its headline says that).
pub fn is_valid(h: &Harness<'_, WorkbenchApp>) -> bool {
    shows(h, "✔ Valid") || shows(h, "⚠ Valid signature, but")
}

/// A fresh temporary folder for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("jwtwb-ui-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
