//! What the window recomputes per keystroke, through the document's front door: an edited
//! payload parsed, re-signed, verified, its claims checked and its findings listed, per
//! algorithm; and a 1 MB token pasted (header and claims shown) and a keystroke in a 1 MB
//! payload re-signed with HS256.
//!
//! Targets (issue "performance", core half): HS256 <= 20 us, EdDSA <= 50 us, ES256 <= 100 us,
//! RS256-2048 <= 350 us, RS256-4096 <= 2 ms per edit; 1 MB paste <= 100 ms, 1 MB keystroke
//! re-sign <= 50 ms. Issue 18: an ML-DSA-65 edit (sign + verify through the document) within
//! 10 % of aws-lc's raw sign + verify of the same signing input (group "ML-DSA-65").
#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "benches: a panic is a failed run"
)]

use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, Criterion, criterion_group, criterion_main};
use jwt_workbench::core::alg::JwsAlg;
use jwt_workbench::core::keys::{self, Key, KeyMaterial, Purpose};
use jwt_workbench::core::verify::Verdict;
use jwt_workbench::core::workbench::{Edit, Workbench};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

const NOW: i64 = 1_800_000_000;

fn fixture_text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Applies an edit and runs its jobs on this thread, as the window's worker would.
fn edit(wb: &mut Workbench, e: Edit) {
    wb.apply_and_settle(e);
}

/// The first-run example switched to `alg` with the key in `pem` (none: the HMAC secret).
fn document(alg: JwsAlg, pem: Option<&str>) -> Workbench {
    let mut wb = Workbench::example(NOW);
    if let Some(pem) = pem {
        edit(&mut wb, Edit::PrivateKey(pem.to_string()));
    }
    edit(&mut wb, Edit::Alg(alg));
    let report = wb.report(NOW).unwrap();
    assert_eq!(report.verdict().0, Verdict::Valid, "{alg}: {report:?}");
    wb
}

/// One keystroke: the payload edited, re-signed, verified, claims and findings recomputed.
fn keystroke(wb: &mut Workbench, payload: String) -> usize {
    edit(wb, Edit::Payload(payload));
    let report = wb.report(NOW);
    let findings = wb.findings(NOW);
    black_box(&report);
    assert!(wb.stale().is_none());
    findings.len() + wb.token().len()
}

