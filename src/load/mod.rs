//! Files → model. Finds the YAML files of a model (a directory, recursively, in sorted path
//! order, or one file), reads them safely (size limit, UTF-8, BOM, UTF-16), parses them with
//! spans, validates each against the JSON Schema generated from the model types, deserializes
//! the typed model, merges the files, and adds the built-in national catalogue. Every problem
//! is a [`LoadIssue`] located in its file. Nothing here judges the architecture.

mod de;
pub mod files;
pub mod live;
pub mod national;
pub mod read;
mod schema;
pub mod yaml;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::i18n::Said;
use crate::model::{FileId, Model, ModelFile, Reference, Span};
use crate::source::{Loc, Sources};

pub use de::{DeError, from_node, suggest_help};
pub use live::{ParseCache, load_model_live};
pub use national::{CATALOGUE_DIR_VAR, Catalogue, Catalogues};

use crate::model::catalogue::CatalogueInfo;
pub use schema::{schema_json, schema_text, validate};

/// The largest model file kientruc reads (a 60-province national model is ~25 MB in all).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// How many YAML values a whole model may hold (each file is also bounded by
/// [`yaml::MAX_FILE_NODES`]): the typed model and its graph stay within a few hundred MB.
pub const MAX_MODEL_NODES: usize = 16_000_000;
/// How deep model directories may nest.
const MAX_DIR_DEPTH: usize = 32;

/// One problem that stops kientruc from judging the model.
#[derive(Debug, Clone)]
pub struct LoadIssue {
    /// Where, when the problem is inside a file's text.
    pub loc: Option<Loc>,
    /// The file or directory concerned, as shown to users.
    pub path: String,
    pub message: Said,
    pub help: Option<Said>,
    /// Other places that explain the problem (the first definition of a duplicate key…).
    pub related: Vec<(Loc, Said)>,
}

impl LoadIssue {
    pub fn at_path(path: impl Into<String>, message: Said) -> Self {
        LoadIssue {
            loc: None,
            path: path.into(),
            message,
            help: None,
            related: Vec::new(),
        }
    }
    pub fn in_file(sources: &Sources, file: FileId, span: Span, message: Said) -> Self {
        LoadIssue {
            loc: Some(Loc::new(file, span)),
            path: sources.get(file).path.clone(),
            message,
            help: None,
            related: Vec::new(),
        }
    }
    pub fn help(mut self, help: Option<Said>) -> Self {
        self.help = help;
        self
    }
}

/// At most this many load errors are shown per file; the others are counted ("and N more").
pub const MAX_ISSUES_SHOWN_PER_FILE: usize = 20;

/// The issues to show, in order: at most [`MAX_ISSUES_SHOWN_PER_FILE`] per file, and per file
/// (in order of first appearance) how many were left out, said in both languages.
pub fn shown_issues(issues: &[LoadIssue]) -> (Vec<&LoadIssue>, Vec<(String, Said)>) {
    let mut per_path: Vec<(&str, usize)> = Vec::new();
    let mut positions: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut shown = Vec::new();
    for issue in issues {
        let position = *positions.entry(issue.path.as_str()).or_insert_with(|| {
            per_path.push((issue.path.as_str(), 0));
            per_path.len() - 1
        });
        per_path[position].1 += 1;
        if per_path[position].1 <= MAX_ISSUES_SHOWN_PER_FILE {
            shown.push(issue);
        }
    }
    let more = per_path
        .into_iter()
        .filter(|(_, count)| *count > MAX_ISSUES_SHOWN_PER_FILE)
        .map(|(path, count)| {
            let more = count - MAX_ISSUES_SHOWN_PER_FILE;
            (
                path.to_string(),
                Said::new(
                    format!("và {more} lỗi nữa trong tệp này"),
                    format!("and {more} more errors in this file"),
                ),
            )
        })
        .collect();
    (shown, more)
}

/// Why a model could not be loaded: every issue found, with the sources to show them.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub sources: Sources,
    pub issues: Vec<LoadIssue>,
}

