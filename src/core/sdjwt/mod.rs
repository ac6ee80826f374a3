//! SD-JWT (RFC 9901) and SD-JWT VC: reading `JWT~D1~…~Dn~[KB-JWT]`, verifying it step by
//! step (sections 7.1 and 7.3, each step a cited [`Check`](crate::core::verify::Check)),
//! issuing, presenting with key binding, and the attack lab's forged presentations.
//!
//! For a window: [`SdJwt::parse`] gives the parts and the disclosure table (text, decoded
//! array, digest); [`process`] the rebuilt claims, where each disclosure sits, the undisclosed
//! digests and the digest-by-digest record ([`Processed::embedded`]); [`verify`] the numbered
//! checks; [`SdJwt::sd_hash_input`] the exact text `sd_hash` covers. `now` is always a
//! parameter.

mod attacks;
mod digest;
mod disclosure;
mod error;
mod issue;
mod kb;
mod outcome;
mod parse;
pub mod pointer;
mod present;
mod process;
pub mod steps;
mod vc;
mod verify;

pub use attacks::{Forgery, LabInput, attacks, lab_base};
pub use digest::SdAlg;
pub use disclosure::{Content, Disclosure};
pub use error::{DisclosureError, SdJwtError};
pub use issue::{IssueRequest, Issued, issue};
pub use kb::{HolderKeyError, holder_key};
pub use outcome::{Embedded, Processed, Slot};
pub use parse::SdJwt;
pub use present::{KbRequest, Presented, present, sign_kb};
pub use process::process;
pub use vc::{OLD_TYP as VC_OLD_TYP, PLAIN_CLAIMS as VC_PLAIN_CLAIMS, TYP as VC_TYP, is_vc};
pub use verify::{HolderBinding, SdPolicy, SdReport, Warning, verify};

/// The `typ` of a KB-JWT (RFC 9901 section 4.3).
pub const KB_TYP: &str = "kb+jwt";

/// Reads an SD-JWT and rebuilds its claims, without checking any signature: what a decoder
/// shows. Equivalent to [`SdJwt::parse`] then [`process`].
pub fn decode(text: &str) -> Result<(SdJwt, Processed), SdJwtError> {
    let sd = SdJwt::parse(text)?;
    let processed = process(&sd);
    Ok((sd, processed))
}

#[cfg(test)]
mod tests;
