//! Property tests of issue 16's rules: a payload meant as claims that strict (I-JSON) reading
//! refuses is never valid, in the core or on the command line (exit code, not message); and
//! no message the core builds carries a control, bidirectional or invisible character taken
//! from a token, wherever in the token it sits.

use jwt_workbench::core::findings::{Context, findings};
use jwt_workbench::core::keys::{SecretEncoding, parse_secret};
use jwt_workbench::core::text::has_hidden;
use jwt_workbench::core::verify::Fault;
use jwt_workbench::core::{
    alg::JwsAlg,
    b64,
    keys::Key,
    token::inspect,
    verify::{Policy, verify},
};
use proptest::prelude::*;
use std::process::Command;

const NOW: i64 = 1_800_000_000;
const SECRET: &str = "a8c1e3f5b7d9f1a3c5e7a9b1d3f5a7c9";

fn key() -> Key {
    parse_secret(SECRET, SecretEncoding::Text).unwrap()
}

/// A correctly signed HS256 token over exactly these header and payload bytes.
fn signed(header: &[u8], payload: &[u8]) -> String {
    let input = format!("{}.{}", b64::encode(header), b64::encode(payload));
    let sig =
        jwt_workbench::core::keys::sign_bytes(&key(), JwsAlg::HS256, input.as_bytes()).unwrap();
    format!("{input}.{}", b64::encode(&sig))
}

/// Accepts any audience and payload: only the rule under test can make a token invalid.
fn lenient() -> Policy {
    Policy {
        any_aud: true,
        ..Policy::default()
    }
}

/// A claims object's members as JSON text pieces, every one valid on its own.
fn members() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = "[a-z_]{1,8}";
    let value = prop_oneof![
        Just("1".to_string()),
        Just("\"x\"".to_string()),
        Just("null".to_string()),
        Just("[1,2]".to_string()),
        Just("{\"a\":true}".to_string()),
        (1_700_000_000i64..1_900_000_000).prop_map(|n| n.to_string()),
    ];
    prop::collection::vec((name, value), 0..6)
}

/// How a claims text is broken so that strict reading must refuse it.
#[derive(Debug, Clone)]
enum Defect {
    HugeNumber,
    Duplicate,
    Bom,
    Trailing(String),
    LoneSurrogate,
    Deep(usize),
}

fn defect() -> impl Strategy<Value = Defect> {
    prop_oneof![
        Just(Defect::HugeNumber),
        Just(Defect::Duplicate),
        Just(Defect::Bom),
        "[ -~]{1,4}".prop_map(Defect::Trailing),
        Just(Defect::LoneSurrogate),
        (128usize..400).prop_map(Defect::Deep),
    ]
}

/// `{members…, exp in the past}` with `defect` applied: always a refused claims text.
fn broken(members: &[(String, String)], defect: &Defect) -> Vec<u8> {
    let mut parts: Vec<String> = members
        .iter()
        .filter(|(n, _)| n != "exp")
        .map(|(n, v)| format!("\"{n}\":{v}"))
        .collect();
    parts.push("\"exp\":1000".into());
    match defect {
        Defect::HugeNumber => parts.push("\"n\":1e400".into()),
        Defect::Duplicate => parts.push("\"exp\":9999999999".into()),
        Defect::LoneSurrogate => parts.push("\"s\":\"\\ud800\\u0041\"".into()),
        Defect::Deep(d) => parts.push(format!("\"d\":{}{}", "[".repeat(*d), "]".repeat(*d))),
        Defect::Bom | Defect::Trailing(_) => {}
    }
    let mut text = format!("{{{}}}", parts.join(","));
    match defect {
        Defect::Bom => text.insert(0, '\u{feff}'),
        Defect::Trailing(t) if !t.trim().is_empty() => text.push_str(t),
        Defect::Trailing(_) => text.push('x'),
        _ => {}
    }
    text.into_bytes()
}

