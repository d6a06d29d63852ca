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
use crate::model::{FileId, ModelFile, Span};
use crate::source::Sources;

/// The schema as a JSON value.
pub fn schema_json() -> Json {
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

static SCHEMA: LazyLock<Json> = LazyLock::new(schema_json);

static VALIDATOR: LazyLock<Result<jsonschema::Validator, String>> = LazyLock::new(|| {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&SCHEMA)
        .map_err(|e| e.to_string())
});

/// At most this many schema errors are reported per file.
const MAX_ERRORS_PER_FILE: usize = 20;

pub(super) fn validate(node: &Node, file: FileId, sources: &Sources) -> Vec<LoadIssue> {
    let validator = match &*VALIDATOR {
        Ok(validator) => validator,
        Err(error) => {
            // The schema is generated from our own types; failing to compile it is a bug.
            return vec![LoadIssue::at_path(
                sources.get(file).path.clone(),
                format!("internal error: the model schema does not compile: {error}"),
            )];
        }
    };
    let json = node.to_json();
    let mut issues = Vec::new();
    for error in validator.iter_errors(&json) {
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
) -> (Span, String, Option<String>) {
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let name = unexpected.first().cloned().unwrap_or_default();
            let span = node.key(&name).map_or(node.span, |k| k.span);
            let allowed = allowed_keys(schema_path);
            let help = super::de::suggest_help(&name, allowed.iter().map(String::as_str));
            let message = if unexpected.len() > 1 {
                format!(
                    "unknown keys {}",
                    unexpected
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                format!("unknown key `{name}`")
            };
            (span, message, Some(help))
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            (
                head(node),
                format!("missing key `{name}`"),
                Some(format!("add `{name}:` to this element")),
            )
        }
        ValidationErrorKind::Enum { options } => {
            let found = node.scalar_text();
            let options: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            let help = super::de::suggest_help(&found, options.iter().copied());
            let help = match (&node.value, options.as_slice()) {
                (Value::Float(_), ["3.0"]) => "write the version in quotes: \"3.0\"".to_string(),
                _ => help,
            };
            (
                node.span,
                format!("`{found}` is not an allowed value here"),
                Some(help),
            )
        }
        ValidationErrorKind::Pattern { .. } => {
            let found = node.scalar_text();
            let folded = crate::text::id_from_name(&found);
            let help = if folded.is_empty() || folded == found {
                "ids use lower-case ASCII letters, digits and `-`, in segments separated by `.` (e.g. `so-y-te`); Vietnamese text goes in `name`".to_string()
            } else {
                format!("ids are ASCII (Vietnamese text goes in `name`): perhaps `{folded}`?")
            };
            (
                node.span,
                format!("`{found}` is not a valid id"),
                Some(help),
            )
        }
        ValidationErrorKind::Type { kind } => {
            let wanted = format!("{kind:?}").to_lowercase();
            let wanted = wanted
                .trim_start_matches("single(")
                .trim_end_matches(')')
                .to_string();
            let help = match (&node.value, wanted.as_str()) {
                (Value::Float(_) | Value::Int(_) | Value::Bool(_), w) if w.contains("string") => {
                    Some(format!("write it in quotes: \"{}\"", node.scalar_text()))
                }
                (Value::Str(_), w) if w.contains("array") => {
                    Some(format!("write a list: [{}]", node.scalar_text()))
                }
                (Value::Null, _) => Some("give a value, or remove the key".to_string()),
                _ => None,
            };
            (
                node.span,
                format!(
                    "expected {}, found {}",
                    describe_type(&wanted),
                    node.value.kind()
                ),
                help,
            )
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit } => (
            node.span,
            format!("`{}` is out of range (limit {limit})", node.scalar_text()),
            schema_path
                .contains("security_level")
                .then(|| "security levels go from 1 to 5 (Nghị định 85/2016)".to_string()),
        ),
        ValidationErrorKind::Format { format } if format == "date" => (
            node.span,
            format!("`{}` is not a date", node.scalar_text()),
            Some("write dates as YYYY-MM-DD, e.g. 2025-12-31".into()),
        ),
        other => (node.span, jsonschema_message(other, node), None),
    }
}

fn describe_type(wanted: &str) -> String {
    match wanted {
        "string" => "a string".into(),
        "array" => "a list".into(),
        "object" => "a mapping".into(),
        "integer" => "an integer".into(),
        "boolean" => "true or false".into(),
        "number" => "a number".into(),
        other => other.to_string(),
    }
}

fn jsonschema_message(kind: &ValidationErrorKind, node: &Node) -> String {
    format!(
        "`{}` does not fit the model format ({kind:?})",
        node.scalar_text()
    )
}
