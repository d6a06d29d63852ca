//! The agency mapping file of `kientruc merge --map`: the merged province's agencies, each
//! drawn from agencies of the source models (Sở TT&TT Bạc Liêu + Sở TT&TT Cà Mau → Sở KH&CN Cà
//! Mau). Read with spans, so every mistake is located in the file; `--write-map` writes a
//! starting mapping that pairs department-level agencies whose names are equal once the
//! province names are removed. No merging happens here.
//!
//! ```yaml
//! agencies:
//!   - id: so-khcn
//!     name: Sở Khoa học và Công nghệ tỉnh Cà Mau
//!     level: department
//!     parent: ubnd-tinh          # an id of the merged model
//!     from:
//!       bac-lieu: [so-tttt]      # source model id → its agency ids
//!       ca-mau: [so-tttt]
//! ```

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Spanned;
use crate::model::{AgencyLevel, Ref};

/// A mapping file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapFile {
    #[serde(default)]
    pub agencies: Vec<MapAgency>,
}

/// One agency of the merged model and the source agencies it replaces.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapAgency {
    pub id: Ref,
    pub name: String,
    pub level: AgencyLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Ref>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Source model id → the ids of its agencies that become this one.
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub from: BTreeMap<Spanned<String>, Vec<Ref>>,
}

/// A source agency, for pairing: its model, id, name, level and parent.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    pub source: usize,
    pub id: &'a str,
    pub name: &'a str,
    pub level: AgencyLevel,
    pub parent: Option<&'a str>,
}

/// Pairs agencies of different sources by name key (province names removed), for
/// `--write-map`: only province- and department-level agencies (a district's name is its
/// place, and two places are never one agency). Groups come in order of first appearance,
/// the primary source's agency first; `key` gives an agency's key.
pub fn pair<'a>(
    candidates: &[Candidate<'a>],
    primary: usize,
    key: impl Fn(&str) -> String,
) -> Vec<Vec<Candidate<'a>>> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<Candidate<'a>>> = HashMap::new();
    for candidate in candidates {
        if !matches!(
            candidate.level,
            AgencyLevel::Province | AgencyLevel::Department
        ) {
            continue;
        }
        let k = key(candidate.name);
        if k.is_empty() {
            continue;
        }
        let group = groups.entry(k.clone()).or_insert_with(|| {
            order.push(k);
            Vec::new()
        });
        if group.iter().all(|c| c.source != candidate.source) {
            group.push(candidate.clone());
        }
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort_by_key(|c| (c.source != primary, c.source));
            g
        })
        .collect()
}
