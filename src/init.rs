//! `kientruc init DIR`: a small starter model that passes `check`, to copy from.

use std::path::Path;

use crate::i18n::Lang;

/// The schema file written beside the model, which the model's modeline names by a relative
/// path: editors resolve it offline, and it is the schema of the kientruc that wrote it
/// (`kientruc schema` prints the same).
pub const SCHEMA_FILE: &str = "model.schema.json";

const MODEL: &str = r#"# yaml-language-server: $schema=model.schema.json
model:
  id: tinh-mau
  name: Kiến trúc Chính quyền số tỉnh mẫu
  framework: "4.0"
  level: province
  authority: ubnd-tinh
  reference: national

agencies:
  - id: ubnd-tinh
    name: Ủy ban nhân dân tỉnh
    level: province
  - id: so-khcn
    name: Sở Khoa học và Công nghệ
    level: department
    parent: ubnd-tinh

capabilities:
  - id: data-exchange
    name: Tích hợp, chia sẻ dữ liệu trong tỉnh
    platform: lgsp
  - id: hosting
    name: Hạ tầng máy chủ dùng chung
    platform: dc-tinh

systems:
  - id: dc-tinh
    name: Trung tâm dữ liệu tỉnh
    layer: infrastructure
    owner: so-khcn
    status: operational
    provides: [hosting]
    security_level: 3
  - id: lgsp
    name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)
    layer: integration
    owner: so-khcn
    status: operational
    provides: [data-exchange]
    depends_on: [vn.ndxp]
    hosted_on: dc-tinh
    security_level: 3
    integrations:
      - to: vn.ndxp
        via: lgsp
      - to: vn.ndop
        via: lgsp
"#;

/// Writes the starter model into `dir`, which must not exist or be empty.
pub fn write(dir: &Path, lang: Lang) -> Result<(), String> {
    let shown = crate::text::printable(&dir.display().to_string()).into_owned();
    let failed = |vi: String, en: String, e: &std::io::Error| {
        crate::i18n::Said::io(vi, en, e).get(lang).to_string()
    };
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| {
                failed(
                    format!("không đọc được {shown}"),
                    format!("cannot read {shown}"),
                    &e,
                )
            })?
            .next()
            .is_none();
        if !empty {
            return Err(match lang {
                Lang::Vi => format!(
                    "{shown} đã có và không trống; kientruc init chỉ ghi vào một thư mục mới hoặc trống"
                ),
                Lang::En => format!(
                    "{shown} exists and is not empty; kientruc init writes only into a new or empty directory"
                ),
            });
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        failed(
            format!("không tạo được {shown}"),
            format!("cannot create {shown}"),
            &e,
        )
    })?;
    // `create_new` (O_EXCL): a file put there since the emptiness check is never replaced,
    // and a symlink planted there is not followed.
    let schema = crate::load::schema_text();
    for (name, text) in [("model.yaml", MODEL), (SCHEMA_FILE, schema.as_str())] {
        let path = dir.join(name);
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| {
                use std::io::Write;
                file.write_all(text.as_bytes())?;
                file.flush()
            });
        written.map_err(|e| {
            let path = crate::text::printable(&path.display().to_string()).into_owned();
            failed(
                format!("không ghi được {path}"),
                format!("cannot write {path}"),
                &e,
            )
        })?;
    }
    Ok(())
}

pub fn done_message(dir: &Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Đã tạo mô hình mẫu trong {}. Chạy: kientruc check {}",
            dir.display(),
            dir.display()
        ),
        Lang::En => format!(
            "Wrote a starter model in {}. Run: kientruc check {}",
            dir.display(),
            dir.display()
        ),
    }
}
