//! Cleaning pasted text into a compact token, saying what was changed: a `Bearer ` prefix,
//! quotes, whitespace, padding, the standard base64 alphabet. Repairing twice changes nothing.

/// One repair applied to pasted text before decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// A leading `Bearer ` (any case) was removed.
    BearerPrefix,
    /// Surrounding quotes were removed.
    Quotes,
    /// Spaces, tabs or newlines inside the token were removed (count).
    Whitespace(usize),
    /// `=` padding was removed (count).
    Padding(usize),
    /// Standard-base64 `+` and `/` were turned into base64url `-` and `_` (count).
    StandardAlphabet(usize),
    /// Whitespace around the token was removed (count).
    Surrounding(usize),
}

impl Repair {
    /// A short note for the user.
    pub fn note(&self) -> String {
        match self {
            Repair::BearerPrefix => "removed the \"Bearer \" prefix".to_string(),
            Repair::Quotes => "removed surrounding quotes".to_string(),
            Repair::Whitespace(n) => {
                format!("removed {n} whitespace character(s) inside the token")
            }
            Repair::Padding(n) => format!("removed {n} '=' padding character(s)"),
            Repair::StandardAlphabet(n) => {
                format!("turned {n} standard-base64 '+'/'/' character(s) into base64url '-'/'_'")
            }
            Repair::Surrounding(n) => {
                format!("removed {n} whitespace character(s) around the token")
            }
        }
    }
}

/// `text` without one pair of surrounding quotes (`"`, `'` or `` ` ``), if it has them.
fn unquoted(text: &str) -> Option<&str> {
    [('"', '"'), ('\'', '\''), ('`', '`')]
        .into_iter()
        .find(|(open, close)| text.len() >= 2 && text.starts_with(*open) && text.ends_with(*close))
        .and_then(|_| text.get(1..text.len() - 1))
}

/// Cleans pasted text into a compact token and lists what it changed. Repairing the result
/// again changes nothing.
pub fn repair(input: &str) -> (String, Vec<Repair>) {
    let mut repairs = Vec::new();
    let (mut quotes, mut bearer) = (false, false);
    let mut s = input.trim();
    let around = input.chars().count() - s.chars().count();
    // Quotes and the prefix can nest ("Bearer \"...\"", "'\"...\"'"): strip them all.
    loop {
        if let Some(inner) = unquoted(s) {
            s = inner.trim();
            quotes = true;
        } else if s.len() > 7
            && s.get(..7)
                .is_some_and(|p| p.eq_ignore_ascii_case("bearer "))
        {
            s = s.get(7..).unwrap_or(s).trim_start();
            bearer = true;
        } else {
            break;
        }
    }
    let mut ws = 0;
    let mut pad = 0;
    let mut std_alpha = 0;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_whitespace() => ws += 1,
            '=' => pad += 1,
            '+' => {
                std_alpha += 1;
                out.push('-');
            }
            '/' => {
                std_alpha += 1;
                out.push('_');
            }
            c => out.push(c),
        }
    }
    // Padding or whitespace outside the quotes ("\"...\"==") uncovers them only now.
    let mut kept: &str = &out;
    while let Some(inner) = unquoted(kept) {
        kept = inner;
        quotes = true;
    }
    if kept.len() != out.len() {
        out = kept.to_string();
    }
    if around > 0 {
        repairs.push(Repair::Surrounding(around));
    }
    if quotes {
        repairs.push(Repair::Quotes);
    }
    if bearer {
        repairs.push(Repair::BearerPrefix);
    }
    if ws > 0 {
        repairs.push(Repair::Whitespace(ws));
    }
    if pad > 0 {
        repairs.push(Repair::Padding(pad));
    }
    if std_alpha > 0 {
        repairs.push(Repair::StandardAlphabet(std_alpha));
    }
    (out, repairs)
}
