//! Writing the inventory workbook (rust_xlsxwriter): one sheet per section with Vietnamese (or
//! English) headers, one row per element, drop-down validation for every enum and for the ids
//! of the model and of the national catalogue, a guide sheet, and the national catalogue as a
//! protected sheet. `template` writes it empty; `export` fills it from a model.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Formula,
    Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

use super::columns::{Kind, SHEETS, Sheet, Target, letter};
use crate::i18n::Lang;
use crate::model::Model;

/// Rows with validation below the last element, for the planner to add elements.
const SPARE_ROWS: u32 = 500;

/// The rows of each sheet (in [`SHEETS`] order): each element as the model format serializes it.
#[derive(Debug, Default)]
pub struct Rows {
    pub sheets: Vec<Vec<Value>>,
}

/// The elements of `own` as rows; `owner` keeps only that agency's systems, data sets and
/// projects (and the integrations its systems declare).
pub fn rows(own: &Model, owner: Option<&str>) -> Rows {
    let keep = |id: &str| owner.is_none_or(|o| o == id);
    let mut sheets: Vec<Vec<Value>> = vec![Vec::new(); SHEETS.len()];
    for (k, sheet) in SHEETS.iter().enumerate() {
        let list = &mut sheets[k];
        match sheet.section {
            "model" => list.extend(own.info.iter().map(to)),
            "agencies" => list.extend(own.agencies.iter().map(to)),
            "capabilities" => list.extend(own.capabilities.iter().map(to)),
            "data" => list.extend(own.data.iter().filter(|e| keep(e.owner.as_str())).map(to)),
            "systems" => list.extend(
                own.systems
                    .iter()
                    .filter(|e| keep(e.owner.as_str()))
                    .map(to),
            ),
            "integrations" => {
                for system in own.systems.iter().filter(|e| keep(e.owner.as_str())) {
                    for integration in &system.integrations {
                        let mut value = to(integration);
                        if let Value::Object(map) = &mut value {
                            map.insert("system".into(), Value::String(system.id.to_string()));
                        }
                        list.push(value);
                    }
                }
            }
            "projects" => list.extend(
                own.projects
                    .iter()
                    .filter(|e| e.owner.as_ref().is_none_or(|o| keep(o.as_str())))
                    .map(to),
            ),
            "waivers" => list.extend(own.waivers.iter().map(to)),
            "rules" => list.extend(
                own.rules
                    .iter()
                    .map(|r| serde_json::json!({ "code": r.code.value, "level": r.level.value })),
            ),
            _ => {}
        }
    }
    Rows { sheets }
}

/// An element as the model format serializes it.
fn to<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The value at a dotted path of an element.
pub fn at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// The ids offered in drop-downs: the model's own and the national catalogue's.
fn ids(own: &Model, national: &Model, target: Target) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for model in [own, national] {
        match target {
            Target::Agency => out.extend(model.agencies.iter().map(|e| e.id.to_string())),
            Target::Capability => out.extend(model.capabilities.iter().map(|e| e.id.to_string())),
            Target::Data => out.extend(model.data.iter().map(|e| e.id.to_string())),
            Target::System => out.extend(model.systems.iter().map(|e| e.id.to_string())),
            Target::Project => out.extend(model.projects.iter().map(|e| e.id.to_string())),
            Target::Any => {}
        }
    }
    out
}

const ID_TARGETS: [(Target, &str, &str); 5] = [
    (Target::Agency, "Cơ quan", "Agencies"),
    (Target::Capability, "Năng lực", "Capabilities"),
    (Target::Data, "Dữ liệu", "Data"),
    (Target::System, "Hệ thống", "Systems"),
    (Target::Project, "Dự án", "Projects"),
];

fn ids_sheet(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Mã",
        Lang::En => "Ids",
    }
}

pub fn guide_sheet(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Hướng dẫn",
        Lang::En => "Guide",
    }
}

pub fn catalogue_sheet(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Danh mục quốc gia",
        Lang::En => "National catalogue",
    }
}

