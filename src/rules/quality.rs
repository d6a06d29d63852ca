//! KT004 layer-violation, KT005 lifecycle-mismatch, KT006 unmet-requirement, KT007
//! unused-element: the model is sound (KT001–KT003 passed) but its edges contradict the
//! layers, the life cycle or the requirements they serve, or some element serves nothing.
//! These checks only read the graph's indexes and report; each is linear in the model (KT006
//! is one reverse search per required capability).

use super::{Context, Explain, Rule, Sink};
use crate::finding::{Principle, Severity};
use crate::graph::{AgencyIx, Element, IxVec, SystemIx};
use crate::i18n::Text;
use crate::model::Status;
use crate::source::Loc;

pub const KT004: Rule = Rule {
    code: "KT004",
    name: "layer-violation",
    severity: Severity::Warning,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/kt004.vi.md"),
        en: include_str!("docs/kt004.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Phụ thuộc hướng lên tầng trên của kiến trúc",
            en: "A dependency points up the layers",
        },
        Text {
            key: "depends_on",
            vi: "`{system}` (tầng `{layer}`) phụ thuộc vào `{target}` ở tầng trên (`{target_layer}`); phụ thuộc chỉ được hướng xuống hoặc ngang hàng",
            en: "`{system}` (layer `{layer}`) depends on `{target}` in a higher layer (`{target_layer}`); dependencies may only point down or sideways",
        },
        Text {
            key: "hosted_on",
            vi: "`{system}` (tầng `{layer}`) được đặt trên `{target}` ở tầng trên (`{target_layer}`); hệ thống chỉ được đặt trên tầng bên dưới",
            en: "`{system}` (layer `{layer}`) is hosted on `{target}` in a higher layer (`{target_layer}`); a system may only be hosted on a lower layer",
        },
        Text {
            key: "target",
            vi: "`{target}` thuộc tầng `{target_layer}`, được định nghĩa tại đây",
            en: "`{target}` belongs to layer `{target_layer}`, defined here",
        },
    ],
    check: Some(check_kt004),
};

fn check_kt004(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let systems = &ctx.model.systems;
    for (s, system) in crate::graph::enumerate(systems) {
        let Some(rank) = system.layer.rank() else {
            continue;
        };
        let edges = graph.depends_on[s]
            .iter()
            .map(|&(t, loc)| ("depends_on", t, loc))
            .chain(graph.hosted_on[s].map(|(t, loc)| ("hosted_on", t, loc)));
        for (key, t, loc) in edges {
            let target = &systems[t];
            if target.layer.rank().is_some_and(|r| r < rank) {
                let args = [
                    ("system", system.id.value.as_str()),
                    ("layer", system.layer.as_str()),
                    ("target", target.id.value.as_str()),
                    ("target_layer", target.layer.as_str()),
                ];
                out.report(system.id.value.as_str(), loc, key, &args)
                    .related(
                        target.id.value.as_str(),
                        graph.system_loc(t),
                        "target",
                        &args,
                    );
            }
        }
    }
}

pub const KT005: Rule = Rule {
    code: "KT005",
    name: "lifecycle-mismatch",
    severity: Severity::Warning,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/kt005.vi.md"),
        en: include_str!("docs/kt005.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hệ thống đang vận hành phụ thuộc vào hệ thống chưa sẵn sàng hoặc sắp ngừng",
            en: "An operational system depends on a system that is not yet or no longer in service",
        },
        Text {
            key: "ending",
            vi: "`{system}` đang vận hành nhưng phụ thuộc vào `{target}` có trạng thái `{status}`; hãy chuyển sang hệ thống thay thế",
            en: "`{system}` is operational but depends on `{target}`, whose status is `{status}`; move to its successor",
        },
        Text {
            key: "early",
            vi: "`{system}` đang vận hành nhưng phụ thuộc vào `{target}` mới ở trạng thái `{status}`, chưa đưa vào vận hành",
            en: "`{system}` is operational but depends on `{target}`, which is only `{status}` and not yet in service",
        },
        Text {
            key: "target",
            vi: "`{target}` có trạng thái `{status}`, được định nghĩa tại đây",
            en: "`{target}` has status `{status}`, defined here",
        },
    ],
    check: Some(check_kt005),
};

fn check_kt005(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let systems = &ctx.model.systems;
    for (s, system) in crate::graph::enumerate(systems) {
        if system.status != Status::Operational {
            continue;
        }
        for &(t, loc) in &graph.depends_on[s] {
            let target = &systems[t];
            let key = match target.status {
                Status::Retired | Status::Retiring => "ending",
                Status::Proposed | Status::Planned | Status::Building => "early",
                Status::Operational => continue,
            };
            let args = [
                ("system", system.id.value.as_str()),
                ("target", target.id.value.as_str()),
                ("status", target.status.as_str()),
            ];
            out.report(system.id.value.as_str(), loc, key, &args)
                .related(
                    target.id.value.as_str(),
                    graph.system_loc(t),
                    "target",
                    &args,
                );
        }
    }
}

pub const KT006: Rule = Rule {
    code: "KT006",
    name: "unmet-requirement",
    severity: Severity::Error,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/kt006.vi.md"),
        en: include_str!("docs/kt006.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Năng lực cần dùng không được hệ thống nào trong chuỗi phụ thuộc cung cấp",
            en: "A required capability is provided by nothing the system depends on",
        },
        Text {
            key: "unreachable",
            vi: "`{system}` cần năng lực `{capability}` nhưng không hệ thống nào mà nó phụ thuộc (trực tiếp hay gián tiếp) cung cấp; hãy thêm `{provider}` vào depends_on",
            en: "`{system}` requires `{capability}`, but no system it depends on (directly or transitively) provides it; add `{provider}` to its depends_on",
        },
        Text {
            key: "nobody",
            vi: "`{system}` cần năng lực `{capability}` nhưng không hệ thống nào còn hiệu lực cung cấp năng lực này",
            en: "`{system}` requires `{capability}`, but no live system provides it",
        },
        Text {
            key: "provider",
            vi: "`{provider}` cung cấp `{capability}` tại đây",
            en: "`{provider}` provides `{capability}` here",
        },
    ],
    check: Some(check_kt006),
};

