//! Reading a JWE JSON document (RFC 7516 section 7.2.1): its members checked, its headers
//! joined per recipient, each recipient checked as the compact JWE it stands for.

use super::{Aad, HeaderPlace, JsonForm, JsonProblem, JsonRecipient, JweJson, MAX_RECIPIENTS};
use crate::core::b64;
use crate::core::json;
use crate::core::jwe::ContentAlg;
use crate::core::jwe::error::{JweError, Part};
use crate::core::jwe::parse::{EncodedPart, Sizes, check_sizes, header_algs, header_object};
use crate::core::text::clip;
use serde_json::{Map, Value};

/// A member of the wrong JSON type.
fn member_type(member: &str, expected: &'static str, found: &Value) -> JweError {
    JsonProblem::MemberType {
        member: clip(member, 60),
        expected,
        found: json::kind_name(found),
    }
    .into()
}

/// A string member, when present.
fn string<'a>(
    obj: &'a Map<String, Value>,
    name: &str,
    shown: &str,
) -> Result<Option<&'a str>, JweError> {
    match obj.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(member_type(shown, "a base64url string", other)),
    }
}

/// An object member, when present.
fn object<'a>(
    obj: &'a Map<String, Value>,
    name: &str,
    shown: &str,
) -> Result<Option<&'a Map<String, Value>>, JweError> {
    match obj.get(name) {
        None => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(other) => Err(member_type(shown, "a JSON object (a header)", other)),
    }
}

/// A base64url member as a part (absent: empty); spans are empty outside compact tokens.
fn part(text: Option<&str>, part: Part) -> Result<EncodedPart, JweError> {
    let text = text.unwrap_or_default();
    let bytes = b64::decode_strict(text).map_err(|detail| JweError::Base64 { part, detail })?;
    Ok(EncodedPart {
        part,
        text: text.to_string(),
        bytes,
        span: 0..0,
    })
}

/// The first member path that occurs twice in one object of `bytes`, as an error.
fn no_duplicates(bytes: &[u8], prefix: &str) -> Result<(), JweError> {
    match crate::core::members::duplicate_members(bytes).first() {
        Some(path) => Err(JsonProblem::Duplicate {
            path: clip(&format!("{prefix}{path}"), 60),
        }
        .into()),
        None => Ok(()),
    }
}

/// The protected header: its part and its object (both empty when absent).
fn protected(doc: &Map<String, Value>) -> Result<(EncodedPart, Map<String, Value>), JweError> {
    let text = string(doc, "protected", "protected")?;
    let encoded = part(text, Part::ProtectedHeader)?;
    if text.is_none() {
        return Ok((encoded, Map::new()));
    }
    let header = header_object(&encoded.bytes)?;
    no_duplicates(&encoded.bytes, "protected.")?;
    Ok((encoded, header))
}

/// Each recipient's own header and encrypted key text, and the form.
type Entries<'a> = Vec<(Option<&'a Map<String, Value>>, Option<&'a str>)>;

fn entries(doc: &Map<String, Value>) -> Result<(JsonForm, Entries<'_>), JweError> {
    let list = match doc.get("recipients") {
        None => {
            let header = object(doc, "header", "header")?;
            let key = string(doc, "encrypted_key", "encrypted_key")?;
            return Ok((JsonForm::Flattened, vec![(header, key)]));
        }
        Some(Value::Array(list)) => list,
        Some(other) => return Err(member_type("recipients", "an array", other)),
    };
    if let Some(member) = ["header", "encrypted_key"]
        .into_iter()
        .find(|m| doc.contains_key(*m))
    {
        return Err(JsonProblem::BothForms { member }.into());
    }
    if list.is_empty() {
        return Err(JsonProblem::NoRecipients.into());
    }
    if list.len() > MAX_RECIPIENTS {
        return Err(JsonProblem::TooManyRecipients { count: list.len() }.into());
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let Value::Object(entry) = entry else {
            return Err(member_type(&format!("recipients[{i}]"), "an object", entry));
        };
        let header = object(entry, "header", &format!("recipients[{i}].header"))?;
        let shown = format!("recipients[{i}].encrypted_key");
        out.push((header, string(entry, "encrypted_key", &shown)?));
    }
    Ok((JsonForm::General, out))
}

/// Refuses `zip` outside the protected header, and a name of `header` that an `earlier`
/// header already has (with where that is).
fn disjoint(
    place: HeaderPlace,
    header: Option<&Map<String, Value>>,
    earlier: &[(HeaderPlace, Option<&Map<String, Value>>)],
) -> Result<(), JweError> {
    for name in header.into_iter().flat_map(Map::keys) {
        if name == "zip" && place != HeaderPlace::Protected {
            return Err(JsonProblem::ZipUnprotected(place).into());
        }
        let first = earlier
            .iter()
            .find(|(_, h)| h.is_some_and(|h| h.contains_key(name)));
        if let Some((first, _)) = first {
            return Err(JsonProblem::Overlap {
                name: clip(name, 40),
                first: *first,
                second: place,
            }
            .into());
        }
    }
    Ok(())
}

/// The members of a JOSE header that say which algorithms apply, looked up in its three
/// headers without joining them.
fn algorithm_members(headers: [Option<&Map<String, Value>>; 3]) -> Map<String, Value> {
    let mut out = Map::new();
    for name in ["alg", "enc", "zip"] {
        let found = headers.iter().flatten().find_map(|h| h.get(name));
        if let Some(value) = found {
            out.insert(name.into(), value.clone());
        }
    }
    out
}

