//! Shared drawing: segment colours, JSON and token highlighting, the JSON editor, and the
//! large-text guard.

use super::highlight;
use super::presentation::Masking;
use super::style::{Highlight, Palette};
use crate::core::text;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, TextStyle, Ui};

/// Above this many bytes a text is shown as a read-only preview: laying out megabytes
/// every frame would stall the window. The full text is kept.
pub const EDITABLE_LIMIT: usize = 512 * 1024;
/// How much of an oversized text the preview shows.
const PREVIEW: usize = 16 * 1024;

fn mono(ui: &Ui) -> FontId {
    TextStyle::Monospace.resolve(ui.style())
}

/// Appends `text` in `color`; a control, bidirectional or invisible character in it (a line
/// break or tab aside) is marked: white on red, so that the editor keeps the text but nobody
/// reads past it.
fn push(job: &mut LayoutJob, text: &str, font: &FontId, color: Color32) {
    let marked = |c: char| text::is_hidden(c) && !matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(marked) {
        job.append(text, 0.0, TextFormat::simple(font.clone(), color));
        return;
    }
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !marked(c) {
            continue;
        }
        if let Some(before) = text.get(start..i) {
            job.append(before, 0.0, TextFormat::simple(font.clone(), color));
        }
        let end = i + c.len_utf8();
        job.append(
            text.get(i..end).unwrap_or(""),
            0.0,
            TextFormat {
                background: Color32::from_rgb(0xc0, 0x20, 0x20),
                ..TextFormat::simple(font.clone(), Color32::WHITE)
            },
        );
        start = end;
    }
    if let Some(rest) = text.get(start..) {
        job.append(rest, 0.0, TextFormat::simple(font.clone(), color));
    }
}

/// The colours of a JWE's five parts: protected header, encrypted key, IV, ciphertext, tag.
pub fn jwe_colors(p: &Palette) -> [Color32; 5] {
    [p.header, p.literal, p.key, p.payload, p.signature]
}

/// Colours a compact token by segment: header, payload, signature (a JWE's five parts in
/// their own colours); dots plain. A JSON document is coloured as JSON.
pub fn token_job(text: &str, font: &FontId, p: &Palette) -> LayoutJob {
    if text.trim_start().starts_with('{') {
        // A JWS JSON document: coloured as the JSON it is.
        return json_job(text, font, p);
    }
    let mut job = LayoutJob::default();
    let colors = if text.bytes().filter(|b| *b == b'.').count() == 4 {
        jwe_colors(p)
    } else {
        [p.header, p.payload, p.signature, p.payload, p.signature]
    };
    for (i, part) in text.split('.').enumerate() {
        if i > 0 {
            push(&mut job, ".", font, p.plain);
        }
        push(
            &mut job,
            part,
            font,
            colors.get(i).copied().unwrap_or(p.plain),
        );
    }
    job
}

/// Colours JSON text (keys, strings, numbers, literals); tolerant of broken JSON.
pub fn json_job(text: &str, font: &FontId, p: &Palette) -> LayoutJob {
    let mut job = LayoutJob::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let (end, color) = match b {
            b'"' => {
                let j = crate::core::json::string_end(bytes, i);
                let rest = text.get(j..).unwrap_or("");
                let is_key = rest.trim_start().starts_with(':');
                (j, if is_key { p.key } else { p.string })
            }
            b'-' | b'0'..=b'9' => {
                let mut j = i + 1;
                while j < bytes.len()
                    && matches!(
                        bytes.get(j),
                        Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                    )
                {
                    j += 1;
                }
                (j, p.number)
            }
            b't' | b'f' | b'n' => {
                let word = ["true", "false", "null"]
                    .into_iter()
                    .find(|w| text.get(i..).is_some_and(|r| r.starts_with(w)));
                match word {
                    Some(w) => (i + w.len(), p.literal),
                    None => {
                        i += 1;
                        continue;
                    }
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(plain) = text.get(plain_start..i) {
            push(&mut job, plain, font, p.plain);
        }
        if let Some(tok) = text.get(i..end) {
            push(&mut job, tok, font, color);
        }
        i = end;
        plain_start = end;
    }
    if let Some(plain) = text.get(plain_start..) {
        push(&mut job, plain, font, p.plain);
    }
    job
}

/// A labelled multiline monospace editor with highlighting; returns whether the text changed.
/// Texts over [`EDITABLE_LIMIT`] bytes are shown as a read-only preview and never altered.
pub fn code_editor(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    highlight: Highlight,
    rows: usize,
) -> bool {
    let label_resp = ui.label(egui::RichText::new(label).strong());
    code_editor_for(ui, label_resp.id, label, text, highlight, rows, None)
}

/// The editor of [`code_editor`] under a label drawn by the caller (`label_id`); with
/// `masking`, sensitive claim values are drawn as dots (the text itself is untouched).
pub fn code_editor_for(
    ui: &mut Ui,
    label_id: egui::Id,
    id_salt: &str,
    text: &mut String,
    highlight: Highlight,
    rows: usize,
    masking: Option<&Masking>,
) -> bool {
    if text.len() > EDITABLE_LIMIT {
        let cut = (0..=PREVIEW.min(text.len()))
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        let mut preview = format!(
            "{}…\n\n({:.1} MB: too large to edit here; all of it is kept, copied and saved in full)",
            text.get(..cut).unwrap_or(""),
            text.len() as f64 / 1_048_576.0
        );
        ui.add(
            egui::TextEdit::multiline(&mut preview)
                .id_salt(id_salt)
                .font(TextStyle::Monospace)
                .desired_rows(rows)
                .desired_width(f32::INFINITY)
                .interactive(false),
        )
        .labelled_by(label_id);
        return false;
    }
    let palette = Palette::of(ui);
    let font = mono(ui);
    let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
        // Masking keeps the number of characters, so cursor positions still line up.
        let masked;
        let shown: &str = match masking.filter(|m| m.active()) {
            Some(m) if highlight == Highlight::Token => {
                masked = m.token(buf.as_str());
                &masked
            }
            Some(m) if highlight == Highlight::Json => {
                masked = m.json(buf.as_str());
                &masked
            }
            _ => buf.as_str(),
        };
        let style = highlight::Style {
            highlight,
            palette,
            font: font.clone(),
            wrap_width,
        };
        let job = highlight::layout_job(ui, label_id.with(id_salt), shown, style, || {
            let mut job = match highlight {
                Highlight::Token => token_job(shown, &font, &palette),
                Highlight::Json => json_job(shown, &font, &palette),
                Highlight::Key if shown.trim_start().starts_with('{') => {
                    json_job(shown, &font, &palette)
                }
                Highlight::Key => {
                    let mut job = LayoutJob::default();
                    push(&mut job, shown, &font, palette.plain);
                    job
                }
            };
            job.wrap.max_width = wrap_width;
            if highlight == Highlight::Token {
                job.wrap.break_anywhere = true;
            }
            job
        });
        ui.fonts_mut(|f| f.layout_job(job))
    };
    // Long texts scroll inside a pane of `rows` rows instead of pushing everything down;
    // `rows == 0` fills the height that is left (a resizable pane keeps exactly its size).
    let row_height = ui.text_style_height(&TextStyle::Monospace);
    let (height, shrink, rows) = if rows == 0 {
        let h = ui.available_height().max(2.0 * row_height);
        (h, false, ((h - 12.0) / row_height).max(1.0) as usize)
    } else {
        (row_height * rows as f32 + 12.0, true, rows)
    };
    let edit = egui::TextEdit::multiline(text)
        .id_salt(id_salt)
        .font(TextStyle::Monospace)
        .code_editor()
        .desired_rows(rows)
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter);
    egui::ScrollArea::vertical()
        .id_salt((id_salt, "scroll"))
        .max_height(height)
        .auto_shrink([false, shrink])
        .show(ui, |ui| ui.add(edit).labelled_by(label_id).changed())
        .inner
}

