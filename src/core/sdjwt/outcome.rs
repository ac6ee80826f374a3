//! What processing an SD-JWT yields (RFC 9901 section 7.1 steps 3 to 5): the rebuilt
//! claims, where each disclosure sits, the digest-by-digest record, and the problems.

use super::steps::Step;
use crate::core::verify::Check;
use serde_json::{Map, Value};

/// Where an embedded digest sits in its container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// In the container object's `_sd` array.
    Sd,
    /// As `{"...": digest}` at this index of the container array (as the issuer wrote it).
    Element(usize),
}

/// One embedded digest met while rebuilding the claims, in the order met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    /// The digest, base64url.
    pub digest: String,
    /// The JSON pointer (in the rebuilt claims) of the object or array that holds it.
    pub container: String,
    /// In `_sd` or as an array element.
    pub slot: Slot,
    /// The 1-based index of the disclosure with this digest; `None` for a decoy or a claim
    /// not disclosed (the two cannot be told apart, by design).
    pub disclosure: Option<usize>,
    /// The disclosure whose value carries this digest; `None` when the issuer-signed payload
    /// does.
    pub inside: Option<usize>,
    /// Where the disclosed claim landed in the rebuilt claims, when it did.
    pub placed: Option<String>,
}

/// The outcome of processing: the rebuilt claims, what each disclosure became, and problems.
#[derive(Debug, Clone, PartialEq)]
pub struct Processed {
    /// The processed payload: digests replaced by disclosed claims, `_sd`, `_sd_alg` and
    /// undisclosed array elements removed. Built even when a step fails, so that it can be
    /// shown; trust it only when the report is valid.
    pub claims: Map<String, Value>,
    /// Every embedded digest, in the order met.
    pub embedded: Vec<Embedded>,
    /// Per disclosure (index - 1): the JSON pointer where its claim sits in `claims`.
    pub placed: Vec<Option<String>>,
    /// Per disclosure (index - 1): the disclosure whose value carries its digest.
    pub parent: Vec<Option<usize>>,
    /// The failed steps, each naming the disclosure or the place.
    pub problems: Vec<Check>,
}

impl Processed {
    /// Embedded digests with no disclosure: decoys, or claims the holder did not disclose.
    pub fn undisclosed(&self) -> impl Iterator<Item = &Embedded> {
        self.embedded.iter().filter(|e| e.disclosure.is_none())
    }

    /// True when some problem is of `step`.
    pub fn failed(&self, step: Step) -> bool {
        self.problems.iter().any(|c| c.name == step.name)
    }
}
