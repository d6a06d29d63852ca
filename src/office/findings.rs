//! `check --format xlsx`: the findings as a workbook a planner filters in Excel — a summary
//! sheet by principle and by agency, then one row per finding (code, severity, principle, rule,
//! element, owner, message, place in the model, money at stake, waiver). It renders a judged
//! [`Report`]; it never judges. Same input, same bytes.

use std::collections::BTreeMap;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::finding::{Finding, Principle, Severity};
use crate::graph::{Graph, Kind};
use crate::i18n::tr;
use crate::report::Report;
use crate::rules::Judgement;

/// Findings text for a cell: the code-span marks of rule messages dropped, no control
/// characters.
fn plain(text: &str) -> String {
    crate::text::printable(&text.replace('`', "")).into_owned()
}

/// The agency that owns the element a finding is about: a system's, data set's or project's
/// owner, an agency itself; `None` for capabilities and ids the model does not define.
fn owner<'m>(graph: &Graph<'m>, id: &str) -> Option<&'m str> {
    let element = graph.lookup(id)?;
    let m = graph.model;
    let i = element.index;
    match element.kind {
        Kind::Agency => Some(m.agencies[i].id.value.as_str()),
        Kind::System => Some(m.systems[i].owner.as_str()),
        Kind::Data => Some(m.data[i].owner.as_str()),
        Kind::Project => m.projects[i].owner.as_ref().map(|o| o.as_str()),
        Kind::Capability => None,
    }
}

fn name<'m>(graph: &Graph<'m>, id: &str) -> &'m str {
    graph.lookup(id).map_or("", |e| graph.element_name(e))
}

/// Counts as `check` counts them: by severity the findings that are not waived, and the
/// waived ones apart.
#[derive(Default, Clone, Copy)]
struct Counts {
    by: [usize; 3],
    waived: usize,
}

impl Counts {
    fn add(&mut self, f: &Finding) {
        if f.waived.is_some() {
            self.waived += 1;
            return;
        }
        let k = match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        self.by[k] += 1;
    }
    /// Errors and warnings not waived: a principle with none passes.
    fn open(&self) -> usize {
        self.by[0] + self.by[1]
    }
    fn total(&self) -> usize {
        self.by.iter().sum::<usize>() + self.waived
    }
}

struct Styles {
    bold: Format,
    title: Format,
    wrap: Format,
    money: Format,
}

fn headers(
    ws: &mut Worksheet,
    row: u32,
    words: &[(String, f64)],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, (word, width)) in words.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, word, bold)?;
        ws.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

fn count_cells(ws: &mut Worksheet, row: u32, first: u16, counts: &Counts) -> Result<(), XlsxError> {
    for (k, n) in counts.by.iter().enumerate() {
        ws.write_number(row, first + k as u16, *n as f64)?;
    }
    ws.write_number(row, first + 3, counts.waived as f64)?;
    ws.write_number(row, first + 4, counts.total() as f64)?;
    Ok(())
}

/// The workbook's bytes.
pub fn write(report: &Report<'_>, graph: &Graph<'_>) -> Result<Vec<u8>, XlsxError> {
    let lang = report.lang;
    let t = |key: &str| tr(lang, key, &[]);
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&fixed)
            .set_title(plain(&tr(lang, "xlsx.title", &[("id", &report.stats.id)]))),
    );
    let styles = Styles {
        bold: Format::new().set_bold().set_background_color("#DDEBF7"),
        title: Format::new().set_bold().set_font_size(14),
        wrap: Format::new().set_text_wrap(),
        money: Format::new().set_num_format("#,##0"),
    };
    summary(book.add_worksheet(), report, graph, &styles)?;

    let ws = book.add_worksheet();
    ws.set_name(t("xlsx.sheet.findings"))?;
    let columns: Vec<(String, f64)> = [
        ("xlsx.col.code", 10.0),
        ("xlsx.col.severity", 12.0),
        ("xlsx.col.principle", 24.0),
        ("xlsx.col.rule", 36.0),
        ("xlsx.col.element", 26.0),
        ("xlsx.col.name", 36.0),
        ("xlsx.col.owner", 22.0),
        ("xlsx.col.message", 70.0),
        ("xlsx.col.place", 40.0),
        ("xlsx.col.capex", 18.0),
        ("xlsx.col.opex", 18.0),
        ("xlsx.col.waived", 30.0),
    ]
    .iter()
    .map(|(key, width)| (t(key), *width))
    .collect();
    headers(ws, 0, &columns, &styles.bold)?;
    for (r, f) in report.findings.iter().enumerate() {
        let row = r as u32 + 1;
        let pos = report.sources.position(f.loc);
        ws.write_string(row, 0, f.code())?;
        ws.write_string(row, 1, t(&format!("severity.{}", f.severity.as_str())))?;
        ws.write_string(
            row,
            2,
            t(&format!("principle.{}", f.rule.principle.as_str())),
        )?;
        ws.write_string(row, 3, plain(&f.rule.title(lang)))?;
        ws.write_string(row, 4, plain(&f.element))?;
        ws.write_string(row, 5, plain(name(graph, &f.element)))?;
        if let Some(owner) = owner(graph, &f.element) {
            ws.write_string(row, 6, plain(owner))?;
        }
        ws.write_string_with_format(row, 7, plain(&f.text(lang)), &styles.wrap)?;
        let place = format!(
            "{}:{}:{}",
            report.sources.shown(f.loc),
            pos.line,
            pos.column
        );
        ws.write_string(row, 8, plain(&place))?;
        if let Some(capex) = f.capex {
            ws.write_number_with_format(row, 9, capex as f64, &styles.money)?;
        }
        if let Some(opex) = f.opex {
            ws.write_number_with_format(row, 10, opex as f64, &styles.money)?;
        }
        if let Some(waived) = &f.waived {
            ws.write_string(row, 11, plain(&waived.reason))?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, report.findings.len() as u32, columns.len() as u16 - 1)?;
    book.save_to_buffer()
}

