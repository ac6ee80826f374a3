//! `sd-jwt` on the command line: decode, verify (exit 0 valid, 1 a step failed, 2
//! unreadable), issue, present and attack; the RFC 9901 section 5 example, sd-jwt-js's SD-JWT
//! VC, our own round trip through standard input, every forgery fed back to `verify`, and
//! escaping of what a disclosure carries.

use crate::common::cli::{Run, workbench};
use serde_json::Value;
use std::path::PathBuf;

const NOW: &str = "--now=1780000000";
const RFC_NOW: &str = "--now=1748537273";

fn run(args: &[&str]) -> Run {
    workbench(&[args, &[NOW]].concat(), None, None)
}

fn run_in(args: &[&str], stdin: &str) -> Run {
    workbench(&[args, &[NOW]].concat(), Some(stdin.as_bytes()), None)
}

fn profile(name: &str) -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/profiles")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// A scratch folder with the fixture keys as JWK files: issuer, issuer.pub, holder,
/// holder.pub, rfc-a5.pub.
fn keys_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jwtwb-sdjwt-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let k = profile("keys.json");
    for who in ["issuer", "holder"] {
        let private = &k[who];
        let mut public = private.clone();
        public.as_object_mut().unwrap().remove("d");
        std::fs::write(dir.join(format!("{who}.jwk")), private.to_string()).unwrap();
        std::fs::write(dir.join(format!("{who}.pub.jwk")), public.to_string()).unwrap();
    }
    let a5 = &profile("rfc9901-section5.json")["issuer_public_jwk_a5"];
    std::fs::write(dir.join("rfc-a5.pub.jwk"), a5.to_string()).unwrap();
    dir
}

