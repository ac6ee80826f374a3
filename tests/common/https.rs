//! A local HTTPS (or plain HTTP) server on 127.0.0.1 for the fetch tests: a CA made at test
//! time, a std TcpListener and a rustls ServerConnection per connection, fixed replies by
//! path. It counts connections and keeps each request's head, so tests can check that
//! nothing was sent, or exactly what was.

use super::pki;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server answers on a path.
#[derive(Clone)]
pub enum Reply {
    /// 200 with this body (application/json).
    Body(Vec<u8>),
    /// A redirect (302) to this Location.
    Redirect(String),
    /// This status, no body.
    Status(u16),
    /// Reads the request, then says nothing for 30 s.
    Stall,
    /// 200 with this body, after waiting this long.
    Late(Duration, Vec<u8>),
}

/// A running server.
pub struct Server {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// The CA that issued its certificate, PEM (give it as --cacert).
    pub ca_pem: String,
    /// The CA's DER.
    pub ca_der: Vec<u8>,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// `https://127.0.0.1:PORT{path}` (or http for a plain server).
    pub fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{path}", self.port)
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Each request's head (request line and headers), in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn tls_config(ca: &pki::Ca) -> Arc<ServerConfig> {
    let (cert, key) = pki::server_cert(ca);
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert)],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
        )
        .unwrap();
    Arc::new(config)
}

/// Starts a server answering the routes `routes(port)` gives (path -> reply; anything else
/// 404); `tls` false makes a plain HTTP one.
pub fn serve(routes: impl FnOnce(u16) -> Vec<(String, Reply)>, tls: bool) -> Server {
    let ca = pki::root("fetch test CA", (2020, 2040));
    let config = tls_config(&ca);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let routes = routes(port);
    let connections = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (count, log) = (connections.clone(), requests.clone());
    let routes = Arc::new(routes);
    named("test https server", move || {
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            let (config, routes, log) = (config.clone(), routes.clone(), log.clone());
            named("test https connection", move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
                if tls {
                    let Ok(conn) = ServerConnection::new(config) else {
                        return;
                    };
                    answer(StreamOwned::new(conn, stream), &routes, &log);
                } else {
                    answer(stream, &routes, &log);
                }
            });
        }
    });
    Server {
        port,
        ca_pem: pki::pem_of(ca.der()),
        ca_der: ca.der().to_vec(),
        connections,
        requests,
    }
}

/// Starts a named thread (clippy refuses bare spawns).
pub fn named<T: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::thread::JoinHandle<T> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(f)
        .unwrap()
}

fn answer<S: Read + Write>(mut s: S, routes: &[(String, Reply)], log: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16384 {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split(' ').nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(head);
    let reply = routes
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, r)| r.clone());
    let reply = match reply {
        Some(Reply::Late(wait, body)) => {
            std::thread::sleep(wait);
            Some(Reply::Body(body))
        }
        other => other,
    };
    let out = match reply {
        Some(Reply::Body(body)) => {
            let mut out = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            out.extend_from_slice(&body);
            out
        }
        Some(Reply::Redirect(to)) => format!(
            "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .into_bytes(),
        Some(Reply::Status(code)) => {
            format!("HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .into_bytes()
        }
        Some(Reply::Stall | Reply::Late(..)) => {
            std::thread::sleep(Duration::from_secs(30));
            return;
        }
        None => {
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
    };
    let _ = s.write_all(&out);
    let _ = s.flush();
}

/// A listener nobody should contact: for "no connection" checks of commands that must not
/// fetch (a jku pointing at it). Non-blocking, on 127.0.0.1.
pub fn listener() -> (TcpListener, u16) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.set_nonblocking(true).unwrap();
    let port = l.local_addr().unwrap().port();
    (l, port)
}

/// Whether anyone connected to `l` (non-blocking).
pub fn was_contacted(l: &TcpListener) -> bool {
    l.accept().is_ok()
}
