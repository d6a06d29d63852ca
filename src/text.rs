//! Vietnamese-aware text keys: NFC/NFD treated as equal, case and diacritics folded, `đ` → `d`.
//! Used to compare names (DUP003) and to propose ASCII ids from Vietnamese names.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The folded key of a name: decomposed, marks dropped, `đ` → `d`, lower case, single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
            space = !out.is_empty();
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
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Sở  Y tế"), "so y te");
        assert_eq!(fold("Đông Hải"), "dong hai");
        // The same word in NFC and NFD.
        assert_eq!(fold("Hòa Bình"), fold("Ho\u{0300}a Bi\u{0300}nh"));
        assert_eq!(id_from_name("Sở Y tế"), "so-y-te");
    }
}
