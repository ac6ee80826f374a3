//! Public example and placeholder HMAC secrets: the defaults of debuggers, the values in
//! library READMEs and tutorials. Attackers try these first, so a token signed with one can
//! be forged by anyone who has read the same page.

/// Published example and placeholder secrets, compared trimmed and case-insensitively.
pub const WELL_KNOWN_SECRETS: &[&str] = &[
    // jwt.io's debugger defaults, current and older.
    "a-string-secret-at-least-256-bits-long",
    "a-valid-string-secret-that-is-at-least-384-bits-long",
    "a-valid-string-secret-that-is-at-least-512-bits-long-which-is-very-long",
    "your-256-bit-secret",
    "your-384-bit-secret",
    "your-512-bit-secret",
    // Library READMEs and framework docs.
    "shhhhh",
    "shhhhhared-secret",
    "shhhhhhared-secret",
    "keyboard cat",
    "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
    "super-secret",
    "AllYourBase",
    "my$ecretK3y",
    "xxx",
    "DO NOT USE THIS VALUE. INSTEAD, CREATE A COMPLEX SECRET AND KEEP IT SAFE OUTSIDE OF THE SOURCE CODE.",
    "404E635266556A586E3272357538782F413F4428472B4B6250645367566B5970",
    "bezKoderSecretKey",
    "======================BezKoder=Spring===========================",
    "javainuse",
    // Tutorial and configuration placeholders.
    "your-secret-key-min-32-chars",
    "your-secret-key",
    "your_secret_key",
    "your-secret",
    "your_secret",
    "your_jwt_secret",
    "your-jwt-secret",
    "your_client_secret",
    "my_secret_key",
    "my-secret-key",
    "mysecretkey",
    "my-secret",
    "my_secret",
    "mysecret",
    "secret_key",
    "secret-key",
    "secretkey",
    "secret",
    "secret1",
    "secret123",
    "supersecret",
    "topsecret",
    "s3cr3t",
    "jwt-secret",
    "jwt_secret",
    "jwtsecret",
    "jwt-key",
    "jwt_key",
    "jwtkey",
    "changeme",
    "change-me",
    "change_me",
    "changeit",
    "default",
    "password",
    "password123",
    "admin",
    "letmein",
    "qwerty",
    "qwertyuiop",
    "123456",
    "12345678",
    "123456789",
    "1234",
    "test",
    "key",
];

/// True when `secret`, trimmed, equals a published example secret in any letter case.
pub fn is_well_known_secret(secret: &str) -> bool {
    let t = secret.trim();
    WELL_KNOWN_SECRETS.iter().any(|w| t.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_matched_trimmed_and_in_any_case() {
        for s in [
            "a-string-secret-at-least-256-bits-long",
            "your-256-bit-secret",
            " Your-512-Bit-Secret\n",
            "SECRET",
            "keyboard cat",
            "shhhhh",
            "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
        ] {
            assert!(is_well_known_secret(s), "{s:?}");
        }
        for s in ["", "correct-horse-battery-staple-42!", "secret-but-longer"] {
            assert!(!is_well_known_secret(s), "{s:?}");
        }
        for w in WELL_KNOWN_SECRETS {
            assert_eq!(w.trim(), *w, "entries are stored trimmed");
        }
    }
}
