//! SD-JWT VC (draft-ietf-oauth-sd-jwt-vc-15): `typ` `dc+sd-jwt` (the older `vc+sd-jwt` is
//! accepted with a warning, section 3.2.1), `vct` present (section 3.2.2.1), and the claims
//! that must not be selectively disclosable (section 3.2.2.2).

use super::Processed;
use super::steps::{self, VC_DRAFT};
use super::{SdJwt, Warning};
use crate::core::cite::Cite;
use crate::core::text;
use crate::core::verify::Check;
use serde_json::Value;

/// The `typ` of an SD-JWT VC.
pub const TYP: &str = "dc+sd-jwt";
/// The `typ` SD-JWT VC used from July 2023 to November 2024.
pub const OLD_TYP: &str = "vc+sd-jwt";
/// Top-level claims an SD-JWT VC must not carry in a disclosure (section 3.2.2.2).
pub const PLAIN_CLAIMS: [&str; 7] = ["iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"];

fn typ(sd: &SdJwt) -> Option<&str> {
    sd.issuer
        .header
        .as_ref()
        .ok()
        .and_then(|h| h.get("typ"))
        .and_then(Value::as_str)
}

/// True when the SD-JWT is an SD-JWT VC: its `typ` is `dc+sd-jwt` or `vc+sd-jwt`, or its
/// issuer-signed payload has `vct`.
pub fn is_vc(sd: &SdJwt) -> bool {
    matches!(typ(sd), Some(TYP | OLD_TYP)) || sd.payload.contains_key("vct")
}

/// The SD-JWT VC checks, and a warning for the older `typ`.
pub(crate) fn vc_checks(
    sd: &SdJwt,
    processed: &Processed,
    warnings: &mut Vec<Warning>,
) -> Vec<Check> {
    let mut checks = Vec::new();
    checks.push(match typ(sd) {
        Some(TYP) => steps::VC_TYP.pass("typ is dc+sd-jwt"),
        Some(OLD_TYP) => {
            warnings.push(Warning {
                text: "typ is vc+sd-jwt, the name SD-JWT VC used until November 2024; issuers now write dc+sd-jwt, and verifiers accept vc+sd-jwt only for a transition period".into(),
                cite: Cite::new(VC_DRAFT, "3.2.1"),
            });
            steps::VC_TYP.pass("typ is vc+sd-jwt, the older name (accepted for a transition period)")
        }
        Some(other) => steps::VC_TYP.fail(format!("typ is \"{}\"; an SD-JWT VC's must be dc+sd-jwt", text::clip(other, 40))),
        None => steps::VC_TYP.fail("the header has no typ; an SD-JWT VC's must be dc+sd-jwt"),
    });
    checks.push(match sd.payload.get("vct") {
        Some(Value::String(v)) => steps::VC_VCT.pass(format!("vct is \"{}\"", text::clip(v, 80))),
        Some(other) => steps::VC_VCT.fail(format!(
            "vct is {}, not a string",
            crate::core::json::kind_name(other)
        )),
        None => steps::VC_VCT
            .fail("the issuer-signed payload has no vct: an SD-JWT VC must name its type there"),
    });
    let mut disclosed = Vec::new();
    for (i, at) in processed.placed.iter().enumerate() {
        let Some(name) = at.as_deref().and_then(|p| p.strip_prefix('/')) else {
            continue;
        };
        if PLAIN_CLAIMS.contains(&name) {
            let label = sd.disclosures.get(i).map(|d| d.label()).unwrap_or_default();
            disclosed.push(steps::VC_PLAIN.fail(format!(
                "{label} discloses {name}, which an SD-JWT VC must carry in plain view: a holder could leave it out"
            )));
        }
    }
    if disclosed.is_empty() {
        checks.push(steps::VC_PLAIN.pass(
            "none of iss, nbf, exp, cnf, vct, vct#integrity, status comes from a disclosure",
        ));
    }
    checks.extend(disclosed);
    checks
}
