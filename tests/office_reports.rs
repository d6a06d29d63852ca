//! The reports a planner opens in Excel: `check --format xlsx` (the findings, filterable, and
//! a summary by principle and agency) and `consolidate --format xlsx` (the plan). openpyxl
//! reads every sheet back and the content is compared with the JSON documents of the same
//! runs; LibreOffice converts the findings workbook to PDF with its Vietnamese intact.

#[path = "support/tools.rs"]
mod tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("KIENTRUC_LANG")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .current_dir(ROOT);
    cmd
}

fn python_has(module: &str) -> bool {
    Process::new("python3")
        .args(["-c", &format!("import {module}")])
        .status()
        .is_ok_and(|s| s.success())
}

/// Each sheet's rows of cell values, by sheet name.
type Sheets = BTreeMap<String, Vec<Vec<Value>>>;

/// Every sheet of the workbook as rows of cell values (openpyxl), or `None` (a printed skip,
/// a failure under CI) without openpyxl. Also returns each sheet's autofilter range.
fn sheets(path: &Path) -> Option<(Sheets, BTreeMap<String, String>)> {
    if !python_has("openpyxl") {
        tools::missing(
            "openpyxl",
            "the report workbooks were not opened by openpyxl",
        );
        return None;
    }
    let script = r#"
import sys, json, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}
filters = {ws.title: ws.auto_filter.ref or "" for ws in book}
print(json.dumps({"sheets": sheets, "filters": filters}, ensure_ascii=False))
"#;
    let out = Process::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sheets = serde_json::from_value(doc["sheets"].clone()).unwrap();
    let filters = serde_json::from_value(doc["filters"].clone()).unwrap();
    Some((sheets, filters))
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn number(v: &Value) -> u64 {
    v.as_f64().map_or(0, |n| n as u64)
}

fn check_json(lang: &str) -> Value {
    let out = kientruc()
        .args(["check", "models/bac-lieu", "--format", "json"])
        .args(["--today", "2026-01-15", "--lang", lang])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check_xlsx(dir: &Path, lang: &str) -> PathBuf {
    let path = dir.join(format!("phat-hien-{lang}.xlsx"));
    // Findings exist, so the exit code is 1, as for every other format.
    kientruc()
        .args(["check", "models/bac-lieu", "--format", "xlsx"])
        .args(["--today", "2026-01-15", "--lang", lang, "-o"])
        .arg(&path)
        .assert()
        .code(1);
    path
}

#[test]
fn check_workbook_holds_every_finding_and_the_counts_of_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = check_xlsx(dir.path(), "vi");
    // Same input, same bytes.
    let other = dir.path().join("again");
    std::fs::create_dir(&other).unwrap();
    let again = check_xlsx(&other, "vi");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap()
    );
    let Some((sheets, filters)) = sheets(&path) else {
        return;
    };
    let json = check_json("vi");
    let names: Vec<&String> = sheets.keys().collect();
    assert_eq!(names, ["Phát hiện", "Tổng hợp"], "{names:?}");

    // One row per finding, in check's order, with its code, element, message and place.
    let rows = &sheets["Phát hiện"];
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        [
            "Mã",
            "Mức độ",
            "Nguyên tắc",
            "Quy tắc",
            "Đối tượng",
            "Tên",
            "Cơ quan chủ quản",
            "Nội dung",
            "Vị trí (tệp:dòng:cột)",
            "Vốn đầu tư (đồng)",
            "Chi phí hằng năm (đồng)",
            "Miễn trừ (lý do)"
        ]
    );
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(rows.len() - 1, findings.len());
    assert_eq!(filters["Phát hiện"], format!("A1:L{}", findings.len() + 1));
    for (row, f) in rows[1..].iter().zip(findings) {
        assert_eq!(text(&row[0]), f["code"]);
        assert_eq!(text(&row[4]), f["element"]);
        // The message without its code-span marks.
        assert_eq!(
            text(&row[7]),
            f["message"].as_str().unwrap().replace('`', "")
        );
        let place = format!(
            "models/bac-lieu/{}:{}:{}",
            text(&f["location"]["file"]),
            f["location"]["line"],
            f["location"]["column"]
        );
        assert_eq!(text(&row[8]), place);
        assert_eq!(row[11].is_null(), f["waived"].is_null(), "{row:?}");
        if let Some(capex) = f["capex"].as_u64() {
            assert_eq!(number(&row[9]), capex);
        }
    }
    let dup = rows[1..]
        .iter()
        .find(|r| text(&r[0]) == "DUP001")
        .expect("DUP001 row");
    assert_eq!(text(&dup[1]), "lỗi");
    assert_eq!(text(&dup[2]), "tránh trùng lặp, lãng phí");
    assert_eq!(text(&dup[6]), "so-gddt");
    assert_eq!(number(&dup[9]), 1_800_000_000);

    // The summary counts as check counts: by principle, then by agency.
    let summary = &sheets["Tổng hợp"];
    assert!(text(&summary[0][0]).contains("bac-lieu"));
    assert!(
        text(&summary[1][0]).contains("tỉnh Bạc Liêu"),
        "{:?}",
        summary[1]
    );
    let total = summary
        .iter()
        .find(|r| text(&r[0]) == "Tổng")
        .expect("a total row");
    let expected = &json["summary"];
    assert_eq!(
        [
            number(&total[2]),
            number(&total[3]),
            number(&total[4]),
            number(&total[5])
        ],
        [
            expected["error"].as_u64().unwrap(),
            expected["warning"].as_u64().unwrap(),
            expected["info"].as_u64().unwrap(),
            expected["waived"].as_u64().unwrap()
        ]
    );
    assert_eq!(number(&total[6]) as usize, findings.len());
    let principle = |name: &str| summary.iter().find(|r| text(&r[0]) == name).cloned();
    let dup_row = principle("tránh trùng lặp, lãng phí").unwrap();
    assert_eq!(text(&dup_row[1]), "có phát hiện");
    let per_principle = findings
        .iter()
        .filter(|f| f["principle"] == "duplication" && f["waived"].is_null())
        .count() as u64;
    assert_eq!(
        number(&dup_row[2]) + number(&dup_row[3]) + number(&dup_row[4]),
        per_principle
    );
    assert_eq!(text(&principle("kế thừa").unwrap()[1]), "đạt");
    let agency = summary
        .iter()
        .find(|r| text(&r[0]) == "so-gddt")
        .expect("a row for so-gddt");
    assert_eq!(text(&agency[1]), "Sở Giáo dục và Đào tạo tỉnh Bạc Liêu");
    assert_eq!(number(&agency[2]), 2);
}

