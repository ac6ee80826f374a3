//! TLS for the fetch: rustls on the aws-lc-rs provider, trusting the operating system's root
//! certificates (rustls-native-certs) and any extra roots the user gave (`--cacert`), plugged
//! into ureq as its TLS connector so that the server certificate's subject and expiry can be
//! shown with the keys.

use super::{FetchError, TlsFacts};
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, OnceLock};
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport,
    TransportAdapter,
};

/// The system's roots, read once per process.
fn system_roots() -> &'static [CertificateDer<'static>] {
    static ROOTS: OnceLock<Vec<CertificateDer<'static>>> = OnceLock::new();
    ROOTS.get_or_init(|| rustls_native_certs::load_native_certs().certs)
}

/// The client configuration: aws-lc-rs, TLS 1.2 and 1.3, the system's roots and `extra`.
pub(super) fn client_config(extra: &[Vec<u8>]) -> Result<Arc<ClientConfig>, FetchError> {
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(system_roots().iter().cloned());
    for (i, der) in extra.iter().enumerate() {
        roots.add(CertificateDer::from(der.clone())).map_err(|e| {
            FetchError::Roots(format!(
                "certificate {} is not usable as a root: {e}",
                i + 1
            ))
        })?;
    }
    if roots.is_empty() {
        return Err(FetchError::Roots(
            "no trusted root certificate was found on this system; give one with --cacert FILE"
                .into(),
        ));
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| FetchError::Roots(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// ureq's TLS step: wraps the TCP transport in rustls and records the server's certificate.
pub(super) struct TlsConnector {
    pub(super) config: Arc<ClientConfig>,
    pub(super) facts: Arc<Mutex<Option<TlsFacts>>>,
}

impl std::fmt::Debug for TlsConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsConnector")
    }
}

fn io_error(e: impl std::fmt::Display) -> ureq::Error {
    ureq::Error::Io(std::io::Error::other(e.to_string()))
}

impl<In: Transport> Connector<In> for TlsConnector {
    type Out = Either<In, TlsTransport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(transport) = chained else {
            return Ok(None);
        };
        if !details.needs_tls() || transport.is_tls() {
            return Ok(Some(Either::A(transport)));
        }
        let host = details
            .uri
            .host()
            .map(|h| h.trim_start_matches('[').trim_end_matches(']').to_string())
            .ok_or(ureq::Error::HostNotFound)?;
        let name = ServerName::try_from(host).map_err(io_error)?;
        let mut conn = ClientConnection::new(self.config.clone(), name).map_err(io_error)?;
        let mut sock = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        sock.set_timeout(details.timeout);
        conn.complete_io(&mut sock)?;
        let facts = conn
            .peer_certificates()
            .and_then(|chain| chain.first())
            .and_then(|leaf| crate::core::keys::x5c::describe_cert(leaf, 0).ok())
            .map(|d| TlsFacts {
                subject: d.subject,
                issuer: d.issuer,
                not_after: d.not_after,
                san: d.san,
            });
        if let Ok(mut slot) = self.facts.lock() {
            *slot = facts;
        }
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(Either::B(TlsTransport {
            buffers,
            stream: StreamOwned { conn, sock },
        })))
    }
}

/// A rustls stream as a ureq transport.
pub(super) struct TlsTransport {
    buffers: LazyBuffers,
    stream: StreamOwned<ClientConnection, TransportAdapter>,
}

impl std::fmt::Debug for TlsTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsTransport")
    }
}

impl Transport for TlsTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let output = self
            .buffers
            .output()
            .get(..amount)
            .ok_or(ureq::Error::ConnectionFailed)?;
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self.stream.read(input)?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}