fn yes_no(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Vi => ["có", "không"],
        Lang::En => ["yes", "no"],
    }
}

/// The workbook's bytes: the sheets filled with `rows`, drop-downs offering the ids of `own`
/// and `national`, the guide and the catalogue sheet. Same input, same bytes (the creation
/// date is fixed).
pub fn write(rows: &Rows, own: &Model, national: &Model, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&fixed)
            .set_title("Danh mục hệ thống thông tin — kientruc"),
    );
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    let money = Format::new().set_num_format("#,##0");
    let wrap = Format::new().set_text_wrap();

    // The id lists first computed, so that validations can point at the hidden sheet.
    let lists: Vec<(Target, Vec<String>)> = ID_TARGETS
        .iter()
        .map(|(t, _, _)| (*t, ids(own, national, *t)))
        .collect();

    for (k, sheet) in SHEETS.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name(lang))?;
        let data = rows.sheets.get(k).map(Vec::as_slice).unwrap_or_default();
        header(ws, sheet, lang, &bold)?;
        for (r, value) in data.iter().enumerate() {
            let row = r as u32 + 1;
            for (c, column) in sheet.columns.iter().enumerate() {
                let c = c as u16;
                match at(value, column.path) {
                    None | Some(Value::Null) => {}
                    Some(Value::Bool(b)) => {
                        ws.write_string(row, c, yes_no(lang)[usize::from(!*b)])?;
                    }
                    Some(Value::Number(n)) => {
                        let number = n.as_f64().unwrap_or_default();
                        if matches!(column.kind, Kind::Money) {
                            ws.write_number_with_format(row, c, number, &money)?;
                        } else {
                            ws.write_number(row, c, number)?;
                        }
                    }
                    Some(Value::String(s)) => {
                        if s.contains('\n') {
                            ws.write_string_with_format(row, c, s, &wrap)?;
                        } else {
                            ws.write_string(row, c, s)?;
                        }
                    }
                    Some(Value::Array(items)) => {
                        let words: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                        ws.write_string(row, c, words.join(", "))?;
                    }
                    Some(other) => {
                        ws.write_string(row, c, other.to_string())?;
                    }
                }
            }
        }
        let last = data.len() as u32 + SPARE_ROWS;
        validations(ws, sheet, lang, last, &lists)?;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, data.len() as u32, sheet.columns.len() as u16 - 1)?;
    }

    guide(book.add_worksheet(), lang, &bold)?;
    catalogue(book.add_worksheet(), national, lang, &bold)?;
    let ws = book.add_worksheet();
    ws.set_name(ids_sheet(lang))?;
    for (c, ((_, vi, en), (_, list))) in ID_TARGETS.iter().zip(&lists).enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, if lang == Lang::Vi { *vi } else { *en }, &bold)?;
        for (r, id) in list.iter().enumerate() {
            ws.write_string(r as u32 + 1, c, id)?;
        }
    }
    ws.set_hidden(true);
    ws.protect();
    book.save_to_buffer()
}

fn header(ws: &mut Worksheet, sheet: &Sheet, lang: Lang, bold: &Format) -> Result<(), XlsxError> {
    for (c, column) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, column.header(lang), bold)?;
        let width = match column.kind {
            Kind::Text if column.path == "name" || column.path == "description" => 40,
            Kind::Text => 24,
            Kind::Refs(_) => 30,
            _ => 18,
        };
        ws.set_column_width(c, width)?;
    }
    Ok(())
}

fn validations(
    ws: &mut Worksheet,
    sheet: &Sheet,
    lang: Lang,
    last: u32,
    lists: &[(Target, Vec<String>)],
) -> Result<(), XlsxError> {
    for (c, column) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        let validation = match column.kind {
            Kind::Enum(words) => Some(DataValidation::new().allow_list_strings(words)?),
            Kind::Bool => Some(DataValidation::new().allow_list_strings(&yes_no(lang))?),
            Kind::Ref(target) => lists.iter().position(|(t, _)| *t == target).map(|k| {
                let n = lists[k].1.len().max(1) as u32 + 1;
                let range = format!("='{}'!${}$2:${}${n}", ids_sheet(lang), letter(k), letter(k));
                // A new id typed by hand is allowed after a warning: the import checks it.
                DataValidation::new()
                    .allow_list_formula(Formula::new(range))
                    .set_error_style(DataValidationErrorStyle::Warning)
            }),
            _ => None,
        };
        if let Some(validation) = validation {
            ws.add_data_validation(1, c, last, c, &validation)?;
        }
    }
    Ok(())
}

