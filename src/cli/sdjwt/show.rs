//! `sd-jwt decode` and `sd-jwt verify`: the disclosure table, the undisclosed digests, the
//! rebuilt claims, the KB-JWT, `sd_hash`'s input, and the numbered checks, as text or JSON.

use super::super::{CliResult, Fail, load_key_for, output, parse_alg, say, show::print_checks};
use super::{BindingArg, SdDecodeArgs, SdVerifyArgs, read_sd};
use crate::core::keys::Purpose;
use crate::core::sdjwt::{self, HolderBinding, Processed, SdJwt, SdPolicy, Slot};
use crate::core::token::Inspection;
use crate::core::verify::Check;
use serde_json::{Map, Value, json};
use std::process::ExitCode;

fn object(m: &Map<String, Value>) -> Value {
    Value::Object(m.clone())
}

fn header(insp: &Inspection) -> Value {
    insp.header.as_ref().map_or(Value::Null, object)
}

fn payload(insp: &Inspection) -> Value {
    insp.claims().map_or(Value::Null, object)
}

/// One row per disclosure: its text, digest, decoded array (or why not), and where it sits.
fn table(sd: &SdJwt, p: &Processed) -> Vec<Value> {
    sd.disclosures
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (salt, name, value, error) = match &d.content {
                Ok(c) => (json!(c.salt), json!(c.name), c.value.clone(), Value::Null),
                Err(e) => (Value::Null, Value::Null, Value::Null, json!(e.to_string())),
            };
            json!({
                "index": d.index,
                "disclosure": d.text,
                "digest": d.digest,
                "salt": salt,
                "name": name,
                "value": value,
                "error": error,
                "path": p.placed.get(i).cloned().flatten(),
                "inside": p.parent.get(i).copied().flatten(),
            })
        })
        .collect()
}

/// Every embedded digest, in the order met: where it sits and what it became.
fn digests(p: &Processed) -> Vec<Value> {
    p.embedded
        .iter()
        .map(|e| {
            let slot = match e.slot {
                Slot::Sd => json!("_sd"),
                Slot::Element(j) => json!(j),
            };
            json!({
                "digest": e.digest,
                "container": e.container,
                "slot": slot,
                "disclosure": e.disclosure,
                "inside": e.inside,
                "path": e.placed,
            })
        })
        .collect()
}

fn sd_hash_json(sd: &SdJwt) -> Value {
    let claimed = sd
        .kb
        .as_ref()
        .and_then(|kb| kb.claims())
        .and_then(|c| c.get("sd_hash"))
        .cloned();
    let computed = sd.sd_hash();
    let matches = claimed
        .as_ref()
        .map(|c| c.as_str() == Some(computed.as_str()));
    json!({
        "input": sd.sd_hash_input(),
        "computed": computed,
        "claimed": claimed,
        "matches": matches,
    })
}

