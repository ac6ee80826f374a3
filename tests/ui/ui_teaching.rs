//! The Structure view and the attack lab in the real window, through egui_kittest.

use crate::common::ui::*;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jwt_workbench::core::b64;
use jwt_workbench::core::workbench::EXAMPLE_SECRET;
use jwt_workbench::ui::commands::Command;
use jwt_workbench::ui::views::View;
use jwt_workbench::ui::{WorkbenchApp, labels};
use std::time::{Duration, Instant};

fn structure() -> Harness<'static, WorkbenchApp> {
    let (mut h, _) = harness(Opts::default());
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Structure));
    h.run();
    h
}

/// The numbers in a text, in order.
fn numbers(text: &str) -> Vec<usize> {
    text.replace("base64url", "")
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

/// The payload JSON the example token carries (decoded here, independently of the app).
fn payload_json(h: &Harness<'_, WorkbenchApp>) -> String {
    let token = h.state().document().token().to_string();
    let seg = token.split('.').nth(1).unwrap().to_string();
    String::from_utf8(b64::decode_strict(&seg).unwrap()).unwrap()
}

#[test]
fn hovering_a_claim_lights_up_the_characters_that_carry_it() {
    let h = structure();
    let json = payload_json(&h);
    let member = r#""name":"John Doe""#;
    let start = json.find(member).unwrap();
    let end = start + member.len();
    h.get_by_label(member).hover();
    let mut h = h;
    h.run();
    let line = h
        .query_all_by_label_contains("\"name\" is bytes")
        .next()
        .expect("the mapping is said in words")
        .value()
        .unwrap_or_default();
    let n = numbers(&line);
    assert_eq!(&n[..2], &[start + 1, end], "{line}");
    // Bits [8s, 8e) are carried by the characters [floor(8s/6), ceil(8e/6)).
    let first = 8 * start / 6;
    let last = (8 * end).div_ceil(6);
    assert_eq!(&n[2..4], &[first + 1, last], "{line}");
    assert!(
        line.contains("first and last characters also carry bits"),
        "{line}"
    );
}

#[test]
fn hovering_the_base64url_names_the_claim_it_carries() {
    let mut h = structure();
    let token = h.state().document().token().to_string();
    let header_len = token.split('.').next().unwrap().len();
    let band = h.query_all_by_label(&token).next().unwrap().rect();
    // The bands are monospace: aim at the 30th payload character on the first line.
    let char_width = band.width() / (band.width() / 10.2).floor();
    let x = band.min.x + (header_len + 1 + 30) as f32 * char_width + char_width / 2.0;
    h.hover_at(egui::pos2(x.min(band.max.x - 2.0), band.min.y + 8.0));
    h.run();
    let line = h
        .query_all_by_label_contains("Payload character")
        .next()
        .expect("the hovered character is explained")
        .value()
        .unwrap_or_default();
    let n = numbers(&line);
    let k = n[0] - 1;
    // Character k carries bits [6k, 6k+6): bytes floor(6k/8) .. ceil((6k+6)/8).
    assert_eq!(n[1], 6 * k / 8 + 1, "{line}");
    assert_eq!(n[2], (6 * k + 6).div_ceil(8), "{line}");
    let json = payload_json(&h);
    let byte = n[1] - 1;
    // The claim named is the member whose text holds that byte.
    let name = line.split('"').nth(1).expect("a claim is named");
    let member_start = json.find(&format!("\"{name}\":")).unwrap();
    assert!(member_start <= byte, "{line} / {json}");
    assert!(
        shows(&h, &format!("\"{name}\" is bytes")),
        "the claim lights up too"
    );
}

#[test]
fn the_steps_show_the_hmac_equal_to_the_signature() {
    let h = structure();
    let token = h.state().document().token().to_string();
    let (input, sig) = token.rsplit_once('.').unwrap();
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, EXAMPLE_SECRET.as_bytes());
    let mac = aws_lc_rs::hmac::sign(&key, input.as_bytes());
    let hex = b64::encode_hex(mac.as_ref());
    assert_eq!(
        b64::encode(mac.as_ref()),
        sig,
        "the example is HS256 with the example secret"
    );
    assert!(shows(
        &h,
        "HMAC-SHA-256(secret, signing input), computed here (hex)"
    ));
    assert_eq!(
        h.query_all_by_label(&hex).count(),
        2,
        "the signature and the HMAC computed here are the same bytes"
    );
    assert!(shows(
        &h,
        "equals the third segment: the signature is valid"
    ));
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, input.as_bytes());
    assert!(shows(&h, &b64::encode_hex(digest.as_ref())), "step 4");
    assert!(
        h.query_by_label(input).is_some(),
        "step 3, the signing input"
    );
    // RFC 7797 side by side: the same header and payload signed as they are (b64 false).
    let (header_segment, _) = input.split_once('.').unwrap();
    let raw = format!("{header_segment}.{}", payload_json(&h));
    assert!(shows(
        &h,
        "signing input with b64 false (RFC 7797, payload as is)"
    ));
    assert!(
        h.query_by_label(&raw).is_some(),
        "the b64 false input: {raw}"
    );
}

