//! The main views of the window (Ctrl+1..4); the switcher is in the top bar (`chrome`).

/// A main view of the window (kept in settings by its lowercase name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
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
}
