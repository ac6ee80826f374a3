//! The JWE algorithms this module implements (RFC 7518 sections 4 and 5), by name.

use super::error::JweError;
use std::fmt;

/// A key management algorithm: how the content encryption key (CEK) is obtained (`alg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyAlg {
    /// `dir`: the shared symmetric key is the CEK.
    Dir,
    /// `A128KW`: AES Key Wrap (RFC 3394) with a 128-bit key.
    A128Kw,
    /// `A192KW`: AES Key Wrap with a 192-bit key.
    A192Kw,
    /// `A256KW`: AES Key Wrap with a 256-bit key.
    A256Kw,
    /// `A128GCMKW`: the CEK encrypted with AES-GCM under a 128-bit key.
    A128GcmKw,
    /// `A192GCMKW`: the CEK encrypted with AES-GCM under a 192-bit key.
    A192GcmKw,
    /// `A256GCMKW`: the CEK encrypted with AES-GCM under a 256-bit key.
    A256GcmKw,
    /// `RSA-OAEP`: RSAES-OAEP with SHA-1 and MGF1-SHA-1.
    RsaOaep,
    /// `RSA-OAEP-256`: RSAES-OAEP with SHA-256 and MGF1-SHA-256.
    RsaOaep256,
    /// `RSA1_5`: RSAES-PKCS1-v1_5 (decryption only: vulnerable to Bleichenbacher's attack).
    Rsa1_5,
    /// `ECDH-ES`: ECDH with an ephemeral key; the Concat KDF output is the CEK.
    EcdhEs,
    /// `ECDH-ES+A128KW`: ECDH-ES, then the CEK wrapped with A128KW.
    EcdhEsA128Kw,
    /// `ECDH-ES+A192KW`: ECDH-ES, then the CEK wrapped with A192KW.
    EcdhEsA192Kw,
    /// `ECDH-ES+A256KW`: ECDH-ES, then the CEK wrapped with A256KW.
    EcdhEsA256Kw,
    /// `PBES2-HS256+A128KW`: PBKDF2-HMAC-SHA-256 from a password, then A128KW.
    Pbes2Hs256A128Kw,
    /// `PBES2-HS384+A192KW`: PBKDF2-HMAC-SHA-384 from a password, then A192KW.
    Pbes2Hs384A192Kw,
    /// `PBES2-HS512+A256KW`: PBKDF2-HMAC-SHA-512 from a password, then A256KW.
    Pbes2Hs512A256Kw,
}

/// The family a key management algorithm belongs to (what kind of key it needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyFamily {
    /// `dir`.
    Direct,
    /// AES Key Wrap.
    AesKw,
    /// AES-GCM key wrapping.
    AesGcmKw,
    /// RSA encryption of the CEK.
    Rsa,
    /// ECDH-ES (direct or with key wrapping).
    Ecdh,
    /// PBES2.
    Pbes2,
}

impl KeyAlg {
    /// Every key management algorithm, in the order pickers show them.
    pub const ALL: [KeyAlg; 17] = [
        KeyAlg::Dir,
        KeyAlg::A128Kw,
        KeyAlg::A192Kw,
        KeyAlg::A256Kw,
        KeyAlg::A128GcmKw,
        KeyAlg::A192GcmKw,
        KeyAlg::A256GcmKw,
        KeyAlg::RsaOaep,
        KeyAlg::RsaOaep256,
        KeyAlg::Rsa1_5,
        KeyAlg::EcdhEs,
        KeyAlg::EcdhEsA128Kw,
        KeyAlg::EcdhEsA192Kw,
        KeyAlg::EcdhEsA256Kw,
        KeyAlg::Pbes2Hs256A128Kw,
        KeyAlg::Pbes2Hs384A192Kw,
        KeyAlg::Pbes2Hs512A256Kw,
    ];

