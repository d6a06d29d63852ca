//! SHARE001–SHARE005, chia sẻ: every data set in use has one live authoritative source, data
//! crosses owners only through a data-exchange platform, nobody keeps shadow copies of
//! another owner's data, shared data can reach the exchange platform and open data reaches an
//! open-data system. The checks read the graph's indexes and report; each is linear in the
//! model (SHARE004 is one reverse search in all).

use std::collections::HashSet;

use super::{Context, Explain, Rule, Sink};
use crate::finding::{Principle, Severity};
use crate::graph::{CapabilityIx, DataIx, Element, Graph, IxVec, SystemIx};
use crate::i18n::Text;
use crate::model::Classification;
use crate::source::Loc;

/// The capability of exchange platforms (LGSP, NDXP).
const DATA_EXCHANGE: &str = "data-exchange";
/// The capability of open-data portals.
const OPEN_DATA: &str = "open-data";

/// The capability with this id, if the model has one.
fn capability(graph: &Graph<'_>, id: &str) -> Option<CapabilityIx> {
    graph.lookup(id).and_then(Element::capability)
}

/// Per system: whether it provides the capability `id` (live or not when `live_only` is false).
fn provides(graph: &Graph<'_>, id: &str, live_only: bool) -> IxVec<SystemIx, bool> {
    let mut out = crate::graph::per(&graph.model.systems, false);
    if let Some(c) = capability(graph, id) {
        for &(s, _) in &graph.providers[c] {
            out[s] |= !live_only || graph.is_live(s);
        }
    }
    out
}

fn data_element(d: DataIx) -> Element {
    d.element()
}

pub const SHARE001: Rule = Rule {
    code: "SHARE001",
    name: "no-authoritative-source",
    severity: Severity::Error,
    principle: Principle::Sharing,
    explain: Explain {
        vi: include_str!("docs/share001.vi.md"),
        en: include_str!("docs/share001.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Dữ liệu đang được sử dụng nhưng không có nguồn gốc",
            en: "Data in use has no authoritative source",
        },
        Text {
            key: "message",
            vi: "`{data}` được {count} hệ thống còn hiệu lực đọc hoặc sao chép, nhưng không hệ thống nào còn hiệu lực làm nguồn gốc (master)",
            en: "`{data}` is read or copied by {count} live system(s), but no live system masters it",
        },
        Text {
            key: "read",
            vi: "`{system}` đọc `{data}` tại đây",
            en: "`{system}` reads `{data}` here",
        },
        Text {
            key: "copy",
            vi: "`{system}` sao chép `{data}` tại đây",
            en: "`{system}` copies `{data}` here",
        },
        Text {
            key: "stale",
            vi: "`{system}` làm nguồn gốc của `{data}` tại đây nhưng không còn hoạt động",
            en: "`{system}` masters `{data}` here but is no longer live",
        },
    ],
    check: Some(check_share001),
};

fn check_share001(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    for d in graph.data_sets() {
        if graph.masters[d].iter().any(|&(s, _)| graph.is_live(s)) {
            continue;
        }
        let users: Vec<(SystemIx, Loc, &str)> = graph.readers[d]
            .iter()
            .map(|&(s, loc)| (s, loc, "read"))
            .chain(graph.copiers[d].iter().map(|&(s, loc)| (s, loc, "copy")))
            .filter(|&(s, _, _)| graph.is_live(s))
            .collect();
        if users.is_empty() {
            continue;
        }
        let count = users.len().to_string();
        let data = graph.element_id(data_element(d));
        let mut reported = out.report(
            data,
            graph.element_loc(data_element(d)),
            "message",
            &[("data", data), ("count", &count)],
        );
        for (s, loc, key) in users {
            let user = model.systems[s].id.value.as_str();
            reported = reported.related(user, loc, key, &[("system", user), ("data", data)]);
        }
        if let Some(&(m, loc)) = graph.masters[d].first() {
            let master = model.systems[m].id.value.as_str();
            reported.related(master, loc, "stale", &[("system", master), ("data", data)]);
        }
    }
}

