//! Fixtures of KT004–KT007, REUSE001–REUSE005 and SHARE001–SHARE005: each rule fires on its
//! `fail` model, on the expected element and place, and stays silent on its `pass` near-miss.
//! One snapshot per rule holds the short report of its own findings on the `fail` model.

use std::path::PathBuf;

use chrono::NaiveDate;
use kientruc::finding::{Finding, Severity};
use kientruc::i18n::Lang;
use kientruc::report::{ModelStats, Report};
use kientruc::{Checked, Options};

fn options() -> Options {
    Options {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 1, 15).expect("a valid date"),
        framework: None,
    }
}

fn fixture(code: &str, case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
        .join(case)
}

fn check(code: &str, case: &str) -> Checked {
    let path = fixture(code, case);
    match kientruc::check(&path, options()) {
        Ok(checked) => {
            let integrity: Vec<&Finding> = checked
                .findings
                .iter()
                .filter(|f| matches!(f.code, "KT001" | "KT002" | "KT003"))
                .collect();
            assert!(
                integrity.is_empty(),
                "{code}/{case} is not sound: {integrity:?}"
            );
            checked
        }
        Err(failure) => panic!(
            "{code}/{case} does not load: {}",
            kientruc::report::short::render_issues(&failure.issues, &failure.sources, Lang::En)
        ),
    }
}

fn of<'a>(checked: &'a Checked, code: &str) -> Vec<&'a Finding> {
    checked.findings.iter().filter(|f| f.code == code).collect()
}

/// `(element, "line:column", severity)` of every finding of `code`, in report order.
fn hits(checked: &Checked, code: &str) -> Vec<(String, String, Severity)> {
    of(checked, code)
        .into_iter()
        .map(|f| {
            let pos = checked.loaded.sources.position(f.loc);
            (
                f.element.clone(),
                format!("{}:{}", pos.line, pos.column),
                f.severity,
            )
        })
        .collect()
}

/// The related places of the first finding of `code`: `(element, "line:column")`.
fn related(checked: &Checked, code: &str) -> Vec<(String, String)> {
    of(checked, code)[0]
        .related
        .iter()
        .map(|r| {
            let pos = checked.loaded.sources.position(r.loc);
            (r.element.clone(), format!("{}:{}", pos.line, pos.column))
        })
        .collect()
}

fn short(checked: &Checked, code: &str) -> String {
    let findings: Vec<Finding> = of(checked, code).into_iter().cloned().collect();
    let stats = ModelStats::default();
    let report = Report {
        findings: &findings,
        sources: &checked.loaded.sources,
        stats: &stats,
        lang: Lang::En,
        color: false,
        base: "",
        baseline: None,
    };
    kientruc::report::short::render(&report)
}

fn hit(element: &str, at: &str, severity: Severity) -> (String, String, Severity) {
    (element.to_string(), at.to_string(), severity)
}

fn place(element: &str, at: &str) -> (String, String) {
    (element.to_string(), at.to_string())
}

/// Runs the pass fixture of `code` and asserts it gives no finding of that code.
fn passes(code: &str) {
    let checked = check(code, "pass");
    assert!(
        of(&checked, code).is_empty(),
        "{code} fires on its pass fixture: {:#?}",
        of(&checked, code)
    );
}

use Severity::{Error, Info, Warning};

#[test]
fn kt004_layer_violation() {
    let checked = check("KT004", "fail");
    assert_eq!(
        hits(&checked, "KT004"),
        [
            hit("mot-cua", "20:18", Warning),
            hit("csdl-ho-so", "26:16", Warning)
        ],
    );
    assert_eq!(related(&checked, "KT004"), [place("cong-dvc", "10:9")]);
    assert!(
        of(&checked, "KT004")[1]
            .message
            .contains("hosted on `mot-cua`")
    );
    insta::assert_snapshot!("KT004", short(&checked, "KT004"));
    passes("KT004");
}

#[test]
fn kt005_lifecycle_mismatch() {
    let checked = check("KT005", "fail");
    assert_eq!(
        hits(&checked, "KT005"),
        [
            hit("mot-cua", "15:18", Warning),
            hit("mot-cua", "15:27", Warning)
        ],
    );
    assert_eq!(related(&checked, "KT005"), [place("lgsp-cu", "16:9")]);
    let messages: Vec<&str> = of(&checked, "KT005")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        messages[0].contains("retiring") && messages[1].contains("building"),
        "{messages:?}"
    );
    insta::assert_snapshot!("KT005", short(&checked, "KT005"));
    passes("KT005");
}

