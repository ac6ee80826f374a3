//! Interop the other way (tests/fixtures/profiles/ours-sdjwt-js.json, made by
//! interop_ours.mjs): SD-JWTs this tool issued and presented, which sd-jwt-js 0.19.0
//! accepted, and the attack lab's forgeries, with sd-jwt-js's verdict on each; here each
//! still gets the verdict recorded for ours (forgeries by the step they break).

use super::{check, claims, failures, jwk, optional, profile_fixture};
use jwt_workbench::core::sdjwt::SdPolicy;

#[test]
fn ours_verified_by_sd_jwt_js_still_verify_here() {
    let f = profile_fixture("ours-sdjwt-js.json");
    let issuer = jwk(&f["keys"]["issuer_public"]);
    let now = f["now"].as_i64().unwrap();
    let cases = f["cases"].as_array().unwrap();
    let (mut ours, mut forged) = (0, 0);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let theirs = &case["sd_jwt_js"];
        let text = case["sd_jwt"].as_str().unwrap();
        let policy = if case["kb"].as_bool().unwrap() {
            SdPolicy {
                aud: case["aud"].as_str().map(Into::into),
                nonce: case["nonce"].as_str().map(Into::into),
                ..SdPolicy::default()
            }
        } else {
            optional()
        };
        let report = check(text, &issuer, &policy, now);
        assert_eq!(
            report.valid(),
            case["ours_valid"].as_bool().unwrap(),
            "{name}: {}",
            failures(&report)
        );
        match case["breaks"].as_str() {
            // A forgery: refused here by the step it breaks, whatever sd-jwt-js said.
            Some(step) => {
                forged += 1;
                assert!(!report.valid(), "{name}");
                assert!(
                    report.steps.iter().any(|c| !c.ok && c.name == step),
                    "{name}: {}",
                    failures(&report)
                );
            }
            // Ours, as issued or presented: valid here and there (sd-jwt-js knows no sha3).
            None if name.contains("sha3-256") => {
                ours += 1;
                assert!(report.valid(), "{name}: {}", failures(&report));
                assert_eq!(theirs["verdict"], "refused", "{name}");
                assert!(
                    theirs["error"]
                        .as_str()
                        .unwrap()
                        .contains("Digest method not supported")
                );
            }
            None => {
                ours += 1;
                assert!(report.valid(), "{name}: {}", failures(&report));
                assert_eq!(
                    theirs["verdict"], "valid",
                    "{name}: sd-jwt-js said {theirs}"
                );
                assert_eq!(claims(&report), theirs["payload"], "{name}");
            }
        }
    }
    assert!(ours >= 5 && forged >= 10, "{ours} ours, {forged} forgeries");
    assert_eq!(f["generated_by"]["tools"]["@sd-jwt/core"], "0.19.0");
}
