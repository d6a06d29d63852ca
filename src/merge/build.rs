//! The merged model built from the checked sources: ids namespaced, agencies mapped,
//! references rewritten, every element with its origin.

#[allow(unused_imports)]
use super::*;

/// Rewrites references of source `k`.
pub(super) struct Rewriter<'a> {
    ids: &'a Ids,
    mapping: &'a Mapping,
    map: &'a MapFile,
    k: usize,
}

impl Rewriter<'_> {
    fn id(&self, r: &Ref) -> Ref {
        Spanned::new(
            r.span,
            Id(self
                .ids
                .resolve(self.mapping, self.map, self.k, r.as_str())
                .into()),
        )
    }
    fn ids(&self, refs: &[Ref]) -> Vec<Ref> {
        refs.iter().map(|r| self.id(r)).collect()
    }
    fn opt(&self, r: &Option<Ref>) -> Option<Ref> {
        r.as_ref().map(|r| self.id(r))
    }
}

pub(super) fn origin(id: &str) -> Option<Ref> {
    Some(Spanned::new(Default::default(), Id(id.into())))
}

/// Files being built: path → the sections of one file.
#[derive(Default)]
pub(super) struct Files {
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
pub(super) fn file_name(id: &str) -> String {
    format!("{id}.yaml")
}

pub(super) fn build(
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
                    unified.insert(capability.id.value.0.to_string(), (k, merged, Vec::new()));
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
            if source.national(agency.file)
                || mapping.contains_key(&(k, agency.id.value.0.to_string()))
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
        id: Spanned::new(Default::default(), Id(request.id.as_str().into())),
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
pub(super) fn drop_default_personal(value: &mut Value) {
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
pub(super) fn merge_rules(sources: &[Source]) -> BTreeMap<Spanned<String>, Spanned<RuleLevel>> {
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
