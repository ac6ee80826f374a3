//! Security findings: each fires on a token with the problem and stays silent on a clean one;
//! severities, targets and order; the window's findings and the malformed-exp headline.

use crate::common::*;
use jwt_workbench::core::findings::{
    Context, Finding, Severity, Target, findings as all_findings, key_findings, secret_findings,
};
use jwt_workbench::core::keys::{Key, KeyFormat, KeyMaterial, SecretEncoding, parse_secret};
use jwt_workbench::core::workbench::{Edit, Workbench};
use jwt_workbench::core::{
    alg::JwsAlg,
    b64,
    sign::{Layout, sign},
    token::{Inspection, inspect},
    verify::{Policy, verify},
};

const NOW: i64 = 1_800_000_000;

/// 32 random bytes (generated once), as hex.
const RANDOM_SECRET: &str = "8f3a1c9e5b7d2f40a6c8e1b3d5f70921c4e6a8b0d2f41638e5a7c9b1d3f50872";

fn strong_key() -> Key {
    parse_secret(RANDOM_SECRET, SecretEncoding::Hex).unwrap()
}

/// A token with exactly these header and payload bytes and a dummy signature.
fn tok(header: &str, payload: &str) -> Inspection {
    inspect(&format!(
        "{}.{}.c2ln",
        b64::encode(header.as_bytes()),
        b64::encode(payload.as_bytes())
    ))
    .unwrap()
}

/// The findings at NOW with no key and no expectations.
fn plain(header: &str, payload: &str) -> Vec<Finding> {
    findings(&tok(header, payload), &Context::at(NOW))
}

/// The findings, without the two general ones most tokens get ([`GENERAL`]).
fn findings(insp: &Inspection, ctx: &Context<'_>) -> Vec<Finding> {
    all_findings(insp, ctx)
        .into_iter()
        .filter(|f| !GENERAL.contains(&f.id))
        .collect()
}

/// The two findings about the token's kind and audience that most tokens get (RFC 8725bis
/// 3.9 and 3.11); the tests of other findings leave them out, `bcp_typ_and_aud` checks them.
const GENERAL: [&str; 2] = ["typ-not-explicit", "aud-missing"];

/// "id severity" for each finding (the two general ones left out).
fn ids(f: &[Finding]) -> Vec<String> {
    f.iter()
        .filter(|f| !GENERAL.contains(&f.id))
        .map(|f| format!("{} {}", f.id, f.severity.label()))
        .collect()
}

