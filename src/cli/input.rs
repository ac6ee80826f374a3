//! What the command line reads: arguments that may come from standard input or a file
//! (`-`, `@FILE`), algorithm names, the keys of `--secret`/`--key`, the verify policy and a
//! detached payload.

use super::{Fail, KeyArgs, VerifyArgs, tell};
use crate::core::keys::{self as corekeys, Key, Purpose};
use crate::core::token::MAX_TOKEN;
use crate::core::{alg::JwsAlg, files, verify::Policy};
use std::io::Read;
use std::path::Path;

pub(crate) fn policy_from(args: &VerifyArgs) -> Result<Policy, Fail> {
    Ok(Policy {
        algorithms: args
            .alg
            .iter()
            .map(|a| parse_alg(a.trim()))
            .collect::<Result<_, _>>()?,
        leeway: args.leeway,
        ignore_exp: args.ignore_exp,
        aud: args.aud.clone(),
        any_aud: args.any_aud,
        any_payload: args.any_payload,
        iss: args.iss.clone(),
        sub: args.sub.clone(),
        required: args.require.clone(),
    })
}

/// The bytes of `--payload`: text, @FILE (read as bytes, up to the token limit) or - for
/// standard input (when the token does not come from there).
pub(crate) fn attach_bytes(arg: &str, token_arg: &str) -> Result<Vec<u8>, Fail> {
    if arg == "-" && token_arg == "-" {
        return Err(Fail {
            code: 2,
            message: "the token and --payload cannot both come from standard input; give one \
                      of them as @FILE"
                .into(),
        });
    }
    Ok(match arg.strip_prefix('@') {
        Some(path) => files::read_capped(Path::new(path), MAX_TOKEN, "payload file")?,
        None => read_arg(arg, "payload")?.into_bytes(),
    })
}

pub(crate) fn read_arg(arg: &str, what: &str) -> Result<String, Fail> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    // Read one byte past the limit to tell "at the limit" from "over it" without reading all.
    let limit = crate::core::token::MAX_TOKEN;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Fail {
            code: 2,
            message: format!("cannot read the {what} from standard input: {e}"),
        })?;
    if bytes.len() > limit {
        return Err(Fail {
            code: 2,
            message: format!(
                "the {what} on standard input is over {} MiB, the limit; nothing was read",
                limit >> 20
            ),
        });
    }
    // Growth by doubling may have left up to twice the text's size reserved.
    bytes.shrink_to_fit();
    // One line terminator ends what was read (`echo TOKEN | … -`); it is not part of it.
    if bytes.ends_with(b"\n") {
        bytes.pop();
        if bytes.ends_with(b"\r") {
            bytes.pop();
        }
    }
    String::from_utf8(bytes).map_err(|e| Fail {
        code: 2,
        message: format!(
            "the {what} on standard input is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

pub(crate) fn parse_alg(name: &str) -> Result<JwsAlg, Fail> {
    JwsAlg::from_name(name).ok_or_else(|| {
        let hint = crate::core::alg::HeaderAlg::Unknown(name.to_string())
            .problem()
            .unwrap_or_default();
        Fail {
            code: 2,
            message: hint,
        }
    })
}

/// The key of `--secret` or `--key`, or the file of keys `--key` names (its notes on stderr).
enum Loaded {
    Secret(Key),
    File(corekeys::KeyFile),
}

fn load_keys(args: &KeyArgs) -> Result<Loaded, Fail> {
    if let Some(secret) = &args.secret {
        return Ok(Loaded::Secret(corekeys::parse_secret_spec(secret)?));
    }
    let mut merged: Option<corekeys::KeyFile> = None;
    for path in &args.key {
        let file = corekeys::load_key_file(path)?;
        for note in &file.notes {
            tell!("note: {note}");
        }
        merged = Some(match merged {
            None => file,
            // Several files make one set: keys are then told apart by kid and algorithm.
            Some(mut all) => {
                all.keys.extend(file.keys);
                all.is_set = true;
                all
            }
        });
    }
    merged.map(Loaded::File).ok_or(Fail {
        code: 2,
        message: "give --secret or --key".into(),
    })
}

/// Every key given, as one file: a secret is a file of one key.
pub(crate) fn load_key_set(args: &KeyArgs) -> Result<corekeys::KeyFile, Fail> {
    Ok(match load_keys(args)? {
        Loaded::Secret(key) => corekeys::KeyFile {
            keys: vec![key],
            is_set: false,
            notes: Vec::new(),
        },
        Loaded::File(file) => file,
    })
}

/// A token (or a JSON document) argument: the text, @FILE (UTF-8, up to the token limit) or -
/// for standard input.
pub(crate) fn read_token(arg: &str, what: &str) -> Result<String, Fail> {
    let Some(path) = arg.strip_prefix('@') else {
        return read_arg(arg, what);
    };
    let label = match what {
        "payload" => "payload file",
        "header" => "header file",
        _ => "token file",
    };
    let mut bytes = crate::core::files::read_capped(
        std::path::Path::new(path),
        crate::core::token::MAX_TOKEN,
        label,
    )?;
    // One line terminator ends a text file (`echo TOKEN > t.jwt`); it is not part of the token.
    if bytes.ends_with(b"\n") {
        bytes.pop();
        if bytes.ends_with(b"\r") {
            bytes.pop();
        }
    }
    String::from_utf8(bytes).map_err(|e| Fail {
        code: 2,
        message: format!(
            "the {what} file is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// The key to sign (or verify) with: a JWKS entry by `kid`, else the file's first fitting key.
pub(crate) fn load_key(args: &KeyArgs, kid: Option<&str>, purpose: Purpose) -> Result<Key, Fail> {
    match load_keys(args)? {
        Loaded::Secret(key) => Ok(key),
        Loaded::File(file) => Ok(file.pick(kid, purpose)?.clone()),
    }
}

/// The key for a token: looked up by its `kid` (a non-string `kid` is an error with a JWKS),
/// and among keys sharing it, the one that fits the token's algorithm.
pub(crate) fn load_key_for(
    args: &KeyArgs,
    insp: &crate::core::token::Inspection,
    purpose: Purpose,
) -> Result<Key, Fail> {
    match load_keys(args)? {
        Loaded::Secret(key) => Ok(key),
        Loaded::File(file) => {
            let alg = match &insp.alg {
                crate::core::alg::HeaderAlg::Known(a) => Some(*a),
                _ => None,
            };
            let index = file.pick_for_token(insp.header.as_ref().ok(), alg, purpose)?;
            file.keys
                .get(index)
                .cloned()
                .ok_or_else(|| corekeys::KeyError::NoUsableKey.into())
        }
    }
}
