//! `kientruc review`: the verdict on an investment proposal. It reads two judgements — the
//! model alone and the model with the proposal laid over it ([`crate::overlay`]), both from
//! [`crate::judge`] — and keeps the findings the proposal causes (in the overlay, not in the
//! model alone, compared by [`Finding::identity`]) and those it resolves (in the model alone,
//! gone from the overlay). From them the verdict: ready or not, a checklist per principle (a
//! principle whose rules did not run is "not judged", never passed, and the proposal is then
//! not ready), the money at stake, what to reuse instead and what to connect to. Rendering lives
//! in the submodules; nothing here loads, judges or prints.

pub mod date;
pub mod docx;
pub mod human;
pub mod json;
pub mod markdown;

use std::collections::HashMap;

use crate::Judged;
use crate::finding::{FailOn, Finding, Principle, Severity, Summary};
use crate::graph::{Element, Graph, Kind, SystemIx};
use crate::i18n::Said;
use crate::load::{LoadFailure, LoadIssue};
use crate::model::{Funding, Status};
use crate::rules::inv::{self, Duplication, Overlap, Proposal};
use crate::rules::{Coverage, Judgement};

/// The output formats of `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    Human,
    Json,
    Markdown,
    /// The findings the proposal causes, as for `check`, so that a pipeline can gate it.
    Sarif,
    Github,
    Junit,
    Gitlab,
    Checkstyle,
    /// The appraisal opinion as a Word document (binary: `-o FILE`, or a pipe).
    Docx,
}

impl ReviewFormat {
    /// The `check` format that writes the review's findings (and its load errors).
    pub fn as_report(self) -> crate::report::Format {
        use crate::report::Format;
        match self {
            ReviewFormat::Human => Format::Human,
            ReviewFormat::Json => Format::Json,
            ReviewFormat::Markdown => Format::Markdown,
            ReviewFormat::Sarif => Format::Sarif,
            ReviewFormat::Github => Format::Github,
            ReviewFormat::Junit => Format::Junit,
            ReviewFormat::Gitlab => Format::Gitlab,
            ReviewFormat::Checkstyle => Format::Checkstyle,
            // A model that cannot be read is said on the terminal, as for a person.
            ReviewFormat::Docx => Format::Human,
        }
    }
}

/// A reviewed proposal: the judged overlay, the findings the proposal causes and resolves,
/// the verdict.
#[derive(Debug)]
pub struct Reviewed<'m> {
    /// The model with the proposal laid over it, judged; findings point into its sources.
    pub judged: Judged<'m>,
    pub proposal: Proposal,
    /// Findings caused by the proposal (INV001/INV002 among them), sorted.
    pub findings: Vec<Finding>,
    /// Findings of the model alone that the proposal removes (a positive), sorted.
    pub resolved: Vec<Finding>,
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
    /// What the proposal's systems reuse: platforms and national systems they depend on,
    /// where they are hosted, the data they read.
    pub uses: Vec<Use>,
}

/// Something of the model a proposal system reuses.
#[derive(Debug, Clone)]
pub struct Use {
    pub system: Named,
    pub kind: UseKind,
    pub target: Named,
    pub national: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum UseKind {
    /// A designated platform or a national system it depends on.
    Platform,
    /// Where it is hosted.
    Hosting,
    /// A data set it reads from its master.
    Data,
}

impl UseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UseKind::Platform => "platform",
            UseKind::Hosting => "hosting",
            UseKind::Data => "data",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ProjectInfo {
    pub id: String,
    pub name: String,
    pub owner: Option<Named>,
    pub funding: Option<Funding>,
    pub budget: Option<u64>,
    pub description: Option<String>,
    /// The systems the proposal delivers, with their cost, in the proposal's order.
    pub systems: Vec<SystemCost>,
}

/// A system the proposal delivers and what it costs (VND).
#[derive(Debug, Clone)]
pub struct SystemCost {
    pub system: Named,
    pub capex: Option<u64>,
    pub opex: Option<u64>,
}

impl ProjectInfo {
    /// The sums of the systems' capex and opex (`u128` holds any sum of `u64` exactly).
    pub fn totals(&self) -> (u128, u128) {
        self.systems.iter().fold((0, 0), |(c, o), s| {
            (
                c + u128::from(s.capex.unwrap_or(0)),
                o + u128::from(s.opex.unwrap_or(0)),
            )
        })
    }
}

/// The appraisal's conclusion, in the words of an appraisal opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conclusion {
    /// Ready, and nothing left to do: "phù hợp".
    Suitable,
    /// Ready, with findings below `--fail-on` or connections still to declare: "phù hợp có
    /// điều kiện"; the conditions say what.
    Conditional,
    /// Not ready: "chưa phù hợp".
    Unsuitable,
}

