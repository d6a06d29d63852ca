//! Framework catalogues as versioned data: 3.0 (corrected, as of 2024) and 4.0, the model's
//! choice and `--framework`, the time rules (TIME001–TIME003), LINK001's deadlines,
//! `kientruc catalogue`, `explain ID`, review's legal bases, and an invented third catalogue
//! from test data that rules, explain and reports follow without a code change.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;

use kientruc::finding::Severity;
use kientruc::i18n::Lang;
use kientruc::load::{Catalogues, national};
use kientruc::{Checked, Options};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn path(relative: &str) -> PathBuf {
    Path::new(ROOT).join(relative)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn installed(version: &str) -> &'static kientruc::load::Catalogue {
    national::installed()
        .expect("the built-in catalogues load")
        .get(version)
        .expect("the version is built in")
}

fn options(framework: Option<&str>, today: NaiveDate) -> Options {
    Options {
        today,
        framework: framework.map(installed),
    }
}

fn check(model: &str, framework: Option<&str>, today: NaiveDate) -> Checked {
    kientruc::check(&path(model), &options(framework, today))
        .unwrap_or_else(|f| panic!("{model} does not load: {:?}", f.issues))
}

/// `(code, element)` of every finding with `code`.
fn with_code<'a>(checked: &'a Checked, code: &str) -> Vec<&'a kientruc::finding::Finding> {
    checked
        .findings
        .iter()
        .filter(|f| f.code() == code)
        .collect()
}

fn cli() -> Command {
    let mut command = Command::cargo_bin("kientruc").expect("the binary is built");
    command
        .env("NO_COLOR", "1")
        .env_remove("KIENTRUC_LANG")
        .env_remove("LANG")
        .env_remove(national::CATALOGUE_DIR_VAR);
    command
}

