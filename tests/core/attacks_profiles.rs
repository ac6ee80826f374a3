//! The attack lab on profile tokens: a DPoP proof gets the DPoP group (each variant judged by
//! the DPoP checker and rejected by the step it breaks), an SD-JWT gets the SD-JWT forgeries
//! (judged by the SD-JWT verifier); both are counted in the lab's tally and its JSON.

use crate::common::*;
use crate::sdjwt::lab_keys;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_workbench::core::attacks::{AttackError, AttackInput, Group, Lab, generate};
use jwt_workbench::core::keys::{Key, Purpose};
use jwt_workbench::core::profiles::{self, DpopProof, Inputs, Profile};
use jwt_workbench::core::sdjwt::{self, SdJwt, SdPolicy};
use jwt_workbench::core::token::inspect;
use serde_json::{Map, Value};

const NOW: i64 = 1_800_000_000;
const HTU: &str = "https://api.example/orders?page=2";

fn part(token: &str, i: usize) -> Map<String, Value> {
    let seg = token.split('.').nth(i).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(seg).unwrap()).unwrap()
}

fn proof(key: &Key) -> String {
    DpopProof {
        htm: "POST".into(),
        htu: HTU.into(),
        access_token: None,
        nonce: None,
    }
    .sign(key, key.default_alg(), NOW)
    .unwrap()
}

fn lab_of(token: &str, key: &Key, holder: Option<&Key>) -> Result<Lab, AttackError> {
    let input = AttackInput {
        key: Some(key),
        holder,
        ..AttackInput::new(token)
    };
    generate(&input, NOW)
}

