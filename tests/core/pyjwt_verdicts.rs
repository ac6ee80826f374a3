//! Our verifier never accepts a token PyJWT rejects.
//!
//! `fixtures/pyjwt-verdicts/verdicts.json` holds a few hundred hand-built adversarial tokens
//! (malformed JSON signed correctly, odd claims, crit, alg confusion, damaged segments) with
//! PyJWT's verdict on each at a fixed instant; `make.py` beside it made the file and says how.
//! Being stricter than PyJWT is allowed and printed; being more lenient fails the test.

use jwt_workbench::core::keys::{self, Key, Purpose, SecretEncoding};
use jwt_workbench::core::{
    alg::JwsAlg,
    token::inspect,
    verify::{Policy, verify},
};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The stored corpus: how it was made, and one row per token.
#[derive(Debug, Deserialize)]
struct Corpus {
    header: Made,
    rows: Vec<Row>,
}

/// The header object of verdicts.json (only what the tests read).
#[derive(Debug, Deserialize)]
struct Made {
    pyjwt: String,
    now: i64,
    hs_secret: String,
    rs_public_pem: String,
    rows: usize,
    rejected: usize,
}

/// One token and PyJWT's verdict on it.
#[derive(Debug, PartialEq, Deserialize)]
struct Row {
    name: String,
    token: String,
    /// The one algorithm PyJWT was told to accept: HS256 for "hs", RS256 for "rs".
    alg: String,
    /// "hs" (the secret) or "rs" (the RSA public key).
    key: String,
    /// The expected audience given to PyJWT, if any.
    aud: Option<String>,
    /// "accept" or "reject: ExceptionClassName".
    pyjwt: String,
}

