//! ML-DSA's three parameter sets (FIPS 204 Table 1) and their sizes (Table 2), as RFC 9964
//! uses them in JOSE.

use super::JwsAlg;
use std::fmt;

/// An ML-DSA parameter set: which of ML-DSA-44, ML-DSA-65 and ML-DSA-87.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MlDsaLevel {
    /// ML-DSA-44 (NIST security category 2).
    L44,
    /// ML-DSA-65 (NIST security category 3).
    L65,
    /// ML-DSA-87 (NIST security category 5).
    L87,
}

impl MlDsaLevel {
    /// The three, smallest first.
    pub const ALL: [MlDsaLevel; 3] = [MlDsaLevel::L44, MlDsaLevel::L65, MlDsaLevel::L87];

    /// The size of a private key's seed, in bytes: the same for every level, and the only
    /// private key form JOSE has (RFC 9964 section 4).
    pub const SEED_LEN: usize = 32;

    /// The JWS algorithm of this level.
    pub fn alg(self) -> JwsAlg {
        match self {
            MlDsaLevel::L44 => JwsAlg::MlDsa44,
            MlDsaLevel::L65 => JwsAlg::MlDsa65,
            MlDsaLevel::L87 => JwsAlg::MlDsa87,
        }
    }

    /// "ML-DSA-65": the JOSE algorithm name, which is also the parameter set's name.
    pub fn name(self) -> &'static str {
        self.alg().name()
    }

    /// The size of a public key, in bytes (1312, 1952, 2592).
    pub fn public_len(self) -> usize {
        match self {
            MlDsaLevel::L44 => 1312,
            MlDsaLevel::L65 => 1952,
            MlDsaLevel::L87 => 2592,
        }
    }

    /// The size of a signature, in bytes (2420, 3309, 4627).
    pub fn signature_len(self) -> usize {
        match self {
            MlDsaLevel::L44 => 2420,
            MlDsaLevel::L65 => 3309,
            MlDsaLevel::L87 => 4627,
        }
    }

    /// The size of the expanded private key FIPS 204 also defines (2560, 4032, 4896 bytes),
    /// which JOSE does not use; known here to say so when one is given.
    pub fn expanded_len(self) -> usize {
        match self {
            MlDsaLevel::L44 => 2560,
            MlDsaLevel::L65 => 4032,
            MlDsaLevel::L87 => 4896,
        }
    }

    /// The NIST security category (2, 3, 5).
    pub fn category(self) -> u8 {
        match self {
            MlDsaLevel::L44 => 2,
            MlDsaLevel::L65 => 3,
            MlDsaLevel::L87 => 5,
        }
    }

    /// The level whose public key has `len` bytes, if any.
    pub fn by_public_len(len: usize) -> Option<MlDsaLevel> {
        MlDsaLevel::ALL.into_iter().find(|l| l.public_len() == len)
    }
}

impl fmt::Display for MlDsaLevel {
    /// "ML-DSA-65".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
