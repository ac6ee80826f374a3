//! Where loaded key bytes go: a secret into the secret field (as base64), a private key into
//! the private key field, anything public into the public key field, an X25519 key (JWE only)
//! into the JWE key field; DER becomes PEM text.

use super::{Key, KeyError, KeyFile, KeyMaterial, SecretEncoding, der_to_pem, load_key_bytes};
use crate::core::alg::JwsAlg;
use crate::core::b64;

/// The key pane's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyField {
    /// The HMAC secret.
    Secret,
    /// The private key (signs; verifies when no public key is given).
    Private,
    /// The public key, certificate or JWKS (verifies).
    Public,
    /// The JWE key (decrypts a pasted JWE, or the recipient to encrypt to).
    Jwe,
}

/// Loaded bytes, ready for a field.
#[derive(Debug, Clone)]
pub struct Routed {
    /// The field they go into.
    pub field: KeyField,
    /// The text for that field.
    pub text: String,
    /// For a secret: how its text is encoded.
    pub encoding: SecretEncoding,
    /// The algorithm to switch to when the current one does not fit the key.
    pub switch_to: Option<JwsAlg>,
    /// "EC P-256 private key, SEC1 (PEM)", or "a JWKS of 3 keys (kids "a", "b", "c")".
    pub summary: String,
    /// Notes from reading (skipped entries).
    pub notes: Vec<String>,
}

/// Reads key bytes and decides which field they fill and in what text form.
pub fn route(bytes: &[u8], current: JwsAlg) -> Result<Routed, KeyError> {
    let file: KeyFile = load_key_bytes(bytes)?;
    let Some(first) = file
        .keys
        .iter()
        .find(|k| k.is_private())
        .or(file.keys.first())
    else {
        return Err(KeyError::NoUsableKey);
    };
    let (field, text, encoding) = match &first.material {
        KeyMaterial::Secret(secret) => (
            KeyField::Secret,
            b64::encode(secret),
            SecretEncoding::Base64,
        ),
        _ => {
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t.to_string(),
                Err(_) => der_to_pem(bytes)?,
            };
            (field_of(first), text, SecretEncoding::Text)
        }
    };
    let signs = field != KeyField::Jwe;
    let summary = if file.is_set {
        format!(
            "a JWKS of {} keys (kids {})",
            file.keys.len(),
            super::load::list_or_none(&file.kids())
        )
    } else {
        first.describe()
    };
    Ok(Routed {
        field,
        text,
        encoding,
        switch_to: (signs && !first.algorithms().contains(&current)).then(|| first.default_alg()),
        summary,
        notes: file.notes.clone(),
    })
}

/// Which field a key of this kind belongs in: an X25519 key, which only agrees keys, in the
/// JWE key field.
pub fn field_of(key: &Key) -> KeyField {
    match (&key.material, key.is_private()) {
        (KeyMaterial::Secret(_), _) => KeyField::Secret,
        (KeyMaterial::X25519Private { .. } | KeyMaterial::X25519Public { .. }, _) => KeyField::Jwe,
        (_, true) => KeyField::Private,
        (_, false) => KeyField::Public,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_private_and_public_keys_find_their_fields() {
        let jwk = br#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
        let r = route(jwk, JwsAlg::RS256).unwrap();
        assert_eq!(r.field, KeyField::Secret);
        assert_eq!(r.encoding, SecretEncoding::Base64);
        assert_eq!(r.switch_to, Some(JwsAlg::HS256));
        let ed = b"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";
        let r = route(ed, JwsAlg::EdDSA).unwrap();
        assert_eq!(r.field, KeyField::Public);
        assert_eq!(r.switch_to, None);
        assert!(r.summary.starts_with("Ed25519 public key"), "{}", r.summary);
        assert!(matches!(
            route(b"\xff\x01junk", JwsAlg::HS256),
            Err(KeyError::NotAKeyBinary { .. })
        ));
    }

    #[test]
    fn an_x25519_key_goes_to_the_jwe_field_and_switches_no_algorithm() {
        let x25519 = b"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAhSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=\n-----END PUBLIC KEY-----\n";
        let r = route(x25519, JwsAlg::RS256).unwrap();
        assert_eq!(r.field, KeyField::Jwe);
        assert_eq!(r.switch_to, None);
        assert!(r.summary.starts_with("X25519 public key"), "{}", r.summary);
    }
}
