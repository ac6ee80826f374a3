//! Token profiles on the command line: `verify`'s profile checks (id_token, at+jwt, DPoP) and
//! the `dpop` command (check a proof, make one).

use super::{CliResult, Fail, KeyArgs, load_key, output, parse_alg, read_token, say};
use crate::core::keys::Purpose;
use crate::core::profiles::{self, DpopProof, Inputs, Profile};
use crate::core::token::{self, Inspection};
use crate::core::verify::Check;
use clap::{Args, Subcommand};
use serde_json::json;
use std::process::ExitCode;

/// `verify`'s profile arguments.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// The token's profile: auto (from typ and the claims), jwt (none), id_token, at+jwt or
    /// dpop+jwt; its checks count in the verdict.
    #[arg(long, default_value = "auto")]
    pub profile: String,
    /// id_token: the nonce sent in the authentication request.
    #[arg(long)]
    pub nonce: Option<String>,
    /// id_token: the access token issued with it (checks at_hash).
    #[arg(long)]
    pub access_token: Option<String>,
    /// id_token: the authorization code (checks c_hash).
    #[arg(long)]
    pub code: Option<String>,
    /// id_token: the state (checks s_hash, FAPI 1.0 Advanced).
    #[arg(long)]
    pub state: Option<String>,
    /// id_token: the max_age asked for, in seconds (checks auth_time).
    #[arg(long)]
    pub max_age: Option<u64>,
    /// id_token: this client's client_id (must be in aud).
    #[arg(long)]
    pub client_id: Option<String>,
    /// A DPoP proof sent with this access token (text or @FILE): every RFC 9449 check, and
    /// its binding to the token (ath, cnf.jkt).
    #[arg(long)]
    pub dpop: Option<String>,
    /// DPoP: the request's HTTP method.
    #[arg(long)]
    pub htm: Option<String>,
    /// DPoP: the request's full URL.
    #[arg(long)]
    pub htu: Option<String>,
    /// DPoP: the jkt introspection gave for an opaque access token.
    #[arg(long)]
    pub jkt: Option<String>,
    /// DPoP: how old a proof may be, in seconds (default 300).
    #[arg(long)]
    pub proof_max_age: Option<u64>,
}

fn bad(message: String) -> Fail {
    Fail { code: 2, message }
}

/// The profile `--profile` names for `insp` (detected for auto).
pub(crate) fn chosen(name: &str, insp: &Inspection) -> Result<Profile, Fail> {
    if name.eq_ignore_ascii_case("auto") {
        let header = insp.header.as_ref().ok();
        return Ok(header.map_or(Profile::Jwt, |h| profiles::detect(h, insp.claims())));
    }
    Profile::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Profile::ALL.iter().map(|p| p.name()).collect();
        bad(format!(
            "unknown profile \"{}\": use auto or one of {}",
            crate::core::text::clip(name, 30),
            names.join(", ")
        ))
    })
}

/// The checks `verify` adds: the token's profile, then a DPoP proof sent with it.
pub(crate) fn verify_checks(
    args: &ProfileArgs,
    insp: &Inspection,
    expected_aud: Option<&str>,
    now: i64,
) -> Result<(Profile, Vec<Check>), Fail> {
    let profile = chosen(&args.profile, insp)?;
    let inputs = Inputs {
        nonce: args.nonce.clone(),
        access_token: args.access_token.clone(),
        code: args.code.clone(),
        state: args.state.clone(),
        max_age: args.max_age,
        client_id: args.client_id.clone(),
        htm: args.htm.clone(),
        htu: args.htu.clone(),
        proof_max_age: args.proof_max_age,
        jkt: args.jkt.clone(),
        kb_optional: false,
    };
    let mut checks = profiles::checks(profile, insp, &inputs, expected_aud, now);
    if let Some(arg) = &args.dpop {
        let proof = token::inspect(&read_token(arg, "DPoP proof")?)?;
        let dpop = Inputs {
            access_token: Some(insp.token.clone()),
            ..inputs
        };
        checks.extend(profiles::checks(
            Profile::DpopProof,
            &proof,
            &dpop,
            None,
            now,
        ));
    }
    Ok((profile, checks))
}

