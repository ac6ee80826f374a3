//! X25519 keys (RFC 7748): key agreement for JWE (ECDH-ES), read from PKCS#8 and
//! SubjectPublicKeyInfo with OID 1.3.101.110 (RFC 8410) and from OKP JWKs (RFC 8037), and
//! written back. They never sign: JWS refuses them ([`KeyError::KeyAgreement`]).

use super::der::{self, oid, tag};
use super::{Key, KeyError, KeyFormat, KeyMaterial};
use aws_lc_rs::agreement::{PrivateKey, X25519};
use zeroize::Zeroizing;

/// The size of an X25519 private key and of a public key, in bytes.
const LEN: usize = 32;

fn checked(bytes: &[u8], what: &'static str) -> Result<(), KeyError> {
    if bytes.len() != LEN {
        return Err(KeyError::X25519Size {
            what,
            got: bytes.len(),
        });
    }
    Ok(())
}

/// The public key of 32 private bytes.
fn public_of(d: &[u8]) -> Result<Vec<u8>, KeyError> {
    let rejected = |detail: String| KeyError::Rejected {
        what: "X25519 private key".into(),
        detail,
    };
    PrivateKey::from_private_key(&X25519, d)
        .map_err(|e| rejected(e.to_string()))?
        .compute_public_key()
        .map(|p| p.as_ref().to_vec())
        .map_err(|_| rejected("its public key cannot be computed".into()))
}

/// An X25519 private key from its 32 bytes; `claimed` is the public key that came with it
/// (a JWK's `x`), which must be the one the private bytes give.
pub(super) fn private(
    d: &[u8],
    claimed: Option<&[u8]>,
    format: KeyFormat,
) -> Result<Key, KeyError> {
    checked(d, "private key")?;
    let public = public_of(d)?;
    if let Some(x) = claimed {
        checked(x, "public key")?;
        if x != public.as_slice() {
            return Err(KeyError::X25519Mismatch);
        }
    }
    let material = KeyMaterial::X25519Private {
        d: d.to_vec(),
        public,
    };
    Ok(Key::new(material, format))
}

/// An X25519 public key from its 32 bytes.
pub(super) fn public(x: &[u8], format: KeyFormat) -> Result<Key, KeyError> {
    checked(x, "public key")?;
    Ok(Key::new(
        KeyMaterial::X25519Public { public: x.to_vec() },
        format,
    ))
}

/// The PKCS#8 `PrivateKeyInfo` DER of an X25519 private key (RFC 8410 section 7).
pub(super) fn pkcs8(d: &[u8]) -> Vec<u8> {
    let curve_private = Zeroizing::new(der::write(tag::OCTET_STRING, d));
    let mut body = Zeroizing::new(der::write_unsigned(&[0]));
    body.extend(der::write(
        tag::SEQUENCE,
        &der::write(tag::OID, oid::X25519),
    ));
    body.extend(Zeroizing::new(der::write(tag::OCTET_STRING, &curve_private)).iter());
    der::write(tag::SEQUENCE, &body)
}

#[cfg(test)]
mod tests {
    use crate::core::b64;
    use crate::core::keys::{KeyError, KeyMaterial, load_key_bytes};
    use serde_json::json;

    /// RFC 8410 section 10.3: an X25519 private key in PKCS#8.
    const RFC8410_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";

    #[test]
    fn reads_pkcs8_spki_and_jwk_forms_consistently() {
        let key = load_key_bytes(RFC8410_PRIVATE.as_bytes()).unwrap().keys[0].clone();
        let KeyMaterial::X25519Private { d, public } = &key.material else {
            panic!("{key:?}")
        };
        assert_eq!((d.len(), public.len()), (32, 32));
        assert_eq!(key.describe(), "X25519 private key, PKCS#8 (PEM)");
        let jwk = json!({"kty":"OKP","crv":"X25519","x": b64::encode(public),"d": b64::encode(d)});
        let from_jwk = load_key_bytes(jwk.to_string().as_bytes()).unwrap();
        assert_eq!(from_jwk.keys[0].material, key.material);
        // Written back and read again: PKCS#8, SPKI and the JWK.
        let again = load_key_bytes(key.private_pem().unwrap().as_bytes()).unwrap();
        assert_eq!(again.keys[0].material, key.material);
        let spki = load_key_bytes(key.public_pem().unwrap().as_bytes()).unwrap();
        assert_eq!(spki.keys[0].material, key.public_half().material);
        let private_jwk = key.to_jwk(true).unwrap();
        assert_eq!(private_jwk["d"], jwk["d"]);
        assert_eq!(private_jwk["use"], "enc");
        assert!(!key.to_jwk(false).unwrap().contains_key("d"));
    }

    #[test]
    fn thumbprint_follows_rfc_8037() {
        // RFC 8037 appendix A.3 uses Ed25519; the same members make an X25519 thumbprint:
        // SHA-256 over {"crv":"X25519","kty":"OKP","x":"..."}.
        let x = "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08";
        let jwk = format!(r#"{{"kty":"OKP","crv":"X25519","x":"{x}"}}"#);
        let key = load_key_bytes(jwk.as_bytes()).unwrap().keys[0].clone();
        let canonical = format!(r#"{{"crv":"X25519","kty":"OKP","x":"{x}"}}"#);
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, canonical.as_bytes());
        assert_eq!(key.thumbprint(), b64::encode(digest.as_ref()));
        assert!(key.algorithms().is_empty());
    }

    #[test]
    fn mismatches_and_sizes_are_refused() {
        let jwk = json!({"kty":"OKP","crv":"X25519","x": b64::encode(&[1u8; 32]),"d": b64::encode(&[2u8; 32])});
        let err = load_key_bytes(jwk.to_string().as_bytes()).unwrap_err();
        assert_eq!(err, KeyError::X25519Mismatch);
        assert!(err.to_string().contains("do not belong together"), "{err}");
        let jwk = json!({"kty":"OKP","crv":"X25519","x":"AAAA"});
        let err = load_key_bytes(jwk.to_string().as_bytes()).unwrap_err();
        assert!(
            err.to_string().contains("32 bytes; this one has 3"),
            "{err}"
        );
    }
}
