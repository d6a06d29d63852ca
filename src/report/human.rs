//! The terminal report: miette's graphical diagnostics with source snippets. The only room
//! that knows miette. A finding's related places in the same file, near it or after it, become
//! extra labels; those in other files (or far away in the same one, or in a block of lines
//! before the finding's, so that the first place shown is always the finding's) become related
//! diagnostics, each with its own named source. Miette is given a [`Snippet`], never a whole file: what it shows is
//! sanitised, and its cost does not grow with the file.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Report;
use crate::finding::{Finding, Severity, Summary};
use crate::i18n::{Lang, tr};
use crate::load::LoadIssue;
use crate::model::Span;
use crate::source::{Loc, SourceFile, Sources};
use crate::text::printable;

/// The part of a source file a diagnostic shows, as miette reads it: the lines around the
/// labels copied with tabs shown as `→`, control characters and bidi controls escaped (see
/// [`crate::text::printable`]), lines longer than [`MAX_LINE_CHARS`] cut around the labels
/// (`…` marks the cuts), and the lines between distant labels left empty (miette shows only
/// the lines next to a label). Building it costs the size of those lines, not of the file, so
/// a report stays linear in its findings however long the file or its lines are.
struct Snippet {
    name: String,
    text: String,
    /// The real line (0-based) of the snippet's first line.
    first_line: usize,
    /// The real column (0-based, in characters) of each label start, by snippet offset.
    columns: Vec<(usize, usize)>,
}

