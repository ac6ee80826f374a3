//! `jwks fetch URL` (the keys, each with kid, kty, alg, use and thumbprint or why it cannot
//! be used, and the TLS facts) and `jwks plan URL` (what would be sent, and the curl command,
//! without connecting).

use super::remote::{NetArgs, fetch_noted, options};
use super::{CliResult, output, say};
use crate::core::claims::utc_text;
use crate::fetch::{Fetched, KeyRow, Plan, Source};
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use std::process::ExitCode;

/// `jwks` arguments.
#[derive(Debug, Args)]
pub struct JwksArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: JwksCommand,
}

/// `jwks` subcommands.
#[derive(Debug, Subcommand)]
pub enum JwksCommand {
    /// Fetch a JWKS (or an OpenID discovery document's, given its
    /// .well-known/openid-configuration URL) and list every key; exit 2 if refused.
    Fetch(JwksFetchArgs),
    /// Print what `fetch` would send and to whom, and the same request as a curl command,
    /// without connecting.
    Plan(JwksPlanArgs),
}

/// `jwks fetch` arguments.
#[derive(Debug, Args)]
pub struct JwksFetchArgs {
    /// The JWKS URL (https), or a discovery document's URL.
    pub url: String,
    /// Network flags.
    #[command(flatten)]
    pub net: NetArgs,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `jwks plan` arguments.
#[derive(Debug, Args)]
pub struct JwksPlanArgs {
    /// The JWKS URL (https), or a discovery document's URL.
    pub url: String,
    /// Network flags, as `fetch` would use them.
    #[command(flatten)]
    pub net: NetArgs,
}

/// Runs `jwks`.
pub(crate) fn jwks(args: &JwksArgs) -> CliResult {
    match &args.command {
        JwksCommand::Plan(a) => {
            let plan = Plan::new(Source::from_url(&a.url)?, options(&a.net)?);
            for line in plan.lines() {
                say!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        JwksCommand::Fetch(a) => fetch(a),
    }
}

fn row_json(r: &KeyRow) -> Value {
    json!({
        "kid": r.kid, "kty": r.kty, "alg": r.alg, "use": r.usage,
        "thumbprint": r.thumbprint, "usable": r.problem.is_none(),
        "problem": r.problem, "private": r.private,
    })
}

fn step_json(s: &Fetched) -> Value {
    json!({
        "url": s.url.to_string(),
        "final_url": s.final_url.to_string(),
        "addresses": s.addresses.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "fetched_at": s.fetched_at,
        "bytes": s.body.len(),
        "tls": s.tls.as_ref().map(|t| json!({
            "subject": t.subject, "issuer": t.issuer, "not_after": t.not_after, "san": t.san,
        })),
    })
}

fn fetch(a: &JwksFetchArgs) -> CliResult {
    let source = Source::from_url(&a.url)?;
    let got = fetch_noted(&source, &a.net)?;
    let rows = &got.keys.rows;
    if a.json {
        output::print_json(&json!({
            "steps": got.steps.iter().map(step_json).collect::<Vec<_>>(),
            "keys": rows.iter().map(row_json).collect::<Vec<_>>(),
        }));
        return Ok(ExitCode::SUCCESS);
    }
    for s in &got.steps {
        say!("{}", s.final_url);
        let addrs: Vec<String> = s.addresses.iter().map(ToString::to_string).collect();
        say!("  addresses  {}", addrs.join(", "));
        if let Some(t) = &s.tls {
            say!("  TLS        {} (issuer {})", t.subject, t.issuer);
            say!("  expires    {}", utc_text(t.not_after));
        }
        say!("  fetched    {}", utc_text(s.fetched_at));
    }
    let usable = rows.iter().filter(|r| r.problem.is_none()).count();
    say!("keys: {} ({usable} usable)", rows.len());
    for r in rows {
        let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        say!(
            "  kid {}  kty {}  alg {}  use {}  thumbprint {}",
            dash(&r.kid),
            r.kty,
            dash(&r.alg),
            dash(&r.usage),
            dash(&r.thumbprint)
        );
        if let Some(p) = &r.problem {
            say!("    not usable: {p}");
        }
        if r.private {
            say!("    warning: this published key holds private members");
        }
    }
    Ok(ExitCode::SUCCESS)
}
