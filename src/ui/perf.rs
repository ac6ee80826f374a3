//! The measurement mode: with `JWT_WORKBENCH_PERF=1` the window prints at exit the time to
//! its first frame and that frame's CPU time (fonts, first layout), then the CPU times of every
//! later frame (p50, p99, max), apart those of frames that applied an edit (a keystroke), the
//! number of frames, recomputes and signatures, and the slowest frame with what it did. Nothing typed is ever recorded: only
//! the kinds of edits and commands.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// The environment variable that turns measuring on.
pub const PERF_ENV: &str = "JWT_WORKBENCH_PERF";

/// Frame timings and counters.
#[derive(Debug)]
pub struct PerfLog {
    started: Instant,
    first_frame: Option<Duration>,
    /// The first frame's CPU time: the app's, then eframe's whole frame (milliseconds).
    first_cpu: (Option<f32>, Option<f32>),
    /// Frames ended so far.
    frames: u64,
    /// Whether the previous frame applied an edit (eframe reports its whole time a frame late).
    previous_edited: bool,
    /// eframe's whole-frame CPU time of frames that applied an edit, in milliseconds.
    edit_ms: Vec<f32>,
    /// The app's own CPU time per frame (layout, recompute), in milliseconds.
    app_ms: Vec<f32>,
    /// eframe's CPU time per frame (the app plus tessellation and painting), in milliseconds.
    frame_ms: Vec<f32>,
    /// Document edits applied.
    pub recomputes: u64,
    /// Tokens signed.
    pub signatures: u64,
    slowest: (f32, String),
    doing: Vec<String>,
}

impl PerfLog {
    /// A log whose clock starts now (call at process start for a true time to first frame).
    pub fn new(started: Instant) -> PerfLog {
        PerfLog {
            started,
            first_frame: None,
            first_cpu: (None, None),
            frames: 0,
            previous_edited: false,
            edit_ms: Vec::new(),
            app_ms: Vec::new(),
            frame_ms: Vec::new(),
            recomputes: 0,
            signatures: 0,
            slowest: (0.0, String::new()),
            doing: Vec::new(),
        }
    }

    /// Notes what the current frame does ("edit Payload", "command Format").
    pub fn doing(&mut self, what: impl Into<String>) {
        if self.doing.len() < 8 {
            self.doing.push(what.into());
        }
    }

    /// Ends a frame: the app spent `app` in it; eframe measured `previous_full` seconds for
    /// the previous whole frame.
    pub fn frame(&mut self, app: Duration, previous_full: Option<f32>) {
        if self.first_frame.is_none() {
            self.first_frame = Some(self.started.elapsed());
        }
        let ms = app.as_secs_f32() * 1000.0;
        let doing = std::mem::take(&mut self.doing);
        let edited = doing.iter().any(|d| d.starts_with("edit "));
        let full = previous_full.map(|f| f * 1000.0);
        match self.frames {
            0 => self.first_cpu.0 = Some(ms),
            1 => self.first_cpu.1 = full,
            _ => {}
        }
        if self.frames >= 2
            && let Some(full) = full
        {
            self.frame_ms.push(full);
            if self.previous_edited {
                self.edit_ms.push(full);
            }
        }
        self.previous_edited = edited;
        self.frames += 1;
        if self.frames == 1 {
            return;
        }
        self.app_ms.push(ms);
        if ms > self.slowest.0 {
            let what = if doing.is_empty() {
                "drew the window (no edits)".to_string()
            } else {
                doing.join(", ")
            };
            self.slowest = (ms, what);
        }
    }

    /// The report printed at exit.
    pub fn report(&self) -> String {
        let mut out = String::from("jwt-workbench perf\n");
        if let Some(f) = self.first_frame {
            let _ = writeln!(out, "  first frame      {:.1} ms after start", ms(f));
        }
        if let (Some(app), full) = self.first_cpu {
            let full = full.map_or(String::new(), |f| format!(", whole frame {f:.2} ms"));
            let _ = writeln!(out, "  first frame CPU  app {app:.2} ms{full}");
        }
        let _ = writeln!(out, "  frames           {}", self.frames);
        let _ = writeln!(out, "  recomputes       {}", self.recomputes);
        let _ = writeln!(out, "  signatures       {}", self.signatures);
        let later = [
            ("app CPU", &self.app_ms),
            ("frame CPU", &self.frame_ms),
            ("edit frame CPU", &self.edit_ms),
        ];
        for (name, v) in later {
            if let Some((p50, p99, max)) = percentiles(v) {
                let _ = writeln!(
                    out,
                    "  {name:<16} p50 {p50:.2} ms  p99 {p99:.2} ms  max {max:.2} ms"
                );
            }
        }
        let _ = writeln!(
            out,
            "  slowest frame    {:.2} ms: {}",
            self.slowest.0, self.slowest.1
        );
        out
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p99 and max of a list of milliseconds.
fn percentiles(v: &[f32]) -> Option<(f32, f32, f32)> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f32::total_cmp);
    let at = |q: f32| {
        let i = ((s.len() - 1) as f32 * q).round() as usize;
        s.get(i).copied().unwrap_or(0.0)
    };
    Some((at(0.5), at(0.99), s.last().copied().unwrap_or(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_counts_and_names_the_slowest_frame() {
        let mut p = PerfLog::new(Instant::now());
        // The first frame (fonts, first layout) is reported on its own line.
        p.frame(Duration::from_millis(40), None);
        p.frame(Duration::from_millis(1), Some(0.050));
        p.doing("edit Payload");
        p.frame(Duration::from_millis(5), Some(0.002));
        p.frame(Duration::from_millis(1), Some(0.008));
        p.recomputes = 3;
        let r = p.report();
        assert!(r.contains("frames           4"), "{r}");
        assert!(
            r.contains("first frame CPU  app 40.00 ms, whole frame 50.00 ms"),
            "{r}"
        );
        assert!(r.contains("recomputes       3"), "{r}");
        assert!(r.contains("slowest frame    5.00 ms: edit Payload"), "{r}");
        assert!(
            r.contains("  frame CPU        p50 8.00 ms  p99 8.00 ms  max 8.00 ms"),
            "{r}"
        );
        assert!(r.contains("edit frame CPU   p50 8.00 ms"), "{r}");
        assert_eq!(percentiles(&[]), None);
    }
}
