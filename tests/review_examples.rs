//! The example proposals of `examples/proposals/` laid over `models/bac-lieu`: each can be
//! reviewed, and each gets the verdict its README states, for the reasons it states.

#[path = "support/reviewing.rs"]
mod reviewing;

use std::path::PathBuf;

use chrono::NaiveDate;
use kientruc::Options;
use kientruc::finding::FailOn;
use kientruc::i18n::Lang;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn review(name: &str) -> kientruc::review::Reviewed<'static> {
    let options = Options {
        today: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        framework: None,
    };
    reviewing::review_paths(
        &root().join("examples/proposals").join(name),
        &root().join("models/bac-lieu"),
        options,
        FailOn::Error,
    )
    .unwrap_or_else(|f| panic!("{name} cannot be reviewed: {:?}", f.issues))
}

fn inv<'a>(reviewed: &'a kientruc::review::Reviewed<'_>) -> Vec<(&'a str, &'a str)> {
    reviewed
        .findings
        .iter()
        .filter(|f| f.code().starts_with("INV"))
        .map(|f| (f.code(), f.element.as_str()))
        .collect()
}

#[test]
fn every_example_proposal_can_be_reviewed() {
    let mut names: Vec<String> = std::fs::read_dir(root().join("examples/proposals"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 6);
    for name in &names {
        let r = review(name);
        // No example clashes with the model or names something it does not have.
        assert!(
            r.findings
                .iter()
                .all(|f| !matches!(f.code(), "KT001" | "KT002" | "KT003")),
            "{name}: {:?}",
            r.findings.iter().map(|f| f.code()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_incomplete_idea_is_not_ready() {
    let r = review("bai-do-xe-thong-minh.yaml");
    assert!(!r.verdict.ready);
    assert_eq!(
        inv(&r),
        vec![("INV001", "da-bai-do-xe"), ("INV001", "app-bai-do-xe")]
    );
}

#[test]
fn the_health_platform_rebuilds_ioc_vneid_and_the_health_records() {
    let r = review("y-te-thong-minh.yaml");
    assert!(!r.verdict.ready);
    assert_eq!(inv(&r), vec![("INV002", "tt-dieu-hanh-y-te")]);
    assert_eq!(r.verdict.at_stake.capex, 26_000_000_000);
    assert_eq!(r.verdict.at_stake.opex, 1_800_000_000);
    let reuse: Vec<&str> = r
        .verdict
        .reuse
        .iter()
        .map(|x| x.existing.id.as_str())
        .collect();
    assert_eq!(reuse, vec!["ioc", "vn.vneid", "ho-so-suc-khoe"]);
}

#[test]
fn the_proposals_that_reuse_and_inherit_cause_no_investment_finding() {
    for name in [
        "giao-thong-trat-tu.yaml",
        "quy-hoach-xay-dung.yaml",
        "dat-dai-nang-cap.yaml",
        "moi-truong-quan-trac.yaml",
    ] {
        let r = review(name);
        assert!(inv(&r).is_empty(), "{name}: {:?}", inv(&r));
        assert!(r.verdict.reuse.is_empty(), "{name}");
    }
    let land = review("dat-dai-nang-cap.yaml");
    let link = &land.verdict.links[0];
    assert_eq!(
        (
            link.target.id.as_str(),
            link.via.as_ref().map(|v| v.id.as_str()),
            link.declared
        ),
        ("vn.csdl-dat-dai", Some("lgsp"), true)
    );
}

#[test]
fn each_example_gets_the_verdict_its_readme_states() {
    let cases = [
        ("giao-thong-trat-tu.yaml", true),
        ("quy-hoach-xay-dung.yaml", true),
        ("dat-dai-nang-cap.yaml", true),
        ("y-te-thong-minh.yaml", false),
        ("moi-truong-quan-trac.yaml", false),
        ("bai-do-xe-thong-minh.yaml", false),
    ];
    for (name, ready) in cases {
        let r = review(name);
        assert_eq!(r.verdict.ready, ready, "{name}");
        assert_eq!(r.exit_code(), u8::from(!ready), "{name}");
    }
    // The point-to-point links are the only reason the environment proposal is not ready.
    let r = review("moi-truong-quan-trac.yaml");
    let codes: Vec<(&str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.code(), f.element.as_str()))
        .collect();
    assert_eq!(codes, vec![("SHARE002", "quan-trac-mt-2"); 3]);
    // Replacing ht-dat-dai resolves the model's REUSE003 gap: its waiver now matches nothing.
    let r = review("dat-dai-nang-cap.yaml");
    let codes: Vec<(&str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.code(), f.element.as_str()))
        .collect();
    assert_eq!(codes, vec![("KT008", "ht-dat-dai")]);
}

/// The README shows what `review` prints today for the health proposal.
#[test]
fn readme_shows_the_current_review_of_the_health_proposal() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let text = kientruc::review::human::render(&review("y-te-thong-minh.yaml"), Lang::En, false);
    let start = text.find("Verdict:").unwrap();
    let end = text.find("Reuse instead of building").unwrap();
    let excerpt = text[start..end].trim_end();
    assert!(
        readme.contains(excerpt),
        "README's review excerpt is stale:\n{excerpt}"
    );
}

/// `review --graph FILE` draws the proposal's neighbourhood, in the format the extension names.
#[test]
fn review_draws_the_proposals_neighbourhood() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("de-xuat.svg");
    let root = env!("CARGO_MANIFEST_DIR");
    let run = |graph: &std::path::Path| {
        assert_cmd::Command::cargo_bin("kientruc")
            .unwrap()
            .args([
                "review",
                &format!("{root}/examples/proposals/y-te-thong-minh.yaml"),
            ])
            .args([
                "--model",
                &format!("{root}/models/bac-lieu"),
                "--today",
                "2026-01-15",
                "--lang",
                "en",
            ])
            .arg("--graph")
            .arg(graph)
            .output()
            .unwrap()
    };
    let output = run(&svg);
    assert_eq!(output.status.code(), Some(1), "the proposal is not ready");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.starts_with("<?xml") || text.starts_with("<svg"),
        "{}",
        &text[..80.min(text.len())]
    );
    assert!(
        text.contains("tt-dieu-hanh-y-te"),
        "the new system is drawn"
    );
    assert!(text.contains("NEW"), "new elements are marked");
    assert!(text.contains("DUP002"), "findings are shown");
    assert!(
        !text.contains("qlvb-gddt"),
        "elements far from the proposal are left out"
    );
    let bad = run(&dir.path().join("de-xuat.pdf"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains(".svg, .html"));
}
