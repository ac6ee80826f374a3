//! JWK (RFC 7517) and JWKS: RSA, EC (P-256/384/521), OKP (Ed25519, X25519), AKP (ML-DSA,
//! RFC 9964) and oct keys.

use super::der::{self, tag};
use super::pkcs::{
    check_rsa_size, ec_private_from_pair, ed_private_from_pair, ed_public_checked, ed_seed_checked,
    rsa_private_from_pkcs1, signing_alg,
};
use super::{Key, KeyError, KeyFile, KeyFormat, KeyMaterial, mldsa, x25519};
use crate::core::alg::Curve;
use crate::core::b64;
use aws_lc_rs::signature::{EcdsaKeyPair, Ed25519KeyPair};
use serde_json::{Map, Value};

/// Reads a JWK or a JWKS from JSON text.
pub(crate) fn parse_json_key(text: &str) -> Result<KeyFile, KeyError> {
    let obj = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err(KeyError::NotAKeyText),
        Err(e) => {
            let full = e.to_string();
            let message = full
                .rfind(" at line ")
                .and_then(|cut| full.get(..cut))
                .unwrap_or(&full)
                .to_string();
            return Err(KeyError::JwkJson {
                line: e.line(),
                column: e.column(),
                message,
            });
        }
    };
    match obj.get("keys") {
        Some(Value::Array(entries)) => {
            let mut keys = Vec::new();
            let mut notes = Vec::new();
            for (i, entry) in entries.iter().enumerate() {
                let label = entry
                    .get("kid")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("key {}", i + 1), |k| format!("key \"{k}\""));
                match entry
                    .as_object()
                    .ok_or(KeyError::JwksEntry)
                    .and_then(parse_jwk)
                {
                    Ok(k) => keys.push(k),
                    Err(e) => notes.push(format!("skipped {label}: {e}")),
                }
            }
            if keys.is_empty() {
                return Err(KeyError::JwksEmpty {
                    notes: if notes.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", notes.join("; "))
                    },
                });
            }
            Ok(KeyFile {
                keys,
                is_set: true,
                notes,
            })
        }
        Some(_) => Err(KeyError::JwksNotArray),
        None => parse_jwk(&obj).map(KeyFile::single),
    }
}

fn member(obj: &Map<String, Value>, name: &str) -> Result<Vec<u8>, KeyError> {
    match obj.get(name) {
        None => Err(KeyError::JwkMissing(name.to_string())),
        Some(Value::String(s)) => b64::decode_lenient(s).map_err(|detail| KeyError::JwkBase64 {
            member: name.to_string(),
            detail,
        }),
        Some(_) => Err(KeyError::JwkNotString(name.to_string())),
    }
}

