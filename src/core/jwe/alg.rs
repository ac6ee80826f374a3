//! The key management algorithms this module implements (RFC 7518 section 4), by name.

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

    /// Looks up a header's `alg` (exactly: JOSE names are case-sensitive); `None` when this
    /// module does not implement it (`Unsupported::key_alg` makes the error).
    pub fn from_name(name: &str) -> Option<KeyAlg> {
        KeyAlg::ALL.into_iter().find(|a| a.name() == name)
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

/// What `alg` needs, in words, for decrypting or encrypting (`enc_key_len`: the CEK length of
/// the content encryption, which `dir` needs as its key).
pub fn needs(alg: KeyAlg, enc_key_len: usize, decrypting: bool) -> String {
    match alg.family() {
        KeyFamily::Direct => format!("a {enc_key_len}-byte symmetric key (the CEK itself)"),
        KeyFamily::AesKw | KeyFamily::AesGcmKw => {
            format!("a {}-byte symmetric key", alg.kek_len().unwrap_or_default())
        }
        KeyFamily::Rsa if decrypting => "an RSA private key".into(),
        KeyFamily::Rsa => "an RSA public (or private) key".into(),
        KeyFamily::Ecdh if decrypting => "an EC (P-256, P-384, P-521) or X25519 private key".into(),
        KeyFamily::Ecdh => "an EC (P-256, P-384, P-521) or X25519 public (or private) key".into(),
        KeyFamily::Pbes2 => "a password (or symmetric key bytes used as one)".into(),
    }
}

/// What a key management algorithm needs of a key, to decrypt or to encrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyNeed {
    /// The key management algorithm.
    pub alg: KeyAlg,
    /// The CEK length of the content encryption, in bytes (what `dir` needs as its key).
    pub cek_len: usize,
    /// Decrypting (true) or encrypting.
    pub decrypting: bool,
}

impl KeyNeed {
    /// The key, in words: "an RSA private key" (see [`needs`]).
    pub fn words(self) -> String {
        needs(self.alg, self.cek_len, self.decrypting)
    }

    /// "decrypt" or "encrypt".
    pub fn verb(self) -> &'static str {
        if self.decrypting {
            "decrypt"
        } else {
            "encrypt"
        }
    }
}

impl fmt::Display for KeyAlg {
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
        assert_eq!(KeyAlg::from_name("RSA-OAEP-384"), None);
        assert_eq!(KeyAlg::from_name("rsa-oaep"), None);
    }

    #[test]
    fn wrapping_key_sizes_follow_rfc_7518() {
        assert_eq!(KeyAlg::Pbes2Hs384A192Kw.kek_len(), Some(24));
        assert_eq!(KeyAlg::EcdhEs.kek_len(), None);
    }
}
