//! REUSE001–REUSE005, tái sử dụng: a shared capability is consumed from its designated
//! platform, not rebuilt or bypassed; systems run on the designated hosting platform; a
//! replacement loses no authoritative data; a designated platform is actually shared. The
//! checks read the graph's indexes and report; reachability is one reverse search per
//! designated platform, never a search per system.

use super::{Context, Explain, Rule, Sink};
use crate::finding::{Principle, Severity};
use crate::graph::{CapabilityIx, Element, SystemIx};
use crate::i18n::Text;
use crate::model::Layer;
use crate::source::Loc;

/// The capability whose designated platform is where systems must be hosted.
const HOSTING: &str = "hosting";

/// Calls `visit(capability, platform, reaches)` for every capability with a designated
/// platform, where `reaches(s)` tells whether system `s` reaches the platform through
/// `depends_on`. One reverse search per capability; the stamps are never cleared.
fn for_each_platform(
    ctx: &Context<'_>,
    mut visit: impl FnMut(CapabilityIx, SystemIx, &dyn Fn(SystemIx) -> bool),
) {
    let graph = ctx.graph;
    let mut reached = crate::graph::per(&ctx.model.systems, None);
    for c in ctx.graph.capabilities() {
        let Some(platform) = graph.platform[c] else {
            continue;
        };
        for s in graph.reaching(&[platform]) {
            reached[s] = Some(c);
        }
        visit(c, platform, &|s| reached[s] == Some(c));
    }
}

pub const REUSE001: Rule = Rule {
    code: "REUSE001",
    name: "platform-rebuilt",
    severity: Severity::Error,
    principle: Principle::Reuse,
    explain: Explain {
        vi: include_str!("docs/reuse001.vi.md"),
        en: include_str!("docs/reuse001.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Xây dựng lại năng lực đã có nền tảng dùng chung",
            en: "A capability with a shared platform is built again",
        },
        Text {
            key: "message",
            vi: "`{system}` cung cấp `{capability}`, năng lực đã có nền tảng dùng chung `{platform}`; hãy dùng `{platform}` thay vì xây dựng lại (hoặc phụ thuộc vào nó để liên thông)",
            en: "`{system}` provides `{capability}`, whose designated platform is `{platform}`; use `{platform}` instead of rebuilding it (or depend on it, as a federation)",
        },
        Text {
            key: "platform",
            vi: "nền tảng được chỉ định cho `{capability}` là `{platform}`, được định nghĩa tại đây",
            en: "the designated platform of `{capability}` is `{platform}`, defined here",
        },
        Text {
            key: "federation",
            vi: "`{platform}` được chỉ định thay nền tảng quốc gia `{national}` cho `{capability}` nhưng không phụ thuộc vào `{national}`; nền tảng của tỉnh phải liên thông với nền tảng quốc gia (thêm `{national}` vào depends_on)",
            en: "`{platform}` is designated for `{capability}` in place of the national platform `{national}` but does not depend on it; a provincial platform must federate with the national one (add `{national}` to its depends_on)",
        },
        Text {
            key: "national",
            vi: "nền tảng quốc gia `{national}` được định nghĩa tại đây",
            en: "the national platform `{national}` is defined here",
        },
    ],
    check: Some(check_reuse001),
};

/// REUSE001 and REUSE002 say the same thing of a system `s` at `loc`: capability `c` has the
/// designated `platform`, shown as related.
fn report_against_platform(
    ctx: &Context<'_>,
    out: &mut Sink<'_>,
    s: SystemIx,
    loc: Loc,
    c: CapabilityIx,
    platform: SystemIx,
) {
    let model = ctx.model;
    let system = model.systems[s].id.value.as_str();
    let args = [
        ("system", system),
        ("capability", model.capabilities[c].id.value.as_str()),
        ("platform", model.systems[platform].id.value.as_str()),
    ];
    out.report(system, loc, "message", &args).related(
        args[2].1,
        ctx.graph.system_loc(platform),
        "platform",
        &args,
    );
}

