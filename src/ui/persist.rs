//! Settings in and out: the document's snapshot, window preferences and pane sizes. Saved
//! two seconds after the last change, at once on Clear, and on exit. A pasted token is kept
//! only when the user asked; remembered keys go to the system keyring when one answers,
//! else to the owner-only settings file, and the key pane says which.

use super::PayloadTab;
use super::app::WorkbenchApp;
use super::views::View;
use crate::core::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::keys::SecretEncoding;
use crate::core::workbench::{Edit, KeyInputs, Snapshot, Workbench};
use crate::secrets::{StoredKeys, Vault};
use crate::settings::Settings;
use eframe::egui;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// How long after the last change settings are written.
const SAVE_AFTER: Duration = Duration::from_secs(2);

/// Where remembered keys are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStorage {
    /// Looking for a system keyring.
    Probing,
    /// In the system keyring.
    Keyring,
    /// In plain text in this settings file (owner-only).
    File(String),
    /// Nowhere: this session keeps no settings.
    NotKept,
}

/// The keyring, found off the UI thread at start, with the keys it held.
pub(super) struct VaultProbe {
    rx: Receiver<(Vault, Result<Option<StoredKeys>, String>)>,
}

impl VaultProbe {
    /// Starts looking for the system keyring (and the keys it holds, when `load`).
    pub(super) fn start(load: bool, ctx: Option<egui::Context>) -> VaultProbe {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let vault = Vault::system();
            let keys = if load && vault.available() {
                vault.load()
            } else {
                Ok(None)
            };
            let _ = tx.send((vault, keys));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        VaultProbe { rx }
    }
}

impl WorkbenchApp {
    /// Restores the last session (or starts with the example) and the preferences.
    pub(super) fn restore(&mut self, now: NumericDate) {
        let loaded = self
            .store
            .as_ref()
            .map(crate::settings::SettingsStore::load);
        let note = loaded.as_ref().and_then(|l| l.note.clone());
        let settings = loaded.and_then(|l| l.settings);
        let blank = |s: &Settings| {
            s.token.is_empty() && s.header.trim().is_empty() && s.payload.trim().is_empty()
        };
        self.wb = match &settings {
            Some(s) if !blank(s) => Workbench::restore(snapshot_of(s), now),
            Some(s) => {
                let mut wb = Workbench::example(now);
                wb.apply(Edit::Leeway(s.leeway), now);
                wb
            }
            None => Workbench::example(now),
        };
        if let Some(s) = &settings {
            let _ = self.wb.apply(Edit::Audience(s.audience.clone()), now);
            let _ = self.wb.apply(Edit::AnyAudience(s.any_audience), now);
            self.state.remember_key = s.remember_key;
            self.state.keep_token = s.keep_token;
            self.state.view = View::from_id(&s.view);
            self.state.payload_tab = if s.payload_tab == "claims" {
                PayloadTab::Claims
            } else {
                PayloadTab::Json
            };
            self.sizes.token_width = s.token_panel_width.clamp(0.0, 4000.0);
            self.sizes.token_height = s.token_height.clamp(0.0, 3000.0);
            self.theme = match s.theme.as_str() {
                "dark" => egui::ThemePreference::Dark,
                "light" => egui::ThemePreference::Light,
                _ => egui::ThemePreference::System,
            };
        }
        // Keys remembered in the keyring arrive a moment later (poll_vault).
        let keys_in_file = settings
            .as_ref()
            .is_some_and(|s| s.secret.is_some() || s.private_key.is_some());
        if self.store.is_none() {
            self.state.key_storage = KeyStorage::NotKept;
        } else {
            self.state.key_storage = KeyStorage::Probing;
            self.vault_probe = Some(VaultProbe::start(
                self.state.remember_key && !keys_in_file,
                None,
            ));
        }
        self.state.status = note.map(|n| (n, true));
    }

    /// Takes the keyring found at start and the keys it held.
    pub(super) fn poll_vault(&mut self, ctx: &egui::Context) {
        let Some(probe) = &self.vault_probe else {
            return;
        };
        let Ok((vault, keys)) = probe.rx.try_recv() else {
            return;
        };
        self.vault_probe = None;
        self.state.key_storage = if vault.available() {
            KeyStorage::Keyring
        } else {
            KeyStorage::File(self.settings_path())
        };
        self.vault = Some(vault);
        match keys {
            Ok(Some(k)) => {
                let encoding = SecretEncoding::ALL
                    .into_iter()
                    .find(|e| e.label() == k.secret_encoding)
                    .unwrap_or_default();
                let inputs = KeyInputs {
                    secret: k.secret.to_string(),
                    secret_encoding: encoding,
                    private_key: k.private_key.to_string(),
                    public_key: k.public_key.clone(),
                    jwe_key: String::new(),
                    jwe_key_encoding: SecretEncoding::Text,
                };
                self.apply(Edit::Keys(inputs), ctx);
            }
            Ok(None) => {}
            Err(e) => self.error(e),
        }
    }

