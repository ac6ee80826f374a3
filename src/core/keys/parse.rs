//! Reading keys from bytes: PEM, DER (detected by structure), JWK and JWKS.

use super::der::{self, Tlv, oid, tag};
use super::{Key, KeyFormat, KeyMaterial, MAX_KEY_FILE, Purpose};
use crate::core::alg::Curve;
use crate::core::b64;
use crate::core::error::{Error, Result};
use crate::core::json;
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING,
    ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair, EcdsaSigningAlgorithm, Ed25519KeyPair, KeyPair,
};
use serde_json::{Map, Value};
use std::path::Path;

/// The keys found in one file or paste, with notes on what was skipped or chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFile {
    /// Usable keys, in file order.
    pub keys: Vec<Key>,
    /// True for a JWKS (keys are chosen by `kid`).
    pub is_set: bool,
    /// Notes for the user: skipped entries, several PEM blocks.
    pub notes: Vec<String>,
}

impl KeyFile {
    fn single(key: Key) -> KeyFile {
        KeyFile {
            keys: vec![key],
            is_set: false,
            notes: Vec::new(),
        }
    }

    /// The `kid`s present, for messages.
    pub fn kids(&self) -> Vec<String> {
        self.keys.iter().filter_map(|k| k.kid.clone()).collect()
    }

    /// Chooses the key to use: in a JWKS by `kid`; among several PEM blocks the first private
    /// key when signing, else the first key.
    pub fn pick(&self, kid: Option<&str>, purpose: Purpose) -> Result<&Key> {
        if self.is_set {
            return match kid {
                Some(kid) => self
                    .keys
                    .iter()
                    .find(|k| k.kid.as_deref() == Some(kid))
                    .ok_or_else(|| {
                        Error::Key(format!(
                            "no key in the JWKS has kid \"{kid}\"; kids present: {}",
                            list_or_none(&self.kids())
                        ))
                    }),
                None => match self.keys.as_slice() {
                    [only] => Ok(only),
                    [] => Err(Error::Key("the JWKS holds no usable key".into())),
                    _ => Err(Error::Key(format!(
                        "the token has no kid and the JWKS holds {} keys ({}): say which one with a kid",
                        self.keys.len(),
                        list_or_none(&self.kids())
                    ))),
                },
            };
        }
        let chosen = match purpose {
            Purpose::Sign => self.keys.iter().find(|k| k.is_private()),
            Purpose::Verify => None,
        };
        chosen
            .or(self.keys.first())
            .ok_or_else(|| Error::Key("no usable key found".into()))
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads a key file (PEM, DER, JWK or JWKS), refusing files over [`MAX_KEY_FILE`].
pub fn load_key_file(path: &Path) -> Result<KeyFile> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::Io(format!("cannot read key file {shown}: {e}")))?;
    if meta.is_dir() {
        return Err(Error::Io(format!("{shown} is a folder, not a key file")));
    }
    check_size(meta.len() as usize)?;
    let bytes =
        std::fs::read(path).map_err(|e| Error::Io(format!("cannot read key file {shown}: {e}")))?;
    load_key_bytes(&bytes)
}

fn check_size(len: usize) -> Result<()> {
    if len > MAX_KEY_FILE {
        return Err(Error::Key(format!(
            "the key file is {len} bytes; key files are a few kilobytes (limit 1 MiB): is this the right file?"
        )));
    }
    Ok(())
}

/// Detects and reads a key from bytes: PEM, JWK/JWKS JSON, or DER.
pub fn load_key_bytes(bytes: &[u8]) -> Result<KeyFile> {
    check_size(bytes.len())?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Key("the key is empty".into()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        if trimmed.contains("-----BEGIN ") {
            return parse_pem(trimmed);
        }
        if trimmed.starts_with('{') {
            return parse_json_key(trimmed);
        }
        if trimmed.starts_with("ssh-") || trimmed.starts_with("ecdsa-sha2-") {
            return Err(Error::Key(
                "this is an OpenSSH public key line; convert it with `ssh-keygen -e -m PKCS8 -f KEY.pub` to a PEM public key".into(),
            ));
        }
    }
    if bytes.first() == Some(&tag::SEQUENCE) {
        return parse_der(bytes, None).map(KeyFile::single);
    }
    if std::str::from_utf8(bytes).is_ok() {
        Err(Error::Key(
            "not a key: expected PEM (-----BEGIN ...), DER, a JWK or a JWKS. Text meant as an HMAC secret goes in the secret field (or --secret)".into(),
        ))
    } else {
        Err(Error::Key(format!(
            "not a key: {} bytes of binary data that are not DER, PEM, a JWK or a JWKS",
            bytes.len()
        )))
    }
}

