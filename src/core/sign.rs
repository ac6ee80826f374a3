//! Signing: header JSON text + payload JSON text + key -> compact token, carrying the user's
//! JSON exactly (key order, custom header members, number spelling).

use super::alg::{HeaderAlg, JwsAlg};
use super::b64;
use super::error::{Error, Result};
use super::json;
use super::keys::{self, Key};
use std::borrow::Cow;

/// How the JSON text goes into the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Whitespace outside strings removed (the default, as every JWT library does).
    #[default]
    Minified,
    /// The bytes exactly as typed, whitespace and newlines included.
    AsTyped,
}

/// Reads the algorithm a header asks for; refuses `none` and unknown names.
pub fn header_alg(header_text: &str) -> Result<JwsAlg> {
    let header = json::parse_object("header", header_text)?;
    match HeaderAlg::from_header(&header) {
        HeaderAlg::Known(a) => Ok(a),
        HeaderAlg::None(s) => Err(Error::Algorithm(format!(
            "refusing to sign with alg \"{s}\": an unsecured token has no signature and verifiers must reject it"
        ))),
        other => Err(Error::Algorithm(other.problem().unwrap_or_default())),
    }
}

/// Signs `payload_text` under `header_text` (whose `alg` decides the algorithm) with `key`.
pub fn sign(header_text: &str, payload_text: &str, key: &Key, layout: Layout) -> Result<String> {
    let alg = header_alg(header_text)?;
    json::parse_object("payload", payload_text)?;
    let (h, p) = match layout {
        Layout::Minified => (
            json::minify("header", header_text)?,
            json::minify("payload", payload_text)?,
        ),
        Layout::AsTyped => (header_text.to_string(), payload_text.to_string()),
    };
    sign_encoded(&h, &p, alg, key).map(|(token, _)| token)
}

/// Signs JSON text that is already checked and laid out (the workbench parses each edit once):
/// returns the token and the raw signature.
pub fn sign_encoded(
    header_json: &str,
    payload_json: &str,
    alg: JwsAlg,
    key: &Key,
) -> Result<(String, Vec<u8>)> {
    let h = b64::encode(header_json.as_bytes());
    let p = b64::encode(payload_json.as_bytes());
    let mut token = String::with_capacity(h.len() + p.len() + 2 + 4 * key.bits() / 24 + 8);
    token.push_str(&h);
    token.push('.');
    token.push_str(&p);
    let signature = keys::sign_bytes(key, alg, token.as_bytes())?;
    token.push('.');
    token.push_str(&b64::encode(&signature));
    Ok((token, signature))
}

/// How the payload goes into the token (RFC 7797 and RFC 7515 appendix F).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PayloadForm {
    /// `b64: false`: the payload is signed (and carried) as it is, not base64url-encoded; the
    /// header must then say `"b64": false` and list `b64` in `crit`.
    pub unencoded: bool,
    /// The payload is left out of the token (`header..signature`) and travels apart.
    pub detached: bool,
}

/// Signs `payload` (bytes as they are) under `header_json` (already laid out, and saying
/// `b64: false` when `form.unencoded`) with `key`, in the compact form `form` asks for.
pub fn sign_compact(
    header_json: &str,
    payload: &[u8],
    alg: JwsAlg,
    key: &Key,
    form: PayloadForm,
) -> Result<String> {
    let h = b64::encode(header_json.as_bytes());
    let carried: Cow<[u8]> = if form.unencoded {
        // Detached, the bytes travel apart and may be anything; carried, they are the
        // token's own text and must not hold its separator.
        if !form.detached {
            let text = std::str::from_utf8(payload).map_err(|_| {
                Error::Shape(
                    "an unencoded payload (b64: false) carried in a compact token must be text; this one is not UTF-8: send it detached".into(),
                )
            })?;
            if text.contains('.') {
                return Err(Error::Shape(
                    "the payload holds a '.', which an unencoded compact token cannot carry (RFC 7797 section 5.2): send it detached".into(),
                ));
            }
        }
        Cow::Borrowed(payload)
    } else {
        Cow::Owned(b64::encode(payload).into_bytes())
    };
    let mut input = Vec::with_capacity(h.len() + 1 + carried.len());
    input.extend_from_slice(h.as_bytes());
    input.push(b'.');
    input.extend_from_slice(&carried);
    let signature = keys::sign_bytes(key, alg, &input)?;
    let middle = if form.detached {
        ""
    } else {
        // Checked above (UTF-8 when unencoded; base64url text otherwise).
        std::str::from_utf8(&carried).unwrap_or_default()
    };
    Ok(format!("{h}.{middle}.{}", b64::encode(&signature)))
}
