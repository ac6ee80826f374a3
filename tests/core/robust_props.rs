//! Property tests of bad input: whatever text or bytes reach the core (a pasted token, a key
//! file, a secret, an editor, the settings file, a JWE), the core answers with a value or a
//! typed error whose message is a sentence and never repeats the input at length. Nothing
//! panics, nothing hangs: inputs stay small (a few KiB) and case counts modest, so the whole
//! file runs in seconds in the debug profile.

use crate::common::{A1_JWK, A1_TOKEN, ED_PUBLIC_JWK, ED_TOKEN, fixture, fixture_key, key};
use jwt_workbench::core::b64;
use jwt_workbench::core::findings::{self, Context};
use jwt_workbench::core::json;
use jwt_workbench::core::jwe::{self, JweError, JweKey, Limits};
use jwt_workbench::core::keys::{self, KeyError, SecretEncoding};
use jwt_workbench::core::structure;
use jwt_workbench::core::token::{Form, Payload, inspect, repair};
use jwt_workbench::core::workbench::{Edit, TimeTravel, Workbench};
use jwt_workbench::core::{
    alg::JwsAlg,
    error::Error,
    keys::{Key, Purpose},
    sign::Layout,
    token::Inspection,
    verify::{Policy, SignatureStatus, verify},
};
use jwt_workbench::settings::SettingsStore;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The instant the tests judge times at (2023-11-14).
const NOW: i64 = 1_700_000_000;

/// Longest run of input characters an error message may repeat. Single characters ("character
/// 4 ('*')") and two-digit hex pairs are quoted on purpose; anything longer would start to
/// echo a token, a key or a secret.
const MAX_ECHO: usize = 12;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Failures are turned into rows of tests/robust_table.rs instead of files here.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// Message checks
// ---------------------------------------------------------------------------------------

/// A user-facing message: non-empty, no panic text, no Rust debug formatting.
fn check_sentence(msg: &str) -> Result<(), TestCaseError> {
    prop_assert!(!msg.trim().is_empty(), "empty message");
    for bad in ["panicked", "Some(", "Err(", "Ok(", "None)"] {
        prop_assert!(!msg.contains(bad), "message has {bad:?}: {msg}");
    }
    Ok(())
}

/// The message repeats no run of more than [`MAX_ECHO`] characters of `input`.
fn check_no_echo(msg: &str, input: &str) -> Result<(), TestCaseError> {
    let chars: Vec<char> = input.chars().collect();
    if chars.len() <= MAX_ECHO {
        return Ok(());
    }
    for w in chars.windows(MAX_ECHO + 1) {
        let run: String = w.iter().collect();
        prop_assert!(
            !msg.contains(&run),
            "message repeats {run:?} of the input: {msg}"
        );
    }
    Ok(())
}

fn check_error_message(msg: &str, input: &str) -> Result<(), TestCaseError> {
    check_sentence(msg)?;
    check_no_echo(msg, input)
}

// ---------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------

const B64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn b64url_chars() -> Vec<char> {
    B64URL.chars().collect()
}

/// A base64url segment, often of a length that decodes, sometimes not.
fn b64_segment(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(b64url_chars()), 0..max)
        .prop_map(|v| v.into_iter().collect())
}

/// A long secret-like string: what a key, a secret or a token body looks like.
fn secret_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(b64url_chars()), 40..80)
        .prop_map(|v| v.into_iter().collect())
}

/// Characters a paste can damage a token with.
fn damage_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::sample::select(b64url_chars()),
        1 => Just('.'),
        2 => prop::sample::select(vec![
            ' ', '\n', '\t', '=', '+', '/', '*', '%', '"', '\'', '`', '\0', 'é', '\u{feff}', '\u{a0}',
        ]),
    ]
}

/// One edit of a string.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(Index, char),
    Insert(Index, char),
    Delete(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), damage_char()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        (any::<Index>(), damage_char()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<Index>().prop_map(Mutation::Delete),
    ]
}

fn mutate(text: &str, edits: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in edits {
        match m {
            Mutation::Replace(i, c) if !chars.is_empty() => {
                let at = i.index(chars.len());
                chars[at] = *c;
            }
            Mutation::Insert(i, c) => {
                let at = i.index(chars.len() + 1);
                chars.insert(at, *c);
            }
            Mutation::Delete(i) if !chars.is_empty() => {
                let at = i.index(chars.len());
                chars.remove(at);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum ByteMutation {
    Replace(Index, u8),
    Insert(Index, u8),
    Delete(Index),
    Truncate(Index),
    FlipBit(Index, u8),
}

fn byte_mutation() -> impl Strategy<Value = ByteMutation> {
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteMutation::Replace(i, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteMutation::Insert(i, b)),
        any::<Index>().prop_map(ByteMutation::Delete),
        any::<Index>().prop_map(ByteMutation::Truncate),
        (any::<Index>(), 0u8..8).prop_map(|(i, b)| ByteMutation::FlipBit(i, b)),
    ]
}

fn mutate_bytes(bytes: &[u8], edits: &[ByteMutation]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for m in edits {
        let len = out.len();
        match m {
            ByteMutation::Replace(i, b) if len > 0 => out[i.index(len)] = *b,
            ByteMutation::Insert(i, b) => out.insert(i.index(len + 1), *b),
            ByteMutation::Delete(i) if len > 0 => {
                out.remove(i.index(len));
            }
            ByteMutation::Truncate(i) => out.truncate(i.index(len + 1)),
            ByteMutation::FlipBit(i, bit) if len > 0 => out[i.index(len)] ^= 1 << bit,
            _ => {}
        }
    }
    out
}

/// A JSON value of a few levels: every kind, strings with escapes and odd characters.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec((".{0,10}", json_value()), 0..8).prop_map(|kv| kv.into_iter().collect())
}

/// Claims with the registered time claims given values of every kind, extremes included.
fn time_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        Just(Value::from(i64::MIN)),
        Just(Value::from(i64::MAX)),
        Just(Value::from(u64::MAX)),
        (-1e20f64..1e20).prop_map(Value::from),
        Just(Value::from(1e300)),
        (NOW - 100_000..NOW + 100_000).prop_map(Value::from),
        json_value(),
    ]
}

