//! Tests of the core through its public API: RFC vectors, keys, findings, the attack lab, JWE,
//! interoperability fixtures, robustness tables and property tests, stored PyJWT verdicts.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests: a panic is a failed test"
)]

#[path = "common/mod.rs"]
#[expect(
    dead_code,
    reason = "helpers shared by the three test binaries: each uses some of them"
)]
mod common;
#[path = "fixtures/jwe/support.rs"]
mod support;

#[path = "core/attacks.rs"]
mod attacks;
#[path = "core/attacks_profiles.rs"]
mod attacks_profiles;
#[path = "core/detached_document.rs"]
mod detached_document;
#[cfg(feature = "fetch")]
#[path = "core/fetch.rs"]
mod fetch;
#[path = "core/findings.rs"]
mod findings;
#[path = "core/interop.rs"]
mod interop;
#[path = "core/interop_fixtures.rs"]
mod interop_fixtures;
#[path = "core/jsonwebtoken_agrees.rs"]
mod jsonwebtoken_agrees;
#[path = "core/jwe_interop.rs"]
mod jwe_interop;
#[path = "core/jwe_json.rs"]
mod jwe_json;
#[path = "core/jwe_safety.rs"]
mod jwe_safety;
#[path = "core/jwe_vectors.rs"]
mod jwe_vectors;
#[path = "core/jws_json_interop.rs"]
mod jws_json_interop;
#[path = "core/key_workbench.rs"]
mod key_workbench;
#[path = "core/keys_and_roundtrip.rs"]
mod keys_and_roundtrip;
#[path = "core/mldsa.rs"]
mod mldsa;
#[path = "core/modern_fixtures.rs"]
mod modern_fixtures;
#[path = "core/perf_key_cache.rs"]
mod perf_key_cache;
#[path = "core/profiles.rs"]
mod profiles;
#[path = "core/pyjwt_verdicts.rs"]
mod pyjwt_verdicts;
#[path = "core/robust_props.rs"]
mod robust_props;
#[path = "core/robust_table.rs"]
mod robust_table;
#[path = "core/sdjwt.rs"]
mod sdjwt;
#[path = "core/strict_props.rs"]
mod strict_props;
#[path = "core/vectors.rs"]
mod vectors;
#[path = "core/x5c.rs"]
mod x5c;
#[path = "core/x5c_document.rs"]
mod x5c_document;
