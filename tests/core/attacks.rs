//! The attack lab: every variant is a well-formed token that the workbench's verifier
//! rejects (except the ECDSA malleability probe, which it must accept), with the exact bytes
//! each attack calls for, checked against independent computations.

use crate::common::*;
use aws_lc_rs::digest;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jwt_workbench::core::attacks::{AttackInput, Group, Lab, Variant, generate};
use jwt_workbench::core::keys::{self, Key, KeyMaterial, Purpose};
use jwt_workbench::core::{
    alg::JwsAlg,
    sign::{Layout, sign},
    token::inspect,
    verify::{Policy, verify},
};
use serde_json::Value;
use std::collections::HashSet;

const NOW: i64 = 1_800_000_000;
const EXP: i64 = 4_102_444_800;
const YEAR: i64 = 365 * 24 * 60 * 60;
const CLAIMS: &str =
    r#"{"sub":"alice","admin":false,"exp":4102444800,"aud":"api","big":12345678901234567890123}"#;

fn token(alg: &str, key: &Key) -> String {
    sign(
        &format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#),
        CLAIMS,
        key,
        Layout::Minified,
    )
    .unwrap()
}

fn lab(token: &str, key: Option<&Key>, text: Option<&str>) -> Lab {
    let input = AttackInput {
        key,
        key_text: text,
        ..AttackInput::new(token)
    };
    generate(&input, NOW).unwrap()
}

fn seg(token: &str, i: usize) -> &str {
    token.split('.').nth(i).unwrap()
}

fn decode(segment: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(segment).unwrap()
}

fn header(token: &str) -> serde_json::Map<String, Value> {
    serde_json::from_slice(&decode(seg(token, 0))).unwrap()
}

fn find<'a>(lab: &'a Lab, id: &str) -> &'a Variant {
    lab.variants
        .iter()
        .find(|v| v.id == id)
        .unwrap_or_else(|| panic!("no variant {id}"))
}

/// Well-formed, unique kebab-case ids, rejected unless expected valid, and the probe keeps
/// the original header and payload bytes.
fn check_lab(lab: &Lab, original: &str) {
    assert!(!lab.original.rejected, "{}", lab.original.why);
    let mut ids = HashSet::new();
    for v in &lab.variants {
        assert!(ids.insert(v.id.clone()), "duplicate id {}", v.id);
        assert!(
            v.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{}",
            v.id
        );
        let insp = inspect(&v.token).unwrap_or_else(|e| panic!("{}: {e}", v.id));
        assert_eq!(insp.spans.len(), 3, "{}", v.id);
        assert!(insp.header.is_ok(), "{}: header is a JSON object", v.id);
        assert!(insp.payload.is_ok() && insp.signature.is_ok(), "{}", v.id);
        assert!(!v.explanation.is_empty() && !v.server_must.is_empty() && !v.reference.is_empty());
        assert_eq!(
            v.bearer_line(),
            format!("Authorization: Bearer {}", v.token)
        );
        if v.expected_valid {
            assert!(!v.verifier.rejected, "{}: {}", v.id, v.verifier.why);
            assert_eq!(seg(&v.token, 0), seg(original, 0), "{}", v.id);
            assert_eq!(seg(&v.token, 1), seg(original, 1), "{}", v.id);
        } else {
            assert!(
                v.verifier.rejected,
                "{} was accepted: {}",
                v.id, v.verifier.why
            );
        }
    }
    assert_eq!(lab.total + lab.probes, lab.variants.len());
    assert_eq!(lab.rejected, lab.total);
    assert_eq!(lab.probes_accepted, lab.probes);
    assert!(lab.surprises().is_empty());
}

/// RFC 2104 on top of a plain digest, independent of the HMAC the lab uses.
fn rfc2104(alg: JwsAlg, key: &[u8], message: &[u8]) -> Vec<u8> {
    let (d, block) = match alg {
        JwsAlg::HS256 => (&digest::SHA256, 64),
        JwsAlg::HS384 => (&digest::SHA384, 128),
        _ => (&digest::SHA512, 128),
    };
    let mut k = if key.len() > block {
        digest::digest(d, key).as_ref().to_vec()
    } else {
        key.to_vec()
    };
    k.resize(block, 0);
    let mut inner: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    inner.extend_from_slice(message);
    let mut outer: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    outer.extend_from_slice(digest::digest(d, &inner).as_ref());
    digest::digest(d, &outer).as_ref().to_vec()
}