/// A loaded model and the files it came from.
#[derive(Debug)]
pub struct Loaded {
    pub model: Model,
    pub sources: Sources,
    /// The directory paths are shown relative to.
    pub root: PathBuf,
    /// The rule levels and the rules the waivers name, resolved from the model's codes.
    pub levels: crate::rules::Levels,
    /// The catalogue the model is judged against (`--framework`, else the model's own claim).
    pub catalogue: Option<Arc<CatalogueInfo>>,
    /// The catalogue of the framework the model claims (`model.framework`, or the default).
    pub claimed: Option<Arc<CatalogueInfo>>,
}

impl Loaded {
    /// The version of the catalogue used, as reports name it.
    pub fn framework(&self) -> String {
        self.catalogue
            .as_ref()
            .map(|c| c.version.to_string())
            .or_else(|| {
                let info = self.model.info.as_ref()?;
                Some(info.framework.as_ref()?.value.to_string())
            })
            .unwrap_or_default()
    }
}

/// Loads a whole model (directory or file), with the national catalogue when it asks for it:
/// the catalogue of its `framework`, chosen among the installed ones.
pub fn load_model(path: &Path) -> Result<Loaded, LoadFailure> {
    let catalogues = installed_or_failure()?;
    load_model_with(path, catalogues, None)
}

/// The installed catalogues, or (when `KIENTRUC_CATALOGUE_DIR` is broken) why not.
fn installed_or_failure() -> Result<&'static Catalogues, LoadFailure> {
    national::installed().map_err(LoadFailure::clone)
}

/// [`load_model`] with the catalogues to choose from and, for a what-if run, the catalogue
/// to judge against whatever the model claims (`--framework`). The library API for
/// catalogues that are not installed (a ministry's own, a test's).
pub fn load_model_with(
    path: &Path,
    catalogues: &Catalogues,
    framework: Option<&Catalogue>,
) -> Result<Loaded, LoadFailure> {
    let mut sources = Sources::default();
    sources.set_root(crate::source::shown_root(path));
    let mut issues = Vec::new();
    let (root, files) = discover(path, &mut issues);
    let inputs = files::paths(&files);
    let (model, model_keys) = merge_inputs(&root, &inputs, &mut sources, catalogues, &mut issues);
    if issues.is_empty() {
        check_one_model_key(path, &files, &model_keys, &sources, &mut issues);
    }
    finish(model, sources, issues, root, catalogues, framework)
}

/// Loads a model held in memory as several files, each a name (shown relative to the model's
/// root, with `/` separators) and its bytes, as if read from disk in this order: the same
/// decoding, limits, checks and file ids as [`load_model_with`]. Give the files in sorted path
/// order to get the output of the same model read from a directory. For editors and servers
/// that hold unsaved text.
pub fn load_files_with(
    root: &Path,
    files: &[(String, &[u8])],
    catalogues: &Catalogues,
    framework: Option<&Catalogue>,
) -> Result<Loaded, LoadFailure> {
    let mut sources = Sources::default();
    let mut issues = Vec::new();
    let inputs: Vec<files::Input<'_>> = files
        .iter()
        .map(|(name, bytes)| files::Input::Bytes {
            name: name.clone(),
            bytes,
        })
        .collect();
    let (model, model_keys) = merge_inputs(root, &inputs, &mut sources, catalogues, &mut issues);
    if issues.is_empty() {
        let paths: Vec<PathBuf> = files.iter().map(|(name, _)| PathBuf::from(name)).collect();
        check_one_model_key(root, &paths, &model_keys, &sources, &mut issues);
    }
    finish(
        model,
        sources,
        issues,
        root.to_path_buf(),
        catalogues,
        framework,
    )
}

