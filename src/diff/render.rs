//! The comparison as text: the terminal's sections with `+`/`-`/`~` marks, the same sections
//! as Markdown for a pull-request comment (every model text escaped), and the JSON document
//! (version 1) for scripts. Nothing here compares.

use serde::Serialize;

use super::{Affected, Diff, EdgeRef, ElementRef, FieldChange, Format, words};
use crate::finding::{Finding, Summary};
use crate::i18n::{Lang, tr};
use crate::report::json::{FindingJson, Tool};
use crate::report::markdown::{escape, message as md_message};
use crate::source::Sources;

/// How many lines a Markdown section lists, so that a pull-request comment stays under its
/// size limit (65,536 characters); the JSON document lists everything.
const LISTED: usize = 100;

/// Model text for Markdown: [`escape`] but with quotes kept as typed, since `<` is escaped
/// and no tag can open around them (an entity like `&quot;` shows in a code view of the
/// comment and in mail notifications).
fn md_text(text: &str) -> String {
    escape(text).replace("&quot;", "\"")
}

/// A line in words (ids as code spans) for Markdown: the code spans kept, as
/// [`md_message`] keeps them, the rest as [`md_text`].
fn md_words(text: &str) -> String {
    md_message(text).replace("&quot;", "\"")
}

fn finding_line(sources: &Sources, f: &Finding, lang: Lang) -> String {
    let pos = sources.position(f.loc);
    format!(
        "{}:{}:{}: {}[{}] {}",
        sources.path(f.loc),
        pos.line,
        pos.column,
        tr(lang, &format!("severity.{}", f.severity.as_str()), &[]),
        f.code(),
        f.text(lang)
    )
}

fn kind_word(lang: Lang, kind: &str) -> String {
    tr(lang, &format!("kind.{kind}"), &[])
}

/// One section of a diff: its title, the mark of its lines in the terminal, its lines.
type Section = (String, &'static str, Vec<String>);

/// The non-empty sections of a diff, in order, with `esc` applied to model texts and `msg` to
/// finding lines; shared by the human and Markdown renderers.
fn sections(
    diff: &Diff<'_>,
    lang: Lang,
    esc: &dyn Fn(&str) -> String,
    msg: &dyn Fn(&str) -> String,
) -> Vec<Section> {
    let element = |r: &ElementRef| {
        format!(
            "{} {} — {}",
            kind_word(lang, r.kind),
            msg(&format!("`{}`", r.id)),
            esc(&r.name)
        )
    };
    // The relation in words (`depends_on` → "phụ thuộc vào"), between the two ids.
    let edge = |e: &EdgeRef| {
        format!(
            "{} {} {}",
            msg(&format!("`{}`", e.source)),
            tr(lang, &format!("relation.{}", e.kind), &[]),
            msg(&format!("`{}`", e.target))
        )
    };
    let old_sources = &diff.old.loaded.sources;
    let new_sources = &diff.new.loaded.sources;
    let mut out = Vec::new();
    let mut push = |key: &str, mark: &'static str, lines: Vec<String>| {
        if !lines.is_empty() {
            let title = tr(lang, key, &[("count", &lines.len().to_string())]);
            out.push((title, mark, lines));
        }
    };
    push("diff.added", "+ ", diff.added.iter().map(element).collect());
    push(
        "diff.removed",
        "- ",
        diff.removed.iter().map(element).collect(),
    );
    push(
        "diff.changed",
        "~ ",
        diff.changed
            .iter()
            .map(|c| {
                let fields: Vec<String> = c
                    .fields
                    .iter()
                    .map(|f| msg(&words::change(lang, f)))
                    .collect();
                format!("{} ({})", element(&c.element), fields.join("; "))
            })
            .collect(),
    );
    push(
        "diff.edges_added",
        "+ ",
        diff.edges_added.iter().map(edge).collect(),
    );
    push(
        "diff.edges_removed",
        "- ",
        diff.edges_removed.iter().map(edge).collect(),
    );
    push(
        "diff.introduced",
        "+ ",
        diff.introduced
            .iter()
            .map(|f| msg(&finding_line(new_sources, f, lang)))
            .collect(),
    );
    push(
        "diff.resolved",
        "- ",
        diff.resolved
            .iter()
            .map(|f| msg(&finding_line(old_sources, f, lang)))
            .collect(),
    );
    push(
        "diff.affected",
        "",
        diff.affected
            .iter()
            .map(|a| format!("{}: {}", element(&a.element), msg(&words::because(lang, a))))
            .collect(),
    );
    out
}

