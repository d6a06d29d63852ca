//! Place and date as an administrative document writes them (Nghị định 30/2020/NĐ-CP, Phụ lục
//! I: "Hà Nội, ngày 05 tháng 02 năm 2020" — day and month below 10 with a leading zero for
//! days 1–9 and months 1–2, so that nobody can add a digit), and the place a model's names say.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The date as the decree writes it: days below 10 and the months January and February with a
/// leading zero ("ngày 02 tháng 02 năm 2026", "ngày 15 tháng 12 năm 2026"); in English
/// "2 December 2026".
pub fn date_text(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Vi => {
            let month = date.month();
            let month = if month <= 2 {
                format!("{month:02}")
            } else {
                month.to_string()
            };
            format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
        }
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            MONTHS[date.month0() as usize],
            date.year()
        ),
    }
}

/// "Cà Mau, ngày 02 tháng 12 năm 2026"; without a place, a dotted blank to fill by hand.
pub fn place_date(lang: Lang, place: Option<&str>, date: NaiveDate) -> String {
    let place = place.unwrap_or("……");
    format!("{place}, {}", date_text(lang, date))
}

/// The province or city a name is of: what follows its last "tỉnh " or "thành phố "
/// ("Ủy ban nhân dân tỉnh Bạc Liêu" → "Bạc Liêu"), or `None`.
pub fn place_in(name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let name: String = name.nfc().collect();
    let lower = name.to_lowercase();
    let mut best: Option<usize> = None;
    for marker in ["tỉnh ", "thành phố ", "tp. ", "tp "] {
        if let Some(i) = lower.rfind(marker) {
            let end = i + marker.len();
            if best.is_none_or(|b| end > b) {
                best = Some(end);
            }
        }
    }
    // Lower-casing Vietnamese keeps byte lengths here (the markers and letters before them are
    // the same length in both cases), but check rather than trust it.
    let start = best?;
    if lower.len() != name.len() || !name.is_char_boundary(start) {
        return None;
    }
    let place = name[start..].trim();
    (!place.is_empty()).then(|| place.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn vietnamese_dates_follow_the_decree() {
        assert_eq!(
            date_text(Lang::Vi, day(2026, 12, 2)),
            "ngày 02 tháng 12 năm 2026"
        );
        assert_eq!(
            date_text(Lang::Vi, day(2026, 2, 5)),
            "ngày 05 tháng 02 năm 2026"
        );
        assert_eq!(
            date_text(Lang::Vi, day(2026, 1, 15)),
            "ngày 15 tháng 01 năm 2026"
        );
        assert_eq!(
            date_text(Lang::Vi, day(2026, 3, 31)),
            "ngày 31 tháng 3 năm 2026"
        );
        assert_eq!(date_text(Lang::En, day(2026, 12, 2)), "2 December 2026");
    }

    #[test]
    fn place_and_date_read_as_in_a_document() {
        assert_eq!(
            place_date(Lang::Vi, Some("Cà Mau"), day(2026, 12, 2)),
            "Cà Mau, ngày 02 tháng 12 năm 2026"
        );
        assert_eq!(
            place_date(Lang::Vi, None, day(2026, 12, 2)),
            "……, ngày 02 tháng 12 năm 2026"
        );
    }

    #[test]
    fn the_place_is_read_from_the_agency_name() {
        assert_eq!(
            place_in("Ủy ban nhân dân tỉnh Bạc Liêu").as_deref(),
            Some("Bạc Liêu")
        );
        assert_eq!(
            place_in("Kiến trúc Chính quyền điện tử tỉnh Cà Mau").as_deref(),
            Some("Cà Mau")
        );
        assert_eq!(
            place_in("UBND thành phố Cần Thơ").as_deref(),
            Some("Cần Thơ")
        );
        // NFD input comes out NFC.
        let nfd: String = {
            use unicode_normalization::UnicodeNormalization;
            "UBND tỉnh Cà Mau".nfd().collect()
        };
        assert_eq!(place_in(&nfd).as_deref(), Some("Cà Mau"));
        assert_eq!(place_in("Sở Y tế"), None);
    }
}
