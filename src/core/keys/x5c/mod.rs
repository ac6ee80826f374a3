//! `x5c` (RFC 7515 section 4.1.6): the certificate chain a token carries. Shown certificate by
//! certificate; trusted only when it validates, at `now`, to a root the user pinned (an X.509
//! path validation by rustls-webpki), and then only its leaf's key verifies the token. Without
//! pinned roots a chain is "shown, not trusted": anyone can make a chain of their own.

mod details;
mod trust;

pub use details::{CertDetails, describe_cert, fingerprint};
pub use trust::{Trusted, check_root, validate};

use crate::core::b64;
use serde_json::{Map, Value};

/// Most certificates read from one `x5c` or one roots file.
pub const MAX_CHAIN: usize = 16;

/// Why a chain or a roots file cannot be read, or a chain is not trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum X5cError {
    /// The header has no `x5c`.
    #[error("the token's header has no x5c")]
    Absent,
    /// `x5c` is not a non-empty array of strings.
    #[error("x5c must be a non-empty array of base64 strings (RFC 7515 section 4.1.6)")]
    NotArray,
    /// More certificates than [`MAX_CHAIN`].
    #[error("{count} certificates is more than the {MAX_CHAIN} read")]
    TooMany {
        /// How many there were.
        count: usize,
    },
    /// An entry is not standard base64 of DER.
    #[error("x5c[{index}] is not base64 (x5c holds standard base64 DER, not base64url): {detail}")]
    Base64 {
        /// Which entry (0 is the leaf).
        index: usize,
        /// What is wrong.
        detail: String,
    },
    /// An entry (or a PEM block) is not an X.509 certificate.
    #[error("certificate {index} is not a readable X.509 certificate: {detail}")]
    NotACertificate {
        /// Which certificate (0 is the leaf).
        index: usize,
        /// What is wrong.
        detail: String,
    },
    /// A roots file holds no certificate.
    #[error("no CERTIFICATE block in the pinned roots: give a PEM file of root certificates")]
    NoRootsInFile,
    /// A PEM text that does not read.
    #[error("the pinned roots are not readable PEM: {0}")]
    Pem(String),
    /// Nothing is pinned.
    #[error(
        "shown, not trusted: no root is pinned (--x5c-root FILE, or the pinned roots in the Keys view)"
    )]
    NoRoots,
    /// A pinned certificate that is not usable as a trust anchor.
    #[error("pinned root {index} cannot be a trust anchor: {detail}")]
    BadRoot {
        /// Which root (0 is the first).
        index: usize,
        /// What the validator said.
        detail: String,
    },
    /// A certificate of the chain is outside its validity at the instant judged.
    #[error("{which} {subject} {state} (judged at {at})")]
    OutOfValidity {
        /// "the leaf", "intermediate 1".
        which: String,
        /// Its subject.
        subject: String,
        /// "expired on …" or "is not valid before …".
        state: String,
        /// The instant judged, as UTC text.
        at: String,
    },
    /// The leaf's key usage does not allow signatures.
    #[error(
        "the leaf {subject} may not sign: its key usage is {usage}, without digitalSignature (RFC 5280 section 4.2.1.3)"
    )]
    NoDigitalSignature {
        /// The leaf's subject.
        subject: String,
        /// The bits it has.
        usage: String,
    },
    /// The chain validates, but to a root the user has not pinned.
    #[error("the chain is valid, but it ends at {root}, which is not pinned (pinned: {pinned})")]
    NotPinned {
        /// The unpinned root's subject and fingerprint.
        root: String,
        /// The pinned roots' subjects.
        pinned: String,
    },
    /// No pinned root issued the chain's last certificate.
    #[error("no pinned root issued {subject} (its issuer is {issuer}; pinned: {pinned})")]
    UnknownIssuer {
        /// The last certificate's subject.
        subject: String,
        /// Its issuer.
        issuer: String,
        /// The pinned roots' subjects.
        pinned: String,
    },
    /// A pinned root of the right name, but its key did not sign the chain.
    #[error(
        "the chain names {issuer} as its issuer, but the pinned root of that name did not sign it (another key): the wrong root"
    )]
    WrongRoot {
        /// The issuer named.
        issuer: String,
    },
    /// Anything else the path validator refused.
    #[error("the chain does not validate to a pinned root: {0}")]
    Invalid(String),
}

