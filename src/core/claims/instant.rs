//! "Now" as a person types it for judging a token at another instant: an offset, a UTC date
//! and time, or seconds since 1970.

use super::NumericDate;

/// Why typed text is not an instant. The text shown back is the person's own, not a token's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InstantError {
    /// Nothing typed.
    #[error("type a date and time (2026-12-01 10:00), an offset (+3d, -2h) or seconds since 1970")]
    Empty,
    /// All digits, but more than a NumericDate holds.
    #[error("{text} is too large for a NumericDate")]
    TooLarge {
        /// The digits typed.
        text: String,
    },
    /// Neither an offset, a date and time, nor a number.
    #[error(
        "\"{text}\" is not a time: use 2026-12-01 10:00 (UTC), +3d or -2h30m, or seconds since 1970"
    )]
    NotATime {
        /// The text typed (trimmed).
        text: String,
    },
    /// An offset with a letter that is no unit.
    #[error("'{unit}' is not a unit: use s, m, h, d, w or y")]
    Unit {
        /// The letter.
        unit: char,
    },
    /// An offset unit without a number before it ("+d").
    #[error("a number must come before '{unit}'")]
    NumberFirst {
        /// The unit.
        unit: char,
    },
    /// An offset whose trailing number (seconds) does not fit.
    #[error("the offset is too large")]
    OffsetTooLarge,
    /// An offset with no number at all ("+").
    #[error("an offset needs a number: +3d, -2h30m, +90s")]
    NoNumber,
}

/// Reads a "now" typed by a person: an offset from `now` ("+3d", "-2h30m", "+90s"), a date
/// and time in UTC ("2026-12-01 10:00", "2026-12-01T10:00:00Z", "2026-12-01"), or a
/// NumericDate ("1800000000"). Units: s, m, h, d, w, y.
pub fn parse_instant(text: &str, now: NumericDate) -> Result<NumericDate, InstantError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(InstantError::Empty);
    }
    if let Some(sign) = t.chars().next().filter(|c| *c == '+' || *c == '-') {
        let secs = parse_offset(t.get(1..).unwrap_or(""))?;
        return Ok(if sign == '+' {
            now.saturating_add(secs)
        } else {
            now.saturating_sub(secs)
        });
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse::<i64>().map_err(|_| InstantError::TooLarge {
            text: t.to_string(),
        });
    }
    let cleaned = t
        .trim_end_matches('Z')
        .trim_end_matches(" UTC")
        .replace('T', " ");
    for fmt in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(&cleaned, fmt) {
            return Ok(d.and_utc().timestamp());
        }
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(&cleaned, "%Y-%m-%d") {
        return Ok(d
            .and_hms_opt(0, 0, 0)
            .map_or(0, |d| d.and_utc().timestamp()));
    }
    Err(InstantError::NotATime {
        text: t.to_string(),
    })
}

/// "3d", "2h30m", "90s" as seconds.
fn parse_offset(text: &str) -> Result<i64, InstantError> {
    let mut total: i64 = 0;
    let mut number = String::new();
    let mut any = false;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            'y' => 365 * 86_400,
            other => return Err(InstantError::Unit { unit: other }),
        };
        let n: i64 = number
            .parse()
            .map_err(|_| InstantError::NumberFirst { unit: c })?;
        total = total.saturating_add(n.saturating_mul(unit));
        number.clear();
        any = true;
    }
    if !number.is_empty() {
        let n: i64 = number.parse().map_err(|_| InstantError::OffsetTooLarge)?;
        total = total.saturating_add(n);
        any = true;
    }
    if any {
        Ok(total)
    } else {
        Err(InstantError::NoNumber)
    }
}
