//! SVG drawn without any external program: the view laid out by [`super::layout`], one band
//! per group, boxes coloured by layer (gold for the national catalogue), borders red or amber
//! for findings with the codes written under the name, edges styled by kind, and a legend box.
//! Written with quick-xml's writer: every name reaches the file as escaped XML text or
//! attribute. The `html` format embeds the same drawing and uses the `data-*` attributes.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::layout::{self, BandInput, Layout, Rect};
use super::{EdgeKind, LEGEND_EDGES, LEGEND_MARKS, View, palette};

const TITLE: f64 = 36.0;
const LEGEND_ROW: f64 = 18.0;

/// Width and height of the drawing, and the layout inside it.
pub struct Drawing {
    pub layout: Layout,
    pub width: f64,
    pub height: f64,
}

fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// Lays out a view's groups as bands.
pub fn lay_out(view: &View) -> Layout {
    let bands: Vec<BandInput> = view
        .groups()
        .into_iter()
        .map(|g| BandInput {
            label: g.label,
            national: g.national,
            nodes: g.nodes,
        })
        .collect();
    let edges: Vec<(usize, usize)> = view.edges.iter().map(|e| (e.from, e.to)).collect();
    layout::layered(&bands, &edges, view.nodes.len())
}

fn legend_rows() -> usize {
    LEGEND_EDGES.len() + LEGEND_MARKS.len()
}

pub fn drawing(view: &View) -> Drawing {
    let layout = lay_out(view);
    let width = layout.width.max(420.0);
    let height = TITLE + layout.height + 30.0 + LEGEND_ROW * legend_rows() as f64 + layout::MARGIN;
    Drawing {
        layout,
        width,
        height,
    }
}

/// A standalone SVG document.
pub fn render(view: &View) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    write(&mut writer, view, &drawing(view))?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// How many characters of `size`-pixel text fit in `width` pixels (bold, with diacritics).
fn capacity(width: f64, size: f64) -> usize {
    ((width - 12.0) / (size * 0.575)).floor().max(4.0) as usize
}

