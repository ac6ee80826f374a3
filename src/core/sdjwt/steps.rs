//! The numbered steps of RFC 9901 sections 7.1 and 7.3 and the SD-JWT VC rules, in one place:
//! their names (what the window and `--json` show) and the section each cites. Sub-steps are
//! numbered as in the text RFC 9901 was published from (draft 22): "7.1 step 3.3.2.2" is
//! step 3, its third item, its second item, its second item.

use crate::core::verify::{Check, Fault};

/// The RFC this module implements.
pub const RFC: &str = "RFC 9901";
/// The SD-JWT VC draft whose rules are checked (sections 3.2.1, 3.2.2.1 and 3.2.2.2 are the
/// same in drafts 14 and 15).
pub const VC_DRAFT: &str = "draft-ietf-oauth-sd-jwt-vc-15";

/// One numbered step: its name and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// What the check is called: "7.1 step 4".
    pub name: &'static str,
    /// The specification.
    pub spec: &'static str,
    /// The section.
    pub section: &'static str,
}

impl Step {
    const fn rfc(name: &'static str, section: &'static str) -> Step {
        Step {
            name,
            spec: RFC,
            section,
        }
    }

    /// The step, passed, with what was found.
    pub fn pass(self, detail: impl Into<String>) -> Check {
        Check::pass(self.name, detail).cite(self.spec, self.section)
    }

    /// The step, failed, with what is wrong (a profile failure).
    pub fn fail(self, detail: impl Into<String>) -> Check {
        Check::fail(self.name, Fault::Profile, detail).cite(self.spec, self.section)
    }

    /// [`Step::pass`] or [`Step::fail`].
    pub fn check(self, ok: bool, detail: impl Into<String>) -> Check {
        if ok {
            self.pass(detail)
        } else {
            self.fail(detail)
        }
    }
}

/// Separate the issuer-signed JWT and the disclosures.
pub const SEPARATE: Step = Step::rfc("7.1 step 1", "7.1");
/// A signing algorithm deemed secure; never `none`.
pub const ISSUER_ALG: Step = Step::rfc("7.1 step 2.1", "7.1");
/// The issuer's signature.
pub const ISSUER_SIGNATURE: Step = Step::rfc("7.1 step 2.2", "7.1");
/// The issuer and its key.
pub const ISSUER_KEY: Step = Step::rfc("7.1 step 2.3", "7.1");
/// `_sd_alg` understood and secure.
pub const SD_ALG: Step = Step::rfc("7.1 step 2.4", "4.1.1");
/// A digest for each disclosure (and each sent once).
pub const DIGESTS: Step = Step::rfc("7.1 step 3.1", "7.1");
/// `_sd` keys refer to arrays of digest strings.
pub const SD_ARRAYS: Step = Step::rfc("7.1 step 3.2.1", "4.2.4.1");
/// `{"...": digest}` array elements refer to a string.
pub const ARRAY_DIGESTS: Step = Step::rfc("7.1 step 3.2.2", "4.2.4.2");
/// Nesting through disclosures stays within what can be read.
pub const NESTING: Step = Step::rfc("7.1 step 3.3", "7.1");
/// A disclosure met in `_sd` is `[salt, name, value]`.
pub const PROPERTY_SHAPE: Step = Step::rfc("7.1 step 3.3.2.1", "7.1");
/// Its claim name is not `_sd` or `...`.
pub const RESERVED_NAME: Step = Step::rfc("7.1 step 3.3.2.2", "7.1");
/// Its claim name is not already at that level.
pub const NAME_COLLISION: Step = Step::rfc("7.1 step 3.3.2.3", "7.1");
/// A disclosure met in an array is `[salt, value]`.
pub const ELEMENT_SHAPE: Step = Step::rfc("7.1 step 3.3.3.1", "7.1");
/// No digest appears twice.
pub const DUPLICATE_DIGEST: Step = Step::rfc("7.1 step 4", "7.1");
/// Every disclosure is referenced.
pub const UNREFERENCED: Step = Step::rfc("7.1 step 5", "7.1");
/// nbf, exp, iat and aud of the processed payload.
pub const VALIDITY: Step = Step::rfc("7.1 step 6", "7.1");
/// Whether key binding is required is the verifier's policy.
pub const KB_POLICY: Step = Step::rfc("7.3 step 1", "7.3");
/// Key binding required and absent: reject.
pub const KB_PRESENT: Step = Step::rfc("7.3 step 2", "7.3");
/// The holder's key from the SD-JWT (`cnf.jwk`).
pub const HOLDER_KEY: Step = Step::rfc("7.3 step 5.1", "4.1.2");
/// The KB-JWT's algorithm: secure, never `none`.
pub const KB_ALG: Step = Step::rfc("7.3 step 5.2", "7.3");
/// The KB-JWT's signature with the holder's key.
pub const KB_SIGNATURE: Step = Step::rfc("7.3 step 5.3", "7.3");
/// The KB-JWT's `typ` is `kb+jwt`.
pub const KB_TYP: Step = Step::rfc("7.3 step 5.4", "4.3");
/// The KB-JWT's `iat` is within an acceptable window.
pub const KB_IAT: Step = Step::rfc("7.3 step 5.5", "7.3");
/// The KB-JWT's `nonce` is the one expected.
pub const KB_NONCE: Step = Step::rfc("7.3 step 5.6 nonce", "7.3");
/// The KB-JWT's `aud` is this verifier.
pub const KB_AUD: Step = Step::rfc("7.3 step 5.6 aud", "4.3");
/// `sd_hash` over the presentation.
pub const SD_HASH: Step = Step::rfc("7.3 step 5.7", "4.3.1");
/// The KB-JWT is a valid JWT in every other respect.
pub const KB_JWT: Step = Step::rfc("7.3 step 5.8", "7.3");
/// SD-JWT VC: `typ` is `dc+sd-jwt`.
pub const VC_TYP: Step = Step {
    name: "VC typ",
    spec: VC_DRAFT,
    section: "3.2.1",
};
/// SD-JWT VC: `vct` is present, a string.
pub const VC_VCT: Step = Step {
    name: "VC vct",
    spec: VC_DRAFT,
    section: "3.2.2.1",
};
/// SD-JWT VC: iss, nbf, exp, cnf, vct, vct#integrity and status are not disclosures.
pub const VC_PLAIN: Step = Step {
    name: "VC plain claims",
    spec: VC_DRAFT,
    section: "3.2.2.2",
};
