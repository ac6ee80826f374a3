//! Key management on the recipient's side (RFC 7516 section 5.2 steps 6 to 10): obtaining
//! the CEK from the token and the key, and recording how for the teaching trace.

use super::alg::{KeyAlg, KeyFamily};
use super::enc::EcdhCurve;
use super::error::JweError;
use super::keys::{JweKey, wrong_key};
use super::parse::JweParts;
use super::problem::{HeaderProblem, SizeProblem};
use super::refusal::WrongKey;
use super::{Limits, content, ecdh, keywrap, pbes2, rsa};
use crate::core::b64;
use crate::core::keys::KeyMaterial;
use serde_json::Value;
use std::fmt;
use zeroize::Zeroizing;

/// How the content encryption key was obtained (or made), step by step, for teaching.
#[derive(Clone, PartialEq, Eq)]
pub enum KeyStep {
    /// `dir`: the symmetric key is the CEK.
    Direct {
        /// The key length in bytes.
        key_len: usize,
    },
    /// AES Key Wrap: the encrypted key is the CEK wrapped under the symmetric key.
    AesKw {
        /// The key-encryption key length in bytes.
        kek_len: usize,
    },
    /// AES-GCM key wrapping: the encrypted key is the CEK encrypted with AES-GCM.
    AesGcmKw {
        /// The key-encryption key length in bytes.
        kek_len: usize,
        /// The header's `iv` (12 bytes).
        iv: Vec<u8>,
        /// The header's `tag` (16 bytes).
        tag: Vec<u8>,
    },
    /// RSA: the encrypted key is the CEK encrypted to the RSA public key.
    Rsa {
        /// The modulus size in bits.
        modulus_bits: usize,
    },
    /// ECDH-ES: key agreement with an ephemeral key, then the Concat KDF.
    Ecdh {
        /// The curve.
        curve: EcdhCurve,
        /// The ephemeral public key (`04 || x || y`, or the 32-byte X25519 key).
        epk: Vec<u8>,
        /// The Concat KDF's AlgorithmID: `enc` for direct agreement, `alg` with key wrap.
        kdf_alg_id: String,
        /// PartyUInfo (`apu`, decoded; empty when absent).
        apu: Vec<u8>,
        /// PartyVInfo (`apv`, decoded; empty when absent).
        apv: Vec<u8>,
        /// The KDF output: the CEK for `ECDH-ES`, the key-wrapping key for `+A*KW`.
        derived: Zeroizing<Vec<u8>>,
    },
    /// PBES2: PBKDF2 from the password, then AES Key Wrap.
    Pbes2 {
        /// The header's `p2s` salt (decoded).
        p2s: Vec<u8>,
        /// The iteration count `p2c`.
        p2c: u32,
        /// The PBKDF2 salt: UTF8(alg) || 0x00 || p2s.
        salt_input: Vec<u8>,
        /// The derived key-wrapping key.
        kek: Zeroizing<Vec<u8>>,
    },
}

impl fmt::Debug for KeyStep {
    /// Names the step and its public parameters; derived keys are not printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyStep::Direct { key_len } => write!(f, "Direct({key_len} bytes)"),
            KeyStep::AesKw { kek_len } => write!(f, "AesKw({kek_len}-byte KEK)"),
            KeyStep::AesGcmKw { kek_len, .. } => write!(f, "AesGcmKw({kek_len}-byte KEK)"),
            KeyStep::Rsa { modulus_bits } => write!(f, "Rsa({modulus_bits} bits)"),
            KeyStep::Ecdh { curve, .. } => write!(f, "Ecdh({curve})"),
            KeyStep::Pbes2 { p2c, .. } => write!(f, "Pbes2(p2c {p2c})"),
        }
    }
}

fn symmetric<'k>(key: &'k JweKey, p: &JweParts, want: usize) -> Result<&'k [u8], JweError> {
    key.symmetric_bytes()
        .filter(|k| k.len() == want)
        .ok_or_else(|| wrong_key(p.alg, p.enc.key_len(), true, key))
}

fn expect_ek_len(p: &JweParts, want: usize, how: &'static str) -> Result<(), JweError> {
    let got = p.encrypted_key.bytes.len();
    if got != want {
        return Err(SizeProblem::EncryptedKey {
            alg: p.alg,
            enc: p.enc,
            want,
            how,
            got,
        }
        .into());
    }
    Ok(())
}

fn header_bytes(
    p: &JweParts,
    member: &'static str,
    want: usize,
    what: &'static str,
) -> Result<Vec<u8>, JweError> {
    let text = match p.header.get(member) {
        Some(Value::String(s)) => s,
        Some(_) => return Err(HeaderProblem::NotBase64Text { member }.into()),
        None => {
            return Err(HeaderProblem::MissingFor {
                member,
                what,
                alg: p.alg,
            }
            .into());
        }
    };
    let bytes =
        b64::decode_strict(text).map_err(|detail| HeaderProblem::Base64 { member, detail })?;
    if bytes.len() != want {
        return Err(SizeProblem::HeaderMember {
            member,
            what,
            want,
            got: bytes.len(),
        }
        .into());
    }
    Ok(bytes)
}

