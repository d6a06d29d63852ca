//! Writing a merged model directory: refused when the directory exists and is not empty
//! (unless forced), or when it lies inside an input (or an input inside it); written into a
//! temporary sibling directory first and renamed into place, so that a failure leaves nothing
//! half-written. Each file starts with the `yaml-language-server` schema comment, pointing at
//! the repository's `schemas/model.schema.json` when the directory lies in one, else at a copy
//! of the schema written beside the model.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::i18n::Said;

/// Why the directory was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}", .0.en)]
    Refused(Said),
    #[error("cannot write {path}: {error}")]
    Io { path: String, error: std::io::Error },
}

impl WriteError {
    pub fn said(&self) -> Said {
        match self {
            WriteError::Refused(said) => said.clone(),
            WriteError::Io { path, error } => Said::new(
                format!("không ghi được {path}: {}", crate::i18n::io_vi(error)),
                format!("cannot write {path}: {error}"),
            ),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.display().to_string(),
        error,
    }
}

/// An absolute, normalised path, resolving symbolic links of the part that exists.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    let mut normal = PathBuf::new();
    for component in out.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

/// Checks that `dir` may receive the merged model.
pub fn check_target(dir: &Path, inputs: &[PathBuf], force: bool) -> Result<(), WriteError> {
    let target = absolute(dir);
    for input in inputs {
        let input = absolute(input);
        if target.starts_with(&input) || input.starts_with(&target) {
            return Err(WriteError::Refused(Said::new(
                format!(
                    "thư mục ra {} nằm trong đầu vào {} (hoặc chứa nó): kientruc không bao giờ ghi vào đầu vào của lệnh",
                    crate::text::printable(&dir.display().to_string()),
                    crate::text::printable(&input.display().to_string())
                ),
                format!(
                    "the output directory {} lies inside the input {} (or holds it): kientruc never writes into the inputs of a command",
                    crate::text::printable(&dir.display().to_string()),
                    crate::text::printable(&input.display().to_string())
                ),
            )));
        }
    }
    if dir.is_file() {
        return Err(WriteError::Refused(Said::new(
            format!("{} là một tệp, không phải thư mục", dir.display()),
            format!("{} is a file, not a directory", dir.display()),
        )));
    }
    let non_empty = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if non_empty && !force {
        return Err(WriteError::Refused(Said::new(
            format!(
                "thư mục {} đã có nội dung; chọn thư mục khác hoặc dùng --force để thay thế nó",
                dir.display()
            ),
            format!(
                "the directory {} is not empty; choose another or use --force to replace it",
                dir.display()
            ),
        )));
    }
    Ok(())
}

/// Writes `files` (relative path → YAML body) as the directory `dir`, replacing it when it
/// exists (the caller has called [`check_target`]).
pub fn write_dir(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), WriteError> {
    let target = absolute(dir);
    let parent = target.parent().map(Path::to_path_buf).unwrap_or_default();
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let schema = find_schema(&parent);
    let staging = tempfile::Builder::new()
        .prefix(".kientruc-merge-")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    let mut all = files.clone();
    if schema.is_none() {
        all.insert("model.schema.json".to_string(), crate::load::schema_text());
    }
    for (relative, body) in &all {
        let path = staging.path().join(relative);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io(folder))?;
        }
        let text = if relative.ends_with(".yaml") {
            let depth = relative.matches('/').count();
            let up = "../".repeat(depth);
            let pointer = match &schema {
                Some(found) => format!("{up}{}", relative_to(&target, found)),
                None => format!("{up}model.schema.json"),
            };
            format!("# yaml-language-server: $schema={pointer}\n{body}")
        } else {
            body.clone()
        };
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755));
    }
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(io(&target))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, &target).map_err(io(&target))?;
    Ok(())
}

/// The repository schema above `from`, if any.
fn find_schema(from: &Path) -> Option<PathBuf> {
    from.ancestors()
        .map(|a| a.join("schemas/model.schema.json"))
        .find(|p| p.is_file())
}

/// `to` relative to the directory `from` (both absolute), with `/` separators.
fn relative_to(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// A file output (`--write-map`, `-o`, `--proposal-out`) must not be an input nor lie inside
/// one: it would be read as part of that model next time.
pub fn check_file(path: &Path, inputs: &[PathBuf]) -> Result<(), Said> {
    let target = absolute(path);
    for input in inputs {
        let input = absolute(input);
        if target.starts_with(&input) {
            return Err(Said::new(
                format!(
                    "{} nằm trong mô hình {} (hoặc là chính nó): tệp ghi ra sẽ bị nạp lẫn vào mô hình",
                    path.display(),
                    input.display()
                ),
                format!(
                    "{} lies inside the model {} (or is it): the file written would be read as part of that model",
                    path.display(),
                    input.display()
                ),
            ));
        }
    }
    Ok(())
}
