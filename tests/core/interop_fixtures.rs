//! Tokens made by PyJWT and python-jose, committed with the versions that made them
//! (`tests/fixtures/interop/python_tokens.json`, written by
//! `python3 tests/interop/pyjwt_check.py fixtures tests/fixtures`): they verify here on every
//! run, with or without python. The live cross-check is `tests/interop.rs`.

use crate::common::*;
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::core::{
    alg::JwsAlg,
    token::inspect,
    verify::{Policy, verify},
};
use serde_json::Value;

/// The secret the python script signs HS* with.
const SECRET: &str = "interop-secret-interop-secret-interop-secret-interop-secret-0123";

fn public_key(alg: JwsAlg) -> keys::Key {
    let name = match alg {
        JwsAlg::HS256 | JwsAlg::HS384 | JwsAlg::HS512 => {
            return keys::parse_secret_spec(SECRET).unwrap();
        }
        JwsAlg::ES256 => "ec256.spki.pem",
        JwsAlg::ES384 => "ec384.spki.pem",
        JwsAlg::ES512 => "ec521.spki.pem",
        JwsAlg::EdDSA => "ed25519.spki.pem",
        _ => "rsa2048.spki.pem",
    };
    fixture_key(name, Purpose::Verify)
}

#[test]
fn committed_pyjwt_and_python_jose_tokens_verify_here() {
    let text = std::fs::read_to_string(fixture("interop/python_tokens.json")).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    assert!(all["pyjwt_version"].is_string() && all["python_jose_version"].is_string());
    let mut checked = 0;
    for (library, expected) in [("pyjwt", 13), ("python_jose", 9)] {
        let tokens = all[library].as_object().unwrap();
        assert_eq!(tokens.len(), expected, "{library}");
        for (alg_name, token) in tokens {
            let alg = JwsAlg::from_name(alg_name).unwrap();
            let insp = inspect(token.as_str().unwrap()).unwrap();
            let policy = Policy {
                algorithms: vec![alg],
                ..Policy::default()
            };
            let report = verify(&insp, Some(&public_key(alg)), &policy, 1_800_000_000);
            assert!(
                report.valid(),
                "{library} {alg_name}: {:?}",
                report.verdict()
            );
            assert_eq!(
                insp.claims().unwrap()["name"],
                "Zoë",
                "{library} {alg_name}"
            );
            // One flipped signature bit is refused.
            let mut bad = token.as_str().unwrap().to_string();
            let last = bad.pop().unwrap();
            bad.push(if last == 'A' { 'B' } else { 'A' });
            let report = verify(&inspect(&bad).unwrap(), Some(&public_key(alg)), &policy, 0);
            assert!(!report.valid(), "{library} {alg_name} tampered");
            checked += 1;
        }
    }
    assert_eq!(checked, 22);
}