/// Wraps a DER key in PEM armour with the label its structure calls for, so binary key
/// files can be shown and edited as text.
pub fn der_to_pem(bytes: &[u8]) -> Result<String> {
    let label = match detect_der(bytes)? {
        Hint::Pkcs1Private => "RSA PRIVATE KEY",
        Hint::Pkcs1Public => "RSA PUBLIC KEY",
        Hint::Pkcs8 => "PRIVATE KEY",
        Hint::Sec1 => "EC PRIVATE KEY",
        Hint::Spki => "PUBLIC KEY",
        Hint::Certificate => "CERTIFICATE",
    };
    Ok(pem_encode(label, bytes))
}

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

struct PemBlock {
    label: String,
    encrypted: bool,
    der: Vec<u8>,
}

fn pem_blocks(text: &str) -> Result<Vec<PemBlock>> {
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
                return Err(Error::Key(format!(
                    "PEM block \"{label}\" ends with \"{l}\" instead of \"{end}\""
                )));
            }
            if l.contains(':') {
                encrypted |= l.starts_with("Proc-Type:") && l.contains("ENCRYPTED");
                continue;
            }
            body.push_str(l);
        }
        if !closed {
            return Err(Error::Key(format!(
                "PEM block \"{label}\" has no END line: the key looks truncated"
            )));
        }
        let der = b64::decode_lenient(&body)
            .map_err(|e| Error::Key(format!("PEM block \"{label}\" is not valid base64: {e}")))?;
        blocks.push(PemBlock {
            label: label.to_string(),
            encrypted,
            der,
        });
    }
    Ok(blocks)
}

