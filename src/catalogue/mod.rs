//! `kientruc catalogue`: the national catalogue of one framework version as a planner looks it
//! up while writing a model — its instrument and validity, the legal bases of investment
//! review, the national agencies, platforms, databases and capabilities with their designated
//! platform, mandatory links, legal source and what is uncertain — in human text, JSON or
//! Markdown, in Vietnamese or English. And `kientruc explain ID`: one element of it. Everything
//! listed is catalogue data; this module only lays it out, in catalogue order (deterministic).

use std::fmt::Write;

use serde::Serialize;

use crate::i18n::{Lang, tr};
use crate::load::Catalogue;
use crate::model::catalogue::CatalogueInfo;
use crate::model::{Model, Note};
use crate::report::markdown::escape;

/// The output formats of `kientruc catalogue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Markdown,
}

/// The version of the JSON document of `kientruc catalogue`.
pub const JSON_VERSION: u32 = 1;

/// One listed element: the fields every kind shares, then the kind's own.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provides: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub must_integrate: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// The legal source (null when the catalogue states none: a gap to fill).
    pub source: Option<String>,
    /// Why it is not verified, in the language asked for; null when it is.
    pub uncertain: Option<String>,
    #[serde(skip)]
    pub description: Option<String>,
}

/// The whole listing.
#[derive(Debug, Clone, Serialize)]
pub struct Listing<'a> {
    pub version: u32,
    pub lang: &'static str,
    pub catalogue: &'a CatalogueInfo,
    pub agencies: Vec<Entry>,
    pub systems: Vec<Entry>,
    pub data: Vec<Entry>,
    pub capabilities: Vec<Entry>,
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn uncertain(note: Option<&Note>, lang: Lang) -> Option<String> {
    note.map(|n| n.get(lang).to_string())
}

fn blank() -> Entry {
    Entry {
        id: String::new(),
        name: String::new(),
        owner: None,
        layer: None,
        status: None,
        provides: Vec::new(),
        platform: None,
        must_integrate: Vec::new(),
        deadline: None,
        classification: None,
        valid_from: None,
        valid_until: None,
        successor: None,
        source: None,
        uncertain: None,
        description: None,
    }
}

/// The catalogue's elements, listed in catalogue order.
pub fn listing(catalogue: &Catalogue, lang: Lang) -> Listing<'_> {
    let model = catalogue.elements();
    entries(&catalogue.info, &model, lang)
}

fn entries<'a>(info: &'a CatalogueInfo, model: &Model, lang: Lang) -> Listing<'a> {
    let ids = |refs: &[crate::model::Ref]| refs.iter().map(|r| r.value.to_string()).collect();
    Listing {
        version: JSON_VERSION,
        lang: lang.as_str(),
        catalogue: info,
        agencies: model
            .agencies
            .iter()
            .map(|a| Entry {
                id: a.id.value.to_string(),
                name: a.name.clone(),
                valid_from: a.valid_from.as_ref().map(|d| date(d.value)),
                valid_until: a.valid_until.as_ref().map(|d| date(d.value)),
                successor: a.successor.as_ref().map(|s| s.value.to_string()),
                source: a.source.clone(),
                uncertain: uncertain(a.uncertain.as_ref(), lang),
                description: a.description.clone(),
                ..blank()
            })
            .collect(),
        systems: model
            .systems
            .iter()
            .map(|s| Entry {
                id: s.id.value.to_string(),
                name: s.name.clone(),
                owner: Some(s.owner.value.to_string()),
                layer: Some(s.layer.as_str()),
                status: Some(s.status.as_str()),
                provides: ids(&s.provides),
                source: s.source.clone(),
                uncertain: uncertain(s.uncertain.as_ref(), lang),
                description: s.description.clone(),
                ..blank()
            })
            .collect(),
        data: model
            .data
            .iter()
            .map(|d| Entry {
                id: d.id.value.to_string(),
                name: d.name.clone(),
                owner: Some(d.owner.value.to_string()),
                classification: serde_json::to_value(d.classification)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string)),
                source: d.source.clone(),
                uncertain: uncertain(d.uncertain.as_ref(), lang),
                description: d.description.clone(),
                ..blank()
            })
            .collect(),
        capabilities: model
            .capabilities
            .iter()
            .map(|c| Entry {
                id: c.id.value.to_string(),
                name: c.name.clone(),
                platform: c.platform.as_ref().map(|p| p.value.to_string()),
                must_integrate: ids(&c.must_integrate),
                deadline: c.deadline.as_ref().map(|d| date(d.value)),
                source: c.source.clone(),
                uncertain: uncertain(c.uncertain.as_ref(), lang),
                description: c.description.clone(),
                ..blank()
            })
            .collect(),
    }
}

