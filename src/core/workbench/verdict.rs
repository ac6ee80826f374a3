//! One truth on screen: the headline says which token and which key it judges, and when the
//! editors and the token disagree or no usable key is present, it says that instead of a
//! verdict.

use super::stale::key_short;
use super::{Lead, Workbench};
use crate::core::alg::HeaderAlg;
use crate::core::claims::{self, NumericDate};
use crate::core::error::Error;
use crate::core::findings;
use crate::core::verify::{Report, SignatureStatus, Unchecked, Verdict};

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
        if let Some(h) = self.json_headline(now) {
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
        if verdict == Verdict::Valid {
            let (tone, title, detail) = self.valid_headline(&report);
            return head(tone, title, detail, self.judging());
        }
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
                format!("? Not checked: {}", self.why_unchecked(&report)),
            ),
        };
        let detail = match verdict {
            Verdict::AudienceNotChecked => format!(
                "{}. Enter the audience this service expects under Expected audience, or tick Any audience.",
                capitalised(&text)
            ),
            // The title says it; the detail says what it means.
            Verdict::InvalidSignature => "The signature does not match this key: the token was changed after it was signed, or another key signed it.".to_string(),
            _ => capitalised(&text),
        };
        head(tone, title, detail, self.judging())
    }

    /// The headline of a valid token: a plain green "✔ Valid" only when nothing undermines
    /// it. A key anyone can have (an empty, published or short secret; the key the token
    /// carries in its own header) is said in the headline itself, not only below it.
    fn valid_headline(&self, report: &Report) -> (Tone, String, String) {
        let key = self.verify_key().ok();
        let secret = key
            .map(|k| findings::secret_findings(k, self.alg))
            .unwrap_or_default();
        let has = |id: &str| secret.iter().find(|f| f.id == id);
        if let Some(f) = has("hmac-secret-well-known").or(has("hmac-secret-empty")) {
            return (
                Tone::Bad,
                "⚠ Valid signature, but the secret is well known: anyone can forge this".into(),
                format!("{}. {}.", capitalised(&f.title), capitalised(&f.detail)),
            );
        }
        if let Some(f) = has("hmac-secret-short") {
            return (
                Tone::Warn,
                "⚠ Valid signature, but the secret is short: it can be guessed".into(),
                format!("{}. {}.", capitalised(&f.title), capitalised(&f.detail)),
            );
        }
        if let Some(doc) = self.sd_jwt() {
            return (
                Tone::Good,
                format!("✔ Valid {}", doc.sd.kind()),
                "The issuer's signature verified, every disclosure placed, and every step of RFC 9901 sections 7.1 and 7.3 passed.".into(),
            );
        }
        if self.profile() == crate::core::profiles::Profile::DpopProof
            && key.is_none_or(|k| self.is_embedded_key(k))
        {
            return (
                Tone::Good,
                "✔ Valid DPoP proof".into(),
                "Signed with the public key it carries, as RFC 9449 requires, and every step of section 4.3 passed for the request given under Context.".into(),
            );
        }
        if let Some(x5c) = report.checks.iter().find(|c| c.name == "x5c" && c.ok) {
            return (
                Tone::Good,
                "✔ Valid, signed by a certificate chain to a pinned root".into(),
                format!("The {}. Every check passed.", x5c.detail),
            );
        }
        if key.is_some_and(|k| self.is_embedded_key(k)) {
            return (
                Tone::Warn,
                "⚠ Valid signature, but only with the key the token carries".into(),
                "The token was checked with the key from its own header (jwk, or the leaf of its x5c): anyone can make a token that passes that. Verify with the issuer's key, or empty the key pane and pin the root its x5c chain must validate to (Keys view).".into(),
            );
        }
        (
            Tone::Good,
            "✔ Valid".into(),
            "Signature verified and every check passed.".into(),
        )
    }

    /// True when `key` is the key the token carries in its `jwk` header.
    fn is_embedded_key(&self, key: &crate::core::keys::Key) -> bool {
        let embedded = self
            .inspection
            .as_ref()
            .ok()
            .and_then(|i| i.header.as_ref().ok())
            .and_then(|h| h.get("jwk"))
            .and_then(serde_json::Value::as_object)
            .and_then(|jwk| crate::core::keys::parse_jwk(jwk).ok());
        embedded.is_some_and(|e| e.thumbprint() == key.thumbprint()) || self.is_x5c_leaf(key)
    }

    /// Why the signature was not checked, in a few words.
    fn why_unchecked(&self, report: &Report) -> String {
        let unchecked = match &report.signature {
            SignatureStatus::Unchecked(u, _) => Some(*u),
            _ => None,
        };
        match unchecked {
            Some(Unchecked::NoKey) if self.x5c_decides() => {
                if self.roots.is_empty() {
                    "no key, and no root is pinned for its x5c chain".into()
                } else {
                    "its x5c chain does not validate to a pinned root".into()
                }
            }
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
            Err(_) if self.x5c_decides() => {
                "the leaf key of its x5c chain, trusted only through a pinned root".into()
            }
            Err(_) => "no usable key".into(),
        };
        format!("Judging {which} ({alg}, {sig}) with {key}")
    }
}

fn relative(delta: i64) -> String {
    match delta {
        0 => "at".to_string(),
        d if d > 0 => format!("{} after", claims::human_duration(d)),
        d => format!("{} before", claims::human_duration(d)),
    }
}

pub(super) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
