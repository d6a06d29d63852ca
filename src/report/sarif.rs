//! SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, SonarQube…),
//! built from the `serde-sarif` types. The rules come from `rules::ALL`, with their
//! explanation as help; every result has a fingerprint that does not depend on line numbers,
//! so alerts survive edits above them; waived findings are results with a suppression. Paths
//! are relative to the repository root when the model is inside a git repository.

use std::collections::{BTreeMap, HashMap};

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    ReportingDescriptorReference, Result as SarifResult, ResultLevel, Run, Sarif, Suppression,
    Tool, ToolComponent,
};
use sha2::{Digest, Sha256};

use super::{Report, uri};
use crate::finding::{Finding, Severity};
use crate::rules::{ALL, Rule};
use crate::source::Loc;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The uriBaseId of files of the built-in national catalogue, which are in no repository.
pub const NATIONAL_BASE: &str = "KIENTRUC_NATIONAL";
/// The name of kientruc's partial fingerprint.
pub const FINGERPRINT: &str = "kientruc/v1";

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

/// Markdown made plain text: code spans, emphasis and list bullets dropped, fenced code kept
/// as it is (SARIF's `text` fields are plain).
fn plain(markdown: &str) -> String {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            out.push(format!("    {line}"));
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let line = line.strip_prefix("- ").unwrap_or(line);
        out.push(line.replace("**", "").replace('`', ""));
    }
    out.join("\n").trim().to_string()
}

/// The whole first section of the explanation ("What it checks"), as one plain paragraph: its
/// lists and sentences joined, never cut at a colon.
fn full_description(explain: &str) -> Option<String> {
    let mut lines = Vec::new();
    let mut started = false;
    for line in explain.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            if started {
                break;
            }
            started = true;
            continue;
        }
        if !line.is_empty() {
            started = true;
            lines.push(line.strip_prefix("- ").unwrap_or(line));
        }
    }
    let text = plain(&lines.join(" "));
    (!text.is_empty()).then_some(text)
}

/// GitHub's `security-severity` (0–10) of a security rule at its default severity.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "7.5",
        Severity::Warning => "5.0",
        Severity::Info => "2.0",
    }
}

/// The rule's explanation (what `kientruc explain` prints) in the project's repository, at
/// this version's tag: `src/rules/docs/<code>.<lang>.md`.
fn help_uri(rule: &Rule, lang: crate::i18n::Lang) -> String {
    format!(
        "{}/blob/v{}/src/rules/docs/{}.{}.md",
        env!("CARGO_PKG_REPOSITORY"),
        env!("CARGO_PKG_VERSION"),
        rule.code.to_ascii_lowercase(),
        lang.as_str()
    )
}

fn descriptor(rule: &Rule, report: &Report<'_>) -> ReportingDescriptor {
    let lang = report.lang;
    let title = rule.title(lang);
    let explain = rule.explain.get(lang);
    let help = if explain.trim().is_empty() {
        title.clone()
    } else {
        explain.to_string()
    };
    let mut properties = BTreeMap::new();
    // `security` (the principle's own word) is also the tag GitHub reads for security rules.
    let tags = vec![rule.principle.as_str()];
    if rule.principle == crate::finding::Principle::Security {
        properties.insert(
            "security-severity".to_string(),
            json!(security_severity(rule.severity)),
        );
    }
    properties.insert("tags".to_string(), json!(tags));
    properties.insert("principle".to_string(), json!(rule.principle.as_str()));
    let text = |text: String| MultiformatMessageString::builder().text(text).build();
    let mut descriptor = ReportingDescriptor::builder()
        .id(rule.code)
        .name(rule.name)
        .short_description(text(title.clone()))
        .full_description(text(full_description(explain).unwrap_or(title)))
        .help(
            MultiformatMessageString::builder()
                .text(plain(&help))
                .markdown(help)
                .build(),
        )
        .help_uri(help_uri(rule, lang))
        .build();
    descriptor.default_configuration = Some(ReportingConfiguration {
        level: Some(json!(level(rule.severity))),
        ..Default::default()
    });
    descriptor.properties = Some(PropertyBag {
        additional_properties: properties,
        ..Default::default()
    });
    descriptor
}

