//! The eframe application: one frame = poll background work, read shortcuts and drops, draw
//! the view, then apply the edits and run the commands the panes queued.

use super::attacks::{self, AttackLab};
use super::background::{Done, Keygen, Signer, Work};
use super::buffers::Buffers;
use super::cache::Derived;
use super::commands::Command;
use super::keyio::Watched;
use super::perf::{PERF_ENV, PerfLog};
use super::platform::{NativePlatform, Platform};
use super::presentation::Masking;
use super::views::View;
use super::{Actions, UiState, chrome, debugger, keys_view, structure};
use crate::core::claims::NumericDate;
use crate::core::workbench::{Edit, Effects, Workbench};
use crate::settings::SettingsStore;
use eframe::egui;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

/// Where "now" comes from: the system clock, or a clock tests move by hand.
#[derive(Debug, Clone)]
pub enum Clock {
    /// The system clock.
    System,
    /// A fixed instant (seconds since 1970) that tests advance.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// A manual clock at `t` and the handle that moves it.
    pub fn manual(t: NumericDate) -> (Clock, Arc<AtomicI64>) {
        let cell = Arc::new(AtomicI64::new(t));
        (Clock::Manual(cell.clone()), cell)
    }

    /// The current instant in seconds since 1970.
    pub fn now(&self) -> NumericDate {
        match self {
            Clock::System => chrono::Utc::now().timestamp(),
            Clock::Manual(t) => t.load(Ordering::Relaxed),
        }
    }
}

/// How the app starts.
pub struct AppOptions {
    /// A token given on the command line.
    pub token: Option<String>,
    /// Where settings live; `None` keeps nothing between runs.
    pub store: Option<SettingsStore>,
    /// Dialogs.
    pub platform: Box<dyn Platform>,
    /// The clock.
    pub clock: Clock,
    /// Measure frames and print a report at exit, counting from this instant.
    pub perf: Option<Instant>,
}

impl AppOptions {
    /// Real dialogs, system clock, the platform settings directory; measuring when the
    /// environment asks for it (`JWT_WORKBENCH_PERF=1`), counting from `started`.
    pub fn native(token: Option<String>, started: Instant) -> AppOptions {
        let perf = std::env::var_os(PERF_ENV).is_some_and(|v| v == "1");
        AppOptions {
            token,
            store: SettingsStore::default_location(),
            platform: Box::new(NativePlatform::default()),
            clock: Clock::System,
            perf: perf.then_some(started),
        }
    }
}

/// Remembered pane sizes, in points (0 until the first frame sets a default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PaneSizes {
    pub token_width: f32,
    pub token_height: f32,
}

/// The application.
pub struct WorkbenchApp {
    /// The document.
    pub wb: Workbench,
    /// Window-only state.
    pub state: UiState,
    /// The clock.
    pub clock: Clock,
    pub(super) buffers: Buffers,
    pub(super) platform: Box<dyn Platform>,
    pub(super) store: Option<SettingsStore>,
    pub(super) sizes: PaneSizes,
    pub(super) theme: egui::ThemePreference,
    theme_applied: bool,
    signer: Signer,
    pub(super) keygen: Option<Keygen>,
    pub(super) dirty_since: Option<Instant>,
    pub(super) watched: Option<Watched>,
    pub(super) vault: Option<crate::secrets::Vault>,
    pub(super) vault_probe: Option<super::persist::VaultProbe>,
    pub(super) vault_saved: Option<crate::secrets::StoredKeys>,
    pub(super) save_warned: bool,
    pub(super) clip_guard: super::clipboard::ClipboardGuard,
    /// The attack lab's state.
    pub lab: AttackLab,
    derived: Derived,
    pub(super) masking: Masking,
    perf: Option<PerfLog>,
    previous_frame_cpu: Option<f32>,
    pending: Vec<Command>,
    pending_edits: Vec<Edit>,
}

