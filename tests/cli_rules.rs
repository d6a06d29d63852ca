//! `kientruc rules` and `kientruc explain`, end to end: arguments, exit codes, output.

use assert_cmd::Command;
use predicates::prelude::*;

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").expect("the kientruc binary is built");
    // The language must come from the arguments, not from the machine running the tests.
    cmd.env_remove("KIENTRUC_LANG").env_remove("LANG");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let output = kientruc()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("UTF-8 output")
}

#[test]
fn rules_lists_every_rule_in_english() {
    let out = stdout_of(&["rules", "--lang", "en"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Code"), "{out}");
    assert!(lines[0].contains("Principle"), "{out}");
    assert_eq!(lines.len(), kientruc::rules::ALL.len() + 1, "{out}");
    for (line, rule) in lines[1..].iter().zip(kientruc::rules::ALL) {
        assert!(
            line.starts_with(rule.code),
            "{line} should list {}",
            rule.code
        );
        assert!(line.contains(rule.name), "{line} should name {}", rule.name);
    }
    let dup001: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("DUP001"))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    assert_eq!(
        dup001,
        [
            "DUP001",
            "duplicate-capability",
            "error",
            "no",
            "duplication"
        ],
        "{out}"
    );
}

#[test]
fn rules_lists_every_rule_in_vietnamese() {
    let out = stdout_of(&["rules", "--lang", "vi"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Mã"), "{out}");
    assert!(lines[0].contains("Nguyên tắc"), "{out}");
    assert_eq!(lines.len(), kientruc::rules::ALL.len() + 1, "{out}");
    for (line, rule) in lines[1..].iter().zip(kientruc::rules::ALL) {
        assert!(
            line.starts_with(rule.code),
            "{line} should list {}",
            rule.code
        );
    }
    assert!(out.contains("tránh trùng lặp, lãng phí"), "{out}");
    assert!(out.contains("an toàn thông tin"), "{out}");
}

#[test]
fn explain_in_english_has_the_four_sections() {
    let out = stdout_of(&["explain", "DUP001", "--lang", "en"]);
    assert!(out.starts_with("DUP001 duplicate-capability — "), "{out}");
    assert!(out.contains("Default severity: error"), "{out}");
    for heading in [
        "## What it checks",
        "## Why it matters",
        "## Example",
        "## How to fix",
    ] {
        assert!(out.contains(heading), "{heading} missing from\n{out}");
    }
}

#[test]
fn explain_in_vietnamese_has_the_four_sections() {
    let out = stdout_of(&["explain", "dup001", "--lang", "vi"]);
    assert!(out.starts_with("DUP001 duplicate-capability — "), "{out}");
    assert!(out.contains("Mức mặc định: lỗi"), "{out}");
    for heading in [
        "## Quy tắc kiểm tra gì",
        "## Vì sao quan trọng",
        "## Ví dụ",
        "## Cách khắc phục",
    ] {
        assert!(out.contains(heading), "{heading} missing from\n{out}");
    }
}

#[test]
fn explain_an_unknown_code_exits_2() {
    kientruc()
        .args(["explain", "NOPE"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("`NOPE` không phải mã quy tắc"));
    kientruc()
        .args(["explain", "NOPE", "--lang", "en"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("`NOPE` is not a rule code"));
}

#[test]
fn explain_a_misspelt_code_suggests_the_nearest() {
    kientruc()
        .args(["explain", "DUP01", "--lang", "en"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean `DUP001`?"));
}
