//! Colours and shapes shared by the drawings.

use super::{EdgeKind, Node};
use crate::finding::Severity;

pub const ERROR: &str = "#d62728";
pub const WARNING: &str = "#f0a020";
pub const INFO: &str = "#1f77b4";
pub const NATIONAL_FILL: &str = "#fff4c2";
pub const NATIONAL_STROKE: &str = "#b8860b";
pub const DEPENDS: &str = "#333333";
pub const HOSTED: &str = "#777777";
pub const INTEGRATION: &str = "#1f5fbf";
pub const DATA: &str = "#2e8b57";
pub const OWNER: &str = "#999999";

pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// The fill of a node: by layer, gold for national elements.
pub fn fill(node: &Node) -> &'static str {
    if node.national {
        return NATIONAL_FILL;
    }
    node.look().fill()
}

/// The border of a node: the worst finding's colour, else gold (national) or dark grey.
pub fn stroke(node: &Node) -> &'static str {
    match node.worst() {
        Some(s) => severity(s),
        None if node.national => NATIONAL_STROKE,
        None => "#444444",
    }
}

/// The colour of an edge kind.
pub fn edge(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Depends => DEPENDS,
        EdgeKind::Hosted => HOSTED,
        EdgeKind::Integration => INTEGRATION,
        EdgeKind::Master | EdgeKind::Read | EdgeKind::Copy => DATA,
        EdgeKind::Provides | EdgeKind::Owner => OWNER,
    }
}

/// Graphviz-style line style: `solid`, `dashed`, `dotted`.
pub fn line(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Hosted | EdgeKind::Copy | EdgeKind::Owner => "dashed",
        EdgeKind::Integration => "dotted",
        _ => "solid",
    }
}
