//! The build without the `fetch` feature: the same calls, each refusing with
//! [`FetchError::NotBuilt`] before anything is resolved or sent (there is no client to send
//! with). The plan, the curl command and pasted responses still work.

use super::{Cancel, FetchError, Fetched, KeysFetch, Options, Source, Url};
use std::net::IpAddr;

/// Refuses: this build resolves nothing.
pub fn resolve(_url: &Url, _opts: &Options) -> Result<Vec<IpAddr>, FetchError> {
    Err(FetchError::NotBuilt)
}

/// Refuses: this build has no HTTP client.
pub fn get(_url: &Url, _opts: &Options, _cancel: &Cancel) -> Result<Fetched, FetchError> {
    Err(FetchError::NotBuilt)
}

/// Refuses: this build has no HTTP client.
pub fn fetch_keys(
    _source: &Source,
    _opts: &Options,
    _cancel: &Cancel,
) -> Result<KeysFetch, FetchError> {
    Err(FetchError::NotBuilt)
}
