//! What a post-quantum signature costs in bytes: an ML-DSA token's signature and key set
//! against ES256 and RS256 (2048-bit), for the structure view's signature step.

use super::{Step, hex};
use crate::core::alg::MlDsaLevel;

/// ES256's signature (r and s, 32 bytes each) and public key (x and y) in bytes.
const ES256_SIGNATURE: usize = 64;
/// A P-256 public key as an uncompressed point (`04 || x || y`).
const ES256_PUBLIC: usize = 65;
/// An RS256 signature with a 2048-bit key: one modulus-sized block.
const RS256_SIGNATURE: usize = 256;
/// An RSA-2048 public key as PKCS#1 `RSAPublicKey` (modulus, exponent 65537).
const RS256_PUBLIC: usize = 270;

/// How many base64url characters (no padding) `n` bytes take.
pub fn b64_len(n: usize) -> usize {
    (n * 4).div_ceil(3)
}

/// One line of sizes: "ML-DSA-65 3309 · ES256 64 (1/52) · RS256-2048 256 (1/13)".
fn row(level: MlDsaLevel, ours: usize, es: usize, rs: usize) -> String {
    format!(
        "{level} {ours} · ES256 {es} ({:.0}x smaller) · RS256-2048 {rs} ({:.0}x smaller)",
        ours as f64 / es as f64,
        ours as f64 / rs as f64
    )
}

/// Step 5 for an ML-DSA token: what the signature is, its size against ES256 and RS256, and
/// whether this token's signature has the size its algorithm gives.
pub(super) fn mldsa_signature_step(level: MlDsaLevel, sig: &[u8]) -> Step {
    let want = level.signature_len();
    let mut explain = format!(
        "An {level} signature (FIPS 204, pure ML-DSA with an empty context, RFC 9964 section 5) is one {want}-byte string: a commitment hash, the response vector z and a hint. It is about {:.0} times an ES256 signature and {:.0} times an RS256 one with a 2048-bit key, and the public key a verifier keeps ({} bytes) about {:.0} and {:.0} times theirs: tokens and key sets grow accordingly.",
        want as f64 / ES256_SIGNATURE as f64,
        want as f64 / RS256_SIGNATURE as f64,
        level.public_len(),
        level.public_len() as f64 / ES256_PUBLIC as f64,
        level.public_len() as f64 / RS256_PUBLIC as f64,
    );
    if sig.len() != want {
        explain.push_str(&format!(
            " This token's signature is {} bytes, not {want}: it cannot be an {level} signature, so it does not verify.",
            sig.len()
        ));
    }
    Step {
        title: "5. The signature".into(),
        explain,
        values: vec![
            ("signature (hex)".into(), hex(sig, 1024)),
            (
                "signature, bytes".into(),
                row(level, want, ES256_SIGNATURE, RS256_SIGNATURE),
            ),
            (
                "signature in the token, base64url characters".into(),
                row(
                    level,
                    b64_len(want),
                    b64_len(ES256_SIGNATURE),
                    b64_len(RS256_SIGNATURE),
                ),
            ),
            (
                "public key, bytes (raw; P-256 point; RSA PKCS#1)".into(),
                row(level, level.public_len(), ES256_PUBLIC, RS256_PUBLIC),
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_against_es256_and_rs256() {
        assert_eq!((b64_len(3309), b64_len(64), b64_len(256)), (4412, 86, 342));
        let step = mldsa_signature_step(MlDsaLevel::L65, &[0u8; 3309]);
        assert_eq!(
            step.values[1].1,
            "ML-DSA-65 3309 · ES256 64 (52x smaller) · RS256-2048 256 (13x smaller)"
        );
        assert!(step.values[2].1.starts_with("ML-DSA-65 4412 · ES256 86"));
        assert!(
            step.values[3]
                .1
                .starts_with("ML-DSA-65 1952 · ES256 65 (30x")
        );
        assert!(!step.explain.contains("cannot be"));
        // An ES256 signature relabelled ML-DSA-65: said to be of the wrong size.
        let step = mldsa_signature_step(MlDsaLevel::L65, &[0u8; 64]);
        assert!(
            step.explain
                .contains("This token's signature is 64 bytes, not 3309")
        );
    }
}
