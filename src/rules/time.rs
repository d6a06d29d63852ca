//! TIME001 framework-replaced, TIME002 owner-gone, TIME003 former-agency: the model is judged
//! on `--today`, and the state has moved since it was written. Which framework replaced which,
//! which agencies were merged into which and which levels of government were abolished are
//! catalogue data (`catalogue.yaml`: `replaced_by`, `reorganisations`; agencies'
//! `valid_until` and `successor`), never versions or dates in code. Each check is one linear
//! pass over the model.

use chrono::NaiveDate;

use super::{Context, Explain, Rule, Sink};
use crate::finding::Arg;
use crate::finding::{Principle, Severity};
use crate::graph::Kind;
use crate::i18n::{Lang, Said, Text};
use crate::model::{Agency, ProjectStatus, Ref, Status};
use crate::source::Loc;

pub const TIME001: Rule = Rule {
    code: "TIME001",
    name: "framework-replaced",
    severity: Severity::Info,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/time001.vi.md"),
        en: include_str!("docs/time001.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Mô hình theo một khung kiến trúc đã được thay thế",
            en: "The model claims a framework that has been replaced",
        },
        Text {
            key: "message",
            vi: "mô hình `{model}` theo khung kiến trúc {version} ({instrument}), đã được thay thế bởi khung {by} từ ngày {since}",
            en: "the model `{model}` claims framework {version} ({instrument}), replaced by framework {by} since {since}",
        },
    ],
    check: Some(check_time001),
};

fn check_time001(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let (Some(info), Some(claimed)) = (ctx.model.info.as_ref(), ctx.claimed) else {
        return;
    };
    // A model that names no framework claims nothing: only an explicit claim is reported.
    let Some(framework) = &info.framework else {
        return;
    };
    let Some((by, since)) = claimed.replaced_on_or_before(ctx.today) else {
        return;
    };
    let since = since.format("%Y-%m-%d").to_string();
    out.report(
        info.id.value.as_str(),
        Loc::new(info.file, framework.span),
        "message",
        &[
            ("model", info.id.value.as_str()),
            ("version", claimed.version.as_str()),
            ("instrument", claimed.instrument.as_str()),
            ("by", by.as_str()),
            ("since", &since),
        ],
    );
}

/// Why an agency no longer exists on a date: its last day and who took over.
struct Ended<'a> {
    last_day: NaiveDate,
    /// The successor agency named in the model or catalogue.
    successor: Option<&'a Ref>,
    /// Or the successor a catalogue reorganisation names, in words.
    successor_text: Option<&'a crate::model::Note>,
    source: Option<&'a str>,
    /// Why the catalogue is not sure of it.
    uncertain: Option<&'a crate::model::Note>,
}

/// The end of `agency` (its own `valid_until`, else a reorganisation of the catalogue), if
/// it ended before `today`.
fn ended<'a>(ctx: &Context<'a>, agency: &'a Agency) -> Option<Ended<'a>> {
    let ended = match &agency.valid_until {
        Some(until) => Ended {
            last_day: until.value,
            successor: agency.successor.as_ref(),
            successor_text: None,
            source: agency.source.as_deref(),
            uncertain: agency.uncertain.as_ref(),
        },
        None => {
            let reorganisation = ctx
                .catalogue?
                .reorganisation_of(agency.level, &agency.name)?;
            Ended {
                last_day: reorganisation.valid_until,
                successor: agency.successor.as_ref(),
                successor_text: Some(&reorganisation.successor),
                source: Some(reorganisation.source.as_str()),
                uncertain: reorganisation.uncertain.as_ref(),
            }
        }
    };
    (ended.last_day < ctx.today).then_some(ended)
}

impl Ended<'_> {
    /// The first day the agency no longer exists.
    fn since(&self) -> String {
        (self.last_day + chrono::Days::new(1))
            .format("%Y-%m-%d")
            .to_string()
    }
    fn until(&self) -> String {
        self.last_day.format("%Y-%m-%d").to_string()
    }
    /// The source of the end: the catalogue's, the agency's, or its own `valid_until`.
    fn source(&self) -> String {
        self.source
            .map_or_else(|| format!("valid_until: {}", self.until()), str::to_string)
    }
}

/// The agency `reference` names, with its index, when it no longer exists on `--today`.
fn ended_agency<'a>(ctx: &Context<'a>, reference: &Ref) -> Option<(usize, &'a Agency, Ended<'a>)> {
    let (index, agency) = agency_of(ctx, reference.value.as_str())?;
    let ended = ended(ctx, agency)?;
    Some((index, agency, ended))
}

fn agency_of<'a>(ctx: &Context<'a>, id: &str) -> Option<(usize, &'a Agency)> {
    let element = ctx.graph.lookup(id).filter(|e| e.kind == Kind::Agency)?;
    Some((element.index, &ctx.model.agencies[element.index]))
}