fn guide(ws: &mut Worksheet, lang: Lang, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name(guide_sheet(lang))?;
    let heads = match lang {
        Lang::Vi => [
            "Trang",
            "Cột",
            "Trường YAML",
            "Bắt buộc",
            "Ý nghĩa",
            "Giá trị",
        ],
        Lang::En => [
            "Sheet",
            "Column",
            "YAML field",
            "Required",
            "Meaning",
            "Values",
        ],
    };
    for (c, head) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *head, bold)?;
    }
    let mut row = 1;
    for sheet in SHEETS {
        for column in sheet.columns {
            ws.write_string(row, 0, sheet.name(lang))?;
            ws.write_string(row, 1, column.header(lang))?;
            ws.write_string(row, 2, column.path)?;
            if column.required {
                ws.write_string(row, 3, yes_no(lang)[0])?;
            }
            let help = match lang {
                Lang::Vi => column.help_vi,
                Lang::En => column.help_en,
            };
            ws.write_string(row, 4, help)?;
            let values = match column.kind {
                Kind::Enum(words) | Kind::Enums(words) => words.join(", "),
                Kind::Bool => yes_no(lang).join(", "),
                Kind::Date => "YYYY-MM-DD".to_string(),
                Kind::Money => "1.800.000.000".to_string(),
                Kind::Int(min, max) => format!("{min}..{max}"),
                _ => String::new(),
            };
            ws.write_string(row, 5, values)?;
            row += 1;
        }
    }
    let note = match lang {
        Lang::Vi => {
            "Ô danh sách: các mã cách nhau bởi dấu phẩy, chấm phẩy hoặc xuống dòng. Mã quốc gia (vn.*) lấy ở trang Danh mục quốc gia."
        }
        Lang::En => {
            "List cells: ids separated by commas, semicolons or new lines. National ids (vn.*) are on the National catalogue sheet."
        }
    };
    ws.write_string(row + 1, 0, note)?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 24)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(4, 60)?;
    ws.set_column_width(5, 40)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn catalogue(
    ws: &mut Worksheet,
    national: &Model,
    lang: Lang,
    bold: &Format,
) -> Result<(), XlsxError> {
    ws.set_name(catalogue_sheet(lang))?;
    let heads = match lang {
        Lang::Vi => ["Loại", "Mã", "Tên"],
        Lang::En => ["Kind", "Id", "Name"],
    };
    for (c, head) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *head, bold)?;
    }
    let mut entries: Vec<(&str, &str, &str)> = Vec::new();
    let kind = |vi: &'static str, en: &'static str| if lang == Lang::Vi { vi } else { en };
    entries.extend(
        national
            .agencies
            .iter()
            .map(|e| (kind("Cơ quan", "Agency"), e.id.as_str(), e.name.as_str())),
    );
    entries.extend(national.capabilities.iter().map(|e| {
        (
            kind("Năng lực", "Capability"),
            e.id.as_str(),
            e.name.as_str(),
        )
    }));
    entries.extend(
        national
            .data
            .iter()
            .map(|e| (kind("Dữ liệu", "Data"), e.id.as_str(), e.name.as_str())),
    );
    entries.extend(
        national
            .systems
            .iter()
            .map(|e| (kind("Hệ thống", "System"), e.id.as_str(), e.name.as_str())),
    );
    for (r, (k, id, name)) in entries.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *k)?;
        ws.write_string(r, 1, *id)?;
        ws.write_string(r, 2, *name)?;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 70)?;
    ws.protect();
    Ok(())
}
