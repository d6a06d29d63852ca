//! "Did you mean …?": the nearest candidate to a misspelt word, for keys, enum values and ids.

/// The ids of a model, indexed once by length, so that a suggestion compares a misspelt id
/// only with ids of about its length: the same answer whatever else the model holds.
pub struct Index<'a> {
    /// Sorted by (length in chars, id).
    by_length: Vec<(usize, &'a str)>,
}

/// How much longer or shorter than the misspelt id a suggestion may be.
const LENGTH_SLACK: usize = 3;

impl<'a> Index<'a> {
    pub fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut by_length: Vec<(usize, &'a str)> = ids.map(|id| (id.chars().count(), id)).collect();
        by_length.sort_unstable();
        by_length.dedup();
        Index { by_length }
    }

    /// The nearest id to `found` among those `accept` takes (see [`nearest`]).
    pub fn nearest(&self, found: &str, accept: impl Fn(&str) -> bool) -> Option<&'a str> {
        let length = found.chars().count();
        let low = self
            .by_length
            .partition_point(|&(l, _)| l + LENGTH_SLACK < length);
        let candidates = self.by_length[low..]
            .iter()
            .take_while(|&&(l, _)| l <= length + LENGTH_SLACK)
            .map(|&(_, id)| id)
            .filter(|id| accept(id));
        nearest(found, candidates)
    }
}

/// The candidate closest to `found`, if it is close enough to be a likely typo.
pub fn nearest<'a>(found: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let score = strsim::normalized_damerau_levenshtein(found, candidate)
            .max(strsim::jaro_winkler(found, candidate) - 0.1);
        let better = match best {
            None => true,
            Some((s, c)) => score > s || (score == s && candidate < c),
        };
        if better {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.7).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

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
}
