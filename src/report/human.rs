//! The terminal report: miette's graphical diagnostics with source snippets. The only room
//! that knows miette. A finding's related places in the same file become extra labels; those
//! in other files become related diagnostics, each with its own named source.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Report;
use crate::finding::{Finding, Severity, Summary};
use crate::i18n::{Lang, tr};
use crate::load::LoadIssue;
use crate::source::{Loc, Sources};

/// A source file's text under its path.
struct Named<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// One diagnostic as miette wants it.
struct Diag<'a> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Named<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Diag<'a>>,
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }
}

fn named(sources: &Sources, loc: Loc) -> Named<'_> {
    let file = sources.get(loc.file);
    Named {
        name: &file.path,
        text: &file.text,
    }
}

fn span(loc: Loc) -> SourceSpan {
    SourceSpan::new((loc.span.start as usize).into(), loc.span.len())
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn finding_diag<'a>(finding: &Finding, sources: &'a Sources, lang: Lang) -> Diag<'a> {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        Some(finding.element.clone()),
        span(finding.loc),
    )];
    let mut related = Vec::new();
    for r in &finding.related {
        if r.loc.file == finding.loc.file {
            labels.push(LabeledSpan::new_with_span(
                Some(r.message.render(lang)),
                span(r.loc),
            ));
        } else {
            related.push(Diag {
                message: r.message.render(lang),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: Some(named(sources, r.loc)),
                labels: vec![LabeledSpan::new_primary_with_span(
                    Some(r.element.clone()),
                    span(r.loc),
                )],
                related: Vec::new(),
            });
        }
    }
    let mut help = Vec::new();
    if let Some(w) = &finding.waived {
        help.push(tr(
            lang,
            "waived",
            &[
                ("expires", &w.expires),
                ("approved_by", &w.approved_by),
                ("reason", &w.reason),
            ],
        ));
    }
    Diag {
        message: finding.text(lang),
        code: Some(format!("{} {}", finding.code(), finding.name())),
        severity: if finding.waived.is_some() {
            miette::Severity::Advice
        } else {
            miette_severity(finding.severity)
        },
        help: (!help.is_empty()).then(|| help.join("\n")),
        source: Some(named(sources, finding.loc)),
        labels,
        related,
    }
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100)
        .with_context_lines(1)
}

fn push(out: &mut String, handler: &GraphicalReportHandler, diag: &Diag<'_>) {
    let mut text = String::new();
    if handler.render_report(&mut text, diag).is_ok() {
        out.push_str(&text);
        out.push('\n');
    } else {
        out.push_str(&diag.message);
        out.push('\n');
    }
}

pub fn render(report: &Report<'_>) -> String {
    let handler = handler(report.color);
    let mut out = String::new();
    for finding in report.findings {
        push(
            &mut out,
            &handler,
            &finding_diag(finding, report.sources, report.lang),
        );
    }
    let summary = Summary::of(report.findings);
    let stats = report.stats;
    out.push_str(&tr(
        report.lang,
        "summary.model",
        &[
            ("id", &stats.id),
            ("files", &stats.files.to_string()),
            ("elements", &stats.elements.to_string()),
            ("edges", &stats.edges.to_string()),
        ],
    ));
    out.push('\n');
    if report.findings.is_empty() {
        out.push_str(&tr(report.lang, "summary.none", &[]));
    } else {
        out.push_str(&counts(report.lang, &summary));
    }
    out.push('\n');
    if let Some(note) = super::coverage_note(report.coverage, report.lang) {
        out.push_str(&note);
        out.push('\n');
    }
    out
}

pub fn counts(lang: Lang, summary: &Summary) -> String {
    tr(
        lang,
        "summary.counts",
        &[
            ("errors", &summary.error.to_string()),
            ("warnings", &summary.warning.to_string()),
            ("infos", &summary.info.to_string()),
            ("waived", &summary.waived.to_string()),
        ],
    )
}

/// Renders load errors (exit code 2) for the terminal.
pub fn render_issues(issues: &[LoadIssue], sources: &Sources, lang: Lang, color: bool) -> String {
    let handler = handler(color);
    let mut out = String::new();
    for issue in issues {
        let diag = match issue.loc {
            Some(loc) => Diag {
                message: issue.message.get(lang).to_string(),
                code: None,
                severity: miette::Severity::Error,
                help: issue.help.as_ref().map(|h| h.get(lang).to_string()),
                source: Some(named(sources, loc)),
                labels: std::iter::once(LabeledSpan::new_primary_with_span(None, span(loc)))
                    .chain(
                        issue
                            .related
                            .iter()
                            .filter(|(l, _)| l.file == loc.file)
                            .map(|(l, m)| {
                                LabeledSpan::new_with_span(Some(m.get(lang).to_string()), span(*l))
                            }),
                    )
                    .collect(),
                related: Vec::new(),
            },
            None => Diag {
                message: format!("{}: {}", issue.path, issue.message.get(lang)),
                code: None,
                severity: miette::Severity::Error,
                help: issue.help.as_ref().map(|h| h.get(lang).to_string()),
                source: None,
                labels: Vec::new(),
                related: Vec::new(),
            },
        };
        push(&mut out, &handler, &diag);
    }
    out.push_str(&tr(
        lang,
        "load.failed",
        &[("count", &issues.len().to_string())],
    ));
    out.push('\n');
    out
}
