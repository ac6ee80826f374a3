//! The main views and the switcher in the top bar (Ctrl+1..4).

use super::commands::Command;

/// A main view of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Token, editors, key, verdict: the home view.
    #[default]
    Debugger,
    /// How the token is built, step by step (teaching).
    Structure,
    /// The attack lab: forged and tampered variants, each checked by our verifier.
    Attacks,
    /// The key workbench: load, generate, convert, export; every key of a JWKS.
    Keys,
}

impl View {
    /// Every view, in switcher order.
    pub const ALL: [View; 4] = [View::Debugger, View::Structure, View::Attacks, View::Keys];

    /// Tab text (also its accessible name).
    pub fn label(self) -> &'static str {
        match self {
            View::Debugger => "Debugger",
            View::Structure => "Structure",
            View::Attacks => "Attacks",
            View::Keys => "Keys",
        }
    }

    /// What the view is for.
    pub fn tooltip(self) -> &'static str {
        match self {
            View::Debugger => "Decode, verify and sign: token, header, payload, key and verdict",
            View::Structure => {
                "How the token is built: the three parts, their bytes, the signing input and the signature"
            }
            View::Attacks => {
                "The attack lab: alg none, key confusion, embedded keys, kid injection and more, each checked by our verifier (for testing your own services)"
            }
            View::Keys => {
                "The key workbench: every key of a JWKS, thumbprints, generation, conversion and export"
            }
        }
    }

    /// The digit of its shortcut (Ctrl+1 ...).
    pub fn key(self) -> egui::Key {
        match self {
            View::Debugger => egui::Key::Num1,
            View::Structure => egui::Key::Num2,
            View::Attacks => egui::Key::Num3,
            View::Keys => egui::Key::Num4,
        }
    }

    /// The name kept in settings.
    pub fn id(self) -> &'static str {
        match self {
            View::Debugger => "debugger",
            View::Structure => "structure",
            View::Attacks => "attacks",
            View::Keys => "keys",
        }
    }

    /// The view for a settings name.
    pub fn from_id(id: &str) -> View {
        View::ALL
            .into_iter()
            .find(|v| v.id() == id)
            .unwrap_or_default()
    }
}

/// The switcher: one selectable tab per view; a click queues the command.
pub fn switcher_ui(ui: &mut egui::Ui, current: View, queue: &mut Vec<Command>) {
    for v in View::ALL {
        let c = Command::Show(v);
        let hover = c.hover_text(ui.ctx());
        if ui
            .selectable_label(current == v, v.label())
            .on_hover_text(hover)
            .clicked()
            && current != v
        {
            queue.push(c);
        }
    }
}
