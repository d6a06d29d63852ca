//! The command line's types (clap derive) and nothing else.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::choice::Choice;

use crate::finding::FailOn;
use crate::i18n::Lang;
use crate::report::CheckFormat;

#[derive(Debug, Parser)]
#[command(
    name = "kientruc",
    version,
    about = "Kiểm tra kiến trúc Chính quyền điện tử / số của tỉnh theo Khung kiến trúc 3.0 hoặc 4.0 — checks a province's e-government architecture against Vietnam's framework 3.0 or 4.0",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load, validate and judge a model; print the findings.
    Check(CheckArgs),
    /// Compare two versions of a model: elements, edges and findings added and removed.
    Diff(DiffArgs),
    /// Review an investment proposal against the model: the verdict for approval.
    Review(ReviewArgs),
    /// List the rules: code, name, default severity, principle.
    Rules(LangArgs),
    /// Explain a rule: what it checks, why, an example and its fix.
    Explain(ExplainArgs),
    /// Print the JSON Schema of the model format (or of a merger's agency map or decisions
    /// file).
    Schema(SchemaArgs),
    /// Write a small starter model that passes `check`.
    Init(InitArgs),
    /// Export the dependency graph for review meetings (DOT, Mermaid, SVG, HTML, ArchiMate, …).
    Graph(GraphArgs),
    /// List the national catalogue of a framework version: agencies, platforms, databases,
    /// capabilities, mandatory links, legal sources and what is uncertain.
    Catalogue(CatalogueArgs),
    /// Merge several provinces' models into one (clashing ids namespaced, agencies mapped).
    Merge(MergeArgs),
    /// What a merged province holds twice: what to keep, retire and migrate.
    Consolidate(ConsolidateArgs),
    /// Write the inventory workbook (XLSX) to fill in: one sheet per section, drop-downs, a guide.
    Template(TemplateArgs),
    /// Turn a filled inventory workbook (XLSX, ODS) into a model directory.
    Import(ImportArgs),
    /// Write a model as the inventory workbook (XLSX), whole or for one agency.
    Export(ExportArgs),
    /// A language server over stdio for the model's YAML files (diagnostics, hover, go to
    /// definition, references, completion of ids, "did you mean" fixes).
    Lsp(LspArgs),
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The workbook to write (.xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// The national catalogue offered in drop-downs (default: the default catalogue).
    #[arg(long, value_name = "VERSION")]
    pub framework: Option<String>,
    /// Language of sheet names and headers (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The filled workbook (.xlsx, .xlsm, .ods, .xls), a CSV file, or a directory of CSV files
    /// named after the sheets (co-quan.csv, he-thong.csv, …).
    #[arg(value_name = "WORKBOOK")]
    pub workbook: PathBuf,
    /// The model directory to write (it must not exist or be empty, unless --force).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Replace the output directory when it is not empty.
    #[arg(long)]
    pub force: bool,
    /// Language of messages (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
}

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The model: a directory of YAML files or one file.
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: ExportFormat,
    /// Only this agency's systems, data sets and projects (to send a department its part).
    #[arg(long, value_name = "AGENCY")]
    pub owner: Option<String>,
    /// The workbook to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Language of sheet names and headers (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// The model directory (default: the editor's workspace folder).
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// The date rules compare with, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
    /// Judge against this framework's catalogue instead of the model's `framework`.
    #[arg(long, value_name = "VERSION")]
    pub framework: Option<String>,
    /// Language of the diagnostics and hovers (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct CatalogueArgs {
    /// The framework version (default: the catalogue used when a model names none).
    #[arg(long, value_name = "VERSION")]
    pub framework: Option<String>,
    /// Output format.
    #[arg(long, value_parser = choice::<crate::catalogue::Format>(), default_value = "human")]
    pub format: crate::catalogue::Format,
    /// Language of headings and notes (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
    /// Write the listing to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct LangArgs {
    /// Language of messages and reports (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file's schema: a model file, an agency map (`merge --map`) or a decisions file
    /// (`consolidate --decisions`).
    #[arg(long, value_parser = choice::<crate::merge::schemas::SchemaOf>(), default_value = "model")]
    pub of: crate::merge::schemas::SchemaOf,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Findings at or above this severity make the exit code 1.
    #[arg(long, value_parser = choice::<FailOn>(), default_value = "error")]
    pub fail_on: FailOn,
    /// The date rules compare with (waivers, temporary integrations, deadlines, agencies'
    /// validity), YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
    /// Judge against this framework's catalogue instead of the model's `framework` (a what-if
    /// run); `kientruc catalogue` lists the versions.
    #[arg(long, value_name = "VERSION")]
    pub framework: Option<String>,
    /// Language of messages and reports (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
    /// Colour in the terminal report (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report and fail only on findings that are not in this baseline file (matched by rule,
    /// element and message, not by line).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file (JSON); they are then not reported.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Markdown: links to files start with this absolute URL (http or https), e.g.
    /// `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/`, so that they work in a
    /// pull-request comment; without it they are relative to the repository's root.
    #[arg(long, value_name = "URL", value_parser = link_base)]
    pub link_base: Option<String>,
}

