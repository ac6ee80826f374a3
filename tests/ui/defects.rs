//! The window defects seen by hand at 1280x800 (issue 17), each driven through the real app.

use crate::common::ui::*;
use crate::common::*;
use egui_kittest::kittest::Queryable;
use jwt_workbench::ui::commands::Command;
use jwt_workbench::ui::labels;
use jwt_workbench::ui::views::View;

/// In presentation mode (F5), and in a narrower window, the top bar's controls never draw
/// over one another: the right-hand group moves to a second line when it does not fit.
#[test]
fn presentation_mode_keeps_the_top_bar_apart() {
    for (size, presentation) in [
        ((1280.0, 800.0), true),
        ((1024.0, 768.0), false),
        ((1280.0, 800.0), false),
    ] {
        let (mut h, _) = harness(Opts {
            size: Some(size),
            ..Opts::default()
        });
        if presentation {
            h.state_mut().run_command_for_tests(Command::Presentation);
        }
        h.run();
        h.run();
        top_bar_apart(&h);
    }
}

fn top_bar_apart(h: &egui_kittest::Harness<'_, jwt_workbench::ui::WorkbenchApp>) {
    let names = [
        "Debugger",
        "Structure",
        "Attacks",
        "Keys",
        "New",
        "Save token…",
        "Copy token",
        "Clear",
        "Privacy",
        "Presentation",
        "☀ Light",
        "🌙 Dark",
        "💻 System",
    ];
    let rects: Vec<(&str, egui::Rect)> = names
        .iter()
        .map(|n| (*n, h.get_by_label(n).rect()))
        .collect();
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in rects.iter().skip(i + 1) {
            assert!(
                !ra.shrink(1.0).intersects(rb.shrink(1.0)),
                "{a} at {ra:?} overlaps {b} at {rb:?}"
            );
        }
    }
}

/// A pasted JWE offers no re-signing, and the signing key's fields are tucked away (they do
/// not apply until a signed token is found inside).
#[test]
fn a_pasted_jwe_does_not_offer_to_re_sign() {
    // RFC 7516 A.3: A128KW with a symmetric key; the plaintext is text, not a signed token.
    let text = std::fs::read_to_string(fixture("jwe/rfc_vectors.json")).unwrap();
    let all: serde_json::Value = serde_json::from_str(&text).unwrap();
    let v = all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "RFC 7516 A.3")
        .unwrap();
    let (mut h, _) = harness(Opts::default());
    set_text(&mut h, labels::TOKEN, v["token"].as_str().unwrap());
    set_text(&mut h, labels::JWE_KEY, &v["key"].to_string());
    h.run();
    assert!(shows(&h, "A pasted JWE: the JWE key decrypts it"));
    assert!(h.query_by_label("Re-sign with this key").is_none());
    assert!(shows(&h, labels::JWS_KEY_UNUSED));
    assert!(shows(&h, labels::JWS_KEY_SECTION));
    assert!(
        h.query_by_label(labels::SECRET).is_none(),
        "the secret field is tucked away"
    );
    // Ctrl+R does nothing to it either.
    let before = h.state().document().token().to_string();
    h.state_mut().run_command_for_tests(Command::Resign);
    h.run();
    assert_eq!(h.state().document().token(), before);
}

/// An HMAC secret has no public key: the Keys view and the Export menu offer none.
#[test]
fn a_secret_offers_no_public_key_exports() {
    let (mut h, _) = harness(Opts::default());
    h.state_mut()
        .run_command_for_tests(Command::Show(View::Keys));
    h.run();
    for public in [
        "Copy public PEM",
        "Copy public JWK",
        "Copy public JWKS",
        "Public key (PEM)…",
        "Public key (JWK)…",
        "Public JWKS…",
    ] {
        assert!(
            h.query_by_label(public).is_none(),
            "{public} is offered for a secret"
        );
    }
    assert!(h.query_by_label("Private key or secret (JWK)…").is_some());
}

/// A valid signature with a published or short secret says so in the headline itself; and
/// the verdict's detail never repeats its title.
#[test]
fn the_headline_carries_a_forgeable_key_and_never_repeats_itself() {
    let (mut h, _) = harness(Opts::default());
    // The first-run example signs with jwt.io's published secret.
    assert!(shows(
        &h,
        "⚠ Valid signature, but the secret is well known: anyone can forge this"
    ));
    assert!(!shows(&h, "✔ Valid"));
    set_text(&mut h, labels::SECRET, "short");
    h.run();
    assert!(shows(
        &h,
        "⚠ Valid signature, but the secret is short: it can be guessed"
    ));
    set_text(&mut h, labels::SECRET, "x9Vq2Lp7Rt4Wm8Zc1Nb6Hd3Jf5Kg0Ys2");
    h.run();
    assert!(shows(&h, "✔ Valid"));
    assert!(shows(&h, "Signature verified and every check passed."));
    // A pasted token checked with another key: the title says it once, the detail explains.
    let token = h.state().document().token().to_string();
    set_text(
        &mut h,
        labels::SECRET,
        "another-strong-secret-of-32-bytes!!",
    );
    set_text(&mut h, labels::TOKEN, &token);
    h.run();
    assert!(shows(&h, "× Invalid signature"));
    assert_eq!(
        h.query_all_by_label_contains("nvalid signature").count(),
        1,
        "said once"
    );
    assert!(shows(&h, "The signature does not match this key"));
}

/// "Evaluate at" shows its whole hint at the default size.
#[test]
fn the_evaluate_at_field_is_wide_enough_for_its_hint() {
    let (mut h, _) = harness(Opts::default());
    let field = h.get_by_label(labels::EVALUATE_AT).rect();
    let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
    let hint = h.ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            "live · +3d · 2026-12-01 10:00".into(),
            font,
            egui::Color32::WHITE,
        )
        .size()
        .x
    });
    // The text edit's inner margins take 8 points of its width.
    assert!(
        field.width() - 8.0 >= hint,
        "the field is {} points wide, its hint {hint}",
        field.width()
    );
    let _ = &mut h;
}

/// Notes (informational findings) fold away under one line, so that dangers and warnings
/// stay on screen; opening it shows each note with the rule it cites.
#[test]
fn notes_fold_away_below_the_warnings() {
    let (mut h, _) = harness(Opts::default());
    assert!(shows(&h, "danger: well-known secret"));
    assert!(shows(&h, "Notes (info: 2)"));
    assert!(!shows(&h, "is not an explicit type"), "folded");
    h.get_by_label("Notes (info: 2)").click();
    h.run();
    assert!(shows(&h, "info: typ \"JWT\" is not an explicit type"));
    assert!(shows(&h, "(RFC 8725bis section 3.11)"));
}
