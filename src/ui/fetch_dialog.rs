//! The key pane's "Fetch keys…" window (issue 20): the plan of what would be sent, shown
//! before anything is; a fetch only on the Fetch button, off the UI thread, with Cancel; or a
//! JWKS pasted from elsewhere, read with the same checks. "Use these keys" puts the usable
//! keys in the public key field (in memory only).

use super::Actions;
use super::fetch_options::FetchOptions;
pub use super::fetch_result::{KID_PICKS, USE_KEYS};
use super::fetch_result::{Outcome, Used, outcome_ui};
use super::runner::spawn;
use crate::core::text::escape;
use crate::core::workbench::Workbench;
use crate::fetch::{self, Cancel, FetchError, KeysFetch, Plan};
use crate::fetch::{Pasted, Source};
use serde_json::{Map, Value};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The button in the key pane, and the window's title.
pub const FETCH_KEYS: &str = "Fetch keys…";
/// The URL field.
pub const KEYS_URL: &str = "Keys or discovery URL";
/// The paste box.
pub const PASTE_JWKS: &str = "Paste a JWKS fetched elsewhere";
/// Copies the plan as a curl command.
pub const COPY_CURL: &str = "Copy as curl command";
/// Said when the URL is the token's own iss.
pub const FROM_ISS: &str = "This URL comes from the token's own iss: fetch it only if you know and trust this issuer. A forged token can name any issuer, with a server that publishes the forger's keys; keys fetched from there prove only that the token matches its own issuer.";
/// Starts the fetch.
pub const FETCH: &str = "Fetch";

/// What a fetch thread sends back.
type Answer = Result<KeysFetch, FetchError>;

/// The window's state: open or not, its fields, a fetch under way, the last result.
#[derive(Debug, Default)]
pub struct FetchDialog {
    /// The window is open.
    pub open: bool,
    /// The URL field's text.
    pub url: String,
    /// The paste box's text.
    pub pasted: String,
    /// The header member (`jku`, `x5u`) the URL came from, when the token chose it.
    token_member: Option<&'static str>,
    running: Option<(Cancel, Receiver<Answer>)>,
    outcome: Option<Outcome>,
    /// Private addresses, plain http to loopback, an extra trusted root; the address lookup.
    pub options: FetchOptions,
    /// The keys last put in the public key field, and where they came from.
    used: Option<Used>,
}

fn object(text: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(text) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    }
}

impl FetchDialog {
    /// The keys last put in the public key field from here, and where they came from.
    pub fn used(&self) -> Option<&Used> {
        self.used.as_ref()
    }
}

/// The source the URL field names (a header member's URL keeps its warning).
fn source_of(d: &FetchDialog, header: Option<&Map<String, Value>>) -> Result<Source, FetchError> {
    if let (Some(member), Some(h)) = (d.token_member, header)
        && h.get(member).and_then(Value::as_str) == Some(d.url.trim())
    {
        return Source::from_header(h, member);
    }
    Source::from_url(d.url.trim())
}

/// The "Fetch keys…" button, and the window while it is open.
pub fn fetch_keys_ui(
    ui: &mut egui::Ui,
    wb: &Workbench,
    d: &mut FetchDialog,
    actions: &mut Actions,
) {
    let header = object(wb.header());
    let claims = object(wb.payload());
    let iss_url = Source::from_claims(claims.as_ref())
        .ok()
        .map(|s| s.first_url().to_string());
    if ui
        .button(FETCH_KEYS)
        .on_hover_text("Shows what would be sent first; nothing is sent until you press Fetch")
        .clicked()
    {
        d.open = true;
        if d.url.is_empty()
            && let Some(url) = &iss_url
        {
            d.url = url.clone();
        }
    }
    poll(d);
    if !d.open {
        return;
    }
    let mut open = d.open;
    egui::Window::new(FETCH_KEYS)
        .open(&mut open)
        .default_width(620.0)
        .vscroll(true)
        .show(ui.ctx(), |ui| {
            let from_iss = iss_url.as_deref() == Some(d.url.trim());
            window_ui(ui, header.as_ref(), from_iss, d, actions);
        });
    d.open = open && d.open;
    if !d.open
        && let Some((cancel, _)) = d.running.take()
    {
        cancel.cancel();
    }
}

/// Takes a finished fetch's answer.
fn poll(d: &mut FetchDialog) {
    let Some((_, rx)) = &d.running else { return };
    let answer = match rx.try_recv() {
        Ok(Ok(f)) => Ok((f.keys, f.steps)),
        Ok(Err(e)) => Err(e.to_string()),
        Err(TryRecvError::Empty) => return,
        Err(TryRecvError::Disconnected) => Err("the fetch stopped without an answer".into()),
    };
    d.running = None;
    d.outcome = Some(answer);
}

