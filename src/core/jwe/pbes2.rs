//! PBES2 key derivation (RFC 7518 section 4.8): PBKDF2 with HMAC-SHA-2 from a password,
//! salt = UTF8(alg) || 0x00 || p2s, iteration count p2c. The count is checked against the
//! caller's [`Limits`] before any PBKDF2 work, so a token cannot make us spin for minutes.

use super::alg::KeyAlg;
use super::error::JweError;
use super::problem::{HeaderProblem, SizeProblem, Unsupported};
use super::refusal::{LimitKind, WrongKey};
use super::{Limits, MAX_P2C_CEILING, MIN_P2S_LEN};
use aws_lc_rs::pbkdf2;
use serde_json::{Map, Value};
use std::num::NonZeroU32;
use zeroize::Zeroizing;

/// The PBES2 header members read from a token.
#[derive(Debug)]
pub(super) struct Params {
    /// The decoded `p2s` salt.
    pub p2s: Vec<u8>,
    /// The `p2c` iteration count (already checked against the limits).
    pub p2c: u32,
}

/// Reads and checks `p2s` and `p2c`; refuses an over-cap count before any work.
pub(super) fn params(header: &Map<String, Value>, limits: &Limits) -> Result<Params, JweError> {
    let p2c = match header.get("p2c") {
        None => {
            return Err(HeaderProblem::Missing {
                member: "p2c",
                what: "the PBES2 iteration count",
            }
            .into());
        }
        Some(Value::Number(n)) => n,
        Some(_) => return Err(HeaderProblem::P2cNotNumber.into()),
    };
    let cap = limits.max_p2c.min(MAX_P2C_CEILING);
    // A count written as 2.5e4 or 20000.0 is not an iteration count at all, whatever its
    // size: refused as malformed (no work is done for it), not as over the cap, since raising
    // the cap could not make it usable.
    let Some(whole) = p2c.as_u64() else {
        return Err(HeaderProblem::P2cNotWhole {
            shown: p2c.to_string(),
        }
        .into());
    };
    if whole > u64::from(cap) {
        return Err(LimitKind::P2c { p2c: whole, cap }.into());
    }
    let count = match whole {
        0 => return Err(HeaderProblem::P2cZero.into()),
        c => c,
    };
    let p2s_text = match header.get("p2s") {
        Some(Value::String(s)) => s,
        Some(_) => return Err(HeaderProblem::NotBase64Text { member: "p2s" }.into()),
        None => {
            return Err(HeaderProblem::Missing {
                member: "p2s",
                what: "the PBES2 salt",
            }
            .into());
        }
    };
    let p2s =
        crate::core::b64::decode_strict(p2s_text).map_err(|detail| HeaderProblem::Base64 {
            member: "p2s",
            detail,
        })?;
    if p2s.len() < MIN_P2S_LEN {
        return Err(SizeProblem::Salt { got: p2s.len() }.into());
    }
    Ok(Params {
        p2s,
        p2c: u32::try_from(count).unwrap_or(MAX_P2C_CEILING),
    })
}

/// The PBKDF2 salt: UTF8(alg) || 0x00 || p2s.
pub(super) fn salt_input(alg: KeyAlg, p2s: &[u8]) -> Vec<u8> {
    let mut salt = Vec::with_capacity(alg.name().len() + 1 + p2s.len());
    salt.extend_from_slice(alg.name().as_bytes());
    salt.push(0);
    salt.extend_from_slice(p2s);
    salt
}

