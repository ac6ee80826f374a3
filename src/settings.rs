//! Persisted settings: the last session's editors, algorithm and layout, in the platform
//! config directory. The only module that touches `directories`. Written atomically; keys
//! and secrets only when the user asked to remember them; a corrupt file is set aside.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What is remembered between sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The last token text.
    pub token: String,
    /// Header editor text.
    pub header: String,
    /// Payload editor text.
    pub payload: String,
    /// Whether the editors (true) or the token (false) led.
    pub editors_lead: bool,
    /// Algorithm name.
    pub alg: String,
    /// Secret encoding label: text, base64 or hex.
    pub secret_encoding: String,
    /// Width of the token column, in points.
    pub token_panel_width: f32,
    /// Height of the token editor in its column, in points.
    pub token_height: f32,
    /// The view on show: debugger, structure, attacks or keys.
    pub view: String,
    /// The payload pane's tab when JSON and claims do not fit side by side: json or claims.
    pub payload_tab: String,
    /// "system", "dark" or "light".
    pub theme: String,
    /// Clock leeway in seconds.
    pub leeway: u64,
    /// The user ticked "remember key on this machine".
    pub remember_key: bool,
    /// HMAC secret; only stored when `remember_key`.
    pub secret: Option<String>,
    /// Private key text; only stored when `remember_key`.
    pub private_key: Option<String>,
    /// Public key text; only stored when `remember_key`.
    pub public_key: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            token: String::new(),
            header: String::new(),
            payload: String::new(),
            editors_lead: true,
            alg: "HS256".into(),
            secret_encoding: "text".into(),
            token_panel_width: 0.0,
            token_height: 0.0,
            view: "debugger".into(),
            payload_tab: "json".into(),
            theme: "system".into(),
            leeway: 0,
            remember_key: false,
            secret: None,
            private_key: None,
            public_key: None,
        }
    }
}

/// Where settings live.
#[derive(Debug, Clone)]
pub struct SettingsStore {
    path: PathBuf,
}

/// The outcome of loading: settings (defaults when none) and a note for the user, if any.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The settings, or `None` on first run.
    pub settings: Option<Settings>,
    /// What happened, when it is worth telling ("settings were corrupt, set aside as ...").
    pub note: Option<String>,
}

impl SettingsStore {
    /// The platform's config directory (e.g. `~/.config/jwt-workbench/settings.json`).
    pub fn default_location() -> Option<SettingsStore> {
        let dirs = directories::ProjectDirs::from("dev", "jwt-workbench", "jwt-workbench")?;
        Some(SettingsStore {
            path: dirs.config_dir().join("settings.json"),
        })
    }

    /// Settings at an explicit path (tests, portable use).
    pub fn at(path: impl Into<PathBuf>) -> SettingsStore {
        SettingsStore { path: path.into() }
    }

    /// The settings file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Loads settings; a missing file is a first run, a corrupt one is renamed aside.
    pub fn load(&self) -> Loaded {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Loaded {
                    settings: None,
                    note: None,
                };
            }
            Err(e) => {
                return Loaded {
                    settings: None,
                    note: Some(format!(
                        "could not read settings {}: {e}; starting with defaults",
                        self.path.display()
                    )),
                };
            }
        };
        match serde_json::from_slice::<Settings>(&bytes) {
            Ok(s) => Loaded {
                settings: Some(s),
                note: None,
            },
            Err(e) => {
                let aside = self
                    .path
                    .with_extension(format!("json.corrupt-{}", std::process::id()));
                let moved = std::fs::rename(&self.path, &aside).is_ok();
                let where_ = if moved {
                    format!("set aside as {}", aside.display())
                } else {
                    "left in place".to_string()
                };
                Loaded {
                    settings: None,
                    note: Some(format!(
                        "settings file was unreadable ({e}); {where_}; starting with defaults"
                    )),
                }
            }
        }
    }

    /// Writes settings atomically (temporary file, flush, rename), owner-only on Unix.
    /// Keys are dropped unless `remember_key` is set.
    pub fn save(&self, settings: &Settings) -> Result<(), String> {
        let mut s = settings.clone();
        if !s.remember_key {
            s.secret = None;
            s.private_key = None;
            s.public_key = None;
        }
        let dir = self.path.parent().ok_or("settings path has no folder")?;
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let json = serde_json::to_vec_pretty(&s).map_err(|e| e.to_string())?;
        let tmp = self
            .path
            .with_extension(format!("json.tmp-{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let mut f = opts.open(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("could not save settings to {}: {e}", self.path.display())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_store(name: &str) -> SettingsStore {
        let dir =
            std::env::temp_dir().join(format!("jwtwb-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        SettingsStore::at(dir.join("settings.json"))
    }

    #[test]
    fn round_trip_without_secrets_unless_asked() {
        let store = temp_store("rt");
        assert!(store.load().settings.is_none());
        let s = Settings {
            payload: "{\"a\":1}".into(),
            secret: Some("hunter2".into()),
            ..Settings::default()
        };
        store.save(&s).unwrap();
        let text = std::fs::read_to_string(store.path()).unwrap();
        assert!(
            !text.contains("hunter2"),
            "secret not written unless remembered"
        );
        let back = store.load().settings.unwrap();
        assert_eq!(back.payload, "{\"a\":1}");
        assert_eq!(back.secret, None);
        let s = Settings {
            remember_key: true,
            ..s
        };
        store.save(&s).unwrap();
        assert_eq!(
            store.load().settings.unwrap().secret.as_deref(),
            Some("hunter2")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(store.path())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "owner-only");
        }
    }

    #[test]
    fn corrupt_file_is_set_aside() {
        let store = temp_store("corrupt");
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), b"{ not json").unwrap();
        let loaded = store.load();
        assert!(loaded.settings.is_none());
        let note = loaded.note.unwrap();
        assert!(
            note.contains("unreadable") && note.contains("set aside"),
            "{note}"
        );
        assert!(!store.path().exists());
        assert!(
            store.load().note.is_none(),
            "next start is a clean first run"
        );
    }
}
