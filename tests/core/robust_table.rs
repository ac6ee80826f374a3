//! Malformed tokens and keys, one row each: the exact category of what the core says (the
//! error variant, the payload kind, the verification check) and that what the user reads is a
//! sentence: not empty, no panic text, no Rust debug formatting, and no long run of the input.
//! Every row runs, and all failing rows are listed together.

use crate::common::{A1_JWK, A1_TOKEN, ED_PUBLIC_JWK, fixture, key};
use jwt_workbench::core::b64;
use jwt_workbench::core::findings::{self, Context};
use jwt_workbench::core::jwe::{self, HeaderProblem, JweError, Part};
use jwt_workbench::core::keys::{self, KeyError, Purpose, SecretEncoding};
use jwt_workbench::core::token::{Payload, Repair, inspect};
use jwt_workbench::core::verify::{Fault, Unchecked};
use jwt_workbench::core::workbench::{Edit, Workbench};
use jwt_workbench::core::{
    alg::{HeaderAlg, JwsAlg},
    error::{Error, Segment},
    token::Inspection,
    verify::{Policy, SignatureStatus, verify},
};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The instant rows are judged at (2023-11-14).
const NOW: i64 = 1_700_000_000;

/// The longest run of input characters a message may repeat.
const MAX_ECHO: usize = 12;

/// Why `msg` is not a user-facing sentence, if it is not one.
fn not_a_sentence(msg: &str) -> Option<String> {
    if msg.trim().is_empty() {
        return Some("the message is empty".into());
    }
    if msg.trim() != msg {
        return Some(format!("surrounding whitespace: {msg:?}"));
    }
    for bad in [
        "panicked", "Some(", "Err(", "Ok(", "\\\"", "\\n", "\\u{", "[0x", "{ ..",
    ] {
        if msg.contains(bad) {
            return Some(format!("debug formatting {bad:?} in: {msg}"));
        }
    }
    None
}

/// Why `msg` repeats the input, if it does: a run of more than [`MAX_ECHO`] characters.
fn echoes(msg: &str, input: &str) -> Option<String> {
    let chars: Vec<char> = input.chars().collect();
    chars.windows(MAX_ECHO + 1).find_map(|w| {
        let run: String = w.iter().collect();
        msg.contains(&run)
            .then(|| format!("repeats {run:?} of the input: {msg}"))
    })
}

// ---------------------------------------------------------------------------------------
// Token rows
// ---------------------------------------------------------------------------------------

