//! How an encrypted token (JWE) is built, for teaching: the five parts and the steps between
//! them (protected header and AAD, CEK, key management, IV, ciphertext, tag), with the actual
//! bytes when it could be decrypted.

use super::Step;
use crate::core::b64;
use crate::core::jwe::{Decrypted, JweParts, KeyStep};

/// Hex of at most 1024 bytes, with the total when cut.
fn hex(bytes: &[u8]) -> String {
    let shown = b64::encode_hex(bytes.get(..bytes.len().min(1024)).unwrap_or(&[]));
    if bytes.len() > 1024 {
        format!("{shown}… ({} bytes)", bytes.len())
    } else {
        shown
    }
}

fn step(title: &str, explain: String, values: Vec<(&str, String)>) -> Step {
    Step {
        title: title.to_string(),
        explain,
        values: values
            .into_iter()
            .map(|(l, v)| (l.to_string(), v))
            .collect(),
    }
}

/// How the CEK was obtained, in words, with the values worth showing.
fn key_management(
    parts: &JweParts,
    d: Option<&Decrypted>,
) -> (String, Vec<(&'static str, String)>) {
    let alg = parts.alg;
    let Some(d) = d else {
        return (
            format!(
                "{alg} protects the content encryption key (CEK); without the decryption key its steps cannot be shown."
            ),
            vec![("encrypted key (hex)", hex(&parts.encrypted_key.bytes))],
        );
    };
    let cek = ("CEK (hex)", hex(&d.trace.cek));
    match &d.trace.key_step {
        KeyStep::Direct { key_len } => (
            format!(
                "dir: the shared {key_len}-byte key is the CEK itself; the encrypted key part is empty."
            ),
            vec![cek],
        ),
        KeyStep::AesKw { kek_len } => (
            format!(
                "{alg}: the CEK is wrapped with AES Key Wrap (RFC 3394) under the {kek_len}-byte shared key; unwrapping checks its integrity."
            ),
            vec![
                ("encrypted (wrapped) key (hex)", hex(&d.trace.encrypted_key)),
                cek,
            ],
        ),
        KeyStep::AesGcmKw { kek_len, iv, tag } => (
            format!(
                "{alg}: the CEK is encrypted with AES-GCM under the {kek_len}-byte shared key; the header's iv and tag belong to that step."
            ),
            vec![
                ("header iv (hex)", hex(iv)),
                ("header tag (hex)", hex(tag)),
                ("encrypted key (hex)", hex(&d.trace.encrypted_key)),
                cek,
            ],
        ),
        KeyStep::Rsa { modulus_bits } => (
            format!(
                "{alg}: the CEK is encrypted to the recipient's RSA {modulus_bits}-bit public key; only the private key decrypts it."
            ),
            vec![("encrypted key (hex)", hex(&d.trace.encrypted_key)), cek],
        ),
        KeyStep::Ecdh {
            curve,
            epk,
            kdf_alg_id,
            derived,
            ..
        } => (
            format!(
                "{alg} on {curve}: the sender's ephemeral key (epk in the header) and the recipient's key agree on a secret; the Concat KDF turns it, with AlgorithmID \"{kdf_alg_id}\", into {}.",
                if parts.encrypted_key.bytes.is_empty() {
                    "the CEK"
                } else {
                    "a key that unwraps the CEK"
                }
            ),
            vec![
                ("ephemeral public key (hex)", hex(epk)),
                ("Concat KDF output (hex)", hex(derived)),
                cek,
            ],
        ),
        KeyStep::Pbes2 {
            p2c,
            salt_input,
            kek,
            ..
        } => (
            format!(
                "{alg}: PBKDF2 with {p2c} iterations turns the password and the salt (alg, a zero byte, p2s) into a key that unwraps the CEK."
            ),
            vec![
                ("salt input (hex)", hex(salt_input)),
                ("derived key (hex)", hex(kek)),
                cek,
            ],
        ),
    }
}

/// The steps of a JWE, with the decrypted values when there are any.
pub fn jwe_steps(parts: &JweParts, decrypted: Option<&Decrypted>) -> Vec<Step> {
    let mut out = Vec::new();
    out.push(step(
        "1. The protected header, and the AAD",
        format!("The header JSON ({} bytes) in base64url is part 1; the same base64url text, as ASCII bytes, is the additional authenticated data (AAD): the tag covers it, so the header cannot be altered.", parts.protected.bytes.len()),
        vec![
            ("JSON", String::from_utf8_lossy(&parts.protected.bytes).into_owned()),
            ("base64url = AAD", parts.protected.text.clone()),
        ],
    ));
    let (explain, values) = key_management(parts, decrypted);
    out.push(step(
        "2. The content encryption key (CEK) and the encrypted key",
        explain,
        values,
    ));
    out.push(step(
        "3. The initialization vector",
        format!("{} random bytes, fresh for every token, so the same plaintext never encrypts the same way twice.", parts.iv.bytes.len()),
        vec![("IV (hex)", hex(&parts.iv.bytes))],
    ));
    let mut values = vec![("ciphertext (hex)", hex(&parts.ciphertext.bytes))];
    if let Some(d) = decrypted {
        values.push((
            "plaintext",
            String::from_utf8_lossy(&d.plaintext).into_owned(),
        ));
    }
    out.push(step(
        "4. The ciphertext",
        format!(
            "{} encrypts the plaintext{} with the CEK and the IV: {} bytes.",
            parts.enc,
            if parts.zip {
                " (DEFLATE-compressed first: zip DEF)"
            } else {
                ""
            },
            parts.ciphertext.bytes.len()
        ),
        values,
    ));
    let how = if parts.enc.is_gcm() {
        "AES-GCM computes it over the AAD and the ciphertext"
    } else {
        "it is the first half of an HMAC over the AAD, the IV, the ciphertext and the AAD's length in bits, under the first half of the CEK"
    };
    out.push(step(
        "5. The authentication tag",
        format!(
            "{} bytes: {how}. Any change to any part makes it fail, and then nothing is decrypted.",
            parts.tag.bytes.len()
        ),
        vec![("tag (hex)", hex(&parts.tag.bytes))],
    ));
    out.push(step(
        "6. The token",
        "The five parts in base64url, joined by dots: header.encrypted key.IV.ciphertext.tag"
            .into(),
        vec![(
            "token",
            [
                &parts.protected,
                &parts.encrypted_key,
                &parts.iv,
                &parts.ciphertext,
                &parts.tag,
            ]
            .map(|p| p.text.as_str())
            .join("."),
        )],
    ));
    out
}
