//! The little DER (ASN.1) this workbench needs: reading the key containers (PKCS#1, PKCS#8,
//! SEC1, SPKI, X.509) and writing a PKCS#1 RSA private key from JWK members.

/// A DER tag byte.
pub mod tag {
    /// INTEGER
    pub const INTEGER: u8 = 0x02;
    /// BIT STRING
    pub const BIT_STRING: u8 = 0x03;
    /// OCTET STRING
    pub const OCTET_STRING: u8 = 0x04;
    /// NULL
    pub const NULL: u8 = 0x05;
    /// OBJECT IDENTIFIER
    pub const OID: u8 = 0x06;
    /// SEQUENCE
    pub const SEQUENCE: u8 = 0x30;
    /// SET
    pub const SET: u8 = 0x31;
    /// context-specific constructed [0]
    pub const CONTEXT_0: u8 = 0xA0;
    /// context-specific constructed [1]
    pub const CONTEXT_1: u8 = 0xA1;
    /// context-specific primitive [0] (an IMPLICIT OCTET STRING: the ML-DSA seed)
    pub const IMPLICIT_0: u8 = 0x80;
}

/// Well-known object identifiers, as DER content bytes.
pub mod oid {
    /// rsaEncryption 1.2.840.113549.1.1.1
    pub const RSA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
    /// RSASSA-PSS 1.2.840.113549.1.1.10
    pub const RSA_PSS: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A];
    /// id-ecPublicKey 1.2.840.10045.2.1
    pub const EC_PUBLIC_KEY: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01];
    /// prime256v1 1.2.840.10045.3.1.7
    pub const P256: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
    /// secp384r1 1.3.132.0.34
    pub const P384: &[u8] = &[0x2B, 0x81, 0x04, 0x00, 0x22];
    /// secp521r1 1.3.132.0.35
    pub const P521: &[u8] = &[0x2B, 0x81, 0x04, 0x00, 0x23];
    /// secp256k1 1.3.132.0.10
    pub const SECP256K1: &[u8] = &[0x2B, 0x81, 0x04, 0x00, 0x0A];
    /// Ed25519 1.3.101.112
    pub const ED25519: &[u8] = &[0x2B, 0x65, 0x70];
    /// Ed448 1.3.101.113
    pub const ED448: &[u8] = &[0x2B, 0x65, 0x71];
    /// X25519 1.3.101.110
    pub const X25519: &[u8] = &[0x2B, 0x65, 0x6E];
    /// X448 1.3.101.111
    pub const X448: &[u8] = &[0x2B, 0x65, 0x6F];
    /// NIST's signature algorithm arc 2.16.840.1.101.3.4.3 (`sigAlgs`): ML-DSA, SLH-DSA and
    /// their pre-hash forms are its children (FIPS 204, FIPS 205; RFC 9881 for ML-DSA).
    pub const NIST_SIG_ALGS: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03];
    /// id-ml-dsa-44 2.16.840.1.101.3.4.3.17
    pub const ML_DSA_44: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11];
    /// id-ml-dsa-65 2.16.840.1.101.3.4.3.18
    pub const ML_DSA_65: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x12];
    /// id-ml-dsa-87 2.16.840.1.101.3.4.3.19
    pub const ML_DSA_87: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x13];
}

/// What is wrong with DER bytes (ASN.1 as the key containers use it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DerError {
    /// The bytes end where an element's tag or length should be (`expected`: "an element").
    #[error("DER ends early: expected {expected}")]
    EndsEarly {
        /// What should have come: "an element", "a length".
        expected: &'static str,
    },
    /// A length in the indefinite form, or of more than 4 bytes.
    #[error("DER length is indefinite or too large")]
    LengthForm,
    /// The bytes end inside a multi-byte length.
    #[error("DER ends early inside a length")]
    EndsInLength,
    /// An element longer than what remains.
    #[error("DER element claims {claims} bytes but only {remain} remain")]
    Overrun {
        /// The length the element claims.
        claims: usize,
        /// The bytes that remain.
        remain: usize,
    },
    /// An element with another tag than the structure needs there.
    #[error("expected {what} (DER tag 0x{want:02x}), found tag 0x{found:02x}")]
    Tag {
        /// What was expected, in words ("RSAPrivateKey").
        what: &'static str,
        /// The tag expected.
        want: u8,
        /// The tag found.
        found: u8,
    },
    /// Bytes after an element that should be the whole input.
    #[error("{extra} unexpected bytes after {what}")]
    Trailing {
        /// The element, in words.
        what: &'static str,
        /// How many bytes follow it.
        extra: usize,
    },
    /// A BIT STRING whose last byte has unused bits (no key is written so).
    #[error("BIT STRING with unused bits is not a key")]
    UnusedBits,
    /// A BIT STRING without even its unused-bits byte.
    #[error("empty BIT STRING")]
    EmptyBitString,
}

