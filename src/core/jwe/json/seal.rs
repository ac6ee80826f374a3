//! Making a JWE JSON document (RFC 7516 section 5.1 with section 7.2): one CEK, wrapped for
//! each recipient by the compact form's key management step, one content encryption.

use super::JsonForm;
use crate::core::b64;
use crate::core::jwe::encrypt::{
    EncryptOptions, Wrapped, check_options, compact_header, encode_header, seal, shared_header,
    wrap,
};
use crate::core::jwe::error::JweError;
use crate::core::jwe::keys::JweKey;
use crate::core::jwe::refusal::EncryptProblem;
use serde_json::{Map, Value};

/// One recipient: how its CEK is wrapped and its key.
///
/// `options.alg`, `options.kid` and the algorithm's parameters (`p2c`, `apu`, `apv`) are
/// its own; `enc`, `zip`, `cty` and the extra members are shared, so every recipient must
/// give the first one's.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    /// Its options (see above).
    pub options: EncryptOptions,
    /// Its key: a public key for RSA and ECDH-ES, a symmetric key or a password otherwise.
    pub key: JweKey,
}

/// What every recipient must share with the first: the one ciphertext has one `enc`.
fn check_shared(first: &EncryptOptions, index: usize, o: &EncryptOptions) -> Result<(), JweError> {
    let member = if o.enc != first.enc {
        "enc"
    } else if o.zip != first.zip {
        "zip"
    } else if o.cty != first.cty {
        "cty"
    } else if o.extra != first.extra {
        "extra members"
    } else {
        return Ok(());
    };
    Err(EncryptProblem::RecipientsDiffer { index, member }.into())
}

/// A recipient's entry in the general form: its own `header` (`alg`, `kid`, the
/// algorithm's members) and its `encrypted_key` (left out when empty).
fn entry(o: &EncryptOptions, wrapped: Wrapped) -> Value {
    let mut header = Map::new();
    header.insert("alg".into(), o.alg.name().into());
    if let Some(kid) = &o.kid {
        header.insert("kid".into(), kid.clone().into());
    }
    for (name, value) in wrapped.members {
        header.insert(name.into(), value);
    }
    let mut entry = Map::new();
    entry.insert("header".into(), Value::Object(header));
    if !wrapped.encrypted_key.is_empty() {
        let key = b64::encode(&wrapped.encrypted_key);
        entry.insert("encrypted_key".into(), key.into());
    }
    Value::Object(entry)
}

/// Encrypts `plaintext` to every recipient as one JWE JSON document (one line of JSON).
///
/// One random CEK (or the one `dir`/`ECDH-ES` gives, for a single recipient) is wrapped for
/// each recipient with its own `alg`. Flattened: exactly one recipient, and its whole header
/// is protected (the compact form's header). General: the protected header holds `enc`,
/// `zip`, `cty` and the extra members; each recipient's `header` holds its `alg`, `kid` and
/// algorithm members (`epk`, `p2s`/`p2c`, `iv`/`tag`), which the AAD does not cover but the
/// CEK's unwrapping does. `aad`, when given, is carried as the `aad` member and
/// authenticated. Members are written in the order `protected`, `encrypted_key` or
/// `recipients`, `aad`, `iv`, `ciphertext`, `tag`; an empty encrypted key is left out.
pub fn encrypt_json(
    plaintext: &[u8],
    recipients: &[Recipient],
    aad: Option<&[u8]>,
    form: JsonForm,
) -> Result<String, JweError> {
    let Some(first) = recipients.first() else {
        return Err(EncryptProblem::NoRecipient.into());
    };
    if form == JsonForm::Flattened && recipients.len() != 1 {
        let count = recipients.len();
        return Err(EncryptProblem::FlattenedRecipients { count }.into());
    }
    for (index, r) in recipients.iter().enumerate() {
        check_options(&r.options)?;
        check_shared(&first.options, index, &r.options)?;
        if recipients.len() > 1 && r.options.alg.is_direct() {
            let alg = r.options.alg;
            return Err(EncryptProblem::DirectShared { alg }.into());
        }
    }
    let made = wrap(&first.options, &first.key, None)?;
    let cek = made.cek.clone();
    let mut doc = Map::new();
    let protected = match form {
        JsonForm::Flattened => {
            let protected = encode_header(compact_header(&first.options, &made.members));
            doc.insert("protected".into(), protected.clone().into());
            if !made.encrypted_key.is_empty() {
                doc.insert(
                    "encrypted_key".into(),
                    b64::encode(&made.encrypted_key).into(),
                );
            }
            protected
        }
        JsonForm::General => {
            let mut shared = shared_header(&first.options);
            shared.extend(first.options.extra.clone());
            let protected = encode_header(shared);
            doc.insert("protected".into(), protected.clone().into());
            let mut list = vec![entry(&first.options, made)];
            for r in recipients.iter().skip(1) {
                list.push(entry(&r.options, wrap(&r.options, &r.key, Some(&cek))?));
            }
            doc.insert("recipients".into(), Value::Array(list));
            protected
        }
    };
    let aad_text = aad.map(b64::encode);
    let aad_input = match &aad_text {
        Some(a) => format!("{protected}.{a}"),
        None => protected,
    };
    if let Some(a) = aad_text {
        doc.insert("aad".into(), a.into());
    }
    let sealed = seal(&first.options, &cek, aad_input.as_bytes(), plaintext)?;
    doc.insert("iv".into(), b64::encode(&sealed.iv).into());
    doc.insert("ciphertext".into(), b64::encode(&sealed.ciphertext).into());
    doc.insert("tag".into(), b64::encode(&sealed.tag).into());
    Ok(Value::Object(doc).to_string())
}
