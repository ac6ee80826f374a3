//! Security findings for a token and the key it is checked with: what a reviewer would flag,
//! each with a stable id, a severity, a one-line title, why it matters and what to do, and
//! what it points at.
//!
//! One entry point, [`findings`], takes the inspection and a [`Context`] (the verifying key,
//! the expected algorithms, `now` and the leeway). [`secret_findings`] judges an HMAC secret on
//! its own (the key pane's advice line) and [`secret_text_findings`] explains a secret text that
//! was refused because it is a key. [`jwe_findings`] judges an encrypted token (its header, the
//! key it is decrypted with, its plaintext). Messages never quote a secret, a private key or
//! the token.

mod bcp;
mod cites;
mod claims;
mod duplicates;
mod header;
mod jwe;
mod pq;
mod secrets;
mod sensitive;
mod wellknown;

pub use header::repair_findings;
pub use jwe::{MIN_RECOMMENDED_P2C, jwe_findings, jwe_header_findings, nested_unverified};
pub use secrets::{key_findings, secret_findings, secret_text_findings};
pub use wellknown::{WELL_KNOWN_SECRETS, is_well_known_secret};

use super::alg::{Family, HeaderAlg, JwsAlg};
use super::cite::Cite;
use super::claims::NumericDate;
use super::keys::Key;
use super::token::{Form, Inspection, Payload};
use serde_json::{Value, json};

/// How serious a finding is. Ordered: danger first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Exploitable as it stands.
    Danger,
    /// Risky; fix before production.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Lowercase label: "danger", "warning" or "info".
    pub fn label(self) -> &'static str {
        match self {
            Severity::Danger => "danger",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a finding points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A header member (a dotted path for a nested one).
    Header(String),
    /// A claim (a dotted path for a nested one: `user.password`).
    Claim(String),
    /// The key the token is checked with.
    Key,
    /// The token as a whole (its encoding, its form).
    Token,
}

impl Target {
    /// "header", "claim", "key" or "token".
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Header(_) => "header",
            Target::Claim(_) => "claim",
            Target::Key => "key",
            Target::Token => "token",
        }
    }

    /// The member or claim name, for header and claim targets.
    pub fn name(&self) -> Option<&str> {
        match self {
            Target::Header(n) | Target::Claim(n) => Some(n),
            Target::Key | Target::Token => None,
        }
    }

    /// A few words for people: "header kid", "claim password", "key", "token" (the name
    /// escaped and clipped).
    pub fn describe(&self) -> String {
        match self.name() {
            Some(n) => format!("{} {}", self.kind(), clip(n, 60)),
            None => self.kind().to_string(),
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable kebab-case id (`alg-none`, `hmac-secret-short`, `payload-password`).
    pub id: &'static str,
    /// How serious.
    pub severity: Severity,
    /// One-line title.
    pub title: String,
    /// Why it matters and what to do, in one or two sentences.
    pub detail: String,
    /// What it points at.
    pub target: Target,
    /// The rule or advice it applies ("RFC 8725bis section 3.2").
    pub cite: Option<Cite>,
}

impl Finding {
    /// A finding.
    pub fn new(
        id: &'static str,
        severity: Severity,
        target: Target,
        title: impl Into<String>,
        detail: impl Into<String>,
    ) -> Finding {
        Finding {
            id,
            severity,
            title: title.into(),
            detail: detail.into(),
            target,
            cite: cites::cite_of(id),
        }
    }

    /// The same finding, citing the rule it applies.
    #[must_use]
    pub fn cite(mut self, spec: &'static str, section: &'static str) -> Finding {
        self.cite = Some(Cite::new(spec, section));
        self
    }

    /// The JSON the command line prints:
    /// `{"id","severity","title","detail","target":{"kind","name"}}`.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "severity": self.severity.label(),
            "title": self.title,
            "detail": self.detail,
            "target": {"kind": self.target.kind(), "name": self.target.name()},
            "cite": self.cite.map(|c| c.to_string()),
        })
    }
}

