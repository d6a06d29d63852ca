//! The format-independent view of a graph: the elements and edges a meeting sees, with the
//! marks of findings and of a proposal. [`View::build`] turns a judged model into a view;
//! the renderers only draw it.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::finding::{Finding, Severity};
use crate::graph::{AgencyIx, Graph, IxVec, Kind};
use crate::i18n::{Lang, tr};
use crate::load::Loaded;
use crate::model::{Cost, Layer, Ref, Status};

use super::select::{mark, select};
use super::{EdgeFilter, GroupBy, Request, one_line};

/// A finding's mark on an element or edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mark {
    pub code: &'static str,
    pub severity: Severity,
}

/// An element as drawn.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// Systems: their layer; data sets: `data`.
    pub layer: Option<Layer>,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub status: Option<Status>,
    pub security_level: Option<u8>,
    pub cost: Option<Cost>,
    /// Part of the national catalogue.
    pub national: bool,
    /// Added by the proposal.
    pub new: bool,
    /// Findings naming the element, sorted, one per code.
    pub findings: Vec<Mark>,
}

impl Node {
    /// The worst severity of the findings naming the element.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|m| m.severity).max()
    }
    /// The finding codes, comma-separated.
    pub fn codes(&self) -> String {
        codes(&self.findings)
    }
}

/// How an element looks in a drawing: systems by their layer, other elements by their kind.
/// Each format maps a look to its own shape or keyword; the fill colours live here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Channel,
    Portal,
    Application,
    DataSystem,
    Integration,
    Infrastructure,
    Security,
    DataSet,
    Capability,
    Agency,
}

impl Look {
    pub const ALL: [Look; 10] = [
        Look::Channel,
        Look::Portal,
        Look::Application,
        Look::DataSystem,
        Look::Integration,
        Look::Infrastructure,
        Look::Security,
        Look::DataSet,
        Look::Capability,
        Look::Agency,
    ];
    /// A stable name (Mermaid's class name).
    pub fn as_str(self) -> &'static str {
        match self {
            Look::Channel => "channel",
            Look::Portal => "portal",
            Look::Application => "application",
            Look::DataSystem => "data",
            Look::Integration => "integration",
            Look::Infrastructure => "infrastructure",
            Look::Security => "security",
            Look::DataSet => "dataset",
            Look::Capability => "capability",
            Look::Agency => "agency",
        }
    }
    /// The fill colour (national elements are gold whatever their look).
    pub fn fill(self) -> &'static str {
        match self {
            Look::Channel => "#fde2cf",
            Look::Portal => "#fcd5e5",
            Look::Application => "#cdeffb",
            Look::DataSystem => "#d9f2e6",
            Look::Integration => "#d6e9ff",
            Look::Infrastructure => "#dfe9c8",
            Look::Security => "#e6dcf2",
            Look::DataSet => "#eef7ee",
            Look::Capability => "#f3e5f5",
            Look::Agency => "#fffde7",
        }
    }
}

impl Node {
    pub fn look(&self) -> Look {
        match (self.kind, self.layer) {
            (Kind::Data, _) => Look::DataSet,
            (Kind::Capability, _) => Look::Capability,
            (Kind::Agency, _) | (Kind::Project, _) => Look::Agency,
            (_, Some(Layer::Channel)) => Look::Channel,
            (_, Some(Layer::Portal)) => Look::Portal,
            (_, Some(Layer::Data)) => Look::DataSystem,
            (_, Some(Layer::Integration)) => Look::Integration,
            (_, Some(Layer::Infrastructure)) => Look::Infrastructure,
            (_, Some(Layer::Security)) => Look::Security,
            (_, Some(Layer::Application) | None) => Look::Application,
        }
    }
}

