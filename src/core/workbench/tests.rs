//! The document driven through `apply`, without a window.

use super::*;
use crate::core::alg::HeaderAlg;
use crate::core::verify::Verdict;

const NOW: NumericDate = 1_800_000_000;

/// The headline of a valid token signed with jwt.io's published secret (the example's).
const VALID_WELL_KNOWN: &str =
    "⚠ Valid signature, but the secret is well known: anyone can forge this";

/// Applies an edit and runs its jobs at once; returns its notice.
fn edit(wb: &mut Workbench, e: Edit) -> Option<Notice> {
    wb.apply_and_settle(e)
}

/// The signing job among an edit's effects.
fn sign_job(fx: Effects) -> Option<SignJob> {
    fx.jobs.into_iter().find_map(|j| match j {
        Job::Sign(job) => Some(*job),
        _ => None,
    })
}

/// The decryption job among an edit's effects.
fn decrypt_job(fx: Effects) -> Option<DecryptJob> {
    fx.jobs.into_iter().find_map(|j| match j {
        Job::Decrypt(job) => Some(job),
        _ => None,
    })
}

/// A document restored from a snapshot, its jobs run.
fn restored(snap: Snapshot) -> Workbench {
    let mut wb = Workbench::empty();
    let fx = wb.apply(Edit::Restore(Box::new(snap)));
    wb.settle(fx);
    wb
}

#[test]
fn example_is_valid_with_a_countdown() {
    let wb = Workbench::example(NOW);
    assert_eq!(wb.lead(), Lead::Editors);
    let r = wb.report(NOW).unwrap();
    assert_eq!(r.verdict().0, Verdict::Valid, "{:?}", r.verdict());
    let exp = r.checks.iter().find(|c| c.name == "exp").unwrap();
    assert!(exp.detail.starts_with("expires in 30m"), "{}", exp.detail);
    // jwt.io's secret is published: the headline says so, not a plain green "Valid".
    let h = wb.headline(NOW);
    assert_eq!(h.title, VALID_WELL_KNOWN);
    assert_eq!(h.tone, Tone::Bad);
    assert_eq!(
        wb.countdown(NOW),
        Some(("expires in 30:00".to_string(), Tone::Good))
    );
    let mut strong = wb.clone();
    edit(
        &mut strong,
        Edit::Secret("x9Vq2Lp7Rt4Wm8Zc1Nb6Hd3Jf5Kg0Ys2".into()),
    );
    let h = strong.headline(NOW);
    assert_eq!((h.title.as_str(), h.tone), ("✔ Valid", Tone::Good));
    assert_eq!(h.detail, "Signature verified and every check passed.");
    edit(&mut strong, Edit::Secret("short".into()));
    let h = strong.headline(NOW);
    assert_eq!(
        h.title,
        "⚠ Valid signature, but the secret is short: it can be guessed"
    );
    assert_eq!(h.tone, Tone::Warn);
}

