//! `kientruc diff OLD NEW`: what changed between two versions of a model. Each side is a
//! directory, a file, or `REV:PATH` read from the git repository of the current directory
//! (through the `git` command, into a temporary directory). The comparison lists elements
//! added, removed and changed (field by field, on their serialised form, by id), edges added
//! and removed, findings introduced and resolved (matched by rule, element and message key,
//! never by line), and the elements affected, each with why: those that use, directly or
//! transitively, a changed element (in the new model) or a removed one (in the old model),
//! with the path from them to it (one breadth-first search per side), and those at the other
//! end of a relation a changed element gained or dropped. Judging is not done here: the caller
//! passes each side's findings. `git.rs` reads a side from git; `words.rs` says changes and
//! reasons in words; `render.rs` writes the comparison (human, JSON, Markdown).

mod git;
mod render;
mod words;

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use petgraph::Direction;
use petgraph::visit::EdgeRef as _;
use serde::Serialize;
use serde_json::Value;

use crate::Judged;
use crate::baseline::Baseline;
use crate::finding::Finding;
use crate::graph::{EdgeKind, Element, Graph, Kind};
use crate::i18n::Lang;
use crate::load::{LoadFailure, Loaded};

pub use render::{render, render_human, render_json, render_markdown};

/// The output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Markdown,
}

/// Where one side of a diff comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// A directory or file on disk.
    Path(PathBuf),
    /// `REV:PATH` in the git repository of the current directory.
    Git { rev: String, path: String },
}

impl Side {
    /// A path that exists is a path (even with a `:` in it); otherwise `REV:PATH` is git.
    pub fn parse(text: &str) -> Side {
        if !Path::new(text).exists()
            && let Some((rev, path)) = text.split_once(':')
            && !rev.is_empty()
        {
            return Side::Git {
                rev: rev.to_string(),
                path: path.to_string(),
            };
        }
        Side::Path(PathBuf::from(text))
    }
}

/// Why a side cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum SideError {
    #[error("{side}: {message}")]
    Git {
        side: String,
        message: crate::i18n::Said,
    },
    #[error("{side}: cannot write a temporary copy: {source}")]
    Temp {
        side: String,
        source: std::io::Error,
    },
    #[error("{side}: the model cannot be loaded")]
    Load {
        side: String,
        failure: Box<LoadFailure>,
    },
}

impl SideError {
    /// The error in `lang`, as the command line prints it.
    /// The label of the side is the user's argument: its control characters are shown, not
    /// sent to the terminal.
    pub fn message(&self, lang: Lang) -> String {
        let side = |side: &str| crate::text::printable(side).into_owned();
        match self {
            SideError::Git { side: s, message } => format!("{}: {}", side(s), message.get(lang)),
            SideError::Temp { side: s, source } => format!(
                "{}: {}",
                side(s),
                crate::i18n::Said::io(
                    "không ghi được bản sao tạm",
                    "cannot write a temporary copy",
                    source
                )
                .get(lang)
            ),
            SideError::Load { side: s, .. } => match lang {
                Lang::Vi => format!("{}: không nạp được mô hình", side(s)),
                Lang::En => format!("{}: the model cannot be loaded", side(s)),
            },
        }
    }
}

/// A loaded side; the temporary directory of a git side lives as long as it.
pub struct SideModel {
    pub label: String,
    pub loaded: Loaded,
    _temp: Option<tempfile::TempDir>,
}

/// The two sides of a diff, loaded.
pub struct Sides {
    pub old: SideModel,
    pub new: SideModel,
}

impl Sides {
    /// Loads both sides (directories, files or `REV:PATH`).
    pub fn load(
        old: &str,
        new: &str,
        framework: Option<&'static crate::load::Catalogue>,
    ) -> Result<Sides, SideError> {
        Ok(Sides {
            old: load_with(old, framework)?,
            new: load_with(new, framework)?,
        })
    }

