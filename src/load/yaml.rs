//! The only room that knows the YAML library. It turns the text of one file into a [`Node`]
//! tree that keeps the byte span of every value, and guards against hostile input: alias
//! bombs, deep nesting, tags, merge keys, duplicate keys and several documents in one file are
//! refused with a located error. It knows nothing of the model format.
//!
//! The parser is `saphyr-parser`, the maintained successor of yaml-rust (YAML 1.2), used at the
//! event level: serde_yaml is deprecated and keeps no spans.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span as YamlSpan};

use crate::i18n::Said;
use crate::model::Span;

/// How deep collections may nest: the format needs six levels; anything far beyond is hostile.
pub const MAX_DEPTH: usize = 64;
/// How many nodes alias expansion may add on top of what the text spells out.
const MAX_ALIAS_NODES: usize = 100_000;
/// How many values (scalars, lists, mappings, alias copies) one file may hold. A value costs
/// about 100–300 bytes while the file is checked (its node, its JSON copy for the schema,
/// schema errors), whatever its length in the text: `[1,1,1,…]` spends 2 bytes of text per
/// value. A real file holds one value per 8–15 bytes, so this allows files of 16–30 MB.
pub const MAX_FILE_NODES: usize = 2_000_000;

/// One YAML value with its span.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys are scalars; their order is kept.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// A word for error messages: what was found.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The key node of `key` in a mapping (to underline the key itself).
    pub fn key(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, _)| k),
            _ => None,
        }
    }

    /// Converts to JSON for schema validation; keys become strings.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.scalar_text(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// [`Node::to_json`], taking the node apart: its strings move into the JSON value instead
    /// of being copied.
    pub fn into_json(self) -> serde_json::Value {
        use serde_json::Value as J;
        match self.value {
            Value::Str(s) => J::String(s),
            Value::Seq(items) => J::Array(items.into_iter().map(Node::into_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let key = match k.value {
                            Value::Str(s) => s,
                            _ => k.scalar_text(),
                        };
                        (key, v.into_json())
                    })
                    .collect(),
            ),
            _ => self.to_json(),
        }
    }

    /// The text of a scalar key, borrowed when it is a string.
    fn key_text(&self) -> Cow<'_, str> {
        match &self.value {
            Value::Str(s) => Cow::Borrowed(s),
            _ => Cow::Owned(self.scalar_text()),
        }
    }

    /// The text of a scalar key as written (numbers and booleans too).
    pub fn scalar_text(&self) -> String {
        match &self.value {
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => format!("{f:?}"),
            Value::Str(s) => s.clone(),
            Value::Seq(_) | Value::Map(_) => String::new(),
        }
    }
}

/// A YAML error at a byte span, with an optional hint and a second place.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub span: Span,
    pub message: Said,
    pub help: Option<Box<Said>>,
    pub other: Option<Box<(Span, Said)>>,
}

impl YamlError {
    fn new(span: Span, message: Said) -> Self {
        YamlError {
            span,
            message,
            help: None,
            other: None,
        }
    }
    fn help(mut self, help: Said) -> Self {
        self.help = Some(Box::new(help));
        self
    }
}

/// Converts the parser's character positions to byte offsets.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    /// The last position converted (character index, byte offset): the parser's positions
    /// mostly move forward, so each conversion walks on from the previous one (a step back, as
    /// from a token's end to the next one's start, walks back): linear in the text overall.
    last: Cell<(usize, usize)>,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            last: Cell::new((0, 0)),
        }
    }

    fn byte(&self, marker: &Marker) -> usize {
        let target = marker.index();
        if self.ascii {
            return target.min(self.text.len());
        }
        let (chars, byte) = self.last.get();
        let found = if target >= chars {
            let mut walk = self.text[byte..].char_indices().map(|(i, _)| byte + i);
            walk.nth(target - chars)
        } else {
            let mut walk = self.text[..byte].char_indices().rev().map(|(i, _)| i);
            walk.nth(chars - target - 1)
        };
        match found {
            Some(found) => {
                self.last.set((target, found));
                found
            }
            // At or past the end (or before the start): not a place to walk on from.
            None if target >= chars => self.text.len(),
            None => 0,
        }
    }

    fn span(&self, span: &YamlSpan) -> Span {
        Span::new(self.byte(&span.start), self.byte(&span.end))
    }
}

enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        /// The keys so far, by text, once the mapping is large (small ones are scanned).
        keys: Option<HashMap<String, Span>>,
    },
}

/// Mappings up to this many entries look for a duplicate key by scanning them.
const SCAN_KEYS: usize = 16;

/// Parses one file. An empty file (or one holding only comments) gives `None`.
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    parse_within(text, MAX_FILE_NODES).map(|(node, _)| node)
}

/// [`parse`], allowed at most `budget` values (see [`MAX_FILE_NODES`]); also says how many
/// values the file holds.
pub fn parse_within(text: &str, budget: usize) -> Result<(Option<Node>, usize), YamlError> {
    let offsets = Offsets::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut nodes = 0usize;
    let mut alias_nodes = 0usize;

    while let Some(next) = parser.next_event() {
        let (event, yspan) = next.map_err(|e| {
            let at = offsets.byte(e.marker());
            if e.info().contains("recursion limit") {
                return too_deep(Span::new(at, at));
            }
            if let Some(tab) = tab_near(text, at, e.info().contains("tab")) {
                return tab_error(tab);
            }
            YamlError::new(
                Span::new(at, at),
                Said::new(
                    format!("YAML không hợp lệ: {}", e.info()),
                    format!("invalid YAML: {}", e.info()),
                ),
            )
        })?;
        let span = offsets.span(&yspan);
        if nodes + alias_nodes > budget {
            return Err(too_many(span, budget));
        }
        let completed: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError::new(
                        span,
                        Said::new("tài liệu YAML thứ hai trong cùng một tệp", "a second YAML document in one file"),
                    )
                    .help(Said::new("mỗi tệp mô hình chỉ chứa một tài liệu: xoá dòng `---` hoặc chuyển phần sau sang tệp khác", "a model file holds one document: remove the `---` line or move the rest to a file of its own")));
                }
                None
            }
            Event::Alias(id) => {
                let Some((node, size)) = anchors.get(&id) else {
                    return Err(YamlError::new(
                        span,
                        Said::new(
                            "bí danh (alias) trỏ tới neo (anchor) không tồn tại",
                            "an alias to an unknown anchor",
                        ),
                    ));
                };
                alias_nodes += size;
                if alias_nodes > MAX_ALIAS_NODES.max(nodes) {
                    return Err(YamlError::new(
                        span,
                        Said::new(
                            "các bí danh (alias) bung ra quá nhiều giá trị (bom alias?)",
                            "aliases expand to too many values (an alias bomb?)",
                        ),
                    )
                    .help(Said::new(
                        format!(
                            "bí danh chỉ được thêm tối đa {} giá trị; hãy viết rõ các phần lặp lại",
                            MAX_ALIAS_NODES.max(nodes)
                        ),
                        format!(
                            "aliases may add at most {} values; write the repeated parts out",
                            MAX_ALIAS_NODES.max(nodes)
                        ),
                    )));
                }
                let mut node = node.clone();
                node.span = span;
                Some((node, *size))
            }
            Event::Scalar(text, style, anchor, tag) => {
                nodes += 1;
                let value = scalar(text, style, tag.as_deref(), span)?;
                Some((Node { span, value }, anchor))
            }
            Event::SequenceStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), span)?;
                nodes += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(span));
                }
                stack.push(Frame::Seq {
                    start: span,
                    anchor,
                    items: Vec::new(),
                });
                None
            }
            Event::MappingStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), span)?;
                nodes += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(span));
                }
                stack.push(Frame::Map {
                    start: span,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    keys: None,
                });
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq {
                    start,
                    anchor,
                    items,
                }) => Some((
                    Node {
                        span: Span::new(start.start as usize, span.end as usize),
                        value: Value::Seq(items),
                    },
                    anchor,
                )),
                _ => {
                    return Err(YamlError::new(
                        span,
                        Said::new("kết thúc danh sách không khớp", "unbalanced sequence end"),
                    ));
                }
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map {
                    start,
                    anchor,
                    entries,
                    ..
                }) => Some((
                    Node {
                        span: Span::new(start.start as usize, span.end as usize),
                        value: Value::Map(entries),
                    },
                    anchor,
                )),
                _ => {
                    return Err(YamlError::new(
                        span,
                        Said::new("kết thúc ánh xạ không khớp", "unbalanced mapping end"),
                    ));
                }
            },
        };
        let Some((node, anchor)) = completed else {
            continue;
        };
        if anchor > 0 {
            anchors.insert(anchor, (node.clone(), count(&node)));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, key, keys, ..
            }) => match key.take() {
                None => {
                    let name = match &node.value {
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(YamlError::new(
                                node.span,
                                Said::new(
                                    "khoá của ánh xạ phải là giá trị đơn, không phải danh sách hay ánh xạ",
                                    "a mapping key must be a plain value, not a list or mapping",
                                ),
                            ));
                        }
                        _ => node.key_text(),
                    };
                    if name == "<<" && matches!(node.value, Value::Str(_)) {
                        return Err(YamlError::new(node.span, Said::new("không hỗ trợ khoá gộp YAML (`<<`)", "YAML merge keys (`<<`) are not supported"))
                            .help(Said::new("hãy viết đầy đủ các trường: mỗi điều chỉ nên nói ở một chỗ", "write the fields out in full: a model should say each thing in one place")));
                    }
                    if entries.len() >= SCAN_KEYS && keys.is_none() {
                        *keys = Some(
                            entries
                                .iter()
                                .map(|(k, _)| (k.key_text().into_owned(), k.span))
                                .collect(),
                        );
                    }
                    let first = match keys {
                        Some(keys) => keys.get(name.as_ref()).copied(),
                        None => entries
                            .iter()
                            .find(|(k, _)| k.key_text() == name)
                            .map(|(k, _)| k.span),
                    };
                    if let Some(first) = first {
                        let mut error = YamlError::new(node.span, Said::new(format!("khoá `{}` xuất hiện hai lần trong ánh xạ này", crate::text::clip(&name)), format!("the key `{}` appears twice in this mapping", crate::text::clip(&name))))
                            .help(Said::new("hãy xoá một trong hai: YAML chỉ giữ một, và kientruc không đoán ý bạn", "remove one of them: YAML keeps only one, and kientruc will not guess which you meant"));
                        error.other = Some(Box::new((
                            first,
                            Said::new("định nghĩa lần đầu tại đây", "first defined here"),
                        )));
                        return Err(error);
                    }
                    if let Some(keys) = keys {
                        keys.insert(name.into_owned(), node.span);
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }
    Ok((
        root.filter(|n| !matches!(n.value, Value::Null)),
        nodes + alias_nodes,
    ))
}

