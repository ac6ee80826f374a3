//! Reading X25519 keys (RFC 8037 JWK, RFC 8410 PKCS#8 and SubjectPublicKeyInfo with OID
//! 1.3.101.110), which the project's key loader does not handle.

use super::ecdh;
use super::error::JweError;
use super::keys::JweKey;
use crate::core::b64;
use crate::core::keys::der::{self, oid, tag};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

/// The DER encoding of the X25519 OID (tag, length, content), to spot X25519 key files.
const OID_TLV: [u8; 5] = [tag::OID, 3, 0x2B, 0x65, 0x6E];

fn member(jwk: &Map<String, Value>, name: &str) -> Result<Option<Vec<u8>>, JweError> {
    match jwk.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => b64::decode_strict(s).map(Some).map_err(|e| {
            JweError::Key(format!(
                "X25519 JWK member \"{name}\" is not base64url: {e}"
            ))
        }),
        Some(_) => Err(JweError::Key(format!(
            "X25519 JWK member \"{name}\" must be a string"
        ))),
    }
}

fn checked_32(bytes: Vec<u8>, what: &str) -> Result<Vec<u8>, JweError> {
    if bytes.len() != 32 {
        return Err(JweError::Key(format!(
            "an X25519 {what} is 32 bytes; this one has {}",
            bytes.len()
        )));
    }
    Ok(bytes)
}

fn private(d: Vec<u8>, claimed_public: Option<Vec<u8>>) -> Result<JweKey, JweError> {
    let d = Zeroizing::new(checked_32(d, "private key")?);
    let public = ecdh::x25519_public(&d)?;
    if let Some(x) = claimed_public
        && x != public
    {
        return Err(JweError::Key(
            "the X25519 key's private and public parts do not belong together".into(),
        ));
    }
    Ok(JweKey::X25519Private { d, public })
}

/// Reads an OKP JWK with crv X25519 (`x`, and `d` for a private key).
pub fn from_jwk(jwk: &Map<String, Value>) -> Result<JweKey, JweError> {
    if jwk.get("kty").and_then(Value::as_str) != Some("OKP")
        || jwk.get("crv").and_then(Value::as_str) != Some("X25519")
    {
        return Err(JweError::Key(
            "not an X25519 JWK: it needs \"kty\":\"OKP\" and \"crv\":\"X25519\"".into(),
        ));
    }
    let x = member(jwk, "x")?
        .ok_or_else(|| JweError::Key("the X25519 JWK lacks \"x\" (the public key)".into()))?;
    let x = checked_32(x, "public key")?;
    match member(jwk, "d")? {
        Some(d) => private(d, Some(x)),
        None => Ok(JweKey::X25519Public { public: x }),
    }
}

/// Reads an X25519 key from PKCS#8 (`PRIVATE KEY`) or SubjectPublicKeyInfo (`PUBLIC KEY`) DER.
pub fn from_der(bytes: &[u8]) -> Result<JweKey, JweError> {
    let err = |e: der::DerError| JweError::Key(format!("X25519 key: {e}"));
    let outer = der::expect_whole(bytes, tag::SEQUENCE, "a key SEQUENCE").map_err(err)?;
    let items = der::children(outer.content).map_err(err)?;
    let algorithm_oid = |t: Option<&der::Tlv<'_>>| -> Result<(), JweError> {
        let alg = t
            .filter(|t| t.tag == tag::SEQUENCE)
            .ok_or_else(|| JweError::Key("X25519 key: no algorithm identifier".into()))?;
        let (o, _) = der::expect(alg.content, tag::OID, "an OID").map_err(err)?;
        if o.content != oid::X25519 {
            return Err(JweError::Key(
                "not an X25519 key (its algorithm OID is not 1.3.101.110)".into(),
            ));
        }
        Ok(())
    };
    match items.first().map(|t| t.tag) {
        Some(tag::INTEGER) => {
            algorithm_oid(items.get(1))?;
            let wrapped = items
                .get(2)
                .filter(|t| t.tag == tag::OCTET_STRING)
                .ok_or_else(|| {
                    JweError::Key("X25519 PKCS#8: no private key OCTET STRING".into())
                })?;
            let inner = der::expect_whole(wrapped.content, tag::OCTET_STRING, "CurvePrivateKey")
                .map_err(err)?;
            private(inner.content.to_vec(), None)
        }
        Some(tag::SEQUENCE) => {
            algorithm_oid(items.first())?;
            let bits = items
                .get(1)
                .filter(|t| t.tag == tag::BIT_STRING)
                .ok_or_else(|| JweError::Key("X25519 public key: no BIT STRING".into()))?;
            let public = der::bit_string_bytes(bits.content).map_err(err)?;
            Ok(JweKey::X25519Public {
                public: checked_32(public.to_vec(), "public key")?,
            })
        }
        _ => Err(JweError::Key(
            "X25519 key: expected PKCS#8 or SubjectPublicKeyInfo DER".into(),
        )),
    }
}