/// `dpop` arguments.
#[derive(Debug, Args)]
pub struct DpopArgs {
    /// check or proof.
    #[command(subcommand)]
    pub command: DpopCommand,
}

/// What `dpop` does.
#[derive(Debug, Subcommand)]
pub enum DpopCommand {
    /// Check a DPoP proof against its request (RFC 9449 section 4.3, numbered steps); exit 0
    /// when every step passes, 1 when one fails, 2 for a proof that cannot be read.
    Check(DpopCheckArgs),
    /// Make a DPoP proof for a request, signed with --key (its public half goes in the header).
    Proof(DpopProofArgs),
}

/// `dpop check` arguments.
#[derive(Debug, Args)]
pub struct DpopCheckArgs {
    /// The proof, @FILE, or - for standard input.
    pub proof: String,
    /// The request's HTTP method.
    #[arg(long)]
    pub htm: String,
    /// The request's full URL.
    #[arg(long)]
    pub htu: String,
    /// The access token sent with it (checks ath and the binding).
    #[arg(long)]
    pub access_token: Option<String>,
    /// The nonce the server gave.
    #[arg(long)]
    pub nonce: Option<String>,
    /// The jkt introspection gave for an opaque access token.
    #[arg(long)]
    pub jkt: Option<String>,
    /// How old the proof may be, in seconds (default 300).
    #[arg(long)]
    pub max_age: Option<u64>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `dpop proof` arguments.
#[derive(Debug, Args)]
pub struct DpopProofArgs {
    #[command(flatten)]
    pub key: KeyArgs,
    /// Algorithm; default: what fits the key (ES256 for a P-256 key).
    #[arg(long, short = 'A')]
    pub alg: Option<String>,
    /// The request's HTTP method.
    #[arg(long)]
    pub htm: String,
    /// The request's URL (its query and fragment are left out of htu).
    #[arg(long)]
    pub htu: String,
    /// The access token the proof goes with (adds ath).
    #[arg(long)]
    pub access_token: Option<String>,
    /// The nonce the server gave.
    #[arg(long)]
    pub nonce: Option<String>,
}

/// Runs `dpop check` or `dpop proof`.
pub(crate) fn dpop(args: &DpopArgs, now: i64) -> CliResult {
    match &args.command {
        DpopCommand::Check(a) => check(a, now),
        DpopCommand::Proof(a) => proof(a, now),
    }
}

fn check(args: &DpopCheckArgs, now: i64) -> CliResult {
    let insp = token::inspect(&read_token(&args.proof, "DPoP proof")?)?;
    if let Some(e) = insp.first_error() {
        return Err(bad(format!("the proof cannot be read: {e}")));
    }
    let inputs = Inputs {
        htm: Some(args.htm.clone()),
        htu: Some(args.htu.clone()),
        access_token: args.access_token.clone(),
        nonce: args.nonce.clone(),
        jkt: args.jkt.clone(),
        proof_max_age: args.max_age,
        ..Inputs::default()
    };
    let checks = profiles::checks(Profile::DpopProof, &insp, &inputs, None, now);
    let ok = checks.iter().all(|c| c.ok);
    if args.json {
        output::print_json(&json!({
            "valid": ok,
            "checks": checks.iter().map(Check::to_json).collect::<Vec<_>>(),
        }));
    } else {
        let failed = checks.iter().filter(|c| !c.ok).count();
        if ok {
            say!("valid: every DPoP check passed (RFC 9449 section 4.3)");
        } else {
            say!("invalid: {failed} of {} DPoP checks failed", checks.len());
        }
        super::show::print_checks(&checks);
    }
    Ok(ExitCode::from(if ok { 0 } else { 1 }))
}

fn proof(args: &DpopProofArgs, now: i64) -> CliResult {
    let key = load_key(&args.key, None, Purpose::Sign)?;
    let alg = match &args.alg {
        Some(a) => parse_alg(a)?,
        None => key.default_alg(),
    };
    key.check_fits(alg, Purpose::Sign)?;
    let spec = DpopProof {
        htm: args.htm.clone(),
        htu: args.htu.clone(),
        access_token: args.access_token.clone(),
        nonce: args.nonce.clone(),
    };
    say!("{}", spec.sign(&key, alg, now)?);
    Ok(ExitCode::SUCCESS)
}
