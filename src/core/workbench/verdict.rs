//! One truth on screen: the headline says which token and which key it judges, and when the
//! editors and the token disagree or no usable key is present, it says that instead of a
//! verdict.

use super::{Lead, Workbench};
use crate::core::alg::HeaderAlg;
use crate::core::claims::{self, NumericDate};
use crate::core::error::Error;
use crate::core::keys::KeyError;
use crate::core::verify::{Unchecked, Verdict};

/// Why the token shown does not reflect the editors.
#[derive(Debug, Clone, PartialEq)]
pub enum Stale {
    /// The header or payload editor holds invalid JSON.
    Json(Error),
    /// The header's alg cannot be signed (none, unknown, missing).
    Alg(String),
    /// There is no usable signing key.
    Key(KeyError),
    /// The backend failed to sign.
    Failed(Error),
    /// Encryption is on but there is no usable recipient key.
    Encryption(String),
}

impl Stale {
    /// A few words for the headline: "no RSA private key".
    pub fn short(&self) -> String {
        match self {
            Stale::Json(Error::Json {
                what, line, column, ..
            }) => format!("the {what} is not valid JSON (line {line}, column {column})"),
            Stale::Json(e) => e.to_string(),
            Stale::Alg(_) => "the header's alg cannot be signed".to_string(),
            Stale::Key(e) => key_short(e),
            Stale::Failed(_) => "signing failed".to_string(),
            Stale::Encryption(_) => "no key to encrypt to".to_string(),
        }
    }

    /// The full reason.
    pub fn detail(&self) -> String {
        match self {
            Stale::Json(e) | Stale::Failed(e) => e.to_string(),
            Stale::Alg(s) | Stale::Encryption(s) => s.clone(),
            Stale::Key(e) => e.to_string(),
        }
    }
}

/// "an RSA private key" -> "no RSA private key"; other key problems in a few words.
fn key_short(e: &KeyError) -> String {
    let no = |needs: &str| {
        let bare = needs
            .strip_prefix("an ")
            .or_else(|| needs.strip_prefix("a "))
            .unwrap_or(needs);
        format!("no {bare}")
    };
    match e {
        KeyError::Missing { needs, .. } => no(needs),
        KeyError::NoSecret | KeyError::SecretEmpty => "no secret".to_string(),
        KeyError::WrongKind { alg, needs, .. } => format!("{alg} needs {needs}"),
        KeyError::WeakRsaSign(bits) => format!("the RSA key has only {bits} bits"),
        KeyError::SecretIsKey(_) => "a key was given as the secret".to_string(),
        KeyError::KidNotFound { kid, .. } => format!("no key with kid \"{kid}\""),
        _ => "the key cannot be used".to_string(),
    }
}

/// The tone of a headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Valid.
    Good,
    /// Not judged: stale, no key, signing.
    Warn,
    /// Failed.
    Bad,
    /// Nothing to judge.
    Neutral,
}

/// The verdict area's headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// Its tone.
    pub tone: Tone,
    /// The headline itself: "✔ Valid", "× Expired", "Not re-signed yet: no RSA private key".
    pub title: String,
    /// One sentence more.
    pub detail: String,
    /// Which token and which key it judges.
    pub judging: String,
    /// "as of …" when the clock is not live.
    pub as_of: Option<String>,
}

