//! Graph exports for review meetings (`kientruc graph`): one format-independent [`View`] of the
//! model — the elements and edges a meeting wants to see, after the `--layer`, `--owner`,
//! `--edges` and `--focus` filters, with findings and proposal marks — and one file per output
//! format that turns the view into bytes. A renderer never judges and never reads files; it only
//! draws what the view holds, escaping every label for its own format.
//!
//! What is drawn: the drawings (`dot`, `mermaid`, `plantuml`, `svg`, `html`) show systems and
//! data sets — what a review meeting argues about; agencies appear as the owner of each element
//! (in its label and with `--group-by owner`), capabilities through their providers. The model
//! exchanges (`archimate`, `graphml`, `json`) also carry agencies and capabilities with their
//! `owner` and `provides` edges, since the tools that read them build their own views.
//! Projects are never drawn. National elements (the `vn.` catalogue) form their own group and
//! colour, so that what the province builds stands apart from what it reuses.
//!
//! Groups run from the user down: channel, portal, application, data (with the data sets),
//! integration, infrastructure, then the national catalogue, and security apart at the end; or
//! one group per owner. With `--findings`, the element a finding is about carries its code and
//! the colour of its severity (red error, amber warning, blue info), and so do the edges from
//! it to what the finding names; waived findings are not drawn. `--proposal` appends the
//! fragment's elements to the model before anything else, so they are judged and drawn like the
//! rest, marked new.

pub mod archimate;
pub mod dot;
pub mod graphml;
pub mod html;
pub mod json;
pub mod layout;
pub mod mermaid;
pub mod palette;
pub mod plantuml;
mod select;
pub mod svg;
mod view;

pub use view::{Edge, EdgeKind, Group, Listed, Look, Mark, Node, View};

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::finding::Finding;
use crate::i18n::Lang;
use crate::model::Layer;

/// The output formats of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dot,
    Mermaid,
    Plantuml,
    Graphml,
    Archimate,
    Svg,
    Html,
    Json,
}

impl Format {
    /// Whether the format carries agencies and capabilities (model exchanges) or only systems
    /// and data sets (drawings).
    pub fn whole_model(self) -> bool {
        matches!(self, Format::Graphml | Format::Archimate | Format::Json)
    }
}

/// The edge families `--edges` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeFilter {
    Depends,
    Hosted,
    Integrations,
    Data,
}

/// How elements are grouped into clusters or bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Layer,
    Owner,
}

/// What to draw, from the command line.
#[derive(Debug, Clone)]
pub struct Request {
    pub format: Format,
    pub focus: Option<String>,
    pub depth: usize,
    pub layer: Option<Layer>,
    pub owner: Option<String>,
    /// Empty: every family.
    pub edges: Vec<EdgeFilter>,
    pub findings: bool,
    pub proposal: Option<PathBuf>,
    /// Keep only what lies within `depth` edges of the proposal's new elements and of the
    /// elements the findings are about (`review --graph`).
    pub focus_proposal: bool,
    pub group_by: GroupBy,
    pub lang: Lang,
    pub today: NaiveDate,
    /// `--framework`: the catalogue to judge against instead of the model's own claim.
    pub framework: Option<&'static crate::load::Catalogue>,
}

impl Request {
    /// A request with the defaults of the command line.
    pub fn new(format: Format, lang: Lang, today: NaiveDate) -> Request {
        Request {
            format,
            focus: None,
            depth: 2,
            layer: None,
            owner: None,
            edges: Vec::new(),
            findings: false,
            proposal: None,
            focus_proposal: false,
            group_by: GroupBy::Layer,
            lang,
            today,
            framework: None,
        }
    }
}

/// Why no graph could be drawn.
#[derive(Debug)]
pub enum Failure {
    /// The model (or the proposal) could not be loaded.
    Load(crate::load::LoadFailure),
    /// The command line names something the model does not hold.
    Request(String),
}

