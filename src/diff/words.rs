//! Changes in words: a changed field as what changed ("phụ thuộc vào: thêm `dc-tinh`",
//! "trạng thái: đang vận hành → sắp dừng"), an affected element as why. Ids and values are
//! code spans (balanced backticks), free text from the model is plain with its backticks
//! replaced, so Markdown can keep the code spans and escape the rest.

use serde_json::Value;

use super::{Affected, FieldChange, Reach};
use crate::i18n::{Lang, money, tr};

/// The text of `key`, or `None` when the catalogue has no such key.
fn known(lang: Lang, key: &str, args: &[(&str, &str)]) -> Option<String> {
    let text = tr(lang, key, args);
    (text != key).then_some(text)
}

/// Free text from the model, safe beside code spans.
fn plain(text: &str) -> String {
    text.replace('`', "'")
}

/// A value as code (ids, enum words, dates).
fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

/// How many characters of a long text are shown.
const SHORT: usize = 60;

fn shorten(text: &str) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > SHORT {
        let cut: String = text.chars().take(SHORT).collect();
        format!("{}…", cut.trim_end())
    } else {
        text
    }
}

/// A value in a short readable form: strings as they are, lists joined by commas, objects
/// as `key: value`, never JSON with quotes.
fn short(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => shorten(s),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(short).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", short(v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn label(lang: Lang, field: &str) -> String {
    known(lang, &format!("diff.field.{field}"), &[]).unwrap_or_else(|| code(field))
}

fn absent(lang: Lang) -> String {
    tr(lang, "diff.absent", &[])
}

fn scalar(lang: Lang, field: &str, old: String, new: String) -> String {
    tr(
        lang,
        "diff.scalar",
        &[("field", &label(lang, field)), ("old", &old), ("new", &new)],
    )
}

/// Fields whose value is the id of another element.
const REFERENCES: &[&str] = &[
    "owner",
    "hosted_on",
    "parent",
    "successor",
    "project",
    "platform",
    "authority",
    "origin",
    "layer",
    "level",
    "funding",
];

fn status_word(lang: Lang, value: &Value) -> String {
    let raw = short(value);
    known(lang, &format!("status.{raw}"), &[]).unwrap_or_else(|| code(&raw))
}

fn amount(lang: Lang, value: &Value, yearly: bool) -> String {
    match value.as_u64() {
        Some(n) => tr(
            lang,
            if yearly {
                "diff.amount_yearly"
            } else {
                "diff.amount"
            },
            &[("amount", &money(lang, n))],
        ),
        None => plain(&short(value)),
    }
}

/// `value` shown with `show`, or "(absent)".
fn either(lang: Lang, value: Option<&Value>, show: &dyn Fn(&Value) -> String) -> String {
    match value {
        Some(v) if !v.is_null() => show(v),
        _ => absent(lang),
    }
}

fn items(values: &[&Value], show: &dyn Fn(&Value) -> String) -> String {
    values
        .iter()
        .map(|v| show(v))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The items of `old` not in `new` and of `new` not in `old`, in their order.
fn list_difference<'v>(old: &'v [Value], new: &'v [Value]) -> (Vec<&'v Value>, Vec<&'v Value>) {
    let dropped = old.iter().filter(|v| !new.contains(v)).collect();
    let added = new.iter().filter(|v| !old.contains(v)).collect();
    (added, dropped)
}

fn integration(lang: Lang, value: &Value) -> String {
    let field = |name: &str| value.get(name).map(short).unwrap_or_default();
    let to = field("to");
    let mut text = match value.get("via") {
        Some(via) => tr(
            lang,
            "diff.integration",
            &[("to", &plain(&to)), ("via", &plain(&short(via)))],
        ),
        None => tr(lang, "diff.integration.direct", &[("to", &plain(&to))]),
    };
    let mut extra = Vec::new();
    if let Some(Value::Array(data)) = value.get("data")
        && !data.is_empty()
    {
        let list = data.iter().map(|d| code(&short(d))).collect::<Vec<_>>();
        extra.push(tr(
            lang,
            "diff.integration.data",
            &[("items", &list.join(", "))],
        ));
    }
    if let Some(until) = value.get("temporary_until") {
        extra.push(tr(
            lang,
            "diff.integration.until",
            &[("date", &short(until))],
        ));
    }
    if !extra.is_empty() {
        text.push_str(&format!(" ({})", extra.join("; ")));
    }
    text
}

fn as_list(value: Option<&Value>) -> Vec<Value> {
    match value {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.clone()],
    }
}

