//! Base64url as JWS uses it (RFC 7515 section 2: no padding), with error positions, and the
//! looser decodings a person pasting keys and secrets expects.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

/// What is wrong with base64, base64url or hex text. Positions count characters from 1.
///
/// Strict base64url (a token's part, which is no secret) shows the offending character;
/// lenient base64 and hex never do, since their text may be a secret or a private key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum B64Error {
    /// Base64url: a character outside the alphabet `A-Z a-z 0-9 - _`.
    #[error("character {position} ({}) is not allowed in base64url", describe_char(*character))]
    UrlCharacter {
        /// Where it is.
        position: usize,
        /// The character.
        character: char,
    },
    /// Base64url: 4n+1 characters, so the last one is left over.
    #[error(
        "its length ({len}) cannot be base64url: the last character is left over, the segment looks truncated"
    )]
    UrlLength {
        /// The length in characters.
        len: usize,
    },
    /// Base64url: the final character carries bits that belong to no byte.
    #[error(
        "the final character does not encode whole bytes (Invalid last symbol {symbol}, offset {}.); the segment looks truncated or altered",
        position.saturating_sub(1)
    )]
    UrlTrailingBits {
        /// Where the final character is.
        position: usize,
        /// Its byte value.
        symbol: u8,
    },
    /// Base64: a character outside both alphabets (whitespace aside); not shown.
    #[error("character {position} ({}) is not base64", class.words())]
    Character {
        /// Where it is, counted without whitespace.
        position: usize,
        /// What kind of character it is.
        class: CharClass,
    },
    /// Base64: an alphabet character where it cannot be (`=` inside, or the two alphabets
    /// mixed); shown by its byte value, as the decoder does.
    #[error("not valid base64: Invalid symbol {symbol}, offset {}.", position.saturating_sub(1))]
    Misplaced {
        /// Where it is, counted without whitespace.
        position: usize,
        /// Its byte value.
        symbol: u8,
    },
    /// Base64: a length no encoding has.
    #[error("not valid base64: Invalid input length: {len}")]
    Length {
        /// The length in characters, whitespace aside.
        len: usize,
    },
    /// Base64: the final character carries bits that belong to no byte.
    #[error("not valid base64: Invalid last symbol {symbol}, offset {}.", position.saturating_sub(1))]
    TrailingBits {
        /// Where the final character is, counted without whitespace.
        position: usize,
        /// Its byte value.
        symbol: u8,
    },
    /// Base64: padding that is missing, extra or misplaced.
    #[error("not valid base64: Invalid padding")]
    Padding,
    /// Hex: an odd number of digits.
    #[error("hex needs an even number of digits; this has {digits}")]
    HexOdd {
        /// How many digits there are (whitespace and `:` aside).
        digits: usize,
    },
    /// Hex: a pair of digits that is not hexadecimal; not shown.
    #[error("digit {position} or {} is not hexadecimal (0-9, a-f)", position + 1)]
    HexDigit {
        /// Where the pair starts, counted without whitespace and `:`.
        position: usize,
    },
}

/// What kind of character a lenient decoding refused (the character itself is not kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// ASCII punctuation or a space.
    Punctuation,
    /// Any other character outside base64.
    Other,
}

impl CharClass {
    fn words(self) -> &'static str {
        match self {
            CharClass::Punctuation => "punctuation or a space",
            CharClass::Other => "a letter or symbol outside base64",
        }
    }
}

/// What kind of problem a [`B64Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum B64Kind {
    /// A character that is not part of the encoding, or not where it stands.
    BadCharacter,
    /// A length the encoding cannot have: the text looks cut short.
    TruncatedLength,
    /// The final character carries bits that belong to no byte.
    TrailingBits,
    /// Missing, extra or misplaced `=` padding.
    Padding,
}

