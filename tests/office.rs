//! The inventory workbook: export → import gives the same model and the same findings; import
//! errors are located at `Sheet!Cell` on fixture workbooks built here; the written workbooks
//! are opened by openpyxl and converted by LibreOffice.

#[path = "support/tools.rs"]
mod tools;

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use kientruc::Options;

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("KIENTRUC_LANG").env("LANG", "C");
    cmd
}

fn export(model: &str, out: &Path, extra: &[&str]) {
    kientruc()
        .args(["export", model, "--format", "xlsx", "-o"])
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

/// The model's own elements, as JSON per section, sorted by id.
fn elements(path: &Path) -> Vec<String> {
    let loaded = kientruc::load(path).unwrap();
    let (own, _) = kientruc::office::split(&loaded);
    let mut out = Vec::new();
    let push = |out: &mut Vec<String>, v: serde_json::Value| out.push(v.to_string());
    for e in &own.agencies {
        push(&mut out, serde_json::to_value(e).unwrap());
    }
    for e in &own.capabilities {
        push(&mut out, serde_json::to_value(e).unwrap());
    }
    for e in &own.data {
        push(&mut out, serde_json::to_value(e).unwrap());
    }
    for e in &own.systems {
        push(&mut out, serde_json::to_value(e).unwrap());
    }
    for e in &own.projects {
        push(&mut out, serde_json::to_value(e).unwrap());
    }
    for e in &own.waivers {
        push(&mut out, serde_json::to_value(e).unwrap());
    }
    push(&mut out, serde_json::to_value(&own.info).unwrap());
    out.sort();
    out
}

/// Findings without positions: code, element, severity, message.
fn findings(path: &Path) -> Vec<(String, String, String, String)> {
    let options = Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        framework: None,
    };
    let checked = kientruc::check(path, &options).unwrap();
    let mut out: Vec<_> = checked
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.code.to_string(),
                f.element.to_string(),
                format!("{:?}", f.severity),
                f.text(kientruc::i18n::Lang::En),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn bac_lieu_round_trips_through_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("bac-lieu.xlsx");
    export("models/bac-lieu", &book, &[]);
    let model = dir.path().join("model");
    kientruc()
        .args(["import"])
        .arg(&book)
        .arg("-o")
        .arg(&model)
        .assert()
        .success();
    let original = Path::new("models/bac-lieu");
    let before = elements(original);
    assert!(before.len() > 56, "{} elements", before.len());
    assert_eq!(before, elements(&model));
    let found = findings(original);
    assert!(!found.is_empty());
    assert_eq!(found, findings(&model));
    // The same bytes twice.
    let again = dir.path().join("again.xlsx");
    export("models/bac-lieu", &again, &[]);
    assert_eq!(
        std::fs::read(&book).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // The YAML carries the schema comment.
    let text = std::fs::read_to_string(model.join("systems/so-y-te.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema="),
        "{text}"
    );
}

/// A workbook with a model sheet, one agency and the given systems rows (header first).
fn fixture(path: &Path, systems: &[&[&str]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Mô hình").unwrap();
    for (c, (h, v)) in [
        ("Mã", "thu"),
        ("Tên", "Tỉnh Thử"),
        ("Khung kiến trúc", "3.0"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let ws = book.add_worksheet();
    // Headers without diacritics, in NFD, with spaces around values.
    ws.set_name("Co quan").unwrap();
    for (c, h) in ["ma", "Te\u{302}n", "CẤP"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [" so-tttt ", "Sở Thông tin", "department"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let ws = book.add_worksheet();
    ws.set_name("Hệ thống").unwrap();
    for (r, row) in systems.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(path).unwrap();
}

const HEAD: &[&str] = &[
    "Mã",
    "Tên",
    "Tầng",
    "Cơ quan chủ quản",
    "Trạng thái",
    "Phụ thuộc",
    "Đầu tư (đồng)",
];

#[test]
fn import_reports_each_bad_cell_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("loi.xlsx");
    fixture(
        &book,
        &[
            HEAD,
            &[
                "ht-a",
                "Hệ thống A",
                "aplication",
                "so-ttt",
                "operational",
                "",
                "1.800.000.000",
            ],
            &[
                "HT B",
                "Hệ thống B",
                "application",
                "so-tttt",
                "operational",
                "ht-a; ht-c",
                "12,5 tỷ",
            ],
        ],
    );
    let out = dir.path().join("model");
    let assert = kientruc()
        .args(["import", "--lang", "en"])
        .arg(&book)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    for (cell, words) in [
        ("Hệ thống!C2", "did you mean `application`?"),
        ("Hệ thống!A3", "did you mean `ht-b`?"),
        ("Hệ thống!G3", "expected a whole amount"),
    ] {
        let line = stderr
            .lines()
            .position(|l| l.contains(cell))
            .unwrap_or_else(|| panic!("no error at {cell}:\n{stderr}"));
        let rest: String = stderr
            .lines()
            .skip(line)
            .take(4)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(rest.contains(words), "{cell}: {rest}");
    }
    assert!(!out.exists(), "nothing may be written");

    // References are checked once the cells are well-formed.
    fixture(
        &book,
        &[
            HEAD,
            &[
                "ht-a",
                "Hệ thống A",
                "application",
                "so-ttt",
                "operational",
                "",
                "1.800.000.000",
            ],
            &[
                "ht-b",
                "Hệ thống B",
                "application",
                "so-tttt",
                "operational",
                "ht-a\nht-c",
                "",
            ],
        ],
    );
    let assert = kientruc()
        .args(["import", "--lang", "vi"])
        .arg(&book)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("Hệ thống!D2"), "{stderr}");
    assert!(stderr.contains("có phải `so-tttt`?"), "{stderr}");
    assert!(stderr.contains("Hệ thống!F3"), "{stderr}");
    assert!(stderr.contains("`ht-c`"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn import_accepts_spreadsheet_input_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("ok.xlsx");
    fixture(
        &book,
        &[
            HEAD,
            &[
                "ht-a",
                "Hệ thống A",
                "Application",
                "so-tttt",
                "operational",
                "",
                "1.800.000.000",
            ],
        ],
    );
    let out = dir.path().join("model");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.yaml"), "agencies: []\n").unwrap();
    kientruc()
        .args(["import", "--lang", "en"])
        .arg(&book)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert!(out.join("keep.yaml").exists());
    kientruc()
        .args(["import", "--force"])
        .arg(&book)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(!out.join("keep.yaml").exists());
    let text = std::fs::read_to_string(out.join("systems/so-tttt.yaml")).unwrap();
    assert!(text.contains("capex: 1800000000"), "{text}");
    assert!(text.contains("layer: application"), "{text}");
    let loaded = kientruc::load(&out).unwrap();
    assert_eq!(
        loaded
            .model
            .agencies
            .iter()
            .filter(|a| a.id.as_str() == "so-tttt")
            .count(),
        1
    );
}

fn python_has(module: &str) -> bool {
    Process::new("python3")
        .args(["-c", &format!("import {module}")])
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn openpyxl_and_libreoffice_read_the_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("danh-muc.xlsx");
    kientruc()
        .args(["template", "-o"])
        .arg(&template)
        .assert()
        .success();
    let book = dir.path().join("so-y-te.xlsx");
    export("models/bac-lieu", &book, &["--owner", "so-y-te"]);
    if python_has("openpyxl") {
        let script = r#"
import sys, openpyxl
t = openpyxl.load_workbook(sys.argv[1])
print("SHEETS", "|".join(t.sheetnames))
ws = t["Hệ thống"]
print("HEAD", "|".join(str(c.value) for c in ws[1]))
print("VALIDATIONS", len(ws.data_validations.dataValidation))
print("PROTECTED", t["Danh mục quốc gia"].protection.sheet)
b = openpyxl.load_workbook(sys.argv[2])
ws = b["Hệ thống"]
owners = {r[3] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
print("OWNERS", "|".join(sorted(owners)))
print("NAMES", "|".join(str(r[1]) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]))
"#;
        let out = Process::new("python3")
            .args(["-c", script])
            .arg(&template)
            .arg(&book)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("SHEETS Mô hình|Cơ quan|Năng lực|Dữ liệu|Hệ thống|Tích hợp|Dự án|Miễn trừ|Quy tắc|Hướng dẫn|Danh mục quốc gia|Mã"),
            "{text}"
        );
        assert!(
            text.contains("HEAD Mã|Tên|Tầng|Cơ quan chủ quản|Trạng thái"),
            "{text}"
        );
        assert!(text.contains("PROTECTED True"), "{text}");
        let validations: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("VALIDATIONS "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        // Tầng, Cơ quan chủ quản, Trạng thái, Đặt tại, Dự án.
        assert_eq!(validations, 5, "{text}");
        assert!(text.contains("OWNERS so-y-te\n"), "{text}");
        assert!(
            text.contains("Bệnh viện") || text.contains("y tế"),
            "{text}"
        );
    } else {
        tools::missing("openpyxl", "the workbooks were not opened by openpyxl");
    }
    let soffice = Process::new("soffice").arg("--version").output();
    if soffice.is_err() || Process::new("pdftotext").arg("-v").output().is_err() {
        tools::missing("soffice/pdftotext", "the workbook was not converted to PDF");
        return;
    }
    let status = Process::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&book)
        .env("HOME", dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = dir.path().join("so-y-te.pdf");
    let out = Process::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Sở Y tế"), "{text}");
}

/// Writes each section sheet of `book` as a CSV file in `dir`, named as a planner would
/// (`he-thong.csv`); `semicolon` lists the sheets written with `;` and a byte-order mark, as
/// Excel does in a Vietnamese locale.
fn sheets_as_csv(book: &Path, dir: &Path, semicolon: &[&str]) -> Vec<String> {
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto(book).unwrap();
    let sections = [
        "Mô hình",
        "Cơ quan",
        "Năng lực",
        "Dữ liệu",
        "Hệ thống",
        "Tích hợp",
        "Dự án",
        "Miễn trừ",
        "Quy tắc",
    ];
    let mut names = Vec::new();
    for sheet in sections {
        let range = workbook.worksheet_range(sheet).unwrap();
        let name = kientruc::text::id_from_name(sheet);
        let with_semicolon = semicolon.contains(&name.as_str());
        let mut writer = csv::WriterBuilder::new()
            .delimiter(if with_semicolon { b';' } else { b',' })
            .from_writer(Vec::new());
        for row in range.rows() {
            let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            writer.write_record(&cells).unwrap();
        }
        let mut bytes = writer.into_inner().unwrap();
        if with_semicolon {
            bytes.splice(0..0, *b"\xEF\xBB\xBF");
        }
        std::fs::write(dir.join(format!("{name}.csv")), bytes).unwrap();
        names.push(name);
    }
    names
}

#[test]
fn bac_lieu_round_trips_through_csv_files() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("bac-lieu.xlsx");
    export("models/bac-lieu", &book, &[]);
    let csv = dir.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    let names = sheets_as_csv(&book, &csv, &["he-thong", "du-lieu"]);
    assert!(names.contains(&"tich-hop".to_string()), "{names:?}");
    let model = dir.path().join("model");
    kientruc()
        .args(["import"])
        .arg(&csv)
        .arg("-o")
        .arg(&model)
        .assert()
        .success();
    let original = Path::new("models/bac-lieu");
    assert_eq!(elements(original), elements(&model));
    assert_eq!(findings(original), findings(&model));
}

#[test]
fn csv_import_reports_file_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    std::fs::write(
        csv.join("mo-hinh.csv"),
        "Mã,Tên,Khung kiến trúc\nthu,Thử,3.0\n",
    )
    .unwrap();
    // Windows-1258, as Excel's plain "CSV" writes it on a Vietnamese system: "Ban Quản lý"
    // (a + combining hook above, 0xD2) and "Sở" (ơ = 0xF5, combining hook above).
    let agencies =
        b"Ma;Ten;Cap\nban-ql;Ban Qua\xD2n ly\xEC;province\nso-a;S\xF5\xD2 A;province\n".to_vec();
    std::fs::write(csv.join("co-quan.csv"), agencies).unwrap();
    std::fs::write(
        csv.join("he-thong.csv"),
        "Mã,Tên,Tầng,Cơ quan chủ quản,Trạng thái\nht-a,Hệ thống A,aplication,ban-ql,operational\n",
    )
    .unwrap();
    std::fs::write(csv.join("he-thongg.csv"), "Mã\n").unwrap();
    std::fs::write(csv.join("ghi-chu.txt"), "not a sheet").unwrap();
    let out = dir.path().join("model");
    let assert = kientruc()
        .args(["import", "--lang", "en"])
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("he-thongg.csv"), "{stderr}");
    assert!(stderr.contains("did you mean `he-thong.csv`"), "{stderr}");
    assert!(!out.exists());
    std::fs::remove_file(csv.join("he-thongg.csv")).unwrap();
    let assert = kientruc()
        .args(["import", "--lang", "en"])
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("he-thong.csv!C2"), "{stderr}");
    assert!(stderr.contains("did you mean `application`?"), "{stderr}");
    assert!(!out.exists());
    // Fixed, the directory imports, and the Windows-1258 names arrive in NFC.
    let fixed = std::fs::read_to_string(csv.join("he-thong.csv"))
        .unwrap()
        .replace("aplication", "application");
    std::fs::write(csv.join("he-thong.csv"), fixed).unwrap();
    kientruc()
        .args(["import", "--lang", "en"])
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let agencies = std::fs::read_to_string(out.join("agencies.yaml")).unwrap();
    assert!(agencies.contains("Ban Quản lý"), "{agencies}");
    assert!(agencies.contains("Sở A"), "{agencies}");
    // A single CSV file is one sheet.
    let single = dir.path().join("single");
    kientruc()
        .args(["import", "--lang", "en"])
        .arg(csv.join("he-thong.csv"))
        .arg("-o")
        .arg(&single)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("he-thong.csv!D2"));
}

/// An import never writes into its input: not into the CSV directory it reads, not around the
/// file it reads, even with --force.
#[test]
fn csv_import_never_writes_into_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    std::fs::write(csv.join("co-quan.csv"), "Mã,Tên,Cấp\nso-a,Sở A,province\n").unwrap();
    for (input, output) in [
        (csv.clone(), csv.clone()),
        (csv.join("co-quan.csv"), csv.clone()),
        (csv.clone(), csv.join("model")),
    ] {
        kientruc()
            .args(["import", "--lang", "en", "--force"])
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "kientruc never writes into the inputs",
            ));
        let names: Vec<_> = std::fs::read_dir(&csv)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["co-quan.csv"], "{input:?} → {output:?}");
    }
}
