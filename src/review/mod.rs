//! `kientruc review`: lay an investment proposal over the model and give the appraisal
//! meeting a verdict. The proposal (a model fragment with exactly one `proposed` project) is
//! appended to the model; every rule runs on the overlay and on the model alone, and only the
//! findings the proposal causes are kept (matched by code, element and message key), with
//! INV001/INV002 (`rules/inv.rs`) added. From them the verdict: ready or not, a checklist per
//! principle, the money at stake, what to reuse instead and what to connect to. Rendering lives
//! in the submodules; nothing here prints or reads files beyond the loader.
//!
//! Findings map to principles by rule family: REUSE → reuse (REUSE003 → hosting, REUSE004 →
//! inheritance), SHARE → sharing, DUP → duplication, LINK → interconnection, SEC → security,
//! KT → integrity, INV → investment.

pub mod human;
pub mod json;
pub mod markdown;

use std::collections::HashMap;
use std::path::Path;

use crate::finding::{FailOn, Finding, Principle, Severity, Summary};
use crate::graph::{Graph, Kind};
use crate::i18n::Said;
use crate::load::{self, LoadFailure, LoadIssue, Loaded};
use crate::model::{Funding, Model, ProjectStatus, Status};
use crate::report::ModelStats;
use crate::rules::inv::{self, Duplication, Overlap, Proposal};
use crate::source::Loc;
use crate::{Options, rules};

/// The output formats of `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    Human,
    Json,
    Markdown,
}

/// A reviewed proposal: the overlaid model, the findings the proposal causes, the verdict.
#[derive(Debug)]
pub struct Reviewed {
    /// The model with the proposal laid over it; findings point into its sources.
    pub loaded: Loaded,
    pub proposal: Proposal,
    /// Findings caused by the proposal, and INV001/INV002, sorted.
    pub findings: Vec<Finding>,
    pub stats: ModelStats,
    pub verdict: Verdict,
    /// The review date ("today", or `--today`).
    pub today: chrono::NaiveDate,
}

/// An element named in the verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Verdict {
    pub ready: bool,
    pub fail_on: FailOn,
    pub project: ProjectInfo,
    /// One row per principle, in [`Principle::ALL`] order.
    pub checklist: Vec<PrincipleCheck>,
    pub at_stake: AtStake,
    pub reuse: Vec<Reuse>,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone)]
pub struct ProjectInfo {
    pub id: String,
    pub name: String,
    pub owner: Option<Named>,
    pub funding: Option<Funding>,
    pub budget: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct PrincipleCheck {
    pub principle: Principle,
    pub passed: bool,
    /// Indexes into [`Reviewed::findings`].
    pub findings: Vec<usize>,
}

/// Cost of the proposal systems that duplicate or rebuild something that exists (each once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AtStake {
    /// Sums of `u64` amounts: `u128` holds any sum of them exactly.
    pub capex: u128,
    pub opex: u128,
    pub systems: Vec<String>,
}

/// A duplicated or rebuilt capability (or data set), and the existing system to reuse.
#[derive(Debug, Clone)]
pub struct Reuse {
    pub system: Named,
    pub overlap: OverlapKind,
    /// The capability or data set.
    pub subject: Named,
    pub existing: Named,
    pub owner: Option<Named>,
    pub status: Status,
    pub national: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlapKind {
    Capability,
    Platform,
    Data,
}

impl OverlapKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OverlapKind::Capability => "capability",
            OverlapKind::Platform => "platform",
            OverlapKind::Data => "data",
        }
    }
}

/// A connection the proposal must make: to `target`, because it provides `capability`.
#[derive(Debug, Clone)]
pub struct Link {
    pub system: Named,
    pub capability: Named,
    pub target: Named,
    /// The data-exchange platform to go through; `None` when the link may be direct (same
    /// owner, or the target is that platform) or when no platform is designated.
    pub via: Option<Named>,
    /// Whether `via` is needed but the model designates no data-exchange platform.
    pub no_platform: bool,
    /// Whether the proposal already declares this integration, through the right platform.
    pub declared: bool,
}

/// The principle a finding counts under in the checklist (see the module comment).
pub fn principle_of(finding: &Finding) -> Principle {
    let code = finding.code;
    match code {
        "REUSE003" => Principle::Hosting,
        "REUSE004" => Principle::Inheritance,
        _ if code.starts_with("REUSE") => Principle::Reuse,
        _ if code.starts_with("SHARE") => Principle::Sharing,
        _ if code.starts_with("DUP") => Principle::Duplication,
        _ if code.starts_with("LINK") => Principle::Interconnection,
        _ if code.starts_with("SEC") => Principle::Security,
        _ if code.starts_with("KT") => Principle::Integrity,
        _ if code.starts_with("INV") => Principle::Investment,
        _ => finding.principle,
    }
}