    /// Judges both sides once and compares them. `adjust` may filter the findings first (the
    /// old side's by `--baseline`, the new side's by `--baseline` and `--write-baseline`).
    pub fn compare<E>(
        &self,
        options: &crate::Options,
        adjust: impl FnOnce(&mut Vec<Finding>, &mut Vec<Finding>) -> Result<(), E>,
    ) -> Result<Diff<'_>, E> {
        let old = crate::judge(&self.old.loaded, options);
        let new = crate::judge(&self.new.loaded, options);
        let mut old_findings = old.findings.clone();
        let mut new_findings = new.findings.clone();
        adjust(&mut old_findings, &mut new_findings)?;
        Ok(compare(
            &self.old,
            &old,
            &old_findings,
            &self.new,
            &new,
            &new_findings,
        ))
    }
}

/// Loads one side of a diff.
pub fn load(text: &str) -> Result<SideModel, SideError> {
    load_with(text, None)
}

/// Loads one side of a diff, judged against `framework` when given (`--framework`).
pub fn load_with(
    text: &str,
    framework: Option<&'static crate::load::Catalogue>,
) -> Result<SideModel, SideError> {
    let (temp, path) = match Side::parse(text) {
        Side::Path(path) => (None, path),
        Side::Git { rev, path } => {
            let (temp, path) = git::materialise(&rev, &path, text)?;
            (Some(temp), path)
        }
    };
    match crate::load_for(&path, framework) {
        Ok(loaded) => Ok(SideModel {
            label: text.to_string(),
            loaded,
            _temp: temp,
        }),
        Err(failure) => Err(SideError::Load {
            side: text.to_string(),
            failure: Box::new(failure),
        }),
    }
}

/// An element named in a diff.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ElementRef {
    pub kind: &'static str,
    pub id: String,
    pub name: String,
}

/// One top-level field that changed; `null` when absent on that side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementChange {
    #[serde(flatten)]
    pub element: ElementRef,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EdgeRef {
    pub source: String,
    pub kind: &'static str,
    pub target: String,
}

/// The comparison of two judged models.
pub struct Diff<'a> {
    pub old: &'a SideModel,
    pub new: &'a SideModel,
    pub added: Vec<ElementRef>,
    pub removed: Vec<ElementRef>,
    pub changed: Vec<ElementChange>,
    pub edges_added: Vec<EdgeRef>,
    pub edges_removed: Vec<EdgeRef>,
    /// Findings of the new side that the old side did not have.
    pub introduced: Vec<Finding>,
    /// Findings of the old side that the new side no longer has.
    pub resolved: Vec<Finding>,
    /// Elements on both sides that a changed or removed element affects, each with why, by
    /// kind and id.
    pub affected: Vec<Affected>,
}

/// How an affected element is reached from the element that changed or went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// It uses the changed element, directly or through others (`path`).
    Uses,
    /// The changed element gained a relation to it.
    EdgeAdded,
    /// The changed element dropped its relation to it.
    EdgeRemoved,
}

/// An element affected by a change, and why: `path` runs from it to `cause` (the changed or
/// removed element), `relation` is the first step of that path (the edge between it and the
/// next element, in the graph's direction).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Affected {
    #[serde(flatten)]
    pub element: ElementRef,
    pub reach: Reach,
    pub relation: EdgeRef,
    pub path: Vec<String>,
    pub cause: String,
    /// Whether `cause` was removed (otherwise it changed).
    pub cause_removed: bool,
}

struct Item {
    element: Element,
    name: String,
    value: Value,
}

