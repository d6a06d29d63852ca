//! The Open Group ArchiMate Model Exchange File Format (archimate3_Diagram.xsd), which Archi
//! and other EA tools open: elements, relationships, property definitions (owner, status,
//! security level, cost), organizations (one folder per layer) and one diagram per layer with
//! laid-out nodes and connections. Written with quick-xml's writer.
//!
//! The mapping: channel systems are `ApplicationInterface`, infrastructure systems `Node`,
//! every other system an `ApplicationComponent`; data sets `DataObject`, capabilities
//! `Capability`, agencies `BusinessActor`. `depends_on` is `Serving` from the provider to the
//! dependant; `hosted_on` is `Realization` of the hosted component by its `Node` (or
//! `Assignment` of a node to a node); an integration is `Flow` (named after its platform);
//! `data.master` / `read` / `copy` are `Access` (write / read / read) from the system to the
//! `DataObject`; `provides` is `Realization` of the capability; ownership is `Association`
//! from the `BusinessActor` — ArchiMate 3.1 (Appendix B) allows no `Assignment` from a
//! business actor to an application component. Every relationship written is checked against
//! [`ALLOWED`], the triples of Appendix B we use; any other is left out and counted in the
//! model's documentation, never written invalid.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::layout::{self, BandInput};
use super::{EdgeKind, Look, View};

/// The ArchiMate element types kientruc writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElementType {
    ApplicationComponent,
    ApplicationInterface,
    Node,
    DataObject,
    Capability,
    BusinessActor,
}

impl ElementType {
    pub fn as_str(self) -> &'static str {
        match self {
            ElementType::ApplicationComponent => "ApplicationComponent",
            ElementType::ApplicationInterface => "ApplicationInterface",
            ElementType::Node => "Node",
            ElementType::DataObject => "DataObject",
            ElementType::Capability => "Capability",
            ElementType::BusinessActor => "BusinessActor",
        }
    }
}

/// The ArchiMate relationship types kientruc writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationshipType {
    Serving,
    Realization,
    Assignment,
    Flow,
    Access,
    Association,
}

impl RelationshipType {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationshipType::Serving => "Serving",
            RelationshipType::Realization => "Realization",
            RelationshipType::Assignment => "Assignment",
            RelationshipType::Flow => "Flow",
            RelationshipType::Access => "Access",
            RelationshipType::Association => "Association",
        }
    }
}

use ElementType::{
    ApplicationComponent as Component, ApplicationInterface as Interface, BusinessActor as Actor,
    Capability as Cap, DataObject as DataObj, Node as TechNode,
};
use RelationshipType::{Access, Assignment, Association, Flow, Realization, Serving};

/// The (source, relationship, target) triples of the ArchiMate 3.1 relationship table
/// (Appendix B) that this export uses; each one checked against the table.
pub const ALLOWED: &[(ElementType, RelationshipType, ElementType)] = &[
    // depends_on: the provider serves the dependant.
    (Component, Serving, Component),
    (Component, Serving, Interface),
    (Component, Serving, TechNode),
    (Interface, Serving, Component),
    (Interface, Serving, Interface),
    (Interface, Serving, TechNode),
    (TechNode, Serving, Component),
    (TechNode, Serving, Interface),
    (TechNode, Serving, TechNode),
    // hosted_on: the node realizes what runs on it; a node is assigned to a node.
    (TechNode, Realization, Component),
    (TechNode, Realization, Interface),
    (TechNode, Assignment, TechNode),
    // integrations: information flows between systems.
    (Component, Flow, Component),
    (Component, Flow, Interface),
    (Component, Flow, TechNode),
    (Interface, Flow, Component),
    (Interface, Flow, Interface),
    (Interface, Flow, TechNode),
    (TechNode, Flow, Component),
    (TechNode, Flow, Interface),
    (TechNode, Flow, TechNode),
    // data master / read / copy.
    (Component, Access, DataObj),
    (Interface, Access, DataObj),
    (TechNode, Access, DataObj),
    // provides.
    (Component, Realization, Cap),
    (Interface, Realization, Cap),
    (TechNode, Realization, Cap),
    // owner.
    (Actor, Association, Component),
    (Actor, Association, Interface),
    (Actor, Association, TechNode),
    (Actor, Association, DataObj),
];

