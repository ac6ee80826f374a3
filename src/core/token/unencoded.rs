//! Tokens with an unencoded payload (RFC 7797, `"b64": false`): the payload segment is the
//! payload's own text, signed as it is, so it is read exactly as given (only surrounding
//! whitespace trimmed), never repaired. Such a payload cannot hold a '.' in the compact form
//! (RFC 7797 section 5.2); an empty payload segment means it travels apart.

use super::{Form, Inspection, Payload, check_size, classify_payload, segment_spans};
use crate::core::alg::HeaderAlg;
use crate::core::b64;
use crate::core::error::{Error, Result, Segment};
use crate::core::{json, strict};
use serde_json::Value;

/// The inspection of `token` when its header says `b64: false`; `None` when it does not (or
/// the header cannot be read: then the token is read as usual, repairs and all).
pub(super) fn inspect_unencoded(token: &str) -> Option<Result<Inspection>> {
    let (head, rest) = token.split_once('.')?;
    let header_bytes = b64::decode_strict(head).ok()?;
    let header = json::parse_object("header", std::str::from_utf8(&header_bytes).ok()?).ok()?;
    if header.get("b64") != Some(&Value::Bool(false)) {
        return None;
    }
    Some(read(token, head.len(), rest, header_bytes, header))
}

fn read(
    token: &str,
    head_len: usize,
    rest: &str,
    header_bytes: Vec<u8>,
    header: serde_json::Map<String, Value>,
) -> Result<Inspection> {
    check_size(token.len())?;
    // The payload is everything up to the last dot: a dot inside it is refused by name.
    let Some((payload, signature)) = rest.rsplit_once('.') else {
        return Err(Error::SegmentCount { found: 2 });
    };
    if payload.contains('.') {
        return Err(Error::Shape(
            "the header says b64: false, and the unencoded payload holds a '.', which a compact token cannot carry (RFC 7797 section 5.2): send it detached or in the JSON serialization".into(),
        ));
    }
    let spans = segment_spans(token);
    debug_assert_eq!(spans.first().map(|s| s.end), Some(head_len));
    let alg = HeaderAlg::from_header(&header);
    let signature_bytes = b64::decode_strict(signature).map_err(|detail| Error::Base64 {
        segment: Segment::Signature,
        detail,
    });
    let typ_jwt = strict::typ_is_jwt(&header);
    let (payload_value, detached) = if payload.is_empty() {
        (Payload::Detached, Some(None))
    } else {
        (classify_payload(payload.as_bytes(), typ_jwt), None)
    };
    Ok(Inspection {
        token: token.to_string(),
        repairs: Vec::new(),
        form: Form::Jws,
        spans,
        header_bytes: Ok(header_bytes),
        header: Ok(header),
        alg,
        payload_bytes: Ok(payload.as_bytes().to_vec()),
        payload: Ok(payload_value),
        signature: signature_bytes,
        unencoded: true,
        detached,
    })
}

#[cfg(test)]
mod tests {
    use crate::core::token::{Payload, inspect};

    /// RFC 7797 section 4.2: the detached, unencoded example.
    const RFC7797_DETACHED: &str = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY";

    #[test]
    fn rfc7797_detached_then_attached() {
        let mut i = inspect(RFC7797_DETACHED).unwrap();
        assert!(i.unencoded);
        assert_eq!(i.payload.as_ref().unwrap(), &Payload::Detached);
        i.attach_payload(b"$.02".to_vec());
        assert_eq!(
            i.signing_input().as_ref(),
            b"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$.02"
        );
        // Attached compact form: the payload is read as it is, unrepaired.
        let attached =
            "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.hello world+/=.A5dx";
        let i = inspect(attached).unwrap();
        assert!(i.repairs.is_empty());
        assert_eq!(i.payload_bytes.as_ref().unwrap(), b"hello world+/=");
        assert_eq!(
            i.signing_input().as_ref(),
            b"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.hello world+/="
        );
    }
}
