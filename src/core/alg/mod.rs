//! The JWS algorithms the workbench signs and verifies, the key families they need, and what
//! a header's `alg` says ([`HeaderAlg`], in `header.rs`).

mod header;
mod mldsa;

pub use header::{HeaderAlg, not_implemented};
pub use mldsa::MlDsaLevel;

use std::fmt;

/// A JWS signature algorithm this workbench implements (RFC 7518 section 3, RFC 8037, RFC 9864,
/// RFC 9964).
///
/// jsonwebtoken's own `Algorithm` lacks ES512 and ML-DSA; those are done with the same aws-lc
/// backend. Not supported: Ed448, HashML-DSA and SLH-DSA (their names get a message saying so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum JwsAlg {
    /// HMAC with SHA-256 (the default).
    #[default]
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512.
    PS512,
    /// ECDSA on P-256 with SHA-256.
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// ECDSA on P-521 with SHA-512.
    ES512,
    /// EdDSA (RFC 8037), with an Ed25519 key: the polymorphic name.
    EdDSA,
    /// Ed25519 (RFC 9864): the fully-specified name for what EdDSA does with an Ed25519 key;
    /// the same signature.
    Ed25519,
    /// ML-DSA-44 (RFC 9964: FIPS 204 pure ML-DSA, empty context), JOSE name `ML-DSA-44`.
    MlDsa44,
    /// ML-DSA-65 (RFC 9964), JOSE name `ML-DSA-65`.
    MlDsa65,
    /// ML-DSA-87 (RFC 9964), JOSE name `ML-DSA-87`.
    MlDsa87,
}

/// The kind of key an algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// A shared HMAC secret.
    Hmac,
    /// An RSA key pair.
    Rsa,
    /// An elliptic-curve key on the given curve.
    Ec(Curve),
    /// An Ed25519 key pair.
    Ed25519,
    /// An ML-DSA key pair of one parameter set (RFC 9964: JWK key type `AKP`).
    MlDsa(MlDsaLevel),
    /// An X25519 key pair: key agreement for JWE (ECDH-ES); no JWS algorithm has this family.
    X25519,
}

/// NIST curves used by ECDSA JWS algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    /// P-256 (secp256r1).
    P256,
    /// P-384 (secp384r1).
    P384,
    /// P-521 (secp521r1).
    P521,
}

impl Curve {
    /// The JWK `crv` name.
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The ECDSA algorithm that uses this curve.
    pub fn alg(self) -> JwsAlg {
        match self {
            Curve::P256 => JwsAlg::ES256,
            Curve::P384 => JwsAlg::ES384,
            Curve::P521 => JwsAlg::ES512,
        }
    }

    /// Size of one coordinate in bytes.
    pub fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

impl serde::Serialize for JwsAlg {
    /// As its JOSE name: "HS256".
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for JwsAlg {
    /// From its JOSE name (case-sensitive, as JOSE names are).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<JwsAlg, D::Error> {
        let name = String::deserialize(d)?;
        JwsAlg::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown algorithm {}",
                crate::core::text::clip(&name, 20)
            ))
        })
    }
}

impl JwsAlg {
    /// Every algorithm, in the order pickers show them.
    pub const ALL: [JwsAlg; 17] = [
        JwsAlg::HS256,
        JwsAlg::HS384,
        JwsAlg::HS512,
        JwsAlg::RS256,
        JwsAlg::RS384,
        JwsAlg::RS512,
        JwsAlg::PS256,
        JwsAlg::PS384,
        JwsAlg::PS512,
        JwsAlg::ES256,
        JwsAlg::ES384,
        JwsAlg::ES512,
        JwsAlg::EdDSA,
        JwsAlg::Ed25519,
        JwsAlg::MlDsa44,
        JwsAlg::MlDsa65,
        JwsAlg::MlDsa87,
    ];

