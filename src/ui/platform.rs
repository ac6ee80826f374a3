//! What the window asks of the desktop: open and save dialogs. Tests use a fake.
//!
//! Dialogs run on their own thread so a frame is never blocked; where no dialog service
//! runs (minimal window managers, Xvfb), the user is told to use the path field or drop.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// A dialog's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogEvent {
    /// The user chose a file to open, for this purpose.
    Chosen(Opening, PathBuf),
    /// The token was written to this file.
    Saved(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// The dialog could not be shown or the write failed.
    Failed(String),
}

/// What an open dialog picks a file for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// A key for the key pane: PEM, DER, JWK or JWKS.
    Key,
    /// Root certificates to pin for x5c chains: PEM.
    Roots,
}

impl Opening {
    fn title(self) -> &'static str {
        match self {
            Opening::Key => "Open a key: PEM, DER, JWK or JWKS",
            Opening::Roots => "Pin root certificates for x5c: a PEM file",
        }
    }

    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Opening::Key => (
                "Keys",
                &[
                    "pem", "key", "crt", "cer", "der", "json", "jwk", "jwks", "pub",
                ],
            ),
            Opening::Roots => ("Certificates", &["pem", "crt", "cer"]),
        }
    }
}

/// A file to save through the save dialog.
#[derive(Debug, Clone)]
pub struct SaveRequest {
    /// Dialog title.
    pub title: String,
    /// Suggested file name.
    pub name: String,
    /// What to write.
    pub contents: Vec<u8>,
    /// Secret material: written with owner-only permissions.
    pub private: bool,
}

impl SaveRequest {
    /// A save request for text.
    pub fn new(title: &str, name: impl Into<String>, text: String, private: bool) -> SaveRequest {
        SaveRequest {
            title: title.to_string(),
            name: name.into(),
            contents: text.into_bytes(),
            private,
        }
    }
}

/// Writes `req.contents` to `path` as a new file (owner-only, 0600, when `req.private`),
/// replacing what is there without writing through a link.
pub fn write_saved(path: &std::path::Path, req: &SaveRequest) -> DialogEvent {
    use crate::core::files::{Access, write_new};
    let access = if req.private {
        Access::Owner
    } else {
        Access::Public
    };
    match write_new(path, &req.contents, access, true) {
        Ok(()) => DialogEvent::Saved(path.to_path_buf()),
        Err(e) => DialogEvent::Failed(format!("could not write {}: {e}", path.display())),
    }
}

/// Desktop services.
pub trait Platform {
    /// Starts an open dialog for a file of the kind `what` names.
    fn open_dialog(&mut self, ctx: &egui::Context, what: Opening);
    /// Starts a save dialog and writes the request to the chosen file.
    fn save_dialog(&mut self, ctx: &egui::Context, req: SaveRequest);
    /// A finished dialog, if any.
    fn poll(&mut self) -> Option<DialogEvent>;
    /// Puts text on the clipboard.
    fn copy(&mut self, ctx: &egui::Context, text: String) {
        ctx.copy_text(text);
    }
    /// What the clipboard holds now, when it can be read.
    fn clipboard(&mut self) -> Option<String>;
    /// Empties the clipboard.
    fn clear_clipboard(&mut self);
}

/// Native dialogs through rfd.
pub struct NativePlatform {
    tx: Sender<DialogEvent>,
    rx: Receiver<DialogEvent>,
}

impl Default for NativePlatform {
    fn default() -> Self {
        let (tx, rx) = channel();
        NativePlatform { tx, rx }
    }
}

