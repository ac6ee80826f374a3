//! The eframe application: lays out the panes, runs commands, signs off the UI thread when
//! signing is slow, loads keys from dialogs, paths and drops, and persists settings.

use super::commands::Command;
use super::platform::{DialogEvent, NativePlatform, Platform, SaveRequest};
use super::{Actions, UiState, claims, findings, header, keys, labels, payload, token};
use crate::core::claims::NumericDate;
use crate::core::keys::{self as corekeys, Key, KeyMaterial, KeySpec, SecretEncoding};
use crate::core::workbench::{Lead, SignJob, Workbench};
use crate::core::{JwsAlg, b64, json};
use crate::settings::{Settings, SettingsStore};
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::SystemTime;
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
}

impl AppOptions {
    /// Real dialogs, system clock, the platform settings directory.
    pub fn native(token: Option<String>) -> AppOptions {
        AppOptions {
            token,
            store: SettingsStore::default_location(),
            platform: Box::new(NativePlatform::default()),
            clock: Clock::System,
        }
    }
}

type Signed = (u64, crate::core::Result<String>);

/// Signs slow jobs on a worker thread; only the newest queued job is signed.
struct Signer {
    jobs: Option<Sender<SignJob>>,
    done_tx: Sender<Signed>,
    done_rx: Receiver<Signed>,
}

impl Signer {
    fn new() -> Signer {
        let (done_tx, done_rx) = channel();
        Signer {
            jobs: None,
            done_tx,
            done_rx,
        }
    }

    fn submit(&mut self, job: SignJob, ctx: &egui::Context) {
        let sender = self.jobs.get_or_insert_with(|| {
            let (tx, rx) = channel::<SignJob>();
            let done = self.done_tx.clone();
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                while let Ok(mut job) = rx.recv() {
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let result = job.run();
                    if done.send((job.generation, result)).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            });
            tx
        });
        let _ = sender.send(job);
    }
}

/// The application.
pub struct WorkbenchApp {
    /// The document.
    pub wb: Workbench,
    /// Window-only state.
    pub state: UiState,
    /// The clock.
    pub clock: Clock,
    platform: Box<dyn Platform>,
    store: Option<SettingsStore>,
    layout: (f32, f32),
    theme: egui::ThemePreference,
    theme_applied: bool,
    signer: Signer,
    dirty_since: Option<Instant>,
    keygen: Option<Receiver<crate::core::Result<Key>>>,
    watched: Option<Watched>,
    last_field: Option<KeyField>,
    pending: Vec<Command>,
}

/// Which key field a loaded file went into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyField {
    Secret,
    Private,
    Public,
}

/// A key file loaded from disk, re-read when it changes (checked when the window gets focus).
#[derive(Debug, Clone)]
struct Watched {
    path: PathBuf,
    modified: Option<SystemTime>,
    field: KeyField,
    text: String,
}

impl WorkbenchApp {
    /// Builds the app: the command-line token, else the last session, else the example.
    pub fn new(options: AppOptions) -> WorkbenchApp {
        let now = options.clock.now();
        let loaded = options.store.as_ref().map(SettingsStore::load);
        let note = loaded.as_ref().and_then(|l| l.note.clone());
        let settings = loaded.and_then(|l| l.settings);
        let mut app = WorkbenchApp {
            wb: Workbench::empty(),
            state: UiState::default(),
            clock: options.clock,
            platform: options.platform,
            store: options.store,
            layout: (
                Settings::default().token_panel_width,
                Settings::default().bottom_panel_height,
            ),
            theme: egui::ThemePreference::System,
            theme_applied: false,
            signer: Signer::new(),
            dirty_since: None,
            keygen: None,
            watched: None,
            last_field: None,
            pending: Vec::new(),
        };
        if let Some(s) = &settings {
            app.restore_preferences(s);
        }
        match &settings {
            Some(s)
                if !(s.token.is_empty()
                    && s.header.trim().is_empty()
                    && s.payload.trim().is_empty()) =>
            {
                app.restore_document(s)
            }
            _ => {
                if let Some(job) = app.wb.load_example(now) {
                    let result = job.run();
                    app.wb.apply_signed(job.generation, result);
                }
            }
        }
        if let Some(token) = options.token {
            app.wb.set_token(token);
        }
        app.state.status = note.map(|n| (n, true));
        app
    }