fn stdout(command: &mut Command) -> String {
    let output = command.output().expect("the command runs");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn bac_lieu_under_3_0_means_what_it_meant_with_the_corrected_facts() {
    let checked = check("models/bac-lieu", None, date(2026, 1, 15));
    assert_eq!(checked.stats.framework, "3.0");
    let model = &checked.loaded.model;
    let paygov = model
        .systems
        .iter()
        .find(|s| s.id.value.as_str() == "vn.paygov")
        .expect("vn.paygov is in catalogue 3.0");
    assert_eq!(paygov.owner.value.as_str(), "vn.bo-tttt");
    assert!(
        paygov
            .description
            .as_deref()
            .unwrap_or("")
            .contains("NAPAS")
    );
    let identity = model
        .capabilities
        .iter()
        .find(|c| c.id.value.as_str() == "identity")
        .expect("identity is a national capability");
    assert!(identity.source.as_deref().unwrap_or("").contains("69/2024"));
    let ndop = model
        .systems
        .iter()
        .find(|s| s.id.value.as_str() == "vn.ndop")
        .expect("vn.ndop is in catalogue 3.0");
    assert!(ndop.name.starts_with("Nền tảng chia sẻ, điều phối dữ liệu"));
    assert!(
        ndop.source
            .as_deref()
            .unwrap_or("")
            .contains("1729/QĐ-BTTTT")
    );
    let ndc = model
        .systems
        .iter()
        .find(|s| s.id.value.as_str() == "vn.ttdl-quoc-gia")
        .expect("the National Data Centre is in catalogue 3.0");
    assert_eq!(ndc.status.as_str(), "building");
    // 2024 meaning: no reorganisation, no NDOP deadline; only the note that 3.0 was replaced.
    for code in ["TIME002", "TIME003"] {
        assert!(with_code(&checked, code).is_empty(), "{code} under 3.0");
    }
    assert!(
        !checked
            .findings
            .iter()
            .any(|f| f.code() == "LINK001" && f.text(Lang::En).contains("vn.ndop"))
    );
    let replaced = with_code(&checked, "TIME001");
    assert_eq!(replaced.len(), 1);
    assert_eq!(replaced[0].element, "bac-lieu");
    assert_eq!(replaced[0].severity, Severity::Info);
    assert!(
        replaced[0]
            .text(Lang::En)
            .contains("replaced by framework 4.0 since 2025-03-25")
    );
}

#[test]
fn bac_lieu_under_4_0_gets_what_a_2025_planner_expects() {
    let checked = check("models/bac-lieu", Some("4.0"), date(2026, 1, 15));
    assert_eq!(checked.stats.framework, "4.0");
    // NDOP: the LGSP must connect by 31/12/2026 — info until then.
    let ndop: Vec<_> = with_code(&checked, "LINK001")
        .into_iter()
        .filter(|f| f.text(Lang::En).contains("vn.ndop"))
        .collect();
    assert_eq!(ndop.len(), 1);
    assert_eq!(ndop[0].element, "lgsp");
    assert_eq!(ndop[0].severity, Severity::Info);
    assert!(ndop[0].text(Lang::En).contains("by 2026-12-31"));
    assert!(ndop[0].text(Lang::En).contains("278/2025"));
    // Successor departments: the Sở TT&TT's live systems ask "who owns it now?".
    let gone = with_code(&checked, "TIME002");
    let ioc = gone
        .iter()
        .find(|f| f.element == "ioc")
        .expect("ioc's owner so-tttt no longer exists");
    assert!(ioc.text(Lang::En).contains("who owns it now?"));
    assert!(ioc.text(Lang::En).contains("Sở Khoa học và Công nghệ"));
    assert!(ioc.text(Lang::En).contains("since 2025-03-01"));
    // An inferred merger is said to be inferred.
    let land = gone
        .iter()
        .find(|f| f.element == "dl-dat-dai")
        .expect("dl-dat-dai's owner so-tnmt no longer exists");
    assert!(land.text(Lang::En).contains("not verified"));
    // District level: communes still name their district, which no longer exists.
    let district = with_code(&checked, "TIME003");
    assert!(district.iter().any(|f| f.element == "ubnd-ngan-dua"
        && f.text(Lang::En).contains("`ubnd-hong-dan`")
        && f.text(Lang::En).contains("since 2025-07-01")));
    // After the deadline, the NDOP link is an error.
    let late = check("models/bac-lieu", Some("4.0"), date(2027, 1, 15));
    assert!(late.findings.iter().any(|f| f.code() == "LINK001"
        && f.element == "lgsp"
        && f.severity == Severity::Error
        && f.text(Lang::En).contains("vn.ndop")));
}

#[test]
fn district_agencies_owning_live_systems_are_reported_under_4_0() {
    let checked = check("tests/fixtures/rules/TIME002/fail", None, date(2026, 1, 15));
    let found: Vec<(&str, &str)> = checked
        .findings
        .iter()
        .map(|f| (f.code(), f.element.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("TIME002", "dl-van-ban"),
            ("TIME002", "mot-cua-huyen"),
            ("TIME002", "cong-tinh"),
        ]
    );
    let district = &checked.findings[1];
    assert!(district.text(Lang::En).contains("since 2025-07-01"));
    assert!(district.text(Lang::En).contains("no district level"));
    let own = &checked.findings[0];
    assert!(own.text(Lang::En).contains("since 2025-10-01"));
    assert!(own.text(Lang::En).contains("`ubnd-tinh`"));
    let near_miss = check("tests/fixtures/rules/TIME002/pass", None, date(2026, 1, 15));
    assert!(near_miss.findings.is_empty(), "{:?}", near_miss.findings);
    // The same model under 3.0 knows no reorganisation: only its own valid_until counts.
    let under_3 = check(
        "tests/fixtures/rules/TIME002/fail",
        Some("3.0"),
        date(2026, 1, 15),
    );
    let elements: Vec<&str> = with_code(&under_3, "TIME002")
        .iter()
        .map(|f| f.element.as_str())
        .collect();
    assert_eq!(elements, ["dl-van-ban"]);
}

#[test]
fn time_rules_fire_on_their_fixtures_and_not_on_near_misses() {
    let today = date(2026, 1, 15);
    let codes = |dir: &str, code: &str| -> Vec<String> {
        with_code(&check(dir, None, today), code)
            .iter()
            .map(|f| f.element.clone())
            .collect()
    };
    assert_eq!(
        codes("tests/fixtures/rules/TIME001/fail", "TIME001"),
        ["time001-fail"]
    );
    assert!(codes("tests/fixtures/rules/TIME001/pass", "TIME001").is_empty());
    assert_eq!(
        codes("tests/fixtures/rules/TIME003/fail", "TIME003"),
        ["so-tttt", "ubnd-xa"]
    );
    assert!(codes("tests/fixtures/rules/TIME003/pass", "TIME003").is_empty());
    let merged = check("tests/fixtures/rules/TIME003/fail", None, today);
    let note = with_code(&merged, "TIME003")[0];
    assert!(note.text(Lang::En).contains("merged into `vn.bo-khcn`"));
    assert!(note.text(Lang::En).contains("still resolves"));
    // Before the merger, the same reference is not reported.
    let before = check("tests/fixtures/rules/TIME003/fail", None, date(2025, 2, 1));
    assert!(with_code(&before, "TIME003").is_empty());
}

#[test]
fn the_json_document_names_the_catalogue_used() {
    let doc = |extra: &[&str]| -> serde_json::Value {
        let mut command = cli();
        command.args([
            "check",
            "models/bac-lieu",
            "--format",
            "json",
            "--today",
            "2026-01-15",
        ]);
        command.args(extra).current_dir(ROOT);
        serde_json::from_str(&stdout(&mut command)).expect("a JSON document")
    };
    assert_eq!(doc(&[])["model"]["framework"], "3.0");
    assert_eq!(doc(&["--framework", "4.0"])["model"]["framework"], "4.0");
}

#[test]
fn an_unknown_framework_is_a_located_error_listing_the_known_ones() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("model.yaml"),
        "model:\n  id: t\n  name: Tỉnh thử\n  framework: \"4.1\"\n  reference: none\n",
    )
    .expect("the model is written");
    cli()
        .args(["check", "--lang", "en", "--format", "short"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("model.yaml:4:14"))
        .stderr(predicates::str::contains("known: 3.0, 4.0"))
        .stderr(predicates::str::contains("did you mean `4.0`?"));
    cli()
        .args([
            "check",
            "models/bac-lieu",
            "--lang",
            "en",
            "--framework",
            "5.0",
        ])
        .current_dir(ROOT)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`5.0` is not a framework version with a catalogue (known: 3.0, 4.0)",
        ));
}

