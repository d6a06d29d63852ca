//! The consolidation plan as a workbook (`consolidate --format xlsx`), for the planners who
//! decide in Excel: a summary sheet (the overview table of groups), one row per system of
//! every group with the facts the choice rests on and the proposed decision, then the master
//! data to migrate, the links to re-point and the findings each duplicate causes — each sheet
//! filterable, each row naming its group. The words are [`super::plan_render`]'s; nothing
//! here decides. Same input, same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::consolidate::Plan;
use super::plan_render::{choice, funding, header, link, migration, reasons_text, repoint, status};
use crate::i18n::{Lang, tr};

/// Text for a cell: the code-span marks dropped, no control characters.
fn plain(text: &str) -> String {
    crate::text::printable(&text.replace('`', "")).into_owned()
}

struct Styles {
    bold: Format,
    title: Format,
    wrap: Format,
    money: Format,
    keep: Format,
    retire: Format,
}

/// A header row (message keys), with column widths; freezes it when it is the first row.
fn headers(
    ws: &mut Worksheet,
    row: u32,
    lang: Lang,
    columns: &[(&str, f64)],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, (key, width)) in columns.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, tr(lang, key, &[]), bold)?;
        ws.set_column_width(c as u16, *width)?;
    }
    if row == 0 {
        ws.set_freeze_panes(1, 0)?;
    }
    Ok(())
}

fn filter(ws: &mut Worksheet, rows: u32, columns: usize) -> Result<(), XlsxError> {
    ws.autofilter(0, 0, rows, columns as u16 - 1)?;
    Ok(())
}

fn optional_money(
    ws: &mut Worksheet,
    row: u32,
    column: u16,
    value: Option<u64>,
    style: &Format,
) -> Result<(), XlsxError> {
    if let Some(v) = value {
        ws.write_number_with_format(row, column, v as f64, style)?;
    }
    Ok(())
}

