//! What is wrong with a JWE JSON document, as data: the payload of
//! [`JweError::Json`](crate::core::jwe::JweError::Json). Names taken from the document are
//! escaped and clipped when the error is made.

use super::MAX_RECIPIENTS;
use crate::core::b64::B64Error;
use crate::core::jwe::ContentAlg;
use crate::core::jwe::problem::{HeaderProblem, json_words};
use std::fmt;

/// Where a header member sits in a JWE JSON document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderPlace {
    /// The `protected` member (integrity-protected: part of the AAD).
    Protected,
    /// The `unprotected` member: shared by every recipient, not integrity-protected.
    Unprotected,
    /// The flattened form's `header` member: the one recipient's, not integrity-protected.
    Header,
    /// `recipients[i].header` in the general form: that recipient's, not integrity-protected.
    Recipient(usize),
}

impl fmt::Display for HeaderPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderPlace::Protected => f.write_str("the protected header (protected)"),
            HeaderPlace::Unprotected => f.write_str("the shared unprotected header (unprotected)"),
            HeaderPlace::Header => f.write_str("the recipient's unprotected header (header)"),
            HeaderPlace::Recipient(i) => write!(f, "recipients[{i}].header"),
        }
    }
}

/// A JWE JSON document that is not one, or that breaks a rule of RFC 7516 section 7.2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonProblem {
    /// The text is not JSON (or JSON the core refuses: too deep, too many values).
    #[error("the JWE JSON document is {}", json_words(.0))]
    Json(crate::core::error::Error),
    /// The text is JSON, but not an object.
    #[error("a JWE JSON document is a JSON object; this is {kind}")]
    NotObject {
        /// What it is instead ("an array").
        kind: &'static str,
    },
    /// A JWS JSON document (it has a payload or signatures, and no ciphertext).
    #[error(
        "this is a JWS JSON document (payload and signatures, no ciphertext): it is signed, not encrypted; use verify or decode"
    )]
    NotJwe,
    /// A member name occurs twice in one object: parsers disagree on which one counts.
    #[error(
        "the member \"{path}\" occurs twice in one object; parsers disagree on which one counts, so the document is refused"
    )]
    Duplicate {
        /// The member's dotted path (escaped, clipped).
        path: String,
    },
    /// A required member is absent.
    #[error("the document lacks \"{member}\" (RFC 7516 section 7.2.1)")]
    Missing {
        /// The member's name.
        member: &'static str,
    },
    /// A member has the wrong JSON type.
    #[error("the member \"{member}\" must be {expected}; it is {found}")]
    MemberType {
        /// The member's name, with its recipient's index when inside `recipients`.
        member: String,
        /// What RFC 7516 section 7.2.1 asks for.
        expected: &'static str,
        /// What the document holds.
        found: &'static str,
    },
    /// The `aad` member is not base64url.
    #[error("the member \"aad\" is not valid base64url: {0}")]
    AadBase64(B64Error),
    /// Both forms at once: `recipients` and a top-level `header` or `encrypted_key`.
    #[error(
        "the document has both \"recipients\" (general form) and a top-level \"{member}\" (flattened form); it must be one or the other (RFC 7516 section 7.2.2)"
    )]
    BothForms {
        /// The flattened form's member found beside `recipients`.
        member: &'static str,
    },
    /// `recipients` is an empty array.
    #[error("\"recipients\" is empty: a general JWE has at least one recipient")]
    NoRecipients,
    /// More recipients than are read.
    #[error(
        "the document has {count} recipients; at most {MAX_RECIPIENTS} are read (each one tried may cost a private-key operation)"
    )]
    TooManyRecipients {
        /// How many the document has.
        count: usize,
    },
    /// A header member in two of the headers that make a recipient's JOSE header.
    #[error(
        "the header member \"{name}\" is in both {first} and {second}; the headers must be disjoint (RFC 7516 section 7.2.1)"
    )]
    Overlap {
        /// The member's name (escaped, clipped).
        name: String,
        /// The first header that has it.
        first: HeaderPlace,
        /// The second.
        second: HeaderPlace,
    },
    /// `zip` outside the protected header.
    #[error(
        "\"zip\" is in {0}; it must be in the protected header only (RFC 7516 section 4.1.3), where it is integrity-protected"
    )]
    ZipUnprotected(HeaderPlace),
    /// A member of a recipient's JOSE header is missing or malformed.
    #[error("the JOSE header (protected, unprotected and recipient members together): {0}")]
    Header(HeaderProblem),
    /// Recipients that name different content encryption algorithms for the one ciphertext.
    #[error(
        "recipients[{index}] names enc {other}, but recipients[{first_index}] names {first}: the one ciphertext has one content encryption"
    )]
    EncDiffers {
        /// The first recipient whose header names a supported `enc`.
        first_index: usize,
        /// Its `enc`.
        first: ContentAlg,
        /// The recipient that differs.
        index: usize,
        /// This one's.
        other: ContentAlg,
    },
}
