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
  + system `moi` — Hệ thống mới

Elements removed (1):
  - system `cu` — Hệ thống cũ

Elements changed (2):
  ~ system `lgsp` — Nền tảng tích hợp (security level: 3 → 2)
  ~ system `mot-cua` — Một cửa (depends on: removed `cong-dvc`)

Edges added (2):
  + `moi` depends on `mot-cua`
  + `moi` is owned by `so-tttt`

Edges removed (1):
  - `cu` is owned by `so-tttt`

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
        text.contains("\n### Phần tử được thêm \\(1\\):\n\n- hệ thống `moi` — Hệ thống mới\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\n### Phát hiện mới \\(1\\):\n\n- systems.yaml:38:27: lỗi\\[KT001\\] `khong-co`"
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
        .stderr(contains("không phải là một phiên bản (revision) của git"));
    kientruc()
        .current_dir(repo.path())
        .args([
            "diff",
            "--lang",
            "en",
            "--",
            "--output=x:model",
            "HEAD:model",
        ])
        .assert()
        .code(2)
        .stderr(contains("`--output=x` is not a revision"));
    // The side is the user's argument: a control character in it is shown, never sent.
    let out = kientruc()
        .current_dir(repo.path())
        .args(["diff", "no\x1b[31msuch:model", "HEAD:model"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
    assert!(
        stderr.contains("lệnh `git ls-tree` không thành công"),
        "{stderr}"
    );
    assert!(!repo.path().join("x").exists());
    kientruc()
        .current_dir(repo.path())
        .args(["diff", "HEAD:nothing-here", "HEAD:model"])
        .assert()
        .code(2)
        .stderr(contains("không có gì ở phiên bản `HEAD`"));
    // A side that does not load gives its load errors.
    std::fs::write(repo.path().join("model/broken.yaml"), "systems: [").unwrap();
    kientruc()
        .current_dir(repo.path())
        .args(["diff", "HEAD:model", "model", "--format", "json"])
        .assert()
        .code(2)
        .stderr(contains("broken.yaml"));
}

const DATA: &str = r#"data:
  - id: ho-so
    name: Hồ sơ thủ tục
    owner: so-tttt
    classification: shared
"#;

/// Version 1 of a model with a chain of users: `cong` depends on `bao-cao`, which depends
/// on `kho`; `dung-cu` depends on `cu`.
const WORDS_V1: &str = r#"systems:
  - id: dc-tinh
    name: Trung tâm dữ liệu tỉnh
    layer: infrastructure
    owner: so-tttt
    status: operational
    security_level: 3
  - id: may-chu
    name: Máy chủ riêng
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
  - id: kho
    name: Kho hồ sơ
    layer: application
    owner: so-tttt
    status: operational
    hosted_on: dc-tinh
    security_level: 2
    data:
      master: [ho-so]
    cost: { capex: 1000000000 }
  - id: bao-cao
    name: Báo cáo
    layer: application
    owner: so-tttt
    status: operational
    depends_on: [kho]
    hosted_on: dc-tinh
    security_level: 2
  - id: cong
    name: Cổng thông tin
    layer: portal
    owner: so-tttt
    status: operational
    depends_on: [bao-cao]
    hosted_on: dc-tinh
    security_level: 2
  - id: mot-cua
    name: Một cửa
    layer: application
    owner: so-tttt
    status: operational
    hosted_on: dc-tinh
    security_level: 2
    cost: { capex: 2000000000, opex: 100000000 }
  - id: cu
    name: Hệ thống cũ
    layer: application
    owner: so-tttt
    status: operational
    security_level: 2
  - id: dung-cu
    name: Dùng hệ thống cũ
    layer: application
    owner: so-tttt
    status: operational
    depends_on: [cu]
    hosted_on: dc-tinh
    security_level: 2
"#;

/// Version 2: `kho` costs more, `cu` goes, and `mot-cua` changes in every way.
fn words_v2() -> String {
    let body = WORDS_V1
        .replacen(
            "    cost: { capex: 1000000000 }",
            "    cost: { capex: 1500000000 }",
            1,
        )
        .replacen(
            "  - id: cu\n    name: Hệ thống cũ\n    layer: application\n    owner: so-tttt\n    \
             status: operational\n    security_level: 2\n",
            "",
            1,
        );
    let old_mot_cua = "    name: Một cửa\n    layer: application\n    owner: so-tttt\n    \
                       status: operational\n    hosted_on: dc-tinh\n    security_level: 2\n    \
                       cost: { capex: 2000000000, opex: 100000000 }\n";
    assert!(body.contains(old_mot_cua));
    body.replacen(
        old_mot_cua,
        "    name: Một cửa \"mới\"\n    layer: application\n    owner: so-tttt\n    \
         status: retiring\n    depends_on: [lgsp]\n    hosted_on: may-chu\n    \
         security_level: 3\n    data:\n      read: [ho-so]\n    integrations:\n      \
         - to: kho\n        via: lgsp\n        data: [ho-so]\n    \
         cost: { capex: 2500000000, opex: 100000000 }\n",
        1,
    )
}

/// Two directories, `old` and `new`, with [`WORDS_V1`] and [`words_v2`].
fn words_sides() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (side, systems) in [("old", WORDS_V1.to_string()), ("new", words_v2())] {
        let root = dir.path().join(side);
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("model.yaml"), MODEL).unwrap();
        std::fs::write(root.join("data.yaml"), DATA).unwrap();
        std::fs::write(root.join("systems.yaml"), systems).unwrap();
    }
    dir
}

