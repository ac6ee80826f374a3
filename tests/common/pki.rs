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

/// An ES256 token whose header carries `chain` (DER, leaf first) as x5c, signed with the
/// PKCS#8 PEM `signer`.
pub fn x5c_token(chain: &[&[u8]], signer: &str, claims: &str) -> String {
    use base64::Engine as _;
    let x5c: Vec<String> = chain
        .iter()
        .map(|c| base64::engine::general_purpose::STANDARD.encode(c))
        .collect();
    let header = serde_json::json!({"alg": "ES256", "typ": "JWT", "x5c": x5c}).to_string();
    let file = jwt_workbench::core::keys::load_key_bytes(signer.as_bytes()).unwrap();
    jwt_workbench::core::sign::sign_compact(
        &header,
        claims.as_bytes(),
        jwt_workbench::core::alg::JwsAlg::ES256,
        &file.keys[0],
        jwt_workbench::core::sign::PayloadForm::default(),
    )
    .unwrap()
}

/// A fresh folder under the system's temp folder for one test's files (certificates only:
/// public material).
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("jwtwb-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` to `name` in `dir`; returns the path as a string.
pub fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The token with its signature's first character changed (a forgery that still decodes).
pub fn forge(token: &str) -> String {
    let (head, sig) = token.rsplit_once('.').unwrap();
    let flipped = if sig.starts_with('A') { 'B' } else { 'A' };
    format!("{head}.{flipped}{}", &sig[1..])
}