/// The workbook's bytes.
pub fn write(plan: &Plan, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = |key: &str| tr(lang, key, &[]);
    let title = plain(&tr(
        lang,
        "plan.title",
        &[("id", &plan.model_id), ("name", &plan.model_name)],
    ));
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&fixed)
            .set_title(&title),
    );
    let s = Styles {
        bold: Format::new().set_bold().set_background_color("#DDEBF7"),
        title: Format::new().set_bold().set_font_size(14),
        wrap: Format::new().set_text_wrap(),
        money: Format::new().set_num_format("#,##0"),
        keep: Format::new().set_bold().set_font_color("#006100"),
        retire: Format::new().set_bold().set_font_color("#9C0006"),
    };

    // Summary: the plan's header lines, then one row per group.
    let ws = book.add_worksheet();
    ws.set_name(t("plan.xlsx.summary"))?;
    ws.write_string_with_format(0, 0, &title, &s.title)?;
    let mut row = 1;
    for line in header(lang, plan) {
        ws.write_string(row, 0, plain(&line))?;
        row += 1;
    }
    row += 1;
    let overview = [
        ("plan.xlsx.number", 6.0),
        ("plan.col.group", 44.0),
        ("plan.keep", 30.0),
        ("plan.retire", 30.0),
        ("plan.col.saved", 18.0),
        ("plan.xlsx.capex_retired", 18.0),
        ("plan.xlsx.migrations", 12.0),
        ("plan.xlsx.repoints", 12.0),
        ("plan.col.findings", 12.0),
        ("plan.xlsx.choice", 50.0),
    ];
    let first = row;
    headers(ws, row, lang, &overview, &s.bold)?;
    for (n, group) in plan.groups.iter().enumerate() {
        row += 1;
        let ids = |list: &[usize]| {
            list.iter()
                .map(|&k| group.members[k].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        ws.write_number(row, 0, (n + 1) as f64)?;
        ws.write_string_with_format(row, 1, plain(&group.title), &s.wrap)?;
        ws.write_string(row, 2, plain(&ids(&group.keep)))?;
        ws.write_string(row, 3, plain(&ids(&group.retire)))?;
        ws.write_number_with_format(row, 4, group.opex_saved as f64, &s.money)?;
        ws.write_number_with_format(row, 5, group.capex_retired as f64, &s.money)?;
        ws.write_number(row, 6, group.migrations.len() as f64)?;
        ws.write_number(row, 7, group.repoints.len() as f64)?;
        ws.write_number(row, 8, group.findings.len() as f64)?;
        ws.write_string_with_format(row, 9, plain(&choice(lang, group)), &s.wrap)?;
    }
    if !plan.groups.is_empty() {
        ws.autofilter(first, 0, row, overview.len() as u16 - 1)?;
        row += 1;
        ws.write_string_with_format(row, 1, t("plan.xlsx.total"), &s.bold)?;
        ws.write_number_with_format(row, 4, plan.opex_saved as f64, &s.money)?;
        ws.write_number_with_format(row, 5, plan.capex_retired as f64, &s.money)?;
    }
    row += 2;
    ws.write_string(row, 0, plain(&t("plan.age")))?;

    // The systems of every group, with the facts the choice rests on.
    let ws = book.add_worksheet();
    ws.set_name(t("plan.xlsx.systems"))?;
    let columns = [
        ("plan.xlsx.number", 6.0),
        ("plan.col.group", 36.0),
        ("plan.links", 36.0),
        ("plan.col.decision", 10.0),
        ("plan.xlsx.id", 26.0),
        ("plan.col.system", 40.0),
        ("plan.col.origin", 12.0),
        ("plan.col.owner", 30.0),
        ("plan.col.status", 14.0),
        ("plan.col.level", 8.0),
        ("plan.xlsx.hosted_on", 20.0),
        ("plan.col.dependants", 12.0),
        ("plan.col.agencies", 10.0),
        ("plan.xlsx.capex", 18.0),
        ("plan.col.opex", 18.0),
        ("plan.col.funding", 18.0),
        ("plan.xlsx.reasons", 70.0),
    ];
    headers(ws, 0, lang, &columns, &s.bold)?;
    let mut row = 0;
    for (n, group) in plan.groups.iter().enumerate() {
        let links: Vec<String> = group.links.iter().map(|l| link(lang, l)).collect();
        for (k, m) in group.members.iter().enumerate() {
            row += 1;
            let kept = group.keep.contains(&k);
            ws.write_number(row, 0, (n + 1) as f64)?;
            ws.write_string(row, 1, plain(&group.title))?;
            ws.write_string_with_format(row, 2, plain(&links.join("; ")), &s.wrap)?;
            let (word, style) = if kept {
                ("plan.keep", &s.keep)
            } else {
                ("plan.retire", &s.retire)
            };
            ws.write_string_with_format(row, 3, t(word), style)?;
            ws.write_string(row, 4, plain(&m.id))?;
            ws.write_string(row, 5, plain(&m.name))?;
            ws.write_string(row, 6, plain(&m.origin))?;
            ws.write_string(row, 7, plain(&format!("{} ({})", m.owner_name, m.owner)))?;
            ws.write_string(row, 8, status(lang, m.status))?;
            if let Some(level) = m.security_level {
                ws.write_number(row, 9, f64::from(level))?;
            }
            if let Some(host) = &m.hosted_on {
                ws.write_string(row, 10, plain(host))?;
            }
            ws.write_number(row, 11, m.dependants as f64)?;
            ws.write_number(row, 12, m.agencies as f64)?;
            optional_money(ws, row, 13, m.capex, &s.money)?;
            optional_money(ws, row, 14, m.opex, &s.money)?;
            ws.write_string(row, 15, funding(lang, m.funding))?;
            // Why the kept system wins over this one (for a retired member).
            if let Some(i) = group.retire.iter().position(|&r| r == k) {
                let why = tr(
                    lang,
                    "plan.reasons",
                    &[("kept", &group.kept().id), ("gone", &m.id)],
                );
                let text = format!("{why}: {}", reasons_text(lang, &group.reasons[i]));
                ws.write_string_with_format(row, 16, plain(&text), &s.wrap)?;
            }
        }
    }
    filter(ws, row, columns.len())?;

    // Master data to migrate.
    let ws = book.add_worksheet();
    ws.set_name(t("plan.xlsx.migrations_sheet"))?;
    let columns = [
        ("plan.xlsx.number", 6.0),
        ("plan.col.group", 36.0),
        ("plan.xlsx.data", 26.0),
        ("plan.xlsx.data_name", 40.0),
        ("plan.xlsx.from", 26.0),
        ("plan.xlsx.to", 26.0),
        ("plan.xlsx.into", 26.0),
        ("plan.xlsx.what", 80.0),
    ];
    headers(ws, 0, lang, &columns, &s.bold)?;
    let mut row = 0;
    for (n, group) in plan.groups.iter().enumerate() {
        for m in &group.migrations {
            row += 1;
            ws.write_number(row, 0, (n + 1) as f64)?;
            ws.write_string(row, 1, plain(&group.title))?;
            ws.write_string(row, 2, plain(&m.data))?;
            ws.write_string(row, 3, plain(&m.data_name))?;
            ws.write_string(row, 4, plain(&m.from))?;
            ws.write_string(row, 5, plain(&m.to))?;
            if let Some(into) = &m.into {
                ws.write_string(row, 6, plain(into))?;
            }
            ws.write_string_with_format(row, 7, plain(&migration(lang, m)), &s.wrap)?;
        }
    }
    filter(ws, row, columns.len())?;

    // Links to re-point.
    let ws = book.add_worksheet();
    ws.set_name(t("plan.xlsx.repoints_sheet"))?;
    let columns = [
        ("plan.xlsx.number", 6.0),
        ("plan.col.group", 36.0),
        ("plan.col.system", 26.0),
        ("plan.xlsx.edge", 14.0),
        ("plan.xlsx.from", 26.0),
        ("plan.xlsx.to", 26.0),
        ("plan.xlsx.what", 80.0),
    ];
    headers(ws, 0, lang, &columns, &s.bold)?;
    let mut row = 0;
    for (n, group) in plan.groups.iter().enumerate() {
        for r in &group.repoints {
            row += 1;
            ws.write_number(row, 0, (n + 1) as f64)?;
            ws.write_string(row, 1, plain(&group.title))?;
            ws.write_string(row, 2, plain(&r.system))?;
            ws.write_string(row, 3, r.edge)?;
            ws.write_string(row, 4, plain(&r.from))?;
            ws.write_string(row, 5, plain(&r.to))?;
            ws.write_string_with_format(row, 6, plain(&repoint(lang, r)), &s.wrap)?;
        }
    }
    filter(ws, row, columns.len())?;

    // The findings each duplicate causes.
    let ws = book.add_worksheet();
    ws.set_name(t("plan.xlsx.findings_sheet"))?;
    let columns = [
        ("plan.xlsx.number", 6.0),
        ("plan.col.group", 36.0),
        ("xlsx.col.code", 10.0),
        ("xlsx.col.element", 26.0),
        ("xlsx.col.message", 90.0),
    ];
    headers(ws, 0, lang, &columns, &s.bold)?;
    let mut row = 0;
    for (n, group) in plan.groups.iter().enumerate() {
        for f in &group.findings {
            row += 1;
            ws.write_number(row, 0, (n + 1) as f64)?;
            ws.write_string(row, 1, plain(&group.title))?;
            ws.write_string(row, 2, f.code)?;
            ws.write_string(row, 3, plain(&f.element))?;
            ws.write_string_with_format(row, 4, plain(&f.message.render(lang)), &s.wrap)?;
        }
    }
    filter(ws, row, columns.len())?;
    book.save_to_buffer()
}
