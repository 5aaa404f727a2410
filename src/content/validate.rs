//! Checks frontmatter against the contract and turns it into typed `Meta`, reporting every problem.

use super::frontmatter::{Mapping, Value, scalar_text};
use super::locate::Locator;
use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::model::{DocRef, Meta};
use crate::text::nfc;
use chrono::NaiveDate;

/// Every key the frontmatter may hold.
pub const KEYS: [&str; 14] = [
    "title",
    "type",
    "province",
    "issuer",
    "issued",
    "year",
    "number",
    "signer",
    "effective",
    "summary",
    "draft",
    "fields",
    "implements",
    "targets",
];
const IMPLEMENTS_KEYS: [&str; 4] = ["number", "date", "year", "title"];

struct Checker<'a> {
    /// Required keys an unknown key was taken for ("titel" → "title"): not reported missing twice.
    suggested: Vec<&'static str>,
    path: &'a str,
    map: &'a Mapping,
    loc: &'a Locator<'a>,
    errors: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn err(&mut self, pos: (usize, usize), message: String, help: Option<String>) {
        let mut d = Diagnostic::error(self.path, pos.0, pos.1, message);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.errors.push(d);
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn string(&mut self, key: &'static str, required: bool) -> Option<String> {
        let pos = self.loc.key(key);
        match self.get(key) {
            None if required && self.suggested.contains(&key) => None,
            None if required => {
                self.err(
                    (self.loc.key(key).0.min(pos.0), 1),
                    format!("thiếu khóa bắt buộc `{key}`"),
                    Some(example(key)),
                );
                None
            }
            None => None,
            Some(v) => match scalar_text(v) {
                Some(s) if s.trim().is_empty() => {
                    self.err(pos, format!("`{key}` để trống"), Some(example(key)));
                    None
                }
                Some(s) => {
                    let s = nfc(s.trim());
                    if s.contains("TODO") {
                        self.err(
                            pos,
                            format!("`{key}` còn đánh dấu TODO: {s}"),
                            Some("điền giá trị đúng theo văn bản gốc rồi xóa chữ TODO".into()),
                        );
                    }
                    Some(s)
                }
                None => {
                    self.err(pos, format!("`{key}` phải là một chuỗi chữ"), Some(example(key)));
                    None
                }
            },
        }
    }

    fn date(&mut self, key: &'static str) -> Option<NaiveDate> {
        let pos = self.loc.key(key);
        let text = self.string(key, false)?;
        parse_date(&text)
            .map_err(|(msg, help)| self.err(pos, format!("`{key}`: {msg}"), Some(help)))
            .ok()
    }
}

/// Parses `YYYY-MM-DD`, explaining what is wrong otherwise (impossible date, Vietnamese order…).
pub fn parse_date(text: &str) -> Result<NaiveDate, (String, String)> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match (parts.len(), nums) {
        (3, Some(n)) if parts[0].len() == 4 && text.contains('-') => {
            NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2]).ok_or_else(|| {
                (
                    format!("ngày {text} không có thật"),
                    "kiểm tra lại ngày và tháng trong văn bản gốc".into(),
                )
            })
        }
        (3, Some(n)) if parts[2].len() == 4 => {
            match NaiveDate::from_ymd_opt(n[2] as i32, n[1], n[0]) {
                Some(d) => Err((
                    format!("ngày phải viết theo dạng YYYY-MM-DD, không phải {text}"),
                    format!("viết: {}", d.format("%Y-%m-%d")),
                )),
                None => Err((
                    format!("ngày {text} không có thật"),
                    "viết theo dạng YYYY-MM-DD, ví dụ 2024-01-19".into(),
                )),
            }
        }
        _ => Err((
            format!("\"{text}\" không phải một ngày dạng YYYY-MM-DD"),
            "ví dụ: issued: 2024-01-19".into(),
        )),
    }
}

fn example(key: &str) -> String {
    match key {
        "title" => {
            "ví dụ: title: Kế hoạch thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ"
        }
        "type" => "ví dụ: type: Kế hoạch",
        "province" => "ví dụ: province: Vĩnh Long",
        "issuer" => "ví dụ: issuer: Ủy ban nhân dân tỉnh Vĩnh Long",
        "year" => "ví dụ: year: 2024 (năm kế hoạch, không có dấu ngoặc kép)",
        "number" => "ví dụ: number: 22/KH-UBND",
        _ => "xem bảng khóa trong README",
    }
    .to_string()
}

fn looks_like_number(n: &str) -> bool {
    let has_digit_start = n.chars().next().is_some_and(|c| c.is_ascii_digit());
    has_digit_start
        && (n.contains('/') || n.contains('-'))
        && n.chars().any(char::is_alphabetic)
        && !n.chars().any(char::is_whitespace)
}

