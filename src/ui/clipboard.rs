//! Secrets copied to the clipboard are cleared 30 seconds later, if they are still there.
//! A copy counts as a secret when it is, or is part of, the HMAC secret or the private key
//! text: whether it came from a button or from Ctrl+C in a field.

use super::platform::Platform;
use crate::core::claims::NumericDate;
use crate::core::workbench::Workbench;
use zeroize::Zeroizing;

/// How long a copied secret may stay on the clipboard, in seconds.
pub const CLEAR_AFTER: i64 = 30;

/// The secret copied last and when to clear it.
#[derive(Default)]
pub struct ClipboardGuard {
    armed: Option<(NumericDate, Zeroizing<String>)>,
}

impl std::fmt::Debug for ClipboardGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.armed.is_some() {
            "ClipboardGuard(armed)"
        } else {
            "ClipboardGuard(idle)"
        })
    }
}

/// True when `copied` is secret material of the document (the secret or the private key).
pub fn is_secret(wb: &Workbench, copied: &str) -> bool {
    let k = wb.keys();
    let t = copied.trim();
    t.len() >= 4
        && [k.secret.as_str(), k.private_key.as_str()]
            .iter()
            .any(|s| !s.is_empty() && s.contains(t))
}

impl ClipboardGuard {
    /// Clears `text` from the clipboard at `now + 30 s`, if it is still there then.
    pub fn arm(&mut self, text: &str, now: NumericDate) {
        self.armed = Some((now + CLEAR_AFTER, Zeroizing::new(text.to_string())));
    }

    /// Seconds until the guard must look again, while armed.
    pub fn due_in(&self, now: NumericDate) -> Option<i64> {
        self.armed.as_ref().map(|(at, _)| (at - now).max(0))
    }

    /// At the deadline: clears the clipboard when it still holds the secret. Returns true
    /// when it cleared.
    pub fn tick(&mut self, now: NumericDate, platform: &mut dyn Platform) -> bool {
        let Some((at, text)) = &self.armed else {
            return false;
        };
        if now < *at {
            return false;
        }
        let still_there = platform.clipboard().is_some_and(|c| c == text.as_str());
        if still_there {
            platform.clear_clipboard();
        }
        self.armed = None;
        still_there
    }
}
