//! Token profiles on top of JWT: an OpenID Connect id_token, an RFC 9068 access token
//! (`at+jwt`), a DPoP proof (RFC 9449). The profile is detected from `typ` and the claims, or
//! forced; each adds its numbered checks, citing the section each applies, to the report.
//! SD-JWT, which is more than a JWT, has its own module (`core::sdjwt`).

mod access;
mod dpop;
mod hashes;
mod htu;
mod idtoken;

pub use dpop::{DEFAULT_MAX_AGE, DpopProof, ProofKeyError, ath_of, proof_key};
pub use hashes::{HashInput, left_half_hash};
pub use htu::{NormalisedUrl, UrlError, normalise};

use super::claims::NumericDate;
use super::token::Inspection;
use super::verify::{Check, Fault};
use serde_json::{Map, Value};

/// The kinds of token this workbench knows the rules of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// A JWT with no profile of its own: the general checks only.
    Jwt,
    /// An OpenID Connect ID token (OIDC Core 1.0 with errata set 2).
    IdToken,
    /// A JWT access token (RFC 9068): `typ` `at+jwt`.
    AccessToken,
    /// A DPoP proof (RFC 9449): `typ` `dpop+jwt`.
    DpopProof,
    /// An SD-JWT key-binding JWT (RFC 9901): `typ` `kb+jwt`.
    KeyBinding,
    /// An SD-JWT (VC) issuer JWT: `typ` `dc+sd-jwt` or `vc+sd-jwt`.
    SdJwt,
}

impl Profile {
    /// Every profile, in the order a picker lists them.
    pub const ALL: [Profile; 6] = [
        Profile::Jwt,
        Profile::IdToken,
        Profile::AccessToken,
        Profile::DpopProof,
        Profile::KeyBinding,
        Profile::SdJwt,
    ];

    /// The name the command line and the window use.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Jwt => "jwt",
            Profile::IdToken => "id_token",
            Profile::AccessToken => "at+jwt",
            Profile::DpopProof => "dpop+jwt",
            Profile::KeyBinding => "kb+jwt",
            Profile::SdJwt => "sd-jwt",
        }
    }

    /// The profile named `name` (as [`Profile::name`] gives it, any case).
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    /// What the profile is, in a few words, with the document that defines it.
    pub fn describe(self) -> &'static str {
        match self {
            Profile::Jwt => "a JWT (RFC 7519) with no profile of its own",
            Profile::IdToken => "an OpenID Connect ID token (OIDC Core 1.0, errata set 2)",
            Profile::AccessToken => "a JWT access token (RFC 9068)",
            Profile::DpopProof => "a DPoP proof (RFC 9449)",
            Profile::KeyBinding => "an SD-JWT key-binding JWT (RFC 9901 section 4.3)",
            Profile::SdJwt => "an SD-JWT issuer JWT (RFC 9901)",
        }
    }
}

/// The header's `typ`, lower-cased and without `application/` (RFC 7515 section 4.1.9: the
/// media type is compared case-insensitively and the prefix may be left out).
pub fn typ_of(header: &Map<String, Value>) -> Option<String> {
    let typ = header.get("typ")?.as_str()?.to_ascii_lowercase();
    Some(match typ.strip_prefix("application/") {
        Some(rest) => rest.to_string(),
        None => typ,
    })
}

/// The profile a token's header and claims say it is: `typ` first (`at+jwt`, `dpop+jwt`,
/// `kb+jwt`, `dc+sd-jwt`, `vc+sd-jwt`, with or without `application/`), then the claims
/// (an id_token carries `nonce`, `at_hash`, `c_hash`, `auth_time`, `azp`, `acr` or `amr`
/// beside `iss`, `sub` and `aud`).
pub fn detect(header: &Map<String, Value>, claims: Option<&Map<String, Value>>) -> Profile {
    match typ_of(header).as_deref() {
        Some("at+jwt") => return Profile::AccessToken,
        Some("dpop+jwt") => return Profile::DpopProof,
        Some("kb+jwt") => return Profile::KeyBinding,
        Some("dc+sd-jwt" | "vc+sd-jwt") => return Profile::SdJwt,
        _ => {}
    }
    let Some(c) = claims else {
        return Profile::Jwt;
    };
    let oidc_only = [
        "nonce",
        "at_hash",
        "c_hash",
        "auth_time",
        "azp",
        "acr",
        "amr",
    ];
    let base = ["iss", "sub", "aud"].iter().all(|n| c.contains_key(*n));
    if base && oidc_only.iter().any(|n| c.contains_key(*n)) {
        Profile::IdToken
    } else {
        Profile::Jwt
    }
}

/// What a profile's checks compare the token with: the values of the request or session
/// the token arrived with. Empty fields are not checked (and the check says so).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// The `nonce` sent in the authentication request (id_token), or the server's DPoP nonce.
    pub nonce: Option<String>,
    /// The access token issued with the id_token (for `at_hash`), or presented with a DPoP
    /// proof (for `ath`).
    pub access_token: Option<String>,
    /// The authorization code (for `c_hash`).
    pub code: Option<String>,
    /// The `state` (for `s_hash`, FAPI 1.0 Advanced).
    pub state: Option<String>,
    /// The `max_age` the client asked for, in seconds (for `auth_time`).
    pub max_age: Option<u64>,
    /// The client's own `client_id` (id_token `aud`; `azp` explained).
    pub client_id: Option<String>,
    /// The HTTP method of the request a DPoP proof came with.
    pub htm: Option<String>,
    /// The full URL of that request.
    pub htu: Option<String>,
    /// How old a DPoP proof's `iat` may be, in seconds (default 300).
    pub proof_max_age: Option<u64>,
    /// The DPoP key thumbprint an opaque access token is bound to, as token introspection
    /// gives it (RFC 9449 section 6.2); a JWT access token carries it as `cnf.jkt`.
    pub jkt: Option<String>,
    /// SD-JWT: key binding is optional for this verifier (default: required, RFC 9901
    /// section 7.3 step 1).
    pub kb_optional: bool,
}

/// A profile's passed check, named `id` and citing `spec` `section`.
pub(crate) fn pass(id: &str, spec: &'static str, section: &'static str, detail: String) -> Check {
    Check::pass(id, detail).cite(spec, section)
}

/// A profile's failed check.
pub(crate) fn fail(id: &str, spec: &'static str, section: &'static str, detail: String) -> Check {
    Check::fail(id, Fault::Profile, detail).cite(spec, section)
}

/// The checks `profile` adds for `insp` (already decoded) given `inputs`, at `now`; none for a
/// plain JWT. The signature and the general claim checks are the verifier's, not repeated.
pub fn checks(
    profile: Profile,
    insp: &Inspection,
    inputs: &Inputs,
    expected_aud: Option<&str>,
    now: NumericDate,
) -> Vec<Check> {
    let header = insp.header.as_ref().ok();
    let claims = insp.claims();
    match (profile, header, claims) {
        (Profile::Jwt | Profile::KeyBinding | Profile::SdJwt, _, _) => Vec::new(),
        (_, None, _) | (_, _, None) => vec![fail(
            profile.name(),
            "RFC 7519",
            "7.2",
            format!("{} needs a readable header and claims", profile.describe()),
        )],
        (Profile::IdToken, Some(h), Some(c)) => idtoken::checks(h, c, insp, inputs, now),
        (Profile::AccessToken, Some(h), Some(c)) => access::checks(h, c, expected_aud),
        (Profile::DpopProof, Some(h), Some(c)) => dpop::checks(h, c, insp, inputs, now),
    }
}

#[cfg(test)]
mod tests;
