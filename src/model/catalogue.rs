//! The metadata of a national catalogue (`models/national/<version>/catalogue.yaml`): which
//! framework version it describes, by which instrument, its validity window, its sources, the
//! legal bases of investment review, the layers of the national architecture, and how the
//! reorganisations it knows change a model's agencies. Plain serde types; the loader reads them
//! and the rules, `catalogue` and `review` read them. No logic beyond look-ups by date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AgencyLevel, FrameworkVersion, Layer, Note};

/// The file `catalogue.yaml`: one `catalogue:` mapping.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueFile {
    pub catalogue: CatalogueInfo,
}

/// What a catalogue is: its version, instrument, validity and sources.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueInfo {
    pub version: FrameworkVersion,
    /// The framework's title.
    pub name: Note,
    /// The instrument that issued it (and what amended it).
    pub instrument: String,
    /// The first day it applies.
    pub valid_from: NaiveDate,
    /// The day another version replaced it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<FrameworkVersion>,
    /// The date of the state of the world the catalogue describes ("as of").
    pub as_of: NaiveDate,
    /// The catalogue used by a model that names no `framework`.
    #[serde(default)]
    pub default: bool,
    /// Where its facts come from (titles or sites).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Note>,
    /// The legal bases of IT investment review, each with the window it applies in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_bases: Vec<LegalBasis>,
    /// The layers of the national architecture framework, mapped to the model's layers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<ArchitectureLayer>,
    /// How reorganisations end a model's own agencies (by level or by name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reorganisations: Vec<Reorganisation>,
}

/// A legal basis of investment review.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The instrument(s), e.g. "Nghị định 73/2019/NĐ-CP, sửa đổi bởi Nghị định 82/2024/NĐ-CP".
    pub instrument: String,
    /// What it governs.
    pub subject: Note,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Note>,
}

impl LegalBasis {
    /// Whether it applies on `date` (both ends inclusive).
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.applies_from.is_none_or(|from| from <= date)
            && self.applies_until.is_none_or(|until| date <= until)
    }
}

/// A layer of the national digital architecture, and the model layers it covers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArchitectureLayer {
    pub name: Note,
    pub layers: Vec<Layer>,
    pub source: String,
}

/// A reorganisation that ends the model's agencies of one level, or of one name.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reorganisation {
    /// Agencies of this level end…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<AgencyLevel>,
    /// …or agencies whose name begins with this one (compared after Vietnamese folding:
    /// "Sở Thông tin và Truyền thông" matches "Sở Thông tin và Truyền thông tỉnh Bạc Liêu").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The last day they exist (inclusive).
    pub valid_until: NaiveDate,
    /// Who takes over their duties.
    pub successor: Note,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Note>,
}

impl CatalogueInfo {
    /// The legal bases of investment review that apply on `date`, in catalogue order.
    pub fn legal_bases_on(&self, date: NaiveDate) -> Vec<&LegalBasis> {
        self.legal_bases
            .iter()
            .filter(|b| b.applies_on(date))
            .collect()
    }
    /// Whether another version replaced this one on or before `date`.
    pub fn replaced_on_or_before(&self, date: NaiveDate) -> Option<(&FrameworkVersion, NaiveDate)> {
        match (&self.replaced_by, self.replaced_on) {
            (Some(by), Some(on)) if on <= date => Some((by, on)),
            _ => None,
        }
    }
    /// The reorganisation that ends an agency of `level` named `name`, if any.
    pub fn reorganisation_of(&self, level: AgencyLevel, name: &str) -> Option<&Reorganisation> {
        let folded = crate::text::fold(name);
        self.reorganisations.iter().find(|r| {
            r.level.is_none_or(|l| l == level)
                && r.name
                    .as_ref()
                    .is_none_or(|n| folded.starts_with(&crate::text::fold(n)))
        })
    }
}
