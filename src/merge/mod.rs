//! `kientruc merge` and `kientruc consolidate`: the architecture of a merged province (since
//! 1/7/2025 Vietnam has 34 provinces instead of 63).
//!
//! `merge` writes one model directory from several source models: ids that clash are
//! namespaced by the source model's id ([`namespace`]), agencies are mapped to the merged
//! province's agencies by a mapping file ([`map`]), every reference is rewritten, and every
//! element carries `origin: <source model id>`. Nothing is written when a clash cannot be
//! resolved. `consolidate` ([`consolidate`]) reads a merged model and says what it holds twice,
//! what to keep, retire and migrate; [`plan_render`] writes that plan. This room loads models
//! with the public loader and judges them with [`crate::check`]; it never changes a rule.

mod build;
mod checks;
pub mod command;
pub mod consolidate;
pub mod decisions;
pub mod emit;
pub mod map;
pub mod names;
pub mod namespace;
pub mod plan_render;
pub mod plan_xlsx;
pub mod proposal;
pub mod schemas;
pub mod write;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::i18n::Said;
use crate::load::{self, LoadFailure, LoadIssue, Loaded, yaml};
use crate::model::{
    Agency, Capability, DataSet, FileId, Id, ModelFile, ModelInfo, Project, Ref, RuleLevel,
    Spanned, System, Waiver,
};
use crate::source::{Loc, SourceFile, Sources};

pub use write::{WriteError, check_target, write_dir};

use build::*;
use checks::*;

use map::{Candidate, MapAgency, MapFile};
use names::Provinces;
use namespace::{is_national, namespaced, valid_id};

/// What to merge into.
#[derive(Debug, Clone)]
pub struct Request {
    /// The merged model's id (`ca-mau`).
    pub id: String,
    /// The merged model's name.
    pub name: String,
    /// The agency mapping file.
    pub map: Option<PathBuf>,
}

/// Why nothing was merged.
#[derive(Debug)]
pub enum MergeError {
    /// A source model cannot be loaded.
    Source {
        input: PathBuf,
        failure: LoadFailure,
    },
    /// Clashes that cannot be resolved, or a bad mapping file: located in the inputs.
    Located(LoadFailure),
    /// The command itself is wrong (a bad `--id`, fewer than two inputs).
    Command(Said),
}

/// The merged model, in memory: file path (relative, `/`-separated) → YAML body (without
/// the schema comment, which depends on where it is written).
#[derive(Debug)]
pub struct Merged {
    pub files: BTreeMap<String, String>,
    pub summary: Summary,
}

/// What the merge did, for the message after it.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Source model ids, in argument order.
    pub sources: Vec<String>,
    /// Elements written per source (same order).
    pub elements: Vec<usize>,
    /// Ids namespaced, per source (same order).
    pub namespaced: Vec<usize>,
    /// Source agencies mapped, and agencies of the mapping.
    pub mapped: usize,
    pub mapped_into: usize,
    /// Capabilities several sources define, written once.
    pub unified: usize,
}

/// One loaded source model.
struct Source {
    id: String,
    loaded: Loaded,
    /// Its first file's id in the combined [`Sources`] used for located errors.
    base: FileId,
}

impl Source {
    fn national(&self, file: FileId) -> bool {
        self.loaded.sources.get(file).national
    }
    fn loc(&self, file: FileId, span: crate::model::Span) -> Loc {
        Loc::new(self.base + file, span)
    }
}

/// An element of a source, for the id table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Agency,
    Capability,
    Data,
    System,
    Project,
}

/// Loads the sources, checks that they can be merged and builds the merged files.
pub fn merge(inputs: &[PathBuf], request: &Request) -> Result<Merged, MergeError> {
    let (sources, mut combined) = load_sources(inputs, request)?;
    let primary = primary(&sources, &request.id);
    let mut issues = Vec::new();
    check_sources(&sources, &combined, &mut issues);
    let map = match &request.map {
        Some(path) => match read_yaml::<MapFile>(path, &mut combined) {
            Ok(parsed) => Some(parsed),
            Err(mut found) => {
                issues.append(&mut found);
                None
            }
        },
        None => None,
    };
    if !issues.is_empty() {
        return Err(located(combined, issues));
    }
    let (map_file, map) = match map {
        Some((file, map)) => (Some(file), map),
        None => (None, MapFile::default()),
    };
    let mapping = resolve_map(&sources, &map, map_file, &combined, &mut issues);
    let ids = Ids::plan(&sources, &mapping, &map, map_file, &combined, &mut issues);
    if let Some(file) = map_file {
        check_map_parents(&sources, &map, file, &mapping, &ids, &combined, &mut issues);
    }
    if !issues.is_empty() {
        return Err(located(combined, issues));
    }
    Ok(build(&sources, primary, request, &map, &mapping, &ids))
}

