//! `kientruc consolidate`: what a merged province holds twice, and what to keep, retire and
//! migrate. Systems of different origins are paired when they provide the same capability,
//! master data sets of the same kind (equal name keys), or have names equal once the former
//! provinces' names and generic words are removed ([`super::names`]). Pairs are found through
//! indexes (capability → providers, name key → systems, union-find over the links), never by
//! comparing every system with every other: the cost is linear in the model plus n·log n for
//! sorting. For each group the plan ranks the members, proposes one to keep (or keeps all when
//! each serves a different agency), gives the reasons, the yearly opex saved, the master data
//! to migrate (so that REUSE004 holds after the retirement) and the links to re-point, and
//! groups under it the findings the duplicate causes. A decisions file overrides any choice.
//! Judging is [`crate::check`]'s; rendering is [`super::plan_render`]'s.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap, HashSet};

use crate::Checked;
use crate::finding::Finding;
use crate::graph::{AgencyIx, Graph, Kind, SystemIx};
use crate::model::{Funding, Layer, Model, Status};

use super::decisions::Decided;
use super::names::Provinces;

/// The rank criteria, in order (documented in the README): designated platform, status,
/// on the shared hosting platform, dependants, agencies served, security level, opex (lower
/// first), from the primary source, id.
#[derive(Debug, Clone)]
pub struct Member {
    /// Index in the model's systems.
    pub index: usize,
    pub id: String,
    pub name: String,
    pub origin: String,
    pub owner: String,
    pub owner_name: String,
    pub layer: Layer,
    pub status: Status,
    pub security_level: Option<u8>,
    pub hosted_on: Option<String>,
    /// Hosted on (or is) the designated platform of `hosting`.
    pub shared_hosting: bool,
    /// Capabilities it is the designated platform of.
    pub platform_of: Vec<String>,
    /// Live systems that depend on it, are hosted on it or integrate with or through it.
    pub dependants: usize,
    /// Agencies those systems (and it) belong to.
    pub agencies: usize,
    pub capex: Option<u64>,
    pub opex: Option<u64>,
    pub funding: Option<Funding>,
}

/// Why systems were paired.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Link {
    /// They provide this capability (id, name).
    Capability(String, String),
    /// Their names have this key.
    Name(String),
    /// They master data sets of this kind (the data set's name).
    Data(String),
}

/// One reason for keeping a member over another: a message key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// A data set a retired system masters that must move (REUSE004).
#[derive(Debug, Clone)]
pub struct Migration {
    pub data: String,
    pub data_name: String,
    pub from: String,
    pub to: String,
    /// The kept system's data set of the same kind, to merge into.
    pub into: Option<String>,
}

/// A link of another system to a retired one, to point at the kept one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Repoint {
    pub system: String,
    /// `depends_on`, `hosted_on`, `integration` (to) or `via`.
    pub edge: &'static str,
    pub from: String,
    pub to: String,
}

/// A finding the duplicate causes.
#[derive(Debug, Clone)]
pub struct Grouped {
    pub code: &'static str,
    pub element: String,
    /// The finding's message, rendered in the plan's language when it is written.
    pub message: crate::finding::Message,
}

/// Why the members kept are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Ranked by the criteria.
    Ranked,
    /// Each member serves another agency: all kept.
    SeparateOwners,
    /// The decisions file said so (with its reason).
    Decided(Option<String>),
}

#[derive(Debug, Clone)]
pub struct Group {
    /// A title: the capability's name, else the kept system's name.
    pub title: String,
    pub links: Vec<Link>,
    /// Ranked, best first.
    pub members: Vec<Member>,
    /// Indexes into `members`.
    pub keep: Vec<usize>,
    pub retire: Vec<usize>,
    pub choice: Choice,
    /// Per retired member (same order as `retire`): why the first kept member wins.
    pub reasons: Vec<Vec<Reason>>,
    pub opex_saved: u64,
    pub capex_retired: u64,
    pub migrations: Vec<Migration>,
    pub repoints: Vec<Repoint>,
    pub findings: Vec<Grouped>,
}

impl Group {
    pub fn kept(&self) -> &Member {
        &self.members[self.keep[0]]
    }
}

/// The consolidation plan.
#[derive(Debug, Clone)]
pub struct Plan {
    pub model_id: String,
    pub model_name: String,
    pub origins: Vec<String>,
    pub groups: Vec<Group>,
    pub findings_total: usize,
    pub findings_grouped: usize,
    pub opex_saved: u64,
    pub capex_retired: u64,
    pub retired: usize,
    /// How many groups follow a decision of the decisions file.
    pub decided: usize,
}