    /// Theme, layout, options and (when remembered) keys.
    fn restore_preferences(&mut self, s: &Settings) {
        let wb = &mut self.wb;
        wb.keys.secret_encoding = SecretEncoding::ALL
            .into_iter()
            .find(|e| e.label() == s.secret_encoding)
            .unwrap_or_default();
        if s.remember_key {
            wb.keys.secret = s.secret.clone().unwrap_or_default();
            wb.keys.private_key = s.private_key.clone().unwrap_or_default();
            wb.keys.public_key = s.public_key.clone().unwrap_or_default();
        }
        wb.policy.leeway = s.leeway;
        self.state.remember_key = s.remember_key;
        self.layout = (
            s.token_panel_width.clamp(200.0, 4000.0),
            s.bottom_panel_height.clamp(120.0, 3000.0),
        );
        self.theme = match s.theme.as_str() {
            "dark" => egui::ThemePreference::Dark,
            "light" => egui::ThemePreference::Light,
            _ => egui::ThemePreference::System,
        };
    }

    /// The last session's token and editors.
    fn restore_document(&mut self, s: &Settings) {
        let wb = &mut self.wb;
        wb.set_token(s.token.clone());
        if let Some(a) = JwsAlg::from_name(&s.alg) {
            wb.alg = a;
        }
        if s.editors_lead {
            wb.header = s.header.clone();
            wb.payload = s.payload.clone();
            wb.refresh_keys();
            if let Some(job) = wb.resign() {
                let r = job.run();
                wb.apply_signed(job.generation, r);
            }
        } else {
            wb.refresh_keys();
            wb.keys_changed();
        }
    }

    /// The settings as they stand now.
    pub fn settings(&self) -> Settings {
        let wb = &self.wb;
        Settings {
            token: wb.token.clone(),
            header: wb.header.clone(),
            payload: wb.payload.clone(),
            editors_lead: wb.lead == Lead::Editors,
            alg: wb.alg.name().to_string(),
            secret_encoding: wb.keys.secret_encoding.label().to_string(),
            token_panel_width: self.layout.0,
            bottom_panel_height: self.layout.1,
            theme: match self.theme {
                egui::ThemePreference::Dark => "dark",
                egui::ThemePreference::Light => "light",
                egui::ThemePreference::System => "system",
            }
            .to_string(),
            leeway: wb.policy.leeway,
            remember_key: self.state.remember_key,
            secret: Some(wb.keys.secret.clone()),
            private_key: Some(wb.keys.private_key.clone()),
            public_key: Some(wb.keys.public_key.clone()),
        }
    }

    /// Saves settings now (called on exit and a moment after edits).
    pub fn save_settings(&mut self) {
        self.dirty_since = None;
        if let Some(store) = &self.store
            && let Err(e) = store.save(&self.settings())
        {
            self.state.status = Some((e, true));
        }
    }

    fn status(&mut self, text: impl Into<String>) {
        self.state.status = Some((text.into(), false));
    }

    fn error(&mut self, text: impl Into<String>) {
        self.state.status = Some((text.into(), true));
    }

    fn dispatch(&mut self, job: SignJob, ctx: &egui::Context) {
        if job.is_slow() {
            self.wb.signing_started(&job);
            self.signer.submit(job, ctx);
        } else {
            let result = job.run();
            self.wb.apply_signed(job.generation, result);
        }
    }

    fn poll_background(&mut self, actions: &mut Actions) {
        while let Ok((generation, result)) = self.signer.done_rx.try_recv() {
            self.wb.apply_signed(generation, result);
        }
        while let Some(event) = self.platform.poll() {
            match event {
                DialogEvent::KeyFileChosen(path) => actions.sign(self.load_key_path(&path)),
                DialogEvent::Saved(path) => self.status(format!("Token saved to {}", path.display())),
                DialogEvent::Cancelled => self.status("No file chosen. If no dialog appeared, type the path in the key path field or drop the file on the window."),
                DialogEvent::Failed(e) => self.error(e),
            }
        }
    }