impl Workbench {
    /// The headline at the real time `now` (judged at the document's clock).
    pub fn headline(&self, now: NumericDate) -> Headline {
        let at = self.at(now);
        let as_of = (!self.clock.is_live()).then(|| {
            format!(
                "as of {} ({} the real clock)",
                claims::utc_text(at),
                relative(at.saturating_sub(now))
            )
        });
        let head = |tone, title: String, detail: String, judging: String| Headline {
            tone,
            title,
            detail,
            judging,
            as_of: as_of.clone(),
        };
        if let Some(stale) = &self.stale {
            let (title, what) = if self.token.is_empty() {
                ("Not signed yet", "There is no token yet")
            } else {
                (
                    "Not re-signed yet",
                    "The token shown is the last one signed; it does not match your edits, so it is not judged",
                )
            };
            return head(
                Tone::Warn,
                format!("{title}: {}", stale.short()),
                format!("{}. {what}.", capitalised(&stale.detail())),
                self.judging(),
            );
        }
        if self.signing {
            return head(
                Tone::Neutral,
                "… Signing".into(),
                "Signing off the UI thread; the verdict follows.".into(),
                self.judging(),
            );
        }
        if let Some(h) = self.jwe_headline(now) {
            return head(h.0, h.1, h.2, self.judging());
        }
        match &self.inspection {
            Err(Error::EmptyToken) => {
                return head(
                    Tone::Neutral,
                    "Nothing to verify yet".into(),
                    "Paste a token, or edit the header and payload to build one.".into(),
                    String::new(),
                );
            }
            Err(e) => {
                return head(
                    Tone::Bad,
                    "× Malformed token".into(),
                    capitalised(&e.to_string()),
                    String::new(),
                );
            }
            Ok(_) => {}
        }
        let Some(report) = self.report(now) else {
            return head(Tone::Neutral, String::new(), String::new(), String::new());
        };
        let (verdict, text) = report.verdict();
        let (tone, title) = match verdict {
            Verdict::Valid => (Tone::Good, "✔ Valid".to_string()),
            Verdict::InvalidSignature => (Tone::Bad, "× Invalid signature".to_string()),
            Verdict::Expired => (Tone::Bad, "× Expired".to_string()),
            Verdict::NotYetValid => (Tone::Bad, "× Not yet valid".to_string()),
            Verdict::InvalidClaims => (Tone::Bad, "× Invalid claims".to_string()),
            Verdict::AudienceNotChecked => (
                Tone::Warn,
                "? Signature valid, audience not checked".to_string(),
            ),
            Verdict::ClaimFailed
                if report
                    .deciding_failure()
                    .is_some_and(|c| c.fault == Some(crate::core::verify::Fault::NoClaims)) =>
            {
                (Tone::Warn, "? Valid signature, not a JWT".to_string())
            }
            Verdict::ClaimFailed => (
                Tone::Bad,
                format!(
                    "× {}",
                    report
                        .deciding_failure()
                        .map(|c| c.short())
                        .unwrap_or_default()
                ),
            ),
            Verdict::NotChecked => (
                Tone::Warn,
                format!("? Not checked: {}", self.why_unchecked()),
            ),
        };
        let detail = if verdict == Verdict::AudienceNotChecked {
            format!(
                "{}. Enter the audience this service expects under Expected audience, or tick Any audience.",
                capitalised(&text)
            )
        } else {
            capitalised(&text)
        };
        head(tone, title, detail, self.judging())
    }

