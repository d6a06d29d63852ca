//! The rule registry and the engine that runs it. A [`Rule`] is plain data: code, name, default
//! severity, principle, its messages in both languages, its explanation (the Markdown files in
//! `docs/` beside the code) and its check. [`ALL`] lists the rules in documentation order;
//! `kientruc rules`, `explain`, the README table and SARIF all read it. A check only reads the
//! model and graph through a [`Context`] and reports into a [`Sink`], which stamps the rule's
//! code and effective severity; checks cannot fail and never print.

pub mod dup;
mod integrity;
pub mod inv;
pub mod link;
mod quality;
mod reuse;
pub mod sec;
mod share;
mod waivers;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::finding::{Finding, Principle, Related, Severity};
use crate::graph::{Graph, Kind};
use crate::i18n::{Lang, Text, fill};
use crate::load::LoadIssue;
use crate::model::{FileId, Model, RuleLevel};
use crate::source::{Loc, Sources};

/// The rule's explanation, printed by `kientruc explain`.
#[derive(Debug, Clone, Copy)]
pub struct Explain {
    pub vi: &'static str,
    pub en: &'static str,
}

impl Explain {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

pub type Check = fn(&Context<'_>, &mut Sink<'_>);

#[derive(Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub principle: Principle,
    pub explain: Explain,
    /// The rule's messages; `message` is the finding's own text.
    pub texts: &'static [Text],
    /// `None` for rules the engine or `review` reports themselves (KT008, INV).
    pub check: Option<Check>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)
    }
}

impl Rule {
    /// One of the rule's texts in `lang`; an unknown key is a bug and shows as the key.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        match self.texts.iter().find(|t| t.key == key) {
            Some(text) => fill(text.get(lang), args),
            None => key.to_string(),
        }
    }
    /// The short description (the `title` text), in `lang`.
    pub fn title(&self, lang: Lang) -> String {
        self.text(lang, "title", &[])
    }
}

/// Every rule, in documentation order.
pub const ALL: &[Rule] = &[
    integrity::KT001,
    integrity::KT002,
    integrity::KT003,
    quality::KT004,
    quality::KT005,
    quality::KT006,
    quality::KT007,
    waivers::KT008,
    reuse::REUSE001,
    reuse::REUSE002,
    reuse::REUSE003,
    reuse::REUSE004,
    reuse::REUSE005,
    share::SHARE001,
    share::SHARE002,
    share::SHARE003,
    share::SHARE004,
    share::SHARE005,
    dup::DUP001,
    dup::DUP002,
    dup::DUP003,
    link::LINK001,
    link::LINK002,
    sec::SEC001,
    sec::SEC002,
    sec::SEC003,
    inv::INV001,
    inv::INV002,
];

