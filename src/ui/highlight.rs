//! The code editors' colouring, remembered between frames. egui asks an editor's layouter for
//! its layout on every frame; an editor whose text, colours, font and width did not change gets
//! its last layout job back instead of having its text coloured again (for a 500 kB payload
//! that scan is most of a frame). egui then finds the galley in its own cache.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{FontId, Id, Ui};

use super::style::{Highlight, Palette};

/// Everything besides the text that the layout job depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Which colouring.
    pub highlight: Highlight,
    /// The colours.
    pub palette: Palette,
    /// The monospace font.
    pub font: FontId,
    /// The width the text wraps at.
    pub wrap_width: f32,
}

/// One editor's last colouring.
struct Remembered {
    text: String,
    style: Style,
    job: LayoutJob,
}

/// The layout job for `shown` (what editor `id` displays) in `style`: the one remembered from
/// an earlier frame when neither changed, otherwise `colour()`'s, which is then remembered.
/// Key fields are never remembered: a private key shown in clear gets no extra copy (and key
/// texts are short).
pub fn layout_job(
    ui: &Ui,
    id: Id,
    shown: &str,
    style: Style,
    colour: impl FnOnce() -> LayoutJob,
) -> LayoutJob {
    if style.highlight == Highlight::Key {
        return colour();
    }
    let id = id.with("highlight");
    let last: Option<Arc<Remembered>> = ui.data(|d| d.get_temp(id));
    if let Some(r) = last
        && r.style == style
        && r.text == shown
    {
        return r.job.clone();
    }
    let job = colour();
    let remembered = Arc::new(Remembered {
        text: shown.to_owned(),
        style,
        job: job.clone(),
    });
    ui.data_mut(|d| d.insert_temp(id, remembered));
    job
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn style(ui: &Ui, highlight: Highlight, wrap_width: f32) -> Style {
        Style {
            highlight,
            palette: Palette::of(ui),
            font: FontId::monospace(12.0),
            wrap_width,
        }
    }

    /// Runs `frames` frames laying out `texts[frame]` at `widths[frame]`; returns how many
    /// times the text was coloured.
    fn colourings(texts: &[&str], widths: &[f32]) -> usize {
        colourings_of(Highlight::Json, texts, widths)
    }

    fn colourings_of(highlight: Highlight, texts: &[&str], widths: &[f32]) -> usize {
        let ctx = egui::Context::default();
        let coloured = Cell::new(0);
        for (text, width) in texts.iter().zip(widths) {
            let out = ctx.run_ui(egui::RawInput::default(), |ui| {
                let s = style(ui, highlight, *width);
                let job = layout_job(ui, Id::NULL.with("payload"), text, s, || {
                    coloured.set(coloured.get() + 1);
                    super::super::widgets::json_job(
                        text,
                        &FontId::monospace(12.0),
                        &Palette::of(ui),
                    )
                });
                assert_eq!(
                    job.text, *text,
                    "the job always shows the text it was asked for"
                );
            });
            out.drop_without_applying_deltas();
        }
        coloured.get()
    }

    #[test]
    fn unchanged_frames_reuse_the_colouring() {
        let t = r#"{"sub":"1"}"#;
        assert_eq!(colourings(&[t, t, t, t], &[300.0; 4]), 1);
    }

    #[test]
    fn a_changed_text_or_width_is_coloured_again() {
        let (a, b) = (r#"{"sub":"1"}"#, r#"{"sub":"12"}"#);
        assert_eq!(colourings(&[a, b, b], &[300.0; 3]), 2);
        assert_eq!(colourings(&[a, a, a], &[300.0, 200.0, 200.0]), 2);
    }

    #[test]
    fn key_fields_are_never_remembered() {
        let pem = "-----BEGIN PRIVATE KEY-----";
        assert_eq!(
            colourings_of(Highlight::Key, &[pem, pem, pem], &[300.0; 3]),
            3
        );
    }
}