/// The kind of an edge as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// `from` depends on `to`.
    Depends,
    /// `from` is hosted on `to`.
    Hosted,
    /// `from` exchanges data with `to` (through the platform in the label, if any).
    Integration,
    /// `from` (a system) is the master of `to` (a data set).
    Master,
    /// `from` (a system) reads `to` (a data set).
    Read,
    /// `from` (a system) keeps a copy of `to` (a data set).
    Copy,
    /// `from` (a system) provides `to` (a capability).
    Provides,
    /// `from` (an agency) owns `to`.
    Owner,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Depends => "depends",
            EdgeKind::Hosted => "hosted",
            EdgeKind::Integration => "integration",
            EdgeKind::Master => "master",
            EdgeKind::Read => "read",
            EdgeKind::Copy => "copy",
            EdgeKind::Provides => "provides",
            EdgeKind::Owner => "owner",
        }
    }
    fn filter(self) -> Option<EdgeFilter> {
        match self {
            EdgeKind::Depends => Some(EdgeFilter::Depends),
            EdgeKind::Hosted => Some(EdgeFilter::Hosted),
            EdgeKind::Integration => Some(EdgeFilter::Integrations),
            EdgeKind::Master | EdgeKind::Read | EdgeKind::Copy => Some(EdgeFilter::Data),
            EdgeKind::Provides | EdgeKind::Owner => None,
        }
    }
    /// Data flows: master, read, copy.
    pub fn is_data(self) -> bool {
        matches!(self, EdgeKind::Master | EdgeKind::Read | EdgeKind::Copy)
    }
}

/// An edge as drawn, between two nodes of the view (indexes in `View::nodes`).
#[derive(Debug, Clone)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// Integrations: the id of the platform they go through (short: the platform itself is
    /// drawn with its name).
    pub via: Option<String>,
    pub findings: Vec<Mark>,
}

impl Edge {
    /// The ends as drawn, in the direction things flow: a data set flows to the systems that
    /// read or copy it; every other edge points from `from` to `to`.
    pub fn drawn(&self) -> (usize, usize) {
        match self.kind {
            EdgeKind::Read | EdgeKind::Copy => (self.to, self.from),
            _ => (self.from, self.to),
        }
    }
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|m| m.severity).max()
    }
    pub fn codes(&self) -> String {
        codes(&self.findings)
    }
}

fn codes(marks: &[Mark]) -> String {
    let list: Vec<&str> = marks.iter().map(|m| m.code).collect();
    list.join(", ")
}

/// A finding as listed beside a drawing.
#[derive(Debug, Clone)]
pub struct Listed {
    pub code: &'static str,
    pub severity: Severity,
    pub element: String,
    pub message: String,
    /// The element is drawn (a finding about the model itself is on no node).
    pub on_node: bool,
}

/// A cluster of nodes: a layer, the national catalogue, or an owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Stable, ASCII: `channel`, `national`, `owner-so-tttt`, …
    pub key: String,
    pub label: String,
    pub national: bool,
    pub nodes: Vec<usize>,
}

/// The format-independent view of the graph.
#[derive(Debug, Clone)]
pub struct View {
    /// The model id.
    pub model: String,
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// The findings on elements of the view and on the model itself, the most severe first
    /// (waived ones left out, counted in `waived`).
    pub findings: Vec<Listed>,
    /// The elements of the waived findings (one entry per finding), for their count.
    pub waived: Vec<String>,
    /// Every agency of the model: id, name, parent (the page's owner filter keeps an agency's
    /// sub-agencies).
    pub agencies: Vec<(String, String, Option<String>)>,
    pub group_by: GroupBy,
    pub lang: Lang,
}