pub fn render_human(diff: &Diff<'_>, lang: Lang) -> String {
    let mut out = tr(
        lang,
        "diff.title",
        &[("old", &diff.old.label), ("new", &diff.new.label)],
    );
    out.push('\n');
    let plain = |s: &str| s.to_string();
    let sections = sections(diff, lang, &plain, &plain);
    if sections.is_empty() {
        out.push_str(&tr(lang, "diff.none", &[]));
        out.push('\n');
    }
    for (title, mark, lines) in sections {
        out.push('\n');
        out.push_str(&title);
        out.push('\n');
        for line in lines {
            out.push_str("  ");
            out.push_str(mark);
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

pub fn render_markdown(diff: &Diff<'_>, lang: Lang) -> String {
    let mut out = format!(
        "## {}\n",
        escape(&tr(
            lang,
            "diff.title",
            &[("old", &diff.old.label), ("new", &diff.new.label)],
        ))
    );
    let sections = sections(diff, lang, &md_text, &md_words);
    if sections.is_empty() {
        out.push('\n');
        out.push_str(&escape(&tr(lang, "diff.none", &[])));
        out.push('\n');
    }
    for (title, _, lines) in sections {
        out.push_str(&format!("\n### {}\n\n", escape(&title)));
        for line in lines.iter().take(LISTED) {
            out.push_str(&format!("- {line}\n"));
        }
        if lines.len() > LISTED {
            let more = (lines.len() - LISTED).to_string();
            out.push_str(&format!(
                "- {}\n",
                escape(&tr(lang, "diff.more", &[("count", &more)]))
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    version: u32,
    tool: Tool,
    old: &'a str,
    new: &'a str,
    elements: ElementsJson<'a>,
    edges: EdgesJson<'a>,
    findings: FindingsJson<'a>,
    affected: Vec<AffectedJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a crate::baseline::Outcome>,
}

#[derive(Serialize)]
struct ElementsJson<'a> {
    added: &'a [ElementRef],
    removed: &'a [ElementRef],
    changed: Vec<ChangeJson<'a>>,
}

/// A changed element: its fields as compared, each with `text`, the change in words.
#[derive(Serialize)]
struct ChangeJson<'a> {
    #[serde(flatten)]
    element: &'a ElementRef,
    fields: Vec<FieldJson<'a>>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    #[serde(flatten)]
    field: &'a FieldChange,
    text: String,
}

/// An affected element: `because` in words, `path` from it to the changed or removed element
/// (`cause`), `reach` and `relation` as data.
#[derive(Serialize)]
struct AffectedJson<'a> {
    #[serde(flatten)]
    affected: &'a Affected,
    because: String,
}

#[derive(Serialize)]
struct EdgesJson<'a> {
    added: &'a [EdgeRef],
    removed: &'a [EdgeRef],
}

#[derive(Serialize)]
struct FindingsJson<'a> {
    introduced: Vec<FindingJson<'a>>,
    resolved: Vec<FindingJson<'a>>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct SummaryJson {
    introduced: Summary,
    resolved: Summary,
}

pub fn render_json(
    diff: &Diff<'_>,
    lang: Lang,
    baseline: Option<&crate::baseline::Outcome>,
) -> String {
    let document = DocumentJson {
        version: 1,
        tool: Tool::current(),
        old: &diff.old.label,
        new: &diff.new.label,
        elements: ElementsJson {
            added: &diff.added,
            removed: &diff.removed,
            changed: diff
                .changed
                .iter()
                .map(|c| ChangeJson {
                    element: &c.element,
                    fields: c
                        .fields
                        .iter()
                        .map(|f| FieldJson {
                            field: f,
                            text: words::change(lang, f),
                        })
                        .collect(),
                })
                .collect(),
        },
        edges: EdgesJson {
            added: &diff.edges_added,
            removed: &diff.edges_removed,
        },
        findings: FindingsJson {
            introduced: diff
                .introduced
                .iter()
                .map(|f| FindingJson::of(&diff.new.loaded.sources, f, lang))
                .collect(),
            resolved: diff
                .resolved
                .iter()
                .map(|f| FindingJson::of(&diff.old.loaded.sources, f, lang))
                .collect(),
            summary: SummaryJson {
                introduced: Summary::of(&diff.introduced),
                resolved: Summary::of(&diff.resolved),
            },
        },
        affected: diff
            .affected
            .iter()
            .map(|a| AffectedJson {
                affected: a,
                because: words::because(lang, a),
            })
            .collect(),
        baseline,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

pub fn render(
    format: Format,
    diff: &Diff<'_>,
    lang: Lang,
    baseline: Option<&crate::baseline::Outcome>,
) -> String {
    match format {
        Format::Human => render_human(diff, lang),
        Format::Json => render_json(diff, lang, baseline),
        Format::Markdown => render_markdown(diff, lang),
    }
}
