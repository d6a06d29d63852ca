//! INV001 incomplete-proposal and INV002 proposal-duplicates: the investment rules. They judge
//! a proposal laid over a model ([`Context::proposal`]), so they run in the engine like every
//! rule (levels, waivers and the national filter apply) but only when there is a proposal: in
//! `kientruc review`. This file also finds what a proposal duplicates or rebuilds, the facts
//! behind INV002 and the capex at stake; it reads the overlay's graph and never prints.

use std::ops::Range;

use super::{Context, Explain, Rule, Sink, incumbent};
use crate::finding::{Arg, Principle, Severity};
use crate::graph::{CapabilityIx, DataIx, Graph, SystemIx};
use crate::i18n::Text;
use crate::model::Layer;
use crate::source::Loc;

pub const INV001: Rule = Rule {
    code: "INV001",
    name: "incomplete-proposal",
    severity: Severity::Error,
    principle: Principle::Investment,
    explain: Explain {
        vi: include_str!("docs/inv001.vi.md"),
        en: include_str!("docs/inv001.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hồ sơ đề xuất đầu tư chưa đầy đủ",
            en: "The investment proposal is incomplete",
        },
        Text {
            key: "project",
            vi: "dự án `{project}` chưa khai báo: {fields}",
            en: "the project `{project}` does not state: {fields}",
        },
        Text {
            key: "system",
            vi: "hệ thống `{system}` do đề xuất chuyển giao chưa khai báo: {fields}",
            en: "the system `{system}` the proposal delivers does not state: {fields}",
        },
        Text {
            key: "delivered",
            vi: "dự án `{project}` chuyển giao hệ thống này",
            en: "the project `{project}` delivers this system",
        },
    ],
    check: Some(check_inv001),
};

pub const INV002: Rule = Rule {
    code: "INV002",
    name: "proposal-duplicates",
    severity: Severity::Error,
    principle: Principle::Investment,
    explain: Explain {
        vi: include_str!("docs/inv002.vi.md"),
        en: include_str!("docs/inv002.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Đề xuất đầu tư trùng lặp với hệ thống đã có",
            en: "The proposal duplicates an existing system",
        },
        Text {
            key: "message",
            vi: "`{system}` trùng lặp với hệ thống đã có của mô hình ({items}); vốn đầu tư có nguy cơ lãng phí: {capex} đồng",
            en: "`{system}` duplicates live systems of the model ({items}); capex at stake: {capex} VND",
        },
        Text {
            key: "capability",
            vi: "`{existing}` đã cung cấp năng lực `{capability}`",
            en: "`{existing}` already provides `{capability}`",
        },
        Text {
            key: "master",
            vi: "`{existing}` đã là nguồn chính thức của dữ liệu `{data}`",
            en: "`{existing}` already masters the data set `{data}`",
        },
    ],
    check: Some(check_inv002),
};

/// Where the proposal sits in the overlaid model.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// Index of its project in the overlay's `projects`.
    pub project: usize,
    /// Indexes of its systems in the overlay's `systems` (appended after the model's).
    pub systems: Range<usize>,
}

impl Proposal {
    /// The proposal's systems, in order.
    pub fn system_ixs(&self) -> impl Iterator<Item = SystemIx> + use<> {
        self.systems.clone().map(SystemIx::new)
    }

    /// Whether a system of the overlay is one of the proposal's.
    pub fn has_system(&self, system: SystemIx) -> bool {
        self.systems.contains(&system.index())
    }
}

/// What a proposal system overlaps with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Overlap {
    /// Provides a capability that a live system of the model provides (DUP001).
    Capability(CapabilityIx),
    /// Provides a capability whose designated platform it neither is nor depends on (REUSE001).
    Platform(CapabilityIx),
    /// Masters a data set that a live system of the model masters (DUP002).
    Master(DataIx),
}

/// A proposal system that duplicates or rebuilds something the model has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplication {
    /// The proposal system.
    pub system: SystemIx,
    pub overlap: Overlap,
    /// The system of the model to reuse instead.
    pub existing: SystemIx,
    /// The reference (`provides` / `data.master`) that causes it.
    pub loc: Loc,
}

/// The system of the model that `system` duplicates among `duplicates` (DUP001/DUP002's
/// incumbent choice, from `dup`): its incumbent when that belongs to the model, or, when the
/// proposal's system is itself the incumbent, the first system of the model it outranks.
fn counterpart(
    duplicates: &[incumbent::Duplicate],
    system: SystemIx,
    proposal: &Proposal,
) -> Option<SystemIx> {
    let of_model = |s: &SystemIx| !proposal.has_system(*s);
    match duplicates.iter().find(|d| d.system == system) {
        Some(d) => Some(d.incumbent).filter(of_model),
        None => duplicates
            .iter()
            .filter(|d| d.incumbent == system)
            .map(|d| d.system)
            .find(of_model),
    }
}

