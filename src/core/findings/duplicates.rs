//! The duplicate-member finding: a name twice in the header or the payload (the scanner is
//! [`crate::core::members`]).

use super::{Finding, Severity, Target, clip};
use crate::core::members::duplicate_members;

/// One finding per duplicated name; `target` makes the header or claim target.
pub(super) fn duplicate_findings(bytes: &[u8], target: fn(String) -> Target) -> Vec<Finding> {
    duplicate_members(bytes)
        .into_iter()
        .map(|name| {
            let t = target(name.clone());
            let place = if matches!(t, Target::Header(_)) {
                "header"
            } else {
                "payload"
            };
            Finding::new(
                "duplicate-member",
                Severity::Warning,
                t,
                format!("\"{}\" appears twice in the {place}", clip(&name, 40)),
                "most parsers (and this workbench) keep the last one silently, others the first: two services can read different values from the same signed token. The issuer must emit each name once",
            )
        })
        .collect()
}
