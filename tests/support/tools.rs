//! External programs the tests hand outputs to (Graphviz, xmllint, PlantUML, node): where one
//! is missing, a local run says it skipped; under CI (`CI` set, as `.ci/run` runs) that is a
//! failure, since `.ci/run` installs them.

/// Reports that `program` is missing: a printed skip locally, a panic under CI.
pub fn missing(program: &str, what: &str) {
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("{program} is not installed, and CI must run it ({what}); .ci/run installs it");
    }
    eprintln!("SKIPPED: {program} not installed; {what}");
}

/// The `node_modules` of the consumers in `tests/js` (Mermaid, jsdom, sarif-multitool),
/// installed by `.ci/run` with `npm ci`; `KIENTRUC_JS_MODULES` names another one. `None`
/// (a printed skip, a panic under CI) when they are not installed.
#[allow(dead_code)]
pub fn node_modules(what: &str) -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("KIENTRUC_JS_MODULES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/node_modules")
        });
    if dir.join("mermaid").is_dir() {
        std::fs::canonicalize(&dir).ok()
    } else {
        missing("tests/js/node_modules (npm ci --prefix tests/js)", what);
        None
    }
}

/// Microsoft's SARIF multitool from `tests/js` (npm's `@microsoft/sarif-multitool`, a
/// self-contained program), made executable if npm skipped its install script.
#[allow(dead_code)]
pub fn sarif_multitool() -> Option<std::path::PathBuf> {
    let modules = node_modules("SARIF is not checked by Microsoft's sarif-multitool")?;
    let program = modules.join("@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if !program.is_file() {
        missing(
            "sarif-multitool",
            "SARIF is not checked by Microsoft's sarif-multitool",
        );
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&program).ok()?.permissions().mode();
        if mode & 0o100 == 0 {
            let _ =
                std::fs::set_permissions(&program, std::fs::Permissions::from_mode(mode | 0o755));
        }
    }
    Some(program)
}
