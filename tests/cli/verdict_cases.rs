//! Issue 16, "a verdict that cannot be fooled": one test per numbered case, each row run
//! through the built command line (exit code and a key phrase) and, where the case applies
//! to the window, through `Workbench::apply`, whose headline must give the same verdict.

use crate::common::fixture;
use jwt_workbench::core::b64;
use jwt_workbench::core::keys::{self, Key};
use jwt_workbench::core::text::has_hidden;
use jwt_workbench::core::workbench::{Edit, Headline, Tone, Workbench};
use jwt_workbench::core::{
    alg::JwsAlg,
    token::inspect,
    verify::{Policy, verify},
};
use serde_json::{Value, json};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: i64 = 1_800_000_000;
const NOW_ARG: &str = "--now=1800000000";
const SECRET: &str = "correct-horse-battery-staple-42!";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
    /// Standard output and error as bytes, for "no raw control byte" checks.
    bytes: Vec<u8>,
    raw_stdout: Vec<u8>,
}

impl Out {
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

fn run_in(args: &[&str], stdin: Option<&[u8]>) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jwt-workbench"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    let o = Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        bytes: [&out.stdout[..], &out.stderr[..]].concat(),
        raw_stdout: out.stdout,
    };
    assert!(
        !o.stderr.contains("panicked") && o.code != 101,
        "{}",
        o.stderr
    );
    o
}

/// Runs the binary at the fixed instant `NOW`.
fn run(args: &[&str]) -> Out {
    run_in(&[args, &[NOW_ARG]].concat(), None)
}

/// The words of a command line (for arguments without spaces).
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split_whitespace()
}

/// Asserts the exit code and that stdout or stderr holds every phrase.
#[track_caller]
fn expect(o: &Out, code: i32, phrases: &[&str]) {
    let all = o.all();
    assert_eq!(o.code, code, "exit code; output:\n{all}");
    for p in phrases {
        assert!(all.contains(p), "{p:?} not in:\n{all}");
    }
}

fn hmac() -> Key {
    keys::parse_secret_spec(SECRET).unwrap()
}

/// A token of these exact header and payload bytes, signed with `key` under `alg`.
fn jws(header: &str, payload: &[u8], key: &Key, alg: JwsAlg) -> String {
    let input = format!(
        "{}.{}",
        b64::encode(header.as_bytes()),
        b64::encode(payload)
    );
    let sig = keys::sign_bytes(key, alg, input.as_bytes()).unwrap();
    format!("{input}.{}", b64::encode(&sig))
}