/// "its duties passed to …", in `lang`, with the catalogue's doubt when it has one.
/// [`successor_words_in`] in both languages, for a message argument.
fn successor_words(ctx: &Context<'_>, ended: &Ended<'_>) -> Arg {
    Arg::Said(Said::new(
        successor_words_in(ctx, ended, Lang::Vi),
        successor_words_in(ctx, ended, Lang::En),
    ))
}

fn successor_words_in(ctx: &Context<'_>, ended: &Ended<'_>, lang: Lang) -> String {
    let words = successor_only(ctx, ended, lang);
    match (ended.uncertain, lang) {
        (Some(note), Lang::Vi) => format!("{words} (chưa chắc chắn: {})", note.get(lang)),
        (Some(note), Lang::En) => format!("{words} (not verified: {})", note.get(lang)),
        (None, _) => words,
    }
}

fn successor_only(ctx: &Context<'_>, ended: &Ended<'_>, lang: Lang) -> String {
    if let Some(successor) = ended.successor {
        let name = agency_of(ctx, successor.value.as_str()).map_or("", |(_, a)| a.name.as_str());
        return match lang {
            Lang::Vi => format!("cơ quan kế nhiệm: `{}` ({name})", successor.value),
            Lang::En => format!("its successor is `{}` ({name})", successor.value),
        };
    }
    match (ended.successor_text, lang) {
        (Some(note), Lang::Vi) => format!("nhiệm vụ chuyển cho {}", note.get(lang)),
        (Some(note), Lang::En) => format!("its duties passed to {}", note.get(lang)),
        (None, Lang::Vi) => "hãy ghi cơ quan tiếp nhận nhiệm vụ".to_string(),
        (None, Lang::En) => "name the agency that took over its duties".to_string(),
    }
}

pub const TIME002: Rule = Rule {
    code: "TIME002",
    name: "owner-gone",
    severity: Severity::Warning,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/time002.vi.md"),
        en: include_str!("docs/time002.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Hệ thống hoặc dữ liệu còn hoạt động thuộc một cơ quan không còn tồn tại",
            en: "A live system or data set is owned by an agency that no longer exists",
        },
        Text {
            key: "system",
            vi: "`{element}` còn hoạt động nhưng cơ quan chủ quản `{owner}` không còn tồn tại từ ngày {since} ({source}); ai là chủ quản bây giờ? {successor_words}",
            en: "`{element}` is live but its owner `{owner}` no longer exists since {since} ({source}): who owns it now? {successor_words}",
        },
        Text {
            key: "data",
            vi: "dữ liệu `{element}` thuộc cơ quan `{owner}`, không còn tồn tại từ ngày {since} ({source}); ai chịu trách nhiệm về dữ liệu bây giờ? {successor_words}",
            en: "the data set `{element}` is owned by `{owner}`, which no longer exists since {since} ({source}): who is accountable for it now? {successor_words}",
        },
        Text {
            key: "not_yet",
            vi: "`{element}` đang vận hành nhưng cơ quan chủ quản `{owner}` chỉ tồn tại từ ngày {from}; trước ngày đó ai là chủ quản?",
            en: "`{element}` is in service but its owner `{owner}` exists only from {from}: who owns it until then?",
        },
        Text {
            key: "from",
            vi: "`{owner}` ({name}) tồn tại từ ngày {from}, được định nghĩa tại đây",
            en: "`{owner}` ({name}) exists from {from}, defined here",
        },
        Text {
            key: "agency",
            vi: "`{owner}` ({name}) tồn tại đến hết ngày {until}, được định nghĩa tại đây",
            en: "`{owner}` ({name}) existed until {until}, defined here",
        },
    ],
    check: Some(check_time002),
};

fn check_time002(ctx: &Context<'_>, out: &mut Sink<'_>) {
    let report = |out: &mut Sink<'_>, key: &'static str, element: &str, file, owner: &Ref| {
        let Some((index, agency, ended)) = ended_agency(ctx, owner) else {
            return;
        };
        let (since, until, source) = (ended.since(), ended.until(), ended.source());
        let successor = successor_words(ctx, &ended);
        let args = [
            ("element", element),
            ("owner", owner.value.as_str()),
            ("name", agency.name.as_str()),
            ("since", since.as_str()),
            ("until", until.as_str()),
            ("source", source.as_str()),
        ];
        let agency_loc = ctx.graph.element_loc(crate::graph::Element {
            kind: Kind::Agency,
            index,
        });
        out.report(element, Loc::new(file, owner.span), key, &args)
            .arg("successor_words", successor)
            .related(owner.value.as_str(), agency_loc, "agency", &args);
    };
    for (s, system) in crate::graph::enumerate(&ctx.model.systems) {
        if !ctx.graph.is_live(s) || ctx.graph.national_system[s] {
            continue;
        }
        // A system still being planned may name the agency that will run it; one in service
        // needs an owner that exists today.
        let in_service = matches!(system.status, Status::Operational | Status::Retiring);
        if let Some((index, agency)) = agency_of(ctx, system.owner.value.as_str())
            && let Some(from) = agency.valid_from.as_ref().filter(|f| ctx.today < f.value)
            && in_service
        {
            let from = from.value.format("%Y-%m-%d").to_string();
            let args = [
                ("element", system.id.value.as_str()),
                ("owner", system.owner.value.as_str()),
                ("name", agency.name.as_str()),
                ("from", from.as_str()),
            ];
            let agency_loc = ctx.graph.element_loc(crate::graph::Element {
                kind: Kind::Agency,
                index,
            });
            out.report(
                system.id.value.as_str(),
                Loc::new(system.file, system.owner.span),
                "not_yet",
                &args,
            )
            .related(system.owner.value.as_str(), agency_loc, "from", &args);
            continue;
        }
        report(
            out,
            "system",
            system.id.value.as_str(),
            system.file,
            &system.owner,
        );
    }
    for (d, data) in crate::graph::enumerate(&ctx.model.data) {
        if !ctx.graph.national_data[d] {
            report(out, "data", data.id.value.as_str(), data.file, &data.owner);
        }
    }
}

