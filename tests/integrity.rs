//! KT001–KT003 and KT008 on their fixtures: each fires where it should, with the right element
//! and place, and stays quiet on its near miss.

use std::path::PathBuf;

use chrono::NaiveDate;
use kientruc::i18n::Lang;
use kientruc::{Checked, Options};

fn options() -> Options {
    Options {
        lang: Lang::En,
        today: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        framework: None,
    }
}

fn fixture(code: &str, case: &str) -> Checked {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
        .join(case);
    kientruc::check(&path, options())
        .unwrap_or_else(|f| panic!("{code}/{case} does not load: {:?}", f.issues))
}

/// `(code, element, line, column)` of every finding.
fn summary(checked: &Checked) -> Vec<(String, String, usize, usize)> {
    checked
        .findings
        .iter()
        .map(|f| {
            let pos = checked.loaded.sources.position(f.loc);
            (f.code.to_string(), f.element.clone(), pos.line, pos.column)
        })
        .collect()
}

fn short(checked: &Checked) -> String {
    let report = kientruc::report::Report {
        findings: &checked.findings,
        sources: &checked.loaded.sources,
        stats: &checked.stats,
        lang: Lang::En,
        color: false,
        base: "",
        baseline: None,
    };
    kientruc::report::short::render(&report)
}

fn fires(code: &str, expected: &[(&str, usize, usize)]) {
    let checked = fixture(code, "fail");
    let found = summary(&checked);
    let want: Vec<(String, String, usize, usize)> = expected
        .iter()
        .map(|(e, l, c)| (code.to_string(), e.to_string(), *l, *c))
        .collect();
    assert_eq!(found, want, "{}", short(&checked));
    insta::assert_snapshot!(format!("{}_fail", code.to_lowercase()), short(&checked));
    let near_miss = fixture(code, "pass");
    assert!(
        near_miss.findings.iter().all(|f| f.code != code),
        "{}",
        short(&near_miss)
    );
}

#[test]
fn kt001_unknown_reference_suggests_the_nearest_id() {
    fires("KT001", &[("dc-tnih", 28, 16)]);
    let checked = fixture("KT001", "fail");
    assert!(
        checked.findings[0]
            .message
            .contains("did you mean `dc-tinh`?")
    );
    assert_eq!(checked.findings[0].related[0].element, "dc-tinh");
}

#[test]
fn kt002_duplicate_id_shows_both_places() {
    fires("KT002", &[("lgsp", 30, 9)]);
    let checked = fixture("KT002", "fail");
    let first = checked
        .loaded
        .sources
        .position(checked.findings[0].related[0].loc);
    assert_eq!((first.line, first.column), (23, 9));
}

#[test]
fn kt003_cycle_is_shown_whole() {
    fires("KT003", &[("dc-tinh", 22, 18)]);
    let checked = fixture("KT003", "fail");
    assert!(
        checked.findings[0]
            .message
            .ends_with("dc-tinh → lgsp → dc-tinh")
    );
    assert_eq!(checked.findings[0].related[0].element, "lgsp");
}

#[test]
fn kt008_unused_waiver() {
    fires("KT008", &[("lgsp", 31, 14)]);
}

#[test]
fn integrity_first_stops_other_rules() {
    // The KT001 fixture also has a waiver-free model: only KT findings may appear.
    let checked = fixture("KT001", "fail");
    assert!(checked.findings.iter().all(|f| f.code.starts_with("KT00")));
}

/// A finding's key (baselines, diff, review) must not change with the language.
#[test]
fn finding_keys_do_not_depend_on_the_language() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "tests/fixtures/rules/KT001/fail",
        "tests/fixtures/rules/KT002/fail",
        "examples/broken/dup",
        "models/bac-lieu",
    ] {
        let keys = |lang| {
            let options = Options { lang, ..options() };
            let checked = kientruc::check(&root.join(dir), options).unwrap();
            checked
                .findings
                .iter()
                .map(|f| (f.code, f.element.clone(), f.key.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(Lang::Vi), keys(Lang::En), "{dir}");
    }
}