/// Validates a frontmatter mapping into `Meta`, or returns every error found in it.
pub fn validate(
    path: &str,
    map: &Mapping,
    loc: &Locator<'_>,
    catalog: &Catalog,
) -> Result<Meta, Vec<Diagnostic>> {
    let mut c = Checker { suggested: Vec::new(), path, map, loc, errors: Vec::new() };
    c.unknown_keys();
    let title = c.string("title", true);
    let issuer = c.string("issuer", true);
    let doc_type = c.string("type", true).and_then(|t| match catalog.resolve_type(&t) {
        Ok(dt) => Some(dt.name.clone()),
        Err(e) => c.fail("type", e.message, Some(e.help)),
    });
    let province = c.string("province", true).and_then(|p| match catalog.resolve_province(&p) {
        Ok(name) => Some(name.to_string()),
        Err(e) => c.fail("province", e.message, Some(e.help)),
    });
    let issued = c.date("issued");
    let effective = c.date("effective");
    let year = c.year();
    let number = c.number();
    let signer = c.string("signer", false);
    let summary = c.string("summary", false);
    let draft = c.draft();
    let fields = string_list(&mut c, "fields");
    let implements = implements(&mut c);
    let (targets, errors) = crate::extract::frontmatter::targets(path, map, loc, catalog);
    c.errors.extend(errors);
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(Meta {
        title: title.unwrap_or_default(),
        doc_type: doc_type.unwrap_or_default(),
        province: province.unwrap_or_default(),
        issuer: issuer.unwrap_or_default(),
        issued,
        year: year.unwrap_or_default(),
        number,
        signer,
        effective,
        summary,
        draft,
        fields,
        implements,
        targets,
    })
}

impl Checker<'_> {
    /// Reports an error at the value of `key` and gives nothing.
    fn fail<T>(&mut self, key: &str, message: String, help: Option<String>) -> Option<T> {
        self.err(self.loc.key(key), message, help);
        None
    }

    /// Reports every key that is not in the contract, with the key it was probably meant to be.
    fn unknown_keys(&mut self) {
        for key in self.map.keys() {
            let name = scalar_text(key).unwrap_or_default();
            if KEYS.contains(&name.as_str()) {
                continue;
            }
            let suggestion = closest_key(&name, &KEYS);
            if let Some(k) = suggestion.filter(|k| !self.map.contains_key(*k)) {
                self.suggested.push(k);
            }
            let help = suggestion.map_or_else(
                || format!("các khóa hợp lệ: {}", KEYS.join(", ")),
                |k| format!("có phải là `{k}`?"),
            );
            self.err(self.loc.key_name(&name), format!("khóa không hợp lệ `{name}`"), Some(help));
        }
    }

    /// The plan year: a whole number between 1945 and 2100.
    fn year(&mut self) -> Option<i32> {
        match self.get("year") {
            None if self.suggested.contains(&"year") => None,
            None => {
                let at = (self.loc.key("year").0, 1);
                self.err(at, "thiếu khóa bắt buộc `year`".into(), Some(example("year")));
                None
            }
            Some(Value::Number(n)) => match n.as_i64() {
                Some(y) if (1945..=2100).contains(&y) => Some(y as i32),
                _ => self.fail("year", format!("năm {n} không hợp lệ"), Some(example("year"))),
            },
            Some(v) => {
                let shown = scalar_text(v).unwrap_or_else(|| "…".into());
                let help = match shown.trim().parse::<i32>() {
                    Ok(y) => format!("viết year: {y} (không có dấu ngoặc kép)"),
                    Err(_) => example("year"),
                };
                let message = format!("`year` phải là một số nguyên, không phải \"{shown}\"");
                self.fail("year", message, Some(help))
            }
        }
    }

    /// The số hiệu, when given, in the shape of a number (`22/KH-UBND`, `64-KL/TW`).
    fn number(&mut self) -> Option<String> {
        let number = self.string("number", false)?;
        if !looks_like_number(&number) {
            let help =
                "số hiệu có dạng 22/KH-UBND hoặc 64-KL/TW; bỏ khóa number nếu văn bản không có số";
            self.err(
                self.loc.key("number"),
                format!("số hiệu \"{number}\" không đúng dạng"),
                Some(help.into()),
            );
        }
        Some(number)
    }

    /// Whether the document is a draft (`true` or `false`).
    fn draft(&mut self) -> bool {
        match self.get("draft") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.err(self.loc.key("draft"), "`draft` phải là true hoặc false".into(), None);
                false
            }
        }
    }
}

fn string_list(c: &mut Checker<'_>, key: &str) -> Vec<String> {
    match c.get(key) {
        None => Vec::new(),
        Some(Value::Sequence(items)) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match scalar_text(item) {
                    Some(s) if !s.trim().is_empty() => out.push(nfc(s.trim())),
                    _ => c.err(
                        c.loc.item(key, i, None),
                        format!("mục {} của `{key}` phải là một chuỗi chữ", i + 1),
                        None,
                    ),
                }
            }
            out
        }
        Some(_) => {
            c.err(
                c.loc.key(key),
                format!("`{key}` phải là một danh sách"),
                Some(format!("ví dụ: {key}: [Kinh tế, Chuyển đổi số]")),
            );
            Vec::new()
        }
    }
}

