//! Interoperability with PyJWT and python-jose: their tokens verify here, ours verify there.
//!
//! Needs python3 with `pyjwt[crypto]` and `python-jose[cryptography]` (.ci/setup.sh
//! installs them). Without them the test says so and passes locally, but fails under CI
//! (`CI` set), where the set-up script has run.

use crate::common::*;
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::core::{
    alg::{Family, JwsAlg},
    sign::{Layout, sign},
    token::inspect,
    verify::{Policy, verify},
};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

const SECRET_B64: &str =
    "b64:aW50ZXJvcC1zZWNyZXQtaW50ZXJvcC1zZWNyZXQtaW50ZXJvcC1zZWNyZXQtaW50ZXJvcC1zZWNyZXQtMDEyMw";

/// The algorithms PyJWT knows: not RFC 9864's Ed25519 name, not ML-DSA.
fn pyjwt_algs() -> impl Iterator<Item = JwsAlg> {
    JwsAlg::ALL
        .into_iter()
        .filter(|a| *a != JwsAlg::Ed25519 && !matches!(a.family(), Family::MlDsa(_)))
}

fn python_ready() -> bool {
    Command::new("python3")
        .args(["-c", "import jwt, jose, cryptography"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn script(mode: &str, stdin: Option<String>) -> BTreeMap<String, String> {
    script_in(mode, &fixture(""), stdin)
}

fn script_in(mode: &str, dir: &std::path::Path, stdin: Option<String>) -> BTreeMap<String, String> {
    let script = fixture("../interop/pyjwt_check.py");
    let mut child = Command::new("python3")
        .arg(&script)
        .arg(mode)
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn keys_for(alg: JwsAlg) -> (keys::Key, keys::Key) {
    let secret = keys::parse_secret_spec(SECRET_B64).unwrap();
    let (private, public) = match alg {
        JwsAlg::HS256 | JwsAlg::HS384 | JwsAlg::HS512 => return (secret.clone(), secret),
        JwsAlg::ES256 => ("ec256.pkcs8.pem", "ec256.spki.pem"),
        JwsAlg::ES384 => ("ec384.pkcs8.pem", "ec384.spki.pem"),
        JwsAlg::ES512 => ("ec521.pkcs8.pem", "ec521.spki.pem"),
        JwsAlg::EdDSA | JwsAlg::Ed25519 => ("ed25519.pkcs8.pem", "ed25519.spki.pem"),
        _ => ("rsa2048.pkcs1.pem", "rsa2048.spki.der"),
    };
    (
        fixture_key(private, Purpose::Sign),
        fixture_key(public, Purpose::Verify),
    )
}

#[test]
fn pyjwt_and_jose_agree_with_the_workbench() {
    if !python_ready() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 with pyjwt and python-jose (.ci/setup.sh)"
        );
        eprintln!("SKIPPED: python3 with pyjwt and python-jose not found; run .ci/setup.sh");
        return;
    }
    // Theirs verify here.
    let theirs = script("make", None);
    assert_eq!(theirs.len(), 13);
    for (name, token) in &theirs {
        let alg = JwsAlg::from_name(name).unwrap();
        let (_, public) = keys_for(alg);
        let r = verify(
            &inspect(token).unwrap(),
            Some(&public),
            &Policy::default(),
            0,
        );
        assert!(r.valid(), "PyJWT {name} token: {:?}", r.verdict());
        assert_eq!(inspect(token).unwrap().claims().unwrap()["name"], "Zoë");
    }
    // Ours verify there.
    let mut ours = BTreeMap::new();
    for alg in pyjwt_algs() {
        let (private, _) = keys_for(alg);
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let token = sign(
            &header,
            r#"{"sub":"interop","name":"Zoë"}"#,
            &private,
            Layout::Minified,
        )
        .unwrap();
        ours.insert(alg.name().to_string(), token);
    }
    let verdicts = script("check", Some(serde_json::to_string(&ours).unwrap()));
    assert_eq!(verdicts.len(), 13);
    for (alg, verdict) in verdicts {
        assert_eq!(verdict, "ok", "PyJWT/jose on our {alg} token");
    }
}

/// Keys made by `jwt-workbench keygen` sign (through `encode`) tokens that PyJWT verifies with
/// the generated public PEM (or secret).
#[test]
fn generated_keys_make_tokens_pyjwt_verifies() {
    if !python_ready() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 with pyjwt (.ci/setup.sh)"
        );
        eprintln!("SKIPPED: python3 with pyjwt not found; run .ci/setup.sh");
        return;
    }
    let dir = std::env::temp_dir().join(format!("jwtwb-keygen-interop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bin = env!("CARGO_BIN_EXE_jwt-workbench");
    let mut items = Vec::new();
    for alg in pyjwt_algs() {
        let out = Command::new(bin)
            .args(["keygen", "--alg", alg.name(), "--out-dir"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "keygen {alg}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stem = alg.name().to_ascii_lowercase();
        let (key_arg, public) = if alg.name().starts_with("HS") {
            (
                vec![
                    "--secret".to_string(),
                    format!(
                        "b64:{}",
                        std::fs::read_to_string(dir.join(format!("{stem}.secret")))
                            .unwrap()
                            .trim()
                    ),
                ],
                format!("{stem}.secret"),
            )
        } else {
            (
                vec![
                    "--key".to_string(),
                    dir.join(format!("{stem}.key.pem")).display().to_string(),
                ],
                format!("{stem}.pub.pem"),
            )
        };
        let out = Command::new(bin)
            .arg("encode")
            .args(&key_arg)
            .args(["--alg", alg.name(), r#"{"sub":"generated"}"#])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "encode {alg}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
        items.push(serde_json::json!({"alg": alg.name(), "token": token, "key": public}));
    }
    let verdicts = script_in(
        "check-generated",
        &dir,
        Some(serde_json::Value::Array(items).to_string()),
    );
    assert_eq!(verdicts.len(), 13);
    for (alg, verdict) in verdicts {
        assert_eq!(
            verdict, "ok",
            "PyJWT on a token signed with a generated {alg} key"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
