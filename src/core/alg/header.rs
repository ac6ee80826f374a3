//! What a token header's `alg` member says, and why a name is refused: a near miss in letter
//! case, or an algorithm this workbench knows of but does not implement (Ed448, SLH-DSA,
//! HashML-DSA), said by name.

use super::JwsAlg;

/// What a token header's `alg` member says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderAlg {
    /// A supported algorithm.
    Known(JwsAlg),
    /// `none` in any letter case: an unsecured JWS, never accepted.
    None(String),
    /// A name this workbench does not implement (or a near miss such as `hs256`).
    Unknown(String),
    /// `alg` is not a string.
    NotAString,
    /// No `alg` member.
    Missing,
}

impl HeaderAlg {
    /// Reads `alg` from a decoded header.
    pub fn from_header(header: &serde_json::Map<String, serde_json::Value>) -> HeaderAlg {
        match header.get("alg") {
            None => HeaderAlg::Missing,
            Some(serde_json::Value::String(s)) => {
                if s.eq_ignore_ascii_case("none") {
                    HeaderAlg::None(s.clone())
                } else if let Some(a) = JwsAlg::from_name(s) {
                    HeaderAlg::Known(a)
                } else {
                    HeaderAlg::Unknown(s.clone())
                }
            }
            Some(_) => HeaderAlg::NotAString,
        }
    }

    /// Why this header cannot be verified or signed, as one sentence; `None` for a known alg.
    pub fn problem(&self) -> Option<String> {
        match self {
            HeaderAlg::Known(_) => None,
            HeaderAlg::None(s) => Some(format!(
                "alg is \"{}\": an unsecured token with no signature; it is never accepted",
                crate::core::text::clip(s, 20)
            )),
            HeaderAlg::Unknown(s) => {
                let hint = JwsAlg::ALL
                    .into_iter()
                    .find(|a| a.name().eq_ignore_ascii_case(s))
                    .map(|a| format!(" (algorithm names are case-sensitive: did you mean {a}?)"))
                    .or_else(|| not_implemented(s).map(|why| format!(": {why}")))
                    .unwrap_or_else(|| {
                        format!(" (supported: {})", JwsAlg::ALL.map(|a| a.name()).join(", "))
                    });
                let shown = crate::core::text::clip(s, 40);
                Some(format!("unsupported algorithm \"{shown}\"{hint}"))
            }
            HeaderAlg::NotAString => Some("alg must be a string such as \"HS256\"".to_string()),
            HeaderAlg::Missing => Some("the header has no alg member".to_string()),
        }
    }
}

/// Why a known algorithm family is not implemented, for a name that looks like one of them:
/// Ed448 (RFC 9864), SLH-DSA (FIPS 205), HashML-DSA (FIPS 204 section 5.4).
pub fn not_implemented(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    if upper == "ED448" {
        Some(
            "Ed448 is not supported (the crypto backend has no Ed448); Ed25519 keys sign as Ed25519 or EdDSA",
        )
    } else if upper.starts_with("SLH-DSA") || upper.starts_with("SLHDSA") {
        Some(
            "SLH-DSA (FIPS 205) is not supported; the post-quantum algorithms here are ML-DSA-44, ML-DSA-65 and ML-DSA-87 (RFC 9964)",
        )
    } else if upper.contains("HASHML")
        || (upper.starts_with("ML-DSA") || upper.starts_with("MLDSA"))
            && (upper.contains("SHA") || upper.contains("SHAKE") || upper.ends_with("PH"))
    {
        Some(
            "HashML-DSA and other ML-DSA variants are not supported (RFC 9964 section 7.2 registers none for JOSE); pure ML-DSA-44, ML-DSA-65 and ML-DSA-87 are",
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(name: &str) -> String {
        HeaderAlg::Unknown(name.into())
            .problem()
            .unwrap_or_default()
    }

    #[test]
    fn unimplemented_families_are_named() {
        assert!(problem("Ed448").contains("Ed448 is not supported"));
        assert!(problem("SLH-DSA-SHA2-128s").contains("SLH-DSA (FIPS 205) is not supported"));
        assert!(problem("HashML-DSA-65").contains("HashML-DSA"));
        assert!(problem("ML-DSA-65-SHA512").contains("HashML-DSA"));
        // A near miss in case is a near miss, not another family.
        assert!(problem("ml-dsa-65").contains("did you mean ML-DSA-65?"));
        assert!(problem("ML-DSA-65 ").contains("(supported: HS256"));
        assert!(problem("ed25519").contains("did you mean Ed25519?"));
        assert!(problem("ES256K").contains("(supported: HS256"));
    }
}
