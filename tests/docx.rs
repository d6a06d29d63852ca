//! The appraisal opinion as a Word document (`review --format docx`), on the Bạc Liêu model:
//! python-docx opens it (motto, verdict, names with diacritics, the systems table with the
//! proposal's capex, the embedded graph, A4 and Times New Roman), LibreOffice converts it to
//! PDF and `pdftotext` reads the motto, the verdict and the names back; the same input gives
//! the same bytes; a terminal is refused.

#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use unicode_normalization::UnicodeNormalization;

const MODEL: &str = "models/bac-lieu";
/// Not ready: REUSE001 ×2, DUP002, INV002; capex 26 000 000 000 + 6 000 000 000.
const HEALTH: &str = "examples/proposals/y-te-thong-minh.yaml";
/// Ready.
const PLANNING: &str = "examples/proposals/quy-hoach-xay-dung.yaml";

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("KIENTRUC_LANG").env("LANG", "C");
    cmd
}

fn opinion(proposal: &str, out: &Path, extra: &[&str]) {
    kientruc()
        .args(["review", proposal, "--model", MODEL, "--format", "docx"])
        .args(["--today", "2026-12-02", "-o"])
        .arg(out)
        .args(extra)
        .assert()
        .code(predicates::ord::le(1));
    assert!(out.exists(), "{} was not written", out.display());
}

fn python_has(module: &str) -> bool {
    Process::new("python3")
        .args(["-c", &format!("import {module}")])
        .status()
        .is_ok_and(|s| s.success())
}

