//! What is wrong with a token, as data: the payloads of [`JweError`](super::JweError)'s
//! header, unsupported and size variants. Each renders the sentence the user reads; names
//! taken from a token are escaped and clipped when the error is made, so no message carries
//! a hidden character.

use super::alg::KeyAlg;
use super::enc::{ContentAlg, EcdhCurve};
use super::{MIN_P2S_LEN, NOT_SUPPORTED};
use crate::core::b64::B64Error;
use crate::core::text::clip;

/// A problem with the protected header: a member missing, of the wrong type, or unreadable
/// (shown after "protected header: ").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderProblem {
    /// The header part decodes to no bytes.
    #[error("it is empty")]
    Empty,
    /// The header bytes are not UTF-8.
    #[error("not UTF-8 text, so it cannot be JSON")]
    NotUtf8,
    /// The header is not JSON (or JSON the core refuses: too deep, too many values).
    #[error("{}", json_words(.0))]
    Json(crate::core::error::Error),
    /// The header is JSON, but not an object (`kind`: "an array").
    #[error("must be a JSON object, not {kind}")]
    NotObject {
        /// What it is instead.
        kind: &'static str,
    },
    /// A member the token needs is absent (`what`: "the key management algorithm").
    #[error("lacks \"{member}\" ({what})")]
    Missing {
        /// The member's name.
        member: &'static str,
        /// What it is, in words.
        what: &'static str,
    },
    /// A member the algorithm needs is absent: `lacks "iv" (the key wrap IV A128GCMKW needs)`.
    #[error("lacks \"{member}\" ({what} {alg} needs)")]
    MissingFor {
        /// The member's name.
        member: &'static str,
        /// What it is, in words.
        what: &'static str,
        /// The algorithm that needs it.
        alg: KeyAlg,
    },
    /// A member that must be a string is another JSON type.
    #[error("\"{member}\" must be a string, not {kind}")]
    NotString {
        /// The member's name.
        member: &'static str,
        /// What it is instead ("a number").
        kind: &'static str,
    },
    /// `zip` is not a string.
    #[error("\"zip\" must be a string")]
    ZipNotString,
    /// A member that holds base64url (`iv`, `tag`, `apu`, `apv`, `p2s`) is not a string.
    #[error("\"{member}\" must be a base64url string")]
    NotBase64Text {
        /// The member's name.
        member: &'static str,
    },
    /// A member that holds base64url is not valid base64url.
    #[error("\"{member}\" is not valid base64url: {detail}")]
    Base64 {
        /// The member's name.
        member: &'static str,
        /// What is wrong, and where.
        detail: B64Error,
    },
    /// `crit` lists something other than member names.
    #[error("\"crit\" must be an array of member names")]
    CritNotNames,
    /// `crit` is not a non-empty array.
    #[error("\"crit\" must be a non-empty array of member names")]
    CritNotArray,
    /// `p2c` is not a number.
    #[error("\"p2c\" must be a positive integer")]
    P2cNotNumber,
    /// `p2c` is a number, but not a whole one (`2.5e4`, `-5`).
    #[error("\"p2c\" must be a positive integer (RFC 7518 section 4.8.1.2), not {shown}")]
    P2cNotWhole {
        /// The number as the token writes it (as JSON prints it).
        shown: String,
    },
    /// `p2c` is 0.
    #[error("\"p2c\" must be at least 1")]
    P2cZero,
    /// `epk` is not an object.
    #[error("\"epk\" must be a JSON object (a public JWK)")]
    EpkNotObject,
    /// `epk` lacks a coordinate.
    #[error("\"epk\" lacks \"{member}\"")]
    EpkMissing {
        /// "x" or "y".
        member: &'static str,
    },
    /// An `epk` coordinate is not a string.
    #[error("\"epk\" member \"{member}\" must be a string")]
    EpkNotString {
        /// "x" or "y".
        member: &'static str,
    },
    /// An `epk` coordinate is not base64url.
    #[error("\"epk\" member \"{member}\" is not valid base64url: {detail}")]
    EpkBase64 {
        /// "x" or "y".
        member: &'static str,
        /// What is wrong, and where.
        detail: B64Error,
    },
    /// The `epk`'s `kty` is neither EC nor OKP.
    #[error("the epk's \"kty\" must be \"EC\" or \"OKP\", not \"{kty}\"")]
    EpkKty {
        /// The `kty` given (escaped, clipped).
        kty: String,
    },
}

/// "not valid JSON: … at line L column C", or the core's own sentence.
pub(super) fn json_words(e: &crate::core::error::Error) -> String {
    match e {
        crate::core::error::Error::Json {
            line,
            column,
            message,
            ..
        } => format!("not valid JSON: {message} at line {line} column {column}"),
        other => other.to_string(),
    }
}

