//! Settings in and out: the document's snapshot and the window's preferences. Saved two
//! seconds after the last change, at once on Clear, and on exit. A pasted token is kept only
//! when the user asked; remembered keys go to the system keyring when one answers, else to
//! the owner-only settings file, and the key pane says which.

use super::WorkbenchApp;
use crate::core::keys::SecretEncoding;
use crate::core::workbench::{Edit, KeyInputs, Snapshot, Template};
use crate::secrets::{StoredKeys, Vault};
use crate::settings::Settings;
use crate::ui::vault::{self, KeyStorage, VaultProbe};
use eframe::egui;
use std::time::{Duration, Instant};
use zeroize::Zeroizing;

/// How long after the last change settings are written.
const SAVE_AFTER: Duration = Duration::from_secs(2);

impl WorkbenchApp {
    /// Restores the last session (or starts with the example) and the preferences, through
    /// the document's front door: a restored JWE with a remembered key is decrypted.
    pub(super) fn restore(&mut self) {
        let loaded = self
            .store
            .as_ref()
            .map(crate::settings::SettingsStore::load);
        let note = loaded.as_ref().and_then(|l| l.note.clone());
        let settings = loaded.and_then(|l| l.settings);
        let blank = |s: &Settings| {
            s.token.is_empty() && s.header.trim().is_empty() && s.payload.trim().is_empty()
        };
        let now = self.clock.now();
        // Remembered keys and preferences are restored even when there is no token or edit
        // to restore; then the example fills the editors (keeping a remembered secret).
        let snapshot = settings.as_ref().map(snapshot_of).unwrap_or_default();
        self.apply(Edit::Restore(Box::new(snapshot)), None);
        if settings.as_ref().is_none_or(blank) {
            let template = Template::Example;
            self.apply(Edit::Template { template, now }, None);
        }
        if let Some(s) = &settings {
            self.state.prefs = s.prefs.clone().sane();
        }
        self.saved_prefs = self.state.prefs.clone();
        self.dirty_since = None;
        // Keys remembered in the keyring arrive a moment later (poll_vault).
        let keys_in_file = settings
            .as_ref()
            .is_some_and(|s| s.secret.is_some() || s.private_key.is_some());
        if self.store.is_none() {
            self.state.key_storage = KeyStorage::NotKept;
        } else {
            self.state.key_storage = KeyStorage::Probing;
            let load = self.state.prefs.remember_key && !keys_in_file;
            self.vault_probe = Some(VaultProbe::start(load));
        }
        self.state.status = note.map(|n| (n, true));
    }

    /// Takes the keyring found at start and the keys it held.
    fn poll_vault(&mut self, ctx: &egui::Context) {
        let Some((vault, keys)) = self.vault_probe.as_ref().and_then(VaultProbe::poll) else {
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
                self.apply(Edit::Keys(inputs), Some(ctx));
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
        let keep = self.state.prefs.keep_token;
        // A pasted token is a live credential: without "keep the last token", neither it nor
        // the editors that only show it are written.
        let pasted = !snap.editors_lead && !keep;
        let kept = |text: &String| if pasted { String::new() } else { text.clone() };
        Settings {
            version: crate::settings::VERSION,
            prefs: self.state.prefs.clone(),
            token: if keep {
                snap.token.clone()
            } else {
                String::new()
            },
            header: kept(&snap.header),
            payload: kept(&snap.payload),
            editors_lead: snap.editors_lead,
            alg: snap.alg,
            secret_encoding: snap.keys.secret_encoding,
            leeway: snap.leeway,
            audience: snap.audience.clone(),
            any_audience: snap.any_audience,
            secret: Some(snap.keys.secret.clone()),
            private_key: Some(snap.keys.private_key.clone()),
            public_key: Some(snap.keys.public_key.clone()),
            pinned_roots: snap
                .pinned_roots
                .iter()
                .map(|der| crate::core::keys::pem_encode("CERTIFICATE", der))
                .collect(),
        }
    }

    /// Saves settings now (on exit, on Clear, and a moment after edits). Remembered keys go
    /// to the keyring when there is one (off the UI thread), else into the file.
    pub fn save_settings(&mut self) {
        self.dirty_since = None;
        let mut s = self.settings();
        let vault = self.vault.clone().filter(Vault::available);
        if let Some(vault) = vault {
            let wanted = s.prefs.remember_key.then(|| StoredKeys {
                secret: Zeroizing::new(s.secret.take().unwrap_or_default()),
                secret_encoding: s.secret_encoding.label().to_string(),
                private_key: Zeroizing::new(s.private_key.take().unwrap_or_default()),
                public_key: s.public_key.take().unwrap_or_default(),
            });
            s.secret = None;
            s.private_key = None;
            s.public_key = None;
            if wanted != self.vault_saved {
                self.vault_saved = wanted.clone();
                vault::store(vault, wanted);
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
    let keys = if s.prefs.remember_key {
        KeyInputs {
            secret: s.secret.clone().unwrap_or_default(),
            secret_encoding: s.secret_encoding,
            private_key: s.private_key.clone().unwrap_or_default(),
            public_key: s.public_key.clone().unwrap_or_default(),
            jwe_key: String::new(),
            jwe_key_encoding: SecretEncoding::Text,
        }
    } else {
        let mut k = KeyInputs::default();
        k.secret_encoding = s.secret_encoding;
        k
    };
    Snapshot {
        token: s.token.clone(),
        header: s.header.clone(),
        payload: s.payload.clone(),
        editors_lead: s.editors_lead,
        alg: s.alg,
        keys,
        leeway: s.leeway,
        audience: s.audience.clone(),
        any_audience: s.any_audience,
        // A root that no longer reads, or cannot be a trust anchor (the file was edited by
        // hand), is left out: it neither stops the start nor disables the other roots.
        pinned_roots: s
            .pinned_roots
            .iter()
            .filter_map(|pem| crate::core::keys::x5c::pem_certificates(pem).ok())
            .flatten()
            .filter(|der| crate::core::keys::x5c::check_root(der, 0).is_ok())
            .collect(),
    }
}
