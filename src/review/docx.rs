//! The appraisal opinion as a Word document, in the form of a state administrative document
//! (Nghị định 30/2020/NĐ-CP): the agency and the national motto side by side, number and symbol
//! left to fill, place and date in words, the title and subject line, the legal bases, the body
//! (the proposal, its systems' cost against the budget, what it reuses and must connect to, the
//! checklist, the findings in plain words, the money at stake), the conclusion with its
//! conditions, the recipients and the signer's block; an annex lists where each finding is in
//! the model. A4, Times New Roman 13–14 pt, the decree's margins. Written with docx-rs; the
//! neighbourhood graph comes in as a PNG ([`png_of_svg`], resvg). It renders a [`Reviewed`]; it
//! never judges.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Pic, Run, RunFonts, Table, TableCell,
    TableRow, WidthType,
};

use super::{
    CheckState, Conclusion, Condition, Reviewed, UseKind, date, funding_text, principle_text,
    status_text,
};
use crate::i18n::{Lang, money, tr};

/// A4 in twips (210 × 297 mm).
pub const A4: (u32, u32) = (11906, 16838);
/// Millimetres to twips.
const fn mm(v: i32) -> i32 {
    v * 1440 * 10 / 254
}
/// The text width: 210 mm less the left (30 mm) and right (15 mm) margins.
const TEXT_WIDTH: usize = (11906 - mm(30) - mm(15)) as usize;
const FONT: &str = "Times New Roman";
/// Sizes in half-points.
const BODY: usize = 28;
const SMALL: usize = 26;
/// The national motto: 12 pt, as the decree allows (12–13), so that it fits on one line.
const MOTTO: usize = 24;

/// A picture to embed: PNG bytes and their size in pixels.
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Renders SVG to PNG (at twice its size, for print) with resvg, with the system's fonts
/// (DejaVu, Liberation, Noto, Arial, whichever is installed). Without any font the text is
/// left out and the picture is still drawn.
pub fn png_of_svg(svg: &[u8]) -> Result<Png, String> {
    let mut options = resvg::usvg::Options::default();
    {
        let db = options.fontdb_mut();
        db.load_system_fonts();
        let families: Vec<String> = db
            .faces()
            .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
            .collect();
        let preferred = [
            "DejaVu Sans",
            "Liberation Sans",
            "Noto Sans",
            "Arial",
            "Helvetica",
        ];
        if let Some(family) = preferred
            .iter()
            .find(|p| families.iter().any(|f| f == *p))
            .map(|p| p.to_string())
            .or_else(|| {
                let mut all = families.clone();
                all.sort();
                all.into_iter().next()
            })
        {
            db.set_sans_serif_family(family.clone());
            db.set_serif_family(family.clone());
            options.font_family = family;
        }
    }
    let tree = resvg::usvg::Tree::from_data(svg, &options)
        .map_err(|e| format!("cannot read the graph's SVG: {e}"))?;
    let scale = 2.0;
    let size = tree.size();
    let width = ((size.width() * scale).ceil() as u32).clamp(1, 8000);
    let height = ((size.height() * scale).ceil() as u32).clamp(1, 8000);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| "cannot draw the graph: empty picture".to_string())?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the graph as PNG: {e}"))?;
    Ok(Png {
        bytes,
        width,
        height,
    })
}

fn w<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A rule message in plain words: its code spans lose their backticks.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

fn para(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text))
        .align(AlignmentType::Both)
        .line_spacing(LineSpacing::new().after(120))
}

/// A legal basis: italic, as the decree sets them.
fn basis(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).italic())
        .align(AlignmentType::Both)
        .line_spacing(LineSpacing::new().after(60))
}

fn centered(r: Run) -> Paragraph {
    Paragraph::new().add_run(r).align(AlignmentType::Center)
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold())
        .keep_next(true)
        .line_spacing(LineSpacing::new().before(120).after(120))
}

/// "Label: value" with the label bold.
fn fact(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(&format!("{label}: ")).bold())
        .add_run(run(value))
        .align(AlignmentType::Both)
        .line_spacing(LineSpacing::new().after(60))
}

fn bullet(text: &str) -> Paragraph {
    para(&format!("- {text}")).indent(Some(mm(5)), None, None, None)
}

