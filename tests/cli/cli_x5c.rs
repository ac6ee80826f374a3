//! `verify --x5c-root` and `key --x5c` (issue 20 item 4): chains made at test time; exit 0
//! valid, 1 not trusted or a bad signature, 2 nothing to check.

use crate::common::cli::workbench;
use crate::common::pki::{
    NOW_2026, forge, intermediate, leaf, pem_of, root, scratch, write, x5c_token,
};
use rcgen::KeyUsagePurpose::DigitalSignature;

const LIFE: (i32, i32) = (2024, 2030);
const CLAIMS: &str = r#"{"sub":"alice"}"#;

fn now() -> String {
    NOW_2026.to_string()
}

#[test]
fn verify_trusts_only_a_chain_to_the_pinned_root() {
    let dir = scratch("x5c-verify");
    let ca = root("Pinned Root", LIFE);
    let mid = intermediate("Issuing CA", LIFE, &ca);
    let (leaf_der, leaf_key) = leaf("signer", LIFE, &[DigitalSignature], &mid);
    let roots = write(&dir, "roots.pem", &pem_of(ca.der()));
    let token = x5c_token(&[&leaf_der, mid.der()], &leaf_key, CLAIMS);
    let n = now();
    workbench(
        &["verify", &token, "--x5c-root", &roots, "--now", &n],
        None,
        None,
    )
    .expect(0, &["validates to the pinned root CN=Pinned Root", "valid"]);
    let run = workbench(
        &[
            "verify",
            &token,
            "--x5c-root",
            &roots,
            "--json",
            "--now",
            &n,
        ],
        None,
        None,
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.json()["valid"], true);

    // Valid chain, forged signature.
    workbench(
        &["verify", &forge(&token), "--x5c-root", &roots, "--now", &n],
        None,
        None,
    )
    .expect(1, &["invalid signature"]);
    // The chain validates, but another key signed the token.
    let (_, other_key) = leaf("other", LIFE, &[DigitalSignature], &mid);
    let mismatch = x5c_token(&[&leaf_der, mid.der()], &other_key, CLAIMS);
    workbench(
        &["verify", &mismatch, "--x5c-root", &roots, "--now", &n],
        None,
        None,
    )
    .expect(1, &["invalid signature"]);
    // Another root pinned: not trusted, whatever the signature.
    let wrong = write(&dir, "wrong.pem", &pem_of(root("Pinned Root", LIFE).der()));
    workbench(
        &["verify", &token, "--x5c-root", &wrong, "--now", &n],
        None,
        None,
    )
    .expect(1, &["x5c chain is not trusted", "wrong root"]);
    // Time travel: the chain has expired by 2031.
    workbench(
        &[
            "verify",
            &token,
            "--x5c-root",
            &roots,
            "--now",
            "1924992000",
        ],
        None,
        None,
    )
    .expect(1, &["expired on 2030-01-01"]);
}

#[test]
fn an_expired_intermediate_and_a_self_made_root_are_refused() {
    let dir = scratch("x5c-refused");
    let ca = root("Pinned Root", LIFE);
    let roots = write(&dir, "roots.pem", &pem_of(ca.der()));
    let old = intermediate("Old CA", (2020, 2025), &ca);
    let (leaf_der, key) = leaf("signer", LIFE, &[DigitalSignature], &old);
    let token = x5c_token(&[&leaf_der, old.der()], &key, CLAIMS);
    workbench(
        &["verify", &token, "--x5c-root", &roots, "--now", &now()],
        None,
        None,
    )
    .expect(1, &["intermediate 1", "expired"]);
    let own = root("Self Made Root", LIFE);
    let (leaf_der, key) = leaf("signer", LIFE, &[DigitalSignature], &own);
    let token = x5c_token(&[&leaf_der, own.der()], &key, CLAIMS);
    workbench(
        &["verify", &token, "--x5c-root", &roots, "--now", &now()],
        None,
        None,
    )
    .expect(1, &["not pinned", "Self Made Root"]);
}

#[test]
fn a_token_without_x5c_or_an_unreadable_roots_file_is_unusable_input() {
    let dir = scratch("x5c-unusable");
    let roots = write(&dir, "roots.pem", "not a certificate");
    let good = write(&dir, "good.pem", &pem_of(root("R", LIFE).der()));
    workbench(
        &["verify", crate::common::A3_TOKEN, "--x5c-root", &good],
        None,
        None,
    )
    .expect(2, &["no x5c"]);
    let ca = root("Pinned Root", LIFE);
    let (leaf_der, key) = leaf("signer", LIFE, &[DigitalSignature], &ca);
    let token = x5c_token(&[&leaf_der], &key, CLAIMS);
    workbench(&["verify", &token, "--x5c-root", &roots], None, None)
        .expect(2, &["--x5c-root", "CERTIFICATE"]);
}

#[test]
fn key_x5c_shows_the_chain_and_judges_it_only_against_pinned_roots() {
    let dir = scratch("x5c-show");
    let ca = root("Pinned Root", LIFE);
    let mid = intermediate("Issuing CA", LIFE, &ca);
    let (leaf_der, key) = leaf("signer", LIFE, &[DigitalSignature], &mid);
    let token = x5c_token(&[&leaf_der, mid.der()], &key, CLAIMS);
    let n = now();
    let run = workbench(&["key", &token, "--x5c", "--now", &n], None, None);
    run.expect(
        0,
        &[
            "certificate 0 (the leaf)",
            "subject    CN=signer",
            "issuer     CN=Issuing CA",
            "key usage  digitalSignature",
            "SAN        DNS:signer.example",
            "2024-01-01",
            "valid now",
            "SHA-256    ",
            "certificate 1 (intermediate 1)",
            "shown, not trusted",
        ],
    );
    let chain = write(&dir, "chain.pem", &(pem_of(&leaf_der) + &pem_of(mid.der())));
    let roots = write(&dir, "roots.pem", &pem_of(ca.der()));
    workbench(
        &["key", &chain, "--x5c", "--x5c-root", &roots, "--now", &n],
        None,
        None,
    )
    .expect(
        0,
        &["CN=signer", "validates to the pinned root CN=Pinned Root"],
    );
    let other = write(&dir, "other.pem", &pem_of(root("Other", LIFE).der()));
    workbench(
        &["key", &chain, "--x5c", "--x5c-root", &other, "--now", &n],
        None,
        None,
    )
    .expect(1, &["NOT trusted"]);
}
