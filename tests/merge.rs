//! `kientruc merge` end to end: Bạc Liêu and Cà Mau merged into the new Cà Mau province load
//! and are judged, clashing ids are namespaced `<model id>.<id>`, references rewritten,
//! origins kept, agencies mapped; clashes that cannot be resolved, a non-empty output
//! directory and a bad mapping file are located errors with exit code 2 and nothing written;
//! the same inputs give the same bytes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;

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
    command.env("NO_COLOR", "1").env_remove("LANG");
    command
}

fn merge_into(dir: &Path) -> assert_cmd::assert::Assert {
    kientruc()
        .args(MERGE_BOTH)
        .args(["--name", "Kiến trúc số tỉnh Cà Mau"])
        .args([
            "--map",
            "examples/merge/ca-mau-2025.map.yaml",
            "--lang",
            "en",
            "-o",
        ])
        .arg(dir)
        .current_dir(ROOT)
        .assert()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every file of a directory, relative path → bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn bac_lieu_and_ca_mau_merge_into_a_model_that_checks() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("ca-mau-2025");
    merge_into(&dir)
        .code(0)
        .stdout(contains("Merged 2 models"))
        .stdout(contains("The merged model loads and was judged"));
    let checked = kientruc()
        .args([
            "check",
            "--today",
            "2026-01-15",
            "--format",
            "short",
            "--lang",
            "en",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        checked.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let text = String::from_utf8_lossy(&checked.stdout);
    // The second platforms are now findings of the merged province.
    assert!(
        text.contains("error[REUSE001] `bac-lieu.lgsp` provides `data-exchange`"),
        "{text}"
    );
    assert!(
        text.contains("`dc-tinh` provides `hosting`, whose designated platform is `ttdl-tinh`"),
        "{text}"
    );

    // Namespaced: ids both sources define; kept: ids only one defines.
    let systems = read(&dir, "systems/bac-lieu/so-khcn.yaml");
    assert!(systems.contains("  - id: bac-lieu.lgsp\n"), "{systems}");
    assert!(systems.contains("  - id: dc-tinh\n"));
    assert!(systems.contains("    origin: bac-lieu\n"));
    let ca_mau = read(&dir, "systems/ca-mau/so-khcn.yaml");
    assert!(ca_mau.contains("  - id: ca-mau.lgsp\n"));
    assert!(ca_mau.contains("  - id: ttdl-tinh\n"));
    assert!(ca_mau.contains("    origin: ca-mau\n"));
    // References rewritten in the source's own namespace, agencies mapped.
    assert!(systems.contains("    owner: so-khcn\n"));
    let office = read(&dir, "systems/bac-lieu/vp-ubnd.yaml");
    assert!(office.contains("  - id: bac-lieu.tthc\n"), "{office}");
    assert!(
        office
            .contains("    depends_on: [bac-lieu.lgsp, vn.vneid, vn.paygov, vn.ca-chuyen-dung]\n")
    );
    assert!(office.contains("    replaces: [mot-cua-cu, cong-dvc-cu]\n"));
    assert!(office.contains("      - to: ht-dat-dai\n        via: bac-lieu.lgsp\n        data: [bac-lieu.dl-dat-dai]\n"), "{office}");
    // Shared capabilities written once, with the primary source's platform.
    let capabilities = read(&dir, "capabilities/ca-mau.yaml");
    assert!(
        capabilities.contains("  - id: data-exchange\n")
            && capabilities.contains("platform: ca-mau.lgsp")
    );
    assert!(!read(&dir, "capabilities/bac-lieu.yaml").contains("  - id: data-exchange\n"));
    // The mapping's agencies, and the hospitals left apart and namespaced.
    let agencies = read(&dir, "agencies.yaml");
    assert!(
        agencies.contains("  - id: so-khcn\n")
            && agencies.contains("Sở Thông tin và Truyền thông tỉnh Bạc Liêu (bac-lieu/so-tttt)")
    );
    assert!(read(&dir, "agencies/bac-lieu.yaml").contains("  - id: bac-lieu.bv-da-khoa\n"));
    // Waivers follow their element and approver.
    let waivers = read(&dir, "waivers/bac-lieu.yaml");
    assert!(waivers.contains("    element: ht-dat-dai\n"));
    assert!(read(&dir, "waivers/ca-mau.yaml").contains("    element: ca-mau.his-bvdk\n"));
    assert!(waivers.contains("approved_by: so-khcn"));
    // Every file names the schema.
    for (path, bytes) in tree(&dir) {
        if path.extension().is_some_and(|e| e == "yaml") {
            assert!(
                bytes.starts_with(b"# yaml-language-server: $schema="),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn the_namespacing_scheme_is_reversible() {
    use kientruc::merge::namespace::{namespaced, original};
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("m");
    merge_into(&dir).code(0);
    let merged = kientruc::load::load_model(&dir).unwrap();
    let bac_lieu = kientruc::load::load_model(&Path::new(ROOT).join("models/bac-lieu")).unwrap();
    let mut originals: Vec<String> = merged
        .model
        .systems
        .iter()
        .filter(|s| s.origin.as_ref().is_some_and(|o| o.as_str() == "bac-lieu"))
        .map(|s| original(s.id.as_str(), "bac-lieu").to_string())
        .collect();
    let mut expected: Vec<String> = bac_lieu
        .model
        .systems
        .iter()
        .filter(|s| !s.id.as_str().starts_with("vn."))
        .map(|s| s.id.value.0.to_string())
        .collect();
    originals.sort();
    expected.sort();
    assert_eq!(originals, expected);
    assert_eq!(namespaced("bac-lieu", "lgsp"), "bac-lieu.lgsp");
}

#[test]
fn merging_twice_gives_the_same_bytes() {
    let temp = tempfile::tempdir().unwrap();
    let (a, b) = (temp.path().join("a"), temp.path().join("b"));
    merge_into(&a).code(0);
    merge_into(&b).code(0);
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn a_non_empty_output_directory_is_refused_unless_forced() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("keep.txt"), "mine").unwrap();
    merge_into(&dir)
        .code(2)
        .stderr(contains("Nothing written"))
        .stderr(contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
        "mine"
    );
    assert!(!dir.join("model.yaml").exists());
    kientruc()
        .args([
            "merge",
            "models/bac-lieu",
            "models/ca-mau",
            "--id",
            "ca-mau",
            "--force",
            "-o",
        ])
        .arg(&dir)
        .current_dir(ROOT)
        .assert()
        .code(0);
    assert!(dir.join("model.yaml").exists() && !dir.join("keep.txt").exists());
}

#[test]
fn an_output_inside_an_input_is_refused() {
    kientruc()
        .args(MERGE_BOTH)
        .args(["--lang", "en"])
        .args(["-o", "models/ca-mau/merged"])
        .current_dir(ROOT)
        .assert()
        .code(2)
        .stderr(contains("lies inside the input"));
    assert!(!Path::new(ROOT).join("models/ca-mau/merged").exists());
}

fn write(dir: &Path, file: &str, text: &str) -> PathBuf {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

const TINY: &str = "model:\n  id: ID\n  name: Tỉnh\n  authority: ubnd\nagencies:\n  - id: ubnd\n    name: UBND tỉnh\n    level: province\nsystems:\n  - id: SYSTEM\n    name: Hệ thống\n    layer: application\n    owner: ubnd\n    status: operational\n    security_level: 2\n";

fn tiny(dir: &Path, name: &str, id: &str, system: &str) -> PathBuf {
    write(
        dir,
        &format!("{name}/model.yaml"),
        &TINY.replace("ID", id).replace("SYSTEM", system),
    )
    .parent()
    .unwrap()
    .to_path_buf()
}

#[test]
fn clashes_that_cannot_be_resolved_are_located_and_nothing_is_written() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("out");
    // Two sources with one model id: their clashing ids could not be told apart.
    let a = tiny(temp.path(), "a", "tinh-a", "x");
    let a2 = tiny(temp.path(), "a2", "tinh-a", "y");
    kientruc()
        .args(["merge", "--id", "m", "--lang", "en", "-o"])
        .args([&out, &a, &a2])
        .assert()
        .code(2)
        .stderr(contains(
            "a2/model.yaml:2:7: error: two source models have the id `tinh-a`",
        ))
        .stderr(contains("a/model.yaml:2:7: note: the first model"));
    // An id already in another source's namespace would make the scheme ambiguous.
    let b = tiny(temp.path(), "b", "tinh-b", "tinh-a.x");
    kientruc()
        .args(["merge", "--id", "m", "--lang", "en", "-o"])
        .args([&out, &a, &b])
        .assert()
        .code(2)
        .stderr(contains(
            "b/model.yaml:10:9: error: the id `tinh-a.x` lies in the namespace `tinh-a.`",
        ));
    assert!(!out.exists());
}

#[test]
fn a_bad_mapping_file_is_located() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("out");
    let map = write(
        temp.path(),
        "map.yaml",
        "agencies:\n  - id: so-khcn\n    name: Sở KH&CN\n    level: department\n    parent: ubnd-tinhh\n    from:\n      bac-lieu: [so-ttt]\n      ca-mao: [so-tttt]\n  - id: dc-tinh\n    name: Trùng mã\n    level: department\n    from:\n      ca-mau: [so-tttt]\n",
    );
    let output = kientruc()
        .args([
            "merge",
            "models/bac-lieu",
            "models/ca-mau",
            "--id",
            "ca-mau",
            "--lang",
            "en",
            "--map",
        ])
        .arg(&map)
        .arg("-o")
        .arg(&out)
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stderr);
    let shown = map.display().to_string();
    assert!(text.contains(&format!("{shown}:7:18: error: the model `bac-lieu` has no agency `so-ttt` (did you mean `so-tttt`?)")), "{text}");
    assert!(
        text.contains(&format!(
            "{shown}:8:7: error: `ca-mao` is not the id of a source model (did you mean `ca-mau`?)"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{shown}:9:9: error: the mapping's id `dc-tinh` clashes with an element of `bac-lieu`"
        )),
        "{text}"
    );
    assert!(!out.exists());
    // Unknown keys are located too.
    let typo = write(
        temp.path(),
        "typo.yaml",
        "agencies:\n  - id: x\n    name: X\n    level: department\n    form: {}\n",
    );
    kientruc()
        .args([
            "merge",
            "models/bac-lieu",
            "models/ca-mau",
            "--id",
            "ca-mau",
            "--lang",
            "en",
            "--map",
        ])
        .arg(&typo)
        .arg("-o")
        .arg(&out)
        .current_dir(ROOT)
        .assert()
        .code(2)
        .stderr(contains("typo.yaml:5:5: error: unknown key `form`"));
}

#[test]
fn write_map_pairs_agencies_by_name_without_the_province() {
    let temp = tempfile::tempdir().unwrap();
    let map = temp.path().join("map.yaml");
    kientruc()
        .args([
            "merge",
            "models/bac-lieu",
            "models/ca-mau",
            "--id",
            "ca-mau",
            "--lang",
            "en",
            "--write-map",
        ])
        .arg(&map)
        .current_dir(ROOT)
        .assert()
        .code(0)
        .stdout(contains("16 agencies paired"));
    let text = std::fs::read_to_string(&map).unwrap();
    assert!(text.contains("  - id: so-tttt\n    name: Sở Thông tin và Truyền thông tỉnh Cà Mau\n    level: department\n    parent: ubnd-tinh\n    from:\n      bac-lieu: [so-tttt]\n      ca-mau: [so-tttt]\n"), "{text}");
    // Districts are places, never paired (the city of Bạc Liêu is not the city of Cà Mau).
    assert!(!text.contains("ubnd-tp-"));
    // The starting mapping is itself a valid mapping.
    kientruc()
        .args([
            "merge",
            "models/bac-lieu",
            "models/ca-mau",
            "--id",
            "ca-mau",
            "--map",
        ])
        .arg(&map)
        .arg("-o")
        .arg(temp.path().join("out"))
        .current_dir(ROOT)
        .assert()
        .code(0);
}

#[test]
fn rule_levels_take_the_strictest_and_three_sources_merge() {
    let temp = tempfile::tempdir().unwrap();
    let a = tiny(temp.path(), "a", "tinh-a", "x");
    let b = tiny(temp.path(), "b", "tinh-b", "x");
    let c = tiny(temp.path(), "c", "tinh-c", "z");
    write(&a, "rules.yaml", "rules:\n  DUP003: off\n  SEC001: info\n");
    write(&b, "rules.yaml", "rules:\n  SEC001: error\n");
    let out = temp.path().join("out");
    kientruc()
        .args(["merge", "--id", "tinh-a", "-o"])
        .args([&out, &a, &b, &c])
        .assert()
        .code(0);
    let model = read(&out, "model.yaml");
    // DUP003: off in one source, the default elsewhere: the default, so not written.
    assert!(!model.contains("DUP003"), "{model}");
    assert!(model.contains("rules:\n  SEC001: error\n"), "{model}");
    // `x` is defined by two of the three sources, `z` by one.
    let systems = read(&out, "systems/tinh-a/tinh-a.ubnd.yaml");
    assert!(systems.contains("  - id: tinh-a.x\n"), "{systems}");
    assert!(read(&out, "systems/tinh-b/tinh-b.ubnd.yaml").contains("  - id: tinh-b.x\n"));
    assert!(read(&out, "systems/tinh-c/tinh-c.ubnd.yaml").contains("  - id: z\n"));
    kientruc().arg("check").arg(&out).assert().code(0);
}