impl Row {
    fn pyjwt_rejects(&self) -> bool {
        self.pyjwt != "accept"
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_path() -> PathBuf {
    root().join("tests/fixtures/pyjwt-verdicts/verdicts.json")
}

fn load(path: &Path) -> Corpus {
    let text = std::fs::read_to_string(path).expect("read verdicts.json");
    let corpus: Corpus = serde_json::from_str(&text).expect("parse verdicts.json");
    assert_eq!(
        corpus.header.rows,
        corpus.rows.len(),
        "row count in the header"
    );
    let rejected = corpus.rows.iter().filter(|r| r.pyjwt_rejects()).count();
    assert_eq!(
        corpus.header.rejected, rejected,
        "rejected count in the header"
    );
    corpus
}

/// The two verification keys, loaded as the command line loads them.
struct Keys {
    hs: Key,
    rs: Key,
}

impl Keys {
    fn load(made: &Made) -> Keys {
        let hs = keys::parse_secret(&made.hs_secret, SecretEncoding::Text).expect("the secret");
        let file = keys::load_key_file(&root().join(&made.rs_public_pem)).expect("the RSA key");
        let rs = file
            .pick(None, Purpose::Verify)
            .expect("one RSA key")
            .clone();
        Keys { hs, rs }
    }

    fn get(&self, name: &str) -> &Key {
        match name {
            "hs" => &self.hs,
            "rs" => &self.rs,
            other => panic!("unknown key {other:?} in verdicts.json"),
        }
    }
}

/// Our verdict on a row: `Ok` when valid, else the reason (a token `inspect` refuses counts
/// as rejected).
fn ours(row: &Row, keys: &Keys, now: i64) -> Result<(), String> {
    let insp = inspect(&row.token).map_err(|e| format!("inspect refused it: {e}"))?;
    let policy = Policy {
        algorithms: vec![JwsAlg::from_name(&row.alg).expect("a known algorithm")],
        aud: row.aud.clone(),
        ..Default::default()
    };
    let report = verify(&insp, Some(keys.get(&row.key)), &policy, now);
    let verdict = report.verdict().1;
    if report.valid() { Ok(()) } else { Err(verdict) }
}

/// Rows that are the plain, correct token of their key: if these fail here, the keys did not
/// load as meant and every "rejected" below would be vacuous.
fn is_baseline(row: &Row) -> bool {
    row.name.ends_with("/payload/valid") || row.name.ends_with("/segment/valid")
}

#[test]
fn core_never_accepts_what_pyjwt_rejects() {
    let corpus = load(&corpus_path());
    let keys = Keys::load(&corpus.header);
    let now = corpus.header.now;
    let (mut violations, mut stricter) = (Vec::new(), Vec::new());
    for row in &corpus.rows {
        match (row.pyjwt_rejects(), ours(row, &keys, now)) {
            (true, Ok(())) => violations.push(format!(
                "{}: PyJWT {}; ours: valid: signature verified and all checks passed",
                row.name, row.pyjwt
            )),
            (false, Err(why)) => {
                assert!(
                    !is_baseline(row),
                    "{}: the plain token fails here: {why}",
                    row.name
                );
                stricter.push(format!("{}: {why}", row.name));
            }
            _ => {}
        }
    }
    eprintln!(
        "{} rows; PyJWT {} rejected {}; {} that PyJWT accepts are rejected here (stricter, allowed):",
        corpus.rows.len(),
        corpus.header.pyjwt,
        corpus.header.rejected,
        stricter.len()
    );
    for line in &stricter {
        eprintln!("  {line}");
    }
    assert!(
        violations.is_empty(),
        "{} token(s) PyJWT rejects are valid here:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// Runs `jwt-workbench verify` on a row; returns its exit code (`None`: killed by a signal).
fn cli(row: &Row, made: &Made) -> Option<i32> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jwt-workbench"));
    cmd.args(["verify", "--now", &made.now.to_string(), "--alg", &row.alg]);
    match row.key.as_str() {
        "hs" => cmd.args(["--secret", &made.hs_secret]),
        _ => cmd.arg("--key").arg(root().join(&made.rs_public_pem)),
    };
    if let Some(aud) = &row.aud {
        cmd.args(["--aud", aud]);
    }
    // An argument cannot hold a NUL byte: such a token goes through standard input.
    let piped = row.token.contains('\0');
    cmd.args(["--", if piped { "-" } else { &row.token }]);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("start jwt-workbench");
    let mut stdin = child.stdin.take().expect("stdin");
    if piped {
        std::io::Write::write_all(&mut stdin, row.token.as_bytes()).expect("write the token");
    }
    drop(stdin);
    child.wait().expect("wait for jwt-workbench").code()
}

#[test]
fn cli_never_exits_0_on_what_pyjwt_rejects() {
    let corpus = load(&corpus_path());
    for row in corpus.rows.iter().filter(|r| is_baseline(r)) {
        assert_eq!(
            cli(row, &corpus.header),
            Some(0),
            "{}: the plain token",
            row.name
        );
    }
    let violations: Vec<String> = corpus
        .rows
        .iter()
        .filter(|r| r.pyjwt_rejects())
        .filter_map(|row| match cli(row, &corpus.header) {
            Some(0) => Some(format!(
                "{}: PyJWT {}; jwt-workbench verify: exit 0",
                row.name, row.pyjwt
            )),
            None => Some(format!(
                "{}: jwt-workbench verify was killed by a signal",
                row.name
            )),
            Some(_) => None,
        })
        .collect();
    assert!(
        violations.is_empty(),
        "{} token(s) PyJWT rejects pass `jwt-workbench verify`:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

#[test]
fn stored_verdicts_are_what_make_py_makes() {
    let python = Command::new("python3").args(["-c", "import jwt"]).output();
    if !python.is_ok_and(|o| o.status.success()) {
        eprintln!("note: python3 with PyJWT not found; verdicts.json not regenerated");
        return;
    }
    let dir = std::env::temp_dir().join(format!("pyjwt-verdicts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary folder");
    let out = dir.join("verdicts.json");
    let status = Command::new("python3")
        .arg(root().join("tests/fixtures/pyjwt-verdicts/make.py"))
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::null())
        .status()
        .expect("run make.py");
    assert!(status.success(), "make.py failed");
    let (stored, fresh) = (load(&corpus_path()), load(&out));
    std::fs::remove_dir_all(&dir).expect("remove the temporary folder");
    if stored.header.pyjwt != fresh.header.pyjwt {
        eprintln!(
            "note: verdicts.json is from PyJWT {}, this machine has {}; not compared",
            stored.header.pyjwt, fresh.header.pyjwt
        );
        return;
    }
    let differ: Vec<String> = (stored.rows.iter().zip(&fresh.rows))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("stored: {a:?}\n fresh: {b:?}"))
        .collect();
    assert_eq!(stored.rows.len(), fresh.rows.len(), "row count");
    assert!(
        differ.is_empty(),
        "rerun make.py; rows differ:\n{}",
        differ.join("\n")
    );
}
