//! Why a fetch (or a pasted response) was refused: each message names the rule and, where
//! there is one, the flag that relaxes it.

use std::net::IpAddr;

/// Why a fetch or a pasted response was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// A URL that does not read.
    #[error("not a usable URL: {detail}")]
    BadUrl {
        /// What is wrong.
        detail: String,
    },
    /// Not https (or plain http without the loopback flag).
    #[error(
        "refused {url}: only https URLs are fetched (plain http only to a loopback address, with --allow-http-loopback)"
    )]
    NotHttps {
        /// The URL.
        url: String,
    },
    /// Plain http to something other than loopback.
    #[error(
        "refused http://{host}: it resolves to {addr}, not a loopback address; plain http goes only to this machine"
    )]
    HttpNotLoopback {
        /// The host.
        host: String,
        /// The address.
        addr: IpAddr,
    },
    /// A host that resolves to an address the rules keep out.
    #[error(
        "refused {host}: it resolves to {addr}, {class}; such addresses are not fetched (SSRF, RFC 8725bis section 3.10); --allow-private allows them"
    )]
    PrivateAddress {
        /// The host.
        host: String,
        /// The address.
        addr: IpAddr,
        /// Its class in words.
        class: &'static str,
    },
    /// DNS gave no answer.
    #[error("cannot resolve {host}: {detail}")]
    Resolve {
        /// The host.
        host: String,
        /// What the resolver said.
        detail: String,
    },
    /// The time limit ran out.
    #[error("stopped after {seconds} s, the time limit, while {during}; nothing was kept")]
    Timeout {
        /// The limit, in seconds (fractions shown).
        seconds: String,
        /// What was under way.
        during: &'static str,
    },
    /// The body is over the limit.
    #[error("the response from {url} is over {limit} bytes (1 MiB), the limit; nothing was kept")]
    TooLarge {
        /// Where from.
        url: String,
        /// The limit.
        limit: usize,
    },
    /// Too many redirects.
    #[error("more than {limit} redirects, the limit; stopped at {url}")]
    TooManyRedirects {
        /// The limit.
        limit: usize,
        /// The last URL.
        url: String,
    },
    /// A redirect to another host, port or scheme.
    #[error(
        "refused the redirect from {from} to {to}: only redirects to the same host and port over https are followed"
    )]
    RedirectElsewhere {
        /// Where it came from.
        from: String,
        /// Where it pointed.
        to: String,
    },
    /// A redirect without a usable Location.
    #[error("{url} answered {status} without a usable Location")]
    RedirectNoLocation {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// A status other than 200.
    #[error("{url} answered HTTP {status}; nothing was kept")]
    Status {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// Connecting, TLS or the exchange failed.
    #[error("cannot fetch {url}: {detail}")]
    Connect {
        /// The URL.
        url: String,
        /// What failed.
        detail: String,
    },
    /// The user cancelled.
    #[error("cancelled; nothing was kept")]
    Cancelled,
    /// The `--cacert` file does not read.
    #[error("the extra root certificates: {0}")]
    Roots(String),
    /// The discovery document names another issuer.
    #[error(
        "the discovery document's issuer is \"{found}\", not \"{expected}\": refused (OpenID Connect Discovery 1.0 section 4.3: they must be identical)"
    )]
    IssuerMismatch {
        /// The issuer expected (the token's iss, or the URL's prefix).
        expected: String,
        /// The issuer found.
        found: String,
    },
    /// The discovery document lacks a member.
    #[error(
        "the discovery document has no string \"{member}\" (OpenID Connect Discovery 1.0 section 3)"
    )]
    DiscoveryMissing {
        /// The member.
        member: &'static str,
    },
    /// `jwks_uri` is not https.
    #[error(
        "the discovery document's jwks_uri \"{uri}\" is not https: refused (OpenID Connect Discovery 1.0 section 3)"
    )]
    JwksUriNotHttps {
        /// The URI.
        uri: String,
    },
    /// A response that is not what was expected.
    #[error("{what} is not readable: {detail}")]
    NotReadable {
        /// "the JWKS", "the discovery document".
        what: &'static str,
        /// Why.
        detail: String,
    },
    /// A token without the claim or header member named.
    #[error("the token has no {what}: {hint}")]
    NoSource {
        /// "iss", "jku".
        what: &'static str,
        /// What to do.
        hint: &'static str,
    },
    /// This build has no network client.
    #[error(
        "this build has no network client (built without the fetch feature): copy the curl command, run it where you trust the network, and paste the response"
    )]
    NotBuilt,
}
