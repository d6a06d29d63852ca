//! The `merge` and `consolidate` commands: arguments in, text and exit code out (the binary
//! prints them). Exit codes as everywhere: 0 done, 1 (never here), 2 could not do it — a
//! source that does not load, a clash that cannot be resolved, a bad mapping or decisions
//! file (each located file:line:col), or an output that may not be written.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{MergeError, Request};
use crate::cli::{ConsolidateArgs, MergeArgs, PlanFormat};
use crate::finding::Summary;
use crate::i18n::{Lang, Said, tr};
use crate::load::{LoadFailure, LoadIssue};
use crate::source::Sources;

/// What a command says, and its exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Text, or the workbook's bytes.
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    fn failed(stderr: String) -> Outcome {
        Outcome {
            stdout: Vec::new(),
            stderr,
            code: 2,
        }
    }
}

/// Located errors, one line each (as `check --format short` writes them), with their related
/// places as notes: a clash names both places.
pub fn render_issues(issues: &[LoadIssue], sources: &Sources, lang: Lang) -> String {
    let mut out = String::new();
    for issue in issues {
        out.push_str(&crate::report::short::render_issues(
            std::slice::from_ref(issue),
            sources,
            lang,
        ));
        for (loc, label) in &issue.related {
            let pos = sources.position(*loc);
            out.push_str(&format!(
                "  {}:{}:{}: {}: {}\n",
                sources.path(*loc),
                pos.line,
                pos.column,
                tr(lang, "merge.note", &[]),
                label.get(lang)
            ));
        }
    }
    out
}

/// "Nothing written: cannot write PATH: …".
fn write_failed(path: &Path, error: &std::io::Error, lang: Lang) -> Outcome {
    not_written(
        &Said::new(
            format!("không ghi được {}: {error}", path.display()),
            format!("cannot write {}: {error}", path.display()),
        ),
        lang,
    )
}

fn failure_text(failure: &LoadFailure, lang: Lang) -> String {
    render_issues(&failure.issues, &failure.sources, lang)
}

fn merge_error(error: MergeError, lang: Lang) -> Outcome {
    let text = match error {
        MergeError::Source { input, failure } => format!(
            "kientruc: {}\n{}",
            tr(
                lang,
                "merge.source_failed",
                &[("input", &input.display().to_string())]
            ),
            failure_text(&failure, lang)
        ),
        MergeError::Located(failure) => failure_text(&failure, lang),
        MergeError::Command(said) => format!("kientruc: {}\n", said.get(lang)),
    };
    Outcome::failed(text)
}

fn not_written(said: &Said, lang: Lang) -> Outcome {
    Outcome::failed(format!(
        "kientruc: {}\n",
        tr(lang, "merge.not_written", &[("reason", said.get(lang))])
    ))
}

/// A file output must not be an input nor lie inside one.
pub(crate) fn check_output_file(path: &Path, inputs: &[PathBuf]) -> Result<(), Said> {
    super::write::check_file(path, inputs)
}

/// `kientruc merge`.
pub fn merge(args: &MergeArgs, lang: Lang) -> Outcome {
    let request = Request {
        id: args.id.clone(),
        name: args
            .name
            .clone()
            .unwrap_or_else(|| format!("Kiến trúc số tỉnh hợp nhất {}", args.id)),
        map: args.map.clone(),
    };
    if let Some(path) = &args.write_map {
        if let Err(said) = check_output_file(path, &args.inputs) {
            return not_written(&said, lang);
        }
        let text = match super::starting_map(&args.inputs, &request) {
            Ok(text) => text,
            Err(error) => return merge_error(error, lang),
        };
        let count = text.matches("\n  - id: ").count() + usize::from(text.starts_with("  - id: "));
        if let Err(error) = crate::write_atomically(path, text.as_bytes()) {
            return write_failed(path, &error, lang);
        }
        return Outcome {
            stdout: format!(
                "{}\n",
                tr(
                    lang,
                    "merge.map_written",
                    &[
                        ("path", &path.display().to_string()),
                        ("count", &count.to_string())
                    ]
                )
            )
            .into_bytes(),
            ..Outcome::default()
        };
    }
    let Some(dir) = &args.output else {
        return Outcome::failed("kientruc: -o DIR\n".to_string());
    };
    if let Err(error) = super::check_target(dir, &args.inputs, args.force) {
        return not_written(&error.said(), lang);
    }
    let merged = match super::merge(&args.inputs, &request) {
        Ok(merged) => merged,
        Err(error) => return merge_error(error, lang),
    };
    if let Err(error) = super::write_dir(dir, &merged.files) {
        return not_written(&error.said(), lang);
    }
    let shown = dir.display().to_string();
    let mut out = tr(
        lang,
        "merge.written",
        &[
            ("count", &merged.summary.sources.len().to_string()),
            ("dir", &shown),
            ("files", &merged.files.len().to_string()),
        ],
    );
    out.push('\n');
    let s = &merged.summary;
    for (k, id) in s.sources.iter().enumerate() {
        out.push_str(&tr(
            lang,
            "merge.source",
            &[
                ("id", id),
                ("elements", &s.elements[k].to_string()),
                ("namespaced", &s.namespaced[k].to_string()),
            ],
        ));
        out.push('\n');
    }
    out.push_str(&tr(
        lang,
        "merge.mapped",
        &[
            ("mapped", &s.mapped.to_string()),
            ("into", &s.mapped_into.to_string()),
            ("unified", &s.unified.to_string()),
        ],
    ));
    out.push('\n');
    // The merged model must load and be judged: say how it fares.
    let options = crate::Options {
        today: chrono::Local::now().date_naive(),
        framework: None,
    };
    match crate::check(dir, &options) {
        Ok(checked) => {
            let counts = Summary::of(&checked.findings);
            out.push_str(&tr(
                lang,
                "merge.checked",
                &[
                    ("errors", &counts.error.to_string()),
                    ("warnings", &counts.warning.to_string()),
                    ("infos", &counts.info.to_string()),
                    ("dir", &shown),
                ],
            ));
            out.push('\n');
            Outcome {
                stdout: out.into_bytes(),
                ..Outcome::default()
            }
        }
        Err(failure) => Outcome {
            stdout: out.into_bytes(),
            stderr: failure_text(&failure, lang),
            code: 2,
        },
    }
}

