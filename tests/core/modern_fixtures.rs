//! Tokens made by panva's jose 6.2.19, jwcrypto 1.6.1 and @noble/post-quantum 0.7.1
//! (tests/fixtures/modern, see its README): the core must accept theirs and make the same
//! bytes where signing is deterministic.

use crate::common::*;
use jwt_workbench::core::verify::SignatureStatus;
use jwt_workbench::core::{
    alg::JwsAlg,
    sign::{PayloadForm, sign_compact},
    token::inspect,
    verify::{Policy, verify},
};
use serde_json::Value;

fn jose() -> Value {
    let text = std::fs::read_to_string(fixture("modern/jose.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn text_of(v: &Value) -> &str {
    v.as_str().unwrap()
}

fn bare_jws() -> Policy {
    Policy {
        any_payload: true,
        ..Policy::default()
    }
}

/// RFC 7797 section 4.2: the detached "$.02" example verifies once its payload is attached,
/// fails with another payload, and our signer makes the RFC's exact token.
#[test]
fn rfc7797_detached_example_through_jose() {
    let f = jose();
    let r = &f["rfc7797"];
    let key = key(&r["key"].to_string());
    let ex = &r["rfc_example"];
    let token = text_of(&ex["rfc7797_section_4_2_expected"]);
    assert_eq!(
        text_of(&ex["detached_compact"]),
        token,
        "jose made the RFC's token"
    );

    let mut insp = inspect(token).unwrap();
    assert!(insp.unencoded);
    insp.attach_payload(b"$.02".to_vec());
    assert_eq!(
        &*insp.signing_input(),
        text_of(&ex["signing_input"]).as_bytes()
    );
    let report = verify(&insp, Some(&key), &bare_jws(), 0);
    assert_eq!(report.signature, SignatureStatus::Valid, "{report:?}");
    assert!(report.valid(), "{report:?}");

    let mut other = inspect(token).unwrap();
    other.attach_payload(b"$.03".to_vec());
    let report = verify(&other, Some(&key), &bare_jws(), 0);
    assert_eq!(report.signature, SignatureStatus::Invalid, "{report:?}");
    assert!(!report.valid());

    let header = String::from_utf8(
        jwt_workbench::core::b64::decode_strict(text_of(&r["protected_header_b64"])).unwrap(),
    )
    .unwrap();
    let form = PayloadForm {
        unencoded: true,
        detached: true,
    };
    let ours = sign_compact(&header, b"$.02", JwsAlg::HS256, &key, form).unwrap();
    assert_eq!(ours, token);
    // Attached, the '.' in "$.02" cannot be carried: refused by name.
    let attached = PayloadForm {
        unencoded: true,
        detached: false,
    };
    let err = sign_compact(&header, b"$.02", JwsAlg::HS256, &key, attached).unwrap_err();
    assert!(err.to_string().contains("RFC 7797 section 5.2"), "{err}");
}

/// jose's attached b64:false token (claims as plain text in the middle) verifies as a JWT,
/// our signer makes the same bytes, and a changed claim breaks the signature.
#[test]
fn rfc7797_attached_claims_through_jose() {
    let f = jose();
    let r = &f["rfc7797"];
    let key = key(&r["key"].to_string());
    let token = text_of(&r["attached_compact"]["compact"]);
    let payload = text_of(&r["attached_compact"]["payload"]);
    let insp = inspect(token).unwrap();
    assert!(insp.unencoded && insp.detached.is_none());
    let report = verify(&insp, Some(&key), &Policy::default(), 1_780_000_000);
    assert!(report.valid(), "{report:?}");

    let header = String::from_utf8(
        jwt_workbench::core::b64::decode_strict(text_of(&r["protected_header_b64"])).unwrap(),
    )
    .unwrap();
    let ours = sign_compact(
        &header,
        payload.as_bytes(),
        JwsAlg::HS256,
        &key,
        PayloadForm {
            unencoded: true,
            detached: false,
        },
    )
    .unwrap();
    assert_eq!(ours, token);

    let forged = token.replace("b64false", "b64falsf");
    let report = verify(
        &inspect(&forged).unwrap(),
        Some(&key),
        &Policy::default(),
        0,
    );
    assert_eq!(report.signature, SignatureStatus::Invalid);
}
