//! `kientruc review` on a small fixture model (tests/fixtures/review/model) and proposals laid
//! over it: the overlay, the "caused by the proposal" filter, INV001/INV002, the money at
//! stake, every verdict line, the three formats, and the errors that stop a review (exit 2).

#[path = "support/reviewing.rs"]
mod reviewing;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use kientruc::Options;
use kientruc::finding::{FailOn, Principle};
use kientruc::i18n::Lang;
use kientruc::review::{self, OverlapKind, Reviewed};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review")
}

fn model() -> PathBuf {
    fixtures().join("model")
}

fn proposal(name: &str) -> PathBuf {
    fixtures().join("proposals").join(format!("{name}.yaml"))
}

fn options(lang: Lang) -> Options {
    let _ = lang;
    Options {
        today: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        framework: None,
    }
}

fn reviewed(name: &str, fail_on: FailOn) -> Reviewed<'static> {
    reviewing::review_paths(&proposal(name), &model(), options(Lang::En), fail_on)
        .unwrap_or_else(|f| panic!("{name} cannot be reviewed: {:?}", f.issues))
}

/// `(code, element, file:line:col)` of every finding.
fn found(reviewed: &Reviewed) -> Vec<(String, String, String)> {
    let sources = &reviewed.judged.loaded.sources;
    reviewed
        .findings
        .iter()
        .map(|f| {
            let p = sources.position(f.loc);
            (
                f.code().to_string(),
                f.element.clone(),
                format!("{}:{}:{}", sources.path(f.loc), p.line, p.column),
            )
        })
        .collect()
}

/// The same, for the investment and integrity rules only: the other rule families (REUSE, SHARE,
/// DUP, LINK, SEC) live in other modules and have their own tests.
fn found_inv_kt(reviewed: &Reviewed) -> Vec<(String, String, String)> {
    found(reviewed)
        .into_iter()
        .filter(|(code, ..)| code.starts_with("INV") || code.starts_with("KT"))
        .collect()
}

fn failed(reviewed: &Reviewed) -> Vec<Principle> {
    reviewed
        .verdict
        .checklist
        .iter()
        .filter(|c| c.state == review::CheckState::Fail)
        .map(|c| c.principle)
        .collect()
}

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("LANG")
        .env_remove("KIENTRUC_LANG")
        .env("NO_COLOR", "1");
    cmd
}

fn review_cmd(name: &Path, extra: &[&str]) -> Command {
    let mut cmd = kientruc();
    cmd.arg("review")
        .arg(name)
        .arg("--model")
        .arg(model())
        .args(["--today", "2026-01-15"])
        .args(extra);
    cmd
}

#[test]
fn a_complete_proposal_that_reuses_is_ready() {
    let r = reviewed("ready", FailOn::Error);
    assert!(r.verdict.ready);
    assert_eq!(r.exit_code(), 0);
    assert!(found(&r).is_empty(), "{:?}", found(&r));
    assert!(failed(&r).is_empty());
    assert_eq!(r.verdict.checklist.len(), Principle::ALL.len());
    assert_eq!(r.verdict.at_stake, review::AtStake::default());
    assert!(r.verdict.reuse.is_empty());
    let p = &r.verdict.project;
    assert_eq!(p.id, "da-camera");
    assert_eq!(p.owner.as_ref().unwrap().name, "Sở Giao thông vận tải");
    assert_eq!(p.budget, Some(18_000_000_000));
}

#[test]
fn mandatory_links_name_the_target_and_the_platform() {
    let r = reviewed("ready", FailOn::Error);
    let links: Vec<(&str, &str, &str, Option<&str>, bool)> = r
        .verdict
        .links
        .iter()
        .map(|l| {
            (
                l.system.id.as_str(),
                l.capability.id.as_str(),
                l.target.id.as_str(),
                l.via.as_ref().map(|v| v.id.as_str()),
                l.declared,
            )
        })
        .collect();
    assert_eq!(
        links,
        vec![("camera-gt", "traffic-monitoring", "ioc", Some("lgsp"), true)]
    );
    let r = reviewed("duplicate", FailOn::Error);
    let link = &r.verdict.links[0];
    assert_eq!(link.target.id, "vn.truc-lien-thong-van-ban");
    assert_eq!(link.via.as_ref().unwrap().id, "lgsp");
    assert!(!link.declared, "qlvb-y-te declares no integration");
}

