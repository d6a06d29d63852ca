//! LINK001 missing-mandatory-link, LINK002 single-channel: the framework's "kết nối liên
//! thông". Which national systems a capability must be connected to is data
//! (`must_integrate`), not code; the channel count is computed in one linear pass over the
//! `depends_on` edges (see [`channels_reaching`]), never with a search per system.

use super::{Context, Explain, Rule, Sink};
use crate::finding::{Principle, Severity};
use crate::graph::{CapabilityIx, Element, Graph, IxVec, SystemIx};
use crate::i18n::Text;
use crate::model::{Audience, Layer, System};

pub const LINK001: Rule = Rule {
    code: "LINK001",
    name: "missing-mandatory-link",
    severity: Severity::Error,
    principle: Principle::Interconnection,
    explain: Explain {
        vi: include_str!("docs/link001.vi.md"),
        en: include_str!("docs/link001.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Thiếu kết nối bắt buộc với hệ thống quốc gia",
            en: "A mandatory integration is missing",
        },
        Text {
            key: "message",
            vi: "`{system}` cung cấp năng lực `{capability}` vốn bắt buộc phải kết nối với `{target}`, nhưng không có tích hợp nào tới `{target}`",
            en: "`{system}` provides `{capability}`, which must be connected to `{target}`, but has no integration with `{target}`",
        },
        Text {
            key: "due",
            vi: "`{system}` cung cấp năng lực `{capability}` vốn phải kết nối với `{target}` chậm nhất ngày {deadline} ({source}); chưa có tích hợp nào tới `{target}`",
            en: "`{system}` provides `{capability}`, which must be connected to `{target}` by {deadline} ({source}); there is no integration with `{target}` yet",
        },
        Text {
            key: "target",
            vi: "`{id}` được định nghĩa tại đây",
            en: "`{id}` is defined here",
        },
    ],
    check: Some(check_link001),
};

fn check_link001(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    for (s, system) in crate::graph::enumerate(&ctx.model.systems) {
        if !graph.is_live(s) || system.provides.is_empty() {
            continue;
        }
        let mut connected: Vec<SystemIx> =
            graph.integrations[s].iter().filter_map(|i| i.to).collect();
        connected.sort_unstable();
        // One finding per missing target, on the first capability that asks for it.
        let mut reported: Vec<SystemIx> = Vec::new();
        for (capability, loc) in provided(graph, s) {
            let capability = &ctx.model.capabilities[capability];
            for target in &capability.must_integrate {
                let Some(t) = graph
                    .lookup(target.value.as_str())
                    .and_then(Element::system)
                else {
                    continue;
                };
                if t == s || connected.binary_search(&t).is_ok() || reported.contains(&t) {
                    continue;
                }
                reported.push(t);
                let target_id = target.value.as_str();
                let args = [
                    ("system", system.id.value.as_str()),
                    ("capability", capability.id.value.as_str()),
                    ("target", target_id),
                ];
                // A link the catalogue gives a deadline is info until that day (inclusive).
                let due = capability
                    .deadline
                    .as_ref()
                    .filter(|d| ctx.today <= d.value)
                    .map(|d| d.value.format("%Y-%m-%d").to_string());
                let reported = match &due {
                    Some(deadline) => {
                        let source = capability.source.as_deref().unwrap_or("—");
                        let mut with = args.to_vec();
                        with.extend([("deadline", deadline.as_str()), ("source", source)]);
                        out.report_as(Severity::Info, system.id.value.as_str(), loc, "due", &with)
                    }
                    None => out.report(system.id.value.as_str(), loc, "message", &args),
                };
                reported.related(
                    target_id,
                    graph.system_loc(t),
                    "target",
                    &[("id", target_id)],
                );
            }
        }
    }
}

/// The capabilities a system provides (resolved), each with the place of its reference.
fn provided<'g>(
    graph: &'g Graph<'_>,
    system: SystemIx,
) -> impl Iterator<Item = (CapabilityIx, crate::source::Loc)> + 'g {
    let s = &graph.model.systems[system];
    s.provides.iter().filter_map(move |r| {
        graph
            .lookup(r.value.as_str())
            .and_then(Element::capability)
            .map(|c| (c, crate::source::Loc::new(s.file, r.span)))
    })
}