/// A masked multiline field (for private keys): every character shown as a dot, newlines kept
/// so a pasted PEM stays intact; copying out is disabled.
pub fn masked_editor(ui: &mut Ui, label_id: egui::Id, id_salt: &str, text: &mut String) -> bool {
    let row_height = ui.text_style_height(&TextStyle::Monospace);
    egui::ScrollArea::vertical()
        .id_salt((id_salt, "masked"))
        .max_height(row_height + 8.0)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(text)
                    .id_salt((id_salt, "masked-field"))
                    .password(true)
                    .font(TextStyle::Monospace)
                    .desired_rows(1)
                    .desired_width(f32::INFINITY)
                    .hint_text("hidden: paste to replace, or Show to edit"),
            )
            .labelled_by(label_id)
            .changed()
        })
        .inner
}

/// A line of coloured text.
pub fn colored_line(ui: &mut Ui, color: Color32, text: impl Into<String>) -> egui::Response {
    ui.label(egui::RichText::new(text.into()).color(color))
}

/// A JSON editor with its error line (line and column) underneath; returns whether it changed.
pub fn json_pane(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    error: Option<&crate::core::error::Error>,
    rows: usize,
) -> bool {
    let changed = code_editor(ui, label, text, Highlight::Json, rows);
    if let Some(e) = error {
        colored_line(ui, Palette::of(ui).bad, e.to_string());
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(job: &LayoutJob) -> Vec<(String, Color32)> {
        job.sections
            .iter()
            .map(|s| {
                (
                    job.text[s.byte_range.start.0..s.byte_range.end.0].to_string(),
                    s.format.color,
                )
            })
            .filter(|(t, _)| !t.is_empty())
            .collect()
    }

    fn palette() -> Palette {
        Palette::for_visuals(&egui::Visuals::light())
    }

    #[test]
    fn token_segments_get_their_colours() {
        let p = palette();
        let s = sections(&token_job("aaa.bbb.ccc", &FontId::monospace(12.0), &p));
        assert_eq!(
            s,
            [
                ("aaa".into(), p.header),
                (".".into(), p.plain),
                ("bbb".into(), p.payload),
                (".".into(), p.plain),
                ("ccc".into(), p.signature)
            ]
        );
    }

    #[test]
    fn json_keys_strings_numbers_literals() {
        let p = palette();
        let s = sections(&json_job(
            r#"{"a": "x\"y", "n": -1.5e3, "t": true, "z": nul"#,
            &FontId::monospace(12.0),
            &p,
        ));
        let find = |t: &str| s.iter().find(|(x, _)| x == t).map(|(_, c)| *c);
        assert_eq!(find("\"a\""), Some(p.key));
        assert_eq!(find("\"x\\\"y\""), Some(p.string));
        assert_eq!(find("-1.5e3"), Some(p.number));
        assert_eq!(find("true"), Some(p.literal));
        let all: String = s.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            all, r#"{"a": "x\"y", "n": -1.5e3, "t": true, "z": nul"#,
            "no text lost"
        );
    }
}