fn cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(Paragraph::new().add_run(run(text).size(SMALL)))
        .width(width, WidthType::Dxa)
}

fn number_cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(run(text).size(SMALL))
                .align(AlignmentType::Right),
        )
        .width(width, WidthType::Dxa)
}

fn header_cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(run(text).size(SMALL).bold())
                .align(AlignmentType::Center),
        )
        .width(width, WidthType::Dxa)
}

/// A bordered table with a header row; `widths` are in twips and add up to the text width.
fn table(headers: &[&str], widths: &[usize], rows: Vec<TableRow>) -> Table {
    let head = TableRow::new(
        headers
            .iter()
            .zip(widths)
            .map(|(h, &w)| header_cell(h, w))
            .collect(),
    );
    let mut all = vec![head];
    all.extend(rows);
    Table::new(all)
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// Splits the text width in proportion to `parts`.
fn widths(parts: &[usize]) -> Vec<usize> {
    let total: usize = parts.iter().sum();
    let mut out: Vec<usize> = parts.iter().map(|p| TEXT_WIDTH * p / total).collect();
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += TEXT_WIDTH - used;
    }
    out
}

fn amount(lang: Lang, value: Option<u64>, not_stated: &str) -> String {
    value.map_or(not_stated.to_string(), |v| money(lang, v))
}

/// The words of the conclusion.
pub fn conclusion_words(lang: Lang, conclusion: Conclusion) -> &'static str {
    match (conclusion, lang) {
        (Conclusion::Suitable, Lang::Vi) => "phù hợp",
        (Conclusion::Conditional, Lang::Vi) => "phù hợp có điều kiện",
        (Conclusion::Unsuitable, Lang::Vi) => "chưa phù hợp",
        (Conclusion::Suitable, Lang::En) => "suitable",
        (Conclusion::Conditional, Lang::En) => "suitable with conditions",
        (Conclusion::Unsuitable, Lang::En) => "not suitable",
    }
}

/// The sentence of one condition, with code spans (Markdown); the Word opinion takes them out.
pub fn condition_text(reviewed: &Reviewed, lang: Lang, condition: Condition) -> String {
    match condition {
        Condition::Finding(i) => reviewed.findings[i].text(lang),
        Condition::Link(i) => {
            let link = &reviewed.verdict.links[i];
            let via = match &link.via {
                Some(v) => format!("{} {}", w(lang, "qua", "through"), v.name),
                None if link.no_platform => tr(lang, "review.links.no_platform", &[]),
                None => tr(lang, "review.links.direct", &[]),
            };
            match lang {
                Lang::Vi => format!(
                    "Khai báo kết nối từ {} tới {} ({}) {via}",
                    link.system.name, link.target.name, link.capability.name
                ),
                Lang::En => format!(
                    "Declare the connection from {} to {} ({}) {via}",
                    link.system.name, link.target.name, link.capability.name
                ),
            }
        }
        Condition::NotJudged(p) => match lang {
            Lang::Vi => format!(
                "Nguyên tắc \"{}\" chưa được đánh giá: cần bổ sung thông tin để đánh giá",
                principle_text(lang, p)
            ),
            Lang::En => format!(
                "The principle \"{}\" was not judged: the missing information must be supplied",
                principle_text(lang, p)
            ),
        },
    }
}

fn use_kind_text(lang: Lang, kind: UseKind) -> &'static str {
    match kind {
        UseKind::Platform => w(
            lang,
            "nền tảng, hệ thống dùng chung",
            "platform or shared system",
        ),
        UseKind::Hosting => w(lang, "hạ tầng lưu trữ, vận hành", "hosting"),
        UseKind::Data => w(lang, "dữ liệu sử dụng", "data it reads"),
    }
}