fn words_diff(dir: &Path, args: &[&str]) -> String {
    let output = kientruc()
        .current_dir(dir)
        .args(["diff", "old", "new"])
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{text}");
    text
}

/// No JSON of a value ever shows in the words: no quoted keys, no escaped quotes, no entities.
fn assert_no_raw_json(text: &str) {
    for raw in ["&quot;", "[\"", "{\"", "\":", "\\\"", "&amp;"] {
        assert!(!text.contains(raw), "{raw} in {text}");
    }
}

#[test]
fn diff_says_each_change_in_words_in_english() {
    let dir = words_sides();
    let text = words_diff(dir.path(), &["--lang", "en"]);
    assert_no_raw_json(&text);
    let line = |id: &str| -> String {
        text.lines()
            .find(|l| l.starts_with(&format!("  ~ system `{id}` ")))
            .unwrap_or_else(|| panic!("{id} in {text}"))
            .to_string()
    };
    assert_eq!(
        line("kho"),
        "  ~ system `kho` — Kho hồ sơ (capex: 1,000,000,000 VND → 1,500,000,000 VND)"
    );
    assert_eq!(
        line("mot-cua"),
        "  ~ system `mot-cua` — Một cửa \"mới\" (name: “Một cửa” → “Một cửa \"mới\"”; \
         status: operational → retiring; depends on: added `lgsp`; \
         hosted on: `dc-tinh` → `may-chu`; security level: 2 → 3; reads: added `ho-so`; \
         added integration with `kho` through `lgsp` (data `ho-so`); \
         capex: 2,000,000,000 VND → 2,500,000,000 VND)"
    );
    let affected = &text[text.find("Elements affected").expect(&text)..];
    let expected = "\
Elements affected by a changed or removed element, and why (7):
  data set `ho-so` — Hồ sơ thủ tục: new relation: `mot-cua` reads `ho-so`
  system `bao-cao` — Báo cáo: `bao-cao` depends on `kho`, which changed
  system `cong` — Cổng thông tin: `cong` depends on `bao-cao`, so the change of `kho` reaches it through `cong → bao-cao → kho`
  system `dc-tinh` — Trung tâm dữ liệu tỉnh: relation dropped: `mot-cua` is hosted on `dc-tinh`
  system `dung-cu` — Dùng hệ thống cũ: `dung-cu` depends on `cu`, which was removed
  system `lgsp` — Nền tảng tích hợp: new relation: `mot-cua` depends on `lgsp`
  system `may-chu` — Máy chủ riêng: new relation: `mot-cua` is hosted on `may-chu`
";
    assert_eq!(affected, expected);
}

