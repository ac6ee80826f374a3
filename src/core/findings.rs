//! Security findings for a token (and the secret it is checked with): what a reviewer would
//! flag, with a one-line explanation each.

use super::alg::{Family, HeaderAlg, JwsAlg};
use super::claims;
use super::keys::{Key, KeyMaterial};
use super::token::{Form, Inspection};
use serde_json::Value;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Exploitable as it stands.
    Critical,
    /// Risky; fix before production.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How serious.
    pub severity: Severity,
    /// Short title.
    pub title: String,
    /// One sentence of explanation.
    pub detail: String,
}

fn finding(severity: Severity, title: impl Into<String>, detail: impl Into<String>) -> Finding {
    Finding {
        severity,
        title: title.into(),
        detail: detail.into(),
    }
}

/// Secrets found in tutorials and leaked configs; attackers try these first.
const WELL_KNOWN_SECRETS: [&str; 16] = [
    "secret",
    "your-256-bit-secret",
    "your-384-bit-secret",
    "your-512-bit-secret",
    "password",
    "changeme",
    "123456",
    "jwt_secret",
    "jwtsecret",
    "secretkey",
    "secret_key",
    "mysecret",
    "supersecret",
    "key",
    "test",
    "default",
];

/// Claim names that suggest secrets or personal data in a payload anyone can read.
const SENSITIVE_NAMES: [&str; 14] = [
    "password",
    "passwd",
    "pwd",
    "secret",
    "client_secret",
    "api_key",
    "apikey",
    "private_key",
    "ssn",
    "credit_card",
    "card_number",
    "cvv",
    "pin",
    "access_key",
];

/// Longest lifetime that does not draw a warning: 24 hours.
const LONG_LIFETIME: i64 = 24 * 3600;