impl View {
    /// Builds the view of a graph: every element, the edges, the marks; then the filters.
    pub fn build(
        loaded: &Loaded,
        graph: &Graph<'_>,
        findings: &[Finding],
        new_ids: &HashSet<String>,
        request: &Request,
    ) -> Result<View, String> {
        let model = &loaded.model;
        let lang = request.lang;
        let mut nodes: Vec<Node> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |node: Node, nodes: &mut Vec<Node>| -> Option<usize> {
            // A duplicated id (KT002) is drawn once: its first definition.
            if index.contains_key(&node.id) {
                return None;
            }
            index.insert(node.id.clone(), nodes.len());
            nodes.push(node);
            Some(nodes.len() - 1)
        };
        let base = |kind: Kind, id: &Ref, name: &str| {
            let id = id.value.as_str();
            Node {
                id: id.to_string(),
                name: one_line(name),
                kind,
                layer: None,
                owner: None,
                owner_name: None,
                status: None,
                security_level: None,
                cost: None,
                national: graph.is_national_id(id),
                new: new_ids.contains(id),
                findings: Vec::new(),
            }
        };
        // The owner as resolved, else as written (an unresolved owner is KT001's business).
        let owner = |resolved: Option<AgencyIx>, written: &Ref| {
            let agency = resolved.map(|a| &model.agencies[a]);
            (
                Some(agency.map_or(written.value.to_string(), |a| a.id.value.to_string())),
                agency.map(|a| one_line(&a.name)),
            )
        };

        let mut system_node = crate::graph::per(&model.systems, None);
        for (i, s) in crate::graph::enumerate(&model.systems) {
            let (owner, owner_name) = owner(graph.system_owner[i], &s.owner);
            let node = Node {
                layer: Some(s.layer),
                owner,
                owner_name,
                status: Some(s.status),
                security_level: s.security_level.as_ref().map(|l| l.value),
                cost: s.cost,
                ..base(Kind::System, &s.id, &s.name)
            };
            system_node[i] = add(node, &mut nodes);
        }
        let mut data_node = crate::graph::per(&model.data, None);
        for (i, d) in crate::graph::enumerate(&model.data) {
            let (owner, owner_name) = owner(graph.data_owner[i], &d.owner);
            let node = Node {
                layer: Some(Layer::Data),
                owner,
                owner_name,
                ..base(Kind::Data, &d.id, &d.name)
            };
            data_node[i] = add(node, &mut nodes);
        }
        let capability_node: IxVec<_, Option<usize>> = IxVec::from_vec(
            model
                .capabilities
                .iter()
                .map(|c| add(base(Kind::Capability, &c.id, &c.name), &mut nodes))
                .collect(),
        );
        let agency_node: IxVec<AgencyIx, Option<usize>> = IxVec::from_vec(
            model
                .agencies
                .iter()
                .map(|a| add(base(Kind::Agency, &a.id, &a.name), &mut nodes))
                .collect(),
        );

        let mut edges: BTreeSet<(usize, usize, EdgeKind, Option<String>)> = BTreeSet::new();
        for (s, from) in system_node.iter_enumerated() {
            let Some(from) = *from else { continue };
            for &(t, _) in &graph.depends_on[s] {
                if let Some(to) = system_node[t] {
                    edges.insert((from, to, EdgeKind::Depends, None));
                }
            }
            if let Some((t, _)) = graph.hosted_on[s]
                && let Some(to) = system_node[t]
            {
                edges.insert((from, to, EdgeKind::Hosted, None));
            }
            for integration in &graph.integrations[s] {
                if let Some(to) = integration.to.and_then(|t| system_node[t]) {
                    let via = integration
                        .via
                        .map(|v| model.systems[v].id.value.to_string());
                    edges.insert((from, to, EdgeKind::Integration, via));
                }
            }
            if let Some(owner) = graph.system_owner[s].and_then(|a| agency_node[a]) {
                edges.insert((owner, from, EdgeKind::Owner, None));
            }
        }
        for (d, to) in data_node.iter_enumerated() {
            let Some(to) = *to else { continue };
            for (list, kind) in [
                (&graph.masters[d], EdgeKind::Master),
                (&graph.readers[d], EdgeKind::Read),
                (&graph.copiers[d], EdgeKind::Copy),
            ] {
                for &(s, _) in list {
                    if let Some(from) = system_node[s] {
                        edges.insert((from, to, kind, None));
                    }
                }
            }
            if let Some(owner) = graph.data_owner[d].and_then(|a| agency_node[a]) {
                edges.insert((owner, to, EdgeKind::Owner, None));
            }
        }
        for (c, to) in capability_node.iter_enumerated() {
            let Some(to) = *to else { continue };
            for &(s, _) in &graph.providers[c] {
                if let Some(from) = system_node[s] {
                    edges.insert((from, to, EdgeKind::Provides, None));
                }
            }
        }
        let mut edges: Vec<Edge> = edges
            .into_iter()
            .filter(|(_, _, kind, _)| {
                request.edges.is_empty() || kind.filter().is_none_or(|f| request.edges.contains(&f))
            })
            .map(|(from, to, kind, via)| Edge {
                from,
                to,
                kind,
                via,
                findings: Vec::new(),
            })
            .collect();

        let listed = mark(&mut nodes, &mut edges, &index, findings, lang);
        let under = request
            .owner
            .as_deref()
            .map(|owner| super::select::under(owner, model))
            .unwrap_or_default();
        let keep = select(&nodes, &edges, &index, request, &under)?;
        let title = match &model.info {
            Some(info) => one_line(&info.name),
            None => tr(lang, "graph.title", &[]),
        };
        let mut view = View {
            model: model
                .info
                .as_ref()
                .map(|i| i.id.value.to_string())
                .unwrap_or_default(),
            title,
            nodes,
            edges,
            findings: listed,
            agencies: model
                .agencies
                .iter()
                .map(|a| {
                    (
                        a.id.value.to_string(),
                        one_line(&a.name),
                        a.parent.as_ref().map(|p| p.value.to_string()),
                    )
                })
                .collect(),
            waived: findings
                .iter()
                .filter(|f| f.waived.is_some())
                .map(|f| f.element.clone())
                .collect(),
            group_by: request.group_by,
            lang,
        };
        // With no filter, the findings on elements this format does not draw (agencies,
        // capabilities in a drawing) stay listed, off the drawing, so that the list counts
        // what `check` counts.
        let whole = request.focus.is_none()
            && request.layer.is_none()
            && request.owner.is_none()
            && !request.focus_proposal;
        view.retain(&keep, whole);
        Ok(view)
    }

