//! The drawing's geometry, read back from the SVG file itself: which edges pass through a box
//! they do not end at. Edges are sampled along their path (`M`, `L`, `Q` and `C` commands); a
//! sample strictly inside another node's box (shrunk by 2 px for the line width) is a crossing.
//! `KIENTRUC_SVG=file.svg` measures any SVG file (the numbers in the README). The Bạc Liêu
//! drawing, the drawing of Bạc Liêu and Cà Mau merged, and the meeting page's drawing must
//! have none, and every node's whole name must be written in its box.

#[path = "support/run.rs"]
mod run;

use std::collections::HashMap;

type Box = (f64, f64, f64, f64);

fn numbers(d: &str) -> Vec<(char, Vec<f64>)> {
    let mut out: Vec<(char, Vec<f64>)> = Vec::new();
    for token in d.split([' ', ',']).filter(|t| !t.is_empty()) {
        match token.parse::<f64>() {
            Ok(v) => {
                if let Some(last) = out.last_mut() {
                    last.1.push(v);
                }
            }
            Err(_) => out.push((token.chars().next().unwrap_or(' '), Vec::new())),
        }
    }
    out
}

/// Points along an SVG path.
fn samples(d: &str) -> Vec<(f64, f64)> {
    let mut points = Vec::new();
    let mut at = (0.0, 0.0);
    for (command, v) in numbers(d) {
        match command {
            'M' if v.len() >= 2 => at = (v[0], v[1]),
            'L' => {
                for p in v.chunks_exact(2) {
                    let to = (p[0], p[1]);
                    for i in 0..=40 {
                        let t = f64::from(i) / 40.0;
                        points.push((at.0 + (to.0 - at.0) * t, at.1 + (to.1 - at.1) * t));
                    }
                    at = to;
                }
            }
            'Q' => {
                for p in v.chunks_exact(4) {
                    for i in 0..=40 {
                        let t = f64::from(i) / 40.0;
                        let u = 1.0 - t;
                        points.push((
                            u * u * at.0 + 2.0 * u * t * p[0] + t * t * p[2],
                            u * u * at.1 + 2.0 * u * t * p[1] + t * t * p[3],
                        ));
                    }
                    at = (p[2], p[3]);
                }
            }
            'C' => {
                for p in v.chunks_exact(6) {
                    for i in 0..=40 {
                        let t = f64::from(i) / 40.0;
                        let u = 1.0 - t;
                        let (a, b, c, e) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
                        points.push((
                            a * at.0 + b * p[0] + c * p[2] + e * p[4],
                            a * at.1 + b * p[1] + c * p[3] + e * p[5],
                        ));
                    }
                    at = (p[4], p[5]);
                }
            }
            _ => {}
        }
    }
    points
}

/// (edge from, edge to, node crossed) for every edge that passes through a box it does not
/// end at, and the number of edges.
fn crossings(svg: &str) -> (Vec<(String, String, String)>, usize) {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let mut boxes: HashMap<String, Box> = HashMap::new();
    for g in doc.descendants().filter(|n| {
        n.has_tag_name("g") && n.attribute("class").is_some_and(|c| c.starts_with("node"))
    }) {
        let id = g
            .attribute("data-id")
            .expect("a node has data-id")
            .to_string();
        let rect = g
            .children()
            .find(|c| c.has_tag_name("rect"))
            .expect("a node has a box");
        let f = |a: &str| {
            rect.attribute(a)
                .and_then(|v| v.parse::<f64>().ok())
                .expect("number")
        };
        boxes.insert(id, (f("x"), f("y"), f("width"), f("height")));
    }
    let mut found = Vec::new();
    let mut count = 0;
    for path in doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("edge"))
    {
        count += 1;
        let from = path.attribute("data-from").unwrap_or_default();
        let to = path.attribute("data-to").unwrap_or_default();
        let points = samples(path.attribute("d").unwrap_or_default());
        assert!(!points.is_empty(), "edge {from} → {to} has a path");
        let mut hit: Vec<&String> = boxes
            .iter()
            .filter(|(id, _)| id.as_str() != from && id.as_str() != to)
            .filter(|(_, (x, y, w, h))| {
                points.iter().any(|(px, py)| {
                    *px > x + 2.0 && *px < x + w - 2.0 && *py > y + 2.0 && *py < y + h - 2.0
                })
            })
            .map(|(id, _)| id)
            .collect();
        hit.sort();
        for id in hit {
            found.push((from.to_string(), to.to_string(), id.clone()));
        }
    }
    (found, count)
}

