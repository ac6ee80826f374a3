//! The families of attack the lab makes, with their stable slugs and titles.

/// The families of attack, in the order the lab lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// `alg` set to none in four spellings.
    AlgNone,
    /// The signature segment emptied.
    NullSignature,
    /// HS256 with an empty secret.
    EmptyKey,
    /// HS256/384/512 keyed with the server's public key.
    KeyConfusion,
    /// An attacker key embedded as `jwk`.
    EmbeddedJwk,
    /// `jku` or `x5u` pointing at an attacker URL.
    KeyUrl,
    /// A self-signed certificate in `x5c`.
    X5c,
    /// `kid` used as an injection vector.
    KidInjection,
    /// ECDSA-specific signatures: psychic (r = s = 0) and malleable (n - s).
    Ecdsa,
    /// ML-DSA (RFC 9964): signatures and labels of another algorithm, keys of the wrong size
    /// or mismatched pairs; ES256 tokens re-labelled ML-DSA.
    PostQuantum,
    /// Claims changed while the old signature is kept.
    ClaimTampering,
    /// DPoP proofs (RFC 9449) that break one rule of section 4.3 each, judged by the DPoP
    /// checker: made when the token is a proof (`typ` `dpop+jwt`).
    Dpop,
    /// SD-JWT presentations (RFC 9901) that break one rule of sections 7.1 and 7.3 each,
    /// judged by the SD-JWT verifier: made when the input is an SD-JWT.
    SdJwt,
}

impl Group {
    /// A stable kebab-case name (the JSON `group`).
    pub fn slug(self) -> &'static str {
        match self {
            Group::AlgNone => "alg-none",
            Group::NullSignature => "null-signature",
            Group::EmptyKey => "empty-hmac-key",
            Group::KeyConfusion => "key-confusion",
            Group::EmbeddedJwk => "embedded-jwk",
            Group::KeyUrl => "jku-x5u",
            Group::X5c => "x5c",
            Group::KidInjection => "kid-injection",
            Group::Ecdsa => "ecdsa",
            Group::PostQuantum => "ml-dsa",
            Group::ClaimTampering => "claim-tampering",
            Group::Dpop => "dpop",
            Group::SdJwt => "sd-jwt",
        }
    }

    /// A title for people.
    pub fn title(self) -> &'static str {
        match self {
            Group::AlgNone => "alg none",
            Group::NullSignature => "Null signature",
            Group::EmptyKey => "Empty HMAC key",
            Group::KeyConfusion => "Key confusion",
            Group::EmbeddedJwk => "Embedded jwk",
            Group::KeyUrl => "jku and x5u",
            Group::X5c => "x5c certificate",
            Group::KidInjection => "kid injection",
            Group::Ecdsa => "ECDSA",
            Group::PostQuantum => "ML-DSA (post-quantum)",
            Group::ClaimTampering => "Claim tampering",
            Group::Dpop => "DPoP proofs",
            Group::SdJwt => "SD-JWT presentations",
        }
    }
}
