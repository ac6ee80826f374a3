//! x5c (issue 20 item 4): chains made at test time with rcgen, shown certificate by
//! certificate and validated with rustls-webpki against pinned roots at a given "now".

use crate::common::pki::{NOW_2026, intermediate, leaf, pem_of, root, x5c_token};
use jwt_workbench::core::keys::x5c::{
    self, X5cError, describe_chain, pem_certificates, trust_token, validate,
};
use jwt_workbench::core::{
    token::inspect,
    verify::{Policy, SignatureStatus, verify},
};
use rcgen::KeyUsagePurpose::{DigitalSignature, KeyEncipherment};

const LIFE: (i32, i32) = (2024, 2030);

#[test]
fn a_chain_to_a_pinned_root_verifies_and_names_the_root() {
    let ca = root("Pinned Root", LIFE);
    let mid = intermediate("Issuing CA", LIFE, &ca);
    let (leaf_der, leaf_key) = leaf("signer", LIFE, &[DigitalSignature], &mid);
    let token = x5c_token(&[&leaf_der, mid.der()], &leaf_key, r#"{"sub":"a"}"#);
    let insp = inspect(&token).unwrap();
    let header = insp.header.as_ref().unwrap();
    let trusted = trust_token(header, &[ca.der().to_vec()], NOW_2026).unwrap();
    assert!(trusted.root.subject.contains("Pinned Root"));
    assert!(
        trusted
            .sentence()
            .contains("validates to the pinned root CN=Pinned Root")
    );
    let report = verify(&insp, Some(&trusted.leaf_key), &Policy::default(), NOW_2026);
    assert_eq!(report.signature, SignatureStatus::Valid);
    // The roots file reads as PEM; the chain is described for people.
    let roots = pem_certificates(&pem_of(ca.der())).unwrap();
    assert_eq!(roots, vec![ca.der().to_vec()]);
    let shown = describe_chain(&x5c::chain_of(header).unwrap()).unwrap();
    assert_eq!(shown.len(), 2);
    assert!(shown[0].subject.contains("signer") && shown[0].issuer.contains("Issuing CA"));
    assert_eq!(shown[0].key_usage_text(), "digitalSignature");
    assert_eq!(shown[0].san, vec!["DNS:signer.example".to_string()]);
    assert_eq!(shown[0].sha256.len(), 32 * 3 - 1);
    assert!(shown[1].is_ca && !shown[0].is_ca);
    assert!(shown[0].valid_at(NOW_2026) && !shown[0].valid_at(NOW_2026 * 2));
}

#[test]
fn an_expired_intermediate_is_refused_by_name() {
    let ca = root("Pinned Root", LIFE);
    let mid = intermediate("Old CA", (2020, 2025), &ca);
    let (leaf_der, _) = leaf("signer", LIFE, &[DigitalSignature], &mid);
    let err = validate(
        &[leaf_der, mid.der().to_vec()],
        &[ca.der().to_vec()],
        NOW_2026,
    )
    .unwrap_err();
    assert!(matches!(err, X5cError::OutOfValidity { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("intermediate 1") && text.contains("expired on 2025-01-01"),
        "{text}"
    );
    assert!(x5c::is_refusal(&err));
}

#[test]
fn time_travel_judges_the_chain_at_the_instant_given() {
    let ca = root("Pinned Root", LIFE);
    let (leaf_der, _) = leaf("signer", LIFE, &[DigitalSignature], &ca);
    let roots = [ca.der().to_vec()];
    assert!(validate(std::slice::from_ref(&leaf_der), &roots, NOW_2026).is_ok());
    let later = 1_924_992_000; // 2031-01-01
    let err = validate(&[leaf_der], &roots, later).unwrap_err();
    assert!(err.to_string().contains("the leaf"), "{err}");
}

#[test]
fn the_wrong_root_is_refused() {
    let real = root("Pinned Root", LIFE);
    let impostor = root("Pinned Root", LIFE);
    let (leaf_der, _) = leaf("signer", LIFE, &[DigitalSignature], &real);
    let err = validate(
        std::slice::from_ref(&leaf_der),
        &[impostor.der().to_vec()],
        NOW_2026,
    )
    .unwrap_err();
    assert!(matches!(err, X5cError::WrongRoot { .. }), "{err}");
    let other = root("Another Root", LIFE);
    let err = validate(&[leaf_der], &[other.der().to_vec()], NOW_2026).unwrap_err();
    assert!(matches!(err, X5cError::UnknownIssuer { .. }), "{err}");
}

#[test]
fn a_leaf_without_digital_signature_may_not_sign() {
    let ca = root("Pinned Root", LIFE);
    let (leaf_der, _) = leaf("encrypter", LIFE, &[KeyEncipherment], &ca);
    let err = validate(&[leaf_der], &[ca.der().to_vec()], NOW_2026).unwrap_err();
    assert!(matches!(err, X5cError::NoDigitalSignature { .. }), "{err}");
    assert!(err.to_string().contains("keyEncipherment"));
}

#[test]
fn a_valid_chain_to_a_root_not_pinned_is_refused() {
    let own = root("Self Made Root", LIFE);
    let (leaf_der, _) = leaf("signer", LIFE, &[DigitalSignature], &own);
    let pinned = root("Pinned Root", LIFE);
    let chain = [leaf_der, own.der().to_vec()];
    let err = validate(&chain, &[pinned.der().to_vec()], NOW_2026).unwrap_err();
    assert!(matches!(err, X5cError::NotPinned { .. }), "{err}");
    assert!(err.to_string().contains("Self Made Root"));
    assert_eq!(
        validate(&chain, &[], NOW_2026).unwrap_err(),
        X5cError::NoRoots
    );
}

#[test]
fn unreadable_chains_and_roots_say_why() {
    let header = serde_json::json!({"alg": "ES256", "x5c": ["not base64!"]});
    let err = x5c::chain_of(header.as_object().unwrap()).unwrap_err();
    assert!(matches!(err, X5cError::Base64 { index: 0, .. }), "{err}");
    assert!(!x5c::is_refusal(&err));
    let header = serde_json::json!({"alg": "ES256", "x5c": []});
    assert_eq!(
        x5c::chain_of(header.as_object().unwrap()).unwrap_err(),
        X5cError::NotArray
    );
    assert_eq!(
        pem_certificates("no pem here").unwrap_err(),
        X5cError::NoRootsInFile
    );
    let err = validate(&[b"\x30\x03\x02\x01\x01".to_vec()], &[], NOW_2026).unwrap_err();
    assert!(
        matches!(err, X5cError::NotACertificate { index: 0, .. }),
        "{err}"
    );
}