/// `--link-base`: an absolute http(s) URL without spaces or control characters, given a
/// trailing `/`.
fn link_base(text: &str) -> Result<String, String> {
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty() && !text.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(if text.ends_with('/') {
                text.to_string()
            } else {
                format!("{text}/")
            })
        }
        _ => Err(format!(
            "`{}` không phải một URL http(s) tuyệt đối / is not an absolute http(s) URL",
            crate::text::printable(text)
        )),
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The model: a directory of YAML files or one file (default: the current directory).
    #[arg(value_name = "MODEL", default_value = ".")]
    pub model: PathBuf,
    /// Output format.
    #[arg(long, value_parser = choice::<CheckFormat>(), default_value = "human")]
    pub format: CheckFormat,
    /// SARIF: write at most N results, the most severe first (GitHub accepts 25,000 per run);
    /// a notification says how many were left out. 0 means no limit.
    #[arg(long, value_name = "N", default_value_t = crate::report::sarif::GITHUB_MAX_RESULTS)]
    pub max_results: usize,
    /// Check again whenever a file of the model changes, clearing and reprinting the report
    /// (Ctrl-C stops).
    #[arg(long, conflicts_with_all = ["baseline", "write_baseline", "output"])]
    pub watch: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code, e.g. DUP001, or the id of a national catalogue element, e.g. vn.ndop.
    pub code: String,
    /// The catalogue an element id is looked up in (default: the default catalogue); with a
    /// rule code, also list what this catalogue gives the rule to read.
    #[arg(long, value_name = "VERSION")]
    pub framework: Option<String>,
    /// Language of the explanation (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to create (it must not exist, or be empty).
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version: a directory, a file, or REV:PATH from the git repository here.
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The new version: a directory, a file, or REV:PATH from the git repository here.
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Output format.
    #[arg(long, value_parser = choice::<crate::diff::Format>(), default_value = "human")]
    pub format: crate::diff::Format,
    /// Exit 1 when a finding introduced by NEW is at or above this severity (diff's exit code
    /// depends on this option only, not on --fail-on).
    #[arg(long, value_parser = choice::<FailOn>(), default_value = "never")]
    pub fail_on_new: FailOn,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The proposal: a YAML file or directory with exactly one project of status `proposed`.
    #[arg(value_name = "PROPOSAL")]
    pub proposal: PathBuf,
    /// The model the proposal is laid over (a directory or one file).
    #[arg(long, value_name = "MODEL", default_value = ".")]
    pub model: PathBuf,
    /// Output format: the terminal report, the JSON document with a `verdict`, a Markdown
    /// report for the appraisal file, or `docx`, the appraisal opinion as a Word document
    /// (binary: with -o FILE, or to a pipe; never to a terminal).
    #[arg(long, value_parser = choice::<crate::review::ReviewFormat>(), default_value = "human")]
    pub format: crate::review::ReviewFormat,
    /// Also draw the proposal's neighbourhood (its new elements and what they touch, with the
    /// findings) into FILE; the format follows the extension: .svg, .html,
    /// .dot/.gv, .mmd, .puml, .graphml, .xml (ArchiMate) or .json.
    #[arg(long, value_name = "FILE")]
    pub graph: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The model: a directory of YAML files or one file (default: the current directory).
    #[arg(value_name = "MODEL", default_value = ".")]
    pub model: PathBuf,
    /// Output format.
    #[arg(long, value_parser = choice::<crate::export::Format>(), default_value = "dot")]
    pub format: crate::export::Format,
    /// Draw only what lies within --depth edges of this element.
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// How many edges from --focus (either direction).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub depth: usize,
    /// Only the systems of this layer (data sets count as the data layer).
    #[arg(long, value_name = "LAYER", value_parser = parse_layer)]
    pub layer: Option<crate::model::Layer>,
    /// Only the systems and data sets of this agency.
    #[arg(long, value_name = "AGENCY")]
    pub owner: Option<String>,
    /// Only these edge families, comma-separated (default: all).
    #[arg(long, value_parser = choice::<crate::export::EdgeFilter>(), value_delimiter = ',')]
    pub edges: Vec<crate::export::EdgeFilter>,
    /// Run the rules and colour what the findings name, with the rule codes.
    #[arg(long)]
    pub findings: bool,
    /// Overlay a proposal (a model fragment) and mark its new elements.
    #[arg(long, value_name = "FILE")]
    pub proposal: Option<PathBuf>,
    /// Group elements by layer or by owner.
    #[arg(long, value_parser = choice::<crate::export::GroupBy>(), default_value = "layer")]
    pub group_by: crate::export::GroupBy,
    /// The date rules compare with (with --findings), YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
    /// Use this framework's catalogue instead of the model's `framework`.
    #[arg(long, value_name = "VERSION")]
    pub framework: Option<String>,
    /// Language of labels and messages (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
    /// Write the graph to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn parse_layer(text: &str) -> Result<crate::model::Layer, String> {
    crate::model::Layer::ALL
        .into_iter()
        .find(|l| l.as_str() == text)
        .ok_or_else(|| {
            let names: Vec<&str> = crate::model::Layer::ALL
                .iter()
                .map(|l| l.as_str())
                .collect();
            format!("expected one of {}", names.join(", "))
        })
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The source models (directories or files), at least two.
    #[arg(value_name = "MODEL", num_args = 2.., required = true)]
    pub inputs: Vec<PathBuf>,
    /// The merged model's id; the source with this id (else the first) is the primary one.
    #[arg(long, value_name = "ID")]
    pub id: String,
    /// The merged model's name.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The directory to write (it must not exist or be empty, unless --force).
    #[arg(short, long, value_name = "DIR", required_unless_present = "write_map")]
    pub output: Option<PathBuf>,
    /// The agency mapping file: the merged province's agencies and the source agencies each
    /// replaces.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Write a starting mapping (agencies paired by name, province names removed) to FILE,
    /// and merge nothing.
    #[arg(long, value_name = "FILE")]
    pub write_map: Option<PathBuf>,
    /// Replace the output directory when it is not empty.
    #[arg(long)]
    pub force: bool,
    /// Language of messages (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
}

/// The formats of the consolidation plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Human,
    Markdown,
    Json,
    /// A workbook (binary: needs `-o FILE` or a redirected output).
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ConsolidateArgs {
    /// The merged model (written by `kientruc merge`).
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// A decisions file (YAML) that overrides what to keep.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: PlanFormat,
    /// Write the plan to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the consolidation as a proposal (one `proposed` project) for `kientruc review`.
    #[arg(long, value_name = "FILE")]
    pub proposal_out: Option<PathBuf>,
    /// The date rules compare with (waivers, temporary integrations), YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
    /// Language of the plan (default: KIENTRUC_LANG, then LANG, then vi).
    #[arg(long, value_parser = choice::<Lang>())]
    pub lang: Option<Lang>,
}

/// The parser of an argument that names one of a [`Choice`]'s words; `--help` lists them.
fn choice<T: Choice>() -> impl TypedValueParser<Value = T> {
    clap::builder::PossibleValuesParser::new(T::words()).map(|word| {
        T::from_word(&word).expect("the possible values are exactly the choice's words")
    })
}