fn window_ui(
    ui: &mut egui::Ui,
    header: Option<&Map<String, Value>>,
    from_iss: bool,
    d: &mut FetchDialog,
    actions: &mut Actions,
) {
    let kid = header.and_then(|h| h.get("kid")).and_then(Value::as_str);
    for member in ["jku", "x5u"] {
        if let Some(url) = header.and_then(|h| h.get(member)).and_then(Value::as_str)
            && ui
                .button(format!("Use the token's {member} URL (the token chose it)"))
                .clicked()
        {
            d.url = url.to_string();
            d.token_member = Some(member);
        }
    }
    ui.horizontal(|ui| {
        let label = ui.label(KEYS_URL);
        ui.add(egui::TextEdit::singleline(&mut d.url).desired_width(f32::INFINITY))
            .labelled_by(label.id);
    });
    let source = source_of(d, header);
    d.options
        .ui(ui, source.as_ref().ok().map(Source::first_url));
    match &source {
        Ok(source) => {
            let mut plan = Plan::new(source.clone(), d.options.options().unwrap_or_default());
            plan.addresses = d.options.addresses(source.first_url());
            ui.label(format!("Host: {}", escape(&source.first_url().host)));
            if from_iss {
                ui.colored_label(ui.visuals().warn_fg_color, FROM_ISS);
            }
            for line in plan.lines() {
                ui.label(egui::RichText::new(escape(&line)).monospace());
            }
            ui.horizontal(|ui| {
                if ui.button(COPY_CURL).clicked() {
                    actions.copy(plan.curl(), "curl command");
                }
                fetch_button_ui(ui, source, d);
            });
        }
        Err(e) if d.url.trim().is_empty() => {
            ui.weak(format!("No URL yet: the token has no https iss ({e})"));
        }
        Err(e) => {
            ui.colored_label(ui.visuals().warn_fg_color, e.to_string());
        }
    }
    ui.separator();
    let label = ui.label(PASTE_JWKS);
    let pasted = ui
        .add(
            egui::TextEdit::multiline(&mut d.pasted)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if pasted.changed() && !d.pasted.trim().is_empty() {
        let issuer = source.as_ref().ok().and_then(Source::issuer);
        d.outcome = Some(match fetch::read_pasted(d.pasted.as_bytes(), issuer) {
            Ok(Pasted::Keys(keys)) => Ok((keys, Vec::new())),
            Ok(Pasted::Discovery(uri)) => {
                d.url = uri.to_string();
                Err(format!(
                    "a discovery document: its jwks_uri is {uri} (now in the URL field); fetch or paste that JWKS"
                ))
            }
            Err(e) => Err(e.to_string()),
        });
    }
    ui.separator();
    if let Some(outcome) = &d.outcome
        && let Some(used) = outcome_ui(ui, kid, outcome, actions)
    {
        d.used = Some(used);
        d.open = false;
    }
}

fn fetch_button_ui(ui: &mut egui::Ui, source: &Source, d: &mut FetchDialog) {
    if let Some((cancel, _)) = &d.running {
        ui.spinner();
        ui.label("Fetching…");
        if ui.button("Cancel").clicked() {
            cancel.cancel();
            d.running = None;
            d.outcome = Some(Err(FetchError::Cancelled.to_string()));
        }
        return;
    }
    let options = d.options.options();
    let why_not = if !fetch::CAN_FETCH {
        "This build has no network client (built without the fetch feature): paste a JWKS fetched elsewhere".to_string()
    } else if let Err(e) = &options {
        format!("Fix the options first: {e}")
    } else {
        String::new()
    };
    let fetch = ui
        .add_enabled(why_not.is_empty(), egui::Button::new(FETCH))
        .on_disabled_hover_text(why_not);
    let Ok(options) = options else { return };
    if !fetch.clicked() {
        return;
    }
    let (tx, rx) = channel();
    let cancel = Cancel::default();
    let stop = cancel.clone();
    let ctx = ui.ctx().clone();
    let source = source.clone();
    let work = move || {
        let _ = tx.send(fetch::fetch_keys(&source, &options, &stop));
        ctx.request_repaint();
    };
    if spawn("fetch", work).is_some() {
        d.running = Some((cancel, rx));
        d.outcome = None;
    } else {
        d.outcome = Some(Err("could not start a thread for the fetch".into()));
    }
}
