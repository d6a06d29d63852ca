//! GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of issues as GitLab
//! documents them — `description`, `check_name`, `fingerprint`, `severity` (`info`, `minor`,
//! `major`, `critical`, `blocker`), `location.path` and `location.lines.begin`. Waived findings
//! are left out (GitLab has no suppression). The fingerprint is the SARIF one (rule, element,
//! key, occurrence): stable when lines move.

use std::collections::HashMap;

use serde::Serialize;

use super::Report;
use crate::finding::{Finding, Severity};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

/// One issue; `path` and `line` are where it is (a finding, or a load error).
fn issue(finding: &Finding, report: &Report<'_>, occurrence: usize) -> Issue {
    let position = report.sources.position(finding.loc);
    Issue {
        description: format!(
            "[{}] {}",
            finding.code(),
            crate::text::printable(&finding.text(report.lang))
        ),
        check_name: format!("{} {}", finding.code(), finding.name()),
        fingerprint: format!("{}:{occurrence}", super::sarif::fingerprint(finding)),
        severity: severity(finding.severity),
        location: Location {
            path: crate::text::printable(&report.repository_path(finding.loc)).into_owned(),
            lines: Lines {
                begin: position.line,
            },
        },
    }
}

pub fn render(report: &Report<'_>) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let issues: Vec<Issue> = report
        .findings
        .iter()
        .filter(|f| f.waived.is_none() && !report.sources.get(f.loc.file).national)
        .map(|f| {
            let n = seen.entry(super::sarif::fingerprint(f)).or_default();
            *n += 1;
            issue(f, report, *n)
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

/// The document for a model that could not be judged: one `blocker` issue per error.
pub fn render_errors(report: &Report<'_>, errors: &[(String, usize, String)]) -> String {
    let issues: Vec<Issue> = errors
        .iter()
        .map(|(path, line, message)| Issue {
            description: format!("[load] {}", crate::text::printable(message)),
            check_name: "kientruc load".to_string(),
            fingerprint: super::sarif::hash(&["load", path, message]),
            severity: "blocker",
            location: Location {
                path: path.clone(),
                lines: Lines { begin: *line },
            },
        })
        .collect();
    let _ = report;
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}
