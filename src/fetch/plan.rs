//! The plan: before anything leaves the machine, what will be fetched, from which host and
//! addresses, exactly what is sent, the limits, and the same request as a curl command for
//! those who fetch elsewhere and paste the response.

use super::{ACCEPT, FetchError, Options, Scheme, USER_AGENT, Url, discovery_url};
use serde_json::{Map, Value};
use std::net::IpAddr;

const WELL_KNOWN: &str = "/.well-known/openid-configuration";

/// What the user asked to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A JWKS at a URL the user gave.
    Jwks(Url),
    /// An issuer's discovery document, then the `jwks_uri` it names.
    Discovery {
        /// The issuer its `issuer` must equal.
        issuer: String,
        /// The discovery document's URL.
        url: Url,
    },
    /// A URL the token names in its own header (`jku`: a JWKS, `x5u`: PEM certificates).
    TokenUrl {
        /// "jku" or "x5u".
        member: &'static str,
        /// The URL.
        url: Url,
    },
}

impl Source {
    /// A URL the user typed: a discovery document's URL (ending in
    /// `/.well-known/openid-configuration`) is read as one, with the issuer it implies;
    /// anything else is a JWKS.
    pub fn from_url(text: &str) -> Result<Source, FetchError> {
        let url = Url::parse(text)?;
        if let Some(prefix) = url.path.strip_suffix(WELL_KNOWN) {
            let issuer = format!("https://{}{prefix}", url.authority());
            return Ok(Source::Discovery { issuer, url });
        }
        Ok(Source::Jwks(url))
    }

    /// Discovery from a token's `iss` (or an issuer typed).
    pub fn discover(issuer: &str) -> Result<Source, FetchError> {
        Ok(Source::Discovery {
            issuer: issuer.to_string(),
            url: discovery_url(issuer)?,
        })
    }

    /// Discovery from the claims' `iss`.
    pub fn from_claims(claims: Option<&Map<String, Value>>) -> Result<Source, FetchError> {
        let iss = claims
            .and_then(|c| c.get("iss"))
            .and_then(Value::as_str)
            .ok_or(FetchError::NoSource {
                what: "iss",
                hint: "discovery starts from the issuer; give a JWKS URL instead",
            })?;
        Source::discover(iss)
    }

    /// The URL a token's header names in `member` ("jku" or "x5u").
    pub fn from_header(
        header: &Map<String, Value>,
        member: &'static str,
    ) -> Result<Source, FetchError> {
        let text = header
            .get(member)
            .and_then(Value::as_str)
            .ok_or(FetchError::NoSource {
                what: member,
                hint: "the header names no such URL",
            })?;
        Ok(Source::TokenUrl {
            member,
            url: Url::parse(text)?,
        })
    }

    /// The first URL fetched.
    pub fn first_url(&self) -> &Url {
        match self {
            Source::Jwks(url) | Source::Discovery { url, .. } | Source::TokenUrl { url, .. } => url,
        }
    }

    /// The issuer a discovery document must name.
    pub fn issuer(&self) -> Option<&str> {
        match self {
            Source::Discovery { issuer, .. } => Some(issuer),
            _ => None,
        }
    }

    /// The header member, when the token chose the URL itself.
    pub fn token_chose(&self) -> Option<&'static str> {
        match self {
            Source::TokenUrl { member, .. } => Some(member),
            _ => None,
        }
    }
}

/// The request line and headers sent for `url`, exactly.
pub fn request_lines(url: &Url) -> Vec<String> {
    vec![
        format!("GET {} HTTP/1.1", url.path),
        format!("Host: {}", url.authority()),
        format!("User-Agent: {USER_AGENT}"),
        format!("Accept: {ACCEPT}"),
    ]
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The same request as a curl command: the same headers, scheme, time and size limits, no
/// redirects followed (check a Location yourself), and `--cacert` when extra roots are trusted.
pub fn curl_command(url: &Url, opts: &Options) -> String {
    let proto = match url.scheme {
        Scheme::Https => "=https",
        Scheme::Http => "=http",
    };
    let cacert = if opts.extra_roots.is_empty() {
        ""
    } else {
        " --cacert CA.pem"
    };
    format!(
        "curl --proto {} --max-time {} --max-filesize {} --fail{cacert} -H {} -H {} {}",
        quote(proto),
        opts.limits.timeout.as_secs().max(1),
        opts.limits.max_body,
        quote(&format!("User-Agent: {USER_AGENT}")),
        quote(&format!("Accept: {ACCEPT}")),
        quote(&url.to_string()),
    )
}

/// What will happen, shown before it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// What is fetched.
    pub source: Source,
    /// The flags and limits in force.
    pub options: Options,
    /// The first host's addresses, once resolved (a DNS query, nothing sent to the host).
    pub addresses: Option<Result<Vec<IpAddr>, FetchError>>,
}