/// What the findings are judged against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The key the token is verified with, if any (HMAC secret and RSA size findings need it).
    pub key: Option<&'a Key>,
    /// The algorithms the verifier expects; empty means "no expectation" (no `alg-unexpected`).
    pub algorithms: &'a [JwsAlg],
    /// The instant times are judged at.
    pub now: NumericDate,
    /// Clock leeway in seconds, as the verifier uses it.
    pub leeway: u64,
}

impl<'a> Context<'a> {
    /// No key, no expected algorithms, no leeway, at `now`.
    pub fn at(now: NumericDate) -> Context<'a> {
        Context {
            now,
            ..Context::default()
        }
    }
}

/// The top-level claims that hold secrets or personal data, by the payload findings (the
/// first part of a dotted path): what presentation mode masks.
pub fn sensitive_claims(findings: &[Finding]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in findings {
        if let (true, Target::Claim(path)) = (f.id.starts_with("payload-"), &f.target) {
            let top = path.split('.').next().unwrap_or(path).to_string();
            if !out.contains(&top) {
                out.push(top);
            }
        }
    }
    out
}

/// Sorts danger, then warning, then info; within a severity, what the claims' values give
/// away (`payload-*`) comes after the rest, which keeps the order it was found in.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.severity, f.id.starts_with("payload-")));
}

/// Every finding for a token in a context, sorted danger → warning → info.
pub fn findings(insp: &Inspection, ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = timeless_findings(insp, ctx);
    out.extend(timed_findings(insp, ctx));
    sort(&mut out);
    out
}

/// The time claims' findings (and the registered claims' types): the ones that can read
/// differently as the clock runs. Cheap: they look at a handful of claims. Unsorted.
pub fn timed_findings(insp: &Inspection, ctx: &Context<'_>) -> Vec<Finding> {
    match insp.claims() {
        Some(c) if insp.form != Form::Jwe => {
            let header = insp.header.as_ref().ok();
            claims::claim_findings(c, header, ctx.now, ctx.leeway)
        }
        _ => Vec::new(),
    }
}

/// Every finding but [`timed_findings`]: what stays true while the clock runs, so a caller
/// may keep it until the token or the key changes. This is the costly part for a large
/// payload (duplicate members, secrets and personal data in every claim). Unsorted.
pub fn timeless_findings(insp: &Inspection, ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = header::repair_findings(&insp.repairs);
    if insp.form == Form::Jwe {
        out.push(Finding::new(
            "token-encrypted",
            Severity::Info,
            Target::Token,
            "encrypted token (JWE)",
            "only the protected header can be read without the decryption key; the claims inside cannot be reviewed until it is decrypted",
        ));
        if let Ok(h) = &insp.header {
            out.extend(jwe::jwe_header_findings(h));
        }
        return out;
    }
    if let Ok(h) = &insp.header {
        out.extend(header::header_findings(h, &insp.alg, ctx.algorithms));
        out.extend(bcp::header_findings(h));
    }
    out.extend(pq::akp_findings(&insp.alg, ctx.key));
    if insp.header.is_ok()
        && let Ok(bytes) = &insp.header_bytes
    {
        out.extend(duplicates::duplicate_findings(bytes, Target::Header));
    }
    if let Some(key) = ctx.key {
        out.extend(key_findings(key));
        if let Some(alg) = hmac_alg(&insp.alg, ctx.algorithms) {
            out.extend(secret_findings(key, alg));
        }
    }
    // A payload meant as claims is scanned even when strict reading refused it (duplicates
    // are one reason it would): the finding says which name.
    if let (Ok(Payload::Claims(_) | Payload::Invalid { .. }), Ok(bytes)) =
        (&insp.payload, &insp.payload_bytes)
    {
        out.extend(duplicates::duplicate_findings(bytes, Target::Claim));
    }
    if let Some(c) = insp.claims() {
        out.extend(bcp::claim_findings(c, insp.header.as_ref().ok()));
        out.extend(sensitive::sensitive_findings(c));
    }
    out
}

