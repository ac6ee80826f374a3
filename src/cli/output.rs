//! JSON for `--json`: exact (the same value a parser reads back) and safe on a terminal.
//! serde_json escapes C0 control characters but writes C1 controls (U+009B is a CSI to some
//! terminals), bidirectional overrides and invisible characters as they are; here they become
//! `\uXXXX` escapes too, which any JSON parser turns back into the same characters.

use crate::core::text::is_hidden;
use serde::Serialize as _;
use serde_json::Value;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
use std::io::{self, Write};

/// A pretty formatter that escapes hidden characters inside strings.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if !is_hidden(c) {
                continue;
            }
            writer.write_all(fragment.get(start..i).unwrap_or("").as_bytes())?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(fragment.get(start..).unwrap_or("").as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON to `out`, hidden characters escaped.
pub(crate) fn write_json<W: Write>(out: W, value: &Value) -> io::Result<()> {
    let mut ser = Serializer::with_formatter(out, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::other)
}

/// `value` as pretty JSON, hidden characters escaped.
pub(crate) fn json_text(value: &Value) -> String {
    let mut buf = Vec::new();
    let _ = write_json(&mut buf, value);
    String::from_utf8(buf).unwrap_or_default()
}

/// Prints `value` as pretty JSON on stdout; a closed pipe ends quietly.
pub(crate) fn print_json(value: &Value) {
    let mut out = io::stdout().lock();
    let _ = write_json(&mut out, value).and_then(|()| writeln!(out));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_and_the_value_survives() {
        let v = serde_json::json!({"kid": "a\u{1b}[2K\u{9b}31m\u{202e}x\u{e0041}", "n": [1, 2]});
        let text = json_text(&v);
        assert!(
            !crate::core::text::has_hidden(&text.replace('\n', "")),
            "{text}"
        );
        assert!(text.contains("\\u001b") && text.contains("\\u009b") && text.contains("\\u202e"));
        assert!(text.contains("\\udb40\\udc41"), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
        assert_eq!(
            json_text(&serde_json::json!({"a": "é✓"})),
            "{\n  \"a\": \"é✓\"\n}"
        );
    }
}