pub const SHARE002: Rule = Rule {
    code: "SHARE002",
    name: "point-to-point",
    severity: Severity::Error,
    principle: Principle::Sharing,
    explain: Explain {
        vi: include_str!("docs/share002.vi.md"),
        en: include_str!("docs/share002.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Kết nối điểm - điểm không qua nền tảng chia sẻ dữ liệu",
            en: "A point-to-point link bypasses the data-exchange platform",
        },
        Text {
            key: "direct.owner",
            vi: "`{system}` kết nối trực tiếp với `{target}` của cơ quan khác (`{target_owner}`); kết nối giữa các cơ quan phải đi qua hệ thống cung cấp `data-exchange` (via)",
            en: "`{system}` links directly to `{target}` of another owner (`{target_owner}`); links between owners must go via a system that provides `data-exchange`",
        },
        Text {
            key: "direct.national",
            vi: "`{system}` kết nối trực tiếp với hệ thống cấp quốc gia `{target}`; hệ thống của tỉnh phải kết nối qua nền tảng chia sẻ dữ liệu (LGSP) cung cấp `data-exchange`",
            en: "`{system}` links directly to the national system `{target}`; a provincial system must go via the platform that provides `data-exchange` (its LGSP)",
        },
        Text {
            key: "via.owner",
            vi: "`{system}` kết nối với `{target}` của cơ quan khác (`{target_owner}`) qua `{via}`, nhưng `{via}` không cung cấp `data-exchange`",
            en: "`{system}` links to `{target}` of another owner (`{target_owner}`) via `{via}`, which does not provide `data-exchange`",
        },
        Text {
            key: "via.national",
            vi: "`{system}` kết nối với hệ thống cấp quốc gia `{target}` qua `{via}`, nhưng `{via}` không cung cấp `data-exchange`",
            en: "`{system}` links to the national system `{target}` via `{via}`, which does not provide `data-exchange`",
        },
        Text {
            key: "temporary.owner",
            vi: "`{system}` kết nối trực tiếp với `{target}` của cơ quan khác (`{target_owner}`), được tạm chấp nhận đến hết ngày {date}; sau đó phải đi qua hệ thống cung cấp `data-exchange`",
            en: "`{system}` links directly to `{target}` of another owner (`{target_owner}`), tolerated up to and including {date}; after that it must go via a system that provides `data-exchange`",
        },
        Text {
            key: "temporary.national",
            vi: "`{system}` kết nối trực tiếp với hệ thống cấp quốc gia `{target}`, được tạm chấp nhận đến hết ngày {date}; sau đó phải đi qua nền tảng chia sẻ dữ liệu (LGSP) cung cấp `data-exchange`",
            en: "`{system}` links directly to the national system `{target}`, tolerated up to and including {date}; after that it must go via the platform that provides `data-exchange` (its LGSP)",
        },
        Text {
            key: "expired.owner",
            vi: "`{system}` vẫn kết nối trực tiếp với `{target}` của cơ quan khác (`{target_owner}`) dù thời hạn tạm chấp nhận đã hết ngày {date}; hãy chuyển sang hệ thống cung cấp `data-exchange`",
            en: "`{system}` still links directly to `{target}` of another owner (`{target_owner}`), though its tolerance ended on {date}; go via a system that provides `data-exchange`",
        },
        Text {
            key: "expired.national",
            vi: "`{system}` vẫn kết nối trực tiếp với hệ thống cấp quốc gia `{target}` dù thời hạn tạm chấp nhận đã hết ngày {date}; hãy đi qua nền tảng chia sẻ dữ liệu (LGSP) cung cấp `data-exchange`",
            en: "`{system}` still links directly to the national system `{target}`, though its tolerance ended on {date}; go via the platform that provides `data-exchange` (its LGSP)",
        },
        Text {
            key: "target.owner",
            vi: "`{target}` thuộc `{target_owner}`, được định nghĩa tại đây",
            en: "`{target}` belongs to `{target_owner}`, defined here",
        },
        Text {
            key: "target.national",
            vi: "`{target}` là hệ thống cấp quốc gia, được định nghĩa tại đây",
            en: "`{target}` is a national system, defined here",
        },
        Text {
            key: "temporary",
            vi: "kết nối trực tiếp được tạm chấp nhận đến hết ngày {date}; sau ngày đó là lỗi",
            en: "the direct link is tolerated up to and including {date}; after that it is an error",
        },
        Text {
            key: "expired",
            vi: "thời hạn tạm chấp nhận kết nối trực tiếp đã hết vào ngày {date}",
            en: "the tolerance for this direct link ended on {date}",
        },
        Text {
            key: "via",
            vi: "`{via}` được định nghĩa tại đây và không cung cấp `data-exchange`",
            en: "`{via}` is defined here and does not provide `data-exchange`",
        },
    ],
    check: Some(check_share002),
};

