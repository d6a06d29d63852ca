//! The dependency graph of a model, built once: a petgraph node per element and a typed edge
//! per reference, plus the indexes the rules read (providers by capability, masters by data
//! set, systems by owner, …). References that name nothing and ids defined twice are recorded
//! here as facts; the integrity rules turn them into findings. Nothing here reports or prints.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::{AgencyLevel, Model, Ref, Status};
use crate::source::{Loc, Sources};

mod ix;
mod types;

pub use ix::{
    AgencyIx, CapabilityIx, DataIx, IntegrationIx, Ix, IxLists, IxListsBuilder, IxVec, ProjectIx,
    SystemIx, all, enumerate, per,
};

pub use types::{
    Duplicate, Edge, EdgeKind, Element, Kind, ResolvedIntegration, Unresolved, WellKnown,
};

/// The graph and its indexes. Indexes are by position in the model's lists.
pub struct Graph<'m> {
    pub model: &'m Model,
    /// Every reference as a typed edge ([`Graph::edges`]): only the model's diff walks it, so
    /// it is built on first use (by the same walk as the indexes, in the same order).
    edges: OnceLock<DiGraph<Element, Edge>>,
    /// Whether this walk adds the edges (the lazy build of `edges`) or only the indexes.
    keep_edges: bool,
    /// How many references resolved: the edges of [`Graph::edges`], counted without them.
    edge_count: usize,
    /// Element by id (foldhash: the graph's build looks up every reference of the model).
    ids: HashMap<&'m str, Element, foldhash::fast::RandomState>,
    /// The node of the first element of each kind: nodes are added kind by kind, in the
    /// model's order, so an element's node is computed, not looked up.
    first_node: [usize; 5],
    pub unresolved: Vec<Unresolved>,
    pub duplicates: Vec<Duplicate>,
    /// Per system: whether it is live (status not retired, not replaced by a live system).
    pub live: IxVec<SystemIx, bool>,
    /// Per system / data set: owned by a central agency (the national level).
    pub national_system: IxVec<SystemIx, bool>,
    pub national_data: IxVec<DataIx, bool>,
    /// Per system: resolved `depends_on` targets with the reference's place.
    pub depends_on: IxLists<SystemIx, (SystemIx, Loc)>,
    pub dependents: IxLists<SystemIx, SystemIx>,
    pub hosted_on: IxVec<SystemIx, Option<(SystemIx, Loc)>>,
    /// Per capability: systems that provide / require it (with the reference's place).
    pub providers: IxLists<CapabilityIx, (SystemIx, Loc)>,
    pub requirers: IxLists<CapabilityIx, (SystemIx, Loc)>,
    /// Per capability: the designated platform system.
    pub platform: IxVec<CapabilityIx, Option<SystemIx>>,
    /// Per data set: systems that master / read / copy it.
    pub masters: IxLists<DataIx, (SystemIx, Loc)>,
    pub readers: IxLists<DataIx, (SystemIx, Loc)>,
    pub copiers: IxLists<DataIx, (SystemIx, Loc)>,
    /// Per system: systems that list it under `replaces`.
    pub replaced_by: IxLists<SystemIx, (SystemIx, Loc)>,
    /// Per system: its owner agency (when resolved).
    pub system_owner: IxVec<SystemIx, Option<AgencyIx>>,
    pub data_owner: IxVec<DataIx, Option<AgencyIx>>,
    /// Per agency: how many elements name it as owner, parent, approver or authority.
    pub agency_uses: IxVec<AgencyIx, usize>,
    /// Per system: the other ends of its integrations (resolved `to`, resolved `via`).
    pub integrations: IxLists<SystemIx, ResolvedIntegration>,
    /// Per system: systems integrating with it through it as `via`.
    pub via_users: IxLists<SystemIx, SystemIx>,
    /// Per system: systems whose integrations name it as `to`.
    pub integrated_from: IxLists<SystemIx, SystemIx>,
    /// Per file of the sources: whether it belongs to the built-in national catalogue.
    national_file: Vec<bool>,
    pub well_known: WellKnown,
    /// Visit stamps for the searches ([`Graph::reaching`]…), shared by rules that run on
    /// several threads: a search holds them while it runs.
    scratch: Mutex<(Vec<u32>, u32)>,
}