#[test]
fn the_structure_view_updates_live_with_the_editors() {
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::PAYLOAD, r#"{"sub":"live"}"#);
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Structure));
    h.run();
    assert!(h.query_by_label(r#"{"sub":"live"}"#).is_some());
    assert!(h.query_by_label(r#""sub":"live""#).is_some(), "member chip");
}

/// Switches to the attack lab and waits for it to be built off the UI thread.
fn attacks(h: &mut Harness<'static, WorkbenchApp>) {
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Attacks));
    h.step();
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.state().document().lab().is_none() {
        assert!(Instant::now() < deadline, "the lab was never built");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
}

#[test]
fn the_attack_lab_lists_variants_each_rejected_and_opens_them() {
    let (mut h, _) = harness(Opts::default());
    attacks(&mut h);
    let lab = h.state().document().lab().unwrap().unwrap().clone();
    assert!(lab.total >= 20, "{}", lab.total);
    assert_eq!(lab.rejected, lab.total);
    assert!(shows(
        &h,
        &format!("Our verifier rejects {0} of {0} forgeries", lab.total)
    ));
    assert!(shows(&h, "For testing your own services only"));
    for v in &lab.variants {
        assert!(shows(&h, &v.name), "{} listed", v.id);
    }
    // Copy all exports the list as JSON.
    h.get_by_label("Copy all (JSON)").click();
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("copied");
    let json: serde_json::Value = serde_json::from_str(&copied).unwrap();
    assert_eq!(
        json["variants"].as_array().unwrap().len(),
        lab.variants.len()
    );
    // Open one in the debugger: the token is loaded and judged.
    let none = lab
        .variants
        .iter()
        .find(|v| v.id == "alg-none-nOnE-stripped")
        .unwrap();
    h.get_by_label_contains(&none.name).click();
    h.run();
    assert!(shows(&h, "A correct server must:"));
    h.get_by_label("Open in debugger").click();
    h.run();
    assert_eq!(h.state().ui_state().prefs.view, View::Debugger);
    assert_eq!(value(&h, labels::TOKEN), none.token);
    assert!(shows(&h, "? Not checked: alg none is never accepted"));
}

#[test]
fn presentation_mode_masks_secrets_and_sensitive_claims_with_a_toggle_per_claim() {
    let (mut h, _) = harness(Opts {
        size: Some((1600.0, 1000.0)),
        ..Opts::default()
    });
    set_text(
        &mut h,
        labels::PAYLOAD,
        r#"{"sub":"u-1","password":"hunter2","email":"jane@example.com","exp":1800003600}"#,
    );
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.state().ui_state().presentation);
    assert_eq!(h.ctx.zoom_factor(), 1.25, "larger text");
    // The claims table masks both values.
    if let Some(tab) = h.query_by_label(labels::CLAIMS) {
        tab.click();
        h.run();
    }
    assert!(!shows(&h, "hunter2") && !shows(&h, "jane@example.com"));
    assert_eq!(
        h.query_all_by_label("Show").count(),
        2,
        "one toggle per masked claim"
    );
    // Reveal one claim: only that one shows.
    h.query_all_by_label("Show").next().unwrap().click();
    h.run();
    assert!(shows(&h, "hunter2"));
    assert!(!shows(&h, "jane@example.com"));
    // Secrets stay hidden: the toggle is disabled.
    assert!(
        h.get_by_label(labels::SHOW_SECRET)
            .accesskit_node()
            .is_disabled()
    );
    // The Structure view masks the values in JSON, hex, base64url and the token.
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Structure));
    h.run();
    let token = h.state().document().token().to_string();
    let seg = token.split('.').nth(1).unwrap();
    let email_b64 = b64::encode(b"jane@example.com");
    assert!(!shows(&h, "jane@example.com"));
    assert!(
        shows(&h, "\"email\":\"••••••••••••••••\""),
        "JSON step masked"
    );
    assert!(
        !shows(&h, &b64::encode_hex(b"jane@example.com")),
        "hex masked"
    );
    assert!(!shows(&h, seg), "the payload segment shows masked");
    assert!(!email_b64.is_empty());
    h.key_press(egui::Key::F5);
    h.run();
    assert!(!h.state().ui_state().presentation);
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    assert!(shows(&h, seg), "back in clear");
}
