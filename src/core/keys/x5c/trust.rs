//! Validating a chain to the pinned roots: rustls-webpki builds and checks the path (names,
//! signatures, validity at `now`, CA constraints); this file adds the leaf's key usage and
//! turns a refusal into the reason a person can act on.

use super::{CertDetails, X5cError, describe_cert, describe_chain, position};
use crate::core::claims::utc_text;
use crate::core::keys::Key;
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, KeyPurposeIdIter};

/// A chain that validated to a pinned root at an instant.
#[derive(Debug, Clone)]
pub struct Trusted {
    /// The pinned root it validated to.
    pub root: CertDetails,
    /// The chain, leaf first, as the token carries it.
    pub chain: Vec<CertDetails>,
    /// The leaf's public key: the only key an `x5c` token may be verified with.
    pub leaf_key: Key,
    /// The instant it was judged at (seconds since 1970).
    pub at: i64,
}

impl Trusted {
    /// One sentence for a verdict: which root, when.
    pub fn sentence(&self) -> String {
        // The leaf's names, so a reader can compare them with the token's iss: any
        // certificate under a pinned root verifies, whoever it was issued to.
        let leaf = self.chain.first().map_or_else(String::new, |c| {
            if c.san.is_empty() {
                c.subject.clone()
            } else {
                format!("{} ({})", c.subject, c.san.join(", "))
            }
        });
        format!(
            "x5c chain of {} certificate{} validates to the pinned root {} (SHA-256 {}) as of {}; its leaf {leaf} verifies the token",
            self.chain.len(),
            if self.chain.len() == 1 { "" } else { "s" },
            self.root.subject,
            self.root.sha256.get(..23).unwrap_or(&self.root.sha256),
            utc_text(self.at),
        )
    }
}

/// Any extended key usage is acceptable for a JWS signer: RFC 7515 names none.
struct AnyUsage;

impl webpki::ExtendedKeyUsageValidator for AnyUsage {
    fn validate(&self, _iter: KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        Ok(())
    }
}

fn unix(now: i64) -> UnixTime {
    UnixTime::since_unix_epoch(std::time::Duration::from_secs(
        u64::try_from(now).unwrap_or(0),
    ))
}