/// Every forgery rejected, the tally adds up, the JSON lists every variant.
fn tally_holds(lab: &Lab) {
    assert!(!lab.original.rejected, "{}", lab.original.why);
    for v in lab.variants.iter().filter(|v| !v.expected_valid) {
        assert!(v.verifier.rejected, "{} accepted: {}", v.id, v.verifier.why);
        assert!(!v.explanation.is_empty() && !v.server_must.is_empty() && !v.reference.is_empty());
    }
    assert_eq!(lab.total + lab.probes, lab.variants.len());
    assert_eq!(lab.rejected, lab.total);
    assert!(lab.surprises().is_empty());
    let json: Value = serde_json::from_str(&lab.to_json()).unwrap();
    let listed: Vec<&str> = json["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    let ids: Vec<&str> = lab.variants.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(listed, ids);
}

/// The DPoP variants' ids with the check each must fail first.
const DPOP: [(&str, &str); 9] = [
    ("dpop-htu-other", "dpop 9. htu"),
    ("dpop-htm-other", "dpop 8. htm"),
    ("dpop-htu-in-query", "dpop 9. htu"),
    ("dpop-iat-stale", "dpop 11. iat"),
    ("dpop-ath-other-token", "dpop 12. ath"),
    ("dpop-jwk-private", "private key members"),
    ("dpop-hs256", "dpop 5. alg"),
    ("dpop-typ-jwt", "dpop 4. typ"),
    ("dpop-key-not-cnf-jkt", "dpop 12. cnf.jkt"),
];

#[test]
fn a_dpop_proof_gets_the_dpop_group_each_rejected_by_its_step() {
    let private = fixture_key("ec256.pkcs8.pem", Purpose::Sign);
    let token = proof(&private);
    let lab = lab_of(&token, &private, None).unwrap();
    tally_holds(&lab);
    let dpop: Vec<_> = lab
        .variants
        .iter()
        .filter(|v| v.group == Group::Dpop)
        .collect();
    let ids: Vec<&str> = dpop.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, DPOP.map(|(id, _)| id).to_vec());
    // The generic groups are still there, and the DPoP group is counted with them.
    assert!(lab.variants.iter().any(|v| v.group == Group::AlgNone));
    assert!(lab.total > dpop.len());
    let thumb = private.public_half().thumbprint();
    let request = Inputs {
        htm: Some("POST".into()),
        htu: Some(HTU.into()),
        ..Inputs::default()
    };
    for (v, (_, step)) in dpop.iter().zip(DPOP) {
        assert!(
            v.verifier.why.contains(step),
            "{}: {}",
            v.id,
            v.verifier.why
        );
        assert_eq!(
            v.header_line(),
            Some(("DPoP line", format!("DPoP: {}", v.token)))
        );
        let (header, claims) = (part(&v.token, 0), part(&v.token, 1));
        let jwk = header["jwk"].as_object().unwrap();
        // Signed with the loaded private key, except those whose point is another key.
        let own = jwt_workbench::core::keys::parse_jwk(jwk)
            .map(|k| k.public_half().thumbprint() == thumb)
            .unwrap_or(false);
        let other_key = matches!(v.id.as_str(), "dpop-jwk-private" | "dpop-key-not-cnf-jkt");
        assert_eq!(own, !other_key, "{}", v.id);
        // What each variant changes, read back from the token itself.
        match v.id.as_str() {
            "dpop-htu-other" => assert_eq!(claims["htu"], "https://api.example/orders/admin"),
            "dpop-htm-other" => assert_eq!(claims["htm"], "GET"),
            "dpop-htu-in-query" => assert!(
                claims["htu"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://attacker.example/?https://api.example/orders")
            ),
            "dpop-iat-stale" => assert_eq!(claims["iat"], NOW - 3600),
            "dpop-jwk-private" => assert!(jwk.contains_key("d")),
            "dpop-hs256" => assert_eq!(header["alg"], "HS256"),
            "dpop-typ-jwt" => assert_eq!(header["typ"], "JWT"),
            _ => assert_eq!(claims["htm"], "POST"),
        }
        // Judged again here without the lab's access token: every variant that does not
        // depend on it is still refused by a check of RFC 9449 section 4.3.
        if !matches!(
            v.id.as_str(),
            "dpop-ath-other-token" | "dpop-key-not-cnf-jkt"
        ) {
            let checks = profiles::checks(
                Profile::DpopProof,
                &inspect(&v.token).unwrap(),
                &request,
                None,
                NOW,
            );
            assert!(checks.iter().any(|c| !c.ok), "{} passes", v.id);
        }
    }
    // The original proof itself passes the same checks: the rejections mean something.
    let checks = profiles::checks(
        Profile::DpopProof,
        &inspect(&token).unwrap(),
        &request,
        None,
        NOW,
    );
    assert!(checks.iter().all(|c| c.ok));
    assert!(
        !lab.notes.iter().any(|n| n.contains("lab key")),
        "{:?}",
        lab.notes
    );
}

#[test]
fn with_only_the_public_key_the_dpop_proofs_are_signed_with_a_lab_key() {
    let private = fixture_key("ed25519.pkcs8.pem", Purpose::Sign);
    let token = proof(&private);
    let public = private.public_half();
    let lab = lab_of(&token, &public, None).unwrap();
    tally_holds(&lab);
    assert_eq!(
        lab.variants
            .iter()
            .filter(|v| v.group == Group::Dpop)
            .count(),
        9
    );
    assert!(
        lab.notes.iter().any(|n| n.contains("fresh EdDSA lab key")),
        "{:?}",
        lab.notes
    );
}

#[test]
fn a_plain_jwt_gets_no_dpop_group() {
    let key = fixture_key("ec256.pkcs8.pem", Purpose::Sign);
    let token = jwt_workbench::core::sign::sign(
        r#"{"alg":"ES256","typ":"at+jwt"}"#,
        r#"{"sub":"a","htm":"POST","htu":"https://api.example/"}"#,
        &key,
        jwt_workbench::core::sign::Layout::Minified,
    )
    .unwrap();
    let lab = lab_of(&token, &key, None).unwrap();
    assert!(lab.variants.iter().all(|v| v.group != Group::Dpop));
}

/// The SD-JWT forgeries the issue asks for, by their lab ids.
const SD: [&str; 9] = [
    "sd-jwt-kb-stripped",
    "sd-jwt-sd-hash-other",
    "sd-jwt-duplicate-digest",
    "sd-jwt-unreferenced-disclosure",
    "sd-jwt-disclosure-named-sd",
    "sd-jwt-disclosure-named-dots",
    "sd-jwt-name-collision",
    "sd-jwt-kb-alg-none",
    "sd-jwt-kb-other-key",
];

#[test]
fn an_sd_jwt_gets_the_sd_jwt_forgeries_counted_in_the_tally() {
    let (issuer, holder) = lab_keys();
    let base = sdjwt::lab_base(&issuer, &holder, NOW).unwrap();
    let lab = lab_of(&base, &issuer, Some(&holder)).unwrap();
    tally_holds(&lab);
    assert!(lab.variants.iter().all(|v| v.group == Group::SdJwt));
    assert_eq!(lab.total, 16);
    let ids: Vec<&str> = lab.variants.iter().map(|v| v.id.as_str()).collect();
    for want in SD {
        assert!(ids.contains(&want), "{want} in {ids:?}");
    }
    // The holder key given is cnf.jwk's: the SD-JWT is used as issued.
    assert!(!lab.notes.iter().any(|n| n.contains("fresh lab holder key")));
    let policy = SdPolicy {
        aud: Some("https://verifier.example".into()),
        nonce: Some("lab-nonce".into()),
        ..SdPolicy::default()
    };
    for v in &lab.variants {
        // Judged again here: the presentation is refused, its issuer signature holds.
        let sd = SdJwt::parse(&v.token).unwrap();
        let r = sdjwt::verify(&sd, Some(&issuer.public_half()), &policy, NOW);
        assert!(!r.valid(), "{} accepted", v.id);
        assert!(r.issuer.valid(), "{}", v.id);
        // Refused by the step the reference names: "RFC 9901 section 7.1 (7.1 step 4), ...".
        let step = v
            .reference
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(step, _)| step)
            .unwrap();
        assert!(
            v.reference.starts_with("RFC 9901 section "),
            "{}",
            v.reference
        );
        assert!(
            r.steps.iter().any(|c| !c.ok && c.name == step),
            "{}: {step} did not fail",
            v.id
        );
        assert!(
            v.verifier.why.starts_with("not valid"),
            "{}",
            v.verifier.why
        );
        assert_eq!(v.header_line(), None, "a presentation travels in a body");
    }
    let json: Value = serde_json::from_str(&lab.to_json()).unwrap();
    assert!(
        json["variants"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["group"] == "sd-jwt" && v["rejected_by_workbench"] == true)
    );
}