impl Platform for NativePlatform {
    fn open_dialog(&mut self, ctx: &egui::Context, what: Opening) {
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let started = super::runner::spawn("open-dialog", move || {
            let (name, extensions) = what.filter();
            let picked = rfd::FileDialog::new()
                .set_title(what.title())
                .add_filter(name, extensions)
                .add_filter("All files", &["*"])
                .pick_file();
            let _ =
                tx.send(picked.map_or(DialogEvent::Cancelled, |p| DialogEvent::Chosen(what, p)));
            ctx.request_repaint();
        });
        if started.is_none() {
            let _ = self.tx.send(DialogEvent::Failed(
                "could not start the file dialog".into(),
            ));
        }
    }

    fn save_dialog(&mut self, ctx: &egui::Context, req: SaveRequest) {
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let started = super::runner::spawn("save-dialog", move || {
            let event = match rfd::FileDialog::new()
                .set_title(&req.title)
                .set_file_name(&req.name)
                .save_file()
            {
                None => DialogEvent::Cancelled,
                Some(path) => write_saved(&path, &req),
            };
            let _ = tx.send(event);
            ctx.request_repaint();
        });
        if started.is_none() {
            let _ = self.tx.send(DialogEvent::Failed(
                "could not start the save dialog".into(),
            ));
        }
    }

    fn poll(&mut self) -> Option<DialogEvent> {
        self.rx.try_recv().ok()
    }

    fn clipboard(&mut self) -> Option<String> {
        arboard::Clipboard::new().ok()?.get_text().ok()
    }

    fn clear_clipboard(&mut self) {
        if let Ok(mut c) = arboard::Clipboard::new() {
            let _ = c.clear();
        }
    }
}

/// A scripted platform for tests: the open dialog "chooses" what `choose_open` set; saves
/// go where `choose_save` said. Clones share their script, so a test keeps a handle.
#[derive(Debug, Default, Clone)]
pub struct FakePlatform {
    inner: std::sync::Arc<std::sync::Mutex<FakeScript>>,
}

#[derive(Debug, Default)]
struct FakeScript {
    next_open: Option<PathBuf>,
    next_save: Option<PathBuf>,
    pending: Vec<DialogEvent>,
    clipboard: Option<String>,
}

impl FakePlatform {
    fn script(&self) -> std::sync::MutexGuard<'_, FakeScript> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// What the next open dialog returns (`None`: the user cancels).
    pub fn choose_open(&self, path: Option<PathBuf>) {
        self.script().next_open = path;
    }

    /// Where the next save dialog writes (`None`: the user cancels).
    pub fn choose_save(&self, path: Option<PathBuf>) {
        self.script().next_save = path;
    }

    /// What the fake clipboard holds.
    pub fn clipboard_text(&self) -> Option<String> {
        self.script().clipboard.clone()
    }

    /// Puts text on the fake clipboard, as another program would.
    pub fn set_clipboard(&self, text: &str) {
        self.script().clipboard = Some(text.to_string());
    }
}

impl Platform for FakePlatform {
    fn open_dialog(&mut self, ctx: &egui::Context, what: Opening) {
        ctx.request_repaint();
        let mut s = self.script();
        let event = s
            .next_open
            .take()
            .map_or(DialogEvent::Cancelled, |p| DialogEvent::Chosen(what, p));
        s.pending.push(event);
    }

    fn save_dialog(&mut self, ctx: &egui::Context, req: SaveRequest) {
        ctx.request_repaint();
        let mut s = self.script();
        let event = match s.next_save.take() {
            None => DialogEvent::Cancelled,
            Some(path) => write_saved(&path, &req),
        };
        s.pending.push(event);
    }

    fn poll(&mut self) -> Option<DialogEvent> {
        let mut s = self.script();
        if s.pending.is_empty() {
            None
        } else {
            Some(s.pending.remove(0))
        }
    }

    fn copy(&mut self, ctx: &egui::Context, text: String) {
        self.script().clipboard = Some(text.clone());
        ctx.copy_text(text);
    }

    fn clipboard(&mut self) -> Option<String> {
        self.script().clipboard.clone()
    }

    fn clear_clipboard(&mut self) {
        self.script().clipboard = Some(String::new());
    }
}