fn pem_body(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body).unwrap()
}

/// Every key-confusion variant carries the HMAC of exactly the form its id names.
fn check_confusion(lab: &Lab, forms: &[(&str, Vec<u8>)]) {
    let confusion: Vec<&Variant> = lab
        .variants
        .iter()
        .filter(|v| v.group == Group::KeyConfusion)
        .collect();
    assert_eq!(confusion.len(), 3 * forms.len());
    for alg in [JwsAlg::HS256, JwsAlg::HS384, JwsAlg::HS512] {
        for (form, bytes) in forms {
            let v = find(lab, &format!("key-confusion-{alg}-{form}"));
            assert_eq!(header(&v.token)["alg"], alg.name());
            let input = format!("{}.{}", seg(&v.token, 0), seg(&v.token, 1));
            let expected = rfc2104(alg, bytes, input.as_bytes());
            assert_eq!(decode(seg(&v.token, 2)), expected, "{}", v.id);
        }
    }
}

fn check_alg_none(lab: &Lab, original: &str) {
    let none: Vec<&Variant> = lab
        .variants
        .iter()
        .filter(|v| v.group == Group::AlgNone)
        .collect();
    assert_eq!(none.len(), 8);
    for spelling in ["none", "None", "NONE", "nOnE"] {
        let stripped = find(lab, &format!("alg-none-{spelling}-stripped"));
        assert_eq!(header(&stripped.token)["alg"], spelling);
        assert_eq!(header(&stripped.token)["typ"], "JWT");
        assert!(stripped.token.ends_with('.'));
        assert_eq!(seg(&stripped.token, 1), seg(original, 1));
        let kept = find(lab, &format!("alg-none-{spelling}-kept-signature"));
        assert_eq!(seg(&kept.token, 0), seg(&stripped.token, 0));
        assert_eq!(seg(&kept.token, 1), seg(original, 1));
        assert_eq!(seg(&kept.token, 2), seg(original, 2));
    }
    let null = find(lab, "null-signature");
    assert_eq!(
        null.token,
        format!("{}.{}.", seg(original, 0), seg(original, 1))
    );
}

fn check_tampering(lab: &Lab, original: &str) {
    let payload = |id: &str| -> String {
        let v = find(lab, id);
        assert_eq!(seg(&v.token, 0), seg(original, 0), "{id} keeps the header");
        assert_eq!(
            seg(&v.token, 2),
            seg(original, 2),
            "{id} keeps the signature"
        );
        String::from_utf8(decode(seg(&v.token, 1))).unwrap()
    };
    assert_eq!(
        payload("claims-admin"),
        r#"{"sub":"alice","admin":true,"exp":4102444800,"aud":"api","big":12345678901234567890123}"#
    );
    assert_eq!(
        payload("claims-role"),
        r#"{"sub":"alice","admin":false,"exp":4102444800,"aud":"api","big":12345678901234567890123,"role":"admin"}"#
    );
    assert_eq!(
        payload("claims-exp-extended"),
        format!(
            r#"{{"sub":"alice","admin":false,"exp":{},"aud":"api","big":12345678901234567890123}}"#,
            EXP + YEAR
        )
    );
    assert_eq!(
        payload("claims-exp-removed"),
        r#"{"sub":"alice","admin":false,"aud":"api","big":12345678901234567890123}"#
    );
    assert_eq!(
        payload("claims-aud-shape"),
        r#"{"sub":"alice","admin":false,"exp":4102444800,"aud":["api"],"big":12345678901234567890123}"#
    );
}

