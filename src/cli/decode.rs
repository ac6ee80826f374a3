//! `decode`: header, payload, signature and times, without verifying.

use super::show::{payload_json, print_decoded, print_findings};
use super::{CliResult, DecodeArgs, jwe, read_token, say, tell};
use crate::core::error::Error;
use crate::core::findings::{self, Context, Finding};
use crate::core::token::{Form, Inspection};
use crate::core::{b64, token::inspect};
use serde_json::{Value, json};
use std::process::ExitCode;

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