/// Lines longer than this many characters are cut around the labels on them.
const MAX_LINE_CHARS: usize = 160;
/// How many characters a cut line keeps before its first label.
const BEFORE_LABEL: usize = 40;
/// Labels further apart than this many lines go into diagnostics of their own.
const MAX_GAP_LINES: usize = 2_000;
/// A label spanning more lines than this is shown on its first line only.
const MAX_LABEL_LINES: usize = 50;

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        let column = if before == 0 {
            self.columns
                .iter()
                .find(|(offset, _)| *offset == span.offset())
                .map_or(inner.column(), |(_, column)| *column)
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

/// Appends `c` as shown in a snippet.
fn push_shown(out: &mut String, c: char) {
    match c {
        '\t' => out.push('→'),
        c if crate::text::is_unsafe(c) => {
            out.push_str(&crate::text::printable(c.encode_utf8(&mut [0; 4])));
        }
        c => out.push(c),
    }
}

/// The snippet of `file` for `spans` (all in that file) and each span within it.
fn snippet(file: &SourceFile, name: &str, spans: &[Span]) -> (Snippet, Vec<SourceSpan>) {
    let text = file.text.as_str();
    let starts = file.line_starts();
    let last_line = starts.len() - 1;
    // The end of line `l`'s text, without its line break.
    let line_end = |l: usize| -> usize {
        let next = starts.get(l + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        let mut end = next;
        while end > starts[l] && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        end
    };
    // Each span's (start, end) bytes, a long span cut to its first line.
    let clamped: Vec<(usize, usize)> = spans
        .iter()
        .map(|span| {
            let start = (span.start as usize).min(text.len());
            let end = (span.end as usize).clamp(start, text.len());
            let line = file.line_of(start);
            if file.line_of(end) > line + MAX_LABEL_LINES {
                (start, line_end(line))
            } else {
                (start, end)
            }
        })
        .collect();
    let mut points: Vec<(usize, usize)> = Vec::new(); // (line, byte)
    for &(start, end) in &clamped {
        points.push((file.line_of(start), start));
        points.push((file.line_of(end), end));
    }
    points.sort_unstable();
    points.dedup();
    let first = points.first().map_or(0, |p| p.0).saturating_sub(1);
    let mut last = points.last().map_or(0, |p| p.0) + 1;
    // A file ending with a line break has an empty last "line": not worth showing.
    while last > 0
        && (last > last_line || (starts[last] >= text.len() && points.iter().all(|p| p.0 < last)))
    {
        last -= 1;
    }
    let mut shown_lines: std::collections::BTreeSet<usize> = points
        .iter()
        .flat_map(|&(line, _)| line.saturating_sub(1)..=line + 1)
        .filter(|&l| l >= first && l <= last)
        .collect();
    for &(start, end) in &clamped {
        shown_lines.extend(file.line_of(start)..=file.line_of(end).min(last));
    }
    let mut out = String::new();
    let mut mapped: Vec<(usize, usize)> = Vec::new(); // (byte, snippet offset)
    let mut columns = Vec::new();
    let mut next_point = 0;
    for (line, &line_start) in starts.iter().enumerate().take(last + 1).skip(first) {
        if !shown_lines.contains(&line) {
            out.push('\n');
            continue;
        }
        let end = line_end(line);
        let here: Vec<usize> = points
            .iter()
            .skip(next_point)
            .take_while(|p| p.0 == line)
            .map(|p| p.1)
            .collect();
        next_point += here.len();
        let long = text[line_start..end].chars().nth(MAX_LINE_CHARS).is_some();
        let (from, to) = if long {
            let anchor = here.first().copied().unwrap_or(line_start).min(end);
            let from = text[line_start..anchor]
                .char_indices()
                .rev()
                .nth(BEFORE_LABEL - 1)
                .map_or(line_start, |(i, _)| line_start + i);
            let to = text[from..end]
                .char_indices()
                .nth(MAX_LINE_CHARS)
                .map_or(end, |(i, _)| from + i);
            (from, to)
        } else {
            (line_start, end)
        };
        if from > line_start {
            out.push('…');
        }
        let mut pending = here.iter().copied().peekable();
        let mut column = file.position(from).column - 1;
        for (i, c) in text[from..to].char_indices() {
            while let Some(&point) = pending.peek() {
                if point > from + i {
                    break;
                }
                mapped.push((point, out.len()));
                columns.push((out.len(), column));
                pending.next();
            }
            push_shown(&mut out, c);
            column += 1;
        }
        for point in pending {
            mapped.push((point, out.len()));
            let real = if point <= to {
                column
            } else {
                file.position(point.min(end)).column - 1
            };
            columns.push((out.len(), real));
        }
        if to < end {
            out.push('…');
        }
        out.push('\n');
    }
    let find = |byte: usize| -> usize {
        mapped
            .iter()
            .find(|(b, _)| *b == byte)
            .map_or(out.len(), |(_, o)| *o)
    };
    let source_spans = clamped
        .iter()
        .map(|&(start, end)| {
            let (from, to) = (find(start), find(end));
            SourceSpan::new(from.into(), to.saturating_sub(from))
        })
        .collect();
    columns.sort_unstable();
    columns.dedup_by_key(|(offset, _)| *offset);
    (
        Snippet {
            name: crate::text::printable(name).into_owned(),
            text: out,
            first_line: first,
            columns,
        },
        source_spans,
    )
}

/// One diagnostic as miette wants it.
struct Diag {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Snippet>,
    labels: Vec<LabeledSpan>,
    related: Vec<Diag>,
}

impl fmt::Debug for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
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

/// A label: where, its text, and whether it is the primary one.
struct Label {
    loc: Loc,
    text: Option<String>,
    primary: bool,
}

/// Splits the labels of the primary's file into those shown in its snippet and those whose
/// snippet block would come before the primary's (miette shows a file's labels in blocks of
/// adjacent lines, in file order, each headed by its first label's place): a report's first
/// `file:line:column` is the finding's own, so those become related diagnostics of their own.
fn before_primary(file: &SourceFile, mut labels: Vec<Label>) -> (Vec<Label>, Vec<Label>) {
    labels.sort_by_key(|l| (l.loc.span.start, !l.primary));
    // Each label's lines with the one line of context miette shows around it.
    let lines = |l: &Label| {
        let start = file.line_of(l.loc.span.start as usize);
        let end = file.line_of(l.loc.span.end as usize);
        let end = if end > start + MAX_LABEL_LINES {
            start
        } else {
            end
        };
        (start.saturating_sub(1), end + 1)
    };
    // Where the block that holds the primary begins: blocks merge when their lines touch.
    let mut block_start = 0;
    let mut block_end = 0;
    for (i, label) in labels.iter().enumerate() {
        let (first, last) = lines(label);
        if i == 0 || first > block_end + 1 {
            block_start = i;
            block_end = last;
        } else {
            block_end = block_end.max(last);
        }
        if label.primary {
            break;
        }
    }
    let after = labels.split_off(block_start);
    (after, labels)
}

/// A diagnostic over `labels` (the first is primary), with the labels in the primary's file
/// and near it shown in its snippet and the others as related diagnostics of their own.
fn diag(
    sources: &Sources,
    message: &str,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    labels: Vec<Label>,
    mut related: Vec<Diag>,
) -> Diag {
    let Some(primary) = labels.first().map(|l| l.loc) else {
        return Diag {
            message: printable(message).into_owned(),
            code,
            severity,
            help: help.map(|h| crate::text::printable_lines(&h).into_owned()),
            source: None,
            labels: Vec::new(),
            related,
        };
    };
    let file = sources.get(primary.file);
    let line = file.line_of(primary.span.start as usize);
    let (here, mut elsewhere): (Vec<Label>, Vec<Label>) = labels.into_iter().partition(|l| {
        l.loc.file == primary.file
            && file.line_of(l.loc.span.start as usize).abs_diff(line) <= MAX_GAP_LINES
    });
    let (here, before) = before_primary(file, here);
    elsewhere.splice(0..0, before);
    let spans: Vec<Span> = here.iter().map(|l| l.loc.span).collect();
    let (snippet, mapped) = snippet(file, &sources.shown_file(primary.file), &spans);
    let shown = here
        .into_iter()
        .zip(mapped)
        .map(|(label, span)| {
            let text = label.text.map(|t| printable(&t).into_owned());
            if label.primary {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        })
        .collect();
    let far: Vec<Diag> = elsewhere
        .into_iter()
        .map(|label| {
            let message = label.text.clone().unwrap_or_default();
            diag(
                sources,
                &message,
                None,
                miette::Severity::Advice,
                None,
                vec![Label {
                    primary: true,
                    ..label
                }],
                Vec::new(),
            )
        })
        .collect();
    related.splice(0..0, far);
    Diag {
        message: printable(message).into_owned(),
        code,
        severity,
        help: help.map(|h| crate::text::printable_lines(&h).into_owned()),
        source: Some(snippet),
        labels: shown,
        related,
    }
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn finding_diag(finding: &Finding, sources: &Sources, lang: Lang) -> Diag {
    let mut labels = vec![Label {
        loc: finding.loc,
        text: Some(finding.element.clone()),
        primary: true,
    }];
    let mut related = Vec::new();
    for r in &finding.related {
        if r.loc.file == finding.loc.file {
            labels.push(Label {
                loc: r.loc,
                text: Some(r.message.render(lang)),
                primary: false,
            });
        } else {
            related.push(diag(
                sources,
                &r.message.render(lang),
                None,
                miette::Severity::Advice,
                None,
                vec![Label {
                    loc: r.loc,
                    text: Some(r.element.clone()),
                    primary: true,
                }],
                Vec::new(),
            ));
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
    diag(
        sources,
        &finding.text(lang),
        // The rule's title in the report's language beside its code; the kebab-case name is
        // for machines (JSON, SARIF).
        Some(format!("{} · {}", finding.code(), finding.rule.title(lang))),
        if finding.waived.is_some() {
            miette::Severity::Advice
        } else {
            miette_severity(finding.severity)
        },
        (!help.is_empty()).then(|| help.join("\n")),
        labels,
        related,
    )
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
        // Ids and code spans are never broken across lines: wrap at spaces only.
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// miette writes the headings of related diagnostics (`Advice: `, `Warning: `, `Error: `) in
/// English at the start of a line; every other line it writes is indented. They are replaced
/// by the catalogue's words in `lang`.
fn localise_headings(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let key = match body.trim_end() {
            "Advice:" => Some("human.related.advice"),
            "Warning:" => Some("human.related.warning"),
            "Error:" => Some("human.related.error"),
            _ => None,
        };
        match key {
            Some(key) => {
                out.push_str(&tr(lang, key, &[]));
                out.push(' ');
                out.push_str(end);
            }
            None => out.push_str(line),
        }
    }
    out
}

fn push(out: &mut String, handler: &GraphicalReportHandler, diag: &Diag, lang: Lang) {
    let mut text = String::new();
    if handler.render_report(&mut text, diag).is_ok() {
        out.push_str(&localise_headings(&text, lang));
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
            report.lang,
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
    let (shown, more) = crate::load::shown_issues(issues);
    for issue in shown {
        let help = issue.help.as_ref().map(|h| h.get(lang).to_string());
        let diag = match issue.loc {
            Some(loc) => diag(
                sources,
                issue.message.get(lang),
                None,
                miette::Severity::Error,
                help,
                std::iter::once(Label {
                    loc,
                    text: None,
                    primary: true,
                })
                .chain(issue.related.iter().map(|(l, m)| Label {
                    loc: *l,
                    text: Some(m.get(lang).to_string()),
                    primary: false,
                }))
                .collect(),
                Vec::new(),
            ),
            None => diag(
                sources,
                &format!("{}: {}", issue.path, issue.message.get(lang)),
                None,
                miette::Severity::Error,
                help,
                Vec::new(),
                Vec::new(),
            ),
        };
        push(&mut out, &handler, &diag, lang);
    }
    for (path, said) in more {
        let message = format!("{path}: {}", said.get(lang));
        push(
            &mut out,
            &handler,
            &diag(
                sources,
                &message,
                None,
                miette::Severity::Error,
                None,
                Vec::new(),
                Vec::new(),
            ),
            lang,
        );
    }
    out.push_str(&tr(
        lang,
        "load.failed",
        &[("count", &issues.len().to_string())],
    ));
    out.push('\n');
    out
}
