//! The attack lab for SD-JWT: forged presentations of an issued SD-JWT, each breaking one
//! rule of RFC 9901, each with the step that must reject it. Forgeries that change the
//! issuer-signed payload are re-signed with the issuer's key (a buggy or hostile issuer, or a
//! test of the verifier's rules); the others carry a valid KB-JWT unless the KB-JWT is what
//! is forged, so that only the targeted rule is broken.

mod variants;

pub use variants::attacks;

use super::present::make_kb;
use super::steps::Step;
use super::{Disclosure, IssueRequest, KbRequest, SdJwt, SdJwtError, SdPolicy, issue, sign_kb};
use crate::core::claims::NumericDate;
use crate::core::keys::Key;
use crate::core::sign;
use serde_json::{Map, Value, json};

/// What the lab needs.
#[derive(Debug, Clone, Copy)]
pub struct LabInput<'a> {
    /// An issued SD-JWT (all its disclosures, no KB-JWT) with at least one top-level
    /// disclosable claim, one plain claim and `cnf.jwk`.
    pub sd_jwt: &'a str,
    /// The issuer's private key, to re-sign forged payloads.
    pub issuer: &'a Key,
    /// The holder's private key, for the valid KB-JWTs around each forgery.
    pub holder: &'a Key,
    /// The verifier's identifier (the KB-JWT's `aud`).
    pub aud: &'a str,
    /// The verifier's nonce.
    pub nonce: &'a str,
    /// When the KB-JWTs are made.
    pub now: NumericDate,
}

impl LabInput<'_> {
    /// The verifier's policy the forgeries are judged under: key binding required, this
    /// `aud` and `nonce`, KB-JWTs up to 300 s old.
    pub fn policy(&self) -> SdPolicy {
        SdPolicy {
            aud: Some(self.aud.to_string()),
            nonce: Some(self.nonce.to_string()),
            ..SdPolicy::default()
        }
    }
}

/// One forged presentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forgery {
    /// A short stable id: "kb-stripped".
    pub id: &'static str,
    /// What was forged, in a sentence.
    pub title: &'static str,
    /// The presentation.
    pub presentation: String,
    /// The step that must reject it.
    pub breaks: Step,
}

/// An SD-JWT VC for the lab, issued at `now` by `issuer` to `holder`: given_name,
/// family_name, the street address (inside a disclosable address) and the second
/// nationality selectively disclosable, one decoy per `_sd` array.
pub fn lab_base(issuer: &Key, holder: &Key, now: NumericDate) -> Result<String, SdJwtError> {
    let claims = json!({
        "iss": "https://issuer.example",
        "iat": now,
        "exp": now.saturating_add(86_400),
        "given_name": "Erika",
        "family_name": "Mustermann",
        "address": {"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"},
        "nationalities": ["DE", "FR"],
    });
    let Value::Object(claims) = claims else {
        return Err(SdJwtError::Claims("lab claims".into()));
    };
    let req = IssueRequest {
        claims,
        disclosable: [
            "/given_name",
            "/family_name",
            "/address/street_address",
            "/address",
            "/nationalities/1",
        ]
        .map(String::from)
        .to_vec(),
        decoys: 1,
        holder: Some(holder.public_half()),
        vct: Some("https://credentials.example/identity_credential".into()),
        ..IssueRequest::default()
    };
    Ok(issue(&req, issuer)?.sd_jwt)
}

struct Lab<'a> {
    input: &'a LabInput<'a>,
    base: SdJwt,
    /// The issuer-signed JWT and every disclosure, each followed by '~'.
    all: String,
}

impl Lab<'_> {
    fn kb_request(&self) -> KbRequest<'_> {
        KbRequest {
            key: self.input.holder,
            aud: self.input.aud.into(),
            nonce: self.input.nonce.into(),
            iat: self.input.now,
        }
    }

    /// `sd` (ending with '~') with a valid KB-JWT over it.
    fn bound(&self, sd: &str) -> Result<String, SdJwtError> {
        Ok(format!(
            "{sd}{}",
            sign_kb(sd, self.base.sd_alg, &self.kb_request())?
        ))
    }

    /// `sd` with a KB-JWT of these claims (changed from the valid ones by `edit`), signed
    /// with `key` (`None`: alg none).
    fn kb_with(
        &self,
        sd: &str,
        key: Option<&Key>,
        edit: impl FnOnce(&mut Map<String, Value>),
    ) -> Result<String, SdJwtError> {
        let mut claims = Map::new();
        claims.insert("iat".into(), self.input.now.into());
        claims.insert("aud".into(), self.input.aud.into());
        claims.insert("nonce".into(), self.input.nonce.into());
        claims.insert("sd_hash".into(), self.base.sd_alg.digest(sd).into());
        edit(&mut claims);
        Ok(format!("{sd}{}", make_kb(key, super::KB_TYP, &claims)?))
    }

    /// The issuer-signed JWT re-signed over `payload`, with the base's header.
    fn resign(&self, payload: &Map<String, Value>) -> Result<String, SdJwtError> {
        let header = self
            .base
            .issuer
            .header
            .as_ref()
            .map_err(|e| SdJwtError::IssuerJwt(e.to_string()))?;
        let alg = match crate::core::alg::HeaderAlg::from_header(header) {
            crate::core::alg::HeaderAlg::Known(a) => a,
            _ => self.input.issuer.default_alg(),
        };
        sign::sign_encoded(
            &Value::Object(header.clone()).to_string(),
            &Value::Object(payload.clone()).to_string(),
            alg,
            self.input.issuer,
        )
        .map(|(jwt, _)| jwt)
        .map_err(|e| SdJwtError::Signing(e.to_string()))
    }

    /// A re-signed SD-JWT whose top-level `_sd` gains `extra` digests, with every base
    /// disclosure and then `more` disclosures, bound.
    fn with_digests(
        &self,
        extra: &[&str],
        more: &[&Disclosure],
        edit: impl FnOnce(&mut Map<String, Value>),
    ) -> Result<String, SdJwtError> {
        let mut payload = self.base.payload.clone();
        match payload.get_mut("_sd") {
            Some(Value::Array(a)) => a.extend(extra.iter().map(|d| Value::from(*d))),
            _ => {
                payload.insert(
                    "_sd".into(),
                    extra.iter().map(|d| Value::from(*d)).collect(),
                );
            }
        }
        edit(&mut payload);
        let mut sd = self.resign(&payload)?;
        sd.push('~');
        for d in self
            .base
            .disclosures
            .iter()
            .map(|d| &d.text)
            .chain(more.iter().map(|d| &d.text))
        {
            sd.push_str(d);
            sd.push('~');
        }
        self.bound(&sd)
    }
}
