//! Running the built `kientruc` in tests: its standard output when it judged (exit 0 or 1),
//! and the model of Bạc Liêu and Cà Mau merged (the two-province model of the examples).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Runs kientruc with `args`; panics with its stderr unless it exits 0 or 1.
pub fn kientruc(args: &[&OsStr]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kientruc"))
        .args(args)
        .output()
        .expect("kientruc runs");
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Merges models/bac-lieu and models/ca-mau (examples/merge/ca-mau-2025.map.yaml) into
/// `dir/ca-mau-2025` and returns that directory.
pub fn merged(dir: &Path) -> PathBuf {
    let merged = dir.join("ca-mau-2025");
    kientruc(&[
        "merge".as_ref(),
        "models/bac-lieu".as_ref(),
        "models/ca-mau".as_ref(),
        "--id".as_ref(),
        "ca-mau".as_ref(),
        "--map".as_ref(),
        "examples/merge/ca-mau-2025.map.yaml".as_ref(),
        "-o".as_ref(),
        merged.as_os_str(),
    ]);
    merged
}
