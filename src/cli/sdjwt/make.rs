//! `sd-jwt issue`, `sd-jwt present` and `sd-jwt attack`.

use super::super::{CliResult, Fail, load_key, output, parse_alg, read_token, say};
use super::{SdAttackArgs, SdIssueArgs, SdPresentArgs, key_file, read_sd};
use crate::core::keys::Purpose;
use crate::core::sdjwt::{self, IssueRequest, KbRequest, LabInput, SdAlg, SdJwt};
use crate::core::strict;
use serde_json::{Value, json};
use std::process::ExitCode;

fn bad(message: String) -> Fail {
    Fail { code: 2, message }
}

/// `sd-jwt issue`: prints the SD-JWT (or, with --json, it and what went into it).
pub(super) fn issue(args: &SdIssueArgs) -> CliResult {
    let key = load_key(&args.key, None, Purpose::Sign)?;
    let claims = strict::parse_claims("the claims", &read_token(&args.claims, "claims")?)?;
    let sd_alg = SdAlg::from_name(&args.sd_alg).ok_or_else(|| {
        let names: Vec<&str> = SdAlg::ALL.iter().map(|a| a.name()).collect();
        bad(format!(
            "--sd-alg {} is not one of {}",
            crate::core::text::clip(&args.sd_alg, 30),
            names.join(", ")
        ))
    })?;
    let holder = match &args.holder_key {
        Some(path) => Some(key_file(path, Purpose::Verify)?.public_half()),
        None => None,
    };
    let req = IssueRequest {
        claims,
        disclosable: args.sd.clone(),
        decoys: args.decoys,
        sd_alg,
        holder,
        vct: args.vct.clone(),
        typ: args.typ.clone(),
        alg: args.alg.as_deref().map(parse_alg).transpose()?,
    };
    let issued = sdjwt::issue(&req, &key)?;
    if args.json {
        let disclosures: Vec<Value> = issued
            .disclosures
            .iter()
            .map(|(p, d)| {
                json!({"path": p, "disclosure": d.text, "digest": d.digest, "decoded": d.decoded_text().ok()})
            })
            .collect();
        let decoys: Vec<Value> = issued
            .decoys
            .iter()
            .map(|(at, d)| json!({"in": format!("{at}/_sd"), "digest": d}))
            .collect();
        output::print_json(&json!({
            "sd_jwt": issued.sd_jwt,
            "header": issued.header,
            "payload": issued.payload,
            "disclosures": disclosures,
            "decoys": decoys,
        }));
    } else {
        say!("{}", issued.sd_jwt);
    }
    Ok(ExitCode::SUCCESS)
}

/// `sd-jwt present`: prints the presentation (or, with --json, it and what went into it).
pub(super) fn present(args: &SdPresentArgs, now: i64) -> CliResult {
    let sd = read_sd(&args.sd_jwt)?;
    let kb_key = match &args.kb_key {
        Some(path) => Some(key_file(path, Purpose::Sign)?),
        None => None,
    };
    let kb = match (&kb_key, &args.aud, &args.nonce) {
        (Some(key), Some(aud), Some(nonce)) => Some(KbRequest {
            key,
            aud: aud.clone(),
            nonce: nonce.clone(),
            iat: now,
        }),
        (None, _, _) => None,
        _ => return Err(bad("--kb-key needs --aud and --nonce".into())),
    };
    let presented = sdjwt::present(&sd, &args.disclose, kb.as_ref())?;
    if args.json {
        let disclosed: Vec<Value> = presented
            .disclosed
            .iter()
            .map(|(p, i)| {
                let text = sd
                    .disclosures
                    .get(i.saturating_sub(1))
                    .map(|d| d.text.as_str());
                json!({"path": p, "index": i, "disclosure": text})
            })
            .collect();
        let sd_hash_input = presented
            .kb_jwt
            .as_ref()
            .and_then(|k| presented.text.strip_suffix(k.as_str()));
        output::print_json(&json!({
            "presentation": presented.text,
            "disclosed": disclosed,
            "kb_jwt": presented.kb_jwt,
            "sd_hash_input": sd_hash_input,
        }));
    } else {
        say!("{}", presented.text);
    }
    Ok(ExitCode::SUCCESS)
}

/// `sd-jwt attack`: each forgery, verified; exit 1 when one is accepted.
pub(super) fn attack(args: &SdAttackArgs, now: i64) -> CliResult {
    let text = read_token(&args.sd_jwt, "SD-JWT")?;
    let issuer = key_file(&args.issuer_key, Purpose::Sign)?;
    let holder = key_file(&args.holder_key, Purpose::Sign)?;
    let input = LabInput {
        sd_jwt: &text,
        issuer: &issuer,
        holder: &holder,
        aud: &args.aud,
        nonce: &args.nonce,
        now,
    };
    let forgeries = sdjwt::attacks(&input)?;
    let policy = input.policy();
    let public = issuer.public_half();
    let mut rows = Vec::new();
    let mut accepted = 0;
    for f in &forgeries {
        let report = sdjwt::verify(&SdJwt::parse(&f.presentation)?, Some(&public), &policy, now);
        let first = report
            .first_failure()
            .map(|c| format!("{}: {}", c.name, c.detail));
        let by_its_step = report
            .steps
            .iter()
            .any(|c| !c.ok && c.name == f.breaks.name);
        if report.valid() {
            accepted += 1;
        }
        if args.json {
            rows.push(json!({
                "id": f.id,
                "title": f.title,
                "rejected": !report.valid(),
                "breaks": f.breaks.name,
                "rejected_by_its_step": by_its_step,
                "first_failure": first,
                "presentation": f.presentation,
            }));
        } else {
            let mark = if report.valid() {
                "✗ ACCEPTED"
            } else {
                "✓ rejected"
            };
            say!("{mark}  {:<28} {}", f.id, f.title);
            say!(
                "     {}",
                first.unwrap_or_else(|| "every check passed".into())
            );
        }
    }
    if args.json {
        output::print_json(
            &json!({"forgeries": rows, "accepted": accepted, "total": forgeries.len()}),
        );
    } else {
        say!(
            "{} of {} forgeries rejected",
            forgeries.len() - accepted,
            forgeries.len()
        );
    }
    Ok(ExitCode::from(if accepted == 0 { 0 } else { 1 }))
}
