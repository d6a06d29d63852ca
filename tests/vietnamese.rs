//! No English in Vietnamese output. The English vocabulary is built from the catalogue itself:
//! every word of four letters or more in an English text (UI catalogue, rule messages and
//! explanations, command-line help) that is not also a word of a Vietnamese text, minus a
//! small allow-list. Then the built binary runs every command and human-readable format in
//! Vietnamese (with `--lang vi` and by default), and every English word found in what it
//! prints — after code spans, quoted input, ids and paths are taken out — is a failure naming
//! the command, the line and the word.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use kientruc::i18n::Lang;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Words that may stay as they are in Vietnamese output (lower case): format, product and
/// protocol names, proper nouns, and words of machine fields.
const ALLOWED: &[&str] = &[
    // Format and file names.
    "json",
    "yaml",
    "sarif",
    "html",
    "xlsx",
    "docx",
    "csv",
    "markdown",
    "junit",
    "graphml",
    "mermaid",
    "plantuml",
    "archimate",
    "utf-8",
    "stdio",
    "http",
    "https",
    "schema",
    // Products, platforms and proper nouns.
    "lgsp",
    "excel",
    "word",
    "github",
    "gitlab",
    "graphviz",
    "libreoffice",
    "kientruc",
    "ndxp",
    "ctrl",
    // The subcommands, named in usage lines and help as the words to type.
    "check",
    "diff",
    "review",
    "graph",
    "rules",
    "explain",
    "init",
    "merge",
    "consolidate",
    "catalogue",
    "export",
    "import",
    "lsp",
    "help",
];

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// The words of `text`, in lower case.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// `text` without fenced code blocks, code spans and `{placeholders}`.
fn without_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        out.push_str(&strip_between(&strip_between(line, '`', '`'), '{', '}'));
        out.push('\n');
    }
    out
}

/// `text` with every `open … close` span replaced by a space.
fn strip_between(text: &str, open: char, close: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len_utf8()..];
        match after.find(close) {
            Some(end) => {
                out.push_str(&rest[..start]);
                out.push(' ');
                rest = &after[end + close.len_utf8()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// Every text of the program in `lang`.
fn texts(lang: Lang) -> Vec<String> {
    let mut all: Vec<String> = kientruc::i18n::all()
        .map(|t| t.get(lang).to_string())
        .collect();
    for rule in kientruc::rules::ALL {
        all.extend(rule.texts.iter().map(|t| t.get(lang).to_string()));
        all.push(rule.explain.get(lang).to_string());
    }
    for (en, vi) in kientruc::help_vi::HELP {
        all.push(match lang {
            Lang::En => en.to_string(),
            Lang::Vi => vi.to_string(),
        });
    }
    all
}

/// The English words of the catalogue.
fn vocabulary() -> &'static BTreeSet<String> {
    static WORDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let vi: BTreeSet<String> = texts(Lang::Vi)
            .iter()
            .flat_map(|t| words(&without_code(t)).collect::<Vec<_>>())
            .collect();
        texts(Lang::En)
            .iter()
            .flat_map(|t| words(&without_code(t)).collect::<Vec<_>>())
            .filter(|w| w.chars().count() >= 4 && w.is_ascii())
            .filter(|w| !vi.contains(w) && !ALLOWED.contains(&w.as_str()))
            .collect()
    })
}

/// The English words of one line of output, after code spans, quoted input, ids and paths are
/// taken out.
fn english_in(line: &str) -> Vec<String> {
    let mut line = strip_between(line, '`', '`');
    for (open, close) in [('“', '”'), ('"', '"'), ('‘', '’'), ('«', '»')] {
        line = strip_between(&line, open, close);
    }
    let vocabulary = vocabulary();
    let mut found = Vec::new();
    for token in line.split_whitespace() {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        // An id, a code, a path, a URL, a number or an option: not prose.
        if core.is_empty()
            || core
                .chars()
                .any(|c| c.is_ascii_digit() || "-._/\\:=<>@#$%&*+|~^'[](){}".contains(c))
            || token.starts_with('-')
        {
            continue;
        }
        for word in words(core) {
            if vocabulary.contains(&word) {
                found.push(word);
            }
        }
    }
    found
}

/// Whether a line is a snippet of the model quoted under a diagnostic: a line number (or
/// nothing) and a `│` gutter before the text.
fn quoted_source(line: &str) -> bool {
    line.split_once('│').is_some_and(|(gutter, _)| {
        gutter
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '·')
    })
}