/// Something the token or the options ask for that this module does not implement.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Unsupported {
    /// An unknown key management algorithm (`alg`); the message lists the supported ones.
    #[error(
        "key management algorithm \"{name}\" is not supported{}; supported: {}",
        why(name),
        KeyAlg::ALL.map(KeyAlg::name).join(", ")
    )]
    KeyAlg {
        /// The name given (escaped, clipped).
        name: String,
    },
    /// An unknown content encryption algorithm (`enc`).
    #[error(
        "content encryption algorithm \"{name}\" is not supported{}; supported: {}",
        why(name),
        ContentAlg::ALL.map(ContentAlg::name).join(", ")
    )]
    ContentAlg {
        /// The name given (escaped, clipped).
        name: String,
    },
    /// A compression other than `DEF`.
    #[error(
        "compression \"zip\":\"{name}\" is not supported; only \"DEF\" (RFC 7516 section 4.1.3) is"
    )]
    Zip {
        /// The `zip` given (escaped, clipped).
        name: String,
    },
    /// Critical header extensions (`crit`), none of which is understood here.
    #[error(
        "the header marks {} as critical (crit); this workbench understands no critical extension, so it must refuse the token (RFC 7516 section 4.1.13)",
        quoted(names)
    )]
    Crit {
        /// The names listed (escaped, clipped).
        names: Vec<String>,
    },
    /// An `epk` on a curve no JWE algorithm here uses.
    #[error(
        "the epk's curve \"{crv}\" is not supported for {kty} keys (P-256, P-384, P-521 and X25519 are)"
    )]
    EpkCurve {
        /// "EC" or "OKP".
        kty: &'static str,
        /// The curve named (escaped, clipped).
        crv: String,
    },
    /// An RSA-OAEP step asked of another algorithm (a programming error).
    #[error("{0} is not an RSA-OAEP algorithm")]
    NotOaep(KeyAlg),
    /// A PBES2 step asked of another algorithm (a programming error).
    #[error("{0} is not a PBES2 algorithm")]
    NotPbes2(KeyAlg),
}

impl Unsupported {
    /// A key management algorithm name (`alg`) this module does not implement.
    pub fn key_alg(name: &str) -> Unsupported {
        Unsupported::KeyAlg {
            name: clip(name, 40),
        }
    }

    /// A content encryption algorithm name (`enc`) this module does not implement.
    pub fn content_alg(name: &str) -> Unsupported {
        Unsupported::ContentAlg {
            name: clip(name, 40),
        }
    }
}

/// " (reason)" when [`NOT_SUPPORTED`] names `name`.
fn why(name: &str) -> String {
    NOT_SUPPORTED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, why)| format!(" ({why})"))
        .unwrap_or_default()
}

/// `"a", "b"`.
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A part or header member of the wrong size for the algorithms the header names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SizeProblem {
    /// `dir` and `ECDH-ES` carry no encrypted key.
    #[error(
        "the encrypted key must be empty with {alg} (the key agreement gives the CEK); this one has {got} bytes"
    )]
    EncryptedKeyNotEmpty {
        /// The algorithm.
        alg: KeyAlg,
        /// The size found.
        got: usize,
    },
    /// Every other algorithm carries the (wrapped) CEK in the encrypted key.
    #[error("the encrypted key is empty, but {alg} carries the CEK there")]
    EncryptedKeyEmpty {
        /// The algorithm.
        alg: KeyAlg,
    },
    /// The encrypted key has the wrong size for the CEK it carries.
    #[error(
        "the encrypted key of {alg} with {enc} must be {want} bytes ({how}); this one has {got}"
    )]
    EncryptedKey {
        /// The key management algorithm.
        alg: KeyAlg,
        /// The content encryption algorithm.
        enc: ContentAlg,
        /// The size it must have.
        want: usize,
        /// Why, in words ("the CEK plus 8 bytes of key wrap").
        how: &'static str,
        /// The size found.
        got: usize,
    },
    /// The initialization vector's size.
    #[error("the initialization vector of {enc} must be {} bytes; this one has {got}", enc.iv_len())]
    Iv {
        /// The content encryption algorithm.
        enc: ContentAlg,
        /// The size found.
        got: usize,
    },
    /// The authentication tag's size.
    #[error("the authentication tag of {enc} must be {} bytes; this one has {got}", enc.tag_len())]
    Tag {
        /// The content encryption algorithm.
        enc: ContentAlg,
        /// The size found.
        got: usize,
    },
    /// A CBC ciphertext that is not whole AES blocks.
    #[error(
        "the ciphertext of {enc} must be a non-empty multiple of 16 bytes (whole AES blocks); this one has {got}"
    )]
    Ciphertext {
        /// The content encryption algorithm.
        enc: ContentAlg,
        /// The size found.
        got: usize,
    },
    /// A header member of the wrong size (`iv` and `tag` of AES-GCM key wrapping).
    #[error("the header's \"{member}\" ({what}) must be {want} bytes; it has {got}")]
    HeaderMember {
        /// The member's name.
        member: &'static str,
        /// What it is, in words.
        what: &'static str,
        /// The size it must have.
        want: usize,
        /// The size found.
        got: usize,
    },
    /// A PBES2 salt under [`MIN_P2S_LEN`] bytes.
    #[error(
        "the PBES2 salt p2s must be at least {MIN_P2S_LEN} bytes (RFC 7518 section 4.8.1.1); this one has {got}"
    )]
    Salt {
        /// The size found.
        got: usize,
    },
    /// An `epk` coordinate of the wrong size for its curve.
    #[error("the epk's \"{member}\" must be {} bytes on {curve}; it has {got}", curve.coordinate_len())]
    EpkCoordinate {
        /// "x" or "y".
        member: &'static str,
        /// The curve.
        curve: EcdhCurve,
        /// The size found.
        got: usize,
    },
}
