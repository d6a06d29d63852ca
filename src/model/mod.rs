//! The typed architecture model: one Rust type per section and field of the YAML format
//! (`../shared/docs/model-format.md`). These types are the single source of truth of the
//! format: the JSON Schema in `schemas/` is generated from them. No logic lives here — no
//! graph, no rules, no file reading.

pub mod catalogue;
mod spanned;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
pub use compact_str::CompactString;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

pub(crate) use spanned::{SPANNED_END, SPANNED_NAME, SPANNED_START, SPANNED_VALUE};
pub use spanned::{Span, Spanned};

/// Index of a source file in [`crate::load::Sources`].
pub type FileId = u32;

/// The pattern every element id follows: ASCII, lower case, dot-separated segments.
pub const ID_PATTERN: &str = r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$";

/// An element id (`so-tttt`, `vn.ndxp`). Held inline when it has at most 24 bytes (almost
/// every id does): a national model makes over half a million references, and a heap string
/// each would be a third of its memory.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub CompactString);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "An element id: ASCII lower case, digits and '-', dot-separated; the prefix `vn.` is reserved for the national catalogue."
        })
    }
}

/// A reference to another element, with the span of the id as written.
pub type Ref = Spanned<Id>;

/// One YAML file of a model: any of the top-level sections.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "kientruc architecture model file",
    description = "One file of a provincial e-government architecture model (framework 3.0 or 4.0), in the format of kientruc. A model is a directory of such files; exactly one of them holds `model`."
)]
pub struct ModelFile {
    /// The model's identity; exactly one file of a model holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelInfo>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<Agency>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<Capability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<DataSet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<System>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// Rule severities: `CODE: off|info|warning|error`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(with = "BTreeMap<String, RuleLevel>")]
    pub rules: BTreeMap<Spanned<String>, Spanned<RuleLevel>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelInfo {
    pub id: Ref,
    pub name: String,
    /// The model's own version, free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The framework version the model claims to conform to ("3.0", "4.0"): selects the
    /// national catalogue. Absent: the catalogue marked `default` (3.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Spanned<FrameworkVersion>>,
    #[serde(default)]
    pub level: ModelLevel,
    /// The agency that approves the architecture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Ref>,
    #[serde(default)]
    pub reference: Reference,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

/// A framework version ("3.0", "4.0"). Which versions exist is data: the catalogues in
/// `models/national/<version>/`, never a list in code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FrameworkVersion(pub String);

impl FrameworkVersion {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FrameworkVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for FrameworkVersion {
    fn schema_name() -> Cow<'static, str> {
        "FrameworkVersion".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^[0-9]+(\.[0-9]+)*$",
            "description": "A framework version with a national catalogue: \"3.0\" (QĐ 2568/QĐ-BTTTT, as of 2024) or \"4.0\" (QĐ 292/QĐ-BKHCN, 2025 onwards); `kientruc catalogue` lists them."
        })
    }
}

