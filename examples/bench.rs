//! The stage benchmark: `cargo run --release --example bench -- DIR [DIR…]` loads each model
//! directory (e.g. written by `examples/gen.rs`) step by step and prints how long each stage
//! takes: read, YAML parse (with the parser's bare event loop as the baseline), schema
//! validation, deserialization, the whole `load_model`, graph building, every rule of
//! `rules::ALL` one at a time, the engine (`rules::run`), the JSON report, and the process's
//! peak memory (VmHWM). Run one directory per process to read peak memory per model size
//! (`scripts/bench.sh` does). It measures; it judges nothing and writes no file.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use kientruc::finding::Severity;
use kientruc::graph::Graph;
use kientruc::i18n::Lang;
use kientruc::load::{self, yaml};
use kientruc::model::{Model, ModelFile};
use kientruc::report::{self, Report};
use kientruc::rules::{self, Context, Sink};
use kientruc::source::{SourceFile, Sources};

struct Table {
    /// Stage, wall time, CPU time of this thread (for stages timed as a whole), note.
    rows: Vec<(String, Duration, Option<Duration>, String)>,
    /// CPU time when the stage now being timed began.
    cpu: Duration,
}

impl Table {
    fn add(&mut self, stage: impl Into<String>, took: Duration, note: impl Into<String>) {
        let now = cpu_time();
        let cpu = now.saturating_sub(self.cpu);
        self.cpu = now;
        self.rows.push((stage.into(), took, Some(cpu), note.into()));
    }
    /// Starts the CPU clock of the next stage (when something untimed ran in between).
    fn restart(&mut self) {
        self.cpu = cpu_time();
    }
    fn print(&self, title: &str) {
        println!("\n{title}");
        println!("{:<34} {:>9} {:>9}  note", "stage", "wall ms", "cpu ms");
        for (stage, took, cpu, note) in &self.rows {
            let cpu = cpu.map_or("-".to_string(), |c| format!("{:.1}", c.as_secs_f64() * 1e3));
            println!(
                "{stage:<34} {:>9.1} {cpu:>9}  {note}",
                took.as_secs_f64() * 1e3
            );
        }
    }
    fn wall_of(&self, prefix: &str) -> f64 {
        self.rows
            .iter()
            .filter(|(s, ..)| s.starts_with(prefix))
            .map(|(_, took, ..)| took.as_secs_f64())
            .sum()
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// CPU time of this thread (Linux: /proc/thread-self/schedstat; zero elsewhere). The machine
/// may be shared: CPU time is steadier than wall time there.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
        })
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// The process's peak resident memory, in bytes (Linux; 0 elsewhere).
fn peak_memory() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// The same allocator as the `kientruc` binary (mimalloc), so that the baseline is fair.
/// mimalloc: loading a model makes millions of small allocations (YAML nodes, strings), where
/// it is markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut dirs: Vec<String> = std::env::args().skip(1).collect();
    let parse_only = dirs.first().is_some_and(|a| a == "--parse-only");
    if parse_only {
        dirs.remove(0);
    }
    if dirs.is_empty() {
        eprintln!(
            "usage: bench [--parse-only] DIR [DIR…]   (write one with: cargo run --release --example gen)"
        );
        return ExitCode::from(2);
    }
    for dir in &dirs {
        let result = if parse_only {
            parse_events(Path::new(dir))
        } else {
            bench(Path::new(dir))
        };
        if let Err(message) = result {
            eprintln!("bench: {dir}: {message}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// The baseline process of `scripts/bench.sh`: find and read the files, run the YAML parser's
/// event loop over each, build nothing.
fn parse_events(dir: &Path) -> Result<(), String> {
    let (_, files, issues) = load::model_files(dir);
    if !issues.is_empty() {
        return Err(format!("{} problems finding the files", issues.len()));
    }
    let mut events = 0;
    for file in &files {
        let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
        events += yaml::parse_events_only(&load::decode(&bytes).0)
            .map_err(|e| format!("{}: {e}", file.display()))?;
    }
    println!("{events} events in {} files", files.len());
    Ok(())
}

fn bench(dir: &Path) -> Result<(), String> {
    let mut table = Table {
        rows: Vec::new(),
        cpu: cpu_time(),
    };
    let total = Instant::now();

    let ((root, files, issues), took) = time(|| load::model_files(dir));
    if !issues.is_empty() {
        return Err(format!("{} problems finding the files", issues.len()));
    }
    table.add("discover files", took, format!("{} files", files.len()));

    // The loader's steps, file by file as `load_model` runs them (each file's nodes are
    // dropped before the next is read, so memory behaves as in the real load). Per-file steps
    // are short: they are timed by the wall clock only.
    let mut steps = [Duration::ZERO; 6];
    let mut bytes = 0usize;
    let mut events = 0usize;
    let mut sources = Sources::default();
    let mut model = Model::default();
    let mut schema_errors = 0usize;
    for file in &files {
        let (text, took) = time(|| {
            std::fs::read(file)
                .map(|b| load::decode(&b).0)
                .map_err(|e| e.to_string())
        });
        let text = text?;
        steps[0] += took;
        bytes += text.len();
        let (count, took) = time(|| yaml::parse_events_only(&text).unwrap_or(0));
        steps[1] += took;
        events += count;
        let (node, took) = time(|| yaml::parse(&text));
        steps[2] += took;
        let node = node.map_err(|e| format!("{}: {}", file.display(), e.message))?;
        let id = sources.add(SourceFile::new(load::relative(&root, file), text, false));
        let Some(node) = node else { continue };
        let (_, took) = time(|| node.to_json());
        steps[3] += took;
        let (errors, took) = time(|| load::validate(&node, id, &sources).len());
        steps[4] += took;
        schema_errors += errors;
        let (contents, took) = time(|| load::from_node::<ModelFile>(&node));
        let contents = contents.map_err(|e| e.message)?;
        model.absorb(id, contents);
        steps[5] += took;
    }
    let wall = |stage: &str, took: Duration, note: String, table: &mut Table| {
        table.rows.push((stage.to_string(), took, None, note));
    };
    wall(
        "read + decode",
        steps[0],
        format!("{:.1} MB of YAML", bytes as f64 / 1e6),
        &mut table,
    );
    wall(
        "  baseline: parser events only",
        steps[1],
        format!("{events} events"),
        &mut table,
    );
    wall("parse (spanned nodes)", steps[2], String::new(), &mut table);
    wall(
        "schema validation",
        steps[4],
        format!("{schema_errors} errors"),
        &mut table,
    );
    wall(
        "  of which: nodes → JSON values",
        steps[3],
        String::new(),
        &mut table,
    );
    wall(
        "deserialize + merge",
        steps[5],
        format!("{} elements", model.element_count()),
        &mut table,
    );
    drop((model, sources));
    table.restart();

    let (loaded, took) = time(|| load::load_model(dir));
    let loaded = loaded.map_err(|f| {
        let first = f
            .issues
            .first()
            .map(|i| format!("{}: {}", i.path, i.message));
        format!(
            "{} load problems, first: {}",
            f.issues.len(),
            first.unwrap_or_default()
        )
    })?;
    table.add(
        "= load_model (all of the above)",
        took,
        "with the national catalogue",
    );

    let (graph, took) = time(|| Graph::build(&loaded.model, &loaded.sources));
    table.add("graph", took, format!("{} edges", graph.edge_count()));

    let ctx = Context {
        model: &loaded.model,
        graph: &graph,
        sources: &loaded.sources,
        today: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
        proposal: None,
        catalogue: loaded.catalogue.as_deref(),
        claimed: loaded.claimed.as_deref(),
    };
    table.restart();
    for rule in rules::ALL {
        let Some(check) = rule.check else { continue };
        let mut findings = Vec::new();
        let ((), took) = time(|| {
            let mut sink = Sink::new(rule, Severity::Warning, &mut findings);
            check(&ctx, &mut sink);
        });
        table.add(
            format!("  rule {}", rule.code),
            took,
            format!("{} findings", findings.len()),
        );
    }
    let (levels, took) = time(|| rules::configure(&loaded.model, &loaded.sources));
    let levels = levels.map_err(|issues| format!("{} problems in `rules:`", issues.len()))?;
    table.add("  rules: configure", took, "");
    let ((findings, coverage), took) = time(|| rules::run(&ctx, &levels));
    let mut by_code = std::collections::BTreeMap::new();
    for finding in &findings {
        *by_code.entry(finding.code()).or_insert(0usize) += 1;
    }
    let counts: Vec<String> = by_code.iter().map(|(c, n)| format!("{c}×{n}")).collect();
    table.add("rules (engine, all)", took, counts.join(" "));

    table.restart();
    let stats = kientruc::stats(&loaded, &graph);
    let report = Report::new(&findings, &coverage, &loaded.sources, &stats, Lang::En);
    let (json, took) = time(|| report::render(report::Format::Json, &report));
    table.add(
        "output (json render)",
        took,
        format!("{} bytes", json.len()),
    );
    table.rows.push((
        "total (this process)".into(),
        total.elapsed(),
        Some(cpu_time()),
        String::new(),
    ));

    table.print(&format!("== {} ==", dir.display()));
    let peak = peak_memory();
    let check = table.wall_of("= load_model")
        + table.wall_of("graph")
        + table.wall_of("rules (engine")
        + table.wall_of("output");
    println!(
        "peak memory (VmHWM): {:.1} MB = {:.1}× the YAML; check (load+graph+rules+json) = {:.0} ms = {:.2}× the parser's events alone (wall times; scripts/bench.sh compares CPU times of whole processes)",
        peak as f64 / 1e6,
        peak as f64 / bytes.max(1) as f64,
        check * 1e3,
        check / table.wall_of("  baseline").max(1e-9)
    );
    Ok(())
}
