//! Graphviz DOT: one cluster per group (layer, national catalogue or owner), shapes and colours
//! by layer, edge styles by kind, a legend cluster. Every text goes through [`html`] into an
//! HTML-like label (`label=<…>`): in those only `&`, `<`, `>` and `"` are special, whereas a
//! backslash in a quoted DOT string can swallow its closing quote. Ids are `n0`, `n1`, … so no
//! user text is ever a DOT identifier. Nothing here lays out: Graphviz does.

use std::fmt::Write;

use super::{Edge, EdgeKind, LEGEND_EDGES, LEGEND_MARKS, Look, Node, View, palette};

/// Escapes text for an HTML-like label.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn shape(look: Look) -> &'static str {
    match look {
        Look::Channel => "house",
        Look::Portal => "tab",
        Look::Application => "box",
        Look::DataSystem | Look::Infrastructure => "box3d",
        Look::Integration => "hexagon",
        Look::Security => "octagon",
        Look::DataSet => "cylinder",
        Look::Capability => "ellipse",
        Look::Agency => "folder",
    }
}

fn node_label(view: &View, node: &Node) -> String {
    let mut label = format!(
        "<B>{}</B><BR/><FONT POINT-SIZE=\"8\">{}</FONT>",
        html(&node.name),
        html(&view.detail(node))
    );
    if !node.findings.is_empty() {
        let colour = node.worst().map_or(palette::ERROR, palette::severity);
        let _ = write!(
            label,
            "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"{colour}\"><B>{}</B></FONT>",
            html(&node.codes())
        );
    }
    label
}

fn node_line(view: &View, index: usize, node: &Node) -> String {
    let style = if node.new {
        "filled,bold,dashed"
    } else {
        "filled"
    };
    let penwidth = if node.worst().is_some() || node.new {
        2.5
    } else if node.national {
        2.0
    } else {
        1.0
    };
    format!(
        "n{index} [label=<{}>, shape={}, style=\"{style}\", fillcolor=\"{}\", color=\"{}\", penwidth={penwidth}];",
        node_label(view, node),
        shape(node.look()),
        palette::fill(node),
        palette::stroke(node),
    )
}

fn edge_label(view: &View, edge: &Edge) -> Option<String> {
    let (subject, codes) = view.edge_label(edge);
    let parts: Vec<String> = subject
        .map(|s| html(&s))
        .into_iter()
        .chain(codes.map(|c| format!("<B>{}</B>", html(&c))))
        .collect();
    (!parts.is_empty()).then(|| parts.join("<BR/>"))
}

fn edge_attributes(kind: EdgeKind, colour: &str, bold: bool) -> String {
    let mut attributes = format!("style={}, color=\"{colour}\"", palette::line(kind));
    if bold || kind == EdgeKind::Master {
        attributes.push_str(", penwidth=2");
    }
    if matches!(kind, EdgeKind::Read | EdgeKind::Copy) {
        // The data flows from the data set to the system that reads or copies it.
        attributes.push_str(", dir=back");
    }
    if kind == EdgeKind::Hosted {
        attributes.push_str(", arrowhead=empty");
    }
    attributes
}

pub fn render(view: &View) -> String {
    let mut out = String::new();
    out.push_str("digraph kientruc {\n");
    let _ = writeln!(
        out,
        "  graph [label=<<B>{}</B>>, labelloc=t, fontname=\"Helvetica\", rankdir=TB, newrank=true, nodesep=0.3, ranksep=0.6];",
        html(&view.title)
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=10, margin=\"0.12,0.06\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.7];\n");
    let groups = view.groups();
    for (g, group) in groups.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_{g} {{");
        let (fill, border) = if group.national {
            ("#fffbea", palette::NATIONAL_STROKE)
        } else {
            ("#f7f7f7", "#bbbbbb")
        };
        let _ = writeln!(
            out,
            "    label=<<B>{}</B>>; style=\"rounded,filled\"; fillcolor=\"{fill}\"; color=\"{border}\";",
            html(&group.label)
        );
        for &n in &group.nodes {
            let _ = writeln!(out, "    {}", node_line(view, n, &view.nodes[n]));
        }
        out.push_str("  }\n");
    }
    for edge in &view.edges {
        let colour = edge
            .worst()
            .map_or(palette::edge(edge.kind), palette::severity);
        let mut attributes = edge_attributes(edge.kind, colour, edge.worst().is_some());
        if let Some(label) = edge_label(view, edge) {
            let _ = write!(attributes, ", label=<{label}>, fontcolor=\"{colour}\"");
        }
        let _ = writeln!(out, "  n{} -> n{} [{attributes}];", edge.from, edge.to);
    }
    // Invisible edges stack the groups from the user down (channel above portal above …).
    for pair in groups.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].nodes.first(), pair[1].nodes.first()) {
            let _ = writeln!(out, "  n{a} -> n{b} [style=invis, weight=10];");
        }
    }
    legend(view, &mut out);
    if let Some(last) = groups.last().and_then(|g| g.nodes.first()) {
        let _ = writeln!(out, "  n{last} -> legend [style=invis];");
    }
    out.push_str("}\n");
    out
}

/// The legend: one node whose HTML-like table shows each edge style and each mark.
fn legend(view: &View, out: &mut String) {
    let mut rows = format!(
        "<TR><TD COLSPAN=\"2\"><B>{}</B></TD></TR>",
        html(&view.text("graph.legend"))
    );
    for (kind, key) in LEGEND_EDGES {
        let line = match palette::line(kind) {
            "dashed" => "╌╌╌▷",
            "dotted" => "┈┈┈▶",
            _ => "───▶",
        };
        let _ = write!(
            rows,
            "<TR><TD><FONT COLOR=\"{}\">{line}</FONT></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
            palette::edge(kind),
            html(&view.text(key))
        );
    }
    for mark in &LEGEND_MARKS {
        let style = if mark.dashed { "dashed" } else { "solid" };
        let _ = write!(
            rows,
            "<TR><TD BORDER=\"2\" COLOR=\"{}\" BGCOLOR=\"{}\" STYLE=\"{style}\"> </TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
            mark.stroke,
            mark.fill,
            html(&view.text(mark.key))
        );
    }
    out.push_str(
        "  subgraph cluster_legend {\n    style=\"rounded\"; color=\"#bbbbbb\"; label=\"\";\n",
    );
    let _ = writeln!(
        out,
        "    legend [shape=plaintext, fontsize=9, label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\">{rows}</TABLE>>];"
    );
    out.push_str("  }\n");
}
