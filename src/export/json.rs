//! The view as a JSON document (version 1), serialized by serde: the nodes with their
//! attributes, the edges by node id, and the findings on them. For scripts and web front ends.

use std::io;

use serde::Serialize;

use super::View;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    model: &'a str,
    title: &'a str,
    nodes: Vec<NodeJson<'a>>,
    edges: Vec<EdgeJson<'a>>,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    layer: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_level: Option<u8>,
    national: bool,
    new: bool,
    findings: Vec<&'static str>,
}

#[derive(Serialize)]
struct EdgeJson<'a> {
    from: &'a str,
    to: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'a str>,
    findings: Vec<&'static str>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    code: &'static str,
    severity: &'static str,
    element: &'a str,
    message: &'a str,
    /// The element is a node of the drawing (a finding about the model itself, or about a
    /// project, is listed without one).
    drawn: bool,
}

pub fn render(view: &View) -> io::Result<Vec<u8>> {
    let document = Document {
        version: 1,
        tool: Tool {
            name: "kientruc",
            version: env!("CARGO_PKG_VERSION"),
        },
        model: &view.model,
        title: &view.title,
        nodes: view
            .nodes
            .iter()
            .map(|n| NodeJson {
                id: &n.id,
                name: &n.name,
                kind: n.kind.as_str(),
                layer: n.layer.map(|l| l.as_str()),
                owner: n.owner.as_deref(),
                status: n.status.map(|s| s.as_str()),
                security_level: n.security_level,
                national: n.national,
                new: n.new,
                findings: n.findings.iter().map(|m| m.code).collect(),
            })
            .collect(),
        edges: view
            .edges
            .iter()
            .map(|e| EdgeJson {
                from: &view.nodes[e.from].id,
                to: &view.nodes[e.to].id,
                kind: e.kind.as_str(),
                via: e.via.as_deref(),
                findings: e.findings.iter().map(|m| m.code).collect(),
            })
            .collect(),
        findings: view
            .findings
            .iter()
            .map(|f| FindingJson {
                code: f.code,
                severity: f.severity.as_str(),
                element: &f.element,
                message: &f.message,
                drawn: f.on_node,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&document).map_err(io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}
