//! Registered claims and time: NumericDate values as UTC and local date-times, relative
//! text ("expires in 29m 12s"), and lifetimes. `now` is always a parameter.

mod instant;

pub use instant::{InstantError, parse_instant};

use chrono::{DateTime, Local, TimeZone, Utc};
use serde_json::{Map, Value};

/// A point in time as JWT claims hold it: whole seconds since the Unix epoch.
pub type NumericDate = i64;

/// The registered claims of RFC 7519 section 4.1 with a one-line explanation each.
pub const REGISTERED: [(&str, &str, &str); 7] = [
    ("iss", "issuer", "who created and signed this token"),
    (
        "sub",
        "subject",
        "whom the token is about, usually a user id",
    ),
    (
        "aud",
        "audience",
        "the recipients the token is meant for; others must reject it",
    ),
    (
        "exp",
        "expiration time",
        "after this instant the token must not be accepted",
    ),
    (
        "nbf",
        "not before",
        "before this instant the token must not be accepted",
    ),
    ("iat", "issued at", "when the token was issued"),
    (
        "jti",
        "JWT ID",
        "a unique id for this token, used to prevent replay",
    ),
];

/// The name and explanation of a registered claim, if `name` is one.
pub fn registered(name: &str) -> Option<(&'static str, &'static str)> {
    REGISTERED
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, title, text)| (*title, *text))
}

/// Why a time claim (`exp`, `nbf`, `iat`) cannot be read as a NumericDate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeClaimError {
    /// A number, but not one that is a time (too large, or not finite).
    #[error("{name} is {value}, which is not a usable NumericDate (seconds since 1970)")]
    Unusable {
        /// The claim's name.
        name: String,
        /// Its value.
        value: serde_json::Number,
    },
    /// Not a number at all.
    #[error("{name} must be a number of seconds since 1970 (NumericDate); it is {kind}")]
    NotANumber {
        /// The claim's name.
        name: String,
        /// What the value is instead ("a string").
        kind: &'static str,
    },
}

impl From<TimeClaimError> for String {
    /// The sentence, for a check's detail.
    fn from(e: TimeClaimError) -> String {
        e.to_string()
    }
}

/// Reads a time claim: `Ok(None)` when absent, an error saying why when not a usable number.
pub fn time_claim(
    claims: &Map<String, Value>,
    name: &str,
) -> Result<Option<NumericDate>, TimeClaimError> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.is_finite() && f.abs() < 1e15)
                    .map(|f| f.floor() as i64)
            })
            .map(Some)
            .ok_or_else(|| TimeClaimError::Unusable {
                name: name.to_string(),
                value: n.clone(),
            }),
        Some(other) => Err(TimeClaimError::NotANumber {
            name: name.to_string(),
            kind: crate::core::json::kind_name(other),
        }),
    }
}

