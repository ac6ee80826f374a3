//! What comes back, read with no network: an OpenID discovery document (its `issuer` and
//! `jwks_uri` checked), a JWKS (read by the key code, every key listed, the unusable ones
//! with the reason), or a PEM certificate chain (`x5u`). A response pasted by the user goes
//! through the same checks as a fetched one.

use super::{FetchError, MAX_BODY, Scheme, Url};
use crate::core::alg::Family;
use crate::core::keys::{self, Key, KeyFile};
use serde_json::Value;

/// The discovery document's URL for an issuer: the issuer without a final `/`, then
/// `/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 section 4).
pub fn discovery_url(issuer: &str) -> Result<Url, FetchError> {
    let base = Url::parse(issuer)?;
    if base.scheme != Scheme::Https {
        return Err(FetchError::NotHttps {
            url: base.to_string(),
        });
    }
    if base.path.contains('?') {
        return Err(FetchError::BadUrl {
            detail: "an issuer has no query (OpenID Connect Discovery 1.0 section 2)".into(),
        });
    }
    let path = base.path.trim_end_matches('/');
    Url::parse(&format!(
        "https://{}{path}/.well-known/openid-configuration",
        base.authority()
    ))
}

fn json_object(
    bytes: &[u8],
    what: &'static str,
) -> Result<serde_json::Map<String, Value>, FetchError> {
    if bytes.len() > MAX_BODY {
        return Err(FetchError::TooLarge {
            url: what.to_string(),
            limit: MAX_BODY,
        });
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(FetchError::NotReadable {
            what,
            detail: "not a JSON object".into(),
        }),
        Err(e) => Err(FetchError::NotReadable {
            what,
            detail: format!("not JSON ({e})"),
        }),
    }
}

/// The `jwks_uri` of a discovery document whose `issuer` must equal `expected` exactly.
pub fn jwks_uri_of(document: &[u8], expected: &str) -> Result<Url, FetchError> {
    let doc = json_object(document, "the discovery document")?;
    let issuer = doc
        .get("issuer")
        .and_then(Value::as_str)
        .ok_or(FetchError::DiscoveryMissing { member: "issuer" })?;
    if issuer != expected {
        return Err(FetchError::IssuerMismatch {
            expected: crate::core::text::clip(expected, 200),
            found: crate::core::text::clip(issuer, 200),
        });
    }
    let uri = doc
        .get("jwks_uri")
        .and_then(Value::as_str)
        .ok_or(FetchError::DiscoveryMissing { member: "jwks_uri" })?;
    match Url::parse(uri) {
        Ok(u) if u.scheme == Scheme::Https => Ok(u),
        Ok(_) | Err(FetchError::NotHttps { .. }) => Err(FetchError::JwksUriNotHttps {
            uri: crate::core::text::clip(uri, 200),
        }),
        Err(e) => Err(e),
    }
}

/// One key of a fetched set, as listed: usable or not, and why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    /// Its `kid`.
    pub kid: Option<String>,
    /// Its `kty` ("RSA", "EC", "OKP", "AKP", "oct"), or "?" when absent.
    pub kty: String,
    /// Its `alg` member.
    pub alg: Option<String>,
    /// Its `use` member.
    pub usage: Option<String>,
    /// Its RFC 7638 thumbprint, when it reads.
    pub thumbprint: Option<String>,
    /// Why it cannot verify a JWS, when it cannot (`None`: usable).
    pub problem: Option<String>,
    /// True when the entry holds private members (a published private key).
    pub private: bool,
}

/// The keys of a response: every entry listed, and the usable ones as a key file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedKeys {
    /// Every key, in order.
    pub rows: Vec<KeyRow>,
    /// The usable keys, as the key code reads them (`None` when none is).
    pub file: Option<KeyFile>,
    /// The bytes as received (for the key pane, or Export).
    pub bytes: Vec<u8>,
}

fn problem_of(key: &Key) -> Option<String> {
    if key.family() == Family::X25519 {
        return Some(
            "X25519 is a key-agreement key (ECDH-ES, RFC 8037): it verifies no signature".into(),
        );
    }
    if key.jwk_use.as_deref() == Some("enc") {
        return Some(
            "\"use\": \"enc\": for encryption, not signatures (RFC 7517 section 4.2)".into(),
        );
    }
    if key.algorithms().is_empty() {
        return Some("no JWS algorithm fits it".into());
    }
    None
}

