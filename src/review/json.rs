//! The JSON document of `review`: the document of `check` (`report::json`, version 1) over the
//! findings the proposal causes, plus a `verdict` object. Fields may be added; none is removed
//! or renamed without a new `version`. It renders a [`Reviewed`]; it never judges.

use serde::Serialize;

use super::{Named, Reviewed, threshold};
use crate::report::Report;
use crate::report::json::{Document, FindingJson, document};

#[derive(Serialize)]
struct ReviewDocument<'a> {
    #[serde(flatten)]
    document: Document<'a>,
    /// Findings of the model alone that the proposal removes.
    resolved: Vec<FindingJson<'a>>,
    verdict: VerdictJson<'a>,
}

#[derive(Serialize)]
struct UseJson<'a> {
    system: NamedJson<'a>,
    /// `platform`, `hosting` or `data`.
    kind: &'static str,
    target: NamedJson<'a>,
    national: bool,
}

#[derive(Serialize)]
struct NamedJson<'a> {
    id: &'a str,
    name: &'a str,
}

impl<'a> NamedJson<'a> {
    fn of(named: &'a Named) -> Self {
        NamedJson {
            id: &named.id,
            name: &named.name,
        }
    }
}

#[derive(Serialize)]
struct VerdictJson<'a> {
    ready: bool,
    /// The `--fail-on` threshold; `null` for `never`.
    fail_on: Option<&'static str>,
    project: ProjectJson<'a>,
    checklist: Vec<CheckJson<'a>>,
    at_stake: AtStakeJson<'a>,
    reuse_instead: Vec<ReuseJson<'a>>,
    must_integrate: Vec<LinkJson<'a>>,
    /// What the proposal reuses: platforms and national systems, hosting, data it reads.
    reuses: Vec<UseJson<'a>>,
}

#[derive(Serialize)]
struct ProjectJson<'a> {
    id: &'a str,
    name: &'a str,
    owner: Option<NamedJson<'a>>,
    funding: Option<crate::model::Funding>,
    budget: Option<u64>,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    principle: &'static str,
    passed: bool,
    /// `pass`, `fail` or `not-judged`.
    state: &'static str,
    findings: Vec<FindingRef<'a>>,
}

#[derive(Serialize)]
struct FindingRef<'a> {
    code: &'a str,
    element: &'a str,
}

#[derive(Serialize)]
struct AtStakeJson<'a> {
    capex: u128,
    opex: u128,
    systems: &'a [String],
}

#[derive(Serialize)]
struct ReuseJson<'a> {
    system: NamedJson<'a>,
    overlap: &'static str,
    subject: NamedJson<'a>,
    existing: NamedJson<'a>,
    owner: Option<NamedJson<'a>>,
    status: crate::model::Status,
    national: bool,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    system: NamedJson<'a>,
    capability: NamedJson<'a>,
    target: NamedJson<'a>,
    via: Option<NamedJson<'a>>,
    declared: bool,
}

pub fn render(reviewed: &Reviewed, lang: crate::i18n::Lang) -> String {
    let report = Report {
        findings: &reviewed.findings,
        coverage: &reviewed.judged.coverage,
        sources: &reviewed.judged.loaded.sources,
        stats: &reviewed.judged.stats,
        lang,
        color: false,
        base: "",
        baseline: None,
        max_results: None,
        fail_on: None,
        link_base: None,
    };
    let verdict = &reviewed.verdict;
    let project = &verdict.project;
    let doc = ReviewDocument {
        document: document(&report),
        resolved: reviewed
            .resolved
            .iter()
            .map(|f| FindingJson::of(&reviewed.judged.loaded.sources, f, lang))
            .collect(),
        verdict: VerdictJson {
            ready: verdict.ready,
            fail_on: threshold(verdict.fail_on).map(|s| s.as_str()),
            project: ProjectJson {
                id: &project.id,
                name: &project.name,
                owner: project.owner.as_ref().map(NamedJson::of),
                funding: project.funding,
                budget: project.budget,
            },
            checklist: verdict
                .checklist
                .iter()
                .map(|c| CheckJson {
                    principle: c.principle.as_str(),
                    passed: c.passed(),
                    state: c.state.as_str(),
                    findings: c
                        .findings
                        .iter()
                        .map(|&i| FindingRef {
                            code: reviewed.findings[i].code(),
                            element: &reviewed.findings[i].element,
                        })
                        .collect(),
                })
                .collect(),
            at_stake: AtStakeJson {
                capex: verdict.at_stake.capex,
                opex: verdict.at_stake.opex,
                systems: &verdict.at_stake.systems,
            },
            reuse_instead: verdict
                .reuse
                .iter()
                .map(|r| ReuseJson {
                    system: NamedJson::of(&r.system),
                    overlap: r.overlap.as_str(),
                    subject: NamedJson::of(&r.subject),
                    existing: NamedJson::of(&r.existing),
                    owner: r.owner.as_ref().map(NamedJson::of),
                    status: r.status,
                    national: r.national,
                })
                .collect(),
            must_integrate: verdict
                .links
                .iter()
                .map(|l| LinkJson {
                    system: NamedJson::of(&l.system),
                    capability: NamedJson::of(&l.capability),
                    target: NamedJson::of(&l.target),
                    via: l.via.as_ref().map(NamedJson::of),
                    declared: l.declared,
                })
                .collect(),
            reuses: verdict
                .uses
                .iter()
                .map(|u| UseJson {
                    system: NamedJson::of(&u.system),
                    kind: u.kind.as_str(),
                    target: NamedJson::of(&u.target),
                    national: u.national,
                })
                .collect(),
        },
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