#[test]
fn check_workbook_in_english_and_on_a_broken_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = check_xlsx(dir.path(), "en");
    if let Some((sheets, _)) = sheets(&path) {
        assert!(sheets.contains_key("Findings") && sheets.contains_key("Summary"));
        assert_eq!(text(&sheets["Findings"][0][7]), "Message");
        let json = check_json("en");
        assert_eq!(
            text(&sheets["Findings"][1][7]),
            json["findings"][0]["message"]
                .as_str()
                .unwrap()
                .replace('`', "")
        );
    }
    // A model that cannot be loaded: the errors on stderr, exit 2, no workbook.
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("model.yaml"), "model: [\n").unwrap();
    let out = dir.path().join("broken.xlsx");
    kientruc()
        .args(["check"])
        .arg(&broken)
        .args(["--format", "xlsx", "--lang", "en", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("model.yaml:"));
    assert!(!out.exists());
}

#[test]
fn libreoffice_prints_the_findings_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = check_xlsx(dir.path(), "vi");
    if Process::new("soffice").arg("--version").output().is_err()
        || Process::new("pdftotext").arg("-v").output().is_err()
    {
        tools::missing(
            "soffice/pdftotext",
            "the findings workbook was not converted to PDF",
        );
        return;
    }
    let status = Process::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .env("HOME", dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let out = Process::new("pdftotext")
        .arg(dir.path().join("phat-hien-vi.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("tránh trùng lặp, lãng phí"), "{text}");
    assert!(text.contains("Sở Giáo dục và Đào tạo"), "{text}");
}

/// The merged Bạc Liêu + Cà Mau model, written once.
fn merged() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("ca-mau-2025");
        kientruc()
            .args([
                "merge",
                "models/bac-lieu",
                "models/ca-mau",
                "--id",
                "ca-mau",
            ])
            .args(["--map", "examples/merge/ca-mau-2025.map.yaml", "-o"])
            .arg(&dir)
            .assert()
            .code(0);
        (temp, dir)
    })
    .1
}

fn plan_xlsx(path: &Path, lang: &str) {
    kientruc()
        .arg("consolidate")
        .arg(merged())
        .args([
            "--format",
            "xlsx",
            "--today",
            "2026-01-15",
            "--lang",
            lang,
            "-o",
        ])
        .arg(path)
        .assert()
        .code(0);
}