/// Reads one JWK (RFC 7517): RSA, EC (P-256/384/521), OKP (Ed25519, X25519: RFC 8037), AKP
/// (ML-DSA-44/65/87: RFC 9964) or oct.
pub fn parse_jwk(obj: &Map<String, Value>) -> Result<Key, KeyError> {
    let kty = obj
        .get("kty")
        .and_then(Value::as_str)
        .ok_or(KeyError::JwkNoKty)?;
    let private = obj.contains_key("d");
    let key = match kty {
        "oct" => {
            let k = member(obj, "k")?;
            if k.is_empty() {
                return Err(KeyError::JwkEmptySecret);
            }
            Key::new(KeyMaterial::Secret(k), KeyFormat::Jwk)
        }
        "RSA" if private => {
            let names = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
            let missing: Vec<&str> = names
                .iter()
                .copied()
                .filter(|m| !obj.contains_key(*m))
                .collect();
            if !missing.is_empty() {
                return Err(KeyError::RsaJwkIncomplete(missing.join(", ")));
            }
            let mut body = der::write_unsigned(&[0]);
            for name in names {
                body.extend(der::write_unsigned(&member(obj, name)?));
            }
            rsa_private_from_pkcs1(&der::write(tag::SEQUENCE, &body), KeyFormat::Jwk)?
        }
        "RSA" => {
            let n = der::unsigned(&member(obj, "n")?);
            check_rsa_size(&n)?;
            Key::new(
                KeyMaterial::RsaPublic {
                    n,
                    e: der::unsigned(&member(obj, "e")?),
                },
                KeyFormat::Jwk,
            )
        }
        "EC" => {
            let curve = match obj.get("crv").and_then(Value::as_str) {
                Some("P-256") => Curve::P256,
                Some("P-384") => Curve::P384,
                Some("P-521") => Curve::P521,
                Some(other) => {
                    return Err(KeyError::JwkCurve {
                        kty: "EC",
                        crv: other.to_string(),
                        supported: "P-256, P-384, P-521 are",
                    });
                }
                None => return Err(KeyError::JwkNoCurve("EC")),
            };
            let (x, y) = (member(obj, "x")?, member(obj, "y")?);
            let len = curve.coordinate_len();
            if x.len() != len || y.len() != len {
                return Err(KeyError::CoordinateSize {
                    curve: curve.name(),
                    want: len,
                    x: x.len(),
                    y: y.len(),
                });
            }
            let mut point = vec![4u8];
            point.extend(&x);
            point.extend(&y);
            if private {
                let d = member(obj, "d")?;
                let pair =
                    EcdsaKeyPair::from_private_key_and_public_key(signing_alg(curve), &d, &point)
                        .map_err(|e| KeyError::JwkMismatch {
                        what: format!("EC {}", curve.name()),
                        detail: e.to_string(),
                        members: "d, x and y",
                    })?;
                ec_private_from_pair(curve, &pair, KeyFormat::Jwk)?
            } else {
                Key::new(KeyMaterial::EcPublic { curve, point }, KeyFormat::Jwk)
            }
        }
        "OKP" => {
            match obj.get("crv").and_then(Value::as_str) {
                Some("Ed25519") => {}
                Some("X25519") => {
                    let x = member(obj, "x")?;
                    let d = private.then(|| member(obj, "d")).transpose()?;
                    let key = match d {
                        Some(d) => x25519::private(&d, Some(&x), KeyFormat::Jwk)?,
                        None => x25519::public(&x, KeyFormat::Jwk)?,
                    };
                    return with_jwk_members(key, obj);
                }
                Some(other) => {
                    return Err(KeyError::JwkCurve {
                        kty: "OKP",
                        crv: other.to_string(),
                        supported: "Ed25519 and X25519 are",
                    });
                }
                None => return Err(KeyError::JwkNoCurve("OKP")),
            }
            let public = ed_public_checked(&member(obj, "x")?)?;
            if private {
                let d = member(obj, "d")?;
                ed_seed_checked(&d)?;
                let pair = Ed25519KeyPair::from_seed_and_public_key(&d, &public).map_err(|e| {
                    KeyError::JwkMismatch {
                        what: "Ed25519".into(),
                        detail: e.to_string(),
                        members: "d and x",
                    }
                })?;
                ed_private_from_pair(&pair, KeyFormat::Jwk)?
            } else {
                Key::new(KeyMaterial::EdPublic { public }, KeyFormat::Jwk)
            }
        }
        "AKP" => mldsa::from_jwk(obj, |name| member(obj, name))?,
        other => {
            return Err(KeyError::Kty(crate::core::text::clip(other, 40)));
        }
    };
    with_jwk_members(key, obj)
}

/// The key with what its JWK says about it: `kid`, `use`, `alg`, `key_ops`.
fn with_jwk_members(mut key: Key, obj: &Map<String, Value>) -> Result<Key, KeyError> {
    let text = |name: &str| obj.get(name).and_then(Value::as_str).map(str::to_string);
    key.kid = text("kid");
    key.jwk_use = text("use");
    key.jwk_alg = text("alg");
    key.jwk_key_ops = match obj.get("key_ops") {
        None => None,
        Some(Value::Array(ops)) => Some(
            ops.iter()
                .map(|o| o.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| KeyError::JwkNotString("key_ops".into()))?,
        ),
        Some(_) => return Err(KeyError::JwkNotString("key_ops".into())),
    };
    Ok(key)
}
