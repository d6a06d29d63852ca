//! `check --watch`: a change to a model file prints a new report.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

const MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/rules/KT001/pass"
);

#[test]
fn a_change_prints_a_new_report() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(MODEL).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_kientruc"))
        .args(["check", "--watch", "--lang", "en", "--format", "short"])
        .arg(dir.path())
        .env_remove("LANG")
        .env_remove("KIENTRUC_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                return;
            }
        }
    });
    let wait_for = |what: &dyn Fn(&str) -> bool| {
        let end = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        while Instant::now() < end {
            if let Ok(line) = lines.recv_timeout(Duration::from_millis(200)) {
                if what(&line) {
                    return seen;
                }
                seen.push(line);
            }
        }
        panic!("not seen in 60 s; stdout was {seen:?}");
    };
    // The first report: no KT001.
    let first = wait_for(&|l| l.contains("TIME001"));
    assert!(!first.iter().any(|l| l.contains("KT001")), "{first:?}");
    // Break a reference: the next report has it.
    std::thread::sleep(Duration::from_millis(500));
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).unwrap().contains("owner:"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen("owner: ", "owner: zz", 1);
    std::fs::write(&file, broken).unwrap();
    wait_for(&|l| l.contains("files changed, checking again"));
    wait_for(&|l| l.contains("KT001") && l.contains("`zz"));
    child.kill().unwrap();
    child.wait().unwrap();
}