/// The x5c certificates parse with the project's loader (and OpenSSL when present), and
/// their key is the one that verifies the variant.
fn check_x5c(lab: &Lab) {
    for (id, alg, sig_name) in [
        (
            "x5c-self-signed-rsa",
            JwsAlg::RS256,
            "sha256WithRSAEncryption",
        ),
        ("x5c-self-signed-ec", JwsAlg::ES256, "ecdsa-with-SHA256"),
    ] {
        let v = find(lab, id);
        let h = header(&v.token);
        assert_eq!(h["alg"], alg.name());
        let der = STANDARD.decode(h["x5c"][0].as_str().unwrap()).unwrap();
        let pem = keys::pem_encode("CERTIFICATE", &der);
        let file = keys::load_key_bytes(pem.as_bytes()).unwrap();
        let cert_key = file.pick(None, Purpose::Verify).unwrap();
        let info = cert_key.cert.as_ref().expect("certificate info");
        assert_eq!(info.subject, "CN=JWT Workbench attack lab");
        assert!(info.not_before <= NOW && NOW < info.not_after);
        let policy = Policy {
            algorithms: vec![alg],
            any_aud: true,
            ..Default::default()
        };
        let report = verify(&inspect(&v.token).unwrap(), Some(cert_key), &policy, NOW);
        assert!(report.valid(), "{id}: {}", report.verdict().1);

        let path =
            std::env::temp_dir().join(format!("jwt-workbench-{}-{id}.pem", std::process::id()));
        std::fs::write(&path, &pem).unwrap();
        let text = std::process::Command::new("openssl")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(&path)
            .output();
        match text {
            Err(_) => println!(
                "SKIPPED: openssl is not installed, {id} checked with the project's loader only"
            ),
            Ok(out) => {
                let shown = String::from_utf8_lossy(&out.stdout);
                assert!(
                    out.status.success(),
                    "openssl x509 reads {id}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                assert!(shown.contains("Version: 3 (0x2)"), "{shown}");
                assert!(shown.contains(sig_name), "{shown}");
                assert!(shown.contains("CN = JWT Workbench attack lab"), "{shown}");
                // The self-signature verifies (a self-signed trust anchor, its signature checked),
                // at the lab's time rather than the machine's clock.
                let verified = std::process::Command::new("openssl")
                    .args([
                        "verify",
                        "-check_ss_sig",
                        "-attime",
                        &NOW.to_string(),
                        "-CAfile",
                    ])
                    .arg(&path)
                    .arg(&path)
                    .output()
                    .unwrap();
                assert!(
                    verified.status.success(),
                    "openssl verify {id}: {}{}",
                    String::from_utf8_lossy(&verified.stdout),
                    String::from_utf8_lossy(&verified.stderr)
                );
            }
        }
        let _ = std::fs::remove_file(&path);
    }
}

fn ids(lab: &Lab) -> Vec<&str> {
    lab.variants.iter().map(|v| v.id.as_str()).collect()
}

#[test]
fn rs256_lab_with_the_spki_pem_as_loaded() {
    let private = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign);
    let public = fixture_key("rsa2048.spki.pem", Purpose::Verify);
    let pem = std::fs::read_to_string(fixture("rsa2048.spki.pem")).unwrap();
    let original = token("RS256", &private);
    let lab = lab(&original, Some(&public), Some(&pem));
    println!("RS256: {} variants: {:?}", lab.variants.len(), ids(&lab));
    println!("{}", lab.summary());
    check_lab(&lab, &original);
    assert_eq!(lab.variants.len(), 42);
    assert_eq!((lab.total, lab.probes), (42, 0));
    assert_eq!(lab.summary(), "42 forgeries rejected of 42");
    check_alg_none(&lab, &original);
    check_tampering(&lab, &original);
    check_x5c(&lab);

    let (KeyMaterial::RsaPublic { n, e } | KeyMaterial::RsaPrivate { n, e, .. }) = &public.material
    else {
        panic!("an RSA key")
    };
    let jwk = format!(
        r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(e),
        URL_SAFE_NO_PAD.encode(n)
    );
    let der = std::fs::read(fixture("rsa2048.spki.der")).unwrap();
    assert_eq!(der, pem_body(&pem));
    let forms = [
        ("pem-as-loaded", pem.as_bytes().to_vec()),
        (
            "pem-no-final-newline",
            pem.strip_suffix('\n').unwrap().as_bytes().to_vec(),
        ),
        ("pem-crlf", pem.replace('\n', "\r\n").into_bytes()),
        (
            "pkcs1-pem",
            std::fs::read(fixture("rsa2048.pkcs1-public.pem")).unwrap(),
        ),
        ("spki-der", der),
        ("jwk", jwk.into_bytes()),
    ];
    check_confusion(&lab, &forms);

    // The empty key and kid injections carry the MAC of the key they claim.
    for (id, key) in [
        ("empty-hmac-key", &b""[..]),
        ("kid-path-traversal", b""),
        ("kid-sql-injection", b"key"),
        ("kid-command-injection", b""),
    ] {
        let v = find(&lab, id);
        let input = format!("{}.{}", seg(&v.token, 0), seg(&v.token, 1));
        assert_eq!(
            decode(seg(&v.token, 2)),
            rfc2104(JwsAlg::HS256, key, input.as_bytes()),
            "{id}"
        );
    }
    assert_eq!(
        header(&find(&lab, "kid-path-traversal").token)["kid"],
        "../../../../../../dev/null"
    );
    assert_eq!(
        header(&find(&lab, "kid-sql-injection").token)["kid"],
        "' UNION SELECT 'key' --"
    );

    // jku and x5u point at the attacker URL and say what to serve there.
    let jku = find(&lab, "jku-attacker-url");
    let h = header(&jku.token);
    assert_eq!(h["jku"], "https://attacker.example/.well-known/jwks.json");
    let jwks: Value = serde_json::from_str(jku.serve.as_ref().unwrap()).unwrap();
    assert_eq!(jwks["keys"][0]["kid"], h["kid"]);
    assert!(jwks["keys"][0].get("d").is_none());
    let x5u = find(&lab, "x5u-attacker-url");
    assert!(
        x5u.serve
            .as_ref()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----\n")
    );
    // The embedded jwk verifies its own token: the signature is genuine, the key is not trusted.
    for id in ["embedded-jwk-rsa", "embedded-jwk-ec"] {
        let v = find(&lab, id);
        let h = header(&v.token);
        let embedded = key(&h["jwk"].to_string());
        let alg = JwsAlg::from_name(h["alg"].as_str().unwrap()).unwrap();
        let policy = Policy {
            algorithms: vec![alg],
            any_aud: true,
            ..Default::default()
        };
        assert!(
            verify(&inspect(&v.token).unwrap(), Some(&embedded), &policy, NOW).valid(),
            "{id}"
        );
    }
}

