//! JSON pointers (RFC 6901) as the command line and the window name claims: `/address/street`,
//! `/nationalities/1`. `~1` is `/` and `~0` is `~` inside a name.

use super::SdJwtError;
use crate::core::text;

/// Splits `pointer` into its reference tokens, unescaped. The empty pointer (the whole
/// document) is refused: only claims inside it can be disclosed.
pub fn parse(pointer: &str) -> Result<Vec<String>, SdJwtError> {
    let bad = |problem| SdJwtError::Pointer {
        pointer: shown(pointer),
        problem,
    };
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(bad(if pointer.is_empty() {
            "it is empty; name a claim, such as /given_name"
        } else {
            "it must start with '/', such as /address/street_address"
        }));
    };
    rest.split('/')
        .map(|t| {
            unescape(t).ok_or_else(|| bad("'~' must be followed by 0 or 1 (~0 is '~', ~1 is '/')"))
        })
        .collect()
}

fn unescape(token: &str) -> Option<String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// `base` with one more reference token (escaped): `/address` + `street` = `/address/street`.
pub fn push(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// The pointer of the object or array holding what `pointer` names: `/a/b` gives `/a`.
pub fn parent(pointer: &str) -> &str {
    pointer
        .rfind('/')
        .and_then(|i| pointer.get(..i))
        .unwrap_or("")
}

/// A pointer as messages quote it: escaped, clipped to 80 characters.
pub fn shown(pointer: &str) -> String {
    text::clip(pointer, 80)
}

/// An array index token: digits without a leading zero (RFC 6901 section 4).
pub fn index(token: &str) -> Option<usize> {
    let ok = !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'));
    if ok { token.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_round_trip_with_escapes() {
        assert_eq!(parse("/a~1b/c~0d/0").unwrap(), ["a/b", "c~d", "0"]);
        assert_eq!(push(&push("", "a/b"), "c~d"), "/a~1b/c~0d");
        assert_eq!(parse("/").unwrap(), [""]);
        assert!(parse("").is_err() && parse("a").is_err() && parse("/a~2").is_err());
        assert_eq!(parent("/address/street"), "/address");
        assert_eq!(parent("/given_name"), "");
        assert_eq!(index("12"), Some(12));
        assert_eq!(index("01"), None);
        assert_eq!(index("-"), None);
    }
}
