//! The rule harness, driven by the registry: for every rule of `rules::ALL` (the investment
//! rules excepted: they judge a proposal, see `tests/review.rs`), its `fail` fixture yields
//! exactly the findings listed in `tests/fixtures/rules/CODE/fail/expected.txt` — severity,
//! element, place, and each related element with its place — and its `pass` fixture (a near
//! miss) yields none of that rule. One snapshot per rule holds its messages in both languages.
//!
//! `expected.txt` has one line per finding, `severity element file:line:column`, followed by
//! one line per related place, `  related element file:line:column`. To add a rule: write both
//! fixtures and the expected file by hand, from what a planner would expect, then run the test.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kientruc::finding::{Finding, Principle};
use kientruc::i18n::Lang;
use kientruc::report::{Report, short};
use kientruc::rules::{ALL, Rule};
use kientruc::{Checked, Options};

fn options() -> Options {
    Options {
        today: NaiveDate::from_ymd_opt(2026, 1, 15).expect("a valid date"),
        framework: None,
    }
}

fn fixture(rule: &Rule, case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule.code)
        .join(case)
}

fn judged(path: &Path) -> Checked {
    kientruc::check(path, &options()).unwrap_or_else(|failure| {
        panic!(
            "{} does not load: {}",
            path.display(),
            short::render_issues(&failure.issues, &failure.sources, Lang::En)
        )
    })
}

fn of<'a>(checked: &'a Checked, rule: &Rule) -> Vec<&'a Finding> {
    checked
        .findings
        .iter()
        .filter(|f| f.code() == rule.code)
        .collect()
}

/// The findings of `rule`, in the format of `expected.txt`.
fn listing(checked: &Checked, rule: &Rule) -> String {
    let sources = &checked.loaded.sources;
    let place = |loc| {
        let p = sources.position(loc);
        format!("{}:{}:{}", sources.path(loc), p.line, p.column)
    };
    let mut out = String::new();
    for f in of(checked, rule) {
        out.push_str(&format!(
            "{} {} {}\n",
            f.severity.as_str(),
            f.element,
            place(f.loc)
        ));
        for r in &f.related {
            out.push_str(&format!("  related {} {}\n", r.element, place(r.loc)));
        }
    }
    out
}

fn short_of(checked: &Checked, rule: &Rule, lang: Lang) -> String {
    let findings: Vec<Finding> = of(checked, rule).into_iter().cloned().collect();
    short::render(&Report::new(
        &findings,
        &checked.coverage,
        &checked.loaded.sources,
        &checked.stats,
        lang,
    ))
}

fn judged_rules() -> impl Iterator<Item = &'static Rule> {
    ALL.iter().filter(|r| r.principle != Principle::Investment)
}

#[test]
fn every_rule_fires_as_expected_on_its_fixture() {
    let mut failures = Vec::new();
    for rule in judged_rules() {
        let dir = fixture(rule, "fail");
        let expected_file = dir.join("expected.txt");
        let expected = std::fs::read_to_string(&expected_file)
            .unwrap_or_else(|_| panic!("{} has no {}", rule.code, expected_file.display()));
        let checked = judged(&dir);
        let actual = listing(&checked, rule);
        if actual.is_empty() {
            failures.push(format!("{} does not fire on its fail fixture", rule.code));
        } else if actual != expected {
            failures.push(format!(
                "{}: expected\n{expected}found\n{actual}",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_rule_fires_on_its_near_miss() {
    for rule in judged_rules() {
        let checked = judged(&fixture(rule, "pass"));
        assert_eq!(
            listing(&checked, rule),
            "",
            "{} fires on its pass fixture",
            rule.code
        );
    }
}

#[test]
fn every_rule_has_one_snapshot_of_its_messages() {
    for rule in judged_rules() {
        let checked = judged(&fixture(rule, "fail"));
        let text = format!(
            "{}\n{}",
            short_of(&checked, rule, Lang::En),
            short_of(&checked, rule, Lang::Vi)
        );
        insta::assert_snapshot!(format!("rule_{}", rule.code), text);
    }
}
