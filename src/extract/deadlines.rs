//! Deadlines as written ("Tháng 01", "Quý I", "6 tháng đầu năm", "trước ngày 20/12/2024",
//! "Thường xuyên") → a range of days in the plan year.

use super::plan::{Due, DueKind};
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// Every form, on the folded text (lowercase, no diacritics: "quý i" → "quy i"); word boundaries
/// and digits are ASCII ones, as the folded text is, which keeps the automaton small.
static FORMS: LazyLock<Regex> = LazyLock::new(|| {
    let roman = r"(?:iv|i{1,3}|l|[1-4])";
    let year = |name: &str| format!(r"(?:\s*(?:/|-|nam)\s*(?P<{name}>[0-9]{{4}}))?");
    let (qy, my) = (year("qy"), year("my"));
    Regex::new(&format!(
        r"(?x)
        (?P<date>(?:(?P<by>truoc|cham\s+nhat|han\s+cuoi|muon\s+nhat)\s+)?(?:ngay\s+)?
            (?-u:\b)(?P<d>[0-9]{{1,2}})\s*(?:/|-|\.|\s+thang\s+)(?P<m>[0-9]{{1,2}})
            (?:\s*(?:/|-|\.|\s+nam\s+)(?P<dy>[0-9]{{4}}))?(?:[^0-9/]|$))
        | (?P<quarter>(?-u:\b)quy\s+(?P<q1>{roman})
            (?:\s*(?:-|–|,|va|den)\s*(?:quy\s+)?(?P<q2>{roman}))?(?-u:\b){qy})
        | (?P<half>(?-u:\b)(?P<n>3|6|9|ba|sau|chin)\s+thang\s+(?P<pos>dau|cuoi)\s+nam(?-u:\b))
        | (?P<month>(?-u:\b)(?:tu\s+)?thang\s+(?P<m1>[0-9]{{1,2}})
            (?:\s*(?:-|–|,|va|den)\s*(?:thang\s+)?(?P<m2>[0-9]{{1,2}}))?(?-u:\b){my})
        | (?P<ongoing>(?-u:\b)
            (?:thuong\s+xuyen|hang\s+(?:thang|quy|nam|tuan)|dinh\s+ky|lien\s+tuc)(?-u:\b))
        | (?P<years>(?-u:\b)(?P<y1>[0-9]{{4}})\s*(?:-|–)\s*(?P<y2>[0-9]{{4}})(?-u:\b))
        | (?P<year>(?-u:\b)(?:(?:ca|trong)\s+)?nam(?:\s+(?P<yy>[0-9]{{4}}))?(?-u:\b))
        "
    ))
    .expect("deadline pattern")
});

/// A deadline phrase found in a text: its byte span there and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub due: Due,
}

/// Reads a deadline cell ("Quý I", "Tháng 01"); None when it names no date or period.
pub fn read(text: &str, plan_year: i32) -> Option<Due> {
    find(text, plan_year, true).map(|f| f.due)
}

/// The first deadline phrase in a sentence ("… trước ngày 15 tháng 11 năm 2024 …").
pub fn find_in(text: &str, plan_year: i32) -> Option<Found> {
    find(text, plan_year, false)
}

fn find(text: &str, plan_year: i32, cell: bool) -> Option<Found> {
    let (folded, map) = fold_with_map(text);
    for caps in FORMS.captures_iter(&folded) {
        let whole = caps.get(0)?;
        // In running text a bare "năm" is no deadline, nor a date without "trước" (it is the
        // date of a cited document: "Nghị quyết số 01/NQ-CP ngày 01/01/2021").
        let bare_year = caps.name("year").is_some() && caps.name("yy").is_none();
        let cited_date = caps.name("date").is_some() && caps.name("by").is_none();
        if !cell && (bare_year || cited_date) {
            continue;
        }
        if let Some(due) = meaning(&caps, plan_year) {
            let end = whole.as_str().trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            return Some(Found { start: map[whole.start()], end: map[whole.start() + end], due });
        }
    }
    None
}

fn meaning(caps: &regex::Captures<'_>, plan_year: i32) -> Option<Due> {
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = |name: &str| num(name).map_or(plan_year, |y| y as i32);
    if caps.name("date").is_some() {
        let day = NaiveDate::from_ymd_opt(year("dy"), num("m")?, num("d")?)?;
        return Some(if caps.name("by").is_some() {
            let to = day.pred_opt()?;
            Due { from: first_day(to.year())?.min(to), to, kind: DueKind::By }
        } else {
            Due { from: day, to: day, kind: DueKind::Within }
        });
    }
    if caps.name("quarter").is_some() {
        let y = year("qy");
        let q1 = quarter(caps.name("q1")?.as_str())?;
        let q2 = caps.name("q2").map_or(Some(q1), |m| quarter(m.as_str()))?.max(q1);
        return within(y, q1 * 3 - 2, q2 * 3);
    }
    if caps.name("half").is_some() {
        let n = match caps.name("n")?.as_str() {
            "3" | "ba" => 3,
            "6" | "sau" => 6,
            _ => 9,
        };
        return if &caps["pos"] == "dau" {
            within(plan_year, 1, n)
        } else {
            within(plan_year, 13 - n, 12)
        };
    }
    if caps.name("month").is_some() {
        let m1 = num("m1").filter(|m| (1..=12).contains(m))?;
        let m2 = num("m2").map_or(Some(m1), |m| (1..=12).contains(&m).then_some(m))?.max(m1);
        return within(year("my"), m1, m2);
    }
    if caps.name("ongoing").is_some() {
        let mut d = within(plan_year, 1, 12)?;
        d.kind = DueKind::Ongoing;
        return Some(d);
    }
    if caps.name("years").is_some() {
        let (y1, y2) = (num("y1")? as i32, num("y2")? as i32);
        if !(1945..=2100).contains(&y1) || y2 < y1 || y2 > y1 + 20 {
            return None;
        }
        return Some(Due { from: first_day(y1)?, to: last_day(y2, 12)?, kind: DueKind::Within });
    }
    within(year("yy"), 1, 12)
}

