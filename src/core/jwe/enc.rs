//! The content encryption algorithms (RFC 7518 section 5) and the ECDH-ES curves, by name.

use std::fmt;

/// A content encryption algorithm (`enc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContentAlg {
    /// `A128CBC-HS256`: AES-128-CBC with HMAC-SHA-256 (32-byte CEK).
    A128CbcHs256,
    /// `A192CBC-HS384`: AES-192-CBC with HMAC-SHA-384 (48-byte CEK).
    A192CbcHs384,
    /// `A256CBC-HS512`: AES-256-CBC with HMAC-SHA-512 (64-byte CEK).
    A256CbcHs512,
    /// `A128GCM`: AES-GCM with a 16-byte CEK.
    A128Gcm,
    /// `A192GCM`: AES-GCM with a 24-byte CEK.
    A192Gcm,
    /// `A256GCM`: AES-GCM with a 32-byte CEK.
    A256Gcm,
}

impl ContentAlg {
    /// Every content encryption algorithm, in the order pickers show them.
    pub const ALL: [ContentAlg; 6] = [
        ContentAlg::A128CbcHs256,
        ContentAlg::A192CbcHs384,
        ContentAlg::A256CbcHs512,
        ContentAlg::A128Gcm,
        ContentAlg::A192Gcm,
        ContentAlg::A256Gcm,
    ];

    /// The registered name, as in a header's `enc`.
    pub fn name(self) -> &'static str {
        match self {
            ContentAlg::A128CbcHs256 => "A128CBC-HS256",
            ContentAlg::A192CbcHs384 => "A192CBC-HS384",
            ContentAlg::A256CbcHs512 => "A256CBC-HS512",
            ContentAlg::A128Gcm => "A128GCM",
            ContentAlg::A192Gcm => "A192GCM",
            ContentAlg::A256Gcm => "A256GCM",
        }
    }

    /// Looks up a header's `enc` (exactly); `None` when this module does not implement it
    /// (`Unsupported::content_alg` makes the error).
    pub fn from_name(name: &str) -> Option<ContentAlg> {
        ContentAlg::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Length of the CEK in bytes (for CBC-HMAC: MAC key and encryption key together).
    pub fn key_len(self) -> usize {
        match self {
            ContentAlg::A128CbcHs256 => 32,
            ContentAlg::A192CbcHs384 => 48,
            ContentAlg::A256CbcHs512 => 64,
            ContentAlg::A128Gcm => 16,
            ContentAlg::A192Gcm => 24,
            ContentAlg::A256Gcm => 32,
        }
    }

    /// Length of the initialization vector in bytes: 16 for CBC, 12 for GCM.
    pub fn iv_len(self) -> usize {
        if self.is_gcm() { 12 } else { 16 }
    }

    /// Length of the authentication tag in bytes: 16 for GCM, half the HMAC output for CBC.
    pub fn tag_len(self) -> usize {
        match self {
            ContentAlg::A128CbcHs256 | ContentAlg::A128Gcm => 16,
            ContentAlg::A192Gcm | ContentAlg::A256Gcm => 16,
            ContentAlg::A192CbcHs384 => 24,
            ContentAlg::A256CbcHs512 => 32,
        }
    }

    /// True for the AES-GCM algorithms.
    pub fn is_gcm(self) -> bool {
        matches!(
            self,
            ContentAlg::A128Gcm | ContentAlg::A192Gcm | ContentAlg::A256Gcm
        )
    }
}

impl fmt::Display for ContentAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A curve usable with ECDH-ES.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EcdhCurve {
    /// NIST P-256.
    P256,
    /// NIST P-384.
    P384,
    /// NIST P-521.
    P521,
    /// Curve25519 (RFC 7748, RFC 8037).
    X25519,
}

impl EcdhCurve {
    /// Every supported curve.
    pub const ALL: [EcdhCurve; 4] = [
        EcdhCurve::P256,
        EcdhCurve::P384,
        EcdhCurve::P521,
        EcdhCurve::X25519,
    ];

    /// The JWK `crv` name.
    pub fn name(self) -> &'static str {
        match self {
            EcdhCurve::P256 => "P-256",
            EcdhCurve::P384 => "P-384",
            EcdhCurve::P521 => "P-521",
            EcdhCurve::X25519 => "X25519",
        }
    }

    /// The ECDH curve of one of the project's NIST curves.
    pub fn from_curve(curve: crate::core::alg::Curve) -> EcdhCurve {
        use crate::core::alg::Curve;
        match curve {
            Curve::P256 => EcdhCurve::P256,
            Curve::P384 => EcdhCurve::P384,
            Curve::P521 => EcdhCurve::P521,
        }
    }

    /// The backend's key agreement algorithm for this curve.
    pub(super) fn agreement(self) -> &'static aws_lc_rs::agreement::Algorithm {
        use aws_lc_rs::agreement;
        match self {
            EcdhCurve::P256 => &agreement::ECDH_P256,
            EcdhCurve::P384 => &agreement::ECDH_P384,
            EcdhCurve::P521 => &agreement::ECDH_P521,
            EcdhCurve::X25519 => &agreement::X25519,
        }
    }

    /// Size of one coordinate (or of the X25519 key) in bytes.
    pub fn coordinate_len(self) -> usize {
        match self {
            EcdhCurve::P256 | EcdhCurve::X25519 => 32,
            EcdhCurve::P384 => 48,
            EcdhCurve::P521 => 66,
        }
    }
}

impl fmt::Display for EcdhCurve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_list_the_supported_ones() {
        for e in ContentAlg::ALL {
            assert_eq!(ContentAlg::from_name(e.name()).unwrap(), e);
        }
        assert_eq!(ContentAlg::from_name("XC20P"), None);
    }

    #[test]
    fn sizes_follow_rfc_7518() {
        assert_eq!(ContentAlg::A192CbcHs384.key_len(), 48);
        assert_eq!(ContentAlg::A192CbcHs384.tag_len(), 24);
        assert_eq!(ContentAlg::A256Gcm.iv_len(), 12);
        assert_eq!(EcdhCurve::P521.coordinate_len(), 66);
    }
}