/// The rule with this code (case-insensitive).
pub fn find(code: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The `kientruc rules` table.
pub fn table(lang: Lang) -> String {
    let header = [
        crate::i18n::tr(lang, "rules.header.code", &[]),
        crate::i18n::tr(lang, "rules.header.name", &[]),
        crate::i18n::tr(lang, "rules.header.severity", &[]),
        crate::i18n::tr(lang, "rules.header.principle", &[]),
    ];
    let rows: Vec<[String; 4]> = ALL
        .iter()
        .map(|r| {
            [
                r.code.to_string(),
                r.name.to_string(),
                crate::i18n::tr(lang, &format!("severity.{}", r.severity.as_str()), &[]),
                crate::i18n::tr(lang, &format!("principle.{}", r.principle.as_str()), &[]),
            ]
        })
        .collect();
    let width = |i: usize| {
        std::iter::once(&header)
            .chain(rows.iter())
            .map(|row| row[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows.iter()) {
        for (i, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if i < 3 {
                let pad = widths[i] - cell.chars().count() + 2;
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
    out
}

/// The `kientruc explain CODE` text.
pub fn explain(rule: &Rule, lang: Lang) -> String {
    let severity = crate::i18n::tr(lang, &format!("severity.{}", rule.severity.as_str()), &[]);
    let principle = crate::i18n::tr(lang, &format!("principle.{}", rule.principle.as_str()), &[]);
    format!(
        "{} {} — {}\n{}: {}   {}: {}\n\n{}",
        rule.code,
        rule.name,
        rule.title(lang),
        crate::i18n::tr(lang, "explain.severity", &[]),
        severity,
        crate::i18n::tr(lang, "explain.principle", &[]),
        principle,
        rule.explain.get(lang).trim_end().to_string() + "\n"
    )
}

/// What a check can see.
pub struct Context<'a> {
    pub model: &'a Model,
    pub graph: &'a Graph<'a>,
    pub sources: &'a Sources,
    pub lang: Lang,
    pub today: NaiveDate,
}

impl Context<'_> {
    /// Whether a system belongs to the national level (not judged).
    pub fn is_national_system(&self, system: usize) -> bool {
        self.graph.national_system[system]
    }
}

/// Arguments whose values are words of the message catalogue or amounts formatted for a
/// language: left out of a finding's key, which must not change with `--lang`.
const WORDING: &[&str] = &["expected", "found", "first_kind", "kind", "capex"];

/// Where a check reports; stamps the rule's code and effective severity.
pub struct Sink<'a> {
    rule: &'static Rule,
    severity: Severity,
    lang: Lang,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(
        rule: &'static Rule,
        severity: Severity,
        lang: Lang,
        findings: &'a mut Vec<Finding>,
    ) -> Self {
        Sink {
            rule,
            severity,
            lang,
            findings,
        }
    }

    /// Reports a finding on `element`, underlining `loc`, with the rule's text `key`.
    pub fn report(
        &mut self,
        element: &str,
        loc: Loc,
        key: &str,
        args: &[(&str, &str)],
    ) -> Reported<'_> {
        let message = self.rule.text(self.lang, key, args);
        let mut stable = String::from(key);
        for (name, v) in args {
            if !WORDING.contains(name) {
                stable.push('|');
                stable.push_str(v);
            }
        }
        self.findings.push(Finding {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.severity,
            principle: self.rule.principle,
            element: element.to_string(),
            message,
            key: stable,
            loc,
            related: Vec::new(),
            waived: None,
            capex: None,
            opex: None,
        });
        let finding = self.findings.last_mut().expect("a finding was just pushed");
        Reported {
            finding,
            rule: self.rule,
            lang: self.lang,
        }
    }

    /// Reports at a given severity (for rules whose severity depends on the case, e.g. a
    /// temporary integration reported as info until its date).
    pub fn report_as(
        &mut self,
        severity: Severity,
        element: &str,
        loc: Loc,
        key: &str,
        args: &[(&str, &str)],
    ) -> Reported<'_> {
        let reported = self.report(element, loc, key, args);
        reported.finding.severity = severity;
        reported
    }

    pub fn severity(&self) -> Severity {
        self.severity
    }
}

/// A finding just reported, to which related places can be added.
pub struct Reported<'a> {
    finding: &'a mut Finding,
    rule: &'static Rule,
    lang: Lang,
}

impl Reported<'_> {
    pub fn related(self, element: &str, loc: Loc, key: &str, args: &[(&str, &str)]) -> Self {
        let message = self.rule.text(self.lang, key, args);
        self.finding.related.push(Related {
            element: element.to_string(),
            message,
            loc,
        });
        self
    }
    pub fn cost(self, capex: Option<u64>, opex: Option<u64>) -> Self {
        self.finding.capex = capex;
        self.finding.opex = opex;
        self
    }
}

/// The effective level of every rule: defaults overridden by the model's `rules:` section.
#[derive(Debug, Clone)]
pub struct Levels {
    levels: HashMap<&'static str, Option<Severity>>,
}

impl Levels {
    pub fn of(&self, rule: &Rule) -> Option<Severity> {
        self.levels
            .get(rule.code)
            .copied()
            .unwrap_or(Some(rule.severity))
    }
}

