//! KT001 unknown-reference, KT002 duplicate-id, KT003 dependency-cycle: the model must be sound
//! before anything else is judged. When any of them fires, the other rules do not run.

use crate::graph::{IxLists, IxListsBuilder, SystemIx};

use super::{Context, Explain, Rule, Sink};
use crate::finding::{Arg, Principle, Severity};
use crate::graph::Kind;
use crate::i18n::Text;
use crate::source::Loc;

pub fn is_integrity(rule: &Rule) -> bool {
    matches!(rule.code, "KT001" | "KT002" | "KT003")
}

pub const KT001: Rule = Rule {
    code: "KT001",
    name: "unknown-reference",
    severity: Severity::Error,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/kt001.vi.md"),
        en: include_str!("docs/kt001.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Tham chiếu đến phần tử không tồn tại",
            en: "Reference to an element that does not exist",
        },
        Text {
            key: "message",
            vi: "`{id}` không phải là {expected} nào của mô hình",
            en: "`{id}` names no {expected} of the model",
        },
        Text {
            key: "message.suggest",
            vi: "`{id}` không phải là {expected} nào của mô hình; có phải ý bạn là `{suggestion}`?",
            en: "`{id}` names no {expected} of the model; did you mean `{suggestion}`?",
        },
        Text {
            key: "message.kind",
            vi: "`{id}` là {found}, không phải {expected}",
            en: "`{id}` is a {found}, not a {expected}",
        },
        Text {
            key: "defined",
            vi: "`{id}` được định nghĩa tại đây",
            en: "`{id}` is defined here",
        },
    ],
    check: Some(check_kt001),
};

/// The element that holds an unresolved reference: an element's id, or — for references the
/// model itself holds (its `authority`, a waiver's `element` or `approved_by`) — the model's id.
fn holder<'m>(ctx: &Context<'m>, unresolved: &crate::graph::Unresolved) -> &'m str {
    if unresolved.from.index == usize::MAX {
        ctx.model
            .info
            .as_ref()
            .map_or("model", |info| info.id.value.as_str())
    } else {
        ctx.graph.element_id(unresolved.from)
    }
}

fn check_kt001(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    // "Did you mean": the unknown ids of each set of expected kinds are answered together,
    // against every id of those kinds (one pass over the ids per set, not per reference).
    let mut suggestions: Vec<Option<&str>> = vec![None; graph.unresolved.len()];
    let mut groups: Vec<(&[Kind], Vec<usize>)> = Vec::new();
    for (n, unresolved) in graph.unresolved.iter().enumerate() {
        if unresolved.found.is_some() {
            continue;
        }
        match groups
            .iter_mut()
            .find(|(kinds, _)| *kinds == unresolved.expected)
        {
            Some((_, members)) => members.push(n),
            None => groups.push((unresolved.expected, vec![n])),
        }
    }
    for (kinds, members) in &groups {
        let queries: Vec<&str> = members
            .iter()
            .map(|&n| graph.unresolved[n].id.as_str())
            .collect();
        let answers = crate::suggest::nearest_each(&queries, graph.ids_of(kinds));
        for (&n, answer) in members.iter().zip(answers) {
            suggestions[n] = answer;
        }
    }
    for (unresolved, suggestion) in graph.unresolved.iter().zip(suggestions) {
        let expected = Arg::Kinds(unresolved.expected.to_vec());
        let full_id = unresolved.id.as_str();
        let shown = crate::text::clip(full_id);
        let id = shown.as_ref();
        let element = holder(ctx, unresolved);
        match unresolved.found {
            Some(found) => {
                let target = graph.lookup(full_id).map(|e| graph.element_loc(e));
                let reported = out
                    .report(element, unresolved.loc, "message.kind", &[("id", id)])
                    .arg("found", Arg::Kinds(vec![found]))
                    .arg("expected", expected);
                if let Some(target) = target {
                    reported.related(id, target, "defined", &[("id", id)]);
                }
            }
            None => match suggestion {
                Some(s) => {
                    let target = graph.lookup(s).map(|e| graph.element_loc(e));
                    let reported = out
                        .report(
                            element,
                            unresolved.loc,
                            "message.suggest",
                            &[("id", id), ("suggestion", s)],
                        )
                        .arg("expected", expected);
                    if let Some(target) = target {
                        reported.related(s, target, "defined", &[("id", s)]);
                    }
                }
                None => {
                    out.report(element, unresolved.loc, "message", &[("id", id)])
                        .arg("expected", expected);
                }
            },
        }
    }
}

pub const KT002: Rule = Rule {
    code: "KT002",
    name: "duplicate-id",
    severity: Severity::Error,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/kt002.vi.md"),
        en: include_str!("docs/kt002.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Mã định danh bị định nghĩa hai lần",
            en: "An id is defined twice",
        },
        Text {
            key: "message",
            vi: "mã `{id}` đã được định nghĩa (là {first_kind}); mỗi phần tử cần một mã duy nhất trong toàn mô hình",
            en: "the id `{id}` is already defined (as a {first_kind}); every element needs an id unique across the whole model",
        },
        Text {
            key: "first",
            vi: "định nghĩa đầu tiên của `{id}`",
            en: "first definition of `{id}`",
        },
    ],
    check: Some(check_kt002),
};

fn check_kt002(ctx: &Context<'_>, out: &mut Sink<'_>) {
    for duplicate in &ctx.graph.duplicates {
        let id = duplicate.id.as_str();
        out.report(id, duplicate.again.1, "message", &[("id", id)])
            .arg("first_kind", Arg::Kinds(vec![duplicate.first.0.kind]))
            .related(id, duplicate.first.1, "first", &[("id", id)]);
    }
}

