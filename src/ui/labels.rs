//! Every label the window shows and the tests look for, in one place.

/// The token editor.
pub const TOKEN: &str = "Encoded token";
/// The header editor.
pub const HEADER: &str = "Header";
/// The payload editor.
pub const PAYLOAD: &str = "Payload";
/// The algorithm picker.
pub const ALGORITHM: &str = "Algorithm";
/// The HMAC secret field.
pub const SECRET: &str = "Secret";
/// The secret encoding picker.
pub const SECRET_ENCODING: &str = "Secret encoding";
/// The private key field.
pub const PRIVATE_KEY: &str = "Private key";
/// The public key field.
pub const PUBLIC_KEY: &str = "Public key";
/// The fallback key path field.
pub const KEY_PATH: &str = "Key file path";
/// The leeway field.
pub const LEEWAY: &str = "Leeway (seconds)";
/// The signing key's section under a pasted JWE that holds no signed token.
pub const JWS_KEY_SECTION: &str = "Signing key (for a signed token inside a JWE)";
/// Why the signing key is tucked away under a pasted JWE.
pub const JWS_KEY_UNUSED: &str = "This token is encrypted, not signed: the JWE key above decrypts it. A signing key applies only to a signed token inside it (a nested JWT).";
/// The signing key's heading when a pasted JWE holds a signed token.
pub const JWS_KEY_NESTED: &str = "Key that verifies the signed token inside";
/// Loads the key a token carries in its header into the key pane.
pub const USE_EMBEDDED_KEY: &str = "Use this embedded key";
/// The expected audience field.
pub const EXPECTED_AUDIENCE: &str = "Expected audience";
/// Accept any audience.
pub const ANY_AUDIENCE: &str = "Any audience";
/// The verification heading.
pub const VERIFICATION: &str = "Signature verification";
/// The claims heading.
pub const CLAIMS: &str = "Claims";
/// The findings heading.
pub const FINDINGS: &str = "Security findings";
/// The folded list of informational findings.
pub const NOTES: &str = "Notes";
/// The one-line verdict.
pub const VERDICT: &str = "Verdict";
/// The countdown line.
pub const COUNTDOWN: &str = "Countdown";
/// The status line.
pub const STATUS: &str = "Status";
/// Show/hide secret.
pub const SHOW_SECRET: &str = "Show secret";
/// Remember key.
pub const REMEMBER_KEY: &str = "Remember key on this machine";
/// Ignore exp.
pub const IGNORE_EXP: &str = "Ignore exp";
/// The time-travel field.
pub const EVALUATE_AT: &str = "Evaluate at";
/// The payload pane's JSON tab.
pub const JSON_TAB: &str = "JSON";
/// Show/hide the private key.
pub const SHOW_PRIVATE_KEY: &str = "Show private key";
/// The advice line under the secret field.
pub const SECRET_ADVICE: &str = "Secret advice";
/// The key set table in the Keys view.
pub const KEY_SET: &str = "Keys in this set";
/// Keep the last token between sessions.
pub const KEEP_TOKEN: &str = "Keep the last token between sessions";
/// The JWE key field.
pub const JWE_KEY: &str = "JWE key";
/// Show/hide the JWE key.
pub const SHOW_JWE_KEY: &str = "Show JWE key";
/// The JWE key's encoding picker.
pub const JWE_KEY_ENCODING: &str = "JWE key encoding";
/// The encode side's encryption picker.
pub const ENCRYPTION: &str = "Encryption";
/// The JWE key management picker.
pub const JWE_ALG: &str = "Key management (alg)";
/// The JWE content encryption picker.
pub const JWE_ENC: &str = "Content encryption (enc)";
/// The group of inputs a token's profile checks compare with.
pub const CONTEXT: &str = "Context";
/// The profile picker.
pub const PROFILE: &str = "Profile";
/// id_token and DPoP: the nonce sent (or the server's).
pub const NONCE: &str = "Nonce";
/// id_token at_hash and DPoP ath: the access token.
pub const ACCESS_TOKEN: &str = "Access token";
/// id_token c_hash: the authorization code.
pub const CODE: &str = "Authorization code";
/// id_token s_hash: the state.
pub const STATE: &str = "State";
/// id_token auth_time: max_age in seconds.
pub const MAX_AGE: &str = "max_age (seconds)";
/// id_token aud: this client's client_id.
pub const CLIENT_ID: &str = "Client ID";
/// DPoP: the request's method.
pub const HTM: &str = "Request method";
/// DPoP: the request's URL.
pub const HTU: &str = "Request URL";
/// DPoP: the jkt introspection gave.
pub const JKT: &str = "jkt (from introspection)";
/// The SD-JWT pane's disclosure table.
pub const SD_DISCLOSURES: &str = "SD-JWT disclosures";
/// The SD-JWT's rebuilt claims.
pub const SD_CLAIMS: &str = "Rebuilt claims (SD-JWT)";
/// The SD-JWT's key-binding JWT.
pub const SD_KB: &str = "Key-binding JWT (KB-JWT)";
/// What the KB-JWT's sd_hash covers.
pub const SD_HASH: &str = "sd_hash input";
/// Key binding optional (the Context group of an SD-JWT).
pub const KB_OPTIONAL: &str = "Key binding optional";
/// The checkbox that signs with the payload left out of the token.
pub const DETACHED: &str = "Detached payload (header..signature)";
