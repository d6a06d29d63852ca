//! Loading a model again and again while it is edited (the language server, `check --watch`):
//! some files' contents come from memory (an editor's unsaved buffers), and a file whose text
//! has not changed since the last load is not parsed again — its typed contents are taken from
//! a [`ParseCache`] keyed by the file's path and its text. A file on disk whose size and
//! modification time are those of the cached read is not read again either. The result is the
//! same [`Loaded`] (or [`LoadFailure`]) a fresh [`super::load_model_with`] gives for those
//! texts.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::SystemTime;

use super::files::{Input, load_all};
use super::{
    Catalogue, Catalogues, LoadFailure, Loaded, MAX_FILE_BYTES, MAX_MODEL_NODES,
    check_one_model_key, decode, discover, finish, read, relative,
};
use crate::model::{Model, ModelFile};
use crate::source::{Loc, Sources};

/// The typed contents of the files parsed so far, by the path shown (relative to the model
/// root) and the hash of the text they were parsed from. Only files that parsed without an
/// issue are kept; a file that no longer belongs to the model is forgotten at the next load.
#[derive(Debug, Default)]
pub struct ParseCache {
    entries: HashMap<String, Entry>,
    /// How many files the last load parsed (the others came from the cache).
    pub parsed: usize,
}

#[derive(Debug)]
struct Entry {
    /// The text the contents were parsed from.
    text: String,
    /// The size and modification time of the file when it was read from disk (`None` when
    /// the text came from an editor's buffer).
    stamp: Option<(u64, SystemTime)>,
    /// The YAML values the file holds, counted against [`MAX_MODEL_NODES`].
    nodes: usize,
    contents: ModelFile,
}

/// The size and modification time of a file, when the system tells both.
fn stamp_of(file: &Path) -> Option<(u64, SystemTime)> {
    let metadata = std::fs::metadata(file).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

impl ParseCache {
    /// How many files the cache holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// How one file of a live load is read: from an editor's buffer, from what the cache holds
/// (its text unchanged), or from disk.
enum Plan {
    Buffer,
    Cached,
    /// Read from disk by the load itself; its text, when it was read here to be compared with
    /// the cache's.
    Disk(Option<String>),
}

/// Loads the model at `path` like [`super::load_model_with`], except that a file whose shown
/// path (relative to the model root, `/`-separated) is a key of `buffers` is read from there
/// instead of from disk, and that files unchanged since the last call with the same `cache`
/// are not parsed again. Files are still found on disk: a buffer of a file that is not there
/// is not part of the model. The files are loaded on every core, as a whole load does
/// ([`super::files::load_all`]): the first load of a large model is as fast as a check, and
/// the cached files are copied into the model by the same threads.
pub fn load_model_live(
    path: &Path,
    catalogues: &Catalogues,
    framework: Option<&Catalogue>,
    buffers: &HashMap<String, String>,
    cache: &mut ParseCache,
) -> Result<Loaded, LoadFailure> {
    let mut sources = Sources::default();
    let mut issues = Vec::new();
    let (root, files) = discover(path, &mut issues);
    let shown: Vec<String> = files
        .iter()
        .map(|file| crate::text::printable(&relative(&root, file)).into_owned())
        .collect();
    // Where each file's text comes from, and the stamp to keep for it. A file on disk whose
    // stamp changed is read here when the cache holds it, so that a text saved unchanged is
    // not parsed again; otherwise the load reads it.
    let mut stamps = Vec::with_capacity(files.len());
    let plans: Vec<Plan> = files
        .iter()
        .zip(&shown)
        .map(|(file, shown)| {
            let entry = cache.entries.get(shown);
            if let Some(text) = buffers.get(shown) {
                stamps.push(None);
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                return match entry {
                    Some(e) if e.text == text => Plan::Cached,
                    _ => Plan::Buffer,
                };
            }
            let stamp = stamp_of(file);
            stamps.push(stamp);
            match entry {
                Some(e) if stamp.is_some() && e.stamp == stamp => Plan::Cached,
                Some(e) => match read::read_limited(file, MAX_FILE_BYTES) {
                    Ok(bytes) => match decode(&bytes) {
                        (text, None) if text == e.text => Plan::Cached,
                        (text, None) => Plan::Disk(Some(text)),
                        // Refused again by the load, in its place among the issues.
                        _ => Plan::Disk(None),
                    },
                    Err(_) => Plan::Disk(None),
                },
                None => Plan::Disk(None),
            }
        })
        .collect();
    let inputs: Vec<Input<'_>> = plans
        .iter()
        .zip(&files)
        .zip(&shown)
        .map(|((plan, file), shown)| match plan {
            Plan::Cached => {
                let entry = &cache.entries[shown];
                Input::Parsed {
                    name: shown.clone(),
                    text: &entry.text,
                    contents: &entry.contents,
                    values: entry.nodes,
                }
            }
            Plan::Buffer => Input::Bytes {
                name: shown.clone(),
                bytes: buffers[shown].as_bytes(),
            },
            Plan::Disk(Some(text)) => Input::Bytes {
                name: shown.clone(),
                bytes: text.as_bytes(),
            },
            Plan::Disk(None) => Input::Path(file),
        })
        .collect();
    let mut model = Model::default();
    // Room for what the files held last time (the model's lists allocated once, as a whole
    // load does); on a first load, for what the first files foretell.
    model.reserve_for(
        cache.entries.values().map(|e| &e.contents),
        catalogues.largest_kind(),
    );
    let total: u64 = inputs.iter().map(Input::size).sum();
    let mut done = 0u64;
    let mut model_keys: Vec<Loc> = Vec::new();
    let mut budget = MAX_MODEL_NODES;
    let mut parsed: Vec<(usize, String, ModelFile, usize)> = Vec::new();
    load_all(
        &root,
        &inputs,
        &mut sources,
        &mut budget,
        &mut issues,
        |sources, _, file| {
            if let Some(info) = &file.contents.model {
                model_keys.push(Loc::new(file.id, info.id.span));
            }
            let text = &sources.get(file.id).text;
            done += text.len() as u64;
            if !matches!(plans[file.input], Plan::Cached) {
                parsed.push((file.input, text.clone(), file.contents.clone(), file.values));
            }
            let extra = catalogues.largest_kind();
            model.reserve_foretold(&file.contents, done, total.max(done), extra);
            model.absorb(file.id, file.contents);
        },
    );
    drop(inputs);
    cache.parsed = plans.iter().filter(|p| !matches!(p, Plan::Cached)).count();
    for (k, plan) in plans.iter().enumerate() {
        if let (Plan::Cached, Some(entry)) = (plan, cache.entries.get_mut(&shown[k])) {
            entry.stamp = stamps[k];
        }
    }
    for (k, text, contents, nodes) in parsed {
        let entry = Entry {
            text,
            stamp: stamps[k],
            nodes,
            contents,
        };
        cache.entries.insert(shown[k].clone(), entry);
    }
    let seen: HashSet<&String> = shown.iter().collect();
    cache.entries.retain(|shown, _| seen.contains(shown));
    if issues.is_empty() {
        check_one_model_key(path, &files, &model_keys, &sources, &mut issues);
    }
    finish(model, sources, issues, root, catalogues, framework)
}
