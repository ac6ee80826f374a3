//! The attack lab in the document: built off the UI thread (it generates RSA and EC keys) for
//! the current token and key, and built again when they, the attacker URL or the clock
//! (by a minute or more) change.

use super::Workbench;
use crate::core::attacks::{self, AttackError, AttackInput, Lab};
use crate::core::claims::NumericDate;
use crate::core::keys::Key;

/// What a lab was built from; a different one means build again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Basis {
    token: String,
    key: Option<String>,
    key_text: String,
    url: String,
    at: NumericDate,
}

impl Basis {
    /// The same inputs, at a time close enough (tokens expire, but not each second).
    fn current(&self, other: &Basis) -> bool {
        self.token == other.token
            && self.key == other.key
            && self.key_text == other.key_text
            && self.url == other.url
            && (self.at - other.at).abs() < 60
    }
}

/// The lab's state: the attacker URL, the last build and whether one is running.
#[derive(Debug)]
pub struct LabState {
    url: String,
    asked: Option<Basis>,
    built: Option<Result<Box<Lab>, AttackError>>,
    generation: u64,
    running: bool,
}

impl Default for LabState {
    fn default() -> Self {
        LabState {
            url: attacks::DEFAULT_ATTACKER_URL.to_string(),
            asked: None,
            built: None,
            generation: 0,
            running: false,
        }
    }
}

impl Clone for LabState {
    /// A copy of the document keeps the URL and the built lab, not a running build.
    fn clone(&self) -> Self {
        LabState {
            url: self.url.clone(),
            asked: self.asked.clone(),
            built: self.built.clone(),
            generation: self.generation,
            running: false,
        }
    }
}

/// Building the lab, detached from the document.
#[derive(Debug)]
pub struct LabJob {
    /// Results of an outdated build are dropped.
    pub generation: u64,
    token: String,
    key: Option<Key>,
    key_text: String,
    url: String,
    at: NumericDate,
}

impl LabJob {
    /// Builds the lab. Safe on any thread.
    pub fn run(self) -> Result<Lab, AttackError> {
        let key_text = (!self.key_text.trim().is_empty()).then_some(self.key_text.as_str());
        let input = AttackInput {
            token: &self.token,
            key: self.key.as_ref(),
            key_text,
            attacker_url: Some(&self.url),
            holder: None,
        };
        attacks::generate(&input, self.at)
    }
}

impl Workbench {
    /// The attacker URL written into `jku` and `x5u` (never fetched).
    pub fn lab_url(&self) -> &str {
        &self.lab.url
    }

    /// The last lab built, or why it could not be: `None` before the first build.
    pub fn lab(&self) -> Option<Result<&Lab, &AttackError>> {
        self.lab
            .built
            .as_ref()
            .map(|r| r.as_ref().map(AsRef::as_ref))
    }

    /// True while a lab is being built.
    pub fn lab_running(&self) -> bool {
        self.lab.running
    }

    /// What a lab built now at `at` would be built from, and the key it would use.
    fn lab_basis(&self, at: NumericDate) -> (Basis, Option<Key>) {
        let keys = self.keys();
        let key_text = if keys.public_key.trim().is_empty() {
            keys.private_key.clone()
        } else {
            keys.public_key.clone()
        };
        // An SD-JWT's forgeries re-sign its issuer JWT: they need the private key.
        let key = if self.sd_jwt().is_some() {
            self.sign_key().ok().cloned()
        } else {
            self.verify_key().ok().cloned()
        };
        let basis = Basis {
            token: self.token().to_string(),
            key: key.as_ref().map(Key::thumbprint),
            key_text,
            url: self.lab.url.clone(),
            at,
        };
        (basis, key)
    }

    /// True when the lab should be built (again) for the current token and key as of `at`:
    /// there is a token, and neither the last build nor the running one is for them.
    pub fn lab_outdated(&self, at: NumericDate) -> bool {
        let (basis, _) = self.lab_basis(at);
        !basis.token.is_empty() && !self.lab.asked.as_ref().is_some_and(|b| b.current(&basis))
    }

    /// The job that builds the lab for the current token and key at `at`, unless the last
    /// build (or the one running) is for the same inputs.
    pub(super) fn lab_job(&mut self, at: NumericDate) -> Option<LabJob> {
        if !self.lab_outdated(at) {
            return None;
        }
        let (basis, key) = self.lab_basis(at);
        self.lab.generation += 1;
        self.lab.running = true;
        let job = LabJob {
            generation: self.lab.generation,
            token: basis.token.clone(),
            key,
            key_text: basis.key_text.clone(),
            url: basis.url.clone(),
            at,
        };
        self.lab.asked = Some(basis);
        Some(job)
    }

    /// A new attacker URL: the next request builds the lab again.
    pub(super) fn set_lab_url(&mut self, url: String) {
        self.lab.url = url;
    }

    /// A build finished; results of outdated builds are dropped.
    pub(super) fn lab_built(
        &mut self,
        generation: u64,
        result: Result<Box<Lab>, AttackError>,
    ) -> bool {
        if generation != self.lab.generation {
            return false;
        }
        self.lab.running = false;
        self.lab.built = Some(result);
        true
    }
}
