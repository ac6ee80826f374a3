//! What one X.509 certificate says, for people: subject, issuer, validity, key usage, subject
//! alternative names, whether it is a CA, and its SHA-256 fingerprint.

use super::super::cert::{distinguished_name, parse_time};
use super::super::der::{self, DerError, Tlv, tag};
use super::X5cError;

/// One certificate of a chain, described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertDetails {
    /// Subject distinguished name ("CN=signer, O=Example").
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Start of validity (seconds since 1970).
    pub not_before: i64,
    /// End of validity (seconds since 1970).
    pub not_after: i64,
    /// The key usage bits set ("digitalSignature", "keyCertSign"), or `None` when the
    /// certificate has no key usage extension (RFC 5280 section 4.2.1.3: not restricted).
    pub key_usage: Option<Vec<&'static str>>,
    /// Subject alternative names ("DNS:example.com", "URI:https://…", "IP:10.0.0.1").
    pub san: Vec<String>,
    /// True when basic constraints say it is a CA.
    pub is_ca: bool,
    /// SHA-256 of the DER, as upper-case hex pairs joined by colons.
    pub sha256: String,
    /// The public key it carries, in words ("EC P-256 public key").
    pub key: String,
}

impl CertDetails {
    /// True when subject and issuer are the same name (a root, or a self-signed leaf).
    pub fn self_issued(&self) -> bool {
        self.subject == self.issuer
    }

    /// Whether the key usage allows `digitalSignature` (true when there is no key usage
    /// extension at all: RFC 5280 section 4.2.1.3).
    pub fn allows_signing(&self) -> bool {
        self.key_usage
            .as_ref()
            .is_none_or(|bits| bits.contains(&"digitalSignature"))
    }

    /// The key usage in words: the bits, or "not restricted (no key usage extension)".
    pub fn key_usage_text(&self) -> String {
        match &self.key_usage {
            None => "not restricted (no key usage extension)".to_string(),
            Some(bits) if bits.is_empty() => "none".to_string(),
            Some(bits) => bits.join(", "),
        }
    }

    /// True when `now` lies within its validity.
    pub fn valid_at(&self, now: i64) -> bool {
        self.not_before <= now && now <= self.not_after
    }
}

const KEY_USAGE_BITS: [&str; 9] = [
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];
const OID_KEY_USAGE: &[u8] = &[0x55, 0x1D, 0x0F];
const OID_SAN: &[u8] = &[0x55, 0x1D, 0x11];
const OID_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1D, 0x13];

/// Describes the DER certificate at `index` of a chain (0 is the leaf).
pub fn describe_cert(der_bytes: &[u8], index: usize) -> Result<CertDetails, X5cError> {
    let bad = |detail: String| X5cError::NotACertificate { index, detail };
    let cert = der::expect_whole(der_bytes, tag::SEQUENCE, "Certificate")
        .map_err(|e| bad(e.to_string()))?;
    let (tbs, _) = der::expect(cert.content, tag::SEQUENCE, "TBSCertificate")
        .map_err(|e| bad(e.to_string()))?;
    let mut fields = der::children(tbs.content).map_err(|e| bad(e.to_string()))?;
    if fields.first().is_some_and(|f| f.tag == tag::CONTEXT_0) {
        fields.remove(0);
    }
    // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions
    let field = |i: usize, what: &str| {
        fields
            .get(i)
            .copied()
            .ok_or_else(|| bad(format!("no {what}")))
    };
    let issuer = distinguished_name(field(2, "issuer")?.content);
    let validity = der::children(field(3, "validity")?.content).map_err(|e| bad(e.to_string()))?;
    let times: Vec<i64> = validity.iter().filter_map(parse_time).collect();
    let [not_before, not_after] = times.as_slice() else {
        return Err(bad("its validity is not two readable times".into()));
    };
    let subject = distinguished_name(field(4, "subject")?.content);
    let spki = field(5, "subjectPublicKeyInfo")?;
    let key = super::super::pkcs::from_spki(
        &der::write(tag::SEQUENCE, spki.content),
        super::super::KeyFormat::Certificate,
    )
    .map_or_else(
        |e| format!("a key this workbench cannot read ({e})"),
        |k| k.kind_words(),
    );
    let mut details = CertDetails {
        subject,
        issuer,
        not_before: *not_before,
        not_after: *not_after,
        key_usage: None,
        san: Vec::new(),
        is_ca: false,
        sha256: fingerprint(der_bytes),
        key,
    };
    if let Some(ext) = fields.iter().find(|f| f.tag == 0xA3) {
        read_extensions(ext, &mut details).map_err(|e| bad(e.to_string()))?;
    }
    Ok(details)
}

/// SHA-256 of `der`, as upper-case hex pairs joined by colons (as `openssl x509 -fingerprint`).
pub fn fingerprint(der_bytes: &[u8]) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, der_bytes);
    digest
        .as_ref()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn read_extensions(ext: &Tlv<'_>, out: &mut CertDetails) -> Result<(), DerError> {
    let (list, _) = der::expect(ext.content, tag::SEQUENCE, "Extensions")?;
    for extension in der::children(list.content)? {
        let parts = der::children(extension.content)?;
        let (Some(id), Some(value)) = (parts.first(), parts.last()) else {
            continue;
        };
        if value.tag != tag::OCTET_STRING {
            continue;
        }
        match id.content {
            OID_KEY_USAGE => out.key_usage = Some(key_usage(value.content)?),
            OID_SAN => out.san = alt_names(value.content)?,
            OID_BASIC_CONSTRAINTS => out.is_ca = is_ca(value.content)?,
            _ => {}
        }
    }
    Ok(())
}

fn key_usage(value: &[u8]) -> Result<Vec<&'static str>, DerError> {
    let bits = der::expect_whole(value, tag::BIT_STRING, "KeyUsage")?;
    let bytes = bits.content.get(1..).unwrap_or_default();
    Ok(KEY_USAGE_BITS
        .iter()
        .enumerate()
        .filter(|(i, _)| bytes.get(i / 8).is_some_and(|b| b & (0x80 >> (i % 8)) != 0))
        .map(|(_, name)| *name)
        .collect())
}

fn alt_names(value: &[u8]) -> Result<Vec<String>, DerError> {
    let seq = der::expect_whole(value, tag::SEQUENCE, "SubjectAltName")?;
    let names = der::children(seq.content)?;
    Ok(names
        .iter()
        .map(|n| {
            let text = || crate::core::text::clip(&String::from_utf8_lossy(n.content), 256);
            match n.tag {
                0x81 => format!("email:{}", text()),
                0x82 => format!("DNS:{}", text()),
                0x86 => format!("URI:{}", text()),
                0x87 => match n.content.len() {
                    4 | 16 => format!("IP:{}", ip_text(n.content)),
                    _ => "IP:(malformed)".to_string(),
                },
                other => format!("(name of tag 0x{other:02X})"),
            }
        })
        .collect())
}

fn ip_text(bytes: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        return std::net::Ipv4Addr::from(v4).to_string();
    }
    <[u8; 16]>::try_from(bytes).map_or_else(
        |_| "(malformed)".to_string(),
        |v6| std::net::Ipv6Addr::from(v6).to_string(),
    )
}

fn is_ca(value: &[u8]) -> Result<bool, DerError> {
    let seq = der::expect_whole(value, tag::SEQUENCE, "BasicConstraints")?;
    let items = der::children(seq.content)?;
    Ok(items
        .first()
        .is_some_and(|b| b.tag == 0x01 && b.content.first().is_some_and(|v| *v != 0)))
}
