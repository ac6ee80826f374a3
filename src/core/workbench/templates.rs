//! Ready-made headers and payloads for the New menu, each with a fresh iat and exp.

use super::Template;
use crate::core::alg::JwsAlg;
use crate::core::b64;
use crate::core::claims::NumericDate;
use crate::core::recipes::{self, ACCESS_TTL, REFRESH_TTL};
use serde_json::Value;

/// Lifetime of the ID token and client-credentials templates: one hour.
const HOUR: i64 = 3600;

/// A short random identifier for jti and nonce (base64url of 12 random bytes).
fn random_id() -> String {
    let mut bytes = [0u8; 12];
    // On the rare failure of the system RNG, a fixed id is still a valid example.
    if aws_lc_rs::rand::fill(&mut bytes).is_err() {
        return "example-id".to_string();
    }
    b64::encode(&bytes)
}

/// The header and payload JSON of a template for `alg`, issued at `now`.
pub fn template(t: Template, alg: JwsAlg, now: NumericDate) -> (String, String) {
    let header = |typ: &str| {
        format!(
            r#"{{"alg":{},"typ":"{typ}"}}"#,
            Value::String(alg.name().into())
        )
    };
    match t {
        Template::Example => (
            header("JWT"),
            format!(
                r#"{{"sub":"1234567890","name":"John Doe","admin":true,"iat":{now},"exp":{}}}"#,
                now + ACCESS_TTL
            ),
        ),
        Template::Access => (
            recipes::header_text(alg),
            recipes::payload_text("user-123", "access", now, ACCESS_TTL),
        ),
        Template::Refresh => (
            recipes::header_text(alg),
            recipes::payload_text("user-123", "refresh", now, REFRESH_TTL),
        ),
        Template::IdToken => (
            header("JWT"),
            format!(
                r#"{{"iss":"https://accounts.example.com","sub":"user-123","aud":"my-client-id","nonce":"{}","auth_time":{now},"iat":{now},"exp":{}}}"#,
                random_id(),
                now + HOUR
            ),
        ),
        // Made with keys and Context inputs by `load_profile_template`; as a bare
        // header and payload they are the ID token and a proof without its key.
        Template::IdTokenHashes => template(Template::IdToken, alg, now),
        Template::DpopPair => (
            format!(
                r#"{{"alg":{},"typ":"dpop+jwt"}}"#,
                Value::String(alg.name().into())
            ),
            format!(
                r#"{{"jti":"{}","htm":"POST","htu":"https://server.example.com/token","iat":{now},"exp":{}}}"#,
                random_id(),
                now + 300
            ),
        ),
        // Made by `load_template` as a presented SD-JWT; bare, its issuer JWT's claims.
        Template::SdJwtVc => (
            header("dc+sd-jwt"),
            format!(
                r#"{{"iss":"https://issuer.example","vct":"https://credentials.example/identity_credential","iat":{now},"exp":{}}}"#,
                now + 24 * HOUR
            ),
        ),
        Template::ClientCredentials => (
            header("at+jwt"),
            format!(
                r#"{{"iss":"https://auth.example.com","sub":"client-abc","aud":"https://api.example.com","client_id":"client-abc","scope":"orders:read orders:write","jti":"{}","iat":{now},"exp":{}}}"#,
                random_id(),
                now + HOUR
            ),
        ),
    }
}

impl Template {
    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
            Template::Example => "Example token",
            Template::Access => "Access token (30 min)",
            Template::Refresh => "Refresh token (7 days)",
            Template::IdToken => "OpenID Connect ID token",
            Template::ClientCredentials => "Client-credentials token",
            Template::IdTokenHashes => "ID token with at_hash and c_hash",
            Template::DpopPair => "DPoP proof and bound access token",
            Template::SdJwtVc => "SD-JWT VC with key binding",
        }
    }

    /// What it holds, for the tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            Template::Example => "A fresh HS256 example token that expires in 30 minutes",
            Template::Access => "An access token: sub, type \"access\", iat, exp 30 minutes ahead",
            Template::Refresh => "A refresh token: sub, type \"refresh\", iat, exp 7 days ahead",
            Template::IdToken => {
                "An OpenID Connect ID token: iss, sub, aud, nonce, auth_time, iat, exp 1 hour ahead"
            }
            Template::ClientCredentials => {
                "An OAuth 2.0 client-credentials access token (RFC 9068, typ at+jwt): client_id, scope, jti, 1 hour"
            }
            Template::IdTokenHashes => {
                "An OpenID Connect ID token whose at_hash and c_hash bind it to an access token and a code (both under Context), with the hash its alg calls for"
            }
            Template::DpopPair => {
                "A DPoP proof (RFC 9449) signed with a fresh P-256 key, and the access token bound to that key by cnf.jkt (under Context, with the request)"
            }
            Template::SdJwtVc => {
                "An SD-JWT VC (RFC 9901, typ dc+sd-jwt) issued with a fresh P-256 key: names, an address and a nationality selectively disclosable, decoys, presented with a KB-JWT for the Expected audience and the nonce under Context"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json;

    #[test]
    fn every_template_is_json_with_fresh_times() {
        let now = 1_800_000_000;
        for t in Template::ALL {
            let (h, p) = template(t, JwsAlg::ES256, now);
            let h = json::parse_object("header", &h).unwrap();
            let p = json::parse_object("payload", &p).unwrap();
            assert_eq!(h["alg"], "ES256");
            assert_eq!(p["iat"], now, "{t:?}");
            assert!(p["exp"].as_i64().unwrap() > now, "{t:?}");
        }
        let (_, p) = template(Template::IdToken, JwsAlg::RS256, now);
        let p = json::parse_object("payload", &p).unwrap();
        for claim in ["iss", "aud", "nonce", "auth_time"] {
            assert!(p.contains_key(claim), "{claim}");
        }
    }
}