/// The summary sheet: what was judged, then counts by principle and by agency.
fn summary(
    ws: &mut Worksheet,
    report: &Report<'_>,
    graph: &Graph<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = report.lang;
    let t = |key: &str| tr(lang, key, &[]);
    ws.set_name(t("xlsx.sheet.summary"))?;
    ws.write_string_with_format(
        0,
        0,
        plain(&tr(lang, "xlsx.title", &[("id", &report.stats.id)])),
        &styles.title,
    )?;
    let mut row = 1;
    if let Some(info) = &graph.model.info {
        let line = tr(
            lang,
            "xlsx.model",
            &[("name", &info.name), ("framework", &report.stats.framework)],
        );
        ws.write_string(row, 0, plain(&line))?;
        row += 1;
    }
    if let Some(note) = crate::report::coverage_note(report.coverage, lang) {
        ws.write_string(row, 0, plain(&note))?;
        row += 1;
    }
    row += 1;

    let counted: Vec<(String, f64)> = [
        ("xlsx.col.errors", 12.0),
        ("xlsx.col.warnings", 12.0),
        ("xlsx.col.infos", 12.0),
        ("xlsx.col.waived_count", 12.0),
        ("xlsx.col.total", 12.0),
    ]
    .iter()
    .map(|(key, width)| (t(key), *width))
    .collect();

    // By principle, in the catalogue's order, with the state of each.
    let mut by_principle: BTreeMap<Principle, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for f in report.findings {
        by_principle.entry(f.rule.principle).or_default().add(f);
        total.add(f);
    }
    let mut words = vec![(t("xlsx.col.principle"), 30.0), (t("xlsx.col.state"), 18.0)];
    words.extend(counted.iter().cloned());
    headers(ws, row, &words, &styles.bold)?;
    row += 1;
    for principle in Principle::ALL {
        let state = report.coverage.of(principle);
        if state == Judgement::NotApplicable {
            continue;
        }
        let counts = by_principle.get(&principle).copied().unwrap_or_default();
        ws.write_string(row, 0, t(&format!("principle.{}", principle.as_str())))?;
        let state_key = match state {
            Judgement::Judged if counts.open() == 0 => "xlsx.state.pass",
            Judgement::Judged => "xlsx.state.findings",
            _ => "coverage.short",
        };
        ws.write_string(row, 1, t(state_key))?;
        count_cells(ws, row, 2, &counts)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, t("markdown.total"), &styles.bold)?;
    count_cells(ws, row, 2, &total)?;
    row += 2;

    // By agency (the owner of the element each finding is about), most errors first.
    let mut by_agency: BTreeMap<Option<&str>, Counts> = BTreeMap::new();
    for f in report.findings {
        by_agency
            .entry(owner(graph, &f.element))
            .or_default()
            .add(f);
    }
    let mut agencies: Vec<(Option<&str>, Counts)> = by_agency.into_iter().collect();
    agencies.sort_by(|(a, x), (b, y)| {
        (a.is_none(), std::cmp::Reverse(x.by), *a).cmp(&(b.is_none(), std::cmp::Reverse(y.by), *b))
    });
    let mut words = vec![
        (t("xlsx.col.owner"), 30.0),
        (t("xlsx.col.owner_name"), 18.0),
    ];
    words.extend(counted.iter().cloned());
    headers(ws, row, &words, &styles.bold)?;
    // The name column is the widest text of this table.
    ws.set_column_width(1, 40.0)?;
    row += 1;
    for (agency, counts) in &agencies {
        match agency {
            Some(id) => {
                ws.write_string(row, 0, plain(id))?;
                ws.write_string(row, 1, plain(name(graph, id)))?;
            }
            None => {
                ws.write_string(row, 0, t("xlsx.no_owner"))?;
            }
        }
        count_cells(ws, row, 2, counts)?;
        row += 1;
    }
    Ok(())
}