fn too_many(span: Span, budget: usize) -> YamlError {
    YamlError::new(
        span,
        Said::new(
            format!("tệp (hay mô hình) chứa quá {budget} giá trị YAML; kientruc dừng đọc tại đây"),
            format!("the file (or the model) holds more than {budget} YAML values; kientruc stops reading here"),
        ),
    )
    .help(Said::new(
        "một mô hình thật có một giá trị mỗi 8–15 byte: hãy tách mô hình thành nhiều tệp, hoặc kiểm tra xem tệp có bị sinh ra nhầm không",
        "a real model holds one value per 8–15 bytes: split the model into several files, or check whether the file was generated by mistake",
    ))
}

/// The tab the parser tripped on: the parser reports a tab where it noticed it (often at the
/// end of the line before), so the tab is looked for on the error's line and the next one;
/// `said_tab` is whether the parser's message names a tab. The other errors are left alone
/// unless a tab sits right at the error.
fn tab_near(text: &str, at: usize, said_tab: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1);
    if !said_tab {
        let near = at.saturating_sub(1)..(at + 1).min(bytes.len());
        return near.into_iter().find(|&i| bytes[i] == b'\t');
    }
    let mut end = at;
    let mut breaks = 0;
    while end < bytes.len() {
        if bytes[end] == b'\n' || bytes[end] == b'\r' {
            breaks += 1;
            if breaks == 2 {
                break;
            }
        }
        end += 1;
    }
    bytes[line_start..end]
        .iter()
        .position(|&b| b == b'\t')
        .map(|i| line_start + i)
}

