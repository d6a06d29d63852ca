//! DUP001 duplicate-capability, DUP002 duplicate-master, DUP003 similar-names: the framework's
//! "tránh trùng lặp, lãng phí". Two live systems doing the same job, two authoritative sources
//! of one data set, two elements that are the same thing under two spellings.
//!
//! The incumbent choice is shared with `review` (INV002) through
//! [`Incumbency`](super::incumbent::Incumbency). Nothing here compares all pairs: duplicates are found through the
//! graph's indexes, equal names through a hash of folded names, nearly equal names through a
//! bounded comparison with neighbours in two sorted orders (see [`NEIGHBOURS`]) and guarded
//! against the name patterns of Vietnamese administration (see `nearly_equal`).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::incumbent::Incumbency;
use super::{Context, Explain, Rule, Sink};
use crate::finding::{Arg, Principle, Severity};
use crate::graph::{Element, Kind};
use crate::i18n::Text;

pub const DUP001: Rule = Rule {
    code: "DUP001",
    name: "duplicate-capability",
    severity: Severity::Error,
    principle: Principle::Duplication,
    explain: Explain {
        vi: include_str!("docs/dup001.vi.md"),
        en: include_str!("docs/dup001.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hai hệ thống cùng cung cấp một năng lực",
            en: "Two live systems provide the same capability",
        },
        Text {
            key: "message",
            vi: "`{system}` cung cấp năng lực `{capability}` mà `{incumbent}` đã cung cấp; năng lực này chỉ nên có một hệ thống cung cấp (giữ lại `{incumbent}` vì {reason})",
            en: "`{system}` provides `{capability}`, which `{incumbent}` already provides; this capability should have a single provider (`{incumbent}` is kept because {reason})",
        },
        Text {
            key: "message.capex",
            vi: "`{system}` cung cấp năng lực `{capability}` mà `{incumbent}` đã cung cấp; năng lực này chỉ nên có một hệ thống cung cấp (giữ lại `{incumbent}` vì {reason}; {capex} đồng vốn đầu tư có nguy cơ lãng phí)",
            en: "`{system}` provides `{capability}`, which `{incumbent}` already provides; this capability should have a single provider (`{incumbent}` is kept because {reason}; {capex} VND of capex at stake)",
        },
        Text {
            key: "duplicates",
            vi: "trùng với `{id}`, được định nghĩa tại đây",
            en: "duplicates `{id}`, defined here",
        },
    ],
    check: Some(check_dup001),
};

fn check_dup001(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let incumbency = Incumbency::new(graph);
    for (c, capability) in crate::graph::enumerate(&ctx.model.capabilities) {
        for duplicate in incumbency.duplicate_providers(graph, c) {
            let system = &ctx.model.systems[duplicate.system];
            let incumbent = graph.model.systems[duplicate.incumbent].id.value.as_str();
            let cost = system.cost.unwrap_or_default();
            let args = [
                ("system", system.id.value.as_str()),
                ("capability", capability.id.value.as_str()),
                ("incumbent", incumbent),
            ];
            let key = if cost.capex.is_some() {
                "message.capex"
            } else {
                "message"
            };
            out.report(system.id.value.as_str(), duplicate.loc, key, &args)
                .arg("capex", Arg::Money(u128::from(cost.capex.unwrap_or(0))))
                .arg("reason", duplicate.reason.arg())
                .related(
                    incumbent,
                    graph.system_loc(duplicate.incumbent),
                    "duplicates",
                    &[("id", incumbent)],
                )
                .cost(cost.capex, cost.opex);
        }
    }
}

pub const DUP002: Rule = Rule {
    code: "DUP002",
    name: "duplicate-master",
    severity: Severity::Error,
    principle: Principle::Duplication,
    explain: Explain {
        vi: include_str!("docs/dup002.vi.md"),
        en: include_str!("docs/dup002.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hai hệ thống cùng là nguồn gốc của một dữ liệu",
            en: "Two live systems master the same data set",
        },
        Text {
            key: "message",
            vi: "`{system}` được khai báo là nguồn gốc (master) của dữ liệu `{data}`, trong khi `{incumbent}` đã là nguồn gốc; mỗi dữ liệu chỉ có một nguồn chính thức (giữ lại `{incumbent}` vì {reason})",
            en: "`{system}` masters `{data}`, which `{incumbent}` already masters; a data set has one authoritative source (`{incumbent}` is kept because {reason})",
        },
        Text {
            key: "duplicates",
            vi: "trùng với `{id}`, được định nghĩa tại đây",
            en: "duplicates `{id}`, defined here",
        },
    ],
    check: Some(check_dup002),
};

