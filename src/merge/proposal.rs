//! The consolidation as an investment proposal, so that it goes through the same appraisal
//! as any other (`kientruc review PROPOSAL --model MERGED`): one `proposed` project and, for
//! each group with systems to retire, one system that carries the kept system's extension to
//! the whole province. That system `replaces` the retired ones, masters the data they alone
//! master (migrated, so that REUSE004 holds), depends on the kept system, runs on the shared
//! hosting platform, and provides nothing new (no duplication). Budgets are estimates:
//! 10% of the retired systems' capex for migration and re-pointing, at least 500 000 000 VND
//! per group.

use serde_json::Value;

use super::consolidate::Plan;
use super::emit;
use crate::graph::Graph;
use crate::model::{
    Cost, DataAccess, Funding, Id, Integration, Layer, Model, ModelFile, Project, ProjectStatus,
    Spanned, Status, System,
};

/// The least a group's migration is estimated at (VND).
const MIGRATION_FLOOR: u64 = 500_000_000;

fn r(id: &str) -> Spanned<Id> {
    Spanned::new(Default::default(), Id(id.into()))
}

/// An id not used in the model (nor by the proposal so far): `base`, else `base-2`, ….
fn free_id(graph: &Graph<'_>, taken: &mut Vec<String>, base: String) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while graph.lookup(&id).is_some() || taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

/// The proposal's YAML text; `None` when nothing is to be retired.
pub fn render(plan: &Plan, model: &Model) -> Option<String> {
    let graph = Graph::build(model, &crate::source::Sources::default());
    let hosting = graph
        .lookup("hosting")
        .and_then(|c| c.capability())
        .and_then(|c| graph.platform.get(c).copied().flatten());
    let exchange = graph
        .lookup("data-exchange")
        .and_then(|c| c.capability())
        .and_then(|c| graph.platform.get(c).copied().flatten());
    let mut taken = Vec::new();
    let project_id = free_id(&graph, &mut taken, format!("hop-nhat-{}", plan.model_id));
    let mut systems = Vec::new();
    let mut budget = 0;
    let retired_everywhere: std::collections::HashSet<&str> = plan
        .groups
        .iter()
        .flat_map(|g| g.retire.iter().map(|&k| g.members[k].id.as_str()))
        .collect();
    // Per system: the capabilities it is the designated platform of.
    let mut designated: crate::graph::IxVec<_, Vec<_>> =
        crate::graph::per(&model.systems, Vec::new());
    for (c, platform) in graph.platform.iter_enumerated() {
        if let Some(p) = platform {
            designated[*p].push(c);
        }
    }
    for group in &plan.groups {
        if group.retire.is_empty() {
            continue;
        }
        let kept = group.kept();
        let system = &model.systems[kept.index];
        let id = free_id(
            &graph,
            &mut taken,
            format!("hop-nhat-{}", kept.id.replace('.', "-")),
        );
        let retired: Vec<&str> = group
            .retire
            .iter()
            .map(|&k| group.members[k].id.as_str())
            .collect();
        let capex = group.capex_retired / 10;
        let capex = capex.max(MIGRATION_FLOOR);
        budget += capex;
        let mut depends_on = vec![r(&kept.id)];
        if let Some(p) = exchange {
            let platform = &model.systems[p];
            let below = |l: Layer| {
                l.rank()
                    .zip(Layer::Integration.rank())
                    .is_some_and(|(a, b)| a < b)
            };
            if kept.index != p.index()
                && below(system.layer)
                && !retired.contains(&platform.id.as_str())
            {
                depends_on.push(r(platform.id.as_str()));
            }
        }
        // What the retired systems relied on, the successor relies on (so that, say, a portal
        // only the retired web channel reached keeps a channel); never up the layers, never
        // on a system being retired.
        let rank = |l: Layer| l.rank().unwrap_or(u8::MAX);
        for &k in &group.retire {
            for target in &model.systems[group.members[k].index].depends_on {
                let Some(t) = graph.lookup(target.as_str()) else {
                    continue;
                };
                let t_layer = model.systems[t.index].layer;
                if t.kind == crate::graph::Kind::System
                    && !retired_everywhere.contains(target.as_str())
                    && rank(t_layer) >= rank(system.layer)
                    && !depends_on.contains(target)
                {
                    depends_on.push(target.clone());
                }
            }
        }
        // The retired systems' links to the national level that carry migrated data.
        let migrated: Vec<&str> = group.migrations.iter().map(|m| m.data.as_str()).collect();
        let via = exchange.map(|p| model.systems[p].id.clone());
        let mut integrations = Vec::new();
        for &k in &group.retire {
            for integration in &model.systems[group.members[k].index].integrations {
                if integration.to.as_str().starts_with("vn.")
                    && integration
                        .data
                        .iter()
                        .any(|d| migrated.contains(&d.as_str()))
                {
                    integrations.push(Integration {
                        via: via.clone(),
                        temporary_until: None,
                        ..integration.clone()
                    });
                }
            }
        }
        let hosted_on = match system.layer {
            Layer::Infrastructure => None,
            _ => hosting
                .map(|h| model.systems[h].id.value.0.to_string())
                .or_else(|| kept.hosted_on.clone())
                .map(|h| r(&h)),
        };
        let level = kept
            .security_level
            .or_else(|| group.members.iter().filter_map(|m| m.security_level).max())
            .unwrap_or(3);
        let master = group.migrations.iter().map(|m| r(&m.data)).collect();
        // A retired system that is a designated platform hands its capabilities to the
        // successor, unless the kept system already provides them: the platform's users keep
        // what they use (REUSE006), and nothing is rebuilt (the retired platform is gone).
        let mut provides: Vec<Spanned<Id>> = Vec::new();
        let mut takes_over: Vec<String> = Vec::new();
        for &k in &group.retire {
            for &c in &designated[crate::graph::SystemIx::new(group.members[k].index)] {
                let capability = &model.capabilities[c].id;
                let kept_provides = system.provides.iter().any(|p| p.value == capability.value);
                if !kept_provides && !provides.iter().any(|p| p.value == capability.value) {
                    provides.push(r(capability.value.as_str()));
                    takes_over.push(format!("`{}`", capability.value.as_str()));
                }
            }
        }
        systems.push(System {
            id: r(&id),
            name: format!("Hợp nhất vào {} (kế thừa {})", kept.name, retired.join(", ")),
            layer: system.layer,
            owner: system.owner.clone(),
            status: Status::Proposed,
            audience: Vec::new(),
            provides,
            requires: Vec::new(),
            depends_on,
            hosted_on,
            security_level: Some(Spanned::new(Default::default(), level)),
            data: DataAccess {
                master,
                read: Vec::new(),
                copy: Vec::new(),
            },
            integrations,
            replaces: retired.iter().map(|id| r(id)).collect(),
            project: Some(r(&project_id)),
            source: None,
            uncertain: None,
            cost: Some(Cost {
                capex: Some(capex),
                opex: None,
            }),
            description: Some(format!(
                "Mở rộng {} cho toàn tỉnh: chuyển dữ liệu ({} tập), chuyển {} kết nối sang {}, dừng {}.{}",
                kept.id,
                group.migrations.len(),
                group.repoints.len(),
                kept.id,
                retired.join(", "),
                if takes_over.is_empty() {
                    String::new()
                } else {
                    format!(
                        " Tiếp nhận vai trò nền tảng dùng chung cho {} (cập nhật `platform:` của năng lực sau khi dừng hệ thống cũ).",
                        takes_over.join(", ")
                    )
                }
            )),
            origin: None,
            file: 0,
        });
    }
    if systems.is_empty() {
        return None;
    }
    let owner = exchange
        .map(|p| model.systems[p].owner.clone())
        .or_else(|| model.info.as_ref().and_then(|i| i.authority.clone()));
    let project = Project {
        id: r(&project_id),
        name: format!(
            "Hợp nhất hệ thống thông tin sau sắp xếp đơn vị hành chính: {}",
            plan.model_name
        ),
        owner,
        status: ProjectStatus::Proposed,
        funding: Some(Funding::PublicInvestment),
        budget: Some(budget),
        delivers: systems.iter().map(|s| s.id.clone()).collect(),
        description: Some(format!(
            "Dừng {} hệ thống trùng lặp của các tỉnh cũ, tiết kiệm khoảng {} đồng chi phí vận hành mỗi năm; ngân sách là ước tính (10% vốn đầu tư của hệ thống dừng, tối thiểu 500.000.000 đồng mỗi nhóm). Lập bởi kientruc consolidate.",
            plan.retired,
            crate::i18n::money(crate::i18n::Lang::Vi, plan.opex_saved)
        )),
        origin: None,
        file: 0,
    };
    let file = ModelFile {
        projects: vec![project],
        systems,
        ..ModelFile::default()
    };
    let value = serde_json::to_value(&file).unwrap_or(Value::Null);
    let header = vec![
        format!(
            "Đề xuất hợp nhất hệ thống thông tin của `{}`, lập bởi kientruc consolidate.",
            plan.model_id
        ),
        format!(
            "Consolidation proposal for `{}`, written by kientruc consolidate.",
            plan.model_id
        ),
        format!("kientruc review <this file> --model <the merged model>"),
    ];
    Some(emit::document(&header, &value))
}
