//! URLs as DPoP compares them (RFC 9449 section 4.3 step 9): the query and fragment are
//! ignored, and syntax-based and scheme-based normalisation apply (RFC 3986 sections 6.2.2 and
//! 6.2.3): scheme and host in lower case, the default port dropped, percent-encodings in upper
//! case and unreserved ones decoded, dot segments removed, an empty path made "/".

/// Why a URL cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// No `scheme://` at the start.
    #[error("\"{0}\" is not an absolute URL: it needs a scheme and a host (https://host/path)")]
    NotAbsolute(String),
    /// A scheme other than http or https.
    #[error("the scheme \"{0}\" is not http or https")]
    Scheme(String),
    /// The authority has no host, or a port that is not a number.
    #[error("the authority \"{0}\" has no host or a port that is not a number")]
    Authority(String),
    /// A `%` not followed by two hex digits.
    #[error("a '%' in \"{0}\" is not followed by two hexadecimal digits")]
    Percent(String),
}

/// A URL taken apart and normalised, with what normalisation changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalisedUrl {
    /// `scheme://host[:port]/path`, normalised, without query or fragment.
    pub url: String,
    /// What was changed or dropped, in words ("query ?a=1 ignored", "port 443 is https's").
    pub changes: Vec<String>,
}

/// Normalises `url` for comparison as a DPoP `htu`.
pub fn normalise(url: &str) -> Result<NormalisedUrl, UrlError> {
    let shown = crate::core::text::clip(url, 80);
    let mut changes = Vec::new();
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| UrlError::NotAbsolute(shown.clone()))?;
    let lower_scheme = scheme.to_ascii_lowercase();
    if lower_scheme != scheme {
        changes.push(format!("scheme {scheme} written in lower case"));
    }
    let default_port = match lower_scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return Err(UrlError::Scheme(crate::core::text::clip(scheme, 20))),
    };
    let (before_fragment, fragment) = match rest.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (rest, None),
    };
    if let Some(f) = fragment {
        changes.push(format!(
            "fragment #{} ignored",
            crate::core::text::clip(f, 40)
        ));
    }
    let (before_query, query) = match before_fragment.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (before_fragment, None),
    };
    if let Some(q) = query {
        changes.push(format!("query ?{} ignored", crate::core::text::clip(q, 40)));
    }
    let (authority, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    let authority = host_and_port(authority, default_port, &lower_scheme, &mut changes)?;
    let path = normal_path(path, &shown, &mut changes)?;
    Ok(NormalisedUrl {
        url: format!("{lower_scheme}://{authority}{path}"),
        changes,
    })
}

/// The authority without user information, the host in lower case and the scheme's default
/// port dropped.
fn host_and_port(
    authority: &str,
    default_port: &str,
    scheme: &str,
    changes: &mut Vec<String>,
) -> Result<String, UrlError> {
    let bad = || UrlError::Authority(crate::core::text::clip(authority, 60));
    let host_port = match authority.rsplit_once('@') {
        Some((_, hp)) => {
            changes.push("user information dropped".into());
            hp
        }
        None => authority,
    };
    // An IPv6 literal keeps its colons inside brackets.
    let (host, port) = match host_port.rfind(':') {
        Some(i) if !host_port.get(i..).is_some_and(|t| t.contains(']')) => {
            (host_port.get(..i).unwrap_or(""), host_port.get(i + 1..))
        }
        _ => (host_port, None),
    };
    if host.is_empty() {
        return Err(bad());
    }
    let lower = host.to_ascii_lowercase();
    if lower != host {
        changes.push(format!("host {host} written in lower case"));
    }
    match port {
        None => Ok(lower),
        Some("") => {
            changes.push("empty port dropped".into());
            Ok(lower)
        }
        Some(p) if !p.bytes().all(|b| b.is_ascii_digit()) => Err(bad()),
        Some(p) if p.trim_start_matches('0') == default_port => {
            changes.push(format!("port {p} is {scheme}'s default, dropped"));
            Ok(lower)
        }
        Some(p) => Ok(format!("{lower}:{}", p.trim_start_matches('0'))),
    }
}