#[test]
fn lab_json_has_exactly_the_documented_fields() {
    let secret = key(A1_JWK);
    let original = token("HS256", &secret);
    let lab = lab(&original, Some(&secret), None);
    let json: Value = serde_json::from_str(&lab.to_json()).unwrap();
    let top: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(top, ["variants"]);
    let variants = json["variants"].as_array().unwrap();
    assert_eq!(variants.len(), lab.variants.len());
    for v in variants {
        let fields: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(
            fields,
            [
                "id",
                "group",
                "name",
                "token",
                "explanation",
                "server_must",
                "reference",
                "expected_valid",
                "rejected_by_workbench",
                "verifier"
            ]
        );
        assert_eq!(v["rejected_by_workbench"], true);
    }
    assert_eq!(variants[0]["id"], "alg-none-none-stripped");
    assert_eq!(variants[0]["group"], "alg-none");
}

/// Big-endian a + b, one byte longer than the inputs.
fn add(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len() + 1];
    let mut carry = 0u16;
    for i in (0..a.len()).rev() {
        let sum = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i + 1] = (sum & 0xff) as u8;
        carry = sum >> 8;
    }
    out[0] = carry as u8;
    out
}

/// Psychic signatures are zeros of the right length; the probe is (r, n - s), on the right
/// side of n/2, keeps the original bytes and verifies.
fn check_ecdsa(lab: &Lab, original: &str, order_hex: &str, len: usize) {
    let psychic = find(lab, "ecdsa-psychic-signature");
    assert_eq!(decode(seg(&psychic.token, 2)), vec![0u8; 2 * len]);
    assert_eq!(seg(&psychic.token, 0), seg(original, 0));
    assert_eq!(seg(&psychic.token, 1), seg(original, 1));
    let tampered = find(lab, "ecdsa-psychic-signature-tampered");
    assert_eq!(decode(seg(&tampered.token, 2)), vec![0u8; 2 * len]);
    let claims: Value = serde_json::from_slice(&decode(seg(&tampered.token, 1))).unwrap();
    assert_eq!(claims["admin"], true);

    let probe = find(lab, "ecdsa-malleability-n-minus-s");
    assert!(
        probe.expected_valid && !probe.verifier.rejected,
        "{}",
        probe.verifier.why
    );
    let old = decode(seg(original, 2));
    let new = decode(seg(&probe.token, 2));
    assert_eq!(new.len(), 2 * len);
    assert_eq!(new[..len], old[..len], "r is kept");
    let (s, s2) = (&old[len..], &new[len..]);
    let n = jwt_workbench::core::b64::decode_hex(order_hex).unwrap();
    assert_eq!(n.len(), len);
    let mut n_wide = vec![0u8];
    n_wide.extend(&n);
    assert_eq!(add(s, s2), n_wide, "s + s' = n");
    let twice_s = add(s, s);
    let twice_s2 = add(s2, s2);
    assert_eq!(
        twice_s < n_wide,
        twice_s2 > n_wide,
        "s and s' lie on both sides of n/2"
    );
    let side = if twice_s2 > n_wide { "high-S" } else { "low-S" };
    assert!(probe.name.contains(side), "{}", probe.name);
    assert_eq!(lab.probes, 1);
    assert!(
        lab.summary()
            .ends_with("; 1 malleability probe accepted, as ECDSA allows"),
        "{}",
        lab.summary()
    );
}

