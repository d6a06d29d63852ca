//! Every kind of load error points at file, line and column, says what was expected and, where
//! it can, what was probably meant.

use std::path::Path;

use kientruc::load::{LoadFailure, load_model};

const MODEL: &str = "model:\n  id: t\n  name: Tỉnh thử\n  framework: \"3.0\"\n  reference: none\nagencies:\n  - id: so-tttt\n    name: Sở TT&TT\n    level: department\n";

fn write(dir: &Path, name: &str, text: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// Loads a model made of `model.yaml` (the header above) and `systems.yaml` = `text`.
fn fail_with(text: &[u8]) -> LoadFailure {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "model.yaml", MODEL.as_bytes());
    write(dir.path(), "systems.yaml", text);
    load_model(dir.path()).expect_err("the model must not load")
}

/// The first issue as `file:line:column: message (help)`.
fn first(failure: &LoadFailure) -> String {
    let issue = &failure.issues[0];
    let loc = issue.loc.expect("the issue has a place");
    let pos = failure.sources.position(loc);
    format!(
        "{}:{}:{}: {} ({})",
        failure.sources.path(loc),
        pos.line,
        pos.column,
        issue.message.en,
        issue.help.clone().map(|h| h.en).unwrap_or_default()
    )
}

const SYSTEM: &str = "systems:\n  - id: qlvb\n    name: Quản lý văn bản\n    layer: application\n    owner: so-tttt\n    status: operational\n";

#[test]
fn yaml_syntax_error() {
    let f = fail_with(b"systems:\n  - id: qlvb\n    name: [unclosed\n");
    let text = first(&f);
    assert!(text.starts_with("systems.yaml:4:1: invalid YAML"), "{text}");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let f = fail_with(format!("{SYSTEM}    depend_on: [x]\n").as_bytes());
    assert_eq!(
        first(&f),
        "systems.yaml:7:5: unknown key `depend_on` (did you mean `depends_on`?)"
    );
}

#[test]
fn unknown_top_level_section() {
    let f = fail_with(b"sytems: []\n");
    assert_eq!(
        first(&f),
        "systems.yaml:1:1: unknown key `sytems` (did you mean `systems`?)"
    );
}

#[test]
fn enum_value_suggests_the_right_one() {
    let f = fail_with(
        SYSTEM
            .replace("layer: application", "layer: aplication")
            .as_bytes(),
    );
    assert_eq!(
        first(&f),
        "systems.yaml:4:12: `aplication` is not an allowed value here (did you mean `application`?)"
    );
}

#[test]
fn wrong_type() {
    let f = fail_with(format!("{SYSTEM}    security_level: cao\n").as_bytes());
    assert_eq!(
        first(&f),
        "systems.yaml:7:21: expected an integer, found a string ()"
    );
}

#[test]
fn out_of_range_security_level() {
    let f = fail_with(format!("{SYSTEM}    security_level: 7\n").as_bytes());
    let text = first(&f);
    assert!(
        text.starts_with("systems.yaml:7:21: `7` is out of range"),
        "{text}"
    );
    assert!(text.contains("1 to 5"), "{text}");
}

#[test]
fn missing_required_key() {
    let f = fail_with(SYSTEM.replace("    owner: so-tttt\n", "").as_bytes());
    assert_eq!(
        first(&f),
        "systems.yaml:2:5: missing key `owner` (add `owner:` to this element)"
    );
}

#[test]
fn vietnamese_id_gets_an_ascii_proposal() {
    let f = fail_with(SYSTEM.replace("id: qlvb", "id: Sở Y tế").as_bytes());
    assert_eq!(
        first(&f),
        "systems.yaml:2:9: `Sở Y tế` is not a valid id (ids are ASCII (Vietnamese text goes in `name`): perhaps `so-y-te`?)"
    );
}

#[test]
fn duplicate_key_shows_both_places() {
    let f = fail_with(format!("{SYSTEM}    layer: data\n").as_bytes());
    assert_eq!(
        first(&f).split(" (").next().unwrap(),
        "systems.yaml:7:5: the key `layer` appears twice in this mapping"
    );
    let (other, _) = &f.issues[0].related[0];
    assert_eq!(f.sources.position(*other).line, 4);
}

#[test]
fn unquoted_framework_version() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "model.yaml",
        MODEL.replace("\"3.0\"", "3.0").as_bytes(),
    );
    let f = load_model(dir.path()).unwrap_err();
    assert_eq!(
        first(&f),
        "model.yaml:4:14: expected a string, found a number (write it in quotes: \"3.0\")"
    );
}

