//! Encrypted tokens: JSON Web Encryption (RFC 7516) in the compact form and the JSON forms
//! (flattened and general, several recipients, `aad`) with the algorithms of RFC 7518,
//! decrypt and encrypt, on the aws-lc-rs backend. Pure logic: no clock, no files.
//!
//! # API
//! - [`parse`]`(token) -> Result<JweParts, JweError>`: the five parts with their base64url
//!   text, bytes and byte span in the token (for colouring), the header as JSON, `alg`/`enc`
//!   checked against the supported lists and every part's size against them.
//! - [`decrypt`]`(token, &JweKey, &Limits) -> Result<Decrypted, JweError>`: the header, the
//!   plaintext and a [`Trace`] of every intermediate value (CEK, how it was obtained, IV,
//!   AAD, ciphertext, tag, inflation). [`is_nested_jws`] tells whether the plaintext is a
//!   signed token.
//! - [`encrypt`]`(plaintext, &EncryptOptions, &JweKey) -> Result<String, JweError>`: a
//!   compact JWE with a fresh random CEK and IV; header members in the order `alg`, `enc`,
//!   `zip`, `cty`, `kid`, algorithm members, extra members.
//! - [`read_json`]`(text) -> Result<JweJson, JweError>` and [`JweJson::decrypt`]: a JWE
//!   JSON document (RFC 7516 section 7.2) taken apart and decrypted by the recipient the
//!   key's `kid` names, else by each in turn ([`JsonDecrypted`] says which);
//!   [`encrypt_json`]`(plaintext, &[Recipient], aad, JsonForm)`: one CEK wrapped for each
//!   recipient. See the `json` module's notes for the rules on headers.
//! - [`JweKey`]: one of the project's keys (`core::keys::Key`: an `oct` secret, RSA, EC
//!   P-256/384/521, X25519; the one loader reads PEM, DER, JWK and JWKS for JWS and JWE
//!   alike) or a PBES2 password. [`JweKey::from_key`], [`JweKey::from_jwk`] and
//!   [`JweKey::load`] refuse Ed25519, which only signs.
//!
//! # Algorithms
//! Key management (`alg`), decrypt and encrypt: `dir`; `A128KW`, `A192KW`, `A256KW`;
//! `A128GCMKW`, `A192GCMKW`, `A256GCMKW`; `RSA-OAEP`, `RSA-OAEP-256`; `ECDH-ES`,
//! `ECDH-ES+A128KW`, `ECDH-ES+A192KW`, `ECDH-ES+A256KW` on P-256, P-384, P-521 and X25519;
//! `PBES2-HS256+A128KW`, `PBES2-HS384+A192KW`, `PBES2-HS512+A256KW`. `RSA1_5`: decrypt only.
//! Content encryption (`enc`): `A128CBC-HS256`, `A192CBC-HS384`, `A256CBC-HS512`,
//! `A128GCM`, `A192GCM`, `A256GCM`. Compression: `zip: "DEF"`. What is not supported, and
//! why, is listed in [`NOT_SUPPORTED`].
//!
//! # Safety
//! - Every failure of the cryptography is the one message "decryption failed: wrong key, or
//!   the token was altered" ([`JweError::Decryption`]): no padding or unwrap oracle. The
//!   CBC-HMAC tag and the key-wrap IV are compared in constant time; RSA1_5 substitutes a
//!   random CEK on failure (RFC 3218), so its failures look like any wrong key.
//! - PBES2 `p2c` is capped by [`Limits::max_p2c`] (default [`DEFAULT_MAX_P2C`], at most
//!   [`MAX_P2C_CEILING`]) and refused before any PBKDF2 work.
//! - `zip: "DEF"` output is capped at [`MAX_INFLATED`] bytes (zip bombs).
//! - An ECDH-ES `epk` must lie on its curve (invalid-curve attack), checked before agreement.
//! - Error messages never contain a key, a secret, a CEK or a whole token; CEKs and derived
//!   keys live in zeroizing buffers.

mod alg;
mod content;
mod decrypt;
mod ecdh;
mod enc;
mod encrypt;
mod epk;
mod error;
mod json;
mod keys;
mod keywrap;
mod manage;
mod parse;
mod pbes2;
mod problem;
mod refusal;
mod rsa;
mod zip;