fn check_dup002(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    let incumbency = Incumbency::new(graph);
    for (d, data) in crate::graph::enumerate(&ctx.model.data) {
        for duplicate in incumbency.duplicate_masters(graph, d) {
            let system = ctx.model.systems[duplicate.system].id.value.as_str();
            let incumbent = ctx.model.systems[duplicate.incumbent].id.value.as_str();
            out.report(
                system,
                duplicate.loc,
                "message",
                &[
                    ("system", system),
                    ("data", data.id.value.as_str()),
                    ("incumbent", incumbent),
                ],
            )
            .arg("reason", duplicate.reason.arg())
            .related(
                incumbent,
                graph.system_loc(duplicate.incumbent),
                "duplicates",
                &[("id", incumbent)],
            );
        }
    }
}

pub const DUP003: Rule = Rule {
    code: "DUP003",
    name: "similar-names",
    severity: Severity::Warning,
    principle: Principle::Duplication,
    explain: Explain {
        vi: include_str!("docs/dup003.vi.md"),
        en: include_str!("docs/dup003.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hai phần tử cùng loại có tên trùng hoặc gần trùng",
            en: "Two elements of one kind have the same or nearly the same name",
        },
        Text {
            key: "message.equal",
            vi: "tên của {kind} `{id}` (“{name}”) trùng với tên của `{first}` (“{first_name}”) khi bỏ qua chữ hoa, dấu và dạng Unicode; có thể đây là cùng một {kind}",
            en: "the name of {kind} `{id}` (“{name}”) is the same as that of `{first}` (“{first_name}”) once case, diacritics and Unicode form are ignored; they may be one {kind}",
        },
        Text {
            key: "message.similar",
            vi: "tên của {kind} `{id}` (“{name}”) gần giống tên của `{first}` (“{first_name}”); có thể đây là cùng một {kind}",
            en: "the name of {kind} `{id}` (“{name}”) is nearly the same as that of `{first}` (“{first_name}”); they may be one {kind}",
        },
        Text {
            key: "first",
            vi: "tên tương tự được dùng trước tiên bởi `{id}`, tại đây",
            en: "the similar name is first used by `{id}`, here",
        },
    ],
    check: Some(check_dup003),
};

/// How many following names, in sorted order of the folded name and in sorted order of the
/// reversed folded name, each distinct name is compared with. Names closer than
/// [`SIMILARITY`] differ by a few characters, so they share a long prefix or a long suffix and
/// sort close together in one of the two orders; the window keeps the rule at n log n.
pub const NEIGHBOURS: usize = 4;

/// Normalized Levenshtein similarity (on folded names) from which two names are "nearly equal".
pub const SIMILARITY: f64 = 0.9;

const KINDS: [Kind; 5] = [
    Kind::Agency,
    Kind::Capability,
    Kind::Data,
    Kind::System,
    Kind::Project,
];

/// How an element's name matches an earlier one of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    Equal(usize),
    Similar(usize),
}