pub const KT003: Rule = Rule {
    code: "KT003",
    name: "dependency-cycle",
    severity: Severity::Error,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/kt003.vi.md"),
        en: include_str!("docs/kt003.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Vòng lặp phụ thuộc giữa các hệ thống",
            en: "Systems depend on each other in a cycle",
        },
        Text {
            key: "message",
            vi: "vòng lặp phụ thuộc: {cycle}",
            en: "dependency cycle: {cycle}",
        },
        Text {
            key: "step",
            vi: "`{from}` phụ thuộc vào `{to}`",
            en: "`{from}` depends on `{to}`",
        },
    ],
    check: Some(check_kt003),
};

fn check_kt003(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let systems = graph.model.systems.len();
    // Each system's dependencies (`hosted_on`, then `depends_on` from the last), the order
    // the search has always visited them in.
    let mut deps = IxListsBuilder::with_capacity(systems, graph.depends_on.total() + systems);
    for i in graph.systems() {
        if let Some((target, loc)) = graph.hosted_on[i] {
            deps.push(i, (target.index() as u32, loc));
        }
        for &(target, loc) in graph.depends_on[i].iter().rev() {
            deps.push(i, (target.index() as u32, loc));
        }
    }
    let deps = deps.finish(systems);
    let id = |i: usize| graph.model.systems[i].id.value.as_str();
    let mut cycles = Vec::new();
    for component in strongly_connected(&deps) {
        let self_loop =
            component.len() == 1 && successors(&deps, component[0]).any(|(t, _)| t == component[0]);
        if component.len() < 2 && !self_loop {
            continue;
        }
        let start = *component
            .iter()
            .min_by_key(|&&n| id(n))
            .expect("a component is never empty");
        cycles.push(cycle_from(&deps, &component, start));
    }
    for cycle in cycles {
        let names: Vec<&str> = cycle
            .iter()
            .map(|(n, _)| id(*n))
            .chain(std::iter::once(id(cycle[0].0)))
            .collect();
        let text = names.join(" → ");
        let first = cycle[0];
        let mut reported = out.report(id(first.0), first.1, "message", &[("cycle", &text)]);
        for (k, &(node, loc)) in cycle.iter().enumerate().skip(1) {
            let next = names[k + 1];
            reported = reported.related(id(node), loc, "step", &[("from", id(node)), ("to", next)]);
        }
    }
}

/// Per system (by position): the systems it needs, with the place of each reference.
type Deps = IxLists<SystemIx, (u32, Loc)>;

/// The systems `node` needs, with the place of each reference.
fn successors(deps: &Deps, node: usize) -> impl Iterator<Item = (usize, Loc)> + '_ {
    deps[SystemIx::new(node)]
        .iter()
        .map(|&(target, loc)| (target as usize, loc))
}

/// The strongly connected components of `deps` that can hold a cycle: two systems or more,
/// or one with an edge to itself (Tarjan's algorithm with an explicit stack: the depth of a
/// dependency chain is the input's to choose, so no recursion).
fn strongly_connected(deps: &Deps) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let count = deps.len();
    let mut index = vec![UNSEEN; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut components = Vec::new();
    let mut next = 0usize;
    let successors_of = |node: usize| &deps[SystemIx::new(node)];
    // Each frame is a node and how many of its successors have been looked at.
    let mut frames: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if index[root] != UNSEEN {
            continue;
        }
        frames.push((root, 0));
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut position)) = frames.last_mut() {
            if let Some(&(successor, _)) = successors_of(node).get(*position) {
                let successor = successor as usize;
                *position += 1;
                if index[successor] == UNSEEN {
                    index[successor] = next;
                    low[successor] = next;
                    next += 1;
                    stack.push(successor);
                    on_stack[successor] = true;
                    frames.push((successor, 0));
                } else if on_stack[successor] {
                    low[node] = low[node].min(index[successor]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                if stack.last() == Some(&node)
                    && !successors_of(node).iter().any(|s| s.0 as usize == node)
                {
                    // A system alone, not its own dependency: no cycle.
                    stack.pop();
                    on_stack[node] = false;
                    continue;
                }
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

/// The shortest cycle through `start` inside one strongly connected component: each step is a
/// system and the place of its edge to the next one.
fn cycle_from(deps: &Deps, component: &[usize], start: usize) -> Vec<(usize, Loc)> {
    use std::collections::{HashMap, HashSet, VecDeque};
    let members: HashSet<usize> = component.iter().copied().collect();
    let mut parent: HashMap<usize, (usize, Loc)> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    let mut seen = HashSet::from([start]);
    let mut closing = None;
    'search: while let Some(node) = queue.pop_front() {
        let mut edges: Vec<_> = successors(deps, node).collect();
        edges.sort_by_key(|&(t, loc)| (t, loc));
        for (target, loc) in edges {
            if target == start {
                closing = Some((node, loc));
                break 'search;
            }
            if members.contains(&target) && seen.insert(target) {
                parent.insert(target, (node, loc));
                queue.push_back(target);
            }
        }
    }
    let Some((last, last_loc)) = closing else {
        return vec![(start, Loc::default())];
    };
    // Walk back from the last node to start, collecting (node, edge to its successor).
    let mut steps = vec![(last, last_loc)];
    let mut node = last;
    while node != start {
        let (prev, loc) = parent[&node];
        steps.push((prev, loc));
        node = prev;
    }
    steps.reverse();
    steps
}