const P256_N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const P384_N: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";
const P521_N: &str = "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409";

/// The PEM forms of a public key file, its DER, and the JWK text built from `jwk`.
fn pem_forms(file: &str, jwk: String) -> Vec<(&'static str, Vec<u8>)> {
    let pem = std::fs::read_to_string(fixture(file)).unwrap();
    vec![
        ("pem-as-loaded", pem.as_bytes().to_vec()),
        (
            "pem-no-final-newline",
            pem.strip_suffix('\n').unwrap().as_bytes().to_vec(),
        ),
        ("pem-crlf", pem.replace('\n', "\r\n").into_bytes()),
        ("spki-der", pem_body(&pem)),
        ("jwk", jwk.into_bytes()),
    ]
}

fn ec_jwk(key: &Key, crv: &str, len: usize) -> String {
    let (KeyMaterial::EcPublic { point, .. } | KeyMaterial::EcPrivate { point, .. }) =
        &key.material
    else {
        panic!("an EC key")
    };
    format!(
        r#"{{"crv":"{crv}","kty":"EC","x":"{}","y":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(&point[1..1 + len]),
        URL_SAFE_NO_PAD.encode(&point[1 + len..])
    )
}

#[test]
fn es256_lab_has_psychic_and_malleability_variants() {
    let private = fixture_key("ec256.pkcs8.pem", Purpose::Sign);
    let public = fixture_key("ec256.spki.pem", Purpose::Verify);
    let pem = std::fs::read_to_string(fixture("ec256.spki.pem")).unwrap();
    let original = token("ES256", &private);
    let lab = lab(&original, Some(&public), Some(&pem));
    println!("ES256: {} variants: {:?}", lab.variants.len(), ids(&lab));
    println!("{}", lab.summary());
    check_lab(&lab, &original);
    // 42, and the token re-labelled ML-DSA-44, -65 and -87.
    assert_eq!(lab.variants.len(), 45);
    assert_eq!((lab.total, lab.probes), (44, 1));
    check_alg_none(&lab, &original);
    check_tampering(&lab, &original);
    check_ecdsa(&lab, &original, P256_N, 32);
    check_confusion(
        &lab,
        &pem_forms("ec256.spki.pem", ec_jwk(&public, "P-256", 32)),
    );
}

#[test]
fn es384_and_es512_labs_with_private_keys_loaded() {
    for (file, public_file, alg, crv, n, len) in [
        (
            "ec384.pkcs8.pem",
            "ec384.spki.pem",
            "ES384",
            "P-384",
            P384_N,
            48,
        ),
        (
            "ec521.pkcs8.pem",
            "ec521.spki.pem",
            "ES512",
            "P-521",
            P521_N,
            66,
        ),
    ] {
        let private = fixture_key(file, Purpose::Sign);
        let original = token(alg, &private);
        // The private key is loaded with its public PEM as the key text.
        let pem = std::fs::read_to_string(fixture(public_file)).unwrap();
        let lab = lab(&original, Some(&private), Some(&pem));
        println!("{alg}: {} variants", lab.variants.len());
        check_lab(&lab, &original);
        check_ecdsa(&lab, &original, n, len);
        check_confusion(&lab, &pem_forms(public_file, ec_jwk(&private, crv, len)));
    }
}

