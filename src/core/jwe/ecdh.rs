//! ECDH-ES key agreement (RFC 7518 section 4.6) on P-256, P-384, P-521 and X25519, with the
//! Concat KDF (NIST SP 800-56A, SHA-256) of section 4.6.2. The token's `epk` is read and
//! checked (on its curve) in `epk.rs` before any agreement here.

use super::enc::EcdhCurve;
use super::epk::Epk;
use super::error::JweError;
use super::problem::HeaderProblem;
use super::refusal::{BackendProblem, CurveProblem, WrongKey};
use crate::core::b64;
use aws_lc_rs::agreement::{self, ParsedPublicKey, PrivateKey, UnparsedPublicKey};
use aws_lc_rs::digest;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

/// Loads a NIST-curve private key from PKCS#8 DER for agreement.
pub(super) fn private_from_pkcs8(curve: EcdhCurve, pkcs8: &[u8]) -> Result<PrivateKey, JweError> {
    PrivateKey::from_private_key_der(curve.agreement(), pkcs8).map_err(|e| {
        WrongKey::Rejected {
            what: format!("EC {curve} private key"),
            detail: e.to_string(),
        }
        .into()
    })
}

/// Loads an X25519 private key from its 32 raw bytes.
pub(super) fn private_from_x25519(d: &[u8]) -> Result<PrivateKey, JweError> {
    PrivateKey::from_private_key(&agreement::X25519, d).map_err(|e| {
        WrongKey::Rejected {
            what: "X25519 private key".into(),
            detail: e.to_string(),
        }
        .into()
    })
}

/// Reads `apu` and `apv` (base64url, both optional) for the KDF.
pub(super) fn party_info(header: &Map<String, Value>) -> Result<(Vec<u8>, Vec<u8>), JweError> {
    let read = |member: &'static str| -> Result<Vec<u8>, JweError> {
        match header.get(member) {
            None => Ok(Vec::new()),
            Some(Value::String(s)) => b64::decode_strict(s)
                .map_err(|detail| HeaderProblem::Base64 { member, detail }.into()),
            Some(_) => Err(HeaderProblem::NotBase64Text { member }.into()),
        }
    };
    Ok((read("apu")?, read("apv")?))
}

/// Concat KDF with SHA-256: `key_len` bytes from the shared secret `z` and OtherInfo.
pub(super) fn concat_kdf(
    z: &[u8],
    alg_id: &str,
    apu: &[u8],
    apv: &[u8],
    key_len: usize,
) -> Zeroizing<Vec<u8>> {
    let mut other = Vec::new();
    for field in [alg_id.as_bytes(), apu, apv] {
        other.extend_from_slice(&(field.len() as u32).to_be_bytes());
        other.extend_from_slice(field);
    }
    other.extend_from_slice(&((key_len * 8) as u32).to_be_bytes());
    let mut out = Zeroizing::new(Vec::with_capacity(key_len + 32));
    let mut counter = 1u32;
    while out.len() < key_len {
        let mut ctx = digest::Context::new(&digest::SHA256);
        ctx.update(&counter.to_be_bytes());
        ctx.update(z);
        ctx.update(&other);
        out.extend_from_slice(ctx.finish().as_ref());
        counter += 1;
    }
    out.truncate(key_len);
    out
}

fn agree(
    private: &PrivateKey,
    peer: impl TryInto<ParsedPublicKey>,
    curve: EcdhCurve,
    kdf: impl FnOnce(&[u8]) -> Zeroizing<Vec<u8>>,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let refused = JweError::from(CurveProblem::AgreementRefused(curve));
    agreement::agree(private, peer, refused, |z| Ok(kdf(z)))
}

/// The recipient's side: agreement with the token's `epk`, then the Concat KDF.
pub(super) fn derive_for_decrypt(
    private: &PrivateKey,
    epk: Epk,
    alg_id: &str,
    apu: &[u8],
    apv: &[u8],
    key_len: usize,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    agree(private, epk.parsed, epk.curve, |z| {
        concat_kdf(z, alg_id, apu, apv, key_len)
    })
}

