//! Pasted token text: repair, inspection, verification with fixed keys (HMAC, EC P-256), the
//! findings and Structure views built on it, and the document that shows it. Anything may
//! come back except a panic, an empty message, or a forged signature that verifies.
#![no_main]

use jwt_workbench::core::findings::{self, Context};
use jwt_workbench::core::keys::{self, Purpose};
use jwt_workbench::core::token::{inspect, repair};
use jwt_workbench::core::workbench::{Edit, Workbench};
use jwt_workbench::core::{
    alg::JwsAlg,
    keys::Key,
    structure,
    verify::{Policy, SignatureStatus, verify},
};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const NOW: i64 = 1_700_000_000;

/// RFC 7515 A.1 (HS256) and A.3 (ES256): the only tokens these keys verify.
const A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const A1_JWK: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
const A3_TOKEN: &str = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
const A3_PUBLIC_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;

fn fixed_keys() -> &'static [(Key, &'static str)] {
    static KEYS: OnceLock<Vec<(Key, &'static str)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let load = |jwk: &str| {
            let file = keys::load_key_bytes(jwk.as_bytes()).expect("fixed key loads");
            file.pick(None, Purpose::Verify).expect("a key").clone()
        };
        vec![(load(A1_JWK), A1_TOKEN), (load(A3_PUBLIC_JWK), A3_TOKEN)]
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (repaired, _) = repair(&text);
    assert_eq!(repair(&repaired).0, repaired, "repair is not idempotent");
    assert!(!repaired.chars().any(char::is_whitespace));

    match inspect(&text) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(insp) => {
            for (key, only_valid) in fixed_keys() {
                let report = verify(&insp, Some(key), &Policy::default(), NOW);
                if report.signature == SignatureStatus::Valid {
                    assert_eq!(
                        insp.token, *only_valid,
                        "a token verifies that was never signed"
                    );
                }
                assert!(!report.verdict().1.is_empty());
                for c in &report.checks {
                    assert!(!c.detail.is_empty());
                }
            }
            let hmac = fixed_keys().first().map(|(k, _)| k);
            let ctx = Context {
                key: hmac,
                algorithms: &[JwsAlg::HS256],
                now: NOW,
                leeway: 0,
            };
            let found = findings::findings(&insp, &ctx);
            let names = findings::sensitive_claims(&found);
            let masked = insp
                .payload_bytes
                .as_ref()
                .map(|b| structure::value_ranges(b, &names))
                .unwrap_or_default();
            let _ = structure::steps(&insp, hmac, &masked);
        }
    }

    let mut wb = Workbench::empty();
    wb.apply(Edit::Token(text.into_owned()), NOW);
    assert!(!wb.headline(NOW).title.is_empty());
    let _ = wb.findings(NOW);
    let _ = wb.report(NOW);
    let _ = wb.countdown(NOW);
    let _ = wb.next_tick(NOW);
});