fn parse_pem(text: &str) -> Result<KeyFile> {
    let blocks = pem_blocks(text)?;
    let mut keys = Vec::new();
    let mut notes = Vec::new();
    let mut first_err = None;
    for block in &blocks {
        let hint = match block.label.as_str() {
            "EC PARAMETERS" => continue,
            _ if block.encrypted => {
                first_err.get_or_insert(encrypted_error());
                continue;
            }
            "ENCRYPTED PRIVATE KEY" => {
                first_err.get_or_insert(encrypted_error());
                continue;
            }
            "OPENSSH PRIVATE KEY" => {
                first_err.get_or_insert(Error::Key(
                    "this is an OpenSSH private key; convert it with `ssh-keygen -p -m PKCS8 -f KEY` (it rewrites the file in PKCS#8)".into(),
                ));
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
        match parse_der(&block.der, Some(hint)) {
            Ok(mut key) => {
                key.pem = true;
                keys.push(key);
            }
            Err(e) => {
                let e = match e {
                    Error::Key(m) => Error::Key(format!("{} block: {m}", block.label)),
                    other => other,
                };
                first_err.get_or_insert(e);
            }
        }
    }
    if keys.is_empty() {
        return Err(first_err.unwrap_or_else(|| {
            Error::Key(
                "no PEM key block found (expected -----BEGIN ... KEY----- or CERTIFICATE)".into(),
            )
        }));
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

fn encrypted_error() -> Error {
    Error::Key(
        "this private key is encrypted with a password; decrypt it first, e.g. `openssl pkey -in key.pem -out plain.pem`".into(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    Pkcs1Private,
    Pkcs1Public,
    Pkcs8,
    Sec1,
    Spki,
    Certificate,
}

fn parse_der(bytes: &[u8], hint: Option<Hint>) -> Result<Key> {
    let hint = match hint {
        Some(h) => h,
        None => detect_der(bytes)?,
    };
    let result = match hint {
        Hint::Pkcs1Private => rsa_private_from_pkcs1(bytes, KeyFormat::Pkcs1),
        Hint::Pkcs1Public => rsa_public_from_pkcs1(bytes, KeyFormat::Pkcs1),
        Hint::Pkcs8 => from_pkcs8(bytes),
        Hint::Sec1 => ec_private_from_sec1(bytes),
        Hint::Spki => from_spki(bytes, KeyFormat::Spki),
        Hint::Certificate => from_certificate(bytes),
    };
    result.map_err(|e| match e {
        Error::Key(m) => Error::Key(m),
        other => other,
    })
}

fn key_err(what: &str) -> impl Fn(String) -> Error + '_ {
    move |m| Error::Key(format!("not a valid {what}: {m}"))
}

fn detect_der(bytes: &[u8]) -> Result<Hint> {
    let top = der::expect_whole(bytes, tag::SEQUENCE, "a DER SEQUENCE")
        .map_err(|m| Error::Key(format!("DER data that is not a key: {m}")))?;
    let items = der::children(top.content)
        .map_err(|m| Error::Key(format!("DER data that is not a key: {m}")))?;
    let tags: Vec<u8> = items.iter().map(|t| t.tag).collect();
    let ints = tags.iter().take_while(|t| **t == tag::INTEGER).count();
    Ok(match tags.as_slice() {
        [tag::INTEGER, tag::SEQUENCE, tag::OCTET_STRING, ..] => Hint::Pkcs8,
        [tag::SEQUENCE, tag::BIT_STRING] => Hint::Spki,
        [tag::SEQUENCE, tag::SEQUENCE, tag::BIT_STRING] => Hint::Certificate,
        [tag::INTEGER, tag::OCTET_STRING, ..] => Hint::Sec1,
        [tag::INTEGER, tag::INTEGER] => Hint::Pkcs1Public,
        _ if ints >= 9 => Hint::Pkcs1Private,
        _ => {
            return Err(Error::Key(
                "DER data, but not a key structure this tool reads (PKCS#1, PKCS#8, SEC1, SPKI or X.509)".into(),
            ));
        }
    })
}

fn rsa_private_from_pkcs1(pkcs1: &[u8], format: KeyFormat) -> Result<Key> {
    let err = key_err("PKCS#1 RSA private key");
    let seq = der::expect_whole(pkcs1, tag::SEQUENCE, "RSAPrivateKey").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let (Some(n), Some(e)) = (items.get(1), items.get(2)) else {
        return Err(err("too few members".into()));
    };
    let (n, e) = (der::unsigned(n.content), der::unsigned(e.content));
    let bits = check_rsa_size(&n)?;
    // The backend refuses weak keys outright; those load for verifying only (Key::warnings).
    if bits >= super::RSA_MIN_BITS {
        aws_lc_rs::rsa::KeyPair::from_der(pkcs1).map_err(|e| {
            Error::Key(format!(
                "RSA private key rejected by the crypto backend: {e}"
            ))
        })?;
    }
    Ok(Key::new(
        KeyMaterial::RsaPrivate {
            pkcs1: pkcs1.to_vec(),
            n,
            e,
        },
        format,
    ))
}

/// Checks an RSA modulus size and returns it in bits: under 1024 is refused, 1024 to 2047
/// loads with a warning, over 8192 is refused.
fn check_rsa_size(n: &[u8]) -> Result<usize> {
    let bits = Key::new(
        KeyMaterial::RsaPublic {
            n: n.to_vec(),
            e: vec![1, 0, 1],
        },
        KeyFormat::Pkcs1,
    )
    .bits();
    if bits < 1024 {
        return Err(Error::Key(format!(
            "this RSA key is {bits} bits: far too small to use (2048 bits is the minimum, RFC 7518 section 3.3)"
        )));
    }
    if bits > 8192 {
        return Err(Error::Key(format!(
            "this RSA key is {bits} bits; the limit is 8192"
        )));
    }
    Ok(bits)
}

fn rsa_public_from_pkcs1(bytes: &[u8], format: KeyFormat) -> Result<Key> {
    let err = key_err("RSA public key");
    let seq = der::expect_whole(bytes, tag::SEQUENCE, "RSAPublicKey").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let [n, e] = items.as_slice() else {
        return Err(err("expected the modulus and the exponent".into()));
    };
    if n.tag != tag::INTEGER || e.tag != tag::INTEGER {
        return Err(err("modulus and exponent must be INTEGERs".into()));
    }
    let (n, e) = (der::unsigned(n.content), der::unsigned(e.content));
    check_rsa_size(&n)?;
    Ok(Key::new(KeyMaterial::RsaPublic { n, e }, format))
}

fn algorithm_identifier<'a>(alg: &Tlv<'a>) -> Result<(&'a [u8], Option<Tlv<'a>>)> {
    let err = key_err("AlgorithmIdentifier");
    if alg.tag != tag::SEQUENCE {
        return Err(err("expected a SEQUENCE".into()));
    }
    let items = der::children(alg.content).map_err(&err)?;
    match items.as_slice() {
        [o, rest @ ..] if o.tag == tag::OID => Ok((o.content, rest.first().copied())),
        _ => Err(err("expected an OBJECT IDENTIFIER".into())),
    }
}

fn unsupported_oid(o: &[u8]) -> Error {
    Error::Key(match o {
        oid::RSA_PSS => "this is an RSASSA-PSS-restricted RSA key (OID 1.2.840.113549.1.1.10); convert it to a plain rsaEncryption key, e.g. `openssl rsa -in key.pem -traditional`".to_string(),
        oid::ED448 => "Ed448 keys are not supported: EdDSA here means Ed25519 (RFC 8037)".to_string(),
        oid::X25519 | oid::X448 => "this is a key-agreement key (X25519/X448); it cannot sign or verify JWS".to_string(),
        _ => format!("unsupported key algorithm (OID bytes {})", b64::encode_hex(o)),
    })
}

fn curve_from_params(params: Option<Tlv<'_>>) -> Result<Curve> {
    match params {
        Some(p) if p.tag == tag::OID => match p.content {
            oid::P256 => Ok(Curve::P256),
            oid::P384 => Ok(Curve::P384),
            oid::P521 => Ok(Curve::P521),
            oid::SECP256K1 => Err(Error::Key(
                "secp256k1 keys (ES256K) are not supported".into(),
            )),
            other => Err(Error::Key(format!(
                "unsupported elliptic curve (OID bytes {}); supported: P-256, P-384, P-521",
                b64::encode_hex(other)
            ))),
        },
        _ => Err(Error::Key(
            "EC key without a named curve; only named curves P-256, P-384 and P-521 are supported"
                .into(),
        )),
    }
}

fn signing_alg(curve: Curve) -> &'static EcdsaSigningAlgorithm {
    match curve {
        Curve::P256 => &ECDSA_P256_SHA256_FIXED_SIGNING,
        Curve::P384 => &ECDSA_P384_SHA384_FIXED_SIGNING,
        Curve::P521 => &ECDSA_P521_SHA512_FIXED_SIGNING,
    }
}

fn ec_private_from_pair(curve: Curve, pair: &EcdsaKeyPair, format: KeyFormat) -> Result<Key> {
    let pkcs8 = pair
        .to_pkcs8v1()
        .map_err(|_| Error::Key("could not re-encode the EC private key".into()))?;
    let point = pair.public_key().as_ref().to_vec();
    Ok(Key::new(
        KeyMaterial::EcPrivate {
            curve,
            pkcs8: pkcs8.as_ref().to_vec(),
            point,
        },
        format,
    ))
}

fn ec_point(curve: Curve, point: &[u8]) -> Result<Vec<u8>> {
    let want = 1 + 2 * curve.coordinate_len();
    match point.first() {
        Some(4) if point.len() == want => Ok(point.to_vec()),
        Some(2 | 3) => Err(Error::Key(
            "compressed EC points are not supported; export the key uncompressed".into(),
        )),
        _ => Err(Error::Key(format!(
            "EC {} public point must be {want} bytes starting with 04; this one is {} bytes",
            curve.name(),
            point.len()
        ))),
    }
}

fn ed_seed_checked(seed: &[u8]) -> Result<()> {
    if seed.len() != 32 {
        return Err(Error::Key(format!(
            "an Ed25519 private key is a 32-byte seed; this one has {} bytes",
            seed.len()
        )));
    }
    Ok(())
}

fn ed_public_checked(public: &[u8]) -> Result<Vec<u8>> {
    if public.len() != 32 {
        return Err(Error::Key(format!(
            "an Ed25519 public key is 32 bytes; this one has {} bytes",
            public.len()
        )));
    }
    Ok(public.to_vec())
}

fn ed_private_from_pair(pair: &Ed25519KeyPair, format: KeyFormat) -> Result<Key> {
    let pkcs8 = pair
        .to_pkcs8v1()
        .map_err(|_| Error::Key("could not re-encode the Ed25519 private key".into()))?;
    Ok(Key::new(
        KeyMaterial::EdPrivate {
            pkcs8: pkcs8.as_ref().to_vec(),
            public: pair.public_key().as_ref().to_vec(),
        },
        format,
    ))
}

fn from_pkcs8(bytes: &[u8]) -> Result<Key> {
    let err = key_err("PKCS#8 private key");
    let seq = der::expect_whole(bytes, tag::SEQUENCE, "PrivateKeyInfo").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let (Some(alg), Some(private)) = (items.get(1), items.get(2)) else {
        return Err(err("too few members".into()));
    };
    if alg.tag == tag::SEQUENCE && private.tag != tag::OCTET_STRING {
        return Err(err("the private key is not an OCTET STRING".into()));
    }
    let (o, params) = algorithm_identifier(alg)?;
    match o {
        oid::RSA => rsa_private_from_pkcs1(private.content, KeyFormat::Pkcs8),
        oid::EC_PUBLIC_KEY => {
            let curve = curve_from_params(params)?;
            let pair = EcdsaKeyPair::from_pkcs8(signing_alg(curve), bytes).map_err(|e| {
                Error::Key(format!(
                    "EC {} private key rejected by the crypto backend: {e}",
                    curve.name()
                ))
            })?;
            ec_private_from_pair(curve, &pair, KeyFormat::Pkcs8)
        }
        oid::ED25519 => {
            let seed = der::expect_whole(private.content, tag::OCTET_STRING, "the Ed25519 seed")
                .map_err(key_err("Ed25519 private key"))?;
            ed_seed_checked(seed.content)?;
            let pair = Ed25519KeyPair::from_pkcs8(bytes).map_err(|e| {
                Error::Key(format!(
                    "Ed25519 private key rejected by the crypto backend: {e}"
                ))
            })?;
            ed_private_from_pair(&pair, KeyFormat::Pkcs8)
        }
        other => Err(unsupported_oid(other)),
    }
}

fn ec_private_from_sec1(bytes: &[u8]) -> Result<Key> {
    let err = key_err("SEC1 EC private key");
    let seq = der::expect_whole(bytes, tag::SEQUENCE, "ECPrivateKey").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let private = items
        .get(1)
        .ok_or_else(|| err("no private key member".into()))?;
    let named = items
        .iter()
        .find(|t| t.tag == tag::CONTEXT_0)
        .and_then(|t| der::read(t.content).ok().map(|(inner, _)| inner));
    let curve = match named {
        Some(p) => curve_from_params(Some(p))?,
        None => match private.content.len() {
            32 => Curve::P256,
            48 => Curve::P384,
            66 => Curve::P521,
            n => {
                return Err(err(format!(
                    "no curve named and a {n}-byte private key matches none"
                )));
            }
        },
    };
    let pair = EcdsaKeyPair::from_private_key_der(signing_alg(curve), bytes).map_err(|e| {
        Error::Key(format!(
            "EC {} private key rejected by the crypto backend: {e}",
            curve.name()
        ))
    })?;
    ec_private_from_pair(curve, &pair, KeyFormat::Sec1)
}

fn from_spki(bytes: &[u8], format: KeyFormat) -> Result<Key> {
    let err = key_err("SubjectPublicKeyInfo");
    let seq = der::expect_whole(bytes, tag::SEQUENCE, "SubjectPublicKeyInfo").map_err(&err)?;
    let items = der::children(seq.content).map_err(&err)?;
    let [alg, bits] = items.as_slice() else {
        return Err(err("expected an algorithm and a BIT STRING".into()));
    };
    if bits.tag != tag::BIT_STRING {
        return Err(err("the key is not a BIT STRING".into()));
    }
    let key_bytes = der::bit_string_bytes(bits.content).map_err(&err)?;
    let (o, params) = algorithm_identifier(alg)?;
    match o {
        oid::RSA => rsa_public_from_pkcs1(key_bytes, format),
        oid::EC_PUBLIC_KEY => {
            let curve = curve_from_params(params)?;
            let point = ec_point(curve, key_bytes)?;
            Ok(Key::new(KeyMaterial::EcPublic { curve, point }, format))
        }
        oid::ED25519 => {
            let public = ed_public_checked(key_bytes)?;
            Ok(Key::new(KeyMaterial::EdPublic { public }, format))
        }
        other => Err(unsupported_oid(other)),
    }
}

fn from_certificate(bytes: &[u8]) -> Result<Key> {
    let err = key_err("X.509 certificate");
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
        .ok_or_else(|| err("no subjectPublicKeyInfo".into()))?;
    let mut key = from_spki(
        &der::write(tag::SEQUENCE, spki.content),
        KeyFormat::Certificate,
    )?;
    let validity = fields.get(3).and_then(|v| der::children(v.content).ok());
    let times: Vec<i64> = validity.iter().flatten().filter_map(parse_time).collect();
    if let ([not_before, not_after], Some(subject)) = (times.as_slice(), fields.get(4)) {
        key.cert = Some(super::CertInfo {
            subject: distinguished_name(subject.content),
            not_before: *not_before,
            not_after: *not_after,
        });
    }
    Ok(key)
}

/// UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ) as seconds since 1970.
fn parse_time(t: &Tlv<'_>) -> Option<i64> {
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
fn distinguished_name(content: &[u8]) -> String {
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
            parts.push(format!("{name}={}", String::from_utf8_lossy(v.content)));
        }
    }
    if parts.is_empty() {
        "(no subject)".to_string()
    } else {
        parts.join(", ")
    }
}

fn parse_json_key(text: &str) -> Result<KeyFile> {
    let obj = json::parse_object("JWK", text)?;
    match obj.get("keys") {
        Some(Value::Array(entries)) => {
            let mut keys = Vec::new();
            let mut notes = Vec::new();
            for (i, entry) in entries.iter().enumerate() {
                let label = entry
                    .get("kid")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("key {}", i + 1), |k| format!("key \"{k}\""));
                match entry
                    .as_object()
                    .ok_or_else(|| Error::Key("not an object".into()))
                    .and_then(parse_jwk)
                {
                    Ok(k) => keys.push(k),
                    Err(e) => notes.push(format!("skipped {label}: {e}")),
                }
            }
            if keys.is_empty() {
                return Err(Error::Key(format!(
                    "the JWKS holds no usable key{}",
                    if notes.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", notes.join("; "))
                    }
                )));
            }
            Ok(KeyFile {
                keys,
                is_set: true,
                notes,
            })
        }
        Some(_) => Err(Error::Key("a JWKS's \"keys\" must be an array".into())),
        None => parse_jwk(&obj).map(KeyFile::single),
    }
}

