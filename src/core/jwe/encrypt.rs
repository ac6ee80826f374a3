//! Making a compact JWE (RFC 7516 section 5.1): a fresh random CEK and IV from aws-lc-rs,
//! the key management step for `alg`, then content encryption with `enc`.

use super::alg::{KeyAlg, KeyFamily};
use super::enc::ContentAlg;
use super::error::JweError;
use super::keys::{JweKey, wrong_key};
use super::refusal::{BackendProblem, EncryptProblem};
use super::{DEFAULT_P2C, MAX_P2C_CEILING, content, ecdh, keywrap, pbes2, rsa, zip};
use crate::core::b64;
use crate::core::keys::KeyMaterial;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

/// Header members `encrypt` sets itself, refused in [`EncryptOptions::extra`].
pub const RESERVED_MEMBERS: [&str; 13] = [
    "alg", "enc", "zip", "cty", "kid", "epk", "apu", "apv", "p2s", "p2c", "iv", "tag", "crit",
];

/// What to encrypt with: algorithms, header members and PBES2/ECDH parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct EncryptOptions {
    /// The key management algorithm (`alg`).
    pub alg: KeyAlg,
    /// The content encryption algorithm (`enc`).
    pub enc: ContentAlg,
    /// The content type `cty` ("JWT" for a nested signed token); none by default.
    pub cty: Option<String>,
    /// Compress the plaintext with DEFLATE first and say `"zip":"DEF"`; off by default.
    pub zip: bool,
    /// The key id `kid`; none by default.
    pub kid: Option<String>,
    /// More protected header members (such as `typ`), after the ones `encrypt` sets; the
    /// names in [`RESERVED_MEMBERS`] are refused.
    pub extra: Map<String, Value>,
    /// PBES2 iteration count; `None` means [`DEFAULT_P2C`] (8192). At most [`MAX_P2C_CEILING`].
    pub p2c: Option<u32>,
    /// ECDH-ES PartyUInfo (`apu`), raw bytes; none by default.
    pub apu: Option<Vec<u8>>,
    /// ECDH-ES PartyVInfo (`apv`), raw bytes; none by default.
    pub apv: Option<Vec<u8>>,
}

impl EncryptOptions {
    /// Options for `alg` and `enc` with everything else at its default.
    pub fn new(alg: KeyAlg, enc: ContentAlg) -> EncryptOptions {
        EncryptOptions {
            alg,
            enc,
            cty: None,
            zip: false,
            kid: None,
            extra: Map::new(),
            p2c: None,
            apu: None,
            apv: None,
        }
    }
}

/// The AES-GCM content algorithm that AES-GCM key wrapping uses for a KEK length.
pub(super) fn gcm_for_kek(kek_len: usize) -> ContentAlg {
    match kek_len {
        16 => ContentAlg::A128Gcm,
        24 => ContentAlg::A192Gcm,
        _ => ContentAlg::A256Gcm,
    }
}

fn random(len: usize) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let mut out = Zeroizing::new(vec![0u8; len]);
    aws_lc_rs::rand::fill(&mut out)
        .map_err(|_| BackendProblem::Failed("random number generation"))?;
    Ok(out)
}

/// The key management step's outcome: the CEK, the encrypted key and header members.
pub(super) struct Wrapped {
    /// The content encryption key.
    pub cek: Zeroizing<Vec<u8>>,
    /// The encrypted key part (empty for `dir` and `ECDH-ES`).
    pub encrypted_key: Vec<u8>,
    /// The members the algorithm adds to the header (`epk`, `p2s`, `iv`...), in order.
    pub members: Vec<(&'static str, Value)>,
}

fn symmetric<'k>(key: &'k JweKey, o: &EncryptOptions, want: usize) -> Result<&'k [u8], JweError> {
    key.symmetric_bytes()
        .filter(|k| k.len() == want)
        .ok_or_else(|| wrong_key(o.alg, o.enc.key_len(), false, key))
}

