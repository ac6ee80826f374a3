//! Certificate authorities, chains and TLS server certificates made at test time (rcgen), for
//! the x5c and fetch tests: nothing is read from the network or kept on disk.

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
    SanType, date_time_ymd,
};

/// A CA: its certificate and the issuer that signs with its key.
pub type Ca = CertifiedIssuer<'static, KeyPair>;

/// Validity as (year from, year to), 1 January each.
pub type Years = (i32, i32);

/// 2026-01-01T00:00:00Z: "now" for the x5c tests.
pub const NOW_2026: i64 = 1_767_225_600;

fn params(cn: &str, years: Years) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name.push(DnType::CommonName, cn);
    p.not_before = date_time_ymd(years.0, 1, 1);
    p.not_after = date_time_ymd(years.1, 1, 1);
    p
}

fn ca_params(cn: &str, years: Years) -> CertificateParams {
    let mut p = params(cn, years);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    p
}

/// A self-signed root CA.
pub fn root(cn: &str, years: Years) -> Ca {
    CertifiedIssuer::self_signed(ca_params(cn, years), KeyPair::generate().unwrap()).unwrap()
}

/// An intermediate CA signed by `parent`.
pub fn intermediate(cn: &str, years: Years, parent: &Ca) -> Ca {
    CertifiedIssuer::signed_by(ca_params(cn, years), KeyPair::generate().unwrap(), parent).unwrap()
}

/// A leaf (EC P-256) signed by `parent`, with the key usages given: its DER and its private
/// key as PKCS#8 PEM.
pub fn leaf(cn: &str, years: Years, usages: &[KeyUsagePurpose], parent: &Ca) -> (Vec<u8>, String) {
    let mut p = params(cn, years);
    p.key_usages = usages.to_vec();
    p.subject_alt_names = vec![SanType::DnsName(
        format!("{cn}.example").try_into().unwrap(),
    )];
    let key = KeyPair::generate().unwrap();
    let cert = p.signed_by(&key, parent).unwrap();
    (cert.der().to_vec(), key.serialize_pem())
}

/// A TLS server certificate for 127.0.0.1 and localhost, valid 2020 to 2040 (the TLS client
/// judges at the real clock): its DER and its PKCS#8 DER key.
pub fn server_cert(parent: &Ca) -> (Vec<u8>, Vec<u8>) {
    let mut p = params("test server", (2020, 2040));
    p.subject_alt_names = vec![
        SanType::IpAddress("127.0.0.1".parse().unwrap()),
        SanType::DnsName("localhost".try_into().unwrap()),
    ];
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let key = KeyPair::generate().unwrap();
    let cert = p.signed_by(&key, parent).unwrap();
    (cert.der().to_vec(), key.serialize_der())
}

/// A certificate's DER as PEM.
pub fn pem_of(der: &[u8]) -> String {
    jwt_workbench::core::keys::pem_encode("CERTIFICATE", der)
}
