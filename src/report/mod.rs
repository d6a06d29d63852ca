//! Output formats of findings: one file per format. A renderer never judges: it turns a
//! [`Report`] (findings, the sources they point into, the model's counts) into bytes.

pub mod checkstyle;
pub mod failure;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod short;

use crate::finding::Finding;
use crate::i18n::{Lang, tr};
use crate::rules::{Coverage, Judgement};
use crate::source::Sources;

/// What the model looked like when it was judged.
#[derive(Debug, Clone, Default)]
pub struct ModelStats {
    pub id: String,
    pub framework: String,
    pub files: usize,
    pub elements: usize,
    pub edges: usize,
}

/// Everything a renderer needs.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    /// What was and was not judged.
    pub coverage: &'a Coverage,
    pub sources: &'a Sources,
    pub stats: &'a ModelStats,
    pub lang: Lang,
    pub color: bool,
    /// The model root's path from the root of its git repository, with a trailing `/` (empty
    /// when the model is the repository, or is in none): CI formats prefix file paths with it
    /// so that annotations land on the repository's files. See [`repository_base`].
    pub base: &'a str,
    /// What `--baseline` suppressed and which of its entries no longer match.
    pub baseline: Option<&'a crate::baseline::Outcome>,
    /// SARIF: at most this many results (`--max-results`; the most severe are kept).
    pub max_results: Option<usize>,
    /// The `--fail-on` threshold (`None` for `never`): JUnit fails only the cases at or above.
    pub fail_on: Option<crate::finding::Severity>,
    /// `--link-base`: the absolute URL (ending in `/`) that Markdown links to files start
    /// with, so that they work in a pull-request comment; `None` keeps them relative.
    pub link_base: Option<&'a str>,
}

impl<'a> Report<'a> {
    /// A report without colour, repository base or baseline (tests, libraries).
    pub fn new(
        findings: &'a [Finding],
        coverage: &'a Coverage,
        sources: &'a Sources,
        stats: &'a ModelStats,
        lang: Lang,
    ) -> Self {
        Report {
            findings,
            coverage,
            sources,
            stats,
            lang,
            color: false,
            base: "",
            baseline: None,
            max_results: None,
            fail_on: Some(crate::finding::Severity::Error),
            link_base: None,
        }
    }

    /// A finding's file as the repository knows it.
    pub fn repository_path(&self, loc: crate::source::Loc) -> String {
        if self.sources.get(loc.file).outside_model {
            return self.sources.path(loc).to_string();
        }
        format!("{}{}", self.base, self.sources.path(loc))
    }
}

/// The sentence that says which principles were not judged and why, in `lang`; `None` when
/// every principle that applies was judged. Every report shows it beside its summary.
pub fn coverage_note(coverage: &Coverage, lang: Lang) -> Option<String> {
    let missing: Vec<(crate::finding::Principle, Judgement)> = coverage.missing().collect();
    if missing.is_empty() {
        return None;
    }
    let names: Vec<String> = missing
        .iter()
        .map(|(p, _)| tr(lang, &format!("principle.{}", p.as_str()), &[]))
        .collect();
    let key = if missing.iter().all(|(_, j)| *j == Judgement::Off) {
        "coverage.off"
    } else {
        "coverage.skipped"
    };
    Some(tr(
        lang,
        key,
        &[
            ("principles", &names.join(", ")),
            ("count", &coverage.skipped_rules.len().to_string()),
        ],
    ))
}

/// A URI reference for a relative path: every byte outside the unreserved set and `/` is
/// percent-encoded (spaces, Vietnamese letters, `#`, `?`, `(`…), for SARIF and Markdown links.
pub fn uri(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(path, KEEP).to_string()
}

/// A SARIF artifact URI for a file path: a relative reference for a relative path, a
/// `file://` URI for an absolute one (a model outside both the repository and the working
/// directory), since a relative reference may not begin with `/`.
pub fn artifact_uri(path: &str) -> String {
    if path.starts_with('/') {
        format!("file://{}", uri(path))
    } else {
        uri(path)
    }
}

/// The path from the root of the git repository holding `model_root` (found by walking up to
/// a `.git`) to `model_root`, with `/` separators and a trailing `/`; empty when `model_root`
/// is the repository's root. Outside a repository, the model's root as shown to people,
/// relative to the working directory ([`crate::source::Sources::root`]): `shown`.
pub fn repository_base(model_root: &std::path::Path, shown: &str) -> String {
    let Ok(root) = std::fs::canonicalize(model_root) else {
        return shown.to_string();
    };
    for ancestor in root.ancestors() {
        if ancestor.join(".git").exists() {
            let Ok(inside) = root.strip_prefix(ancestor) else {
                return shown.to_string();
            };
            let mut base = String::new();
            for part in inside.components() {
                base.push_str(&part.as_os_str().to_string_lossy());
                base.push('/');
            }
            return base;
        }
    }
    shown.to_string()
}

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Short,
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A report for a pull request or a meeting.
    Markdown,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// Checkstyle XML (reviewdog, Jenkins warnings-ng).
    Checkstyle,
}

/// The formats of `check`: every report of [`Format`], and the findings workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Report(Format),
    /// An Excel workbook (`office::findings`): binary, so never written to a terminal.
    Xlsx,
}

impl CheckFormat {
    /// The format of the document of load errors: the workbook has none (the errors go to
    /// stderr as one line each, as for `short`).
    pub fn report(self) -> Format {
        match self {
            CheckFormat::Report(format) => format,
            CheckFormat::Xlsx => Format::Short,
        }
    }
}

impl crate::choice::Choice for CheckFormat {
    const WORDS: &'static [(Self, &'static str)] = &[
        (CheckFormat::Report(Format::Human), "human"),
        (CheckFormat::Report(Format::Short), "short"),
        (CheckFormat::Report(Format::Json), "json"),
        (CheckFormat::Report(Format::Sarif), "sarif"),
        (CheckFormat::Report(Format::Junit), "junit"),
        (CheckFormat::Report(Format::Github), "github"),
        (CheckFormat::Report(Format::Markdown), "markdown"),
        (CheckFormat::Report(Format::Gitlab), "gitlab"),
        (CheckFormat::Report(Format::Checkstyle), "checkstyle"),
        (CheckFormat::Xlsx, "xlsx"),
    ];
}

pub fn render(format: Format, report: &Report<'_>) -> String {
    match format {
        Format::Human => human::render(report),
        Format::Short => short::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Junit => junit::render(report),
        Format::Github => github::render(report),
        Format::Markdown => markdown::render(report),
        Format::Gitlab => gitlab::render(report),
        Format::Checkstyle => checkstyle::render(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri("hệ thống/a b#c.yaml"),
            "h%E1%BB%87%20th%E1%BB%91ng/a%20b%23c.yaml"
        );
        assert_eq!(uri("models/bac-lieu/x_y.yaml"), "models/bac-lieu/x_y.yaml");
    }

    #[test]
    fn repository_base_walks_up_to_git() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        let model = dir.path().join("models").join("bac-lieu");
        std::fs::create_dir_all(&model).unwrap();
        assert_eq!(repository_base(&model, "x/"), "models/bac-lieu/");
        assert_eq!(repository_base(dir.path(), "m/"), "");
        let outside = tempfile::tempdir().unwrap();
        assert_eq!(repository_base(outside.path(), "m/"), "m/");
    }
}

crate::choice!(Format { Human => "human", Short => "short", Json => "json", Sarif => "sarif", Junit => "junit", Github => "github", Markdown => "markdown", Gitlab => "gitlab", Checkstyle => "checkstyle" });
