//! The DUP, LINK and SEC rules on their fixtures (`tests/fixtures/rules/CODE/{fail,pass}`):
//! each fail fixture gives exactly the findings expected, at the expected places; each pass
//! fixture (near-misses) gives none of that code; one snapshot per rule of the short format.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kientruc::finding::Finding;
use kientruc::i18n::Lang;
use kientruc::report::{Report, short};
use kientruc::{Checked, Options};

fn options(lang: Lang) -> Options {
    Options {
        lang,
        today: NaiveDate::from_ymd_opt(2026, 1, 15).expect("a valid date"),
        framework: None,
    }
}

fn fixture(code: &str, case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
        .join(case)
}

fn check_in(path: &Path, lang: Lang) -> Checked {
    match kientruc::check(path, options(lang)) {
        Ok(checked) => checked,
        Err(failure) => panic!("{} does not load: {:?}", path.display(), failure.issues),
    }
}

fn check(code: &str, case: &str) -> Checked {
    check_in(&fixture(code, case), Lang::En)
}

fn of<'a>(checked: &'a Checked, code: &str) -> Vec<&'a Finding> {
    checked.findings.iter().filter(|f| f.code == code).collect()
}

/// (element, line, column) of each finding of `code`.
fn places(checked: &Checked, code: &str) -> Vec<(String, usize, usize)> {
    of(checked, code)
        .into_iter()
        .map(|f| {
            let p = checked.loaded.sources.position(f.loc);
            (f.element.clone(), p.line, p.column)
        })
        .collect()
}

/// (element, line, column) of each related place of a finding.
fn related(checked: &Checked, finding: &Finding) -> Vec<(String, usize, usize)> {
    finding
        .related
        .iter()
        .map(|r| {
            let p = checked.loaded.sources.position(r.loc);
            (r.element.clone(), p.line, p.column)
        })
        .collect()
}

fn owned(expected: &[(&str, usize, usize)]) -> Vec<(String, usize, usize)> {
    expected
        .iter()
        .map(|&(e, l, c)| (e.to_string(), l, c))
        .collect()
}

/// The short report of the findings of `code` only (other families may also fire).
fn short_of(checked: &Checked, code: &str) -> String {
    let findings: Vec<Finding> = of(checked, code).into_iter().cloned().collect();
    short::render(&Report::new(
        &findings,
        &checked.loaded.sources,
        &checked.stats,
        Lang::En,
    ))
}

fn assert_pass(code: &str) {
    let checked = check(code, "pass");
    assert_eq!(
        places(&checked, code),
        vec![],
        "{code} fires on its pass fixture"
    );
}

#[test]
fn dup001_reports_the_newcomer_with_its_capex() {
    let checked = check("DUP001", "fail");
    assert_eq!(
        places(&checked, "DUP001"),
        owned(&[("eoffice-noi-vu", 33, 16)])
    );
    let finding = of(&checked, "DUP001")[0];
    assert_eq!(finding.capex, Some(3_500_000_000));
    assert_eq!(finding.opex, Some(200_000_000));
    assert!(
        finding.message.contains("3,500,000,000 VND"),
        "{}",
        finding.message
    );
    assert!(finding.message.contains("`qlvb`"), "{}", finding.message);
    assert_eq!(related(&checked, finding), owned(&[("qlvb", 21, 9)]));
    assert_eq!(
        finding.related[0].message,
        "duplicates `qlvb`, defined here"
    );
    insta::assert_snapshot!("DUP001", short_of(&checked, "DUP001"));
}

#[test]
fn dup001_capex_in_vietnamese() {
    let checked = check_in(&fixture("DUP001", "fail"), Lang::Vi);
    let finding = of(&checked, "DUP001")[0];
    assert!(
        finding.message.contains("3.500.000.000 đồng"),
        "{}",
        finding.message
    );
}

#[test]
fn dup001_near_misses() {
    assert_pass("DUP001");
}

#[test]
fn dup002_puts_the_national_master_first() {
    let checked = check("DUP002", "fail");
    assert_eq!(
        places(&checked, "DUP002"),
        owned(&[("ho-tich-tinh", 32, 16)])
    );
    let finding = of(&checked, "DUP002")[0];
    assert_eq!(related(&checked, finding), owned(&[("ho-tich-qg", 33, 9)]));
    assert_eq!(finding.capex, None);
    insta::assert_snapshot!("DUP002", short_of(&checked, "DUP002"));
}