    /// The headline of a JWE that is not (or not only) a signed token to judge.
    fn jwe_headline(&self, now: NumericDate) -> Option<(Tone, String, String)> {
        use super::JweState;
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

    /// Why the signature was not checked, in a few words.
    fn why_unchecked(&self) -> String {
        match self.unchecked() {
            Some(Unchecked::NoKey) => match self.verify_key() {
                Err(e) => key_short(e),
                Ok(_) => "no key".into(),
            },
            Some(Unchecked::AlgNone) => "alg none is never accepted".into(),
            Some(Unchecked::UnsupportedAlg) => "unsupported algorithm".into(),
            Some(Unchecked::AlgNotAllowed) => "algorithm not allowed".into(),
            Some(Unchecked::KeyMismatch) => "the key does not fit the token".into(),
            Some(Unchecked::Malformed) => "malformed token".into(),
            Some(Unchecked::Encrypted) => "encrypted token (JWE)".into(),
            None => String::new(),
        }
    }

    /// "the pasted token (HS256, signature …0KAAQ) with HMAC secret, 38 bytes (304 bits), text".
    fn judging(&self) -> String {
        let Ok(insp) = &self.inspection else {
            return String::new();
        };
        if let Some(view) = &self.jwe
            && !matches!(
                view.state,
                super::JweState::Decrypted { nested: true, .. }
                    | super::JweState::Made { nested: true, .. }
            )
        {
            let algs = view
                .parts
                .as_ref()
                .map(|p| format!("{}, {}", p.alg, p.enc))
                .unwrap_or_else(|_| "unreadable".into());
            let which = if self.lead == Lead::Token {
                "the pasted JWE"
            } else {
                "the JWE made from your editors"
            };
            return format!("Judging {which} ({algs})");
        }
        let nested = self.jwe.as_ref().is_some_and(|j| {
            matches!(
                j.state,
                super::JweState::Decrypted { nested: true, .. }
                    | super::JweState::Made { nested: true, .. }
            )
        });
        let which = match (self.lead, nested) {
            (Lead::Token, false) => "the pasted token",
            (Lead::Token, true) => "the signed token inside the pasted JWE",
            (Lead::Editors, false) => "the token signed from your editors",
            (Lead::Editors, true) => "the signed token inside the JWE made from your editors",
        };
        let alg = match &insp.alg {
            HeaderAlg::Known(a) => a.name().to_string(),
            HeaderAlg::None(s) | HeaderAlg::Unknown(s) => format!("alg \"{s}\""),
            HeaderAlg::NotAString => "alg not a string".to_string(),
            HeaderAlg::Missing => "no alg".to_string(),
        };
        let sig = insp.signature_text();
        let tail: String = sig
            .chars()
            .rev()
            .take(6)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let sig = if sig.is_empty() {
            "no signature".to_string()
        } else {
            format!("signature …{tail}")
        };
        let key = match self.verify_key() {
            Ok(k) => k.describe(),
            Err(_) => "no usable key".into(),
        };
        format!("Judging {which} ({alg}, {sig}) with {key}")
    }

    /// The countdown at the document's clock: text and tone (exp passed: Bad; last minute or
    /// not yet valid: Warn).
    pub fn countdown(&self, now: NumericDate) -> Option<(String, Tone)> {
        let now = self.at(now);
        let c = self.inspection.as_ref().ok()?.claims()?;
        if let Ok(Some(nbf)) = claims::time_claim(c, "nbf")
            && nbf > now
        {
            return Some((
                format!("valid in {}", claims::clock(nbf.saturating_sub(now))),
                Tone::Warn,
            ));
        }
        let exp = claims::time_claim(c, "exp").ok().flatten()?;
        Some(if exp > now {
            let tone = if exp.saturating_sub(now) <= 60 {
                Tone::Warn
            } else {
                Tone::Good
            };
            (
                format!("expires in {}", claims::clock(exp.saturating_sub(now))),
                tone,
            )
        } else {
            (
                format!(
                    "expired {} ago",
                    claims::human_duration(now.saturating_sub(exp))
                ),
                Tone::Bad,
            )
        })
    }
}

/// Seconds until a relative time text at distance `d` (seconds) changes: "45s" and
/// "29m 12s" every second, "3h 4m" every minute, "2d 5h" every hour, "1y 35d" every day.
fn text_changes_in(d: i64) -> i64 {
    let d = d.saturating_abs();
    let step = match d {
        0..3_600 => 1,
        3_600..86_400 => 60,
        86_400..31_536_000 => 3_600,
        _ => 86_400,
    };
    (step - d % step).max(1)
}

impl Workbench {
    /// Seconds until any time the window shows (the countdown, exp, nbf, iat as relative text)
    /// would read differently; `None` when the token shows no times. The window repaints then,
    /// and not before.
    pub fn next_tick(&self, now: NumericDate) -> Option<i64> {
        let c = self.inspection.as_ref().ok()?.claims()?;
        let at = self.at(now);
        ["exp", "nbf", "iat"]
            .into_iter()
            .filter_map(|name| claims::time_claim(c, name).ok().flatten())
            .map(|t| {
                let d = t.saturating_sub(at);
                // The countdown clock shows seconds under a day, minutes above.
                let countdown = if d.saturating_abs() < 86_400 {
                    1
                } else {
                    60 - d.saturating_abs() % 60
                };
                text_changes_in(d).min(countdown.max(1))
            })
            .min()
    }
}

fn relative(delta: i64) -> String {
    match delta {
        0 => "at".to_string(),
        d if d > 0 => format!("{} after", claims::human_duration(d)),
        d => format!("{} before", claims::human_duration(d)),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
