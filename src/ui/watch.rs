//! A key file loaded from disk, re-read when it changes on disk (checked when the window gets
//! focus), unless the user edited the field it went into.

use crate::core::keys::KeyField;
use crate::core::workbench::Workbench;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A key file being watched.
#[derive(Debug, Clone)]
pub struct Watched {
    /// The file.
    pub path: PathBuf,
    /// When it was last modified, as last seen.
    pub modified: Option<SystemTime>,
    /// The field it went into, once known.
    pub field: Option<KeyField>,
    /// That field's text when it was loaded (an edit since means: keep the user's text).
    pub text: String,
}

impl Watched {
    /// A file just read.
    pub fn new(path: &Path) -> Watched {
        Watched {
            path: path.to_path_buf(),
            modified: modified(path),
            field: None,
            text: String::new(),
        }
    }
}

/// When `path` was last modified, if it can be told.
pub fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The text of a key field in the document.
pub fn field_text(wb: &Workbench, field: KeyField) -> &str {
    let k = wb.keys();
    match field {
        KeyField::Secret => &k.secret,
        KeyField::Private => &k.private_key,
        KeyField::Public => &k.public_key,
        KeyField::Jwe => &k.jwe_key,
    }
}
