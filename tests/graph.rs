//! `kientruc graph`: every format on the fixtures (and on models/bac-lieu when present), the
//! external validators (Graphviz, xmllint) when installed, GraphML read back, the filters and
//! focus, findings and proposal marks, hostile names in every format, snapshots of DOT and
//! Mermaid, and the command line.

#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use chrono::NaiveDate;
use kientruc::export::{self, EdgeFilter, EdgeKind, Format, GroupBy, Request, View};
use kientruc::graph::Kind;
use kientruc::i18n::Lang;
use kientruc::model::Layer;

const ALL: [Format; 8] = [
    Format::Dot,
    Format::Mermaid,
    Format::Plantuml,
    Format::Graphml,
    Format::Archimate,
    Format::Svg,
    Format::Html,
    Format::Json,
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/graph")
        .join(name)
}

fn request(format: Format) -> Request {
    Request::new(
        format,
        Lang::En,
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    )
}

fn view_with(path: &Path, format: Format, configure: impl FnOnce(&mut Request)) -> View {
    let mut request = request(format);
    configure(&mut request);
    match export::build(path, &request) {
        Ok(view) => view,
        Err(export::Failure::Request(message)) => panic!("request refused: {message}"),
        Err(export::Failure::Load(failure)) => panic!("model not loaded: {:?}", failure.issues),
    }
}

fn render(view: &View, format: Format) -> String {
    String::from_utf8(export::render(view, format).unwrap()).unwrap()
}

fn ids(view: &View) -> Vec<&str> {
    let mut ids: Vec<&str> = view.nodes.iter().map(|n| n.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

/// Runs an external program on `input`; `None` (with the reason printed) when it is absent.
fn run_tool(
    program: &str,
    args: &[&str],
    input: &[u8],
    env: &[(&str, &str)],
) -> Option<(bool, String)> {
    use std::io::Write;
    let mut command = Process::new(program);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            tools::missing(program, "its check of this output did not run");
            return None;
        }
        Err(error) => panic!("cannot run {program}: {error}"),
    };
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some((output.status.success(), text))
}

/// The Open Group exchange-format schemas (with a catalog for xml.xsd), kept with the tests.
fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archimate")
}

/// Validates an ArchiMate exchange file with xmllint; prints why when it cannot.
fn xmllint_validates(xml: &str) {
    let dir = schema_dir();
    let catalog = dir.join("catalog.xml");
    let schema = dir.join("archimate3_Diagram.xsd");
    let Some((ok, text)) = run_tool(
        "xmllint",
        &[
            "--nonet",
            "--noout",
            "--schema",
            schema.to_str().unwrap(),
            "-",
        ],
        xml.as_bytes(),
        &[("XML_CATALOG_FILES", catalog.to_str().unwrap())],
    ) else {
        return;
    };
    assert!(ok, "xmllint rejects the ArchiMate file:\n{text}");
    assert!(text.contains("validates"), "{text}");
}

/// Lays a DOT file out with Graphviz; prints why when it cannot.
fn graphviz_renders(dot: &str) {
    let Some((ok, text)) = run_tool("dot", &["-Tsvg"], dot.as_bytes(), &[]) else {
        return;
    };
    assert!(ok, "Graphviz rejects the DOT file:\n{text}");
    assert!(text.contains("<svg"), "{text}");
    assert!(
        !text.contains("Warning") && !text.contains("Error"),
        "{text}"
    );
}

/// Renders a PlantUML file with PlantUML; prints why when it cannot.
fn plantuml_renders(text: &str) {
    let Some((ok, output)) = run_tool("plantuml", &["-pipe", "-tsvg"], text.as_bytes(), &[]) else {
        return;
    };
    assert!(ok, "PlantUML fails:\n{output}");
    assert!(
        !output.contains("error has occured") && !output.contains("Syntax Error"),
        "{output}"
    );
}

/// The models every format is tried on: the fixtures, and the Bạc Liêu model once it exists.
fn models() -> Vec<PathBuf> {
    let mut models = vec![fixture("small"), fixture("hostile")];
    let bac_lieu = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/bac-lieu");
    if bac_lieu.is_dir() {
        models.push(bac_lieu);
    } else {
        eprintln!("SKIPPED (part): models/bac-lieu not present; formats tried on fixtures only");
    }
    models
}

#[test]
fn every_format_renders_every_model() {
    for model in models() {
        for format in ALL {
            let view = view_with(&model, format, |r| r.findings = true);
            assert!(!view.nodes.is_empty(), "{model:?} {format:?}");
            let text = render(&view, format);
            let again = render(&view_with(&model, format, |r| r.findings = true), format);
            assert_eq!(text, again, "{format:?} is not deterministic on {model:?}");
            match format {
                Format::Dot => graphviz_renders(&text),
                Format::Archimate => xmllint_validates(&text),
                Format::Graphml | Format::Svg => {
                    roxmltree::Document::parse(&text)
                        .unwrap_or_else(|e| panic!("{format:?} on {model:?}: {e}"));
                }
                Format::Json => {
                    let _: serde_json::Value = serde_json::from_str(&text).unwrap();
                }
                Format::Html => assert!(text.starts_with("<!DOCTYPE html>")),
                Format::Mermaid => assert!(text.contains("flowchart TB")),
                Format::Plantuml => {
                    assert!(text.starts_with("@startuml") && text.ends_with("@enduml\n"));
                    plantuml_renders(&text);
                }
            }
        }
    }
}

