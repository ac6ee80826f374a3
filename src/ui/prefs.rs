//! The window's preferences: one serde value, kept in the settings file and compared once per
//! frame with what was last saved (a change schedules a save; no dirty flags to set by hand).

use super::views::View;
use serde::{Deserialize, Deserializer, Serialize};

/// Reads a value, or its default when the file holds something this build does not know (an
/// older or newer name): one odd preference never costs the whole settings file.
pub fn lenient<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned + Default>(
    d: D,
) -> Result<T, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(T::deserialize(value).unwrap_or_default())
}

/// Which half of the payload pane shows when there is no room for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PayloadTab {
    /// The JSON editor.
    #[default]
    Json,
    /// The claims table.
    Claims,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Dark.
    Dark,
    /// Light.
    Light,
}

impl Theme {
    /// egui's preference for it.
    pub fn egui(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::Light => egui::ThemePreference::Light,
        }
    }

    /// The theme for egui's preference.
    pub fn of(pref: egui::ThemePreference) -> Theme {
        match pref {
            egui::ThemePreference::System => Theme::System,
            egui::ThemePreference::Dark => Theme::Dark,
            egui::ThemePreference::Light => Theme::Light,
        }
    }
}

/// What the window remembers about itself between sessions. Field names are the settings
/// file's (format 2 wrote the same names, as strings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The view on show.
    #[serde(deserialize_with = "lenient")]
    pub view: View,
    /// The payload pane's tab when JSON and claims do not fit side by side.
    #[serde(deserialize_with = "lenient")]
    pub payload_tab: PayloadTab,
    /// The colour theme.
    #[serde(deserialize_with = "lenient")]
    pub theme: Theme,
    /// Width of the token column, in points (0: not set yet).
    #[serde(rename = "token_panel_width")]
    pub token_width: f32,
    /// Height of the token editor, in points (0: not set yet).
    pub token_height: f32,
    /// "Remember key on this machine".
    pub remember_key: bool,
    /// "Keep the last token between sessions" (off by default: a token is a credential).
    pub keep_token: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            view: View::Debugger,
            payload_tab: PayloadTab::Json,
            theme: Theme::System,
            token_width: 0.0,
            token_height: 0.0,
            remember_key: false,
            keep_token: false,
        }
    }
}

impl Prefs {
    /// The same preferences with sizes in a sane range (a hand-edited file may hold anything).
    pub fn sane(mut self) -> Prefs {
        let fit = |v: f32, max: f32| {
            if v.is_finite() {
                v.clamp(0.0, max)
            } else {
                0.0
            }
        };
        self.token_width = fit(self.token_width, 4000.0);
        self.token_height = fit(self.token_height, 3000.0);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_2_files_read_the_same() {
        let old = r#"{"view":"keys","payload_tab":"claims","theme":"light","token_panel_width":640.0,"token_height":150.0,"remember_key":true,"keep_token":false}"#;
        let p: Prefs = serde_json::from_str(old).unwrap();
        assert_eq!(p.view, View::Keys);
        assert_eq!(p.payload_tab, PayloadTab::Claims);
        assert_eq!(p.theme, Theme::Light);
        assert_eq!(p.token_width, 640.0);
        assert!(p.remember_key);
        let back = serde_json::to_value(&p).unwrap();
        assert_eq!(back["view"], "keys");
        assert_eq!(back["token_panel_width"], 640.0);
        assert_eq!(
            Prefs {
                token_width: f32::NAN,
                ..p
            }
            .sane()
            .token_width,
            0.0
        );
        let odd: Prefs = serde_json::from_str(r#"{"view":"history","theme":7}"#).unwrap();
        assert_eq!((odd.view, odd.theme), (View::Debugger, Theme::System));
    }
}