fn row_of(key: &Key) -> KeyRow {
    let kty = match key.family() {
        Family::Hmac => "oct",
        Family::Rsa => "RSA",
        Family::Ec(_) => "EC",
        Family::Ed25519 | Family::X25519 => "OKP",
        Family::MlDsa(_) => "AKP",
    };
    KeyRow {
        kid: key.kid.clone(),
        kty: kty.to_string(),
        alg: key.jwk_alg.clone(),
        usage: key.jwk_use.clone(),
        thumbprint: Some(key.thumbprint()),
        problem: problem_of(key),
        private: key.is_private(),
    }
}

/// Reads a JWKS (or one JWK, or PEM certificates for `x5u`): every entry listed; entries the
/// key code cannot read, and keys that cannot verify a JWS, carry the reason.
pub fn read_key_set(bytes: &[u8]) -> Result<FetchedKeys, FetchError> {
    let trimmed = bytes.trim_ascii_start();
    let rows = if trimmed.starts_with(b"{") {
        let doc = json_object(bytes, "the JWKS")?;
        match doc.get("keys") {
            Some(Value::Array(entries)) => entries.iter().map(entry_row).collect(),
            Some(_) => {
                return Err(FetchError::NotReadable {
                    what: "the JWKS",
                    detail: "\"keys\" is not an array (RFC 7517 section 5)".into(),
                });
            }
            None => vec![entry_row(&Value::Object(doc))],
        }
    } else {
        let file = keys::load_key_bytes(bytes).map_err(|e| FetchError::NotReadable {
            what: "the response",
            detail: e.to_string(),
        })?;
        file.keys.iter().map(row_of).collect()
    };
    let file = keys::load_key_bytes(bytes).ok();
    Ok(FetchedKeys {
        rows,
        file,
        bytes: bytes.to_vec(),
    })
}

fn entry_row(entry: &Value) -> KeyRow {
    let text = |name: &str| entry.get(name).and_then(Value::as_str).map(str::to_string);
    match entry.as_object().map(keys::parse_jwk) {
        Some(Ok(key)) => KeyRow {
            alg: text("alg"),
            usage: text("use"),
            ..row_of(&key)
        },
        Some(Err(e)) => KeyRow {
            kid: text("kid"),
            kty: text("kty").unwrap_or_else(|| "?".into()),
            alg: text("alg"),
            usage: text("use"),
            thumbprint: None,
            problem: Some(e.to_string()),
            private: entry.get("d").is_some(),
        },
        None => KeyRow {
            kid: None,
            kty: "?".into(),
            alg: None,
            usage: None,
            thumbprint: None,
            problem: Some("not a JSON object".into()),
            private: false,
        },
    }
}

/// What a pasted response was: a discovery document (its checked `jwks_uri`, to fetch or
/// paste next) or keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pasted {
    /// A discovery document whose issuer matched.
    Discovery(Url),
    /// A key set.
    Keys(FetchedKeys),
}

/// Reads a response the user pasted, with the checks a fetched one gets: the size limit; for
/// a discovery document (it has `jwks_uri`), the issuer against `expected_issuer`.
pub fn read_pasted(bytes: &[u8], expected_issuer: Option<&str>) -> Result<Pasted, FetchError> {
    if bytes.len() > MAX_BODY {
        return Err(FetchError::TooLarge {
            url: "the pasted response".into(),
            limit: MAX_BODY,
        });
    }
    let is_discovery = serde_json::from_slice::<Value>(bytes)
        .ok()
        .is_some_and(|v| v.get("jwks_uri").is_some());
    if is_discovery {
        let expected = expected_issuer.ok_or(FetchError::NoSource {
            what: "iss",
            hint: "a discovery document is checked against the token's issuer; paste a token with iss first",
        })?;
        return jwks_uri_of(bytes, expected).map(Pasted::Discovery);
    }
    read_key_set(bytes).map(Pasted::Keys)
}
