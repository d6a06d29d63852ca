//! The command line's help in Vietnamese: every `about` and argument help of [`crate::cli::Cli`]
//! (written in English in `cli.rs`) has its Vietnamese text here, keyed by the English text,
//! and [`localize`] puts them, with Vietnamese headings, defaults and values, into the clap
//! command before it parses. A test walks the whole command tree: a help text without its
//! Vietnamese is a failure, so a new option cannot ship untranslated. Parse errors are said in
//! Vietnamese by [`error_text`].

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::i18n::Lang;

/// (English, Vietnamese), sorted by the English text.
pub const HELP: &[(&str, &str)] = &[
    (
        "A decisions file (YAML) that overrides what to keep",
        "Tệp quyết định (YAML) thay đổi lựa chọn giữ lại",
    ),
    (
        "A language server over stdio for the model's YAML files (diagnostics, hover, go to definition, references, completion of ids, \"did you mean\" fixes)",
        "Máy chủ ngôn ngữ (LSP) qua stdio cho các tệp YAML của mô hình (chẩn đoán, thông tin khi di chuột, đi tới định nghĩa, tìm tham chiếu, gợi ý mã, sửa theo “có phải”)",
    ),
    (
        "A rule code, e.g. DUP001, or the id of a national catalogue element, e.g. vn.ndop",
        "Mã quy tắc, ví dụ DUP001, hoặc mã một phần tử của danh mục quốc gia, ví dụ vn.ndop",
    ),
    (
        "Also draw the proposal's neighbourhood (its new elements and what they touch, with the findings) into FILE; the format follows the extension: .svg, .html, .dot/.gv, .mmd, .puml, .graphml, .xml (ArchiMate) or .json",
        "Vẽ thêm vùng lân cận của đề xuất (các phần tử mới và những gì chúng chạm tới, kèm phát hiện) vào TỆP; định dạng theo phần mở rộng: .svg, .html, .dot/.gv, .mmd, .puml, .graphml, .xml (ArchiMate) hoặc .json",
    ),
    (
        "Also write the consolidation as a proposal (one `proposed` project) for `kientruc review`",
        "Ghi thêm kế hoạch hợp nhất thành một đề xuất (một dự án `proposed`) cho `kientruc review`",
    ),
    (
        "Check again whenever a file of the model changes, clearing and reprinting the report (Ctrl-C stops)",
        "Kiểm tra lại mỗi khi một tệp của mô hình thay đổi, xoá màn hình và in lại báo cáo (Ctrl-C để dừng)",
    ),
    (
        "Colour in the terminal report (NO_COLOR is honoured)",
        "Màu trong báo cáo trên màn hình (tôn trọng NO_COLOR)",
    ),
    (
        "Compare two versions of a model: elements, edges and findings added and removed",
        "So sánh hai phiên bản của mô hình: phần tử, quan hệ và phát hiện được thêm và bỏ",
    ),
    (
        "Draw only what lies within --depth edges of this element",
        "Chỉ vẽ những gì cách phần tử này không quá --depth quan hệ",
    ),
    (
        "Exit 1 when a finding introduced by NEW is at or above this severity (diff's exit code depends on this option only, not on --fail-on)",
        "Thoát với mã 1 khi một phát hiện do NEW đưa vào đạt mức này trở lên (mã thoát của diff chỉ phụ thuộc tùy chọn này, không phụ thuộc --fail-on)",
    ),
    (
        "Explain a rule: what it checks, why, an example and its fix",
        "Giải thích một quy tắc: kiểm tra gì, vì sao, ví dụ và cách sửa",
    ),
    (
        "Export the dependency graph for review meetings (DOT, Mermaid, SVG, HTML, ArchiMate, …)",
        "Xuất sơ đồ phụ thuộc cho cuộc họp thẩm định (DOT, Mermaid, SVG, HTML, ArchiMate, …)",
    ),
    (
        "Findings at or above this severity make the exit code 1",
        "Phát hiện từ mức này trở lên làm mã thoát là 1",
    ),
    (
        "Group elements by layer or by owner",
        "Nhóm phần tử theo tầng hoặc theo cơ quan chủ quản",
    ),
    (
        "How many edges from --focus (either direction)",
        "Số quan hệ tính từ --focus (cả hai chiều)",
    ),
    (
        "Judge against this framework's catalogue instead of the model's `framework`",
        "Đánh giá theo danh mục của khung kiến trúc này thay cho `framework` của mô hình",
    ),
    (
        "Judge against this framework's catalogue instead of the model's `framework` (a what-if run); `kientruc catalogue` lists the versions",
        "Đánh giá theo danh mục của khung kiến trúc này thay cho `framework` của mô hình (chạy thử “nếu như”); `kientruc catalogue` liệt kê các phiên bản",
    ),
    (
        "Kiểm tra kiến trúc Chính quyền điện tử / số của tỉnh theo Khung kiến trúc 3.0 hoặc 4.0 — checks a province's e-government architecture against Vietnam's framework 3.0 or 4.0",
        "Kiểm tra kiến trúc Chính quyền điện tử / số của tỉnh theo Khung kiến trúc 3.0 hoặc 4.0",
    ),
    (
        "Language of headings and notes (default: KIENTRUC_LANG, then LANG, then vi)",
        "Ngôn ngữ của tiêu đề và ghi chú (mặc định: KIENTRUC_LANG, rồi LANG, rồi vi)",
    ),
    (
        "Language of labels and messages (default: KIENTRUC_LANG, then LANG, then vi)",
        "Ngôn ngữ của nhãn và thông báo (mặc định: KIENTRUC_LANG, rồi LANG, rồi vi)",
    ),
    (
        "Language of messages (default: KIENTRUC_LANG, then LANG, then vi)",
        "Ngôn ngữ của thông báo (mặc định: KIENTRUC_LANG, rồi LANG, rồi vi)",
    ),
    (
        "Language of messages and reports (default: KIENTRUC_LANG, then LANG, then vi)",
        "Ngôn ngữ của thông báo và báo cáo (mặc định: KIENTRUC_LANG, rồi LANG, rồi vi)",
    ),
    (
        "Language of sheet names and headers (default: KIENTRUC_LANG, then LANG, then vi)",
        "Ngôn ngữ của tên trang và tiêu đề cột (mặc định: KIENTRUC_LANG, rồi LANG, rồi vi)",
    ),
    (
        "Language of the diagnostics and hovers (default: KIENTRUC_LANG, then LANG, then vi)",
        "Ngôn ngữ của chẩn đoán và thông tin di chuột (mặc định: KIENTRUC_LANG, rồi LANG, rồi vi)",
    ),
    (
        "Language of the explanation (default: KIENTRUC_LANG, then LANG, then vi)",
        "Ngôn ngữ của phần giải thích (mặc định: KIENTRUC_LANG, rồi LANG, rồi vi)",
    ),
    (
        "Language of the plan (default: KIENTRUC_LANG, then LANG, then vi)",
        "Ngôn ngữ của kế hoạch (mặc định: KIENTRUC_LANG, rồi LANG, rồi vi)",
    ),
    (
        "List the national catalogue of a framework version: agencies, platforms, databases, capabilities, mandatory links, legal sources and what is uncertain",
        "Liệt kê danh mục quốc gia của một phiên bản khung kiến trúc: cơ quan, nền tảng, cơ sở dữ liệu, năng lực, kết nối bắt buộc, căn cứ pháp lý và những điểm chưa chắc chắn",
    ),
    (
        "List the rules: code, name, default severity, principle",
        "Liệt kê các quy tắc: mã, tên, mức độ mặc định, nguyên tắc",
    ),
    (
        "Load, validate and judge a model; print the findings",
        "Nạp, kiểm tra hợp lệ và đánh giá một mô hình; in các phát hiện",
    ),
    (
        "Markdown: links to files start with this absolute URL (http or https), e.g. `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/`, so that they work in a pull-request comment; without it they are relative to the repository's root",
        "Markdown: liên kết tới tệp bắt đầu bằng URL tuyệt đối này (http hoặc https), ví dụ `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/`, để dùng được trong bình luận pull request; không có thì liên kết tương đối so với gốc kho mã",
    ),
    (
        "Merge several provinces' models into one (clashing ids namespaced, agencies mapped)",
        "Hợp nhất mô hình của nhiều tỉnh thành một (mã trùng được gắn tiền tố, cơ quan được ánh xạ)",
    ),
    (
        "Only the systems and data sets of this agency",
        "Chỉ các hệ thống và dữ liệu của cơ quan này",
    ),
    (
        "Only the systems of this layer (data sets count as the data layer)",
        "Chỉ các hệ thống của tầng này (dữ liệu tính là tầng dữ liệu)",
    ),
    (
        "Only these edge families, comma-separated (default: all)",
        "Chỉ các nhóm quan hệ này, cách nhau bởi dấu phẩy (mặc định: tất cả)",
    ),
    (
        "Only this agency's systems, data sets and projects (to send a department its part)",
        "Chỉ hệ thống, dữ liệu và dự án của cơ quan này (để gửi mỗi sở phần của mình)",
    ),
    ("Output format", "Định dạng đầu ra"),
    (
        "Output format: the terminal report, the JSON document with a `verdict`, a Markdown report for the appraisal file, or `docx`, the appraisal opinion as a Word document (binary: with -o FILE, or to a pipe; never to a terminal)",
        "Định dạng đầu ra: báo cáo trên màn hình, tài liệu JSON có `verdict`, báo cáo Markdown cho hồ sơ thẩm định, hoặc `docx`, ý kiến thẩm định dạng văn bản Word (nhị phân: với -o TỆP, hoặc vào một đường ống; không bao giờ ra màn hình)",
    ),
    (
        "Overlay a proposal (a model fragment) and mark its new elements",
        "Phủ một đề xuất (một phần mô hình) lên và đánh dấu các phần tử mới của nó",
    ),
    (
        "Print the JSON Schema of the model format (or of a merger's agency map or decisions file)",
        "In lược đồ JSON (JSON Schema) của định dạng mô hình (hoặc của bảng ánh xạ cơ quan hay tệp quyết định khi hợp nhất)",
    ),
    (
        "Record today's findings in this baseline file (JSON); they are then not reported",
        "Ghi các phát hiện hôm nay vào tệp baseline này (JSON); sau đó chúng không được báo nữa",
    ),
    (
        "Replace the output directory when it is not empty",
        "Thay thư mục đầu ra khi nó không trống",
    ),
    (
        "Report and fail only on findings that are not in this baseline file (matched by rule, element and message, not by line)",
        "Chỉ báo và chỉ đánh trượt những phát hiện không có trong tệp baseline này (so theo quy tắc, phần tử và nội dung, không theo dòng)",
    ),
    (
        "Review an investment proposal against the model: the verdict for approval",
        "Thẩm định một đề xuất đầu tư so với mô hình: kết luận để phê duyệt",
    ),
    (
        "Run the rules and colour what the findings name, with the rule codes",
        "Chạy các quy tắc và tô màu những gì các phát hiện nêu tên, kèm mã quy tắc",
    ),
    (
        "SARIF: write at most N results, the most severe first (GitHub accepts 25,000 per run); a notification says how many were left out. 0 means no limit",
        "SARIF: ghi tối đa N kết quả, nghiêm trọng nhất trước (GitHub nhận 25.000 kết quả mỗi lần chạy); một thông báo cho biết bao nhiêu kết quả bị bỏ. 0 là không giới hạn",
    ),
    (
        "The agency mapping file: the merged province's agencies and the source agencies each replaces",
        "Tệp ánh xạ cơ quan: các cơ quan của tỉnh sau hợp nhất và các cơ quan nguồn mà mỗi cơ quan thay thế",
    ),
    (
        "The catalogue an element id is looked up in (default: the default catalogue); with a rule code, also list what this catalogue gives the rule to read",
        "Danh mục dùng để tra mã phần tử (mặc định: danh mục mặc định); với mã quy tắc, liệt kê thêm những gì danh mục này cung cấp cho quy tắc đọc",
    ),
    (
        "The date rules compare with (waivers, temporary integrations), YYYY-MM-DD",
        "Ngày các quy tắc so sánh với (miễn trừ, tích hợp tạm thời), YYYY-MM-DD",
    ),
    (
        "The date rules compare with (waivers, temporary integrations, deadlines, agencies' validity), YYYY-MM-DD",
        "Ngày các quy tắc so sánh với (miễn trừ, tích hợp tạm thời, hạn chót, thời gian hiệu lực của cơ quan), YYYY-MM-DD",
    ),
    (
        "The date rules compare with (with --findings), YYYY-MM-DD",
        "Ngày các quy tắc so sánh với (khi có --findings), YYYY-MM-DD",
    ),
    (
        "The date rules compare with, YYYY-MM-DD (default: today)",
        "Ngày các quy tắc so sánh với, YYYY-MM-DD (mặc định: hôm nay)",
    ),
    (
        "The directory to create (it must not exist, or be empty)",
        "Thư mục cần tạo (phải chưa có, hoặc trống)",
    ),
    (
        "The directory to write (it must not exist or be empty, unless --force)",
        "Thư mục cần ghi (phải chưa có hoặc trống, trừ khi có --force)",
    ),
    (
        "The filled workbook (.xlsx, .xlsm, .ods, .xls), a CSV file, or a directory of CSV files named after the sheets (co-quan.csv, he-thong.csv, …)",
        "Bảng tính đã điền (.xlsx, .xlsm, .ods, .xls), một tệp CSV, hoặc một thư mục các tệp CSV đặt tên theo trang (co-quan.csv, he-thong.csv, …)",
    ),
    (
        "The framework version (default: the catalogue used when a model names none)",
        "Phiên bản khung kiến trúc (mặc định: danh mục dùng khi mô hình không nêu phiên bản)",
    ),
    (
        "The merged model (written by `kientruc merge`)",
        "Mô hình đã hợp nhất (do `kientruc merge` ghi)",
    ),
    (
        "The merged model's id; the source with this id (else the first) is the primary one",
        "Mã của mô hình hợp nhất; mô hình nguồn có mã này (nếu không thì mô hình đầu tiên) là mô hình chính",
    ),
    ("The merged model's name", "Tên của mô hình hợp nhất"),
    (
        "The model directory (default: the editor's workspace folder)",
        "Thư mục mô hình (mặc định: thư mục làm việc của trình soạn thảo)",
    ),
    (
        "The model directory to write (it must not exist or be empty, unless --force)",
        "Thư mục mô hình cần ghi (phải chưa có hoặc trống, trừ khi có --force)",
    ),
    (
        "The model the proposal is laid over (a directory or one file)",
        "Mô hình mà đề xuất được phủ lên (một thư mục hoặc một tệp)",
    ),
    (
        "The model: a directory of YAML files or one file",
        "Mô hình: một thư mục các tệp YAML hoặc một tệp",
    ),
    (
        "The model: a directory of YAML files or one file (default: the current directory)",
        "Mô hình: một thư mục các tệp YAML hoặc một tệp (mặc định: thư mục hiện hành)",
    ),
    (
        "The national catalogue offered in drop-downs (default: the default catalogue)",
        "Danh mục quốc gia đưa vào danh sách chọn (mặc định: danh mục mặc định)",
    ),
    (
        "The new version: a directory, a file, or REV:PATH from the git repository here",
        "Phiên bản mới: một thư mục, một tệp, hoặc REV:PATH trong kho git tại đây",
    ),
    (
        "The old version: a directory, a file, or REV:PATH from the git repository here",
        "Phiên bản cũ: một thư mục, một tệp, hoặc REV:PATH trong kho git tại đây",
    ),
    (
        "The proposal: a YAML file or directory with exactly one project of status `proposed`",
        "Đề xuất: một tệp hoặc thư mục YAML có đúng một dự án ở trạng thái `proposed`",
    ),
    (
        "The source models (directories or files), at least two",
        "Các mô hình nguồn (thư mục hoặc tệp), ít nhất hai",
    ),
    ("The workbook to write", "Bảng tính cần ghi"),
    ("The workbook to write (.xlsx)", "Bảng tính cần ghi (.xlsx)"),
    (
        "Turn a filled inventory workbook (XLSX, ODS) into a model directory",
        "Chuyển một bảng tính danh mục đã điền (XLSX, ODS, CSV) thành thư mục mô hình",
    ),
    (
        "Use this framework's catalogue instead of the model's `framework`",
        "Dùng danh mục của khung kiến trúc này thay cho `framework` của mô hình",
    ),
    (
        "What a merged province holds twice: what to keep, retire and migrate",
        "Những gì tỉnh sau hợp nhất có hai lần: giữ gì, dừng gì và chuyển dữ liệu nào",
    ),
    (
        "Which file's schema: a model file, an agency map (`merge --map`) or a decisions file (`consolidate --decisions`)",
        "Lược đồ của tệp nào: tệp mô hình, bảng ánh xạ cơ quan (`merge --map`) hay tệp quyết định (`consolidate --decisions`)",
    ),
    (
        "Write a model as the inventory workbook (XLSX), whole or for one agency",
        "Ghi một mô hình thành bảng tính danh mục (XLSX), toàn bộ hoặc cho một cơ quan",
    ),
    (
        "Write a small starter model that passes `check`",
        "Ghi một mô hình khởi đầu nhỏ đạt yêu cầu của `check`",
    ),
    (
        "Write a starting mapping (agencies paired by name, province names removed) to FILE, and merge nothing",
        "Ghi bảng ánh xạ khởi đầu (cơ quan ghép theo tên, đã bỏ tên tỉnh) vào TỆP, và không hợp nhất gì",
    ),
    (
        "Write the graph to FILE instead of standard output",
        "Ghi sơ đồ vào TỆP thay vì đầu ra chuẩn",
    ),
    (
        "Write the inventory workbook (XLSX) to fill in: one sheet per section, drop-downs, a guide",
        "Ghi bảng tính danh mục (XLSX) để điền: mỗi mục một trang, danh sách chọn, trang hướng dẫn",
    ),
    (
        "Write the listing to FILE instead of standard output",
        "Ghi danh sách vào TỆP thay vì đầu ra chuẩn",
    ),
    (
        "Write the plan to FILE instead of standard output",
        "Ghi kế hoạch vào TỆP thay vì đầu ra chuẩn",
    ),
    (
        "Write the report to FILE instead of standard output",
        "Ghi báo cáo vào TỆP thay vì đầu ra chuẩn",
    ),
];

