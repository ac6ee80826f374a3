//! The per-key cache of parsed aws-lc objects changes no signature: cached signing matches
//! jsonwebtoken's uncached signing byte for byte where the algorithm is deterministic, and
//! verifies where it is randomised; on many threads at once; and a key whose material is
//! replaced signs with the new material.

use jwt_workbench::core::keys::{self, Key, KeyMaterial, Purpose};
use jwt_workbench::core::{alg::JwsAlg, b64};
use std::path::PathBuf;

const MESSAGE: &[u8] = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibiI6MX0";

fn fixture(name: &str) -> Key {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let file = keys::load_key_file(&path).unwrap();
    file.pick(None, Purpose::Sign).unwrap().clone()
}

fn key_for(alg: JwsAlg) -> Key {
    match alg {
        JwsAlg::HS256 | JwsAlg::HS384 | JwsAlg::HS512 => keys::parse_secret_spec(
            "a-cache-test-secret-of-64-bytes-a-cache-test-secret-of-64-bytes",
        )
        .unwrap(),
        JwsAlg::ES256 => fixture("ec256.pkcs8.pem"),
        JwsAlg::ES384 => fixture("ec384.pkcs8.pem"),
        JwsAlg::ES512 => fixture("ec521.pkcs8.pem"),
        JwsAlg::EdDSA | JwsAlg::Ed25519 => fixture("ed25519.pkcs8.pem"),
        JwsAlg::MlDsa44 => fixture("ml-dsa-44.pkcs8.pem"),
        JwsAlg::MlDsa65 => fixture("ml-dsa-65.pkcs8.pem"),
        JwsAlg::MlDsa87 => fixture("ml-dsa-87.pkcs8.pem"),
        _ => fixture("rsa2048.pkcs8.pem"),
    }
}

fn deterministic(alg: JwsAlg) -> bool {
    !matches!(
        alg,
        JwsAlg::PS256
            | JwsAlg::PS384
            | JwsAlg::PS512
            | JwsAlg::ES256
            | JwsAlg::ES384
            | JwsAlg::ES512
    )
}

/// jsonwebtoken's signature, which parses the key again every time (None for ES512, which
/// jsonwebtoken lacks).
fn uncached(key: &Key, alg: JwsAlg, message: &[u8]) -> Option<Vec<u8>> {
    let jalg = alg.to_jsonwebtoken()?;
    let text = jsonwebtoken::crypto::sign(message, &key.encoding_key().unwrap(), jalg).unwrap();
    Some(b64::decode_strict(&text).unwrap())
}

/// Checks a signature with jsonwebtoken (or aws-lc for ES512) and with the workbench.
fn verifies(key: &Key, alg: JwsAlg, message: &[u8], signature: &[u8]) -> bool {
    let public = key.public_half();
    let ours = keys::verify_bytes(&public, alg, message, signature).unwrap();
    match alg.to_jsonwebtoken() {
        Some(jalg) => {
            let theirs = jsonwebtoken::crypto::verify(
                &b64::encode(signature),
                message,
                &public.decoding_key().unwrap(),
                jalg,
            )
            .unwrap();
            assert_eq!(ours, theirs, "{alg}: the two verifiers disagree");
            ours
        }
        None => ours,
    }
}

#[test]
fn cached_signing_matches_or_verifies_like_uncached_for_every_algorithm() {
    for alg in JwsAlg::ALL {
        let key = key_for(alg);
        let first = keys::sign_bytes(&key, alg, MESSAGE).unwrap();
        let again = keys::sign_bytes(&key, alg, MESSAGE).unwrap();
        assert!(verifies(&key, alg, MESSAGE, &first), "{alg}: first");
        assert!(verifies(&key, alg, MESSAGE, &again), "{alg}: cached");
        assert!(!verifies(&key, alg, b"another message", &again), "{alg}");
        if let Some(theirs) = uncached(&key, alg, MESSAGE) {
            assert!(verifies(&key, alg, MESSAGE, &theirs), "{alg}: uncached");
            if deterministic(alg) {
                assert_eq!(first, theirs, "{alg}: cached and uncached differ");
                assert_eq!(again, theirs, "{alg}: cached and uncached differ");
            }
        }
    }
}

