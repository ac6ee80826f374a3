//! The command line, run as a user runs it: the built binary, its output and exit codes.

use crate::common::*;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_with_stdin(args: &[&str], stdin: Option<&str>) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jwt-workbench"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    let o = Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_ne!(o.code, 101, "the binary panicked: {}", o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    o
}

fn run(args: &[&str]) -> Out {
    run_with_stdin(args, None)
}

fn json(out: &Out) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

const NOW: &str = "--now=1800000000";
const SECRET: &str = "correct-horse-battery-staple-42!";

#[test]
fn decode_text_and_json_with_repairs() {
    let o = run(&["decode", A1_TOKEN]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("\"iss\": \"joe\""), "{}", o.stdout);
    assert!(
        o.stdout.contains("exp  2011-03-22 18:43:00 UTC"),
        "{}",
        o.stdout
    );
    let pasted = format!("\"Bearer {}\"\n", A1_TOKEN);
    let o = run_with_stdin(&["decode", "--json", "-"], Some(&pasted));
    assert_eq!(o.code, 0);
    let v = json(&o);
    assert_eq!(v["header"]["alg"], "HS256");
    assert_eq!(v["payload"]["http://example.com/is_root"], true);
    assert_eq!(
        v["signature"],
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    );
    let repairs: Vec<&str> = v["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        repairs.iter().any(|r| r.contains("Bearer"))
            && repairs.iter().any(|r| r.contains("quotes")),
        "{repairs:?}"
    );
    let o = run(&["decode", "--json", "--date", A1_TOKEN]);
    assert_eq!(json(&o)["payload"]["exp"], "2011-03-22 18:43:00 UTC");
}

#[test]
fn decode_explains_what_it_cannot_verify() {
    let o = run(&["decode", A5_TOKEN]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.contains("never accepted"), "{}", o.stdout);
    let o = run(&["decode", ED_TOKEN]);
    assert!(
        o.stdout
            .contains("Payload (plain text, not JSON)\nExample of Ed25519 signing"),
        "{}",
        o.stdout
    );
    let o = run(&["decode", "--json", A4_TOKEN]);
    assert_eq!(json(&o)["payload_kind"], "text");
}

