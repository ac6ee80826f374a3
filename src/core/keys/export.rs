//! Writing keys out: RFC 7638 thumbprints, JWK and public-only JWKS, PEM (PKCS#8 / SPKI).

use super::der::{self, DerError, oid, tag};
use super::{Key, KeyError, KeyMaterial, mldsa, pem_encode, x25519};
use crate::core::alg::{Curve, Family};
use crate::core::b64;
use serde_json::{Map, Value};

fn spki(algorithm: Vec<u8>, key: &[u8]) -> Vec<u8> {
    let mut bits = vec![0u8];
    bits.extend_from_slice(key);
    let mut body = der::write(tag::SEQUENCE, &algorithm);
    body.extend(der::write(tag::BIT_STRING, &bits));
    der::write(tag::SEQUENCE, &body)
}

fn rsa_algorithm() -> Vec<u8> {
    let mut a = der::write(tag::OID, oid::RSA);
    a.extend(der::write(tag::NULL, &[]));
    a
}

fn curve_oid(curve: Curve) -> &'static [u8] {
    match curve {
        Curve::P256 => oid::P256,
        Curve::P384 => oid::P384,
        Curve::P521 => oid::P521,
    }
}

fn rsa_public_pkcs1(n: &[u8], e: &[u8]) -> Vec<u8> {
    let mut body = der::write_unsigned(n);
    body.extend(der::write_unsigned(e));
    der::write(tag::SEQUENCE, &body)
}

/// The error builder for a stored key that does not read back (`what`: "RSA private key").
fn stored(what: &'static str) -> impl Fn(DerError) -> KeyError {
    move |e| KeyError::Stored {
        what,
        detail: e.into(),
    }
}

/// The PKCS#8 private key members inside a PrivateKeyInfo (the OCTET STRING's content).
fn pkcs8_private_octets(pkcs8: &[u8]) -> Result<Vec<u8>, KeyError> {
    let err = stored("stored private key");
    let seq = der::expect_whole(pkcs8, tag::SEQUENCE, "PrivateKeyInfo").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    items
        .get(2)
        .filter(|t| t.tag == tag::OCTET_STRING)
        .map(|t| t.content.to_vec())
        .ok_or(KeyError::Stored {
            what: "stored private key",
            detail: "it has no key octets".into(),
        })
}

impl Key {
    /// The public key as DER SubjectPublicKeyInfo (`None` for an HMAC secret).
    pub fn spki_der(&self) -> Option<Vec<u8>> {
        Some(match &self.material {
            KeyMaterial::Secret(_) => return None,
            KeyMaterial::RsaPrivate { n, e, .. } | KeyMaterial::RsaPublic { n, e } => {
                spki(rsa_algorithm(), &rsa_public_pkcs1(n, e))
            }
            KeyMaterial::EcPrivate { curve, point, .. }
            | KeyMaterial::EcPublic { curve, point } => {
                let mut a = der::write(tag::OID, oid::EC_PUBLIC_KEY);
                a.extend(der::write(tag::OID, curve_oid(*curve)));
                spki(a, point)
            }
            KeyMaterial::EdPrivate { public, .. } | KeyMaterial::EdPublic { public } => {
                spki(der::write(tag::OID, oid::ED25519), public)
            }
            KeyMaterial::X25519Private { public, .. } | KeyMaterial::X25519Public { public } => {
                spki(der::write(tag::OID, oid::X25519), public)
            }
            KeyMaterial::MlDsaPrivate { level, public, .. }
            | KeyMaterial::MlDsaPublic { level, public } => {
                spki(der::write(tag::OID, mldsa::oid_of(*level)), public)
            }
        })
    }

    /// The private key as DER PKCS#8 (`None` for public keys and secrets).
    pub fn pkcs8_der(&self) -> Option<Vec<u8>> {
        match &self.material {
            KeyMaterial::RsaPrivate { pkcs1, .. } => {
                let mut body = der::write_unsigned(&[0]);
                body.extend(der::write(tag::SEQUENCE, &rsa_algorithm()));
                body.extend(der::write(tag::OCTET_STRING, pkcs1));
                Some(der::write(tag::SEQUENCE, &body))
            }
            KeyMaterial::EcPrivate { pkcs8, .. } | KeyMaterial::EdPrivate { pkcs8, .. } => {
                Some(pkcs8.clone())
            }
            KeyMaterial::X25519Private { d, .. } => Some(x25519::pkcs8(d)),
            KeyMaterial::MlDsaPrivate { level, seed, .. } => Some(mldsa::pkcs8(*level, seed)),
            _ => None,
        }
    }

