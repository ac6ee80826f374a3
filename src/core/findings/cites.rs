//! The rule each finding applies, by its stable id: one table, so that a finding made
//! anywhere cites the same section, in the window, `decode`/`verify` text and `--json`.
//! RFC 8725bis is draft-ietf-oauth-rfc8725bis, the JWT Best Current Practices that replace
//! RFC 8725 (its sections 3.1 to 3.12 keep RFC 8725's numbers; 3.13 to 3.15 are new).

use crate::core::cite::Cite;

/// The JWT BCP's name as findings cite it.
pub const BCP: &str = "RFC 8725bis";

/// `(id, spec, section)` for every finding that applies a written rule.
const TABLE: &[(&str, &str, &str)] = &[
    ("alg-none", BCP, "3.2"),
    ("alg-unexpected", BCP, "3.1"),
    ("alg-unknown", BCP, "3.1"),
    ("alg-missing", "RFC 7515", "4.1.1"),
    ("base64-padding", BCP, "3.14"),
    ("base64-standard-alphabet", BCP, "3.14"),
    ("paste-whitespace", BCP, "3.14"),
    ("paste-surrounding-whitespace", BCP, "3.14"),
    ("paste-quotes", BCP, "3.14"),
    ("paste-bearer", "RFC 6750", "2.1"),
    ("claim-wrong-type", "RFC 7519", "4.1"),
    ("crit-unknown", "RFC 7515", "4.1.11"),
    ("crit-b64", "RFC 7797", "6"),
    ("b64-not-critical", "RFC 7797", "6"),
    ("duplicate-member", "RFC 7519", "4"),
    ("exp-missing", "RFC 7519", "4.1.4"),
    ("exp-before-iat", "RFC 7519", "4.1.4"),
    ("nbf-after-exp", "RFC 7519", "4.1.5"),
    ("iat-future", "RFC 7519", "4.1.6"),
    ("lifetime-long", "RFC 6819", "5.1.5.3"),
    ("time-milliseconds", "RFC 7519", "2"),
    ("time-string", "RFC 7519", "2"),
    ("time-out-of-range", "RFC 7519", "2"),
    ("aud-missing", BCP, "3.9"),
    ("typ-other", BCP, "3.11"),
    ("typ-not-explicit", BCP, "3.11"),
    ("header-jku", BCP, "3.10"),
    ("header-x5u", BCP, "3.10"),
    ("header-jwk", BCP, "3.10"),
    ("header-x5c", BCP, "3.10"),
    ("kid-suspicious", BCP, "3.10"),
    ("kid-not-string", "RFC 7515", "4.1.4"),
    ("hmac-secret-empty", BCP, "3.5"),
    ("hmac-secret-short", "RFC 7518", "3.2"),
    ("hmac-secret-well-known", BCP, "3.5"),
    ("secret-is-key", BCP, "3.2"),
    ("rsa-key-short", "RFC 7518", "3.3"),
    ("akp-jwks-support", "RFC 7517", "5"),
    ("jwe-rsa1-5", BCP, "3.2"),
    ("jwe-p2c-high", BCP, "3.13"),
    ("jwe-p2c-low", "RFC 7518", "4.8.1.2"),
    ("jwe-zip", BCP, "3.6"),
    ("jwe-unsigned-inner", BCP, "3.3"),
    ("jwe-nested-unverified", BCP, "3.3"),
];

/// The rule the finding `id` applies, if it applies a written one. Findings about the
/// claims' values (`payload-*`) cite RFC 7519's privacy considerations.
pub fn cite_of(id: &str) -> Option<Cite> {
    if id.starts_with("payload-") {
        return Some(Cite::new("RFC 7519", "12"));
    }
    TABLE
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, spec, section)| Cite::new(spec, section))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_cited() {
        let mut ids: Vec<&str> = TABLE.iter().map(|(i, _, _)| *i).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), TABLE.len());
        assert_eq!(
            cite_of("alg-none").unwrap().to_string(),
            "RFC 8725bis section 3.2"
        );
        assert_eq!(cite_of("payload-email").unwrap().section, "12");
        assert_eq!(cite_of("no-such-finding"), None);
    }
}
