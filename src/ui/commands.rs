//! Every user action as one enum: label, tooltip and shortcut in one place. Panes queue
//! commands; `run` executes them.

use crate::core::workbench::Template;
use crate::ui::views::View;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A user action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Copy the encoded token.
    CopyToken,
    /// Copy the header JSON.
    CopyHeader,
    /// Copy the payload JSON.
    CopyPayload,
    /// Save the token through the native save dialog.
    SaveToken,
    /// Open a key file through the native open dialog.
    OpenKey,
    /// Pin root certificates for x5c from a PEM file, through the native open dialog.
    PinRoots,
    /// Load the key file named in the path field.
    LoadKeyPath,
    /// Fill the editors from a template.
    New(Template),
    /// Empty the token, header and payload.
    Clear,
    /// Re-sign the token from the editors with the current key.
    Resign,
    /// Pretty-print header and payload.
    Format,
    /// Minify header and payload.
    Compact,
    /// Generate a key for the chosen algorithm.
    GenerateKey,
    /// Generate a random HMAC secret of the hash's size.
    GenerateSecret,
    /// Stop waiting for a key being generated.
    CancelGenerate,
    /// Copy the RFC 7638 thumbprint of the verifying key.
    CopyThumbprint,
    /// Copy the public key as a JWK.
    CopyPublicJwk,
    /// Copy the public key as PEM.
    CopyPublicPem,
    /// Copy a public-only JWKS.
    CopyPublicJwks,
    /// Copy the private key as PKCS#8 PEM (cleared from the clipboard after 30 s).
    CopyPrivatePem,
    /// Save the public key as PEM.
    SavePublicPem,
    /// Save the public key as a JWK.
    SavePublicJwk,
    /// Save a public-only JWKS.
    SavePublicJwks,
    /// Save the private key as PKCS#8 PEM (owner-only file).
    SavePrivatePem,
    /// Save the private key (or secret) as a JWK (owner-only file).
    SavePrivateJwk,
    /// Judge times at the real clock again.
    BackToLive,
    /// Switch the main view.
    Show(View),
    /// Close the window (settings are saved on the way out).
    Quit,
    /// Presentation mode on or off.
    Presentation,
    /// Forget the remembered keys and the kept token (keyring and settings file).
    ForgetStored,
}

impl Command {
    /// The exports offered for a key: an HMAC secret has no public half, so only its JWK
    /// (with the secret, saved owner-only); a key pair gets its public forms, and its private
    /// ones when the private key is loaded.
    pub fn exports(family: crate::core::alg::Family, has_private: bool) -> Vec<Command> {
        if family == crate::core::alg::Family::Hmac {
            return vec![Command::SavePrivateJwk];
        }
        let mut out = vec![
            Command::CopyPublicPem,
            Command::CopyPublicJwk,
            Command::CopyPublicJwks,
            Command::SavePublicPem,
            Command::SavePublicJwk,
            Command::SavePublicJwks,
        ];
        if has_private {
            out.extend([
                Command::CopyPrivatePem,
                Command::SavePrivatePem,
                Command::SavePrivateJwk,
            ]);
        }
        out
    }

