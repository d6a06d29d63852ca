//! Findings: what a rule reports, with its severity, the element it is about, the span that
//! causes it and related places. A finding's words are data — a message key of its rule and
//! typed arguments — rendered in a language only when an output is written
//! ([`Finding::message`]). Also the one identity of a finding ([`Finding::identity`]), the one
//! place that orders findings, and the counts.

use serde::Serialize;

use crate::graph::Kind;
use crate::i18n::{Lang, fill, money, tr};
use crate::rules::Rule;
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

/// A typed argument of a finding's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// An element id, a code or other text shown as written; part of the identity unless the
    /// rule marks it as a detail.
    Text(String),
    /// An amount of VND, formatted for the language.
    Money(u128),
    /// A number (counts, levels).
    Count(u64),
    /// The names of element kinds, joined with " / ".
    Kinds(Vec<Kind>),
    /// A word of the UI catalogue (its key).
    Word(&'static str),
    /// A phrase made from the model's data, in both languages (a detail, never identity).
    Said(crate::i18n::Said),
}

impl Arg {
    /// The argument as shown in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Money(amount) => money(lang, *amount),
            Arg::Count(n) => n.to_string(),
            Arg::Kinds(kinds) => {
                let names: Vec<String> = kinds
                    .iter()
                    .map(|k| tr(lang, &format!("kind.{}", k.as_str()), &[]))
                    .collect();
                names.join(" / ")
            }
            Arg::Word(key) => tr(lang, key, &[]),
            Arg::Said(said) => said.get(lang).to_string(),
        }
    }

    /// The value a machine reads (JSON `arguments`): text and words as written, numbers as
    /// numbers.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Arg::Text(text) => serde_json::Value::String(text.clone()),
            Arg::Money(amount) => u64::try_from(*amount)
                .map(serde_json::Value::from)
                .unwrap_or_else(|_| serde_json::Value::String(amount.to_string())),
            Arg::Count(n) => serde_json::Value::from(*n),
            Arg::Kinds(kinds) => serde_json::Value::String(
                kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
            Arg::Word(key) => serde_json::Value::String((*key).to_string()),
            Arg::Said(said) => serde_json::Value::String(said.en.clone()),
        }
    }
}

/// The key of [`Message::plain`]: no rule has a text of that key, so the key itself is the
/// template.
const PLAIN: &str = "{text}";

/// A message of a rule: one of its texts and the arguments that fill it.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub rule: &'static Rule,
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(rule: &'static Rule, key: &'static str, args: &[(&'static str, &str)]) -> Self {
        Message {
            rule,
            key,
            args: args
                .iter()
                .map(|(name, value)| (*name, Arg::Text((*value).to_string())))
                .collect(),
        }
    }

    /// A message whose whole text is given, the same in every language (for findings made
    /// outside the rules: tests, tools that import findings).
    pub fn plain(rule: &'static Rule, text: &str) -> Self {
        Message::new(rule, PLAIN, &[("text", text)])
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let template = self.rule.template(lang, self.key);
        let rendered: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| (*name, arg.render(lang)))
            .collect();
        let pairs: Vec<(&str, &str)> = rendered.iter().map(|(n, v)| (*n, v.as_str())).collect();
        fill(template, &pairs)
    }

    /// The argument named `name`, as text.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(n, a)| match a {
            Arg::Text(t) if *n == name => Some(t.as_str()),
            _ => None,
        })
    }

    /// Every text argument's value: the ids (and other words) the message names.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.args.iter().filter_map(|(_, a)| match a {
            Arg::Text(t) => Some(t.as_str()),
            _ => None,
        })
    }
}

impl std::fmt::Display for Message {
    /// English, for logs and tests; reports pick the language with [`Message::render`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Another element involved in a finding ("duplicates `qlvb`, defined here").
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub element: String,
    pub message: Message,
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
    pub rule: &'static Rule,
    /// The effective severity (the rule's default, the model's `rules:` level, or the case's).
    pub severity: Severity,
    /// The id of the element the finding is about.
    pub element: String,
    pub message: Message,
    pub loc: Loc,
    pub related: Vec<Related>,
    pub waived: Option<Waived>,
    /// Investment at stake (VND), for duplication findings.
    pub capex: Option<u64>,
    pub opex: Option<u64>,
}

/// Arguments that describe a finding's circumstances rather than the fact it states: left out
/// of its identity, so that a count, a level, a date or a list that changes does not make the
/// same fact a new finding (a platform used by one agency instead of none is still the same
/// under-used platform; a formatted amount must not change with `--lang`).
const DETAILS: &[&str] = &[
    "agency",
    "agencies",
    "capex",
    "channel",
    "count",
    "date",
    "expected",
    "fields",
    "first_kind",
    "first_name",
    "found",
    "host_level",
    "items",
    "kind",
    "level",
    "name",
    "reason",
    "required",
    "suggestion",
    "until",
];

impl Finding {
    pub fn code(&self) -> &'static str {
        self.rule.code
    }
    pub fn name(&self) -> &'static str {
        self.rule.name
    }
    /// The principle the finding counts under: its rule's.
    pub fn principle(&self) -> Principle {
        self.rule.principle
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    /// The language-independent key of what the finding states, beyond its rule and element:
    /// the arguments that name things (ids, codes), sorted by name, never the message variant
    /// or the details (counts, amounts, words). Baselines, SARIF fingerprints, `review`'s
    /// "caused by the proposal" and `diff` all compare findings by rule, element and this key.
    pub fn key(&self) -> String {
        let mut parts: Vec<(&str, &str)> = self
            .message
            .args
            .iter()
            .filter(|(name, _)| !DETAILS.contains(name))
            .filter_map(|(name, arg)| match arg {
                Arg::Text(text) => Some((*name, text.as_str())),
                _ => None,
            })
            .collect();
        parts.sort_unstable();
        let mut key = String::new();
        for (name, value) in parts {
            if !key.is_empty() {
                key.push('|');
            }
            key.push_str(name);
            key.push('=');
            key.push_str(value);
        }
        key
    }

    /// The identity of a finding: rule, element and key.
    pub fn identity(&self) -> (&'static str, &str, String) {
        (self.rule.code, self.element.as_str(), self.key())
    }

    /// The ids the finding names besides its element: its related elements and its message's
    /// text arguments.
    pub fn mentioned(&self) -> impl Iterator<Item = &str> {
        self.related
            .iter()
            .map(|r| r.element.as_str())
            .chain(self.message.texts())
    }
}

/// Orders findings by file, line, column, code, then element and key (the one ordering).
pub fn sort(findings: &mut [Finding], sources: &Sources) {
    findings.sort_by_cached_key(|f| {
        (
            sources.path(f.loc).to_string(),
            f.loc.span.start,
            f.rule.code,
            f.element.clone(),
            f.key(),
            f.message.key,
        )
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The severity from which findings fail, if any.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }

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

crate::choice!(FailOn { Error => "error", Warning => "warning", Info => "info", Never => "never" });
