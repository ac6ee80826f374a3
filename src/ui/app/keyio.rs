//! Keys from disk: the open dialog, the path field and drops all come here; a loaded file is
//! watched and re-read when it changes (checked when the window gets focus).

use super::WorkbenchApp;
use crate::core::keys::{self, KeyField};
use crate::core::workbench::Edit;
use crate::ui::platform::{DialogEvent, Opening};
use crate::ui::watch::{Watched, field_text, modified};
use eframe::egui;
use std::path::Path;

impl WorkbenchApp {
    /// Loads a key file into the key pane (dialogs, the path field and drops all use this).
    pub(super) fn load_key_path(&mut self, path: &Path, ctx: &egui::Context) {
        match keys::read_key_file(path) {
            Ok(bytes) => {
                self.watched = Some(Watched::new(path));
                let source = path.display().to_string();
                self.apply(Edit::LoadKey { bytes, source }, Some(ctx));
            }
            Err(e) => self.error(format!("Could not use {}: {e}", path.display())),
        }
    }

    /// Pins the root certificates of a PEM file for x5c chains (the Keys view's "Pin roots
    /// from file…").
    pub(super) fn pin_roots_file(&mut self, path: &Path, ctx: &egui::Context) {
        let read = crate::core::files::read_capped(path, keys::MAX_KEY_FILE, "roots file")
            .map_err(|e| e.to_string())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        let pinned = read.and_then(|pem| {
            crate::core::keys::x5c::pin(self.wb.pinned_roots(), &pem).map_err(|e| e.to_string())
        });
        match pinned {
            Ok((roots, added)) => {
                self.apply(Edit::PinnedRoots(roots), Some(ctx));
                self.status(crate::ui::x5c::pinned_note(
                    &added,
                    &path.display().to_string(),
                ));
            }
            Err(e) => self.error(format!("Could not pin roots from {}: {e}", path.display())),
        }
    }

    /// After an edit: a file being loaded landed in `field` (or did not land at all).
    pub(super) fn watch_loaded(&mut self, field: Option<KeyField>) {
        let Some(w) = &mut self.watched else {
            return;
        };
        if w.field.is_some() {
            return;
        }
        match field {
            Some(f) => {
                w.field = Some(f);
                w.text = field_text(&self.wb, f).to_string();
            }
            None => self.watched = None,
        }
    }

    /// Re-reads a loaded key file that changed on disk, unless the user edited its field.
    fn check_watched(&mut self, ctx: &egui::Context) {
        let Some(w) = self.watched.clone() else {
            return;
        };
        let Some(field) = w.field else {
            return;
        };
        let now_modified = modified(&w.path);
        if now_modified == w.modified {
            return;
        }
        if field_text(&self.wb, field) != w.text {
            if let Some(watched) = &mut self.watched {
                watched.modified = now_modified;
            }
            self.status(format!(
                "{} changed on disk; your edits in the key field are kept (load it again to use the file)",
                w.path.display()
            ));
            return;
        }
        self.load_key_path(&w.path, ctx);
        if let Some((text, false)) = &self.state.status {
            let note = format!("{} changed on disk: reloaded. {text}", w.path.display());
            self.status(note);
        }
    }

    /// Dialog results: chosen key files, saved files, cancellations.
    pub(super) fn poll_dialogs(&mut self, ctx: &egui::Context) {
        while let Some(event) = self.platform.poll() {
            match event {
                DialogEvent::Chosen(Opening::Key, path) => self.load_key_path(&path, ctx),
                DialogEvent::Chosen(Opening::Roots, path) => self.pin_roots_file(&path, ctx),
                DialogEvent::Saved(path) => {
                    self.status(format!("Saved to {}", path.display()));
                }
                DialogEvent::Cancelled => self.status(
                    "No file chosen. If no dialog appeared, type the path in the key path field or drop the file on the window.",
                ),
                DialogEvent::Failed(e) => self.error(e),
            }
        }
    }

    /// Window focus (re-read watched key files) and dropped files (load them as keys).
    pub(super) fn window_events(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if focused {
            self.check_watched(ctx);
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path().to_path_buf();
            if !path.as_os_str().is_empty() {
                self.load_key_path(&path, ctx);
                continue;
            }
            match file.bytes() {
                Ok(bytes) => {
                    let source = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "the dropped file".to_string());
                    self.apply(Edit::LoadKey { bytes, source }, Some(ctx));
                }
                Err(e) => self.error(format!("Could not read the dropped file: {e}")),
            }
        }
    }
}
