//! Unit tests: refusals with actionable messages, key forms for unusual key texts, the
//! certificate's own signature, tokens without claims, and the summary sentence.

use super::*;
use crate::core::keys::der::{self, tag};
use crate::core::keys::{KeyMaterial, KeySpec, Purpose};
use crate::core::{
    b64,
    sign::{Layout, sign},
};

const NOW: NumericDate = 1_800_000_000;
const EC256: &str = include_str!("../../../tests/fixtures/ec256.pkcs8.pem");
const EC256_SPKI: &str = include_str!("../../../tests/fixtures/ec256.spki.pem");
const RSA_SPKI: &str = include_str!("../../../tests/fixtures/rsa2048.spki.pem");
const ED25519: &str = include_str!("../../../tests/fixtures/ed25519.pkcs8.pem");

fn load(text: &str) -> Key {
    keys::load_key_bytes(text.as_bytes())
        .unwrap()
        .pick(None, Purpose::Sign)
        .unwrap()
        .clone()
}

fn es256_token(claims: &str) -> String {
    sign(
        r#"{"alg":"ES256","typ":"JWT"}"#,
        claims,
        &load(EC256),
        Layout::Minified,
    )
    .unwrap()
}

fn run(token: &str, key: Option<&Key>, text: Option<&str>) -> Result<Lab, AttackError> {
    let input = AttackInput {
        key,
        key_text: text,
        ..AttackInput::new(token)
    };
    generate(&input, NOW)
}

#[test]
fn refusals_say_what_to_load_instead() {
    let ec = load(EC256);
    let token = es256_token(r#"{"sub":"a"}"#);
    let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d";
    assert_eq!(run(jwe, None, None).unwrap_err(), AttackError::Encrypted);
    let none = format!("{}.e30.", b64::encode(br#"{"alg":"none"}"#));
    let e = run(&none, None, None).unwrap_err().to_string();
    assert!(e.starts_with("alg is \"none\""), "{e}");
    assert!(
        e.ends_with("load a token signed with a real algorithm (HS256, RS256, ES256, EdDSA...)")
    );
    let e = run("abc.def", None, None).unwrap_err().to_string();
    assert_eq!(e, "a JWT has 3 segments separated by dots; this one has 2");
    let rsa = load(RSA_SPKI);
    let e = run(&token, Some(&rsa), None).unwrap_err().to_string();
    assert_eq!(
        e,
        "the loaded key is an RSA public key, but the token says ES256: load the key that verifies this token"
    );
    let e = run(&token, Some(&ec), Some(RSA_SPKI)).unwrap_err();
    assert_eq!(e, AttackError::KeyTextMismatch);
    let e = run(&token, Some(&ec), Some("not a key"))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("the public key text does not load: not a key"),
        "{e}"
    );
    // Messages never carry key material, even when the key text is a damaged private key.
    let body = EC256.lines().nth(1).unwrap();
    let damaged = EC256.replacen(body, &format!("{}*{}", &body[..10], &body[11..]), 1);
    let e = run(&token, Some(&ec), Some(&damaged))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("the public key text does not load"), "{e}");
    for line in EC256.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!e.contains(line) && !e.contains(&line[..16]), "{e}");
    }
}

#[test]
fn key_forms_follow_the_loaded_line_endings() {
    let ec = load(EC256);
    let crlf = EC256_SPKI.replace('\n', "\r\n");
    let mut notes = Vec::new();
    let forms = confusion::key_forms(&ec, Some(&crlf), &mut notes).unwrap();
    let ids: Vec<&str> = forms.iter().map(|f| f.id).collect();
    assert_eq!(
        ids,
        [
            "pem-as-loaded",
            "pem-no-final-newline",
            "pem-lf",
            "spki-der",
            "jwk"
        ]
    );
    assert_eq!(forms[0].bytes, crlf.as_bytes());
    assert_eq!(forms[1].bytes, crlf.trim_end().as_bytes());
    assert_eq!(forms[2].bytes, EC256_SPKI.as_bytes());
    assert!(notes.is_empty());
    // No key text: the SPKI PEM the server would publish, and a note when the text is private.
    let forms = confusion::key_forms(&ec, None, &mut notes).unwrap();
    assert_eq!(forms[0].id, "pem-spki");
    assert_eq!(forms[0].bytes, EC256_SPKI.as_bytes());
    confusion::key_forms(&ec, Some(EC256), &mut notes).unwrap();
    assert_eq!(notes.len(), 1);
}

