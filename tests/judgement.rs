//! One judgement everywhere: every defect of issue 10, each shown by a test that fails when it
//! comes back. Models and proposals are written into temporary directories, next to a copy of
//! the review fixture model, so that each test states the case it is about.

#[path = "support/reviewing.rs"]
mod reviewing;

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::NaiveDate;
use kientruc::Options;
use kientruc::finding::{FailOn, Principle};
use kientruc::i18n::Lang;
use kientruc::review::CheckState;
use serde_json::Value;

fn options() -> Options {
    Options {
        today: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        framework: None,
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn review_model() -> PathBuf {
    root().join("tests/fixtures/review/model")
}

/// Writes `text` as `name` in a new temporary directory.
fn file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("LANG").env_remove("KIENTRUC_LANG");
    cmd
}

const TYPO: &str = "
projects:
  - id: da-y-te
    name: Nền tảng y tế
    owner: so-yte
    status: proposed
    funding: public-investment
    budget: 9000000000
    delivers: [his-moi]
systems:
  - id: his-moi
    name: Hệ thống quản lý bệnh viện mới
    layer: application
    owner: so-yte
    status: proposed
    provides: [health-records]
    depends_on: [lgps]
    hosted_on: dc-tinh
    security_level: 3
    data: { master: [csdl-y-te] }
    cost: { capex: 9000000000, opex: 500000000 }
";

/// Defect 1: a typo makes integrity first skip every other rule; the review must say "not
/// judged", never "pass", and is never ready.
#[test]
fn unjudged_principles_are_never_shown_as_passed() {
    let (_dir, proposal) = file("typo.yaml", TYPO);
    let r = reviewing::review_paths(&proposal, &review_model(), options(), FailOn::Error).unwrap();
    assert!(!r.verdict.ready);
    for check in &r.verdict.checklist {
        let expected = if check.principle == Principle::Integrity {
            CheckState::Fail
        } else {
            CheckState::NotJudged
        };
        assert_eq!(check.state, expected, "{:?}", check.principle);
    }
    let markdown = kientruc::review::markdown::render(&r, Lang::Vi);
    assert!(markdown.contains("Chưa đánh giá"), "{markdown}");
    assert!(
        !markdown.contains("Tránh trùng lặp, lãng phí | ✅"),
        "{markdown}"
    );
    // Without the typo the same proposal duplicates the hospital system.
    let fixed = TYPO.replace("[lgps]", "[lgsp]");
    let (_dir, proposal) = file("fixed.yaml", &fixed);
    let r = reviewing::review_paths(&proposal, &review_model(), options(), FailOn::Error).unwrap();
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code()).collect();
    assert!(
        codes.contains(&"DUP002") && codes.contains(&"INV002"),
        "{codes:?}"
    );
}