/// The model's own elements (not the national catalogue's) by kind and id; the first
/// definition of an id wins, as in the graph.
fn elements(loaded: &Loaded) -> BTreeMap<(Kind, String), Item> {
    let mut out = BTreeMap::new();
    let mut add = |kind: Kind, index: usize, id: &str, name: &str, file, value: Value| {
        if !loaded.sources.get(file).national {
            out.entry((kind, id.to_string())).or_insert(Item {
                element: Element { kind, index },
                name: name.to_string(),
                value,
            });
        }
    };
    fn value<T: Serialize>(item: &T) -> Value {
        serde_json::to_value(item).unwrap_or(Value::Null)
    }
    let model = &loaded.model;
    for (i, e) in model.agencies.iter().enumerate() {
        add(Kind::Agency, i, &e.id.value.0, &e.name, e.file, value(e));
    }
    for (i, e) in model.capabilities.iter().enumerate() {
        add(
            Kind::Capability,
            i,
            &e.id.value.0,
            &e.name,
            e.file,
            value(e),
        );
    }
    for (i, e) in model.data.iter().enumerate() {
        add(Kind::Data, i, &e.id.value.0, &e.name, e.file, value(e));
    }
    for (i, e) in model.systems.iter().enumerate() {
        add(Kind::System, i, &e.id.value.0, &e.name, e.file, value(e));
    }
    for (i, e) in model.projects.iter().enumerate() {
        add(Kind::Project, i, &e.id.value.0, &e.name, e.file, value(e));
    }
    out
}

fn reference(kind: Kind, id: &str, name: &str) -> ElementRef {
    ElementRef {
        kind: kind.as_str(),
        id: id.to_string(),
        name: name.to_string(),
    }
}

fn field_changes(old: &Value, new: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut fields: Vec<&String> = new.keys().collect();
    fields.extend(old.keys().filter(|k| !new.contains_key(*k)));
    fields
        .into_iter()
        .filter(|f| old.get(*f) != new.get(*f))
        .map(|f| FieldChange {
            field: f.clone(),
            old: old.get(f).cloned(),
            new: new.get(f).cloned(),
        })
        .collect()
}

fn edges(loaded: &Loaded, graph: &Graph<'_>) -> BTreeSet<EdgeRef> {
    graph
        .edges()
        .edge_references()
        .filter(|e| {
            !loaded
                .sources
                .get(graph.element_loc(graph.edges()[e.source()]).file)
                .national
        })
        .map(|e| EdgeRef {
            source: graph.element_id(graph.edges()[e.source()]).to_string(),
            kind: e.weight().kind.as_str(),
            target: graph.element_id(graph.edges()[e.target()]).to_string(),
        })
        .collect()
}

fn edge_ref(graph: &Graph<'_>, source: Element, kind: EdgeKind, target: Element) -> EdgeRef {
    EdgeRef {
        source: graph.element_id(source).to_string(),
        kind: kind.as_str(),
        target: graph.element_id(target).to_string(),
    }
}

/// Elements that use `element`, each with the edge that says so: a change to it may affect
/// them. A system uses what it depends on, is hosted on, integrates with or through, the
/// capabilities it requires and the data sets it masters, reads, copies or exchanges; a
/// capability uses the systems that provide it and its platform.
fn users(graph: &Graph<'_>, element: Element) -> Vec<(Element, EdgeRef)> {
    let node = graph.node(element);
    let mut out = Vec::new();
    for edge in graph.edges().edges_directed(node, Direction::Incoming) {
        let kind = edge.weight().kind;
        if matches!(
            kind,
            EdgeKind::DependsOn
                | EdgeKind::HostedOn
                | EdgeKind::Integration(_)
                | EdgeKind::Via(_)
                | EdgeKind::IntegrationData(_)
                | EdgeKind::Requires
                | EdgeKind::Platform
                | EdgeKind::Master
                | EdgeKind::Read
                | EdgeKind::Copy
        ) {
            let user = graph.edges()[edge.source()];
            out.push((user, edge_ref(graph, user, kind, element)));
        }
    }
    for edge in graph.edges().edges_directed(node, Direction::Outgoing) {
        if edge.weight().kind == EdgeKind::Provides {
            let user = graph.edges()[edge.target()];
            out.push((user, edge_ref(graph, element, EdgeKind::Provides, user)));
        }
    }
    out
}

/// One element reached by [`dependents_of`]: the path from it back to its seed, and the edge
/// of the first step.
struct Reached {
    element: Element,
    relation: EdgeRef,
    path: Vec<String>,
}