/// Capabilities with a designated platform are left to REUSE002 (one finding per fact). A
/// provider counts only while live: a retired system meets no requirement.
fn check_kt006(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    // `reached[s] == c` when system `s` reaches a provider of capability `c`: one stamp per
    // capability, so the vector is never cleared.
    let mut reached = crate::graph::per(&model.systems, None);
    for (c, capability) in crate::graph::enumerate(&model.capabilities) {
        if graph.platform[c].is_some() || !graph.requirers[c].iter().any(|&(s, _)| graph.is_live(s))
        {
            continue;
        }
        let providers: Vec<(_, Loc)> = graph.providers[c]
            .iter()
            .copied()
            .filter(|&(p, _)| graph.is_live(p))
            .collect();
        let targets: Vec<SystemIx> = providers.iter().map(|&(p, _)| p).collect();
        for s in graph.reaching(&targets) {
            reached[s] = Some(c);
        }
        let capability_id = capability.id.value.as_str();
        for &(s, loc) in &graph.requirers[c] {
            if !graph.is_live(s) || reached[s] == Some(c) {
                continue;
            }
            let system = model.systems[s].id.value.as_str();
            match providers.first() {
                Some(&(p, provider_loc)) => {
                    let provider = model.systems[p].id.value.as_str();
                    let args = [
                        ("system", system),
                        ("capability", capability_id),
                        ("provider", provider),
                    ];
                    out.report(system, loc, "unreachable", &args).related(
                        provider,
                        provider_loc,
                        "provider",
                        &args,
                    );
                }
                None => {
                    out.report(
                        system,
                        loc,
                        "nobody",
                        &[("system", system), ("capability", capability_id)],
                    );
                }
            }
        }
    }
}

pub const KT007: Rule = Rule {
    code: "KT007",
    name: "unused-element",
    severity: Severity::Info,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/kt007.vi.md"),
        en: include_str!("docs/kt007.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Phần tử không được sử dụng",
            en: "An element is not used",
        },
        Text {
            key: "agency",
            vi: "cơ quan `{id}` không làm chủ quản hệ thống, dữ liệu hay dự án nào, không phê duyệt gì, và các đơn vị trực thuộc cũng vậy",
            en: "agency `{id}` owns no system, data set or project and approves nothing, and neither does any agency under it",
        },
        Text {
            key: "capability",
            vi: "năng lực `{id}` không được hệ thống nào cung cấp hay cần dùng",
            en: "capability `{id}` is neither provided nor required by any system",
        },
        Text {
            key: "data",
            vi: "dữ liệu `{id}` không có hệ thống nào làm nguồn gốc (master), đọc hay sao chép",
            en: "data set `{id}` is neither mastered, read nor copied by any system",
        },
    ],
    check: Some(check_kt007),
};

fn check_kt007(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    for (a, &used) in used_agencies(ctx).iter_enumerated() {
        if !used {
            report_unused(out, ctx, a.element(), "agency");
        }
    }
    for c in graph.capabilities() {
        if graph.providers[c].is_empty() && graph.requirers[c].is_empty() {
            report_unused(out, ctx, c.element(), "capability");
        }
    }
    for d in graph.data_sets() {
        if graph.masters[d].is_empty() && graph.readers[d].is_empty() && graph.copiers[d].is_empty()
        {
            report_unused(out, ctx, d.element(), "data");
        }
    }
}

fn report_unused(out: &mut Sink<'_>, ctx: &Context<'_>, element: Element, key: &'static str) {
    let id = ctx.graph.element_id(element);
    out.report(id, ctx.graph.element_loc(element), key, &[("id", id)]);
}

/// Which agencies are used. `graph.agency_uses` counts every mention of an agency: as owner
/// (of a system, data set or project), as the model's authority, as a waiver's approver, and
/// as the `parent` of another agency. Being a parent alone is no use: a parent is used only
/// when some agency under it (transitively) is used on its own, so a tree of agencies that
/// owns nothing is reported whole, while the hierarchy above real owners is kept.
fn used_agencies(ctx: &Context<'_>) -> IxVec<AgencyIx, bool> {
    let graph = ctx.graph;
    let agencies = &ctx.model.agencies;
    let parent: IxVec<AgencyIx, Option<AgencyIx>> = IxVec::from_vec(
        agencies
            .iter()
            .map(|agency| {
                let id = agency.parent.as_ref()?;
                graph.lookup(id.value.as_str()).and_then(Element::agency)
            })
            .collect(),
    );
    let mut children = crate::graph::per(agencies, 0usize);
    for p in parent.iter().flatten() {
        children[*p] += 1;
    }
    let mut used = crate::graph::per(agencies, false);
    for (a, &kids) in children.iter_enumerated() {
        if graph.agency_uses[a] <= kids {
            continue;
        }
        // Mark `a` and its ancestors; stop at the first already marked (which also ends a
        // `parent` cycle), so every agency is marked once in all.
        let mut next = Some(a);
        while let Some(x) = next {
            if used[x] {
                break;
            }
            used[x] = true;
            next = parent[x];
        }
    }
    used
}