impl WorkbenchApp {
    /// Builds the app: the command-line token, else the last session, else the example.
    pub fn new(options: AppOptions) -> WorkbenchApp {
        let now = options.clock.now();
        let mut app = WorkbenchApp {
            wb: Workbench::empty(),
            state: UiState::default(),
            clock: options.clock,
            buffers: Buffers::default(),
            platform: options.platform,
            store: options.store,
            sizes: PaneSizes {
                token_width: 0.0,
                token_height: 0.0,
            },
            theme: egui::ThemePreference::System,
            theme_applied: false,
            signer: Signer::new(),
            keygen: None,
            dirty_since: None,
            watched: None,
            vault: None,
            vault_probe: None,
            vault_saved: None,
            save_warned: false,
            clip_guard: super::clipboard::ClipboardGuard::default(),
            lab: AttackLab::default(),
            derived: Derived::default(),
            masking: Masking::default(),
            perf: options.perf.map(PerfLog::new),
            previous_frame_cpu: None,
            pending: Vec::new(),
            pending_edits: Vec::new(),
        };
        app.restore(now);
        if let Some(token) = options.token {
            app.wb.apply(Edit::Token(token), now);
            // A token opened from the command line is an edit like a paste: save it soon.
            app.mark_dirty();
        }
        app.buffers = Buffers::of(&app.wb);
        app
    }

    /// Runs a command as if its button was clicked, on the next frame.
    pub fn run_command_for_tests(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// Applies an edit on the next frame, as if a pane sent it.
    pub fn queue_edit(&mut self, edit: Edit) {
        self.pending_edits.push(edit);
    }

    /// Sets the status line.
    pub(super) fn status(&mut self, text: impl Into<String>) {
        self.state.status = Some((text.into(), false));
    }

    /// Sets the status line to a failure.
    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.state.status = Some((text.into(), true));
    }

    /// Applies one edit and carries out its effects.
    pub(super) fn apply(&mut self, edit: Edit, ctx: &egui::Context) {
        if let Some(p) = &mut self.perf {
            p.recomputes += 1;
            p.doing(format!("edit {}", edit.kind()));
        }
        let fx = self.wb.apply(edit, self.clock.now());
        self.effects(fx, ctx);
    }

    fn effects(&mut self, fx: Effects, ctx: &egui::Context) {
        if let Some(n) = fx.notice {
            self.state.status = Some((n.text, n.error));
        }
        if let Some(job) = fx.decrypt {
            if job.is_slow() {
                self.signer.submit(Work::Decrypt(job), ctx);
            } else {
                let generation = job.generation;
                let result = Box::new(job.run());
                self.wb.apply(Edit::Decrypted { generation, result }, 0);
            }
        }
        if let Some(job) = fx.sign {
            if job.is_slow() {
                self.wb.apply(Edit::SigningStarted(job.generation), 0);
                self.signer.submit(Work::Sign(Box::new(job)), ctx);
            } else {
                let generation = job.generation;
                let result = job.run();
                self.wb.apply(Edit::Signed { generation, result }, 0);
                if let Some(p) = &mut self.perf {
                    p.signatures += 1;
                }
            }
        }
        if fx.changed {
            self.buffers.sync(&self.wb);
            self.mark_dirty();
        }
        self.watch_loaded(fx.loaded_into);
    }

    fn poll_background(&mut self, ctx: &egui::Context) {
        while let Some(done) = self.signer.poll() {
            match done {
                Done::Signed(generation, result) => {
                    if let Some(p) = &mut self.perf {
                        p.signatures += 1;
                    }
                    self.apply(
                        Edit::Signed {
                            generation,
                            result: *result,
                        },
                        ctx,
                    );
                }
                Done::Decrypted(generation, result) => {
                    self.apply(Edit::Decrypted { generation, result }, ctx);
                }
            }
        }
        if let Some(result) = self.keygen.as_ref().and_then(Keygen::poll) {
            self.keygen = None;
            self.state.generating = None;
            match result {
                Ok(key) => self.apply(Edit::GeneratedKey(key), ctx),
                Err(e) => self.error(e.to_string()),
            }
        }
        self.poll_dialogs(ctx);
    }

