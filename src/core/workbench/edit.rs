//! What the window can ask of the document ([`Edit`]) and what the document asks back
//! ([`Effects`]).

use super::{Job, Snapshot};
use crate::core::alg::JwsAlg;
use crate::core::attacks::{AttackError, Lab};
use crate::core::claims::NumericDate;
use crate::core::error::Result;
use crate::core::keys::{Key, KeyError, KeyField, KeySpec, SecretEncoding};

/// One change to the document. [`super::Workbench::apply`] is the only way in; an edit that
/// needs the clock carries `now` (the real clock, in seconds since 1970).
#[derive(Debug, Clone)]
#[must_use = "an edit does nothing until Workbench::apply takes it"]
pub enum Edit {
    /// The token field was typed in or pasted into: decode, verify, fill the editors.
    Token(String),
    /// The header editor's text.
    Header(String),
    /// The payload editor's text.
    Payload(String),
    /// The algorithm picker: rewrites the header's `alg` and re-signs.
    Alg(JwsAlg),
    /// The HMAC secret field.
    Secret(String),
    /// How the secret field is read.
    SecretEncoding(SecretEncoding),
    /// The private key field.
    PrivateKey(String),
    /// The public key field.
    PublicKey(String),
    /// The JWE key field.
    JweKey(String),
    /// How the JWE key field is read when it is a secret.
    JweKeyEncoding(SecretEncoding),
    /// The encode side's encryption mode.
    Encryption(super::Encryption),
    /// A decryption finished (results of outdated jobs are dropped).
    Decrypted {
        /// The job's generation.
        generation: u64,
        /// The plaintext and its trace, or why not (for a wrong key or an altered token, the
        /// one uniform [`JweError::Decryption`](crate::core::jwe::JweError::Decryption)).
        result: Box<std::result::Result<crate::core::jwe::Decrypted, crate::core::jwe::JweError>>,
    },
    /// All key fields at once (remembered keys restored from the keyring).
    Keys(super::KeyInputs),
    /// Key bytes from a file, a drop or the clipboard: the document picks the field.
    LoadKey {
        /// The bytes (PEM, DER, JWK, JWKS or a raw secret file).
        bytes: Vec<u8>,
        /// Where they came from, for messages ("key.pem").
        source: String,
    },
    /// Generate a key off the UI thread (it then replaces the key of its kind).
    Generate(KeySpec),
    /// Drop the key being generated: its result will be ignored.
    CancelGenerate,
    /// A key generation finished (results of cancelled or replaced ones are dropped).
    KeyGenerated {
        /// The generation that asked for it.
        generation: u64,
        /// The key, or why the backend could not make it.
        result: std::result::Result<Key, KeyError>,
    },
    /// Clock leeway in seconds.
    Leeway(u64),
    /// Skip the exp check.
    IgnoreExp(bool),
    /// The audience the verifier expects (empty: none, so a token with `aud` is not valid).
    Audience(String),
    /// Accept any audience: the `aud` check is skipped and says so.
    AnyAudience(bool),
    /// The token's profile: `None` detects it from `typ` and the claims.
    Profile(Option<crate::core::profiles::Profile>),
    /// What the profile's checks compare with (nonce, access token, request method and URL).
    ProfileInputs(Box<crate::core::profiles::Inputs>),
    /// Evaluate times as of another instant, or live.
    Clock(TimeTravel),
    /// Fill header and payload from a template, with iat and exp from `now`.
    Template {
        /// Which template.
        template: Template,
        /// The real clock.
        now: NumericDate,
    },
    /// Start from a saved session (start-up): its token, editors, keys and preferences, as if
    /// each was edited; a pasted JWE is decrypted, editors that lead are signed.
    Restore(Box<Snapshot>),
    /// The attacker URL the lab writes into `jku` and `x5u`.
    LabUrl(String),
    /// The Attacks view is open: build the lab for the current token and key as of `at` (the
    /// document's clock), unless it is already built for them.
    BuildLab {
        /// The instant the lab's variants are judged at.
        at: NumericDate,
    },
    /// The lab was built (results of outdated builds are dropped).
    LabBuilt {
        /// The build's generation.
        generation: u64,
        /// The lab, or why it cannot be built for this token and key.
        result: std::result::Result<Box<Lab>, AttackError>,
    },
    /// Empty the token, header and payload (keys stay).
    Clear,
    /// Sign the editors with the current key, replacing a pasted token.
    Resign,
    /// Pretty-print header and payload.
    Format,
    /// Minify header and payload.
    Compact,
    /// A signing job finished (results of outdated jobs are dropped).
    Signed {
        /// The job's generation.
        generation: u64,
        /// The token and its inspection, or why signing failed.
        result: Result<super::Signed>,
    },
    /// A slow signing job was handed to a worker.
    SigningStarted(u64),
    /// The roots the user pins for `x5c` chains (DER certificates): only a chain that
    /// validates to one of them lets its leaf key verify a token.
    PinnedRoots(Vec<Vec<u8>>),
    /// Sign with the payload left out of the token (`header..signature`, RFC 7515 appendix
    /// F); the editors' payload is what the verdict is about.
    Detached(bool),
}

