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
}