impl B64Error {
    /// The 1-based character position of the problem (for a truncated length: the length).
    pub fn position(&self) -> Option<usize> {
        match *self {
            B64Error::UrlCharacter { position, .. }
            | B64Error::UrlTrailingBits { position, .. }
            | B64Error::Character { position, .. }
            | B64Error::Misplaced { position, .. }
            | B64Error::TrailingBits { position, .. }
            | B64Error::HexDigit { position } => Some(position),
            B64Error::UrlLength { len } | B64Error::Length { len } => Some(len),
            B64Error::HexOdd { digits } => Some(digits),
            B64Error::Padding => None,
        }
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> B64Kind {
        match self {
            B64Error::UrlCharacter { .. }
            | B64Error::Character { .. }
            | B64Error::Misplaced { .. }
            | B64Error::HexDigit { .. } => B64Kind::BadCharacter,
            B64Error::UrlLength { .. } | B64Error::Length { .. } | B64Error::HexOdd { .. } => {
                B64Kind::TruncatedLength
            }
            B64Error::UrlTrailingBits { .. } | B64Error::TrailingBits { .. } => {
                B64Kind::TrailingBits
            }
            B64Error::Padding => B64Kind::Padding,
        }
    }
}

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes strict unpadded base64url; the error says which character (1-based) is wrong.
pub fn decode_strict(text: &str) -> Result<Vec<u8>, B64Error> {
    if let Some((pos, character)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(B64Error::UrlCharacter {
            position: pos + 1,
            character,
        });
    }
    if text.len() % 4 == 1 {
        return Err(B64Error::UrlLength { len: text.len() });
    }
    URL_SAFE_NO_PAD.decode(text).map_err(|e| match e {
        base64::DecodeError::InvalidByte(offset, symbol) => B64Error::UrlCharacter {
            position: offset + 1,
            character: char::from(symbol),
        },
        base64::DecodeError::InvalidLength(len) => B64Error::UrlLength { len },
        base64::DecodeError::InvalidLastSymbol(offset, symbol) => B64Error::UrlTrailingBits {
            position: offset + 1,
            symbol,
        },
        base64::DecodeError::InvalidPadding => B64Error::UrlLength { len: text.len() },
    })
}

/// Decodes base64 in either alphabet, with or without padding and with whitespace ignored
/// (what people paste as a "base64 secret" or a JWK member).
pub fn decode_lenient(text: &str) -> Result<Vec<u8>, B64Error> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((pos, ch)) = cleaned
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '=')))
    {
        // The character itself is not kept: this text may be a secret or a private key.
        let class = if ch.is_ascii_whitespace() || ch.is_ascii_punctuation() {
            CharClass::Punctuation
        } else {
            CharClass::Other
        };
        return Err(B64Error::Character {
            position: pos + 1,
            class,
        });
    }
    let url = cleaned.contains('-') || cleaned.contains('_');
    let padded = cleaned.ends_with('=');
    let engine = match (url, padded) {
        (true, true) => &URL_SAFE,
        (true, false) => &URL_SAFE_NO_PAD,
        (false, true) => &STANDARD,
        (false, false) => &STANDARD_NO_PAD,
    };
    engine.decode(&cleaned).map_err(|e| match e {
        base64::DecodeError::InvalidByte(offset, symbol) => B64Error::Misplaced {
            position: offset + 1,
            symbol,
        },
        base64::DecodeError::InvalidLength(len) => B64Error::Length { len },
        base64::DecodeError::InvalidLastSymbol(offset, symbol) => B64Error::TrailingBits {
            position: offset + 1,
            symbol,
        },
        base64::DecodeError::InvalidPadding => B64Error::Padding,
    })
}

/// Decodes hexadecimal text (whitespace and `:` separators ignored, either case).
pub fn decode_hex(text: &str) -> Result<Vec<u8>, B64Error> {
    let digits: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .collect();
    if digits.len() % 2 == 1 {
        return Err(B64Error::HexOdd {
            digits: digits.len(),
        });
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
                // The digits are not kept: this text may be a secret.
                .ok_or(B64Error::HexDigit {
                    position: i * 2 + 1,
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
        assert_eq!(
            err,
            B64Error::UrlCharacter {
                position: 4,
                character: '+'
            }
        );
        assert!(err.to_string().contains("character 4 ('+')"), "{err}");
        let err = decode_strict("abcde").unwrap_err();
        assert_eq!(err.kind(), B64Kind::TruncatedLength);
        assert!(err.to_string().contains("truncated"), "{err}");
        let err = decode_strict("ab c").unwrap_err();
        assert!(err.to_string().contains("U+0020"), "{err}");
        let err = decode_strict("QUJDB").unwrap_err();
        assert_eq!(err.kind(), B64Kind::TruncatedLength);
        let err = decode_strict("QUJ").unwrap_err();
        assert_eq!(
            (err.kind(), err.position()),
            (B64Kind::TrailingBits, Some(3))
        );
        assert_eq!(
            err.to_string(),
            "the final character does not encode whole bytes (Invalid last symbol 74, offset 2.); the segment looks truncated or altered"
        );
    }

    #[test]
    fn lenient_accepts_both_alphabets_and_padding() {
        assert_eq!(decode_lenient("+/8=").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_lenient("-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_lenient("aGVs\nbG8=").unwrap(), b"hello");
        let err = decode_lenient("a*b").unwrap_err();
        assert_eq!(err.position(), Some(2));
        assert_eq!(
            err.to_string(),
            "character 2 (punctuation or a space) is not base64"
        );
        assert_eq!(
            decode_lenient("ab=c").unwrap_err().to_string(),
            "not valid base64: Invalid symbol 61, offset 2."
        );
        assert_eq!(
            decode_lenient("abcde").unwrap_err().kind(),
            B64Kind::TruncatedLength
        );
    }

    #[test]
    fn hex_decoding() {
        assert_eq!(
            decode_hex("DE:ad be ef").unwrap(),
            vec![0xde, 0xad, 0xbe, 0xef]
        );
        let odd = decode_hex("abc").unwrap_err();
        assert_eq!(odd, B64Error::HexOdd { digits: 3 });
        assert!(odd.to_string().contains("even number"));
        let bad = decode_hex("zz").unwrap_err();
        assert_eq!(bad.position(), Some(1));
        assert!(bad.to_string().contains("digit 1 or 2"));
        assert!(!bad.to_string().contains("zz"));
        assert_eq!(encode_hex(&[0, 255]), "00ff");
    }
}
