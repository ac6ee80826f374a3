//! Findings from the JWT Best Current Practices (RFC 8725bis) and the JOSE specifications
//! that are not about one algorithm or one time claim: explicit typing, the audience, a `kid`
//! that is not a string, `b64` outside `crit`, and text that holds control, bidirectional or
//! invisible characters.

use super::{Finding, Severity, Target, clip};
use crate::core::text;
use serde_json::{Map, Value};

/// Findings about the header alone.
pub(super) fn header_findings(header: &Map<String, Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    let typ = header.get("typ").and_then(Value::as_str);
    let plain =
        |t: &str| t.eq_ignore_ascii_case("jwt") || t.eq_ignore_ascii_case("application/jwt");
    let typ_is_string = header.get("typ").is_none_or(Value::is_string);
    if typ_is_string && typ.is_none_or(plain) {
        out.push(Finding::new(
            "typ-not-explicit",
            Severity::Info,
            Target::Header("typ".into()),
            match typ {
                Some(t) => format!("typ \"{}\" is not an explicit type", clip(t, 20)),
                None => "no typ: not explicitly typed".to_string(),
            },
            "a verifier cannot tell this token from another kind of JWT by the same issuer (an ID token from an access token, say); new kinds of tokens should carry an explicit type such as at+jwt, and verifiers should require it",
        ));
    }
    if let Some(kid) = header.get("kid").filter(|k| !k.is_string()) {
        out.push(Finding::new(
            "kid-not-string",
            Severity::Warning,
            Target::Header("kid".into()),
            format!("kid is {}, not a string", crate::core::json::kind_name(kid)),
            format!(
                "kid must be a string (RFC 7515 section 4.1.4); this one is {}: key lookup by kid fails, and servers that convert it to text may find a different key than intended",
                clip(&kid.to_string(), 40)
            ),
        ));
    }
    let crit_lists_b64 = header
        .get("crit")
        .and_then(Value::as_array)
        .is_some_and(|l| l.iter().any(|n| n.as_str() == Some("b64")));
    if header.contains_key("b64") && !crit_lists_b64 {
        out.push(Finding::new(
            "b64-not-critical",
            Severity::Danger,
            Target::Header("b64".into()),
            "b64 without crit",
            "b64 changes what is signed (RFC 7797), so it must be listed in crit: a verifier that does not know b64 reads the payload differently from the signer. Such a token is rejected here",
        ));
    }
    out.extend(hidden_findings(header, Target::Header));
    out
}

/// Findings about the claims (the header says whether the token is a DPoP proof, which names
/// its request with htm and htu instead of an audience: RFC 9449 section 4.2).
pub(super) fn claim_findings(
    claims: &Map<String, Value>,
    header: Option<&Map<String, Value>>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !claims.contains_key("aud") && !super::header::is_dpop_proof(header) {
        out.push(Finding::new(
            "aud-missing",
            Severity::Info,
            Target::Claim("aud".into()),
            "no aud",
            "the token does not say which service it is for: if its issuer serves more than one, a token for one can be replayed at another (substitution). Issue tokens with aud, and have each service require its own",
        ));
    }
    out.extend(hidden_findings(claims, Target::Claim));
    out
}

/// One finding per member (names and string values, one level deep) that holds a control,
/// bidirectional or invisible character: the text does not read as what it is.
fn hidden_findings(members: &Map<String, Value>, target: fn(String) -> Target) -> Vec<Finding> {
    members
        .iter()
        .filter_map(|(name, value)| {
            // Line breaks and tabs in a value (a PEM in a claim) are ordinary.
            let in_name = text::first_hidden(name);
            let in_value = value
                .as_str()
                .and_then(|v| text::first_hidden_except(v, &['\n', '\t']));
            let (at, what, place) = match (in_name, in_value) {
                (Some((at, what)), _) => (at, what, "its name"),
                (None, Some((at, what))) => (at, what, "its value"),
                (None, None) => return None,
            };
            let shown = clip(name, 30);
            Some(Finding::new(
                "text-hidden-characters",
                Severity::Warning,
                target(name.clone()),
                format!("{shown} holds {what}"),
                format!(
                    "{place} holds {what} at character {at}: a control, bidirectional or invisible character makes text read differently from what it is (a reversed name, a hidden part, a terminal line rewritten). This workbench shows it escaped; a server comparing names or logging values may not"
                ),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(text: &str) -> Map<String, Value> {
        crate::core::json::parse_object("t", text).unwrap()
    }

    fn ids(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.id).collect()
    }

    #[test]
    fn header_rules() {
        assert_eq!(
            ids(&header_findings(&obj(r#"{"alg":"HS256"}"#))),
            ["typ-not-explicit"]
        );
        assert_eq!(
            ids(&header_findings(&obj(r#"{"alg":"HS256","typ":"JWT"}"#))),
            ["typ-not-explicit"]
        );
        assert!(header_findings(&obj(r#"{"alg":"HS256","typ":"at+jwt"}"#)).is_empty());
        let f = header_findings(&obj(r#"{"typ":"at+jwt","kid":7}"#));
        assert_eq!(ids(&f), ["kid-not-string"]);
        assert!(f[0].title.contains("a number"));
        let f = header_findings(&obj(r#"{"typ":"at+jwt","b64":false}"#));
        assert_eq!(ids(&f), ["b64-not-critical"]);
        assert_eq!(f[0].cite.unwrap().to_string(), "RFC 7797 section 6");
        assert!(header_findings(&obj(r#"{"typ":"at+jwt","b64":false,"crit":["b64"]}"#)).is_empty());
    }

    #[test]
    fn hidden_characters_are_named_and_shown_escaped() {
        let f = header_findings(&obj("{\"typ\":\"at+jwt\",\"kid\":\"ab\\u202ecd\"}"));
        assert_eq!(ids(&f), ["text-hidden-characters"]);
        assert_eq!(f[0].title, "kid holds \\u{202e}");
        assert!(f[0].detail.contains("at character 3"));
        assert!(!text::has_hidden(&f[0].detail));
        let f = claim_findings(&obj("{\"aud\":\"a\",\"na\\u001bme\":\"x\"}"), None);
        assert_eq!(ids(&f), ["text-hidden-characters"]);
        assert_eq!(f[0].target, Target::Claim("na\u{1b}me".into()));
        assert!(!text::has_hidden(&f[0].title));
        assert_eq!(
            ids(&claim_findings(&obj(r#"{"sub":"1"}"#), None)),
            ["aud-missing"]
        );
    }
}
