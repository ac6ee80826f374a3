//! The key a token carries in its own header (`jwk`, or the first certificate of `x5c`), as
//! key text the key pane can load. Never used on its own: a token that brings its own key
//! proves nothing (anyone can sign with a key they made); the window loads it only when the
//! user asks, and the finding that says so stays on screen.

use super::pem_encode;
use crate::core::b64;
use serde_json::{Map, Value};

/// The key text a token's header carries and where it came from (`"jwk"` or `"x5c"`): a
/// JWK's JSON, or the first `x5c` certificate as PEM. `None` when there is none or it is not
/// readable.
pub fn embedded_key_text(header: &Map<String, Value>) -> Option<(String, &'static str)> {
    if let Some(Value::Object(jwk)) = header.get("jwk") {
        return Some((Value::Object(jwk.clone()).to_string(), "jwk"));
    }
    let first = header.get("x5c")?.as_array()?.first()?.as_str()?;
    // x5c holds standard base64 (not base64url) DER, RFC 7515 section 4.1.6.
    let der = b64::decode_lenient(first).ok()?;
    Some((pem_encode("CERTIFICATE", &der), "x5c"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwk_and_x5c_become_loadable_key_text() {
        let h = crate::core::json::parse_object(
            "h",
            r#"{"alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}"#,
        )
        .unwrap();
        let (text, from) = embedded_key_text(&h).unwrap();
        assert_eq!(from, "jwk");
        assert!(super::super::load_key_bytes(text.as_bytes()).is_ok());
        let h = crate::core::json::parse_object("h", r#"{"alg":"RS256","x5c":["MIIB"]}"#).unwrap();
        let (text, from) = embedded_key_text(&h).unwrap();
        assert_eq!(from, "x5c");
        assert!(text.starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(
            embedded_key_text(&crate::core::json::parse_object("h", r#"{"alg":"RS256"}"#).unwrap())
                .is_none()
        );
    }
}
