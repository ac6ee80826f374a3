//! `verify`: the signature and every claim check, as text or JSON.

use super::input::{attach_bytes, policy_from};
use super::show::{exit_code, payload_json, print_findings, print_report};
use super::{CliResult, Fail, VerifyArgs, load_key_for, output, read_token, say};
use crate::core::findings::{self, Context, Finding};
use crate::core::keys::Purpose;
use crate::core::token::Inspection;
use crate::core::verify::Check;
use crate::core::{token::inspect, verify::verify};
use serde_json::{Value, json};
use std::process::ExitCode;

pub(crate) fn verify_cmd(args: &VerifyArgs, now: i64) -> CliResult {
    let policy = policy_from(args)?;
    let text = read_token(&args.token, "token")?;
    if crate::core::jws_json::is_json(&text) {
        return super::jws_json::verify_json(args, &text, now);
    }
    let mut insp = inspect(&text)?;
    drop(text);
    if let Some(arg) = &args.payload {
        attach(&mut insp, arg, &args.token)?;
    }
    let (key, source_check, status) =
        match super::remote::key_for(&args.remote, &insp, now, args.iss.as_deref())? {
            Some(found) => (found.key, Some(found.check), found.status),
            None => (
                Some(load_key_for(&args.key, &insp, Purpose::Verify)?),
                None,
                None,
            ),
        };
    let mut report = verify(&insp, key.as_ref(), &policy, now);
    if let Some(status) = status {
        report.signature = status;
    }
    report.checks.extend(source_check);
    let (profile, extra) =
        super::profile::verify_checks(&args.profile, &insp, policy.aud.as_deref(), now)?;
    report.checks.extend(extra);
    let (_, verdict) = report.verdict();
    let expected = if !policy.algorithms.is_empty() {
        policy.algorithms.clone()
    } else {
        key.as_ref().map(|k| k.algorithms()).unwrap_or_default()
    };
    let found = findings::findings(
        &insp,
        &Context {
            key: key.as_ref(),
            algorithms: &expected,
            now,
            leeway: policy.leeway,
        },
    );
    if args.json {
        let (payload, _) = payload_json(&insp, None);
        let out = json!({
            "valid": report.valid(),
            "signature": report.signature.word(),
            "verdict": verdict,
            "alg": report.alg.map(|a| a.name()),
            "profile": profile.name(),
            "key": key.as_ref().map(|k| k.describe()),
            "checks": report.checks.iter().map(Check::to_json).collect::<Vec<_>>(),
            "header": insp.header.as_ref().map_or(Value::Null, |h| Value::Object(h.clone())),
            "payload": payload,
            "findings": found.iter().map(Finding::to_json).collect::<Vec<_>>(),
        });
        output::print_json(&out);
    } else {
        print_report(&report);
        if profile != crate::core::profiles::Profile::Jwt {
            say!("profile: {} (--profile jwt for none)", profile.describe());
        }
        print_findings(&found);
    }
    Ok(ExitCode::from(exit_code(&report)))
}

/// Gives a detached token (header..signature, RFC 7515 appendix F) its payload.
fn attach(insp: &mut Inspection, arg: &str, token_arg: &str) -> Result<(), Fail> {
    if insp.detached.is_none() {
        return Err(Fail {
            code: 2,
            message: "--payload is for a detached token (header..signature), and this token \
                      carries its payload; leave --payload out"
                .into(),
        });
    }
    insp.attach_payload(attach_bytes(arg, token_arg)?);
    Ok(())
}