/// An HS256 token (with `SECRET`) of these exact header and payload bytes.
fn hs(header: &str, payload: &[u8]) -> String {
    jws(header, payload, &hmac(), JwsAlg::HS256)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// A temporary folder, removed at the end of the test.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("jwtwb-verdict-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the effects' jobs (signing, decrypting) at once.
fn apply(wb: &mut Workbench, e: Edit) {
    wb.apply_and_settle(e);
}

/// The window's headline for `token` after the key (and other) edits.
fn window(token: &str, edits: Vec<Edit>) -> Headline {
    let mut wb = Workbench::empty();
    for e in edits {
        apply(&mut wb, e);
    }
    apply(&mut wb, Edit::Token(token.into()));
    wb.headline(NOW)
}

/// The window agrees with the command line: green exactly when the CLI exits 0.
#[track_caller]
fn agrees(cli: &Out, h: &Headline) {
    let good = h.tone == Tone::Good;
    assert_eq!(
        good,
        cli.code == 0,
        "window {:?} {:?} ({}) vs CLI exit {}:\n{}",
        h.tone,
        h.title,
        h.detail,
        cli.code,
        cli.all()
    );
}

/// Case 1's rows: name | `typ` if the header says `typ: JWT` | the payload (`BOM` stands for
/// the UTF-8 byte-order mark, `WS` for leading whitespace) | what the verdict names.
const CASE1_ROWS: &str = r#"
1e400           | typ | {"sub":"1","exp":1000,"x":1e400}          | number out of range
ws-1e400        |     | WS{"exp":1000,"x":1e400}                  | number out of range
lone-ud800      |     | {"sub":"1","exp":1000,"x":"\ud800"}       | line 1 column
ud800-u0041     |     | {"sub":"1","exp":1000,"x":"\ud800\u0041"} | surrogate
bom             |     | BOM{"sub":"1","exp":1000}                 | byte-order mark
trailing-bytes  |     | {"sub":"1","exp":1000} x                  | trailing characters
trailing-object |     | {"sub":"1","exp":1000}{}                  | trailing characters
duplicate-exp   |     | {"sub":"1","exp":1000,"exp":4000000000}   | "exp" twice
typ-jwt-text    | typ | hello world                               | line 1 column 1
typ-jwt-array   | typ | [1,2]                                     | an array, not a JSON object
"#;

/// Case 1: a JWS payload that looks like JSON, or whose header says `typ: JWT`, is judged as
/// JWT claims: unreadable is "invalid claims" (exit 1) with the reason and position.
#[test]
fn case1_payloads_meant_as_claims_are_read_strictly() {
    let mut rows: Vec<(String, bool, String, String)> = CASE1_ROWS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").map(str::trim).collect();
            let payload = cells[2].replace("BOM", "\u{feff}").replace("WS", " \t\n ");
            (cells[0].into(), cells[1] == "typ", payload, cells[3].into())
        })
        .collect();
    let deep = format!(
        r#"{{"sub":"1","x":{}{}}}"#,
        "[".repeat(127),
        "]".repeat(127)
    );
    rows.push((
        "nesting-128".into(),
        false,
        deep,
        "nested 128 levels deep".into(),
    ));
    for (name, typ, payload, why) in rows {
        let header = if typ {
            r#"{"alg":"HS256","typ":"JWT"}"#
        } else {
            r#"{"alg":"HS256"}"#
        };
        let token = hs(header, payload.as_bytes());
        let o = run(&["verify", &token, "--secret", SECRET]);
        expect(&o, 1, &["invalid claims: ", &why]);
        assert!(
            o.stdout.starts_with("invalid claims"),
            "{name}: {}",
            o.stdout
        );
        let h = window(&token, vec![Edit::Secret(SECRET.into())]);
        assert_eq!(h.title, "× Invalid claims", "{name}: {}", h.detail);
        agrees(&o, &h);
        // One reading decides "is this JWT claims": the core's verdict is the CLI's first line.
        let report = verify(
            &inspect(&token).unwrap(),
            Some(&hmac()),
            &Policy::default(),
            NOW,
        );
        assert_eq!(
            o.stdout.lines().next(),
            Some(&report.verdict().1[..]),
            "{name}"
        );
    }
    // Plain text with no typ: a JWS, not a JWT; only --any-payload accepts it.
    let token = hs(r#"{"alg":"HS256"}"#, b"hello world");
    let o = run(&["verify", &token, "--secret", SECRET]);
    expect(&o, 1, &["not a JWT"]);
    let h = window(&token, vec![Edit::Secret(SECRET.into())]);
    assert_eq!(h.title, "? Valid signature, not a JWT");
    agrees(&o, &h);
    let o = run(&["verify", &token, "--secret", SECRET, "--any-payload"]);
    expect(
        &o,
        0,
        &["valid: signature verified", "any payload accepted"],
    );
}