/// `kientruc consolidate`.
pub fn consolidate(args: &ConsolidateArgs, lang: Lang, today: NaiveDate) -> Outcome {
    let inputs = [args.model.clone()];
    for path in [&args.output, &args.proposal_out].into_iter().flatten() {
        if let Err(said) = check_output_file(path, &inputs) {
            return not_written(&said, lang);
        }
    }
    let checked = match crate::check(
        &args.model,
        &crate::Options {
            today,
            framework: None,
        },
    ) {
        Ok(checked) => checked,
        Err(failure) => return Outcome::failed(failure_text(&failure, lang)),
    };
    let decided = match &args.decisions {
        None => super::decisions::Decided::default(),
        Some(path) => {
            let mut sources = Sources::default();
            let (file, decisions) =
                match super::read_yaml::<super::decisions::Decisions>(path, &mut sources) {
                    Ok(read) => read,
                    Err(issues) => return Outcome::failed(render_issues(&issues, &sources, lang)),
                };
            let graph = crate::graph::Graph::build(&checked.loaded.model, &checked.loaded.sources);
            let grouped = super::consolidate::grouped_ids(&checked.loaded.model, &graph);
            match super::decisions::check(&decisions, file, &grouped, &sources) {
                Ok(decided) => decided,
                Err(issues) => return Outcome::failed(render_issues(&issues, &sources, lang)),
            }
        }
    };
    let plan = super::consolidate::plan(&checked, &decided);
    let text = match args.format {
        PlanFormat::Human => super::plan_render::human(&plan, lang).into_bytes(),
        PlanFormat::Markdown => super::plan_render::markdown(&plan, lang).into_bytes(),
        PlanFormat::Json => super::plan_render::json(&plan, lang).into_bytes(),
        PlanFormat::Xlsx => match super::plan_xlsx::write(&plan, lang) {
            Ok(bytes) => bytes,
            Err(error) => {
                return not_written(
                    &Said::new(
                        format!("không tạo được bảng tính: {error}"),
                        format!("cannot build the workbook: {error}"),
                    ),
                    lang,
                );
            }
        },
    };
    let mut stderr = String::new();
    if let Some(path) = &args.proposal_out {
        match super::proposal::render(&plan, &checked.loaded.model) {
            Some(proposal) => {
                if let Err(error) = crate::write_atomically(path, proposal.as_bytes()) {
                    return write_failed(path, &error, lang);
                }
                stderr.push_str(&tr(
                    lang,
                    "plan.proposal_written",
                    &[
                        ("path", &path.display().to_string()),
                        ("model", &args.model.display().to_string()),
                    ],
                ));
            }
            None => stderr.push_str(&tr(lang, "plan.proposal_none", &[])),
        }
        stderr.push('\n');
    }
    match &args.output {
        Some(path) => {
            if let Err(error) = crate::write_atomically(path, &text) {
                return write_failed(path, &error, lang);
            }
            Outcome {
                stderr,
                ..Outcome::default()
            }
        }
        None => Outcome {
            stdout: text,
            stderr,
            code: 0,
        },
    }
}
