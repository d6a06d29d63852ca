//! Laying a proposal over a model: the one overlay that `review` and `graph --proposal`
//! share. A proposal is a model fragment with exactly one `proposed` project and no `rules:`,
//! `waivers:` or `vn.` ids; its elements are appended to the model's lists, its files to the
//! model's sources (so the model's file ids stay valid in the overlay).

use std::collections::HashSet;
use std::path::Path;

use crate::i18n::Said;
use crate::load::{self, LoadFailure, LoadIssue, Loaded};
use crate::model::{Model, ProjectStatus};
use crate::rules::Proposal;
use crate::source::Loc;

/// A model with a proposal laid over it.
#[derive(Debug)]
pub struct Overlaid {
    pub loaded: Loaded,
    /// Where the proposal's project and systems sit in the overlay's lists.
    pub proposal: Proposal,
    /// The ids the proposal adds.
    pub new_ids: HashSet<String>,
}

/// A path as a user reads it: relative to the working directory when it lies below it, with
/// `/` separators.
fn shown_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = path.strip_prefix(&cwd).unwrap_or(path);
    let parts: Vec<String> = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    if path.is_absolute() {
        format!("/{}", joined.trim_start_matches('/'))
    } else {
        joined
    }
}

/// Reads the proposal at `path` and lays it over `model`.
pub fn overlay(model: &Loaded, path: &Path) -> Result<Overlaid, LoadFailure> {
    let mut sources = model.sources.clone();
    let first_new = sources.len();
    let fragment = load::load_fragment(path, &mut sources);
    // The proposal's files are shown as the user named them (relative to the working
    // directory), not relative to the model's root: that is where CI finds them.
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    for id in first_new..sources.len() {
        let file = sources.get_mut(id as u32);
        file.path = shown_path(&dir.join(&file.path));
        file.outside_model = true;
    }
    let fragment = match fragment {
        Ok(fragment) => fragment,
        Err(issues) => return Err(LoadFailure { sources, issues }),
    };
    let project = match the_project(&fragment, path, model, &sources) {
        Ok(index) => index,
        Err(issues) => return Err(LoadFailure { sources, issues }),
    };
    let base = &model.model;
    let proposal = Proposal {
        project: base.projects.len() + project,
        systems: base.systems.len()..base.systems.len() + fragment.systems.len(),
    };
    let new_ids = fragment
        .agencies
        .iter()
        .map(|e| &e.id)
        .chain(fragment.capabilities.iter().map(|e| &e.id))
        .chain(fragment.data.iter().map(|e| &e.id))
        .chain(fragment.systems.iter().map(|e| &e.id))
        .chain(fragment.projects.iter().map(|e| &e.id))
        .map(|id| id.value.to_string())
        .collect();
    let mut overlay = base.clone();
    overlay.agencies.extend(fragment.agencies);
    overlay.capabilities.extend(fragment.capabilities);
    overlay.data.extend(fragment.data);
    overlay.systems.extend(fragment.systems);
    overlay.projects.extend(fragment.projects);
    Ok(Overlaid {
        loaded: Loaded {
            model: overlay,
            sources,
            root: model.root.clone(),
            levels: model.levels.clone(),
            catalogue: model.catalogue.clone(),
            claimed: model.claimed.clone(),
        },
        proposal,
        new_ids,
    })
}

/// The one `proposed` project of the proposal, or the issues that say why there is none.
fn the_project(
    fragment: &Model,
    path: &Path,
    loaded: &Loaded,
    sources: &crate::source::Sources,
) -> Result<usize, Vec<LoadIssue>> {
    let mut issues = Vec::new();
    for setting in &fragment.rules {
        issues.push(
            LoadIssue::in_file(
                sources,
                setting.file,
                setting.code.span,
                Said::new(
                    "một đề xuất không được đặt mức quy tắc (`rules:`)",
                    "a proposal cannot set rule levels (`rules:`)",
                ),
            )
            .help(Some(Said::new(
                "mức quy tắc và miễn trừ thuộc mô hình đã được phê duyệt; hãy xoá mục này khỏi đề xuất",
                "rule levels and waivers belong to the approved model; remove this section from the proposal",
            ))),
        );
    }
    for waiver in &fragment.waivers {
        issues.push(
            LoadIssue::in_file(
                sources,
                waiver.file,
                waiver.rule.span,
                Said::new(
                    "một đề xuất không được tự miễn trừ (`waivers:`)",
                    "a proposal cannot waive findings (`waivers:`)",
                ),
            )
            .help(Some(Said::new(
                "mức quy tắc và miễn trừ thuộc mô hình đã được phê duyệt; hãy xoá mục này khỏi đề xuất",
                "rule levels and waivers belong to the approved model; remove this section from the proposal",
            ))),
        );
    }
    let national = loaded
        .model
        .info
        .as_ref()
        .is_none_or(|i| i.reference == crate::model::Reference::National);
    if national {
        let help = Said::new(
            "một đề xuất của tỉnh đặt mã riêng, không có `vn.`",
            "a province's proposal defines its own ids, without `vn.`",
        );
        crate::load::reserve_national_prefix(fragment, sources, &help, &mut issues);
    }
    match fragment.projects.as_slice() {
        [] => issues.push(
            LoadIssue::at_path(
                path.display().to_string(),
                Said::new(
                    "đề xuất không có dự án nào (`projects:`)",
                    "the proposal holds no project (`projects:`)",
                ),
            )
            .help(Some(Said::new(
                "một đề xuất có đúng một dự án với `status: proposed`, cùng các hệ thống, dữ liệu nó bổ sung",
                "a proposal holds exactly one project with `status: proposed`, and the systems and data it adds",
            ))),
        ),
        [project] if project.status != ProjectStatus::Proposed => issues.push(
            LoadIssue::in_file(
                sources,
                project.file,
                project.id.span,
                Said::new(
                    format!(
                        "dự án `{}` không ở trạng thái `proposed`: chỉ dự án đang đề xuất mới được thẩm định",
                        project.id.value
                    ),
                    format!(
                        "the project `{}` is not `proposed`: only a proposed project is reviewed",
                        project.id.value
                    ),
                ),
            )
            .help(Some(Said::new(
                "đặt `status: proposed`; dự án đã phê duyệt thuộc về mô hình",
                "set `status: proposed`; an approved project belongs in the model",
            ))),
        ),
        [_] => {}
        [first, rest @ ..] => {
            for other in rest {
                let mut issue = LoadIssue::in_file(
                    sources,
                    other.file,
                    other.id.span,
                    Said::new(
                        format!("dự án thứ hai `{}` trong đề xuất", other.id.value),
                        format!("a second project `{}` in the proposal", other.id.value),
                    ),
                )
                .help(Some(Said::new(
                    "mỗi đề xuất có đúng một dự án; hãy tách thành nhiều đề xuất",
                    "a proposal holds exactly one project; split it into several proposals",
                )));
                issue.related.push((
                    Loc::new(first.file, first.id.span),
                    Said::new("dự án đầu tiên ở đây", "the first project is here"),
                ));
                issues.push(issue);
            }
        }
    }
    if issues.is_empty() {
        Ok(0)
    } else {
        Err(issues)
    }
}