/// Formats a duration in seconds as the two largest units: "29m 12s", "3h 4m", "2d 5h", "45s".
pub fn human_duration(secs: i64) -> String {
    let s = secs.unsigned_abs();
    const UNITS: [(u64, &str); 5] = [
        (365 * 86_400, "y"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    if s == 0 {
        return "0s".to_string();
    }
    let mut parts = Vec::new();
    let mut rest = s;
    for (size, unit) in UNITS {
        if rest >= size || !parts.is_empty() {
            let count = rest / size;
            rest %= size;
            if count > 0 || !parts.is_empty() {
                parts.push(format!("{count}{unit}"));
            }
        }
        if parts.len() == 2 {
            break;
        }
    }
    // Drop a trailing zero unit ("3h 0m" reads better as "3h").
    if parts.len() == 2 && parts.last().is_some_and(|p| p.starts_with('0')) {
        parts.pop();
    }
    parts.join(" ")
}

/// A countdown as a clock: "04:12", "1:02:03"; a day or more to minutes only: "3d 04:05".
pub fn clock(secs: i64) -> String {
    let s = secs.unsigned_abs();
    let (d, h, m, sec) = (s / 86_400, (s % 86_400) / 3_600, (s % 3_600) / 60, s % 60);
    match (d, h) {
        (0, 0) => format!("{m:02}:{sec:02}"),
        (0, _) => format!("{h}:{m:02}:{sec:02}"),
        _ => format!("{d}d {h:02}:{m:02}"),
    }
}

/// A NumericDate as an RFC 3339 UTC date-time, or a note when out of range.
pub fn utc_text(t: NumericDate) -> String {
    match Utc.timestamp_opt(t, 0).single() {
        Some(dt) => dt.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        None => format!("{t} (out of the representable date range)"),
    }
}

/// A NumericDate in the machine's local time zone.
pub fn local_text(t: NumericDate) -> String {
    match Local.timestamp_opt(t, 0).single() {
        Some(dt) => dt.format("%Y-%m-%d %H:%M:%S %:z").to_string(),
        None => format!("{t} (out of the representable date range)"),
    }
}

/// Converts a chrono instant to a NumericDate.
pub fn numeric(now: DateTime<Utc>) -> NumericDate {
    now.timestamp()
}

/// "expires in 29m 12s" or "expired 3h 4m ago".
pub fn exp_text(exp: NumericDate, now: NumericDate) -> String {
    if exp > now {
        format!("expires in {}", human_duration(exp.saturating_sub(now)))
    } else if exp == now {
        "expires now".to_string()
    } else {
        format!("expired {} ago", human_duration(now.saturating_sub(exp)))
    }
}

/// "not valid for another 5m" or "valid since 2h ago".
pub fn nbf_text(nbf: NumericDate, now: NumericDate) -> String {
    if nbf > now {
        format!(
            "not valid for another {}",
            human_duration(nbf.saturating_sub(now))
        )
    } else {
        format!(
            "valid since {} ago",
            human_duration(now.saturating_sub(nbf))
        )
    }
}

/// "issued 5m ago" or "issued 3m in the future".
pub fn iat_text(iat: NumericDate, now: NumericDate) -> String {
    if iat > now {
        format!(
            "issued {} in the future",
            human_duration(iat.saturating_sub(now))
        )
    } else if iat == now {
        "issued just now".to_string()
    } else {
        format!("issued {} ago", human_duration(now.saturating_sub(iat)))
    }
}

/// Relative text for any time claim.
pub fn relative_text(name: &str, t: NumericDate, now: NumericDate) -> String {
    match name {
        "exp" => exp_text(t, now),
        "nbf" => nbf_text(t, now),
        "iat" => iat_text(t, now),
        _ if t > now => format!("in {}", human_duration(t.saturating_sub(now))),
        _ => format!("{} ago", human_duration(now.saturating_sub(t))),
    }
}

/// One time claim, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeInfo {
    /// Claim name: exp, nbf or iat.
    pub name: &'static str,
    /// The NumericDate.
    pub value: NumericDate,
    /// UTC date-time.
    pub utc: String,
    /// Local date-time.
    pub local: String,
    /// Relative text at `now`.
    pub relative: String,
}

/// The time claims exp, nbf, iat that are present and numeric, plus the lifetime (exp - iat).
pub fn times(claims: &Map<String, Value>, now: NumericDate) -> (Vec<TimeInfo>, Option<String>) {
    let mut out = Vec::new();
    for name in ["iat", "nbf", "exp"] {
        if let Ok(Some(t)) = time_claim(claims, name) {
            out.push(TimeInfo {
                name,
                value: t,
                utc: utc_text(t),
                local: local_text(t),
                relative: relative_text(name, t, now),
            });
        }
    }
    let lifetime = match (time_claim(claims, "iat"), time_claim(claims, "exp")) {
        (Ok(Some(iat)), Ok(Some(exp))) if exp >= iat => Some(format!(
            "lifetime {}",
            human_duration(exp.saturating_sub(iat))
        )),
        (Ok(Some(_)), Ok(Some(_))) => {
            Some("exp is before iat: the token was born expired".to_string())
        }
        _ => None,
    };
    (out, lifetime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(0), "0s");
        assert_eq!(human_duration(45), "45s");
        assert_eq!(human_duration(29 * 60 + 12), "29m 12s");
        assert_eq!(human_duration(3 * 3600 + 4 * 60 + 59), "3h 4m");
        assert_eq!(human_duration(3 * 3600), "3h");
        assert_eq!(human_duration(3 * 3600 + 5), "3h");
        assert_eq!(human_duration(-(2 * 86_400 + 5 * 3600)), "2d 5h");
        assert_eq!(human_duration(400 * 86_400), "1y 35d");
        assert_eq!(clock(4 * 60 + 12), "04:12");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(clock(86_400 + 3723), "1d 01:02");
    }

    #[test]
    fn relative_texts() {
        let now = 1_000_000;
        assert_eq!(exp_text(now + 29 * 60 + 12, now), "expires in 29m 12s");
        assert_eq!(
            exp_text(now - (3 * 3600 + 4 * 60), now),
            "expired 3h 4m ago"
        );
        assert_eq!(nbf_text(now + 300, now), "not valid for another 5m");
        assert_eq!(iat_text(now - 300, now), "issued 5m ago");
        assert_eq!(utc_text(1_300_819_380), "2011-03-22 18:43:00 UTC");
    }

    #[test]
    fn instants_typed_by_people() {
        let now = 1_800_000_000;
        assert_eq!(parse_instant("+3d", now).unwrap(), now + 3 * 86_400);
        assert_eq!(parse_instant("-2h30m", now).unwrap(), now - 9000);
        assert_eq!(parse_instant("1300819380", now).unwrap(), 1_300_819_380);
        assert_eq!(
            parse_instant("2011-03-22 18:43", now).unwrap(),
            1_300_819_380
        );
        assert_eq!(
            parse_instant("2011-03-22T18:43:00Z", now).unwrap(),
            1_300_819_380
        );
        let err = parse_instant("+3x", now).unwrap_err();
        assert_eq!(err, InstantError::Unit { unit: 'x' });
        assert!(err.to_string().contains("not a unit"));
        let err = parse_instant("soon", now).unwrap_err();
        assert!(err.to_string().contains("not a time"), "{err}");
        assert_eq!(parse_instant(" ", now).unwrap_err(), InstantError::Empty);
        assert_eq!(parse_instant("+", now).unwrap_err(), InstantError::NoNumber);
        assert_eq!(
            parse_instant("+d", now).unwrap_err(),
            InstantError::NumberFirst { unit: 'd' }
        );
    }

    #[test]
    fn time_claims_and_lifetime() {
        let m = json!({"iat": 1000, "exp": 2800.9, "nbf": "soon"});
        let m = m.as_object().unwrap();
        assert_eq!(time_claim(m, "exp").unwrap(), Some(2800));
        let err = time_claim(m, "nbf").unwrap_err();
        assert!(err.to_string().contains("it is a string"), "{err}");
        assert_eq!(
            String::from(err),
            "nbf must be a number of seconds since 1970 (NumericDate); it is a string"
        );
        assert_eq!(time_claim(m, "jti").unwrap(), None);
        let (t, life) = times(m, 2000);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].relative, "expires in 13m 20s");
        assert_eq!(life.unwrap(), "lifetime 30m");
        assert_eq!(registered("exp").unwrap().0, "expiration time");
    }
}
