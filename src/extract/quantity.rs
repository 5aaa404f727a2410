//! Quantities in a target line: a number or a range with its unit ("10-11%", "từ 3 - 4%",
//! "76,56 triệu đồng", "16-17 nghìn lao động"), and the bounds written next to it ("> 95%",
//! "từ 1.900 đảng viên trở lên").

use super::comparators::{self, Comparator};
use super::numbers::numbers;
use super::units::{Unit, Units};
use super::words::Word;
use crate::text::tone_key;
use std::sync::LazyLock;

/// A value or range with its unit, as found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// Upper end of a range ("10-11%" → 11).
    pub value_to: Option<f64>,
    pub unit: Option<Unit>,
    /// A bound written with the number itself: "> 95%", "… trở lên".
    pub bound: Option<Comparator>,
    /// Byte span of the number(s) and unit in the text.
    pub start: usize,
    pub end: usize,
    /// Word span `[first, end)` of the same.
    pub first_word: usize,
    pub end_word: usize,
}

/// Words after which a number is an ordinal, a date or a document number, not a value:
/// "năm 2024", "giá so sánh 2010", "lần thứ 8", "Nghị định số 94".
static NOT_VALUES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    [
        "năm",
        "giai đoạn",
        "nhiệm kỳ",
        "số",
        "ngày",
        "tháng",
        "quý",
        "khóa",
        "thứ",
        "điều",
        "khoản",
        "mục",
        "loại",
        "đợt",
        "kỳ",
        "so sánh",
        "so với",
        "phụ lục",
        "đến năm",
        "top",
    ]
    .iter()
    .map(|p| p.split_whitespace().map(tone_key).collect())
    .collect()
});

/// Every quantity of `text` (whose words are `words`), in order.
pub fn quantities(text: &str, words: &[Word], units: &Units) -> Vec<Quantity> {
    let nums = numbers(text);
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < nums.len() {
        let n = nums[i];
        // A number inside the unit just read ("bác sĩ trên 1 vạn dân") is part of it.
        if out.last().is_some_and(|q| n.start < q.end) {
            i += 1;
            continue;
        }
        let Some(first) = words.iter().position(|w| w.start == n.start) else {
            i += 1;
            continue;
        };
        let mut end_word = word_after(words, n.end);
        let mut unit = units.read(words, end_word).map(|(u, k)| {
            end_word += k;
            u
        });
        let mut q = Quantity {
            value: n.value,
            value_to: None,
            unit: None,
            bound: comparators::symbol(&text[..n.start]),
            start: n.start,
            end: words.get(end_word.wrapping_sub(1)).map_or(n.end, |w| w.end.max(n.end)),
            first_word: first,
            end_word,
        };
        // A range: "10-11%", "từ 3 - 4%", "từ 3% đến 4%".
        if let Some(next) = nums.get(i + 1)
            && next.start >= q.end
            && is_range_sep(&text[q.end..next.start])
        {
            let mut e = word_after(words, next.end);
            let second = units.read(words, e).map(|(u, k)| {
                e += k;
                u
            });
            q.value_to = Some(next.value);
            unit = second.or(unit);
            q.end = words.get(e.wrapping_sub(1)).map_or(next.end, |w| w.end.max(next.end));
            q.end_word = e;
            i += 1;
        }
        i += 1;
        if is_not_a_value(words, first, unit.as_ref(), q.value, q.value_to) {
            continue;
        }
        if unit.is_none() {
            unit = unknown_unit(text, words, q.end_word, q.end);
        }
        if let Some((b, k)) = comparators::after(words, q.end_word) {
            q.bound = Some(b);
            q.end = words[q.end_word + k - 1].end;
            q.end_word += k;
        }
        q.unit = unit;
        out.push(q);
    }
    out
}

/// Words after a number that are not its unit ("so với", "trở lên", "và").
static NOT_UNITS: LazyLock<Vec<String>> = LazyLock::new(|| {
    [
        "so", "theo", "trở", "và", "hoặc", "trong", "của", "năm", "đến", "tới", "trên", "dưới",
        "tại", "vào", "cho", "với", "là", "để", "khi", "từ", "so với", "mỗi", "hằng", "hàng",
    ]
    .iter()
    .map(|w| tone_key(w))
    .collect()
});

/// A word right after a number that is no known unit ("300 hộ", "40 chiếc"): kept as the unit,
/// so that no indicator takes the value in its own unit without a word.
fn unknown_unit(text: &str, words: &[Word], at: usize, end: usize) -> Option<Unit> {
    let w = words.get(at)?;
    let glued = text[end..w.start].trim().is_empty();
    let letter = w.key.chars().next().is_some_and(char::is_alphabetic);
    (glued && letter && !NOT_UNITS.contains(&w.key))
        .then(|| Unit { scale: 1.0, base: Some(text[w.start..w.end].to_string()) })
}

/// Index of the first word starting at or after byte `at`.
fn word_after(words: &[Word], at: usize) -> usize {
    words.iter().position(|w| w.start >= at).unwrap_or(words.len())
}