#[test]
fn every_catalogue_element_cites_its_legal_source_and_resolves() {
    let catalogues = national::installed().expect("the built-in catalogues load");
    assert_eq!(catalogues.versions(), "3.0, 4.0");
    for catalogue in catalogues.iter() {
        let model = catalogue.elements();
        let version = catalogue.version();
        let sources = model
            .agencies
            .iter()
            .map(|a| (a.id.value.as_str(), a.source.as_ref()))
            .chain(
                model
                    .systems
                    .iter()
                    .map(|s| (s.id.value.as_str(), s.source.as_ref())),
            )
            .chain(
                model
                    .data
                    .iter()
                    .map(|d| (d.id.value.as_str(), d.source.as_ref())),
            )
            .chain(
                model
                    .capabilities
                    .iter()
                    .map(|c| (c.id.value.as_str(), c.source.as_ref())),
            );
        for (id, source) in sources {
            assert!(
                source.is_some_and(|s| !s.trim().is_empty()),
                "{version}: {id} cites no legal source"
            );
        }
        // A model that names the version loads it, and every reference of the catalogue
        // (owners, platforms, mandatory links, successors) resolves: no KT001.
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::write(
            dir.path().join("model.yaml"),
            format!("model:\n  id: t\n  name: Tỉnh thử\n  framework: \"{version}\"\n"),
        )
        .expect("the model is written");
        let checked = kientruc::check(dir.path(), &options(None, date(2026, 1, 15)))
            .unwrap_or_else(|f| panic!("{version}: {:?}", f.issues));
        assert_eq!(checked.stats.framework, version);
        assert!(
            !checked
                .findings
                .iter()
                .any(|f| f.code().starts_with("KT00")
                    && matches!(f.code(), "KT001" | "KT002" | "KT003")),
            "{version}: {:?}",
            checked.findings
        );
    }
}