/// A list field as what was added and what was removed.
fn list(lang: Lang, field: &str, old: Option<&Value>, new: Option<&Value>) -> Vec<String> {
    let (old, new) = (as_list(old), as_list(new));
    let (added, dropped) = list_difference(&old, &new);
    let mut out = Vec::new();
    if field == "integrations" {
        for (values, key) in [(&added, "diff.add"), (&dropped, "diff.drop")] {
            for value in values {
                out.push(tr(lang, key, &[("what", &integration(lang, value))]));
            }
        }
        return out;
    }
    let show = |v: &Value| code(&short(v));
    for (values, key) in [(&added, "diff.list.add"), (&dropped, "diff.list.drop")] {
        if !values.is_empty() {
            out.push(tr(
                lang,
                key,
                &[
                    ("field", &label(lang, field)),
                    ("items", &items(values, &show)),
                ],
            ));
        }
    }
    if out.is_empty() && old != new {
        // Same items, another order.
        out.push(scalar(
            lang,
            field,
            items(&old.iter().collect::<Vec<_>>(), &show),
            items(&new.iter().collect::<Vec<_>>(), &show),
        ));
    }
    out
}

/// An object field (`data`, `cost`) as the changes of its own fields.
fn object(lang: Lang, field: &str, old: Option<&Value>, new: Option<&Value>) -> Vec<String> {
    let empty = serde_json::Map::new();
    let old_map = old.and_then(Value::as_object).unwrap_or(&empty);
    let new_map = new.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = old_map.keys().chain(new_map.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        let (o, n) = (old_map.get(key), new_map.get(key));
        if o == n {
            continue;
        }
        match (field, key.as_str()) {
            ("cost", "capex" | "opex") => {
                let yearly = key == "opex";
                let show = |v: &Value| amount(lang, v, yearly);
                out.push(scalar(
                    lang,
                    key,
                    either(lang, o, &show),
                    either(lang, n, &show),
                ));
            }
            _ => out.extend(value_change(lang, key, o, n)),
        }
    }
    out
}

/// One field's change in words (one or more phrases).
fn value_change(lang: Lang, field: &str, old: Option<&Value>, new: Option<&Value>) -> Vec<String> {
    let is = |f: fn(&Value) -> bool| old.is_some_and(f) || new.is_some_and(f);
    match field {
        "status" => vec![scalar(
            lang,
            field,
            either(lang, old, &|v| status_word(lang, v)),
            either(lang, new, &|v| status_word(lang, v)),
        )],
        "budget" => {
            let show = |v: &Value| amount(lang, v, false);
            vec![scalar(
                lang,
                field,
                either(lang, old, &show),
                either(lang, new, &show),
            )]
        }
        // The model's own words, in quotation marks so a reader tells them from the report's.
        "name" | "description" | "source" => {
            let show = |v: &Value| format!("“{}”", plain(&short(v)));
            vec![scalar(
                lang,
                field,
                either(lang, old, &show),
                either(lang, new, &show),
            )]
        }
        _ if REFERENCES.contains(&field) => {
            let show = |v: &Value| code(&short(v));
            vec![scalar(
                lang,
                field,
                either(lang, old, &show),
                either(lang, new, &show),
            )]
        }
        _ if is(Value::is_array) => list(lang, field, old, new),
        _ if is(Value::is_object) && field != "uncertain" => object(lang, field, old, new),
        _ => {
            let show = |v: &Value| plain(&short(v));
            vec![scalar(
                lang,
                field,
                either(lang, old, &show),
                either(lang, new, &show),
            )]
        }
    }
}

/// A changed field in words.
pub fn change(lang: Lang, change: &FieldChange) -> String {
    let (old, new) = (change.old.as_ref(), change.new.as_ref());
    let phrases = value_change(lang, &change.field, old, new);
    if phrases.is_empty() {
        // An empty list or object for an absent one: say it as it is.
        let show = |v: &Value| plain(&short(v));
        return scalar(
            lang,
            &change.field,
            either(lang, old, &show),
            either(lang, new, &show),
        );
    }
    phrases.join("; ")
}

