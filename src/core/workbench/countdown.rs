//! The countdown to `exp` (or to `nbf`) and when the window must draw again because a shown
//! time would read differently: each second while one is near, never for a token without
//! times.

use super::Workbench;
use super::verdict::Tone;
use crate::core::claims::{self, NumericDate};

impl Workbench {
    /// The countdown at the document's clock: text and tone (exp passed: Bad; last minute or
    /// not yet valid: Warn).
    pub fn countdown(&self, now: NumericDate) -> Option<(String, Tone)> {
        let now = self.at(now);
        let c = self.inspection.as_ref().ok()?.claims()?;
        if let Ok(Some(nbf)) = claims::time_claim(c, "nbf")
            && nbf > now
        {
            return Some((
                format!("valid in {}", claims::clock(nbf.saturating_sub(now))),
                Tone::Warn,
            ));
        }
        let exp = claims::time_claim(c, "exp").ok().flatten()?;
        Some(if exp > now {
            let tone = if exp.saturating_sub(now) <= 60 {
                Tone::Warn
            } else {
                Tone::Good
            };
            (
                format!("expires in {}", claims::clock(exp.saturating_sub(now))),
                tone,
            )
        } else {
            (
                format!(
                    "expired {} ago",
                    claims::human_duration(now.saturating_sub(exp))
                ),
                Tone::Bad,
            )
        })
    }
}

/// Seconds until a relative time text at distance `d` (seconds) changes: "45s" and
/// "29m 12s" every second, "3h 4m" every minute, "2d 5h" every hour, "1y 35d" every day.
fn text_changes_in(d: i64) -> i64 {
    let d = d.saturating_abs();
    let step = match d {
        0..3_600 => 1,
        3_600..86_400 => 60,
        86_400..31_536_000 => 3_600,
        _ => 86_400,
    };
    (step - d % step).max(1)
}

impl Workbench {
    /// Seconds until any time the window shows (the countdown, exp, nbf, iat as relative text)
    /// would read differently, or an x5c chain that decides the key may change its trust;
    /// `None` when neither can. The window repaints then, and not before.
    pub fn next_tick(&self, now: NumericDate) -> Option<i64> {
        let x5c = self.x5c_tick(now);
        let claims = self.claims_tick(now);
        match (x5c, claims) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn claims_tick(&self, now: NumericDate) -> Option<i64> {
        let c = self.inspection.as_ref().ok()?.claims()?;
        let at = self.at(now);
        ["exp", "nbf", "iat"]
            .into_iter()
            .filter_map(|name| claims::time_claim(c, name).ok().flatten())
            .map(|t| {
                let d = t.saturating_sub(at);
                // The countdown clock shows seconds under a day, minutes above.
                let countdown = if d.saturating_abs() < 86_400 {
                    1
                } else {
                    60 - d.saturating_abs() % 60
                };
                text_changes_in(d).min(countdown.max(1))
            })
            .min()
    }
}
