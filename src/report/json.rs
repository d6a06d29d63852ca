//! The JSON document, version 1 (see `../shared/docs/cli.md`): the contract for scripts.
//! Fields may be added; none is removed or renamed without a new `version`.

use serde::Serialize;

use super::Report;
use crate::finding::{Finding, Summary, Waived};
use crate::source::{Loc, Sources};

#[derive(Serialize)]
pub struct Document<'a> {
    pub version: u32,
    pub tool: Tool,
    pub model: ModelJson<'a>,
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
    pub message: &'a str,
    pub location: LocationJson<'a>,
}

#[derive(Serialize)]
pub struct FindingJson<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub severity: &'a str,
    pub principle: &'a str,
    pub element: &'a str,
    pub message: &'a str,
    pub location: LocationJson<'a>,
    pub related: Vec<RelatedJson<'a>>,
    pub waived: Option<&'a Waived>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capex: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opex: Option<u64>,
}

impl<'a> FindingJson<'a> {
    pub fn of(sources: &'a Sources, f: &'a Finding) -> Self {
        FindingJson {
            code: f.code,
            name: f.name,
            severity: f.severity.as_str(),
            principle: f.principle.as_str(),
            element: &f.element,
            message: &f.message,
            location: LocationJson::of(sources, f.loc),
            related: f
                .related
                .iter()
                .map(|r| RelatedJson {
                    element: &r.element,
                    message: &r.message,
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
        version: 1,
        tool: Tool::current(),
        model: ModelJson {
            id: &report.stats.id,
            framework: &report.stats.framework,
            files: report.stats.files,
            elements: report.stats.elements,
            edges: report.stats.edges,
        },
        findings: report
            .findings
            .iter()
            .map(|f| FindingJson::of(report.sources, f))
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