#[test]
fn drawings_show_systems_and_data_and_exchanges_show_everything() {
    let small = fixture("small");
    let drawing = view_with(&small, Format::Dot, |_| {});
    assert!(
        drawing
            .nodes
            .iter()
            .all(|n| matches!(n.kind, Kind::System | Kind::Data))
    );
    assert_eq!(drawing.nodes.len(), 9 + 2);
    let exchange = view_with(&small, Format::Graphml, |_| {});
    assert_eq!(
        exchange
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::Agency)
            .count(),
        4
    );
    assert_eq!(
        exchange
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::Capability)
            .count(),
        3
    );
    assert!(exchange.edges.iter().any(|e| e.kind == EdgeKind::Provides));
    assert!(exchange.edges.iter().any(|e| e.kind == EdgeKind::Owner));
    assert!(
        drawing
            .edges
            .iter()
            .all(|e| !matches!(e.kind, EdgeKind::Provides | EdgeKind::Owner))
    );
}

#[test]
fn national_elements_stand_apart() {
    let view = view_with(&fixture("small"), Format::Dot, |_| {});
    let national: Vec<&str> = view
        .nodes
        .iter()
        .filter(|n| n.national)
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(national, ["vn.vneid", "vn.csdl-dan-cu"]);
    let groups = view.groups();
    let group = groups.iter().find(|g| g.key == "national").unwrap();
    assert!(group.national);
    assert_eq!(group.nodes.len(), 2);
    // Layers from the user down, national and security apart at the end.
    let keys: Vec<&str> = groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "channel",
            "portal",
            "application",
            "data",
            "integration",
            "infrastructure",
            "national",
            "security"
        ]
    );
    let dot = render(&view, Format::Dot);
    assert!(
        dot.contains("fillcolor=\"#fffbea\"; color=\"#b8860b\""),
        "national cluster colour"
    );
}

#[test]
fn group_by_owner_makes_one_cluster_per_agency() {
    let view = view_with(&fixture("small"), Format::Dot, |r| {
        r.group_by = GroupBy::Owner
    });
    let keys: Vec<String> = view.groups().into_iter().map(|g| g.key).collect();
    assert_eq!(
        keys,
        ["owner-so-tttt", "owner-so-yte", "owner-vn.bo-cong-an"]
    );
    let dot = render(&view, Format::Dot);
    assert!(dot.contains("Sở Y tế"));
}

#[test]
fn edge_styles_follow_the_kind() {
    let view = view_with(&fixture("small"), Format::Dot, |_| {});
    let dot = render(&view, Format::Dot);
    let line = |from: &str, to: &str| -> String {
        let index = |id: &str| view.nodes.iter().position(|n| n.id == id).unwrap();
        let prefix = format!("  n{} -> n{} [", index(from), index(to));
        dot.lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"))
            .to_string()
    };
    assert!(line("app-cong-dan", "cong-dvc").contains("style=solid, color=\"#333333\""));
    assert!(line("cong-dvc", "dc-tinh").contains("style=dashed"));
    let integration = line("mot-cua", "vn.vneid");
    assert!(
        integration.contains("style=dotted") && integration.contains("label=<lgsp>"),
        "{integration}"
    );
    assert!(line("mot-cua", "hs-tthc").contains("color=\"#2e8b57\""));
    assert!(dot.contains("subgraph cluster_legend"));
    let mermaid = render(&view, Format::Mermaid);
    assert!(mermaid.contains("classDef national") && mermaid.contains("subgraph legend"));
    let svg = render(
        &view_with(&fixture("small"), Format::Svg, |_| {}),
        Format::Svg,
    );
    assert!(svg.contains("class=\"legend\""));
}

#[test]
fn layer_owner_and_edge_filters() {
    let small = fixture("small");
    let apps = view_with(&small, Format::Dot, |r| r.layer = Some(Layer::Application));
    assert_eq!(ids(&apps), ["mot-cua", "qlvb", "qlvb-yte", "vn.vneid"]);
    let data = view_with(&small, Format::Dot, |r| r.layer = Some(Layer::Data));
    assert_eq!(ids(&data), ["hs-tthc", "vn.csdl-dan-cu"]);
    let health = view_with(&small, Format::Json, |r| r.owner = Some("so-yte".into()));
    assert_eq!(ids(&health), ["document-management", "qlvb-yte", "so-yte"]);
    let depends = view_with(&small, Format::Dot, |r| r.edges = vec![EdgeFilter::Depends]);
    assert!(!depends.edges.is_empty());
    assert!(depends.edges.iter().all(|e| e.kind == EdgeKind::Depends));
    let data_flows = view_with(&small, Format::Dot, |r| {
        r.edges = vec![EdgeFilter::Data, EdgeFilter::Hosted]
    });
    assert!(data_flows.edges.iter().any(|e| e.kind == EdgeKind::Hosted));
    assert!(
        data_flows
            .edges
            .iter()
            .all(|e| e.kind.is_data() || e.kind == EdgeKind::Hosted)
    );
}

