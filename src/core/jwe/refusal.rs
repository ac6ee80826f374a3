//! Refusals, as data: a key that does not fit, a safety limit, a public key that key
//! agreement refuses, options `encrypt` cannot honour, and what the crypto backend lacks.

use super::alg::{KeyAlg, KeyNeed};
use super::enc::{ContentAlg, EcdhCurve};
use super::{MAX_INFLATED, MAX_P2C_CEILING, RSA_BITS};

/// A key that does not fit what it was asked to do (the key itself read fine).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WrongKey {
    /// The wrong kind of key for the algorithm: "RSA-OAEP needs an RSA private key to
    /// decrypt; this is an EC P-256 private key".
    #[error("{} needs {} to {}; this is {is}", need.alg, need.words(), need.verb())]
    Kind {
        /// What the algorithm needs.
        need: KeyNeed,
        /// What the key is, in words.
        is: String,
    },
    /// The token's ephemeral key is on another curve than the key's.
    #[error(
        "the token's ephemeral key (epk) is on {epk}, but this key is on {key}: the token was encrypted to another key"
    )]
    OtherCurve {
        /// The `epk`'s curve.
        epk: EcdhCurve,
        /// The key's curve.
        key: EcdhCurve,
    },
    /// An empty password for PBES2.
    #[error("{alg} needs a password; this one is empty")]
    EmptyPassword {
        /// The PBES2 algorithm.
        alg: KeyAlg,
    },
    /// A content encryption key of the wrong size.
    #[error("{enc} needs a {}-byte content encryption key; this one has {got}", enc.key_len())]
    CekLen {
        /// The content encryption algorithm.
        enc: ContentAlg,
        /// The size given.
        got: usize,
    },
    /// An AES key wrap key of the wrong size.
    #[error("an AES key wrap key must be 16, 24 or 32 bytes; this one has {got}")]
    KekLen {
        /// The size given.
        got: usize,
    },
    /// The recipient's public key is not a point of its curve.
    #[error("the recipient's {curve} public key is not a valid point")]
    NotAPoint {
        /// The curve.
        curve: EcdhCurve,
    },
    /// The crypto backend refused the key (`what`: "RSA private key", "EC P-256 private key").
    #[error("the {what} was rejected: {detail}")]
    Rejected {
        /// The key, in words.
        what: String,
        /// The backend's reason.
        detail: String,
    },
}

/// A safety limit that refused the work before it was done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LimitKind {
    /// A PBES2 cap asked for outside 1 to [`MAX_P2C_CEILING`].
    #[error("the PBES2 iteration cap must be 1 to {MAX_P2C_CEILING}; {asked} was asked for")]
    CapRange {
        /// The cap asked for.
        asked: u32,
    },
    /// A PBES2 count over the cap: refused before any PBKDF2 work.
    #[error(
        "PBES2 iteration count p2c = {p2c} is over the limit of {cap}: refused before deriving (a huge count makes decryption take minutes, a denial of service); {}",
        raise(*p2c, *cap)
    )]
    P2c {
        /// The token's count.
        p2c: u64,
        /// The cap in force.
        cap: u32,
    },
    /// Compressed content that inflates past [`MAX_INFLATED`] bytes (a zip bomb).
    #[error(
        "the decrypted content inflates to more than {MAX_INFLATED} bytes (zip: DEF); refused as a possible zip bomb"
    )]
    Inflated,
}

/// How to raise the cap, or that it cannot be raised further.
fn raise(p2c: u64, cap: u32) -> String {
    if cap < MAX_P2C_CEILING {
        format!(
            "if you trust this token, raise the limit with --max-p2c {p2c} (at most {MAX_P2C_CEILING})"
        )
    } else {
        format!("{MAX_P2C_CEILING} is the most this workbench will ever run")
    }
}

