//! The request DPoP variants are made for and judged against, the keys that sign them, the
//! lab access token they go with, and the DPoP checker's outcome.

use super::super::{AttackError, VerifierOutcome, hmac, signed};
use crate::core::alg::{Family, JwsAlg};
use crate::core::b64;
use crate::core::claims::NumericDate;
use crate::core::keys::{self, Key, KeySpec, Purpose};
use crate::core::profiles::{self, Inputs, Profile, ath_of};
use crate::core::token;
use serde_json::{Map, Value, json};

/// What every proof of the group is judged against, and signed with.
pub(super) struct Request {
    pub(super) htm: String,
    pub(super) htu: String,
    pub(super) nonce: Option<String>,
    /// The key the proofs are signed with (the loaded private key, or a lab key).
    pub(super) key: Key,
    pub(super) alg: JwsAlg,
    /// A lab access token whose `cnf.jkt` is `key`'s thumbprint.
    pub(super) access_token: String,
    pub(super) now: NumericDate,
}

impl Request {
    fn inputs(&self) -> Inputs {
        Inputs {
            htm: Some(self.htm.clone()),
            htu: Some(self.htu.clone()),
            nonce: self.nonce.clone(),
            access_token: Some(self.access_token.clone()),
            ..Inputs::default()
        }
    }

    /// The claims of a valid proof for this request.
    pub(super) fn claims(&self) -> Result<Map<String, Value>, AttackError> {
        let mut jti = [0u8; 16];
        aws_lc_rs::rand::fill(&mut jti)
            .map_err(|_| AttackError::Crypto("making a DPoP jti".into()))?;
        let mut c = Map::new();
        c.insert("jti".into(), b64::encode(&jti).into());
        c.insert("htm".into(), self.htm.clone().into());
        c.insert("htu".into(), self.htu.clone().into());
        c.insert("iat".into(), self.now.into());
        c.insert("ath".into(), ath_of(&self.access_token).into());
        if let Some(n) = &self.nonce {
            c.insert("nonce".into(), n.clone().into());
        }
        Ok(c)
    }

    /// A proof with these claims, signed with `key` (its public half as `jwk`), the header
    /// then changed by `edit`.
    pub(super) fn proof(
        &self,
        key: &Key,
        claims: &Map<String, Value>,
        edit: impl FnOnce(&mut Map<String, Value>),
    ) -> Result<String, AttackError> {
        let mut header = Map::new();
        header.insert("typ".into(), "dpop+jwt".into());
        header.insert("alg".into(), self.alg.name().into());
        header.insert("jwk".into(), Value::Object(jwk(key, false)?));
        edit(&mut header);
        signed(
            &Value::Object(header).to_string(),
            &b64::encode(Value::Object(claims.clone()).to_string().as_bytes()),
            key,
            self.alg,
        )
    }

    /// A valid proof with the claims changed by `edit`.
    pub(super) fn with_claims(
        &self,
        edit: impl FnOnce(&mut Map<String, Value>),
    ) -> Result<String, AttackError> {
        let mut claims = self.claims()?;
        edit(&mut claims);
        self.proof(&self.key, &claims, |_| {})
    }

    /// The DPoP checker's outcome for `proof`.
    pub(super) fn judge(&self, proof: &str) -> VerifierOutcome {
        judge(proof, &self.inputs(), self.now)
    }
}

/// The proof's key as a JWK object without `kid`, `use`, `alg` and `key_ops`.
pub(super) fn jwk(key: &Key, private: bool) -> Result<Map<String, Value>, AttackError> {
    let mut m = if private {
        key.to_jwk(true)?
    } else {
        key.public_half().to_jwk(false)?
    };
    for meta in ["kid", "use", "alg", "key_ops"] {
        m.remove(meta);
    }
    Ok(m)
}

/// The DPoP checker's outcome for `proof` against `inputs` at `now`: rejected when a check
/// fails, with the first failure.
fn judge(proof: &str, inputs: &Inputs, now: NumericDate) -> VerifierOutcome {
    let why = match token::inspect(proof) {
        Err(e) => Some(format!("the proof does not parse: {e}")),
        Ok(insp) => profiles::checks(Profile::DpopProof, &insp, inputs, None, now)
            .into_iter()
            .find(|c| !c.ok)
            .map(|c| format!("DPoP check {} failed: {}", c.name, c.detail)),
    };
    VerifierOutcome {
        rejected: why.is_some(),
        why: why.unwrap_or_else(|| "every DPoP check passed (RFC 9449 section 4.3)".into()),
        with_key: true,
    }
}

/// The key the variants are signed with: the loaded key when it is a private key for an
/// asymmetric `alg`, else a fresh lab key (ES256 when `alg` is a MAC).
pub(super) fn signing_key(
    orig_alg: JwsAlg,
    loaded: Option<&Key>,
    notes: &mut Vec<String>,
) -> Result<(Key, JwsAlg), AttackError> {
    if orig_alg.family() != Family::Hmac
        && let Some(k) = loaded
        && k.is_private()
        && k.check_fits(orig_alg, Purpose::Sign).is_ok()
    {
        return Ok((k.clone(), orig_alg));
    }
    let alg = if orig_alg.family() == Family::Hmac {
        JwsAlg::ES256
    } else {
        orig_alg
    };
    notes.push(format!(
        "DPoP proofs are signed with a fresh {alg} lab key: load the proof's private key to have them signed with it"
    ));
    Ok((fresh(alg)?, alg))
}

pub(super) fn fresh(alg: JwsAlg) -> Result<Key, AttackError> {
    Ok(keys::generate(&KeySpec::new(alg))?)
}

/// A lab access token bound to `key`: its claims carry `cnf.jkt` (HS256 with a random secret;
/// only its claims are read).
pub(super) fn access_token(key: &Key, now: NumericDate) -> Result<String, AttackError> {
    let secret = fresh(JwsAlg::HS256)?;
    let claims = json!({
        "iss": "https://as.example",
        "sub": "lab-user",
        "iat": now,
        "exp": now.saturating_add(3600),
        "cnf": {"jkt": key.thumbprint()},
    });
    signed(
        r#"{"alg":"HS256","typ":"at+jwt"}"#,
        &b64::encode(claims.to_string().as_bytes()),
        &secret,
        JwsAlg::HS256,
    )
}

/// An HS256 proof whose MAC key is the signing key's RFC 7638 JSON.
pub(super) fn hs256_proof(req: &Request) -> Result<String, AttackError> {
    let mut header = Map::new();
    header.insert("typ".into(), "dpop+jwt".into());
    header.insert("alg".into(), "HS256".into());
    header.insert("jwk".into(), Value::Object(jwk(&req.key, false)?));
    let input = format!(
        "{}.{}",
        b64::encode(Value::Object(header).to_string().as_bytes()),
        b64::encode(Value::Object(req.claims()?).to_string().as_bytes())
    );
    let mac = hmac(
        JwsAlg::HS256,
        req.key.public_half().thumbprint_input().as_bytes(),
        input.as_bytes(),
    );
    Ok(format!("{input}.{}", b64::encode(&mac)))
}
