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

pub mod command;
pub mod consolidate;
pub mod decisions;
pub mod emit;
pub mod map;
pub mod names;
pub mod namespace;
pub mod plan_render;
pub mod proposal;
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
            .push(Spanned::new(Default::default(), Id(member.id.to_string())));
        }
        map.agencies.push(MapAgency {
            id: Spanned::new(Default::default(), Id(id)),
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
                    Id(ids.resolve(&mapping, &map, first.source, parent)),
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
            .map(|i| i.id.value.0.clone())
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

/// What makes sources impossible to merge: the same model id twice, a model id in the
/// national prefix, an id defined twice inside one source, an id already in a source's
/// namespace (which would make the scheme ambiguous).
fn check_sources(sources: &[Source], combined: &Sources, issues: &mut Vec<LoadIssue>) {
    let mut seen: HashMap<&str, Loc> = HashMap::new();
    for source in sources {
        let Some(info) = &source.loaded.model.info else {
            continue;
        };
        let loc = source.loc(info.file, info.id.span);
        if is_national(&source.id) {
            issues.push(issue(
                combined,
                loc,
                Said::new(
                    format!("mô hình nguồn có mã `{}`: tiền tố `vn.` dành cho danh mục quốc gia, không dùng làm không gian tên", source.id),
                    format!("a source model has the id `{}`: the prefix `vn.` is the national catalogue's and cannot be a namespace", source.id),
                ),
            ));
        }
        if let Some(first) = seen.insert(&source.id, loc) {
            let mut found = issue(
                combined,
                loc,
                Said::new(
                    format!(
                        "hai mô hình nguồn cùng mã `{}`: không thể phân biệt phần tử trùng mã",
                        source.id
                    ),
                    format!(
                        "two source models have the id `{}`: clashing ids could not be told apart",
                        source.id
                    ),
                ),
            )
            .help(Some(Said::new(
                "mỗi mô hình nguồn cần một mã riêng (mục `model.id`)",
                "each source model needs its own id (`model.id`)",
            )));
            found
                .related
                .push((first, Said::new("mô hình đầu tiên", "the first model")));
            issues.push(found);
        }
    }
    let prefixes: Vec<String> = sources.iter().map(|s| format!("{}.", s.id)).collect();
    for source in sources {
        let mut ids: HashMap<&str, Loc> = HashMap::new();
        for (_, id, file) in own_elements(source) {
            let loc = source.loc(file, id.span);
            if let Some(first) = ids.insert(id.as_str(), loc) {
                let mut found = issue(
                    combined,
                    loc,
                    Said::new(
                        format!(
                            "mã `{id}` được khai báo hai lần trong cùng một mô hình nguồn; hãy sửa mô hình nguồn trước khi hợp nhất"
                        ),
                        format!(
                            "the id `{id}` is defined twice in one source model; fix the source before merging"
                        ),
                    ),
                );
                found
                    .related
                    .push((first, Said::new("khai báo đầu tiên", "first defined here")));
                issues.push(found);
            }
            if let Some(prefix) = prefixes
                .iter()
                .find(|p| id.as_str().starts_with(p.as_str()))
            {
                issues.push(
                    issue(
                        combined,
                        loc,
                        Said::new(
                            format!("mã `{id}` nằm trong không gian tên `{prefix}` mà kientruc merge dùng để phân biệt mã trùng"),
                            format!("the id `{id}` lies in the namespace `{prefix}` that kientruc merge gives clashing ids"),
                        ),
                    )
                    .help(Some(Said::new(
                        "đổi mã trong mô hình nguồn (ví dụ thay dấu `.` đầu tiên bằng `-`)",
                        "rename it in the source model (e.g. make its first `.` a `-`)",
                    ))),
                );
            }
        }
    }
}

/// Reads a small YAML file of the merge commands (mapping, decisions) into `T`, with spans;
/// the file joins `sources`, so that errors point into it.
pub(crate) fn read_yaml<T: DeserializeOwned>(
    path: &Path,
    sources: &mut Sources,
) -> Result<(FileId, T), Vec<LoadIssue>> {
    let shown = path.display().to_string();
    let bytes = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > load::MAX_FILE_BYTES => {
            return Err(vec![LoadIssue::at_path(
                shown,
                Said::new("tệp quá lớn", "the file is too large"),
            )]);
        }
        Ok(_) => std::fs::read(path),
        Err(error) => Err(error),
    };
    let bytes = bytes.map_err(|error| {
        vec![LoadIssue::at_path(
            shown.clone(),
            Said::new(
                format!("không đọc được: {error}"),
                format!("cannot read: {error}"),
            ),
        )]
    })?;
    let (text, decode_error) = load::decode(&bytes);
    let file = sources.add(SourceFile::new(shown, text, false));
    if let Some((offset, message, help)) = decode_error {
        let span = crate::model::Span::new(offset, offset);
        return Err(vec![
            LoadIssue::in_file(sources, file, span, message).help(Some(help)),
        ]);
    }
    let text = &sources.get(file).text;
    let node = match yaml::parse(text) {
        Ok(Some(node)) => node,
        Ok(None) => {
            return Err(vec![LoadIssue::in_file(
                sources,
                file,
                Default::default(),
                Said::new("tệp rỗng", "the file is empty"),
            )]);
        }
        Err(error) => {
            return Err(vec![
                LoadIssue::in_file(sources, file, error.span, error.message)
                    .help(error.help.map(|h| *h)),
            ]);
        }
    };
    load::from_node::<T>(&node)
        .map(|t| (file, t))
        .map_err(|error| {
            let span = error.span.unwrap_or(node.span);
            vec![
                LoadIssue::in_file(
                    sources,
                    file,
                    span,
                    Said::new(
                        format!("không đọc được giá trị: {}", error.message),
                        error.message.clone(),
                    ),
                )
                .help(error.help.map(|h| Said::new(h.clone(), h))),
            ]
        })
}

/// Source agency (source index, id) → index of the mapping's agency.
type Mapping = HashMap<(usize, String), usize>;

/// Checks the mapping's `from` lists against the sources and indexes them.
fn resolve_map(
    sources: &[Source],
    map: &MapFile,
    file: Option<FileId>,
    combined: &Sources,
    issues: &mut Vec<LoadIssue>,
) -> Mapping {
    let mut mapping = Mapping::new();
    let mut first: HashMap<(usize, String), Loc> = HashMap::new();
    let at = |span| Loc::new(file.unwrap_or(0), span);
    for (target, agency) in map.agencies.iter().enumerate() {
        let id = agency.id.as_str();
        if file.is_some()
            && (!valid_id(id)
                || is_national(id)
                || sources
                    .iter()
                    .any(|s| id.starts_with(&format!("{}.", s.id))))
        {
            issues.push(issue(
                combined,
                at(agency.id.span),
                Said::new(
                    format!("`{id}` không dùng được làm mã cơ quan hợp nhất (mẫu mã, tiền tố `vn.` hoặc không gian tên của mô hình nguồn)"),
                    format!("`{id}` cannot be a merged agency's id (the id pattern, the `vn.` prefix or a source model's namespace)"),
                ),
            ));
        }
        for (model, ids) in &agency.from {
            let Some(k) = sources.iter().position(|s| s.id == model.value) else {
                issues.push(
                    issue(
                        combined,
                        at(model.span),
                        Said::new(
                            format!("`{}` không phải mã của mô hình nguồn nào", model.value),
                            format!("`{}` is not the id of a source model", model.value),
                        ),
                    )
                    .help(Some(load::suggest_help(
                        &model.value,
                        sources.iter().map(|s| s.id.as_str()),
                    ))),
                );
                continue;
            };
            let agencies = &sources[k].loaded.model.agencies;
            for source_id in ids {
                let known = agencies
                    .iter()
                    .any(|a| a.id.value == source_id.value && !sources[k].national(a.file));
                if !known {
                    issues.push(
                        issue(
                            combined,
                            at(source_id.span),
                            Said::new(
                                format!(
                                    "mô hình `{}` không có cơ quan `{}`",
                                    model.value, source_id.value
                                ),
                                format!(
                                    "the model `{}` has no agency `{}`",
                                    model.value, source_id.value
                                ),
                            ),
                        )
                        .help(Some(load::suggest_help(
                            source_id.as_str(),
                            agencies
                                .iter()
                                .filter(|a| !sources[k].national(a.file))
                                .map(|a| a.id.as_str()),
                        ))),
                    );
                    continue;
                }
                let key = (k, source_id.value.0.clone());
                if let Some(earlier) = first.get(&key) {
                    let mut found = issue(
                        combined,
                        at(source_id.span),
                        Said::new(
                            format!(
                                "cơ quan `{}` của `{}` được ánh xạ hai lần",
                                source_id.value, model.value
                            ),
                            format!(
                                "the agency `{}` of `{}` is mapped twice",
                                source_id.value, model.value
                            ),
                        ),
                    );
                    found
                        .related
                        .push((*earlier, Said::new("lần đầu ở đây", "first mapped here")));
                    issues.push(found);
                    continue;
                }
                first.insert(key.clone(), at(source_id.span));
                mapping.insert(key, target);
            }
        }
    }
    mapping
}

/// The id table: how each source id is written in the merged model.
struct Ids {
    /// Per source: id → namespaced id (only the ids that clash).
    renamed: Vec<HashMap<String, String>>,
    /// Capability ids several sources define (written once).
    unified: HashSet<String>,
}

impl Ids {
    /// Which ids clash: an id defined by several sources (agencies the mapping takes away do
    /// not count), or by a source and the mapping (an error, located in the mapping).
    fn plan(
        sources: &[Source],
        mapping: &Mapping,
        map: &MapFile,
        map_file: Option<FileId>,
        combined: &Sources,
        issues: &mut Vec<LoadIssue>,
    ) -> Ids {
        let mut defs: HashMap<&str, Vec<(usize, Kind, Loc)>> = HashMap::new();
        for (k, source) in sources.iter().enumerate() {
            for (kind, id, file) in own_elements(source) {
                if kind == Kind::Agency && mapping.contains_key(&(k, id.value.0.clone())) {
                    continue;
                }
                defs.entry(id.as_str())
                    .or_default()
                    .push((k, kind, source.loc(file, id.span)));
            }
        }
        let mut ids = Ids {
            renamed: vec![HashMap::new(); sources.len()],
            unified: HashSet::new(),
        };
        for (id, found) in &defs {
            if found.len() < 2 {
                continue;
            }
            if found.iter().all(|(_, kind, _)| *kind == Kind::Capability) {
                ids.unified.insert(id.to_string());
                continue;
            }
            for (k, _, _) in found {
                ids.renamed[*k].insert(id.to_string(), namespaced(&sources[*k].id, id));
            }
        }
        if let Some(file) = map_file {
            let mut targets: HashMap<&str, Loc> = HashMap::new();
            for agency in &map.agencies {
                let loc = Loc::new(file, agency.id.span);
                let id = agency.id.as_str();
                if let Some(earlier) = targets.insert(id, loc) {
                    let mut found = issue(
                        combined,
                        loc,
                        Said::new(
                            format!("mã `{id}` được khai báo hai lần trong bảng ánh xạ"),
                            format!("the id `{id}` is defined twice in the mapping"),
                        ),
                    );
                    found
                        .related
                        .push((earlier, Said::new("lần đầu ở đây", "first here")));
                    issues.push(found);
                }
                if let Some([(k, _, other)]) = defs.get(id).map(Vec::as_slice) {
                    let mut found = issue(
                        combined,
                        loc,
                        Said::new(
                            format!("mã `{id}` của bảng ánh xạ trùng với một phần tử của `{}` không được ánh xạ: không thể hợp nhất", sources[*k].id),
                            format!("the mapping's id `{id}` clashes with an element of `{}` that is not mapped: the clash cannot be resolved", sources[*k].id),
                        ),
                    )
                    .help(Some(Said::new(
                        "đặt mã khác cho cơ quan hợp nhất, hoặc đưa cơ quan đó vào `from`",
                        "give the merged agency another id, or list that agency under `from`",
                    )));
                    found.related.push((
                        *other,
                        Said::new("phần tử trùng mã", "the clashing element"),
                    ));
                    issues.push(found);
                }
            }
        }
        ids
    }

    /// How `id`, written in source `k`, reads in the merged model.
    fn resolve(&self, mapping: &Mapping, map: &MapFile, k: usize, id: &str) -> String {
        if let Some(&target) = mapping.get(&(k, id.to_string())) {
            return map.agencies[target].id.value.0.clone();
        }
        match self.renamed[k].get(id) {
            Some(new) => new.clone(),
            None => id.to_string(),
        }
    }
}

/// A mapping's `parent` must be an agency of the merged model: one of the mapping, one left
/// unmapped (as the merged model writes it), or a national one.
fn check_map_parents(
    sources: &[Source],
    map: &MapFile,
    file: FileId,
    mapping: &Mapping,
    ids: &Ids,
    combined: &Sources,
    issues: &mut Vec<LoadIssue>,
) {
    let mut known: HashSet<String> = map.agencies.iter().map(|a| a.id.value.0.clone()).collect();
    for (k, source) in sources.iter().enumerate() {
        for agency in &source.loaded.model.agencies {
            known.insert(if source.national(agency.file) {
                agency.id.value.0.clone()
            } else {
                ids.resolve(mapping, map, k, agency.id.as_str())
            });
        }
    }
    for agency in &map.agencies {
        if let Some(parent) = &agency.parent
            && !known.contains(parent.as_str())
        {
            issues.push(
                issue(
                    combined,
                    Loc::new(file, parent.span),
                    Said::new(
                        format!(
                            "`{}` không phải cơ quan nào của mô hình hợp nhất",
                            parent.value
                        ),
                        format!("`{}` is no agency of the merged model", parent.value),
                    ),
                )
                .help(Some(load::suggest_help(
                    parent.as_str(),
                    known.iter().map(String::as_str),
                ))),
            );
        }
    }
}

/// Rewrites references of source `k`.
struct Rewriter<'a> {
    ids: &'a Ids,
    mapping: &'a Mapping,
    map: &'a MapFile,
    k: usize,
}

