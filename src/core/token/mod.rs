//! Splitting and decoding a compact token, even a damaged one: each part is decoded on its
//! own so that a bad signature segment still shows the header and payload.

mod payload;
mod repair;
mod unencoded;

pub use payload::{Payload, classify_payload, require_claims};
pub use repair::{Repair, repair};

use super::alg::HeaderAlg;
use super::b64;
use super::error::{Error, Result, Segment};
use super::json;
use super::strict;
use serde_json::{Map, Value};
use std::ops::Range;

/// What the token is, by its number of segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Three segments: a signed token (JWS compact serialization).
    Jws,
    /// Five segments: an encrypted token (JWE); only its header can be read.
    Jwe,
}

/// A compact token taken apart. Each part is decoded independently.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The cleaned token text that was decoded.
    pub token: String,
    /// Repairs applied to the pasted text.
    pub repairs: Vec<Repair>,
    /// JWS or JWE.
    pub form: Form,
    /// Byte ranges of each segment in `token` (dots excluded), for colouring.
    pub spans: Vec<Range<usize>>,
    /// The header's raw bytes (decoded from base64url), when decodable.
    pub header_bytes: Result<Vec<u8>>,
    /// The header as a JSON object.
    pub header: Result<Map<String, Value>>,
    /// What `alg` says (`Missing` when the header is unreadable).
    pub alg: HeaderAlg,
    /// The payload's raw bytes.
    pub payload_bytes: Result<Vec<u8>>,
    /// The payload, decoded as far as it goes.
    pub payload: Result<Payload>,
    /// The signature's bytes.
    pub signature: Result<Vec<u8>>,
    /// `b64: false` (RFC 7797): the payload is in the token (or given apart) as it is, not
    /// base64url-encoded, and signed as it is.
    pub unencoded: bool,
    /// The payload segment is empty and the payload travels apart (RFC 7515 appendix F), given
    /// with [`Inspection::attach_payload`]; `None` until then.
    pub detached: Option<Option<Vec<u8>>>,
}

impl Inspection {
    /// The signing input: `BASE64URL(header) "." payload`, where the payload is as the token
    /// has it (base64url, or the raw text with `b64: false`) or, for a detached payload, the
    /// one attached (encoded as the header says).
    pub fn signing_input(&self) -> std::borrow::Cow<'_, [u8]> {
        let head = self.segment_text(0);
        match &self.detached {
            Some(Some(payload)) => {
                let mut out = Vec::with_capacity(head.len() + 1 + payload.len() * 4 / 3 + 4);
                out.extend_from_slice(head.as_bytes());
                out.push(b'.');
                if self.unencoded {
                    out.extend_from_slice(payload);
                } else {
                    out.extend_from_slice(b64::encode(payload).as_bytes());
                }
                std::borrow::Cow::Owned(out)
            }
            _ => {
                let end = self.spans.get(1).map_or(0, |r| r.end);
                std::borrow::Cow::Borrowed(self.token.get(..end).unwrap_or("").as_bytes())
            }
        }
    }

    /// Gives a detached token its payload (the bytes as they are; base64url-encoded for the
    /// signing input unless the header says `b64: false`), and reads it as a payload.
    pub fn attach_payload(&mut self, payload: Vec<u8>) {
        let typ_jwt = self.header.as_ref().is_ok_and(strict::typ_is_jwt);
        self.payload = Ok(classify_payload(&payload, typ_jwt));
        self.payload_bytes = Ok(payload.clone());
        self.detached = Some(Some(payload));
    }

    /// The signature segment's text.
    pub fn signature_text(&self) -> &str {
        self.segment_text(2)
    }

    /// The text of segment `i` (0-based).
    pub fn segment_text(&self, i: usize) -> &str {
        self.spans
            .get(i)
            .and_then(|r| self.token.get(r.clone()))
            .unwrap_or("")
    }

    /// The first problem in decoding order, if any: what makes the token unusable.
    pub fn first_error(&self) -> Option<&Error> {
        self.header
            .as_ref()
            .err()
            .or(self.payload.as_ref().err())
            .or(self.signature.as_ref().err())
    }

    /// The claims, when the payload decodes to a JSON object.
    pub fn claims(&self) -> Option<&Map<String, Value>> {
        self.payload.as_ref().ok().and_then(Payload::claims)
    }
}

fn decode_segment(segment: Segment, text: &str) -> Result<Vec<u8>> {
    b64::decode_strict(text).map_err(|detail| Error::Base64 { segment, detail })
}