/// The RSA-OAEP-256 / A256GCM JWE of `plaintext` to rsa2048.spki.pem.
fn encrypt(plaintext: &str, cty_jwt: bool) -> String {
    let spki = fixture("rsa2048.spki.pem");
    let mut args = vec!["encrypt", "--key", path(&spki), "--alg", "RSA-OAEP-256"];
    args.extend(["--enc", "A256GCM"]);
    if cty_jwt {
        args.extend(["--cty", "JWT"]);
    }
    args.push(plaintext);
    let o = run(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout.trim().to_string()
}

/// Case 2: with a verification key, `decrypt` exits 0 only when a signed token inside verified;
/// encrypted claims get exp/nbf checks and are said to be NOT signed.
#[test]
fn case2_decrypt_exits_0_only_when_something_was_verified() {
    let pkcs8 = fixture("rsa2048.pkcs8.pem");
    let spki = fixture("rsa2048.spki.pem");
    let dec = ["decrypt", "--key", path(&pkcs8)];
    let claims = encrypt(r#"{"sub":"1","exp":4000000000}"#, false);
    let inner_jwe = encrypt(&claims, false);
    let text = encrypt("hello, not a token", false);
    let nothing = "nothing was verified";
    for (name, jwe) in [("claims", &claims), ("jwe", &inner_jwe), ("text", &text)] {
        let o = run(&[&dec[..], &[jwe, "--verify-secret", SECRET]].concat());
        expect(&o, 1, &[nothing]);
        let o = run(&[&dec[..], &[jwe, "--verify-key", path(&spki)]].concat());
        expect(&o, 1, &[nothing]);
        let o = run(&[&dec[..], &[jwe, "--verify-key", path(&spki), "--json"]].concat());
        assert_eq!(o.code, 1, "{name}: {}", o.all());
        assert!(o.stdout.contains(nothing), "{name} --json: {}", o.stdout);
    }
    // (d) a nested signed JWT that verifies.
    let signed = hs(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        br#"{"sub":"1","exp":4000000000}"#,
    );
    let nested = encrypt(&signed, true);
    let o = run(&[&dec[..], &[&nested, "--verify-secret", SECRET]].concat());
    expect(&o, 0, &["Inner token: valid"]);
    let jwe_key = Edit::JweKey(fixture_text("rsa2048.pkcs8.pem"));
    let h = window(&nested, vec![jwe_key.clone(), Edit::Secret(SECRET.into())]);
    agrees(&o, &h);
    // (e) encrypted claims that expired, no verification key: exit 1, the expiry named.
    let expired = encrypt(r#"{"sub":"1","exp":1000}"#, false);
    let o = run(&[&dec[..], &[&expired]].concat());
    expect(&o, 1, &["expired", "NOT signed"]);
    let h = window(&expired, vec![jwe_key.clone()]);
    assert!(
        h.title.contains("not signed") && h.title.contains("expired"),
        "{h:?}"
    );
    agrees(&o, &h);
    // (f) valid encrypted claims, no key: exit 0, and the text says they are not signed.
    let o = run(&[&dec[..], &[&claims]].concat());
    expect(&o, 0, &["Encrypted claims, NOT signed"]);
    let h = window(&claims, vec![jwe_key]);
    assert_eq!(h.title, "🔓 Decrypted, not signed", "{h:?}");
}

/// What a token would paint on a terminal: erase the line, return, a fake verdict on a new
/// line, a right-to-left override and a C1 CSI.
const EVIL: &str = "x\u{1b}[2K\r\nFAKE-VALID: all checks passed\u{202e}\u{9b}31m";

/// No raw ESC, CR, U+202E or U+009B, and no line that the token started.
#[track_caller]
fn terminal_safe(o: &Out, what: &str) {
    let b = &o.bytes;
    let has = |needle: &[u8]| b.windows(needle.len()).any(|w| w == needle);
    assert!(
        !b.contains(&0x1b) && !b.contains(&0x0d),
        "{what}: raw ESC or CR"
    );
    assert!(!has("\u{202e}".as_bytes()), "{what}: raw U+202E");
    assert!(!has("\u{9b}".as_bytes()), "{what}: raw U+009B");
    let all = o.all();
    assert!(
        !all.lines()
            .any(|l| l.trim_start().starts_with("FAKE-VALID")),
        "{what}: a line break from the token reached the terminal:\n{all}"
    );
}

/// Case 3: every piece of token or key text in human-readable output is escaped; raw bytes
/// only with `decrypt --raw` or `--out FILE`.
#[test]
fn case3_the_token_cannot_write_on_the_terminal() {
    let e = serde_json::to_string(EVIL).unwrap();
    let claims = br#"{"sub":"1","exp":4000000000}"#;
    let headers = [
        ("kid", format!(r#"{{"alg":"HS256","kid":{e}}}"#)),
        ("typ", format!(r#"{{"alg":"HS256","typ":{e}}}"#)),
        ("alg", format!(r#"{{"alg":{e}}}"#)),
        ("crit", format!(r#"{{"alg":"HS256","crit":[{e}],{e}:1}}"#)),
        ("payload", r#"{"alg":"HS256"}"#.to_string()),
    ];
    for (name, header) in headers {
        let payload = if name == "payload" {
            EVIL.as_bytes()
        } else {
            claims
        };
        let token = hs(&header, payload);
        for cmd in [
            &["decode", &token][..],
            &["verify", &token, "--secret", SECRET],
        ] {
            let what = format!("{name} {}", cmd[0]);
            let o = run(cmd);
            terminal_safe(&o, &what);
            let all = o.all();
            // verify does not print a text payload; everything else shows the value escaped.
            let shown = cmd[0] == "decode" || name != "payload";
            assert!(
                !shown || all.contains(r"\u{1b}") || all.contains(r"\u001b"),
                "{what}: {all}"
            );
            let o = run(&[cmd, &["--json"]].concat());
            terminal_safe(&o, &format!("{what} --json"));
            assert!(o.stdout.contains(r"\u001b"), "{what} --json: {}", o.stdout);
            let v: Value = serde_json::from_str(&o.stdout).unwrap();
            if name == "kid" {
                assert_eq!(
                    v["header"]["kid"], EVIL,
                    "{what}: --json keeps the exact value"
                );
            }
        }
        if name == "kid" {
            let mut wb = Workbench::empty();
            apply(&mut wb, Edit::Secret(SECRET.into()));
            apply(&mut wb, Edit::Token(token.clone()));
            let h = wb.headline(NOW);
            for text in [&h.title, &h.detail, &h.judging] {
                assert!(!has_hidden(text), "window headline: {text:?}");
            }
            for f in wb.findings(NOW) {
                assert!(!has_hidden(&f.title) && !has_hidden(&f.detail), "{f:?}");
            }
        }
    }
    // decrypt: escaped by default, the bytes as they are with --raw and --out.
    let jwe = encrypt(EVIL, false);
    let pkcs8 = fixture("rsa2048.pkcs8.pem");
    let dec = ["decrypt", &jwe, "--key", path(&pkcs8)];
    let o = run(&dec);
    expect(&o, 0, &[r"\u{1b}"]);
    terminal_safe(&o, "decrypt");
    let o = run(&[&dec[..], &["--json"]].concat());
    terminal_safe(&o, "decrypt --json");
    let o = run(&[&dec[..], &["--raw"]].concat());
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.raw_stdout,
        EVIL.as_bytes(),
        "--raw prints the bytes as they are"
    );
    let dir = Dir::new("case3");
    let out = dir.0.join("plain.bin");
    let o = run(&[&dec[..], &["--out", path(&out)]].concat());
    assert_eq!(o.code, 0, "{}", o.all());
    terminal_safe(&o, "decrypt --out");
    assert_eq!(std::fs::read(&out).unwrap(), EVIL.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "--out writes owner-only");
    }
}

/// Case 4: OpenSSH public keys (text or @file), any `-----BEGIN`, JWK/JWKS text are refused as
/// HMAC secrets with the key-confusion message.
#[test]
fn case4_keys_given_as_secrets_are_refused() {
    let token = hs(r#"{"alg":"HS256"}"#, br#"{"sub":"1"}"#);
    let dir = Dir::new("case4");
    let rows = [
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host",
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host",
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= user@host",
        "-----BEGIN SOMETHING-----\nAAAA\n-----END SOMETHING-----\n",
        &fixture_text("rsa2048.spki.pem"),
        &fixture_text("rsa2048.cert.pem"),
        crate::common::A2_JWK,
        r#"{"keys":[{"kty":"EC","crv":"P-256","x":"a","y":"b"}]}"#,
    ];
    for (i, secret) in rows.iter().enumerate() {
        let file = dir.file(&format!("secret{i}"), secret);
        let mut forms = vec![
            vec![format!("--secret={secret}")],
            vec!["--secret".to_string(), format!("@{}", path(&file))],
        ];
        if !secret.starts_with('-') {
            forms.push(vec!["--secret".to_string(), (*secret).to_string()]);
        }
        for form in forms {
            let mut args = vec!["verify", &token];
            args.extend(form.iter().map(String::as_str));
            expect(&run(&args), 2, &["key-confusion"]);
        }
        let h = window(&token, vec![Edit::Secret((*secret).to_string())]);
        assert!(h.title.starts_with("? Not checked"), "row {i}: {h:?}");
        assert_ne!(h.tone, Tone::Good);
    }
}

/// A public JWK of a fixture key (as `key --to jwk` writes it), with `extra` members set.
fn jwk(name: &str, extra: Value) -> Value {
    let o = run(&["key", path(&fixture(name)), "--to", "jwk"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut v: Value = serde_json::from_str(&o.stdout).unwrap();
    for (k, m) in extra.as_object().unwrap() {
        v[k] = m.clone();
    }
    v
}

/// A token signed by `encode --key` with a fixture private key.
fn signed(key: &str, alg: &str, extra: &[&str]) -> String {
    let k = fixture(key);
    let mut args = vec!["encode", "--key", path(&k), "--alg", alg];
    args.extend(extra);
    args.push(r#"{"sub":"1","exp":4000000000}"#);
    let o = run(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout.trim().to_string()
}

/// Case 5: a JWK's `alg`, `use` and `key_ops` are heard (exit 2 naming the member); a JWKS with
/// an RSA and an EC key under one kid picks the one that fits; a numeric kid is not a string.
#[test]
fn case5_keys_say_what_they_are_for() {
    let dir = Dir::new("case5");
    let ps256 = signed("rsa2048.pkcs8.pem", "PS256", &[]);
    let rows = [
        ("alg", json!({"alg": "RS256"}), "\"alg\": \"RS256\""),
        ("use", json!({"use": "enc"}), "\"use\": \"enc\""),
        ("key_ops", json!({"key_ops": ["encrypt"]}), "\"key_ops\""),
    ];
    for (name, extra, phrase) in rows {
        let text = jwk("rsa2048.spki.pem", extra).to_string();
        let file = dir.file(&format!("{name}.jwk"), &text);
        let o = run(&["verify", &ps256, "--key", path(&file)]);
        expect(&o, 2, &[phrase]);
        agrees(&o, &window(&ps256, vec![Edit::PublicKey(text)]));
    }
    // One kid, two keys: each token finds the key that fits its alg.
    let rsa = jwk("rsa2048.spki.pem", json!({"kid": "k1"}));
    let ec = jwk("ec256.spki.pem", json!({"kid": "k1"}));
    let jwks = json!({ "keys": [rsa, ec] }).to_string();
    let set = dir.file("shared.jwks", &jwks);
    for (key, alg) in [("rsa2048.pkcs8.pem", "RS256"), ("ec256.pkcs8.pem", "ES256")] {
        let token = signed(key, alg, &["--kid", "k1"]);
        let o = run(&["verify", &token, "--key", path(&set)]);
        expect(&o, 0, &["valid: signature verified", alg]);
        agrees(&o, &window(&token, vec![Edit::PublicKey(jwks.clone())]));
    }
    // A numeric kid: named as not a string, with a JWKS (exit 2) and with one key (exit 1).
    let numeric = signed("rsa2048.pkcs8.pem", "RS256", &["--header", r#"{"kid":7}"#]);
    let o = run(&["verify", &numeric, "--key", path(&set)]);
    expect(&o, 2, &["not a string"]);
    assert!(!o.all().contains("has no kid"), "{}", o.all());
    agrees(&o, &window(&numeric, vec![Edit::PublicKey(jwks)]));
    let spki = fixture("rsa2048.spki.pem");
    let o = run(&["verify", &numeric, "--key", path(&spki)]);
    expect(&o, 1, &["kid is a number (7), not a string"]);
    let h = window(
        &numeric,
        vec![Edit::PublicKey(fixture_text("rsa2048.spki.pem"))],
    );
    assert_eq!(h.tone, Tone::Bad, "{h:?}");
    agrees(&o, &h);
}

/// Case 6: a token with `aud` verified without an expected audience is not valid (exit 1, a
/// hint naming --aud and --any-aud; amber in the window); an `aud` array with a number is
/// malformed.
#[test]
fn case6_aud_without_an_expected_audience_is_not_valid() {
    let token = hs(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        br#"{"sub":"1","aud":"api"}"#,
    );
    let base = ["verify", &token, "--secret", SECRET];
    let o = run(&base);
    expect(&o, 1, &["aud present, no expected audience"]);
    let hint = o
        .stdout
        .lines()
        .find(|l| l.starts_with("hint:"))
        .unwrap_or("");
    assert!(
        hint.contains("--aud") && hint.contains("--any-aud"),
        "{}",
        o.stdout
    );
    let secret = Edit::Secret(SECRET.into());
    let h = window(&token, vec![secret.clone()]);
    assert_eq!(h.tone, Tone::Warn, "{h:?}");
    assert!(h.title.contains("audience not checked"), "{h:?}");
    agrees(&o, &h);
    let o = run(&[&base[..], &["--aud", "api"]].concat());
    expect(&o, 0, &["valid: signature verified"]);
    let h = window(&token, vec![secret.clone(), Edit::Audience("api".into())]);
    assert_eq!(h.tone, Tone::Good, "{h:?}");
    agrees(&o, &h);
    let o = run(&[&base[..], &["--any-aud"]].concat());
    expect(&o, 0, &["any audience accepted"]);
    agrees(
        &o,
        &window(&token, vec![secret.clone(), Edit::AnyAudience(true)]),
    );
    let o = run(&[&base[..], &["--aud", "other"]].concat());
    expect(&o, 1, &["aud does not match"]);
    // An array with a non-string member.
    let token = hs(r#"{"alg":"HS256"}"#, br#"{"sub":"1","aud":["api",7]}"#);
    let o = run(&["verify", &token, "--secret", SECRET, "--aud", "api"]);
    expect(&o, 1, &["malformed"]);
    let h = window(&token, vec![secret, Edit::Audience("api".into())]);
    assert_eq!(h.tone, Tone::Bad, "{h:?}");
    agrees(&o, &h);
}

/// Case 7: `b64` outside `crit` is refused citing RFC 7797; a real unencoded token (signed over
/// the payload as it stands) verifies, and a base64url payload under `b64:false` is read as the
/// text it is, which is not claims; `encode` refuses headers that would make a token its own
/// `verify` rejects.
#[test]
fn case7_b64_and_crit() {
    let claims = br#"{"sub":"1","exp":4000000000}"#;
    for (name, header) in [
        ("b64-false-no-crit", r#"{"alg":"HS256","b64":false}"#),
        ("b64-true-no-crit", r#"{"alg":"HS256","b64":true}"#),
    ] {
        let token = hs(header, claims);
        let o = run(&["verify", &token, "--secret", SECRET]);
        expect(&o, 1, &["RFC 7797"]);
        let h = window(&token, vec![Edit::Secret(SECRET.into())]);
        assert_eq!(h.tone, Tone::Bad, "{name}: {h:?}");
        agrees(&o, &h);
    }
    // Signed the RFC 7515 way but labelled b64:false: the signature holds over the same bytes,
    // yet the payload is the base64url text itself, which is not claims.
    let relabelled = hs(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, claims);
    let o = run(&["verify", &relabelled, "--secret", SECRET]);
    expect(&o, 1, &["not"]);
    agrees(&o, &window(&relabelled, vec![Edit::Secret(SECRET.into())]));

    let claims = r#"{"sub":"1","exp":4000000000}"#;
    let o = run(&[
        "encode", "--secret", SECRET, "--no-iat", "--b64", "false", claims,
    ]);
    expect(&o, 0, &[]);
    let unencoded = o.stdout.trim().to_string();
    assert!(unencoded.contains(&format!(".{claims}.")), "{unencoded}");
    let o = run(&["verify", &unencoded, "--secret", SECRET]);
    expect(&o, 0, &["valid: signature verified"]);
    agrees(&o, &window(&unencoded, vec![Edit::Secret(SECRET.into())]));
    let forged = unencoded.replace(r#""sub":"1""#, r#""sub":"2""#);
    let o = run(&["verify", &forged, "--secret", SECRET]);
    expect(&o, 1, &["signature"]);
    agrees(&o, &window(&forged, vec![Edit::Secret(SECRET.into())]));

    for header in [r#"{"crit":["x"],"x":1}"#, r#"{"b64":true}"#] {
        let o = run(&["encode", "--secret", SECRET, "--header", header, "{}"]);
        expect(&o, 2, &["would make a token that verify rejects"]);
        assert!(o.stdout.trim().is_empty(), "no token printed: {}", o.stdout);
    }
}

/// Case 7, detached: `encode --detached` leaves the payload out; `verify --payload` puts it
/// back, and a changed payload, a missing one or a payload for an attached token is refused.
#[test]
fn case7_detached_payloads() {
    let claims = r#"{"sub":"1","exp":4000000000}"#;
    for b64 in ["true", "false"] {
        let o = run(&[
            "encode",
            "--secret",
            SECRET,
            "--no-iat",
            "--b64",
            b64,
            "--detached",
            claims,
        ]);
        expect(&o, 0, &[]);
        let token = o.stdout.trim().to_string();
        assert!(token.contains(".."), "{b64}: detached: {token}");
        let o = run(&["verify", &token, "--secret", SECRET, "--payload", claims]);
        expect(&o, 0, &["valid: signature verified"]);
        let other = claims.replace('1', "2");
        let o = run(&["verify", &token, "--secret", SECRET, "--payload", &other]);
        expect(&o, 1, &["signature"]);
        let o = run(&["verify", &token, "--secret", SECRET]);
        // Nothing to check the signature over: an input error, like a malformed token.
        assert_eq!(o.code, 2, "{b64}: without its payload: {}", o.all());
        assert!(o.all().contains("--payload"), "{}", o.all());
    }
    let attached = hs(r#"{"alg":"HS256"}"#, claims.as_bytes());
    let o = run(&["verify", &attached, "--secret", SECRET, "--payload", claims]);
    expect(&o, 2, &["carries its payload"]);
}

/// Case 8: no output path quotes a secret or a private key (argument errors included); the
/// public form of a symmetric key is a clear error.
#[test]
fn case8_secrets_never_reach_messages() {
    let token = hs(r#"{"alg":"HS256"}"#, br#"{"sub":"1"}"#);
    let pem = fixture_text("rsa2048.pkcs8.pem");
    let padded = "-----BEGIN PRIVATE KEY-----\nMIIEsecretsecretsecret==\n-----END PRIVATE KEY-----";
    let unpadded = "-----BEGIN PRIVATE KEY-----\nMIIEsecretsecretsecret\n-----END PRIVATE KEY-----";
    let secrets = [
        ("rsa2048.pkcs8.pem", pem.trim()),
        ("invented, base64 padding", padded),
        ("invented, no padding", unpadded),
    ];
    // Each value starts with dashes, so clap fails on it and reports the argument.
    let mut leaks = Vec::new();
    for (name, secret) in secrets {
        let assigned = format!("--secret={secret}");
        let forms: [(&str, Vec<&str>); 5] = [
            (
                "verify T --secret V",
                vec!["verify", &token, "--secret", secret],
            ),
            ("verify T -S V", vec!["verify", &token, "-S", secret]),
            (
                "verify --secret V T",
                vec!["verify", "--secret", secret, &token],
            ),
            (
                "verify T --secret=V --aud",
                vec!["verify", &token, &assigned, "--aud"],
            ),
            (
                "decrypt J --secret V --verify-secret V",
                vec![
                    "decrypt",
                    "a.b.c.d.e",
                    "--secret",
                    secret,
                    "--verify-secret",
                    secret,
                ],
            ),
        ];
        for (form, args) in forms {
            let o = run_in(&args, None);
            assert_eq!(o.code, 2, "{name}, {form}: exit code");
            let all = o.all();
            // Base64 lines of the body, padding aside (clap cuts an argument at its first '=').
            let mut body = secret
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .map(|l| l.trim_end_matches('='));
            if let Some(line) = body.find(|l| all.contains(l)) {
                let at = all.find(line).unwrap_or(0).saturating_sub(30);
                let near: String = all.get(at..).unwrap_or("").chars().take(90).collect();
                leaks.push(format!("{name}, {form}: {near:?}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "the key body reached the output:\n{}",
        leaks.join("\n")
    );
    let dir = Dir::new("case8");
    let k = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXh5eg";
    let file = dir.file("secret.jwk", json!({"kty": "oct", "k": k}).to_string());
    for to in ["jwk", "pem"] {
        let o = run(&["key", path(&file), "--to", to, "--public"]);
        expect(&o, 2, &["no public key"]);
        assert!(
            !o.all().contains(k),
            "--to {to} --public printed k:\n{}",
            o.all()
        );
    }
    let o = run(&["key", path(&file), "--to", "jwks", "--public"]);
    assert!(
        !o.all().contains(k),
        "--to jwks --public printed k:\n{}",
        o.all()
    );
}

/// Case 9: private files are new 0600 files renamed into place (never through a symlink,
/// whatever the old mode); every read is capped, devices and pipes included.
#[cfg(unix)]
#[test]
fn case9_files_are_written_and_read_safely() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = Dir::new("case9");
    let out = dir.0.join("keys");
    std::fs::create_dir_all(&out).unwrap();
    let private = out.join("es256.key.pem");
    let keygen = |force: bool| {
        let mut args = vec!["keygen", "--alg", "ES256", "--out-dir", path(&out)];
        if force {
            args.push("--force");
        }
        run(&args)
    };
    // Without --force, an existing file stays.
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o644)).unwrap();
    expect(&keygen(false), 2, &["exists", "--force"]);
    assert_eq!(std::fs::read_to_string(&private).unwrap(), "old");
    // Over a 0644 file: the new private key is 0600.
    expect(&keygen(true), 0, &["owner-only"]);
    let meta = std::fs::symlink_metadata(&private).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(
        std::fs::read_to_string(&private)
            .unwrap()
            .contains("PRIVATE KEY")
    );
    // Over a symlink that points out of --out-dir: the link is replaced, its target untouched.
    let outside = dir.file("outside.txt", "outside");
    std::fs::set_permissions(&outside, std::fs::Permissions::from_mode(0o644)).unwrap();
    for name in ["es256.key.pem", "es256.pub.pem"] {
        let link = out.join(name);
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        expect(&keygen(true), 0, &[]);
        assert_eq!(
            std::fs::read_to_string(&outside).unwrap(),
            "outside",
            "{name}"
        );
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(
            meta.file_type().is_file(),
            "{name}: the link is replaced by a file"
        );
    }
    let meta = std::fs::symlink_metadata(&private).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    // /dev/zero as a key file or a secret file: refused at the cap, at once.
    let token = hs(r#"{"alg":"HS256"}"#, br#"{"sub":"1"}"#);
    for args in [
        ["verify", &token, "--key", "/dev/zero"],
        ["verify", &token, "--secret", "@/dev/zero"],
    ] {
        let start = Instant::now();
        let o = run(&args);
        expect(&o, 2, &["over 1 MiB"]);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{args:?} took {:?}",
            start.elapsed()
        );
    }
}

/// `attack TOKEN --secret SECRET --json`, the token on standard input, the output to a file
/// (read back as a stream): the exit code, standard error, and the number of variants when
/// standard output is one JSON object with a `variants` array.
fn attack_json(token: &str, dir: &Dir) -> (Option<i32>, String, Option<usize>) {
    #[derive(serde::Deserialize)]
    struct Attack {
        variants: Vec<serde::de::IgnoredAny>,
    }
    let out_path = dir.0.join("attack.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jwt-workbench"))
        .args(["attack", "-", "--secret", SECRET, "--json", NOW_ARG])
        .stdin(Stdio::piped())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(token.as_bytes())
        .unwrap();
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("internal error"),
        "{stderr}"
    );
    let file = std::io::BufReader::new(std::fs::File::open(&out_path).unwrap());
    let parsed: Option<Attack> = serde_json::from_reader(file).ok();
    (done.status.code(), stderr, parsed.map(|a| a.variants.len()))
}

/// An HS256 token whose payload carries `size` bytes of filler.
fn big_token(size: usize) -> String {
    let blob = "x".repeat(size);
    let payload = format!(r#"{{"sub":"1","exp":4000000000,"blob":"{blob}"}}"#);
    hs(r#"{"alg":"HS256","typ":"JWT"}"#, payload.as_bytes())
}

/// Case 10: `attack --json` on a ~4 MiB token does not abort: it streams one JSON object with
/// its variants (exit 0 or 1), or refuses in one sentence above a documented size (exit 2), in
/// which case a token under that size completes.
#[test]
fn case10_attack_on_a_big_token_completes() {
    let dir = Dir::new("case10");
    let start = Instant::now();
    let (code, stderr, variants) = attack_json(&big_token(4 << 20), &dir);
    eprintln!(
        "case10: 4 MiB payload: exit {code:?} in {:?}",
        start.elapsed()
    );
    match code {
        Some(0 | 1) => assert!(variants.is_some_and(|n| n > 0), "no variants: {stderr}"),
        Some(2) => {
            let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
            assert_eq!(errors.len(), 1, "one sentence: {stderr}");
            assert!(errors[0].contains("MiB"), "names the limit: {stderr}");
            // Under the limit (1 MiB today), the lab runs and its JSON parses.
            let (code, stderr, variants) = attack_json(&big_token(700 << 10), &dir);
            assert!(matches!(code, Some(0 | 1)), "exit {code:?}: {stderr}");
            assert!(variants.is_some_and(|n| n > 0), "no variants: {stderr}");
        }
        other => panic!("exit {other:?}: {stderr}"),
    }
}

/// Case 11: `"jti": null` is not present; a float `p2c` never names an internal
/// (`Limits::max_p2c`): it is not an iteration count at all, so it is refused as malformed
/// (raising `--max-p2c` could not make it usable), while a whole count over the cap names
/// `--max-p2c`; `pair --now` near i64::MAX is refused instead of wrapping `exp`.
#[test]
fn case11_smaller_same_spirit() {
    let claims = br#"{"sub":"1","exp":4000000000,"jti":null}"#;
    let token = hs(r#"{"alg":"HS256"}"#, claims);
    let o = run(&["verify", &token, "--secret", SECRET, "--require", "jti"]);
    expect(&o, 1, &["jti"]);
    agrees(&o, &window(&token, vec![Edit::Secret(SECRET.into())]));
    // PBES2 with a float p2c (the header built by hand): malformed, named as such.
    let pw = "correct-horse-battery-staple";
    let encrypt = "encrypt --alg PBES2-HS256+A128KW --enc A128GCM hi --secret";
    let o = run(&words(encrypt).chain([pw]).collect::<Vec<_>>());
    let jwe = o.stdout.trim().to_string();
    let (head, rest) = jwe.split_once('.').unwrap();
    let header = String::from_utf8(b64::decode_strict(head).unwrap()).unwrap();
    let p2c = serde_json::from_str::<Value>(&header).unwrap()["p2c"].to_string();
    for float in ["20000.0", "2.5e4", "1e5"] {
        let tampered = header.replace(&format!("\"p2c\":{p2c}"), &format!("\"p2c\":{float}"));
        assert_ne!(tampered, header, "the minified header holds \"p2c\":{p2c}");
        let token = format!("{}.{rest}", b64::encode(tampered.as_bytes()));
        let o = run(&["decrypt", &token, "--secret", pw]);
        expect(&o, 2, &["must be a positive integer"]);
        assert!(!o.all().contains("Limits::"), "{float}: {}", o.all());
    }
    // A whole count over the cap: the command-line option that raises it is named.
    let tampered = header.replace(&format!("\"p2c\":{p2c}"), "\"p2c\":20000");
    let token = format!("{}.{rest}", b64::encode(tampered.as_bytes()));
    let o = run(&["decrypt", &token, "--secret", pw]);
    expect(&o, 2, &["--max-p2c 20000"]);
    // pair near i64::MAX: exit 2, no token and no negative exp printed.
    let args: Vec<&str> = words("pair --sub x --now 9223372036854775000 --secret")
        .chain([SECRET])
        .collect();
    let o = run_in(&args, None);
    expect(&o, 2, &["too late"]);
    assert!(
        !o.stdout.contains("\"exp\": -") && !o.stdout.contains("eyJ"),
        "{}",
        o.stdout
    );
}
