//! Baselines: a JSON file recording the findings a model had on one day, so that CI can fail
//! only on new ones. A finding matches an entry by rule code, element and the finding's
//! language-independent `key` (its message id and arguments), never by line: moving YAML
//! around does not break a baseline. Entries that match nothing any more are reported as
//! resolved, so the baseline can be tightened. Nothing here judges or prints.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    pub element: String,
    pub key: String,
}

impl Entry {
    pub fn of(finding: &Finding) -> Entry {
        Entry {
            code: finding.code().to_string(),
            element: finding.element.clone(),
            key: finding.key().clone(),
        }
    }
}

/// The baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Sorted; an entry appears as many times as the finding did.
    pub entries: Vec<Entry>,
}

/// The largest baseline kientruc reads (a baseline of 100,000 findings is about 20 MB).
pub const MAX_BASELINE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a baseline file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the baseline {path} is not a kientruc baseline: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error("the baseline {path} has version {found}; this kientruc reads version {VERSION}")]
    Version { path: String, found: u32 },
    #[error("cannot write the baseline {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// What applying a baseline did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// How many findings the baseline suppressed.
    pub suppressed: usize,
    /// Entries that no finding matches any more: fixed since the baseline was written.
    pub resolved: Vec<Entry>,
}

impl Baseline {
    /// The baseline of these findings (waived ones included: a waiver may expire).
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings.iter().map(Entry::of).collect();
        entries.sort();
        Baseline {
            version: VERSION,
            entries,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn from_json(path: &str, text: &str) -> Result<Baseline, BaselineError> {
        // The version is checked before the shape, so that a future format says so.
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text)
            && let Some(found) = value.get("version").and_then(serde_json::Value::as_u64)
            && found != u64::from(VERSION)
        {
            return Err(BaselineError::Version {
                path: path.to_string(),
                found: u32::try_from(found).unwrap_or(u32::MAX),
            });
        }
        serde_json::from_str(text).map_err(|source| BaselineError::Parse {
            path: path.to_string(),
            source,
        })
    }

    /// Reads a baseline: a regular file of at most [`MAX_BASELINE_BYTES`], checked while
    /// reading (a symlink to `/dev/zero` is refused, not read until memory runs out).
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        use crate::load::read::{Refused, read_limited};
        let shown = crate::text::printable(&path.display().to_string()).into_owned();
        let error = |source| BaselineError::Read {
            path: shown.clone(),
            source,
        };
        let bytes = match read_limited(path, MAX_BASELINE_BYTES) {
            Ok(bytes) => bytes,
            Err(Refused::Io(source)) => return Err(error(source)),
            Err(refused) => {
                return Err(error(std::io::Error::other(refused.said().en)));
            }
        };
        let text = String::from_utf8(bytes)
            .map_err(|e| error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
        Baseline::from_json(&shown, &text)
    }

    /// Writes the baseline atomically.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        crate::write_atomically(path, self.to_json().as_bytes()).map_err(|source| {
            BaselineError::Write {
                path: path.display().to_string(),
                source,
            }
        })
    }

    /// Removes the findings the baseline records (each entry suppresses one finding) and
    /// says how many it removed and which entries matched nothing. Entries match by rule,
    /// element and key first; the entries and findings left then match by rule and element
    /// alone, so that a reworded message (another language, a new "did you mean") still
    /// matches its finding.
    pub fn apply(&self, findings: &mut Vec<Finding>) -> Outcome {
        let before = findings.len();
        let mut exact: BTreeMap<&Entry, usize> = BTreeMap::new();
        for entry in &self.entries {
            *exact.entry(entry).or_default() += 1;
        }
        findings.retain(|finding| !take(&mut exact, &Entry::of(finding)));
        let mut loose: BTreeMap<(String, String), Vec<&Entry>> = BTreeMap::new();
        for (entry, count) in exact {
            let left = loose
                .entry((entry.code.clone(), entry.element.clone()))
                .or_default();
            left.extend(std::iter::repeat_n(entry, count));
        }
        findings.retain(|finding| {
            match loose.get_mut(&(finding.code().to_string(), finding.element.clone())) {
                Some(left) if !left.is_empty() => {
                    left.remove(0);
                    false
                }
                _ => true,
            }
        });
        let resolved = loose.into_values().flatten().cloned().collect();
        Outcome {
            suppressed: before - findings.len(),
            resolved,
        }
    }
}

