//! AES Key Wrap (RFC 3394) with the default IV A6A6A6A6A6A6A6A6.
//!
//! 128- and 256-bit KEKs go through aws-lc-rs's `key_wrap`; it has no 192-bit KEK, so for
//! those the RFC 3394 section 2.2 algorithm runs here on raw AES-192 block operations
//! (aws-lc-rs's AES ECB on one 16-byte block at a time). The integrity check value is
//! compared in constant time, and an unwrap failure is the uniform decryption error.

use super::error::JweError;
use super::refusal::{BackendProblem, EncryptProblem, WrongKey};
use aws_lc_rs::cipher::{AES_192, Algorithm};
use aws_lc_rs::cipher::{DecryptingKey, DecryptionContext, EncryptingKey, UnboundCipherKey};
use aws_lc_rs::key_wrap::{self, AesKek, KeyWrap};
use zeroize::Zeroizing;

/// The RFC 3394 default initial value.
const DEFAULT_IV: [u8; 8] = [0xA6; 8];

/// Wraps `key_data` (a multiple of 8 bytes, at least 16) under `kek` (16, 24 or 32 bytes).
pub(super) fn wrap(kek: &[u8], key_data: &[u8]) -> Result<Vec<u8>, JweError> {
    check_data_len(key_data.len())?;
    let mut out = vec![0u8; key_data.len() + 8];
    match kek.len() {
        16 | 32 => {
            let cipher = if kek.len() == 16 {
                &key_wrap::AES_128
            } else {
                &key_wrap::AES_256
            };
            let kek = AesKek::new(cipher, kek).map_err(|_| backend("AES key wrap key"))?;
            let n = kek
                .wrap(key_data, &mut out)
                .map_err(|_| backend("AES key wrap"))?
                .len();
            out.truncate(n);
            Ok(out)
        }
        24 => rfc3394_wrap(&AES_192, kek, key_data),
        n => Err(kek_len_error(n)),
    }
}

/// Unwraps `wrapped` under `kek`; any integrity failure is [`JweError::Decryption`].
pub(super) fn unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, JweError> {
    if wrapped.len() < 24 || !wrapped.len().is_multiple_of(8) {
        return Err(JweError::Decryption);
    }
    match kek.len() {
        16 | 32 => {
            let cipher = if kek.len() == 16 {
                &key_wrap::AES_128
            } else {
                &key_wrap::AES_256
            };
            let kek = AesKek::new(cipher, kek).map_err(|_| backend("AES key wrap key"))?;
            let mut out = Zeroizing::new(vec![0u8; wrapped.len() - 8]);
            let n = kek
                .unwrap(wrapped, &mut out)
                .map_err(|_| JweError::Decryption)?
                .len();
            out.truncate(n);
            Ok(out)
        }
        24 => rfc3394_unwrap(&AES_192, kek, wrapped),
        n => Err(kek_len_error(n)),
    }
}

fn check_data_len(len: usize) -> Result<(), JweError> {
    if len < 16 || !len.is_multiple_of(8) {
        return Err(EncryptProblem::KeyWrapData { len }.into());
    }
    Ok(())
}

fn kek_len_error(n: usize) -> JweError {
    WrongKey::KekLen { got: n }.into()
}

fn backend(what: &'static str) -> JweError {
    BackendProblem::Failed(what).into()
}

fn cipher_key(alg: &'static Algorithm, kek: &[u8]) -> Result<UnboundCipherKey, JweError> {
    UnboundCipherKey::new(alg, kek).map_err(|_| kek_len_error(kek.len()))
}

/// RFC 3394 section 2.2.1 on raw AES blocks; `alg` fixes the KEK size.
pub(super) fn rfc3394_wrap(
    alg: &'static Algorithm,
    kek: &[u8],
    key_data: &[u8],
) -> Result<Vec<u8>, JweError> {
    check_data_len(key_data.len())?;
    let aes = EncryptingKey::ecb(cipher_key(alg, kek)?).map_err(|_| backend("AES-ECB"))?;
    let mut r: Zeroizing<Vec<[u8; 8]>> = Zeroizing::new(Vec::new());
    for chunk in key_data.chunks_exact(8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        r.push(b);
    }
    let n = r.len() as u64;
    let mut a = DEFAULT_IV;
    let mut block = Zeroizing::new([0u8; 16]);
    for j in 0..6u64 {
        for (i, ri) in r.iter_mut().enumerate() {
            let (hi, lo) = block.split_at_mut(8);
            hi.copy_from_slice(&a);
            lo.copy_from_slice(ri);
            aes.encrypt(&mut block[..])
                .map_err(|_| backend("AES block encryption"))?;
            let t = n * j + i as u64 + 1;
            let (hi, lo) = block.split_at(8);
            a.copy_from_slice(hi);
            xor_counter(&mut a, t);
            ri.copy_from_slice(lo);
        }
    }
    let mut out = Vec::with_capacity(key_data.len() + 8);
    out.extend_from_slice(&a);
    for ri in r.iter() {
        out.extend_from_slice(ri);
    }
    Ok(out)
}

