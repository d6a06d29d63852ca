//! Loading a model again and again while it is edited (the language server, `check --watch`):
//! some files' contents come from memory (an editor's unsaved buffers), and a file whose text
//! has not changed since the last load is not parsed again — its typed contents are taken from
//! a [`ParseCache`] keyed by the file's path and its text. A file on disk whose size and
//! modification time are those of the cached read is not read again either. The result is the
//! same [`Loaded`] (or [`LoadFailure`]) a fresh [`super::load_model_with`] gives for those
//! texts.

use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

use super::{
    Catalogue, Catalogues, LoadFailure, LoadIssue, Loaded, MAX_FILE_BYTES, MAX_MODEL_NODES,
    check_one_model_key, decode, discover, finish, parse_file, read, relative, too_large,
};
use crate::model::{Model, ModelFile, Span};
use crate::source::{Loc, SourceFile, Sources};

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

/// Loads the model at `path` like [`super::load_model_with`], except that a file whose shown
/// path (relative to the model root, `/`-separated) is a key of `buffers` is read from there
/// instead of from disk, and that files unchanged since the last call with the same `cache`
/// are not parsed again. Files are still found on disk: a buffer of a file that is not there
/// is not part of the model.
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
    let mut model = Model::default();
    // Room for what the files held last time (the model's lists allocated once, as a whole
    // load does; a file added since grows them).
    model.reserve_for(
        cache.entries.values().map(|e| &e.contents),
        catalogues.largest_kind(),
    );
    let mut model_keys: Vec<Loc> = Vec::new();
    let mut budget = MAX_MODEL_NODES;
    let mut seen: HashMap<String, ()> = HashMap::with_capacity(files.len());
    cache.parsed = 0;
    for file in &files {
        let shown = crate::text::printable(&relative(&root, file)).into_owned();
        let mut stamp = None;
        let text = match buffers.get(&shown) {
            Some(text) if text.len() as u64 > MAX_FILE_BYTES => {
                issues.push(too_large(shown, text.len() as u64));
                continue;
            }
            Some(text) => text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
            None => {
                stamp = stamp_of(file);
                let unchanged = cache
                    .entries
                    .get(&shown)
                    .filter(|e| stamp.is_some() && e.stamp == stamp);
                match unchanged {
                    Some(entry) => entry.text.clone(),
                    None => match read::read_limited(file, MAX_FILE_BYTES) {
                        Ok(bytes) => {
                            let (text, error) = decode(&bytes);
                            if let Some((offset, message, help)) = error {
                                let id = sources.add(SourceFile::new(shown, text, false));
                                issues.push(
                                    LoadIssue::in_file(
                                        &sources,
                                        id,
                                        Span::new(offset, offset),
                                        message,
                                    )
                                    .help(Some(help)),
                                );
                                continue;
                            }
                            text
                        }
                        Err(read::Refused::TooLarge { at_least, .. }) => {
                            issues.push(too_large(shown, at_least));
                            continue;
                        }
                        Err(refused) => {
                            issues.push(LoadIssue::at_path(shown, refused.said()));
                            continue;
                        }
                    },
                }
            }
        };
        seen.insert(shown.clone(), ());
        let cached = cache
            .entries
            .get_mut(&shown)
            .filter(|e| e.text == text && e.nodes <= budget);
        let (id, contents) = match cached {
            Some(entry) => {
                budget -= entry.nodes;
                entry.stamp = stamp;
                let contents = entry.contents.clone();
                (sources.add(SourceFile::new(shown, text, false)), contents)
            }
            None => {
                cache.parsed += 1;
                let before = budget;
                let id = sources.add(SourceFile::new(shown.clone(), text.clone(), false));
                match parse_file(id, &sources, &mut budget, &mut issues) {
                    Some(contents) => {
                        cache.entries.insert(
                            shown,
                            Entry {
                                text,
                                stamp,
                                nodes: before - budget,
                                contents: contents.clone(),
                            },
                        );
                        (id, contents)
                    }
                    None => continue,
                }
            }
        };
        if let Some(info) = &contents.model {
            model_keys.push(Loc::new(id, info.id.span));
        }
        model.absorb(id, contents);
    }
    cache.entries.retain(|shown, _| seen.contains_key(shown));
    if issues.is_empty() {
        check_one_model_key(path, &files, &model_keys, &sources, &mut issues);
    }
    finish(model, sources, issues, root, catalogues, framework)
}
