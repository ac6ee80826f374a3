//! jsonwebtoken 11 (aws_lc_rs backend), the crate the workbench grew on, as a second opinion:
//! every token it signs verifies here, every token the workbench signs verifies there, and
//! a changed byte fails in both. The workbench signs and verifies through aws-lc-rs directly;
//! these tests keep the two in step.

use crate::common::*;
use jwt_workbench::core::keys::{self, Key, Purpose};
use jwt_workbench::core::{
    alg::JwsAlg,
    sign::{Layout, sign},
    token::inspect,
    verify::{Policy, verify},
};
use serde_json::{Value, json};

const NOW: i64 = 1_800_000_000;

fn cases() -> Vec<(JwsAlg, Key)> {
    let secret = keys::parse_secret_spec("jsonwebtoken-cross-check-secret-0123456789").unwrap();
    let file = |name: &str| fixture_key(name, Purpose::Sign);
    let rsa = file("rsa2048.pkcs8.pem");
    let mut out = Vec::new();
    for alg in [JwsAlg::HS256, JwsAlg::HS384, JwsAlg::HS512] {
        out.push((alg, secret.clone()));
    }
    for alg in [
        JwsAlg::RS256,
        JwsAlg::RS384,
        JwsAlg::RS512,
        JwsAlg::PS256,
        JwsAlg::PS384,
        JwsAlg::PS512,
    ] {
        out.push((alg, rsa.clone()));
    }
    out.push((JwsAlg::ES256, file("ec256.pkcs8.pem")));
    out.push((JwsAlg::ES384, file("ec384.pkcs8.pem")));
    out.push((JwsAlg::EdDSA, file("ed25519.pkcs8.pem")));
    out
}

fn validation(alg: jsonwebtoken::Algorithm) -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(alg);
    v.validate_exp = false;
    v.required_spec_claims.clear();
    v
}

#[test]
fn each_verifies_what_the_other_signs() {
    let claims = json!({"sub": "cross", "iat": NOW});
    for (alg, key) in cases() {
        let jalg = alg.to_jsonwebtoken().unwrap();
        let public = key.public_half();
        // jsonwebtoken signs, the workbench verifies.
        let theirs = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jalg),
            &claims,
            &key.encoding_key().unwrap(),
        )
        .unwrap();
        let report = verify(
            &inspect(&theirs).unwrap(),
            Some(&public),
            &Policy::default(),
            NOW,
        );
        assert!(report.valid(), "{alg}: {report:?}");
        // The workbench signs, jsonwebtoken verifies.
        let ours = sign(
            &format!(r#"{{"alg":"{alg}"}}"#),
            &claims.to_string(),
            &key,
            Layout::Minified,
        )
        .unwrap();
        let decoded = jsonwebtoken::decode::<Value>(
            &ours,
            &public.decoding_key().unwrap(),
            &validation(jalg),
        );
        assert!(decoded.is_ok(), "{alg}: {decoded:?}");
        // One changed signature byte fails both.
        let (head, sig) = ours.rsplit_once('.').unwrap();
        let mut bytes = jwt_workbench::core::b64::decode_strict(sig).unwrap();
        bytes[0] ^= 1;
        let forged = format!("{head}.{}", jwt_workbench::core::b64::encode(&bytes));
        let report = verify(
            &inspect(&forged).unwrap(),
            Some(&public),
            &Policy::default(),
            NOW,
        );
        assert!(!report.valid(), "{alg}: a forged signature passed here");
        let decoded = jsonwebtoken::decode::<Value>(
            &forged,
            &public.decoding_key().unwrap(),
            &validation(jalg),
        );
        assert!(
            decoded.is_err(),
            "{alg}: a forged signature passed jsonwebtoken"
        );
    }
}
