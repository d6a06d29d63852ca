//! `kientruc diff` end to end: two versions of a small model committed to a temporary git
//! repository, compared as `REV:PATH`, and as plain directories.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::Value;

fn kientruc() -> Command {
    let mut cmd = Command::cargo_bin("kientruc").unwrap();
    cmd.env_remove("LANG")
        .env_remove("KIENTRUC_LANG")
        .env("NO_COLOR", "1");
    cmd
}

const MODEL: &str = r#"model:
  id: diff-fixture
  name: Mô hình thử
  framework: "3.0"
  authority: ubnd-tinh
  reference: none
agencies:
  - id: ubnd-tinh
    name: Ủy ban nhân dân tỉnh
    level: province
  - id: so-tttt
    name: Sở Thông tin và Truyền thông
    level: department
    parent: ubnd-tinh
"#;

const SYSTEMS_V1: &str = r#"systems:
  - id: dc-tinh
    name: Trung tâm dữ liệu tỉnh
    layer: infrastructure
    owner: so-tttt
    status: operational
    security_level: 3
  - id: lgsp
    name: Nền tảng tích hợp
    layer: integration
    owner: so-tttt
    status: operational
    hosted_on: dc-tinh
    security_level: 3
  - id: mot-cua
    name: Một cửa
    layer: application
    owner: so-tttt
    status: operational
    depends_on: [lgsp, cong-dvc]
    hosted_on: dc-tinh
    security_level: 2
  - id: cu
    name: Hệ thống cũ
    layer: application
    owner: so-tttt
    status: operational
    security_level: 2
"#;

/// v2: `lgsp` changes level, `cu` goes, `moi` comes with a broken reference, and the broken
/// `cong-dvc` reference of `mot-cua` is fixed; ten lines of comments push everything down.
fn systems_v2() -> String {
    let comments: String = (0..10).map(|i| format!("# {i}\n")).collect();
    let body = SYSTEMS_V1
        .replacen(
            "    hosted_on: dc-tinh\n    security_level: 3",
            "    hosted_on: dc-tinh\n    security_level: 2",
            1,
        )
        .replace("[lgsp, cong-dvc]", "[lgsp]");
    let body = &body[..body.find("  - id: cu").unwrap()];
    format!(
        "{comments}{body}  - id: moi\n    name: Hệ thống mới\n    layer: application\n    \
         owner: so-tttt\n    status: planned\n    depends_on: [mot-cua, khong-co]\n    \
         security_level: 2\n"
    )
}

fn git(repo: &Path, args: &[&str]) {
    let status = Process::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// A repository with two commits of `model/`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    git(repo, &["config", "user.name", "Kiến trúc"]);
    git(repo, &["config", "user.email", "kientruc@example.invalid"]);
    git(repo, &["config", "commit.gpgsign", "false"]);
    std::fs::create_dir(repo.join("model")).unwrap();
    std::fs::write(repo.join("model/model.yaml"), MODEL).unwrap();
    std::fs::write(repo.join("model/systems.yaml"), SYSTEMS_V1).unwrap();
    std::fs::write(repo.join("README.txt"), "not a model file\n").unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "v1"]);
    std::fs::write(repo.join("model/systems.yaml"), systems_v2()).unwrap();
    git(repo, &["commit", "-q", "-a", "-m", "v2"]);
    dir
}