fn location(report: &Report<'_>, loc: Loc, message: Option<&str>, id: Option<i64>) -> Location {
    let file = report.sources.get(loc.file);
    let artifact = if file.national {
        ArtifactLocation {
            uri: Some(uri(&file.path)),
            uri_base_id: Some(NATIONAL_BASE.to_string()),
            ..Default::default()
        }
    } else {
        ArtifactLocation {
            uri: Some(super::artifact_uri(&report.repository_path(loc))),
            ..Default::default()
        }
    };
    let start = report.sources.position(loc);
    let end = report.sources.end_position(loc);
    let to_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    Location {
        id,
        message: message.map(Message::from),
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(artifact),
            region: Some(Region {
                start_line: Some(to_i64(start.line)),
                start_column: Some(to_i64(start.column)),
                end_line: Some(to_i64(end.line)),
                end_column: Some(to_i64(end.column)),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A location in SARIF's JSON form (for documents built as values).
pub fn location_json(report: &Report<'_>, loc: Loc) -> serde_json::Value {
    serde_json::to_value(location(report, loc, None, None)).unwrap_or_default()
}

/// A hash of what the finding is (rule, element, message key), not where it is.
pub fn fingerprint(finding: &Finding) -> String {
    hash(&[finding.code(), &finding.element, &finding.key()])
}

/// The SHA-256 of `parts`, each ended by a NUL byte, in hexadecimal.
pub fn hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn result(
    report: &Report<'_>,
    finding: &Finding,
    rule_index: Option<usize>,
    occurrence: usize,
) -> SarifResult {
    let related: Vec<Location> = finding
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let text = format!("{}: {}", r.element, r.message.render(report.lang));
            location(report, r.loc, Some(&text), i64::try_from(i).ok())
        })
        .collect();
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(
        FINGERPRINT.to_string(),
        format!("{}:{occurrence}", fingerprint(finding)),
    );
    let mut properties = BTreeMap::new();
    properties.insert("element".to_string(), json!(finding.element));
    properties.insert("principle".to_string(), json!(finding.principle().as_str()));
    if let Some(capex) = finding.capex {
        properties.insert("capex".to_string(), json!(capex));
    }
    if let Some(opex) = finding.opex {
        properties.insert("opex".to_string(), json!(opex));
    }
    let mut result = SarifResult::builder()
        .message(Message::from(finding.text(report.lang).as_str()))
        .rule_id(finding.code())
        .level(level(finding.severity))
        .locations(vec![location(report, finding.loc, None, None)])
        .partial_fingerprints(fingerprints)
        .properties(PropertyBag {
            additional_properties: properties,
            ..Default::default()
        })
        .build();
    result.rule_index = rule_index.and_then(|i| i64::try_from(i).ok());
    result.related_locations = (!related.is_empty()).then_some(related);
    result.suppressions = finding.waived.as_ref().map(|w| {
        vec![
            Suppression::builder()
                .kind(json!("inSource"))
                .status(json!("accepted"))
                .justification(format!("{} ({}, {})", w.reason, w.approved_by, w.expires))
                .build(),
        ]
    });
    result
}

/// GitHub code scanning accepts at most this many results per run.
pub const GITHUB_MAX_RESULTS: usize = 25_000;

/// The findings written as results: all of them, or the `max_results` most severe.
fn kept_findings<'a>(report: &Report<'a>) -> Vec<&'a Finding> {
    let cap = report.max_results.unwrap_or(usize::MAX);
    if report.findings.len() <= cap {
        return report.findings.iter().collect();
    }
    let mut order: Vec<usize> = (0..report.findings.len()).collect();
    order.sort_by_key(|&i| {
        let f = &report.findings[i];
        (f.waived.is_some(), std::cmp::Reverse(f.severity), i)
    });
    order.truncate(cap);
    order.sort_unstable();
    order.into_iter().map(|i| &report.findings[i]).collect()
}

