//! JSON text handled as text: validation with line and column, and minifying, pretty-printing
//! and member replacement that keep the user's bytes (key order, number spelling, escapes).
//!
//! Re-serialising through `serde_json::Value` would turn `12345678901234567890123` into a
//! float and drop duplicate keys; a token must carry exactly what the user wrote.

use super::error::{Error, Result};
use serde_json::{Map, Value};

/// Parses `text` as a JSON object; `what` names it in the error ("header", "payload").
pub fn parse_object(what: &str, text: &str) -> Result<Map<String, Value>> {
    match parse_value(what, text)? {
        Value::Object(map) => Ok(map),
        other => Err(Error::Shape(format!(
            "{what} must be a JSON object {{...}}; this is {}",
            kind_name(&other)
        ))),
    }
}

/// serde_json's recursion limit: JSON nested this deep or deeper does not parse (127 levels
/// do).
pub const MAX_DEPTH: usize = 128;

/// The most values (objects, arrays, members, elements, scalars) one JSON text may hold to be
/// parsed: 200,000. A claims set has dozens; a parsed value costs ~100 bytes against the 2 or 3
/// its text may take (`1,`), so without a cap a 16 MiB token of tiny claims would need over
/// 20 times its size in memory.
pub const MAX_VALUES: usize = 200_000;

/// About how many values JSON text holds (commas and openings outside strings, plus one):
/// cheap, never recursive, never more than the true count plus one.
pub fn value_count(bytes: &[u8]) -> usize {
    let (mut count, mut i) = (1usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b',' | b'[' | b'{' => count += 1,
            _ => {}
        }
        i += 1;
    }
    count
}

/// Parses `text` as any JSON value, with a line/column error naming `what`; JSON nested
/// [`MAX_DEPTH`] levels or deeper says so, with its depth; more than [`MAX_VALUES`] values
/// are refused before parsing.
pub fn parse_value(what: &str, text: &str) -> Result<Value> {
    let count = value_count(text.as_bytes());
    if count > MAX_VALUES {
        return Err(Error::Strict {
            what: what.to_string(),
            problem: format!(
                "holds about {count} JSON values; at most {MAX_VALUES} are read (a claims set holds dozens)"
            ),
        });
    }
    serde_json::from_str(text).map_err(|e| {
        let depth = depth(text.as_bytes());
        if depth >= MAX_DEPTH {
            Error::TooDeep {
                what: what.to_string(),
                depth,
            }
        } else {
            Error::json(what, &e)
        }
    })
}

/// The deepest nesting of `[` and `{` in JSON text (strings skipped); cheap, never recursive.
pub fn depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    max
}

/// Names a JSON value's type for messages ("a string", "an array").
pub fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Given the index of an opening quote, the index just past the closing quote (escapes
/// skipped), or the end of the text for an unterminated string.
pub fn string_end(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'\\') => i += 2,
            Some(b'"') => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Splits valid JSON text into tokens: strings and scalars whole, punctuation one by one,
/// whitespace dropped.
fn tokens(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                out.push(text.get(i..i + 1).unwrap_or(""));
                i += 1;
            }
            b'"' => {
                let start = i;
                i = string_end(bytes, i);
                out.push(text.get(start..i).unwrap_or(""));
            }
            _ => {
                let start = i;
                while i < bytes.len()
                    && !matches!(
                        bytes.get(i),
                        Some(
                            b' ' | b'\t' | b'\r' | b'\n' | b'{' | b'}' | b'[' | b']' | b':' | b','
                        )
                    )
                {
                    i += 1;
                }
                out.push(text.get(start..i).unwrap_or(""));
            }
        }
    }
    out
}

/// Minifies JSON text after checking it parses; strings and numbers are kept byte for byte.
pub fn minify(what: &str, text: &str) -> Result<String> {
    parse_value(what, text)?;
    Ok(tokens(text).concat())
}

/// Minifies JSON text already known to parse (the caller checked it): no second parse.
pub fn minify_valid(text: &str) -> String {
    tokens(text).concat()
}

/// Pretty-prints JSON text with two-space indents, keeping strings and numbers byte for byte.
pub fn pretty(what: &str, text: &str) -> Result<String> {
    parse_value(what, text)?;
    let toks = tokens(text);
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut iter = toks.iter().peekable();
    while let Some(tok) = iter.next() {
        match *tok {
            "{" | "[" => {
                out.push_str(tok);
                let close = if *tok == "{" { "}" } else { "]" };
                if iter.peek().is_some_and(|next| **next == close) {
                    out.push_str(close);
                    iter.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            "}" | "]" => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push_str(tok);
            }
            "," => {
                out.push(',');
                newline(&mut out, depth);
            }
            ":" => out.push_str(": "),
            other => out.push_str(other),
        }
    }
    Ok(out)
}

/// Bytes shown to a person: pretty-printed JSON, or the bytes as text when they are not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// The bytes were JSON: pretty-printed, strings and numbers byte for byte.
    Json(String),
    /// Not JSON: the bytes as text (invalid UTF-8 replaced), unchanged otherwise.
    Raw(String),
}

impl Shown {
    /// Pretty JSON when `bytes` parse (`what` names them: "header", "payload"), else raw text.
    pub fn of(what: &str, bytes: &[u8]) -> Shown {
        let text = String::from_utf8_lossy(bytes);
        match pretty(what, &text) {
            Ok(p) => Shown::Json(p),
            Err(_) => Shown::Raw(text.into_owned()),
        }
    }

