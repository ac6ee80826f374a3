//! The JWE JSON serialization (RFC 7516 section 7.2): one ciphertext for one or several
//! recipients, each with its own encrypted key, in the flattened form (one recipient, its
//! members at the top level) or the general form (a `recipients` array).
//!
//! A recipient's JOSE header is the union of the `protected` header (integrity-protected),
//! the shared `unprotected` header and its own `header`; the three must be disjoint, and
//! `zip` must be in the protected one. The AAD is ASCII(BASE64URL(protected)), followed by
//! `.` and BASE64URL(aad) when the document has an `aad` member (section 5.1 step 14).
//!
//! Each recipient is read as the compact JWE it stands for and decrypted by the same code
//! ([`JweParts`], the key management of `manage.rs`, the content decryption of
//! `content.rs`), so every cryptographic failure is still the one
//! [`JweError::Decryption`].
//!
//! - [`read_json`]`(text)`: the document taken apart and checked (shape, base64url,
//!   disjoint headers, `zip`, one `enc`); a recipient whose algorithms are not supported is
//!   kept, with its problem, so that another recipient can still be used.
//! - [`JweJson::decrypt`]: the recipient the key's `kid` names, else each in turn; says
//!   which one worked ([`JsonDecrypted`]).
//! - [`encrypt_json`]: one CEK wrapped for each [`Recipient`] (each with its own `alg`,
//!   `enc` shared), flattened or general, with an optional `aad`.

mod open;
mod problem;
mod read;
mod seal;
#[cfg(test)]
mod tests;

pub use open::{JsonDecrypted, Pick};
pub use problem::{HeaderPlace, JsonProblem};
pub use read::read_json;
pub use seal::{Recipient, encrypt_json};

use super::error::JweError;
use super::parse::EncodedPart;
use serde_json::{Map, Value};

/// The most recipients a document may have to be read (100): each one tried may cost a
/// private-key operation or a PBES2 derivation.
pub const MAX_RECIPIENTS: usize = 100;

/// Which JSON form a document takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonForm {
    /// One recipient, its `header` and `encrypted_key` at the top level.
    Flattened,
    /// A `recipients` array, one entry (`header`, `encrypted_key`) per recipient.
    General,
}

impl JsonForm {
    /// "flattened" or "general", as the command line names it.
    pub fn name(self) -> &'static str {
        match self {
            JsonForm::Flattened => "flattened",
            JsonForm::General => "general",
        }
    }
}

/// The `aad` member: its base64url text as the document has it, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aad {
    /// The base64url text, as written (it goes into the AAD as it stands).
    pub text: String,
    /// The decoded bytes.
    pub bytes: Vec<u8>,
}

/// One recipient of a document: its own header and its encrypted key. Its JOSE header is
/// the union of the document's protected and shared unprotected headers and its own
/// ([`JweJson::joined`]).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonRecipient {
    /// The recipient's own unprotected header (`header`), when it has one.
    pub header: Option<Map<String, Value>>,
    /// Its encrypted key (empty for `dir` and `ECDH-ES`; span empty).
    pub encrypted_key: EncodedPart,
    /// Why it cannot be used, found before any key (an unsupported `alg`, a missing member,
    /// an encrypted key of the wrong size); `None` when it can be tried.
    pub problem: Option<JweError>,
}

/// A JWE JSON document taken apart (see [`read_json`]). Parts read from JSON members have
/// empty spans: they do not sit in a compact token.
#[derive(Debug, Clone, PartialEq)]
pub struct JweJson {
    /// Flattened or general.
    pub form: JsonForm,
    /// The `protected` member (text empty when the document has none).
    pub protected: EncodedPart,
    /// The protected header as a JSON object (empty when there is none).
    pub protected_header: Map<String, Value>,
    /// The shared unprotected header (`unprotected`), when present.
    pub unprotected: Option<Map<String, Value>>,
    /// The recipients, in document order (one in the flattened form).
    pub recipients: Vec<JsonRecipient>,
    /// The `aad` member, when present.
    pub aad: Option<Aad>,
    /// The initialization vector.
    pub iv: EncodedPart,
    /// The ciphertext.
    pub ciphertext: EncodedPart,
    /// The authentication tag.
    pub tag: EncodedPart,
}

impl JweJson {
    /// A member of recipient `index`'s JOSE header, wherever it is (the headers are
    /// disjoint, so there is one place).
    pub fn member(&self, index: usize, name: &str) -> Option<&Value> {
        let own = self.recipients.get(index).and_then(|r| r.header.as_ref());
        [Some(&self.protected_header), self.unprotected.as_ref(), own]
            .into_iter()
            .flatten()
            .find_map(|h| h.get(name))
    }

    /// Recipient `index`'s `kid`, when its JOSE header has one as a string.
    pub fn kid(&self, index: usize) -> Option<&str> {
        self.member(index, "kid").and_then(Value::as_str)
    }

    /// Recipient `index`'s JOSE header: the protected members, then the shared unprotected
    /// ones, then its own (a copy, made when asked: the protected header may be large).
    pub fn joined(&self, index: usize) -> Map<String, Value> {
        let own = self.recipients.get(index).and_then(|r| r.header.as_ref());
        let mut out = self.protected_header.clone();
        for header in [self.unprotected.as_ref(), own].into_iter().flatten() {
            out.extend(header.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
    }

    /// The additional authenticated data: ASCII(BASE64URL(protected)), then `.` and
    /// BASE64URL(aad) when the document has `aad` (RFC 7516 section 5.1 step 14).
    pub fn aad_input(&self) -> String {
        match &self.aad {
            Some(aad) => format!("{}.{}", self.protected.text, aad.text),
            None => self.protected.text.clone(),
        }
    }
}

/// True when `text` (after white space) starts like a JSON object: a JSON serialization
/// rather than a compact token.
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('{')
}