    /// Keeps the nodes flagged in `keep` and the edges between them, renumbering. With
    /// `whole`, findings on dropped nodes stay listed, as off the drawing.
    fn retain(&mut self, keep: &[bool], whole: bool) {
        // Waived findings are counted as the listed ones are kept: on a kept node, or on the
        // model itself (no node), or anywhere when the whole model is shown.
        let dropped: HashSet<String> = self
            .nodes
            .iter()
            .zip(keep)
            .filter(|(_, k)| !**k)
            .map(|(n, _)| n.id.clone())
            .collect();
        if !whole {
            self.waived.retain(|id| !dropped.contains(id));
        }
        let mut renumber = vec![usize::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, node) in std::mem::take(&mut self.nodes).into_iter().enumerate() {
            if keep[i] {
                renumber[i] = nodes.len();
                nodes.push(node);
            }
        }
        self.edges.retain(|e| keep[e.from] && keep[e.to]);
        for edge in &mut self.edges {
            edge.from = renumber[edge.from];
            edge.to = renumber[edge.to];
        }
        let ids: HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        self.findings.retain_mut(|f| {
            if !f.on_node || ids.contains(f.element.as_str()) {
                true
            } else {
                f.on_node = false;
                whole
            }
        });
        self.nodes = nodes;
    }

    /// Each agency's parent, for [`owner_chain`].
    pub fn parents(&self) -> HashMap<&str, &str> {
        self.agencies
            .iter()
            .filter_map(|(id, _, p)| Some((id.as_str(), p.as_deref()?)))
            .collect()
    }

