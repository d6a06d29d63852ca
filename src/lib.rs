//! kientruc checks a province's e-government architecture, written as YAML, against Vietnam's
//! e-Government Architecture Framework, version 3.0 or 4.0: one national catalogue per version,
//! as data (`models/national/<version>/`). Data flows one way:
//! `load` → `model` + source map → `graph` → `rules` → findings → `report`.
//!
//! This file is the public API: load and judge a model.

#![forbid(unsafe_code)]

pub mod baseline;
pub mod catalogue;
pub mod choice;
pub mod cli;
pub mod diff;
pub mod export;
pub mod finding;
pub mod graph;
pub mod help_vi;
pub mod i18n;
pub mod init;
pub mod load;
pub mod lsp;
pub mod merge;
pub mod model;
pub mod office;
pub mod outputs;
pub mod overlay;
pub mod report;
pub mod review;
pub mod rules;
pub mod source;
pub mod suggest;
pub mod text;
pub mod watch;

use chrono::NaiveDate;

use finding::Finding;
use graph::Graph;
use load::{LoadFailure, Loaded};
use report::ModelStats;
use rules::{Context, Coverage, Proposal};

/// How to judge. Judging is independent of language: findings carry message keys and typed
/// arguments, and every output renders them in its own language.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// "Today" for waivers, temporary integrations, deadlines and agencies' validity.
    pub today: NaiveDate,
    /// The catalogue to judge against whatever the model claims (`--framework`), among the
    /// installed ones ([`load::national::installed`]).
    pub framework: Option<&'static load::Catalogue>,
}

/// A judged model: its graph (built once), the findings, and what was and was not judged.
/// Every command — `check`, `review`, `diff`, `graph`, the language server — reads one of
/// these and never judges by itself.
pub struct Judged<'m> {
    pub loaded: &'m Loaded,
    pub graph: Graph<'m>,
    /// Sorted (see [`finding::sort`]).
    pub findings: Vec<Finding>,
    pub coverage: Coverage,
    pub stats: ModelStats,
    /// Where the proposal sits, when the model is an overlay.
    pub proposal: Option<Proposal>,
}

impl std::fmt::Debug for Judged<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Judged")
            .field("findings", &self.findings.len())
            .field("coverage", &self.coverage)
            .field("stats", &self.stats)
            .finish()
    }
}

/// Loads the model at `path` (a directory or a file): files, schema, national catalogue, rule
/// codes. Nothing is judged yet.
pub fn load(path: &std::path::Path) -> Result<Loaded, LoadFailure> {
    load::load_model(path)
}

/// [`load`] against the installed catalogues, with `framework` (`--framework`) overriding the
/// model's own claim.
pub fn load_for(
    path: &std::path::Path,
    framework: Option<&'static load::Catalogue>,
) -> Result<Loaded, LoadFailure> {
    match framework {
        None => load::load_model(path),
        Some(catalogue) => {
            let catalogues = load::national::installed().map_err(LoadFailure::clone)?;
            load::load_model_with(path, catalogues, Some(catalogue))
        }
    }
}

/// A model loaded and judged, owning its parts (the graph is dropped): for scripts and tests
/// that want one call. Commands use [`load`] and [`judge`], which keep the graph.
#[derive(Debug)]
pub struct Checked {
    pub loaded: Loaded,
    pub findings: Vec<Finding>,
    pub coverage: Coverage,
    pub stats: ModelStats,
}

/// Loads and judges the model at `path`.
pub fn check(path: &std::path::Path, options: &Options) -> Result<Checked, LoadFailure> {
    let loaded = load_for(path, options.framework)?;
    let judged = judge(&loaded, options);
    let (findings, coverage, stats) = (judged.findings, judged.coverage, judged.stats);
    Ok(Checked {
        loaded,
        findings,
        coverage,
        stats,
    })
}

/// Judges a loaded model: builds its graph and runs every rule.
pub fn judge<'m>(loaded: &'m Loaded, options: &Options) -> Judged<'m> {
    judge_with(loaded, options, None)
}

/// Judges a model with a proposal laid over it (see [`overlay`]): the INV rules judge the
/// proposal too.
pub fn judge_overlay<'m>(overlaid: &'m overlay::Overlaid, options: &Options) -> Judged<'m> {
    judge_with(&overlaid.loaded, options, Some(overlaid.proposal.clone()))
}

fn judge_with<'m>(loaded: &'m Loaded, options: &Options, proposal: Option<Proposal>) -> Judged<'m> {
    let graph = Graph::build(&loaded.model, &loaded.sources);
    let (findings, coverage) = {
        let context = Context {
            model: &loaded.model,
            graph: &graph,
            sources: &loaded.sources,
            today: options.today,
            proposal: proposal.as_ref(),
            catalogue: loaded.catalogue.as_deref(),
            claimed: loaded.claimed.as_deref(),
        };
        rules::run(&context, &loaded.levels)
    };
    let stats = stats(loaded, &graph);
    Judged {
        loaded,
        graph,
        findings,
        coverage,
        stats,
        proposal,
    }
}

/// The counts shown in reports.
pub fn stats(loaded: &Loaded, graph: &Graph<'_>) -> ModelStats {
    let info = loaded.model.info.as_ref();
    ModelStats {
        id: info.map(|i| i.id.value.to_string()).unwrap_or_default(),
        framework: loaded.framework(),
        files: loaded.sources.model_files(),
        elements: loaded.model.element_count(),
        edges: graph.edge_count(),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into
/// place: readers never see a half-written file, and a failure leaves the old file intact.
///
/// A path that is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written
/// in place: renaming onto it would replace the device or pipe with a file. A symlink is
/// written through: the file it leads to is replaced and the link stays (callers check that
/// file against their inputs first, with [`outputs::check`]).
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let resolved = outputs::resolve(path);
    let path = resolved.as_path();
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