impl Rewriter<'_> {
    fn id(&self, r: &Ref) -> Ref {
        Spanned::new(
            r.span,
            Id(self.ids.resolve(self.mapping, self.map, self.k, r.as_str())),
        )
    }
    fn ids(&self, refs: &[Ref]) -> Vec<Ref> {
        refs.iter().map(|r| self.id(r)).collect()
    }
    fn opt(&self, r: &Option<Ref>) -> Option<Ref> {
        r.as_ref().map(|r| self.id(r))
    }
}

fn origin(id: &str) -> Option<Ref> {
    Some(Spanned::new(Default::default(), Id(id.to_string())))
}

/// Files being built: path → the sections of one file.
#[derive(Default)]
struct Files {
    files: BTreeMap<String, (Vec<String>, ModelFile)>,
}

impl Files {
    fn file(&mut self, path: String, header: impl FnOnce() -> Vec<String>) -> &mut ModelFile {
        &mut self
            .files
            .entry(path)
            .or_insert_with(|| (header(), ModelFile::default()))
            .1
    }
}

/// A file name from an id: ids are ASCII with `-` and `.`, safe in paths.
fn file_name(id: &str) -> String {
    format!("{id}.yaml")
}

fn build(
    sources: &[Source],
    primary: usize,
    request: &Request,
    map: &MapFile,
    mapping: &Mapping,
    ids: &Ids,
) -> Merged {
    let mut files = Files::default();
    let mut summary = Summary {
        sources: sources.iter().map(|s| s.id.clone()).collect(),
        elements: vec![0; sources.len()],
        namespaced: ids.renamed.iter().map(HashMap::len).collect(),
        mapped: mapping.len(),
        mapped_into: map.agencies.len(),
        unified: ids.unified.len(),
    };
    let names: HashMap<(usize, &str), &str> = sources
        .iter()
        .enumerate()
        .flat_map(|(k, s)| {
            s.loaded
                .model
                .agencies
                .iter()
                .map(move |a| ((k, a.id.as_str()), a.name.as_str()))
        })
        .collect();

    // The mapping's agencies.
    let names = &names;
    for agency in &map.agencies {
        let from: Vec<String> = agency
            .from
            .iter()
            .flat_map(|(model, list)| {
                let k = sources.iter().position(|s| s.id == model.value);
                list.iter().map(move |a| {
                    let name = k
                        .and_then(|k| names.get(&(k, a.as_str())))
                        .copied()
                        .unwrap_or("");
                    format!("{name} ({}/{})", model.value, a.value)
                })
            })
            .collect();
        // Where it came from is always said: the mapping is the only record of it.
        let provenance = format!("Hợp nhất từ: {}.", from.join("; "));
        let description = Some(match &agency.description {
            Some(text) => format!("{text} {provenance}"),
            None => provenance,
        });
        let origin_id = match agency.from.keys().collect::<Vec<_>>().as_slice() {
            [only] => only.value.clone(),
            _ => request.id.clone(),
        };
        files
            .file("agencies.yaml".into(), || {
                vec![
                    "Cơ quan của tỉnh sau hợp nhất, theo bảng ánh xạ (--map).".into(),
                    "Agencies of the merged province, from the mapping (--map).".into(),
                ]
            })
            .agencies
            .push(Agency {
                id: agency.id.clone(),
                name: agency.name.clone(),
                level: agency.level,
                parent: agency.parent.clone(),
                valid_from: None,
                valid_until: None,
                successor: None,
                source: None,
                uncertain: None,
                description,
                origin: origin(&origin_id),
                file: 0,
            });
    }

    // Capabilities several sources define: the primary source's definition (else the
    // first), the union of `must_integrate`, and a note of any other platform.
    let mut unified: BTreeMap<String, (usize, Capability, Vec<String>)> = BTreeMap::new();
    let order: Vec<usize> = std::iter::once(primary)
        .chain((0..sources.len()).filter(|&k| k != primary))
        .collect();
    for &k in &order {
        let source = &sources[k];
        let rw = Rewriter {
            ids,
            mapping,
            map,
            k,
        };
        for capability in &source.loaded.model.capabilities {
            if source.national(capability.file) || !ids.unified.contains(capability.id.as_str()) {
                continue;
            }
            let platform = rw.opt(&capability.platform);
            let must = rw.ids(&capability.must_integrate);
            match unified.get_mut(capability.id.as_str()) {
                None => {
                    let merged = Capability {
                        platform,
                        must_integrate: must,
                        origin: origin(&source.id),
                        ..capability.clone()
                    };
                    unified.insert(capability.id.value.0.clone(), (k, merged, Vec::new()));
                }
                Some((_, merged, notes)) => {
                    for m in must {
                        if !merged.must_integrate.contains(&m) {
                            merged.must_integrate.push(m);
                        }
                    }
                    if platform != merged.platform {
                        let shown = platform
                            .as_ref()
                            .map_or("—".to_string(), |p| format!("`{p}`"));
                        notes.push(format!("{}: {shown}", source.id));
                    }
                }
            }
        }
    }

    for (k, source) in sources.iter().enumerate() {
        let rw = Rewriter {
            ids,
            mapping,
            map,
            k,
        };
        let model = &source.loaded.model;
        let sid = &source.id;
        let shown = source
            .loaded
            .model
            .info
            .as_ref()
            .map_or(String::new(), |i| i.name.clone());
        let from_line =
            move || format!("Từ mô hình `{sid}` ({shown}), hợp nhất bởi kientruc merge.");
        let mut count = 0;
        for agency in &model.agencies {
            if source.national(agency.file) || mapping.contains_key(&(k, agency.id.value.0.clone()))
            {
                continue;
            }
            count += 1;
            let from = from_line.clone();
            files
                .file(format!("agencies/{}", file_name(sid)), || vec![from()])
                .agencies
                .push(Agency {
                    id: rw.id(&agency.id),
                    parent: rw.opt(&agency.parent),
                    origin: origin(sid),
                    ..agency.clone()
                });
        }
        for capability in &model.capabilities {
            if source.national(capability.file) {
                continue;
            }
            count += 1;
            let from = from_line.clone();
            let written = if ids.unified.contains(capability.id.as_str()) {
                match unified.get(capability.id.as_str()) {
                    Some((owner, merged, notes)) if *owner == k => {
                        let mut merged = merged.clone();
                        if !notes.is_empty() {
                            let note = format!(
                                "Trước hợp nhất, nền tảng của mô hình khác: {}.",
                                notes.join("; ")
                            );
                            merged.description = Some(match merged.description {
                                Some(d) => format!("{d} {note}"),
                                None => note,
                            });
                        }
                        merged
                    }
                    _ => continue,
                }
            } else {
                Capability {
                    id: rw.id(&capability.id),
                    platform: rw.opt(&capability.platform),
                    must_integrate: rw.ids(&capability.must_integrate),
                    origin: origin(sid),
                    ..capability.clone()
                }
            };
            files
                .file(format!("capabilities/{}", file_name(sid)), || vec![from()])
                .capabilities
                .push(written);
        }
        for data in &model.data {
            if source.national(data.file) {
                continue;
            }
            count += 1;
            let owner = rw.id(&data.owner);
            let from = from_line.clone();
            files
                .file(format!("data/{sid}/{}", file_name(owner.as_str())), || {
                    vec![from()]
                })
                .data
                .push(DataSet {
                    id: rw.id(&data.id),
                    owner,
                    origin: origin(sid),
                    ..data.clone()
                });
        }
        for system in &model.systems {
            if source.national(system.file) {
                continue;
            }
            count += 1;
            let owner = rw.id(&system.owner);
            let from = from_line.clone();
            let mut written = System {
                id: rw.id(&system.id),
                owner: owner.clone(),
                provides: rw.ids(&system.provides),
                requires: rw.ids(&system.requires),
                depends_on: rw.ids(&system.depends_on),
                hosted_on: rw.opt(&system.hosted_on),
                replaces: rw.ids(&system.replaces),
                project: rw.opt(&system.project),
                origin: origin(sid),
                ..system.clone()
            };
            written.data.master = rw.ids(&system.data.master);
            written.data.read = rw.ids(&system.data.read);
            written.data.copy = rw.ids(&system.data.copy);
            for integration in &mut written.integrations {
                integration.to = rw.id(&integration.to);
                integration.via = rw.opt(&integration.via);
                integration.data = rw.ids(&integration.data);
            }
            files
                .file(
                    format!("systems/{sid}/{}", file_name(owner.as_str())),
                    || vec![from()],
                )
                .systems
                .push(written);
        }
        for project in &model.projects {
            if source.national(project.file) {
                continue;
            }
            count += 1;
            let from = from_line.clone();
            files
                .file(format!("projects/{}", file_name(sid)), || vec![from()])
                .projects
                .push(Project {
                    id: rw.id(&project.id),
                    owner: rw.opt(&project.owner),
                    delivers: rw.ids(&project.delivers),
                    origin: origin(sid),
                    ..project.clone()
                });
        }
        for waiver in &model.waivers {
            if source.national(waiver.file) {
                continue;
            }
            let from = from_line.clone();
            files
                .file(format!("waivers/{}", file_name(sid)), || vec![from()])
                .waivers
                .push(Waiver {
                    element: rw.id(&waiver.element),
                    approved_by: rw.id(&waiver.approved_by),
                    ..waiver.clone()
                });
        }
        summary.elements[k] = count;
    }

    // The model: the request's id and name; framework, level and reference of the primary
    // source; its authority, as the merged model writes it.
    let base = sources[primary].loaded.model.info.clone();
    let rw = Rewriter {
        ids,
        mapping,
        map,
        k: primary,
    };
    let described: Vec<String> = sources
        .iter()
        .map(|s| {
            let name = s.loaded.model.info.as_ref().map_or("", |i| i.name.as_str());
            format!("{} ({name})", s.id)
        })
        .collect();
    let info = ModelInfo {
        id: Spanned::new(Default::default(), Id(request.id.clone())),
        name: request.name.clone(),
        version: None,
        framework: base.as_ref().and_then(|b| b.framework.clone()),
        level: base.as_ref().map(|b| b.level).unwrap_or_default(),
        authority: base.as_ref().and_then(|b| rw.opt(&b.authority)),
        reference: base.as_ref().map(|b| b.reference).unwrap_or_default(),
        description: Some(format!(
            "Hợp nhất bằng kientruc merge từ {} mô hình: {}. Mã trùng nhau giữa các mô hình được viết `<mã mô hình>.<mã>`; trường `origin` của mỗi phần tử cho biết mô hình nguồn.",
            sources.len(),
            described.join("; ")
        )),
        file: 0,
    };
    let model_file = files.file("model.yaml".into(), || {
        vec![
            format!("Mô hình hợp nhất `{}` từ: {}.", request.id, summary.sources.join(", ")),
            format!("Merged model `{}` from: {}.", request.id, summary.sources.join(", ")),
            String::new(),
            "Mã trùng giữa các mô hình nguồn: `<mã mô hình>.<mã>` (bỏ tiền tố `<origin>.` để lấy lại mã gốc).".into(),
            "Ids that clash between sources: `<model id>.<id>` (strip the `<origin>.` prefix to get the original).".into(),
        ]
    });
    model_file.model = Some(info);
    model_file.rules = merge_rules(sources);

    let mut out = BTreeMap::new();
    for (path, (header, contents)) in files.files {
        let mut value = serde_json::to_value(&contents).unwrap_or(Value::Null);
        drop_default_personal(&mut value);
        out.insert(path, emit::document(&header, &value));
    }
    Merged {
        files: out,
        summary,
    }
}