const AGENCY: &[Kind] = &[Kind::Agency];
const ANY: &[Kind] = &[
    Kind::Agency,
    Kind::Capability,
    Kind::Data,
    Kind::System,
    Kind::Project,
];

impl<'m> Graph<'m> {
    pub fn build(model: &'m Model, sources: &Sources) -> Graph<'m> {
        Graph::walk(model, sources, false)
    }

    /// The graph of `model`: its indexes, and with `keep_edges` its edges too.
    fn walk(model: &'m Model, sources: &Sources, keep_edges: bool) -> Graph<'m> {
        let systems = model.systems.len();
        let mut graph = DiGraph::default();
        if keep_edges {
            graph = DiGraph::with_capacity(model.element_count(), model.reference_count());
        }
        let mut g = Graph {
            model,
            edges: OnceLock::from(graph),
            keep_edges,
            edge_count: 0,
            ids: HashMap::with_capacity_and_hasher(
                model.element_count(),
                foldhash::fast::RandomState::default(),
            ),
            first_node: {
                let counts = [
                    model.agencies.len(),
                    model.capabilities.len(),
                    model.data.len(),
                    model.systems.len(),
                    model.projects.len(),
                ];
                let mut first = [0; 5];
                for k in 1..5 {
                    first[k] = first[k - 1] + counts[k - 1];
                }
                first
            },
            unresolved: Vec::new(),
            duplicates: Vec::new(),
            live: IxVec::filled(false, systems),
            national_system: IxVec::filled(false, systems),
            national_data: IxVec::filled(false, model.data.len()),
            depends_on: IxLists::default(),
            dependents: IxLists::default(),
            hosted_on: IxVec::filled(None, systems),
            providers: IxLists::default(),
            requirers: IxLists::default(),
            platform: IxVec::filled(None, model.capabilities.len()),
            masters: IxLists::default(),
            readers: IxLists::default(),
            copiers: IxLists::default(),
            replaced_by: IxLists::default(),
            system_owner: IxVec::filled(None, systems),
            data_owner: IxVec::filled(None, model.data.len()),
            agency_uses: IxVec::filled(0, model.agencies.len()),
            integrations: IxLists::default(),
            via_users: IxLists::default(),
            integrated_from: IxLists::default(),
            national_file: (0..sources.len())
                .map(|f| sources.get(f as u32).national)
                .collect(),
            well_known: WellKnown::default(),
            scratch: Mutex::new((vec![0; systems], 0)),
        };
        g.add_nodes();
        g.add_edges();
        if !keep_edges {
            g.edges = OnceLock::new();
        }
        g.compute_live();
        let capability = |id: &str| g.lookup(id).and_then(Element::capability);
        g.well_known = WellKnown {
            data_exchange: capability(WellKnown::DATA_EXCHANGE),
            hosting: capability(WellKnown::HOSTING),
            open_data: capability(WellKnown::OPEN_DATA),
        };
        g
    }

    /// Every resolved reference as a typed edge between the elements' nodes ([`Graph::node`]),
    /// in the model's order; built on first use.
    pub fn edges(&self) -> &DiGraph<Element, Edge> {
        self.edges.get_or_init(|| {
            Graph::walk(self.model, &Sources::default(), true)
                .edges
                .into_inner()
                .unwrap_or_default()
        })
    }

    /// How many references resolved (the edges of [`Graph::edges`], without building them).
    pub fn edge_count(&self) -> usize {
        self.edge_count
    }

    /// Whether an element belongs to the national level — the one definition: defined by the
    /// national catalogue, or a system, data set or agency of the central level (every `vn.`
    /// element is). The province is not judged for national elements.
    pub fn is_national(&self, element: Element) -> bool {
        let i = element.index;
        let m = self.model;
        let file = match element.kind {
            Kind::Agency => m.agencies[i].file,
            Kind::Capability => m.capabilities[i].file,
            Kind::Data => m.data[i].file,
            Kind::System => m.systems[i].file,
            Kind::Project => m.projects[i].file,
        };
        if self
            .national_file
            .get(file as usize)
            .copied()
            .unwrap_or(false)
        {
            return true;
        }
        match element.kind {
            Kind::System => self.national_system[SystemIx::new(i)],
            Kind::Data => self.national_data[DataIx::new(i)],
            Kind::Agency => m.agencies[i].level == AgencyLevel::Central,
            Kind::Capability | Kind::Project => false,
        }
    }

    /// [`Graph::is_national`] of the element an id names (false for an id that names nothing).
    pub fn is_national_id(&self, id: &str) -> bool {
        self.lookup(id).is_some_and(|e| self.is_national(e))
    }

    /// The designated platform of a well-known capability.
    pub fn platform_of(&self, capability: Option<CapabilityIx>) -> Option<SystemIx> {
        capability.and_then(|c| self.platform[c])
    }

    fn add_nodes(&mut self) {
        let model = self.model;
        let all = model
            .agencies
            .iter()
            .enumerate()
            .map(|(i, e)| (Kind::Agency, i, &e.id, e.file))
            .chain(
                model
                    .capabilities
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (Kind::Capability, i, &e.id, e.file)),
            )
            .chain(
                model
                    .data
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (Kind::Data, i, &e.id, e.file)),
            )
            .chain(
                model
                    .systems
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (Kind::System, i, &e.id, e.file)),
            )
            .chain(
                model
                    .projects
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (Kind::Project, i, &e.id, e.file)),
            );
        for (kind, index, id, file) in all {
            let element = Element { kind, index };
            if self.keep_edges
                && let Some(graph) = self.edges.get_mut()
            {
                let node = graph.add_node(element);
                debug_assert_eq!(node, self.node(element));
            }
            let loc = Loc::new(file, id.span);
            match self.ids.get(id.value.as_str()) {
                Some(&first) => self.duplicates.push(Duplicate {
                    id: id.value.clone(),
                    first: (first, self.element_loc(first)),
                    again: (element, loc),
                }),
                None => {
                    self.ids.insert(id.value.as_str(), element);
                }
            }
        }
    }

    fn add_edges(&mut self) {
        let model = self.model;
        let systems = model.systems.len();
        // The lists of references, sized from how many the systems make (no doubling): a
        // system's own lists are built in order; the others from (element, item) pairs.
        let count = |f: fn(&crate::model::System) -> usize| model.systems.iter().map(f).sum();
        let (n_depends, n_integrations) = (
            count(|s| s.depends_on.len()),
            count(|s| s.integrations.len()),
        );
        let mut depends_on = IxListsBuilder::with_capacity(systems, n_depends);
        let mut dependents = Vec::with_capacity(n_depends);
        let mut replaced_by = Vec::with_capacity(count(|s| s.replaces.len()));
        let mut integrations = IxListsBuilder::with_capacity(systems, n_integrations);
        let mut via_users = Vec::with_capacity(count(|s| {
            s.integrations.iter().filter(|i| i.via.is_some()).count()
        }));
        let mut integrated_from = Vec::with_capacity(n_integrations);
        let mut providers = Vec::with_capacity(count(|s| s.provides.len()));
        let mut requirers = Vec::with_capacity(count(|s| s.requires.len()));
        let mut masters = Vec::with_capacity(count(|s| s.data.master.len()));
        let mut readers = Vec::with_capacity(count(|s| s.data.read.len()));
        let mut copiers = Vec::with_capacity(count(|s| s.data.copy.len()));
        for (i, agency) in model.agencies.iter().enumerate() {
            let from = Element {
                kind: Kind::Agency,
                index: i,
            };
            if let Some(parent) = &agency.parent {
                self.link::<AgencyIx>(from, agency.file, parent, EdgeKind::Parent);
            }
            if let Some(successor) = &agency.successor {
                self.link::<AgencyIx>(from, agency.file, successor, EdgeKind::Successor);
            }
        }
        if let Some(info) = &model.info
            && let Some(authority) = &info.authority
        {
            // The model itself is no element; the authority only counts as a use of the agency.
            if let Some(a) = self.resolve_quiet::<AgencyIx>(authority) {
                self.agency_uses[a] += 1;
            } else {
                let found = self.ids.get(authority.value.as_str()).map(|e| e.kind);
                self.unresolved.push(Unresolved {
                    from: Element {
                        kind: Kind::Agency,
                        index: usize::MAX,
                    },
                    id: authority.value.clone(),
                    loc: Loc::new(info.file, authority.span),
                    expected: AGENCY,
                    found,
                });
            }
        }
        for (i, capability) in model.capabilities.iter().enumerate() {
            let from = Element {
                kind: Kind::Capability,
                index: i,
            };
            if let Some(platform) = &capability.platform {
                self.platform[CapabilityIx::new(i)] =
                    self.link::<SystemIx>(from, capability.file, platform, EdgeKind::Platform);
            }
            for target in &capability.must_integrate {
                self.link::<SystemIx>(from, capability.file, target, EdgeKind::MustIntegrate);
            }
        }
        for (i, data) in model.data.iter().enumerate() {
            let from = Element {
                kind: Kind::Data,
                index: i,
            };
            let owner = self.link::<AgencyIx>(from, data.file, &data.owner, EdgeKind::Owner);
            let d = DataIx::new(i);
            self.data_owner[d] = owner;
            self.national_data[d] =
                owner.is_some_and(|a| model.agencies[a].level == AgencyLevel::Central);
        }
        for (i, system) in model.systems.iter().enumerate() {
            let from = Element {
                kind: Kind::System,
                index: i,
            };
            let file = system.file;
            let owner = self.link::<AgencyIx>(from, file, &system.owner, EdgeKind::Owner);
            let i = SystemIx::new(i);
            self.system_owner[i] = owner;
            self.national_system[i] =
                owner.is_some_and(|a| model.agencies[a].level == AgencyLevel::Central);
            for r in &system.provides {
                if let Some(c) = self.link::<CapabilityIx>(from, file, r, EdgeKind::Provides) {
                    providers.push((c, (i, Loc::new(file, r.span))));
                }
            }
            for r in &system.requires {
                if let Some(c) = self.link::<CapabilityIx>(from, file, r, EdgeKind::Requires) {
                    requirers.push((c, (i, Loc::new(file, r.span))));
                }
            }
            for r in &system.depends_on {
                if let Some(s) = self.link::<SystemIx>(from, file, r, EdgeKind::DependsOn) {
                    depends_on.push(i, (s, Loc::new(file, r.span)));
                    dependents.push((s, i));
                }
            }
            if let Some(r) = &system.hosted_on
                && let Some(s) = self.link::<SystemIx>(from, file, r, EdgeKind::HostedOn)
            {
                self.hosted_on[i] = Some((s, Loc::new(file, r.span)));
            }
            for r in &system.data.master {
                if let Some(d) = self.link::<DataIx>(from, file, r, EdgeKind::Master) {
                    masters.push((d, (i, Loc::new(file, r.span))));
                }
            }
            for r in &system.data.read {
                if let Some(d) = self.link::<DataIx>(from, file, r, EdgeKind::Read) {
                    readers.push((d, (i, Loc::new(file, r.span))));
                }
            }
            for r in &system.data.copy {
                if let Some(d) = self.link::<DataIx>(from, file, r, EdgeKind::Copy) {
                    copiers.push((d, (i, Loc::new(file, r.span))));
                }
            }
            for (n, integration) in system.integrations.iter().enumerate() {
                let to = self.link::<SystemIx>(
                    from,
                    file,
                    &integration.to,
                    EdgeKind::Integration(IntegrationIx::new(n)),
                );
                let via = integration.via.as_ref().and_then(|v| {
                    self.link::<SystemIx>(from, file, v, EdgeKind::Via(IntegrationIx::new(n)))
                });
                for d in &integration.data {
                    self.link::<DataIx>(
                        from,
                        file,
                        d,
                        EdgeKind::IntegrationData(IntegrationIx::new(n)),
                    );
                }
                if let Some(to) = to {
                    integrated_from.push((to, i));
                }
                if let Some(via) = via {
                    via_users.push((via, i));
                }
                integrations.push(
                    i,
                    ResolvedIntegration {
                        index: IntegrationIx::new(n),
                        to,
                        via,
                        loc: Loc::new(file, integration.to.span),
                    },
                );
            }
            for r in &system.replaces {
                if let Some(s) = self.link::<SystemIx>(from, file, r, EdgeKind::Replaces) {
                    replaced_by.push((s, (i, Loc::new(file, r.span))));
                }
            }
            if let Some(r) = &system.project {
                self.link::<ProjectIx>(from, file, r, EdgeKind::Project);
            }
        }
        self.depends_on = depends_on.finish(systems);
        self.dependents = IxLists::from_pairs(systems, dependents);
        self.replaced_by = IxLists::from_pairs(systems, replaced_by);
        self.integrations = integrations.finish(systems);
        self.via_users = IxLists::from_pairs(systems, via_users);
        self.integrated_from = IxLists::from_pairs(systems, integrated_from);
        self.providers = IxLists::from_pairs(model.capabilities.len(), providers);
        self.requirers = IxLists::from_pairs(model.capabilities.len(), requirers);
        self.masters = IxLists::from_pairs(model.data.len(), masters);
        self.readers = IxLists::from_pairs(model.data.len(), readers);
        self.copiers = IxLists::from_pairs(model.data.len(), copiers);
        for (i, project) in model.projects.iter().enumerate() {
            let from = Element {
                kind: Kind::Project,
                index: i,
            };
            if let Some(owner) = &project.owner {
                self.link::<AgencyIx>(from, project.file, owner, EdgeKind::Owner);
            }
            for r in &project.delivers {
                self.link::<SystemIx>(from, project.file, r, EdgeKind::Delivers);
            }
        }
        for waiver in &model.waivers {
            if let Some(a) = self.resolve_quiet::<AgencyIx>(&waiver.approved_by) {
                self.agency_uses[a] += 1;
            } else {
                let found = self
                    .ids
                    .get(waiver.approved_by.value.as_str())
                    .map(|e| e.kind);
                self.unresolved.push(Unresolved {
                    from: Element {
                        kind: Kind::Agency,
                        index: usize::MAX,
                    },
                    id: waiver.approved_by.value.clone(),
                    loc: Loc::new(waiver.file, waiver.approved_by.span),
                    expected: AGENCY,
                    found,
                });
            }
            if !self.ids.contains_key(waiver.element.value.as_str()) {
                self.unresolved.push(Unresolved {
                    from: Element {
                        kind: Kind::Agency,
                        index: usize::MAX,
                    },
                    id: waiver.element.value.clone(),
                    loc: Loc::new(waiver.file, waiver.element.span),
                    expected: ANY,
                    found: None,
                });
            }
        }
    }

    fn resolve_quiet<I: Ix>(&self, r: &Ref) -> Option<I> {
        self.ids.get(r.value.as_str()).and_then(|&e| I::of(e))
    }

    /// Resolves a reference, adds its edge, and records it as unresolved when it names nothing
    /// of the expected kind. Returns the index of the target in its kind's list.
    fn link<I: Ix>(&mut self, from: Element, file: u32, r: &Ref, kind: EdgeKind) -> Option<I> {
        let loc = Loc::new(file, r.span);
        let expected = I::EXPECTED;
        match self.ids.get(r.value.as_str()).copied() {
            Some(target) if target.kind == I::KIND => {
                if let Some(agency) = target.agency()
                    && matches!(kind, EdgeKind::Owner | EdgeKind::Parent)
                {
                    self.agency_uses[agency] += 1;
                }
                self.edge_count += 1;
                if self.keep_edges {
                    let (a, b) = (self.node(from), self.node(target));
                    if let Some(graph) = self.edges.get_mut() {
                        graph.add_edge(a, b, Edge { kind, loc });
                    }
                }
                I::of(target)
            }
            found => {
                self.unresolved.push(Unresolved {
                    from,
                    id: r.value.clone(),
                    loc,
                    expected,
                    found: found.map(|e| e.kind),
                });
                None
            }
        }
    }

    fn compute_live(&mut self) {
        let model = self.model;
        for (i, system) in model.systems.iter().enumerate() {
            self.live[SystemIx::new(i)] = system.status.is_live();
        }
        // Replaced by a live system: not live. Replacers' own liveness uses their status only,
        // so a chain of replacements does not depend on the order of evaluation.
        for i in all::<SystemIx>(model.systems.len()) {
            if self.replaced_by[i]
                .iter()
                .any(|&(r, _)| model.systems[r].status.is_live() && r != i)
            {
                self.live[i] = false;
            }
        }
    }

    /// The element an id names (its first definition).
    pub fn lookup(&self, id: &str) -> Option<Element> {
        self.ids.get(id).copied()
    }

    pub fn node(&self, element: Element) -> NodeIndex {
        NodeIndex::new(self.first_node[element.kind as usize] + element.index)
    }

    /// All ids of the given kinds, for suggestions.
    pub fn ids_of<'a>(&'a self, kinds: &'a [Kind]) -> impl Iterator<Item = &'m str> + Clone + 'a {
        self.ids
            .iter()
            .filter(move |(_, e)| kinds.contains(&e.kind))
            .map(|(id, _)| *id)
    }

    /// Where an element is defined (its id).
    pub fn element_loc(&self, element: Element) -> Loc {
        let m = self.model;
        let i = element.index;
        match element.kind {
            Kind::Agency => Loc::new(m.agencies[i].file, m.agencies[i].id.span),
            Kind::Capability => Loc::new(m.capabilities[i].file, m.capabilities[i].id.span),
            Kind::Data => Loc::new(m.data[i].file, m.data[i].id.span),
            Kind::System => Loc::new(m.systems[i].file, m.systems[i].id.span),
            Kind::Project => Loc::new(m.projects[i].file, m.projects[i].id.span),
        }
    }

    pub fn element_id(&self, element: Element) -> &'m str {
        let m = self.model;
        let i = element.index;
        match element.kind {
            Kind::Agency => m.agencies[i].id.value.as_str(),
            Kind::Capability => m.capabilities[i].id.value.as_str(),
            Kind::Data => m.data[i].id.value.as_str(),
            Kind::System => m.systems[i].id.value.as_str(),
            Kind::Project => m.projects[i].id.value.as_str(),
        }
    }

    pub fn element_name(&self, element: Element) -> &'m str {
        let m = self.model;
        let i = element.index;
        match element.kind {
            Kind::Agency => &m.agencies[i].name,
            Kind::Capability => &m.capabilities[i].name,
            Kind::Data => &m.data[i].name,
            Kind::System => &m.systems[i].name,
            Kind::Project => &m.projects[i].name,
        }
    }

    pub fn system_loc(&self, system: SystemIx) -> Loc {
        self.element_loc(system.element())
    }

    /// Every system's index, in the model's order.
    pub fn systems(&self) -> impl DoubleEndedIterator<Item = SystemIx> + Clone + use<> {
        all(self.model.systems.len())
    }

    /// Every capability's index, in the model's order.
    pub fn capabilities(&self) -> impl DoubleEndedIterator<Item = CapabilityIx> + Clone + use<> {
        all(self.model.capabilities.len())
    }

    /// Every data set's index, in the model's order.
    pub fn data_sets(&self) -> impl DoubleEndedIterator<Item = DataIx> + Clone + use<> {
        all(self.model.data.len())
    }

    /// Every agency's index, in the model's order.
    pub fn agencies(&self) -> impl DoubleEndedIterator<Item = AgencyIx> + Clone + use<> {
        all(self.model.agencies.len())
    }

    /// Whether a system's status is live and no live system replaces it.
    pub fn is_live(&self, system: SystemIx) -> bool {
        self.live[system]
    }

    /// Systems from which any of `targets` is reachable through `depends_on` (targets
    /// included): one reverse breadth-first search, linear in what it visits.
    pub fn reaching(&self, targets: &[SystemIx]) -> Vec<SystemIx> {
        let mut scratch = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        let (stamp, epoch) = &mut *scratch;
        *epoch = epoch.wrapping_add(1);
        if *epoch == 0 {
            stamp.iter_mut().for_each(|s| *s = 0);
            *epoch = 1;
        }
        let mut queue: Vec<SystemIx> = Vec::new();
        for &t in targets {
            if stamp[t.index()] != *epoch {
                stamp[t.index()] = *epoch;
                queue.push(t);
            }
        }
        let mut head = 0;
        while head < queue.len() {
            let s = queue[head];
            head += 1;
            for &d in &self.dependents[s] {
                if stamp[d.index()] != *epoch {
                    stamp[d.index()] = *epoch;
                    queue.push(d);
                }
            }
        }
        queue
    }

    /// Systems reachable from `start` through `depends_on` (start included).
    pub fn reachable_from(&self, start: SystemIx) -> Vec<SystemIx> {
        let mut scratch = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        let (stamp, epoch) = &mut *scratch;
        *epoch = epoch.wrapping_add(1);
        if *epoch == 0 {
            stamp.iter_mut().for_each(|s| *s = 0);
            *epoch = 1;
        }
        stamp[start.index()] = *epoch;
        let mut queue = vec![start];
        let mut head = 0;
        while head < queue.len() {
            let s = queue[head];
            head += 1;
            for &(d, _) in &self.depends_on[s] {
                if stamp[d.index()] != *epoch {
                    stamp[d.index()] = *epoch;
                    queue.push(d);
                }
            }
        }
        queue
    }

    /// Whether a status counts, for the incumbent choice, and the model's status of a system.
    pub fn status(&self, system: SystemIx) -> Status {
        self.model.systems[system].status
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edges_built_on_demand_are_the_references_that_resolved() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/bac-lieu");
        let loaded = crate::load_for(&path, None).expect("the example model loads");
        let graph = Graph::build(&loaded.model, &loaded.sources);
        assert!(graph.edge_count() > 100);
        let edges = graph.edges();
        assert_eq!(edges.edge_count(), graph.edge_count());
        assert_eq!(edges.node_count(), loaded.model.element_count());
        // Every depends_on index entry is an edge of that kind between the same nodes.
        for s in graph.systems() {
            for &(target, _) in &graph.depends_on[s] {
                let (a, b) = (graph.node(s.element()), graph.node(target.element()));
                assert!(
                    edges
                        .edges_connecting(a, b)
                        .any(|e| e.weight().kind == EdgeKind::DependsOn)
                );
            }
        }
    }
}