    /// The clusters of the view, in drawing order, each with its nodes in view order.
    pub fn groups(&self) -> Vec<Group> {
        let mut groups: Vec<(u8, Group)> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let (rank, key, label) = self.group_of(node);
            match groups.iter_mut().find(|(_, g)| g.key == key) {
                Some((_, group)) => group.nodes.push(i),
                None => groups.push((
                    rank,
                    Group {
                        key,
                        label,
                        national: node.national && self.group_by == GroupBy::Layer,
                        nodes: vec![i],
                    },
                )),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.key.cmp(&b.1.key)));
        groups.into_iter().map(|(_, g)| g).collect()
    }

    fn group_of(&self, node: &Node) -> (u8, String, String) {
        let lang = self.lang;
        match (self.group_by, node.kind) {
            (_, Kind::Capability) => (
                20,
                "capabilities".into(),
                tr(lang, "graph.group.capability", &[]),
            ),
            (_, Kind::Agency) | (_, Kind::Project) => {
                (21, "agencies".into(), tr(lang, "graph.group.agency", &[]))
            }
            (GroupBy::Layer, _) if node.national => {
                (7, "national".into(), tr(lang, "graph.group.national", &[]))
            }
            (GroupBy::Layer, _) => {
                let layer = node.layer.unwrap_or(Layer::Application);
                let rank = match layer {
                    Layer::Security => 8,
                    other => other as u8,
                };
                (
                    rank,
                    layer.as_str().into(),
                    tr(lang, &format!("graph.layer.{}", layer.as_str()), &[]),
                )
            }
            (GroupBy::Owner, _) => {
                let owner = node.owner.clone().unwrap_or_default();
                let label = node.owner_name.clone().unwrap_or_else(|| owner.clone());
                (u8::from(node.national), format!("owner-{owner}"), label)
            }
        }
    }

    /// Neighbours of each node, both directions.
    pub fn adjacency(&self) -> Vec<Vec<usize>> {
        let mut adjacent = vec![Vec::new(); self.nodes.len()];
        for e in &self.edges {
            adjacent[e.from].push(e.to);
            adjacent[e.to].push(e.from);
        }
        for list in &mut adjacent {
            list.sort_unstable();
            list.dedup();
        }
        adjacent
    }

    /// The short second line of a node's label: id, status, owner.
    pub fn detail(&self, node: &Node) -> String {
        let mut parts = vec![node.id.clone()];
        if let Some(status) = node.status {
            parts.push(tr(self.lang, &format!("status.{}", status.as_str()), &[]));
        }
        if node.new {
            parts.push(tr(self.lang, "graph.new", &[]));
        }
        parts.join(" · ")
    }

    /// The words on an edge, unescaped: what it carries (the platform of an integration, the
    /// kind of a data flow) and the codes of the findings naming it.
    pub fn edge_label(&self, edge: &Edge) -> (Option<String>, Option<String>) {
        let subject = match &edge.via {
            Some(via) => Some(via.clone()),
            None if edge.kind.is_data() => {
                Some(self.text(&format!("graph.data.{}", edge.kind.as_str())))
            }
            None => None,
        };
        let codes = (!edge.findings.is_empty()).then(|| edge.codes());
        (subject, codes)
    }

    /// A text of the UI in the view's language.
    pub fn text(&self, key: &str) -> String {
        tr(self.lang, key, &[])
    }
}

/// An agency and the agencies above it (`parent`, at any depth; a cycle ends where it
/// repeats), nearest first, joined by spaces.
pub fn owner_chain(parents: &HashMap<&str, &str>, owner: &str) -> String {
    let mut chain = vec![owner];
    let mut at = owner;
    while let Some(&up) = parents.get(at) {
        if chain.contains(&up) {
            break;
        }
        chain.push(up);
        at = up;
    }
    chain.join(" ")
}

#[cfg(test)]
mod owner_tests {
    use super::*;

    #[test]
    fn an_owner_chain_climbs_parents_and_stops_on_a_cycle() {
        let parents: HashMap<&str, &str> = HashMap::from([
            ("bv-da-khoa", "so-y-te"),
            ("so-y-te", "ubnd"),
            ("a", "b"),
            ("b", "a"),
        ]);
        assert_eq!(
            owner_chain(&parents, "bv-da-khoa"),
            "bv-da-khoa so-y-te ubnd"
        );
        assert_eq!(owner_chain(&parents, "a"), "a b");
        assert_eq!(owner_chain(&parents, "x"), "x");
    }
}
