//! `keygen` and `key`: making, describing and converting keys.

use super::{CliResult, Fail, KeyCmdArgs, KeyFormatArg, KeygenArgs, parse_alg, say};
use crate::core::keys::{self, Key, Purpose};
use serde_json::Value;
use std::process::ExitCode;

/// Writes a file; private material gets owner-only permissions (0600) on Unix.
fn write_file(
    path: &std::path::Path,
    contents: &str,
    private: bool,
    force: bool,
) -> Result<(), Fail> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true);
    if force {
        opts.create(true).truncate(true);
    } else {
        opts.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(if private { 0o600 } else { 0o644 });
    }
    let fail = |e: std::io::Error| {
        let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
            " (use --force to overwrite)"
        } else {
            ""
        };
        Fail {
            code: 2,
            message: format!("cannot write {}: {e}{hint}", path.display()),
        }
    };
    use std::io::Write as _;
    opts.open(path)
        .and_then(|mut f| f.write_all(contents.as_bytes()))
        .map_err(fail)
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
                eprintln!("note: {note}");
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
                let algs: Vec<&str> = k.algorithms().iter().map(|a| a.name()).collect();
                say!("  algorithms  {}", algs.join(", "));
                for w in k.warnings(now) {
                    say!("  warning: {w}");
                }
            }
        }
        Some(KeyFormatArg::Jwks) => {
            say!(
                "{}",
                serde_json::to_string_pretty(&keys::public_jwks(&file.keys)).unwrap_or_default()
            );
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
            let k = pick(k);
            let out = match to {
                KeyFormatArg::Jwk => {
                    serde_json::to_string_pretty(&Value::Object(k.to_jwk(k.is_private())?))
                        .unwrap_or_default()
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
