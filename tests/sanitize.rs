//! No name can add a line to an output or put a control character into it: the formats that go
//! to a terminal or a line-based reader (`short`, `human`, `github`, PlantUML, Mermaid) are run
//! on models whose names are drawn from every Unicode general category, and compared with the
//! same model named in plain letters.

use std::path::Path;

use kientruc::export::{self, Format as GraphFormat, Request};
use kientruc::i18n::Lang;
use kientruc::report::{self, Format, Report};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// One or more characters of each general category (Cs has none in Rust), the dangerous ones
/// several times.
const CATEGORIES: &[char] = &[
    // Cc
    '\n',
    '\r',
    '\t',
    '\u{0}',
    '\u{7}',
    '\u{8}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    // Cf
    '\u{ad}',
    '\u{200b}',
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202b}',
    '\u{202c}',
    '\u{202d}',
    '\u{202e}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{61c}',
    '\u{feff}',
    '\u{e0001}',
    // Zl, Zp, Zs
    '\u{2028}',
    '\u{2029}',
    ' ',
    '\u{a0}',
    '\u{3000}',
    '\u{2003}',
    // Co, Cn
    '\u{e000}',
    '\u{10fffd}',
    '\u{378}',
    '\u{fffe}',
    // L*, M*, N*
    'a',
    'Z',
    'ǅ',
    'ʰ',
    '中',
    'ế',
    '\u{300}',
    '\u{903}',
    '\u{20dd}',
    '7',
    'Ⅻ',
    '½',
    // P*
    '_',
    '-',
    '(',
    ')',
    '«',
    '»',
    '!',
    '"',
    '\'',
    '\\',
    ':',
    ',',
    '%',
    '#',
    '<',
    '>',
    '|',
    '`',
    // S*
    '+',
    '$',
    '^',
    '©',
    '€',
];

fn config() -> Config {
    Config {
        cases: 48,
        rng_seed: RngSeed::Fixed(20_261_202),
        failure_persistence: None,
        ..Config::default()
    }
}

fn name() -> impl Strategy<Value = String> {
    let one = prop_oneof![
        3 => prop::sample::select(CATEGORIES.to_vec()),
        1 => any::<char>(),
    ];
    // Names start with a word, so that they fold to something and DUP003 quotes them.
    prop::collection::vec(one, 1..24)
        .prop_map(|chars| format!("Sở {}", chars.into_iter().collect::<String>()))
}

/// `text` as a YAML double-quoted scalar: every character outside printable ASCII escaped.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Two agencies and a system sharing `name` (DUP003 quotes it), in a model directory.
fn write_model(dir: &Path, name: &str) {
    let name = quoted(name);
    std::fs::write(
        dir.join("model.yaml"),
        format!(
            "model:\n  id: thu\n  name: {name}\n  framework: \"3.0\"\nagencies:\n  - id: so-a\n    name: {name}\n    level: department\n  - id: so-b\n    name: {name}\n    level: department\nsystems:\n  - id: he-thong\n    name: {name}\n    owner: so-a\n    layer: application\n    status: operational\n    security_level: 2\n  - id: he-thong-2\n    name: {name}\n    owner: so-b\n    layer: application\n    status: operational\n    security_level: 2\n"
        ),
    )
    .unwrap();
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

/// Every output of the model at `dir`, by format name.
fn outputs(dir: &Path) -> Vec<(&'static str, String)> {
    let options = kientruc::Options {
        today: today(),
        framework: None,
    };
    let mut out = Vec::new();
    match kientruc::check(dir, &options) {
        Ok(checked) => {
            let report = Report::new(
                &checked.findings,
                &checked.coverage,
                &checked.loaded.sources,
                &checked.stats,
                Lang::En,
            );
            for (label, format) in [
                ("short", Format::Short),
                ("human", Format::Human),
                ("github", Format::Github),
                ("gitlab", Format::Gitlab),
                ("checkstyle", Format::Checkstyle),
            ] {
                out.push((label, report::render(format, &report)));
            }
        }
        Err(failure) => {
            out.push((
                "short",
                report::short::render_issues(&failure.issues, &failure.sources, Lang::En),
            ));
            out.push((
                "human",
                report::human::render_issues(&failure.issues, &failure.sources, Lang::En, false),
            ));
        }
    }
    for (label, format) in [
        ("plantuml", GraphFormat::Plantuml),
        ("mermaid", GraphFormat::Mermaid),
    ] {
        let request = Request {
            findings: true,
            ..Request::new(format, Lang::En, today())
        };
        if let Ok(view) = export::build(dir, &request) {
            let bytes = export::render(&view, format).unwrap();
            out.push((label, String::from_utf8(bytes).unwrap()));
        }
    }
    out
}

fn raw_unsafe(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c != '\n' && kientruc::text::is_unsafe(c))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_name_adds_a_line_or_a_control_character(name in name()) {
        let dir = tempfile::tempdir().unwrap();
        write_model(dir.path(), &name);
        let hostile = outputs(dir.path());
        let plain_name: String = "x".repeat(name.chars().count());
        write_model(dir.path(), &plain_name);
        let plain = outputs(dir.path());
        prop_assert!(!hostile.is_empty());
        // The names are judged (DUP003 quotes them), not refused.
        prop_assert!(hostile[0].1.contains("DUP003"), "{}", hostile[0].1);
        for (format, text) in &hostile {
            prop_assert_eq!(raw_unsafe(text), None, "{} output of {:?}:\n{}", format, name, text);
            // The human report wraps long messages, so only its characters are compared.
            if *format != "human"
                && let Some((_, reference)) = plain.iter().find(|(f, _)| f == format)
            {
                prop_assert_eq!(
                    text.lines().count(),
                    reference.lines().count(),
                    "{} output of {:?} has other lines:\n{}", format, name, text
                );
            }
        }
    }
}
