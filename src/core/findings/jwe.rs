//! JWE findings: what a reviewer flags in an encrypted token's protected header, in the key
//! it is decrypted with and in what it decrypts to.
//!
//! Ids: `jwe-rsa1-5` (danger), `jwe-p2c-high` and `jwe-p2c-low` (warning), `jwe-zip`
//! (warning), `jwe-dir-short-key` (warning), `jwe-unsigned-inner` (warning for public-key
//! algorithms, info for shared keys) and `jwe-nested-unverified` (info).

use super::{Finding, Severity, Target};
use crate::core::jwe::{
    DEFAULT_MAX_P2C, Decrypted, JweParts, KeyAlg, KeyFamily, MAX_P2C_CEILING,
    looks_like_compact_jws,
};
use serde_json::{Map, Value};

/// The lowest PBES2 iteration count RFC 7518 section 4.8.1.2 recommends (1000).
pub const MIN_RECOMMENDED_P2C: u64 = 1000;

/// The registered claim names (RFC 7519 section 4.1) that make a JSON object "JWT claims".
const REGISTERED_CLAIMS: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// Findings the protected header alone shows (no key needed): `jwe-rsa1-5`, `jwe-p2c-high`,
/// `jwe-p2c-low` and `jwe-zip`. `decode` and the window list them for any JWE.
pub fn jwe_header_findings(header: &Map<String, Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    if header.get("alg").and_then(Value::as_str) == Some(KeyAlg::Rsa1_5.name()) {
        out.push(Finding::new(
            "jwe-rsa1-5",
            Severity::Danger,
            Target::Header("alg".into()),
            "alg RSA1_5 (RSAES-PKCS1-v1_5)",
            "RSA1_5 key encryption is open to Bleichenbacher's padding-oracle attack: a recipient whose errors or timing differ on bad padding lets an attacker decrypt the CEK; encrypt with RSA-OAEP-256 instead",
        ));
    }
    if let Some(f) = p2c_finding(header) {
        out.push(f);
    }
    if header.get("zip").and_then(Value::as_str) == Some("DEF") {
        out.push(Finding::new(
            "jwe-zip",
            Severity::Warning,
            Target::Header("zip".into()),
            "compressed before encryption (zip DEF)",
            "the ciphertext length then depends on the content: when attacker-chosen data sits next to a secret in the plaintext, lengths leak it (CRIME/BREACH); RFC 8725 section 3.6 says not to compress before encrypting",
        ));
    }
    out
}

fn p2c_finding(header: &Map<String, Value>) -> Option<Finding> {
    let p2c = header.get("p2c")?.as_u64()?;
    let target = || Target::Header("p2c".into());
    if p2c > u64::from(MAX_P2C_CEILING) {
        return Some(Finding::new(
            "jwe-p2c-high",
            Severity::Warning,
            target(),
            format!("PBES2 iteration count p2c = {p2c}, absurdly high"),
            format!(
                "a count this large makes every decryption run for minutes (a denial of service against the recipient); this workbench refuses anything over {MAX_P2C_CEILING}, and a sound recipient caps p2c too"
            ),
        ));
    }
    if p2c > u64::from(DEFAULT_MAX_P2C) {
        return Some(Finding::new(
            "jwe-p2c-high",
            Severity::Warning,
            target(),
            format!("PBES2 iteration count p2c = {p2c}, over the default cap of {DEFAULT_MAX_P2C}"),
            format!(
                "decryption here refuses it unless the cap is raised (at most {MAX_P2C_CEILING}); recipients that do not cap p2c can be made to spin by a crafted token"
            ),
        ));
    }
    (p2c < MIN_RECOMMENDED_P2C).then(|| {
        Finding::new(
            "jwe-p2c-low",
            Severity::Warning,
            target(),
            format!("PBES2 iteration count p2c = {p2c}, very low"),
            format!("RFC 7518 section 4.8.1.2 recommends at least {MIN_RECOMMENDED_P2C} iterations; a low count makes guessing the password cheap"),
        )
    })
}

/// `jwe-dir-short-key`: with `dir` the key is the CEK itself, so it must be as long as `enc`
/// needs; `key_len` is the length of the symmetric key given (known only with the key).
fn dir_short_key(parts: &JweParts, key_len: usize) -> Option<Finding> {
    let need = parts.enc.key_len();
    (parts.alg == KeyAlg::Dir && key_len < need).then(|| {
        Finding::new(
            "jwe-dir-short-key",
            Severity::Warning,
            Target::Key,
            format!("dir key of {key_len} bytes, {} needs {need}", parts.enc),
            format!("with dir the shared key is the content encryption key, so {} needs exactly {need} random bytes; a shorter key is refused here and is weaker than the algorithm promises elsewhere", parts.enc),
        )
    })
}

