//! The national reference catalogues, one per framework version (`models/national/<version>/`),
//! embedded in the binary. Each is a directory: `catalogue.yaml` (its metadata: version,
//! instrument, validity, sources, legal bases, reorganisations) and element files parsed like
//! any model file. A model's `framework` (or `--framework`) selects one, which is merged in
//! front of the model's own elements. A model may re-declare a national capability to designate
//! its own (federated) platform: the model's fields override the national ones, `must_integrate`
//! lists are joined.
//!
//! Which versions exist is data: a directory named in `KIENTRUC_CATALOGUE_DIR` adds catalogues
//! (or replaces one of the same version) without a code change; tests use it, and so can a
//! ministry that writes its own.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use super::{LoadFailure, LoadIssue};
use crate::i18n::Said;
use crate::model::catalogue::{CatalogueFile, CatalogueInfo};
use crate::model::{Model, ModelFile};
use crate::source::{SourceFile, Sources};

/// The environment variable naming a directory of extra catalogues (one sub-directory per
/// version, or one catalogue directory).
pub const CATALOGUE_DIR_VAR: &str = "KIENTRUC_CATALOGUE_DIR";

/// The metadata file of a catalogue directory.
pub const META_FILE: &str = "catalogue.yaml";

macro_rules! embedded {
    ($version:literal, [$($file:literal),* $(,)?]) => {
        (
            $version,
            &[$((
                $file,
                include_str!(concat!("../../models/national/", $version, "/", $file)),
            )),*],
        )
    };
}

/// The built-in catalogues: (directory, [(file, text)]), files in sorted path order.
const EMBEDDED: &[(&str, &[(&str, &str)])] = &[
    embedded!(
        "3.0",
        [
            "agencies.yaml",
            "capabilities.yaml",
            "catalogue.yaml",
            "data.yaml",
            "systems.yaml"
        ]
    ),
    embedded!(
        "4.0",
        [
            "agencies.yaml",
            "capabilities.yaml",
            "catalogue.yaml",
            "data.yaml",
            "systems.yaml"
        ]
    ),
];

/// One element file of a catalogue, parsed once.
#[derive(Debug)]
struct CatalogueSource {
    /// As shown to users: `national/<version>/<file>`.
    path: String,
    text: String,
    contents: ModelFile,
}

/// A national catalogue: its metadata and its element files.
#[derive(Debug)]
pub struct Catalogue {
    pub info: Arc<CatalogueInfo>,
    files: Vec<CatalogueSource>,
}

impl Catalogue {
    pub fn version(&self) -> &str {
        self.info.version.as_str()
    }

    /// Reads a catalogue directory (`catalogue.yaml` and `*.yaml` element files).
    pub fn from_dir(dir: &Path) -> Result<Catalogue, LoadFailure> {
        let shown = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|error| {
            failure(LoadIssue::at_path(
                shown.clone(),
                Said::new(
                    format!(
                        "không đọc được thư mục danh mục: {}",
                        crate::i18n::io_vi(&error)
                    ),
                    format!("cannot read the catalogue directory: {error}"),
                ),
            ))
        })?;
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && (n.ends_with(".yaml") || n.ends_with(".yml")))
            .collect();
        names.sort();
        let mut files = Vec::with_capacity(names.len());
        for name in names {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path).map_err(|error| {
                failure(LoadIssue::at_path(
                    path.display().to_string(),
                    Said::new(
                        format!("không đọc được: {}", crate::i18n::io_vi(&error)),
                        format!("cannot read: {error}"),
                    ),
                ))
            })?;
            files.push((name, text));
        }
        // Shown as where it is: a user's catalogue is not in the binary.
        Catalogue::from_texts(shown.trim_end_matches('/'), files)
    }

    /// Builds a catalogue from the texts of its files, shown as in directory `shown`.
    fn from_texts(shown: &str, files: Vec<(String, String)>) -> Result<Catalogue, LoadFailure> {
        let mut sources = Sources::default();
        let mut issues = Vec::new();
        let mut info = None;
        let mut parsed = Vec::new();
        // The built-in catalogues are trusted data: no value budget.
        let mut budget = usize::MAX;
        for (name, text) in files {
            let path = format!("{shown}/{name}");
            let id = sources.add(SourceFile::new(path.clone(), text.clone(), true));
            if name == META_FILE {
                info = read_meta(id, &sources, &mut issues);
            } else if let Some(contents) = super::parse_file(id, &sources, &mut budget, &mut issues)
            {
                parsed.push(CatalogueSource {
                    path,
                    text,
                    contents,
                });
            }
        }
        let Some(info) = info.filter(|_| issues.is_empty()) else {
            if issues.is_empty() {
                issues.push(LoadIssue::at_path(
                    shown.to_string(),
                    Said::new(
                        format!("danh mục thiếu tệp `{META_FILE}`"),
                        format!("the catalogue has no `{META_FILE}` file"),
                    ),
                ));
            }
            return Err(LoadFailure { sources, issues });
        };
        Ok(Catalogue {
            info: Arc::new(info),
            files: parsed,
        })
    }

    /// The catalogue's elements as a model of their own, in catalogue order (for listings;
    /// file ids are the positions of its element files).
    pub fn elements(&self) -> Model {
        let mut model = Model::default();
        for (id, file) in (0..).zip(&self.files) {
            model.absorb(id, file.contents.clone());
        }
        model
    }
}