#[test]
fn diff_says_each_change_in_words_in_vietnamese() {
    let dir = words_sides();
    let text = words_diff(dir.path(), &[]);
    assert_no_raw_json(&text);
    for words in [
        "(vốn đầu tư: 1.000.000.000 đồng → 1.500.000.000 đồng)",
        "tên: “Một cửa” → “Một cửa \"mới\"”; trạng thái: đang vận hành → sắp dừng; \
         phụ thuộc vào: thêm `lgsp`; đặt trên: `dc-tinh` → `may-chu`; cấp độ an toàn: 2 → 3; \
         đọc dữ liệu: thêm `ho-so`; thêm tích hợp tới `kho` qua `lgsp` (dữ liệu `ho-so`); \
         vốn đầu tư: 2.000.000.000 đồng → 2.500.000.000 đồng",
        "hệ thống `cong` — Cổng thông tin: `cong` phụ thuộc vào `bao-cao`, nên việc thay đổi \
         `kho` ảnh hưởng tới nó qua đường `cong → bao-cao → kho`\n",
        "hệ thống `bao-cao` — Báo cáo: `bao-cao` phụ thuộc vào `kho`, phần tử đã thay đổi\n",
        "hệ thống `dung-cu` — Dùng hệ thống cũ: `dung-cu` phụ thuộc vào `cu`, phần tử đã bị xóa\n",
        "hệ thống `may-chu` — Máy chủ riêng: quan hệ mới: `mot-cua` được đặt trên `may-chu`\n",
        "hệ thống `dc-tinh` — Trung tâm dữ liệu tỉnh: quan hệ bị bỏ: `mot-cua` được đặt trên \
         `dc-tinh`\n",
    ] {
        assert!(text.contains(words), "{words}\nin\n{text}");
    }
}

#[test]
fn diff_markdown_and_json_carry_the_words() {
    let dir = words_sides();
    let text = words_diff(dir.path(), &["--format", "markdown", "--lang", "en"]);
    assert_no_raw_json(&text);
    assert!(
        text.contains(
            "- system `mot-cua` — Một cửa \"mới\" (name: “Một cửa” → “Một cửa \"mới\"”; status: \
             operational → retiring; depends on: added `lgsp`;"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "- system `cong` — Cổng thông tin: `cong` depends on `bao-cao`, so the change of \
             `kho` reaches it through `cong → bao-cao → kho`\n"
        ),
        "{text}"
    );

    let doc: Value = serde_json::from_str(&words_diff(
        dir.path(),
        &["--format", "json", "--lang", "en"],
    ))
    .unwrap();
    let changed = doc["elements"]["changed"].as_array().unwrap();
    let mot_cua = changed.iter().find(|c| c["id"] == "mot-cua").unwrap();
    let integrations = mot_cua["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "integrations")
        .unwrap();
    // The machine fields stay; `text` says it in words.
    assert_eq!(integrations["old"], Value::Null);
    assert_eq!(integrations["new"][0]["to"], "kho");
    assert_eq!(
        integrations["text"],
        "added integration with `kho` through `lgsp` (data `ho-so`)"
    );
    let affected = doc["affected"].as_array().unwrap();
    let ids: Vec<&str> = affected.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "ho-so", "bao-cao", "cong", "dc-tinh", "dung-cu", "lgsp", "may-chu"
        ]
    );
    let cong = &affected[2];
    assert_eq!(cong["kind"], "system");
    assert_eq!(cong["path"], serde_json::json!(["cong", "bao-cao", "kho"]));
    assert_eq!(cong["cause"], "kho");
    assert_eq!(cong["reach"], "uses");
    assert_eq!(
        cong["relation"],
        serde_json::json!({"source": "cong", "kind": "depends_on", "target": "bao-cao"})
    );
    assert_eq!(
        cong["because"],
        "`cong` depends on `bao-cao`, so the change of `kho` reaches it through \
         `cong → bao-cao → kho`"
    );
    let dung_cu = &affected[4];
    assert_eq!(dung_cu["path"], serde_json::json!(["dung-cu", "cu"]));
    assert_eq!(dung_cu["cause_removed"], true);
    let may_chu = &affected[6];
    assert_eq!(may_chu["reach"], "edge_added");
    assert_eq!(may_chu["path"], serde_json::json!(["may-chu", "mot-cua"]));
    assert_eq!(affected[3]["reach"], "edge_removed");
}