    /// Draws the whole window into `ui` (the root) and runs what the panes asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let frame_start = Instant::now();
        let ctx = ui.ctx().clone();
        if !self.theme_applied {
            ctx.set_theme(self.theme);
            self.theme_applied = true;
        }
        let mut actions = Actions {
            commands: std::mem::take(&mut self.pending),
            edits: std::mem::take(&mut self.pending_edits),
            ..Actions::default()
        };
        self.poll_background(&ctx);
        self.window_events(&ctx);
        for c in Command::with_shortcuts() {
            if let Some(s) = c.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                actions.commands.push(c);
            }
        }
        let now = self.clock.now();
        if self.derived.refresh(&self.wb, now)
            && let Some(p) = &mut self.perf
        {
            p.doing("recomputed the verdict");
        }
        self.masking = Masking::of(&self.wb, &self.state, &self.derived.findings);
        egui::Panel::top("toolbar").show(ui, |ui| {
            chrome::toolbar_ui(ui, &mut self.state, &mut actions)
        });
        egui::Panel::bottom("status").show(ui, |ui| chrome::status_ui(ui, &self.state));
        match self.state.view {
            View::Debugger => debugger::debugger_ui(self, ui, now, &mut actions),
            View::Structure => {
                egui::CentralPanel::default().show(ui, |ui| {
                    structure::structure_ui(
                        ui,
                        &self.wb,
                        &mut self.state,
                        &self.masking,
                        &mut actions,
                    );
                });
            }
            View::Attacks => {
                egui::CentralPanel::default().show(ui, |ui| {
                    attacks::attacks_ui(ui, &self.wb, &mut self.lab, now, &mut actions);
                });
            }
            View::Keys => {
                egui::CentralPanel::default().show(ui, |ui| {
                    keys_view::keys_view_ui(ui, &self.wb, &mut self.state, now, &mut actions);
                });
            }
        }
        let theme = ctx.options(|o| o.theme_preference);
        if theme != self.theme {
            self.theme = theme;
            actions.settings_dirty = true;
        }
        if !actions.commands.is_empty() || !actions.edits.is_empty() || !actions.copies.is_empty() {
            // State changes after the panes were drawn: show them on the next frame.
            ctx.request_repaint();
        }
        for (text, what) in std::mem::take(&mut actions.copies) {
            self.copy(&ctx, text, &what);
        }
        for e in std::mem::take(&mut actions.edits) {
            self.apply(e, &ctx);
        }
        for c in std::mem::take(&mut actions.commands) {
            if let Some(p) = &mut self.perf {
                p.doing(format!("command {}", c.label()));
            }
            self.run_command(c, &ctx);
        }
        if actions.settings_dirty {
            self.mark_dirty();
        }
        self.autosave(&ctx);
        // Repaint when a shown time would read differently (each second while one is near),
        // never continuously.
        if self.state.view == View::Debugger
            && let Some(secs) = self.derived.repaint_in(now)
        {
            ctx.request_repaint_after(Duration::from_secs(secs.unsigned_abs().max(1)));
        }
        self.guard_clipboard(&ctx, now);
        if let Some(p) = &mut self.perf {
            p.frame(frame_start.elapsed(), self.previous_frame_cpu.take());
        }
    }

    /// Arms the clipboard guard for secrets copied with Ctrl+C in a field this frame, and
    /// clears a copied secret once its 30 s are up.
    fn guard_clipboard(&mut self, ctx: &egui::Context, now: NumericDate) {
        let copied: Vec<String> = ctx.output(|o| {
            o.commands
                .iter()
                .filter_map(|c| match c {
                    egui::OutputCommand::CopyText(t) => Some(t.clone()),
                    _ => None,
                })
                .collect()
        });
        for text in copied {
            if super::clipboard::is_secret(&self.wb, &text) {
                self.clip_guard.arm(&text, now);
            }
        }
        if self.clip_guard.tick(now, self.platform.as_mut()) {
            self.status("The copied secret was cleared from the clipboard");
        }
        if let Some(secs) = self.clip_guard.due_in(now) {
            ctx.request_repaint_after(Duration::from_secs(secs.unsigned_abs().max(1)));
        }
    }

    /// The verdict area's content for this frame.
    pub(super) fn derived(&self) -> &Derived {
        &self.derived
    }
}

impl eframe::App for WorkbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.previous_frame_cpu = frame.info().cpu_usage;
        WorkbenchApp::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
        if let Some(p) = &self.perf {
            eprint!("{}", p.report());
        }
    }
}