/// Loads a model held in memory as the text of one file named `name` (as if read from disk:
/// the same decoding, limits and checks). The fuzz targets and tests use it.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Loaded, LoadFailure> {
    let catalogues = installed_or_failure()?;
    let mut sources = Sources::default();
    let mut issues = Vec::new();
    let inputs = [files::Input::Bytes {
        name: name.to_string(),
        bytes,
    }];
    let root = Path::new("");
    let (model, model_keys) = merge_inputs(root, &inputs, &mut sources, catalogues, &mut issues);
    if issues.is_empty() {
        let path = Path::new(name);
        check_one_model_key(
            path,
            &[path.to_path_buf()],
            &model_keys,
            &sources,
            &mut issues,
        );
    }
    finish(model, sources, issues, PathBuf::new(), catalogues, None)
}

/// Loads `inputs` (see [`files::load_all`]) and merges the files, in order, into one model;
/// the model, and where each `model:` key is. The model's lists are allocated for the size the
/// files read so far foretell (their elements per byte of YAML, for all the bytes to read),
/// with room for the elements of any catalogue in `catalogues`: never by doubling, which
/// would hold up to twice the model.
fn merge_inputs(
    root: &Path,
    inputs: &[files::Input<'_>],
    sources: &mut Sources,
    catalogues: &Catalogues,
    issues: &mut Vec<LoadIssue>,
) -> (Model, Vec<Loc>) {
    let mut budget = MAX_MODEL_NODES;
    let mut model = Model::default();
    let mut model_keys = Vec::new();
    let total: u64 = inputs.iter().map(files::Input::size).sum();
    let mut done = 0u64;
    let extra = catalogues.largest_kind();
    files::load_all(
        root,
        inputs,
        sources,
        &mut budget,
        issues,
        |sources, _, file| {
            if let Some(info) = &file.contents.model {
                model_keys.push(Loc::new(file.id, info.id.span));
            }
            done += sources.get(file.id).text.len() as u64;
            model.reserve_foretold(&file.contents, done, total.max(done), extra);
            model.absorb(file.id, file.contents);
        },
    );
    (model, model_keys)
}

/// The steps after every file is read: the national catalogue, and the verdict.
fn finish(
    mut model: Model,
    mut sources: Sources,
    mut issues: Vec<LoadIssue>,
    root: PathBuf,
    catalogues: &Catalogues,
    framework: Option<&Catalogue>,
) -> Result<Loaded, LoadFailure> {
    if !issues.is_empty() {
        return Err(LoadFailure { sources, issues });
    }
    let claim = model
        .info
        .as_ref()
        .and_then(|i| Some((i.file, i.framework.as_ref()?)));
    let claimed = match claim {
        Some((file, version)) => match catalogues.resolve(version.value.as_str()) {
            Ok(catalogue) => Some(catalogue),
            Err((message, help)) => {
                issues.push(
                    LoadIssue::in_file(&sources, file, version.span, message).help(Some(help)),
                );
                return Err(LoadFailure { sources, issues });
            }
        },
        None => catalogues.default_catalogue(),
    };
    let used = framework.or(claimed);
    let reference = model
        .info
        .as_ref()
        .map_or(Reference::National, |i| i.reference);
    if reference == Reference::National {
        let help = Said::new(
            "hãy tham chiếu phần tử quốc gia bằng mã của nó; đặt mã riêng không có `vn.` (hoặc đặt `reference: none`)",
            "refer to national elements by their id; define your own without `vn.` (or set `reference: none`)",
        );
        reserve_national_prefix(&model, &sources, &help, &mut issues);
        if let Some(catalogue) = used {
            national::add(&mut model, &mut sources, catalogue);
        }
    }
    if !issues.is_empty() {
        return Err(LoadFailure { sources, issues });
    }
    match crate::rules::configure(&model, &sources) {
        Ok(levels) => Ok(Loaded {
            model,
            sources,
            root,
            levels,
            catalogue: used.map(|c| c.info.clone()),
            claimed: claimed.map(|c| c.info.clone()),
        }),
        Err(issues) => Err(LoadFailure { sources, issues }),
    }
}

/// Loads a model fragment (a proposal) into existing sources: no `model:` key allowed.
pub fn load_fragment(path: &Path, sources: &mut Sources) -> Result<Model, Vec<LoadIssue>> {
    let mut issues = Vec::new();
    let (root, files) = discover(path, &mut issues);
    let mut model = Model::default();
    let mut budget = MAX_MODEL_NODES;
    let inputs = files::paths(&files);
    files::load_all(
        &root,
        &inputs,
        sources,
        &mut budget,
        &mut issues,
        |sources, issues, file| {
            if let Some(info) = &file.contents.model {
                issues.push(
                    LoadIssue::in_file(
                        sources,
                        file.id,
                        info.id.span,
                        Said::new(
                            "một đề xuất không có khoá `model:`",
                            "a proposal has no `model:` key",
                        ),
                    )
                    .help(Some(Said::new(
                        "đề xuất là một phần đặt chồng lên mô hình: hãy xoá mục `model:`",
                        "a proposal is a fragment laid over a model: remove the `model:` section",
                    ))),
                );
            }
            model.absorb(file.id, file.contents);
        },
    );
    if issues.is_empty() {
        Ok(model)
    } else {
        Err(issues)
    }
}

fn check_one_model_key(
    path: &Path,
    files: &[PathBuf],
    model_keys: &[Loc],
    sources: &Sources,
    issues: &mut Vec<LoadIssue>,
) {
    match model_keys {
        [] if !files.is_empty() => issues.push(
            LoadIssue::at_path(
                path.display().to_string(),
                Said::new("không tệp nào của mô hình này có mục `model:`", "no file of this model holds the `model:` section"),
            )
            .help(Some(Said::new(
                "thêm một tệp (ví dụ model.yaml) có `model: {id: ..., name: ..., framework: \"4.0\"}`",
                "add a file (e.g. model.yaml) with `model: {id: ..., name: ..., framework: \"4.0\"}`",
            ))),
        ),
        [_] | [] => {}
        [first, rest @ ..] => {
            for other in rest {
                let mut issue = LoadIssue::in_file(
                    sources,
                    other.file,
                    other.span,
                    Said::new("mục `model:` thứ hai", "a second `model:` section"),
                )
                .help(Some(Said::new("mỗi mô hình có đúng một tệp chứa `model:`", "exactly one file of a model holds `model:`")));
                issue.related.push((*first, Said::new("mục đầu tiên ở đây", "the first one is here")));
                issues.push(issue);
            }
        }
    }
}

/// Reports every element of `model` whose id uses the prefix `vn.`, reserved for the national
/// catalogue, with `help` saying what to do instead.
pub fn reserve_national_prefix(
    model: &Model,
    sources: &Sources,
    help: &Said,
    issues: &mut Vec<LoadIssue>,
) {
    let ids = model
        .agencies
        .iter()
        .map(|e| (e.file, &e.id))
        .chain(model.capabilities.iter().map(|e| (e.file, &e.id)))
        .chain(model.data.iter().map(|e| (e.file, &e.id)))
        .chain(model.systems.iter().map(|e| (e.file, &e.id)))
        .chain(model.projects.iter().map(|e| (e.file, &e.id)));
    for (file, id) in ids {
        if id.value.as_str().starts_with("vn.") {
            issues.push(
                LoadIssue::in_file(
                    sources,
                    file,
                    id.span,
                    Said::new(
                        format!("mã `{}` dùng tiền tố `vn.`, dành riêng cho danh mục quốc gia", id.value),
                        format!("the id `{}` uses the prefix `vn.`, reserved for the national catalogue", id.value),
                    ),
                )
                .help(Some(help.clone())),
            );
        }
    }
}

/// The files of a model, in sorted path order, the root paths are shown relative to, and the
/// problems met on the way (the first step of [`load_model`], public for the benchmark).
pub fn model_files(path: &Path) -> (PathBuf, Vec<PathBuf>, Vec<LoadIssue>) {
    let mut issues = Vec::new();
    let (root, files) = discover(path, &mut issues);
    (root, files, issues)
}

/// The files of a model, in sorted path order, and the root paths are shown relative to.
fn discover(path: &Path, issues: &mut Vec<LoadIssue>) -> (PathBuf, Vec<PathBuf>) {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(error) => {
            issues.push(LoadIssue::at_path(
                shown_path(path),
                Said::new(
                    format!("không đọc được mô hình: {}", crate::i18n::io_vi(&error)),
                    format!("cannot read the model: {error}"),
                ),
            ));
            return (path.to_path_buf(), Vec::new());
        }
    };
    if !meta.is_dir() {
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let root_for_links = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root.clone()
        };
        // The file named on the command line: a symlink may not lead out of its directory.
        if let Err(refused) = read::check_link(Some(&root_for_links), path) {
            issues.push(LoadIssue::at_path(shown_path(path), refused.said()));
            return (root, Vec::new());
        }
        return (root, vec![path.to_path_buf()]);
    }
    if let Ok(canonical) = path.canonicalize()
        && read::is_pseudo(&canonical)
    {
        issues.push(LoadIssue::at_path(
            shown_path(path),
            read::Refused::Pseudo { target: canonical }.said(),
        ));
        return (path.to_path_buf(), Vec::new());
    }
    let mut files = Vec::new();
    let root = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    walk(path, &root, &mut files, issues);
    files.sort_by_key(|f| relative(path, f));
    if files.is_empty() && issues.is_empty() {
        issues.push(
            LoadIssue::at_path(
                shown_path(path),
                Said::new(
                    "thư mục này không có tệp .yaml hay .yml nào",
                    "this directory holds no .yaml or .yml file",
                ),
            )
            .help(Some(Said::new(
                "`kientruc init DIR` tạo một mô hình mẫu",
                "`kientruc init DIR` writes a starter model",
            ))),
        );
    }
    (path.to_path_buf(), files)
}