/// An integration needs an exchange platform when it crosses owners or touches the national
/// level. It has one when its `via` provides `data-exchange`, or when one of its ends is
/// itself such a platform (a system linking to its LGSP, the LGSP linking to NDXP).
fn check_share002(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    let exchange = provides(graph, DATA_EXCHANGE, false);
    for (s, system) in crate::graph::enumerate(&model.systems) {
        if !graph.is_live(s) || exchange[s] {
            continue;
        }
        for link in &graph.integrations[s] {
            let Some(t) = link.to else {
                continue;
            };
            if exchange[t] || link.via.is_some_and(|v| exchange[v]) {
                continue;
            }
            let national = graph.national_system[s] || graph.national_system[t];
            if !national && graph.system_owner[s] == graph.system_owner[t] {
                continue;
            }
            let integration = &system.integrations[link.index];
            let target_owner =
                graph.system_owner[t].map_or("", |a| model.agencies[a].id.value.as_str());
            let via = link.via.map_or("", |v| model.systems[v].id.value.as_str());
            let temporary = integration.temporary_until.as_ref();
            let in_force = temporary.is_some_and(|until| until.value >= ctx.today);
            let date = temporary
                .map(|until| until.value.to_string())
                .unwrap_or_default();
            let args = [
                ("system", system.id.value.as_str()),
                ("target", model.systems[t].id.value.as_str()),
                ("target_owner", target_owner),
                ("via", via),
                ("date", date.as_str()),
            ];
            let how = match (link.via.is_some(), temporary.is_some(), in_force) {
                (true, _, _) => "via",
                (false, false, _) => "direct",
                (false, true, true) => "temporary",
                (false, true, false) => "expired",
            };
            let key: &'static str = match (how, national) {
                ("via", true) => "via.national",
                ("via", false) => "via.owner",
                ("direct", true) => "direct.national",
                ("direct", false) => "direct.owner",
                ("temporary", true) => "temporary.national",
                ("temporary", false) => "temporary.owner",
                (_, true) => "expired.national",
                (_, false) => "expired.owner",
            };
            let severity = if in_force {
                Severity::Info
            } else {
                out.severity()
            };
            let reported = out
                .report_as(severity, args[0].1, link.loc, key, &args)
                .related(
                    args[1].1,
                    graph.system_loc(t),
                    if national {
                        "target.national"
                    } else {
                        "target.owner"
                    },
                    &args,
                );
            let reported = match link.via {
                Some(v) => reported.related(via, graph.system_loc(v), "via", &args),
                None => reported,
            };
            if let Some(until) = temporary {
                let key = if in_force { "temporary" } else { "expired" };
                reported.related(args[0].1, Loc::new(system.file, until.span), key, &args);
            }
        }
    }
}

