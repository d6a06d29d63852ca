//! One side of a diff read from git: `REV:PATH` → the YAML files under PATH at REV, copied
//! into a temporary directory through the `git` command line (`ls-tree`, `cat-file`). PATH is
//! read as git reads `REV:PATH`: from the repository's root, or from the current directory
//! when it starts with `./` or `../`. Nothing here loads or judges the model.

use std::path::{Component, Path, PathBuf};
use std::process::Command;

use super::SideError;
use crate::i18n::Said;

fn git(repo: Option<&Path>, args: &[&str], side: &str) -> Result<Vec<u8>, SideError> {
    let mut command = Command::new("git");
    if let Some(repo) = repo {
        command.arg("-C").arg(repo);
    }
    let output = command.args(args).output().map_err(|e| SideError::Git {
        side: side.to_string(),
        message: Said::io("không chạy được git", "cannot run git", &e),
    })?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(SideError::Git {
            side: side.to_string(),
            message: {
                let command = args.first().copied().unwrap_or_default();
                let said = String::from_utf8_lossy(&output.stderr);
                let said = crate::text::printable(said.trim());
                Said::new(
                    format!("lệnh `git {command}` không thành công; git báo: «{said}»"),
                    format!("git {command} failed: {said}"),
                )
            },
        })
    }
}

/// A repository path as git's `REV:PATH` reads it: from the repository root, or from the
/// current directory when it starts with `./` or `../`.
fn repository_path(path: &str, side: &str) -> Result<String, SideError> {
    let path = if path.starts_with("./") || path.starts_with("../") || path == "." {
        let prefix = git(None, &["rev-parse", "--show-prefix"], side)?;
        format!("{}{path}", String::from_utf8_lossy(&prefix).trim())
    } else {
        path.to_string()
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(SideError::Git {
                        side: side.to_string(),
                        message: Said::new(
                            "đường dẫn đi ra ngoài kho git",
                            "the path leaves the repository",
                        ),
                    });
                }
            }
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
}

/// Copies the YAML files under `path` at `rev` into a temporary directory.
pub(super) fn materialise(
    rev: &str,
    path: &str,
    side: &str,
) -> Result<(tempfile::TempDir, PathBuf), SideError> {
    // A revision is passed to git as an argument: it must not be read as an option.
    if rev.starts_with('-') {
        return Err(SideError::Git {
            side: side.to_string(),
            message: Said::new(
                format!("`{rev}` không phải là một phiên bản (revision) của git"),
                format!("`{rev}` is not a revision"),
            ),
        });
    }
    let top = git(None, &["rev-parse", "--show-toplevel"], side)?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim().to_string());
    let path = repository_path(path, side)?;
    let mut args = vec!["ls-tree", "-r", "--name-only", "-z", rev, "--"];
    if !path.is_empty() {
        args.push(&path);
    }
    let listing = git(Some(&top), &args, side)?;
    let files: Vec<String> = listing
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    if files.is_empty() {
        return Err(SideError::Git {
            side: side.to_string(),
            message: Said::new(
                format!("`{path}` không có gì ở phiên bản `{rev}`"),
                format!("`{path}` names nothing at `{rev}`"),
            ),
        });
    }
    let temp = tempfile::tempdir().map_err(|source| SideError::Temp {
        side: side.to_string(),
        source,
    })?;
    let single_file = files.len() == 1 && files[0] == path;
    let root = if single_file {
        temp.path().to_path_buf()
    } else {
        temp.path().join("model")
    };
    for file in &files {
        let relative = if single_file {
            file.rsplit('/').next().unwrap_or(file).to_string()
        } else if path.is_empty() {
            file.clone()
        } else {
            match file.strip_prefix(&format!("{path}/")) {
                Some(rest) => rest.to_string(),
                None => continue,
            }
        };
        let is_yaml = relative.ends_with(".yaml") || relative.ends_with(".yml");
        let safe = Path::new(&relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || (!single_file && !is_yaml) {
            continue;
        }
        let bytes = git(
            Some(&top),
            &["cat-file", "blob", &format!("{rev}:{file}")],
            side,
        )?;
        let target = root.join(&relative);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, &bytes)
        };
        write().map_err(|source| SideError::Temp {
            side: side.to_string(),
            source,
        })?;
    }
    let model = if single_file {
        root.join(files[0].rsplit('/').next().unwrap_or(&files[0]))
    } else {
        root
    };
    Ok((temp, model))
}
