//! The headline of a pasted or made JWE that is not (or not only) a signed token to judge:
//! not decrypted, decrypting, failed, or decrypted claims that nobody signed.

use super::verdict::{Tone, capitalised};
use super::{JweState, Workbench};
use crate::core::claims::NumericDate;

impl Workbench {
    /// The headline of a JWE that is not (or not only) a signed token to judge.
    pub(super) fn jwe_headline(&self, now: NumericDate) -> Option<(Tone, String, String)> {
        let view = self.jwe.as_ref()?;
        let algs = view
            .parts
            .as_ref()
            .map(|p| format!("{}, {}", p.alg, p.enc))
            .unwrap_or_else(|_| "unreadable header".into());
        Some(match &view.state {
            JweState::NoKey(why) => (
                Tone::Warn,
                format!("🔒 Encrypted ({algs}): not decrypted"),
                format!(
                    "{}. Its claims can be read only with the decryption key.",
                    capitalised(why)
                ),
            ),
            JweState::Decrypting => (Tone::Neutral, "… Decrypting".into(), String::new()),
            JweState::Failed(e) => (
                Tone::Bad,
                "× Decryption failed".into(),
                format!("{}.", capitalised(e)),
            ),
            JweState::Decrypted { nested: true, .. } | JweState::Made { nested: true, .. } => {
                return None;
            }
            JweState::Decrypted { nested: false, .. } => {
                let claims = self
                    .report(now)
                    .and_then(|r| r.checks.iter().skip(1).find(|c| !c.ok).map(|c| c.short()));
                (
                    Tone::Warn,
                    match claims {
                        Some(c) => format!("🔓 Decrypted, not signed; {c}"),
                        None => "🔓 Decrypted, not signed".into(),
                    },
                    "The claims were encrypted but not signed: anyone who holds the recipient's public key could have made this token. Sign, then encrypt (a nested JWT).".into(),
                )
            }
            JweState::Made {
                nested: false,
                recipient,
            } => (
                Tone::Warn,
                "🔒 Encrypted, not signed".into(),
                format!(
                    "Encrypted to {recipient}; the claims are not signed, so anyone who holds that public key could make such a token."
                ),
            ),
        })
    }
}
