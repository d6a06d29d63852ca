//! The tables an import reads: the sheets of a workbook (calamine: XLSX, XLSM, ODS, XLS), or
//! CSV files, one per section — a single `.csv` file or a directory of them, each named after
//! its sheet (`he-thong.csv`, `Hệ thống.csv`, `systems.csv`). CSV files are read as spreadsheet
//! programs write them: UTF-8 with or without a byte-order mark, else Windows-1258 (the
//! Vietnamese ANSI code page of Excel's plain "CSV"); `,`, `;` (Excel in a locale whose decimal
//! separator is a comma) or tab between cells, guessed from the header line; quoted cells
//! may hold separators and new lines (crate `csv`).

use std::path::Path;

use calamine::{Data, Reader};

use super::columns::{SHEETS, Sheet};
use crate::i18n::Said;
use crate::load::LoadIssue;
use crate::text::fold;

/// Largest workbook or CSV file read (bytes): far above any province's inventory.
pub const MAX_BYTES: u64 = 64 << 20;

/// At most this many CSV files in a directory.
const MAX_FILES: usize = 64;

/// One sheet: a workbook's, or a whole CSV file.
pub struct Table {
    /// The file, as shown in messages.
    pub file: String,
    /// The sheet's name; for a CSV file, its name without `.csv`.
    pub name: String,
    /// A CSV file: a place is `file!F12` (the file is the sheet).
    pub csv: bool,
    /// Row and column of the first cell of `rows`.
    pub origin: (u32, u32),
    pub rows: Vec<Vec<Data>>,
}

impl Table {
    /// The section sheet this table is, by name: Vietnamese or English, with or without
    /// diacritics, `-` and `_` read as spaces, or the model format's section.
    pub fn sheet(&self) -> Option<&'static Sheet> {
        let key = fold(&self.name.replace(['-', '_'], " "));
        SHEETS.iter().copied().find(|s| {
            key == fold(s.vi) || key == fold(s.en) || key == fold(&s.section.replace('-', " "))
        })
    }
}

fn fail(shown: &str, vi: String, en: String) -> Vec<LoadIssue> {
    vec![LoadIssue::at_path(shown.to_string(), Said::new(vi, en))]
}

/// The bytes of a file, refused over [`MAX_BYTES`].
fn bytes(path: &Path, shown: &str) -> Result<Vec<u8>, Vec<LoadIssue>> {
    let unreadable = |e: std::io::Error| {
        fail(
            shown,
            format!("không đọc được tệp: {}", crate::i18n::io_vi(&e)),
            format!("cannot read the file: {e}"),
        )
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_BYTES {
        return Err(fail(
            shown,
            format!("tệp quá lớn ({size} byte, tối đa {MAX_BYTES})"),
            format!("the file is too large ({size} bytes, at most {MAX_BYTES})"),
        ));
    }
    std::fs::read(path).map_err(unreadable)
}

fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// The tables of `path`: a workbook, a CSV file, or a directory of CSV files.
pub fn open(path: &Path) -> Result<Vec<Table>, Vec<LoadIssue>> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return csv_dir(path, &shown);
    }
    if is_csv(path) {
        return Ok(vec![csv_file(path, &shown)?]);
    }
    let data = bytes(path, &shown)?;
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(data)).map_err(|e| {
            fail(
                &shown,
                format!("không phải bảng tính XLSX/ODS đọc được: {e}"),
                format!("not a readable XLSX/ODS workbook: {e}"),
            )
        })?;
    let mut tables = Vec::new();
    let mut issues = Vec::new();
    for name in book.sheet_names().to_vec() {
        match book.worksheet_range(&name) {
            Ok(range) => tables.push(Table {
                file: shown.clone(),
                origin: range.start().unwrap_or((0, 0)),
                rows: range.rows().map(<[Data]>::to_vec).collect(),
                name,
                csv: false,
            }),
            // Only a section's sheet that cannot be read is a problem.
            Err(e) => {
                let table = Table {
                    file: shown.clone(),
                    name: name.clone(),
                    csv: false,
                    origin: (0, 0),
                    rows: Vec::new(),
                };
                if table.sheet().is_some() {
                    issues.extend(fail(
                        &shown,
                        format!("không đọc được trang {name}: {e}"),
                        format!("cannot read the sheet {name}: {e}"),
                    ));
                }
            }
        }
    }
    if issues.is_empty() {
        Ok(tables)
    } else {
        Err(issues)
    }
}