    /// The registered name, as in a header's `alg`.
    pub fn name(self) -> &'static str {
        match self {
            KeyAlg::Dir => "dir",
            KeyAlg::A128Kw => "A128KW",
            KeyAlg::A192Kw => "A192KW",
            KeyAlg::A256Kw => "A256KW",
            KeyAlg::A128GcmKw => "A128GCMKW",
            KeyAlg::A192GcmKw => "A192GCMKW",
            KeyAlg::A256GcmKw => "A256GCMKW",
            KeyAlg::RsaOaep => "RSA-OAEP",
            KeyAlg::RsaOaep256 => "RSA-OAEP-256",
            KeyAlg::Rsa1_5 => "RSA1_5",
            KeyAlg::EcdhEs => "ECDH-ES",
            KeyAlg::EcdhEsA128Kw => "ECDH-ES+A128KW",
            KeyAlg::EcdhEsA192Kw => "ECDH-ES+A192KW",
            KeyAlg::EcdhEsA256Kw => "ECDH-ES+A256KW",
            KeyAlg::Pbes2Hs256A128Kw => "PBES2-HS256+A128KW",
            KeyAlg::Pbes2Hs384A192Kw => "PBES2-HS384+A192KW",
            KeyAlg::Pbes2Hs512A256Kw => "PBES2-HS512+A256KW",
        }
    }

    /// Looks up a header's `alg`; the error lists the supported names.
    pub fn from_name(name: &str) -> Result<KeyAlg, JweError> {
        KeyAlg::ALL
            .into_iter()
            .find(|a| a.name() == name)
            .ok_or_else(|| {
                let why = super::NOT_SUPPORTED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, why)| format!(" ({why})"))
                    .unwrap_or_default();
                let names: Vec<&str> = KeyAlg::ALL.iter().map(|a| a.name()).collect();
                JweError::Unsupported(format!(
                    "key management algorithm \"{name}\" is not supported{why}; supported: {}",
                    names.join(", ")
                ))
            })
    }

    /// What kind of key management this is.
    pub fn family(self) -> KeyFamily {
        match self {
            KeyAlg::Dir => KeyFamily::Direct,
            KeyAlg::A128Kw | KeyAlg::A192Kw | KeyAlg::A256Kw => KeyFamily::AesKw,
            KeyAlg::A128GcmKw | KeyAlg::A192GcmKw | KeyAlg::A256GcmKw => KeyFamily::AesGcmKw,
            KeyAlg::RsaOaep | KeyAlg::RsaOaep256 | KeyAlg::Rsa1_5 => KeyFamily::Rsa,
            KeyAlg::EcdhEs | KeyAlg::EcdhEsA128Kw | KeyAlg::EcdhEsA192Kw | KeyAlg::EcdhEsA256Kw => {
                KeyFamily::Ecdh
            }
            KeyAlg::Pbes2Hs256A128Kw | KeyAlg::Pbes2Hs384A192Kw | KeyAlg::Pbes2Hs512A256Kw => {
                KeyFamily::Pbes2
            }
        }
    }

    /// The AES key length in bytes of the wrapping step (KW, GCMKW, ECDH-ES+KW, PBES2), if any.
    pub fn kek_len(self) -> Option<usize> {
        match self {
            KeyAlg::A128Kw
            | KeyAlg::A128GcmKw
            | KeyAlg::EcdhEsA128Kw
            | KeyAlg::Pbes2Hs256A128Kw => Some(16),
            KeyAlg::A192Kw
            | KeyAlg::A192GcmKw
            | KeyAlg::EcdhEsA192Kw
            | KeyAlg::Pbes2Hs384A192Kw => Some(24),
            KeyAlg::A256Kw
            | KeyAlg::A256GcmKw
            | KeyAlg::EcdhEsA256Kw
            | KeyAlg::Pbes2Hs512A256Kw => Some(32),
            KeyAlg::Dir
            | KeyAlg::RsaOaep
            | KeyAlg::RsaOaep256
            | KeyAlg::Rsa1_5
            | KeyAlg::EcdhEs => None,
        }
    }

    /// True when the token carries no encrypted key (`dir`, `ECDH-ES`).
    pub fn is_direct(self) -> bool {
        matches!(self, KeyAlg::Dir | KeyAlg::EcdhEs)
    }
}

impl fmt::Display for KeyAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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

    /// Looks up a header's `enc`; the error lists the supported names.
    pub fn from_name(name: &str) -> Result<ContentAlg, JweError> {
        ContentAlg::ALL
            .into_iter()
            .find(|a| a.name() == name)
            .ok_or_else(|| {
                let why = super::NOT_SUPPORTED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, why)| format!(" ({why})"))
                    .unwrap_or_default();
                let names: Vec<&str> = ContentAlg::ALL.iter().map(|a| a.name()).collect();
                JweError::Unsupported(format!(
                    "content encryption algorithm \"{name}\" is not supported{why}; supported: {}",
                    names.join(", ")
                ))
            })
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
        for a in KeyAlg::ALL {
            assert_eq!(KeyAlg::from_name(a.name()).unwrap(), a);
        }
        for e in ContentAlg::ALL {
            assert_eq!(ContentAlg::from_name(e.name()).unwrap(), e);
        }
        let err = KeyAlg::from_name("RSA-OAEP-384").unwrap_err().to_string();
        assert!(err.contains("\"RSA-OAEP-384\" is not supported"), "{err}");
        assert!(err.contains("PBES2-HS512+A256KW"), "{err}");
        let err = ContentAlg::from_name("XC20P").unwrap_err().to_string();
        assert!(err.contains("A256GCM"), "{err}");
    }

    #[test]
    fn sizes_follow_rfc_7518() {
        assert_eq!(ContentAlg::A192CbcHs384.key_len(), 48);
        assert_eq!(ContentAlg::A192CbcHs384.tag_len(), 24);
        assert_eq!(ContentAlg::A256Gcm.iv_len(), 12);
        assert_eq!(KeyAlg::Pbes2Hs384A192Kw.kek_len(), Some(24));
        assert_eq!(KeyAlg::EcdhEs.kek_len(), None);
    }
}
