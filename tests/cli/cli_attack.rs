//! `jwt-workbench attack`: the built binary makes the variants, checks each one with the
//! workbench's verifier, and prints them as text or the JSON contract.

use crate::common::*;
use jwt_workbench::core::keys::Purpose;
use jwt_workbench::core::{Layout, sign};
use serde_json::Value;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jwt-workbench"))
        .args(args)
        .output()
        .expect("binary runs");
    let code = out.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_ne!(code, 101, "the binary panicked: {stderr}");
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

const NOW: &str = "--now=1800000000";

#[test]
fn attack_json_has_the_contract_and_every_forgery_is_rejected() {
    let key = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign);
    let token = sign(
        r#"{"alg":"RS256","typ":"JWT"}"#,
        r#"{"sub":"user-1","role":"user","iat":1800000000,"exp":1800003600}"#,
        &key,
        Layout::Minified,
    )
    .unwrap();
    let public = fixture("rsa2048.spki.pem");
    let (code, out, err) = run(&[
        "attack",
        &token,
        "--key",
        public.to_str().unwrap(),
        "--json",
        NOW,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let variants = v["variants"].as_array().unwrap();
    assert!(variants.len() >= 40, "{}", variants.len());
    for variant in variants {
        let keys: Vec<&str> = variant
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for field in [
            "id",
            "group",
            "name",
            "token",
            "explanation",
            "server_must",
            "reference",
            "rejected_by_workbench",
        ] {
            assert!(keys.contains(&field), "{field} in {keys:?}");
        }
        assert_eq!(variant["rejected_by_workbench"], true, "{}", variant["id"]);
        assert_eq!(variant["token"].as_str().unwrap().split('.').count(), 3);
    }
    let ids: Vec<&str> = variants.iter().map(|v| v["id"].as_str().unwrap()).collect();
    for id in [
        "alg-none-nOnE-stripped",
        "key-confusion-HS256-pem-as-loaded",
        "key-confusion-HS512-pkcs1-pem",
        "embedded-jwk-rsa",
        "kid-path-traversal",
        "claims-exp-removed",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    // Text output: the summary first, and the labelling.
    let (code, out, _) = run(&["attack", &token, "--key", public.to_str().unwrap(), NOW]);
    assert_eq!(code, 0);
    assert!(out.starts_with("For testing your own services."), "{out}");
    assert!(out.contains("forgeries rejected of"), "{out}");
}

#[test]
fn attack_refuses_a_key_that_does_not_verify_the_token() {
    let public = fixture("ec256.spki.pem");
    let (code, _, err) = run(&["attack", A1_TOKEN, "--key", public.to_str().unwrap(), NOW]);
    assert_eq!(code, 2);
    assert!(err.contains("the token says HS256"), "{err}");
}
