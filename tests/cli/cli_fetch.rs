//! `jwks fetch`, `jwks plan`, `verify --jwks-url` and `verify --discover` against a local
//! HTTPS server with a CA made at test time (--cacert); nothing reaches the internet. And the
//! rule that nothing is fetched unless asked: a jku pointing at a listener gets no connection.

use crate::common::cli::workbench;
use crate::common::https::{Reply, Server, listener, serve, was_contacted};
use crate::common::pki::{forge, scratch, write};
use crate::common::{fixture, fixture_key};
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::core::{
    alg::JwsAlg,
    sign::{PayloadForm, sign_compact},
};
use serde_json::json;

fn jwks() -> Vec<u8> {
    let mut ec = fixture_key("ec256.spki.pem", Purpose::Verify);
    ec.kid = Some("k1".into());
    let x25519 = keys::load_key_file(&fixture("x25519.spki.pem"))
        .unwrap()
        .keys[0]
        .clone();
    serde_json::to_vec(&keys::public_jwks(&[ec, x25519])).unwrap()
}

/// An ES256 token with kid k1 and this header member and issuer.
fn token(extra: (&str, &str), iss: &str) -> String {
    let key = fixture_key("ec256.pkcs8.pem", Purpose::Sign);
    let mut header = json!({"alg": "ES256", "kid": "k1"});
    header[extra.0] = json!(extra.1);
    let claims = json!({"iss": iss, "sub": "alice"}).to_string();
    sign_compact(
        &header.to_string(),
        claims.as_bytes(),
        JwsAlg::ES256,
        &key,
        PayloadForm::default(),
    )
    .unwrap()
}

/// A server with discovery (issuer = its own base, or `issuer` when given) and the JWKS.
fn idp(issuer: Option<&str>) -> Server {
    let issuer = issuer.map(str::to_string);
    serve(
        move |port| {
            let base = format!("https://127.0.0.1:{port}");
            let doc = json!({"issuer": issuer.unwrap_or(base.clone()), "jwks_uri": format!("{base}/jwks")});
            vec![
                (
                    "/.well-known/openid-configuration".into(),
                    Reply::Body(doc.to_string().into_bytes()),
                ),
                ("/jwks".into(), Reply::Body(jwks())),
            ]
        },
        true,
    )
}

