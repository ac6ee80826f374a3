//! Work that must not block a frame: slow signing (RSA 3072+, big payloads) and key
//! generation, each on a worker thread that wakes the window when done.

use crate::core::Result;
use crate::core::keys::{self, Key, KeySpec};
use crate::core::workbench::{SignJob, Signed};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

type Done = (u64, Result<Signed>);

/// Signs slow jobs on one worker thread; only the newest queued job is signed.
pub struct Signer {
    jobs: Option<Sender<SignJob>>,
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

    /// Queues a job; the window repaints when it is done.
    pub fn submit(&mut self, job: SignJob, ctx: &egui::Context) {
        let sender = self.jobs.get_or_insert_with(|| {
            let (tx, rx) = channel::<SignJob>();
            let done = self.done_tx.clone();
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                while let Ok(mut job) = rx.recv() {
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let generation = job.generation;
                    let result = job.run();
                    if done.send((generation, result)).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            });
            tx
        });
        let _ = sender.send(job);
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