#[test]
fn consolidation_plan_as_a_workbook_matches_the_json_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ke-hoach.xlsx");
    plan_xlsx(&path, "vi");
    let again = dir.path().join("ke-hoach-2.xlsx");
    plan_xlsx(&again, "vi");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap()
    );
    let out = kientruc()
        .arg("consolidate")
        .arg(merged())
        .args(["--format", "json", "--today", "2026-01-15", "--lang", "vi"])
        .output()
        .unwrap();
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let Some((sheets, filters)) = sheets(&path) else {
        return;
    };
    assert_eq!(
        sheets.keys().collect::<Vec<_>>(),
        [
            "Chuyển dữ liệu",
            "Chuyển kết nối",
            "Hệ thống trùng lặp",
            "Phát hiện theo nhóm",
            "Tổng hợp"
        ]
    );
    let groups = plan["groups"].as_array().unwrap();
    assert!(groups.len() >= 20, "{}", groups.len());

    // The summary: one row per group with what to keep and retire and the opex saved.
    let summary = &sheets["Tổng hợp"];
    let head = summary
        .iter()
        .position(|r| text(&r[0]) == "STT")
        .expect("the overview header");
    for (n, group) in groups.iter().enumerate() {
        let row = &summary[head + 1 + n];
        assert_eq!(number(&row[0]) as usize, n + 1);
        let ids = |list: &Value| {
            list.as_array()
                .unwrap()
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        assert_eq!(text(&row[2]), ids(&group["keep"]), "group {n}");
        assert_eq!(text(&row[3]), ids(&group["retire"]), "group {n}");
        assert_eq!(number(&row[4]), group["opex_saved"].as_u64().unwrap());
    }
    let total = &summary[head + 1 + groups.len()];
    assert_eq!(text(&total[1]), "Tổng cộng");
    assert_eq!(
        number(&total[4]),
        plan["summary"]["opex_saved"].as_u64().unwrap()
    );
    assert_eq!(
        number(&total[5]),
        plan["summary"]["capex_retired"].as_u64().unwrap()
    );

    // One row per member, with the decision; a retired member says why.
    let systems = &sheets["Hệ thống trùng lặp"];
    let members: usize = groups
        .iter()
        .map(|g| g["keep"].as_array().unwrap().len() + g["retire"].as_array().unwrap().len())
        .sum();
    assert_eq!(systems.len() - 1, members);
    assert_eq!(
        filters["Hệ thống trùng lặp"],
        format!("A1:Q{}", members + 1)
    );
    let lgsp = systems
        .iter()
        .find(|r| text(&r[4]) == "bac-lieu.lgsp")
        .expect("the Bạc Liêu LGSP");
    assert_eq!(text(&lgsp[3]), "Dừng");
    assert!(text(&lgsp[16]).contains("ca-mau.lgsp"), "{lgsp:?}");
    assert!(!text(&lgsp[16]).contains('`'));

    // Migrations, re-points and findings: as many rows as the plan has.
    let count = |key: &str| -> usize {
        groups
            .iter()
            .map(|g| g[key].as_array().map_or(0, Vec::len))
            .sum()
    };
    assert_eq!(sheets["Chuyển dữ liệu"].len() - 1, count("migrations"));
    assert_eq!(sheets["Chuyển kết nối"].len() - 1, count("repoints"));
    let grouped: u64 = groups
        .iter()
        .map(|g| g["findings"]["count"].as_u64().unwrap())
        .sum();
    assert_eq!(sheets["Phát hiện theo nhóm"].len() as u64 - 1, grouped);
    assert_eq!(
        grouped,
        plan["summary"]["findings_grouped"].as_u64().unwrap()
    );
    assert!(count("migrations") > 0 && count("repoints") > 0);
}

#[test]
fn consolidation_workbook_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.xlsx");
    plan_xlsx(&path, "en");
    let Some((sheets, _)) = sheets(&path) else {
        return;
    };
    for name in [
        "Summary",
        "Duplicated systems",
        "Data to migrate",
        "Links to re-point",
        "Findings by group",
    ] {
        assert!(sheets.contains_key(name), "{name}: {:?}", sheets.keys());
    }
    let systems = &sheets["Duplicated systems"];
    assert_eq!(text(&systems[0][3]), "Decision");
    assert!(systems[1..].iter().any(|r| text(&r[3]) == "Retire"));
}

#[test]
fn a_workbook_is_never_written_to_a_terminal() {
    let binary = assert_cmd::cargo::cargo_bin("kientruc");
    let dir = tempfile::tempdir().unwrap();
    for args in [
        "check models/bac-lieu --format xlsx --lang en",
        "consolidate models/bac-lieu --format xlsx --lang en",
    ] {
        let Ok(out) = Process::new("script")
            .args(["-qec", &format!("{} {args}", binary.display())])
            .arg(dir.path().join("typescript"))
            .current_dir(ROOT)
            .env_remove("CI")
            .output()
        else {
            eprintln!("no `script` command: the terminal case is not tested here");
            return;
        };
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(
            shown.contains("xlsx is a binary format and is not written to a terminal"),
            "{shown:?}"
        );
        // Nothing of a ZIP archive reached the terminal.
        assert!(!shown.contains("PK"), "{shown:?}");
    }
}
