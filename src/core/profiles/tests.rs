use super::*;
use crate::core::alg::JwsAlg;
use crate::core::keys::{self, KeySpec};
use crate::core::token::inspect;

const NOW: i64 = 1_800_000_000;

fn obj(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap()
}

fn failed(checks: &[Check]) -> Vec<String> {
    checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.name.clone())
        .collect()
}

#[test]
fn detection_by_typ_then_claims() {
    let c = obj(r#"{"iss":"i","sub":"s","aud":"a","nonce":"n"}"#);
    assert_eq!(
        detect(&obj(r#"{"typ":"application/AT+JWT"}"#), None),
        Profile::AccessToken
    );
    assert_eq!(
        detect(&obj(r#"{"typ":"dpop+jwt"}"#), None),
        Profile::DpopProof
    );
    assert_eq!(
        detect(&obj(r#"{"typ":"kb+jwt"}"#), None),
        Profile::KeyBinding
    );
    assert_eq!(detect(&obj(r#"{"typ":"vc+sd-jwt"}"#), None), Profile::SdJwt);
    assert_eq!(detect(&obj(r#"{"typ":"JWT"}"#), Some(&c)), Profile::IdToken);
    let plain = obj(r#"{"iss":"i","sub":"s","aud":"a"}"#);
    assert_eq!(detect(&obj("{}"), Some(&plain)), Profile::Jwt);
    assert_eq!(Profile::from_name("AT+JWT"), Some(Profile::AccessToken));
    assert_eq!(Profile::from_name("id_token"), Some(Profile::IdToken));
}

fn signed(header: &str, claims: &str, key: &keys::Key) -> Inspection {
    let t =
        crate::core::sign::sign(header, claims, key, crate::core::sign::Layout::Minified).unwrap();
    inspect(&t).unwrap()
}

fn secret() -> keys::Key {
    keys::parse_secret_spec("id-token-test-secret-of-32-bytes").unwrap()
}

#[test]
fn id_token_hashes_follow_the_alg_and_name_the_failure() {
    let at = "SlAV32hkKG";
    let h384 = hashes::left_half_hash(JwsAlg::HS384, at).unwrap().value;
    let claims = format!(
        r#"{{"iss":"i","sub":"s","aud":"client","exp":{},"iat":{NOW},"nonce":"n1","at_hash":"{h384}","auth_time":{}}}"#,
        NOW + 60,
        NOW - 100
    );
    let insp = signed(r#"{"alg":"HS384"}"#, &claims, &secret());
    let inputs = Inputs {
        nonce: Some("n1".into()),
        access_token: Some(at.into()),
        client_id: Some("client".into()),
        max_age: Some(3600),
        ..Inputs::default()
    };
    let c = checks(Profile::IdToken, &insp, &inputs, None, NOW);
    assert!(failed(&c).is_empty(), "{c:#?}");
    let at_check = c.iter().find(|c| c.name == "id_token at_hash").unwrap();
    assert!(
        at_check.detail.contains("SHA-384") && at_check.detail.contains("left 24 of 48"),
        "{}",
        at_check.detail
    );

    // The same token read as if RS256's hash applied, another nonce, a short max_age, another client.
    let wrong = Inputs {
        nonce: Some("n2".into()),
        access_token: Some("another token".into()),
        client_id: Some("someone-else".into()),
        max_age: Some(10),
        ..Inputs::default()
    };
    let c = checks(Profile::IdToken, &insp, &wrong, None, NOW);
    assert_eq!(
        failed(&c),
        [
            "id_token aud",
            "id_token nonce",
            "id_token auth_time",
            "id_token at_hash"
        ]
    );
    assert!(c.iter().all(|c| c.cite.is_some()));
}

#[test]
fn access_tokens_need_their_type_and_claims() {
    let claims = format!(
        r#"{{"iss":"i","sub":"s","aud":"api","exp":{},"iat":{NOW},"jti":"j","client_id":"c"}}"#,
        NOW + 60
    );
    let ok = signed(r#"{"alg":"HS256","typ":"at+jwt"}"#, &claims, &secret());
    assert!(
        failed(&checks(
            Profile::AccessToken,
            &ok,
            &Inputs::default(),
            Some("api"),
            NOW
        ))
        .is_empty()
    );
    // An ID token presented to an API: typ JWT, no client_id, no jti.
    let id = signed(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"iss":"i","sub":"s","aud":"api","exp":1900000000,"iat":1800000000}"#,
        &secret(),
    );
    let c = checks(Profile::AccessToken, &id, &Inputs::default(), None, NOW);
    assert_eq!(failed(&c), ["at+jwt typ", "at+jwt claims", "at+jwt aud"]);
}

fn ec_key() -> keys::Key {
    keys::generate(&KeySpec::new(JwsAlg::ES256)).unwrap()
}

fn request() -> Inputs {
    Inputs {
        htm: Some("POST".into()),
        htu: Some("https://server.example.com/token".into()),
        ..Inputs::default()
    }
}

fn proof_for(key: &keys::Key, htu: &str, at: Option<&str>, now: i64) -> Inspection {
    let p = DpopProof {
        htm: "POST".into(),
        htu: htu.into(),
        access_token: at.map(str::to_string),
        nonce: None,
    };
    inspect(&p.sign(key, JwsAlg::ES256, now).unwrap()).unwrap()
}

#[test]
fn a_fresh_proof_passes_every_step() {
    let key = ec_key();
    let insp = proof_for(&key, "https://server.example.com/token?x=1#f", None, NOW);
    let c = checks(Profile::DpopProof, &insp, &request(), None, NOW + 5);
    assert!(failed(&c).is_empty(), "{c:#?}");
    let steps: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
    assert!(steps.contains(&"dpop 6. signature with the jwk") && steps.contains(&"dpop 9. htu"));
    // The proof carries the URL without its query; the header's jwk is public.
    assert_eq!(
        insp.claims().unwrap()["htu"],
        "https://server.example.com/token"
    );
    assert!(proof_key(insp.header.as_ref().unwrap()).is_ok());
}

#[test]
fn each_broken_rule_fails_its_own_step() {
    let key = ec_key();
    let at = signed(
        r#"{"alg":"HS256","typ":"at+jwt"}"#,
        &format!(r#"{{"cnf":{{"jkt":"{}"}}}}"#, key.thumbprint()),
        &secret(),
    )
    .token;
    let good = proof_for(&key, "https://server.example.com/token", Some(&at), NOW);
    let with_at = Inputs {
        access_token: Some(at.clone()),
        ..request()
    };
    assert!(failed(&checks(Profile::DpopProof, &good, &with_at, None, NOW)).is_empty());

    let other_path = proof_for(&key, "https://server.example.com/other", None, NOW);
    assert_eq!(
        failed(&checks(
            Profile::DpopProof,
            &other_path,
            &request(),
            None,
            NOW
        )),
        ["dpop 9. htu"]
    );
    assert_eq!(
        failed(&checks(
            Profile::DpopProof,
            &good,
            &with_at,
            None,
            NOW + 301
        )),
        ["dpop 11. iat"]
    );
    let get = Inputs {
        htm: Some("GET".into()),
        ..with_at.clone()
    };
    assert_eq!(
        failed(&checks(Profile::DpopProof, &good, &get, None, NOW)),
        ["dpop 8. htm"]
    );
    // Another token: ath and the binding both fail.
    let other_at = signed(r#"{"alg":"HS256"}"#, r#"{"cnf":{"jkt":"x"}}"#, &secret()).token;
    let swapped = Inputs {
        access_token: Some(other_at),
        ..request()
    };
    assert_eq!(
        failed(&checks(Profile::DpopProof, &good, &swapped, None, NOW)),
        ["dpop 12. ath", "dpop 12. cnf.jkt"]
    );
    // A proof by another key for the bound token: signature fine, binding not.
    let thief = proof_for(
        &ec_key(),
        "https://server.example.com/token",
        Some(&at),
        NOW,
    );
    assert_eq!(
        failed(&checks(Profile::DpopProof, &thief, &with_at, None, NOW)),
        ["dpop 12. cnf.jkt"]
    );
}

#[test]
fn private_and_symmetric_proof_keys_are_refused() {
    let key = ec_key();
    let mut header = obj(r#"{"typ":"dpop+jwt","alg":"ES256"}"#);
    header.insert("jwk".into(), Value::Object(key.to_jwk(true).unwrap()));
    let claims = format!(
        r#"{{"jti":"1","htm":"POST","htu":"https://server.example.com/token","iat":{NOW}}}"#
    );
    let insp = signed(&Value::Object(header).to_string(), &claims, &key);
    let c = checks(Profile::DpopProof, &insp, &request(), None, NOW);
    assert!(
        failed(&c).contains(&"dpop 7. public key only".to_string()),
        "{c:#?}"
    );
    assert!(matches!(
        proof_key(insp.header.as_ref().unwrap()),
        Err(ProofKeyError::Private)
    ));

    let hs = signed(
        r#"{"typ":"dpop+jwt","alg":"HS256","jwk":{"kty":"oct","k":"c2VjcmV0"}}"#,
        &claims,
        &secret(),
    );
    let f = failed(&checks(Profile::DpopProof, &hs, &request(), None, NOW));
    assert!(
        f.contains(&"dpop 5. alg".to_string())
            && f.contains(&"dpop 7. public key only".to_string()),
        "{f:?}"
    );
    let p = DpopProof {
        htm: "GET".into(),
        htu: "https://a/".into(),
        access_token: None,
        nonce: None,
    };
    assert!(p.sign(&secret(), JwsAlg::HS256, NOW).is_err());
}