#[test]
fn dup002_near_misses() {
    assert_pass("DUP002");
}

#[test]
fn dup003_equal_nfd_and_similar_names() {
    let checked = check("DUP003", "fail");
    assert_eq!(
        places(&checked, "DUP003"),
        owned(&[
            ("syt", 16, 9),
            ("ho-tich-truc-tuyen", 23, 9),
            ("qlvb-2", 33, 9)
        ])
    );
    let findings = of(&checked, "DUP003");
    assert_eq!(related(&checked, findings[0]), owned(&[("so-y-te", 10, 9)]));
    assert_eq!(
        related(&checked, findings[1]),
        owned(&[("dang-ky-ho-tich", 21, 9)])
    );
    assert_eq!(related(&checked, findings[2]), owned(&[("qlvb", 27, 9)]));
    assert!(
        findings[1].message.contains("is the same as"),
        "{}",
        findings[1].message
    );
    assert!(
        findings[2].message.contains("nearly the same"),
        "{}",
        findings[2].message
    );
    insta::assert_snapshot!("DUP003", short_of(&checked, "DUP003"));
}

#[test]
fn dup003_fixture_really_holds_an_nfd_name() {
    let text =
        std::fs::read_to_string(fixture("DUP003", "fail").join("model.yaml")).expect("fixture");
    assert!(text.contains("Đăng ký hộ tịch trực tuyến"));
    assert!(text.contains("Đa\u{306}ng ky\u{301} ho\u{323}\u{302} ti\u{323}ch"));
}

#[test]
fn dup003_near_misses() {
    assert_pass("DUP003");
}

#[test]
fn link001_reports_each_missing_mandatory_link() {
    let checked = check("LINK001", "fail");
    // The national provider lacks its link to `dvc-qg` too, but national elements are not judged.
    assert_eq!(
        places(&checked, "LINK001"),
        owned(&[("ho-tich-tinh", 51, 16)])
    );
    let finding = of(&checked, "LINK001")[0];
    assert_eq!(related(&checked, finding), owned(&[("ho-tich-qg", 26, 9)]));
    insta::assert_snapshot!("LINK001", short_of(&checked, "LINK001"));
}

#[test]
fn link001_near_misses() {
    assert_pass("LINK001");
}

#[test]
fn link002_counts_live_channels() {
    let checked = check("LINK002", "fail");
    assert_eq!(
        places(&checked, "LINK002"),
        owned(&[("mot-cua", 36, 9), ("thue-dat", 43, 9)])
    );
    let findings = of(&checked, "LINK002");
    assert_eq!(related(&checked, findings[0]), owned(&[("app", 14, 9)]));
    assert!(findings[1].related.is_empty());
    insta::assert_snapshot!("LINK002", short_of(&checked, "LINK002"));
}

#[test]
fn link002_near_misses() {
    assert_pass("LINK002");
}

/// With KT003 switched off the other rules run on a cyclic graph: the channel count must still
/// be right and finish.
#[test]
fn link002_on_a_dependency_cycle() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let model = r#"
model:
  id: vong
  name: Vòng lặp
  reference: none
rules:
  KT003: off
agencies:
  - id: vp
    name: Văn phòng
    level: department
systems:
  - id: app
    name: Ứng dụng
    layer: channel
    owner: vp
    status: operational
    depends_on: [a]
    security_level: 3
  - id: web
    name: Trang web
    layer: channel
    owner: vp
    status: operational
    depends_on: [b]
    security_level: 3
  - id: a
    name: Hệ thống A
    layer: application
    owner: vp
    status: operational
    audience: [citizens]
    depends_on: [b]
    security_level: 3
  - id: b
    name: Hệ thống B
    layer: application
    owner: vp
    status: operational
    audience: [businesses]
    depends_on: [a]
    security_level: 3
  - id: c
    name: Hệ thống C
    layer: application
    owner: vp
    status: operational
    audience: [businesses]
    depends_on: [c]
    security_level: 3
"#;
    std::fs::write(dir.path().join("model.yaml"), model).expect("write the model");
    let checked = check_in(dir.path(), Lang::En);
    assert_eq!(places(&checked, "KT003"), vec![]);
    assert_eq!(places(&checked, "LINK002"), owned(&[("c", 43, 9)]));
}

