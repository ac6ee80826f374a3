//! The URLs a fetch may go to, read strictly: `https://host[:port]/path?query` (and `http://`
//! for the loopback flag). No user name or password (credentials are never sent), no
//! non-ASCII host (give it in punycode), no whitespace or control characters; the fragment
//! is dropped (it is never sent).

use super::FetchError;
use std::net::IpAddr;

/// Longest URL accepted, in bytes.
pub const MAX_URL: usize = 2048;

/// http or https.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// TLS, the only scheme fetched without a flag.
    Https,
    /// Plain HTTP: only to a loopback address, and only with the loopback flag.
    Http,
}

/// A URL as the fetch sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// The scheme.
    pub scheme: Scheme,
    /// The host, lower-case (an IPv6 literal without its brackets).
    pub host: String,
    /// The port (443 or 80 when the URL names none).
    pub port: u16,
    /// Path and query, starting with `/`.
    pub path: String,
}

fn bad(detail: impl Into<String>) -> FetchError {
    FetchError::BadUrl {
        detail: detail.into(),
    }
}

impl Url {
    /// Reads a URL.
    pub fn parse(text: &str) -> Result<Url, FetchError> {
        let text = text.trim();
        if text.len() > MAX_URL {
            return Err(bad(format!("it is {} bytes, over {MAX_URL}", text.len())));
        }
        if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad(format!("it holds {c:?}; percent-encode it")));
        }
        if !text.is_ascii() {
            return Err(bad(
                "it holds non-ASCII characters: give the host in punycode and percent-encode the path",
            ));
        }
        let lower = text.to_ascii_lowercase();
        let (scheme, rest) = if lower.starts_with("https://") {
            (Scheme::Https, text.get(8..).unwrap_or_default())
        } else if lower.starts_with("http://") {
            (Scheme::Http, text.get(7..).unwrap_or_default())
        } else {
            return Err(FetchError::NotHttps {
                url: crate::core::text::clip(text, 80),
            });
        };
        let rest = rest.split('#').next().unwrap_or_default();
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        if authority.contains('@') {
            return Err(bad(
                "it carries a user name or password (user@host): credentials are never sent",
            ));
        }
        let default_port = match scheme {
            Scheme::Https => 443,
            Scheme::Http => 80,
        };
        let (host, port) = split_authority(authority, default_port)?;
        let path = match path.chars().next() {
            None => "/".to_string(),
            Some('?') => format!("/{path}"),
            Some(_) => path.to_string(),
        };
        Ok(Url {
            scheme,
            host,
            port,
            path,
        })
    }

    /// `host[:port]` as written in a Host header (the port only when not the default).
    pub fn authority(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let default = match self.scheme {
            Scheme::Https => 443,
            Scheme::Http => 80,
        };
        if self.port == default {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }

    /// The host as an IP address, when it is a literal.
    pub fn ip(&self) -> Option<IpAddr> {
        self.host.parse().ok()
    }

    /// The URL a `Location` header names, read against this one.
    pub fn join(&self, location: &str) -> Result<Url, FetchError> {
        let location = location.trim();
        let lower = location.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return Url::parse(location);
        }
        if !location.contains("://") && lower.contains(':') && !lower.starts_with('/') {
            let scheme = lower.split(':').next().unwrap_or_default();
            if !scheme.contains(['/', '?', '.']) {
                return Err(FetchError::NotHttps {
                    url: crate::core::text::clip(location, 80),
                });
            }
        }
        let scheme = match self.scheme {
            Scheme::Https => "https:",
            Scheme::Http => "http:",
        };
        if let Some(rest) = location.strip_prefix("//") {
            return Url::parse(&format!("{scheme}//{rest}"));
        }
        let path = if location.starts_with('/') {
            location.to_string()
        } else if location.starts_with('?') {
            let base = self.path.split('?').next().unwrap_or("/");
            format!("{base}{location}")
        } else {
            let base = self.path.split('?').next().unwrap_or("/");
            let dir = base.rsplit_once('/').map_or("", |(d, _)| d);
            format!("{dir}/{location}")
        };
        Url::parse(&format!("{scheme}//{}{path}", self.authority()))
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = match self.scheme {
            Scheme::Https => "https",
            Scheme::Http => "http",
        };
        write!(f, "{scheme}://{}{}", self.authority(), self.path)
    }
}

fn split_authority(authority: &str, default_port: u16) -> Result<(String, u16), FetchError> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (literal, after) = rest
            .split_once(']')
            .ok_or_else(|| bad("an IPv6 address without its closing ]"))?;
        if literal.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(bad(format!("[{literal}] is not an IPv6 address")));
        }
        match after.strip_prefix(':') {
            Some(p) => (literal.to_string(), Some(p)),
            None if after.is_empty() => (literal.to_string(), None),
            None => return Err(bad("text after the IPv6 address")),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(bad("it names no host"));
    }
    if !host.contains(':')
        && !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
    {
        return Err(bad(format!(
            "the host \"{}\" holds characters a host name cannot",
            crate::core::text::clip(&host, 60)
        )));
    }
    let port = match port {
        None => default_port,
        Some(p) => p.parse::<u16>().ok().filter(|p| *p != 0).ok_or_else(|| {
            bad(format!(
                "the port \"{}\" is not 1 to 65535",
                crate::core::text::clip(p, 10)
            ))
        })?,
    };
    Ok((host.to_ascii_lowercase(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_read_strictly() {
        let u = Url::parse("HTTPS://Example.COM/jwks.json?x=1#frag").unwrap();
        assert_eq!(u.to_string(), "https://example.com/jwks.json?x=1");
        assert_eq!(
            Url::parse("https://[::1]:8443").unwrap().to_string(),
            "https://[::1]:8443/"
        );
        assert_eq!(Url::parse("https://h:443/a").unwrap().authority(), "h");
        for bad in [
            "ftp://h/",
            "https://user:pw@h/",
            "https://h:0/",
            "https://h:99999/",
            "https://h /",
            "https:///x",
            "https://exämple.com/",
            "https://h\u{202e}/",
            "file:///etc/passwd",
        ] {
            assert!(Url::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn locations_join() {
        let base = Url::parse("https://h:8443/a/b/jwks?x").unwrap();
        assert_eq!(base.join("/c").unwrap().to_string(), "https://h:8443/c");
        assert_eq!(base.join("c").unwrap().to_string(), "https://h:8443/a/b/c");
        assert_eq!(base.join("//o/p").unwrap().to_string(), "https://o/p");
        assert_eq!(
            base.join("?y").unwrap().to_string(),
            "https://h:8443/a/b/jwks?y"
        );
        assert!(base.join("javascript:alert(1)").is_err());
        assert_eq!(base.join("http://h/x").unwrap().scheme, Scheme::Http);
    }
}
