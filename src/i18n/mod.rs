//! The message catalogue: every text kientruc shows, in Vietnamese and English. Rule messages
//! live with their rule (`Rule::texts`); the texts of reports and commands live here. A
//! template names its arguments as `{name}`; a test checks both languages use the same ones.

mod merge;

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `KIENTRUC_LANG`, then `LANG` (`en*` → English, `vi*` → Vietnamese), then Vietnamese.
    pub fn from_env() -> Lang {
        for var in ["KIENTRUC_LANG", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                let value = value.to_ascii_lowercase();
                if value.starts_with("en") {
                    return Lang::En;
                }
                if value.starts_with("vi") {
                    return Lang::Vi;
                }
            }
        }
        Lang::Vi
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template uses, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

macro_rules! texts {
    ($($key:literal => $vi:literal, $en:literal;)*) => {
        pub const UI: &[Text] = &[$(Text { key: $key, vi: $vi, en: $en }),*];
    };
}

texts! {
    "summary.none" => "Không có phát hiện nào.", "No findings.";
    "summary.counts" => "{errors} lỗi, {warnings} cảnh báo, {infos} thông tin, {waived} được miễn trừ", "{errors} errors, {warnings} warnings, {infos} infos, {waived} waived";
    "summary.model" => "Mô hình {id}: {files} tệp, {elements} phần tử, {edges} quan hệ", "Model {id}: {files} files, {elements} elements, {edges} edges";
    "severity.error" => "lỗi", "error";
    "severity.warning" => "cảnh báo", "warning";
    "severity.info" => "thông tin", "info";
    "waived" => "được miễn trừ đến {expires} ({approved_by}): {reason}", "waived until {expires} ({approved_by}): {reason}";
    "short.waived" => "(được miễn trừ)", "(waived)";
    "load.failed" => "Không thể đánh giá mô hình (số lỗi: {count}).", "Cannot judge the model (problems found: {count}).";
    "human.related.advice" => "Gợi ý:", "Advice:";
    "human.related.warning" => "Cảnh báo:", "Warning:";
    "human.related.error" => "Lỗi:", "Error:";
    "related.here" => "tại đây", "here";
    "capex" => "vốn đầu tư: {amount} đồng", "capex: {amount} VND";
    "rules.header.code" => "Mã", "Code";
    "rules.header.name" => "Tên", "Name";
    "rules.header.severity" => "Mức mặc định", "Default";
    "rules.header.principle" => "Nguyên tắc", "Principle";
    "explain.principle" => "Nguyên tắc", "Principle";
    "explain.severity" => "Mức mặc định", "Default severity";
    "catalogue.title" => "Danh mục tham chiếu quốc gia {version}: {name}", "National reference catalogue {version}: {name}";
    "catalogue.instrument" => "Văn bản", "Instrument";
    "catalogue.valid_from" => "Áp dụng từ", "Valid from";
    "catalogue.replaced" => "Được thay thế bởi {by} từ {on}", "Replaced by {by} on {on}";
    "catalogue.in_force" => "Chưa được thay thế", "Not replaced";
    "catalogue.as_of" => "Hiện trạng tại", "As of";
    "catalogue.sources" => "Nguồn", "Sources";
    "catalogue.legal_bases" => "Căn cứ pháp lý thẩm định đầu tư", "Legal bases of investment review";
    "catalogue.window.from" => "từ {date}", "from {date}";
    "catalogue.window.until" => "đến hết {date}", "until {date}";
    "catalogue.window.always" => "suốt thời kỳ của danh mục", "for the whole catalogue";
    "catalogue.layers" => "Các tầng của Khung kiến trúc tổng thể quốc gia số và tầng của mô hình", "Layers of the national digital architecture and the model's layers";
    "catalogue.reorganisations" => "Sắp xếp bộ máy: cơ quan của mô hình chấm dứt", "Reorganisations: agencies of a model that end";
    "catalogue.reorganisation.level" => "cơ quan {level} (`{value}`)", "{level} agencies (`{value}`)";
    "level.central" => "trung ương", "central";
    "level.province" => "cấp tỉnh", "province-level";
    "level.department" => "cấp sở, ngành", "department-level";
    "level.district" => "cấp huyện", "district-level";
    "level.commune" => "cấp xã", "commune-level";
    "level.enterprise" => "doanh nghiệp", "enterprise";
    "catalogue.reorganisation.name" => "cơ quan có tên bắt đầu bằng \"{name}\"", "agencies named \"{name}…\"";
    "catalogue.reorganisation.line" => "{who}: tồn tại đến hết {until}; kế nhiệm: {successor}", "{who}: exist until {until}; successor: {successor}";
    "catalogue.agencies" => "Cơ quan", "Agencies";
    "catalogue.platforms" => "Nền tảng, hệ thống quốc gia", "National platforms and systems";
    "catalogue.data" => "Cơ sở dữ liệu, dữ liệu quốc gia", "National databases and data sets";
    "catalogue.capabilities" => "Năng lực và dịch vụ dùng chung", "Capabilities and shared services";
    "catalogue.col.id" => "Mã", "Id";
    "catalogue.col.name" => "Tên", "Name";
    "catalogue.col.owner" => "Chủ quản", "Owner";
    "catalogue.col.status" => "Trạng thái", "Status";
    "catalogue.col.layer" => "Tầng", "Layer";
    "catalogue.col.platform" => "Nền tảng chỉ định", "Designated platform";
    "catalogue.col.must" => "Kết nối bắt buộc", "Mandatory links";
    "catalogue.col.source" => "Căn cứ", "Legal source";
    "catalogue.col.uncertain" => "Chưa chắc chắn", "Uncertain";
    "catalogue.col.validity" => "Hiệu lực", "Validity";
    "catalogue.col.successor" => "Kế nhiệm", "Successor";
    "catalogue.col.classification" => "Phân loại", "Classification";
    "catalogue.deadline" => "trước hết {date}", "by {date}";
    "catalogue.uncertain" => "chưa chắc chắn: {reason}", "uncertain: {reason}";
    "catalogue.none" => "—", "—";
    "catalogue.element.kind.agency" => "cơ quan", "agency";
    "catalogue.element.kind.system" => "nền tảng, hệ thống", "platform or system";
    "catalogue.element.kind.data" => "dữ liệu", "data set";
    "catalogue.element.kind.capability" => "năng lực", "capability";
    "catalogue.element.heading" => "{id} — {name} ({kind}, danh mục {version})", "{id} — {name} ({kind}, catalogue {version})";
    "catalogue.element.description" => "Mô tả", "Description";
    "catalogue.rule_data" => "Dữ liệu quy tắc này đọc trong danh mục {version}", "What this rule reads in catalogue {version}";
    "catalogue.rule_data.none" => "Quy tắc này không đọc dữ liệu riêng của danh mục.", "This rule reads no data of its own from the catalogue.";
    "review.legal_basis" => "Căn cứ pháp lý", "Legal basis";
    "kind.agency" => "cơ quan", "agency";
    "kind.capability" => "năng lực", "capability";
    "kind.data" => "dữ liệu", "data set";
    "kind.system" => "hệ thống", "system";
    "kind.project" => "dự án", "project";
    "principle.integrity" => "tính toàn vẹn", "integrity";
    "principle.reuse" => "tái sử dụng", "reuse";
    "principle.sharing" => "chia sẻ", "sharing";
    "principle.duplication" => "tránh trùng lặp, lãng phí", "no duplication";
    "principle.interconnection" => "kết nối liên thông", "interconnection";
    "principle.inheritance" => "kế thừa", "inheritance";
    "principle.security" => "an toàn thông tin", "security";
    "principle.hosting" => "hạ tầng dùng chung", "shared hosting";
    "principle.investment" => "đầu tư", "investment";
    "coverage.skipped" => "Chưa đánh giá: {principles} — mô hình chưa toàn vẹn (lỗi KT001–KT003), nên {count} quy tắc khác chưa chạy; hãy sửa các lỗi toàn vẹn rồi kiểm tra lại.", "Not judged: {principles} — the model is not sound (KT001–KT003 errors), so {count} other rules did not run; fix the integrity errors and check again.";
    "coverage.off" => "Chưa đánh giá: {principles} — mọi quy tắc của các nguyên tắc này bị tắt trong mục `rules:` của mô hình.", "Not judged: {principles} — every rule of these principles is turned off in the model's `rules:` section.";
    "review.not_judged" => "Chưa đánh giá", "Not judged";
    "review.not_judged.integrity" => "mô hình có đề xuất chưa toàn vẹn: sửa lỗi KT001–KT003 trước", "the model with the proposal is not sound: fix KT001–KT003 first";
    "review.not_judged.off" => "mọi quy tắc của nguyên tắc này bị tắt", "every rule of this principle is turned off";
    "sarif.capped" => "{left} kết quả bị lược bớt: chỉ ghi {kept} kết quả nghiêm trọng nhất (--max-results; GitHub nhận tối đa 25.000 kết quả mỗi lần chạy).", "{left} results left out: only the {kept} most severe are written (--max-results; GitHub accepts at most 25,000 results per run).";
    "github.national" => "(danh mục quốc gia tích hợp trong kientruc)", "(the national catalogue built into kientruc)";
    "coverage.short" => "chưa đánh giá", "not judged";
    "kept.national" => "đó là hệ thống quốc gia", "it is a national system";
    "kept.platform" => "đó là nền tảng dùng chung được chỉ định", "it is the designated shared platform";
    "kept.status" => "nó đã ở giai đoạn vận hành xa hơn", "its status is further along";
    "kept.depended-on" => "hệ thống trùng lặp này phụ thuộc vào nó", "the duplicate itself depends on it";
    "kept.dependents" => "nhiều hệ thống đang hoạt động phụ thuộc vào nó hơn", "more live systems depend on it";
    "kept.capex" => "vốn đã đầu tư vào nó lớn hơn", "more has been invested in it";
    "kept.id" => "không tiêu chí nào phân biệt được hai hệ thống (chọn theo thứ tự mã)", "nothing else tells the two apart (the first id is kept)";
    "junit.more" => "{first} (và {more} phát hiện khác)", "{first} (and {more} more)";
    "waived.short" => "được miễn trừ", "waived";
    "junit.waived" => "chỉ có phát hiện được miễn trừ", "only waived findings";
    "markdown.title" => "Kiểm tra kiến trúc: {id}", "Architecture check: {id}";
    "markdown.principle" => "Nguyên tắc", "Principle";
    "markdown.waived" => "được miễn trừ", "waived";
    "markdown.total" => "Tổng", "Total";
    "xlsx.title" => "Kết quả kiểm tra kiến trúc {id}", "Architecture check of {id}";
    "xlsx.model" => "{name} — Khung kiến trúc {framework}", "{name} — framework {framework}";
    "xlsx.sheet.summary" => "Tổng hợp", "Summary";
    "xlsx.sheet.findings" => "Phát hiện", "Findings";
    "xlsx.col.code" => "Mã", "Code";
    "xlsx.col.severity" => "Mức độ", "Severity";
    "xlsx.col.principle" => "Nguyên tắc", "Principle";
    "xlsx.col.rule" => "Quy tắc", "Rule";
    "xlsx.col.element" => "Đối tượng", "Element";
    "xlsx.col.name" => "Tên", "Name";
    "xlsx.col.owner" => "Cơ quan chủ quản", "Owner";
    "xlsx.col.owner_name" => "Tên cơ quan", "Agency name";
    "xlsx.col.message" => "Nội dung", "Message";
    "xlsx.col.place" => "Vị trí (tệp:dòng:cột)", "Place (file:line:column)";
    "xlsx.col.capex" => "Vốn đầu tư (đồng)", "Capex (VND)";
    "xlsx.col.opex" => "Chi phí hằng năm (đồng)", "Opex per year (VND)";
    "xlsx.col.waived" => "Miễn trừ (lý do)", "Waived (reason)";
    "xlsx.col.state" => "Kết quả", "Result";
    "xlsx.col.errors" => "Lỗi", "Errors";
    "xlsx.col.warnings" => "Cảnh báo", "Warnings";
    "xlsx.col.infos" => "Thông tin", "Info";
    "xlsx.col.waived_count" => "Được miễn trừ", "Waived";
    "xlsx.col.total" => "Tổng", "Total";
    "xlsx.state.pass" => "đạt", "pass";
    "xlsx.state.findings" => "có phát hiện", "findings";
    "xlsx.no_owner" => "(không thuộc cơ quan nào)", "(no owning agency)";
    "markdown.more" => "… và {count} phát hiện khác, không liệt kê ở đây (xem báo cáo SARIF, JUnit hoặc JSON).", "… and {count} more findings, not listed here (see the SARIF, JUnit or JSON report).";
    "diff.more" => "… và {count} mục khác (xem --format json).", "… and {count} more (see --format json).";
    "markdown.findings" => "Phát hiện theo tệp", "Findings by file";
    "baseline.suppressed" => "{count} phát hiện đã có trong baseline nên không được báo.", "{count} findings are in the baseline and not reported.";
    "baseline.resolved" => "{count} mục trong baseline không còn khớp phát hiện nào (đã được khắc phục): có thể ghi lại baseline bằng --write-baseline.", "{count} baseline entries match no finding any more (fixed): tighten the baseline with --write-baseline.";
    "baseline.resolved.entry" => "đã khắc phục: {code} {element} ({key})", "resolved: {code} {element} ({key})";
    "baseline.written" => "Đã ghi baseline {path}: {count} phát hiện.", "Wrote the baseline {path}: {count} findings.";
    "diff.title" => "So sánh {old} → {new}", "Comparing {old} → {new}";
    "diff.none" => "Không có khác biệt.", "No differences.";
    "diff.absent" => "(không có)", "(absent)";
    "diff.added" => "Phần tử được thêm ({count}):", "Elements added ({count}):";
    "diff.removed" => "Phần tử bị xóa ({count}):", "Elements removed ({count}):";
    "diff.changed" => "Phần tử thay đổi ({count}):", "Elements changed ({count}):";
    "diff.edges_added" => "Quan hệ được thêm ({count}):", "Edges added ({count}):";
    "diff.edges_removed" => "Quan hệ bị xóa ({count}):", "Edges removed ({count}):";
    "diff.introduced" => "Phát hiện mới ({count}):", "Findings introduced ({count}):";
    "diff.resolved" => "Phát hiện đã được khắc phục ({count}):", "Findings resolved ({count}):";
    "diff.affected" => "Phần tử bị ảnh hưởng bởi phần tử thay đổi hoặc bị xóa, và vì sao ({count}):", "Elements affected by a changed or removed element, and why ({count}):";
    "diff.because.direct" => "{relation}, phần tử {state}", "{relation}, which {state}";
    "diff.because.path" => "{relation}, nên {event} `{cause}` ảnh hưởng tới nó qua đường {path}", "{relation}, so the {event} of `{cause}` reaches it through {path}";
    "diff.event.changed" => "việc thay đổi", "change";
    "diff.event.removed" => "việc xóa", "removal";
    "diff.because.added" => "quan hệ mới: {relation}", "new relation: {relation}";
    "diff.because.removed" => "quan hệ bị bỏ: {relation}", "relation dropped: {relation}";
    "diff.state.changed" => "đã thay đổi", "changed";
    "diff.state.removed" => "đã bị xóa", "was removed";
    "diff.rel.depends_on" => "`{a}` phụ thuộc vào `{b}`", "`{a}` depends on `{b}`";
    "diff.rel.hosted_on" => "`{a}` được đặt trên `{b}`", "`{a}` is hosted on `{b}`";
    "diff.rel.integration" => "`{a}` tích hợp tới `{b}`", "`{a}` integrates with `{b}`";
    "diff.rel.via" => "`{a}` tích hợp qua `{b}`", "`{a}` exchanges data through `{b}`";
    "diff.rel.integration_data" => "`{a}` trao đổi dữ liệu `{b}`", "`{a}` exchanges the data set `{b}`";
    "diff.rel.provides" => "`{a}` cung cấp năng lực `{b}`", "`{a}` provides `{b}`";
    "diff.rel.requires" => "`{a}` cần năng lực `{b}`", "`{a}` requires `{b}`";
    "diff.rel.master" => "`{a}` là nguồn gốc của dữ liệu `{b}`", "`{a}` masters `{b}`";
    "diff.rel.read" => "`{a}` đọc dữ liệu `{b}`", "`{a}` reads `{b}`";
    "diff.rel.copy" => "`{a}` giữ bản sao dữ liệu `{b}`", "`{a}` keeps a copy of `{b}`";
    "diff.rel.owner" => "`{a}` thuộc cơ quan chủ quản `{b}`", "`{a}` is owned by `{b}`";
    "diff.rel.parent" => "`{a}` trực thuộc `{b}`", "`{a}` reports to `{b}`";
    "diff.rel.successor" => "`{b}` tiếp nhận nhiệm vụ của `{a}`", "`{b}` takes over the duties of `{a}`";
    "diff.rel.replaces" => "`{a}` thay thế `{b}`", "`{a}` replaces `{b}`";
    "diff.rel.project" => "`{a}` do dự án `{b}` triển khai", "`{a}` is delivered by the project `{b}`";
    "diff.rel.delivers" => "dự án `{a}` triển khai `{b}`", "the project `{a}` delivers `{b}`";
    "diff.rel.platform" => "`{a}` có nền tảng dùng chung `{b}`", "`{a}` has the shared platform `{b}`";
    "diff.rel.must_integrate" => "`{a}` bắt buộc kết nối với `{b}`", "`{a}` must integrate with `{b}`";
    "diff.rel.authority" => "`{a}` do `{b}` chịu trách nhiệm", "`{a}` is the responsibility of `{b}`";
    "diff.scalar" => "{field}: {old} → {new}", "{field}: {old} → {new}";
    "diff.list.add" => "{field}: thêm {items}", "{field}: added {items}";
    "diff.list.drop" => "{field}: bỏ {items}", "{field}: removed {items}";
    "diff.add" => "thêm {what}", "added {what}";
    "diff.drop" => "bỏ {what}", "removed {what}";
    "diff.integration" => "tích hợp tới `{to}` qua `{via}`", "integration with `{to}` through `{via}`";
    "diff.integration.direct" => "tích hợp trực tiếp tới `{to}`", "direct integration with `{to}`";
    "diff.integration.data" => "dữ liệu {items}", "data {items}";
    "diff.integration.until" => "tạm thời đến {date}", "temporary until {date}";
    "diff.amount" => "{amount} đồng", "{amount} VND";
    "diff.amount_yearly" => "{amount} đồng/năm", "{amount} VND a year";
    "diff.field.name" => "tên", "name";
    "diff.field.status" => "trạng thái", "status";
    "diff.field.layer" => "tầng", "layer";
    "diff.field.owner" => "cơ quan chủ quản", "owner";
    "diff.field.audience" => "đối tượng phục vụ", "audience";
    "diff.field.provides" => "cung cấp năng lực", "provides";
    "diff.field.requires" => "cần năng lực", "requires";
    "diff.field.depends_on" => "phụ thuộc vào", "depends on";
    "diff.field.hosted_on" => "đặt trên", "hosted on";
    "diff.field.security_level" => "cấp độ an toàn", "security level";
    "diff.field.master" => "nguồn gốc của dữ liệu", "masters";
    "diff.field.read" => "đọc dữ liệu", "reads";
    "diff.field.copy" => "giữ bản sao dữ liệu", "keeps a copy of";
    "diff.field.replaces" => "thay thế", "replaces";
    "diff.field.project" => "dự án", "project";
    "diff.field.capex" => "vốn đầu tư", "capex";
    "diff.field.opex" => "chi phí vận hành", "opex";
    "diff.field.budget" => "kinh phí", "budget";
    "diff.field.funding" => "nguồn vốn", "funding";
    "diff.field.delivers" => "triển khai", "delivers";
    "diff.field.parent" => "cơ quan cấp trên", "parent";
    "diff.field.successor" => "cơ quan tiếp nhận", "successor";
    "diff.field.platform" => "nền tảng dùng chung", "shared platform";
    "diff.field.description" => "mô tả", "description";
    "diff.field.level" => "cấp", "level";
    "status.approved" => "đã phê duyệt", "approved";
    "status.in-progress" => "đang triển khai", "in progress";
    "status.completed" => "đã hoàn thành", "completed";
    "status.cancelled" => "đã hủy", "cancelled";
    "progress.loading" => "Đang nạp mô hình {path}…", "Loading the model {path}…";
    "progress.checking" => "Đã nạp {files} tệp, {elements} phần tử; đang chạy {rules} quy tắc…", "Loaded {files} files, {elements} elements; running {rules} rules…";
    "watch.watching" => "Đang theo dõi {path}; kiểm tra lại khi có tệp thay đổi (Ctrl-C để dừng)", "Watching {path}; checking again when a file changes (Ctrl-C stops)";
    "watch.changed" => "── {time}: {count} tệp thay đổi, kiểm tra lại ──", "── {time}: {count} files changed, checking again ──";
    "watch.failed" => "không theo dõi được {path}: {error}", "cannot watch {path}: {error}";
    "review.heading" => "Thẩm định sự phù hợp của đề xuất đầu tư với Kiến trúc Chính quyền số", "Review of an investment proposal against the e-government architecture";
    "review.proposal" => "Đề xuất", "Proposal";
    "review.model" => "Mô hình kiến trúc", "Architecture model";
    "review.date" => "Ngày thẩm định", "Review date";
    "review.owner" => "Chủ đầu tư", "Investor";
    "review.funding" => "Nguồn vốn", "Funding";
    "review.budget" => "Tổng mức đầu tư", "Budget";
    "review.not_stated" => "chưa khai báo", "not stated";
    "review.amount" => "{amount} đồng", "{amount} VND";
    "review.amount_yearly" => "{amount} đồng/năm", "{amount} VND a year";
    "review.verdict" => "Kết luận", "Verdict";
    "review.conclusion" => "Kết luận thẩm định", "Conclusion";
    "review.description" => "Mục tiêu, nội dung", "Description";
    "review.systems" => "Hệ thống thông tin của dự án (đồng)", "The project's information systems (VND)";
    "review.systems.col.system" => "Hệ thống", "System";
    "review.systems.col.capex" => "Chi phí đầu tư", "Capex";
    "review.systems.col.opex" => "Chi phí vận hành/năm", "Opex per year";
    "review.systems.total" => "Tổng cộng", "Total";
    "review.reuse.none" => "Không có hạng mục nào trùng lặp với hệ thống đã có.", "Nothing duplicates an existing system.";
    "review.ready" => "ĐỦ ĐIỀU KIỆN: đề xuất phù hợp với kiến trúc", "READY: the proposal conforms to the architecture";
    "review.not_ready" => "CHƯA ĐỦ ĐIỀU KIỆN: đề xuất chưa phù hợp với kiến trúc", "NOT READY: the proposal does not conform to the architecture";
    "review.counts" => "Đề xuất gây ra {errors} lỗi, {warnings} cảnh báo, {infos} thông tin, {waived} được miễn trừ.", "The proposal causes {errors} errors, {warnings} warnings, {infos} infos, {waived} waived.";
    "review.threshold" => "Phát hiện từ mức “{threshold}” trở lên làm đề xuất chưa đủ điều kiện.", "Findings at or above the level “{threshold}” make the proposal not ready.";
    "review.threshold.never" => "Không phát hiện nào làm đề xuất chưa đủ điều kiện (--fail-on never).", "No finding makes the proposal not ready (--fail-on never).";
    "review.checklist" => "Đối chiếu theo nguyên tắc của Khung kiến trúc", "Checklist by principle of the framework";
    "review.col.principle" => "Nguyên tắc", "Principle";
    "review.col.result" => "Kết quả", "Result";
    "review.col.findings" => "Phát hiện", "Findings";
    "review.pass" => "Đạt", "Pass";
    "review.pass_remarks" => "Đạt, có lưu ý", "Pass, with remarks";
    "review.fail" => "Không đạt", "Fail";
    "review.waived" => "được miễn trừ", "waived";
    "review.none" => "không có", "none";
    "review.at_stake" => "Vốn có nguy cơ lãng phí", "Money at stake";
    "review.at_stake.text" => "Vốn đầu tư {capex} đồng và chi phí vận hành {opex} đồng/năm nằm trong các hệ thống làm lại năng lực đã có: {systems}.", "Capex of {capex} VND and opex of {opex} VND a year are in systems that rebuild what exists: {systems}.";
    "review.at_stake.none" => "Đề xuất không làm lại năng lực hay dữ liệu nào đã có.", "The proposal rebuilds no capability or data set that already exists.";
    "review.at_stake.not_judged" => "Chưa xác định được vốn có nguy cơ lãng phí: các quy tắc về trùng lặp chưa chạy (xem mục Đối chiếu).", "The money at stake is not known: the duplication rules did not run (see the checklist).";
    "review.uses" => "Đề xuất tái sử dụng", "What the proposal reuses";
    "review.uses.none" => "Đề xuất không khai báo nền tảng, hạ tầng hay dữ liệu nào được tái sử dụng.", "The proposal declares no platform, hosting or data it reuses.";
    "review.uses.platform" => "{system} dùng nền tảng {target} — {name}{national}", "{system} uses the platform {target} — {name}{national}";
    "review.uses.hosting" => "{system} đặt tại {target} — {name}{national}", "{system} is hosted on {target} — {name}{national}";
    "review.uses.data" => "{system} đọc dữ liệu {target} — {name}{national} từ nguồn chính thức", "{system} reads the data set {target} — {name}{national} from its source";
    "review.resolved" => "Phát hiện của mô hình được đề xuất khắc phục", "Findings of the model the proposal resolves";
    "review.reuse" => "Tái sử dụng thay vì đầu tư mới", "Reuse instead of building";
    "review.reuse.col.system" => "Hệ thống đề xuất", "Proposed system";
    "review.reuse.col.what" => "Trùng với", "Overlaps";
    "review.reuse.col.existing" => "Hệ thống nên tái sử dụng", "System to reuse";
    "review.reuse.col.owner" => "Chủ quản", "Owner";
    "review.reuse.col.status" => "Trạng thái", "Status";
    "review.what.capability" => "năng lực {name}", "capability {name}";
    "review.what.platform" => "nền tảng dùng chung cho {name}", "shared platform for {name}";
    "review.what.data" => "dữ liệu {name}", "data set {name}";
    "review.national" => "cấp quốc gia", "national";
    "review.links" => "Kết nối bắt buộc", "Mandatory connections";
    "review.links.col.system" => "Hệ thống đề xuất", "Proposed system";
    "review.links.col.capability" => "Vì cung cấp năng lực", "Because it provides";
    "review.links.col.target" => "Phải kết nối với", "Must connect to";
    "review.links.col.via" => "Qua nền tảng", "Through";
    "review.links.col.declared" => "Đã khai báo", "Declared";
    "review.links.direct" => "trực tiếp", "direct";
    "review.links.no_platform" => "mô hình chưa chỉ định nền tảng chia sẻ dữ liệu", "the model designates no data-exchange platform";
    "review.links.none" => "Các năng lực của đề xuất không có kết nối bắt buộc.", "The proposal's capabilities require no mandatory connection.";
    "review.yes" => "có", "yes";
    "review.no" => "chưa", "no";
    "review.findings" => "Chi tiết phát hiện do đề xuất gây ra", "Findings the proposal causes";
    "review.findings.none" => "Đề xuất không gây ra phát hiện nào.", "The proposal causes no finding.";
    "review.col.code" => "Mã", "Code";
    "review.col.severity" => "Mức", "Severity";
    "review.col.element" => "Phần tử", "Element";
    "review.col.message" => "Nội dung", "Message";
    "review.col.location" => "Vị trí", "Location";
    "review.footer" => "Lập bởi kientruc {version}. Chỉ nêu các phát hiện do đề xuất gây ra so với mô hình hiện hành; mỗi quy tắc thuộc một nguyên tắc (`kientruc rules`); nguyên tắc mà quy tắc chưa chạy được ghi “Chưa đánh giá”, không bao giờ là “Đạt”. `kientruc explain MÃ` giải thích từng quy tắc.", "Written by kientruc {version}. Only the findings the proposal causes, compared with the current model; each rule serves one principle (`kientruc rules`); a principle whose rules did not run is “Not judged”, never “Pass”. `kientruc explain CODE` explains each rule.";
    "funding.public-investment" => "đầu tư công", "public investment";
    "funding.service-lease" => "thuê dịch vụ công nghệ thông tin", "IT service lease";
    "funding.other" => "nguồn khác", "other";
    "relation.depends_on" => "phụ thuộc vào", "depends on";
    "relation.hosted_on" => "chạy trên hạ tầng", "is hosted on";
    "relation.integration" => "tích hợp tới", "integrates with";
    "relation.via" => "tích hợp qua", "integrates through";
    "relation.integration_data" => "trao đổi qua tích hợp dữ liệu", "exchanges through an integration the data";
    "relation.provides" => "cung cấp năng lực", "provides";
    "relation.requires" => "cần năng lực", "requires";
    "relation.master" => "là nguồn gốc của dữ liệu", "is the master of";
    "relation.read" => "đọc dữ liệu", "reads";
    "relation.copy" => "giữ bản sao của", "keeps a copy of";
    "relation.owner" => "do cơ quan chủ quản", "is owned by";
    "relation.parent" => "trực thuộc", "is under";
    "relation.successor" => "được kế thừa bởi", "is succeeded by";
    "relation.replaces" => "thay thế", "replaces";
    "relation.project" => "thuộc dự án", "belongs to the project";
    "relation.delivers" => "đầu tư xây dựng", "delivers";
    "relation.platform" => "có nền tảng dùng chung", "has the shared platform";
    "relation.must_integrate" => "phải kết nối với", "must integrate with";
    "relation.authority" => "có cơ quan thẩm quyền", "has the authority";
    "status.proposed" => "đề xuất", "proposed";
    "status.planned" => "đã có kế hoạch", "planned";
    "status.building" => "đang xây dựng", "being built";
    "status.operational" => "đang vận hành", "operational";
    "status.retiring" => "sắp dừng", "retiring";
    "status.retired" => "đã dừng", "retired";
    "graph.title" => "Sơ đồ kiến trúc", "Architecture graph";
    "graph.new" => "MỚI", "NEW";
    "graph.legend" => "Chú giải", "Legend";
    "graph.edge.depends" => "phụ thuộc (khi chạy)", "depends on (at run time)";
    "graph.edge.hosted" => "chạy trên hạ tầng", "hosted on";
    "graph.edge.integration" => "tích hợp qua nền tảng (mã nền tảng trên nhãn)", "integration via a platform (its id on the label)";
    "graph.edge.data" => "luồng dữ liệu (nguồn gốc, đọc, bản sao)", "data flow (master, read, copy)";
    "graph.data.master" => "nguồn gốc", "master";
    "graph.data.read" => "đọc", "read";
    "graph.data.copy" => "bản sao", "copy";
    "graph.legend.national" => "thành phần quốc gia (vn.)", "national element (vn.)";
    "graph.legend.error" => "có lỗi (mã quy tắc trên nhãn)", "has an error (rule codes on the label)";
    "graph.legend.warning" => "có cảnh báo", "has a warning";
    "graph.legend.info" => "có thông tin cần lưu ý", "has an info finding";
    "graph.legend.new" => "mới, do đề xuất thêm vào", "new, added by the proposal";
    "graph.group.national" => "Hệ thống, dữ liệu quốc gia", "National platforms and data";
    "graph.group.capability" => "Năng lực nghiệp vụ, dùng chung", "Capabilities";
    "graph.group.agency" => "Cơ quan", "Agencies";
    "graph.layer.channel" => "Kênh giao tiếp", "Channels";
    "graph.layer.portal" => "Cổng thông tin", "Portals";
    "graph.layer.application" => "Ứng dụng, dịch vụ", "Applications and services";
    "graph.layer.data" => "Dữ liệu", "Data";
    "graph.layer.integration" => "Tích hợp, liên thông", "Integration";
    "graph.layer.infrastructure" => "Hạ tầng kỹ thuật", "Infrastructure";
    "graph.layer.security" => "An toàn thông tin", "Security";
    "graph.focus.unknown" => "`{id}` không phải mã phần tử nào của mô hình.{help}", "`{id}` is not the id of an element of the model.{help}";
    "graph.focus.filtered" => "`{id}` bị loại bởi --layer hoặc --owner, nên không thể làm tâm.", "`{id}` is left out by --layer or --owner, so it cannot be the focus.";
    "graph.owner.unknown" => "`{id}` không phải mã cơ quan nào của mô hình.{help}", "`{id}` is not the id of an agency of the model.{help}";
    "graph.did-you-mean" => " Có phải ý bạn là `{id}`?", " Did you mean `{id}`?";
    "graph.findings" => "Phát hiện", "Findings";
    "graph.findings.waived" => "{count} được miễn trừ", "{count} waived";
    "graph.findings.none" => "Không có phát hiện nào trên các phần tử này.", "No findings on these elements.";
    "graph.search" => "Tìm theo tên, mã, cơ quan hoặc mã quy tắc (Enter: kết quả tiếp theo)…", "Find by name, id, owner or rule code (Enter: next match)…";
    "graph.reset" => "Hiện tất cả", "Show all";
    "graph.zoom-in" => "Phóng to", "Zoom in";
    "graph.zoom-out" => "Thu nhỏ", "Zoom out";
    "graph.hint" => "Bấm vào một phần tử để xem các phần tử lân cận; chọn số bước và chiều.", "Click an element to see its neighbourhood; choose the steps and the direction.";
    "graph.filter.layer" => "Mọi tầng", "Every layer";
    "graph.filter.owner" => "Mọi cơ quan", "Every owner";
    "graph.filter.severity" => "Mọi mức độ", "Every severity";
    "graph.filter.principle" => "Mọi nguyên tắc", "Every principle";
    "graph.depth" => "Số bước quanh phần tử được chọn", "Steps around the selected element";
    "graph.depth.steps" => "{count} bước", "{count} steps";
    "graph.direction" => "Chiều của quan hệ", "Direction of the relations";
    "graph.direction.both" => "cả hai chiều", "both ways";
    "graph.direction.uses" => "những gì nó dùng", "what it uses";
    "graph.direction.used-by" => "những gì dùng nó", "what uses it";
    "graph.archimate.documentation" => "Xuất từ kientruc: hệ thống, dữ liệu, năng lực, cơ quan và quan hệ giữa chúng.", "Exported by kientruc: systems, data, capabilities, agencies and their relationships.";
    "graph.archimate.skipped" => "{count} quan hệ bị bỏ qua vì bảng quan hệ ArchiMate 3.1 không cho phép giữa hai loại phần tử đó.", "{count} relationships left out: the ArchiMate 3.1 relationship table does not allow them between those element types.";
    "graph.archimate.relations" => "Quan hệ", "Relations";
}

