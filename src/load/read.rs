//! Reading input files safely: only regular files, never more than a limit (enforced while
//! reading, not trusted from the size the file system reports: `/dev/zero` and `/proc` files
//! say 0), never blocking on a named pipe, never through a symlink that leaves the model's
//! root or reaches the kernel's pseudo-files. Used for model files, proposals and baselines.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::i18n::Said;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refused {
    /// Not a regular file (a device, a named pipe, a socket, a directory).
    NotRegular(&'static str),
    /// The file holds more than the limit; `at_least` bytes were seen.
    TooLarge {
        at_least: u64,
        limit: u64,
    },
    /// A symlink whose target lies outside the model's root.
    Outside {
        target: PathBuf,
    },
    /// A path under `/proc`, `/sys` or `/dev`.
    Pseudo {
        target: PathBuf,
    },
    Io(std::io::Error),
}

impl Refused {
    pub fn said(&self) -> Said {
        match self {
            Refused::NotRegular(kind) => Said::new(
                format!(
                    "không phải tệp thường ({}): kientruc chỉ đọc tệp thường",
                    kind_vi(kind)
                ),
                format!("not a regular file ({kind}): kientruc reads regular files only"),
            ),
            Refused::TooLarge { at_least, limit } => Said::new(
                format!(
                    "tệp lớn hơn {} MiB (đã đọc {} MiB); kientruc chỉ đọc tệp tối đa {} MiB",
                    limit / (1024 * 1024),
                    at_least / (1024 * 1024),
                    limit / (1024 * 1024)
                ),
                format!(
                    "the file is {} MiB or more; kientruc reads files of at most {} MiB",
                    at_least / (1024 * 1024),
                    limit / (1024 * 1024)
                ),
            ),
            Refused::Outside { target } => Said::new(
                format!(
                    "liên kết tượng trưng trỏ ra ngoài thư mục mô hình (tới {}): kientruc không đọc nó",
                    crate::text::printable(&target.display().to_string())
                ),
                format!(
                    "a symbolic link that leads outside the model's directory (to {}): kientruc does not follow it",
                    crate::text::printable(&target.display().to_string())
                ),
            ),
            Refused::Pseudo { target } => Said::new(
                format!(
                    "{} là tệp ảo của hệ thống, không phải tệp mô hình: kientruc không đọc nó",
                    crate::text::printable(&target.display().to_string())
                ),
                format!(
                    "{} is a system pseudo-file, not a model file: kientruc does not read it",
                    crate::text::printable(&target.display().to_string())
                ),
            ),
            Refused::Io(error) => Said::new(
                format!("không đọc được: {}", crate::i18n::io_vi(error)),
                format!("cannot read: {error}"),
            ),
        }
    }
}

fn kind_vi(kind: &str) -> &'static str {
    match kind {
        "a named pipe" => "ống có tên",
        "a socket" => "socket",
        "a device" => "thiết bị",
        "a directory" => "thư mục",
        _ => "loại khác",
    }
}

/// What kind of non-regular file `meta` describes, if it is not a regular file.
pub fn irregular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a file")
}

/// Whether a canonical path lies in the kernel's pseudo-file systems.
pub fn is_pseudo(canonical: &Path) -> bool {
    ["/proc", "/sys", "/dev"]
        .iter()
        .any(|root| canonical.starts_with(root))
}

/// Refuses `path` when it is a symlink leading outside `root` (both as given; `root` is
/// canonicalized here) or into the kernel's pseudo-files.
pub fn check_link(root: Option<&Path>, path: &Path) -> Result<(), Refused> {
    let is_link = std::fs::symlink_metadata(path)
        .map_err(Refused::Io)?
        .file_type()
        .is_symlink();
    let canonical = path.canonicalize().map_err(Refused::Io)?;
    if is_pseudo(&canonical) {
        return Err(Refused::Pseudo { target: canonical });
    }
    if is_link
        && let Some(root) = root
        && let Ok(root) = root.canonicalize()
        && !canonical.starts_with(&root)
    {
        return Err(Refused::Outside { target: canonical });
    }
    Ok(())
}

/// Reads at most `limit` bytes of the regular file `path`: anything else (a device, a named
/// pipe) is refused before a byte is read, and a file longer than `limit` after `limit + 1`.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    let meta = std::fs::metadata(path).map_err(Refused::Io)?;
    if let Some(kind) = irregular(&meta) {
        return Err(Refused::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(Refused::TooLarge {
            at_least: meta.len(),
            limit,
        });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // A named pipe put in place between the check above and this open must not block.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path).map_err(Refused::Io)?;
    let opened = file.metadata().map_err(Refused::Io)?;
    if let Some(kind) = irregular(&opened) {
        return Err(Refused::NotRegular(kind));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge {
            at_least: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_reading() {
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 10),
            Err(Refused::NotRegular("a device"))
        ));
        assert!(matches!(
            check_link(None, Path::new("/proc/self/environ")),
            Err(Refused::Pseudo { .. })
        ));
    }

    #[test]
    fn the_limit_holds_while_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_limited(&path, 10).unwrap().len(), 10);
        assert!(matches!(
            read_limited(&path, 9),
            Err(Refused::TooLarge { .. })
        ));
    }
}