/// Why an element is affected, in words (ids as code spans).
pub fn because(lang: Lang, affected: &Affected) -> String {
    let r = &affected.relation;
    let relation = tr(
        lang,
        &format!("diff.rel.{}", r.kind),
        &[("a", &r.source), ("b", &r.target)],
    );
    let path = code(&affected.path.join(" → "));
    match affected.reach {
        Reach::Uses if affected.path.len() <= 2 => {
            let state = if affected.cause_removed {
                "diff.state.removed"
            } else {
                "diff.state.changed"
            };
            tr(
                lang,
                "diff.because.direct",
                &[("relation", &relation), ("state", &tr(lang, state, &[]))],
            )
        }
        Reach::Uses => {
            let event = if affected.cause_removed {
                "diff.event.removed"
            } else {
                "diff.event.changed"
            };
            tr(
                lang,
                "diff.because.path",
                &[
                    ("relation", &relation),
                    ("path", &path),
                    ("cause", &affected.cause),
                    ("event", &tr(lang, event, &[])),
                ],
            )
        }
        Reach::EdgeAdded => tr(lang, "diff.because.added", &[("relation", &relation)]),
        Reach::EdgeRemoved => tr(lang, "diff.because.removed", &[("relation", &relation)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn words(lang: Lang, field: &str, old: Value, new: Value) -> String {
        let none = |v: Value| (!v.is_null()).then_some(v);
        change(
            lang,
            &FieldChange {
                field: field.into(),
                old: none(old),
                new: none(new),
            },
        )
    }

    #[test]
    fn each_kind_of_field_in_words() {
        let vi = Lang::Vi;
        let en = Lang::En;
        assert_eq!(
            words(vi, "status", json!("operational"), json!("retired")),
            "trạng thái: đang vận hành → đã dừng"
        );
        assert_eq!(
            words(en, "status", json!("operational"), json!("retired")),
            "status: operational → retired"
        );
        assert_eq!(
            words(
                vi,
                "depends_on",
                json!(["lgsp"]),
                json!(["dc-tinh", "lgsp"])
            ),
            "phụ thuộc vào: thêm `dc-tinh`"
        );
        assert_eq!(
            words(en, "depends_on", json!(["lgsp", "x"]), json!(["y"])),
            "depends on: added `y`; depends on: removed `lgsp`, `x`"
        );
        let old = json!([{"to": "gis", "data": ["nen"]}]);
        let new = json!([{"to": "vn.csdl-dat-dai", "via": "lgsp", "data": ["dat"]}, {"to": "gis", "data": ["nen"]}]);
        assert_eq!(
            words(vi, "integrations", old.clone(), new.clone()),
            "thêm tích hợp tới `vn.csdl-dat-dai` qua `lgsp` (dữ liệu `dat`)"
        );
        assert_eq!(
            words(en, "integrations", new, old),
            "removed integration with `vn.csdl-dat-dai` through `lgsp` (data `dat`)"
        );
        assert_eq!(
            words(
                en,
                "integrations",
                json!(null),
                json!([{"to": "b", "temporary_until": "2026-06-30"}])
            ),
            "added direct integration with `b` (temporary until 2026-06-30)"
        );
        assert_eq!(
            words(
                vi,
                "cost",
                json!({"capex": 3000000000u64, "opex": 300000000u64}),
                json!({"capex": 3500000000u64})
            ),
            "vốn đầu tư: 3.000.000.000 đồng → 3.500.000.000 đồng; \
             chi phí vận hành: 300.000.000 đồng/năm → (không có)"
        );
        assert_eq!(
            words(en, "cost", json!(null), json!({"capex": 1000})),
            "capex: (absent) → 1,000 VND"
        );
        assert_eq!(
            words(en, "budget", json!(5000), json!(6000)),
            "budget: 5,000 VND → 6,000 VND"
        );
        assert_eq!(
            words(vi, "security_level", json!(2), json!(3)),
            "cấp độ an toàn: 2 → 3"
        );
        assert_eq!(
            words(en, "hosted_on", json!("dc-tinh"), json!("phong-may")),
            "hosted on: `dc-tinh` → `phong-may`"
        );
        assert_eq!(
            words(vi, "owner", json!("so-a"), json!("so-b")),
            "cơ quan chủ quản: `so-a` → `so-b`"
        );
        assert_eq!(
            words(vi, "name", json!("Hệ thống \"cũ\""), json!("Hệ `mới`")),
            "tên: “Hệ thống \"cũ\"” → “Hệ 'mới'”"
        );
        assert_eq!(
            words(
                vi,
                "data",
                json!({"master": ["a"]}),
                json!({"master": ["a"], "read": ["b"], "copy": []})
            ),
            "đọc dữ liệu: thêm `b`"
        );
        assert_eq!(
            words(
                en,
                "data",
                json!({"master": ["a"], "copy": ["c"]}),
                json!({})
            ),
            "keeps a copy of: removed `c`; masters: removed `a`"
        );
        // Unknown fields: their name as code, values short and without JSON quotes.
        assert_eq!(
            words(
                en,
                "uncertain",
                json!(null),
                json!({"reason": "chưa rõ", "by": "x"})
            ),
            "`uncertain`: (absent) → reason: chưa rõ, by: x"
        );
        assert_eq!(words(en, "wat", json!("a"), json!(true)), "`wat`: a → true");
        assert_eq!(
            words(en, "status", json!("in-progress"), json!("completed")),
            "status: in progress → completed"
        );
        assert_eq!(
            words(vi, "status", json!("odd"), json!("proposed")),
            "trạng thái: `odd` → đề xuất"
        );
        let long = "x ".repeat(80);
        let text = words(en, "description", json!(null), json!(long));
        assert!(text.ends_with("…”") && text.chars().count() < 90, "{text}");
    }
}