fn unwrap_kw(kek: &[u8], p: &JweParts) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let cek = keywrap::unwrap(kek, &p.encrypted_key.bytes)?;
    if cek.len() != p.enc.key_len() {
        return Err(JweError::Decryption);
    }
    Ok(cek)
}

/// Obtains the CEK; every cryptographic failure is [`JweError::Decryption`].
pub(super) fn unwrap_cek(
    p: &JweParts,
    key: &JweKey,
    limits: &Limits,
) -> Result<(Zeroizing<Vec<u8>>, KeyStep), JweError> {
    let cek_len = p.enc.key_len();
    let kek_len = p.alg.kek_len().unwrap_or_default();
    match p.alg.family() {
        KeyFamily::Direct => {
            let k = symmetric(key, p, cek_len)?;
            Ok((
                Zeroizing::new(k.to_vec()),
                KeyStep::Direct { key_len: k.len() },
            ))
        }
        KeyFamily::AesKw => {
            let kek = symmetric(key, p, kek_len)?;
            expect_ek_len(p, cek_len + 8, "the CEK plus 8 bytes of key wrap")?;
            Ok((unwrap_kw(kek, p)?, KeyStep::AesKw { kek_len }))
        }
        KeyFamily::AesGcmKw => {
            let kek = symmetric(key, p, kek_len)?;
            let iv = header_bytes(p, "iv", 12, "the key wrap IV")?;
            let tag = header_bytes(p, "tag", 16, "the key wrap tag")?;
            expect_ek_len(p, cek_len, "the CEK encrypted with AES-GCM")?;
            let gcm = super::encrypt::gcm_for_kek(kek_len);
            let cek = content::decrypt(gcm, kek, &iv, b"", &p.encrypted_key.bytes, &tag)?;
            let step = KeyStep::AesGcmKw { kek_len, iv, tag };
            Ok((Zeroizing::new(cek), step))
        }
        KeyFamily::Rsa => {
            let Some(KeyMaterial::RsaPrivate { pkcs1, n, .. }) = key.material() else {
                return Err(wrong_key(p.alg, cek_len, true, key));
            };
            let ek = &p.encrypted_key.bytes;
            let cek = if p.alg == KeyAlg::Rsa1_5 {
                rsa::decrypt_pkcs1(pkcs1, n, ek, cek_len)?
            } else {
                let cek = rsa::decrypt_oaep(p.alg, pkcs1, n, ek)?;
                if cek.len() != cek_len {
                    return Err(JweError::Decryption);
                }
                cek
            };
            let modulus_bits = rsa::modulus_bits(n);
            Ok((cek, KeyStep::Rsa { modulus_bits }))
        }
        KeyFamily::Ecdh => {
            let Some(loaded) = key.agreement_key() else {
                return Err(wrong_key(p.alg, cek_len, true, key));
            };
            let (curve, private) = loaded?;
            let epk = super::epk::read_epk(&p.header)?;
            if epk.curve != curve {
                return Err(WrongKey::OtherCurve {
                    epk: epk.curve,
                    key: curve,
                }
                .into());
            }
            let (apu, apv) = ecdh::party_info(&p.header)?;
            let (alg_id, len) = if p.alg == KeyAlg::EcdhEs {
                (p.enc.name(), cek_len)
            } else {
                expect_ek_len(p, cek_len + 8, "the CEK plus 8 bytes of key wrap")?;
                (p.alg.name(), kek_len)
            };
            let epk_public = epk.public.clone();
            let derived = ecdh::derive_for_decrypt(&private, epk, alg_id, &apu, &apv, len)?;
            let cek = if p.alg == KeyAlg::EcdhEs {
                derived.clone()
            } else {
                unwrap_kw(&derived, p)?
            };
            let step = KeyStep::Ecdh {
                curve,
                epk: epk_public,
                kdf_alg_id: alg_id.to_string(),
                apu,
                apv,
                derived,
            };
            Ok((cek, step))
        }
        KeyFamily::Pbes2 => {
            let params = pbes2::params(&p.header, limits)?;
            let password = key
                .password_bytes()
                .ok_or_else(|| wrong_key(p.alg, cek_len, true, key))?;
            expect_ek_len(p, cek_len + 8, "the CEK plus 8 bytes of key wrap")?;
            let kek = pbes2::derive(p.alg, password, &params.p2s, params.p2c)?;
            let cek = unwrap_kw(&kek, p)?;
            let step = KeyStep::Pbes2 {
                salt_input: pbes2::salt_input(p.alg, &params.p2s),
                p2s: params.p2s,
                p2c: params.p2c,
                kek,
            };
            Ok((cek, step))
        }
    }
}