#[test]
fn a_replacing_system_retires_the_old_one_in_the_overlay() {
    let r = reviewed("replaces", FailOn::Error);
    // his-moi masters csdl-y-te and provides health-records like his-cu, which it replaces:
    // no duplicate, nothing at stake.
    assert!(r.verdict.ready, "{:?}", found(&r));
    assert!(r.verdict.reuse.is_empty());
    let graph = kientruc::graph::Graph::build(&r.judged.loaded.model, &r.judged.loaded.sources);
    let old = graph.lookup("his-cu").unwrap().system().unwrap();
    let new = graph.lookup("his-moi").unwrap().system().unwrap();
    assert!(!graph.is_live(old));
    assert!(graph.is_live(new));
    assert!(r.proposal.has_system(new));
}

#[test]
fn a_proposal_adds_its_data_sets_to_the_overlay() {
    let r = reviewed("replaces", FailOn::Error);
    let graph = kientruc::graph::Graph::build(&r.judged.loaded.model, &r.judged.loaded.sources);
    let data = graph
        .lookup("csdl-tiem-chung")
        .expect("the new data set is in the overlay");
    let masters: Vec<&str> = graph.masters[data.data().expect("a data set")]
        .iter()
        .map(|&(s, _)| r.judged.loaded.model.systems[s].id.value.as_str())
        .collect();
    assert_eq!(masters, vec!["his-moi"]);
    assert!(found(&r).iter().all(|(code, ..)| code != "KT001"));
}

#[test]
fn ids_that_clash_with_the_model_are_kt002() {
    let r = reviewed("clash", FailOn::Error);
    assert_eq!(
        found(&r),
        vec![(
            "KT002".into(),
            "lgsp".into(),
            "tests/fixtures/review/proposals/clash.yaml:9:9".into()
        )]
    );
    assert!(!r.verdict.ready);
    assert_eq!(failed(&r), vec![Principle::Integrity]);
    // Every other principle is "not judged", never passed: its rules did not run.
    let not_judged: Vec<Principle> = r
        .verdict
        .checklist
        .iter()
        .filter(|c| c.state == review::CheckState::NotJudged)
        .map(|c| c.principle)
        .collect();
    assert_eq!(
        not_judged,
        vec![
            Principle::Reuse,
            Principle::Sharing,
            Principle::Duplication,
            Principle::Interconnection,
            Principle::Inheritance,
            Principle::Security,
            Principle::Hosting,
            Principle::Investment,
        ]
    );
    // On a broken overlay, the duplicate and link analysis waits, like the other rules.
    assert!(r.verdict.links.is_empty() && r.verdict.reuse.is_empty());
}

#[test]
fn an_unknown_reference_in_the_proposal_is_kt001() {
    let r = reviewed("unknown-ref", FailOn::Error);
    assert_eq!(
        found(&r),
        vec![(
            "KT001".into(),
            "app-cong-dan".into(),
            "tests/fixtures/review/proposals/unknown-ref.yaml:14:18".into()
        )]
    );
    assert!(r.findings[0].text(Lang::En).contains("did you mean `lgsp`"));
    // The finding is about the element that holds the reference; the unknown id is an argument.
    assert_eq!(r.findings[0].message.text("id"), Some("lgps"));
    assert_eq!(r.findings[0].message.text("suggestion"), Some("lgsp"));
}

#[test]
fn findings_the_model_already_has_are_not_the_proposals() {
    // The model alone has a stale waiver (KT008 on qlvb), among others.
    let alone = kientruc::check(&model(), &options(Lang::En)).unwrap();
    assert!(
        alone
            .findings
            .iter()
            .any(|f| (f.code(), f.element.as_str()) == ("KT008", "qlvb"))
    );
    for name in ["ready", "replaces", "duplicate", "incomplete"] {
        let r = reviewed(name, FailOn::Info);
        for f in &r.findings {
            assert!(
                !alone.findings.iter().any(|a| a.identity() == f.identity()),
                "{name}: {} {} is the model's, not the proposal's",
                f.code(),
                f.element
            );
        }
    }
    // With --fail-on warning the stale waiver of the model does not block the proposal.
    assert!(reviewed("ready", FailOn::Warning).verdict.ready);
}