fn member(obj: &Map<String, Value>, name: &str) -> Result<Vec<u8>> {
    match obj.get(name) {
        None => Err(Error::Key(format!("the JWK lacks \"{name}\""))),
        Some(Value::String(s)) => b64::decode_lenient(s)
            .map_err(|e| Error::Key(format!("JWK member \"{name}\" is not base64url: {e}"))),
        Some(_) => Err(Error::Key(format!(
            "JWK member \"{name}\" must be a string"
        ))),
    }
}

/// Reads one JWK (RFC 7517): RSA, EC (P-256/384/521), OKP (Ed25519) or oct.
pub fn parse_jwk(obj: &Map<String, Value>) -> Result<Key> {
    let kty = obj
        .get("kty")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Key("the JWK lacks \"kty\" (RSA, EC, OKP or oct)".into()))?;
    let private = obj.contains_key("d");
    let mut key = match kty {
        "oct" => {
            let k = member(obj, "k")?;
            if k.is_empty() {
                return Err(Error::Key("the JWK's secret \"k\" is empty".into()));
            }
            Key::new(KeyMaterial::Secret(k), KeyFormat::Jwk)
        }
        "RSA" if private => {
            let names = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
            let missing: Vec<&str> = names
                .iter()
                .copied()
                .filter(|m| !obj.contains_key(*m))
                .collect();
            if !missing.is_empty() {
                return Err(Error::Key(format!(
                    "this RSA private JWK lacks {}: all of n, e, d, p, q, dp, dq, qi are needed",
                    missing.join(", ")
                )));
            }
            let mut body = der::write_unsigned(&[0]);
            for name in names {
                body.extend(der::write_unsigned(&member(obj, name)?));
            }
            rsa_private_from_pkcs1(&der::write(tag::SEQUENCE, &body), KeyFormat::Jwk)?
        }
        "RSA" => {
            let n = der::unsigned(&member(obj, "n")?);
            check_rsa_size(&n)?;
            Key::new(
                KeyMaterial::RsaPublic {
                    n,
                    e: der::unsigned(&member(obj, "e")?),
                },
                KeyFormat::Jwk,
            )
        }
        "EC" => {
            let curve = match obj.get("crv").and_then(Value::as_str) {
                Some("P-256") => Curve::P256,
                Some("P-384") => Curve::P384,
                Some("P-521") => Curve::P521,
                Some(other) => {
                    return Err(Error::Key(format!(
                        "EC curve \"{other}\" is not supported (P-256, P-384, P-521 are)"
                    )));
                }
                None => return Err(Error::Key("the EC JWK lacks \"crv\"".into())),
            };
            let (x, y) = (member(obj, "x")?, member(obj, "y")?);
            let len = curve.coordinate_len();
            if x.len() != len || y.len() != len {
                return Err(Error::Key(format!(
                    "{} coordinates must be {len} bytes each; x has {} and y {}",
                    curve.name(),
                    x.len(),
                    y.len()
                )));
            }
            let mut point = vec![4u8];
            point.extend(&x);
            point.extend(&y);
            if private {
                let d = member(obj, "d")?;
                let pair =
                    EcdsaKeyPair::from_private_key_and_public_key(signing_alg(curve), &d, &point)
                        .map_err(|e| {
                        Error::Key(format!(
                            "EC {} JWK rejected: {e} (do d, x and y belong together?)",
                            curve.name()
                        ))
                    })?;
                ec_private_from_pair(curve, &pair, KeyFormat::Jwk)?
            } else {
                Key::new(KeyMaterial::EcPublic { curve, point }, KeyFormat::Jwk)
            }
        }
        "OKP" => {
            match obj.get("crv").and_then(Value::as_str) {
                Some("Ed25519") => {}
                Some(other) => {
                    return Err(Error::Key(format!(
                        "OKP curve \"{other}\" is not supported (Ed25519 is)"
                    )));
                }
                None => return Err(Error::Key("the OKP JWK lacks \"crv\"".into())),
            }
            let public = ed_public_checked(&member(obj, "x")?)?;
            if private {
                let d = member(obj, "d")?;
                ed_seed_checked(&d)?;
                let pair = Ed25519KeyPair::from_seed_and_public_key(&d, &public).map_err(|e| {
                    Error::Key(format!(
                        "Ed25519 JWK rejected: {e} (do d and x belong together?)"
                    ))
                })?;
                ed_private_from_pair(&pair, KeyFormat::Jwk)?
            } else {
                Key::new(KeyMaterial::EdPublic { public }, KeyFormat::Jwk)
            }
        }
        other => {
            return Err(Error::Key(format!(
                "key type \"{other}\" is not supported (RSA, EC, OKP and oct are)"
            )));
        }
    };
    key.kid = obj.get("kid").and_then(Value::as_str).map(str::to_string);
    Ok(key)
}
