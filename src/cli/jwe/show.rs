//! How `decrypt` shows its result: the key management line, the plaintext (JSON, text or
//! hex), the nested JWT and its verification report, as text or one JSON object.

use crate::cli::say;
use crate::cli::show::{payload_json, print_decoded};
use crate::core::b64;
use crate::core::findings::Finding;
use crate::core::jwe::{Decrypted, JsonDecrypted, JweJson, KeyAlg, KeyStep};
use crate::core::keys::Key;
use crate::core::text;
use crate::core::token::Inspection;
use crate::core::verify::{Check, Report};
use serde_json::{Value, json};

/// The document and which of its recipients decrypted, for the report.
pub(super) struct JsonView<'a> {
    /// The document taken apart.
    pub(super) doc: &'a JweJson,
    /// The recipient that decrypted, and how it was found.
    pub(super) result: &'a JsonDecrypted,
}

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
        Ok(text) => match crate::core::json::parse_value("plaintext", text) {
            Ok(v) => (v, "json"),
            Err(_) => (Value::String(text.to_string()), "utf8"),
        },
        Err(_) => (Value::String(b64::encode_hex(bytes)), "hex"),
    }
}

/// A nested JWT: its inspection, and its verification report and key when one was given.
pub(crate) struct Inner {
    /// The nested token taken apart.
    pub(crate) insp: Inspection,
    /// Its verification report and the key it was checked with.
    pub(crate) checked: Option<(Report, Key)>,
    /// Without a key: the claim checks that could still run (exp, nbf, iat, aud).
    pub(crate) checks: Vec<Check>,
}

/// What the plaintext turned out to be.
pub(crate) enum Content {
    /// A signed token (nested JWT): decoded, and verified when a key was given.
    Nested(Box<Inner>),
    /// Claims (or what was meant as claims) encrypted without a signature, and their checks.
    Claims {
        /// exp, nbf, iat, aud... as `verify` runs them (invalid claims fail here).
        checks: Vec<Check>,
    },
    /// Another JWE inside.
    Jwe,
    /// Anything else: text or bytes.
    Other,
}

/// The checks as JSON, with the verdict they lead to.
fn checks_json(checks: &[Check]) -> Value {
    Value::Array(checks.iter().map(Check::to_json).collect())
}

/// The JSON object of `decrypt --json` (with `json_doc`: which recipient decrypted, each
/// header apart and the aad).
pub(super) fn print_json(
    d: &Decrypted,
    content: &Content,
    found: &[Finding],
    inner_found: &[Finding],
    failure: Option<&str>,
    json_doc: Option<&JsonView<'_>>,
) {
    let (plaintext, encoding) = plaintext_value(&d.plaintext);
    let inner = match content {
        Content::Nested(i) => inner_json(i, inner_found),
        _ => Value::Null,
    };
    let (kind, claims_checks) = match content {
        Content::Nested(_) => ("nested_jwt", Value::Null),
        Content::Claims { checks, .. } => ("unsigned_claims", checks_json(checks)),
        Content::Jwe => ("jwe", Value::Null),
        Content::Other => ("other", Value::Null),
    };
    let mut out = json!({
        "header": Value::Object(d.header().clone()),
        "key_management": key_management(d),
        "content": content_line(d),
        "plaintext": plaintext,
        "plaintext_encoding": encoding,
        "plaintext_kind": kind,
        "claims_checks": claims_checks,
        "inner": inner,
        "ok": failure.is_none(),
        "failure": failure,
        "findings": found.iter().map(Finding::to_json).collect::<Vec<_>>(),
    });
    if let (Some(view), Value::Object(obj)) = (json_doc, &mut out) {
        obj.extend(view.json_members());
    }
    crate::cli::output::print_json(&out);
}

