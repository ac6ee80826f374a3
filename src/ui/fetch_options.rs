//! The "Fetch keys…" window's options and its address lookup: private addresses, plain http
//! to loopback, an extra trusted root for a private CA (a PEM file, as `--cacert`), and "Look
//! up addresses", a DNS query made only when pressed, showing each address the host resolves
//! to and whether the rules allow it. Nothing here connects to the host.

use super::runner::spawn;
use crate::core::text::escape;
use crate::fetch::{self, FetchError, Options, Url, check_addresses, classify};
use std::net::IpAddr;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The checkbox that allows private addresses.
pub const ALLOW_PRIVATE: &str = "Allow private addresses (loopback, 10/8, 192.168/16, fc00::/7…)";
/// The checkbox that allows plain http to loopback.
pub const ALLOW_HTTP: &str = "Allow plain http to loopback";
/// The extra trusted root's path field.
pub const CACERT: &str = "Extra trusted root (PEM file)";
/// The lookup button.
pub const LOOK_UP: &str = "Look up addresses";

/// What a lookup thread sends back: the URL it was for, and the addresses or why none.
type Lookup = (String, Result<Vec<IpAddr>, String>);

/// The options as the user set them, and the last lookup.
#[derive(Debug, Default)]
pub struct FetchOptions {
    /// Hosts on loopback or private ranges may be fetched from.
    pub allow_private: bool,
    /// Plain http to a loopback host is allowed.
    pub allow_http_loopback: bool,
    /// The extra trusted root's path.
    pub cacert_path: String,
    /// The roots read from that path (read when the field changes), or why they could not be.
    cacert: Option<Result<Vec<Vec<u8>>, String>>,
    looking_up: Option<Receiver<Lookup>>,
    looked_up: Option<Lookup>,
}

impl FetchOptions {
    /// The fetch options these settings make; `Err` while the extra root cannot be read (a
    /// fetch then waits: it would not trust what the user asked it to).
    pub fn options(&self) -> Result<Options, String> {
        let extra_roots = match &self.cacert {
            None => Vec::new(),
            Some(Ok(roots)) => roots.clone(),
            Some(Err(e)) => return Err(e.clone()),
        };
        Ok(Options {
            allow_private: self.allow_private,
            allow_http_loopback: self.allow_http_loopback,
            extra_roots,
            ..Options::default()
        })
    }

    /// The addresses looked up for `url` with the verdict of the rules under these options,
    /// for the plan: `None` until looked up (or when the URL changed since).
    pub fn addresses(&self, url: &Url) -> Option<Result<Vec<IpAddr>, FetchError>> {
        let (for_url, found) = self.looked_up.as_ref()?;
        if *for_url != url.to_string() {
            return None;
        }
        let ips = match found {
            Ok(ips) => ips.clone(),
            Err(e) => {
                return Some(Err(FetchError::Resolve {
                    host: url.host.clone(),
                    detail: e.clone(),
                }));
            }
        };
        let opts = self.options().unwrap_or_default();
        Some(check_addresses(url, &ips, &opts).map(|()| ips))
    }

    /// Takes a finished lookup.
    fn poll(&mut self) {
        let Some(rx) = &self.looking_up else { return };
        match rx.try_recv() {
            Ok(found) => self.looked_up = Some(found),
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {}
        }
        self.looking_up = None;
    }

    /// Draws the options and the lookup for `url` (when the URL field reads).
    pub fn ui(&mut self, ui: &mut egui::Ui, url: Option<&Url>) {
        self.poll();
        ui.checkbox(&mut self.allow_private, ALLOW_PRIVATE)
            .on_hover_text("Off by default: a key URL on your own network is how a forged token reaches internal services (SSRF, RFC 8725bis section 3.10)");
        ui.checkbox(&mut self.allow_http_loopback, ALLOW_HTTP);
        ui.horizontal(|ui| {
            let label = ui.label(CACERT);
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.cacert_path).desired_width(320.0))
                .labelled_by(label.id);
            if field.changed() {
                self.cacert = read_roots(&self.cacert_path);
            }
        });
        match &self.cacert {
            Some(Ok(roots)) => {
                ui.weak(format!(
                    "Trusting {} extra root(s) besides the system's",
                    roots.len()
                ));
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, escape(e));
            }
            None => {}
        }
        let Some(url) = url else { return };
        ui.horizontal_wrapped(|ui| {
            if self.looking_up.is_some() {
                ui.spinner();
                ui.label("Looking up…");
            } else if ui
                .button(LOOK_UP)
                .on_hover_text("Asks DNS for the host's addresses; nothing is sent to the host")
                .clicked()
            {
                self.look_up(ui.ctx(), url);
            }
            if let Some((for_url, found)) = &self.looked_up
                && *for_url == url.to_string()
            {
                let text = match found {
                    Ok(ips) => ips
                        .iter()
                        .map(|ip| format!("{ip} ({})", classify(*ip).words()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    Err(e) => format!("no address: {}", escape(e)),
                };
                ui.label(format!("{} resolves to {text}", escape(&url.host)));
            }
        });
    }

    fn look_up(&mut self, ctx: &egui::Context, url: &Url) {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let text = url.to_string();
        let url = url.clone();
        // The rules are applied when shown (they follow the checkboxes): ask for every address.
        let any = Options {
            allow_private: true,
            allow_http_loopback: true,
            ..Options::default()
        };
        let work = move || {
            let found = fetch::resolve(&url, &any).or_else(|e| match e {
                FetchError::HttpNotLoopback { addr, .. } => Ok(vec![addr]),
                e => Err(e),
            });
            let _ = tx.send((url.to_string(), found.map_err(|e| e.to_string())));
            ctx.request_repaint();
        };
        if spawn("dns-lookup", work).is_some() {
            self.looking_up = Some(rx);
        } else {
            self.looked_up = Some((text, Err("could not start a thread".into())));
        }
    }
}

/// The certificates of the PEM file at `path`; `None` for an empty field.
fn read_roots(path: &str) -> Option<Result<Vec<Vec<u8>>, String>> {
    let path = path.trim();
    if path.is_empty() {
        return None;
    }
    let bytes = crate::core::files::read_capped(
        std::path::Path::new(path),
        crate::core::keys::MAX_KEY_FILE,
        "root file",
    );
    Some(
        bytes
            .map_err(|e| e.to_string())
            .and_then(|b| {
                crate::core::keys::x5c::pem_certificates(&String::from_utf8_lossy(&b))
                    .map_err(|e| e.to_string())
            })
            .map_err(|e| format!("{CACERT}: {e}")),
    )
}