/// What the sender's side produces: the derived key and the ephemeral public key.
pub(super) struct Ephemeral {
    /// The Concat KDF output.
    pub derived: Zeroizing<Vec<u8>>,
    /// The public JWK to put in the header as `epk`.
    pub jwk: Map<String, Value>,
}

/// The sender's side: a fresh ephemeral key on the recipient's curve, agreement, KDF.
pub(super) fn derive_for_encrypt(
    curve: EcdhCurve,
    recipient: &[u8],
    alg_id: &str,
    apu: &[u8],
    apv: &[u8],
    key_len: usize,
) -> Result<Ephemeral, JweError> {
    let alg = curve.agreement();
    let parsed = ParsedPublicKey::try_from(&UnparsedPublicKey::new(alg, recipient))
        .map_err(|_| WrongKey::NotAPoint { curve })?;
    let eph = PrivateKey::generate(alg).map_err(|_| BackendProblem::Ephemeral(curve))?;
    let public = eph
        .compute_public_key()
        .map_err(|_| BackendProblem::Failed("ephemeral public key computation"))?
        .as_ref()
        .to_vec();
    let derived = agree(&eph, parsed, curve, |z| {
        concat_kdf(z, alg_id, apu, apv, key_len)
    })?;
    let mut jwk = Map::new();
    let n = curve.coordinate_len();
    if curve == EcdhCurve::X25519 {
        jwk.insert("kty".into(), "OKP".into());
        jwk.insert("crv".into(), curve.name().into());
        jwk.insert("x".into(), b64::encode(&public).into());
    } else {
        let x = public.get(1..1 + n).unwrap_or_default();
        let y = public.get(1 + n..).unwrap_or_default();
        jwk.insert("kty".into(), "EC".into());
        jwk.insert("crv".into(), curve.name().into());
        jwk.insert("x".into(), b64::encode(x).into());
        jwk.insert("y".into(), b64::encode(y).into());
    }
    Ok(Ephemeral { derived, jwk })
}

#[cfg(test)]
mod tests {
    use super::super::epk::read_epk;
    use super::*;
    use serde_json::json;

    /// RFC 7518 appendix C: ECDH-ES with P-256, A128GCM, apu "Alice", apv "Bob".
    #[test]
    fn rfc7518_appendix_c_key_agreement() {
        let epk = json!({"kty":"EC","crv":"P-256",
            "x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
            "y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"});
        let header =
            json!({"alg":"ECDH-ES","enc":"A128GCM","apu":"QWxpY2U","apv":"Qm9i","epk":epk});
        let header = header.as_object().unwrap();
        let d = b64::decode_strict("VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw").unwrap();
        let private = PrivateKey::from_private_key(&agreement::ECDH_P256, &d).unwrap();
        let (apu, apv) = party_info(header).unwrap();
        let epk = read_epk(header).unwrap();
        let k = derive_for_decrypt(&private, epk, "A128GCM", &apu, &apv, 16).unwrap();
        assert_eq!(b64::encode(&k), "VqqN6vgjbSBcIijNcacQGg");
    }

    #[test]
    fn low_order_x25519_points_are_refused() {
        let zero = json!({"epk":{"kty":"OKP","crv":"X25519","x": b64::encode(&[0u8; 32])}});
        let epk = read_epk(zero.as_object().unwrap()).unwrap();
        let private = private_from_x25519(&[9u8; 32]).unwrap();
        let err = derive_for_decrypt(&private, epk, "A128GCM", &[], &[], 16)
            .err()
            .unwrap();
        assert!(err.to_string().contains("small-subgroup"), "{err}");
    }

    #[test]
    fn kdf_output_spans_several_hash_blocks() {
        let k = concat_kdf(&[1, 2, 3], "A256CBC-HS512", b"", b"", 64);
        assert_eq!(k.len(), 64);
        assert_ne!(k[..32], k[32..]);
    }
}
