//! The eframe application: one frame = take finished jobs, read shortcuts and drops, draw the
//! view, then apply the edits and run the commands the panes queued. Its fields are private;
//! its impl is split into child modules (`shell`: the front door's effects and the job
//! runner; `persist`: settings; `keyio`: key files, dialogs and drops; `commands`: what each
//! command does), each `use super::WorkbenchApp`.

mod commands;
mod keyio;
mod persist;
mod shell;

use super::buffers::Buffers;
use super::cache::Derived;
use super::commands::Command;
use super::debugger::{DebuggerCtx, debugger_ui};
use super::perf::{PERF_ENV, PerfLog};
use super::platform::{NativePlatform, Platform};
use super::prefs::{Prefs, Theme};
use super::presentation::Masking;
use super::runner::Runner;
use super::vault::VaultProbe;
use super::views::View;
use super::watch::Watched;
use super::{Actions, UiState, attacks, chrome, keys_view, structure};
use crate::core::claims::NumericDate;
use crate::core::workbench::{Edit, Workbench};
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

/// The application.
pub struct WorkbenchApp {
    wb: Workbench,
    state: UiState,
    clock: Clock,
    buffers: Buffers,
    platform: Box<dyn Platform>,
    store: Option<SettingsStore>,
    runner: Runner,
    /// The preferences as last saved: a difference at the end of a frame schedules a save.
    saved_prefs: Prefs,
    dirty_since: Option<Instant>,
    watched: Option<Watched>,
    vault: Option<crate::secrets::Vault>,
    vault_probe: Option<VaultProbe>,
    vault_saved: Option<crate::secrets::StoredKeys>,
    save_warned: bool,
    clip_guard: super::clipboard::ClipboardGuard,
    derived: Derived,
    masking: Masking,
    perf: Option<PerfLog>,
    previous_frame_cpu: Option<f32>,
    pending: Vec<Command>,
    pending_edits: Vec<Edit>,
    /// Slow jobs set off before there was a window to wake (start-up).
    waiting: Vec<crate::core::workbench::Job>,
    theme_applied: bool,
}

impl WorkbenchApp {
    /// Builds the app: the last session (or the example), then the command-line token, which
    /// shows in the Debugger whatever view was last used. Start-up goes through the
    /// document's front door like every edit: its jobs (a remembered key decrypting a JWE)
    /// run.
    pub fn new(options: AppOptions) -> WorkbenchApp {
        let mut app = WorkbenchApp {
            wb: Workbench::empty(),
            state: UiState::default(),
            clock: options.clock,
            buffers: Buffers::default(),
            platform: options.platform,
            store: options.store,
            runner: Runner::default(),
            saved_prefs: Prefs::default(),
            dirty_since: None,
            watched: None,
            vault: None,
            vault_probe: None,
            vault_saved: None,
            save_warned: false,
            clip_guard: super::clipboard::ClipboardGuard::default(),
            derived: Derived::default(),
            masking: Masking::default(),
            perf: options.perf.map(PerfLog::new),
            previous_frame_cpu: None,
            pending: Vec::new(),
            pending_edits: Vec::new(),
            waiting: Vec::new(),
            theme_applied: false,
        };
        app.restore();
        if let Some(token) = options.token {
            app.apply(Edit::Token(token), None);
            app.state.prefs.view = View::Debugger;
            // A token opened from the command line is an edit like a paste: save it soon.
            app.mark_dirty();
        }
        app.buffers = Buffers::of(&app.wb);
        app
    }

    /// The document.
    pub fn document(&self) -> &Workbench {
        &self.wb
    }

    /// The window's own state (view, toggles, status line, preferences).
    pub fn ui_state(&self) -> &UiState {
        &self.state
    }

    /// The window's own state, to change (tests).
    pub fn ui_state_mut(&mut self) -> &mut UiState {
        &mut self.state
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
    fn status(&mut self, text: impl Into<String>) {
        self.state.status = Some((text.into(), false));
    }

    /// Sets the status line to a failure.
    fn error(&mut self, text: impl Into<String>) {
        self.state.status = Some((text.into(), true));
    }

    /// Draws the whole window into `ui` (the root) and runs what the panes asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let frame_start = Instant::now();
        let ctx = ui.ctx().clone();
        if !self.theme_applied {
            ctx.set_theme(self.state.prefs.theme.egui());
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
        self.draw(ui, now, &mut actions);
        self.state.prefs.theme = Theme::of(ctx.options(|o| o.theme_preference));
        self.finish_frame(&ctx, actions, now);
        if let Some(p) = &mut self.perf {
            p.frame(frame_start.elapsed(), self.previous_frame_cpu.take());
        }
    }

    /// The top bar, the status line and the view on show.
    fn draw(&mut self, ui: &mut egui::Ui, now: NumericDate, actions: &mut Actions) {
        egui::Panel::top("toolbar").show(ui, |ui| chrome::toolbar_ui(ui, &mut self.state, actions));
        egui::Panel::bottom("status").show(ui, |ui| chrome::status_ui(ui, &self.state));
        match self.state.prefs.view {
            View::Debugger => {
                let ctx = DebuggerCtx {
                    wb: &self.wb,
                    derived: &self.derived,
                    buffers: &mut self.buffers,
                    state: &mut self.state,
                    masking: &self.masking,
                    now,
                };
                debugger_ui(ui, ctx, actions);
            }
            View::Structure => {
                egui::CentralPanel::default().show(ui, |ui| {
                    structure::structure_ui(ui, &self.wb, &mut self.state, &self.masking, actions);
                });
            }
            View::Attacks => {
                egui::CentralPanel::default().show(ui, |ui| {
                    attacks::attacks_ui(ui, &self.wb, now, actions);
                });
            }
            View::Keys => {
                egui::CentralPanel::default().show(ui, |ui| {
                    keys_view::keys_view_ui(ui, &self.wb, &mut self.state, now, actions);
                });
            }
        }
    }

    /// After drawing: copies, edits, commands, saving, and when to draw again.
    fn finish_frame(&mut self, ctx: &egui::Context, mut actions: Actions, now: NumericDate) {
        if !actions.commands.is_empty() || !actions.edits.is_empty() || !actions.copies.is_empty() {
            // State changes after the panes were drawn: show them on the next frame.
            ctx.request_repaint();
        }
        for (text, what) in std::mem::take(&mut actions.copies) {
            self.copy(ctx, text, &what);
        }
        for e in std::mem::take(&mut actions.edits) {
            self.apply(e, Some(ctx));
        }
        for c in std::mem::take(&mut actions.commands) {
            if let Some(p) = &mut self.perf {
                p.doing(format!("command {}", c.label()));
            }
            self.run_command(c, ctx);
        }
        if self.state.prefs != self.saved_prefs {
            self.saved_prefs = self.state.prefs.clone();
            self.mark_dirty();
        }
        self.autosave(ctx);
        // Repaint when a shown time would read differently (each second while one is near),
        // never continuously.
        if self.state.prefs.view == View::Debugger
            && let Some(secs) = self.derived.repaint_in(now)
        {
            ctx.request_repaint_after(Duration::from_secs(secs.unsigned_abs().max(1)));
        }
        self.guard_clipboard(ctx, now);
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
