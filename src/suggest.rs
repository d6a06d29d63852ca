//! "Did you mean …?": the nearest candidate to a misspelt word, for keys, enum values and ids.
//!
//! Two ways in, one notion of "near" ([`score`]):
//! - [`nearest`] compares with each of a short list (the keys of a mapping, the values of an
//!   enum);
//! - [`Index`] is built once over many words (every id of a model) and answers each query by
//!   symmetric deletion: a word and a query meet when deleting at most one character from
//!   each makes them equal, which finds every single typo (a letter missing, extra, replaced,
//!   or two letters swapped) and most double ones. A query looks up its own deletions only, so
//!   its answer does not depend on how many other words the index holds, and its cost is
//!   bounded by its length.
//!
//! Both are bounded by string length: words longer than [`MAX_CHARS`] get no suggestion, and
//! candidates whose length differs too much are not compared.

/// Words longer than this (in characters) are never compared: no real key or id is, and the
/// comparison costs the product of the lengths.
pub const MAX_CHARS: usize = 100;
/// The least [`score`] a suggestion needs.
const THRESHOLD: f64 = 0.7;
/// At most this many candidates of an [`Index`] query are scored (the closest in length).
const MAX_SCORED: usize = 32;

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

/// The form words are indexed in: lower case, `_` read as `-`.
fn folded(word: &str) -> Vec<char> {
    word.chars()
        .map(|c| match c {
            '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The key of a word of `length` characters whose polynomial hash is `hash`.
fn key(hash: u64, length: usize) -> u64 {
    // A finaliser (splitmix64's) so that nearby hashes spread over the key space.
    let mut x = hash ^ (length as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The keys of a word in the index: the word itself and the word less each one character
/// (one key per distinct result), in time linear in its length: with polynomial hashes, the
/// word less character `i` hashes to `prefix(i) · B^(n-1-i) + suffix(i+1)`.
fn keys(chars: &[char]) -> Vec<u64> {
    const B: u64 = 0x0000_0100_0000_01B3;
    let n = chars.len();
    let value = |c: char| c as u64 + 1;
    let mut prefix = vec![0u64; n + 1];
    for (i, &c) in chars.iter().enumerate() {
        prefix[i + 1] = prefix[i].wrapping_mul(B).wrapping_add(value(c));
    }
    let mut suffix = vec![0u64; n + 1];
    let mut power = 1u64;
    let mut powers = vec![1u64; n + 1];
    for i in (0..n).rev() {
        suffix[i] = suffix[i + 1].wrapping_add(value(chars[i]).wrapping_mul(power));
        power = power.wrapping_mul(B);
    }
    for i in 1..=n {
        powers[i] = powers[i - 1].wrapping_mul(B);
    }
    let mut keys = Vec::with_capacity(n + 1);
    keys.push(key(prefix[n], n));
    for i in 0..n {
        if i > 0 && chars[i] == chars[i - 1] {
            continue; // deleting either of two equal neighbours gives the same word
        }
        let hash = prefix[i]
            .wrapping_mul(powers[n - 1 - i])
            .wrapping_add(suffix[i + 1]);
        keys.push(key(hash, n - 1));
    }
    keys
}

/// Words indexed for "did you mean", built once (n·L keys for n words of L characters, sorted)
/// and queried in time bounded by the query's length.
#[derive(Debug, Default)]
pub struct Index<'a> {
    words: Vec<&'a str>,
    /// (key, word) pairs, sorted.
    keys: Vec<(u64, u32)>,
}

impl<'a> Index<'a> {
    pub fn new(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut index = Index::default();
        for word in words {
            if word.chars().count() > MAX_CHARS || index.words.len() >= u32::MAX as usize {
                continue;
            }
            let n = index.words.len() as u32;
            index.words.push(word);
            index
                .keys
                .extend(keys(&folded(word)).into_iter().map(|k| (k, n)));
        }
        index.keys.sort_unstable();
        index.keys.dedup();
        index
    }

    /// The indexed word closest to `found`, if it is close enough to be a likely typo.
    pub fn nearest(&self, found: &str) -> Option<&'a str> {
        let chars = folded(found);
        if chars.len() > MAX_CHARS {
            return None;
        }
        let mut candidates: Vec<u32> = Vec::new();
        for key in keys(&chars) {
            let start = self.keys.partition_point(|&(k, _)| k < key);
            candidates.extend(
                self.keys[start..]
                    .iter()
                    .take_while(|&&(k, _)| k == key)
                    .map(|&(_, w)| w),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        let length = found.chars().count();
        let mut scored: Vec<&'a str> = candidates
            .into_iter()
            .map(|w| self.words[w as usize])
            .filter(|w| *w != found)
            .collect();
        // Deterministic whatever else the index holds: the closest in length, then by text.
        scored.sort_unstable_by_key(|w| (w.chars().count().abs_diff(length), *w));
        scored.truncate(MAX_SCORED);
        let mut best = None;
        for candidate in scored {
            best = better(best, score(found, candidate), candidate);
        }
        best.filter(|(score, _)| *score >= THRESHOLD)
            .map(|(_, c)| c)
    }
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
        let word: Vec<char> = "abcd".chars().collect();
        let shorter: Vec<char> = "acd".chars().collect();
        assert!(keys(&word).contains(&keys(&shorter)[0]));
        assert_ne!(keys(&word)[0], keys(&shorter)[0]);
    }

    #[test]
    fn long_words_get_no_suggestion() {
        let long = "x".repeat(MAX_CHARS + 1);
        assert_eq!(nearest(&long, [long.as_str()].into_iter()), None);
        let index = Index::new([long.as_str(), "abc"]);
        assert_eq!(index.nearest(&long), None);
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
        let index = Index::new(ids);
        assert_eq!(index.nearest("qlvb-so-yte"), Some("qlvb-so-y-te"));
        assert_eq!(
            index.nearest("cong-dihc-vu-cong"),
            Some("cong-dich-vu-cong")
        );
        assert_eq!(
            index.nearest("cong-dich-vu-congg"),
            Some("cong-dich-vu-cong")
        );
        assert_eq!(index.nearest("lgps"), Some("lgsp"));
        assert_eq!(index.nearest("banana-split"), None);
    }

    #[test]
    fn the_answer_does_not_depend_on_the_size_of_the_index() {
        let small = Index::new(["he-thong-qlvb", "mot-cua"]);
        let many: Vec<String> = (0..20_000).map(|i| format!("he-thong-{i}")).collect();
        let large = Index::new(
            many.iter()
                .map(String::as_str)
                .chain(["he-thong-qlvb", "mot-cua"]),
        );
        for query in ["he-thong-qlbv", "mot-cuaa", "mo-cua"] {
            assert_eq!(small.nearest(query), large.nearest(query), "{query}");
        }
    }
}
