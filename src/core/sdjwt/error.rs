//! What can make an SD-JWT unreadable, or an issuance or presentation impossible. A failed
//! verification step is not an error: it is a [`Check`](crate::core::verify::Check) in the
//! report.

use crate::core::b64::B64Error;

/// Why an SD-JWT cannot be read, issued or presented. Messages quote token text only
/// through [`crate::core::text`] and never contain a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SdJwtError {
    /// Nothing was given.
    #[error("no SD-JWT given: paste one of the form JWT~DISCLOSURE~...~ (or ending with a KB-JWT)")]
    Empty,
    /// The text is over the size limit.
    #[error("the SD-JWT is {len} bytes; the limit is {limit} bytes, so it is not read")]
    TooLarge {
        /// Its size in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// No `~` at all: a plain JWT, or something else.
    #[error(
        "there is no '~' in this text: an SD-JWT is the issuer-signed JWT followed by '~', each disclosure followed by '~', and optionally a KB-JWT (JWT~D1~...~Dn~ or JWT~D1~...~Dn~KB-JWT; RFC 9901 section 4){hint}"
    )]
    NoTilde {
        /// A hint when the text is a plain JWT.
        hint: &'static str,
    },
    /// The last part is neither empty nor a JWT.
    #[error(
        "the SD-JWT does not end with '~': its last part ({last}) has no '.', so it is not a KB-JWT; an SD-JWT without key binding ends with '~' (RFC 9901 section 4: the last separating tilde MUST NOT be omitted)"
    )]
    NotTerminated {
        /// The last part, clipped and escaped.
        last: String,
    },
    /// Two `~` in a row.
    #[error(
        "part {position} of the SD-JWT is empty ('~~'): every disclosure is non-empty base64url, and only the very end may be empty (RFC 9901 section 4)"
    )]
    EmptyPart {
        /// 1-based position among the '~'-separated parts.
        position: usize,
    },
    /// The text holds a character that no SD-JWT has.
    #[error(
        "character {position} of the SD-JWT is {shown}: an SD-JWT holds only base64url, '.' and '~' (RFC 9901 section 4)"
    )]
    BadCharacter {
        /// 1-based character position.
        position: usize,
        /// The character, escaped.
        shown: String,
    },
    /// The issuer-signed JWT (before the first `~`) cannot be read.
    #[error("the issuer-signed JWT (before the first '~') {0}")]
    IssuerJwt(String),
    /// The KB-JWT (after the last `~`) cannot be read.
    #[error("the KB-JWT (after the last '~') {0}")]
    KbJwt(String),
    /// `_sd_alg` names a hash this tool does not accept.
    #[error(
        "_sd_alg is {0}, which this verifier does not accept: sha-256, sha-384, sha-512, sha3-256, sha3-384 and sha3-512 are (RFC 9901 sections 4.1.1 and 9.4; truncated hashes such as sha-256-32 are unfit)"
    )]
    SdAlg(String),
    /// The disclosures together hold too many JSON values to read.
    #[error("the disclosures hold about {count} JSON values together; at most {limit} are read")]
    TooManyValues {
        /// About how many values.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A JSON pointer (`--sd`, `--disclose`) is not well formed.
    #[error("{pointer} is not a JSON pointer (RFC 6901): {problem}")]
    Pointer {
        /// The pointer, escaped.
        pointer: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// A pointer names nothing in the claims.
    #[error("{pointer} names no claim: {problem}")]
    NoSuchClaim {
        /// The pointer, escaped.
        pointer: String,
        /// Where the walk stopped.
        problem: String,
    },
    /// A pointer names a claim that must stay in plain view.
    #[error("{pointer} cannot be made selectively disclosable: {reason}")]
    NotDisclosable {
        /// The pointer, escaped.
        pointer: String,
        /// Why, with the rule.
        reason: String,
    },
    /// The claims to issue hold a name reserved by SD-JWT.
    #[error(
        "the claims hold {name} at {pointer}: SD-JWT reserves _sd, _sd_alg and {{\"...\": digest}} for digests, so an issuer cannot carry them as claims (RFC 9901 section 4.1, rule 7)"
    )]
    Reserved {
        /// The name, escaped.
        name: String,
        /// Where, as a JSON pointer.
        pointer: String,
    },
    /// The same pointer was given twice.
    #[error("{0} is given twice")]
    DuplicatePointer(String),
    /// The claims to issue are not a JSON object, or a value is wrong.
    #[error("{0}")]
    Claims(String),
    /// A key cannot serve (issuer or holder key).
    #[error("{0}")]
    Key(String),
    /// Signing failed.
    #[error("signing failed: {0}")]
    Signing(String),
    /// The system's random generator failed.
    #[error("the system random generator failed; nothing was issued")]
    Random,
    /// Presenting from an SD-JWT+KB.
    #[error(
        "this SD-JWT already ends with a KB-JWT: a holder presents from the SD-JWT the issuer sent, not from a presentation (RFC 9901 section 7.2)"
    )]
    AlreadyPresented,
    /// A pointer names a claim that is always shown.
    #[error(
        "{0} is not selectively disclosable: the issuer put it in plain view, so every presentation shows it"
    )]
    AlwaysShown(String),
    /// The closure rule: a disclosure inside another needs its parent.
    #[error(
        "{child} sits inside the disclosure of {parent}: disclose {parent} too, or the verifier cannot place it (RFC 9901 sections 4.2.6 and 7.2, step 2)"
    )]
    ParentMissing {
        /// The pointer chosen, escaped.
        child: String,
        /// The pointer of the enclosing disclosure, escaped.
        parent: String,
    },
    /// Processing found a problem the holder must not present.
    #[error("this SD-JWT does not pass processing, so it is not presented: {0}")]
    Unprocessable(String),
    /// Key binding asked for, and the SD-JWT does not allow it.
    #[error("{0}")]
    Binding(String),
    /// A disclosure that cannot be read, where one must be built from it.
    #[error("disclosure {index}: {source}")]
    Disclosure {
        /// 1-based position.
        index: usize,
        /// What is wrong with it.
        source: DisclosureError,
    },
}

/// Why one disclosure cannot be read. Kept in its row of the table: the rest of the SD-JWT is
/// still shown, and the verification step that reaches it fails with this sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DisclosureError {
    /// Not base64url.
    #[error("is not base64url: {0}")]
    Base64(B64Error),
    /// Decodes to bytes that are not UTF-8.
    #[error("decodes to bytes that are not UTF-8 (invalid byte at offset {0})")]
    Utf8(usize),
    /// Not JSON, or JSON refused by strict reading.
    #[error("is not valid JSON: {0}")]
    Json(String),
    /// JSON, but not an array.
    #[error("is JSON {0}, not an array [salt, name, value] or [salt, value]")]
    NotArray(&'static str),
    /// An array of the wrong length.
    #[error(
        "is an array of {0} elements; a disclosure has 3 ([salt, name, value]) or 2 ([salt, value])"
    )]
    Length(usize),
    /// The salt is not a string.
    #[error("has a salt that is {0}, not a string (RFC 9901 section 4.2.1)")]
    Salt(&'static str),
    /// The claim name is not a string.
    #[error("has a claim name that is {0}, not a string (RFC 9901 section 4.2.1)")]
    Name(&'static str),
}
