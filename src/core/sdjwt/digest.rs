//! The hash of `_sd_alg` (RFC 9901 section 4.1.1): which names are accepted, and digests as
//! SD-JWT takes them (over the US-ASCII bytes of base64url text, result base64url-encoded).

use super::SdJwtError;
use crate::core::{b64, text};
use aws_lc_rs::digest;
use serde_json::{Map, Value};

/// A hash from the IANA "Named Information Hash Algorithm" registry that is fit for SD-JWT
/// (RFC 9901 section 9.4: no truncated digests). `sha-256` is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SdAlg {
    /// `sha-256`, the default when `_sd_alg` is absent.
    #[default]
    Sha256,
    /// `sha-384`.
    Sha384,
    /// `sha-512`.
    Sha512,
    /// `sha3-256`.
    Sha3_256,
    /// `sha3-384`.
    Sha3_384,
    /// `sha3-512`.
    Sha3_512,
}

impl SdAlg {
    /// Every accepted hash.
    pub const ALL: [SdAlg; 6] = [
        SdAlg::Sha256,
        SdAlg::Sha384,
        SdAlg::Sha512,
        SdAlg::Sha3_256,
        SdAlg::Sha3_384,
        SdAlg::Sha3_512,
    ];

    /// The registry name: "sha-256".
    pub fn name(self) -> &'static str {
        match self {
            SdAlg::Sha256 => "sha-256",
            SdAlg::Sha384 => "sha-384",
            SdAlg::Sha512 => "sha-512",
            SdAlg::Sha3_256 => "sha3-256",
            SdAlg::Sha3_384 => "sha3-384",
            SdAlg::Sha3_512 => "sha3-512",
        }
    }

    /// The hash named `name` (case-sensitive, as the registry spells it).
    pub fn from_name(name: &str) -> Option<SdAlg> {
        SdAlg::ALL.into_iter().find(|a| a.name() == name)
    }

    fn algorithm(self) -> &'static digest::Algorithm {
        match self {
            SdAlg::Sha256 => &digest::SHA256,
            SdAlg::Sha384 => &digest::SHA384,
            SdAlg::Sha512 => &digest::SHA512,
            SdAlg::Sha3_256 => &digest::SHA3_256,
            SdAlg::Sha3_384 => &digest::SHA3_384,
            SdAlg::Sha3_512 => &digest::SHA3_512,
        }
    }

    /// The digest of `text` as SD-JWT takes it: the hash of its bytes, base64url-encoded
    /// (RFC 9901 sections 4.2.3 and 4.3.1).
    pub fn digest(self, text: &str) -> String {
        b64::encode(digest::digest(self.algorithm(), text.as_bytes()).as_ref())
    }

    /// The hash an issuer-signed payload names: its top-level `_sd_alg`, else sha-256.
    /// Returns whether `_sd_alg` was there. An unknown name or a non-string is an error.
    pub fn of_payload(payload: &Map<String, Value>) -> Result<(SdAlg, bool), SdJwtError> {
        match payload.get("_sd_alg") {
            None => Ok((SdAlg::Sha256, false)),
            Some(Value::String(name)) => SdAlg::from_name(name)
                .map(|a| (a, true))
                .ok_or_else(|| SdJwtError::SdAlg(format!("\"{}\"", text::clip(name, 40)))),
            Some(other) => Err(SdJwtError::SdAlg(format!(
                "{}, not a string",
                crate::core::json::kind_name(other)
            ))),
        }
    }
}

impl std::fmt::Display for SdAlg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