/// For each element of one kind (by index, i.e. definition order), the earliest element whose
/// name it repeats: the first with an equal name after [`crate::text::fold`], else the earliest
/// nearly equal name among the neighbours compared (see [`NEIGHBOURS`] and `nearly_equal`).
/// An element that repeats no earlier name gets `None`, so the first of every group does.
pub fn similar_names<S: AsRef<str>>(names: &[S]) -> Vec<Option<NameMatch>> {
    // Every folded key in one buffer (a national model has tens of thousands of names).
    let mut buffer = String::new();
    let mut ends: Vec<usize> = Vec::with_capacity(names.len());
    for name in names {
        crate::text::fold_into(name.as_ref(), &mut buffer);
        ends.push(buffer.len());
    }
    let keys: Vec<&str> = (0..ends.len())
        .map(|i| &buffer[if i == 0 { 0 } else { ends[i - 1] }..ends[i]])
        .collect();
    let mut matches: Vec<Option<NameMatch>> = vec![None; keys.len()];
    let mut first: HashMap<&str, usize, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(keys.len(), Default::default());
    let mut distinct: Vec<usize> = Vec::new();
    for (i, &key) in keys.iter().enumerate() {
        if key.is_empty() {
            continue;
        }
        match first.entry(key) {
            Entry::Occupied(e) => matches[i] = Some(NameMatch::Equal(*e.get())),
            Entry::Vacant(e) => {
                e.insert(i);
                distinct.push(i);
            }
        }
    }
    drop(first);
    let shapes: Vec<Shape<'_>> = keys.iter().map(|k| Shape::of(k)).collect();
    let mut similar: Vec<Option<usize>> = vec![None; keys.len()];
    let mut compare_neighbours = |order: &[usize]| {
        for (n, &a) in order.iter().enumerate() {
            for &b in order.iter().skip(n + 1).take(NEIGHBOURS) {
                if nearly_equal(&shapes[a], &shapes[b]) {
                    let (early, late) = (a.min(b), a.max(b));
                    similar[late] = Some(similar[late].map_or(early, |e| e.min(early)));
                }
            }
        }
    };
    let mut order = distinct.clone();
    order.sort_unstable_by(|&a, &b| keys[a].cmp(keys[b]).then(a.cmp(&b)));
    compare_neighbours(&order);
    // Reversed once, not at every comparison of the sort: the whole buffer reversed holds
    // every key reversed (key `i`, at `start..ends[i]` in the buffer, is at
    // `total - ends[i]..total - start` in it). Bytes, not characters: folded names are ASCII
    // but in other scripts, and any order that brings names with a common ending together
    // serves.
    let reversed: Vec<u8> = buffer.bytes().rev().collect();
    let total = reversed.len();
    let backwards = |i: usize| {
        let start = if i == 0 { 0 } else { ends[i - 1] };
        &reversed[total - ends[i]..total - start]
    };
    order.sort_unstable_by(|&a, &b| backwards(a).cmp(backwards(b)).then(a.cmp(&b)));
    compare_neighbours(&order);
    for i in distinct {
        if let Some(early) = similar[i] {
            matches[i] = Some(NameMatch::Similar(early));
        }
    }
    matches
}

/// What [`nearly_equal`] compares of a folded name.
struct Shape<'a> {
    folded: &'a str,
    length: usize,
    words: usize,
    /// A fingerprint of [`Shape::numbers`]: names with other numbers differ here cheaply.
    numbers_hash: u64,
}

impl<'a> Shape<'a> {
    /// In one pass over the bytes.
    fn of(folded: &'a str) -> Self {
        const PRIME: u64 = 0x0000_0100_0000_01B3;
        let (mut length, mut words, mut hash) = (0, 1, 0u64);
        let (mut in_number, mut runs) = (false, 0usize);
        for &b in folded.as_bytes() {
            // Characters are counted by their first byte.
            length += usize::from(b & 0xC0 != 0x80);
            words += usize::from(b == b' ');
            if b.is_ascii_digit() {
                // A separator before every run but the first (`1 23` is not `12 3`), never
                // after the last: what follows the numbers is not theirs.
                if !in_number && runs > 0 {
                    hash = hash.wrapping_mul(PRIME) ^ 0xFF;
                }
                runs += usize::from(!in_number);
                hash = hash.wrapping_mul(PRIME) ^ u64::from(b);
                in_number = true;
            } else {
                in_number = false;
            }
        }
        Shape {
            folded,
            length,
            words,
            numbers_hash: hash,
        }
    }
    fn first_word(&self) -> &'a str {
        self.folded.split(' ').next().unwrap_or_default()
    }
    /// The runs of digits, in order.
    fn numbers(&self) -> impl Iterator<Item = &'a str> {
        self.folded
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
    }
}

