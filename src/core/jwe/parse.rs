//! Taking a compact JWE apart (RFC 7516 section 7.1): five base64url parts, the protected
//! header parsed and its `alg`/`enc`/`zip` checked, each part's size checked against them.

use super::alg::KeyAlg;
use super::enc::ContentAlg;
use super::error::{JweError, Part};
use super::problem::{HeaderProblem, SizeProblem, Unsupported};
use crate::core::b64;
use serde_json::{Map, Value};
use std::ops::Range;

/// One part of a compact JWE: its text, its decoded bytes and where it sits in the token.
#[derive(Clone, PartialEq, Eq)]
pub struct EncodedPart {
    /// Which part this is.
    pub part: Part,
    /// The base64url text exactly as the token has it.
    pub text: String,
    /// The decoded bytes (for the protected header: the raw UTF-8 JSON).
    pub bytes: Vec<u8>,
    /// Byte range of `text` in the token string given to [`parse`] (dots excluded).
    pub span: Range<usize>,
}

impl std::fmt::Debug for EncodedPart {
    /// Names the part and its sizes only: a part may be key material (the encrypted key).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({} bytes at {:?})",
            self.part,
            self.bytes.len(),
            self.span
        )
    }
}

/// A compact JWE taken apart, with its header checked against the supported algorithms.
#[derive(Debug, Clone, PartialEq)]
pub struct JweParts {
    /// The protected header part (`bytes` are the header's UTF-8 JSON text).
    pub protected: EncodedPart,
    /// The protected header as a JSON object, members in token order.
    pub header: Map<String, Value>,
    /// The key management algorithm (`alg`).
    pub alg: KeyAlg,
    /// The content encryption algorithm (`enc`).
    pub enc: ContentAlg,
    /// True when the header says `"zip":"DEF"` (the plaintext was DEFLATE-compressed).
    pub zip: bool,
    /// The encrypted key part (empty for `dir` and `ECDH-ES`).
    pub encrypted_key: EncodedPart,
    /// The initialization vector part.
    pub iv: EncodedPart,
    /// The ciphertext part.
    pub ciphertext: EncodedPart,
    /// The authentication tag part.
    pub tag: EncodedPart,
}

impl JweParts {
    /// The additional authenticated data: ASCII(BASE64URL(protected header)), as in the token.
    pub fn aad(&self) -> &[u8] {
        self.protected.text.as_bytes()
    }

    /// The given part.
    pub fn part(&self, part: Part) -> &EncodedPart {
        match part {
            Part::ProtectedHeader => &self.protected,
            Part::EncryptedKey => &self.encrypted_key,
            Part::Iv => &self.iv,
            Part::Ciphertext => &self.ciphertext,
            Part::Tag => &self.tag,
        }
    }

    /// A string member of the header (`cty`, `kid`, `typ`), when present and a string.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header.get(name).and_then(Value::as_str)
    }

    /// The PBES2 iteration count `p2c`, when present as a non-negative integer.
    pub fn p2c(&self) -> Option<u64> {
        self.header.get("p2c").and_then(Value::as_u64)
    }

    /// The parts' sizes, for [`check_sizes`].
    fn sizes(&self) -> Sizes {
        Sizes {
            alg: self.alg,
            enc: self.enc,
            encrypted_key: self.encrypted_key.bytes.len(),
            iv: self.iv.bytes.len(),
            tag: self.tag.bytes.len(),
            ciphertext: self.ciphertext.bytes.len(),
        }
    }
}

