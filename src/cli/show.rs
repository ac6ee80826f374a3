//! How the command line shows what it found: decoded parts, payloads as their kind allows,
//! times, checks with the rule each applies, findings, and the exit code a report earns.
//! Everything from a token goes out escaped (`say!`).

use super::{DateStyle, say};
use crate::core::findings::Finding;
use crate::core::token::{Form, Inspection, Payload};
use crate::core::verify::{Check, Report, SignatureStatus, Unchecked};
use crate::core::{b64, claims, json, text};
use serde_json::Value;

/// JSON bytes pretty-printed (their line breaks are ours, so kept), or, when they are not
/// JSON, the text escaped whole: nothing from the token writes on the terminal.
pub(crate) fn pretty_bytes(what: &str, bytes: &[u8]) -> String {
    match json::Shown::of(what, bytes) {
        json::Shown::Json(p) => p,
        json::Shown::Raw(t) => text::escape(&t).into_owned(),
    }
}

fn with_dates(claims: &serde_json::Map<String, Value>, style: DateStyle) -> Value {
    let mut out = claims.clone();
    for name in ["exp", "nbf", "iat"] {
        if let Ok(Some(t)) = claims::time_claim(claims, name) {
            let text = match style {
                DateStyle::Utc => claims::utc_text(t),
                DateStyle::Local => claims::local_text(t),
            };
            out.insert(name.to_string(), Value::String(text));
        }
    }
    Value::Object(out)
}

pub(crate) fn payload_json(insp: &Inspection, date: Option<DateStyle>) -> (Value, &'static str) {
    match &insp.payload {
        Ok(Payload::Claims(m)) => (
            date.map_or_else(|| Value::Object(m.clone()), |s| with_dates(m, s)),
            "claims",
        ),
        Ok(Payload::OtherJson(v)) => (v.clone(), "json"),
        Ok(Payload::Text(t)) => (Value::String(t.clone()), "text"),
        Ok(Payload::Invalid { text, .. }) => (Value::String(text.clone()), "invalid"),
        Ok(Payload::Binary(b)) => (Value::String(b64::encode_hex(b)), "binary"),
        Ok(Payload::Encrypted) => (Value::Null, "encrypted"),
        Ok(Payload::Detached) => (Value::Null, "detached"),
        Err(_) => (Value::Null, "undecodable"),
    }
}

/// The "Findings" section: one line each, `  danger  alg-none  alg "none": …`.
pub(crate) fn print_findings(found: &[Finding]) {
    print_findings_titled("Findings", found);
}

/// A findings section under `title` ("Inner token findings"); nothing when there are none.
pub(crate) fn print_findings_titled(title: &str, found: &[Finding]) {
    if found.is_empty() {
        return;
    }
    say!("\n{title}");
    for f in found {
        let cite = f.cite.map(|c| format!(" ({c})")).unwrap_or_default();
        say!(
            "  {}  {}  {}: {}{cite}",
            f.severity.label(),
            f.id,
            f.title,
            f.detail
        );
    }
}

/// Header, payload, signature and times of a decoded token, as text.
pub(crate) fn print_decoded(insp: &Inspection, date: Option<DateStyle>, now: i64) {
    if let Ok(h) = &insp.header_bytes {
        say!("Header\n{}\n", pretty_bytes("header", h));
    }
    print_payload(insp, date);
    if insp.form == Form::Jws {
        print_signature(insp);
    }
    print_times(insp, now);
}

/// The signature line: its algorithm, its size and its text.
pub(crate) fn print_signature(insp: &Inspection) {
    let alg = match &insp.alg {
        crate::core::alg::HeaderAlg::Known(a) => a.name().to_string(),
        other => other.problem().unwrap_or_default(),
    };
    let len = insp.signature.as_ref().map_or(0, Vec::len);
    say!("Signature ({alg}, {len} bytes)\n{}", insp.signature_text());
}

/// The payload as its kind allows (claims pretty-printed, text escaped, binary in hex) and
/// the note on what it is.
pub(crate) fn print_payload(insp: &Inspection, date: Option<DateStyle>) {
    match &insp.payload {
        Ok(Payload::Claims(m)) => {
            let shown = match date {
                Some(style) => {
                    serde_json::to_string_pretty(&with_dates(m, style)).unwrap_or_default()
                }
                None => insp
                    .payload_bytes
                    .as_ref()
                    .map(|b| pretty_bytes("payload", b))
                    .unwrap_or_default(),
            };
            say!("Payload\n{shown}\n");
        }
        Ok(Payload::Encrypted) => say!(
            "Payload\n(encrypted: JWE; read it with: jwt-workbench decrypt TOKEN --key FILE, or --secret S)\n"
        ),
        Ok(Payload::Text(t)) => say!("Payload (plain text, not JSON)\n{}\n", text::escape(t)),
        Ok(Payload::Invalid { text: t, .. }) => {
            say!(
                "Payload (meant as claims, not valid: see the note)\n{}\n",
                text::escape(t)
            )
        }
        Ok(Payload::Binary(b)) => say!("Payload (binary, hex)\n{}\n", b64::encode_hex(b)),
        Ok(Payload::Detached) => say!("Payload\n(detached: not in the token)\n"),
        Ok(Payload::OtherJson(v)) => say!("Payload (JSON, not an object)\n{v}\n"),
        Err(_) => {}
    }
    // The core's note on a JWE predates `decrypt`; the line above says how to read one.
    let explained = insp
        .payload
        .as_ref()
        .ok()
        .filter(|p| **p != Payload::Encrypted);
    if let Some(why) = explained.and_then(Payload::explain) {
        say!("Note: {why}\n");
    }
}

/// exp, nbf and iat as UTC, local and relative times, and the lifetime.
pub(crate) fn print_times(insp: &Inspection, now: i64) {
    if let Some(m) = insp.claims() {
        let (times, lifetime) = claims::times(m, now);
        if !times.is_empty() {
            say!("\nTimes");
            for t in &times {
                say!("  {}  {}  {}  ({})", t.name, t.utc, t.local, t.relative);
            }
            if let Some(l) = lifetime {
                say!("  {l}");
            }
        }
    }
}

/// One line per check: its mark, name, sentence and the rule it applies.
pub(crate) fn print_checks(checks: &[Check]) {
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

/// The verdict line, each check (with the rule it applies), and what to do when the audience
/// could not be checked.
pub(crate) fn print_report(report: &Report) {
    say!("{}", report.verdict().1);
    print_checks(&report.checks);
    if report.checks.iter().any(Check::is_unchecked) {
        say!(
            "hint: pass --aud AUDIENCE (the name this service goes by), or --any-aud to skip the check"
        );
    }
}

/// verify's exit code for a report: 0 valid, 2 when the token or key cannot be checked at
/// all (wrong kind of key, malformed, unsupported, encrypted), else 1.
pub(crate) fn exit_code(report: &Report) -> u8 {
    match &report.signature {
        _ if report.valid() => 0,
        SignatureStatus::Unchecked(
            Unchecked::KeyMismatch
            | Unchecked::Malformed
            | Unchecked::UnsupportedAlg
            | Unchecked::Encrypted,
            _,
        ) => 2,
        _ => 1,
    }
}
