//! Templates whose checks need more than the token: an id_token whose `at_hash` and `c_hash`
//! bind it to an access token and a code, and a DPoP proof with the access token it is bound
//! to. Each fills the Context inputs so its profile's checks pass as made, and shows what each
//! hash covers.

use super::{Template, Workbench};
use crate::core::alg::JwsAlg;
use crate::core::b64;
use crate::core::claims::NumericDate;
use crate::core::error::Result;
use crate::core::keys::{self, KeySpec};
use crate::core::profiles::{self, Inputs};
use serde_json::{Value, json};

/// A random base64url string of `n` bytes (a code, an access token, a jti).
fn random(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    // On the rare failure of the system RNG a fixed value still makes a valid example.
    if aws_lc_rs::rand::fill(&mut bytes).is_err() {
        return "example".into();
    }
    b64::encode(&bytes)
}

/// The request the DPoP template's proof goes with.
const DPOP_URL: &str = "https://server.example.com/token";

impl Workbench {
    /// Loads `t` (one of the profile templates) at `now`; returns false for other templates.
    pub(super) fn load_profile_template(&mut self, t: Template, now: NumericDate) -> Result<bool> {
        match t {
            Template::IdTokenHashes => self.id_token_template(now)?,
            Template::DpopPair => self.dpop_template(now)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn id_token_template(&mut self, now: NumericDate) -> Result<()> {
        // The hash follows the alg; an alg with none (ML-DSA) falls back to RS256's rule.
        let alg = self.alg;
        let (access_token, code, nonce) = (random(24), random(24), random(12));
        let hash = |v: &str| {
            profiles::left_half_hash(alg, v)
                .or_else(|| profiles::left_half_hash(JwsAlg::RS256, v))
                .map(|h| h.value)
                .unwrap_or_default()
        };
        let header = json!({"alg": alg.name(), "typ": "JWT"});
        let payload = json!({
            "iss": "https://accounts.example.com",
            "sub": "user-123",
            "aud": "my-client-id",
            "nonce": nonce,
            "auth_time": now,
            "at_hash": hash(&access_token),
            "c_hash": hash(&code),
            "iat": now,
            "exp": now + 3600,
        });
        self.profile_inputs = Inputs {
            nonce: Some(nonce),
            access_token: Some(access_token),
            code: Some(code),
            client_id: Some("my-client-id".into()),
            ..Inputs::default()
        };
        self.profile = None;
        self.policy.aud = Some("my-client-id".into());
        self.load_editors(&header.to_string(), &payload.to_string());
        Ok(())
    }

    /// A fresh P-256 key signs the proof (its private half goes in the key pane, its public
    /// half in the header); the access token it goes with names that key in `cnf.jkt` and is
    /// signed with a throwaway key of its own (it is there for `ath` and the binding).
    fn dpop_template(&mut self, now: NumericDate) -> Result<()> {
        let client = keys::generate(&KeySpec::new(JwsAlg::ES256))?;
        let server = keys::generate(&KeySpec::new(JwsAlg::ES256))?;
        let at_claims = json!({
            "iss": "https://server.example.com",
            "sub": "user-123",
            "aud": "https://resource.example.org",
            "client_id": "my-client-id",
            "jti": random(12),
            "iat": now,
            "exp": now + 3600,
            "cnf": {"jkt": client.thumbprint()},
        });
        let at_header = json!({"alg": "ES256", "typ": "at+jwt"});
        let (access_token, _) = crate::core::sign::sign_encoded(
            &at_header.to_string(),
            &at_claims.to_string(),
            JwsAlg::ES256,
            &server,
        )?;
        let mut jwk = client.public_half().to_jwk(false)?;
        for m in ["kid", "use", "alg", "key_ops"] {
            jwk.remove(m);
        }
        let header = json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": Value::Object(jwk)});
        let payload = json!({
            "jti": random(12),
            "htm": "POST",
            "htu": DPOP_URL,
            "iat": now,
            "ath": profiles::ath_of(&access_token),
        });
        self.keys.private_key = client.private_pem()?;
        self.keys.public_key.clear();
        self.alg = JwsAlg::ES256;
        self.profile_inputs = Inputs {
            htm: Some("POST".into()),
            htu: Some(DPOP_URL.into()),
            access_token: Some(access_token),
            ..Inputs::default()
        };
        self.profile = None;
        self.load_editors(&header.to_string(), &payload.to_string());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::workbench::{Edit, Tone};

    const NOW: NumericDate = 1_800_000_000;

    fn loaded(t: Template, alg: JwsAlg) -> Workbench {
        let mut wb = Workbench::example(NOW);
        let _ = wb.apply_and_settle(Edit::Alg(alg));
        let _ = wb.apply_and_settle(Edit::Template {
            template: t,
            now: NOW,
        });
        wb
    }

    #[test]
    fn the_id_token_template_binds_its_hashes_to_the_context() {
        for alg in [JwsAlg::HS256, JwsAlg::HS384, JwsAlg::HS512] {
            let wb = loaded(Template::IdTokenHashes, alg);
            let report = wb.report(NOW).unwrap();
            let failed: Vec<&str> = report
                .checks
                .iter()
                .filter(|c| !c.ok)
                .map(|c| c.name.as_str())
                .collect();
            assert!(failed.is_empty(), "{alg}: {failed:?}");
            let at = report
                .checks
                .iter()
                .find(|c| c.name == "id_token at_hash")
                .unwrap();
            assert!(at.detail.contains("matches"), "{}", at.detail);
            assert_eq!(wb.profile(), crate::core::profiles::Profile::IdToken);
        }
    }

    #[test]
    fn the_dpop_template_is_a_valid_bound_proof() {
        let wb = loaded(Template::DpopPair, JwsAlg::HS256);
        assert_eq!(wb.profile(), crate::core::profiles::Profile::DpopProof);
        let report = wb.report(NOW + 1).unwrap();
        let failed: Vec<String> = report
            .checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| format!("{}: {}", c.name, c.detail))
            .collect();
        assert!(failed.is_empty(), "{failed:#?}");
        assert!(
            report
                .checks
                .iter()
                .any(|c| c.name == "dpop 12. cnf.jkt" && c.ok)
        );
        let h = wb.headline(NOW + 1);
        assert_eq!(
            (h.tone, h.title.as_str()),
            (Tone::Good, "✔ Valid DPoP proof"),
            "{h:?}"
        );
        // Another request URL: the proof no longer fits.
        let mut wb = wb;
        let mut inputs = wb.profile_inputs().clone();
        inputs.htu = Some("https://server.example.com/other".into());
        let _ = wb.apply_and_settle(Edit::ProfileInputs(Box::new(inputs)));
        assert_eq!(wb.headline(NOW + 1).tone, Tone::Bad);
    }
}