fn check_reuse001(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    for_each_platform(ctx, |c, platform, reaches| {
        for &(s, loc) in &graph.providers[c] {
            // A successor that replaces the platform takes its place (REUSE006 checks that
            // it provides what the platform did).
            let successor = graph.replaced_by[platform].iter().any(|&(r, _)| r == s);
            if s == platform || !graph.is_live(s) || reaches(s) || successor {
                continue;
            }
            report_against_platform(ctx, out, s, loc, c, platform);
        }
        check_federation(ctx, out, c, platform);
    });
}

/// A model that re-declares a national capability with its own platform must name a system
/// that depends on the national platform: otherwise that platform is one more rebuild.
fn check_federation(ctx: &Context<'_>, out: &mut Sink<'_>, c: CapabilityIx, platform: SystemIx) {
    let graph = ctx.graph;
    let model = ctx.model;
    let capability = &model.capabilities[c];
    let Some(national) = capability
        .federates
        .as_ref()
        .and_then(|r| graph.lookup(r.value.as_str()))
        .and_then(Element::system)
    else {
        return;
    };
    if !graph.is_live(platform) || graph.reachable_from(platform).contains(&national) {
        return;
    }
    let loc = graph.providers[c]
        .iter()
        .find(|&&(s, _)| s == platform)
        .map(|&(_, loc)| loc)
        .or_else(|| {
            capability
                .platform
                .as_ref()
                .map(|r| Loc::new(capability.file, r.span))
        })
        .unwrap_or_else(|| graph.system_loc(platform));
    let args = [
        ("platform", model.systems[platform].id.value.as_str()),
        ("capability", capability.id.value.as_str()),
        ("national", model.systems[national].id.value.as_str()),
    ];
    out.report(args[0].1, loc, "federation", &args).related(
        args[2].1,
        graph.system_loc(national),
        "national",
        &args,
    );
}

pub const REUSE002: Rule = Rule {
    code: "REUSE002",
    name: "platform-bypassed",
    severity: Severity::Error,
    principle: Principle::Reuse,
    explain: Explain {
        vi: include_str!("docs/reuse002.vi.md"),
        en: include_str!("docs/reuse002.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Cần năng lực dùng chung nhưng không kết nối đến nền tảng được chỉ định",
            en: "A shared capability is required but its platform is bypassed",
        },
        Text {
            key: "message",
            vi: "`{system}` cần `{capability}` nhưng không phụ thuộc (trực tiếp hay gián tiếp) vào nền tảng được chỉ định `{platform}`; hãy thêm `{platform}` vào depends_on",
            en: "`{system}` requires `{capability}` but does not reach its designated platform `{platform}` through depends_on; add `{platform}` to its depends_on",
        },
        Text {
            key: "platform",
            vi: "nền tảng được chỉ định cho `{capability}` là `{platform}`, được định nghĩa tại đây",
            en: "the designated platform of `{capability}` is `{platform}`, defined here",
        },
    ],
    check: Some(check_reuse002),
};

fn check_reuse002(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    for_each_platform(ctx, |c, platform, reaches| {
        for &(s, loc) in &graph.requirers[c] {
            if !graph.is_live(s) || reaches(s) {
                continue;
            }
            report_against_platform(ctx, out, s, loc, c, platform);
        }
    });
}

