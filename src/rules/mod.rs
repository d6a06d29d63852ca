//! The rule registry and the engine that runs it. A [`Rule`] is plain data: code, name, default
//! severity, principle, its messages in both languages, its explanation (the Markdown files in
//! `docs/` beside the code) and its check. [`ALL`] lists the rules in documentation order;
//! `kientruc rules`, `explain`, the README table and SARIF all read it. A check only reads the
//! model and graph through a [`Context`] and reports into a [`Sink`], which stamps the rule's
//! code and effective severity; checks cannot fail and never print.

pub mod dup;
mod incumbent;
mod integrity;
pub mod inv;
pub mod link;
mod quality;
mod reuse;
pub mod sec;
mod share;
mod time;
mod waivers;

use std::collections::HashMap;

use chrono::NaiveDate;

use serde::Serialize;

use crate::finding::{Arg, Finding, Message, Principle, Related, Severity};
use crate::graph::Graph;
use crate::i18n::{Lang, Text, fill};
use crate::load::LoadIssue;
use crate::model::{FileId, Model, RuleLevel};
use crate::source::{Loc, Sources};

pub use integrity::is_integrity;
pub use inv::Proposal;

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

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.code == other.code
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)
    }
}

impl Rule {
    /// One of the rule's texts in `lang`; an unknown key is a bug and shows as the key (a
    /// test checks that every key a rule reports with exists).
    pub fn template(&self, lang: Lang, key: &'static str) -> &'static str {
        match self.texts.iter().find(|t| t.key == key) {
            Some(text) => text.get(lang),
            None => key,
        }
    }
    /// One of the rule's texts in `lang`, filled with `args`.
    pub fn text(&self, lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
        fill(self.template(lang, key), args)
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
    reuse::REUSE006,
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
    time::TIME001,
    time::TIME002,
    time::TIME003,
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
    pub today: NaiveDate,
    /// The proposal laid over the model, in `review` (the INV rules judge it).
    pub proposal: Option<&'a Proposal>,
    /// The metadata of the catalogue the model is judged against, and of the one it claims.
    pub catalogue: Option<&'a crate::model::catalogue::CatalogueInfo>,
    pub claimed: Option<&'a crate::model::catalogue::CatalogueInfo>,
}

/// Where a check reports; stamps the rule and its effective severity.
pub struct Sink<'a> {
    rule: &'static Rule,
    severity: Severity,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(rule: &'static Rule, severity: Severity, findings: &'a mut Vec<Finding>) -> Self {
        Sink {
            rule,
            severity,
            findings,
        }
    }

    /// Reports a finding on `element`, underlining `loc`, with the rule's text `key` filled
    /// with `args` (texts: ids, codes, names; see [`Reported`] for typed arguments).
    pub fn report(
        &mut self,
        element: &str,
        loc: Loc,
        key: &'static str,
        args: &[(&'static str, &str)],
    ) -> Reported<'_> {
        self.findings.push(Finding {
            rule: self.rule,
            severity: self.severity,
            element: element.to_string(),
            message: Message::new(self.rule, key, args),
            loc,
            related: Vec::new(),
            waived: None,
            capex: None,
            opex: None,
        });
        let finding = self.findings.last_mut().expect("a finding was just pushed");
        Reported { finding }
    }

    /// Reports at a given severity (for rules whose severity depends on the case, e.g. a
    /// temporary integration reported as info until its date).
    pub fn report_as(
        &mut self,
        severity: Severity,
        element: &str,
        loc: Loc,
        key: &'static str,
        args: &[(&'static str, &str)],
    ) -> Reported<'_> {
        let reported = self.report(element, loc, key, args);
        reported.finding.severity = severity;
        reported
    }

    pub fn severity(&self) -> Severity {
        self.severity
    }
}

/// A finding just reported, to which related places and typed arguments can be added.
pub struct Reported<'a> {
    finding: &'a mut Finding,
}

impl Reported<'_> {
    pub fn related(
        self,
        element: &str,
        loc: Loc,
        key: &'static str,
        args: &[(&'static str, &str)],
    ) -> Self {
        let message = Message::new(self.finding.rule, key, args);
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
    /// Adds a typed argument to the message.
    pub fn arg(self, name: &'static str, arg: Arg) -> Self {
        self.finding.message.args.push((name, arg));
        self
    }
}

/// The effective level of every rule, from its default and the model's `rules:` section, and
/// the rule each waiver names: rule codes resolved once, when the model is read.
#[derive(Debug, Clone, Default)]
pub struct Levels {
    levels: HashMap<&'static str, Option<Severity>>,
    /// Per waiver of the model, in order: the rule it names.
    pub waiver_rules: Vec<&'static Rule>,
}

impl Levels {
    pub fn of(&self, rule: &Rule) -> Option<Severity> {
        self.levels
            .get(rule.code)
            .copied()
            .unwrap_or(Some(rule.severity))
    }
}

/// Reads the `rules:` section and resolves the rule codes it and `waivers:` name, in any case
/// (`dup001` is DUP001); an unknown code is an error located on it.
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
    let mut waiver_rules = Vec::with_capacity(model.waivers.len());
    for waiver in &model.waivers {
        match find(&waiver.rule.value) {
            Some(rule) => waiver_rules.push(rule),
            None => issues.push(unknown(waiver.file, waiver.rule.span, &waiver.rule.value)),
        }
    }
    if issues.is_empty() {
        Ok(Levels {
            levels,
            waiver_rules,
        })
    } else {
        Err(issues)
    }
}

/// Whether a principle was judged, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Judgement {
    /// At least one of its rules ran.
    Judged,
    /// Its rules did not run: the model is not sound (KT001–KT003 fired).
    SkippedIntegrity,
    /// Every one of its rules is turned off by the model's `rules:` section.
    Off,
    /// Its rules judge something this command does not have (INV without a proposal).
    NotApplicable,
}

impl Judgement {
    /// Whether the principle counts as "not judged" (never shown as passed).
    pub fn is_missing(self) -> bool {
        matches!(self, Judgement::SkippedIntegrity | Judgement::Off)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Judgement::Judged => "judged",
            Judgement::SkippedIntegrity => "skipped-integrity",
            Judgement::Off => "off",
            Judgement::NotApplicable => "not-applicable",
        }
    }
}

/// What was judged: one entry per principle, in [`Principle::ALL`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub principles: Vec<(Principle, Judgement)>,
    /// The rules that did not run because the model is not sound.
    pub skipped_rules: Vec<&'static Rule>,
    /// The rules that ran, in registry order.
    pub ran_rules: Vec<&'static Rule>,
}

