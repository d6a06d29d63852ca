//! What makes source models impossible to merge, and the agency map resolved against them:
//! located errors, never a partial merge.

#[allow(unused_imports)]
use super::*;

/// What makes sources impossible to merge: the same model id twice, a model id in the
/// national prefix, an id defined twice inside one source, an id already in a source's
/// namespace (which would make the scheme ambiguous).
pub(super) fn check_sources(sources: &[Source], combined: &Sources, issues: &mut Vec<LoadIssue>) {
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
                format!("không đọc được: {}", crate::i18n::io_vi(&error)),
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
pub(super) type Mapping = HashMap<(usize, String), usize>;

/// Checks the mapping's `from` lists against the sources and indexes them.
pub(super) fn resolve_map(
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
                let key = (k, source_id.value.0.to_string());
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
pub(super) struct Ids {
    /// Per source: id → namespaced id (only the ids that clash).
    pub(super) renamed: Vec<HashMap<String, String>>,
    /// Capability ids several sources define (written once).
    pub(super) unified: HashSet<String>,
}

impl Ids {
    /// Which ids clash: an id defined by several sources (agencies the mapping takes away do
    /// not count), or by a source and the mapping (an error, located in the mapping).
    pub(super) fn plan(
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
                if kind == Kind::Agency && mapping.contains_key(&(k, id.value.0.to_string())) {
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
    pub(super) fn resolve(&self, mapping: &Mapping, map: &MapFile, k: usize, id: &str) -> String {
        if let Some(&target) = mapping.get(&(k, id.to_string())) {
            return map.agencies[target].id.value.0.to_string();
        }
        match self.renamed[k].get(id) {
            Some(new) => new.clone(),
            None => id.to_string(),
        }
    }
}

/// A mapping's `parent` must be an agency of the merged model: one of the mapping, one left
/// unmapped (as the merged model writes it), or a national one.
pub(super) fn check_map_parents(
    sources: &[Source],
    map: &MapFile,
    file: FileId,
    mapping: &Mapping,
    ids: &Ids,
    combined: &Sources,
    issues: &mut Vec<LoadIssue>,
) {
    let mut known: HashSet<String> = map
        .agencies
        .iter()
        .map(|a| a.id.value.0.to_string())
        .collect();
    for (k, source) in sources.iter().enumerate() {
        for agency in &source.loaded.model.agencies {
            known.insert(if source.national(agency.file) {
                agency.id.value.0.to_string()
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