pub const REUSE003: Rule = Rule {
    code: "REUSE003",
    name: "own-hosting",
    severity: Severity::Warning,
    principle: Principle::Hosting,
    explain: Explain {
        vi: include_str!("docs/reuse003.vi.md"),
        en: include_str!("docs/reuse003.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hệ thống không được đặt trên nền tảng hạ tầng dùng chung",
            en: "A system is not hosted on the shared hosting platform",
        },
        Text {
            key: "elsewhere",
            vi: "`{system}` được đặt trên `{host}` thay vì nền tảng hạ tầng được chỉ định `{platform}`",
            en: "`{system}` is hosted on `{host}` instead of the designated hosting platform `{platform}`",
        },
        Text {
            key: "unhosted",
            vi: "`{system}` không khai báo hosted_on trong khi nền tảng hạ tầng được chỉ định là `{platform}`; hãy đặt nó trên `{platform}`",
            en: "`{system}` declares no hosted_on while the designated hosting platform is `{platform}`; host it on `{platform}`",
        },
        Text {
            key: "platform",
            vi: "nền tảng hạ tầng được chỉ định là `{platform}`, được định nghĩa tại đây",
            en: "the designated hosting platform is `{platform}`, defined here",
        },
    ],
    check: Some(check_reuse003),
};

fn check_reuse003(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    let Some(hosting) = graph.lookup(HOSTING).and_then(Element::capability) else {
        return;
    };
    let Some(platform) = graph.platform[hosting] else {
        return;
    };
    let platform_id = model.systems[platform].id.value.as_str();
    for (s, system) in crate::graph::enumerate(&model.systems) {
        if matches!(system.layer, Layer::Channel | Layer::Infrastructure)
            || s == platform
            || !graph.is_live(s)
        {
            continue;
        }
        let id = system.id.value.as_str();
        let reported = match graph.hosted_on[s] {
            Some((host, _)) if host == platform => continue,
            Some((host, loc)) => {
                let host = model.systems[host].id.value.as_str();
                let args = [("system", id), ("host", host), ("platform", platform_id)];
                out.report(id, loc, "elsewhere", &args)
            }
            None => {
                let args = [("system", id), ("platform", platform_id)];
                out.report(id, graph.system_loc(s), "unhosted", &args)
            }
        };
        reported.related(
            platform_id,
            graph.system_loc(platform),
            "platform",
            &[("platform", platform_id)],
        );
    }
}

pub const REUSE004: Rule = Rule {
    code: "REUSE004",
    name: "inheritance-data-lost",
    severity: Severity::Error,
    principle: Principle::Inheritance,
    explain: Explain {
        vi: include_str!("docs/reuse004.vi.md"),
        en: include_str!("docs/reuse004.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Dữ liệu gốc bị mất khi thay thế hệ thống",
            en: "Authoritative data is lost when a system is replaced",
        },
        Text {
            key: "message",
            vi: "`{system}` thay thế `{replaced}`, nhưng sau đó không hệ thống nào còn hiệu lực làm nguồn gốc (master) của `{data}`; hãy để `{system}` kế thừa dữ liệu này",
            en: "`{system}` replaces `{replaced}`, but afterwards no live system masters `{data}`; let `{system}` inherit it",
        },
        Text {
            key: "replaced",
            vi: "`{replaced}` là nguồn gốc của `{data}` tại đây",
            en: "`{replaced}` is the authoritative source of `{data}` here",
        },
        Text {
            key: "data",
            vi: "`{data}` được định nghĩa tại đây",
            en: "`{data}` is defined here",
        },
    ],
    check: Some(check_reuse004),
};

fn check_reuse004(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    let mut mastered: crate::graph::IxVec<_, Vec<_>> =
        crate::graph::per(&model.systems, Vec::new());
    let mut live_master = crate::graph::per(&model.data, false);
    for (d, masters) in graph.masters.iter_enumerated() {
        for &(s, loc) in masters {
            mastered[s].push((d, loc));
            live_master[d] |= graph.is_live(s);
        }
    }
    for (replaced, replacers) in graph.replaced_by.iter_enumerated() {
        if replacers.is_empty() {
            continue;
        }
        let mut lost: Vec<(_, Loc)> = mastered[replaced]
            .iter()
            .copied()
            .filter(|&(d, _)| !live_master[d])
            .collect();
        lost.dedup_by_key(|(d, _)| *d);
        let replaced_id = model.systems[replaced].id.value.as_str();
        for &(d, master_loc) in &lost {
            let data = d.element();
            let data_id = graph.element_id(data);
            for &(system, loc) in replacers.iter().filter(|&&(s, _)| s != replaced) {
                let args = [
                    ("system", model.systems[system].id.value.as_str()),
                    ("replaced", replaced_id),
                    ("data", data_id),
                ];
                out.report(args[0].1, loc, "message", &args)
                    .related(replaced_id, master_loc, "replaced", &args)
                    .related(data_id, graph.element_loc(data), "data", &args);
            }
        }
    }
}

