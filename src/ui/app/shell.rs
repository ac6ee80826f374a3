//! The shell around the document's front door: every edit goes through `Workbench::apply`,
//! and every effect it returns is carried out here, none dropped: the status line, the key
//! file to watch, and each job, run at once when it is quick and on the runner otherwise. A
//! finished job's edit comes back through `apply` like any other.

use super::WorkbenchApp;
use crate::core::workbench::{Edit, Effects, Job};
use eframe::egui;

impl WorkbenchApp {
    /// Applies one edit and carries out its effects. `ctx` wakes the window when a job that
    /// went to the runner is done; without one (start-up), such jobs wait for the first frame.
    pub(super) fn apply(&mut self, edit: Edit, ctx: Option<&egui::Context>) {
        if let Some(p) = &mut self.perf {
            p.recomputes += 1;
            p.doing(format!("edit {}", edit.kind()));
        }
        let fx = self.wb.apply(edit);
        self.effects(fx, ctx);
    }

    /// Carries out what an edit set off.
    fn effects(&mut self, fx: Effects, ctx: Option<&egui::Context>) {
        if let Some(n) = fx.notice {
            self.state.status = Some((n.text, n.error));
        }
        if fx.changed {
            self.buffers.sync(&self.wb);
            self.mark_dirty();
        }
        self.watch_loaded(fx.loaded_into);
        for job in fx.jobs {
            self.run_job(job, ctx);
        }
    }

    /// Runs a quick job at once; hands a slow one to the runner (or keeps it for the first
    /// frame when there is no window to wake yet).
    fn run_job(&mut self, job: Job, ctx: Option<&egui::Context>) {
        if !job.is_slow() {
            if let (Job::Sign(_), Some(p)) = (&job, &mut self.perf) {
                p.signatures += 1;
            }
            self.apply(job.run(), ctx);
            return;
        }
        let Some(ctx) = ctx else {
            self.waiting.push(job);
            return;
        };
        if let Some(started) = job.started() {
            let fx = self.wb.apply(started);
            self.effects(fx, Some(ctx));
        }
        let wake = ctx.clone();
        self.runner.submit(job, move || wake.request_repaint());
    }

    /// Takes what finished in the background (jobs, dialogs), and sends jobs that waited for
    /// a window to the runner.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        for job in std::mem::take(&mut self.waiting) {
            self.run_job(job, Some(ctx));
        }
        while let Some(edit) = self.runner.poll() {
            if let (Edit::Signed { .. }, Some(p)) = (&edit, &mut self.perf) {
                p.signatures += 1;
            }
            self.apply(edit, Some(ctx));
        }
        self.poll_dialogs(ctx);
    }
}
