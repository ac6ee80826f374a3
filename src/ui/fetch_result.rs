//! What a fetch brought, shown in the "Fetch keys…" window (source, TLS facts, every key with
//! the kid's marked) and, once used, in the Keys view beside the key set: where the keys came
//! from and when, for as long as the public key field holds them.

use super::Actions;
use crate::core::text::escape;
use crate::core::workbench::{Edit, Workbench};
use crate::fetch::{Fetched, FetchedKeys};
use serde_json::Value;

/// Loads the usable keys as verification keys.
pub const USE_KEYS: &str = "Use these keys";
/// Marks the key the token's kid picks.
pub const KID_PICKS: &str = "✔ the token's kid picks this key";

/// What a fetch or a paste gave: the keys and the responses, or why there are none.
pub type Outcome = Result<(FetchedKeys, Vec<Fetched>), String>;

/// Keys put in the public key field by "Use these keys", and where they came from.
#[derive(Debug, Clone)]
pub struct Used {
    /// The text put in the field.
    text: String,
    /// Source, fetch time and TLS facts, one line each.
    lines: Vec<String>,
}

fn provenance(steps: &[Fetched], count: usize) -> Vec<String> {
    let mut lines = vec![format!(
        "{count} key(s) from elsewhere, kept in memory only (Export saves them)"
    )];
    for step in steps {
        lines.push(format!(
            "Fetched from {} at {}",
            escape(&step.final_url.to_string()),
            date(step.fetched_at)
        ));
        if let Some(tls) = &step.tls {
            lines.push(format!(
                "TLS certificate: {}, issued by {}, expires {}",
                escape(&tls.subject),
                escape(&tls.issuer),
                date(tls.not_after)
            ));
        }
    }
    if steps.is_empty() {
        lines.push("Pasted by you in the Fetch keys window (no TLS facts)".into());
    }
    lines
}

/// In the Keys view: where the key set came from, while the public key field holds the keys
/// that were used.
pub fn provenance_ui(ui: &mut egui::Ui, wb: &Workbench, used: Option<&Used>) {
    let Some(used) = used else { return };
    if wb.keys().public_key != used.text {
        return;
    }
    for line in &used.lines {
        ui.label(egui::RichText::new(line).weak());
    }
}

/// The usable keys of a set as text for the public key field: a JWKS keeps only the entries
/// that can verify a JWS; anything else (PEM, one JWK) as received.
pub fn usable_text(keys: &FetchedKeys) -> Option<String> {
    keys.file.as_ref()?;
    let text = String::from_utf8(keys.bytes.clone()).ok()?;
    let Some(Value::Object(mut doc)) = serde_json::from_str(&text).ok() else {
        return Some(text);
    };
    if let Some(Value::Array(entries)) = doc.get_mut("keys") {
        let mut rows = keys.rows.iter();
        entries.retain(|_| rows.next().is_some_and(|r| r.problem.is_none()));
        if entries.is_empty() {
            return None;
        }
    }
    serde_json::to_string_pretty(&Value::Object(doc)).ok()
}

fn date(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| t.to_string())
}

/// The keys a fetch (or a paste) brought: where from, the TLS facts, each key with the kid's
/// marked, and "Use these keys".
pub(super) fn outcome_ui(
    ui: &mut egui::Ui,
    kid: Option<&str>,
    outcome: &Outcome,
    actions: &mut Actions,
) -> Option<Used> {
    let (keys, steps) = match outcome {
        Ok(found) => found,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, escape(e));
            return None;
        }
    };
    for step in steps {
        ui.label(format!("Source: {}", escape(&step.final_url.to_string())));
        match &step.tls {
            Some(tls) => ui.label(format!(
                "TLS certificate: {}, expires {}",
                escape(&tls.subject),
                date(tls.not_after)
            )),
            None => ui.label("No TLS (plain http to loopback)"),
        };
    }
    if steps.is_empty() {
        ui.label("Source: pasted by you (no TLS facts)");
    }
    ui.label(format!("{} key(s):", keys.rows.len()));
    for row in &keys.rows {
        let mut line = format!(
            "kid {} · {} · alg {} · use {}",
            row.kid
                .as_deref()
                .map_or("(none)".into(), |k| format!("\"{}\"", escape(k))),
            escape(&row.kty),
            escape(row.alg.as_deref().unwrap_or("-")),
            escape(row.usage.as_deref().unwrap_or("-")),
        );
        if let Some(t) = &row.thumbprint {
            line.push_str(&format!(" · thumbprint {t}"));
        }
        if let Some(p) = &row.problem {
            line.push_str(&format!(" · unusable: {}", escape(p)));
        }
        ui.label(egui::RichText::new(line).monospace());
        if kid.is_some() && row.kid.as_deref() == kid {
            ui.strong(KID_PICKS);
        }
    }
    let Some(text) = usable_text(keys) else {
        ui.weak("No key here can verify a signature.");
        return None;
    };
    let used = ui
        .button(USE_KEYS)
        .on_hover_text("Puts the usable keys in the public key field; kept in memory only")
        .clicked();
    if !used {
        return None;
    }
    actions.edit(Edit::PublicKey(text.clone()));
    Some(Used {
        text,
        lines: provenance(steps, keys.rows.len()),
    })
}