/// The CSV files of a directory, in name order; a `.csv` file that names no section is an
/// error (with the names expected and a "did you mean"), other files are ignored.
fn csv_dir(dir: &Path, shown: &str) -> Result<Vec<Table>, Vec<LoadIssue>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        fail(
            shown,
            format!("không đọc được thư mục: {}", crate::i18n::io_vi(&e)),
            format!("cannot read the directory: {e}"),
        )
    })?;
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_csv(p))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(fail(
            shown,
            "thư mục không có tệp .csv nào; cần một tệp cho mỗi trang (co-quan.csv, he-thong.csv, …)".into(),
            "the directory holds no .csv file; expected one per sheet (co-quan.csv, he-thong.csv, …)".into(),
        ));
    }
    if paths.len() > MAX_FILES {
        return Err(fail(
            shown,
            format!("quá nhiều tệp .csv ({}, tối đa {MAX_FILES})", paths.len()),
            format!("too many .csv files ({}, at most {MAX_FILES})", paths.len()),
        ));
    }
    let mut tables = Vec::new();
    let mut issues = Vec::new();
    for path in paths {
        let file = path.display().to_string();
        match csv_file(&path, &file) {
            Ok(table) if table.sheet().is_some() => tables.push(table),
            Ok(table) => issues.push(unknown_name(&table)),
            Err(more) => issues.extend(more),
        }
    }
    if issues.is_empty() {
        Ok(tables)
    } else {
        Err(issues)
    }
}

/// A CSV file whose name is no section's.
pub fn unknown_name(table: &Table) -> LoadIssue {
    let names: Vec<String> = SHEETS
        .iter()
        .map(|s| format!("{}.csv", crate::text::id_from_name(s.vi)))
        .collect();
    // Compared folded, so that `he-thongg` finds `Hệ thống`.
    let words: Vec<(String, &Sheet)> = SHEETS
        .iter()
        .flat_map(|s| [(fold(s.vi), *s), (fold(s.en), *s)])
        .collect();
    let found = fold(&table.name.replace(['-', '_'], " "));
    let help = crate::suggest::nearest(&found, words.iter().map(|(w, _)| w.as_str()))
        .and_then(|w| words.iter().find(|(x, _)| x == w))
        .map(|(_, s)| {
            let name = crate::text::id_from_name(s.vi);
            Said::new(
                format!("có phải `{name}.csv` (trang {})?", s.vi),
                format!("did you mean `{name}.csv` (the sheet {})?", s.en),
            )
        });
    LoadIssue::at_path(
        table.file.clone(),
        Said::new(
            format!(
                "tên tệp `{}` không ứng với trang nào của danh mục; tên tệp cần là: {}",
                crate::text::clip(&table.name),
                names.join(", ")
            ),
            format!(
                "the file name `{}` is no sheet of the inventory; expected: {}",
                crate::text::clip(&table.name),
                names.join(", ")
            ),
        ),
    )
    .help(help)
}

/// Text of a CSV file: UTF-8 (a byte-order mark dropped), else Windows-1258.
fn decode(data: &[u8]) -> String {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    match std::str::from_utf8(data) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1258.decode(data).0.into_owned(),
    }
}

/// The separator of the header line: the most frequent of `,` `;` tab outside quotes
/// (`,` when none is there).
fn separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

fn csv_file(path: &Path, shown: &str) -> Result<Table, Vec<LoadIssue>> {
    let text = decode(&bytes(path, shown)?);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => rows.push(record.iter().map(|c| Data::String(c.to_string())).collect()),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(fail(
                    &format!("{shown}:{line}"),
                    format!("tệp CSV không đọc được: {e}"),
                    format!("the CSV file cannot be read: {e}"),
                ));
            }
        }
    }
    let name = path
        .file_stem()
        .map(|s| crate::text::nfc(&s.to_string_lossy()))
        .unwrap_or_default();
    Ok(Table {
        file: shown.to_string(),
        name,
        csv: true,
        origin: (0, 0),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_guessed_outside_quotes() {
        assert_eq!(separator("Mã,Tên,Tầng\n"), b',');
        assert_eq!(separator("Mã;\"Tên, đầy đủ\";Tầng\n"), b';');
        assert_eq!(separator("Mã\tTên\n"), b'\t');
        assert_eq!(separator("Mã\n"), b',');
    }

    #[test]
    fn excel_csv_encodings_are_read() {
        assert_eq!(decode("\u{feff}Hệ thống".as_bytes()), "Hệ thống");
        // "Hệ" in Windows-1258: H, e, combining dot below (0xF2), ê's base (0xEA) is not
        // used here: `e` + 0xF2 is "ẹ" decomposed.
        let bytes = [b'H', 0xEA, 0xF2];
        assert_eq!(crate::text::nfc(&decode(&bytes)), "Hệ");
    }

    #[test]
    fn file_names_name_sheets() {
        let table = |name: &str| Table {
            file: String::new(),
            name: name.into(),
            csv: true,
            origin: (0, 0),
            rows: Vec::new(),
        };
        for name in ["he-thong", "Hệ thống", "HE_THONG", "systems", "Systems"] {
            assert_eq!(
                table(name).sheet().map(|s| s.section),
                Some("systems"),
                "{name}"
            );
        }
        assert_eq!(
            table("tich-hop").sheet().map(|s| s.section),
            Some("integrations")
        );
        assert!(table("he-thongg").sheet().is_none());
        let issue = unknown_name(&table("he-thongg"));
        assert!(
            issue.help.as_ref().unwrap().en.contains("he-thong.csv"),
            "{:?}",
            issue.help
        );
    }
}
