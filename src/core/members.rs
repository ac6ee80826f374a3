//! Member names in raw JSON text: the names that occur twice in one object. serde_json keeps
//! one of them silently (the last), other parsers keep the first, so two services can read
//! different claims from the same signed token; the names are found on the bytes, with a small
//! scanner that knows strings and escapes. Strict claims reading and the duplicate-member
//! finding both use it.

use std::collections::HashSet;

/// Reads the JSON string whose opening quote is at `open`: its unescaped text and the index
/// just past its closing quote.
fn read_string(bytes: &[u8], open: usize) -> (String, usize) {
    let mut out: Vec<u8> = Vec::new();
    let mut pending_high: Option<u32> = None;
    let mut i = open + 1;
    let push_char = |out: &mut Vec<u8>, c: char| {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i += 1;
                break;
            }
            b'\\' => {
                let esc = bytes.get(i + 1).copied().unwrap_or(b'\\');
                i += 2;
                let simple = match esc {
                    b'n' => Some('\n'),
                    b't' => Some('\t'),
                    b'r' => Some('\r'),
                    b'b' => Some('\u{8}'),
                    b'f' => Some('\u{c}'),
                    b'u' => None,
                    other => Some(char::from(other)),
                };
                if let Some(c) = simple {
                    push_char(&mut out, c);
                    continue;
                }
                let hex = bytes
                    .get(i..i + 4)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u32::from_str_radix(h, 16).ok());
                i += 4;
                let Some(unit) = hex else {
                    push_char(&mut out, char::REPLACEMENT_CHARACTER);
                    continue;
                };
                match (pending_high.take(), unit) {
                    (None, 0xD800..=0xDBFF) => pending_high = Some(unit),
                    (Some(high), 0xDC00..=0xDFFF) => {
                        let c = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                        push_char(&mut out, char::from_u32(c).unwrap_or('\u{FFFD}'));
                    }
                    (_, u) => {
                        push_char(&mut out, char::from_u32(u).unwrap_or('\u{FFFD}'));
                    }
                }
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), i)
}

/// One open object or array while scanning.
struct Frame {
    /// Dotted path of the object ("" for the top level); arrays keep their parent's path.
    path: String,
    /// Member names seen so far (objects only).
    names: Option<HashSet<String>>,
    /// True when the next string in this object is a member name.
    expect_name: bool,
}

/// Dotted paths of member names that occur more than once in the same object, each once, in
/// order of their second occurrence. Text that is not JSON yields whatever was seen.
pub fn duplicate_members(bytes: &[u8]) -> Vec<String> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut current_name = String::new();
    let mut found: Vec<String> = Vec::new();
    let mut reported: HashSet<String> = HashSet::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' | b'[' => {
                let parent = stack.last().map(|f| f.path.as_str()).unwrap_or("");
                let path = match stack.last() {
                    Some(f) if f.names.is_some() => join(parent, &current_name),
                    _ => parent.to_string(),
                };
                stack.push(Frame {
                    path,
                    names: (b == b'{').then(HashSet::new),
                    expect_name: b == b'{',
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    f.expect_name = f.names.is_some();
                }
                i += 1;
            }
            b'"' => {
                let is_name = stack
                    .last()
                    .is_some_and(|f| f.expect_name && f.names.is_some());
                if !is_name {
                    // A value is skipped, not copied: a 12 MB string costs nothing here.
                    i = crate::core::json::string_end(bytes, i).max(i + 1);
                    continue;
                }
                let (text, end) = read_string(bytes, i);
                i = end.max(i + 1);
                if let Some(f) = stack.last_mut()
                    && f.expect_name
                    && let Some(names) = f.names.as_mut()
                {
                    f.expect_name = false;
                    // Sets, not lists: a payload of 20,000 members is checked in linear time.
                    if !names.insert(text.clone()) {
                        let full = join(&f.path, &text);
                        if reported.insert(full.clone()) {
                            found.push(full);
                        }
                    }
                    current_name = text;
                }
            }
            _ => i += 1,
        }
    }
    found
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicates_after_unescaping_at_every_level() {
        assert_eq!(duplicate_members(br#"{"a":1,"b":2,"a":3}"#), ["a"]);
        assert_eq!(
            duplicate_members(br#"{"role":"user","r\u006fle":"admin"}"#),
            ["role"]
        );
        assert_eq!(
            duplicate_members(br#"{"x":{"k":1,"k":2},"y":[{"k":1},{"k":2}],"z":"\"x\":1"}"#),
            ["x.k"]
        );
        assert_eq!(
            duplicate_members(br#"{"\ud83d\ude00":1,"\uD83D\uDE00":2}"#),
            ["\u{1F600}"]
        );
        let none: Vec<String> = Vec::new();
        assert_eq!(
            duplicate_members(br#"{"a":"a","b":["a","a"],"c":{"a":1}}"#),
            none
        );
        assert_eq!(duplicate_members(br#"{"a\"":1,"a":2,"a\\":3}"#), none);
        // Garbage never panics.
        for junk in [
            &b"{\"a"[..],
            b"{\"a\\",
            b"\"\\u12",
            b"}}]]",
            b"{\"a\":1,\"a",
        ] {
            let _ = duplicate_members(junk);
        }
    }
}
