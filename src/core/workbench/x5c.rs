//! `x5c` in the document (issue 20 item 4): the chain a token carries, described for the Keys
//! view, and trusted only through the roots the user pinned. When the key pane gives no
//! verifying key and the token carries `x5c`, the chain decides: validated at the document's
//! clock (time travel applies) to a pinned root, its leaf key verifies the token and the report
//! names the root; otherwise nothing verifies it and the report says why. A key the user gave
//! always wins: the token does not choose its own key.

use super::Workbench;
use crate::core::alg::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::keys::x5c::{self, CertDetails, Trusted, X5cError};
use crate::core::verify::{self, Check, Fault, Policy, SignatureStatus, Unchecked};
use serde_json::{Map, Value};

/// A signature verdict as the report takes it: status, algorithm, the algorithm's check.
pub(super) type Signature = (SignatureStatus, Option<JwsAlg>, Check);

impl Workbench {
    /// The roots pinned for `x5c` chains (DER certificates).
    pub fn pinned_roots(&self) -> &[Vec<u8>] {
        &self.roots
    }

    fn decoded_header(&self) -> Option<&Map<String, Value>> {
        self.inspection.as_ref().ok()?.header.as_ref().ok()
    }

    /// The token's `x5c` chain, leaf first, described certificate by certificate; `None` when
    /// its header has no `x5c`.
    pub fn x5c_chain(&self) -> Option<Result<Vec<CertDetails>, X5cError>> {
        match x5c::chain_of(self.decoded_header()?) {
            Err(X5cError::Absent) => None,
            Err(e) => Some(Err(e)),
            Ok(chain) => Some(x5c::describe_chain(&chain)),
        }
    }

    /// True when the token's `x5c` decides which key verifies it: the header carries one, and
    /// the key pane holds no public or private key at all (a key that is there but does not
    /// fit the token's alg or kid is a failure, never a reason to take the token's own chain)
    /// nor a secret that verifies it. Not for a JWE, a JWS JSON document or a DPoP proof (its
    /// `jwk` is its key).
    pub fn x5c_decides(&self) -> bool {
        self.keys.public_key.trim().is_empty()
            && self.keys.private_key.trim().is_empty()
            && self.key_state.verify.is_err()
            && self.jwe.is_none()
            && self.json.is_none()
            && self.jwe_json.is_none()
            && self.profile() != crate::core::profiles::Profile::DpopProof
            && self.decoded_header().is_some_and(|h| h.contains_key("x5c"))
    }

    /// The leaf key of a chain that validates to a pinned root at the document's clock, when
    /// the chain decides the key.
    pub fn x5c_key(&self, now: NumericDate) -> Option<crate::core::keys::Key> {
        self.x5c_trust(now)?.ok().map(|t| t.leaf_key)
    }

    /// Seconds until the chain's trust may change at the document's clock (a certificate of
    /// the chain or a pinned root starts or ends its validity), when the chain decides.
    pub(super) fn x5c_tick(&self, now: NumericDate) -> Option<i64> {
        if !self.x5c_decides() {
            return None;
        }
        let at = self.at(now);
        let chain = self.x5c_chain()?.ok()?;
        let roots = self
            .roots
            .iter()
            .enumerate()
            .filter_map(|(i, der)| x5c::describe_cert(der, i).ok());
        chain
            .into_iter()
            .chain(roots)
            .flat_map(|c| [c.not_before, c.not_after.saturating_add(1)])
            .filter(|t| *t > at)
            .map(|t| t - at)
            .min()
    }

    /// True when `key` is the key of the token's `x5c` leaf (loaded into the pane by hand).
    pub(super) fn is_x5c_leaf(&self, key: &crate::core::keys::Key) -> bool {
        let Some(header) = self.decoded_header() else {
            return false;
        };
        x5c::chain_of(header)
            .ok()
            .and_then(|chain| x5c::leaf_key(&chain).ok())
            .is_some_and(|leaf| leaf.thumbprint() == key.thumbprint())
    }

    /// Whether the token's chain validates to a pinned root at the document's clock, when
    /// the chain decides the key ([`Self::x5c_decides`]).
    pub fn x5c_trust(&self, now: NumericDate) -> Option<Result<Trusted, X5cError>> {
        if !self.x5c_decides() {
            return None;
        }
        Some(x5c::trust_token(
            self.decoded_header()?,
            &self.roots,
            self.at(now),
        ))
    }

    /// The signature verdict as of `now`, and the check saying where the key came from: the
    /// cached verdict, unless the token's `x5c` decides the key.
    pub(super) fn signature_at(&self, now: NumericDate) -> (Signature, Option<Check>) {
        let (Some(trust), Ok(insp)) = (self.x5c_trust(now), &self.inspection) else {
            return (self.signature.clone(), None);
        };
        match trust {
            Ok(trusted) => {
                let policy = Policy {
                    algorithms: vec![self.alg],
                    ..self.policy.clone()
                };
                let signature = verify::signature_status(insp, Some(&trusted.leaf_key), &policy);
                let check = Check::pass("x5c", trusted.sentence()).cite("RFC 7515", "4.1.6");
                (signature, Some(check))
            }
            Err(e) => {
                let why = match e {
                    X5cError::NoRoots => "no key given, and no root is pinned for the token's x5c chain (shown, not trusted): pin its root under Pinned roots in the Keys view, or give the issuer's key".to_string(),
                    e => format!("the x5c chain is not trusted: {e}"),
                };
                let (_, alg, alg_check) = self.signature.clone();
                let status = SignatureStatus::Unchecked(Unchecked::NoKey, why.clone());
                let check = (!self.roots.is_empty())
                    .then(|| Check::fail("x5c", Fault::Mismatch, why).cite("RFC 7515", "4.1.6"));
                ((status, alg, alg_check), check)
            }
        }
    }
}