/// Takes one occurrence of `entry` from `counts`, if any is left.
fn take(counts: &mut BTreeMap<&Entry, usize>, entry: &Entry) -> bool {
    match counts.get_mut(entry) {
        Some(count) if *count > 0 => {
            *count -= 1;
            true
        }
        _ => false,
    }
}

/// `--baseline READ` and `--write-baseline WRITE` on today's findings: the baseline to read is
/// read first (it may be the file about to be rewritten); a written baseline records every
/// finding, which is then suppressed. `None` when neither option is given.
pub fn apply_options(
    read: Option<&Path>,
    write: Option<&Path>,
    findings: &mut Vec<Finding>,
) -> Result<Option<Outcome>, BaselineError> {
    let old = read.map(Baseline::read).transpose()?;
    let new = match write {
        Some(path) => {
            let baseline = Baseline::of(findings);
            baseline.write(path)?;
            Some(baseline)
        }
        None => None,
    };
    let mut outcome = old.as_ref().map(|old| old.apply(findings));
    if let Some(new) = new {
        let written = new.apply(findings);
        let outcome = outcome.get_or_insert_with(Outcome::default);
        outcome.suppressed += written.suppressed;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::source::Loc;

    /// A finding whose key is `id=<id>`.
    fn finding(code: &'static str, element: &str, id: &str, start: usize) -> Finding {
        let rule = crate::rules::find(code).expect("a rule of the registry");
        Finding {
            rule,
            severity: Severity::Error,
            element: element.to_string(),
            message: crate::finding::Message::new(rule, "message", &[("id", id)]),
            loc: Loc::new(0, crate::model::Span::new(start, start + 1)),
            related: Vec::new(),
            waived: None,
            capex: None,
            opex: None,
        }
    }

    #[test]
    fn entries_are_sorted_and_round_trip() {
        let findings = vec![
            finding("KT002", "b", "again|b", 5),
            finding("KT001", "a", "unresolved|x", 9),
        ];
        let baseline = Baseline::of(&findings);
        assert_eq!(baseline.entries[0].code, "KT001");
        let text = baseline.to_json();
        assert!(text.contains("\"version\": 1"), "{text}");
        assert_eq!(Baseline::from_json("b.json", &text).unwrap(), baseline);
    }

    #[test]
    fn matches_by_rule_element_and_key_not_position() {
        let baseline = Baseline::of(&[
            finding("KT001", "a", "unresolved|x", 9),
            finding("KT001", "gone", "unresolved|y", 20),
        ]);
        // Same finding, moved 500 bytes down, plus a new one.
        let mut findings = vec![
            finding("KT001", "a", "unresolved|x", 509),
            finding("KT001", "a", "unresolved|z", 600),
        ];
        let outcome = baseline.apply(&mut findings);
        assert_eq!(outcome.suppressed, 1);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].key(), "id=unresolved|z");
        assert_eq!(outcome.resolved.len(), 1);
        assert_eq!(outcome.resolved[0].element, "gone");
    }

    #[test]
    fn a_reworded_message_still_matches_by_rule_and_element() {
        let baseline = Baseline::of(&[
            finding("KT001", "a", "message|a|hệ thống", 9),
            finding("KT001", "b", "message|b|hệ thống", 20),
        ]);
        let mut findings = vec![
            finding("KT001", "a", "message|a|system", 9),
            finding("KT002", "b", "again|b", 30),
        ];
        let outcome = baseline.apply(&mut findings);
        assert_eq!(outcome.suppressed, 1);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code(), "KT002");
        assert_eq!(outcome.resolved.len(), 1);
        assert_eq!(outcome.resolved[0].element, "b");
    }

    #[test]
    fn each_entry_suppresses_one_finding() {
        let baseline = Baseline::of(&[finding("KT002", "a", "again|a", 1)]);
        let mut findings = vec![
            finding("KT002", "a", "again|a", 1),
            finding("KT002", "a", "again|a", 40),
        ];
        let outcome = baseline.apply(&mut findings);
        assert_eq!(outcome.suppressed, 1);
        assert_eq!(findings.len(), 1);
        assert!(outcome.resolved.is_empty());
    }

    #[test]
    fn rejects_other_versions_and_garbage() {
        let err = Baseline::from_json("b.json", r#"{"version": 7, "entries": []}"#).unwrap_err();
        assert!(err.to_string().contains("version 7"), "{err}");
        let err = Baseline::from_json("b.json", "not json").unwrap_err();
        assert!(err.to_string().contains("not a kientruc baseline"), "{err}");
        let err = Baseline::from_json("b.json", r#"{"version": 1}"#).unwrap_err();
        assert!(err.to_string().contains("entries"), "{err}");
    }
}
