//! The ECDH-ES ephemeral public key `epk` (RFC 7518 section 4.6.1.1), checked before any
//! agreement: kty and crv, coordinates of exactly the curve's length, and the point lying on
//! the curve (an off-curve point is the invalid-curve attack, which can leak the private key).

use super::enc::EcdhCurve;
use super::error::JweError;
use super::problem::{HeaderProblem, SizeProblem, Unsupported};
use super::refusal::{BackendProblem, CurveProblem};
use crate::core::b64;
use crate::core::text::clip;
use aws_lc_rs::agreement::{ParsedPublicKey, UnparsedPublicKey};
use serde_json::{Map, Value};

/// An ephemeral public key read from a header, already checked to be on its curve.
pub(super) struct Epk {
    /// Its curve.
    pub curve: EcdhCurve,
    /// `04 || x || y` for the NIST curves, the 32-byte u-coordinate for X25519.
    pub public: Vec<u8>,
    /// The point as the backend parsed and validated it.
    pub parsed: ParsedPublicKey,
}

fn coordinate(
    jwk: &Map<String, Value>,
    member: &'static str,
    curve: EcdhCurve,
) -> Result<Vec<u8>, JweError> {
    let text = match jwk.get(member) {
        Some(Value::String(s)) => s,
        Some(_) => return Err(HeaderProblem::EpkNotString { member }.into()),
        None => return Err(HeaderProblem::EpkMissing { member }.into()),
    };
    let bytes =
        b64::decode_strict(text).map_err(|detail| HeaderProblem::EpkBase64 { member, detail })?;
    if bytes.len() != curve.coordinate_len() {
        return Err(SizeProblem::EpkCoordinate {
            member,
            curve,
            got: bytes.len(),
        }
        .into());
    }
    Ok(bytes)
}

/// Reads the header's `epk`, checks it, and proves the point is on its curve.
pub(super) fn read_epk(header: &Map<String, Value>) -> Result<Epk, JweError> {
    let jwk = match header.get("epk") {
        Some(Value::Object(m)) => m,
        Some(_) => return Err(HeaderProblem::EpkNotObject.into()),
        None => {
            return Err(HeaderProblem::Missing {
                member: "epk",
                what: "the ephemeral public key ECDH-ES needs",
            }
            .into());
        }
    };
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or("");
    let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or("");
    let curve = match (kty, crv) {
        ("EC", "P-256") => EcdhCurve::P256,
        ("EC", "P-384") => EcdhCurve::P384,
        ("EC", "P-521") => EcdhCurve::P521,
        ("OKP", "X25519") => EcdhCurve::X25519,
        ("OKP", "X448") | ("EC", "secp256k1") | ("EC", "BP-256" | "BP-384" | "BP-512") => {
            return Err(BackendProblem::Curve {
                crv: crv.to_string(),
            }
            .into());
        }
        ("EC", _) | ("OKP", _) => {
            let kty = if kty == "EC" { "EC" } else { "OKP" };
            return Err(Unsupported::EpkCurve {
                kty,
                crv: clip(crv, 40),
            }
            .into());
        }
        _ => return Err(HeaderProblem::EpkKty { kty: clip(kty, 40) }.into()),
    };
    let x = coordinate(jwk, "x", curve)?;
    let public = if curve == EcdhCurve::X25519 {
        x
    } else {
        let y = coordinate(jwk, "y", curve)?;
        let mut p = Vec::with_capacity(1 + 2 * x.len());
        p.push(4);
        p.extend(x);
        p.extend(y);
        p
    };
    let parsed = ParsedPublicKey::try_from(&UnparsedPublicKey::new(curve.agreement(), &public))
        .map_err(|_| CurveProblem::OffCurve(curve))?;
    Ok(Epk {
        curve,
        public,
        parsed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn off_curve_and_malformed_epks_are_refused() {
        let good_y = "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps";
        let mut y = b64::decode_strict(good_y).unwrap();
        y[31] ^= 1;
        let bad = json!({"epk":{"kty":"EC","crv":"P-256",
            "x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0","y": b64::encode(&y)}});
        let err = read_epk(bad.as_object().unwrap()).err().unwrap();
        assert!(matches!(
            err,
            JweError::InvalidCurve(CurveProblem::OffCurve(EcdhCurve::P256))
        ));
        assert!(err.to_string().contains("invalid-curve attack"), "{err}");
        let short = json!({"epk":{"kty":"EC","crv":"P-256","x":"AAAA","y":good_y}});
        let err = read_epk(short.as_object().unwrap())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("must be 32 bytes on P-256; it has 3"), "{err}");
        let x448 = json!({"epk":{"kty":"OKP","crv":"X448","x":"AAAA"}});
        let err = read_epk(x448.as_object().unwrap())
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.starts_with("not supported by the crypto backend"),
            "{err}"
        );
        let none = json!({"alg":"ECDH-ES"});
        assert!(read_epk(none.as_object().unwrap()).is_err());
    }
}