/// One decoded element: its tag and content bytes.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    /// The tag byte.
    pub tag: u8,
    /// The content (value) bytes.
    pub content: &'a [u8],
}

/// Reads one element from the front of `input`; returns it and what follows.
pub fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), DerError> {
    let (&tag, rest) = input.split_first().ok_or(DerError::EndsEarly {
        expected: "an element",
    })?;
    let (&first, rest) = rest.split_first().ok_or(DerError::EndsEarly {
        expected: "a length",
    })?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return Err(DerError::LengthForm);
        }
        let bytes = rest.get(..n).ok_or(DerError::EndsInLength)?;
        let len = bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, rest.get(n..).unwrap_or(&[]))
    };
    let content = rest.get(..len).ok_or(DerError::Overrun {
        claims: len,
        remain: rest.len(),
    })?;
    Ok((Tlv { tag, content }, rest.get(len..).unwrap_or(&[])))
}

/// Reads one element that must have tag `want` (`what` names it in the error).
pub fn expect<'a>(
    input: &'a [u8],
    want: u8,
    what: &'static str,
) -> Result<(Tlv<'a>, &'a [u8]), DerError> {
    let (tlv, rest) = read(input)?;
    if tlv.tag != want {
        return Err(DerError::Tag {
            what,
            want,
            found: tlv.tag,
        });
    }
    Ok((tlv, rest))
}

/// Reads the whole of `input` as one element with tag `want` (no trailing bytes allowed).
pub fn expect_whole<'a>(
    input: &'a [u8],
    want: u8,
    what: &'static str,
) -> Result<Tlv<'a>, DerError> {
    let (tlv, rest) = expect(input, want, what)?;
    if !rest.is_empty() {
        return Err(DerError::Trailing {
            what,
            extra: rest.len(),
        });
    }
    Ok(tlv)
}

/// The children of a constructed element, in order.
pub fn children(content: &[u8]) -> Result<Vec<Tlv<'_>>, DerError> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (tlv, r) = read(rest)?;
        out.push(tlv);
        rest = r;
    }
    Ok(out)
}

/// An INTEGER's magnitude with leading zero bytes removed (for RSA n and e).
pub fn unsigned(content: &[u8]) -> Vec<u8> {
    let first = content
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(content.len());
    content.get(first..).unwrap_or(&[]).to_vec()
}

/// The bytes of a BIT STRING with no unused bits.
pub fn bit_string_bytes(content: &[u8]) -> Result<&[u8], DerError> {
    match content.split_first() {
        Some((0, bytes)) => Ok(bytes),
        Some(_) => Err(DerError::UnusedBits),
        None => Err(DerError::EmptyBitString),
    }
}

/// Encodes one element.
pub fn write(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// Encodes an unsigned big-endian magnitude as a DER INTEGER.
pub fn write_unsigned(magnitude: &[u8]) -> Vec<u8> {
    let trimmed = unsigned(magnitude);
    let mut content = Vec::with_capacity(trimmed.len() + 1);
    if trimmed.first().is_none_or(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend(trimmed);
    write(tag::INTEGER, &content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_long_lengths_and_integers() {
        let content = vec![7u8; 300];
        let enc = write(tag::OCTET_STRING, &content);
        assert_eq!(&enc[..4], &[0x04, 0x82, 0x01, 0x2C]);
        let (tlv, rest) = read(&enc).unwrap();
        assert_eq!(tlv.content.len(), 300);
        assert!(rest.is_empty());
        assert_eq!(write_unsigned(&[0x00, 0x80]), vec![0x02, 0x02, 0x00, 0x80]);
        assert_eq!(
            write_unsigned(&[0x01, 0x00, 0x01]),
            vec![0x02, 0x03, 0x01, 0x00, 0x01]
        );
        assert_eq!(write_unsigned(&[]), vec![0x02, 0x01, 0x00]);
    }

    #[test]
    fn truncated_input_is_an_error_not_a_panic() {
        assert!(read(&[]).is_err());
        assert!(read(&[0x30]).is_err());
        assert!(read(&[0x30, 0x82, 0x01]).is_err());
        let err = read(&[0x30, 0x05, 0x00]).unwrap_err();
        assert_eq!(
            err,
            DerError::Overrun {
                claims: 5,
                remain: 1
            }
        );
        assert!(err.to_string().contains("claims 5 bytes"));
        assert!(read(&[0x30, 0x80]).is_err());
        assert!(expect_whole(&[0x02, 0x01, 0x00, 0x00], tag::INTEGER, "x").is_err());
    }
}