/// The DER certificates of the header's `x5c`, leaf first.
pub fn chain_of(header: &Map<String, Value>) -> Result<Vec<Vec<u8>>, X5cError> {
    let entries = match header.get("x5c") {
        None => return Err(X5cError::Absent),
        Some(Value::Array(a)) if !a.is_empty() => a,
        Some(_) => return Err(X5cError::NotArray),
    };
    if entries.len() > MAX_CHAIN {
        return Err(X5cError::TooMany {
            count: entries.len(),
        });
    }
    entries
        .iter()
        .enumerate()
        .map(|(index, v)| {
            let text = v.as_str().ok_or(X5cError::NotArray)?;
            b64::decode_lenient(text).map_err(|e| X5cError::Base64 {
                index,
                detail: e.to_string(),
            })
        })
        .collect()
}

/// The chain of a token's header, validated to `roots` (DER) at `now`: the one way an `x5c`
/// key becomes trusted ([`Trusted::leaf_key`] then verifies the token).
pub fn trust_token(
    header: &Map<String, Value>,
    roots: &[Vec<u8>],
    now: i64,
) -> Result<Trusted, X5cError> {
    validate(&chain_of(header)?, roots, now)
}

/// True when the error is about the chain's trust (a refusal a verifier reports as "not
/// valid"), false when the chain or the roots cannot be read at all.
pub fn is_refusal(e: &X5cError) -> bool {
    matches!(
        e,
        X5cError::NoRoots
            | X5cError::OutOfValidity { .. }
            | X5cError::NoDigitalSignature { .. }
            | X5cError::NotPinned { .. }
            | X5cError::UnknownIssuer { .. }
            | X5cError::WrongRoot { .. }
            | X5cError::Invalid(_)
    )
}

/// The DER certificates of a PEM text (a roots bundle, or a chain), in order; other blocks are
/// ignored.
pub fn pem_certificates(text: &str) -> Result<Vec<Vec<u8>>, X5cError> {
    let blocks = super::pem::pem_blocks(text).map_err(|e| X5cError::Pem(e.to_string()))?;
    let certs: Vec<Vec<u8>> = blocks
        .into_iter()
        .filter(|b| matches!(b.label.as_str(), "CERTIFICATE" | "TRUSTED CERTIFICATE"))
        .map(|b| b.der)
        .collect();
    if certs.is_empty() {
        return Err(X5cError::NoRootsInFile);
    }
    if certs.len() > MAX_CHAIN * 16 {
        return Err(X5cError::TooMany { count: certs.len() });
    }
    Ok(certs)
}

/// The pinned roots after pinning the certificates of a PEM text: each one read (a block that
/// is not a certificate refuses the whole text), those already pinned kept once; returns the
/// new list and the certificates it added.
pub fn pin(pinned: &[Vec<u8>], pem: &str) -> Result<(Vec<Vec<u8>>, Vec<CertDetails>), X5cError> {
    let mut roots = pinned.to_vec();
    let mut added = Vec::new();
    for (i, der) in pem_certificates(pem)?.into_iter().enumerate() {
        let details = check_root(&der, i)?;
        if !roots.contains(&der) {
            roots.push(der);
            added.push(details);
        }
    }
    if roots.len() > MAX_CHAIN * 16 {
        return Err(X5cError::TooMany { count: roots.len() });
    }
    Ok((roots, added))
}

/// The public key of a chain's leaf, untrusted: anyone can make a chain (for telling that a
/// key in the pane is the one the token carries).
pub fn leaf_key(chain: &[Vec<u8>]) -> Result<crate::core::keys::Key, X5cError> {
    let leaf = chain.first().ok_or(X5cError::NotArray)?;
    super::cert::from_certificate(leaf).map_err(|e| X5cError::NotACertificate {
        index: 0,
        detail: e.to_string(),
    })
}

/// Every certificate of a chain described, leaf first.
pub fn describe_chain(chain: &[Vec<u8>]) -> Result<Vec<CertDetails>, X5cError> {
    chain
        .iter()
        .enumerate()
        .map(|(i, der)| describe_cert(der, i))
        .collect()
}

/// The position of certificate `index` in words: "the leaf", "intermediate 1".
pub fn position(index: usize) -> String {
    if index == 0 {
        "the leaf".to_string()
    } else {
        format!("intermediate {index}")
    }
}
