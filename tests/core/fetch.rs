//! The fetch rules (issue 20 item 2), each against a local HTTPS server on 127.0.0.1 with a CA
//! made at test time, given as the extra root: no test reaches the internet.

use crate::common::https::{Reply, Server, serve};
use crate::common::{fixture, fixture_key};
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::fetch::{
    self, Cancel, FetchError, Limits, MAX_BODY, Options, Pasted, Source, Url, fetch_keys, get,
};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// The options a test server needs: its CA trusted, loopback allowed.
fn opts(server: &Server) -> Options {
    Options {
        allow_private: true,
        extra_roots: vec![server.ca_der.clone()],
        ..Options::default()
    }
}

fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

/// A JWKS with a usable EC key, an ML-DSA (AKP) key, an X25519 key, an encryption key and
/// an entry the key code cannot read.
fn jwks() -> Vec<u8> {
    let mut ec = fixture_key("ec256.spki.pem", Purpose::Verify);
    ec.kid = Some("k1".into());
    let mldsa = fixture_key("ml-dsa-44.spki.pem", Purpose::Verify);
    let x25519 = keys::load_key_file(&fixture("x25519.spki.pem"))
        .unwrap()
        .keys[0]
        .clone();
    let mut set = keys::public_jwks(&[ec, mldsa, x25519]);
    let entries = set["keys"].as_array_mut().unwrap();
    let mut enc = entries[0].clone();
    enc["kid"] = json!("k-enc");
    enc["use"] = json!("enc");
    entries.push(enc);
    entries.push(json!({"kty": "EC", "kid": "broken", "crv": "P-256", "x": "AAAA"}));
    serde_json::to_vec(&set).unwrap()
}

fn discovery(issuer: &str, jwks_uri: &str) -> Reply {
    Reply::Body(serde_json::to_vec(&json!({"issuer": issuer, "jwks_uri": jwks_uri})).unwrap())
}

#[test]
fn discovery_then_jwks_are_fetched_and_every_key_is_listed() {
    let server = serve(
        |port| {
            let base = format!("https://127.0.0.1:{port}");
            vec![
                (
                    "/.well-known/openid-configuration".into(),
                    discovery(&base, &format!("{base}/jwks")),
                ),
                ("/jwks".into(), Reply::Body(jwks())),
            ]
        },
        true,
    );
    let source = Source::discover(&format!("https://127.0.0.1:{}", server.port)).unwrap();
    let got = fetch_keys(&source, &opts(&server), &Cancel::default()).unwrap();
    assert_eq!(got.steps.len(), 2);
    let tls = got.steps[1].tls.as_ref().expect("TLS facts");
    assert!(tls.subject.contains("test server"), "{}", tls.subject);
    assert!(tls.not_after > 2_000_000_000);
    let rows = &got.keys.rows;
    assert_eq!(rows.len(), 5, "every entry listed: {rows:?}");
    assert!(rows[0].problem.is_none() && rows[0].kid.as_deref() == Some("k1"));
    assert_eq!(rows[1].kty, "AKP");
    assert!(rows[1].problem.is_none(), "{:?}", rows[1].problem);
    assert_eq!(rows[2].kty, "OKP");
    assert!(rows[2].problem.as_deref().unwrap().contains("X25519"));
    assert!(rows[3].problem.as_deref().unwrap().contains("enc"));
    assert_eq!(rows[4].kid.as_deref(), Some("broken"));
    assert!(rows[4].problem.is_some());
    let file = got.keys.file.expect("usable keys");
    assert!(file.keys.iter().any(|k| k.kid.as_deref() == Some("k1")));
    // Exactly what was sent: a GET, our User-Agent and Accept, nothing else of note.
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    let first = sent[0].to_ascii_lowercase();
    assert!(
        first.starts_with("get /.well-known/openid-configuration http/1.1\r\n"),
        "{first}"
    );
    assert!(first.contains(&format!("user-agent: {}", fetch::USER_AGENT).to_ascii_lowercase()));
    assert!(first.contains("accept: application/json, application/jwk-set+json"));
    for absent in [
        "cookie",
        "authorization",
        "accept-encoding",
        "content-length",
    ] {
        assert!(!first.contains(absent), "{absent} sent: {first}");
    }
}

#[test]
fn an_issuer_that_differs_even_by_a_slash_is_refused() {
    let server = serve(
        |port| {
            let base = format!("https://127.0.0.1:{port}");
            vec![(
                "/.well-known/openid-configuration".into(),
                discovery(&format!("{base}/"), &format!("{base}/jwks")),
            )]
        },
        true,
    );
    let source = Source::discover(&format!("https://127.0.0.1:{}", server.port)).unwrap();
    let err = fetch_keys(&source, &opts(&server), &Cancel::default()).unwrap_err();
    assert!(matches!(err, FetchError::IssuerMismatch { .. }), "{err}");
    assert!(err.to_string().contains("section 4.3"));
    assert_eq!(server.requests().len(), 1, "the JWKS is not fetched");
}

