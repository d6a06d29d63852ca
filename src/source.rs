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
}

impl SourceFile {
    pub fn new(path: String, text: String, national: bool) -> Self {
        SourceFile {
            path,
            text,
            national,
            outside_model: false,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position { line, column }
    }
}

/// All source files of a load, indexed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
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
}
