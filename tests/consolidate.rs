//! `kientruc consolidate` on Bạc Liêu + Cà Mau merged: it finds the pairs a planner would
//! name (both LGSPs, one-stop systems, document systems, data centres, IOCs, web portals,
//! e-mail, SOCs, video conferencing, GIS, environmental monitoring, hospital systems, health
//! records, citizen apps, budget and education systems), proposes what to keep with reasons,
//! groups the findings the second platforms cause, follows a decisions file, writes a proposal
//! that `review` accepts, and gives the same bytes twice, in both languages.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `kientruc merge` of the two shipped provinces into `ca-mau` (options follow).
const MERGE_BOTH: [&str; 5] = [
    "merge",
    "models/bac-lieu",
    "models/ca-mau",
    "--id",
    "ca-mau",
];

fn kientruc() -> Command {
    let mut command = Command::cargo_bin("kientruc").unwrap();
    command
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .current_dir(ROOT);
    command
}

/// The merged model, written once for all tests of this file.
fn merged() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("ca-mau-2025");
        kientruc()
            .args(MERGE_BOTH)
            .args(["--map", "examples/merge/ca-mau-2025.map.yaml", "-o"])
            .arg(&dir)
            .assert()
            .code(0);
        (temp, dir)
    })
    .1
}

fn plan(extra: &[&str]) -> Value {
    let output = kientruc()
        .arg("consolidate")
        .arg(merged())
        .args(["--format", "json", "--today", "2026-01-15", "--lang", "en"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

fn members(group: &Value) -> BTreeSet<String> {
    ids(&group["keep"])
        .into_iter()
        .chain(ids(&group["retire"]))
        .collect()
}

fn group_with<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| members(g).contains(id))
        .unwrap_or_else(|| panic!("no group holds {id}"))
}

#[test]
fn finds_the_pairs_a_planner_would_name() {
    let plan = plan(&[]);
    let groups: Vec<BTreeSet<String>> = plan["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(members)
        .collect();
    let expected: &[&[&str]] = &[
        &["bac-lieu.lgsp", "ca-mau.lgsp"],                     // LGSPs
        &["bac-lieu.tthc", "ca-mau.tthc"],                     // one-stop (TTHC) systems
        &["qlvb", "qlvb-dh", "qlvb-gddt"],                     // document systems
        &["dc-tinh", "ttdl-tinh"],                             // data centres
        &["ioc", "ioc-tinh"],                                  // IOCs
        &["bac-lieu.cong-ttdt", "ca-mau.cong-ttdt"],           // web portals
        &["email-cong-vu", "thu-dien-tu"],                     // e-mail
        &["soc", "soc-tinh"],                                  // SOCs
        &["bac-lieu.hop-truc-tuyen", "ca-mau.hop-truc-tuyen"], // video conferencing
        &["bac-lieu.gis-tnmt", "ca-mau.gis-tnmt"],             // GIS
        &["bac-lieu.quan-trac-mt", "ca-mau.quan-trac-mt"],     // environmental monitoring
        &["bac-lieu.his-bvdk", "ca-mau.his-bvdk"],             // hospital systems
        &["ho-so-suc-khoe", "hssk"],                           // health records
        &["app-c-bac-lieu", "app-ca-mau-s"],                   // citizen apps
        &["ngan-sach", "ql-ngan-sach"],                        // budget
        &["bac-lieu.csdl-giao-duc", "ca-mau.csdl-giao-duc"],   // education
        &[
            "bac-lieu.phan-anh-hien-truong",
            "ca-mau.phan-anh-hien-truong",
        ], // field reports
        &["ht-dat-dai", "ht-tt-dat-dai"],                      // land
        &["bao-cao-tinh", "he-thong-bao-cao"],                 // reporting
        &["bac-lieu.qlcbccvc", "ca-mau.qlcbccvc"],             // civil servants
        &["bac-lieu.luu-tru-dien-tu", "ca-mau.luu-tru-dien-tu"], // archives
        &["kho-dl-tong-hop", "ndl-thong-minh"],                // data warehouses (same master data)
    ];
    for pair in expected {
        let pair: BTreeSet<String> = pair.iter().map(|s| s.to_string()).collect();
        assert!(groups.contains(&pair), "missing {pair:?} in {groups:#?}");
    }
    // Every group spans both former provinces.
    for group in plan["groups"].as_array().unwrap() {
        let origins: BTreeSet<&str> = group["keep"]
            .as_array()
            .unwrap()
            .iter()
            .chain(group["retire"].as_array().unwrap())
            .map(|m| m["origin"].as_str().unwrap())
            .collect();
        assert_eq!(origins.len(), 2, "{}", group["title"]);
    }
}

#[test]
fn proposes_what_to_keep_with_reasons_savings_migration_and_links() {
    let plan = plan(&[]);
    let lgsp = group_with(&plan, "ca-mau.lgsp");
    assert_eq!(ids(&lgsp["keep"]), ["ca-mau.lgsp"]);
    assert_eq!(ids(&lgsp["retire"]), ["bac-lieu.lgsp"]);
    assert_eq!(lgsp["opex_saved"], 600_000_000);
    let reasons: Vec<&str> = lgsp["retire"][0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(reasons[0], "plan.reason.platform");
    // Everything that used the second LGSP is re-pointed.
    let repoints = lgsp["repoints"].as_array().unwrap();
    assert!(repoints.len() > 20, "{}", repoints.len());
    assert!(repoints.iter().any(|r| r["system"] == "bac-lieu.tthc"
        && r["edge"] == "depends_on"
        && r["to"] == "ca-mau.lgsp"));
    // The findings the second platforms cause are grouped under them, not left loose.
    let dc = group_with(&plan, "ttdl-tinh");
    let by_code = |g: &Value, code: &str| g["findings"]["by_code"][code].as_u64().unwrap_or(0);
    assert!(by_code(lgsp, "REUSE002") >= 10, "{}", lgsp["findings"]);
    assert_eq!(by_code(lgsp, "REUSE001"), 1);
    assert!(by_code(dc, "REUSE003") >= 5, "{}", dc["findings"]);
    assert!(
        plan["summary"]["findings_grouped"].as_u64().unwrap() * 10
            >= plan["summary"]["findings_total"].as_u64().unwrap() * 9
    );

    // The one-stop system: the leased Bạc Liêu system is retired, its records migrated.
    let tthc = group_with(&plan, "ca-mau.tthc");
    assert_eq!(ids(&tthc["retire"]), ["bac-lieu.tthc"]);
    assert!(
        tthc["retire"][0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["key"] == "plan.reason.lease_gone")
    );
    let migrations = tthc["migrations"].as_array().unwrap();
    assert!(
        migrations
            .iter()
            .any(|m| m["data"] == "bac-lieu.hs-tthc" && m["into"] == "ca-mau.hs-tthc")
    );
    // Two hospitals stay two hospitals.
    let his = group_with(&plan, "ca-mau.his-bvdk");
    assert_eq!(his["choice"], "separate-owners");
    assert!(his["retire"].as_array().unwrap().is_empty());
    // A data set two retired systems both master moves once.
    let moved: Vec<&str> = plan["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["migrations"].as_array().unwrap())
        .map(|m| m["data"].as_str().unwrap())
        .collect();
    let unique: BTreeSet<&str> = moved.iter().copied().collect();
    assert_eq!(moved.len(), unique.len());
}

#[test]
fn a_decisions_file_overrides_the_proposal() {
    let plan = plan(&["--decisions", "examples/merge/ca-mau-2025.decisions.yaml"]);
    assert_eq!(plan["summary"]["decided"], 3);
    let counters = group_with(&plan, "ca-mau.mot-cua-tinh");
    assert_eq!(counters["choice"], "decided");
    assert!(counters["retire"].as_array().unwrap().is_empty());
    let warehouse = group_with(&plan, "kho-dl-tong-hop");
    assert_eq!(ids(&warehouse["keep"]), ["kho-dl-tong-hop"]);
    assert_eq!(ids(&warehouse["retire"]), ["ndl-thong-minh"]);
    assert!(
        warehouse["choice_text"]
            .as_str()
            .unwrap()
            .contains("Đang vận hành")
    );
}

#[test]
fn a_bad_decisions_file_is_located() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("decisions.yaml");
    std::fs::write(
        &file,
        "decisions:\n  - keep: [ca-mau.lgspp]\n  - keep: [ca-mau.lgsp, ca-mau.tthc]\n  - keep: [ttdl-tinh]\n  - keep: [dc-tinh]\n",
    )
    .unwrap();
    let shown = file.display().to_string();
    kientruc()
        .arg("consolidate")
        .arg(merged())
        .args(["--lang", "en", "--decisions"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(contains(format!("{shown}:2:12: error: `ca-mau.lgspp` is in none of the plan's groups of duplicates (did you mean `ca-mau.lgsp`?)")))
        .stderr(contains(format!("{shown}:3:25: error: `ca-mau.tthc` is in another group than `ca-mau.lgsp`")))
        .stderr(contains(format!("{shown}:5:12: error: this group is decided already")))
        .stderr(contains(format!("{shown}:4:12: note: the first decision")));
}

#[test]
fn the_proposal_is_accepted_by_review() {
    let temp = tempfile::tempdir().unwrap();
    let proposal = temp.path().join("hop-nhat.yaml");
    kientruc()
        .arg("consolidate")
        .arg(merged())
        .args(["--today", "2026-01-15", "--lang", "en", "--proposal-out"])
        .arg(&proposal)
        .assert()
        .code(0)
        .stderr(contains("Wrote the proposal"));
    let text = std::fs::read_to_string(&proposal).unwrap();
    assert!(text.contains("    status: proposed\n"));
    assert!(text.contains("    replaces: [bac-lieu.lgsp]\n"), "{text}");
    assert!(
        text.contains("      master: [bac-lieu.hs-tthc, bac-lieu.kq-tthc]\n"),
        "{text}"
    );
    kientruc()
        .arg("review")
        .arg(&proposal)
        .arg("--model")
        .arg(merged())
        .args(["--today", "2026-01-15", "--lang", "en"])
        .assert()
        // READY: retiring Bạc Liêu's IOC and smart-data platform, designated platforms, hands
        // their capabilities to the successors (no REUSE006), which rebuild nothing that stays
        // (no INV002, no money at stake).
        .code(0)
        .stdout(contains("READY"))
        .stdout(contains("The proposal causes 0 errors"))
        .stdout(contains(
            "The proposal rebuilds no capability or data set that already exists",
        ))
        .stdout(contains("REUSE006").not())
        .stdout(contains("hop-nhat-ca-mau"));
    assert!(
        text.contains("    provides: [smart-city-monitoring]\n"),
        "the IOC's successor takes the platform over: {text}"
    );
}

#[test]
fn outputs_are_deterministic_and_bilingual() {
    for format in ["json", "markdown", "human"] {
        let run = |lang: &str| {
            kientruc()
                .arg("consolidate")
                .arg(merged())
                .args(["--format", format, "--today", "2026-01-15", "--lang", lang])
                .output()
                .unwrap()
                .stdout
        };
        assert_eq!(run("vi"), run("vi"), "{format}");
        let vi = String::from_utf8(run("vi")).unwrap();
        let en = String::from_utf8(run("en")).unwrap();
        assert!(
            vi.contains("Kế hoạch hợp nhất") || vi.contains("\"lang\": \"vi\""),
            "{format}"
        );
        assert!(
            en.contains("Consolidation plan") || en.contains("\"lang\": \"en\""),
            "{format}"
        );
        if format != "json" {
            assert!(vi.contains("Giữ") && en.contains("Keep"), "{format}");
            assert!(
                vi.contains("đồng/năm") && en.contains("VND a year"),
                "{format}"
            );
        }
    }
}

#[test]
fn outputs_inside_the_model_are_refused() {
    let inside = merged().join("plan.md");
    kientruc()
        .arg("consolidate")
        .arg(merged())
        .args(["--lang", "en", "-o"])
        .arg(&inside)
        .assert()
        .code(2)
        .stderr(contains("lies inside the model"));
    assert!(!inside.exists());
}

#[test]
fn a_model_that_was_not_merged_has_nothing_to_consolidate() {
    kientruc()
        .args(["consolidate", "models/bac-lieu", "--lang", "en"])
        .assert()
        .code(0)
        .stdout(contains("No system carries `origin`"));
}
