//! `zip: "DEF"` (RFC 7516 section 4.1.3): raw DEFLATE (RFC 1951, no zlib header), inflated
//! with a hard output cap so a small token cannot expand into a huge plaintext.

use super::MAX_INFLATED;
use super::error::JweError;
use super::refusal::LimitKind;

/// Compresses `plaintext` with raw DEFLATE (level 6).
pub(super) fn deflate(plaintext: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(plaintext, 6)
}

/// Inflates raw DEFLATE data, refusing output over [`MAX_INFLATED`] bytes.
pub(super) fn inflate(compressed: &[u8]) -> Result<Vec<u8>, JweError> {
    use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_with_limit};
    decompress_to_vec_with_limit(compressed, MAX_INFLATED).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => LimitKind::Inflated.into(),
        _ => JweError::NotDeflate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_cap() {
        let text = b"to be or not to be, to be or not to be".repeat(20);
        let packed = deflate(&text);
        assert!(packed.len() < text.len());
        assert_eq!(inflate(&packed).unwrap(), text);
        let at_cap = vec![b'a'; MAX_INFLATED];
        assert_eq!(inflate(&deflate(&at_cap)).unwrap().len(), MAX_INFLATED);
        let bomb = deflate(&vec![0u8; MAX_INFLATED + 1]);
        assert!(bomb.len() < 1000);
        let err = inflate(&bomb).unwrap_err().to_string();
        assert!(err.contains("zip bomb") && err.contains("250000"), "{err}");
        let err = inflate(b"\xff\xff\xff not deflate")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not valid DEFLATE"), "{err}");
    }
}
