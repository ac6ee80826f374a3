//! Decrypting a JWE JSON document: the recipient the key's `kid` names, else each recipient
//! in turn, each read as the compact JWE it stands for and decrypted by the same code.

use super::read::in_json;
use super::{JsonForm, JweJson};
use crate::core::jwe::decrypt::{Decrypted, open};
use crate::core::jwe::error::JweError;
use crate::core::jwe::keys::JweKey;
use crate::core::jwe::parse::{JweParts, assemble};
use crate::core::jwe::{JsonProblem, Limits};

/// How the recipient that decrypted was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The key's `kid` is this recipient's `kid`.
    Kid,
    /// The key has no `kid`, or none of the recipients has it: each was tried in turn.
    Tried,
}

/// A decrypted JWE JSON document: the recipient that decrypted, and how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonDecrypted {
    /// The plaintext, the trace, and that recipient's parts (its JOSE header as `header`).
    pub decrypted: Decrypted,
    /// The recipient's index in the document (0 is the first).
    pub recipient: usize,
    /// How it was found.
    pub pick: Pick,
    /// The recipients tried before it, and why each failed (the uniform decryption error
    /// when the cryptography failed).
    pub refused: Vec<(usize, JweError)>,
}

impl JweJson {
    /// Recipient `index` as the compact JWE it stands for: its JOSE header, its encrypted
    /// key and the shared parts (the protected part's text is the document's `protected`).
    pub fn parts(&self, index: usize) -> Result<JweParts, JweError> {
        let r = self
            .recipients
            .get(index)
            .ok_or(JsonProblem::NoRecipients)?;
        if let Some(problem) = &r.problem {
            return Err(problem.clone());
        }
        assemble(
            self.protected.clone(),
            self.joined(index),
            r.encrypted_key.clone(),
            self.iv.clone(),
            self.ciphertext.clone(),
            self.tag.clone(),
        )
        .map_err(in_json)
    }

    /// The recipients `key` is for: those whose `kid` is the key's, when the key has a
    /// `kid` that some recipient names; else every recipient, in order.
    pub fn candidates(&self, key: &JweKey) -> (Vec<usize>, Pick) {
        let kid = key.key().and_then(|k| k.kid.as_deref());
        let named: Vec<usize> = (0..self.recipients.len())
            .filter(|i| kid.is_some() && self.kid(*i) == kid)
            .collect();
        if named.is_empty() {
            ((0..self.recipients.len()).collect(), Pick::Tried)
        } else {
            (named, Pick::Kid)
        }
    }

    /// Decrypts with `key` within `limits`: the recipient the key's `kid` names, else each
    /// recipient in turn, until one decrypts.
    ///
    /// When none does: [`JweError::Decryption`] if the cryptography failed for any of them
    /// (wrong key, or the document was altered: the one message, no oracle); else the
    /// one recipient's problem, or [`JweError::NoRecipient`] with each one's.
    pub fn decrypt(&self, key: &JweKey, limits: &Limits) -> Result<JsonDecrypted, JweError> {
        let (candidates, pick) = self.candidates(key);
        let aad = self.aad_input();
        let mut refused = Vec::new();
        for index in candidates {
            let attempt = self
                .parts(index)
                .and_then(|parts| open(parts, key, limits, aad.clone()).map_err(in_json));
            match attempt {
                Ok(decrypted) => {
                    return Ok(JsonDecrypted {
                        decrypted,
                        recipient: index,
                        pick,
                        refused,
                    });
                }
                Err(e) => refused.push((index, e)),
            }
        }
        Err(failure(self.form, refused))
    }
}

/// The one error for recipients that all failed.
fn failure(form: JsonForm, mut tried: Vec<(usize, JweError)>) -> JweError {
    if tried.iter().any(|(_, e)| *e == JweError::Decryption) {
        return JweError::Decryption;
    }
    let all_same = tried.windows(2).all(|w| match w {
        [(_, a), (_, b)] => a == b,
        _ => true,
    });
    match (tried.len(), form) {
        (0, _) => JsonProblem::NoRecipients.into(),
        (1, JsonForm::General) => match tried.pop() {
            Some((index, error)) => JweError::Recipient {
                index,
                error: Box::new(error),
            },
            None => JsonProblem::NoRecipients.into(),
        },
        (_, _) if all_same => match tried.pop() {
            Some((_, error)) => error,
            None => JsonProblem::NoRecipients.into(),
        },
        _ => JweError::NoRecipient { tried },
    }
}
