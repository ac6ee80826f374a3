//! Export bundles: the files (name, text, owner-only or not) for saving or copying a key, the
//! same for the window's Export menu and the command line's `keygen`.

use super::{Key, KeyError, KeyMaterial, public_jwks};
use crate::core::alg::JwsAlg;
use crate::core::b64;
use serde_json::Value;

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// What it is, for a dialog title ("Save public JWK").
    pub title: &'static str,
    /// Suggested file name.
    pub name: String,
    /// The text.
    pub contents: String,
    /// Secret material: write it readable only by the owner.
    pub private: bool,
}

/// The forms a key can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// SubjectPublicKeyInfo PEM.
    PublicPem,
    /// A public JWK.
    PublicJwk,
    /// A public-only JWKS of the whole set (or of the one key).
    PublicJwks,
    /// PKCS#8 PEM.
    PrivatePem,
    /// A private JWK (or an `oct` JWK for a secret).
    PrivateJwk,
}

/// The key with its kid defaulted to the RFC 7638 thumbprint.
pub fn with_kid(key: &Key) -> Key {
    let mut k = key.clone();
    if k.kid.is_none() {
        k.kid = Some(k.thumbprint());
    }
    k
}

/// A JWK as pretty JSON text with a final newline.
pub fn jwk_text(key: &Key, private: bool, alg: Option<JwsAlg>) -> Result<String, KeyError> {
    let mut m = key.to_jwk(private)?;
    if let Some(alg) = alg {
        m.insert("alg".into(), alg.name().into());
    }
    Ok(serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default() + "\n")
}

/// One export of `key` (the signing key for private forms, the verifying key for public
/// ones); `set` is the whole JWKS when the key came from one.
pub fn export(
    kind: ExportKind,
    key: &Key,
    set: Option<&[Key]>,
    alg: JwsAlg,
) -> Result<ExportFile, KeyError> {
    let key = with_kid(key);
    let stem = alg.name().to_ascii_lowercase();
    Ok(match kind {
        ExportKind::PublicPem => ExportFile {
            title: "Save public key",
            name: format!("{stem}.pub.pem"),
            contents: key.public_pem()?,
            private: false,
        },
        ExportKind::PublicJwk => ExportFile {
            title: "Save public JWK",
            name: format!("{stem}.pub.jwk.json"),
            contents: jwk_text(&key, false, None)?,
            private: false,
        },
        ExportKind::PublicJwks => {
            let one = [key.clone()];
            let jwks = public_jwks(set.unwrap_or(&one));
            if jwks
                .get("keys")
                .and_then(Value::as_array)
                .is_none_or(|a| a.is_empty())
            {
                return Err(KeyError::NoPublicPart);
            }
            ExportFile {
                title: "Save public JWKS",
                name: "jwks.json".into(),
                contents: serde_json::to_string_pretty(&jwks).unwrap_or_default() + "\n",
                private: false,
            }
        }
        ExportKind::PrivatePem => ExportFile {
            title: "Save private key",
            name: format!("{stem}.key.pem"),
            contents: key.private_pem()?,
            private: true,
        },
        ExportKind::PrivateJwk => ExportFile {
            title: "Save private key",
            name: format!("{stem}.jwk.json"),
            contents: jwk_text(&key, true, None)?,
            private: true,
        },
    })
}

/// What `keygen` writes for a new key: for a secret, the base64url secret and its JWK (both
/// owner-only); otherwise the PKCS#8 private key (owner-only), the SPKI public key and the
/// public JWK; for ML-DSA also the private AKP JWK (owner-only), the form RFC 9964 defines.
/// Each JWK carries `alg`.
pub fn keygen_files(key: &Key, alg: JwsAlg) -> Result<Vec<(ExportFile, &'static str)>, KeyError> {
    let stem = alg.name().to_ascii_lowercase();
    Ok(if let KeyMaterial::Secret(bytes) = &key.material {
        vec![
            (
                ExportFile {
                    title: "secret",
                    name: format!("{stem}.secret"),
                    contents: format!("{}\n", b64::encode(bytes)),
                    private: true,
                },
                "secret, base64url (use --secret b64:$(cat FILE))",
            ),
            (
                ExportFile {
                    title: "secret JWK",
                    name: format!("{stem}.jwk.json"),
                    contents: jwk_text(key, true, Some(alg))?,
                    private: true,
                },
                "secret JWK",
            ),
        ]
    } else {
        let mut files = vec![
            (
                ExportFile {
                    title: "private key",
                    name: format!("{stem}.key.pem"),
                    contents: key.private_pem()?,
                    private: true,
                },
                "private key, PKCS#8 PEM (owner-only)",
            ),
            (
                ExportFile {
                    title: "public key",
                    name: format!("{stem}.pub.pem"),
                    contents: key.public_pem()?,
                    private: false,
                },
                "public key, SPKI PEM",
            ),
            (
                ExportFile {
                    title: "public JWK",
                    name: format!("{stem}.pub.jwk.json"),
                    contents: jwk_text(key, false, Some(alg))?,
                    private: false,
                },
                "public JWK",
            ),
        ];
        if let KeyMaterial::MlDsaPrivate { .. } = &key.material {
            files.insert(
                1,
                (
                    ExportFile {
                        title: "private JWK",
                        name: format!("{stem}.jwk.json"),
                        contents: jwk_text(key, true, Some(alg))?,
                        private: true,
                    },
                    "private AKP JWK, priv = the 32-byte seed (owner-only)",
                ),
            );
        }
        files
    })
}