/// Splits a compact JWE into its five parts and checks the header and part sizes.
///
/// Surrounding whitespace is ignored; spans still index the string as given. Problems are
/// reported before any cryptography: wrong part count, bad base64url (naming the part and
/// the character), a header that is not a JSON object, a missing or unknown `alg`/`enc`,
/// an unknown `zip`, and parts of the wrong size for the named algorithms.
pub fn parse(token: &str) -> Result<JweParts, JweError> {
    let trimmed = token.trim_start();
    let offset = token.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    if trimmed.is_empty() {
        return Err(JweError::Empty);
    }
    let texts: Vec<&str> = trimmed.split('.').collect();
    let [h, k, i, c, t] = texts.as_slice() else {
        return Err(JweError::PartCount { found: texts.len() });
    };
    let mut start = offset;
    let mut next = |part: Part, text: &str| -> Result<EncodedPart, JweError> {
        let span = start..start + text.len();
        start = span.end + 1;
        let bytes = b64::decode_strict(text).map_err(|detail| JweError::Base64 { part, detail })?;
        Ok(EncodedPart {
            part,
            text: text.to_string(),
            bytes,
            span,
        })
    };
    let protected = next(Part::ProtectedHeader, h)?;
    let encrypted_key = next(Part::EncryptedKey, k)?;
    let iv = next(Part::Iv, i)?;
    let ciphertext = next(Part::Ciphertext, c)?;
    let tag = next(Part::Tag, t)?;

    let header = header_object(&protected.bytes)?;
    assemble(protected, header, encrypted_key, iv, ciphertext, tag)
}

/// A JWE's parts put together under its JOSE header (for the compact form, the protected
/// header; for the JSON forms, one recipient's union of headers), `alg`, `enc`, `zip` and
/// the part sizes checked as [`parse`] does.
pub(super) fn assemble(
    protected: EncodedPart,
    header: Map<String, Value>,
    encrypted_key: EncodedPart,
    iv: EncodedPart,
    ciphertext: EncodedPart,
    tag: EncodedPart,
) -> Result<JweParts, JweError> {
    let (alg, enc, zip) = header_algs(&header)?;
    let parts = JweParts {
        protected,
        header,
        alg,
        enc,
        zip,
        encrypted_key,
        iv,
        ciphertext,
        tag,
    };
    check_sizes(&parts.sizes())?;
    Ok(parts)
}

/// A header's `alg`, `enc` and whether it says `"zip":"DEF"`, checked against the supported
/// lists.
pub(super) fn header_algs(
    header: &Map<String, Value>,
) -> Result<(KeyAlg, ContentAlg, bool), JweError> {
    let alg_name = required_str(header, "alg", "the key management algorithm")?;
    let alg = KeyAlg::from_name(alg_name).ok_or_else(|| Unsupported::key_alg(alg_name))?;
    let enc_name = required_str(header, "enc", "the content encryption algorithm")?;
    let enc = ContentAlg::from_name(enc_name).ok_or_else(|| Unsupported::content_alg(enc_name))?;
    let zip = match header.get("zip") {
        None => false,
        Some(Value::String(z)) if z == "DEF" => true,
        Some(Value::String(z)) => {
            return Err(Unsupported::Zip {
                name: crate::core::text::clip(z, 40),
            }
            .into());
        }
        Some(_) => return Err(HeaderProblem::ZipNotString.into()),
    };
    Ok((alg, enc, zip))
}

/// Parses the decoded header bytes as a JSON object.
pub(super) fn header_object(bytes: &[u8]) -> Result<Map<String, Value>, JweError> {
    if bytes.is_empty() {
        return Err(HeaderProblem::Empty.into());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| HeaderProblem::NotUtf8)?;
    match crate::core::json::parse_value("header", text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Err(HeaderProblem::NotObject {
            kind: crate::core::json::kind_name(&other),
        }
        .into()),
        Err(e) => Err(HeaderProblem::Json(e).into()),
    }
}

fn required_str<'a>(
    header: &'a Map<String, Value>,
    member: &'static str,
    what: &'static str,
) -> Result<&'a str, JweError> {
    match header.get(member) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(HeaderProblem::NotString {
            member,
            kind: crate::core::json::kind_name(other),
        }
        .into()),
        None => Err(HeaderProblem::Missing { member, what }.into()),
    }
}

/// The sizes of a JWE's parts, in bytes, under the algorithms its header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sizes {
    /// The key management algorithm.
    pub alg: KeyAlg,
    /// The content encryption algorithm.
    pub enc: ContentAlg,
    /// The encrypted key.
    pub encrypted_key: usize,
    /// The initialization vector.
    pub iv: usize,
    /// The authentication tag.
    pub tag: usize,
    /// The ciphertext.
    pub ciphertext: usize,
}

