//! The Markdown report of `review`: what a planner attaches to the appraisal file. Written for
//! a reader who does not program: the verdict first, a table per question, money in đồng, the
//! details last. Every name from the model is escaped, so no name can break a table or inject
//! markup, but only where CommonMark would read markup ([`markdown::inline`]): no backslash
//! shows in the rendered text. It renders a [`Reviewed`]; it never judges.

use std::fmt::Write;

use super::human::{at_stake_text, counts, link_via};
use super::{CheckState, Reviewed, funding_text, principle_text, status_text};
use crate::i18n::{Lang, money, tr};
use crate::report::markdown;

/// Plain text from the model (a name), escaped as every Markdown report escapes it.
fn text(value: &str) -> String {
    markdown::inline(value)
}

/// A rule message (which marks ids as code on purpose) made safe for a table cell: escaped
/// like the list items of `check --format markdown`, and with the pipes of its code spans
/// escaped too, since a table splits cells on them.
fn cell(value: &str) -> String {
    let escaped = markdown::inline_message(value);
    let mut out = String::with_capacity(escaped.len());
    let mut previous = '\0';
    for c in escaped.chars() {
        if c == '|' && previous != '\\' {
            out.push('\\');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// An id, as code (ids are ASCII letters, digits, `-` and `.`: nothing to escape).
fn id(value: &str) -> String {
    format!("`{value}`")
}

fn named(name: &str, element: &str) -> String {
    format!("{} ({})", text(name), id(element))
}

fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(c);
        out.push_str(" |");
    }
    out.push('\n');
}

fn header(out: &mut String, lang: Lang, keys: &[&str]) {
    let cells: Vec<String> = keys.iter().map(|k| tr(lang, k, &[])).collect();
    row(out, &cells);
    row(out, &vec!["---".to_string(); keys.len()]);
}

pub fn render(reviewed: &Reviewed, lang: Lang) -> String {
    let verdict = &reviewed.verdict;
    let project = &verdict.project;
    let not_stated = tr(lang, "review.not_stated", &[]);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", tr(lang, "review.heading", &[]));

    let _ = writeln!(out, "## {}\n", tr(lang, "review.verdict", &[]));
    let (mark, key) = if verdict.ready {
        ("✅", "review.ready")
    } else {
        ("❌", "review.not_ready")
    };
    let _ = writeln!(out, "**{mark} {}**\n", tr(lang, key, &[]));
    let (conclusion, conditions) = reviewed.conclusion();
    let _ = writeln!(
        out,
        "{}: **{}**\n",
        tr(lang, "review.conclusion", &[]),
        super::docx::conclusion_words(lang, conclusion)
    );
    for c in &conditions {
        let _ = writeln!(
            out,
            "- {}",
            match c {
                // A rule message marks ids as code on purpose.
                super::Condition::Finding(_) => {
                    markdown::inline_message(&super::docx::condition_text(reviewed, lang, *c))
                }
                _ => text(&super::docx::condition_text(reviewed, lang, *c)),
            }
        );
    }
    if !conditions.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "{}\n", counts(reviewed, lang));

    let facts = [
        ("review.proposal", named(&project.name, &project.id)),
        (
            "review.owner",
            project
                .owner
                .as_ref()
                .map_or(not_stated.clone(), |o| named(&o.name, &o.id)),
        ),
        (
            "review.funding",
            project
                .funding
                .map_or(not_stated.clone(), |f| funding_text(lang, f)),
        ),
        (
            "review.budget",
            project.budget.map_or(not_stated.clone(), |b| {
                tr(lang, "review.amount", &[("amount", &money(lang, b))])
            }),
        ),
        (
            "review.description",
            project
                .description
                .as_deref()
                .map_or(not_stated.clone(), text),
        ),
        ("review.model", id(&reviewed.judged.stats.id)),
        ("review.date", reviewed.today.format("%Y-%m-%d").to_string()),
        (
            "review.legal_basis",
            reviewed
                .legal_basis_text(lang)
                .map_or(not_stated.clone(), |t| text(&t)),
        ),
    ];
    for (key, value) in facts {
        let _ = writeln!(out, "- **{}:** {value}", tr(lang, key, &[]));
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", tr(lang, "review.systems", &[]));
    header(
        &mut out,
        lang,
        &[
            "review.systems.col.system",
            "review.systems.col.capex",
            "review.systems.col.opex",
        ],
    );
    let amount = |v: Option<u64>| v.map_or(not_stated.clone(), |v| money(lang, v));
    for s in &project.systems {
        row(
            &mut out,
            &[
                named(&s.system.name, &s.system.id),
                amount(s.capex),
                amount(s.opex),
            ],
        );
    }
    let (capex, opex) = project.totals();
    row(
        &mut out,
        &[
            format!("**{}**", tr(lang, "review.systems.total", &[])),
            format!("**{}**", money(lang, capex)),
            format!("**{}**", money(lang, opex)),
        ],
    );
    row(
        &mut out,
        &[
            tr(lang, "review.budget", &[]),
            amount(project.budget),
            String::new(),
        ],
    );
    out.push('\n');

    let _ = writeln!(out, "## {}\n", tr(lang, "review.checklist", &[]));
    header(
        &mut out,
        lang,
        &[
            "review.col.principle",
            "review.col.result",
            "review.col.findings",
        ],
    );
    for check in &verdict.checklist {
        let result = match check.state {
            CheckState::Pass => format!("✅ {}", tr(lang, super::human::pass_key(check), &[])),
            CheckState::Fail => format!("❌ {}", tr(lang, "review.fail", &[])),
            CheckState::NotJudged => {
                format!("⚠️ {}", super::human::not_judged_text(check, lang))
            }
        };
        let listed: Vec<String> = check
            .findings
            .iter()
            .map(|&i| {
                let f = &reviewed.findings[i];
                format!("{} {}", f.code(), id(&f.element))
            })
            .collect();
        let listed = if listed.is_empty() {
            tr(lang, "review.none", &[])
        } else {
            listed.join(", ")
        };
        row(
            &mut out,
            &[principle_text(lang, check.principle), result, listed],
        );
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", tr(lang, "review.at_stake", &[]));
    let _ = writeln!(out, "{}\n", at_stake_text(reviewed, lang, &id));

    let _ = writeln!(out, "## {}\n", tr(lang, "review.reuse", &[]));
    if verdict.reuse.is_empty() {
        let _ = writeln!(out, "{}\n", tr(lang, "review.reuse.none", &[]));
    } else {
        header(
            &mut out,
            lang,
            &[
                "review.reuse.col.system",
                "review.reuse.col.what",
                "review.reuse.col.existing",
                "review.reuse.col.owner",
                "review.reuse.col.status",
            ],
        );
        for reuse in &verdict.reuse {
            let what = tr(
                lang,
                &format!("review.what.{}", reuse.overlap.as_str()),
                &[("name", &named(&reuse.subject.name, &reuse.subject.id))],
            );
            let mut status = status_text(lang, reuse.status);
            if reuse.national {
                status = format!("{status}, {}", tr(lang, "review.national", &[]));
            }
            row(
                &mut out,
                &[
                    named(&reuse.system.name, &reuse.system.id),
                    what,
                    named(&reuse.existing.name, &reuse.existing.id),
                    reuse
                        .owner
                        .as_ref()
                        .map_or(not_stated.clone(), |o| text(&o.name)),
                    status,
                ],
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", tr(lang, "review.links", &[]));
    if verdict.links.is_empty() {
        let _ = writeln!(out, "{}\n", tr(lang, "review.links.none", &[]));
    } else {
        header(
            &mut out,
            lang,
            &[
                "review.links.col.system",
                "review.links.col.capability",
                "review.links.col.target",
                "review.links.col.via",
                "review.links.col.declared",
            ],
        );
        for link in &verdict.links {
            let via = match &link.via {
                Some(v) => named(&v.name, &v.id),
                None => link_via(link, lang),
            };
            let declared = if link.declared {
                format!("✅ {}", tr(lang, "review.yes", &[]))
            } else {
                format!("❌ {}", tr(lang, "review.no", &[]))
            };
            row(
                &mut out,
                &[
                    named(&link.system.name, &link.system.id),
                    named(&link.capability.name, &link.capability.id),
                    named(&link.target.name, &link.target.id),
                    via,
                    declared,
                ],
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", tr(lang, "review.uses", &[]));
    for text in super::human::uses_lines(reviewed, lang, &|x| id(x)) {
        let _ = writeln!(out, "- {}", markdown::inline_message(&text));
    }
    out.push('\n');
    if !reviewed.resolved.is_empty() {
        let _ = writeln!(out, "## {}\n", tr(lang, "review.resolved", &[]));
        for f in &reviewed.resolved {
            let _ = writeln!(
                out,
                "- ✅ {} {}: {}",
                f.code(),
                id(&f.element),
                cell(&f.text(lang))
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", tr(lang, "review.findings", &[]));
    if reviewed.findings.is_empty() {
        let _ = writeln!(out, "{}\n", tr(lang, "review.findings.none", &[]));
    } else {
        header(
            &mut out,
            lang,
            &[
                "review.col.code",
                "review.col.severity",
                "review.col.element",
                "review.col.message",
                "review.col.location",
            ],
        );
        let sources = &reviewed.judged.loaded.sources;
        for f in &reviewed.findings {
            let position = sources.position(f.loc);
            let mut severity = tr(lang, &format!("severity.{}", f.severity.as_str()), &[]);
            if f.waived.is_some() {
                severity = format!("{severity} ({})", tr(lang, "review.waived", &[]));
            }
            row(
                &mut out,
                &[
                    f.code().to_string(),
                    severity,
                    id(&f.element),
                    cell(&f.text(lang)),
                    format!(
                        "{}:{}:{}",
                        text(sources.path(f.loc)),
                        position.line,
                        position.column
                    ),
                ],
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "---\n\n_{}_",
        tr(
            lang,
            "review.footer",
            &[("version", env!("CARGO_PKG_VERSION"))]
        )
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_code_spans_and_never_split_on_a_pipe() {
        // `>` means nothing in the middle of a line: only `<` is escaped.
        assert_eq!(cell("`a|b` x|y <b>"), "`a\\|b` x\\|y &lt;b>");
        assert_eq!(cell("(VNeID) #1 !"), "(VNeID) #1 !");
        assert_eq!(cell("line\nbreak"), "line break");
    }
}