fn tab_error(at: usize) -> YamlError {
    YamlError::new(
        Span::new(at, at + 1),
        Said::new(
            "ký tự tab ở đây: YAML không cho dùng tab để thụt lề hay phân cách",
            "a tab character here: YAML does not allow tabs for indentation or separation",
        ),
    )
    .help(Said::new(
        "hãy thay tab bằng dấu cách (mỗi cấp thụt lề hai dấu cách); trong trình soạn thảo, bật \"chèn dấu cách khi nhấn Tab\"",
        "replace the tab with spaces (two spaces per level of indentation); in the editor, turn on \"insert spaces for Tab\"",
    ))
}

fn too_deep(span: Span) -> YamlError {
    YamlError::new(
        span,
        Said::new(
            format!("giá trị lồng nhau sâu quá {MAX_DEPTH} cấp"),
            format!("values nest deeper than {MAX_DEPTH} levels"),
        ),
    )
    .help(Said::new(
        "một mô hình cần tối đa sáu cấp; tệp này không phải là mô hình",
        "a model needs at most six levels; this file is not a model",
    ))
}

/// How many values `node` holds, itself included (iteratively: depth is bounded by the parser,
/// but no walk here relies on it).
pub fn count(node: &Node) -> usize {
    let mut total = 0;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        total += 1;
        match &node.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    total
}

fn tag_text(tag: &saphyr_parser::Tag) -> String {
    if tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:" {
        format!("!!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

/// Tags are refused, all of them (`!!str`, `!!int`, `!!map` too): the format says what each
/// value is, and a tag would only let a file disagree with it.
fn check_collection_tag(tag: Option<&saphyr_parser::Tag>, span: Span) -> Result<(), YamlError> {
    match tag {
        Some(tag) => Err(unsupported_tag(tag, span)),
        None => Ok(()),
    }
}

fn unsupported_tag(tag: &saphyr_parser::Tag, span: Span) -> YamlError {
    YamlError::new(
        span,
        Said::new(
            format!(
                "không được dùng thẻ YAML `{}` trong mô hình",
                crate::text::clip(&tag_text(tag))
            ),
            format!(
                "the YAML tag `{}` is not allowed in a model",
                crate::text::clip(&tag_text(tag))
            ),
        ),
    )
    .help(Said::new(
        "hãy bỏ thẻ: mô hình chỉ chứa giá trị đơn, danh sách và ánh xạ",
        "remove the tag: a model holds plain values, lists and mappings only",
    ))
}

/// Resolves a scalar by the YAML 1.2 core schema (taking the parser's text without a copy).
fn scalar(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&saphyr_parser::Tag>,
    span: Span,
) -> Result<Value, YamlError> {
    if let Some(tag) = tag {
        return Err(unsupported_tag(tag, span));
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::Str(text.into_owned()));
    }
    Ok(match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        other => match number(other) {
            Some(Value::Float(f)) if f.abs() >= 9.2e18 && is_integer_text(other) => {
                return Err(too_large_number(other, span));
            }
            Some(value) => value,
            None => Value::Str(text.into_owned()),
        },
    })
}

fn is_integer_text(text: &str) -> bool {
    let digits = text.trim_start_matches(['-', '+']);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn too_large_number(text: &str, span: Span) -> YamlError {
    YamlError::new(
        span,
        Said::new(
            format!(
                "số `{}` quá lớn: kientruc đọc số nguyên tới {} (khoảng 9,2 tỷ tỷ)",
                crate::text::clip(text),
                i64::MAX
            ),
            format!(
                "the number `{}` is too large: kientruc reads whole numbers up to {} (about 9.2 × 10^18)",
                crate::text::clip(text),
                i64::MAX
            ),
        ),
    )
    .help(Said::new(
        "số tiền tính bằng đồng (VND): hãy kiểm tra lại số chữ số",
        "amounts are in VND (đồng): check the number of digits",
    ))
}

fn number(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Value::Int);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok().map(Value::Int);
    }
    let digits = text.trim_start_matches(['-', '+']);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<i64>() {
            Ok(i) => Some(Value::Int(i)),
            Err(_) => text.parse::<f64>().ok().map(Value::Float),
        };
    }
    let is_float_text = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().any(|b| b.is_ascii_digit());
    if is_float_text {
        return text.parse::<f64>().ok().map(Value::Float);
    }
    None
}

