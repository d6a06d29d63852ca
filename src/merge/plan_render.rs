//! The consolidation plan as text: `human` (a terminal report), `markdown` (for the meeting's
//! file) and `json` (for scripts; versioned, deterministic). Every word comes from the message
//! catalogue in the chosen language; names of elements stay as the model writes them. Nothing
//! here decides: the plan is [`super::consolidate::plan`]'s.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::consolidate::{Choice, Group, Link, Member, Plan, Reason};
use crate::i18n::{Lang, money, tr};
use crate::model::Funding;

use crate::model::Status;

const STATUSES: [Status; 6] = [
    Status::Proposed,
    Status::Planned,
    Status::Building,
    Status::Operational,
    Status::Retiring,
    Status::Retired,
];

/// How many repoints and findings the human report lists per group before "… and N more".
const HUMAN_LIST: usize = 8;

fn amount(lang: Lang, value: Option<u64>) -> String {
    match value {
        Some(v) => money(lang, v),
        None => "—".to_string(),
    }
}

pub(super) fn funding(lang: Lang, funding: Option<Funding>) -> String {
    match funding {
        Some(Funding::PublicInvestment) => tr(lang, "funding.public-investment", &[]),
        Some(Funding::ServiceLease) => tr(lang, "funding.service-lease", &[]),
        Some(Funding::Other) => tr(lang, "funding.other", &[]),
        None => tr(lang, "plan.funding.unknown", &[]),
    }
}

pub(super) fn status(lang: Lang, status: crate::model::Status) -> String {
    tr(lang, &format!("status.{}", status.as_str()), &[])
}

fn details(lang: Lang, m: &Member) -> String {
    tr(
        lang,
        "plan.details",
        &[
            ("origin", &m.origin),
            ("owner", &format!("{} ({})", m.owner, m.owner_name)),
            ("status", &status(lang, m.status)),
            (
                "level",
                &m.security_level.map_or("—".to_string(), |l| l.to_string()),
            ),
            ("dependants", &m.dependants.to_string()),
            ("agencies", &m.agencies.to_string()),
            ("capex", &amount(lang, m.capex)),
            ("opex", &amount(lang, m.opex)),
            ("funding", &funding(lang, m.funding)),
        ],
    )
}