/// The SARIF log as a value (for tests and for embedding).
pub fn log(report: &Report<'_>) -> Sarif {
    let index: HashMap<&str, usize> = ALL.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Past the cap the most severe results are kept (unwaived before waived), in report order.
    let kept = kept_findings(report);
    let left_out = report.findings.len() - kept.len();
    let results: Vec<SarifResult> = kept
        .into_iter()
        .map(|f| {
            let occurrence = seen.entry(fingerprint(f)).or_default();
            *occurrence += 1;
            result(report, f, index.get(f.code()).copied(), *occurrence)
        })
        .collect();
    let mut driver = ToolComponent::builder()
        .name("kientruc")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_HOMEPAGE"))
        .build();
    driver.language = Some(report.lang.as_str().to_string());
    driver.rules = Some(ALL.iter().map(|r| descriptor(r, report)).collect());
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .build();
    run.language = Some(report.lang.as_str().to_string());
    // What was not judged is a tool execution notification: code-scanning services show it
    // beside the results, so "no results" is never read as "nothing wrong".
    let notifications: Vec<Notification> = super::coverage_note(report.coverage, report.lang)
        .map(|note| {
            let mut descriptor = ReportingDescriptorReference::builder().build();
            descriptor.id = Some("kientruc/coverage".to_string());
            let mut notification = Notification::builder()
                .message(Message::from(note.as_str()))
                .build();
            notification.level = Some(json!("warning"));
            notification.descriptor = Some(descriptor);
            let mut properties = BTreeMap::new();
            properties.insert(
                "notJudged".to_string(),
                json!(
                    report
                        .coverage
                        .missing()
                        .map(|(p, j)| json!({"principle": p.as_str(), "state": j.as_str()}))
                        .collect::<Vec<_>>()
                ),
            );
            properties.insert(
                "skippedRules".to_string(),
                json!(
                    report
                        .coverage
                        .skipped_rules
                        .iter()
                        .map(|r| r.code)
                        .collect::<Vec<_>>()
                ),
            );
            notification.properties = Some(PropertyBag {
                additional_properties: properties,
                ..Default::default()
            });
            notification
        })
        .into_iter()
        .collect();
    let mut notifications = notifications;
    if left_out > 0 {
        let mut notification = Notification::builder()
            .message(Message::from(
                crate::i18n::tr(
                    report.lang,
                    "sarif.capped",
                    &[
                        ("left", &left_out.to_string()),
                        ("kept", &(report.findings.len() - left_out).to_string()),
                    ],
                )
                .as_str(),
            ))
            .build();
        notification.level = Some(json!("warning"));
        let mut descriptor = ReportingDescriptorReference::builder().build();
        descriptor.id = Some("kientruc/max-results".to_string());
        notification.descriptor = Some(descriptor);
        notifications.push(notification);
    }
    let mut invocation = Invocation::builder().execution_successful(true).build();
    invocation.tool_execution_notifications = (!notifications.is_empty()).then_some(notifications);
    run.invocations = Some(vec![invocation]);
    let national = |loc: Loc| report.sources.get(loc.file).national;
    if report
        .findings
        .iter()
        .any(|f| national(f.loc) || f.related.iter().any(|r| national(r.loc)))
    {
        let mut bases = BTreeMap::new();
        bases.insert(
            NATIONAL_BASE.to_string(),
            ArtifactLocation {
                description: Some(Message::from(
                    "The national reference catalogue built into kientruc (models/national/).",
                )),
                ..Default::default()
            },
        );
        run.original_uri_base_ids = Some(bases);
    }
    Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

pub fn render(report: &Report<'_>) -> String {
    let mut text = serde_json::to_string_pretty(&log(report)).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_description_is_the_first_section_in_plain_text() {
        let text = "## What it checks\n\nTwo live systems\nprovide `one` capability:\n\n- a list item.\n\n## Why\n\nMore.\n";
        assert_eq!(
            full_description(text).as_deref(),
            Some("Two live systems provide one capability: a list item.")
        );
        assert_eq!(full_description("## What it checks\n\n## Why\n"), None);
    }
}