#[test]
fn kt006_unmet_requirement() {
    let checked = check("KT006", "fail");
    assert_eq!(
        hits(&checked, "KT006"),
        [
            hit("mot-cua", "20:16", Error),
            hit("mot-cua", "20:35", Error)
        ],
    );
    // The reachable provider is suggested; a retired provider meets nothing.
    assert_eq!(related(&checked, "KT006"), [place("ky-so", "26:16")]);
    assert!(
        of(&checked, "KT006")[1]
            .message
            .contains("no live system provides")
    );
    insta::assert_snapshot!("KT006", short(&checked, "KT006"));
    // The pass fixture also requires `identity`, which has a platform: REUSE002, not KT006.
    passes("KT006");
}

#[test]
fn kt007_unused_element() {
    let checked = check("KT007", "fail");
    assert_eq!(
        hits(&checked, "KT007"),
        [
            hit("so-du-lich", "14:9", Info),
            hit("ubnd-huyen", "18:9", Info),
            hit("ubnd-xa", "21:9", Info),
            hit("smart-parking", "28:9", Info),
            hit("csdl-du-lich", "35:9", Info),
        ],
    );
    insta::assert_snapshot!("KT007", short(&checked, "KT007"));
    // A parent of an owner, a project owner, a waiver approver, a capability only required,
    // data only read or copied: all used.
    passes("KT007");
}

#[test]
fn reuse001_platform_rebuilt() {
    let checked = check("REUSE001", "fail");
    assert_eq!(hits(&checked, "REUSE001"), [hit("esb-yte", "28:16", Error)]);
    assert_eq!(related(&checked, "REUSE001"), [place("lgsp", "17:9")]);
    insta::assert_snapshot!("REUSE001", short(&checked, "REUSE001"));
    // A federated provider (reaching the platform through depends_on) and a retired one.
    passes("REUSE001");
}

/// A model that re-declares a national capability with its own platform (the loader records
/// the national platform in `federates`) must name a platform that depends on the national one.
#[test]
fn reuse001_federation() {
    use kientruc::model::{Id, Span, Spanned};
    let mut loaded =
        kientruc::load::load_model(&fixture("REUSE001", "pass")).expect("the fixture loads");
    let national = Spanned::new(Span { start: 0, end: 0 }, Id("ndxp".to_string()));
    let capability = loaded
        .model
        .capabilities
        .iter_mut()
        .find(|c| c.id.value.as_str() == "data-exchange")
        .expect("the fixture declares data-exchange");
    capability.federates = Some(national);
    let (findings, _) = kientruc::judge(&loaded, options()).expect("the fixture is judged");
    let found: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f.code == "REUSE001")
        .map(|f| {
            let pos = loaded.sources.position(f.loc);
            (f.element.clone(), format!("{}:{}", pos.line, pos.column))
        })
        .collect();
    // `lgsp` provides data-exchange but does not depend on `ndxp`; `esb-yte`, which reaches
    // `lgsp`, is a federation, and `ndxp`, a national system, is not judged.
    assert_eq!(found, [place("lgsp", "25:16")]);
    let finding = findings
        .iter()
        .find(|f| f.code == "REUSE001")
        .expect("one finding");
    assert!(
        finding
            .message
            .contains("in place of the national platform `ndxp`"),
        "{}",
        finding.message
    );
}

#[test]
fn reuse002_platform_bypassed() {
    let checked = check("REUSE002", "fail");
    assert_eq!(
        hits(&checked, "REUSE002"),
        [hit("cong-dvc", "25:16", Error)]
    );
    assert_eq!(related(&checked, "REUSE002"), [place("sso", "14:9")]);
    assert!(
        of(&checked, "KT006").is_empty(),
        "KT006 must leave platform capabilities to REUSE002"
    );
    insta::assert_snapshot!("REUSE002", short(&checked, "REUSE002"));
    passes("REUSE002");
}

#[test]
fn reuse003_own_hosting() {
    let checked = check("REUSE003", "fail");
    assert_eq!(
        hits(&checked, "REUSE003"),
        [
            hit("quy-hoach", "33:16", Warning),
            hit("cap-phep", "34:9", Warning)
        ],
    );
    assert_eq!(related(&checked, "REUSE003"), [place("dc-tinh", "17:9")]);
    insta::assert_snapshot!("REUSE003", short(&checked, "REUSE003"));
    // Channel and infrastructure systems, and retired ones, are not judged.
    passes("REUSE003");
}

#[test]
fn reuse004_inheritance_data_lost() {
    let checked = check("REUSE004", "fail");
    assert_eq!(
        hits(&checked, "REUSE004"),
        [hit("he-thong-tthc", "31:16", Error)]
    );
    assert_eq!(
        related(&checked, "REUSE004"),
        [place("mot-cua-cu", "25:16"), place("hs-tthc", "10:9")],
    );
    insta::assert_snapshot!("REUSE004", short(&checked, "REUSE004"));
    passes("REUSE004");
}

