//! `verify`: the signature and every claim check, as text or JSON.

use super::decode::{payload_json, print_findings};
use super::{CliResult, Fail, VerifyArgs, load_key, parse_alg, read_arg, say};
use crate::core::findings::{self, Context, Finding};
use crate::core::keys::Purpose;
use crate::core::verify::{SignatureStatus, Unchecked};
use crate::core::{Policy, inspect, verify};
use serde_json::{Value, json};
use std::process::ExitCode;

fn policy_from(args: &VerifyArgs) -> Result<Policy, Fail> {
    Ok(Policy {
        algorithms: args
            .alg
            .iter()
            .map(|a| parse_alg(a.trim()))
            .collect::<Result<_, _>>()?,
        leeway: args.leeway,
        ignore_exp: args.ignore_exp,
        aud: args.aud.clone(),
        iss: args.iss.clone(),
        sub: args.sub.clone(),
        required: args.require.clone(),
    })
}

pub(crate) fn verify_cmd(args: &VerifyArgs, now: i64) -> CliResult {
    let policy = policy_from(args)?;
    let text = read_arg(&args.token, "token")?;
    let insp = inspect(&text)?;
    let kid = insp
        .header
        .as_ref()
        .ok()
        .and_then(|h| h.get("kid"))
        .and_then(Value::as_str);
    let key = load_key(&args.key, kid, Purpose::Verify)?;
    let report = verify(&insp, Some(&key), &policy, now);
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
        let checks: Vec<Value> = report
            .checks
            .iter()
            .map(|c| json!({"name": c.name, "ok": c.ok, "detail": c.detail}))
            .collect();
        let out = json!({
            "valid": report.valid(),
            "signature": report.signature.word(),
            "verdict": verdict,
            "alg": report.alg.map(|a| a.name()),
            "key": key.describe(),
            "checks": checks,
            "header": insp.header.as_ref().map_or(Value::Null, |h| Value::Object(h.clone())),
            "payload": payload,
            "findings": found.iter().map(Finding::to_json).collect::<Vec<_>>(),
        });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        say!("{verdict}");
        for c in &report.checks {
            say!(
                "  {} {:<6} {}",
                if c.ok { "✓" } else { "✗" },
                c.name,
                c.detail
            );
        }
        print_findings(&found);
    }
    let code = match &report.signature {
        _ if report.valid() => 0,
        SignatureStatus::Unchecked(
            Unchecked::KeyMismatch
            | Unchecked::Malformed
            | Unchecked::UnsupportedAlg
            | Unchecked::Encrypted,
            _,
        ) => 2,
        _ => 1,
    };
    Ok(ExitCode::from(code))
}
