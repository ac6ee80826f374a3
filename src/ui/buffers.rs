//! The editors' text buffers. egui edits a `String` in place; the document's texts are read
//! only, so each editor edits its buffer and sends the new text as an `Edit`. After every
//! applied edit the buffers take the document's texts again (a copy only where they differ).

use crate::core::workbench::Workbench;

/// One buffer per text field of the document.
#[derive(Default, Clone)]
pub struct Buffers {
    /// The token field.
    pub token: String,
    /// The header editor.
    pub header: String,
    /// The payload editor.
    pub payload: String,
    /// The secret field.
    pub secret: String,
    /// The private key field.
    pub private_key: String,
    /// The public key field.
    pub public_key: String,
    /// The JWE key field.
    pub jwe_key: String,
}

impl Drop for Buffers {
    /// Key texts do not linger in freed memory.
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.secret.zeroize();
        self.private_key.zeroize();
        self.jwe_key.zeroize();
    }
}

impl std::fmt::Debug for Buffers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Buffers(..)")
    }
}

fn sync(buffer: &mut String, doc: &str) {
    if buffer != doc {
        buffer.clear();
        buffer.push_str(doc);
    }
}

impl Buffers {
    /// Buffers holding the document's texts.
    pub fn of(wb: &Workbench) -> Buffers {
        let mut b = Buffers::default();
        b.sync(wb);
        b
    }

    /// Takes the document's texts where they differ.
    pub fn sync(&mut self, wb: &Workbench) {
        sync(&mut self.token, wb.token());
        sync(&mut self.header, wb.header());
        sync(&mut self.payload, wb.payload());
        let keys = wb.keys();
        sync(&mut self.secret, &keys.secret);
        sync(&mut self.private_key, &keys.private_key);
        sync(&mut self.public_key, &keys.public_key);
        sync(&mut self.jwe_key, &keys.jwe_key);
    }
}
