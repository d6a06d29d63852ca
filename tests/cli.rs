//! The command line end to end: exit codes, the JSON document, determinism, the schema file,
//! languages, `init`.

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("LANG")
        .env_remove("KIENTRUC_LANG")
        .env("NO_COLOR", "1");
    cmd
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules");

#[test]
fn exit_codes_follow_fail_on() {
    let fail = format!("{FIXTURES}/KT001/fail");
    kientruc().args(["check", &fail]).assert().code(1);
    kientruc()
        .args(["check", &fail, "--fail-on", "never"])
        .assert()
        .code(0);
    kientruc()
        .args(["check", &format!("{FIXTURES}/KT001/pass")])
        .assert()
        .code(0);
    let warn = format!("{FIXTURES}/KT008/fail");
    kientruc()
        .args(["check", &warn, "--today", "2026-01-15"])
        .assert()
        .code(0);
    kientruc()
        .args([
            "check",
            &warn,
            "--today",
            "2026-01-15",
            "--fail-on",
            "warning",
        ])
        .assert()
        .code(1);
}

#[test]
fn load_errors_exit_2_with_a_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("model.yaml"),
        "model:\n  id: x\n  name: X\n  lang: vi\n",
    )
    .unwrap();
    kientruc()
        .args([
            "check",
            dir.path().to_str().unwrap(),
            "--format",
            "short",
            "--lang",
            "en",
        ])
        .assert()
        .code(2)
        .stderr(contains("model.yaml:4:3: error: unknown key `lang`"));
    kientruc()
        .args(["check", dir.path().to_str().unwrap(), "--format", "short"])
        .assert()
        .code(2)
        .stderr(contains("model.yaml:4:3: error: khoá không hợp lệ `lang`"));
    kientruc()
        .args(["check", dir.path().to_str().unwrap(), "--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("model.yaml:4:3"))
        .stderr(contains("unknown key `lang`"));
}

#[test]
fn wrong_command_line_exits_2() {
    kientruc()
        .args(["check", "--format", "pdf"])
        .assert()
        .code(2);
    kientruc()
        .args(["check", "/nonexistent/model", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("cannot read the model"));
    kientruc().args(["explain", "DUP01"]).assert().code(2);
}

#[test]
fn json_document_has_the_documented_shape() {
    let out = kientruc()
        .args([
            "check",
            &format!("{FIXTURES}/KT002/fail"),
            "--format",
            "json",
            "--lang",
            "en",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["tool"]["name"], "kientruc");
    assert_eq!(doc["model"]["id"], "fixture");
    assert_eq!(doc["model"]["framework"], "3.0");
    assert_eq!(doc["model"]["files"], 1);
    assert_eq!(doc["model"]["elements"], 5);
    let finding = &doc["findings"][0];
    assert_eq!(finding["code"], "KT002");
    assert_eq!(finding["name"], "duplicate-id");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["principle"], "integrity");
    assert_eq!(finding["element"], "lgsp");
    assert_eq!(finding["location"]["file"], "model.yaml");
    assert_eq!(finding["location"]["line"], 30);
    assert_eq!(finding["location"]["column"], 9);
    assert_eq!(finding["location"]["length"], 4);
    assert_eq!(finding["related"][0]["element"], "lgsp");
    assert_eq!(finding["related"][0]["location"]["line"], 23);
    assert!(finding["waived"].is_null());
    assert_eq!(
        doc["summary"],
        serde_json::json!({"error": 1, "warning": 0, "info": 0, "waived": 0})
    );
}

#[test]
fn same_input_same_bytes() {
    for format in ["human", "short", "json"] {
        let run = || {
            kientruc()
                .args([
                    "check",
                    &format!("{FIXTURES}/KT003/fail"),
                    "--format",
                    format,
                    "--today",
                    "2026-01-15",
                ])
                .output()
                .unwrap()
                .stdout
        };
        assert_eq!(run(), run(), "{format}");
    }
}

#[test]
fn messages_exist_in_both_languages() {
    let path = format!("{FIXTURES}/KT001/fail");
    kientruc()
        .args(["check", &path, "--format", "short", "--lang", "vi"])
        .assert()
        .stdout(contains("không phải là hệ thống nào"));
    kientruc()
        .args(["check", &path, "--format", "short", "--lang", "en"])
        .assert()
        .stdout(contains("names no system"));
    kientruc()
        .env("LANG", "en_US.UTF-8")
        .args(["check", &path, "--format", "short"])
        .assert()
        .stdout(contains("names no system"));
    kientruc()
        .args(["check", &path, "--format", "short"])
        .assert()
        .stdout(contains("không phải là hệ thống nào"));
}

#[test]
fn schema_file_is_current() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/model.schema.json"
    ))
    .unwrap();
    assert_eq!(
        committed,
        kientruc::load::schema_text(),
        "run `cargo run -- schema > schemas/model.schema.json`"
    );
    kientruc().arg("schema").assert().code(0).stdout(committed);
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    kientruc()
        .args([
            "check",
            &format!("{FIXTURES}/KT001/pass"),
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout("");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(doc["summary"]["error"], 0);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left behind"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "a report is readable by others");
    }
}

