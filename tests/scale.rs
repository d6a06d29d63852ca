//! Answers that do not depend on the size of the model or on the number of threads: every
//! mistyped reference of a generated multi-province model gets its "did you mean" whatever
//! else the model holds, and the JSON report is the same bytes on one thread and on two.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;

/// Writes a model of `provinces` provinces of `systems` systems each, in one directory per
/// province (systems in parts of 10), with one mistyped reference per province:
/// `pNN.he-thong-0004` depends on `pNN.he-thong-003` (a digit left out of `pNN.he-thong-0003`).
/// A model of `provinces` × `systems`; with `typo`, system 4 of each province depends on a
/// mistyped id (so only the integrity rules run).
fn generate(dir: &Path, provinces: usize, systems: usize, typo: bool) {
    std::fs::write(
        dir.join("model.yaml"),
        "model:\n  id: tong-hop\n  name: Mô hình tổng hợp\n  version: \"1.0\"\n  framework: \"3.0\"\n  reference: none\n",
    )
    .unwrap();
    for p in 0..provinces {
        let code = format!("p{p:02}");
        let province = dir.join(&code);
        std::fs::create_dir_all(province.join("systems")).unwrap();
        std::fs::write(
            province.join("agencies.yaml"),
            format!("agencies:\n  - id: {code}.so-tttt\n    name: Sở Thông tin và Truyền thông {p}\n    level: province\n"),
        )
        .unwrap();
        for part in 0..systems.div_ceil(10) {
            let mut text = String::from("systems:\n");
            for i in part * 10..((part + 1) * 10).min(systems) {
                let depends = if i == 4 && typo {
                    format!("[{code}.he-thong-003]")
                } else if i > 0 {
                    format!("[{code}.he-thong-{:04}]", i - 1)
                } else {
                    "[]".to_string()
                };
                // Without the typo, findings of several rules: system 0 unclassified, systems
                // 1 and 2 named alike…
                let name = if !typo && i == 2 {
                    format!("Hệ thống 1 tỉnh {p}")
                } else {
                    format!("Hệ thống {i} tỉnh {p}")
                };
                let security = if !typo && i == 0 {
                    ""
                } else {
                    "    security_level: 2\n"
                };
                // … and system 4 depending on system 3, retired.
                let status = if !typo && i == 3 {
                    "retired"
                } else {
                    "operational"
                };
                let _ = write!(
                    text,
                    "  - id: {code}.he-thong-{i:04}\n    name: {name}\n    layer: application\n    owner: {code}.so-tttt\n    status: {status}\n{security}    depends_on: {depends}\n"
                );
            }
            std::fs::write(
                province
                    .join("systems")
                    .join(format!("part-{part:02}.yaml")),
                text,
            )
            .unwrap();
        }
    }
}

fn check_json(dir: &Path, threads: &str) -> Vec<u8> {
    let out = Command::cargo_bin("kientruc")
        .unwrap()
        .env("KIENTRUC_THREADS", threads)
        .args(["check", "--format", "json", "--today", "2025-01-01"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "check ran: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn kt001(json: &[u8]) -> Vec<(String, Option<String>)> {
    let report: serde_json::Value = serde_json::from_slice(json).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "KT001")
        .map(|f| {
            (
                f["arguments"]["id"].as_str().unwrap().to_string(),
                f["arguments"]["suggestion"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn every_unknown_reference_gets_its_suggestion_at_every_size() {
    for provinces in [1, 8, 40] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), provinces, 30, true);
        let found = kt001(&check_json(dir.path(), "2"));
        let expected: Vec<(String, Option<String>)> = (0..provinces)
            .map(|p| {
                (
                    format!("p{p:02}.he-thong-003"),
                    Some(format!("p{p:02}.he-thong-0003")),
                )
            })
            .collect();
        let mut found_sorted = found.clone();
        found_sorted.sort();
        assert_eq!(found_sorted, expected, "at {provinces} provinces");
    }
}

#[test]
fn the_report_is_the_same_on_one_thread_and_on_two() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 6, 25, false);
    let one = check_json(dir.path(), "1");
    let two = check_json(dir.path(), "2");
    assert!(one.len() > 1000, "a real report");
    assert_eq!(String::from_utf8_lossy(&one), String::from_utf8_lossy(&two));
    // The rules run on the threads too: findings of several rules, joined in the same order
    // with more threads than rules take turns.
    let report: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let codes: std::collections::BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.len() >= 3, "findings of several rules: {codes:?}");
    let many = check_json(dir.path(), "40");
    assert_eq!(
        String::from_utf8_lossy(&one),
        String::from_utf8_lossy(&many)
    );
}

#[test]
fn load_errors_in_several_files_read_the_same_on_one_thread_and_on_two() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 5, 20, true);
    // A schema error in one file, a YAML syntax error in another, and bytes that are no UTF-8
    // in a third: the issues come in path order whatever thread met them first.
    std::fs::write(
        dir.path().join("p01/systems/part-00.yaml"),
        "systems:\n  - id: p01.x\n    name: X\n    layer: nowhere\n    owner: p01.so-tttt\n    status: operational\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("p03/agencies.yaml"), "agencies: [\n").unwrap();
    std::fs::write(
        dir.path().join("p04/agencies.yaml"),
        b"agencies:\n  - id: \xff\n",
    )
    .unwrap();
    let run = |threads: &str| {
        let out = Command::cargo_bin("kientruc")
            .unwrap()
            .env("KIENTRUC_THREADS", threads)
            .args(["check", "--lang", "en", "--today", "2025-01-01"])
            .arg(dir.path())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one, two);
    let text = format!("{}{}", one.1, one.2);
    let (a, b, c) = (
        text.find("p01/systems/part-00.yaml")
            .expect("the schema error"),
        text.find("p03/agencies.yaml").expect("the syntax error"),
        text.find("p04/agencies.yaml").expect("the encoding error"),
    );
    assert!(a < b && b < c, "in path order:\n{text}");
}
