//! Content encryption (RFC 7518 section 5): AES-CBC with HMAC-SHA-2 and AES-GCM.
//!
//! CBC-HMAC (section 5.2.2): MAC key = first half of the CEK, encryption key = second half,
//! AL = the AAD length in bits as a 64-bit big-endian integer, tag = the first half of
//! HMAC(MAC key, AAD || IV || ciphertext || AL). The tag is checked, in constant time,
//! before anything is decrypted; every failure is the uniform decryption error.

use super::enc::ContentAlg;
use super::error::JweError;
use super::refusal::{BackendProblem, WrongKey};
use aws_lc_rs::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::cipher::{self, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey};
use aws_lc_rs::cipher::{DecryptionContext, EncryptionContext, UnboundCipherKey};
use aws_lc_rs::{constant_time, hmac, iv::FixedLength};

/// What content encryption produced: a fresh IV, the ciphertext and the tag.
pub(super) struct Sealed {
    /// The initialization vector (12 bytes for GCM, 16 for CBC).
    pub iv: Vec<u8>,
    /// The ciphertext.
    pub ciphertext: Vec<u8>,
    /// The authentication tag.
    pub tag: Vec<u8>,
}

/// Decrypts and authenticates; any failure is [`JweError::Decryption`].
pub(super) fn decrypt(
    enc: ContentAlg,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>, JweError> {
    if cek.len() != enc.key_len() || iv.len() != enc.iv_len() || tag.len() != enc.tag_len() {
        return Err(JweError::Decryption);
    }
    if enc.is_gcm() {
        let key = gcm_key(enc, cek)?;
        let nonce = Nonce::try_assume_unique_for_key(iv).map_err(|_| JweError::Decryption)?;
        let mut buf = ciphertext.to_vec();
        let n = key
            .open_in_place_separate_tag(nonce, Aad::from(aad), tag, &mut buf)
            .map_err(|_| JweError::Decryption)?
            .len();
        buf.truncate(n);
        return Ok(buf);
    }
    let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
    let expected = cbc_tag(enc, mac_key, aad, iv, ciphertext);
    constant_time::verify_slices_are_equal(&expected, tag).map_err(|_| JweError::Decryption)?;
    let key = UnboundCipherKey::new(cbc_cipher(enc), enc_key).map_err(|_| JweError::Decryption)?;
    let key = PaddedBlockDecryptingKey::cbc_pkcs7(key).map_err(|_| JweError::Decryption)?;
    let iv = FixedLength::<16>::try_from(iv).map_err(|_| JweError::Decryption)?;
    let mut buf = ciphertext.to_vec();
    let n = key
        .decrypt(&mut buf, DecryptionContext::Iv128(iv))
        .map_err(|_| JweError::Decryption)?
        .len();
    buf.truncate(n);
    Ok(buf)
}

/// Encrypts `plaintext` under `cek` with a fresh random IV.
pub(super) fn encrypt(
    enc: ContentAlg,
    cek: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed, JweError> {
    if cek.len() != enc.key_len() {
        return Err(WrongKey::CekLen {
            enc,
            got: cek.len(),
        }
        .into());
    }
    let mut iv = vec![0u8; enc.iv_len()];
    aws_lc_rs::rand::fill(&mut iv).map_err(|_| backend("random IV"))?;
    if enc.is_gcm() {
        let key = gcm_key(enc, cek)?;
        let nonce = Nonce::try_assume_unique_for_key(&iv).map_err(|_| backend("AES-GCM IV"))?;
        let mut ciphertext = plaintext.to_vec();
        let tag = key
            .seal_in_place_separate_tag(nonce, Aad::from(aad), &mut ciphertext)
            .map_err(|_| backend("AES-GCM encryption"))?;
        return Ok(Sealed {
            iv,
            ciphertext,
            tag: tag.as_ref().to_vec(),
        });
    }
    let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
    let key = UnboundCipherKey::new(cbc_cipher(enc), enc_key).map_err(|_| backend("AES key"))?;
    let key = PaddedBlockEncryptingKey::cbc_pkcs7(key).map_err(|_| backend("AES-CBC key"))?;
    let fixed = FixedLength::<16>::try_from(iv.as_slice()).map_err(|_| backend("AES-CBC IV"))?;
    let mut ciphertext = plaintext.to_vec();
    key.less_safe_encrypt(&mut ciphertext, EncryptionContext::Iv128(fixed))
        .map_err(|_| backend("AES-CBC encryption"))?;
    let tag = cbc_tag(enc, mac_key, aad, &iv, &ciphertext);
    Ok(Sealed {
        iv,
        ciphertext,
        tag,
    })
}

fn backend(what: &'static str) -> JweError {
    BackendProblem::Failed(what).into()
}

fn gcm_key(enc: ContentAlg, cek: &[u8]) -> Result<LessSafeKey, JweError> {
    let alg = match enc {
        ContentAlg::A128Gcm => &aead::AES_128_GCM,
        ContentAlg::A192Gcm => &aead::AES_192_GCM,
        _ => &aead::AES_256_GCM,
    };
    UnboundKey::new(alg, cek)
        .map(LessSafeKey::new)
        .map_err(|_| JweError::Decryption)
}

fn cbc_cipher(enc: ContentAlg) -> &'static cipher::Algorithm {
    match enc {
        ContentAlg::A128CbcHs256 => &cipher::AES_128,
        ContentAlg::A192CbcHs384 => &cipher::AES_192,
        _ => &cipher::AES_256,
    }
}

/// The first half of HMAC(MAC key, AAD || IV || ciphertext || AL) (RFC 7518 section 5.2.2.1).
fn cbc_tag(enc: ContentAlg, mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let alg = match enc {
        ContentAlg::A128CbcHs256 => hmac::HMAC_SHA256,
        ContentAlg::A192CbcHs384 => hmac::HMAC_SHA384,
        _ => hmac::HMAC_SHA512,
    };
    let al = (aad.len() as u64).wrapping_mul(8).to_be_bytes();
    let mut ctx = hmac::Context::with_key(&hmac::Key::new(alg, mac_key));
    ctx.update(aad);
    ctx.update(iv);
    ctx.update(ciphertext);
    ctx.update(&al);
    let full = ctx.sign();
    full.as_ref()
        .get(..enc.tag_len())
        .unwrap_or_default()
        .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::b64::decode_hex as hex;

    /// RFC 7518 appendix B.1 inputs (AES_128_CBC_HMAC_SHA_256); the expected ciphertext
    /// prefix and tag were recomputed independently with python `cryptography`.
    #[test]
    fn rfc7518_appendix_b1_cbc_hmac_tag() {
        let k = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").unwrap();
        let p = hex(
            "41206369706865722073797374656d206d757374206e6f742062652072657175697265642074\
6f206265207365637265742c20616e64206974206d7573742062652061626c6520746f2066616c6c20696e746f2074\
68652068616e6473206f662074686520656e656d7920776974686f757420696e636f6e76656e69656e6365",
        )
        .unwrap();
        let iv = hex("1af38c2dc2b96ffdd86694092341bc04").unwrap();
        let a = hex(
            "546865207365636f6e64207072696e6369706c65206f662041756775737465204b6572636b686f666673",
        )
        .unwrap();
        let tag = hex("652c3fa36b0a7c5b3219fab3a30bc1c4").unwrap();
        let (mac_key, _) = k.split_at(16);
        let ct_start = "c80edfa32ddf39d5ef00c0b468834279a2e46a1b8049f792f76bfe54b903a9c9";
        // Encrypt with the fixed IV through the same primitives and compare the tag.
        let key = UnboundCipherKey::new(&cipher::AES_128, &k[16..]).unwrap();
        let key = PaddedBlockEncryptingKey::cbc_pkcs7(key).unwrap();
        let mut ct = p.clone();
        let fixed = FixedLength::<16>::try_from(iv.as_slice()).unwrap();
        key.less_safe_encrypt(&mut ct, EncryptionContext::Iv128(fixed))
            .unwrap();
        assert!(crate::core::b64::encode_hex(&ct).starts_with(ct_start));
        assert_eq!(
            cbc_tag(ContentAlg::A128CbcHs256, mac_key, &a, &iv, &ct),
            tag
        );
        let back = decrypt(ContentAlg::A128CbcHs256, &k, &iv, &a, &ct, &tag).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn round_trips_and_refuses_any_flipped_bit() {
        for enc in ContentAlg::ALL {
            let cek = vec![7u8; enc.key_len()];
            let s = encrypt(enc, &cek, b"aad", b"hello world, seventeen+").unwrap();
            assert_eq!(s.iv.len(), enc.iv_len());
            assert_eq!(s.tag.len(), enc.tag_len());
            let ok = decrypt(enc, &cek, &s.iv, b"aad", &s.ciphertext, &s.tag).unwrap();
            assert_eq!(ok, b"hello world, seventeen+");
            let mut t = s.tag.clone();
            t[0] ^= 1;
            let bad = decrypt(enc, &cek, &s.iv, b"aad", &s.ciphertext, &t);
            assert_eq!(bad.unwrap_err(), JweError::Decryption, "{enc}");
            let bad = decrypt(enc, &cek, &s.iv, b"aaD", &s.ciphertext, &s.tag);
            assert_eq!(bad.unwrap_err(), JweError::Decryption, "{enc}");
            let mut c = s.ciphertext.clone();
            c[3] ^= 0x40;
            let bad = decrypt(enc, &cek, &s.iv, b"aad", &c, &s.tag);
            assert_eq!(bad.unwrap_err(), JweError::Decryption, "{enc}");
            let mut iv = s.iv.clone();
            iv[0] ^= 1;
            let bad = decrypt(enc, &cek, &iv, b"aad", &s.ciphertext, &s.tag);
            assert_eq!(bad.unwrap_err(), JweError::Decryption, "{enc}");
        }
    }
}
