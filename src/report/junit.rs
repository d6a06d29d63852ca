//! JUnit XML for CI test reports (GitLab's `artifacts:reports:junit`, Jenkins), written with
//! `quick-junit`. One test suite per model file and one test case per rule per file, named
//! `CODE name` with the file as class name, as those tools list them. A case fails when the
//! rule reports an error or a warning in the file; info findings leave it passing with the
//! notes in its output; waived findings alone make it skipped.

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use super::Report;
use crate::finding::{Finding, Severity};
use crate::i18n::tr;
use crate::rules::ALL;

/// `file:line:col: severity[CODE] message`, one finding on one line (a message attribute
/// keeps no line breaks).
fn line(report: &Report<'_>, finding: &Finding) -> String {
    let pos = report.sources.position(finding.loc);
    format!(
        "{}:{}:{}: {}[{}] {}",
        report.repository_path(finding.loc),
        pos.line,
        pos.column,
        finding.severity.as_str(),
        finding.code(),
        finding.text(report.lang).replace(['\r', '\n'], " ")
    )
}

fn case(
    report: &Report<'_>,
    file: &str,
    code: &str,
    name: &str,
    findings: &[&Finding],
) -> TestCase {
    let lines = |pick: &dyn Fn(&Finding) -> bool| -> Vec<String> {
        findings
            .iter()
            .filter(|f| pick(f))
            .map(|f| line(report, f))
            .collect()
    };
    let failing = lines(&|f| f.waived.is_none() && f.severity >= Severity::Warning);
    let notes = lines(&|f| f.waived.is_none() && f.severity == Severity::Info);
    let mark = tr(report.lang, "waived.short", &[]);
    let waived: Vec<String> = lines(&|f| f.waived.is_some())
        .into_iter()
        .map(|line| format!("{line} ({mark})"))
        .collect();
    let status = if let Some(first) = failing.first() {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let message = if failing.len() == 1 {
            first.clone()
        } else {
            tr(
                report.lang,
                "junit.more",
                &[("first", first), ("more", &(failing.len() - 1).to_string())],
            )
        };
        status
            .set_message(message)
            .set_type(code)
            .set_description(failing.join("\n"));
        status
    } else if notes.is_empty() && !waived.is_empty() {
        let mut status = TestCaseStatus::skipped();
        status
            .set_message(tr(report.lang, "junit.waived", &[]))
            .set_description(waived.join("\n"));
        status
    } else {
        TestCaseStatus::success()
    };
    let mut case = TestCase::new(format!("{code} {name}"), status);
    case.set_classname(file);
    let output: Vec<String> = notes.into_iter().chain(waived).collect();
    if !output.is_empty() {
        case.set_system_out(output.join("\n"));
    }
    case
}

pub fn render(report: &Report<'_>) -> String {
    // Every model file is a suite, and so is any other file a finding points into.
    let mut files: BTreeMap<String, Vec<&Finding>> = report
        .sources
        .iter()
        .filter(|(_, f)| !f.national)
        .map(|(id, _)| {
            let loc = crate::source::Loc::new(id, crate::model::Span::default());
            (report.repository_path(loc), Vec::new())
        })
        .collect();
    for finding in report.findings {
        files
            .entry(report.repository_path(finding.loc))
            .or_default()
            .push(finding);
    }
    let mut junit = JunitReport::new("kientruc");
    for (file, findings) in &files {
        let mut suite = TestSuite::new(file.as_str());
        for rule in ALL {
            let of_rule: Vec<&Finding> = findings
                .iter()
                .copied()
                .filter(|f| f.code() == rule.code)
                .collect();
            suite.add_test_case(case(report, file, rule.code, rule.name, &of_rule));
        }
        junit.add_test_suite(suite);
    }
    // What was not judged is a failing case of its own: a CI report must not look green
    // because rules did not run.
    if let Some(note) = super::coverage_note(report.coverage, report.lang) {
        let mut suite = TestSuite::new("kientruc coverage");
        for (principle, judgement) in report.coverage.missing() {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(note.as_str());
            status.set_type(judgement.as_str());
            let mut case = TestCase::new(format!("principle {}", principle.as_str()), status);
            case.set_classname("kientruc.coverage");
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    // Serialising into memory has no I/O to fail, and `XmlString` sanitises every text.
    let mut text = junit.to_string().unwrap_or_default();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