/// Renders the listing of `catalogue` in `format`.
pub fn render(catalogue: &Catalogue, format: Format, lang: Lang) -> String {
    let listing = listing(catalogue, lang);
    match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&listing)
                .expect("the listing is plain data and always serialises");
            text.push('\n');
            text
        }
        Format::Human => human(&listing, lang),
        Format::Markdown => markdown(&listing, lang),
    }
}

/// The lines about the catalogue itself (shared by both text formats), as (label, value).
fn facts(info: &CatalogueInfo, lang: Lang) -> Vec<(String, String)> {
    let replaced = match (&info.replaced_by, info.replaced_on) {
        (Some(by), Some(on)) => tr(
            lang,
            "catalogue.replaced",
            &[("by", by.as_str()), ("on", &date(on))],
        ),
        _ => tr(lang, "catalogue.in_force", &[]),
    };
    let mut facts = vec![
        (
            tr(lang, "catalogue.instrument", &[]),
            info.instrument.clone(),
        ),
        (tr(lang, "catalogue.valid_from", &[]), date(info.valid_from)),
        (tr(lang, "catalogue.as_of", &[]), date(info.as_of)),
        (tr(lang, "catalogue.col.validity", &[]), replaced),
    ];
    if let Some(note) = &info.uncertain {
        facts.push((
            tr(lang, "catalogue.col.uncertain", &[]),
            note.get(lang).to_string(),
        ));
    }
    facts
}

fn window(basis: &crate::model::catalogue::LegalBasis, lang: Lang) -> String {
    match (basis.applies_from, basis.applies_until) {
        (None, None) => tr(lang, "catalogue.window.always", &[]),
        (from, until) => {
            let mut parts = Vec::new();
            if let Some(from) = from {
                parts.push(tr(lang, "catalogue.window.from", &[("date", &date(from))]));
            }
            if let Some(until) = until {
                parts.push(tr(
                    lang,
                    "catalogue.window.until",
                    &[("date", &date(until))],
                ));
            }
            parts.join(", ")
        }
    }
}

fn reorganisation_who(r: &crate::model::catalogue::Reorganisation, lang: Lang) -> String {
    match (&r.name, r.level) {
        (Some(name), _) => tr(lang, "catalogue.reorganisation.name", &[("name", name)]),
        (None, Some(level)) => {
            let level = serde_json::to_value(level)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let words = tr(lang, &format!("level.{level}"), &[]);
            tr(
                lang,
                "catalogue.reorganisation.level",
                &[("level", &words), ("value", &level)],
            )
        }
        (None, None) => String::new(),
    }
}

/// The details of an entry after its name, for the human listing.
fn details(entry: &Entry, lang: Lang) -> Vec<String> {
    let none = tr(lang, "catalogue.none", &[]);
    let mut lines = Vec::new();
    let mut head = Vec::new();
    if let Some(owner) = &entry.owner {
        head.push(format!("{}: {owner}", tr(lang, "catalogue.col.owner", &[])));
    }
    // Values in words, with the model's value beside them (what a model writes).
    if let Some(layer) = entry.layer {
        head.push(format!(
            "{}: {} (`{layer}`)",
            tr(lang, "catalogue.col.layer", &[]),
            tr(lang, &format!("graph.layer.{layer}"), &[])
        ));
    }
    if let Some(status) = entry.status {
        let words = tr(lang, &format!("status.{status}"), &[]);
        let value = if words == status {
            words
        } else {
            format!("{words} (`{status}`)")
        };
        head.push(format!(
            "{}: {value}",
            tr(lang, "catalogue.col.status", &[])
        ));
    }
    if let Some(class) = &entry.classification {
        head.push(format!(
            "{}: `{class}`",
            tr(lang, "catalogue.col.classification", &[])
        ));
    }
    if let Some(platform) = &entry.platform {
        head.push(format!(
            "{}: {platform}",
            tr(lang, "catalogue.col.platform", &[])
        ));
    }
    if !entry.must_integrate.is_empty() {
        head.push(format!(
            "{}: {}",
            tr(lang, "catalogue.col.must", &[]),
            must(entry, lang)
        ));
    }
    if entry.valid_from.is_some() || entry.valid_until.is_some() {
        head.push(format!(
            "{}: {}",
            tr(lang, "catalogue.col.validity", &[]),
            validity(entry)
        ));
    }
    if let Some(successor) = &entry.successor {
        head.push(format!(
            "{}: {successor}",
            tr(lang, "catalogue.col.successor", &[])
        ));
    }
    if !head.is_empty() {
        lines.push(head.join("; "));
    }
    lines.push(format!(
        "{}: {}",
        tr(lang, "catalogue.col.source", &[]),
        entry.source.as_deref().unwrap_or(&none)
    ));
    if let Some(reason) = &entry.uncertain {
        lines.push(format!(
            "⚠ {}",
            tr(lang, "catalogue.uncertain", &[("reason", reason)])
        ));
    }
    lines
}

