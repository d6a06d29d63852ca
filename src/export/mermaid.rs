//! Mermaid flowchart: one subgraph per group, a `classDef` per look and per mark (national,
//! new, error, warning, info), `linkStyle` per edge kind, and a legend subgraph (flowcharts
//! have no notes: the legend is drawn with the same classes and link styles). Every user text
//! goes through [`text`] into a quoted label (`["…"]`, `|"…"|`), where Mermaid's entity codes
//! (`#quot;`, `#lt;`, …) stand for the characters that could end the label or open markup.

use std::fmt::Write;

use super::{EdgeKind, LEGEND_EDGES, LEGEND_MARKS, Look, View, palette};
use crate::finding::Severity;

/// Escapes text for a quoted Mermaid label.
pub fn text(text: &str) -> String {
    // Control characters, bidi controls and line separators first become visible escapes
    // (`\n`, `\u{2028}`), whose backslash is then escaped like any other character.
    let text = crate::text::printable(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '\\' => out.push_str("#92;"),
            '%' => out.push_str("#37;"),
            c => out.push(c),
        }
    }
    out
}

fn shape(look: Look, label: &str) -> String {
    match look {
        Look::DataSet => format!("[(\"{label}\")]"),
        Look::Capability => format!("([\"{label}\"])"),
        Look::Integration => format!("{{{{\"{label}\"}}}}"),
        _ => format!("[\"{label}\"]"),
    }
}

pub fn render(view: &View) -> String {
    let mut out = String::new();
    out.push_str("---\n");
    // The front matter is YAML, not a label: the title is a YAML double-quoted scalar (JSON's
    // string syntax is a subset of it), shown by Mermaid as plain text, so no entity codes.
    // `<`, `>` and `&` are written as `\u` escapes, which YAML decodes: the page that embeds
    // the diagram's source never holds markup from a name.
    let title = crate::text::printable(&view.title);
    let title = serde_json::Value::from(title.as_ref())
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    let _ = writeln!(out, "title: {title}");
    out.push_str("---\nflowchart TB\n");
    for (g, group) in view.groups().iter().enumerate() {
        let _ = writeln!(out, "  subgraph g{g}[\"{}\"]", text(&group.label));
        for &n in &group.nodes {
            let node = &view.nodes[n];
            let mut label = format!(
                "<b>{}</b><br/><small>{}</small>",
                text(&node.name),
                text(&view.detail(node))
            );
            if !node.findings.is_empty() {
                let _ = write!(label, "<br/><b>{}</b>", text(&node.codes()));
            }
            let _ = writeln!(
                out,
                "    n{n}{}:::{}",
                shape(node.look(), &label),
                node.look().as_str()
            );
        }
        out.push_str("  end\n");
        if group.national {
            let _ = writeln!(
                out,
                "  style g{g} fill:#fffbea,stroke:{}",
                palette::NATIONAL_STROKE
            );
        }
    }
    let mut link_styles = Vec::new();
    for (e, edge) in view.edges.iter().enumerate() {
        let arrow = match edge.kind {
            EdgeKind::Depends | EdgeKind::Master => "-->",
            EdgeKind::Read | EdgeKind::Copy | EdgeKind::Provides => "-->",
            EdgeKind::Hosted | EdgeKind::Integration | EdgeKind::Owner => "-.->",
        };
        let (from, to) = edge.drawn();
        let (subject, codes) = view.edge_label(edge);
        let labels: Vec<String> = subject.into_iter().chain(codes).map(|l| text(&l)).collect();
        if labels.is_empty() {
            let _ = writeln!(out, "  n{from} {arrow} n{to}");
        } else {
            let _ = writeln!(out, "  n{from} {arrow}|\"{}\"| n{to}", labels.join(" · "));
        }
        let colour = edge
            .worst()
            .map_or(palette::edge(edge.kind), palette::severity);
        link_styles.push(format!("  linkStyle {e} {}", link_style(edge.kind, colour)));
    }
    legend(view, &mut out, &mut link_styles);
    for line in link_styles {
        out.push_str(&line);
        out.push('\n');
    }
    class_definitions(&mut out);
    for (n, node) in view.nodes.iter().enumerate() {
        if node.national {
            let _ = writeln!(out, "  class n{n} national");
        }
        if node.new {
            let _ = writeln!(out, "  class n{n} new");
        }
        match node.worst() {
            Some(Severity::Error) => {
                let _ = writeln!(out, "  class n{n} error");
            }
            Some(Severity::Warning) => {
                let _ = writeln!(out, "  class n{n} warning");
            }
            Some(Severity::Info) => {
                let _ = writeln!(out, "  class n{n} info");
            }
            None => {}
        }
    }
    out
}

fn link_style(kind: EdgeKind, colour: &str) -> String {
    let width = if kind == EdgeKind::Master { 2.5 } else { 1.5 };
    match palette::line(kind) {
        "dashed" => format!("stroke:{colour},stroke-width:{width}px,stroke-dasharray:6 4"),
        "dotted" => format!("stroke:{colour},stroke-width:{width}px,stroke-dasharray:2 3"),
        _ => format!("stroke:{colour},stroke-width:{width}px"),
    }
}

/// The legend: a subgraph with a pair of points per edge kind and one sample node per mark.
fn legend(view: &View, out: &mut String, link_styles: &mut Vec<String>) {
    let _ = writeln!(
        out,
        "  subgraph legend[\"{}\"]",
        text(&view.text("graph.legend"))
    );
    for (i, (kind, key)) in LEGEND_EDGES.iter().enumerate() {
        let _ = writeln!(
            out,
            "    legend_{i}a[\" \"] -->|\"{}\"| legend_{i}b[\" \"]",
            text(&view.text(key))
        );
        link_styles.push(format!(
            "  linkStyle {} {}",
            view.edges.len() + i,
            link_style(*kind, palette::edge(*kind))
        ));
    }
    for mark in &LEGEND_MARKS {
        let _ = writeln!(
            out,
            "    legend_{class}[\"{}\"]:::{class}",
            text(&view.text(mark.key)),
            class = mark.class
        );
    }
    out.push_str("  end\n");
}

fn class_definitions(out: &mut String) {
    for look in Look::ALL {
        let _ = writeln!(
            out,
            "  classDef {} fill:{},stroke:#444444,color:#111111",
            look.as_str(),
            look.fill()
        );
    }
    let _ = writeln!(
        out,
        "  classDef national fill:{},stroke:{},stroke-width:2px",
        palette::NATIONAL_FILL,
        palette::NATIONAL_STROKE
    );
    out.push_str("  classDef new stroke-dasharray:5 3,stroke-width:3px\n");
    let _ = writeln!(
        out,
        "  classDef error stroke:{},stroke-width:3px",
        palette::ERROR
    );
    let _ = writeln!(
        out,
        "  classDef warning stroke:{},stroke-width:3px",
        palette::WARNING
    );
    let _ = writeln!(
        out,
        "  classDef info stroke:{},stroke-width:2px",
        palette::INFO
    );
}