fn time_claims() -> impl Strategy<Value = Map<String, Value>> {
    (
        prop::option::of(time_value()),
        prop::option::of(time_value()),
        prop::option::of(time_value()),
    )
        .prop_map(|(exp, nbf, iat)| {
            let mut m = Map::new();
            m.insert("sub".into(), "robust".into());
            for (name, v) in [("exp", exp), ("nbf", nbf), ("iat", iat)] {
                if let Some(v) = v {
                    m.insert(name.into(), v);
                }
            }
            m
        })
}

/// A header for a token: a real one, one with an odd alg, or random JSON.
fn header_json() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"alg":"RS256"}"#,
            r#"{"alg":"ES256"}"#,
            r#"{"alg":"EdDSA"}"#,
            r#"{"alg":"none"}"#,
            r#"{"alg":"hs256"}"#,
            r#"{"alg":5}"#,
            r#"{"typ":"JWT"}"#,
            r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
            r#"{"alg":"HS256","crit":[]}"#,
            r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#,
            r#"[1,2]"#,
            r#"null"#,
        ])
        .prop_map(str::to_string),
        json_object().prop_map(|m| Value::Object(m).to_string()),
        ".{0,40}",
    ]
}

/// Text shaped like a token: three (sometimes two to six) segments of base64url, or of
/// base64url-encoded JSON, text and bytes.
fn token_like() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        b64_segment(60),
        header_json().prop_map(|h| b64::encode(h.as_bytes())),
        json_object().prop_map(|m| b64::encode(Value::Object(m).to_string().as_bytes())),
        prop::collection::vec(any::<u8>(), 0..48).prop_map(|b| b64::encode(&b)),
    ];
    prop_oneof![
        6 => (header_json(), segment.clone(), b64_segment(100))
            .prop_map(|(h, p, s)| format!("{}.{p}.{s}", b64::encode(h.as_bytes()))),
        2 => prop::collection::vec(segment, 1..7).prop_map(|v| v.join(".")),
    ]
}

/// Arbitrary text: any Unicode, token-like text, or text made of the characters that matter
/// to the parsers (dots, quotes, whitespace, the "Bearer" prefix).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        token_like(),
        "[\"'` .=+/a-zA-Z0-9_\\-\t\n]{0,80}",
        "(\"|'|`| |Bearer |bearer |\t){0,6}[a-z.]{0,12}(\"|'|`| ){0,6}",
    ]
}

// ---------------------------------------------------------------------------------------
// Fixtures, loaded once
// ---------------------------------------------------------------------------------------

/// A verifying key and a token it verifies.
struct Signed {
    name: &'static str,
    key: Key,
    token: String,
}

fn signed_tokens() -> &'static [Signed] {
    static SIGNED: OnceLock<Vec<Signed>> = OnceLock::new();
    SIGNED.get_or_init(|| {
        let sign = |private: &str, alg: &str| {
            let k = fixture_key(private, Purpose::Sign);
            jwt_workbench::core::sign::sign(
                &format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#),
                r#"{"sub":"robust","iat":1700000000,"exp":4102444800}"#,
                &k,
                Layout::Minified,
            )
            .unwrap()
        };
        let signed = vec![
            Signed {
                name: "HMAC secret (RFC 7515 A.1)",
                key: key(A1_JWK),
                token: A1_TOKEN.to_string(),
            },
            Signed {
                name: "RSA-2048 public key",
                key: fixture_key("rsa2048.spki.pem", Purpose::Verify),
                token: sign("rsa2048.pkcs8.pem", "RS256"),
            },
            Signed {
                name: "EC P-256 public key",
                key: fixture_key("ec256.spki.pem", Purpose::Verify),
                token: sign("ec256.pkcs8.pem", "ES256"),
            },
            Signed {
                name: "Ed25519 public key (RFC 8037)",
                key: key(ED_PUBLIC_JWK),
                token: ED_TOKEN.to_string(),
            },
        ];
        // The starting point of every mutation is valid.
        for s in &signed {
            let insp = inspect(&s.token).unwrap();
            let report = verify(&insp, Some(&s.key), &Policy::default(), NOW);
            assert_eq!(report.signature, SignatureStatus::Valid, "{}", s.name);
        }
        signed
    })
}

