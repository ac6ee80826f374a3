//! The OpenID Connect hash claims (`at_hash`, `c_hash`, `s_hash`): the hash the token's `alg`
//! uses, over the ASCII of the value, its left half, base64url (OIDC Core 3.1.3.6, 3.3.2.11;
//! FAPI 1.0 Advanced 5.1). The hash follows the algorithm: RS384 gives 24 bytes, not 16, and
//! Ed25519 (EdDSA) uses SHA-512.

use crate::core::alg::JwsAlg;
use crate::core::b64;
use aws_lc_rs::digest;

/// One hash claim, worked out: what was hashed, with what, and what came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashInput {
    /// The hash function: "SHA-256", "SHA-384" or "SHA-512".
    pub hash: &'static str,
    /// The full digest's length in bytes.
    pub full_len: usize,
    /// The left half of the digest (what is kept).
    pub left_half: Vec<u8>,
    /// The claim's value: the left half in base64url.
    pub value: String,
}

/// The digest a JWS algorithm's OIDC hash claims use, with its name; `None` for algorithms
/// that define none (ML-DSA, an unknown one).
fn hash_for(alg: JwsAlg) -> Option<(&'static digest::Algorithm, &'static str)> {
    let name = alg.name();
    Some(match name {
        // OIDC: for EdDSA the hash follows the curve; Ed25519 uses SHA-512.
        "EdDSA" | "Ed25519" => (&digest::SHA512, "SHA-512"),
        n if n.starts_with("ML-DSA") => return None,
        n if n.ends_with("256") => (&digest::SHA256, "SHA-256"),
        n if n.ends_with("384") => (&digest::SHA384, "SHA-384"),
        n if n.ends_with("512") => (&digest::SHA512, "SHA-512"),
        _ => return None,
    })
}

/// The hash claim for `value` (an access token, a code, a state) under `alg`; `None` when the
/// algorithm defines no hash for these claims.
pub fn left_half_hash(alg: JwsAlg, value: &str) -> Option<HashInput> {
    let (algorithm, hash) = hash_for(alg)?;
    let d = digest::digest(algorithm, value.as_bytes());
    let full = d.as_ref();
    let left_half = full.get(..full.len() / 2).unwrap_or(full).to_vec();
    Some(HashInput {
        hash,
        full_len: full.len(),
        value: b64::encode(&left_half),
        left_half,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OIDC Core 1.0 appendix A.3 and A.4 (RS256): the access token and code of the examples
    /// and their at_hash and c_hash.
    #[test]
    fn oidc_core_examples() {
        let at =
            left_half_hash(JwsAlg::RS256, "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y").unwrap();
        assert_eq!(at.value, "77QmUPtjPfzWtF2AnpK9RQ");
        let c = left_half_hash(
            JwsAlg::RS256,
            "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk",
        )
        .unwrap();
        assert_eq!(c.value, "LDktKdoQak3Pk0cnXxCltA");
    }

    #[test]
    fn the_hash_follows_the_algorithm() {
        for (alg, len, hash) in [
            (JwsAlg::HS256, 16, "SHA-256"),
            (JwsAlg::RS384, 24, "SHA-384"),
            (JwsAlg::ES512, 32, "SHA-512"),
            (JwsAlg::EdDSA, 32, "SHA-512"),
        ] {
            let h = left_half_hash(alg, "token").unwrap();
            assert_eq!((h.left_half.len(), h.hash), (len, hash), "{alg}");
            assert_eq!(h.full_len, 2 * len);
        }
    }
}