#[test]
fn inv001_names_what_the_planner_must_state() {
    let r = reviewed("incomplete", FailOn::Error);
    let messages: Vec<(&str, &str, String)> = r
        .findings
        .iter()
        .filter(|f| f.code() == "INV001")
        .map(|f| (f.code(), f.element.as_str(), f.text(Lang::En)))
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "INV001",
                "cong-tt",
                "the system `cong-tt` the proposal delivers does not state: `security_level`".to_string()
            ),
            (
                "INV001",
                "da-cong-moi",
                "the project `da-cong-moi` does not state: `funding`, `budget`".to_string()
            ),
            (
                "INV001",
                "app-phan-anh",
                "the system `app-phan-anh` the proposal delivers does not state: `hosted_on`, `security_level`".to_string()
            ),
        ]
    );
    // cong-tt is a model system the project delivers: the project is shown as related.
    let cong_tt = r
        .findings
        .iter()
        .find(|f| f.element == "cong-tt" && f.code() == "INV001");
    assert_eq!(cong_tt.unwrap().related[0].element, "da-cong-moi");
    assert!(!r.verdict.ready);
    assert_eq!(failed(&r), vec![Principle::Investment]);
}

#[test]
fn inv002_reports_each_duplicating_system_once_with_its_capex() {
    let r = reviewed("duplicate", FailOn::Error);
    assert_eq!(
        found_inv_kt(&r),
        vec![
            (
                "INV002".into(),
                "qlvb-y-te".into(),
                "tests/fixtures/review/proposals/duplicate.yaml:14:16".into()
            ),
            (
                "INV002".into(),
                "ho-so-suc-khoe".into(),
                "tests/fixtures/review/proposals/duplicate.yaml:24:22".into()
            ),
        ]
    );
    let inv002: Vec<&kientruc::finding::Finding> =
        r.findings.iter().filter(|f| f.code() == "INV002").collect();
    let first = inv002[0];
    assert_eq!(first.capex, Some(9_000_000_000));
    assert_eq!(first.opex, Some(600_000_000));
    assert_eq!(
        first.text(Lang::En),
        "`qlvb-y-te` duplicates live systems of the model (`document-management` → `qlvb`); capex at stake: 9,000,000,000 VND"
    );
    // Rebuilding the identity platform is REUSE001's finding, not INV002's.
    let related: Vec<&str> = first.related.iter().map(|x| x.element.as_str()).collect();
    assert_eq!(related, vec!["qlvb"]);
    assert_eq!(inv002[1].related[0].element, "his-cu");
}

#[test]
fn a_rebuilt_platform_is_money_at_stake_but_not_inv002() {
    let r = reviewed("platform", FailOn::Error);
    assert!(r.findings.iter().all(|f| f.code() != "INV002"));
    assert_eq!(r.verdict.at_stake.capex, 4_000_000_000);
    assert_eq!(r.verdict.at_stake.opex, 250_000_000);
    let reuse = &r.verdict.reuse[0];
    assert_eq!(reuse.overlap, OverlapKind::Platform);
    assert_eq!(reuse.existing.id, "vn.vneid");
    assert_eq!(reuse.subject.id, "identity");
}

#[test]
fn the_capex_at_stake_counts_each_system_once() {
    let r = reviewed("duplicate", FailOn::Error);
    let stake = &r.verdict.at_stake;
    // qlvb-y-te (9 bn, 0.6 bn/yr) overlaps twice but counts once; ho-so-suc-khoe adds 5 bn.
    assert_eq!(stake.capex, 9_000_000_000 + 5_000_000_000);
    assert_eq!(stake.opex, 600_000_000 + 400_000_000);
    assert_eq!(stake.systems, vec!["qlvb-y-te", "ho-so-suc-khoe"]);
    let reuse: Vec<(&str, OverlapKind, &str, &str, bool)> = r
        .verdict
        .reuse
        .iter()
        .map(|x| {
            (
                x.system.id.as_str(),
                x.overlap,
                x.existing.id.as_str(),
                x.owner.as_ref().unwrap().id.as_str(),
                x.national,
            )
        })
        .collect();
    assert_eq!(
        reuse,
        vec![
            (
                "qlvb-y-te",
                OverlapKind::Capability,
                "qlvb",
                "so-tttt",
                false
            ),
            (
                "qlvb-y-te",
                OverlapKind::Platform,
                "vn.vneid",
                "bo-ca",
                true
            ),
            (
                "ho-so-suc-khoe",
                OverlapKind::Data,
                "his-cu",
                "so-yte",
                false
            ),
        ]
    );
}

