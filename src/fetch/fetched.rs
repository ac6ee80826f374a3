//! What a fetch brings back, in every build (the window and the command line show it): the
//! responses with their TLS facts, the keys, and the stop button. Only `client.rs` fills
//! them, and only with the `fetch` feature.

use super::{FetchError, FetchedKeys, Url};
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What the server's TLS certificate says, as shown beside the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFacts {
    /// The server certificate's subject.
    pub subject: String,
    /// Its issuer.
    pub issuer: String,
    /// End of its validity (seconds since 1970).
    pub not_after: i64,
    /// Its subject alternative names.
    pub san: Vec<String>,
}

/// One response, as received and kept (in memory only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL asked for.
    pub url: Url,
    /// The URL that answered (after redirects, all on the same host).
    pub final_url: Url,
    /// The addresses the host resolved to, all checked, the ones connected to.
    pub addresses: Vec<IpAddr>,
    /// The server certificate, for https.
    pub tls: Option<TlsFacts>,
    /// When it arrived (seconds since 1970, the machine's clock).
    pub fetched_at: i64,
    /// The body, at most the body limit.
    pub body: Vec<u8>,
}

/// A stop button for a fetch under way in another thread: it aborts the connection at once.
#[derive(Clone, Default)]
pub struct Cancel {
    stopped: Arc<AtomicBool>,
    hook: Arc<Mutex<Option<StopHook>>>,
}

/// What stops the connection under way.
type StopHook = Box<dyn FnOnce() + Send>;

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cancel({})", self.is_cancelled())
    }
}

impl Cancel {
    /// Stops the fetch (and any later one given this handle).
    pub fn cancel(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        if let Some(stop) = self.hook.lock().ok().and_then(|mut h| h.take()) {
            stop();
        }
    }

    /// True once [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// Sets what stops the connection under way; refused once cancelled.
    #[cfg_attr(
        not(feature = "fetch"),
        expect(dead_code, reason = "only the client connects")
    )]
    pub(super) fn attach(&self, stop: StopHook) -> Result<(), FetchError> {
        if let Ok(mut slot) = self.hook.lock() {
            *slot = Some(stop);
        }
        if self.is_cancelled() {
            return Err(FetchError::Cancelled);
        }
        Ok(())
    }
}

/// What fetching keys brought: each response in order (a discovery document, then the JWKS),
/// and the keys, every one listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysFetch {
    /// The responses, in the order fetched.
    pub steps: Vec<Fetched>,
    /// The keys of the last one.
    pub keys: FetchedKeys,
}
