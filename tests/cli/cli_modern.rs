//! Modern JOSE on the command line: JWS JSON serialization (encode, decode, verify with one
//! row per signature, convert), detached and unencoded payloads; exit codes first.

use crate::common::cli::{Run, workbench};
use crate::common::*;
use serde_json::Value;

const NOW: &str = "--now=1800000000";

/// A change made to a document.
type Edit<'a> = Box<dyn Fn(&mut Value) + 'a>;

fn run(args: &[&str]) -> Run {
    workbench(&[args, &[NOW]].concat(), None, None)
}

fn path(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

/// A general document signed by the RSA and the EC fixture keys, audience "api".
fn general() -> String {
    let (rsa, ec) = (path("rsa2048.pkcs8.pem"), path("ec256.pkcs8.pem"));
    let o = run(&[
        "encode",
        "--serialization",
        "general",
        "-K",
        &rsa,
        "-K",
        &ec,
        "--exp",
        r#"{"sub":"1","aud":"api"}"#,
    ]);
    o.expect(0, &[]);
    o.stdout.trim().to_string()
}

#[test]
fn general_documents_are_verified_signature_by_signature() {
    let doc = general();
    let v: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(v["signatures"].as_array().map(Vec::len), Some(2), "{doc}");
    let (rsa, ec) = (path("rsa2048.spki.pem"), path("ec256.spki.pem"));
    run(&["verify", &doc, "-K", &rsa, "--aud", "api"]).expect(
        0,
        &["valid: 1 of 2 signatures verified", "[1] ES256", "no key"],
    );
    run(&["verify", &doc, "-K", &rsa, "--aud", "api", "--all"]).expect(1, &["invalid"]);
    let o = run(&[
        "verify", &doc, "-K", &rsa, "-K", &ec, "--aud", "api", "--all", "--json",
    ]);
    o.expect(0, &[]);
    let j = o.json();
    assert_eq!(j["valid"], true);
    let rows: Vec<(&str, &str)> = j["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["alg"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(rows, [("RS256", "valid"), ("ES256", "valid")]);
    // Claims still count: without --aud the audience is not checked, so nothing passes.
    run(&["verify", &doc, "-K", &rsa, "-K", &ec]).expect(1, &["aud"]);
    // No key for any signature: like a key of the wrong kind, exit 2.
    run(&[
        "verify",
        &doc,
        "-K",
        &path("ed25519.spki.pem"),
        "--aud",
        "api",
    ])
    .expect(2, &["no key"]);
}

#[test]
fn tampering_with_any_part_of_a_general_document_is_refused() {
    let doc = general();
    let (rsa, ec) = (path("rsa2048.spki.pem"), path("ec256.spki.pem"));
    let base: Value = serde_json::from_str(&doc).unwrap();
    let b64 = |s: &str| jwt_workbench::core::b64::encode(s.as_bytes());
    let edits: [(&str, Edit<'_>); 5] = [
        (
            "payload",
            Box::new(|v| v["payload"] = b64(r#"{"sub":"2","aud":"api","exp":1800001800}"#).into()),
        ),
        (
            "signature 1",
            Box::new(|v| v["signatures"][1]["signature"] = "AAAA".into()),
        ),
        (
            "protected 0",
            Box::new(|v| {
                v["signatures"][0]["protected"] = b64(r#"{"alg":"RS256","typ":"at+jwt"}"#).into()
            }),
        ),
        (
            "unprotected alg",
            Box::new(|v| v["signatures"][0]["header"] = serde_json::json!({"alg":"none"})),
        ),
        (
            "unprotected crit",
            Box::new(|v| v["signatures"][1]["header"] = serde_json::json!({"crit":["exp"]})),
        ),
    ];
    for (what, edit) in edits {
        let mut v = base.clone();
        edit(&mut v);
        let o = run(&[
            "verify",
            &v.to_string(),
            "-K",
            &rsa,
            "-K",
            &ec,
            "--aud",
            "api",
            "--all",
        ]);
        assert_eq!(o.code, 1, "{what}: {}", o.all());
    }
    // Without --all, an unprotected alg makes that signature "refused", never valid; the
    // other one still decides.
    let mut v = base.clone();
    v["signatures"][1]["header"] = serde_json::json!({"alg":"HS256"});
    let o = run(&[
        "verify",
        &v.to_string(),
        "-K",
        &rsa,
        "-K",
        &ec,
        "--aud",
        "api",
        "--json",
    ]);
    let j = o.json();
    assert_eq!(j["signatures"][1]["status"], "refused", "{j}");
    assert_eq!(o.code, 0);
}

#[test]
fn convert_round_trips_and_refuses_what_would_be_lost() {
    let o = run(&[
        "encode",
        "-S",
        "correct-horse-battery-staple-42!",
        r#"{"sub":"1"}"#,
    ]);
    let compact = o.stdout.trim().to_string();
    for form in ["flattened", "general"] {
        let json = run(&["convert", &compact, "--to", form]);
        json.expect(0, &[]);
        let back = run(&["convert", json.stdout.trim(), "--to", "compact"]);
        back.expect(0, &[]);
        assert_eq!(back.stdout.trim(), compact, "{form}");
    }
    let doc = general();
    run(&["convert", &doc, "--to", "compact"]).expect(2, &["--index"]);
    let one = run(&["convert", &doc, "--to", "compact", "--index", "1"]);
    one.expect(0, &[]);
    run(&[
        "verify",
        one.stdout.trim(),
        "-K",
        &path("ec256.spki.pem"),
        "--aud",
        "api",
    ])
    .expect(0, &[]);
    run(&["convert", &doc, "--to", "flattened"]).expect(2, &["--index"]);
    let flat = run(&["convert", &doc, "--to", "flattened", "--index", "0"]);
    let v: Value = serde_json::from_str(flat.stdout.trim()).unwrap();
    assert!(
        v.get("signature").is_some() && v.get("signatures").is_none(),
        "{v}"
    );
    let with_header = A7_FLATTENED_KID;
    run(&["convert", with_header, "--to", "compact"]).expect(2, &["unprotected header (kid)"]);
}

/// RFC 7515 appendix A.7's unprotected kid, on a made-up signature: convert only reads it.
const A7_FLATTENED_KID: &str = r#"{"payload":"e30","protected":"eyJhbGciOiJFUzI1NiJ9","header":{"kid":"e9bc"},"signature":"AAAA"}"#;

#[test]
fn decode_and_files_and_detached_json() {
    let dir = std::env::temp_dir().join(format!("jwtwb-modern-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.json");
    std::fs::write(&file, general()).unwrap();
    let at = format!("@{}", file.display());
    run(&["decode", &at]).expect(
        0,
        &["general JWS JSON, 2 signatures", "Signature [1]", "ES256"],
    );
    let j = run(&["decode", &at, "--json"]).json();
    assert_eq!(j["serialization"], "general");
    assert_eq!(j["signatures"][1]["protected"]["alg"], "ES256");

    let secret = "correct-horse-battery-staple-42!";
    let claims = r#"{"sub":"1","aud":"api"}"#;
    let o = run(&[
        "encode",
        "-S",
        secret,
        "--serialization",
        "flattened",
        "--detached",
        "--b64",
        "false",
        "--no-iat",
        claims,
    ]);
    o.expect(0, &[]);
    let v: Value = serde_json::from_str(o.stdout.trim()).unwrap();
    assert!(v.get("payload").is_none(), "detached: {v}");
    let doc = o.stdout.trim().to_string();
    run(&[
        "verify",
        &doc,
        "-S",
        secret,
        "--aud",
        "api",
        "--payload",
        claims,
    ])
    .expect(0, &["valid"]);
    let other = claims.replace('1', "2");
    run(&[
        "verify",
        &doc,
        "-S",
        secret,
        "--aud",
        "api",
        "--payload",
        &other,
    ])
    .expect(1, &[]);
    let payload_file = dir.join("payload.json");
    std::fs::write(&payload_file, claims).unwrap();
    let payload_at = format!("@{}", payload_file.display());
    run(&[
        "verify",
        &doc,
        "-S",
        secret,
        "--aud",
        "api",
        "--payload",
        &payload_at,
    ])
    .expect(0, &[]);
    // A token saved with `echo TOKEN > FILE` ends with a line break, which is not part of it.
    let o = run(&["encode", "-S", secret, claims]);
    let jwt = dir.join("token.jwt");
    std::fs::write(&jwt, format!("{}\n", o.stdout.trim())).unwrap();
    let jwt_at = format!("@{}", jwt.display());
    run(&["verify", &jwt_at, "-S", secret, "--aud", "api"]).expect(0, &["valid"]);
    std::fs::write(&jwt, format!("{}\n\n", o.stdout.trim())).unwrap();
    run(&["verify", &jwt_at, "-S", secret, "--aud", "api"]).expect(1, &["format"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn several_keys_need_the_general_form() {
    let (rsa, ec) = (path("rsa2048.pkcs8.pem"), path("ec256.pkcs8.pem"));
    run(&["encode", "-K", &rsa, "-K", &ec, "{}"]).expect(2, &["--serialization general"]);
    run(&[
        "encode",
        "--serialization",
        "flattened",
        "-K",
        &rsa,
        "-K",
        &ec,
        "{}",
    ])
    .expect(2, &["general"]);
}
