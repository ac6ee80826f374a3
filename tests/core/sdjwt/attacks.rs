//! The attack lab: every forged presentation is rejected by this verifier, by the step it
//! targets; the untouched presentation is accepted (so a rejection means something).

use super::{check, failures, lab_keys};
use jwt_workbench::core::sdjwt::{self, KbRequest, LabInput, SdJwt};

const NOW: i64 = 1_780_000_000;

#[test]
fn every_forgery_is_rejected_by_its_step() {
    let (issuer, holder) = lab_keys();
    let base = sdjwt::lab_base(&issuer, &holder, NOW).unwrap();
    let input = LabInput {
        sd_jwt: &base,
        issuer: &issuer,
        holder: &holder,
        aud: "https://verifier.example",
        nonce: "n-42",
        now: NOW,
    };
    let policy = input.policy();
    // The honest presentation passes.
    let sd = SdJwt::parse(&base).unwrap();
    let kb = KbRequest {
        key: &holder,
        aud: input.aud.into(),
        nonce: input.nonce.into(),
        iat: NOW,
    };
    let honest =
        sdjwt::present(&sd, &["/given_name".into(), "/address".into()], Some(&kb)).unwrap();
    let r = check(&honest.text, &issuer.public_half(), &policy, NOW);
    assert!(r.valid(), "{}", failures(&r));
    let forgeries = sdjwt::attacks(&input).unwrap();
    let ids: Vec<&str> = forgeries.iter().map(|f| f.id).collect();
    for want in [
        "kb-stripped",
        "sd-hash-other",
        "duplicate-digest",
        "disclosure-referenced-twice",
        "unreferenced-disclosure",
        "disclosure-named-sd",
        "disclosure-named-dots",
        "name-collision",
        "kb-alg-none",
        "kb-other-key",
    ] {
        assert!(ids.contains(&want), "{want} missing from {ids:?}");
    }
    for f in &forgeries {
        let r = check(&f.presentation, &issuer.public_half(), &policy, NOW);
        assert!(!r.valid(), "{} was accepted", f.id);
        let failed: Vec<&str> = r
            .steps
            .iter()
            .filter(|c| !c.ok)
            .map(|c| c.name.as_str())
            .collect();
        assert!(
            failed.contains(&f.breaks.name),
            "{}: expected {} to fail, got:\n{}",
            f.id,
            f.breaks.name,
            failures(&r)
        );
        // The issuer's signature holds on every forgery: only the targeted rule is broken.
        assert!(r.issuer.valid(), "{}: {}", f.id, failures(&r));
    }
}

#[test]
fn the_lab_refuses_a_base_it_cannot_use() {
    let (issuer, holder) = lab_keys();
    let base = sdjwt::lab_base(&issuer, &holder, NOW).unwrap();
    let sd = SdJwt::parse(&base).unwrap();
    let kb = KbRequest {
        key: &holder,
        aud: "a".into(),
        nonce: "n".into(),
        iat: NOW,
    };
    let presented = sdjwt::present(&sd, &[], Some(&kb)).unwrap();
    let input = LabInput {
        sd_jwt: &presented.text,
        issuer: &issuer,
        holder: &holder,
        aud: "a",
        nonce: "n",
        now: NOW,
    };
    assert!(sdjwt::attacks(&input).is_err());
    // Without top-level disclosures.
    let bare = format!("{}~", sd.issuer_jwt());
    let input = LabInput {
        sd_jwt: &bare,
        ..input
    };
    let e = sdjwt::attacks(&input).unwrap_err().to_string();
    assert!(e.contains("top-level claim"), "{e}");
}
