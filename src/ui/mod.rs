//! The window. One module per pane or view, each drawing from the core `Workbench` and
//! sending it `Edit`s; `app` wires them, `run` executes commands. No JWT logic lives here.

pub mod app;
pub mod attacks;
pub mod buffers;
mod cache;
mod chrome;
pub mod claims;
pub mod clipboard;
pub mod commands;
mod context;
mod debugger;
pub mod fetch_dialog;
pub mod fetch_options;
mod fetch_result;
pub mod findings;
pub mod header;
mod highlight;
mod jwe_pane;
mod key_actions;
pub mod keys;
mod keys_view;
pub mod labels;
pub mod native;
pub mod payload;
pub mod perf;
pub mod platform;
pub mod prefs;
pub mod presentation;
mod runner;
mod sdjwt;
mod structure;
pub mod style;
pub mod token;
pub mod vault;
pub mod verdict;
pub mod views;
mod watch;
pub mod widgets;
pub mod x5c;

pub use app::{AppOptions, Clock, WorkbenchApp};
pub use native::run_window;

use crate::core::workbench::Edit;
pub use prefs::{PayloadTab, Prefs, Theme};

use commands::Command;

/// What panes ask for this frame: edits for the document, commands for the app.
#[derive(Debug, Default)]
pub struct Actions {
    /// Edits, applied in order after the panes are drawn.
    pub edits: Vec<Edit>,
    /// Commands to run.
    pub commands: Vec<Command>,
    /// Texts to copy to the clipboard, each with what it is ("Token").
    pub copies: Vec<(String, String)>,
}

impl Actions {
    /// Queues an edit.
    pub fn edit(&mut self, e: Edit) {
        self.edits.push(e);
    }

    /// Queues a copy to the clipboard.
    pub fn copy(&mut self, text: String, what: &str) {
        self.copies.push((text, what.to_string()));
    }
}

/// Window-only state that is not part of the document.
#[derive(Debug)]
pub struct UiState {
    /// The preferences kept between sessions (view, tab, theme, sizes, privacy choices).
    pub prefs: Prefs,
    /// Show the HMAC secret in clear.
    pub show_secret: bool,
    /// Show the private key text in clear.
    pub show_private: bool,
    /// Show the JWE key text in clear.
    pub show_jwe_key: bool,
    /// The fallback key path field.
    pub key_path: String,
    /// Where remembered keys are kept.
    pub key_storage: vault::KeyStorage,
    /// The last message for the status line, and whether it is an error.
    pub status: Option<(String, bool)>,
    /// RSA size for key generation, in bits.
    pub rsa_bits: usize,
    /// The time-travel field's text.
    pub clock_text: String,
    /// Why the time-travel text could not be read.
    pub clock_error: Option<String>,
    /// The payload member lit up in the Structure view.
    pub structure_focus: Option<String>,
    /// The payload character under the pointer in the Structure view (0-based).
    pub structure_char: Option<usize>,
    /// Presentation mode: larger text, secrets and sensitive claims masked.
    pub presentation: bool,
    /// Sensitive claims shown in clear in presentation mode.
    pub revealed: Vec<String>,
    /// The "Fetch keys…" window.
    pub fetch: fetch_dialog::FetchDialog,
    /// The Keys view's field for a root certificate to pin (PEM).
    pub root_paste: String,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            prefs: Prefs::default(),
            show_secret: false,
            show_private: false,
            show_jwe_key: false,
            key_path: String::new(),
            key_storage: vault::KeyStorage::Probing,
            status: None,
            rsa_bits: 2048,
            clock_text: String::new(),
            clock_error: None,
            structure_focus: None,
            structure_char: None,
            presentation: false,
            revealed: Vec::new(),
            fetch: fetch_dialog::FetchDialog::default(),
            root_paste: String::new(),
        }
    }
}