    /// The registered name, as in a header's `alg`.
    pub fn name(self) -> &'static str {
        match self {
            JwsAlg::HS256 => "HS256",
            JwsAlg::HS384 => "HS384",
            JwsAlg::HS512 => "HS512",
            JwsAlg::RS256 => "RS256",
            JwsAlg::RS384 => "RS384",
            JwsAlg::RS512 => "RS512",
            JwsAlg::PS256 => "PS256",
            JwsAlg::PS384 => "PS384",
            JwsAlg::PS512 => "PS512",
            JwsAlg::ES256 => "ES256",
            JwsAlg::ES384 => "ES384",
            JwsAlg::ES512 => "ES512",
            JwsAlg::EdDSA => "EdDSA",
            JwsAlg::Ed25519 => "Ed25519",
            JwsAlg::MlDsa44 => "ML-DSA-44",
            JwsAlg::MlDsa65 => "ML-DSA-65",
            JwsAlg::MlDsa87 => "ML-DSA-87",
        }
    }

    /// Parses a registered name exactly (JOSE names are case-sensitive).
    pub fn from_name(name: &str) -> Option<JwsAlg> {
        JwsAlg::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The key family this algorithm needs.
    pub fn family(self) -> Family {
        match self {
            JwsAlg::HS256 | JwsAlg::HS384 | JwsAlg::HS512 => Family::Hmac,
            JwsAlg::RS256
            | JwsAlg::RS384
            | JwsAlg::RS512
            | JwsAlg::PS256
            | JwsAlg::PS384
            | JwsAlg::PS512 => Family::Rsa,
            JwsAlg::ES256 => Family::Ec(Curve::P256),
            JwsAlg::ES384 => Family::Ec(Curve::P384),
            JwsAlg::ES512 => Family::Ec(Curve::P521),
            JwsAlg::EdDSA | JwsAlg::Ed25519 => Family::Ed25519,
            JwsAlg::MlDsa44 => Family::MlDsa(MlDsaLevel::L44),
            JwsAlg::MlDsa65 => Family::MlDsa(MlDsaLevel::L65),
            JwsAlg::MlDsa87 => Family::MlDsa(MlDsaLevel::L87),
        }
    }

    /// The jsonwebtoken algorithm that computes the same signature (EdDSA for Ed25519); `None`
    /// for ES512 and ML-DSA, which the crate lacks.
    pub fn to_jsonwebtoken(self) -> Option<jsonwebtoken::Algorithm> {
        use jsonwebtoken::Algorithm as A;
        Some(match self {
            JwsAlg::HS256 => A::HS256,
            JwsAlg::HS384 => A::HS384,
            JwsAlg::HS512 => A::HS512,
            JwsAlg::RS256 => A::RS256,
            JwsAlg::RS384 => A::RS384,
            JwsAlg::RS512 => A::RS512,
            JwsAlg::PS256 => A::PS256,
            JwsAlg::PS384 => A::PS384,
            JwsAlg::PS512 => A::PS512,
            JwsAlg::ES256 => A::ES256,
            JwsAlg::ES384 => A::ES384,
            JwsAlg::EdDSA | JwsAlg::Ed25519 => A::EdDSA,
            JwsAlg::ES512 | JwsAlg::MlDsa44 | JwsAlg::MlDsa65 | JwsAlg::MlDsa87 => {
                return None;
            }
        })
    }

    /// For HMAC: the hash output size in bytes, which is also the recommended minimum secret
    /// size. For the others the size of the hash they use inside (ML-DSA: its 64-byte message
    /// representative).
    pub fn hash_len(self) -> usize {
        match self {
            JwsAlg::HS256
            | JwsAlg::RS256
            | JwsAlg::PS256
            | JwsAlg::ES256
            | JwsAlg::EdDSA
            | JwsAlg::Ed25519 => 32,
            JwsAlg::HS384 | JwsAlg::RS384 | JwsAlg::PS384 | JwsAlg::ES384 => 48,
            JwsAlg::HS512
            | JwsAlg::RS512
            | JwsAlg::PS512
            | JwsAlg::ES512
            | JwsAlg::MlDsa44
            | JwsAlg::MlDsa65
            | JwsAlg::MlDsa87 => 64,
        }
    }

    /// True when the algorithm signs the signing input itself, with no separate digest step
    /// (EdDSA, Ed25519, ML-DSA).
    pub fn signs_message_itself(self) -> bool {
        matches!(self.family(), Family::Ed25519 | Family::MlDsa(_))
    }

    /// What kind of key it needs, in words ("an EC P-256 private key").
    pub fn needs(self, private: bool) -> String {
        let half = if private { "private" } else { "public" };
        match self.family() {
            Family::Hmac => "an HMAC secret".to_string(),
            Family::Rsa => format!("an RSA {half} key"),
            Family::Ec(c) => format!("an EC {} {half} key", c.name()),
            Family::Ed25519 => format!("an Ed25519 {half} key"),
            Family::MlDsa(level) => format!("an {level} {half} key"),
            Family::X25519 => format!("an X25519 {half} key"),
        }
    }
}

impl fmt::Display for JwsAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header_alg(v: serde_json::Value) -> HeaderAlg {
        match v {
            serde_json::Value::Object(m) => HeaderAlg::from_header(&m),
            _ => unreachable!(),
        }
    }

    #[test]
    fn names_round_trip_and_map_to_jsonwebtoken() {
        for a in JwsAlg::ALL {
            assert_eq!(JwsAlg::from_name(a.name()), Some(a));
            let lacking = a == JwsAlg::ES512 || matches!(a.family(), Family::MlDsa(_));
            assert_eq!(a.to_jsonwebtoken().is_none(), lacking);
        }
    }

    #[test]
    fn none_in_any_case_and_near_misses() {
        for n in ["none", "None", "NONE", "nOnE"] {
            assert!(matches!(header_alg(json!({"alg": n})), HeaderAlg::None(_)));
        }
        let p = header_alg(json!({"alg": "hs256"})).problem().unwrap();
        assert!(p.contains("did you mean HS256"), "{p}");
        let p = header_alg(json!({"alg": "ES256K"})).problem().unwrap();
        assert!(p.contains("unsupported algorithm \"ES256K\""), "{p}");
        assert_eq!(header_alg(json!({"typ": "JWT"})), HeaderAlg::Missing);
        assert_eq!(header_alg(json!({"alg": 1})), HeaderAlg::NotAString);
    }
}
