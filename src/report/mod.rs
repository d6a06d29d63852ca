//! Output formats of findings: one file per format. A renderer never judges: it turns a
//! [`Report`] (findings, the sources they point into, the model's counts) into bytes.

pub mod human;
pub mod json;
pub mod short;

use crate::finding::Finding;
use crate::i18n::Lang;
use crate::source::Sources;

/// What the model looked like when it was judged.
#[derive(Debug, Clone, Default)]
pub struct ModelStats {
    pub id: String,
    pub framework: String,
    pub files: usize,
    pub elements: usize,
    pub edges: usize,
}

/// Everything a renderer needs.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub sources: &'a Sources,
    pub stats: &'a ModelStats,
    pub lang: Lang,
    pub color: bool,
}

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Short,
    Json,
}

pub fn render(format: Format, report: &Report<'_>) -> String {
    match format {
        Format::Human => human::render(report),
        Format::Short => short::render(report),
        Format::Json => json::render(report),
    }
}
