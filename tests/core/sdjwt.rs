//! SD-JWT (RFC 9901) and SD-JWT VC in the core: the RFC's section 5 and 6 examples
//! reproduced, sd-jwt-js 0.19.0's SD-JWT VC verified here, issue -> present -> verify round
//! trips, the closure rule, malformed shapes, and every attack-lab forgery rejected by the
//! step it targets.

#[path = "sdjwt/attacks.rs"]
mod attacks;
#[path = "sdjwt/interop.rs"]
mod interop;
#[path = "sdjwt/issue.rs"]
mod issue;
#[path = "sdjwt/ours.rs"]
mod ours;
#[path = "sdjwt/resign.rs"]
mod resign;
#[path = "sdjwt/rfc.rs"]
mod rfc;

use jwt_workbench::core::keys::{self, Key};
use jwt_workbench::core::sdjwt::{self, HolderBinding, SdJwt, SdPolicy, SdReport};
use serde_json::Value;
use std::path::PathBuf;

/// A fixture of tests/fixtures/profiles as JSON.
pub fn profile_fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/profiles")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// A key from a JWK in a JSON value.
pub fn jwk(v: &Value) -> Key {
    keys::parse_jwk(v.as_object().unwrap()).unwrap()
}

/// The issuer and holder keys of keys.json (private).
pub fn lab_keys() -> (Key, Key) {
    let k = profile_fixture("keys.json");
    (jwk(&k["issuer"]), jwk(&k["holder"]))
}

/// Verifies `text` with `key` under `policy` at `now`.
pub fn check(text: &str, key: &Key, policy: &SdPolicy, now: i64) -> SdReport {
    let sd = SdJwt::parse(text).unwrap_or_else(|e| panic!("{e}"));
    sdjwt::verify(&sd, Some(key), policy, now)
}

/// A policy with key binding optional.
pub fn optional() -> SdPolicy {
    SdPolicy {
        binding: HolderBinding::Optional,
        ..SdPolicy::default()
    }
}

/// Every failed check's name and detail, for assertion messages.
pub fn failures(r: &SdReport) -> String {
    r.issuer
        .checks
        .iter()
        .chain(&r.steps)
        .filter(|c| !c.ok)
        .map(|c| format!("{}: {}\n", c.name, c.detail))
        .collect()
}

/// The JSON value of the rebuilt claims.
pub fn claims(r: &SdReport) -> Value {
    Value::Object(r.processed.claims.clone())
}