#[test]
fn init_writes_a_model_that_passes_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("tinh");
    kientruc()
        .args(["init", target.to_str().unwrap()])
        .assert()
        .code(0);
    kientruc()
        .args(["check", target.to_str().unwrap(), "--fail-on", "warning"])
        .assert()
        .code(0);
    // The modeline names a schema that resolves offline: a relative path to the file written
    // beside the model, which is this kientruc's schema.
    let model = std::fs::read_to_string(target.join("model.yaml")).unwrap();
    let modeline = model.lines().next().unwrap();
    let named = modeline
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{modeline}"));
    assert!(!named.contains(':'), "a relative path, not a URL: {named}");
    let schema = std::fs::read_to_string(target.join(named)).unwrap();
    let printed = kientruc().arg("schema").output().unwrap().stdout;
    assert_eq!(schema.as_bytes(), printed.as_slice());
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert!(jsonschema::validator_for(&schema).is_ok());
    kientruc()
        .args(["init", target.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains("không trống"));
}

/// The published schema knows the rule codes, in any case, where codes are written: editors
/// reject `NOPE999` under `rules:` and in a waiver, as kientruc does.
#[test]
fn the_schema_enumerates_rule_codes() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/model.schema.json"),
    )
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let waiver = |rule: &str| {
        serde_json::json!({"waivers": [{"rule": rule, "element": "x", "reason": "r",
            "approved_by": "a", "expires": "2030-01-01"}]})
    };
    assert!(validator.is_valid(&serde_json::json!({"rules": {"DUP001": "off"}})));
    assert!(validator.is_valid(&serde_json::json!({"rules": {"dup001": "off"}})));
    assert!(!validator.is_valid(&serde_json::json!({"rules": {"NOPE999": "off"}})));
    assert!(validator.is_valid(&waiver("Reuse003")));
    assert!(!validator.is_valid(&waiver("NOPE999")));
    let codes = schema["$defs"]["RuleCode"]["anyOf"][0]["enum"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(codes, kientruc::rules::ALL.len());
}

/// The schemas of a merger's agency map and decisions file are published in `schemas/` as
/// `kientruc schema --of map|decisions` prints them, the shipped examples name them by a
/// relative path and validate against them, and they reject an unknown key.
#[test]
fn the_merge_files_have_published_schemas() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (of, file, example) in [
        ("model", "model.schema.json", None),
        (
            "map",
            "agency-map.schema.json",
            Some("examples/merge/ca-mau-2025.map.yaml"),
        ),
        (
            "decisions",
            "decisions.schema.json",
            Some("examples/merge/ca-mau-2025.decisions.yaml"),
        ),
    ] {
        let printed = kientruc().args(["schema", "--of", of]).output().unwrap();
        assert!(printed.status.success(), "{of}");
        let published = std::fs::read(root.join("schemas").join(file)).unwrap();
        assert_eq!(
            published, printed.stdout,
            "schemas/{file} is stale: kientruc schema --of {of}"
        );
        let Some(example) = example else { continue };
        let schema: serde_json::Value = serde_json::from_slice(&published).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let text = std::fs::read_to_string(root.join(example)).unwrap();
        assert!(
            text.starts_with(&format!(
                "# yaml-language-server: $schema=../../schemas/{file}\n"
            )),
            "{example}"
        );
        let json = kientruc::load::yaml::parse(&text)
            .unwrap()
            .unwrap()
            .to_json();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{example}: {errors:?}");
        let mut wrong = json.clone();
        wrong
            .as_object_mut()
            .unwrap()
            .insert("decision".into(), serde_json::json!([]));
        assert!(!validator.is_valid(&wrong), "{of}: an unknown key passes");
    }
}

