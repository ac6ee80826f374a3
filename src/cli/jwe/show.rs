//! How `decrypt` shows its result: the key management line, the plaintext (JSON, text or
//! hex), the nested JWT and its verification report, as text or one JSON object.

use super::decrypt::Inner;
use crate::cli::decode::{payload_json, print_decoded};
use crate::cli::say;
use crate::core::findings::Finding;
use crate::core::jwe::{Decrypted, KeyAlg, KeyStep};
use crate::core::{b64, json};
use serde_json::{Value, json};

/// What the key management step did, in a line: "RSA-OAEP unwrapped a 32-byte CEK …".
pub(super) fn key_management(d: &Decrypted) -> String {
    let alg = d.parts.alg;
    let cek = d.trace.cek.len();
    match &d.trace.key_step {
        KeyStep::Direct { key_len } => format!("dir: the {key_len}-byte key is the CEK"),
        KeyStep::AesKw { kek_len } => {
            format!("{alg} unwrapped a {cek}-byte CEK with the {kek_len}-byte key")
        }
        KeyStep::AesGcmKw { kek_len, .. } => format!(
            "{alg} decrypted a {cek}-byte CEK with the {kek_len}-byte key (AES-GCM key wrap)"
        ),
        KeyStep::Rsa { modulus_bits } => {
            format!("{alg} unwrapped a {cek}-byte CEK with the RSA {modulus_bits}-bit private key")
        }
        KeyStep::Ecdh { curve, derived, .. } if alg == KeyAlg::EcdhEs => format!(
            "ECDH-ES on {curve}: agreement with the ephemeral key (epk) and the Concat KDF gave the {}-byte CEK",
            derived.len()
        ),
        KeyStep::Ecdh { curve, derived, .. } => format!(
            "{alg} on {curve}: agreement with the ephemeral key (epk) and the Concat KDF gave a {}-byte key-wrapping key, which unwrapped a {cek}-byte CEK",
            derived.len()
        ),
        KeyStep::Pbes2 { p2c, p2s, .. } => format!(
            "{alg}, {p2c} iterations ({}-byte salt), unwrapped a {cek}-byte CEK",
            p2s.len()
        ),
    }
}

/// What the content decryption did: "A256GCM decrypted 63 bytes (zip DEF: 40 inflated to 63)".
pub(super) fn content_line(d: &Decrypted) -> String {
    let zip = if d.trace.inflated {
        format!(
            " (zip DEF: {} bytes inflated to {})",
            d.trace.decrypted_len,
            d.plaintext.len()
        )
    } else {
        String::new()
    };
    format!(
        "{} decrypted {} bytes{zip}",
        d.parts.enc, d.trace.decrypted_len
    )
}

/// The plaintext as JSON output gives it: (value, "json" | "utf8" | "hex").
pub(super) fn plaintext_value(bytes: &[u8]) -> (Value, &'static str) {
    match std::str::from_utf8(bytes) {
        Ok(text) => match serde_json::from_str::<Value>(text) {
            Ok(v) => (v, "json"),
            Err(_) => (Value::String(text.to_string()), "utf8"),
        },
        Err(_) => (Value::String(b64::encode_hex(bytes)), "hex"),
    }
}

/// The JSON object of `decrypt --json`.
pub(super) fn print_json(
    d: &Decrypted,
    inner: Option<&Inner>,
    found: &[Finding],
    inner_found: &[Finding],
) {
    let (plaintext, encoding) = plaintext_value(&d.plaintext);
    let inner = inner.map_or(Value::Null, |i| {
        let (payload, kind) = payload_json(&i.insp, None);
        let mut out = json!({
            "header": i.insp.header.as_ref().map_or(Value::Null, |h| Value::Object(h.clone())),
            "payload": payload,
            "payload_kind": kind,
            "signature": i.insp.signature_text(),
            "checked": i.checked.is_some(),
            "findings": inner_found.iter().map(Finding::to_json).collect::<Vec<_>>(),
        });
        if let (Some((report, key)), Some(obj)) = (&i.checked, out.as_object_mut()) {
            let checks: Vec<Value> = report
                .checks
                .iter()
                .map(|c| json!({"name": c.name, "ok": c.ok, "detail": c.detail}))
                .collect();
            obj.insert("valid".into(), report.valid().into());
            obj.insert("signature_status".into(), report.signature.word().into());
            obj.insert("verdict".into(), report.verdict().1.into());
            obj.insert("alg".into(), report.alg.map(|a| a.name()).into());
            obj.insert("key".into(), key.describe().into());
            obj.insert("checks".into(), checks.into());
        }
        out
    });
    let out = json!({
        "header": Value::Object(d.header().clone()),
        "key_management": key_management(d),
        "content": content_line(d),
        "plaintext": plaintext,
        "plaintext_encoding": encoding,
        "inner": inner,
        "findings": found.iter().map(Finding::to_json).collect::<Vec<_>>(),
    });
    say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
}

/// The text of `decrypt`: header, key management, content, plaintext, nested JWT.
pub(super) fn print_text(d: &Decrypted, inner: Option<&Inner>, now: i64) {
    let header_text = String::from_utf8_lossy(&d.parts.protected.bytes);
    let header = json::pretty("header", &header_text).unwrap_or_else(|_| header_text.into());
    say!("Protected header\n{header}\n");
    say!("Key management\n  {}", key_management(d));
    say!("Content encryption\n  {}\n", content_line(d));
    let len = d.plaintext.len();
    match plaintext_value(&d.plaintext) {
        (_, "json") => {
            let text = String::from_utf8_lossy(&d.plaintext);
            let shown = json::pretty("plaintext", &text).unwrap_or_else(|_| text.into());
            say!("Plaintext (JSON, {len} bytes)\n{shown}");
        }
        (Value::String(s), "utf8") => say!("Plaintext (text, {len} bytes)\n{s}"),
        (v, _) => say!(
            "Plaintext (binary, {len} bytes, hex)\n{}",
            v.as_str().unwrap_or("")
        ),
    }
    let Some(inner) = inner else {
        return;
    };
    say!("\nInner token (nested JWT)");
    print_decoded(&inner.insp, None, now);
    match &inner.checked {
        None => say!(
            "\nInner signature NOT checked: give --verify-key FILE or --verify-secret S to check it (or run: jwt-workbench verify)"
        ),
        Some((report, _)) => {
            say!("\nInner token: {}", report.verdict().1);
            for c in &report.checks {
                let mark = if c.ok { "✓" } else { "✗" };
                say!("  {mark} {:<6} {}", c.name, c.detail);
            }
        }
    }
}