fn pem_der(text: &str) -> Result<Vec<u8>, JweError> {
    let mut body = String::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("-----BEGIN ") {
            inside = true;
        } else if line.starts_with("-----END ") {
            break;
        } else if inside && !line.contains(':') {
            body.push_str(line);
        }
    }
    b64::decode_lenient(&body).map_err(|e| JweError::Key(format!("X25519 PEM: {e}")))
}

fn has_x25519_oid(der: &[u8]) -> bool {
    der.windows(OID_TLV.len()).any(|w| w == OID_TLV)
}

/// Reads `bytes` as an X25519 key when it is one (JWK, JWKS whose first key is X25519, PEM
/// or DER); `None` when it is some other kind of key file.
pub fn load(bytes: &[u8]) -> Option<Result<JweKey, JweError>> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.starts_with('{') {
            let obj: Map<String, Value> = serde_json::from_str(text).ok()?;
            let jwk = match obj.get("keys") {
                Some(Value::Array(keys)) => keys.first()?.as_object()?.clone(),
                _ => obj,
            };
            let is_x25519 = jwk.get("crv").and_then(Value::as_str) == Some("X25519");
            return is_x25519.then(|| from_jwk(&jwk));
        }
        if text.contains("-----BEGIN ") {
            return match pem_der(text) {
                Ok(der) if has_x25519_oid(&der) => Some(from_der(&der)),
                _ => None,
            };
        }
    }
    has_x25519_oid(bytes).then(|| from_der(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// RFC 8410 section 10.3: an X25519 private key in PKCS#8.
    const RFC8410_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";

    #[test]
    fn reads_pkcs8_spki_and_jwk_forms_consistently() {
        let key = load(RFC8410_PRIVATE.as_bytes()).unwrap().unwrap();
        let JweKey::X25519Private { d, public } = &key else {
            panic!("{key:?}")
        };
        assert_eq!(d.len(), 32);
        let jwk = json!({"kty":"OKP","crv":"X25519","x": b64::encode(public),"d": b64::encode(d)});
        let from_jwk = load(jwk.to_string().as_bytes()).unwrap().unwrap();
        assert_eq!(from_jwk, key);
        // The public key as SPKI DER.
        let mut alg = der::write(tag::OID, oid::X25519);
        alg = der::write(tag::SEQUENCE, &alg);
        let mut bits = vec![0u8];
        bits.extend(public);
        alg.extend(der::write(tag::BIT_STRING, &bits));
        let spki = der::write(tag::SEQUENCE, &alg);
        assert_eq!(
            load(&spki).unwrap().unwrap(),
            JweKey::X25519Public {
                public: public.clone()
            }
        );
    }

    #[test]
    fn mismatches_and_other_keys() {
        let jwk = json!({"kty":"OKP","crv":"X25519","x": b64::encode(&[1u8; 32]),"d": b64::encode(&[2u8; 32])});
        let err = from_jwk(jwk.as_object().unwrap()).unwrap_err().to_string();
        assert!(err.contains("do not belong together"), "{err}");
        let jwk = json!({"kty":"OKP","crv":"X25519","x":"AAAA"});
        let err = from_jwk(jwk.as_object().unwrap()).unwrap_err().to_string();
        assert!(err.contains("32 bytes; this one has 3"), "{err}");
        assert!(load(br#"{"kty":"oct","k":"AAAA"}"#).is_none());
        assert!(load(b"-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----").is_none());
    }
}
