//! x5c on the command line: `key TOKEN_OR_CERT --x5c [--x5c-root FILE]` shows a chain
//! certificate by certificate (and whether it validates to the pinned roots); `verify TOKEN
//! --x5c-root FILE` verifies with the leaf key only when the chain validates.

use super::{CliResult, Fail, FoundKey, read_token, say};
use crate::core::claims::utc_text;
use crate::core::keys::x5c::{self, CertDetails, X5cError};
use crate::core::token::Inspection;
use crate::core::token::inspect;
use crate::core::verify::{Check, Fault};
use crate::core::verify::{SignatureStatus, Unchecked};
use std::path::Path;
use std::process::ExitCode;

/// The pinned roots in a PEM file.
fn roots_from(path: &Path) -> Result<Vec<Vec<u8>>, Fail> {
    let bytes =
        crate::core::files::read_capped(path, crate::core::keys::MAX_KEY_FILE, "roots file")?;
    x5c::pem_certificates(&String::from_utf8_lossy(&bytes)).map_err(|e| Fail {
        code: 2,
        message: format!("--x5c-root {}: {e}", path.display()),
    })
}

/// `verify --x5c-root FILE`: the leaf key and a passed check naming the root, or no key, a
/// failed check and the reason as the signature's status (exit 1).
pub(crate) fn verify_key(roots: &Path, insp: &Inspection, now: i64) -> Result<FoundKey, Fail> {
    let roots = roots_from(roots)?;
    let header = insp.header.as_ref().map_err(|e| Fail {
        code: 2,
        message: e.to_string(),
    })?;
    match x5c::trust_token(header, &roots, now) {
        Ok(trusted) => {
            let check = Check::pass("x5c", trusted.sentence()).cite("RFC 7515", "4.1.6");
            Ok(FoundKey {
                key: Some(trusted.leaf_key),
                check,
                status: None,
            })
        }
        Err(e) if x5c::is_refusal(&e) => {
            let why = format!("the x5c chain is not trusted: {e}");
            let check = Check::fail("x5c", Fault::Mismatch, why.clone()).cite("RFC 7515", "4.1.6");
            Ok(FoundKey {
                key: None,
                check,
                status: Some(SignatureStatus::Unchecked(Unchecked::NoKey, why)),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// The certificates `arg` names: a PEM file of certificates, or a token (text, @FILE, -, or
/// a file holding one) whose header carries x5c.
fn chain_from(arg: &Path) -> Result<Vec<Vec<u8>>, Fail> {
    let text = if arg.is_file() {
        let bytes = crate::core::files::read_capped(arg, crate::core::keys::MAX_KEY_FILE, "file")?;
        String::from_utf8_lossy(&bytes).trim().to_string()
    } else {
        read_token(&arg.to_string_lossy(), "token")?
    };
    if text.contains("-----BEGIN") {
        return Ok(x5c::pem_certificates(&text)?);
    }
    let insp: Inspection = inspect(&text)?;
    let header = insp.header.as_ref().map_err(|e| Fail {
        code: 2,
        message: e.to_string(),
    })?;
    Ok(x5c::chain_of(header)?)
}

fn print_cert(i: usize, c: &CertDetails, now: i64) {
    let state = if c.valid_at(now) {
        "valid now"
    } else if now > c.not_after {
        "EXPIRED"
    } else {
        "NOT YET VALID"
    };
    say!("certificate {i} ({})", x5c::position(i));
    say!("  subject    {}", c.subject);
    say!("  issuer     {}", c.issuer);
    say!(
        "  validity   {} to {} ({state})",
        utc_text(c.not_before),
        utc_text(c.not_after)
    );
    say!("  key usage  {}", c.key_usage_text());
    let san = if c.san.is_empty() {
        "none".to_string()
    } else {
        c.san.join(", ")
    };
    say!("  SAN        {san}");
    say!("  CA         {}", if c.is_ca { "yes" } else { "no" });
    say!("  key        {}", c.key);
    say!("  SHA-256    {}", c.sha256);
}

/// `key TOKEN_OR_CERT --x5c [--x5c-root FILE]`: exit 0 shown (or validated), 1 the chain does
/// not validate to the pinned roots, 2 nothing readable.
pub(crate) fn show(arg: &Path, roots: Option<&Path>, now: i64) -> CliResult {
    let chain = chain_from(arg)?;
    let details = x5c::describe_chain(&chain)?;
    for (i, c) in details.iter().enumerate() {
        print_cert(i, c, now);
    }
    let Some(roots) = roots else {
        say!(
            "trust: shown, not trusted (give --x5c-root FILE to validate it against roots you pin)"
        );
        return Ok(ExitCode::SUCCESS);
    };
    match x5c::validate(&chain, &roots_from(roots)?, now) {
        Ok(t) => {
            say!("trust: {}", t.sentence());
            Ok(ExitCode::SUCCESS)
        }
        Err(e @ X5cError::NotACertificate { .. }) => Err(e.into()),
        Err(e) => {
            say!("trust: NOT trusted: {e}");
            Ok(ExitCode::from(1))
        }
    }
}
