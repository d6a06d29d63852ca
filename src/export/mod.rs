//! Graph exports for review meetings (`kientruc graph`): one format-independent [`View`] of the
//! model — the elements and edges a meeting wants to see, after the `--layer`, `--owner`,
//! `--edges` and `--focus` filters, with findings and proposal marks — and one file per output
//! format that turns the view into bytes. A renderer never judges and never reads files; it only
//! draws what the view holds, escaping every label for its own format.
//!
//! What is drawn: the drawings (`dot`, `mermaid`, `plantuml`, `svg`, `html`) show systems and
//! data sets — what a review meeting argues about; agencies appear as the owner of each element
//! (in its label and with `--group-by owner`), capabilities through their providers. The model
//! exchanges (`archimate`, `graphml`, `json`) also carry agencies and capabilities with their
//! `owner` and `provides` edges, since the tools that read them build their own views.
//! Projects are never drawn. National elements (the `vn.` catalogue) form their own group and
//! colour, so that what the province builds stands apart from what it reuses.
//!
//! Groups run from the user down: channel, portal, application, data (with the data sets),
//! integration, infrastructure, then the national catalogue, and security apart at the end; or
//! one group per owner. With `--findings`, the element a finding is about carries its code and
//! the colour of its severity (red error, amber warning, blue info), and so do the edges from
//! it to what the finding names; waived findings are not drawn. `--proposal` appends the
//! fragment's elements to the model before anything else, so they are judged and drawn like the
//! rest, marked new.

pub mod archimate;
pub mod dot;
pub mod graphml;
pub mod html;
pub mod json;
pub mod layout;
pub mod mermaid;
pub mod plantuml;
pub mod svg;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::finding::{Finding, Severity};
use crate::graph::{Graph, Kind};
use crate::i18n::{Lang, tr};
use crate::load::{self, LoadFailure, Loaded};
use crate::model::{Cost, Layer, Ref, Status};

/// The output formats of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Dot,
    Mermaid,
    Plantuml,
    Graphml,
    Archimate,
    Svg,
    Html,
    Json,
}

impl Format {
    /// Whether the format carries agencies and capabilities (model exchanges) or only systems
    /// and data sets (drawings).
    pub fn whole_model(self) -> bool {
        matches!(self, Format::Graphml | Format::Archimate | Format::Json)
    }
}

/// The edge families `--edges` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum EdgeFilter {
    Depends,
    Hosted,
    Integrations,
    Data,
}

/// How elements are grouped into clusters or bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum GroupBy {
    #[default]
    Layer,
    Owner,
}

/// What to draw, from the command line.
#[derive(Debug, Clone)]
pub struct Request {
    pub format: Format,
    pub focus: Option<String>,
    pub depth: usize,
    pub layer: Option<Layer>,
    pub owner: Option<String>,
    /// Empty: every family.
    pub edges: Vec<EdgeFilter>,
    pub findings: bool,
    pub proposal: Option<PathBuf>,
    /// Keep only what lies within `depth` edges of the proposal's new elements (`review --graph`).
    pub focus_proposal: bool,
    pub group_by: GroupBy,
    pub lang: Lang,
    pub today: NaiveDate,
    /// `--framework`: the catalogue to judge against instead of the model's own claim.
    pub framework: Option<&'static crate::load::Catalogue>,
}

impl Request {
    /// A request with the defaults of the command line.
    pub fn new(format: Format, lang: Lang, today: NaiveDate) -> Request {
        Request {
            format,
            focus: None,
            depth: 2,
            layer: None,
            owner: None,
            edges: Vec::new(),
            findings: false,
            proposal: None,
            focus_proposal: false,
            group_by: GroupBy::Layer,
            lang,
            today,
            framework: None,
        }
    }
}

/// Why no graph could be drawn.
#[derive(Debug)]
pub enum Failure {
    /// The model (or the proposal) could not be loaded or judged.
    Load(LoadFailure),
    /// The command line names something the model does not hold.
    Request(String),
}

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
    /// The findings on elements of the view (waived ones left out).
    pub findings: Vec<Listed>,
    pub group_by: GroupBy,
    pub lang: Lang,
}

