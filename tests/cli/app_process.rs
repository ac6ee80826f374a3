//! The real binary as a process: without a display it says so in one sentence (exit 2, no
//! backtrace); with one (Xvfb), a SIGKILL a few seconds after an edit loses nothing, because
//! settings are saved atomically two seconds after a change.

use crate::common::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jwt-workbench"))
}

#[test]
fn without_a_display_the_window_says_so_in_one_sentence() {
    let dir = std::env::temp_dir().join(format!("jwtwb-nodisplay-{}", std::process::id()));
    let out = bin()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_CONFIG_HOME", &dir)
        .env("XDG_RUNTIME_DIR", &dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one sentence: {stderr}");
    assert!(lines[0].starts_with("error: no display"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_command_line_alone_says_where_the_window_program_should_be() {
    // `jwt-workbench` copied somewhere without `jwt-workbench-window` beside it.
    let dir = std::env::temp_dir().join(format!("jwtwb-alone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let alone = dir.join("jwt-workbench");
    std::fs::copy(env!("CARGO_BIN_EXE_jwt-workbench"), &alone).unwrap();
    let out = Command::new(&alone).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: cannot start the window program jwt-workbench-window in "),
        "{stderr}"
    );
    assert!(stderr.contains("cargo install --path ."), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // Its command line needs nothing beside it.
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
    let out = Command::new(&alone)
        .args(["decode", token])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"sub\": \"1\""));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_window_program_runs_the_command_line_too() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
    let out = Command::new(env!("CARGO_BIN_EXE_jwt-workbench-window"))
        .args(["decode", token])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"sub\": \"1\""));
}

/// An Xvfb server on a free display, stopped when dropped.
struct Xvfb {
    child: std::process::Child,
    display: String,
}

impl Xvfb {
    fn start() -> Option<Xvfb> {
        for n in 40..70 {
            let display = format!(":{}", n + std::process::id() % 20);
            let lock = format!("/tmp/.X{}-lock", &display[1..]);
            if std::path::Path::new(&lock).exists() {
                continue;
            }
            let child = Command::new("Xvfb")
                .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .ok()?;
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if std::path::Path::new(&lock).exists() {
                    std::thread::sleep(Duration::from_millis(200));
                    return Some(Xvfb { child, display });
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            return None;
        }
        None
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_sigkill_after_an_edit_loses_nothing() {
    let Some(x) = Xvfb::start() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Xvfb (.ci/setup.sh installs it)"
        );
        eprintln!("SKIPPED a_sigkill_after_an_edit_loses_nothing: no Xvfb on this machine");
        return;
    };
    let home = std::env::temp_dir().join(format!("jwtwb-sigkill-{}", std::process::id()));
    let config = home.join("jwt-workbench");
    std::fs::create_dir_all(&config).unwrap();
    // The user asked to keep the last token; the .jwt file opened from the command line (as a
    // file manager opens it) is the edit.
    std::fs::write(config.join("settings.json"), br#"{"keep_token": true}"#).unwrap();
    let file = home.join("opened.jwt");
    std::fs::write(&file, format!("{A1_TOKEN}\n")).unwrap();
    let mut app = bin()
        .arg(&file)
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_CONFIG_HOME", &home)
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(4500));
    if let Ok(Some(status)) = app.try_wait() {
        let mut err = String::new();
        use std::io::Read;
        app.stderr.take().unwrap().read_to_string(&mut err).ok();
        panic!("the window exited early ({status}): {err}");
    }
    // SIGKILL: no chance to save on the way out.
    app.kill().unwrap();
    app.wait().unwrap();
    let saved = std::fs::read_to_string(config.join("settings.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&saved).expect("a whole JSON file");
    assert_eq!(v["token"], A1_TOKEN, "saved within seconds of the edit");
    let leftovers: Vec<_> = std::fs::read_dir(&config)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written temporary file left");
    std::fs::remove_dir_all(&home).ok();
}

#[test]
fn a_file_argument_that_is_not_text_says_so_before_any_window() {
    let out = bin()
        .arg(fixture("junk.bin"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("is not text, so it holds no token"),
        "{stderr}"
    );
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef"),
        ("fish", "complete -c"),
    ] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(marker), "{shell}: {text}");
        for sub in ["decode", "verify", "encrypt", "attack"] {
            assert!(text.contains(sub), "{shell} knows {sub}");
        }
    }
}
