//! `attack`: the attack lab on the command line. Every variant is checked with this
//! workbench's own verifier; nothing is sent anywhere.

use super::{AttackArgs, CliResult, Fail, load_key, read_arg, say};
use crate::core::attacks::{self, AttackInput};
use crate::core::inspect;
use crate::core::keys::Purpose;
use serde_json::Value;
use std::process::ExitCode;

pub(crate) fn attack(args: &AttackArgs, now: i64) -> CliResult {
    let text = read_arg(&args.token, "token")?;
    let kid = inspect(&text)
        .ok()
        .and_then(|i| i.header.ok())
        .and_then(|h| h.get("kid").and_then(Value::as_str).map(str::to_string));
    let key = load_key(&args.key, kid.as_deref(), Purpose::Verify)?;
    // Key confusion MACs the key file's exact bytes, as a server holding that file would.
    let key_text = args
        .key
        .key
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok());
    let input = AttackInput {
        token: text.trim(),
        key: Some(&key),
        key_text: key_text.as_deref(),
        attacker_url: args.url.as_deref(),
    };
    let lab = attacks::generate(&input, now).map_err(|e| Fail {
        code: 2,
        message: e.to_string(),
    })?;
    if args.json {
        say!("{}", lab.to_json());
    } else {
        say!("For testing your own services. Nothing was sent anywhere.");
        say!("{}", lab.summary());
        for note in &lab.notes {
            say!("note: {note}");
        }
        let mut group = None;
        for v in &lab.variants {
            if group != Some(v.group) {
                group = Some(v.group);
                say!("\n{}", v.group.title());
            }
            let mark = match (v.verifier.rejected, v.expected_valid) {
                (true, false) => "rejected",
                (false, true) => "accepted (probe, expected)",
                (false, false) => "ACCEPTED",
                (true, true) => "rejected (probe)",
            };
            say!("  {mark:<10}  {:<40}  {}", v.id, v.name);
            say!("              {}", v.token);
        }
    }
    let surprises = lab.surprises().iter().filter(|v| !v.expected_valid).count();
    Ok(ExitCode::from(if surprises > 0 { 1 } else { 0 }))
}
