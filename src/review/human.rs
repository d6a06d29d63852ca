//! The terminal report of `review`: the verdict first, then the checklist, the money at stake,
//! what to reuse and what to connect to, then the findings as `check` shows them (miette).
//! It renders a [`Reviewed`]; it never judges.

use super::{CheckState, Reviewed, funding_text, principle_text, status_text, threshold_text};
use crate::i18n::{Lang, money, tr};
use crate::report::{Report, human};

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub fn render(reviewed: &Reviewed, lang: Lang, color: bool) -> String {
    let verdict = &reviewed.verdict;
    let project = &verdict.project;
    let not_stated = tr(lang, "review.not_stated", &[]);
    let mut out = String::new();
    let line = |out: &mut String, text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(
        &mut out,
        paint(color, "1", &tr(lang, "review.heading", &[])),
    );
    line(
        &mut out,
        format!(
            "{}: {} ({})",
            tr(lang, "review.proposal", &[]),
            project.name,
            project.id
        ),
    );
    let owner = project
        .owner
        .as_ref()
        .map_or(not_stated.clone(), |o| format!("{} ({})", o.name, o.id));
    let funding = project
        .funding
        .map_or(not_stated.clone(), |f| funding_text(lang, f));
    let budget = project.budget.map_or(not_stated.clone(), |b| {
        tr(lang, "review.amount", &[("amount", &money(lang, b))])
    });
    line(
        &mut out,
        format!(
            "{}: {owner} · {}: {funding} · {}: {budget}",
            tr(lang, "review.owner", &[]),
            tr(lang, "review.funding", &[]),
            tr(lang, "review.budget", &[]),
        ),
    );
    out.push('\n');
    let (key, paint_code) = if verdict.ready {
        ("review.ready", "1;32")
    } else {
        ("review.not_ready", "1;31")
    };
    line(
        &mut out,
        format!(
            "{}: {}",
            tr(lang, "review.verdict", &[]),
            paint(color, paint_code, &tr(lang, key, &[]))
        ),
    );
    line(&mut out, counts(reviewed, lang));
    out.push('\n');

    line(
        &mut out,
        paint(color, "1", &tr(lang, "review.checklist", &[])),
    );
    let width = verdict
        .checklist
        .iter()
        .map(|c| principle_text(lang, c.principle).chars().count())
        .max()
        .unwrap_or(0);
    for check in &verdict.checklist {
        let (mark, result, code) = match check.state {
            CheckState::Pass => ("✓", tr(lang, pass_key(check), &[]), "32"),
            CheckState::Fail => ("✗", tr(lang, "review.fail", &[]), "31"),
            CheckState::NotJudged => ("?", not_judged_text(check, lang), "33"),
        };
        let name = principle_text(lang, check.principle);
        let pad = " ".repeat(width - name.chars().count());
        let listed: Vec<String> = check
            .findings
            .iter()
            .map(|&i| {
                let f = &reviewed.findings[i];
                format!("{} {}", f.code(), f.element)
            })
            .collect();
        let listed = if listed.is_empty() {
            String::new()
        } else {
            format!("  {}", listed.join(", "))
        };
        line(
            &mut out,
            format!(
                "  {} {name}{pad}  {result}{listed}",
                paint(color, code, mark)
            ),
        );
    }
    out.push('\n');

    line(
        &mut out,
        paint(color, "1", &tr(lang, "review.at_stake", &[])),
    );
    line(
        &mut out,
        format!("  {}", at_stake_text(reviewed, lang, &|id| id.to_string())),
    );
    out.push('\n');

    if !verdict.reuse.is_empty() {
        line(&mut out, paint(color, "1", &tr(lang, "review.reuse", &[])));
        for reuse in &verdict.reuse {
            let what = tr(
                lang,
                &format!("review.what.{}", reuse.overlap.as_str()),
                &[("name", &reuse.subject.name)],
            );
            let owner = reuse
                .owner
                .as_ref()
                .map_or(not_stated.clone(), |o| o.name.clone());
            let national = if reuse.national {
                format!(", {}", tr(lang, "review.national", &[]))
            } else {
                String::new()
            };
            line(
                &mut out,
                format!(
                    "  - {} ({what}) → {} ({}): {}: {owner}, {}: {}{national}",
                    reuse.system.id,
                    reuse.existing.id,
                    reuse.existing.name,
                    tr(lang, "review.reuse.col.owner", &[]),
                    tr(lang, "review.reuse.col.status", &[]),
                    status_text(lang, reuse.status),
                ),
            );
        }
        out.push('\n');
    }

    line(&mut out, paint(color, "1", &tr(lang, "review.links", &[])));
    if verdict.links.is_empty() {
        line(
            &mut out,
            format!("  {}", tr(lang, "review.links.none", &[])),
        );
    }
    for link in &verdict.links {
        let via = link_via(link, lang);
        let declared = tr(
            lang,
            if link.declared {
                "review.yes"
            } else {
                "review.no"
            },
            &[],
        );
        line(
            &mut out,
            format!(
                "  - {} → {} ({}); {}: {via}; {}: {}; {}: {declared}",
                link.system.id,
                link.target.id,
                link.target.name,
                tr(lang, "review.links.col.via", &[]).to_lowercase(),
                tr(lang, "review.links.col.capability", &[]).to_lowercase(),
                link.capability.id,
                tr(lang, "review.links.col.declared", &[]).to_lowercase(),
            ),
        );
    }
    out.push('\n');

    line(&mut out, paint(color, "1", &tr(lang, "review.uses", &[])));
    for text in uses_lines(reviewed, lang, &|id| format!("`{id}`")) {
        line(&mut out, format!("  {text}"));
    }
    out.push('\n');
    if !reviewed.resolved.is_empty() {
        line(
            &mut out,
            paint(color, "1", &tr(lang, "review.resolved", &[])),
        );
        for f in &reviewed.resolved {
            line(
                &mut out,
                format!("  ✓ {} `{}`: {}", f.code(), f.element, f.text(lang)),
            );
        }
        out.push('\n');
    }

    if reviewed.findings.is_empty() {
        line(&mut out, tr(lang, "review.findings.none", &[]));
    } else {
        let report = Report {
            findings: &reviewed.findings,
            coverage: &reviewed.judged.coverage,
            sources: &reviewed.judged.loaded.sources,
            stats: &reviewed.judged.stats,
            lang,
            color,
            base: "",
            baseline: None,
            max_results: None,
            fail_on: None,
            link_base: None,
        };
        out.push_str(&human::render(&report));
    }
    out
}

