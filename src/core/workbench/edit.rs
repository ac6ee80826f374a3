//! What the window can ask of the document ([`Edit`]) and what the document asks back
//! ([`Effects`]).

use super::SignJob;
use crate::core::JwsAlg;
use crate::core::claims::NumericDate;
use crate::core::error::Result;
use crate::core::keys::{Key, KeyField, SecretEncoding};

/// One change to the document. [`super::Workbench::apply`] is the only way in.
#[derive(Debug, Clone)]
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
        /// The plaintext and its trace, or the one failure message.
        result: Box<std::result::Result<crate::core::jwe::Decrypted, String>>,
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
    /// A freshly generated key replaces the key of its kind.
    GeneratedKey(Key),
    /// Clock leeway in seconds.
    Leeway(u64),
    /// Skip the exp check.
    IgnoreExp(bool),
    /// The audience the verifier expects (empty: none, so a token with `aud` is not valid).
    Audience(String),
    /// Accept any audience: the `aud` check is skipped and says so.
    AnyAudience(bool),
    /// Evaluate times as of another instant, or live.
    Clock(TimeTravel),
    /// Fill header and payload from a template, with a fresh iat and exp.
    Template(Template),
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
            Edit::GeneratedKey(_) => "GeneratedKey",
            Edit::Leeway(_) => "Leeway",
            Edit::IgnoreExp(_) => "IgnoreExp",
            Edit::Audience(_) => "Audience",
            Edit::AnyAudience(_) => "AnyAudience",
            Edit::Clock(_) => "Clock",
            Edit::Template(_) => "Template",
            Edit::Clear => "Clear",
            Edit::Resign => "Resign",
            Edit::Format => "Format",
            Edit::Compact => "Compact",
            Edit::Signed { .. } => "Signed",
            Edit::SigningStarted(_) => "SigningStarted",
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
}

impl Template {
    /// Every template, in menu order.
    pub const ALL: [Template; 5] = [
        Template::Example,
        Template::Access,
        Template::Refresh,
        Template::IdToken,
        Template::ClientCredentials,
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
pub struct Effects {
    /// A signing job to run (on a worker when it is slow).
    pub sign: Option<SignJob>,
    /// A decryption to run (on a worker when it is slow).
    pub decrypt: Option<super::DecryptJob>,
    /// A message for the status bar.
    pub notice: Option<Notice>,
    /// Loaded key bytes went into this field (the window may watch the file).
    pub loaded_into: Option<KeyField>,
    /// The document changed: refresh editor texts, save settings soon.
    pub changed: bool,
}
