//! The attack lab: from a token and the key that verifies it, the forged and tampered
//! variants a tester tries against their own services (alg none, key confusion, embedded
//! keys, kid injection, psychic signatures, ML-DSA keys and labels, claim tampering...), each
//! run through this workbench's own verifier. Nothing here touches the network: URLs are only
//! written.

mod cert;
mod claims;
mod confusion;
mod dpop;
mod ecdsa;
mod embedded;
mod forge;
mod group;
mod lab;
mod original;
mod pq;
mod sdjwt;

pub use group::Group;
pub use lab::{Lab, Tally, VerifierOutcome};

use crate::core::alg::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::keys::{self, Key};
use crate::core::token::inspect;
use original::{Original, compact, dotted, hmac, json_str, signed};

/// The largest token the lab takes (1 MiB): it makes a few dozen variants, each about as large
/// as the token, so memory and output grow with it; real tokens are a few kilobytes.
pub const MAX_LAB_TOKEN: usize = 1 << 20;

/// The attacker URL written into `jku` and `x5u` when none is given (never fetched).
pub const DEFAULT_ATTACKER_URL: &str = "https://attacker.example/.well-known/jwks.json";

/// Why the lab cannot be built. Messages never contain a secret or a private key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AttackError {
    /// The token or a key could not be read by the core.
    #[error(transparent)]
    Core(#[from] crate::core::error::Error),
    /// A JWE was given.
    #[error(
        "this is an encrypted token (JWE): the attack lab needs a signed token (JWS, 3 segments)"
    )]
    Encrypted,
    /// The token's `alg` is none, unknown or missing.
    #[error("{0}: load a token signed with a real algorithm (HS256, RS256, ES256, EdDSA...)")]
    Algorithm(String),
    /// The loaded key cannot verify the token's algorithm.
    #[error(
        "the loaded key is {key}, but the token says {alg}: load the key that verifies this token"
    )]
    KeyMismatch {
        /// The token's algorithm.
        alg: JwsAlg,
        /// What the key is, in words ("an EC P-256 public key").
        key: String,
    },
    /// The public key text given with the key does not load.
    #[error("the public key text does not load: {0}")]
    KeyText(String),
    /// The public key text holds another key than the loaded one.
    #[error(
        "the public key text is not the loaded key's public key: give the text of the same key"
    )]
    KeyTextMismatch,
    /// The crypto backend failed.
    #[error(
        "the attack lab takes tokens up to 1 MiB (it makes a few dozen variants, each as large as the token); this one is {0} bytes"
    )]
    TooLarge(usize),
    /// The crypto backend failed while making a variant (what it was doing).
    #[error("the crypto backend failed while {0}")]
    Crypto(String),
    /// The SD-JWT cannot be read, or its forgeries cannot be made.
    #[error(transparent)]
    SdJwt(#[from] crate::core::sdjwt::SdJwtError),
    /// An SD-JWT was given without the issuer's private key (a public key, or another key).
    #[error(
        "the SD-JWT forgeries re-sign the issuer JWT: load the issuer's private key (or HMAC secret), the one whose signature the SD-JWT carries"
    )]
    SdJwtIssuerKey,
    /// `now` cannot be written as a certificate date.
    #[error(
        "the time {0} cannot be written as a certificate date: give a time between 1950 and 9999"
    )]
    Time(NumericDate),
}

impl From<crate::core::keys::KeyError> for AttackError {
    fn from(e: crate::core::keys::KeyError) -> Self {
        AttackError::Core(e.into())
    }
}

/// What the lab works from.
#[derive(Debug, Clone, Copy)]
pub struct AttackInput<'a> {
    /// The original compact JWS, or an SD-JWT (`JWT~D1~...~`, with or without a KB-JWT).
    pub token: &'a str,
    /// The key the user loaded to verify it (an HMAC secret, or a public or private key).
    pub key: Option<&'a Key>,
    /// The public key's text exactly as loaded (PEM with its own line endings), if any.
    pub key_text: Option<&'a str>,
    /// The URL written into `jku` and `x5u`; `None` means [`DEFAULT_ATTACKER_URL`].
    pub attacker_url: Option<&'a str>,
    /// For an SD-JWT: the holder's private key (the private half of its `cnf.jwk`); `None`
    /// binds the SD-JWT to a fresh lab holder key.
    pub holder: Option<&'a Key>,
}

impl<'a> AttackInput<'a> {
    /// An input with only a token: no key, no key text, the default attacker URL, no holder.
    pub fn new(token: &'a str) -> AttackInput<'a> {
        AttackInput {
            token,
            key: None,
            key_text: None,
            attacker_url: None,
            holder: None,
        }
    }
}

/// One attack token with what it tests and what the workbench's verifier said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Stable kebab-case id, e.g. `alg-none-nOnE-stripped`.
    pub id: String,
    /// The attack family.
    pub group: Group,
    /// A short name.
    pub name: String,
    /// The compact token to send.
    pub token: String,
    /// What the variant does and why it can work, in one paragraph.
    pub explanation: String,
    /// What a correct server must do with it.
    pub server_must: String,
    /// A CVE, RFC or PortSwigger Web Security Academy lab, with its URL, as text.
    pub reference: String,
    /// True for a probe that a correct verifier accepts (ECDSA malleability): not a forgery.
    pub expected_valid: bool,
    /// For jku and x5u: what the attacker would serve at the URL (public material only).
    pub serve: Option<String>,
    /// For an attack on the key rather than the token: the key (a JWK) the server is handed
    /// with the token; the verifier loads it instead of the lab's key.
    pub key: Option<String>,
    /// What the workbench's verifier did with it.
    pub verifier: VerifierOutcome,
}

