//! What the panes show that is derived from the document: computed once per change of the
//! document or of the second on the clock, not once per frame.

use crate::core::claims::NumericDate;
use crate::core::findings::Finding;
use crate::core::verify::Report;
use crate::core::workbench::{Headline, Tone, Workbench};

/// The verdict area's content, kept until the document or the second changes.
#[derive(Debug, Default)]
pub struct Derived {
    key: Option<(u64, NumericDate)>,
    /// The headline.
    pub headline: Option<Headline>,
    /// The report (checks).
    pub report: Option<Report>,
    /// The findings.
    pub findings: Vec<Finding>,
    /// The countdown text and tone.
    pub countdown: Option<(String, Tone)>,
    /// Seconds until a shown time changes.
    pub next_tick: Option<i64>,
}

impl Derived {
    /// Recomputes when the document or the second changed; returns whether it did.
    pub fn refresh(&mut self, wb: &Workbench, now: NumericDate) -> bool {
        let key = (wb.revision(), now);
        if self.key == Some(key) {
            return false;
        }
        self.key = Some(key);
        self.headline = Some(wb.headline(now));
        self.report = wb.report(now);
        self.findings = wb.findings(now);
        self.countdown = wb.countdown(now);
        self.next_tick = wb.next_tick(now);
        true
    }
}
