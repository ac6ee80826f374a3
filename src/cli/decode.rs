//! `decode`: header, payload, signature and times, without verifying.

use super::{CliResult, DateStyle, DecodeArgs, jwe, read_token, say, tell};
use crate::core::error::Error;
use crate::core::findings::{self, Context, Finding};
use crate::core::token::{Form, Inspection, Payload};
use crate::core::{b64, claims, inspect, json, text};
use serde_json::{Value, json};
use std::process::ExitCode;

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

fn problems(insp: &Inspection) -> Vec<String> {
    [
        insp.header.as_ref().err(),
        insp.payload.as_ref().err(),
        insp.signature.as_ref().err(),
    ]
    .into_iter()
    .flatten()
    .map(Error::to_string)
    .collect()
}

pub(crate) fn decode(args: &DecodeArgs, now: i64) -> CliResult {
    let text = read_token(&args.token, "token")?;
    if crate::core::jws_json::is_json(&text) {
        return super::jws_json::decode_json(args, &text, now);
    }
    let insp = inspect(&text)?;
    drop(text);
    let is_jwe = insp.form == Form::Jwe;
    // A JWE's parts are checked by the JWE parser (all five, sizes against alg and enc); an
    // algorithm it does not implement is reported, not an error.
    let (problems, alg_problem) = if is_jwe {
        let (problem, unsupported) = jwe::jwe_problems(&insp);
        (problem.into_iter().collect(), unsupported)
    } else {
        (problems(&insp), insp.alg.problem())
    };
    // No key here: the secret findings need one (verify has it).
    let found = findings::findings(&insp, &Context::at(now));
    if args.json {
        let (payload, kind) = payload_json(&insp, args.date);
        let (signature, signature_hex) = if is_jwe {
            (Value::Null, Value::Null)
        } else {
            let hex = insp.signature.as_ref().map(|s| b64::encode_hex(s));
            (insp.signature_text().into(), hex.unwrap_or_default().into())
        };
        let mut out = json!({
            "form": if is_jwe { "JWE" } else { "JWS" },
            "header": insp.header.as_ref().map_or(Value::Null, |h| Value::Object(h.clone())),
            "payload": payload,
            "payload_kind": kind,
            "signature": signature,
            "signature_hex": signature_hex,
            "alg_problem": alg_problem,
            "repairs": insp.repairs.iter().map(|r| r.note()).collect::<Vec<_>>(),
            "problems": problems,
            "findings": found.iter().map(Finding::to_json).collect::<Vec<_>>(),
        });
        if let (true, Some(obj)) = (is_jwe, out.as_object_mut()) {
            obj.insert("parts".into(), jwe::parts_json(&insp));
        }
        super::output::print_json(&out);
    } else {
        for r in &insp.repairs {
            tell!("note: {}", r.note());
        }
        print_decoded(&insp, args.date, now);
        if is_jwe {
            jwe::print_parts(&insp);
            if let Some(why) = &alg_problem {
                say!("Note: {why}");
            }
        }
        print_findings(&found);
        for p in &problems {
            tell!("error: {p}");
        }
    }
    Ok(ExitCode::from(if problems.is_empty() { 0 } else { 2 }))
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
        crate::core::HeaderAlg::Known(a) => a.name().to_string(),
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