/// The Vietnamese of an English help text.
pub fn vi(english: &str) -> Option<&'static str> {
    HELP.binary_search_by(|(en, _)| (*en).cmp(english))
        .ok()
        .map(|k| HELP[k].1)
}

/// The words of an argument's values: its default and the values it accepts, in Vietnamese.
fn values(arg: &Arg) -> String {
    let mut out = String::new();
    if !arg.get_action().takes_values() || arg.is_hide_possible_values_set() {
        return out;
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        out.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
    }
    if !possible.is_empty() {
        out.push_str(&format!(" [giá trị: {}]", possible.join(", ")));
    }
    out
}

/// The placeholders of values, in Vietnamese (`<FILE>` → `<TỆP>`).
const VALUE_NAMES: &[(&str, &str)] = &[
    ("AGENCY", "CƠ_QUAN"),
    ("CODE", "MÃ"),
    ("COLOR", "MÀU"),
    ("DIR", "THƯ_MỤC"),
    ("EDGES", "NHÓM_QUAN_HỆ"),
    ("ELEMENT", "PHẦN_TỬ"),
    ("FAIL_ON", "MỨC"),
    ("FAIL_ON_NEW", "MỨC"),
    ("FILE", "TỆP"),
    ("FORMAT", "ĐỊNH_DẠNG"),
    ("GROUP_BY", "CÁCH_NHÓM"),
    ("ID", "MÃ"),
    ("LANG", "NGÔN_NGỮ"),
    ("LAYER", "TẦNG"),
    ("MERGED", "MÔ_HÌNH_HỢP_NHẤT"),
    ("MODEL", "MÔ_HÌNH"),
    ("NAME", "TÊN"),
    ("NEW", "MỚI"),
    ("OF", "LOẠI_TỆP"),
    ("OLD", "CŨ"),
    ("PROPOSAL", "ĐỀ_XUẤT"),
    ("URL", "URL"),
    ("VERSION", "PHIÊN_BẢN"),
    ("WORKBOOK", "BẢNG_TÍNH"),
    ("YYYY-MM-DD", "YYYY-MM-DD"),
];

