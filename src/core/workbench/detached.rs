//! A pasted token whose payload travels apart (RFC 7515 appendix F; RFC 7797 with
//! `b64: false`): the payload editor gives the verifier that payload, as bytes exactly as
//! typed, instead of re-signing; the verdict follows at once.

use super::{Lead, Workbench};
use crate::core::token::Payload;

impl Workbench {
    /// True when the editors sign with the payload left out of the token.
    pub fn detached(&self) -> bool {
        self.detached
    }

    /// True when the pasted token's payload travels apart (RFC 7515 appendix F, RFC 7797):
    /// the payload editor then gives that payload to the verifier, it does not re-sign.
    pub fn detached_pasted(&self) -> bool {
        self.lead == Lead::Token
            && self.jwe.is_none()
            && self.json.is_none()
            && self.inspection.as_ref().is_ok_and(|i| i.detached.is_some())
    }

    /// Gives the pasted detached token the payload editor's text, as bytes exactly as typed,
    /// and verifies again; an empty editor takes the payload away.
    pub(super) fn attach_detached(&mut self) {
        if let Ok(insp) = &mut self.inspection {
            if self.payload.is_empty() {
                insp.detached = Some(None);
                insp.payload = Ok(Payload::Detached);
                insp.payload_bytes = Ok(Vec::new());
            } else {
                insp.attach_payload(self.payload.as_bytes().to_vec());
            }
            // As for a pasted token: claims parse, anything else shows why it is not JSON.
            self.payload_parsed = match &insp.payload {
                Ok(Payload::Claims(m)) => Some(Ok(m.clone())),
                Ok(Payload::Detached) => None,
                Ok(_) => Some(crate::core::json::parse_object("payload", &self.payload)),
                Err(e) => Some(Err(e.clone())),
            };
        }
        self.refresh_signature();
    }
}
