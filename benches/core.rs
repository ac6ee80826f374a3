//! Core speed: decoding a pasted token, signing and verifying with each key family, and a
//! 1 MB payload (what makes jwt.io take 0.9 s per keystroke).

use criterion::{Criterion, criterion_group, criterion_main};
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::core::{
    sign::{Layout, sign},
    token::inspect,
    verify::{Policy, verify},
};
use std::hint::black_box;
use std::path::PathBuf;

fn fixture(name: &str) -> keys::Key {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    match keys::load_key_file(&path).and_then(|f| Ok(f.pick(None, Purpose::Sign).cloned()?)) {
        Ok(k) => k,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn benches(c: &mut Criterion) {
    let secret = keys::parse_secret_spec("a-benchmark-secret-of-32-bytes!!")
        .unwrap_or_else(|e| panic!("{e}"));
    let payload = r#"{"sub":"1234567890","name":"John Doe","iat":1516239022,"exp":1916239022}"#;
    let cases = [
        ("HS256", secret),
        ("RS256", fixture("rsa2048.pkcs8.pem")),
        ("PS256", fixture("rsa2048.pkcs8.pem")),
        ("ES256", fixture("ec256.pkcs8.pem")),
        ("ES512", fixture("ec521.pkcs8.pem")),
        ("EdDSA", fixture("ed25519.pkcs8.pem")),
    ];
    for (alg, key) in &cases {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        c.bench_function(&format!("sign {alg}"), |b| {
            b.iter(|| {
                sign(
                    black_box(&header),
                    black_box(payload),
                    key,
                    Layout::Minified,
                )
            })
        });
        let token = sign(&header, payload, key, Layout::Minified).unwrap_or_else(|e| panic!("{e}"));
        let public = key.public_half();
        c.bench_function(&format!("inspect+verify {alg}"), |b| {
            b.iter(|| {
                let insp = inspect(black_box(&token)).unwrap_or_else(|e| panic!("{e}"));
                verify(&insp, Some(&public), &Policy::default(), 1_600_000_000)
            })
        });
    }
    let big = format!(r#"{{"sub":"1","blob":"{}"}}"#, "x".repeat(1 << 20));
    let big_token = sign(r#"{"alg":"HS256"}"#, &big, &cases[0].1, Layout::Minified)
        .unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("inspect 1 MB token", |b| {
        b.iter(|| inspect(black_box(&big_token)))
    });
    c.bench_function("sign 1 MB payload HS256", |b| {
        b.iter(|| {
            sign(
                r#"{"alg":"HS256"}"#,
                black_box(&big),
                &cases[0].1,
                Layout::Minified,
            )
        })
    });
}

criterion_group!(core, benches);
criterion_main!(core);
