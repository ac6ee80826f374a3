//! `keygen` and `key`: making, describing and converting keys.

use super::{CliResult, Fail, KeyCmdArgs, KeyFormatArg, KeygenArgs, output, parse_alg, say, tell};
use crate::core::alg::Family;
use crate::core::jwe::{KeyAlg, KeyFamily};
use crate::core::keys::{self, Key, Purpose};
use serde_json::Value;
use std::process::ExitCode;

/// The end of `keygen --help`: the algorithms, what is not supported, the files.
pub(crate) const KEYGEN_HELP: &str = "\
Algorithms: HS256 HS384 HS512; RS256 RS384 RS512 PS256 PS384 PS512 (--bits 2048, 3072, 4096);
ES256 ES384 ES512; EdDSA and Ed25519 (RFC 9864: one Ed25519 key fits both names);
ML-DSA-44 ML-DSA-65 ML-DSA-87 (RFC 9964, post-quantum). Not supported: Ed448, HashML-DSA,
SLH-DSA.

Files: the private key as PKCS#8 PEM (owner-only), the public key as SPKI PEM and the public
JWK with its alg; for HS*, the base64url secret and its JWK (both owner-only). ML-DSA keys also
get the private AKP JWK (priv = the 32-byte seed, owner-only); PEM keys are in seed form too.";

/// The end of `key --help`: the key types read and written, what `use` an export says.
pub(crate) const KEY_HELP: &str = "\
Reads PEM (PKCS#1, PKCS#8, SEC1, SPKI, certificates), DER, JWK and JWKS: RSA, EC P-256/384/521,
Ed25519 and X25519 (OKP), ML-DSA-44/65/87 (AKP, RFC 9964: priv must be the 32-byte seed; an
expanded private key, a pub of the wrong size or a pub that is not the seed's is refused),
and oct secrets. Not supported: Ed448, X448, HashML-DSA, SLH-DSA.

--to jwk and --to jwks keep what a key's JWK declared (use, alg, key_ops), so encryption keys
stay \"use\": \"enc\"; otherwise X25519 keys say enc, Ed25519 and ML-DSA keys sig, and RSA
and EC keys, which may do either, say nothing. Thumbprints are RFC 7638's (AKP: alg, kty, pub).";

/// What a key is for, in algorithm names: its JWS algorithms, unless its JWK says it is for
/// encryption (`use` other than sig) or it only agrees keys; then the JWE key management
/// algorithms its type serves (RSA1_5 left out: refused when encrypting).
fn algorithm_names(k: &Key) -> Vec<&'static str> {
    let declared_sig = k.jwk_use.as_deref().is_none_or(|u| u == "sig");
    let jws: Vec<&'static str> = k.algorithms().iter().map(|a| a.name()).collect();
    if declared_sig && !jws.is_empty() {
        return jws;
    }
    let family = match k.family() {
        Family::Rsa => KeyFamily::Rsa,
        Family::Ec(_) | Family::X25519 => KeyFamily::Ecdh,
        _ => return Vec::new(),
    };
    KeyAlg::ALL
        .iter()
        .filter(|a| a.family() == family && **a != KeyAlg::Rsa1_5)
        .filter(|a| k.jwk_alg.as_deref().is_none_or(|n| n == a.name()))
        .map(|a| a.name())
        .collect()
}

/// The note for an ML-DSA key: JWKS clients may not know its key type.
fn akp_note(k: &Key) -> Option<String> {
    match k.family() {
        Family::MlDsa(level) => Some(format!(
            "an {level} key is a JWK of kty \"AKP\" (RFC 9964): JWKS clients written before it skip such keys without a word (RFC 7517 section 5)"
        )),
        _ => None,
    }
}

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
    if args.x5c {
        return super::x5c::show(&args.file, args.x5c_root.as_deref(), now);
    }
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
                if k.family() != Family::Hmac {
                    say!("  thumbprint  {}", k.thumbprint());
                } else {
                    say!(
                        "  thumbprint  {} (of the secret: do not publish it)",
                        k.thumbprint()
                    );
                }
                say!("  algorithms  {}", algorithm_names(k).join(", "));
                for w in k.warnings(now) {
                    say!("  warning: {w}");
                }
                if let Some(note) = akp_note(k) {
                    say!("  note: {note}");
                }
            }
        }
        Some(KeyFormatArg::Jwks) => {
            if let Some(note) = file.keys.iter().find_map(akp_note) {
                tell!("note: {note}");
            }
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
            if args.public && k.family() == Family::Hmac {
                return Err(keys::KeyError::NoPublicPart.into());
            }
            let k = pick(k);
            let out = match to {
                KeyFormatArg::Jwk => {
                    output::json_text(&Value::Object(k.to_jwk(!args.public && k.is_private())?))
                }
                _ if k.is_private() && k.family() != Family::Hmac => k.private_pem()?,
                _ => k.public_pem()?,
            };
            say!("{}", out.trim_end());
        }
    }
    Ok(ExitCode::SUCCESS)
}
