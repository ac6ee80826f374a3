//! Where remembered keys live: the system keyring, looked for off the UI thread at start (and
//! the keys it held), written off the UI thread when they change.

use super::runner::spawn;
use crate::secrets::{StoredKeys, Vault};
use std::sync::mpsc::{Receiver, channel};

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

/// What the probe found: the keyring (or its absence), and the keys it held.
pub type Found = (Vault, Result<Option<StoredKeys>, String>);

/// The keyring, found off the UI thread at start, with the keys it held.
pub struct VaultProbe {
    rx: Receiver<Found>,
}

impl VaultProbe {
    /// Starts looking for the system keyring (and the keys it holds, when `load`).
    pub fn start(load: bool) -> VaultProbe {
        let (tx, rx) = channel();
        let probe = move || {
            let vault = Vault::system();
            let keys = if load && vault.available() {
                vault.load()
            } else {
                Ok(None)
            };
            let _ = tx.send((vault, keys));
        };
        if spawn("keyring", probe).is_none() {
            // No thread: no keyring either; the settings file stands in (the sender is gone).
        }
        VaultProbe { rx }
    }

    /// The keyring and its keys once found; `Some` with no keyring when the probe died.
    pub fn poll(&self) -> Option<Found> {
        match self.rx.try_recv() {
            Ok(found) => Some(found),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some((Vault::none(), Ok(None))),
        }
    }
}

/// Writes (or, with `None`, forgets) the remembered keys in the keyring off the UI thread.
pub fn store(vault: Vault, keys: Option<StoredKeys>) {
    let _ = spawn("keyring-save", move || {
        let _ = match keys {
            Some(k) => vault.save(&k),
            None => vault.forget(),
        };
    });
}
