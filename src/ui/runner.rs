//! The one background runner: the document's slow [`Job`]s go to a named worker thread, and
//! the [`Edit`]s they return come back on one channel; the window applies them on its next
//! frame. Of the jobs of one kind still waiting, only the newest runs (an older one's result
//! would be dropped by its generation anyway). Every other thread the window starts (file
//! dialogs, the keyring) goes through [`spawn`], so each has a name.

use crate::core::workbench::{Edit, Job};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Starts a named thread; `None` when the system cannot start one (the caller says so).
pub fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> Option<()> {
    std::thread::Builder::new()
        .name(format!("jwt-workbench-{name}"))
        .spawn(work)
        .ok()
        .map(|_| ())
}

/// The worker thread and its two channels: jobs in, edits out.
pub struct Runner {
    jobs: Option<Sender<Job>>,
    done_tx: Sender<Edit>,
    done_rx: Receiver<Edit>,
}

impl Default for Runner {
    fn default() -> Self {
        let (done_tx, done_rx) = channel();
        Runner {
            jobs: None,
            done_tx,
            done_rx,
        }
    }
}

impl Runner {
    /// Queues a job for the worker (started with the first job); `wake` is called when its
    /// edit is ready. A job that cannot be queued is run here, at once: it is never lost.
    pub fn submit(&mut self, job: Job, wake: impl Fn() + Send + 'static) {
        if self.jobs.is_none() {
            let (tx, rx) = channel::<Job>();
            let done = self.done_tx.clone();
            let started = spawn("worker", move || work(&rx, &done, &wake));
            self.jobs = started.map(|()| tx);
        }
        match &self.jobs {
            Some(tx) => {
                if let Err(returned) = tx.send(job) {
                    self.jobs = None;
                    let _ = self.done_tx.send(returned.0.run());
                }
            }
            None => {
                let _ = self.done_tx.send(job.run());
            }
        }
    }

    /// An edit a finished job returned, if any.
    pub fn poll(&self) -> Option<Edit> {
        self.done_rx.try_recv().ok()
    }
}

/// The worker's loop: take what is waiting, keep the newest job of each kind, run them.
fn work(rx: &Receiver<Job>, done: &Sender<Edit>, wake: &impl Fn()) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while let Ok(newer) = rx.try_recv() {
            batch.retain(|j| j.kind() != newer.kind());
            batch.push(newer);
        }
        for job in batch {
            if done.send(job.run()).is_err() {
                return;
            }
            wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::keys::KeySpec;
    use crate::core::workbench::KeygenJob;

    #[test]
    fn a_job_comes_back_as_its_edit() {
        let mut r = Runner::default();
        let job = Job::Keygen(KeygenJob {
            generation: 7,
            spec: KeySpec::new(crate::core::alg::JwsAlg::HS256),
        });
        r.submit(job, || {});
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let edit = loop {
            if let Some(e) = r.poll() {
                break e;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the worker never answered"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert!(matches!(
            edit,
            Edit::KeyGenerated {
                generation: 7,
                result: Ok(_)
            }
        ));
    }
}
