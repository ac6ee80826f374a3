//! Keys from elsewhere for `verify`: a JWKS URL, OpenID discovery from the issuer given with `--iss`, or
//! the token's own `x5c` chain checked against pinned roots. Every fetch happens only because
//! a flag asked for it, and says on stderr what it fetched and from whom.

use super::{Fail, FoundKey, tell, x5c};
use crate::core::alg::HeaderAlg;
use crate::core::claims::utc_text;
use crate::core::keys::{Purpose, x5c as corex5c};
use crate::core::token::Inspection;
use crate::core::verify::Check;
use crate::fetch::{Cancel, FetchError, KeysFetch, Options, Source};
use clap::Args;
use std::path::PathBuf;

/// Network flags: whom TLS trusts and which addresses may be reached.
#[derive(Debug, Args, Clone, Default)]
pub struct NetArgs {
    /// An extra trusted root certificate (PEM) for TLS, besides the system's: a private CA.
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,
    /// Allow hosts that resolve to loopback, private, link-local or unique-local addresses
    /// (refused by default: SSRF, RFC 8725bis section 3.10).
    #[arg(long)]
    pub allow_private: bool,
    /// Allow plain http, and only to a loopback address (for local test servers).
    #[arg(long)]
    pub allow_http_loopback: bool,
}

/// `verify`'s keys from elsewhere (each instead of --key or --secret).
#[derive(Debug, Args, Clone, Default)]
pub struct RemoteKeyArgs {
    /// Fetch the keys from this JWKS URL (https), now, because you asked; `jwks plan URL`
    /// shows what is sent first. The token's kid picks the key.
    #[arg(long, value_name = "URL", group = "KeyArgs")]
    pub jwks_url: Option<String>,
    /// Fetch the keys the issuer given with --iss publishes: ISS +
    /// /.well-known/openid-configuration, whose issuer must equal it exactly, then the jwks_uri
    /// it names (https); the token's iss must then equal --iss too.
    #[arg(long, group = "KeyArgs")]
    pub discover: bool,
    /// Verify with the leaf key of the token's x5c chain, only if the chain validates (at
    /// now) to a root in this PEM file.
    #[arg(long, value_name = "FILE", group = "KeyArgs")]
    pub x5c_root: Option<PathBuf>,
    /// Network flags for --jwks-url and --discover.
    #[command(flatten)]
    pub net: NetArgs,
}

impl From<FetchError> for Fail {
    fn from(e: FetchError) -> Self {
        Fail {
            code: 2,
            message: e.to_string(),
        }
    }
}

impl From<corex5c::X5cError> for Fail {
    fn from(e: corex5c::X5cError) -> Self {
        Fail {
            code: 2,
            message: e.to_string(),
        }
    }
}

/// The fetch options the flags ask for (the --cacert file read here).
pub(crate) fn options(net: &NetArgs) -> Result<Options, Fail> {
    let extra_roots = match &net.cacert {
        None => Vec::new(),
        Some(path) => {
            let bytes = crate::core::files::read_capped(
                path,
                crate::core::keys::MAX_KEY_FILE,
                "--cacert file",
            )?;
            let text = String::from_utf8_lossy(&bytes);
            corex5c::pem_certificates(&text).map_err(|e| Fail {
                code: 2,
                message: format!("--cacert {}: {e}", path.display()),
            })?
        }
    };
    Ok(Options {
        allow_private: net.allow_private,
        allow_http_loopback: net.allow_http_loopback,
        extra_roots,
        ..Options::default()
    })
}

/// Fetches the keys of `source` and says on stderr what came from where.
pub(crate) fn fetch_noted(source: &Source, net: &NetArgs) -> Result<KeysFetch, Fail> {
    let opts = options(net)?;
    let got = crate::fetch::fetch_keys(source, &opts, &Cancel::default())?;
    for step in &got.steps {
        let tls = step.tls.as_ref().map_or_else(
            || "no TLS".to_string(),
            |t| format!("TLS {} (expires {})", t.subject, utc_text(t.not_after)),
        );
        tell!(
            "fetched {} ({} bytes, {tls}) at {}",
            step.final_url,
            step.body.len(),
            utc_text(step.fetched_at)
        );
    }
    Ok(got)
}

