//! JWS JSON documents on the command line: `decode` and `verify` of flattened and general
//! documents (one row per signature), and `convert` between them and the compact form.

use super::input::{attach_bytes, policy_from};
use super::show::print_report;
use super::show::{
    payload_json, pretty_bytes, print_findings, print_payload, print_signature, print_times,
};
use super::{
    CliResult, ConvertArgs, DecodeArgs, Fail, VerifyArgs, load_key_set, output, read_token, say,
};
use crate::core::findings::{self, Context, Finding};
use crate::core::jws_json::{
    self, JsonSignature, JwsJson, JwsJsonError, Outcome, Serialization, SignatureResult,
};
use crate::core::token;
use crate::core::verify::Check;
use serde_json::{Value, json};
use std::process::ExitCode;

impl From<JwsJsonError> for Fail {
    fn from(e: JwsJsonError) -> Self {
        Fail {
            code: 2,
            message: e.to_string(),
        }
    }
}

/// "general JWS JSON, 2 signatures".
fn described(doc: &JwsJson) -> String {
    let n = doc.signatures.len();
    let s = if n == 1 { "" } else { "s" };
    let mut out = format!("{} JWS JSON, {n} signature{s}", doc.serialization.name());
    if doc.unencoded {
        out.push_str(", unencoded payload (b64: false)");
    }
    if doc.is_detached() {
        out.push_str(", detached payload");
    }
    out
}

/// The first signature that could be read, for the payload and the findings.
fn first_readable(doc: &JwsJson) -> Option<&token::Inspection> {
    doc.signatures
        .iter()
        .find_map(|s| s.inspection.as_ref().ok())
}

fn unprotected_json(sig: &JsonSignature) -> Value {
    sig.unprotected
        .as_ref()
        .map_or(Value::Null, |h| Value::Object(h.clone()))
}

/// `decode` of a JWS JSON document: the payload once, then each signature's headers (the
/// unprotected one marked as not signed).
pub(crate) fn decode_json(args: &DecodeArgs, text: &str, now: i64) -> CliResult {
    let doc = jws_json::parse(text)?;
    let first = first_readable(&doc);
    let found = first.map_or_else(Vec::new, |i| findings::findings(i, &Context::at(now)));
    if args.json {
        let (payload, kind) =
            first.map_or((Value::Null, "undecodable"), |i| payload_json(i, args.date));
        let sigs: Vec<Value> = doc
            .signatures
            .iter()
            .enumerate()
            .map(|(index, s)| {
                let insp = s.inspection.as_ref();
                json!({
                    "index": index,
                    "protected": insp.ok().and_then(|i| i.header.as_ref().ok()).map_or(Value::Null, |h| Value::Object(h.clone())),
                    "unprotected": unprotected_json(s),
                    "signature": s.signature,
                    "problem": insp.err().map(ToString::to_string),
                })
            })
            .collect();
        output::print_json(&json!({
            "form": "JWS JSON",
            "serialization": doc.serialization.name(),
            "unencoded": doc.unencoded,
            "payload": payload,
            "payload_kind": kind,
            "signatures": sigs,
            "findings": found.iter().map(Finding::to_json).collect::<Vec<_>>(),
        }));
    } else {
        say!("{}\n", described(&doc));
        if let Some(insp) = first {
            print_payload(insp, args.date);
        }
        for (index, s) in doc.signatures.iter().enumerate() {
            say!("Signature [{index}]");
            match &s.inspection {
                Ok(insp) => {
                    if let Ok(h) = &insp.header_bytes {
                        say!("Protected header\n{}", pretty_bytes("header", h));
                    }
                    if let Some(h) = &s.unprotected {
                        let shown = output::json_text(&Value::Object(h.clone()));
                        say!("Unprotected header (not signed)\n{shown}");
                    }
                    print_signature(insp);
                }
                Err(e) => say!("  refused: {e}"),
            }
            say!("");
        }
        if let Some(insp) = first {
            print_times(insp, now);
        }
        print_findings(&found);
    }
    let broken = doc.signatures.iter().any(|s| s.inspection.is_err());
    Ok(ExitCode::from(if broken { 2 } else { 0 }))
}