fn p(dir: &std::path::Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn decode_shows_the_table_and_sd_hash_input() {
    let f = profile("rfc9901-section5.json");
    let text = f["presentation_sd_jwt_kb"].as_str().unwrap();
    let o = run(&["sd-jwt", "decode", text]);
    o.expect(
        0,
        &[
            "SD-JWT+KB: the issuer-signed JWT, 4 disclosures and a KB-JWT",
            "/family_name",
            "/nationalities/0",
            "matches",
        ],
    );
    let o = run(&["sd-jwt", "decode", text, "--json"]);
    o.expect(0, &[]);
    let j = o.json();
    assert_eq!(j["kind"], "SD-JWT+KB");
    assert_eq!(j["sd_hash"]["computed"], f["kb_jwt_payload"]["sd_hash"]);
    assert_eq!(j["sd_hash"]["matches"], true);
    assert!(j["sd_hash"]["input"].as_str().unwrap().ends_with('~'));
    assert_eq!(j["claims"], f["processed_payload"]);
    assert_eq!(
        j["disclosures"][0]["digest"],
        "TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo"
    );
    assert_eq!(j["disclosures"][0]["path"], "/family_name");
    let undisclosed = j["digests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["disclosure"].is_null())
        .count();
    assert_eq!(undisclosed, 6);
}

#[test]
fn malformed_shapes_exit_2_and_say_what_to_do() {
    let f = profile("rfc9901-section5.json");
    let jwt = f["issuer_signed_jwt"].as_str().unwrap();
    let sd = f["sd_jwt"].as_str().unwrap();
    let without_tilde = sd.strip_suffix('~').unwrap();
    for (args, phrase) in [
        (vec!["sd-jwt", "decode", jwt], "looks like a plain JWT"),
        (
            vec!["sd-jwt", "decode", without_tilde],
            "does not end with '~'",
        ),
        (vec!["sd-jwt", "decode", "abc~~"], "is empty ('~~')"),
        (
            vec!["sd-jwt", "verify", without_tilde, "-K", "nope.jwk"],
            "does not end with '~'",
        ),
    ] {
        run(&args).expect(2, &[phrase]);
    }
}

#[test]
fn verify_the_rfc_presentation() {
    let dir = keys_dir("rfc");
    let f = profile("rfc9901-section5.json");
    let text = f["presentation_sd_jwt_kb"].as_str().unwrap();
    let key = p(&dir, "rfc-a5.pub.jwk");
    let ok = [
        "sd-jwt",
        "verify",
        text,
        "-K",
        &key,
        "--aud",
        "https://verifier.example.org",
        "--nonce",
        "1234567890",
        RFC_NOW,
    ];
    let o = workbench(&ok, None, None);
    o.expect(
        0,
        &[
            "valid: issuer signature verified",
            "✓ 7.3 step 5.7",
            "(RFC 9901 section 4.3.1)",
        ],
    );
    let o = workbench(&[&ok[..], &["--json"]].concat(), None, None);
    o.expect(0, &[]);
    let j = o.json();
    assert_eq!(j["valid"], true);
    assert_eq!(j["claims"], f["processed_payload"]);
    assert!(
        j["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "pass" && c["cite"].is_string())
    );
    // No expected nonce: not checked, so not valid.
    let o = workbench(
        &[
            "sd-jwt",
            "verify",
            text,
            "-K",
            &key,
            "--aud",
            "https://verifier.example.org",
            RFC_NOW,
        ],
        None,
        None,
    );
    o.expect(1, &["7.3 step 5.6 nonce failed", "--nonce"]);
    // The issuer's key of the wrong kind: the signature cannot be checked at all.
    let rsa = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rsa2048.spki.pem");
    workbench(
        &[
            "sd-jwt",
            "verify",
            text,
            "-K",
            &rsa.to_string_lossy(),
            RFC_NOW,
        ],
        None,
        None,
    )
    .expect(2, &[]);
    // The wrong EC key: the signature does not match.
    workbench(
        &[
            "sd-jwt",
            "verify",
            text,
            "-K",
            &p(&dir, "issuer.pub.jwk"),
            "--aud",
            "https://verifier.example.org",
            "--nonce",
            "1234567890",
            RFC_NOW,
        ],
        None,
        None,
    )
    .expect(1, &["7.1 step 2.2"]);
}

#[test]
fn holder_binding_is_policy_not_presence() {
    let dir = keys_dir("binding");
    let f = profile("sdjwt.json");
    let bare = f["presentation_without_kb"]["sd_jwt"].as_str().unwrap();
    let key = p(&dir, "issuer.pub.jwk");
    run(&["sd-jwt", "verify", bare, "-K", &key])
        .expect(1, &["7.3 step 2 failed", "carries no KB-JWT"]);
    run(&[
        "sd-jwt",
        "verify",
        bare,
        "-K",
        &key,
        "--holder-binding",
        "optional",
    ])
    .expect(0, &["valid"]);
    let kb = f["presentation"]["sd_jwt_kb"].as_str().unwrap();
    let args = [
        "sd-jwt",
        "verify",
        kb,
        "-K",
        &key,
        "--aud",
        "https://verifier.example",
        "--nonce",
        "n-0S6_WzA2Mj",
    ];
    run(&args).expect(0, &["key binding verified", "VC typ"]);
    // sd-jwt-js accepts a KB-JWT for another audience; this verifier does not.
    run(&[
        "sd-jwt",
        "verify",
        kb,
        "-K",
        &key,
        "--aud",
        "https://attacker.example",
        "--nonce",
        "n-0S6_WzA2Mj",
    ])
    .expect(1, &["7.3 step 5.6 aud"]);
    // An hour later the KB-JWT is stale (default window 300 s); a wider window accepts it.
    workbench(&[&args[..], &["--now=1780003600"]].concat(), None, None)
        .expect(1, &["7.3 step 5.5"]);
    workbench(
        &[&args[..], &["--now=1780003600", "--kb-max-age", "7200"]].concat(),
        None,
        None,
    )
    .expect(0, &[]);
}

#[test]
fn issue_present_verify_through_standard_input() {
    let dir = keys_dir("round");
    let claims = r#"{"iss":"https://issuer.example","iat":1780000000,"exp":1790000000,"given_name":"Erika","address":{"street":"Heidestraße 17","city":"Köln"},"nationalities":["DE","FR"]}"#;
    let issued = run_in(
        &[
            "sd-jwt",
            "issue",
            "-K",
            &p(&dir, "issuer.jwk"),
            "--claims",
            "-",
            "--sd",
            "/given_name",
            "--sd",
            "/address/street",
            "--sd",
            "/address",
            "--sd",
            "/nationalities/1",
            "--decoys",
            "2",
            "--holder-key",
            &p(&dir, "holder.pub.jwk"),
            "--vct",
            "https://credentials.example/pid",
        ],
        claims,
    );
    issued.expect(0, &[]);
    let sd = issued.stdout.trim().to_string();
    assert!(sd.ends_with('~') && sd.matches('~').count() == 5, "{sd}");
    run_in(
        &[
            "sd-jwt",
            "verify",
            "-",
            "-K",
            &p(&dir, "issuer.pub.jwk"),
            "--holder-binding",
            "optional",
        ],
        &sd,
    )
    .expect(0, &["valid"]);
    // The closure rule: the street needs the address.
    run_in(
        &["sd-jwt", "present", "-", "--disclose", "/address/street"],
        &sd,
    )
    .expect(2, &["disclose /address too"]);
    run_in(
        &["sd-jwt", "present", "-", "--disclose", "/address/city"],
        &sd,
    )
    .expect(2, &["part of the disclosure of /address"]);
    run_in(&["sd-jwt", "present", "-", "--disclose", "/iss"], &sd).expect(2, &["plain view"]);
    // Another key than cnf.jwk cannot sign the KB-JWT.
    run_in(
        &[
            "sd-jwt",
            "present",
            "-",
            "--kb-key",
            &p(&dir, "issuer.jwk"),
            "--aud",
            "v",
            "--nonce",
            "n",
        ],
        &sd,
    )
    .expect(2, &["not the holder's"]);
    let presented = run_in(
        &[
            "sd-jwt",
            "present",
            "-",
            "--disclose",
            "/address/street",
            "--disclose",
            "/address",
            "--kb-key",
            &p(&dir, "holder.jwk"),
            "--aud",
            "https://v.example",
            "--nonce",
            "n1",
            "--json",
        ],
        &sd,
    );
    presented.expect(0, &[]);
    let j = presented.json();
    let text = j["presentation"].as_str().unwrap();
    assert_eq!(j["disclosed"].as_array().unwrap().len(), 2);
    assert!(text.starts_with(j["sd_hash_input"].as_str().unwrap()));
    let o = run_in(
        &[
            "sd-jwt",
            "verify",
            "-",
            "-K",
            &p(&dir, "issuer.pub.jwk"),
            "--aud",
            "https://v.example",
            "--nonce",
            "n1",
            "--json",
        ],
        text,
    );
    o.expect(0, &[]);
    let v = o.json();
    assert_eq!(v["claims"]["address"]["street"], "Heidestraße 17");
    assert!(v["claims"].get("given_name").is_none());
    assert_eq!(v["claims"]["nationalities"], serde_json::json!(["DE"]));
    // Tampering with one byte of the presentation: rejected.
    // (The first disclosure's 6th character, inside its salt, changed: a disclosure starts
    // "WyI" or "WyJ" depending on its salt, so no fixed text is sure to be found.)
    let mut parts: Vec<String> = text.split('~').map(str::to_string).collect();
    let first = &mut parts[1];
    let old = first.as_bytes()[5];
    let new = if old == b'A' { "B" } else { "A" };
    first.replace_range(5..6, new);
    let tampered = parts.join("~");
    assert_ne!(tampered, text, "the presentation was changed");
    run_in(
        &[
            "sd-jwt",
            "verify",
            "-",
            "-K",
            &p(&dir, "issuer.pub.jwk"),
            "--aud",
            "https://v.example",
            "--nonce",
            "n1",
        ],
        &tampered,
    )
    .expect(1, &[]);
    // Issuing refuses what a verifier would misread, with exit 2.
    let key = p(&dir, "issuer.jwk");
    for (sd_path, phrase) in [
        ("/vct", "plain view"),
        ("/missing", "names no claim"),
        ("nationalities", "must start with '/'"),
    ] {
        run(&[
            "sd-jwt", "issue", "-K", &key, "--claims", claims, "--vct", "x", "--sd", sd_path,
        ])
        .expect(2, &[phrase]);
    }
    run(&[
        "sd-jwt", "issue", "-K", &key, "--claims", claims, "--sd-alg", "md5",
    ])
    .expect(2, &["sha-256"]);
}

#[test]
fn every_forgery_is_rejected_by_verify() {
    let dir = keys_dir("attack");
    let f = profile("sdjwt.json");
    let issued = f["issued"]["sd_jwt"].as_str().unwrap();
    let o = run(&[
        "sd-jwt",
        "attack",
        issued,
        "--issuer-key",
        &p(&dir, "issuer.jwk"),
        "--holder-key",
        &p(&dir, "holder.jwk"),
        "--json",
    ]);
    o.expect(0, &[]);
    let j = o.json();
    assert_eq!(j["accepted"], 0);
    let rows = j["forgeries"].as_array().unwrap();
    assert!(rows.len() >= 10);
    for row in rows {
        assert_eq!(row["rejected_by_its_step"], true, "{row}");
        let text = row["presentation"].as_str().unwrap();
        let out = run(&[
            "sd-jwt",
            "verify",
            text,
            "-K",
            &p(&dir, "issuer.pub.jwk"),
            "--aud",
            "https://verifier.example",
            "--nonce",
            "lab-nonce",
        ]);
        assert_eq!(
            out.code,
            1,
            "{} was not rejected by verify:\n{}",
            row["id"],
            out.all()
        );
        assert!(
            out.stdout
                .contains(&format!("{} failed", row["breaks"].as_str().unwrap())),
            "{}",
            out.all()
        );
    }
    run(&[
        "sd-jwt",
        "attack",
        issued,
        "--issuer-key",
        &p(&dir, "issuer.jwk"),
        "--holder-key",
        &p(&dir, "holder.jwk"),
    ])
    .expect(0, &["forgeries rejected", "✓ rejected  kb-alg-none"]);
}

#[test]
fn disclosed_text_is_escaped() {
    let dir = keys_dir("escape");
    let claims = "{\"iss\":\"i\",\"note\\u001b[2K\":\"a\\u202eb\\u001b]0;x\\u0007\"}";
    let issued = run(&[
        "sd-jwt",
        "issue",
        "-K",
        &p(&dir, "issuer.jwk"),
        "--claims",
        claims,
        "--sd",
        "/note\u{1b}[2K",
    ]);
    issued.expect(0, &[]);
    let sd = issued.stdout.trim().to_string();
    for args in [
        vec!["sd-jwt", "decode", sd.as_str()],
        vec!["sd-jwt", "decode", sd.as_str(), "--json"],
        vec![
            "sd-jwt",
            "verify",
            sd.as_str(),
            "-K",
            &p(&dir, "issuer.pub.jwk"),
            "--holder-binding",
            "optional",
        ],
    ] {
        let o = run(&args);
        assert!(o.code == 0 || o.code == 1, "{}", o.all());
        for c in ['\u{1b}', '\u{202e}', '\u{7}'] {
            assert!(
                !o.stdout.contains(c),
                "{c:?} reached the terminal:\n{}",
                o.stdout
            );
        }
        assert!(
            o.stdout.contains("u202e") || o.stdout.contains("u{202e}"),
            "{}",
            o.stdout
        );
    }
}