    /// PEM of the public key (SPKI, `PUBLIC KEY`).
    pub fn public_pem(&self) -> Result<String, KeyError> {
        self.spki_der()
            .map(|d| pem_encode("PUBLIC KEY", &d))
            .ok_or(KeyError::NoPublicPart)
    }

    /// PEM of the private key (PKCS#8, `PRIVATE KEY`).
    pub fn private_pem(&self) -> Result<String, KeyError> {
        self.pkcs8_der()
            .map(|d| pem_encode("PRIVATE KEY", &d))
            .ok_or_else(|| KeyError::NoPrivatePart(self.kind_words()))
    }

    /// The RFC 7638 required members, in lexicographic order (what the thumbprint hashes).
    fn required_members(&self) -> Vec<(&'static str, String)> {
        match &self.material {
            KeyMaterial::Secret(k) => vec![("k", b64::encode(k)), ("kty", "oct".into())],
            KeyMaterial::RsaPrivate { n, e, .. } | KeyMaterial::RsaPublic { n, e } => {
                vec![
                    ("e", b64::encode(e)),
                    ("kty", "RSA".into()),
                    ("n", b64::encode(n)),
                ]
            }
            KeyMaterial::EcPrivate { curve, point, .. }
            | KeyMaterial::EcPublic { curve, point } => {
                let len = curve.coordinate_len();
                let x = point.get(1..1 + len).unwrap_or(&[]);
                let y = point.get(1 + len..).unwrap_or(&[]);
                vec![
                    ("crv", curve.name().into()),
                    ("kty", "EC".into()),
                    ("x", b64::encode(x)),
                    ("y", b64::encode(y)),
                ]
            }
            KeyMaterial::EdPrivate { public, .. } | KeyMaterial::EdPublic { public } => {
                vec![
                    ("crv", "Ed25519".into()),
                    ("kty", "OKP".into()),
                    ("x", b64::encode(public)),
                ]
            }
            // RFC 8037 section 2: OKP keys hash crv, kty and x, X25519 as Ed25519.
            KeyMaterial::X25519Private { public, .. } | KeyMaterial::X25519Public { public } => {
                vec![
                    ("crv", "X25519".into()),
                    ("kty", "OKP".into()),
                    ("x", b64::encode(public)),
                ]
            }
            // RFC 9964 section 6: AKP keys hash alg, kty and pub.
            KeyMaterial::MlDsaPrivate { level, public, .. }
            | KeyMaterial::MlDsaPublic { level, public } => mldsa::jwk_members(*level, public),
        }
    }

    /// The exact JSON an RFC 7638 thumbprint hashes: the required members in lexicographic
    /// order, no whitespace (what a DPoP `jkt` or a `kid` computed from the key is made of).
    pub fn thumbprint_input(&self) -> String {
        let members: Vec<String> = self
            .required_members()
            .into_iter()
            .map(|(k, v)| format!("{}:{}", Value::String(k.into()), Value::String(v)))
            .collect();
        format!("{{{}}}", members.join(","))
    }

