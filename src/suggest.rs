//! "Did you mean …?": the nearest candidate to a misspelt word, for keys, enum values and ids.
//!
//! Two ways in, one notion of "near" ([`score`]):
//! - [`nearest`] compares with each of a short list (the keys of a mapping, the values of an
//!   enum);
//! - [`nearest_each`] answers many queries (the unknown ids of a model) against many words
//!   (every id) by symmetric deletion: a word and a query meet when deleting at most one
//!   character from each makes them equal, which finds every single typo (a letter missing,
//!   extra, replaced, or two letters swapped); a query of 6 to 40 characters is also keyed
//!   with two characters deleted, which finds it when it has two letters too many, or one too
//!   many and one replaced. A query's answer depends only on the words it meets, not on how
//!   many others there are; the cost is linear in the total length of the words (one pass
//!   over them per million query keys).
//!
//! Both are bounded by string length: words longer than [`MAX_CHARS`] get no suggestion, and
//! candidates whose length differs too much are not compared.

use std::collections::HashMap;

/// Words longer than this (in characters) are never compared: no real key or id is, and the
/// comparison costs the product of the lengths.
pub const MAX_CHARS: usize = 100;
/// The least [`score`] a suggestion needs.
const THRESHOLD: f64 = 0.7;
/// At most this many candidates of a [`nearest_each`] query are scored (the closest in length).
const MAX_SCORED: usize = 32;
/// Queries of this many characters and more are also keyed with two characters deleted
/// ([`Keys::of_query`]): shorter ones are too short for two typos to leave them recognisable.
const TWICE_FROM: usize = 6;
/// … and of at most this many (the keys grow with the square of the length).
const TWICE_UP_TO: usize = 40;
/// At most this many query keys are held at once: more queries are answered in groups, each
/// with a pass over the words of its own (a query's answer is the same in any group).
const MAX_HELD_KEYS: usize = 1 << 20;

/// How alike two words are, from 0 to 1: Damerau–Levenshtein similarity, or Jaro–Winkler
/// less a margin, whichever is higher.
fn score(found: &str, candidate: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(found, candidate)
        .max(strsim::jaro_winkler(found, candidate) - 0.1)
}

/// Whether two lengths (in characters) are too far apart for the words to reach
/// [`THRESHOLD`]: the similarity is at most `shorter / longer`.
fn too_far_apart(a: usize, b: usize) -> bool {
    let (short, long) = if a < b { (a, b) } else { (b, a) };
    long > 0 && (short as f64) < THRESHOLD * long as f64 - 1.0
}

/// The better of two scored candidates: higher score, then the smaller word.
fn better<'a>(
    best: Option<(f64, &'a str)>,
    score: f64,
    candidate: &'a str,
) -> Option<(f64, &'a str)> {
    match best {
        Some((s, c)) if s > score || (s == score && c <= candidate) => Some((s, c)),
        _ => Some((score, candidate)),
    }
}

/// The candidate closest to `found`, if it is close enough to be a likely typo.
pub fn nearest<'a>(found: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let length = found.chars().count();
    if length > MAX_CHARS {
        return None;
    }
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let other = candidate.chars().count();
        if other > MAX_CHARS || too_far_apart(length, other) {
            continue;
        }
        best = better(best, score(found, candidate), candidate);
    }
    best.filter(|(score, _)| *score >= THRESHOLD)
        .map(|(_, c)| c)
}

/// The form words are compared in: lower case, `_` read as `-` (into `out`, cleared first).
fn fold_into(word: &str, out: &mut Vec<char>) {
    out.clear();
    out.extend(word.chars().map(|c| match c {
        '_' => '-',
        c => c.to_ascii_lowercase(),
    }));
}

