//! What can go wrong with a key, as one typed enum. Every message says what is wrong and what
//! to do, and never contains key material.

use super::der::DerError;
use crate::core::alg::JwsAlg;
use crate::core::b64::B64Error;

/// A key that cannot be read, or cannot serve what it was asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    // ---- nothing there, or not a key at all ----
    /// No key text or bytes.
    #[error("the key is empty")]
    Empty,
    /// A key field is empty and the algorithm needs a key (`needs`: "an RSA private key").
    #[error("paste or open {needs} to {purpose}")]
    Missing {
        /// What kind of key is needed, in words.
        needs: String,
        /// "sign" or "verify".
        purpose: &'static str,
    },
    /// The HMAC secret field is empty.
    #[error("enter the secret to sign and verify")]
    NoSecret,
    /// A file far larger than any key.
    #[error(
        "the key file is {len} bytes; key files are a few kilobytes (limit 1 MiB): is this the right file?"
    )]
    TooLarge {
        /// Size in bytes.
        len: usize,
    },
    /// Text that is no key format.
    #[error(
        "not a key: expected PEM (-----BEGIN ...), DER, a JWK or a JWKS. Text meant as an HMAC secret goes in the secret field (or --secret)"
    )]
    NotAKeyText,
    /// Binary data that is no key format.
    #[error("not a key: {len} bytes of binary data that are not DER, PEM, a JWK or a JWKS")]
    NotAKeyBinary {
        /// Size in bytes.
        len: usize,
    },
    /// An OpenSSH public key line.
    #[error(
        "this is an OpenSSH public key line; convert it with `ssh-keygen -e -m PKCS8 -f KEY.pub` to a PEM public key"
    )]
    OpenSshPublic,
    /// An OpenSSH private key.
    #[error(
        "this is an OpenSSH private key; convert it with `ssh-keygen -p -m PKCS8 -f KEY` (it rewrites the file in PKCS#8)"
    )]
    OpenSshPrivate,
    /// A password-protected private key.
    #[error(
        "this private key is encrypted with a password; decrypt it first, e.g. `openssl pkey -in key.pem -out plain.pem`"
    )]
    Encrypted,

    // ---- PEM ----
    /// A PEM block closed by the wrong END line.
    #[error("PEM block \"{label}\" ends with \"{found}\" instead of \"{expected}\"")]
    PemWrongEnd {
        /// The BEGIN label.
        label: String,
        /// The line found.
        found: String,
        /// The END line expected.
        expected: String,
    },
    /// A PEM block with no END line.
    #[error("PEM block \"{label}\" has no END line: the key looks truncated")]
    PemNoEnd {
        /// The BEGIN label.
        label: String,
    },
    /// A PEM body that is not base64.
    #[error("PEM block \"{label}\" is not valid base64: {detail}")]
    PemBase64 {
        /// The BEGIN label.
        label: String,
        /// What is wrong, with the position.
        detail: B64Error,
    },
    /// PEM text without a key block.
    #[error("no PEM key block found (expected -----BEGIN ... KEY----- or CERTIFICATE)")]
    NoPemBlock,
    /// A problem inside one PEM block.
    #[error("{label} block: {source}")]
    InBlock {
        /// The BEGIN label.
        label: String,
        /// What is wrong inside.
        source: Box<KeyError>,
    },

    // ---- DER structures ----
    /// DER that does not even form a SEQUENCE.
    #[error("DER data that is not a key: {0}")]
    NotDerKey(DerError),
    /// A DER SEQUENCE of an unknown shape.
    #[error(
        "DER data, but not a key structure this tool reads (PKCS#1, PKCS#8, SEC1, SPKI or X.509)"
    )]
    UnknownDer,
    /// A structure that is malformed (`what`: "PKCS#8 private key").
    #[error("not a valid {what}: {detail}")]
    Invalid {
        /// The structure expected.
        what: &'static str,
        /// What is wrong.
        detail: Malformed,
    },
    /// The crypto backend refused a key (`what`: "RSA private key", "EC P-256 private key").
    #[error("{what} rejected by the crypto backend: {detail}")]
    Rejected {
        /// The key, in words.
        what: String,
        /// The backend's reason.
        detail: String,
    },
    /// A key pair could not be written back to DER.
    #[error("could not re-encode the {0} private key")]
    ReEncode(&'static str),
    /// A stored key could not be read back (export).
    #[error("cannot read the {what}: {detail}")]
    Stored {
        /// "stored private key", "RSA private key".
        what: &'static str,
        /// What is wrong.
        detail: Malformed,
    },

    // ---- algorithms, curves, sizes ----
    /// An RSASSA-PSS-restricted key.
    #[error(
        "this is an RSASSA-PSS-restricted RSA key (OID 1.2.840.113549.1.1.10); convert it to a plain rsaEncryption key, e.g. `openssl rsa -in key.pem -traditional`"
    )]
    RsaPssOid,
    /// An Ed448 key.
    #[error("Ed448 keys are not supported: EdDSA here means Ed25519 (RFC 8037)")]
    Ed448,
    /// An X25519/X448 key offered for signing or verifying.
    #[error("this is a key-agreement key (X25519/X448); it cannot sign or verify JWS")]
    KeyAgreement,
    /// An Ed25519 key offered for JWE, which needs X25519 for key agreement.
    #[error(
        "this is an Ed25519 key, which only signs; JWE key agreement (ECDH-ES) needs an X25519 key"
    )]
    SignOnly,
    /// An X448 key.
    #[error("X448 keys are not supported: the crypto backend has no X448 key agreement")]
    X448,
    /// An X25519 key of the wrong size (`what`: "private key", "public key").
    #[error("an X25519 {what} is 32 bytes; this one has {got}")]
    X25519Size {
        /// Which part.
        what: &'static str,
        /// Its size in bytes.
        got: usize,
    },
    /// An X25519 key whose private and public parts (JWK `d` and `x`) do not belong together.
    #[error("the X25519 key's private and public parts do not belong together")]
    X25519Mismatch,
    /// An ML-DSA key that cannot be read or used (RFC 9964).
    #[error(transparent)]
    MlDsa(super::MlDsaError),
    /// An unknown key algorithm OID.
    #[error("unsupported key algorithm (OID bytes {hex})")]
    UnknownOid {
        /// The OID's DER bytes in hex.
        hex: String,
    },
    /// A secp256k1 key.
    #[error("secp256k1 keys (ES256K) are not supported")]
    Secp256k1,
    /// An unknown named curve.
    #[error("unsupported elliptic curve (OID bytes {hex}); supported: P-256, P-384, P-521")]
    UnknownCurve {
        /// The OID's DER bytes in hex.
        hex: String,
    },
    /// Explicit curve parameters instead of a name.
    #[error("EC key without a named curve; only named curves P-256, P-384 and P-521 are supported")]
    UnnamedCurve,
    /// A compressed EC point.
    #[error("compressed EC points are not supported; export the key uncompressed")]
    CompressedPoint,
    /// An EC point of the wrong size.
    #[error(
        "EC {curve} public point must be {want} bytes starting with 04; this one is {got} bytes"
    )]
    PointSize {
        /// Curve name.
        curve: &'static str,
        /// Expected length.
        want: usize,
        /// Length found.
        got: usize,
    },
    /// An Ed25519 seed of the wrong size.
    #[error("an Ed25519 private key is a 32-byte seed; this one has {0} bytes")]
    EdSeedSize(usize),
    /// An Ed25519 public key of the wrong size.
    #[error("an Ed25519 public key is 32 bytes; this one has {0} bytes")]
    EdPublicSize(usize),
    /// An RSA modulus under 1024 bits.
    #[error(
        "this RSA key is {0} bits: far too small to use (2048 bits is the minimum, RFC 7518 section 3.3)"
    )]
    RsaTooSmall(usize),
    /// An RSA modulus over 8192 bits.
    #[error("this RSA key is {0} bits; the limit is 8192")]
    RsaTooLarge(usize),
    /// A weak RSA key asked to sign.
    #[error(
        "this RSA key has {0} bits; signing needs at least 2048 (the crypto backend refuses weaker keys)"
    )]
    WeakRsaSign(usize),
    /// A weak RSA key asked to verify something other than RS256/RS512.
    #[error(
        "this RSA key has {bits} bits; keys under 2048 bits can only verify RS256 and RS512 (legacy), not {alg}"
    )]
    WeakRsaAlg {
        /// Modulus size.
        bits: usize,
        /// The algorithm asked for.
        alg: JwsAlg,
    },
    /// The key is of the wrong kind for the algorithm.
    #[error("{alg} needs {needs}; this is {is}{hint}")]
    WrongKind {
        /// The algorithm.
        alg: JwsAlg,
        /// What it needs, in words.
        needs: String,
        /// What this key is, in words.
        is: String,
        /// " (it fits RS256, ...)" or " (a public key can only verify)".
        hint: String,
    },
    /// The backend could not use a key that loaded.
    #[error("the key could not be used for {alg}: {detail}")]
    Unusable {
        /// The algorithm.
        alg: JwsAlg,
        /// The backend's reason.
        detail: String,
    },

    // ---- JWK and JWKS ----
    /// JWK text that is not JSON.
    #[error("JWK is not valid JSON at line {line} column {column}: {message}")]
    JwkJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// A JWK without `kty`.
    #[error("the JWK lacks \"kty\" (RSA, EC, OKP, AKP or oct)")]
    JwkNoKty,
    /// A required JWK member is missing.
    #[error("the JWK lacks \"{0}\"")]
    JwkMissing(String),
    /// A JWK member is not base64url.
    #[error("JWK member \"{member}\" is not base64url: {detail}")]
    JwkBase64 {
        /// Member name.
        member: String,
        /// What is wrong.
        detail: B64Error,
    },
    /// A JWK member is not a string.
    #[error("JWK member \"{0}\" must be a string")]
    JwkNotString(String),
    /// An `oct` JWK with an empty `k`.
    #[error("the JWK's secret \"k\" is empty")]
    JwkEmptySecret,
    /// An RSA private JWK without its CRT members.
    #[error("this RSA private JWK lacks {0}: all of n, e, d, p, q, dp, dq, qi are needed")]
    RsaJwkIncomplete(String),
    /// A curve name the workbench does not support.
    #[error("{kty} curve \"{crv}\" is not supported ({supported})")]
    JwkCurve {
        /// "EC" or "OKP".
        kty: &'static str,
        /// The curve named.
        crv: String,
        /// What is supported, in words.
        supported: &'static str,
    },
    /// A JWK without `crv`.
    #[error("the {0} JWK lacks \"crv\"")]
    JwkNoCurve(&'static str),
    /// EC coordinates of the wrong size.
    #[error("{curve} coordinates must be {want} bytes each; x has {x} and y {y}")]
    CoordinateSize {
        /// Curve name.
        curve: &'static str,
        /// Expected length.
        want: usize,
        /// Length of x.
        x: usize,
        /// Length of y.
        y: usize,
    },
    /// Private and public members that do not belong together.
    #[error("{what} JWK rejected: {detail} (do {members} belong together?)")]
    JwkMismatch {
        /// "EC P-256" or "Ed25519".
        what: String,
        /// The backend's reason.
        detail: String,
        /// "d, x and y" or "d and x".
        members: &'static str,
    },
    /// An unsupported `kty`.
    #[error("key type \"{0}\" is not supported (RSA, EC, OKP, AKP and oct are)")]
    Kty(String),
    /// A JWKS entry that is not an object.
    #[error("not an object")]
    JwksEntry,
    /// A JWKS whose `keys` is not an array.
    #[error("a JWKS's \"keys\" must be an array")]
    JwksNotArray,
    /// A JWKS without a usable key (`notes` lists the skipped entries).
    #[error("the JWKS holds no usable key{notes}")]
    JwksEmpty {
        /// " (skipped ...)" or empty.
        notes: String,
    },
    /// No JWKS key has the token's kid.
    #[error("no key in the JWKS has kid \"{kid}\"; kids present: {present}")]
    KidNotFound {
        /// The token's kid.
        kid: String,
        /// The kids in the set, quoted, or "none".
        present: String,
    },
    /// A token without kid against a JWKS of several keys.
    #[error(
        "the token has no kid and the JWKS holds {count} keys ({present}): say which one with a kid"
    )]
    NoKid {
        /// Number of keys in the set.
        count: usize,
        /// The kids in the set.
        present: String,
    },
    /// The token's `kid` is not a string (RFC 7515 section 4.1.4), so no key can be looked up.
    #[error(
        "the token's kid is {0}, not a string (RFC 7515 section 4.1.4), so no key can be looked up by it"
    )]
    KidNotString(String),
    /// The JWK says which algorithm it is for, and the token uses another (RFC 8725bis
    /// section 3.1: each key is used with exactly one algorithm).
    #[error(
        "the key's JWK says \"alg\": \"{key_alg}\", but the token uses {alg}; a key is used with the one algorithm it names (RFC 7517 section 4.4, RFC 8725bis section 3.1)"
    )]
    JwkAlg {
        /// The JWK's `alg` member (escaped).
        key_alg: String,
        /// The algorithm asked for.
        alg: JwsAlg,
    },
    /// The JWK's `use` is not `sig` (RFC 7517 section 4.2).
    #[error(
        "the key's JWK says \"use\": \"{0}\", so it must not {1} signatures (RFC 7517 section 4.2)"
    )]
    JwkUse(String, &'static str),
    /// The JWK's `key_ops` does not list the operation (RFC 7517 section 4.3).
    #[error(
        "the key's JWK has \"key_ops\": [{listed}], which does not include \"{op}\" (RFC 7517 section 4.3)"
    )]
    JwkKeyOps {
        /// The operations the JWK lists, quoted (escaped).
        listed: String,
        /// "sign" or "verify".
        op: &'static str,
    },
    /// A file that parsed but held nothing usable.
    #[error("no usable key found")]
    NoUsableKey,

    // ---- HMAC secrets ----
    /// An empty secret.
    #[error("the secret is empty")]
    SecretEmpty,
    /// A secret in the base64 encoding that is not base64.
    #[error("the base64 secret is {0}")]
    SecretBase64(B64Error),
    /// A secret in the hex encoding that is not hex.
    #[error("the hex secret is not valid: {0}")]
    SecretHex(B64Error),
    /// A key given as an HMAC secret: the key-confusion attack.
    #[error(
        "this secret is {0}, not an HMAC secret: load it as a key instead. Using a key as an HMAC secret is the key-confusion attack (CVE-2022-29217), so it is refused"
    )]
    SecretIsKey(String),

    // ---- export and generation ----
    /// An HMAC secret asked for a public form.
    #[error("an HMAC secret has no public key; export it as a JWK with its secret")]
    NoPublicPart,
    /// A public key asked for its private part.
    #[error("{0} has no private part to export")]
    NoPrivatePart(String),
    /// The backend failed to generate a key.
    #[error("the crypto backend could not generate {0}")]
    Generate(&'static str),
    /// An RSA size generation does not offer.
    #[error("RSA keys can be 2048, 3072 or 4096 bits here, not {0}")]
    GenerateSize(usize),
}