pub const REUSE005: Rule = Rule {
    code: "REUSE005",
    name: "underused-platform",
    severity: Severity::Info,
    principle: Principle::Reuse,
    explain: Explain {
        vi: include_str!("docs/reuse005.vi.md"),
        en: include_str!("docs/reuse005.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Nền tảng dùng chung ít được sử dụng",
            en: "A shared platform is hardly used",
        },
        Text {
            key: "unused",
            vi: "`{platform}` là nền tảng được chỉ định cho {capabilities} nhưng không hệ thống nào còn hiệu lực sử dụng nó (qua depends_on, hosted_on hoặc tích hợp qua via)",
            en: "`{platform}` is the designated platform of {capabilities}, but no live system uses it (through depends_on, hosted_on or integrations via it)",
        },
        Text {
            key: "one",
            vi: "`{platform}` là nền tảng được chỉ định cho {capabilities} nhưng chỉ các hệ thống của `{agency}` sử dụng; nền tảng dùng chung cần phục vụ nhiều cơ quan",
            en: "`{platform}` is the designated platform of {capabilities}, but only systems of `{agency}` use it; a shared platform should serve several agencies",
        },
        Text {
            key: "designated",
            vi: "được chỉ định làm nền tảng của `{capability}` tại đây",
            en: "designated as the platform of `{capability}` here",
        },
    ],
    check: Some(check_reuse005),
};

fn check_reuse005(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    let mut designations: crate::graph::IxVec<_, Vec<_>> =
        crate::graph::per(&model.systems, Vec::new());
    for (c, platform) in graph.platform.iter_enumerated() {
        if let Some(p) = platform {
            designations[*p].push(c);
        }
    }
    // A hosting platform is used by being hosted on, not depended on.
    let mut hosted: crate::graph::IxVec<_, Vec<_>> = crate::graph::per(&model.systems, Vec::new());
    for (s, host) in graph.hosted_on.iter_enumerated() {
        if let Some((h, _)) = host {
            hosted[*h].push(s);
        }
    }
    for (p, capabilities) in designations.iter_enumerated() {
        if capabilities.is_empty() {
            continue;
        }
        let mut owners = graph.dependents[p]
            .iter()
            .chain(&graph.via_users[p])
            .chain(&hosted[p])
            .filter(|&&s| s != p && graph.is_live(s))
            .filter_map(|&s| graph.system_owner[s]);
        let first = owners.next();
        if first.is_some_and(|a| owners.any(|b| b != a)) {
            continue;
        }
        let platform = model.systems[p].id.value.as_str();
        let names: Vec<String> = capabilities
            .iter()
            .map(|&c| format!("`{}`", model.capabilities[c].id.value.as_str()))
            .collect();
        let names = names.join(", ");
        let mut reported = match first {
            Some(a) => {
                let agency = model.agencies[a].id.value.as_str();
                out.report(
                    platform,
                    graph.system_loc(p),
                    "one",
                    &[
                        ("platform", platform),
                        ("capabilities", &names),
                        ("agency", agency),
                    ],
                )
            }
            None => out.report(
                platform,
                graph.system_loc(p),
                "unused",
                &[("platform", platform), ("capabilities", &names)],
            ),
        };
        for &c in capabilities {
            let capability = &model.capabilities[c];
            if let Some(r) = &capability.platform {
                let id = capability.id.value.as_str();
                reported = reported.related(
                    id,
                    Loc::new(capability.file, r.span),
                    "designated",
                    &[("capability", id)],
                );
            }
        }
    }
}

