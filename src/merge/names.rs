//! Name keys for pairing what two former provinces both have: a name folded as DUP003 folds it
//! (NFC/NFD equal, case and diacritics folded, `đ` → `d`), split into words, with the former
//! provinces' names, their initials and a few generic words removed. "Hệ thống thông tin giải
//! quyết thủ tục hành chính tỉnh Bạc Liêu" and "… tỉnh Cà Mau" get the same key. Keys are
//! compared by hashing, never pairwise. Nothing here knows about models or rules.

use crate::text::fold;

/// Word sequences that say nothing about what a system does; removed wherever they occur.
/// Longest first, so that "hệ thống thông tin" goes before "hệ thống".
const GENERIC: &[&[&str]] = &[
    &["he", "thong", "thong", "tin"],
    &["he", "thong"],
    &["phan", "mem"],
    &["nen", "tang"],
    &["tinh"],
    &["cua"],
    &["va"],
];

/// The names to remove: the former provinces' names and their initials.
#[derive(Debug, Clone, Default)]
pub struct Provinces {
    /// Folded words of each province name (`["bac", "lieu"]`), longest first.
    names: Vec<Vec<String>>,
    /// Initials (`bl`, `cm`).
    initials: Vec<String>,
}

impl Provinces {
    /// From model ids (`bac-lieu` → "bac lieu", "bl") and any names given in full.
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> Provinces {
        let mut provinces = Provinces::default();
        for id in ids {
            let words: Vec<String> = words(&id.replace(['-', '.'], " "));
            if words.is_empty() {
                continue;
            }
            if words.len() > 1 {
                provinces
                    .initials
                    .push(words.iter().filter_map(|w| w.chars().next()).collect());
            }
            provinces.names.push(words);
        }
        provinces.names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        provinces.names.dedup();
        provinces.initials.sort();
        provinces.initials.dedup();
        provinces
    }

    /// The key of `name`: words without province names, initials, generic words and single
    /// letters (the "C" of "C-Bạc Liêu"), joined by spaces. May be empty.
    pub fn key(&self, name: &str) -> String {
        self.key_with(name, true)
    }

    /// The key of an agency's name: only the province names go (an agency's kind is its
    /// name: "Sở Y tế", "Bệnh viện Đa khoa").
    pub fn agency_key(&self, name: &str) -> String {
        self.key_with(name, false)
    }

    fn key_with(&self, name: &str, generic: bool) -> String {
        let words = words(name);
        let mut kept: Vec<&str> = Vec::with_capacity(words.len());
        let mut i = 0;
        'next: while i < words.len() {
            for province in &self.names {
                if starts_with(&words[i..], province) {
                    i += province.len();
                    continue 'next;
                }
            }
            if generic {
                for phrase in GENERIC {
                    if starts_with_str(&words[i..], phrase) {
                        i += phrase.len();
                        continue 'next;
                    }
                }
                if words[i].chars().count() == 1 || self.initials.contains(&words[i]) {
                    i += 1;
                    continue;
                }
            } else if words[i] == "tinh" {
                i += 1;
                continue;
            }
            kept.push(&words[i]);
            i += 1;
        }
        kept.join(" ")
    }
}

/// Folded words: letters and digits, everything else a separator.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn starts_with(words: &[String], phrase: &[String]) -> bool {
    words.len() >= phrase.len() && words.iter().zip(phrase).all(|(a, b)| a == b)
}

fn starts_with_str(words: &[String], phrase: &[&str]) -> bool {
    words.len() >= phrase.len() && words.iter().zip(phrase).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_names_and_generic_words_go() {
        let p = Provinces::new(["bac-lieu", "ca-mau"]);
        assert_eq!(
            p.key("Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Bạc Liêu"),
            p.key("Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Cà Mau")
        );
        assert_eq!(p.key("Ứng dụng di động C-Bạc Liêu"), "ung dung di dong");
        assert_eq!(p.key("Ứng dụng di động Cà Mau-S"), "ung dung di dong");
        assert_eq!(
            p.key("Trung tâm dữ liệu tỉnh Bạc Liêu"),
            "trung tam du lieu"
        );
        assert_eq!(p.key("Cổng TTĐT BL"), "cong ttdt");
        // NFD and NFC are the same key.
        assert_eq!(p.key("Cà Mau hòa"), p.key("Ca\u{0300} Mau ho\u{0300}a"));
        assert_eq!(
            p.agency_key("Sở Y tế tỉnh Bạc Liêu"),
            p.agency_key("Sở Y tế tỉnh Cà Mau")
        );
        assert_eq!(p.key("Hệ thống tỉnh Cà Mau"), "");
    }
}
