//! `verify`: the signature and every claim check, as text or JSON.

use super::decode::{payload_json, print_findings};
use super::{
    CliResult, Fail, VerifyArgs, load_key_for, output, parse_alg, read_arg, read_token, say,
};
use crate::core::files;
use crate::core::findings::{self, Context, Finding};
use crate::core::keys::Purpose;
use crate::core::token::{Inspection, MAX_TOKEN};
use crate::core::verify::{Check, Report, SignatureStatus, Unchecked};
use crate::core::{Policy, inspect, verify};
use serde_json::{Value, json};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn policy_from(args: &VerifyArgs) -> Result<Policy, Fail> {
    Ok(Policy {
        algorithms: args
            .alg
            .iter()
            .map(|a| parse_alg(a.trim()))
            .collect::<Result<_, _>>()?,
        leeway: args.leeway,
        ignore_exp: args.ignore_exp,
        aud: args.aud.clone(),
        any_aud: args.any_aud,
        any_payload: args.any_payload,
        iss: args.iss.clone(),
        sub: args.sub.clone(),
        required: args.require.clone(),
    })
}

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
    let key = load_key_for(&args.key, &insp, Purpose::Verify)?;
    let mut report = verify(&insp, Some(&key), &policy, now);
    let (profile, extra) =
        super::profile::verify_checks(&args.profile, &insp, policy.aud.as_deref(), now)?;
    report.checks.extend(extra);
    let (_, verdict) = report.verdict();
    let expected = if policy.algorithms.is_empty() {
        key.algorithms()
    } else {
        policy.algorithms.clone()
    };
    let found = findings::findings(
        &insp,
        &Context {
            key: Some(&key),
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
            "key": key.describe(),
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

/// The bytes of `--payload`: text, @FILE (read as bytes, up to the token limit) or - for
/// standard input (when the token does not come from there).
pub(crate) fn attach_bytes(arg: &str, token_arg: &str) -> Result<Vec<u8>, Fail> {
    if arg == "-" && token_arg == "-" {
        return Err(Fail {
            code: 2,
            message: "the token and --payload cannot both come from standard input; give one \
                      of them as @FILE"
                .into(),
        });
    }
    Ok(match arg.strip_prefix('@') {
        Some(path) => files::read_capped(Path::new(path), MAX_TOKEN, "payload file")?,
        None => read_arg(arg, "payload")?.into_bytes(),
    })
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
