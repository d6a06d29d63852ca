//! Which of several live systems doing the same job is kept (the incumbent) and why: the
//! choice DUP001, DUP002 and INV002 share. The incumbent is the system the architecture relies
//! on: national first; then a designated platform; then status; then the number of live
//! systems that depend on it; then capex; then id — and a provider that depends on another
//! provider is never the incumbent. Linear in the providers (or masters) compared.

use crate::finding::Arg;
use crate::graph::{CapabilityIx, DataIx, Graph, IxVec, SystemIx};
use crate::source::Loc;

/// A live system that duplicates the incumbent of a capability or data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    pub system: SystemIx,
    /// The `provides` / `master` reference of the duplicate.
    pub loc: Loc,
    pub incumbent: SystemIx,
    /// Why the incumbent is kept rather than this one.
    pub reason: Kept,
}

/// Why the incumbent is the one kept: the first criterion, in order, that tells it from the
/// duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The incumbent is a national system.
    National,
    /// The incumbent is the designated platform of a capability.
    Platform,
    /// The incumbent's status is further along (operational before building…).
    Status,
    /// The duplicate itself depends on the incumbent.
    DependedOn,
    /// More live systems depend on the incumbent.
    Dependents,
    /// The incumbent cost more to build (the investment already made).
    Capex,
    /// Nothing tells them apart: the first id in sorted order is kept.
    Id,
}

impl Kept {
    /// The reason as a word of the UI catalogue, for a message argument.
    pub fn arg(self) -> Arg {
        Arg::Word(match self {
            Kept::National => "kept.national",
            Kept::Platform => "kept.platform",
            Kept::Status => "kept.status",
            Kept::DependedOn => "kept.depended-on",
            Kept::Dependents => "kept.dependents",
            Kept::Capex => "kept.capex",
            Kept::Id => "kept.id",
        })
    }
}

/// The incumbency key of a system: smaller is kept. National first; then a designated
/// platform; then status (operational, retiring, building, planned, proposed); then the number
/// of live systems that depend on it (more first); then capex (more first); then id.
fn incumbency_key<'m>(
    graph: &Graph<'m>,
    platforms: &IxVec<SystemIx, bool>,
    dependents: &IxVec<SystemIx, usize>,
    system: SystemIx,
) -> (
    bool,
    bool,
    u8,
    std::cmp::Reverse<usize>,
    std::cmp::Reverse<u64>,
    &'m str,
    SystemIx,
) {
    let s = &graph.model.systems[system];
    (
        !graph.national_system[system],
        !platforms[system],
        s.status.incumbency(),
        std::cmp::Reverse(dependents[system]),
        std::cmp::Reverse(s.cost.and_then(|c| c.capex).unwrap_or(0)),
        s.id.value.as_str(),
        system,
    )
}

/// What the incumbent choice reads, computed once per model: per system, whether it is a
/// designated platform and how many live systems depend on it.
pub struct Incumbency {
    platforms: IxVec<SystemIx, bool>,
    dependents: IxVec<SystemIx, usize>,
}

impl Incumbency {
    pub fn new(graph: &Graph<'_>) -> Incumbency {
        let mut platforms = crate::graph::per(&graph.model.systems, false);
        for &p in graph.platform.iter().flatten() {
            platforms[p] = true;
        }
        let dependents = IxVec::from_vec(
            graph
                .systems()
                .map(|s| {
                    let mut live: Vec<SystemIx> = graph.dependents[s]
                        .iter()
                        .copied()
                        .filter(|&d| graph.is_live(d))
                        .collect();
                    live.sort_unstable();
                    live.dedup();
                    live.len()
                })
                .collect(),
        );
        Incumbency {
            platforms,
            dependents,
        }
    }

    /// The live systems among `entries` that duplicate the incumbent, with the reason it is
    /// kept. A provider that depends on another provider is never the incumbent (it is built on
    /// top of it); among the others the incumbency key decides.
    fn duplicates(&self, graph: &Graph<'_>, entries: &[(SystemIx, Loc)]) -> Vec<Duplicate> {
        let mut live: Vec<(SystemIx, Loc)> = entries
            .iter()
            .copied()
            .filter(|&(s, _)| graph.is_live(s))
            .collect();
        let key = |s: SystemIx| incumbency_key(graph, &self.platforms, &self.dependents, s);
        // Stable: several references of one system keep their order, so `dedup` keeps the first.
        live.sort_by_key(|&(s, _)| key(s));
        live.dedup_by_key(|&mut (s, _)| s);
        if live.len() < 2 {
            return Vec::new();
        }
        let members: std::collections::HashSet<SystemIx> = live.iter().map(|&(s, _)| s).collect();
        let depends_on_member = |s: SystemIx| {
            graph.depends_on[s]
                .iter()
                .any(|&(t, _)| t != s && members.contains(&t))
        };
        let incumbent = live
            .iter()
            .map(|&(s, _)| s)
            .find(|&s| !depends_on_member(s))
            .unwrap_or(live[0].0);
        live.iter()
            .filter(|&&(s, _)| s != incumbent && !replacement(graph, s, incumbent))
            .map(|&(system, loc)| Duplicate {
                system,
                loc,
                incumbent,
                reason: self.reason(graph, incumbent, system),
            })
            .collect()
    }

    fn reason(&self, graph: &Graph<'_>, incumbent: SystemIx, other: SystemIx) -> Kept {
        let (a, b) = (
            incumbency_key(graph, &self.platforms, &self.dependents, incumbent),
            incumbency_key(graph, &self.platforms, &self.dependents, other),
        );
        if b < a || graph.depends_on[other].iter().any(|&(t, _)| t == incumbent) {
            // Ranked first but built on another provider: never the incumbent.
            Kept::DependedOn
        } else if a.0 != b.0 {
            Kept::National
        } else if a.1 != b.1 {
            Kept::Platform
        } else if a.2 != b.2 {
            Kept::Status
        } else if a.3 != b.3 {
            Kept::Dependents
        } else if a.4 != b.4 {
            Kept::Capex
        } else {
            Kept::Id
        }
    }

    /// The live providers of `capability` that duplicate its incumbent. Empty when the
    /// capability has a designated platform (REUSE001 judges those) or allows several providers.
    pub fn duplicate_providers(
        &self,
        graph: &Graph<'_>,
        capability: CapabilityIx,
    ) -> Vec<Duplicate> {
        let c = &graph.model.capabilities[capability];
        if c.platform.is_some() || c.allow_multiple.unwrap_or(false) {
            return Vec::new();
        }
        self.duplicates(graph, &graph.providers[capability])
    }

    /// The live masters of `data` that duplicate its incumbent.
    pub fn duplicate_masters(&self, graph: &Graph<'_>, data: DataIx) -> Vec<Duplicate> {
        self.duplicates(graph, &graph.masters[data])
    }
}

/// Whether one of the two systems lists the other under `replaces`.
fn replacement(graph: &Graph<'_>, a: SystemIx, b: SystemIx) -> bool {
    graph.replaced_by[a].iter().any(|&(r, _)| r == b)
        || graph.replaced_by[b].iter().any(|&(r, _)| r == a)
}