impl Conclusion {
    pub fn as_str(self) -> &'static str {
        match self {
            Conclusion::Suitable => "suitable",
            Conclusion::Conditional => "conditional",
            Conclusion::Unsuitable => "unsuitable",
        }
    }
}

/// Something the investor must do (before approval when the conclusion is "chưa phù hợp").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// Resolve a finding (index into [`Reviewed::findings`]).
    Finding(usize),
    /// Declare a mandatory connection (index into [`Verdict::links`]).
    Link(usize),
    /// A principle whose rules did not run must be judged.
    NotJudged(Principle),
}

/// The state of one principle in the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckState {
    /// Judged, and nothing at or above `--fail-on`.
    Pass,
    /// Judged, with findings at or above `--fail-on`.
    Fail,
    /// Its rules did not run (why: [`PrincipleCheck::judgement`]); never a pass.
    NotJudged,
}

impl CheckState {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckState::Pass => "pass",
            CheckState::Fail => "fail",
            CheckState::NotJudged => "not-judged",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PrincipleCheck {
    pub principle: Principle,
    pub state: CheckState,
    /// What the engine says of the principle.
    pub judgement: Judgement,
    /// Indexes into [`Reviewed::findings`].
    pub findings: Vec<usize>,
}

impl PrincipleCheck {
    pub fn passed(&self) -> bool {
        self.state == CheckState::Pass
    }
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

/// Reviews a proposal: `alone` is the model judged alone, `with` the overlay judged (see
/// [`crate::judge_overlay`]). A model that is not sound alone cannot be the basis of a review:
/// that is an error (exit 2), located on the model's first integrity finding.
pub fn review<'m>(
    alone: &Judged<'_>,
    with: Judged<'m>,
    today: chrono::NaiveDate,
    fail_on: FailOn,
) -> Result<Reviewed<'m>, LoadFailure> {
    let integrity = |f: &&Finding| crate::rules::is_integrity(f.rule);
    if let Some(first) = alone.findings.iter().find(integrity) {
        let count = alone.findings.iter().filter(integrity).count();
        let sources = &alone.loaded.sources;
        let mut issue = LoadIssue::in_file(
            sources,
            first.loc.file,
            first.loc.span,
            Said::new(
                format!(
                    "mô hình chưa toàn vẹn ({count} lỗi {}…): không thể thẩm định đề xuất trên một mô hình hỏng",
                    first.code()
                ),
                format!(
                    "the model is not sound ({count} {}… errors): a proposal cannot be judged against a broken model",
                    first.code()
                ),
            ),
        );
        issue.help = Some(Said::new(
            "chạy `kientruc check` trên mô hình và sửa các lỗi KT001–KT003 trước",
            "run `kientruc check` on the model and fix its KT001–KT003 errors first",
        ));
        return Err(LoadFailure {
            sources: sources.clone(),
            issues: vec![issue],
        });
    }
    let proposal = with
        .proposal
        .clone()
        .expect("review reads the judgement of an overlay, which has a proposal");
    let (findings, resolved) = difference(&alone.findings, &with.findings);
    let judged_duplication = with.coverage.of(Principle::Investment) == Judgement::Judged;
    let graph = &with.graph;
    let duplications = if judged_duplication {
        inv::duplications(graph, &proposal)
    } else {
        Vec::new()
    };
    let checklist = checklist(&findings, &with.coverage, fail_on);
    let ready = !fail_on.fails(&findings) && with.coverage.is_complete();
    let verdict = Verdict {
        ready,
        fail_on,
        project: project_info(graph, &proposal),
        checklist,
        at_stake: at_stake(graph, &duplications),
        reuse: reuse(graph, &duplications),
        links: if with.coverage.is_complete() {
            links(graph, &proposal)
        } else {
            Vec::new()
        },
        uses: uses(graph, &proposal),
    };
    Ok(Reviewed {
        judged: with,
        proposal,
        findings,
        resolved,
        verdict,
        today,
    })
}