/// Where `--jwks-url` or `--discover` fetch from; `None` without them. Discovery starts from
/// the issuer the user expects (`--iss`), never from the token's own `iss`: a forged token
/// could name a server that publishes the forger's keys, with a discovery document to match.
fn source_for(args: &RemoteKeyArgs, expected_iss: Option<&str>) -> Result<Option<Source>, Fail> {
    match (&args.jwks_url, args.discover, expected_iss) {
        (Some(url), _, _) => Ok(Some(Source::from_url(url)?)),
        (None, true, Some(iss)) => Ok(Some(Source::discover(iss)?)),
        (None, true, None) => Err(Fail {
            code: 2,
            message: "--discover needs --iss ISSUER, the issuer you trust: discovery from the token's own iss would let a forged token name a server that serves the forger's keys".into(),
        }),
        (None, false, _) => Ok(None),
    }
}

/// The key set `verify` of a JWS JSON document uses when `--jwks-url` or `--discover` (from
/// the payload's `iss`) is given: each signature's kid picks from it; `Ok(None)` without
/// them. `--x5c-root` reads a compact token's x5c only, and says so.
pub(crate) fn key_set_for(
    args: &RemoteKeyArgs,
    expected_iss: Option<&str>,
) -> Result<Option<crate::core::keys::KeyFile>, Fail> {
    if args.x5c_root.is_some() {
        return Err(Fail {
            code: 2,
            message: "--x5c-root reads the x5c of a compact token; for a JWS JSON document, convert the signature you want to compact (convert DOC --to compact --index N) and verify that".into(),
        });
    }
    let Some(source) = source_for(args, expected_iss)? else {
        return Ok(None);
    };
    let got = fetch_noted(&source, &args.net)?;
    got.keys.file.map(Some).ok_or_else(|| Fail {
        code: 2,
        message: "the fetched key set has no key that can verify a signature (jwks fetch URL lists each with the reason)".into(),
    })
}

/// The key `verify` uses when a key-from-elsewhere flag is given, with a check saying where
/// it came from; `Ok(None)` when none is given. An x5c chain that is not trusted gives no key
/// and a signature status that says why (exit 1).
pub(crate) fn key_for(
    args: &RemoteKeyArgs,
    insp: &Inspection,
    now: i64,
    expected_iss: Option<&str>,
) -> Result<Option<FoundKey>, Fail> {
    if let Some(path) = &args.x5c_root {
        return x5c::verify_key(path, insp, now).map(Some);
    }
    let Some(source) = source_for(args, expected_iss)? else {
        return Ok(None);
    };
    let got = fetch_noted(&source, &args.net)?;
    let Some(file) = got.keys.file else {
        return Err(Fail {
            code: 2,
            message: "the fetched key set has no key that can verify a signature (jwks fetch URL lists each with the reason)".into(),
        });
    };
    let alg = match &insp.alg {
        HeaderAlg::Known(a) => Some(*a),
        _ => None,
    };
    let index = file.pick_for_token(insp.header.as_ref().ok(), alg, Purpose::Verify)?;
    let key = file
        .keys
        .get(index)
        .cloned()
        .ok_or(crate::core::keys::KeyError::NoUsableKey)?;
    let from = got
        .steps
        .last()
        .map_or_else(String::new, |s| s.final_url.to_string());
    let kid = key.kid.clone().unwrap_or_else(|| "(no kid)".into());
    let check = Check::pass(
        "key source",
        format!(
            "key {kid} (of {} in the set) fetched from {from}",
            file.keys.len()
        ),
    );
    Ok(Some(FoundKey {
        key: Some(key),
        check,
        status: None,
    }))
}