#[test]
fn jwks_fetch_lists_every_key_and_the_tls_facts() {
    let server = idp(None);
    let dir = scratch("jwks-fetch");
    let ca = write(&dir, "ca.pem", &server.ca_pem);
    let url = server.url("/jwks");
    workbench(
        &["jwks", "fetch", &url, "--cacert", &ca, "--allow-private"],
        None,
        None,
    )
    .expect(
        0,
        &[
            "keys: 2 (1 usable)",
            "kid k1  kty EC",
            "not usable: X25519",
            "TLS        CN=test server",
            "addresses  127.0.0.1",
        ],
    );
    let run = workbench(
        &[
            "jwks",
            "fetch",
            &url,
            "--cacert",
            &ca,
            "--allow-private",
            "--json",
        ],
        None,
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run.json();
    assert_eq!(out["keys"].as_array().unwrap().len(), 2);
    assert_eq!(out["keys"][1]["usable"], false);
    assert!(
        out["steps"][0]["tls"]["subject"]
            .as_str()
            .unwrap()
            .contains("test server")
    );
    // Refusals are exit 2, each naming its rule.
    workbench(&["jwks", "fetch", &url, "--cacert", &ca], None, None)
        .expect(2, &["--allow-private", "SSRF"]);
    let plain = format!("http://127.0.0.1:{}/jwks", server.port);
    workbench(&["jwks", "fetch", &plain, "--allow-private"], None, None).expect(2, &["only https"]);
    workbench(&["jwks", "fetch", &url, "--allow-private"], None, None).expect(2, &["cannot fetch"]);
}

#[test]
fn jwks_plan_prints_the_plan_and_curl_without_connecting() {
    let (l, port) = listener();
    let url = format!("https://127.0.0.1:{port}/jwks");
    workbench(&["jwks", "plan", &url], None, None).expect(
        0,
        &[
            "nothing has been sent",
            &format!("GET {url}"),
            "User-Agent: jwt-workbench/",
            "curl --proto '=https'",
        ],
    );
    assert!(!was_contacted(&l), "plan connected");
}

/// `verify TOKEN EXTRA…` trusting the test CA in `ca` and allowing the loopback server.
fn verify_trusting(ca: &str, token: &str, extra: &[&str]) -> crate::common::cli::Run {
    let mut args = vec!["verify", token];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--cacert", ca, "--allow-private"]);
    workbench(&args, None, None)
}

#[test]
fn verify_with_a_jwks_url_or_discovery() {
    let server = idp(None);
    let dir = scratch("verify-fetch");
    let ca = write(&dir, "ca.pem", &server.ca_pem);
    let base = format!("https://127.0.0.1:{}", server.port);
    let t = token(("typ", "JWT"), &base);
    let url = server.url("/jwks");
    let args = |extra: &[&str], tok: &str| verify_trusting(&ca, tok, extra);
    args(&["--jwks-url", &url], &t)
        .expect(0, &["fetched", "key k1 (of 2 in the set) fetched from"]);
    args(&["--discover", "--iss", &base], &t).expect(0, &["openid-configuration", "valid"]);
    args(&["--jwks-url", &url], &forge(&t)).expect(1, &["invalid signature"]);
    // The issuer given differs from the discovery document's issuer by a final slash.
    let slash = format!("{base}/");
    args(&["--discover", "--iss", &slash], &t)
        .expect(2, &["not \"https://127.0.0.1", "section 4.3"]);
    // Discovery never starts from the token's own iss: without --iss it is refused before
    // any request, and a token naming another issuer fails the iss check (exit 1) even
    // though its signature verifies with the keys of the issuer given.
    let before = server.requests().len();
    args(&["--discover"], &t).expect(2, &["--discover needs --iss"]);
    assert_eq!(server.requests().len(), before, "nothing was fetched");
    let elsewhere = token(("typ", "JWT"), "https://evil.example");
    args(&["--discover", "--iss", &base], &elsewhere).expect(1, &["iss"]);
}

#[test]
fn discovery_naming_another_issuer_is_refused() {
    let server = idp(Some("https://idp.example"));
    let dir = scratch("verify-mismatch");
    let ca = write(&dir, "ca.pem", &server.ca_pem);
    let t = token(
        ("typ", "JWT"),
        &format!("https://127.0.0.1:{}", server.port),
    );
    workbench(
        &[
            "verify",
            &t,
            "--discover",
            "--iss",
            &format!("https://127.0.0.1:{}", server.port),
            "--cacert",
            &ca,
            "--allow-private",
        ],
        None,
        None,
    )
    .expect(2, &["issuer is \"https://idp.example\""]);
    assert_eq!(server.requests().len(), 1, "the JWKS was not fetched");
}

#[test]
fn a_jku_in_the_token_makes_no_connection() {
    let (l, port) = listener();
    let t = token(
        ("jku", &format!("https://127.0.0.1:{port}/jwks")),
        "https://idp.example",
    );
    let key = fixture("ec256.spki.pem");
    let key = key.to_str().unwrap();
    workbench(&["verify", &t, "--key", key], None, None).expect(0, &["jku"]);
    workbench(&["decode", &t], None, None).expect(0, &["jku"]);
    workbench(&["decode", &t, "--json"], None, None);
    assert!(!was_contacted(&l), "a jku was fetched without being asked");
}

#[test]
fn a_jws_json_document_verifies_with_fetched_keys() {
    use jwt_workbench::core::jws_json::{Serialization, to_json};
    let server = idp(None);
    let dir = scratch("jws-json-fetch");
    let ca = write(&dir, "ca.pem", &server.ca_pem);
    let issuer = format!("https://127.0.0.1:{}", server.port);
    let compact = token(("typ", "JWT"), &issuer);
    let doc = to_json(&compact, Serialization::General).unwrap();
    let forged = to_json(&forge(&compact), Serialization::General).unwrap();
    let url = server.url("/jwks");
    let run = |doc: &str, how: &[&str]| verify_trusting(&ca, doc, how);
    run(&doc, &["--jwks-url", &url]).expect(0, &["general JWS JSON"]);
    run(&doc, &["--discover", "--iss", &issuer]).expect(0, &["general JWS JSON"]);
    run(&doc, &["--discover"]).expect(2, &["--discover needs --iss"]);
    assert_eq!(run(&forged, &["--jwks-url", &url]).code, 1);
    let roots = write(&dir, "roots.pem", &server.ca_pem);
    run(&doc, &["--x5c-root", &roots]).expect(2, &["convert DOC --to compact"]);
}
