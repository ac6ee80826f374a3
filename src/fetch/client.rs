//! The one place a connection is opened: ureq (no TLS of its own, no cookies, no gzip) over
//! the rustls connector of `tls.rs`. The host is resolved and every address checked first,
//! and the connection goes to those very addresses (a resolver that answers only with them);
//! redirects are followed here, not by ureq, so that each one is checked.

use super::lookup::resolve_by;
use super::tls::{TlsConnector, client_config};
use super::{
    ACCEPT, Cancel, FetchError, Fetched, KeysFetch, Options, Scheme, Source, TlsFacts, USER_AGENT,
    Url, jwks_uri_of, proxy_from_env, read_key_set,
};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use ureq::Agent;
use ureq::config::{AutoHeaderValue, Config};
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{ConnectProxyConnector, Connector, NextTimeout, TcpConnector};

/// A resolver that answers only with the addresses already checked (and, through a proxy
/// from `HTTPS_PROXY`, the proxy's own).
#[derive(Debug)]
struct Pinned {
    host: String,
    addrs: Vec<SocketAddr>,
    proxy_host: Option<String>,
}

impl Resolver for Pinned {
    fn resolve(
        &self,
        uri: &Uri,
        _config: &Config,
        _timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default();
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let mut out = self.empty();
        if host.eq_ignore_ascii_case(&self.host) {
            for addr in &self.addrs {
                out.try_push(*addr).map_err(|_| ureq::Error::HostNotFound)?;
            }
        } else if self.proxy_host.as_deref() == Some(host) {
            let port = uri.port_u16().unwrap_or(80);
            for addr in (host, port).to_socket_addrs()? {
                out.try_push(addr).map_err(|_| ureq::Error::HostNotFound)?;
            }
        }
        if out.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        Ok(out)
    }
}

fn agent_for(
    url: &Url,
    addrs: &[IpAddr],
    opts: &Options,
    facts: Arc<Mutex<Option<TlsFacts>>>,
) -> Result<Agent, FetchError> {
    let proxy = match proxy_from_env() {
        Some(p) => Some(ureq::Proxy::new(&p).map_err(|e| FetchError::Connect {
            url: url.to_string(),
            detail: format!("HTTPS_PROXY is not usable: {e}"),
        })?),
        None => None,
    };
    let config = Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .https_only(url.scheme == Scheme::Https)
        .proxy(proxy.clone())
        .user_agent(USER_AGENT)
        .accept(ACCEPT)
        .accept_encoding(AutoHeaderValue::None)
        .save_redirect_history(false)
        .build();
    let tls = TlsConnector {
        config: client_config(&opts.extra_roots)?,
        facts,
    };
    let connector =
        ().chain(ConnectProxyConnector::default())
            .chain(TcpConnector::default())
            .chain(tls);
    let resolver = Pinned {
        host: url.host.clone(),
        addrs: addrs
            .iter()
            .map(|ip| SocketAddr::new(*ip, url.port))
            .collect(),
        proxy_host: proxy.map(|p| p.host().to_string()),
    };
    Ok(Agent::with_parts(config, connector, resolver))
}

fn failure(e: ureq::Error, url: &Url, opts: &Options, cancel: &Cancel) -> FetchError {
    if cancel.is_cancelled() {
        return FetchError::Cancelled;
    }
    match e {
        ureq::Error::Timeout(_) => FetchError::Timeout {
            seconds: format!("{}", opts.limits.timeout.as_secs_f32()),
            during: "fetching",
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url: url.to_string(),
            limit: opts.limits.max_body,
        },
        other => FetchError::Connect {
            url: url.to_string(),
            detail: other.to_string(),
        },
    }
}

fn remaining(deadline: Instant, opts: &Options) -> Result<Duration, FetchError> {
    deadline
        .checked_duration_since(Instant::now())
        .filter(|d| !d.is_zero())
        .ok_or_else(|| FetchError::Timeout {
            seconds: format!("{}", opts.limits.timeout.as_secs_f32()),
            during: "fetching",
        })
}

/// GETs `url` under every rule: scheme, addresses, redirects, size, time. `cancel` can stop it
/// from another thread.
pub fn get(url: &Url, opts: &Options, cancel: &Cancel) -> Result<Fetched, FetchError> {
    get_until(url, opts, cancel, Instant::now() + opts.limits.timeout)
}

/// [`get`] within a deadline shared with the other requests of the same fetch.
fn get_until(
    url: &Url,
    opts: &Options,
    cancel: &Cancel,
    deadline: Instant,
) -> Result<Fetched, FetchError> {
    let addresses = resolve_by(url, opts, deadline, cancel)?;
    let facts = Arc::new(Mutex::new(None));
    let agent = agent_for(url, &addresses, opts, facts.clone())?;
    let stopper = agent.clone();
    cancel.attach(Box::new(move || stopper.shutdown()))?;
    let mut current = url.clone();
    let mut redirects = 0;
    loop {
        let response = agent
            .get(current.to_string())
            .config()
            .timeout_global(Some(remaining(deadline, opts)?))
            .build()
            .call()
            .map_err(|e| failure(e, &current, opts, cancel))?;
        let status = response.status().as_u16();
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| FetchError::RedirectNoLocation {
                    url: current.to_string(),
                    status,
                })?;
            let next = current.join(location)?;
            if next.scheme != Scheme::Https || next.host != url.host || next.port != url.port {
                return Err(FetchError::RedirectElsewhere {
                    from: current.to_string(),
                    to: next.to_string(),
                });
            }
            if redirects >= opts.limits.max_redirects {
                return Err(FetchError::TooManyRedirects {
                    limit: opts.limits.max_redirects,
                    url: next.to_string(),
                });
            }
            redirects += 1;
            current = next;
            continue;
        }
        if status != 200 {
            return Err(FetchError::Status {
                url: current.to_string(),
                status,
            });
        }
        let limit = u64::try_from(opts.limits.max_body).unwrap_or(u64::MAX);
        let body = response
            .into_body()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| failure(e, &current, opts, cancel))?;
        let tls = facts.lock().ok().and_then(|f| f.clone());
        return Ok(Fetched {
            url: url.clone(),
            final_url: current,
            addresses,
            tls,
            fetched_at: unix_now(),
            body,
        });
    }
}

pub(super) fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Fetches the keys `source` names: a JWKS directly, or a discovery document (its `issuer`
/// checked, its `jwks_uri` https) and then the JWKS it names, under the same rules.
pub fn fetch_keys(
    source: &Source,
    opts: &Options,
    cancel: &Cancel,
) -> Result<KeysFetch, FetchError> {
    // One time limit for the whole fetch: discovery and the JWKS it names share it.
    let deadline = Instant::now() + opts.limits.timeout;
    let first = get_until(source.first_url(), opts, cancel, deadline)?;
    let mut steps = Vec::new();
    let jwks = match source.issuer() {
        Some(issuer) => {
            let uri = jwks_uri_of(&first.body, issuer)?;
            steps.push(first);
            get_until(&uri, opts, cancel, deadline)?
        }
        None => first,
    };
    let keys = read_key_set(&jwks.body)?;
    steps.push(jwks);
    Ok(KeysFetch { steps, keys })
}
