//! Arguments in, exit code out. 0: judged, nothing at or above `--fail-on`; 1: findings at or
//! above it; 2: could not judge (unreadable or invalid model, wrong command line).

#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use kientruc::cli::{Cli, Color, Command, CommonArgs};
use kientruc::i18n::{Lang, Said};
use kientruc::load::LoadFailure;
use kientruc::outputs::{Input, Role};
use kientruc::report::{self, CheckFormat, Report};
use kientruc::review::{self, ReviewFormat};
use kientruc::{Options, init, rules};

mod office_cmd;
use office_cmd as office;

/// mimalloc: loading a model makes millions of small allocations (YAML nodes, strings), where
/// it is markedly faster than the system allocator. Its 2.x line (feature `v2`) gives freed
/// memory back after 10 ms, where 3.x waits a second, longer than a whole national check, and
/// so held the memory of the files already merged. Built without transparent huge pages
/// (`no_thp`): with them, memory freed between files was zeroed again 2 MiB at a time, which
/// cost a third of a national check in system time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The help and the parse errors are in the language asked for (`--lang`, else the
    // environment's), as every other text.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked = kientruc::help_vi::requested_lang(&args);
    let command = kientruc::help_vi::localize(<Cli as clap::CommandFactory>::command(), asked);
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            if asked == Lang::En || !error.use_stderr() {
                let _ = error.print();
            } else {
                let text = kientruc::help_vi::error_text(&error, asked);
                let _ = std::io::stderr().write_all(text.as_bytes());
            }
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

fn options(common: &CommonArgs) -> Result<Options, String> {
    let lang = lang(common.lang);
    Ok(Options {
        today: common
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        framework: framework(common.framework.as_deref(), lang)?,
    })
}

/// `--framework V` resolved among the installed catalogues; an unknown version is an error that
/// lists the known ones.
fn framework(
    version: Option<&str>,
    lang: Lang,
) -> Result<Option<&'static kientruc::load::Catalogue>, String> {
    let Some(version) = version else {
        return Ok(None);
    };
    let catalogues = catalogues(lang)?;
    catalogues
        .resolve(version)
        .map(Some)
        .map_err(|(message, help)| format!("{}; {}", message.get(lang), help.get(lang)))
}

/// The installed catalogues, or why they cannot be read (`KIENTRUC_CATALOGUE_DIR`).
fn catalogues(lang: Lang) -> Result<&'static kientruc::load::Catalogues, String> {
    kientruc::load::national::installed().map_err(|failure| {
        report::short::render_issues(&failure.issues, &failure.sources, lang)
            .trim_end()
            .to_string()
    })
}

