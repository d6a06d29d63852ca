//! "Did you mean …?": the nearest candidate to a misspelt word, for keys, enum values and ids.

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
