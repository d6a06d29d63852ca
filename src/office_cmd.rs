//! `kientruc template`, `import` and `export`: the inventory workbook's commands (the work is
//! in `kientruc::office`).

use std::io::Write;
use std::process::ExitCode;

use kientruc::cli::{ExportArgs, ImportArgs, TemplateArgs};
use kientruc::i18n::Lang;
use kientruc::office::{self, Failure};
use kientruc::outputs::{Input, Role};

fn lang(explicit: Option<Lang>) -> Lang {
    explicit.unwrap_or_else(Lang::from_env)
}

/// Says why it failed on stderr; exit code 2.
fn failed(failure: &Failure, lang: Lang) -> ExitCode {
    let text = match failure {
        Failure::Issues(f) => {
            kientruc::report::human::render_issues(&f.issues, &f.sources, lang, false)
        }
        Failure::Said(said) => format!("kientruc: {}\n", said.get(lang)),
    };
    let _ = std::io::stderr().write_all(kientruc::text::printable_lines(&text).as_bytes());
    ExitCode::from(2)
}

fn write(path: &std::path::Path, bytes: &[u8], lang: Lang) -> Result<(), String> {
    kientruc::write_atomically(path, bytes).map_err(|e| {
        let shown = kientruc::text::printable(&path.display().to_string()).into_owned();
        kientruc::i18n::Said::io(
            format!("không ghi được {shown}"),
            format!("cannot write {shown}"),
            &e,
        )
        .get(lang)
        .to_string()
    })
}

pub fn template(args: &TemplateArgs) -> Result<ExitCode, String> {
    let lang = lang(args.lang);
    match office::template(args.framework.as_deref(), lang) {
        Ok(bytes) => {
            write(&args.output, &bytes, lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => Ok(failed(&failure, lang)),
    }
}

pub fn export(args: &ExportArgs) -> Result<ExitCode, String> {
    let lang = lang(args.lang);
    let input = Input {
        role: Role::Model,
        path: &args.model,
    };
    kientruc::outputs::check(&args.output, &[input]).map_err(|e| e.get(lang).to_string())?;
    let loaded = match kientruc::load(&args.model) {
        Ok(loaded) => loaded,
        Err(failure) => return Ok(failed(&Failure::Issues(failure), lang)),
    };
    match office::export(&loaded, args.owner.as_deref(), lang) {
        Ok(bytes) => {
            write(&args.output, &bytes, lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => Ok(failed(&failure, lang)),
    }
}

pub fn import(args: &ImportArgs) -> Result<ExitCode, String> {
    let lang = lang(args.lang);
    match office::import(&args.workbook, &args.output, args.force) {
        Ok(files) => {
            let text = match lang {
                Lang::Vi => format!(
                    "Đã ghi {files} tệp vào {}; kiểm tra: kientruc check {}",
                    args.output.display(),
                    args.output.display()
                ),
                Lang::En => format!(
                    "Wrote {files} files into {}; check it: kientruc check {}",
                    args.output.display(),
                    args.output.display()
                ),
            };
            eprintln!("{}", kientruc::text::printable(&text));
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => Ok(failed(&failure, lang)),
    }
}
