//! One self-contained HTML page for a meeting room without network: the SVG drawing inline, a
//! search box (name, id, owner, rule code; Enter steps through the matches), zoom buttons,
//! click-to-focus on an element's neighbourhood (depth and direction chosen on the page),
//! filters, a print stylesheet, and the findings listed beside the drawing. No CDN, no external file. Written with
//! quick-xml's writer; the only raw text is this module's own constant style and script,
//! which read element ids from `data-*` attributes, never from text spliced into code.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesText, Event};

use super::{View, svg};
use crate::i18n::tr;

const STYLE: &str = "
body{margin:0;font-family:Helvetica,Arial,sans-serif;color:#222;background:#fafafa}
header{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;padding:10px 16px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0}
header h1{font-size:17px;margin:0 12px 0 0}
#search{font-size:14px;padding:4px 8px;width:260px}
#hint{color:#777;font-size:12px}
main{display:flex;align-items:flex-start}
#canvas{flex:1;overflow:auto;padding:8px}
aside{width:340px;max-height:calc(100vh - 60px);overflow:auto;padding:8px 12px;border-left:1px solid #ddd;background:#fff;position:sticky;top:50px}
aside h2{font-size:15px}
aside ul{list-style:none;padding:0;margin:0}
aside li{padding:6px 4px;border-bottom:1px solid #eee;cursor:pointer;font-size:13px}
aside li:hover{background:#f2f2f2}
aside li:not([data-id]){cursor:default}
aside code{font-size:12px;background:#f4f4f4;padding:0 2px;border-radius:2px}
aside li.error b{color:#d62728}
aside li.warning b{color:#b7791f}
aside li.info b{color:#1f77b4}
header select{font-size:13px;max-width:240px}
g.node{cursor:pointer}
g.node.filtered,.edge.filtered,.edge-label.filtered{display:none}
@media print{@page{size:A3 landscape;margin:10mm}header input,header select,header button,#hint,#search-count{display:none}header{position:static;border:0}main{display:block}#canvas{overflow:visible}aside{width:auto;max-height:none;position:static;border:0;page-break-before:always}.dim{opacity:1}}
.dim{opacity:0.12}
g.node.match rect{stroke:#000;stroke-width:4}
g.node.selected rect{stroke:#000;stroke-width:4;stroke-dasharray:none}
";

const SCRIPT: &str = r#"
(function () {
  var svg = document.querySelector('svg.kientruc-graph');
  if (!svg) { return; }
  var nodes = Array.prototype.slice.call(svg.querySelectorAll('g.node'));
  var lines = Array.prototype.slice.call(svg.querySelectorAll('.edge, .edge-label'));
  var byId = {};
  nodes.forEach(function (n) { byId[n.getAttribute('data-id')] = n; });
  // The page's filters (layer, owner with its sub-agencies, severity, principle): an element
  // that does not pass is hidden, and so are its edges.
  var filters = ['layer', 'owner', 'severity', 'principle'].map(function (name) {
    return { control: document.getElementById('filter-' + name), attribute: { layer: 'data-layer', owner: 'data-owners', severity: 'data-severities', principle: 'data-principles' }[name] };
  });
  function passes(n) {
    return filters.every(function (f) {
      var wanted = f.control && f.control.value;
      if (!wanted) { return true; }
      return (' ' + (n.getAttribute(f.attribute) || '') + ' ').indexOf(' ' + wanted + ' ') !== -1;
    });
  }
  var shown = null;
  function show(set) {
    shown = set;
    var passing = new Set();
    nodes.forEach(function (n) {
      var id = n.getAttribute('data-id');
      var pass = passes(n);
      if (pass) { passing.add(id); }
      n.classList.toggle('filtered', !pass);
      n.classList.toggle('dim', set !== null && !set.has(id));
      n.classList.remove('selected');
    });
    lines.forEach(function (e) {
      var from = e.getAttribute('data-from');
      var to = e.getAttribute('data-to');
      var inside = set === null || (set.has(from) && set.has(to));
      e.classList.toggle('dim', !inside);
      e.classList.toggle('filtered', !(passing.has(from) && passing.has(to)));
    });
  }
  filters.forEach(function (f) {
    if (f.control) { f.control.addEventListener('change', function () { show(shown); }); }
  });
  // What an element uses (edges from it) and what uses it (edges to it), from the drawn edges.
  var uses = {};
  var usedBy = {};
  lines.forEach(function (e) {
    var from = e.getAttribute('data-from');
    var to = e.getAttribute('data-to');
    if (!from || !to) { return; }
    (uses[from] = uses[from] || []).push(to);
    (usedBy[to] = usedBy[to] || []).push(from);
  });
  var depthControl = document.getElementById('depth');
  var directionControl = document.getElementById('direction');
  function focus(id) {
    if (!byId[id]) { return; }
    var depth = parseInt((depthControl && depthControl.value) || '2', 10);
    var direction = (directionControl && directionControl.value) || 'both';
    var set = new Set([id]);
    var frontier = [id];
    for (var step = 0; step !== depth; step += 1) {
      var next = [];
      frontier.forEach(function (f) {
        var around = [];
        if (direction !== 'used-by') { around = around.concat(uses[f] || []); }
        if (direction !== 'uses') { around = around.concat(usedBy[f] || []); }
        around.forEach(function (m) {
          if (m && !set.has(m)) { set.add(m); next.push(m); }
        });
      });
      frontier = next;
    }
    selectedId = id;
    show(set);
    byId[id].classList.add('selected');
    byId[id].scrollIntoView({ block: 'center', inline: 'center', behavior: 'auto' });
  }
  var selectedId = null;
  [depthControl, directionControl].forEach(function (control) {
    if (control) { control.addEventListener('change', function () { if (selectedId) { focus(selectedId); } }); }
  });
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\u0111/g, 'd').replace(/\u0110/g, 'd').toLowerCase();
  }
  nodes.forEach(function (n) {
    n.addEventListener('click', function () { focus(n.getAttribute('data-id')); });
  });
  Array.prototype.slice.call(document.querySelectorAll('aside li[data-id]')).forEach(function (li) {
    li.addEventListener('click', function () { focus(li.getAttribute('data-id')); });
  });
  var search = document.getElementById('search');
  var count = document.getElementById('search-count');
  var matches = [];
  var current = -1;
  function step() {
    if (matches.length === 0) { return; }
    current = (current + 1) % matches.length;
    nodes.forEach(function (n) { n.classList.remove('selected'); });
    var n = matches[current];
    n.classList.add('selected');
    n.scrollIntoView({ block: 'center', inline: 'center', behavior: 'auto' });
    if (count) { count.textContent = (current + 1) + '/' + matches.length; }
  }
  search.addEventListener('input', function () {
    var query = fold(search.value.trim());
    matches = [];
    current = -1;
    if (count) { count.textContent = ''; }
    if (query === '') { nodes.forEach(function (n) { n.classList.remove('match'); }); show(null); return; }
    var set = new Set();
    nodes.forEach(function (n) {
      var hit = fold(n.getAttribute('data-search') || '').indexOf(query) !== -1;
      n.classList.toggle('match', hit);
      if (hit) { set.add(n.getAttribute('data-id')); matches.push(n); }
    });
    show(set);
    if (count) { count.textContent = matches.length === 0 ? '0' : '0/' + matches.length; }
    // The first match is brought into view; Enter steps to the next.
    step();
  });
  search.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { event.preventDefault(); step(); }
  });
  var width = parseFloat(svg.getAttribute('width'));
  var height = parseFloat(svg.getAttribute('height'));
  var scale = 1;
  function zoom(factor) {
    scale = Math.min(4, Math.max(0.2, scale * factor));
    svg.setAttribute('width', String(Math.round(width * scale)));
    svg.setAttribute('height', String(Math.round(height * scale)));
  }
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(0.8); });
  document.getElementById('reset').addEventListener('click', function () {
    search.value = '';
    nodes.forEach(function (n) { n.classList.remove('match'); });
    show(null);
  });
})();
"#;

pub fn render(view: &View) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new(Vec::new());
    writer.write_event(Event::DocType(BytesText::from_escaped("html")))?;
    writer
        .create_element("html")
        .with_attribute(("lang", view.lang.as_str()))
        .write_inner_content(|w| {
            w.create_element("head").write_inner_content(|w| {
                w.create_element("meta")
                    .with_attribute(("charset", "utf-8"))
                    .write_empty()?;
                w.create_element("meta")
                    .with_attributes([
                        ("name", "viewport"),
                        ("content", "width=device-width, initial-scale=1"),
                    ])
                    .write_empty()?;
                w.create_element("title")
                    .write_text_content(BytesText::new(&view.title))?;
                w.create_element("style")
                    .write_text_content(BytesText::from_escaped(STYLE))?;
                Ok(())
            })?;
            w.create_element("body").write_inner_content(|w| {
                header(w, view)?;
                w.create_element("main").write_inner_content(|w| {
                    w.create_element("div")
                        .with_attribute(("id", "canvas"))
                        .write_inner_content(|w| svg::write(w, view, &svg::drawing(view)))?;
                    findings(w, view)
                })?;
                w.create_element("script")
                    .write_text_content(BytesText::from_escaped(SCRIPT))?;
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn header(w: &mut Writer<Vec<u8>>, view: &View) -> io::Result<()> {
    w.create_element("header").write_inner_content(|w| {
        w.create_element("h1")
            .write_text_content(BytesText::new(&view.title))?;
        let placeholder = view.text("graph.search");
        w.create_element("input")
            .with_attributes([
                ("id", "search"),
                ("type", "search"),
                ("autocomplete", "off"),
                ("placeholder", placeholder.as_str()),
            ])
            .write_empty()?;
        // "k/n" of the search's matches; Enter steps through them.
        w.create_element("span")
            .with_attribute(("id", "search-count"))
            .write_text_content(BytesText::new(""))?;
        // Focus: how many steps, and which way (what it uses / what uses it / both).
        let depth_title = view.text("graph.depth");
        w.create_element("select")
            .with_attributes([("id", "depth"), ("title", depth_title.as_str())])
            .write_inner_content(|w| {
                for n in ["1", "2", "3", "4"] {
                    let label = tr(view.lang, "graph.depth.steps", &[("count", n)]);
                    let mut option = w.create_element("option").with_attribute(("value", n));
                    if n == "2" {
                        option = option.with_attribute(("selected", "selected"));
                    }
                    option.write_text_content(BytesText::new(&label))?;
                }
                Ok(())
            })?;
        let direction_title = view.text("graph.direction");
        w.create_element("select")
            .with_attributes([("id", "direction"), ("title", direction_title.as_str())])
            .write_inner_content(|w| {
                for (value, key) in [
                    ("both", "graph.direction.both"),
                    ("uses", "graph.direction.uses"),
                    ("used-by", "graph.direction.used-by"),
                ] {
                    w.create_element("option")
                        .with_attribute(("value", value))
                        .write_text_content(BytesText::new(&view.text(key)))?;
                }
                Ok(())
            })?;
        filters(w, view)?;
        for (id, label, key) in [
            ("zoom-out", "−", "graph.zoom-out"),
            ("zoom-in", "+", "graph.zoom-in"),
        ] {
            let title = view.text(key);
            w.create_element("button")
                .with_attributes([("id", id), ("type", "button"), ("title", title.as_str())])
                .write_text_content(BytesText::new(label))?;
        }
        w.create_element("button")
            .with_attributes([("id", "reset"), ("type", "button")])
            .write_text_content(BytesText::new(&view.text("graph.reset")))?;
        w.create_element("span")
            .with_attribute(("id", "hint"))
            .write_text_content(BytesText::new(&view.text("graph.hint")))?;
        Ok(())
    })?;
    Ok(())
}

/// A filter's control id, the message key of its "every …" choice, and its (value, label)s.
type Filter<'a> = (&'a str, &'a str, Vec<(String, String)>);

/// One drop-down per filter, offering what the drawing holds: layers, owners (an agency keeps
/// its sub-agencies' elements), severities and principles of the findings.
fn filters(w: &mut Writer<Vec<u8>>, view: &View) -> io::Result<()> {
    use std::collections::BTreeSet;
    let lang = view.lang;
    let layers: BTreeSet<&str> = view
        .nodes
        .iter()
        .filter_map(|n| match (n.layer, n.kind) {
            (Some(l), _) => Some(l.as_str()),
            (None, crate::graph::Kind::Data) => Some("data"),
            _ => None,
        })
        .collect();
    let parents = view.parents();
    let mut owners: BTreeSet<&str> = BTreeSet::new();
    for node in &view.nodes {
        if let Some(owner) = node.owner.as_deref() {
            owners.insert(owner);
            let mut at = owner;
            while let Some(&up) = parents.get(at) {
                if !owners.insert(up) {
                    break;
                }
                at = up;
            }
        }
    }
    let name = |id: &str| {
        view.agencies
            .iter()
            .find(|(a, _, _)| a == id)
            .map_or(id.to_string(), |(_, n, _)| format!("{n} ({id})"))
    };
    let severities: BTreeSet<crate::finding::Severity> = view
        .nodes
        .iter()
        .flat_map(|n| n.findings.iter().map(|m| m.severity))
        .collect();
    let principles: BTreeSet<&str> = view
        .nodes
        .iter()
        .flat_map(|n| n.findings.iter())
        .filter_map(|m| crate::rules::find(m.code))
        .map(|r| r.principle.as_str())
        .collect();
    let lists: [Filter<'_>; 4] = [
        (
            "filter-layer",
            "graph.filter.layer",
            layers
                .iter()
                .map(|l| (l.to_string(), tr(lang, &format!("graph.layer.{l}"), &[])))
                .collect(),
        ),
        (
            "filter-owner",
            "graph.filter.owner",
            owners.iter().map(|o| (o.to_string(), name(o))).collect(),
        ),
        (
            "filter-severity",
            "graph.filter.severity",
            severities
                .iter()
                .rev()
                .map(|s| {
                    (
                        s.as_str().to_string(),
                        tr(lang, &format!("severity.{}", s.as_str()), &[]),
                    )
                })
                .collect(),
        ),
        (
            "filter-principle",
            "graph.filter.principle",
            principles
                .iter()
                .map(|p| (p.to_string(), tr(lang, &format!("principle.{p}"), &[])))
                .collect(),
        ),
    ];
    for (id, key, options) in lists {
        let all = view.text(key);
        w.create_element("select")
            .with_attributes([("id", id), ("title", all.as_str())])
            .write_inner_content(|w| {
                w.create_element("option")
                    .with_attribute(("value", ""))
                    .write_text_content(BytesText::new(&all))?;
                for (value, label) in &options {
                    w.create_element("option")
                        .with_attribute(("value", value.as_str()))
                        .write_text_content(BytesText::new(label))?;
                }
                Ok(())
            })?;
    }
    Ok(())
}

fn findings(w: &mut Writer<Vec<u8>>, view: &View) -> io::Result<()> {
    w.create_element("aside").write_inner_content(|w| {
        // As `check` counts: the findings listed, and apart the waived ones.
        let mut heading = format!("{} ({})", view.text("graph.findings"), view.findings.len());
        if !view.waived.is_empty() {
            heading.push_str(&format!(
                " · {}",
                tr(
                    view.lang,
                    "graph.findings.waived",
                    &[("count", &view.waived.len().to_string())]
                )
            ));
        }
        w.create_element("h2")
            .write_text_content(BytesText::new(&heading))?;
        if view.findings.is_empty() {
            w.create_element("p")
                .write_text_content(BytesText::new(&view.text("graph.findings.none")))?;
            return Ok(());
        }
        w.create_element("ul")
            .with_attribute(("id", "findings"))
            .write_inner_content(|w| {
                for finding in &view.findings {
                    let mut li = w
                        .create_element("li")
                        .with_attribute(("class", finding.severity.as_str()));
                    // Only a finding on a drawn element leads to it when clicked.
                    if finding.on_node {
                        li = li.with_attribute(("data-id", finding.element.as_str()));
                    }
                    li.write_inner_content(|w| {
                        w.create_element("b")
                            .write_text_content(BytesText::new(finding.code))?;
                        w.write_event(Event::Text(BytesText::new(" ")))?;
                        w.create_element("code")
                            .write_text_content(BytesText::new(&finding.element))?;
                        w.write_event(Event::Text(BytesText::new(" — ")))?;
                        code_spans(w, &finding.message)
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(())
}

/// A rule message with its `code spans` as `<code>` elements (text escaped by the writer).
fn code_spans(w: &mut Writer<Vec<u8>>, message: &str) -> io::Result<()> {
    for (k, part) in message.split('`').enumerate() {
        if part.is_empty() {
            continue;
        }
        if k % 2 == 1 {
            w.create_element("code")
                .write_text_content(BytesText::new(part))?;
        } else {
            w.write_event(Event::Text(BytesText::new(part)))?;
        }
    }
    Ok(())
}
