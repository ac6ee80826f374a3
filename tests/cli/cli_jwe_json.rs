//! The JWE JSON serialization on the command line: `decrypt` of flattened and general
//! documents (jose's, jwcrypto's and ours; text, @FILE or -), which recipient was used, the
//! exit codes of every tampered member and broken rule; `encrypt --serialization`, several
//! `--key`, `--aad`, and bytes that are not UTF-8 on `encrypt -`.

use crate::common::cli::{Run, workbench};
use crate::common::fixture;
use serde_json::{Value, json};
use std::path::PathBuf;

const FAILED: &str = "decryption failed: wrong key, or the token was altered";
const NOW: &str = "--now=1800000000";

fn run(args: &[&str]) -> Run {
    workbench(&[args, &[NOW]].concat(), None, None)
}

fn run_in(args: &[&str], stdin: &[u8]) -> Run {
    workbench(&[args, &[NOW]].concat(), Some(stdin), None)
}

fn modern(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("modern/{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A folder of key and document files for one test.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("jwtwb-jwejson-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let keys = &modern("jose")["keys"];
        let d = Dir(dir);
        for name in ["rsa_enc", "ec_enc", "rsa_sig"] {
            for half in ["private", "public"] {
                d.write(&format!("{name}.{half}.jwk"), &keys[name][half].to_string());
            }
        }
        let mut no_kid = keys["ec_enc"]["private"].clone();
        no_kid.as_object_mut().unwrap().remove("kid");
        d.write("ec_enc.nokid.jwk", &no_kid.to_string());
        let jwks = json!({"keys": [keys["ec_enc"]["private"], keys["rsa_enc"]["private"]]});
        d.write("both.jwks", &jwks.to_string());
        d
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn jose_general() -> Value {
    modern("jose")["jwe_json"]["general"]["jwe"].clone()
}

fn jose_flattened() -> Value {
    modern("jose")["jwe_json"]["flattened"]["jwe"].clone()
}

/// A document with one change made.
fn edited(mut doc: Value, edit: impl Fn(&mut Value)) -> Value {
    edit(&mut doc);
    doc
}

#[test]
fn decrypts_jose_and_jwcrypto_documents_from_text_file_and_stdin() {
    let d = Dir::new("theirs");
    let rsa = d.path("rsa_enc.private.jwk");
    let ec = d.path("ec_enc.private.jwk");
    for maker in ["jose", "jwcrypto"] {
        let f = &modern(maker)["jwe_json"];
        let flat = f["flattened"]["jwe"].to_string();
        run(&["decrypt", &flat, "--key", &rsa]).expect(
            0,
            &["JWE JSON serialization (flattened): one recipient (kid \"rsa-enc1\", RSA-OAEP-256)", "jwt-workbench aad", "\"sub\": \"jwe-json\""],
        );
        let general = d.write(
            &format!("{maker}.general.json"),
            &f["general"]["jwe"].to_string(),
        );
        run(&["decrypt", &format!("@{general}"), "--key", &ec]).expect(
            0,
            &[
                "(general, 2 recipients): recipients[1] (kid \"ec-enc1\", ECDH-ES+A256KW) decrypted, picked by the key's kid",
                "Shared unprotected header (not integrity-protected)",
                "every recipient holds the content encryption key",
            ],
        );
        let piped = run_in(
            &["decrypt", "-", "--key", &rsa, "--json"],
            f["general"]["jwe"].to_string().as_bytes(),
        );
        piped.expect(0, &[]);
        let out = piped.json();
        assert_eq!(out["serialization"], "general");
        assert_eq!(out["recipients"], 2);
        assert_eq!(out["recipient"]["index"], 0);
        assert_eq!(out["recipient"]["kid"], "rsa-enc1");
        assert_eq!(out["recipient"]["picked_by"], "kid");
        assert_eq!(out["aad"]["value"], "jwt-workbench aad");
        assert_eq!(out["unprotected_header"]["cty"], "json");
        assert_eq!(out["recipient_header"]["alg"], "RSA-OAEP-256");
        assert_eq!(out["plaintext"]["sub"], "jwe-json");
    }
}

#[test]
fn json_output_says_which_recipient_was_tried_and_why_the_others_failed() {
    let d = Dir::new("tried");
    let general = d.write("g.json", &jose_general().to_string());
    let o = run(&[
        "decrypt",
        &format!("@{general}"),
        "--key",
        &d.path("ec_enc.nokid.jwk"),
        "--json",
    ]);
    o.expect(0, &[]);
    let out = o.json();
    assert_eq!(out["recipient"]["index"], 1);
    assert_eq!(out["recipient"]["picked_by"], "tried");
    let refused = &out["recipient"]["refused_before"][0];
    assert_eq!(refused["index"], 0);
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains("RSA-OAEP-256 needs an RSA private key"),
        "{refused}"
    );
    run(&[
        "decrypt",
        &format!("@{general}"),
        "--key",
        &d.path("ec_enc.nokid.jwk"),
    ])
    .expect(
        0,
        &[
            "found by trying each recipient in turn (2 tried)",
            "recipients[0] tried first: RSA-OAEP-256 needs an RSA private key to decrypt",
        ],
    );
    // A JWKS: its key for the first recipient's kid it has.
    run(&[
        "decrypt",
        &format!("@{general}"),
        "--key",
        &d.path("both.jwks"),
        "--json",
    ])
    .expect(0, &["\"picked_by\": \"kid\""]);
    // --raw and --out give the plaintext's bytes.
    let raw = run(&[
        "decrypt",
        &format!("@{general}"),
        "--key",
        &d.path("both.jwks"),
        "--raw",
    ]);
    assert_eq!(raw.stdout, "{\"sub\":\"jwe-json\"}");
}

/// Every member tampered with: exit 1 and the one message (a wrong key says the same);
/// every rule broken: exit 2 and the rule.
#[test]
fn tampered_documents_exit_1_and_broken_rules_exit_2() {
    let d = Dir::new("tamper");
    let rsa = d.path("rsa_enc.private.jwk");
    let ec = d.path("ec_enc.private.jwk");
    let flip = |v: &Value| {
        let s = v.as_str().unwrap();
        let c = if s.starts_with('A') { "B" } else { "A" };
        json!(format!("{c}{}", &s[1..]))
    };
    type Edit = fn(&mut Value, &dyn Fn(&Value) -> Value);
    let tampers: [(&str, Edit); 9] = [
        ("ciphertext", |d, f| d["ciphertext"] = f(&d["ciphertext"])),
        ("tag", |d, f| d["tag"] = f(&d["tag"])),
        ("iv", |d, f| d["iv"] = f(&d["iv"])),
        ("aad", |d, f| d["aad"] = f(&d["aad"])),
        ("aad removed", |d, _| {
            d.as_object_mut().unwrap().remove("aad");
        }),
        ("protected", |d, _| {
            d["protected"] = json!("eyJlbmMiOiJBMjU2R0NNIiwieCI6MX0")
        }),
        ("encrypted_key of the recipient", |d, f| {
            d["recipients"][1]["encrypted_key"] = f(&d["recipients"][1]["encrypted_key"]);
        }),
        ("epk of the recipient", |d, _| {
            d["recipients"][1]["header"]["epk"]["x"] =
                json!("gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0");
            d["recipients"][1]["header"]["epk"]["y"] =
                json!("SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps");
        }),
        ("alg of the recipient", |d, _| {
            d["recipients"][1]["header"]["alg"] = json!("ECDH-ES+A128KW")
        }),
    ];
    for (what, edit) in tampers {
        let mut doc = jose_general();
        edit(&mut doc, &flip);
        let path = d.write("t.json", &doc.to_string());
        let o = run(&["decrypt", &format!("@{path}"), "--key", &ec]);
        assert_eq!(o.code, 1, "{what}: {}", o.all());
        assert!(o.stderr.contains(FAILED), "{what}: {}", o.stderr);
    }
    // The wrong RSA key: the same message.
    let general = d.write("g.json", &jose_general().to_string());
    let wrong = d.write(
        "wrong.jwk",
        &{
            let mut k = modern("jose")["keys"]["rsa_sig"]["private"].clone();
            k["kid"] = json!("rsa-enc1");
            k
        }
        .to_string(),
    );
    run(&["decrypt", &format!("@{general}"), "--key", &wrong]).expect(1, &[FAILED]);
    let rules: [(&str, Value); 8] = [
        (
            "recipients[0]: the header member \"kid\" is in both the shared unprotected header (unprotected) and recipients[0].header",
            edited(jose_general(), |d| {
                d["unprotected"]["kid"] = json!("x");
            }),
        ),
        (
            "\"zip\" is in the shared unprotected header (unprotected); it must be in the protected header only",
            edited(jose_general(), |d| {
                d["unprotected"]["zip"] = json!("DEF");
            }),
        ),
        (
            "\"zip\" is in recipients[1].header",
            edited(jose_general(), |d| {
                d["recipients"][1]["header"]["zip"] = json!("DEF");
            }),
        ),
        (
            "\"alg\" is in both the protected header (protected) and the recipient's unprotected header (header)",
            edited(jose_flattened(), |d| {
                d["header"] = json!({"alg": "RSA-OAEP"});
            }),
        ),
        (
            "both \"recipients\" (general form) and a top-level \"encrypted_key\"",
            edited(jose_general(), |d| {
                d["encrypted_key"] = json!("AAAA");
            }),
        ),
        (
            "\"recipients\" is empty",
            edited(jose_general(), |d| {
                d["recipients"] = json!([]);
            }),
        ),
        (
            "this is a JWS JSON document",
            json!({"payload": "e30", "signatures": []}),
        ),
        (
            "recipients[1] names enc A128GCM, but recipients[0] names A256GCM",
            edited(jose_general(), |d| {
                d["protected"] = json!("e30");
                d["recipients"][0]["header"]["enc"] = json!("A256GCM");
                d["recipients"][1]["header"]["enc"] = json!("A128GCM");
            }),
        ),
    ];
    for (phrase, doc) in rules {
        let path = d.write("r.json", &doc.to_string());
        run(&["decrypt", &format!("@{path}"), "--key", &rsa]).expect(2, &[phrase]);
    }
    // A member twice: the document is refused, whichever one a parser would keep.
    let text = jose_flattened()
        .to_string()
        .replacen("{", "{\"ciphertext\":\"AAAA\",", 1);
    let path = d.write("dup.json", &text);
    run(&["decrypt", &format!("@{path}"), "--key", &rsa])
        .expect(2, &["\"ciphertext\" occurs twice"]);
    // A key that fits no recipient: each one's reason, exit 2.
    let o = run(&[
        "decrypt",
        &format!("@{general}"),
        "--secret",
        "hex:00112233445566778899aabbccddeeff",
    ]);
    o.expect(
        2,
        &[
            "no recipient of the document takes this key: recipients[0]: RSA-OAEP-256 needs",
            "; recipients[1]: ECDH-ES+A256KW needs",
        ],
    );
}

#[test]
fn encrypt_general_flattened_and_aad_round_trip() {
    let d = Dir::new("ours");
    let aad = d.write("aad.bin", "context \u{1}");
    let o = run(&[
        "encrypt",
        "--serialization",
        "general",
        "--key",
        &d.path("rsa_enc.public.jwk"),
        "--key",
        &d.path("ec_enc.public.jwk"),
        "--alg",
        "RSA-OAEP-256",
        "--alg",
        "ECDH-ES+A256KW",
        "--enc",
        "A128CBC-HS256",
        "--aad",
        &format!("@{aad}"),
        "{\"sub\":\"ours\"}",
    ]);
    o.expect(0, &["note: the plaintext is unsigned claims"]);
    let doc: Value = serde_json::from_str(o.stdout.trim()).unwrap();
    assert_eq!(doc["recipients"][0]["header"]["kid"], "rsa-enc1");
    assert_eq!(doc["recipients"][1]["header"]["alg"], "ECDH-ES+A256KW");
    let path = d.write("ours.json", o.stdout.trim());
    for key in ["rsa_enc.private.jwk", "ec_enc.private.jwk", "both.jwks"] {
        let o = run(&[
            "decrypt",
            &format!("@{path}"),
            "--key",
            &d.path(key),
            "--json",
        ]);
        o.expect(0, &[]);
        assert_eq!(o.json()["aad"]["value"], "context \u{1}");
        assert_eq!(o.json()["plaintext"]["sub"], "ours");
    }
    // One --alg for every key; --kid once per key.
    let o = run(&[
        "encrypt",
        "--serialization",
        "general",
        "-K",
        &d.path("rsa_enc.public.jwk"),
        "-K",
        &d.path("rsa_sig.public.jwk"),
        "-A",
        "RSA-OAEP",
        "-E",
        "A256GCM",
        "--kid",
        "a",
        "--kid",
        "b",
        "hi",
    ]);
    o.expect(0, &[]);
    let doc: Value = serde_json::from_str(o.stdout.trim()).unwrap();
    assert_eq!(
        doc["recipients"][1]["header"],
        json!({"alg": "RSA-OAEP", "kid": "b"})
    );
    // Flattened: the whole header protected, as in the compact form.
    let o = run(&[
        "encrypt",
        "--serialization",
        "flattened",
        "-K",
        &d.path("ec_enc.public.jwk"),
        "-A",
        "ECDH-ES",
        "-E",
        "A256GCM",
        "--aad",
        "x",
        "hi",
    ]);
    o.expect(0, &[]);
    let flat: Value = serde_json::from_str(o.stdout.trim()).unwrap();
    assert!(flat.get("encrypted_key").is_none() && flat.get("header").is_none());
    let path = d.write("flat.json", o.stdout.trim());
    run(&[
        "decrypt",
        &format!("@{path}"),
        "-K",
        &d.path("ec_enc.private.jwk"),
    ])
    .expect(0, &["Plaintext (text, 2 bytes)\nhi"]);
}

#[test]
fn encrypt_refuses_what_its_serialization_cannot_carry() {
    let d = Dir::new("refuse");
    let (rsa, ec) = (d.path("rsa_enc.public.jwk"), d.path("ec_enc.public.jwk"));
    let cases: [(&[&str], &str); 6] = [
        (
            &["-K", &rsa, "-A", "RSA-OAEP-256", "--aad", "x"],
            "a compact JWE has no aad member",
        ),
        (
            &[
                "-K",
                &rsa,
                "-K",
                &ec,
                "-A",
                "RSA-OAEP-256",
                "-A",
                "ECDH-ES+A128KW",
            ],
            "a compact JWE has one recipient; 2 keys were given",
        ),
        (
            &[
                "--serialization",
                "flattened",
                "-K",
                &rsa,
                "-K",
                &ec,
                "-A",
                "RSA-OAEP-256",
                "-A",
                "ECDH-ES+A128KW",
            ],
            "holds one recipient; 2 were given",
        ),
        (
            &[
                "--serialization",
                "general",
                "-K",
                &rsa,
                "-K",
                &ec,
                "-A",
                "RSA-OAEP-256",
                "-A",
                "ECDH-ES",
            ],
            "ECDH-ES cannot be one of several recipients",
        ),
        (
            &[
                "--serialization",
                "general",
                "-K",
                &rsa,
                "-K",
                &ec,
                "-A",
                "RSA-OAEP-256",
                "-A",
                "RSA-OAEP",
                "-A",
                "A128KW",
            ],
            "--alg is given 3 times for 2 --key",
        ),
        (
            &[
                "--serialization",
                "general",
                "-K",
                &rsa,
                "-K",
                &ec,
                "-A",
                "RSA-OAEP-256",
                "-A",
                "ECDH-ES+A128KW",
                "--kid",
                "a",
            ],
            "--kid is given 1 times for 2 --key",
        ),
    ];
    for (args, phrase) in cases {
        let all = [&["encrypt", "-E", "A256GCM"], args, &["hi"]].concat();
        run(&all).expect(2, &[phrase]);
    }
    let doc = jose_general().to_string();
    run(&["decrypt", &doc, "-K", &rsa, "-K", &ec]).expect(2, &["decrypt takes one --key"]);
}

#[test]
fn encrypt_dash_takes_bytes_that_are_not_utf8() {
    let d = Dir::new("bytes");
    let bytes: &[u8] = b"\xff\xfe\x00\x80 binary\n";
    let secret = "hex:000102030405060708090a0b0c0d0e0f";
    for serialization in ["compact", "flattened", "general"] {
        let o = run_in(
            &[
                "encrypt",
                "-",
                "--secret",
                secret,
                "-A",
                "A128KW",
                "-E",
                "A128GCM",
                "--serialization",
                serialization,
            ],
            bytes,
        );
        o.expect(0, &[]);
        let path = d.write("b.jwe", o.stdout.trim());
        let raw = workbench(
            &["decrypt", &format!("@{path}"), "--secret", secret, "--raw"],
            None,
            None,
        );
        raw.expect(0, &[]);
        let file = d.path(&format!("out-{serialization}.bin"));
        run(&[
            "decrypt",
            &format!("@{path}"),
            "--secret",
            secret,
            "--out",
            &file,
        ])
        .expect(0, &["Plaintext (12 bytes) written to"]);
        assert_eq!(
            std::fs::read(&file).unwrap(),
            bytes,
            "{serialization}: every byte, the final newline too"
        );
    }
    // A text keeps the old behaviour: one final line break is dropped (echo adds one).
    let o = run_in(
        &[
            "encrypt", "-", "--secret", secret, "-A", "A128KW", "-E", "A128GCM",
        ],
        b"hello\n",
    );
    let path = d.write("t.jwe", o.stdout.trim());
    let raw = run(&["decrypt", &format!("@{path}"), "--secret", secret, "--raw"]);
    assert_eq!(raw.stdout, "hello");
}

#[test]
fn a_nested_jwt_in_a_general_document_keeps_the_exit_code_contract() {
    let d = Dir::new("nested");
    let jws = run(&[
        "encode",
        "--alg",
        "HS256",
        "--secret",
        "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t!",
        "{\"sub\":\"n\",\"exp\":4000000000}",
    ]);
    jws.expect(0, &[]);
    let o = run(&[
        "encrypt",
        "--serialization",
        "general",
        "--cty",
        "JWT",
        "-K",
        &d.path("rsa_enc.public.jwk"),
        "-K",
        &d.path("ec_enc.public.jwk"),
        "-A",
        "RSA-OAEP-256",
        "-A",
        "ECDH-ES+A128KW",
        "-E",
        "A256GCM",
        jws.stdout.trim(),
    ]);
    o.expect(0, &[]);
    let path = d.write("n.json", o.stdout.trim());
    let doc = format!("@{path}");
    let key = d.path("ec_enc.private.jwk");
    run(&[
        "decrypt",
        &doc,
        "-K",
        &key,
        "--verify-secret",
        "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t!",
    ])
    .expect(0, &["Inner token (nested JWT)"]);
    run(&[
        "decrypt",
        &doc,
        "-K",
        &key,
        "--verify-secret",
        "another-secret-another-secret-xx!",
    ])
    .expect(1, &["the inner token is not valid"]);
    run(&["decrypt", &doc, "-K", &key]).expect(0, &["Inner signature NOT checked"]);
}