impl Coverage {
    /// Every principle judged (for reports made by hand).
    pub fn complete() -> Coverage {
        Coverage {
            principles: Principle::ALL
                .iter()
                .map(|&p| (p, Judgement::Judged))
                .collect(),
            skipped_rules: Vec::new(),
            ran_rules: ALL
                .iter()
                .filter(|r| r.principle != Principle::Investment)
                .collect(),
        }
    }
    pub fn of(&self, principle: Principle) -> Judgement {
        self.principles
            .iter()
            .find(|(p, _)| *p == principle)
            .map_or(Judgement::NotApplicable, |(_, j)| *j)
    }
    /// The principles that were not judged (not counting those that do not apply).
    pub fn missing(&self) -> impl Iterator<Item = (Principle, Judgement)> + '_ {
        self.principles
            .iter()
            .copied()
            .filter(|(_, j)| j.is_missing())
    }
    pub fn is_complete(&self) -> bool {
        self.missing().next().is_none()
    }
}

/// Runs every rule, integrity first, then applies waivers (KT008) and drops findings on
/// national elements. The findings come back sorted, with what was and was not judged.
pub fn run(ctx: &Context<'_>, levels: &Levels) -> (Vec<Finding>, Coverage) {
    let mut findings = Vec::new();
    let (integrity, others): (Vec<&'static Rule>, Vec<&'static Rule>) =
        ALL.iter().partition(|r| integrity::is_integrity(r));
    let applies = |rule: &Rule| ctx.proposal.is_some() || rule.principle != Principle::Investment;
    let mut ran: Vec<&'static Rule> = Vec::new();
    run_rules(ctx, levels, &integrity, &mut findings, &mut ran);
    let sound = findings.is_empty();
    let mut skipped_rules = Vec::new();
    if sound {
        let others: Vec<&'static Rule> = others.into_iter().filter(|r| applies(r)).collect();
        run_rules(ctx, levels, &others, &mut findings, &mut ran);
        findings.retain(|f| !ctx.graph.is_national_id(&f.element));
        // KT008 runs with the waivers: it judges them against the findings of every rule.
        if levels.of(&waivers::KT008).is_some() {
            ran.push(&waivers::KT008);
        }
        waivers::apply(ctx, levels, &mut findings);
    } else {
        skipped_rules = others
            .into_iter()
            .filter(|r| applies(r) && levels.of(r).is_some())
            .collect();
    }
    crate::finding::sort(&mut findings, ctx.sources);
    let principles = Principle::ALL
        .iter()
        .map(|&principle| {
            let rules = || ALL.iter().filter(move |r| r.principle == principle);
            let judgement = if ran.iter().any(|r| r.principle == principle) {
                Judgement::Judged
            } else if !rules().any(&applies) {
                Judgement::NotApplicable
            } else if rules().any(|r| levels.of(r).is_some()) {
                Judgement::SkippedIntegrity
            } else {
                Judgement::Off
            };
            (principle, judgement)
        })
        .collect();
    let ran_rules = ALL.iter().filter(|r| ran.contains(r)).collect();
    (
        findings,
        Coverage {
            principles,
            skipped_rules,
            ran_rules,
        },
    )
}