/// Whether the relationship table allows `relationship` from `source` to `target`.
pub fn allowed(source: ElementType, relationship: RelationshipType, target: ElementType) -> bool {
    ALLOWED.contains(&(source, relationship, target))
}

/// The ArchiMate type of a node of the view.
pub fn element_type(node: &super::Node) -> ElementType {
    match node.look() {
        Look::Channel => Interface,
        Look::Infrastructure => TechNode,
        Look::Portal
        | Look::Application
        | Look::DataSystem
        | Look::Integration
        | Look::Security => Component,
        Look::DataSet => DataObj,
        Look::Capability => Cap,
        Look::Agency => Actor,
    }
}

/// A relationship to write.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub source: usize,
    pub target: usize,
    pub kind: RelationshipType,
    pub access: Option<&'static str>,
    pub name: Option<String>,
}

/// The relationships of a view, and how many edges the relationship table does not allow.
pub fn relationships(view: &View) -> (Vec<Relationship>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    for edge in &view.edges {
        let (from, to) = (
            element_type(&view.nodes[edge.from]),
            element_type(&view.nodes[edge.to]),
        );
        let (source, target, kind, access, name) = match edge.kind {
            EdgeKind::Depends => (edge.to, edge.from, Serving, None, None),
            EdgeKind::Hosted if from == TechNode => (edge.to, edge.from, Assignment, None, None),
            EdgeKind::Hosted => (edge.to, edge.from, Realization, None, None),
            EdgeKind::Integration => (edge.from, edge.to, Flow, None, edge.via.clone()),
            EdgeKind::Master => (
                edge.from,
                edge.to,
                Access,
                Some("Write"),
                Some("master".into()),
            ),
            EdgeKind::Read => (
                edge.from,
                edge.to,
                Access,
                Some("Read"),
                Some("read".into()),
            ),
            EdgeKind::Copy => (
                edge.from,
                edge.to,
                Access,
                Some("Read"),
                Some("copy".into()),
            ),
            EdgeKind::Provides => (edge.from, edge.to, Realization, None, None),
            EdgeKind::Owner => (edge.from, edge.to, Association, None, Some("owner".into())),
        };
        let (source_type, target_type) = if source == edge.from {
            (from, to)
        } else {
            (to, from)
        };
        if allowed(source_type, kind, target_type) {
            out.push(Relationship {
                source,
                target,
                kind,
                access,
                name,
            });
        } else {
            skipped += 1;
        }
    }
    (out, skipped)
}

fn element_id(view: &View, node: usize) -> String {
    format!("id-{}", view.nodes[node].id)
}

const PROPERTIES: [(&str, &str, &str); 8] = [
    ("pd-owner", "owner", "string"),
    ("pd-status", "status", "string"),
    ("pd-security-level", "security_level", "number"),
    ("pd-capex", "capex (VND)", "number"),
    ("pd-opex", "opex (VND/year)", "number"),
    ("pd-national", "national", "boolean"),
    ("pd-new", "new (proposal)", "boolean"),
    ("pd-findings", "findings", "string"),
];