static UI_INDEX: LazyLock<HashMap<&'static str, &'static Text>> =
    LazyLock::new(|| UI.iter().chain(merge::TEXTS).map(|t| (t.key, t)).collect());

/// Every text of the catalogue (reports, commands, merge and consolidate), for tests that
/// look at the catalogue as a whole.
pub fn all() -> impl Iterator<Item = &'static Text> {
    UI.iter().chain(merge::TEXTS)
}

/// A UI text in `lang`, filled with `args`. An unknown key is a bug and shows as the key.
pub fn tr(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    match UI_INDEX.get(key) {
        Some(text) => fill(text.get(lang), args),
        None => key.to_string(),
    }
}

/// Formats an amount of VND with thousands separators (`.` in Vietnamese, `,` in English).
/// An amount of VND with thousands grouped; sums are `u128`, so no total ever saturates.
pub fn money(lang: Lang, amount: impl Into<u128>) -> String {
    let digits = amount.into().to_string();
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
        assert_eq!(fill("{missing}", &[]), "{missing}");
    }

    #[test]
    fn ui_texts_agree_across_languages() {
        let mut keys = std::collections::HashSet::new();
        for text in UI.iter().chain(merge::TEXTS) {
            assert!(keys.insert(text.key), "duplicate key {}", text.key);
            assert_eq!(placeholders(text.vi), placeholders(text.en), "{}", text.key);
        }
    }

    #[test]
    fn system_errors_are_said_in_vietnamese() {
        let missing = std::io::Error::from_raw_os_error(2);
        assert_eq!(
            io_vi(&missing),
            "không có tệp hay thư mục này (mã lỗi hệ thống 2)"
        );
        let said = Said::io("không đọc được m", "cannot read m", &missing);
        assert!(
            said.en.starts_with("cannot read m: No such file"),
            "{}",
            said.en
        );
        assert!(!said.vi.contains("No such"), "{}", said.vi);
        let other = std::io::Error::other("x");
        assert_eq!(io_vi(&other), "lỗi: x");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(Lang::Vi, 12_000_000_000u64), "12.000.000.000");
        assert_eq!(
            money(Lang::En, 3 * u128::from(u64::MAX)),
            "55,340,232,221,128,654,845"
        );
        assert_eq!(money(Lang::En, 900_000u64), "900,000");
    }
}

