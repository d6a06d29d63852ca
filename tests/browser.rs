//! The meeting page in a real browser: Debian's Chromium driven by puppeteer-core
//! (tests/js/browser.mjs, installed by `.ci/run`). On the Bạc Liêu page and on the page of
//! Bạc Liêu and Cà Mau merged: no console error, search (folded, over owners, by rule code,
//! Enter steps to the next match, each brought into view), focus with depth and direction,
//! the layer and owner filters, the findings panel (counted as `check` counts, most severe
//! first, code spans rendered, a click leads to the node), zoom, and print (A3 landscape).
//! `KIENTRUC_CHROMIUM` names another browser.

#[path = "support/run.rs"]
mod run;
#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("KIENTRUC_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.is_file() {
        Some(path)
    } else {
        tools::missing("chromium", "the meeting page is not tried in a browser");
        None
    }
}

/// Runs every interaction on the page of `model`; `None` when a tool is missing (locally).
fn drive(model: &Path) -> Option<(Value, Value)> {
    let browser = chromium()?;
    let modules = tools::node_modules("the meeting page is not tried in a browser")?;
    if !modules.join("puppeteer-core").is_dir() {
        tools::missing(
            "puppeteer-core",
            "the meeting page is not tried in a browser",
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let common: [&std::ffi::OsStr; 3] = [
        "--findings".as_ref(),
        "--today".as_ref(),
        "2026-01-15".as_ref(),
    ];
    let mut args: Vec<&std::ffi::OsStr> = vec!["graph".as_ref(), model.as_os_str()];
    args.extend([
        "--format".as_ref(),
        "html".as_ref(),
        "-o".as_ref(),
        page.as_os_str(),
    ]);
    args.extend(common);
    run::kientruc(&args);
    let check: Value = serde_json::from_str(&run::kientruc(&[
        "check".as_ref(),
        model.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--today".as_ref(),
        "2026-01-15".as_ref(),
    ]))
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/browser.mjs");
    let output = Command::new("node")
        .arg(&script)
        .arg(&page)
        .arg(&browser)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result = serde_json::from_slice(&output.stdout).expect("one JSON result");
    Some((result, check))
}

fn ids(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

fn interactions_work(result: &Value, check: &Value) {
    assert_eq!(result["problems"], serde_json::json!([]), "console errors");
    assert!(result["nodes"].as_u64().unwrap() > 40);

    let search = &result["search"];
    let expected = ids(&search["expected"]);
    assert!(expected.len() >= 2, "{search}");
    assert_eq!(ids(&search["lit"]), expected, "search lights its matches");
    assert_eq!(search["count"], format!("1/{}", expected.len()));
    assert_eq!(search["second_count"], format!("2/{}", expected.len()));
    for key in ["first", "second"] {
        let selected = search[key].as_array().unwrap();
        assert_eq!(selected.len(), 1, "{search}");
        assert!(
            selected[0]["visible"].as_bool().unwrap(),
            "brought into view"
        );
        assert!(expected.contains(&selected[0]["id"].as_str().unwrap()));
    }
    assert_ne!(search["first"], search["second"], "Enter steps to the next");
    let code = &result["code_search"];
    assert!(!ids(&code["expected"]).is_empty(), "{code}");
    assert_eq!(code["lit"], code["expected"]);

    let focus = result["focus"].as_array().unwrap();
    assert_eq!(focus.len(), 4);
    for f in focus {
        assert_eq!(
            f["lit"], f["expected"],
            "focus {} {}",
            f["depth"], f["direction"]
        );
        assert!(f["selected"][0]["visible"].as_bool().unwrap());
    }
    let size = |i: usize| focus[i]["lit"].as_array().unwrap().len();
    assert!(size(0) < size(1), "two steps light more than one");
    assert!(
        size(2) < size(0) && size(3) < size(0),
        "one direction lights less"
    );

    for filter in ["layer", "owner"] {
        let f = &result[filter];
        assert!(!ids(&f["expected_hidden"]).is_empty(), "{f}");
        assert_eq!(f["hidden"], f["expected_hidden"], "{filter} filter");
    }

    // The panel counts as `check` does, most severe first, code spans rendered.
    let findings = result["findings"].as_array().unwrap();
    let counted = check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["waived"].is_null() || f["waived"] == false)
        .count();
    let summary = &check["summary"];
    let total: u64 = ["error", "warning", "info"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .sum();
    assert_eq!(findings.len() as u64, total, "{summary}");
    assert!(counted >= findings.len());
    let rank = |s: &str| ["error", "warning", "info"].iter().position(|k| *k == s);
    let ranks: Vec<_> = findings
        .iter()
        .map(|f| rank(f["severity"].as_str().unwrap()).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert!(
        findings
            .iter()
            .all(|f| !f["text"].as_str().unwrap().contains('`'))
    );
    assert!(findings.iter().any(|f| f["codes"].as_u64().unwrap() > 1));
    let click = &result["finding_click"];
    assert_eq!(click["selected"][0]["id"], click["id"]);
    assert!(click["selected"][0]["visible"].as_bool().unwrap());

    let zoom = &result["zoom"];
    let (before, bigger, smaller) = (
        zoom["before"].as_f64().unwrap(),
        zoom["bigger"].as_f64().unwrap(),
        zoom["smaller"].as_f64().unwrap(),
    );
    assert!(bigger > before * 1.2 && smaller < before, "{zoom}");
    assert_eq!(result["print"]["search_display"], "none");
    assert_eq!(result["print"]["pdf"], "%PDF");
}

#[test]
fn the_bac_lieu_page_works_in_chromium() {
    if let Some((result, check)) = drive(Path::new("models/bac-lieu")) {
        interactions_work(&result, &check);
        assert_eq!(result["owner"]["owner"], "so-y-te");
        // The hospital, owned by an agency under Sở Y tế, stays.
        assert!(!ids(&result["owner"]["hidden"]).contains(&"his-bvdk"));
    }
}

#[test]
fn the_two_province_page_works_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let merged = run::merged(dir.path());
    if let Some((result, check)) = drive(&merged) {
        interactions_work(&result, &check);
    }
}
