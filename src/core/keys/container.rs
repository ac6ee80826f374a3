//! Which DER key container bytes are, when no PEM label says so, and the reader for each:
//! PKCS#1, PKCS#8, SEC1 and SubjectPublicKeyInfo (`pkcs.rs`), X.509 (`cert.rs`).

use super::der::{self, tag};
use super::{Key, KeyError, KeyFormat, cert, pkcs};

/// What a DER structure (or its PEM label) says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    Pkcs1Private,
    Pkcs1Public,
    Pkcs8,
    Sec1,
    Spki,
    Certificate,
}

/// Reads a DER key, of the structure `hint` names or the one detected.
pub(crate) fn parse_der(bytes: &[u8], hint: Option<Hint>) -> Result<Key, KeyError> {
    let hint = match hint {
        Some(h) => h,
        None => detect_der(bytes)?,
    };
    match hint {
        Hint::Pkcs1Private => pkcs::rsa_private_from_pkcs1(bytes, KeyFormat::Pkcs1),
        Hint::Pkcs1Public => pkcs::rsa_public_from_pkcs1(bytes, KeyFormat::Pkcs1),
        Hint::Pkcs8 => pkcs::from_pkcs8(bytes),
        Hint::Sec1 => pkcs::ec_private_from_sec1(bytes),
        Hint::Spki => pkcs::from_spki(bytes, KeyFormat::Spki),
        Hint::Certificate => cert::from_certificate(bytes),
    }
}

/// Tells the key structure from the tags of the top-level SEQUENCE's children.
pub(crate) fn detect_der(bytes: &[u8]) -> Result<Hint, KeyError> {
    let top =
        der::expect_whole(bytes, tag::SEQUENCE, "a DER SEQUENCE").map_err(KeyError::NotDerKey)?;
    let items = der::children(top.content).map_err(KeyError::NotDerKey)?;
    let tags: Vec<u8> = items.iter().map(|t| t.tag).collect();
    let ints = tags.iter().take_while(|t| **t == tag::INTEGER).count();
    Ok(match tags.as_slice() {
        [tag::INTEGER, tag::SEQUENCE, tag::OCTET_STRING, ..] => Hint::Pkcs8,
        [tag::SEQUENCE, tag::BIT_STRING] => Hint::Spki,
        [tag::SEQUENCE, tag::SEQUENCE, tag::BIT_STRING] => Hint::Certificate,
        [tag::INTEGER, tag::OCTET_STRING, ..] => Hint::Sec1,
        [tag::INTEGER, tag::INTEGER] => Hint::Pkcs1Public,
        _ if ints >= 9 => Hint::Pkcs1Private,
        _ => return Err(KeyError::UnknownDer),
    })
}
