//! `encode`, `pair` and `refresh`: signing tokens.

use super::{
    CliResult, EncodeArgs, Fail, PairArgs, RefreshArgs, SerializationArg, load_key, load_key_for,
    load_key_set, parse_alg, read_token, say,
};
use crate::core::error::Error;
use crate::core::jws_json::{self, Signer};
use crate::core::keys::{Key, Purpose};
use crate::core::{
    alg::JwsAlg,
    json, recipes,
    sign::{Layout, PayloadForm, sign, sign_compact},
    token::inspect,
};
use serde_json::{Value, json};
use std::process::ExitCode;

pub(crate) fn encode(args: &EncodeArgs, now: i64) -> CliResult {
    let payload = claims_text(args, now)?;
    let header_in = match &args.header {
        Some(h) if h.starts_with('@') => read_token(h, "header")?,
        Some(h) => h.clone(),
        None => r#"{"typ":"JWT"}"#.to_string(),
    };
    let header_obj = json::parse_object("header", &header_in)?;
    let header_alg = header_obj.get("alg").and_then(Value::as_str);
    let unencoded = args.b64 == Some(false) || header_obj.get("b64") == Some(&Value::Bool(false));
    let header_in = if unencoded {
        with_b64_false(&header_in)?
    } else {
        header_in
    };
    if args.serialization != SerializationArg::Compact {
        let keys = signing_keys(args, header_alg)?;
        return encode_json(args, &header_in, &payload, unencoded, &keys);
    }
    if args.key.key.len() > 1 {
        return Err(Fail {
            code: 2,
            message: "several --key sign only with --serialization general (one signature each)"
                .into(),
        });
    }
    let key = load_key(&args.key, args.kid.as_deref(), Purpose::Sign)?;
    let alg = match (args.alg.as_deref(), header_alg) {
        (Some(a), _) | (None, Some(a)) => parse_alg(a)?,
        (None, None) => key.default_alg(),
    };
    key.check_fits(alg, Purpose::Sign)?;
    let header = with_alg_and_kid(
        &header_in,
        alg,
        args.kid.clone().or_else(|| key.kid.clone()),
    )?;
    check_header(&json::parse_object("header", &header)?)?;
    let token = if unencoded || args.detached {
        let form = PayloadForm {
            unencoded,
            detached: args.detached,
        };
        let h = json::minify("header", &header)?;
        let p = json::minify("payload", &payload)?;
        sign_compact(&h, p.as_bytes(), alg, &key, form)?
    } else {
        sign(&header, &payload, &key, Layout::Minified)?
    };
    say!("{token}");
    Ok(ExitCode::SUCCESS)
}

/// The payload argument (or `{}`) with iat (unless --no-iat) and exp (with --exp) added.
fn claims_text(args: &EncodeArgs, now: i64) -> Result<String, Fail> {
    let payload = match &args.payload {
        Some(p) => read_token(p, "payload")?,
        None => "{}".to_string(),
    };
    let payload_obj = json::parse_object("payload", &payload)?;
    let mut members: Vec<(&str, String)> = Vec::new();
    if !args.no_iat && !payload_obj.contains_key("iat") {
        members.push(("iat", now.to_string()));
    }
    if let Some(secs) = args.exp {
        members.push(("exp", now.saturating_add(secs).to_string()));
    }
    if members.is_empty() {
        Ok(payload)
    } else {
        Ok(json::set_members("payload", &payload, &members)?)
    }
}

/// The header text with `alg` first (or replaced where it stands) and `kid` set.
fn with_alg_and_kid(header: &str, alg: JwsAlg, kid: Option<String>) -> Result<String, Fail> {
    let alg_json = Value::String(alg.name().to_string()).to_string();
    let mut header = if json::parse_object("header", header)?.contains_key("alg") {
        json::set_members("header", header, &[("alg", alg_json)])?
    } else {
        json::with_leading_member("header", header, "alg", &alg_json)?
    };
    if let Some(kid) = kid {
        header = json::set_members(
            "header",
            &header,
            &[("kid", Value::String(kid).to_string())],
        )?;
    }
    Ok(header)
}