fn value_name(name: &str) -> Option<&'static str> {
    VALUE_NAMES
        .iter()
        .find(|(en, _)| *en == name)
        .map(|(_, vi)| *vi)
}

fn localize_arg(arg: Arg) -> Arg {
    let names: Vec<clap::builder::Str> = arg
        .get_value_names()
        .map(|names| {
            names
                .iter()
                .map(|n| value_name(n.as_str()).map_or_else(|| n.clone(), Into::into))
                .collect()
        })
        .unwrap_or_default();
    let arg = if names.is_empty() {
        // Positionals and options named after their id (`--format <FORMAT>`).
        let id = arg.get_id().as_str().to_ascii_uppercase();
        match value_name(&id) {
            Some(named) if arg.get_action().takes_values() => arg.value_name(named),
            _ => arg,
        }
    } else {
        arg.value_names(names)
    };
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let text = vi(&help).map_or(help, str::to_string);
    let text = format!("{text}{}", values(&arg));
    let heading = if arg.is_positional() {
        "Đối số"
    } else {
        "Tùy chọn"
    };
    let arg = arg.help(text).help_heading(heading);
    if arg.get_action().takes_values() {
        // Said in the help text above, in Vietnamese.
        arg.hide_default_value(true).hide_possible_values(true)
    } else {
        arg
    }
}

const TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

fn localize_command(command: Command, parent: &str) -> Command {
    let about = command
        .get_about()
        .map(|a| a.to_string())
        .unwrap_or_default();
    // Under a heading of their own clap lists arguments by display order, else by name: keep
    // the order of the definition (`diff OLD NEW`).
    let mut order = 0;
    let mut command = command
        .about(vi(&about).map_or(about, str::to_string))
        .mut_args(|arg| {
            order += 1;
            localize_arg(arg).display_order(order)
        })
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In trợ giúp")
                .help_heading("Tùy chọn"),
        )
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .help_template(TEMPLATE);
    command = command
        .version(env!("CARGO_PKG_VERSION"))
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In phiên bản")
                .help_heading("Tùy chọn"),
        );
    // Usage lines name options in Vietnamese.
    let usage = command.clone().render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[TÙY CHỌN]")
        .replace("<COMMAND>", "<LỆNH>");
    let path = if parent.is_empty() {
        command.get_name().to_string()
    } else {
        format!("{parent} {}", command.get_name())
    };
    let usage = match usage.split_once(' ') {
        Some((_, rest)) => format!("{path} {rest}"),
        None => path.clone(),
    };
    command
        .override_usage(usage)
        .mut_subcommands(|sub| localize_command(sub, &path))
}

