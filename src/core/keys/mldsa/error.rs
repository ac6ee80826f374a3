//! What can be wrong with an ML-DSA key (RFC 9964, FIPS 204): one enum, carried by
//! [`KeyError::MlDsa`](super::super::KeyError::MlDsa). Messages say what to do and never
//! contain key material.

use crate::core::alg::MlDsaLevel;

/// An ML-DSA key that cannot be read or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MlDsaError {
    /// An AKP JWK without `alg`, which RFC 9964 section 3 requires.
    #[error(
        "an AKP JWK must name its algorithm in \"alg\" (RFC 9964 section 3): ML-DSA-44, ML-DSA-65 or ML-DSA-87"
    )]
    NoAlg,
    /// An AKP JWK whose `alg` is not an ML-DSA parameter set (`name` escaped and clipped).
    #[error("AKP algorithm \"{name}\" is not supported: {why}")]
    Alg {
        /// The JWK's `alg`.
        name: String,
        /// What is supported, or why this one is not.
        why: &'static str,
    },
    /// A public key of another size than its parameter set has (`hint`: which set has it).
    #[error("an {level} public key is {want} bytes; this one has {got}{hint}")]
    PublicSize {
        /// The parameter set named.
        level: MlDsaLevel,
        /// The size it has (1312, 1952 or 2592).
        want: usize,
        /// The size found.
        got: usize,
        /// " (the size of an ML-DSA-44 key: does alg name the right one?)" or empty.
        hint: String,
    },
    /// A private key that is neither the 32-byte seed nor an expanded key.
    #[error(
        "an ML-DSA private key is its 32-byte seed (RFC 9964 section 4, the JWK's \"priv\"); this one has {0} bytes"
    )]
    SeedSize(usize),
    /// The expanded private key (FIPS 204 skEncode), which JOSE does not use.
    #[error(
        "this is the {got}-byte expanded {level} private key; JOSE uses only the 32-byte seed it is expanded from (RFC 9964 section 4), and the seed cannot be recovered from it: use the key's seed form (\"priv\" of 32 bytes, or a PKCS#8 key in seed form)"
    )]
    Expanded {
        /// The parameter set.
        level: MlDsaLevel,
        /// The size found.
        got: usize,
    },
    /// `pub` is not the public key of the `priv` seed.
    #[error(
        "the {level} key's public key (\"pub\") is not the one its private seed (\"priv\") gives: a mismatched pair is refused (RFC 9964 section 7.4)"
    )]
    Mismatch {
        /// The parameter set.
        level: MlDsaLevel,
    },
    /// A PKCS#8 key holding a seed and an expanded key that do not agree.
    #[error(
        "the PKCS#8 {level} private key holds a seed and an expanded key that do not belong together"
    )]
    BothDisagree {
        /// The parameter set.
        level: MlDsaLevel,
    },
    /// A PKCS#8 ML-DSA private key of a form RFC 9881 does not define.
    #[error(
        "the PKCS#8 {level} private key is not a seed ([0] OCTET STRING), an expanded key or both (RFC 9881)"
    )]
    Pkcs8Form {
        /// The parameter set.
        level: MlDsaLevel,
    },
    /// An ML-DSA AlgorithmIdentifier with parameters (RFC 9881: they must be absent).
    #[error("the ML-DSA AlgorithmIdentifier has parameters; RFC 9881 says they must be absent")]
    Params,
    /// A key of a NIST signature algorithm this workbench does not implement.
    #[error(
        "{what} keys are not supported (OID 2.16.840.1.101.3.4.3.{arc}); ML-DSA-44, ML-DSA-65 and ML-DSA-87 are"
    )]
    Unsupported {
        /// "SLH-DSA", "HashML-DSA", "HashSLH-DSA".
        what: &'static str,
        /// The last arc of the OID.
        arc: u8,
    },
}

impl MlDsaError {
    /// The error for a public key of `got` bytes under `level`, saying which level has that
    /// size when one does.
    pub fn public_size(level: MlDsaLevel, got: usize) -> MlDsaError {
        let hint = MlDsaLevel::by_public_len(got)
            .map(|other| {
                format!(" (the size of an {other} key: does \"alg\" name the right parameter set?)")
            })
            .unwrap_or_default();
        MlDsaError::PublicSize {
            level,
            want: level.public_len(),
            got,
            hint,
        }
    }

    /// The error for a private key of `got` bytes: an expanded key (of the level whose size
    /// it has), or a seed of the wrong size.
    pub fn private_size(got: usize) -> MlDsaError {
        match MlDsaLevel::ALL
            .into_iter()
            .find(|l| l.expanded_len() == got)
        {
            Some(level) => MlDsaError::Expanded { level, got },
            None => MlDsaError::SeedSize(got),
        }
    }
}
