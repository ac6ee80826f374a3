//! RSA key management (RFC 7518 sections 4.2 and 4.3): RSA-OAEP, RSA-OAEP-256, and RSA1_5
//! for decryption only.
//!
//! RSA1_5 follows RFC 7516 section 11.5 / RFC 3218 section 2.3.2: a random CEK is drawn
//! first, and when the PKCS#1 v1.5 decryption fails or yields a CEK of the wrong length,
//! decryption goes on with that random CEK, so the failure surfaces only as the same
//! authentication-tag failure as any other wrong key (no Bleichenbacher oracle).

use super::RSA_BITS;
use super::alg::KeyAlg;
use super::error::JweError;
use super::problem::Unsupported;
use super::refusal::{BackendProblem, EncryptProblem, WrongKey};
use crate::core::keys::der::{self, oid, tag};
use aws_lc_rs::rsa::{
    OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OaepAlgorithm, OaepPrivateDecryptingKey,
    OaepPublicEncryptingKey, Pkcs1PrivateDecryptingKey, PrivateDecryptingKey, PublicEncryptingKey,
};
use zeroize::Zeroizing;

fn oaep(alg: KeyAlg) -> Result<&'static OaepAlgorithm, JweError> {
    match alg {
        KeyAlg::RsaOaep => Ok(&OAEP_SHA1_MGF1SHA1),
        KeyAlg::RsaOaep256 => Ok(&OAEP_SHA256_MGF1SHA256),
        other => Err(Unsupported::NotOaep(other).into()),
    }
}

fn size_error(alg: KeyAlg, bits: usize) -> JweError {
    BackendProblem::RsaSize { alg, bits }.into()
}

fn rejected(what: &str) -> impl FnOnce(aws_lc_rs::error::KeyRejected) -> JweError {
    move |e| {
        WrongKey::Rejected {
            what: what.to_string(),
            detail: e.to_string(),
        }
        .into()
    }
}

/// The size in bits of an RSA modulus given big-endian.
pub(super) fn modulus_bits(n: &[u8]) -> usize {
    let n = der::unsigned(n);
    let lead = n.first().map_or(0, |b| b.leading_zeros() as usize);
    (n.len() * 8).saturating_sub(lead)
}

/// Wraps a PKCS#1 `RSAPrivateKey` in a PKCS#8 `PrivateKeyInfo` (what the backend reads).
fn pkcs8_from_pkcs1(pkcs1: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut alg_id = der::write(tag::OID, oid::RSA);
    alg_id.extend(der::write(tag::NULL, &[]));
    let mut body = Zeroizing::new(der::write_unsigned(&[0]));
    body.extend(der::write(tag::SEQUENCE, &alg_id));
    body.extend(Zeroizing::new(der::write(tag::OCTET_STRING, pkcs1)).iter());
    Zeroizing::new(der::write(tag::SEQUENCE, &body))
}

fn private_key(alg: KeyAlg, pkcs1: &[u8], n: &[u8]) -> Result<PrivateDecryptingKey, JweError> {
    let bits = modulus_bits(n);
    if bits < RSA_BITS.0 || bits > RSA_BITS.1 {
        return Err(size_error(alg, bits));
    }
    PrivateDecryptingKey::from_pkcs8(&pkcs8_from_pkcs1(pkcs1)).map_err(rejected("RSA private key"))
}

/// Decrypts the encrypted key with RSA-OAEP or RSA-OAEP-256; failure is the uniform error.
pub(super) fn decrypt_oaep(
    alg: KeyAlg,
    pkcs1: &[u8],
    n: &[u8],
    encrypted_key: &[u8],
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let params = oaep(alg)?;
    let key = OaepPrivateDecryptingKey::new(private_key(alg, pkcs1, n)?)
        .map_err(|_| BackendProblem::Failed("RSA-OAEP key set-up"))?;
    let mut out = Zeroizing::new(vec![0u8; key.min_output_size()]);
    let len = key
        .decrypt(params, encrypted_key, &mut out, None)
        .map_err(|_| JweError::Decryption)?
        .len();
    out.truncate(len);
    Ok(out)
}

/// RSA1_5 decryption with RFC 3218 random filling: always returns a CEK of `cek_len` bytes,
/// the decrypted one only when PKCS#1 v1.5 decryption succeeded with exactly that length.
pub(super) fn decrypt_pkcs1(
    pkcs1: &[u8],
    n: &[u8],
    encrypted_key: &[u8],
    cek_len: usize,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let mut random = Zeroizing::new(vec![0u8; cek_len]);
    aws_lc_rs::rand::fill(&mut random)
        .map_err(|_| BackendProblem::Failed("random CEK generation"))?;
    let key = Pkcs1PrivateDecryptingKey::new(private_key(KeyAlg::Rsa1_5, pkcs1, n)?)
        .map_err(|_| BackendProblem::Failed("RSA PKCS#1 key set-up"))?;
    let mut out = Zeroizing::new(vec![0u8; key.min_output_size()]);
    let decrypted_len = key
        .decrypt(encrypted_key, &mut out)
        .map(|p| p.len())
        .unwrap_or(usize::MAX);
    if decrypted_len == cek_len {
        out.truncate(cek_len);
        Ok(out)
    } else {
        Ok(random)
    }
}

/// The refusal to encrypt with RSA1_5.
pub(super) fn rsa1_5_refused() -> JweError {
    EncryptProblem::Rsa1_5.into()
}

/// The SubjectPublicKeyInfo DER of an RSA public key (what the backend reads).
fn spki(n: &[u8], e: &[u8]) -> Vec<u8> {
    let mut alg_id = der::write(tag::OID, oid::RSA);
    alg_id.extend(der::write(tag::NULL, &[]));
    let mut rsa = der::write_unsigned(n);
    rsa.extend(der::write_unsigned(e));
    let mut bits = vec![0u8];
    bits.extend(der::write(tag::SEQUENCE, &rsa));
    let mut body = der::write(tag::SEQUENCE, &alg_id);
    body.extend(der::write(tag::BIT_STRING, &bits));
    der::write(tag::SEQUENCE, &body)
}

/// Encrypts the CEK to the RSA public key (n, e) with RSA-OAEP or RSA-OAEP-256.
pub(super) fn encrypt_oaep(
    alg: KeyAlg,
    n: &[u8],
    e: &[u8],
    cek: &[u8],
) -> Result<Vec<u8>, JweError> {
    if alg == KeyAlg::Rsa1_5 {
        return Err(rsa1_5_refused());
    }
    let params = oaep(alg)?;
    let bits = modulus_bits(n);
    if bits < RSA_BITS.0 || bits > RSA_BITS.1 {
        return Err(size_error(alg, bits));
    }
    let public = PublicEncryptingKey::from_der(&spki(n, e)).map_err(rejected("RSA public key"))?;
    let key = OaepPublicEncryptingKey::new(public)
        .map_err(|_| BackendProblem::Failed("RSA-OAEP key set-up"))?;
    let mut out = vec![0u8; key.ciphertext_size()];
    let len = key
        .encrypt(params, cek, &mut out, None)
        .map_err(|_| BackendProblem::Failed("RSA-OAEP encryption"))?
        .len();
    out.truncate(len);
    Ok(out)
}