/// Loads the model at `path` (with the proposal laid over it), judges it when findings are
/// asked for, and builds the view the request describes.
pub fn build(path: &Path, request: &Request) -> Result<View, Failure> {
    let mut loaded = crate::load_for(path, request.framework).map_err(Failure::Load)?;
    let mut new_ids = HashSet::new();
    if let Some(proposal) = &request.proposal {
        overlay(&mut loaded, proposal, &mut new_ids)?;
    }
    let findings = if request.findings {
        let options = crate::Options {
            lang: request.lang,
            today: request.today,
            framework: request.framework,
        };
        match crate::judge(&loaded, options) {
            Ok((findings, _)) => findings,
            Err(issues) => {
                return Err(Failure::Load(LoadFailure {
                    sources: loaded.sources,
                    issues,
                }));
            }
        }
    } else {
        Vec::new()
    };
    let graph = Graph::build(&loaded.model);
    View::build(&loaded, &graph, &findings, &new_ids, request).map_err(Failure::Request)
}

/// Appends the proposal's elements to the model's lists and records their ids as new.
fn overlay(
    loaded: &mut Loaded,
    proposal: &Path,
    new_ids: &mut HashSet<String>,
) -> Result<(), Failure> {
    let fragment = match load::load_fragment(proposal, &mut loaded.sources) {
        Ok(fragment) => fragment,
        Err(issues) => {
            return Err(Failure::Load(LoadFailure {
                sources: std::mem::take(&mut loaded.sources),
                issues,
            }));
        }
    };
    let ids = fragment
        .agencies
        .iter()
        .map(|e| &e.id)
        .chain(fragment.capabilities.iter().map(|e| &e.id))
        .chain(fragment.data.iter().map(|e| &e.id))
        .chain(fragment.systems.iter().map(|e| &e.id))
        .chain(fragment.projects.iter().map(|e| &e.id));
    new_ids.extend(ids.map(|id| id.value.to_string()));
    let model = &mut loaded.model;
    model.agencies.extend(fragment.agencies);
    model.capabilities.extend(fragment.capabilities);
    model.data.extend(fragment.data);
    model.systems.extend(fragment.systems);
    model.projects.extend(fragment.projects);
    model.rules.extend(fragment.rules);
    model.waivers.extend(fragment.waivers);
    Ok(())
}

/// Renders a view in a format.
pub fn render(view: &View, format: Format) -> std::io::Result<Vec<u8>> {
    Ok(match format {
        Format::Dot => dot::render(view).into_bytes(),
        Format::Mermaid => mermaid::render(view).into_bytes(),
        Format::Plantuml => plantuml::render(view).into_bytes(),
        Format::Graphml => graphml::render(view)?,
        Format::Archimate => archimate::render(view)?,
        Format::Svg => svg::render(view)?,
        Format::Html => html::render(view)?,
        Format::Json => json::render(view)?,
    })
}

/// The edge kinds a legend shows, with the key of their text.
pub const LEGEND_EDGES: [(EdgeKind, &str); 4] = [
    (EdgeKind::Depends, "graph.edge.depends"),
    (EdgeKind::Hosted, "graph.edge.hosted"),
    (EdgeKind::Integration, "graph.edge.integration"),
    (EdgeKind::Master, "graph.edge.data"),
];

/// A node mark a legend shows.
pub struct LegendMark {
    /// Also the Mermaid class of the mark.
    pub class: &'static str,
    pub key: &'static str,
    pub fill: &'static str,
    pub stroke: &'static str,
    pub dashed: bool,
}

