//! Editing a pasted SD-JWT in the window's document: the editors re-sign its issuer JWT and
//! the disclosures follow it (the KB-JWT does not: its sd_hash covered the old JWT, and a
//! notice says so); editors that no longer place any disclosure make a plain JWT.

use jwt_workbench::core::workbench::{Edit, Notice, Template, Tone, Workbench};

const NOW: i64 = 1_780_000_000;

fn sd_jwt_vc() -> Workbench {
    let mut wb = Workbench::empty();
    wb.apply_and_settle(Edit::Template {
        template: Template::SdJwtVc,
        now: NOW,
    });
    wb
}

/// Applies `edit` and runs the jobs it sets off (the signing job's result carries the notice
/// the window shows); returns every notice.
fn notices_after(wb: &mut Workbench, edit: Edit) -> Vec<Notice> {
    let mut notices = Vec::new();
    let mut jobs = wb.apply(edit).jobs;
    while let Some(job) = jobs.pop() {
        let mut fx = wb.apply(job.run());
        notices.extend(fx.notice.take());
        jobs.append(&mut fx.jobs);
    }
    notices
}

#[test]
fn an_edit_keeps_the_disclosures_and_drops_the_kb_jwt() {
    let mut wb = sd_jwt_vc();
    let before = wb.sd_jwt().expect("the template is an SD-JWT");
    assert!(before.kb.is_some());
    let disclosures: Vec<String> = before.rows.iter().map(|r| r.text.clone()).collect();
    assert_eq!(disclosures.len(), 6);

    // A plain claim changes; the _sd digests stay in the payload editor.
    let payload = wb
        .payload()
        .replacen("\"iat\"", "\"edited\": true, \"iat\"", 1);
    assert_ne!(payload, wb.payload());
    let notices = notices_after(&mut wb, Edit::Payload(payload));
    assert!(
        notices.iter().any(|n| n.text.contains("KB-JWT is dropped")),
        "the user is told the KB-JWT went: {notices:?}"
    );
    let doc = wb.sd_jwt().expect("still an SD-JWT");
    let kept: Vec<String> = doc.rows.iter().map(|r| r.text.clone()).collect();
    assert_eq!(kept, disclosures);
    assert!(doc.kb.is_none());
    assert!(wb.token().ends_with('~') && wb.token().matches('~').count() == 7);
    assert!(doc.processed.claims.contains_key("edited"));
    // Every disclosure still lands; without key binding asked for, the issuer part is valid.
    let mut inputs = wb.profile_inputs().clone();
    inputs.kb_optional = true;
    wb.apply_and_settle(Edit::ProfileInputs(Box::new(inputs)));
    let report = wb.report(NOW + 5).unwrap();
    assert!(report.checks.iter().all(|c| c.ok), "{:#?}", report.checks);
    assert_eq!(wb.headline(NOW + 5).tone, Tone::Good);
}

#[test]
fn editors_that_place_no_disclosure_make_a_plain_jwt() {
    let mut wb = sd_jwt_vc();
    let notices = notices_after(&mut wb, Edit::Payload(r#"{"sub":"someone else"}"#.into()));
    assert!(
        notices.iter().any(|n| n.text.contains("now a plain JWT")),
        "{notices:?}"
    );
    assert!(wb.sd_jwt().is_none());
    assert!(!wb.token().contains('~'), "{}", wb.token());
    // A template after an SD-JWT is a new document, not an SD-JWT.
    let mut wb = sd_jwt_vc();
    wb.apply_and_settle(Edit::Template {
        template: Template::Example,
        now: NOW,
    });
    assert!(wb.sd_jwt().is_none() && !wb.token().contains('~'));
}
