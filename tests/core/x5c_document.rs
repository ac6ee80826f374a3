//! x5c in the document the window edits (issue 20 item 4): with no key in the pane, a token's
//! chain decides the key, and only through the roots the user pinned, judged at the document's
//! clock; the headline says which root, and a key the user gives always wins.

use crate::common::pki::{NOW_2026, forge, intermediate, leaf, root, x5c_token};
use jwt_workbench::core::verify::{SignatureStatus, Unchecked, Verdict};
use jwt_workbench::core::workbench::{Edit, Snapshot, TimeTravel, Tone, Workbench};
use rcgen::KeyUsagePurpose::DigitalSignature;

const LIFE: (i32, i32) = (2024, 2030);

/// A pinned-able root, and a token whose x5c chains to it through an intermediate that
/// expires at the start of 2027.
fn setup() -> (Vec<u8>, String, String) {
    let ca = root("Window Root", LIFE);
    let mid = intermediate("Issuing CA", (2024, 2027), &ca);
    let (leaf_der, leaf_key) = leaf("signer", LIFE, &[DigitalSignature], &mid);
    let token = x5c_token(&[&leaf_der, mid.der()], &leaf_key, r#"{"sub":"a"}"#);
    (ca.der().to_vec(), token, leaf_key)
}

fn pasted(token: &str) -> Workbench {
    let mut wb = Workbench::empty();
    wb.apply_and_settle(Edit::Token(token.to_string()));
    wb.apply_and_settle(Edit::Clock(TimeTravel::At(NOW_2026)));
    wb
}

#[test]
fn without_a_pinned_root_the_chain_is_shown_not_trusted() {
    let (_, token, _) = setup();
    let wb = pasted(&token);
    let chain = wb.x5c_chain().unwrap().unwrap();
    assert_eq!(chain.len(), 2);
    assert!(chain[0].subject.contains("signer"), "{}", chain[0].subject);
    assert!(wb.x5c_decides());
    let report = wb.report(NOW_2026).unwrap();
    assert_eq!(report.verdict().0, Verdict::NotChecked);
    assert!(
        matches!(&report.signature, SignatureStatus::Unchecked(Unchecked::NoKey, why) if why.contains("no root is pinned")),
        "{:?}",
        report.signature
    );
    let head = wb.headline(NOW_2026);
    assert_eq!(head.tone, Tone::Warn, "{head:?}");
    assert!(head.title.contains("no root is pinned"), "{}", head.title);
    assert!(head.judging.contains("x5c"), "{}", head.judging);
}

#[test]
fn a_chain_to_a_pinned_root_verifies_and_the_headline_names_the_root() {
    let (ca, token, _) = setup();
    let mut wb = pasted(&token);
    wb.apply_and_settle(Edit::PinnedRoots(vec![ca.clone()]));
    let report = wb.report(NOW_2026).unwrap();
    assert_eq!(report.signature, SignatureStatus::Valid);
    assert!(report.valid(), "{:?}", report.checks);
    let x5c = report.checks.iter().find(|c| c.name == "x5c").unwrap();
    assert!(
        x5c.ok && x5c.detail.contains("pinned root CN=Window Root"),
        "{}",
        x5c.detail
    );
    // The leaf's names are shown, to compare with the token's iss.
    assert!(
        x5c.detail.contains("CN=signer (DNS:signer.example)"),
        "{}",
        x5c.detail
    );
    let head = wb.headline(NOW_2026);
    assert_eq!(head.tone, Tone::Good);
    assert!(head.title.contains("pinned root"), "{}", head.title);
    assert!(head.detail.contains("Window Root"), "{}", head.detail);

    // A forged signature under the same chain is invalid, not valid.
    let mut forged = pasted(&forge(&token));
    forged.apply_and_settle(Edit::PinnedRoots(vec![ca]));
    let report = forged.report(NOW_2026).unwrap();
    assert_eq!(report.verdict().0, Verdict::InvalidSignature);
    assert_eq!(forged.headline(NOW_2026).tone, Tone::Bad);
}

#[test]
fn another_root_or_a_later_clock_is_refused_with_the_reason() {
    let (ca, token, _) = setup();
    let other = root("Other Root", LIFE);
    let mut wb = pasted(&token);
    wb.apply_and_settle(Edit::PinnedRoots(vec![other.der().to_vec()]));
    let report = wb.report(NOW_2026).unwrap();
    assert!(!report.valid());
    assert_eq!(report.verdict().0, Verdict::NotChecked);
    let x5c = report.checks.iter().find(|c| c.name == "x5c").unwrap();
    assert!(
        !x5c.ok && x5c.detail.contains("not trusted"),
        "{}",
        x5c.detail
    );
    assert!(
        wb.headline(NOW_2026)
            .title
            .contains("does not validate to a pinned root")
    );

    // The right root, but time travel past the intermediate's expiry: refused, naming it.
    wb.apply_and_settle(Edit::PinnedRoots(vec![ca]));
    assert!(wb.report(NOW_2026).unwrap().valid());
    let later = NOW_2026 + 400 * 86_400;
    wb.apply_and_settle(Edit::Clock(TimeTravel::At(later)));
    let report = wb.report(later).unwrap();
    assert!(!report.valid());
    let x5c = report.checks.iter().find(|c| c.name == "x5c").unwrap();
    assert!(x5c.detail.contains("expired"), "{}", x5c.detail);
}

#[test]
fn a_key_given_in_the_pane_wins_over_the_chain() {
    let (ca, token, _) = setup();
    let mut wb = pasted(&token);
    wb.apply_and_settle(Edit::PinnedRoots(vec![ca]));
    // Another key: the token does not pick its own key, so the signature is invalid.
    let (_, _, stranger) = setup();
    wb.apply_and_settle(Edit::PrivateKey(stranger));
    assert!(!wb.x5c_decides());
    let report = wb.report(NOW_2026).unwrap();
    assert_eq!(report.verdict().0, Verdict::InvalidSignature);
    assert!(report.checks.iter().all(|c| c.name != "x5c"));
}

#[test]
fn pinned_roots_are_kept_in_the_snapshot_and_through_clear() {
    let (ca, token, _) = setup();
    let mut wb = pasted(&token);
    wb.apply_and_settle(Edit::PinnedRoots(vec![ca.clone()]));
    wb.apply_and_settle(Edit::Clear);
    assert_eq!(wb.pinned_roots(), std::slice::from_ref(&ca));
    let snap = wb.snapshot();
    assert_eq!(snap.pinned_roots, vec![ca.clone()]);
    let mut restored = Workbench::empty();
    restored.apply_and_settle(Edit::Restore(Box::new(Snapshot { token, ..snap })));
    restored.apply_and_settle(Edit::Clock(TimeTravel::At(NOW_2026)));
    assert_eq!(restored.pinned_roots(), [ca]);
    assert!(restored.report(NOW_2026).unwrap().valid());
}

#[test]
fn pinning_reads_pem_keeps_each_root_once_and_refuses_junk() {
    use crate::common::pki::pem_of;
    use jwt_workbench::core::keys::x5c::{self, X5cError};
    let a = root("Root A", LIFE);
    let b = root("Root B", LIFE);
    let both = format!("{}{}", pem_of(a.der()), pem_of(b.der()));
    let (roots, added) = x5c::pin(&[a.der().to_vec()], &both).unwrap();
    assert_eq!(roots, vec![a.der().to_vec(), b.der().to_vec()]);
    assert_eq!(added.len(), 1);
    assert!(added[0].subject.contains("Root B"), "{}", added[0].subject);
    let err = x5c::pin(&[], "just words").unwrap_err();
    assert!(
        matches!(err, X5cError::NoRootsInFile | X5cError::Pem(_)),
        "{err}"
    );
    let junk = "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n";
    let err = x5c::pin(&[], junk).unwrap_err();
    assert!(matches!(err, X5cError::NotACertificate { .. }), "{err}");
}

/// The review's attack: a key in the pane that does not fit the token (another type, or a
/// JWKS without the token's kid) is a failure, never a reason to take the token's own chain,
/// even when the chain validates to a pinned root.
#[test]
fn a_key_that_does_not_fit_never_hands_the_choice_to_the_chain() {
    use crate::common::fixture;
    let (ca, token, _) = setup();
    let rsa = std::fs::read_to_string(fixture("rsa2048.spki.pem")).unwrap();
    let mut ec =
        crate::common::fixture_key("ec256.spki.pem", jwt_workbench::core::keys::Purpose::Verify);
    ec.kid = Some("someone-else".into());
    let jwks = jwt_workbench::core::keys::public_jwks(&[ec]).to_string();
    for pane in [rsa, jwks] {
        let mut wb = pasted(&token);
        wb.apply_and_settle(Edit::PinnedRoots(vec![ca.clone()]));
        assert!(
            wb.report(NOW_2026).unwrap().valid(),
            "the chain alone verifies"
        );
        wb.apply_and_settle(Edit::PublicKey(pane));
        assert!(!wb.x5c_decides());
        let report = wb.report(NOW_2026).unwrap();
        assert!(!report.valid(), "{:?}", report.signature);
        assert!(report.checks.iter().all(|c| c.name != "x5c"));
        assert_ne!(wb.headline(NOW_2026).tone, Tone::Good);
    }
}

/// "Use this embedded key" loads the x5c leaf into the pane: the headline says it is the
/// key the token carries, never a plain green Valid.
#[test]
fn the_leaf_loaded_by_hand_is_the_key_the_token_carries() {
    let ca = root("Hand Root", LIFE);
    let (leaf_der, leaf_key) = leaf("signer", LIFE, &[DigitalSignature], &ca);
    let token = x5c_token(&[&leaf_der], &leaf_key, r#"{"sub":"a"}"#);
    let mut wb = pasted(&token);
    let pem = jwt_workbench::core::keys::pem_encode("CERTIFICATE", &leaf_der);
    wb.apply_and_settle(Edit::PublicKey(pem));
    assert!(wb.report(NOW_2026).unwrap().valid());
    let head = wb.headline(NOW_2026);
    assert_eq!(head.tone, Tone::Warn, "{head:?}");
    assert!(
        head.title.contains("only with the key the token carries"),
        "{}",
        head.title
    );
}

/// Trust follows the clock: with no time claims, the window is still told when the chain's
/// intermediate expires (2027-01-01), so a green headline does not outlive it.
#[test]
fn the_next_tick_includes_the_end_of_the_chain() {
    let (ca, token, signer) = setup();
    let mut wb = pasted(&token);
    wb.apply_and_settle(Edit::PinnedRoots(vec![ca]));
    let expiry_2027 = 1_798_761_600;
    assert_eq!(wb.next_tick(NOW_2026), Some(expiry_2027 + 1 - NOW_2026));
    wb.apply_and_settle(Edit::Clock(TimeTravel::At(expiry_2027 + 1)));
    assert!(!wb.report(expiry_2027 + 1).unwrap().valid());
    // With a key in the pane the chain decides nothing, and a token without times never ticks.
    wb.apply_and_settle(Edit::PrivateKey(signer));
    assert_eq!(wb.next_tick(NOW_2026), None);
}

/// Certificate names come from whoever made the chain: control and bidi characters are
/// escaped in the chain shown and in the reason it is not trusted.
#[test]
fn names_in_a_chain_are_escaped() {
    let ca = root("Root", LIFE);
    let evil = intermediate("CA\n✔ Valid\u{202e}", LIFE, &ca);
    let (leaf_der, leaf_key) = leaf("signer", LIFE, &[DigitalSignature], &evil);
    let token = x5c_token(&[&leaf_der, evil.der()], &leaf_key, r#"{"sub":"a"}"#);
    let mut wb = pasted(&token);
    let chain = wb.x5c_chain().unwrap().unwrap();
    assert_eq!(chain[1].subject, "CN=CA\\n✔ Valid\\u{202e}");
    assert!(chain[0].issuer.contains("\\n") && !chain[0].issuer.contains('\n'));
    wb.apply_and_settle(Edit::PinnedRoots(vec![root("Other", LIFE).der().to_vec()]));
    let report = wb.report(NOW_2026).unwrap();
    let x5c = report.checks.iter().find(|c| c.name == "x5c").unwrap();
    assert!(
        !x5c.detail.contains('\n') && !x5c.detail.contains('\u{202e}'),
        "{}",
        x5c.detail
    );
}
