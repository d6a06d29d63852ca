//! A Markdown report for a pull-request comment or a meeting: a summary table of findings by
//! principle and severity, then the findings grouped by file, each linked to its line
//! (`path#Lline`). Every text from the model is escaped, so a name cannot break the table,
//! start a link or smuggle HTML into the page.

use std::collections::BTreeMap;

use super::{Report, uri};
use crate::finding::{Finding, Principle, Severity, Summary};
use crate::i18n::{Lang, money, tr};

/// How many findings a report lists: a pull-request comment holds at most 65,536
/// characters, and a meeting does not read further. The summary table counts them all.
pub const LISTED: usize = 200;

/// Escapes text for Markdown and inline HTML: it renders as the same characters, on one line,
/// and is safe inside a table cell.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '~' | '!' | '{' | '}'
            | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes a message for a list item, keeping its `code` spans (balanced backticks) as code:
/// inside a code span neither Markdown nor HTML is interpreted.
/// Plain text for the middle of a line, escaped only where CommonMark (and GFM tables and
/// strikethrough) would otherwise read it as markup: `\`, `` ` ``, `*`, `_`, `[`, `]`, `|`,
/// `~`, `<` (as `&lt;`) and `&` when it would start an entity. Parentheses, `#`, `!` and the
/// like mean nothing there and stay as they are, so no backslash shows in the rendered text.
/// Line breaks become spaces, control characters go.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;")
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A message whose code spans stay code, the rest escaped by [`inline`].
pub fn inline_message(text: &str) -> String {
    if !text.matches('`').count().is_multiple_of(2) {
        return inline(text);
    }
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                inline(part)
            } else {
                let code: String = part
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                format!("`{code}`")
            }
        })
        .collect()
}

pub fn message(text: &str) -> String {
    if !text.matches('`').count().is_multiple_of(2) {
        return escape(text);
    }
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                escape(part)
            } else {
                let code: String = part
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                format!("`{code}`")
            }
        })
        .collect()
}

/// A link to `path` at `line`, as the repository's web view understands it: relative, or
/// under `base` (`--link-base`, an absolute URL ending in `/`).
pub fn link(base: Option<&str>, path: &str, line: usize) -> String {
    format!(
        "[{}:{line}]({}{}#L{line})",
        escape(path),
        base.unwrap_or(""),
        uri(path)
    )
}

fn severity_word(lang: Lang, severity: Severity) -> String {
    tr(lang, &format!("severity.{}", severity.as_str()), &[])
}

/// The summary table: one row per principle that has findings, one column per severity.
pub fn summary_table(lang: Lang, findings: &[Finding]) -> String {
    let mut rows: BTreeMap<Principle, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        rows.entry(f.principle()).or_default().push(f);
    }
    let mut out = format!(
        "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|\n",
        tr(lang, "markdown.principle", &[]),
        severity_word(lang, Severity::Error),
        severity_word(lang, Severity::Warning),
        severity_word(lang, Severity::Info),
        tr(lang, "markdown.waived", &[]),
    );
    let row = |label: String, s: Summary| {
        format!(
            "| {label} | {} | {} | {} | {} |\n",
            s.error, s.warning, s.info, s.waived
        )
    };
    for principle in Principle::ALL {
        if let Some(list) = rows.get(&principle) {
            out.push_str(&row(
                tr(lang, &format!("principle.{}", principle.as_str()), &[]),
                Summary::of_iter(list.iter().copied()),
            ));
        }
    }
    out.push_str(&row(
        format!("**{}**", tr(lang, "markdown.total", &[])),
        Summary::of(findings),
    ));
    out
}