#[test]
fn decode_errors_name_segment_and_position() {
    let o = run(&["decode", "abc.def"]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr.trim(),
        "error: a JWT has 3 segments separated by dots; this one has 2"
    );
    let truncated = &A1_TOKEN[..A1_TOKEN.len() - 1];
    let o = run(&["decode", truncated]);
    assert_eq!(o.code, 2);
    assert!(
        o.stdout.contains("\"iss\": \"joe\""),
        "header and payload still shown"
    );
    assert!(
        o.stderr.contains("signature is not valid base64url"),
        "{}",
        o.stderr
    );
    let o = run(&["decode", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjEs.x"]);
    assert!(
        o.stderr.contains("truncated") || o.stderr.contains("payload"),
        "{}",
        o.stderr
    );
    let o = run(&["decode", ""]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("no token given"));
}

#[test]
fn verify_exit_codes_and_json_contract() {
    let secret = format!(
        "b64:{}",
        serde_json::from_str::<Value>(A1_JWK).unwrap()["k"]
            .as_str()
            .unwrap()
    );
    // Valid signature but expired: exit 1, exp check failed.
    let o = run(&["verify", A1_TOKEN, "--secret", &secret, "--json", NOW]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let v = json(&o);
    assert_eq!(v["valid"], false);
    assert_eq!(v["signature"], "valid");
    let exp = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "exp")
        .unwrap();
    assert_eq!(exp["ok"], false);
    assert!(exp["detail"].as_str().unwrap().contains("expired"));
    assert_eq!(v["payload"]["iss"], "joe");
    // Ignoring exp: valid, exit 0.
    let o = run(&["verify", A1_TOKEN, "--secret", &secret, "--ignore-exp", NOW]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.starts_with("valid"));
    // Leeway is shown and used.
    let o = run(&[
        "verify",
        A1_TOKEN,
        "--secret",
        &secret,
        "--leeway",
        "60",
        "--now=1300819390",
    ]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    // Wrong secret: invalid signature, exit 1.
    let o = run(&[
        "verify",
        A1_TOKEN,
        "--secret",
        "nope",
        "--json",
        "--ignore-exp",
    ]);
    assert_eq!(o.code, 1);
    assert_eq!(json(&o)["signature"], "invalid");
    // Wrong key type: exit 2 with an explanation.
    let o = run(&[
        "verify",
        A1_TOKEN,
        "--key",
        fixture("ec256.spki.pem").to_str().unwrap(),
    ]);
    assert_eq!(o.code, 2);
    assert!(
        o.stdout
            .contains("HS256 needs an HMAC secret; this is an EC P-256 public key"),
        "{}",
        o.stdout
    );
    // alg none: never valid.
    let o = run(&["verify", A5_TOKEN, "--secret", "x", "--json"]);
    assert_eq!(o.code, 1);
    assert_eq!(json(&o)["signature"], "unchecked");
    // Audience and issuer expectations.
    let o = run(&[
        "verify",
        A1_TOKEN,
        "--secret",
        &secret,
        "--ignore-exp",
        "--iss",
        "joe",
        "--aud",
        "api",
        "--json",
    ]);
    assert_eq!(o.code, 1);
    let v = json(&o);
    let aud = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "aud")
        .unwrap();
    assert_eq!(aud["detail"], "no aud claim, but \"api\" is expected");
    // A key confusion attempt through --secret is refused before anything is checked.
    let o = run(&[
        "verify",
        A2_TOKEN,
        "--secret",
        &format!("@{}", fixture("rsa2048.spki.pem").display()),
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("key-confusion"), "{}", o.stderr);
    // Unknown --alg is a bad argument.
    let o = run(&["verify", A1_TOKEN, "--secret", "x", "--alg", "hs256"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("did you mean HS256"), "{}", o.stderr);
}

#[test]
fn verify_with_jwk_and_jwks_by_kid() {
    let dir = std::env::temp_dir().join(format!("jwtwb-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let jwk = dir.join("a2.jwk");
    std::fs::write(&jwk, A2_JWK).unwrap();
    let o = run(&[
        "verify",
        A2_TOKEN,
        "--key",
        jwk.to_str().unwrap(),
        "--ignore-exp",
    ]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    // A JWKS chooses by the token's kid.
    let jwks = dir.join("set.json");
    std::fs::write(
        &jwks,
        format!(r#"{{"keys":[{},{}]}}"#, RFC7520_HMAC, ED_PUBLIC_JWK),
    )
    .unwrap();
    let token = run(&[
        "encode",
        "--key",
        jwks.to_str().unwrap(),
        "--kid",
        "018c0ae5-4d9b-471b-bfd6-eef314bc7037",
        r#"{"sub":"x"}"#,
    ]);
    assert_eq!(token.code, 0, "{}", token.stderr);
    let token = token.stdout.trim().to_string();
    let o = run(&["verify", &token, "--key", jwks.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    let o = run(&[
        "encode",
        "--key",
        jwks.to_str().unwrap(),
        "--kid",
        "missing",
        "{}",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("kids present"), "{}", o.stderr);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn encode_carries_exact_json_and_options() {
    let o = run(&[
        "encode",
        "--secret",
        SECRET,
        "--header",
        r#"{"typ":"JWT","x-trace":"abc"}"#,
        "--kid",
        "k1",
        "--exp=600",
        NOW,
        r#"{"sub":"1","n":1.50,"z":{"b":1,"a":2}}"#,
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let token = o.stdout.trim();
    let d = json(&run(&["decode", "--json", token]));
    let header = serde_json::to_string(&d["header"]).unwrap();
    assert_eq!(
        header,
        r#"{"alg":"HS256","typ":"JWT","x-trace":"abc","kid":"k1"}"#
    );
    let insp = jwt_workbench::core::token::inspect(token).unwrap();
    assert_eq!(
        String::from_utf8(insp.payload_bytes.unwrap()).unwrap(),
        r#"{"sub":"1","n":1.50,"z":{"b":1,"a":2},"iat":1800000000,"exp":1800000600}"#
    );
    assert_eq!(run(&["verify", token, "--secret", SECRET, NOW]).code, 0);
    // --no-iat, payload from stdin, algorithm from the key.
    let o = run_with_stdin(
        &[
            "encode",
            "--key",
            fixture("ed25519.pkcs8.pem").to_str().unwrap(),
            "--no-iat",
            "-",
        ],
        Some(r#"{"a":1}"#),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let d = json(&run(&["decode", "--json", o.stdout.trim()]));
    assert_eq!(d["header"]["alg"], "EdDSA");
    assert_eq!(d["payload"], serde_json::json!({"a": 1}));
    assert_eq!(
        run(&[
            "verify",
            o.stdout.trim(),
            "--key",
            fixture("ed25519.spki.pem").to_str().unwrap()
        ])
        .code,
        0
    );
}

#[test]
fn encode_errors_are_clear() {
    let o = run(&["encode", "--secret", SECRET, "{\"sub\": 1,\n \"x\" 2}"]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr.trim(),
        "error: payload is not valid JSON at line 2 column 6: expected `:`"
    );
    let o = run(&[
        "encode",
        "--key",
        fixture("ec256.sec1.pem").to_str().unwrap(),
        "--alg",
        "RS256",
        "{}",
    ]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr.trim(),
        "error: RS256 needs an RSA private key; this is an EC P-256 private key (it fits ES256)"
    );
    let o = run(&[
        "encode",
        "--key",
        fixture("ec256.spki.pem").to_str().unwrap(),
        "{}",
    ]);
    assert!(
        o.stderr.contains("a public key can only verify"),
        "{}",
        o.stderr
    );
    let o = run(&[
        "encode",
        "--secret",
        SECRET,
        "--header",
        r#"{"alg":"none"}"#,
        "{}",
    ]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("unsupported algorithm \"none\"") || o.stderr.contains("refusing"),
        "{}",
        o.stderr
    );
    let o = run(&[
        "encode",
        "--key",
        fixture("junk.bin").to_str().unwrap(),
        "{}",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("binary data"), "{}", o.stderr);
    let o = run(&[
        "encode",
        "--key",
        fixture("ec256.encrypted.pem").to_str().unwrap(),
        "{}",
    ]);
    assert!(
        o.stderr.contains("encrypted with a password"),
        "{}",
        o.stderr
    );
    let o = run(&["encode", "{}"]);
    assert_eq!(o.code, 2, "missing key is a usage error");
    // Errors never echo the secret.
    let o = run(&["verify", "a.b.c", "--secret", "s3cr3t-value"]);
    assert!(!o.stderr.contains("s3cr3t-value") && !o.stdout.contains("s3cr3t-value"));
}

#[test]
fn pair_and_refresh_recipe() {
    let o = run(&["pair", "--secret", SECRET, "--sub", "user-7", NOW]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v = json(&o);
    let (access, refresh) = (
        v["access_token"].as_str().unwrap(),
        v["refresh_token"].as_str().unwrap(),
    );
    assert_eq!(v["expires_in"], 1800);
    let a = json(&run(&["decode", "--json", access]))["payload"].clone();
    let r = json(&run(&["decode", "--json", refresh]))["payload"].clone();
    assert_eq!(
        a,
        serde_json::json!({"sub":"user-7","type":"access","iat":1800000000,"exp":1800001800})
    );
    assert_eq!(r["type"], "refresh");
    assert_eq!(r["exp"], 1800000000i64 + 7 * 86400);

    // A valid refresh token yields a new access token, ten minutes later.
    let o = run(&["refresh", refresh, "--secret", SECRET, "--now=1800000600"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let new = json(&run(&["decode", "--json", o.stdout.trim()]))["payload"].clone();
    assert_eq!(
        new,
        serde_json::json!({"sub":"user-7","type":"access","iat":1800000600,"exp":1800002400})
    );
    // An access token presented as refresh is refused (exit 1).
    let o = run(&["refresh", access, "--secret", SECRET, NOW]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("this is an access token"), "{}", o.stderr);
    // An expired refresh token is refused.
    let o = run(&["refresh", refresh, "--secret", SECRET, "--now=1900000000"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("expired"), "{}", o.stderr);
    // The wrong secret is refused.
    let o = run(&["refresh", refresh, "--secret", "other-secret", NOW]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("invalid signature"), "{}", o.stderr);
    // Asymmetric pair: RSA key, PS256.
    let o = run(&[
        "pair",
        "--key",
        fixture("rsa2048.pkcs8.pem").to_str().unwrap(),
        "--alg",
        "PS256",
        "--sub",
        "u",
        NOW,
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let refresh = json(&o)["refresh_token"].as_str().unwrap().to_string();
    let o = run(&[
        "refresh",
        &refresh,
        "--key",
        fixture("rsa2048.pkcs8.pem").to_str().unwrap(),
        NOW,
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

#[test]
fn help_and_usage_errors() {
    let o = run(&["--help"]);
    assert_eq!(o.code, 0);
    for sub in ["decode", "verify", "encode", "pair", "refresh"] {
        assert!(o.stdout.contains(sub), "{sub} in help");
    }
    let o = run(&["verify", A1_TOKEN]);
    assert_eq!(o.code, 2, "verify without a key is a usage error");
    let o = run(&["verify", A1_TOKEN, "--secret", "a", "--key", "b"]);
    assert_eq!(o.code, 2);
}

#[test]
fn keygen_writes_private_public_and_jwk_files() {
    let dir = std::env::temp_dir().join(format!("jwtwb-keygen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let o = run(&[
        "keygen",
        "--alg",
        "PS384",
        "--bits",
        "3072",
        "--kid",
        "k-1",
        "--out-dir",
        d,
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout
            .starts_with("RSA 3072 private key, generated, kid \"k-1\""),
        "{}",
        o.stdout
    );
    let private = dir.join("ps384.key.pem");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&private).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let jwk: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ps384.pub.jwk.json")).unwrap())
            .unwrap();
    assert_eq!(
        (jwk["kid"].as_str(), jwk["alg"].as_str(), jwk.get("d")),
        (Some("k-1"), Some("PS384"), None)
    );
    // Sign with the private PEM, verify with the public JWK (kid matches).
    let token = run(&[
        "encode",
        "--key",
        private.to_str().unwrap(),
        "--alg",
        "PS384",
        "{}",
    ]);
    assert_eq!(token.code, 0, "{}", token.stderr);
    let o = run(&[
        "verify",
        token.stdout.trim(),
        "--key",
        dir.join("ps384.pub.jwk.json").to_str().unwrap(),
    ]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    // Existing files are not overwritten without --force.
    let o = run(&["keygen", "--alg", "PS384", "--out-dir", d]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--force"), "{}", o.stderr);
    assert_eq!(
        run(&["keygen", "--alg", "PS384", "--out-dir", d, "--force"]).code,
        0
    );
    let o = run(&["keygen", "--alg", "ES999", "--out-dir", d]);
    assert_eq!(o.code, 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn key_describes_and_converts() {
    let o = run(&["key", fixture("ec256.sec1.pem").to_str().unwrap()]);
    assert_eq!(o.code, 0);
    assert!(
        o.stdout
            .starts_with("EC P-256 private key, SEC1 (PEM)\n  thumbprint  "),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("algorithms  ES256"));
    // SEC1 PEM -> private JWK -> PKCS#8 PEM: the same key, checked by thumbprint.
    let jwk = run(&[
        "key",
        fixture("ec256.sec1.pem").to_str().unwrap(),
        "--to",
        "jwk",
    ]);
    let v: Value = serde_json::from_str(&jwk.stdout).unwrap();
    assert!(
        v.get("d").is_some(),
        "a private key converts as a private JWK"
    );
    let dir = std::env::temp_dir().join(format!("jwtwb-keyconv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("k.jwk"), &jwk.stdout).unwrap();
    let pem = run(&["key", dir.join("k.jwk").to_str().unwrap(), "--to", "pem"]);
    assert!(
        pem.stdout.starts_with("-----BEGIN PRIVATE KEY-----"),
        "{}",
        pem.stdout
    );
    std::fs::write(dir.join("k.pem"), &pem.stdout).unwrap();
    let thumb = |p: &std::path::Path| {
        run(&["key", p.to_str().unwrap()])
            .stdout
            .lines()
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_eq!(thumb(&dir.join("k.pem")), thumb(&fixture("ec256.sec1.pem")));
    // --public strips the private part; a JWKS lists public keys only.
    let public = run(&[
        "key",
        fixture("ec256.sec1.pem").to_str().unwrap(),
        "--to",
        "pem",
        "--public",
    ]);
    assert!(public.stdout.starts_with("-----BEGIN PUBLIC KEY-----"));
    let jwks = run(&[
        "key",
        fixture("rsa2048.cert-and-key.pem").to_str().unwrap(),
        "--to",
        "jwks",
    ]);
    let v: Value = serde_json::from_str(&jwks.stdout).unwrap();
    assert_eq!(v["keys"].as_array().unwrap().len(), 2);
    assert!(v["keys"][1].get("d").is_none());
    // Weak keys and certificates say so.
    let o = run(&["key", fixture("rsa1024.spki.pem").to_str().unwrap()]);
    assert!(
        o.stdout.contains("warning: RSA-1024 is too weak"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("algorithms  RS256, RS512"),
        "{}",
        o.stdout
    );
    let o = run(&["key", fixture("junk.bin").to_str().unwrap()]);
    assert_eq!(o.code, 2);
    std::fs::remove_dir_all(&dir).ok();
}

/// The findings of a `--json` output as (id, severity, target kind, target name).
fn findings_of(v: &Value) -> Vec<(String, String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array: {v}"))
        .iter()
        .map(|f| {
            for field in ["id", "severity", "title", "detail"] {
                assert!(f[field].is_string(), "{field} in {f}");
            }
            (
                f["id"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["target"]["kind"].as_str().unwrap().to_string(),
                f["target"]["name"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn unsigned(header: &str, payload: &str) -> String {
    use jwt_workbench::core::b64::encode;
    format!(
        "{}.{}.",
        encode(header.as_bytes()),
        encode(payload.as_bytes())
    )
}

#[test]
fn decode_lists_findings_in_text_and_json() {
    let token = unsigned(
        r#"{"alg":"none","kid":"../../dev/null","jku":"https://attacker.example/jwks"}"#,
        r#"{"sub":"1","password":"hunter2","iat":1800000000}"#,
    );
    let o = run(&["decode", "--json", &token, NOW]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v = json(&o);
    let f = findings_of(&v);
    let row = |id: &str, sev: &str, kind: &str, name: &str| {
        (id.into(), sev.into(), kind.into(), name.into())
    };
    assert_eq!(
        f,
        [
            row("alg-none", "danger", "header", "alg"),
            row("header-jku", "warning", "header", "jku"),
            row("kid-suspicious", "warning", "header", "kid"),
            row("exp-missing", "warning", "claim", "exp"),
            row("payload-password", "warning", "claim", "password"),
            row("typ-not-explicit", "info", "header", "typ"),
            row("aud-missing", "info", "claim", "aud"),
        ]
    );
    let details: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["detail"].as_str().unwrap())
        .collect();
    assert!(details.iter().all(|d| !d.contains("hunter2")));
    // The old fields are still there.
    for field in [
        "form",
        "header",
        "payload",
        "alg_problem",
        "repairs",
        "problems",
    ] {
        assert!(v.get(field).is_some(), "{field}");
    }
    // Text: a Findings section after the times, one line each.
    let o = run(&["decode", &token, NOW]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let section = o
        .stdout
        .split("\nFindings\n")
        .nth(1)
        .unwrap_or_else(|| panic!("{}", o.stdout));
    assert!(o.stdout.find("\nTimes").unwrap() < o.stdout.find("\nFindings").unwrap());
    let lines: Vec<&str> = section.lines().collect();
    assert_eq!(lines.len(), 7, "{section}");
    assert!(
        lines[0].starts_with("  danger  alg-none  alg \"none\": "),
        "{}",
        lines[0]
    );
    assert!(lines[4].starts_with("  warning  payload-password  \"password\" in the payload: "));
    // RFC 7515's A.1 token has only the two findings of RFC 8725bis that most tokens get:
    // typ JWT is no explicit type, and there is no aud.
    let o = run(&["decode", "--json", A1_TOKEN, "--now=1300819000"]);
    let ids: Vec<(String, String)> = findings_of(&json(&o))
        .into_iter()
        .map(|f| (f.0, f.1))
        .collect();
    let info = |id: &str| (id.to_string(), "info".to_string());
    assert_eq!(ids, [info("typ-not-explicit"), info("aud-missing")]);
    let o = run(&["decode", A1_TOKEN, "--now=1300819000"]);
    assert!(
        o.stdout.contains("(RFC 8725bis section 3.11)"),
        "{}",
        o.stdout
    );
}

#[test]
fn verify_lists_findings_with_the_key() {
    let o = run(&[
        "encode",
        "--secret",
        "short",
        "--exp=600",
        NOW,
        r#"{"sub":"1"}"#,
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let token = o.stdout.trim().to_string();
    let o = run(&["verify", &token, "--secret", "short", "--json", NOW]);
    assert_eq!(
        o.code, 0,
        "findings never change the exit code: {}",
        o.stdout
    );
    let v = json(&o);
    assert_eq!(v["valid"], true);
    assert_eq!(
        findings_of(&v),
        [
            (
                "hmac-secret-short".to_string(),
                "warning".to_string(),
                "key".to_string(),
                String::new()
            ),
            (
                "typ-not-explicit".to_string(),
                "info".to_string(),
                "header".to_string(),
                "typ".to_string()
            ),
            (
                "aud-missing".to_string(),
                "info".to_string(),
                "claim".to_string(),
                "aud".to_string()
            )
        ]
    );
    assert!(!o.stdout.contains("\"short\""), "never the secret");
    let o = run(&["verify", &token, "--secret", "short", NOW]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.starts_with("valid"), "{}", o.stdout);
    assert!(
        o.stdout.contains(
            "\nFindings\n  warning  hmac-secret-short  weak secret: 5 bytes; HS256 needs at least 32"
        ),
        "{}",
        o.stdout
    );
    // A well-known secret is danger; --alg sets the expected algorithms.
    let o = run(&["encode", "--secret", "your-256-bit-secret", NOW, "{}"]);
    let token = o.stdout.trim().to_string();
    let o = run(&[
        "verify",
        &token,
        "--secret",
        "your-256-bit-secret",
        "--json",
        NOW,
    ]);
    let ids: Vec<String> = findings_of(&json(&o))
        .into_iter()
        .map(|f| format!("{} {}", f.0, f.1))
        .collect();
    assert_eq!(
        ids,
        [
            "hmac-secret-well-known danger",
            "exp-missing warning",
            "typ-not-explicit info",
            "aud-missing info"
        ]
    );
    assert!(!o.stdout.contains("your-256-bit-secret"));
    // A clean token with a strong secret, explicitly typed, with an audience: no findings
    // but the one that explains its type.
    let o = run(&[
        "encode",
        "--secret",
        SECRET,
        "--header",
        r#"{"typ":"at+jwt"}"#,
        "--exp=900",
        NOW,
        // RFC 9068's required claims, so that the at+jwt profile's checks pass too.
        r#"{"sub":"1","iss":"me","aud":"api","client_id":"c","jti":"j"}"#,
    ]);
    let token = o.stdout.trim().to_string();
    let o = run(&[
        "verify", &token, "--secret", SECRET, "--aud", "api", "--json", NOW,
    ]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    let f = findings_of(&json(&o));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].0.as_str(), f[0].1.as_str()), ("typ-other", "info"));
}

#[test]
fn a_malformed_exp_is_the_headline_not_expired() {
    for exp in [r#""1795629891""#, "null", "1e20"] {
        let payload = format!(r#"{{"sub":"1","exp":{exp}}}"#);
        let o = run(&["encode", "--secret", SECRET, "--no-iat", NOW, &payload]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let token = o.stdout.trim().to_string();
        let o = run(&["verify", &token, "--secret", SECRET, "--json", NOW]);
        assert_eq!(o.code, 1, "{exp}");
        let v = json(&o);
        let verdict = v["verdict"].as_str().unwrap();
        assert!(
            verdict.starts_with("signature valid, but exp is not a NumericDate: "),
            "{exp}: {verdict}"
        );
        assert!(!verdict.contains("expired"), "{verdict}");
        let ids: Vec<String> = findings_of(&v).into_iter().map(|f| f.0).collect();
        let want = match exp {
            "null" => "claim-wrong-type",
            "1e20" => "time-out-of-range",
            _ => "time-string",
        };
        assert!(ids.contains(&want.to_string()), "{exp}: {ids:?}");
        assert!(!ids.contains(&"exp-missing".to_string()), "{exp}: {ids:?}");
        let o = run(&["verify", &token, "--secret", SECRET, NOW]);
        assert_eq!(o.code, 1);
        let first = o.stdout.lines().next().unwrap_or("");
        assert!(
            first.starts_with("signature valid, but exp is not a NumericDate: "),
            "{exp}: {first}"
        );
    }
}