/// Reads the `rules:` section and checks the rule codes it and `waivers:` name.
pub fn configure(model: &Model, sources: &Sources) -> Result<Levels, Vec<LoadIssue>> {
    let mut issues = Vec::new();
    let mut levels = HashMap::new();
    let codes = || ALL.iter().map(|r| r.code);
    // Only the errors shown get a suggestion: a file can name a million unknown codes.
    let mut per_file: HashMap<FileId, usize> = HashMap::new();
    let mut unknown = |file, span, code: &str| {
        let count = per_file.entry(file).or_default();
        *count += 1;
        LoadIssue {
            loc: Some(Loc::new(file, span)),
            path: sources.get(file).path.clone(),
            message: crate::i18n::Said::new(
                format!("`{}` không phải mã quy tắc", crate::text::clip(code)),
                format!("`{}` is not a rule code", crate::text::clip(code)),
            ),
            help: (*count <= crate::load::MAX_ISSUES_SHOWN_PER_FILE)
                .then(|| crate::load::suggest_help(code, codes())),
            related: Vec::new(),
        }
    };
    for setting in &model.rules {
        match find(&setting.code.value) {
            Some(rule) => {
                let level = match setting.level.value {
                    RuleLevel::Off => None,
                    RuleLevel::Info => Some(Severity::Info),
                    RuleLevel::Warning => Some(Severity::Warning),
                    RuleLevel::Error => Some(Severity::Error),
                };
                levels.insert(rule.code, level);
            }
            None => issues.push(unknown(
                setting.file,
                setting.code.span,
                &setting.code.value,
            )),
        }
    }
    for waiver in &model.waivers {
        if find(&waiver.rule.value).is_none() {
            issues.push(unknown(waiver.file, waiver.rule.span, &waiver.rule.value));
        }
    }
    if issues.is_empty() {
        Ok(Levels { levels })
    } else {
        Err(issues)
    }
}

/// Runs every rule with a check, integrity first, then applies waivers (KT008) and drops
/// findings on national elements. The findings come back sorted.
pub fn run(ctx: &Context<'_>, levels: &Levels) -> Vec<Finding> {
    let mut findings = Vec::new();
    let (integrity, others): (Vec<&'static Rule>, Vec<&'static Rule>) = ALL
        .iter()
        .filter(|r| r.check.is_some())
        .partition(|r| integrity::is_integrity(r));
    run_rules(ctx, levels, &integrity, &mut findings);
    if findings.is_empty() {
        run_rules(ctx, levels, &others, &mut findings);
        findings.retain(|f| !on_national_element(ctx, f));
        waivers::apply(ctx, levels, &mut findings);
    }
    crate::finding::sort(&mut findings, ctx.sources);
    findings
}

fn run_rules(
    ctx: &Context<'_>,
    levels: &Levels,
    rules: &[&'static Rule],
    findings: &mut Vec<Finding>,
) {
    for rule in rules {
        let (Some(severity), Some(check)) = (levels.of(rule), rule.check) else {
            continue;
        };
        let mut sink = Sink::new(rule, severity, ctx.lang, findings);
        check(ctx, &mut sink);
    }
}

/// "The province is not judged for national elements": elements defined by the national
/// catalogue, and systems and data sets owned by a central agency.
fn on_national_element(ctx: &Context<'_>, finding: &Finding) -> bool {
    let Some(element) = ctx.graph.lookup(&finding.element) else {
        return false;
    };
    if ctx
        .sources
        .get(ctx.graph.element_loc(element).file)
        .national
    {
        return true;
    }
    match element.kind {
        Kind::System => ctx.graph.national_system[element.index],
        Kind::Data => ctx.graph.national_data[element.index],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::placeholders;

    #[test]
    fn codes_unique_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(
                rule.texts.iter().any(|t| t.key == "title"),
                "{} has no title",
                rule.code
            );
            for text in rule.texts {
                assert_eq!(
                    placeholders(text.vi),
                    placeholders(text.en),
                    "{} {}",
                    rule.code,
                    text.key
                );
            }
            for heading in [
                "## What it checks",
                "## Why it matters",
                "## Example",
                "## How to fix",
            ] {
                assert!(
                    rule.explain.en.contains(heading),
                    "{} en lacks {heading}",
                    rule.code
                );
            }
            for heading in [
                "## Quy tắc kiểm tra gì",
                "## Vì sao quan trọng",
                "## Ví dụ",
                "## Cách khắc phục",
            ] {
                assert!(
                    rule.explain.vi.contains(heading),
                    "{} vi lacks {heading}",
                    rule.code
                );
            }
        }
    }
}