fn must(entry: &Entry, lang: Lang) -> String {
    let links = entry.must_integrate.join(", ");
    match &entry.deadline {
        Some(deadline) => format!(
            "{links} ({})",
            tr(lang, "catalogue.deadline", &[("date", deadline)])
        ),
        None => links,
    }
}

fn validity(entry: &Entry) -> String {
    format!(
        "{} … {}",
        entry.valid_from.as_deref().unwrap_or(""),
        entry.valid_until.as_deref().unwrap_or("")
    )
    .trim()
    .to_string()
}

fn sections<'l>(listing: &'l Listing<'_>) -> [(&'static str, &'l [Entry]); 4] {
    [
        ("catalogue.agencies", &listing.agencies),
        ("catalogue.platforms", &listing.systems),
        ("catalogue.data", &listing.data),
        ("catalogue.capabilities", &listing.capabilities),
    ]
}

fn human(listing: &Listing<'_>, lang: Lang) -> String {
    let info = listing.catalogue;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tr(
            lang,
            "catalogue.title",
            &[
                ("version", info.version.as_str()),
                ("name", info.name.get(lang))
            ]
        )
    );
    for (label, value) in facts(info, lang) {
        let _ = writeln!(out, "  {label}: {value}");
    }
    if !info.sources.is_empty() {
        let _ = writeln!(out, "  {}:", tr(lang, "catalogue.sources", &[]));
        for source in &info.sources {
            let _ = writeln!(out, "    - {source}");
        }
    }
    if !info.legal_bases.is_empty() {
        let _ = writeln!(out, "\n{}", tr(lang, "catalogue.legal_bases", &[]));
        for basis in &info.legal_bases {
            let _ = writeln!(out, "  - {} [{}]", basis.instrument, window(basis, lang));
            let _ = writeln!(out, "    {}", basis.subject.get(lang));
            if let Some(note) = &basis.uncertain {
                let _ = writeln!(out, "    ⚠ {}", doubt(note, lang));
            }
        }
    }
    if !info.layers.is_empty() {
        let _ = writeln!(out, "\n{}", tr(lang, "catalogue.layers", &[]));
        for layer in &info.layers {
            let layers: Vec<String> = layer
                .layers
                .iter()
                .map(|l| format!("`{}`", l.as_str()))
                .collect();
            let _ = writeln!(
                out,
                "  - {} → {} ({})",
                layer.name.get(lang),
                layers.join(", "),
                layer.source
            );
        }
    }
    if !info.reorganisations.is_empty() {
        let _ = writeln!(out, "\n{}", tr(lang, "catalogue.reorganisations", &[]));
        for r in &info.reorganisations {
            let line = tr(
                lang,
                "catalogue.reorganisation.line",
                &[
                    ("who", &reorganisation_who(r, lang)),
                    ("until", &date(r.valid_until)),
                    ("successor", r.successor.get(lang)),
                ],
            );
            let _ = writeln!(out, "  - {line}");
            let _ = writeln!(
                out,
                "    {}: {}",
                tr(lang, "catalogue.col.source", &[]),
                r.source
            );
            if let Some(note) = &r.uncertain {
                let _ = writeln!(out, "    ⚠ {}", doubt(note, lang));
            }
        }
    }
    for (key, entries) in sections(listing) {
        let _ = writeln!(out, "\n{}", tr(lang, key, &[]));
        for entry in entries {
            // The id as code, as every human report shows ids: what to type in a model.
            let _ = writeln!(out, "  `{}`  {}", entry.id, entry.name);
            for line in details(entry, lang) {
                let _ = writeln!(out, "      {line}");
            }
        }
    }
    out
}

