//! Token profiles against stored fixtures: OpenID Connect id_tokens signed by PyJWT 2.15.1 with
//! hashes from Python's hashlib (tests/fixtures/profiles/idtoken.json), DPoP proofs made by
//! panva's dpop 2.1.2 (dpop.json) and the RFC 9449 examples (rfc9449-examples.json).

use crate::common::*;
use jwt_workbench::core::keys::Purpose;
use jwt_workbench::core::profiles::{self, Inputs, Profile};
use jwt_workbench::core::{
    b64,
    sign::{Layout, sign},
    token::inspect,
    verify::{Policy, verify},
};
use serde_json::Value;

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("profiles/{name}"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn failed(checks: &[jwt_workbench::core::verify::Check]) -> Vec<String> {
    checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect()
}

fn segment_text(token: &str, i: usize) -> String {
    let part = token.split('.').nth(i).unwrap();
    String::from_utf8(b64::decode_strict(part).unwrap()).unwrap()
}

/// Each id_token verifies with its key, every profile check passes with the request's values,
/// and where the algorithm is deterministic our signer makes the same bytes from the same JSON.
#[test]
fn id_tokens_from_pyjwt_and_hashlib() {
    let f = load("idtoken.json");
    let input = &f["inputs"];
    let text = |v: &Value| v.as_str().unwrap().to_string();
    let inputs = Inputs {
        nonce: Some(text(&input["nonce"])),
        access_token: Some(text(&input["access_token"])),
        code: Some(text(&input["code"])),
        client_id: Some(text(&input["aud"])),
        max_age: Some(3600),
        ..Inputs::default()
    };
    let now = 1_780_000_100;
    for (alg, t) in f["tokens"].as_object().unwrap() {
        let token = t["id_token"].as_str().unwrap();
        let insp = inspect(token).unwrap();
        let key_file = t["key"].as_str().unwrap();
        let key = fixture_key(key_file, Purpose::Sign);
        let policy = Policy {
            aud: Some(text(&input["aud"])),
            ..Policy::default()
        };
        assert!(
            verify(&insp, Some(&key.public_half()), &policy, now).valid(),
            "{alg}"
        );
        let header = insp.header.as_ref().unwrap();
        assert_eq!(
            profiles::detect(header, insp.claims()),
            Profile::IdToken,
            "{alg}"
        );
        let checks = profiles::checks(Profile::IdToken, &insp, &inputs, None, now);
        assert!(failed(&checks).is_empty(), "{alg}: {:#?}", failed(&checks));
        let at = checks
            .iter()
            .find(|c| c.name == "id_token at_hash")
            .unwrap();
        let hex = t["at_hash"]["left_half_hex"].as_str().unwrap();
        assert!(
            at.detail.contains(hex),
            "{alg}: the left half is shown: {}",
            at.detail
        );
        // s_hash is not in these tokens; the state's hash is in the fixture.
        let s =
            profiles::left_half_hash(insp_alg(&insp), input["state"].as_str().unwrap()).unwrap();
        assert_eq!(
            s.value,
            t["s_hash_for_state"]["value"].as_str().unwrap(),
            "{alg}"
        );
        if t["deterministic"] == true {
            let ours = sign(
                &segment_text(token, 0),
                &segment_text(token, 1),
                &key,
                Layout::AsTyped,
            )
            .unwrap();
            assert_eq!(ours, token, "{alg}: the same bytes");
        }
    }
}

fn insp_alg(insp: &jwt_workbench::core::token::Inspection) -> jwt_workbench::core::alg::JwsAlg {
    match insp.alg {
        jwt_workbench::core::alg::HeaderAlg::Known(a) => a,
        _ => panic!("no alg"),
    }
}

/// RS384 with SHA-256 half-hashes (16 bytes, the bug libraries keep making): both fail.
#[test]
fn an_rs384_token_with_sha256_hashes_fails_both() {
    let f = load("idtoken.json");
    let insp = inspect(
        f["negative"]["rs384_with_sha256_hashes"]["id_token"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let inputs = Inputs {
        access_token: Some(f["inputs"]["access_token"].as_str().unwrap().into()),
        code: Some(f["inputs"]["code"].as_str().unwrap().into()),
        ..Inputs::default()
    };
    let names: Vec<String> =
        profiles::checks(Profile::IdToken, &insp, &inputs, None, 1_780_000_100)
            .into_iter()
            .filter(|c| !c.ok)
            .map(|c| c.name)
            .collect();
    assert_eq!(names, ["id_token at_hash", "id_token c_hash"]);
}

fn dpop_inputs(p: &Value) -> Inputs {
    Inputs {
        htm: Some(p["htm"].as_str().unwrap().into()),
        htu: Some(p["htu"].as_str().unwrap().into()),
        ..Inputs::default()
    }
}

/// The RFC 9449 examples: every proof passes section 4.3 at its own time; Figure 14's ath is
/// the access token's; the key's thumbprint is Figure 9's cnf.jkt, and with that jkt (the
/// token is opaque: introspection gives it) the binding holds.
#[test]
fn rfc9449_examples() {
    let f = load("rfc9449-examples.json");
    let jkt = f["jkt"]["value"].as_str().unwrap();
    for (name, p) in f["proofs"].as_object().unwrap() {
        let insp = inspect(p["proof"].as_str().unwrap()).unwrap();
        let iat = insp.claims().unwrap()["iat"].as_i64().unwrap();
        let mut inputs = dpop_inputs(p);
        if let Some(at) = p.get("access_token").and_then(Value::as_str) {
            inputs.access_token = Some(at.into());
            inputs.jkt = Some(jkt.into());
        }
        let checks = profiles::checks(Profile::DpopProof, &insp, &inputs, None, iat + 1);
        assert!(failed(&checks).is_empty(), "{name}: {:#?}", failed(&checks));
        let key = profiles::proof_key(insp.header.as_ref().unwrap()).unwrap();
        assert_eq!(key.thumbprint(), jkt, "{name}: Figure 9");
        // Ten minutes later the same proof is stale.
        let late = profiles::checks(Profile::DpopProof, &insp, &inputs, None, iat + 600);
        assert_eq!(failed(&late).len(), 1, "{name}");
    }
    let at = &f["access_token"];
    assert_eq!(
        profiles::ath_of(at["value"].as_str().unwrap()),
        at["ath"].as_str().unwrap()
    );
}

/// panva/dpop's proofs pass, with the server nonce and the bound JWT access token; the
/// thumbprint's canonical JSON is the one the fixture hashed.
#[test]
fn dpop_proofs_from_panva_dpop() {
    let f = load("dpop.json");
    let at = f["access_token"]["value"].as_str().unwrap();
    let nonce = f["nonce"].as_str().unwrap();
    let now = 1_780_000_010;
    for (name, p) in f["proofs"].as_object().unwrap() {
        let insp = inspect(p["proof"].as_str().unwrap()).unwrap();
        let mut inputs = dpop_inputs(p);
        if p.get("nonce").is_some() {
            inputs.nonce = Some(nonce.into());
        }
        if p.get("ath").is_some() {
            inputs.access_token = Some(at.into());
        }
        let checks = profiles::checks(Profile::DpopProof, &insp, &inputs, None, now);
        assert!(failed(&checks).is_empty(), "{name}: {:#?}", failed(&checks));
        let key = profiles::proof_key(insp.header.as_ref().unwrap()).unwrap();
        assert_eq!(
            key.thumbprint_input(),
            f["jkt"]["thumbprint_input"].as_str().unwrap()
        );
        // A server that sent another nonce, or a request to another URL, refuses it.
        let other = Inputs {
            nonce: Some("another".into()),
            htu: Some("https://server.example.com/other".into()),
            ..inputs.clone()
        };
        assert!(
            failed(&profiles::checks(
                Profile::DpopProof,
                &insp,
                &other,
                None,
                now
            ))
            .len()
                >= 2
        );
    }
}