/// A fresh random CEK, or the one the recipients share (the JSON forms' later recipients).
fn cek_for(shared: Option<&[u8]>, len: usize) -> Result<Zeroizing<Vec<u8>>, JweError> {
    match shared {
        Some(cek) => Ok(Zeroizing::new(cek.to_vec())),
        None => random(len),
    }
}

/// The key management step for one recipient: the CEK (made here, from `dir` or ECDH-ES, or
/// the `shared` one, which only key-wrapping algorithms can carry), wrapped for `key`.
pub(super) fn wrap(
    o: &EncryptOptions,
    key: &JweKey,
    shared: Option<&[u8]>,
) -> Result<Wrapped, JweError> {
    if shared.is_some() && o.alg.is_direct() {
        return Err(EncryptProblem::DirectShared { alg: o.alg }.into());
    }
    let cek_len = o.enc.key_len();
    let kek_len = o.alg.kek_len().unwrap_or_default();
    let mut members = Vec::new();
    let (cek, encrypted_key) = match o.alg.family() {
        KeyFamily::Direct => (
            Zeroizing::new(symmetric(key, o, cek_len)?.to_vec()),
            Vec::new(),
        ),
        KeyFamily::AesKw => {
            let kek = symmetric(key, o, kek_len)?;
            let cek = cek_for(shared, cek_len)?;
            let ek = keywrap::wrap(kek, &cek)?;
            (cek, ek)
        }
        KeyFamily::AesGcmKw => {
            let kek = symmetric(key, o, kek_len)?;
            let cek = cek_for(shared, cek_len)?;
            let sealed = content::encrypt(gcm_for_kek(kek_len), kek, b"", &cek)?;
            members.push(("iv", b64::encode(&sealed.iv).into()));
            members.push(("tag", b64::encode(&sealed.tag).into()));
            (cek, sealed.ciphertext)
        }
        KeyFamily::Rsa => {
            let Some(KeyMaterial::RsaPublic { n, e } | KeyMaterial::RsaPrivate { n, e, .. }) =
                key.material()
            else {
                return Err(wrong_key(o.alg, cek_len, false, key));
            };
            let cek = cek_for(shared, cek_len)?;
            let ek = rsa::encrypt_oaep(o.alg, n, e, &cek)?;
            (cek, ek)
        }
        KeyFamily::Ecdh => {
            let (curve, recipient) = key
                .agreement_public()
                .ok_or_else(|| wrong_key(o.alg, cek_len, false, key))?;
            let apu = o.apu.clone().unwrap_or_default();
            let apv = o.apv.clone().unwrap_or_default();
            let (alg_id, len) = if o.alg == KeyAlg::EcdhEs {
                (o.enc.name(), cek_len)
            } else {
                (o.alg.name(), kek_len)
            };
            let eph = ecdh::derive_for_encrypt(curve, recipient, alg_id, &apu, &apv, len)?;
            members.push(("epk", Value::Object(eph.jwk)));
            if let Some(apu) = &o.apu {
                members.push(("apu", b64::encode(apu).into()));
            }
            if let Some(apv) = &o.apv {
                members.push(("apv", b64::encode(apv).into()));
            }
            if o.alg == KeyAlg::EcdhEs {
                (eph.derived, Vec::new())
            } else {
                let cek = cek_for(shared, cek_len)?;
                let ek = keywrap::wrap(&eph.derived, &cek)?;
                (cek, ek)
            }
        }
        KeyFamily::Pbes2 => {
            let password = key
                .password_bytes()
                .ok_or_else(|| wrong_key(o.alg, cek_len, false, key))?;
            let p2c = o.p2c.unwrap_or(DEFAULT_P2C);
            if p2c == 0 || p2c > MAX_P2C_CEILING {
                return Err(EncryptProblem::P2c { asked: p2c }.into());
            }
            let p2s = random(16)?;
            let kek = pbes2::derive(o.alg, password, &p2s, p2c)?;
            let cek = cek_for(shared, cek_len)?;
            let ek = keywrap::wrap(&kek, &cek)?;
            members.push(("p2s", b64::encode(&p2s).into()));
            members.push(("p2c", p2c.into()));
            (cek, ek)
        }
    };
    Ok(Wrapped {
        cek,
        encrypted_key,
        members,
    })
}