/// Whether two folded names are nearly equal: Levenshtein similarity at least [`SIMILARITY`],
/// with the same number of words, the same first word, the same numbers, and only one word
/// that differs (by at most two letters). The guards keep
/// apart the names that Vietnamese administration builds from one pattern and that differ
/// in exactly the word that matters: `Sở Tài chính` / `Bộ Tài chính` (the level), `Phường 1`
/// / `Phường 2` (the number), `xã Vĩnh Hậu` / `xã Vĩnh Hậu A` (one more word).
fn nearly_equal(a: &Shape<'_>, b: &Shape<'_>) -> bool {
    let longest = a.length.max(b.length);
    // Levenshtein is at least the length difference: skip hopeless pairs cheaply.
    if longest == 0
        || (a.length.abs_diff(b.length) as f64) > (1.0 - SIMILARITY) * longest as f64
        || a.words != b.words
        || a.numbers_hash != b.numbers_hash
        || a.first_word() != b.first_word()
        || !a.numbers().eq(b.numbers())
    {
        return false;
    }
    // A misspelling touches one word; names that differ in two or more words are two
    // different things built from one pattern (`huyện Đông Hải` / `huyện Hồng Dân`).
    let mut differing = a
        .folded
        .split(' ')
        .zip(b.folded.split(' '))
        .filter(|(x, y)| x != y);
    // The other words being equal, the names are as far apart as the differing words.
    let distance = match (differing.next(), differing.next()) {
        (Some((x, y)), None) => match levenshtein_within_two(x, y) {
            Some(distance) => distance,
            None => return false,
        },
        _ => return false,
    };
    1.0 - distance as f64 / longest as f64 >= SIMILARITY
}

/// The Levenshtein distance of `a` and `b` if it is at most 2, in time linear in their length
/// (a band of five diagonals): names can be megabytes long.
fn levenshtein_within_two(a: &str, b: &str) -> Option<usize> {
    const K: usize = 2;
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > K {
        return None;
    }
    let far = K + 1;
    // row[j - i + K] is the distance of a[..i] and b[..j], for |j - i| <= K.
    let mut row: Vec<usize> = (0..=2 * K)
        .map(|d| if d >= K { d - K } else { far })
        .collect();
    for i in 1..=a.len() {
        let mut next = vec![far; 2 * K + 1];
        for d in 0..=2 * K {
            let Some(j) = (i + d).checked_sub(K) else {
                continue;
            };
            if j > b.len() {
                continue;
            }
            let mut best = if j == 0 {
                i
            } else {
                row[d] + usize::from(a[i - 1] != b[j - 1])
            };
            if d > 0 && j > 0 {
                best = best.min(next[d - 1] + 1);
            }
            if d < 2 * K {
                best = best.min(row[d + 1] + 1);
            }
            next[d] = best.min(far);
        }
        row = next;
    }
    let distance = row[b.len() + K - a.len()];
    (distance <= K).then_some(distance)
}

