//! Secrets and personal data in the payload: claim names that say so, and claim values that
//! look like a private key, a payment card number, a national id or an email address. The
//! value itself is never quoted.

use super::{Finding, Severity, Target, clip};
use serde_json::{Map, Value};

/// What every payload finding says: the payload is readable by anyone holding the token.
const READABLE: &str = "a JWT is signed, not encrypted: anyone holding it can read this";

/// Sensitive claim names (snake_case) and the finding id each maps to. A name matches when it
/// equals one of these or ends with `_` + one of these (`db_password`).
const SENSITIVE_NAMES: [(&str, &str); 31] = [
    ("password", "payload-password"),
    ("passwd", "payload-password"),
    ("pwd", "payload-password"),
    ("passphrase", "payload-password"),
    ("pin", "payload-password"),
    ("secret", "payload-secret"),
    ("client_secret", "payload-secret"),
    ("secret_key", "payload-secret"),
    ("api_key", "payload-api-key"),
    ("apikey", "payload-api-key"),
    ("access_key", "payload-api-key"),
    ("access_key_id", "payload-api-key"),
    ("secret_access_key", "payload-api-key"),
    ("private_key", "payload-private-key"),
    ("privatekey", "payload-private-key"),
    ("ssn", "payload-national-id"),
    ("social_security_number", "payload-national-id"),
    ("national_id", "payload-national-id"),
    ("national_insurance_number", "payload-national-id"),
    ("nino", "payload-national-id"),
    ("tax_id", "payload-national-id"),
    ("passport_number", "payload-national-id"),
    ("passport", "payload-national-id"),
    ("credit_card", "payload-card-number"),
    ("creditcard", "payload-card-number"),
    ("card_number", "payload-card-number"),
    ("cardnumber", "payload-card-number"),
    ("cc_number", "payload-card-number"),
    ("pan", "payload-card-number"),
    ("cvv", "payload-card-number"),
    ("cvc", "payload-card-number"),
];

/// `dbPassword`, `DB-Password` and `db password` all become `db_password`.
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        match c {
            '-' | ' ' | '.' => out.push('_'),
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// The finding id for a claim name that suggests a secret or personal data.
pub fn sensitive_name(name: &str) -> Option<&'static str> {
    let n = snake(name);
    SENSITIVE_NAMES
        .iter()
        .find(|(s, _)| {
            n == *s
                || n.strip_suffix(s)
                    .is_some_and(|head| head.ends_with('_') && head.len() > 1)
        })
        .map(|(_, id)| *id)
}

/// What a claim value looks like, when it looks sensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitive {
    /// A PEM private key or a private JWK.
    PrivateKey,
    /// A payment card number (13 to 19 digits passing the Luhn check).
    CardNumber,
    /// A national id number (US SSN, UK National Insurance number).
    NationalId,
    /// An email address.
    Email,
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| match (i % 2 == 1, d * 2) {
            (true, dd) if dd > 9 => dd - 9,
            (true, dd) => dd,
            (false, _) => d,
        })
        .sum();
    sum.is_multiple_of(10)
}

/// 13 to 19 digits (spaces or dashes allowed), a card network's first digit (2 to 6), and a
/// valid Luhn check digit.
pub fn looks_like_card(s: &str) -> bool {
    let t = s.trim();
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
    {
        return false;
    }
    let digits: Vec<u32> = t.chars().filter_map(|c| c.to_digit(10)).collect();
    (13..=19).contains(&digits.len())
        && digits.first().is_some_and(|d| (2..=6).contains(d))
        && luhn(&digits)
}

/// A US Social Security number (`ddd-dd-dddd`, valid area and groups) or a UK National
/// Insurance number (`AB 12 34 56 C`).
pub fn looks_like_national_id(s: &str) -> bool {
    let t = s.trim();
    let parts: Vec<&str> = t.split('-').collect();
    if let [area, group, serial] = parts.as_slice() {
        let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
        if digits(area, 3) && digits(group, 2) && digits(serial, 4) {
            return *area != "000"
                && *area != "666"
                && !area.starts_with('9')
                && *group != "00"
                && *serial != "0000";
        }
        return false;
    }
    let compact: Vec<char> = t.chars().filter(|c| *c != ' ').collect();
    match compact.as_slice() {
        [a, b, rest @ .., last] if rest.len() == 6 => {
            let prefix_ok = |c: &char| c.is_ascii_uppercase() && !"DFIQUV".contains(*c);
            prefix_ok(a)
                && prefix_ok(b)
                && *b != 'O'
                && rest.iter().all(char::is_ascii_digit)
                && ('A'..='D').contains(last)
        }
        _ => false,
    }
}

/// One `@`, a non-empty local part, a dotted domain with a letter TLD, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let t = s.trim();
    let Some((local, domain)) = t.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !t.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
        && !domain.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// What a claim value looks like, if it looks sensitive.