/// A public key that key agreement refuses (invalid-curve and small-subgroup attacks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CurveProblem {
    /// The `epk` is not a point of its curve: refused before any agreement.
    #[error(
        "the ephemeral public key (epk) is not a point on {0}: refused before key agreement (invalid-curve attack)"
    )]
    OffCurve(EcdhCurve),
    /// The backend refused the agreement (an X25519 low-order point gives an all-zero secret).
    #[error(
        "key agreement on {} was refused: the public key is invalid{}",
        .0,
        small_subgroup(*.0)
    )]
    AgreementRefused(EcdhCurve),
}

/// Why X25519 refuses: its low-order points.
fn small_subgroup(curve: EcdhCurve) -> &'static str {
    if curve == EcdhCurve::X25519 {
        " (a low-order X25519 point gives an all-zero secret: small-subgroup attack)"
    } else {
        ""
    }
}

/// Options that `encrypt` cannot honour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncryptProblem {
    /// RSA1_5 is decrypted only.
    #[error(
        "RSA1_5 encryption is refused: RSAES-PKCS1-v1_5 is open to Bleichenbacher's padding-oracle attack; use RSA-OAEP-256 (this workbench only decrypts RSA1_5)"
    )]
    Rsa1_5,
    /// A PBES2 iteration count outside 1 to [`MAX_P2C_CEILING`].
    #[error("the PBES2 iteration count must be 1 to {MAX_P2C_CEILING}; {asked} was asked for")]
    P2c {
        /// The count asked for.
        asked: u32,
    },
    /// An extra header member that the encryption sets itself.
    #[error(
        "the extra header member \"{name}\" is set by the encryption itself; use the matching option instead (crit is not produced)"
    )]
    Reserved {
        /// The member's name.
        name: &'static str,
    },
    /// `dir` or `ECDH-ES` for one of several recipients: they make the CEK rather than carry
    /// it, so no other recipient could share it.
    #[error(
        "{alg} cannot be one of several recipients: it gives the CEK itself (no encrypted key), so the other recipients could not share it; use a key-wrapping algorithm (A256KW, RSA-OAEP-256, ECDH-ES+A256KW...) or one recipient"
    )]
    DirectShared {
        /// The algorithm.
        alg: KeyAlg,
    },
    /// Nobody to encrypt to.
    #[error("no recipient: give at least one key")]
    NoRecipient,
    /// The flattened form holds exactly one recipient.
    #[error(
        "the flattened JSON serialization holds one recipient; {count} were given (use the general serialization)"
    )]
    FlattenedRecipients {
        /// How many recipients were given.
        count: usize,
    },
    /// Recipients that disagree on what they share (the one ciphertext has one `enc`).
    #[error(
        "all recipients share the content encryption: recipient {index} differs from the first in \"{member}\""
    )]
    RecipientsDiffer {
        /// The recipient (0 is the first).
        index: usize,
        /// What differs: "enc", "zip", "cty" or "extra members".
        member: &'static str,
    },
    /// AES key wrap of key data that is not 16 bytes or more in 8-byte steps.
    #[error("AES key wrap needs key data of at least 16 bytes in 8-byte steps; got {len}")]
    KeyWrapData {
        /// The size given.
        len: usize,
    },
}

/// Something the crypto backend lacks or failed at (shown after "not supported by the crypto
/// backend: ").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BackendProblem {
    /// An operation failed (`0`: "random IV", "AES key wrap").
    #[error("{0} failed")]
    Failed(&'static str),
    /// A fresh ephemeral key could not be made.
    #[error("ephemeral {0} key generation failed")]
    Ephemeral(EcdhCurve),
    /// An RSA key outside the sizes the backend encrypts and decrypts with ([`RSA_BITS`]).
    #[error(
        "{alg} with a {bits}-bit RSA key: the backend accepts RSA keys of {} to {} bits",
        RSA_BITS.0,
        RSA_BITS.1
    )]
    RsaSize {
        /// The algorithm.
        alg: KeyAlg,
        /// The modulus size.
        bits: usize,
    },
    /// An `epk` on a curve the backend has no agreement for (X448, secp256k1, Brainpool).
    #[error("ECDH-ES on {crv} (the backend offers P-256, P-384, P-521 and X25519)")]
    Curve {
        /// The curve named (escaped, clipped).
        crv: String,
    },
}
