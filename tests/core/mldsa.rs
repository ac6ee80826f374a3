//! ML-DSA (RFC 9964) and the fully-specified Ed25519 name (RFC 9864) against stored outputs of
//! other implementations (tests/fixtures/modern, see its README): the RFC 9964 appendix A.1
//! examples, @noble/post-quantum 0.7.1 (deterministic signing) and jwcrypto 1.6.1 (hedged).
//! aws-lc signs ML-DSA hedged, so our tokens cannot equal noble's byte for byte: theirs are
//! verified with our keys, ours with the public keys they published, and the keys (public key
//! from the seed, thumbprint, JWK members) must be exactly theirs.

use crate::common::*;
use jwt_workbench::core::alg::MlDsaLevel;
use jwt_workbench::core::keys::{self, Key, KeyError, KeyMaterial, MlDsaError, Purpose};
use jwt_workbench::core::verify::SignatureStatus;
use jwt_workbench::core::{
    alg::{Family, JwsAlg},
    sign::{Layout, PayloadForm, sign, sign_compact},
    token::inspect,
    verify::{Policy, verify},
};
use serde_json::Value;

/// The fixtures' "now": their tokens have iat 1780000000 and exp 4000000000.
const NOW: i64 = 1_780_000_100;

fn modern(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("modern/{name}"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn jwk(v: &Value) -> Key {
    key(&v.to_string())
}

fn level_of(name: &str) -> MlDsaLevel {
    match JwsAlg::from_name(name).unwrap().family() {
        Family::MlDsa(level) => level,
        other => panic!("{name}: {other:?}"),
    }
}

/// The report of `token` checked with `key`, only `alg` accepted.
fn check(
    token: &str,
    key: &Key,
    alg: JwsAlg,
    any_payload: bool,
) -> jwt_workbench::core::verify::Report {
    let policy = Policy {
        algorithms: vec![alg],
        any_payload,
        ..Policy::default()
    };
    verify(&inspect(token).unwrap(), Some(key), &policy, NOW)
}

/// Signs the token's own header and payload again with `key`: the same signing input.
fn resign(token: &str, key: &Key) -> String {
    let insp = inspect(token).unwrap();
    let header = String::from_utf8(insp.header_bytes.clone().unwrap()).unwrap();
    let payload = insp.payload_bytes.clone().unwrap();
    let alg = match insp.alg {
        jwt_workbench::core::alg::HeaderAlg::Known(a) => a,
        other => panic!("{other:?}"),
    };
    let ours = sign_compact(&header, &payload, alg, key, PayloadForm::default()).unwrap();
    let (theirs_input, _) = token.rsplit_once('.').unwrap();
    let (ours_input, _) = ours.rsplit_once('.').unwrap();
    assert_eq!(ours_input, theirs_input, "the same signing input");
    ours
}

#[test]
fn rfc9964_appendix_a1_examples() {
    let f = modern("rfc9964-appendix-a1.json");
    let examples = f["examples"].as_array().unwrap();
    assert_eq!(examples.len(), 3);
    for ex in examples {
        let jwk_value = &ex["jwk"];
        let name = jwk_value["alg"].as_str().unwrap();
        let alg = JwsAlg::from_name(name).unwrap();
        let private = jwk(jwk_value);
        // pub = keygen(seed): loading checks it (a mismatched pair is refused).
        let KeyMaterial::MlDsaPrivate { seed, public, .. } = &private.material else {
            panic!("{name}: {private:?}")
        };
        assert_eq!(
            jwt_workbench::core::b64::encode_hex(seed),
            ex["priv"].as_str().unwrap()
        );
        assert_eq!(public.len(), level_of(name).public_len());
        assert_eq!(
            private.thumbprint(),
            jwk_value["kid"].as_str().unwrap(),
            "{name}"
        );
        let token = ex["jws"].as_str().unwrap();
        let public_key = private.public_half();
        let report = check(token, &public_key, alg, true);
        assert_eq!(
            report.signature,
            SignatureStatus::Valid,
            "{name}: {report:?}"
        );
        let insp = inspect(token).unwrap();
        assert_eq!(
            String::from_utf8(insp.payload_bytes.clone().unwrap()).unwrap(),
            ex["decoded_payload"].as_str().unwrap()
        );
        assert_eq!(
            insp.signature.as_ref().unwrap().len(),
            level_of(name).signature_len()
        );
        // Ours over the same input verifies with the RFC's public key alone.
        let public_only = {
            let mut v = jwk_value.clone();
            v.as_object_mut().unwrap().remove("priv");
            jwk(&v)
        };
        assert!(!public_only.is_private());
        let ours = resign(token, &private);
        assert_ne!(
            ours, token,
            "hedged signing: another, equally valid signature"
        );
        let report = check(&ours, &public_only, alg, true);
        assert_eq!(
            report.signature,
            SignatureStatus::Valid,
            "{name}: {report:?}"
        );
    }
}

#[test]
fn noble_keys_thumbprints_and_tokens() {
    let f = modern("mldsa.json");
    for (name, a) in f["algs"].as_object().unwrap() {
        let level = level_of(name);
        let alg = level.alg();
        assert_eq!(
            a["public_key_bytes"].as_u64().unwrap() as usize,
            level.public_len()
        );
        assert_eq!(
            a["signature_bytes"].as_u64().unwrap() as usize,
            level.signature_len()
        );
        assert_eq!(
            a["expanded_private_key_bytes"].as_u64().unwrap() as usize,
            level.expanded_len()
        );
        let public = jwk(&a["jwk_public"]);
        let private = jwk(&a["jwk_private"]);
        // The seed gives noble's public key; thumbprints over alg, kty, pub agree.
        assert_eq!(private.public_half().material, public.material, "{name}");
        assert_eq!(
            public.thumbprint(),
            a["thumbprint_sha256"].as_str().unwrap()
        );
        assert_eq!(private.thumbprint(), public.thumbprint());
        let KeyMaterial::MlDsaPrivate { seed, .. } = &private.material else {
            panic!("{name}")
        };
        assert_eq!(
            jwt_workbench::core::b64::encode_hex(seed),
            a["seed_hex"].as_str().unwrap()
        );
        // Our JWKs are theirs, member for member.
        let ours = Value::Object(private.to_jwk(true).unwrap());
        for m in ["kty", "alg", "pub", "priv"] {
            assert_eq!(ours[m], a["jwk_private"][m], "{name} {m}");
        }
        assert!(!public.to_jwk(false).unwrap().contains_key("priv"));
        for t in a["tokens"].as_array().unwrap() {
            let token = t["token"].as_str().unwrap();
            let report = check(token, &public, alg, false);
            assert!(report.valid(), "{name}: {report:?}");
            // Ours over the same input verifies with noble's public key.
            let ours = resign(token, &private);
            assert!(check(&ours, &public, alg, false).valid(), "{name}");
            // A flipped bit anywhere in the signature fails.
            let mut sig = inspect(token).unwrap().signature.unwrap();
            let middle = sig.len() / 2;
            sig[middle] ^= 1;
            let (input, _) = token.rsplit_once('.').unwrap();
            let bad = format!("{input}.{}", jwt_workbench::core::b64::encode(&sig));
            assert_eq!(
                check(&bad, &public, alg, false).signature,
                SignatureStatus::Invalid
            );
        }
    }
}

#[test]
fn jwcrypto_tokens_verify_with_noble_keys() {
    let noble = modern("mldsa.json");
    let f = modern("jwcrypto.json");
    for (name, m) in f["mldsa"].as_object().unwrap() {
        let Some(token) = m.get("token").and_then(Value::as_str) else {
            continue;
        };
        let public = jwk(&noble["algs"][name]["jwk_public"]);
        assert_eq!(
            public.thumbprint(),
            m["jwk_public_thumbprint"].as_str().unwrap()
        );
        let report = check(token, &public, level_of(name).alg(), false);
        assert!(report.valid(), "{name}: {report:?}");
    }
}

#[test]
fn noble_negatives_are_refused() {
    let f = modern("mldsa.json");
    let n = &f["negative"];
    let load = |v: &Value| keys::load_key_bytes(v.to_string().as_bytes());
    let err = load(&n["mismatched_pair"]["jwk"]).unwrap_err();
    assert_eq!(
        err,
        KeyError::MlDsa(MlDsaError::Mismatch {
            level: MlDsaLevel::L44
        })
    );
    assert!(err.to_string().contains("RFC 9964 section 7.4"), "{err}");
    let err = load(&n["expanded_private_key"]["jwk"]).unwrap_err();
    assert!(
        matches!(err, KeyError::MlDsa(MlDsaError::Expanded { got: 2560, .. })),
        "{err}"
    );
    assert!(
        err.to_string().contains("expanded") && err.to_string().contains("32-byte seed"),
        "{err}"
    );
    // An ML-DSA-44 token relabelled ML-DSA-65: the 44 key does not fit it, a 65 key does not
    // verify it.
    let token = n["token_alg_mismatch"]["token"].as_str().unwrap();
    let k44 = jwk(&f["algs"]["ML-DSA-44"]["jwk_public"]);
    let k65 = jwk(&f["algs"]["ML-DSA-65"]["jwk_public"]);
    let report = check(token, &k44, JwsAlg::MlDsa65, false);
    assert!(!report.valid());
    assert!(
        matches!(report.signature, SignatureStatus::Unchecked(..)),
        "{report:?}"
    );
    let report = check(token, &k65, JwsAlg::MlDsa65, false);
    assert_eq!(report.signature, SignatureStatus::Invalid, "{report:?}");
}

#[test]
fn pem_forms_carry_the_same_key() {
    let f = modern("mldsa.json");
    for (name, a) in f["algs"].as_object().unwrap() {
        let private = jwk(&a["jwk_private"]);
        let pem = private.private_pem().unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
        let back = key(&pem);
        assert_eq!(back.material, private.material, "{name}");
        assert_eq!(back.thumbprint(), a["thumbprint_sha256"].as_str().unwrap());
        let spki = key(&private.public_pem().unwrap());
        assert_eq!(spki.material, private.public_half().material);
        // The seed form is small: 32 bytes of seed in a 54-byte PKCS#8.
        assert_eq!(private.pkcs8_der().unwrap().len(), 54);
        // OpenSSL (through Python's cryptography 50, from the same seed) writes the same PEM.
        let stem = name.to_ascii_lowercase();
        for (ours, file) in [
            (private.private_pem().unwrap(), format!("{stem}.pkcs8.pem")),
            (private.public_pem().unwrap(), format!("{stem}.spki.pem")),
        ] {
            assert_eq!(
                ours,
                std::fs::read_to_string(fixture(&file)).unwrap(),
                "{file}"
            );
        }
        // A JWKS holds it with its alg; a public export never carries priv.
        let set = keys::public_jwks(std::slice::from_ref(&private));
        let entry = &set["keys"][0];
        assert_eq!(entry["kty"], "AKP");
        assert_eq!(entry["alg"], name.as_str());
        assert!(entry.get("priv").is_none());
    }
}

#[test]
fn generated_keys_sign_and_verify_at_every_level() {
    for level in MlDsaLevel::ALL {
        let key = keys::generate(&keys::KeySpec::new(level.alg())).unwrap();
        assert_eq!(key.family(), Family::MlDsa(level));
        assert_eq!(key.kid.as_deref(), Some(key.thumbprint().as_str()));
        let token = sign(
            &format!(r#"{{"alg":"{level}","typ":"JWT"}}"#),
            r#"{"sub":"gen","exp":4000000000}"#,
            &key,
            Layout::Minified,
        )
        .unwrap();
        assert!(check(&token, &key.public_half(), level.alg(), false).valid());
        key.check_fits(level.alg(), Purpose::Sign).unwrap();
    }
}

/// RFC 9864: `Ed25519` is the fully-specified name; `EdDSA` stays. jose and jwcrypto make the
/// same bytes for both, and so do we (Ed25519 is deterministic); one key fits both.
#[test]
fn ed25519_name_and_eddsa_with_one_key() {
    let jose = modern("jose.json");
    let jwcrypto = modern("jwcrypto.json");
    let private = jwk(&jose["keys"]["ed25519"]["private"]);
    let public = jwk(&jose["keys"]["ed25519"]["public"]);
    assert_eq!(public.algorithms(), vec![JwsAlg::EdDSA, JwsAlg::Ed25519]);
    for name in ["Ed25519", "EdDSA"] {
        let alg = JwsAlg::from_name(name).unwrap();
        let token = jose["ed25519"][name]["token"].as_str().unwrap();
        assert!(check(token, &public, alg, false).valid(), "{name}");
        assert_eq!(jwcrypto["ed25519"][name]["token"].as_str().unwrap(), token);
        assert_eq!(resign(token, &private), token, "{name}: the same bytes");
    }
    // The name is what is signed: an EdDSA token relabelled Ed25519 fails.
    let eddsa = jose["ed25519"]["EdDSA"]["token"].as_str().unwrap();
    let (_, rest) = eddsa.split_once('.').unwrap();
    let header = jwt_workbench::core::b64::encode(br#"{"alg":"Ed25519","typ":"JWT","kid":"ed1"}"#);
    let relabelled = format!("{header}.{rest}");
    let report = check(&relabelled, &public, JwsAlg::Ed25519, false);
    assert_eq!(report.signature, SignatureStatus::Invalid);
    // A JWK that names one of the two is held to it (RFC 8725bis section 3.1).
    let mut named = jose["keys"]["ed25519"]["public"].clone();
    named["alg"] = "Ed25519".into();
    let named = jwk(&named);
    assert_eq!(named.algorithms(), vec![JwsAlg::Ed25519]);
    let token = jose["ed25519"]["EdDSA"]["token"].as_str().unwrap();
    assert!(!check(token, &named, JwsAlg::EdDSA, false).valid());
}

/// The window's document: pick ML-DSA-65, generate its key, and the token is signed, verified
/// and flagged for JWKS support; an Ed25519 key signs under both names.
#[test]
fn the_workbench_signs_and_verifies_with_ml_dsa_and_ed25519() {
    use jwt_workbench::core::verify::Verdict;
    use jwt_workbench::core::workbench::{Edit, Workbench};
    let mut wb = Workbench::example(NOW);
    let _ = wb.apply_and_settle(Edit::Alg(JwsAlg::MlDsa65));
    let _ = wb.apply_and_settle(Edit::Generate(keys::KeySpec::new(JwsAlg::MlDsa65)));
    assert_eq!(wb.alg(), JwsAlg::MlDsa65);
    let report = wb.report(NOW).unwrap();
    assert_eq!(report.verdict().0, Verdict::Valid, "{report:?}");
    let signature = inspect(wb.token()).unwrap().signature.unwrap();
    assert_eq!(signature.len(), 3309);
    let findings = wb.findings(NOW);
    assert!(
        findings.iter().any(|f| f.id == "akp-jwks-support"),
        "{findings:?}"
    );

    let mut wb = Workbench::example(NOW);
    let pem = std::fs::read_to_string(fixture("ed25519.pkcs8.pem")).unwrap();
    let _ = wb.apply_and_settle(Edit::PrivateKey(pem));
    for alg in [JwsAlg::Ed25519, JwsAlg::EdDSA] {
        let _ = wb.apply_and_settle(Edit::Alg(alg));
        let report = wb.report(NOW).unwrap();
        assert_eq!(report.verdict().0, Verdict::Valid, "{alg}: {report:?}");
        let insp = inspect(wb.token()).unwrap();
        assert_eq!(insp.alg, jwt_workbench::core::alg::HeaderAlg::Known(alg));
    }
}
