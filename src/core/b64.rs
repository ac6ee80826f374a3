//! Base64url as JWS uses it (RFC 7515 section 2: no padding), with error positions, and the
//! looser decodings a person pasting keys and secrets expects.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes strict unpadded base64url; the error says which character (1-based) is wrong.
pub fn decode_strict(text: &str) -> Result<Vec<u8>, String> {
    if let Some((pos, ch)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "character {} ({}) is not allowed in base64url",
            pos + 1,
            describe_char(ch)
        ));
    }
    if text.len() % 4 == 1 {
        return Err(format!(
            "its length ({}) cannot be base64url: the last character is left over, the segment looks truncated",
            text.len()
        ));
    }
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|e| format!("the final character does not encode whole bytes ({e}); the segment looks truncated or altered"))
}

/// Decodes base64 in either alphabet, with or without padding and with whitespace ignored
/// (what people paste as a "base64 secret" or a JWK member).
pub fn decode_lenient(text: &str) -> Result<Vec<u8>, String> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((pos, ch)) = cleaned
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '=')))
    {
        // The character itself is not quoted: this text may be a secret or a private key.
        let kind = if ch.is_ascii_whitespace() || ch.is_ascii_punctuation() {
            "punctuation or a space"
        } else {
            "a letter or symbol outside base64"
        };
        return Err(format!("character {} ({kind}) is not base64", pos + 1));
    }
    let url = cleaned.contains('-') || cleaned.contains('_');
    let padded = cleaned.ends_with('=');
    let engine = match (url, padded) {
        (true, true) => &URL_SAFE,
        (true, false) => &URL_SAFE_NO_PAD,
        (false, true) => &STANDARD,
        (false, false) => &STANDARD_NO_PAD,
    };
    engine
        .decode(&cleaned)
        .map_err(|e| format!("not valid base64: {e}"))
}

/// Decodes hexadecimal text (whitespace and `:` separators ignored, either case).
pub fn decode_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .collect();
    if digits.len() % 2 == 1 {
        return Err(format!(
            "hex needs an even number of digits; this has {}",
            digits.len()
        ));
    }
    digits
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            let s: String = pair.iter().collect();
            // from_str_radix alone would take a sign: "+f" is not hex.
            pair.iter()
                .all(char::is_ascii_hexdigit)
                .then(|| u8::from_str_radix(&s, 16).ok())
                .flatten()
                // The digits are not quoted: this text may be a secret.
                .ok_or_else(|| {
                    format!(
                        "digit {} or {} is not hexadecimal (0-9, a-f)",
                        i * 2 + 1,
                        i * 2 + 2
                    )
                })
        })
        .collect()
}

/// Encodes bytes as lowercase hex.
pub fn encode_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn describe_char(ch: char) -> String {
    if ch.is_control() || ch.is_whitespace() {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("'{ch}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_round_trip_and_positions() {
        assert_eq!(decode_strict(&encode(b"hello?>")).unwrap(), b"hello?>");
        let err = decode_strict("abc+def").unwrap_err();
        assert!(err.contains("character 4 ('+')"), "{err}");
        let err = decode_strict("abcde").unwrap_err();
        assert!(err.contains("truncated"), "{err}");
        let err = decode_strict("ab c").unwrap_err();
        assert!(err.contains("U+0020"), "{err}");
    }

    #[test]
    fn lenient_accepts_both_alphabets_and_padding() {
        assert_eq!(decode_lenient("+/8=").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_lenient("-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_lenient("aGVs\nbG8=").unwrap(), b"hello");
        assert!(decode_lenient("a*b").unwrap_err().contains("character 2"));
    }

    #[test]
    fn hex_decoding() {
        assert_eq!(
            decode_hex("DE:ad be ef").unwrap(),
            vec![0xde, 0xad, 0xbe, 0xef]
        );
        assert!(decode_hex("abc").unwrap_err().contains("even number"));
        assert!(decode_hex("zz").unwrap_err().contains("digit 1 or 2"));
        assert!(!decode_hex("zz").unwrap_err().contains("zz"));
        assert_eq!(encode_hex(&[0, 255]), "00ff");
    }
}
