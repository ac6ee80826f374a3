//! X.509 certificates: the public key they carry, their subject and their validity.

use super::der::{self, Tlv, tag};
use super::error::malformed;
use super::pkcs::from_spki;
use super::{CertInfo, Key, KeyError, KeyFormat};

/// The public key of a DER certificate, with its subject and validity.
pub(crate) fn from_certificate(bytes: &[u8]) -> Result<Key, KeyError> {
    let what = "X.509 certificate";
    let err = malformed(what);
    let cert = der::expect_whole(bytes, tag::SEQUENCE, "Certificate").map_err(&err)?;
    let (tbs, _) = der::expect(cert.content, tag::SEQUENCE, "TBSCertificate").map_err(&err)?;
    let mut fields = der::children(tbs.content).map_err(&err)?;
    if fields.first().is_some_and(|f| f.tag == tag::CONTEXT_0) {
        fields.remove(0);
    }
    // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
    let spki = fields
        .get(5)
        .filter(|f| f.tag == tag::SEQUENCE)
        .ok_or_else(|| KeyError::invalid(what, "no subjectPublicKeyInfo"))?;
    let mut key = from_spki(
        &der::write(tag::SEQUENCE, spki.content),
        KeyFormat::Certificate,
    )?;
    let validity = fields.get(3).and_then(|v| der::children(v.content).ok());
    let times: Vec<i64> = validity.iter().flatten().filter_map(parse_time).collect();
    if let ([not_before, not_after], Some(subject)) = (times.as_slice(), fields.get(4)) {
        key.cert = Some(CertInfo {
            subject: distinguished_name(subject.content),
            not_before: *not_before,
            not_after: *not_after,
        });
    }
    Ok(key)
}

/// UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ) as seconds since 1970.
pub(super) fn parse_time(t: &Tlv<'_>) -> Option<i64> {
    let s = std::str::from_utf8(t.content).ok()?.trim_end_matches('Z');
    let full = match t.tag {
        0x17 => {
            let yy: i32 = s.get(..2)?.parse().ok()?;
            format!("{}{s}", if yy >= 50 { "19" } else { "20" })
        }
        0x18 => s.to_string(),
        _ => return None,
    };
    chrono::NaiveDateTime::parse_from_str(full.get(..14)?, "%Y%m%d%H%M%S")
        .ok()
        .map(|d| d.and_utc().timestamp())
}

/// A Name as "CN=..., O=...", with the attributes people recognise.
pub(super) fn distinguished_name(content: &[u8]) -> String {
    let mut parts = Vec::new();
    for set in der::children(content).unwrap_or_default() {
        for attr in der::children(set.content).unwrap_or_default() {
            let items = der::children(attr.content).unwrap_or_default();
            let (Some(o), Some(v)) = (items.first(), items.get(1)) else {
                continue;
            };
            let name = match o.content {
                [0x55, 0x04, 0x03] => "CN",
                [0x55, 0x04, 0x06] => "C",
                [0x55, 0x04, 0x07] => "L",
                [0x55, 0x04, 0x08] => "ST",
                [0x55, 0x04, 0x0A] => "O",
                [0x55, 0x04, 0x0B] => "OU",
                _ => continue,
            };
            // Names come from whoever made the certificate (a token's x5c): escaped and capped
            // here, so no screen or terminal gets their control or bidi characters.
            let value = crate::core::text::clip(&String::from_utf8_lossy(v.content), 256);
            parts.push(format!("{name}={value}"));
        }
    }
    if parts.is_empty() {
        "(no subject)".to_string()
    } else {
        parts.join(", ")
    }
}