#[test]
fn sec001_reports_live_systems_without_level() {
    let checked = check("SEC001", "fail");
    assert_eq!(places(&checked, "SEC001"), owned(&[("tra-cuu", 19, 9)]));
    insta::assert_snapshot!("SEC001", short_of(&checked, "SEC001"));
}

#[test]
fn sec001_near_misses() {
    assert_pass("SEC001");
}

#[test]
fn sec002_requires_level_2_or_3_for_the_public() {
    let checked = check("SEC002", "fail");
    assert_eq!(
        places(&checked, "SEC002"),
        owned(&[("mot-cua", 36, 21), ("nhan-su", 46, 21)])
    );
    let findings = of(&checked, "SEC002");
    assert!(
        findings[0].message.contains("at least level 3"),
        "{}",
        findings[0].message
    );
    assert!(
        findings[1].message.contains("at least level 2"),
        "{}",
        findings[1].message
    );
    assert_eq!(related(&checked, findings[0]), owned(&[("ho-so", 18, 9)]));
    assert_eq!(related(&checked, findings[1]), owned(&[("can-bo", 23, 9)]));
    insta::assert_snapshot!("SEC002", short_of(&checked, "SEC002"));
}

#[test]
fn sec002_near_misses() {
    assert_pass("SEC002");
}

#[test]
fn sec003_reports_each_weaker_dependency_and_host() {
    let checked = check("SEC003", "fail");
    assert_eq!(
        places(&checked, "SEC003"),
        owned(&[("mot-cua", 31, 18), ("mot-cua", 32, 16)])
    );
    let findings = of(&checked, "SEC003");
    assert_eq!(related(&checked, findings[0]), owned(&[("lgsp", 25, 21)]));
    assert_eq!(
        related(&checked, findings[1]),
        owned(&[("may-chu", 19, 21)])
    );
    insta::assert_snapshot!("SEC003", short_of(&checked, "SEC003"));
}

#[test]
fn sec003_near_misses() {
    assert_pass("SEC003");
}

/// Every rule of the DUP, LINK and SEC families has both fixtures.
#[test]
fn every_rule_has_both_fixtures() {
    for rule in kientruc::rules::ALL {
        if ["DUP", "LINK", "SEC"]
            .iter()
            .any(|family| rule.code.starts_with(family))
        {
            for case in ["fail", "pass"] {
                let model = fixture(rule.code, case).join("model.yaml");
                assert!(model.is_file(), "{} lacks {}", rule.code, model.display());
            }
        }
    }
}

/// With KT001 and KT002 switched off the rules run on references that name nothing and on ids
/// defined twice: they must skip what does not resolve, never panic.
#[test]
fn rules_survive_dangling_references_and_duplicate_ids() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let model = r#"
model:
  id: hong
  name: Mô hình hỏng
  reference: none
rules:
  KT001: off
  KT002: off
agencies:
  - id: vp
    name: Văn phòng
    level: department
capabilities:
  - id: ho-tich
    name: Hộ tịch
    must_integrate: [khong-co, vp]
data:
  - id: ca-nhan
    name: Dữ liệu cá nhân
    owner: vp
    classification: restricted
    personal: true
systems:
  - id: a
    name: Hệ thống A
    layer: application
    owner: vp
    status: operational
    audience: [citizens]
    provides: [ho-tich, khong-co, vp]
    depends_on: [khong-co, vp]
    hosted_on: ca-nhan
    security_level: 1
    data:
      master: [khong-co, ca-nhan]
      read: [vp]
    integrations:
      - to: khong-co
  - id: a
    name: Hệ thống A
    layer: application
    owner: khong-co
    status: operational
    provides: [ho-tich]
    data:
      master: [ca-nhan]
"#;
    std::fs::write(dir.path().join("model.yaml"), model).expect("write the model");
    let checked = check_in(dir.path(), Lang::En);
    assert_eq!(places(&checked, "KT001"), vec![]);
    // Both systems named `a`: the duplicate provider and master are found all the same.
    assert_eq!(places(&checked, "DUP001"), owned(&[("a", 44, 16)]));
    assert_eq!(places(&checked, "DUP002"), owned(&[("a", 46, 16)]));
    assert_eq!(places(&checked, "SEC002"), owned(&[("a", 33, 21)]));
}