const READ: &str = r#"
import sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
print("PAGE", s.page_width.mm, s.page_height.mm)
print("MARGINS", round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm))
print("FONT", d.styles["Normal"].font.name)
rpr = d.styles.element.xpath("//w:docDefaults//w:rFonts")
print("DEFAULT_FONT", rpr[0].get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii") if rpr else None)
print("IMAGES", len(d.inline_shapes))
print("IMAGE_RELS", sum(1 for r in d.part.rels.values() if "image" in r.reltype))
for t in d.tables:
    for row in t.rows:
        print("ROW", "|".join(c.text for c in row.cells))
for p in d.paragraphs:
    print("P", p.text)
"#;

fn python_docx(file: &Path) -> String {
    let out = Process::new("python3")
        .args(["-c", READ])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn python_docx_reads_the_opinion() {
    if !python_has("docx") {
        tools::missing("python-docx", "the opinion was not opened by python-docx");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("y-kien.docx");
    opinion(HEALTH, &file, &[]);
    let text = python_docx(&file);
    assert!(text.contains("PAGE 210.0"), "{text}");
    assert!(text.contains(" 297.0"), "{text}");
    assert!(text.contains("MARGINS 20 20 30 15"), "{text}");
    assert!(text.contains("DEFAULT_FONT Times New Roman"), "{text}");
    assert!(text.contains("IMAGES 1"), "{text}");
    assert!(text.contains("IMAGE_RELS 1"), "{text}");
    assert!(
        text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{text}"
    );
    assert!(text.contains("Độc lập - Tự do - Hạnh phúc"), "{text}");
    assert!(text.contains("ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU"), "{text}");
    assert!(
        text.contains("Bạc Liêu, ngày 02 tháng 12 năm 2026"),
        "{text}"
    );
    assert!(text.contains("Ý KIẾN THẨM ĐỊNH"), "{text}");
    assert!(text.contains("Nền tảng Sức khỏe số Bạc Liêu"), "{text}");
    assert!(text.contains("CHƯA PHÙ HỢP"), "{text}");
    // The systems table: each system with its capex, the total against the budget.
    assert!(
        text.lines().any(|l| l.starts_with("ROW 1|Trung tâm điều hành y tế thông minh tỉnh Bạc Liêu|tt-dieu-hanh-y-te|26.000.000.000|1.800.000.000")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("ROW |Tổng cộng||32.000.000.000|")),
        "{text}"
    );
    // Reuse and connections, with the platform to go through.
    assert!(text.contains("II. TÁI SỬ DỤNG VÀ KẾT NỐI"), "{text}");
    assert!(text.contains("Nơi nhận:"), "{text}");
    // No file positions in the body; the annex has them.
    let body: String = text
        .lines()
        .filter(|l| l.starts_with("P "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!body.contains(".yaml:"), "{body}");
    assert!(text.contains("y-te-thong-minh.yaml:"), "{text}");
    assert!(!text.contains('`'), "{text}");
}

#[test]
fn a_ready_proposal_is_suitable_and_shows_what_it_reuses() {
    if !python_has("docx") {
        tools::missing("python-docx", "the opinion was not opened by python-docx");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("y-kien.docx");
    opinion(PLANNING, &file, &[]);
    let text = python_docx(&file);
    assert!(
        text.contains("PHÙ HỢP") && !text.contains("CHƯA PHÙ HỢP"),
        "{text}"
    );
    assert!(text.contains("Đề xuất tái sử dụng:"), "{text}");
    assert!(text.contains("- "), "{text}");
    let en = dir.path().join("opinion.docx");
    opinion(PLANNING, &en, &["--lang", "en"]);
    let text = python_docx(&en);
    assert!(text.contains("SOCIALIST REPUBLIC OF VIETNAM"), "{text}");
    assert!(text.contains("Bạc Liêu, 2 December 2026"), "{text}");
    assert!(text.contains("APPRAISAL OPINION"), "{text}");
    assert!(text.contains("SUITABLE"), "{text}");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.docx");
    let b = dir.path().join("b.docx");
    opinion(HEALTH, &a, &[]);
    // ZIP times count in 2 s steps: wait past one, so that a clock time would show.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    opinion(HEALTH, &b, &[]);
    assert!(
        std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
        "two runs wrote different bytes"
    );
    if python_has("docx") {
        let out = Process::new("python3")
            .args([
                "-c",
                "import sys, docx; print(docx.Document(sys.argv[1]).core_properties.created)",
            ])
            .arg(&a)
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with("2026-12-02"),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn the_document_goes_to_a_pipe_but_never_half_written() {
    // Piped stdout (assert_cmd captures it): the bytes of a ZIP.
    let out = kientruc()
        .args(["review", HEALTH, "--model", MODEL, "--format", "docx"])
        .args(["--today", "2026-12-02"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.starts_with(b"PK"), "not a ZIP on stdout");
    // A proposal that cannot be read writes nothing.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.yaml");
    let file = dir.path().join("y-kien.docx");
    kientruc()
        .args(["review"])
        .arg(&missing)
        .args(["--model", MODEL, "--format", "docx", "-o"])
        .arg(&file)
        .assert()
        .code(2);
    assert!(!file.exists());
}

fn convert(file: &Path, dir: &Path) -> Option<PathBuf> {
    let soffice = Process::new("soffice").arg("--version").output();
    if soffice.is_err() || Process::new("pdftotext").arg("-v").output().is_err() {
        tools::missing("soffice/pdftotext", "the opinion was not converted to PDF");
        return None;
    }
    let status = Process::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(file)
        .env("HOME", dir)
        .status()
        .unwrap();
    assert!(status.success());
    Some(file.with_extension("pdf"))
}

#[test]
fn libreoffice_converts_the_opinion_with_its_diacritics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("y-kien.docx");
    opinion(HEALTH, &file, &[]);
    let Some(pdf) = convert(&file, dir.path()) else {
        return;
    };
    let out = Process::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8_lossy(&out.stdout).nfc().collect();
    // Lines may wrap, and pdftotext puts spaces inside the words of a justified line
    // ("PHÙ H ỢP"): compare without any white space.
    let flat: String = text.split_whitespace().collect();
    for wanted in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CHƯA PHÙ HỢP",
        "Nền tảng Sức khỏe số Bạc Liêu",
        "Sở Y tế tỉnh Bạc Liêu",
        "ngày 02 tháng 12 năm 2026",
    ] {
        let wanted: String = wanted.split_whitespace().collect();
        assert!(flat.contains(&wanted), "{wanted} in:\n{text}");
    }
}

#[test]
fn a_terminal_is_refused() {
    // `script` gives the command a pseudo-terminal as stdout.
    if Process::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: script (util-linux) not installed; no terminal to refuse");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("kientruc");
    let command = format!(
        "{} review {HEALTH} --model {MODEL} --format docx --lang en; echo \"exit=$?\"",
        bin.display()
    );
    let out = Process::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("LANG", "C")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("will not write a Word document (binary) to the terminal"),
        "{text}"
    );
    assert!(text.contains("exit=2"), "{text}");
    assert!(!text.contains("PK\u{3}\u{4}"), "{text}");
}