/// Everything the proposal's live systems duplicate or rebuild, in system order then in the
/// order they are written. Linear in the proposal's references and the providers they meet.
pub fn duplications(graph: &Graph<'_>, proposal: &Proposal) -> Vec<Duplication> {
    let model = graph.model;
    let incumbency = incumbent::Incumbency::new(graph);
    let mut out = Vec::new();
    for s in proposal.system_ixs() {
        if !graph.is_live(s) {
            continue;
        }
        let system = &model.systems[s];
        let mut reached: Option<Vec<SystemIx>> = None;
        for r in &system.provides {
            let Some(element) = graph.lookup(r.value.as_str()) else {
                continue;
            };
            let Some(c) = element.capability() else {
                continue;
            };
            let loc = Loc::new(system.file, r.span);
            match graph.platform[c] {
                // Providing the capability of a platform that is no longer live (the proposal
                // retires it) takes the platform over; it rebuilds nothing that stays.
                Some(platform) if platform != s && graph.is_live(platform) => {
                    let reached = reached.get_or_insert_with(|| graph.reachable_from(s));
                    if !reached.contains(&platform) {
                        out.push(Duplication {
                            system: s,
                            overlap: Overlap::Platform(c),
                            existing: platform,
                            loc,
                        });
                    }
                }
                Some(_) => {}
                None => {
                    let duplicates = incumbency.duplicate_providers(graph, c);
                    if let Some(existing) = counterpart(&duplicates, s, proposal) {
                        out.push(Duplication {
                            system: s,
                            overlap: Overlap::Capability(c),
                            existing,
                            loc,
                        });
                    }
                }
            }
        }
        for r in &system.data.master {
            let Some(element) = graph.lookup(r.value.as_str()) else {
                continue;
            };
            let Some(d) = element.data() else {
                continue;
            };
            let duplicates = incumbency.duplicate_masters(graph, d);
            if let Some(existing) = counterpart(&duplicates, s, proposal) {
                out.push(Duplication {
                    system: s,
                    overlap: Overlap::Master(d),
                    existing,
                    loc: Loc::new(system.file, r.span),
                });
            }
        }
    }
    out
}

/// The systems a proposal delivers: its own, then those its project lists in `delivers`.
pub fn delivered(graph: &Graph<'_>, proposal: &Proposal) -> Vec<SystemIx> {
    let mut systems: Vec<SystemIx> = proposal.system_ixs().collect();
    for r in &graph.model.projects[proposal.project].delivers {
        if let Some(s) = graph.lookup(r.value.as_str()).and_then(|e| e.system())
            && !systems.contains(&s)
        {
            systems.push(s);
        }
    }
    systems
}

/// INV001: the fields a planner must state before the appraisal can judge the proposal.
fn check_inv001(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(proposal) = ctx.proposal else {
        return;
    };
    let graph = ctx.graph;
    let model = graph.model;
    let project = &model.projects[proposal.project];
    let project_id = project.id.value.as_str();
    let mut missing = Vec::new();
    if project.owner.is_none() {
        missing.push("owner");
    }
    if project.funding.is_none() {
        missing.push("funding");
    }
    if project.budget.is_none() {
        missing.push("budget");
    }
    if !missing.is_empty() {
        sink.report(
            project_id,
            Loc::new(project.file, project.id.span),
            "project",
            &[("project", project_id), ("fields", &code_list(&missing))],
        );
    }
    for s in delivered(graph, proposal) {
        let system = &model.systems[s];
        let mut missing = Vec::new();
        // A data centre or cloud is the host itself: it runs on nothing else.
        if system.hosted_on.is_none() && system.layer != Layer::Infrastructure {
            missing.push("hosted_on");
        }
        if system.security_level.is_none() {
            missing.push("security_level");
        }
        if missing.is_empty() {
            continue;
        }
        let id = system.id.value.as_str();
        let reported = sink.report(
            id,
            graph.system_loc(s),
            "system",
            &[("system", id), ("fields", &code_list(&missing))],
        );
        if !proposal.has_system(s) {
            reported.related(
                project_id,
                Loc::new(project.file, project.id.span),
                "delivered",
                &[("project", project_id)],
            );
        }
    }
}

/// INV002: one finding per proposal system that duplicates a live system of the model (the
/// DUP001/DUP002 facts), with the systems to reuse instead as related and the system's own cost
/// at stake. Rebuilt platforms are REUSE001's to report; they only count in the money at stake.
fn check_inv002(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(proposal) = ctx.proposal else {
        return;
    };
    let graph = ctx.graph;
    let model = graph.model;
    let duplications = duplications(graph, proposal);
    let duplicates: Vec<&Duplication> = duplications
        .iter()
        .filter(|d| !matches!(d.overlap, Overlap::Platform(_)))
        .collect();
    for group in duplicates.chunk_by(|a, b| a.system == b.system) {
        let s = group[0].system;
        let system = &model.systems[s];
        let id = system.id.value.as_str();
        let cost = system.cost.unwrap_or_default();
        let items: Vec<String> = group
            .iter()
            .map(|d| {
                let existing = model.systems[d.existing].id.value.as_str();
                match d.overlap {
                    Overlap::Capability(c) | Overlap::Platform(c) => {
                        format!("`{}` → `{existing}`", model.capabilities[c].id.value)
                    }
                    Overlap::Master(x) => format!("`{}` → `{existing}`", model.data[x].id.value),
                }
            })
            .collect();
        let mut reported = sink
            .report(
                id,
                group[0].loc,
                "message",
                &[("system", id), ("items", &items.join(", "))],
            )
            .arg("capex", Arg::Money(u128::from(cost.capex.unwrap_or(0))))
            .cost(cost.capex, cost.opex);
        for d in group {
            let existing = model.systems[d.existing].id.value.as_str();
            let (key, what, name) = match d.overlap {
                Overlap::Capability(c) | Overlap::Platform(c) => {
                    ("capability", "capability", &model.capabilities[c].id)
                }
                Overlap::Master(x) => ("master", "data", &model.data[x].id),
            };
            reported = reported.related(
                existing,
                graph.system_loc(d.existing),
                key,
                &[("existing", existing), (what, name.value.as_str())],
            );
        }
    }
}

/// Field names as code spans, separated by commas: `` `funding`, `budget` ``.
fn code_list(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
