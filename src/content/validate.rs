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
const IMPLEMENTS_KEYS: [&str; 3] = ["number", "date", "title"];

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
    for key in map.keys() {
        let name = scalar_text(key).unwrap_or_default();
        if !KEYS.contains(&name.as_str()) {
            let suggestion = closest_key(&name, &KEYS);
            if let Some(k) = suggestion.filter(|k| !map.contains_key(*k)) {
                c.suggested.push(k);
            }
            let help = suggestion.map_or_else(
                || format!("các khóa hợp lệ: {}", KEYS.join(", ")),
                |k| format!("có phải là `{k}`?"),
            );
            c.err(loc.key_name(&name), format!("khóa không hợp lệ `{name}`"), Some(help));
        }
    }
    let title = c.string("title", true);
    let issuer = c.string("issuer", true);
    let doc_type = c.string("type", true).and_then(|t| match catalog.doc_type(&t) {
        Some(dt) => Some(dt.name.clone()),
        None => {
            let help = catalog.suggest_type(&t).map_or_else(
                || {
                    format!(
                        "các loại hợp lệ: {}",
                        catalog
                            .types
                            .iter()
                            .map(|t| t.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
                |s| format!("có phải là \"{s}\"?"),
            );
            c.err(loc.key("type"), format!("loại văn bản không hợp lệ: \"{t}\""), Some(help));
            None
        }
    });
    let province = c.string("province", true).and_then(|p| match catalog.province(&p) {
        Some(name) => Some(name.to_string()),
        None => {
            let help = catalog.suggest_province(&p).map_or_else(
                || {
                    "dùng tên tỉnh, thành phố như trong data/provinces.yaml, ví dụ: Vĩnh Long"
                        .to_string()
                },
                |s| format!("có phải là \"{s}\"?"),
            );
            c.err(
                loc.key("province"),
                format!("không có tỉnh, thành phố nào tên \"{p}\""),
                Some(help),
            );
            None
        }
    });
    let issued = c.date("issued");
    let effective = c.date("effective");
    let year = match c.get("year") {
        None if c.suggested.contains(&"year") => None,
        None => {
            c.err(
                (loc.key("year").0, 1),
                "thiếu khóa bắt buộc `year`".into(),
                Some(example("year")),
            );
            None
        }
        Some(Value::Number(n)) => match n.as_i64() {
            Some(y) if (1945..=2100).contains(&y) => Some(y as i32),
            _ => {
                c.err(loc.key("year"), format!("năm {n} không hợp lệ"), Some(example("year")));
                None
            }
        },
        Some(v) => {
            let shown = scalar_text(v).unwrap_or_else(|| "…".into());
            let help = match shown.trim().parse::<i32>() {
                Ok(y) => format!("viết year: {y} (không có dấu ngoặc kép)"),
                Err(_) => example("year"),
            };
            c.err(
                loc.key("year"),
                format!("`year` phải là một số nguyên, không phải \"{shown}\""),
                Some(help),
            );
            None
        }
    };
    let number = c.string("number", false);
    if let Some(n) = &number
        && !looks_like_number(n)
    {
        c.err(
            loc.key("number"),
            format!("số hiệu \"{n}\" không đúng dạng"),
            Some(
                "số hiệu có dạng 22/KH-UBND hoặc 64-KL/TW; bỏ khóa number nếu văn bản không có số"
                    .into(),
            ),
        );
    }
    let signer = c.string("signer", false);
    let summary = c.string("summary", false);
    let draft = match c.get("draft") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            c.err(loc.key("draft"), "`draft` phải là true hoặc false".into(), None);
            false
        }
    };
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
        for k in m.keys() {
            let name = scalar_text(k).unwrap_or_default();
            if !IMPLEMENTS_KEYS.contains(&name.as_str()) {
                let help = closest_key(&name, &IMPLEMENTS_KEYS).map_or_else(
                    || "các khóa hợp lệ: number, date, title".into(),
                    |k| format!("có phải là `{k}`?"),
                );
                c.err(
                    c.loc.item("implements", i, Some(&name)),
                    format!("khóa không hợp lệ `{name}` trong implements"),
                    Some(help),
                );
            }
        }
        let field = |k: &str| {
            m.get(k).and_then(scalar_text).map(|s| nfc(s.trim())).filter(|s| !s.is_empty())
        };
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
        let date = match date {
            None => {
                c.err(
                    c.loc.item("implements", i, None),
                    format!("mục {} của `implements` thiếu `date`", i + 1),
                    Some(
                        "ngày ban hành của văn bản được thực hiện, ví dụ: date: 2024-01-05".into(),
                    ),
                );
                None
            }
            Some(d) => parse_date(&d)
                .map_err(|(msg, help)| {
                    c.err(
                        c.loc.item("implements", i, Some("date")),
                        format!("`date`: {msg}"),
                        Some(help),
                    )
                })
                .ok(),
        };
        if let (Some(number), Some(date)) = (number, date) {
            out.push(DocRef { number, date, title, line });
        }
    }
    out
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
