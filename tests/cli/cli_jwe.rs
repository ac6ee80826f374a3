//! `decrypt`, `encrypt` and `decode` on JWE tokens, run as a user runs them: the built binary,
//! its output and exit codes. Keys are written as files to a temporary folder.

use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
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
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(input.as_bytes()).unwrap();
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

fn json_of(out: &Out) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// Asserts exit 2 and a single `error:` line containing every one of `words`.
fn refused(out: &Out, words: &[&str]) {
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    for w in words {
        assert!(errors[0].contains(w), "{w:?} not in {}", errors[0]);
    }
}

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwe")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A temporary folder for key files, removed at the end of the test.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("jwtwb-jwe-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    /// Writes `text` to `name` and returns its path as a string.
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// Writes the jwcrypto fixture key `name` as a private and a public JWK file.
    fn keys(&self, name: &str) -> (String, String) {
        let private = fixture("jwcrypto_tokens.json")["keys"][name].clone();
        let mut public = private.as_object().unwrap().clone();
        for m in ["d", "p", "q", "dp", "dq", "qi"] {
            public.remove(m);
        }
        let safe = name.replace('-', "");
        (
            self.file(&format!("{safe}.private.jwk"), &private.to_string()),
            self.file(
                &format!("{safe}.public.jwk"),
                &Value::Object(public).to_string(),
            ),
        )
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The RFC vector of that name from rfc_vectors.json.
fn vector(name: &str) -> Value {
    let all = fixture("rfc_vectors.json");
    let found = all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name);
    found.unwrap_or_else(|| panic!("no vector {name}")).clone()
}