/// The starting mapping of `--write-map`: agencies paired across sources by name.
pub fn starting_map(inputs: &[PathBuf], request: &Request) -> Result<String, MergeError> {
    let (sources, combined) = load_sources(inputs, request)?;
    let primary = primary(&sources, &request.id);
    let mut issues = Vec::new();
    check_sources(&sources, &combined, &mut issues);
    if !issues.is_empty() {
        return Err(located(combined, issues));
    }
    let provinces = Provinces::new(sources.iter().map(|s| s.id.as_str()));
    let mut candidates = Vec::new();
    for (k, source) in sources.iter().enumerate() {
        for agency in &source.loaded.model.agencies {
            if source.national(agency.file) {
                continue;
            }
            candidates.push(Candidate {
                source: k,
                id: agency.id.as_str(),
                name: &agency.name,
                level: agency.level,
                parent: agency.parent.as_ref().map(|p| p.as_str()),
            });
        }
    }
    let groups = map::pair(&candidates, primary, |name| provinces.agency_key(name));
    // Target ids: the primary member's id, unless another target took it.
    let mut taken: HashSet<String> = HashSet::new();
    let mut map = MapFile::default();
    for group in &groups {
        let first = &group[0];
        let mut id = first.id.to_string();
        if !taken.insert(id.clone()) {
            id = format!("{}-{}", first.id, request.id);
            taken.insert(id.clone());
        }
        let mut from: BTreeMap<Spanned<String>, Vec<Ref>> = BTreeMap::new();
        for member in group {
            from.entry(Spanned::new(
                Default::default(),
                sources[member.source].id.clone(),
            ))
            .or_default()
            .push(Spanned::new(Default::default(), Id(member.id.into())));
        }
        map.agencies.push(MapAgency {
            id: Spanned::new(Default::default(), Id(id.into())),
            name: first.name.to_string(),
            level: first.level,
            parent: None,
            description: None,
            from,
        });
    }
    // Parents: where the primary member's parent ends up once this mapping is applied.
    let mut scratch = Vec::new();
    let mapping = resolve_map(&sources, &map, None, &combined, &mut scratch);
    let ids = Ids::plan(&sources, &mapping, &map, None, &combined, &mut scratch);
    let parents: Vec<Option<Ref>> = groups
        .iter()
        .map(|group| {
            let first = &group[0];
            first.parent.map(|parent| {
                Spanned::new(
                    Default::default(),
                    Id(ids.resolve(&mapping, &map, first.source, parent).into()),
                )
            })
        })
        .collect();
    for (agency, parent) in map.agencies.iter_mut().zip(parents) {
        agency.parent = parent;
    }
    let value = serde_json::to_value(&map).unwrap_or(Value::Null);
    let mut header = vec![
        "Bảng ánh xạ cơ quan cho `kientruc merge --map` (bản khởi đầu do --write-map lập).".to_string(),
        "Agency mapping for `kientruc merge --map` (a starting point written by --write-map).".to_string(),
        String::new(),
        "Ghép các cơ quan cấp tỉnh, cấp sở có tên trùng nhau khi bỏ tên tỉnh. Hãy rà soát: đổi mã, tên".to_string(),
        "theo tổ chức sau hợp nhất (Sở TT&TT → Sở KH&CN từ 3/2025), tách các đơn vị không hợp nhất".to_string(),
        "(hai bệnh viện vẫn là hai bệnh viện). Cơ quan không có trong bảng giữ nguyên (mã trùng thì".to_string(),
        "được gắn tiền tố `<mã mô hình>.`).".to_string(),
        "Review it: rename to the merged organisation (Sở TT&TT → Sở KH&CN since 3/2025), split units".to_string(),
        "that do not merge (two hospitals stay two). Agencies not listed stay as they are.".to_string(),
    ];
    header.push(String::new());
    Ok(emit::document(&header, &value))
}

fn primary(sources: &[Source], id: &str) -> usize {
    sources.iter().position(|s| s.id == id).unwrap_or(0)
}

fn located(sources: Sources, issues: Vec<LoadIssue>) -> MergeError {
    MergeError::Located(LoadFailure { sources, issues })
}

/// Loads every input, and copies its files into one source table (paths prefixed by the
/// input), so that an error can point into any of them.
fn load_sources(
    inputs: &[PathBuf],
    request: &Request,
) -> Result<(Vec<Source>, Sources), MergeError> {
    if inputs.len() < 2 {
        return Err(MergeError::Command(Said::new(
            "cần ít nhất hai mô hình để hợp nhất",
            "merging needs at least two models",
        )));
    }
    if !valid_id(&request.id) || is_national(&request.id) {
        return Err(MergeError::Command(Said::new(
            format!(
                "`--id {}` không phải mã hợp lệ (chữ thường ASCII, số, `-`, `.`; không bắt đầu bằng `vn.`)",
                request.id
            ),
            format!(
                "`--id {}` is not a valid id (ASCII lower case, digits, `-`, `.`; not starting with `vn.`)",
                request.id
            ),
        )));
    }
    let mut combined = Sources::default();
    let mut sources = Vec::new();
    for input in inputs {
        let loaded = load::load_model(input).map_err(|failure| MergeError::Source {
            input: input.clone(),
            failure,
        })?;
        let base = combined.len() as FileId;
        for (_, file) in loaded.sources.iter() {
            combined.add(SourceFile::new(
                format!("{}/{}", input.display(), file.path),
                file.text.clone(),
                file.national,
            ));
        }
        let id = loaded
            .model
            .info
            .as_ref()
            .map(|i| i.id.value.0.to_string())
            .unwrap_or_default();
        sources.push(Source { id, loaded, base });
    }
    Ok((sources, combined))
}

/// Every element of a source that is its own (not of the national catalogue), in
/// definition order.
fn own_elements(source: &Source) -> Vec<(Kind, &Ref, FileId)> {
    let model = &source.loaded.model;
    let mut out = Vec::new();
    macro_rules! add {
        ($list:expr, $kind:expr) => {
            for e in &$list {
                if !source.national(e.file) {
                    out.push(($kind, &e.id, e.file));
                }
            }
        };
    }
    add!(model.agencies, Kind::Agency);
    add!(model.capabilities, Kind::Capability);
    add!(model.data, Kind::Data);
    add!(model.systems, Kind::System);
    add!(model.projects, Kind::Project);
    out
}

fn issue(sources: &Sources, loc: Loc, message: Said) -> LoadIssue {
    LoadIssue::in_file(sources, loc.file, loc.span, message)
}