/// What is wrong inside a key structure that is DER at least in part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Malformed {
    /// The DER itself.
    #[error(transparent)]
    Der(#[from] DerError),
    /// A member the structure needs is missing or of the wrong type ("too few members").
    #[error("{0}")]
    Shape(&'static str),
    /// A SEC1 key that names no curve, with a private key of a size no supported curve has.
    #[error("no curve named and a {0}-byte private key matches none")]
    CurveBySize(usize),
}

impl From<&'static str> for Malformed {
    fn from(shape: &'static str) -> Malformed {
        Malformed::Shape(shape)
    }
}

/// The error builder for DER problems inside one structure (`what`: "PKCS#8 private key").
pub(crate) fn malformed(what: &'static str) -> impl Fn(DerError) -> KeyError {
    move |e| KeyError::invalid(what, e)
}

impl KeyError {
    /// A malformed key structure (`what`: "PKCS#8 private key").
    pub fn invalid(what: &'static str, detail: impl Into<Malformed>) -> KeyError {
        KeyError::Invalid {
            what,
            detail: detail.into(),
        }
    }

    /// The same error, said to be inside a PEM block with this label.
    pub fn in_block(self, label: &str) -> KeyError {
        KeyError::InBlock {
            label: label.to_string(),
            source: Box::new(self),
        }
    }

    /// True when the error is only that no key was given (not that a given key is bad).
    pub fn is_missing(&self) -> bool {
        matches!(
            self,
            KeyError::Missing { .. } | KeyError::NoSecret | KeyError::Empty
        )
    }
}