/// Everything that reaches any of `seeds` through [`users`], seeds excluded, each with the
/// shortest path to the first seed (in `seeds` order) that reaches it: one breadth-first
/// search, linear in what it visits (each element keeps its parent; a path is read back
/// through the parents, so it costs its own length).
fn dependents_of(graph: &Graph<'_>, seeds: &[Element]) -> Vec<Reached> {
    let mut parent: HashMap<Element, Option<Element>> = seeds.iter().map(|s| (*s, None)).collect();
    let mut queue: Vec<Element> = seeds.to_vec();
    let mut head = 0;
    let mut out = Vec::new();
    while head < queue.len() {
        let element = queue[head];
        head += 1;
        for (user, relation) in users(graph, element) {
            if let Entry::Vacant(slot) = parent.entry(user) {
                slot.insert(Some(element));
                queue.push(user);
                let mut path = vec![graph.element_id(user).to_string()];
                let mut at = Some(element);
                while let Some(step) = at {
                    path.push(graph.element_id(step).to_string());
                    at = parent.get(&step).copied().flatten();
                }
                out.push(Reached {
                    element: user,
                    relation,
                    path,
                });
            }
        }
    }
    out
}

/// Findings of `these` that `others` does not have (matched by rule, element and key).
fn unmatched(these: &[Finding], others: &[Finding]) -> Vec<Finding> {
    let mut rest = these.to_vec();
    Baseline::of(others).apply(&mut rest);
    rest
}

/// Compares two judged models.
pub fn compare<'a>(
    old: &'a SideModel,
    old_judged: &Judged<'_>,
    old_findings: &[Finding],
    new: &'a SideModel,
    new_judged: &Judged<'_>,
    new_findings: &[Finding],
) -> Diff<'a> {
    let old_elements = elements(&old.loaded);
    let new_elements = elements(&new.loaded);
    let old_graph = &old_judged.graph;
    let new_graph = &new_judged.graph;

    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut changed_seeds = Vec::new();
    for ((kind, id), entry) in &new_elements {
        match old_elements.get(&(*kind, id.clone())) {
            None => added.push(reference(*kind, id, &entry.name)),
            Some(before) => {
                let fields = field_changes(&before.value, &entry.value);
                if !fields.is_empty() {
                    changed.push(ElementChange {
                        element: reference(*kind, id, &entry.name),
                        fields,
                    });
                    changed_seeds.push(entry.element);
                }
            }
        }
    }
    let mut removed = Vec::new();
    let mut removed_seeds = Vec::new();
    for ((kind, id), entry) in &old_elements {
        if !new_elements.contains_key(&(*kind, id.clone())) {
            removed.push(reference(*kind, id, &entry.name));
            removed_seeds.push(entry.element);
        }
    }

    let old_edges = edges(&old.loaded, old_graph);
    let new_edges = edges(&new.loaded, new_graph);
    let edges_added = new_edges.difference(&old_edges).cloned().collect();
    let edges_removed = old_edges.difference(&new_edges).cloned().collect();

    let seeds: HashSet<(Kind, String)> = changed
        .iter()
        .map(|c| c.element.clone())
        .chain(removed.iter().cloned())
        .filter_map(|r| kind_of(r.kind).map(|k| (k, r.id)))
        .collect();
    // Affected: what uses a changed element (in the new model) or a removed one (in the old
    // model), directly or transitively; then what a changed element gained or dropped a
    // relation to. The first reason found for an element is kept.
    let removed_ids: HashSet<&str> = removed.iter().map(|r| r.id.as_str()).collect();
    let mut affected: BTreeMap<(Kind, String), Affected> = BTreeMap::new();
    let keep = |affected: &mut BTreeMap<(Kind, String), Affected>,
                graph: &Graph<'_>,
                sources: &crate::source::Sources,
                element: Element,
                reason: (Reach, EdgeRef, Vec<String>)| {
        let id = graph.element_id(element);
        let key = (element.kind, id.to_string());
        let national = sources.get(graph.element_loc(element).file).national;
        // Changed, removed and added elements are listed as such, not as affected.
        if national
            || seeds.contains(&key)
            || !new_elements.contains_key(&key)
            || !old_elements.contains_key(&key)
        {
            return;
        }
        let (reach, relation, path) = reason;
        let cause = path.last().cloned().unwrap_or_default();
        let cause_removed = removed_ids.contains(cause.as_str());
        affected.entry(key).or_insert_with(|| Affected {
            element: reference(element.kind, id, graph.element_name(element)),
            reach,
            relation,
            path,
            cause,
            cause_removed,
        });
    };
    let searches = [
        (&new_graph, &changed_seeds, &new.loaded.sources),
        (&old_graph, &removed_seeds, &old.loaded.sources),
    ];
    for (graph, start, sources) in searches {
        for reached in dependents_of(graph, start) {
            keep(
                &mut affected,
                graph,
                sources,
                reached.element,
                (Reach::Uses, reached.relation, reached.path),
            );
        }
    }
    // The other end of each edge a changed element gained or dropped.
    let touched = [
        (&new_graph, &new.loaded.sources, Reach::EdgeAdded),
        (&old_graph, &old.loaded.sources, Reach::EdgeRemoved),
    ];
    for (graph, sources, reach) in touched {
        let (these, others) = match reach {
            Reach::EdgeAdded => (&new_edges, &old_edges),
            _ => (&old_edges, &new_edges),
        };
        for edge in graph.edges().edge_references() {
            let source = graph.edges()[edge.source()];
            let target = graph.edges()[edge.target()];
            let relation = edge_ref(graph, source, edge.weight().kind, target);
            let source_key = (source.kind, relation.source.clone());
            let changed_source = seeds.contains(&source_key)
                && new_elements.contains_key(&source_key)
                && old_elements.contains_key(&source_key);
            if !changed_source || !these.contains(&relation) || others.contains(&relation) {
                continue;
            }
            let path = vec![relation.target.clone(), relation.source.clone()];
            keep(
                &mut affected,
                graph,
                sources,
                target,
                (reach, relation, path),
            );
        }
    }

    Diff {
        old,
        new,
        added,
        removed,
        changed,
        edges_added,
        edges_removed,
        introduced: unmatched(new_findings, old_findings),
        resolved: unmatched(old_findings, new_findings),
        affected: affected.into_values().collect(),
    }
}