/// The catalogue of `--framework V`, else the default one.
fn catalogue_of(
    version: Option<&str>,
    lang: Lang,
) -> Result<&'static kientruc::load::Catalogue, String> {
    match framework(version, lang)? {
        Some(catalogue) => Ok(catalogue),
        None => catalogues(lang)?
            .default_catalogue()
            .ok_or_else(|| "no national catalogue is installed".to_string()),
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) if args.watch => {
            let lang = lang(args.common.lang);
            let clear = std::io::stdout().is_terminal();
            kientruc::watch::run(&args.model, lang, clear, || {
                if let Err(message) = check(&args) {
                    eprintln!("kientruc: {message}");
                }
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => check(&args),
        Command::Lsp(args) => {
            let lang = lang(args.lang);
            kientruc::lsp::run(kientruc::lsp::Settings {
                lang,
                today: args
                    .today
                    .unwrap_or_else(|| chrono::Local::now().date_naive()),
                framework: framework(args.framework.as_deref(), lang)?,
                model: args.model,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff(args) => diff(&args),
        Command::Review(args) => review_command(&args),
        Command::Rules(args) => {
            let lang = lang(args.lang);
            emit(None, &rules::table(lang), lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain(args) => {
            let lang = lang(args.lang);
            if let Some(rule) = rules::find(&args.code) {
                let mut text = rules::explain(rule, lang);
                // With --framework: what that catalogue gives the rule to read.
                if args.framework.is_some() {
                    let catalogue = catalogue_of(args.framework.as_deref(), lang)?;
                    text.push_str(&kientruc::catalogue::rule_data(catalogue, rule.code, lang));
                }
                emit(None, &text, lang)?;
                return Ok(ExitCode::SUCCESS);
            }
            let catalogue = catalogue_of(args.framework.as_deref(), lang)?;
            match kientruc::catalogue::explain(catalogue, &args.code, lang) {
                Some(text) => {
                    emit(None, &text, lang)?;
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let help =
                        kientruc::load::suggest_help(&args.code, rules::ALL.iter().map(|r| r.code));
                    let code = kientruc::text::printable(&args.code).into_owned();
                    let version = catalogue.version();
                    Err(match lang {
                        Lang::Vi => format!(
                            "`{code}` không phải mã quy tắc (cũng không phải phần tử của danh mục {version}); {}",
                            help.vi
                        ),
                        Lang::En => format!(
                            "`{code}` is not a rule code (nor an element of catalogue {version}); {}",
                            help.en
                        ),
                    })
                }
            }
        }
        Command::Catalogue(args) => {
            let lang = lang(args.lang);
            let catalogue = catalogue_of(args.framework.as_deref(), lang)?;
            let text = kientruc::catalogue::render(catalogue, args.format, lang);
            emit(args.output.as_deref(), &text, lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema(args) => {
            emit(
                None,
                &kientruc::merge::schemas::schema_text(args.of),
                Lang::from_env(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Graph(args) => graph(args),
        Command::Merge(args) => {
            let lang = lang(args.lang);
            Ok(outcome(kientruc::merge::command::merge(&args, lang), lang))
        }
        Command::Consolidate(args) => {
            let lang = lang(args.lang);
            if args.format == kientruc::cli::PlanFormat::Xlsx
                && args.output.is_none()
                && std::io::stdout().is_terminal()
            {
                return Err(binary_to_terminal("xlsx", lang));
            }
            let today = args
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            Ok(outcome(
                kientruc::merge::command::consolidate(&args, lang, today),
                lang,
            ))
        }
        Command::Template(args) => office::template(&args),
        Command::Import(args) => office::import(&args),
        Command::Export(args) => office::export(&args),
        Command::Init(args) => {
            let lang = Lang::from_env();
            init::write(&args.dir, lang)?;
            println!("{}", init::done_message(&args.dir, lang));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `kientruc check MODEL`: load, judge, report.
fn check(args: &kientruc::cli::CheckArgs) -> Result<ExitCode, String> {
    let options = options(&args.common)?;
    let lang = lang(args.common.lang);
    guard(&args.common, &[model_input(&args.model)], lang)?;
    let workbook = args.format == CheckFormat::Xlsx;
    if workbook && args.common.output.is_none() && std::io::stdout().is_terminal() {
        return Err(binary_to_terminal("xlsx", lang));
    }
    let format = args.format.report();
    let mut progress = Progress::new(lang);
    progress.show(Stage::Loading(&args.model));
    let loaded = match kientruc::load_for(&args.model, options.framework) {
        Ok(loaded) => loaded,
        Err(failure) => {
            progress.clear();
            return Ok(load_failed(
                &failure,
                format,
                lang,
                args.common.color,
                args.common.output.as_deref(),
                args.common.link_base.as_deref(),
                &args.model,
            ));
        }
    };
    progress.show(Stage::Judging {
        files: loaded.sources.model_files(),
        elements: loaded.model.element_count(),
        rules: rules::ALL.len(),
    });
    let judged = kientruc::judge(&loaded, &options);
    progress.clear();
    let mut findings = judged.findings.clone();
    let outcome = baseline(&args.common, &mut findings, lang)?;
    let to_terminal = args.common.output.is_none() && std::io::stdout().is_terminal();
    let base = report::repository_base(&loaded.root, loaded.sources.root());
    let report = Report {
        findings: &findings,
        coverage: &judged.coverage,
        sources: &loaded.sources,
        stats: &judged.stats,
        lang,
        color: color(args.common.color, to_terminal),
        base: &base,
        baseline: outcome.as_ref(),
        max_results: (args.max_results > 0).then_some(args.max_results),
        fail_on: args.common.fail_on.threshold(),
        link_base: args.common.link_base.as_deref(),
    };
    if workbook {
        let bytes =
            kientruc::office::findings::write(&report, &judged.graph).map_err(|e| match lang {
                Lang::Vi => format!("không tạo được bảng tính: {e}"),
                Lang::En => format!("cannot build the workbook: {e}"),
            })?;
        emit_bytes(args.common.output.as_deref(), &bytes, lang)?;
    } else {
        emit(
            args.common.output.as_deref(),
            &report::render(format, &report),
            lang,
        )?;
    }
    if let Some(outcome) = &outcome
        && format != report::Format::Json
    {
        baseline_notes(outcome, lang);
    }
    let failed = args.common.fail_on.fails(&findings);
    Ok(ExitCode::from(u8::from(failed)))
}

/// Why a binary format is not written to a terminal.
fn binary_to_terminal(format: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "định dạng {format} là tệp nhị phân, không in ra màn hình: dùng -o TỆP (hoặc chuyển hướng đầu ra)"
        ),
        Lang::En => format!(
            "{format} is a binary format and is not written to a terminal: use -o FILE (or redirect the output)"
        ),
    }
}

/// `kientruc review PROPOSAL --model MODEL`: judge the model alone and with the proposal laid
/// over it, once each; the verdict, the report and `--graph` all read those two judgements.
fn review_command(args: &kientruc::cli::ReviewArgs) -> Result<ExitCode, String> {
    let options = options(&args.common)?;
    let lang = lang(args.common.lang);
    let inputs = [model_input(&args.model), proposal_input(&args.proposal)];
    guard(&args.common, &inputs, lang)?;
    if let Some(file) = &args.graph {
        guard_one(file, &inputs, &args.common, lang)?;
    }
    if args.format == ReviewFormat::Docx
        && args.common.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(match lang {
            Lang::Vi => "không ghi tài liệu Word (nhị phân) ra màn hình: hãy dùng -o TỆP.docx hoặc chuyển hướng đầu ra".to_string(),
            Lang::En => "will not write a Word document (binary) to the terminal: use -o FILE.docx or redirect the output".to_string(),
        });
    }
    let failure_format = args.format.as_report();
    let failed = |failure: &LoadFailure| {
        load_failed(
            failure,
            failure_format,
            lang,
            args.common.color,
            args.common.output.as_deref(),
            args.common.link_base.as_deref(),
            &args.model,
        )
    };
    let loaded = match kientruc::load_for(&args.model, options.framework) {
        Ok(loaded) => loaded,
        Err(failure) => return Ok(failed(&failure)),
    };
    let overlaid = match kientruc::overlay::overlay(&loaded, &args.proposal) {
        Ok(overlaid) => overlaid,
        Err(failure) => return Ok(failed(&failure)),
    };
    let alone = kientruc::judge(&loaded, &options);
    let with = kientruc::judge_overlay(&overlaid, &options);
    let reviewed = match review::review(&alone, with, options.today, args.common.fail_on) {
        Ok(reviewed) => reviewed,
        Err(failure) => return Ok(failed(&failure)),
    };
    if let Some(file) = &args.graph {
        proposal_graph(&reviewed, &overlaid, file, lang)?;
    }
    if args.format == ReviewFormat::Docx {
        let svg = neighbourhood(&reviewed, &overlaid, kientruc::export::Format::Svg, lang)?;
        let png = review::docx::png_of_svg(&svg)?;
        let bytes = review::docx::render(&reviewed, lang, Some(&png))?;
        emit_bytes(args.common.output.as_deref(), &bytes, lang)?;
        return Ok(ExitCode::from(reviewed.exit_code()));
    }
    let to_terminal = args.common.output.is_none() && std::io::stdout().is_terminal();
    let text = match args.format {
        ReviewFormat::Docx => unreachable!("written above"),
        ReviewFormat::Human => {
            review::human::render(&reviewed, lang, color(args.common.color, to_terminal))
        }
        ReviewFormat::Json => review::json::render(&reviewed, lang),
        ReviewFormat::Markdown => review::markdown::render(&reviewed, lang),
        other => {
            let base = report::repository_base(
                &reviewed.judged.loaded.root,
                reviewed.judged.loaded.sources.root(),
            );
            let report = Report {
                base: &base,
                fail_on: args.common.fail_on.threshold(),
                ..Report::new(
                    &reviewed.findings,
                    &reviewed.judged.coverage,
                    &reviewed.judged.loaded.sources,
                    &reviewed.judged.stats,
                    lang,
                )
            };
            report::render(other.as_report(), &report)
        }
    };
    emit(args.common.output.as_deref(), &text, lang)?;
    Ok(ExitCode::from(reviewed.exit_code()))
}

/// `kientruc diff OLD NEW`: load and judge both sides, compare, render; exit 1 when a finding
/// introduced by NEW reaches `--fail-on-new`.
fn diff(args: &kientruc::cli::DiffArgs) -> Result<ExitCode, String> {
    use kientruc::diff::{self, SideError};
    let options = options(&args.common)?;
    let lang = lang(args.common.lang);
    let sides = [Path::new(&args.old), Path::new(&args.new)];
    guard(&args.common, &sides.map(model_input), lang)?;
    let as_report = match args.format {
        diff::Format::Human => report::Format::Human,
        diff::Format::Json => report::Format::Json,
        diff::Format::Markdown => report::Format::Markdown,
    };
    let sides = match diff::Sides::load(&args.old, &args.new, options.framework) {
        Ok(sides) => sides,
        Err(SideError::Load { side, failure }) => {
            eprintln!("kientruc: {}:", kientruc::text::printable(&side));
            return Ok(load_failed(
                &failure,
                as_report,
                lang,
                args.common.color,
                args.common.output.as_deref(),
                args.common.link_base.as_deref(),
                Path::new("."),
            ));
        }
        Err(error) => return Err(error.message(lang)),
    };
    let mut outcome = None;
    let compared = sides.compare(&options, |old, new| {
        if let Some(path) = &args.common.baseline {
            kientruc::baseline::Baseline::read(path)
                .map_err(|e| e.to_string())?
                .apply(old);
        }
        outcome = baseline(&args.common, new, lang)?;
        Ok::<(), String>(())
    })?;
    let text = diff::render(args.format, &compared, lang, outcome.as_ref());
    emit(args.common.output.as_deref(), &text, lang)?;
    if let Some(outcome) = &outcome
        && args.format != diff::Format::Json
    {
        baseline_notes(outcome, lang);
    }
    let failed = args.fail_on_new.fails(&compared.introduced);
    Ok(ExitCode::from(u8::from(failed)))
}

fn model_input(path: &Path) -> Input<'_> {
    Input {
        role: Role::Model,
        path,
    }
}

fn proposal_input(path: &Path) -> Input<'_> {
    Input {
        role: Role::Proposal,
        path,
    }
}

/// Refuses `-o` and `--write-baseline` paths that would replace an input (exit code 2). The
/// baseline may be rewritten by `--write-baseline` (that updates it), never by `-o`.
fn guard(common: &CommonArgs, inputs: &[Input<'_>], lang: Lang) -> Result<(), String> {
    if let Some(output) = &common.output {
        guard_one(output, inputs, common, lang)?;
    }
    if let Some(written) = &common.write_baseline {
        kientruc::outputs::check(written, inputs).map_err(|e| e.get(lang).to_string())?;
    }
    Ok(())
}

fn guard_one(
    output: &Path,
    inputs: &[Input<'_>],
    common: &CommonArgs,
    lang: Lang,
) -> Result<(), String> {
    let mut all = inputs.to_vec();
    all.extend(common.baseline.as_deref().map(|path| Input {
        role: Role::Baseline,
        path,
    }));
    kientruc::outputs::check(output, &all).map_err(|e| e.get(lang).to_string())
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

/// What `check` is doing, for the progress display.
enum Stage<'a> {
    Loading(&'a Path),
    Judging {
        files: usize,
        elements: usize,
        rules: usize,
    },
}

/// Progress on stderr while a large model loads and is judged: only when stderr is a
/// terminal and not in CI (`CI` unset), so logs and pipes never see it, and only once the
/// work has taken over a second ([`kientruc::watch::Progress`]).
struct Progress {
    lang: Lang,
    line: kientruc::watch::Progress,
}

impl Progress {
    fn new(lang: Lang) -> Progress {
        let enabled = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Progress {
            lang,
            line: kientruc::watch::Progress::new(enabled),
        }
    }

    fn show(&mut self, stage: Stage<'_>) {
        let text = match stage {
            Stage::Loading(path) => kientruc::i18n::tr(
                self.lang,
                "progress.loading",
                &[("path", &path.display().to_string())],
            ),
            Stage::Judging {
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
        self.line.show(text);
    }

    fn clear(&mut self) {
        self.line.clear();
    }
}

/// `kientruc graph`: load (with the proposal laid over it), judge when findings are asked for,
/// build the view, render it, write it.
fn graph(args: kientruc::cli::GraphArgs) -> Result<ExitCode, String> {
    use kientruc::export::{self, Request};
    let lang = lang(args.lang);
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let framework = framework(args.framework.as_deref(), lang)?;
    if let Some(output) = &args.output {
        let mut inputs = vec![model_input(&args.model)];
        inputs.extend(args.proposal.as_deref().map(proposal_input));
        kientruc::outputs::check(output, &inputs).map_err(|e| e.get(lang).to_string())?;
    }
    let request = Request {
        framework,
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
        Err(export::Failure::Load(failure)) => {
            return Ok(load_failed(
                &failure,
                report::Format::Human,
                lang,
                Color::Auto,
                None,
                None,
                &args.model,
            ));
        }
        Err(export::Failure::Request(message)) => return Err(message),
    };
    let bytes = export::render(&view, args.format).map_err(|e| match lang {
        Lang::Vi => format!("không vẽ được sơ đồ: {e}"),
        Lang::En => format!("cannot render the graph: {e}"),
    })?;
    emit(
        args.output.as_deref(),
        &String::from_utf8_lossy(&bytes),
        lang,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `review --graph FILE`: the proposal's neighbourhood, marked with exactly the review's
/// findings, in the format the extension names.
fn proposal_graph(
    reviewed: &review::Reviewed<'_>,
    overlaid: &kientruc::overlay::Overlaid,
    file: &Path,
    lang: Lang,
) -> Result<(), String> {
    use kientruc::export::Format;
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
            return Err(match lang {
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
    let bytes = neighbourhood(reviewed, overlaid, format, lang)?;
    kientruc::write_atomically(file, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", file.display()))
}

/// The proposal's neighbourhood (its new elements, what they touch, the platforms it goes
/// through), marked with exactly the review's findings, in `format`.
fn neighbourhood(
    reviewed: &review::Reviewed<'_>,
    overlaid: &kientruc::overlay::Overlaid,
    format: kientruc::export::Format,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    use kientruc::export::{self, Request, View};
    let request = Request {
        findings: true,
        focus_proposal: true,
        // One step: the proposal, what it touches, and the platforms it goes through.
        depth: 1,
        ..Request::new(format, lang, reviewed.today)
    };
    let view = View::build(
        reviewed.judged.loaded,
        &reviewed.judged.graph,
        &reviewed.findings,
        &overlaid.new_ids,
        &request,
    )?;
    export::render(&view, format).map_err(|e| match lang {
        Lang::Vi => format!("không vẽ được sơ đồ: {e}"),
        Lang::En => format!("cannot render the graph: {e}"),
    })
}

/// Prints what a merge command says and gives its exit code.
fn outcome(outcome: kientruc::merge::command::Outcome, lang: Lang) -> ExitCode {
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    if let Err(message) = emit_bytes(None, &outcome.stdout, lang) {
        eprintln!("kientruc: {message}");
        return ExitCode::from(2);
    }
    ExitCode::from(outcome.code)
}

/// A model that cannot be judged: the errors on stderr, and — for the machine formats — a
/// document of them on stdout or in `-o FILE`, so that CI shows them; exit code 2.
fn load_failed(
    failure: &LoadFailure,
    format: report::Format,
    lang: Lang,
    choice: Color,
    output: Option<&Path>,
    link_base: Option<&str>,
    model: &Path,
) -> ExitCode {
    let to_stderr = match format {
        report::Format::Human => report::human::render_issues(
            &failure.issues,
            &failure.sources,
            lang,
            color(choice, std::io::stderr().is_terminal()),
        ),
        _ => report::short::render_issues(&failure.issues, &failure.sources, lang),
    };
    let _ = std::io::stderr().write_all(to_stderr.as_bytes());
    let root = if model.is_dir() {
        model.to_path_buf()
    } else {
        model.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let base = report::repository_base(&root, failure.sources.root());
    let coverage = kientruc::rules::Coverage::complete();
    let stats = report::ModelStats::default();
    let report = Report {
        base: &base,
        link_base,
        ..Report::new(&[], &coverage, &failure.sources, &stats, lang)
    };
    if let Some(document) = report::failure::render(format, &report, &failure.issues)
        && let Err(message) = emit(output, &document, lang)
    {
        eprintln!("kientruc: {message}");
    }
    ExitCode::from(2)
}

/// Writes to stdout, or to FILE atomically (a temporary file renamed into place), so that no
/// half-written output is ever left behind.
fn emit(output: Option<&Path>, text: &str, lang: Lang) -> Result<(), String> {
    emit_bytes(output, text.as_bytes(), lang)
}

/// [`emit`] for any bytes (the workbook).
fn emit_bytes(output: Option<&Path>, bytes: &[u8], lang: Lang) -> Result<(), String> {
    match output {
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is not an error of ours.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(
                    Said::io("không ghi được đầu ra", "cannot write the output", &e)
                        .get(lang)
                        .to_string(),
                ),
            }
        }
        Some(path) => kientruc::write_atomically(path, bytes).map_err(|e| {
            let shown = kientruc::text::printable(&path.display().to_string()).into_owned();
            Said::io(
                format!("không ghi được {shown}"),
                format!("cannot write {shown}"),
                &e,
            )
            .get(lang)
            .to_string()
        }),
    }
}
