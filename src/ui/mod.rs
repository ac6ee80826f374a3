//! The window. One module per pane, each drawing from and editing the core `Workbench`;
//! `app` wires them and runs commands. No JWT logic lives here.

pub mod app;
pub mod claims;
pub mod commands;
pub mod findings;
pub mod header;
pub mod keys;
pub mod labels;
pub mod payload;
pub mod platform;
pub mod token;
pub mod widgets;

pub use app::{AppOptions, Clock, WorkbenchApp, run_window};

use crate::core::workbench::SignJob;
use commands::Command;

/// What panes ask the app to do this frame.
#[derive(Debug, Default)]
pub struct Actions {
    /// Commands to run.
    pub commands: Vec<Command>,
    /// The latest signing job (a newer one replaces an older one).
    pub job: Option<SignJob>,
    /// Something worth saving changed.
    pub settings_dirty: bool,
}

impl Actions {
    /// Queues a signing job, if there is one; any edit makes settings dirty.
    pub fn sign(&mut self, job: Option<SignJob>) {
        if job.is_some() {
            self.job = job;
        }
        self.settings_dirty = true;
    }
}

/// Window-only state that is not part of the document.
#[derive(Debug)]
pub struct UiState {
    /// Show the HMAC secret in clear.
    pub show_secret: bool,
    /// The fallback key path field.
    pub key_path: String,
    /// "Remember key on this machine".
    pub remember_key: bool,
    /// The last message for the status line, and whether it is an error.
    pub status: Option<(String, bool)>,
    /// RSA size for key generation, in bits.
    pub rsa_bits: usize,
    /// What is being generated off the UI thread, if anything.
    pub generating: Option<String>,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            show_secret: false,
            key_path: String::new(),
            remember_key: false,
            status: None,
            rsa_bits: 2048,
            generating: None,
        }
    }
}