/// What a malformed token must give.
enum Want {
    /// `inspect` refuses it as a whole.
    Top(fn(&Error) -> bool),
    /// The header segment's error.
    Header(fn(&Error) -> bool),
    /// The payload segment's error.
    PayloadErr(fn(&Error) -> bool),
    /// The payload decodes to this kind; its `explain()` is the message.
    Payload(fn(&Payload) -> bool),
    /// The signature segment's error.
    Signature(fn(&Error) -> bool),
    /// What `alg` says, and why verification leaves the signature unchecked.
    Alg(fn(&HeaderAlg) -> bool, Unchecked),
    /// A verification check fails with this fault (against the RFC 7515 A.1 key).
    Check(&'static str, Fault),
    /// A verification check passes; the closure checks its detail.
    Passes(&'static str, fn(&str) -> bool),
    /// The signature status against the RFC 7515 A.1 HMAC key.
    Status(fn(&SignatureStatus) -> bool),
    /// Paste repair undid the damage: these repairs, and the A.1 signature verifies.
    Repaired(fn(&[Repair]) -> bool),
    /// Decodes; the closure checks the inspection (duplicates: which member won) and a
    /// finding with this id is reported.
    Finding(fn(&Inspection) -> bool, &'static str),
    /// `jwe::parse` refuses it.
    Jwe(fn(&JweError) -> bool),
}

struct TokenRow {
    name: &'static str,
    input: String,
    want: Want,
}

fn row(name: &'static str, input: impl Into<String>, want: Want) -> TokenRow {
    TokenRow {
        name,
        input: input.into(),
        want,
    }
}

fn enc(text: &str) -> String {
    b64::encode(text.as_bytes())
}

/// A token of this header and payload JSON, with a well-formed (wrong) signature.
fn tok(header: &str, payload: &str) -> String {
    format!("{}.{}.{}", enc(header), enc(payload), SIG)
}

/// An HS256 token with this payload JSON.
fn claims(payload: &str) -> String {
    tok(r#"{"alg":"HS256","typ":"JWT"}"#, payload)
}

/// An HS256 token with this header JSON and a plain payload.
fn header(header: &str) -> String {
    tok(header, r#"{"sub":"1"}"#)
}

/// The three segments of RFC 7515 A.1.
fn a1() -> (&'static str, &'static str, &'static str) {
    let mut it = A1_TOKEN.split('.');
    (it.next().unwrap(), it.next().unwrap(), it.next().unwrap())
}

/// `text` with `c` inserted after `at` characters.
fn with_char(text: &str, at: usize, c: char) -> String {
    let mut s = text.to_string();
    s.insert(at, c);
    s
}

const SIG: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const H: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// RFC 7516 A.3: a compact JWE.
const JWE_A3: &str = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ";

fn token_rows() -> Vec<TokenRow> {
    let (h1, p1, s1) = a1();
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let deep_object = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    let twenty_mib = format!("{H}.{}.{SIG}", "A".repeat(20 << 20));
    let jwe_parts: Vec<&str> = JWE_A3.split('.').collect();
    vec![
        // ---- no token shape at all ----
        row("empty", "", Want::Top(|e| *e == Error::EmptyToken)),
        row(
            "whitespace only",
            " \t\r\n  \u{a0}",
            Want::Top(|e| *e == Error::EmptyToken),
        ),
        row(
            "only quotes",
            "\"\"",
            Want::Top(|e| *e == Error::EmptyToken),
        ),
        row(
            "Bearer and nothing",
            "Bearer ",
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 1 })),
        ),
        row(
            "one segment",
            h1,
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 1 })),
        ),
        row(
            "two segments",
            format!("{h1}.{p1}"),
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 2 })),
        ),
        row(
            "four segments",
            format!("{A1_TOKEN}.{s1}"),
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 4 })),
        ),
        row(
            "six segments",
            format!("{JWE_A3}.{s1}"),
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 6 })),
        ),
        row(
            "10,000 dots",
            ".".repeat(10_000),
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 10_001 })),
        ),
        row(
            "truncated after the header's dot",
            &A1_TOKEN[..h1.len() + 1],
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 2 })),
        ),
        row(
            "truncated inside the payload",
            &A1_TOKEN[..h1.len() + 20],
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 2 })),
        ),
        row(
            "NUL bytes only",
            "\0\0\0",
            Want::Top(|e| matches!(e, Error::SegmentCount { found: 1 })),
        ),
        row(
            "a 20 MiB payload: over the 16 MiB token cap",
            twenty_mib,
            Want::Top(|e| {
                matches!(e, Error::TooLarge { what: "token", len, limit, mib: 16 }
                    if *len > *limit && *limit == 16 << 20)
            }),
        ),
        // ---- base64url, segment by segment ----
        row(
            "header: '*' inside",
            format!("{}.{p1}.{s1}", with_char(h1, 4, '*')),
            Want::Header(
                |e| matches!(e, Error::Base64 { segment: Segment::Header, detail } if detail.to_string().contains("character 5 ('*')")),
            ),
        ),
        row(
            "payload: '*' inside",
            format!("{h1}.{}.{s1}", with_char(p1, 3, '*')),
            Want::PayloadErr(
                |e| matches!(e, Error::Base64 { segment: Segment::Payload, detail } if detail.to_string().contains("character 4 ('*')")),
            ),
        ),
        row(
            "signature: '*' inside",
            format!("{h1}.{p1}.{}", with_char(s1, 10, '*')),
            Want::Signature(
                |e| matches!(e, Error::Base64 { segment: Segment::Signature, detail } if detail.to_string().contains("character 11 ('*')")),
            ),
        ),
        row(
            "header: '%' (URL-encoded paste)",
            format!("{}.{p1}.{s1}", with_char(h1, 0, '%')),
            Want::Header(|e| {
                matches!(
                    e,
                    Error::Base64 {
                        segment: Segment::Header,
                        ..
                    }
                )
            }),
        ),
        row(
            "payload: '%'",
            format!("{h1}.{}.{s1}", with_char(p1, 8, '%')),
            Want::PayloadErr(|e| {
                matches!(
                    e,
                    Error::Base64 {
                        segment: Segment::Payload,
                        ..
                    }
                )
            }),
        ),
        row(
            "signature: '%'",
            format!("{h1}.{p1}.{}%3D", s1),
            Want::Signature(|e| {
                matches!(
                    e,
                    Error::Base64 {
                        segment: Segment::Signature,
                        ..
                    }
                )
            }),
        ),
        row(
            "a space inside each segment: repaired",
            format!(
                "{}.{}.{}",
                with_char(h1, 5, ' '),
                with_char(p1, 5, ' '),
                with_char(s1, 5, ' ')
            ),
            Want::Repaired(|r| r == [Repair::Whitespace(3)]),
        ),
        row(
            "a zero-width space inside the header",
            format!("{}.{p1}.{s1}", with_char(h1, 6, '\u{200b}')),
            Want::Header(
                |e| matches!(e, Error::Base64 { segment: Segment::Header, detail } if detail.to_string().contains("character 7 (")),
            ),
        ),
        row(
            "header: a lone character",
            format!("e.{p1}.{s1}"),
            Want::Header(
                |e| matches!(e, Error::Base64 { segment: Segment::Header, detail } if detail.to_string().contains("truncated")),
            ),
        ),
        row(
            "payload: a lone character",
            format!("{h1}.e.{s1}"),
            Want::PayloadErr(
                |e| matches!(e, Error::Base64 { segment: Segment::Payload, detail } if detail.to_string().contains("truncated")),
            ),
        ),
        row(
            "signature: a lone character",
            format!("{h1}.{p1}.d"),
            Want::Signature(
                |e| matches!(e, Error::Base64 { segment: Segment::Signature, detail } if detail.to_string().contains("truncated")),
            ),
        ),
        row(
            "signature: one character short",
            &A1_TOKEN[..A1_TOKEN.len() - 1],
            Want::Status(|s| matches!(s, SignatureStatus::Unchecked(Unchecked::Malformed, _))),
        ),
        row(
            "signature: last character altered (bits past the end)",
            format!("{}l", &A1_TOKEN[..A1_TOKEN.len() - 1]),
            Want::Signature(
                |e| matches!(e, Error::Base64 { segment: Segment::Signature, detail } if detail.to_string().contains("does not encode whole bytes")),
            ),
        ),
        row(
            "NUL byte inside the header",
            format!("{}.{p1}.{s1}", with_char(h1, 3, '\0')),
            Want::Header(
                |e| matches!(e, Error::Base64 { segment: Segment::Header, detail } if detail.to_string().contains("U+0000")),
            ),
        ),
        row(
            "standard base64 with padding: repaired",
            format!("{h1}.{p1}.{}==", s1.replace('-', "+").replace('_', "/")),
            Want::Repaired(|r| r == [Repair::Padding(2), Repair::StandardAlphabet(2)]),
        ),
        row(
            "Bearer and nested quotes: repaired in one pass",
            format!("Bearer \"'{A1_TOKEN}'\""),
            Want::Repaired(|r| r == [Repair::Quotes, Repair::BearerPrefix]),
        ),
        row(
            "quotes outside '=' padding: repaired in one pass",
            format!("\"{A1_TOKEN}\"=="),
            Want::Repaired(|r| r == [Repair::Quotes, Repair::Padding(2)]),
        ),
        // ---- bytes and JSON inside the segments ----
        row(
            "header: invalid UTF-8",
            format!("{}.{p1}.{s1}", b64::encode(b"{\"alg\":\"\xff\xfe\"}")),
            Want::Header(|e| matches!(e, Error::Shape(m) if m.contains("not UTF-8"))),
        ),
        row(
            "payload: invalid UTF-8",
            format!("{h1}.{}.{s1}", b64::encode(b"{\"sub\":\"\xc3\x28\"}")),
            // It looks like JSON, so it is judged as claims: not UTF-8, so invalid.
            Want::Payload(
                |p| matches!(p, Payload::Invalid { error, .. } if error.to_string().contains("is not UTF-8 (invalid byte at offset 8)")),
            ),
        ),
        row(
            "payload: NUL bytes",
            format!("{h1}.{}.{s1}", b64::encode(b"\0\0\0")),
            // Under typ JWT every payload is judged as claims.
            Want::Payload(|p| matches!(p, Payload::Invalid { text, .. } if text == "\0\0\0")),
        ),
        row(
            "header: an array",
            header("[\"alg\",\"HS256\"]"),
            Want::Header(|e| matches!(e, Error::Shape(m) if m.ends_with("this is an array"))),
        ),
        row(
            "header: a number",
            header("42"),
            Want::Header(|e| matches!(e, Error::Shape(m) if m.ends_with("this is a number"))),
        ),
        row(
            "header: a string",
            header("\"HS256\""),
            Want::Header(|e| matches!(e, Error::Shape(m) if m.ends_with("this is a string"))),
        ),
        row(
            "header: null",
            header("null"),
            Want::Header(|e| matches!(e, Error::Shape(m) if m.ends_with("this is null"))),
        ),
        row(
            "payload: an array",
            claims("[1,2]"),
            Want::Payload(
                |p| matches!(p, Payload::Invalid { error, .. } if error.to_string().contains("is an array, not a JSON object")),
            ),
        ),
        row(
            "payload: a number",
            claims("42"),
            Want::Payload(
                |p| matches!(p, Payload::Invalid { error, .. } if error.to_string().contains("is a number, not a JSON object")),
            ),
        ),
        row(
            "payload: a number, with no typ (a JWS, not a JWT)",
            tok(r#"{"alg":"HS256"}"#, "42"),
            Want::Payload(|p| matches!(p, Payload::OtherJson(Value::Number(_)))),
        ),
        row(
            "payload: a string",
            claims("\"sub\""),
            Want::Payload(
                |p| matches!(p, Payload::Invalid { error, .. } if error.to_string().contains("is a string, not a JSON object")),
            ),
        ),
        row(
            "payload: null",
            claims("null"),
            Want::Payload(
                |p| matches!(p, Payload::Invalid { error, .. } if error.to_string().contains("is null, not a JSON object")),
            ),
        ),
        row(
            "header: not JSON",
            header("{alg: HS256}"),
            Want::Header(
                |e| matches!(e, Error::Json { what, line: 1, column: 2, .. } if what == "header"),
            ),
        ),
        row(
            "header: empty segment",
            format!(".{p1}.{s1}"),
            Want::Header(|e| {
                matches!(
                    e,
                    Error::Json {
                        line: 1,
                        column: 0,
                        ..
                    }
                )
            }),
        ),
        row(
            "payload: plain text",
            claims("hello, world"),
            Want::Payload(|p| matches!(p, Payload::Invalid { text, .. } if text == "hello, world")),
        ),
        row(
            "payload: plain text, with no typ (a JWS, not a JWT)",
            tok(r#"{"alg":"HS256"}"#, "hello, world"),
            Want::Payload(|p| matches!(p, Payload::Text(t) if t == "hello, world")),
        ),
        row(
            "payload: empty segment (a detached payload, RFC 7515 appendix F)",
            format!("{h1}..{s1}"),
            Want::Payload(|p| matches!(p, Payload::Detached)),
        ),
        row(
            "header: JSON nested 100,000 deep",
            header(&deep(100_000)),
            Want::Header(
                |e| matches!(e, Error::TooDeep { what, depth: 100_000 } if what == "header"),
            ),
        ),
        row(
            "payload: JSON nested 100,000 deep",
            claims(&deep(100_000)),
            Want::Payload(|p| {
                matches!(
                    p,
                    Payload::Invalid {
                        error: Error::TooDeep { depth: 100_000, .. },
                        ..
                    }
                )
            }),
        ),
        row(
            "payload: objects nested 129 deep (one over the limit)",
            claims(&deep_object(129)),
            Want::Payload(|p| {
                matches!(
                    p,
                    Payload::Invalid {
                        error: Error::TooDeep { depth: 129, .. },
                        ..
                    }
                )
            }),
        ),
        row(
            "payload: objects nested 128 deep (serde_json's limit; was plain text before)",
            claims(&deep_object(128)),
            Want::Payload(|p| {
                matches!(
                    p,
                    Payload::Invalid {
                        error: Error::TooDeep { depth: 128, .. },
                        ..
                    }
                )
            }),
        ),
        row(
            "header: arrays nested 128 deep (was a JSON error before)",
            header(&deep(128)),
            Want::Header(|e| matches!(e, Error::TooDeep { depth: 128, .. })),
        ),
        row(
            "payload: objects nested 127 deep are claims",
            claims(&deep_object(127)),
            Want::Payload(|p| matches!(p, Payload::Claims(_))),
        ),
        // ---- duplicate members: the last one wins, and it is reported ----
        row(
            "header: alg twice (none, then HS256)",
            header(r#"{"alg":"none","alg":"HS256"}"#),
            Want::Finding(
                |i| i.alg == HeaderAlg::Known(JwsAlg::HS256),
                "duplicate-member",
            ),
        ),
        row(
            "payload: sub twice",
            claims(r#"{"sub":"user","sub":"admin"}"#),
            // Strict reading refuses the claims (invalid claims), and the finding names "sub".
            Want::Finding(
                |i| {
                    matches!(&i.payload, Ok(Payload::Invalid { error, .. })
                        if error.to_string().contains("\"sub\" twice"))
                },
                "duplicate-member",
            ),
        ),
        // ---- alg ----
        row(
            "alg missing",
            header(r#"{"typ":"JWT"}"#),
            Want::Alg(|a| *a == HeaderAlg::Missing, Unchecked::UnsupportedAlg),
        ),
        row(
            "alg not a string",
            header(r#"{"alg":256}"#),
            Want::Alg(|a| *a == HeaderAlg::NotAString, Unchecked::UnsupportedAlg),
        ),
        row(
            "alg null",
            header(r#"{"alg":null}"#),
            Want::Alg(|a| *a == HeaderAlg::NotAString, Unchecked::UnsupportedAlg),
        ),
        row(
            "alg none",
            header(r#"{"alg":"none"}"#),
            Want::Alg(
                |a| matches!(a, HeaderAlg::None(s) if s == "none"),
                Unchecked::AlgNone,
            ),
        ),
        row(
            "alg nOnE",
            header(r#"{"alg":"nOnE"}"#),
            Want::Alg(
                |a| matches!(a, HeaderAlg::None(s) if s == "nOnE"),
                Unchecked::AlgNone,
            ),
        ),
        row(
            "alg unknown",
            header(r#"{"alg":"HS999"}"#),
            Want::Alg(
                |a| matches!(a, HeaderAlg::Unknown(s) if s == "HS999"),
                Unchecked::UnsupportedAlg,
            ),
        ),
        row(
            "alg lowercase hs256",
            header(r#"{"alg":"hs256"}"#),
            Want::Alg(
                |a| {
                    matches!(a, HeaderAlg::Unknown(s) if s == "hs256")
                        && a.problem().unwrap().contains("did you mean HS256")
                },
                Unchecked::UnsupportedAlg,
            ),
        ),
        row(
            "alg empty string",
            header(r#"{"alg":""}"#),
            Want::Alg(
                |a| matches!(a, HeaderAlg::Unknown(s) if s.is_empty()),
                Unchecked::UnsupportedAlg,
            ),
        ),
        row(
            "empty signature with HS256",
            format!("{h1}.{p1}."),
            Want::Status(|s| *s == SignatureStatus::Invalid),
        ),
        // ---- crit ----
        row(
            "crit a string",
            header(r#"{"alg":"HS256","crit":"exp"}"#),
            Want::Check("crit", Fault::Crit),
        ),
        row(
            "crit empty",
            header(r#"{"alg":"HS256","crit":[]}"#),
            Want::Check("crit", Fault::Crit),
        ),
        row(
            "crit lists a number",
            header(r#"{"alg":"HS256","crit":[7]}"#),
            Want::Check("crit", Fault::Crit),
        ),
        row(
            "crit lists a registered name",
            header(r#"{"alg":"HS256","crit":["alg"]}"#),
            Want::Check("crit", Fault::Crit),
        ),
        row(
            "crit lists a member that is absent",
            header(r#"{"alg":"HS256","crit":["x-ext"]}"#),
            Want::Check("crit", Fault::Crit),
        ),
        // ---- time claims ----
        row(
            "exp a string",
            claims(r#"{"exp":"tomorrow"}"#),
            Want::Check("exp", Fault::NotNumericDate),
        ),
        row(
            "exp null",
            claims(r#"{"exp":null}"#),
            Want::Check("exp", Fault::NotNumericDate),
        ),
        row(
            "exp 1e20",
            claims(r#"{"exp":1e20}"#),
            Want::Check("exp", Fault::NotNumericDate),
        ),
        row(
            "nbf a boolean",
            claims(r#"{"nbf":true}"#),
            Want::Check("nbf", Fault::NotNumericDate),
        ),
        row(
            "iat an array",
            claims(r#"{"iat":[1700000000]}"#),
            Want::Check("iat", Fault::NotNumericDate),
        ),
        row(
            "exp i64::MIN (overflowed before)",
            claims(r#"{"exp":-9223372036854775808}"#),
            Want::Check("exp", Fault::Expired),
        ),
        row(
            "exp i64::MAX, iat i64::MIN (overflowed before)",
            claims(r#"{"exp":9223372036854775807,"iat":-9223372036854775808}"#),
            Want::Passes("exp", |d| d.starts_with("expires in")),
        ),
        row(
            "nbf i64::MAX",
            claims(r#"{"nbf":9223372036854775807}"#),
            Want::Check("nbf", Fault::NotYetValid),
        ),
        // ---- JWE ----
        row(
            "JWE with 4 parts",
            jwe_parts[..4].join("."),
            Want::Jwe(|e| matches!(e, JweError::PartCount { found: 4 })),
        ),
        row(
            "JWE with 6 parts",
            format!("{JWE_A3}.AAAA"),
            Want::Jwe(|e| matches!(e, JweError::PartCount { found: 6 })),
        ),
        row(
            "a JWS given as a JWE",
            A1_TOKEN,
            Want::Jwe(|e| {
                matches!(e, JweError::PartCount { found: 3 })
                    && e.to_string().contains("signed JWS")
            }),
        ),
        row("JWE empty", "   ", Want::Jwe(|e| *e == JweError::Empty)),
        row(
            "JWE: '*' in the initialization vector",
            format!(
                "{}.{}.{}.{}.{}",
                jwe_parts[0],
                jwe_parts[1],
                with_char(jwe_parts[2], 2, '*'),
                jwe_parts[3],
                jwe_parts[4]
            ),
            Want::Jwe(|e| matches!(e, JweError::Base64 { part: Part::Iv, .. })),
        ),
        row(
            "JWE header without enc",
            format!(
                "{}.{}",
                enc(r#"{"alg":"A128KW"}"#),
                jwe_parts[1..].join(".")
            ),
            Want::Jwe(|e| {
                matches!(
                    e,
                    JweError::Header(HeaderProblem::Missing { member: "enc", .. })
                ) && e.to_string().contains("lacks \"enc\"")
            }),
        ),
        row(
            "JWE header an array",
            format!("{}.{}", enc("[]"), jwe_parts[1..].join(".")),
            Want::Jwe(|e| {
                matches!(
                    e,
                    JweError::Header(HeaderProblem::NotObject { kind: "an array" })
                ) && e.to_string().contains("not an array")
            }),
        ),
        row(
            "a JWE in the token field: its payload is encrypted",
            JWE_A3,
            Want::Payload(|p| *p == Payload::Encrypted),
        ),
    ]
}

/// Why a token row fails, if it does.
fn check_token_row(r: &TokenRow) -> Option<String> {
    let hmac = key(A1_JWK);
    // Long inputs are not searched for echoes run by run: their rows say what is in them.
    let echo = |msg: &str| {
        if r.input.len() > 4096 {
            None
        } else {
            echoes(msg, &r.input)
        }
    };
    let message = |msg: &str| not_a_sentence(msg).or_else(|| echo(msg));
    if let Want::Jwe(want) = &r.want {
        return match jwe::parse(&r.input) {
            Ok(_) => Some("jwe::parse accepted it".into()),
            Err(e) if !want(&e) => Some(format!("jwe::parse gave {e:?}")),
            Err(e) => message(&e.to_string()),
        };
    }
    let insp = match (inspect(&r.input), &r.want) {
        (Err(e), Want::Top(want)) => {
            return if want(&e) {
                message(&e.to_string())
            } else {
                Some(format!("inspect gave {e:?}"))
            };
        }
        (Err(e), _) => return Some(format!("inspect refused it: {e:?}")),
        (Ok(_), Want::Top(_)) => return Some("inspect accepted it".into()),
        (Ok(insp), _) => insp,
    };
    let report = verify(&insp, Some(&hmac), &Policy::default(), NOW);
    let segment = |got: Option<&Error>, want: fn(&Error) -> bool, what: &str| match got {
        Some(e) if want(e) => message(&e.to_string()),
        Some(e) => Some(format!("{what} error is {e:?}")),
        None => Some(format!("the {what} has no error")),
    };
    let problem = match &r.want {
        Want::Top(_) | Want::Jwe(_) => None,
        Want::Header(want) => segment(insp.header.as_ref().err(), *want, "header"),
        Want::PayloadErr(want) => segment(insp.payload.as_ref().err(), *want, "payload"),
        Want::Signature(want) => segment(insp.signature.as_ref().err(), *want, "signature"),
        Want::Payload(want) => match &insp.payload {
            Ok(p) if want(p) => match p.explain() {
                Some(text) => message(&text),
                None => None,
            },
            other => Some(format!("payload is {other:?}")),
        },
        Want::Alg(want, why) => match &report.signature {
            _ if !want(&insp.alg) => Some(format!("alg is {:?}", insp.alg)),
            SignatureStatus::Unchecked(u, text) if u == why => {
                message(text).or_else(|| message(&insp.alg.problem().unwrap_or_default()))
            }
            other => Some(format!("signature status {other:?}")),
        },
        Want::Check(name, fault) => match report.checks.iter().find(|c| c.name == *name) {
            Some(c) if c.fault == Some(*fault) => {
                message(&c.detail).or_else(|| message(&c.short()))
            }
            Some(c) => Some(format!("check {name}: {:?}: {}", c.fault, c.detail)),
            None => Some(format!("no {name} check in {:?}", report.checks)),
        },
        Want::Passes(name, want) => match report.checks.iter().find(|c| c.name == *name) {
            Some(c) if c.ok && want(&c.detail) => message(&c.detail),
            Some(c) => Some(format!("check {name}: {:?}: {}", c.fault, c.detail)),
            None => Some(format!("no {name} check")),
        },
        Want::Status(want) => {
            if want(&report.signature) {
                message(&report.verdict().1)
            } else {
                Some(format!("signature status {:?}", report.signature))
            }
        }
        Want::Repaired(want) => {
            if !want(&insp.repairs) {
                Some(format!("repairs {:?}", insp.repairs))
            } else if insp.token != A1_TOKEN {
                Some(format!("repaired to {:?}", insp.token))
            } else if report.signature != SignatureStatus::Valid {
                Some(format!("signature {:?}", report.signature))
            } else {
                insp.repairs.iter().find_map(|n| not_a_sentence(&n.note()))
            }
        }
        Want::Finding(want, id) => {
            let found = findings::findings(&insp, &Context::at(NOW));
            if !want(&insp) {
                Some(format!("decoded as {:?} / {:?}", insp.alg, insp.payload))
            } else {
                match found.iter().find(|f| f.id == *id) {
                    Some(f) => message(&f.title).or_else(|| message(&f.detail)),
                    None => Some(format!("no {id} finding among {found:?}")),
                }
            }
        }
    };
    if problem.is_some() {
        return problem;
    }
    // Whatever the row is about, the rest of what the user sees is sentences too.
    for c in &report.checks {
        if let Some(p) = not_a_sentence(&c.detail) {
            return Some(format!("check {}: {p}", c.name));
        }
    }
    let mut wb = Workbench::empty();
    wb.apply_and_settle(Edit::Token(r.input.clone()));
    let h = wb.headline(NOW);
    not_a_sentence(&h.title).or_else(|| not_a_sentence(&h.detail))
}

#[test]
fn malformed_tokens() {
    let rows = token_rows();
    assert!(rows.len() >= 50, "only {} token rows", rows.len());
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| check_token_row(r).map(|p| format!("{}: {p}", r.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} token rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// Exact texts the user reads for the deepest payload (the brief asks for it word by word).
#[test]
fn payload_nested_100000_deep_explains_itself() {
    let insp = inspect(&claims(&"[".repeat(100_000))).unwrap();
    let p = insp.payload.as_ref().unwrap();
    assert!(matches!(
        p,
        Payload::Invalid {
            error: Error::TooDeep { depth: 100_000, .. },
            ..
        }
    ));
    assert_eq!(
        p.explain().unwrap(),
        "the payload is not a valid JWT Claims Set: payload is JSON nested 100000 levels deep; at most 127 levels are read"
    );
}

// ---------------------------------------------------------------------------------------
// Key rows
// ---------------------------------------------------------------------------------------

/// What a malformed key must give.
enum KeyWant {
    /// `load_key_bytes` of the bytes.
    Load(fn(&KeyError) -> bool),
    /// `load_key_file` of a path (the row's bytes are written there first, unless empty).
    File(fn(&Error, &Path) -> bool),
    /// `parse_secret` of the bytes as text, in this encoding.
    Secret(SecretEncoding, fn(&KeyError) -> bool),
    /// `load_key_bytes` reads the bytes, but the key fits no JWS algorithm: `check_fits` of
    /// every algorithm, to verify, gives an error `want` accepts.
    Unfit(fn(&KeyError) -> bool),
}

struct KeyRow {
    name: &'static str,
    bytes: Vec<u8>,
    want: KeyWant,
}

fn key_row(name: &'static str, bytes: impl AsRef<[u8]>, want: KeyWant) -> KeyRow {
    KeyRow {
        name,
        bytes: bytes.as_ref().to_vec(),
        want,
    }
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(content);
    out
}

fn seq(items: &[Vec<u8>]) -> Vec<u8> {
    der(0x30, &items.concat())
}

fn oid(bytes: &[u8]) -> Vec<u8> {
    der(0x06, bytes)
}

const ED25519: &[u8] = &[0x2B, 0x65, 0x70];
const EC_PUBLIC_KEY: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01];
const P256: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
const SECP256K1: &[u8] = &[0x2B, 0x81, 0x04, 0x00, 0x0A];

/// PKCS#8 of an Ed25519 seed of any length.
fn ed25519_pkcs8(seed_len: usize) -> Vec<u8> {
    seq(&[
        der(0x02, &[0]),
        seq(&[oid(ED25519)]),
        der(0x04, &der(0x04, &vec![7u8; seed_len])),
    ])
}

/// SPKI of an EC key on `curve` with this point.
fn ec_spki(curve: &[u8], point: &[u8]) -> Vec<u8> {
    let mut bits = vec![0u8];
    bits.extend_from_slice(point);
    seq(&[seq(&[oid(EC_PUBLIC_KEY), oid(curve)]), der(0x03, &bits)])
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// The base64 body of a PEM fixture's first block.
fn pem_body(name: &str) -> String {
    String::from_utf8(read(name))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect()
}

fn pem(label: &str, body: &str) -> String {
    format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n")
}

fn jwk(members: &str) -> String {
    format!("{{{members}}}")
}

/// The certificate fixture with 40 bytes of its public key overwritten.
fn certificate_with_garbage() -> String {
    let der_bytes = b64::decode_lenient(&pem_body("rsa2048.cert.pem")).unwrap();
    let mut broken = der_bytes.clone();
    // Just past the Certificate and TBSCertificate headers: version, serial and algorithm.
    let at = 8;
    for b in &mut broken[at..at + 40] {
        *b = 0xA5;
    }
    keys::pem_encode("CERTIFICATE", &broken)
}

fn key_rows() -> Vec<KeyRow> {
    let ed_x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    let b32 = b64::encode(&[9u8; 32]);
    let b31 = b64::encode(&[9u8; 31]);
    let rsa512_n = b64::encode(&[0xC1u8; 64]);
    let rsa8200_n = b64::encode(&{
        let mut n = vec![0xFFu8; 1025];
        n[0] = 0x01;
        n
    });
    let spki_body = pem_body("ed25519.spki.pem");
    vec![
        // ---- sizes ----
        key_row(
            "RSA 512 bits, PKCS#8 PEM (openssl genrsa 512)",
            read("malformed/rsa512.pkcs8.pem"),
            KeyWant::Load(|e| {
                matches!(e, KeyError::InBlock { label, source }
                    if label == "PRIVATE KEY" && **source == KeyError::RsaTooSmall(512))
            }),
        ),
        key_row(
            "RSA 512 bits, SPKI DER",
            read("malformed/rsa512.spki.der"),
            KeyWant::Load(|e| *e == KeyError::RsaTooSmall(512)),
        ),
        key_row(
            "RSA 512 bits, JWK",
            jwk(&format!(r#""kty":"RSA","n":"{rsa512_n}","e":"AQAB""#)),
            KeyWant::Load(|e| *e == KeyError::RsaTooSmall(512)),
        ),
        key_row(
            "RSA 8193 bits, JWK",
            jwk(&format!(r#""kty":"RSA","n":"{rsa8200_n}","e":"AQAB""#)),
            KeyWant::Load(|e| *e == KeyError::RsaTooLarge(8193)),
        ),
        key_row(
            "Ed25519 PKCS#8 with a 31-byte seed",
            ed25519_pkcs8(31),
            KeyWant::Load(|e| *e == KeyError::EdSeedSize(31)),
        ),
        key_row(
            "Ed25519 PKCS#8 PEM with a 33-byte seed",
            keys::pem_encode("PRIVATE KEY", &ed25519_pkcs8(33)),
            KeyWant::Load(
                |e| matches!(e, KeyError::InBlock { source, .. } if **source == KeyError::EdSeedSize(33)),
            ),
        ),
        key_row(
            "Ed25519 JWK with a 31-byte d",
            jwk(&format!(
                r#""kty":"OKP","crv":"Ed25519","x":"{ed_x}","d":"{b31}""#
            )),
            KeyWant::Load(|e| *e == KeyError::EdSeedSize(31)),
        ),
        key_row(
            "Ed25519 SPKI with a 31-byte public key",
            seq(&[
                seq(&[oid(ED25519)]),
                der(0x03, &[&[0u8][..], &[5u8; 31]].concat()),
            ]),
            KeyWant::Load(|e| *e == KeyError::EdPublicSize(31)),
        ),
        key_row(
            "a 2 MiB file",
            vec![b'A'; 2 << 20],
            KeyWant::Load(|e| *e == KeyError::TooLarge { len: 2 << 20 }),
        ),
        key_row(
            "a 2 MiB file, read from disk",
            vec![b'A'; 2 << 20],
            KeyWant::File(
                |e, _| matches!(e, Error::FileTooLarge { what: "key file", limit, .. } if limit == "1 MiB"),
            ),
        ),
        // ---- not a key, or a key in a form that needs converting ----
        key_row(
            "encrypted PKCS#8 PEM",
            read("ec256.encrypted.pem"),
            KeyWant::Load(|e| *e == KeyError::Encrypted),
        ),
        key_row(
            "legacy encrypted PEM (Proc-Type: 4,ENCRYPTED)",
            format!(
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011223344556677\n\n{spki_body}\n-----END RSA PRIVATE KEY-----\n"
            ),
            KeyWant::Load(|e| *e == KeyError::Encrypted),
        ),
        key_row(
            "OpenSSH private key",
            read("malformed/openssh_ed25519"),
            KeyWant::Load(|e| *e == KeyError::OpenSshPrivate),
        ),
        key_row(
            "OpenSSH public key line",
            read("malformed/openssh_ed25519.pub"),
            KeyWant::Load(|e| *e == KeyError::OpenSshPublic),
        ),
        key_row(
            "OpenSSH ECDSA public key line",
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= me@host",
            KeyWant::Load(|e| *e == KeyError::OpenSshPublic),
        ),
        key_row(
            "binary junk (junk.bin)",
            read("junk.bin"),
            KeyWant::Load(|e| *e == KeyError::NotAKeyBinary { len: 3000 }),
        ),
        key_row(
            "an empty file",
            "",
            KeyWant::Load(|e| *e == KeyError::Empty),
        ),
        key_row(
            "a whitespace-only file",
            " \n\t\r\n  ",
            KeyWant::Load(|e| *e == KeyError::Empty),
        ),
        key_row(
            "plain text",
            "my-hmac-secret",
            KeyWant::Load(|e| *e == KeyError::NotAKeyText),
        ),
        key_row(
            "a JSON array",
            "[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]",
            KeyWant::Load(|e| *e == KeyError::NotAKeyText),
        ),
        key_row(
            "JSON that does not parse",
            "{\"keys\"}",
            KeyWant::Load(|e| {
                matches!(
                    e,
                    KeyError::JwkJson {
                        line: 1,
                        column: 8,
                        ..
                    }
                )
            }),
        ),
        key_row(
            "a DER SEQUENCE that is no key structure",
            seq(&[der(0x01, &[0xFF]), der(0x05, &[])]),
            KeyWant::Load(|e| *e == KeyError::UnknownDer),
        ),
        key_row(
            "DER cut short",
            &read("rsa2048.spki.der")[..100],
            KeyWant::Load(
                |e| matches!(e, KeyError::NotDerKey(m) if m.to_string().contains("claims")),
            ),
        ),
        key_row(
            "Ed448 (ed448.pkcs8.pem)",
            read("ed448.pkcs8.pem"),
            KeyWant::Load(
                |e| matches!(e, KeyError::InBlock { source, .. } if **source == KeyError::Ed448),
            ),
        ),
        key_row(
            "X25519 (x25519.spki.pem): a JWE key, refused for JWS",
            read("x25519.spki.pem"),
            KeyWant::Unfit(|e| *e == KeyError::KeyAgreement),
        ),
        key_row(
            "RSASSA-PSS key (rsapss.pkcs8.pem)",
            read("rsapss.pkcs8.pem"),
            KeyWant::Load(
                |e| matches!(e, KeyError::InBlock { source, .. } if **source == KeyError::RsaPssOid),
            ),
        ),
        key_row(
            "EC SPKI on secp256k1",
            ec_spki(SECP256K1, &[[4u8].as_slice(), &[1u8; 64]].concat()),
            KeyWant::Load(|e| *e == KeyError::Secp256k1),
        ),
        key_row(
            "EC SPKI with a compressed point",
            ec_spki(P256, &[[2u8].as_slice(), &[1u8; 32]].concat()),
            KeyWant::Load(|e| *e == KeyError::CompressedPoint),
        ),
        key_row(
            "EC SPKI with a short point",
            ec_spki(P256, &[[4u8].as_slice(), &[1u8; 40]].concat()),
            KeyWant::Load(|e| {
                *e == KeyError::PointSize {
                    curve: "P-256",
                    want: 65,
                    got: 41,
                }
            }),
        ),
        // ---- files ----
        key_row(
            "a directory instead of a file",
            "",
            KeyWant::File(|e, path| {
                matches!(e, Error::Io(m)
                    if m.contains(&path.display().to_string()) && m.contains("is a folder"))
            }),
        ),
        key_row(
            "a file that vanished before it was read",
            "",
            KeyWant::File(|e, path| {
                matches!(e, Error::Io(m)
                    if m.starts_with("cannot read key file") && m.contains(&path.display().to_string()))
            }),
        ),
        // ---- PEM armour ----
        key_row(
            "PEM without its END line",
            format!("-----BEGIN PUBLIC KEY-----\n{spki_body}\n"),
            KeyWant::Load(|e| matches!(e, KeyError::PemNoEnd { label } if label == "PUBLIC KEY")),
        ),
        key_row(
            "PEM with the wrong END line",
            format!("-----BEGIN PUBLIC KEY-----\n{spki_body}\n-----END PRIVATE KEY-----\n"),
            KeyWant::Load(|e| {
                matches!(e, KeyError::PemWrongEnd { label, found, expected }
                    if label == "PUBLIC KEY"
                        && found == "-----END PRIVATE KEY-----"
                        && expected == "-----END PUBLIC KEY-----")
            }),
        ),
        key_row(
            "PEM with bad base64 in the body",
            pem("PUBLIC KEY", &with_char(&spki_body, 10, '*')),
            KeyWant::Load(|e| {
                matches!(e, KeyError::PemBase64 { label, detail }
                    if label == "PUBLIC KEY" && detail.to_string().contains("character 11 (punctuation or a space)"))
            }),
        ),
        key_row(
            "PEM with only a block that is no key",
            pem("X509 CRL", &spki_body),
            KeyWant::Load(|e| *e == KeyError::NoPemBlock),
        ),
        key_row(
            "a certificate with garbage inside",
            certificate_with_garbage(),
            KeyWant::Load(|e| {
                matches!(e, KeyError::InBlock { label, source }
                    if label == "CERTIFICATE"
                        && matches!(**source, KeyError::Invalid { what: "X.509 certificate", .. }))
            }),
        ),
        // ---- JWK and JWKS ----
        key_row(
            "JWK without kty",
            jwk(&format!(r#""crv":"Ed25519","x":"{ed_x}""#)),
            KeyWant::Load(|e| *e == KeyError::JwkNoKty),
        ),
        key_row(
            "JWK with an unknown kty",
            jwk(r#""kty":"DSA","y":"AQAB""#),
            KeyWant::Load(|e| *e == KeyError::Kty("DSA".into())),
        ),
        key_row(
            "RSA JWK without n",
            jwk(r#""kty":"RSA","e":"AQAB""#),
            KeyWant::Load(|e| *e == KeyError::JwkMissing("n".into())),
        ),
        key_row(
            "RSA private JWK without its CRT members",
            jwk(&format!(
                r#""kty":"RSA","n":"{rsa512_n}","e":"AQAB","d":"AQAB""#
            )),
            KeyWant::Load(|e| *e == KeyError::RsaJwkIncomplete("p, q, dp, dq, qi".into())),
        ),
        key_row(
            "JWK member with bad base64",
            jwk(r#""kty":"OKP","crv":"Ed25519","x":"11qYAYKx*rfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo""#),
            KeyWant::Load(|e| {
                matches!(e, KeyError::JwkBase64 { member, detail }
                    if member == "x" && detail.to_string().contains("character 9 (punctuation or a space)"))
            }),
        ),
        key_row(
            "JWK member not a string",
            jwk(r#""kty":"oct","k":12345"#),
            KeyWant::Load(|e| *e == KeyError::JwkNotString("k".into())),
        ),
        key_row(
            "oct JWK with an empty k",
            jwk(r#""kty":"oct","k":"""#),
            KeyWant::Load(|e| *e == KeyError::JwkEmptySecret),
        ),
        key_row(
            "EC JWK with a 31-byte x",
            jwk(&format!(
                r#""kty":"EC","crv":"P-256","x":"{b31}","y":"{b32}""#
            )),
            KeyWant::Load(|e| {
                *e == KeyError::CoordinateSize {
                    curve: "P-256",
                    want: 32,
                    x: 31,
                    y: 32,
                }
            }),
        ),
        key_row(
            "EC JWK without crv",
            jwk(&format!(r#""kty":"EC","x":"{b32}","y":"{b32}""#)),
            KeyWant::Load(|e| *e == KeyError::JwkNoCurve("EC")),
        ),
        key_row(
            "EC JWK on secp256k1",
            jwk(&format!(
                r#""kty":"EC","crv":"secp256k1","x":"{b32}","y":"{b32}""#
            )),
            KeyWant::Load(
                |e| matches!(e, KeyError::JwkCurve { kty: "EC", crv, .. } if crv == "secp256k1"),
            ),
        ),
        key_row(
            "EC JWK on P-192",
            jwk(&format!(
                r#""kty":"EC","crv":"P-192","x":"{b32}","y":"{b32}""#
            )),
            KeyWant::Load(
                |e| matches!(e, KeyError::JwkCurve { kty: "EC", crv, .. } if crv == "P-192"),
            ),
        ),
        key_row(
            "OKP JWK on X448",
            jwk(&format!(r#""kty":"OKP","crv":"X448","x":"{b32}""#)),
            KeyWant::Load(
                |e| matches!(e, KeyError::JwkCurve { kty: "OKP", crv, .. } if crv == "X448"),
            ),
        ),
        key_row(
            "JWK that is not JSON",
            r#"{"kty":"oct","k":"c2VjcmV0""#,
            KeyWant::Load(|e| matches!(e, KeyError::JwkJson { line: 1, .. })),
        ),
        key_row(
            "JWKS whose keys is not an array",
            r#"{"keys":{"kty":"oct","k":"c2VjcmV0"}}"#,
            KeyWant::Load(|e| *e == KeyError::JwksNotArray),
        ),
        key_row(
            "an empty JWKS",
            r#"{"keys":[]}"#,
            KeyWant::Load(|e| {
                *e == KeyError::JwksEmpty {
                    notes: String::new(),
                }
            }),
        ),
        key_row(
            "JWKS of entries that are not keys",
            r#"{"keys":[42,{"kty":"XYZ","kid":"k1"}]}"#,
            KeyWant::Load(|e| {
                matches!(e, KeyError::JwksEmpty { notes }
                    if notes.contains("key 1: not an object") && notes.contains("key \"k1\""))
            }),
        ),
        // ---- the secret field ----
        key_row(
            "a PEM public key given as the secret",
            read("ed25519.spki.pem"),
            KeyWant::Secret(SecretEncoding::Text, |e| {
                *e == KeyError::SecretIsKey("an Ed25519 public key".into())
            }),
        ),
        key_row(
            "a JWK given as the secret",
            ED_PUBLIC_JWK,
            KeyWant::Secret(SecretEncoding::Text, |e| {
                matches!(e, KeyError::SecretIsKey(_))
            }),
        ),
        key_row(
            "a PEM private key given as a base64 secret",
            b64::encode(&read("ec256.pkcs8.pem")),
            KeyWant::Secret(
                SecretEncoding::Base64,
                |e| matches!(e, KeyError::SecretIsKey(w) if w.contains("EC P-256 private key")),
            ),
        ),
        key_row(
            "an empty secret",
            "",
            KeyWant::Secret(SecretEncoding::Text, |e| *e == KeyError::SecretEmpty),
        ),
        key_row(
            "an empty base64 secret",
            "",
            KeyWant::Secret(SecretEncoding::Base64, |e| *e == KeyError::SecretEmpty),
        ),
        key_row(
            "bad hex",
            "deadbeefzz",
            KeyWant::Secret(
                SecretEncoding::Hex,
                |e| matches!(e, KeyError::SecretHex(m) if m.to_string() == "digit 9 or 10 is not hexadecimal (0-9, a-f)"),
            ),
        ),
        key_row(
            "odd hex",
            "abc",
            KeyWant::Secret(
                SecretEncoding::Hex,
                |e| matches!(e, KeyError::SecretHex(m) if m.to_string().contains("even number")),
            ),
        ),
        key_row(
            "hex with a sign (accepted before)",
            "+f+f",
            KeyWant::Secret(
                SecretEncoding::Hex,
                |e| matches!(e, KeyError::SecretHex(m) if m.to_string().contains("digit 1 or 2 is not hexadecimal")),
            ),
        ),
        key_row(
            "bad base64 secret",
            "c2Vj*cmV0",
            KeyWant::Secret(
                SecretEncoding::Base64,
                |e| matches!(e, KeyError::SecretBase64(m) if m.to_string().contains("character 5 (punctuation or a space)")),
            ),
        ),
        key_row(
            "base64 secret with padding inside",
            "c2V=jcmV0",
            KeyWant::Secret(SecretEncoding::Base64, |e| {
                matches!(e, KeyError::SecretBase64(_))
            }),
        ),
    ]
}

static DIR_CASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn temp_dir() -> PathBuf {
    let n = DIR_CASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("jwtwb-table-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Why a key row fails, if it does.
fn check_key_row(r: &KeyRow) -> Option<String> {
    let text = String::from_utf8_lossy(&r.bytes).into_owned();
    let message = |msg: &str| {
        not_a_sentence(msg).or_else(|| {
            // Key material is never repeated (labels, kty and crv names may be).
            if r.bytes.len() > 4096 {
                return None;
            }
            let material: String = text
                .lines()
                .filter(|l| !l.starts_with("-----") && !l.contains(':'))
                .collect();
            if material.starts_with('{') {
                None
            } else {
                echoes(msg, &material)
            }
        })
    };
    match &r.want {
        KeyWant::Load(want) => match keys::load_key_bytes(&r.bytes) {
            Ok(file) => Some(format!("loaded {:?}", file.keys)),
            Err(e) if want(&e) => message(&e.to_string()),
            Err(e) => Some(format!("load_key_bytes gave {e:?}")),
        },
        KeyWant::Unfit(want) => match keys::load_key_bytes(&r.bytes) {
            Ok(file) => JwsAlg::ALL.iter().find_map(|alg| {
                match file.keys.first()?.check_fits(*alg, Purpose::Verify) {
                    Ok(()) => Some(format!("fits {alg}")),
                    Err(e) if want(&e) => message(&e.to_string()),
                    Err(e) => Some(format!("check_fits({alg}) gave {e:?}")),
                }
            }),
            Err(e) => Some(format!("load_key_bytes gave {e:?}")),
        },
        KeyWant::Secret(encoding, want) => match keys::parse_secret(&text, *encoding) {
            Ok(k) => Some(format!("accepted as a secret: {k:?}")),
            Err(e) if want(&e) => message(&e.to_string()),
            Err(e) => Some(format!("parse_secret gave {e:?}")),
        },
        KeyWant::File(want) => {
            let dir = temp_dir();
            let path = dir.join("key.pem");
            if r.name.starts_with("a directory") {
                std::fs::create_dir(&path).unwrap();
            } else {
                // Written, then gone before the read (a file deleted or renamed under us).
                std::fs::write(&path, &r.bytes).unwrap();
                if r.bytes.is_empty() {
                    std::fs::remove_file(&path).unwrap();
                }
            }
            let result = keys::load_key_file(&path);
            let _ = std::fs::remove_dir_all(&dir);
            match result {
                Ok(file) => Some(format!("loaded {:?}", file.keys)),
                Err(e) if want(&e, &path) => message(&e.to_string()),
                Err(e) => Some(format!("load_key_file gave {e:?}")),
            }
        }
    }
}

#[test]
fn malformed_keys() {
    let rows = key_rows();
    assert!(rows.len() >= 25, "only {} key rows", rows.len());
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| check_key_row(r).map(|p| format!("{}: {p}", r.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} key rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// A bad key in the document: the key pane says why, and the headline says no usable key,
/// for each malformed key file dropped on the window.
#[test]
fn malformed_keys_in_the_document() {
    for r in key_rows() {
        if !matches!(r.want, KeyWant::Load(_)) || r.bytes.len() > 4096 {
            continue;
        }
        let mut wb = Workbench::empty();
        wb.apply_and_settle(Edit::Token(A1_TOKEN.into()));
        let fx = wb.apply_and_settle(Edit::LoadKey {
            bytes: r.bytes.clone(),
            source: "key.pem".into(),
        });
        let notice = fx.expect("a notice");
        assert!(notice.error, "{}: {}", r.name, notice.text);
        assert!(
            notice.text.starts_with("Could not use key.pem: "),
            "{}",
            notice.text
        );
        assert_eq!(not_a_sentence(&notice.text), None, "{}", r.name);
        let h = wb.headline(NOW);
        assert_eq!(not_a_sentence(&h.title), None, "{}", r.name);
    }
}
