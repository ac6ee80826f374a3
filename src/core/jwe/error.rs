//! The one error type of the JWE core, and the names of a compact JWE's five parts.
//!
//! Messages are lowercase, say what failed and where, and never contain a key, a secret,
//! a CEK or a whole token. Every failure that happens *during* decryption (wrong key, bad
//! unwrap, bad tag, bad padding, RSA failure) is the single [`JweError::Decryption`], so
//! the messages give an attacker no oracle.

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
        detail: crate::core::b64::B64Error,
    },
    /// The protected header is not a JSON object, or a member is missing or malformed.
    #[error("protected header: {0}")]
    Header(String),
    /// An algorithm, curve or option that this module does not implement.
    #[error("{0}")]
    Unsupported(String),
    /// A part has the wrong size or shape for the algorithms the header names.
    #[error("{0}")]
    Structure(String),
    /// The key does not fit the algorithm, or cannot be read.
    #[error("{0}")]
    Key(String),
    /// A safety limit refused the token before any expensive work (PBES2 count, zip bomb).
    #[error("{0}")]
    Limit(String),
    /// The `epk` is not a valid point of its curve (invalid-curve / small-subgroup attack).
    #[error("{0}")]
    InvalidCurve(String),
    /// Any failure of the cryptography itself; deliberately says nothing more.
    #[error("decryption failed: wrong key, or the token was altered")]
    Decryption,
    /// The decrypted content could not be decompressed (`zip`: "DEF").
    #[error("{0}")]
    Content(String),
    /// The options given to `encrypt` cannot be honoured.
    #[error("{0}")]
    Encrypt(String),
    /// The crypto backend lacks something the token needs; see `NOT_SUPPORTED`.
    #[error("not supported by the crypto backend: {0}")]
    Backend(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_part_and_are_lowercase() {
        let e = JweError::Base64 {
            part: Part::Iv,
            detail: crate::core::b64::B64Error::UrlCharacter {
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
}
