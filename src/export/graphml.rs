//! GraphML (graphml.graphdrawing.org), written with quick-xml's writer so that every name and
//! attribute is escaped by the XML library: one `<node>` per element with keys for name, kind,
//! layer, owner, status, national, new and findings; one `<edge>` per edge with its kind, the
//! platform of an integration and its findings. For yEd, Gephi, Cytoscape and scripts.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::View;

const KEYS: [(&str, &str, &str); 11] = [
    ("name", "node", "name"),
    ("kind", "node", "kind"),
    ("layer", "node", "layer"),
    ("owner", "node", "owner"),
    ("status", "node", "status"),
    ("national", "node", "national"),
    ("new", "node", "new"),
    ("findings", "node", "findings"),
    ("edge_kind", "edge", "kind"),
    ("via", "edge", "via"),
    ("edge_findings", "edge", "findings"),
];

pub fn render(view: &View) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("graphml")
        .with_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"))
        .write_inner_content(|w| {
            for (id, domain, name) in KEYS {
                let kind = if matches!(id, "national" | "new") {
                    "boolean"
                } else {
                    "string"
                };
                w.create_element("key")
                    .with_attributes([
                        ("id", id),
                        ("for", domain),
                        ("attr.name", name),
                        ("attr.type", kind),
                    ])
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attributes([("id", "kientruc"), ("edgedefault", "directed")])
                .write_inner_content(|w| {
                    for node in &view.nodes {
                        let mut data: Vec<(&str, String)> = vec![
                            ("name", node.name.clone()),
                            ("kind", node.kind.as_str().to_string()),
                        ];
                        if let Some(layer) = node.layer {
                            data.push(("layer", layer.as_str().to_string()));
                        }
                        if let Some(owner) = &node.owner {
                            data.push(("owner", owner.clone()));
                        }
                        if let Some(status) = node.status {
                            data.push(("status", status.as_str().to_string()));
                        }
                        data.push(("national", node.national.to_string()));
                        data.push(("new", node.new.to_string()));
                        if !node.findings.is_empty() {
                            data.push(("findings", node.codes()));
                        }
                        w.create_element("node")
                            .with_attribute(("id", node.id.as_str()))
                            .write_inner_content(|w| write_data(w, &data))?;
                    }
                    for (e, edge) in view.edges.iter().enumerate() {
                        let mut data: Vec<(&str, String)> =
                            vec![("edge_kind", edge.kind.as_str().to_string())];
                        if let Some(via) = &edge.via {
                            data.push(("via", via.clone()));
                        }
                        if !edge.findings.is_empty() {
                            data.push(("edge_findings", edge.codes()));
                        }
                        let id = format!("e{e}");
                        w.create_element("edge")
                            .with_attributes([
                                ("id", id.as_str()),
                                ("source", view.nodes[edge.from].id.as_str()),
                                ("target", view.nodes[edge.to].id.as_str()),
                            ])
                            .write_inner_content(|w| write_data(w, &data))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn write_data(writer: &mut Writer<Vec<u8>>, data: &[(&str, String)]) -> io::Result<()> {
    for (key, value) in data {
        writer
            .create_element("data")
            .with_attribute(("key", *key))
            .write_text_content(BytesText::new(value))?;
    }
    Ok(())
}
