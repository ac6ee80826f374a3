//! Where things are in the token's text: which base64url characters carry which bytes, where
//! each member's value sits in the JSON, and masking them (presentation mode).

use crate::core::json;
use std::ops::Range;

/// The base64url characters that carry a range of bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chars {
    /// Character indices within the segment.
    pub range: Range<usize>,
    /// The first character also carries bits of the byte before the range.
    pub partial_start: bool,
    /// The last character also carries bits of the byte after the range.
    pub partial_end: bool,
}

/// The characters of an unpadded base64url segment that carry `bytes` (3 bytes make 4
/// characters, so a range that does not start or end on a 3-byte boundary shares its edge
/// characters with its neighbours).
pub fn chars_for_bytes(bytes: Range<usize>, byte_len: usize) -> Chars {
    if bytes.is_empty() {
        return Chars {
            range: 0..0,
            partial_start: false,
            partial_end: false,
        };
    }
    // Byte k of a 3-byte group starts in character k and ends in character k + 1.
    let first = 4 * (bytes.start / 3) + bytes.start % 3;
    let last_byte = bytes.end - 1;
    let last = 4 * (last_byte / 3) + last_byte % 3 + 1;
    Chars {
        range: first..last + 1,
        partial_start: !bytes.start.is_multiple_of(3),
        partial_end: last_byte % 3 != 2 && last_byte + 1 < byte_len,
    }
}

/// The bytes a base64url character carries bits of (one or two bytes), clipped to the data.
pub fn bytes_for_char(c: usize, byte_len: usize) -> Range<usize> {
    let group = 3 * (c / 4);
    let r = match c % 4 {
        0 => group..group + 1,
        1 => group..group + 2,
        2 => group + 1..group + 3,
        _ => group + 2..group + 3,
    };
    r.start.min(byte_len)..r.end.min(byte_len)
}

/// The top-level members of a JSON object text: each name and the byte range of
/// `"name": value`. Members of a malformed object are returned as far as they go.
pub fn member_ranges(text: &[u8]) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let skip_ws = |mut i: usize| {
        while matches!(text.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            i += 1;
        }
        i
    };
    let mut i = skip_ws(0);
    if text.get(i) != Some(&b'{') {
        return out;
    }
    i += 1;
    loop {
        i = skip_ws(i);
        if text.get(i) != Some(&b'"') {
            return out;
        }
        let start = i;
        let name_end = json::string_end(text, i);
        let name = std::str::from_utf8(text.get(start..name_end).unwrap_or(&[]))
            .ok()
            .and_then(|t| serde_json::from_str::<String>(t).ok())
            .unwrap_or_default();
        i = skip_ws(name_end);
        if text.get(i) != Some(&b':') {
            return out;
        }
        i = skip_ws(i + 1);
        let mut end = value_end(text, i);
        while end > i && matches!(text.get(end - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            end -= 1;
        }
        out.push((name, start..end));
        i = skip_ws(end);
        match text.get(i) {
            Some(b',') => i += 1,
            _ => return out,
        }
    }
}

/// The end of the JSON value starting at `i` (strings, numbers, literals, nesting).
fn value_end(text: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&b) = text.get(i) {
        match b {
            b'"' => {
                i = json::string_end(text, i);
                if depth == 0 {
                    return i;
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b',' | b'}' | b']' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The byte ranges of the values of the top-level members named in `names` (for a string,
/// the text inside its quotes).
pub fn value_ranges(text: &[u8], names: &[String]) -> Vec<Range<usize>> {
    member_ranges(text)
        .into_iter()
        .filter(|(n, _)| names.contains(n))
        .filter_map(|(_, r)| {
            let name_end = json::string_end(text, r.start);
            let colon = (name_end..r.end).find(|i| text.get(*i) == Some(&b':'))?;
            let mut start = colon + 1;
            while matches!(text.get(start), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                start += 1;
            }
            let mut end = r.end;
            if text.get(start) == Some(&b'"') && end > start + 1 {
                start += 1;
                end -= 1;
            }
            (start < end).then_some(start..end)
        })
        .collect()
}

/// Replaces every character that starts inside one of `ranges` (byte offsets) with a dot;
/// the number of characters stays the same, so positions in the text still line up.
pub fn mask(text: &str, ranges: &[Range<usize>]) -> String {
    if ranges.is_empty() {
        return text.to_string();
    }
    text.char_indices()
        .map(|(i, c)| {
            if ranges.iter().any(|r| r.contains(&i)) {
                '•'
            } else {
                c
            }
        })
        .collect()
}

/// The character ranges of a base64url segment (starting at `offset` in its text) that carry
/// the given byte ranges of its decoded data.
pub fn carried(ranges: &[Range<usize>], byte_len: usize, offset: usize) -> Vec<Range<usize>> {
    ranges
        .iter()
        .map(|r| {
            let c = chars_for_bytes(r.clone(), byte_len).range;
            c.start + offset..c.end + offset
        })
        .collect()
}