pub fn render(view: &View) -> io::Result<Vec<u8>> {
    let lang = view.lang.as_str();
    let (relationships, skipped) = relationships(view);
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let model_id = format!(
        "model-{}",
        if view.model.is_empty() {
            "kientruc"
        } else {
            &view.model
        }
    );
    writer
        .create_element("model")
        .with_attributes([
            ("xmlns", "http://www.opengroup.org/xsd/archimate/3.0/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.opengroup.org/xsd/archimate/3.0/ http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd",
            ),
            ("identifier", model_id.as_str()),
        ])
        .write_inner_content(|w| {
            lang_text(w, "name", lang, &view.title)?;
            let mut documentation = view.text("graph.archimate.documentation");
            if skipped > 0 {
                documentation.push(' ');
                documentation.push_str(&crate::i18n::tr(
                    view.lang,
                    "graph.archimate.skipped",
                    &[("count", &skipped.to_string())],
                ));
            }
            lang_text(w, "documentation", lang, &documentation)?;
            elements(w, view, lang)?;
            if !relationships.is_empty() {
                w.create_element("relationships").write_inner_content(|w| {
                    for (r, relationship) in relationships.iter().enumerate() {
                        let id = format!("rel-{r}");
                        let (source, target) = (element_id(view, relationship.source), element_id(view, relationship.target));
                        let mut attributes = vec![
                            ("identifier", id.as_str()),
                            ("source", source.as_str()),
                            ("target", target.as_str()),
                            ("xsi:type", relationship.kind.as_str()),
                        ];
                        if let Some(access) = relationship.access {
                            attributes.push(("accessDirection", access));
                        }
                        match &relationship.name {
                            Some(name) => {
                                w.create_element("relationship")
                                    .with_attributes(attributes)
                                    .write_inner_content(|w| lang_text(w, "name", lang, name))?;
                            }
                            None => {
                                w.create_element("relationship").with_attributes(attributes).write_empty()?;
                            }
                        }
                    }
                    Ok(())
                })?;
            }
            organizations(w, view, lang, relationships.len())?;
            w.create_element("propertyDefinitions").write_inner_content(|w| {
                for (id, name, kind) in PROPERTIES {
                    w.create_element("propertyDefinition")
                        .with_attributes([("identifier", id), ("type", kind)])
                        .write_inner_content(|w| lang_text(w, "name", "en", name))?;
                }
                Ok(())
            })?;
            views(w, view, lang, &relationships)?;
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn lang_text(w: &mut Writer<Vec<u8>>, tag: &str, lang: &str, text: &str) -> io::Result<()> {
    w.create_element(tag)
        .with_attribute(("xml:lang", lang))
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn elements(w: &mut Writer<Vec<u8>>, view: &View, lang: &str) -> io::Result<()> {
    if view.nodes.is_empty() {
        return Ok(());
    }
    w.create_element("elements").write_inner_content(|w| {
        for (i, node) in view.nodes.iter().enumerate() {
            let id = element_id(view, i);
            let mut properties: Vec<(&str, String)> = Vec::new();
            if let Some(owner) = &node.owner {
                properties.push(("pd-owner", owner.clone()));
            }
            if let Some(status) = node.status {
                properties.push(("pd-status", status.as_str().to_string()));
            }
            if let Some(level) = node.security_level {
                properties.push(("pd-security-level", level.to_string()));
            }
            if let Some(capex) = node.cost.and_then(|c| c.capex) {
                properties.push(("pd-capex", capex.to_string()));
            }
            if let Some(opex) = node.cost.and_then(|c| c.opex) {
                properties.push(("pd-opex", opex.to_string()));
            }
            properties.push(("pd-national", node.national.to_string()));
            if node.new {
                properties.push(("pd-new", "true".to_string()));
            }
            if !node.findings.is_empty() {
                properties.push(("pd-findings", node.codes()));
            }
            w.create_element("element")
                .with_attributes([
                    ("identifier", id.as_str()),
                    ("xsi:type", element_type(node).as_str()),
                ])
                .write_inner_content(|w| {
                    lang_text(w, "name", lang, &node.name)?;
                    w.create_element("properties").write_inner_content(|w| {
                        for (definition, value) in &properties {
                            w.create_element("property")
                                .with_attribute(("propertyDefinitionRef", *definition))
                                .write_inner_content(|w| lang_text(w, "value", lang, value))?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn organizations(
    w: &mut Writer<Vec<u8>>,
    view: &View,
    lang: &str,
    relationships: usize,
) -> io::Result<()> {
    let groups = view.groups();
    if groups.is_empty() {
        return Ok(());
    }
    w.create_element("organizations").write_inner_content(|w| {
        for group in &groups {
            w.create_element("item").write_inner_content(|w| {
                lang_text(w, "label", lang, &group.label)?;
                for &n in &group.nodes {
                    let id = element_id(view, n);
                    w.create_element("item")
                        .with_attribute(("identifierRef", id.as_str()))
                        .write_empty()?;
                }
                Ok(())
            })?;
        }
        if relationships > 0 {
            w.create_element("item").write_inner_content(|w| {
                lang_text(w, "label", lang, &view.text("graph.archimate.relations"))?;
                for r in 0..relationships {
                    let id = format!("rel-{r}");
                    w.create_element("item")
                        .with_attribute(("identifierRef", id.as_str()))
                        .write_empty()?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// One diagram per group of the view: its elements, the elements they relate to, and the
/// relationships among them, laid out in bands.
fn views(
    w: &mut Writer<Vec<u8>>,
    view: &View,
    lang: &str,
    relationships: &[Relationship],
) -> io::Result<()> {
    let groups = view.groups();
    if groups.is_empty() {
        return Ok(());
    }
    w.create_element("views").write_inner_content(|w| {
        w.create_element("diagrams").write_inner_content(|w| {
            for (g, group) in groups.iter().enumerate() {
                let mut member = vec![false; view.nodes.len()];
                for &n in &group.nodes {
                    member[n] = true;
                }
                let mut shown = member.clone();
                for r in relationships {
                    if member[r.source] || member[r.target] {
                        shown[r.source] = true;
                        shown[r.target] = true;
                    }
                }
                let bands: Vec<BandInput> = groups
                    .iter()
                    .map(|other| BandInput {
                        label: other.label.clone(),
                        national: other.national,
                        nodes: other.nodes.iter().copied().filter(|&n| shown[n]).collect(),
                    })
                    .filter(|b| !b.nodes.is_empty())
                    .collect();
                let edges: Vec<(usize, usize)> = relationships
                    .iter()
                    .filter(|r| shown[r.source] && shown[r.target])
                    .map(|r| (r.source, r.target))
                    .collect();
                let heights = vec![layout::NODE_HEIGHT; view.nodes.len()];
                let placed = layout::layered(&bands, &heights, &edges);
                let view_id = format!("view-{}", group.key);
                w.create_element("view")
                    .with_attributes([("identifier", view_id.as_str()), ("xsi:type", "Diagram")])
                    .write_inner_content(|w| {
                        lang_text(w, "name", lang, &group.label)?;
                        for (n, rect) in placed.nodes.iter().enumerate() {
                            let Some(rect) = rect else { continue };
                            let id = format!("v{g}-n{n}");
                            let element = element_id(view, n);
                            let coordinate = |v: f64| (v.round().max(1.0) as u64).to_string();
                            let (x, y, width, height) = (
                                coordinate(rect.x),
                                coordinate(rect.y),
                                coordinate(rect.w),
                                coordinate(rect.h),
                            );
                            w.create_element("node")
                                .with_attributes([
                                    ("identifier", id.as_str()),
                                    ("elementRef", element.as_str()),
                                    ("xsi:type", "Element"),
                                    ("x", x.as_str()),
                                    ("y", y.as_str()),
                                    ("w", width.as_str()),
                                    ("h", height.as_str()),
                                ])
                                .write_empty()?;
                        }
                        for (r, relationship) in relationships.iter().enumerate() {
                            if !(shown[relationship.source] && shown[relationship.target]) {
                                continue;
                            }
                            let id = format!("v{g}-c{r}");
                            let reference = format!("rel-{r}");
                            let source = format!("v{g}-n{}", relationship.source);
                            let target = format!("v{g}-n{}", relationship.target);
                            w.create_element("connection")
                                .with_attributes([
                                    ("identifier", id.as_str()),
                                    ("relationshipRef", reference.as_str()),
                                    ("xsi:type", "Relationship"),
                                    ("source", source.as_str()),
                                    ("target", target.as_str()),
                                ])
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}
