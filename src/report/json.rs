//! The JSON document, version 2 (see `docs/json.md` and `../shared/docs/cli.md`): the contract
//! for scripts. Fields may be added; none is removed, renamed or changes meaning without a new
//! `version`. Version 2: KT001's `element` is the element holding the broken reference (the
//! unknown id is in `arguments.id`); every finding has `arguments` and `key`; the document has
//! `coverage` (what was and was not judged).

use serde::Serialize;

use super::Report;
use crate::finding::{Finding, Summary, Waived};
use crate::i18n::Lang;
use crate::rules::Coverage;
use crate::source::{Loc, Sources};

/// The version of the document.
pub const VERSION: u32 = 2;

#[derive(Serialize)]
pub struct Document<'a> {
    pub version: u32,
    pub tool: Tool,
    pub model: ModelJson<'a>,
    pub coverage: CoverageJson,
    pub findings: Vec<FindingJson<'a>>,
    pub summary: Summary,
    /// Present when `--baseline` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<&'a crate::baseline::Outcome>,
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Tool {
    pub fn current() -> Tool {
        Tool {
            name: "kientruc",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Serialize)]
pub struct ModelJson<'a> {
    pub id: &'a str,
    pub framework: &'a str,
    pub files: usize,
    pub elements: usize,
    pub edges: usize,
}

#[derive(Serialize)]
pub struct LocationJson<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub offset: u32,
    pub length: usize,
}

impl<'a> LocationJson<'a> {
    pub fn of(sources: &'a Sources, loc: Loc) -> Self {
        let start = sources.position(loc);
        let end = sources.end_position(loc);
        LocationJson {
            file: sources.path(loc),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            offset: loc.span.start,
            length: loc.span.len(),
        }
    }
}

#[derive(Serialize)]
pub struct RelatedJson<'a> {
    pub element: &'a str,
    pub message: String,
    pub location: LocationJson<'a>,
}

/// What was judged: every principle with its state, and the rules that did not run.
#[derive(Serialize)]
pub struct CoverageJson {
    /// True when every principle that applies was judged.
    pub complete: bool,
    pub principles: Vec<PrincipleCoverageJson>,
    /// Rules that did not run because the model is not sound (KT001–KT003).
    pub skipped_rules: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct PrincipleCoverageJson {
    pub principle: &'static str,
    /// `judged`, `skipped-integrity`, `off` (every rule turned off) or `not-applicable`.
    pub state: &'static str,
}

impl CoverageJson {
    pub fn of(coverage: &Coverage) -> CoverageJson {
        CoverageJson {
            complete: coverage.is_complete(),
            principles: coverage
                .principles
                .iter()
                .map(|(p, j)| PrincipleCoverageJson {
                    principle: p.as_str(),
                    state: j.as_str(),
                })
                .collect(),
            skipped_rules: coverage.skipped_rules.iter().map(|r| r.code).collect(),
        }
    }
}

#[derive(Serialize)]
pub struct FindingJson<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub severity: &'a str,
    pub principle: &'a str,
    pub element: &'a str,
    pub message: String,
    /// The message's arguments by name: ids as written, amounts as numbers.
    pub arguments: serde_json::Map<String, serde_json::Value>,
    /// The language-independent key that, with `code` and `element`, identifies the finding
    /// (baselines, fingerprints, `review`, `diff`).
    pub key: String,
    pub location: LocationJson<'a>,
    pub related: Vec<RelatedJson<'a>>,
    pub waived: Option<&'a Waived>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capex: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opex: Option<u64>,
}

impl<'a> FindingJson<'a> {
    pub fn of(sources: &'a Sources, f: &'a Finding, lang: Lang) -> Self {
        FindingJson {
            code: f.code(),
            name: f.name(),
            severity: f.severity.as_str(),
            principle: f.principle().as_str(),
            element: &f.element,
            message: f.text(lang),
            arguments: f
                .message
                .args
                .iter()
                .map(|(name, arg)| ((*name).to_string(), arg.to_json()))
                .collect(),
            key: f.key(),
            location: LocationJson::of(sources, f.loc),
            related: f
                .related
                .iter()
                .map(|r| RelatedJson {
                    element: &r.element,
                    message: r.message.render(lang),
                    location: LocationJson::of(sources, r.loc),
                })
                .collect(),
            waived: f.waived.as_ref(),
            capex: f.capex,
            opex: f.opex,
        }
    }
}

pub fn document<'a>(report: &'a Report<'a>) -> Document<'a> {
    Document {
        version: VERSION,
        tool: Tool::current(),
        model: ModelJson {
            id: &report.stats.id,
            framework: &report.stats.framework,
            files: report.stats.files,
            elements: report.stats.elements,
            edges: report.stats.edges,
        },
        coverage: CoverageJson::of(report.coverage),
        findings: report
            .findings
            .iter()
            .map(|f| FindingJson::of(report.sources, f, report.lang))
            .collect(),
        summary: Summary::of(report.findings),
        baseline: report.baseline,
    }
}

pub fn render(report: &Report<'_>) -> String {
    let mut text = serde_json::to_string_pretty(&document(report)).unwrap_or_default();
    text.push('\n');
    text
}