#[test]
fn a_jwks_uri_over_http_is_refused() {
    let doc = br#"{"issuer":"https://idp.example","jwks_uri":"http://idp.example/jwks"}"#;
    let err = fetch::jwks_uri_of(doc, "https://idp.example").unwrap_err();
    assert!(matches!(err, FetchError::JwksUriNotHttps { .. }), "{err}");
}

#[test]
fn plain_http_only_to_loopback_with_the_flag() {
    let server = serve(|_| vec![("/jwks".into(), Reply::Body(jwks()))], false);
    let plain = url(&format!("http://127.0.0.1:{}/jwks", server.port));
    let err = get(&plain, &opts(&server), &Cancel::default()).unwrap_err();
    assert!(matches!(err, FetchError::NotHttps { .. }), "{err}");
    assert_eq!(server.connections(), 0);
    let allowed = Options {
        allow_http_loopback: true,
        ..opts(&server)
    };
    let got = get(&plain, &allowed, &Cancel::default()).unwrap();
    assert!(got.tls.is_none());
    assert!(fetch::read_key_set(&got.body).unwrap().rows.len() == 5);
    // Even with the flag, plain http to a non-loopback address is refused before connecting.
    let err = get(&url("http://10.0.0.1/jwks"), &allowed, &Cancel::default()).unwrap_err();
    assert!(matches!(err, FetchError::HttpNotLoopback { .. }), "{err}");
}

#[test]
fn private_addresses_are_refused_without_the_flag_and_nothing_connects() {
    let server = serve(|_| vec![("/jwks".into(), Reply::Body(jwks()))], true);
    let strict = Options {
        allow_private: false,
        ..opts(&server)
    };
    let err = get(&url(&server.url("/jwks")), &strict, &Cancel::default()).unwrap_err();
    assert!(matches!(err, FetchError::PrivateAddress { .. }), "{err}");
    assert!(err.to_string().contains("--allow-private"));
    assert_eq!(server.connections(), 0);
    for addr in [
        "https://169.254.169.254/",
        "https://10.1.2.3/",
        "https://[fd00::1]/",
    ] {
        let err = get(&url(addr), &strict, &Cancel::default()).unwrap_err();
        assert!(
            matches!(err, FetchError::PrivateAddress { .. }),
            "{addr}: {err}"
        );
    }
}

#[test]
fn an_unknown_certificate_authority_is_refused() {
    let server = serve(|_| vec![("/jwks".into(), Reply::Body(jwks()))], true);
    let untrusted = Options {
        extra_roots: vec![],
        ..opts(&server)
    };
    let err = get(&url(&server.url("/jwks")), &untrusted, &Cancel::default());
    assert!(
        matches!(err, Err(FetchError::Connect { .. } | FetchError::Roots(_))),
        "{err:?}"
    );
}

#[test]
fn redirects_stay_on_the_host_over_https_and_are_few() {
    let server = serve(
        |port| {
            vec![
                ("/old".into(), Reply::Redirect("/jwks".into())),
                ("/jwks".into(), Reply::Body(jwks())),
                (
                    "/away".into(),
                    Reply::Redirect(format!("https://localhost:{port}/jwks")),
                ),
                (
                    "/down".into(),
                    Reply::Redirect(format!("http://127.0.0.1:{port}/jwks")),
                ),
                ("/r1".into(), Reply::Redirect("/r2".into())),
                ("/r2".into(), Reply::Redirect("/r3".into())),
                ("/r3".into(), Reply::Redirect("/r4".into())),
                ("/r4".into(), Reply::Redirect("/jwks".into())),
                ("/gone".into(), Reply::Status(404)),
            ]
        },
        true,
    );
    let o = opts(&server);
    let c = Cancel::default();
    let got = get(&url(&server.url("/old")), &o, &c).unwrap();
    assert_eq!(got.final_url.path, "/jwks");
    let err = get(&url(&server.url("/away")), &o, &c).unwrap_err();
    assert!(matches!(err, FetchError::RedirectElsewhere { .. }), "{err}");
    let err = get(&url(&server.url("/down")), &o, &c).unwrap_err();
    assert!(matches!(err, FetchError::RedirectElsewhere { .. }), "{err}");
    let err = get(&url(&server.url("/r1")), &o, &c).unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 3, .. }),
        "{err}"
    );
    let err = get(&url(&server.url("/gone")), &o, &c).unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err}"
    );
}

#[test]
fn one_mebibyte_is_taken_and_one_byte_more_is_not() {
    let server = serve(
        |_| {
            vec![
                ("/full".into(), Reply::Body(vec![b' '; MAX_BODY])),
                ("/over".into(), Reply::Body(vec![b' '; MAX_BODY + 1])),
            ]
        },
        true,
    );
    let o = opts(&server);
    let got = get(&url(&server.url("/full")), &o, &Cancel::default()).unwrap();
    assert_eq!(got.body.len(), MAX_BODY);
    let err = get(&url(&server.url("/over")), &o, &Cancel::default()).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
    // A pasted response gets the same limit.
    let err = fetch::read_pasted(&vec![b' '; MAX_BODY + 1], None).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
}