/// Union-find over system indexes.
struct Union {
    parent: Vec<usize>,
}

impl Union {
    fn new(n: usize) -> Union {
        Union {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The smaller index is the root: groups come out in definition order.
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.parent[high] = low;
        }
    }
}

fn origin_of(model: &Model, system: usize) -> &str {
    model.systems[system]
        .origin
        .as_ref()
        .map_or("", |o| o.as_str())
}

/// Finds the groups and proposes what to keep; `decisions` (already checked against the
/// groups by [`candidate_groups`]) overrides the proposal.
pub fn plan(checked: &Checked, decisions: &Decided) -> Plan {
    let model = &checked.loaded.model;
    let graph = Graph::build(model, &checked.loaded.sources);
    let sets = candidate_groups(model, &graph);
    let primary = model
        .info
        .as_ref()
        .map(|i| i.id.value.0.to_string())
        .unwrap_or_default();
    let facts = Facts::new(model, &graph);
    let mut groups: Vec<Group> = sets
        .into_iter()
        .map(|(members, links)| {
            build_group(model, &graph, &facts, &primary, members, links, decisions)
        })
        .collect();
    assign_migrations(model, &graph, &mut groups);
    let grouped = attach_findings(model, &graph, &checked.findings, &mut groups);
    groups.sort_by(|a, b| {
        Reverse(a.findings.len())
            .cmp(&Reverse(b.findings.len()))
            .then(a.members[0].id.cmp(&b.members[0].id))
    });
    let origins: Vec<String> = (0..model.systems.len())
        .map(|i| origin_of(model, i).to_string())
        .filter(|o| !o.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Plan {
        model_id: primary,
        model_name: model
            .info
            .as_ref()
            .map(|i| i.name.clone())
            .unwrap_or_default(),
        origins,
        findings_total: checked.findings.len(),
        findings_grouped: grouped,
        opex_saved: groups.iter().map(|g| g.opex_saved).sum(),
        capex_retired: groups.iter().map(|g| g.capex_retired).sum(),
        retired: groups.iter().map(|g| g.retire.len()).sum(),
        decided: groups
            .iter()
            .filter(|g| matches!(g.choice, Choice::Decided(_)))
            .count(),
        groups,
    }
}

/// The groups of systems held twice: each a set of live, non-national system indexes of at
/// least two origins, with what links them; in definition order of their first member.
pub fn candidate_groups(model: &Model, graph: &Graph<'_>) -> Vec<(Vec<usize>, Vec<Link>)> {
    let n = model.systems.len();
    let candidate = |i: SystemIx| graph.is_live(i) && !graph.national_system[i];
    let provinces = Provinces::new(
        (0..n)
            .map(|i| origin_of(model, i))
            .filter(|o| !o.is_empty())
            .collect::<BTreeSet<_>>(),
    );
    let mut union = Union::new(n);
    let mut links: Vec<(usize, Link)> = Vec::new();
    let several_origins = |members: &[usize]| {
        let first = origin_of(model, members[0]);
        members.iter().any(|&m| origin_of(model, m) != first)
    };
    // 1. The same capability.
    for (c, capability) in crate::graph::enumerate(&model.capabilities) {
        if capability.allow_multiple == Some(true) {
            continue;
        }
        let mut members: Vec<usize> = graph.providers[c]
            .iter()
            .map(|&(s, _)| s)
            .filter(|&s| candidate(s))
            .map(SystemIx::index)
            .collect();
        members.sort_unstable();
        members.dedup();
        if members.len() > 1 && several_origins(&members) {
            for &m in &members[1..] {
                union.union(members[0], m);
            }
            links.push((
                members[0],
                Link::Capability(capability.id.value.0.to_string(), capability.name.clone()),
            ));
        }
    }
    // 2. Names equal once province names and generic words are removed.
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for i in (0..n).filter(|&i| candidate(SystemIx::new(i))) {
        let key = provinces.key(&model.systems[i].name);
        if !key.is_empty() {
            by_name.entry(key).or_default().push(i);
        }
    }
    let mut names: Vec<(String, Vec<usize>)> = by_name.into_iter().collect();
    names.sort_by_key(|(_, members)| members[0]);
    for (key, members) in names {
        if members.len() > 1 && several_origins(&members) {
            for &m in &members[1..] {
                union.union(members[0], m);
            }
            links.push((members[0], Link::Name(key)));
        }
    }
    // 3. Master data of the same kind, for systems not paired otherwise (a system already in
    // a group carries its data there; linking through data would chain unrelated groups).
    let mut grouped = vec![false; n];
    {
        let mut size: HashMap<usize, usize> = HashMap::new();
        for i in 0..n {
            *size.entry(union.find(i)).or_default() += 1;
        }
        for (i, flag) in grouped.iter_mut().enumerate() {
            *flag = size.get(&union.find(i)).copied().unwrap_or(0) > 1;
        }
    }
    let mut by_data: HashMap<String, Vec<usize>> = HashMap::new();
    let mut data_names: HashMap<String, String> = HashMap::new();
    for (d, data) in crate::graph::enumerate(&model.data) {
        if graph.national_data[d] {
            continue;
        }
        let key = provinces.key(&data.name);
        if key.is_empty() {
            continue;
        }
        data_names
            .entry(key.clone())
            .or_insert_with(|| data.name.clone());
        let entry = by_data.entry(key).or_default();
        for &(s, _) in &graph.masters[d] {
            if candidate(s) {
                entry.push(s.index());
            }
        }
    }
    let mut data: Vec<(String, Vec<usize>)> = by_data.into_iter().collect();
    for (_, members) in &mut data {
        members.sort_unstable();
        members.dedup();
    }
    data.retain(|(_, m)| !m.is_empty());
    data.sort_by_key(|(_, members)| members[0]);
    for (key, members) in data {
        if members.len() > 1 && several_origins(&members) && members.iter().all(|&m| !grouped[m]) {
            for &m in &members[1..] {
                union.union(members[0], m);
            }
            let shown = data_names.get(&key).cloned().unwrap_or(key);
            links.push((members[0], Link::Data(shown)));
        }
    }
    // Collect the components with several origins.
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in (0..n).filter(|&i| candidate(SystemIx::new(i))) {
        let root = union.find(i);
        components.entry(root).or_default().push(i);
    }
    let mut component_links: HashMap<usize, Vec<Link>> = HashMap::new();
    for (member, link) in links {
        let root = union.find(member);
        let list = component_links.entry(root).or_default();
        if !list.contains(&link) {
            list.push(link);
        }
    }
    let mut out: Vec<(usize, Vec<usize>, Vec<Link>)> = components
        .into_iter()
        .filter(|(_, members)| members.len() > 1 && several_origins(members))
        .map(|(root, members)| {
            let mut links = component_links.remove(&root).unwrap_or_default();
            links.sort();
            (members[0], members, links)
        })
        .collect();
    out.sort_by_key(|(first, _, _)| *first);
    out.into_iter().map(|(_, m, l)| (m, l)).collect()
}

/// Per-system facts the ranking needs, computed once.
struct Facts {
    /// Systems hosted on each system.
    hosted_by: crate::graph::IxVec<SystemIx, Vec<SystemIx>>,
    /// Capabilities each system is the platform of.
    platform_of: crate::graph::IxVec<SystemIx, Vec<crate::graph::CapabilityIx>>,
    /// The designated platform of `hosting`.
    hosting: Option<SystemIx>,
    /// Agency id → its parent's id.
    parents: HashMap<String, String>,
}

impl Facts {
    fn new(model: &Model, graph: &Graph<'_>) -> Facts {
        let mut hosted_by = crate::graph::per(&model.systems, Vec::new());
        for (i, host) in graph.hosted_on.iter_enumerated() {
            if let Some((h, _)) = host {
                hosted_by[*h].push(i);
            }
        }
        let mut platform_of = crate::graph::per(&model.systems, Vec::new());
        let mut hosting = None;
        for (c, platform) in graph.platform.iter_enumerated() {
            if let Some(p) = platform {
                platform_of[*p].push(c);
                if model.capabilities[c].id.as_str() == "hosting" {
                    hosting = Some(*p);
                }
            }
        }
        let parents = model
            .agencies
            .iter()
            .filter_map(|a| {
                Some((
                    a.id.value.0.to_string(),
                    a.parent.as_ref()?.value.0.to_string(),
                ))
            })
            .collect();
        Facts {
            hosted_by,
            platform_of,
            hosting,
            parents,
        }
    }

    /// Whether one agency is the other or stands above it (bounded walk up the parents).
    fn related(&self, a: &str, b: &str) -> bool {
        let above = |from: &str, to: &str| {
            let mut at = from;
            for _ in 0..32 {
                if at == to {
                    return true;
                }
                match self.parents.get(at) {
                    Some(parent) => at = parent,
                    None => return false,
                }
            }
            false
        };
        above(a, b) || above(b, a)
    }

    /// The live systems that rely on `system` (depend on it, are hosted on it, integrate
    /// with it or through it), without itself.
    fn dependants(&self, graph: &Graph<'_>, system: SystemIx) -> Vec<SystemIx> {
        let mut all: Vec<SystemIx> = graph.dependents[system]
            .iter()
            .chain(&self.hosted_by[system])
            .chain(&graph.integrated_from[system])
            .chain(&graph.via_users[system])
            .copied()
            .filter(|&s| s != system && graph.is_live(s))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

fn member(model: &Model, graph: &Graph<'_>, facts: &Facts, i: SystemIx) -> Member {
    let system = &model.systems[i];
    let dependants = facts.dependants(graph, i);
    let mut agencies: HashSet<AgencyIx> = dependants
        .iter()
        .filter_map(|&d| graph.system_owner[d])
        .collect();
    if let Some(owner) = graph.system_owner[i] {
        agencies.insert(owner);
    }
    let owner_name = graph.system_owner[i]
        .map(|a| model.agencies[a].name.clone())
        .unwrap_or_default();
    let funding = system.project.as_ref().and_then(|p| {
        model
            .projects
            .iter()
            .find(|project| project.id.value == p.value)
            .and_then(|project| project.funding)
    });
    let host = graph.hosted_on[i].map(|(h, _)| h);
    Member {
        index: i.index(),
        id: system.id.value.0.to_string(),
        name: system.name.clone(),
        origin: origin_of(model, i.index()).to_string(),
        owner: system.owner.value.0.to_string(),
        owner_name,
        layer: system.layer,
        status: system.status,
        security_level: system.security_level.as_ref().map(|l| l.value),
        hosted_on: system.hosted_on.as_ref().map(|h| h.value.0.to_string()),
        shared_hosting: facts.hosting.is_some()
            && (host == facts.hosting || Some(i) == facts.hosting),
        platform_of: facts.platform_of[i]
            .iter()
            .map(|&c| model.capabilities[c].id.value.0.to_string())
            .collect(),
        dependants: dependants.len(),
        agencies: agencies.len(),
        capex: system.cost.and_then(|c| c.capex),
        opex: system.cost.and_then(|c| c.opex),
        funding,
    }
}

/// The ranking key: lower is better.
#[allow(clippy::type_complexity)]
fn rank(
    m: &Member,
    primary: &str,
) -> (
    bool,
    u8,
    bool,
    Reverse<usize>,
    Reverse<usize>,
    Reverse<u8>,
    u64,
    bool,
    String,
) {
    (
        m.platform_of.is_empty(),
        m.status.incumbency(),
        !m.shared_hosting,
        Reverse(m.dependants),
        Reverse(m.agencies),
        Reverse(m.security_level.unwrap_or(0)),
        m.opex.unwrap_or(u64::MAX),
        m.origin != primary,
        m.id.clone(),
    )
}

fn build_group(
    model: &Model,
    graph: &Graph<'_>,
    facts: &Facts,
    primary: &str,
    indexes: Vec<usize>,
    links: Vec<Link>,
    decisions: &Decided,
) -> Group {
    let mut members: Vec<Member> = indexes
        .iter()
        .map(|&i| member(model, graph, facts, SystemIx::new(i)))
        .collect();
    members.sort_by_cached_key(|m| rank(m, primary));
    let decision = members.iter().find_map(|m| decisions.for_system(&m.id));
    // Each member serves its own agency when no owner is another's, or above it (two
    // hospitals under one department of health; not a department and its own office).
    let separate = members.iter().enumerate().all(|(i, a)| {
        members[i + 1..]
            .iter()
            .all(|b| !facts.related(&a.owner, &b.owner))
    });
    let (keep, choice): (Vec<usize>, Choice) = match decision {
        Some(decision) => {
            let keep: Vec<usize> = (0..members.len())
                .filter(|&k| decision.keep.iter().any(|id| id == &members[k].id))
                .collect();
            // The decisions were checked against these very groups, so `keep` is not empty;
            // should it be, the ranking's choice stands rather than a panic.
            let keep = if keep.is_empty() { vec![0] } else { keep };
            (keep, Choice::Decided(decision.reason.clone()))
        }
        None if separate && members.iter().all(|m| m.platform_of.is_empty()) => {
            ((0..members.len()).collect(), Choice::SeparateOwners)
        }
        None => (vec![0], Choice::Ranked),
    };
    let retire: Vec<usize> = (0..members.len()).filter(|k| !keep.contains(k)).collect();
    let kept = &members[keep[0]];
    let reasons = retire
        .iter()
        .map(|&r| reasons(kept, &members[r], primary))
        .collect();
    let title = links
        .iter()
        .find_map(|l| match l {
            Link::Capability(_, name) => Some(name.clone()),
            _ => None,
        })
        .unwrap_or_else(|| kept.name.clone());
    let in_group: HashSet<usize> = members.iter().map(|m| m.index).collect();
    let mut repoints = Vec::new();
    for &r in &retire {
        let gone = &members[r];
        let mut add = |list: &[SystemIx], edge: &'static str| {
            for &s in list {
                if in_group.contains(&s.index()) || !graph.is_live(s) {
                    continue;
                }
                repoints.push(Repoint {
                    system: model.systems[s].id.value.0.to_string(),
                    edge,
                    from: gone.id.clone(),
                    to: kept.id.clone(),
                });
            }
        };
        let gone_ix = SystemIx::new(gone.index);
        add(&graph.dependents[gone_ix], "depends_on");
        add(&facts.hosted_by[gone_ix], "hosted_on");
        add(&graph.integrated_from[gone_ix], "integration");
        add(&graph.via_users[gone_ix], "via");
    }
    repoints.sort();
    repoints.dedup();
    let opex_saved = retire.iter().filter_map(|&r| members[r].opex).sum();
    let capex_retired = retire.iter().filter_map(|&r| members[r].capex).sum();
    Group {
        title,
        links,
        members,
        keep,
        retire,
        choice,
        reasons,
        opex_saved,
        capex_retired,
        migrations: Vec::new(),
        repoints,
        findings: Vec::new(),
    }
}

/// The master data each group must migrate: a data set whose every live master is retired
/// (by any group) moves to the kept system of the first group that retires one of its
/// masters — once, so that no data set ends up with two masters.
fn assign_migrations(model: &Model, graph: &Graph<'_>, groups: &mut [Group]) {
    let retired: HashSet<usize> = groups
        .iter()
        .flat_map(|g| g.retire.iter().map(|&k| g.members[k].index))
        .collect();
    let mut moved: HashSet<usize> = HashSet::new();
    for group in groups.iter_mut() {
        let provinces = Provinces::new(
            group
                .members
                .iter()
                .map(|m| m.origin.as_str())
                .collect::<BTreeSet<_>>(),
        );
        let kept = group.members[group.keep[0]].clone();
        let mut migrations = Vec::new();
        for &r in &group.retire {
            let gone = &group.members[r];
            for master in &model.systems[gone.index].data.master {
                let Some(element) = graph.lookup(master.as_str()) else {
                    continue;
                };
                if element.kind != Kind::Data || moved.contains(&element.index) {
                    continue;
                }
                let Some(data) = element.data() else {
                    continue;
                };
                let d = element.index;
                let kept_master = graph.masters[data]
                    .iter()
                    .any(|&(s, _)| !retired.contains(&s.index()) && graph.is_live(s));
                if kept_master {
                    continue;
                }
                moved.insert(d);
                let key = provinces.key(&model.data[d].name);
                let into = model.systems[kept.index]
                    .data
                    .master
                    .iter()
                    .find(|m| {
                        graph.lookup(m.as_str()).is_some_and(|e| {
                            e.kind == Kind::Data && provinces.key(&model.data[e.index].name) == key
                        })
                    })
                    .map(|m| m.value.0.to_string());
                migrations.push(Migration {
                    data: master.value.0.to_string(),
                    data_name: model.data[d].name.clone(),
                    from: gone.id.clone(),
                    to: kept.id.clone(),
                    into,
                });
            }
        }
        group.migrations = migrations;
    }
}

/// Why `kept` is kept over `gone`: the criteria on which they differ, in rank order.
fn reasons(kept: &Member, gone: &Member, primary: &str) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut say = |key: &'static str, args: Vec<(&'static str, String)>| {
        out.push(Reason { key, args });
    };
    if !kept.platform_of.is_empty() && gone.platform_of.is_empty() {
        say(
            "plan.reason.platform",
            vec![(
                "capabilities",
                kept.platform_of
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        );
    }
    if kept.status != gone.status {
        say(
            "plan.reason.status",
            vec![
                ("kept", kept.status.as_str().to_string()),
                ("gone", gone.status.as_str().to_string()),
            ],
        );
    }
    if kept.shared_hosting && !gone.shared_hosting && kept.hosted_on.is_some() {
        say(
            "plan.reason.hosting",
            vec![(
                "host",
                gone.hosted_on.clone().unwrap_or_else(|| "—".to_string()),
            )],
        );
    }
    if kept.dependants != gone.dependants {
        say(
            "plan.reason.dependants",
            vec![
                ("kept", kept.dependants.to_string()),
                ("gone", gone.dependants.to_string()),
            ],
        );
    }
    if kept.agencies != gone.agencies {
        say(
            "plan.reason.agencies",
            vec![
                ("kept", kept.agencies.to_string()),
                ("gone", gone.agencies.to_string()),
            ],
        );
    }
    if kept.security_level != gone.security_level {
        let level = |l: Option<u8>| l.map_or("—".to_string(), |l| l.to_string());
        say(
            "plan.reason.security",
            vec![
                ("kept", level(kept.security_level)),
                ("gone", level(gone.security_level)),
            ],
        );
    }
    if kept.opex != gone.opex {
        say(
            "plan.reason.opex",
            vec![
                ("kept", kept.opex.map_or(String::new(), |o| o.to_string())),
                ("gone", gone.opex.map_or(String::new(), |o| o.to_string())),
            ],
        );
    }
    if gone.funding == Some(Funding::ServiceLease) {
        say("plan.reason.lease_gone", vec![("id", gone.id.clone())]);
    }
    if kept.funding == Some(Funding::ServiceLease) {
        say("plan.reason.lease_kept", vec![("id", kept.id.clone())]);
    }
    if kept.origin == primary && gone.origin != primary && !primary.is_empty() {
        say("plan.reason.primary", vec![("origin", primary.to_string())]);
    }
    out
}

/// Puts under each group the findings it causes: on a member, naming a member (or a data
/// set a member masters) as related, or — for reuse and hosting findings — on a system that
/// depends on or is hosted on a retired member. Returns how many were grouped.
fn attach_findings(
    model: &Model,
    graph: &Graph<'_>,
    findings: &[Finding],
    groups: &mut [Group],
) -> usize {
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    let mut retired_group: HashMap<usize, usize> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        for (k, m) in group.members.iter().enumerate() {
            group_of.insert(model.systems[m.index].id.as_str(), g);
            for data in &model.systems[m.index].data.master {
                group_of.entry(data.as_str()).or_insert(g);
            }
            if group.retire.contains(&k) {
                retired_group.insert(m.index, g);
            }
        }
    }
    let mut grouped = 0;
    for finding in findings {
        let direct = group_of
            .get(finding.element.as_str())
            .or_else(|| {
                finding
                    .related
                    .iter()
                    .find_map(|r| group_of.get(r.element.as_str()))
            })
            .copied();
        let through = || {
            if !matches!(
                finding.code(),
                "REUSE002" | "REUSE003" | "KT005" | "KT006" | "SEC003"
            ) {
                return None;
            }
            let element = graph.lookup(&finding.element)?;
            if element.kind != Kind::System {
                return None;
            }
            let s = element.system()?;
            graph.depends_on[s]
                .iter()
                .map(|&(t, _)| t)
                .chain(graph.hosted_on[s].map(|(h, _)| h))
                .find_map(|t| retired_group.get(&t.index()).copied())
        };
        // A reuse or hosting finding comes from the second platform the system still uses:
        // it belongs to that platform's group before its own.
        let group = match through() {
            Some(g) => Some(g),
            None => direct,
        };
        if let Some(g) = group {
            groups[g].findings.push(Grouped {
                code: finding.code(),
                element: finding.element.clone(),
                message: finding.message.clone(),
            });
            grouped += 1;
        }
    }
    grouped
}

/// Ids of every system in some group, for the decisions file's checks.
pub fn grouped_ids(model: &Model, graph: &Graph<'_>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (g, (members, _)) in candidate_groups(model, graph).into_iter().enumerate() {
        for m in members {
            out.insert(model.systems[m].id.value.0.to_string(), g);
        }
    }
    out
}