pub const REUSE006: Rule = Rule {
    code: "REUSE006",
    name: "platform-retired",
    severity: Severity::Error,
    principle: Principle::Reuse,
    explain: Explain {
        vi: include_str!("docs/reuse006.vi.md"),
        en: include_str!("docs/reuse006.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Thay thế hệ thống quốc gia hoặc nền tảng dùng chung",
            en: "A national system or a shared platform is retired",
        },
        Text {
            key: "national",
            vi: "`{system}` khai báo thay thế (`replaces`) hệ thống quốc gia `{replaced}`; tỉnh không thể cho ngừng một hệ thống của trung ương — hãy bỏ `{replaced}` khỏi `replaces` và kết nối tới nó",
            en: "`{system}` declares that it replaces the national system `{replaced}`; a province cannot retire a system of the centre — remove `{replaced}` from `replaces` and connect to it instead",
        },
        Text {
            key: "platform",
            vi: "`{system}` thay thế `{replaced}`, nền tảng dùng chung được chỉ định cho `{capability}`, nhưng không cung cấp `{capability}`; các hệ thống đang dùng nền tảng sẽ mất năng lực này — hãy để `{system}` cung cấp `{capability}` (và chỉ định nó làm nền tảng) hoặc bỏ `{replaced}` khỏi `replaces`",
            en: "`{system}` replaces `{replaced}`, the designated platform of `{capability}`, but does not provide `{capability}`; the systems that use the platform would lose it — make `{system}` provide `{capability}` (and designate it) or remove `{replaced}` from `replaces`",
        },
        Text {
            key: "replaced",
            vi: "`{replaced}` được định nghĩa tại đây",
            en: "`{replaced}` is defined here",
        },
    ],
    check: Some(check_reuse006),
};

/// A live system may not retire (through `replaces`) a national system, nor a designated
/// platform unless it provides every capability the platform is designated for. Linear in the
/// `replaces` references.
fn check_reuse006(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    let mut designated: crate::graph::IxVec<_, Vec<_>> =
        crate::graph::per(&model.systems, Vec::new());
    for (c, platform) in graph.platform.iter_enumerated() {
        if let Some(p) = platform {
            designated[*p].push(c);
        }
    }
    for (s, system) in crate::graph::enumerate(&model.systems) {
        if !system.status.is_live() || graph.national_system[s] {
            continue;
        }
        let id = system.id.value.as_str();
        for r in &system.replaces {
            let Some(target) = graph.lookup(r.value.as_str()).and_then(Element::system) else {
                continue;
            };
            let loc = Loc::new(system.file, r.span);
            let replaced = model.systems[target].id.value.as_str();
            if graph.national_system[target] {
                out.report(
                    id,
                    loc,
                    "national",
                    &[("system", id), ("replaced", replaced)],
                )
                .related(
                    replaced,
                    graph.system_loc(target),
                    "replaced",
                    &[("replaced", replaced)],
                );
                continue;
            }
            for &c in &designated[target] {
                let capability = model.capabilities[c].id.value.as_str();
                // The successor provides the capability, or reaches through `depends_on` a live
                // provider of it that stays (a consolidation keeps the other province's platform).
                let provides = graph.providers[c].iter().any(|&(p, _)| p == s) || {
                    let reached = graph.reachable_from(s);
                    graph.providers[c]
                        .iter()
                        .any(|&(p, _)| p != target && graph.is_live(p) && reached.contains(&p))
                };
                if !provides {
                    out.report(
                        id,
                        loc,
                        "platform",
                        &[
                            ("system", id),
                            ("replaced", replaced),
                            ("capability", capability),
                        ],
                    )
                    .related(
                        replaced,
                        graph.system_loc(target),
                        "replaced",
                        &[("replaced", replaced)],
                    );
                }
            }
        }
    }
}