/// Runs the parser over the text and nothing else (the benchmark's baseline).
pub fn parse_events_only(text: &str) -> Result<usize, String> {
    let mut parser = Parser::new_from_str(text);
    let mut events = 0usize;
    while let Some(next) = parser.next_event() {
        next.map_err(|e| e.to_string())?;
        events += 1;
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Node {
        parse(text).expect("valid yaml").expect("not empty")
    }

    #[test]
    fn spans_are_byte_offsets_even_after_vietnamese_text() {
        let text = "a: Sở Y tế\nb: xyz\n";
        let root = parse_ok(text);
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span.start as usize..b.span.end as usize], "xyz");
    }

    /// Every value of a tree, with its key when it has one.
    fn every_value(node: &Node, out: &mut Vec<Span>) {
        out.push(node.span);
        match &node.value {
            Value::Seq(items) => items.iter().for_each(|n| every_value(n, out)),
            Value::Map(entries) => entries.iter().for_each(|(k, v)| {
                out.push(k.span);
                every_value(v, out);
            }),
            _ => {}
        }
    }

    #[test]
    fn every_span_is_the_text_of_its_value_in_any_script() {
        // Multi-byte letters before, inside and after values, a flow list whose end comes
        // after its last item, a multi-line scalar and CRLF line ends.
        let text = "tên: \"Sở Y tế\"\r\nđịa chỉ: [Bạc Liêu, Cà Mau]\r\nghi chú: một\r\n  hai ba\r\ncuối: ờ\r\n";
        let root = parse_ok(text);
        let mut spans = Vec::new();
        every_value(&root, &mut spans);
        let shown: Vec<&str> = spans
            .iter()
            .skip(1)
            .map(|s| &text[s.start as usize..s.end as usize])
            .collect();
        assert_eq!(
            shown,
            [
                "tên",
                "\"Sở Y tế\"",
                "địa chỉ",
                "[Bạc Liêu, Cà Mau]",
                "Bạc Liêu",
                "Cà Mau",
                "ghi chú",
                "một\r\n  hai ba",
                "cuối",
                "ờ"
            ]
        );
        assert_eq!(root.get("ghi chú").unwrap().as_str(), Some("một hai ba"));
    }

    #[test]
    fn core_schema_scalars() {
        let root = parse_ok("a: 12\nb: '12'\nc: off\nd: 2025-12-31\ne: 3.0\nf: ~\n");
        assert!(matches!(root.get("a").unwrap().value, Value::Int(12)));
        assert!(matches!(root.get("b").unwrap().value, Value::Str(_)));
        assert_eq!(root.get("c").unwrap().as_str(), Some("off"));
        assert_eq!(root.get("d").unwrap().as_str(), Some("2025-12-31"));
        assert!(matches!(root.get("e").unwrap().value, Value::Float(_)));
        assert!(matches!(root.get("f").unwrap().value, Value::Null));
    }

    #[test]
    fn duplicate_keys_name_both_places() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(
            err.message.en.contains("`a` appears twice"),
            "{}",
            err.message.en
        );
        assert_eq!(err.span.start, 10);
        assert_eq!(err.other.unwrap().0.start, 0);
    }

    #[test]
    fn aliases_expand_within_a_budget() {
        let root = parse_ok("a: &x [1, 2]\nb: *x\n");
        assert!(matches!(&root.get("b").unwrap().value, Value::Seq(v) if v.len() == 2));
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            bomb.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let err = parse(&bomb).unwrap_err();
        assert!(err.message.en.contains("alias"), "{}", err.message.en);
    }

    #[test]
    fn refuses_tags_merge_keys_and_second_documents() {
        assert!(
            parse("a: !!python/object:os.system x\n")
                .unwrap_err()
                .message
                .en
                .contains("tag")
        );
        assert!(
            parse("base: &b {x: 1}\nc:\n  <<: *b\n")
                .unwrap_err()
                .message
                .en
                .contains("merge")
        );
        assert!(
            parse("a: 1\n---\nb: 2\n")
                .unwrap_err()
                .message
                .en
                .contains("second")
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse(&text).unwrap_err();
        assert!(err.message.en.contains("nest"), "{}", err.message.en);
    }

    #[test]
    fn empty_and_comment_only_files_are_empty() {
        assert!(parse("").unwrap().is_none());
        assert!(parse("# nothing\n").unwrap().is_none());
    }
}
