//! Reading, parsing, validating and deserializing the files of a model on every core, with a
//! result identical to one file after the other.
//!
//! Each file is read, decoded, parsed, checked against the schema and deserialized on its own
//! by a pool of scoped threads (`KIENTRUC_THREADS` sets how many; the default is the number of
//! cores). The results are merged as they become ready, in the sorted path order of the files:
//! file ids, issues and the model are those of a sequential load, byte for byte, and a file's
//! contents are let go once merged. The model-wide node budget
//! ([`MAX_MODEL_NODES`]) is charged at the merge, in order: a file whose parse would not fit in
//! what the files before it left is parsed again there, with the budget a sequential load would
//! have given it, so even the refusal of an oversized model reads the same.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

use super::{LoadIssue, MAX_FILE_BYTES, decode, parse_counted, read, relative, too_large, yaml};
use crate::model::{FileId, ModelFile, Span};
use crate::source::{Loc, SourceFile, Sources};

/// The environment variable that sets how many threads load the files (1: one after the
/// other). Unset, empty or not a positive number: one thread per core.
pub const THREADS_VAR: &str = "KIENTRUC_THREADS";

/// How many threads load files: `KIENTRUC_THREADS`, else the cores available.
pub fn threads() -> usize {
    std::env::var(THREADS_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .min(64)
}

/// What one file became on its own, before it is given its id.
enum Prepared {
    /// Not tried: the files prepared before it already used up the model's budget, so the
    /// merge loads it in order (and refuses it, as a sequential load would).
    Skipped,
    /// Not read at all (too large, unreadable, not a regular file): no source is added.
    Refused(LoadIssue),
    /// Read and decoded: the source, and what its parse gave with the per-file limit.
    Read {
        file: SourceFile,
        /// Issues located in file 0 (the file's own id in its private sources).
        issues: Vec<LoadIssue>,
        contents: Option<Box<ModelFile>>,
        /// Whether the text could not be decoded (no parse was tried).
        undecodable: bool,
        /// The YAML values the parse used, when the YAML parse itself succeeded.
        used: Option<usize>,
    },
}

/// One file of the model to load: a path to read, text already in memory, or text parsed
/// before (the language server's cache).
pub enum Input<'a> {
    Path(&'a Path),
    Bytes {
        name: String,
        bytes: &'a [u8],
    },
    /// A text that parsed without an issue into `contents`, using `values` YAML values: taken
    /// as it is (a copy) when those values fit the limit, parsed again otherwise, so the
    /// result is that of parsing `text`.
    Parsed {
        name: String,
        text: &'a str,
        contents: &'a ModelFile,
        values: usize,
    },
}

/// A file that loaded, handed to the merge's `take` in order.
pub struct Taken {
    /// Its place among the inputs.
    pub input: usize,
    pub id: FileId,
    pub contents: ModelFile,
    /// The YAML values it holds (charged to the model's budget).
    pub values: usize,
}

/// Loads `inputs` (in the order given) into `sources`, issues into `issues`, and hands each
/// file that loaded to `take`, with its id, in order, as soon as it and every file before it
/// are ready: the files' contents are not all held at once. `budget` is the model-wide node
/// budget left.
pub fn load_all(
    root: &Path,
    inputs: &[Input<'_>],
    sources: &mut Sources,
    budget: &mut usize,
    issues: &mut Vec<LoadIssue>,
    take: impl FnMut(&Sources, &mut Vec<LoadIssue>, Taken),
) {
    load_on(threads(), root, inputs, sources, budget, issues, take);
}

/// [`load_all`] on `threads` threads (1: one file after the other, on the calling thread).
fn load_on(
    threads: usize,
    root: &Path,
    inputs: &[Input<'_>],
    sources: &mut Sources,
    budget: &mut usize,
    issues: &mut Vec<LoadIssue>,
    mut take: impl FnMut(&Sources, &mut Vec<LoadIssue>, Taken),
) {
    let threads = threads.min(inputs.len()).max(1);
    let board = Board {
        state: Mutex::new(State {
            slots: inputs.iter().map(|_| None).collect(),
            running: threads,
        }),
        ready: Condvar::new(),
    };
    let left = AtomicUsize::new(*budget);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        if threads > 1 {
            for _ in 0..threads {
                scope.spawn(|| work(root, inputs, &board, &left, &next));
            }
        } else {
            board.lock().running = 0;
        }
        for (k, input) in inputs.iter().enumerate() {
            let prepared = board.wait_for(k);
            let place = (k, input);
            merge_one(root, place, prepared, sources, budget, issues, &mut take);
        }
    });
}

/// One file's preparation, merged in order: given its id, its issues located, and its budget
/// charged as a sequential load would.
fn merge_one(
    root: &Path,
    (k, input): (usize, &Input<'_>),
    prepared: Prepared,
    sources: &mut Sources,
    budget: &mut usize,
    issues: &mut Vec<LoadIssue>,
    take: &mut impl FnMut(&Sources, &mut Vec<LoadIssue>, Taken),
) {
    let (prepared, exact) = match prepared {
        Prepared::Skipped => (
            prepare(root, input, (*budget).min(yaml::MAX_FILE_NODES)),
            true,
        ),
        prepared => (prepared, false),
    };
    match prepared {
        Prepared::Skipped => {}
        Prepared::Refused(issue) => issues.push(issue),
        Prepared::Read {
            file,
            issues: own,
            contents,
            undecodable,
            used,
        } => {
            let id = sources.add(file);
            if undecodable {
                issues.extend(own.into_iter().map(|i| relocate(i, id)));
                return;
            }
            // The same limit as a sequential load: a parse that succeeded within what is
            // left, or a failure met with the full per-file limit.
            let same = exact
                || match used {
                    Some(used) => used <= *budget,
                    None => *budget >= yaml::MAX_FILE_NODES,
                };
            let taken = |contents, values| Taken {
                input: k,
                id,
                contents,
                values,
            };
            if same {
                if let Some(used) = used {
                    *budget = budget.saturating_sub(used);
                }
                issues.extend(own.into_iter().map(|i| relocate(i, id)));
                if let Some(contents) = contents {
                    take(sources, issues, taken(*contents, used.unwrap_or(0)));
                }
            } else {
                let before = *budget;
                if let Some(contents) = super::parse_file(id, sources, budget, issues) {
                    take(sources, issues, taken(contents, before - *budget));
                }
            }
        }
    }
}

/// Where the workers leave each file prepared, for the merge to take in order.
struct Board {
    state: Mutex<State>,
    ready: Condvar,
}

struct State {
    /// Per input: prepared and not yet taken by the merge.
    slots: Vec<Option<Prepared>>,
    /// Workers still preparing files.
    running: usize,
}

impl Board {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Input `k` prepared, once a worker has done it; [`Prepared::Skipped`] when no worker
    /// will (the budget ran out, or a worker panicked): the merge then loads it itself.
    fn wait_for(&self, k: usize) -> Prepared {
        let mut state = self.lock();
        loop {
            if let Some(prepared) = state.slots[k].take() {
                return prepared;
            }
            if state.running == 0 {
                return Prepared::Skipped;
            }
            state = self
                .ready
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// Counts a worker out when it ends, even by a panic, so the merge never waits for it.
struct Leaving<'a>(&'a Board);

impl Drop for Leaving<'_> {
    fn drop(&mut self) {
        self.0.lock().running -= 1;
        self.0.ready.notify_all();
    }
}

/// A worker: prepares the next input no one has taken, until none is left. The workers share
/// the model's budget `left`: once the files they parsed hold more values than it, they stop
/// (the files left are loaded by the merge, in order), so a model over the limit costs no more
/// than in order.
fn work(root: &Path, inputs: &[Input<'_>], board: &Board, left: &AtomicUsize, next: &AtomicUsize) {
    let _leaving = Leaving(board);
    loop {
        let k = next.fetch_add(1, Ordering::Relaxed);
        let Some(input) = inputs.get(k) else {
            break;
        };
        if left.load(Ordering::Relaxed) == 0 {
            break;
        }
        let prepared = prepare(root, input, yaml::MAX_FILE_NODES);
        if let Prepared::Read {
            used: Some(used), ..
        } = &prepared
        {
            let used = *used;
            let _ = left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |l| {
                Some(l.saturating_sub(used))
            });
        }
        board.lock().slots[k] = Some(prepared);
        board.ready.notify_all();
    }
}

/// Reads, decodes and parses one file on its own, with at most `limit` YAML values.
fn prepare(root: &Path, input: &Input<'_>, limit: usize) -> Prepared {
    let read;
    let (shown, bytes): (String, &[u8]) = match input {
        Input::Path(path) => {
            let shown = crate::text::printable(&relative(root, path)).into_owned();
            read = match read::read_limited(path, MAX_FILE_BYTES) {
                Ok(bytes) => bytes,
                Err(read::Refused::TooLarge { at_least, .. }) => {
                    return Prepared::Refused(too_large(shown, at_least));
                }
                Err(refused) => {
                    return Prepared::Refused(LoadIssue::at_path(shown, refused.said()));
                }
            };
            (shown, &read)
        }
        Input::Bytes { name, bytes } => (crate::text::printable(name).into_owned(), bytes),
        Input::Parsed {
            name,
            text,
            contents,
            values,
        } if *values <= limit => {
            let mut own = Sources::default();
            own.add(SourceFile::new(
                crate::text::printable(name).into_owned(),
                text.to_string(),
                false,
            ));
            return Prepared::Read {
                file: take(own),
                issues: Vec::new(),
                contents: Some(Box::new((*contents).clone())),
                undecodable: false,
                used: Some(*values),
            };
        }
        Input::Parsed { name, text, .. } => {
            (crate::text::printable(name).into_owned(), text.as_bytes())
        }
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Prepared::Refused(too_large(shown, bytes.len() as u64));
    }
    let (text, decode_error) = decode(bytes);
    let mut own = Sources::default();
    let id = own.add(SourceFile::new(shown, text, false));
    let mut issues = Vec::new();
    if let Some((offset, message, help)) = decode_error {
        issues.push(
            LoadIssue::in_file(&own, id, Span::new(offset, offset), message).help(Some(help)),
        );
        return Prepared::Read {
            file: take(own),
            issues,
            contents: None,
            undecodable: true,
            used: None,
        };
    }
    let (contents, used) = parse_counted(id, &own, limit, &mut issues);
    Prepared::Read {
        file: take(own),
        issues,
        contents: contents.map(Box::new),
        undecodable: false,
        used,
    }
}

/// The one file of a private `Sources`.
fn take(sources: Sources) -> SourceFile {
    sources
        .into_files()
        .pop()
        .unwrap_or_else(|| SourceFile::new(String::new(), String::new(), false))
}

/// An issue located in a private `Sources` (file 0), moved to the file's real id.
fn relocate(mut issue: LoadIssue, id: FileId) -> LoadIssue {
    if let Some(loc) = &mut issue.loc {
        loc.file = id;
    }
    for (loc, _) in &mut issue.related {
        *loc = Loc::new(id, loc.span);
    }
    issue
}

impl Input<'_> {
    /// How many bytes the input holds (for a path, as the file system says: 0 when unknown).
    pub fn size(&self) -> u64 {
        match self {
            Input::Path(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            Input::Bytes { bytes, .. } => bytes.len() as u64,
            Input::Parsed { text, .. } => text.len() as u64,
        }
    }
}

/// The paths of `files` as inputs.
pub fn paths(files: &[PathBuf]) -> Vec<Input<'_>> {
    files.iter().map(|p| Input::Path(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a load gave: the files' names in id order, the issues, the files taken (id and
    /// agency ids) and the budget left.
    type Outcome = (Vec<String>, Vec<String>, Vec<(FileId, Vec<String>)>, usize);

    /// What the files parsed into, by their place: the contents and the values they used.
    type Parsed = Vec<Option<(ModelFile, usize)>>;

    /// Loads `texts` on `threads` threads within `budget`; a file of `parsed` is given as
    /// parsed before ([`Input::Parsed`]), the others as bytes.
    fn load_as(
        threads: usize,
        texts: &[(String, Vec<u8>)],
        budget: usize,
        parsed: &Parsed,
    ) -> (Outcome, Parsed) {
        let inputs: Vec<Input<'_>> = texts
            .iter()
            .zip(parsed)
            .map(|((name, bytes), parsed)| match parsed {
                Some((contents, values)) => Input::Parsed {
                    name: name.clone(),
                    text: std::str::from_utf8(bytes).unwrap(),
                    contents,
                    values: *values,
                },
                None => Input::Bytes {
                    name: name.clone(),
                    bytes,
                },
            })
            .collect();
        let mut gave = vec![None; texts.len()];
        let mut sources = Sources::default();
        let mut issues = Vec::new();
        let mut left = budget;
        let mut taken = Vec::new();
        load_on(
            threads,
            Path::new(""),
            &inputs,
            &mut sources,
            &mut left,
            &mut issues,
            |_, _, file| {
                let ids = file.contents.agencies.iter().map(|a| a.id.to_string());
                taken.push((file.id, ids.collect()));
                gave[file.input] = Some((file.contents, file.values));
            },
        );
        let names = sources.into_files().into_iter().map(|f| f.path).collect();
        let issues = issues.iter().map(|i| format!("{i:?}")).collect();
        ((names, issues, taken, left), gave)
    }

    fn load(threads: usize, texts: &[(String, Vec<u8>)], budget: usize) -> Outcome {
        load_as(threads, texts, budget, &vec![None; texts.len()]).0
    }

    /// Eight files: agencies, an empty file, a YAML syntax error, bytes that are no UTF-8 and
    /// a file the schema refuses among them.
    fn files() -> Vec<(String, Vec<u8>)> {
        (0..8)
            .map(|k| {
                let text = match k {
                    1 => String::new(),
                    3 => "agencies: [\n".to_string(),
                    5 => return (format!("f{k}.yaml"), b"agencies:\n  - id: \xff\n".to_vec()),
                    6 => "agencies: [1, 2]\n".to_string(),
                    _ => (0..10).fold(String::from("agencies:\n"), |text, i| {
                        text + &format!("  - {{id: a{k}-{i}, name: A {i}, level: province}}\n")
                    }),
                };
                (format!("f{k}.yaml"), text.into_bytes())
            })
            .collect()
    }

    #[test]
    fn any_budget_reads_the_same_on_one_thread_and_on_several() {
        let texts = files();
        let (all, parsed) = load_as(1, &texts, usize::MAX, &vec![None; texts.len()]);
        assert_eq!(
            all.2.len(),
            5,
            "every file but the three broken ones: {all:?}"
        );
        let used = usize::MAX - all.3;
        let mut refused_late = false;
        for budget in 0..=used + 3 {
            let one = load(1, &texts, budget);
            for threads in [2, 3, 8] {
                assert_eq!(
                    load(threads, &texts, budget),
                    one,
                    "budget {budget}, {threads} threads"
                );
            }
            // The budget runs out in a file after the first: the merge must have charged the
            // files before it in order.
            refused_late |= one.1.iter().any(|i| i.contains("YAML values")) && one.2.len() > 1;
            // The files given as parsed before read as if parsed now: taken as they are when
            // their values fit, parsed again (and refused) when they do not.
            for threads in [1, 2] {
                let again = load_as(threads, &texts, budget, &parsed).0;
                assert_eq!(
                    again, one,
                    "parsed before, budget {budget}, {threads} threads"
                );
            }
        }
        assert!(refused_late, "no budget ran out after the first files");
        // Exactly the values the files hold is enough; one fewer is not.
        let exact = load(2, &texts, used);
        assert_eq!((&exact.1, &exact.2, exact.3), (&all.1, &all.2, 0));
        assert_ne!(
            load(2, &texts, used - 1).1,
            all.1,
            "one value fewer is refused"
        );
    }
}
