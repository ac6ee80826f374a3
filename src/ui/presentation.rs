//! Presentation mode, for screen sharing and classrooms: larger text, and secrets, private
//! keys and sensitive claim values masked wherever they show (the claim values also in the
//! token's base64url), each claim revealable on its own.

use super::UiState;
use crate::core::findings::{self, Finding};
use crate::core::structure;
use crate::core::workbench::Workbench;
use std::ops::Range;

/// Zoom factor in presentation mode.
pub const ZOOM: f32 = 1.25;

/// What to mask this frame.
#[derive(Debug, Clone, Default)]
pub struct Masking {
    /// Claims whose values are masked (sensitive and not revealed).
    pub names: Vec<String>,
    /// Character ranges of the token text that carry those values.
    pub token_chars: Vec<Range<usize>>,
    /// Byte ranges of the decoded payload JSON that hold those values.
    pub payload_bytes: Vec<Range<usize>>,
}

impl Masking {
    /// The masking for the document, or nothing outside presentation mode.
    pub fn of(wb: &Workbench, state: &UiState, found: &[Finding]) -> Masking {
        if !state.presentation {
            return Masking::default();
        }
        let names: Vec<String> = findings::sensitive_claims(found)
            .into_iter()
            .filter(|n| !state.revealed.contains(n))
            .collect();
        let Ok(insp) = wb.inspection() else {
            return Masking {
                names,
                ..Masking::default()
            };
        };
        let bytes = insp.payload_bytes.as_deref().unwrap_or(&[]);
        let payload_bytes = structure::value_ranges(bytes, &names);
        let offset = insp.spans.get(1).map_or(0, |r| r.start);
        // A JSON document is not the compact text the spans count in: nothing to mask there.
        let token_chars = if wb.json_document().is_some() {
            Vec::new()
        } else {
            structure::carried(&payload_bytes, bytes.len(), offset)
        };
        Masking {
            names,
            token_chars,
            payload_bytes,
        }
    }

    /// True when anything is masked.
    pub fn active(&self) -> bool {
        !self.names.is_empty()
    }

    /// JSON text with the values of the masked claims replaced by dots.
    pub fn json(&self, text: &str) -> String {
        if self.names.is_empty() {
            return text.to_string();
        }
        structure::mask(text, &structure::value_ranges(text.as_bytes(), &self.names))
    }

    /// The token text with the characters that carry masked values replaced by dots.
    pub fn token(&self, text: &str) -> String {
        structure::mask(text, &self.token_chars)
    }
}