pub const SHARE003: Rule = Rule {
    code: "SHARE003",
    name: "shadow-copy",
    severity: Severity::Warning,
    principle: Principle::Sharing,
    explain: Explain {
        vi: include_str!("docs/share003.vi.md"),
        en: include_str!("docs/share003.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Sao chép dữ liệu của cơ quan khác thay vì khai thác từ nguồn gốc",
            en: "A copy of another owner's data instead of reading it",
        },
        Text {
            key: "message",
            vi: "`{system}` giữ bản sao của `{data}`, dữ liệu do `{master}` của cơ quan khác làm nguồn gốc; hãy đọc (read) từ nguồn gốc thay vì sao chép",
            en: "`{system}` keeps a copy of `{data}`, which `{master}` of another owner masters; read it from its source instead",
        },
        Text {
            key: "master",
            vi: "`{master}` là nguồn gốc của `{data}` tại đây",
            en: "`{master}` is the authoritative source of `{data}` here",
        },
    ],
    check: Some(check_share003),
};

fn check_share003(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    for d in graph.data_sets() {
        if graph.copiers[d].is_empty() {
            continue;
        }
        // The first live master, and the first live master of another owner than it: any
        // copier has a master of another owner among these two, if it has one at all.
        let mut live = graph.masters[d].iter().filter(|&&(m, _)| graph.is_live(m));
        let Some(&first) = live.next() else {
            continue;
        };
        let owner = |s: SystemIx| graph.system_owner[s];
        let second = live.find(|&&(m, _)| owner(m) != owner(first.0)).copied();
        let data = graph.element_id(data_element(d));
        for &(s, loc) in &graph.copiers[d] {
            if !graph.is_live(s) {
                continue;
            }
            let master = if owner(s) != owner(first.0) {
                Some(first)
            } else {
                second
            };
            let Some((m, master_loc)) = master else {
                continue;
            };
            let args = [
                ("system", model.systems[s].id.value.as_str()),
                ("data", data),
                ("master", model.systems[m].id.value.as_str()),
            ];
            out.report(args[0].1, loc, "message", &args)
                .related(args[2].1, master_loc, "master", &args);
        }
    }
}

pub const SHARE004: Rule = Rule {
    code: "SHARE004",
    name: "unshared-master",
    severity: Severity::Warning,
    principle: Principle::Sharing,
    explain: Explain {
        vi: include_str!("docs/share004.vi.md"),
        en: include_str!("docs/share004.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Dữ liệu cần chia sẻ nhưng nguồn gốc không kết nối được nền tảng chia sẻ",
            en: "Shareable data is mastered where the exchange platform cannot be reached",
        },
        Text {
            key: "message",
            vi: "`{data}` được phân loại `{classification}` nhưng nguồn gốc `{master}` không phụ thuộc (trực tiếp hay gián tiếp) vào hệ thống nào cung cấp `data-exchange`, nên không chia sẻ được",
            en: "`{data}` is classified `{classification}`, but its master `{master}` reaches no system that provides `data-exchange` through depends_on, so it cannot be shared",
        },
        Text {
            key: "master",
            vi: "`{master}` làm nguồn gốc của `{data}` tại đây",
            en: "`{master}` masters `{data}` here",
        },
    ],
    check: Some(check_share004),
};

fn check_share004(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    let platforms: Vec<SystemIx> = capability(graph, DATA_EXCHANGE)
        .map(|c| {
            graph.providers[c]
                .iter()
                .map(|&(s, _)| s)
                .filter(|&s| graph.is_live(s))
                .collect()
        })
        .unwrap_or_default();
    let mut reaches = crate::graph::per(&model.systems, false);
    for s in graph.reaching(&platforms) {
        reaches[s] = true;
    }
    for (d, data) in crate::graph::enumerate(&model.data) {
        let classification = match data.classification {
            Classification::Open => "open",
            Classification::Shared => "shared",
            _ => continue,
        };
        let stranded: Vec<(SystemIx, Loc)> = graph.masters[d]
            .iter()
            .copied()
            .filter(|&(m, _)| graph.is_live(m) && !reaches[m])
            .collect();
        let Some(&(first, _)) = stranded.first() else {
            continue;
        };
        let id = data.id.value.as_str();
        let mut reported = out.report(
            id,
            graph.element_loc(data_element(d)),
            "message",
            &[
                ("data", id),
                ("classification", classification),
                ("master", model.systems[first].id.value.as_str()),
            ],
        );
        for &(m, loc) in &stranded {
            let master = model.systems[m].id.value.as_str();
            reported = reported.related(master, loc, "master", &[("master", master), ("data", id)]);
        }
    }
}

