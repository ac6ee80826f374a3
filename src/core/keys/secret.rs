//! HMAC secrets from text, base64, hex or a file, and the guard against key confusion:
//! a PEM, certificate or JWK is never accepted as an HMAC secret.

use super::{Key, KeyError, KeyFormat, KeyMaterial, load_key_bytes};
use crate::core::b64;
use crate::core::error::Result;

/// How the secret field's text is to be read (kept in settings by its lowercase name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// What key text `t` (trimmed) is, when it is one that no loader reads but that is plainly a
/// key: OpenSSH lines and files, PuTTY files, RFC 4716 blocks, any PEM armour.
fn key_text_kind(t: &str) -> Option<&'static str> {
    const SSH: [(&str, &str); 9] = [
        ("ssh-ed25519 ", "an OpenSSH ssh-ed25519 public key"),
        ("ssh-rsa ", "an OpenSSH ssh-rsa public key"),
        ("ssh-dss ", "an OpenSSH ssh-dss public key"),
        ("ecdsa-sha2-", "an OpenSSH ECDSA public key"),
        ("sk-ssh-ed25519", "an OpenSSH security-key public key"),
        ("sk-ecdsa-sha2-", "an OpenSSH security-key public key"),
        ("ssh-ed448 ", "an OpenSSH Ed448 public key"),
        (
            "---- BEGIN SSH2 PUBLIC KEY",
            "an SSH2 (RFC 4716) public key",
        ),
        ("PuTTY-User-Key-File-", "a PuTTY key file"),
    ];
    if let Some((_, what)) = SSH.iter().find(|(p, _)| t.starts_with(p)) {
        return Some(what);
    }
    // An authorized_keys line may start with options: `from="…" ssh-ed25519 AAAA…`.
    if t.lines().any(|l| {
        l.split_whitespace()
            .any(|w| w.starts_with("ssh-") || w.starts_with("ecdsa-sha2-"))
            && l.contains(" AAAA")
    }) {
        return Some("an OpenSSH public key");
    }
    if t.contains("-----BEGIN OPENSSH PRIVATE KEY") {
        return Some("an OpenSSH private key");
    }
    if t.contains("-----BEGIN") {
        return Some("PEM text (a key or a certificate)");
    }
    let json_key = t.starts_with('{')
        && (t.contains("\"kty\"") || t.contains("\"keys\"") || t.contains("\"x5c\""));
    json_key.then_some("a JWK or JWKS")
}

/// Refuses bytes that are a public or private key, in any form a person might paste: using
/// one as an HMAC secret is the key-confusion attack (CVE-2022-29217 in PyJWT; jsonwebtoken's
/// `from_secret` would accept PEM text). The message is the same for every kind.
fn refuse_keys(bytes: &[u8]) -> Result<(), KeyError> {
    if let Ok(file) = load_key_bytes(bytes) {
        let what = file
            .keys
            .first()
            .map(|k| k.kind_words())
            .unwrap_or_else(|| "a key".to_string());
        return Err(KeyError::SecretIsKey(what));
    }
    let text = String::from_utf8_lossy(bytes);
    let t = text.trim_start_matches('\u{feff}').trim();
    match key_text_kind(t) {
        Some(what) => Err(KeyError::SecretIsKey(what.to_string())),
        None => Ok(()),
    }
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
        let bytes = crate::core::files::read_capped(
            std::path::Path::new(path),
            super::MAX_KEY_FILE,
            "secret file",
        )?;
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
        assert!(e.contains("digit 1 or 2 is not hexadecimal"), "{e}");
        assert!(!e.contains("zz"), "{e}");
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

    #[test]
    fn openssh_and_other_key_texts_are_refused_as_secrets() {
        let cases = [
            (
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host",
                "ssh-ed25519",
            ),
            (
                "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 me@host",
                "ssh-rsa",
            ),
            (
                "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBE me",
                "ECDSA",
            ),
            (
                "from=\"10.0.0.1\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq me",
                "OpenSSH",
            ),
            (
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
                "OpenSSH private",
            ),
            (
                "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----",
                "PEM",
            ),
            ("-----BEGIN", "PEM"),
            (
                "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----",
                "SSH2",
            ),
            (r#"{"keys":[]}"#, "JWK"),
            (r#"{"kty":"RSA","n":"broken"}"#, "JWK"),
        ];
        for (text, what) in cases {
            let e = parse_secret(text, SecretEncoding::Text).unwrap_err();
            let msg = e.to_string();
            assert!(matches!(e, KeyError::SecretIsKey(_)), "{text}: {msg}");
            assert!(
                msg.contains(what) && msg.contains("key-confusion"),
                "{text}: {msg}"
            );
            // The same through base64, hex and the command line's forms.
            let b64 = b64::encode(text.as_bytes());
            assert!(matches!(
                parse_secret(&b64, SecretEncoding::Base64),
                Err(KeyError::SecretIsKey(_))
            ));
            assert!(parse_secret_spec(&format!("b64:{b64}")).is_err());
        }
        let dir = std::env::temp_dir().join(format!("jwtwb-ssh-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("id_ed25519.pub");
        std::fs::write(&f, cases[0].0).unwrap();
        let e = parse_secret_spec(&format!("@{}", f.display()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("key-confusion"), "{e}");
        // Ordinary secrets that merely mention these words still load.
        for ok in [
            "ssh-is-my-password",
            "BEGIN",
            "{not a key}",
            "my ssh-rsa secret",
        ] {
            assert!(parse_secret(ok, SecretEncoding::Text).is_ok(), "{ok}");
        }
    }
}
