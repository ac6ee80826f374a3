//! Taking `JWT~D1~…~Dn~[KB-JWT]` apart (RFC 9901 section 4): the issuer-signed JWT, each
//! disclosure with its digest, the KB-JWT, and the exact text `sd_hash` covers.

use super::{Disclosure, SdAlg, SdJwtError};
use crate::core::token::{self, Form, Inspection, MAX_TOKEN};
use crate::core::{json, text};
use serde_json::{Map, Value};

/// An SD-JWT or SD-JWT+KB taken apart. Nothing here is verified: see [`super::verify`].
#[derive(Debug, Clone)]
pub struct SdJwt {
    /// The whole presentation as read (outer whitespace and line breaks removed).
    pub text: String,
    /// True when whitespace inside the text was removed (a copy with line breaks).
    pub whitespace_removed: bool,
    /// The issuer-signed JWT, inspected.
    pub issuer: Inspection,
    /// The issuer-signed payload as it is, `_sd` arrays and all.
    pub payload: Map<String, Value>,
    /// The hash of `_sd_alg` (sha-256 when absent).
    pub sd_alg: SdAlg,
    /// True when the payload names `_sd_alg`.
    pub sd_alg_named: bool,
    /// The disclosures, in the order sent.
    pub disclosures: Vec<Disclosure>,
    /// The KB-JWT (SD-JWT+KB), inspected.
    pub kb: Option<Inspection>,
    /// Byte length of the SD-JWT part: up to and including the last `~`.
    sd_len: usize,
}

impl SdJwt {
    /// Reads `input`: an SD-JWT (ends with `~`) or an SD-JWT+KB (ends with a KB-JWT). Errors
    /// say what is wrong with the shape; what is wrong inside a disclosure stays in its row.
    pub fn parse(input: &str) -> Result<SdJwt, SdJwtError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(SdJwtError::Empty);
        }
        if trimmed.len() > MAX_TOKEN {
            return Err(SdJwtError::TooLarge {
                len: trimmed.len(),
                limit: MAX_TOKEN,
            });
        }
        let whitespace_removed = trimmed.bytes().any(|b| b.is_ascii_whitespace());
        let text: String = if whitespace_removed {
            trimmed
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect()
        } else {
            trimmed.to_string()
        };
        if let Some((i, c)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
        {
            return Err(SdJwtError::BadCharacter {
                position: i + 1,
                shown: text::clip(&c.to_string(), 1),
            });
        }
        let Some(last_tilde) = text.rfind('~') else {
            let hint = if text.matches('.').count() == 2 {
                ". This looks like a plain JWT: an SD-JWT without disclosures is JWT~"
            } else {
                ""
            };
            return Err(SdJwtError::NoTilde { hint });
        };
        let parts: Vec<&str> = text.split('~').collect();
        let (issuer_text, rest) = parts.split_first().ok_or(SdJwtError::Empty)?;
        let (last, middle) = rest.split_last().ok_or(SdJwtError::Empty)?;
        if let Some(i) = middle.iter().position(|d| d.is_empty()) {
            return Err(SdJwtError::EmptyPart { position: i + 2 });
        }
        if issuer_text.is_empty() {
            return Err(SdJwtError::EmptyPart { position: 1 });
        }
        if !last.is_empty() && !last.contains('.') {
            return Err(SdJwtError::NotTerminated {
                last: text::clip(last, 24),
            });
        }
        let (issuer, payload) = issuer_jwt(issuer_text)?;
        let (sd_alg, sd_alg_named) = SdAlg::of_payload(&payload)?;
        let disclosures: Vec<Disclosure> = middle
            .iter()
            .enumerate()
            .map(|(i, d)| Disclosure::read(i + 1, d, sd_alg))
            .collect();
        let values: usize = disclosures.iter().map(|d| d.values).sum();
        if values > json::MAX_VALUES {
            return Err(SdJwtError::TooManyValues {
                count: values,
                limit: json::MAX_VALUES,
            });
        }
        let kb = if last.is_empty() {
            None
        } else {
            Some(kb_jwt(last)?)
        };
        Ok(SdJwt {
            sd_len: last_tilde + 1,
            text,
            whitespace_removed,
            issuer,
            payload,
            sd_alg,
            sd_alg_named,
            disclosures,
            kb,
        })
    }

    /// The issuer-signed JWT's text (before the first `~`).
    pub fn issuer_jwt(&self) -> &str {
        let end = self.text.find('~').unwrap_or(self.text.len());
        self.text.get(..end).unwrap_or("")
    }

    /// What `sd_hash` covers, byte for byte: the issuer-signed JWT, `~`, and each disclosure
    /// sent followed by `~` (RFC 9901 section 4.3.1). It always ends with `~`.
    pub fn sd_hash_input(&self) -> &str {
        self.text.get(..self.sd_len).unwrap_or("")
    }

    /// The `sd_hash` this presentation must carry: the `_sd_alg` digest of
    /// [`SdJwt::sd_hash_input`].
    pub fn sd_hash(&self) -> String {
        self.sd_alg.digest(self.sd_hash_input())
    }

    /// The KB-JWT's text, when there is one.
    pub fn kb_text(&self) -> Option<&str> {
        self.kb
            .as_ref()
            .map(|_| self.text.get(self.sd_len..).unwrap_or(""))
    }

    /// "SD-JWT+KB" or "SD-JWT".
    pub fn kind(&self) -> &'static str {
        if self.kb.is_some() {
            "SD-JWT+KB"
        } else {
            "SD-JWT"
        }
    }
}

fn issuer_jwt(text: &str) -> Result<(Inspection, Map<String, Value>), SdJwtError> {
    let insp =
        token::inspect(text).map_err(|e| SdJwtError::IssuerJwt(format!("is not a JWT: {e}")))?;
    if insp.form == Form::Jwe {
        return Err(SdJwtError::IssuerJwt(
            "is an encrypted token (JWE, 5 segments); an SD-JWT's is a signed JWT (JWS)".into(),
        ));
    }
    if let Err(e) = &insp.header {
        return Err(SdJwtError::IssuerJwt(format!(
            "has a header that cannot be read: {e}"
        )));
    }
    let payload = match &insp.payload {
        Ok(token::Payload::Claims(m)) => m.clone(),
        Ok(other) => {
            return Err(SdJwtError::IssuerJwt(format!(
                "carries no claims: {}",
                other.explain().unwrap_or_default()
            )));
        }
        Err(e) => {
            return Err(SdJwtError::IssuerJwt(format!(
                "has a payload that cannot be read: {e}"
            )));
        }
    };
    Ok((insp, payload))
}

fn kb_jwt(text: &str) -> Result<Inspection, SdJwtError> {
    let insp = token::inspect(text).map_err(|e| SdJwtError::KbJwt(format!("is not a JWT: {e}")))?;
    if insp.form == Form::Jwe {
        return Err(SdJwtError::KbJwt(
            "is an encrypted token (JWE); a KB-JWT is a signed JWT (RFC 9901 section 4.3)".into(),
        ));
    }
    Ok(insp)
}