/// An operating-system error in Vietnamese: what went wrong in words for the common kinds,
/// the system's own text (with its code) otherwise. The English side is the system's text.
pub fn io_vi(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let words = match error.kind() {
        K::NotFound => "không có tệp hay thư mục này",
        K::PermissionDenied => "không có quyền truy cập",
        K::AlreadyExists => "đã có tệp hay thư mục này",
        K::IsADirectory => "đây là một thư mục, không phải tệp",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::ReadOnlyFilesystem => "hệ thống tệp chỉ cho đọc",
        K::StorageFull => "hết dung lượng lưu trữ",
        K::InvalidData => "nội dung không hợp lệ (không phải văn bản UTF-8?)",
        K::InvalidFilename => "tên tệp không hợp lệ",
        K::BrokenPipe => "đầu ra đã bị đóng",
        K::Interrupted => "bị ngắt",
        K::OutOfMemory => "hết bộ nhớ",
        _ => {
            return match error.raw_os_error() {
                Some(code) => format!("lỗi hệ thống (mã {code}): {error}"),
                None => format!("lỗi: {error}"),
            };
        }
    };
    match error.raw_os_error() {
        Some(code) => format!("{words} (mã lỗi hệ thống {code})"),
        None => words.to_string(),
    }
}

/// A text said in both languages, for messages built with values (load errors).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    /// `what` failed because of `error`: "không đọc được …: không có tệp hay thư mục này".
    pub fn io(
        vi: impl std::fmt::Display,
        en: impl std::fmt::Display,
        error: &std::io::Error,
    ) -> Self {
        Said {
            vi: format!("{vi}: {}", io_vi(error)),
            en: format!("{en}: {error}"),
        }
    }
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Said {
            vi: vi.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Said {
    /// English, for logs and tests; reports pick the language with [`Said::get`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

crate::choice!(Lang { Vi => "vi", En => "en" });
