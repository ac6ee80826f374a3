//! Compact JWE text: parsing (parts, spans, header checks) and decryption with a fixed
//! symmetric key (RFC 7516 A.3's), under a low PBES2 cap so that iteration counts cost little.
//! Anything may come back except a panic, an empty message, or a plaintext from a token the
//! key never encrypted.
#![no_main]

use jwt_workbench::core::b64;
use jwt_workbench::core::jwe::{self, JweKey, Limits, Part};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// RFC 7516 A.3 (A128KW + A128CBC-HS256) and its key.
const A3: &str = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ";
const A3_KEY: &str = "GawgguFyGrWKav7AX4VKUg";

fn key() -> &'static JweKey {
    static KEY: OnceLock<JweKey> = OnceLock::new();
    KEY.get_or_init(|| JweKey::symmetric(&b64::decode_strict(A3_KEY).expect("key decodes")))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match jwe::parse(&text) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(parts) => {
            for part in Part::ALL {
                let p = parts.part(part);
                assert_eq!(text.get(p.span.clone()), Some(p.text.as_str()));
            }
        }
    }
    let limits = Limits::default().with_max_p2c(64).expect("a valid cap");
    match jwe::decrypt(&text, key(), &limits) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(_) => assert_eq!(text.trim(), A3, "a token decrypts that the key never made"),
    }
});
