//! Work that must not block a frame: slow signing (RSA 3072+, big payloads) and key
//! generation, each on a worker thread that wakes the window when done.

use crate::core::Result;
use crate::core::jwe::Decrypted;
use crate::core::keys::{self, Key, KeySpec};
use crate::core::workbench::{DecryptJob, SignJob, Signed};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

/// Slow work for the worker.
pub enum Work {
    /// Sign (and maybe encrypt) the editors.
    Sign(Box<SignJob>),
    /// Decrypt a pasted JWE.
    Decrypt(DecryptJob),
}

/// Finished work.
pub enum Done {
    /// A signing job's generation and result.
    Signed(u64, Box<Result<Signed>>),
    /// A decryption's generation and result.
    Decrypted(u64, Box<std::result::Result<Decrypted, String>>),
}

impl Work {
    fn run(self) -> Done {
        match self {
            Work::Sign(job) => {
                let generation = job.generation;
                Done::Signed(generation, Box::new(job.run()))
            }
            Work::Decrypt(job) => {
                let generation = job.generation;
                Done::Decrypted(generation, Box::new(job.run()))
            }
        }
    }

    fn is_sign(&self) -> bool {
        matches!(self, Work::Sign(_))
    }
}

/// Runs slow jobs on one worker thread; of the queued jobs of a kind only the newest runs.
pub struct Signer {
    jobs: Option<Sender<Work>>,
    done_tx: Sender<Done>,
    done_rx: Receiver<Done>,
}

impl Signer {
    /// A signer whose thread starts with the first job.
    pub fn new() -> Signer {
        let (done_tx, done_rx) = channel();
        Signer {
            jobs: None,
            done_tx,
            done_rx,
        }
    }

    /// Queues work; the window repaints when it is done.
    pub fn submit(&mut self, work: Work, ctx: &egui::Context) {
        let sender = self.jobs.get_or_insert_with(|| {
            let (tx, rx) = channel::<Work>();
            let done = self.done_tx.clone();
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                while let Ok(first) = rx.recv() {
                    // Keep only the newest job of each kind; older results would be dropped.
                    let mut batch = vec![first];
                    while let Ok(newer) = rx.try_recv() {
                        batch.retain(|w| w.is_sign() != newer.is_sign());
                        batch.push(newer);
                    }
                    for work in batch {
                        if done.send(work.run()).is_err() {
                            return;
                        }
                        ctx.request_repaint();
                    }
                }
            });
            tx
        });
        let _ = sender.send(work);
    }

    /// A finished job, if any.
    pub fn poll(&self) -> Option<Done> {
        self.done_rx.try_recv().ok()
    }
}

/// A key being generated off the UI thread.
pub struct Keygen {
    rx: Receiver<Result<Key, keys::KeyError>>,
}

impl Keygen {
    /// Starts generating; the window repaints when the key is ready.
    pub fn start(spec: KeySpec, ctx: &egui::Context) -> Keygen {
        let (tx, rx) = channel();
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(keys::generate(&spec));
            repaint.request_repaint();
        });
        Keygen { rx }
    }

    /// The key, once generated; `Some(Err)` also when the worker died.
    pub fn poll(&self) -> Option<Result<Key, keys::KeyError>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(keys::KeyError::Generate("a key"))),
        }
    }
}