    /// Loads a key file into the key pane (the same path for dialogs, the path field and drops).
    pub fn load_key_path(&mut self, path: &Path) -> Option<SignJob> {
        // load_key_file checks the size before reading the whole file.
        if let Err(e) = corekeys::load_key_file(path) {
            self.error(format!("Could not use {}: {e}", path.display()));
            return None;
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                self.last_field = None;
                let job = self.load_key_bytes(&bytes, &path.display().to_string());
                if let Some(field) = self.last_field {
                    self.watched = Some(Watched {
                        path: path.to_path_buf(),
                        modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
                        field,
                        text: self.field_text(field).to_string(),
                    });
                }
                job
            }
            Err(e) => {
                self.error(format!("Could not read {}: {e}", path.display()));
                None
            }
        }
    }

    /// Loads key bytes (PEM, DER, JWK, JWKS) into the field that fits; nothing typed is lost
    /// when the bytes are not a usable key.
    pub fn load_key_bytes(&mut self, bytes: &[u8], source: &str) -> Option<SignJob> {
        let file = match corekeys::load_key_bytes(bytes) {
            Ok(f) => f,
            Err(e) => {
                self.error(format!("Could not use {source}: {e}"));
                return None;
            }
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => match corekeys::der_to_pem(bytes) {
                Ok(pem) => pem,
                Err(e) => {
                    self.error(format!("Could not use {source}: {e}"));
                    return None;
                }
            },
        };
        let Some(first) = file
            .keys
            .iter()
            .find(|k| k.is_private())
            .or(file.keys.first())
            .cloned()
        else {
            self.error(format!("{source} holds no usable key"));
            return None;
        };
        let wb = &mut self.wb;
        let field = if let KeyMaterial::Secret(secret) = &first.material {
            wb.keys.secret = b64::encode(secret);
            wb.keys.secret_encoding = SecretEncoding::Base64;
            KeyField::Secret
        } else if first.is_private() {
            wb.keys.private_key = text;
            KeyField::Private
        } else {
            wb.keys.public_key = text;
            KeyField::Public
        };
        self.last_field = Some(field);
        let described = first.describe();
        let job = if first.algorithms().contains(&wb.alg) {
            wb.keys_changed()
        } else {
            wb.set_alg(first.default_alg())
        };
        let set = if file.is_set {
            format!(" (a JWKS of {} keys)", file.keys.len())
        } else {
            String::new()
        };
        self.status(format!("Loaded {described}{set} from {source}"));
        job
    }

    fn field_text(&self, field: KeyField) -> &str {
        match field {
            KeyField::Secret => &self.wb.keys.secret,
            KeyField::Private => &self.wb.keys.private_key,
            KeyField::Public => &self.wb.keys.public_key,
        }
    }

    /// Re-reads a loaded key file that changed on disk, unless the user edited its field.
    fn check_watched(&mut self) -> Option<SignJob> {
        let w = self.watched.clone()?;
        let modified = std::fs::metadata(&w.path).and_then(|m| m.modified()).ok();
        if modified == w.modified {
            return None;
        }
        if self.field_text(w.field) != w.text {
            if let Some(watched) = &mut self.watched {
                watched.modified = modified;
            }
            self.status(format!("{} changed on disk; your edits in the key field are kept (load it again to use the file)", w.path.display()));
            return None;
        }
        let job = self.load_key_path(&w.path);
        if let Some((text, false)) = &self.state.status {
            let note = format!("{} changed on disk: reloaded. {text}", w.path.display());
            self.status(note);
        }
        job
    }

    /// A generated key goes into the key fields; the token re-signs when the editors lead.
    fn apply_generated(&mut self, result: crate::core::Result<Key>) -> Option<SignJob> {
        self.state.generating = None;
        let key = match result {
            Ok(k) => k,
            Err(e) => {
                self.error(e.to_string());
                return None;
            }
        };
        let wb = &mut self.wb;
        if let KeyMaterial::Secret(secret) = &key.material {
            wb.keys.secret = b64::encode(secret);
            wb.keys.secret_encoding = SecretEncoding::Base64;
        } else {
            match key.private_pem() {
                Ok(pem) => wb.keys.private_key = pem,
                Err(e) => {
                    self.error(e.to_string());
                    return None;
                }
            }
            wb.keys.public_key.clear();
        }
        self.watched = None;
        let job = self.wb.keys_changed();
        self.status(format!(
            "Generated {}; thumbprint {}",
            key.describe(),
            key.thumbprint()
        ));
        job
    }

    fn export(&mut self, command: Command, ctx: &egui::Context) {
        let with_kid = |k: &Key| {
            let mut k = k.clone();
            if k.kid.is_none() {
                k.kid = Some(k.thumbprint());
            }
            k
        };
        let public = self
            .wb
            .verify_key
            .as_ref()
            .map(with_kid)
            .map_err(|e| e.to_string());
        let private = self
            .wb
            .sign_key
            .as_ref()
            .map(with_kid)
            .map_err(|e| e.to_string());
        let stem = self.wb.alg.name().to_ascii_lowercase();
        let jwk_text = |k: &Key, private: bool| {
            k.to_jwk(private)
                .map(|m| {
                    serde_json::to_string_pretty(&serde_json::Value::Object(m)).unwrap_or_default()
                        + "\n"
                })
                .map_err(|e| e.to_string())
        };
        let result: Result<Option<SaveRequest>, String> = match command {
            Command::CopyThumbprint => public.map(|k| {
                ctx.copy_text(k.thumbprint());
                None
            }),
            Command::CopyPublicJwk => public.and_then(|k| jwk_text(&k, false)).map(|t| {
                ctx.copy_text(t);
                None
            }),
            Command::SavePublicPem => public
                .and_then(|k| k.public_pem().map_err(|e| e.to_string()))
                .map(|t| {
                    Some(SaveRequest::new(
                        "Save public key",
                        format!("{stem}.pub.pem"),
                        t,
                        false,
                    ))
                }),
            Command::SavePublicJwk => public.and_then(|k| jwk_text(&k, false)).map(|t| {
                Some(SaveRequest::new(
                    "Save public JWK",
                    format!("{stem}.pub.jwk.json"),
                    t,
                    false,
                ))
            }),
            Command::SavePublicJwks => public.and_then(|k| {
                let set = corekeys::load_key_bytes(self.wb.keys.public_key.as_bytes())
                    .ok()
                    .filter(|f| f.is_set)
                    .map_or_else(|| vec![k], |f| f.keys);
                let jwks = corekeys::public_jwks(&set);
                if jwks
                    .get("keys")
                    .and_then(serde_json::Value::as_array)
                    .is_none_or(|a| a.is_empty())
                {
                    return Err("an HMAC secret has no public key to publish".to_string());
                }
                Ok(Some(SaveRequest::new(
                    "Save public JWKS",
                    "jwks.json",
                    serde_json::to_string_pretty(&jwks).unwrap_or_default()
                        + "
",
                    false,
                )))
            }),
            Command::SavePrivatePem => private
                .and_then(|k| k.private_pem().map_err(|e| e.to_string()))
                .map(|t| {
                    Some(SaveRequest::new(
                        "Save private key",
                        format!("{stem}.key.pem"),
                        t,
                        true,
                    ))
                }),
            Command::SavePrivateJwk => private.and_then(|k| jwk_text(&k, true)).map(|t| {
                Some(SaveRequest::new(
                    "Save private key",
                    format!("{stem}.jwk.json"),
                    t,
                    true,
                ))
            }),
            _ => Ok(None),
        };
        match result {
            Ok(Some(req)) => self.platform.save_dialog(ctx, req),
            Ok(None) => self.status(format!("{} done", command.label())),
            Err(e) => self.error(format!("{}: {e}", command.label())),
        }
    }

    /// Runs a command as if its button was clicked (menu items are hard to reach from tests).
    pub fn run_command_for_tests(&mut self, command: Command) {
        self.pending.push(command);
    }

    fn run_command(&mut self, command: Command, ctx: &egui::Context, actions: &mut Actions) {
        let now = self.clock.now();
        match command {
            Command::CopyToken => {
                ctx.copy_text(self.wb.token.clone());
                self.status("Token copied");
            }
            Command::CopyHeader => {
                ctx.copy_text(self.wb.header.clone());
                self.status("Header copied");
            }
            Command::CopyPayload => {
                ctx.copy_text(self.wb.payload.clone());
                self.status("Payload copied");
            }
            Command::SaveToken => {
                if self.wb.token.is_empty() {
                    self.error("There is no token to save");
                } else {
                    let req = SaveRequest::new(
                        "Save token",
                        "token.jwt",
                        format!(
                            "{}
",
                            self.wb.token
                        ),
                        false,
                    );
                    self.platform.save_dialog(ctx, req);
                }
            }
            Command::GenerateKey => {
                let spec = KeySpec {
                    alg: self.wb.alg,
                    rsa_bits: self.state.rsa_bits,
                    kid: None,
                };
                if spec.is_slow() {
                    let (tx, rx) = channel();
                    let repaint = ctx.clone();
                    let job = spec.clone();
                    std::thread::spawn(move || {
                        let _ = tx.send(corekeys::generate(&job).map_err(crate::core::Error::from));
                        repaint.request_repaint();
                    });
                    let what = format!("Generating an RSA-{} key…", spec.rsa_bits);
                    self.state.generating = Some(what);
                    self.keygen = Some(rx);
                } else {
                    let result = corekeys::generate(&spec).map_err(crate::core::Error::from);
                    actions.sign(self.apply_generated(result));
                }
            }
            Command::CancelGenerate => {
                self.keygen = None;
                self.state.generating = None;
                self.status("Key generation cancelled");
            }
            Command::CopyThumbprint
            | Command::CopyPublicJwk
            | Command::SavePublicPem
            | Command::SavePublicJwk
            | Command::SavePublicJwks
            | Command::SavePrivatePem
            | Command::SavePrivateJwk => self.export(command, ctx),
            Command::OpenKey => self.platform.open_key_dialog(ctx),
            Command::LoadKeyPath => {
                let path = self.state.key_path.trim().to_string();
                if path.is_empty() {
                    self.error("Type the path of a key file first");
                } else {
                    actions.sign(self.load_key_path(Path::new(&path)));
                }
            }
            Command::NewExample => actions.sign(self.wb.load_example(now)),
            Command::NewAccess | Command::NewRefresh => {
                self.wb.load_template(command == Command::NewRefresh, now);
                actions.sign(self.wb.sign_job());
            }
            Command::Clear => {
                self.wb.clear();
                actions.settings_dirty = true;
            }
            Command::Resign => actions.sign(self.wb.resign()),
            Command::Format | Command::Compact => {
                let f = if command == Command::Format {
                    json::pretty
                } else {
                    json::minify
                };
                if let Ok(h) = f("header", &self.wb.header) {
                    self.wb.header = h;
                }
                if let Ok(p) = f("payload", &self.wb.payload) {
                    self.wb.payload = p;
                }
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path().to_path_buf();
            if !path.as_os_str().is_empty() {
                actions.sign(self.load_key_path(&path));
            } else {
                match file.bytes() {
                    Ok(bytes) => actions.sign(self.load_key_bytes(&bytes, "the dropped file")),
                    Err(e) => self.error(format!("Could not read the dropped file: {e}")),
                }
            }
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        ui.horizontal(|ui| {
            ui.heading("JWT Workbench");
            ui.separator();
            ui.menu_button("New", |ui| {
                for c in [Command::NewExample, Command::NewAccess, Command::NewRefresh] {
                    if c.button(ui) {
                        actions.commands.push(c);
                        ui.close();
                    }
                }
            });
            for c in [Command::SaveToken, Command::CopyToken, Command::Clear] {
                if c.button(ui) {
                    actions.commands.push(c);
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                // Named buttons (not bare emoji) so screen readers say what they do.
                let mut pref = ui.ctx().options(|o| o.theme_preference);
                let before = pref;
                ui.selectable_value(&mut pref, egui::ThemePreference::Light, "☀ Light");
                ui.selectable_value(&mut pref, egui::ThemePreference::Dark, "🌙 Dark");
                ui.selectable_value(&mut pref, egui::ThemePreference::System, "💻 System")
                    .on_hover_text("Follow the system's dark or light theme");
                if pref != before {
                    ui.ctx().set_theme(pref);
                }
            });
        });
    }

    /// Draws the whole window into `ui` (the root), runs what the panes asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.theme_applied {
            ctx.set_theme(self.theme);
            self.theme_applied = true;
        }
        let mut actions = Actions {
            commands: std::mem::take(&mut self.pending),
            ..Actions::default()
        };
        self.poll_background(&mut actions);
        if let Some(rx) = &self.keygen
            && let Ok(result) = rx.try_recv()
        {
            self.keygen = None;
            let job = self.apply_generated(result);
            actions.sign(job);
        }
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if focused {
            let job = self.check_watched();
            actions.sign(job);
        }
        self.dropped_files(&ctx, &mut actions);
        for c in Command::WITH_SHORTCUTS {
            if let Some(s) = c.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                actions.commands.push(c);
            }
        }
        let now = self.clock.now();

        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui, &mut actions));
        egui::Panel::bottom("status").show(ui, |ui| {
            let (text, is_error) = self
                .state
                .status
                .clone()
                .unwrap_or_else(|| ("Ready. Nothing leaves this machine.".into(), false));
            let color = if is_error {
                super::widgets::Palette::of(ui).bad
            } else {
                ui.visuals().text_color()
            };
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(format!("{}:", labels::STATUS)).weak());
                ui.label(egui::RichText::new(text).color(color));
            });
        });
        let bottom = egui::Panel::bottom("verification")
            .resizable(true)
            .default_size(self.layout.1)
            .min_size(140.0)
            .show(ui, |ui| {
                ui.columns(2, |cols| {
                    if let [left, right] = cols {
                        egui::ScrollArea::vertical()
                            .id_salt("verify-scroll")
                            .show(left, |ui| {
                                findings::verification_ui(ui, &mut self.wb, now, &mut actions);
                            });
                        claims::claims_ui(right, &self.wb, now);
                    }
                });
            });
        let left = egui::Panel::left("token")
            .resizable(true)
            .default_size(self.layout.0)
            .min_size(260.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("token-scroll")
                    .show(ui, |ui| {
                        token::token_ui(ui, &mut self.wb, &mut actions);
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("editors-scroll")
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let row = [
                            Command::Format,
                            Command::Compact,
                            Command::CopyHeader,
                            Command::CopyPayload,
                        ];
                        Command::buttons(ui, &row, &mut actions.commands);
                    });
                    header::header_ui(ui, &mut self.wb, &mut actions);
                    ui.add_space(6.0);
                    payload::payload_ui(ui, &mut self.wb, &mut actions);
                    ui.add_space(6.0);
                    ui.separator();
                    keys::keys_ui(ui, &mut self.wb, &mut self.state, now, &mut actions);
                });
        });
        let layout = (left.response.rect.width(), bottom.response.rect.height());
        if (layout.0 - self.layout.0).abs() > 1.0 || (layout.1 - self.layout.1).abs() > 1.0 {
            self.layout = layout;
            actions.settings_dirty = true;
        }
        let theme = ctx.options(|o| o.theme_preference);
        if theme != self.theme {
            self.theme = theme;
            actions.settings_dirty = true;
        }

        if !actions.commands.is_empty() || actions.job.is_some() {
            // State changed after the panes were drawn: show it on the next frame.
            ctx.request_repaint();
        }
        for c in std::mem::take(&mut actions.commands) {
            self.run_command(c, &ctx, &mut actions);
        }
        if let Some(job) = actions.job.take() {
            self.dispatch(job, &ctx);
        }
        if actions.settings_dirty && self.dirty_since.is_none() {
            self.dirty_since = Some(Instant::now());
        }
        if let Some(since) = self.dirty_since {
            if since.elapsed() >= Duration::from_secs(2) {
                self.save_settings();
            } else {
                ctx.request_repaint_after(Duration::from_secs(2));
            }
        }
        // The countdown ticks once a second while a time claim is on show; never continuously.
        if claims::countdown(&self.wb, now).is_some() {
            ctx.request_repaint_after(Duration::from_secs(1));
        }
    }
}

impl eframe::App for WorkbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        WorkbenchApp::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
    }
}

/// The window icon, from `assets/icon.png`.
fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok()
}

/// Opens the window and runs until it is closed.
pub fn run_window(token: Option<String>) -> Result<(), String> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("JWT Workbench")
        .with_app_id("jwt-workbench")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([900.0, 600.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "JWT Workbench",
        options,
        Box::new(move |_cc| Ok(Box::new(WorkbenchApp::new(AppOptions::native(token))))),
    )
    .map_err(|e| format!("could not open the window: {e}"))
}