fn decoded_json(sd: &SdJwt, p: &Processed) -> Map<String, Value> {
    let kb = sd
        .kb
        .as_ref()
        .map(|kb| json!({"jwt": sd.kb_text(), "header": header(kb), "payload": payload(kb)}));
    let out = json!({
        "kind": sd.kind(),
        "whitespace_removed": sd.whitespace_removed,
        "issuer": {"jwt": sd.issuer_jwt(), "header": header(&sd.issuer), "payload": object(&sd.payload)},
        "sd_alg": sd.sd_alg.name(),
        "sd_alg_named": sd.sd_alg_named,
        "disclosures": table(sd, p),
        "digests": digests(p),
        "claims": object(&p.claims),
        "kb": kb,
        "sd_hash": sd_hash_json(sd),
    });
    match out {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn pretty(v: &Value) -> String {
    output::json_text(v)
}

fn print_decoded(sd: &SdJwt, p: &Processed) {
    let n = sd.disclosures.len();
    let kb = if sd.kb.is_some() {
        " and a KB-JWT"
    } else {
        ", no KB-JWT (ends with '~')"
    };
    say!(
        "{}: the issuer-signed JWT, {n} disclosure{}{kb}",
        sd.kind(),
        if n == 1 { "" } else { "s" }
    );
    if sd.whitespace_removed {
        say!("note: whitespace inside the text was removed");
    }
    say!("issuer-signed JWT header:\n{}", pretty(&header(&sd.issuer)));
    let named = if sd.sd_alg_named {
        ""
    } else {
        " (the default: no _sd_alg)"
    };
    say!("_sd_alg: {}{named}", sd.sd_alg);
    if n > 0 {
        say!("disclosures:");
    }
    for (i, d) in sd.disclosures.iter().enumerate() {
        let at = p
            .placed
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(|| "(not placed)".into());
        say!("  {:>3}  {at}  digest {}", d.index, d.digest);
        match d.decoded_text() {
            Ok(t) => say!("       {}", crate::core::text::escape(&t)),
            Err(e) => say!("       unreadable: it {e}"),
        }
        say!("       {}", d.text);
    }
    let undisclosed: Vec<String> = p
        .undisclosed()
        .map(|e| match e.slot {
            Slot::Sd => format!("  {}/_sd  {}", e.container, e.digest),
            Slot::Element(j) => format!("  {}/{j}  {}", e.container, e.digest),
        })
        .collect();
    if !undisclosed.is_empty() {
        say!(
            "digests without a disclosure (decoys, or claims not disclosed): {}",
            undisclosed.len()
        );
        for line in undisclosed {
            say!("{line}");
        }
    }
    say!(
        "claims (rebuilt, not verified):\n{}",
        pretty(&object(&p.claims))
    );
    if let Some(kb) = &sd.kb {
        say!("KB-JWT header:\n{}", pretty(&header(kb)));
        say!("KB-JWT payload:\n{}", pretty(&payload(kb)));
    }
    let input = sd.sd_hash_input();
    say!(
        "sd_hash input: {} bytes, from the issuer-signed JWT to the last '~' (inclusive): ...{}",
        input.len(),
        input.get(input.len().saturating_sub(24)..).unwrap_or(input)
    );
    let computed = sd.sd_hash();
    let claimed = sd
        .kb
        .as_ref()
        .and_then(|kb| kb.claims())
        .and_then(|c| c.get("sd_hash"));
    match claimed {
        None => say!("sd_hash: {computed}"),
        Some(c) if c.as_str() == Some(computed.as_str()) => {
            say!("sd_hash: {computed} (the KB-JWT says {c}: matches)")
        }
        Some(c) => say!("sd_hash: {computed} (the KB-JWT says {c}: does NOT match)"),
    }
}

/// `sd-jwt decode`: exit 0 when it reads (nothing is verified), 2 when it does not.
pub(super) fn decode(args: &SdDecodeArgs) -> CliResult {
    let sd = read_sd(&args.sd_jwt)?;
    let p = sdjwt::process(&sd);
    if args.json {
        let mut out = decoded_json(&sd, &p);
        out.insert(
            "problems".into(),
            p.problems.iter().map(Check::to_json).collect(),
        );
        output::print_json(&Value::Object(out));
    } else {
        print_decoded(&sd, &p);
        if !p.problems.is_empty() {
            say!("problems (sd-jwt verify rejects this SD-JWT):");
            print_checks(&p.problems);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `sd-jwt verify`: exit 0 valid, 1 a check failed, 2 when the token or key cannot be checked.
pub(super) fn verify(args: &SdVerifyArgs, now: i64) -> CliResult {
    let sd = read_sd(&args.sd_jwt)?;
    let key = load_key_for(&args.key, &sd.issuer, Purpose::Verify)?;
    let policy = SdPolicy {
        binding: match args.holder_binding {
            BindingArg::Required => HolderBinding::Required,
            BindingArg::Optional => HolderBinding::Optional,
        },
        aud: args.aud.clone(),
        nonce: args.nonce.clone(),
        kb_max_age: args.kb_max_age,
        leeway: args.leeway,
        algorithms: args
            .alg
            .iter()
            .map(|a| parse_alg(a.trim()))
            .collect::<Result<_, Fail>>()?,
    };
    let report = sdjwt::verify(&sd, Some(&key), &policy, now);
    let warnings: Vec<Value> = report
        .warnings
        .iter()
        .map(|w| json!({"text": w.text, "cite": w.cite.to_string()}))
        .collect();
    if args.json {
        let mut out = decoded_json(&sd, &report.processed);
        out.insert("valid".into(), report.valid().into());
        out.insert("verdict".into(), report.verdict().into());
        out.insert("vc".into(), report.vc.into());
        out.insert("signature".into(), report.issuer.signature.word().into());
        out.insert("alg".into(), json!(report.issuer.alg.map(|a| a.name())));
        out.insert("key".into(), key.describe().into());
        out.insert(
            "issuer_checks".into(),
            report.issuer.checks.iter().map(Check::to_json).collect(),
        );
        out.insert(
            "checks".into(),
            report.steps.iter().map(Check::to_json).collect(),
        );
        out.insert(
            "kb_checks".into(),
            report
                .kb
                .iter()
                .flat_map(|r| &r.checks)
                .map(Check::to_json)
                .collect(),
        );
        out.insert("warnings".into(), Value::Array(warnings));
        output::print_json(&Value::Object(out));
    } else {
        say!("{}", report.verdict());
        say!("issuer-signed JWT ({}):", report.issuer.verdict().1);
        print_checks(&report.issuer.checks);
        say!(
            "{} steps{}:",
            sdjwt::steps::RFC,
            if report.vc {
                " and SD-JWT VC rules"
            } else {
                ""
            }
        );
        print_checks(&report.steps);
        for w in &report.warnings {
            say!("warning: {} ({})", w.text, w.cite);
        }
        let label = if report.valid() {
            "claims"
        } else {
            "claims (NOT valid: do not use)"
        };
        say!("{label}:\n{}", pretty(&object(&report.processed.claims)));
    }
    let code = match super::super::show::exit_code(&report.issuer) {
        2 => 2,
        _ if report.valid() => 0,
        _ => 1,
    };
    Ok(ExitCode::from(code))
}
