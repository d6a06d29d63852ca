//! Which parts of a view a request keeps (`--layer`, `--owner`, `--focus`, a proposal's
//! neighbourhood), and the marks findings put on nodes and edges.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::finding::Finding;
use crate::graph::Kind;
use crate::i18n::{Lang, tr};

use super::view::{Edge, EdgeKind, Listed, Mark, Node};
use super::{Request, one_line};

/// Puts each unwaived finding's mark on the element it is about and on the edges from that
/// element to what the finding names; returns the findings to list.
pub(super) fn mark(
    nodes: &mut [Node],
    edges: &mut [Edge],
    index: &HashMap<String, usize>,
    findings: &[Finding],
    lang: Lang,
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
            code: finding.code(),
            severity: finding.severity,
        };
        let listed_one = Listed {
            code: finding.code(),
            severity: finding.severity,
            element: finding.element.clone(),
            message: one_line(&finding.text(lang)),
            on_node: index.contains_key(&finding.element),
        };
        // A finding about the model itself (its framework, its `rules:` section) is on no node
        // and still listed, so that the page counts what `check` counts.
        let Some(&primary) = index.get(&finding.element) else {
            listed.push(listed_one);
            continue;
        };
        // Only the element at fault is coloured: a related element (the platform to reuse, the
        // master a copy bypasses) is named through the marked edge, not blamed.
        nodes[primary].findings.push(mark.clone());
        // The edges between the element and what the finding names: its related elements
        // and the ids among its message's arguments (the finding's key is
        // `message|argument|argument…`), e.g. the data set a SHARE003 copy is of.
        let mut others: Vec<usize> = finding
            .mentioned()
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
        listed.push(listed_one);
    }
    // The most severe first, then in `check`'s order (the sort is stable).
    listed.sort_by_key(|l| std::cmp::Reverse(l.severity));
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

/// `owner` and every agency under it (`parent`, at any depth): `--owner so-y-te` keeps the
/// hospital an agency under Sở Y tế owns. A cycle of parents ends where it repeats.
pub(super) fn under(owner: &str, model: &crate::model::Model) -> HashSet<String> {
    let parent: HashMap<&str, &str> = model
        .agencies
        .iter()
        .filter_map(|a| Some((a.id.value.0.as_str(), a.parent.as_ref()?.value.0.as_str())))
        .collect();
    let mut set = HashSet::from([owner.to_string()]);
    for agency in &model.agencies {
        let mut chain = vec![agency.id.value.0.as_str()];
        let mut at = chain[0];
        while let Some(&up) = parent.get(at) {
            if up == owner {
                set.extend(chain.iter().map(|c| c.to_string()));
                break;
            }
            if chain.contains(&up) || chain.len() > parent.len() {
                break;
            }
            chain.push(up);
            at = up;
        }
    }
    set
}

/// Which nodes the request keeps: the format's kinds, then `--layer`, `--owner`, `--focus`.
pub(super) fn select(
    nodes: &[Node],
    edges: &[Edge],
    index: &HashMap<String, usize>,
    request: &Request,
    under: &HashSet<String>,
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
                    .is_none_or(|_| n.owner.as_ref().is_some_and(|o| under.contains(o)))
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
        // The proposal's elements, and every element a finding of the review is about: the
        // drawing shows all the review says.
        let starts: Vec<usize> = (0..nodes.len())
            .filter(|&i| (nodes[i].new || !nodes[i].findings.is_empty()) && keep[i])
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
