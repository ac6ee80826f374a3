//! Header findings: alg, key-injection members (jku, x5u, jwk, x5c), kid, crit, typ, and the
//! repairs made to the pasted text.

use super::{Finding, Severity, Target, clip};
use crate::core::alg::{HeaderAlg, JwsAlg};
use crate::core::token::Repair;
use serde_json::{Map, Value};

fn warn(id: &'static str, member: &str, title: String, detail: String) -> Finding {
    Finding::new(
        id,
        Severity::Warning,
        Target::Header(member.into()),
        title,
        detail,
    )
}

/// Findings about the decoded header.
pub(super) fn header_findings(
    header: &Map<String, Value>,
    alg: &HeaderAlg,
    expected: &[JwsAlg],
) -> Vec<Finding> {
    let mut out = alg_findings(alg, expected);
    out.extend(injection_findings(header));
    if let Some(f) = kid_finding(header) {
        out.push(f);
    }
    if let Some(f) = crit_finding(header) {
        out.push(f);
    }
    if let Some(f) = typ_finding(header) {
        out.push(f);
    }
    out
}

fn alg_findings(alg: &HeaderAlg, expected: &[JwsAlg]) -> Vec<Finding> {
    let allowed = || {
        expected
            .iter()
            .map(|a| a.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    match alg {
        HeaderAlg::None(s) => out.push(Finding::new(
            "alg-none",
            Severity::Danger,
            Target::Header("alg".into()),
            format!("alg \"{}\"", clip(s, 8)),
            "an unsecured token with no signature: anyone can forge it. A server that accepts it accepts any claims; reject alg none in every letter case",
        )),
        HeaderAlg::Unknown(s) => out.push(warn(
            "alg-unknown",
            "alg",
            format!("unknown alg \"{}\"", clip(s, 20)),
            "no standard verifier accepts this algorithm; check the issuer's configuration (JOSE names are case-sensitive)".into(),
        )),
        HeaderAlg::NotAString => out.push(warn(
            "claim-wrong-type",
            "alg",
            "\"alg\" has the wrong type".into(),
            "alg must be a string such as \"HS256\"; verifiers reject the token".into(),
        )),
        HeaderAlg::Missing => out.push(warn(
            "alg-missing",
            "alg",
            "no alg".into(),
            "the header has no alg member, which RFC 7515 requires; a verifier must pin the algorithm itself and reject this token".into(),
        )),
        HeaderAlg::Known(_) => {}
    }
    let name = match alg {
        HeaderAlg::Known(a) => Some(a.name().to_string()),
        HeaderAlg::Unknown(s) => Some(clip(s, 20)),
        _ => None,
    };
    if let Some(name) = name
        && !expected.is_empty()
        && !expected.iter().any(|a| a.name() == name)
    {
        out.push(warn(
            "alg-unexpected",
            "alg",
            format!("alg {name} is not expected"),
            format!(
                "the verifier expects {}: a token that picks its own algorithm is how algorithm-confusion attacks start; pin the algorithm on the server",
                allowed()
            ),
        ));
    }
    out
}

/// Whether the header says DPoP proof (`typ` `dpop+jwt`, with or without `application/`).
pub(super) fn is_dpop_proof(header: Option<&Map<String, Value>>) -> bool {
    header.is_some_and(|h| {
        crate::core::profiles::detect(h, None) == crate::core::profiles::Profile::DpopProof
    })
}

fn injection_findings(header: &Map<String, Value>) -> Vec<Finding> {
    const MEMBERS: [(&str, &str, &str); 4] = [
        (
            "jku",
            "header-jku",
            "the token names a URL to fetch its own key set from. This workbench did not fetch it and did not use it: the verdict is about the key you gave. A verifier that follows jku lets an attacker host the key (and reach internal hosts); ignore jku, or allow only exact, trusted URLs",
        ),
        (
            "x5u",
            "header-x5u",
            "the token names a URL to fetch its own certificate from. This workbench did not fetch it and did not use it: the verdict is about the key you gave. A verifier that follows x5u lets an attacker choose the key (and reach internal hosts); ignore x5u, or allow only trusted URLs",
        ),
        (
            "jwk",
            "header-jwk",
            "the token carries its own public key. This workbench did not use it: the verdict is about the key you gave. A verifier (or a debugger: jwt.io does) that checks a token with the key inside it accepts any forgery, since the attacker signs with a key of their choosing; verify with your own keys only",
        ),
        (
            "x5c",
            "header-x5c",
            "the token carries its own certificate chain. This workbench uses it only when you give no key and the chain validates to a root you pinned (Pinned roots in the Keys view, or --x5c-root), and then only its leaf's key. Unless the chain is validated against a root you trust (and pin), an attacker signs with any certificate they made; a debugger that verifies with it accepts forgeries",
        ),
    ];
    MEMBERS
        .iter()
        .filter(|(m, _, _)| header.contains_key(*m))
        // A DPoP proof must carry its public key in jwk (RFC 9449 section 4.2): the DPoP
        // checks use it, public only, and compare its thumbprint with the token's cnf.jkt.
        .filter(|(m, _, _)| !(*m == "jwk" && is_dpop_proof(Some(header))))
        .map(|(member, id, detail)| {
            warn(
                id,
                member,
                if *member == "x5c" {
                    "header carries \"x5c\": used only through a root you pinned".to_string()
                } else {
                    format!("header carries \"{member}\": not used")
                },
                (*detail).to_string(),
            )
        })
        .collect()
}

/// What a kid looks like, in words, if it looks like an injection.
pub(super) fn kid_looks_like(kid: &str) -> Vec<&'static str> {
    let lower = kid.to_ascii_lowercase();
    let mut kinds = Vec::new();
    if kid.contains("../")
        || kid.contains("..\\")
        || kid.starts_with('/')
        || kid.contains('\\')
        || kid.contains('\0')
    {
        kinds.push("a file path");
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if kid.contains('\'')
        || kid.contains('"')
        || kid.contains("--")
        || kid.contains(';')
        || words.iter().any(|w| *w == "union" || *w == "select")
    {
        kinds.push("SQL");
    }
    if kid.contains('|') || kid.contains(';') || kid.contains('`') || kid.contains("$(") {
        kinds.push("a shell command");
    }
    kinds
}

fn kid_finding(header: &Map<String, Value>) -> Option<Finding> {
    let kid = header.get("kid")?.as_str()?;
    let kinds = kid_looks_like(kid);
    if kinds.is_empty() {
        return None;
    }
    Some(warn(
        "kid-suspicious",
        "kid",
        "suspicious kid".into(),
        format!(
            "kid \"{}\" looks like {}: a server that looks keys up by kid must treat it as an opaque name, never pass it to a file path, a query or a shell",
            clip(kid, 40),
            kinds.join(" and ")
        ),
    ))
}

fn crit_finding(header: &Map<String, Value>) -> Option<Finding> {
    let crit = header.get("crit")?;
    let names: Vec<&str> = crit
        .as_array()
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let well_formed = crit
        .as_array()
        .is_some_and(|l| !l.is_empty() && l.len() == names.len());
    if well_formed && names.iter().all(|n| *n == "b64") {
        let how = if header.get("b64") == Some(&Value::Bool(false)) {
            "the payload is signed as it stands, not base64url-encoded"
        } else {
            "b64 is not false, so the payload is base64url-encoded as usual"
        };
        return Some(Finding::new(
            "crit-b64",
            Severity::Info,
            Target::Header("crit".into()),
            "unencoded-payload option (RFC 7797)",
            format!(
                "crit marks b64, which this verifier understands: {how}; a library without RFC 7797 must reject the token, so check that the one receiving it supports the option"
            ),
        ));
    }
    let detail = if well_formed {
        format!(
            "crit marks {} as critical: a verifier that does not understand an extension must reject the token (this one does); one that ignores crit accepts what it does not understand",
            names
                .iter()
                .map(|n| clip(n, 30))
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        "crit must be a non-empty array of header names; verifiers reject this token".to_string()
    };
    Some(warn(
        "crit-unknown",
        "crit",
        "critical header extension".into(),
        detail,
    ))
}

/// What a `typ` other than JWT means.
fn typ_meaning(typ: &str) -> String {
    let t = typ.to_ascii_lowercase();
    let t = t.strip_prefix("application/").unwrap_or(&t);
    match t {
        "at+jwt" => "an OAuth 2.0 access token (RFC 9068): a resource server should require exactly this type".into(),
        "secevent+jwt" => "a security event token (RFC 8417), not an access or ID token".into(),
        "logout+jwt" => "an OpenID Connect back-channel logout token, not an access or ID token".into(),
        "dpop+jwt" => "a DPoP proof (RFC 9449), not an access token".into(),
        "jose" | "jose+json" => "a JWS that need not be a JWT; its payload may not be claims".into(),
        t if t.ends_with("+jwt") => "an explicitly typed JWT (RFC 8725 section 3.11): a verifier should accept only the type it expects, so tokens of one kind cannot stand in for another".into(),
        _ => "not a type registered for JWTs: a verifier that checks typ may reject it, and one that does not cannot tell token kinds apart".into(),
    }
}

fn typ_finding(header: &Map<String, Value>) -> Option<Finding> {
    let typ = header.get("typ")?;
    let Some(s) = typ.as_str() else {
        return Some(warn(
            "claim-wrong-type",
            "typ",
            "\"typ\" has the wrong type".into(),
            "typ must be a string such as \"JWT\"; verifiers that check it reject the token".into(),
        ));
    };
    if s.eq_ignore_ascii_case("jwt") || s.eq_ignore_ascii_case("application/jwt") {
        return None;
    }
    Some(Finding::new(
        "typ-other",
        Severity::Info,
        Target::Header("typ".into()),
        format!("typ \"{}\"", clip(s, 30)),
        format!("this says the token is {}", typ_meaning(s)),
    ))
}

/// Findings about the repairs made to pasted text.
pub fn repair_findings(repairs: &[Repair]) -> Vec<Finding> {
    repairs
        .iter()
        .map(|r| {
            let (id, title, why) = match r {
                Repair::Padding(_) => (
                    "base64-padding",
                    "padded base64",
                    "JWTs use base64url without '=' padding (RFC 7515 section 2); strict verifiers reject the token as it was sent, so fix the issuer's encoder",
                ),
                Repair::StandardAlphabet(_) => (
                    "base64-standard-alphabet",
                    "standard base64 alphabet",
                    "JWTs use the base64url alphabet ('-' and '_', RFC 7515 section 2); strict verifiers reject '+' and '/', so fix the issuer's encoder",
                ),
                Repair::Whitespace(_) => (
                    "paste-whitespace",
                    "whitespace inside the token",
                    "a token has no whitespace; a line break from copying is harmless, but a verifier given the text as is rejects it",
                ),
                Repair::Quotes => (
                    "paste-quotes",
                    "quoted token",
                    "the quotes are not part of the token; send it without them",
                ),
                Repair::BearerPrefix => (
                    "paste-bearer",
                    "\"Bearer \" prefix",
                    "the prefix belongs to the Authorization header, not to the token",
                ),
                Repair::Surrounding(_) => (
                    "paste-surrounding-whitespace",
                    "whitespace around the token",
                    "a token has no whitespace; a verifier given the text as it is rejects it",
                ),
            };
            Finding::new(
                id,
                Severity::Info,
                Target::Token,
                title,
                format!("{}: {why}", r.note()),
            )
        })
        .collect()
}