impl Plan {
    /// A plan; nothing resolved, nothing sent.
    pub fn new(source: Source, options: Options) -> Plan {
        Plan {
            source,
            options,
            addresses: None,
        }
    }

    /// The curl command for the first request.
    pub fn curl(&self) -> String {
        curl_command(self.source.first_url(), &self.options)
    }

    /// The plan in lines of text, for the terminal and the window.
    pub fn lines(&self) -> Vec<String> {
        let url = self.source.first_url();
        let mut out = vec!["Plan (nothing has been sent yet):".to_string()];
        if let Some(member) = self.source.token_chose() {
            out.push(format!(
                "DANGER: the token chose this URL itself ({member}). Whoever made the token chose where its key comes from: a key fetched here proves nothing about who signed it, and a verifier that follows {member} accepts forgeries (RFC 8725bis section 3.10)."
            ));
        }
        out.push(format!("1. GET {url}"));
        let addresses = match &self.addresses {
            None => {
                "not resolved yet (resolving asks DNS for the host name, nothing else)".to_string()
            }
            Some(Ok(a)) => a
                .iter()
                .map(|ip| ip.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Some(Err(e)) => format!("refused: {e}"),
        };
        out.push(format!(
            "   host {}, port {}; addresses: {addresses}",
            url.host, url.port
        ));
        match &self.source {
            Source::Discovery { issuer, .. } => {
                out.push(format!(
                    "   expect an OpenID discovery document whose issuer is exactly \"{issuer}\" and whose jwks_uri is https"
                ));
                out.push("2. GET the jwks_uri it names, under the same rules (its host is checked the same way once known)".to_string());
            }
            Source::TokenUrl { member: "x5u", .. } => {
                out.push("   expect PEM certificates (RFC 7515 section 4.1.5); the first one's key is listed".to_string());
            }
            _ => out.push("   expect a JWK Set (RFC 7517 section 5)".to_string()),
        }
        out.push(
            "Sent with each request, exactly (no body, no token, no cookie, no credentials):"
                .to_string(),
        );
        out.extend(request_lines(url).into_iter().map(|l| format!("   {l}")));
        let limits = self.options.limits;
        let scheme = if self.options.allow_http_loopback {
            "https (plain http only to a loopback address: --allow-http-loopback)"
        } else {
            "https only"
        };
        let private = if self.options.allow_private {
            "loopback, private, link-local and unique-local addresses ALLOWED (--allow-private)"
        } else {
            "loopback, private, link-local and unique-local addresses refused"
        };
        out.push(format!(
            "Limits: {scheme}; {private}; {} bytes (1 MiB) per response; {} s in all; at most {} redirects, same host and port over https only.",
            limits.max_body,
            limits.timeout.as_secs_f32(),
            limits.max_redirects
        ));
        let trust = match self.options.extra_roots.len() {
            0 => "the operating system's root certificates".to_string(),
            n => format!("the operating system's root certificates and {n} from --cacert"),
        };
        out.push(format!("TLS trusts {trust}."));
        out.push(match proxy_from_env() {
            Some(p) => format!("Proxy: {p} (HTTPS_PROXY; the proxy resolves the host itself)"),
            None => "Proxy: none (HTTPS_PROXY is not set)".to_string(),
        });
        out.push("Kept in memory for this session only; nothing is written to disk (save the keys with Export).".to_string());
        out.push(format!("As a curl command: {}", self.curl()));
        out
    }
}

/// `HTTPS_PROXY` (or `https_proxy`) when set and not empty: the only proxy setting honoured.
pub fn proxy_from_env() -> Option<String> {
    ["HTTPS_PROXY", "https_proxy"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_discovery_url_implies_its_issuer() {
        let s = Source::from_url("https://idp.example/tenant/.well-known/openid-configuration")
            .unwrap();
        assert_eq!(s.issuer(), Some("https://idp.example/tenant"));
        let s = Source::discover("https://idp.example/").unwrap();
        assert_eq!(
            s.first_url().to_string(),
            "https://idp.example/.well-known/openid-configuration"
        );
        let plan = Plan::new(
            Source::from_url("https://h/it's").unwrap(),
            Options::default(),
        );
        assert!(
            plan.curl().ends_with("'https://h/it'\\''s'"),
            "{}",
            plan.curl()
        );
        assert!(
            plan.lines()
                .iter()
                .any(|l| l.contains("nothing has been sent"))
        );
    }
}
