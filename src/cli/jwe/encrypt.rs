//! `encrypt`: a plaintext (any bytes, or a signed token) encrypted to one recipient as a
//! compact JWE, or to one or several as a JWE JSON document (flattened or general) with an
//! optional `aad`.

use super::{Loaded, bad, clip, load_jwe_file, load_jwe_key, note_header_findings};
use crate::cli::{CliResult, EncryptArgs, Fail, SerializationArg, say, tell};
use crate::core::jwe::{
    self, ContentAlg, EncryptOptions, JsonForm, JweError, KeyAlg, KeyFamily, NOT_SUPPORTED,
    Recipient, Unsupported, looks_like_compact_jws,
};
use serde_json::Value;
use std::io::Read as _;
use std::process::ExitCode;

/// The largest plaintext read from standard input or `--aad @FILE` (12 MiB): its JWE then
/// stays under the 16 MiB that `decrypt` reads.
pub(crate) const MAX_PLAINTEXT: usize = 12 << 20;

/// The plaintext's bytes: the argument's text, or standard input for `-` (any bytes, up to
/// [`MAX_PLAINTEXT`]; one final line break of a UTF-8 text is dropped, as `echo` adds one).
fn read_plaintext(arg: &str) -> Result<Vec<u8>, Fail> {
    if arg != "-" {
        return Ok(arg.as_bytes().to_vec());
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_PLAINTEXT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            bad(format!(
                "cannot read the plaintext from standard input: {e}"
            ))
        })?;
    if bytes.len() > MAX_PLAINTEXT {
        return Err(bad(format!(
            "the plaintext on standard input is over {} MiB, the limit (its JWE would be over the 16 MiB decrypt reads)",
            MAX_PLAINTEXT >> 20
        )));
    }
    if std::str::from_utf8(&bytes).is_ok() && bytes.ends_with(b"\n") {
        bytes.pop();
        if bytes.ends_with(b"\r") {
            bytes.pop();
        }
    }
    Ok(bytes)
}

/// `--aad TEXT` or `--aad @FILE` (its bytes, up to [`MAX_PLAINTEXT`]).
fn read_aad(arg: &str) -> Result<Vec<u8>, Fail> {
    match arg.strip_prefix('@') {
        None => Ok(arg.as_bytes().to_vec()),
        Some(path) => {
            let path = std::path::Path::new(path);
            crate::core::files::read_capped(path, MAX_PLAINTEXT, "aad file").map_err(|e| {
                bad(format!(
                    "cannot read the aad from {}: {e}",
                    clip(&path.display().to_string(), 80)
                ))
            })
        }
    }
}

/// The key management algorithm for encrypting: unknown names list what `encrypt` supports,
/// and RSA1_5 is refused.
fn encrypt_alg(name: &str) -> Result<KeyAlg, Fail> {
    let why = |n: &str| {
        NOT_SUPPORTED
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, why)| *why)
    };
    match KeyAlg::from_name(name) {
        Some(KeyAlg::Rsa1_5) => Err(bad(format!(
            "RSA1_5 encryption is {}; use RSA-OAEP-256",
            why("RSA1_5 encryption").unwrap_or("refused")
        ))),
        Some(alg) => Ok(alg),
        None => {
            let names: Vec<&str> = KeyAlg::ALL
                .iter()
                .filter(|a| **a != KeyAlg::Rsa1_5)
                .map(|a| a.name())
                .collect();
            let why = why(name).map(|w| format!(" ({w})")).unwrap_or_default();
            Err(bad(format!(
                "key management algorithm \"{}\" is not supported{why}; encrypt supports: {}",
                clip(name, 40),
                names.join(", ")
            )))
        }
    }
}

