//! The planner's office: the inventory workbook (danh mục hệ thống thông tin) in and out.
//! `template` writes an empty workbook, `export` a model's, `import` turns a filled one into a
//! model directory.

pub mod columns;
pub mod findings;
pub mod import;
pub mod tables;
pub mod workbook;

use std::path::Path;

use crate::i18n::{Lang, Said};
use crate::load::{LoadFailure, LoadIssue, Loaded};
use crate::model::Model;

/// Why a command of the office could not do its work.
#[derive(Debug)]
pub enum Failure {
    /// Located problems (workbook cells, model files).
    Issues(LoadFailure),
    /// Anything else, said in both languages.
    Said(Said),
}

impl From<Said> for Failure {
    fn from(said: Said) -> Self {
        Failure::Said(said)
    }
}

fn issues(issues: Vec<LoadIssue>) -> Failure {
    Failure::Issues(LoadFailure {
        sources: Default::default(),
        issues,
    })
}

fn xlsx(error: rust_xlsxwriter::XlsxError) -> Failure {
    Failure::Said(Said::new(
        format!("không tạo được bảng tính: {error}"),
        format!("cannot build the workbook: {error}"),
    ))
}

/// The national catalogue's elements (`version`, else the default catalogue).
pub fn national(version: Option<&str>) -> Result<Model, Failure> {
    let catalogues = crate::load::national::installed().map_err(|f| Failure::Issues(f.clone()))?;
    let catalogue = match version {
        Some(v) => catalogues.resolve(v).map_err(|(m, _)| Failure::Said(m))?,
        None => catalogues.default_catalogue().ok_or_else(|| {
            Said::new(
                "chưa cài danh mục quốc gia nào",
                "no national catalogue is installed",
            )
        })?,
    };
    Ok(catalogue.elements())
}

/// The empty workbook, with the catalogue of `framework`.
pub fn template(framework: Option<&str>, lang: Lang) -> Result<Vec<u8>, Failure> {
    let national = national(framework)?;
    let own = Model::default();
    workbook::write(&workbook::rows(&own, None), &own, &national, lang).map_err(xlsx)
}

/// Splits a loaded model into its own elements and the national catalogue's.
pub fn split(loaded: &Loaded) -> (Model, Model) {
    let national = |file: u32| loaded.sources.get(file).national;
    let mut own = Model {
        info: loaded.model.info.clone(),
        ..Model::default()
    };
    let mut cat = Model::default();
    macro_rules! part {
        ($field:ident) => {
            for e in &loaded.model.$field {
                if national(e.file) {
                    cat.$field.push(e.clone());
                } else {
                    own.$field.push(e.clone());
                }
            }
        };
    }
    part!(agencies);
    part!(capabilities);
    part!(data);
    part!(systems);
    part!(projects);
    part!(waivers);
    own.rules = loaded
        .model
        .rules
        .iter()
        .filter(|r| !national(r.file))
        .cloned()
        .collect();
    (own, cat)
}

/// A model's workbook; with `owner`, only that agency's systems, data sets and projects.
pub fn export(loaded: &Loaded, owner: Option<&str>, lang: Lang) -> Result<Vec<u8>, Failure> {
    let (own, mut cat) = split(loaded);
    if cat.agencies.is_empty() && cat.systems.is_empty() {
        // A model with `reference: none` (or one that names nothing national) still offers
        // the catalogue to pick from.
        cat = national(
            loaded
                .model
                .info
                .as_ref()
                .and_then(|i| i.framework.as_ref())
                .map(|f| f.as_str()),
        )?;
    }
    if let Some(owner) = owner
        && !own
            .agencies
            .iter()
            .chain(&cat.agencies)
            .any(|a| a.id.as_str() == owner)
    {
        let ids = own.agencies.iter().map(|a| a.id.as_str());
        let help = crate::load::suggest_help(owner, ids);
        return Err(Failure::Said(Said::new(
            format!("mô hình không có cơ quan `{owner}`; {}", help.vi),
            format!("the model has no agency `{owner}`; {}", help.en),
        )));
    }
    workbook::write(&workbook::rows(&own, owner), &own, &cat, lang).map_err(xlsx)
}

/// Reads `workbook` and writes the model directory `dir`: refused when `dir` is not empty
/// (unless `force`), and nothing is written when the workbook has errors or the model it
/// gives does not load.
pub fn import(workbook: &Path, dir: &Path, force: bool) -> Result<usize, Failure> {
    crate::merge::write::check_target(dir, &[workbook.to_path_buf()], force)
        .map_err(|e| Failure::Said(e.said()))?;
    let framework = import::peek_framework(workbook);
    let national = national(framework.as_deref()).or_else(|_| national(None))?;
    let files = import::read(workbook, &national).map_err(issues)?;
    // Loaded from a staging copy first: the model must load before it replaces anything.
    let staging = tempfile::tempdir().map_err(|e| {
        Said::new(
            format!("không tạo được thư mục tạm: {}", crate::i18n::io_vi(&e)),
            format!("cannot create a temporary directory: {e}"),
        )
    })?;
    let trial = staging.path().join("model");
    crate::merge::write::write_dir(&trial, &files).map_err(|e| Failure::Said(e.said()))?;
    if let Err(failure) = crate::load(&trial) {
        return Err(Failure::Issues(failure));
    }
    crate::merge::write::write_dir(dir, &files).map_err(|e| Failure::Said(e.said()))?;
    Ok(files.len())
}