/// " ⚠ *uncertain: …*", escaped, after a Markdown list item.
fn markdown_doubt(note: &Note, lang: Lang) -> String {
    format!(" ⚠ *{}*", escape(&doubt(note, lang)))
}

/// "uncertain: …", in `lang`.
fn doubt(note: &Note, lang: Lang) -> String {
    tr(lang, "catalogue.uncertain", &[("reason", note.get(lang))])
}

/// Catalogue text in a table cell: escaped, pipes included, so no text can split the row.
fn cell(value: &str) -> String {
    escape(value)
}

fn markdown(listing: &Listing<'_>, lang: Lang) -> String {
    let info = listing.catalogue;
    let none = tr(lang, "catalogue.none", &[]);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        escape(&tr(
            lang,
            "catalogue.title",
            &[
                ("version", info.version.as_str()),
                ("name", info.name.get(lang))
            ]
        ))
    );
    for (label, value) in facts(info, lang) {
        let _ = writeln!(out, "- **{}:** {}", escape(&label), escape(&value));
    }
    if !info.sources.is_empty() {
        let _ = writeln!(out, "- **{}:**", tr(lang, "catalogue.sources", &[]));
        for source in &info.sources {
            let _ = writeln!(out, "  - {}", escape(source));
        }
    }
    if !info.legal_bases.is_empty() {
        let _ = writeln!(out, "\n## {}\n", tr(lang, "catalogue.legal_bases", &[]));
        for basis in &info.legal_bases {
            let _ = write!(
                out,
                "- **{}** ({}): {}",
                escape(&basis.instrument),
                escape(&window(basis, lang)),
                escape(basis.subject.get(lang))
            );
            if let Some(note) = &basis.uncertain {
                out.push_str(&markdown_doubt(note, lang));
            }
            out.push('\n');
        }
    }
    if !info.layers.is_empty() {
        let _ = writeln!(out, "\n## {}\n", tr(lang, "catalogue.layers", &[]));
        for layer in &info.layers {
            let layers: Vec<String> = layer
                .layers
                .iter()
                .map(|l| format!("`{}`", l.as_str()))
                .collect();
            let _ = writeln!(
                out,
                "- {} → {} ({})",
                escape(layer.name.get(lang)),
                layers.join(", "),
                escape(&layer.source)
            );
        }
    }
    if !info.reorganisations.is_empty() {
        let _ = writeln!(out, "\n## {}\n", tr(lang, "catalogue.reorganisations", &[]));
        for r in &info.reorganisations {
            let line = tr(
                lang,
                "catalogue.reorganisation.line",
                &[
                    ("who", &reorganisation_who(r, lang)),
                    ("until", &date(r.valid_until)),
                    ("successor", r.successor.get(lang)),
                ],
            );
            let _ = write!(
                out,
                "- {} ({})",
                crate::report::markdown::inline_message(&line),
                escape(&r.source)
            );
            if let Some(note) = &r.uncertain {
                out.push_str(&markdown_doubt(note, lang));
            }
            out.push('\n');
        }
    }
    for (key, entries) in sections(listing) {
        let _ = writeln!(out, "\n## {}\n", tr(lang, key, &[]));
        let header = [
            "catalogue.col.id",
            "catalogue.col.name",
            "catalogue.col.owner",
            "catalogue.col.platform",
            "catalogue.col.must",
            "catalogue.col.source",
            "catalogue.col.uncertain",
        ];
        let cells: Vec<String> = header.iter().map(|k| tr(lang, k, &[])).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
        for entry in entries {
            let owner = entry
                .owner
                .clone()
                .or_else(|| entry.successor.as_ref().map(|s| format!("→ {s}")));
            let links = if entry.must_integrate.is_empty() {
                none.clone()
            } else {
                must(entry, lang)
            };
            let row = [
                format!("`{}`", entry.id),
                cell(&entry.name),
                owner.map_or(none.clone(), |o| cell(&o)),
                entry
                    .platform
                    .as_ref()
                    .map_or(none.clone(), |p| format!("`{p}`")),
                cell(&links),
                cell(entry.source.as_deref().unwrap_or(&none)),
                entry
                    .uncertain
                    .as_ref()
                    .map_or(none.clone(), |u| format!("⚠ {}", cell(u))),
            ];
            let _ = writeln!(out, "| {} |", row.join(" | "));
        }
    }
    out
}

