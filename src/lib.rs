//! kientruc checks a province's e-government architecture, written as YAML, against Vietnam's
//! e-Government Architecture Framework 3.0. Data flows one way:
//! `load` → `model` + source map → `graph` → `rules` → findings → `report`.
//!
//! This file is the public API: load and judge a model.

#![forbid(unsafe_code)]

pub mod baseline;
pub mod cli;
pub mod diff;
pub mod export;
pub mod finding;
pub mod graph;
pub mod i18n;
pub mod init;
pub mod load;
pub mod merge;
pub mod model;
pub mod report;
pub mod review;
pub mod rules;
pub mod source;
pub mod suggest;
pub mod text;

use chrono::NaiveDate;

use finding::Finding;
use graph::Graph;
use i18n::Lang;
use load::{LoadFailure, LoadIssue, Loaded};
use report::ModelStats;

/// How to judge.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub lang: Lang,
    /// "Today" for waivers and temporary integrations.
    pub today: NaiveDate,
}

/// A judged model.
#[derive(Debug)]
pub struct Checked {
    pub loaded: Loaded,
    pub findings: Vec<Finding>,
    pub stats: ModelStats,
}

/// Loads the model at `path` and runs every rule on it.
pub fn check(path: &std::path::Path, options: Options) -> Result<Checked, LoadFailure> {
    check_with(path, options, &mut |_| {})
}

/// What `check` is doing, for a progress display (the library itself never prints).
#[derive(Debug, Clone, Copy)]
pub enum Stage<'a> {
    Loading(&'a std::path::Path),
    Judging {
        files: usize,
        elements: usize,
        rules: usize,
    },
}

/// [`check`], telling `progress` each stage as it starts.
pub fn check_with(
    path: &std::path::Path,
    options: Options,
    progress: &mut dyn FnMut(Stage<'_>),
) -> Result<Checked, LoadFailure> {
    progress(Stage::Loading(path));
    let loaded = load::load_model(path)?;
    progress(Stage::Judging {
        files: loaded.sources.model_files(),
        elements: loaded.model.element_count(),
        rules: rules::ALL.iter().filter(|r| r.check.is_some()).count(),
    });
    match judge(&loaded, options) {
        Ok((findings, stats)) => Ok(Checked {
            loaded,
            findings,
            stats,
        }),
        Err(issues) => Err(LoadFailure {
            sources: loaded.sources,
            issues,
        }),
    }
}

/// Runs every rule on a loaded model.
pub fn judge(
    loaded: &Loaded,
    options: Options,
) -> Result<(Vec<Finding>, ModelStats), Vec<LoadIssue>> {
    let levels = rules::configure(&loaded.model, &loaded.sources)?;
    let graph = Graph::build(&loaded.model);
    let context = rules::Context {
        model: &loaded.model,
        graph: &graph,
        sources: &loaded.sources,
        lang: options.lang,
        today: options.today,
    };
    let findings = rules::run(&context, &levels);
    Ok((findings, stats(loaded, &graph)))
}

/// The counts shown in reports.
pub fn stats(loaded: &Loaded, graph: &Graph<'_>) -> ModelStats {
    let info = loaded.model.info.as_ref();
    ModelStats {
        id: info.map(|i| i.id.value.to_string()).unwrap_or_default(),
        framework: "3.0".to_string(),
        files: loaded.sources.model_files(),
        elements: loaded.model.element_count(),
        edges: graph.graph.edge_count(),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into
/// place: readers never see a half-written file, and a failure leaves the old file intact.
///
/// A path that is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written
/// in place: renaming onto it would replace the device or pipe with a file.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut target = std::fs::OpenOptions::new().write(true).open(path)?;
        target.write_all(bytes)?;
        return target.flush();
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(&dir)?;
    file.write_all(bytes)?;
    file.flush()?;
    // The temporary file is private (0600); a report is not: keep the mode of the file being
    // replaced, or give a new one the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
