//! How `merge` and `consolidate` grow with the number of provinces merged:
//! `cargo run --release --example merge_bench -- [N…]` (default 2 8 32 63).
//!
//! Each synthetic province is a copy of `models/bac-lieu` with its model id `pNN` and the
//! province's name replaced by `PNN` in every text, so that every id clashes across all the
//! provinces and every system has a counterpart in each of them: the worst case for the
//! namespacing and for the pairing. It prints, per N, the elements merged and the time of
//! each stage (merge in memory, write, load and judge the merged model, consolidate). This is
//! a measurement, not a test: nothing here asserts a time.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn copy_province(from: &Path, to: &Path, n: usize) -> std::io::Result<()> {
    let id = format!("p{n:02}");
    let name = format!("P{n:02}");
    std::fs::create_dir_all(to)?;
    let mut stack = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let target = to.join(path.strip_prefix(from).unwrap_or(&path));
            if path.is_dir() {
                std::fs::create_dir_all(&target)?;
                stack.push(path);
            } else {
                let text = std::fs::read_to_string(&path)?
                    .replace("id: bac-lieu", &format!("id: {id}"))
                    .replace("Bạc Liêu", &name);
                std::fs::write(&target, text)?;
            }
        }
    }
    Ok(())
}

fn main() {
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let counts = if counts.is_empty() {
        vec![2, 8, 32, 63]
    } else {
        counts
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = root.join("models/bac-lieu");
    println!("provinces  elements  merge ms  write ms  check ms  consolidate ms  groups");
    for n in counts {
        let temp = tempfile::tempdir().expect("a temporary directory");
        let inputs: Vec<PathBuf> = (1..=n)
            .map(|k| {
                let dir = temp.path().join(format!("p{k:02}"));
                copy_province(&source, &dir, k).expect("the copy of a province");
                dir
            })
            .collect();
        let request = kientruc::merge::Request {
            id: "p01".into(),
            name: "Tỉnh hợp nhất".into(),
            map: None,
        };
        let start = Instant::now();
        let merged = match kientruc::merge::merge(&inputs, &request) {
            Ok(merged) => merged,
            Err(error) => {
                eprintln!("merge failed: {error:?}");
                return;
            }
        };
        let merge_ms = start.elapsed().as_secs_f64() * 1e3;
        let out = temp.path().join("merged");
        let start = Instant::now();
        if let Err(error) = kientruc::merge::write_dir(&out, &merged.files) {
            eprintln!("write failed: {error}");
            return;
        }
        let write_ms = start.elapsed().as_secs_f64() * 1e3;
        let options = kientruc::Options {
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap_or_default(),
            framework: None,
        };
        let start = Instant::now();
        let checked = match kientruc::check(&out, &options) {
            Ok(checked) => checked,
            Err(failure) => {
                eprintln!(
                    "the merged model does not load: {:?}",
                    failure.issues.first()
                );
                return;
            }
        };
        let check_ms = start.elapsed().as_secs_f64() * 1e3;
        let start = Instant::now();
        let plan = kientruc::merge::consolidate::plan(&checked, &Default::default());
        let plan_ms = start.elapsed().as_secs_f64() * 1e3;
        println!(
            "{n:>9}  {:>8}  {merge_ms:>8.1}  {write_ms:>8.1}  {check_ms:>8.1}  {plan_ms:>14.1}  {:>6}",
            checked.loaded.model.element_count(),
            plan.groups.len()
        );
    }
}