/// A path as shown in a message, with control characters escaped.
fn shown_path(path: &Path) -> String {
    crate::text::printable(&path.display().to_string()).into_owned()
}

/// Walks the model directory `top` (whose canonical path is `root`) with an explicit stack:
/// a directory reached twice (a symlink loop, two links to one place) is read once; a symlink
/// that leads outside `root`, or to anything but a directory or a regular file, is refused
/// with an error naming it; named pipes and devices are never opened.
fn walk(top: &Path, root: &Path, files: &mut Vec<PathBuf>, issues: &mut Vec<LoadIssue>) {
    let mut visited = HashSet::new();
    let mut stack = vec![(top.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if !visited.insert(canonical) {
            continue;
        }
        if depth > MAX_DIR_DEPTH {
            issues.push(LoadIssue::at_path(
                shown_path(&dir),
                Said::new(
                    format!("thư mục lồng nhau sâu quá {MAX_DIR_DEPTH} cấp"),
                    format!("directories nest deeper than {MAX_DIR_DEPTH} levels"),
                ),
            ));
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) => {
                issues.push(LoadIssue::at_path(
                    shown_path(&dir),
                    Said::new(
                        format!("không đọc được thư mục: {}", crate::i18n::io_vi(&error)),
                        format!("cannot read the directory: {error}"),
                    ),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
            let shown = || relative(top, &path);
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Err(error) if yaml => {
                        issues.push(LoadIssue::at_path(shown(), cannot_read(&error)));
                        continue;
                    }
                    Err(_) => continue,
                    Ok(meta) if !meta.is_dir() && !yaml => continue,
                    Ok(_) => {}
                }
                if let Err(refused) = read::check_link(Some(root), &path) {
                    issues.push(LoadIssue::at_path(shown(), refused.said()));
                    continue;
                }
            }
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => stack.push((path, depth + 1)),
                Ok(meta) if yaml => match read::irregular(&meta) {
                    None => files.push(path),
                    Some(kind) => issues.push(LoadIssue::at_path(
                        shown(),
                        read::Refused::NotRegular(kind).said(),
                    )),
                },
                Ok(_) => {}
                Err(error) => issues.push(LoadIssue::at_path(shown(), cannot_read(&error))),
            }
        }
    }
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        parts.join("/")
    }
}