/// Splits a certificate into (TBSCertificate DER, signature algorithm content, signature).
fn split_cert(der_bytes: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let cert = der::expect_whole(der_bytes, tag::SEQUENCE, "certificate").unwrap();
    let (tbs, rest) = der::read(cert.content).unwrap();
    let (alg, rest) = der::read(rest).unwrap();
    let (sig, rest) = der::read(rest).unwrap();
    assert!(rest.is_empty() && sig.tag == tag::BIT_STRING && sig.content[0] == 0);
    let fields = der::children(tbs.content).unwrap();
    assert_eq!(fields[0].tag, tag::CONTEXT_0, "explicit version");
    assert_eq!(fields[0].content, [0x02, 0x01, 0x02], "version 3");
    assert!(fields[1].content[0] & 0x80 == 0, "positive serial");
    assert_eq!(
        fields[2].content, alg.content,
        "same algorithm inside and out"
    );
    assert_eq!(fields[3].content, fields[5].content, "issuer = subject");
    let tbs_der = der::write(tbs.tag, tbs.content);
    (tbs_der, alg.content.to_vec(), sig.content[1..].to_vec())
}

#[test]
fn certificates_carry_a_valid_self_signature() {
    use aws_lc_rs::signature::{
        ECDSA_P256_SHA256_ASN1, RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents,
        UnparsedPublicKey,
    };
    let ec = keys::generate(&KeySpec::new(JwsAlg::ES256)).unwrap();
    let (tbs, _, sig) = split_cert(&cert::self_signed(&ec, NOW).unwrap());
    let KeyMaterial::EcPrivate { point, .. } = &ec.material else {
        unreachable!()
    };
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_ASN1, point)
        .verify(&tbs, &sig)
        .unwrap();
    let rsa = keys::generate(&KeySpec::new(JwsAlg::RS256)).unwrap();
    let (tbs, alg, sig) = split_cert(&cert::self_signed(&rsa, NOW).unwrap());
    assert_eq!(
        alg[alg.len() - 2..],
        [0x05, 0x00],
        "RSA algorithm with NULL parameters"
    );
    let KeyMaterial::RsaPrivate { n, e, .. } = &rsa.material else {
        unreachable!()
    };
    RsaPublicKeyComponents { n, e }
        .verify(&RSA_PKCS1_2048_8192_SHA256, &tbs, &sig)
        .unwrap();
    // A public key cannot be certified.
    assert!(cert::self_signed(&rsa.public_half(), NOW).is_err());
}