fn check_dup003(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let graph = ctx.graph;
    for kind in KINDS {
        let count = match kind {
            Kind::Agency => ctx.model.agencies.len(),
            Kind::Capability => ctx.model.capabilities.len(),
            Kind::Data => ctx.model.data.len(),
            Kind::System => ctx.model.systems.len(),
            Kind::Project => ctx.model.projects.len(),
        };
        let element = |index| Element { kind, index };
        let names: Vec<&str> = (0..count).map(|i| graph.element_name(element(i))).collect();
        for (i, found) in similar_names(&names).into_iter().enumerate() {
            let (key, earlier) = match found {
                Some(NameMatch::Equal(e)) => ("message.equal", e),
                Some(NameMatch::Similar(e)) => ("message.similar", e),
                None => continue,
            };
            let id = graph.element_id(element(i));
            let first = graph.element_id(element(earlier));
            let name = crate::text::nfc(names[i]);
            let first_name = crate::text::nfc(names[earlier]);
            out.report(
                id,
                graph.element_loc(element(i)),
                key,
                &[
                    ("id", id),
                    ("name", &name),
                    ("first", first),
                    ("first_name", &first_name),
                ],
            )
            .arg("kind", Arg::Kinds(vec![kind]))
            .related(
                first,
                graph.element_loc(element(earlier)),
                "first",
                &[("id", first)],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banded_levenshtein_agrees_with_the_full_one_up_to_two() {
        for (a, b) in [
            ("abc", "abc"),
            ("abc", "abd"),
            ("abc", "ab"),
            ("abc", "xabcx"),
            ("kitten", "sitting"),
            ("", "ab"),
            ("ab", ""),
            ("hai", "hia"),
        ] {
            let full = strsim::levenshtein(a, b);
            let expected = (full <= 2).then_some(full);
            assert_eq!(levenshtein_within_two(a, b), expected, "{a} / {b}");
        }
    }

    #[test]
    fn the_numbers_fingerprint_ignores_where_a_name_ends() {
        // Both hold the one number `1`; one ends with it, the other goes on.
        let names = ["uy ban nhan dan xa 1a", "uy ban nhan dan xa 1"];
        assert_eq!(
            similar_names(&names),
            vec![None, Some(NameMatch::Similar(0))]
        );
        // Other numbers, or the same digits cut otherwise, stay apart.
        assert_eq!(
            similar_names(&["phuong 12 3 quan a", "phuong 1 23 quan a"]),
            vec![None, None]
        );
    }

    #[test]
    fn very_long_names_compare_in_linear_time() {
        let a = format!("so {}", "x".repeat(60_000));
        let b = format!("so {}y", "x".repeat(59_999));
        let start = std::time::Instant::now();
        assert_eq!(
            similar_names(&[&a, &b]),
            vec![None, Some(NameMatch::Similar(0))]
        );
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn equal_names_point_at_the_first_of_their_group() {
        let names = ["Sở Y tế", "Sở Tư pháp", "SỞ Y TẾ", "So y te"];
        assert_eq!(
            similar_names(&names),
            vec![
                None,
                None,
                Some(NameMatch::Equal(0)),
                Some(NameMatch::Equal(0))
            ]
        );
    }

    #[test]
    fn nfd_and_nfc_spellings_are_equal() {
        let names = ["Hòa Bình", "Ho\u{0300}a Bi\u{0300}nh"];
        assert_eq!(similar_names(&names), vec![None, Some(NameMatch::Equal(0))]);
    }

    #[test]
    fn near_names_match_with_a_difference_anywhere_but_the_first_word() {
        let names = [
            "Hệ thống quản lý văn bản điều hành",
            "Sở Tài chính",
            "Hệ thống quản lí văn bản điều hành",
            "Sở Tài chánh",
            "Hệ thống thông tin báo cáo",
        ];
        assert_eq!(
            similar_names(&names),
            vec![
                None,
                None,
                Some(NameMatch::Similar(0)),
                Some(NameMatch::Similar(1)),
                None
            ]
        );
    }

    #[test]
    fn near_match_found_beyond_many_names_between_them() {
        // In plain sorted order the other "quản lí …" systems sit between the pair; the order
        // of reversed names brings it together (a long shared suffix).
        let mut names: Vec<String> = [
            "đất đai",
            "giáo dục",
            "kho bạc",
            "lao động",
            "nhân sự",
            "tài sản",
            "văn bản",
        ]
        .iter()
        .map(|s| format!("Hệ thống quản lí {s}"))
        .collect();
        names.insert(0, "Hệ thống quản lí cán bộ công chức".to_string());
        names.push("Hệ thống quản lý cán bộ công chức".to_string());
        let found = similar_names(&names);
        assert_eq!(found[names.len() - 1], Some(NameMatch::Similar(0)));
        assert!(found[..names.len() - 1].iter().all(Option::is_none));
    }

    #[test]
    fn names_of_one_pattern_that_differ_in_the_word_that_matters_do_not_match() {
        let names = [
            "Bộ Tài chính",
            "Sở Tài chính",
            "Ủy ban nhân dân phường 1",
            "Ủy ban nhân dân phường 2",
            "Ủy ban nhân dân xã Vĩnh Hậu",
            "Ủy ban nhân dân xã Vĩnh Hậu A",
            "Ủy ban nhân dân huyện Hồng Dân",
            "Ủy ban nhân dân huyện Đông Hải",
        ];
        assert_eq!(similar_names(&names), vec![None; 8]);
    }

    #[test]
    fn different_names_do_not_match() {
        let names = ["Sở Y tế", "Sở Y tá", "", ""];
        assert_eq!(similar_names(&names), vec![None, None, None, None]);
    }
}