/// True when `bytes` are a JSON object with a registered JWT claim.
fn is_claims(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    matches!(crate::core::json::parse_value("plaintext", text), Ok(Value::Object(o))
        if ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"].iter().any(|c| o.contains_key(*c)))
}

/// Each recipient's key (with its JWK's kid) and algorithm: `--secret` or each `--key`, one
/// `--alg` for all or one per key, `--kid` none or one per key.
fn recipients(args: &EncryptArgs) -> Result<Vec<(Loaded, KeyAlg)>, Fail> {
    let count = args.key.key.len().max(1);
    let algs = match args.alg.as_slice() {
        [one] => vec![encrypt_alg(one)?; count],
        many if many.len() == count => many
            .iter()
            .map(|a| encrypt_alg(a))
            .collect::<Result<_, _>>()?,
        many => {
            return Err(bad(format!(
                "--alg is given {} times for {count} --key: give it once (for every key) or once per --key, in order",
                many.len()
            )));
        }
    };
    if !args.kid.is_empty() && args.kid.len() != count {
        return Err(bad(format!(
            "--kid is given {} times for {count} --key: give it once per --key, in order, or leave it out (each JWK's kid is used)",
            args.kid.len()
        )));
    }
    let kid = |i: usize| args.kid.get(i).map(String::as_str);
    let loaded: Vec<Loaded> = if args.key.key.is_empty() {
        vec![load_jwe_key(&args.key, kid(0).as_slice(), false)?]
    } else {
        let mut out = Vec::new();
        for (i, path) in args.key.key.iter().enumerate() {
            out.push(load_jwe_file(path, kid(i).as_slice(), false)?);
        }
        out
    };
    Ok(loaded.into_iter().zip(algs).collect())
}

/// `encrypt`: prints the compact JWE or the JSON document; notes on stderr suggest
/// `--cty JWT` for a signed plaintext and flag unsigned claims, compression and odd
/// iteration counts.
pub(crate) fn encrypt(args: &EncryptArgs) -> CliResult {
    let enc = ContentAlg::from_name(&args.enc)
        .ok_or_else(|| JweError::from(Unsupported::content_alg(&args.enc)))?;
    let form = match args.serialization {
        SerializationArg::Compact => None,
        SerializationArg::Flattened => Some(JsonForm::Flattened),
        SerializationArg::General => Some(JsonForm::General),
    };
    if form.is_none() && args.aad.is_some() {
        return Err(bad(
            "a compact JWE has no aad member: give --serialization flattened or general with --aad"
                .into(),
        ));
    }
    let recipients = recipients(args)?;
    if form.is_none() && recipients.len() > 1 {
        return Err(bad(format!(
            "a compact JWE has one recipient; {} keys were given: add --serialization general",
            recipients.len()
        )));
    }
    let pbes2 = recipients
        .iter()
        .any(|(_, a)| a.family() == KeyFamily::Pbes2);
    if args.p2c.is_some() && !pbes2 {
        let algs: Vec<&str> = recipients.iter().map(|(_, a)| a.name()).collect();
        return Err(bad(format!(
            "--p2c is the PBES2 iteration count; {} has none, so leave it out",
            algs.join(", ")
        )));
    }
    let input = read_plaintext(&args.plaintext)?;
    let signed = looks_like_compact_jws(input.trim_ascii());
    let plaintext = if signed {
        input.trim_ascii()
    } else {
        &input[..]
    };
    let aad = args.aad.as_deref().map(read_aad).transpose()?;
    let recipients: Vec<Recipient> = recipients
        .into_iter()
        .enumerate()
        .map(|(i, (loaded, alg))| {
            let mut options = EncryptOptions::new(alg, enc);
            options.cty = args.cty.clone();
            options.zip = args.zip;
            options.kid = args.kid.get(i).cloned().or(loaded.kid);
            options.p2c = args.p2c;
            Recipient {
                options,
                key: loaded.key,
            }
        })
        .collect();
    let (out, headers) = match (form, recipients.as_slice()) {
        (Some(form), _) => {
            let doc = jwe::encrypt_json(plaintext, &recipients, aad.as_deref(), form)?;
            let headers = jwe::read_json(&doc)
                .map(|d| (0..d.recipients.len()).map(|i| d.joined(i)).collect())
                .unwrap_or_default();
            (doc, headers)
        }
        (None, [one]) => {
            let token = jwe::encrypt(plaintext, &one.options, &one.key)?;
            let headers = jwe::parse(&token)
                .map(|p| vec![p.header])
                .unwrap_or_default();
            (token, headers)
        }
        (None, _) => return Err(bad("give --secret or --key".into())),
    };
    if signed && args.cty.is_none() {
        tell!(
            "note: the plaintext is a signed JWT; add --cty JWT so that recipients verify it as a nested JWT (RFC 7519 section 5.2)"
        );
    }
    let public = recipients
        .iter()
        .any(|r| matches!(r.options.alg.family(), KeyFamily::Rsa | KeyFamily::Ecdh));
    if !signed && is_claims(plaintext) && public {
        tell!(
            "note: the plaintext is unsigned claims: anyone holding the recipient's public key could have made this token; sign them first (jwt-workbench encode), then encrypt the signed token with --cty JWT"
        );
    }
    note_header_findings(headers);
    say!("{out}");
    Ok(ExitCode::SUCCESS)
}