/// The node marks a legend shows, in order.
pub const LEGEND_MARKS: [LegendMark; 5] = [
    LegendMark {
        class: "national",
        key: "graph.legend.national",
        fill: palette::NATIONAL_FILL,
        stroke: palette::NATIONAL_STROKE,
        dashed: false,
    },
    LegendMark {
        class: "error",
        key: "graph.legend.error",
        fill: "#ffffff",
        stroke: palette::ERROR,
        dashed: false,
    },
    LegendMark {
        class: "warning",
        key: "graph.legend.warning",
        fill: "#ffffff",
        stroke: palette::WARNING,
        dashed: false,
    },
    LegendMark {
        class: "info",
        key: "graph.legend.info",
        fill: "#ffffff",
        stroke: palette::INFO,
        dashed: false,
    },
    LegendMark {
        class: "new",
        key: "graph.legend.new",
        fill: "#ffffff",
        stroke: "#444444",
        dashed: true,
    },
];

/// Replaces control characters (newlines, tabs, …) and the non-characters U+FFFE and U+FFFF
/// by spaces: a label is one line in every format, and XML 1.0 cannot carry those at all.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') {
                ' '
            } else {
                c
            }
        })
        .collect()
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
        let base = |kind: Kind, id: &Ref, name: &str, file: u32| {
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
                national: loaded.sources.get(file).national || id.starts_with("vn."),
                new: new_ids.contains(id),
                findings: Vec::new(),
            }
        };
        // The owner as resolved, else as written (an unresolved owner is KT001's business).
        let owner = |resolved: Option<usize>, written: &Ref| {
            let agency = resolved.map(|a| &model.agencies[a]);
            (
                Some(agency.map_or(written.value.to_string(), |a| a.id.value.to_string())),
                agency.map(|a| one_line(&a.name)),
            )
        };

        let mut system_node = vec![None; model.systems.len()];
        for (i, s) in model.systems.iter().enumerate() {
            let (owner, owner_name) = owner(graph.system_owner[i], &s.owner);
            let node = Node {
                layer: Some(s.layer),
                owner,
                owner_name,
                status: Some(s.status),
                security_level: s.security_level.as_ref().map(|l| l.value),
                cost: s.cost,
                ..base(Kind::System, &s.id, &s.name, s.file)
            };
            system_node[i] = add(node, &mut nodes);
        }
        let mut data_node = vec![None; model.data.len()];
        for (i, d) in model.data.iter().enumerate() {
            let (owner, owner_name) = owner(graph.data_owner[i], &d.owner);
            let node = Node {
                layer: Some(Layer::Data),
                owner,
                owner_name,
                ..base(Kind::Data, &d.id, &d.name, d.file)
            };
            data_node[i] = add(node, &mut nodes);
        }
        let capability_node: Vec<Option<usize>> = model
            .capabilities
            .iter()
            .map(|c| add(base(Kind::Capability, &c.id, &c.name, c.file), &mut nodes))
            .collect();
        let agency_node: Vec<Option<usize>> = model
            .agencies
            .iter()
            .map(|a| add(base(Kind::Agency, &a.id, &a.name, a.file), &mut nodes))
            .collect();

        let mut edges: BTreeSet<(usize, usize, EdgeKind, Option<String>)> = BTreeSet::new();
        for (s, from) in system_node.iter().enumerate() {
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
        for (d, to) in data_node.iter().enumerate() {
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
        for (c, to) in capability_node.iter().enumerate() {
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

        let listed = mark(&mut nodes, &mut edges, &index, findings);
        let keep = select(&nodes, &edges, &index, request)?;
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
            group_by: request.group_by,
            lang,
        };
        view.retain(&keep);
        Ok(view)
    }

    /// Keeps the nodes flagged in `keep` and the edges between them, renumbering.
    fn retain(&mut self, keep: &[bool]) {
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
        self.findings.retain(|f| ids.contains(f.element.as_str()));
        self.nodes = nodes;
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
            parts.push(status.as_str().to_string());
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

/// Puts each unwaived finding's mark on the element it is about and on the edges from that
/// element to what the finding names; returns the findings to list.
fn mark(
    nodes: &mut [Node],
    edges: &mut [Edge],
    index: &HashMap<String, usize>,
    findings: &[Finding],
) -> Vec<Listed> {
    let mut listed = Vec::new();
    let mut by_pair: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (e, edge) in edges.iter().enumerate() {
        by_pair
            .entry((edge.from.min(edge.to), edge.from.max(edge.to)))
            .or_default()
            .push(e);
    }
    for finding in findings.iter().filter(|f| f.waived.is_none()) {
        let mark = Mark {
            code: finding.code,
            severity: finding.severity,
        };
        let Some(&primary) = index.get(&finding.element) else {
            continue;
        };
        // Only the element at fault is coloured: a related element (the platform to reuse, the
        // master a copy bypasses) is named through the marked edge, not blamed.
        nodes[primary].findings.push(mark.clone());
        // The edges between the element and what the finding names: its related elements
        // and the ids among its message's arguments (the finding's key is
        // `message|argument|argument…`), e.g. the data set a SHARE003 copy is of.
        let related = finding.related.iter().map(|r| r.element.as_str());
        let mentioned = finding.key.split('|').skip(1);
        let mut others: Vec<usize> = related
            .chain(mentioned)
            .filter_map(|id| index.get(id).copied())
            .filter(|&other| other != primary)
            .collect();
        others.sort_unstable();
        others.dedup();
        for other in others {
            for &e in by_pair
                .get(&(primary.min(other), primary.max(other)))
                .into_iter()
                .flatten()
            {
                edges[e].findings.push(mark.clone());
            }
        }
        listed.push(Listed {
            code: finding.code,
            severity: finding.severity,
            element: finding.element.clone(),
            message: one_line(&finding.message),
        });
    }
    for marks in nodes
        .iter_mut()
        .map(|n| &mut n.findings)
        .chain(edges.iter_mut().map(|e| &mut e.findings))
    {
        marks.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(b.code)));
        marks.dedup_by(|a, b| a.code == b.code);
    }
    listed
}