/// "The proposal causes 2 errors, …; failing threshold: error."
pub fn counts(reviewed: &Reviewed, lang: Lang) -> String {
    let s = reviewed.summary();
    tr(
        lang,
        "review.counts",
        &[
            ("errors", &s.error.to_string()),
            ("warnings", &s.warning.to_string()),
            ("infos", &s.info.to_string()),
            ("waived", &s.waived.to_string()),
        ],
    ) + " "
        + &threshold_text(lang, reviewed.verdict.fail_on)
}

/// The money sentence of the verdict.
pub fn at_stake_text(reviewed: &Reviewed, lang: Lang, quote: &dyn Fn(&str) -> String) -> String {
    let stake = &reviewed.verdict.at_stake;
    let judged = reviewed
        .judged
        .coverage
        .of(crate::finding::Principle::Investment)
        == crate::rules::Judgement::Judged;
    if !judged {
        tr(lang, "review.at_stake.not_judged", &[])
    } else if stake.systems.is_empty() {
        tr(lang, "review.at_stake.none", &[])
    } else {
        tr(
            lang,
            "review.at_stake.text",
            &[
                ("capex", &money(lang, stake.capex)),
                ("opex", &money(lang, stake.opex)),
                (
                    "systems",
                    &stake
                        .systems
                        .iter()
                        .map(|id| quote(id))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        )
    }
}

/// One line per thing the proposal reuses ("`x` depends on the platform `lgsp`"), or the line
/// that says it reuses nothing; shown whatever the verdict.
pub fn uses_lines(reviewed: &Reviewed, lang: Lang, quote: &dyn Fn(&str) -> String) -> Vec<String> {
    let uses = &reviewed.verdict.uses;
    if uses.is_empty() {
        return vec![tr(lang, "review.uses.none", &[])];
    }
    uses.iter()
        .map(|u| {
            let national = if u.national {
                format!(" ({})", tr(lang, "review.national", &[]))
            } else {
                String::new()
            };
            tr(
                lang,
                &format!("review.uses.{}", u.kind.as_str()),
                &[
                    ("system", &quote(&u.system.id)),
                    ("target", &quote(&u.target.id)),
                    ("name", &u.target.name),
                    ("national", &national),
                ],
            )
        })
        .collect()
}

/// Through which platform a link must go.
pub fn link_via(link: &super::Link, lang: Lang) -> String {
    match &link.via {
        Some(via) => via.id.clone(),
        None if link.no_platform => tr(lang, "review.links.no_platform", &[]),
        None => tr(lang, "review.links.direct", &[]),
    }
}

/// "Pass", or "Pass, with remarks" when findings below the threshold are listed.
/// "Not judged", with why, for a checklist row.
pub fn not_judged_text(check: &super::PrincipleCheck, lang: Lang) -> String {
    let why = match check.judgement {
        crate::rules::Judgement::Off => "review.not_judged.off",
        _ => "review.not_judged.integrity",
    };
    format!(
        "{} ({})",
        tr(lang, "review.not_judged", &[]),
        tr(lang, why, &[])
    )
}

pub fn pass_key(check: &super::PrincipleCheck) -> &'static str {
    if check.findings.is_empty() {
        "review.pass"
    } else {
        "review.pass_remarks"
    }
}