/// Takes a pasted token apart. Errors only when there is no token shape at all (empty input,
/// wrong number of segments, over [`MAX_TOKEN`]); problems inside a segment are kept in that
/// segment's field.
pub fn inspect(input: &str) -> Result<Inspection> {
    check_size(input.trim().len())?;
    // An unencoded payload (RFC 7797) is text as it is: the token is read unrepaired.
    if let Some(insp) = unencoded::inspect_unencoded(input.trim()) {
        return insp;
    }
    let (token, repairs) = repair(input);
    inspect_repaired(token, repairs)
}

/// What the window shows and judges for a typed or pasted `input`: the clean text (trimmed,
/// and repaired unless its payload is unencoded), the repairs made, and the inspection of the
/// clean text (which carries no repairs: the window judges the token it shows).
pub fn inspect_clean(input: &str) -> (String, Vec<Repair>, Result<Inspection>) {
    let trimmed = input.trim();
    if trimmed.len() <= MAX_TOKEN
        && let Some(insp) = unencoded::inspect_unencoded(trimmed)
    {
        return (trimmed.to_string(), Vec::new(), insp);
    }
    let (clean, repairs) = repair(input);
    let insp = inspect_repaired(clean.clone(), Vec::new());
    (clean, repairs, insp)
}

/// Byte ranges of the dot-separated segments of `token` (dots excluded).
fn segment_spans(token: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in token.bytes().enumerate() {
        if b == b'.' {
            spans.push(start..i);
            start = i + 1;
        }
    }
    spans.push(start..token.len());
    spans
}

impl Inspection {
    /// The inspection of a token just signed from known parts: nothing is decoded or parsed
    /// again. `header_json` and `payload_json` are the exact bytes that were encoded; the
    /// claims are judged as [`classify_payload`] would judge those bytes (a member named twice
    /// makes them invalid), so a token reads the same here as when it is pasted.
    pub fn of_signed(
        token: String,
        header_json: String,
        header: Map<String, Value>,
        payload_json: String,
        payload: Map<String, Value>,
        signature: Vec<u8>,
    ) -> Inspection {
        let payload = match strict::check_unique("payload", &payload_json) {
            Ok(()) => Payload::Claims(payload),
            Err(error) => Payload::Invalid {
                text: payload_json.clone(),
                error,
            },
        };
        let spans = segment_spans(&token);
        let alg = HeaderAlg::from_header(&header);
        Inspection {
            token,
            repairs: Vec::new(),
            form: Form::Jws,
            spans,
            header_bytes: Ok(header_json.into_bytes()),
            header: Ok(header),
            alg,
            payload_bytes: Ok(payload_json.into_bytes()),
            payload: Ok(payload),
            signature: Ok(signature),
            unencoded: false,
            detached: None,
        }
    }
}

/// The largest token read, in bytes (16 MiB): far above any real token (HTTP servers cap
/// headers at 8 to 64 KB), low enough to decode in a fraction of a second.
pub const MAX_TOKEN: usize = 16 << 20;

/// Refuses a token text over [`MAX_TOKEN`].
pub fn check_size(len: usize) -> Result<()> {
    if len > MAX_TOKEN {
        return Err(Error::TooLarge {
            what: "token",
            len,
            limit: MAX_TOKEN,
            mib: MAX_TOKEN >> 20,
        });
    }
    Ok(())
}