#[test]
fn editing_payload_resigns_and_invalid_json_keeps_the_token_stale() {
    let mut wb = Workbench::example(NOW);
    let before = wb.token().to_string();
    edit(&mut wb, Edit::Payload(r#"{"sub":"2"}"#.into()));
    assert_ne!(wb.token(), before);
    assert!(wb.stale().is_none());
    let good = wb.token().to_string();
    let fx = wb.apply(Edit::Payload("{\"sub\": \"2\",\n  oops}".into()));
    assert!(sign_job(fx).is_none());
    assert_eq!(wb.token(), good, "the token is kept");
    assert_eq!(
        wb.payload_error().unwrap().to_string(),
        "payload is not valid JSON at line 2 column 3: key must be a string"
    );
    let h = wb.headline(NOW);
    assert_eq!(
        h.title,
        "Not re-signed yet: the payload is not valid JSON (line 2, column 3)"
    );
    assert_eq!(h.tone, Tone::Warn);
}

#[test]
fn a_pasted_token_is_verified_not_resigned_when_the_secret_changes() {
    let mut wb = Workbench::example(NOW);
    let pasted = wb.token().to_string();
    edit(&mut wb, Edit::Token(format!("Bearer {pasted}")));
    assert_eq!(wb.token(), pasted);
    assert_eq!(wb.repairs(), ["removed the \"Bearer \" prefix"]);
    assert_eq!(wb.lead(), Lead::Token);
    let fx = wb.apply(Edit::Secret("another-secret-another-secret-another".into()));
    assert!(sign_job(fx).is_none());
    assert_eq!(wb.token(), pasted, "never re-signed silently");
    assert_eq!(
        wb.report(NOW).unwrap().verdict().0,
        Verdict::InvalidSignature
    );
    assert!(
        wb.headline(NOW)
            .judging
            .starts_with("Judging the pasted token (HS256")
    );
    edit(&mut wb, Edit::Resign);
    assert_ne!(wb.token(), pasted);
    assert_eq!(wb.report(NOW).unwrap().verdict().0, Verdict::Valid);
}

#[test]
fn alg_picker_rewrites_header_and_the_headline_never_says_valid_without_a_key() {
    let mut wb = Workbench::example(NOW);
    edit(&mut wb, Edit::Alg(JwsAlg::HS512));
    assert!(
        wb.header().contains("\"alg\": \"HS512\""),
        "{}",
        wb.header()
    );
    assert_eq!(
        wb.inspection().as_ref().unwrap().alg,
        HeaderAlg::Known(JwsAlg::HS512)
    );
    let fx = wb.apply(Edit::Alg(JwsAlg::RS256));
    assert!(sign_job(fx).is_none());
    let h = wb.headline(NOW);
    assert_eq!(h.title, "Not re-signed yet: no RSA private key");
    assert_ne!(h.tone, Tone::Good);
    assert!(wb.verify_key().is_err());
}

#[test]
fn outdated_signing_results_are_dropped() {
    let mut wb = Workbench::example(NOW);
    let old = sign_job(wb.apply(Edit::Payload(r#"{"a":1}"#.into()))).unwrap();
    let new = sign_job(wb.apply(Edit::Payload(r#"{"a":2}"#.into()))).unwrap();
    let (g_old, g_new) = (old.generation, new.generation);
    wb.apply_and_settle(Edit::Signed {
        generation: g_old,
        result: old.run(),
    });
    assert!(
        !wb.token()
            .contains(&crate::core::b64::encode(br#"{"a":1}"#))
    );
    wb.apply_and_settle(Edit::Signed {
        generation: g_new,
        result: new.run(),
    });
    assert!(
        wb.token()
            .contains(&crate::core::b64::encode(br#"{"a":2}"#))
    );
}

#[test]
fn a_signed_token_inspects_like_a_decoded_one() {
    let wb = Workbench::example(NOW);
    let fresh = crate::core::token::inspect(wb.token()).unwrap();
    let kept = wb.inspection().as_ref().unwrap();
    assert_eq!(kept.spans, fresh.spans);
    assert_eq!(kept.header, fresh.header);
    assert_eq!(kept.payload, fresh.payload);
    assert_eq!(kept.signature, fresh.signature);
    assert_eq!(kept.header_bytes, fresh.header_bytes);
}

#[test]
fn time_travel_changes_the_verdict_and_says_as_of() {
    let mut wb = Workbench::example(NOW);
    edit(&mut wb, Edit::Clock(TimeTravel::Offset(3600)));
    let h = wb.headline(NOW);
    assert_eq!(h.title, "× Expired");
    assert!(h.as_of.unwrap().contains("1h after the real clock"));
    assert_eq!(wb.countdown(NOW).unwrap().1, Tone::Bad);
    edit(&mut wb, Edit::Clock(TimeTravel::At(NOW + 60)));
    assert_eq!(wb.headline(NOW).title, VALID_WELL_KNOWN);
    edit(&mut wb, Edit::Clock(TimeTravel::Live));
    assert!(wb.headline(NOW).as_of.is_none());
}

#[test]
fn headline_names_a_malformed_exp_not_expiry() {
    let mut wb = Workbench::example(NOW);
    edit(
        &mut wb,
        Edit::Payload(r#"{"sub":"1","exp":"1795629891"}"#.into()),
    );
    assert_eq!(wb.headline(NOW).title, "× exp is not a NumericDate");
}

#[test]
fn loading_key_bytes_routes_them_and_switches_the_algorithm() {
    let mut wb = Workbench::example(NOW);
    let jwk = br#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    let fx = wb.apply(Edit::LoadKey {
        bytes: jwk.to_vec(),
        source: "ed.jwk".into(),
    });
    assert_eq!(fx.loaded_into, Some(crate::core::keys::KeyField::Private));
    wb.settle(fx);
    assert_eq!(wb.alg(), JwsAlg::EdDSA);
    assert_eq!(wb.headline(NOW).title, "✔ Valid");
    let before = wb.keys().clone();
    let fx = edit(
        &mut wb,
        Edit::LoadKey {
            bytes: b"\x00junk".to_vec(),
            source: "junk.bin".into(),
        },
    );
    assert!(fx.unwrap().error);
    assert_eq!(wb.keys(), &before, "nothing typed is lost");
}

#[test]
fn each_key_text_is_parsed_once_and_weak_secrets_are_advised() {
    let mut wb = Workbench::example(NOW);
    edit(&mut wb, Edit::Secret("short".into()));
    let advice = wb.secret_advice();
    assert_eq!(advice.len(), 1, "{advice:?}");
    assert!(advice[0].title.contains("weak"), "{advice:?}");
    edit(&mut wb, Edit::Secret("secret".into()));
    assert!(wb.secret_advice()[0].title.contains("well-known"));
}

#[test]
fn restore_round_trips_a_snapshot() {
    let mut wb = Workbench::example(NOW);
    edit(&mut wb, Edit::Payload(r#"{"sub":"kept"}"#.into()));
    let snap = wb.snapshot();
    let back = restored(snap.clone());
    assert_eq!(back.token(), wb.token());
    assert_eq!(back.payload(), wb.payload());
    let mut no_key = snap;
    no_key.keys.secret.clear();
    let back = restored(no_key);
    assert_eq!(back.headline(NOW).title, "Not re-signed yet: no secret");
}

#[test]
fn the_display_changes_each_second_only_while_a_time_is_near() {
    let mut wb = Workbench::example(NOW);
    // iat is now: "issued 0s ago" changes every second.
    assert_eq!(wb.next_tick(NOW), Some(1));
    // A week-old iat and an exp 10 days away change hourly, the countdown each minute.
    edit(
        &mut wb,
        Edit::Payload(format!(
            r#"{{"iat":{},"exp":{}}}"#,
            NOW - 7 * 86_400 - 30,
            NOW + 10 * 86_400 + 90
        )),
    );
    let tick = wb.next_tick(NOW).unwrap();
    assert!((2..=60).contains(&tick), "{tick}");
    edit(&mut wb, Edit::Payload(r#"{"sub":"no times"}"#.into()));
    assert_eq!(wb.next_tick(NOW), None);
}

/// The RFC vector named `name` from the committed JWE fixtures: (token, key JWK text or
/// password, plaintext).
fn jwe_vector(name: &str) -> (String, String, String) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/jwe/rfc_vectors.json"
    );
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let v = all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap();
    let key = match &v["key"] {
        serde_json::Value::Null => v["password"].as_str().unwrap().to_string(),
        k => k.to_string(),
    };
    (
        v["token"].as_str().unwrap().into(),
        key,
        v["plaintext"].as_str().unwrap().into(),
    )
}

#[test]
fn a_pasted_jwe_decrypts_live_with_the_jwe_key() {
    let (token, key, plaintext) = jwe_vector("RFC 7516 A.3");
    let mut wb = Workbench::empty();
    edit(&mut wb, Edit::Token(token));
    assert!(matches!(wb.jwe().unwrap().state, JweState::NoKey(_)));
    assert_eq!(
        wb.headline(NOW).title,
        "🔒 Encrypted (A128KW, A128CBC-HS256): not decrypted"
    );
    assert_eq!(
        wb.headline(NOW).judging,
        "Judging the pasted JWE (A128KW, A128CBC-HS256)"
    );
    assert!(
        wb.payload_error().is_none(),
        "an undecrypted payload is not a JSON error"
    );
    edit(&mut wb, Edit::JweKey(key));
    let JweState::Decrypted { decrypted, nested } = &wb.jwe().unwrap().state else {
        panic!("{:?}", wb.jwe().unwrap().state);
    };
    assert!(!nested);
    assert_eq!(decrypted.plaintext, plaintext.as_bytes());
    assert_eq!(
        wb.payload(),
        plaintext,
        "the plaintext shows in the payload pane"
    );
    assert!(
        wb.headline(NOW)
            .title
            .starts_with("🔓 Decrypted, not signed")
    );
    // A wrong key: the one message, never a partial plaintext.
    edit(
        &mut wb,
        Edit::JweKey(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#.into()),
    );
    assert_eq!(wb.headline(NOW).title, "× Decryption failed");
    assert!(matches!(wb.jwe().unwrap().state, JweState::Failed(_)));
}

#[test]
fn pbes2_decryption_runs_off_the_ui_thread() {
    let (token, password, _) = jwe_vector("RFC 7520 5.3");
    let mut wb = Workbench::empty();
    let _no_key_yet = wb.apply(Edit::Token(token));
    let fx = wb.apply(Edit::JweKey(password));
    let job = decrypt_job(fx).unwrap();
    assert!(job.is_slow(), "PBES2 is slow work");
    let generation = job.generation;
    wb.apply_and_settle(Edit::Decrypted {
        generation,
        result: Box::new(job.run()),
    });
    assert!(wb.payload().contains("\"keys\""), "{}", wb.payload());
}

#[test]
fn the_editors_sign_then_encrypt_and_the_recipient_decrypts_the_nested_token() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let public = std::fs::read_to_string(format!("{dir}rsa2048.spki.pem")).unwrap();
    let private = std::fs::read_to_string(format!("{dir}rsa2048.pkcs8.pem")).unwrap();
    let mut wb = Workbench::example(NOW);
    edit(&mut wb, Edit::JweKey(public));
    edit(
        &mut wb,
        Edit::Encryption(Encryption::Nested {
            alg: crate::core::jwe::KeyAlg::RsaOaep256,
            enc: crate::core::jwe::ContentAlg::A256Gcm,
        }),
    );
    let token = wb.token().to_string();
    assert_eq!(token.split('.').count(), 5, "a JWE");
    assert!(matches!(
        wb.jwe().unwrap().state,
        JweState::Made { nested: true, .. }
    ));
    let h = wb.headline(NOW);
    assert_eq!(
        h.title, VALID_WELL_KNOWN,
        "the signed token inside is judged"
    );
    assert!(h.judging.contains("inside the JWE made from your editors"));
    // The recipient pastes it with their private key: decrypted and verified.
    let mut them = Workbench::example(NOW);
    edit(&mut them, Edit::JweKey(private));
    edit(&mut them, Edit::Token(token));
    assert!(matches!(
        them.jwe().unwrap().state,
        JweState::Decrypted { nested: true, .. }
    ));
    assert_eq!(them.headline(NOW).title, VALID_WELL_KNOWN);
    assert!(them.payload().contains("John Doe"));
    // Without a recipient key, encryption says what is missing.
    edit(&mut wb, Edit::JweKey(String::new()));
    assert_eq!(
        wb.headline(NOW).title,
        "Not re-signed yet: no key to encrypt to"
    );
}