#[test]
fn the_checker_sees_a_line_through_a_box() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg">
<g class="node" data-id="a"><rect x="0" y="0" width="10" height="10"/></g>
<g class="node" data-id="b"><rect x="0" y="100" width="10" height="10"/></g>
<g class="node" data-id="c"><rect x="0" y="40" width="10" height="10"/></g>
<path class="edge" data-from="a" data-to="b" d="M 5 10 L 5 100"/>
<path class="edge" data-from="a" data-to="c" d="M 5 10 C 5 20 5 30 5 40"/>
</svg>"#;
    let (found, count) = crossings(svg);
    assert_eq!(count, 2);
    assert_eq!(found, [("a".into(), "b".into(), "c".into())]);
}

#[test]
fn measure_a_file() {
    if let Ok(path) = std::env::var("KIENTRUC_SVG") {
        let svg = std::fs::read_to_string(&path).expect("readable");
        let (found, count) = crossings(&svg);
        let edges: std::collections::BTreeSet<(&String, &String)> =
            found.iter().map(|(a, b, _)| (a, b)).collect();
        println!(
            "{path}: {count} edges, {} pass through boxes ({} crossings)",
            edges.len(),
            found.len()
        );
    }
}

fn drawing(model: &std::path::Path, format: &str) -> String {
    run::kientruc(&[
        "graph".as_ref(),
        model.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
        "--findings".as_ref(),
        "--today".as_ref(),
        "2026-01-15".as_ref(),
    ])
}

/// Every node's name, as its box's bold lines joined, equals its `data-name`: nothing cut.
fn names_are_whole(svg: &str) {
    let doc = roxmltree::Document::parse(svg).expect("well-formed");
    let mut seen = 0;
    for g in doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-name").is_some())
    {
        let lines: Vec<&str> = g
            .children()
            .filter(|c| c.has_tag_name("text") && c.attribute("font-weight") == Some("bold"))
            .filter(|c| c.attribute("font-size").is_none())
            .filter_map(|c| c.text())
            .collect();
        assert_eq!(
            lines.join(" "),
            g.attribute("data-name").unwrap(),
            "the name of {} is written whole",
            g.attribute("data-id").unwrap()
        );
        assert!(!lines.join(" ").contains('…'));
        seen += 1;
    }
    assert!(seen > 40, "{seen} nodes");
}

fn no_crossings(svg: &str, least: usize) {
    let (found, count) = crossings(svg);
    assert!(count >= least, "{count} edges drawn");
    assert!(
        found.is_empty(),
        "{} edges pass through boxes: {found:?}",
        found.len()
    );
    names_are_whole(svg);
}

#[test]
fn the_bac_lieu_drawing_routes_every_edge_around_the_boxes() {
    let model = std::path::Path::new("models/bac-lieu");
    no_crossings(&drawing(model, "svg"), 200);
    let page = drawing(model, "html");
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap() + 6];
    no_crossings(svg, 200);
}

#[test]
fn the_merged_drawing_routes_every_edge_around_the_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let merged = run::merged(dir.path());
    no_crossings(&drawing(&merged, "svg"), 400);
    // By owner, the bands are the agencies: routed the same way.
    let by_owner = run::kientruc(&[
        "graph".as_ref(),
        merged.as_os_str(),
        "--format".as_ref(),
        "svg".as_ref(),
        "--group-by".as_ref(),
        "owner".as_ref(),
    ]);
    no_crossings(&by_owner, 400);
}