/// The command in `lang`: unchanged in English; in Vietnamese every text of it.
pub fn localize(command: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => command,
        Lang::Vi => localize_command(command.disable_help_subcommand(true), ""),
    }
}

/// The language the command line asks for before it is parsed: `--lang vi|en` (or
/// `--lang=…`) anywhere, else the environment's.
pub fn requested_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang=") {
            Some(value) => Some(value.to_string()),
            None if word == "--lang" => words.next().map(|v| v.into_owned()),
            None => None,
        };
        match value.as_deref() {
            Some("vi") => return Lang::Vi,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) => Some(
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A parse error in `lang`: clap's own text in English; in Vietnamese the common errors in
/// words (unknown argument or command, invalid or missing value), clap's text otherwise.
pub fn error_text(error: &clap::Error, lang: Lang) -> String {
    let english = error.render().to_string();
    if lang == Lang::En {
        return english;
    }
    let arg = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    let said = match error.kind() {
        ErrorKind::UnknownArgument => format!("không có tham số `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            let command = context(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("không có lệnh `{command}`")
        }
        ErrorKind::InvalidValue => {
            let valid = context(error, ContextKind::ValidValue)
                .map(|v| {
                    let values: Vec<String> = v.split(", ").map(|v| format!("`{v}`")).collect();
                    format!("; giá trị hợp lệ: {}", values.join(", "))
                })
                .unwrap_or_default();
            if value.is_empty() {
                format!("{arg} cần một giá trị{valid}")
            } else {
                format!("`{value}` không phải giá trị hợp lệ cho {arg}{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            format!("`{value}` không hợp lệ cho {arg}")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        ErrorKind::ArgumentConflict => {
            let other = context(error, ContextKind::PriorArg).unwrap_or_default();
            format!("không dùng được {arg} cùng với {other}")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "cần một lệnh; xem `kientruc --help`".to_string()
        }
        ErrorKind::NoEquals => format!("{arg} cần dấu `=` ngay trước giá trị"),
        ErrorKind::TooManyValues => format!("`{value}` là giá trị thừa cho {arg}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} nhận sai số lượng giá trị")
        }
        ErrorKind::InvalidUtf8 => "tham số dòng lệnh không phải UTF-8 hợp lệ".to_string(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return english,
        // Kinds clap does not raise for kientruc's own arguments (I/O, format): said in
        // Vietnamese with what clap knows of the argument.
        _ if !arg.is_empty() => format!("tham số {arg} không dùng được như vậy"),
        _ => "dòng lệnh không hợp lệ".to_string(),
    };
    let suggestion = context(error, ContextKind::SuggestedArg)
        .or_else(|| context(error, ContextKind::SuggestedSubcommand))
        .or_else(|| context(error, ContextKind::SuggestedValue))
        .map(|s| format!("\n  gợi ý: có phải `{}`?", s.replace(", ", "` hay `")))
        .unwrap_or_default();
    let usage = context(error, ContextKind::Usage)
        .map(|u| {
            let u = u.trim_start_matches("Usage:").trim().to_string();
            format!("\n\nCách dùng: {u}")
        })
        .unwrap_or_default();
    format!(
        "lỗi: {}{suggestion}{usage}\n\nXem thêm: --help\n",
        crate::text::printable(&said)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn rarer_clap_errors_are_said_in_vietnamese() {
        let command = || {
            Command::new("kientruc")
                .arg(
                    clap::Arg::new("today")
                        .long("today")
                        .require_equals(true)
                        .num_args(1),
                )
                .arg(clap::Arg::new("pair").long("pair").num_args(2))
                .arg(clap::Arg::new("one").index(1))
        };
        let cases: [&[&str]; 4] = [
            &["kientruc", "--today", "2026-01-15"],
            &["kientruc", "--pair", "a"],
            &["kientruc", "a", "b"],
            &["kientruc", "--bogus"],
        ];
        for args in cases {
            let error = command().try_get_matches_from(args).unwrap_err();
            let text = error_text(&error, Lang::Vi);
            assert!(text.starts_with("lỗi: "), "{:?}: {text}", error.kind());
            for english in [
                "error:",
                "Usage:",
                "For more information",
                "tip:",
                "unexpected",
            ] {
                assert!(!text.contains(english), "{:?}: {text}", error.kind());
            }
        }
    }

    fn walk(command: &Command, path: &str, missing: &mut Vec<String>) {
        let about = command
            .get_about()
            .map(|a| a.to_string())
            .unwrap_or_default();
        if vi(&about).is_none() {
            missing.push(format!("{path}: {about}"));
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            if vi(&help).is_none() {
                missing.push(format!("{path} --{id}: {help}"));
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }

    /// Every `<PLACEHOLDER>` of every command's Vietnamese help is Vietnamese, or one of the
    /// few written the same in both languages.
    #[test]
    fn every_placeholder_is_vietnamese() {
        fn walk(command: &mut Command, path: &str, english: &mut Vec<String>) {
            let help = command.render_help().to_string();
            for piece in help.split('<').skip(1) {
                let Some((name, _)) = piece.split_once('>') else {
                    continue;
                };
                let same = ["N", "URL", "YYYY-MM-DD"].contains(&name);
                if !same && name.is_ascii() {
                    english.push(format!("{path}: <{name}>"));
                }
            }
            let names: Vec<String> = command
                .get_subcommands()
                .map(|s| s.get_name().to_string())
                .collect();
            for name in names {
                if let Some(sub) = command.find_subcommand_mut(&name) {
                    walk(sub, &format!("{path} {name}"), english);
                }
            }
        }
        let mut command = localize(crate::cli::Cli::command(), Lang::Vi);
        let mut english = Vec::new();
        walk(&mut command, "kientruc", &mut english);
        assert!(english.is_empty(), "English placeholders: {english:?}");
    }

    #[test]
    fn every_help_text_has_its_vietnamese() {
        let mut sorted = HELP.to_vec();
        sorted.sort();
        assert_eq!(sorted, HELP, "HELP must stay sorted by its English text");
        let mut missing = Vec::new();
        walk(&crate::cli::Cli::command(), "kientruc", &mut missing);
        assert!(
            missing.is_empty(),
            "no Vietnamese for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn vietnamese_help_has_no_english_of_clap_or_of_cli() {
        let mut command = localize(crate::cli::Cli::command(), Lang::Vi);
        let root = command.render_help().to_string();
        let mut check = command.find_subcommand_mut("check").unwrap().clone();
        let check = check.render_help().to_string();
        for text in [&root, &check] {
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "Print help",
                "[default:",
                "[possible values:",
                "[OPTIONS]",
            ] {
                assert!(!text.contains(english), "{english} in:\n{text}");
            }
        }
        assert!(
            check.contains("Nạp, kiểm tra hợp lệ và đánh giá một mô hình"),
            "{check}"
        );
        assert!(check.contains("[mặc định: human]"), "{check}");
        assert!(check.contains("xlsx"), "{check}");
        assert!(root.contains("Lệnh"), "{root}");
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |words: &[&str]| {
            words
                .iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            requested_lang(&args(&["kientruc", "check", "--lang", "en"])),
            Lang::En
        );
        assert_eq!(
            requested_lang(&args(&["kientruc", "--lang=vi", "rules"])),
            Lang::Vi
        );
    }
}