pub const SHARE005: Rule = Rule {
    code: "SHARE005",
    name: "open-data-unpublished",
    severity: Severity::Info,
    principle: Principle::Sharing,
    explain: Explain {
        vi: include_str!("docs/share005.vi.md"),
        en: include_str!("docs/share005.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Dữ liệu mở chưa được công bố",
            en: "Open data is not published",
        },
        Text {
            key: "message",
            vi: "`{data}` là dữ liệu mở nhưng không đến được hệ thống nào cung cấp `open-data`; hãy công bố qua `{portal}`",
            en: "`{data}` is open data but flows to no system that provides `open-data`; publish it through `{portal}`",
        },
        Text {
            key: "nowhere",
            vi: "`{data}` là dữ liệu mở nhưng mô hình không có hệ thống còn hiệu lực nào cung cấp `open-data` để công bố",
            en: "`{data}` is open data, but no live system of the model provides `open-data` to publish it",
        },
        Text {
            key: "portal",
            vi: "`{portal}` cung cấp `open-data` tại đây",
            en: "`{portal}` provides `open-data` here",
        },
    ],
    check: Some(check_share005),
};

/// Open data is published when a live `open-data` provider masters, reads or copies it, or
/// when an integration between a live master of it and a live `open-data` provider (declared
/// on either side: an exchange goes both ways) lists it, or lists no data at all.
fn check_share005(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let model = ctx.model;
    let portal = provides(graph, OPEN_DATA, true);
    let mastered: HashSet<(SystemIx, DataIx)> = graph
        .masters
        .iter_enumerated()
        .flat_map(|(d, masters)| masters.iter().map(move |&(s, _)| (s, d)))
        .collect();
    let mut published = crate::graph::per(&model.data, false);
    // Systems with an integration to or from a portal that carries all their data.
    let mut carries_all = crate::graph::per(&model.systems, false);
    for (s, system) in crate::graph::enumerate(&model.systems) {
        if !graph.is_live(s) {
            continue;
        }
        for link in &graph.integrations[s] {
            let Some(t) = link.to.filter(|&t| graph.is_live(t)) else {
                continue;
            };
            let source = match (portal[s], portal[t]) {
                (_, true) => s,
                (true, false) => t,
                (false, false) => continue,
            };
            let listed = &system.integrations[link.index].data;
            if listed.is_empty() {
                carries_all[source] = true;
            }
            for r in listed {
                if let Some(d) = graph.lookup(r.value.as_str()).and_then(Element::data) {
                    published[d] |= mastered.contains(&(s, d)) || mastered.contains(&(t, d));
                }
            }
        }
    }
    let first_portal = capability(graph, OPEN_DATA).and_then(|c| {
        let live = |&&(s, _): &&(SystemIx, Loc)| graph.is_live(s);
        let designated = graph.platform[c].and_then(|p| {
            graph.providers[c]
                .iter()
                .filter(live)
                .find(|&&(s, _)| s == p)
        });
        designated
            .or_else(|| graph.providers[c].iter().find(live))
            .copied()
    });
    for (d, data) in crate::graph::enumerate(&model.data) {
        if data.classification != Classification::Open || published[d] {
            continue;
        }
        let flows = graph.masters[d]
            .iter()
            .any(|&(m, _)| graph.is_live(m) && (portal[m] || carries_all[m]))
            || graph.readers[d]
                .iter()
                .chain(&graph.copiers[d])
                .any(|&(s, _)| portal[s]);
        if flows {
            continue;
        }
        let id = data.id.value.as_str();
        let loc = graph.element_loc(data_element(d));
        match first_portal {
            Some((p, provides_loc)) => {
                let portal = model.systems[p].id.value.as_str();
                out.report(id, loc, "message", &[("data", id), ("portal", portal)])
                    .related(portal, provides_loc, "portal", &[("portal", portal)]);
            }
            None => {
                out.report(id, loc, "nowhere", &[("data", id)]);
            }
        }
    }
}