pub fn sensitive_value(v: &Value) -> Option<Sensitive> {
    match v {
        Value::String(s) if s.contains("-----BEGIN") && s.contains("PRIVATE KEY") => {
            Some(Sensitive::PrivateKey)
        }
        Value::String(s) if looks_like_card(s) => Some(Sensitive::CardNumber),
        Value::String(s) if looks_like_national_id(s) => Some(Sensitive::NationalId),
        Value::String(s) if looks_like_email(s) => Some(Sensitive::Email),
        Value::Number(n) if n.as_u64().is_some_and(|u| looks_like_card(&u.to_string())) => {
            Some(Sensitive::CardNumber)
        }
        Value::Object(m) if m.contains_key("kty") && m.contains_key("d") => {
            Some(Sensitive::PrivateKey)
        }
        _ => None,
    }
}

fn name_finding(path: &str, id: &'static str) -> Finding {
    let what = match id {
        "payload-password" => "a password or PIN",
        "payload-secret" => "a secret",
        "payload-api-key" => "an API or access key",
        "payload-private-key" => "a private key",
        "payload-national-id" => "a national id number",
        _ => "payment card data",
    };
    Finding::new(
        id,
        Severity::Warning,
        Target::Claim(path.into()),
        format!("\"{}\" in the payload", clip(path, 40)),
        format!(
            "the name says {what}; {READABLE}. Keep it on the server, or encrypt the token (JWE)"
        ),
    )
}

fn value_finding(path: &str, kind: Sensitive) -> Finding {
    let (id, severity, what) = match kind {
        Sensitive::PrivateKey => ("payload-private-key", Severity::Danger, "a private key"),
        Sensitive::CardNumber => (
            "payload-card-number",
            Severity::Warning,
            "a payment card number",
        ),
        Sensitive::NationalId => (
            "payload-national-id",
            Severity::Warning,
            "a national id number",
        ),
        Sensitive::Email => ("payload-email", Severity::Warning, "an email address"),
    };
    let todo = if kind == Sensitive::PrivateKey {
        "Treat the key as leaked: replace it, and never put keys in tokens"
    } else {
        "Keep it on the server and refer to it by an opaque id, or encrypt the token (JWE)"
    };
    Finding::new(
        id,
        severity,
        Target::Claim(path.into()),
        format!("\"{}\" holds {what}", clip(path, 40)),
        format!("{READABLE}. {todo}"),
    )
}

/// One claim: the value's finding when it is more serious than the name's, else the name's.
fn claim_finding(path: &str, name: &str, value: &Value) -> Option<Finding> {
    let by_value = sensitive_value(value).map(|k| value_finding(path, k));
    let by_name = sensitive_name(name).map(|id| name_finding(path, id));
    match (by_name, by_value) {
        (Some(n), Some(v)) if v.severity < n.severity => Some(v),
        (Some(n), _) => Some(n),
        (None, v) => v,
    }
}

/// Findings for every claim, the members of object claims one level down, and the strings of
/// array claims.
pub(super) fn sensitive_findings(claims: &Map<String, Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (name, value) in claims {
        out.extend(claim_finding(name, name, value));
        match value {
            Value::Object(inner) if sensitive_value(value).is_none() => {
                for (k, v) in inner {
                    out.extend(claim_finding(&format!("{name}.{k}"), k, v));
                }
            }
            Value::Array(items) if sensitive_name(name).is_none() => {
                if let Some(kind) = items.iter().find_map(sensitive_value) {
                    out.push(value_finding(name, kind));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values() {
        for (n, id) in [
            ("dbPassword", "payload-password"),
            ("PWD", "payload-password"),
            ("pin", "payload-password"),
            ("x-api-key", "payload-api-key"),
            ("aws_secret_access_key", "payload-api-key"),
            ("user_ssn", "payload-national-id"),
        ] {
            assert_eq!(sensitive_name(n), Some(id), "{n}");
        }
        for n in [
            "sub",
            "spinner",
            "public_key",
            "passage",
            "company",
            "_pin",
            "span",
        ] {
            assert_eq!(sensitive_name(n), None, "{n}");
        }
        assert!(looks_like_card("5555-5555-5555-4444") && looks_like_card("378282246310005"));
        assert!(
            !looks_like_card("1234567890123452"),
            "no network starts with 1"
        );
        assert!(!looks_like_card("411111111111"), "too short");
        assert!(!looks_like_national_id("000-45-6789"));
        assert!(looks_like_national_id("AB 12 34 56 C"));
        assert!(
            !looks_like_national_id("QQ123456A"),
            "Q is not a valid prefix letter"
        );
        assert!(!looks_like_email("user@localhost"));
        assert!(!looks_like_email("https://example.com/@jane"));
        let jwk = serde_json::json!({"kty": "EC", "d": "x"});
        assert_eq!(sensitive_value(&jwk), Some(Sensitive::PrivateKey));
        let Value::Object(m) = serde_json::json!({"emails": ["a@b.io"]}) else {
            unreachable!()
        };
        assert_eq!(sensitive_findings(&m)[0].id, "payload-email");
    }
}
