//! The one error type of the JWE core, and the names of a JWE's five parts.
//!
//! Variants carry data, not messages (the payload types are in `problem.rs` and
//! `refusal.rs`); each renders a lowercase sentence that says what failed and where, and
//! never contains a key, a secret, a CEK or a whole token. Every failure that happens
//! *during* decryption (wrong key, bad unwrap, bad tag, bad padding, RSA failure) is the
//! single [`JweError::Decryption`], so the messages give an attacker no oracle.

use super::alg::KeyNeed;
use super::json::JsonProblem;
use super::problem::{HeaderProblem, SizeProblem, Unsupported};
use super::refusal::{BackendProblem, CurveProblem, EncryptProblem, LimitKind, WrongKey};
use crate::core::b64::B64Error;
use crate::core::keys::KeyError;
use std::fmt;

/// One of the five dot-separated parts of a compact JWE (RFC 7516 section 7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The first part: BASE64URL(UTF8(JWE Protected Header)).
    ProtectedHeader,
    /// The second part: the encrypted (wrapped) content encryption key.
    EncryptedKey,
    /// The third part: the initialization vector of the content encryption.
    Iv,
    /// The fourth part: the ciphertext.
    Ciphertext,
    /// The fifth part: the authentication tag.
    Tag,
}

impl Part {
    /// The five parts in token order.
    pub const ALL: [Part; 5] = [
        Part::ProtectedHeader,
        Part::EncryptedKey,
        Part::Iv,
        Part::Ciphertext,
        Part::Tag,
    ];