/// `kientruc graph`: loads the model at `path` with the request's proposal laid over it,
/// judges it once ([`crate::judge`] / [`crate::judge_overlay`]), and builds the view. With
/// `findings`, the marks are the judgement's findings: those `check` reports on the overlay.
pub fn build(path: &std::path::Path, request: &Request) -> Result<View, Failure> {
    let loaded = crate::load_for(path, request.framework).map_err(Failure::Load)?;
    let overlaid = match &request.proposal {
        Some(proposal) => Some(crate::overlay::overlay(&loaded, proposal).map_err(Failure::Load)?),
        None => None,
    };
    let options = crate::Options {
        today: request.today,
        framework: request.framework,
    };
    let judged = match &overlaid {
        Some(overlaid) => crate::judge_overlay(overlaid, &options),
        None => crate::judge(&loaded, &options),
    };
    let none = HashSet::new();
    let new_ids = overlaid.as_ref().map_or(&none, |o| &o.new_ids);
    let findings: &[Finding] = if request.findings {
        &judged.findings
    } else {
        &[]
    };
    View::build(judged.loaded, &judged.graph, findings, new_ids, request).map_err(Failure::Request)
}

/// Renders a view in a format.
pub fn render(view: &View, format: Format) -> std::io::Result<Vec<u8>> {
    Ok(match format {
        Format::Dot => dot::render(view).into_bytes(),
        Format::Mermaid => mermaid::render(view).into_bytes(),
        Format::Plantuml => plantuml::render(view).into_bytes(),
        Format::Graphml => graphml::render(view)?,
        Format::Archimate => archimate::render(view)?,
        Format::Svg => svg::render(view)?,
        Format::Html => html::render(view)?,
        Format::Json => json::render(view)?,
    })
}

/// The edge kinds a legend shows, with the key of their text.
pub const LEGEND_EDGES: [(EdgeKind, &str); 4] = [
    (EdgeKind::Depends, "graph.edge.depends"),
    (EdgeKind::Hosted, "graph.edge.hosted"),
    (EdgeKind::Integration, "graph.edge.integration"),
    (EdgeKind::Master, "graph.edge.data"),
];

/// A node mark a legend shows.
pub struct LegendMark {
    /// Also the Mermaid class of the mark.
    pub class: &'static str,
    pub key: &'static str,
    pub fill: &'static str,
    pub stroke: &'static str,
    pub dashed: bool,
}

/// The node marks a legend shows, in order.
pub const LEGEND_MARKS: [LegendMark; 5] = [
    LegendMark {
        class: "national",
        key: "graph.legend.national",
        fill: palette::NATIONAL_FILL,
        stroke: palette::NATIONAL_STROKE,
        dashed: false,
    },
    LegendMark {
        class: "error",
        key: "graph.legend.error",
        fill: "#ffffff",
        stroke: palette::ERROR,
        dashed: false,
    },
    LegendMark {
        class: "warning",
        key: "graph.legend.warning",
        fill: "#ffffff",
        stroke: palette::WARNING,
        dashed: false,
    },
    LegendMark {
        class: "info",
        key: "graph.legend.info",
        fill: "#ffffff",
        stroke: palette::INFO,
        dashed: false,
    },
    LegendMark {
        class: "new",
        key: "graph.legend.new",
        fill: "#ffffff",
        stroke: "#444444",
        dashed: true,
    },
];

/// Replaces control characters (newlines, tabs, …) and the non-characters U+FFFE and U+FFFF
/// by spaces: a label is one line in every format, and XML 1.0 cannot carry those at all.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_removes_control_characters() {
        assert_eq!(one_line("a\nb\r\tc\u{1}\u{ffff}"), "a b  c  ");
    }
}

crate::choice!(Format { Dot => "dot", Mermaid => "mermaid", Plantuml => "plantuml", Graphml => "graphml", Archimate => "archimate", Svg => "svg", Html => "html", Json => "json" });
crate::choice!(EdgeFilter { Depends => "depends", Hosted => "hosted", Integrations => "integrations", Data => "data" });
crate::choice!(GroupBy { Layer => "layer", Owner => "owner" });
