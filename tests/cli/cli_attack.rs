//! `jwt-workbench attack`: the built binary makes the variants, checks each one with the
//! workbench's verifier, and prints them as text or the JSON contract.

use crate::common::*;
use jwt_workbench::core::keys::Purpose;
use jwt_workbench::core::sign::{Layout, sign};
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

/// `attack --json` on `token` with `key_args`: exit 0, every forgery rejected, the tally's
/// total counting them; the variants of `group` returned.
fn lab_json(token: &str, key_args: &[&str], group: &str) -> Vec<Value> {
    let (code, out, err) = run(&[&["attack", token, "--json", NOW], key_args].concat());
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let variants = v["variants"].as_array().unwrap();
    // Forgeries rejected, probes (ECDSA malleability) accepted.
    assert!(
        variants
            .iter()
            .all(|x| x["rejected_by_workbench"] != x["expected_valid"]),
        "{out}"
    );
    let forgeries = variants
        .iter()
        .filter(|x| x["expected_valid"] == false)
        .count();
    assert_eq!(v["total"].as_u64().unwrap() as usize, forgeries);
    assert_eq!(v["rejected"], v["total"]);
    assert_eq!(v["original_rejected"], false, "{}", v["summary"]);
    variants
        .iter()
        .filter(|x| x["group"] == group)
        .cloned()
        .collect()
}

#[test]
fn attack_on_a_dpop_proof_lists_the_dpop_variants_each_refused_by_dpop_check() {
    let private = fixture("ec256.pkcs8.pem");
    let (code, proof, err) = run(&[
        "dpop",
        "proof",
        "--key",
        private.to_str().unwrap(),
        "--htm",
        "POST",
        "--htu",
        "https://api.example/orders",
        NOW,
    ]);
    assert_eq!(code, 0, "{err}");
    let proof = proof.trim();
    let dpop = lab_json(proof, &["--key", private.to_str().unwrap()], "dpop");
    let ids: Vec<&str> = dpop.iter().map(|x| x["id"].as_str().unwrap()).collect();
    for want in [
        "dpop-htu-other",
        "dpop-htm-other",
        "dpop-htu-in-query",
        "dpop-iat-stale",
        "dpop-ath-other-token",
        "dpop-jwk-private",
        "dpop-hs256",
        "dpop-typ-jwt",
        "dpop-key-not-cnf-jkt",
    ] {
        assert!(ids.contains(&want), "{want} in {ids:?}");
    }
    // The proof itself passes `dpop check`; each variant that does not need the lab's
    // access token fails it (exit 1).
    let check = |p: &str| {
        run(&[
            "dpop",
            "check",
            p,
            "--htm",
            "POST",
            "--htu",
            "https://api.example/orders",
            NOW,
        ])
        .0
    };
    assert_eq!(check(proof), 0);
    for v in &dpop {
        let id = v["id"].as_str().unwrap();
        if id != "dpop-ath-other-token" && id != "dpop-key-not-cnf-jkt" {
            assert_eq!(check(v["token"].as_str().unwrap()), 1, "{id}");
        }
    }
    // The text form names the group and ends with the tally.
    let (code, out, _) = run(&["attack", proof, "--key", private.to_str().unwrap(), NOW]);
    assert_eq!(code, 0);
    assert!(
        out.contains("DPoP proofs") && out.contains("dpop-key-not-cnf-jkt"),
        "{out}"
    );
}

#[test]
fn attack_on_an_sd_jwt_lists_the_forgeries_each_refused_by_sd_jwt_verify() {
    let issuer = fixture("ec256.pkcs8.pem");
    let holder = fixture("ed25519.pkcs8.pem");
    let (code, sd, err) = run(&[
        "sd-jwt",
        "issue",
        "--key",
        issuer.to_str().unwrap(),
        "--claims",
        r#"{"iss":"https://issuer.example","given_name":"Erika","family_name":"Mustermann"}"#,
        "--sd",
        "/given_name",
        "--sd",
        "/family_name",
        "--holder-key",
        holder.to_str().unwrap(),
        "--vct",
        "https://credentials.example/id",
        NOW,
    ]);
    assert_eq!(code, 0, "{err}");
    let sd = sd.trim();
    let forged = lab_json(
        sd,
        &[
            "--key",
            issuer.to_str().unwrap(),
            "--holder-key",
            holder.to_str().unwrap(),
        ],
        "sd-jwt",
    );
    assert_eq!(forged.len(), 16);
    let ids: Vec<&str> = forged.iter().map(|x| x["id"].as_str().unwrap()).collect();
    for want in [
        "sd-jwt-kb-stripped",
        "sd-jwt-sd-hash-other",
        "sd-jwt-duplicate-digest",
        "sd-jwt-unreferenced-disclosure",
        "sd-jwt-disclosure-named-sd",
        "sd-jwt-disclosure-named-dots",
        "sd-jwt-name-collision",
        "sd-jwt-kb-alg-none",
        "sd-jwt-kb-other-key",
    ] {
        assert!(ids.contains(&want), "{want} in {ids:?}");
    }
    let public = fixture("ec256.spki.pem");
    for v in &forged {
        let (code, _, err) = run(&[
            "sd-jwt",
            "verify",
            v["token"].as_str().unwrap(),
            "--key",
            public.to_str().unwrap(),
            "--aud",
            "https://verifier.example",
            "--nonce",
            "lab-nonce",
            NOW,
        ]);
        assert_eq!(code, 1, "{}: {err}", v["id"]);
    }
    // Without the holder key the lab binds the SD-JWT to its own; with only the issuer's
    // public key it cannot re-sign: exit 2, saying what to load.
    let rebound = lab_json(sd, &["--key", issuer.to_str().unwrap()], "sd-jwt");
    assert_eq!(rebound.len(), 16);
    let (code, _, err) = run(&["attack", sd, "--key", public.to_str().unwrap(), NOW]);
    assert_eq!(code, 2);
    assert!(err.contains("issuer's private key"), "{err}");
}