pub use alg::{KeyAlg, KeyFamily, KeyNeed, needs};
pub use decrypt::{Decrypted, Trace, decrypt, is_nested_jws, looks_like_compact_jws};
pub use enc::{ContentAlg, EcdhCurve};
pub use encrypt::{EncryptOptions, RESERVED_MEMBERS, encrypt};
pub use error::{DECRYPTION_FAILED, JweError, Part};
pub use json::{
    Aad, HeaderPlace, JsonDecrypted, JsonForm, JsonProblem, JsonRecipient, JweJson, MAX_RECIPIENTS,
    Pick, Recipient, encrypt_json, looks_like_json, read_json,
};
pub use keys::JweKey;
pub use manage::KeyStep;
pub use parse::{EncodedPart, JweParts, parse};
pub use problem::{HeaderProblem, SizeProblem, Unsupported};
pub use refusal::{BackendProblem, CurveProblem, EncryptProblem, LimitKind, WrongKey};

/// The shortest `p2s` accepted, in bytes (RFC 7518 section 4.8.1.1: "8 or more octets").
pub const MIN_P2S_LEN: usize = 8;

/// The smallest and largest RSA modulus the crypto backend encrypts or decrypts with, in bits.
pub const RSA_BITS: (usize, usize) = (2048, 8192);

/// Largest plaintext that `zip: "DEF"` content may inflate to, in bytes (250 000). A bigger
/// output is refused as a possible zip bomb.
pub const MAX_INFLATED: usize = 250_000;

/// Default cap on the PBES2 iteration count `p2c` accepted when decrypting (10 000).
pub const DEFAULT_MAX_P2C: u32 = 10_000;

/// Absolute ceiling on `p2c` (1 000 000): [`Limits::max_p2c`] cannot raise the cap past it.
pub const MAX_P2C_CEILING: u32 = 1_000_000;

/// PBES2 iteration count used when encrypting without [`EncryptOptions::p2c`] (8192: the
/// RFC 7520 example's count, under the default decryption cap and python jwcrypto's 16 384).
pub const DEFAULT_P2C: u32 = 8192;

/// What this module does not do, and why: (name as in a header or in words, reason).
pub const NOT_SUPPORTED: [(&str, &str); 11] = [
    (
        "RSA1_5 encryption",
        "refused by design: RSAES-PKCS1-v1_5 is open to Bleichenbacher's attack; RSA1_5 tokens are decrypted only",
    ),
    (
        "RSA-OAEP-384",
        "registered after RFC 7518 (not part of JWA's list); not implemented here",
    ),
    (
        "RSA-OAEP-512",
        "registered after RFC 7518 (not part of JWA's list); not implemented here",
    ),
    (
        "RSA keys under 2048 bits",
        "not supported by the crypto backend: aws-lc-rs encrypts and decrypts with RSA keys of 2048 to 8192 bits only",
    ),
    (
        "X448",
        "not supported by the crypto backend: aws-lc-rs has no X448 key agreement",
    ),
    (
        "secp256k1",
        "not supported by the crypto backend: aws-lc-rs offers ECDH on P-256, P-384, P-521 and X25519 only",
    ),
    (
        "BP-256",
        "not supported by the crypto backend: aws-lc-rs has no Brainpool curves",
    ),
    (
        "C20PKW",
        "ChaCha20-Poly1305 key wrapping is an unregistered draft; not implemented here",
    ),
    (
        "XC20PKW",
        "XChaCha20-Poly1305 key wrapping is an unregistered draft; not implemented here",
    ),
    (
        "XC20P",
        "XChaCha20-Poly1305 content encryption is an unregistered draft; not implemented here",
    ),
    (
        "crit",
        "no critical header extension is understood, so tokens that list any in crit are refused (RFC 7516 section 4.1.13)",
    ),
];

/// Safety limits for decryption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest PBES2 `p2c` accepted (iterations); default [`DEFAULT_MAX_P2C`]. Values above
    /// [`MAX_P2C_CEILING`] act as the ceiling.
    pub max_p2c: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_p2c: DEFAULT_MAX_P2C,
        }
    }
}

impl Limits {
    /// These limits with the PBES2 cap raised (or lowered) to `max_p2c` iterations; refuses
    /// 0 and anything above [`MAX_P2C_CEILING`].
    pub fn with_max_p2c(self, max_p2c: u32) -> Result<Limits, JweError> {
        if max_p2c == 0 || max_p2c > MAX_P2C_CEILING {
            return Err(LimitKind::CapRange { asked: max_p2c }.into());
        }
        Ok(Limits { max_p2c })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_cap_and_ceiling() {
        assert_eq!(Limits::default().max_p2c, 10_000);
        assert_eq!(
            Limits::default().with_max_p2c(50_000).unwrap().max_p2c,
            50_000
        );
        let err = Limits::default().with_max_p2c(MAX_P2C_CEILING + 1);
        assert!(err.unwrap_err().to_string().contains("1 to 1000000"));
        assert!(Limits::default().with_max_p2c(0).is_err());
        const { assert!(DEFAULT_P2C <= DEFAULT_MAX_P2C) };
    }
}
