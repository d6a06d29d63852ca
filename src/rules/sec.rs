//! SEC001 unclassified-system, SEC002 personal-data-level, SEC003 level-inversion: the
//! framework's "an toàn thông tin", with the levels of Nghị định 85/2016 (1..5). A level that
//! is absent is SEC001's finding alone: SEC002 and SEC003 judge only levels that are set.

use super::link::serves_public;
use super::{Context, Explain, Rule, Sink};
use crate::finding::{Principle, Severity};
use crate::graph::Kind;
use crate::i18n::Text;
use crate::model::{Ref, System};
use crate::source::Loc;

/// Below this level a system may not hold personal data.
pub const PERSONAL_DATA_LEVEL: u8 = 2;
/// Below this level a system serving citizens or businesses may not hold personal data.
pub const PUBLIC_PERSONAL_DATA_LEVEL: u8 = 3;

pub const SEC001: Rule = Rule {
    code: "SEC001",
    name: "unclassified-system",
    severity: Severity::Warning,
    principle: Principle::Security,
    explain: Explain {
        vi: include_str!("docs/sec001.vi.md"),
        en: include_str!("docs/sec001.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hệ thống chưa được xác định cấp độ an toàn",
            en: "A live system has no security level",
        },
        Text {
            key: "message",
            vi: "`{system}` chưa được xác định cấp độ an toàn hệ thống thông tin (`security_level`, 1 đến 5 theo Nghị định 85/2016)",
            en: "`{system}` has no information-system security level (`security_level`, 1 to 5 under Decree 85/2016)",
        },
    ],
    check: Some(check_sec001),
};

fn check_sec001(ctx: &Context<'_>, out: &mut Sink<'_>) {
    for (s, system) in crate::graph::enumerate(&ctx.model.systems) {
        if ctx.graph.is_live(s) && system.security_level.is_none() {
            let id = system.id.value.as_str();
            out.report(id, ctx.graph.system_loc(s), "message", &[("system", id)]);
        }
    }
}

pub const SEC002: Rule = Rule {
    code: "SEC002",
    name: "personal-data-level",
    severity: Severity::Error,
    principle: Principle::Security,
    explain: Explain {
        vi: include_str!("docs/sec002.vi.md"),
        en: include_str!("docs/sec002.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hệ thống xử lý dữ liệu cá nhân có cấp độ an toàn quá thấp",
            en: "A system handling personal data has too low a security level",
        },
        Text {
            key: "message",
            vi: "`{system}` xử lý dữ liệu cá nhân (`{data}`) nhưng chỉ có cấp độ an toàn {level}; cần tối thiểu cấp độ {required}",
            en: "`{system}` handles personal data (`{data}`) but has security level {level}; it needs at least level {required}",
        },
        Text {
            key: "message.public",
            vi: "`{system}` xử lý dữ liệu cá nhân (`{data}`) và phục vụ người dân hoặc doanh nghiệp nhưng chỉ có cấp độ an toàn {level}; cần tối thiểu cấp độ {required}",
            en: "`{system}` handles personal data (`{data}`) and serves citizens or businesses but has security level {level}; it needs at least level {required}",
        },
        Text {
            key: "data",
            vi: "`{id}` chứa dữ liệu cá nhân, được định nghĩa tại đây",
            en: "`{id}` holds personal data, defined here",
        },
    ],
    check: Some(check_sec002),
};

fn check_sec002(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    for (s, system) in crate::graph::enumerate(&ctx.model.systems) {
        let Some(level) = &system.security_level else {
            continue;
        };
        if !graph.is_live(s) {
            continue;
        }
        let public = serves_public(system);
        let required = if public {
            PUBLIC_PERSONAL_DATA_LEVEL
        } else {
            PERSONAL_DATA_LEVEL
        };
        if level.value >= required {
            continue;
        }
        let Some((data, data_loc)) = first_personal_data(ctx, system) else {
            continue;
        };
        let id = system.id.value.as_str();
        let (level_text, required_text) = (level.value.to_string(), required.to_string());
        let key = if public { "message.public" } else { "message" };
        out.report(
            id,
            Loc::new(system.file, level.span),
            key,
            &[
                ("system", id),
                ("data", data),
                ("level", &level_text),
                ("required", &required_text),
            ],
        )
        .related(data, data_loc, "data", &[("id", data)]);
    }
}

/// The first personal data set the system masters, reads or copies (in that order), with the
/// place where it is defined.
fn first_personal_data<'m>(ctx: &Context<'m>, system: &'m System) -> Option<(&'m str, Loc)> {
    let access = &system.data;
    let refs: [&'m [Ref]; 3] = [&access.master, &access.read, &access.copy];
    refs.into_iter().flatten().find_map(|r| {
        let element = ctx
            .graph
            .lookup(r.value.as_str())
            .filter(|e| e.kind == Kind::Data)?;
        ctx.model.data[element.index]
            .personal
            .then_some((r.value.as_str(), ctx.graph.element_loc(element)))
    })
}

pub const SEC003: Rule = Rule {
    code: "SEC003",
    name: "level-inversion",
    severity: Severity::Warning,
    principle: Principle::Security,
    explain: Explain {
        vi: include_str!("docs/sec003.vi.md"),
        en: include_str!("docs/sec003.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hệ thống phụ thuộc vào hệ thống có cấp độ an toàn thấp hơn",
            en: "A system relies on a system of a lower security level",
        },
        Text {
            key: "message.depends_on",
            vi: "`{system}` (cấp độ {level}) phụ thuộc vào `{target}` chỉ có cấp độ an toàn {target_level}; hệ thống có cấp độ thấp hơn trở thành điểm yếu của hệ thống phụ thuộc vào nó",
            en: "`{system}` (level {level}) depends on `{target}`, which has security level {target_level} only; the weaker system exposes the stronger one",
        },
        Text {
            key: "message.hosted_on",
            vi: "`{system}` (cấp độ {level}) được đặt trên hạ tầng `{target}` chỉ có cấp độ an toàn {target_level}; hạ tầng phải đạt cấp độ của hệ thống chạy trên nó",
            en: "`{system}` (level {level}) is hosted on `{target}`, which has security level {target_level} only; the host must reach the level of what it runs",
        },
        Text {
            key: "target",
            vi: "cấp độ an toàn của `{id}` được khai báo tại đây",
            en: "the security level of `{id}` is set here",
        },
    ],
    check: Some(check_sec003),
};

fn check_sec003(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let systems = &ctx.model.systems;
    for (s, system) in crate::graph::enumerate(systems) {
        let Some(level) = &system.security_level else {
            continue;
        };
        if !graph.is_live(s) {
            continue;
        }
        let edges = graph.depends_on[s]
            .iter()
            .map(|&(t, loc)| (t, loc, "message.depends_on"))
            .chain(graph.hosted_on[s].map(|(t, loc)| (t, loc, "message.hosted_on")));
        for (t, loc, key) in edges {
            let target = &systems[t];
            let Some(target_level) = &target.security_level else {
                continue;
            };
            if target_level.value >= level.value {
                continue;
            }
            let (id, target_id) = (system.id.value.as_str(), target.id.value.as_str());
            let (level_text, target_level_text) =
                (level.value.to_string(), target_level.value.to_string());
            out.report(
                id,
                loc,
                key,
                &[
                    ("system", id),
                    ("level", &level_text),
                    ("target", target_id),
                    ("target_level", &target_level_text),
                ],
            )
            .related(
                target_id,
                Loc::new(target.file, target_level.span),
                "target",
                &[("id", target_id)],
            );
        }
    }
}
