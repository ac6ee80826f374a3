//! Keys that arrive whole: bytes from a file or a drop routed to the field that fits, and a
//! freshly generated key put to use.

use super::{Effects, Job, Lead, Notice, Workbench};
use crate::core::b64;
use crate::core::keys::{self, Key, KeyField, KeyMaterial, SecretEncoding};

impl Workbench {
    /// Key bytes from a file or a drop: into the field that fits; nothing typed is lost when
    /// they are not a usable key.
    pub(super) fn load_key(&mut self, bytes: &[u8], source: &str, fx: &mut Effects) {
        if self.load_jwe_key(bytes, source, fx) {
            return;
        }
        let routed = match keys::route(bytes, self.alg) {
            Ok(r) => r,
            Err(e) => {
                fx.notice = Some(Notice::error(format!("Could not use {source}: {e}")));
                fx.changed = false;
                return;
            }
        };
        match routed.field {
            KeyField::Secret => {
                self.keys.secret = routed.text;
                self.keys.secret_encoding = routed.encoding;
            }
            KeyField::Private => self.keys.private_key = routed.text,
            KeyField::Public => self.keys.public_key = routed.text,
            KeyField::Jwe => self.keys.jwe_key = routed.text,
        }
        fx.loaded_into = Some(routed.field);
        let sign = match routed.switch_to {
            Some(alg) => self.set_alg(alg),
            None => self.keys_changed(),
        };
        fx.push(sign.map(Box::new).map(Job::Sign));
        fx.notice = Some(Notice::info(format!(
            "Loaded {} from {source}",
            routed.summary
        )));
    }

    /// With a pasted JWE that RSA or ECDH protects, a private key file is its decryption key:
    /// it goes into the JWE key field and the token is decrypted (the algorithm stays).
    fn load_jwe_key(&mut self, bytes: &[u8], source: &str, fx: &mut Effects) -> bool {
        use crate::core::jwe::{JweKey, KeyFamily};
        let Some(super::JweView {
            parts: Ok(parts), ..
        }) = &self.jwe
        else {
            return false;
        };
        let family = parts.alg.family();
        if self.lead != Lead::Token || !matches!(family, KeyFamily::Rsa | KeyFamily::Ecdh) {
            return false;
        }
        let Ok(key) = JweKey::load(bytes) else {
            return false;
        };
        if !key.is_private() {
            return false;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => match keys::der_to_pem(bytes) {
                Ok(p) => p,
                Err(_) => return false,
            },
        };
        self.keys.jwe_key = text;
        fx.loaded_into = Some(KeyField::Jwe);
        fx.push(self.jwe_job().map(Job::Decrypt));
        fx.notice = Some(Notice::info(format!(
            "Loaded {} from {source} as the key that decrypts this JWE",
            key.kind_words()
        )));
        true
    }

    /// A generated key goes into the key fields; the token re-signs when the editors lead.
    pub(super) fn use_generated(&mut self, key: &Key) -> Option<super::SignJob> {
        match &key.material {
            KeyMaterial::Secret(secret) => {
                self.keys.secret = b64::encode(secret);
                self.keys.secret_encoding = SecretEncoding::Base64;
            }
            _ => {
                self.keys.private_key = key.private_pem().unwrap_or_default();
                self.keys.public_key.clear();
            }
        }
        if key.algorithms().contains(&self.alg) {
            self.keys_changed()
        } else {
            self.set_alg(key.default_alg())
        }
    }
}