#[test]
fn reuse005_underused_platform() {
    let checked = check("REUSE005", "fail");
    assert_eq!(
        hits(&checked, "REUSE005"),
        [
            hit("lgsp", "23:9", Info),
            hit("sso", "30:9", Info),
            hit("thanh-toan", "50:9", Info)
        ],
    );
    assert_eq!(
        related(&checked, "REUSE005"),
        [place("data-exchange", "15:15")]
    );
    insta::assert_snapshot!("REUSE005", short(&checked, "REUSE005"));
    // One user through depends_on, another of another agency through `via`.
    passes("REUSE005");
}

#[test]
fn share001_no_authoritative_source() {
    let checked = check("SHARE001", "fail");
    assert_eq!(
        hits(&checked, "SHARE001"),
        [
            hit("csdl-dat-dai", "10:9", Error),
            hit("ban-do-quy-hoach", "14:9", Error)
        ],
    );
    assert_eq!(
        related(&checked, "SHARE001"),
        [
            place("mot-cua-dat-dai", "32:14"),
            place("gis", "40:14"),
            place("dat-dai-cu", "25:16")
        ],
    );
    insta::assert_snapshot!("SHARE001", short(&checked, "SHARE001"));
    // A planned master counts; data read only by a retired system needs none.
    passes("SHARE001");
}

#[test]
fn share002_point_to_point() {
    let checked = check("SHARE002", "fail");
    assert_eq!(
        hits(&checked, "SHARE002"),
        [
            hit("his", "42:13", Error),
            hit("his", "43:13", Error),
            // tolerated until 2026-06-30: info until then
            hit("his", "45:13", Info),
            // tolerated until 2025-12-31: the tolerance is over
            hit("his", "47:13", Error),
        ],
    );
    assert_eq!(related(&checked, "SHARE002"), [place("qlvb", "31:9")]);
    let national = of(&checked, "SHARE002")[1];
    assert!(
        national
            .message
            .contains("national system `dvcqg` via `qlvb`"),
        "{}",
        national.message
    );
    let temporary = of(&checked, "SHARE002")[2];
    let until = checked.loaded.sources.position(temporary.related[1].loc);
    assert_eq!((until.line, until.column), (46, 26));
    insta::assert_snapshot!("SHARE002", short(&checked, "SHARE002"));
    // Through the LGSP, to the LGSP, the LGSP to the national level, same owner, retired, and
    // a national system linking straight to a provincial one (national systems are not judged).
    passes("SHARE002");
}

#[test]
fn share003_shadow_copy() {
    let checked = check("SHARE003", "fail");
    assert_eq!(
        hits(&checked, "SHARE003"),
        [hit("cap-phep", "31:14", Warning)]
    );
    assert_eq!(related(&checked, "SHARE003"), [place("dat-dai", "24:16")]);
    insta::assert_snapshot!("SHARE003", short(&checked, "SHARE003"));
    // A copy inside the owner, a read across owners, a retired copier.
    passes("SHARE003");
}

#[test]
fn share004_unshared_master() {
    let checked = check("SHARE004", "fail");
    assert_eq!(
        hits(&checked, "SHARE004"),
        [hit("csdl-giao-thong", "17:9", Warning)]
    );
    assert_eq!(
        related(&checked, "SHARE004"),
        [place("giao-thong", "34:16")]
    );
    insta::assert_snapshot!("SHARE004", short(&checked, "SHARE004"));
    // Shared data whose master depends on the LGSP; restricted data kept at home.
    passes("SHARE004");
}

#[test]
fn share005_open_data_unpublished() {
    let checked = check("SHARE005", "fail");
    assert_eq!(
        hits(&checked, "SHARE005"),
        [
            hit("tuyen-xe-buyt", "17:9", Info),
            hit("bai-do-xe", "21:9", Info)
        ],
    );
    assert_eq!(
        related(&checked, "SHARE005"),
        [place("cong-du-lieu", "31:16")]
    );
    insta::assert_snapshot!("SHARE005", short(&checked, "SHARE005"));
    // Published by an integration listing it, by an integration carrying all data (declared
    // by the portal), by the portal reading it and by the portal mastering it.
    passes("SHARE005");
}

/// Vietnamese messages are filled in, with the same arguments.
#[test]
fn messages_in_vietnamese() {
    let path = fixture("SHARE002", "fail");
    let checked = kientruc::check(
        &path,
        Options {
            lang: Lang::Vi,
            ..options()
        },
    )
    .expect("the fixture loads");
    let first = of(&checked, "SHARE002")[0];
    assert_eq!(
        first.message,
        "`his` kết nối trực tiếp với `qlvb` của cơ quan khác (`so-tttt`); kết nối giữa các cơ quan phải đi qua hệ thống cung cấp `data-exchange` (via)"
    );
}