    /// Button text.
    pub fn label(self) -> &'static str {
        match self {
            Command::CopyToken => "Copy token",
            Command::CopyHeader => "Copy header",
            Command::CopyPayload => "Copy payload",
            Command::SaveToken => "Save token…",
            Command::OpenKey => "Open key…",
            Command::PinRoots => "Pin roots from file…",
            Command::LoadKeyPath => "Load",
            Command::New(t) => t.label(),
            Command::Clear => "Clear",
            Command::Resign => "Re-sign with this key",
            Command::Format => "Format",
            Command::Compact => "Compact",
            Command::GenerateKey => "Generate key",
            Command::GenerateSecret => "Generate a strong secret",
            Command::CancelGenerate => "Cancel",
            Command::CopyThumbprint => "Copy thumbprint",
            Command::CopyPublicJwk => "Copy public JWK",
            Command::CopyPublicPem => "Copy public PEM",
            Command::CopyPublicJwks => "Copy public JWKS",
            Command::CopyPrivatePem => "Copy private key (PEM)",
            Command::SavePublicPem => "Public key (PEM)…",
            Command::SavePublicJwk => "Public key (JWK)…",
            Command::SavePublicJwks => "Public JWKS…",
            Command::SavePrivatePem => "Private key (PEM)…",
            Command::SavePrivateJwk => "Private key or secret (JWK)…",
            Command::BackToLive => "Back to live",
            Command::Show(v) => v.label(),
            Command::Quit => "Quit",
            Command::Presentation => "Presentation",
            Command::ForgetStored => "Forget stored keys and token",
        }
    }

    /// What it does, for the tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::CopyToken => "Copy the encoded token to the clipboard",
            Command::CopyHeader => "Copy the header JSON to the clipboard",
            Command::CopyPayload => "Copy the payload JSON to the clipboard",
            Command::SaveToken => "Save the encoded token to a file",
            Command::OpenKey => {
                "Open a key file: PEM, DER, JWK or JWKS (you can also drop one on the window)"
            }
            Command::LoadKeyPath => "Load the key file named in the path field",
            Command::PinRoots => {
                "Pin the root certificates of a PEM file: a token's x5c chain is trusted only when it validates to one of them"
            }
            Command::New(t) => t.tooltip(),
            Command::Clear => "Empty the token, header and payload (keys stay)",
            Command::Resign => {
                "Sign the header and payload with the current key, replacing the pasted token"
            }
            Command::Format => "Pretty-print the header and payload",
            Command::Compact => "Minify the header and payload",
            Command::GenerateKey => {
                "Generate a new key for the chosen algorithm (HMAC secrets have the hash's size; kid = thumbprint)"
            }
            Command::GenerateSecret => {
                "Replace the secret with random bytes of the hash's size (32, 48 or 64), base64"
            }
            Command::CancelGenerate => "Stop waiting for the key being generated",
            Command::CopyThumbprint => "Copy the key's RFC 7638 thumbprint (SHA-256, base64url)",
            Command::CopyPublicJwk => "Copy the public key as a JWK",
            Command::CopyPublicPem => "Copy the public key as PEM (SubjectPublicKeyInfo)",
            Command::CopyPublicJwks => "Copy a public-only JWKS of the key set",
            Command::CopyPrivatePem => {
                "Copy the private key as PKCS#8 PEM; the clipboard is cleared after 30 s if it still holds it"
            }
            Command::SavePublicPem => "Save the public key as PEM (SubjectPublicKeyInfo)",
            Command::SavePublicJwk => "Save the public key as a JWK",
            Command::SavePublicJwks => "Save a public-only JWKS, ready to publish",
            Command::SavePrivatePem => "Save the private key as PKCS#8 PEM, readable only by you",
            Command::SavePrivateJwk => {
                "Save the private key or secret as a JWK, readable only by you"
            }
            Command::BackToLive => "Judge exp, nbf and iat at the real clock again",
            Command::Show(v) => v.tooltip(),
            Command::Quit => "Close the window; settings are saved",
            Command::Presentation => {
                "Presentation mode for screen sharing and classes: larger text; secrets, private keys and sensitive claim values masked"
            }
            Command::ForgetStored => {
                "Remove the remembered keys (keyring or settings file) and the kept token from this machine"
            }
        }
    }

    /// Keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        Some(match self {
            Command::CopyToken => KeyboardShortcut::new(cmd_shift, Key::C),
            Command::SaveToken => KeyboardShortcut::new(cmd, Key::S),
            Command::OpenKey => KeyboardShortcut::new(cmd, Key::O),
            Command::New(Template::Example) => KeyboardShortcut::new(cmd, Key::N),
            Command::Resign => KeyboardShortcut::new(cmd, Key::R),
            Command::Format => KeyboardShortcut::new(cmd_shift, Key::F),
            Command::Clear => KeyboardShortcut::new(cmd_shift, Key::Delete),
            Command::Show(v) => KeyboardShortcut::new(cmd, v.key()),
            Command::Quit => KeyboardShortcut::new(cmd, Key::Q),
            Command::Presentation => KeyboardShortcut::new(Modifiers::NONE, Key::F5),
            _ => return None,
        })
    }

    /// All commands that have a shortcut.
    pub fn with_shortcuts() -> Vec<Command> {
        let mut all = vec![
            Command::CopyToken,
            Command::SaveToken,
            Command::OpenKey,
            Command::New(Template::Example),
            Command::Resign,
            Command::Format,
            Command::Clear,
            Command::Quit,
            Command::Presentation,
        ];
        all.extend(View::ALL.map(Command::Show));
        all
    }

    /// Tooltip text with the shortcut, as shown on hover.
    pub fn hover_text(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(s) => format!("{} ({})", self.tooltip(), ctx.format_shortcut(&s)),
            None => self.tooltip().to_string(),
        }
    }

    /// A row of buttons; clicked commands are queued.
    pub fn buttons(ui: &mut egui::Ui, commands: &[Command], queue: &mut Vec<Command>) -> bool {
        let mut clicked = false;
        for c in commands {
            if c.button(ui) {
                queue.push(*c);
                clicked = true;
            }
        }
        clicked
    }

    /// A button for this command; returns true when clicked.
    pub fn button(self, ui: &mut egui::Ui) -> bool {
        let hover = self.hover_text(ui.ctx());
        ui.button(self.label()).on_hover_text(hover).clicked()
    }
}