#[test]
fn catalogue_lists_both_versions_with_sources_and_uncertainty() {
    let json = |version: &str| -> serde_json::Value {
        let mut command = cli();
        command.args([
            "catalogue",
            "--framework",
            version,
            "--format",
            "json",
            "--lang",
            "en",
        ]);
        serde_json::from_str(&stdout(&mut command)).expect("a JSON document")
    };
    let find = |doc: &serde_json::Value, section: &str, id: &str| -> serde_json::Value {
        doc[section]
            .as_array()
            .and_then(|a| a.iter().find(|e| e["id"] == id).cloned())
            .unwrap_or_else(|| panic!("{id} not in {section}"))
    };
    let v3 = json("3.0");
    assert_eq!(v3["catalogue"]["version"], "3.0");
    assert_eq!(v3["catalogue"]["replaced_by"], "4.0");
    assert_eq!(find(&v3, "systems", "vn.paygov")["owner"], "vn.bo-tttt");
    assert_eq!(
        find(&v3, "systems", "vn.ttdl-quoc-gia")["status"],
        "building"
    );
    assert!(find(&v3, "systems", "vn.cong-du-lieu")["uncertain"].is_string());
    let v4 = json("4.0");
    assert_eq!(
        v4["catalogue"]["instrument"]
            .as_str()
            .map(|s| s.contains("292/QĐ-BKHCN")),
        Some(true)
    );
    assert_eq!(
        find(&v4, "agencies", "vn.bo-tttt")["successor"],
        "vn.bo-khcn"
    );
    assert_eq!(
        find(&v4, "systems", "vn.ttdl-quoc-gia")["status"],
        "operational"
    );
    assert_eq!(
        find(&v4, "systems", "vn.csdl-dat-dai")["owner"],
        "vn.bo-nnmt"
    );
    assert!(
        find(&v4, "systems", "vn.v-apex")["uncertain"]
            .as_str()
            .is_some_and(|u| u.contains("owner is unknown"))
    );
    let exchange = find(&v4, "capabilities", "data-exchange");
    assert_eq!(exchange["platform"], "vn.ndxp");
    assert_eq!(exchange["must_integrate"][0], "vn.ndop");
    assert_eq!(exchange["deadline"], "2026-12-31");
    assert_eq!(v4["catalogue"]["layers"].as_array().map(Vec::len), Some(4));
    // Human and Markdown, both languages: the same data, deterministic.
    let text = |args: &[&str]| stdout(cli().arg("catalogue").args(args));
    let vi = text(&["--framework", "4.0"]);
    assert!(vi.contains("Căn cứ pháp lý thẩm định đầu tư"));
    assert!(vi.contains("⚠ chưa chắc chắn: Chủ quản chưa xác định"));
    let markdown = text(&["--framework", "4.0", "--format", "markdown", "--lang", "en"]);
    assert!(markdown.starts_with("# National reference catalogue 4.0"));
    assert!(markdown.contains("| `vn.ndop` |"));
    assert_eq!(
        markdown,
        text(&["--framework", "4.0", "--format", "markdown", "--lang", "en"])
    );
    // The default is the catalogue a model without `framework` gets.
    assert!(text(&["--lang", "en"]).starts_with("National reference catalogue 3.0"));
}