/// RFC 3394 section 2.2.2 on raw AES blocks, with a constant-time check of the IV.
pub(super) fn rfc3394_unwrap(
    alg: &'static Algorithm,
    kek: &[u8],
    wrapped: &[u8],
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    if wrapped.len() < 24 || !wrapped.len().is_multiple_of(8) {
        return Err(JweError::Decryption);
    }
    let aes = DecryptingKey::ecb(cipher_key(alg, kek)?).map_err(|_| backend("AES-ECB"))?;
    let mut chunks = wrapped.chunks_exact(8);
    let mut a = [0u8; 8];
    a.copy_from_slice(chunks.next().ok_or(JweError::Decryption)?);
    let mut r: Zeroizing<Vec<[u8; 8]>> = Zeroizing::new(Vec::new());
    for chunk in chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        r.push(b);
    }
    let n = r.len() as u64;
    let mut block = Zeroizing::new([0u8; 16]);
    for j in (0..6u64).rev() {
        for (i, ri) in r.iter_mut().enumerate().rev() {
            let t = n * j + i as u64 + 1;
            xor_counter(&mut a, t);
            let (hi, lo) = block.split_at_mut(8);
            hi.copy_from_slice(&a);
            lo.copy_from_slice(ri);
            aes.decrypt(&mut block[..], DecryptionContext::None)
                .map_err(|_| JweError::Decryption)?;
            let (hi, lo) = block.split_at(8);
            a.copy_from_slice(hi);
            ri.copy_from_slice(lo);
        }
    }
    aws_lc_rs::constant_time::verify_slices_are_equal(&a, &DEFAULT_IV)
        .map_err(|_| JweError::Decryption)?;
    let mut out = Zeroizing::new(Vec::with_capacity(wrapped.len() - 8));
    for ri in r.iter() {
        out.extend_from_slice(ri);
    }
    Ok(out)
}

fn xor_counter(a: &mut [u8; 8], t: u64) {
    for (x, y) in a.iter_mut().zip(t.to_be_bytes()) {
        *x ^= y;
    }
}

/// The AES block cipher of a KEK length, for tests that run the RFC 3394 code on any size.
#[cfg(test)]
fn aes_for(len: usize) -> &'static Algorithm {
    use aws_lc_rs::cipher::{AES_128, AES_256};
    match len {
        16 => &AES_128,
        24 => &AES_192,
        _ => &AES_256,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::b64::decode_hex as hex;

    /// RFC 3394 section 4: (KEK, key data, wrapped) for 4.1 to 4.6.
    const VECTORS: [(&str, &str, &str); 6] = [
        (
            "000102030405060708090A0B0C0D0E0F",
            "00112233445566778899AABBCCDDEEFF",
            "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5",
        ),
        (
            "000102030405060708090A0B0C0D0E0F1011121314151617",
            "00112233445566778899AABBCCDDEEFF",
            "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D",
        ),
        (
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
            "00112233445566778899AABBCCDDEEFF",
            "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7",
        ),
        (
            "000102030405060708090A0B0C0D0E0F1011121314151617",
            "00112233445566778899AABBCCDDEEFF0001020304050607",
            "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2",
        ),
        (
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
            "00112233445566778899AABBCCDDEEFF0001020304050607",
            "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1",
        ),
        (
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
            "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21",
        ),
    ];

    #[test]
    fn rfc3394_section_4_vectors_own_code_and_dispatch() {
        for (kek, data, wrapped) in VECTORS {
            let (kek, data, wrapped) =
                (hex(kek).unwrap(), hex(data).unwrap(), hex(wrapped).unwrap());
            let aes = aes_for(kek.len());
            assert_eq!(rfc3394_wrap(aes, &kek, &data).unwrap(), wrapped);
            assert_eq!(*rfc3394_unwrap(aes, &kek, &wrapped).unwrap(), data);
            assert_eq!(wrap(&kek, &data).unwrap(), wrapped);
            assert_eq!(*unwrap(&kek, &wrapped).unwrap(), data);
        }
    }

    #[test]
    fn tampering_and_wrong_keys_fail_uniformly() {
        let (kek, _, wrapped) = VECTORS[3];
        let (kek, mut wrapped) = (hex(kek).unwrap(), hex(wrapped).unwrap());
        wrapped[5] ^= 1;
        assert_eq!(unwrap(&kek, &wrapped).unwrap_err(), JweError::Decryption);
        wrapped[5] ^= 1;
        let mut other = kek.clone();
        other[0] ^= 0x80;
        assert_eq!(unwrap(&other, &wrapped).unwrap_err(), JweError::Decryption);
        assert_eq!(
            unwrap(&kek, &wrapped[..16]).unwrap_err(),
            JweError::Decryption
        );
        assert!(matches!(
            wrap(&kek[..20], &[0; 16]),
            Err(JweError::WrongKey(WrongKey::KekLen { got: 20 }))
        ));
        assert!(matches!(wrap(&kek, &[0; 12]), Err(JweError::Encrypt(_))));
    }

    #[test]
    fn own_code_agrees_with_the_backend_for_128_and_256_bit_keks() {
        for len in [16usize, 32] {
            let mut kek = vec![0u8; len];
            let mut data = vec![0u8; 40];
            aws_lc_rs::rand::fill(&mut kek).unwrap();
            aws_lc_rs::rand::fill(&mut data).unwrap();
            let ours = rfc3394_wrap(aes_for(len), &kek, &data).unwrap();
            assert_eq!(ours, wrap(&kek, &data).unwrap());
            assert_eq!(*unwrap(&kek, &ours).unwrap(), data);
        }
    }
}