/// Which nodes the request keeps: the format's kinds, then `--layer`, `--owner`, `--focus`.
fn select(
    nodes: &[Node],
    edges: &[Edge],
    index: &HashMap<String, usize>,
    request: &Request,
) -> Result<Vec<bool>, String> {
    let lang = request.lang;
    let primary = |n: &Node| matches!(n.kind, Kind::System | Kind::Data);
    if let Some(owner) = &request.owner
        && !nodes
            .iter()
            .any(|n| n.kind == Kind::Agency && &n.id == owner)
    {
        let agencies = nodes
            .iter()
            .filter(|n| n.kind == Kind::Agency)
            .map(|n| n.id.as_str());
        return Err(tr(
            lang,
            "graph.owner.unknown",
            &[("id", owner), ("help", &help(owner, agencies, lang))],
        ));
    }
    let mut keep: Vec<bool> = nodes
        .iter()
        .map(|n| {
            if !primary(n) {
                return request.owner.as_ref().is_some_and(|o| &n.id == o);
            }
            request.layer.is_none_or(|l| n.layer == Some(l))
                && request
                    .owner
                    .as_ref()
                    .is_none_or(|o| n.owner.as_ref() == Some(o))
        })
        .collect();
    // Agencies and capabilities come along with the systems and data sets they touch; with no
    // filter, all of them stay.
    let filtered = request.layer.is_some() || request.owner.is_some();
    if !filtered {
        keep.iter_mut().for_each(|k| *k = true);
    }
    for e in edges {
        for (a, b) in [(e.from, e.to), (e.to, e.from)] {
            if primary(&nodes[a]) && keep[a] && !primary(&nodes[b]) {
                keep[b] = true;
            }
        }
    }
    if let Some(focus) = &request.focus {
        let Some(&start) = index.get(focus) else {
            let ids = nodes.iter().map(|n| n.id.as_str());
            return Err(tr(
                lang,
                "graph.focus.unknown",
                &[("id", focus), ("help", &help(focus, ids, lang))],
            ));
        };
        if !keep[start] {
            return Err(tr(lang, "graph.focus.filtered", &[("id", focus)]));
        }
        keep = neighbourhood(nodes.len(), edges, &[start], request.depth, &keep);
    }
    if request.focus_proposal {
        let starts: Vec<usize> = (0..nodes.len())
            .filter(|&i| nodes[i].new && keep[i])
            .collect();
        keep = neighbourhood(nodes.len(), edges, &starts, request.depth, &keep);
    }
    if !request.format.whole_model() {
        for (k, n) in keep.iter_mut().zip(nodes) {
            *k = *k && primary(n);
        }
    }
    Ok(keep)
}