#[test]
fn explain_shows_a_catalogue_element_with_its_uncertainty() {
    let text = stdout(cli().args(["explain", "vn.v-apex", "--framework", "4.0", "--lang", "en"]));
    assert!(text.starts_with("vn.v-apex — Nền tảng API quốc gia (V-APEX)"));
    assert!(text.contains("catalogue 4.0"));
    assert!(text.contains("Legal source: Quyết định 3090/QĐ-BKHCN"));
    assert!(text.contains("⚠ uncertain: The owner is unknown"));
    // With a rule code, what the catalogue gives the rule; without --framework, nothing more.
    let rule = stdout(cli().args(["explain", "TIME002", "--framework", "4.0", "--lang", "en"]));
    assert!(rule.contains("## What this rule reads in catalogue 4.0"));
    assert!(rule.contains("district-level agencies (`district`): exist until 2025-06-30"));
    assert!(rule.contains("vn.bo-tttt — … 2025-02-28 → vn.bo-khcn"));
    let plain = stdout(cli().args(["explain", "TIME002", "--lang", "en"]));
    assert!(!plain.contains("What this rule reads"));
    // Not in 3.0.
    cli()
        .args(["explain", "vn.v-apex", "--framework", "3.0", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nor an element of catalogue 3.0"));
}

#[test]
fn review_cites_the_legal_bases_of_the_catalogue_on_its_date() {
    let review = |extra: &[&str]| -> String {
        let mut command = cli();
        command
            .args(["review", "tests/fixtures/review/proposals/duplicate.yaml"])
            .args([
                "--model",
                "tests/fixtures/review/model",
                "--format",
                "markdown",
            ])
            .args(["--lang", "en", "--fail-on", "never"])
            .args(extra)
            .current_dir(ROOT);
        stdout(&mut command)
    };
    let basis = |text: &str| -> String {
        text.lines()
            .find(|l| l.starts_with("- **Legal basis:**"))
            .unwrap_or_default()
            .to_string()
    };
    let v3 = basis(&review(&["--today", "2026-03-01"]));
    assert!(v3.contains("73/2019/NĐ-CP"), "{v3}");
    assert!(v3.contains("82/2024/NĐ-CP"), "{v3}");
    let v4_before = basis(&review(&["--today", "2026-01-15", "--framework", "4.0"]));
    assert!(v4_before.contains("73/2019/NĐ-CP"), "{v4_before}");
    assert!(!v4_before.contains("45/2026"), "{v4_before}");
    let v4_after = basis(&review(&["--today", "2026-03-01", "--framework", "4.0"]));
    assert!(v4_after.contains("45/2026/NĐ-CP"), "{v4_after}");
    assert!(
        !v4_after.contains("Nghị định 73/2019/NĐ-CP, sửa đổi"),
        "{v4_after}"
    );
    assert!(
        v4_after.contains("uncertain: The effective date was not found"),
        "{v4_after}"
    );
}

#[test]
fn an_invented_catalogue_is_followed_without_code_change() {
    let dir = path("tests/fixtures/catalogues");
    let model = path("tests/fixtures/catalogues/model");
    // The library: a catalogue set read from test data only.
    let catalogues = Catalogues::builtin()
        .and_then(|c| c.with_dir(&dir))
        .expect("the invented catalogue loads");
    assert_eq!(catalogues.versions(), "3.0, 4.0, 9.9");
    let loaded = kientruc::load::load_model_with(&model, &catalogues, None)
        .unwrap_or_else(|f| panic!("{:?}", f.issues));
    assert_eq!(loaded.framework(), "9.9");
    let judged = kientruc::judge(&loaded, &options(None, date(2026, 6, 1)));
    let (findings, stats) = (&judged.findings, &judged.stats);
    assert_eq!(stats.framework, "9.9");
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.code(), f.element.as_str()))
        .collect();
    assert!(found.contains(&("LINK001", "lgsp")), "{found:?}");
    assert!(found.contains(&("TIME002", "mot-cua-xa")), "{found:?}");
    let link = findings
        .iter()
        .find(|f| f.code() == "LINK001")
        .expect("LINK001");
    assert_eq!(link.severity, Severity::Info);
    assert!(link.text(Lang::En).contains("`vn.kho-thu` by 2026-12-31"));
    let owner = findings
        .iter()
        .find(|f| f.code() == "TIME002")
        .expect("TIME002");
    assert!(
        owner
            .text(Lang::En)
            .contains("the invented commune cluster")
    );
    assert!(
        owner
            .text(Lang::En)
            .contains("not verified: an invented date")
    );

    // The command line: the same through KIENTRUC_CATALOGUE_DIR, in every output.
    let run = |args: &[&str]| -> String {
        let mut command = cli();
        command.env(national::CATALOGUE_DIR_VAR, &dir).args(args);
        stdout(&mut command)
    };
    let model_arg = model.to_str().expect("a UTF-8 path");
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "check",
        model_arg,
        "--format",
        "json",
        "--today",
        "2026-06-01",
        "--lang",
        "en",
    ]))
    .expect("a JSON document");
    assert_eq!(json["model"]["framework"], "9.9");
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"LINK001") && codes.contains(&"TIME002"),
        "{codes:?}"
    );
    let sarif = run(&[
        "check",
        model_arg,
        "--format",
        "sarif",
        "--today",
        "2026-06-01",
    ]);
    assert!(sarif.contains("TIME002"));
    let listing = run(&["catalogue", "--framework", "9.9", "--lang", "en"]);
    assert!(
        listing.starts_with("National reference catalogue 9.9: Test architecture framework 9.9")
    );
    assert!(listing.contains("Nghị định 999/2026/NĐ-THU"));
    assert!(listing.contains("Mandatory links: vn.kho-thu (by 2026-12-31)"));
    let explained = run(&[
        "explain",
        "vn.san-thu",
        "--framework",
        "9.9",
        "--lang",
        "en",
    ]);
    assert!(explained.contains("⚠ uncertain: an invented platform, owner unclear"));
    let rule = run(&["explain", "LINK001", "--framework", "9.9", "--lang", "en"]);
    assert!(rule.contains("## What this rule reads in catalogue 9.9"));
    assert!(rule.contains("  - data-exchange — vn.kho-thu (by 2026-12-31)"));
    // Without the hook, 9.9 is unknown.
    cli()
        .args(["check", model_arg])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("3.0, 4.0"));
}

