//! PlantUML deployment-style diagram: one package per group, an element keyword per kind and
//! layer, a colour per layer, arrow styles per edge kind, a legend block. Every user text goes
//! through [`text`]: the characters that could end a quoted name or start Creole markup
//! (`"`, `<`, `*`, `/`, `_`, `-`, `~`, `[`, `\\`, `$`, …) become PlantUML's Unicode notation
//! (`<U+0022>`), which it prints as the character itself. (Numeric entities such as `&#92;`
//! are not safe: PlantUML feeds the decoded `\\` or `$` to a regex replacement and fails.)
//! Element ids are `n0`, `n1`, …

use std::fmt::Write;

use super::{EdgeKind, LEGEND_EDGES, LEGEND_MARKS, Look, View, palette};

/// Escapes text for a quoted PlantUML name or a Creole line.
pub fn text(text: &str) -> String {
    // Control characters, bidi controls and line separators first become visible escapes
    // (`\n`, `\u{2028}`), whose backslash is then escaped like any other character.
    let text = crate::text::printable(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '<' | '>' | '&' | '\\' | '~' | '*' | '/' | '_' | '-' | '=' | '[' | ']' | '{'
            | '}' | '|' | '#' | '\'' | '^' | '$' | '%' | '@' | '!' | '`' => {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

fn keyword(look: Look) -> &'static str {
    match look {
        Look::Channel => "boundary",
        Look::Portal | Look::Application | Look::Security => "component",
        Look::DataSystem => "storage",
        Look::Integration => "queue",
        Look::Infrastructure => "node",
        Look::DataSet => "database",
        Look::Capability => "usecase",
        Look::Agency => "actor",
    }
}

fn arrow(kind: EdgeKind, colour: &str) -> String {
    let style = match palette::line(kind) {
        "dashed" => ",dashed",
        "dotted" => ",dotted",
        _ if kind == EdgeKind::Master => ",bold",
        _ => "",
    };
    format!("-[{colour}{style}]->")
}

pub fn render(view: &View) -> String {
    let mut out = String::new();
    out.push_str("@startuml\n");
    let _ = writeln!(out, "title {}", text(&view.title));
    out.push_str("skinparam shadowing false\nskinparam defaultFontName Helvetica\nskinparam packageStyle rectangle\n");
    for (g, group) in view.groups().iter().enumerate() {
        let fill = if group.national { "#FFFBEA" } else { "#F7F7F7" };
        let _ = writeln!(out, "package \"{}\" as g{g} {fill} {{", text(&group.label));
        for &n in &group.nodes {
            let node = &view.nodes[n];
            let mut label = format!("**{}**\\n{}", text(&node.name), text(&view.detail(node)));
            if !node.findings.is_empty() {
                let _ = write!(label, "\\n**{}**", text(&node.codes()));
            }
            let mut colour = format!(
                "{};line:{}",
                palette::fill(node),
                palette::stroke(node).trim_start_matches('#')
            );
            if node.new || node.worst().is_some() {
                colour.push_str(";line.bold");
            }
            if node.new {
                colour.push_str(";line.dashed");
            }
            let _ = writeln!(
                out,
                "  {} \"{label}\" as n{n} {colour}",
                keyword(node.look())
            );
        }
        out.push_str("}\n");
    }
    for edge in &view.edges {
        let colour = edge
            .worst()
            .map_or(palette::edge(edge.kind), palette::severity);
        let (subject, codes) = view.edge_label(edge);
        let labels: Vec<String> = subject.into_iter().chain(codes).map(|l| text(&l)).collect();
        let (from, to) = edge.drawn();
        let _ = write!(out, "n{from} {} n{to}", arrow(edge.kind, colour));
        if !labels.is_empty() {
            let _ = write!(out, " : {}", labels.join(" · "));
        }
        out.push('\n');
    }
    out.push_str("legend right\n");
    let _ = writeln!(out, "  **{}**", text(&view.text("graph.legend")));
    for (kind, key) in LEGEND_EDGES {
        let line = match palette::line(kind) {
            "dashed" => "- - ->",
            "dotted" => "· · ·>",
            _ => "——>",
        };
        let _ = writeln!(
            out,
            "  <color:{}>{}</color> {}",
            palette::edge(kind),
            text(line),
            text(&view.text(key))
        );
    }
    for mark in &LEGEND_MARKS {
        let sample = if mark.dashed { "▢" } else { "■" };
        let _ = writeln!(
            out,
            "  <color:{}>{sample}</color> {}",
            mark.stroke,
            text(&view.text(mark.key))
        );
    }
    out.push_str("endlegend\n@enduml\n");
    out
}
