//! When the model cannot be judged (exit 2), the machine formats still write a document, so
//! that a CI pipeline never goes dark on the change that most needs it: SARIF with
//! `executionSuccessful: false` and one notification per error, JUnit with an errored test case
//! per error, GitHub annotations on the offending lines, JSON with an `errors` list, Markdown
//! with the errors. Paths are the repository's, as for findings ([`Report::repository_path`]).

use serde::Serialize;
use serde_json::json;

use super::json::{LocationJson, Tool};
use super::{Format, Report};
use crate::i18n::tr;
use crate::load::LoadIssue;

/// The document of `format` for a model that could not be judged; `None` for the formats
/// written for a person on a terminal (`human`, `short`), which print the errors on stderr.
pub fn render(format: Format, report: &Report<'_>, issues: &[LoadIssue]) -> Option<String> {
    Some(match format {
        Format::Human | Format::Short => return None,
        Format::Json => json(report, issues),
        Format::Sarif => sarif(report, issues),
        Format::Junit => junit(report, issues),
        Format::Github => github(report, issues),
        Format::Markdown => markdown(report, issues),
        Format::Gitlab => super::gitlab::render_errors(report, &errors(report, issues)),
        Format::Checkstyle => checkstyle(report, issues),
    })
}

/// Where an error is, as the repository knows it: file, line and column (1 and 1 for an error
/// about a whole file or directory).
fn place(report: &Report<'_>, issue: &LoadIssue) -> (String, usize, usize) {
    match issue.loc {
        Some(loc) => {
            let p = report.sources.position(loc);
            (report.repository_path(loc), p.line, p.column)
        }
        None => (format!("{}{}", report.base, issue.path), 1, 1),
    }
}

/// `(path, line, text)` of every error.
fn errors(report: &Report<'_>, issues: &[LoadIssue]) -> Vec<(String, usize, String)> {
    issues
        .iter()
        .map(|issue| {
            let (path, line, _) = place(report, issue);
            (path, line, text(report, issue))
        })
        .collect()
}

fn checkstyle(report: &Report<'_>, issues: &[LoadIssue]) -> String {
    let mut files: std::collections::BTreeMap<String, Vec<super::checkstyle::Entry>> =
        std::collections::BTreeMap::new();
    for issue in issues {
        let (path, line, column) = place(report, issue);
        files.entry(path).or_default().push((
            line,
            column,
            "error",
            text(report, issue),
            "kientruc.load".to_string(),
        ));
    }
    super::checkstyle::write(&files)
}

/// The error's text with its help, on one line.
fn text(report: &Report<'_>, issue: &LoadIssue) -> String {
    let lang = report.lang;
    match &issue.help {
        Some(help) => format!("{} ({})", issue.message.get(lang), help.get(lang)),
        None => issue.message.get(lang).to_string(),
    }
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    message: &'a str,
    help: Option<&'a str>,
    /// The file or directory concerned.
    path: String,
    location: Option<LocationJson<'a>>,
}

fn json(report: &Report<'_>, issues: &[LoadIssue]) -> String {
    let lang = report.lang;
    let errors: Vec<ErrorJson<'_>> = issues
        .iter()
        .map(|issue| ErrorJson {
            message: issue.message.get(lang),
            help: issue.help.as_ref().map(|h| h.get(lang)),
            path: place(report, issue).0,
            location: issue.loc.map(|loc| LocationJson::of(report.sources, loc)),
        })
        .collect();
    let document = json!({
        "version": super::json::VERSION,
        "tool": Tool::current(),
        "model": null,
        "judged": false,
        "errors": errors,
        "findings": [],
        "summary": {"error": 0, "warning": 0, "info": 0, "waived": 0},
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn sarif(report: &Report<'_>, issues: &[LoadIssue]) -> String {
    let mut log = super::sarif::log(report);
    let notifications: Vec<serde_json::Value> = issues
        .iter()
        .map(|issue| {
            let mut notification = json!({
                "level": "error",
                "message": {"text": text(report, issue)},
                "descriptor": {"id": "kientruc/load"},
            });
            if let Some(loc) = issue.loc {
                notification["locations"] = json!([super::sarif::location_json(report, loc)]);
            } else {
                notification["locations"] = json!([{
                    "physicalLocation": {"artifactLocation": {"uri": super::artifact_uri(&place(report, issue).0)}}
                }]);
            }
            notification
        })
        .collect();
    let mut value = serde_json::to_value(&mut log).unwrap_or_default();
    value["runs"][0]["invocations"] = json!([{
        "executionSuccessful": false,
        "toolExecutionNotifications": notifications,
    }]);
    value["runs"][0]["results"] = json!([]);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn junit(report: &Report<'_>, issues: &[LoadIssue]) -> String {
    use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};
    let mut junit = JunitReport::new("kientruc");
    let mut suite = TestSuite::new("kientruc load");
    for issue in issues {
        let (path, line, column) = place(report, issue);
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status.set_message(text(report, issue));
        status.set_type("load");
        let mut case = TestCase::new(format!("load {path}:{line}:{column}"), status);
        case.set_classname(path);
        suite.add_test_case(case);
    }
    junit.add_test_suite(suite);
    super::junit::finish(&junit)
}

fn github(report: &Report<'_>, issues: &[LoadIssue]) -> String {
    use super::github::{escape_data, escape_property};
    let mut out = String::new();
    for issue in issues {
        let (path, line, column) = place(report, issue);
        out.push_str(&format!(
            "::error file={},line={line},col={column},title={}::{}\n",
            escape_property(&path),
            escape_property("kientruc"),
            escape_data(&text(report, issue))
        ));
    }
    out.push_str(&tr(
        report.lang,
        "load.failed",
        &[("count", &issues.len().to_string())],
    ));
    out.push('\n');
    out
}

fn markdown(report: &Report<'_>, issues: &[LoadIssue]) -> String {
    use super::markdown::{escape, link, message};
    let lang = report.lang;
    let mut out = format!(
        "## {}\n\n",
        escape(&tr(
            lang,
            "load.failed",
            &[("count", &issues.len().to_string())]
        ))
    );
    for issue in issues {
        let (path, line, _) = place(report, issue);
        out.push_str(&format!(
            "- {} ({})\n",
            message(&text(report, issue)),
            link(report.link_base, &path, line)
        ));
    }
    out
}