/// The key of a word of `length` characters whose polynomial hash is `hash`.
fn key(hash: u64, length: usize) -> u64 {
    // A finaliser (splitmix64's) so that nearby hashes spread over the key space.
    let mut x = hash ^ (length as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Buffers for [`Keys::of`], reused from word to word.
#[derive(Default)]
struct Keys {
    chars: Vec<char>,
    prefix: Vec<u64>,
    suffix: Vec<u64>,
    powers: Vec<u64>,
    keys: Vec<u64>,
}

impl Keys {
    /// The keys of a word: the word itself and the word less each one character (one key per
    /// distinct result), in time linear in its length: with polynomial hashes, the word less
    /// character `i` hashes to `prefix(i) · B^(n-1-i) + suffix(i+1)`. None for a word longer
    /// than [`MAX_CHARS`].
    fn of(&mut self, word: &str) -> Option<&[u64]> {
        const B: u64 = 0x0000_0100_0000_01B3;
        fold_into(word, &mut self.chars);
        let chars = &self.chars;
        let n = chars.len();
        if n > MAX_CHARS {
            return None;
        }
        let value = |c: char| c as u64 + 1;
        self.prefix.clear();
        self.prefix.push(0);
        for (i, &c) in chars.iter().enumerate() {
            self.prefix
                .push(self.prefix[i].wrapping_mul(B).wrapping_add(value(c)));
        }
        self.suffix.clear();
        self.suffix.resize(n + 1, 0);
        let mut power = 1u64;
        for i in (0..n).rev() {
            self.suffix[i] = self.suffix[i + 1].wrapping_add(value(chars[i]).wrapping_mul(power));
            power = power.wrapping_mul(B);
        }
        self.powers.clear();
        self.powers.push(1);
        for i in 1..=n {
            self.powers.push(self.powers[i - 1].wrapping_mul(B));
        }
        self.keys.clear();
        self.keys.push(key(self.prefix[n], n));
        for i in 0..n {
            if i > 0 && chars[i] == chars[i - 1] {
                continue; // deleting either of two equal neighbours gives the same word
            }
            let hash = self.prefix[i]
                .wrapping_mul(self.powers[n - 1 - i])
                .wrapping_add(self.suffix[i + 1]);
            self.keys.push(key(hash, n - 1));
        }
        Some(&self.keys)
    }

    /// The keys of a query: those of [`Keys::of`], and for a query of [`TWICE_FROM`] to
    /// [`TWICE_UP_TO`] characters also the query less each two characters (so that it meets
    /// the word it has two characters too many for, or one too many and one replaced), each
    /// key once.
    fn of_query(&mut self, query: &str) -> Option<&[u64]> {
        self.of(query)?;
        let n = self.chars.len();
        if (TWICE_FROM..=TWICE_UP_TO).contains(&n) {
            for i in 0..n {
                for j in i + 1..n {
                    // The query less characters i and j: its head, middle and tail.
                    let middle = self.prefix[j]
                        .wrapping_sub(self.prefix[i + 1].wrapping_mul(self.powers[j - i - 1]));
                    let hash = self.prefix[i]
                        .wrapping_mul(self.powers[n - 2 - i])
                        .wrapping_add(middle.wrapping_mul(self.powers[n - 1 - j]))
                        .wrapping_add(self.suffix[j + 1]);
                    self.keys.push(key(hash, n - 2));
                }
            }
        }
        self.keys.sort_unstable();
        self.keys.dedup();
        Some(&self.keys)
    }
}

/// For each query, the word closest to it if it is close enough to be a likely typo.
///
/// Symmetric deletion: a query and a word meet when they share a key (see [`Keys::of`]). The
/// keys of the queries (the few unknown words) are held in a table; each word is then keyed
/// once and looked up there, so the cost is linear in the words' total length, with no index
/// of the words to build or sort. A query's answer depends only on the words it meets, never
/// on how many others there are.
pub fn nearest_each<'a, W>(queries: &[&str], words: W) -> Vec<Option<&'a str>>
where
    W: IntoIterator<Item = &'a str>,
    W::IntoIter: Clone,
{
    answer_each(queries, words, MAX_HELD_KEYS)
}

/// [`nearest_each`], holding at most `max_held` query keys at once.
fn answer_each<'a, W>(queries: &[&str], words: W, max_held: usize) -> Vec<Option<&'a str>>
where
    W: IntoIterator<Item = &'a str>,
    W::IntoIter: Clone,
{
    let words = words.into_iter();
    let mut scratch = Keys::default();
    // Equal queries are answered once.
    let mut distinct: HashMap<&str, usize> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    let slot_of: Vec<usize> = queries
        .iter()
        .map(|&query| {
            *distinct.entry(query).or_insert_with(|| {
                order.push(query);
                order.len() - 1
            })
        })
        .collect();
    let mut answers = vec![None; order.len()];
    let mut next = 0;
    while next < order.len() {
        let first = next;
        let mut wanted: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut held = 0;
        while next < order.len() && held < max_held {
            if let Some(keys) = scratch.of_query(order[next]) {
                held += keys.len();
                for &k in keys {
                    wanted.entry(k).or_default().push((next - first) as u32);
                }
            }
            next += 1;
        }
        let mut candidates: Vec<Vec<&'a str>> = vec![Vec::new(); next - first];
        if !wanted.is_empty() {
            for word in words.clone() {
                let Some(keys) = scratch.of(word) else {
                    continue;
                };
                for k in keys {
                    if let Some(slots) = wanted.get(k) {
                        for &slot in slots {
                            candidates[slot as usize].push(word);
                        }
                    }
                }
            }
        }
        for (n, met) in candidates.into_iter().enumerate() {
            answers[first + n] = best_of(order[first + n], met);
        }
    }
    slot_of.into_iter().map(|slot| answers[slot]).collect()
}

/// The best of the words a query met, scored in an order that does not depend on the order
/// they were met in: the closest in length, then by text; at most [`MAX_SCORED`] of them.
fn best_of<'a>(found: &str, mut met: Vec<&'a str>) -> Option<&'a str> {
    met.retain(|w| *w != found);
    let length = found.chars().count();
    met.sort_unstable_by_key(|w| (w.chars().count().abs_diff(length), *w));
    met.dedup();
    met.truncate(MAX_SCORED);
    let mut best = None;
    for candidate in met {
        best = better(best, score(found, candidate), candidate);
    }
    best.filter(|(score, _)| *score >= THRESHOLD)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_rejects_strangers() {
        let keys = ["depends_on", "hosted_on", "provides", "requires"];
        assert_eq!(
            nearest("depend_on", keys.iter().copied()),
            Some("depends_on")
        );
        assert_eq!(
            nearest("hosted-on", keys.iter().copied()),
            Some("hosted_on")
        );
        assert_eq!(nearest("banana", keys.iter().copied()), None);
    }

    #[test]
    fn keys_of_a_deletion_match_the_shorter_word() {
        let (mut a, mut b) = (Keys::default(), Keys::default());
        let word = a.of("abcd").unwrap_or_default();
        let shorter = b.of("acd").unwrap_or_default();
        assert!(word.contains(&shorter[0]));
        assert_ne!(word[0], shorter[0]);
    }

    /// One query against words, as the rules ask.
    fn one(found: &str, words: &[&'static str]) -> Option<&'static str> {
        nearest_each(&[found], words.iter().copied())[0]
    }

    #[test]
    fn long_words_get_no_suggestion() {
        let long = "x".repeat(MAX_CHARS + 1);
        assert_eq!(nearest(&long, [long.as_str()].into_iter()), None);
        assert_eq!(
            nearest_each(&[long.as_str()], [long.as_str(), "abc"]),
            vec![None]
        );
    }

    #[test]
    fn the_index_finds_single_typos() {
        let ids = [
            "qlvb-so-y-te",
            "cong-dich-vu-cong",
            "lgsp",
            "hsmc",
            "so-tt-tt",
        ];
        assert_eq!(one("qlvb-so-yte", &ids), Some("qlvb-so-y-te"));
        assert_eq!(one("cong-dihc-vu-cong", &ids), Some("cong-dich-vu-cong"));
        assert_eq!(one("cong-dich-vu-congg", &ids), Some("cong-dich-vu-cong"));
        assert_eq!(one("lgps", &ids), Some("lgsp"));
        assert_eq!(one("banana-split", &ids), None);
        // Many queries at once, repeated ones included, answer as each alone.
        let queries = ["lgps", "qlvb-so-yte", "lgps", "banana-split", "hsmcc"];
        assert_eq!(
            nearest_each(&queries, ids),
            vec![
                Some("lgsp"),
                Some("qlvb-so-y-te"),
                Some("lgsp"),
                None,
                Some("hsmc")
            ]
        );
    }

    #[test]
    fn the_index_finds_common_double_typos() {
        let ids = ["so-tttt", "he-thong-mot-cua", "cong-dich-vu-cong", "lgsp"];
        // Two characters too many, one too many and one replaced.
        assert_eq!(one("so-tttt-x", &ids), Some("so-tttt"));
        assert_eq!(one("he-thongg-mot-cuaa", &ids), Some("he-thong-mot-cua"));
        assert_eq!(one("cong-dich-vuu-cang", &ids), Some("cong-dich-vu-cong"));
        assert_eq!(one("banana-split", &ids), None);
    }

    #[test]
    fn queries_in_many_groups_answer_as_in_one() {
        let ids: Vec<String> = (0..500).map(|i| format!("he-thong-so-{i}")).collect();
        let queries: Vec<String> = (0..2_000)
            .map(|i| match i % 3 {
                0 => format!("he-thong-so-{}x", i % 700),
                1 => format!("he-thng-so-{}", i % 700),
                _ => format!("x-he-thong-so-{}", i % 700),
            })
            .collect();
        let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
        let words = || ids.iter().map(String::as_str);
        let together = answer_each(&queries, words(), usize::MAX);
        let grouped = answer_each(&queries, words(), 200);
        assert_eq!(together, grouped);
        assert_eq!(together[3], Some("he-thong-so-3"));
        assert_eq!(together[4], Some("he-thong-so-4"));
        assert_eq!(together[5], Some("he-thong-so-5"));
        // he-thong-so-600x: no such id; met by two deletions are he-thong-so-60 (two too many)
        // and he-thong-so-100 (one replaced, one too many): as near, the latter closer in length.
        assert_eq!(together[600], Some("he-thong-so-100"));
    }

    #[test]
    fn the_answer_does_not_depend_on_the_size_of_the_index() {
        let many: Vec<String> = (0..20_000).map(|i| format!("he-thong-{i}")).collect();
        let queries = ["he-thong-qlbv", "mot-cuaa", "mo-cua"];
        let small = nearest_each(&queries, ["he-thong-qlvb", "mot-cua"]);
        let large = nearest_each(
            &queries,
            many.iter()
                .map(String::as_str)
                .chain(["he-thong-qlvb", "mot-cua"]),
        );
        assert_eq!(
            small,
            vec![Some("he-thong-qlvb"), Some("mot-cua"), Some("mot-cua")]
        );
        assert_eq!(small, large);
    }
}
