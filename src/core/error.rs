//! The one error type of the core: every message says what failed and where, and never
//! contains a secret, a private key or a whole token.

use std::fmt;

/// Which part of a compact token an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// The first segment: the JOSE header.
    Header,
    /// The second segment: the payload (the claims of a JWT).
    Payload,
    /// The third segment: the signature.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// Everything that can go wrong when the core handles user input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input holds no token at all.
    #[error("no token given: paste a token of the form xxxxx.yyyyy.zzzzz")]
    EmptyToken,
    /// The token does not have the 3 (JWS) or 5 (JWE) dot-separated segments.
    #[error("a JWT has 3 segments separated by dots; this one has {found}")]
    SegmentCount {
        /// How many segments were found.
        found: usize,
    },
    /// A segment is not valid base64url.
    #[error("{segment} is not valid base64url: {detail}")]
    Base64 {
        /// The segment concerned.
        segment: Segment,
        /// What is wrong and at which character position (1-based, within the segment).
        detail: crate::core::b64::B64Error,
    },
    /// JSON text (a segment, an editor, a key) does not parse.
    #[error("{what} is not valid JSON at line {line} column {column}: {message}")]
    Json {
        /// What the JSON was meant to be ("header", "payload", "JWK").
        what: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's description, without its own position suffix.
        message: String,
    },
    /// JSON nested deeper than the parser allows.
    #[error("{what} is JSON nested {depth} levels deep; at most 127 levels are read")]
    TooDeep {
        /// What the JSON was meant to be ("payload").
        what: String,
        /// How deep it nests.
        depth: usize,
    },
    /// JSON that parses but breaks a rule of strict (I-JSON) reading, or is not an object
    /// where claims are required: "payload has the member \"exp\" twice; …".
    #[error("{what} {problem}")]
    Strict {
        /// What was read ("payload", "plaintext").
        what: String,
        /// The rule that failed and where, as the end of a sentence.
        problem: String,
    },
    /// Input over a size limit.
    #[error("the {what} is {len} bytes; the limit is {limit} bytes ({mib} MiB), so it is not read")]
    TooLarge {
        /// What ("token", "payload").
        what: &'static str,
        /// Its size in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
        /// The limit in MiB.
        mib: usize,
    },
    /// A file over the size limit for its kind, found while reading it (a device or a pipe
    /// reports no size beforehand).
    #[error("{what} {path} is over {limit}, the limit for a {what}; nothing was used")]
    FileTooLarge {
        /// What the file is for ("key file", "secret file").
        what: &'static str,
        /// The path as given.
        path: String,
        /// The limit in words ("1 MiB").
        limit: String,
    },
    /// JSON that parses but has the wrong shape ("header must be a JSON object").
    #[error("{0}")]
    Shape(String),
    /// A key cannot be read or does not fit the algorithm.
    #[error(transparent)]
    Key(#[from] crate::core::keys::KeyError),
    /// A token that cannot be checked with the key given (wrong kind of key, malformed parts).
    #[error("{0}")]
    Unverifiable(String),
    /// An algorithm name that is unknown, unsupported or refused.
    #[error("{0}")]
    Algorithm(String),
    /// Signing failed inside the crypto backend.
    #[error("signing failed: {0}")]
    Signing(String),
    /// A claim has the wrong type or value for what was asked (refresh recipe, claim insertion).
    #[error("{0}")]
    Claim(String),
    /// Reading a file or standard input failed.
    #[error("{0}")]
    Io(String),
}

impl Error {
    /// Builds an [`Error::Json`] from a serde_json error, naming what was being parsed.
    pub fn json(what: &str, err: &serde_json::Error) -> Self {
        let full = err.to_string();
        // serde_json appends " at line L column C"; keep only the description.
        let message = match full.rfind(" at line ") {
            Some(cut) => full.get(..cut).unwrap_or(&full).to_string(),
            None => full,
        };
        Error::Json {
            what: what.to_string(),
            line: err.line(),
            column: err.column(),
            message,
        }
    }
}

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