#[test]
fn a_text_payload_skips_claim_tampering_and_says_why() {
    let ed = load(ED25519);
    let input = format!(
        "{}.{}",
        b64::encode(br#"{"alg":"EdDSA"}"#),
        b64::encode(b"hello")
    );
    let sig = keys::sign_bytes(&ed, JwsAlg::EdDSA, input.as_bytes()).unwrap();
    let token = format!("{input}.{}", b64::encode(&sig));
    let lab = run(&token, Some(&ed.public_half()), None).unwrap();
    assert!(!lab.original.rejected, "{}", lab.original.why);
    assert!(
        lab.variants
            .iter()
            .all(|v| v.group != Group::ClaimTampering)
    );
    assert!(
        lab.notes
            .iter()
            .any(|n| n.starts_with("claim tampering skipped"))
    );
    assert_eq!(lab.rejected, lab.total);
    assert_eq!(lab.total, lab.variants.len());
}

#[test]
fn a_bad_ecdsa_signature_skips_the_probe_and_an_expired_original_is_flagged() {
    let ec = load(EC256);
    let good = es256_token(r#"{"sub":"a","exp":1000}"#);
    let short = format!(
        "{}.{}",
        &good[..good.rfind('.').unwrap()],
        b64::encode(&[1u8; 10])
    );
    let lab = run(&short, Some(&ec), None).unwrap();
    assert!(lab.variants.iter().all(|v| !v.expected_valid));
    assert!(
        lab.notes
            .iter()
            .any(|n| n.contains("malleability probe is skipped"))
    );
    let lab = run(&good, Some(&ec), None).unwrap();
    assert!(lab.original.rejected);
    let summary = lab.summary();
    assert!(
        summary.contains(
            "The original token itself is rejected (signature valid, but the token has expired)"
        ),
        "{summary}"
    );
    // The probe keeps the claims, so it is rejected for the same reason: not a surprise to hide.
    assert_eq!(lab.probes_accepted, 0);
    assert!(
        summary.contains("0 of 1 malleability probe accepted"),
        "{summary}"
    );
}

#[test]
fn group_slugs_are_kebab_case_and_distinct() {
    let groups = [
        Group::AlgNone,
        Group::NullSignature,
        Group::EmptyKey,
        Group::KeyConfusion,
        Group::EmbeddedJwk,
        Group::KeyUrl,
        Group::X5c,
        Group::KidInjection,
        Group::Ecdsa,
        Group::PostQuantum,
        Group::ClaimTampering,
    ];
    let slugs: std::collections::HashSet<&str> = groups.iter().map(|g| g.slug()).collect();
    assert_eq!(slugs.len(), groups.len());
    assert!(slugs.iter().all(|s| {
        s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    }));
    assert!(groups.iter().all(|g| !g.title().is_empty()));
}

#[test]
fn ml_dsa_tokens_and_keys_are_attacked_and_refused() {
    let key = keys::generate(&KeySpec::new(JwsAlg::MlDsa65)).unwrap();
    let token = sign(
        r#"{"alg":"ML-DSA-65","typ":"JWT"}"#,
        r#"{"sub":"pq","exp":1900000000}"#,
        &key,
        Layout::Minified,
    )
    .unwrap();
    let public = key.public_half();
    let lab = run(&token, Some(&public), None).unwrap();
    assert!(!lab.original.rejected, "{:?}", lab.original);
    let pq: Vec<&Variant> = lab
        .variants
        .iter()
        .filter(|v| v.group == Group::PostQuantum)
        .collect();
    let ids: Vec<&str> = pq.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ml-dsa-es256-signature",
            "ml-dsa-relabelled-ml-dsa-44",
            "ml-dsa-relabelled-ml-dsa-87",
            "ml-dsa-pub-short",
            "ml-dsa-pub-long",
            "ml-dsa-mismatched-pair"
        ]
    );
    for v in &pq {
        assert!(v.verifier.rejected, "{}: {}", v.id, v.verifier.why);
    }
    let why = |id: &str| &pq.iter().find(|v| v.id == id).unwrap().verifier.why;
    assert!(
        why("ml-dsa-pub-short").contains("1951"),
        "{}",
        why("ml-dsa-pub-short")
    );
    assert!(why("ml-dsa-mismatched-pair").contains("RFC 9964 section 7.4"));
    // The mismatched pair's token is signed by another seed: the real key refuses it too.
    let pair = pq
        .iter()
        .find(|v| v.id == "ml-dsa-mismatched-pair")
        .unwrap();
    let json = pair.to_json();
    assert!(json["key"].as_str().unwrap().contains("\"priv\""));
    let policy = crate::core::verify::Policy {
        algorithms: vec![JwsAlg::MlDsa65],
        ..Default::default()
    };
    let report =
        crate::core::verify::verify(&inspect(&pair.token).unwrap(), Some(&public), &policy, NOW);
    assert!(!report.valid());
    assert_eq!(lab.surprises().len(), 0);
    // Without a key, the key attacks are skipped and said to be.
    let lab = run(&token, None, None).unwrap();
    assert!(lab.notes.iter().any(|n| n.contains("ML-DSA key attacks")));
}

#[test]
fn an_es256_token_relabelled_ml_dsa_is_refused() {
    let ec = load(EC256);
    let token = es256_token(r#"{"sub":"a"}"#);
    let lab = run(&token, Some(&ec), Some(EC256_SPKI)).unwrap();
    let relabelled: Vec<&Variant> = lab
        .variants
        .iter()
        .filter(|v| v.id.starts_with("es256-relabelled-"))
        .collect();
    assert_eq!(relabelled.len(), 3);
    for v in relabelled {
        assert!(v.verifier.rejected, "{}", v.id);
        let insp = inspect(&v.token).unwrap();
        assert!(
            matches!(insp.alg, crate::core::alg::HeaderAlg::Known(a) if a.family() != crate::core::alg::Family::Ec(crate::core::alg::Curve::P256))
        );
    }
}
