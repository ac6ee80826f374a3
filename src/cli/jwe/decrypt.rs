//! `decrypt`: the protected header, what the key management did, the plaintext, a nested
//! JWT decoded (and verified when a verification key is given), and the findings; a JWE
//! JSON document goes through `json.rs` and comes back to the same report.

use super::bad;
use super::show::{Content, Inner, JsonView, print_json, print_text};
use crate::cli::say;
use crate::cli::show::print_findings_titled;
use crate::cli::{CliResult, DecryptArgs, Fail, KeyArgs, load_key_for, tell};
use crate::core::files::Access;
use crate::core::findings::{self, Context, Finding};
use crate::core::jwe::{self, Decrypted, JweKey, KeyFamily, Limits, MAX_P2C_CEILING};
use crate::core::keys::{Key, KeyMaterial, Purpose};
use crate::core::strict;
use crate::core::token::{self, Form, Inspection, Payload};
use crate::core::verify::{self, Check, verify};
use crate::core::{token::inspect, verify::Policy};
use std::process::ExitCode;

/// Refuses a PBES2 `p2c` over the cap before loading any key, naming the number and the
/// command-line way to raise the cap (the core's own message names its API).
pub(super) fn check_p2c(parts: &jwe::JweParts, limits: &Limits) -> Result<(), Fail> {
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
    if !verifying(args) {
        return Ok(None);
    }
    let key_args = KeyArgs {
        secret: args.verify_secret.clone(),
        key: args.verify_key.clone().into_iter().collect(),
    };
    load_key_for(&key_args, insp, Purpose::Verify).map(Some)
}

/// True when a verification key was given: then exit 0 means "a signed token inside verified".
fn verifying(args: &DecryptArgs) -> bool {
    args.verify_key.is_some() || args.verify_secret.is_some()
}

/// The policy for the claims inside: verify's defaults, and the audience options.
fn policy(args: &DecryptArgs) -> Policy {
    Policy {
        aud: args.aud.clone(),
        any_aud: args.any_aud,
        ..Policy::default()
    }
}

/// Takes the plaintext apart: a nested JWT (verified with the key given), encrypted claims
/// (checked), another JWE, or other content.
fn content(args: &DecryptArgs, d: &Decrypted, now: i64) -> Result<Content, Fail> {
    let policy = policy(args);
    if jwe::is_nested_jws(d) {
        let text = String::from_utf8_lossy(&d.plaintext);
        return match inspect(text.trim()) {
            Ok(i) if i.form == Form::Jws => {
                let checked =
                    verify_key(args, &i)?.map(|key| (verify(&i, Some(&key), &policy, now), key));
                let checks = match &checked {
                    Some(_) => Vec::new(),
                    None => verify::payload_checks(i.payload.as_ref(), &policy, now),
                };
                Ok(Content::Nested(Box::new(Inner {
                    insp: i,
                    checked,
                    checks,
                })))
            }
            Ok(_) => Ok(Content::Jwe),
            Err(e) => {
                tell!("note: the header says cty JWT, but the plaintext is not a JWT: {e}");
                Ok(Content::Other)
            }
        };
    }
    let typ_jwt = strict::typ_is_jwt(d.header());
    match token::classify_payload(&d.plaintext, typ_jwt) {
        p @ (Payload::Claims(_) | Payload::Invalid { .. }) => {
            let checks = verify::payload_checks(Ok(&p), &policy, now);
            Ok(Content::Claims { checks })
        }
        _ if looks_like_jwe(&d.plaintext) => Ok(Content::Jwe),
        _ => Ok(Content::Other),
    }
}

/// True when the bytes read as a compact JWE (five segments).
fn looks_like_jwe(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|t| t.trim().split('.').count() == 5)
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

/// The exit code and, when it is not 0, why.
pub(super) fn outcome(args: &DecryptArgs, content: &Content) -> (u8, Option<String>) {
    let failed = |checks: &[Check]| {
        checks
            .iter()
            .find(|c| !c.ok)
            .map(|c| format!("{}: {}", c.short(), c.detail))
    };
    let nothing = |what: &str| {
        (
            1,
            Some(format!(
                "nothing was verified: the plaintext is {what}, and anyone who holds the recipient's public key can make such a token; a verification key asks for a signed token inside"
            )),
        )
    };
    match content {
        Content::Nested(inner) => match &inner.checked {
            Some((report, _)) => match crate::cli::show::exit_code(report) {
                0 => (0, None),
                code => (
                    code,
                    Some(format!(
                        "the inner token is not valid: {}",
                        report.verdict().1
                    )),
                ),
            },
            None => match failed(&inner.checks) {
                Some(why) => (1, Some(format!("the inner token's claims fail: {why}"))),
                None => (0, None),
            },
        },
        Content::Claims { .. } if verifying(args) => nothing("unsigned claims"),
        Content::Jwe if verifying(args) => nothing("another JWE"),
        Content::Other if verifying(args) => nothing("not a signed token"),
        Content::Claims { checks, .. } => match failed(checks) {
            Some(why) => (1, Some(format!("the encrypted claims fail: {why}"))),
            None => (0, None),
        },
        Content::Jwe | Content::Other => (0, None),
    }
}

/// The length of a symmetric key (for the finding on short `dir` keys).
pub(super) fn key_len(key: &JweKey) -> Option<usize> {
    match key.material() {
        Some(KeyMaterial::Secret(k)) => Some(k.len()),
        _ => None,
    }
}

/// What was decrypted, shown or written, and the exit code: the same for the compact form
/// and the JSON forms (`json`: the document and which recipient decrypted).
pub(super) fn report(
    args: &DecryptArgs,
    decrypted: &Decrypted,
    key_len: Option<usize>,
    json: Option<&JsonView<'_>>,
    now: i64,
) -> CliResult {
    let content = content(args, decrypted, now)?;
    let (code, why) = outcome(args, &content);
    if args.raw {
        use std::io::Write as _;
        let _ = std::io::stdout().lock().write_all(&decrypted.plaintext);
        if let Some(why) = &why {
            tell!("error: {why}");
        }
        return Ok(ExitCode::from(code));
    }
    if let Some(path) = &args.out {
        crate::core::files::write_new(path, &decrypted.plaintext, Access::Owner, true).map_err(
            |e| {
                bad(format!(
                    "cannot write the plaintext to {}: {e}",
                    path.display()
                ))
            },
        )?;
    }
    let inner = match &content {
        Content::Nested(i) => Some(i.as_ref()),
        _ => None,
    };
    let mut found = findings::jwe_findings(&decrypted.parts, Some(decrypted), key_len);
    if inner.is_some_and(|i| i.checked.is_none()) {
        found.push(findings::nested_unverified());
    }
    findings::sort(&mut found);
    let inner_found = inner.map(|i| inner_findings(i, now)).unwrap_or_default();
    if args.json {
        print_json(
            decrypted,
            &content,
            &found,
            &inner_found,
            why.as_deref(),
            json,
        );
    } else {
        print_text(decrypted, &content, args.out.as_deref(), now, json);
        print_findings_titled("Findings", &found);
        print_findings_titled("Inner token findings", &inner_found);
        if let Some(why) = &why {
            say!("\n{}", why);
        }
    }
    Ok(ExitCode::from(code))
}
