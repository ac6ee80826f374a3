//! Key findings: HMAC secrets (empty, well known, shorter than the hash), a key pasted as a
//! secret (key confusion), and RSA keys under 2048 bits. No message quotes a secret.

use super::wellknown::is_well_known_secret;
use super::{Finding, Severity, Target, sort};
use crate::core::alg::{Family, JwsAlg};
use crate::core::keys::{Key, KeyMaterial, RSA_MIN_BITS, load_key_bytes};

/// Findings about an HMAC secret used with `alg` (nothing for other keys or algorithms):
/// empty or well known (danger), shorter than the hash (warning, RFC 7518 section 3.2).
pub fn secret_findings(key: &Key, alg: JwsAlg) -> Vec<Finding> {
    let KeyMaterial::Secret(bytes) = &key.material else {
        return Vec::new();
    };
    if alg.family() != Family::Hmac {
        return Vec::new();
    }
    let need = alg.hash_len();
    let mut out = Vec::new();
    if bytes.is_empty() {
        out.push(Finding::new(
            "hmac-secret-empty",
            Severity::Danger,
            Target::Key,
            "empty secret",
            format!(
                "an HMAC with an empty secret proves nothing: anyone can sign tokens this verifier accepts. Use at least {need} random bytes"
            ),
        ));
    } else if std::str::from_utf8(bytes).is_ok_and(is_well_known_secret) {
        out.push(Finding::new(
            "hmac-secret-well-known",
            Severity::Danger,
            Target::Key,
            "well-known secret",
            format!(
                "this secret is a published example or placeholder, on every attacker's word list: tokens signed with it can be forged in seconds. Use {need} or more random bytes"
            ),
        ));
    } else if bytes.len() < need {
        out.push(Finding::new(
            "hmac-secret-short",
            Severity::Warning,
            Target::Key,
            "weak secret",
            format!(
                "{} bytes; {alg} needs at least {need} random bytes (RFC 7518 section 3.2), or the secret can be brute-forced offline from any token",
                bytes.len()
            ),
        ));
    }
    sort(&mut out);
    out
}

/// What a text given as a secret is, when it is a key: "a PEM public key", "a certificate",
/// "a JWK", or the loaded key's kind.
fn key_kind(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(rest) = t.split_once("-----BEGIN ").map(|(_, r)| r) {
        let label = rest.split_once("-----").map_or(rest, |(l, _)| l);
        return Some(if label.contains("CERTIFICATE") {
            "a certificate".to_string()
        } else if label.contains("PRIVATE KEY") {
            "a PEM private key".to_string()
        } else if label.contains("PUBLIC KEY") {
            "a PEM public key".to_string()
        } else {
            "a PEM block".to_string()
        });
    }
    if t.starts_with('{') && t.contains("\"kty\"") {
        return Some("a JWK".to_string());
    }
    load_key_bytes(t.as_bytes())
        .ok()
        .and_then(|f| f.keys.first().map(Key::kind_words))
}

/// Findings for a secret TEXT that was refused because it is a key (PEM, certificate, JWK):
/// the key-confusion attack, explained. Nothing when the text is not a key.
pub fn secret_text_findings(text: &str) -> Vec<Finding> {
    let Some(what) = key_kind(text) else {
        return Vec::new();
    };
    vec![Finding::new(
        "secret-is-key",
        Severity::Danger,
        Target::Key,
        "key given as the secret",
        format!(
            "the secret is {what}: using a key as an HMAC secret is the key-confusion (algorithm-confusion) attack, where anyone holding the public key signs HS256 tokens that verify. Load it as a key, and pin the algorithm on the server"
        ),
    )]
}

/// Findings about a key on its own: an RSA modulus under 2048 bits.
pub fn key_findings(key: &Key) -> Vec<Finding> {
    let mut out = Vec::new();
    if key.family() == Family::Rsa && key.bits() < RSA_MIN_BITS {
        out.push(Finding::new(
            "rsa-key-short",
            Severity::Warning,
            Target::Key,
            format!("RSA key of {} bits", key.bits()),
            format!(
                "RSA keys need at least {RSA_MIN_BITS} bits (RFC 7518 section 3.3); a {}-bit key can be factored with enough computing power. Issue tokens with a new key of 2048 bits or more",
                key.bits()
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::keys::{KeyFormat, SecretEncoding, parse_secret};

    fn ids(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.id).collect()
    }

    #[test]
    fn empty_well_known_and_short_secrets() {
        let empty = Key::new(KeyMaterial::Secret(Vec::new()), KeyFormat::SecretText);
        assert_eq!(
            ids(&secret_findings(&empty, JwsAlg::HS256)),
            ["hmac-secret-empty"]
        );
        for known in [
            "a-string-secret-at-least-256-bits-long",
            "your-256-bit-secret",
            "Keyboard Cat",
            "secret",
        ] {
            let k = parse_secret(known, SecretEncoding::Text).unwrap();
            let f = secret_findings(&k, JwsAlg::HS256);
            assert_eq!(ids(&f), ["hmac-secret-well-known"], "{known}");
            assert_eq!(f[0].severity, Severity::Danger);
            if known.len() > 8 {
                assert!(!f[0].detail.to_lowercase().contains(&known.to_lowercase()));
            }
        }
        let short = parse_secret("short", SecretEncoding::Text).unwrap();
        let f = secret_findings(&short, JwsAlg::HS256);
        assert_eq!(ids(&f), ["hmac-secret-short"]);
        assert_eq!(f[0].title, "weak secret");
        assert!(
            f[0].detail.starts_with("5 bytes; HS256 needs at least 32"),
            "{}",
            f[0].detail
        );
        assert!(!f[0].detail.contains("short;"), "never the secret itself");
        let strong = parse_secret(&"k".repeat(32), SecretEncoding::Text).unwrap();
        assert!(secret_findings(&strong, JwsAlg::HS256).is_empty());
        assert_eq!(
            ids(&secret_findings(&strong, JwsAlg::HS384)),
            ["hmac-secret-short"]
        );
        assert!(secret_findings(&short, JwsAlg::RS256).is_empty());
    }

    #[test]
    fn keys_as_secret_text_name_key_confusion() {
        let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";
        let f = secret_text_findings(pem);
        assert_eq!(ids(&f), ["secret-is-key"]);
        assert!(f[0].detail.contains("a PEM public key"));
        assert!(f[0].detail.contains("key-confusion"));
        assert!(!f[0].detail.contains("MCow"));
        let cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        assert!(
            secret_text_findings(cert)[0]
                .detail
                .contains("a certificate")
        );
        let jwk =
            r#" {"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        assert!(secret_text_findings(jwk)[0].detail.contains("a JWK"));
        assert!(secret_text_findings("correct-horse-battery-staple-42!").is_empty());
        assert!(secret_text_findings("{not a key}").is_empty());
    }
}