fn implements(c: &mut Checker<'_>) -> Vec<DocRef> {
    let Some(value) = c.get("implements") else { return Vec::new() };
    let Value::Sequence(items) = value else {
        c.err(
            c.loc.key("implements"),
            "`implements` phải là một danh sách các văn bản".into(),
            Some(
                "ví dụ:\n    implements:\n      - number: 01/NQ-CP\n        date: 2024-01-05"
                    .into(),
            ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Mapping(m) = item else {
            c.err(
                c.loc.item("implements", i, None),
                format!("mục {} của `implements` phải có number và date", i + 1),
                Some("ví dụ: - number: 01/NQ-CP\n          date: 2024-01-05".into()),
            );
            continue;
        };
        out.extend(implements_entry(c, i, m));
    }
    out
}

/// Entry `i` of `implements`: a number and a date, and an optional title.
fn implements_entry(c: &mut Checker<'_>, i: usize, m: &Mapping) -> Option<DocRef> {
    for k in m.keys() {
        let name = scalar_text(k).unwrap_or_default();
        if !IMPLEMENTS_KEYS.contains(&name.as_str()) {
            let help = closest_key(&name, &IMPLEMENTS_KEYS).map_or_else(
                || "các khóa hợp lệ: number, date, year, title".into(),
                |k| format!("có phải là `{k}`?"),
            );
            c.err(
                c.loc.item("implements", i, Some(&name)),
                format!("khóa không hợp lệ `{name}` trong implements"),
                Some(help),
            );
        }
    }
    let field =
        |k: &str| m.get(k).and_then(scalar_text).map(|s| nfc(s.trim())).filter(|s| !s.is_empty());
    let number = field("number");
    let date = field("date");
    let title = field("title");
    let line = c.loc.item("implements", i, None).0;
    if number.is_none() {
        c.err(
            c.loc.item("implements", i, None),
            format!("mục {} của `implements` thiếu `number`", i + 1),
            Some("ví dụ: number: 01/NQ-CP".into()),
        );
    }
    if let Some(n) = &number
        && !looks_like_number(n)
    {
        c.err(
            c.loc.item("implements", i, Some("number")),
            format!("số hiệu \"{n}\" không đúng dạng"),
            Some("số hiệu có dạng 01/NQ-CP hoặc 64-KL/TW".into()),
        );
    }
    // The date is optional (Kết luận 64-KL/TW is cited without one): an undated entry links
    // to the one known document with that number, or is listed without a link.
    let date = match date {
        None => Ok(None),
        Some(d) => parse_date(&d).map(Some).map_err(|(msg, help)| {
            c.err(c.loc.item("implements", i, Some("date")), format!("`date`: {msg}"), Some(help))
        }),
    };
    let year = implements_year(c, i, m, date.as_ref().ok().copied().flatten());
    let (number, date, year) = (number?, date.ok()?, year.ok()?);
    Some(DocRef { number, date, year, title, line })
}

/// The `year:` of entry `i` of `implements`: a whole number, the same as its date's when both are given.
fn implements_year(
    c: &mut Checker<'_>,
    i: usize,
    m: &Mapping,
    date: Option<NaiveDate>,
) -> Result<Option<i32>, ()> {
    let at = c.loc.item("implements", i, Some("year"));
    let year = match m.get("year").filter(|v| !v.is_null()) {
        None => return Ok(date.map(|d| chrono::Datelike::year(&d))),
        Some(Value::Number(n)) => n.as_i64().filter(|y| (1945..=2100).contains(y)),
        Some(_) => None,
    };
    let Some(year) = year.map(|y| y as i32) else {
        c.err(at, "`year` của `implements` phải là một năm, ví dụ: year: 2024".into(), None);
        return Err(());
    };
    match date {
        Some(d) if chrono::Datelike::year(&d) != year => {
            let message = format!("`year: {year}` khác năm của `date` ({})", d.format("%Y-%m-%d"));
            c.err(at, message, Some("bỏ `year` khi đã có `date`".into()));
            Err(())
        }
        _ => Ok(Some(year)),
    }
}

fn closest_key<'k>(name: &str, keys: &[&'k str]) -> Option<&'k str> {
    keys.iter()
        .map(|k| (strsim::damerau_levenshtein(&name.to_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(parse_date("2024-01-19").is_ok());
        assert!(parse_date("2023-02-30").unwrap_err().0.contains("không có thật"));
        assert!(parse_date("19/01/2024").unwrap_err().1.contains("2024-01-19"));
    }

    #[test]
    fn suggests_keys() {
        assert_eq!(closest_key("titel", &KEYS), Some("title"));
        assert_eq!(closest_key("provnce", &KEYS), Some("province"));
        assert_eq!(closest_key("zzzzzzzz", &KEYS), None);
    }
}
