//! The one place that decides whether a payload is JWT claims, and reads them strictly.
//!
//! A payload that looks like JSON (its first character, after whitespace or a byte-order
//! mark, is `{` or `[`) or whose header says `typ: JWT` is judged as a JWT Claims Set: it must
//! be an I-JSON object (RFC 7493): UTF-8, no byte-order mark, no duplicate member names, no
//! lone surrogates, numbers within the range of a double, nothing after the value, nesting
//! within [`json::MAX_DEPTH`]. Anything else that fails is "invalid claims", never "plain
//! text": a token with `{"exp":1000,"x":1e400}` is not a token without an exp.

use super::error::{Error, Result};
use super::json;
use super::members::duplicate_members;
use super::text;
use serde_json::{Map, Value};

/// The byte-order mark, which RFC 8259 section 8.1 forbids at the start of networked JSON.
const BOM: char = '\u{feff}';

/// True when `typ` names a JWT: `JWT`, `application/jwt`, or an explicit type such as
/// `at+jwt` or `application/secevent+jwt`, in any letter case (RFC 7515 section 4.1.9,
/// RFC 7519 section 5.1, RFC 8725bis section 3.11).
pub fn typ_is_jwt(header: &Map<String, Value>) -> bool {
    header.get("typ").and_then(Value::as_str).is_some_and(|t| {
        let t = t.trim().to_ascii_lowercase();
        let t = t.strip_prefix("application/").unwrap_or(&t);
        t == "jwt" || t.ends_with("+jwt")
    })
}

/// True when `bytes` look like a JSON document: `{` or `[` after optional whitespace and an
/// optional byte-order mark. Such a payload is meant as claims and is judged as claims.
pub fn looks_like_json(bytes: &[u8]) -> bool {
    let rest = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    matches!(
        rest.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// Reads `text` as a JWT Claims Set under the I-JSON rules; `what` names it in the error
/// ("payload", "plaintext"). The error says which rule failed and where.
pub fn parse_claims(what: &str, text: &str) -> Result<Map<String, Value>> {
    if text.starts_with(BOM) {
        return Err(Error::Strict {
            what: what.to_string(),
            problem: "starts with a byte-order mark (U+FEFF) at line 1 column 1; JSON sent between systems must not have one (RFC 8259 section 8.1)".into(),
        });
    }
    let value = json::parse_value(what, text)?;
    let Value::Object(map) = value else {
        return Err(Error::Strict {
            what: what.to_string(),
            problem: format!(
                "is {}, not a JSON object: a JWT Claims Set must be an object (RFC 7519 section 7.2, step 10)",
                json::kind_name(&value)
            ),
        });
    };
    check_unique(what, text)?;
    Ok(map)
}

/// Refuses JSON text (already known to parse) with a member name twice in one object.
pub fn check_unique(what: &str, text: &str) -> Result<()> {
    match duplicate_members(text.as_bytes()).first() {
        None => Ok(()),
        Some(path) => Err(Error::Strict {
            what: what.to_string(),
            problem: format!(
                "has the member \"{}\" twice; names must be unique (RFC 7519 section 4, I-JSON RFC 7493 section 2.3), and parsers disagree on which one counts",
                text::clip(path, 60)
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_claims("payload", text).unwrap_err().to_string()
    }

    #[test]
    fn each_i_json_rule_names_its_failure_and_place() {
        assert_eq!(
            err(r#"{"sub":"1","exp":1000,"x":1e400}"#),
            "payload is not valid JSON at line 1 column 31: number out of range"
        );
        assert!(err("{\"exp\":1000}x").contains("line 1 column 13: trailing characters"));
        assert!(err("\u{feff}{\"exp\":1000}").contains("byte-order mark"));
        assert!(err(r#"{"exp":1000,"x":"\ud800"}"#).contains("at line 1 column"));
        assert!(
            err(r#"{"exp":1000,"x":"\ud800\u0041"}"#).contains("surrogate"),
            "{}",
            err(r#"{"exp":1000,"x":"\ud800\u0041"}"#)
        );
        assert!(
            err(r#"{"exp":1000,"x":"\udc00"}"#).contains("at line 1"),
            "{}",
            err(r#"{"exp":1000,"x":"\udc00"}"#)
        );
        assert!(err(r#"{"exp":1,"exp":2000000000}"#).contains("\"exp\" twice"));
        assert!(err(r#"[{"exp":1}]"#).contains("an array, not a JSON object"));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(err(&deep).contains("nested 200 levels"), "{}", err(&deep));
        assert_eq!(parse_claims("payload", " {\"a\":1} ").unwrap()["a"], 1);
    }

    #[test]
    fn what_looks_like_claims() {
        assert!(looks_like_json(b"  {"));
        assert!(looks_like_json(b"\xef\xbb\xbf["));
        assert!(!looks_like_json(b"Example of Ed25519 signing"));
        assert!(!looks_like_json(b"\"{\""));
        let h = |t: &str| json::parse_object("h", t).unwrap();
        assert!(typ_is_jwt(&h(r#"{"typ":"jwt"}"#)));
        assert!(typ_is_jwt(&h(r#"{"typ":"application/JWT"}"#)));
        assert!(typ_is_jwt(&h(r#"{"typ":"at+jwt"}"#)));
        assert!(!typ_is_jwt(&h(r#"{"typ":"JOSE"}"#)));
        assert!(!typ_is_jwt(&h(r#"{"alg":"HS256"}"#)));
    }
}