/// A recipient-level error in words the JSON forms fit: a header problem names the JOSE
/// header, not the protected one.
pub(super) fn in_json(error: JweError) -> JweError {
    match error {
        JweError::Header(problem) => JsonProblem::Header(problem).into(),
        other => other,
    }
}

/// Takes a JWE JSON document apart and checks it (RFC 7516 section 7.2.1).
///
/// Refused with a specific message: text that is not a JSON object, a member name twice
/// in one object, a JWS JSON document, no `ciphertext`, members of the wrong type or not
/// base64url, both forms at once, no recipient or more than [`MAX_RECIPIENTS`], a header
/// member in two of a recipient's headers, `zip` outside the protected header, and
/// recipients that name different `enc`. A recipient whose own algorithms are not supported
/// (or whose encrypted key has the wrong size) is kept with its
/// [`problem`](JsonRecipient::problem); when no recipient is usable the first problem is
/// the error.
pub fn read_json(text: &str) -> Result<JweJson, JweError> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(JweError::Empty);
    }
    let doc = match json::parse_value("JWE JSON document", text) {
        Ok(Value::Object(doc)) => doc,
        Ok(other) => {
            let kind = json::kind_name(&other);
            return Err(JsonProblem::NotObject { kind }.into());
        }
        Err(e) => return Err(JsonProblem::Json(e).into()),
    };
    no_duplicates(text.as_bytes(), "")?;
    if !doc.contains_key("ciphertext") {
        let signed = ["payload", "signatures", "signature"]
            .iter()
            .any(|m| doc.contains_key(*m));
        return Err(if signed {
            JsonProblem::NotJwe.into()
        } else {
            JsonProblem::Missing {
                member: "ciphertext",
            }
            .into()
        });
    }
    let (protected, protected_header) = protected(&doc)?;
    let unprotected = object(&doc, "unprotected", "unprotected")?;
    let iv = part(string(&doc, "iv", "iv")?, Part::Iv)?;
    let ciphertext = part(string(&doc, "ciphertext", "ciphertext")?, Part::Ciphertext)?;
    let tag = part(string(&doc, "tag", "tag")?, Part::Tag)?;
    let aad = match string(&doc, "aad", "aad")? {
        None => None,
        Some(text) => Some(Aad {
            text: text.to_string(),
            bytes: b64::decode_strict(text).map_err(JsonProblem::AadBase64)?,
        }),
    };
    let (form, entries) = entries(&doc)?;
    // The shared headers' own rules first, said of the document rather than a recipient.
    let shared = [
        (HeaderPlace::Protected, Some(&protected_header)),
        (HeaderPlace::Unprotected, unprotected),
    ];
    disjoint(HeaderPlace::Unprotected, unprotected, &shared[..1])?;
    let mut recipients = Vec::with_capacity(entries.len());
    let mut encs = Vec::with_capacity(entries.len());
    for (index, (header, key)) in entries.into_iter().enumerate() {
        let at = |error: JweError| match form {
            JsonForm::Flattened => error,
            JsonForm::General => JweError::Recipient {
                index,
                error: Box::new(error),
            },
        };
        let place = match form {
            JsonForm::Flattened => HeaderPlace::Header,
            JsonForm::General => HeaderPlace::Recipient(index),
        };
        disjoint(place, header, &shared).map_err(at)?;
        let encrypted_key = part(key, Part::EncryptedKey).map_err(at)?;
        let algs = algorithm_members([Some(&protected_header), unprotected, header]);
        let checked = header_algs(&algs).and_then(|(alg, enc, _)| {
            check_sizes(&Sizes {
                alg,
                enc,
                encrypted_key: encrypted_key.bytes.len(),
                iv: iv.bytes.len(),
                tag: tag.bytes.len(),
                ciphertext: ciphertext.bytes.len(),
            })
            .map(|()| enc)
        });
        encs.push(checked.as_ref().ok().copied());
        recipients.push(JsonRecipient {
            header: header.cloned(),
            encrypted_key,
            problem: checked.err().map(in_json),
        });
    }
    one_enc(&encs)?;
    let problems: Option<Vec<&JweError>> = recipients.iter().map(|r| r.problem.as_ref()).collect();
    if let Some(problems) = problems {
        // Every recipient has a problem: the document is unusable. One shared by all (an iv
        // of the wrong size) is said of the document.
        let same = problems.windows(2).all(|w| w.first() == w.last());
        if let Some(&error) = problems.first() {
            return Err(match form {
                JsonForm::General if !same => JweError::Recipient {
                    index: 0,
                    error: Box::new(error.clone()),
                },
                _ => error.clone(),
            });
        }
    }
    Ok(JweJson {
        form,
        protected,
        protected_header,
        unprotected: unprotected.cloned(),
        recipients,
        aad,
        iv,
        ciphertext,
        tag,
    })
}

/// Refuses recipients that name different `enc` (`None`: a recipient with a problem): the
/// one ciphertext has one.
fn one_enc(encs: &[Option<ContentAlg>]) -> Result<(), JweError> {
    let mut named = encs
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.map(|e| (i, e)));
    let Some((first_index, first)) = named.next() else {
        return Ok(());
    };
    match named.find(|(_, enc)| *enc != first) {
        Some((index, other)) => Err(JsonProblem::EncDiffers {
            first_index,
            first,
            index,
            other,
        }
        .into()),
        None => Ok(()),
    }
}
