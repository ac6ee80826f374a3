//! Key bytes (a file, a drop, a paste): detection and loading, the key pane's routing, the
//! descriptions and exports of what loads, and the secret field in each encoding. Anything
//! may come back except a panic, an empty message, or a key accepted as an HMAC secret.
#![no_main]

use jwt_workbench::core::alg::JwsAlg;
use jwt_workbench::core::keys::{self, KeyMaterial, Purpose, SecretEncoding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match keys::load_key_bytes(data) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(file) => {
            assert!(!file.keys.is_empty(), "a key file without keys");
            for k in &file.keys {
                assert!(!k.describe().is_empty());
                for alg in k.algorithms() {
                    assert!(k.check_fits(alg, Purpose::Verify).is_ok());
                }
                let _ = k.public_pem();
                let _ = k.to_jwk(false);
                let _ = k.thumbprint();
                let _ = k.warnings(1_700_000_000);
            }
            let _ = file.pick(None, Purpose::Sign);
            let _ = file.pick(Some("kid"), Purpose::Verify);
        }
    }
    let _ = keys::route(data, JwsAlg::HS256);

    // The secret field: the first byte picks the encoding, the rest is the text.
    if let Some((&pick, rest)) = data.split_first() {
        let text = String::from_utf8_lossy(rest);
        let encoding = SecretEncoding::ALL[usize::from(pick) % SecretEncoding::ALL.len()];
        match keys::parse_secret(&text, encoding) {
            Err(e) => assert!(!e.to_string().is_empty()),
            Ok(k) => {
                if let KeyMaterial::Secret(bytes) = &k.material {
                    assert!(!bytes.is_empty());
                    assert!(
                        keys::load_key_bytes(bytes).is_err(),
                        "a key was accepted as an HMAC secret"
                    );
                }
            }
        }
    }
});
