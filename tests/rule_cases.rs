//! Rule cases beyond the harness of `tests/rules.rs`: a federation built in code, messages in
//! Vietnamese, the NFD fixture, rules on cyclic and broken graphs, and integrity first.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kientruc::i18n::Lang;
use kientruc::{Checked, Options};

fn options() -> Options {
    Options {
        today: NaiveDate::from_ymd_opt(2026, 1, 15).expect("a valid date"),
        framework: None,
    }
}

fn fixture_path(code: &str, case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
        .join(case)
}

fn check_in(path: &Path) -> Checked {
    kientruc::check(path, &options()).expect("the model loads")
}

/// `(element, line, column)` of every finding of `code`.
fn places(checked: &Checked, code: &str) -> Vec<(String, usize, usize)> {
    checked
        .findings
        .iter()
        .filter(|f| f.code() == code)
        .map(|f| {
            let p = checked.loaded.sources.position(f.loc);
            (f.element.clone(), p.line, p.column)
        })
        .collect()
}

fn owned(expected: &[(&str, usize, usize)]) -> Vec<(String, usize, usize)> {
    expected
        .iter()
        .map(|&(e, l, c)| (e.to_string(), l, c))
        .collect()
}

/// A model that re-declares a national capability with its own platform (the loader records
/// the national platform in `federates`) must name a platform that depends on the national one.
#[test]
fn reuse001_federation() {
    use kientruc::model::{Id, Span, Spanned};
    let mut loaded =
        kientruc::load::load_model(&fixture_path("REUSE001", "pass")).expect("the fixture loads");
    let national = Spanned::new(Span { start: 0, end: 0 }, Id("ndxp".into()));
    let capability = loaded
        .model
        .capabilities
        .iter_mut()
        .find(|c| c.id.value.as_str() == "data-exchange")
        .expect("the fixture declares data-exchange");
    capability.federates = Some(national);
    let findings = kientruc::judge(&loaded, &options()).findings;
    let found: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f.code() == "REUSE001")
        .map(|f| {
            let pos = loaded.sources.position(f.loc);
            (f.element.clone(), format!("{}:{}", pos.line, pos.column))
        })
        .collect();
    // `lgsp` provides data-exchange but does not depend on `ndxp`; `esb-yte`, which reaches
    // `lgsp`, is a federation, and `ndxp`, a national system, is not judged.
    assert_eq!(found, [("lgsp".to_string(), "25:16".to_string())]);
    let finding = findings
        .iter()
        .find(|f| f.code() == "REUSE001")
        .expect("one finding");
    assert!(
        finding
            .text(Lang::En)
            .contains("in place of the national platform `ndxp`"),
        "{}",
        finding.text(Lang::En)
    );
}

/// Vietnamese messages are filled in, with the same arguments.
#[test]
fn messages_in_vietnamese() {
    let path = fixture_path("SHARE002", "fail");
    let checked = kientruc::check(&path, &options()).expect("the fixture loads");
    let first = checked
        .findings
        .iter()
        .find(|f| f.code() == "SHARE002")
        .unwrap();
    assert_eq!(
        first.text(Lang::Vi),
        "`his` kết nối trực tiếp với `qlvb` của cơ quan khác (`so-tttt`); kết nối giữa các cơ quan phải đi qua hệ thống cung cấp `data-exchange` (via)"
    );
}

#[test]
fn dup003_fixture_really_holds_an_nfd_name() {
    let text = std::fs::read_to_string(fixture_path("DUP003", "fail").join("model.yaml"))
        .expect("fixture");
    assert!(text.contains("Đăng ký hộ tịch trực tuyến"));
    assert!(text.contains("Đa\u{306}ng ky\u{301} ho\u{323}\u{302} ti\u{323}ch"));
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
    depends_on: [a, c]
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
    let checked = check_in(dir.path());
    assert_eq!(places(&checked, "KT003"), vec![]);
    assert_eq!(places(&checked, "LINK002"), owned(&[("c", 43, 9)]));
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
    let checked = check_in(dir.path());
    assert_eq!(places(&checked, "KT001"), vec![]);
    // Both systems named `a`: the duplicate provider and master are found all the same.
    assert_eq!(places(&checked, "DUP001"), owned(&[("a", 44, 16)]));
    assert_eq!(places(&checked, "DUP002"), owned(&[("a", 46, 16)]));
    assert_eq!(places(&checked, "SEC002"), owned(&[("a", 33, 21)]));
}

#[test]
fn integrity_first_stops_other_rules() {
    // The KT001 fixture also has a waiver-free model: only KT findings may appear.
    let checked = check_in(&fixture_path("KT001", "fail"));
    assert!(
        checked
            .findings
            .iter()
            .all(|f| f.code().starts_with("KT00"))
    );
}
