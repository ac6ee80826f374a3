//! Keys in words: what a key is, one line for people, and what to know before relying on it.

use super::{Key, RSA_MIN_BITS};
use crate::core::alg::Family;

impl Key {
    /// What kind of key this is, in words: "an RSA public key".
    pub fn kind_words(&self) -> String {
        let half = if self.is_private() {
            "private"
        } else {
            "public"
        };
        match self.family() {
            Family::Hmac => "an HMAC secret".to_string(),
            Family::Rsa => format!("an RSA {half} key"),
            Family::Ec(c) => format!("an EC {} {half} key", c.name()),
            Family::Ed25519 => format!("an Ed25519 {half} key"),
            Family::MlDsa(level) => format!("an {level} {half} key"),
            Family::X25519 => format!("an X25519 {half} key"),
        }
    }

    /// One line for people: "RSA 2048 private key, PKCS#8 (PEM)".
    pub fn describe(&self) -> String {
        let half = if self.is_private() {
            "private"
        } else {
            "public"
        };
        let what = match self.family() {
            Family::Hmac => {
                let n = self.bits() / 8;
                format!(
                    "HMAC secret, {n} byte{} ({} bits)",
                    if n == 1 { "" } else { "s" },
                    self.bits()
                )
            }
            Family::Rsa => format!("RSA {} {half} key", self.bits()),
            Family::Ec(c) => format!("EC {} {half} key", c.name()),
            Family::Ed25519 => format!("Ed25519 {half} key"),
            Family::MlDsa(level) => format!("{level} {half} key"),
            Family::X25519 => format!("X25519 {half} key"),
        };
        let container = if self.pem { " (PEM)" } else { "" };
        let kid = self
            .kid
            .as_ref()
            .map(|k| format!(", kid \"{k}\""))
            .unwrap_or_default();
        let cert = self
            .cert
            .as_ref()
            .map(|c| {
                format!(
                    ", subject {}, valid {} to {}",
                    c.subject,
                    crate::core::claims::utc_text(c.not_before)
                        .get(..10)
                        .unwrap_or(""),
                    crate::core::claims::utc_text(c.not_after)
                        .get(..10)
                        .unwrap_or("")
                )
            })
            .unwrap_or_default();
        format!("{what}, {}{container}{kid}{cert}", self.format.label())
    }

    /// Things to know before relying on this key at `now` (weak size, certificate dates).
    pub fn warnings(&self, now: i64) -> Vec<String> {
        let mut out = Vec::new();
        if self.family() == Family::Rsa && self.bits() < RSA_MIN_BITS {
            out.push(format!(
                "RSA-{} is too weak: 2048 bits is the minimum (RFC 7518 section 3.3). This key can only verify RS256 and RS512 tokens, and cannot sign",
                self.bits()
            ));
        }
        if let Some(c) = &self.cert {
            if now > c.not_after {
                out.push(format!(
                    "the certificate expired on {}",
                    crate::core::claims::utc_text(c.not_after)
                ));
            } else if now < c.not_before {
                out.push(format!(
                    "the certificate is not valid before {}",
                    crate::core::claims::utc_text(c.not_before)
                ));
            }
        }
        out
    }
}
