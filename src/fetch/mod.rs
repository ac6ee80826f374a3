//! Keys from elsewhere: JWKS and OpenID discovery documents, fetched only when the user asks,
//! after the plan of what will be sent is shown. The one module that may open a connection,
//! and only with the `fetch` feature (on by default): without it, the plan, the curl command
//! and a pasted response still work, and no HTTP or TLS client is built.
//!
//! Rules (each with a test): https only (plain http only to a loopback address, with
//! [`Options::allow_http_loopback`]); a host that resolves to a loopback, private, link-local
//! or unique-local address is refused unless [`Options::allow_private`] (RFC 8725bis section
//! 3.10); the connection goes to the very addresses checked (no second DNS answer between the
//! check and the connection); at most [`MAX_BODY`] bytes, [`TIMEOUT`] in all, at most
//! [`MAX_REDIRECTS`] redirects and only to the same host and port over https; a discovery
//! document's `issuer` must equal the expected issuer exactly and its `jwks_uri` must be https
//! (OpenID Connect Discovery 1.0 section 4.3). What is sent: a GET with a `User-Agent` and an
//! `Accept` header, no body, no token, no cookie, no credentials. Nothing is written to disk.

mod address;
#[cfg(feature = "fetch")]
mod client;
mod documents;
mod error;
mod fetched;
#[cfg(feature = "fetch")]
mod lookup;
#[cfg(not(feature = "fetch"))]
mod offline;
mod plan;
#[cfg(feature = "fetch")]
mod tls;
mod url;

pub use address::{AddrClass, classify};
#[cfg(feature = "fetch")]
pub use client::{fetch_keys, get};
pub use documents::{
    FetchedKeys, KeyRow, Pasted, discovery_url, jwks_uri_of, read_key_set, read_pasted,
};
pub use error::FetchError;
pub use fetched::{Cancel, Fetched, KeysFetch, TlsFacts};
#[cfg(feature = "fetch")]
pub use lookup::resolve;
#[cfg(not(feature = "fetch"))]
pub use offline::{fetch_keys, get, resolve};
pub use plan::{Plan, Source, curl_command, proxy_from_env, request_lines};
pub use url::{Scheme, Url};

use std::net::IpAddr;
use std::time::Duration;

/// Largest response body kept, in bytes (1 MiB): a JWKS is a few kilobytes.
pub const MAX_BODY: usize = 1 << 20;
/// How long one fetch may take in all, redirects and DNS included.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Most redirects followed (same host and port, https).
pub const MAX_REDIRECTS: usize = 3;
/// The `User-Agent` sent: the program and its version, nothing else.
pub const USER_AGENT: &str = concat!("jwt-workbench/", env!("CARGO_PKG_VERSION"));
/// The `Accept` sent.
pub const ACCEPT: &str = "application/json, application/jwk-set+json";

/// True when this build can fetch (the `fetch` feature).
pub const CAN_FETCH: bool = cfg!(feature = "fetch");

/// The limits of one fetch. Defaults: [`MAX_BODY`], [`TIMEOUT`], [`MAX_REDIRECTS`]; only
/// tighter ones are taken ([`Limits::tighter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest body, in bytes.
    pub max_body: usize,
    /// Time for the whole fetch.
    pub timeout: Duration,
    /// Most redirects.
    pub max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: MAX_BODY,
            timeout: TIMEOUT,
            max_redirects: MAX_REDIRECTS,
        }
    }
}

impl Limits {
    /// The default limits with a shorter timeout (tests, impatient scripts); a longer one is
    /// not taken.
    pub fn tighter(timeout: Duration) -> Limits {
        Limits {
            timeout: timeout.min(TIMEOUT),
            ..Limits::default()
        }
    }
}

/// What the user allowed beyond the defaults, and whom TLS trusts besides the system.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Allow hosts that resolve to loopback, private, link-local or unique-local addresses
    /// (`--allow-private`).
    pub allow_private: bool,
    /// Allow plain `http://` to a host that resolves only to loopback addresses
    /// (`--allow-http-loopback`).
    pub allow_http_loopback: bool,
    /// Extra trusted root certificates, DER (`--cacert FILE`), besides the system's.
    pub extra_roots: Vec<Vec<u8>>,
    /// The limits.
    pub limits: Limits,
}

/// Refuses a URL's scheme when the rules do not allow it (before anything is resolved).
pub fn check_scheme(url: &Url, opts: &Options) -> Result<(), FetchError> {
    match url.scheme {
        Scheme::Https => Ok(()),
        Scheme::Http if opts.allow_http_loopback => Ok(()),
        Scheme::Http => Err(FetchError::NotHttps {
            url: url.to_string(),
        }),
    }
}

/// Refuses addresses the rules do not allow for `url`: with http, anything but loopback;
/// with https, anything but public addresses unless private ones are allowed.
pub fn check_addresses(url: &Url, addrs: &[IpAddr], opts: &Options) -> Result<(), FetchError> {
    if addrs.is_empty() {
        return Err(FetchError::Resolve {
            host: url.host.clone(),
            detail: "no address".into(),
        });
    }
    for ip in addrs {
        let class = classify(*ip);
        match url.scheme {
            Scheme::Http if class == AddrClass::Loopback && opts.allow_http_loopback => {}
            Scheme::Http => {
                return Err(FetchError::HttpNotLoopback {
                    host: url.host.clone(),
                    addr: *ip,
                });
            }
            Scheme::Https if class == AddrClass::Public => {}
            Scheme::Https if opts.allow_private && class != AddrClass::NotADestination => {}
            Scheme::Https => {
                return Err(FetchError::PrivateAddress {
                    host: url.host.clone(),
                    addr: *ip,
                    class: class.words(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_follow_the_flags() {
        let https = Url::parse("https://idp.example/jwks").unwrap();
        let http = Url::parse("http://localhost:8080/jwks").unwrap();
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let private: IpAddr = "10.0.0.7".parse().unwrap();
        let public: IpAddr = "93.184.216.34".parse().unwrap();
        let none = Options::default();
        let private_ok = Options {
            allow_private: true,
            ..Options::default()
        };
        let http_ok = Options {
            allow_http_loopback: true,
            ..Options::default()
        };
        assert!(check_addresses(&https, &[public], &none).is_ok());
        assert!(check_addresses(&https, &[public, private], &none).is_err());
        assert!(check_addresses(&https, &[lo], &none).is_err());
        assert!(check_addresses(&https, &[lo], &private_ok).is_ok());
        assert!(check_scheme(&http, &none).is_err());
        assert!(check_scheme(&http, &http_ok).is_ok());
        assert!(check_addresses(&http, &[lo], &http_ok).is_ok());
        assert!(check_addresses(&http, &[private], &http_ok).is_err());
        assert!(check_addresses(&http, &[lo], &private_ok).is_err());
        let unspecified: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(check_addresses(&https, &[unspecified], &private_ok).is_err());
    }
}
