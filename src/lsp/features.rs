//! What the editor asks about a place: hover, go to definition, find references, completion of
//! ids at reference positions, and the code action of KT001's "did you mean".

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, CompletionList,
    CompletionTextEdit, Diagnostic, Hover, HoverContents, Location, MarkupContent, MarkupKind,
    Range, TextEdit, Uri, WorkspaceEdit,
};

use super::Snapshot;
use super::convert::{offset, position};
use super::diagnostics::{SUGGESTION, location};
use super::index::expected;
use crate::graph::Kind;
use crate::i18n::{Lang, tr};
use crate::text::printable;

/// At most this many ids are offered at once; the list says it is incomplete, and the editor
/// asks again as more is typed.
pub const MAX_COMPLETIONS: usize = 200;

fn said(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn word(value: impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Hover on an id (what it is and where it is defined) or on a rule code (its explanation).
pub fn hover(snapshot: &Snapshot, shown: &str, text: &str, at: usize, lang: Lang) -> Option<Hover> {
    if let Some(file) = snapshot.file(shown)
        && let Some(site) = snapshot.index().at(file, at)
        && let Some(value) = describe(snapshot, &site.id, lang)
    {
        let loc = site.loc;
        let range = Range::new(
            position(snapshot.sources().get(file), loc.span.start as usize),
            position(snapshot.sources().get(file), loc.span.end as usize),
        );
        return Some(markdown(value, Some(range)));
    }
    let (start, end) = word_at(text, at);
    let rule = crate::rules::find(&text[start..end])?;
    let explained = crate::rules::explain(rule, lang);
    Some(markdown(
        format!("```text\n{}\n```", printable_block(&explained)),
        None,
    ))
}

fn printable_block(text: &str) -> String {
    crate::text::printable_lines(text).replace("```", "'''")
}

fn markdown(value: String, range: Option<Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

/// The bounds of the word (letters, digits, `-`, `.`, `_`) around byte `at`.
fn word_at(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '.' | '_');
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

/// The Markdown that describes element `id`: kind, name, owner, layer, status, where defined.
fn describe(snapshot: &Snapshot, id: &str, lang: Lang) -> Option<String> {
    let &(kind, index, loc) = snapshot.index().definitions.get(id)?;
    let model = &snapshot.loaded.model;
    let kind_word = tr(lang, &format!("kind.{}", kind.as_str()), &[]);
    let mut facts: Vec<(&str, String)> = Vec::new();
    let agency = |r: &crate::model::Ref| {
        let id = r.value.as_str();
        match snapshot.index().definitions.get(id) {
            Some(&(Kind::Agency, i, _)) => format!("`{id}` ({})", model.agencies[i].name),
            _ => format!("`{id}`"),
        }
    };
    let name = match kind {
        Kind::Agency => {
            let a = &model.agencies[index];
            facts.push((said(lang, "cấp", "level"), word(a.level)));
            if let Some(parent) = &a.parent {
                facts.push((said(lang, "trực thuộc", "parent"), agency(parent)));
            }
            &a.name
        }
        Kind::Capability => {
            let c = &model.capabilities[index];
            if let Some(platform) = &c.platform {
                facts.push((
                    said(lang, "nền tảng", "platform"),
                    format!("`{}`", platform.value),
                ));
            }
            &c.name
        }
        Kind::Data => {
            let d = &model.data[index];
            facts.push((said(lang, "chủ quản", "owner"), agency(&d.owner)));
            facts.push((
                said(lang, "phân loại", "classification"),
                word(d.classification),
            ));
            &d.name
        }
        Kind::System => {
            let s = &model.systems[index];
            facts.push((said(lang, "chủ quản", "owner"), agency(&s.owner)));
            facts.push((said(lang, "lớp", "layer"), s.layer.as_str().to_string()));
            facts.push((
                said(lang, "trạng thái", "status"),
                s.status.as_str().to_string(),
            ));
            &s.name
        }
        Kind::Project => {
            let p = &model.projects[index];
            if let Some(owner) = &p.owner {
                facts.push((said(lang, "chủ đầu tư", "owner"), agency(owner)));
            }
            facts.push((said(lang, "trạng thái", "status"), word(p.status)));
            &p.name
        }
    };
    let sources = snapshot.sources();
    let file = sources.get(loc.file);
    let at = file.position(loc.span.start as usize);
    let place = if file.national {
        said(lang, "danh mục quốc gia", "national catalogue").to_string()
    } else {
        format!("{}:{}:{}", file.path, at.line, at.column)
    };
    facts.push((said(lang, "định nghĩa tại", "defined at"), place));
    let mut out = format!(
        "**{}** `{}` — {}\n\n",
        kind_word,
        printable(id),
        printable(name)
    );
    for (label, value) in facts {
        out.push_str(&format!("- {label}: {}\n", printable(&value)));
    }
    Some(out)
}

/// Where the id at the position is defined.
pub fn definition(snapshot: &Snapshot, root: &Path, shown: &str, at: usize) -> Option<Location> {
    let site = snapshot.index().at(snapshot.file(shown)?, at)?;
    let &(_, _, loc) = snapshot.index().definitions.get(&site.id)?;
    location(root, snapshot.sources(), loc)
}

/// Every reference to the id at the position (and its definition when asked for).
pub fn references(
    snapshot: &Snapshot,
    root: &Path,
    shown: &str,
    at: usize,
    with_definition: bool,
) -> Vec<Location> {
    let Some(site) = snapshot
        .file(shown)
        .and_then(|f| snapshot.index().at(f, at))
    else {
        return Vec::new();
    };
    let sources = snapshot.sources();
    let definition = with_definition
        .then(|| snapshot.index().definitions.get(&site.id))
        .flatten()
        .and_then(|&(_, _, loc)| location(root, sources, loc));
    definition
        .into_iter()
        .chain(
            snapshot
                .index()
                .references(&site.id)
                .filter_map(|r| location(root, sources, r.loc)),
        )
        .collect()
}

/// The YAML key whose value the cursor is in, read from the text (it need not parse): `key:
/// …` on the cursor's line, or the key above a `- item` list. With whether it is nested.
fn key_at(text: &str, at: usize) -> Option<(&str, bool)> {
    let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &text[line_start..at];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line[indent..].trim_start_matches("- ");
    let dashed = rest.len() != line.len() - indent;
    if let Some(flow) = flow_key(rest) {
        return flow.map(|(key, depth)| (key, indent > 0 || dashed || depth > 0));
    }
    if let Some((key, _)) = rest.split_once(':') {
        let key = key.trim();
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Some((key, indent > 0 || dashed));
        }
    }
    if !dashed {
        return None;
    }
    // A list item: the key is on the nearest line above at a smaller indent, or at the same
    // indent when it ends with `key:` and the items are not indented.
    for above in text[..line_start].lines().rev() {
        let trimmed = above.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let their = above.len() - trimmed.len();
        if their == indent && trimmed.starts_with("- ") {
            continue;
        }
        if their > indent {
            continue;
        }
        let body = trimmed.trim_start_matches("- ");
        let key = body.trim_end().strip_suffix(':')?;
        return Some((key.trim(), their > 0 || body.len() != trimmed.len()));
    }
    None
}

/// On a line with a flow collection (`- { id: a, owner: so-`, `provides: [x, y`), the key whose
/// value the end of `line` is in, with the depth of its collection: the last `key:` before it,
/// unless a `,` of the same mapping or the end of its value came after it, or the cursor is in
/// a comment (`Some(None)`). `None` when the line has no flow collection and no comment
/// (outside quotes).
fn flow_key(line: &str) -> Option<Option<(&str, usize)>> {
    let bytes = line.as_bytes();
    let mut depth = 0usize;
    let mut flow = false;
    let mut quote: Option<u8> = None;
    let mut key: Option<(&str, usize)> = None;
    for (i, &b) in bytes.iter().enumerate() {
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            continue;
        }
        let after_gap = i == 0 || matches!(bytes[i - 1], b' ' | b'{' | b'[' | b',' | b':');
        match b {
            b'"' | b'\'' if after_gap => quote = Some(b),
            // The cursor is in a comment.
            b'#' if i == 0 || bytes[i - 1] == b' ' => return Some(None),
            b'[' | b'{' => {
                flow = true;
                depth += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                // The collection that was the key's value, or held the key, is closed.
                if key.is_some_and(|(_, d)| d >= depth) {
                    key = None;
                }
            }
            b',' if key.is_some_and(|(_, d)| d == depth) => key = None,
            b':' if bytes.get(i + 1).is_none_or(|&next| next == b' ') => {
                let start = line[..i]
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(0, |j| j + 1);
                if start < i {
                    key = Some((&line[start..i], depth));
                }
            }
            _ => {}
        }
    }
    flow.then_some(key)
}

/// The ids to offer at the position: those of the kinds the key expects, starting with what is
/// typed so far.
pub fn completion(
    snapshot: &Snapshot,
    text: &str,
    at: lsp_types::Position,
    lang: Lang,
) -> Option<CompletionList> {
    let offset = offset(text, at);
    let (key, nested) = key_at(text, offset)?;
    let kinds = expected(key, nested)?;
    let (start, _) = word_at(text, offset);
    let typed = &text[start..offset];
    let file = crate::source::SourceFile::new(String::new(), text.to_string(), false);
    let range = Range::new(position(&file, start), at);
    let model = &snapshot.loaded.model;
    let mut items = Vec::new();
    let mut complete = true;
    'kinds: for kind in kinds {
        let ids = snapshot
            .index()
            .by_kind
            .get(kind)
            .map_or(&[][..], Vec::as_slice);
        let first = ids.partition_point(|id| id.as_str() < typed);
        for id in ids[first..].iter().take_while(|id| id.starts_with(typed)) {
            if items.len() == MAX_COMPLETIONS {
                complete = false;
                break 'kinds;
            }
            let &(kind, index, _) = &snapshot.index().definitions[id];
            let name = match kind {
                Kind::Agency => &model.agencies[index].name,
                Kind::Capability => &model.capabilities[index].name,
                Kind::Data => &model.data[index].name,
                Kind::System => &model.systems[index].name,
                Kind::Project => &model.projects[index].name,
            };
            items.push(CompletionItem {
                label: id.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(format!(
                    "{} — {}",
                    tr(lang, &format!("kind.{}", kind.as_str()), &[]),
                    printable(name)
                )),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, id.clone()))),
                ..CompletionItem::default()
            });
        }
    }
    Some(CompletionList {
        is_incomplete: !complete,
        items,
    })
}