/// [`inspect`] for text that [`repair`] has already cleaned (`repairs` says what it did).
pub fn inspect_repaired(token: String, repairs: Vec<Repair>) -> Result<Inspection> {
    if token.is_empty() {
        return Err(Error::EmptyToken);
    }
    check_size(token.len())?;
    let spans = segment_spans(&token);
    let form = match spans.len() {
        3 => Form::Jws,
        5 => Form::Jwe,
        found => return Err(Error::SegmentCount { found }),
    };
    let text = |i: usize| {
        spans
            .get(i)
            .and_then(|r| token.get(r.clone()))
            .unwrap_or("")
    };

    let header_bytes = decode_segment(Segment::Header, text(0));
    let header = header_bytes.clone().and_then(|bytes| {
        let s = String::from_utf8(bytes)
            .map_err(|_| Error::Shape("header is not UTF-8 text, so it cannot be JSON".into()))?;
        json::parse_object("header", &s)
    });
    let alg = header
        .as_ref()
        .map_or(HeaderAlg::Missing, HeaderAlg::from_header);

    let (payload_bytes, payload, signature) = match form {
        Form::Jwe => (
            decode_segment(Segment::Payload, text(3)),
            Ok(Payload::Encrypted),
            Ok(Vec::new()),
        ),
        Form::Jws if text(1).is_empty() && !text(2).is_empty() => {
            // A detached payload (RFC 7515 appendix F): it travels apart.
            let sig = decode_segment(Segment::Signature, text(2));
            (Ok(Vec::new()), Ok(Payload::Detached), sig)
        }
        Form::Jws => {
            let bytes = decode_segment(Segment::Payload, text(1));
            let typ_jwt = header.as_ref().is_ok_and(strict::typ_is_jwt);
            let payload = bytes
                .as_ref()
                .map(|b| classify_payload(b, typ_jwt))
                .map_err(Clone::clone);
            let sig = decode_segment(Segment::Signature, text(2));
            (bytes, payload, sig)
        }
    };
    let detached = matches!(payload, Ok(Payload::Detached)).then_some(None);
    Ok(Inspection {
        token,
        repairs,
        form,
        spans,
        header_bytes,
        header,
        alg,
        payload_bytes,
        payload,
        signature,
        unencoded: false,
        detached,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::alg::JwsAlg;

    const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    #[test]
    fn decodes_rfc7515_a1_with_exact_bytes_and_spans() {
        let i = inspect(A1).unwrap();
        assert_eq!(i.form, Form::Jws);
        assert!(i.repairs.is_empty());
        assert_eq!(
            i.header_bytes.as_ref().unwrap(),
            b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"
        );
        assert_eq!(i.alg, HeaderAlg::Known(JwsAlg::HS256));
        assert_eq!(i.claims().unwrap()["iss"], "joe");
        assert_eq!(i.spans.len(), 3);
        assert_eq!(
            &A1[i.spans[2].clone()],
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
        assert_eq!(i.signature.as_ref().unwrap().len(), 32);
        assert!(i.signing_input().ends_with(b"Ijp0cnVlfQ"));
    }

    #[test]
    fn repairs_paste_damage_and_says_so() {
        let damaged = format!(
            "  \"Bearer {}\n{}==\"  ",
            &A1[..40],
            A1[40..].replace('-', "+").replace('_', "/")
        );
        let i = inspect(&damaged).unwrap();
        assert_eq!(i.token, A1);
        let notes: Vec<String> = i.repairs.iter().map(Repair::note).collect();
        assert!(notes.iter().any(|n| n.contains("Bearer")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("quotes")), "{notes:?}");
        assert!(
            notes.iter().any(|n| n.contains("1 whitespace")),
            "{notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.contains("2 '=' padding")),
            "{notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.contains("standard-base64")),
            "{notes:?}"
        );
    }

    #[test]
    fn segment_errors_name_the_segment_and_position() {
        assert_eq!(inspect("  ").unwrap_err(), Error::EmptyToken);
        assert_eq!(
            inspect("abc.def").unwrap_err().to_string(),
            "a JWT has 3 segments separated by dots; this one has 2"
        );
        // A truncated signature keeps header and payload readable.
        let cut = &A1[..A1.len() - 2];
        let i = inspect(cut).unwrap();
        assert!(i.claims().is_some());
        let e = i.signature.as_ref().unwrap_err().to_string();
        assert!(e.starts_with("signature is not valid base64url"), "{e}");
        // A bad character in the payload.
        let bad = A1.replacen(".eyJpc3Mi", ".eyJ*c3Mi", 1);
        let e = inspect(&bad).unwrap().payload.unwrap_err().to_string();
        assert_eq!(
            e,
            "payload is not valid base64url: character 4 ('*') is not allowed in base64url"
        );
    }

    #[test]
    fn payload_json_errors_have_line_and_column() {
        let tok = format!(
            "{}.{}.",
            b64::encode(br#"{"alg":"HS256"}"#),
            b64::encode(b"{\"sub\":\"1\",\n\"x\" 1}")
        );
        let i = inspect(&tok).unwrap();
        assert!(matches!(i.payload, Ok(Payload::Invalid { .. })));
        let e = require_claims(&i).unwrap_err().to_string();
        assert_eq!(
            e,
            "payload is not valid JSON at line 2 column 5: expected `:`"
        );
        let tok = format!("{}.e30.", b64::encode(b"{\"alg\":\"HS256\",}"));
        let e = inspect(&tok).unwrap().header.unwrap_err().to_string();
        assert!(
            e.starts_with("header is not valid JSON at line 1 column 16"),
            "{e}"
        );
    }

    #[test]
    fn recognises_jwe_none_and_text_payloads() {
        let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iGdXKHzg.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ";
        let i = inspect(jwe).unwrap();
        assert_eq!(i.form, Form::Jwe);
        assert!(
            i.payload
                .as_ref()
                .unwrap()
                .explain()
                .unwrap()
                .contains("JWE")
        );
        let none = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
        let i = inspect(none).unwrap();
        assert!(matches!(i.alg, HeaderAlg::None(_)));
        assert!(i.signature.as_ref().unwrap().is_empty());
        let ed = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
        let i = inspect(ed).unwrap();
        assert_eq!(
            i.payload.unwrap(),
            Payload::Text("Example of Ed25519 signing".into())
        );
    }
}