fn failure(issue: LoadIssue) -> LoadFailure {
    LoadFailure {
        sources: Sources::default(),
        issues: vec![issue],
    }
}

/// Parses `catalogue.yaml`.
fn read_meta(
    id: crate::model::FileId,
    sources: &Sources,
    issues: &mut Vec<LoadIssue>,
) -> Option<CatalogueInfo> {
    let node = match super::yaml::parse(&sources.get(id).text) {
        Ok(Some(node)) => node,
        Ok(None) => {
            issues.push(LoadIssue::in_file(
                sources,
                id,
                crate::model::Span::default(),
                Said::new("tệp danh mục trống", "the catalogue file is empty"),
            ));
            return None;
        }
        Err(error) => {
            issues.push(
                LoadIssue::in_file(sources, id, error.span, error.message)
                    .help(error.help.map(|h| *h)),
            );
            return None;
        }
    };
    match super::de::from_node::<CatalogueFile>(&node) {
        Ok(file) => {
            let bad = file
                .catalogue
                .reorganisations
                .iter()
                .any(|r| r.level.is_none() && r.name.is_none());
            if bad {
                issues.push(LoadIssue::in_file(
                    sources,
                    id,
                    node.span,
                    Said::new(
                        "mỗi mục `reorganisations` cần `level` hoặc `name`",
                        "each entry of `reorganisations` needs `level` or `name`",
                    ),
                ));
                return None;
            }
            Some(file.catalogue)
        }
        Err(error) => {
            let span = error.span.unwrap_or(node.span);
            let help = error.help.map(|h| Said::new(h.clone(), h));
            issues.push(
                LoadIssue::in_file(
                    sources,
                    id,
                    span,
                    Said::new(
                        format!("không đọc được siêu dữ liệu danh mục: {}", error.message),
                        format!("cannot read the catalogue metadata: {}", error.message),
                    ),
                )
                .help(help),
            );
            None
        }
    }
}

/// The catalogues a load can choose from, in version order.
#[derive(Debug, Default)]
pub struct Catalogues {
    list: Vec<Catalogue>,
}

static INSTALLED: LazyLock<Result<Catalogues, LoadFailure>> = LazyLock::new(|| {
    let catalogues = Catalogues::builtin()?;
    match std::env::var_os(CATALOGUE_DIR_VAR) {
        Some(dir) if !dir.is_empty() => catalogues.with_dir(Path::new(&dir)),
        _ => Ok(catalogues),
    }
});

/// The built-in catalogues, plus those of `KIENTRUC_CATALOGUE_DIR`: read once per process.
pub fn installed() -> Result<&'static Catalogues, &'static LoadFailure> {
    INSTALLED.as_ref()
}

impl Catalogues {
    /// The catalogues embedded in the binary.
    pub fn builtin() -> Result<Catalogues, LoadFailure> {
        let mut catalogues = Catalogues::default();
        for (label, files) in EMBEDDED {
            let texts = files
                .iter()
                .map(|(name, text)| ((*name).to_string(), (*text).to_string()))
                .collect();
            catalogues.insert(Catalogue::from_texts(&format!("national/{label}"), texts)?);
        }
        Ok(catalogues)
    }