/// Text with control, bidirectional and invisible characters in it.
fn hidden_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        Just('\u{1b}'),
        Just('\r'),
        Just('\n'),
        Just('\u{7}'),
        Just('\u{9b}'),
        Just('\u{202e}'),
        Just('\u{2066}'),
        Just('\u{200b}'),
        Just('\u{feff}'),
        Just('\u{2028}'),
        Just('\u{e0041}'),
        prop::char::range('a', 'z'),
    ];
    prop::collection::vec(c, 1..12).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every refused claims text is "invalid claims", never valid, never "plain text".
    #[test]
    fn strict_failures_never_verify(m in members(), d in defect(), typ in any::<bool>()) {
        let header: &[u8] = if typ { br#"{"alg":"HS256","typ":"JWT"}"# } else { br#"{"alg":"HS256"}"# };
        let token = signed(header, &broken(&m, &d));
        let report = verify(&inspect(&token).unwrap(), Some(&key()), &lenient(), NOW);
        prop_assert!(!report.valid(), "{d:?}: {}", report.verdict().1);
        prop_assert_eq!(report.deciding_failure().and_then(|c| c.fault), Some(Fault::InvalidClaims));
    }

    /// Any bytes after `{`: either strict claims or never valid.
    #[test]
    fn brace_payloads_are_claims_or_invalid(tail in prop::collection::vec(any::<u8>(), 0..64)) {
        let mut payload = b"{".to_vec();
        payload.extend(&tail);
        let token = signed(br#"{"alg":"HS256"}"#, &payload);
        let report = verify(&inspect(&token).unwrap(), Some(&key()), &lenient(), NOW);
        let strict_ok = std::str::from_utf8(&payload)
            .ok()
            .and_then(|t| jwt_workbench::core::strict::parse_claims("payload", t).ok())
            .is_some();
        if !strict_ok {
            prop_assert!(!report.valid(), "{}", report.verdict().1);
        }
    }

    /// Hidden characters anywhere in the header's values or the claims never reach a message.
    #[test]
    fn core_messages_never_carry_hidden_characters(
        kid in hidden_text(), typ in hidden_text(), alg in hidden_text(),
        name in hidden_text(), value in hidden_text(), aud in hidden_text(),
    ) {
        let header = serde_json::json!({"alg": alg, "kid": kid, "typ": typ, "crit": [name.clone()]});
        let mut claims = serde_json::Map::new();
        claims.insert(name.clone(), value.clone().into());
        claims.insert("aud".into(), aud.into());
        claims.insert("iss".into(), value.into());
        let token = signed(header.to_string().as_bytes(), serde_json::Value::Object(claims).to_string().as_bytes());
        let insp = inspect(&token).unwrap();
        let policy = Policy { aud: Some(name), iss: Some(kid), ..Policy::default() };
        let report = verify(&insp, Some(&key()), &policy, NOW);
        prop_assert!(!has_hidden(&report.verdict().1), "{}", report.verdict().1);
        for c in &report.checks {
            prop_assert!(!has_hidden(&c.detail), "{}: {}", c.name, c.detail);
        }
        for f in findings(&insp, &Context::at(NOW)) {
            prop_assert!(!has_hidden(&f.title) && !has_hidden(&f.detail), "{}: {} {}", f.id, f.title, f.detail);
            prop_assert!(!has_hidden(&f.target.describe()));
        }
        if let Some(p) = insp.alg.problem() {
            prop_assert!(!has_hidden(&p), "{p}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// The same on the command line: exit 1, never 0; and its output holds no raw control,
    /// bidirectional or invisible character (line breaks aside).
    #[test]
    fn the_cli_never_exits_0_on_refused_claims(m in members(), d in defect(), kid in hidden_text()) {
        let header = serde_json::json!({"alg": "HS256", "kid": kid});
        let token = signed(header.to_string().as_bytes(), &broken(&m, &d));
        let out = Command::new(env!("CARGO_BIN_EXE_jwt-workbench"))
            .args(["verify", &token, "--secret", SECRET, "--any-aud", "--now", &NOW.to_string()])
            .output()
            .unwrap();
        prop_assert_eq!(out.status.code(), Some(1), "{:?}: {}", d, String::from_utf8_lossy(&out.stdout));
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            prop_assert!(!has_hidden(&text.replace('\n', "")), "{text}");
        }
    }
}