#[test]
fn eddsa_lab_with_a_private_key_and_its_own_pem_text() {
    let private = fixture_key("ed25519.pkcs8.pem", Purpose::Sign);
    let original = token("EdDSA", &private);
    // The loaded text is the private PEM: confusion falls back to the SPKI PEM.
    let text = std::fs::read_to_string(fixture("ed25519.pkcs8.pem")).unwrap();
    let lab = lab(&original, Some(&private), Some(&text));
    println!("EdDSA: {} variants: {:?}", lab.variants.len(), ids(&lab));
    check_lab(&lab, &original);
    assert!(
        lab.notes.iter().any(|n| n.contains("not a public PEM")),
        "{:?}",
        lab.notes
    );
    assert!(!ids(&lab).iter().any(|id| id.starts_with("ecdsa-")));
    let spki = std::fs::read_to_string(fixture("ed25519.spki.pem")).unwrap();
    let KeyMaterial::EdPrivate { public, .. } = &private.material else {
        panic!("an Ed25519 key")
    };
    let jwk = format!(
        r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(public)
    );
    let forms = [
        ("pem-spki", spki.as_bytes().to_vec()),
        (
            "pem-no-final-newline",
            spki.strip_suffix('\n').unwrap().as_bytes().to_vec(),
        ),
        ("pem-crlf", spki.replace('\n', "\r\n").into_bytes()),
        ("spki-der", pem_body(&spki)),
        ("jwk", jwk.into_bytes()),
    ];
    check_confusion(&lab, &forms);
}

#[test]
fn hs256_lab_and_claims_added_when_absent() {
    let secret = key(A1_JWK);
    let original = sign(
        r#"{"alg":"HS256"}"#,
        r#"{"sub":"bob","role":"admin","aud":["a","b"]}"#,
        &secret,
        Layout::Minified,
    )
    .unwrap();
    let lab = lab(&original, Some(&secret), None);
    println!("HS256: {} variants: {:?}", lab.variants.len(), ids(&lab));
    check_lab(&lab, &original);
    assert!(!lab.variants.iter().any(|v| v.group == Group::KeyConfusion));
    assert!(
        lab.notes.iter().any(|n| n.contains("HMAC secret")),
        "{:?}",
        lab.notes
    );
    let payload = |id: &str| String::from_utf8(decode(seg(&find(&lab, id).token, 1))).unwrap();
    assert_eq!(
        payload("claims-admin"),
        r#"{"sub":"bob","role":"admin","aud":["a","b"],"admin":true}"#
    );
    assert_eq!(
        payload("claims-role"),
        r#"{"sub":"bob","role":"user","aud":["a","b"]}"#
    );
    assert_eq!(
        payload("claims-exp-extended"),
        format!(
            r#"{{"sub":"bob","role":"admin","aud":["a","b"],"exp":{}}}"#,
            NOW + YEAR
        )
    );
    assert_eq!(
        payload("claims-aud-shape"),
        r#"{"sub":"bob","role":"admin","aud":"a"}"#
    );
    assert!(lab.variants.iter().all(|v| v.id != "claims-exp-removed"));
}

#[test]
fn without_a_key_nothing_can_be_accepted_and_the_lab_says_so() {
    let private = fixture_key("ec256.pkcs8.pem", Purpose::Sign);
    let original = token("ES256", &private);
    let lab = lab(&original, None, None);
    assert!(!lab.variants.iter().any(|v| v.group == Group::KeyConfusion));
    for v in &lab.variants {
        assert!(v.verifier.rejected && !v.verifier.with_key, "{}", v.id);
        assert!(
            v.verifier
                .why
                .starts_with("no key loaded: the verifier cannot accept anything"),
            "{}",
            v.verifier.why
        );
    }
    assert!(lab.original.rejected);
    assert!(
        lab.summary().starts_with("no key loaded"),
        "{}",
        lab.summary()
    );
    inspect(&find(&lab, "ecdsa-malleability-n-minus-s").token).unwrap();
}