#[test]
fn without_the_holder_key_the_sd_jwt_is_rebound_to_a_lab_holder() {
    let (issuer, holder) = lab_keys();
    let base = sdjwt::lab_base(&issuer, &holder, NOW).unwrap();
    // A presentation with a KB-JWT is accepted too: its KB-JWT is left out.
    let sd = SdJwt::parse(&base).unwrap();
    let kb = sdjwt::KbRequest {
        key: &holder,
        aud: "x".into(),
        nonce: "y".into(),
        iat: NOW,
    };
    let presented = sdjwt::present(&sd, &["/given_name".into()], Some(&kb)).unwrap();
    let lab = lab_of(&presented.text, &issuer, None).unwrap();
    tally_holds(&lab);
    assert_eq!(lab.total, 16);
    assert!(lab.notes.iter().any(|n| n.contains("fresh lab holder key")));
    assert!(
        lab.notes
            .iter()
            .any(|n| n.contains("KB-JWT given is left out"))
    );
    // The forgeries no longer carry the original holder key.
    let first = SdJwt::parse(&lab.variants[0].token).unwrap();
    let cnf = sdjwt::holder_key(&first.payload).unwrap();
    assert_ne!(cnf.thumbprint(), holder.public_half().thumbprint());
}

#[test]
fn an_sd_jwt_lab_needs_the_issuer_private_key() {
    let (issuer, holder) = lab_keys();
    let base = sdjwt::lab_base(&issuer, &holder, NOW).unwrap();
    let e = lab_of(&base, &issuer.public_half(), Some(&holder)).unwrap_err();
    assert_eq!(e, AttackError::SdJwtIssuerKey);
    assert!(e.to_string().contains("issuer's private key"));
    // Another private key of the same kind does not verify the issuer's signature.
    assert_eq!(
        lab_of(&base, &holder, None).unwrap_err(),
        AttackError::SdJwtIssuerKey
    );
    // A key of another kind does not even fit the issuer's alg.
    let rsa = fixture_key("rsa2048.pkcs8.pem", Purpose::Sign);
    let e = lab_of(&base, &rsa, None).unwrap_err();
    assert!(matches!(e, AttackError::KeyMismatch { .. }), "{e}");
}
