//! Slow work the document asks for: one [`Job`] type for signing, decrypting, generating a
//! key and building the attack lab. The shell runs a job (on a worker when it is slow) and
//! hands the [`Edit`] that `run` returns back to [`super::Workbench::apply`]; results of
//! outdated jobs carry an old generation and are dropped there.

use super::lab::LabJob;
use super::{DecryptJob, Edit, SignJob};
use crate::core::keys::{self, KeySpec};

/// What kind of work a job is: of the jobs of one kind waiting for a worker, only the newest
/// needs to run (older results would be dropped anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Signing (and maybe encrypting) the editors.
    Sign,
    /// Decrypting a pasted JWE.
    Decrypt,
    /// Generating a key.
    Keygen,
    /// Building the attack lab.
    Lab,
}

/// A key to generate, and the generation that asked for it.
#[derive(Debug, Clone)]
pub struct KeygenJob {
    /// Results of a cancelled or replaced generation are dropped.
    pub generation: u64,
    /// What to generate.
    pub spec: KeySpec,
}

/// Slow work, detached from the document: safe to run on any thread.
#[derive(Debug)]
#[must_use = "a job does nothing until the shell runs it and applies the edit it returns"]
pub enum Job {
    /// Sign (and maybe encrypt) the editors.
    Sign(Box<SignJob>),
    /// Decrypt a pasted JWE.
    Decrypt(DecryptJob),
    /// Generate a key.
    Keygen(KeygenJob),
    /// Build the attack lab's variants.
    Lab(Box<LabJob>),
}

impl Job {
    /// Does the work and returns the edit that brings the result back to the document.
    pub fn run(self) -> Edit {
        match self {
            Job::Sign(job) => {
                let generation = job.generation;
                Edit::Signed {
                    generation,
                    result: job.run(),
                }
            }
            Job::Decrypt(job) => {
                let generation = job.generation;
                Edit::Decrypted {
                    generation,
                    result: Box::new(job.run()),
                }
            }
            Job::Keygen(job) => Edit::KeyGenerated {
                generation: job.generation,
                result: keys::generate(&job.spec),
            },
            Job::Lab(job) => {
                let generation = job.generation;
                Edit::LabBuilt {
                    generation,
                    result: job.run().map(Box::new),
                }
            }
        }
    }

    /// True when it may take more than a few milliseconds: the shell runs it on a worker.
    /// The lab always is; signing, decrypting and key generation when the key or the input
    /// is large.
    pub fn is_slow(&self) -> bool {
        match self {
            Job::Sign(job) => job.is_slow(),
            Job::Decrypt(job) => job.is_slow(),
            Job::Keygen(job) => job.spec.is_slow(),
            Job::Lab(_) => true,
        }
    }

    /// Its kind.
    pub fn kind(&self) -> JobKind {
        match self {
            Job::Sign(_) => JobKind::Sign,
            Job::Decrypt(_) => JobKind::Decrypt,
            Job::Keygen(_) => JobKind::Keygen,
            Job::Lab(_) => JobKind::Lab,
        }
    }

    /// The edit to apply when the job is handed to a worker, if the document shows it
    /// ("… Signing").
    pub fn started(&self) -> Option<Edit> {
        match self {
            Job::Sign(job) => Some(Edit::SigningStarted(job.generation)),
            _ => None,
        }
    }
}
