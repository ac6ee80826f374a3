//! `decrypt`: the protected header, what the key management did, the plaintext, a nested
//! JWT decoded (and verified when a verification key is given), and the findings.

use super::show::{print_json, print_text};
use super::{Loaded, bad, load_jwe_key, note_finding};
use crate::cli::decode::print_findings_titled;
use crate::cli::{CliResult, DecryptArgs, Fail, KeyArgs, load_key};
use crate::core::findings::{self, Context, Finding};
use crate::core::jwe::{self, Decrypted, JweKey, KeyFamily, Limits, MAX_P2C_CEILING};
use crate::core::keys::{Key, Purpose};
use crate::core::token::{self, Form, Inspection};
use crate::core::verify::{Report, SignatureStatus, Unchecked};
use crate::core::{Policy, inspect, verify};
use serde_json::Value;
use std::process::ExitCode;

/// A nested JWT: its inspection, and its verification report and key when one was given.
pub(super) struct Inner {
    /// The nested token taken apart.
    pub(super) insp: Inspection,
    /// Its verification report and the key it was checked with.
    pub(super) checked: Option<(Report, Key)>,
}

/// Refuses a PBES2 `p2c` over the cap before loading any key, naming the number and the
/// command-line way to raise the cap (the core's own message names its API).
fn check_p2c(parts: &jwe::JweParts, limits: &Limits) -> Result<(), Fail> {
    let pbes2 = parts.alg.family() == KeyFamily::Pbes2;
    let Some(p2c) = parts.p2c().filter(|_| pbes2) else {
        return Ok(());
    };
    let cap = u64::from(limits.max_p2c.min(MAX_P2C_CEILING));
    let why =
        "refused before deriving (a huge count makes decryption take minutes, a denial of service)";
    if p2c > u64::from(MAX_P2C_CEILING) {
        return Err(bad(format!(
            "PBES2 iteration count p2c = {p2c} is over {MAX_P2C_CEILING}, the most this workbench will ever run: {why}"
        )));
    }
    if p2c > cap {
        return Err(bad(format!(
            "PBES2 iteration count p2c = {p2c} is over the limit of {cap}: {why}; if you trust this token, raise the limit with --max-p2c {p2c}"
        )));
    }
    Ok(())
}

/// Loads the nested token's verification key, when `--verify-key` or `--verify-secret` is given.
fn verify_key(args: &DecryptArgs, insp: &Inspection) -> Result<Option<Key>, Fail> {
    if args.verify_key.is_none() && args.verify_secret.is_none() {
        return Ok(None);
    }
    let kid = insp
        .header
        .as_ref()
        .ok()
        .and_then(|h| h.get("kid"))
        .and_then(Value::as_str);
    let key_args = KeyArgs {
        secret: args.verify_secret.clone(),
        key: args.verify_key.clone(),
    };
    load_key(&key_args, kid, Purpose::Verify).map(Some)
}

/// Decodes (and verifies) a nested JWT; `None` when the plaintext is not one.
fn inner(args: &DecryptArgs, d: &Decrypted, now: i64) -> Result<Option<Inner>, Fail> {
    let given = args.verify_key.is_some() || args.verify_secret.is_some();
    if !jwe::is_nested_jws(d) {
        if given {
            eprintln!("note: the plaintext is not a signed token, so there is nothing to verify");
        }
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&d.plaintext);
    let insp = match inspect(text.trim()) {
        Ok(i) if i.form == Form::Jws => i,
        Ok(_) => {
            eprintln!("note: the plaintext is itself a JWE; decrypt it again with its own key");
            return Ok(None);
        }
        Err(e) => {
            let msg = format!("the header says cty JWT, but the plaintext is not a JWT: {e}");
            return if given {
                Err(bad(msg))
            } else {
                eprintln!("note: {msg}");
                Ok(None)
            };
        }
    };
    let checked = verify_key(args, &insp)?
        .map(|key| (verify(&insp, Some(&key), &Policy::default(), now), key));
    Ok(Some(Inner { insp, checked }))
}

/// The inner token's findings, judged with its verification key when there is one.
fn inner_findings(inner: &Inner, now: i64) -> Vec<Finding> {
    let algorithms = inner
        .checked
        .as_ref()
        .map(|(_, k)| k.algorithms())
        .unwrap_or_default();
    let ctx = Context {
        key: inner.checked.as_ref().map(|(_, k)| k),
        algorithms: &algorithms,
        now,
        leeway: 0,
    };
    findings::findings(&inner.insp, &ctx)
}

/// Exit code: 0, or verify's code for the nested JWT when it was checked.
fn exit_code(inner: Option<&Inner>) -> u8 {
    let Some((report, _)) = inner.and_then(|i| i.checked.as_ref()) else {
        return 0;
    };
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

/// `decrypt`: see the module doc; exit codes in `decrypt --help`.
pub(crate) fn decrypt(args: &DecryptArgs, now: i64) -> CliResult {
    let text = crate::cli::read_arg(&args.token, "token")?;
    token::check_size(text.trim().len())?;
    let (token, repairs) = token::repair(&text);
    for r in &repairs {
        eprintln!("note: {}", r.note());
    }
    let limits = match args.max_p2c {
        Some(n) => Limits::default().with_max_p2c(n)?,
        None => Limits::default(),
    };
    let parts = jwe::parse(&token)?;
    check_p2c(&parts, &limits)?;
    let Loaded { key, .. } = load_jwe_key(&args.key, parts.header_str("kid"), true)?;
    let key_len = match &key {
        JweKey::Symmetric(k) => Some(k.len()),
        _ => None,
    };
    let decrypted = match jwe::decrypt(&token, &key, &limits) {
        Ok(d) => d,
        Err(e) => {
            findings::jwe_findings(&parts, None, key_len)
                .iter()
                .for_each(note_finding);
            return Err(e.into());
        }
    };
    let inner = inner(args, &decrypted, now)?;
    let mut found = findings::jwe_findings(&parts, Some(&decrypted), key_len);
    if inner.as_ref().is_some_and(|i| i.checked.is_none()) {
        found.push(findings::nested_unverified());
    }
    findings::sort(&mut found);
    let inner_found = inner
        .as_ref()
        .map(|i| inner_findings(i, now))
        .unwrap_or_default();
    if args.json {
        print_json(&decrypted, inner.as_ref(), &found, &inner_found);
    } else {
        print_text(&decrypted, inner.as_ref(), now);
        print_findings_titled("Findings", &found);
        print_findings_titled("Inner token findings", &inner_found);
    }
    Ok(ExitCode::from(exit_code(inner.as_ref())))
}
