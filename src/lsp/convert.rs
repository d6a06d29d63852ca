//! Between the editor's words and kientruc's: `file://` URIs and the paths shown relative to
//! the model root, LSP positions (0-based line, UTF-16 code units) and byte offsets.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use crate::source::{Loc, SourceFile, Sources};

/// What a path segment of a `file://` URI escapes (RFC 3986 `pchar` keeps the rest).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The local path of a `file://` URI.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file:///x` (empty host) or `file://localhost/x`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

/// The `file://` URI of an absolute path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let mut text = String::from("file://");
    for component in path.components() {
        match component {
            std::path::Component::RootDir => {}
            std::path::Component::Normal(part) => {
                text.push('/');
                text.extend(utf8_percent_encode(&part.to_string_lossy(), SEGMENT));
            }
            _ => return None,
        }
    }
    if text.len() == "file://".len() {
        text.push('/');
    }
    Uri::from_str(&text).ok()
}

/// The path shown for `path` (relative to `root`, `/`-separated), when it lies under `root`.
pub fn shown_of(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| crate::text::printable(&parts.join("/")).into_owned())
}

/// The LSP position of byte `offset` of `file`.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let offset = floor_char(&file.text, offset.min(file.text.len()));
    let line = file.line_of(offset);
    let start = file.line_starts()[line];
    let character = file.text[start..offset].encode_utf16().count();
    Position::new(line as u32, character as u32)
}

/// The LSP range of a place.
pub fn range(sources: &Sources, loc: Loc) -> Range {
    let file = sources.get(loc.file);
    Range::new(
        position(file, loc.span.start as usize),
        position(file, loc.span.end as usize),
    )
}

/// The byte offset of an LSP position in `text` (clamped to the line and the text).
pub fn offset(text: &str, position: Position) -> usize {
    let starts = crate::source::line_starts(text);
    let Some(&start) = starts.get(position.line as usize) else {
        return text.len();
    };
    let end = starts
        .get(position.line as usize + 1)
        .copied()
        .unwrap_or(text.len());
    let mut units = 0u32;
    for (i, c) in text[start..end].char_indices() {
        if units >= position.character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    end
}

fn floor_char(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip_with_vietnamese_and_spaces() {
        let path = Path::new("/tmp/mô hình/hệ thống #1.yaml");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/m%C3%B4%20h%C3%ACnh/h%E1%BB%87%20th%E1%BB%91ng%20%231.yaml"
        );
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        let other = Uri::from_str("https://example.org/a.yaml").unwrap();
        assert!(uri_to_path(&other).is_none());
    }

    #[test]
    fn positions_count_utf16_units() {
        let text = "a: x\nname: Sở 𝕏 tế\n";
        let file = SourceFile::new("a.yaml".into(), text.into(), false);
        let at = text.find("tế").unwrap();
        // `name: Sở ` is 9 units, `𝕏` two, then a space.
        assert_eq!(position(&file, at), Position::new(1, 12));
        assert_eq!(offset(text, Position::new(1, 12)), at);
        assert_eq!(offset(text, Position::new(1, 99)), text.len() - 1);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
    }
}