#[test]
fn bcp_typ_and_aud() {
    let all = |h: &str, p: &str| {
        all_findings(&tok(h, p), &Context::at(NOW))
            .iter()
            .map(|f| (f.id, f.cite.map(|c| c.to_string())))
            .collect::<Vec<_>>()
    };
    let bcp = |s: &str| Some(format!("RFC 8725bis section {s}"));
    assert_eq!(
        all(r#"{"alg":"HS256","typ":"JWT"}"#, &payload("")),
        [("typ-not-explicit", bcp("3.11"))]
    );
    assert_eq!(
        all(
            r#"{"alg":"HS256","typ":"at+jwt"}"#,
            r#"{"sub":"1","exp":1800000900}"#
        ),
        [("typ-other", bcp("3.11")), ("aud-missing", bcp("3.9"))]
    );
    // Every finding that applies a rule says which, in the JSON too.
    let f = all_findings(&tok(r#"{"alg":"none"}"#, "{}"), &Context::at(NOW));
    assert_eq!(f[0].to_json()["cite"], "RFC 8725bis section 3.2");
}

/// A payload that is clean apart from `extra` members.
fn payload(extra: &str) -> String {
    let sep = if extra.is_empty() { "" } else { "," };
    format!(
        r#"{{"sub":"user-1","iss":"https://issuer.example","aud":"api","iat":{NOW},"exp":{}{sep}{extra}}}"#,
        NOW + 900
    )
}

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

#[test]
fn a_clean_token_has_no_warning_or_danger() {
    let key = strong_key();
    let token = sign(HEADER, &payload(""), &key, Layout::Minified).unwrap();
    let insp = inspect(&token).unwrap();
    let ctx = Context {
        key: Some(&key),
        algorithms: &[JwsAlg::HS256],
        now: NOW,
        leeway: 0,
    };
    let f = findings(&insp, &ctx);
    assert!(
        f.iter().all(|f| f.severity == Severity::Info),
        "{:?}",
        ids(&f)
    );
    assert!(ids(&f).is_empty(), "{:?}", ids(&f));
    let policy = Policy {
        aud: Some("api".into()),
        ..Policy::default()
    };
    assert!(verify(&insp, Some(&key), &policy, NOW).valid());
    // Without the audience, the same token is not valid: aud is present and nobody checked it.
    assert!(!verify(&insp, Some(&key), &Policy::default(), NOW).valid());
}

#[test]
fn alg_none_in_any_case_is_danger_and_an_unexpected_alg_warns() {
    for none in ["none", "None", "NONE", "nOnE"] {
        let f = plain(&format!(r#"{{"alg":"{none}"}}"#), &payload(""));
        assert_eq!(ids(&f), ["alg-none danger"], "{none}");
        assert_eq!(f[0].target, Target::Header("alg".into()));
    }
    let insp = tok(HEADER, &payload(""));
    let rs = Context {
        algorithms: &[JwsAlg::RS256, JwsAlg::PS256],
        ..Context::at(NOW)
    };
    let f = findings(&insp, &rs);
    assert_eq!(ids(&f), ["alg-unexpected warning"]);
    assert!(
        f[0].detail.contains("expects RS256, PS256"),
        "{}",
        f[0].detail
    );
    let hs = Context {
        algorithms: &[JwsAlg::HS256],
        ..Context::at(NOW)
    };
    assert!(findings(&insp, &hs).is_empty());
    assert!(plain(HEADER, &payload("")).is_empty(), "no set, no opinion");
    assert_eq!(
        ids(&plain(r#"{"alg":"hs256"}"#, &payload(""))),
        ["alg-unknown warning"]
    );
    assert_eq!(
        ids(&plain(r#"{"typ":"JWT"}"#, &payload(""))),
        ["alg-missing warning"]
    );
}

#[test]
fn hmac_secrets_empty_well_known_and_short() {
    let insp = tok(HEADER, &payload(""));
    let judge = |key: &Key| {
        ids(&findings(
            &insp,
            &Context {
                key: Some(key),
                ..Context::at(NOW)
            },
        ))
    };
    let empty = Key::new(KeyMaterial::Secret(Vec::new()), KeyFormat::SecretText);
    assert_eq!(judge(&empty), ["hmac-secret-empty danger"]);
    for known in [
        "a-string-secret-at-least-256-bits-long",
        "your-256-bit-secret",
        "your-384-bit-secret",
        "your-512-bit-secret",
        "your-secret-key-min-32-chars",
        "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
        "keyboard cat",
        "  ChangeMe ",
        "shhhhh",
        "my_secret_key",
        "your_jwt_secret",
    ] {
        let k = parse_secret(known, SecretEncoding::Text).unwrap();
        assert_eq!(judge(&k), ["hmac-secret-well-known danger"], "{known:?}");
    }
    let short = parse_secret("short", SecretEncoding::Text).unwrap();
    assert_eq!(judge(&short), ["hmac-secret-short warning"]);
    let f = secret_findings(&short, JwsAlg::HS512);
    assert_eq!(f[0].title, "weak secret");
    assert!(
        f[0].detail.starts_with("5 bytes; HS512 needs at least 64"),
        "{}",
        f[0].detail
    );
    assert_eq!(f[0].target, Target::Key);
    assert!(judge(&strong_key()).is_empty());
    assert_eq!(
        ids(&secret_findings(&strong_key(), JwsAlg::HS384)),
        ["hmac-secret-short warning"],
        "32 bytes are short for HS384"
    );
    // An RSA token is not judged for an HMAC secret unless HS* is expected.
    let rs = tok(r#"{"alg":"RS256"}"#, &payload(""));
    let ctx = Context {
        key: Some(&short),
        ..Context::at(NOW)
    };
    assert!(findings(&rs, &ctx).is_empty());
}

#[test]
fn a_key_refused_as_secret_is_explained_as_key_confusion() {
    let pem = std::fs::read_to_string(fixture("rsa2048.spki.pem")).unwrap();
    assert!(parse_secret(&pem, SecretEncoding::Text).is_err());
    let f = jwt_workbench::core::findings::secret_text_findings(&pem);
    assert_eq!(ids(&f), ["secret-is-key danger"]);
    assert!(f[0].detail.contains("key-confusion"));
    assert!(!f[0].detail.contains("MII"), "never the key");
    assert!(jwt_workbench::core::findings::secret_text_findings(RANDOM_SECRET).is_empty());
}

#[test]
fn rsa_keys_under_2048_bits_warn() {
    use jwt_workbench::core::keys::Purpose;
    let weak = fixture_key("rsa1024.spki.pem", Purpose::Verify);
    let f = key_findings(&weak);
    assert_eq!(ids(&f), ["rsa-key-short warning"]);
    assert_eq!(f[0].title, "RSA key of 1024 bits");
    let insp = tok(r#"{"alg":"RS256","typ":"JWT"}"#, &payload(""));
    let ctx = Context {
        key: Some(&weak),
        ..Context::at(NOW)
    };
    assert_eq!(ids(&findings(&insp, &ctx)), ["rsa-key-short warning"]);
    assert!(key_findings(&fixture_key("rsa2048.spki.pem", Purpose::Verify)).is_empty());
}

#[test]
fn time_findings() {
    let times = |t: &str| {
        ids(&plain(
            HEADER,
            &format!(
                r#"{{"sub":"u","iss":"i","aud":"a"{}{t}}}"#,
                if t.is_empty() { "" } else { "," }
            ),
        ))
    };
    assert_eq!(times(&format!(r#""iat":{NOW}"#)), ["exp-missing warning"]);
    assert_eq!(
        times(&format!(r#""iat":{NOW},"exp":{}"#, NOW - 60)),
        ["exp-before-iat warning"]
    );
    assert_eq!(
        times(&format!(r#""nbf":{},"exp":{}"#, NOW + 600, NOW + 300)),
        ["nbf-after-exp warning"]
    );
    assert_eq!(
        times(&format!(r#""iat":{},"exp":{}"#, NOW + 60, NOW + 900)),
        ["iat-future warning"]
    );
    let ctx = Context {
        leeway: 60,
        ..Context::at(NOW)
    };
    let within = tok(
        HEADER,
        &format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 60, NOW + 900),
    );
    assert!(findings(&within, &ctx).is_empty(), "within the leeway");
    // Milliseconds: say so, and the date it would be in seconds.
    let f = plain(HEADER, r#"{"iat":1700000000000,"exp":1.7e12}"#);
    assert_eq!(
        ids(&f),
        ["time-milliseconds warning", "time-milliseconds warning"]
    );
    assert!(f[0].detail.contains("probably milliseconds"));
    assert!(
        f[1].detail.contains("2023-11-14 22:13:20 UTC"),
        "{}",
        f[1].detail
    );
    // Strings and other types.
    let f = plain(HEADER, r#"{"exp":"1795629891"}"#);
    assert_eq!(ids(&f), ["time-string warning"]);
    assert_eq!(f[0].target, Target::Claim("exp".into()));
    assert_eq!(
        ids(&plain(HEADER, r#"{"exp":null}"#)),
        ["claim-wrong-type warning"]
    );
    assert_eq!(
        ids(&plain(HEADER, r#"{"exp":1e20}"#)),
        ["time-out-of-range warning"]
    );
}

#[test]
fn long_lifetimes_for_access_tokens_say_what_the_token_was_taken_for() {
    let long = |extra: &str, header: &str| {
        plain(
            header,
            &format!(r#"{{"iat":{NOW},"exp":{}{extra}}}"#, NOW + 30 * 86_400),
        )
    };
    let f = long("", HEADER);
    assert_eq!(ids(&f), ["lifetime-long warning"]);
    assert!(f[0].detail.contains("valid for 30d"), "{}", f[0].detail);
    assert!(
        f[0].detail.contains("taken for an access token"),
        "{}",
        f[0].detail
    );
    let f = long(r#","token_use":"access""#, HEADER);
    assert!(
        f[0].detail.contains("token_use is \"access\""),
        "{}",
        f[0].detail
    );
    let f = long("", r#"{"alg":"HS256","typ":"at+jwt"}"#);
    assert_eq!(ids(&f), ["lifetime-long warning", "typ-other info"]);
    for quiet in [
        r#","type":"refresh""#,
        r#","token_type":"refresh_token""#,
        r#","token_use":"id""#,
    ] {
        assert!(long(quiet, HEADER).is_empty(), "{quiet}");
    }
    // exp - now when there is no iat.
    let f = plain(HEADER, &format!(r#"{{"exp":{}}}"#, NOW + 2 * 86_400));
    assert_eq!(ids(&f), ["lifetime-long warning"]);
    assert!(
        plain(
            HEADER,
            &format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 86_400)
        )
        .is_empty()
    );
}

#[test]
fn secrets_and_personal_data_in_the_payload() {
    let f = plain(
        HEADER,
        &payload(r#""password":"hunter2","db_password":"x""#),
    );
    assert_eq!(
        ids(&f),
        ["payload-password warning", "payload-password warning"]
    );
    assert_eq!(f[0].title, "\"password\" in the payload");
    assert_eq!(f[1].target, Target::Claim("db_password".into()));
    for f in &f {
        assert!(
            f.detail
                .contains("a JWT is signed, not encrypted: anyone holding it can read this"),
            "{}",
            f.detail
        );
        assert!(!f.detail.contains("hunter2") && !f.title.contains("hunter2"));
    }
    let cases = [
        (r#""client_secret":"x""#, "payload-secret warning"),
        (r#""apiKey":"x""#, "payload-api-key warning"),
        (r#""user":{"ssn":"x"}"#, "payload-national-id warning"),
        (r#""cvv":"123""#, "payload-card-number warning"),
        (
            r#""card":"4111 1111 1111 1111""#,
            "payload-card-number warning",
        ),
        (r#""tax":"123-45-6789""#, "payload-national-id warning"),
        (r#""contact":"jane@example.com""#, "payload-email warning"),
        (
            r#""k":"-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n-----END PRIVATE KEY-----""#,
            "payload-private-key danger",
        ),
    ];
    for (extra, want) in cases {
        let f = plain(HEADER, &payload(extra));
        assert_eq!(ids(&f), [want], "{extra}");
        assert!(!f[0].detail.contains("4111") && !f[0].detail.contains("BEGIN"));
    }
    let nested = plain(HEADER, &payload(r#""user":{"ssn":"x"}"#));
    assert_eq!(nested[0].target.describe(), "claim user.ssn");
    // Look-alikes stay silent.
    for extra in [
        r#""card":"4111 1111 1111 1112""#,
        r#""shipping":"fast""#,
        r#""day":"2024-01-15""#,
        r#""roles":["admin","user"]"#,
        r#""n":1234567890123452"#,
    ] {
        assert!(plain(HEADER, &payload(extra)).is_empty(), "{extra}");
    }
}

#[test]
fn header_members_kid_crit_typ() {
    let f = plain(
        r#"{"alg":"RS256","jku":"https://a","x5u":"https://b","jwk":{},"x5c":[]}"#,
        &payload(""),
    );
    assert_eq!(
        ids(&f),
        [
            "header-jku warning",
            "header-x5u warning",
            "header-jwk warning",
            "header-x5c warning"
        ]
    );
    assert_eq!(f[2].title, "header carries \"jwk\": not used");
    for (kid, looks) in [
        ("../../dev/null", "a file path"),
        ("/etc/passwd", "a file path"),
        ("x' OR '1'='1", "SQL"),
        ("1 union select 1", "SQL"),
        ("k|cat /etc/passwd", "a shell command"),
        ("$(id)", "a shell command"),
        ("`id`", "a shell command"),
    ] {
        let header = serde_json::json!({"alg": "HS256", "kid": kid}).to_string();
        let f = plain(&header, &payload(""));
        assert_eq!(ids(&f), ["kid-suspicious warning"], "{kid}");
        assert_eq!(f[0].title, "suspicious kid");
        assert!(f[0].detail.contains(looks), "{kid}: {}", f[0].detail);
    }
    assert!(plain(r#"{"alg":"HS256","kid":"2024-05-reunion"}"#, &payload("")).is_empty());
    assert_eq!(
        ids(&plain(
            r#"{"alg":"HS256","crit":["exp2"],"exp2":1}"#,
            &payload("")
        )),
        ["crit-unknown warning"]
    );
    assert!(plain(r#"{"alg":"HS256","typ":"jwt"}"#, &payload("")).is_empty());
    let f = plain(r#"{"alg":"HS256","typ":"at+jwt"}"#, &payload(""));
    assert_eq!(ids(&f), ["typ-other info"]);
    assert!(f[0].detail.contains("RFC 9068"));
    assert_eq!(
        ids(&plain(r#"{"alg":"HS256","typ":"JOSE"}"#, &payload(""))),
        ["typ-other info"]
    );
}

#[test]
fn duplicate_members_on_the_raw_bytes() {
    let f = plain(
        r#"{"alg":"HS256","typ":"JWT","alg":"HS256"}"#,
        &payload(r#""role":"user","r\u006fle":"admin""#),
    );
    assert_eq!(
        ids(&f),
        ["duplicate-member warning", "duplicate-member warning"]
    );
    assert_eq!(f[0].target, Target::Header("alg".into()));
    assert_eq!(f[1].target, Target::Claim("role".into()));
    assert_eq!(f[1].title, "\"role\" appears twice in the payload");
    use jwt_workbench::core::members::duplicate_members;
    assert_eq!(duplicate_members(br#"{"x":{"k":1,"k":2}}"#), ["x.k"]);
    assert!(duplicate_members(br#"{"a":"\"a\":1","b":[{"a":1},{"a":2}]}"#).is_empty());
}

#[test]
fn claim_types() {
    let f = plain(
        HEADER,
        &format!(
            r#"{{"iss":1,"sub":["x"],"jti":null,"aud":[1],"exp":{}}}"#,
            NOW + 60
        ),
    );
    assert_eq!(ids(&f), ["claim-wrong-type warning"; 4]);
    let names: Vec<String> = f.iter().map(|f| f.target.describe()).collect();
    assert_eq!(names, ["claim iss", "claim sub", "claim jti", "claim aud"]);
    assert!(plain(HEADER, &payload(r#""x":1"#)).is_empty());
    let aud_list = format!(r#"{{"aud":["a","b"],"exp":{}}}"#, NOW + 60);
    assert!(plain(HEADER, &aud_list).is_empty());
}

#[test]
fn repaired_pastes_are_info() {
    let key = strong_key();
    let token = sign(HEADER, &payload(""), &key, Layout::Minified).unwrap();
    let pasted = format!("\"Bearer {token}==\"");
    let f = findings(&inspect(&pasted).unwrap(), &Context::at(NOW));
    assert_eq!(
        ids(&f),
        [
            "paste-quotes info",
            "paste-bearer info",
            "base64-padding info"
        ]
    );
    assert!(f.iter().all(|f| f.target == Target::Token));
}

#[test]
fn findings_are_sorted_danger_warning_info() {
    let f = plain(
        r#"{"alg":"none","typ":"at+jwt","jku":"https://x"}"#,
        r#"{"password":"p"}"#,
    );
    assert_eq!(
        ids(&f),
        [
            "alg-none danger",
            "header-jku warning",
            "exp-missing warning",
            "payload-password warning",
            "typ-other info"
        ]
    );
}

#[test]
fn the_window_judges_with_its_key_alg_clock_and_leeway() {
    let mut wb = Workbench::example(NOW);
    let f = wb.findings(NOW);
    assert_eq!(
        ids(&f),
        ["hmac-secret-well-known danger"],
        "the first-run secret is jwt.io's, which is public"
    );
    wb.apply_and_settle(Edit::Secret("short".into()));
    assert_eq!(wb.secret_advice()[0].id, "hmac-secret-short");
    // A pasted token is judged at the document's clock, with the picker's alg.
    let token = sign(
        r#"{"alg":"HS256","typ":"JWT","kid":"../x"}"#,
        &format!(r#"{{"sub":"1","iat":{},"exp":{}}}"#, NOW + 30, NOW + 900),
        &strong_key(),
        Layout::Minified,
    )
    .unwrap();
    let mut wb = Workbench::empty();
    wb.apply_and_settle(Edit::Token(token));
    let f = ids(&wb.findings(NOW));
    assert_eq!(f, ["kid-suspicious warning", "iat-future warning"]);
    let pem = std::fs::read_to_string(fixture("rsa2048.spki.pem")).unwrap();
    wb.apply_and_settle(Edit::Secret(pem));
    assert!(
        ids(&wb.findings(NOW)).contains(&"secret-is-key danger".to_string()),
        "{:?}",
        ids(&wb.findings(NOW))
    );
    assert_eq!(wb.secret_advice()[0].id, "secret-is-key");
}

#[test]
fn a_malformed_exp_heads_the_verdict() {
    let key = strong_key();
    for exp in [r#""1795629891""#, "null", "1e20"] {
        let token = sign(
            HEADER,
            &format!(r#"{{"sub":"1","exp":{exp}}}"#),
            &key,
            Layout::Minified,
        )
        .unwrap();
        let report = verify(
            &inspect(&token).unwrap(),
            Some(&key),
            &Policy::default(),
            NOW,
        );
        let (_, text) = report.verdict();
        assert!(
            text.starts_with("signature valid, but exp is not a NumericDate: "),
            "{exp}: {text}"
        );
        let mut wb = Workbench::empty();
        wb.apply_and_settle(Edit::Secret(RANDOM_SECRET.into()));
        wb.apply_and_settle(Edit::SecretEncoding(SecretEncoding::Hex));
        wb.apply_and_settle(Edit::Token(token));
        assert_eq!(
            wb.headline(NOW).title,
            "× exp is not a NumericDate",
            "{exp}"
        );
    }
}