    /// RFC 7638 JWK thumbprint: SHA-256 over [`Key::thumbprint_input`], base64url.
    pub fn thumbprint(&self) -> String {
        let canonical = self.thumbprint_input();
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, canonical.as_bytes());
        b64::encode(digest.as_ref())
    }

    /// What `use` a JWK of this key says (RFC 7517 section 4.2): the one its own JWK said;
    /// else `enc` for X25519 (it only agrees keys) and `sig` for Ed25519 and ML-DSA (they only
    /// sign); else none, since an RSA or EC key or a secret may sign or encrypt.
    fn jwk_use_out(&self) -> Option<String> {
        match (&self.jwk_use, self.family()) {
            (Some(declared), _) => Some(declared.clone()),
            (None, Family::X25519) => Some("enc".into()),
            (None, Family::Ed25519 | Family::MlDsa(_)) => Some("sig".into()),
            (None, _) => None,
        }
    }

    /// The key as a JWK object; private members only when `private` is true and present. What
    /// its own JWK declared (`use`, `alg`, `key_ops`) is kept, `key_ops` of a public export
    /// turned into the public operations (sign to verify, decrypt to encrypt, unwrapKey to
    /// wrapKey).
    pub fn to_jwk(&self, private: bool) -> Result<Map<String, Value>, KeyError> {
        let mut m = Map::new();
        let kty = match self.family() {
            Family::Hmac => "oct",
            Family::Rsa => "RSA",
            Family::Ec(_) => "EC",
            Family::Ed25519 | Family::X25519 => "OKP",
            Family::MlDsa(_) => "AKP",
        };
        m.insert("kty".into(), kty.into());
        if let Some(kid) = &self.kid {
            m.insert("kid".into(), kid.clone().into());
        }
        if let Some(u) = self.jwk_use_out() {
            m.insert("use".into(), u.into());
        }
        if let Some(alg) = &self.jwk_alg {
            m.insert("alg".into(), alg.clone().into());
        }
        if let Some(ops) = &self.jwk_key_ops {
            m.insert("key_ops".into(), key_ops_out(ops, private).into());
        }
        for (k, v) in self.required_members() {
            if k != "kty" && (k != "k" || private) {
                m.insert(k.into(), v.into());
            }
        }
        if self.family() == Family::Hmac && !private {
            return Err(KeyError::NoPublicPart);
        }
        if private {
            match &self.material {
                KeyMaterial::RsaPrivate { pkcs1, .. } => {
                    let err = stored("RSA private key");
                    let seq =
                        der::expect_whole(pkcs1, tag::SEQUENCE, "RSAPrivateKey").map_err(&err)?;
                    let items = der::children(seq.content).map_err(&err)?;
                    for (i, name) in ["d", "p", "q", "dp", "dq", "qi"].into_iter().enumerate() {
                        let v = items.get(3 + i).ok_or(KeyError::Stored {
                            what: "RSA private key",
                            detail: "it lacks the CRT members".into(),
                        })?;
                        m.insert(name.into(), b64::encode(&der::unsigned(v.content)).into());
                    }
                }
                KeyMaterial::EcPrivate { curve, pkcs8, .. } => {
                    let sec1 = pkcs8_private_octets(pkcs8)?;
                    let err = stored("EC private key");
                    let seq =
                        der::expect_whole(&sec1, tag::SEQUENCE, "ECPrivateKey").map_err(&err)?;
                    let items = der::children(seq.content).map_err(&err)?;
                    let d = items
                        .get(1)
                        .map(|t| der::unsigned(t.content))
                        .unwrap_or_default();
                    let mut padded = vec![0u8; curve.coordinate_len().saturating_sub(d.len())];
                    padded.extend(d);
                    m.insert("d".into(), b64::encode(&padded).into());
                }
                KeyMaterial::EdPrivate { pkcs8, .. } => {
                    let octets = pkcs8_private_octets(pkcs8)?;
                    let seed = der::expect_whole(&octets, tag::OCTET_STRING, "the Ed25519 seed")
                        .map_err(stored("Ed25519 private key"))?;
                    m.insert("d".into(), b64::encode(seed.content).into());
                }
                KeyMaterial::X25519Private { d, .. } => {
                    m.insert("d".into(), b64::encode(d).into());
                }
                KeyMaterial::MlDsaPrivate { seed, .. } => {
                    m.insert("priv".into(), b64::encode(seed).into());
                }
                _ => {}
            }
        }
        Ok(m)
    }
}

/// The `key_ops` a JWK export says: as declared for a private export; for a public one each
/// private operation becomes its public counterpart, once.
fn key_ops_out(ops: &[String], private: bool) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for op in ops {
        let op = match (private, op.as_str()) {
            (false, "sign") => "verify",
            (false, "decrypt") => "encrypt",
            (false, "unwrapKey") => "wrapKey",
            (_, other) => other,
        };
        if !out.iter().any(|o| o.as_str() == Some(op)) {
            out.push(op.into());
        }
    }
    out
}

/// A public-only JWKS (`{"keys":[...]}`) for publishing; HMAC secrets are left out. Each
/// key keeps what its JWK declared (`use`, `alg`, `key_ops`): encryption keys stay `enc`.
pub fn public_jwks(keys: &[Key]) -> Value {
    let entries: Vec<Value> = keys
        .iter()
        .filter_map(|k| k.to_jwk(false).ok().map(Value::Object))
        .collect();
    serde_json::json!({ "keys": entries })
}
