//! Reading a filled inventory workbook (calamine: XLSX, XLSM, ODS, XLS), or CSV files one per
//! section, into the model's YAML files. Every problem is reported at `Sheet!Cell` (`file!Cell`
//! for a CSV file) with what was expected and a "did you
//! mean", in Vietnamese and English, as a [`LoadIssue`] rendered like the YAML load errors.
//! Typical spreadsheet input is accepted: headers in Vietnamese or English, with or without
//! diacritics, NFC or NFD; spaces around values; list cells split on `,` `;` and new lines;
//! numbers stored as text; money written `1.800.000.000`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use calamine::Data;
use serde_json::{Map, Value};

use super::columns::{Column, Kind, SHEETS, Sheet, Target, letter};
use crate::i18n::Said;
use crate::load::LoadIssue;
use crate::model::Model;
use crate::text::{fold, nfc};

/// The files of the imported model: relative path → YAML text (without the schema comment).
pub type Files = BTreeMap<String, String>;

/// A cell where a problem is.
struct At<'a> {
    file: &'a str,
    sheet: &'a str,
    /// A CSV file is its own sheet: the place is `file!F12`.
    csv: bool,
    row: u32,
    col: u32,
}

impl At<'_> {
    fn path(&self) -> String {
        let cell = format!("{}{}", letter(self.col as usize), self.row + 1);
        if self.csv {
            format!("{}!{cell}", self.file)
        } else {
            format!("{}: {}!{cell}", self.file, self.sheet)
        }
    }
}

/// One element read from a row, with where each of its references was.
struct Row {
    value: Map<String, Value>,
    /// (target, id, row, column) of each reference, for the second pass.
    refs: Vec<(Target, String, u32, u32)>,
}