/// A reason in words; statuses and amounts are put in the language first.
pub fn reason(lang: Lang, reason: &Reason) -> String {
    let args: Vec<(&str, String)> = reason
        .args
        .iter()
        .map(|(k, v)| {
            let v = match reason.key {
                "plan.reason.status" => STATUSES
                    .iter()
                    .find(|s| s.as_str() == v)
                    .map_or(v.clone(), |s| status(lang, *s)),
                "plan.reason.opex" => amount(lang, v.parse().ok()),
                _ => v.clone(),
            };
            (*k, v)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    tr(lang, reason.key, &borrowed)
}

pub(super) fn link(lang: Lang, link: &Link) -> String {
    match link {
        Link::Capability(id, name) => {
            tr(lang, "plan.link.capability", &[("id", id), ("name", name)])
        }
        Link::Name(key) => tr(lang, "plan.link.name", &[("key", key)]),
        Link::Data(name) => tr(lang, "plan.link.data", &[("name", name)]),
    }
}

pub(super) fn choice(lang: Lang, group: &Group) -> String {
    match &group.choice {
        Choice::Ranked => tr(lang, "plan.choice.ranked", &[]),
        Choice::SeparateOwners => tr(lang, "plan.choice.owners", &[]),
        Choice::Decided(Some(reason)) => tr(lang, "plan.choice.decided", &[("reason", reason)]),
        Choice::Decided(None) => tr(lang, "plan.choice.decided_plain", &[]),
    }
}

pub(super) fn reasons_text(lang: Lang, reasons: &[Reason]) -> String {
    if reasons.is_empty() {
        return tr(lang, "plan.reason.none", &[]);
    }
    reasons
        .iter()
        .map(|r| reason(lang, r))
        .collect::<Vec<_>>()
        .join("; ")
}

fn codes(group: &Group) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &group.findings {
        *counts.entry(f.code).or_default() += 1;
    }
    counts
        .iter()
        .map(|(code, n)| format!("{code} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn migration(lang: Lang, m: &super::consolidate::Migration) -> String {
    match &m.into {
        Some(into) => tr(
            lang,
            "plan.migration.into",
            &[
                ("data", &m.data),
                ("name", &m.data_name),
                ("from", &m.from),
                ("into", into),
                ("to", &m.to),
            ],
        ),
        None => tr(
            lang,
            "plan.migration.master",
            &[
                ("data", &m.data),
                ("name", &m.data_name),
                ("from", &m.from),
                ("to", &m.to),
            ],
        ),
    }
}

pub(super) fn repoint(lang: Lang, r: &super::consolidate::Repoint) -> String {
    tr(
        lang,
        "plan.repoint",
        &[
            ("system", &r.system),
            ("edge", r.edge),
            ("from", &r.from),
            ("to", &r.to),
        ],
    )
}

pub(super) fn header(lang: Lang, plan: &Plan) -> Vec<String> {
    if plan.origins.is_empty() {
        return vec![tr(lang, "plan.no_origin", &[])];
    }
    if plan.groups.is_empty() {
        return vec![tr(lang, "plan.none", &[])];
    }
    let mut out = vec![tr(
        lang,
        "plan.summary",
        &[
            ("groups", &plan.groups.len().to_string()),
            ("origins", &plan.origins.join(", ")),
            ("retired", &plan.retired.to_string()),
            ("opex", &money(lang, plan.opex_saved)),
            ("capex", &money(lang, plan.capex_retired)),
        ],
    )];
    out.push(tr(
        lang,
        "plan.findings",
        &[
            ("grouped", &plan.findings_grouped.to_string()),
            ("total", &plan.findings_total.to_string()),
        ],
    ));
    if plan.decided > 0 {
        out.push(tr(
            lang,
            "plan.decided",
            &[("count", &plan.decided.to_string())],
        ));
    }
    out
}

fn more(lang: Lang, out: &mut String, indent: &str, total: usize) {
    if total > HUMAN_LIST {
        out.push_str(&format!(
            "{indent}{}\n",
            tr(
                lang,
                "plan.more",
                &[("count", &(total - HUMAN_LIST).to_string())]
            )
        ));
    }
}

/// The terminal report.
pub fn human(plan: &Plan, lang: Lang) -> String {
    let mut out = format!(
        "{}\n\n",
        tr(
            lang,
            "plan.title",
            &[("id", &plan.model_id), ("name", &plan.model_name)]
        )
    );
    for line in header(lang, plan) {
        out.push_str(&line);
        out.push('\n');
    }
    for (n, group) in plan.groups.iter().enumerate() {
        out.push_str(&format!("\n{}. {}\n", n + 1, group.title));
        let links: Vec<String> = group.links.iter().map(|l| link(lang, l)).collect();
        out.push_str(&format!(
            "   {}: {}\n",
            tr(lang, "plan.links", &[]),
            links.join("; ")
        ));
        for &k in &group.keep {
            let m = &group.members[k];
            out.push_str(&format!(
                "   {}: {} — {}\n",
                tr(lang, "plan.keep", &[]),
                m.id,
                m.name
            ));
            out.push_str(&format!("         {}\n", details(lang, m)));
        }
        for (i, &k) in group.retire.iter().enumerate() {
            let m = &group.members[k];
            out.push_str(&format!(
                "   {}: {} — {}\n",
                tr(lang, "plan.retire", &[]),
                m.id,
                m.name
            ));
            out.push_str(&format!("         {}\n", details(lang, m)));
            out.push_str(&format!(
                "         {}: {}\n",
                tr(
                    lang,
                    "plan.reasons",
                    &[("kept", &group.kept().id), ("gone", &m.id)]
                ),
                reasons_text(lang, &group.reasons[i])
            ));
        }
        out.push_str(&format!("   {}\n", choice(lang, group)));
        if group.opex_saved > 0 {
            out.push_str(&format!(
                "   {}\n",
                tr(
                    lang,
                    "plan.opex_saved",
                    &[("amount", &money(lang, group.opex_saved))]
                )
            ));
        }
        if !group.migrations.is_empty() {
            out.push_str(&format!(
                "   {}:\n",
                tr(
                    lang,
                    "plan.migrations",
                    &[("count", &group.migrations.len().to_string())]
                )
            ));
            for m in &group.migrations {
                out.push_str(&format!("     - {}\n", migration(lang, m)));
            }
        }
        if !group.repoints.is_empty() {
            out.push_str(&format!(
                "   {}:\n",
                tr(
                    lang,
                    "plan.repoints",
                    &[("count", &group.repoints.len().to_string())]
                )
            ));
            for r in group.repoints.iter().take(HUMAN_LIST) {
                out.push_str(&format!("     - {}\n", repoint(lang, r)));
            }
            more(lang, &mut out, "     ", group.repoints.len());
        }
        if !group.findings.is_empty() {
            out.push_str(&format!(
                "   {}\n",
                tr(
                    lang,
                    "plan.findings_here",
                    &[
                        ("count", &group.findings.len().to_string()),
                        ("codes", &codes(group))
                    ]
                )
            ));
        }
    }
    out.push('\n');
    out.push_str(&tr(lang, "plan.age", &[]));
    out.push('\n');
    out
}

/// Markdown: table cells must not break the table.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The report for the meeting's file.
pub fn markdown(plan: &Plan, lang: Lang) -> String {
    let mut out = format!(
        "# {}\n\n",
        tr(
            lang,
            "plan.title",
            &[("id", &plan.model_id), ("name", &plan.model_name)]
        )
    );
    for line in header(lang, plan) {
        out.push_str(&line);
        out.push_str("\n\n");
    }
    if !plan.groups.is_empty() {
        out.push_str(&format!(
            "## {}\n\n| # | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|\n",
            tr(lang, "plan.overview", &[]),
            tr(lang, "plan.col.group", &[]),
            tr(lang, "plan.keep", &[]),
            tr(lang, "plan.retire", &[]),
            tr(lang, "plan.col.saved", &[]),
            tr(lang, "plan.col.findings", &[]),
        ));
        for (n, group) in plan.groups.iter().enumerate() {
            let ids = |list: &[usize]| {
                list.iter()
                    .map(|&k| format!("`{}`", group.members[k].id))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                n + 1,
                cell(&group.title),
                ids(&group.keep),
                ids(&group.retire),
                money(lang, group.opex_saved),
                group.findings.len()
            ));
        }
    }
    for (n, group) in plan.groups.iter().enumerate() {
        out.push_str(&format!("\n## {}. {}\n\n", n + 1, cell(&group.title)));
        let links: Vec<String> = group.links.iter().map(|l| link(lang, l)).collect();
        out.push_str(&format!(
            "{}: {}.\n\n",
            tr(lang, "plan.links", &[]),
            links.join("; ")
        ));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|---|---|---|\n",
            tr(lang, "plan.col.decision", &[]),
            tr(lang, "plan.col.system", &[]),
            tr(lang, "plan.col.origin", &[]),
            tr(lang, "plan.col.owner", &[]),
            tr(lang, "plan.col.status", &[]),
            tr(lang, "plan.col.level", &[]),
            tr(lang, "plan.col.dependants", &[]),
            tr(lang, "plan.col.agencies", &[]),
            tr(lang, "plan.col.opex", &[]),
            tr(lang, "plan.col.funding", &[]),
        ));
        for (k, m) in group.members.iter().enumerate() {
            let decision = if group.keep.contains(&k) {
                "plan.keep"
            } else {
                "plan.retire"
            };
            out.push_str(&format!(
                "| **{}** | `{}` {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                tr(lang, decision, &[]),
                m.id,
                cell(&m.name),
                m.origin,
                cell(&m.owner_name),
                status(lang, m.status),
                m.security_level.map_or("—".to_string(), |l| l.to_string()),
                m.dependants,
                m.agencies,
                amount(lang, m.opex),
                funding(lang, m.funding)
            ));
        }
        out.push_str(&format!("\n{}\n", choice(lang, group)));
        for (i, &k) in group.retire.iter().enumerate() {
            out.push_str(&format!(
                "\n- {}: {}.\n",
                tr(
                    lang,
                    "plan.reasons",
                    &[
                        ("kept", &format!("`{}`", group.kept().id)),
                        ("gone", &format!("`{}`", group.members[k].id))
                    ]
                ),
                reasons_text(lang, &group.reasons[i])
            ));
        }
        if group.opex_saved > 0 {
            out.push_str(&format!(
                "\n**{}**\n",
                tr(
                    lang,
                    "plan.opex_saved",
                    &[("amount", &money(lang, group.opex_saved))]
                )
            ));
        }
        if !group.migrations.is_empty() {
            out.push_str(&format!(
                "\n### {}\n\n",
                tr(
                    lang,
                    "plan.migrations",
                    &[("count", &group.migrations.len().to_string())]
                )
            ));
            for m in &group.migrations {
                out.push_str(&format!("- {}\n", cell(&migration(lang, m))));
            }
        }
        if !group.repoints.is_empty() {
            out.push_str(&format!(
                "\n### {}\n\n",
                tr(
                    lang,
                    "plan.repoints",
                    &[("count", &group.repoints.len().to_string())]
                )
            ));
            for r in &group.repoints {
                out.push_str(&format!("- {}\n", cell(&repoint(lang, r))));
            }
        }
        if !group.findings.is_empty() {
            out.push_str(&format!(
                "\n### {}\n\n",
                tr(
                    lang,
                    "plan.findings_here",
                    &[
                        ("count", &group.findings.len().to_string()),
                        ("codes", &codes(group))
                    ]
                )
            ));
            for f in &group.findings {
                out.push_str(&format!(
                    "- **{}** `{}`: {}\n",
                    f.code,
                    f.element,
                    cell(&f.message.render(lang))
                ));
            }
        }
    }
    out.push_str(&format!("\n---\n\n{}\n\n", tr(lang, "plan.age", &[])));
    out.push_str(&format!(
        "_{}_\n",
        tr(
            lang,
            "plan.footer",
            &[("version", env!("CARGO_PKG_VERSION"))]
        )
    ));
    out
}

