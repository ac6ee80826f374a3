//! What a key fits: its algorithm family and size, the JWS algorithms it can serve, and the
//! check that it can sign or verify with one (type, size, and what its JWK declares).

use super::{Key, KeyError, KeyMaterial, Purpose, RSA_MIN_BITS};
use crate::core::alg::{Curve, Family, JwsAlg};

impl Key {
    /// The algorithm family this key belongs to.
    pub fn family(&self) -> Family {
        match &self.material {
            KeyMaterial::Secret(_) => Family::Hmac,
            KeyMaterial::RsaPrivate { .. } | KeyMaterial::RsaPublic { .. } => Family::Rsa,
            KeyMaterial::EcPrivate { curve, .. } | KeyMaterial::EcPublic { curve, .. } => {
                Family::Ec(*curve)
            }
            KeyMaterial::EdPrivate { .. } | KeyMaterial::EdPublic { .. } => Family::Ed25519,
            KeyMaterial::X25519Private { .. } | KeyMaterial::X25519Public { .. } => Family::X25519,
            KeyMaterial::MlDsaPrivate { level, .. } | KeyMaterial::MlDsaPublic { level, .. } => {
                Family::MlDsa(*level)
            }
        }
    }

    /// Size in bits: RSA modulus, curve size, or secret length; for ML-DSA the public key's
    /// size (10496, 15616 or 20736 bits).
    pub fn bits(&self) -> usize {
        match &self.material {
            KeyMaterial::Secret(s) => s.len() * 8,
            KeyMaterial::RsaPrivate { n, .. } | KeyMaterial::RsaPublic { n, .. } => {
                let lead = n.first().map_or(0, |b| b.leading_zeros() as usize);
                (n.len() * 8).saturating_sub(lead)
            }
            KeyMaterial::EcPrivate { curve, .. } | KeyMaterial::EcPublic { curve, .. } => {
                match curve {
                    Curve::P256 => 256,
                    Curve::P384 => 384,
                    Curve::P521 => 521,
                }
            }
            KeyMaterial::EdPrivate { .. }
            | KeyMaterial::EdPublic { .. }
            | KeyMaterial::X25519Private { .. }
            | KeyMaterial::X25519Public { .. } => 256,
            KeyMaterial::MlDsaPrivate { public, .. } | KeyMaterial::MlDsaPublic { public, .. } => {
                public.len() * 8
            }
        }
    }

    /// The JWS algorithms this key can be used with: those of its type, or only the one its
    /// JWK's `alg` names; none for an X25519 key, which only agrees keys (JWE).
    pub fn algorithms(&self) -> Vec<JwsAlg> {
        JwsAlg::ALL
            .into_iter()
            .filter(|a| a.family() == self.family())
            .filter(|a| {
                self.jwk_alg
                    .as_deref()
                    .is_none_or(|named| named == a.name())
            })
            .filter(|a| {
                // Weak RSA keys verify through the legacy PKCS#1 parameters only.
                self.family() != Family::Rsa
                    || self.bits() >= RSA_MIN_BITS
                    || matches!(a, JwsAlg::RS256 | JwsAlg::RS512)
            })
            .collect()
    }

    /// The algorithm to use when none is named: the one the JWK's `alg` names, else HS256,
    /// RS256, the curve's ES algorithm, EdDSA (the name most verifiers know; Ed25519 fits the
    /// same key), the ML-DSA level's own (also for X25519, which fits none: signing or
    /// verifying with it is refused as [`KeyError::KeyAgreement`]).
    pub fn default_alg(&self) -> JwsAlg {
        if let Some(named) = self
            .jwk_alg
            .as_deref()
            .and_then(JwsAlg::from_name)
            .filter(|a| a.family() == self.family())
        {
            return named;
        }
        match self.family() {
            Family::Hmac => JwsAlg::HS256,
            Family::Rsa => JwsAlg::RS256,
            Family::Ec(c) => c.alg(),
            Family::Ed25519 | Family::X25519 => JwsAlg::EdDSA,
            Family::MlDsa(level) => level.alg(),
        }
    }

    /// Checks what the key's JWK says it is for (`use`, `key_ops`, `alg`) against signing or
    /// verifying with `alg` (RFC 7517 sections 4.2 to 4.4, RFC 8725bis section 3.1).
    pub fn check_declared_use(&self, alg: JwsAlg, purpose: Purpose) -> Result<(), KeyError> {
        let op = match purpose {
            Purpose::Sign => "sign",
            Purpose::Verify => "verify",
        };
        if let Some(u) = self.jwk_use.as_deref().filter(|u| *u != "sig") {
            return Err(KeyError::JwkUse(crate::core::text::clip(u, 40), op));
        }
        if let Some(ops) = self
            .jwk_key_ops
            .as_ref()
            .filter(|o| !o.iter().any(|x| x == op))
        {
            let listed = ops
                .iter()
                .map(|o| format!("\"{}\"", crate::core::text::clip(o, 40)))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(KeyError::JwkKeyOps { listed, op });
        }
        if let Some(named) = self.jwk_alg.as_deref().filter(|n| *n != alg.name()) {
            return Err(KeyError::JwkAlg {
                key_alg: crate::core::text::clip(named, 40),
                alg,
            });
        }
        Ok(())
    }

    /// Checks that the key can serve `alg` for `purpose`: its type and size, and what its JWK
    /// says it is for; the error says what would fit.
    pub fn check_fits(&self, alg: JwsAlg, purpose: Purpose) -> Result<(), KeyError> {
        self.check_type_fits(alg, purpose)?;
        self.check_declared_use(alg, purpose)
    }

    /// [`Key::check_fits`] without the JWK's declared use: type, size, private or public.
    fn check_type_fits(&self, alg: JwsAlg, purpose: Purpose) -> Result<(), KeyError> {
        if self.family() == Family::X25519 {
            return Err(KeyError::KeyAgreement);
        }
        let needs_private = purpose == Purpose::Sign;
        let family_ok = alg.family() == self.family();
        if family_ok && self.family() == Family::Rsa && self.bits() < RSA_MIN_BITS {
            let bits = self.bits();
            if purpose == Purpose::Sign {
                return Err(KeyError::WeakRsaSign(bits));
            }
            if !matches!(alg, JwsAlg::RS256 | JwsAlg::RS512) {
                return Err(KeyError::WeakRsaAlg { bits, alg });
            }
        }
        if family_ok && (!needs_private || self.is_private()) {
            return Ok(());
        }
        let hint = if family_ok {
            " (a public key can only verify)".to_string()
        } else {
            let fits: Vec<&str> = self.algorithms().iter().map(|a| a.name()).collect();
            format!(" (it fits {})", fits.join(", "))
        };
        Err(KeyError::WrongKind {
            alg,
            needs: alg.needs(needs_private),
            is: self.kind_words(),
            hint,
        })
    }
}