/// Errors of the command line are said in the chosen language, with no English left in
/// Vietnamese: an unknown rule code, a model that does not exist.
#[test]
fn errors_are_vietnamese_in_vietnamese() {
    kientruc()
        .args(["explain", "DUP01", "--lang", "vi"])
        .assert()
        .code(2)
        .stderr(contains("`DUP01` không phải mã quy tắc"))
        .stderr(contains("DUP001"))
        .stderr(contains("is not").not());
    kientruc()
        .args(["check", "khong-co-thu-muc-nay", "--lang", "vi"])
        .assert()
        .code(2)
        .stderr(contains("không có tệp hay thư mục này"))
        .stderr(contains("No such file").not());
    kientruc()
        .args(["check", "khong-co-thu-muc-nay", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("No such file or directory"));
}

/// `--help` and parse errors follow `--lang` (else the environment, Vietnamese by default).
#[test]
fn help_and_parse_errors_are_in_the_chosen_language() {
    let vi = kientruc().args(["check", "--help"]).output().unwrap();
    let vi = String::from_utf8_lossy(&vi.stdout);
    assert!(
        vi.contains("Cách dùng: kientruc check [TÙY CHỌN] [MÔ_HÌNH]"),
        "{vi}"
    );
    assert!(
        vi.contains("Ghi báo cáo vào TỆP thay vì đầu ra chuẩn"),
        "{vi}"
    );
    for english in [
        "Usage:",
        "Options:",
        "Print help",
        "[default:",
        "Write the report",
    ] {
        assert!(!vi.contains(english), "{english}: {vi}");
    }
    let en = kientruc()
        .args(["check", "--help", "--lang", "en"])
        .output()
        .unwrap();
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(
        en.contains("Write the report to FILE instead of standard output"),
        "{en}"
    );
    kientruc()
        .args(["check", "--format", "jsn"])
        .assert()
        .code(2)
        .stderr(contains("`jsn` không phải giá trị hợp lệ cho --format"))
        .stderr(contains("có phải `json`?"));
    kientruc()
        .args(["chek", "--lang", "vi"])
        .assert()
        .code(2)
        .stderr(contains("không có lệnh `chek`"));
    kientruc()
        .args(["check", "--format", "jsn", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'jsn'"));
    // The positional arguments keep their order: OLD, then NEW.
    let diff = kientruc().args(["diff", "--help"]).output().unwrap();
    let diff = String::from_utf8_lossy(&diff.stdout);
    assert!(
        diff.find("<CŨ>  ").unwrap() < diff.find("<MỚI>  ").unwrap(),
        "{diff}"
    );
}

/// The first place a terminal report gives for a finding is the finding's own, also when the
/// element it refers to is defined earlier in the same file (miette shows a file's labels in
/// file order: the earlier ones go to related diagnostics of their own).
#[test]
fn a_report_points_first_at_the_finding_even_when_a_related_place_comes_earlier() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.yaml");
    let text = "model:\n  id: x\n  name: X\n  version: \"1\"\n  framework: \"3.0\"\n  level: province\n  authority: ubnd\nagencies:\n  - id: ubnd\n    name: UBND\n    level: province\nsystems:\n  - id: s1\n    name: S\n    layer: application\n    owner: ubndx\n    status: operational\n    depends_on: [s2]\n  - id: s2\n    name: S2\n    layer: application\n    owner: ubnd\n    status: operational\n    depends_on: [s1]\n";
    std::fs::write(&file, text).unwrap();
    let out = kientruc()
        .args(["check", file.to_str().unwrap(), "--lang", "en"])
        .assert()
        .code(1);
    let human = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let kt001 = &human[human.find("KT001 ·").expect("KT001")..];
    let first = kt001.lines().find(|l| l.contains("╭─[")).unwrap();
    assert!(first.ends_with("one.yaml:16:12]"), "{human}");
    let defined = kt001.find("one.yaml:9:9]").expect("where ubnd is defined");
    assert!(kt001[..defined].contains("Advice"), "{human}");
}