fn too_large(shown: String, size: u64) -> LoadIssue {
    LoadIssue::at_path(
        shown,
        Said::new(
            format!(
                "tệp lớn {} MiB; kientruc chỉ đọc tệp mô hình tối đa {} MiB",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            format!(
                "the file is {} MiB; kientruc reads model files of at most {} MiB",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ),
    )
    .help(Some(Said::new(
        "hãy tách mô hình thành nhiều tệp",
        "split the model into several files",
    )))
}

/// Parses the text of a file already in `sources` into its typed contents, charging the
/// YAML values it holds to `budget` (the model-wide budget left).
pub(crate) fn parse_file(
    id: FileId,
    sources: &Sources,
    budget: &mut usize,
    issues: &mut Vec<LoadIssue>,
) -> Option<ModelFile> {
    let (contents, used) = parse_counted(id, sources, (*budget).min(yaml::MAX_FILE_NODES), issues);
    if let Some(used) = used {
        *budget = budget.saturating_sub(used);
    }
    contents
}

/// Parses (with at most `limit` YAML values), validates and deserializes the text of a file
/// already in `sources`; the contents, and the values used when the YAML itself parsed.
pub(crate) fn parse_counted(
    id: FileId,
    sources: &Sources,
    limit: usize,
    issues: &mut Vec<LoadIssue>,
) -> (Option<ModelFile>, Option<usize>) {
    let text = &sources.get(id).text;
    let (node, used) = match yaml::parse_within(text, limit) {
        Ok((node, used)) => match node {
            Some(node) => (node, used),
            None => return (Some(ModelFile::default()), Some(used)),
        },
        Err(error) => {
            let mut issue = LoadIssue::in_file(sources, id, error.span, error.message)
                .help(error.help.map(|h| *h));
            if let Some((span, label)) = error.other.map(|o| *o) {
                issue.related.push((Loc::new(id, span), label));
            }
            issues.push(issue);
            return (None, None);
        }
    };
    // The schema speaks first. Most files are valid: they are deserialized, then their tree
    // is taken apart into the JSON the schema checks (no string copied); only a file the schema
    // refuses is parsed again, for the places of its errors.
    let contents = de::from_node::<ModelFile>(&node);
    if let Ok(contents) = contents {
        if schema::is_valid(&node.into_json()) == Some(true) {
            return (Some(contents), Some(used));
        }
        let node = match yaml::parse_within(text, limit) {
            Ok((Some(node), _)) => node,
            // The same text parsed a moment ago: this does not happen.
            _ => return (Some(contents), Some(used)),
        };
        let schema_issues = schema::validate(&node, id, sources);
        if schema_issues.is_empty() {
            return (Some(contents), Some(used));
        }
        issues.extend(schema_issues);
        return (None, Some(used));
    }
    let schema_issues = schema::validate(&node, id, sources);
    if !schema_issues.is_empty() {
        issues.extend(schema_issues);
        return (None, Some(used));
    }
    match contents {
        Ok(contents) => (Some(contents), Some(used)),
        Err(error) => {
            let span = error.span.unwrap_or(node.span);
            let message = error.said.unwrap_or_else(|| {
                Said::new(
                    format!("không đọc được giá trị: {}", error.message),
                    error.message,
                )
            });
            let help = error.help.map(|h| Said::new(h.clone(), h));
            issues.push(LoadIssue::in_file(sources, id, span, message).help(help));
            (None, Some(used))
        }
    }
}

fn cannot_read(error: &std::io::Error) -> Said {
    Said::new(
        format!("không đọc được: {}", crate::i18n::io_vi(error)),
        format!("cannot read: {error}"),
    )
}

/// The name of a UTF-16 or UTF-32 encoding, told by its byte order mark or, without one, by
/// the zero bytes ASCII text has in it (`a:` is `61 00 3A 00` in UTF-16 LE).
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian)"),
        [a, 0, 0, 0, ..] if *a != 0 => Some("UTF-32 (little-endian)"),
        [0, 0, 0, a, ..] if *a != 0 => Some("UTF-32 (big-endian)"),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some("UTF-16 (little-endian)"),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// Decodes bytes as UTF-8 (a BOM is dropped); on failure, the text so far and where it broke.
pub fn decode(bytes: &[u8]) -> (String, Option<(usize, Said, Said)>) {
    if let Some(encoding) = wide_encoding(bytes) {
        return (
            String::new(),
            Some((
                0,
                Said::new(
                    format!("tệp được mã hoá {encoding}; kientruc đọc UTF-8"),
                    format!("the file is {encoding}; kientruc reads UTF-8"),
                ),
                Said::new(
                    "hãy lưu tệp dưới dạng UTF-8 (trong hầu hết trình soạn thảo: “Save with Encoding” → UTF-8)",
                    "save the file as UTF-8 (in most editors: “Save with Encoding” → UTF-8)",
                ),
            )),
        );
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(error) => {
            let offset = error.valid_up_to();
            (
                String::from_utf8_lossy(bytes).into_owned(),
                Some((
                    offset,
                    Said::new(
                        "tệp không phải UTF-8 hợp lệ tại đây",
                        "the file is not valid UTF-8 here",
                    ),
                    Said::new(
                        "hãy lưu tệp dạng UTF-8; văn bản tiếng Việt bảng mã TCVN3 hay VNI phải chuyển sang Unicode",
                        "save the file as UTF-8; Vietnamese text in TCVN3 or VNI fonts must be converted to Unicode",
                    ),
                )),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `n` agencies, as the loader deserializes it.
    fn agencies(n: usize) -> ModelFile {
        let text: String = (0..n)
            .map(|i| format!("- {{id: a{i}, name: A {i}, level: province}}\n"))
            .collect();
        let node = yaml::parse(&format!("agencies:\n{text}")).unwrap().unwrap();
        de::from_node(&node).unwrap()
    }

    #[test]
    fn the_model_is_allocated_for_what_the_first_files_foretell() {
        let mut model = Model::default();
        // A tenth of the bytes read holds 10 agencies: room for 100, and the catalogue's 5.
        let first = agencies(10);
        model.reserve_foretold(&first, 100, 1000, 5);
        let room = model.agencies.capacity();
        assert!((105..=112).contains(&room), "{room}");
        model.absorb(0, first);
        // The files that follow as foretold fit: no new allocation.
        for k in 2..=9 {
            let next = agencies(10);
            model.reserve_foretold(&next, 100 * k, 1000, 5);
            model.absorb(0, next);
            assert_eq!(model.agencies.capacity(), room);
        }
        // A file beyond the forecast grows the list once, by at least half, keeping the
        // catalogue's room.
        let big = agencies(60);
        model.reserve_foretold(&big, 1000, 1000, 5);
        assert!(model.agencies.capacity() >= (room + room / 2).max(150 + 5));
        model.absorb(0, big);
        assert_eq!(model.agencies.len(), 150);
    }

    #[test]
    fn a_small_first_file_before_a_great_many_bytes_foretells_little() {
        // One agency in 50 bytes, then 4 GB of comments: room for 16 agencies and the
        // catalogue's 5, not for 80 million.
        let mut model = Model::default();
        model.reserve_foretold(&agencies(1), 50, 4_000_000_000, 5);
        let room = model.agencies.capacity();
        assert!((21..=24).contains(&room), "{room}");
    }

    #[test]
    fn decode_drops_bom_and_refuses_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").0, "a: 1");
        assert!(decode(b"\xFF\xFEa\x00").1.unwrap().1.en.contains("UTF-16"));
        assert!(
            decode(b"\xFF\xFE\x00\x00a\x00\x00\x00")
                .1
                .unwrap()
                .1
                .en
                .contains("UTF-32")
        );
        assert!(
            decode(b"\x00\x00\xFE\xFF\x00\x00\x00a")
                .1
                .unwrap()
                .1
                .en
                .contains("UTF-32")
        );
        let (_, error) = decode(b"a: \xC3\x28");
        assert_eq!(error.unwrap().0, 3);
    }
}
