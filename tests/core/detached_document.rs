//! A pasted token with a detached payload in the window's document (RFC 7515 appendix F, RFC
//! 7797 section 4.2): the payload editor gives the verifier the payload, exactly as typed, and
//! does not re-sign; the RFC's example verifies with "$.02" and with nothing else.

use crate::common::A1_JWK;
use jwt_workbench::core::keys::SecretEncoding;
use jwt_workbench::core::verify::{SignatureStatus, Unchecked};
use jwt_workbench::core::workbench::{Edit, Lead, Tone, Workbench};

/// RFC 7797 section 4.2: HS256, b64 false, the payload "$.02" detached.
const DETACHED: &str = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY";
const NOW: i64 = 1_800_000_000;

#[test]
fn the_payload_editor_gives_a_detached_token_its_payload() {
    let jwk: serde_json::Value = serde_json::from_str(A1_JWK).unwrap();
    let mut wb = Workbench::empty();
    wb.apply_and_settle(Edit::SecretEncoding(SecretEncoding::Base64));
    wb.apply_and_settle(Edit::Secret(jwk["k"].as_str().unwrap().to_string()));
    wb.apply_and_settle(Edit::Token(DETACHED.into()));
    assert!(wb.detached_pasted());
    assert_eq!(wb.payload(), "");
    assert!(
        wb.payload_error().is_none(),
        "no error before a payload is typed"
    );
    let report = wb.report(NOW).unwrap();
    assert!(
        matches!(&report.signature, SignatureStatus::Unchecked(Unchecked::Malformed, why) if why.contains("Payload editor")),
        "{:?}",
        report.signature
    );

    // The right payload: valid, and the token is the one pasted (nothing re-signed).
    wb.apply_and_settle(Edit::Payload("$.02".into()));
    assert_eq!(wb.lead(), Lead::Token);
    assert_eq!(wb.token(), DETACHED);
    assert_eq!(wb.report(NOW).unwrap().signature, SignatureStatus::Valid);
    assert_ne!(wb.headline(NOW).tone, Tone::Bad);

    // Another payload: the signature does not match.
    wb.apply_and_settle(Edit::Payload("$.03".into()));
    assert_eq!(wb.report(NOW).unwrap().signature, SignatureStatus::Invalid);
    assert_eq!(wb.token(), DETACHED);
    // Emptied again: not checked, as before.
    wb.apply_and_settle(Edit::Payload(String::new()));
    assert!(matches!(
        wb.report(NOW).unwrap().signature,
        SignatureStatus::Unchecked(..)
    ));
}

/// The editors sign a detached token when asked: `header..signature`, judged with the
/// editors' payload; pasted back, it needs that payload again.
#[test]
fn the_editors_sign_a_detached_token_when_asked() {
    use jwt_workbench::core::workbench::Template;
    let mut wb = Workbench::empty();
    wb.apply_and_settle(Edit::Template {
        template: Template::Example,
        now: NOW,
    });
    let attached = wb.token().to_string();
    assert!(!attached.contains(".."));
    wb.apply_and_settle(Edit::Detached(true));
    let detached = wb.token().to_string();
    let (head, sig) = detached.split_once("..").expect("header..signature");
    assert!(
        attached.starts_with(head) && attached.ends_with(sig),
        "same signature"
    );
    assert_eq!(wb.report(NOW).unwrap().signature, SignatureStatus::Valid);

    // Pasted back, it is not checked until the payload is given, then valid as before.
    let payload = jwt_workbench::core::json::minify("payload", wb.payload()).unwrap();
    wb.apply_and_settle(Edit::Token(detached.clone()));
    assert!(wb.detached_pasted());
    assert!(matches!(
        wb.report(NOW).unwrap().signature,
        SignatureStatus::Unchecked(..)
    ));
    wb.apply_and_settle(Edit::Payload(payload));
    assert_eq!(wb.report(NOW).unwrap().signature, SignatureStatus::Valid);
    assert_eq!(wb.token(), detached);

    // Off again, and re-signed: the payload is back in the token.
    wb.apply_and_settle(Edit::Detached(false));
    assert_eq!(
        wb.token(),
        detached,
        "the pasted token is not re-signed by the switch"
    );
    wb.apply_and_settle(Edit::Resign);
    assert!(!wb.token().contains(".."), "{}", wb.token());
    assert_eq!(wb.report(NOW).unwrap().signature, SignatureStatus::Valid);
}