pub const LINK002: Rule = Rule {
    code: "LINK002",
    name: "single-channel",
    severity: Severity::Warning,
    principle: Principle::Interconnection,
    explain: Explain {
        vi: include_str!("docs/link002.vi.md"),
        en: include_str!("docs/link002.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Dịch vụ cho người dân, doanh nghiệp có ít hơn hai kênh tiếp cận",
            en: "A service for citizens or businesses has fewer than two access channels",
        },
        Text {
            key: "message.one",
            vi: "`{system}` phục vụ người dân hoặc doanh nghiệp nhưng chỉ có một kênh giao tiếp dẫn tới nó (`{channel}`); mỗi dịch vụ công trực tuyến cần ít nhất hai kênh tiếp cận — hãy để một kênh khác (ứng dụng di động, bộ phận một cửa, tổng đài) khai báo `depends_on: [{system}]`",
            en: "`{system}` serves citizens or businesses but only one channel reaches it (`{channel}`); every online public service needs at least two access channels — let another channel (the mobile app, the one-stop counter, the call centre) declare `depends_on: [{system}]`",
        },
        Text {
            key: "channel",
            vi: "kênh duy nhất, `{id}`, được định nghĩa tại đây",
            en: "the only channel, `{id}`, is defined here",
        },
    ],
    check: Some(check_link002),
};

/// Whether a system's audience includes citizens or businesses.
pub(super) fn serves_public(system: &System) -> bool {
    system
        .audience
        .iter()
        .any(|a| matches!(a, Audience::Citizens | Audience::Businesses))
}

fn check_link002(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let reaching = channels_reaching(graph);
    for (s, system) in crate::graph::enumerate(&ctx.model.systems) {
        // An online public service: a live portal or application for citizens or businesses
        // that is offered through at least one channel. Security services (single sign-on),
        // data, integration and infrastructure systems are not services a citizen reaches
        // through a channel, and a system no channel reaches is not offered online at all.
        let service_layer = matches!(system.layer, Layer::Portal | Layer::Application);
        if !graph.is_live(s) || !serves_public(system) || !service_layer {
            continue;
        }
        let id = system.id.value.as_str();
        match reaching[s] {
            [None, _] => {}
            [Some(channel), None] => {
                let channel_id = ctx.model.systems[channel].id.value.as_str();
                out.report(
                    id,
                    graph.system_loc(s),
                    "message.one",
                    &[("system", id), ("channel", channel_id)],
                )
                .related(
                    channel_id,
                    graph.system_loc(channel),
                    "channel",
                    &[("id", channel_id)],
                );
            }
            [Some(_), Some(_)] => {}
        }
    }
}

/// For every system, up to two live channel-layer systems from which it is reachable through
/// `depends_on` (a channel reaches itself).
///
/// Each live channel sends its own label forward along `depends_on`; a system keeps and
/// forwards only the first two distinct labels it receives. A system therefore enters the
/// queue at most twice and each edge is followed at most twice: linear in the graph, cycles
/// included. It is exact for "fewer than two": a system downstream of one that is full
/// receives that one's two labels, and otherwise receives every label that reaches it.
pub fn channels_reaching(graph: &Graph<'_>) -> IxVec<SystemIx, [Option<SystemIx>; 2]> {
    let systems = &graph.model.systems;
    let mut labels: IxVec<SystemIx, [Option<SystemIx>; 2]> =
        crate::graph::per(systems, [None, None]);
    let mut queue: Vec<(SystemIx, SystemIx)> = Vec::new();
    for (s, system) in crate::graph::enumerate(systems) {
        if system.layer == Layer::Channel && graph.is_live(s) && receive(&mut labels[s], s) {
            queue.push((s, s));
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let (system, channel) = queue[head];
        head += 1;
        for &(target, _) in &graph.depends_on[system] {
            if receive(&mut labels[target], channel) {
                queue.push((target, channel));
            }
        }
    }
    labels
}

/// Adds `channel` to a system's labels; whether it was new (and must be forwarded).
fn receive(labels: &mut [Option<SystemIx>; 2], channel: SystemIx) -> bool {
    match *labels {
        [None, _] => labels[0] = Some(channel),
        [Some(first), None] if first != channel => labels[1] = Some(channel),
        _ => return false,
    }
    true
}
