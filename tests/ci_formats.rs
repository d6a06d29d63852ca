//! The CI formats (SARIF, JUnit, GitHub annotations, Markdown) and baselines, end to end and
//! on hand-made reports whose texts are full of characters each format must escape.

#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kientruc::finding::{Finding, Message, Related, Severity, Waived};
use kientruc::i18n::Lang;
use kientruc::model::Span;
use kientruc::report::{self, ModelStats, Report};
use kientruc::source::{Loc, SourceFile, Sources};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("LANG")
        .env_remove("KIENTRUC_LANG")
        .env("NO_COLOR", "1");
    cmd
}

fn fixture() -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/ci/model")
}

fn stdout_of(args: &[&str]) -> String {
    let output = kientruc().args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(ROOT).join("tests/data/sarif-schema-2.1.0.json"))
        .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str, what: &str) -> Value {
    let log: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
    log
}

/// Every broken example and our own fixture give SARIF that validates against the 2.1.0
/// schema, with rules from the registry and results pointing at them.
#[test]
fn sarif_validates_against_the_schema() {
    let validator = sarif_validator();
    let mut models = vec![fixture()];
    if let Ok(entries) = std::fs::read_dir(Path::new(ROOT).join("examples/broken")) {
        let mut dirs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        models.extend(dirs.into_iter().filter(|d| d.is_dir()));
    }
    let mut validated = 0;
    for model in &models {
        let path = model.to_string_lossy();
        let output = kientruc()
            .args(["check", &path, "--format", "sarif", "--fail-on", "never"])
            .output()
            .unwrap();
        if output.status.code() == Some(2) {
            // An example still being written that does not load: nothing to render.
            continue;
        }
        let text = String::from_utf8(output.stdout).unwrap();
        let log = assert_valid_sarif(&validator, &text, &path);
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), kientruc::rules::ALL.len());
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        for result in run["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"], "{path}");
            assert!(
                result["partialFingerprints"]["kientruc/v1"]
                    .as_str()
                    .is_some_and(|f| f.len() > 64)
            );
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(!uri.starts_with('/'), "{uri} is not relative");
        }
        validated += 1;
    }
    assert!(validated >= 1);
}