pub const TIME003: Rule = Rule {
    code: "TIME003",
    name: "former-agency",
    severity: Severity::Info,
    principle: Principle::Integrity,
    explain: Explain {
        vi: include_str!("docs/time003.vi.md"),
        en: include_str!("docs/time003.en.md"),
    },
    texts: &[
        Text {
            key: "title",
            vi: "Tham chiếu tới một cơ quan không còn tồn tại",
            en: "A reference names an agency that no longer exists",
        },
        Text {
            key: "ended",
            vi: "{holder} tham chiếu `{agency}` ({name}), không còn tồn tại từ ngày {since} ({source}); tham chiếu vẫn hợp lệ, nhưng {successor_words}",
            en: "{holder} names `{agency}` ({name}), which no longer exists since {since} ({source}); the reference still resolves, but {successor_words}",
        },
        Text {
            key: "message",
            vi: "{holder} tham chiếu `{agency}` ({name}), đã hợp nhất vào `{successor}` ({successor_name}) từ ngày {since}; tham chiếu vẫn hợp lệ, nên ghi `{successor}`",
            en: "{holder} names `{agency}` ({name}), merged into `{successor}` ({successor_name}) since {since}; the reference still resolves, but `{successor}` is the agency now",
        },
    ],
    check: Some(check_time003),
};

/// An id as code, the same in both languages.
fn quoted(id: &str) -> Said {
    Said::new(format!("`{id}`"), format!("`{id}`"))
}

fn check_time003(ctx: &Context<'_>, out: &mut Sink<'_>) {
    // `holder` is how the message names what holds the reference.
    let note = |out: &mut Sink<'_>, element: &str, holder: Said, file, reference: &Ref| {
        let Some((_, agency, ended)) = ended_agency(ctx, reference) else {
            return;
        };
        let since = ended.since();
        let Some(successor) = ended.successor else {
            let words = successor_words(ctx, &ended);
            out.report(
                element,
                Loc::new(file, reference.span),
                "ended",
                &[
                    ("element", element),
                    ("agency", reference.value.as_str()),
                    ("name", agency.name.as_str()),
                    ("since", since.as_str()),
                    ("source", ended.source().as_str()),
                ],
            )
            .arg("holder", Arg::Said(holder))
            .arg("successor_words", words);
            return;
        };
        let successor_name =
            agency_of(ctx, successor.value.as_str()).map_or("", |(_, a)| a.name.as_str());
        out.report(
            element,
            Loc::new(file, reference.span),
            "message",
            &[
                ("element", element),
                ("agency", reference.value.as_str()),
                ("name", agency.name.as_str()),
                ("successor", successor.value.as_str()),
                ("successor_name", successor_name),
                ("since", since.as_str()),
            ],
        )
        .arg("holder", Arg::Said(holder));
    };
    // Owners of live systems and of data sets are TIME002's (one finding per fact).
    for agency in &ctx.model.agencies {
        if let Some(parent) = &agency.parent {
            let id = agency.id.value.as_str();
            note(out, id, quoted(id), agency.file, parent);
        }
    }
    // A retired system or a finished project keeps its history: its owner is not reported.
    for project in &ctx.model.projects {
        let open = !matches!(
            project.status,
            ProjectStatus::Completed | ProjectStatus::Cancelled
        );
        if let (true, Some(owner)) = (open, &project.owner) {
            let id = project.id.value.as_str();
            note(out, id, quoted(id), project.file, owner);
        }
    }
    for waiver in &ctx.model.waivers {
        let element = waiver.element.value.as_str();
        let holder = Said::new(
            format!("miễn trừ {} cho `{element}`", waiver.rule.value),
            format!("the {} waiver for `{element}`", waiver.rule.value),
        );
        note(out, element, holder, waiver.file, &waiver.approved_by);
    }
    if let Some(info) = &ctx.model.info
        && let Some(authority) = &info.authority
    {
        let id = info.id.value.as_str();
        note(out, id, quoted(id), info.file, authority);
    }
}
