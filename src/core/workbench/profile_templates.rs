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
use crate::core::sdjwt;
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

/// The verifier the SD-JWT VC template's KB-JWT is made for.
const SD_VERIFIER: &str = "https://verifier.example";

impl Workbench {
    /// An SD-JWT VC issued with a fresh P-256 issuer key (its private half in the key pane)
    /// to a fresh holder key, presented in full with a KB-JWT for [`SD_VERIFIER`] and a fresh
    /// nonce (both filled in: Expected audience, Context), as if pasted.
    pub(super) fn sd_jwt_template(&mut self, now: NumericDate) -> Result<()> {
        let fail = |e: sdjwt::SdJwtError| crate::core::error::Error::Shape(e.to_string());
        let issuer = keys::generate(&KeySpec::new(JwsAlg::ES256))?;
        let holder = keys::generate(&KeySpec::new(JwsAlg::ES256))?;
        let claims = json!({
            "iss": "https://issuer.example",
            "iat": now,
            "exp": now + 86_400,
            "given_name": "Erika",
            "family_name": "Mustermann",
            "birthdate": "1963-08-12",
            "address": {"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"},
            "nationalities": ["DE", "FR"],
        });
        let Value::Object(claims) = claims else {
            return Ok(());
        };
        let req = sdjwt::IssueRequest {
            claims,
            disclosable: [
                "/given_name",
                "/family_name",
                "/birthdate",
                "/address/street_address",
                "/address",
                "/nationalities/1",
            ]
            .map(String::from)
            .to_vec(),
            decoys: 1,
            holder: Some(holder.public_half()),
            vct: Some("https://credentials.example/identity_credential".into()),
            ..sdjwt::IssueRequest::default()
        };
        let issued = sdjwt::issue(&req, &issuer).map_err(fail)?;
        let sd = sdjwt::SdJwt::parse(&issued.sd_jwt).map_err(fail)?;
        let nonce = random(12);
        let kb = sdjwt::KbRequest {
            key: &holder,
            aud: SD_VERIFIER.into(),
            nonce: nonce.clone(),
            iat: now,
        };
        let all: Vec<String> = req.disclosable.clone();
        let presented = sdjwt::present(&sd, &all, Some(&kb)).map_err(fail)?;
        self.keys.private_key = issuer.private_pem()?;
        self.keys.public_key.clear();
        self.alg = JwsAlg::ES256;
        self.profile_inputs = Inputs {
            nonce: Some(nonce),
            ..Inputs::default()
        };
        self.profile = None;
        self.policy.aud = Some(SD_VERIFIER.into());
        self.set_token(presented.text);
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

    #[test]
    fn the_sd_jwt_vc_template_is_a_valid_presentation_read_into_its_table() {
        let wb = loaded(Template::SdJwtVc, JwsAlg::HS256);
        let doc = wb.sd_jwt().expect("an SD-JWT is loaded");
        assert_eq!(wb.profile(), crate::core::profiles::Profile::SdJwt);
        assert_eq!(doc.rows.len(), 6);
        assert!(
            doc.rows
                .iter()
                .all(|r| r.state == crate::core::workbench::RowState::Placed)
        );
        let at: Vec<&str> = doc
            .rows
            .iter()
            .filter_map(|r| r.pointer.as_deref())
            .collect();
        for p in ["/given_name", "/address/street_address", "/nationalities/1"] {
            assert!(at.contains(&p), "{p} in {at:?}");
        }
        // One decoy per _sd array (top level and address); nothing withheld.
        assert_eq!(doc.undisclosed.len(), 2, "{:?}", doc.undisclosed);
        assert_eq!(doc.sd_hash.1.as_deref(), Some(doc.sd_hash.0.as_str()));
        let report = wb.report(NOW + 5).unwrap();
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
                .any(|c| c.name == "7.3 step 5.7" && c.ok)
        );
        let h = wb.headline(NOW + 5);
        assert_eq!(
            (h.tone, h.title.as_str()),
            (Tone::Good, "✔ Valid SD-JWT+KB"),
            "{h:?}"
        );
        // Another transaction's nonce: the KB-JWT no longer fits.
        let doc_nonce = wb.profile_inputs().nonce.clone();
        let mut wb = wb;
        let mut inputs = wb.profile_inputs().clone();
        inputs.nonce = Some("another".into());
        let _ = wb.apply_and_settle(Edit::ProfileInputs(Box::new(inputs)));
        assert_eq!(wb.headline(NOW + 5).tone, Tone::Bad);
        // The right nonce again, ten minutes later: the KB-JWT is too old (300 s by default).
        let mut inputs = wb.profile_inputs().clone();
        inputs.nonce = doc_nonce;
        let _ = wb.apply_and_settle(Edit::ProfileInputs(Box::new(inputs)));
        assert_eq!(wb.headline(NOW + 5).tone, Tone::Good);
        let late = wb.report(NOW + 600).unwrap();
        assert!(
            late.checks
                .iter()
                .any(|c| c.name.starts_with("7.3 step 5") && !c.ok && c.detail.contains("s"))
        );
        assert_eq!(wb.headline(NOW + 600).tone, Tone::Bad);
    }
}