/// Nodes within `depth` edges of the starts, either direction, among `allowed`. Ownership edges
/// are followed only from a start: every element of an agency is not a neighbour of the others.
fn neighbourhood(
    count: usize,
    edges: &[Edge],
    starts: &[usize],
    depth: usize,
    allowed: &[bool],
) -> Vec<bool> {
    let mut adjacent: Vec<Vec<(usize, bool)>> = vec![Vec::new(); count];
    for e in edges {
        let owner = e.kind == EdgeKind::Owner;
        adjacent[e.from].push((e.to, owner));
        adjacent[e.to].push((e.from, owner));
    }
    let mut distance = vec![usize::MAX; count];
    for &start in starts {
        distance[start] = 0;
    }
    let mut queue: VecDeque<usize> = starts.iter().copied().collect();
    while let Some(n) = queue.pop_front() {
        if distance[n] >= depth {
            continue;
        }
        for &(m, owner) in &adjacent[n] {
            if owner && distance[n] != 0 {
                continue;
            }
            if allowed[m] && distance[m] == usize::MAX {
                distance[m] = distance[n] + 1;
                queue.push_back(m);
            }
        }
    }
    distance.iter().map(|&d| d != usize::MAX).collect()
}

fn help<'a>(found: &str, candidates: impl Iterator<Item = &'a str> + Clone, lang: Lang) -> String {
    match crate::suggest::nearest(found, candidates) {
        Some(best) => tr(lang, "graph.did-you-mean", &[("id", best)]),
        None => String::new(),
    }
}

/// Colours and shapes shared by the drawings.
pub mod palette {
    use super::{EdgeKind, Node};
    use crate::finding::Severity;

    pub const ERROR: &str = "#d62728";
    pub const WARNING: &str = "#f0a020";
    pub const INFO: &str = "#1f77b4";
    pub const NATIONAL_FILL: &str = "#fff4c2";
    pub const NATIONAL_STROKE: &str = "#b8860b";
    pub const DEPENDS: &str = "#333333";
    pub const HOSTED: &str = "#777777";
    pub const INTEGRATION: &str = "#1f5fbf";
    pub const DATA: &str = "#2e8b57";
    pub const OWNER: &str = "#999999";

    pub fn severity(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => ERROR,
            Severity::Warning => WARNING,
            Severity::Info => INFO,
        }
    }

    /// The fill of a node: by layer, gold for national elements.
    pub fn fill(node: &Node) -> &'static str {
        if node.national {
            return NATIONAL_FILL;
        }
        node.look().fill()
    }

    /// The border of a node: the worst finding's colour, else gold (national) or dark grey.
    pub fn stroke(node: &Node) -> &'static str {
        match node.worst() {
            Some(s) => severity(s),
            None if node.national => NATIONAL_STROKE,
            None => "#444444",
        }
    }

    /// The colour of an edge kind.
    pub fn edge(kind: EdgeKind) -> &'static str {
        match kind {
            EdgeKind::Depends => DEPENDS,
            EdgeKind::Hosted => HOSTED,
            EdgeKind::Integration => INTEGRATION,
            EdgeKind::Master | EdgeKind::Read | EdgeKind::Copy => DATA,
            EdgeKind::Provides | EdgeKind::Owner => OWNER,
        }
    }

    /// Graphviz-style line style: `solid`, `dashed`, `dotted`.
    pub fn line(kind: EdgeKind) -> &'static str {
        match kind {
            EdgeKind::Hosted | EdgeKind::Copy | EdgeKind::Owner => "dashed",
            EdgeKind::Integration => "dotted",
            _ => "solid",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_removes_control_characters() {
        assert_eq!(one_line("a\nb\r\tc\u{1}\u{ffff}"), "a b  c  ");
    }
}
