//! Text from a token or a key, made safe to show: control characters, bidirectional
//! overrides and invisible format characters are written out (`\u{1b}`, `\n`), never obeyed.
//! A terminal that receives `ESC [2K CR` from a token's `kid` would erase a line and print over
//! it; a label with U+202E reads backwards. Every message the core builds from token or key
//! text goes through here, and so does the command line's output as a last line of defence.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for a character that must not reach a terminal or a label as itself: C0 and C1
/// control characters and DEL, bidirectional marks, embeddings, overrides and isolates,
/// line and paragraph separators, and invisible format characters (zero-width spaces and
/// joiners, word joiners, invisible operators, soft hyphen, byte-order mark, fillers, tags,
/// interlinear annotations).
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{3164}' | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e007f}')
}

/// True when `s` holds at least one [`is_hidden`] character.
pub fn has_hidden(s: &str) -> bool {
    s.chars().any(is_hidden)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

fn escape_where(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hidden(c) && !keep(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` with every [`is_hidden`] character written out: `\n`, `\r`, `\t`, or `\u{1b}`.
/// Borrowed (no copy) when there is nothing to escape.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_where(s, |_| false)
}

/// Like [`escape`], but line feeds stay: for text whose line breaks this program wrote (a
/// pretty-printed JSON document, a report), not for text taken from a token as it is.
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| c == '\n')
}

/// The first `max` characters of `s`, escaped, with "…" when cut: how a message quotes a
/// name, a `kid` or a value from a token.
pub fn clip(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if is_hidden(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the first hidden character of `s` is, and what it is: `(character index (1-based),
/// its escape)`, for a finding that says "U+202E at character 5".
pub fn first_hidden(s: &str) -> Option<(usize, String)> {
    first_hidden_except(s, &[])
}

/// [`first_hidden`], not counting the characters in `ordinary` (line breaks in a value).
pub fn first_hidden_except(s: &str, ordinary: &[char]) -> Option<(usize, String)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| is_hidden(*c) && !ordinary.contains(c))
        .map(|(i, c)| {
            let mut e = String::new();
            push_escaped(&mut e, c);
            (i + 1, e)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bidi_and_invisible_characters_are_written_out() {
        assert_eq!(escape("plain text é ✓"), "plain text é ✓");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("a\u{1b}[2K\rvalid\n"), "a\\u{1b}[2K\\rvalid\\n");
        assert_eq!(escape("\u{202e}evil\u{2066}"), "\\u{202e}evil\\u{2066}");
        assert_eq!(
            escape("zero\u{200b}width\u{feff}"),
            "zero\\u{200b}width\\u{feff}"
        );
        assert_eq!(escape("c1\u{9b}31m\u{85}"), "c1\\u{9b}31m\\u{85}");
        assert_eq!(escape("line\u{2028}sep"), "line\\u{2028}sep");
        assert_eq!(escape("tag\u{e0041}"), "tag\\u{e0041}");
        assert_eq!(
            escape_lines("{\n  \"a\": \"\u{202e}\"\n}"),
            "{\n  \"a\": \"\\u{202e}\"\n}"
        );
        assert_eq!(escape_lines("cr\r"), "cr\\r");
    }

    #[test]
    fn clip_cuts_and_escapes() {
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("ab", 3), "ab");
        assert_eq!(clip("a\u{1b}b", 5), "a\\u{1b}b");
        assert_eq!(first_hidden("ok\u{202e}x"), Some((3, "\\u{202e}".into())));
        assert_eq!(first_hidden("fine"), None);
    }

    #[test]
    fn nothing_hidden_survives_escaping() {
        // Every code point: the escaped text has no hidden character left.
        let all: String = (0u32..0x11_0000).filter_map(char::from_u32).collect();
        assert!(!has_hidden(&escape(&all)));
        assert!(
            escape_lines(&all)
                .chars()
                .all(|c| c == '\n' || !is_hidden(c))
        );
    }
}
