//! Settings in and out: the document's snapshot, window preferences and pane sizes. Saved
//! two seconds after the last change and on exit; keys only when the user asked.

use super::PayloadTab;
use super::app::WorkbenchApp;
use super::views::View;
use crate::core::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::keys::SecretEncoding;
use crate::core::workbench::{Edit, KeyInputs, Snapshot, Workbench};
use crate::settings::Settings;
use eframe::egui;
use std::time::{Duration, Instant};

/// How long after the last change settings are written.
const SAVE_AFTER: Duration = Duration::from_secs(2);

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
            self.state.remember_key = s.remember_key;
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
        self.state.status = note.map(|n| (n, true));
    }

    /// The settings as they stand now.
    pub fn settings(&self) -> Settings {
        let snap = self.wb.snapshot();
        Settings {
            token: snap.token,
            header: snap.header,
            payload: snap.payload,
            editors_lead: snap.editors_lead,
            alg: snap.alg.name().to_string(),
            secret_encoding: snap.keys.secret_encoding.label().to_string(),
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
            remember_key: self.state.remember_key,
            secret: Some(snap.keys.secret),
            private_key: Some(snap.keys.private_key),
            public_key: Some(snap.keys.public_key),
        }
    }

    /// Saves settings now (called on exit and a moment after edits).
    pub fn save_settings(&mut self) {
        self.dirty_since = None;
        if let Some(store) = &self.store
            && let Err(e) = store.save(&self.settings())
        {
            self.state.status = Some((e, true));
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
        if let Some(since) = self.dirty_since {
            if since.elapsed() >= SAVE_AFTER {
                self.save_settings();
            } else {
                ctx.request_repaint_after(SAVE_AFTER.saturating_sub(since.elapsed()));
            }
        }
    }
}

/// The document part of the settings.
fn snapshot_of(s: &Settings) -> Snapshot {
    let keys = KeyInputs {
        secret_encoding: SecretEncoding::ALL
            .into_iter()
            .find(|e| e.label() == s.secret_encoding)
            .unwrap_or_default(),
        ..if s.remember_key {
            KeyInputs {
                secret: s.secret.clone().unwrap_or_default(),
                private_key: s.private_key.clone().unwrap_or_default(),
                public_key: s.public_key.clone().unwrap_or_default(),
                ..KeyInputs::default()
            }
        } else {
            KeyInputs::default()
        }
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