#[test]
fn bad_date() {
    let f = fail_with(
        format!(
            "{SYSTEM}    integrations:\n      - to: qlvb\n        temporary_until: 2025-13-45\n"
        )
        .as_bytes(),
    );
    assert_eq!(
        first(&f),
        "systems.yaml:9:26: `2025-13-45` is not a date (write dates as YYYY-MM-DD, e.g. 2025-12-31)"
    );
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let mut bytes = SYSTEM.as_bytes().to_vec();
    bytes.extend_from_slice(b"    description: S\xF5 Y t\xEA\n");
    let f = fail_with(&bytes);
    let text = first(&f);
    assert!(
        text.starts_with("systems.yaml:7:19: the file is not valid UTF-8 here"),
        "{text}"
    );
}

#[test]
fn utf16_is_refused_with_advice() {
    let f = fail_with(b"\xFF\xFEs\x00y\x00");
    assert!(first(&f).contains("UTF-16"), "{}", first(&f));
}

#[test]
fn bom_and_crlf_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{FEFF}{}", MODEL.replace('\n', "\r\n"));
    write(dir.path(), "model.yaml", text.as_bytes());
    let loaded = load_model(dir.path()).expect("BOM and CRLF load");
    assert_eq!(loaded.model.agencies.len(), 1);
}

#[test]
fn two_model_sections_show_both() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", MODEL.as_bytes());
    write(
        dir.path(),
        "b.yaml",
        MODEL.replace("so-tttt", "so-noi-vu").as_bytes(),
    );
    let f = load_model(dir.path()).unwrap_err();
    assert!(
        first(&f).starts_with("b.yaml:2:7: a second `model:` section"),
        "{}",
        first(&f)
    );
    assert_eq!(f.sources.path(f.issues[0].related[0].0), "a.yaml");
}

#[test]
fn no_model_section() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "systems.yaml", b"agencies: []\n");
    let f = load_model(dir.path()).unwrap_err();
    assert!(
        f.issues[0]
            .message
            .en
            .contains("no file of this model holds the `model:` section")
    );
}

#[test]
fn national_prefix_is_reserved() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "model.yaml",
        MODEL
            .replace("reference: none", "reference: national")
            .replace("id: so-tttt", "id: vn.so-tttt")
            .as_bytes(),
    );
    let f = load_model(dir.path()).unwrap_err();
    assert!(
        first(&f).starts_with("model.yaml:7:9: the id `vn.so-tttt` uses the prefix `vn.`"),
        "{}",
        first(&f)
    );
}

#[test]
fn errors_in_several_files_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "model.yaml", MODEL.as_bytes());
    write(dir.path(), "a.yaml", b"sytems: []\n");
    write(dir.path(), "b/c.yml", b"agencies: [{id: x}]\n");
    let f = load_model(dir.path()).unwrap_err();
    let files: Vec<&str> = f.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(files, ["a.yaml", "b/c.yml", "b/c.yml"]);
}

#[test]
fn files_are_read_in_sorted_path_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "model.yaml", MODEL.as_bytes());
    write(
        dir.path(),
        "b.yaml",
        b"agencies: [{id: b, name: B, level: department}]\n",
    );
    write(
        dir.path(),
        "a/z.yaml",
        b"agencies: [{id: az, name: AZ, level: department}]\n",
    );
    write(
        dir.path(),
        "a.yaml",
        b"agencies: [{id: a, name: A, level: department}]\n",
    );
    write(dir.path(), ".hidden/x.yaml", b"not: [valid\n");
    let loaded = load_model(dir.path()).unwrap();
    let ids: Vec<&str> = loaded
        .model
        .agencies
        .iter()
        .map(|a| a.id.value.as_str())
        .collect();
    assert_eq!(ids, ["a", "az", "b", "so-tttt"]);
}

/// Live loads (the language server, `check --watch`): a file changed on disk is read and
/// parsed again, even at the same length; an unchanged one is neither read nor parsed.
#[test]
fn live_loads_see_every_change_on_disk() {
    use kientruc::load::{ParseCache, load_model_live, national};
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "model.yaml", MODEL.as_bytes());
    let system = |name: &str| {
        format!(
            "systems:\n  - id: he-thong\n    name: {name}\n    owner: so-tttt\n    layer: application\n    status: operational\n"
        )
    };
    write(dir.path(), "systems.yaml", system("Hệ thống A").as_bytes());
    let catalogues = national::installed().unwrap();
    let buffers = std::collections::HashMap::new();
    let mut cache = ParseCache::default();
    let load = |cache: &mut ParseCache| {
        let loaded = load_model_live(dir.path(), catalogues, None, &buffers, cache)
            .unwrap_or_else(|f| panic!("{:?}", f.issues));
        loaded.model.systems[0].name.clone()
    };
    assert_eq!(load(&mut cache), "Hệ thống A");
    assert_eq!(cache.parsed, 2);
    assert_eq!(load(&mut cache), "Hệ thống A");
    assert_eq!(cache.parsed, 0, "nothing changed: nothing parsed again");
    // Same length, a later modification time: read and parsed again.
    let path = dir.path().join("systems.yaml");
    std::fs::write(&path, system("Hệ thống B")).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(load(&mut cache), "Hệ thống B");
    assert_eq!(cache.parsed, 1);
}