    /// The text, pretty or raw, for an editor (which shows hidden characters itself).
    pub fn into_text(self) -> String {
        match self {
            Shown::Json(t) | Shown::Raw(t) => t,
        }
    }
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Sets top-level members of a JSON object given as text: each `(name, json_value_text)`
/// replaces the member of that name in place, or is appended. The result is minified.
pub fn set_members(what: &str, object_text: &str, members: &[(&str, String)]) -> Result<String> {
    parse_object(what, object_text)?;
    let toks = tokens(object_text);
    // Walk the top level of the object: {"k":v,"k2":v2}. Sized for the result up front: a
    // large payload is not left with twice its size reserved.
    let extra: usize = members.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
    let mut out = String::with_capacity(object_text.len() + extra + 2);
    out.push('{');
    let mut used = vec![false; members.len()];
    let mut depth = 0usize;
    let mut first = true;
    let mut i = 1; // skip the opening brace
    while i < toks.len() {
        let tok = toks.get(i).copied().unwrap_or("");
        if depth == 0 && tok == "}" {
            break;
        }
        if depth == 0 && tok == "," {
            i += 1;
            continue;
        }
        // A member: key, colon, value tokens up to the next top-level comma or closing brace.
        let key_tok = tok;
        let name: String = serde_json::from_str(key_tok).unwrap_or_default();
        let mut j = i + 2;
        let value_start = j;
        while j < toks.len() {
            let t = toks.get(j).copied().unwrap_or("");
            match t {
                "{" | "[" => depth += 1,
                "}" | "]" if depth > 0 => depth -= 1,
                "," | "}" if depth == 0 => break,
                _ => {}
            }
            j += 1;
        }
        let value: String = toks.get(value_start..j).unwrap_or(&[]).concat();
        let replacement = members.iter().position(|(n, _)| *n == name);
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(key_tok);
        out.push(':');
        match replacement {
            Some(idx) => {
                if let (Some(flag), Some((_, v))) = (used.get_mut(idx), members.get(idx)) {
                    *flag = true;
                    out.push_str(v);
                }
            }
            None => out.push_str(&value),
        }
        i = j;
    }
    for ((name, value), done) in members.iter().zip(used) {
        if done {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&Value::String((*name).to_string()).to_string());
        out.push(':');
        out.push_str(value);
    }
    out.push('}');
    Ok(out)
}

/// Puts a member first in a JSON object given as text (used to lead a header with `alg`).
/// The object must not already hold `name`; the result is minified.
pub fn with_leading_member(
    what: &str,
    object_text: &str,
    name: &str,
    value_text: &str,
) -> Result<String> {
    let body = minify(what, object_text)?;
    parse_object(what, &body)?;
    let member = format!("{}:{value_text}", Value::String(name.to_string()));
    let rest = body.get(1..).unwrap_or("}");
    Ok(if rest == "}" {
        format!("{{{member}}}")
    } else {
        format!("{{{member},{rest}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_keeps_numbers_order_and_escapes() {
        let text =
            "{ \"b\" : 12345678901234567890123,\n \"a\": \"x y\\\" }\" , \"c\":[1, 2.50, {}] }";
        assert_eq!(
            minify("payload", text).unwrap(),
            r#"{"b":12345678901234567890123,"a":"x y\" }","c":[1,2.50,{}]}"#
        );
    }

    #[test]
    fn pretty_is_readable_and_round_trips() {
        let text = r#"{"a":1,"b":{"c":[1,2],"d":{}},"e":[]}"#;
        let p = pretty("payload", text).unwrap();
        assert_eq!(
            p,
            "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": [\n      1,\n      2\n    ],\n    \"d\": {}\n  },\n  \"e\": []\n}"
        );
        assert_eq!(minify("payload", &p).unwrap(), text);
    }

    #[test]
    fn json_nested_too_deep_says_how_deep() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse_value("payload", &deep).unwrap_err();
        assert_eq!(
            e.to_string(),
            "payload is JSON nested 100000 levels deep; at most 127 levels are read"
        );
        assert_eq!(depth(br#"{"a":"[[[[","b":[{}]}"#), 3);
    }

    #[test]
    fn errors_carry_line_and_column() {
        let err = parse_object("payload", "{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "payload is not valid JSON at line 3 column 7: expected `:`"
        );
        let err = parse_object("header", "[1]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "header must be a JSON object {...}; this is an array"
        );
    }

    #[test]
    fn set_members_replaces_in_place_and_appends() {
        let out = set_members(
            "payload",
            r#"{"sub":"1","exp":5,"n":{"exp":1},"big":1.50e2}"#,
            &[("exp", "99".into()), ("iat", "7".into())],
        )
        .unwrap();
        assert_eq!(
            out,
            r#"{"sub":"1","exp":99,"n":{"exp":1},"big":1.50e2,"iat":7}"#
        );
        assert_eq!(
            set_members("p", "{}", &[("a", "1".into())]).unwrap(),
            r#"{"a":1}"#
        );
        assert_eq!(
            with_leading_member("h", "{ \"typ\": \"JWT\" }", "alg", "\"HS256\"").unwrap(),
            r#"{"alg":"HS256","typ":"JWT"}"#
        );
        assert_eq!(
            with_leading_member("h", "{}", "alg", "\"HS256\"").unwrap(),
            r#"{"alg":"HS256"}"#
        );
    }
}
