//! The RFC example tokens and keys (../shared/vectors/RFC-VECTORS.md) through the core.

use crate::common::*;
use jwt_workbench::core::verify::{SignatureStatus, Unchecked, Verdict};
use jwt_workbench::core::{
    alg::JwsAlg,
    b64,
    sign::{Layout, sign},
    token::{Payload, inspect},
    verify::{Policy, verify},
};

/// Policy for RFC JWS examples whose payloads are text, not claims.
fn jws_policy() -> Policy {
    Policy {
        any_payload: true,
        ..Policy::default()
    }
}

fn report(
    token: &str,
    key_text: &str,
    policy: &Policy,
    now: i64,
) -> jwt_workbench::core::verify::Report {
    let insp = inspect(token).unwrap();
    verify(&insp, Some(&key(key_text)), policy, now)
}

/// A1 (HS256), A2 (RS256), A3 (ES256): signature valid; expired today, valid before exp.
#[test]
fn rfc7515_a1_a2_a3_verify_and_report_expiry() {
    let now = 1_800_000_000; // 2027: long after exp
    for (token, jwk, alg) in [
        (A1_TOKEN, A1_JWK, JwsAlg::HS256),
        (A2_TOKEN, A2_JWK, JwsAlg::RS256),
        (A3_TOKEN, A3_JWK, JwsAlg::ES256),
    ] {
        let r = report(token, jwk, &Policy::default(), now);
        assert_eq!(r.signature, SignatureStatus::Valid, "{alg}");
        assert_eq!(r.alg, Some(alg));
        assert!(!r.valid());
        let (verdict, text) = r.verdict();
        assert_eq!(verdict, Verdict::Expired, "{alg}: {text}");
        let exp = r.checks.iter().find(|c| c.name == "exp").unwrap();
        assert!(!exp.ok);
        assert!(
            exp.detail.contains("2011-03-22 18:43:00 UTC"),
            "{}",
            exp.detail
        );
        assert!(
            exp.detail.starts_with("the token expired "),
            "{}",
            exp.detail
        );

        // Before exp the same token is fully valid; with ignore_exp too.
        assert!(report(token, jwk, &Policy::default(), RFC_EXP - 10).valid());
        let relaxed = Policy {
            ignore_exp: true,
            ..Policy::default()
        };
        assert!(report(token, jwk, &relaxed, now).valid());
        // Leeway: 10 s after exp, a 60 s leeway still accepts it.
        let lee = Policy {
            leeway: 60,
            ..Policy::default()
        };
        assert!(report(token, jwk, &lee, RFC_EXP + 10).valid());
        assert!(!report(token, jwk, &Policy::default(), RFC_EXP + 10).valid());
    }
}

/// Header and payload keep the RFC's exact bytes (CRLF and spaces).
#[test]
fn rfc_example_bytes_are_kept() {
    let i = inspect(A1_TOKEN).unwrap();
    assert_eq!(
        i.header_bytes.unwrap(),
        b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"
    );
    assert_eq!(
        i.payload_bytes.unwrap(),
        b"{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
    );
}

/// A4 is ES512 (P-521), which jsonwebtoken lacks; the workbench verifies it with aws-lc.
#[test]
fn rfc7515_a4_es512_verifies() {
    let r = report(A4_TOKEN, A4_JWK, &Policy::default(), 0);
    assert_eq!(r.signature, SignatureStatus::Valid);
    assert_eq!(r.alg, Some(JwsAlg::ES512));
    // Payload "Payload" is not JSON: not a JWT, so not valid as one; valid as a bare JWS.
    let claims = r.checks.iter().find(|c| c.name == "claims").unwrap();
    assert!(
        claims.detail.starts_with("not a JWT: "),
        "{}",
        claims.detail
    );
    assert!(claims.detail.contains("plain text"), "{}", claims.detail);
    assert!(!r.valid());
    let r = report(A4_TOKEN, A4_JWK, &jws_policy(), 0);
    assert!(r.valid());
    // A tampered signature is invalid, not an error.
    let bad = A4_TOKEN.replacen(".AdwM", ".AdwN", 1);
    assert_eq!(
        report(&bad, A4_JWK, &Policy::default(), 0).signature,
        SignatureStatus::Invalid
    );
}