/// The severity `--fail-on` stops at, if any.
pub fn threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

fn blocks(finding: &Finding, fail_on: FailOn) -> bool {
    finding.waived.is_none() && threshold(fail_on).is_some_and(|t| finding.severity >= t)
}

fn is_integrity_error(finding: &Finding) -> bool {
    matches!(finding.code, "KT001" | "KT002" | "KT003")
}

/// Loads the model and the proposal, overlays them and judges the proposal.
pub fn review(
    proposal_path: &Path,
    model_path: &Path,
    options: Options,
    fail_on: FailOn,
) -> Result<Reviewed, LoadFailure> {
    let mut loaded = load::load_model(model_path)?;
    let fragment = match load::load_fragment(proposal_path, &mut loaded.sources) {
        Ok(fragment) => fragment,
        Err(issues) => {
            return Err(LoadFailure {
                sources: loaded.sources,
                issues,
            });
        }
    };
    let project_in_fragment = match the_project(&fragment, proposal_path, &loaded) {
        Ok(index) => index,
        Err(issues) => {
            return Err(LoadFailure {
                sources: loaded.sources,
                issues,
            });
        }
    };
    let alone = match crate::judge(&loaded, options) {
        Ok((findings, _)) => findings,
        Err(issues) => {
            return Err(LoadFailure {
                sources: loaded.sources,
                issues,
            });
        }
    };
    if let Some(first) = alone.iter().find(|f| is_integrity_error(f)) {
        let count = alone.iter().filter(|f| is_integrity_error(f)).count();
        let mut issue = LoadIssue::in_file(
            &loaded.sources,
            first.loc.file,
            first.loc.span,
            Said::new(
                format!(
                    "mô hình chưa toàn vẹn ({count} lỗi {}…): không thể thẩm định đề xuất trên một mô hình hỏng",
                    first.code
                ),
                format!(
                    "the model is not sound ({count} {}… errors): a proposal cannot be judged against a broken model",
                    first.code
                ),
            ),
        );
        issue.help = Some(Said::new(
            "chạy `kientruc check` trên mô hình và sửa các lỗi KT001–KT003 trước",
            "run `kientruc check` on the model and fix its KT001–KT003 errors first",
        ));
        return Err(LoadFailure {
            sources: loaded.sources,
            issues: vec![issue],
        });
    }

    let proposal = Proposal {
        project: loaded.model.projects.len() + project_in_fragment,
        systems: loaded.model.systems.len()..loaded.model.systems.len() + fragment.systems.len(),
    };
    let overlaid = Loaded {
        model: overlay(&loaded.model, fragment),
        sources: loaded.sources,
        root: loaded.root,
    };
    let (with, stats) = match crate::judge(&overlaid, options) {
        Ok(judged) => judged,
        Err(issues) => {
            return Err(LoadFailure {
                sources: overlaid.sources,
                issues,
            });
        }
    };
    let levels = match rules::configure(&overlaid.model, &overlaid.sources) {
        Ok(levels) => levels,
        Err(issues) => {
            return Err(LoadFailure {
                sources: overlaid.sources,
                issues,
            });
        }
    };
    let mut findings = caused(&alone, with);
    let graph = Graph::build(&overlaid.model);
    let broken = findings.iter().any(is_integrity_error);
    if let Some(severity) = levels.of(&inv::INV001) {
        inv::incomplete(&graph, &proposal, severity, options.lang, &mut findings);
    }
    // A broken graph gives noise: like the other rules, INV002 waits for a sound overlay.
    let duplications = if broken {
        Vec::new()
    } else {
        inv::duplications(&graph, &proposal)
    };
    if let Some(severity) = levels.of(&inv::INV002) {
        inv::duplicates(&graph, &duplications, severity, options.lang, &mut findings);
    }
    crate::finding::sort(&mut findings, &overlaid.sources);
    let verdict = Verdict {
        ready: !fail_on.fails(&findings),
        fail_on,
        project: project_info(&graph, &proposal),
        checklist: checklist(&findings, fail_on),
        at_stake: at_stake(&graph, &duplications),
        reuse: reuse(&graph, &duplications),
        links: if broken {
            Vec::new()
        } else {
            links(&graph, &proposal)
        },
    };
    Ok(Reviewed {
        loaded: overlaid,
        proposal,
        findings,
        stats,
        verdict,
        today: options.today,
    })
}

