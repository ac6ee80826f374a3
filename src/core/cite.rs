//! Where a rule is written, so that every check and finding can say which specification and
//! section it applies ("RFC 7519 section 4.1.3"), in the window and in `--json`.

/// Where a rule is written: a specification and a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cite {
    /// "RFC 7519", "RFC 8725bis", "OpenID Connect Core 1.0".
    pub spec: &'static str,
    /// "4.1.3".
    pub section: &'static str,
}

impl Cite {
    /// A citation.
    pub const fn new(spec: &'static str, section: &'static str) -> Cite {
        Cite { spec, section }
    }
}

impl std::fmt::Display for Cite {
    /// "RFC 7519 section 4.1.3".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} section {}", self.spec, self.section)
    }
}
