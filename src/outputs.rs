//! Output-path safety: before kientruc writes anything (`-o`, `--write-baseline`, `graph -o`,
//! `review --graph FILE`), the path is checked against every input of the command. Nothing may
//! replace a model file, the baseline or the proposal, nor be written inside the model
//! directory (the next run would load it as part of the model). Paths are compared
//! canonicalized, and existing files also by device and inode, so `./m/../m/model.yaml`, a
//! symlink or a hard link to an input are caught too. It never writes; the caller does.
//!
//! A symlink given as the output is written through: the file it points to is replaced (and
//! must itself pass the check), the link stays a link ([`crate::write_atomically`] resolves
//! it the same way, with [`resolve`]).

use std::path::{Path, PathBuf};

use crate::i18n::Said;

/// What an input is to the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A model: a directory (nothing may be written inside) or a single file.
    Model,
    Proposal,
    Baseline,
}

impl Role {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Role::Model => ("mô hình", "model"),
            Role::Proposal => ("đề xuất", "proposal"),
            Role::Baseline => ("baseline", "baseline"),
        }
    }
}

/// One input of a command.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub role: Role,
    pub path: &'a Path,
}

/// How many symlinks [`resolve`] follows before giving up (the system's own limit is 40).
const MAX_LINKS: usize = 40;

/// The file a write to `path` replaces: `path` itself, or what its symlinks lead to (followed
/// even when the last one dangles), with the directory part canonicalized when it exists.
pub fn resolve(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => match std::fs::read_link(&current) {
                Ok(target) => {
                    current = match current.parent() {
                        Some(parent) if target.is_relative() => parent.join(target),
                        _ => target,
                    };
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    canonical_location(&current)
}

/// `path` with its directory canonicalized (the file itself need not exist).
fn canonical_location(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match (parent.canonicalize(), path.file_name()) {
        (Ok(parent), Some(name)) => parent.join(name),
        _ => path.to_path_buf(),
    }
}

#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_path: &Path) -> Option<(u64, u64)> {
    None
}

fn shown(path: &Path) -> String {
    crate::text::printable(&path.display().to_string()).into_owned()
}

/// Refuses `output` when writing it would replace one of `inputs` or add a file inside a
/// model directory; the message names the input.
pub fn check(output: &Path, inputs: &[Input<'_>]) -> Result<(), Said> {
    let target = resolve(output);
    let target_id = identity(&target);
    for input in inputs {
        let Ok(canonical) = input.path.canonicalize() else {
            continue;
        };
        let (vi, en) = input.role.words();
        if input.role != Role::Baseline && canonical.is_dir() {
            if target.starts_with(&canonical) {
                return Err(Said::new(
                    format!(
                        "không ghi {} vào trong thư mục {vi} {}: lần chạy sau sẽ đọc nó như một phần của {vi}; hãy ghi ra ngoài thư mục",
                        shown(output),
                        shown(input.path)
                    ),
                    format!(
                        "will not write {} inside the {en} directory {}: the next run would load it as part of the {en}; write it outside the directory",
                        shown(output),
                        shown(input.path)
                    ),
                ));
            }
            if target_id.is_some() {
                let (_, files, _) = crate::load::model_files(input.path);
                if let Some(file) = files.iter().find(|f| identity(f) == target_id) {
                    return Err(overwrite(output, file, vi, en));
                }
            }
            continue;
        }
        if target == canonical || (target_id.is_some() && identity(&canonical) == target_id) {
            return Err(overwrite(output, input.path, vi, en));
        }
    }
    Ok(())
}

fn overwrite(output: &Path, input: &Path, vi: &str, en: &str) -> Said {
    Said::new(
        format!(
            "không ghi {}: nó sẽ ghi đè lên tệp {vi} {} mà lệnh này đang đọc; hãy chọn tệp khác",
            shown(output),
            shown(input)
        ),
        format!(
            "will not write {}: it would overwrite the {en} {}, an input of this command; choose another file",
            shown(output),
            shown(input)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_may_not_replace_inputs_or_land_in_the_model() {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("m");
        std::fs::create_dir(&model).unwrap();
        std::fs::write(model.join("model.yaml"), "a: 1\n").unwrap();
        let baseline = dir.path().join("b.json");
        std::fs::write(&baseline, "{}").unwrap();
        let inputs = [
            Input {
                role: Role::Model,
                path: &model,
            },
            Input {
                role: Role::Baseline,
                path: &baseline,
            },
        ];
        let refused = |p: &Path| check(p, &inputs).unwrap_err().en;
        assert!(refused(&model.join("model.yaml")).contains("inside the model directory"));
        assert!(refused(&model.join("report.json")).contains("inside the model directory"));
        assert!(refused(&dir.path().join("m/../b.json")).contains("overwrite the baseline"));
        assert!(check(&dir.path().join("report.json"), &inputs).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&baseline, &link).unwrap();
            assert!(refused(&link).contains("overwrite the baseline"));
            let hard = dir.path().join("hard.yaml");
            std::fs::hard_link(model.join("model.yaml"), &hard).unwrap();
            assert!(refused(&hard).contains("overwrite the model"));
        }
    }
}