/// Defect 1, for `check`: every output says which principles were not judged.
#[test]
fn check_outputs_say_what_was_not_judged() {
    let model = root().join("tests/fixtures/rules/KT001/fail");
    let run = |format: &str| {
        let out = kientruc()
            .args(["check", model.to_str().unwrap(), "--format", format])
            .args(["--lang", "en", "--today", "2026-01-15"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["coverage"]["complete"], false);
    let states: Vec<(&str, &str)> = json["coverage"]["principles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["principle"].as_str().unwrap(),
                p["state"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(states.contains(&("integrity", "judged")));
    assert!(states.contains(&("duplication", "skipped-integrity")));
    assert!(states.contains(&("investment", "not-applicable")));
    assert!(
        json["coverage"]["skipped_rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "DUP001")
    );
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let note = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert!(
        note["message"]["text"]
            .as_str()
            .unwrap()
            .contains("Not judged")
    );
    assert!(run("short").contains("kientruc: note: Not judged"));
    assert!(run("human").contains("Not judged"));
    assert!(run("markdown").contains("Not judged"));
    assert!(run("github").contains("::warning title=kientruc::Not judged"));
    assert!(run("junit").contains("kientruc coverage"));
    // A sound model: complete coverage, and no note.
    let sound = root().join("tests/fixtures/rules/KT001/pass");
    let out = kientruc()
        .args(["check", sound.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["coverage"]["complete"], true);
}

/// Defect 2: the review's drawing marks exactly the review's findings, for every example.
#[test]
fn review_graph_marks_exactly_the_reviews_findings() {
    let dir = tempfile::tempdir().unwrap();
    let model = root().join("models/bac-lieu");
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("examples/proposals"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 6);
    for proposal in names {
        let graph = dir.path().join("graph.json");
        let out = kientruc()
            .args(["review", proposal.to_str().unwrap()])
            .args(["--model", model.to_str().unwrap(), "--format", "json"])
            .args(["--today", "2026-01-15", "--graph", graph.to_str().unwrap()])
            .output()
            .unwrap();
        let review: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut expected: Vec<(String, String)> = review["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["waived"].is_null())
            .map(|f| {
                (
                    f["element"].as_str().unwrap().to_string(),
                    f["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        expected.sort();
        expected.dedup();
        let drawn: Value = serde_json::from_str(&std::fs::read_to_string(&graph).unwrap()).unwrap();
        // Projects are never drawn: a finding on the proposal's project is listed with
        // `drawn: false`. Every other finding of the review is drawn, and the drawing lists
        // exactly the review's findings.
        let listed_expected = expected.clone();
        for f in drawn["findings"].as_array().unwrap() {
            let on_project = f["element"] == review["verdict"]["project"]["id"];
            assert_eq!(f["drawn"], !on_project, "{f}");
        }
        let project = review["verdict"]["project"]["id"].as_str().unwrap();
        let nodes: Vec<&str> = drawn["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        expected.retain(|(element, _)| {
            let drawable = element != project;
            assert!(
                !drawable || nodes.contains(&element.as_str()),
                "{element} is not drawn"
            );
            drawable
        });
        let mut marked: Vec<(String, String)> = drawn["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["element"].as_str().unwrap().to_string(),
                    f["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        marked.sort();
        marked.dedup();
        assert_eq!(marked, listed_expected, "{}", proposal.display());
        assert!(expected.len() <= listed_expected.len());
    }
}

/// Defect 3: the incumbent is the system the architecture relies on, not the first id.
#[test]
fn the_incumbent_is_the_one_others_rely_on() {
    let (_dir, path) = file(
        "model.yaml",
        "
model: { id: m, name: M, reference: none }
agencies:
  - { id: so-xd, name: Sở Xây dựng, level: department }
capabilities:
  - { id: planning, name: Quy hoạch xây dựng }
data:
  - { id: dl-quy-hoach, name: Dữ liệu quy hoạch, owner: so-xd, classification: internal }
systems:
  - id: cap-phep-xd
    name: Công cụ cấp phép xây dựng
    layer: application
    owner: so-xd
    status: operational
    provides: [planning]
    depends_on: [quy-hoach-xd]
    security_level: 2
    data: { master: [dl-quy-hoach] }
  - id: quy-hoach-xd
    name: Hệ thống quản lý quy hoạch xây dựng
    layer: application
    owner: so-xd
    status: operational
    provides: [planning]
    security_level: 2
    data: { master: [dl-quy-hoach] }
    cost: { capex: 8000000000 }
",
    );
    let checked = kientruc::check(&path, &options()).unwrap();
    for code in ["DUP001", "DUP002"] {
        let found: Vec<_> = checked
            .findings
            .iter()
            .filter(|f| f.code() == code)
            .collect();
        assert_eq!(found.len(), 1, "{code}");
        assert_eq!(found[0].element, "cap-phep-xd", "{code}");
        assert_eq!(found[0].related[0].element, "quy-hoach-xd");
        let text = found[0].text(Lang::En);
        assert!(
            text.contains("the duplicate itself depends on it"),
            "{text}"
        );
        assert!(
            found[0]
                .text(Lang::Vi)
                .contains("giữ lại `quy-hoach-xd` vì")
        );
    }
}

/// Defect 4: a proposal may not retire national platforms or a platform it does not succeed.
#[test]
fn a_proposal_that_retires_national_platforms_is_not_ready() {
    let (_dir, proposal) = file(
        "retire.yaml",
        "
projects:
  - { id: da-moi, name: Nền tảng mới, owner: so-tttt, status: proposed, funding: public-investment, budget: 1, delivers: [nen-tang-moi] }
systems:
  - id: nen-tang-moi
    name: Nền tảng số tỉnh mới
    layer: integration
    owner: so-tttt
    status: proposed
    depends_on: [lgsp]
    hosted_on: dc-tinh
    security_level: 3
    replaces: [vn.ndxp, vn.vneid, lgsp, dc-tinh]
",
    );
    let r = reviewing::review_paths(&proposal, &review_model(), options(), FailOn::Error).unwrap();
    assert!(!r.verdict.ready);
    let retired: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.code() == "REUSE006")
        .map(|f| f.message.text("replaced").unwrap_or_default().to_string())
        .collect();
    assert_eq!(retired, ["vn.ndxp", "vn.vneid", "lgsp", "dc-tinh"]);
}

/// Defect 5: a proposal that makes an unused platform used by one agency improves it; the
/// remaining REUSE005 is the model's, not the proposal's, and the old one is not "caused".
#[test]
fn an_improvement_is_not_blamed_on_the_proposal() {
    let (_dir, model_file) = file(
        "model.yaml",
        "
model: { id: m, name: M, reference: none }
agencies:
  - { id: so-tttt, name: Sở TT&TT, level: department }
  - { id: so-gtvt, name: Sở GTVT, level: department }
capabilities:
  - { id: smart-city, name: Giám sát đô thị, platform: ioc }
systems:
  - { id: ioc, name: IOC, layer: application, owner: so-tttt, status: operational, provides: [smart-city], security_level: 3 }
",
    );
    let (_dir2, proposal) = file(
        "p.yaml",
        "
projects:
  - { id: da, name: Camera, owner: so-gtvt, status: proposed, funding: public-investment, budget: 1, delivers: [camera] }
systems:
  - { id: camera, name: Camera giao thông, layer: infrastructure, owner: so-gtvt, status: proposed, depends_on: [ioc], security_level: 3 }
",
    );
    let r = reviewing::review_paths(&proposal, &model_file, options(), FailOn::Info).unwrap();
    assert!(
        r.findings.iter().all(|f| f.code() != "REUSE005"),
        "{:?}",
        r.findings.iter().map(|f| f.code()).collect::<Vec<_>>()
    );
}

/// Defect 5, the other way: what the proposal removes is reported as resolved by it.
#[test]
fn findings_the_proposal_removes_are_resolved() {
    let (_dir, proposal) = file(
        "p.yaml",
        "
projects:
  - { id: da, name: Thay phần mềm bệnh viện, owner: so-yte, status: proposed, funding: public-investment, budget: 1, delivers: [his-moi] }
systems:
  - id: his-moi
    name: Hệ thống quản lý bệnh viện mới
    layer: application
    owner: so-yte
    status: proposed
    provides: [health-records]
    depends_on: [lgsp]
    hosted_on: dc-tinh
    security_level: 3
    replaces: [his-cu]
    data: { master: [csdl-y-te] }
",
    );
    let r = reviewing::review_paths(&proposal, &review_model(), options(), FailOn::Error).unwrap();
    let resolved: Vec<(&str, &str)> = r
        .resolved
        .iter()
        .map(|f| (f.code(), f.element.as_str()))
        .collect();
    // his-cu reached no data-exchange platform, so its shared data set could not be shared;
    // its successor depends on the LGSP.
    assert!(
        resolved.contains(&("SHARE004", "csdl-y-te")),
        "{resolved:?}"
    );
    assert!(r.findings.iter().all(|f| f.element != "his-cu"));
}

/// Defect 6: a waiver's rule code is resolved in any case.
#[test]
fn a_waiver_in_lower_case_applies() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/rules/DUP001/fail/model.yaml"))
        .unwrap();
    let checked =
        kientruc::check(&root().join("tests/fixtures/rules/DUP001/fail"), &options()).unwrap();
    let dup = checked
        .findings
        .iter()
        .find(|f| f.code() == "DUP001")
        .unwrap()
        .element
        .clone();
    let waived = format!(
        "{text}\nwaivers:\n  - rule: dup001\n    element: {dup}\n    reason: Đang hợp nhất\n    approved_by: so-tttt\n    expires: 2030-01-01\n"
    );
    let (_dir, path) = file("model.yaml", &waived);
    let checked = kientruc::check(&path, &options()).unwrap();
    let finding = checked
        .findings
        .iter()
        .find(|f| f.code() == "DUP001")
        .unwrap();
    assert!(finding.waived.is_some());
    assert!(checked.findings.iter().all(|f| f.code() != "KT008"));
}

/// Defect 7: KT001 names the element that holds the reference.
#[test]
fn kt001_is_on_the_element_holding_the_reference() {
    let (_dir, proposal) = file("typo.yaml", TYPO);
    let r = reviewing::review_paths(&proposal, &review_model(), options(), FailOn::Error).unwrap();
    let kt001 = r.findings.iter().find(|f| f.code() == "KT001").unwrap();
    assert_eq!(kt001.element, "his-moi");
    assert_eq!(kt001.message.text("id"), Some("lgps"));
    assert_eq!(kt001.message.text("suggestion"), Some("lgsp"));
}

/// Defect 8: LINK002 judges online public services only, and says how to fix.
#[test]
fn link002_judges_online_public_services_only() {
    let (_dir, path) = file(
        "model.yaml",
        "
model: { id: m, name: M, reference: none }
agencies:
  - { id: so-tttt, name: Sở TT&TT, level: department }
systems:
  - { id: kenh-web, name: Kênh web, layer: channel, owner: so-tttt, status: operational, depends_on: [cong-dvc, sso], security_level: 2 }
  - { id: cong-dvc, name: Cổng dịch vụ công, layer: portal, owner: so-tttt, status: operational, audience: [citizens], security_level: 3 }
  - { id: sso, name: Đăng nhập một lần, layer: security, owner: so-tttt, status: operational, audience: [citizens], security_level: 3 }
  - { id: his, name: Phần mềm bệnh viện, layer: application, owner: so-tttt, status: operational, audience: [citizens], security_level: 3 }
",
    );
    let checked = kientruc::check(&path, &options()).unwrap();
    let link: Vec<&str> = checked
        .findings
        .iter()
        .filter(|f| f.code() == "LINK002")
        .map(|f| f.element.as_str())
        .collect();
    assert_eq!(link, ["cong-dvc"]);
    let finding = checked
        .findings
        .iter()
        .find(|f| f.code() == "LINK002")
        .unwrap();
    assert!(finding.text(Lang::En).contains("depends_on: [cong-dvc]"));
}

/// Every key a rule reports with is one of its texts, in both languages: no message shows a
/// raw key.
#[test]
fn every_reported_key_is_a_text_of_its_rule() {
    let dirs = std::fs::read_dir(root().join("tests/fixtures/rules")).unwrap();
    let mut seen = 0;
    for dir in dirs {
        let fail = dir.unwrap().path().join("fail");
        let Ok(checked) = kientruc::check(&fail, &options()) else {
            continue;
        };
        for f in &checked.findings {
            let keys =
                std::iter::once(f.message.key).chain(f.related.iter().map(|r| r.message.key));
            for key in keys {
                assert!(
                    f.rule.texts.iter().any(|t| t.key == key),
                    "{} reports with an unknown key {key}",
                    f.code()
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 50, "{seen}");
}

/// The principle of a finding is its rule's: one mapping, in the registry.
#[test]
fn principles_come_from_the_registry() {
    let find = |code| kientruc::rules::find(code).unwrap().principle;
    assert_eq!(find("REUSE003"), Principle::Hosting);
    assert_eq!(find("REUSE004"), Principle::Inheritance);
    assert_eq!(find("reuse006"), Principle::Reuse);
    assert_eq!(find("inv002"), Principle::Investment);
}
