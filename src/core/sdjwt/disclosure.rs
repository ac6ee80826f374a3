//! One disclosure: its base64url text as sent, what it decodes to, and its digest
//! (RFC 9901 sections 4.2.1 to 4.2.3).

use super::{DisclosureError, SdAlg};
use crate::core::{b64, json, strict, text};
use serde_json::Value;

/// What a disclosure says: `[salt, name, value]` for an object property, `[salt, value]` for
/// an array element.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// The salt.
    pub salt: String,
    /// The claim name; `None` for an array element.
    pub name: Option<String>,
    /// The claim value or array element.
    pub value: Value,
}

/// A disclosure as it travels, decoded as far as it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure {
    /// Its 1-based position among the disclosures of the SD-JWT.
    pub index: usize,
    /// The base64url text, exactly as sent (the digest is taken over it).
    pub text: String,
    /// The digest of `text` under the SD-JWT's `_sd_alg`, base64url.
    pub digest: String,
    /// The decoded array, or why it cannot be read.
    pub content: Result<Content, DisclosureError>,
    /// About how many JSON values it holds (for the reading limit).
    pub(crate) values: usize,
}

impl Disclosure {
    /// Reads the disclosure `text` at 1-based position `index`, its digest taken with `alg`.
    pub fn read(index: usize, text: &str, alg: SdAlg) -> Disclosure {
        let (content, values) = decode(text);
        Disclosure {
            index,
            text: text.to_string(),
            digest: alg.digest(text),
            content,
            values,
        }
    }

    /// A disclosure for an object property, `[salt, name, value]` as compact JSON.
    pub fn property(salt: &str, name: &str, value: &Value, alg: SdAlg) -> Disclosure {
        let array = Value::Array(vec![salt.into(), name.into(), value.clone()]);
        Disclosure::encoded(&array, alg)
    }

    /// A disclosure for an array element, `[salt, value]` as compact JSON.
    pub fn element(salt: &str, value: &Value, alg: SdAlg) -> Disclosure {
        let array = Value::Array(vec![salt.into(), value.clone()]);
        Disclosure::encoded(&array, alg)
    }

    fn encoded(array: &Value, alg: SdAlg) -> Disclosure {
        Disclosure::read(0, &b64::encode(array.to_string().as_bytes()), alg)
    }

    /// The claim name, when the disclosure reads and has one.
    pub fn name(&self) -> Option<&str> {
        self.content.as_ref().ok().and_then(|c| c.name.as_deref())
    }

    /// How messages name it: `disclosure 3 ("email", WyJlbHVW…)`.
    pub fn label(&self) -> String {
        let what = match &self.content {
            Ok(Content { name: Some(n), .. }) => format!("\"{}\"", text::clip(n, 40)),
            Ok(Content { name: None, .. }) => "an array element".to_string(),
            Err(_) => "unreadable".to_string(),
        };
        format!(
            "disclosure {} ({what}, {})",
            self.index,
            text::clip(&self.text, 12)
        )
    }

    /// The decoded JSON array as compact text (what the table shows), or the error.
    pub fn decoded_text(&self) -> Result<String, &DisclosureError> {
        let c = self.content.as_ref()?;
        let mut items: Vec<Value> = vec![c.salt.clone().into()];
        if let Some(n) = &c.name {
            items.push(n.clone().into());
        }
        items.push(c.value.clone());
        Ok(Value::Array(items).to_string())
    }
}

fn decode(text: &str) -> (Result<Content, DisclosureError>, usize) {
    let bytes = match b64::decode_strict(text) {
        Ok(b) => b,
        Err(e) => return (Err(DisclosureError::Base64(e)), 0),
    };
    let values = json::value_count(&bytes);
    let json_text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return (Err(DisclosureError::Utf8(e.utf8_error().valid_up_to())), 0),
    };
    // Counted here, refused for the whole SD-JWT by the caller: one huge disclosure is read
    // no further than its count.
    if values > json::MAX_VALUES {
        return (
            Err(DisclosureError::Json(format!(
                "holds about {values} JSON values; at most {} are read",
                json::MAX_VALUES
            ))),
            values,
        );
    }
    let parsed = json::parse_value("the disclosure", &json_text)
        .and_then(|v| strict::check_unique("the disclosure", &json_text).map(|()| v));
    let items = match parsed {
        Ok(Value::Array(items)) => items,
        Ok(other) => {
            return (
                Err(DisclosureError::NotArray(json::kind_name(&other))),
                values,
            );
        }
        Err(e) => return (Err(DisclosureError::Json(e.to_string())), values),
    };
    (content_of(items), values)
}

fn content_of(items: Vec<Value>) -> Result<Content, DisclosureError> {
    let n = items.len();
    let mut it = items.into_iter();
    let (salt, name, value) = match (n, it.next(), it.next(), it.next()) {
        (2, Some(s), Some(v), None) => (s, None, v),
        (3, Some(s), Some(name), Some(v)) => (s, Some(name), v),
        _ => return Err(DisclosureError::Length(n)),
    };
    let Value::String(salt) = salt else {
        return Err(DisclosureError::Salt(json::kind_name(&salt)));
    };
    let name = match name {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => return Err(DisclosureError::Name(json::kind_name(&other))),
    };
    Ok(Content { salt, name, value })
}
