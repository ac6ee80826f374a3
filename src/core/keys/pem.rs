//! PEM armour: reading blocks (also when a paste turned the line breaks into spaces) and
//! writing them.

use super::container::{self, Hint};
use super::{Key, KeyError, KeyFile};
use crate::core::b64;

/// PEM armour: base64 in 64-character lines between BEGIN and END lines.
pub fn pem_encode(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// Wraps a DER key in PEM armour with the label its structure calls for, so binary key
/// files can be shown and edited as text.
pub fn der_to_pem(bytes: &[u8]) -> Result<String, KeyError> {
    let label = match container::detect_der(bytes)? {
        Hint::Pkcs1Private => "RSA PRIVATE KEY",
        Hint::Pkcs1Public => "RSA PUBLIC KEY",
        Hint::Pkcs8 => "PRIVATE KEY",
        Hint::Sec1 => "EC PRIVATE KEY",
        Hint::Spki => "PUBLIC KEY",
        Hint::Certificate => "CERTIFICATE",
    };
    Ok(pem_encode(label, bytes))
}

/// One armoured block.
pub(crate) struct PemBlock {
    /// The BEGIN label.
    pub label: String,
    /// `Proc-Type: 4,ENCRYPTED` was present.
    pub encrypted: bool,
    /// The decoded body.
    pub der: Vec<u8>,
}

/// Puts the armour lines of a PEM that lost its line breaks (pasted into a one-line field,
/// or kept in an environment variable) back on lines of their own.
fn relined(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find("-----") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let after_dashes = from.get(5..).unwrap_or("");
        let Some(close) = after_dashes.find("-----") else {
            out.push_str(from);
            return out;
        };
        let marker = from.get(..close + 10).unwrap_or(from);
        out.push('\n');
        out.push_str(marker);
        out.push('\n');
        rest = from.get(close + 10..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Splits PEM text into its blocks.
pub(crate) fn pem_blocks(text: &str) -> Result<Vec<PemBlock>, KeyError> {
    let text = relined(text);
    let mut blocks = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut body = String::new();
        let mut encrypted = false;
        let mut closed = false;
        for l in lines.by_ref() {
            if l == end {
                closed = true;
                break;
            }
            if l.starts_with("-----") {
                return Err(KeyError::PemWrongEnd {
                    label: label.to_string(),
                    found: l.to_string(),
                    expected: end,
                });
            }
            if l.contains(':') {
                encrypted |= l.starts_with("Proc-Type:") && l.contains("ENCRYPTED");
                continue;
            }
            body.push_str(l);
        }
        if !closed {
            return Err(KeyError::PemNoEnd {
                label: label.to_string(),
            });
        }
        let der = b64::decode_lenient(&body).map_err(|detail| KeyError::PemBase64 {
            label: label.to_string(),
            detail,
        })?;
        blocks.push(PemBlock {
            label: label.to_string(),
            encrypted,
            der,
        });
    }
    Ok(blocks)
}

/// Reads every key block of a PEM text; other blocks are skipped with a note.
pub(crate) fn parse_pem(text: &str) -> Result<KeyFile, KeyError> {
    let blocks = pem_blocks(text)?;
    let mut keys = Vec::new();
    let mut notes = Vec::new();
    let mut first_err = None;
    for block in &blocks {
        let hint = match block.label.as_str() {
            "EC PARAMETERS" => continue,
            _ if block.encrypted => {
                first_err.get_or_insert(KeyError::Encrypted);
                continue;
            }
            "ENCRYPTED PRIVATE KEY" => {
                first_err.get_or_insert(KeyError::Encrypted);
                continue;
            }
            "OPENSSH PRIVATE KEY" => {
                first_err.get_or_insert(KeyError::OpenSshPrivate);
                continue;
            }
            "RSA PRIVATE KEY" => Hint::Pkcs1Private,
            "RSA PUBLIC KEY" => Hint::Pkcs1Public,
            "PRIVATE KEY" => Hint::Pkcs8,
            "EC PRIVATE KEY" => Hint::Sec1,
            "PUBLIC KEY" => Hint::Spki,
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => Hint::Certificate,
            other => {
                notes.push(format!("skipped a PEM block \"{other}\": not a key"));
                continue;
            }
        };
        match container::parse_der(&block.der, Some(hint)) {
            Ok(mut key) => {
                key.pem = true;
                keys.push(key);
            }
            Err(e) => {
                first_err.get_or_insert(e.in_block(&block.label));
            }
        }
    }
    if keys.is_empty() {
        return Err(first_err.unwrap_or(KeyError::NoPemBlock));
    }
    if keys.len() > 1 {
        let list: Vec<String> = keys.iter().map(Key::describe).collect();
        notes.push(format!(
            "{} keys in this PEM file: {}; the private key signs, the first key verifies",
            keys.len(),
            list.join("; ")
        ));
    }
    Ok(KeyFile {
        keys,
        is_set: false,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pem_whose_line_breaks_became_spaces_still_reads() {
        let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";
        let flat = pem.replace('\n', " ");
        let a = parse_pem(pem).unwrap();
        let b = parse_pem(&flat).unwrap();
        assert_eq!(a.keys, b.keys);
        let blocks = pem_blocks("-----BEGIN X-----  QUJD  -----END X-----").unwrap();
        assert_eq!(blocks[0].der, b"ABC");
    }
}