/// The HMAC algorithm a secret is judged for: the token's own when it is HS*, else the first
/// HS* the verifier expects.
fn hmac_alg(alg: &HeaderAlg, expected: &[JwsAlg]) -> Option<JwsAlg> {
    match alg {
        HeaderAlg::Known(a) if a.family() == Family::Hmac => Some(*a),
        _ => expected
            .iter()
            .copied()
            .find(|a| a.family() == Family::Hmac),
    }
}

/// The first `max` characters of `s`, escaped, with "…" when cut (for names and kids in
/// messages).
fn clip(s: &str, max: usize) -> String {
    super::text::clip(s, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::token::inspect;

    #[test]
    fn json_shape_and_target_words() {
        let f = Finding::new("alg-none", Severity::Danger, Target::Key, "t", "d");
        assert_eq!(
            f.to_json(),
            json!({"id":"alg-none","severity":"danger","title":"t","detail":"d",
                   "target":{"kind":"key","name":null},"cite":"RFC 8725bis section 3.2"})
        );
        let t = Target::Header("kid".into());
        let f = Finding::new("kid-suspicious", Severity::Warning, t, "t", "d");
        assert_eq!(f.to_json()["target"], json!({"kind":"header","name":"kid"}));
        assert_eq!(f.target.describe(), "header kid");
        assert_eq!(Target::Token.describe(), "token");
    }

    #[test]
    fn jwe_is_info_only() {
        let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d";
        let f = findings(&inspect(jwe).unwrap(), &Context::at(0));
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].id, f[0].severity),
            ("token-encrypted", Severity::Info)
        );
    }

    #[test]
    fn only_the_timed_part_moves_with_the_clock() {
        // {"alg":"HS256"} . {"iat":2000,"password":"hunter2"} . x
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjIwMDAsInBhc3N3b3JkIjoiaHVudGVyMiJ9.eA";
        let insp = inspect(token).unwrap();
        let ids = |v: Vec<Finding>| v.into_iter().map(|f| f.id).collect::<Vec<_>>();
        let timeless = ids(timeless_findings(&insp, &Context::at(1000)));
        assert!(timeless.contains(&"payload-password"), "{timeless:?}");
        assert!(!timeless.contains(&"iat-future") && !timeless.contains(&"exp-missing"));
        assert_eq!(timeless, ids(timeless_findings(&insp, &Context::at(3000))));
        let early = ids(timed_findings(&insp, &Context::at(1000)));
        let late = ids(timed_findings(&insp, &Context::at(3000)));
        assert!(early.contains(&"iat-future") && !late.contains(&"iat-future"));
        assert!(early.contains(&"exp-missing") && late.contains(&"exp-missing"));
        let all = ids(findings(&insp, &Context::at(1000)));
        assert_eq!(all.len(), timeless.len() + early.len());
        assert!(early.iter().chain(&timeless).all(|id| all.contains(id)));
    }

    #[test]
    fn a_dpop_proof_is_not_judged_as_an_access_token() {
        let b64 = |v: Value| crate::core::b64::encode(v.to_string().as_bytes());
        let jwk = json!({"kty": "EC", "crv": "P-256", "x": "eA", "y": "eQ"});
        let claims =
            b64(json!({"jti": "j", "htm": "GET", "htu": "https://a.example/", "iat": 1000}));
        let ids = |typ: &str| {
            let header = b64(json!({"typ": typ, "alg": "ES256", "jwk": jwk}));
            let insp = inspect(&format!("{header}.{claims}.eA")).unwrap();
            findings(&insp, &Context::at(1000))
                .into_iter()
                .map(|f| f.id)
                .collect::<Vec<_>>()
        };
        let proof = ids("dpop+jwt");
        for id in ["header-jwk", "aud-missing", "exp-missing"] {
            assert!(!proof.contains(&id), "{id} in {proof:?}");
        }
        let jwt = ids("JWT");
        for id in ["header-jwk", "aud-missing", "exp-missing"] {
            assert!(jwt.contains(&id), "{id} not in {jwt:?}");
        }
    }
}
