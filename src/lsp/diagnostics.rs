//! Findings and load errors → LSP diagnostics, grouped by the file they are in (a finding about
//! another file than the one edited appears in that file).

use std::collections::BTreeMap;
use std::path::Path;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
};

use super::convert::{path_to_uri, range};
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::load::LoadIssue;
use crate::source::{Loc, Sources};
use crate::text::printable;

/// What the server tells about a finding besides its message: the suggested id, read by the
/// code action of KT001.
pub const SUGGESTION: &str = "suggestion";

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The location of a place in a model file (national catalogue files have none on disk).
pub fn location(root: &Path, sources: &Sources, loc: Loc) -> Option<Location> {
    let file = sources.get(loc.file);
    if file.national || file.outside_model {
        return None;
    }
    let uri = path_to_uri(&root.join(&file.path))?;
    Some(Location::new(uri, range(sources, loc)))
}

/// The diagnostics of a judged model, by shown path. Waived findings are left out, as in the
/// terminal report's counts of what is open.
pub fn of_findings(
    root: &Path,
    sources: &Sources,
    findings: &[Finding],
    lang: Lang,
) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for finding in findings.iter().filter(|f| f.waived.is_none()) {
        let file = sources.get(finding.loc.file);
        if file.national || file.outside_model {
            continue;
        }
        let related: Vec<DiagnosticRelatedInformation> = finding
            .related
            .iter()
            .filter_map(|r| {
                Some(DiagnosticRelatedInformation {
                    location: location(root, sources, r.loc)?,
                    message: printable(&r.message.render(lang)).into_owned(),
                })
            })
            .collect();
        let data = finding
            .message
            .text(SUGGESTION)
            .map(|s| serde_json::json!({ SUGGESTION: s }));
        out.entry(file.path.clone()).or_default().push(Diagnostic {
            range: range(sources, finding.loc),
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(finding.rule.code.to_string())),
            code_description: None,
            source: Some("kientruc".to_string()),
            message: format!("{} ({})", printable(&finding.text(lang)), finding.rule.name),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data,
        });
    }
    out
}

/// The diagnostics of a model that could not be loaded, by shown path. An issue about a path
/// with no place in a file (an unreadable file) is shown at its first line.
pub fn of_issues(
    root: &Path,
    sources: &Sources,
    issues: &[LoadIssue],
    lang: Lang,
) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for issue in issues {
        let (path, range) = match issue.loc {
            Some(loc) if !sources.get(loc.file).national => {
                (sources.get(loc.file).path.clone(), range(sources, loc))
            }
            _ => (issue.path.clone(), lsp_types::Range::default()),
        };
        let mut message = printable(issue.message.get(lang)).into_owned();
        if let Some(help) = &issue.help {
            message.push('\n');
            message.push_str(&printable(help.get(lang)));
        }
        let related: Vec<DiagnosticRelatedInformation> = issue
            .related
            .iter()
            .filter_map(|(loc, said)| {
                Some(DiagnosticRelatedInformation {
                    location: location(root, sources, *loc)?,
                    message: printable(said.get(lang)).into_owned(),
                })
            })
            .collect();
        out.entry(path).or_default().push(Diagnostic {
            range,
            severity: Some(DiagnosticSeverity::ERROR),
            code: None,
            code_description: None,
            source: Some("kientruc".to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        });
    }
    out
}