/// Derives the key-wrapping key from `password` (16, 24 or 32 bytes, by `alg`).
pub(super) fn derive(
    alg: KeyAlg,
    password: &[u8],
    p2s: &[u8],
    p2c: u32,
) -> Result<Zeroizing<Vec<u8>>, JweError> {
    let (prf, len) = match alg {
        KeyAlg::Pbes2Hs256A128Kw => (pbkdf2::PBKDF2_HMAC_SHA256, 16),
        KeyAlg::Pbes2Hs384A192Kw => (pbkdf2::PBKDF2_HMAC_SHA384, 24),
        KeyAlg::Pbes2Hs512A256Kw => (pbkdf2::PBKDF2_HMAC_SHA512, 32),
        other => return Err(Unsupported::NotPbes2(other).into()),
    };
    if password.is_empty() {
        return Err(WrongKey::EmptyPassword { alg }.into());
    }
    let count = NonZeroU32::new(p2c).ok_or(HeaderProblem::P2cZero)?;
    let mut kek = Zeroizing::new(vec![0u8; len]);
    pbkdf2::derive(prf, count, &salt_input(alg, p2s), password, &mut kek);
    Ok(kek)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn absurd_counts_are_refused_before_any_work() {
        let h = header(json!({"p2s": "8Q1SzinasR3xchYz6ZZcHA", "p2c": 2147483648u64}));
        let err = params(&h, &Limits::default()).unwrap_err().to_string();
        assert!(err.contains("p2c = 2147483648"), "{err}");
        assert!(err.contains("over the limit of 10000"), "{err}");
        assert!(err.contains("--max-p2c 2147483648"), "{err}");
        let raised = Limits::default().with_max_p2c(MAX_P2C_CEILING).unwrap();
        let err = params(&h, &raised).unwrap_err().to_string();
        assert!(err.contains("1000000 is the most"), "{err}");
        // A hand-built Limits over the ceiling is still held to the ceiling.
        let sneaky = Limits { max_p2c: u32::MAX };
        assert!(params(&h, &sneaky).is_err());
        let huge = header(json!({"p2s": "8Q1SzinasR3xchYz6ZZcHA", "p2c": 1e300}));
        let err = params(&huge, &Limits::default()).unwrap_err().to_string();
        // Not a whole number: malformed, refused before any work all the same.
        assert!(
            err.contains("must be a positive integer") && err.contains("1e+300"),
            "{err}"
        );
    }

    #[test]
    fn malformed_members_are_specific() {
        let lim = Limits::default();
        let cases = [
            (json!({"p2s": "8Q1SzinasR3xchYz6ZZcHA"}), "lacks \"p2c\""),
            (
                json!({"p2s": "8Q1SzinasR3xchYz6ZZcHA", "p2c": 0}),
                "at least 1",
            ),
            (
                json!({"p2s": "8Q1SzinasR3xchYz6ZZcHA", "p2c": -5}),
                "positive integer",
            ),
            (
                json!({"p2s": "8Q1SzinasR3xchYz6ZZcHA", "p2c": 1.5}),
                "positive integer",
            ),
            (
                json!({"p2s": "8Q1SzinasR3xchYz6ZZcHA", "p2c": "9"}),
                "positive integer",
            ),
            (json!({"p2c": 1000}), "lacks \"p2s\""),
            (json!({"p2c": 1000, "p2s": "AAAA"}), "at least 8 bytes"),
        ];
        for (h, want) in cases {
            let err = params(&header(h.clone()), &lim).unwrap_err().to_string();
            assert!(err.contains(want), "{h}: {err}");
        }
        let ok = params(
            &header(json!({"p2s": "8Q1SzinasR3xchYz6ZZcHA", "p2c": 8192})),
            &lim,
        );
        assert_eq!(ok.unwrap().p2c, 8192);
    }

    #[test]
    fn salt_is_alg_nul_p2s() {
        assert_eq!(
            salt_input(KeyAlg::Pbes2Hs256A128Kw, &[1, 2]),
            b"PBES2-HS256+A128KW\x00\x01\x02"
        );
        let k = derive(KeyAlg::Pbes2Hs384A192Kw, b"pw", &[0; 8], 10).unwrap();
        assert_eq!(k.len(), 24);
        assert!(derive(KeyAlg::Pbes2Hs384A192Kw, b"", &[0; 8], 10).is_err());
    }
}