/// Key files of every container, as bytes.
fn key_fixtures() -> &'static [(String, Vec<u8>)] {
    static KEYS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut out: Vec<(String, Vec<u8>)> = [
            "rsa2048.pkcs8.pem",
            "rsa2048.pkcs1.pem",
            "rsa2048.spki.pem",
            "rsa2048.pkcs1-public.pem",
            "rsa2048.pkcs1.der",
            "rsa2048.pkcs8.der",
            "rsa2048.spki.der",
            "rsa2048.cert.pem",
            "rsa1024.spki.pem",
            "ec256.sec1.pem",
            "ec256.pkcs8.pem",
            "ec256.spki.pem",
            "ec256.with-params.pem",
            "ec256.encrypted.pem",
            "ec384.spki.pem",
            "ec521.pkcs8.pem",
            "ed25519.pkcs8.pem",
            "ed25519.spki.pem",
            "ed448.pkcs8.pem",
            "x25519.spki.pem",
            "rsapss.pkcs8.pem",
        ]
        .iter()
        .map(|name| {
            (
                (*name).to_string(),
                std::fs::read(fixture(name)).unwrap(),
            )
        })
        .collect();
        for (name, text) in [
            ("A1 oct JWK", A1_JWK),
            ("Ed25519 public JWK", ED_PUBLIC_JWK),
            ("A3 EC private JWK", crate::common::A3_JWK),
            ("A2 RSA private JWK", crate::common::A2_JWK),
            (
                "JWKS",
                r#"{"keys":[{"kty":"oct","kid":"a","k":"c2VjcmV0"},{"kty":"OKP","crv":"Ed25519","kid":"b","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#,
            ),
        ] {
            out.push((name.to_string(), text.as_bytes().to_vec()));
        }
        out
    })
}

/// RFC 7516 / 7520 compact JWEs, and the key of those cheap enough to decrypt in a test.
struct JweVector {
    name: String,
    token: String,
    key: Option<JweKey>,
    plaintext: String,
}

