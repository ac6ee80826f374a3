//! How a token is built, for teaching: which base64url characters carry which JSON member,
//! and the steps from header and payload JSON to the final token, with the actual bytes.

use super::alg::{Family, HeaderAlg, JwsAlg};
use super::b64;
use super::keys::{Key, KeyMaterial};
use super::token::{Form, Inspection};
use std::ops::Range;

mod chars;
mod jwe;
mod sdjwt;
mod sizes;
mod unencoded;

pub use chars::{
    Chars, bytes_for_char, carried, chars_for_bytes, mask, member_ranges, value_ranges,
};
pub use jwe::jwe_steps;
pub use sdjwt::{MAX_DIGEST_STEPS, sd_steps};
pub use sizes::b64_len;

/// One step of building the token, with a value to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// "1. The header: JSON, its UTF-8 bytes, base64url".
    pub title: String,
    /// What happens, in a sentence.
    pub explain: String,
    /// Labelled values, each copyable: (label, text).
    pub values: Vec<(String, String)>,
}

/// Hex of at most `max` bytes, with the total when cut.
fn hex(bytes: &[u8], max: usize) -> String {
    let shown = b64::encode_hex(bytes.get(..bytes.len().min(max)).unwrap_or(&[]));
    if bytes.len() > max {
        format!("{shown}… ({} bytes)", bytes.len())
    } else {
        shown
    }
}

fn step(title: &str, explain: &str, values: Vec<(&str, String)>) -> Step {
    Step {
        title: title.to_string(),
        explain: explain.to_string(),
        values: values
            .into_iter()
            .map(|(l, v)| (l.to_string(), v))
            .collect(),
    }
}

/// The steps from header and payload JSON to the token; `key` lets step 5 recompute an HMAC.
/// The payload bytes in `masked` (sensitive values, in presentation mode) are shown as dots
/// in every form they take: JSON, hex, base64url, the signing input and the token.
pub fn steps(insp: &Inspection, key: Option<&Key>, masked: &[Range<usize>]) -> Vec<Step> {
    if insp.form == Form::Jwe {
        return Vec::new();
    }
    let payload_len = insp.payload_bytes.as_ref().map_or(0, Vec::len);
    let offset = insp.spans.get(1).map_or(0, |r| r.start);
    let in_token = carried(masked, payload_len, offset);
    let in_segment = carried(masked, payload_len, 0);
    let in_hex: Vec<Range<usize>> = masked.iter().map(|r| 2 * r.start..2 * r.end).collect();
    let mut out = Vec::new();
    for (i, (name, bytes)) in [
        ("header", &insp.header_bytes),
        ("payload", &insp.payload_bytes),
    ]
    .into_iter()
    .enumerate()
    {
        let bytes = bytes.as_deref().unwrap_or(&[]);
        let none: &[Range<usize>] = &[];
        let (m_json, m_hex, m_b64) = if i == 1 {
            (masked, in_hex.as_slice(), in_segment.as_slice())
        } else {
            (none, none, none)
        };
        out.push(step(
            &format!("{}. The {name}: JSON, its UTF-8 bytes, base64url", i + 1),
            &format!("The {name} JSON is taken as UTF-8 bytes ({} bytes), and those bytes are written in base64url without padding: every 3 bytes become 4 characters.", bytes.len()),
            vec![
                ("JSON", mask(&String::from_utf8_lossy(bytes), m_json)),
                ("UTF-8 bytes (hex)", mask(&hex(bytes, 2048), m_hex)),
                ("base64url", mask(insp.segment_text(i), m_b64)),
            ],
        ));
    }
    let input = insp.signing_input();
    let payload = insp.payload_bytes.as_deref().unwrap_or(&[]);
    let inputs = unencoded::both(insp.segment_text(0), payload, masked);
    let explain = unencoded::explain(insp.unencoded, &inputs);
    let [encoded, raw] = inputs;
    out.push(step(
        "3. The signing input",
        &explain,
        vec![
            ("signing input with b64 true (base64url payload)", encoded),
            (
                "signing input with b64 false (RFC 7797, payload as is)",
                raw,
            ),
        ],
    ));
    let alg = match insp.alg {
        HeaderAlg::Known(a) => Some(a),
        _ => None,
    };
    out.push(digest_step(alg, &input));
    let sig = insp.signature.as_deref().unwrap_or(&[]);
    out.push(signature_step(alg, &input, sig, key));
    out.push(step(
        "6. The token",
        "The signing input, a dot, and the signature in base64url.",
        vec![("token", mask(&insp.token, &in_token))],
    ));
    out
}