#[test]
fn sarif_describes_rules_and_paths_from_the_repository_root() {
    let text = stdout_of(&[
        "check",
        &fixture().to_string_lossy(),
        "--format",
        "sarif",
        "--lang",
        "en",
    ]);
    let log: Value = serde_json::from_str(&text).unwrap();
    let rule = &log["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "KT001");
    assert_eq!(rule["name"], "unknown-reference");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert_eq!(
        rule["shortDescription"]["text"],
        kientruc::rules::ALL[0].title(Lang::En)
    );
    assert!(rule["help"]["markdown"].is_string());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let location = &results[0]["locations"][0]["physicalLocation"];
    // The worktree is a git repository: the path starts at its root, percent-encoded.
    assert_eq!(
        location["artifactLocation"]["uri"],
        "tests/fixtures/ci/model/h%E1%BB%87%20th%E1%BB%91ng%2C%20t%E1%BB%89nh.yaml"
    );
    assert_eq!(location["region"]["startLine"], 13);
    assert_eq!(location["region"]["startColumn"], 16);
    assert_eq!(location["region"]["endColumn"], 23);
    assert_eq!(
        results[0]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

/// Copies the fixture into a fresh directory (not inside a git repository).
fn copy_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn insert_ten_lines(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let comments: String = (0..10).map(|i| format!("# line {i}\n")).collect();
    std::fs::write(file, comments + &text).unwrap();
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let dir = copy_fixture();
    let render = || -> Value {
        let out = kientruc()
            .current_dir(dir.path())
            .args(["check", ".", "--format", "sarif"])
            .output()
            .unwrap();
        serde_json::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap()
    };
    let before = render();
    insert_ten_lines(&dir.path().join("hệ thống, tỉnh.yaml"));
    let after = render();
    let results = |log: &Value| log["runs"][0]["results"].as_array().unwrap().clone();
    let (before, after) = (results(&before), results(&after));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b["partialFingerprints"], a["partialFingerprints"]);
        let line = |r: &Value| {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        };
        assert_eq!(line(a), line(b) + 10);
        // Outside a repository, paths are relative to the working directory (here the model's).
        assert_eq!(
            a["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "h%E1%BB%87%20th%E1%BB%91ng%2C%20t%E1%BB%89nh.yaml"
        );
    }
}

/// A hand-made report: one file whose path and texts are full of characters formats escape.
struct Made {
    coverage: kientruc::rules::Coverage,
    sources: Sources,
    findings: Vec<Finding>,
    stats: ModelStats,
}

fn made() -> Made {
    let mut sources = Sources::default();
    let text = "systems:\n  - id: a\n    name: x\n  - id: b\n".to_string();
    let file = sources.add(SourceFile::new("dir,1/a:b%c.yaml".into(), text, false));
    let loc = |start: usize, end: usize| Loc::new(file, Span::new(start, end));
    let rule = kientruc::rules::find("KT001").unwrap();
    let finding = |severity, element: &str, message: &str, at: Loc| Finding {
        rule,
        severity,
        element: element.to_string(),
        message: Message::plain(rule, message),
        loc: at,
        related: Vec::new(),
        waived: None,
        capex: None,
        opex: None,
    };
    let mut first = finding(
        Severity::Error,
        "a|b",
        "100% broken, see: <script>alert(1)</script>\nsecond line | cell",
        loc(17, 18),
    );
    first.related.push(Related {
        element: "b".into(),
        message: Message::plain(rule, "defined, here: %0A"),
        loc: loc(39, 40),
    });
    let mut waived = finding(Severity::Warning, "b", "waived one", loc(39, 40));
    waived.waived = Some(Waived {
        reason: "pilot".into(),
        approved_by: "so-tttt".into(),
        expires: "2099-01-01".into(),
    });
    let info = finding(Severity::Info, "b", "a note", loc(39, 40));
    Made {
        coverage: kientruc::rules::Coverage::complete(),
        sources,
        findings: vec![first, waived, info],
        stats: ModelStats {
            id: "m|x".into(),
            framework: "3.0".into(),
            files: 1,
            elements: 2,
            edges: 0,
        },
    }
}

fn report_of(made: &Made, lang: Lang) -> Report<'_> {
    Report {
        findings: &made.findings,
        coverage: &made.coverage,
        sources: &made.sources,
        stats: &made.stats,
        lang,
        color: false,
        base: "models/",
        baseline: None,
        max_results: None,
        fail_on: Some(Severity::Error),
        link_base: None,
    }
}

#[test]
fn github_annotations_escape_data_and_properties() {
    let made = made();
    let text = report::github::render(&report_of(&made, Lang::En));
    let lines: Vec<&str> = text.lines().collect();
    // A line break inside a message is shown escaped (`\n`, kientruc's one sanitiser) before
    // GitHub's escaping; the breaks between the related places are the report's own (`%0A`).
    assert_eq!(
        lines[0],
        "::error file=models/dir%2C1/a%3Ab%25c.yaml,line=2,col=9,endLine=2,endColumn=10,\
         title=KT001 unknown-reference::100%25 broken, see: <script>alert(1)</script>\\n\
         second line | cell%0Amodels/dir,1/a:b%25c.yaml:4:9: b: defined, here: %250A"
    );
    assert_eq!(
        lines[1],
        "::notice file=models/dir%2C1/a%3Ab%25c.yaml,line=4,col=9,endLine=4,endColumn=10,\
         title=KT001 unknown-reference::a note"
    );
    // The waived finding is not annotated; the summary line closes the output.
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2], "1 errors, 0 warnings, 1 infos, 1 waived");
}