/// True when `plaintext` is a JSON object with a registered JWT claim, or any JSON object
/// when the header's `typ` says JWT.
fn looks_like_claims(plaintext: &[u8], header: &Map<String, Value>) -> bool {
    let text = std::str::from_utf8(plaintext).unwrap_or("");
    let Ok(Value::Object(obj)) = crate::core::json::parse_value("plaintext", text) else {
        return false;
    };
    let typ_jwt = header
        .get("typ")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("JWT"));
    typ_jwt || REGISTERED_CLAIMS.iter().any(|c| obj.contains_key(*c))
}

/// `jwe-unsigned-inner`: the plaintext is JWT claims, not a signed JWS.
fn unsigned_inner(decrypted: &Decrypted) -> Option<Finding> {
    // Judged on the bytes, not on cty: a "cty":"JWT" over bare claims is still unsigned.
    if looks_like_compact_jws(&decrypted.plaintext)
        || !looks_like_claims(&decrypted.plaintext, decrypted.header())
    {
        return None;
    }
    let alg = decrypted.parts.alg;
    let public = matches!(alg.family(), KeyFamily::Rsa | KeyFamily::Ecdh);
    let (severity, who) = if public {
        (
            Severity::Warning,
            "anyone holding the recipient's public key can mint such a token with any claims",
        )
    } else {
        (
            Severity::Info,
            "anyone holding the shared key or password can mint such a token, and nothing says which holder did",
        )
    };
    Some(Finding::new(
        "jwe-unsigned-inner",
        severity,
        Target::Token,
        "encrypted claims without a signature",
        format!(
            "{alg} encryption hides the claims but does not say who wrote them: {who}; sign then encrypt (a nested JWT with cty JWT)"
        ),
    ))
}

/// Every JWE finding for a token taken apart: the header's ([`jwe_header_findings`]), the
/// key's when `key_len` (the length of a symmetric key) is known, and the plaintext's when
/// it was decrypted. Unsorted; see [`super::sort`]. [`super::findings`] of the same token
/// already lists the header's (with `token-encrypted`): use one or the other, not both.
pub fn jwe_findings(
    parts: &JweParts,
    decrypted: Option<&Decrypted>,
    key_len: Option<usize>,
) -> Vec<Finding> {
    let mut out = jwe_header_findings(&parts.header);
    if let Some(f) = key_len.and_then(|n| dir_short_key(parts, n)) {
        out.push(f);
    }
    if let Some(f) = decrypted.and_then(unsigned_inner) {
        out.push(f);
    }
    out
}

/// `jwe-nested-unverified`: the plaintext is a signed token whose signature was not checked
/// (decrypted without a verification key).
pub fn nested_unverified() -> Finding {
    Finding::new(
        "jwe-nested-unverified",
        Severity::Info,
        Target::Token,
        "inner signature not checked",
        "the plaintext is a signed JWT (nested), but no verification key was given, so who signed it is unknown; check it with the issuer's key before trusting the claims",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(header: Value) -> Vec<(&'static str, Severity)> {
        jwe_header_findings(header.as_object().unwrap_or(&Map::new()))
            .iter()
            .map(|f| (f.id, f.severity))
            .collect()
    }

    #[test]
    fn header_findings_fire_and_stay_silent() {
        assert_eq!(
            ids(json!({"alg":"RSA1_5","enc":"A128GCM"})),
            [("jwe-rsa1-5", Severity::Danger)]
        );
        assert!(ids(json!({"alg":"RSA-OAEP-256","enc":"A128GCM"})).is_empty());
        assert_eq!(
            ids(json!({"alg":"A128KW","zip":"DEF"})),
            [("jwe-zip", Severity::Warning)]
        );
        assert!(ids(json!({"p2c": 8192})).is_empty());
        assert!(ids(json!({"p2c": 1000})).is_empty());
        assert_eq!(
            ids(json!({"p2c": 999})),
            [("jwe-p2c-low", Severity::Warning)]
        );
        assert_eq!(
            ids(json!({"p2c": 10_001})),
            [("jwe-p2c-high", Severity::Warning)]
        );
        let absurd = jwe_header_findings(json!({"p2c": 2_147_483_648u64}).as_object().unwrap());
        assert!(absurd[0].title.contains("2147483648"), "{:?}", absurd[0]);
    }

    #[test]
    fn claims_are_recognised() {
        let h = Map::new();
        assert!(looks_like_claims(br#"{"sub":"1"}"#, &h));
        assert!(!looks_like_claims(br#"{"keys":[]}"#, &h));
        assert!(!looks_like_claims(b"hello", &h));
        let typ = json!({"typ":"jwt"});
        assert!(looks_like_claims(br#"{"a":1}"#, typ.as_object().unwrap()));
    }
}