fn member_json(lang: Lang, m: &Member) -> Value {
    json!({
        "id": m.id,
        "name": m.name,
        "origin": m.origin,
        "owner": m.owner,
        "layer": m.layer.as_str(),
        "status": m.status.as_str(),
        "security_level": m.security_level,
        "hosted_on": m.hosted_on,
        "shared_hosting": m.shared_hosting,
        "platform_of": m.platform_of,
        "dependants": m.dependants,
        "agencies": m.agencies,
        "capex": m.capex,
        "opex": m.opex,
        "funding": m.funding.map(|f| match f {
            Funding::PublicInvestment => "public-investment",
            Funding::ServiceLease => "service-lease",
            Funding::Other => "other",
        }),
        "details": details(lang, m),
    })
}

/// The JSON document, version 1.
pub fn json(plan: &Plan, lang: Lang) -> String {
    let groups: Vec<Value> = plan
        .groups
        .iter()
        .map(|group| {
            let retire: Vec<Value> = group
                .retire
                .iter()
                .enumerate()
                .map(|(i, &k)| {
                    let mut m = member_json(lang, &group.members[k]);
                    m["reasons"] = group.reasons[i]
                        .iter()
                        .map(|r| json!({"key": r.key, "text": reason(lang, r)}))
                        .collect();
                    m
                })
                .collect();
            let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
            for f in &group.findings {
                *by_code.entry(f.code).or_default() += 1;
            }
            json!({
                "title": group.title,
                "links": group.links.iter().map(|l| match l {
                    Link::Capability(id, name) => json!({"kind": "capability", "id": id, "name": name, "text": link(lang, l)}),
                    Link::Name(key) => json!({"kind": "name", "key": key, "text": link(lang, l)}),
                    Link::Data(name) => json!({"kind": "data", "name": name, "text": link(lang, l)}),
                }).collect::<Vec<_>>(),
                "choice": match &group.choice {
                    Choice::Ranked => "ranked",
                    Choice::SeparateOwners => "separate-owners",
                    Choice::Decided(_) => "decided",
                },
                "choice_text": choice(lang, group),
                "keep": group.keep.iter().map(|&k| member_json(lang, &group.members[k])).collect::<Vec<_>>(),
                "retire": retire,
                "opex_saved": group.opex_saved,
                "capex_retired": group.capex_retired,
                "migrations": group.migrations.iter().map(|m| json!({
                    "data": m.data, "name": m.data_name, "from": m.from, "to": m.to, "into": m.into,
                    "text": migration(lang, m),
                })).collect::<Vec<_>>(),
                "repoints": group.repoints.iter().map(|r| json!({
                    "system": r.system, "edge": r.edge, "from": r.from, "to": r.to,
                })).collect::<Vec<_>>(),
                "findings": {
                    "count": group.findings.len(),
                    "by_code": by_code,
                    "list": group.findings.iter().map(|f| json!({
                        "code": f.code, "element": f.element, "message": f.message.render(lang),
                    })).collect::<Vec<_>>(),
                },
            })
        })
        .collect();
    let document = json!({
        "version": 1,
        "tool": {"name": "kientruc", "version": env!("CARGO_PKG_VERSION")},
        "lang": lang.as_str(),
        "model": {"id": plan.model_id, "name": plan.model_name},
        "origins": plan.origins,
        "summary": {
            "groups": plan.groups.len(),
            "retired": plan.retired,
            "opex_saved": plan.opex_saved,
            "capex_retired": plan.capex_retired,
            "findings_total": plan.findings_total,
            "findings_grouped": plan.findings_grouped,
            "decided": plan.decided,
        },
        "groups": groups,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