/// `verify` of a JWS JSON document: each signature with the key that is for it; exit 0 when
/// the document is accepted, 1 when a signature a key fitted failed (or `--all` was not met),
/// 2 when no key fitted any signature.
pub(crate) fn verify_json(args: &VerifyArgs, text: &str, now: i64) -> CliResult {
    let policy = policy_from(args)?;
    let mut doc = jws_json::parse(text)?;
    if let Some(arg) = &args.payload {
        if !doc.is_detached() {
            return Err(Fail {
                code: 2,
                message: "--payload is for a detached payload, and this document carries its payload; leave --payload out".into(),
            });
        }
        doc.attach_payload(&attach_bytes(arg, &args.token)?);
    }
    let keys = match super::remote::key_set_for(&args.remote, args.iss.as_deref())? {
        Some(fetched) => fetched,
        None => load_key_set(&args.key)?,
    };
    let verdicts = jws_json::verify_each(&doc, &keys, &policy, now);
    let accepted = verdicts.accepted(args.all);
    let judged = verdicts.results.iter().find_map(|r| match &r.outcome {
        Outcome::Checked { report, .. } => Some(report),
        _ => None,
    });
    let found: Vec<Finding> = first_readable(&doc).map_or_else(Vec::new, |insp| {
        findings::findings(
            insp,
            &Context {
                key: None,
                algorithms: &policy.algorithms,
                now,
                leeway: policy.leeway,
            },
        )
    });
    let headline = headline(&doc, &verdicts.results, accepted, args.all);
    if args.json {
        let (payload, _) =
            first_readable(&doc).map_or((Value::Null, ""), |i| payload_json(i, None));
        output::print_json(&json!({
            "valid": accepted,
            "verdict": headline,
            "serialization": doc.serialization.name(),
            "signatures": verdicts.results.iter().map(row_json).collect::<Vec<_>>(),
            "payload": payload,
            "findings": found.iter().map(Finding::to_json).collect::<Vec<_>>(),
        }));
    } else {
        say!("{headline}");
        for r in &verdicts.results {
            say!("  {}", r.summary());
        }
        if let Some(report) = judged {
            say!(
                "\nChecks of signature [{}]",
                verdicts
                    .results
                    .iter()
                    .position(|r| matches!(r.outcome, Outcome::Checked { .. }))
                    .unwrap_or(0)
            );
            print_report(report);
        }
        print_findings(&found);
    }
    let code = if accepted {
        0
    } else if verdicts.none_fitted() && !args.all {
        2
    } else {
        1
    };
    Ok(ExitCode::from(code))
}

fn headline(doc: &JwsJson, results: &[SignatureResult], accepted: bool, all: bool) -> String {
    let valid = results.iter().filter(|r| r.valid()).count();
    let word = if accepted { "valid" } else { "invalid" };
    let rule = if all {
        "every signature must verify (--all)"
    } else {
        "every signature a given key fits must verify, and one at least"
    };
    format!(
        "{word}: {valid} of {} signatures verified; {rule} ({})",
        results.len(),
        described(doc)
    )
}

fn row_json(r: &SignatureResult) -> Value {
    let (key, checks) = match &r.outcome {
        Outcome::Checked { report, key } => (
            Value::String(key.clone()),
            Value::Array(report.checks.iter().map(Check::to_json).collect()),
        ),
        _ => (Value::Null, Value::Null),
    };
    json!({
        "index": r.index,
        "kid": r.kid.as_ref().map(|(k, _)| k.clone()),
        "kid_signed": r.kid.as_ref().map(|(_, s)| *s),
        "alg": r.alg,
        "status": r.status(),
        "detail": r.detail(),
        "key": key,
        "checks": checks,
    })
}

/// `convert`: the token in another serialization; the signatures are not touched.
pub(crate) fn convert(args: &ConvertArgs) -> CliResult {
    let text = read_token(&args.token, "token")?;
    let to = args.to.core();
    let out = if !jws_json::is_json(&text) {
        jws_json::to_json(&text, to)?
    } else {
        let doc = jws_json::parse(&text)?;
        match to {
            Serialization::Compact => jws_json::to_compact(&doc, args.index)?,
            _ => regroup(&doc, to, args.index)?,
        }
    };
    say!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// A JSON document rewritten as the other JSON form, unprotected headers kept: flattened
/// takes signature `index` (needed when there are several), general takes them all.
fn regroup(doc: &JwsJson, to: Serialization, index: Option<usize>) -> Result<String, Fail> {
    let entry = |s: &JsonSignature| {
        let mut e = serde_json::Map::new();
        e.insert("protected".into(), Value::String(s.protected.clone()));
        if let Some(h) = &s.unprotected {
            e.insert("header".into(), Value::Object(h.clone()));
        }
        e.insert("signature".into(), Value::String(s.signature.clone()));
        e
    };
    let mut out = serde_json::Map::new();
    if let Some(p) = &doc.payload {
        out.insert("payload".into(), Value::String(p.clone()));
    }
    let count = doc.signatures.len();
    if to == Serialization::General {
        let all = doc.signatures.iter().map(|s| Value::Object(entry(s)));
        out.insert("signatures".into(), Value::Array(all.collect()));
        return Ok(Value::Object(out).to_string());
    }
    let i = match (index, count) {
        (Some(i), _) => i,
        (None, 1) => 0,
        (None, n) => {
            return Err(Fail {
                code: 2,
                message: format!(
                    "a flattened JWS holds one signature and this document has {n}: say which with --index (0 to {})",
                    n.saturating_sub(1)
                ),
            });
        }
    };
    let one = doc.signatures.get(i).ok_or_else(|| Fail {
        code: 2,
        message: format!("there is no signature {i}; the document has {count}"),
    })?;
    out.extend(entry(one));
    Ok(Value::Object(out).to_string())
}