fn anchors<'a>(roots: &'a [CertificateDer<'a>]) -> Result<Vec<TrustAnchor<'a>>, X5cError> {
    roots
        .iter()
        .enumerate()
        .map(|(index, r)| {
            webpki::anchor_from_trusted_cert(r).map_err(|e| X5cError::BadRoot {
                index,
                detail: format!("{e:?}"),
            })
        })
        .collect()
}

fn check_path(
    chain: &[CertificateDer<'_>],
    anchors: &[TrustAnchor<'_>],
    now: i64,
) -> Result<usize, webpki::Error> {
    let leaf = chain.first().ok_or(webpki::Error::BadDer)?;
    let ee = EndEntityCert::try_from(leaf)?;
    let path = ee.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        anchors,
        chain.get(1..).unwrap_or_default(),
        unix(now),
        AnyUsage,
        None,
        None,
    )?;
    let anchor = path.anchor();
    Ok(anchors
        .iter()
        .position(|a| {
            a.subject == anchor.subject
                && a.subject_public_key_info == anchor.subject_public_key_info
        })
        .unwrap_or(0))
}

/// A certificate that can be pinned: readable, and usable as a trust anchor.
pub fn check_root(der: &[u8], index: usize) -> Result<CertDetails, X5cError> {
    let details = describe_cert(der, index)?;
    webpki::anchor_from_trusted_cert(&CertificateDer::from(der)).map_err(|e| {
        X5cError::BadRoot {
            index,
            detail: format!("{e:?}"),
        }
    })?;
    Ok(details)
}

/// Validates `chain` (DER, leaf first) to one of `roots` (DER) at `now`: the path, each
/// certificate's validity, and the leaf's key usage (digitalSignature, when it has one).
pub fn validate(chain: &[Vec<u8>], roots: &[Vec<u8>], now: i64) -> Result<Trusted, X5cError> {
    let details = describe_chain(chain)?;
    if roots.is_empty() {
        return Err(X5cError::NoRoots);
    }
    let root_details = roots
        .iter()
        .enumerate()
        .map(|(index, r)| {
            describe_cert(r, index).map_err(|e| X5cError::BadRoot {
                index,
                detail: e.to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let root_ders: Vec<CertificateDer<'_>> = roots
        .iter()
        .map(|r| CertificateDer::from(r.as_slice()))
        .collect();
    let anchors = anchors(&root_ders)?;
    let chain_ders: Vec<CertificateDer<'_>> = chain
        .iter()
        .map(|c| CertificateDer::from(c.as_slice()))
        .collect();
    let root = match check_path(&chain_ders, &anchors, now) {
        Ok(i) => root_details.get(i).cloned().ok_or(X5cError::NoRoots)?,
        Err(e) => return Err(explain(&e, &details, &chain_ders, &root_details, now)),
    };
    let leaf = details.first().ok_or(X5cError::NotArray)?;
    if !leaf.allows_signing() {
        return Err(X5cError::NoDigitalSignature {
            subject: leaf.subject.clone(),
            usage: leaf.key_usage_text(),
        });
    }
    let leaf_der = chain.first().ok_or(X5cError::NotArray)?;
    let leaf_key =
        super::super::cert::from_certificate(leaf_der).map_err(|e| X5cError::NotACertificate {
            index: 0,
            detail: e.to_string(),
        })?;
    Ok(Trusted {
        root,
        chain: details,
        leaf_key,
        at: now,
    })
}

/// The reason a person can act on, for a path the validator refused.
fn explain(
    e: &webpki::Error,
    details: &[CertDetails],
    chain: &[CertificateDer<'_>],
    roots: &[CertDetails],
    now: i64,
) -> X5cError {
    if let Some((i, c)) = details.iter().enumerate().find(|(_, c)| !c.valid_at(now)) {
        let state = if now > c.not_after {
            format!("expired on {}", utc_text(c.not_after))
        } else {
            format!("is not valid before {}", utc_text(c.not_before))
        };
        return X5cError::OutOfValidity {
            which: position(i),
            subject: c.subject.clone(),
            state,
            at: utc_text(now),
        };
    }
    let pinned = roots
        .iter()
        .map(|r| r.subject.clone())
        .collect::<Vec<_>>()
        .join("; ");
    let named_root = details
        .iter()
        .find(|c| roots.iter().any(|r| r.subject == c.issuer));
    match (e, details.last()) {
        (webpki::Error::InvalidSignatureForPublicKey, _) if named_root.is_some() => {
            X5cError::WrongRoot {
                issuer: named_root.map(|c| c.issuer.clone()).unwrap_or_default(),
            }
        }
        (webpki::Error::UnknownIssuer, Some(last)) => {
            // The chain may carry its own root: valid to it means "valid, not pinned".
            let own = chain.last().map(|c| vec![c.clone()]).unwrap_or_default();
            let to_own_root = last.self_issued()
                && anchors(&own).is_ok_and(|a| check_path(chain, &a, now).is_ok());
            if to_own_root {
                X5cError::NotPinned {
                    root: format!("{} (SHA-256 {})", last.subject, last.sha256),
                    pinned,
                }
            } else if roots.iter().any(|r| r.subject == last.issuer) {
                X5cError::WrongRoot {
                    issuer: last.issuer.clone(),
                }
            } else {
                X5cError::UnknownIssuer {
                    subject: last.subject.clone(),
                    issuer: last.issuer.clone(),
                    pinned,
                }
            }
        }
        (other, _) => X5cError::Invalid(format!("{other:?}")),
    }
}