    /// Adds the catalogues of `dir`: the directory itself when it holds `catalogue.yaml`, else
    /// each of its sub-directories that does. One of a known version replaces it.
    pub fn with_dir(mut self, dir: &Path) -> Result<Catalogues, LoadFailure> {
        if dir.join(META_FILE).is_file() {
            self.insert(Catalogue::from_dir(dir)?);
            return Ok(self);
        }
        let entries = std::fs::read_dir(dir).map_err(|error| {
            failure(LoadIssue::at_path(
                dir.display().to_string(),
                Said::new(
                    format!(
                        "không đọc được thư mục danh mục ({CATALOGUE_DIR_VAR}): {}",
                        crate::i18n::io_vi(&error)
                    ),
                    format!("cannot read the catalogue directory ({CATALOGUE_DIR_VAR}): {error}"),
                ),
            ))
        })?;
        let mut dirs: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join(META_FILE).is_file())
            .collect();
        dirs.sort();
        for sub in dirs {
            self.insert(Catalogue::from_dir(&sub)?);
        }
        Ok(self)
    }

    fn insert(&mut self, catalogue: Catalogue) {
        self.list.retain(|c| c.version() != catalogue.version());
        self.list.push(catalogue);
        self.list
            .sort_by(|a, b| version_order(a.version(), b.version()));
    }

    pub fn iter(&self) -> impl Iterator<Item = &Catalogue> {
        self.list.iter()
    }

    pub fn get(&self, version: &str) -> Option<&Catalogue> {
        self.list.iter().find(|c| c.version() == version)
    }

    /// The catalogue of a model that names no framework: the one marked `default`, else the
    /// oldest.
    pub fn default_catalogue(&self) -> Option<&Catalogue> {
        self.list
            .iter()
            .find(|c| c.info.default)
            .or_else(|| self.list.first())
    }

    /// The most elements of one kind any of these catalogues adds to a model: the room a
    /// model's lists keep for the catalogue it will be judged against.
    pub fn largest_kind(&self) -> usize {
        self.list
            .iter()
            .flat_map(|c| {
                let files = || c.files.iter().map(|f| &f.contents);
                [
                    files().map(|f| f.agencies.len()).sum::<usize>(),
                    files().map(|f| f.capabilities.len()).sum(),
                    files().map(|f| f.data.len()).sum(),
                    files().map(|f| f.systems.len()).sum(),
                    files().map(|f| f.projects.len()).sum(),
                ]
            })
            .max()
            .unwrap_or(0)
    }

    /// The known versions, in order, comma-separated.
    pub fn versions(&self) -> String {
        let versions: Vec<&str> = self.list.iter().map(Catalogue::version).collect();
        versions.join(", ")
    }

    /// The catalogue of `version`, or why there is none: the known versions and the nearest.
    pub fn resolve(&self, version: &str) -> Result<&Catalogue, (Said, Said)> {
        self.get(version).ok_or_else(|| {
            let known = self.versions();
            (
                Said::new(
                    format!(
                        "`{version}` không phải phiên bản khung kiến trúc có danh mục (có: {known})"
                    ),
                    format!(
                        "`{version}` is not a framework version with a catalogue (known: {known})"
                    ),
                ),
                super::suggest_help(version, self.list.iter().map(Catalogue::version)),
            )
        })
    }
}

/// Versions compare by their numeric parts ("3.0" < "4.0" < "10.0"), then as text.
fn version_order(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}

/// Adds `catalogue`'s elements to `model`.
pub(super) fn add(model: &mut Model, sources: &mut Sources, catalogue: &Catalogue) {
    let mut national = Model::default();
    for file in &catalogue.files {
        let id = sources.add(SourceFile::new(file.path.clone(), file.text.clone(), true));
        national.absorb(id, file.contents.clone());
    }
    let mut by_id: HashMap<String, usize> = national
        .capabilities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.value.0.to_string(), i))
        .collect();
    let mut own = Vec::with_capacity(model.capabilities.len());
    for capability in std::mem::take(&mut model.capabilities) {
        match by_id.remove(capability.id.value.as_str()) {
            Some(index) => {
                let base = &mut national.capabilities[index];
                let mut must = std::mem::take(&mut base.must_integrate);
                for extra in &capability.must_integrate {
                    if !must.contains(extra) {
                        must.push(extra.clone());
                    }
                }
                let federates = match (&capability.platform, &base.platform) {
                    (Some(own), Some(national)) if own.value != national.value => {
                        Some(national.clone())
                    }
                    _ => None,
                };
                *base = crate::model::Capability {
                    federates,
                    must_integrate: must,
                    platform: capability.platform.clone().or(base.platform.clone()),
                    allow_multiple: capability.allow_multiple.or(base.allow_multiple),
                    domain: capability.domain.clone().or(base.domain.clone()),
                    description: capability.description.clone().or(base.description.clone()),
                    deadline: capability.deadline.clone().or(base.deadline.clone()),
                    source: capability.source.clone().or(base.source.clone()),
                    uncertain: capability.uncertain.clone().or(base.uncertain.clone()),
                    ..capability
                };
            }
            None => own.push(capability),
        }
    }
    national.capabilities.extend(own);
    let Model {
        agencies,
        capabilities,
        data,
        systems,
        projects,
        ..
    } = national;
    model.agencies.splice(0..0, agencies);
    model.capabilities = capabilities;
    model.data.splice(0..0, data);
    model.systems.splice(0..0, systems);
    model.projects.splice(0..0, projects);
}