#[test]
fn rfc_vectors_decrypt_to_their_stated_plaintexts() {
    let dir = Dir::new("rfc");
    let names = [
        "RFC 7516 A.1",
        "RFC 7516 A.2",
        "RFC 7516 A.3",
        "RFC 7520 5.2",
        "RFC 7520 5.3",
        "RFC 7520 5.4",
        "RFC 7520 5.5",
        "RFC 7520 5.6",
        "RFC 7520 5.7",
        "RFC 7520 5.9",
    ];
    for name in names {
        let v = vector(name);
        let file = name.replace(' ', "_");
        let key_arg = match v["password"].as_str() {
            Some(pw) => format!("@{}", dir.file(&file, pw)),
            None => dir.file(&file, &v["key"].to_string()),
        };
        let flag = if v["password"].is_string() {
            "--secret"
        } else {
            "--key"
        };
        let token = v["token"].as_str().unwrap();
        let plaintext = v["plaintext"].as_str().unwrap();
        let o = run(&["decrypt", flag, &key_arg, token]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        assert!(
            o.stdout.starts_with("Protected header\n{"),
            "{name}: {}",
            o.stdout
        );
        assert!(
            o.stdout.contains("Key management\n  "),
            "{name}: {}",
            o.stdout
        );
        let o = run(&["decrypt", "--json", flag, &key_arg, token]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        let j = json_of(&o);
        assert_eq!(j["header"]["alg"], v["alg"], "{name}");
        assert!(j["inner"].is_null(), "{name}");
        match j["plaintext_encoding"].as_str().unwrap() {
            "utf8" => {
                assert_eq!(j["plaintext"], plaintext, "{name}");
                assert!(o.stdout.contains("\"plaintext\""));
                let text = run(&["decrypt", flag, &key_arg, token]).stdout;
                assert!(text.contains(&format!("\n{plaintext}\n")), "{name}: {text}");
            }
            "json" => {
                let expected: Value = serde_json::from_str(plaintext).unwrap();
                assert_eq!(j["plaintext"], expected, "{name}");
            }
            other => panic!("{name}: {other}"),
        }
    }
    let a1 = json_of(&run(&[
        "decrypt",
        "--json",
        "--key",
        &dir.file("a1", &vector("RFC 7516 A.1")["key"].to_string()),
        vector("RFC 7516 A.1")["token"].as_str().unwrap(),
    ]));
    assert_eq!(
        a1["key_management"],
        "RSA-OAEP unwrapped a 32-byte CEK with the RSA 2048-bit private key"
    );
    let pbes2 = vector("RFC 7520 5.3");
    let pw = format!("@{}", dir.file("pw", pbes2["password"].as_str().unwrap()));
    let o = run_with_stdin(&["decrypt", "--secret", &pw, "-"], pbes2["token"].as_str());
    assert!(
        o.stdout.contains(
            "PBES2-HS512+A256KW, 8192 iterations (16-byte salt), unwrapped a 32-byte CEK"
        ),
        "{}",
        o.stdout
    );
}

/// Encrypts `plaintext` through the binary and decrypts it back; returns the token.
fn round_trip(enc_key: &[&str], dec_key: &[&str], alg: &str, enc: &str, extra: &[&str]) -> String {
    let plaintext = format!("über {alg} {enc}");
    let mut args = vec!["encrypt", "--alg", alg, "--enc", enc];
    args.extend(enc_key);
    args.extend(extra);
    args.push(&plaintext);
    let o = run(&args);
    assert_eq!(o.code, 0, "{alg} {enc}: {}", o.stderr);
    let token = o.stdout.trim().to_string();
    assert_eq!(token.split('.').count(), 5, "{token}");
    let mut args = vec!["decrypt", "--json"];
    args.extend(dec_key);
    args.push(&token);
    let o = run(&args);
    assert_eq!(o.code, 0, "{alg} {enc}: {}", o.stderr);
    let j = json_of(&o);
    assert_eq!(j["plaintext"], plaintext.as_str(), "{alg} {enc}");
    assert_eq!(
        (j["header"]["alg"].as_str(), j["header"]["enc"].as_str()),
        (Some(alg), Some(enc))
    );
    token
}

#[test]
fn encrypt_then_decrypt_for_every_family() {
    let dir = Dir::new("roundtrip");
    let k = |name: &str| dir.keys(name);
    let (oct16, _) = k("oct16");
    let (oct32, _) = k("oct32");
    let (rsa, rsa_pub) = k("RSA");
    let (p256, p256_pub) = k("P-256");
    let (x25519, x25519_pub) = k("X25519");
    let sym = |f: &String| vec!["--key".to_string(), f.clone()];
    let cases: Vec<(Vec<String>, Vec<String>, &str, &str)> = vec![
        (sym(&oct16), sym(&oct16), "dir", "A128GCM"),
        (sym(&oct16), sym(&oct16), "A128KW", "A256CBC-HS512"),
        (sym(&oct32), sym(&oct32), "A256GCMKW", "A128CBC-HS256"),
        (sym(&rsa_pub), sym(&rsa), "RSA-OAEP", "A256GCM"),
        (sym(&rsa_pub), sym(&rsa), "RSA-OAEP-256", "A192GCM"),
        (sym(&p256_pub), sym(&p256), "ECDH-ES", "A128CBC-HS256"),
        (sym(&x25519_pub), sym(&x25519), "ECDH-ES", "A256GCM"),
        (sym(&p256_pub), sym(&p256), "ECDH-ES+A128KW", "A128GCM"),
        (
            sym(&x25519_pub),
            sym(&x25519),
            "ECDH-ES+A256KW",
            "A256CBC-HS512",
        ),
    ];
    for (e, d, alg, enc) in &cases {
        let e: Vec<&str> = e.iter().map(String::as_str).collect();
        let d: Vec<&str> = d.iter().map(String::as_str).collect();
        round_trip(&e, &d, alg, enc, &[]);
    }
    // A symmetric key given as --secret hex:, and PBES2 with a text password.
    let hex = "hex:000102030405060708090a0b0c0d0e0f";
    round_trip(
        &["--secret", hex],
        &["--secret", hex],
        "A128KW",
        "A128GCM",
        &["--zip"],
    );
    let pw = ["--secret", "correct horse battery staple"];
    let token = round_trip(&pw, &pw, "PBES2-HS256+A128KW", "A128GCM", &["--kid", "k1"]);
    let header = json_of(&run(&["decode", "--json", &token]))["header"].clone();
    assert_eq!(
        (header["p2c"].as_u64(), header["kid"].as_str()),
        (Some(8192), Some("k1"))
    );
    // A JWKS is searched by kid: --kid picks the recipient, decrypt finds it by the header.
    let jwks = json!({"keys": [
        fixture("jwcrypto_tokens.json")["keys"]["oct16"].clone(),
        {"kty": "oct", "kid": "second", "k": "AAECAwQFBgcICQoLDA0ODw"},
    ]});
    let set = dir.file("set.jwks", &jwks.to_string());
    round_trip(
        &["--key", &set],
        &["--key", &set],
        "A128KW",
        "A128GCM",
        &["--kid", "second"],
    );
    let o = run(&[
        "encrypt", "--key", &set, "--alg", "A128KW", "--enc", "A128GCM", "x",
    ]);
    refused(&o, &["holds 2 keys", "\"second\""]);
    // X25519 as PKCS#8 PEM (read by the project's key loader, as every other key).
    let pem = dir.file(
        "x.pem",
        fixture("jwcrypto_tokens.json")["x25519_pkcs8_pem"]
            .as_str()
            .unwrap(),
    );
    round_trip(
        &["--key", &x25519_pub],
        &["--key", &pem],
        "ECDH-ES",
        "A128GCM",
        &[],
    );
    // The project's PEM files: a certificate as the recipient, a certificate-and-key bundle
    // to decrypt (its private key is taken).
    let project = |f: &str| format!("{}/tests/fixtures/{f}", env!("CARGO_MANIFEST_DIR"));
    let (cert, bundle) = (
        project("rsa2048.cert.pem"),
        project("rsa2048.cert-and-key.pem"),
    );
    round_trip(
        &["--key", &cert],
        &["--key", &bundle],
        "RSA-OAEP",
        "A128GCM",
        &[],
    );
    let ed = [
        "encrypt",
        "--key",
        &project("ed25519.spki.pem"),
        "-A",
        "ECDH-ES",
    ];
    let o = run(&[&ed[..], &["-E", "A128GCM", "x"]].concat());
    refused(
        &o,
        &["Ed25519 key, which only signs", "needs an X25519 key"],
    );
    let small = [
        "encrypt",
        "--key",
        &project("rsa1024.spki.pem"),
        "-A",
        "RSA-OAEP",
    ];
    let o = run(&[&small[..], &["-E", "A128GCM", "x"]].concat());
    refused(&o, &["not supported by the crypto backend", "1024-bit"]);
}

#[test]
fn nested_jwt_is_decoded_and_verified_with_the_verify_secret() {
    let dir = Dir::new("nested");
    let (rsa, rsa_pub) = dir.keys("RSA");
    let secret = "correct-horse-battery-staple-42!";
    let now = "--now=1800000000";
    let jws = run(&[
        "encode",
        now,
        "--secret",
        secret,
        "--exp",
        r#"{"sub":"alice"}"#,
    ]);
    let jws = jws.stdout.trim().to_string();
    let enc = [
        "encrypt",
        "--key",
        &rsa_pub,
        "--alg",
        "RSA-OAEP-256",
        "--enc",
        "A256GCM",
    ];
    let plain = run_with_stdin(&[&enc[..], &["-"]].concat(), Some(&format!("{jws}\n")));
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(plain.stderr.contains("add --cty JWT"), "{}", plain.stderr);
    let o = run(&[&enc[..], &["--cty", "JWT", &jws]].concat());
    assert!(!o.stderr.contains("--cty"), "{}", o.stderr);
    let token = o.stdout.trim().to_string();
    let o = run(&["decrypt", now, "--key", &rsa, &token]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("Inner token (nested JWT)"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("Inner signature NOT checked: give --verify-key"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("jwe-nested-unverified"), "{}", o.stdout);
    let o = run(&[
        "decrypt",
        now,
        "--key",
        &rsa,
        "--verify-secret",
        secret,
        &token,
    ]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("Inner token: valid"), "{}", o.stdout);
    assert!(!o.stdout.contains("jwe-nested-unverified"), "{}", o.stdout);
    let o = run(&[
        "decrypt",
        now,
        "--json",
        "--key",
        &rsa,
        "--verify-secret",
        secret,
        &token,
    ]);
    let j = json_of(&o);
    assert_eq!(j["plaintext"], jws.as_str());
    assert_eq!(j["inner"]["payload"]["sub"], "alice");
    assert_eq!(
        (
            j["inner"]["valid"].as_bool(),
            j["inner"]["checked"].as_bool()
        ),
        (Some(true), Some(true))
    );
    let wrong = "another-secret-of-thirty-two-b!!";
    let o = run(&[
        "decrypt",
        now,
        "--json",
        "--key",
        &rsa,
        "--verify-secret",
        wrong,
        &token,
    ]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let j = json_of(&o);
    assert_eq!(j["inner"]["valid"], false);
    assert_eq!(j["inner"]["verdict"], "invalid signature");
    let o = run(&[
        "decrypt",
        now,
        "--key",
        &rsa,
        "--verify-secret",
        wrong,
        &token,
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stdout.contains("Inner token: invalid signature"),
        "{}",
        o.stdout
    );
}

fn with_header(token: &str, header: &Value) -> String {
    use base64::Engine as _;
    let h = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(header.to_string());
    format!("{h}.{}", token.split_once('.').unwrap().1)
}

#[test]
fn refusals_exit_2_with_one_sentence() {
    let dir = Dir::new("refuse");
    let (_, rsa_pub) = dir.keys("RSA");
    let (p256, _) = dir.keys("P-256");
    let pw = "correct horse battery staple";
    let o = run(&[
        "encrypt",
        "--secret",
        pw,
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
        "hi",
    ]);
    let token = o.stdout.trim().to_string();
    let mut header = json_of(&run(&["decode", "--json", &token]))["header"].clone();
    header["p2c"] = json!(2_147_483_648u64);
    let absurd = with_header(&token, &header);
    for extra in [&[][..], &["--max-p2c", "1000000"][..]] {
        let o = run(&[&["decrypt", "--secret", pw][..], extra, &[&absurd]].concat());
        refused(
            &o,
            &[
                "p2c = 2147483648",
                "over 1000000",
                "refused before deriving",
            ],
        );
    }
    header["p2c"] = json!(20_000);
    let high = with_header(&token, &header);
    let o = run(&["decrypt", "--secret", pw, &high]);
    refused(&o, &["p2c = 20000", "limit of 10000", "--max-p2c 20000"]);
    // Raised, the count is accepted: the changed header then fails authentication.
    let o = run(&["decrypt", "--secret", pw, "--max-p2c", "20000", &high]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    // A token made with 20000 iterations decrypts once the cap is raised; 500 is flagged.
    let enc = [
        "encrypt",
        "--secret",
        pw,
        "-A",
        "PBES2-HS256+A128KW",
        "-E",
        "A128GCM",
    ];
    let o = run(&[&enc[..], &["--p2c", "20000", "twenty"]].concat());
    assert!(
        o.stderr.contains("note: warning jwe-p2c-high"),
        "{}",
        o.stderr
    );
    let slow = o.stdout.trim().to_string();
    refused(
        &run(&["decrypt", "--secret", pw, &slow]),
        &["--max-p2c 20000"],
    );
    let o = run(&[
        "decrypt",
        "--json",
        "--secret",
        pw,
        "--max-p2c",
        "20000",
        &slow,
    ]);
    assert_eq!(
        (o.code, json_of(&o)["plaintext"].as_str()),
        (0, Some("twenty"))
    );
    let o = run(&[&enc[..], &["--p2c", "500", "x"]].concat());
    assert!(
        o.stderr.contains("note: warning jwe-p2c-low"),
        "{}",
        o.stderr
    );
    let o = run(&["decrypt", "--secret", pw, "--max-p2c", "2000000", &token]);
    refused(&o, &["1 to 1000000", "2000000"]);

    let o = run(&[
        "encrypt", "--key", &rsa_pub, "--alg", "RSA1_5", "--enc", "A128GCM", "hi",
    ]);
    refused(&o, &["RSA1_5", "Bleichenbacher", "RSA-OAEP-256"]);
    let o = run(&[
        "encrypt", "--key", &rsa_pub, "--alg", "RSA-OAEP", "--enc", "A128CBC", "hi",
    ]);
    refused(
        &o,
        &["\"A128CBC\" is not supported", "A128CBC-HS256", "A256GCM"],
    );
    let o = run(&[
        "encrypt",
        "--key",
        &rsa_pub,
        "--alg",
        "RSA-OAEP-384",
        "--enc",
        "A128GCM",
        "x",
    ]);
    refused(
        &o,
        &["\"RSA-OAEP-384\" is not supported", "RSA-OAEP-256, ECDH-ES"],
    );
    assert!(!o.stderr.contains("RSA1_5"), "{}", o.stderr);
    let o = run(&[
        "encrypt", "--key", &rsa_pub, "--alg", "ECDH-ES", "--enc", "A128GCM", "x",
    ]);
    refused(
        &o,
        &["ECDH-ES needs an EC", "this is an RSA 2048 public key"],
    );
    let o = run(&[
        "encrypt", "--key", &rsa_pub, "--alg", "RSA-OAEP", "--enc", "A128GCM", "--p2c", "9000", "x",
    ]);
    refused(&o, &["--p2c", "RSA-OAEP has none"]);

    let a1 = vector("RFC 7516 A.1");
    let a1_token = a1["token"].as_str().unwrap();
    let o = run(&["decrypt", "--key", &p256, a1_token]);
    refused(
        &o,
        &["RSA-OAEP needs an RSA private key to decrypt; this is an EC P-256 private key"],
    );
    let o = run(&["decrypt", "--key", &rsa_pub, a1_token]);
    refused(
        &o,
        &["RSA-OAEP needs an RSA private key to decrypt; this is an RSA 2048 public key"],
    );
    let o = run(&["decrypt", "--secret", pw, "a.b.c"]);
    refused(&o, &["5 parts", "3 parts is a signed JWS"]);
    // dir with a short key: the finding explains, the error refuses.
    let dir_token = vector("RFC 7520 5.6")["token"]
        .as_str()
        .unwrap()
        .to_string();
    let o = run(&["decrypt", "--secret", "hex:0011223344556677", &dir_token]);
    refused(&o, &["dir needs a 16-byte symmetric key"]);
    assert!(
        o.stderr.contains("note: warning jwe-dir-short-key"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_wrong_key_or_altered_token_is_the_one_decryption_failure_exit_1() {
    let dir = Dir::new("tamper");
    let a3 = vector("RFC 7516 A.3");
    let key = dir.file("a3.jwk", &a3["key"].to_string());
    let token = a3["token"].as_str().unwrap();
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    let ct = parts[3].clone();
    parts[3] = format!(
        "{}{}",
        if ct.starts_with('A') { "B" } else { "A" },
        &ct[1..]
    );
    let tampered = parts.join(".");
    let wrong = "hex:00112233445566778899aabbccddeeff";
    for args in [
        ["decrypt", "--key", &key, &tampered],
        ["decrypt", "--secret", wrong, token],
    ] {
        let o = run(&args);
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert_eq!(
            o.stderr.trim(),
            "error: decryption failed: wrong key, or the token was altered"
        );
        assert!(o.stdout.is_empty(), "{}", o.stdout);
    }
}

#[test]
fn decode_names_the_five_parts_of_a_jwe() {
    let a1 = vector("RFC 7516 A.1");
    let token = a1["token"].as_str().unwrap();
    let o = run(&["decode", "--json", token]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let j = json_of(&o);
    assert_eq!(j["form"], "JWE");
    assert!(
        j["signature"].is_null() && j["signature_hex"].is_null(),
        "{j:#}"
    );
    let texts: Vec<&str> = token.split('.').collect();
    let names = ["protected", "encrypted_key", "iv", "ciphertext", "tag"];
    let lens = [None, Some(256), Some(12), None, Some(16)];
    for ((name, text), len) in names.iter().zip(&texts).zip(lens) {
        assert_eq!(j["parts"][name]["base64url"], *text, "{name}");
        if let Some(n) = len {
            assert_eq!(j["parts"][name]["bytes"], n, "{name}");
        }
    }
    let o = run(&["decode", token]);
    assert_eq!(o.code, 0);
    for line in [
        "  alg  RSA-OAEP (key management)",
        "  enc  A256GCM (content encryption)",
        "initialization vector",
        "authentication tag",
        "encrypted key",
    ] {
        assert!(o.stdout.contains(line), "{line}: {}", o.stdout);
    }
    assert!(!o.stdout.contains("Signature"), "{}", o.stdout);
    // A JWE whose IV has the wrong size is malformed.
    let short_iv = token.replace(texts[2], "AAAA");
    let o = run(&["decode", "--json", &short_iv]);
    assert_eq!(o.code, 2);
    assert!(
        json_of(&o)["problems"][0]
            .as_str()
            .unwrap()
            .contains("must be 12 bytes")
    );
}

#[test]
fn jwe_findings_in_decode_and_decrypt() {
    let dir = Dir::new("findings");
    let ids = |j: &Value| -> Vec<String> {
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    let a2 = vector("RFC 7516 A.2");
    let key = dir.file("a2.jwk", &a2["key"].to_string());
    let token = a2["token"].as_str().unwrap();
    let d = json_of(&run(&["decode", "--json", token]));
    assert_eq!(ids(&d), ["jwe-rsa1-5", "token-encrypted"]);
    assert_eq!(d["findings"][0]["severity"], "danger");
    let j = json_of(&run(&["decrypt", "--json", "--key", &key, token]));
    assert_eq!(ids(&j), ["jwe-rsa1-5"]);
    let v59 = vector("RFC 7520 5.9");
    let key = dir.file("59.jwk", &v59["key"].to_string());
    let o = run(&["decrypt", "--key", &key, v59["token"].as_str().unwrap()]);
    assert!(o.stdout.contains("warning  jwe-zip"), "{}", o.stdout);
    assert!(
        o.stdout.contains("(zip DEF: 170 bytes inflated to 273)"),
        "{}",
        o.stdout
    );
    // Claims encrypted to a public key but not signed.
    let (p256, p256_pub) = dir.keys("P-256");
    let claims = r#"{"sub":"alice","admin":true}"#;
    let o = run(&[
        "encrypt", "--key", &p256_pub, "--alg", "ECDH-ES", "--enc", "A128GCM", claims,
    ]);
    assert!(o.stderr.contains("unsigned claims"), "{}", o.stderr);
    let j = json_of(&run(&[
        "decrypt",
        "--json",
        "--key",
        &p256,
        o.stdout.trim(),
    ]));
    assert_eq!(ids(&j), ["jwe-unsigned-inner"]);
    assert_eq!(j["findings"][0]["severity"], "warning");
    assert_eq!(j["plaintext"]["admin"], true);
    assert_eq!(j["plaintext_encoding"], "json");
    // "cty":"JWT" over bare claims: still unsigned, and said so.
    let cty = [
        &["encrypt", "--cty", "JWT", "--key", &p256_pub][..],
        &["-A", "ECDH-ES"],
    ]
    .concat();
    let o = run(&[&cty[..], &["-E", "A128GCM", claims]].concat());
    let o = run(&["decrypt", "--json", "--key", &p256, o.stdout.trim()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(ids(&json_of(&o)), ["jwe-unsigned-inner"]);
    assert!(
        o.stderr
            .contains("says cty JWT, but the plaintext is not a JWT"),
        "{}",
        o.stderr
    );
}

#[test]
fn jwcrypto_decrypts_what_encrypt_made() {
    let has = Command::new("python3")
        .args(["-c", "import jwcrypto"])
        .output();
    if !has.is_ok_and(|o| o.status.success()) {
        println!(
            "SKIPPED jwcrypto_decrypts_what_encrypt_made: python3 with jwcrypto is not installed"
        );
        return;
    }
    let dir = Dir::new("jwcrypto");
    let fx = fixture("jwcrypto_tokens.json");
    let mut cases = Vec::new();
    for (alg, enc, key) in [
        ("RSA-OAEP-256", "A256GCM", "RSA"),
        ("ECDH-ES+A128KW", "A128CBC-HS256", "P-256"),
        ("ECDH-ES", "A256GCM", "X25519"),
        ("A256KW", "A192GCM", "oct32"),
        ("PBES2-HS384+A192KW", "A256CBC-HS512", "password"),
    ] {
        let key_args = if key == "password" {
            vec![
                "--secret".to_string(),
                fx["password"].as_str().unwrap().to_string(),
            ]
        } else {
            let (private, public) = dir.keys(key);
            vec![
                "--key".to_string(),
                if key.starts_with("oct") {
                    private
                } else {
                    public
                },
            ]
        };
        let plaintext = format!("über {alg} {enc}");
        let mut args = vec!["encrypt", "--alg", alg, "--enc", enc, "--zip"];
        args.extend(key_args.iter().map(String::as_str));
        args.push(&plaintext);
        let o = run(&args);
        assert_eq!(o.code, 0, "{}", o.stderr);
        cases.push(json!({"alg": alg, "enc": enc, "key": key, "token": o.stdout.trim(), "plaintext": plaintext}));
    }
    let input = json!({"password": fx["password"], "keys": fx["keys"], "cases": cases});
    let path = dir.file("cases.json", &input.to_string());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jwe/check_ours.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["failed"], json!([]), "{report:#}");
    assert_eq!(report["passed"], 5);
    println!(
        "jwcrypto {} decrypted the 5 tokens `encrypt` made",
        report["jwcrypto"]
    );
}

#[test]
fn the_key_command_reads_an_x25519_key_as_a_jwe_key() {
    let path = format!(
        "{}/tests/fixtures/x25519.spki.pem",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = run(&["key", &path]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout
            .starts_with("X25519 public key, SPKI (PEM)\n  thumbprint  "),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("algorithms  ECDH-ES, ECDH-ES+A128KW, ECDH-ES+A192KW, ECDH-ES+A256KW"),
        "{}",
        o.stdout
    );
    let jwk = run(&["key", &path, "--to", "jwk"]);
    let v: Value = serde_json::from_str(&jwk.stdout).unwrap();
    assert_eq!(
        (v["kty"].as_str(), v["crv"].as_str()),
        (Some("OKP"), Some("X25519"))
    );
    assert_eq!(v["use"], "enc");
    // It cannot verify a JWS: a key-agreement key, said so.
    let token = "eyJhbGciOiJFZERTQSJ9.e30.c2ln";
    let o = run(&["verify", token, "--key", &path]);
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(o.stdout.contains("key-agreement key"), "{}", o.stdout);
}
