//! RFC 7797 side by side: the bytes a signature covers when the payload is base64url-encoded
//! (`b64` true, the default) and when it is signed as it is (`b64` false, listed in `crit`).

use super::{b64, carried, mask};
use std::ops::Range;

/// The signing input for `b64` true and for `b64` false, in that order, each with the payload
/// bytes in `masked` (sensitive values, in presentation mode) shown as dots.
pub(super) fn both(header_segment: &str, payload: &[u8], masked: &[Range<usize>]) -> [String; 2] {
    let prefix = header_segment.len() + 1;
    let encoded = format!("{header_segment}.{}", b64::encode(payload));
    let raw = format!("{header_segment}.{}", String::from_utf8_lossy(payload));
    let shifted: Vec<Range<usize>> = masked
        .iter()
        .map(|r| r.start + prefix..r.end + prefix)
        .collect();
    [
        mask(&encoded, &carried(masked, payload.len(), prefix)),
        mask(&raw, &shifted),
    ]
}

/// The sentence under the two inputs: which one this token signs, and both sizes.
pub(super) fn explain(unencoded: bool, inputs: &[String; 2]) -> String {
    let [encoded, raw] = inputs;
    let (own, which) = if unencoded {
        (
            "BASE64URL(header) || \".\" || payload: with b64 false (RFC 7797 section 3) the payload is signed as it is, not base64url-encoded",
            "this token uses the second",
        )
    } else {
        (
            "BASE64URL(header) || \".\" || BASE64URL(payload): these ASCII characters are what the signature covers, not the JSON itself",
            "this token uses the first",
        )
    };
    format!(
        "{own}. Side by side, the same header and payload with b64 true ({} bytes) and b64 false ({} bytes; only with crit [\"b64\"] in the header): {which}.",
        encoded.len(),
        raw.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_cover_the_same_header_and_payload() {
        let [encoded, raw] = both("eyJhbGciOiJIUzI1NiJ9", b"$.02", &[]);
        assert_eq!(encoded, "eyJhbGciOiJIUzI1NiJ9.JC4wMg");
        assert_eq!(raw, "eyJhbGciOiJIUzI1NiJ9.$.02");
        let text = explain(false, &[encoded.clone(), raw.clone()]);
        assert!(
            text.contains("(27 bytes)") && text.contains("(25 bytes"),
            "{text}"
        );
        assert!(text.ends_with("this token uses the first."), "{text}");
        assert!(explain(true, &[encoded, raw]).ends_with("uses the second."));
    }

    #[test]
    fn masked_values_stay_hidden_in_both_forms() {
        let payload = br#"{"pin":"1234"}"#;
        let [encoded, raw] = both("e30", payload, std::slice::from_ref(&(8..12)));
        assert!(!raw.contains("1234") && raw.contains("••••"), "{raw}");
        let plain = b64::encode(payload);
        assert!(!encoded.contains(&plain), "{encoded}");
        assert!(
            encoded.starts_with("e30.") && encoded.contains('•'),
            "{encoded}"
        );
    }
}
