//! The key pane's fields as typed: the document keeps them as text, parses each once per
//! change (`derive`), and wipes them when dropped.

use crate::core::keys::SecretEncoding;

/// The key pane's fields, as typed. Zeroed when dropped; `Debug` shows no key material.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct KeyInputs {
    /// HMAC secret text.
    pub secret: String,
    /// How to read `secret`.
    pub secret_encoding: SecretEncoding,
    /// Private key text (PEM or JWK) for signing with RSA, EC or Ed25519.
    pub private_key: String,
    /// Public key text (PEM, JWK or JWKS) for verifying; empty means "use the private key".
    pub public_key: String,
    /// The JWE key: the recipient's public key (or a shared secret, or a password) to
    /// encrypt; the private key, secret or password to decrypt. Empty: a pasted JWE is
    /// decrypted with the private key or the secret above.
    pub jwe_key: String,
    /// How to read `jwe_key` when it is a secret.
    pub jwe_key_encoding: SecretEncoding,
}

impl std::fmt::Debug for KeyInputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "KeyInputs {{ secret: {} chars, private_key: {} chars, public_key: {} chars }}",
            self.secret.len(),
            self.private_key.len(),
            self.public_key.len()
        )
    }
}

impl Drop for KeyInputs {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.secret.zeroize();
        self.private_key.zeroize();
        self.jwe_key.zeroize();
    }
}
