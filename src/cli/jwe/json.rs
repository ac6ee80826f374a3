//! `decrypt` of a JWE JSON document (flattened or general): the key picked from a JWKS by
//! the recipients' kids, the recipient picked by the key's kid or tried in turn, and what
//! the report adds: which recipient decrypted, each header apart (only `protected` is
//! integrity-protected) and the `aad`.

use super::decrypt::{key_len, report};
use super::show::{JsonView, plaintext_value};
use super::{Loaded, load_jwe_key, note_header_findings};
use crate::cli::{CliResult, DecryptArgs, say};
use crate::core::jwe::{self, JsonForm, Limits, Pick};
use serde_json::{Map, Value, json};

/// `decrypt` for a JWE JSON document; exit codes as for a compact JWE.
pub(super) fn decrypt_json(args: &DecryptArgs, text: &str, limits: &Limits, now: i64) -> CliResult {
    let doc = jwe::read_json(text)?;
    let kids: Vec<&str> = (0..doc.recipients.len())
        .filter_map(|i| doc.kid(i))
        .collect();
    let Loaded { key, .. } = load_jwe_key(&args.key, &kids, true)?;
    let result = match doc.decrypt(&key, limits) {
        Ok(r) => r,
        Err(e) => {
            note_header_findings((0..doc.recipients.len()).map(|i| doc.joined(i)));
            return Err(e.into());
        }
    };
    let view = JsonView {
        doc: &doc,
        result: &result,
    };
    report(args, &result.decrypted, key_len(&key), Some(&view), now)
}

impl JsonView<'_> {
    /// "JWE JSON serialization (general, 2 recipients): recipients[1] (kid "ec-enc1",
    /// ECDH-ES+A256KW) decrypted, picked by the key's kid".
    fn headline(&self) -> String {
        let d = &self.result.decrypted;
        let kid = d
            .parts
            .header_str("kid")
            .map(|k| format!("kid \"{k}\", "))
            .unwrap_or_default();
        let who = format!("({kid}{})", d.parts.alg);
        let count = self.doc.recipients.len();
        if self.doc.form == JsonForm::Flattened {
            return format!("JWE JSON serialization (flattened): one recipient {who}");
        }
        let how = match self.result.pick {
            Pick::Kid => "picked by the key's kid".to_string(),
            Pick::Tried => format!(
                "found by trying each recipient in turn ({} tried)",
                self.result.refused.len() + 1
            ),
        };
        let index = self.result.recipient;
        let plural = if count == 1 { "" } else { "s" };
        format!(
            "JWE JSON serialization (general, {count} recipient{plural}): recipients[{index}] {who} decrypted, {how}"
        )
    }

    /// The members `decrypt --json` adds for a JSON document.
    pub(super) fn json_members(&self) -> Map<String, Value> {
        let r = self.doc.recipients.get(self.result.recipient);
        let refused: Vec<Value> = self
            .result
            .refused
            .iter()
            .map(|(i, e)| json!({"index": i, "error": e.to_string()}))
            .collect();
        let pick = match self.result.pick {
            Pick::Kid => "kid",
            Pick::Tried => "tried",
        };
        let object = |m: Option<&Map<String, Value>>| m.cloned().map_or(Value::Null, Value::Object);
        let mut out = Map::new();
        out.insert("serialization".into(), self.doc.form.name().into());
        out.insert("recipients".into(), self.doc.recipients.len().into());
        out.insert(
            "recipient".into(),
            json!({
                "index": self.result.recipient,
                "kid": self.doc.kid(self.result.recipient),
                "alg": self.result.decrypted.parts.alg.name(),
                "picked_by": pick,
                "refused_before": refused,
            }),
        );
        let protected = (!self.doc.protected.text.is_empty()).then_some(&self.doc.protected_header);
        out.insert("protected_header".into(), object(protected));
        out.insert(
            "unprotected_header".into(),
            object(self.doc.unprotected.as_ref()),
        );
        out.insert(
            "recipient_header".into(),
            object(r.and_then(|r| r.header.as_ref())),
        );
        let aad = self.doc.aad.as_ref().map_or(Value::Null, |a| {
            let (value, encoding) = plaintext_value(&a.bytes);
            json!({"base64url": a.text, "value": value, "encoding": encoding})
        });
        out.insert("aad".into(), aad);
        out
    }

    /// The text `decrypt` shows in place of the compact form's protected header.
    pub(super) fn print_headers(&self) {
        say!("{}", self.headline());
        for (i, e) in &self.result.refused {
            say!("  recipients[{i}] tried first: {e}");
        }
        if self.doc.recipients.len() > 1 {
            say!(
                "  note: every recipient holds the content encryption key, so any of them could have written this content for the others: JWE does not say who wrote it"
            );
        }
        let show = |title: &str, header: Option<&Map<String, Value>>| {
            if let Some(h) = header {
                let text = Value::Object(h.clone()).to_string();
                let pretty = crate::cli::show::pretty_bytes("header", text.as_bytes());
                say!("\n{title}\n{pretty}");
            }
        };
        if self.doc.protected.text.is_empty() {
            say!("\nProtected header: none (nothing in the headers is integrity-protected)");
        } else {
            let bytes = &self.doc.protected.bytes;
            let pretty = crate::cli::show::pretty_bytes("header", bytes);
            say!("\nProtected header\n{pretty}");
        }
        show(
            "Shared unprotected header (not integrity-protected)",
            self.doc.unprotected.as_ref(),
        );
        let own = self
            .doc
            .recipients
            .get(self.result.recipient)
            .and_then(|r| r.header.as_ref());
        show("Recipient header (not integrity-protected)", own);
        if let Some(aad) = &self.doc.aad {
            let len = aad.bytes.len();
            let shown = match plaintext_value(&aad.bytes) {
                (Value::String(s), _) => s,
                (v, _) => v.to_string(),
            };
            say!(
                "\nAdditional authenticated data (aad: authenticated, not encrypted; {len} bytes)\n{shown}"
            );
        }
        say!("");
    }
}
