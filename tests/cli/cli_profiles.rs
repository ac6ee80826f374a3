//! Token profiles on the command line: `verify --profile` (id_token, at+jwt) and `dpop`
//! (check, proof, and `verify AT --dpop PROOF`), exit codes first.

use crate::common::cli::{Run, workbench};
use crate::common::*;
use serde_json::Value;

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("profiles/{name}"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn run(args: &[&str], now: i64) -> Run {
    let now = format!("--now={now}");
    workbench(&[args, &[now.as_str()]].concat(), None, None)
}

fn path(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

#[test]
fn id_token_checks_decide_the_exit_code() {
    let f = load("idtoken.json");
    let i = &f["inputs"];
    let s = |v: &Value| v.as_str().unwrap().to_string();
    let token = s(&f["tokens"]["RS384"]["id_token"]);
    let key = path("rsa2048.spki.pem");
    let (aud, nonce, at) = (s(&i["aud"]), s(&i["nonce"]), s(&i["access_token"]));
    let base = [
        "verify",
        token.as_str(),
        "-K",
        key.as_str(),
        "--aud",
        aud.as_str(),
    ];
    let now = 1_780_000_100;
    run(
        &[
            &base[..],
            &["--nonce", &nonce, "--access-token", &at, "--json"],
        ]
        .concat(),
        now,
    )
    .expect(
        0,
        &[
            "\"profile\": \"id_token\"",
            "\"section\": \"OIDC Core section 3.1.3.8\"",
        ],
    );
    run(&[&base[..], &["--nonce", "replayed"]].concat(), now).expect(1, &["id_token nonce"]);
    run(&[&base[..], &["--access-token", "another"]].concat(), now).expect(1, &["at_hash"]);
    run(&[&base[..], &["--max-age", "10"]].concat(), now).expect(1, &["auth_time"]);
    // Forced to a plain JWT, the same token with a wrong nonce passes: the profile decides.
    run(
        &[&base[..], &["--nonce", "replayed", "--profile", "jwt"]].concat(),
        now,
    )
    .expect(0, &[]);
    // The RS384 token whose hashes were made with SHA-256.
    let bad = s(&f["negative"]["rs384_with_sha256_hashes"]["id_token"]);
    run(
        &[
            "verify",
            &bad,
            "-K",
            &key,
            "--aud",
            &aud,
            "--access-token",
            &at,
        ],
        now,
    )
    .expect(1, &["at_hash"]);
    run(&[&base[..], &["--profile", "saml"]].concat(), now).expect(2, &["unknown profile"]);
}

#[test]
fn an_id_token_is_not_an_access_token() {
    let f = load("idtoken.json");
    let token = f["tokens"]["RS256"]["id_token"].as_str().unwrap();
    let key = path("rsa2048.spki.pem");
    run(
        &[
            "verify",
            token,
            "-K",
            &key,
            "--aud",
            "s6BhdRkqt3",
            "--profile",
            "at+jwt",
        ],
        1_780_000_100,
    )
    .expect(1, &["at+jwt typ", "client_id"]);
}

#[test]
fn dpop_proofs_are_checked_and_made() {
    let key = path("ec256.pkcs8.pem");
    let now = 1_800_000_000;
    let o = run(
        &[
            "dpop",
            "proof",
            "-K",
            &key,
            "--htm",
            "POST",
            "--htu",
            "https://a.example/token?x=1",
        ],
        now,
    );
    o.expect(0, &[]);
    let proof = o.stdout.trim().to_string();
    let check = |extra: &[&str], at: i64| {
        run(
            &[&["dpop", "check", proof.as_str()][..], extra].concat(),
            at,
        )
    };
    check(
        &["--htm", "POST", "--htu", "HTTPS://A.example:443/token"],
        now,
    )
    .expect(0, &["valid"]);
    check(&["--htm", "POST", "--htu", "https://a.example/other"], now).expect(1, &["dpop 9. htu"]);
    check(&["--htm", "GET", "--htu", "https://a.example/token"], now).expect(1, &["dpop 8. htm"]);
    check(
        &["--htm", "POST", "--htu", "https://a.example/token"],
        now + 3600,
    )
    .expect(1, &["dpop 11. iat"]);
    check(
        &[
            "--htm",
            "POST",
            "--htu",
            "https://a.example/token",
            "--nonce",
            "n",
        ],
        now,
    )
    .expect(1, &["dpop 10. nonce"]);
    run(
        &[
            "dpop",
            "check",
            "not.a.proof",
            "--htm",
            "GET",
            "--htu",
            "https://a/",
        ],
        now,
    )
    .expect(2, &[]);
    run(
        &[
            "dpop",
            "proof",
            "-S",
            "a-secret-of-thirty-two-bytes-ok!",
            "--htm",
            "GET",
            "--htu",
            "https://a/",
        ],
        now,
    )
    .expect(2, &["MAC"]);
}

/// `verify AT --dpop PROOF`: the access token's signature and claims, then the proof and its
/// binding; a proof by another key, or for another token, fails.
#[test]
fn an_access_token_and_its_proof() {
    let f = load("dpop.json");
    let at = f["access_token"]["value"].as_str().unwrap();
    let as_key = f["access_token"]["signing_key_public"].to_string();
    let dir = std::env::temp_dir().join(format!("jwtwb-dpop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key_file = dir.join("as.jwk");
    std::fs::write(&key_file, as_key).unwrap();
    let key_path = key_file.to_string_lossy().into_owned();
    let p = &f["proofs"]["resource_request_with_ath_and_nonce"];
    let proof = p["proof"].as_str().unwrap();
    let nonce = f["nonce"].as_str().unwrap();
    let aud = f["access_token"]["claims"]["aud"].as_str().unwrap();
    let base = [
        "verify",
        at,
        "-K",
        &key_path,
        "--aud",
        aud,
        "--htm",
        "GET",
        "--htu",
        "https://resource.example.org/protectedresource",
        "--nonce",
        nonce,
    ];
    let now = 1_780_000_010;
    run(&[&base[..], &["--dpop", proof]].concat(), now).expect(0, &["dpop 12. cnf.jkt"]);
    // Another client's proof (a fresh key) for the same request: the binding fails.
    let thief = run(
        &[
            "dpop",
            "proof",
            "-K",
            &path("ec256.pkcs8.pem"),
            "--htm",
            "GET",
            "--htu",
            "https://resource.example.org/protectedresource",
            "--access-token",
            at,
            "--nonce",
            nonce,
        ],
        now,
    );
    let thief = thief.stdout.trim().to_string();
    run(&[&base[..], &["--dpop", &thief]].concat(), now).expect(1, &["dpop 12. cnf.jkt"]);
    // The right proof with another access token: ath fails.
    let other_proof = f["proofs"]["token_request"]["proof"].as_str().unwrap();
    run(&[&base[..], &["--dpop", other_proof]].concat(), now).expect(1, &["ath"]);
    let _ = std::fs::remove_dir_all(&dir);
}
