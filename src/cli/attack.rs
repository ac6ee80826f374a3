//! `attack`: the attack lab on the command line. Every variant is checked with this
//! workbench's own verifier; nothing is sent anywhere.

use super::{CliResult, Fail, KeyArgs, load_key_for, output, read_arg, say};
use crate::core::attacks::{self, AttackInput};
use crate::core::keys::Purpose;
use crate::core::token::inspect;
use clap::Args;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// `attack` arguments.
#[derive(Debug, Args)]
pub struct AttackArgs {
    /// The token (a JWS, or an SD-JWT), or - to read it from standard input.
    pub token: String,
    /// Where the key comes from: --secret or --key (for an SD-JWT, the issuer's private key:
    /// its forgeries re-sign the issuer JWT).
    #[command(flatten)]
    pub key: KeyArgs,
    /// The URL written into jku and x5u (never fetched).
    #[arg(long)]
    pub url: Option<String>,
    /// For an SD-JWT: the holder's private key (cnf.jwk's private half), which signs the
    /// KB-JWTs; without it the SD-JWT is bound to a fresh lab key (--key must then be the
    /// issuer's private key, as for every SD-JWT forgery).
    #[arg(long, value_name = "FILE")]
    pub holder_key: Option<PathBuf>,
    /// Print `{"variants":[...]}` instead of text.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn attack(args: &AttackArgs, now: i64) -> CliResult {
    let text = read_arg(&args.token, "token")?;
    if text.trim().len() > attacks::MAX_LAB_TOKEN {
        return Err(Fail {
            code: 2,
            message: attacks::AttackError::TooLarge(text.trim().len()).to_string(),
        });
    }
    // An SD-JWT's forgeries re-sign its issuer JWT: the key is picked for signing it.
    let (key, holder) = if text.contains('~') {
        let sd = crate::core::sdjwt::SdJwt::parse(text.trim()).map_err(|e| Fail {
            code: 2,
            message: e.to_string(),
        })?;
        let key = load_key_for(&args.key, &sd.issuer, Purpose::Sign)?;
        let holder = match &args.holder_key {
            Some(path) => Some(
                crate::core::keys::load_key_file(path)?
                    .pick(None, Purpose::Sign)?
                    .clone(),
            ),
            None => None,
        };
        (key, holder)
    } else {
        let insp = inspect(&text)?;
        (load_key_for(&args.key, &insp, Purpose::Verify)?, None)
    };
    // Key confusion MACs the key file's exact bytes, as a server holding that file would.
    let key_text = args
        .key
        .key
        .first()
        .and_then(|p| crate::core::keys::read_key_file(p).ok())
        .and_then(|b| String::from_utf8(b).ok());
    let input = AttackInput {
        token: text.trim(),
        key: Some(&key),
        key_text: key_text.as_deref(),
        attacker_url: args.url.as_deref(),
        holder: holder.as_ref(),
    };
    let fail = |e: attacks::AttackError| Fail {
        code: 2,
        message: e.to_string(),
    };
    // Each variant is printed as soon as its group is made and then dropped: a large token
    // costs one group's variants in memory, not all of them.
    let tally = if args.json {
        let mut out = std::io::stdout().lock();
        let mut first = true;
        let _ = write!(out, "{{\n  \"variants\": [");
        let tally = attacks::generate_each(&input, now, |v| {
            let _ = write!(out, "{}\n    ", if first { "" } else { "," });
            first = false;
            let _ = output::write_json(&mut out, &v.to_json());
        })
        .map_err(fail)?;
        let tail = serde_json::json!({
            "summary": tally.summary(),
            "rejected": tally.rejected,
            "total": tally.total,
            "probes": tally.probes,
            "probes_accepted": tally.probes_accepted,
            "original_rejected": tally.original.rejected,
            "notes": tally.notes,
        });
        let tail = output::json_text(&tail);
        let inner = tail.trim().trim_start_matches('{');
        let _ = writeln!(out, "\n  ],{inner}");
        tally
    } else {
        say!("For testing your own services. Nothing was sent anywhere.");
        let mut group = None;
        let tally = attacks::generate_each(&input, now, |v| {
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
        })
        .map_err(fail)?;
        say!("\n{}", tally.summary());
        for note in &tally.notes {
            say!("note: {note}");
        }
        tally
    };
    let accepted = tally.accepted_forgeries();
    Ok(ExitCode::from(if accepted > 0 { 1 } else { 0 }))
}
