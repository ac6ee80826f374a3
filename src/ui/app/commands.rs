//! Runs the commands the panes and shortcuts queued: clipboard, dialogs, key generation,
//! exports, views. Document changes go through `Workbench::apply`.

use super::WorkbenchApp;
use crate::core::alg::{Family, JwsAlg};
use crate::core::keys::{self, ExportKind, KeySpec};
use crate::core::workbench::{Edit, TimeTravel};
use crate::ui::commands::Command;
use crate::ui::platform::{Opening, SaveRequest};
use eframe::egui;
use std::path::PathBuf;

impl WorkbenchApp {
    /// Runs one command.
    pub(super) fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::CopyToken => self.copy(ctx, self.wb.token().to_string(), "Token"),
            Command::CopyHeader => self.copy(ctx, self.wb.header().to_string(), "Header"),
            Command::CopyPayload => self.copy(ctx, self.wb.payload().to_string(), "Payload"),
            Command::SaveToken => {
                if self.wb.token().is_empty() {
                    self.error("There is no token to save");
                } else {
                    let text = format!("{}\n", self.wb.token());
                    let req = SaveRequest::new("Save token", "token.jwt", text, false);
                    self.platform.save_dialog(ctx, req);
                }
            }
            Command::OpenKey => self.platform.open_dialog(ctx, Opening::Key),
            Command::PinRoots => self.platform.open_dialog(ctx, Opening::Roots),
            Command::LoadKeyPath => {
                let path = self.state.key_path.trim().to_string();
                if path.is_empty() {
                    self.error("Type the path of a key file first");
                } else {
                    self.load_key_path(&PathBuf::from(path), ctx);
                }
            }
            Command::New(template) => {
                let now = self.clock.now();
                self.apply(Edit::Template { template, now }, Some(ctx));
            }
            Command::Clear => {
                self.apply(Edit::Clear, Some(ctx));
                // Clearing also wipes what is on disk, at once.
                self.save_settings();
            }
            Command::Resign => self.apply(Edit::Resign, Some(ctx)),
            Command::Format => self.apply(Edit::Format, Some(ctx)),
            Command::Compact => self.apply(Edit::Compact, Some(ctx)),
            Command::GenerateKey => self.generate(self.wb.alg(), ctx),
            Command::GenerateSecret => {
                let alg = match self.wb.alg() {
                    a if a.family() == Family::Hmac => a,
                    _ => JwsAlg::HS256,
                };
                self.generate(alg, ctx);
            }
            Command::CancelGenerate => {
                self.apply(Edit::CancelGenerate, Some(ctx));
                self.status("Key generation cancelled");
            }
            Command::CopyThumbprint => match self.wb.verify_key() {
                Ok(k) => {
                    let t = k.thumbprint();
                    self.copy(ctx, t, "Thumbprint");
                }
                Err(e) => self.error(format!("{}: {e}", command.label())),
            },
            Command::CopyPublicJwk => self.export(ExportKind::PublicJwk, None, command, ctx),
            Command::CopyPublicPem => self.export(ExportKind::PublicPem, None, command, ctx),
            Command::CopyPublicJwks => self.export(ExportKind::PublicJwks, None, command, ctx),
            Command::CopyPrivatePem => self.export(ExportKind::PrivatePem, None, command, ctx),
            Command::SavePublicPem => self.export(ExportKind::PublicPem, Some(()), command, ctx),
            Command::SavePublicJwk => self.export(ExportKind::PublicJwk, Some(()), command, ctx),
            Command::SavePublicJwks => {
                self.export(ExportKind::PublicJwks, Some(()), command, ctx);
            }
            Command::SavePrivatePem => {
                self.export(ExportKind::PrivatePem, Some(()), command, ctx);
            }
            Command::SavePrivateJwk => {
                self.export(ExportKind::PrivateJwk, Some(()), command, ctx);
            }
            Command::BackToLive => {
                self.state.clock_text.clear();
                self.state.clock_error = None;
                self.apply(Edit::Clock(TimeTravel::Live), Some(ctx));
            }
            Command::Show(v) => self.state.prefs.view = v,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::ForgetStored => {
                self.state.prefs.remember_key = false;
                self.state.prefs.keep_token = false;
                self.save_settings();
                self.status("Remembered keys and the kept token are gone from this machine");
            }
            Command::Presentation => {
                self.state.presentation = !self.state.presentation;
                self.state.revealed.clear();
                let zoom = if self.state.presentation {
                    crate::ui::presentation::ZOOM
                } else {
                    1.0
                };
                ctx.set_zoom_factor(zoom);
                self.status(if self.state.presentation {
                    "Presentation mode: secrets, private keys and sensitive claims are masked (F5 to leave)"
                } else {
                    "Presentation mode off"
                });
            }
        }
    }

    /// Copies to the clipboard; a secret or private key is cleared again after 30 s.
    pub(super) fn copy(&mut self, ctx: &egui::Context, text: String, what: &str) {
        let secret = crate::ui::clipboard::is_secret(&self.wb, &text);
        if secret {
            self.clip_guard.arm(&text, self.clock.now());
        }
        self.platform.copy(ctx, text);
        self.status(if secret {
            format!(
                "{what} copied; the clipboard is cleared in {} s if it still holds it",
                crate::ui::clipboard::CLEAR_AFTER
            )
        } else {
            format!("{what} copied")
        });
    }

    /// Generates a key for `alg` (RSA 3072/4096 off the UI thread, the rest at once).
    fn generate(&mut self, alg: JwsAlg, ctx: &egui::Context) {
        let spec = KeySpec {
            alg,
            rsa_bits: self.state.rsa_bits,
            kid: None,
        };
        self.apply(Edit::Generate(spec), Some(ctx));
    }

    /// Copies (`save` is `None`) or saves one export of the key in use.
    fn export(
        &mut self,
        kind: ExportKind,
        save: Option<()>,
        command: Command,
        ctx: &egui::Context,
    ) {
        let private = matches!(kind, ExportKind::PrivatePem | ExportKind::PrivateJwk);
        let key = if private {
            self.wb.sign_key()
        } else {
            self.wb.verify_key()
        };
        let set = self
            .wb
            .key_set()
            .filter(|(f, _)| f.is_set)
            .map(|(f, _)| f.keys.as_slice());
        let file = key
            .map_err(|e| e.to_string())
            .and_then(|k| keys::export(kind, k, set, self.wb.alg()).map_err(|e| e.to_string()));
        match (file, save) {
            (Ok(f), Some(())) => {
                let req = SaveRequest::new(f.title, f.name, f.contents, f.private);
                self.platform.save_dialog(ctx, req);
            }
            (Ok(f), None) => {
                self.copy(ctx, f.contents, command.label().trim_start_matches("Copy "))
            }
            (Err(e), _) => self.error(format!("{}: {e}", command.label())),
        }
    }
}