/// Reads `path` (a workbook, a CSV file or a directory of CSV files, see [`super::tables`])
/// into the model files; `national` gives the ids a reference may also name.
pub fn read(path: &Path, national: &Model) -> Result<Files, Vec<LoadIssue>> {
    let shown = path.display().to_string();
    let tables = super::tables::open(path)?;
    let mut issues = Vec::new();
    let mut read_sheets: Vec<Vec<Row>> = Vec::new();
    let mut places: Places<'_> = Vec::new();
    let mut found_any = false;
    for sheet in SHEETS {
        let mut matching = tables
            .iter()
            .filter(|t| t.sheet().is_some_and(|s| std::ptr::eq(s, sheet)));
        let Some(table) = matching.next() else {
            read_sheets.push(Vec::new());
            places.push(None);
            continue;
        };
        places.push(Some((&table.file, &table.name, table.csv)));
        // Two CSV files for one sheet (`he-thong.csv` and `systems.csv`): which is meant?
        for other in matching {
            issues.push(LoadIssue::at_path(
                other.file.clone(),
                Said::new(
                    format!("trang {} đã được đọc từ {}", sheet.vi, table.file),
                    format!("the sheet {} is already read from {}", sheet.en, table.file),
                ),
            ));
        }
        found_any = true;
        let grid: Vec<&[Data]> = table.rows.iter().map(Vec::as_slice).collect();
        read_sheets.push(read_sheet(table, sheet, &grid, &mut issues));
    }
    if !found_any {
        let expected: Vec<&str> = SHEETS.iter().map(|s| s.vi).collect();
        if let [table] = tables.as_slice()
            && table.csv
        {
            issues.push(super::tables::unknown_name(table));
        } else {
            issues.push(LoadIssue::at_path(
                shown.clone(),
                Said::new(
                    format!(
                        "bảng tính không có trang nào của mô hình; cần các trang: {}",
                        expected.join(", ")
                    ),
                    format!(
                        "the workbook has none of the model's sheets; expected: {}",
                        SHEETS.iter().map(|s| s.en).collect::<Vec<_>>().join(", ")
                    ),
                ),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    check_refs(&places, &read_sheets, national, &mut issues);
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(files(&shown, read_sheets))
}

/// The framework the model sheet names (`Khung kiến trúc` of its first row), to pick the
/// catalogue references are checked against; `None` when it cannot tell.
pub fn peek_framework(path: &Path) -> Option<String> {
    let tables = super::tables::open(path).ok()?;
    let table = tables
        .iter()
        .find(|t| t.sheet().is_some_and(|s| s.section == "model"))?;
    let mut rows = table.rows.iter();
    let head = rows.next()?;
    let column = head.iter().position(|c| {
        let f = fold(&c.to_string());
        ["khung kien truc", "framework"].contains(&f.as_str())
    })?;
    let value = rows.next()?.get(column)?.to_string();
    let value = value.trim().trim_end_matches(".0").to_string();
    (!value.is_empty()).then(|| {
        if value.contains('.') {
            value
        } else {
            format!("{value}.0")
        }
    })
}

fn read_sheet(
    table: &super::tables::Table,
    sheet: &Sheet,
    grid: &[&[Data]],
    issues: &mut Vec<LoadIssue>,
) -> Vec<Row> {
    let at = |row: usize, col: usize| At {
        file: &table.file,
        sheet: &table.name,
        csv: table.csv,
        row: table.origin.0 + row as u32,
        col: table.origin.1 + col as u32,
    };
    let Some(head) = grid.first() else {
        return Vec::new();
    };
    // Column positions by header: Vietnamese or English name, or the YAML field.
    let mut position: Vec<Option<usize>> = vec![None; sheet.columns.len()];
    let keys: Vec<[String; 3]> = sheet
        .columns
        .iter()
        .map(|c| [fold(c.vi), fold(c.en), fold(c.path)])
        .collect();
    for (c, cell) in head.iter().enumerate() {
        let Some(text) = text(cell) else { continue };
        let key = fold(&text);
        match keys.iter().position(|k| k.contains(&key)) {
            Some(k) if position[k].is_none() => position[k] = Some(c),
            Some(_) => issue(
                issues,
                &at(0, c),
                Said::new(
                    format!("cột `{text}` xuất hiện hai lần"),
                    format!("the column `{text}` appears twice"),
                ),
                None,
            ),
            None => {
                let words = sheet.columns.iter().flat_map(|c| [c.vi, c.en]);
                let help = crate::suggest::nearest(&text, words)
                    .map(|w| Said::new(format!("có phải `{w}`?"), format!("did you mean `{w}`?")));
                let all: Vec<&str> = sheet.columns.iter().map(|c| c.vi).collect();
                issue(
                    issues,
                    &at(0, c),
                    Said::new(
                        format!(
                            "cột không có trong trang {}: `{text}`; các cột: {}",
                            sheet.vi,
                            all.join(", ")
                        ),
                        format!(
                            "no such column in the sheet {}: `{text}`; the columns: {}",
                            sheet.en,
                            sheet
                                .columns
                                .iter()
                                .map(|c| c.en)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                    help,
                );
            }
        }
    }
    for (k, column) in sheet.columns.iter().enumerate() {
        if column.required && position[k].is_none() {
            issue(
                issues,
                &at(0, 0),
                Said::new(
                    format!("thiếu cột bắt buộc `{}`", column.vi),
                    format!("the required column `{}` is missing", column.en),
                ),
                None,
            );
        }
    }
    let mut out = Vec::new();
    for (r, cells) in grid.iter().enumerate().skip(1) {
        if cells.iter().all(|c| text(c).is_none()) {
            continue;
        }
        let mut row = Row {
            value: Map::new(),
            refs: Vec::new(),
        };
        for (k, column) in sheet.columns.iter().enumerate() {
            let Some(c) = position[k] else { continue };
            let cell = cells.get(c).unwrap_or(&Data::Empty);
            let here = at(r, c);
            match parse(cell, column, &here, &mut row, issues) {
                Some(value) => put(&mut row.value, column.path, value),
                None if column.required && text(cell).is_none() => issue(
                    issues,
                    &here,
                    Said::new(
                        format!("ô `{}` bắt buộc nhưng để trống", column.vi),
                        format!("`{}` is required but the cell is empty", column.en),
                    ),
                    None,
                ),
                None => {}
            }
        }
        out.push(row);
    }
    out
}

fn issue(issues: &mut Vec<LoadIssue>, at: &At<'_>, message: Said, help: Option<Said>) {
    issues.push(LoadIssue::at_path(at.path(), message).help(help));
}

/// A cell as trimmed NFC text; numbers without a trailing `.0`.
fn text(cell: &Data) -> Option<String> {
    let out = match cell {
        Data::Empty => return None,
        Data::String(s) => nfc(s.trim()),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().to_string())
            .unwrap_or_else(|| d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    };
    (!out.is_empty()).then_some(out)
}

fn put(map: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            map.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = map
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = inner {
                put(inner, rest, value);
            }
        }
    }
}

/// Whether `id` follows the id pattern (ASCII lower case, digits, `-`, dot-separated).
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|segment| {
            let mut chars = segment.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

fn bad_id(id: &str, column: &Column, at: &At<'_>, issues: &mut Vec<LoadIssue>) {
    let proposed = crate::text::id_from_name(id);
    let help = (valid_id(&proposed)).then(|| {
        Said::new(
            format!("có phải `{proposed}`?"),
            format!("did you mean `{proposed}`?"),
        )
    });
    issue(
        issues,
        at,
        Said::new(
            format!(
                "`{}`: `{id}` không phải mã hợp lệ (chữ thường không dấu, chữ số, `-`, phân đoạn bằng `.`)",
                column.vi
            ),
            format!(
                "`{}`: `{id}` is not a valid id (lower-case ASCII letters, digits and `-`, dot-separated)",
                column.en
            ),
        ),
        help,
    );
}

fn parse(
    cell: &Data,
    column: &Column,
    at: &At<'_>,
    row: &mut Row,
    issues: &mut Vec<LoadIssue>,
) -> Option<Value> {
    if let Data::Error(e) = cell {
        issue(
            issues,
            at,
            Said::new(
                format!("`{}`: ô chứa lỗi công thức {e:?}", column.vi),
                format!("`{}`: the cell holds a formula error {e:?}", column.en),
            ),
            None,
        );
        return None;
    }
    let raw = text(cell)?;
    match column.kind {
        Kind::Text => Some(Value::String(raw)),
        Kind::Id => {
            if valid_id(&raw) {
                Some(Value::String(raw))
            } else {
                bad_id(&raw, column, at, issues);
                None
            }
        }
        Kind::Code => Some(Value::String(raw.to_ascii_uppercase())),
        Kind::Ref(target) => {
            if !valid_id(&raw) {
                bad_id(&raw, column, at, issues);
                return None;
            }
            row.refs.push((target, raw.clone(), at.row, at.col));
            Some(Value::String(raw))
        }
        Kind::Refs(target) => {
            let mut list = Vec::new();
            for id in split(&raw) {
                if !valid_id(id) {
                    bad_id(id, column, at, issues);
                    continue;
                }
                row.refs.push((target, id.to_string(), at.row, at.col));
                list.push(Value::String(id.to_string()));
            }
            Some(Value::Array(list))
        }
        Kind::Enum(words) => word(&raw, words, column, at, issues).map(Value::String),
        Kind::Enums(words) => Some(Value::Array(
            split(&raw)
                .filter_map(|w| word(w, words, column, at, issues))
                .map(Value::String)
                .collect(),
        )),
        Kind::Bool => match fold(&raw).as_str() {
            "co" | "x" | "yes" | "true" | "1" | "dung" | "y" => Some(Value::Bool(true)),
            "khong" | "no" | "false" | "0" | "sai" | "n" => Some(Value::Bool(false)),
            _ => {
                issue(
                    issues,
                    at,
                    Said::new(
                        format!("`{}`: cần `có` hoặc `không`, thấy `{raw}`", column.vi),
                        format!("`{}`: expected `yes` or `no`, found `{raw}`", column.en),
                    ),
                    None,
                );
                None
            }
        },
        Kind::Int(min, max) => match number(&raw) {
            Some(n) if (min..=max).contains(&n) => Some(Value::from(n)),
            _ => {
                issue(
                    issues,
                    at,
                    Said::new(
                        format!(
                            "`{}`: cần số nguyên từ {min} đến {max}, thấy `{raw}`",
                            column.vi
                        ),
                        format!(
                            "`{}`: expected a whole number from {min} to {max}, found `{raw}`",
                            column.en
                        ),
                    ),
                    None,
                );
                None
            }
        },
        Kind::Money => match number(&raw) {
            Some(n) => Some(Value::from(n)),
            None => {
                issue(
                    issues,
                    at,
                    Said::new(
                        format!(
                            "`{}`: cần số tiền nguyên (đồng), ví dụ 1.800.000.000; thấy `{raw}`",
                            column.vi
                        ),
                        format!(
                            "`{}`: expected a whole amount of đồng, e.g. 1,800,000,000; found `{raw}`",
                            column.en
                        ),
                    ),
                    None,
                );
                None
            }
        },
        Kind::Date => match date(&raw) {
            Some(d) => Some(Value::String(d.to_string())),
            None => {
                issue(
                    issues,
                    at,
                    Said::new(
                        format!(
                            "`{}`: cần ngày YYYY-MM-DD (hoặc DD/MM/YYYY), thấy `{raw}`",
                            column.vi
                        ),
                        format!(
                            "`{}`: expected a date YYYY-MM-DD (or DD/MM/YYYY), found `{raw}`",
                            column.en
                        ),
                    ),
                    None,
                );
                None
            }
        },
    }
}

fn split(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', ';', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn word(
    raw: &str,
    words: &[&str],
    column: &Column,
    at: &At<'_>,
    issues: &mut Vec<LoadIssue>,
) -> Option<String> {
    let key = fold(raw).replace([' ', '_'], "-");
    if let Some(w) = words.iter().find(|w| **w == key) {
        return Some(w.to_string());
    }
    let help = crate::suggest::nearest(raw, words.iter().copied())
        .map(|w| Said::new(format!("có phải `{w}`?"), format!("did you mean `{w}`?")));
    issue(
        issues,
        at,
        Said::new(
            format!(
                "`{}`: `{raw}` không phải giá trị hợp lệ; cần một trong: {}",
                column.vi,
                words.join(", ")
            ),
            format!(
                "`{}`: `{raw}` is not a valid value; expected one of: {}",
                column.en,
                words.join(", ")
            ),
        ),
        help,
    );
    None
}

/// A whole non-negative number, thousands separated by `.`, `,` or spaces, `đ`/`VND` allowed.
fn number(raw: &str) -> Option<u64> {
    let mut s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    for unit in ["VNĐ", "VND", "vnđ", "vnd", "đồng", "đ", "₫"] {
        if let Some(stripped) = s.strip_suffix(unit) {
            s = stripped.to_string();
        }
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    // `1.800.000.000` or `1,800,000,000`: groups of three after the first.
    for sep in ['.', ','] {
        let groups: Vec<&str> = s.split(sep).collect();
        if groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        {
            return groups.concat().parse().ok();
        }
    }
    // A number stored as a decimal with no fraction (`1800000000.0`).
    s.strip_suffix(".0").and_then(|t| t.parse().ok())
}

fn date(raw: &str) -> Option<chrono::NaiveDate> {
    let day = raw.split(['T', ' ']).next().unwrap_or(raw);
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(day, f).ok())
}

/// Every reference must name an element of the workbook or of the national catalogue.
/// Where each sheet of [`SHEETS`] was read from: (file, sheet name, CSV).
type Places<'a> = Vec<Option<(&'a str, &'a str, bool)>>;

fn check_refs(
    places: &Places<'_>,
    sheets: &[Vec<Row>],
    national: &Model,
    issues: &mut Vec<LoadIssue>,
) {
    let mut known: HashMap<Target, Vec<String>> = HashMap::new();
    let targets = [
        ("agencies", Target::Agency),
        ("capabilities", Target::Capability),
        ("data", Target::Data),
        ("systems", Target::System),
        ("projects", Target::Project),
    ];
    for (k, sheet) in SHEETS.iter().enumerate() {
        if let Some((_, target)) = targets.iter().find(|(s, _)| *s == sheet.section) {
            let list = known.entry(*target).or_default();
            list.extend(
                sheets[k]
                    .iter()
                    .filter_map(|r| r.value.get("id")?.as_str().map(String::from)),
            );
        }
    }
    let entry = |t: Target, ids: Vec<String>, known: &mut HashMap<Target, Vec<String>>| {
        known.entry(t).or_default().extend(ids)
    };
    entry(
        Target::Agency,
        national.agencies.iter().map(|e| e.id.to_string()).collect(),
        &mut known,
    );
    entry(
        Target::Capability,
        national
            .capabilities
            .iter()
            .map(|e| e.id.to_string())
            .collect(),
        &mut known,
    );
    entry(
        Target::Data,
        national.data.iter().map(|e| e.id.to_string()).collect(),
        &mut known,
    );
    entry(
        Target::System,
        national.systems.iter().map(|e| e.id.to_string()).collect(),
        &mut known,
    );
    let sets: HashMap<Target, HashSet<&str>> = known
        .iter()
        .map(|(t, ids)| (*t, ids.iter().map(String::as_str).collect()))
        .collect();
    let any: HashSet<&str> = sets.values().flatten().copied().collect();
    for (k, sheet) in SHEETS.iter().enumerate() {
        for row in &sheets[k] {
            for (target, id, r, c) in &row.refs {
                let (set, words): (&HashSet<&str>, Vec<&str>) = match target {
                    Target::Any => (&any, any.iter().copied().collect()),
                    t => match sets.get(t) {
                        Some(set) => (set, known[t].iter().map(String::as_str).collect()),
                        None => continue,
                    },
                };
                if set.contains(id.as_str()) {
                    continue;
                }
                let mut words = words;
                words.sort_unstable();
                let help = crate::suggest::nearest(id, words.into_iter())
                    .map(|w| Said::new(format!("có phải `{w}`?"), format!("did you mean `{w}`?")));
                let (vi, en) = match target {
                    Target::Agency => ("cơ quan", "agency"),
                    Target::Capability => ("năng lực", "capability"),
                    Target::Data => ("dữ liệu", "data set"),
                    Target::System => ("hệ thống", "system"),
                    Target::Project => ("dự án", "project"),
                    Target::Any => ("phần tử", "element"),
                };
                let (file, name, csv) = places[k].unwrap_or(("", sheet.vi, false));
                let at = At {
                    file,
                    sheet: name,
                    csv,
                    row: *r,
                    col: *c,
                };
                issue(
                    issues,
                    &at,
                    Said::new(
                        format!("không có {vi} `{id}` trong bảng tính hay danh mục quốc gia"),
                        format!("no {en} `{id}` in the workbook or the national catalogue"),
                    ),
                    help,
                );
            }
        }
    }
}

/// The model files: one per section, data sets and systems one file per owner.
fn files(source: &str, sheets: Vec<Vec<Row>>) -> Files {
    let mut by_section: HashMap<&str, Vec<Row>> = HashMap::new();
    for (sheet, rows) in SHEETS.iter().zip(sheets) {
        by_section.insert(sheet.section, rows);
    }
    let mut take = |s: &str| by_section.remove(s).unwrap_or_default();
    let mut out: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let list = |rows: Vec<Row>| -> Vec<Value> {
        rows.into_iter().map(|r| Value::Object(r.value)).collect()
    };

    let mut model = Map::new();
    if let Some(info) = take("model").into_iter().next() {
        model.insert("model".into(), Value::Object(info.value));
    }
    let rules: Map<String, Value> = take("rules")
        .into_iter()
        .filter_map(|r| {
            Some((
                r.value.get("code")?.as_str()?.to_string(),
                r.value.get("level")?.clone(),
            ))
        })
        .collect();
    if !rules.is_empty() {
        model.insert("rules".into(), Value::Object(rules));
    }
    let waivers = list(take("waivers"));
    if !waivers.is_empty() {
        model.insert("waivers".into(), Value::Array(waivers));
    }
    out.insert("model.yaml".into(), model);
    for section in ["agencies", "capabilities", "projects"] {
        let rows = list(take(section));
        if !rows.is_empty() {
            out.entry(format!("{section}.yaml"))
                .or_default()
                .insert(section.into(), Value::Array(rows));
        }
    }
    let mut integrations: HashMap<String, Vec<Value>> = HashMap::new();
    for row in take("integrations") {
        let mut value = row.value;
        if let Some(Value::String(system)) = value.remove("system") {
            integrations
                .entry(system)
                .or_default()
                .push(Value::Object(value));
        }
    }
    for section in ["data", "systems"] {
        for row in take(section) {
            let mut value = row.value;
            let owner = value
                .get("owner")
                .and_then(Value::as_str)
                .unwrap_or("chung")
                .to_string();
            if section == "systems"
                && let Some(id) = value.get("id").and_then(Value::as_str)
                && let Some(links) = integrations.remove(id)
            {
                value.insert("integrations".into(), Value::Array(links));
            }
            let file = out.entry(format!("{section}/{owner}.yaml")).or_default();
            if let Value::Array(items) = file
                .entry(section)
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                items.push(Value::Object(value));
            }
        }
    }
    let header = vec![
        format!("Nhập từ {source} bằng kientruc import."),
        format!("Imported from {source} by kientruc import."),
    ];
    out.into_iter()
        .filter(|(_, map)| !map.is_empty())
        .map(|(path, map)| {
            (
                path,
                crate::merge::emit::document(&header, &Value::Object(map)),
            )
        })
        .collect()
}
