//! SD-JWT speed (issue 19): reading and verifying an SD-JWT+KB with 1,000 disclosures, what
//! the window does on each edit (goal: under 50 ms). ES256 issuer and holder keys.

use criterion::{Criterion, criterion_group, criterion_main};
use jwt_workbench::core::alg::JwsAlg;
use jwt_workbench::core::keys::{self, KeySpec};
use jwt_workbench::core::sdjwt::{self, IssueRequest, KbRequest, SdJwt, SdPolicy};
use serde_json::{Map, Value};
use std::hint::black_box;

const NOW: i64 = 1_780_000_000;

fn build(n: usize) -> (String, keys::Key) {
    let issuer = keys::generate(&KeySpec::new(JwsAlg::ES256)).unwrap_or_else(|e| panic!("{e}"));
    let holder = keys::generate(&KeySpec::new(JwsAlg::ES256)).unwrap_or_else(|e| panic!("{e}"));
    let mut claims = Map::new();
    claims.insert("iss".into(), "https://issuer.example".into());
    claims.insert("iat".into(), NOW.into());
    claims.insert("exp".into(), (NOW + 3600).into());
    let mut paths = Vec::new();
    for i in 0..n {
        claims.insert(
            format!("claim_{i}"),
            Value::from(format!("value number {i}")),
        );
        paths.push(format!("/claim_{i}"));
    }
    let req = IssueRequest {
        claims,
        disclosable: paths.clone(),
        holder: Some(holder.public_half()),
        vct: Some("https://credentials.example/bench".into()),
        ..IssueRequest::default()
    };
    let issued = sdjwt::issue(&req, &issuer).unwrap_or_else(|e| panic!("{e}"));
    let sd = SdJwt::parse(&issued.sd_jwt).unwrap_or_else(|e| panic!("{e}"));
    let kb = KbRequest {
        key: &holder,
        aud: "https://verifier.example".into(),
        nonce: "n".into(),
        iat: NOW,
    };
    let presented = sdjwt::present(&sd, &paths, Some(&kb)).unwrap_or_else(|e| panic!("{e}"));
    (presented.text, issuer.public_half())
}

fn benches(c: &mut Criterion) {
    let (text, issuer) = build(1000);
    let policy = SdPolicy {
        aud: Some("https://verifier.example".into()),
        nonce: Some("n".into()),
        ..SdPolicy::default()
    };
    let check = sdjwt::verify(
        &SdJwt::parse(&text).unwrap_or_else(|e| panic!("{e}")),
        Some(&issuer),
        &policy,
        NOW,
    );
    assert!(check.valid(), "{}", check.verdict());
    assert_eq!(check.processed.claims.len(), 1000 + 5);
    c.bench_function("sd-jwt decode 1000 disclosures", |b| {
        b.iter(|| sdjwt::decode(black_box(&text)))
    });
    c.bench_function("sd-jwt decode+verify 1000 disclosures with KB", |b| {
        b.iter(|| {
            let sd = SdJwt::parse(black_box(&text)).unwrap_or_else(|e| panic!("{e}"));
            sdjwt::verify(&sd, Some(&issuer), &policy, NOW)
        })
    });
}

criterion_group!(sdjwt_benches, benches);
criterion_main!(sdjwt_benches);
