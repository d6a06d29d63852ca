//! The source map: every file a model was read from, its text, and how to turn a byte span into
//! line and column. One `Loc` type names a place in one file; findings and errors carry it.

use std::sync::OnceLock;

use crate::model::{FileId, Span};

/// A place in one source file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

impl Loc {
    pub fn new(file: FileId, span: Span) -> Self {
        Loc { file, span }
    }
}

/// Line and column (1-based; columns count Unicode characters) of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown to users: relative to the model root, with `/` separators; national
    /// catalogue files are `national/…`.
    pub path: String,
    pub text: String,
    /// Whether the file is part of the built-in national catalogue.
    pub national: bool,
    /// Whether `path` is relative to the working directory (a proposal's files) rather than
    /// to the model root: reports then show it as it is, without the model's repository base.
    pub outside_model: bool,
    line_starts: OnceLock<Vec<usize>>,
    /// Characters before each block of [`BLOCK`] bytes, so a column is found without
    /// counting from the start of a (possibly 60 MB long) line.
    char_blocks: OnceLock<Vec<usize>>,
}

/// The block size of [`SourceFile::char_blocks`].
const BLOCK: usize = 4096;

/// Where each line starts: after `\n`, after `\r\n`, and after a `\r` alone (YAML's three
/// line breaks; a file saved with old Mac line ends has only `\r`).
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
    }
    starts
}

/// The number of characters in `bytes` (UTF-8): the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    pub fn new(path: String, text: String, national: bool) -> Self {
        SourceFile {
            path,
            text,
            national,
            outside_model: false,
            line_starts: OnceLock::new(),
            char_blocks: OnceLock::new(),
        }
    }

    /// The byte offset where each line starts (see [`line_starts`]).
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    /// The characters in the text before byte `offset`, in time bounded by [`BLOCK`].
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        if offset < BLOCK {
            return count_chars(&bytes[..offset]);
        }
        let blocks = self.char_blocks.get_or_init(|| {
            let mut total = 0;
            let mut blocks = vec![0];
            for chunk in bytes.chunks(BLOCK) {
                total += count_chars(chunk);
                blocks.push(total);
            }
            blocks
        });
        let block = offset / BLOCK;
        blocks[block] + count_chars(&bytes[block * BLOCK..offset])
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts()
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.line_starts()[line];
        let column = self.chars_before(offset) - self.chars_before(start) + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

/// All source files of a load, indexed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    /// How the model's root is shown to people: relative to the working directory (as a
    /// compiler prints paths), with `/` separators and a trailing `/`; empty for the working
    /// directory itself. See [`shown_root`].
    root: String,
}

/// The prefix that shows paths of the model at `path` (a directory, or one file) relative to
/// the working directory: `models/bac-lieu/` for `models/bac-lieu` or `./models/bac-lieu/`,
/// empty for `.`, the absolute directory when it is not under the working directory.
pub fn shown_root(path: &std::path::Path) -> String {
    use std::path::{Component, Path, PathBuf};
    let dir = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new(""))
    };
    let mut dir: PathBuf = dir.to_path_buf();
    if dir.is_absolute()
        && let Ok(cwd) = std::env::current_dir()
    {
        let cwd = cwd.canonicalize().unwrap_or(cwd);
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if let Ok(inside) = canonical.strip_prefix(&cwd) {
            dir = inside.to_path_buf();
        }
    }
    let mut shown = String::new();
    for part in dir.components() {
        match part {
            Component::CurDir => {}
            Component::RootDir => shown.push('/'),
            Component::Prefix(p) => shown.push_str(&p.as_os_str().to_string_lossy()),
            other => {
                shown.push_str(&other.as_os_str().to_string_lossy());
                shown.push('/');
            }
        }
    }
    crate::text::printable(&shown).into_owned()
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        (self.files.len() - 1) as FileId
    }
    pub fn get_mut(&mut self, id: FileId) -> &mut SourceFile {
        &mut self.files[id as usize]
    }
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id as usize]
    }
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (i as FileId, f))
    }
    pub fn path(&self, loc: Loc) -> &str {
        &self.get(loc.file).path
    }
    /// Sets how the model's root is shown ([`shown_root`]).
    pub fn set_root(&mut self, root: String) {
        self.root = root;
    }
    /// The prefix of the model's files as shown to people ([`shown_root`]).
    pub fn root(&self) -> &str {
        &self.root
    }
    /// The path of `file` as shown to people: relative to the working directory for the
    /// model's files; proposals are already so, and the national catalogue's files are named
    /// `national/…`, which is no path on disk.
    pub fn shown_file(&self, file: FileId) -> std::borrow::Cow<'_, str> {
        let f = self.get(file);
        if f.national || f.outside_model || self.root.is_empty() {
            std::borrow::Cow::Borrowed(&f.path)
        } else {
            std::borrow::Cow::Owned(format!("{}{}", self.root, f.path))
        }
    }
    /// [`Sources::shown_file`] of the file of `loc`.
    pub fn shown(&self, loc: Loc) -> std::borrow::Cow<'_, str> {
        self.shown_file(loc.file)
    }
    pub fn position(&self, loc: Loc) -> Position {
        self.get(loc.file).position(loc.span.start as usize)
    }
    pub fn end_position(&self, loc: Loc) -> Position {
        self.get(loc.file).position(loc.span.end as usize)
    }
    /// Files of the model itself (not of the national catalogue).
    pub fn model_files(&self) -> usize {
        self.files.iter().filter(|f| !f.national).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let file = SourceFile::new("a.yaml".into(), "id: x\nname: Sở Y tế\n".into(), false);
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        let offset = file.text.find("tế").unwrap();
        assert_eq!(
            file.position(offset),
            Position {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn carriage_returns_alone_end_lines() {
        let file = SourceFile::new("a.yaml".into(), "a: 1\rbb: 2\r\ncc: 3\n".into(), false);
        let at = |needle: &str| file.position(file.text.find(needle).unwrap());
        assert_eq!(at("bb"), Position { line: 2, column: 1 });
        assert_eq!(at("2"), Position { line: 2, column: 5 });
        assert_eq!(at("cc"), Position { line: 3, column: 1 });
    }

    #[test]
    fn columns_on_a_long_line_count_characters() {
        let text = format!("{}x", "é".repeat(10_000));
        let file = SourceFile::new("a.yaml".into(), text.clone(), false);
        let offset = text.find('x').unwrap();
        assert_eq!(file.position(offset).column, 10_001);
        assert_eq!(file.position(2 * 5_000).column, 5_001);
    }
}