/// The one `proposed` project of the proposal, or the issues that say why there is none.
fn the_project(fragment: &Model, path: &Path, loaded: &Loaded) -> Result<usize, Vec<LoadIssue>> {
    let sources = &loaded.sources;
    let mut issues = Vec::new();
    for setting in &fragment.rules {
        issues.push(
            LoadIssue::in_file(
                sources,
                setting.file,
                setting.code.span,
                Said::new(
                    "một đề xuất không được đặt mức quy tắc (`rules:`)",
                    "a proposal cannot set rule levels (`rules:`)",
                ),
            )
            .help(Some(Said::new(
                "mức quy tắc và miễn trừ thuộc mô hình đã được phê duyệt; hãy xoá mục này khỏi đề xuất",
                "rule levels and waivers belong to the approved model; remove this section from the proposal",
            ))),
        );
    }
    for waiver in &fragment.waivers {
        issues.push(
            LoadIssue::in_file(
                sources,
                waiver.file,
                waiver.rule.span,
                Said::new(
                    "một đề xuất không được tự miễn trừ (`waivers:`)",
                    "a proposal cannot waive findings (`waivers:`)",
                ),
            )
            .help(Some(Said::new(
                "mức quy tắc và miễn trừ thuộc mô hình đã được phê duyệt; hãy xoá mục này khỏi đề xuất",
                "rule levels and waivers belong to the approved model; remove this section from the proposal",
            ))),
        );
    }
    let national = loaded
        .model
        .info
        .as_ref()
        .is_none_or(|i| i.reference == crate::model::Reference::National);
    if national {
        let help = Said::new(
            "một đề xuất của tỉnh đặt mã riêng, không có `vn.`",
            "a province's proposal defines its own ids, without `vn.`",
        );
        crate::load::reserve_national_prefix(fragment, sources, &help, &mut issues);
    }
    match fragment.projects.as_slice() {
        [] => issues.push(
            LoadIssue::at_path(
                path.display().to_string(),
                Said::new(
                    "đề xuất không có dự án nào (`projects:`)",
                    "the proposal holds no project (`projects:`)",
                ),
            )
            .help(Some(Said::new(
                "một đề xuất có đúng một dự án với `status: proposed`, cùng các hệ thống, dữ liệu nó bổ sung",
                "a proposal holds exactly one project with `status: proposed`, and the systems and data it adds",
            ))),
        ),
        [project] if project.status != ProjectStatus::Proposed => issues.push(
            LoadIssue::in_file(
                sources,
                project.file,
                project.id.span,
                Said::new(
                    format!(
                        "dự án `{}` không ở trạng thái `proposed`: chỉ dự án đang đề xuất mới được thẩm định",
                        project.id.value
                    ),
                    format!(
                        "the project `{}` is not `proposed`: only a proposed project is reviewed",
                        project.id.value
                    ),
                ),
            )
            .help(Some(Said::new(
                "đặt `status: proposed`; dự án đã phê duyệt thuộc về mô hình",
                "set `status: proposed`; an approved project belongs in the model",
            ))),
        ),
        [_] => {}
        [first, rest @ ..] => {
            for other in rest {
                let mut issue = LoadIssue::in_file(
                    sources,
                    other.file,
                    other.id.span,
                    Said::new(
                        format!("dự án thứ hai `{}` trong đề xuất", other.id.value),
                        format!("a second project `{}` in the proposal", other.id.value),
                    ),
                )
                .help(Some(Said::new(
                    "mỗi đề xuất có đúng một dự án; hãy tách thành nhiều đề xuất",
                    "a proposal holds exactly one project; split it into several proposals",
                )));
                issue.related.push((
                    Loc::new(first.file, first.id.span),
                    Said::new("dự án đầu tiên ở đây", "the first project is here"),
                ));
                issues.push(issue);
            }
        }
    }
    if issues.is_empty() {
        Ok(0)
    } else {
        Err(issues)
    }
}

/// The model with the proposal's elements appended to its lists.
fn overlay(model: &Model, fragment: Model) -> Model {
    let mut overlay = model.clone();
    overlay.agencies.extend(fragment.agencies);
    overlay.capabilities.extend(fragment.capabilities);
    overlay.data.extend(fragment.data);
    overlay.systems.extend(fragment.systems);
    overlay.projects.extend(fragment.projects);
    overlay
}

