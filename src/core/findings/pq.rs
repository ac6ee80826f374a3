//! Post-quantum findings: an ML-DSA token or key (RFC 9964) is published as a JWK of key
//! type `AKP`, which JWKS clients written before it drop without a word.

use super::{Finding, Severity, Target};
use crate::core::alg::{Family, HeaderAlg};
use crate::core::keys::Key;

/// The finding's stable id.
pub const AKP_JWKS: &str = "akp-jwks-support";

/// "JWKS clients may not know AKP keys", once, for an ML-DSA token (pointing at its `alg`) or,
/// failing that, an ML-DSA key (pointing at the key).
pub(super) fn akp_findings(alg: &HeaderAlg, key: Option<&Key>) -> Vec<Finding> {
    let from_token = match alg {
        HeaderAlg::Known(a) => match a.family() {
            Family::MlDsa(level) => Some(level),
            _ => None,
        },
        _ => None,
    };
    let from_key = key.and_then(|k| match k.family() {
        Family::MlDsa(level) => Some(level),
        _ => None,
    });
    let (level, target) = match (from_token, from_key) {
        (Some(level), _) => (level, Target::Header("alg".into())),
        (None, Some(level)) => (level, Target::Key),
        (None, None) => return Vec::new(),
    };
    vec![Finding::new(
        AKP_JWKS,
        Severity::Info,
        target,
        "JWKS clients may not know AKP keys",
        format!(
            "an {level} public key is published as a JWK of key type \"AKP\" (RFC 9964), which JWKS libraries written before 2026 do not know; RFC 7517 section 5 tells them to skip such a key, so a verifier reports \"no key with this kid\" instead of an error about ML-DSA. Check that every verifier supports AKP and {level} before switching, and publish a classical key beside it while they catch up"
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::alg::JwsAlg;

    #[test]
    fn once_for_a_token_or_a_key() {
        let alg = HeaderAlg::Known(JwsAlg::MlDsa65);
        let f = akp_findings(&alg, None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].target, Target::Header("alg".into()));
        assert_eq!(
            f[0].cite.map(|c| c.to_string()).as_deref(),
            Some("RFC 7517 section 5")
        );
        assert!(akp_findings(&HeaderAlg::Known(JwsAlg::ES256), None).is_empty());
        let key =
            crate::core::keys::generate(&crate::core::keys::KeySpec::new(JwsAlg::MlDsa44)).unwrap();
        let f = akp_findings(&HeaderAlg::Known(JwsAlg::ES256), Some(&key));
        assert_eq!((f.len(), &f[0].target), (1, &Target::Key));
        assert!(f[0].detail.contains("ML-DSA-44"));
    }
}