/// `kientruc explain ID`: one element of `catalogue`, with its source and uncertainty; `None`
/// when no element has that id.
pub fn explain(catalogue: &Catalogue, id: &str, lang: Lang) -> Option<String> {
    let listing = listing(catalogue, lang);
    let (kind, entry) = [
        ("agency", &listing.agencies),
        ("system", &listing.systems),
        ("data", &listing.data),
        ("capability", &listing.capabilities),
    ]
    .into_iter()
    .find_map(|(kind, entries)| entries.iter().find(|e| e.id == id).map(|e| (kind, e)))?;
    let mut out = tr(
        lang,
        "catalogue.element.heading",
        &[
            ("id", &entry.id),
            ("name", &entry.name),
            (
                "kind",
                &tr(lang, &format!("catalogue.element.kind.{kind}"), &[]),
            ),
            ("version", catalogue.version()),
        ],
    );
    out.push('\n');
    for line in details(entry, lang) {
        let _ = writeln!(out, "  {line}");
    }
    if let Some(description) = &entry.description {
        let _ = writeln!(
            out,
            "\n{}: {}",
            tr(lang, "catalogue.element.description", &[]),
            description.trim()
        );
    }
    Some(out)
}

/// Which catalogue data a rule reads, listed for `explain CODE --framework V`: the rule's
/// inputs as this catalogue fills them (designated platforms, mandatory links and deadlines,
/// replacement, reorganisations), each with its source and doubt.
pub fn rule_data(catalogue: &Catalogue, code: &str, lang: Lang) -> String {
    let listing = listing(catalogue, lang);
    let info = listing.catalogue;
    let none = tr(lang, "catalogue.none", &[]);
    let line = |entry: &Entry, what: String| {
        let mut text = format!(
            "  - {} — {what} ({})",
            entry.id,
            entry.source.as_deref().unwrap_or(&none)
        );
        if let Some(reason) = &entry.uncertain {
            text.push_str(&format!(
                " ⚠ {}",
                tr(lang, "catalogue.uncertain", &[("reason", reason)])
            ));
        }
        text
    };
    let mut lines: Vec<String> = Vec::new();
    match code {
        "REUSE001" | "REUSE002" | "REUSE003" | "REUSE005" | "KT006" | "DUP001" => {
            for c in &listing.capabilities {
                if let Some(platform) = &c.platform
                    && (code != "REUSE003" || c.id == "hosting")
                {
                    lines.push(line(c, format!("`{platform}`")));
                }
            }
        }
        "LINK001" => {
            for c in listing
                .capabilities
                .iter()
                .filter(|c| !c.must_integrate.is_empty())
            {
                lines.push(line(c, must(c, lang)));
            }
        }
        "TIME001" => {
            if let Some((by, on)) = info.replaced_by.as_ref().zip(info.replaced_on) {
                lines.push(format!(
                    "  - {} — {}",
                    info.version,
                    tr(
                        lang,
                        "catalogue.replaced",
                        &[("by", by.as_str()), ("on", &date(on))]
                    )
                ));
            }
        }
        "TIME002" | "TIME003" => {
            for r in &info.reorganisations {
                let mut text = format!(
                    "  - {} ({})",
                    tr(
                        lang,
                        "catalogue.reorganisation.line",
                        &[
                            ("who", &reorganisation_who(r, lang)),
                            ("until", &date(r.valid_until)),
                            ("successor", r.successor.get(lang)),
                        ],
                    ),
                    r.source
                );
                if let Some(note) = &r.uncertain {
                    text.push_str(&format!(" ⚠ {}", doubt(note, lang)));
                }
                lines.push(text);
            }
            for a in listing.agencies.iter().filter(|a| a.valid_until.is_some()) {
                let successor = a.successor.as_deref().unwrap_or(&none);
                lines.push(line(a, format!("{} → {successor}", validity(a))));
            }
        }
        _ => {}
    }
    let mut out = format!(
        "\n## {}\n\n",
        tr(
            lang,
            "catalogue.rule_data",
            &[("version", info.version.as_str())]
        )
    );
    if lines.is_empty() {
        out.push_str(&tr(lang, "catalogue.rule_data.none", &[]));
        out.push('\n');
    } else {
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

crate::choice!(Format { Human => "human", Json => "json", Markdown => "markdown" });