/// Findings for a token, plus for the HMAC secret when one is given.
pub fn findings(insp: &Inspection, key: Option<&Key>) -> Vec<Finding> {
    let mut out = Vec::new();
    if insp.form == Form::Jwe {
        out.push(finding(
            Severity::Info,
            "encrypted token (JWE)",
            "only the header can be read; this workbench shows it but does not decrypt",
        ));
        return out;
    }
    match &insp.alg {
        HeaderAlg::None(s) => out.push(finding(
            Severity::Critical,
            format!("alg \"{s}\""),
            "an unsecured token: anyone can forge it. A server that accepts it accepts any claims",
        )),
        HeaderAlg::Unknown(s) => out.push(finding(
            Severity::Warning,
            format!("unknown alg \"{s}\""),
            "no standard verifier accepts this algorithm",
        )),
        _ => {}
    }
    if let Ok(header) = &insp.header {
        for member in ["jwk", "jku", "x5u", "x5c"] {
            if header.contains_key(member) {
                out.push(finding(
                    Severity::Warning,
                    format!("header carries \"{member}\""),
                    "the token names its own key: a verifier must never trust it, or an attacker signs with a key of their choosing",
                ));
            }
        }
        if let Some(kid) = header.get("kid").and_then(Value::as_str)
            && (kid.contains("..")
                || kid.contains('/')
                || kid.contains('\\')
                || kid.contains('\'')
                || kid.contains(';'))
        {
            out.push(finding(
                    Severity::Warning,
                    "suspicious kid",
                    format!("kid \"{kid}\" looks like a path or a query: a server that looks keys up by kid must not pass it to files or SQL"),
                ));
        }
    }
    if let (Some(k), HeaderAlg::Known(alg)) = (key, &insp.alg) {
        out.extend(secret_findings(k, *alg));
    }
    if let Some(claims) = insp.claims() {
        let exp = claims::time_claim(claims, "exp").ok().flatten();
        let iat = claims::time_claim(claims, "iat").ok().flatten();
        match (exp, iat) {
            (None, _) => out.push(finding(
                Severity::Warning,
                "no exp",
                "the token never expires: a leaked copy works forever",
            )),
            (Some(e), Some(i))
                if e - i > LONG_LIFETIME
                    && claims.get("type").and_then(Value::as_str) != Some("refresh") =>
            {
                out.push(finding(
                    Severity::Info,
                    "long lifetime",
                    format!(
                        "valid for {}: access tokens usually live minutes to hours",
                        claims::human_duration(e - i)
                    ),
                ));
            }
            _ => {}
        }
        for name in claims.keys() {
            let lower = name.to_ascii_lowercase();
            if SENSITIVE_NAMES
                .iter()
                .any(|s| lower == *s || lower.ends_with(&format!("_{s}")))
            {
                out.push(finding(
                    Severity::Warning,
                    format!("\"{name}\" in the payload"),
                    "a JWT is signed, not encrypted: anyone holding the token can read every claim",
                ));
            }
        }
        for value in claims.values() {
            if let Some(s) = value.as_str()
                && s.contains("-----BEGIN")
                && s.contains("PRIVATE KEY")
            {
                out.push(finding(
                    Severity::Critical,
                    "private key in the payload",
                    "a PEM private key sits in a claim that anyone can read",
                ));
            }
        }
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// Findings about an HMAC secret used with `alg`.
pub fn secret_findings(key: &Key, alg: JwsAlg) -> Vec<Finding> {
    let mut out = Vec::new();
    let KeyMaterial::Secret(bytes) = &key.material else {
        return out;
    };
    if alg.family() != Family::Hmac {
        return out;
    }
    let text = String::from_utf8_lossy(bytes);
    if WELL_KNOWN_SECRETS
        .iter()
        .any(|w| text.eq_ignore_ascii_case(w))
    {
        out.push(finding(
            Severity::Critical,
            "well-known secret",
            "this secret is on every attacker's word list: tokens signed with it can be forged in seconds",
        ));
    } else if bytes.len() < alg.hash_len() {
        out.push(finding(
            Severity::Warning,
            "weak secret",
            format!(
                "{} bytes; {alg} needs at least {} random bytes (RFC 7518 section 3.2), or the secret can be brute-forced offline from any token",
                bytes.len(),
                alg.hash_len()
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::keys::{SecretEncoding, parse_secret};
    use crate::core::{b64, inspect};

    fn token(header: &str, payload: &str) -> Inspection {
        inspect(&format!(
            "{}.{}.c2ln",
            b64::encode(header.as_bytes()),
            b64::encode(payload.as_bytes())
        ))
        .unwrap()
    }

    fn titles(f: &[Finding]) -> Vec<String> {
        f.iter()
            .map(|f| format!("{}: {}", f.severity.label(), f.title))
            .collect()
    }

    #[test]
    fn flags_none_missing_exp_and_secrets_in_payload() {
        let f = findings(
            &token(
                r#"{"alg":"none"}"#,
                r#"{"sub":"1","password":"hunter2","user_ssn":"x"}"#,
            ),
            None,
        );
        assert_eq!(
            titles(&f),
            [
                "critical: alg \"none\"",
                "warning: no exp",
                "warning: \"password\" in the payload",
                "warning: \"user_ssn\" in the payload"
            ]
        );
        assert!(f[2].detail.contains("signed, not encrypted"));
    }

    #[test]
    fn flags_weak_and_well_known_secrets() {
        let i = token(
            r#"{"alg":"HS256","jku":"https://x","kid":"../../dev/null"}"#,
            r#"{"iat":0,"exp":2592000}"#,
        );
        let weak = parse_secret("short", SecretEncoding::Text).unwrap();
        let t = titles(&findings(&i, Some(&weak)));
        assert_eq!(
            t,
            [
                "warning: header carries \"jku\"",
                "warning: suspicious kid",
                "warning: weak secret",
                "info: long lifetime"
            ]
        );
        let known = parse_secret("your-256-bit-secret", SecretEncoding::Text).unwrap();
        assert_eq!(
            titles(&secret_findings(&known, JwsAlg::HS256)),
            ["critical: well-known secret"]
        );
        let strong = parse_secret(&"k".repeat(32), SecretEncoding::Text).unwrap();
        assert!(secret_findings(&strong, JwsAlg::HS256).is_empty());
        assert_eq!(
            titles(&secret_findings(&strong, JwsAlg::HS512)),
            ["warning: weak secret"]
        );
    }
}
