//! A small YAML emitter for the files `merge` and `consolidate` write, in the style of the
//! hand-written models: block mappings, flow lists of ids (`[lgsp, vn.vneid]`), flow maps for
//! small scalar maps (`cost: { capex: …, opex: … }`), long texts folded (`>-`), a blank line
//! between elements, and a comment header. It writes what the model types serialize to (through
//! `serde_json::Value`, field order kept), so it cannot drift from the format. Any string
//! that would not read back as the same string unquoted is double-quoted with escapes; the
//! round-trip tests read the output back with the project's own loader.

use serde_json::Value;

/// Longest line of a folded text.
const WIDTH: usize = 96;

/// The YAML text of `value` (a mapping), after `header` comment lines.
pub fn document(header: &[String], value: &Value) -> String {
    let mut out = String::new();
    for line in header {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
    }
    if let Value::Object(map) = value {
        for (key, value) in map {
            entry(&mut out, 0, key, value, true);
        }
    }
    out
}

/// One `key: value` at `indent`; `top` separates the items of a top-level list by blank lines.
fn entry(out: &mut String, indent: usize, key: &str, value: &Value, top: bool) {
    pad(out, indent);
    out.push_str(&plain_or_quoted(key, false));
    out.push(':');
    match value {
        Value::Array(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Array(items) if items.iter().all(is_scalar) => {
            out.push_str(" [");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&scalar(item, true));
            }
            out.push_str("]\n");
        }
        Value::Array(items) => {
            out.push('\n');
            for (i, item) in items.iter().enumerate() {
                if top && i > 0 {
                    out.push('\n');
                }
                list_item(out, indent + 2, item);
            }
        }
        Value::Object(map) if map.is_empty() => out.push_str(" {}\n"),
        Value::Object(map) if map.len() <= 3 && map.values().all(is_number) => {
            out.push_str(" { ");
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&plain_or_quoted(k, true));
                out.push_str(": ");
                out.push_str(&scalar(v, true));
            }
            out.push_str(" }\n");
        }
        Value::Object(map) => {
            out.push('\n');
            for (k, v) in map {
                entry(out, indent + 2, k, v, false);
            }
        }
        Value::String(text) if folds(text, indent) => {
            out.push_str(" >-\n");
            fold_lines(out, indent + 2, text);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other, false));
            out.push('\n');
        }
    }
}

/// `- ` and a mapping whose first key sits on the dash's line.
fn list_item(out: &mut String, indent: usize, item: &Value) {
    pad(out, indent);
    out.push_str("- ");
    match item {
        Value::Object(map) if !map.is_empty() => {
            let mut first = true;
            for (k, v) in map {
                if first {
                    // `entry` pads; the dash already stands in for the indentation.
                    let mut line = String::new();
                    entry(&mut line, indent + 2, k, v, false);
                    out.push_str(&line[indent + 2..]);
                    first = false;
                } else {
                    entry(out, indent + 2, k, v, false);
                }
            }
        }
        other => {
            out.push_str(&scalar(other, false));
            out.push('\n');
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn is_number(value: &Value) -> bool {
    matches!(value, Value::Number(_))
}

fn scalar(value: &Value, flow: bool) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => plain_or_quoted(s, flow),
        Value::Array(_) | Value::Object(_) => String::new(),
    }
}

/// A long single-line text of plain words is folded over several lines.
fn folds(text: &str, indent: usize) -> bool {
    text.chars().count() + indent > 80
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text.chars().any(|c| c.is_control() || is_line_break(c))
}

fn fold_lines(out: &mut String, indent: usize, text: &str) {
    let mut width = 0;
    for (i, word) in text.split(' ').enumerate() {
        let len = word.chars().count();
        if i == 0 {
            pad(out, indent);
            width = indent;
        } else if width + 1 + len > WIDTH {
            out.push('\n');
            pad(out, indent);
            width = indent;
        } else {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += len;
    }
    out.push('\n');
}

/// Characters some YAML readers take as line breaks.
fn is_line_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// `text` unquoted when it reads back as the same string, else double-quoted.
fn plain_or_quoted(text: &str, flow: bool) -> String {
    if is_plain_safe(text, flow) {
        text.to_string()
    } else {
        quoted(text)
    }
}

fn is_plain_safe(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace() {
        return false;
    }
    if text.ends_with(|c: char| c.is_whitespace() || c == ':')
        || text.contains(": ")
        || text.contains(" #")
        || text
            .chars()
            .any(|c| c.is_control() || is_line_break(c) || c == '\t')
    {
        return false;
    }
    if flow && text.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
    ) {
        return false;
    }
    // Anything that might read as a number, a date or a time: quote it.
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_hexdigit() || "+-._:xXoO".contains(c));
    !(numeric && (first.is_ascii_digit() || "+-.".contains(first)))
}

/// A double-quoted YAML string: JSON's escapes are YAML's, plus the line-break look-alikes.
fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    json.chars()
        .map(|c| {
            if is_line_break(c) {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_would_change() {
        for text in [
            "3.0",
            "2026-06-30",
            "yes",
            "a: b",
            "#x",
            "- x",
            "x #y",
            "",
            " a",
            "a,b",
        ] {
            assert!(plain_or_quoted(text, true).starts_with('"'), "{text}");
        }
        assert_eq!(plain_or_quoted("Sở Y tế", false), "Sở Y tế");
        assert_eq!(plain_or_quoted("bac-lieu.lgsp", true), "bac-lieu.lgsp");
        assert_eq!(
            plain_or_quoted("3.0 (cập nhật 2024)", false),
            "3.0 (cập nhật 2024)"
        );
    }

    #[test]
    fn tricky_texts_read_back_unchanged() {
        let texts = [
            "Hệ thống: \"mới\" #1",
            "a\nb",
            "tab\there",
            "line\u{2028}sep",
            "'single'",
            "- dash",
            "ends with colon:",
            "Một đoạn mô tả rất dài để được gấp lại thành nhiều dòng, có dấu phẩy, dấu hai chấm: và dấu # ở giữa, cùng nhiều từ nữa cho đủ dài.",
            "null",
            "0x1F",
            "1e5",
        ];
        for text in texts {
            let value = serde_json::json!({
                "model": {"id": "x", "name": text, "description": text}
            });
            let yaml = document(&["header".to_string()], &value);
            let loaded = crate::load::load_bytes("x.yaml", yaml.as_bytes())
                .unwrap_or_else(|f| panic!("{yaml}\n{:?}", f.issues));
            let info = loaded.model.info.unwrap();
            assert_eq!(info.name, text, "{yaml}");
            assert_eq!(info.description.as_deref(), Some(text), "{yaml}");
        }
    }
}
