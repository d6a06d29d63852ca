//! Findings: what a rule reports, with its severity, the element it is about, the span that
//! causes it and related places. Also the one place that orders findings and counts them.

use serde::Serialize;

use crate::source::{Loc, Sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The principle of framework 3.0 a rule serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Principle {
    Integrity,
    Reuse,
    Sharing,
    Duplication,
    Interconnection,
    Inheritance,
    Security,
    Hosting,
    Investment,
}

impl Principle {
    pub const ALL: [Principle; 9] = [
        Principle::Integrity,
        Principle::Reuse,
        Principle::Sharing,
        Principle::Duplication,
        Principle::Interconnection,
        Principle::Inheritance,
        Principle::Security,
        Principle::Hosting,
        Principle::Investment,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Principle::Integrity => "integrity",
            Principle::Reuse => "reuse",
            Principle::Sharing => "sharing",
            Principle::Duplication => "duplication",
            Principle::Interconnection => "interconnection",
            Principle::Inheritance => "inheritance",
            Principle::Security => "security",
            Principle::Hosting => "hosting",
            Principle::Investment => "investment",
        }
    }
}

/// Another element involved in a finding ("duplicates `qlvb`, defined here").
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub element: String,
    pub message: String,
    pub loc: Loc,
}

/// The waiver that covers a finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waived {
    pub reason: String,
    pub approved_by: String,
    pub expires: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub principle: Principle,
    /// The id of the element the finding is about.
    pub element: String,
    pub message: String,
    /// A language-independent key of the message (message id and its arguments), for baselines.
    pub key: String,
    pub loc: Loc,
    pub related: Vec<Related>,
    pub waived: Option<Waived>,
    /// Investment at stake (VND), for duplication findings.
    pub capex: Option<u64>,
    pub opex: Option<u64>,
}

/// Orders findings by file, line, column, code, then element and message (the one ordering).
pub fn sort(findings: &mut [Finding], sources: &Sources) {
    findings.sort_by(|a, b| {
        sources
            .path(a.loc)
            .cmp(sources.path(b.loc))
            .then(a.loc.span.start.cmp(&b.loc.span.start))
            .then(a.code.cmp(b.code))
            .then(a.element.cmp(&b.element))
            .then(a.message.cmp(&b.message))
    });
}

/// Counts by severity; waived findings count apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub waived: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        Summary::of_iter(findings)
    }
    pub fn of_iter<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            if f.waived.is_some() {
                s.waived += 1;
                continue;
            }
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }
}

/// The `--fail-on` threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// Whether any unwaived finding reaches the threshold.
    pub fn fails(self, findings: &[Finding]) -> bool {
        let threshold = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Never => return false,
        };
        findings
            .iter()
            .any(|f| f.waived.is_none() && f.severity >= threshold)
    }
}