/// The nested token in `decrypt --json`.
fn inner_json(i: &Inner, inner_found: &[Finding]) -> Value {
    let (payload, kind) = payload_json(&i.insp, None);
    let mut out = json!({
        "header": i.insp.header.as_ref().map_or(Value::Null, |h| Value::Object(h.clone())),
        "payload": payload,
        "payload_kind": kind,
        "signature": i.insp.signature_text(),
        "checked": i.checked.is_some(),
        "findings": inner_found.iter().map(Finding::to_json).collect::<Vec<_>>(),
    });
    let Some(obj) = out.as_object_mut() else {
        return out;
    };
    match &i.checked {
        Some((report, key)) => {
            obj.insert("valid".into(), report.valid().into());
            obj.insert("signature_status".into(), report.signature.word().into());
            obj.insert("verdict".into(), report.verdict().1.into());
            obj.insert("alg".into(), report.alg.map(|a| a.name()).into());
            obj.insert("key".into(), key.describe().into());
            obj.insert("checks".into(), checks_json(&report.checks));
        }
        None => {
            obj.insert("claims_checks".into(), checks_json(&i.checks));
        }
    }
    out
}

/// Each check on a line, as `verify` prints them.
fn print_checks(checks: &[Check]) {
    for c in checks {
        let mark = if c.ok {
            "✓"
        } else if c.is_unchecked() {
            "?"
        } else {
            "✗"
        };
        let cite = c.cite.map(|c| format!(" ({c})")).unwrap_or_default();
        say!("  {mark} {:<6} {}{cite}", c.name, c.detail);
    }
}

/// The text of `decrypt`: header, key management, content, plaintext, nested JWT or the
/// encrypted claims' checks. The plaintext is escaped whole (line breaks too): it is the
/// token's text, not ours; `--raw` and `--out` give its bytes.
pub(super) fn print_text(
    d: &Decrypted,
    content: &Content,
    out: Option<&std::path::Path>,
    now: i64,
    json_doc: Option<&JsonView<'_>>,
) {
    match json_doc {
        Some(view) => view.print_headers(),
        None => {
            let header = crate::cli::show::pretty_bytes("header", &d.parts.protected.bytes);
            say!("Protected header\n{header}\n");
        }
    }
    say!("Key management\n  {}", key_management(d));
    say!("Content encryption\n  {}\n", content_line(d));
    let len = d.plaintext.len();
    match (out, plaintext_value(&d.plaintext)) {
        (Some(path), _) => say!("Plaintext ({len} bytes) written to {}", path.display()),
        (None, (_, "json")) => {
            let shown = crate::cli::show::pretty_bytes("plaintext", &d.plaintext);
            say!("Plaintext (JSON, {len} bytes)\n{shown}");
        }
        (None, (Value::String(s), "utf8")) => {
            say!("Plaintext (text, {len} bytes)\n{}", text::escape(&s));
        }
        (None, (v, _)) => say!(
            "Plaintext (binary, {len} bytes, hex)\n{}",
            v.as_str().unwrap_or("")
        ),
    }
    match content {
        Content::Nested(inner) => print_inner(inner, now),
        Content::Claims { checks, .. } => {
            say!(
                "\nEncrypted claims, NOT signed: anyone who holds the recipient's public key can make them. Their checks:"
            );
            print_checks(checks);
        }
        Content::Jwe => say!("\nThe plaintext is itself a JWE: decrypt it again with its own key"),
        Content::Other => {}
    }
}

/// The nested token and its verification (or its claims' checks when there was no key).
fn print_inner(inner: &Inner, now: i64) {
    say!("\nInner token (nested JWT)");
    print_decoded(&inner.insp, None, now);
    match &inner.checked {
        None => {
            say!(
                "\nInner signature NOT checked: give --verify-key FILE or --verify-secret S to check it (or run: jwt-workbench verify). Its claims' checks:"
            );
            print_checks(&inner.checks);
        }
        Some((report, _)) => {
            say!("\nInner token: {}", report.verdict().1);
            print_checks(&report.checks);
        }
    }
}