#[test]
fn clones_share_the_cache_across_threads() {
    for alg in [JwsAlg::RS256, JwsAlg::PS256, JwsAlg::ES256, JwsAlg::EdDSA] {
        let key = key_for(alg);
        let expected = uncached(&key, alg, MESSAGE).unwrap();
        std::thread::scope(|s| {
            let workers: Vec<_> = (0..4)
                .map(|i| {
                    // Half the threads share the key by reference, half get their own clone.
                    let shared = &key;
                    let own = key.clone();
                    s.spawn(move || {
                        let k = if i % 2 == 0 { shared } else { &own };
                        (0..5)
                            .map(|_| keys::sign_bytes(k, alg, MESSAGE).unwrap())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for w in workers {
                for signature in w.join().unwrap() {
                    if deterministic(alg) {
                        assert_eq!(signature, expected, "{alg}");
                    } else {
                        assert!(verifies(&key, alg, MESSAGE, &signature), "{alg}");
                    }
                }
            }
        });
    }
}

#[test]
fn replaced_material_is_signed_with_not_the_cached_objects() {
    let mut key = key_for(JwsAlg::HS256);
    let before = keys::sign_bytes(&key, JwsAlg::HS256, MESSAGE).unwrap();
    key.material = KeyMaterial::Secret(b"another-secret-another-secret-another-secret".to_vec());
    let after = keys::sign_bytes(&key, JwsAlg::HS256, MESSAGE).unwrap();
    assert_ne!(before, after);
    assert_eq!(Some(after), uncached(&key, JwsAlg::HS256, MESSAGE));

    let mut rsa = key_for(JwsAlg::RS256);
    keys::sign_bytes(&rsa, JwsAlg::RS256, MESSAGE).unwrap();
    let other = fixture("rsa4096.pkcs8.pem");
    rsa.material = other.material.clone();
    let signature = keys::sign_bytes(&rsa, JwsAlg::RS256, MESSAGE).unwrap();
    assert_eq!(signature.len(), 512, "signed with the 4096-bit key");
    assert_eq!(Some(signature), uncached(&other, JwsAlg::RS256, MESSAGE));
}

#[test]
fn the_public_half_does_not_sign_with_the_private_keys_cache() {
    let key = key_for(JwsAlg::ES256);
    keys::sign_bytes(&key, JwsAlg::ES256, MESSAGE).unwrap();
    let public = key.public_half();
    assert!(keys::sign_bytes(&public, JwsAlg::ES256, MESSAGE).is_err());
    assert_eq!(public, public.clone());
    assert_ne!(public, key);
}

#[test]
fn debug_and_errors_show_no_key_material() {
    let secret = "a-cache-test-secret-that-must-not-leak-anywhere";
    let key = keys::parse_secret_spec(secret).unwrap();
    keys::sign_bytes(&key, JwsAlg::HS256, MESSAGE).unwrap();
    let shown = format!("{key:?} {:?}", key.clone());
    assert!(!shown.contains(secret), "{shown}");
    assert!(!shown.contains("cache"), "{shown}");
    let err = keys::sign_bytes(&key, JwsAlg::RS256, MESSAGE).unwrap_err();
    assert!(!err.to_string().contains(secret), "{err}");
}

#[test]
fn warm_up_rng_can_run_on_any_thread() {
    std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(keys::warm_up_rng)
        .unwrap()
        .join()
        .unwrap();
    keys::warm_up_rng();
    let key = key_for(JwsAlg::ES256);
    let signature = keys::sign_bytes(&key, JwsAlg::ES256, MESSAGE).unwrap();
    assert!(verifies(&key, JwsAlg::ES256, MESSAGE, &signature));
}