/// Whether a line is YAML (an example of `explain`, a model line quoted in a message):
/// `key:` or `- key:` with an ASCII key, other than the program's own `kientruc:` prefix.
fn yaml_line(line: &str) -> bool {
    let rest = line.trim_start();
    let rest = rest.strip_prefix("- ").unwrap_or(rest);
    match rest.split_once(':') {
        Some((key, after)) => {
            !key.is_empty()
                && key != "kientruc"
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
                && (after.is_empty() || after.starts_with(' '))
        }
        None => false,
    }
}

/// The text the user wrote in a model (names, descriptions, reasons): what kientruc quotes
/// from the model is not kientruc's to translate.
#[derive(Default)]
struct ModelText {
    /// Whole values, longest first, taken out of a line before it is read.
    strings: Vec<String>,
    /// Their words, excused where a drawing wraps a name over several lines.
    words: BTreeSet<String>,
}

impl ModelText {
    /// The free text of every YAML file under the paths among `args`: values of keys that
    /// hold a space, a capital or a letter outside ASCII, unlike ids and enum words.
    fn of(dir: &Path, args: &[&str]) -> ModelText {
        let mut files = Vec::new();
        for arg in args {
            let path = dir.join(arg.split_once(':').map_or(*arg, |(_, p)| p));
            if !arg.starts_with('-') && path.exists() {
                yaml_files(&path, &mut files);
            }
        }
        let mut text = ModelText::default();
        for file in files {
            let Ok(source) = std::fs::read_to_string(&file) else {
                continue;
            };
            for line in source.lines() {
                let rest = line.trim_start();
                let rest = rest.strip_prefix("- ").unwrap_or(rest);
                let value = match rest.split_once(": ") {
                    Some((key, value))
                        if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
                    {
                        value
                    }
                    _ => rest,
                };
                let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
                if value.contains(' ') || value.chars().any(|c| c.is_uppercase() || !c.is_ascii()) {
                    text.words.extend(words(value));
                    text.strings.push(value.to_string());
                }
            }
        }
        text.strings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        text.strings.dedup();
        text
    }

    fn without(&self, line: &str) -> String {
        let mut line = line.to_string();
        for s in &self.strings {
            if line.contains(s.as_str()) {
                line = line.replace(s.as_str(), " ");
            }
        }
        line
    }
}

fn yaml_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for entry in entries.flatten() {
                yaml_files(&entry.path(), out);
            }
        }
    } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        out.push(path.to_path_buf());
    }
}

/// The severity word of a compiler-style line (`file:12:3: warning[DUP001] …`,
/// `kientruc: note: …`): machine syntax that problem matchers of CI tools parse, kept in
/// English in every language (documented in the README).
fn without_machine_severity(line: &str) -> String {
    for severity in ["error", "warning", "info", "note"] {
        for form in [
            format!(": {severity}["),
            format!(": {severity}:"),
            format!(": {severity}  "),
        ] {
            if let Some(at) = line.find(&form) {
                let head = &line[..at];
                // A path (`file:12:3`, `file`) or the program's name: no spaces.
                let located = !head.is_empty() && !head.contains(char::is_whitespace);
                if located {
                    let rest = &line[at + 2 + severity.len()..];
                    let rest = rest.strip_prefix(": ").unwrap_or(rest);
                    return format!("{head}: {rest}");
                }
            }
        }
    }
    line.to_string()
}

/// The failures of one command's output: "command: line: word".
/// How one output is read: the model's text taken out, compiler-style severity words kept
/// (`machine`), and in a drawing the model's words excused one by one.
struct Reading<'a> {
    model: &'a ModelText,
    machine: bool,
    drawing: bool,
}

fn check_text(label: &str, text: &str, read: &Reading<'_>, failures: &mut Vec<String>) {
    for line in text.lines() {
        // A line of the user's own YAML quoted under an error (`12 │ name: …`) is the
        // model's text, not kientruc's.
        if quoted_source(line) || yaml_line(line) {
            continue;
        }
        let line = read.model.without(line);
        let line = if read.machine {
            without_machine_severity(&line)
        } else {
            line
        };
        // Value lists of the help (`[giá trị: error, warning]`) name what to type.
        let line = strip_between(&line, '[', ']');
        for word in english_in(&line) {
            if read.drawing && read.model.words.contains(&word) {
                continue;
            }
            failures.push(format!(
                "{label}\n    line: {}\n    word: {word}",
                line.trim()
            ));
        }
    }
}

