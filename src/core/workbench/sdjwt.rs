//! A pasted SD-JWT (RFC 9901) in the document: read once per paste into the disclosure table,
//! the undisclosed digests, the rebuilt claims and the KB-JWT; verified at the document's
//! clock with the key pane's key, its numbered steps joining the report's checks. Text from
//! the token is escaped here, so the panes draw it as it is.

use super::Workbench;
use crate::core::claims::NumericDate;
use crate::core::sdjwt::{self, HolderBinding, Processed, SdJwt, SdPolicy, SdReport, Slot};
use crate::core::text::{escape, escape_lines};
use serde_json::Value;

/// What a disclosure became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowState {
    /// Its digest is embedded and its claim landed in the rebuilt claims.
    Placed,
    /// No digest the issuer signed (or a disclosure it signed) names it.
    Unreferenced,
    /// It does not decode to a disclosure array.
    Unreadable,
}

/// One row of the disclosure table, escaped for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureRow {
    /// The 1-based index of the disclosure in the SD-JWT.
    pub index: usize,
    /// The disclosure as sent (base64url).
    pub text: String,
    /// The decoded array, `[salt, name, value]` or `[salt, value]`, or why it does not read.
    pub decoded: String,
    /// Its digest with the SD-JWT's `_sd_alg`, base64url.
    pub digest: String,
    /// The JSON pointer where its claim lands in the rebuilt claims.
    pub pointer: Option<String>,
    /// The disclosure whose value carries its digest (recursive disclosure), 1-based.
    pub inside: Option<usize>,
    /// What it became.
    pub state: RowState,
}

/// An embedded digest no disclosure matches: a decoy, or a claim the holder did not disclose
/// (by design the two cannot be told apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndisclosedRow {
    /// The digest, base64url.
    pub digest: String,
    /// Where it sits: `/address _sd`, `/nationalities [1]`.
    pub at: String,
}

/// A pasted SD-JWT, read.
#[derive(Debug, Clone)]
pub struct SdDoc {
    /// The parts.
    pub sd: SdJwt,
    /// The rebuilt claims and the digest-by-digest record.
    pub processed: Processed,
    /// The disclosure table.
    pub rows: Vec<DisclosureRow>,
    /// The digests with no disclosure.
    pub undisclosed: Vec<UndisclosedRow>,
    /// The rebuilt claims, pretty-printed and escaped.
    pub claims: String,
    /// The KB-JWT's header and payload, pretty-printed and escaped, when there is one.
    pub kb: Option<(String, String)>,
    /// What `sd_hash` covers, escaped (it ends with `~`).
    pub sd_hash_input: String,
    /// The `sd_hash` computed over it, and the one the KB-JWT claims.
    pub sd_hash: (String, Option<String>),
}

fn pretty(v: &Value) -> String {
    escape_lines(&serde_json::to_string_pretty(v).unwrap_or_default()).into_owned()
}

impl SdDoc {
    /// Reads `sd`: processes it and lays out the table.
    pub fn read(sd: SdJwt) -> SdDoc {
        let processed = sdjwt::process(&sd);
        let rows = sd
            .disclosures
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let pointer = processed.placed.get(i).cloned().flatten();
                let state = match (&d.content, &pointer) {
                    (Err(_), _) => RowState::Unreadable,
                    (Ok(_), Some(_)) => RowState::Placed,
                    (Ok(_), None) => RowState::Unreferenced,
                };
                DisclosureRow {
                    index: d.index,
                    text: escape(&d.text).into_owned(),
                    decoded: match d.decoded_text() {
                        Ok(t) => escape(&t).into_owned(),
                        Err(e) => format!("does not read: {e}"),
                    },
                    digest: d.digest.clone(),
                    pointer: pointer.map(|p| escape(&p).into_owned()),
                    inside: processed.parent.get(i).copied().flatten(),
                    state,
                }
            })
            .collect();
        let undisclosed = processed
            .undisclosed()
            .map(|e| UndisclosedRow {
                digest: escape(&e.digest).into_owned(),
                at: format!(
                    "{} {}",
                    if e.container.is_empty() {
                        "/"
                    } else {
                        &e.container
                    },
                    match e.slot {
                        Slot::Sd => "_sd".to_string(),
                        Slot::Element(j) => format!("[{j}]"),
                    }
                ),
            })
            .collect();
        let kb = sd.kb.as_ref().map(|kb| {
            let header = kb.header.as_ref().map_or(Value::Null, |h| h.clone().into());
            let claims = kb.claims().map_or(Value::Null, |c| c.clone().into());
            (pretty(&header), pretty(&claims))
        });
        let claimed = sd
            .kb
            .as_ref()
            .and_then(|kb| kb.claims())
            .and_then(|c| c.get("sd_hash"))
            .map(|v| escape(&v.as_str().map_or_else(|| v.to_string(), str::to_string)).into());
        SdDoc {
            claims: pretty(&Value::Object(processed.claims.clone())),
            sd_hash_input: escape(sd.sd_hash_input()).into_owned(),
            sd_hash: (sd.sd_hash(), claimed),
            kb,
            rows,
            undisclosed,
            processed,
            sd,
        }
    }
}

impl Workbench {
    /// The SD-JWT the token is: pasted, or re-signed from the editors with its disclosures.
    pub fn sd_jwt(&self) -> Option<&SdDoc> {
        self.sd.as_deref()
    }

    /// After the editors signed `jwt` in place of an SD-JWT's issuer JWT: the same disclosures
    /// follow it when its claims still place one of them (edits keep the `_sd` digests), as
    /// `JWT~D1~…~Dn~`; the KB-JWT does not (its `sd_hash` covered the old JWT). `None` when
    /// there was no SD-JWT, or the new claims place none of its disclosures (a new document:
    /// a template, say): the token is then the plain JWT.
    pub(super) fn resign_sd(&mut self, jwt: &str) -> Option<String> {
        let old = self.sd.take()?;
        let mut text = format!("{jwt}~");
        for d in &old.sd.disclosures {
            text.push_str(&d.text);
            text.push('~');
        }
        let doc = SdDoc::read(SdJwt::parse(&text).ok()?);
        if !doc.rows.iter().any(|r| r.state == RowState::Placed) {
            return None;
        }
        self.sd = Some(Box::new(doc));
        Some(text)
    }

    /// The SD-JWT verified at the document's clock (given the real clock `now`) with the key
    /// pane's key: the Expected audience is the verifier (the KB-JWT's `aud`), the Context's
    /// nonce the transaction's; key binding required unless the Context makes it optional.
    pub fn sd_report(&self, now: NumericDate) -> Option<SdReport> {
        let doc = self.sd_jwt()?;
        let policy = SdPolicy {
            binding: if self.profile_inputs.kb_optional {
                HolderBinding::Optional
            } else {
                HolderBinding::Required
            },
            aud: self.policy.aud.clone(),
            nonce: self.profile_inputs.nonce.clone(),
            leeway: self.policy.leeway,
            algorithms: vec![self.alg],
            ..SdPolicy::default()
        };
        // The issuer key: the pane's, else the leaf of an x5c chain that validates to a pinned
        // root (the same key the report's signature check used).
        let x5c = self.x5c_key(now);
        let key = self.verify_key().ok().or(x5c.as_ref());
        Some(sdjwt::verify(&doc.sd, key, &policy, self.at(now)))
    }
}
