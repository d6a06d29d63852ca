//! Vietnamese-aware text keys: NFC/NFD treated as equal, case and diacritics folded, `đ` → `d`.
//! Used to compare names (DUP003) and to propose ASCII ids from Vietnamese names.
//!
//! Also the one sanitiser for text that leaves kientruc for a terminal or a line-based format
//! ([`printable`]) and the one way to shorten a value echoed in a message ([`clip`]).

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The folded key of a name: decomposed, marks dropped, `đ` → `d`, lower case, single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out` (many keys in one buffer).
pub fn fold_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut space = false;
    // Marks are dropped, so the canonical order NFD would restore does not matter: each
    // character is decomposed on its own (much cheaper than the streaming `nfd()`).
    let mut push = |c: char| {
        if is_combining_mark(c) {
            return;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            space = out.len() > start;
            return;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            decompose_canonical(c, &mut push);
        }
    }
}

/// Text in NFC, the form kientruc compares and prints.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// An id proposed from a name: folded, ASCII, words joined by `-`.
pub fn id_from_name(name: &str) -> String {
    let folded = fold(name);
    let mut id = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

/// Whether `c` must not reach a terminal or a line-based format raw: C0 and C1 control
/// characters and DEL (they move the cursor, retitle or recolour a terminal, end a line), the
/// bidirectional embeddings, overrides and isolates (they reorder what is shown: "Trojan
/// source"), the implicit direction marks, and the Unicode line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `text` with every character of [`is_unsafe`] shown escaped: `\n`, `\r`, `\t`, and
/// `\u{1b}` for the others. Borrowed when there is nothing to escape (the usual case).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`printable`], keeping the line ends of a text made of several lines (a help text).
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(printable).collect();
    Cow::Owned(lines.join("\n"))
}

/// How many characters of a value a message echoes (ids, keys and values can be megabytes).
pub const ECHO_CHARS: usize = 80;

/// `text` cut to [`ECHO_CHARS`] characters, with `…` when something was cut.
pub fn clip(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(ECHO_CHARS) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped() {
        assert_eq!(printable("Sở Y tế"), "Sở Y tế");
        assert_eq!(printable("a\n::error file=x::y"), "a\\n::error file=x::y");
        assert_eq!(printable("\u{1b}]0;t\u{7}"), "\\u{1b}]0;t\\u{7}");
        assert_eq!(printable("x\u{202e}y\u{2028}"), "x\\u{202e}y\\u{2028}");
        assert_eq!(printable("\u{85}\u{7f}\t"), "\\u{85}\\u{7f}\\t");
        assert_eq!(printable_lines("a\nb\u{1b}"), "a\nb\\u{1b}");
    }

    #[test]
    fn long_values_are_clipped() {
        assert_eq!(clip("abc"), "abc");
        let long = "ế".repeat(200);
        let clipped = clip(&long);
        assert_eq!(clipped.chars().count(), ECHO_CHARS + 1);
        assert!(clipped.ends_with('…'));
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Sở  Y tế"), "so y te");
        assert_eq!(fold("Đông Hải"), "dong hai");
        // The same word in NFC and NFD.
        assert_eq!(fold("Hòa Bình"), fold("Ho\u{0300}a Bi\u{0300}nh"));
        assert_eq!(id_from_name("Sở Y tế"), "so-y-te");
    }
}
