//! `check --watch`: check again whenever a YAML file of the model changes (notify, with the
//! events of a burst of writes gathered by notify-debouncer-mini), clearing the terminal and
//! printing the new report. And the progress line a long load shows on a terminal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::RecursiveMode;

use crate::i18n::{Lang, tr};

/// How long the watcher waits after a change for the writes that follow it (an editor's save
/// is often several events).
pub const DEBOUNCE: Duration = Duration::from_millis(200);

fn is_model_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Runs `check` once, then again after each change of a `.yaml`/`.yml` file under `model` (or
/// of `model` itself when it is a file), until the process is interrupted. `clear` clears the
/// terminal before each new report (stdout is a terminal); otherwise a dated line separates the
/// reports. The watcher never writes a file, so Ctrl-C leaves nothing behind.
pub fn run(model: &Path, lang: Lang, clear: bool, mut check: impl FnMut()) -> Result<(), String> {
    let (sender, events) = mpsc::channel();
    let failed = |error: &dyn std::fmt::Display| {
        tr(
            lang,
            "watch.failed",
            &[
                (
                    "path",
                    &crate::text::printable(&model.display().to_string()),
                ),
                ("error", &error.to_string()),
            ],
        )
    };
    let mut debouncer =
        notify_debouncer_mini::new_debouncer(DEBOUNCE, sender).map_err(|e| failed(&e))?;
    let (watched, mode, only): (PathBuf, _, Option<PathBuf>) = if model.is_dir() {
        (model.to_path_buf(), RecursiveMode::Recursive, None)
    } else {
        let file = model.canonicalize().unwrap_or_else(|_| model.to_path_buf());
        let dir = file
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        (dir, RecursiveMode::NonRecursive, Some(file))
    };
    debouncer
        .watcher()
        .watch(&watched, mode)
        .map_err(|e| failed(&e))?;
    let watching = tr(
        lang,
        "watch.watching",
        &[(
            "path",
            &crate::text::printable(&model.display().to_string()),
        )],
    );
    check();
    eprintln!("{watching}");
    for result in events {
        let changed: Vec<PathBuf> = match result {
            Ok(events) => events
                .into_iter()
                .map(|e| e.path)
                .filter(|p| is_model_file(p))
                .filter(|p| only.as_ref().is_none_or(|f| p == f))
                .collect(),
            Err(error) => {
                eprintln!("{}", failed(&error));
                continue;
            }
        };
        if changed.is_empty() {
            continue;
        }
        if clear {
            // Clear the screen and the scroll-back, cursor home.
            print!("\x1b[2J\x1b[3J\x1b[H");
        }
        let time = chrono::Local::now().format("%H:%M:%S").to_string();
        println!(
            "{}",
            tr(
                lang,
                "watch.changed",
                &[("time", &time), ("count", &changed.len().to_string())]
            )
        );
        let _ = std::io::stdout().flush();
        check();
        eprintln!("{watching}");
    }
    Ok(())
}

/// A progress line on stderr, shown only when stderr is a terminal and the work has taken over
/// [`Progress::delay`]: a quick check prints nothing but its report. Each stage overwrites the
/// last; [`Progress::clear`] (or dropping it) erases the line.
pub struct Progress {
    shared: Option<Arc<Mutex<Line>>>,
    ticker: Option<std::thread::JoinHandle<()>>,
}

struct Line {
    started: Instant,
    delay: Duration,
    text: Option<String>,
    /// What the terminal shows now, to print only changes.
    last: String,
    shown: bool,
    done: bool,
}

impl Line {
    /// Prints the stage with its elapsed seconds once the delay has passed.
    fn refresh(&mut self) {
        let elapsed = self.started.elapsed();
        if elapsed < self.delay {
            return;
        }
        if let Some(text) = &self.text {
            let shown = format!("{text} {}s", elapsed.as_secs());
            if shown != self.last {
                // `\r` and erase-line: each update overwrites the last.
                eprint!("\r\x1b[2K{shown}");
                self.last = shown;
                self.shown = true;
            }
        }
    }
}

/// Milliseconds before the progress line appears (default 1000); `0` shows every stage.
pub const PROGRESS_DELAY_VAR: &str = "KIENTRUC_PROGRESS_DELAY_MS";

impl Progress {
    /// How long the work runs before the line appears: [`PROGRESS_DELAY_VAR`], else a second.
    pub fn delay() -> Duration {
        std::env::var(PROGRESS_DELAY_VAR)
            .ok()
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis)
    }

    /// A progress line when `enabled` (stderr is a terminal, and not CI), else one that prints
    /// nothing.
    pub fn new(enabled: bool) -> Progress {
        if !enabled {
            return Progress {
                shared: None,
                ticker: None,
            };
        }
        let shared = Arc::new(Mutex::new(Line {
            started: Instant::now(),
            delay: Self::delay(),
            text: None,
            last: String::new(),
            shown: false,
            done: false,
        }));
        let line = shared.clone();
        let ticker = std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let Ok(mut line) = line.lock() else { return };
                if line.done {
                    return;
                }
                line.refresh();
            }
        });
        Progress {
            shared: Some(shared),
            ticker: Some(ticker),
        }
    }

    /// The stage now under way.
    pub fn show(&self, text: String) {
        if let Some(shared) = &self.shared
            && let Ok(mut line) = shared.lock()
        {
            line.text = Some(crate::text::printable(&text).into_owned());
            line.refresh();
        }
    }

    /// Stops the line and erases it if it was shown.
    pub fn clear(&mut self) {
        if let Some(shared) = self.shared.take() {
            if let Ok(mut line) = shared.lock() {
                line.done = true;
                if line.shown {
                    eprint!("\r\x1b[2K");
                }
            }
            if let Some(ticker) = self.ticker.take() {
                let _ = ticker.join();
            }
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
