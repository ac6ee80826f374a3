//! Opening the real window: the native options, the icon, the token given on the command line
//! (text or a .jwt file), the RNG warmed off the UI thread, and one sentence when it cannot
//! open.

use super::app::{AppOptions, WorkbenchApp};
use eframe::egui;
use std::process::ExitCode;
use std::time::Instant;

/// Opens the window with `arg` (a token, or a file holding one) and runs until it closes.
pub fn open(arg: Option<String>, started: Instant) -> ExitCode {
    let token = match arg {
        Some(a) if std::path::Path::new(&a).is_file() => match read_token_file(&a) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        other => other,
    };
    match run_window(token, started) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Reads a token file, refusing anything over the token size limit.
fn read_token_file(path: &str) -> Result<String, String> {
    let limit = crate::core::token::MAX_TOKEN;
    let bytes = crate::core::files::read_capped(std::path::Path::new(path), limit, "token file")
        .map_err(|e| e.to_string())?;
    String::from_utf8(bytes)
        .map(|t| t.trim().to_string())
        .map_err(|_| format!("{path} is not text, so it holds no token"))
}

/// The window icon, from `assets/icon.png`.
fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok()
}

/// Says in one sentence why the window could not open, naming the package to install.
fn window_error(e: &str) -> String {
    let has = |needle: &str| e.to_ascii_lowercase().contains(needle);
    if has("egl") || has("libgl") || has("opengl") || has("glutin") {
        format!(
            "the OpenGL runtime is missing or unusable ({e}); install it (Debian/Ubuntu: sudo apt install libgl1 libegl1 libgl1-mesa-dri)"
        )
    } else if has("xkbcommon") {
        "the keyboard library is missing; install it (Debian/Ubuntu: sudo apt install libxkbcommon-x11-0)".to_string()
    } else if has("wayland_display") || has("display is set") || has("open display") {
        "no display: run the window inside a desktop session (neither DISPLAY nor WAYLAND_DISPLAY leads to one); the command line works anywhere: jwt-workbench --help".to_string()
    } else {
        format!("could not open the window: {e}")
    }
}

/// Opens the window and runs until it is closed; `started` is when the process started.
/// Errors are one sentence that says what to install or do.
pub fn run_window(token: Option<String>, started: Instant) -> Result<(), String> {
    let unset = |v: &str| std::env::var_os(v).is_none_or(|s| s.is_empty());
    if unset("DISPLAY") && unset("WAYLAND_DISPLAY") && unset("WAYLAND_SOCKET") {
        return Err(window_error("neither WAYLAND_DISPLAY nor DISPLAY is set"));
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("JWT Workbench")
        .with_app_id("jwt-workbench")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([900.0, 600.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    // The first ECDSA, PSS or RSA signature would otherwise start aws-lc's generator in a frame.
    let _ = std::thread::Builder::new()
        .name("warm-rng".into())
        .spawn(crate::core::keys::warm_up_rng);
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "JWT Workbench",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(WorkbenchApp::new(AppOptions::native(
                token, started,
            ))))
        }),
    )
    .map_err(|e| window_error(&e.to_string()))
}
