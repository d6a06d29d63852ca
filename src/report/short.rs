//! One line per finding, like a compiler: `file:line:col: severity[CODE] message`.

use super::Report;
use crate::i18n::Lang;
use crate::load::LoadIssue;
use crate::source::Sources;

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for f in report.findings {
        let pos = report.sources.position(f.loc);
        let waived = if f.waived.is_some() { " (waived)" } else { "" };
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}{}\n",
            report.sources.path(f.loc),
            pos.line,
            pos.column,
            f.severity.as_str(),
            f.code(),
            f.text(report.lang),
            waived
        ));
    }
    if let Some(note) = super::coverage_note(report.coverage, report.lang) {
        out.push_str(&format!("kientruc: note: {note}\n"));
    }
    out
}

/// Load errors, one line each.
pub fn render_issues(issues: &[LoadIssue], sources: &Sources, lang: Lang) -> String {
    let mut out = String::new();
    for issue in issues {
        match issue.loc {
            Some(loc) => {
                let pos = sources.position(loc);
                out.push_str(&format!(
                    "{}:{}:{}: error: {}",
                    sources.path(loc),
                    pos.line,
                    pos.column,
                    issue.message.get(lang)
                ));
            }
            None => out.push_str(&format!(
                "{}: error: {}",
                issue.path,
                issue.message.get(lang)
            )),
        }
        if let Some(help) = &issue.help {
            out.push_str(&format!(" ({})", help.get(lang)));
        }
        out.push('\n');
    }
    out
}
