//! Running the built binary as a user does: arguments, standard input, exit code and output.

use std::io::Write as _;
use std::process::{Command, Stdio};

/// What a run of the binary left.
#[derive(Debug)]
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output, lossily decoded.
    pub stdout: String,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

impl Run {
    /// Standard output and error together, for "says X somewhere" checks.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    /// Asserts the exit code and that the output holds every phrase.
    #[track_caller]
    pub fn expect(&self, code: i32, phrases: &[&str]) -> &Run {
        let all = self.all();
        assert_eq!(self.code, code, "exit code; output:\n{all}");
        for p in phrases {
            assert!(all.contains(p), "{p:?} not in:\n{all}");
        }
        self
    }
}

/// Runs `jwt-workbench ARGS` in `dir` (the current folder when `None`), with `stdin` fed in.
/// A panic of the binary fails the test.
pub fn workbench(args: &[&str], stdin: Option<&[u8]>, dir: Option<&std::path::Path>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jwt-workbench"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("binary runs");
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A binary that refuses before reading all of its input closes the pipe early: that
        // is its answer, judged by the exit code below, not a failure to write.
        if let Err(e) = pipe.write_all(input) {
            assert_eq!(
                e.kind(),
                std::io::ErrorKind::BrokenPipe,
                "writing stdin: {e}"
            );
        }
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_ne!(run.code, 101, "the binary panicked: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}