/// The text a reader sees in markup: tags taken out, the common entities undone, `<style>`
/// and `<script>` left out.
fn text_of_markup(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tag = &rest[open..];
        let skip = ["<style", "<script"]
            .iter()
            .find(|t| tag.starts_with(**t))
            .map(|t| format!("</{}", &t[1..]));
        rest = match skip {
            Some(end) => match tag.find(&end) {
                Some(at) => &tag[at..],
                None => "",
            },
            None => match tag.find('>') {
                Some(close) => &tag[close + 1..],
                None => "",
            },
        };
        if let Some(stripped) = rest
            .strip_prefix("</style>")
            .or(rest.strip_prefix("</script>"))
        {
            rest = stripped;
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The labels of a DOT graph: the `label=<…>` (HTML) and `label="…"` / `tooltip="…"` values.
fn dot_labels(dot: &str) -> String {
    let mut out = String::new();
    for line in dot.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("label=<") {
            let body = &rest[at + "label=".len()..];
            let mut depth = 0usize;
            let mut end = body.len();
            for (i, c) in body.char_indices() {
                match c {
                    '<' => depth += 1,
                    '>' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            out.push_str(&text_of_markup(&body[1..end.saturating_sub(1).max(1)]));
            out.push('\n');
            rest = &body[end..];
        }
        for key in ["label=\"", "tooltip=\"", "xlabel=\""] {
            let mut rest = line;
            while let Some(at) = rest.find(key) {
                let body = &rest[at + key.len()..];
                let end = body.find('"').unwrap_or(body.len());
                out.push_str(&body[..end]);
                out.push('\n');
                rest = &body[end..];
            }
        }
    }
    out
}

/// The labels of a Mermaid graph: every quoted string, markup taken out, and `%%` comments.
fn mermaid_labels(mermaid: &str) -> String {
    let mut out = String::new();
    for line in mermaid.lines() {
        if let Some(comment) = line.trim_start().strip_prefix("%%") {
            out.push_str(comment);
            out.push('\n');
        }
        let mut parts = line.split('"');
        parts.next();
        while let Some(quoted) = parts.next() {
            out.push_str(&text_of_markup(quoted));
            out.push('\n');
            parts.next();
        }
    }
    out
}

/// How a command's standard output is read.
#[derive(Clone, Copy)]
enum View {
    /// As printed.
    Same,
    /// The compiler-style lines of `--format short`: their severity word is machine syntax.
    Short,
    /// The messages of GitHub annotations.
    Github,
    /// Labels of a drawing (DOT, Mermaid, SVG), where names wrap over lines.
    Dot,
    Mermaid,
    Markup,
    /// Nothing (the JSON Schema of `schema`): only stderr is prose.
    Nothing,
}

/// One command to run in Vietnamese.
struct Case {
    args: Vec<String>,
    /// Only with the default language (no `--lang vi` added), for commands whose argument
    /// errors come before the language option is read.
    default_only: bool,
    view: View,
}

fn case(args: &[&str], view: View) -> Case {
    Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        default_only: false,
        view,
    }
}

fn default_only(args: &[&str], view: View) -> Case {
    Case {
        default_only: true,
        ..case(args, view)
    }
}

fn output(dir: &Path, args: &[String], default_lang: bool) -> (String, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kientruc"));
    command
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("KIENTRUC_LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args);
    if !default_lang {
        command.args(["--lang", "vi"]);
    }
    let output = command.output().expect("the built binary runs");
    let label = format!(
        "kientruc {}{}",
        args.join(" "),
        if default_lang { "" } else { " --lang vi" }
    );
    (
        label,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs every case (with `--lang vi` and with the default language) from `dir` and returns
/// the English found, or fails when fewer than `least` runs were made.
fn run_all(dir: &Path, cases: &[Case], least: usize) {
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases {
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let model = ModelText::of(dir, &args);
        let modes: &[bool] = if case.default_only {
            &[true]
        } else {
            &[false, true]
        };
        for &default_lang in modes {
            let (label, stdout, stderr) = output(dir, &case.args, default_lang);
            ran += 1;
            let (text, machine, drawing) = match case.view {
                View::Same => (stdout, false, false),
                View::Short => (stdout, true, false),
                View::Github => (github_messages(&stdout), false, false),
                View::Dot => (dot_labels(&stdout), false, true),
                View::Mermaid => (mermaid_labels(&stdout), false, true),
                View::Markup => (text_of_markup(&stdout), false, true),
                View::Nothing => (String::new(), false, false),
            };
            let read = Reading {
                model: &model,
                machine,
                drawing,
            };
            check_text(&format!("{label} (stdout)"), &text, &read, &mut failures);
            let read = Reading {
                model: &model,
                machine,
                drawing: false,
            };
            check_text(&format!("{label} (stderr)"), &stderr, &read, &mut failures);
        }
    }
    assert!(ran >= least, "only {ran} runs");
    assert!(failures.is_empty(), "{}", failures_report(&failures));
}

/// The message of each GitHub annotation (`::error file=…::message`), `%0A` as new lines.
fn github_messages(text: &str) -> String {
    text.lines()
        .filter_map(|l| l.strip_prefix("::"))
        .filter_map(|l| l.split_once("::").map(|(_, message)| message))
        .map(|m| m.replace("%0A", "\n").replace("%25", "%"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn failures_report(failures: &[String]) -> String {
    let mut unique: Vec<&String> = failures.iter().collect();
    unique.dedup();
    format!(
        "{} English words in Vietnamese output:\n{}",
        unique.len(),
        unique
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// The directories under `dir` (relative to the root) that hold `leaf`, sorted.
fn fixtures(dir: &str, leaf: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| format!("{dir}/{}{leaf}", e.file_name().to_string_lossy()))
        .filter(|p| Path::new(ROOT).join(p).exists())
        .collect();
    out.sort();
    out
}

#[test]
fn the_vocabulary_is_the_catalogues_english() {
    let vocabulary = vocabulary();
    for english in ["waived", "error", "warning"] {
        assert!(
            vocabulary.contains(english),
            "{english} missing from the vocabulary"
        );
    }
    for kept in ["json", "lgsp", "kientruc", "qlvb"] {
        assert!(!vocabulary.contains(kept), "{kept} is in the vocabulary");
    }
    // The matcher finds English prose and leaves ids, code spans and quotes alone.
    assert_eq!(english_in("2 errors, 1 warning"), ["errors", "warning"]);
    assert!(english_in("mã `model` và “model” ở models/model.yaml, so-y-te.model").is_empty());
    // A compiler-style severity is machine syntax only where the reading says so.
    let line = "a.yaml:1:2: warning[DUP001] mô tả";
    assert_eq!(without_machine_severity(line), "a.yaml:1:2: [DUP001] mô tả");
    assert_eq!(without_machine_severity("kientruc: note: x"), "kientruc: x");
    assert_eq!(without_machine_severity("+ a warning: x"), "+ a warning: x");
    let model = ModelText {
        strings: vec!["Portal of the province".to_string()],
        words: ["portal".to_string()].into(),
    };
    let found = |text: &str, machine: bool, drawing: bool| {
        let mut failures = Vec::new();
        let read = Reading {
            model: &model,
            machine,
            drawing,
        };
        check_text("t", text, &read, &mut failures);
        failures.len()
    };
    assert_eq!(found(line, false, false), 1);
    assert_eq!(found(line, true, false), 0);
    // The model's own text is left alone; its words only in a drawing.
    assert_eq!(found("hệ thống Portal of the province", false, false), 0);
    assert_eq!(found("Portal", false, false), 1);
    assert_eq!(found("Portal", false, true), 0);
}

#[test]
fn every_key_has_both_languages() {
    let mut missing = Vec::new();
    for text in kientruc::i18n::all() {
        if text.vi.trim().is_empty() || text.en.trim().is_empty() {
            missing.push(text.key.to_string());
        }
    }
    for rule in kientruc::rules::ALL {
        for text in rule.texts {
            if text.vi.trim().is_empty() || text.en.trim().is_empty() {
                missing.push(format!("{} {}", rule.code, text.key));
            }
        }
        if rule.explain.vi.trim().is_empty() || rule.explain.en.trim().is_empty() {
            missing.push(format!("{} explain", rule.code));
        }
    }
    assert!(missing.is_empty(), "texts missing a language: {missing:?}");
}

#[test]
fn reports_in_vietnamese_hold_no_english() {
    let today = ["--today", "2026-01-15"];
    let mut cases = Vec::new();
    let models = [
        "models/bac-lieu",
        "examples/broken/dup",
        "examples/broken/kt-integrity",
        "examples/broken/kt-quality",
        "examples/broken/reuse",
        "examples/broken/share",
        "examples/broken/sec",
        "examples/broken/link",
        "tests/fixtures/review/broken-model",
    ];
    for model in models {
        for (format, view) in [
            ("human", View::Same),
            ("short", View::Short),
            ("markdown", View::Same),
            ("github", View::Github),
        ] {
            cases.push(case(
                &[&["check", model, "--format", format], &today[..]].concat(),
                view,
            ));
        }
    }
    for model in fixtures("tests/fixtures/rules", "/fail") {
        cases.push(default_only(
            &[&["check", &model, "--format", "human"], &today[..]].concat(),
            View::Same,
        ));
    }
    run_all(Path::new(ROOT), &cases, 40);
}

#[test]
fn reviews_diffs_and_graphs_in_vietnamese_hold_no_english() {
    let mut cases = Vec::new();
    for proposal in fixtures("tests/fixtures/review/proposals", "") {
        if !proposal.ends_with(".yaml") {
            continue;
        }
        for format in ["human", "markdown"] {
            cases.push(case(
                &[
                    "review",
                    &proposal,
                    "--model",
                    "tests/fixtures/review/model",
                    "--format",
                    format,
                    "--today",
                    "2026-01-15",
                ],
                View::Same,
            ));
        }
    }
    for (old, new) in [
        ("examples/broken/dup", "models/bac-lieu"),
        ("models/bac-lieu", "examples/broken/kt-integrity"),
        (
            "tests/fixtures/review/model",
            "tests/fixtures/review/broken-model",
        ),
    ] {
        for format in ["text", "markdown"] {
            cases.push(case(&["diff", old, new, "--format", format], View::Same));
        }
    }
    for model in [
        "models/bac-lieu",
        "examples/broken/dup",
        "tests/fixtures/graph/hostile",
    ] {
        for (format, view) in [
            ("dot", View::Dot),
            ("mermaid", View::Mermaid),
            ("svg", View::Markup),
            ("html", View::Markup),
        ] {
            cases.push(case(&["graph", model, "--format", format], view));
        }
    }
    run_all(Path::new(ROOT), &cases, 30);
}

#[test]
fn commands_help_and_errors_in_vietnamese_hold_no_english() {
    let mut cases = vec![
        case(&["rules"], View::Same),
        case(&["explain", "vn.ndxp"], View::Same),
    ];
    for rule in kientruc::rules::ALL {
        cases.push(case(&["explain", rule.code], View::Same));
    }
    for version in ["3.0", "4.0"] {
        for format in ["human", "markdown"] {
            cases.push(case(
                &["catalogue", "--framework", version, "--format", format],
                View::Same,
            ));
        }
    }
    // Help of every command, long and short, and each command without its arguments.
    let subcommands = [
        "",
        "check",
        "diff",
        "review",
        "rules",
        "explain",
        "schema",
        "init",
        "graph",
        "catalogue",
        "merge",
        "consolidate",
        "template",
        "import",
        "export",
        "lsp",
    ];
    for sub in subcommands {
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = [sub, flag].into_iter().filter(|s| !s.is_empty()).collect();
            cases.push(case(&args, View::Same));
        }
        if !["", "rules", "schema", "lsp", "catalogue"].contains(&sub) {
            // Missing required arguments (or, for check, the model of the current directory).
            cases.push(default_only(&[sub], View::Same));
        }
    }
    cases.push(default_only(&[], View::Same));
    cases.push(default_only(&["--version"], View::Same));
    // Errors of the command line and of the files.
    let temp = tempfile::tempdir().unwrap();
    let full = temp.path().join("day");
    std::fs::create_dir(&full).unwrap();
    std::fs::write(full.join("x.txt"), "x").unwrap();
    let full = full.to_string_lossy().into_owned();
    let fresh = temp.path().join("moi").to_string_lossy().into_owned();
    let merged = temp.path().join("hop-nhat").to_string_lossy().into_owned();
    let errors: Vec<Vec<&str>> = vec![
        vec!["explain", "DUP01"],
        vec!["check", "khong-co-thu-muc-nay"],
        vec!["check", "models/bac-lieu/model.yaml/x"],
        vec!["init", &full],
        vec!["init", &fresh],
        vec!["check", "--format", "jsn"],
        vec!["check", "--fail-on", "never-ever"],
        vec!["check", "--max-results", "nhieu"],
        vec!["check", "--markdown-base", "ftp://x"],
        vec!["graph", "models/bac-lieu", "--layer", "khong"],
        vec!["graph", "models/bac-lieu", "--focus", "khong-co"],
        vec!["chek"],
        vec!["check", "--khong-co"],
        vec!["check", "--watch", "--output", "x.json"],
        vec!["check", "--format=json", "--format", "human"],
        vec!["check", "--lang"],
        vec!["rules", "thua"],
        vec!["diff", "nosuchrev:models/bac-lieu", "HEAD:models/bac-lieu"],
        vec!["diff", "models/bac-lieu", "khong-co"],
        vec!["review", "khong-co.yaml", "--model", "models/bac-lieu"],
        vec![
            "review",
            "tests/fixtures/review/proposals/duplicate.yaml",
            "--model",
            "tests/fixtures/review/broken-model",
        ],
        vec![
            "merge",
            "models/bac-lieu",
            "models/ca-mau",
            "--id",
            "ca-mau",
            "-o",
            &merged,
        ],
        vec![
            "merge",
            "models/bac-lieu",
            "models/ca-mau",
            "--id",
            "ca-mau",
            "-o",
            &full,
        ],
        vec!["consolidate", &merged],
        vec!["consolidate", &merged, "--format", "markdown"],
        vec!["consolidate", "models/bac-lieu"],
        vec!["schema"],
        vec!["catalogue", "--framework", "9.9"],
        vec!["import", "khong-co.xlsx", "-o", &fresh],
        vec!["export", "models/bac-lieu", "-o", &full],
    ];
    for args in &errors {
        // `schema` prints the JSON Schema itself: only its messages (stderr) are prose.
        let view = if args[0] == "schema" {
            View::Nothing
        } else {
            View::Same
        };
        cases.push(case(args, view));
    }
    // YAML errors of broken and hostile models.
    let mut broken: Vec<String> = Vec::new();
    for dir in ["tests/hostile", "tests/fixtures/review/proposals/invalid"] {
        if let Ok(entries) = std::fs::read_dir(Path::new(ROOT).join(dir)) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".yaml") && entry.metadata().is_ok_and(|m| m.len() < 200_000) {
                    broken.push(format!("{dir}/{name}"));
                }
            }
        }
    }
    broken.sort();
    for file in &broken {
        cases.push(default_only(
            &["check", file, "--format", "human"],
            View::Same,
        ));
        cases.push(default_only(
            &["check", file, "--format", "short"],
            View::Short,
        ));
    }
    run_all(Path::new(ROOT), &cases, 100);
}

/// Wrapped reports never break an id (or any code span) across lines: on every line kientruc
/// writes (not the quoted YAML) the backticks pair up, and an id longer than a line is written
/// whole on a line of its own.
#[test]
fn ids_are_never_broken_across_lines() {
    let long = "qlvb-so-y-te-phan-mem-quan-ly-van-ban-va-dieu-hanh-cua-so-y-te-tinh-bac-lieu-giai-doan-hai";
    let temp = tempfile::tempdir().unwrap();
    for name in ["model.yaml", "so-y-te.yaml"] {
        let text = std::fs::read_to_string(Path::new(ROOT).join("examples/broken/dup").join(name))
            .unwrap();
        std::fs::write(temp.path().join(name), text.replace("qlvb-so-y-te", long)).unwrap();
    }
    let dir = temp.path().to_string_lossy().into_owned();
    let mut checked = 0;
    for lang in ["vi", "en"] {
        for format in ["human", "markdown"] {
            let args: Vec<String> = [
                "check",
                &dir,
                "--format",
                format,
                "--lang",
                lang,
                "--today",
                "2026-01-15",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            let (label, stdout, _) = output(Path::new(ROOT), &args, true);
            assert!(
                stdout.contains(long),
                "{label}: the long id is not whole:\n{stdout}"
            );
            for line in stdout.lines().filter(|l| !quoted_source(l)) {
                // A fenced block's ``` are three backticks each.
                let ticks = line.replace("```", "").matches('`').count();
                assert!(
                    ticks % 2 == 0,
                    "{label}: a code span is broken at:\n{line}\n\n{stdout}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} lines");
}
