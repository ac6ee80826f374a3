//! Making DPoP proofs: a fresh `jti`, `iat`, the request's method and URL, `ath` and the
//! server's nonce when given, signed with the client's key whose public half rides along.

use super::binding::ath_of;
use crate::core::alg::{Family, JwsAlg};
use crate::core::b64;
use crate::core::claims::NumericDate;
use crate::core::error::{Error, Result};
use crate::core::keys::Key;
use crate::core::profiles::htu;
use serde_json::{Map, Value};

/// What a new proof says: the request it goes with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DpopProof {
    /// The HTTP method.
    pub htm: String,
    /// The request URL; its query and fragment are left out of `htu`.
    pub htu: String,
    /// The access token it is presented with (adds `ath`).
    pub access_token: Option<String>,
    /// The server's nonce.
    pub nonce: Option<String>,
}

impl DpopProof {
    /// Signs a proof with `key` under `alg` at `now`: header `typ` `dpop+jwt` with the public
    /// `jwk`, claims `jti` (16 random bytes), `htm`, `htu`, `iat`, and `ath`/`nonce` when given.
    pub fn sign(&self, key: &Key, alg: JwsAlg, now: NumericDate) -> Result<String> {
        if alg.family() == Family::Hmac {
            return Err(Error::Algorithm(format!(
                "{alg} is a MAC; a DPoP proof needs a key pair"
            )));
        }
        let jwk = key.public_half().to_jwk(false)?;
        let mut header = Map::new();
        header.insert("typ".into(), "dpop+jwt".into());
        header.insert("alg".into(), alg.name().into());
        header.insert("jwk".into(), Value::Object(strip_meta(jwk)));
        let url = htu::normalise(&self.htu).map_err(|e| Error::Shape(e.to_string()))?;
        let mut jti = [0u8; 16];
        aws_lc_rs::rand::fill(&mut jti)
            .map_err(|_| Error::Signing("no randomness for jti".into()))?;
        let mut claims = Map::new();
        claims.insert("jti".into(), b64::encode(&jti).into());
        claims.insert("htm".into(), self.htm.clone().into());
        claims.insert("htu".into(), url.url.into());
        claims.insert("iat".into(), now.into());
        if let Some(at) = &self.access_token {
            claims.insert("ath".into(), ath_of(at).into());
        }
        if let Some(n) = &self.nonce {
            claims.insert("nonce".into(), n.clone().into());
        }
        let h = Value::Object(header).to_string();
        let c = Value::Object(claims).to_string();
        crate::core::sign::sign_encoded(&h, &c, alg, key).map(|(t, _)| t)
    }
}

/// A JWK without `kid`, `use`, `alg` and `key_ops`: a proof's key names itself by thumbprint.
fn strip_meta(mut jwk: Map<String, Value>) -> Map<String, Value> {
    for m in ["kid", "use", "alg", "key_ops"] {
        jwk.remove(m);
    }
    jwk
}