fn kind_of(name: &str) -> Option<Kind> {
    [
        Kind::Agency,
        Kind::Capability,
        Kind::Data,
        Kind::System,
        Kind::Project,
    ]
    .into_iter()
    .find(|k| k.as_str() == name)
}

impl Diff<'_> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.edges_added.is_empty()
            && self.edges_removed.is_empty()
            && self.introduced.is_empty()
            && self.resolved.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_parse() {
        assert_eq!(
            Side::parse("HEAD~1:models/bac-lieu"),
            Side::Git {
                rev: "HEAD~1".into(),
                path: "models/bac-lieu".into()
            }
        );
        assert_eq!(Side::parse("models/x"), Side::Path("models/x".into()));
        // An existing path with a colon stays a path.
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join("a:b");
        std::fs::create_dir(&odd).unwrap();
        let text = odd.to_string_lossy().to_string();
        assert_eq!(Side::parse(&text), Side::Path(odd));
    }

    #[test]
    fn changed_fields_list_old_and_new() {
        let old = serde_json::json!({"id": "a", "hosted_on": "x", "gone": 1});
        let new = serde_json::json!({"id": "a", "hosted_on": "y", "added": true});
        let changes = field_changes(&old, &new);
        let names: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(names, ["hosted_on", "added", "gone"]);
        assert_eq!(changes[0].old, Some(Value::from("x")));
        assert_eq!(changes[1].old, None);
        assert_eq!(changes[2].new, None);
    }
}

crate::choice!(Format { Human => "human", Json => "json", Markdown => "markdown" });
