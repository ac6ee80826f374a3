//! Looking up a host's addresses for a fetch (a DNS query: nothing goes to the host), checked
//! against the rules before any connection, within the fetch's time limit and its Cancel: the
//! system resolver has no time limit of its own, so it runs on its own thread.

use super::{Cancel, FetchError, Options, Url, check_addresses, check_scheme};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Asks DNS for `url`'s host (nothing is sent to the host) and checks every address against
/// the rules: the addresses a fetch would connect to. The lookup counts against the time
/// limit like the rest of a fetch.
pub fn resolve(url: &Url, opts: &Options) -> Result<Vec<IpAddr>, FetchError> {
    let deadline = Instant::now() + opts.limits.timeout;
    resolve_by(url, opts, deadline, &Cancel::default())
}

pub(super) fn resolve_by(
    url: &Url,
    opts: &Options,
    deadline: Instant,
    cancel: &Cancel,
) -> Result<Vec<IpAddr>, FetchError> {
    check_scheme(url, opts)?;
    let addrs: Vec<IpAddr> = match url.ip() {
        Some(ip) => vec![ip],
        None => {
            let target = (url.host.clone(), url.port);
            let found = bounded(
                move || target.to_socket_addrs().map(Iterator::collect),
                deadline,
                cancel,
                opts,
            )?
            .map_err(|e| FetchError::Resolve {
                host: url.host.clone(),
                detail: e.to_string(),
            })?;
            let mut ips: Vec<IpAddr> = found.iter().map(SocketAddr::ip).collect();
            ips.dedup();
            ips
        }
    };
    check_addresses(url, &addrs, opts)?;
    Ok(addrs)
}

/// Runs a blocking lookup on its own thread and waits for it until `deadline` or a cancel:
/// the system resolver has no time limit of its own. A lookup given up on finishes alone.
fn bounded(
    lookup: impl FnOnce() -> std::io::Result<Vec<SocketAddr>> + Send + 'static,
    deadline: Instant,
    cancel: &Cancel,
    opts: &Options,
) -> Result<std::io::Result<Vec<SocketAddr>>, FetchError> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("dns lookup".into())
        .spawn(move || {
            let _ = tx.send(lookup());
        })
        .map_err(|e| FetchError::Resolve {
            host: String::new(),
            detail: format!("could not start the lookup: {e}"),
        })?;
    loop {
        if cancel.is_cancelled() {
            return Err(FetchError::Cancelled);
        }
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| FetchError::Timeout {
                seconds: format!("{}", opts.limits.timeout.as_secs_f32()),
                during: "looking up the host's addresses",
            })?;
        match rx.recv_timeout(left.min(Duration::from_millis(100))) {
            Ok(found) => return Ok(found),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Ok(Err(std::io::Error::other(
                    "the lookup stopped without an answer",
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_that_hangs_is_cut_at_the_time_limit_and_on_cancel() {
        let opts = Options::default();
        let slow = || {
            std::thread::sleep(Duration::from_secs(5));
            Ok(Vec::new())
        };
        let started = Instant::now();
        let deadline = started + Duration::from_millis(300);
        let e = bounded(slow, deadline, &Cancel::default(), &opts).unwrap_err();
        assert!(matches!(e, FetchError::Timeout { .. }), "{e}");
        assert!(
            e.to_string().contains("looking up the host's addresses"),
            "{e}"
        );
        assert!(started.elapsed() < Duration::from_secs(3));

        let cancel = Cancel::default();
        cancel.cancel();
        let far = Instant::now() + Duration::from_secs(60);
        let e = bounded(slow, far, &cancel, &opts).unwrap_err();
        assert!(matches!(e, FetchError::Cancelled), "{e}");

        let quick = || Ok(vec![SocketAddr::from(([127, 0, 0, 1], 443))]);
        let found = bounded(quick, far, &Cancel::default(), &opts)
            .unwrap()
            .unwrap();
        assert_eq!(found.len(), 1);
    }
}