/// `personal: false` is the default; the hand-written models leave it out.
fn drop_default_personal(value: &mut Value) {
    if let Some(Value::Array(items)) = value.get_mut("data") {
        for item in items {
            if let Value::Object(map) = item
                && map.get("personal") == Some(&Value::Bool(false))
            {
                map.remove("personal");
            }
        }
    }
}

/// Rule levels of the merged model: the strictest level any source gives a rule (a source
/// that does not mention it gives its default), written only when it is not the default — a
/// merge never weakens a check one of the provinces applied.
fn merge_rules(sources: &[Source]) -> BTreeMap<Spanned<String>, Spanned<RuleLevel>> {
    let mut codes: BTreeMap<String, Vec<(usize, RuleLevel)>> = BTreeMap::new();
    for (k, source) in sources.iter().enumerate() {
        for setting in &source.loaded.model.rules {
            if source.national(setting.file) {
                continue;
            }
            codes
                .entry(setting.code.value.to_ascii_uppercase())
                .or_default()
                .push((k, setting.level.value));
        }
    }
    let mut out = BTreeMap::new();
    for (code, set) in codes {
        let default = crate::rules::find(&code).map(|rule| match rule.severity {
            crate::finding::Severity::Error => RuleLevel::Error,
            crate::finding::Severity::Warning => RuleLevel::Warning,
            crate::finding::Severity::Info => RuleLevel::Info,
        });
        let mut level = set.iter().map(|(_, l)| *l).max().unwrap_or(RuleLevel::Off);
        if let Some(default) = default
            && set.len() < sources.len()
        {
            level = level.max(default);
        }
        if Some(level) != default {
            out.insert(
                Spanned::new(Default::default(), code),
                Spanned::new(Default::default(), level),
            );
        }
    }
    out
}
