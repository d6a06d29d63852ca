//! The JSON Schema of the model format, generated from the model types (draft 2020-12), and
//! the validation of each file against it with the jsonschema crate. Each schema error is
//! mapped back from its instance path to the YAML span, with a hint where one helps.

use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use schemars::generate::SchemaSettings;
use serde_json::Value as Json;

use super::LoadIssue;
use super::yaml::{Node, Value};
use crate::i18n::Said;
use crate::model::{FileId, ModelFile, Span};
use crate::source::Sources;
use crate::text::clip;

/// The schema as published (`schemas/`, `kientruc schema`): the format, with the rule codes
/// of the registry where codes are written (the `rules:` keys and a waiver's `rule`), in any
/// case, so that editors complete and check them.
pub fn schema_json() -> Json {
    let mut json = format_schema();
    let codes: Vec<&str> = crate::rules::ALL.iter().map(|r| r.code).collect();
    let any_case: Vec<String> = codes
        .iter()
        .map(|code| {
            code.chars()
                .map(|c| {
                    if c.is_ascii_alphabetic() {
                        format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    let rule_code = serde_json::json!({
        "type": "string",
        "description": "A rule code of `kientruc rules` (any case).",
        "anyOf": [
            {"enum": codes},
            {"pattern": format!("^(?:{})$", any_case.join("|"))}
        ]
    });
    if let Some(defs) = json.get_mut("$defs").and_then(Json::as_object_mut) {
        defs.insert("RuleCode".into(), rule_code);
        if let Some(rule) = defs
            .get_mut("Waiver")
            .and_then(|w| w.pointer_mut("/properties/rule"))
        {
            *rule = serde_json::json!({"$ref": "#/$defs/RuleCode", "description": "The rule code waived."});
        }
    }
    if let Some(rules) = json
        .pointer_mut("/properties/rules")
        .and_then(Json::as_object_mut)
    {
        rules.insert(
            "propertyNames".into(),
            serde_json::json!({"$ref": "#/$defs/RuleCode"}),
        );
    }
    json
}

/// The schema of the format alone, which the loader validates with: rule codes are resolved
/// afterwards against the registry, with a located "did you mean" (`rules::configure`).
fn format_schema() -> Json {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<ModelFile>();
    let mut json = schema.to_value();
    drop_null(&mut json);
    if let Some(object) = json.as_object_mut() {
        object.insert(
            "$id".into(),
            Json::String("https://kientruc.vn/schemas/model.schema.json".into()),
        );
    }
    json
}

/// The schema as committed in `schemas/model.schema.json` and printed by `kientruc schema`.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema_json()).unwrap_or_default();
    text.push('\n');
    text
}

/// An absent optional field is simply left out: `null` is not a value of the format, so the
/// `null` alternatives schemars adds for `Option` fields are removed (and errors stay precise).
fn drop_null(json: &mut Json) {
    match json {
        Json::Object(map) => {
            if let Some(Json::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let single = types[0].clone();
                    map.insert("type".into(), single);
                }
            }
            let any_of = map.get("anyOf").and_then(Json::as_array).cloned();
            if let Some(options) = any_of {
                let kept: Vec<Json> = options
                    .into_iter()
                    .filter(|o| o.get("type").and_then(Json::as_str) != Some("null"))
                    .collect();
                if kept.len() == 1 {
                    map.remove("anyOf");
                    if let Json::Object(inner) = &kept[0] {
                        for (k, v) in inner {
                            map.insert(k.clone(), v.clone());
                        }
                    }
                } else {
                    map.insert("anyOf".into(), Json::Array(kept));
                }
            }
            for value in map.values_mut() {
                drop_null(value);
            }
        }
        Json::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

static SCHEMA: LazyLock<Json> = LazyLock::new(format_schema);

static VALIDATOR: LazyLock<Result<jsonschema::Validator, String>> = LazyLock::new(|| {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&SCHEMA)
        .map_err(|e| e.to_string())
});

/// Files of more values than this report their first schema error only.
const MAX_VALUES_FOR_EVERY_ERROR: usize = 100_000;

/// At most this many schema errors are reported per file.
const MAX_ERRORS_PER_FILE: usize = 20;

/// Whether a file, as JSON, is valid against the schema (`None` when the schema does not
/// compile: [`validate`] then says so).
pub fn is_valid(json: &Json) -> Option<bool> {
    VALIDATOR.as_ref().ok().map(|v| v.is_valid(json))
}

/// Validates one parsed file against the schema; every error is located in the file.
pub fn validate(node: &Node, file: FileId, sources: &Sources) -> Vec<LoadIssue> {
    let validator = match &*VALIDATOR {
        Ok(validator) => validator,
        Err(error) => {
            // The schema is generated from our own types; failing to compile it is a bug.
            return vec![LoadIssue::at_path(
                sources.get(file).path.clone(),
                Said::new(
                    format!("lỗi nội bộ: không biên dịch được lược đồ mô hình: {error}"),
                    format!("internal error: the model schema does not compile: {error}"),
                ),
            )];
        }
    };
    let json = node.to_json();
    // Most files are valid: the yes/no check builds no error and is far cheaper than collecting
    // errors; only an invalid file pays for the detailed walk.
    if validator.is_valid(&json) {
        return Vec::new();
    }
    // jsonschema collects every error before handing out the first: on a file of a million
    // wrong values that is gigabytes, so a large file reports its first error only.
    let errors: Box<dyn Iterator<Item = jsonschema::ValidationError<'_>>> =
        if super::yaml::count(node) > MAX_VALUES_FOR_EVERY_ERROR {
            Box::new(validator.validate(&json).err().into_iter())
        } else {
            Box::new(validator.iter_errors(&json))
        };
    let mut issues = Vec::new();
    for error in errors {
        if issues.len() >= MAX_ERRORS_PER_FILE {
            break;
        }
        let segments: Vec<LocationSegment<'_>> = error.instance_path().segments().collect();
        let target = find(node, &segments);
        let (span, message, help) = describe(error.kind(), target, error.schema_path().as_str());
        let mut issue = LoadIssue::in_file(sources, file, span, message);
        issue.help = help;
        issues.push(issue);
    }
    issues.sort_by_key(|i| i.loc.map(|l| l.span.start));
    issues
}

fn find<'a>(node: &'a Node, segments: &[LocationSegment<'_>]) -> &'a Node {
    let mut current = node;
    for segment in segments {
        let next = match (segment, &current.value) {
            (LocationSegment::Property(name), Value::Map(_)) => current.get(name),
            (LocationSegment::Index(i), Value::Seq(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(next) => current = next,
            None => break,
        }
    }
    current
}

/// A short span for a whole mapping: its first line.
fn head(node: &Node) -> Span {
    match &node.value {
        Value::Map(entries) => match entries.first() {
            Some((key, value)) => {
                let end = if value.span.start >= key.span.end
                    && !matches!(value.value, Value::Map(_) | Value::Seq(_))
                {
                    value.span.end
                } else {
                    key.span.end
                };
                Span {
                    start: key.span.start,
                    end,
                }
            }
            None => node.span,
        },
        _ => node.span,
    }
}

/// Allowed property names of the object schema at `schema_path` (minus its last segment).
fn allowed_keys(schema_path: &str) -> Vec<String> {
    let parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
    SCHEMA
        .pointer(parent)
        .and_then(|s| s.get("properties"))
        .and_then(Json::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

fn describe(
    kind: &ValidationErrorKind,
    node: &Node,
    schema_path: &str,
) -> (Span, Said, Option<Said>) {
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let full_name = unexpected.first().cloned().unwrap_or_default();
            let span = node.key(&full_name).map_or(node.span, |k| k.span);
            let name = clip(&full_name).into_owned();
            let allowed = allowed_keys(schema_path);
            let help = super::de::suggest_help(&full_name, allowed.iter().map(String::as_str));
            let mut list = unexpected
                .iter()
                .take(5)
                .map(|k| format!("`{}`", clip(k)))
                .collect::<Vec<_>>()
                .join(", ");
            if unexpected.len() > 5 {
                list.push_str(", …");
            }
            let message = if unexpected.len() > 1 {
                Said::new(
                    format!("các khoá không hợp lệ {list}"),
                    format!("unknown keys {list}"),
                )
            } else {
                Said::new(
                    format!("khoá không hợp lệ `{name}`"),
                    format!("unknown key `{name}`"),
                )
            };
            (span, message, Some(help))
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            (
                head(node),
                Said::new(
                    format!("thiếu khoá `{name}`"),
                    format!("missing key `{name}`"),
                ),
                Some(Said::new(
                    format!("hãy thêm `{name}:` vào phần tử này"),
                    format!("add `{name}:` to this element"),
                )),
            )
        }
        ValidationErrorKind::Enum { options } => {
            let full = node.scalar_text();
            let found = clip(&full).into_owned();
            let options: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            let help = match (&node.value, options.as_slice()) {
                (Value::Float(_), ["3.0"]) => Said::new(
                    "hãy viết phiên bản trong ngoặc kép: \"3.0\"",
                    "write the version in quotes: \"3.0\"",
                ),
                _ => super::de::suggest_help(&full, options.iter().copied()),
            };
            (
                node.span,
                Said::new(
                    format!("`{found}` không phải giá trị được phép ở đây"),
                    format!("`{found}` is not an allowed value here"),
                ),
                Some(help),
            )
        }
        ValidationErrorKind::Pattern { .. } => {
            let found = clip(&node.scalar_text()).into_owned();
            let folded = crate::text::id_from_name(&found);
            let help = if let Some(help) = lookalike_help(&found) {
                help
            } else if folded.is_empty() || folded == found {
                Said::new(
                    "mã chỉ gồm chữ ASCII thường, chữ số và `-`, các đoạn cách nhau bằng `.` (ví dụ `so-y-te`); tên tiếng Việt đặt ở `name`",
                    "ids use lower-case ASCII letters, digits and `-`, in segments separated by `.` (e.g. `so-y-te`); Vietnamese text goes in `name`",
                )
            } else {
                Said::new(
                    format!(
                        "mã phải là ASCII (tên tiếng Việt đặt ở `name`): có thể là `{folded}`?"
                    ),
                    format!("ids are ASCII (Vietnamese text goes in `name`): perhaps `{folded}`?"),
                )
            };
            (
                node.span,
                Said::new(
                    format!("`{found}` không phải mã định danh hợp lệ"),
                    format!("`{found}` is not a valid id"),
                ),
                Some(help),
            )
        }
        ValidationErrorKind::Type { kind } => {
            let wanted = format!("{kind:?}").to_lowercase();
            let wanted = wanted
                .trim_start_matches("single(")
                .trim_end_matches(')')
                .to_string();
            let text = clip(&node.scalar_text()).into_owned();
            let help = match (&node.value, wanted.as_str()) {
                (Value::Float(_) | Value::Int(_) | Value::Bool(_), w) if w.contains("string") => {
                    Some(Said::new(
                        format!("hãy viết trong ngoặc kép: \"{text}\""),
                        format!("write it in quotes: \"{text}\""),
                    ))
                }
                (Value::Str(_), w) if w.contains("array") => Some(Said::new(
                    format!("hãy viết dạng danh sách: [{text}]"),
                    format!("write a list: [{text}]"),
                )),
                (Value::Null, _) => Some(Said::new(
                    "hãy ghi giá trị, hoặc xoá khoá này",
                    "give a value, or remove the key",
                )),
                _ => None,
            };
            let (wanted_vi, wanted_en) = describe_type(&wanted);
            let (found_vi, found_en) = (kind_vi(&node.value), node.value.kind());
            (
                node.span,
                Said::new(
                    format!("cần {wanted_vi}, nhưng gặp {found_vi}"),
                    format!("expected {wanted_en}, found {found_en}"),
                ),
                help,
            )
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit } => (
            node.span,
            Said::new(
                format!(
                    "`{}` nằm ngoài khoảng cho phép (giới hạn {limit})",
                    clip(&node.scalar_text())
                ),
                format!(
                    "`{}` is out of range (limit {limit})",
                    clip(&node.scalar_text())
                ),
            ),
            schema_path.contains("security_level").then(|| {
                Said::new(
                    "cấp độ an toàn từ 1 đến 5 (Nghị định 85/2016)",
                    "security levels go from 1 to 5 (Nghị định 85/2016)",
                )
            }),
        ),
        ValidationErrorKind::Format { format } if format == "date" => (
            node.span,
            Said::new(
                format!("`{}` không phải ngày hợp lệ", clip(&node.scalar_text())),
                format!("`{}` is not a date", clip(&node.scalar_text())),
            ),
            Some(Said::new(
                "hãy viết ngày dạng YYYY-MM-DD, ví dụ 2025-12-31",
                "write dates as YYYY-MM-DD, e.g. 2025-12-31",
            )),
        ),
        other => (
            node.span,
            Said::new(
                format!(
                    "`{}` không đúng định dạng mô hình ({})",
                    clip(&node.scalar_text()),
                    clip(&format!("{other:?}"))
                ),
                format!(
                    "`{}` does not fit the model format ({})",
                    clip(&node.scalar_text()),
                    clip(&format!("{other:?}"))
                ),
            ),
            None,
        ),
    }
}

fn kind_vi(value: &Value) -> &'static str {
    match value {
        Value::Null => "giá trị rỗng",
        Value::Bool(_) => "giá trị đúng/sai",
        Value::Int(_) => "số nguyên",
        Value::Float(_) => "số",
        Value::Str(_) => "chuỗi",
        Value::Seq(_) => "danh sách",
        Value::Map(_) => "ánh xạ",
    }
}

/// Cyrillic and Greek letters that look like the Latin letters of an id.
const LOOKALIKES: &[(char, char, Script)] = &[
    ('а', 'a', Script::Cyrillic),
    ('е', 'e', Script::Cyrillic),
    ('о', 'o', Script::Cyrillic),
    ('р', 'p', Script::Cyrillic),
    ('с', 'c', Script::Cyrillic),
    ('у', 'y', Script::Cyrillic),
    ('х', 'x', Script::Cyrillic),
    ('і', 'i', Script::Cyrillic),
    ('ј', 'j', Script::Cyrillic),
    ('ѕ', 's', Script::Cyrillic),
    ('ԁ', 'd', Script::Cyrillic),
    ('һ', 'h', Script::Cyrillic),
    ('ο', 'o', Script::Greek),
    ('α', 'a', Script::Greek),
    ('ν', 'v', Script::Greek),
    ('ι', 'i', Script::Greek),
    ('κ', 'k', Script::Greek),
    ('τ', 't', Script::Greek),
];

#[derive(Clone, Copy)]
enum Script {
    Cyrillic,
    Greek,
}

/// For an id that would be valid but for letters that only look Latin: which, and the fix.
fn lookalike_help(found: &str) -> Option<Said> {
    let mut fixed = String::with_capacity(found.len());
    let mut first = None;
    for (position, c) in found.chars().enumerate() {
        match LOOKALIKES.iter().find(|(l, _, _)| *l == c) {
            Some(&(l, latin, script)) => {
                first.get_or_insert((position + 1, l, latin, script));
                fixed.push(latin);
            }
            None => fixed.push(c),
        }
    }
    let (position, l, latin, script) = first?;
    let (vi, en) = match script {
        Script::Cyrillic => ("Kirin", "Cyrillic"),
        Script::Greek => ("Hy Lạp", "Greek"),
    };
    let code = l as u32;
    Some(Said::new(
        format!(
            "ký tự thứ {position} của mã, `{l}` (U+{code:04X}), là chữ {vi} trông giống chữ Latinh `{latin}`: hãy gõ lại mã bằng ASCII, `{fixed}`"
        ),
        format!(
            "character {position} of the id, `{l}` (U+{code:04X}), is a {en} letter that looks like the Latin `{latin}`: retype the id in ASCII, `{fixed}`"
        ),
    ))
}

fn describe_type(wanted: &str) -> (String, String) {
    let (vi, en) = match wanted {
        "string" => ("chuỗi", "a string"),
        "array" => ("danh sách", "a list"),
        "object" => ("ánh xạ", "a mapping"),
        "integer" => ("số nguyên", "an integer"),
        "boolean" => ("true hoặc false", "true or false"),
        "number" => ("số", "a number"),
        other => (other, other),
    };
    (vi.to_string(), en.to_string())
}
