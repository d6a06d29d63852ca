//! JUnit XML for CI test reports (GitLab's `artifacts:reports:junit`, Jenkins' xunit plugin,
//! junitparser), written with `quick-junit` and valid against the Jenkins xunit
//! `junit-10.xsd`. One test suite per model file, with its path in the suite's `file`
//! attribute (the schema allows `file` on suites only). In each suite: one test case per
//! finding, named `CODE name: element (file:line:col)`, failing when the finding is unwaived and
//! at or above `--fail-on`, passing with the message as output when below it, skipped when
//! waived; and one passing case per rule that ran and found nothing in the file. Only the rules
//! the command ran appear (never INV001/INV002 in `check`); principles left unjudged fail in a
//! `kientruc coverage` suite.

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use super::Report;
use crate::finding::Finding;
use crate::i18n::tr;

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

fn finding_case(report: &Report<'_>, file: &str, finding: &Finding) -> TestCase {
    let pos = report.sources.position(finding.loc);
    let text = line(report, finding);
    let blocks = report.fail_on.is_some_and(|t| finding.severity >= t);
    let status = if let Some(w) = &finding.waived {
        let mut status = TestCaseStatus::skipped();
        status.set_message(tr(
            report.lang,
            "waived",
            &[
                ("expires", &w.expires),
                ("approved_by", &w.approved_by),
                ("reason", &w.reason),
            ],
        ));
        status
    } else if blocks {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status
            .set_message(finding.text(report.lang).replace(['\r', '\n'], " "))
            .set_type(finding.code())
            .set_description(text.clone());
        status
    } else {
        TestCaseStatus::success()
    };
    let mut case = TestCase::new(
        format!(
            "{} {}: {} ({file}:{}:{})",
            finding.code(),
            finding.name(),
            finding.element,
            pos.line,
            pos.column
        ),
        status,
    );
    case.set_classname(file);
    if finding.waived.is_none() && !blocks {
        case.set_system_out(text);
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
        suite.extra.insert("file".into(), file.as_str().into());
        for rule in &report.coverage.ran_rules {
            let of_rule: Vec<&&Finding> =
                findings.iter().filter(|f| f.code() == rule.code).collect();
            if of_rule.is_empty() {
                let mut case = TestCase::new(
                    format!("{} {}", rule.code, rule.name),
                    TestCaseStatus::success(),
                );
                case.set_classname(file.as_str());
                suite.add_test_case(case);
            }
            for finding in of_rule {
                suite.add_test_case(finding_case(report, file, finding));
            }
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
    finish(&junit)
}

/// Serialises a report for the Jenkins xunit schema, which has no `skipped` attribute on
/// `testsuites` (quick-junit always writes one): the attribute is dropped from that element.
pub fn finish(junit: &JunitReport) -> String {
    // Serialising into memory has no I/O to fail, and `XmlString` sanitises every text.
    let text = junit.to_string().unwrap_or_default();
    let mut out = without_testsuites_skipped(&text).unwrap_or(text);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn without_testsuites_skipped(text: &str) -> Option<String> {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_str(text);
    let mut writer = quick_xml::Writer::new(Vec::new());
    loop {
        let event = reader.read_event().ok()?;
        match event {
            Event::Eof => break,
            Event::Start(start) if start.name().as_ref() == "testsuites" => {
                let mut element = BytesStart::new("testsuites");
                for attribute in start.attributes().flatten() {
                    if attribute.key.as_ref() != "skipped" {
                        element.push_attribute(attribute);
                    }
                }
                writer.write_event(Event::Start(element)).ok()?;
            }
            other => writer.write_event(other).ok()?,
        }
    }
    String::from_utf8(writer.into_inner()).ok()
}