/// A5 (alg none) is shown but never accepted, in any letter case.
#[test]
fn rfc7515_a5_alg_none_is_never_valid() {
    for variant in ["none", "None", "NONE", "nOnE"] {
        let header = b64::encode(format!(r#"{{"alg":"{variant}"}}"#).as_bytes());
        let token = format!("{header}.{}", A5_TOKEN.split_once('.').unwrap().1);
        let insp = inspect(&token).unwrap();
        assert_eq!(insp.claims().unwrap()["iss"], "joe");
        for k in [A1_JWK, A2_JWK] {
            let r = verify(&insp, Some(&key(k)), &Policy::default(), 0);
            assert!(
                matches!(
                    r.signature,
                    SignatureStatus::Unchecked(Unchecked::AlgNone, _)
                ),
                "{variant}"
            );
            assert!(!r.valid());
            assert!(
                r.verdict().1.contains("never accepted"),
                "{}",
                r.verdict().1
            );
        }
    }
}

/// Appendix E: crit names an extension nobody understands: rejected for that reason too.
#[test]
fn rfc7515_e_crit_is_checked() {
    let insp = inspect(E_CRIT_TOKEN).unwrap();
    let r = verify(&insp, Some(&key(A1_JWK)), &Policy::default(), 0);
    let crit = r.checks.iter().find(|c| c.name == "crit").unwrap();
    assert!(!crit.ok);
    assert!(
        crit.detail.contains("http://example.com/UNDEFINED"),
        "{}",
        crit.detail
    );
    // The same crit under a real algorithm still fails the check while the signature is valid.
    let header = r#"{"alg":"HS256","crit":["exp2"],"exp2":1}"#;
    let token = sign(header, "{}", &key(A1_JWK), Layout::Minified).unwrap();
    let r = verify(
        &inspect(&token).unwrap(),
        Some(&key(A1_JWK)),
        &Policy::default(),
        0,
    );
    assert_eq!(r.signature, SignatureStatus::Valid);
    assert!(!r.valid());
    // crit listing a registered name, or a missing member, is malformed.
    for (h, needle) in [
        (
            r#"{"alg":"HS256","crit":["alg"]}"#,
            "registered header name",
        ),
        (r#"{"alg":"HS256","crit":["x"]}"#, "no such member"),
        (r#"{"alg":"HS256","crit":[]}"#, "non-empty array"),
    ] {
        let token = sign(h, "{}", &key(A1_JWK), Layout::Minified).unwrap();
        let r = verify(
            &inspect(&token).unwrap(),
            Some(&key(A1_JWK)),
            &Policy::default(),
            0,
        );
        let crit = r.checks.iter().find(|c| c.name == "crit").unwrap();
        assert!(crit.detail.contains(needle), "{}", crit.detail);
    }
}

/// RFC 8037 A.4: signing with the A.1 key reproduces the token byte for byte; A.5 verifies
/// it with the A.2 public key.
#[test]
fn rfc8037_ed25519_sign_reproduces_and_verifies() {
    let insp = inspect(ED_TOKEN).unwrap();
    assert_eq!(
        insp.payload.as_ref().unwrap(),
        &Payload::Text("Example of Ed25519 signing".into())
    );
    let r = verify(&insp, Some(&key(ED_PUBLIC_JWK)), &jws_policy(), 0);
    assert_eq!(r.signature, SignatureStatus::Valid);
    assert!(r.valid());
    // Re-sign the exact signing input with the private key.
    let k = key(ED_PRIVATE_JWK);
    let sig =
        jwt_workbench::core::keys::sign_bytes(&k, JwsAlg::EdDSA, &insp.signing_input()).unwrap();
    assert_eq!(
        b64::encode_hex(&sig),
        "860c98d2297f3060a33f42739672d61b53cf3adefed3d3c672f320dc021b411e9d59b8628dc351e248b88b29468e0e41855b0fb7d83bb15be902bfccb8cd0a02"
    );
}

/// RFC 7520 4.1 (RS256) and 4.4 (HS256) are deterministic: re-signing reproduces them;
/// 4.2 (PS384) and 4.3 (ES512) are randomised: they verify.
#[test]
fn rfc7520_signing_examples() {
    let rs = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
    let rs_sig = "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg";
    let hs = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9";
    let hs_sig = "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";
    for (header, sig, jwk, alg) in [
        (rs, rs_sig, RFC7520_RSA_PRIVATE, JwsAlg::RS256),
        (hs, hs_sig, RFC7520_HMAC, JwsAlg::HS256),
    ] {
        let input = format!("{header}.{RFC7520_PAYLOAD_B64}");
        let made = jwt_workbench::core::keys::sign_bytes(&key(jwk), alg, input.as_bytes()).unwrap();
        assert_eq!(b64::encode(&made), sig, "{alg}");
        assert!(
            report(&format!("{input}.{sig}"), jwk, &jws_policy(), 0).valid(),
            "{alg}"
        );
    }
    let ps = "eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
    let ps_sig = "cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw";
    assert!(
        report(
            &format!("{ps}.{RFC7520_PAYLOAD_B64}.{ps_sig}"),
            RFC7520_RSA_PRIVATE,
            &jws_policy(),
            0
        )
        .valid()
    );
    let es = "eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
    let es_sig = "AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2";
    assert!(
        report(
            &format!("{es}.{RFC7520_PAYLOAD_B64}.{es_sig}"),
            RFC7520_EC_PRIVATE,
            &jws_policy(),
            0
        )
        .valid()
    );
}

/// A private RSA JWK with `d` but no CRT members is a clear error.
#[test]
fn rsa_private_jwk_without_crt_members_is_explained() {
    let partial = r#"{"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB","d":"AQAB"}"#;
    let e = jwt_workbench::core::keys::load_key_bytes(partial.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("lacks p, q, dp, dq, qi"), "{e}");
}