impl Edit {
    /// The edit's kind, for logs and measurements: never the text it carries.
    pub fn kind(&self) -> &'static str {
        match self {
            Edit::Token(_) => "Token",
            Edit::Header(_) => "Header",
            Edit::Payload(_) => "Payload",
            Edit::Alg(_) => "Alg",
            Edit::Secret(_) => "Secret",
            Edit::SecretEncoding(_) => "SecretEncoding",
            Edit::PrivateKey(_) => "PrivateKey",
            Edit::PublicKey(_) => "PublicKey",
            Edit::Keys(_) => "Keys",
            Edit::JweKey(_) => "JweKey",
            Edit::JweKeyEncoding(_) => "JweKeyEncoding",
            Edit::Encryption(_) => "Encryption",
            Edit::Decrypted { .. } => "Decrypted",
            Edit::LoadKey { .. } => "LoadKey",
            Edit::Generate(_) => "Generate",
            Edit::CancelGenerate => "CancelGenerate",
            Edit::KeyGenerated { .. } => "KeyGenerated",
            Edit::Leeway(_) => "Leeway",
            Edit::IgnoreExp(_) => "IgnoreExp",
            Edit::Audience(_) => "Audience",
            Edit::AnyAudience(_) => "AnyAudience",
            Edit::Profile(_) => "Profile",
            Edit::ProfileInputs(_) => "ProfileInputs",
            Edit::Clock(_) => "Clock",
            Edit::Template { .. } => "Template",
            Edit::Restore(_) => "Restore",
            Edit::LabUrl(_) => "LabUrl",
            Edit::BuildLab { .. } => "BuildLab",
            Edit::LabBuilt { .. } => "LabBuilt",
            Edit::Clear => "Clear",
            Edit::Resign => "Resign",
            Edit::Format => "Format",
            Edit::Compact => "Compact",
            Edit::Signed { .. } => "Signed",
            Edit::SigningStarted(_) => "SigningStarted",
            Edit::PinnedRoots(_) => "PinnedRoots",
            Edit::Detached(_) => "Detached",
        }
    }
}

/// When "now" is, for exp, nbf, iat and the countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeTravel {
    /// The real clock.
    #[default]
    Live,
    /// A fixed instant (seconds since 1970).
    At(NumericDate),
    /// The real clock shifted by this many seconds.
    Offset(i64),
}

impl TimeTravel {
    /// The instant to evaluate at, given the real clock.
    pub fn at(self, now: NumericDate) -> NumericDate {
        match self {
            TimeTravel::Live => now,
            TimeTravel::At(t) => t,
            TimeTravel::Offset(d) => now.saturating_add(d),
        }
    }

    /// True for the real clock.
    pub fn is_live(self) -> bool {
        self == TimeTravel::Live
    }
}

/// Ready-made tokens for the New menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// jwt.io's example: sub, name, admin, iat, exp in 30 minutes.
    Example,
    /// An access token: sub, type "access", 30 minutes.
    Access,
    /// A refresh token: sub, type "refresh", 7 days.
    Refresh,
    /// An OpenID Connect ID token: iss, sub, aud, nonce, auth_time, 1 hour.
    IdToken,
    /// An OAuth client-credentials access token (RFC 9068): client_id, scope, 1 hour.
    ClientCredentials,
    /// An ID token with `at_hash` and `c_hash` of a made-up access token and code (filled in
    /// under Context, so the hashes check).
    IdTokenHashes,
    /// A DPoP proof signed with a fresh key, and the access token bound to that key (filled
    /// in under Context with the request).
    DpopPair,
    /// An SD-JWT VC (`dc+sd-jwt`) issued with a fresh issuer key and presented with a KB-JWT
    /// of a fresh holder key (the verifier's audience and nonce filled in).
    SdJwtVc,
}

impl Template {
    /// Every template, in menu order.
    pub const ALL: [Template; 8] = [
        Template::Example,
        Template::Access,
        Template::Refresh,
        Template::IdToken,
        Template::ClientCredentials,
        Template::IdTokenHashes,
        Template::DpopPair,
        Template::SdJwtVc,
    ];
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// True for a failure.
    pub error: bool,
}

impl Notice {
    /// An informational notice.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            error: false,
        }
    }

    /// A failure notice.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            error: true,
        }
    }
}

/// What the window must do after an edit.
#[derive(Debug, Default)]
#[must_use = "effects carry jobs the shell must run and a status line to show"]
pub struct Effects {
    /// Slow work to run (on a worker when it is slow); each returns an edit to apply.
    pub jobs: Vec<Job>,
    /// A message for the status bar.
    pub notice: Option<Notice>,
    /// True when the document changed (editors to refresh, settings to save).
    pub changed: bool,
    /// The key field a loaded key went into (the shell may watch its file).
    pub loaded_into: Option<KeyField>,
}

impl Effects {
    /// Adds a job, when there is one.
    pub fn push(&mut self, job: Option<Job>) {
        self.jobs.extend(job);
    }

    /// Folds `later` into these effects: both sets of jobs, the later notice and key field.
    pub fn merge(&mut self, later: Effects) {
        self.jobs.extend(later.jobs);
        self.notice = later.notice.or(self.notice.take());
        self.changed |= later.changed;
        self.loaded_into = later.loaded_into.or(self.loaded_into);
    }
}
