//! HMAC secrets from text, base64, hex or a file, and the guard against key confusion:
//! a PEM, certificate or JWK is never accepted as an HMAC secret.

use super::{Key, KeyError, KeyFormat, KeyMaterial, load_key_bytes};
use crate::core::b64;
use crate::core::error::{Error, Result};

/// How the secret field's text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecretEncoding {
    /// The UTF-8 bytes of the text as typed.
    #[default]
    Text,
    /// Base64 or base64url (padding optional).
    Base64,
    /// Hexadecimal.
    Hex,
}

impl SecretEncoding {
    /// All encodings, in picker order.
    pub const ALL: [SecretEncoding; 3] = [
        SecretEncoding::Text,
        SecretEncoding::Base64,
        SecretEncoding::Hex,
    ];

    /// Label for pickers.
    pub fn label(self) -> &'static str {
        match self {
            SecretEncoding::Text => "text",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Hex => "hex",
        }
    }
}

/// Refuses bytes that are a public or private key: using one as an HMAC secret is the
/// key-confusion attack (jsonwebtoken's `from_secret` would accept PEM text).
fn refuse_keys(bytes: &[u8]) -> Result<(), KeyError> {
    let text = String::from_utf8_lossy(bytes);
    let t = text.trim();
    let looks_like_key = t.contains("-----BEGIN ")
        || (t.starts_with('{') && t.contains("\"kty\""))
        || load_key_bytes(bytes).is_ok();
    if looks_like_key {
        let what = load_key_bytes(bytes)
            .ok()
            .and_then(|f| f.keys.first().map(|k| k.kind_words()))
            .unwrap_or_else(|| "a key".to_string());
        return Err(KeyError::SecretIsKey(what));
    }
    Ok(())
}

fn secret_key(bytes: Vec<u8>, format: KeyFormat) -> Result<Key, KeyError> {
    if bytes.is_empty() {
        return Err(KeyError::SecretEmpty);
    }
    refuse_keys(&bytes)?;
    Ok(Key::new(KeyMaterial::Secret(bytes), format))
}

/// Reads the secret field: `text` in the chosen encoding.
pub fn parse_secret(text: &str, encoding: SecretEncoding) -> Result<Key, KeyError> {
    match encoding {
        SecretEncoding::Text => secret_key(text.as_bytes().to_vec(), KeyFormat::SecretText),
        SecretEncoding::Base64 => secret_key(
            b64::decode_lenient(text).map_err(KeyError::SecretBase64)?,
            KeyFormat::SecretBase64,
        ),
        SecretEncoding::Hex => secret_key(
            b64::decode_hex(text).map_err(KeyError::SecretHex)?,
            KeyFormat::SecretHex,
        ),
    }
}

/// Reads a command-line secret: `b64:BASE64`, `hex:HEX`, `@FILE` (raw bytes) or plain text.
pub fn parse_secret_spec(spec: &str) -> Result<Key> {
    if let Some(rest) = spec.strip_prefix("b64:") {
        Ok(parse_secret(rest, SecretEncoding::Base64)?)
    } else if let Some(rest) = spec.strip_prefix("hex:") {
        Ok(parse_secret(rest, SecretEncoding::Hex)?)
    } else if let Some(path) = spec.strip_prefix('@') {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::Io(format!("cannot read secret file {path}: {e}")))?;
        if meta.len() > super::MAX_KEY_FILE as u64 {
            return Err(KeyError::SecretFileTooLarge {
                path: path.to_string(),
                len: meta.len(),
            }
            .into());
        }
        let bytes = std::fs::read(path)
            .map_err(|e| Error::Io(format!("cannot read secret file {path}: {e}")))?;
        Ok(secret_key(bytes, KeyFormat::SecretFile)?)
    } else {
        Ok(parse_secret(spec, SecretEncoding::Text)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_decode_to_the_same_bytes() {
        let a = parse_secret("hello", SecretEncoding::Text).unwrap();
        let b = parse_secret("aGVsbG8=", SecretEncoding::Base64).unwrap();
        let c = parse_secret("68656c6c6f", SecretEncoding::Hex).unwrap();
        let d = parse_secret_spec("b64:aGVsbG8").unwrap();
        let e = parse_secret_spec("hex:68656C6C6F").unwrap();
        for k in [&b, &c, &d, &e] {
            assert_eq!(k.material, a.material);
        }
        assert_eq!(a.describe(), "HMAC secret, 5 bytes (40 bits), text");
    }

    #[test]
    fn bad_secrets_say_what_is_wrong() {
        assert_eq!(
            parse_secret("", SecretEncoding::Text)
                .unwrap_err()
                .to_string(),
            "the secret is empty"
        );
        let e = parse_secret("zz", SecretEncoding::Hex)
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"zz\" at digit 1"), "{e}");
        let e = parse_secret("a*b", SecretEncoding::Base64)
            .unwrap_err()
            .to_string();
        assert!(e.contains("character 2"), "{e}");
        let e = parse_secret_spec("@/nonexistent/secret")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("cannot read secret file /nonexistent/secret"),
            "{e}"
        );
    }

    #[test]
    fn keys_are_refused_as_secrets() {
        let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";
        let e = parse_secret(pem, SecretEncoding::Text)
            .unwrap_err()
            .to_string();
        assert!(e.contains("key-confusion"), "{e}");
        assert!(e.contains("an Ed25519 public key"), "{e}");
        let jwk =
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        assert!(
            parse_secret(jwk, SecretEncoding::Text)
                .unwrap_err()
                .to_string()
                .contains("key-confusion")
        );
    }
}