#[test]
fn github_format_end_to_end() {
    let output = kientruc()
        .args([
            "check",
            &fixture().to_string_lossy(),
            "--format",
            "github",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with(
            "::error file=tests/fixtures/ci/model/hệ thống%2C tỉnh.yaml,line=13,col=16,\
             endLine=13,endColumn=23,title=KT001 unknown-reference::`dc-tnih` names no system"
        ),
        "{text}"
    );
}

#[test]
fn markdown_escapes_names_and_groups_by_file() {
    let made = made();
    let text = report::markdown::render(&report_of(&made, Lang::En));
    assert!(!text.contains("<script>"), "{text}");
    assert!(text.contains("&lt;script&gt;"), "{text}");
    assert!(text.starts_with("## Architecture check: m\\|x\n"), "{text}");
    assert!(
        text.contains("| integrity | 1 | 0 | 1 | 1 |\n| **Total** | 1 | 0 | 1 | 1 |\n"),
        "{text}"
    );
    assert!(
        text.contains("#### models/dir,1/a:b%c.yaml\n"),
        "grouped under the file: {text}"
    );
    assert!(
        text.contains("([models/dir,1/a:b%c.yaml:2](models/dir%2C1/a%3Ab%25c.yaml#L2))"),
        "{text}"
    );
    // The message stays on its list item, and its `|` cannot end a table cell.
    assert!(text.contains("second line \\| cell"), "{text}");
    assert!(
        text.contains("waived until 2099-01-01 \\(so-tttt\\): pilot"),
        "{text}"
    );
    insta::assert_snapshot!("markdown_en", text);
    let vi = report::markdown::render(&report_of(&made, Lang::Vi));
    assert!(vi.starts_with("## Kiểm tra kiến trúc: m\\|x\n"), "{vi}");
    assert!(vi.contains("| Nguyên tắc | lỗi | cảnh báo | thông tin | được miễn trừ |"));
    assert!(vi.contains("| tính toàn vẹn | 1 | 0 | 1 | 1 |"), "{vi}");
}

#[test]
fn sarif_marks_waived_findings_as_suppressed() {
    let made = made();
    let text = report::sarif::render(&report_of(&made, Lang::En));
    let log = assert_valid_sarif(&sarif_validator(), &text, "made");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert!(results[0].get("suppressions").is_none());
    assert_eq!(results[1]["suppressions"][0]["kind"], "inSource");
    assert_eq!(results[1]["suppressions"][0]["status"], "accepted");
    assert_eq!(results[2]["level"], "note");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "models/dir%2C1/a%3Ab%25c.yaml"
    );
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.sarif");
    kientruc()
        .args([
            "check",
            &fixture().to_string_lossy(),
            "--format",
            "sarif",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_valid_sarif(&sarif_validator(), &text, "file");
}

#[test]
fn baseline_survives_moved_lines_and_reports_new_and_resolved() {
    let dir = copy_fixture();
    let model = dir.path().to_string_lossy().to_string();
    let outside = tempfile::tempdir().unwrap();
    let baseline = outside.path().join("baseline.json");
    let baseline_arg = baseline.to_string_lossy().to_string();
    let written = kientruc()
        .args([
            "check",
            &model,
            "--lang",
            "en",
            "--write-baseline",
            &baseline_arg,
        ])
        .output()
        .unwrap();
    assert_eq!(
        written.status.code(),
        Some(0),
        "a written baseline accepts today's findings"
    );
    assert!(String::from_utf8_lossy(&written.stderr).contains("Wrote the baseline"));
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(recorded["version"], 1);
    let entries = recorded["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["code"], "KT001");
    // KT001 is about the element holding the reference; the unknown id is in the key.
    assert_eq!(entries[0]["element"], "lgsp");
    assert_eq!(entries[0]["key"], "id=dc-tnih");
    assert_eq!(entries[1]["element"], "mot-cua");
    assert_eq!(entries[1]["key"], "id=cong-dvc");
    assert!(entries[0].get("line").is_none());
    let systems = dir.path().join("hệ thống, tỉnh.yaml");

    insert_ten_lines(&systems);
    kientruc()
        .args(["check", &model, "--lang", "en", "--baseline", &baseline_arg])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("No findings."))
        .stderr(predicates::str::contains(
            "2 findings are in the baseline and not reported.",
        ));
    // Written in English, read in Vietnamese: findings still match by rule and element.
    kientruc()
        .args(["check", &model, "--baseline", &baseline_arg])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Không có phát hiện nào."));

    // Fix one broken reference, break another: one new finding, one resolved entry.
    let text = std::fs::read_to_string(&systems).unwrap();
    let text = text
        .replace("dc-tnih", "dc-tinh")
        .replace("[lgsp, cong-dvc]", "[lgsp, cong-dvc, qlvb]");
    std::fs::write(&systems, text).unwrap();
    let output = kientruc()
        .args([
            "check",
            &model,
            "--format",
            "json",
            "--lang",
            "en",
            "--baseline",
            &baseline_arg,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["element"], "mot-cua");
    assert_eq!(findings[0]["arguments"]["id"], "qlvb");
    assert_eq!(doc["baseline"]["suppressed"], 1);
    assert_eq!(doc["baseline"]["resolved"][0]["element"], "lgsp");
    assert_eq!(doc["summary"]["error"], 1);

    let short = kientruc()
        .args([
            "check",
            &model,
            "--format",
            "short",
            "--lang",
            "en",
            "--baseline",
            &baseline_arg,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&short.stderr);
    assert!(
        stderr.contains("1 baseline entries match no finding any more"),
        "{stderr}"
    );
    assert!(
        stderr.contains("resolved: KT001 lgsp (id=dc-tnih)"),
        "{stderr}"
    );
}

#[test]
fn a_bad_baseline_cannot_judge() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("b.json");
    std::fs::write(&bad, "{\"version\": 1, \"entries\": 3}").unwrap();
    kientruc()
        .args(["check", &fixture().to_string_lossy(), "--baseline"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not a kientruc baseline"));
    kientruc()
        .args(["check", &fixture().to_string_lossy(), "--baseline"])
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot read the baseline"));
}

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    let output = kientruc()
        .args(["check", &fixture().to_string_lossy(), "--format", "short"])
        .env_remove("CI")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains('\r'), "{stderr:?}");
    assert!(stderr.is_empty(), "{stderr:?}");
}

/// The CI examples are YAML, and every `kientruc` option value they use is one the command
/// line accepts.
#[test]
fn ci_examples_parse_and_use_real_options() {
    use clap::Parser;
    for name in ["github-actions.yml", "gitlab-ci.yml"] {
        let text = std::fs::read_to_string(Path::new(ROOT).join("examples/ci").join(name)).unwrap();
        assert!(
            matches!(kientruc::load::yaml::parse(&text), Ok(Some(_))),
            "{name} is not YAML"
        );
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut checked = 0;
        for pair in words.windows(2) {
            let option = pair[0].trim_start_matches(|c: char| c != '-');
            let value = pair[1].trim_matches(|c: char| !c.is_ascii_alphanumeric());
            let args: Vec<&str> = match option {
                "--format" | "--fail-on" => vec!["kientruc", "check", ".", option, value],
                "--fail-on-new" => vec!["kientruc", "diff", "a", "b", option, value],
                _ => continue,
            };
            assert!(
                kientruc::cli::Cli::try_parse_from(&args).is_ok(),
                "{name}: {option} {value}"
            );
            checked += 1;
        }
        assert!(checked >= 3, "{name}");
        for word in ["--baseline", "-o"] {
            assert!(text.contains(word), "{name} lacks {word}");
        }
    }
}

/// Runs `kientruc ARGS` with a pseudo-terminal as stdout and stderr (util-linux `script`),
/// writing the report to a temporary file; returns what the terminal showed.
fn on_a_terminal(args: &str, ci: Option<&str>, delay_ms: Option<&str>) -> Option<String> {
    let binary = assert_cmd::cargo::cargo_bin("kientruc");
    let dir = tempfile::tempdir().ok()?;
    let out = dir.path().join("report.txt");
    let mut command = std::process::Command::new("script");
    command
        .args([
            "-qec",
            &format!("{} {args} -o '{}'", binary.display(), out.display()),
        ])
        .arg(dir.path().join("typescript"))
        .env_remove("CI")
        .env_remove("LANG")
        .env_remove("KIENTRUC_LANG");
    if let Some(value) = ci {
        command.env("CI", value);
    }
    match delay_ms {
        Some(value) => command.env("KIENTRUC_PROGRESS_DELAY_MS", value),
        None => command.env_remove("KIENTRUC_PROGRESS_DELAY_MS"),
    };
    let output = command.output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn progress_shows_on_a_terminal_only_outside_ci() {
    let model = fixture().to_string_lossy().to_string();
    let args = format!("check '{model}' --format short --lang en");
    // With no delay every stage is printed as it starts, as on a slow national-scale load.
    let Some(shown) = on_a_terminal(&args, None, Some("0")) else {
        eprintln!("no `script` command: the terminal case is not tested here");
        return;
    };
    assert!(shown.contains("\r\x1b[2KLoading the model"), "{shown:?}");
    assert!(
        shown.contains("Loaded 2 files, 5 elements; running"),
        "{shown:?}"
    );
    // The line is cleared at the end, so the report starts on a clean line.
    assert!(shown.ends_with("\r\x1b[2K"), "{shown:?}");
    // A quick check (under the default second) shows nothing but its report.
    let quick = on_a_terminal(&args, None, None).unwrap_or_default();
    assert!(!quick.contains("Loading"), "{quick:?}");
    assert!(!quick.contains('\x1b'), "{quick:?}");
    let in_ci = on_a_terminal(&args, Some("true"), Some("0")).unwrap_or_default();
    assert!(!in_ci.contains("Loading"), "{in_ci:?}");
}

#[test]
fn sarif_points_into_the_national_catalogue_through_its_own_base() {
    let mut with_national = made();
    let national = with_national.sources.add(SourceFile::new(
        "national/systems.yaml".into(),
        "systems:\n  - id: vn.ndxp\n".into(),
        true,
    ));
    with_national.findings[0].related.push(Related {
        element: "vn.ndxp".into(),
        message: Message::plain(
            kientruc::rules::find("KT001").unwrap(),
            "the national platform",
        ),
        loc: Loc::new(national, Span::new(17, 24)),
    });
    let text = report::sarif::render(&report_of(&with_national, Lang::En));
    let log = assert_valid_sarif(&sarif_validator(), &text, "national");
    let run = &log["runs"][0];
    assert!(run["originalUriBaseIds"]["KIENTRUC_NATIONAL"]["description"]["text"].is_string());
    let related = &run["results"][0]["relatedLocations"][1]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], "national/systems.yaml");
    assert_eq!(
        related["artifactLocation"]["uriBaseId"],
        "KIENTRUC_NATIONAL"
    );
    assert_eq!(related["region"]["startLine"], 2);
    // Without national places there is no such base.
    let plain = report::sarif::render(&report_of(&made(), Lang::En));
    assert!(!plain.contains("originalUriBaseIds"));
}

#[test]
fn markdown_lists_a_bounded_number_of_findings() {
    let mut many = made();
    let info = many.findings[2].clone();
    many.findings = vec![info; report::markdown::LISTED + 5];
    let text = report::markdown::render(&report_of(&many, Lang::En));
    assert_eq!(
        text.matches("\n- **info**").count(),
        report::markdown::LISTED
    );
    assert!(
        text.contains("… and 5 more findings, not listed here"),
        "{:?}",
        text.lines().last()
    );
    assert!(text.contains(&format!(
        "| **Total** | 0 | 0 | {} | 0 |",
        report::markdown::LISTED + 5
    )));
    assert!(text.len() < 65_536);
}

/// `-o` onto something that is not a regular file (a named pipe here; `/dev/null` alike)
/// writes into it and leaves it what it was, instead of renaming a file over it.
#[cfg(unix)]
#[test]
fn output_into_a_pipe_keeps_the_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo: not tested here");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    kientruc()
        .args([
            "check",
            &fixture().to_string_lossy(),
            "--format",
            "short",
            "-o",
        ])
        .arg(&fifo)
        .assert()
        .code(1);
    let text = reader.join().unwrap();
    assert!(text.contains("error[KT001]"), "{text}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn junit_and_sarif_results_snapshots() {
    let made = made();
    let report = report_of(&made, Lang::En);
    let junit = report::junit::render(&report);
    // The first finding's case (the other rules' cases are empty passes).
    let start = junit.find("<testcase name=\"KT001").unwrap();
    let end = start + junit[start..].find("</testcase>").unwrap() + "</testcase>".len();
    insta::assert_snapshot!("junit_kt001_case", &junit[start..end]);
    let sarif: Value = serde_json::from_str(&report::sarif::render(&report)).unwrap();
    let results = serde_json::to_string_pretty(&sarif["runs"][0]["results"]).unwrap();
    insta::assert_snapshot!("sarif_results", results);
}

/// A model that cannot be judged still gives every machine format its document (exit 2), with
/// the error on its line: the pull request that breaks the model gets its annotation.
#[test]
fn a_model_that_fails_to_load_still_writes_every_machine_document() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model");
    std::fs::create_dir(&model).unwrap();
    std::fs::write(
        model.join("model.yaml"),
        "model: {id: b, name: B}\nsystems:\n  - id: x\n    name: X\n    layer: aplication\n    owner: y\n    status: operational\n",
    )
    .unwrap();
    let run = |format: &str| {
        let out = kientruc()
            .current_dir(&model)
            .args(["check", ".", "--format", format, "--lang", "en"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("model.yaml:5:12"),
            "{format}: the error is also on stderr"
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let sarif = assert_valid_sarif(&sarif_validator(), &run("sarif"), "load failure");
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert_eq!(
        note["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert!(sarif["runs"][0]["results"].as_array().unwrap().is_empty());

    let json: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["judged"], false);
    assert_eq!(json["errors"][0]["location"]["line"], 5);
    assert_eq!(json["errors"][0]["location"]["column"], 12);
    assert_eq!(json["errors"][0]["help"], "did you mean `application`?");

    let junit = run("junit");
    assert_valid_junit(&junit, "load failure");
    if let Some(cases) = junitparser_reads(&junit) {
        assert!(
            cases
                .iter()
                .any(|c| c["results"] == serde_json::json!(["Error"])),
            "junitparser reads the errored case: {cases:?}"
        );
    }
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let error = doc
        .descendants()
        .find(|n| n.has_tag_name("error"))
        .expect("an errored test case");
    assert!(error.attribute("message").unwrap().contains("aplication"));
    assert_eq!(doc.root_element().attribute("errors"), Some("1"));

    let github = run("github");
    assert!(
        github.starts_with("::error file=model.yaml,line=5,col=12,title=kientruc::"),
        "{github}"
    );
    assert!(run("markdown").contains("[model.yaml:5](model.yaml#L5)"));

    // With -o the document is the file.
    let out = dir.path().join("report.sarif");
    kientruc()
        .arg("check")
        .arg(&model)
        .args(["--format", "sarif", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    let written = std::fs::read_to_string(&out).unwrap();
    assert_valid_sarif(&sarif_validator(), &written, "written load failure");
}

/// SARIF past `--max-results` keeps the most severe results and says what it left out; rule
/// descriptors have whole plain-text descriptions, markdown help and security severities.
#[test]
fn sarif_caps_results_and_describes_rules_fully() {
    let made = made();
    let mut report = report_of(&made, Lang::En);
    report.max_results = Some(1);
    let text = report::sarif::render(&report);
    let log = assert_valid_sarif(&sarif_validator(), &text, "capped");
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["level"], "error", "the most severe is kept");
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["descriptor"]["id"] == "kientruc/max-results"
                && n["message"]["text"]
                    .as_str()
                    .unwrap()
                    .starts_with("2 results left out")),
        "{notes:?}"
    );
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = |code: &str| rules.iter().find(|r| r["id"] == code).unwrap();
    for code in ["KT001", "KT007", "KT008", "SHARE002", "INV001"] {
        let full = rule(code)["fullDescription"]["text"].as_str().unwrap();
        assert!(!full.ends_with(':'), "{code}: {full}");
        assert!(!full.contains('`'), "{code}: plain text, {full}");
        let help = rule(code)["help"]["text"].as_str().unwrap();
        assert!(!help.contains("## ") && !help.contains('`'), "{code}");
        assert!(
            rule(code)["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## ")
        );
    }
    assert_eq!(rule("SEC002")["properties"]["security-severity"], "7.5");
    assert!(
        rule("DUP001")["properties"]
            .get("security-severity")
            .is_none()
    );
}

/// Validates a JUnit file against the Jenkins xunit plugin's `junit-10.xsd` with xmllint.
fn assert_valid_junit(xml: &str, what: &str) {
    let schema = Path::new(ROOT).join("tests/data/junit-10.xsd");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    match std::process::Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(&schema)
        .arg(&file)
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "{what}: the Jenkins xunit schema rejects the JUnit file:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => tools::missing("xmllint", "JUnit not validated against junit-10.xsd"),
    }
}

/// junitparser (PyPI), which GitLab-style tooling uses, reads the file: cases, results, files.
fn junitparser_reads(xml: &str) -> Option<Vec<Value>> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let script = r#"
import json, sys
try:
    from junitparser import JUnitXml
except ImportError:
    sys.exit(3)
cases = []
for suite in JUnitXml.fromfile(sys.argv[1]):
    for case in suite:
        kinds = [type(r).__name__ for r in case.result]
        cases.append({"suite": suite.name, "name": case.name, "classname": case.classname, "results": kinds})
print(json.dumps(cases))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .ok()?;
    if out.status.code() == Some(3) {
        tools::missing("junitparser (pip)", "JUnit not read by junitparser");
        return None;
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// One suite per file (its path in `file`), one case per finding that fails only at or above
/// `--fail-on`, a passing case per rule that ran and found nothing; only the rules `check` ran.
#[test]
fn junit_has_a_case_per_finding_and_follows_fail_on() {
    let model = Path::new(ROOT).join("models/bac-lieu");
    let model = model.to_string_lossy();
    let junit = |fail_on: &str| {
        stdout_of(&[
            "check",
            &model,
            "--format",
            "junit",
            "--lang",
            "en",
            "--today",
            "2026-01-15",
            "--fail-on",
            fail_on,
        ])
    };
    let text = junit("error");
    assert_valid_junit(&text, "bac-lieu");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert!(
        root.attribute("skipped").is_none(),
        "the xunit schema has no testsuites@skipped"
    );
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert!(
        suites
            .iter()
            .all(|s| s.attribute("file") == s.attribute("name"))
    );
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let failing = |cases: &[roxmltree::Node]| {
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count()
    };
    // Bạc Liêu: 4 errors fail under --fail-on error; its warnings and infos pass with output.
    assert_eq!(failing(&cases), 4);
    let dup = cases
        .iter()
        .find(|c| {
            c.attribute("name")
                .unwrap()
                .starts_with("DUP001 duplicate-capability: qlvb-gddt (")
        })
        .expect("a case for the DUP001 finding");
    assert!(
        dup.attribute("name")
            .unwrap()
            .ends_with("systems/giao-duc.yaml:30:16)")
    );
    let sec001 = cases
        .iter()
        .find(|c| {
            c.attribute("name")
                .unwrap()
                .starts_with("SEC001 unclassified-system: ql-ket-cau-gt")
        })
        .unwrap();
    assert!(sec001.children().any(|n| n.has_tag_name("system-out")));
    assert!(
        !cases
            .iter()
            .any(|c| c.attribute("name").unwrap().starts_with("INV"))
    );
    // A waived finding is skipped.
    assert!(
        cases
            .iter()
            .any(|c| c.attribute("name").unwrap().starts_with("REUSE003")
                && c.children().any(|n| n.has_tag_name("skipped")))
    );
    // Warnings fail under --fail-on warning; nothing fails under never.
    let warning = junit("warning");
    let doc = roxmltree::Document::parse(&warning).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(
        failing(&cases),
        4 + 6,
        "four errors and six unwaived warnings"
    );
    let never = junit("never");
    let doc = roxmltree::Document::parse(&never).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(failing(&cases), 0);
    if let Some(read) = junitparser_reads(&text) {
        let failures = read
            .iter()
            .filter(|c| {
                c["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r == "Failure")
            })
            .count();
        assert_eq!(failures, 4);
        assert!(read.iter().any(|c| c["name"] == "KT002 duplicate-id"));
    }
    // The hand-made report with hostile names and a broken model are valid too.
    let made = made();
    assert_valid_junit(&report::junit::render(&report_of(&made, Lang::En)), "made");
    let broken = Path::new(ROOT).join("tests/fixtures/ci/model");
    let broken = stdout_of(&["check", &broken.to_string_lossy(), "--format", "junit"]);
    assert_valid_junit(&broken, "integrity errors");
    assert!(broken.contains("kientruc coverage"));
}

/// GitLab Code Quality and Checkstyle: the shapes their readers document, every unwaived
/// finding on its line; `review` speaks the CI formats too; GitHub never cites a file of the
/// built-in national catalogue as the repository's.
#[test]
fn gitlab_checkstyle_and_review_formats() {
    let model = Path::new(ROOT).join("models/bac-lieu");
    let model = model.to_string_lossy();
    let run = |format: &str| {
        stdout_of(&[
            "check",
            &model,
            "--format",
            format,
            "--lang",
            "en",
            "--today",
            "2026-01-15",
        ])
    };
    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    let issues = gitlab.as_array().unwrap();
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    let unwaived = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["waived"].is_null())
        .count();
    assert_eq!(issues.len(), unwaived);
    let mut fingerprints = std::collections::HashSet::new();
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key}: {issue}");
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert!(
            issue["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("models/bac-lieu/")
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
    }
    let dup = issues
        .iter()
        .find(|i| i["check_name"] == "DUP001 duplicate-capability")
        .unwrap();
    assert_eq!(dup["severity"], "critical");
    assert_eq!(
        dup["location"]["path"],
        "models/bac-lieu/systems/giao-duc.yaml"
    );
    assert_eq!(dup["location"]["lines"]["begin"], 30);

    let checkstyle = run("checkstyle");
    let doc = roxmltree::Document::parse(&checkstyle).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "checkstyle");
    let errors: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .collect();
    assert_eq!(errors.len(), unwaived);
    let dup = errors
        .iter()
        .find(|e| e.attribute("source") == Some("kientruc.DUP001"))
        .unwrap();
    assert_eq!(dup.attribute("line"), Some("30"));
    assert_eq!(dup.attribute("column"), Some("16"));
    assert_eq!(
        dup.parent().unwrap().attribute("name"),
        Some("models/bac-lieu/systems/giao-duc.yaml")
    );

    let github = run("github");
    assert!(!github.contains("models/bac-lieu/national/"), "{github}");
    assert!(github.contains("(the national catalogue built into kientruc) national/"));

    let proposal = Path::new(ROOT).join("examples/proposals/y-te-thong-minh.yaml");
    for format in ["sarif", "junit", "github", "gitlab", "checkstyle"] {
        let out = kientruc()
            .args(["review", &proposal.to_string_lossy(), "--model", &model])
            .args(["--format", format, "--lang", "en", "--today", "2026-01-15"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: not ready");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("INV002"), "{format}: {text}");
        if format == "sarif" {
            assert_valid_sarif(&sarif_validator(), &text, "review sarif");
        }
        if format == "junit" {
            assert_valid_junit(&text, "review junit");
        }
    }
}

/// Microsoft's sarif-multitool, with its SARIF and GitHub rule sets (the rules GitHub's code
/// scanning applies on upload), accepts every SARIF document kientruc writes: a judged model
/// in both languages (with results in the national catalogue), a capped one, a load failure,
/// and a review. Any result it reports, whatever its level, fails the test.
#[test]
fn sarif_multitool_accepts_every_sarif_document() {
    let Some(multitool) = tools::sarif_multitool() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(
        broken.join("model.yaml"),
        "model: {id: b, name: B}\nsystems:\n  - id: x\n    name: X\n    layer: aplication\n    owner: y\n    status: operational\n",
    )
    .unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bac_lieu = root.join("models/bac-lieu");
    let bac_lieu = bac_lieu.to_str().unwrap();
    let proposal = root.join("examples/proposals/y-te-thong-minh.yaml");
    let runs: Vec<(&str, Vec<&str>, i32)> = vec![
        ("vi", vec!["check", bac_lieu, "--lang", "vi"], 1),
        ("en", vec!["check", bac_lieu, "--lang", "en"], 1),
        ("capped", vec!["check", bac_lieu, "--max-results", "3"], 1),
        ("broken", vec!["check", broken.to_str().unwrap()], 2),
        (
            "review",
            vec!["review", proposal.to_str().unwrap(), "--model", bac_lieu],
            1,
        ),
    ];
    let mut files = Vec::new();
    for (name, args, code) in &runs {
        let file = dir.path().join(format!("{name}.sarif"));
        kientruc()
            .args(args)
            .args(["--format", "sarif", "--today", "2026-01-15", "-o"])
            .arg(&file)
            .assert()
            .code(*code);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("\"informationUri\""), "{name}");
        files.push(file);
    }
    let log = dir.path().join("validation.sarif");
    let output = std::process::Command::new(&multitool)
        .arg("validate")
        .args(&files)
        .args(["--rule-kind", "Gh;Sarif", "--log", "ForceOverwrite", "-o"])
        .arg(&log)
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "sarif-multitool failed:\n{said}");
    let validation: Value = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let results = validation["runs"][0]["results"].as_array().unwrap();
    assert!(results.is_empty(), "sarif-multitool reports:\n{said}");
    // The validator did read the documents (it names each one it scanned).
    assert!(
        said.contains(&format!("{} files scanned", files.len())),
        "{said}"
    );
}

/// Outside a git work tree, paths are shown relative to the working directory, as compilers
/// print them, in every format that names files; `--link-base` makes Markdown links absolute.
#[test]
fn paths_outside_git_are_relative_to_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("sub/m");
    std::fs::create_dir_all(&model).unwrap();
    for entry in std::fs::read_dir(fixture()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), model.join(entry.file_name())).unwrap();
    }
    let run = |cwd: &Path, model: &str, format: &str| {
        let out = kientruc()
            .current_dir(cwd)
            .args(["check", model, "--format", format, "--lang", "en"])
            .args(["--link-base", "https://git.example/o/r/blob/abc"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let short = run(dir.path(), "sub/m", "short");
    assert!(
        short.lines().next().unwrap().starts_with("sub/m/"),
        "{short}"
    );
    assert!(
        short
            .lines()
            .filter(|l| !l.starts_with("kientruc:"))
            .all(|l| l.starts_with("sub/m/")),
        "{short}"
    );
    let inside = run(&model, ".", "short");
    assert!(
        !inside.starts_with("sub/") && !inside.starts_with("./"),
        "{inside}"
    );
    let above = run(&dir.path().join("sub"), "./m/", "github");
    assert!(above.contains("file=m/"), "{above}");
    let markdown = run(dir.path(), "sub/m", "markdown");
    assert!(
        markdown.contains("](https://git.example/o/r/blob/abc/sub/m/"),
        "{markdown}"
    );
    let human = kientruc()
        .current_dir(dir.path())
        .args(["check", "sub/m", "--lang", "en"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&human.stdout).contains("─[sub/m/"));
}

/// The shipped GitHub and GitLab setups, run as their CI would run them (each `kientruc check`
/// command through `sh`, in a git repository) on a model that does not load: every report is
/// still produced, and the error lands on the offending line in each of them.
#[test]
fn ci_examples_annotate_a_model_that_does_not_load() {
    let repo = tempfile::tempdir().unwrap();
    let model = repo.path().join("models/broken");
    std::fs::create_dir_all(&model).unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    std::fs::write(
        model.join("model.yaml"),
        "model: {id: b, name: B}\nsystems:\n  - id: x\n    name: X\n    layer: aplication\n    owner: y\n    status: operational\n",
    )
    .unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_kientruc")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |command: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(repo.path())
            .env("PATH", &path)
            .env("MODEL", "models/broken")
            .env("KIENTRUC_LANG", "en")
            .env_remove("LANG")
            .output()
            .unwrap()
    };
    let file = "models/broken/model.yaml";

    // GitHub: the report steps, in order; each after the first runs `if: always()`.
    let github =
        std::fs::read_to_string(Path::new(ROOT).join("examples/ci/github-actions.yml")).unwrap();
    let steps: Vec<&str> = github.split("\n      - ").collect();
    let reports: Vec<&&str> = steps
        .iter()
        .filter(|s| s.contains("run: kientruc check") && s.contains("--fail-on never"))
        .collect();
    assert_eq!(reports.len(), 3, "annotations, SARIF, JUnit");
    for step in &reports[1..] {
        assert!(step.contains("if: always()"), "{step}");
    }
    let command = |step: &str| {
        step.lines()
            .find_map(|l| l.trim().strip_prefix("run: "))
            .unwrap()
            .to_string()
    };
    let annotations = run(&command(reports[0]));
    assert_eq!(annotations.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&annotations.stdout);
    assert!(
        stdout.starts_with(&format!("::error file={file},line=5,col=12,")),
        "{stdout}"
    );
    assert_eq!(run(&command(reports[1])).status.code(), Some(2));
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("kientruc.sarif")).unwrap())
            .unwrap();
    let location = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["locations"]
        [0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], file);
    assert_eq!(location["region"]["startLine"], 5);
    assert_eq!(run(&command(reports[2])).status.code(), Some(2));
    let junit = std::fs::read_to_string(repo.path().join("kientruc-junit.xml")).unwrap();
    assert!(junit.contains("<error") && junit.contains(file), "{junit}");

    // GitLab: the report lines succeed (exit 2 is allowed) and the gate fails.
    let gitlab =
        std::fs::read_to_string(Path::new(ROOT).join("examples/ci/gitlab-ci.yml")).unwrap();
    let lines: Vec<&str> = gitlab
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .filter(|l| l.starts_with("kientruc check"))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(run(lines[0]).status.success(), "{}", lines[0]);
    assert!(run(lines[1]).status.success(), "{}", lines[1]);
    assert_eq!(run(lines[2]).status.code(), Some(2), "the gate fails");
    let quality: Value = serde_json::from_str(
        &std::fs::read_to_string(repo.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(quality[0]["location"]["path"], file, "{quality}");
    assert_eq!(quality[0]["location"]["lines"]["begin"], 5, "{quality}");
    assert!(gitlab.contains("codequality: gl-code-quality-report.json"));
}
