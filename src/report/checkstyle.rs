//! Checkstyle XML, read by reviewdog (`-f=checkstyle`) and Jenkins warnings-ng: one `<file>`
//! per model file with one `<error>` per unwaived finding (`line`, `column`, `severity`
//! `error`/`warning`/`info`, `message`, `source` `kientruc.CODE`). Written with quick-xml.

use std::collections::BTreeMap;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};

use super::Report;

/// One error line of a file: line, column, severity, message, source.
pub type Entry = (usize, usize, &'static str, String, String);

pub fn render(report: &Report<'_>) -> String {
    let mut files: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for f in report.findings.iter().filter(|f| f.waived.is_none()) {
        let position = report.sources.position(f.loc);
        files
            .entry(crate::text::printable(&report.repository_path(f.loc)).into_owned())
            .or_default()
            .push((
                position.line,
                position.column,
                f.severity.as_str(),
                crate::text::printable(&f.text(report.lang)).into_owned(),
                format!("kientruc.{}", f.code()),
            ));
    }
    write(&files)
}

/// The XML of `files`.
pub fn write(files: &BTreeMap<String, Vec<Entry>>) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut ok = writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .is_ok();
    let mut root = BytesStart::new("checkstyle");
    root.push_attribute(("version", "4.3"));
    ok &= writer.write_event(Event::Start(root)).is_ok();
    for (path, entries) in files {
        let mut file = BytesStart::new("file");
        file.push_attribute(("name", path.as_str()));
        ok &= writer.write_event(Event::Start(file)).is_ok();
        for (line, column, severity, message, source) in entries {
            let mut error = BytesStart::new("error");
            let (line, column) = (line.to_string(), column.to_string());
            error.push_attribute(("line", line.as_str()));
            error.push_attribute(("column", column.as_str()));
            error.push_attribute(("severity", *severity));
            error.push_attribute(("message", crate::export::one_line(message).as_str()));
            error.push_attribute(("source", source.as_str()));
            ok &= writer.write_event(Event::Empty(error)).is_ok();
        }
        ok &= writer
            .write_event(Event::End(BytesEnd::new("file")))
            .is_ok();
    }
    ok &= writer
        .write_event(Event::End(BytesEnd::new("checkstyle")))
        .is_ok();
    let mut text = if ok {
        String::from_utf8(writer.into_inner()).unwrap_or_default()
    } else {
        String::new()
    };
    text.push('\n');
    text
}