fn quarter(roman: &str) -> Option<u32> {
    match roman {
        "i" | "l" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

fn first_day(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next?.pred_opt()
}

/// Months `m1..=m2` of `year`, to be done within.
fn within(year: i32, m1: u32, m2: u32) -> Option<Due> {
    Some(Due {
        from: NaiveDate::from_ymd_opt(year, m1, 1)?,
        to: last_day(year, m2)?,
        kind: DueKind::Within,
    })
}

/// `text` lowercased without diacritics (đ → d), and for each byte of it the byte of `text` it
/// came from (one more entry for the end).
fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }),
        }
        map.resize(out.len(), i);
    }
    map.push(text.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> (String, String, DueKind) {
        let d = read(text, 2021).unwrap_or_else(|| panic!("{text}"));
        (d.from.to_string(), d.to.to_string(), d.kind)
    }

    fn within_(from: &str, to: &str) -> (String, String, DueKind) {
        (from.into(), to.into(), DueKind::Within)
    }

    #[test]
    fn months_and_quarters_of_the_plan_year() {
        assert_eq!(range("Tháng 01"), within_("2021-01-01", "2021-01-31"));
        assert_eq!(range("Tháng 12"), within_("2021-12-01", "2021-12-31"));
        assert_eq!(range("tháng 2"), within_("2021-02-01", "2021-02-28"));
        assert_eq!(range("Tháng 12/2024"), within_("2024-12-01", "2024-12-31"));
        assert_eq!(range("Tháng 6 - 7"), within_("2021-06-01", "2021-07-31"));
        assert_eq!(range("Từ tháng 3 đến tháng 6"), within_("2021-03-01", "2021-06-30"));
        assert_eq!(range("Quý I"), within_("2021-01-01", "2021-03-31"));
        assert_eq!(range("Quý II"), within_("2021-04-01", "2021-06-30"));
        assert_eq!(range("Quý III"), within_("2021-07-01", "2021-09-30"));
        assert_eq!(range("Quý IV"), within_("2021-10-01", "2021-12-31"));
        assert_eq!(range("Quý l"), within_("2021-01-01", "2021-03-31"), "a lowercase L for I");
        assert_eq!(range("Quý 2"), within_("2021-04-01", "2021-06-30"));
        assert_eq!(range("Quý I/2024"), within_("2024-01-01", "2024-03-31"));
        assert_eq!(range("Quý II, III"), within_("2021-04-01", "2021-09-30"));
        assert_eq!(range("Quý III - IV năm 2022"), within_("2022-07-01", "2022-12-31"));
    }

    #[test]
    fn periods_of_the_year() {
        assert_eq!(range("6 tháng đầu năm"), within_("2021-01-01", "2021-06-30"));
        assert_eq!(range("6 tháng cuối năm"), within_("2021-07-01", "2021-12-31"));
        assert_eq!(range("9 tháng đầu năm"), within_("2021-01-01", "2021-09-30"));
        assert_eq!(range("Năm 2021"), within_("2021-01-01", "2021-12-31"));
        assert_eq!(range("Cả năm"), within_("2021-01-01", "2021-12-31"));
        assert_eq!(range("2021-2025"), within_("2021-01-01", "2025-12-31"));
        let ongoing = ("2021-01-01".to_string(), "2021-12-31".to_string(), DueKind::Ongoing);
        assert_eq!(range("Thường xuyên"), ongoing);
        assert_eq!(range("Hằng quý"), ongoing);
        assert_eq!(range("định kỳ hàng tháng"), ongoing);
    }

    #[test]
    fn dates() {
        let by = |f: &str, t: &str| (f.to_string(), t.to_string(), DueKind::By);
        assert_eq!(range("trước ngày 20/12/2024"), by("2024-01-01", "2024-12-19"));
        assert_eq!(range("Trước ngày 25 tháng 02 năm 2024"), by("2024-01-01", "2024-02-24"));
        assert_eq!(range("Trước 30/6"), by("2021-01-01", "2021-06-29"));
        assert_eq!(range("Chậm nhất ngày 15/3/2021"), by("2021-01-01", "2021-03-14"));
        let on = ("2021-11-18".to_string(), "2021-11-18".to_string(), DueKind::Within);
        assert_eq!(range("Ngày 18/11/2021"), on);
        assert_eq!(read("30/02/2021", 2021), None, "no such day");
        assert_eq!(read("Tháng 13", 2021), None);
        assert_eq!(read("Sau khi có hướng dẫn", 2021), None);
    }

    #[test]
    fn deadlines_in_sentences() {
        let s = "gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11 năm 2024 để tổng hợp";
        let f = find_in(s, 2024).unwrap();
        assert_eq!(&s[f.start..f.end], "trước ngày 15 tháng 11 năm 2024");
        assert_eq!(f.due.to.to_string(), "2024-11-14");
        let s = "Giao Sở Kế hoạch và Đầu tư định kỳ báo cáo kết quả thực hiện";
        assert_eq!(find_in(s, 2025).unwrap().due.kind, DueKind::Ongoing);
        assert_eq!(find_in("triển khai thực hiện trong năm", 2025), None);
        assert_eq!(find_in("Kế hoạch năm 2022", 2021).unwrap().due.from.to_string(), "2022-01-01");
    }
}