/// Findings of `with` that `alone` lacks (caused), and findings of `alone` that `with` lacks
/// (resolved), as multisets of [`Finding::identity`].
fn difference(alone: &[Finding], with: &[Finding]) -> (Vec<Finding>, Vec<Finding>) {
    fn minus(a: &[Finding], b: &[Finding]) -> Vec<Finding> {
        let mut counts: HashMap<(&str, &str, String), usize> = HashMap::new();
        for f in b {
            *counts.entry(f.identity()).or_default() += 1;
        }
        a.iter()
            .filter(|f| match counts.get_mut(&f.identity()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .cloned()
            .collect()
    }
    (minus(with, alone), minus(alone, with))
}

fn named(graph: &Graph<'_>, element: impl Into<Element>) -> Named {
    let element = element.into();
    Named {
        id: graph.element_id(element).to_string(),
        name: graph.element_name(element).to_string(),
    }
}

/// The agency an id names, with its name (or the id alone if it names none).
fn agency(graph: &Graph<'_>, id: &str) -> Named {
    match graph.lookup(id) {
        Some(e) if e.kind == Kind::Agency => named(graph, e),
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
        description: project.description.clone(),
        systems: proposal
            .system_ixs()
            .map(|s| {
                let cost = graph.model.systems[s].cost.unwrap_or_default();
                SystemCost {
                    system: named(graph, s),
                    capex: cost.capex,
                    opex: cost.opex,
                }
            })
            .collect(),
    }
}

fn checklist(findings: &[Finding], coverage: &Coverage, fail_on: FailOn) -> Vec<PrincipleCheck> {
    Principle::ALL
        .iter()
        .map(|&principle| {
            let mine: Vec<usize> = findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.principle() == principle)
                .map(|(i, _)| i)
                .collect();
            let judgement = coverage.of(principle);
            let state = if judgement.is_missing() {
                CheckState::NotJudged
            } else if mine.iter().any(|&i| blocks(&findings[i], fail_on)) {
                CheckState::Fail
            } else {
                CheckState::Pass
            };
            PrincipleCheck {
                principle,
                state,
                judgement,
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
                Overlap::Capability(c) => (OverlapKind::Capability, named(graph, c)),
                Overlap::Platform(c) => (OverlapKind::Platform, named(graph, c)),
                Overlap::Master(x) => (OverlapKind::Data, named(graph, x)),
            };
            let existing = &graph.model.systems[d.existing];
            Reuse {
                system: named(graph, d.system),
                overlap,
                subject,
                existing: named(graph, d.existing),
                owner: Some(agency(graph, existing.owner.value.as_str())),
                status: existing.status,
                national: graph.national_system[d.existing],
            }
        })
        .collect()
}

fn uses(graph: &Graph<'_>, proposal: &Proposal) -> Vec<Use> {
    let model = graph.model;
    let platforms: std::collections::HashSet<SystemIx> =
        graph.platform.iter().flatten().copied().collect();
    let mut out = Vec::new();
    for s in proposal.system_ixs() {
        let system = named(graph, s);
        let push = |kind, target: SystemIx, out: &mut Vec<Use>| {
            out.push(Use {
                system: system.clone(),
                kind,
                target: named(graph, target),
                national: graph.national_system[target],
            });
        };
        for &(t, _) in &graph.depends_on[s] {
            if platforms.contains(&t) || graph.national_system[t] {
                push(UseKind::Platform, t, &mut out);
            }
        }
        if let Some((host, _)) = graph.hosted_on[s] {
            push(UseKind::Hosting, host, &mut out);
        }
        for r in &model.systems[s].data.read {
            if let Some(d) = graph.lookup(r.value.as_str()).and_then(Element::data) {
                out.push(Use {
                    system: system.clone(),
                    kind: UseKind::Data,
                    target: named(graph, d),
                    national: graph.national_data[d],
                });
            }
        }
    }
    out
}

fn links(graph: &Graph<'_>, proposal: &Proposal) -> Vec<Link> {
    let model = graph.model;
    let exchange = graph.platform_of(graph.well_known.data_exchange);
    let mut out = Vec::new();
    for s in proposal.system_ixs() {
        if !graph.is_live(s) {
            continue;
        }
        let system = &model.systems[s];
        for r in &system.provides {
            let Some(c) = graph.lookup(r.value.as_str()).and_then(Element::capability) else {
                continue;
            };
            for target in &model.capabilities[c].must_integrate {
                let Some(t) = graph
                    .lookup(target.value.as_str())
                    .and_then(Element::system)
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
                    system: named(graph, s),
                    capability: named(graph, c),
                    target: named(graph, t),
                    via: via.map(|v| named(graph, v)),
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

impl Reviewed<'_> {
    /// The legal bases of investment review that apply on the review's date, from the
    /// catalogue the model was judged against (none without a catalogue).
    pub fn legal_bases(&self) -> Vec<&crate::model::catalogue::LegalBasis> {
        self.judged
            .loaded
            .catalogue
            .as_deref()
            .map(|c| c.legal_bases_on(self.today))
            .unwrap_or_default()
    }

    /// [`Reviewed::legal_bases`] as one line of text, each marked when the catalogue is not
    /// sure of it.
    pub fn legal_basis_text(&self, lang: crate::i18n::Lang) -> Option<String> {
        let bases = self.legal_bases();
        (!bases.is_empty()).then(|| {
            bases
                .iter()
                .map(|b| match &b.uncertain {
                    Some(note) => format!(
                        "{} ({})",
                        b.instrument,
                        crate::i18n::tr(lang, "catalogue.uncertain", &[("reason", note.get(lang))])
                    ),
                    None => b.instrument.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Counts of the findings the proposal causes.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }

    /// The conclusion and its conditions: not ready is "chưa phù hợp" (conditions: the blocking
    /// findings and the principles not judged); ready with unwaived findings or undeclared
    /// mandatory connections is "phù hợp có điều kiện" (conditions: those); else "phù hợp".
    pub fn conclusion(&self) -> (Conclusion, Vec<Condition>) {
        let verdict = &self.verdict;
        if !verdict.ready {
            let mut conditions: Vec<Condition> = self
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| blocks(f, verdict.fail_on))
                .map(|(i, _)| Condition::Finding(i))
                .collect();
            conditions.extend(
                verdict
                    .checklist
                    .iter()
                    .filter(|c| c.state == CheckState::NotJudged)
                    .map(|c| Condition::NotJudged(c.principle)),
            );
            return (Conclusion::Unsuitable, conditions);
        }
        let mut conditions: Vec<Condition> = self
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.waived.is_none())
            .map(|(i, _)| Condition::Finding(i))
            .collect();
        conditions.extend(
            verdict
                .links
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.declared)
                .map(|(i, _)| Condition::Link(i)),
        );
        if conditions.is_empty() {
            (Conclusion::Suitable, conditions)
        } else {
            (Conclusion::Conditional, conditions)
        }
    }

    /// The agency that approves the architecture (the model's `authority`), with its name.
    pub fn authority(&self) -> Option<Named> {
        let graph = &self.judged.graph;
        let info = graph.model.info.as_ref()?;
        let id = info.authority.as_ref()?;
        Some(agency(graph, id.value.as_str()))
    }

    /// The province (or city) the opinion is issued in, read from the authority's name, then
    /// the model's ("Ủy ban nhân dân tỉnh Bạc Liêu" → "Bạc Liêu").
    pub fn place(&self) -> Option<String> {
        let model_name = self
            .judged
            .graph
            .model
            .info
            .as_ref()
            .map(|i| i.name.clone());
        self.authority()
            .and_then(|a| date::place_in(&a.name))
            .or_else(|| model_name.as_deref().and_then(date::place_in))
    }

    /// The exit code: 1 when the proposal is not ready.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.verdict.ready)
    }
}

crate::choice!(ReviewFormat { Human => "human", Json => "json", Markdown => "markdown", Sarif => "sarif", Github => "github", Junit => "junit", Gitlab => "gitlab", Checkstyle => "checkstyle", Docx => "docx" });
