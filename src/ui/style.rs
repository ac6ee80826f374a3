//! The window's colours and the editors' highlighting kinds: plain data that panes, widgets and
//! the highlighter share, depending on nothing else of the window.

use egui::{Color32, Ui};

/// Colours for the token segments and JSON, picked for the current theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Header segment.
    pub header: Color32,
    /// Payload segment.
    pub payload: Color32,
    /// Signature segment.
    pub signature: Color32,
    /// Dots and punctuation.
    pub plain: Color32,
    /// JSON object keys.
    pub key: Color32,
    /// JSON strings.
    pub string: Color32,
    /// JSON numbers.
    pub number: Color32,
    /// true, false, null.
    pub literal: Color32,
    /// Success.
    pub ok: Color32,
    /// Warning.
    pub warn: Color32,
    /// Failure.
    pub bad: Color32,
}

impl Palette {
    /// The palette for the theme of `ui`.
    pub fn of(ui: &Ui) -> Palette {
        Palette::for_visuals(ui.visuals())
    }

    /// The palette for a theme's visuals.
    pub fn for_visuals(visuals: &egui::Visuals) -> Palette {
        if visuals.dark_mode {
            Palette {
                header: Color32::from_rgb(255, 120, 90),
                payload: Color32::from_rgb(205, 140, 255),
                signature: Color32::from_rgb(60, 210, 170),
                plain: visuals.text_color(),
                key: Color32::from_rgb(130, 190, 255),
                string: Color32::from_rgb(230, 200, 120),
                number: Color32::from_rgb(140, 220, 140),
                literal: Color32::from_rgb(240, 140, 200),
                ok: Color32::from_rgb(90, 210, 120),
                warn: Color32::from_rgb(255, 190, 60),
                bad: Color32::from_rgb(255, 100, 100),
            }
        } else {
            Palette {
                header: Color32::from_rgb(200, 60, 20),
                payload: Color32::from_rgb(130, 40, 200),
                signature: Color32::from_rgb(0, 130, 100),
                plain: visuals.text_color(),
                key: Color32::from_rgb(20, 90, 180),
                string: Color32::from_rgb(150, 90, 0),
                number: Color32::from_rgb(20, 120, 40),
                literal: Color32::from_rgb(170, 30, 120),
                ok: Color32::from_rgb(20, 130, 50),
                warn: Color32::from_rgb(180, 110, 0),
                bad: Color32::from_rgb(200, 30, 30),
            }
        }
    }
}

/// Which highlighter a text editor uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Highlight {
    /// Compact token segments.
    Token,
    /// JSON.
    Json,
    /// A key field: JSON colouring for a JWK, plain text for PEM.
    Key,
}