#[test]
fn graph_and_diff_take_the_framework_too() {
    let graph = |extra: &[&str]| -> String {
        let mut command = cli();
        command
            .args(["graph", "models/bac-lieu", "--format", "json"])
            .args(extra)
            .current_dir(ROOT);
        stdout(&mut command)
    };
    assert!(!graph(&[]).contains("\"vn.v-apex\""));
    assert!(graph(&["--framework", "4.0"]).contains("\"vn.v-apex\""));
    let diff = |extra: &[&str]| -> serde_json::Value {
        let mut command = cli();
        command
            .args([
                "diff",
                "models/bac-lieu",
                "tests/fixtures/rules/TIME003/fail",
            ])
            .args(["--format", "json", "--today", "2026-01-15", "--lang", "en"])
            .args(extra)
            .current_dir(ROOT);
        serde_json::from_str(&stdout(&mut command)).expect("a JSON document")
    };
    let introduced = |doc: &serde_json::Value| -> Vec<String> {
        doc["findings"]["introduced"]
            .as_array()
            .expect("introduced findings")
            .iter()
            .filter_map(|f| f["code"].as_str().map(str::to_string))
            .collect()
    };
    // TIME003/fail claims 4.0; forcing 3.0 on both sides removes its reorganisations.
    assert!(introduced(&diff(&[])).contains(&"TIME003".to_string()));
    assert!(!introduced(&diff(&["--framework", "3.0"])).contains(&"TIME003".to_string()));
}

#[test]
fn a_waiver_approved_by_a_merged_department_is_named_as_a_waiver() {
    let checked = check("models/bac-lieu", Some("4.0"), date(2026, 1, 15));
    let waiver = with_code(&checked, "TIME003")
        .into_iter()
        .find(|f| f.element == "ht-dat-dai")
        .expect("the REUSE003 waiver is approved by so-tttt");
    assert!(
        waiver
            .text(Lang::En)
            .starts_with("the REUSE003 waiver for `ht-dat-dai` names `so-tttt`"),
        "{}",
        waiver.message
    );
}

#[test]
fn a_system_in_service_needs_an_owner_that_already_exists() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("model.yaml"),
        "model:\n  id: t\n  name: Tỉnh thử\n  framework: \"4.0\"\n  reference: none\n\
         agencies:\n  - id: so-moi\n    name: Sở mới\n    level: department\n    valid_from: 2026-07-01\n\
         systems:\n  - id: dang-chay\n    name: Đang chạy\n    layer: application\n    owner: so-moi\n    status: operational\n    security_level: 2\n\
         \x20 - id: se-xay\n    name: Sẽ xây\n    layer: application\n    owner: so-moi\n    status: planned\n    security_level: 2\n",
    )
    .expect("the model is written");
    let checked = kientruc::check(dir.path(), &options(None, date(2026, 1, 15)))
        .unwrap_or_else(|f| panic!("{:?}", f.issues));
    let found: Vec<(&str, &str)> = checked
        .findings
        .iter()
        .map(|f| (f.code(), f.element.as_str()))
        .collect();
    assert_eq!(found, [("TIME002", "dang-chay")]);
    assert!(
        checked.findings[0]
            .text(Lang::En)
            .contains("exists only from 2026-07-01")
    );
    let later = kientruc::check(dir.path(), &options(None, date(2026, 8, 1)))
        .unwrap_or_else(|f| panic!("{:?}", f.issues));
    assert!(later.findings.is_empty(), "{:?}", later.findings);
}

#[test]
fn markdown_listing_escapes_what_a_catalogue_says() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().join("8.0");
    std::fs::create_dir(&root).expect("the catalogue directory");
    std::fs::write(
        root.join("catalogue.yaml"),
        "catalogue:\n  version: \"8.0\"\n  name: {vi: \"A | B\"}\n  instrument: \"<b>x</b>\"\n  valid_from: 2026-01-01\n  as_of: 2026-01-01\n",
    )
    .expect("the metadata is written");
    std::fs::write(
        root.join("agencies.yaml"),
        "agencies:\n  - id: vn.a\n    name: \"Bộ | <i>A</i>\"\n    level: central\n    source: \"x | y\"\n",
    )
    .expect("the elements are written");
    let catalogues = Catalogues::default()
        .with_dir(dir.path())
        .expect("the catalogue loads");
    let catalogue = catalogues.get("8.0").expect("8.0 is read");
    let text =
        kientruc::catalogue::render(catalogue, kientruc::catalogue::Format::Markdown, Lang::En);
    let row = text
        .lines()
        .find(|l| l.starts_with("| `vn.a` |"))
        .expect("the agency's row");
    assert_eq!(row.matches(" | ").count(), 6, "{row}");
    assert!(row.contains("Bộ \\| &lt;i&gt;A&lt;/i&gt;"), "{row}");
    assert!(!text.contains("<b>"), "{text}");
}
