//! Persisted settings: the last session's editors, algorithm and layout, in the platform
//! config directory. The only module that touches `directories`. Written atomically
//! (temporary file, fsync, rename, fsync of the folder), owner-only; keys only when the user
//! asked to remember them and no keyring took them; the token only when the user asked to keep
//! it. A corrupt, truncated, empty or newer-version file is kept beside as a copy and the app
//! starts with defaults.

use crate::core::alg::JwsAlg;
use crate::core::keys::SecretEncoding;
use crate::ui::Prefs;
use crate::ui::prefs::lenient;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The settings format this build writes; a file with a higher version is set aside.
pub const VERSION: u32 = 2;

/// The largest settings file read (64 MiB): tokens are capped at 16 MiB.
const MAX_FILE: usize = 64 << 20;

/// What is remembered between sessions. Preferences are typed values (enums by their
/// lowercase names); a file written by format 2, which held the same names as strings, reads
/// the same.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The window's preferences: view, payload tab, theme, pane sizes, privacy choices.
    #[serde(flatten)]
    pub prefs: Prefs,
    /// The last token text (empty unless `prefs.keep_token`).
    pub token: String,
    /// Header editor text.
    pub header: String,
    /// Payload editor text.
    pub payload: String,
    /// Whether the editors (true) or the token (false) led.
    pub editors_lead: bool,
    /// The algorithm picker.
    #[serde(deserialize_with = "lenient")]
    pub alg: JwsAlg,
    /// How the secret field is read.
    #[serde(deserialize_with = "lenient")]
    pub secret_encoding: SecretEncoding,
    /// Clock leeway in seconds.
    pub leeway: u64,
    /// The audience the verifier expects (empty: none).
    pub audience: String,
    /// Accept any audience.
    pub any_audience: bool,
    /// HMAC secret; only stored when `prefs.remember_key`.
    pub secret: Option<String>,
    /// Private key text; only stored when `prefs.remember_key`.
    pub private_key: Option<String>,
    /// Public key text; only stored when `prefs.remember_key`.
    pub public_key: Option<String>,
    /// The root certificates pinned for x5c chains, one PEM block each (public material).
    #[serde(deserialize_with = "lenient_strings")]
    pub pinned_roots: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: VERSION,
            prefs: Prefs::default(),
            token: String::new(),
            header: String::new(),
            payload: String::new(),
            editors_lead: true,
            alg: JwsAlg::HS256,
            secret_encoding: SecretEncoding::Text,
            leeway: 0,
            audience: String::new(),
            any_audience: false,
            secret: None,
            private_key: None,
            public_key: None,
            pinned_roots: Vec::new(),
        }
    }
}

impl std::fmt::Debug for Settings {
    /// Leaves out the token, the editors and any key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("version", &self.version)
            .field("alg", &self.alg)
            .field("prefs", &self.prefs)
            .finish_non_exhaustive()
    }
}

/// A list of strings read leniently: a value that is not an array reads as empty, an entry
/// that is not a string is left out (a hand-edited file keeps the rest of its settings).
fn lenient_strings<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Array(items) => items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    })
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

    /// Loads settings; a missing file is a first run; a corrupt, truncated, empty or
    /// newer-version one is moved aside (kept as a copy) and the note says so.
    pub fn load(&self) -> Loaded {
        let first_run = Loaded {
            settings: None,
            note: None,
        };
        let meta = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return first_run,
            Err(e) => return self.unreadable(&e.to_string()),
        };
        if meta.is_dir() {
            return self.unreadable("it is a folder");
        }
        let bytes = match crate::core::files::read_capped(&self.path, MAX_FILE, "settings file") {
            Ok(b) => b,
            Err(crate::core::error::Error::FileTooLarge { .. }) => {
                return self.set_aside("it is over the 64 MiB limit");
            }
            Err(e) => return self.unreadable(&e.to_string()),
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return self.set_aside("it is empty");
        }
        match serde_json::from_slice::<Settings>(&bytes) {
            Ok(s) if s.version > VERSION => self.set_aside(&format!(
                "it was written by a newer version of JWT Workbench (format {}, this one reads {VERSION})",
                s.version
            )),
            Ok(s) => Loaded {
                settings: Some(s),
                note: None,
            },
            Err(e) => self.set_aside(&format!("it is not valid settings: {e}")),
        }
    }

    fn unreadable(&self, why: &str) -> Loaded {
        Loaded {
            settings: None,
            note: Some(format!(
                "could not read settings {}: {why}; starting with defaults",
                self.path.display()
            )),
        }
    }

    /// Moves a bad settings file aside, keeping it, and says where.
    fn set_aside(&self, why: &str) -> Loaded {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = self.path.with_extension(format!("json.bad-{stamp}"));
        let where_ = if std::fs::rename(&self.path, &aside).is_ok() {
            format!("kept as {}", aside.display())
        } else {
            "left in place".to_string()
        };
        Loaded {
            settings: None,
            note: Some(format!(
                "the settings file was unreadable ({why}); {where_}; starting with defaults"
            )),
        }
    }

    /// Writes settings atomically (temporary file, flush, rename), owner-only on Unix.
    /// Keys are dropped unless `remember_key` is set.
    pub fn save(&self, settings: &Settings) -> Result<(), String> {
        let mut s = settings.clone();
        s.version = VERSION;
        if !s.prefs.remember_key {
            s.secret = None;
            s.private_key = None;
            s.public_key = None;
        }
        if !s.prefs.keep_token {
            s.token.clear();
        }
        let dir = self.path.parent().ok_or("settings path has no folder")?;
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let json = serde_json::to_vec_pretty(&s).map_err(|e| e.to_string())?;
        crate::core::files::write_new(&self.path, &json, crate::core::files::Access::Owner, true)
            .map_err(|e| format!("could not save settings to {}: {e}", self.path.display()))
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
        let mut s = s;
        s.prefs.remember_key = true;
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
    fn empty_truncated_and_newer_files_are_kept_aside_once() {
        for (name, bytes, says) in [
            ("empty", &b""[..], "it is empty"),
            (
                "truncated",
                &br#"{"version":2,"theme":"da"#[..],
                "not valid settings",
            ),
            ("future", &br#"{"version":99}"#[..], "newer version"),
        ] {
            let store = temp_store(name);
            std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
            std::fs::write(store.path(), bytes).unwrap();
            let loaded = store.load();
            let note = loaded.note.unwrap();
            assert!(note.contains(says), "{name}: {note}");
            assert!(loaded.settings.is_none());
            let kept: Vec<_> = std::fs::read_dir(store.path().parent().unwrap())
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().contains(".bad-"))
                .collect();
            assert_eq!(kept.len(), 1, "{name}: a copy is kept beside");
            assert_eq!(std::fs::read(kept[0].path()).unwrap(), bytes);
            assert!(store.load().note.is_none(), "{name}: said once");
        }
    }

    #[test]
    fn the_token_is_kept_only_when_asked() {
        let store = temp_store("token");
        let s = Settings {
            token: "eyJ.a.b".into(),
            ..Settings::default()
        };
        store.save(&s).unwrap();
        assert!(store.load().settings.unwrap().token.is_empty());
        let mut s = s;
        s.prefs.keep_token = true;
        store.save(&s).unwrap();
        assert_eq!(store.load().settings.unwrap().token, "eyJ.a.b");
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
            note.contains("unreadable") && note.contains("kept as"),
            "{note}"
        );
        assert!(!store.path().exists());
        assert!(
            store.load().note.is_none(),
            "next start is a clean first run"
        );
    }
}
