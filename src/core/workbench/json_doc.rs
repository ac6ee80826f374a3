//! A pasted JWS JSON document (flattened or general): the editors show its first readable
//! signature, and every signature is checked with the keys in the key pane, one row each.
//! A pasted JWE JSON document is decrypted like a compact JWE, by whichever recipient the
//! key is for. Documents are read as pasted; an edit to the editors re-signs a compact token.

use super::verdict::Tone;
use super::{Lead, Workbench};
use crate::core::claims::NumericDate;
use crate::core::error::{Error, Result};
use crate::core::jwe::{self, JweJson};
use crate::core::jws_json::{self, JwsJson, SignatureResult, Verdicts};
use crate::core::token::{self, Inspection, Repair};

/// What a typed or pasted text yields: the text to keep, the repairs made, the inspection the
/// editors show, and the JSON document when it is one.
pub(super) struct Pasted {
    pub token: String,
    pub repairs: Vec<Repair>,
    pub inspection: Result<Inspection>,
    pub json: Option<JwsJson>,
    pub jwe_json: Option<JweJson>,
    pub sd: Option<crate::core::sdjwt::SdJwt>,
}

/// The inspection standing for a JWE JSON document: its first usable recipient read as the
/// compact JWE it stands for, the header being that recipient's whole JOSE header.
pub(super) fn jwe_json_inspection(doc: &JweJson) -> Result<Inspection> {
    let index = (0..doc.recipients.len())
        .find(|i| doc.parts(*i).is_ok())
        .unwrap_or(0);
    let parts = doc.parts(index).map_err(|e| Error::Shape(e.to_string()))?;
    let compact = [
        &parts.protected.text,
        &parts.encrypted_key.text,
        &parts.iv.text,
        &parts.ciphertext.text,
        &parts.tag.text,
    ]
    .map(String::as_str)
    .join(".");
    let mut insp = token::inspect(&compact)?;
    insp.form = token::Form::Jwe;
    insp.alg = crate::core::alg::HeaderAlg::from_header(&parts.header);
    insp.header = Ok(parts.header);
    insp.payload = Ok(token::Payload::Encrypted);
    Ok(insp)
}

/// Reads a paste: a JWS JSON document when it looks like JSON, else a compact token (cleaned
/// of what a paste adds; the repairs are kept).
pub(super) fn read_pasted(text: String) -> Pasted {
    if !jws_json::is_json(&text) && text.contains('~') {
        // An SD-JWT: the editors show its issuer-signed JWT.
        let (inspection, sd) = match crate::core::sdjwt::SdJwt::parse(&text) {
            Ok(sd) => (Ok(sd.issuer.clone()), Some(sd)),
            Err(e) => (Err(Error::Shape(e.to_string())), None),
        };
        return Pasted {
            token: text,
            repairs: Vec::new(),
            inspection,
            json: None,
            jwe_json: None,
            sd,
        };
    }
    if !jws_json::is_json(&text) {
        let (clean, repairs, inspection) = token::inspect_clean(&text);
        let token = if repairs.is_empty() { text } else { clean };
        return Pasted {
            token,
            repairs,
            inspection,
            json: None,
            jwe_json: None,
            sd: None,
        };
    }
    if text.contains("\"ciphertext\"") {
        // A JWE in the JSON serialization (RFC 7516 section 7.2).
        let (inspection, jwe_json) = match jwe::read_json(&text) {
            Ok(doc) => (jwe_json_inspection(&doc), Some(doc)),
            Err(e) => (Err(Error::Shape(e.to_string())), None),
        };
        return Pasted {
            token: text,
            repairs: Vec::new(),
            inspection,
            json: None,
            jwe_json,
            sd: None,
        };
    }
    let (inspection, json) = match jws_json::parse(&text) {
        Ok(doc) => {
            let first = doc
                .signatures
                .iter()
                .find_map(|s| s.inspection.as_ref().ok().cloned());
            let inspection = first.ok_or_else(|| {
                let why = doc
                    .signatures
                    .first()
                    .and_then(|s| s.inspection.as_ref().err())
                    .map(ToString::to_string)
                    .unwrap_or_default();
                Error::Shape(format!(
                    "no signature of the JSON document can be read: {why}"
                ))
            });
            (inspection, Some(doc))
        }
        Err(e) => (Err(Error::Shape(e.to_string())), None),
    };
    Pasted {
        token: text,
        repairs: Vec::new(),
        inspection,
        json,
        jwe_json: None,
        sd: None,
    }
}

impl Workbench {
    /// The pasted JWS JSON document, while the token leads.
    pub fn json_document(&self) -> Option<&JwsJson> {
        self.json.as_ref().filter(|_| self.lead == Lead::Token)
    }

    /// The pasted JWE JSON document, while the token leads.
    pub fn jwe_json(&self) -> Option<&JweJson> {
        self.jwe_json.as_ref().filter(|_| self.lead == Lead::Token)
    }

    /// Every signature's verdict with the claims judged at the document's clock (given the
    /// real clock `now`); `None` unless a JSON document is shown.
    pub fn json_verdicts(&self, now: NumericDate) -> Option<Verdicts> {
        let doc = self.json_document()?;
        Some(jws_json::with_claims(
            doc,
            &self.json_checks,
            &self.policy,
            self.at(now),
        ))
    }

    /// Re-checks each signature of the JSON document with the keys in the key pane.
    pub(super) fn refresh_json_checks(&mut self) {
        if self.json_document().is_none() {
            self.json_checks.clear();
            return;
        }
        let keys = self.verifying_keys();
        let policy = self.policy.clone();
        self.json_checks = self
            .json
            .as_ref()
            .map(|doc| jws_json::check_signatures(doc, &keys, &policy))
            .unwrap_or_default();
    }

    /// The headline for a JSON document: valid when every signature a key fits verified
    /// (claims included) and one at least did.
    pub(super) fn json_headline(&self, now: NumericDate) -> Option<(Tone, String, String)> {
        let v = self.json_verdicts(now)?;
        let n = v.results.len();
        let valid = v.results.iter().filter(|r| r.valid()).count();
        let others: Vec<String> = v
            .results
            .iter()
            .filter(|r| !r.fitted())
            .map(|r| format!("[{}] {}", r.index, r.status()))
            .collect();
        let rest = if others.is_empty() {
            String::new()
        } else {
            format!(" Not judged: {}.", others.join(", "))
        };
        if v.accepted(false) {
            return Some((
                Tone::Good,
                format!("✔ Valid: {valid} of {n} signatures verified"),
                format!("Every signature a key fits verified and the claims passed.{rest}"),
            ));
        }
        if v.none_fitted() {
            return Some((
                Tone::Warn,
                format!("Not verified: no key fits any of the {n} signatures"),
                format!("Give the key of at least one signer (a JWKS holds several).{rest}"),
            ));
        }
        let failed: Option<&SignatureResult> = v.results.iter().find(|r| r.fitted() && !r.valid());
        let (title, detail) = match failed {
            Some(r) => (
                format!("× Invalid: signature [{}] {}", r.index, r.status()),
                format!("{}.{rest}", r.detail()),
            ),
            None => ("× Invalid".to_string(), rest),
        };
        Some((Tone::Bad, title, detail))
    }
}