/// Refuses parts of the wrong size for the algorithms.
pub(super) fn check_sizes(s: &Sizes) -> Result<(), JweError> {
    let (alg, enc) = (s.alg, s.enc);
    let ek = s.encrypted_key;
    if alg.is_direct() && ek != 0 {
        return Err(SizeProblem::EncryptedKeyNotEmpty { alg, got: ek }.into());
    }
    if !alg.is_direct() && ek == 0 {
        return Err(SizeProblem::EncryptedKeyEmpty { alg }.into());
    }
    if s.iv != enc.iv_len() {
        return Err(SizeProblem::Iv { enc, got: s.iv }.into());
    }
    if s.tag != enc.tag_len() {
        return Err(SizeProblem::Tag { enc, got: s.tag }.into());
    }
    let ct = s.ciphertext;
    if !enc.is_gcm() && (ct == 0 || !ct.is_multiple_of(16)) {
        return Err(SizeProblem::Ciphertext { enc, got: ct }.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A3: &str = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ";

    #[test]
    fn splits_into_five_parts_with_spans() {
        let token = format!("  {A3}\n");
        let p = parse(&token).unwrap();
        assert_eq!(p.alg, KeyAlg::A128Kw);
        assert_eq!(p.enc, ContentAlg::A128CbcHs256);
        assert!(!p.zip);
        for part in Part::ALL {
            let ep = p.part(part);
            assert_eq!(&token[ep.span.clone()], ep.text, "{part}");
            assert_eq!(ep.part, part);
        }
        assert_eq!(p.protected.span.start, 2);
        assert_eq!(p.iv.bytes.len(), 16);
        assert_eq!(p.aad(), A3.split('.').next().unwrap().as_bytes());
        assert_eq!(p.header_str("alg"), Some("A128KW"));
    }

    #[test]
    fn errors_name_the_part() {
        assert_eq!(parse("  ").unwrap_err(), JweError::Empty);
        assert_eq!(
            parse("a.b.c").unwrap_err(),
            JweError::PartCount { found: 3 }
        );
        let bad_iv = A3.replace("AxY8DCtDaGlsbGljb3RoZQ", "AxY8DCtD+GlsbGljb3RoZQ");
        let err = parse(&bad_iv).unwrap_err().to_string();
        assert!(
            err.starts_with("the initialization vector is not valid base64url"),
            "{err}"
        );
        assert!(err.contains("character 9"), "{err}");
        let bad_tag = A3.replace("U0m_YmjN04DJvceFICbCVQ", "U0m_YmjN04DJvceFICbCV");
        let err = parse(&bad_tag).unwrap_err().to_string();
        assert!(err.starts_with("the authentication tag is not"), "{err}");
        let short_iv = A3.replace("AxY8DCtDaGlsbGljb3RoZQ", "AxY8DCtDaGlsbGlj");
        let err = parse(&short_iv).unwrap_err().to_string();
        assert!(err.contains("must be 16 bytes; this one has 12"), "{err}");
    }

    fn with_header(json: &str) -> String {
        let rest = A3.split_once('.').unwrap().1;
        format!("{}.{rest}", b64::encode(json.as_bytes()))
    }

    #[test]
    fn header_problems_are_specific() {
        let err = parse(&with_header("[1]")).unwrap_err().to_string();
        assert!(err.contains("must be a JSON object, not an array"), "{err}");
        let err = parse(&with_header("{\"enc\":\"A128GCM\"}"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("lacks \"alg\""), "{err}");
        let err = parse(&with_header("{\"alg\":\"A128KW\",\"enc\":\"A128CBC\"}"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"A128CBC\" is not supported"), "{err}");
        let err = parse(&with_header(
            "{\"alg\":\"A128KW\",\"enc\":\"A128CBC-HS256\",\"zip\":\"GZIP\"}",
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("only \"DEF\""), "{err}");
        let err = parse(&with_header("{\"alg\":\"dir\",\"enc\":\"A128CBC-HS256\"}"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("must be empty with dir"), "{err}");
        let err = parse(&with_header("{\"alg\":")).unwrap_err().to_string();
        assert!(err.starts_with("protected header: not valid JSON"), "{err}");
    }
}
