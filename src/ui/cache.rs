//! What the panes show that is derived from the document: computed when the document changes
//! or when a shown time would read differently (each second while a countdown is near, never
//! for a token without times), not once per frame. When only the clock moved, just the time
//! claims' findings are judged again: a 20,000-claim payload takes ~18 ms to scan for
//! secrets and duplicate members, and scrolling it must not pay that every second.

use crate::core::claims::NumericDate;
use crate::core::findings::Finding;
use crate::core::jws_json::SignatureResult;
use crate::core::verify::Report;
use crate::core::workbench::{Headline, Tone, Workbench};

/// The verdict area's content, kept until the document or the second changes.
#[derive(Debug, Default)]
pub struct Derived {
    /// The document revision judged, and the time it was judged at.
    judged: Option<(u64, NumericDate)>,
    /// When a shown time next reads differently (None: never, the token has no times).
    until: Option<NumericDate>,
    /// The headline.
    pub headline: Option<Headline>,
    /// The report (checks).
    pub report: Option<Report>,
    /// An SD-JWT's warnings (they do not fail it), each with its section.
    pub sd_warnings: Vec<String>,
    /// One row per signature of a JWS JSON document (none for a compact token).
    pub signatures: Vec<(Tone, String)>,
    /// The findings, sorted.
    pub findings: Vec<Finding>,
    /// The findings that do not change with the clock, for the revision judged.
    timeless: Vec<Finding>,
    /// The countdown text and tone.
    pub countdown: Option<(String, Tone)>,
    /// Seconds until a shown time changes, counted from when it was judged.
    next_tick: Option<i64>,
}

impl Derived {
    /// Recomputes when the document changed, when a shown time would now read differently,
    /// or when the clock went back; returns whether it did.
    pub fn refresh(&mut self, wb: &Workbench, now: NumericDate) -> bool {
        let same_document = self.judged.is_some_and(|(r, _)| r == wb.revision());
        let current = match self.judged {
            Some((_, at)) if same_document && at <= now => {
                self.until.is_none_or(|until| now < until)
            }
            _ => false,
        };
        if current {
            return false;
        }
        if !same_document {
            self.timeless = wb.timeless_findings();
        }
        self.judged = Some((wb.revision(), now));
        self.headline = Some(wb.headline(now));
        // An SD-JWT is verified once per refresh: its steps join the report.
        match wb.sd_report(now) {
            Some(sd) => {
                self.report = wb.report_with(now, Some(&sd));
                self.sd_warnings = sd
                    .warnings
                    .iter()
                    .map(|w| format!("{} ({})", w.text, w.cite))
                    .collect();
            }
            None => {
                self.report = wb.report(now);
                self.sd_warnings.clear();
            }
        }
        self.signatures = wb.json_verdicts(now).map_or_else(Vec::new, |v| {
            let tone = |r: &SignatureResult| match (r.valid(), r.fitted()) {
                (true, _) => Tone::Good,
                (false, true) => Tone::Bad,
                (false, false) => Tone::Warn,
            };
            v.results.iter().map(|r| (tone(r), r.summary())).collect()
        });
        self.findings = self.timeless.clone();
        self.findings.extend(wb.timed_findings(now));
        crate::core::findings::sort(&mut self.findings);
        self.countdown = wb.countdown(now);
        self.next_tick = wb.next_tick(now);
        self.until = self.next_tick.map(|s| now.saturating_add(s.max(1)));
        true
    }

    /// Seconds from `now` until a shown time reads differently (at least 1), if one will.
    pub fn repaint_in(&self, now: NumericDate) -> Option<i64> {
        self.until.map(|until| until.saturating_sub(now).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::workbench::Edit;

    const NOW: NumericDate = 1_800_000_000;

    /// The example re-signed with `payload`, as the window's signer would.
    fn edited(wb: &mut Workbench, payload: &str) {
        let fx = wb.apply(Edit::Payload(payload.to_string()));
        wb.settle(fx);
    }

    fn document(payload: &str) -> Workbench {
        let mut wb = Workbench::example(NOW);
        edited(&mut wb, payload);
        wb
    }

    #[test]
    fn a_token_without_times_is_judged_once() {
        let wb = document(r#"{"sub":"1"}"#);
        let mut d = Derived::default();
        assert!(d.refresh(&wb, NOW));
        assert!((1..100).all(|s| !d.refresh(&wb, NOW + s)));
        assert_eq!(d.repaint_in(NOW + 5), None);
    }

    #[test]
    fn a_near_countdown_is_judged_each_second_and_an_edit_at_once() {
        let mut wb = document(&format!(r#"{{"sub":"1","exp":{}}}"#, NOW + 30));
        let mut d = Derived::default();
        assert!(d.refresh(&wb, NOW));
        assert!(!d.refresh(&wb, NOW), "same second, same document");
        assert_eq!(d.repaint_in(NOW), Some(1));
        assert!(d.refresh(&wb, NOW + 1));
        assert_eq!(
            d.findings,
            wb.findings(NOW + 1),
            "kept and fresh findings agree"
        );
        edited(&mut wb, r#"{"sub":"2"}"#);
        assert!(d.refresh(&wb, NOW + 1), "an edit is judged at once");
        assert!(d.refresh(&wb, NOW - 10), "the clock went back");
    }

    #[test]
    fn a_far_expiry_is_judged_when_its_text_changes() {
        let wb = document(&format!(r#"{{"sub":"1","exp":{}}}"#, NOW + 3 * 86_400 + 30));
        let mut d = Derived::default();
        assert!(d.refresh(&wb, NOW));
        let wait = d.repaint_in(NOW).unwrap_or(0);
        assert!(wait > 1, "{wait}");
        assert!(!d.refresh(&wb, NOW + wait - 1));
        assert!(d.refresh(&wb, NOW + wait));
    }
}