/// The path with percent-encodings normalised and dot segments removed; "/" when empty.
fn normal_path(path: &str, shown: &str, changes: &mut Vec<String>) -> Result<String, UrlError> {
    let decoded = percent_normal(path).ok_or_else(|| UrlError::Percent(shown.to_string()))?;
    if decoded != path {
        changes.push("percent-encodings normalised".into());
    }
    let without_dots = remove_dot_segments(&decoded);
    if without_dots != decoded {
        changes.push("dot segments removed".into());
    }
    if without_dots.is_empty() {
        changes.push("empty path made /".into());
        return Ok("/".into());
    }
    Ok(without_dots)
}

/// Upper-case hex in percent-encodings, unreserved characters decoded (RFC 3986 6.2.2.1 and
/// 6.2.2.2); `None` for a malformed encoding.
fn percent_normal(path: &str) -> Option<String> {
    let mut out = String::with_capacity(path.len());
    let mut chars = path.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // Two hex digits exactly (from_str_radix alone would take a sign: "%+1").
        let hex = path
            .get(i + 1..i + 3)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let value = u8::from_str_radix(hex, 16).ok()?;
        if value.is_ascii_alphanumeric() || matches!(value, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(value));
        } else {
            out.push('%');
            out.push_str(&hex.to_ascii_uppercase());
        }
        chars.next();
        chars.next();
    }
    Some(out)
}

/// RFC 3986 section 5.2.4.
fn remove_dot_segments(path: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let segments: Vec<&str> = path.split('/').skip(usize::from(absolute)).collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing_slash = false;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => trailing_slash = i == last,
            ".." => {
                output.pop();
                trailing_slash = i == last;
            }
            s => {
                output.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut out = String::new();
    if absolute {
        out.push('/');
    }
    out.push_str(&output.join("/"));
    if trailing_slash && !out.ends_with('/') {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(url: &str) -> String {
        normalise(url).unwrap().url
    }

    #[test]
    fn rfc_3986_normalisation_and_dpop_rules() {
        assert_eq!(
            n("https://server.example.com/token"),
            "https://server.example.com/token"
        );
        assert_eq!(
            n("HTTPS://Server.Example.COM:443/token?x=1#f"),
            "https://server.example.com/token"
        );
        assert_eq!(n("http://a.example:80"), "http://a.example/");
        assert_eq!(n("https://a.example:8443/x"), "https://a.example:8443/x");
        assert_eq!(
            n("https://a.example/%7euser/%2fx"),
            "https://a.example/~user/%2Fx"
        );
        assert_eq!(n("https://a.example/a/./b/../c"), "https://a.example/a/c");
        assert_eq!(n("https://u:p@a.example/"), "https://a.example/");
        assert_eq!(n("https://[::1]:443/x"), "https://[::1]/x");
        let changes = normalise("HTTPS://A.example:443/p?q=1").unwrap().changes;
        assert!(
            changes.iter().any(|c| c.contains("query ?q=1 ignored")),
            "{changes:?}"
        );
        assert!(
            changes.iter().any(|c| c.contains("port 443")),
            "{changes:?}"
        );
    }

    #[test]
    fn what_cannot_be_compared_says_why() {
        assert!(matches!(normalise("/token"), Err(UrlError::NotAbsolute(_))));
        assert!(matches!(normalise("ftp://a/x"), Err(UrlError::Scheme(_))));
        assert!(matches!(
            normalise("https://:443/x"),
            Err(UrlError::Authority(_))
        ));
        assert!(matches!(
            normalise("https://a:x/"),
            Err(UrlError::Authority(_))
        ));
        assert!(matches!(
            normalise("https://a/%zz"),
            Err(UrlError::Percent(_))
        ));
        assert!(matches!(
            normalise("https://a/%+1"),
            Err(UrlError::Percent(_))
        ));
    }
}