#[test]
fn focus_keeps_the_neighbourhood() {
    let small = fixture("small");
    let one = view_with(&small, Format::Dot, |r| {
        r.focus = Some("lgsp".into());
        r.depth = 1;
    });
    assert_eq!(ids(&one), ["dc-tinh", "lgsp", "mot-cua"]);
    let two = view_with(&small, Format::Dot, |r| r.focus = Some("lgsp".into()));
    assert_eq!(
        ids(&two),
        [
            "cong-dvc",
            "dc-tinh",
            "hs-tthc",
            "lgsp",
            "mot-cua",
            "qlvb",
            "soc-tinh",
            "vn.csdl-dan-cu",
            "vn.vneid"
        ]
    );
    // Through a capability: its providers are one step away.
    let capability = view_with(&small, Format::Json, |r| {
        r.focus = Some("document-management".into());
        r.depth = 1;
    });
    assert_eq!(
        ids(&capability),
        ["document-management", "qlvb", "qlvb-yte"]
    );
    // An agency's elements are its neighbours, but not each other's through it.
    let agency = view_with(&small, Format::Json, |r| {
        r.focus = Some("so-yte".into());
        r.depth = 1;
    });
    assert_eq!(ids(&agency), ["qlvb-yte", "so-yte"]);
}

#[test]
fn unknown_names_are_refused_with_a_suggestion() {
    let small = fixture("small");
    let mut focus = request(Format::Dot);
    focus.focus = Some("lgps".into());
    match export::build(&small, &focus) {
        Err(export::Failure::Request(message)) => {
            assert!(
                message.contains("`lgps`") && message.contains("`lgsp`"),
                "{message}"
            );
        }
        other => panic!("expected a refusal, got {:?}", other.map(|v| v.nodes.len())),
    }
    let mut owner = request(Format::Dot);
    owner.owner = Some("so-y-te".into());
    assert!(
        matches!(export::build(&small, &owner), Err(export::Failure::Request(m)) if m.contains("so-yte"))
    );
    let mut filtered = request(Format::Dot);
    filtered.focus = Some("lgsp".into());
    filtered.layer = Some(Layer::Channel);
    assert!(
        matches!(export::build(&small, &filtered), Err(export::Failure::Request(m)) if m.contains("--layer"))
    );
}

#[test]
fn findings_colour_elements_and_edges() {
    let cycle = fixture("cycle");
    let view = view_with(&cycle, Format::Dot, |r| r.findings = true);
    let marked: Vec<&str> = view
        .nodes
        .iter()
        .filter(|n| !n.findings.is_empty())
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(marked, ["a"], "the element at fault, not the related one");
    let marked_edges: Vec<(usize, usize)> = view
        .edges
        .iter()
        .filter(|e| !e.findings.is_empty())
        .map(|e| (e.from, e.to))
        .collect();
    assert_eq!(marked_edges, [(0, 1), (1, 0)], "a → b and b → a, not c → a");
    let dot = render(&view, Format::Dot);
    assert!(
        dot.contains("color=\"#d62728\", penwidth=2.5"),
        "red border on the elements"
    );
    assert!(dot.contains("<B>KT003</B>"));
    assert!(render(&view, Format::Mermaid).contains("class n0 error"));
    let svg = render(&view, Format::Svg);
    assert!(svg.contains(">KT003</text>") && svg.contains("stroke=\"#d62728\""));
    let html = render(&view, Format::Html);
    assert!(
        html.contains("<li class=\"error\" data-id=\"a\"><b>KT003</b>"),
        "findings listed beside"
    );
    let json: serde_json::Value = serde_json::from_str(&render(&view, Format::Json)).unwrap();
    assert_eq!(json["findings"][0]["code"], "KT003");
    // Without --findings nothing is coloured.
    let plain = view_with(&cycle, Format::Dot, |_| {});
    assert!(plain.nodes.iter().all(|n| n.findings.is_empty()));
}

#[test]
fn edges_to_what_a_finding_names_are_coloured() {
    let view = view_with(&fixture("small"), Format::Dot, |r| r.findings = true);
    let marked = |from: &str, to: &str| -> Vec<&str> {
        let edge = view
            .edges
            .iter()
            .find(|e| view.nodes[e.from].id == from && view.nodes[e.to].id == to)
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"));
        edge.findings.iter().map(|m| m.code).collect()
    };
    // SHARE003 on qlvb-yte names the data set it copies: the copy edge is marked.
    assert_eq!(marked("qlvb-yte", "hs-tthc"), ["SHARE003"]);
    assert!(marked("mot-cua", "hs-tthc").is_empty());
    let qlvb_yte = view.nodes.iter().find(|n| n.id == "qlvb-yte").unwrap();
    assert_eq!(qlvb_yte.worst(), Some(kientruc::finding::Severity::Error));
    assert_eq!(qlvb_yte.findings[0].code, "REUSE001", "the worst first");
}