/// Whether the text between two numbers makes them a range.
fn is_range_sep(between: &str) -> bool {
    let t = between.trim();
    matches!(t, "-" | "–" | "—" | "÷" | "~") || {
        let k = tone_key(t);
        k == tone_key("đến") || k == tone_key("tới")
    }
}

/// A year, a date part or an ordinal rather than a value.
fn is_not_a_value(
    words: &[Word],
    first: usize,
    unit: Option<&Unit>,
    value: f64,
    value_to: Option<f64>,
) -> bool {
    let after_word = NOT_VALUES.iter().any(|p| {
        first >= p.len() && p.iter().zip(&words[first - p.len()..first]).all(|(k, w)| *k == w.key)
    });
    let is_year = |v: f64| v.fract() == 0.0 && (1945.0..=2100.0).contains(&v);
    after_word || (unit.is_none() && is_year(value) && value_to.is_none_or(is_year))
}

#[cfg(test)]
mod tests {
    use super::super::units::UnitEntry;
    use super::super::words::words;
    use super::*;

    fn read(text: &str) -> Vec<Quantity> {
        let entries: Vec<UnitEntry> = serde_yaml::from_str(
            "- {name: '%'}\n- {name: '% GRDP'}\n- {name: đồng}\n- {name: USD}\n\
             - {name: lao động}\n- {name: đảng viên}\n- {name: xã}",
        )
        .unwrap();
        quantities(text, &words(text), &Units::new(&entries))
    }

    fn shown(q: &Quantity) -> (f64, Option<f64>, String) {
        (q.value, q.value_to, q.unit.as_ref().map(Unit::name).unwrap_or_default())
    }

    #[test]
    fn values_ranges_and_units() {
        let q = read("Tốc độ tăng trưởng GRDP năm 2024 tăng 8,0%.");
        assert_eq!(q.len(), 1);
        assert_eq!(shown(&q[0]), (8.0, None, "%".into()));
        let text = "GRDP/người đạt 76,56 triệu đồng (tương đương 3.203 USD).";
        let q = read(text);
        assert_eq!(shown(&q[0]), (76.56, None, "triệu đồng".into()));
        assert_eq!(&text[q[0].start..q[0].end], "76,56 triệu đồng");
        assert_eq!(shown(&q[1]), (3203.0, None, "USD".into()));
        let q = read("(GRDP-giá so sánh 2010) tăng từ 10-11% so với năm 2024");
        assert_eq!(q.len(), 1);
        assert_eq!(shown(&q[0]), (10.0, Some(11.0), "%".into()));
        let q = read("đạt từ 3 - 4% tổng số đảng viên");
        assert_eq!(shown(&q[0]), (3.0, Some(4.0), "%".into()));
        let q = read("từ 3% đến 4%");
        assert_eq!(shown(&q[0]), (3.0, Some(4.0), "%".into()));
        let q = read("Tạo việc làm tăng thêm từ 16-17 nghìn lao động.");
        assert_eq!(shown(&q[0]), (16.0, Some(17.0), "nghìn lao động".into()));
        let q = read("chiếm khoảng 30-35% GRDP theo giá hiện hành");
        assert_eq!(shown(&q[0]), (30.0, Some(35.0), "% GRDP".into()));
        let q = read("Thu ngân sách trên địa bàn đạt 9.266 tỷ đồng.");
        assert_eq!(shown(&q[0]), (9266.0, None, "tỷ đồng".into()));
        let q = read("Có thêm 10 xã và 03 xã");
        assert_eq!(q.iter().map(|q| q.value).collect::<Vec<_>>(), vec![10.0, 3.0]);
        let q = read("giai đoạn 2021-2025, lần thứ 8, Nghị định số 94");
        assert!(q.is_empty(), "{q:?}");
        // A word that is no known unit is kept as the unit: never taken as the indicator's.
        assert_eq!(shown(&read("giảm 300 hộ")[0]), (300.0, None, "hộ".into()));
        assert_eq!(shown(&read("tăng 8 so với năm 2023")[0]), (8.0, None, String::new()));
    }

    #[test]
    fn bounds_with_the_number() {
        let q = read("Tỷ lệ bao phủ bảo hiểm y tế > 95%");
        assert_eq!(q[0].bound, Some(Comparator::Tren));
        let entries: Vec<UnitEntry> =
            serde_yaml::from_str("- {name: bác sĩ/vạn dân, aliases: [bác sĩ trên 1 vạn dân]}")
                .unwrap();
        let text = "đạt 16,3 bác sĩ trên 1 vạn dân - 17";
        let q = quantities(text, &words(text), &Units::new(&entries));
        // The 1 of the unit is no value of its own.
        assert_eq!(q.iter().map(|q| q.value).collect::<Vec<_>>(), vec![16.3, 17.0], "{q:?}");
        assert_eq!(q[0].unit.as_ref().map(Unit::name).as_deref(), Some("bác sĩ/vạn dân"));
        let q = read("kết nạp từ 1.900 đảng viên trở lên");
        assert_eq!(shown(&q[0]), (1900.0, None, "đảng viên".into()));
        assert_eq!(q[0].bound, Some(Comparator::ItNhat));
        assert_eq!(q[0].end_word, words("kết nạp từ 1.900 đảng viên trở lên").len());
    }
}