/// A text in Vietnamese, optionally with its English translation (shown under `--lang en`;
/// the Vietnamese text stands in when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub vi: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Note {
    /// The text in `lang`.
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.en) {
            (crate::i18n::Lang::En, Some(en)) => en,
            _ => &self.vi,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ModelLevel {
    #[default]
    Province,
    Ministry,
}

/// Whether the built-in national reference catalogue is part of the model.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Reference {
    #[default]
    National,
    None,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub id: Ref,
    pub name: String,
    pub level: AgencyLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Ref>,
    /// The first day the agency exists (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Spanned<NaiveDate>>,
    /// The last day the agency exists (inclusive): after it, it was merged or abolished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Spanned<NaiveDate>>,
    /// The agency that took over its duties (a merged ministry's successor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<Ref>,
    /// The legal source that establishes the agency or its duties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Why what is said here is not verified (shown with the element, never as fact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The model this element came from, written by `kientruc merge` (a model id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Ref>,
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyLevel {
    Central,
    Province,
    Department,
    District,
    Commune,
    Enterprise,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    pub id: Ref,
    pub name: String,
    /// Free text: common, transport, health, land, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The designated shared system for this capability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Ref>,
    /// Systems providing this capability must integrate with each of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub must_integrate: Vec<Ref>,
    /// Several live providers are fine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_multiple: Option<bool>,
    /// The last day (inclusive) by which the `must_integrate` links must exist; until then a
    /// missing link is reported as info.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Spanned<NaiveDate>>,
    /// The legal source of the capability, its platform and its mandatory links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Why what is said here is not verified (shown with the element, never as fact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The model this element came from, written by `kientruc merge` (a model id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Ref>,
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
    /// When the model re-declares a national capability with its own platform: the national
    /// platform that one must depend on (federation). Set by the loader, not written in YAML.
    #[serde(skip)]
    #[schemars(skip)]
    pub federates: Option<Ref>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSet {
    pub id: Ref,
    pub name: String,
    /// The agency accountable for the data.
    pub owner: Ref,
    pub classification: Classification,
    /// Holds personal data (dữ liệu cá nhân).
    #[serde(default)]
    pub personal: bool,
    /// The legal source of the data set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Why what is said here is not verified (shown with the element, never as fact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The model this element came from, written by `kientruc merge` (a model id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Ref>,
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Classification {
    Open,
    Shared,
    Internal,
    Restricted,
    Secret,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub id: Ref,
    pub name: String,
    pub layer: Layer,
    pub owner: Ref,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<Audience>,
    /// Capability ids this system provides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provides: Vec<Ref>,
    /// Capability ids this system needs, met through `depends_on` (transitively).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Ref>,
    /// System ids this system needs at run time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<Ref>,
    /// The system (layer infrastructure) this one runs on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosted_on: Option<Ref>,
    /// Cấp độ an toàn hệ thống thông tin, 1..5 (Nghị định 85/2016).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 5))]
    pub security_level: Option<Spanned<u8>>,
    #[serde(default, skip_serializing_if = "DataAccess::is_empty")]
    pub data: DataAccess,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub integrations: Vec<Integration>,
    /// System ids this one supersedes (kế thừa).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<Ref>,
    /// The project that delivers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Ref>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    /// The legal source of the system (for a platform: the one that designates it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Why what is said here is not verified (shown with the element, never as fact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The model this element came from, written by `kientruc merge` (a model id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Ref>,
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

/// The framework's layers, from the user down; `security` is cross-cutting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    Channel,
    Portal,
    Application,
    Data,
    Integration,
    Infrastructure,
    Security,
}

impl Layer {
    pub const ALL: [Layer; 7] = [
        Layer::Channel,
        Layer::Portal,
        Layer::Application,
        Layer::Data,
        Layer::Integration,
        Layer::Infrastructure,
        Layer::Security,
    ];
    /// Position from the top (0 = channel); `None` for the cross-cutting security layer.
    pub fn rank(self) -> Option<u8> {
        match self {
            Layer::Security => None,
            other => Some(other as u8),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Channel => "channel",
            Layer::Portal => "portal",
            Layer::Application => "application",
            Layer::Data => "data",
            Layer::Integration => "integration",
            Layer::Infrastructure => "infrastructure",
            Layer::Security => "security",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Proposed,
    Planned,
    Building,
    Operational,
    Retiring,
    Retired,
}

impl Status {
    /// Whether the status counts as live (before replacement is taken into account).
    pub fn is_live(self) -> bool {
        self != Status::Retired
    }
    /// Rank for choosing the incumbent among duplicates: lower comes first.
    pub fn incumbency(self) -> u8 {
        match self {
            Status::Operational => 0,
            Status::Retiring => 1,
            Status::Building => 2,
            Status::Planned => 3,
            Status::Proposed => 4,
            Status::Retired => 5,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Planned => "planned",
            Status::Building => "building",
            Status::Operational => "operational",
            Status::Retiring => "retiring",
            Status::Retired => "retired",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Citizens,
    Businesses,
    Officials,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataAccess {
    /// Data ids this system is the authoritative source of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub master: Vec<Ref>,
    /// Data ids it reads from their master.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read: Vec<Ref>,
    /// Data ids it keeps a local copy of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy: Vec<Ref>,
}

impl DataAccess {
    pub fn is_empty(&self) -> bool {
        self.master.is_empty() && self.read.is_empty() && self.copy.is_empty()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Integration {
    /// The system data is exchanged with.
    pub to: Ref,
    /// The exchange platform it goes through; omit only for same-owner links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Ref>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<Ref>,
    /// A direct link tolerated until this date (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_until: Option<Spanned<NaiveDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Costs in VND: capex once, opex per year.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capex: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opex: Option<u64>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: Ref,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Ref>,
    pub status: ProjectStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    /// VND.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delivers: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The model this element came from, written by `kientruc merge` (a model id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Ref>,
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectStatus {
    Proposed,
    Approved,
    InProgress,
    Completed,
    Cancelled,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Funding {
    PublicInvestment,
    ServiceLease,
    Other,
}

/// A rule's configured level in the `rules:` section.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RuleLevel {
    Off,
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule code waived.
    pub rule: Spanned<String>,
    /// The element the finding is about.
    pub element: Ref,
    pub reason: String,
    /// The agency that approved the waiver.
    pub approved_by: Ref,
    /// After this date the waiver no longer applies.
    pub expires: Spanned<NaiveDate>,
    #[serde(skip)]
    #[schemars(skip)]
    pub file: FileId,
}

/// A setting of the `rules:` section, with the file it came from.
#[derive(Debug, Clone)]
pub struct RuleSetting {
    pub code: Spanned<String>,
    pub level: Spanned<RuleLevel>,
    pub file: FileId,
}

/// A whole model: every file merged, the national catalogue included when referenced.
/// Elements keep definition order: national catalogue first, then files in sorted path order.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// `None` only for a proposal fragment, which has no `model:` key.
    pub info: Option<ModelInfo>,
    pub agencies: Vec<Agency>,
    pub capabilities: Vec<Capability>,
    pub data: Vec<DataSet>,
    pub systems: Vec<System>,
    pub projects: Vec<Project>,
    pub rules: Vec<RuleSetting>,
    pub waivers: Vec<Waiver>,
}

/// How many times the elements known a forecast of [`Model::reserve_foretold`] may be.
pub const FORETOLD_AT_MOST: usize = 16;

impl Model {
    /// Appends the contents of one file, stamping its file id on every element.
    pub fn absorb(&mut self, file: FileId, contents: ModelFile) {
        let ModelFile {
            model,
            agencies,
            capabilities,
            data,
            systems,
            projects,
            rules,
            waivers,
        } = contents;
        if let Some(mut info) = model {
            info.file = file;
            if self.info.is_none() {
                self.info = Some(info);
            }
        }
        self.agencies
            .extend(agencies.into_iter().map(|e| Agency { file, ..e }));
        self.capabilities
            .extend(capabilities.into_iter().map(|e| Capability { file, ..e }));
        self.data
            .extend(data.into_iter().map(|e| DataSet { file, ..e }));
        self.systems
            .extend(systems.into_iter().map(|e| System { file, ..e }));
        self.projects
            .extend(projects.into_iter().map(|e| Project { file, ..e }));
        self.rules.extend(
            rules
                .into_iter()
                .map(|(code, level)| RuleSetting { code, level, file }),
        );
        self.waivers
            .extend(waivers.into_iter().map(|e| Waiver { file, ..e }));
    }

    /// Makes room, exactly, for the elements of `files` (about to be [`Model::absorb`]ed one
    /// after the other) and `extra` more of each kind, so the lists are allocated once, at
    /// their final size: growing them by doubling would hold up to twice the model.
    pub fn reserve_for<'a>(&mut self, files: impl Iterator<Item = &'a ModelFile>, extra: usize) {
        let mut counts = [extra; 7];
        for f in files {
            for (count, len) in counts.iter_mut().zip([
                f.agencies.len(),
                f.capabilities.len(),
                f.data.len(),
                f.systems.len(),
                f.projects.len(),
                f.rules.len(),
                f.waivers.len(),
            ]) {
                *count += len;
            }
        }
        self.agencies.reserve_exact(counts[0]);
        self.capabilities.reserve_exact(counts[1]);
        self.data.reserve_exact(counts[2]);
        self.systems.reserve_exact(counts[3]);
        self.projects.reserve_exact(counts[4]);
        self.rules.reserve_exact(counts[5]);
        self.waivers.reserve_exact(counts[6]);
    }

    /// Before [`Model::absorb`]ing `next`, makes room for what the whole model will likely
    /// hold: with `done` of `total` bytes read (`next` included), each list's elements per byte
    /// so far, for every byte, and `extra` more (a catalogue's, always kept free). A list is
    /// grown only when `next` and `extra` do not fit, and then at least by half: a load never
    /// grows a list by doubling, nor more often than a few times. A forecast is at most
    /// [`FORETOLD_AT_MOST`] times what is known: a small first file followed by a great many
    /// bytes of something else (comments, long descriptions) must not reserve memory for
    /// millions of elements.
    pub fn reserve_foretold(&mut self, next: &ModelFile, done: u64, total: u64, extra: usize) {
        fn grow<T>(list: &mut Vec<T>, adding: usize, done: u64, total: u64, extra: usize) {
            let needed = list.len() + adding + extra;
            if needed <= list.capacity() {
                return;
            }
            let known = (list.len() + adding) as u128;
            let foretold = (known * total as u128 / done.max(1) as u128)
                .min(known * FORETOLD_AT_MOST as u128) as usize;
            let target = foretold
                .saturating_add(foretold / 16)
                .saturating_add(extra)
                .max(list.capacity().saturating_add(list.capacity() / 2))
                .max(needed);
            list.reserve_exact(target - list.len());
        }
        grow(&mut self.agencies, next.agencies.len(), done, total, extra);
        grow(
            &mut self.capabilities,
            next.capabilities.len(),
            done,
            total,
            extra,
        );
        grow(&mut self.data, next.data.len(), done, total, extra);
        grow(&mut self.systems, next.systems.len(), done, total, extra);
        grow(&mut self.projects, next.projects.len(), done, total, extra);
        grow(&mut self.rules, next.rules.len(), done, total, extra);
        grow(&mut self.waivers, next.waivers.len(), done, total, extra);
    }

    /// How many references the model's elements make (an upper bound of the graph's edges).
    pub fn reference_count(&self) -> usize {
        let agencies: usize = self
            .agencies
            .iter()
            .map(|a| usize::from(a.parent.is_some()) + usize::from(a.successor.is_some()))
            .sum();
        let capabilities: usize = self
            .capabilities
            .iter()
            .map(|c| usize::from(c.platform.is_some()) + c.must_integrate.len())
            .sum();
        let systems: usize = self
            .systems
            .iter()
            .map(|s| {
                1 + s.provides.len()
                    + s.requires.len()
                    + s.depends_on.len()
                    + usize::from(s.hosted_on.is_some())
                    + s.data.master.len()
                    + s.data.read.len()
                    + s.data.copy.len()
                    + s.integrations
                        .iter()
                        .map(|i| 1 + usize::from(i.via.is_some()) + i.data.len())
                        .sum::<usize>()
                    + s.replaces.len()
                    + usize::from(s.project.is_some())
            })
            .sum();
        let projects: usize = self
            .projects
            .iter()
            .map(|p| usize::from(p.owner.is_some()) + p.delivers.len())
            .sum();
        agencies + capabilities + self.data.len() + systems + projects
    }

    /// How many elements the model holds.
    pub fn element_count(&self) -> usize {
        self.agencies.len()
            + self.capabilities.len()
            + self.data.len()
            + self.systems.len()
            + self.projects.len()
    }
}