fn digest_step(alg: Option<JwsAlg>, input: &[u8]) -> Step {
    use aws_lc_rs::digest;
    let Some(alg) = alg else {
        return step(
            "4. The digest",
            "The header names no algorithm this workbench knows, so there is no digest to show.",
            Vec::new(),
        );
    };
    if let Family::MlDsa(level) = alg.family() {
        return step(
            "4. The digest",
            &format!(
                "{level} signs the signing input itself (pure ML-DSA, RFC 9964 section 5): inside, SHAKE256 hashes it with a hash of the public key into a 64-byte message representative, so there is no separate digest. HashML-DSA, which signs a digest, is not used in JOSE."
            ),
            Vec::new(),
        );
    }
    if alg.signs_message_itself() {
        return step(
            "4. The digest",
            &format!(
                "{alg} (Ed25519) signs the signing input itself; SHA-512 is used inside the algorithm, so there is no separate digest."
            ),
            Vec::new(),
        );
    }
    let (name, d) = match alg.hash_len() {
        32 => ("SHA-256", digest::digest(&digest::SHA256, input)),
        48 => ("SHA-384", digest::digest(&digest::SHA384, input)),
        _ => ("SHA-512", digest::digest(&digest::SHA512, input)),
    };
    let explain = if alg.family() == Family::Hmac {
        format!(
            "{alg} uses {name} inside HMAC; the plain {name} of the signing input, for comparison:"
        )
    } else {
        format!("{alg} hashes the signing input with {name}, then signs the digest.")
    };
    Step {
        title: "4. The digest".into(),
        explain,
        values: vec![(format!("{name} (hex)"), b64::encode_hex(d.as_ref()))],
    }
}

fn signature_step(alg: Option<JwsAlg>, input: &[u8], sig: &[u8], key: Option<&Key>) -> Step {
    let title = "5. The signature";
    let Some(alg) = alg else {
        return step(
            title,
            "No known algorithm: the signature cannot be explained.",
            vec![("signature (hex)", hex(sig, 1024))],
        );
    };
    match alg.family() {
        Family::Hmac => {
            let mut values = vec![("signature (hex)".to_string(), hex(sig, 1024))];
            let explain = match key.map(|k| &k.material) {
                Some(KeyMaterial::Secret(secret)) => {
                    let h = hmac(alg, secret, input);
                    let same = h.as_slice() == sig;
                    values.push((
                        format!(
                            "HMAC-SHA-{}(secret, signing input), computed here (hex)",
                            alg.hash_len() * 8
                        ),
                        b64::encode_hex(&h),
                    ));
                    if same {
                        "The HMAC of the signing input under the secret, computed here, equals the third segment: the signature is valid.".to_string()
                    } else {
                        "The HMAC computed here with the secret in the key pane differs from the third segment: this secret did not sign the token.".to_string()
                    }
                }
                _ => {
                    "Enter the secret in the key pane to compute the HMAC here and compare.".into()
                }
            };
            Step {
                title: title.into(),
                explain,
                values,
            }
        }
        Family::Ec(curve) => {
            let n = curve.coordinate_len();
            step(
                title,
                &format!(
                    "An ECDSA signature is two numbers, r and s, each {n} bytes, written one after the other ({} bytes).",
                    2 * n
                ),
                vec![
                    (
                        "r (hex)",
                        hex(sig.get(..n.min(sig.len())).unwrap_or(&[]), 1024),
                    ),
                    (
                        "s (hex)",
                        hex(sig.get(n.min(sig.len())..).unwrap_or(&[]), 1024),
                    ),
                ],
            )
        }
        Family::Rsa => step(
            title,
            &format!(
                "An RSA signature ({}) is one block as long as the key's modulus: {} bytes here, {} bits.",
                if alg.name().starts_with("PS") {
                    "RSASSA-PSS"
                } else {
                    "RSASSA-PKCS1-v1_5"
                },
                sig.len(),
                sig.len() * 8
            ),
            vec![("signature block (hex)", hex(sig, 1024))],
        ),
        Family::MlDsa(level) => sizes::mldsa_signature_step(level, sig),
        Family::Ed25519 | Family::X25519 => step(
            title,
            "An Ed25519 signature is 64 bytes: a curve point R (32 bytes) and a scalar S (32 bytes).",
            vec![("signature (hex)", hex(sig, 1024))],
        ),
    }
}

