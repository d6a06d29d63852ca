//! The texts of `kientruc merge` and `kientruc consolidate`, in the catalogue's form (key,
//! Vietnamese, English); [`super::tr`] finds them with the rest.

use super::Text;

macro_rules! texts {
    ($($key:literal => $vi:literal, $en:literal;)*) => {
        pub const TEXTS: &[Text] = &[$(Text { key: $key, vi: $vi, en: $en }),*];
    };
}

texts! {
    "merge.written" => "Đã hợp nhất {count} mô hình vào {dir}: {files} tệp.", "Merged {count} models into {dir}: {files} files.";
    "merge.source" => "  {id}: {elements} phần tử, {namespaced} mã được gắn tiền tố `{id}.`", "  {id}: {elements} elements, {namespaced} ids namespaced as `{id}.`";
    "merge.mapped" => "  {mapped} cơ quan nguồn được ánh xạ vào {into} cơ quan; {unified} năng lực chung được ghi một lần.", "  {mapped} source agencies mapped into {into} agencies; {unified} shared capabilities written once.";
    "merge.checked" => "Mô hình hợp nhất nạp được và đã được đánh giá: {errors} lỗi, {warnings} cảnh báo, {infos} thông tin (kientruc check {dir}; kientruc consolidate {dir}).", "The merged model loads and was judged: {errors} errors, {warnings} warnings, {infos} infos (kientruc check {dir}; kientruc consolidate {dir}).";
    "merge.map_written" => "Đã ghi bảng ánh xạ khởi đầu {path}: {count} cơ quan ghép cặp. Hãy rà soát rồi chạy lại với --map {path}.", "Wrote the starting mapping {path}: {count} agencies paired. Review it, then run again with --map {path}.";
    "merge.not_written" => "Không ghi gì: {reason}", "Nothing written: {reason}";
    "merge.source_failed" => "mô hình nguồn {input} không nạp được:", "the source model {input} cannot be loaded:";
    "merge.note" => "ghi chú", "note";
    "plan.title" => "Kế hoạch hợp nhất hệ thống thông tin: {id} ({name})", "Consolidation plan: {id} ({name})";
    "plan.summary" => "{groups} nhóm hệ thống trùng lặp giữa {origins}; đề xuất dừng {retired} hệ thống, tiết kiệm {opex} đồng chi phí vận hành mỗi năm ({capex} đồng vốn đã đầu tư vào các hệ thống dừng).", "{groups} groups of systems held twice across {origins}; the plan retires {retired} systems, saving {opex} VND of opex a year ({capex} VND of capex sunk in the systems retired).";
    "plan.findings" => "{grouped} trong {total} phát hiện của mô hình hợp nhất được xếp vào các nhóm dưới đây.", "{grouped} of the merged model's {total} findings are grouped under the pairs below.";
    "plan.decided" => "{count} nhóm được quyết định theo tệp quyết định.", "{count} groups follow the decisions file.";
    "plan.age" => "Tuổi, công nghệ, hiệu năng của hệ thống không có trong mô hình: tổ kế hoạch cân nhắc thêm và ghi lựa chọn vào tệp quyết định (--decisions).", "Age, technology and performance are not in the model: planners weigh them and record their choice in a decisions file (--decisions).";
    "plan.none" => "Không tìm thấy hệ thống nào trùng lặp giữa các mô hình nguồn.", "No system is held twice across the source models.";
    "plan.no_origin" => "Các hệ thống không mang `origin`: hãy hợp nhất bằng `kientruc merge` trước.", "No system carries `origin`: merge with `kientruc merge` first.";
    "plan.links" => "Ghép vì", "Paired by";
    "plan.link.capability" => "cùng năng lực {name} (`{id}`)", "the same capability {name} (`{id}`)";
    "plan.link.name" => "tên giống nhau khi bỏ tên tỉnh (“{key}”)", "names equal without the province (“{key}”)";
    "plan.link.data" => "cùng loại dữ liệu gốc ({name})", "master data of one kind ({name})";
    "plan.keep" => "Giữ", "Keep";
    "plan.retire" => "Dừng", "Retire";
    "plan.details" => "nguồn {origin}; chủ quản {owner}; {status}; cấp độ {level}; {dependants} hệ thống dựa vào; {agencies} cơ quan; vốn đầu tư {capex}; vận hành {opex}/năm; {funding}", "from {origin}; owner {owner}; {status}; level {level}; {dependants} systems rely on it; {agencies} agencies; capex {capex}; opex {opex} a year; {funding}";
    "plan.funding.unknown" => "nguồn vốn chưa rõ", "funding not stated";
    "plan.unknown" => "chưa rõ", "unknown";
    "plan.choice.ranked" => "Đề xuất theo tiêu chí: nền tảng được chỉ định, trạng thái, hạ tầng dùng chung, số hệ thống dựa vào, số cơ quan, cấp độ an toàn, chi phí vận hành.", "Proposed by the criteria: designated platform, status, shared hosting, systems relying on it, agencies, security level, opex.";
    "plan.choice.owners" => "Giữ cả: mỗi hệ thống phục vụ một cơ quan khác sau hợp nhất; cân nhắc dùng chung một sản phẩm.", "Keep all: each serves another agency after the merger; consider one product for all.";
    "plan.choice.decided" => "Theo quyết định của tổ kế hoạch: {reason}", "As the planners decided: {reason}";
    "plan.choice.decided_plain" => "Theo quyết định của tổ kế hoạch.", "As the planners decided.";
    "plan.reasons" => "Lý do giữ {kept} thay vì {gone}", "Why {kept} rather than {gone}";
    "plan.reason.platform" => "là nền tảng dùng chung được chỉ định ({capabilities})", "it is the designated shared platform ({capabilities})";
    "plan.reason.status" => "trạng thái “{kept}”, so với “{gone}”", "status “{kept}” against “{gone}”";
    "plan.reason.hosting" => "đặt tại hạ tầng dùng chung của tỉnh; hệ thống kia đặt tại {host}", "it runs on the province's shared hosting; the other runs on {host}";
    "plan.reason.dependants" => "{kept} hệ thống dựa vào, so với {gone}", "{kept} systems rely on it, against {gone}";
    "plan.reason.agencies" => "phục vụ {kept} cơ quan, so với {gone}", "it serves {kept} agencies, against {gone}";
    "plan.reason.security" => "cấp độ an toàn {kept}, so với {gone}", "security level {kept} against {gone}";
    "plan.reason.opex" => "chi phí vận hành {kept}/năm, so với {gone}/năm", "opex {kept} a year against {gone}";
    "plan.reason.lease_gone" => "{id} là thuê dịch vụ: không gia hạn hợp đồng khi hết hạn", "{id} is leased: do not renew the lease at its term";
    "plan.reason.lease_kept" => "{id} là thuê dịch vụ: điều chỉnh hợp đồng thuê để phục vụ toàn tỉnh", "{id} is leased: amend the lease to serve the whole province";
    "plan.reason.primary" => "thuộc mô hình của tỉnh giữ tên ({origin})", "it comes from the province that keeps the name ({origin})";
    "plan.reason.none" => "ngang nhau theo mọi tiêu chí; chọn theo mã", "equal on every criterion; chosen by id";
    "plan.opex_saved" => "Chi phí vận hành tiết kiệm: {amount} đồng/năm", "Opex saved: {amount} VND a year";
    "plan.migrations" => "Dữ liệu gốc cần chuyển ({count})", "Master data to migrate ({count})";
    "plan.migration.into" => "{data} ({name}): từ {from} vào {into} của {to}", "{data} ({name}): from {from} into {into} of {to}";
    "plan.migration.master" => "{data} ({name}): từ {from}; {to} làm nguồn", "{data} ({name}): from {from}; {to} becomes its master";
    "plan.repoints" => "Kết nối cần chuyển ({count})", "Links to re-point ({count})";
    "plan.repoint" => "{system}: {edge} {from} → {to}", "{system}: {edge} {from} → {to}";
    "plan.findings_here" => "Phát hiện do trùng lặp này ({count}): {codes}", "Findings this duplicate causes ({count}): {codes}";
    "plan.more" => "… và {count} mục khác (xem --format markdown hoặc json)", "… and {count} more (see --format markdown or json)";
    "plan.proposal_written" => "Đã ghi đề xuất {path}: thẩm định bằng kientruc review {path} --model {model}", "Wrote the proposal {path}: appraise it with kientruc review {path} --model {model}";
    "plan.proposal_none" => "Không có hệ thống nào phải dừng: không ghi đề xuất.", "No system to retire: no proposal written.";
    "plan.col.system" => "Hệ thống", "System";
    "plan.col.decision" => "Đề xuất", "Decision";
    "plan.col.origin" => "Nguồn", "Origin";
    "plan.col.owner" => "Chủ quản", "Owner";
    "plan.col.status" => "Trạng thái", "Status";
    "plan.col.level" => "Cấp độ", "Level";
    "plan.col.dependants" => "Hệ thống dựa vào", "Relying systems";
    "plan.col.agencies" => "Cơ quan", "Agencies";
    "plan.col.opex" => "Vận hành/năm", "Opex/year";
    "plan.col.funding" => "Nguồn vốn", "Funding";
    "plan.col.group" => "Nhóm", "Group";
    "plan.col.saved" => "Tiết kiệm/năm", "Saved/year";
    "plan.col.findings" => "Phát hiện", "Findings";
    "plan.overview" => "Tổng quan", "Overview";
    "plan.xlsx.summary" => "Tổng hợp", "Summary";
    "plan.xlsx.systems" => "Hệ thống trùng lặp", "Duplicated systems";
    "plan.xlsx.migrations_sheet" => "Chuyển dữ liệu", "Data to migrate";
    "plan.xlsx.repoints_sheet" => "Chuyển kết nối", "Links to re-point";
    "plan.xlsx.findings_sheet" => "Phát hiện theo nhóm", "Findings by group";
    "plan.xlsx.number" => "STT", "No.";
    "plan.xlsx.id" => "Mã hệ thống", "System id";
    "plan.xlsx.hosted_on" => "Đặt trên", "Hosted on";
    "plan.xlsx.capex" => "Vốn đầu tư", "Capex";
    "plan.xlsx.capex_retired" => "Vốn của hệ thống dừng", "Capex of retired systems";
    "plan.xlsx.migrations" => "Dữ liệu cần chuyển", "Data to migrate";
    "plan.xlsx.repoints" => "Kết nối cần chuyển", "Links to re-point";
    "plan.xlsx.choice" => "Cơ sở lựa chọn", "Basis of the choice";
    "plan.xlsx.reasons" => "Lý do", "Reasons";
    "plan.xlsx.total" => "Tổng cộng", "Total";
    "plan.xlsx.data" => "Mã dữ liệu", "Data set id";
    "plan.xlsx.data_name" => "Tên dữ liệu", "Data set name";
    "plan.xlsx.from" => "Từ", "From";
    "plan.xlsx.to" => "Sang", "To";
    "plan.xlsx.into" => "Gộp vào", "Merge into";
    "plan.xlsx.what" => "Việc cần làm", "What to do";
    "plan.xlsx.edge" => "Loại liên kết", "Link kind";
    "plan.footer" => "Lập bởi kientruc {version} (kientruc consolidate). Chi phí là số ước tính trong mô hình. Tệp quyết định (--decisions) thay đổi mọi lựa chọn; chạy lại để áp dụng.", "Written by kientruc {version} (kientruc consolidate). Costs are the model's estimates. A decisions file (--decisions) overrides any choice; run again to apply it.";
}