/// Encrypts `plaintext` to `key` as a compact JWE.
///
/// The header holds, in order: `alg`, `enc`, `zip` (when asked), `cty`, `kid`, the members
/// the algorithm needs (`epk`/`apu`/`apv`, `p2s`/`p2c`, or `iv`/`tag`), then `extra`.
/// Public keys suffice for RSA and ECDH-ES (a private key's public half is used). RSA1_5 is
/// refused: it is open to Bleichenbacher's attack, and is only decrypted here.
pub fn encrypt(
    plaintext: &[u8],
    options: &EncryptOptions,
    key: &JweKey,
) -> Result<String, JweError> {
    check_options(options)?;
    let wrapped = wrap(options, key, None)?;
    let protected = encode_header(compact_header(options, &wrapped.members));
    let sealed = seal(options, &wrapped.cek, protected.as_bytes(), plaintext)?;
    Ok(format!(
        "{protected}.{}.{}.{}.{}",
        b64::encode(&wrapped.encrypted_key),
        b64::encode(&sealed.iv),
        b64::encode(&sealed.ciphertext),
        b64::encode(&sealed.tag)
    ))
}

/// Refuses what `encrypt` never does: RSA1_5, and extra members it sets itself.
pub(super) fn check_options(options: &EncryptOptions) -> Result<(), JweError> {
    if options.alg == KeyAlg::Rsa1_5 {
        return Err(rsa::rsa1_5_refused());
    }
    if let Some(name) = RESERVED_MEMBERS
        .iter()
        .find(|n| options.extra.contains_key(**n))
    {
        return Err(EncryptProblem::Reserved { name }.into());
    }
    Ok(())
}

/// The header of one recipient's JWE, all of it protected: `alg`, `enc`, `zip` (when asked),
/// `cty`, `kid`, the algorithm's `members`, then the extra members.
pub(super) fn compact_header(
    options: &EncryptOptions,
    members: &[(&'static str, Value)],
) -> Map<String, Value> {
    let mut header = Map::new();
    header.insert("alg".into(), options.alg.name().into());
    header.extend(shared_header(options));
    if let Some(kid) = &options.kid {
        header.insert("kid".into(), kid.clone().into());
    }
    for (name, value) in members {
        header.insert((*name).into(), value.clone());
    }
    for (name, value) in &options.extra {
        header.insert(name.clone(), value.clone());
    }
    header
}

/// What every recipient shares: `enc`, `zip` (when asked) and `cty`, in that order.
pub(super) fn shared_header(options: &EncryptOptions) -> Map<String, Value> {
    let mut header = Map::new();
    header.insert("enc".into(), options.enc.name().into());
    if options.zip {
        header.insert("zip".into(), "DEF".into());
    }
    if let Some(cty) = &options.cty {
        header.insert("cty".into(), cty.clone().into());
    }
    header
}

/// BASE64URL(UTF8(header)).
pub(super) fn encode_header(header: Map<String, Value>) -> String {
    // A map of strings to JSON values always serializes.
    b64::encode(Value::Object(header).to_string().as_bytes())
}

/// The content encryption: the plaintext (deflated first when `zip` is asked) under `cek`.
pub(super) fn seal(
    options: &EncryptOptions,
    cek: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<content::Sealed, JweError> {
    let body = if options.zip {
        zip::deflate(plaintext)
    } else {
        plaintext.to_vec()
    };
    content::encrypt(options.enc, cek, aad, &body)
}