fn finding_item(report: &Report<'_>, f: &Finding) -> String {
    let lang = report.lang;
    let pos = report.sources.position(f.loc);
    let mut out = format!(
        "- **{}** `{}` {} — {} ({})\n",
        severity_word(lang, f.severity),
        f.code(),
        escape(f.name()),
        message(&f.text(report.lang)),
        link(report.link_base, &report.repository_path(f.loc), pos.line)
    );
    for r in &f.related {
        let pos = report.sources.position(r.loc);
        let place = if report.sources.get(r.loc.file).national {
            escape(report.sources.path(r.loc))
        } else {
            link(report.link_base, &report.repository_path(r.loc), pos.line)
        };
        out.push_str(&format!(
            "  - {}: {} ({place})\n",
            escape(&r.element),
            message(&r.message.render(report.lang))
        ));
    }
    if let Some(capex) = f.capex {
        out.push_str(&format!(
            "  - {}\n",
            escape(&tr(lang, "capex", &[("amount", &money(lang, capex))]))
        ));
    }
    if let Some(w) = &f.waived {
        out.push_str(&format!(
            "  - {}\n",
            escape(&tr(
                lang,
                "waived",
                &[
                    ("expires", &w.expires),
                    ("approved_by", &w.approved_by),
                    ("reason", &w.reason),
                ],
            ))
        ));
    }
    out
}

/// Notes on what the baseline suppressed and which of its entries are resolved.
pub fn baseline_notes(lang: Lang, outcome: &crate::baseline::Outcome) -> Vec<String> {
    let mut notes = Vec::new();
    if outcome.suppressed > 0 {
        notes.push(tr(
            lang,
            "baseline.suppressed",
            &[("count", &outcome.suppressed.to_string())],
        ));
    }
    if !outcome.resolved.is_empty() {
        notes.push(tr(
            lang,
            "baseline.resolved",
            &[("count", &outcome.resolved.len().to_string())],
        ));
    }
    notes
}

pub fn render(report: &Report<'_>) -> String {
    let lang = report.lang;
    let mut out = format!(
        "## {}\n\n",
        escape(&tr(lang, "markdown.title", &[("id", &report.stats.id)]))
    );
    out.push_str(&escape(&tr(
        lang,
        "summary.model",
        &[
            ("id", &report.stats.id),
            ("files", &report.stats.files.to_string()),
            ("elements", &report.stats.elements.to_string()),
            ("edges", &report.stats.edges.to_string()),
        ],
    )));
    out.push_str("\n\n");
    if let Some(note) = super::coverage_note(report.coverage, lang) {
        out.push_str(&format!("> ⚠️ {}\n\n", escape(&note)));
    }
    if report.findings.is_empty() {
        out.push_str(&escape(&tr(lang, "summary.none", &[])));
        out.push('\n');
    } else {
        out.push_str(&summary_table(lang, report.findings));
        out.push_str(&format!(
            "\n### {}\n",
            escape(&tr(lang, "markdown.findings", &[]))
        ));
        let mut by_file: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
        for f in report.findings {
            by_file
                .entry(report.repository_path(f.loc))
                .or_default()
                .push(f);
        }
        let mut listed = 0;
        for (file, findings) in by_file {
            if listed == LISTED {
                break;
            }
            out.push_str(&format!("\n#### {}\n\n", escape(&file)));
            for f in findings.into_iter().take(LISTED - listed) {
                out.push_str(&finding_item(report, f));
                listed += 1;
            }
        }
        if listed < report.findings.len() {
            let more = (report.findings.len() - listed).to_string();
            out.push_str(&format!(
                "\n{}\n",
                escape(&tr(lang, "markdown.more", &[("count", &more)]))
            ));
        }
    }
    if let Some(outcome) = report.baseline {
        let notes = baseline_notes(lang, outcome);
        if !notes.is_empty() {
            out.push('\n');
            for note in notes {
                out.push_str(&format!("> {}\n", escape(&note)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_tables_and_html_safe() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
        );
        assert_eq!(escape("x\ny"), "x y");
        assert_eq!(escape("[a](javascript:x)"), "\\[a\\]\\(javascript:x\\)");
    }

    #[test]
    fn messages_keep_code_spans() {
        assert_eq!(
            message("`a<b>` names *no* system"),
            "`a<b>` names \\*no\\* system"
        );
        assert_eq!(message("odd ` tick"), "odd \\` tick");
    }

    #[test]
    fn links_point_at_lines() {
        assert_eq!(
            link(None, "models/a b.yaml", 12),
            "[models/a b.yaml:12](models/a%20b.yaml#L12)"
        );
        assert_eq!(
            link(Some("https://git.example/o/r/blob/abc/"), "m/x.yaml", 3),
            "[m/x.yaml:3](https://git.example/o/r/blob/abc/m/x.yaml#L3)"
        );
    }
}