/// The findings of the overlay that the model alone does not have (as a multiset, by code,
/// element and message key).
fn caused(alone: &[Finding], with: Vec<Finding>) -> Vec<Finding> {
    let identity = |f: &Finding| (f.code, f.element.clone(), f.key.clone());
    let mut before: HashMap<(&str, String, String), usize> = HashMap::new();
    for f in alone {
        *before.entry(identity(f)).or_default() += 1;
    }
    with.into_iter()
        .filter(|f| match before.get_mut(&identity(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

fn named(graph: &Graph<'_>, kind: Kind, index: usize) -> Named {
    let element = crate::graph::Element { kind, index };
    Named {
        id: graph.element_id(element).to_string(),
        name: graph.element_name(element).to_string(),
    }
}

/// The agency an id names, with its name (or the id alone if it names none).
fn agency(graph: &Graph<'_>, id: &str) -> Named {
    match graph.lookup(id) {
        Some(e) if e.kind == Kind::Agency => named(graph, Kind::Agency, e.index),
        _ => Named {
            id: id.to_string(),
            name: id.to_string(),
        },
    }
}

fn project_info(graph: &Graph<'_>, proposal: &Proposal) -> ProjectInfo {
    let project = &graph.model.projects[proposal.project];
    ProjectInfo {
        id: project.id.value.to_string(),
        name: project.name.clone(),
        owner: project
            .owner
            .as_ref()
            .map(|o| agency(graph, o.value.as_str())),
        funding: project.funding,
        budget: project.budget,
    }
}

fn checklist(findings: &[Finding], fail_on: FailOn) -> Vec<PrincipleCheck> {
    Principle::ALL
        .iter()
        .map(|&principle| {
            let mine: Vec<usize> = findings
                .iter()
                .enumerate()
                .filter(|(_, f)| principle_of(f) == principle)
                .map(|(i, _)| i)
                .collect();
            PrincipleCheck {
                principle,
                passed: !mine.iter().any(|&i| blocks(&findings[i], fail_on)),
                findings: mine,
            }
        })
        .collect()
}

fn at_stake(graph: &Graph<'_>, duplications: &[Duplication]) -> AtStake {
    let mut stake = AtStake::default();
    for group in duplications.chunk_by(|a, b| a.system == b.system) {
        let system = &graph.model.systems[group[0].system];
        let cost = system.cost.unwrap_or_default();
        stake.capex += u128::from(cost.capex.unwrap_or(0));
        stake.opex += u128::from(cost.opex.unwrap_or(0));
        stake.systems.push(system.id.value.to_string());
    }
    stake
}

fn reuse(graph: &Graph<'_>, duplications: &[Duplication]) -> Vec<Reuse> {
    duplications
        .iter()
        .map(|d| {
            let (overlap, subject) = match d.overlap {
                Overlap::Capability(c) => {
                    (OverlapKind::Capability, named(graph, Kind::Capability, c))
                }
                Overlap::Platform(c) => (OverlapKind::Platform, named(graph, Kind::Capability, c)),
                Overlap::Master(x) => (OverlapKind::Data, named(graph, Kind::Data, x)),
            };
            let existing = &graph.model.systems[d.existing];
            Reuse {
                system: named(graph, Kind::System, d.system),
                overlap,
                subject,
                existing: named(graph, Kind::System, d.existing),
                owner: Some(agency(graph, existing.owner.value.as_str())),
                status: existing.status,
                national: graph.national_system[d.existing],
            }
        })
        .collect()
}

/// The id of the capability whose platform carries data between owners.
const DATA_EXCHANGE: &str = "data-exchange";

fn links(graph: &Graph<'_>, proposal: &Proposal) -> Vec<Link> {
    let model = graph.model;
    let exchange = graph
        .lookup(DATA_EXCHANGE)
        .filter(|e| e.kind == Kind::Capability)
        .and_then(|e| graph.platform[e.index]);
    let mut out = Vec::new();
    for s in proposal.systems.clone() {
        if !graph.is_live(s) {
            continue;
        }
        let system = &model.systems[s];
        for r in &system.provides {
            let Some(c) = graph
                .lookup(r.value.as_str())
                .filter(|e| e.kind == Kind::Capability)
            else {
                continue;
            };
            for target in &model.capabilities[c.index].must_integrate {
                let Some(t) = graph
                    .lookup(target.value.as_str())
                    .filter(|e| e.kind == Kind::System)
                    .map(|e| e.index)
                else {
                    continue;
                };
                if t == s {
                    continue;
                }
                let same_owner = system.owner.value == model.systems[t].owner.value;
                let needs_via = !same_owner && Some(t) != exchange && Some(s) != exchange;
                let via = if needs_via { exchange } else { None };
                let declared = graph.integrations[s]
                    .iter()
                    .any(|i| i.to == Some(t) && (!needs_via || i.via == via));
                out.push(Link {
                    system: named(graph, Kind::System, s),
                    capability: named(graph, Kind::Capability, c.index),
                    target: named(graph, Kind::System, t),
                    via: via.map(|v| named(graph, Kind::System, v)),
                    no_platform: needs_via && exchange.is_none(),
                    declared,
                });
            }
        }
    }
    out
}

/// The text of a funding kind, in `lang`.
pub fn funding_text(lang: crate::i18n::Lang, funding: Funding) -> String {
    let key = match funding {
        Funding::PublicInvestment => "funding.public-investment",
        Funding::ServiceLease => "funding.service-lease",
        Funding::Other => "funding.other",
    };
    crate::i18n::tr(lang, key, &[])
}

/// The text of a system status, in `lang`.
pub fn status_text(lang: crate::i18n::Lang, status: Status) -> String {
    crate::i18n::tr(lang, &format!("status.{}", status.as_str()), &[])
}

/// The sentence that says what `--fail-on` makes blocking, in `lang`.
pub fn threshold_text(lang: crate::i18n::Lang, fail_on: FailOn) -> String {
    match threshold(fail_on) {
        Some(severity) => {
            let name = crate::i18n::tr(lang, &format!("severity.{}", severity.as_str()), &[]);
            crate::i18n::tr(lang, "review.threshold", &[("threshold", &name)])
        }
        None => crate::i18n::tr(lang, "review.threshold.never", &[]),
    }
}

/// The principle's name with a capital first letter, for headings and table rows.
pub fn principle_text(lang: crate::i18n::Lang, principle: Principle) -> String {
    let text = crate::i18n::tr(lang, &format!("principle.{}", principle.as_str()), &[]);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

impl Reviewed {
    /// Counts of the findings the proposal causes.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }

    /// The exit code: 1 when the proposal is not ready.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.verdict.ready)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn finding(code: &'static str, element: &str, key: &str) -> Finding {
        Finding {
            code,
            name: "",
            severity: Severity::Error,
            principle: Principle::Integrity,
            element: element.to_string(),
            message: String::new(),
            key: key.to_string(),
            loc: Loc::new(0, Span::new(0, 0)),
            related: Vec::new(),
            waived: None,
            capex: None,
            opex: None,
        }
    }

    #[test]
    fn caused_keeps_what_the_model_alone_lacks_counting_repeats() {
        let alone = vec![
            finding("KT002", "x", "message|x"),
            finding("KT008", "qlvb", "unused|KT003"),
        ];
        let with = vec![
            finding("KT002", "x", "message|x"),
            finding("KT002", "x", "message|x"),
            finding("KT008", "qlvb", "unused|KT003"),
            finding("KT008", "qlvb", "expired|KT003"),
            finding("KT001", "y", "message|y"),
        ];
        let kept: Vec<(&str, String, String)> = caused(&alone, with)
            .into_iter()
            .map(|f| (f.code, f.element, f.key))
            .collect();
        assert_eq!(
            kept,
            vec![
                ("KT002", "x".to_string(), "message|x".to_string()),
                ("KT008", "qlvb".to_string(), "expired|KT003".to_string()),
                ("KT001", "y".to_string(), "message|y".to_string()),
            ]
        );
    }

    #[test]
    fn rule_families_map_to_principles() {
        let cases = [
            ("REUSE001", Principle::Reuse),
            ("REUSE003", Principle::Hosting),
            ("REUSE004", Principle::Inheritance),
            ("SHARE002", Principle::Sharing),
            ("DUP001", Principle::Duplication),
            ("LINK001", Principle::Interconnection),
            ("SEC002", Principle::Security),
            ("KT002", Principle::Integrity),
            ("INV002", Principle::Investment),
        ];
        for (code, principle) in cases {
            assert_eq!(principle_of(&finding(code, "x", "k")), principle, "{code}");
        }
    }
}