    fn settings_path(&self) -> String {
        self.store
            .as_ref()
            .map(|s| s.path().display().to_string())
            .unwrap_or_default()
    }

    /// The settings as they stand now (keys included; `save_settings` decides where they go).
    pub fn settings(&self) -> Settings {
        let snap = self.wb.snapshot();
        // A pasted token is a live credential: without "keep the last token", neither it nor
        // the editors that only show it are written.
        let pasted = !snap.editors_lead && !self.state.keep_token;
        let keys = snap.keys.clone();
        Settings {
            version: crate::settings::VERSION,
            keep_token: self.state.keep_token,
            token: if self.state.keep_token {
                snap.token.clone()
            } else {
                String::new()
            },
            header: if pasted {
                String::new()
            } else {
                snap.header.clone()
            },
            payload: if pasted {
                String::new()
            } else {
                snap.payload.clone()
            },
            editors_lead: snap.editors_lead,
            alg: snap.alg.name().to_string(),
            secret_encoding: keys.secret_encoding.label().to_string(),
            token_panel_width: self.sizes.token_width,
            token_height: self.sizes.token_height,
            view: self.state.view.id().to_string(),
            payload_tab: match self.state.payload_tab {
                PayloadTab::Json => "json",
                PayloadTab::Claims => "claims",
            }
            .to_string(),
            theme: match self.theme {
                egui::ThemePreference::Dark => "dark",
                egui::ThemePreference::Light => "light",
                egui::ThemePreference::System => "system",
            }
            .to_string(),
            leeway: snap.leeway,
            audience: self.wb.policy().aud.clone().unwrap_or_default(),
            any_audience: self.wb.policy().any_aud,
            remember_key: self.state.remember_key,
            secret: Some(keys.secret.clone()),
            private_key: Some(keys.private_key.clone()),
            public_key: Some(keys.public_key.clone()),
        }
    }

    /// Saves settings now (on exit, on Clear, and a moment after edits). Remembered keys go
    /// to the keyring when there is one (off the UI thread), else into the file.
    pub fn save_settings(&mut self) {
        self.dirty_since = None;
        let mut s = self.settings();
        let vault = self.vault.clone().filter(Vault::available);
        if let Some(vault) = vault {
            let wanted = s.remember_key.then(|| StoredKeys {
                secret: Zeroizing::new(s.secret.take().unwrap_or_default()),
                secret_encoding: s.secret_encoding.clone(),
                private_key: Zeroizing::new(s.private_key.take().unwrap_or_default()),
                public_key: s.public_key.take().unwrap_or_default(),
            });
            s.secret = None;
            s.private_key = None;
            s.public_key = None;
            if wanted != self.vault_saved {
                self.vault_saved = wanted.clone();
                std::thread::spawn(move || match wanted {
                    Some(keys) => vault.save(&keys),
                    None => vault.forget(),
                });
            }
        }
        if let Some(store) = &self.store {
            match store.save(&s) {
                Ok(()) => self.save_warned = false,
                // Warn once; the app keeps working without saving.
                Err(e) if !self.save_warned => {
                    self.save_warned = true;
                    self.state.status = Some((
                        format!("{e}. The app works on, but settings are not kept."),
                        true,
                    ));
                }
                Err(_) => {}
            }
        }
    }

    /// Something worth saving changed.
    pub(super) fn mark_dirty(&mut self) {
        if self.dirty_since.is_none() {
            self.dirty_since = Some(Instant::now());
        }
    }

    /// Saves when the last change is old enough, else asks for a frame when it will be.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        self.poll_vault(ctx);
        if let Some(since) = self.dirty_since {
            if since.elapsed() >= SAVE_AFTER {
                self.save_settings();
            } else {
                ctx.request_repaint_after(SAVE_AFTER.saturating_sub(since.elapsed()));
            }
        }
        if self.vault_probe.is_some() {
            ctx.request_repaint_after(Duration::from_millis(200));
        }
    }
}

/// The document part of the settings.
fn snapshot_of(s: &Settings) -> Snapshot {
    let encoding = SecretEncoding::ALL
        .into_iter()
        .find(|e| e.label() == s.secret_encoding)
        .unwrap_or_default();
    let keys = if s.remember_key {
        KeyInputs {
            secret: s.secret.clone().unwrap_or_default(),
            secret_encoding: encoding,
            private_key: s.private_key.clone().unwrap_or_default(),
            public_key: s.public_key.clone().unwrap_or_default(),
            jwe_key: String::new(),
            jwe_key_encoding: SecretEncoding::Text,
        }
    } else {
        let mut k = KeyInputs::default();
        k.secret_encoding = encoding;
        k
    };
    Snapshot {
        token: s.token.clone(),
        header: s.header.clone(),
        payload: s.payload.clone(),
        editors_lead: s.editors_lead,
        alg: JwsAlg::from_name(&s.alg).unwrap_or_default(),
        keys,
        leeway: s.leeway,
    }
}
