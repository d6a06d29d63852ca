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