/// The opinion as DOCX bytes. `graph` is the neighbourhood picture, if any.
pub fn render(reviewed: &Reviewed, lang: Lang, graph: Option<&Png>) -> Result<Vec<u8>, String> {
    let verdict = &reviewed.verdict;
    let project = &verdict.project;
    let not_stated = tr(lang, "review.not_stated", &[]);
    let authority = reviewed.authority();
    let place = reviewed.place();
    let (conclusion, conditions) = reviewed.conclusion();
    let words = conclusion_words(lang, conclusion);

    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(20))
                .bottom(mm(20))
                .left(mm(30))
                .right(mm(15))
                .header(mm(10))
                .footer(mm(10)),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .east_asia(FONT)
                .cs(FONT),
        )
        .default_size(BODY)
        // The document's dates are the review's, never the clock's: same input, same bytes
        // (the ZIP entries carry docx-rs's fixed 1980-01-01).
        .created_at(&format!("{}T00:00:00Z", reviewed.today.format("%Y-%m-%d")))
        .updated_at(&format!("{}T00:00:00Z", reviewed.today.format("%Y-%m-%d")));

    // The top block: the agency left, the motto right; the number left, place and date right.
    let left = mm(52) as usize;
    let right = TEXT_WIDTH - left;
    let agency = authority
        .as_ref()
        .map_or("……".to_string(), |a| a.name.to_uppercase());
    let motto = w(
        lang,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SOCIALIST REPUBLIC OF VIETNAM",
    );
    let tagline = w(
        lang,
        "Độc lập - Tự do - Hạnh phúc",
        "Independence - Freedom - Happiness",
    );
    let top = Table::without_borders(vec![
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(centered(run(&agency).bold().size(SMALL)))
                .add_paragraph(centered(run("―――――").size(SMALL)))
                .width(left, WidthType::Dxa),
            TableCell::new()
                .add_paragraph(centered(run(motto).bold().size(MOTTO)))
                .add_paragraph(centered(run(tagline).bold()))
                .add_paragraph(centered(run("―――――――――――").size(SMALL)))
                .width(right, WidthType::Dxa),
        ]),
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(centered(
                    run(w(lang, "Số: ……/……", "No.: ……/……")).size(SMALL),
                ))
                .width(left, WidthType::Dxa),
            TableCell::new()
                .add_paragraph(centered(
                    run(&date::place_date(lang, place.as_deref(), reviewed.today)).italic(),
                ))
                .width(right, WidthType::Dxa),
        ]),
    ])
    .set_grid(vec![left, right])
    .width(TEXT_WIDTH, WidthType::Dxa);
    doc = doc.add_table(top);

    // Title and subject.
    doc = doc
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(
            run(w(lang, "Ý KIẾN THẨM ĐỊNH", "APPRAISAL OPINION")).bold(),
        ))
        .add_paragraph(centered(run(&match lang {
            Lang::Vi => format!(
                "V/v sự phù hợp với Kiến trúc Chính quyền điện tử của dự án {}",
                project.name
            ),
            Lang::En => format!(
                "Re: conformity of the project {} with the e-Government Architecture",
                project.name
            ),
        })))
        .add_paragraph(Paragraph::new());

    // Legal bases.
    let model_name = reviewed
        .judged
        .graph
        .model
        .info
        .as_ref()
        .map(|m| m.name.clone());
    let base_word = w(lang, "Căn cứ", "Having regard to");
    for b in reviewed.legal_bases() {
        doc = doc.add_paragraph(basis(&format!("{base_word} {};", b.instrument)));
    }
    if let Some(name) = &model_name {
        doc = doc.add_paragraph(basis(&format!("{base_word} {name};")));
    }
    doc = doc.add_paragraph(para(&match lang {
        Lang::Vi => format!(
            "Sau khi xem xét hồ sơ đề xuất, {} có ý kiến thẩm định như sau:",
            authority
                .as_ref()
                .map_or("cơ quan thẩm định", |a| a.name.as_str())
        ),
        Lang::En => format!(
            "Having examined the proposal, {} gives the following opinion:",
            authority
                .as_ref()
                .map_or("the appraising agency", |a| a.name.as_str())
        ),
    }));

    // I. The proposal.
    doc = doc.add_paragraph(heading(w(lang, "I. THÔNG TIN ĐỀ XUẤT", "I. THE PROPOSAL")));
    let owner = project
        .owner
        .as_ref()
        .map_or(not_stated.clone(), |o| o.name.clone());
    let budget = project.budget.map_or(not_stated.clone(), |b| {
        tr(lang, "review.amount", &[("amount", &money(lang, b))])
    });
    doc = doc
        .add_paragraph(fact(w(lang, "Tên dự án", "Project"), &project.name))
        .add_paragraph(fact(w(lang, "Chủ đầu tư", "Investor"), &owner))
        .add_paragraph(fact(
            w(lang, "Nguồn vốn", "Funding"),
            &project
                .funding
                .map_or(not_stated.clone(), |f| funding_text(lang, f)),
        ))
        .add_paragraph(fact(w(lang, "Tổng mức đầu tư", "Budget"), &budget))
        .add_paragraph(fact(
            w(lang, "Mục tiêu, nội dung", "Description"),
            project.description.as_deref().unwrap_or(&not_stated),
        ));

    // The systems and their cost against the budget.
    doc = doc.add_paragraph(para(w(
        lang,
        "Các hệ thống thông tin dự án đầu tư (đơn vị: đồng):",
        "The information systems the project delivers (amounts in VND):",
    )));
    let cols = widths(&[8, 47, 28, 41, 41]);
    let mut rows = Vec::new();
    for (i, s) in project.systems.iter().enumerate() {
        rows.push(TableRow::new(vec![
            number_cell(&(i + 1).to_string(), cols[0]),
            cell(&s.system.name, cols[1]),
            cell(&s.system.id, cols[2]),
            number_cell(&amount(lang, s.capex, &not_stated), cols[3]),
            number_cell(&amount(lang, s.opex, &not_stated), cols[4]),
        ]));
    }
    let (capex, opex) = project.totals();
    let total = w(lang, "Tổng cộng", "Total");
    rows.push(TableRow::new(vec![
        cell("", cols[0]),
        cell(total, cols[1]),
        cell("", cols[2]),
        number_cell(&money(lang, capex), cols[3]),
        number_cell(&money(lang, opex), cols[4]),
    ]));
    rows.push(TableRow::new(vec![
        cell("", cols[0]),
        cell(
            w(lang, "Tổng mức đầu tư của dự án", "Project budget"),
            cols[1],
        ),
        cell("", cols[2]),
        number_cell(&amount(lang, project.budget, &not_stated), cols[3]),
        cell("", cols[4]),
    ]));
    doc = doc.add_table(table(
        &[
            w(lang, "TT", "No."),
            w(lang, "Hệ thống", "System"),
            w(lang, "Mã", "Id"),
            w(lang, "Chi phí đầu tư", "Capex"),
            w(lang, "Chi phí vận hành/năm", "Opex per year"),
        ],
        &cols,
        rows,
    ));
    if let Some(b) = project.budget {
        let b = u128::from(b);
        let text = if capex > b {
            match lang {
                Lang::Vi => format!(
                    "Chi phí đầu tư các hệ thống vượt tổng mức đầu tư {} đồng.",
                    money(lang, capex - b)
                ),
                Lang::En => format!(
                    "The systems' capex exceeds the budget by {} VND.",
                    money(lang, capex - b)
                ),
            }
        } else {
            match lang {
                Lang::Vi => format!(
                    "Chi phí đầu tư các hệ thống nằm trong tổng mức đầu tư (còn {} đồng cho các hạng mục khác).",
                    money(lang, b - capex)
                ),
                Lang::En => format!(
                    "The systems' capex is within the budget ({} VND left for other items).",
                    money(lang, b - capex)
                ),
            }
        };
        doc = doc.add_paragraph(para(&text));
    }

    // II. Reuse and connections, for every verdict.
    doc = doc.add_paragraph(heading(w(
        lang,
        "II. TÁI SỬ DỤNG VÀ KẾT NỐI",
        "II. REUSE AND CONNECTIONS",
    )));
    doc = doc.add_paragraph(para(w(
        lang,
        "Đề xuất tái sử dụng:",
        "What the proposal reuses:",
    )));
    if verdict.uses.is_empty() {
        doc = doc.add_paragraph(bullet(&tr(lang, "review.uses.none", &[])));
    }
    for u in &verdict.uses {
        let national = if u.national {
            format!(" ({})", tr(lang, "review.national", &[]))
        } else {
            String::new()
        };
        doc = doc.add_paragraph(bullet(&format!(
            "{}: {} — {}{national}",
            u.system.name,
            use_kind_text(lang, u.kind),
            u.target.name
        )));
    }
    if !verdict.reuse.is_empty() {
        doc = doc.add_paragraph(para(w(
            lang,
            "Hạng mục trùng lặp với hệ thống đã có, cần tái sử dụng thay vì đầu tư mới:",
            "Items that duplicate existing systems, to reuse instead of building:",
        )));
        let cols = widths(&[25, 25, 25, 25]);
        let rows = verdict
            .reuse
            .iter()
            .map(|r| {
                let mut status = status_text(lang, r.status);
                if r.national {
                    status = format!("{status}, {}", tr(lang, "review.national", &[]));
                }
                let owner = r
                    .owner
                    .as_ref()
                    .map_or(not_stated.clone(), |o| o.name.clone());
                TableRow::new(vec![
                    cell(&r.system.name, cols[0]),
                    cell(&r.subject.name, cols[1]),
                    cell(&r.existing.name, cols[2]),
                    cell(&format!("{owner} ({status})"), cols[3]),
                ])
            })
            .collect();
        doc = doc.add_table(table(
            &[
                w(lang, "Hệ thống đề xuất", "Proposed system"),
                w(lang, "Trùng lặp", "Duplicates"),
                w(lang, "Hệ thống đã có", "Existing system"),
                w(lang, "Đơn vị chủ quản", "Owner"),
            ],
            &cols,
            rows,
        ));
    }
    doc = doc.add_paragraph(para(w(lang, "Kết nối bắt buộc:", "Mandatory connections:")));
    if verdict.links.is_empty() {
        doc = doc.add_paragraph(bullet(&tr(lang, "review.links.none", &[])));
    } else {
        let cols = widths(&[24, 22, 24, 18, 12]);
        let rows = verdict
            .links
            .iter()
            .map(|l| {
                let via = match &l.via {
                    Some(v) => v.name.clone(),
                    None => super::human::link_via(l, lang),
                };
                TableRow::new(vec![
                    cell(&l.system.name, cols[0]),
                    cell(&l.capability.name, cols[1]),
                    cell(&l.target.name, cols[2]),
                    cell(&via, cols[3]),
                    cell(
                        &tr(
                            lang,
                            if l.declared {
                                "review.yes"
                            } else {
                                "review.no"
                            },
                            &[],
                        ),
                        cols[4],
                    ),
                ])
            })
            .collect();
        doc = doc.add_table(table(
            &[
                w(lang, "Hệ thống", "System"),
                w(lang, "Năng lực", "Capability"),
                w(lang, "Kết nối tới", "Connects to"),
                w(lang, "Qua nền tảng", "Through"),
                w(lang, "Đã khai báo", "Declared"),
            ],
            &cols,
            rows,
        ));
    }
    if let Some(png) = graph {
        // At most the text width, keeping the aspect ratio (EMU: 635 per twip).
        let max_w = (TEXT_WIDTH as u64) * 635;
        let natural_w = u64::from(png.width) * 9525 / 2;
        let width = natural_w.min(max_w);
        let height = width * u64::from(png.height) / u64::from(png.width.max(1));
        let pic = Pic::new_with_dimensions(png.bytes.clone(), png.width, png.height)
            .id("rIdImage1")
            .size(width as u32, height as u32);
        doc = doc
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_image(pic))
                    .align(AlignmentType::Center),
            )
            .add_paragraph(centered(
                run(w(
                    lang,
                    "Hình 1. Đề xuất và các thành phần liên quan trong kiến trúc",
                    "Figure 1. The proposal and what it touches in the architecture",
                ))
                .italic()
                .size(SMALL),
            ));
    }

    // III. The checklist by principle.
    doc = doc.add_paragraph(heading(w(
        lang,
        "III. ĐÁNH GIÁ THEO NGUYÊN TẮC CỦA KHUNG KIẾN TRÚC",
        "III. CHECKLIST BY PRINCIPLE OF THE FRAMEWORK",
    )));
    let cols = widths(&[45, 35, 20]);
    let rows = verdict
        .checklist
        .iter()
        .map(|check| {
            let result = match check.state {
                CheckState::Pass => tr(lang, super::human::pass_key(check), &[]),
                CheckState::Fail => tr(lang, "review.fail", &[]),
                CheckState::NotJudged => super::human::not_judged_text(check, lang),
            };
            TableRow::new(vec![
                cell(&principle_text(lang, check.principle), cols[0]),
                cell(&plain(&result), cols[1]),
                number_cell(&check.findings.len().to_string(), cols[2]),
            ])
        })
        .collect();
    doc = doc.add_table(table(
        &[
            w(lang, "Nguyên tắc", "Principle"),
            w(lang, "Kết quả", "Result"),
            w(lang, "Số vấn đề", "Findings"),
        ],
        &cols,
        rows,
    ));
    doc = doc.add_paragraph(para(&plain(&super::threshold_text(lang, verdict.fail_on))));

    // IV. The findings in plain words.
    doc = doc.add_paragraph(heading(w(lang, "IV. CÁC VẤN ĐỀ PHÁT HIỆN", "IV. FINDINGS")));
    if reviewed.findings.is_empty() {
        doc = doc.add_paragraph(para(&tr(lang, "review.findings.none", &[])));
    }
    for (i, f) in reviewed.findings.iter().enumerate() {
        let mut severity = tr(lang, &format!("severity.{}", f.severity.as_str()), &[]);
        if f.waived.is_some() {
            severity = format!("{severity}, {}", tr(lang, "review.waived", &[]));
        }
        doc = doc.add_paragraph(para(&format!(
            "{}. ({severity}) {}",
            i + 1,
            plain(&f.text(lang))
        )));
    }
    if !reviewed.resolved.is_empty() {
        doc = doc.add_paragraph(para(w(
            lang,
            "Vấn đề hiện có mà đề xuất khắc phục:",
            "Existing findings the proposal resolves:",
        )));
        for f in &reviewed.resolved {
            doc = doc.add_paragraph(bullet(&plain(&f.text(lang))));
        }
    }

    // V. Money at stake.
    doc = doc.add_paragraph(heading(w(
        lang,
        "V. KINH PHÍ CÓ NGUY CƠ LÃNG PHÍ",
        "V. MONEY AT STAKE",
    )));
    doc = doc.add_paragraph(para(&plain(&super::human::at_stake_text(
        reviewed,
        lang,
        &|id| {
            project
                .systems
                .iter()
                .find(|s| s.system.id == id)
                .map_or(id.to_string(), |s| s.system.name.clone())
        },
    ))));

    // VI. Conclusion.
    doc = doc.add_paragraph(heading(w(lang, "VI. KẾT LUẬN", "VI. CONCLUSION")));
    let sentence = match lang {
        Lang::Vi => format!(
            "Dự án {} {} với Kiến trúc Chính quyền điện tử{}.",
            project.name,
            words.to_uppercase(),
            model_name
                .as_deref()
                .map_or(String::new(), |n| format!(" ({n})"))
        ),
        Lang::En => format!(
            "The project {} is {} with the e-Government Architecture{}.",
            project.name,
            words.to_uppercase(),
            model_name
                .as_deref()
                .map_or(String::new(), |n| format!(" ({n})"))
        ),
    };
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(&sentence).bold())
            .align(AlignmentType::Both)
            .line_spacing(LineSpacing::new().after(120)),
    );
    if !conditions.is_empty() {
        doc = doc.add_paragraph(para(match conclusion {
            Conclusion::Unsuitable => w(
                lang,
                "Chủ đầu tư cần khắc phục các nội dung sau trước khi trình phê duyệt:",
                "The investor must address the following before the proposal is approved:",
            ),
            _ => w(
                lang,
                "Điều kiện: chủ đầu tư thực hiện các nội dung sau:",
                "Conditions: the investor shall",
            ),
        }));
        for c in &conditions {
            doc = doc.add_paragraph(bullet(&plain(&condition_text(reviewed, lang, *c))));
        }
    }

    // Recipients and the signer.
    let recipients_w = mm(80) as usize;
    let signer_w = TEXT_WIDTH - recipients_w;
    let mut recipients = TableCell::new()
        .add_paragraph(
            Paragraph::new().add_run(run(w(lang, "Nơi nhận:", "To:")).bold().italic().size(SMALL)),
        )
        .width(recipients_w, WidthType::Dxa);
    let mut listed = Vec::new();
    if let Some(o) = &project.owner {
        listed.push(format!("{};", o.name));
    }
    if let Some(a) = &authority {
        listed.push(format!(
            "{} ({});",
            a.name,
            w(lang, "để báo cáo", "for information")
        ));
    }
    listed.push(w(lang, "Lưu: VT.", "File copy.").to_string());
    for r in listed {
        recipients =
            recipients.add_paragraph(Paragraph::new().add_run(run(&format!("- {r}")).size(SMALL)));
    }
    let signer = TableCell::new()
        .add_paragraph(centered(
            run(w(
                lang,
                "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ",
                "AUTHORITY AND TITLE OF THE SIGNER",
            ))
            .bold()
            .size(SMALL),
        ))
        .add_paragraph(centered(
            run(w(
                lang,
                "(Chữ ký của người có thẩm quyền, dấu của cơ quan)",
                "(Signature of the competent person, seal of the agency)",
            ))
            .italic()
            .size(SMALL),
        ))
        .add_paragraph(Paragraph::new())
        .add_paragraph(Paragraph::new())
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(run(w(lang, "Họ và tên", "Full name")).bold()))
        .width(signer_w, WidthType::Dxa);
    doc = doc.add_paragraph(Paragraph::new()).add_table(
        Table::without_borders(vec![TableRow::new(vec![recipients, signer])])
            .set_grid(vec![recipients_w, signer_w])
            .width(TEXT_WIDTH, WidthType::Dxa),
    );

    // Annex: where each finding is in the model.
    if !reviewed.findings.is_empty() {
        doc = doc
            .add_paragraph(
                centered(
                    run(w(
                        lang,
                        "PHỤ LỤC: VỊ TRÍ CÁC VẤN ĐỀ TRONG MÔ HÌNH",
                        "ANNEX: WHERE THE FINDINGS ARE IN THE MODEL",
                    ))
                    .bold(),
                )
                .page_break_before(true),
            )
            .add_paragraph(Paragraph::new());
        let cols = widths(&[6, 14, 30, 50]);
        let sources = &reviewed.judged.loaded.sources;
        let rows = reviewed
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let position = sources.position(f.loc);
                TableRow::new(vec![
                    number_cell(&(i + 1).to_string(), cols[0]),
                    cell(f.code(), cols[1]),
                    cell(&f.element, cols[2]),
                    cell(
                        &format!(
                            "{}:{}:{}",
                            sources.path(f.loc),
                            position.line,
                            position.column
                        ),
                        cols[3],
                    ),
                ])
            })
            .collect();
        doc = doc.add_table(table(
            &[
                w(lang, "TT", "No."),
                w(lang, "Mã", "Code"),
                w(lang, "Phần tử", "Element"),
                w(lang, "Vị trí", "Position"),
            ],
            &cols,
            rows,
        ));
    }

    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| format!("cannot write the Word document: {e}"))?;
    Ok(bytes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_becomes_png_at_twice_its_size() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="red"/><text x="2" y="15" font-family="sans-serif">Bạc Liêu</text></svg>"#;
        let png = png_of_svg(svg.as_bytes()).unwrap();
        assert!(png.bytes.starts_with(&[137, 80, 78, 71, 13, 10, 26, 10]));
        assert_eq!((png.width, png.height), (80, 40));
        assert!(png_of_svg(b"not svg").is_err());
    }

    #[test]
    fn the_page_is_a4_with_the_decree_margins() {
        assert_eq!(A4, (11906, 16838));
        assert_eq!(mm(30), 1700);
        assert_eq!(mm(20), 1133);
        // 165 mm of text between the margins.
        assert_eq!(TEXT_WIDTH, 11906 - 1700 - 850);
    }

    #[test]
    fn widths_fill_the_text_width() {
        assert_eq!(widths(&[1, 1, 1]).iter().sum::<usize>(), TEXT_WIDTH);
    }

    #[test]
    fn messages_lose_their_backticks() {
        assert_eq!(plain("`a` uses `b`"), "a uses b");
    }
}