/// "Did you mean": for each KT001 diagnostic with a suggestion in `range`, an edit that writes
/// the suggested id in place of the unknown one.
pub fn code_actions(
    uri: &Uri,
    diagnostics: &[Diagnostic],
    range: Range,
    lang: Lang,
) -> Vec<CodeAction> {
    diagnostics
        .iter()
        .filter(|d| d.range.start <= range.end && range.start <= d.range.end)
        .filter_map(|d| {
            let suggestion = d.data.as_ref()?.get(SUGGESTION)?.as_str()?.to_string();
            let edit = TextEdit::new(d.range, suggestion.clone());
            Some(CodeAction {
                title: match lang {
                    Lang::Vi => format!("Sửa thành `{suggestion}`"),
                    Lang::En => format!("Change to `{suggestion}`"),
                },
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_from_the_text() {
        let text = "systems:\n  - id: a\n    owner: so-\n    depends_on:\n      - b\n      - \n    provides: [x, y";
        let at = |needle: &str| text.find(needle).unwrap() + needle.len();
        assert_eq!(key_at(text, at("owner: so-")), Some(("owner", true)));
        assert_eq!(
            key_at(text, at("- b\n      - ")),
            Some(("depends_on", true))
        );
        assert_eq!(key_at(text, text.len()), Some(("provides", true)));
        assert_eq!(key_at("data:\n- ", 8), Some(("data", false)));
        assert_eq!(word_at("owner: so-tt x", 10), (7, 12));
        // Flow collections: the key is the last one before the cursor in its mapping.
        let flow = "systems:\n  - { id: s1, name: \"Hệ thống: một, hai\", owner: ub";
        assert_eq!(key_at(flow, flow.len()), Some(("owner", true)));
        let new_key = "  - { id: s1, owner: ubnd, sta";
        assert_eq!(key_at(new_key, new_key.len()), None);
        let nested = "    data: { master: [a, b], read: [c, ";
        assert_eq!(key_at(nested, nested.len()), Some(("read", true)));
        let closed = "    provides: [a, b]  # xong: ";
        assert_eq!(key_at(closed, closed.len()), None);
        let listed = "    depends_on: [lgsp, vn.";
        assert_eq!(key_at(listed, listed.len()), Some(("depends_on", true)));
        let comment = "    owner: so-tttt  # viết tắt: s";
        assert_eq!(key_at(comment, comment.len()), None);
    }
}
