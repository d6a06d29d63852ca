//! Arguments in, exit code out. 0: judged, nothing at or above `--fail-on`; 1: findings at or
//! above it; 2: could not judge (unreadable or invalid model, wrong command line).

#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use kientruc::cli::{Cli, Color, Command, CommonArgs};
use kientruc::i18n::Lang;
use kientruc::load::LoadFailure;
use kientruc::report::{self, Report};
use kientruc::review::{self, ReviewFormat};
use kientruc::{Options, init, rules};

/// mimalloc: loading a model makes millions of small allocations (YAML nodes, strings), where
/// it is markedly faster than the system allocator. Built without transparent huge pages
/// (`no_thp`): with them, memory freed between files was zeroed again 2 MiB at a time, which
/// cost a third of a national check in system time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("kientruc: {message}");
            ExitCode::from(2)
        }
    }
}

fn lang(explicit: Option<Lang>) -> Lang {
    explicit.unwrap_or_else(Lang::from_env)
}

fn color(choice: Color, stream_is_terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn options(common: &CommonArgs) -> Options {
    Options {
        lang: lang(common.lang),
        today: common
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => {
            let options = options(&args.common);
            let mut progress = Progress::new(options.lang);
            let checked =
                kientruc::check_with(&args.model, options, &mut |stage| progress.show(stage));
            progress.clear();
            match checked {
                Ok(mut checked) => {
                    let outcome = baseline(&args.common, &mut checked.findings, options.lang)?;
                    let to_terminal =
                        args.common.output.is_none() && std::io::stdout().is_terminal();
                    let base = report::repository_base(&checked.loaded.root);
                    let report = Report {
                        findings: &checked.findings,
                        sources: &checked.loaded.sources,
                        stats: &checked.stats,
                        lang: options.lang,
                        color: color(args.common.color, to_terminal),
                        base: &base,
                        baseline: outcome.as_ref(),
                    };
                    let text = report::render(args.format, &report);
                    emit(args.common.output.as_deref(), &text)?;
                    if let Some(outcome) = &outcome
                        && args.format != report::Format::Json
                    {
                        baseline_notes(outcome, options.lang);
                    }
                    let failed = args.common.fail_on.fails(&checked.findings);
                    Ok(ExitCode::from(u8::from(failed)))
                }
                Err(failure) => Ok(load_failed(
                    &failure,
                    args.format,
                    options.lang,
                    args.common.color,
                )),
            }
        }
        Command::Diff(args) => diff(&args),
        Command::Review(args) => {
            let options = options(&args.common);
            if let Some(file) = &args.graph {
                proposal_graph(&args, file, options)?;
            }
            match kientruc::review::review(
                &args.proposal,
                &args.model,
                options,
                args.common.fail_on,
            ) {
                Ok(reviewed) => {
                    let to_terminal =
                        args.common.output.is_none() && std::io::stdout().is_terminal();
                    let text = match args.format {
                        ReviewFormat::Human => review::human::render(
                            &reviewed,
                            options.lang,
                            color(args.common.color, to_terminal),
                        ),
                        ReviewFormat::Json => review::json::render(&reviewed, options.lang),
                        ReviewFormat::Markdown => review::markdown::render(&reviewed, options.lang),
                    };
                    emit(args.common.output.as_deref(), &text)?;
                    Ok(ExitCode::from(reviewed.exit_code()))
                }
                Err(failure) => {
                    let format = match args.format {
                        ReviewFormat::Human => report::Format::Human,
                        _ => report::Format::Short,
                    };
                    Ok(load_failed(
                        &failure,
                        format,
                        options.lang,
                        args.common.color,
                    ))
                }
            }
        }
        Command::Rules(args) => {
            emit(None, &rules::table(lang(args.lang)))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain(args) => match rules::find(&args.code) {
            Some(rule) => {
                emit(None, &rules::explain(rule, lang(args.lang)))?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let help =
                    kientruc::load::suggest_help(&args.code, rules::ALL.iter().map(|r| r.code));
                Err(format!("`{}` is not a rule code; {help}", args.code))
            }
        },
        Command::Schema => {
            emit(None, &kientruc::load::schema_text())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Graph(args) => graph(args),
        Command::Merge(args) => Ok(outcome(kientruc::merge::command::merge(
            &args,
            lang(args.lang),
        ))),
        Command::Consolidate(args) => {
            let lang = lang(args.lang);
            let today = args
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            Ok(outcome(kientruc::merge::command::consolidate(
                &args, lang, today,
            )))
        }
        Command::Init(args) => {
            init::write(&args.dir).map_err(|e| e.to_string())?;
            println!("{}", init::done_message(&args.dir, Lang::from_env()));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `kientruc diff OLD NEW`: load and judge both sides, compare, render; exit 1 when a finding
/// introduced by NEW reaches `--fail-on-new`.
fn diff(args: &kientruc::cli::DiffArgs) -> Result<ExitCode, String> {
    use kientruc::diff::{self, SideError};
    let options = options(&args.common);
    let as_report = match args.format {
        diff::Format::Human => report::Format::Human,
        _ => report::Format::Short,
    };
    let mut sides = Vec::new();
    for text in [&args.old, &args.new] {
        let side = match diff::load(text) {
            Ok(side) => side,
            Err(SideError::Load { side, failure }) => {
                eprintln!("kientruc: {side}:");
                return Ok(load_failed(
                    &failure,
                    as_report,
                    options.lang,
                    args.common.color,
                ));
            }
            Err(error) => return Err(error.to_string()),
        };
        match kientruc::judge(&side.loaded, options) {
            Ok((findings, _)) => sides.push((side, findings)),
            Err(issues) => {
                eprintln!("kientruc: {text}:");
                let failure = LoadFailure {
                    sources: side.loaded.sources,
                    issues,
                };
                return Ok(load_failed(
                    &failure,
                    as_report,
                    options.lang,
                    args.common.color,
                ));
            }
        }
    }
    let (new, mut new_findings) = sides.pop().ok_or("no new side")?;
    let (old, mut old_findings) = sides.pop().ok_or("no old side")?;
    if let Some(path) = &args.common.baseline {
        kientruc::baseline::Baseline::read(path)
            .map_err(|e| e.to_string())?
            .apply(&mut old_findings);
    }
    let outcome = baseline(&args.common, &mut new_findings, options.lang)?;
    let compared = diff::compare(&old, &old_findings, &new, &new_findings);
    let text = diff::render(args.format, &compared, options.lang, outcome.as_ref());
    emit(args.common.output.as_deref(), &text)?;
    if let Some(outcome) = &outcome
        && args.format != diff::Format::Json
    {
        baseline_notes(outcome, options.lang);
    }
    let failed = args.fail_on_new.fails(&compared.introduced);
    Ok(ExitCode::from(u8::from(failed)))
}

/// Applies `--baseline` and `--write-baseline`; says on stderr when a baseline was written.
fn baseline(
    common: &CommonArgs,
    findings: &mut Vec<kientruc::finding::Finding>,
    lang: Lang,
) -> Result<Option<kientruc::baseline::Outcome>, String> {
    let recorded = findings.len();
    let outcome = kientruc::baseline::apply_options(
        common.baseline.as_deref(),
        common.write_baseline.as_deref(),
        findings,
    )
    .map_err(|e| e.to_string())?;
    if let Some(path) = &common.write_baseline {
        eprintln!(
            "{}",
            kientruc::i18n::tr(
                lang,
                "baseline.written",
                &[
                    ("path", &path.display().to_string()),
                    ("count", &recorded.to_string())
                ]
            )
        );
    }
    Ok(outcome)
}

/// What the baseline suppressed and which entries are resolved, on stderr.
fn baseline_notes(outcome: &kientruc::baseline::Outcome, lang: Lang) {
    for note in report::markdown::baseline_notes(lang, outcome) {
        eprintln!("{note}");
    }
    for entry in &outcome.resolved {
        eprintln!(
            "  {}",
            kientruc::i18n::tr(
                lang,
                "baseline.resolved.entry",
                &[
                    ("code", &entry.code),
                    ("element", &entry.element),
                    ("key", &entry.key)
                ]
            )
        );
    }
}

/// Progress on stderr while a large model loads and is judged: only when stderr is a
/// terminal and not in CI (`CI` unset), so logs and pipes never see it.
struct Progress {
    lang: Lang,
    enabled: bool,
    shown: bool,
}

impl Progress {
    fn new(lang: Lang) -> Progress {
        Progress {
            lang,
            enabled: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            shown: false,
        }
    }

    fn show(&mut self, stage: kientruc::Stage<'_>) {
        if !self.enabled {
            return;
        }
        let text = match stage {
            kientruc::Stage::Loading(path) => kientruc::i18n::tr(
                self.lang,
                "progress.loading",
                &[("path", &path.display().to_string())],
            ),
            kientruc::Stage::Judging {
                files,
                elements,
                rules,
            } => kientruc::i18n::tr(
                self.lang,
                "progress.checking",
                &[
                    ("files", &files.to_string()),
                    ("elements", &elements.to_string()),
                    ("rules", &rules.to_string()),
                ],
            ),
        };
        // `\r` and erase-line: each stage overwrites the last.
        eprint!("\r\x1b[2K{text}");
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            self.shown = false;
        }
    }
}

/// `kientruc graph`: build the view, render it, write it.
fn graph(args: kientruc::cli::GraphArgs) -> Result<ExitCode, String> {
    use kientruc::export::{self, Failure, Request};
    let lang = lang(args.lang);
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let request = Request {
        focus: args.focus,
        depth: args.depth,
        layer: args.layer,
        owner: args.owner,
        edges: args.edges,
        findings: args.findings,
        proposal: args.proposal,
        group_by: args.group_by,
        ..Request::new(args.format, lang, today)
    };
    let view = match export::build(&args.model, &request) {
        Ok(view) => view,
        Err(Failure::Load(failure)) => {
            return Ok(load_failed(
                &failure,
                report::Format::Human,
                lang,
                Color::Auto,
            ));
        }
        Err(Failure::Request(message)) => return Err(message),
    };
    let bytes =
        export::render(&view, args.format).map_err(|e| format!("cannot render the graph: {e}"))?;
    emit(args.output.as_deref(), &String::from_utf8_lossy(&bytes))?;
    Ok(ExitCode::SUCCESS)
}

/// `review --graph FILE`: the proposal's neighbourhood, with findings, in the format the
/// extension names. Written before the verdict so that a failing verdict still leaves it.
fn proposal_graph(
    args: &kientruc::cli::ReviewArgs,
    file: &Path,
    options: Options,
) -> Result<(), String> {
    use kientruc::export::{self, Failure, Format, Request};
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let format = match extension.as_str() {
        "svg" => Format::Svg,
        "html" | "htm" => Format::Html,
        "dot" | "gv" => Format::Dot,
        "mmd" | "mermaid" => Format::Mermaid,
        "puml" | "plantuml" => Format::Plantuml,
        "graphml" => Format::Graphml,
        "xml" => Format::Archimate,
        "json" => Format::Json,
        _ => {
            return Err(match options.lang {
                Lang::Vi => format!(
                    "không biết vẽ {} theo định dạng nào: hãy dùng đuôi .svg, .html, .dot, .mmd, .puml, .graphml, .xml hoặc .json",
                    file.display()
                ),
                Lang::En => format!(
                    "cannot tell the graph format of {}: use the extension .svg, .html, .dot, .mmd, .puml, .graphml, .xml or .json",
                    file.display()
                ),
            });
        }
    };
    let request = Request {
        findings: true,
        proposal: Some(args.proposal.clone()),
        focus_proposal: true,
        // One step: the proposal, what it touches, and the platforms it goes through.
        depth: 1,
        ..Request::new(format, options.lang, options.today)
    };
    match export::build(&args.model, &request) {
        Ok(view) => {
            let bytes = export::render(&view, format)
                .map_err(|e| format!("cannot render the graph: {e}"))?;
            kientruc::write_atomically(file, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))
        }
        // The review itself reports load errors, with exit code 2.
        Err(Failure::Load(_)) => Ok(()),
        Err(Failure::Request(message)) => Err(message),
    }
}

/// Prints what a merge command says and gives its exit code.
fn outcome(outcome: kientruc::merge::command::Outcome) -> ExitCode {
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    if let Err(message) = emit(None, &outcome.stdout) {
        eprintln!("kientruc: {message}");
        return ExitCode::from(2);
    }
    ExitCode::from(outcome.code)
}

/// Prints load errors on stderr and gives exit code 2.
fn load_failed(
    failure: &LoadFailure,
    format: report::Format,
    lang: Lang,
    choice: Color,
) -> ExitCode {
    let text = match format {
        report::Format::Human => report::human::render_issues(
            &failure.issues,
            &failure.sources,
            lang,
            color(choice, std::io::stderr().is_terminal()),
        ),
        _ => report::short::render_issues(&failure.issues, &failure.sources, lang),
    };
    let _ = std::io::stderr().write_all(text.as_bytes());
    ExitCode::from(2)
}

/// Writes to stdout, or to FILE atomically (a temporary file renamed into place), so that no
/// half-written output is ever left behind.
fn emit(output: Option<&Path>, text: &str) -> Result<(), String> {
    match output {
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is not an error of ours.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write the output: {e}")),
            }
        }
        Some(path) => kientruc::write_atomically(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
    }
}
