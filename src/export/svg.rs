//! SVG drawn without any external program: the view laid out by [`super::layout`], one band
//! per group, boxes coloured by layer (gold for the national catalogue), borders red or amber
//! for findings with the codes written under the name, edges styled by kind, and a legend box.
//! Written with quick-xml's writer: every name reaches the file as escaped XML text or
//! attribute. The `html` format embeds the same drawing and uses the `data-*` attributes.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::layout::{self, BandInput, Layout};
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

/// Lays out a view's groups as bands and routes its edges, each box as tall as its text.
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
    let heights: Vec<f64> = view
        .nodes
        .iter()
        .map(|node| Text::of(view, node).height())
        .collect();
    let edges: Vec<(usize, usize)> = view.edges.iter().map(|e| e.drawn()).collect();
    layout::layered(&bands, &heights, &edges)
}

/// The lines written in a box: the whole name (bold), the id and status, the finding codes.
struct Text {
    name: Vec<String>,
    detail: Vec<String>,
    codes: Vec<String>,
}

const NAME_SIZE: f64 = 12.0;
const NAME_LINE: f64 = 14.0;
const SMALL_SIZE: f64 = 9.0;
const SMALL_LINE: f64 = 11.0;

impl Text {
    fn of(view: &View, node: &super::view::Node) -> Text {
        let codes = if node.worst().is_some() {
            wrap(&node.codes(), layout::NODE_WIDTH, SMALL_SIZE)
        } else {
            Vec::new()
        };
        Text {
            name: wrap(&node.name, layout::NODE_WIDTH, NAME_SIZE),
            detail: wrap(&view.detail(node), layout::NODE_WIDTH, SMALL_SIZE),
            codes,
        }
    }

    /// The first baseline of each part, from the top of the box.
    fn baselines(&self) -> (f64, f64, f64) {
        let name = 15.0;
        let detail = name + NAME_LINE * (self.name.len() as f64 - 1.0) + 14.0;
        let codes = detail + SMALL_LINE * (self.detail.len() as f64 - 1.0) + 12.0;
        (name, detail, codes)
    }

    fn height(&self) -> f64 {
        let (_, detail, codes) = self.baselines();
        let last = if self.codes.is_empty() {
            detail + SMALL_LINE * (self.detail.len() as f64 - 1.0)
        } else {
            codes + SMALL_LINE * (self.codes.len() as f64 - 1.0)
        };
        (last + 8.0).max(layout::NODE_HEIGHT).ceil()
    }
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

/// Breaks a text into lines that fit in `width` pixels of `size`-pixel text, at spaces only:
/// nothing is cut, and a word longer than a line (an id) keeps a line of its own, whole.
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let max = capacity(width, size);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut length = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if length > 0 && length + 1 + len > max {
            out.push(std::mem::take(&mut line));
            length = 0;
        }
        if length > 0 {
            line.push(' ');
            length += 1;
        }
        line.push_str(word);
        length += len;
    }
    if length > 0 || out.is_empty() {
        out.push(line);
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

/// The SVG path of a route: its orthogonal runs.
fn path(route: &layout::Route) -> String {
    let mut d = String::new();
    for (i, (x, y)) in route.points.iter().enumerate() {
        if i > 0 {
            d.push(' ');
        }
        d.push_str(if i == 0 { "M " } else { "L " });
        d.push_str(&n(*x));
        d.push(' ');
        d.push_str(&n(*y));
    }
    d
}

fn edges(w: &mut Writer<Vec<u8>>, view: &View, layout: &Layout) -> io::Result<()> {
    let mut labels: std::collections::HashMap<(i64, i64), Vec<String>> =
        std::collections::HashMap::new();
    for (edge, route) in view.edges.iter().zip(&layout.routes) {
        let Some(route) = route else {
            continue;
        };
        let d = path(route);
        let (lx, ly) = route.label;
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
            // Edges that share a run would write their words on one spot: the same words
            // once, other words stacked above.
            let text = fit(&label.join(" · "), 220.0, 9.0);
            let spot = ((lx * 10.0) as i64, (ly * 10.0) as i64);
            let written = labels.entry(spot).or_default();
            if written.contains(&text) {
                continue;
            }
            let (mx, my) = (n(lx), n(ly - 3.0 - 10.0 * written.len() as f64));
            written.push(text.clone());
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
                .write_text_content(BytesText::new(&text))?;
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
                let text = Text::of(view, node);
                let (name, detail, codes) = text.baselines();
                let tx = n(rect.x + 6.0);
                let lines = |w: &mut Writer<Vec<u8>>,
                             lines: &[String],
                             top: f64,
                             step: f64,
                             attributes: &[(&str, &str)]|
                 -> io::Result<()> {
                    for (i, line) in lines.iter().enumerate() {
                        let ty = n(rect.y + top + step * i as f64);
                        w.create_element("text")
                            .with_attributes([("x", tx.as_str()), ("y", ty.as_str())])
                            .with_attributes(attributes.iter().copied())
                            .write_text_content(BytesText::new(line))?;
                    }
                    Ok(())
                };
                lines(w, &text.name, name, NAME_LINE, &[("font-weight", "bold")])?;
                lines(
                    w,
                    &text.detail,
                    detail,
                    SMALL_LINE,
                    &[("font-size", "9"), ("fill", "#555555")],
                )?;
                if let Some(worst) = node.worst() {
                    lines(
                        w,
                        &text.codes,
                        codes,
                        SMALL_LINE,
                        &[
                            ("font-size", "9"),
                            ("font-weight", "bold"),
                            ("fill", palette::severity(worst)),
                        ],
                    )?;
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
    fn wrap_keeps_every_word_and_never_splits_one() {
        let width = 200.0;
        let max = capacity(width, NAME_SIZE);
        assert_eq!(wrap("Sở Y tế", width, NAME_SIZE), ["Sở Y tế"]);
        let long = "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Bạc Liêu và các huyện";
        let lines = wrap(long, width, NAME_SIZE);
        assert!(lines.len() >= 3);
        assert_eq!(lines.join(" "), long, "nothing is cut");
        assert!(lines.iter().all(|l| l.chars().count() <= max));
        assert!(lines.last().unwrap().ends_with("huyện"));
        let id = format!("he-thong-{}", "x".repeat(2 * max));
        let lines = wrap(&format!("{id} · đang vận hành"), width, SMALL_SIZE);
        assert_eq!(lines[0], id, "an id longer than a line stays whole");
    }
}