/// The rules that take longest on a national model (`examples/bench.rs` times each), slowest
/// first: [`run_rules`] starts them first.
const SLOW_FIRST: [&str; 4] = ["DUP003", "TIME002", "KT003", "KT001"];

/// Runs `rules` (those the levels switch on) and adds their findings to `findings` in the
/// rules' order, as if one ran after the other. The rules are independent (each reads the
/// model and the graph only), so they run on [`crate::load::files::threads`] threads, each
/// taking the next rule not yet taken; every rule's findings are kept apart and then joined
/// in order, so the output is the same bytes on any number of threads.
fn run_rules(
    ctx: &Context<'_>,
    levels: &Levels,
    rules: &[&'static Rule],
    findings: &mut Vec<Finding>,
    ran: &mut Vec<&'static Rule>,
) {
    let jobs: Vec<(&'static Rule, Severity, Check)> = rules
        .iter()
        .filter_map(|&rule| Some((rule, levels.of(rule)?, rule.check?)))
        .collect();
    ran.extend(jobs.iter().map(|(rule, ..)| *rule));
    let run_one = |&(rule, severity, check): &(&'static Rule, Severity, Check)| {
        let mut own = Vec::new();
        check(ctx, &mut Sink::new(rule, severity, &mut own));
        own
    };
    let threads = crate::load::files::threads().min(jobs.len());
    if threads <= 1 {
        for job in &jobs {
            findings.extend(run_one(job));
        }
        return;
    }
    // The rules that take longest on a national model start first, so that no thread is left
    // with one of them at the end.
    let mut schedule: Vec<usize> = (0..jobs.len()).collect();
    let slow = |n: &usize| {
        SLOW_FIRST
            .iter()
            .position(|code| *code == jobs[*n].0.code)
            .unwrap_or(usize::MAX)
    };
    schedule.sort_by_key(slow);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: std::sync::Mutex<Vec<(usize, Vec<Finding>)>> =
        std::sync::Mutex::new(Vec::with_capacity(jobs.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&n) = schedule.get(taken) else { break };
                    let own = run_one(&jobs[n]);
                    done.lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((n, own));
                }
            });
        }
    });
    let mut done = done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    done.sort_unstable_by_key(|(n, _)| *n);
    for (_, own) in done {
        findings.extend(own);
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