impl Variant {
    /// The HTTP header line that carries the token: `Authorization: Bearer <token>`.
    pub fn bearer_line(&self) -> String {
        format!("Authorization: Bearer {}", self.token)
    }

    /// The HTTP header line that carries the variant, with what to call it: `DPoP: <proof>`
    /// for a DPoP proof, the bearer line for a JWS; `None` for an SD-JWT presentation (it
    /// travels in a body, such as OpenID4VP's `vp_token`).
    pub fn header_line(&self) -> Option<(&'static str, String)> {
        match self.group {
            Group::SdJwt => None,
            Group::Dpop => Some(("DPoP line", format!("DPoP: {}", self.token))),
            _ => Some(("Authorization line", self.bearer_line())),
        }
    }
}

/// A variant before verification.
struct Draft {
    id: String,
    group: Group,
    name: String,
    token: String,
    explanation: String,
    server_must: String,
    reference: String,
    expected_valid: bool,
    serve: Option<String>,
    key: Option<String>,
    /// The outcome of a checker other than the JWT verifier (DPoP, SD-JWT), already run.
    judged: Option<VerifierOutcome>,
}

impl Draft {
    /// A forgery (a correct verifier rejects it) with no served file.
    fn new(id: impl Into<String>, group: Group, name: impl Into<String>, token: String) -> Draft {
        Draft {
            id: id.into(),
            group,
            name: name.into(),
            token,
            explanation: String::new(),
            server_must: String::new(),
            reference: String::new(),
            expected_valid: false,
            serve: None,
            key: None,
            judged: None,
        }
    }

    /// Sets the explanation, the server's duty and the reference.
    fn text(mut self, explanation: impl Into<String>, server_must: &str, reference: &str) -> Draft {
        self.explanation = explanation.into();
        self.server_must = server_must.to_string();
        self.reference = reference.to_string();
        self
    }
}

/// Builds every variant that fits the token and key, and verifies each one with `key` under
/// a policy that allows only the original token's algorithm, at time `now`. A DPoP proof
/// (`typ` `dpop+jwt`) also gets the DPoP group, judged by the DPoP checker; an SD-JWT gets
/// the SD-JWT forgeries instead, judged by the SD-JWT verifier (`key` must then be the
/// issuer's private key).
pub fn generate(input: &AttackInput<'_>, now: NumericDate) -> Result<Lab, AttackError> {
    let mut variants = Vec::new();
    let tally = generate_each(input, now, |v| variants.push(v))?;
    Ok(Lab::new(variants, tally))
}

/// Like [`generate`], but hands each verified variant to `sink` as soon as its group is made
/// and keeps none: memory holds one group's variants at a time, whatever the token's size.
/// Returns the counts, the original's outcome and the notes.
pub fn generate_each(
    input: &AttackInput<'_>,
    now: NumericDate,
    sink: impl FnMut(Variant),
) -> Result<Tally, AttackError> {
    if input.token.trim().len() > MAX_LAB_TOKEN {
        return Err(AttackError::TooLarge(input.token.trim().len()));
    }
    if input.token.contains('~') {
        return sdjwt::generate_each(input, now, sink);
    }
    let insp = inspect(input.token)?;
    let orig = Original::read(&insp)?;
    drop(insp);
    if let Some(key) = input.key
        && key.check_fits(orig.alg, keys::Purpose::Verify).is_err()
    {
        return Err(AttackError::KeyMismatch {
            alg: orig.alg,
            key: key.kind_words(),
        });
    }
    let url = input.attacker_url.unwrap_or(DEFAULT_ATTACKER_URL);
    let policy = lab::policy_for(&orig);
    let mut em = Emit {
        tally: Tally {
            original: lab::check(input.token, input.key, &policy, now),
            ..Tally::default()
        },
        sink,
        key: input.key,
        policy,
        now,
    };
    let mut notes = Vec::new();
    // The groups that make several variants as large as the token hand each one over as
    // soon as it is made: it is verified, passed on and dropped before the next is built.
    forge::alg_none(&orig, &mut |d| em.one(d))?;
    em.one(forge::null_signature(&orig));
    em.one(forge::empty_key(&orig)?);
    match input.key {
        Some(key) => {
            confusion::variants(&orig, key, input.key_text, &mut notes, &mut |d| em.one(d))?;
        }
        None => notes.push(
            "key confusion skipped: it needs the public key, and no key is loaded".to_string(),
        ),
    }
    embedded::variants(&orig, url, now, &mut |d| em.one(d))?;
    forge::kid_injection(&orig, &mut |d| em.one(d))?;
    ecdsa::variants(&orig, &mut notes, &mut |d| em.one(d))?;
    em.all(pq::variants(&orig, input.key, &mut notes)?);
    claims::variants(&orig, now, &mut notes, &mut |d| em.one(d))?;
    em.all(dpop::variants(&orig, input.key, now, &mut notes)?);
    em.tally.notes = notes;
    Ok(em.tally)
}

/// Verifies each draft as it comes, counts it and hands it to the sink.
struct Emit<'k, F: FnMut(Variant)> {
    tally: Tally,
    sink: F,
    key: Option<&'k keys::Key>,
    policy: crate::core::verify::Policy,
    now: NumericDate,
}

impl<F: FnMut(Variant)> Emit<'_, F> {
    fn one(&mut self, d: Draft) {
        let v = lab::verified(d, self.key, &self.policy, self.now);
        (self.sink)(self.tally.count(v));
    }

    fn all(&mut self, drafts: Vec<Draft>) {
        for d in drafts {
            self.one(d);
        }
    }
}

#[cfg(test)]
mod tests;
