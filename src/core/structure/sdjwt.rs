//! How an SD-JWT is built, digest by digest (RFC 9901 sections 4 and 7.1): the issuer-signed
//! JWT, then each digest met while rebuilding the claims, with the disclosure that matches it
//! (its decoded array, its digest) and where its claim lands, or none (a decoy or a claim not
//! disclosed); then what `sd_hash` covers. Text from the token is escaped.

use super::Step;
use crate::core::sdjwt::{Processed, SdJwt, Slot};
use crate::core::text::escape;

/// Digests shown one by one at most; the rest are counted.
pub const MAX_DIGEST_STEPS: usize = 200;

fn owned(label: &str, value: String) -> (String, String) {
    (label.to_string(), value)
}

/// The steps of `sd`, processed as `p`.
pub fn sd_steps(sd: &SdJwt, p: &Processed) -> Vec<Step> {
    let mut out = vec![Step {
        title: "1. The issuer-signed JWT".into(),
        explain: format!(
            "Everything before the first '~': a JWS whose payload holds digests instead of the selectively disclosable claims ({} with {}).",
            if sd.sd_alg_named {
                "_sd_alg names the hash"
            } else {
                "no _sd_alg: the default"
            },
            sd.sd_alg
        ),
        values: vec![owned(
            "issuer-signed JWT",
            escape(sd.issuer_jwt()).into_owned(),
        )],
    }];
    for (n, e) in p.embedded.iter().enumerate().take(MAX_DIGEST_STEPS) {
        let at = match e.slot {
            Slot::Sd => format!("in the _sd array of {}", container(&e.container)),
            Slot::Element(j) => format!(
                "as {{\"...\": digest}} at index {j} of the array {}",
                container(&e.container)
            ),
        };
        let carrier = e
            .inside
            .map(|i| format!(" (carried by disclosure {i})"))
            .unwrap_or_default();
        let d = e
            .disclosure
            .and_then(|i| sd.disclosures.get(i.saturating_sub(1)));
        let (explain, mut values) = match d {
            Some(d) => (
                format!(
                    "Digest {at}{carrier}: disclosure {} hashes to it, so its claim is placed{}.",
                    d.index,
                    e.placed
                        .as_deref()
                        .map(|p| format!(" at {}", escape(p)))
                        .unwrap_or_else(|| " nowhere (a step fails)".into())
                ),
                vec![
                    owned("disclosure", escape(&d.text).into_owned()),
                    owned(
                        "decoded",
                        d.decoded_text()
                            .map(|t| escape(&t).into_owned())
                            .unwrap_or_else(|e| format!("does not read: {e}")),
                    ),
                ],
            ),
            None => (
                format!(
                    "Digest {at}{carrier}: no disclosure sent hashes to it, so nothing is placed: a decoy, or a claim the holder did not disclose."
                ),
                Vec::new(),
            ),
        };
        values.insert(0, owned(&format!("{} digest", sd.sd_alg), e.digest.clone()));
        out.push(Step {
            title: format!("{}. Digest {}", n + 2, n + 1),
            explain,
            values,
        });
    }
    let shown = p.embedded.len().min(MAX_DIGEST_STEPS);
    let last = shown + 2;
    if p.embedded.len() > shown {
        out.push(Step {
            title: format!("… {} more digests", p.embedded.len() - shown),
            explain:
                "Not shown one by one; the Debugger's disclosure table lists every disclosure."
                    .into(),
            values: Vec::new(),
        });
    }
    out.push(Step {
        title: format!("{last}. What sd_hash covers"),
        explain: if sd.kb.is_some() {
            "The issuer-signed JWT and each disclosure sent, each followed by '~', byte for byte: the KB-JWT's sd_hash is its digest, so the holder signs exactly what was presented.".into()
        } else {
            "No KB-JWT: nothing binds this presentation to a holder. Were one made, its sd_hash would be the digest of this text.".into()
        },
        values: vec![
            owned("sd_hash input", escape(sd.sd_hash_input()).into_owned()),
            owned("sd_hash", sd.sd_hash()),
        ],
    });
    out
}

fn container(pointer: &str) -> String {
    if pointer.is_empty() {
        "the payload".into()
    } else {
        escape(pointer).into_owned()
    }
}