#[test]
fn diff_of_two_commits_in_human_form() {
    let repo = repository();
    let output = kientruc()
        .current_dir(repo.path())
        .args(["diff", "HEAD~1:model", "HEAD:model", "--lang", "en"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{text}");
    let expected = "\
Comparing HEAD~1:model → HEAD:model

Elements added (1):
  + system moi — Hệ thống mới

Elements removed (1):
  - system cu — Hệ thống cũ

Elements changed (2):
  ~ system lgsp — Nền tảng tích hợp (security_level: 3 → 2)
  ~ system mot-cua — Một cửa (depends_on: [\"lgsp\",\"cong-dvc\"] → [\"lgsp\"])

Edges added (2):
  + moi depends_on mot-cua
  + moi owner so-tttt

Edges removed (1):
  - cu owner so-tttt

Findings introduced (1):
  + systems.yaml:38:27: error[KT001] `khong-co` names no system of the model

Findings resolved (1):
  - systems.yaml:20:24: error[KT001] `cong-dvc` names no system of the model
";
    // `mot-cua` depends on `lgsp` but is itself changed: it is listed once, as changed.
    assert_eq!(text, expected);
}

#[test]
fn diff_json_lists_affected_elements_and_fails_on_new() {
    let repo = repository();
    // Change only `dc-tinh`: `lgsp` and `mot-cua` are hosted on it, `mot-cua` depends on `lgsp`.
    let systems = std::fs::read_to_string(repo.path().join("model/systems.yaml")).unwrap();
    std::fs::write(
        repo.path().join("model/systems.yaml"),
        systems.replacen(
            "name: Trung tâm dữ liệu tỉnh",
            "name: Trung tâm dữ liệu tỉnh (mới)",
            1,
        ),
    )
    .unwrap();
    git(repo.path(), &["commit", "-q", "-a", "-m", "v3"]);
    let output = kientruc()
        .current_dir(repo.path())
        .args(["diff", "HEAD~1:model", "HEAD:./model", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["elements"]["changed"][0]["id"], "dc-tinh");
    assert_eq!(doc["elements"]["changed"][0]["fields"][0]["field"], "name");
    assert_eq!(
        doc["elements"]["changed"][0]["fields"][0]["new"],
        "Trung tâm dữ liệu tỉnh (mới)"
    );
    let affected: Vec<&str> = doc["affected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(affected, ["lgsp", "moi", "mot-cua"]);
    assert!(doc["findings"]["introduced"].as_array().unwrap().is_empty());

    // Across two commits a KT001 error is introduced: --fail-on-new error fails.
    kientruc()
        .current_dir(repo.path())
        .args([
            "diff",
            "HEAD~2:model",
            "HEAD:model",
            "--fail-on-new",
            "error",
        ])
        .assert()
        .code(1);
    kientruc()
        .current_dir(repo.path())
        .args([
            "diff",
            "HEAD~2:model",
            "HEAD:model",
            "--fail-on-new",
            "never",
        ])
        .assert()
        .code(0);
}

#[test]
fn diff_markdown_escapes_and_groups() {
    let repo = repository();
    let output = kientruc()
        .current_dir(repo.path())
        .args(["diff", "HEAD~1:model", "HEAD:model", "--format", "markdown"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("## So sánh HEAD\\~1:model → HEAD:model\n"),
        "{text}"
    );
    assert!(
        text.contains("\n### Phần tử được thêm \\(1\\):\n\n- hệ thống moi — Hệ thống mới\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\n### Phát hiện mới \\(1\\):\n\n- systems.yaml:38:27: error\\[KT001\\] `khong-co`"
        ),
        "{text}"
    );
}

#[test]
fn diff_of_directories_and_of_identical_versions() {
    let repo = repository();
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("diff.md");
    kientruc()
        .current_dir(repo.path())
        .args([
            "diff",
            "model",
            "HEAD:model",
            "--lang",
            "en",
            "--format",
            "markdown",
            "-o",
        ])
        .arg(&report)
        .assert()
        .code(0)
        .stdout("");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("No differences."), "{text}");
    // A side may be one file, on disk or in git.
    kientruc()
        .current_dir(repo.path())
        .args([
            "diff",
            "HEAD~1:model/model.yaml",
            "model/model.yaml",
            "--lang",
            "en",
        ])
        .assert()
        .code(0)
        .stdout(contains("No differences."));
}

#[test]
fn diff_errors_cannot_judge() {
    let repo = repository();
    kientruc()
        .current_dir(repo.path())
        .args(["diff", "nosuchrev:model", "HEAD:model"])
        .assert()
        .code(2)
        .stderr(contains("nosuchrev:model"));
    kientruc()
        .current_dir(repo.path())
        .args(["diff", "--", "--output=x:model", "HEAD:model"])
        .assert()
        .code(2)
        .stderr(contains("is not a revision"));
    assert!(!repo.path().join("x").exists());
    kientruc()
        .current_dir(repo.path())
        .args(["diff", "HEAD:nothing-here", "HEAD:model"])
        .assert()
        .code(2)
        .stderr(contains("names nothing"));
    // A side that does not load gives its load errors.
    std::fs::write(repo.path().join("model/broken.yaml"), "systems: [").unwrap();
    kientruc()
        .current_dir(repo.path())
        .args(["diff", "HEAD:model", "model", "--format", "json"])
        .assert()
        .code(2)
        .stderr(contains("broken.yaml"));
}
