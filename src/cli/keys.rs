//! `keygen` and `key`: making, describing and converting keys.

use super::{CliResult, Fail, KeyCmdArgs, KeyFormatArg, KeygenArgs, output, parse_alg, say, tell};
use crate::core::keys::{self, Key, Purpose};
use serde_json::Value;
use std::process::ExitCode;

/// Writes a key file as a new file in its folder (never through a link at that name): private
/// material owner-only (0600), also when it replaces an existing file.
fn write_file(
    path: &std::path::Path,
    contents: &str,
    private: bool,
    force: bool,
) -> Result<(), Fail> {
    use crate::core::files::{Access, write_new};
    let access = if private {
        Access::Owner
    } else {
        Access::Public
    };
    write_new(path, contents.as_bytes(), access, force).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
            " (use --force to overwrite)"
        } else {
            ""
        };
        Fail {
            code: 2,
            message: format!("cannot write {}: {e}{hint}", path.display()),
        }
    })
}

pub(crate) fn keygen(args: &KeygenArgs) -> CliResult {
    let alg = parse_alg(&args.alg)?;
    let spec = keys::KeySpec {
        alg,
        rsa_bits: args.bits,
        kid: args.kid.clone(),
    };
    let key = keys::generate(&spec)?;
    std::fs::create_dir_all(&args.out_dir).map_err(|e| Fail {
        code: 2,
        message: format!("cannot create {}: {e}", args.out_dir.display()),
    })?;
    let mut written = Vec::new();
    for (file, what) in keys::keygen_files(&key, alg)? {
        let path = args.out_dir.join(&file.name);
        write_file(&path, &file.contents, file.private, args.force)?;
        written.push((path, what));
    }
    say!("{}", key.describe());
    say!("  thumbprint  {}", key.thumbprint());
    for (path, what) in written {
        say!("  {}  {what}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn key_cmd(args: &KeyCmdArgs, now: i64) -> CliResult {
    let file = keys::load_key_file(&args.file)?;
    let pick = |k: &Key| {
        if args.public {
            k.public_half()
        } else {
            k.clone()
        }
    };
    match args.to {
        None => {
            for note in &file.notes {
                tell!("note: {note}");
            }
            for k in &file.keys {
                say!("{}", k.describe());
                if k.family() != crate::core::Family::Hmac {
                    say!("  thumbprint  {}", k.thumbprint());
                } else {
                    say!(
                        "  thumbprint  {} (of the secret: do not publish it)",
                        k.thumbprint()
                    );
                }
                let algs: Vec<&str> = if k.family() == crate::core::Family::X25519 {
                    // A key-agreement key: no JWS algorithm, JWE's ECDH-ES ones.
                    crate::core::jwe::KeyAlg::ALL
                        .iter()
                        .filter(|a| a.family() == crate::core::jwe::KeyFamily::Ecdh)
                        .map(|a| a.name())
                        .collect()
                } else {
                    k.algorithms().iter().map(|a| a.name()).collect()
                };
                say!("  algorithms  {}", algs.join(", "));
                for w in k.warnings(now) {
                    say!("  warning: {w}");
                }
            }
        }
        Some(KeyFormatArg::Jwks) => {
            output::print_json(&keys::public_jwks(&file.keys));
        }
        Some(to) => {
            let k = file.pick(
                None,
                if args.public {
                    Purpose::Verify
                } else {
                    Purpose::Sign
                },
            )?;
            // A secret has no public half: asking for one must not print the secret.
            if args.public && k.family() == crate::core::Family::Hmac {
                return Err(keys::KeyError::NoPublicPart.into());
            }
            let k = pick(k);
            let out = match to {
                KeyFormatArg::Jwk => {
                    output::json_text(&Value::Object(k.to_jwk(!args.public && k.is_private())?))
                }
                _ if k.is_private() && k.family() != crate::core::Family::Hmac => {
                    k.private_pem()?
                }
                _ => k.public_pem()?,
            };
            say!("{}", out.trim_end());
        }
    }
    Ok(ExitCode::SUCCESS)
}