/// Breaks a label into at most `lines` lines that fit in `width` pixels, at spaces where it
/// can; the last line ends with `…` when the text does not fit.
fn wrap(text: &str, width: f64, lines: usize) -> Vec<String> {
    let max = capacity(width, 12.0);
    let mut out: Vec<String> = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() && out.len() < lines {
        if rest.chars().count() <= max {
            out.push(rest.to_string());
            break;
        }
        if out.len() + 1 == lines {
            out.push(fit(rest, width, 12.0));
            break;
        }
        let cut = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let split = rest[..cut].rfind(' ').filter(|&i| i > 0).unwrap_or(cut);
        out.push(rest[..split].trim_end().to_string());
        rest = rest[split..].trim_start();
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Truncates a label to what fits in `width` pixels of `size`-pixel text.
fn fit(text: &str, width: f64, size: f64) -> String {
    let max = capacity(width, size);
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

fn marker_id(colour: &str) -> String {
    format!("arrow-{}", colour.trim_start_matches('#'))
}

/// Writes the `<svg>` element of a drawing.
pub fn write(writer: &mut Writer<Vec<u8>>, view: &View, drawing: &Drawing) -> io::Result<()> {
    let layout = &drawing.layout;
    let (width, height) = (n(drawing.width), n(drawing.height));
    let view_box = format!("0 0 {width} {height}");
    writer
        .create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", width.as_str()),
            ("height", height.as_str()),
            ("viewBox", view_box.as_str()),
            ("font-family", "Helvetica, Arial, sans-serif"),
            ("font-size", "12"),
            ("class", "kientruc-graph"),
        ])
        .write_inner_content(|w| {
            w.create_element("title")
                .write_text_content(BytesText::new(&view.title))?;
            defs(w)?;
            w.create_element("rect")
                .with_attributes([("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
                .write_empty()?;
            w.create_element("text")
                .with_attributes([
                    ("x", "20"),
                    ("y", "26"),
                    ("font-size", "16"),
                    ("font-weight", "bold"),
                ])
                .write_text_content(BytesText::new(&view.title))?;
            let shift = format!("translate(0,{})", n(TITLE));
            w.create_element("g")
                .with_attribute(("transform", shift.as_str()))
                .write_inner_content(|w| {
                    bands(w, layout)?;
                    edges(w, view, layout)?;
                    nodes(w, view, layout)?;
                    Ok(())
                })?;
            legend(w, view, TITLE + layout.height)?;
            Ok(())
        })?;
    Ok(())
}

fn defs(w: &mut Writer<Vec<u8>>) -> io::Result<()> {
    let colours = [
        palette::DEPENDS,
        palette::HOSTED,
        palette::INTEGRATION,
        palette::DATA,
        palette::OWNER,
        palette::ERROR,
        palette::WARNING,
        palette::INFO,
    ];
    w.create_element("defs").write_inner_content(|w| {
        for colour in colours {
            let id = marker_id(colour);
            w.create_element("marker")
                .with_attributes([
                    ("id", id.as_str()),
                    ("viewBox", "0 0 10 10"),
                    ("refX", "10"),
                    ("refY", "5"),
                    ("markerWidth", "7"),
                    ("markerHeight", "7"),
                    ("orient", "auto-start-reverse"),
                ])
                .write_inner_content(|w| {
                    w.create_element("path")
                        .with_attributes([("d", "M 0 0 L 10 5 L 0 10 z"), ("fill", colour)])
                        .write_empty()?;
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn bands(w: &mut Writer<Vec<u8>>, layout: &Layout) -> io::Result<()> {
    for band in &layout.bands {
        let (fill, stroke) = if band.national {
            ("#fffbea", palette::NATIONAL_STROKE)
        } else {
            ("#f7f7f7", "#d0d0d0")
        };
        let (x, y, bw, bh) = (
            n(layout::MARGIN),
            n(band.y),
            n(layout.width - 2.0 * layout::MARGIN),
            n(band.h),
        );
        w.create_element("rect")
            .with_attributes([
                ("class", "band"),
                ("x", x.as_str()),
                ("y", y.as_str()),
                ("width", bw.as_str()),
                ("height", bh.as_str()),
                ("rx", "8"),
                ("fill", fill),
                ("stroke", stroke),
            ])
            .write_empty()?;
        let (tx, ty) = (n(layout::MARGIN + 10.0), n(band.y + 16.0));
        w.create_element("text")
            .with_attributes([
                ("x", tx.as_str()),
                ("y", ty.as_str()),
                ("font-weight", "bold"),
                ("fill", "#555555"),
            ])
            .write_text_content(BytesText::new(&band.label))?;
    }
    Ok(())
}

fn dash(kind: EdgeKind) -> Option<&'static str> {
    match palette::line(kind) {
        "dashed" => Some("6 4"),
        "dotted" => Some("2 3"),
        _ => None,
    }
}

/// The path of an edge and where its label goes. Between boxes of one row the edge arcs
/// above the row when it runs right, below when it runs left, so that two opposite edges
/// stay apart and neither crosses the boxes between; other edges are straight.
fn route(source: Rect, target: Rect) -> (String, (f64, f64)) {
    let (scx, scy) = source.centre();
    let (tcx, tcy) = target.centre();
    if source.y == target.y {
        let bulge = (18.0 + 0.08 * (tcx - scx).abs()).min(40.0);
        let (y, control) = if tcx >= scx {
            (source.y, source.y - bulge)
        } else {
            (source.y + source.h, source.y + source.h + bulge)
        };
        let middle = (scx + tcx) / 2.0;
        let d = format!(
            "M {} {} Q {} {} {} {}",
            n(scx),
            n(y),
            n(middle),
            n(control),
            n(tcx),
            n(y)
        );
        return (d, (middle, (y + control) / 2.0));
    }
    let (x1, y1) = source.border_towards(tcx, tcy);
    let (x2, y2) = target.border_towards(scx, scy);
    let d = format!("M {} {} L {} {}", n(x1), n(y1), n(x2), n(y2));
    (d, ((x1 + x2) / 2.0, (y1 + y2) / 2.0))
}

fn edges(w: &mut Writer<Vec<u8>>, view: &View, layout: &Layout) -> io::Result<()> {
    for edge in &view.edges {
        let (start, end) = edge.drawn();
        let (Some(source), Some(target)) = (layout.nodes[start], layout.nodes[end]) else {
            continue;
        };
        let (d, (lx, ly)) = route(source, target);
        let colour = edge
            .worst()
            .map_or(palette::edge(edge.kind), palette::severity);
        let marker = format!("url(#{})", marker_id(colour));
        let width = if edge.worst().is_some() || edge.kind == EdgeKind::Master {
            "2.2"
        } else {
            "1.3"
        };
        let (from, to) = (
            view.nodes[edge.from].id.as_str(),
            view.nodes[edge.to].id.as_str(),
        );
        let mut attributes = vec![
            ("class", "edge"),
            ("data-from", from),
            ("data-to", to),
            ("data-kind", edge.kind.as_str()),
            ("d", d.as_str()),
            ("fill", "none"),
            ("stroke", colour),
            ("stroke-width", width),
            ("marker-end", marker.as_str()),
        ];
        if let Some(dash) = dash(edge.kind) {
            attributes.push(("stroke-dasharray", dash));
        }
        // Nearly everything runs on the data centre: hosting lines stay in the background.
        if edge.kind == EdgeKind::Hosted && edge.findings.is_empty() {
            attributes.push(("stroke-opacity", "0.45"));
        }
        w.create_element("path")
            .with_attributes(attributes)
            .write_empty()?;
        // Data flows are many and told apart by colour and direction: no words on them here.
        let (subject, codes) = view.edge_label(edge);
        let subject = subject.filter(|_| !edge.kind.is_data());
        let label: Vec<String> = subject.into_iter().chain(codes).collect();
        if !label.is_empty() {
            let (mx, my) = (n(lx), n(ly - 3.0));
            w.create_element("text")
                .with_attributes([
                    ("class", "edge-label"),
                    ("data-from", from),
                    ("data-to", to),
                    ("x", mx.as_str()),
                    ("y", my.as_str()),
                    ("font-size", "9"),
                    ("text-anchor", "middle"),
                    ("fill", colour),
                ])
                .write_text_content(BytesText::new(&fit(&label.join(" · "), 220.0, 9.0)))?;
        }
    }
    Ok(())
}

fn nodes(w: &mut Writer<Vec<u8>>, view: &View, layout: &Layout) -> io::Result<()> {
    let adjacency = view.adjacency();
    let parents = view.parents();
    let mut chains: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for (i, node) in view.nodes.iter().enumerate() {
        let Some(rect) = layout.nodes[i] else {
            continue;
        };
        let adjacent: Vec<String> = adjacency[i]
            .iter()
            .map(|m| view.nodes[*m].id.clone())
            .collect();
        let adjacent = adjacent.join(" ");
        // What the page's search reads: name, id, owner (id and name) and the finding codes.
        let mut search = vec![node.name.as_str(), node.id.as_str()];
        search.extend(node.owner.as_deref());
        search.extend(node.owner_name.as_deref());
        search.extend(node.findings.iter().map(|m| m.code));
        let search = search.join(" ");
        // What the page's filters read: layer, owner, the severities and principles of the
        // findings naming the element.
        let layer = node.layer.map_or(
            if node.kind == crate::graph::Kind::Data {
                "data"
            } else {
                ""
            },
            |l| l.as_str(),
        );
        let mut severities: Vec<&str> = node.findings.iter().map(|m| m.severity.as_str()).collect();
        severities.dedup();
        let severities = severities.join(" ");
        let mut principles: Vec<&str> = node
            .findings
            .iter()
            .filter_map(|m| crate::rules::find(m.code))
            .map(|r| r.principle.as_str())
            .collect();
        principles.sort_unstable();
        principles.dedup();
        let principles = principles.join(" ");
        // The owner and every agency above it: filtering on an agency keeps its sub-agencies'.
        let owners = match node.owner.as_deref() {
            Some(owner) => chains
                .entry(owner)
                .or_insert_with(|| super::view::owner_chain(&parents, owner))
                .clone(),
            None => String::new(),
        };
        let class = if node.national {
            "node national"
        } else {
            "node"
        };
        w.create_element("g")
            .with_attributes([
                ("class", class),
                ("data-id", node.id.as_str()),
                ("data-name", node.name.as_str()),
                ("data-search", search.as_str()),
                ("data-layer", layer),
                ("data-owners", owners.as_str()),
                ("data-severities", severities.as_str()),
                ("data-principles", principles.as_str()),
                ("data-adjacent", adjacent.as_str()),
            ])
            .write_inner_content(|w| {
                let tooltip = format!("{} ({})", node.name, node.id);
                w.create_element("title")
                    .write_text_content(BytesText::new(&tooltip))?;
                let stroke = palette::stroke(node);
                let stroke_width = if node.worst().is_some() || node.new {
                    "3"
                } else if node.national {
                    "2"
                } else {
                    "1"
                };
                let (x, y, rw, rh) = (n(rect.x), n(rect.y), n(rect.w), n(rect.h));
                let rx = if node.kind == crate::graph::Kind::Data {
                    "14"
                } else {
                    "5"
                };
                let mut attributes = vec![
                    ("x", x.as_str()),
                    ("y", y.as_str()),
                    ("width", rw.as_str()),
                    ("height", rh.as_str()),
                    ("rx", rx),
                    ("fill", palette::fill(node)),
                    ("stroke", stroke),
                    ("stroke-width", stroke_width),
                ];
                if node.new {
                    attributes.push(("stroke-dasharray", "5 3"));
                }
                w.create_element("rect")
                    .with_attributes(attributes)
                    .write_empty()?;
                let tx = n(rect.x + 6.0);
                for (line, text) in wrap(&node.name, rect.w, 2).iter().enumerate() {
                    let ty = n(rect.y + 15.0 + 14.0 * line as f64);
                    w.create_element("text")
                        .with_attributes([
                            ("x", tx.as_str()),
                            ("y", ty.as_str()),
                            ("font-weight", "bold"),
                        ])
                        .write_text_content(BytesText::new(text))?;
                }
                let (dx, dy) = (n(rect.x + 6.0), n(rect.y + 43.0));
                w.create_element("text")
                    .with_attributes([
                        ("x", dx.as_str()),
                        ("y", dy.as_str()),
                        ("font-size", "9"),
                        ("fill", "#555555"),
                    ])
                    .write_text_content(BytesText::new(&fit(&view.detail(node), rect.w, 9.0)))?;
                if let Some(worst) = node.worst() {
                    let (cx, cy) = (n(rect.x + 6.0), n(rect.y + 54.0));
                    w.create_element("text")
                        .with_attributes([
                            ("x", cx.as_str()),
                            ("y", cy.as_str()),
                            ("font-size", "9"),
                            ("font-weight", "bold"),
                            ("fill", palette::severity(worst)),
                        ])
                        .write_text_content(BytesText::new(&fit(&node.codes(), rect.w, 9.0)))?;
                }
                Ok(())
            })?;
    }
    Ok(())
}

fn legend(w: &mut Writer<Vec<u8>>, view: &View, top: f64) -> io::Result<()> {
    let x = layout::MARGIN;
    let box_height = 26.0 + LEGEND_ROW * legend_rows() as f64;
    let (bx, by, bh) = (n(x), n(top), n(box_height));
    w.create_element("g")
        .with_attribute(("class", "legend"))
        .write_inner_content(|w| {
            w.create_element("rect")
                .with_attributes([
                    ("x", bx.as_str()),
                    ("y", by.as_str()),
                    ("width", "300"),
                    ("height", bh.as_str()),
                    ("rx", "6"),
                    ("fill", "#ffffff"),
                    ("stroke", "#bbbbbb"),
                ])
                .write_empty()?;
            let (tx, ty) = (n(x + 10.0), n(top + 17.0));
            w.create_element("text")
                .with_attributes([
                    ("x", tx.as_str()),
                    ("y", ty.as_str()),
                    ("font-weight", "bold"),
                ])
                .write_text_content(BytesText::new(&view.text("graph.legend")))?;
            let mut y = top + 26.0;
            for (kind, key) in LEGEND_EDGES {
                let colour = palette::edge(kind);
                let marker = format!("url(#{})", marker_id(colour));
                let (x1, x2, ly) = (n(x + 12.0), n(x + 60.0), n(y + 9.0));
                let mut attributes = vec![
                    ("x1", x1.as_str()),
                    ("y1", ly.as_str()),
                    ("x2", x2.as_str()),
                    ("y2", ly.as_str()),
                    ("stroke", colour),
                    ("stroke-width", "1.5"),
                    ("marker-end", marker.as_str()),
                ];
                if let Some(dash) = dash(kind) {
                    attributes.push(("stroke-dasharray", dash));
                }
                w.create_element("line")
                    .with_attributes(attributes)
                    .write_empty()?;
                legend_text(w, x, y, &view.text(key))?;
                y += LEGEND_ROW;
            }
            for mark in &LEGEND_MARKS {
                let (rx, ry) = (n(x + 12.0), n(y + 2.0));
                let mut attributes = vec![
                    ("x", rx.as_str()),
                    ("y", ry.as_str()),
                    ("width", "48"),
                    ("height", "13"),
                    ("rx", "3"),
                    ("fill", mark.fill),
                    ("stroke", mark.stroke),
                    ("stroke-width", "2.5"),
                ];
                if mark.dashed {
                    attributes.push(("stroke-dasharray", "5 3"));
                }
                w.create_element("rect")
                    .with_attributes(attributes)
                    .write_empty()?;
                legend_text(w, x, y, &view.text(mark.key))?;
                y += LEGEND_ROW;
            }
            Ok(())
        })?;
    Ok(())
}

fn legend_text(w: &mut Writer<Vec<u8>>, x: f64, y: f64, text: &str) -> io::Result<()> {
    let (lx, ly) = (n(x + 70.0), n(y + 13.0));
    w.create_element("text")
        .with_attributes([("x", lx.as_str()), ("y", ly.as_str())])
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_ellipsizes_the_last_line() {
        let width = 200.0;
        let max = capacity(width, 12.0);
        assert_eq!(wrap("Sở Y tế", width, 2), ["Sở Y tế"]);
        let long = "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Bạc Liêu và các huyện";
        let lines = wrap(long, width, 2);
        assert_eq!(lines.len(), 2);
        assert!(long.starts_with(&lines[0]) && !lines[0].ends_with(' '));
        assert!(lines.iter().all(|l| l.chars().count() <= max));
        assert!(lines[1].ends_with('…'));
        let unbroken = "x".repeat(3 * max);
        assert_eq!(wrap(&unbroken, width, 2)[0].chars().count(), max);
    }
}