/// HMAC of `input` under `secret` with the hash of `alg`.
pub fn hmac(alg: JwsAlg, secret: &[u8], input: &[u8]) -> Vec<u8> {
    use aws_lc_rs::hmac;
    let algorithm = match alg.hash_len() {
        32 => hmac::HMAC_SHA256,
        48 => hmac::HMAC_SHA384,
        _ => hmac::HMAC_SHA512,
    };
    hmac::sign(&hmac::Key::new(algorithm, secret), input)
        .as_ref()
        .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_map_to_characters_with_partial_edges() {
        // "abc" is one whole group: 4 characters.
        assert_eq!(chars_for_bytes(0..3, 3).range, 0..4);
        // Byte 1 alone sits in characters 1 and 2, sharing both.
        let c = chars_for_bytes(1..2, 6);
        assert_eq!(
            (c.range, c.partial_start, c.partial_end),
            (1..3, true, true)
        );
        // Bytes 3..6 are the second group.
        let c = chars_for_bytes(3..6, 6);
        assert_eq!(
            (c.range, c.partial_start, c.partial_end),
            (4..8, false, false)
        );
        assert_eq!(bytes_for_char(5, 6), 3..5);
        assert_eq!(bytes_for_char(7, 6), 5..6);
        // Every byte's characters map back to that byte.
        let data = b"{\"sub\":\"1234567890\",\"name\":\"John\"}";
        let enc = b64::encode(data);
        for i in 0..data.len() {
            let c = chars_for_bytes(i..i + 1, data.len());
            for ch in c.range.clone() {
                assert!(
                    bytes_for_char(ch, data.len()).contains(&i),
                    "byte {i} char {ch}"
                );
            }
            assert!(c.range.end <= enc.len());
        }
    }

    #[test]
    fn sensitive_values_are_masked_keeping_positions() {
        let text = "{\n  \"sub\": \"1\",\n  \"password\": \"hunter2\",\n  \"pin\": 1234\n}";
        let names = vec!["password".to_string(), "pin".to_string()];
        let r = value_ranges(text.as_bytes(), &names);
        assert_eq!(&text[r[0].clone()], "hunter2");
        assert_eq!(&text[r[1].clone()], "1234");
        let masked = mask(text, &r);
        assert!(!masked.contains("hunter2") && !masked.contains("1234"));
        assert!(masked.contains("\"password\": \"•••••••\""), "{masked}");
        assert_eq!(masked.chars().count(), text.chars().count());
        let data = br#"{"a":"xyz"}"#;
        let carried = carried(&value_ranges(data, &["a".into()]), data.len(), 10);
        assert_eq!(carried, vec![18..22]);
    }

    #[test]
    fn members_are_found_with_their_exact_bytes() {
        let text = br#"{"sub":"1","n":{"a":[1,"}"]},"e\"x":2 }"#;
        let m = member_ranges(text);
        let names: Vec<&str> = m.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sub", "n", "e\"x"]);
        assert_eq!(&text[m[1].1.clone()], br#""n":{"a":[1,"}"]}"#);
        assert_eq!(&text[m[2].1.clone()], br#""e\"x":2"#);
    }
}