#[test]
fn a_server_that_stalls_is_cut_at_the_time_limit() {
    let server = serve(|_| vec![("/slow".into(), Reply::Stall)], true);
    let o = Options {
        limits: Limits::tighter(Duration::from_secs(1)),
        ..opts(&server)
    };
    let started = Instant::now();
    let err = get(&url(&server.url("/slow")), &o, &Cancel::default()).unwrap_err();
    let took = started.elapsed();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert_eq!(
        Limits::tighter(Duration::from_secs(60)).timeout,
        fetch::TIMEOUT
    );
}

/// The time limit is for the whole fetch: a discovery document and its JWKS that each take
/// 0.7 s do not fit in 1 s, though each alone would.
#[test]
fn discovery_and_its_jwks_share_one_time_limit() {
    let wait = Duration::from_millis(700);
    let server = serve(
        move |port| {
            let base = format!("https://127.0.0.1:{port}");
            let doc = json!({"issuer": base, "jwks_uri": format!("{base}/jwks")});
            vec![
                (
                    "/.well-known/openid-configuration".into(),
                    Reply::Late(wait, doc.to_string().into_bytes()),
                ),
                ("/jwks".into(), Reply::Late(wait, jwks())),
            ]
        },
        true,
    );
    let o = Options {
        limits: Limits::tighter(Duration::from_secs(1)),
        ..opts(&server)
    };
    let issuer = format!("https://127.0.0.1:{}", server.port);
    let source = Source::discover(&issuer).unwrap();
    let err = fetch_keys(&source, &o, &Cancel::default()).unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
    // With room for both, the same server answers.
    let roomy = Options {
        limits: Limits::tighter(Duration::from_secs(5)),
        ..opts(&server)
    };
    assert!(fetch_keys(&source, &roomy, &Cancel::default()).is_ok());
}

#[test]
fn cancel_stops_a_fetch_under_way() {
    let server = serve(|_| vec![("/slow".into(), Reply::Stall)], true);
    let o = opts(&server);
    let cancel = Cancel::default();
    let stopper = cancel.clone();
    let started = Instant::now();
    let waiter = crate::common::https::named("canceller", move || {
        std::thread::sleep(Duration::from_millis(300));
        stopper.cancel();
    });
    let err = get(&url(&server.url("/slow")), &o, &cancel).unwrap_err();
    waiter.join().unwrap();
    assert_eq!(err, FetchError::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(5));
    // A cancelled handle stops the next fetch before it connects.
    let before = server.connections();
    assert_eq!(
        get(&url(&server.url("/slow")), &o, &cancel).unwrap_err(),
        FetchError::Cancelled
    );
    assert_eq!(server.connections(), before);
}

#[test]
fn a_pasted_response_goes_through_the_same_checks() {
    let doc = br#"{"issuer":"https://idp.example","jwks_uri":"https://idp.example/keys"}"#;
    match fetch::read_pasted(doc, Some("https://idp.example")).unwrap() {
        Pasted::Discovery(u) => assert_eq!(u.to_string(), "https://idp.example/keys"),
        other => panic!("{other:?}"),
    }
    let err = fetch::read_pasted(doc, Some("https://evil.example")).unwrap_err();
    assert!(matches!(err, FetchError::IssuerMismatch { .. }));
    match fetch::read_pasted(&jwks(), None).unwrap() {
        Pasted::Keys(k) => assert_eq!(k.rows.len(), 5),
        other => panic!("{other:?}"),
    }
    let err = fetch::read_pasted(br#"{"keys": 3}"#, None).unwrap_err();
    assert!(matches!(err, FetchError::NotReadable { .. }));
    let _: Value = serde_json::from_slice(&jwks()).unwrap();
}

#[test]
fn the_plan_says_what_is_sent_and_gives_the_curl_command() {
    let source = Source::from_url("https://idp.example/.well-known/openid-configuration").unwrap();
    let plan = fetch::Plan::new(source, Options::default());
    let text = plan.lines().join("\n");
    for phrase in [
        "nothing has been sent",
        "GET https://idp.example/.well-known/openid-configuration",
        "issuer is exactly \"https://idp.example\"",
        "User-Agent: jwt-workbench/",
        "1048576 bytes",
        "10 s in all",
        "at most 3 redirects",
        "curl --proto '=https' --max-time 10 --max-filesize 1048576",
    ] {
        assert!(text.contains(phrase), "{phrase:?} not in\n{text}");
    }
    let jku = fetch::Source::TokenUrl {
        member: "jku",
        url: url("https://attacker.example/jwks"),
    };
    let text = fetch::Plan::new(jku, Options::default()).lines().join("\n");
    assert!(text.contains("DANGER: the token chose this URL itself (jku)"));
}
