//! The decisions file of `kientruc consolidate --decisions`: the planners' choices, which
//! override the proposal. Each decision names the systems to keep of one group; the group's
//! other systems are retired. Read with spans: an unknown id, an id in no group, ids of two
//! groups or a group decided twice are located errors.
//!
//! ```yaml
//! decisions:
//!   - keep: [bac-lieu.tthc]          # the leased system that went live on 1/6/2024
//!     reason: Hệ thống thuê dịch vụ mới, hợp đồng còn hiệu lực
//!   - keep: [bac-lieu.mot-cua-tinh, ca-mau.mot-cua-tinh]   # keep both: two counters
//! ```

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::i18n::Said;
use crate::load::{LoadIssue, suggest_help};
use crate::model::{FileId, Ref};
use crate::source::{Loc, Sources};

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The systems of one group to keep; the others of the group are retired.
    pub keep: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A checked decision.
#[derive(Debug, Clone)]
pub struct Applied {
    pub keep: Vec<String>,
    pub reason: Option<String>,
}

/// Checked decisions, by the id of every system they keep.
#[derive(Debug, Clone, Default)]
pub struct Decided {
    by_system: HashMap<String, usize>,
    decisions: Vec<Applied>,
}

impl Decided {
    /// The decision that keeps `system`, if any.
    pub fn for_system(&self, system: &str) -> Option<&Applied> {
        self.by_system.get(system).map(|&d| &self.decisions[d])
    }
    pub fn len(&self) -> usize {
        self.decisions.len()
    }
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }
}

/// Checks the decisions against the groups (`grouped`: system id → group number).
pub fn check(
    decisions: &Decisions,
    file: FileId,
    grouped: &HashMap<String, usize>,
    sources: &Sources,
) -> Result<Decided, Vec<LoadIssue>> {
    let mut issues = Vec::new();
    let mut decided = Decided::default();
    let mut group_decided: HashMap<usize, Loc> = HashMap::new();
    let at = |r: &Ref| Loc::new(file, r.span);
    for decision in &decisions.decisions {
        let mut group: Option<(usize, &Ref)> = None;
        let mut ok = !decision.keep.is_empty();
        for id in &decision.keep {
            match grouped.get(id.as_str()) {
                None => {
                    ok = false;
                    issues.push(
                        LoadIssue::in_file(
                            sources,
                            file,
                            id.span,
                            Said::new(
                                format!(
                                    "`{id}` không thuộc nhóm hệ thống trùng lặp nào của kế hoạch"
                                ),
                                format!("`{id}` is in none of the plan's groups of duplicates"),
                            ),
                        )
                        .help(Some(suggest_help(
                            id.as_str(),
                            grouped.keys().map(String::as_str),
                        ))),
                    );
                }
                Some(&g) => match group {
                    Some((first, first_id)) if first != g => {
                        ok = false;
                        let mut issue = LoadIssue::in_file(
                            sources,
                            file,
                            id.span,
                            Said::new(
                                format!(
                                    "`{id}` thuộc nhóm khác với `{first_id}`: mỗi quyết định chỉ cho một nhóm"
                                ),
                                format!(
                                    "`{id}` is in another group than `{first_id}`: one decision is about one group"
                                ),
                            ),
                        );
                        issue
                            .related
                            .push((at(first_id), Said::new("nhóm này", "this group")));
                        issues.push(issue);
                    }
                    _ => group = Some((g, id)),
                },
            }
        }
        if !ok {
            continue;
        }
        let Some((g, first)) = group else { continue };
        if let Some(earlier) = group_decided.insert(g, at(first)) {
            let mut issue = LoadIssue::in_file(
                sources,
                file,
                first.span,
                Said::new(
                    "nhóm này đã có một quyết định",
                    "this group is decided already",
                ),
            );
            issue.related.push((
                earlier,
                Said::new("quyết định đầu tiên", "the first decision"),
            ));
            issues.push(issue);
            continue;
        }
        let index = decided.decisions.len();
        decided.decisions.push(Applied {
            keep: decision
                .keep
                .iter()
                .map(|r| r.value.0.to_string())
                .collect(),
            reason: decision.reason.clone(),
        });
        for id in &decision.keep {
            decided.by_system.insert(id.value.0.to_string(), index);
        }
    }
    if issues.is_empty() {
        Ok(decided)
    } else {
        Err(issues)
    }
}