#[test]
fn warnings_are_amber() {
    let dir = tempfile::tempdir().unwrap();
    let cycle = std::fs::read_to_string(fixture("cycle/model.yaml")).unwrap();
    std::fs::write(
        dir.path().join("model.yaml"),
        format!("{cycle}\nrules:\n  KT003: warning\n"),
    )
    .unwrap();
    let view = view_with(dir.path(), Format::Dot, |r| r.findings = true);
    assert_eq!(
        view.nodes[0].worst(),
        Some(kientruc::finding::Severity::Warning)
    );
    let dot = render(&view, Format::Dot);
    assert!(
        dot.contains("color=\"#f0a020\", penwidth=2.5"),
        "amber border"
    );
    assert!(!dot.contains("color=\"#d62728\", penwidth"), "no red");
    assert!(render(&view, Format::Mermaid).contains("class n0 warning"));
}

#[test]
fn proposal_elements_are_marked_new() {
    let view = view_with(&fixture("small"), Format::Json, |r| {
        r.proposal = Some(fixture("proposal"))
    });
    let new: Vec<&str> = view
        .nodes
        .iter()
        .filter(|n| n.new)
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(new, ["ho-so-suc-khoe"]);
    let json: serde_json::Value = serde_json::from_str(&render(&view, Format::Json)).unwrap();
    let node = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "ho-so-suc-khoe")
        .unwrap();
    assert_eq!(node["new"], true);
    let dot = render(
        &view_with(&fixture("small"), Format::Dot, |r| {
            r.proposal = Some(fixture("proposal"))
        }),
        Format::Dot,
    );
    assert!(dot.contains("ho-so-suc-khoe · proposed · NEW"));
    assert!(dot.contains("style=\"filled,bold,dashed\""));
    // A proposal that does not load is a load failure (exit 2), not a drawing.
    let mut bad = request(Format::Dot);
    bad.proposal = Some(fixture("small"));
    assert!(matches!(
        export::build(&fixture("small"), &bad),
        Err(export::Failure::Load(_))
    ));
}

#[test]
fn graphml_reads_back_with_the_view_counts() {
    for model in models() {
        let view = view_with(&model, Format::Graphml, |r| r.findings = true);
        let text = render(&view, Format::Graphml);
        let document = roxmltree::Document::parse(&text).unwrap();
        let count = |tag: &str| {
            document
                .descendants()
                .filter(|n| n.has_tag_name(tag))
                .count()
        };
        assert_eq!(count("node"), view.nodes.len());
        assert_eq!(count("edge"), view.edges.len());
        let keys: Vec<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name("key"))
            .filter_map(|n| n.attribute("attr.name"))
            .collect();
        for key in ["name", "kind", "layer", "owner", "status"] {
            assert!(keys.contains(&key), "key {key}");
        }
        for (node, element) in view
            .nodes
            .iter()
            .zip(document.descendants().filter(|n| n.has_tag_name("node")))
        {
            assert_eq!(element.attribute("id"), Some(node.id.as_str()));
            let name = element
                .children()
                .find(|c| c.attribute("key") == Some("name"))
                .and_then(|c| c.text())
                .unwrap_or_default();
            assert_eq!(name, node.name);
        }
    }
}

#[test]
fn archimate_relationships_follow_the_table() {
    let view = view_with(&fixture("small"), Format::Archimate, |_| {});
    let (relationships, skipped) = export::archimate::relationships(&view);
    assert_eq!(skipped, 0);
    for r in &relationships {
        let (source, target) = (
            export::archimate::element_type(&view.nodes[r.source]),
            export::archimate::element_type(&view.nodes[r.target]),
        );
        assert!(
            export::archimate::allowed(source, r.kind, target),
            "{source:?} {r:?} {target:?}"
        );
    }
    let xml = render(&view, Format::Archimate);
    let document = roxmltree::Document::parse(&xml).unwrap();
    let xsi = "http://www.w3.org/2001/XMLSchema-instance";
    let element = |id: &str| {
        document
            .descendants()
            .find(|n| n.has_tag_name("element") && n.attribute("identifier") == Some(id))
            .and_then(|n| n.attribute((xsi, "type")))
    };
    assert_eq!(element("id-app-cong-dan"), Some("ApplicationInterface"));
    assert_eq!(element("id-dc-tinh"), Some("Node"));
    assert_eq!(element("id-mot-cua"), Some("ApplicationComponent"));
    assert_eq!(element("id-hs-tthc"), Some("DataObject"));
    assert_eq!(element("id-identity"), Some("Capability"));
    assert_eq!(element("id-so-tttt"), Some("BusinessActor"));
    let relationship = |source: &str, target: &str| {
        document
            .descendants()
            .filter(|n| n.has_tag_name("relationship"))
            .find(|n| {
                n.attribute("source") == Some(source) && n.attribute("target") == Some(target)
            })
            .map(|n| {
                (
                    n.attribute((xsi, "type")).unwrap_or_default().to_string(),
                    n.attribute("accessDirection").map(str::to_string),
                )
            })
    };
    // depends_on: the provider serves the dependant.
    assert_eq!(
        relationship("id-cong-dvc", "id-app-cong-dan"),
        Some(("Serving".into(), None))
    );
    assert_eq!(
        relationship("id-dc-tinh", "id-mot-cua"),
        Some(("Realization".into(), None))
    );
    assert_eq!(
        relationship("id-mot-cua", "id-vn.vneid"),
        Some(("Flow".into(), None))
    );
    assert_eq!(
        relationship("id-mot-cua", "id-hs-tthc"),
        Some(("Access".into(), Some("Write".into())))
    );
    assert_eq!(
        relationship("id-mot-cua", "id-vn.csdl-dan-cu"),
        Some(("Access".into(), Some("Read".into())))
    );
    assert_eq!(
        relationship("id-qlvb", "id-document-management"),
        Some(("Realization".into(), None))
    );
    assert_eq!(
        relationship("id-so-tttt", "id-qlvb"),
        Some(("Association".into(), None))
    );
    // Properties, folders and one diagram per group, with placed nodes.
    for property in ["owner", "status", "security_level", "capex (VND)"] {
        assert!(xml.contains(&format!(">{property}</name>")), "{property}");
    }
    let views = document
        .descendants()
        .filter(|n| n.has_tag_name("view"))
        .count();
    assert_eq!(views, view.groups().len());
    assert!(
        document
            .descendants()
            .filter(|n| n.has_tag_name("node"))
            .all(|n| n
                .attribute("x")
                .is_some_and(|x| x.parse::<u32>().is_ok_and(|x| x >= 1)))
    );
    assert!(document.descendants().any(|n| n.has_tag_name("connection")));
    xmllint_validates(&xml);
}