#[test]
fn fail_on_sets_the_verdict_and_the_exit_code() {
    assert!(!reviewed("duplicate", FailOn::Error).verdict.ready);
    let lenient = reviewed("duplicate", FailOn::Never);
    assert!(lenient.verdict.ready);
    assert!(failed(&lenient).is_empty());
    let listed = lenient
        .findings
        .iter()
        .filter(|f| f.code() == "INV002")
        .count();
    assert_eq!(listed, 2, "findings are still listed");
    review_cmd(&proposal("duplicate"), &[]).assert().code(1);
    review_cmd(&proposal("duplicate"), &["--fail-on", "never"])
        .assert()
        .code(0);
    review_cmd(&proposal("ready"), &[]).assert().code(0);
}

#[test]
fn the_model_can_turn_inv_rules_off() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&model(), dir.path());
    std::fs::write(dir.path().join("rules.yaml"), "rules:\n  INV001: warning\n").unwrap();
    let r = reviewing::review_paths(
        &proposal("incomplete"),
        dir.path(),
        options(Lang::En),
        FailOn::Error,
    )
    .unwrap();
    assert!(r.verdict.ready);
    let inv001: Vec<_> = r.findings.iter().filter(|f| f.code() == "INV001").collect();
    assert_eq!(inv001.len(), 3);
    assert!(
        inv001
            .iter()
            .all(|f| f.severity == kientruc::finding::Severity::Warning)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn human_report_puts_the_verdict_first() {
    let out = review_cmd(&proposal("duplicate"), &["--lang", "en"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let verdict = text.find("Verdict: NOT READY").expect("verdict line");
    let checklist = text.find("Checklist by principle").unwrap();
    let finding = text
        .find("INV002 · The proposal duplicates an existing system")
        .unwrap();
    assert!(verdict < checklist && checklist < finding);
    assert!(text.contains("✗ Investment       Fail  INV002 qlvb-y-te, INV002 ho-so-suc-khoe"));
    assert!(text.contains("Capex of 14,000,000,000 VND and opex of 1,000,000,000 VND a year"));
    assert!(text.contains(
        "qlvb-y-te (capability Quản lý văn bản và điều hành) → qlvb (Hệ thống quản lý văn bản và điều hành): Owner: Sở Thông tin và Truyền thông, Status: operational"
    ));
    review_cmd(&proposal("ready"), &[])
        .assert()
        .code(0)
        .stdout(contains("Kết luận: ĐỦ ĐIỀU KIỆN"))
        .stdout(contains("Đề xuất không gây ra phát hiện nào."));
}

#[test]
fn json_document_carries_the_verdict() {
    let out = review_cmd(&proposal("duplicate"), &["--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["model"]["id"], "tinh-mau");
    let inv002 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "INV002")
        .unwrap();
    assert_eq!(inv002["element"], "qlvb-y-te");
    assert_eq!(
        inv002["location"]["file"],
        "tests/fixtures/review/proposals/duplicate.yaml"
    );
    assert_eq!(inv002["location"]["line"], 14);
    assert_eq!(inv002["capex"], 9_000_000_000u64);
    assert!(doc["summary"]["error"].as_u64().unwrap() >= 2);
    let verdict = &doc["verdict"];
    assert_eq!(verdict["ready"], false);
    assert_eq!(verdict["fail_on"], "error");
    assert_eq!(verdict["project"]["funding"], "public-investment");
    assert_eq!(verdict["at_stake"]["capex"], 14_000_000_000u64);
    assert_eq!(verdict["at_stake"]["opex"], 1_000_000_000u64);
    let investment = verdict["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["principle"] == "investment")
        .unwrap();
    assert_eq!(investment["passed"], false);
    assert_eq!(investment["findings"][1]["element"], "ho-so-suc-khoe");
    assert_eq!(verdict["reuse_instead"][1]["existing"]["id"], "vn.vneid");
    assert_eq!(verdict["reuse_instead"][1]["overlap"], "platform");
    assert_eq!(verdict["reuse_instead"][1]["status"], "operational");
    assert_eq!(verdict["must_integrate"][0]["via"]["id"], "lgsp");
    assert_eq!(verdict["must_integrate"][0]["declared"], false);
}

#[test]
fn markdown_report_in_vietnamese() {
    let r = reviewing::review_paths(
        &proposal("duplicate"),
        &model(),
        options(Lang::Vi),
        FailOn::Error,
    )
    .unwrap();
    insta::assert_snapshot!(review::markdown::render(&r, Lang::Vi));
}

#[test]
fn markdown_report_in_english() {
    let r = reviewed("duplicate", FailOn::Error);
    insta::assert_snapshot!(review::markdown::render(&r, Lang::En));
}

#[test]
fn markdown_report_of_a_ready_proposal() {
    let r = reviewing::review_paths(
        &proposal("ready"),
        &model(),
        options(Lang::Vi),
        FailOn::Error,
    )
    .unwrap();
    insta::assert_snapshot!(review::markdown::render(&r, Lang::Vi));
}

#[test]
fn markdown_escapes_names_from_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(proposal("ready"))
        .unwrap()
        .replace(
            "name: Hệ thống camera giám sát giao thông\n    owner: so-gtvt\n    status: proposed\n    funding",
            "name: \"Camera | <script>alert(1)</script> **đậm** [x](y)\"\n    owner: so-gtvt\n    status: proposed\n    funding",
        );
    let file = dir.path().join("p.yaml");
    std::fs::write(&file, text).unwrap();
    let r = reviewing::review_paths(&file, &model(), options(Lang::En), FailOn::Error).unwrap();
    let md = review::markdown::render(&r, Lang::En);
    assert!(
        md.contains(
            "Camera \\| &lt;script>alert(1)&lt;/script> \\*\\*đậm\\*\\* \\[x\\](y) (`da-camera`)"
        ),
        "{md}"
    );
    assert!(!md.contains("<script>"));
    // No escape that would show: parentheses stay as they are.
    assert!(!md.contains("\\("), "{md}");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tham-dinh.md");
    review_cmd(
        &proposal("incomplete"),
        &["--format", "markdown", "-o", file.to_str().unwrap()],
    )
    .assert()
    .code(1)
    .stdout("");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# Thẩm định sự phù hợp"));
    assert!(text.contains("**❌ CHƯA ĐỦ ĐIỀU KIỆN"));
    assert!(text.contains("| INV001 | lỗi | `da-cong-moi` | dự án `da-cong-moi` chưa khai báo: `funding`, `budget` | tests/fixtures/review/proposals/incomplete.yaml:2:9 |"));
}

#[test]
fn a_proposal_needs_exactly_one_proposed_project() {
    let invalid = fixtures().join("proposals/invalid");
    let cases = [
        ("no-project", "the proposal holds no project"),
        ("two-projects", "a second project `da-2` in the proposal"),
        ("approved", "the project `da-1` is not `proposed`"),
        ("rules", "a proposal cannot set rule levels"),
    ];
    for (name, message) in cases {
        review_cmd(
            &invalid.join(format!("{name}.yaml")),
            &["--lang", "en", "--format", "json"],
        )
        .assert()
        .code(2)
        // The JSON document lists the error too, so that a pipeline sees it.
        .stdout(contains("\"judged\": false").and(contains(message)))
        .stderr(contains(message));
    }
    kientruc()
        .arg("review")
        .arg(invalid.join("national-id.yaml"))
        .arg("--model")
        .arg(fixtures().join("national-model"))
        .args(["--lang", "en", "--format", "json"])
        .assert()
        .code(2)
        .stderr(contains("national-id.yaml:2:11"))
        .stderr(contains("the id `vn.du-an` uses the prefix `vn.`"));
    // One line per error (not the human report, which wraps its lines at 100 columns: where
    // the words break depended on the length of the checkout's path, so a phrase could be
    // split in one clone and whole in another).
    let missing = fixtures().join("proposals/nothing-here.yaml");
    review_cmd(&missing, &["--format", "json"])
        .assert()
        .code(2)
        .stdout(contains("\"judged\": false"))
        .stderr(contains(format!(
            "{}: error: không đọc được mô hình",
            missing.display()
        )));
}

#[test]
fn a_broken_model_cannot_be_the_basis_of_a_review() {
    kientruc()
        .arg("review")
        .arg(proposal("ready"))
        .arg("--model")
        .arg(fixtures().join("broken-model"))
        .args(["--lang", "en", "--format", "json"])
        .assert()
        .code(2)
        .stderr(contains("model.yaml:8:"))
        .stderr(contains("the model is not sound (1 KT001… errors)"));
}

#[test]
fn output_is_deterministic() {
    let run = || {
        review_cmd(&proposal("duplicate"), &["--format", "json"])
            .assert()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(), run());
}
