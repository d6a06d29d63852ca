//! The JSON Schemas of the files planners write for a merger — the agency map (`merge --map`)
//! and the decisions file (`consolidate --decisions`) — as `kientruc schema --of map|decisions`
//! prints them and `schemas/` publishes them, so that editors complete and check those files
//! as they do model files.

use super::decisions::Decisions;
use super::map::MapFile;

/// Which file's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaOf {
    /// A model file (`schemas/model.schema.json`).
    Model,
    /// An agency map (`schemas/agency-map.schema.json`).
    Map,
    /// A decisions file (`schemas/decisions.schema.json`).
    Decisions,
}

crate::choice!(SchemaOf { Model => "model", Map => "map", Decisions => "decisions" });

impl SchemaOf {
    /// The file under `schemas/` that publishes this schema.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaOf::Model => "model.schema.json",
            SchemaOf::Map => "agency-map.schema.json",
            SchemaOf::Decisions => "decisions.schema.json",
        }
    }
}

/// The schema's text: pretty JSON with a final line break.
pub fn schema_text(of: SchemaOf) -> String {
    let schema = match of {
        SchemaOf::Model => return crate::load::schema_text(),
        SchemaOf::Map => schemars::schema_for!(MapFile),
        SchemaOf::Decisions => schemars::schema_for!(Decisions),
    };
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