#[test]
fn archimate_leaves_out_what_the_table_forbids() {
    // An application hosted on another application: no Realization between two components.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("model.yaml"),
        "model: {id: m, name: M, reference: none}\nagencies: [{id: a, name: A, level: department}]\nsystems:\n  - {id: x, name: X, layer: application, owner: a, status: operational, hosted_on: y}\n  - {id: y, name: Y, layer: application, owner: a, status: operational}\n",
    )
    .unwrap();
    let view = view_with(dir.path(), Format::Archimate, |_| {});
    let (relationships, skipped) = export::archimate::relationships(&view);
    assert_eq!(skipped, 1);
    assert!(
        relationships
            .iter()
            .all(|r| r.kind == export::archimate::RelationshipType::Association)
    );
    let xml = render(&view, Format::Archimate);
    assert!(
        xml.contains("1 relationships left out"),
        "the count is documented"
    );
    xmllint_validates(&xml);
}

#[test]
fn hostile_names_break_no_format() {
    let hostile = fixture("hostile");
    for format in ALL {
        let view = view_with(&hostile, format, |r| r.findings = true);
        assert!(view.nodes.iter().any(|n| n.name.contains("<script>")));
        let text = render(&view, format);
        match format {
            Format::Dot => {
                assert!(
                    !text.contains("<script>") && !text.contains("\"quoted\""),
                    "{text}"
                );
                graphviz_renders(&text);
                // One statement per element line: no name opened a new line.
                assert_eq!(
                    text.lines()
                        .filter(|l| l.trim_start().starts_with('n') && l.contains("[label=<"))
                        .count(),
                    view.nodes.len()
                );
            }
            Format::Mermaid => {
                for bad in ["<script>", "\"quoted\"", "-->|\"x\"|", "]]>"] {
                    assert!(!text.contains(bad), "{bad} in\n{text}");
                }
                // Every label's quotes are balanced: each line has an even number of `"`.
                for line in text.lines() {
                    assert_eq!(line.matches('"').count() % 2, 0, "{line}");
                }
                assert_eq!(
                    text.lines()
                        .filter(|l| l.trim_start().starts_with("end"))
                        .count(),
                    view.groups().len() + 1
                );
            }
            Format::Plantuml => {
                for line in text.lines() {
                    assert_eq!(line.matches('"').count() % 2, 0, "{line}");
                }
                assert!(!text.contains("<script>") && !text.contains("<b>bold"));
                assert_eq!(text.matches("@enduml").count(), 1);
                assert_eq!(
                    text.lines().filter(|l| l.contains(" as n")).count(),
                    view.nodes.len()
                );
                plantuml_renders(&text);
            }
            Format::Graphml | Format::Archimate | Format::Svg => {
                let document =
                    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{format:?}: {e}"));
                assert!(
                    document.descendants().all(|n| !n.has_tag_name("script")),
                    "{format:?}"
                );
                let texts: Vec<&str> = document.descendants().filter_map(|n| n.text()).collect();
                assert!(
                    texts.iter().any(|t| t.contains("<script>alert(1)</script>")
                        || t.contains("<script>x</script>")),
                    "names survive as text"
                );
                if format == Format::Archimate {
                    xmllint_validates(&text);
                }
            }
            Format::Html => {
                assert_eq!(text.matches("<script>").count(), 1, "only our own script");
                assert_eq!(text.matches("</svg>").count(), 1);
                assert!(text.contains("&lt;script&gt;"));
            }
            Format::Json => {
                let json: serde_json::Value = serde_json::from_str(&text).unwrap();
                let names: Vec<&str> = json["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|n| n["name"].as_str())
                    .collect();
                let core = view.nodes.iter().find(|n| n.id == "core").unwrap();
                assert!(names.contains(&core.name.as_str()));
            }
        }
        // A name's newline never reaches an output: every label is one line.
        assert!(view.nodes.iter().all(|n| !n.name.contains('\n')));
        assert!(
            !text.contains("\n--> n99") && !text.contains("\nend\n}"),
            "{format:?}"
        );
    }
}

#[test]
fn html_is_self_contained() {
    let view = view_with(&fixture("small"), Format::Html, |r| r.findings = true);
    let html = render(&view, Format::Html);
    let external: Vec<&str> = html
        .match_indices("http")
        .map(|(i, _)| &html[i..(i + 40).min(html.len())])
        .filter(|s| !s.starts_with("http://www.w3.org/2000/svg"))
        .collect();
    assert!(external.is_empty(), "external references: {external:?}");
    for part in [
        "<input id=\"search\"",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"",
        "data-adjacent=",
        "data-owners=",
        "addEventListener('click'",
        "<aside>",
        "@page{size:A3 landscape",
        "<select id=\"filter-owner\"",
        "<select id=\"filter-layer\"",
        "<select id=\"filter-severity\"",
        "<select id=\"filter-principle\"",
        "<select id=\"depth\"",
        "<select id=\"direction\"",
    ] {
        assert!(html.contains(part), "{part}");
    }
    assert!(!html.contains("src=") && !html.contains("<link"));
    // The inline script is valid JavaScript.
    let start = html.find("<script>").unwrap() + "<script>".len();
    let end = html.find("</script>").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("graph.js");
    std::fs::write(&script, &html[start..end]).unwrap();
    if let Some((ok, output)) = run_tool("node", &["--check", script.to_str().unwrap()], b"", &[]) {
        assert!(ok, "the inline script does not parse:\n{output}");
    }
}

/// Runs the page's script on a stand-in DOM (tests/fixtures/graph/js/harness.js): a click
/// shows the same two-step neighbourhood as `--focus`, a search folds Vietnamese diacritics.
#[test]
fn html_script_focuses_and_searches() {
    let small = fixture("small");
    let view = view_with(&small, Format::Html, |_| {});
    let html = render(&view, Format::Html);
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap() + "</svg>".len()];
    let document = roxmltree::Document::parse(svg).unwrap();
    let nodes: Vec<serde_json::Value> = document
        .descendants()
        .filter(|n| n.attribute("data-adjacent").is_some())
        .map(|n| {
            serde_json::json!({
                "id": n.attribute("data-id"),
                "name": n.attribute("data-name"),
                "search": n.attribute("data-search"),
                "owners": n.attribute("data-owners"),
                "layer": n.attribute("data-layer"),
                "adjacent": n.attribute("data-adjacent"),
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("edge"))
        .map(
            |n| serde_json::json!({"from": n.attribute("data-from"), "to": n.attribute("data-to")}),
        )
        .collect();
    assert_eq!(nodes.len(), view.nodes.len());
    assert_eq!(edges.len(), view.edges.len());
    // The search reads owners too: every node of one owner.
    let owner = view
        .nodes
        .iter()
        .find_map(|n| n.owner.clone())
        .expect("an owned node");
    let owned: Vec<&str> = {
        let mut ids: Vec<&str> = view
            .nodes
            .iter()
            .filter(|n| {
                [
                    Some(&n.name),
                    Some(&n.id),
                    n.owner.as_ref(),
                    n.owner_name.as_ref(),
                ]
                .into_iter()
                .flatten()
                .any(|t| t.to_lowercase().contains(&owner))
            })
            .map(|n| n.id.as_str())
            .collect();
        ids.sort();
        ids
    };
    let data = serde_json::json!({
        "nodes": nodes,
        "edges": edges,
        "findings": [],
        "click": "lgsp",
        "search": "giai quyet",
        "owner_search": owner,
    });
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("graph.js");
    let input = dir.path().join("data.json");
    let start = html.find("<script>").unwrap() + "<script>".len();
    std::fs::write(&script, &html[start..html.find("</script>").unwrap()]).unwrap();
    std::fs::write(&input, data.to_string()).unwrap();
    let harness = fixture("js/harness.js");
    let Some((ok, output)) = run_tool(
        "node",
        &[
            harness.to_str().unwrap(),
            script.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        b"",
        &[],
    ) else {
        tools::missing("node", "the page's script was not run");
        return;
    };
    assert!(ok, "{output}");
    let result: serde_json::Value = serde_json::from_str(&output).unwrap();
    let focused = view_with(&small, Format::Html, |r| r.focus = Some("lgsp".into()));
    let expected: Vec<&str> = ids(&focused);
    assert_eq!(
        result["click"],
        serde_json::json!(expected),
        "click = --focus lgsp --depth 2"
    );
    assert_eq!(result["edges"], serde_json::json!(focused.edges.len()));
    assert_eq!(result["reset"], serde_json::json!(view.nodes.len()));
    assert_eq!(
        result["search"],
        serde_json::json!(["mot-cua"]),
        "search folds diacritics"
    );
    // Depth and direction: one step along the edges from `lgsp`, then to it.
    let lgsp = view.nodes.iter().position(|n| n.id == "lgsp").unwrap();
    let step = |outgoing: bool| {
        let mut ids: Vec<&str> = view
            .edges
            .iter()
            .filter_map(|e| match outgoing {
                true if e.from == lgsp => Some(e.to),
                false if e.to == lgsp => Some(e.from),
                _ => None,
            })
            .map(|k| view.nodes[k].id.as_str())
            .chain(["lgsp"])
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    assert_eq!(
        result["uses"],
        serde_json::json!(step(true)),
        "one step: what lgsp uses"
    );
    assert_eq!(
        result["used_by"],
        serde_json::json!(step(false)),
        "one step: what uses lgsp"
    );
    assert_ne!(result["uses"], result["used_by"]);
    // The match is selected and counted; Enter steps (one match: it stays on it).
    assert_eq!(result["selected"], serde_json::json!(["mot-cua"]));
    assert_eq!(result["count"], "1/1");
    assert_eq!(result["stepped"], serde_json::json!(["mot-cua"]));
    assert_eq!(result["stepped_count"], "1/1");
    assert_eq!(
        result["owner_search"],
        serde_json::json!(owned),
        "search by owner {owner}"
    );
    assert!(owned.len() > 1, "{owned:?}");
    // The owner filter keeps that owner's elements (and its sub-agencies'), and only edges
    // between kept elements.
    let mut kept: Vec<&str> = view
        .nodes
        .iter()
        .filter(|n| n.owner.as_deref() == Some(owner.as_str()))
        .map(|n| n.id.as_str())
        .collect();
    kept.sort();
    assert_eq!(result["filtered"], serde_json::json!(kept));
    let kept_edges = view
        .edges
        .iter()
        .filter(|e| {
            kept.contains(&view.nodes[e.from].id.as_str())
                && kept.contains(&view.nodes[e.to].id.as_str())
        })
        .count();
    assert_eq!(result["filtered_edges"], serde_json::json!(kept_edges));
    assert_eq!(result["unfiltered"], serde_json::json!(view.nodes.len()));
}

#[test]
fn svg_boxes_do_not_overlap() {
    for model in models() {
        let view = view_with(&model, Format::Svg, |_| {});
        let layout = export::svg::lay_out(&view);
        let rects: Vec<_> = layout.nodes.iter().flatten().collect();
        assert_eq!(rects.len(), view.nodes.len());
        // Per row, boxes are placed left to right with gaps: sorting by (y, x) must leave gaps.
        let mut sorted = rects.clone();
        sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        for pair in sorted.windows(2) {
            if pair[0].y == pair[1].y {
                assert!(
                    pair[0].x + pair[0].w < pair[1].x,
                    "{:?} overlaps {:?}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }
}

#[test]
fn dot_and_mermaid_snapshots() {
    let view = view_with(&fixture("small"), Format::Dot, |r| r.lang = Lang::En);
    insta::assert_snapshot!("small.dot", render(&view, Format::Dot));
    let view = view_with(&fixture("cycle"), Format::Mermaid, |r| {
        r.lang = Lang::Vi;
        r.findings = true;
    });
    insta::assert_snapshot!("cycle.mermaid", render(&view, Format::Mermaid));
}

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("LANG")
        .env_remove("KIENTRUC_LANG")
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn command_line() {
    let small = fixture("small");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph.html");
    kientruc()
        .args([
            "graph",
            small.to_str().unwrap(),
            "--format",
            "html",
            "--findings",
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout("");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Cổng dịch vụ công tỉnh")
    );
    let dot = kientruc()
        .args(["graph", small.to_str().unwrap()])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(dot)
            .unwrap()
            .starts_with("digraph kientruc {")
    );
    kientruc()
        .args([
            "graph",
            small.to_str().unwrap(),
            "--format",
            "mermaid",
            "--edges",
            "depends,data",
            "--layer",
            "application",
            "--lang",
            "en",
        ])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Applications and services"));
    kientruc()
        .args([
            "graph",
            small.to_str().unwrap(),
            "--focus",
            "lgps",
            "--lang",
            "en",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Did you mean `lgsp`?"));
    kientruc()
        .args([
            "graph",
            small.to_str().unwrap(),
            "--format",
            "json",
            "--proposal",
            fixture("proposal").to_str().unwrap(),
            "--group-by",
            "owner",
            "--owner",
            "so-yte",
            "--focus",
            "ho-so-suc-khoe",
            "--depth",
            "1",
        ])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("\"new\": true"));
    kientruc()
        .args(["graph", small.to_str().unwrap(), "--layer", "middle"])
        .assert()
        .code(2);
    kientruc()
        .args(["graph", fixture("nothing-here").to_str().unwrap()])
        .assert()
        .code(2);
}

#[test]
fn empty_and_owner_grouped_views_stay_valid() {
    let empty = view_with(&fixture("cycle"), Format::Archimate, |r| {
        r.layer = Some(Layer::Security)
    });
    assert!(empty.nodes.is_empty());
    for format in ALL {
        let text = render(&empty, format);
        match format {
            Format::Dot => graphviz_renders(&text),
            Format::Archimate => xmllint_validates(&text),
            Format::Graphml | Format::Svg => {
                roxmltree::Document::parse(&text).unwrap();
            }
            _ => assert!(!text.is_empty()),
        }
    }
    let by_owner = view_with(&fixture("small"), Format::Archimate, |r| {
        r.group_by = GroupBy::Owner;
        r.findings = true;
    });
    let xml = render(&by_owner, Format::Archimate);
    assert!(xml.contains("identifier=\"view-owner-so-tttt\""));
    xmllint_validates(&xml);
    graphviz_renders(&render(&by_owner, Format::Dot));
}

/// Mermaid's own parser on every model and the hostile names, with mermaid 11 on jsdom from
/// `tests/js` (installed by `.ci/run`). The script also prints each diagram's title as Mermaid
/// reads it from the front matter.
#[test]
fn mermaid_parses_with_mermaid() {
    let Some(modules) = tools::node_modules("Mermaid output not parsed by Mermaid") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, model) in models().iter().chain([fixture("cycle")].iter()).enumerate() {
        let view = view_with(model, Format::Mermaid, |r| r.findings = true);
        let file = dir.path().join(format!("{i}.mmd"));
        std::fs::write(&file, render(&view, Format::Mermaid)).unwrap();
        files.push(file.to_str().unwrap().to_string());
    }
    let script = fixture("js/mermaid-parse.mjs");
    let mut args = vec![script.to_str().unwrap(), modules.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let Some((ok, output)) = run_tool("node", &args, b"", &[]) else {
        return;
    };
    assert!(ok, "Mermaid rejects the output:\n{output}");
    assert_eq!(output.matches("ok ").count(), files.len(), "{output}");
    // The hostile model's name is markup: Mermaid's title is that text, not entity codes.
    let hostile = files[1].as_str();
    let title = output
        .lines()
        .find_map(|line| line.strip_prefix(&format!("title {hostile} ")))
        .unwrap_or_else(|| panic!("no title for {hostile}:\n{output}"));
    let title: String = serde_json::from_str(title).unwrap();
    assert!(
        title.contains("Model \"quoted\" <script>alert(1)</script> --> ]]> \\"),
        "{title}"
    );
    assert!(
        !title.contains("#lt;") && !title.contains("#quot;"),
        "{title}"
    );
}

#[test]
fn owner_filter_keeps_the_agencies_under_the_owner() {
    let model = Path::new("models/bac-lieu");
    if !model.is_dir() {
        return;
    }
    let view = view_with(model, Format::Json, |r| r.owner = Some("so-y-te".into()));
    let owners: std::collections::BTreeSet<&str> = view
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, Kind::System | Kind::Data))
        .filter_map(|n| n.owner.as_deref())
        .collect();
    // The provincial hospital's owner `bv-da-khoa` has `parent: so-y-te`.
    assert!(owners.contains("so-y-te"), "{owners:?}");
    assert!(owners.contains("bv-da-khoa"), "{owners:?}");
    assert!(
        owners.iter().all(|o| ["so-y-te", "bv-da-khoa"].contains(o)),
        "{owners:?}"
    );
    let hospital = view_with(model, Format::Json, |r| r.owner = Some("bv-da-khoa".into()));
    assert!(
        hospital
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, Kind::System | Kind::Data))
            .all(|n| n.owner.as_deref() == Some("bv-da-khoa")),
        "a sub-agency keeps only its own elements"
    );
}

/// The page's findings panel counts what `check` counts (a finding about the model itself
/// included, waived ones apart), lists errors first and renders code spans, not backticks.
#[test]
fn page_findings_panel_counts_as_check() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.html");
    kientruc()
        .args(["graph", "models/bac-lieu", "--format", "html", "--findings"])
        .args(["--today", "2026-01-15", "--lang", "en", "-o"])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).unwrap();
    let json = kientruc()
        .args([
            "check",
            "models/bac-lieu",
            "--format",
            "json",
            "--today",
            "2026-01-15",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let summary = &json["summary"];
    let listed = summary["error"].as_u64().unwrap()
        + summary["warning"].as_u64().unwrap()
        + summary["info"].as_u64().unwrap();
    let waived = summary["waived"].as_u64().unwrap();
    assert!(
        html.contains(&format!("<h2>Findings ({listed}) · {waived} waived</h2>")),
        "{}",
        &html[html.find("<aside").unwrap()..][..200]
    );
    let aside = &html[html.find("<aside").unwrap()..];
    let aside = &aside[..aside.find("</aside>").unwrap()];
    assert_eq!(aside.matches("<li ").count() as u64, listed);
    assert!(!aside.contains('`'), "{aside}");
    assert!(aside.contains("<code>qlvb</code>"), "{aside}");
    // Errors first, information last.
    let classes: Vec<&str> = aside
        .split("<li class=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let rank = |c: &str| {
        ["error", "warning", "info"]
            .iter()
            .position(|x| *x == c)
            .unwrap()
    };
    assert!(
        classes.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{classes:?}"
    );
    // The model's own finding (TIME001) is listed, with nothing to click.
    assert!(
        aside.contains("<li class=\"info\"><b>TIME001</b>"),
        "{aside}"
    );
}
