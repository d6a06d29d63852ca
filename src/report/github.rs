//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding,
//! which GitHub shows as annotations on the pull request's files. Values are escaped as GitHub
//! documents it, so no name or message can end a command early or inject another one.
//! Waived findings are not annotated.

use super::Report;
use crate::finding::{Severity, Summary};
use crate::i18n::tr;
use crate::text::printable;

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for finding in report.findings.iter().filter(|f| f.waived.is_none()) {
        let start = report.sources.position(finding.loc);
        let end = report.sources.end_position(finding.loc);
        let title = format!("{} {}", finding.code(), finding.name());
        // Sanitised first (no control character reaches the log, escaped or not), then
        // escaped as GitHub documents; the line breaks between related places are ours.
        let mut message = printable(&finding.text(report.lang)).into_owned();
        for related in &finding.related {
            let pos = report.sources.position(related.loc);
            // The national catalogue is built into kientruc: no file of the repository.
            let path = if report.sources.get(related.loc.file).national {
                format!(
                    "{} {}",
                    tr(report.lang, "github.national", &[]),
                    report.sources.path(related.loc)
                )
            } else {
                report.repository_path(related.loc)
            };
            message.push_str(&format!(
                "\n{}:{}:{}: {}: {}",
                printable(&path),
                pos.line,
                pos.column,
                printable(&related.element),
                printable(&related.message.render(report.lang))
            ));
        }
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            command(finding.severity),
            escape_property(&printable(&report.repository_path(finding.loc))),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&title),
            escape_data(&message)
        ));
    }
    if let Some(note) = super::coverage_note(report.coverage, report.lang) {
        out.push_str(&format!(
            "::warning title={}::{}\n",
            escape_property("kientruc"),
            escape_data(&note)
        ));
    }
    let summary = Summary::of(report.findings);
    out.push_str(&tr(
        report.lang,
        "summary.counts",
        &[
            ("errors", &summary.error.to_string()),
            ("warnings", &summary.warning.to_string()),
            ("infos", &summary.info.to_string()),
            ("waived", &summary.waived.to_string()),
        ],
    ));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(escape_data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        // A message cannot start a new command on its own line.
        assert!(!escape_data("x\n::error::boom").contains('\n'));
    }
}
