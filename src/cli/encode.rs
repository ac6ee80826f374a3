//! `encode`, `pair` and `refresh`: signing tokens.

use super::{
    CliResult, EncodeArgs, Fail, PairArgs, RefreshArgs, load_key, load_key_for, parse_alg,
    read_arg, say,
};
use crate::core::error::Error;
use crate::core::keys::Purpose;
use crate::core::{Layout, inspect, json, recipes, sign};
use serde_json::{Value, json};
use std::process::ExitCode;

pub(crate) fn encode(args: &EncodeArgs, now: i64) -> CliResult {
    let payload = match &args.payload {
        Some(p) => read_arg(p, "payload")?,
        None => "{}".to_string(),
    };
    json::parse_object("payload", &payload)?;
    let header_in = args
        .header
        .clone()
        .unwrap_or_else(|| r#"{"typ":"JWT"}"#.to_string());
    let header_obj = json::parse_object("header", &header_in)?;
    // A token that this workbench's own verify rejects is not made: crit with an extension it
    // does not understand, b64 without crit, b64 false.
    if let Some(c) = crate::core::verify::crit_check(&header_obj).filter(|c| !c.ok) {
        let cite = c.cite.map(|c| format!(" ({c})")).unwrap_or_default();
        return Err(Fail {
            code: 2,
            message: format!(
                "the header would make a token that verify rejects: {}{cite}",
                c.detail
            ),
        });
    }
    let key = load_key(&args.key, args.kid.as_deref(), Purpose::Sign)?;
    let alg = match (&args.alg, header_obj.get("alg").and_then(Value::as_str)) {
        (Some(a), _) => parse_alg(a)?,
        (None, Some(a)) => parse_alg(a)?,
        (None, None) => key.default_alg(),
    };
    key.check_fits(alg, Purpose::Sign)?;
    let alg_json = Value::String(alg.name().to_string()).to_string();
    let mut header = if header_obj.contains_key("alg") {
        json::set_members("header", &header_in, &[("alg", alg_json)])?
    } else {
        json::with_leading_member("header", &header_in, "alg", &alg_json)?
    };
    if let Some(kid) = args.kid.clone().or_else(|| key.kid.clone()) {
        header = json::set_members(
            "header",
            &header,
            &[("kid", Value::String(kid).to_string())],
        )?;
    }
    let mut members: Vec<(&str, String)> = Vec::new();
    let payload_obj = json::parse_object("payload", &payload)?;
    if !args.no_iat && !payload_obj.contains_key("iat") {
        members.push(("iat", now.to_string()));
    }
    if let Some(secs) = args.exp {
        members.push(("exp", now.saturating_add(secs).to_string()));
    }
    let payload = if members.is_empty() {
        payload
    } else {
        json::set_members("payload", &payload, &members)?
    };
    let token = sign(&header, &payload, &key, Layout::Minified)?;
    say!("{token}");
    Ok(ExitCode::SUCCESS)
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
    let text = read_arg(&args.token, "token")?;
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
