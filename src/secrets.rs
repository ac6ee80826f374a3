//! Remembered keys in the operating system's keyring (the Secret Service on Linux, through
//! the keyring crate family's `keyring-core`), used only when the user ticks "Remember key".
//! The only module that talks to a keyring. Where no keyring answers, the caller falls back to
//! the owner-only settings file and says that the keys are stored there in plain text.

use keyring_core::{CredentialStore, Entry};
use serde_json::{Value, json};
use std::sync::Arc;
use zeroize::Zeroizing;

/// The keyring entry's service and user names.
const SERVICE: &str = "jwt-workbench";
const USER: &str = "remembered-keys";

/// The key pane's texts, as kept in the keyring.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct StoredKeys {
    /// HMAC secret text.
    pub secret: Zeroizing<String>,
    /// Its encoding label: text, base64 or hex.
    pub secret_encoding: String,
    /// Private key text.
    pub private_key: Zeroizing<String>,
    /// Public key text.
    pub public_key: String,
}

impl std::fmt::Debug for StoredKeys {
    /// Never prints key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoredKeys(..)")
    }
}

/// A keyring, or none.
#[derive(Clone)]
pub struct Vault {
    store: Option<Arc<CredentialStore>>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.store.is_some() {
            "Vault(keyring)"
        } else {
            "Vault(none)"
        })
    }
}

impl Vault {
    /// The system keyring when a Secret Service answers on the session bus, else none.
    /// Connecting may take a moment: call it off the UI thread.
    pub fn system() -> Vault {
        // Without a session bus there is no Secret Service: do not even try.
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
            return Vault::none();
        }
        let store = zbus_secret_service_keyring_store::Store::new()
            .ok()
            .map(|s| s as Arc<CredentialStore>);
        Vault { store }
    }

    /// No keyring: keys go to the settings file when remembered.
    pub fn none() -> Vault {
        Vault { store: None }
    }

    /// A vault on the given store (tests use keyring-core's mock store).
    pub fn on(store: Arc<CredentialStore>) -> Vault {
        Vault { store: Some(store) }
    }

    /// True when a keyring is there.
    pub fn available(&self) -> bool {
        self.store.is_some()
    }

    fn entry(&self) -> Result<Entry, String> {
        let store = self.store.as_ref().ok_or("no system keyring")?;
        Entry::new_in_store(store, SERVICE, USER).map_err(|e| e.to_string())
    }

    /// Stores the keys (replacing what was there).
    pub fn save(&self, keys: &StoredKeys) -> Result<(), String> {
        let blob = Zeroizing::new(
            json!({
                "secret": keys.secret.as_str(),
                "secret_encoding": keys.secret_encoding,
                "private_key": keys.private_key.as_str(),
                "public_key": keys.public_key,
            })
            .to_string(),
        );
        self.entry()?
            .set_password(&blob)
            .map_err(|e| format!("the system keyring refused the keys: {e}"))
    }

    /// The stored keys, `Ok(None)` when nothing is stored.
    pub fn load(&self) -> Result<Option<StoredKeys>, String> {
        let blob = match self.entry()?.get_password() {
            Ok(b) => Zeroizing::new(b),
            Err(keyring_core::Error::NoEntry) => return Ok(None),
            Err(e) => return Err(format!("the system keyring could not be read: {e}")),
        };
        let v: Value = serde_json::from_str(&blob)
            .map_err(|_| "the keys in the system keyring are not readable".to_string())?;
        let text = |name: &str| {
            v.get(name)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        Ok(Some(StoredKeys {
            secret: Zeroizing::new(text("secret")),
            secret_encoding: text("secret_encoding"),
            private_key: Zeroizing::new(text("private_key")),
            public_key: text("public_key"),
        }))
    }

    /// Removes the stored keys, if any.
    pub fn forget(&self) -> Result<(), String> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(format!("the system keyring could not forget the keys: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_a_keyring_and_are_forgotten() {
        let vault = Vault::on(keyring_core::mock::Store::new().unwrap());
        assert!(vault.available());
        assert_eq!(vault.load().unwrap(), None);
        let keys = StoredKeys {
            secret: Zeroizing::new("hunter2-hunter2".into()),
            secret_encoding: "text".into(),
            private_key: Zeroizing::new("-----BEGIN PRIVATE KEY-----\n...".into()),
            public_key: String::new(),
        };
        vault.save(&keys).unwrap();
        assert_eq!(vault.load().unwrap(), Some(keys.clone()));
        assert_eq!(
            format!("{keys:?}"),
            "StoredKeys(..)",
            "no key material in logs"
        );
        vault.forget().unwrap();
        assert_eq!(vault.load().unwrap(), None);
        assert!(Vault::none().save(&keys).is_err());
    }
}