fn per_edit(c: &mut Criterion) {
    let cases = [
        ("HS256", JwsAlg::HS256, None),
        ("EdDSA", JwsAlg::EdDSA, Some("ed25519.pkcs8.pem")),
        ("ES256", JwsAlg::ES256, Some("ec256.pkcs8.pem")),
        ("RS256-2048", JwsAlg::RS256, Some("rsa2048.pkcs8.pem")),
        ("PS256-2048", JwsAlg::PS256, Some("rsa2048.pkcs8.pem")),
        ("RS256-4096", JwsAlg::RS256, Some("rsa4096.pkcs8.pem")),
    ];
    let mut group = c.benchmark_group("per-edit");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (name, alg, key) in cases {
        let pem = key.map(fixture_text);
        let mut wb = document(alg, pem.as_deref());
        // Two payloads typed in turn, so every edit really changes the token (~300 bytes).
        let payloads = [1, 2].map(|n| {
            format!(
                "{{\n  \"sub\": \"1234567890\",\n  \"name\": \"John Doe\",\n  \"admin\": true,\n  \"iat\": 1799998200,\n  \"exp\": 1800001800,\n  \"n\": {n}\n}}"
            )
        });
        let mut turn = 0usize;
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    turn += 1;
                    payloads[turn % 2].clone()
                },
                |p| keystroke(&mut wb, p),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

fn fixture_key(name: &str) -> Key {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let file = keys::load_key_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    file.pick(None, Purpose::Sign).unwrap().clone()
}

/// The signature alone: the cached key objects, and (for RSA) jsonwebtoken's re-parse per call.
fn crypto(c: &mut Criterion) {
    let mut group = c.benchmark_group("crypto");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    let secret = keys::parse_secret_spec("a-benchmark-secret-that-is-32-bytes-long").unwrap();
    let cases = [
        ("HS256", JwsAlg::HS256, secret),
        ("EdDSA", JwsAlg::EdDSA, fixture_key("ed25519.pkcs8.pem")),
        ("ES256", JwsAlg::ES256, fixture_key("ec256.pkcs8.pem")),
        ("ES512", JwsAlg::ES512, fixture_key("ec521.pkcs8.pem")),
        (
            "RS256-2048",
            JwsAlg::RS256,
            fixture_key("rsa2048.pkcs8.pem"),
        ),
        (
            "PS256-2048",
            JwsAlg::PS256,
            fixture_key("rsa2048.pkcs8.pem"),
        ),
        (
            "RS256-4096",
            JwsAlg::RS256,
            fixture_key("rsa4096.pkcs8.pem"),
        ),
    ];
    let message = b"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0";
    for (name, alg, key) in &cases {
        group.bench_function(format!("sign {name}"), |b| {
            b.iter(|| keys::sign_bytes(key, *alg, black_box(message)).unwrap())
        });
        let signature = keys::sign_bytes(key, *alg, message).unwrap();
        let public = key.public_half();
        group.bench_function(format!("verify {name}"), |b| {
            b.iter(|| keys::verify_bytes(&public, *alg, black_box(message), &signature).unwrap())
        });
        if *alg == JwsAlg::RS256 {
            if let KeyMaterial::RsaPrivate { pkcs1, .. } = &key.material {
                group.bench_function(
                    format!("parse {name} private key (aws-lc checks it)"),
                    |b| b.iter(|| aws_lc_rs::rsa::KeyPair::from_der(black_box(pkcs1)).unwrap()),
                );
            }
            let encoding = key.encoding_key().unwrap();
            group.bench_function(format!("sign {name} jsonwebtoken (parses the key)"), |b| {
                b.iter(|| {
                    jsonwebtoken::crypto::sign(
                        black_box(message),
                        &encoding,
                        jsonwebtoken::Algorithm::RS256,
                    )
                    .unwrap()
                })
            });
        }
    }
    group.finish();
}

/// A token pasted into a fresh document: inspected, its report and findings made (what the
/// window shows at once).
fn bench_paste(group: &mut BenchmarkGroup<'_, WallTime>, name: &str, token: &str) {
    group.bench_function(name, |b| {
        let mut fresh = document(JwsAlg::HS256, None);
        b.iter_batched(
            || token.to_string(),
            |t| {
                fresh.apply_and_settle(Edit::Token(t));
                let report = fresh.report(NOW).unwrap();
                black_box(fresh.findings(NOW));
                black_box(fresh.payload().len());
                report.checks.len()
            },
            BatchSize::LargeInput,
        )
    });
}

fn large(c: &mut Criterion) {
    let mut group = c.benchmark_group("1 MB");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let blob = "x".repeat(1 << 20);
    let mut wb = document(JwsAlg::HS256, None);
    edit(
        &mut wb,
        Edit::Payload(format!(
            "{{\"sub\":\"1\",\"exp\":1800001800,\"blob\":\"{blob}\"}}"
        )),
    );
    let big_token = wb.token().to_string();
    assert!(big_token.len() > 1_000_000);
    bench_paste(
        &mut group,
        "paste token: header and claims shown",
        &big_token,
    );
    // The same size as 20,000 claims: findings walk every member name.
    let members: Vec<String> = (0..20_000)
        .map(|i| format!("\"line{i:05}\":\"{}\"", "x".repeat(40)))
        .collect();
    edit(
        &mut wb,
        Edit::Payload(format!("{{\"sub\":\"1\",{}}}", members.join(","))),
    );
    let many_claims = wb.token().to_string();
    assert!(many_claims.len() > 1_000_000);
    bench_paste(
        &mut group,
        "paste token of 20,000 claims: header and claims shown",
        &many_claims,
    );
    let payloads = ["a", "b"]
        .map(|k| format!("{{\"sub\":\"1\",\"exp\":1800001800,\"k\":\"{k}\",\"blob\":\"{blob}\"}}"));
    let mut turn = 0usize;
    group.bench_function("keystroke re-signed HS256", |b| {
        b.iter_batched(
            || {
                turn += 1;
                payloads[turn % 2].clone()
            },
            |p| keystroke(&mut wb, p),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// The fixtures' ML-DSA-65 private AKP JWK (noble's seed 0x20..0x3f).
fn mldsa65_jwk() -> String {
    let text = fixture_text("modern/mldsa.json");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["algs"]["ML-DSA-65"]["jwk_private"].to_string()
}

/// ML-DSA-65: one edit through the document (re-sign, verify, claims, findings) next to
/// aws-lc's own sign + verify of the same signing input, and the core's sign_bytes +
/// verify_bytes in between. Signing is hedged and rejection-sampled, so single runs vary a
/// lot: many samples.
fn post_quantum(c: &mut Criterion) {
    use aws_lc_rs::signature::{
        KeyPair as _, ML_DSA_65, ML_DSA_65_SIGNING, PqdsaKeyPair, UnparsedPublicKey,
    };
    let mut group = c.benchmark_group("ML-DSA-65");
    group
        .sample_size(100)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let jwk = mldsa65_jwk();
    let mut wb = document(JwsAlg::MlDsa65, Some(&jwk));
    let payloads = [1, 2].map(|n| {
        format!(
            "{{\n  \"sub\": \"1234567890\",\n  \"name\": \"John Doe\",\n  \"admin\": true,\n  \"iat\": 1799998200,\n  \"exp\": 1800001800,\n  \"n\": {n}\n}}"
        )
    });
    let mut turn = 0usize;
    group.bench_function(
        "workbench per edit (sign + verify + claims + findings)",
        |b| {
            b.iter_batched(
                || {
                    turn += 1;
                    payloads[turn % 2].clone()
                },
                |p| keystroke(&mut wb, p),
                BatchSize::SmallInput,
            )
        },
    );
    let (input, _) = wb.token().rsplit_once('.').unwrap();
    let input = input.as_bytes().to_vec();
    let key = keys::load_key_bytes(jwk.as_bytes()).unwrap().keys[0].clone();
    let public = key.public_half();
    group.bench_function("core sign_bytes + verify_bytes", |b| {
        b.iter(|| {
            let sig = keys::sign_bytes(&key, JwsAlg::MlDsa65, black_box(&input)).unwrap();
            assert!(keys::verify_bytes(&public, JwsAlg::MlDsa65, &input, &sig).unwrap());
        })
    });
    let KeyMaterial::MlDsaPrivate { seed, .. } = &key.material else {
        panic!("an ML-DSA private key")
    };
    let pair = PqdsaKeyPair::from_seed(&ML_DSA_65_SIGNING, seed).unwrap();
    let raw_public = pair.public_key().as_ref().to_vec();
    group.bench_function("aws-lc raw sign + verify", |b| {
        let mut sig = vec![0u8; ML_DSA_65_SIGNING.signature_len()];
        b.iter(|| {
            pair.sign(black_box(&input), &mut sig).unwrap();
            UnparsedPublicKey::new(&ML_DSA_65, &raw_public)
                .verify(&input, &sig)
                .unwrap();
        })
    });
    group.finish();
}

criterion_group!(recompute, per_edit, crypto, large, post_quantum);
criterion_main!(recompute);
