//! One line per finding, like a compiler: `file:line:col: severity[CODE] message`.

use super::Report;
use crate::i18n::Lang;
use crate::load::LoadIssue;
use crate::source::Sources;
use crate::text::printable;

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for f in report.findings {
        let pos = report.sources.position(f.loc);
        let waived = if f.waived.is_some() {
            format!(" {}", crate::i18n::tr(report.lang, "short.waived", &[]))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}{}\n",
            printable(&report.sources.shown(f.loc)),
            pos.line,
            pos.column,
            f.severity.as_str(),
            f.code(),
            printable(&f.text(report.lang)),
            waived
        ));
    }
    if let Some(note) = super::coverage_note(report.coverage, report.lang) {
        out.push_str(&format!("kientruc: note: {note}\n"));
    }
    out
}

/// Load errors, one line each (at most [`crate::load::MAX_ISSUES_SHOWN_PER_FILE`] per file).
pub fn render_issues(issues: &[LoadIssue], sources: &Sources, lang: Lang) -> String {
    let mut out = String::new();
    let (shown, more) = crate::load::shown_issues(issues);
    for issue in shown {
        match issue.loc {
            Some(loc) => {
                let pos = sources.position(loc);
                out.push_str(&format!(
                    "{}:{}:{}: error: {}",
                    printable(&sources.shown(loc)),
                    pos.line,
                    pos.column,
                    printable(issue.message.get(lang))
                ));
            }
            None => out.push_str(&format!(
                "{}: error: {}",
                printable(&issue.path),
                printable(issue.message.get(lang))
            )),
        }
        if let Some(help) = &issue.help {
            out.push_str(&format!(" ({})", printable(help.get(lang))));
        }
        out.push('\n');
    }
    for (path, said) in more {
        out.push_str(&format!(
            "{}: error: {}\n",
            printable(&path),
            said.get(lang)
        ));
    }
    out
}