fn jwe_vectors() -> &'static [JweVector] {
    static VECTORS: OnceLock<Vec<JweVector>> = OnceLock::new();
    VECTORS.get_or_init(|| {
        let path = fixture("jwe/rfc_vectors.json");
        let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        all["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let alg = v["alg"].as_str().unwrap();
                // Symmetric key management only: RSA and ECDH are slow in the debug profile.
                let cheap = matches!(alg, "A128KW" | "dir" | "A256GCMKW");
                JweVector {
                    name: v["name"].as_str().unwrap().to_string(),
                    token: v["token"].as_str().unwrap().to_string(),
                    key: cheap.then(|| JweKey::from_jwk(v["key"].as_object().unwrap()).unwrap()),
                    plaintext: v["plaintext"].as_str().unwrap_or_default().to_string(),
                }
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------

/// The views built on an inspection: findings (with the HMAC key), the sensitive claims
/// they name, masked, and the Structure steps with and without a key.
fn check_views(insp: &Inspection) -> Result<(), TestCaseError> {
    let hmac = &signed_tokens()[0].key;
    let ctx = Context {
        key: Some(hmac),
        algorithms: &[JwsAlg::HS256],
        now: NOW,
        leeway: 0,
    };
    let found = findings::findings(insp, &ctx);
    for f in &found {
        check_sentence(&f.title)?;
        check_sentence(&f.detail)?;
    }
    let names = findings::sensitive_claims(&found);
    let masked = insp
        .payload_bytes
        .as_ref()
        .map(|b| structure::value_ranges(b, &names))
        .unwrap_or_default();
    for key in [None, Some(hmac)] {
        for step in structure::steps(insp, key, &masked) {
            check_sentence(&step.title)?;
            check_sentence(&step.explain)?;
        }
    }
    Ok(())
}

/// Checks one inspection outcome for `input`: only the three shapeless errors come out of
/// `inspect`; every per-segment error is typed, names its segment, and echoes nothing.
fn check_inspection(input: &str) -> Result<(), TestCaseError> {
    match inspect(input) {
        Err(e) => {
            prop_assert!(
                matches!(
                    e,
                    Error::EmptyToken | Error::SegmentCount { .. } | Error::TooLarge { .. }
                ),
                "inspect gave {e:?}"
            );
            if let Error::SegmentCount { found } = e {
                prop_assert!(found != 3 && found != 5);
                prop_assert_eq!(found, repair(input).0.matches('.').count() + 1);
            }
            if e == Error::EmptyToken {
                prop_assert!(repair(input).0.is_empty());
            }
            check_error_message(&e.to_string(), input)?;
        }
        Ok(insp) => {
            prop_assert_eq!(&insp.token, &repair(input).0);
            let want = match insp.form {
                Form::Jws => 3,
                Form::Jwe => 5,
            };
            prop_assert_eq!(insp.spans.len(), want);
            for (i, span) in insp.spans.iter().enumerate() {
                prop_assert!(insp.token.get(span.clone()).is_some());
                prop_assert!(!insp.segment_text(i).contains('.'));
            }
            let segment_errors = [
                insp.header_bytes.as_ref().err(),
                insp.header.as_ref().err(),
                insp.payload_bytes.as_ref().err(),
                insp.payload.as_ref().err(),
                insp.signature.as_ref().err(),
            ];
            for e in segment_errors.into_iter().flatten() {
                prop_assert!(
                    matches!(
                        e,
                        Error::Base64 { .. }
                            | Error::Json { .. }
                            | Error::Shape(_)
                            | Error::TooDeep { .. }
                    ),
                    "segment error {e:?}"
                );
                check_error_message(&e.to_string(), input)?;
                check_error_message(&e.to_string(), &insp.token)?;
            }
            if let Ok(p) = &insp.payload {
                if let Some(text) = p.explain() {
                    check_sentence(&text)?;
                }
                // A JWS payload decoded to bytes; its kind follows from them. A JWE's
                // payload is its ciphertext, decoded (or not) on its own.
                prop_assert_eq!(matches!(p, Payload::Encrypted), insp.form == Form::Jwe);
                if insp.form == Form::Jws {
                    let bytes = insp.payload_bytes.as_ref().unwrap();
                    match p {
                        Payload::Binary(b) => {
                            prop_assert!(std::str::from_utf8(bytes).is_err());
                            prop_assert_eq!(b, bytes);
                        }
                        // Meant as claims: UTF-8 or not, it is judged (invalid claims).
                        Payload::Invalid { .. } => {}
                        _ => prop_assert!(std::str::from_utf8(bytes).is_ok()),
                    }
                }
            }
            if let Some(problem) = insp.alg.problem() {
                check_sentence(&problem)?;
            }
            check_views(&insp)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    /// `repair` never panics, is idempotent, and leaves no whitespace, padding or
    /// standard-alphabet characters behind.
    #[test]
    fn repair_is_idempotent_and_leaves_no_whitespace(input in any_text()) {
        let (once, notes) = repair(&input);
        prop_assert!(!once.chars().any(char::is_whitespace), "{once:?}");
        prop_assert!(!once.contains(['=', '+', '/']), "{once:?}");
        let (twice, more) = repair(&once);
        prop_assert_eq!(&twice, &once);
        prop_assert!(more.is_empty(), "second repair did {more:?}");
        for n in &notes {
            check_sentence(&n.note())?;
        }
    }

    /// Any text, including token-shaped text, inspects to a value or a typed error.
    #[test]
    fn inspect_any_text(input in any_text()) {
        check_inspection(&input)?;
    }

    /// Any bytes, as text (lossy) and base64url-encoded into each segment.
    #[test]
    fn inspect_any_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        header in header_json(),
    ) {
        check_inspection(&String::from_utf8_lossy(&bytes))?;
        let enc = b64::encode(&bytes);
        let h = b64::encode(header.as_bytes());
        check_inspection(&format!("{enc}.e30.{enc}"))?;
        check_inspection(&format!("{h}.{enc}.sig"))?;
        check_inspection(&format!("{h}.{enc}.{enc}.{enc}.{enc}"))?;
        // A payload of bytes that are not UTF-8 is Binary (or, when it is meant as claims,
        // Invalid), never an error.
        let insp = inspect(&format!("{h}.{enc}.")).unwrap();
        let is_utf8 = std::str::from_utf8(&bytes).is_ok();
        let as_claims = insp.header.as_ref().is_ok_and(jwt_workbench::core::strict::typ_is_jwt)
            || jwt_workbench::core::strict::looks_like_json(&bytes);
        prop_assert_eq!(matches!(insp.payload, Ok(Payload::Binary(_))), !is_utf8 && !as_claims);
        if as_claims {
            let judged = matches!(insp.payload, Ok(Payload::Claims(_) | Payload::Invalid { .. }));
            prop_assert!(judged);
        }
    }

    /// The messages of a token never hold its secret-like body, wherever the body sits.
    #[test]
    fn token_errors_never_echo_the_token(
        body in secret_like(),
        bad in prop::sample::select(vec!['*', '%', ' ', '+', '~', '!']),
        at in any::<Index>(),
        layout in 0usize..6,
    ) {
        let mut broken: Vec<char> = body.chars().collect();
        broken.insert(at.index(broken.len() + 1), bad);
        let broken: String = broken.into_iter().collect();
        let input = match layout {
            0 => format!("{broken}.{body}.{body}"),
            1 => format!("eyJhbGciOiJIUzI1NiJ9.{broken}.{body}"),
            2 => format!("eyJhbGciOiJIUzI1NiJ9.{body}.{broken}"),
            3 => format!("{body}.{body}"),
            4 => format!("{body}.{broken}.{body}.{body}"),
            _ => format!("{body}.{body}.{body}.{broken}.{body}"),
        };
        check_inspection(&input)?;
        if let Ok(insp) = inspect(&input) {
            for s in signed_tokens() {
                let report = verify(&insp, Some(&s.key), &Policy::default(), NOW);
                prop_assert_ne!(&report.signature, &SignatureStatus::Valid);
                for c in &report.checks {
                    check_no_echo(&c.detail, &body)?;
                }
                check_no_echo(&report.verdict().1, &body)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// Arbitrary token-shaped text never verifies with any key kind, and the report always
    /// has a verdict sentence.
    #[test]
    fn arbitrary_tokens_never_verify(input in any_text()) {
        if let Ok(insp) = inspect(&input) {
            for s in signed_tokens() {
                let report = verify(&insp, Some(&s.key), &Policy::default(), NOW);
                prop_assert_ne!(&report.signature, &SignatureStatus::Valid, "{}", s.name);
                let (_, text) = report.verdict();
                check_sentence(&text)?;
                for c in &report.checks {
                    check_sentence(&c.detail)?;
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(160))]

    /// A valid token with characters flipped, inserted or deleted verifies only when the
    /// damage is what paste repair undoes (whitespace, padding, `+`/`/`), for each key kind.
    #[test]
    fn mutated_tokens_verify_only_when_repair_restores_them(
        which in 0usize..4,
        edits in prop::collection::vec(mutation(), 1..4),
    ) {
        let s = &signed_tokens()[which];
        let damaged = mutate(&s.token, &edits);
        let restored = repair(&damaged).0 == s.token;
        match inspect(&damaged) {
            Err(e) => {
                prop_assert!(!restored);
                check_error_message(&e.to_string(), &damaged)?;
            }
            Ok(insp) => {
                let report = verify(&insp, Some(&s.key), &Policy::default(), NOW);
                if restored {
                    prop_assert_eq!(&report.signature, &SignatureStatus::Valid, "{}", s.name);
                } else {
                    prop_assert_ne!(
                        &report.signature, &SignatureStatus::Valid,
                        "{}: {:?} verifies", s.name, damaged
                    );
                }
                for c in &report.checks {
                    check_sentence(&c.detail)?;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Time claims: any value, extremes included, through verification and the document
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// exp, nbf and iat of any type and size (i64::MIN, u64::MAX, 1e300, strings, objects)
    /// give checks with sentences, and the document's headline, countdown and findings.
    #[test]
    fn time_claims_of_any_value(
        claims in time_claims(),
        leeway in prop_oneof![Just(0u64), any::<u64>(), 0u64..600],
        clock in prop_oneof![
            Just(TimeTravel::Live),
            any::<i64>().prop_map(TimeTravel::At),
            any::<i64>().prop_map(TimeTravel::Offset),
        ],
    ) {
        let payload = Value::Object(claims).to_string();
        let token = format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.{}",
            b64::encode(payload.as_bytes()),
            b64::encode(&[7; 32])
        );
        let insp = inspect(&token).unwrap();
        prop_assert!(insp.claims().is_some());
        let policy = Policy { leeway, ..Policy::default() };
        for now in [NOW, i64::MIN, i64::MAX, 0] {
            let report = verify(&insp, Some(&signed_tokens()[0].key), &policy, now);
            prop_assert_eq!(&report.signature, &SignatureStatus::Invalid);
            for c in &report.checks {
                check_sentence(&c.detail)?;
                check_sentence(&c.short())?;
            }
        }
        let mut wb = Workbench::empty();
        wb.apply_and_settle(Edit::Leeway(leeway));
        wb.apply_and_settle(Edit::Clock(clock));
        wb.apply_and_settle(Edit::Token(token));
        for now in [NOW, i64::MIN, i64::MAX] {
            let h = wb.headline(now);
            check_sentence(&h.title)?;
            let _ = wb.countdown(now);
            let _ = wb.next_tick(now);
            for f in wb.findings(now) {
                check_sentence(&f.title)?;
                check_sentence(&f.detail)?;
            }
            prop_assert!(wb.report(now).is_some());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Keys and secrets
// ---------------------------------------------------------------------------------------

fn check_key_result(
    result: &Result<keys::KeyFile, KeyError>,
    input: &[u8],
) -> Result<(), TestCaseError> {
    match result {
        Ok(file) => prop_assert!(!file.keys.is_empty(), "a key file without keys"),
        Err(e) => {
            check_sentence(&e.to_string())?;
            if input.len() > keys::MAX_KEY_FILE {
                prop_assert!(matches!(e, KeyError::TooLarge { .. }), "{e:?}");
            }
            if input.iter().all(u8::is_ascii_whitespace) {
                prop_assert_eq!(e, &KeyError::Empty);
            }
        }
    }
    Ok(())
}

/// DER-like bytes: nested TLVs with the tags and object identifiers key containers use.
fn der_like() -> impl Strategy<Value = Vec<u8>> {
    let oids: Vec<Vec<u8>> = vec![
        vec![0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01],
        vec![0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A],
        vec![0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01],
        vec![0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07],
        vec![0x2B, 0x81, 0x04, 0x00, 0x22],
        vec![0x2B, 0x81, 0x04, 0x00, 0x0A],
        vec![0x2B, 0x65, 0x70],
        vec![0x2B, 0x65, 0x71],
        vec![0x2B, 0x65, 0x6E],
    ];
    let leaf = prop_oneof![
        prop::sample::select(oids).prop_map(|o| tlv(0x06, &o)),
        prop::collection::vec(any::<u8>(), 0..70).prop_map(|c| tlv(0x02, &c)),
        prop::collection::vec(any::<u8>(), 0..70).prop_map(|c| tlv(0x04, &c)),
        prop::collection::vec(any::<u8>(), 0..70).prop_map(|c| tlv(0x03, &c)),
        Just(vec![0x05, 0x00]),
        (any::<u8>(), prop::collection::vec(any::<u8>(), 0..20)).prop_map(|(t, c)| tlv(t, &c)),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        (
            prop::sample::select(vec![0x30u8, 0x30, 0x30, 0xA0, 0xA1, 0x04, 0x03]),
            prop::collection::vec(inner, 0..5),
        )
            .prop_map(|(tag, children)| {
                let content: Vec<u8> = if tag == 0x03 {
                    std::iter::once(0).chain(children.concat()).collect()
                } else {
                    children.concat()
                };
                tlv(tag, &content)
            })
    })
    .prop_map(|v| {
        if v.first() == Some(&0x30) {
            v
        } else {
            tlv(0x30, &v)
        }
    })
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

proptest! {
    #![proptest_config(config(384))]

    /// Key detection on any bytes, on DER-shaped bytes, and on PEM armour around them.
    #[test]
    fn key_detection_on_any_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..700),
        der in der_like(),
        label in prop::sample::select(vec![
            "PRIVATE KEY", "PUBLIC KEY", "RSA PRIVATE KEY", "RSA PUBLIC KEY",
            "EC PRIVATE KEY", "CERTIFICATE", "OPENSSH PRIVATE KEY", "X",
        ]),
    ) {
        check_key_result(&keys::load_key_bytes(&bytes), &bytes)?;
        check_key_result(&keys::load_key_bytes(&der), &der)?;
        let pem = keys::pem_encode(label, &der);
        check_key_result(&keys::load_key_bytes(pem.as_bytes()), pem.as_bytes())?;
        let text = String::from_utf8_lossy(&bytes);
        let wrapped = format!("-----BEGIN {label}-----\n{text}\n-----END {label}-----\n");
        check_key_result(&keys::load_key_bytes(wrapped.as_bytes()), wrapped.as_bytes())?;
        // The secret field refuses every key that loads; whatever else it says is typed.
        for encoding in SecretEncoding::ALL {
            match keys::parse_secret(&text, encoding) {
                Ok(k) => prop_assert!(k.is_private()),
                Err(e) => check_sentence(&e.to_string())?,
            }
        }
    }

    /// Key files of every container with bytes replaced, inserted, deleted or cut off.
    #[test]
    fn mutated_key_files(
        which in any::<Index>(),
        edits in prop::collection::vec(byte_mutation(), 1..5),
    ) {
        let (name, original) = which.get(key_fixtures());
        let damaged = mutate_bytes(original, &edits);
        let result = keys::load_key_bytes(&damaged);
        check_key_result(&result, &damaged)?;
        if let Ok(file) = &result {
            for k in &file.keys {
                check_sentence(&k.describe())?;
                for alg in k.algorithms() {
                    prop_assert!(k.check_fits(alg, Purpose::Verify).is_ok(), "{name}: {alg}");
                }
            }
        }
        let text = String::from_utf8_lossy(&damaged);
        if let Ok(k) = keys::parse_secret(&text, SecretEncoding::Text) {
            // A text secret never is a key that loads.
            prop_assert!(keys::load_key_bytes(text.as_bytes()).is_err(), "{name}: {k:?}");
        }
    }

    /// Key material (a PEM body, a JWK's private members, a secret) never appears in a
    /// message, however the file around it is broken.
    #[test]
    fn key_errors_never_echo_key_material(
        material in secret_like(),
        bad in prop::sample::select(vec!['*', '%', '!', '~', '.']),
        at in any::<Index>(),
        shape in 0usize..12,
    ) {
        let mut broken: Vec<char> = material.chars().collect();
        broken.insert(at.index(broken.len() + 1), bad);
        let broken: String = broken.into_iter().collect();
        let input = match shape {
            0 => format!("-----BEGIN PRIVATE KEY-----\n{material}\n-----END PRIVATE KEY-----\n"),
            1 => format!("-----BEGIN PRIVATE KEY-----\n{broken}\n-----END PRIVATE KEY-----\n"),
            2 => format!("-----BEGIN RSA PRIVATE KEY-----\n{material}\n"),
            3 => format!("-----BEGIN EC PRIVATE KEY-----\n{material}\n-----END PUBLIC KEY-----\n"),
            4 => format!(r#"{{"kty":"oct","k":"{broken}"}}"#),
            5 => format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{material}","d":"{material}"}}"#),
            6 => format!(r#"{{"kty":"EC","crv":"P-256","x":"{material}","y":"{material}","d":"{broken}"}}"#),
            7 => format!(r#"{{"kty":"RSA","n":"{material}","e":"AQAB","d":"{material}"}}"#),
            8 => format!(r#"{{"keys":[{{"kty":"oct","k":"{broken}"}},{{"kty":"RSA","n":"{material}"}}]}}"#),
            9 => format!(r#"{{"kty":"oct","k":"{material}""#),
            10 => format!("-----BEGIN CERTIFICATE-----\n{material}\n-----END CERTIFICATE-----\n"),
            _ => broken.clone(),
        };
        if let Err(e) = keys::load_key_bytes(input.as_bytes()) {
            check_error_message(&e.to_string(), &material)?;
            check_error_message(&e.to_string(), &broken)?;
        }
        for encoding in SecretEncoding::ALL {
            for text in [&input, &broken, &format!("{material}\u{1}")] {
                if let Err(e) = keys::parse_secret(text, encoding) {
                    check_error_message(&e.to_string(), &material)?;
                }
            }
        }
        for spec in [format!("b64:{broken}"), format!("hex:{material}"), input.clone()] {
            if let Err(e) = keys::parse_secret_spec(&spec) {
                check_error_message(&e.to_string(), &material)?;
            }
        }
    }

    /// A hex secret is accepted exactly when, without whitespace and `:`, it is a non-empty,
    /// even run of hex digits, and then it decodes to those bytes.
    #[test]
    fn hex_secrets_accept_exactly_hex(
        text in prop_oneof![
            "[0-9a-fA-F: \n]{0,40}",
            "[0-9a-fA-F+\\-: ]{0,12}",
            any::<String>(),
        ],
    ) {
        let digits: String = text.chars().filter(|c| !c.is_whitespace() && *c != ':').collect();
        let is_hex = !digits.is_empty()
            && digits.len().is_multiple_of(2)
            && digits.chars().all(|c| c.is_ascii_hexdigit());
        match keys::parse_secret(&text, SecretEncoding::Hex) {
            Ok(k) => {
                prop_assert!(is_hex, "{text:?} accepted as hex");
                let want: Vec<u8> = (0..digits.len() / 2)
                    .map(|i| u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).unwrap())
                    .collect();
                prop_assert_eq!(k.material, keys::KeyMaterial::Secret(want));
            }
            Err(e) => {
                check_sentence(&e.to_string())?;
                prop_assert!(
                    !is_hex || matches!(e, KeyError::SecretIsKey(_)),
                    "{text:?} refused: {e}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The JSON editors
// ---------------------------------------------------------------------------------------

/// Serialises `v` with random whitespace between tokens (never inside strings).
fn spaced(compact: &str, ws: &[u8]) -> String {
    let spaces = [" ", "\n", "\t", "\r\n", "  ", ""];
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut k = 0usize;
    for c in compact.chars() {
        out.push(c);
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '}' | '[' | ']' | ',' | ':' => {
                let pick = ws.get(k % ws.len().max(1)).copied().unwrap_or(0);
                out.push_str(spaces[usize::from(pick) % spaces.len()]);
                k += 1;
            }
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(config(384))]

    /// What the editors parse: any text gives an object or a typed error with a position.
    #[test]
    fn editor_parse_of_any_text(text in prop_oneof![
        any::<String>(),
        "[\\[\\]{}\",:0-9a-z \\\\]{0,60}",
        (1usize..3000, prop::sample::select(vec!["[", "{\"a\":", "[{\"b\":["]))
            .prop_map(|(n, open)| open.repeat(n)),
    ]) {
        match json::parse_object("payload", &text) {
            Ok(_) => prop_assert!(serde_json::from_str::<Value>(&text).unwrap().is_object()),
            Err(e) => {
                prop_assert!(
                    matches!(e, Error::Json { .. } | Error::Shape(_) | Error::TooDeep { .. }),
                    "{e:?}"
                );
                if let Error::TooDeep { depth, .. } = e {
                    prop_assert!(depth >= json::MAX_DEPTH);
                    prop_assert_eq!(depth, json::depth(text.as_bytes()));
                }
                if let Error::Json { line, column, .. } = e {
                    prop_assert!(line >= 1);
                    prop_assert!(line <= text.lines().count().max(1) + 1);
                    let _ = column;
                }
                check_error_message(&e.to_string(), &text)?;
            }
        }
        // minify and pretty fail exactly when the text does not parse, and never panic.
        let parses = serde_json::from_str::<Value>(&text).is_ok();
        prop_assert_eq!(json::minify("payload", &text).is_ok(), parses);
        prop_assert_eq!(json::pretty("payload", &text).is_ok(), parses);
    }

    /// Minify and pretty keep the value and each other's output: minify(pretty(x)) equals
    /// minify(x), and minify of serde_json's own text with whitespace added is that text.
    #[test]
    fn minify_pretty_round_trip(obj in json_object(), ws in prop::collection::vec(any::<u8>(), 1..16)) {
        let value = Value::Object(obj.clone());
        let compact = value.to_string();
        let text = spaced(&compact, &ws);
        let minified = json::minify("payload", &text).unwrap();
        prop_assert_eq!(&minified, &compact);
        let pretty = json::pretty("payload", &text).unwrap();
        prop_assert_eq!(json::minify("payload", &pretty).unwrap(), minified);
        prop_assert_eq!(json::pretty("payload", &pretty).unwrap(), pretty.clone());
        // serde_json's own reading of its text (floats are read best-effort, not exactly).
        let reread: Map<String, Value> = serde_json::from_str(&compact).unwrap();
        prop_assert_eq!(json::parse_object("payload", &pretty).unwrap(), reread);
        prop_assert_eq!(obj.len(), json::parse_object("payload", &text).unwrap().len());
        prop_assert_eq!(json::minify_valid(&pretty), compact);
    }
}

// ---------------------------------------------------------------------------------------
// The settings file
// ---------------------------------------------------------------------------------------

static CASE: AtomicUsize = AtomicUsize::new(0);

/// A fresh folder under the system temp folder, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let n = CASE.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("jwtwb-robust-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn settings_like() -> impl Strategy<Value = Vec<u8>> {
    let field = prop::sample::select(vec![
        "token",
        "header",
        "payload",
        "editors_lead",
        "alg",
        "secret_encoding",
        "token_panel_width",
        "token_height",
        "view",
        "payload_tab",
        "theme",
        "leeway",
        "remember_key",
        "secret",
        "private_key",
        "public_key",
        "unknown",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        prop::collection::vec((field, json_value()), 0..6).prop_map(|kv| {
            let m: Map<String, Value> = kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            Value::Object(m).to_string().into_bytes()
        }),
        json_value().prop_map(|v| v.to_string().into_bytes()),
    ]
}

proptest! {
    #![proptest_config(config(192))]

    /// Any bytes in the settings file: `load()` gives settings or a note (never both, never
    /// neither), and a file it cannot read is set aside, not left to fail again.
    #[test]
    fn settings_loader_on_any_bytes(bytes in settings_like()) {
        let dir = TempDir::new("settings");
        let path = dir.0.join("settings.json");
        std::fs::write(&path, &bytes).unwrap();
        let loaded = SettingsStore::at(&path).load();
        prop_assert_ne!(loaded.settings.is_some(), loaded.note.is_some());
        if let Some(note) = &loaded.note {
            check_sentence(note)?;
            prop_assert!(note.contains("kept as"), "{note}");
            prop_assert!(!path.exists(), "the corrupt file is still in place");
            let aside = std::fs::read_dir(&dir.0).unwrap().count();
            prop_assert_eq!(aside, 1);
        } else {
            // serde reads a struct from an object, or from an array of its fields in order.
            let v = serde_json::from_slice::<Value>(&bytes).unwrap();
            prop_assert!(v.is_object() || v.is_array(), "{v}");
            prop_assert!(path.exists());
        }
    }
}

// ---------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any_text().prop_map(Edit::Token),
        2 => prop_oneof![
            header_json(),
            any::<String>(),
            json_object().prop_map(|m| Value::Object(m).to_string()),
        ].prop_map(Edit::Header),
        2 => prop_oneof![
            time_claims().prop_map(|m| Value::Object(m).to_string()),
            any::<String>(),
            json_object().prop_map(|m| Value::Object(m).to_string()),
        ].prop_map(Edit::Payload),
        1 => prop_oneof![Just("secret".to_string()), Just(String::new()), any::<String>()]
            .prop_map(Edit::Secret),
        1 => prop::sample::select(SecretEncoding::ALL.to_vec()).prop_map(Edit::SecretEncoding),
        1 => any::<String>().prop_map(Edit::PublicKey),
        1 => prop::collection::vec(any::<u8>(), 0..200)
            .prop_map(|bytes| Edit::LoadKey { bytes, source: "drop".into() }),
        1 => prop::sample::select(vec![Edit::Format, Edit::Compact, Edit::Resign, Edit::Clear]),
    ]
}

proptest! {
    #![proptest_config(config(128))]

    /// Any sequence of edits of token, header, payload and keys: the document always has a
    /// headline sentence, and its findings and report never panic.
    #[test]
    fn document_survives_any_edits(edits in prop::collection::vec(edit(), 1..6)) {
        let mut wb = Workbench::empty();
        wb.apply_and_settle(Edit::Secret("a-string-secret-at-least-256-bits-long".into()));
        for e in edits {
            if let Some(n) = wb.apply_and_settle(e) {
                check_sentence(&n.text)?;
            }
            let h = wb.headline(NOW);
            check_sentence(&h.title)?;
            check_sentence(&h.detail)?;
            for f in wb.findings(NOW) {
                check_sentence(&f.title)?;
            }
            if let Some(report) = wb.report(NOW) {
                check_sentence(&report.verdict().1)?;
            }
            let _ = wb.countdown(NOW);
            let _ = wb.next_tick(NOW);
            let _ = wb.secret_advice();
            if let Some(e) = wb.header_error() {
                check_sentence(&e.to_string())?;
            }
            if let Some(e) = wb.payload_error() {
                check_sentence(&e.to_string())?;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// JWE
// ---------------------------------------------------------------------------------------

fn jwe_header() -> impl Strategy<Value = String> {
    let algs = vec![
        "dir",
        "A128KW",
        "A192KW",
        "A256KW",
        "A128GCMKW",
        "RSA-OAEP",
        "RSA-OAEP-256",
        "RSA1_5",
        "ECDH-ES",
        "ECDH-ES+A128KW",
        "PBES2-HS256+A128KW",
        "RSA-OAEP-512",
        "none",
        "HS256",
    ];
    let encs = vec![
        "A128CBC-HS256",
        "A192CBC-HS384",
        "A256CBC-HS512",
        "A128GCM",
        "A192GCM",
        "A256GCM",
        "A128CBC",
        "XC20P",
    ];
    prop_oneof![
        (
            prop::sample::select(algs),
            prop::sample::select(encs),
            prop::option::of(prop_oneof![Just(Value::from("DEF")), json_value()]),
        )
            .prop_map(|(alg, enc, zip)| {
                let mut m = Map::new();
                m.insert("alg".into(), alg.into());
                m.insert("enc".into(), enc.into());
                if let Some(z) = zip {
                    m.insert("zip".into(), z);
                }
                Value::Object(m).to_string()
            }),
        json_object().prop_map(|m| Value::Object(m).to_string()),
        ".{0,30}",
    ]
}

fn check_jwe_error(e: &JweError, input: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !matches!(e, JweError::Decryption | JweError::Encrypt(_)),
        "parse gave {e:?}"
    );
    check_error_message(&e.to_string(), input)
}

proptest! {
    #![proptest_config(config(384))]

    /// Any five-part (or other) text: parts with spans into the text, or a typed error.
    #[test]
    fn jwe_parse_of_any_parts(
        header in jwe_header(),
        parts in prop::collection::vec(
            prop_oneof![b64_segment(60), prop::collection::vec(any::<u8>(), 0..40).prop_map(|b| b64::encode(&b))],
            4,
        ),
        extra in prop::collection::vec(b64_segment(8), 0..3),
        drop_one in any::<bool>(),
        raw in any_text(),
    ) {
        let mut all = vec![b64::encode(header.as_bytes())];
        all.extend(parts);
        if drop_one {
            all.pop();
        }
        all.extend(extra);
        let token = all.join(".");
        for input in [&token, &raw] {
            match jwe::parse(input) {
                Ok(p) => {
                    prop_assert_eq!(input.trim().split('.').count(), 5);
                    for part in jwe::Part::ALL {
                        let ep = p.part(part);
                        prop_assert_eq!(&input[ep.span.clone()], ep.text.as_str());
                        prop_assert_eq!(b64::decode_strict(&ep.text).unwrap(), ep.bytes.clone());
                    }
                }
                Err(e) => {
                    check_jwe_error(&e, input)?;
                    if let JweError::PartCount { found } = e {
                        prop_assert_ne!(found, 5);
                    }
                }
            }
        }
    }

    /// Real JWEs (RFC 7516, RFC 7520) damaged: parse never panics nor echoes the token, and
    /// decryption succeeds only when the damage is surrounding whitespace.
    #[test]
    fn mutated_jwes_parse_and_decrypt_only_when_intact(
        which in any::<Index>(),
        edits in prop::collection::vec(mutation(), 1..4),
    ) {
        let v = which.get(jwe_vectors());
        let damaged = mutate(&v.token, &edits);
        let intact = damaged.trim() == v.token;
        match jwe::parse(&damaged) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(!intact, "{}: intact token refused: {e}", v.name);
                check_jwe_error(&e, &damaged)?;
            }
        }
        if let Some(key) = &v.key {
            match jwe::decrypt(&damaged, key, &Limits::default()) {
                Ok(d) => {
                    prop_assert!(intact, "{}: damaged token decrypts: {damaged:?}", v.name);
                    prop_assert_eq!(String::from_utf8_lossy(&d.plaintext), v.plaintext.as_str());
                }
                Err(e) => {
                    prop_assert!(!intact, "{}: {e}", v.name);
                    check_error_message(&e.to_string(), &damaged)?;
                }
            }
        }
        // The token through the JWS inspector: a JWE form or a typed error.
        check_inspection(&damaged)?;
    }
}