/// A live load gives what a fresh load of the same texts gives (the model, the files and the
/// issues), cold or warm, with an editor's buffer (with a byte-order mark) in place of a file,
/// and a file saved again unchanged is not parsed again.
#[test]
fn a_live_load_is_a_fresh_load_of_the_same_texts() {
    use kientruc::load::{Loaded, ParseCache, load_model_live, national};
    use std::collections::HashMap;
    let system = |id: &str, owner: &str| {
        format!(
            "systems:\n  - id: {id}\n    name: Hệ thống {id}\n    owner: {owner}\n    layer: application\n    status: operational\n"
        )
    };
    let files = |broken: &str| {
        vec![
            ("model.yaml", MODEL.to_string()),
            (
                "a/agencies.yaml",
                "agencies:\n  - {id: so-yte, name: Sở Y tế, level: department}\n".to_string(),
            ),
            ("b.yaml", system("b", "so-tttt")),
            ("c.yaml", broken.to_string()),
            ("d.yaml", system("d", "so-yte")),
        ]
    };
    let broken = "systems:\n  - id: c\n    layer: nowhere\n";
    let fixed = system("c", "so-yte");
    let on_disk = |files: &[(&str, String)]| {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            write(dir.path(), name, text.as_bytes());
        }
        dir
    };
    let files_of = |sources: &kientruc::source::Sources| {
        let files = sources
            .iter()
            .map(|(_, f)| format!("{}\n{}", f.path, f.text));
        files.collect::<Vec<_>>()
    };
    let shown = |result: &Result<Loaded, LoadFailure>| match result {
        Ok(loaded) => format!("{:?}\n{:?}", loaded.model, files_of(&loaded.sources)),
        Err(failure) => format!("{:?}\n{:?}", failure.issues, files_of(&failure.sources)),
    };
    let catalogues = national::installed().unwrap();
    let live = on_disk(&files(broken));
    let mut cache = ParseCache::default();
    let mut buffers = HashMap::new();
    let load = |buffers: &HashMap<String, String>, cache: &mut ParseCache| {
        shown(&load_model_live(
            live.path(),
            catalogues,
            None,
            buffers,
            cache,
        ))
    };

    let fresh_broken = shown(&load_model(on_disk(&files(broken)).path()));
    assert!(fresh_broken.contains("c.yaml"), "{fresh_broken}");
    assert_eq!(load(&buffers, &mut cache), fresh_broken, "cold");
    assert_eq!(cache.parsed, 5);
    assert_eq!(load(&buffers, &mut cache), fresh_broken, "warm");
    assert_eq!(
        cache.parsed, 1,
        "only the broken file, which is never cached"
    );

    buffers.insert("c.yaml".to_string(), format!("\u{feff}{fixed}"));
    let fresh_fixed = shown(&load_model(on_disk(&files(&fixed)).path()));
    assert!(fresh_fixed.contains("Hệ thống c"), "{fresh_fixed}");
    assert_eq!(load(&buffers, &mut cache), fresh_fixed, "the buffer read");
    assert_eq!(cache.parsed, 1);
    assert_eq!(load(&buffers, &mut cache), fresh_fixed, "the buffer cached");
    assert_eq!(cache.parsed, 0);

    // The buffer saved and closed: the same text on disk, at a later time, is read but not
    // parsed again; another text is.
    let path = live.path().join("c.yaml");
    std::fs::write(&path, &fixed).unwrap();
    buffers.clear();
    assert_eq!(load(&buffers, &mut cache), fresh_fixed, "saved unchanged");
    assert_eq!(cache.parsed, 0);
    std::fs::write(live.path().join("b.yaml"), system("b", "so-yte")).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    let file = std::fs::File::options()
        .write(true)
        .open(live.path().join("b.yaml"));
    file.unwrap().set_modified(later).unwrap();
    let mut changed = files(&fixed);
    changed[2].1 = system("b", "so-yte");
    assert_eq!(
        load(&buffers, &mut cache),
        shown(&load_model(on_disk(&changed).path()))
    );
    assert_eq!(cache.parsed, 1);
}