    /// The part's name as RFC 7516 spells it, lowercase ("initialization vector").
    pub fn name(self) -> &'static str {
        match self {
            Part::ProtectedHeader => "protected header",
            Part::EncryptedKey => "encrypted key",
            Part::Iv => "initialization vector",
            Part::Ciphertext => "ciphertext",
            Part::Tag => "authentication tag",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The uniform message of every decryption failure.
pub const DECRYPTION_FAILED: &str = "decryption failed: wrong key, or the token was altered";

/// Everything that can go wrong while parsing, decrypting or encrypting a JWE.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JweError {
    /// The input holds no token at all.
    #[error("no token given: paste a compact JWE (five base64url parts separated by dots)")]
    Empty,
    /// The token does not have five dot-separated parts.
    #[error(
        "a compact JWE has 5 parts separated by dots; this one has {found}{}",
        if *found == 3 { " (3 parts is a signed JWS, not an encrypted JWE)" } else { "" }
    )]
    PartCount {
        /// How many parts were found.
        found: usize,
    },
    /// A part is not valid base64url.
    #[error("the {part} is not valid base64url: {detail}")]
    Base64 {
        /// The part concerned.
        part: Part,
        /// What is wrong, with a 1-based character position within the part.
        detail: B64Error,
    },
    /// The protected header is not a JSON object, or a member is missing or malformed.
    #[error("protected header: {0}")]
    Header(#[from] HeaderProblem),
    /// An algorithm, curve or option that this module does not implement.
    #[error(transparent)]
    Unsupported(#[from] Unsupported),
    /// A part has the wrong size or shape for the algorithms the header names.
    #[error(transparent)]
    Structure(#[from] SizeProblem),
    /// The key cannot be read (or is an Ed25519 key, which only signs).
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The key read, but does not fit: the wrong kind for the algorithm, the wrong curve, an
    /// empty password, or refused by the backend.
    #[error(transparent)]
    WrongKey(#[from] WrongKey),
    /// No key was given: what the algorithm needs, to decrypt or to encrypt (worded for the
    /// window's key fields).
    #[error(
        "{} {} to {}",
        if .0.decrypting { "paste or open" } else { "paste" },
        .0.words(),
        .0.verb()
    )]
    MissingKey(KeyNeed),
    /// A safety limit refused the token before any expensive work (PBES2 count, zip bomb).
    #[error(transparent)]
    Limit(#[from] LimitKind),
    /// The `epk` is not a valid point of its curve (invalid-curve / small-subgroup attack).
    #[error(transparent)]
    InvalidCurve(#[from] CurveProblem),
    /// Any failure of the cryptography itself; deliberately says nothing more.
    #[error("decryption failed: wrong key, or the token was altered")]
    Decryption,
    /// The decrypted content could not be decompressed (`zip`: "DEF").
    #[error(
        "the decrypted content is not valid DEFLATE data although the header says \"zip\":\"DEF\""
    )]
    NotDeflate,
    /// The options given to `encrypt` cannot be honoured.
    #[error(transparent)]
    Encrypt(#[from] EncryptProblem),
    /// The crypto backend lacks something the token needs; see `NOT_SUPPORTED`.
    #[error("not supported by the crypto backend: {0}")]
    Backend(#[from] BackendProblem),
    /// A JWE JSON document (RFC 7516 section 7.2) that is not one, or breaks one of its rules.
    #[error(transparent)]
    Json(#[from] JsonProblem),
    /// Why one recipient of a JWE JSON document cannot be used (never a decryption failure:
    /// that stays the one [`JweError::Decryption`]).
    #[error("recipients[{index}]: {error}")]
    Recipient {
        /// The recipient's index in the document (0 is the first).
        index: usize,
        /// What is wrong with it.
        error: Box<JweError>,
    },
    /// No recipient of a JWE JSON document takes the key, and none failed in the
    /// cryptography: why each one was refused.
    #[error("no recipient of the document takes this key: {}", tried_words(tried))]
    NoRecipient {
        /// Each recipient tried (its index) and why it was refused.
        tried: Vec<(usize, JweError)>,
    },
}

/// "recipients[0]: …; recipients[1]: …".
fn tried_words(tried: &[(usize, JweError)]) -> String {
    tried
        .iter()
        .map(|(i, e)| format!("recipients[{i}]: {e}"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::jwe::{ContentAlg, KeyAlg};

    #[test]
    fn messages_name_the_part_and_are_lowercase() {
        let e = JweError::Base64 {
            part: Part::Iv,
            detail: B64Error::UrlCharacter {
                position: 3,
                character: '+',
            },
        };
        assert!(
            e.to_string()
                .starts_with("the initialization vector is not")
        );
        assert_eq!(JweError::Decryption.to_string(), DECRYPTION_FAILED);
        assert!(
            JweError::PartCount { found: 3 }
                .to_string()
                .contains("signed JWS")
        );
        assert_eq!(Part::Tag.to_string(), "authentication tag");
    }

    #[test]
    fn typed_payloads_render_the_sentences() {
        let e: JweError = HeaderProblem::MissingFor {
            member: "iv",
            what: "the key wrap IV",
            alg: KeyAlg::A128GcmKw,
        }
        .into();
        assert_eq!(
            e.to_string(),
            "protected header: lacks \"iv\" (the key wrap IV A128GCMKW needs)"
        );
        let e = JweError::from(Unsupported::key_alg("RSA-OAEP-384"));
        assert!(e.to_string().contains("(registered after RFC 7518"), "{e}");
        assert!(e.to_string().ends_with("PBES2-HS512+A256KW"), "{e}");
        let e = JweError::from(Unsupported::content_alg("A128\u{202e}GCM"));
        assert!(e.to_string().contains("A128\\u{202e}GCM"), "{e}");
        let e = JweError::MissingKey(KeyNeed {
            alg: KeyAlg::RsaOaep,
            cek_len: ContentAlg::A128Gcm.key_len(),
            decrypting: true,
        });
        assert_eq!(e.to_string(), "paste or open an RSA private key to decrypt");
        let e = JweError::from(KeyError::SignOnly);
        assert!(e.to_string().contains("needs an X25519 key"), "{e}");
    }
}