/// The keys that sign a JSON document, each with its algorithm: `--alg` for all when given,
/// else the key's JWK `alg`, else what its type signs by default.
fn signing_keys(args: &EncodeArgs, header_alg: Option<&str>) -> Result<Vec<(Key, JwsAlg)>, Fail> {
    let file = load_key_set(&args.key)?;
    let mut out = Vec::new();
    for key in file.keys.into_iter().filter(Key::is_private) {
        let alg = match (args.alg.as_deref().or(header_alg), &key.jwk_alg) {
            (Some(a), _) => parse_alg(a)?,
            (None, Some(a)) => parse_alg(a)?,
            (None, None) => key.default_alg(),
        };
        key.check_fits(alg, Purpose::Sign)?;
        out.push((key, alg));
    }
    if out.is_empty() {
        return Err(Fail {
            code: 2,
            message: "no private key or secret to sign with among the keys given".into(),
        });
    }
    Ok(out)
}

/// `encode --serialization flattened|general`: the header (with each key's alg and kid) is
/// protected; one signature per key.
fn encode_json(
    args: &EncodeArgs,
    header: &str,
    payload: &str,
    unencoded: bool,
    keys: &[(Key, JwsAlg)],
) -> CliResult {
    let mut protected = Vec::with_capacity(keys.len());
    for (key, alg) in keys {
        let h = with_alg_and_kid(header, *alg, args.kid.clone().or_else(|| key.kid.clone()))?;
        check_header(&json::parse_object("header", &h)?)?;
        protected.push(json::minify("header", &h)?);
    }
    let signers: Vec<Signer<'_>> = keys
        .iter()
        .zip(protected)
        .map(|((key, alg), protected)| Signer {
            key,
            alg: *alg,
            protected,
            unprotected: None,
        })
        .collect();
    let payload = json::minify("payload", payload)?;
    let doc = jws_json::sign_json(
        payload.as_bytes(),
        &signers,
        args.serialization.core(),
        unencoded,
        args.detached,
    )?;
    say!("{doc}");
    Ok(ExitCode::SUCCESS)
}

/// The header with `"b64": false` and `b64` listed in `crit` (RFC 7797 section 6).
fn with_b64_false(header: &str) -> Result<String, Fail> {
    let obj = json::parse_object("header", header)?;
    let mut crit: Vec<Value> = match obj.get("crit") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    if !crit.iter().any(|c| c.as_str() == Some("b64")) {
        crit.push(Value::String("b64".into()));
    }
    let crit = Value::Array(crit).to_string();
    Ok(json::set_members(
        "header",
        header,
        &[("b64", "false".to_string()), ("crit", crit)],
    )?)
}

/// Refuses a header whose token this workbench's own `verify` would reject: `crit` with an
/// extension it does not understand, `b64` outside `crit`.
fn check_header(header: &serde_json::Map<String, Value>) -> Result<(), Fail> {
    match crate::core::verify::crit_check(header).filter(|c| !c.ok) {
        None => Ok(()),
        Some(c) => {
            let cite = c.cite.map(|c| format!(" ({c})")).unwrap_or_default();
            Err(Fail {
                code: 2,
                message: format!(
                    "the header would make a token that verify rejects: {}{cite}",
                    c.detail
                ),
            })
        }
    }
}

pub(crate) fn pair(args: &PairArgs, now: i64) -> CliResult {
    let key = load_key(&args.key, None, Purpose::Sign)?;
    let alg = match &args.alg {
        Some(a) => parse_alg(a)?,
        None => key.default_alg(),
    };
    let pair = recipes::token_pair(&args.sub, &key, alg, now)?;
    let out = json!({
        "access_token": pair.access,
        "refresh_token": pair.refresh,
        "token_type": "Bearer",
        "expires_in": recipes::ACCESS_TTL,
        "refresh_expires_in": recipes::REFRESH_TTL,
    });
    super::output::print_json(&out);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn refresh(args: &RefreshArgs, now: i64) -> CliResult {
    let text = read_token(&args.token, "token")?;
    let key = match inspect(&text) {
        Ok(insp) => load_key_for(&args.key, &insp, Purpose::Sign)?,
        Err(_) => load_key(&args.key, None, Purpose::Sign)?,
    };
    let alg = args.alg.as_deref().map(parse_alg).transpose()?;
    match recipes::refresh(&text, &key, alg, now) {
        Ok(token) => {
            say!("{token}");
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Claim(m)) => Err(Fail {
            code: 1,
            message: m,
        }),
        Err(e) => Err(e.into()),
    }
}
