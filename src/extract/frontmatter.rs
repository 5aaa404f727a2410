//! The frontmatter key `targets:`, which adds or corrects targets the body reader missed:
//!
//! ```yaml
//! targets:
//!   - line: 86                     # the body line it corrects (optional)
//!     indicator: tang-truong-grdp  # id in data/indicators.yaml
//!     value: "tăng 10-11%"         # as a programme writes it
//!   - line: 40
//!     skip: true                   # not a target: no warning for this line
//! ```

use super::comparators;
use super::plan::Amount;
use super::quantity::quantities;
use super::words::words;
use crate::content::frontmatter::{Mapping, Value, scalar_text};
use crate::content::locate::Locator;
use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::text::nfc;
use serde::Serialize;

const KEYS: [&str; 4] = ["line", "indicator", "value", "skip"];
const EXAMPLE: &str = "ví dụ:\n    targets:\n      - line: 86\n        \
                       indicator: tang-truong-grdp\n        value: \"tăng 10-11%\"";

/// One entry of `targets:`, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetEntry {
    /// Line of the entry in the frontmatter.
    pub at: usize,
    /// Body line it replaces, if given.
    pub line: Option<usize>,
    /// `skip: true`: the line is not a target.
    pub skip: bool,
    pub value: Option<EntryValue>,
}

/// The target an entry gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryValue {
    pub indicator: String,
    pub amount: Amount,
    pub comparator: comparators::Comparator,
    pub approx: bool,
    /// `value:` as written.
    pub written: String,
}

/// Checks `targets:`, returning its entries and every problem with its line.
pub fn targets(
    path: &str,
    map: &Mapping,
    loc: &Locator<'_>,
    catalog: &Catalog,
) -> (Vec<TargetEntry>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let Some(value) = map.get("targets").filter(|v| !v.is_null()) else {
        return (Vec::new(), errors);
    };
    let Value::Sequence(items) = value else {
        let (l, c) = loc.key("targets");
        errors.push(
            Diagnostic::error(path, l, c, "`targets` phải là một danh sách chỉ tiêu")
                .with_help(EXAMPLE),
        );
        return (Vec::new(), errors);
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut err = |field: Option<&str>, msg: String, help: Option<String>| {
            let (l, c) = loc.item("targets", i, field);
            let d = Diagnostic::error(path, l, c, msg);
            errors.push(match help {
                Some(h) => d.with_help(h),
                None => d,
            });
        };
        let Value::Mapping(m) = item else {
            err(
                None,
                format!("mục {} của `targets` phải có indicator và value", i + 1),
                Some(EXAMPLE.into()),
            );
            continue;
        };
        if let Some(e) = entry(m, i, catalog, &mut err) {
            out.push(TargetEntry { at: loc.item("targets", i, None).0, ..e });
        }
    }
    (out, errors)
}

type Report<'a> = dyn FnMut(Option<&str>, String, Option<String>) + 'a;

fn entry(m: &Mapping, i: usize, catalog: &Catalog, err: &mut Report<'_>) -> Option<TargetEntry> {
    for k in m.keys() {
        let name = scalar_text(k).unwrap_or_default();
        if !KEYS.contains(&name.as_str()) {
            let near = KEYS.iter().find(|key| strsim::damerau_levenshtein(&name, key) <= 2);
            let help = near.map_or_else(
                || format!("các khóa hợp lệ: {}", KEYS.join(", ")),
                |k| format!("có phải là `{k}`?"),
            );
            err(Some(&name), format!("khóa không hợp lệ `{name}` trong targets"), Some(help));
        }
    }
    let text =
        |k: &str| m.get(k).and_then(scalar_text).map(|s| nfc(s.trim())).filter(|s| !s.is_empty());
    let line = match m.get("line") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_u64().is_some_and(|l| l > 0) => {
            n.as_u64().map(|l| l as usize)
        }
        Some(_) => {
            err(
                Some("line"),
                "`line` phải là số dòng trong văn bản (một số nguyên dương)".into(),
                None,
            );
            return None;
        }
    };
    let skip = match m.get("skip") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            err(Some("skip"), "`skip` phải là true hoặc false".into(), None);
            return None;
        }
    };
    if skip {
        if line.is_none() {
            err(
                None,
                format!("mục {} của `targets` có skip nhưng thiếu `line`", i + 1),
                Some("ghi số dòng không phải chỉ tiêu, ví dụ: line: 40".into()),
            );
            return None;
        }
        return Some(TargetEntry { at: 0, line, skip, value: None });
    }
    let Some(id) = text("indicator") else {
        err(
            None,
            format!("mục {} của `targets` thiếu `indicator`", i + 1),
            Some(
                "mã chỉ tiêu trong data/indicators.yaml, ví dụ: indicator: tang-truong-grdp".into(),
            ),
        );
        return None;
    };
    let Some(written) = text("value") else {
        err(
            None,
            format!("mục {} của `targets` thiếu `value`", i + 1),
            Some("giá trị như văn bản viết, ví dụ: value: \"tăng 10-11%\"".into()),
        );
        return None;
    };
    let ind = &catalog.indicators;
    let Some(index) = ind.list.iter().position(|x| x.id == id) else {
        let help = ind.suggest(&id).map_or_else(
            || "xem các mã trong data/indicators.yaml".to_string(),
            |s| format!("có phải là \"{s}\"?"),
        );
        err(Some("indicator"), format!("không có chỉ tiêu nào mã \"{id}\""), Some(help));
        return None;
    };
    let value = read_value(&written, index, catalog)
        .map_err(|(msg, help)| err(Some("value"), msg, Some(help)))
        .ok()?;
    Some(TargetEntry { at: 0, line, skip, value: Some(value) })
}

/// Reads `value:` ("tăng 10-11%", "> 95%", "đạt 9.266 tỷ đồng") for indicator `index`.
fn read_value(
    written: &str,
    index: usize,
    catalog: &Catalog,
) -> Result<EntryValue, (String, String)> {
    let ind = &catalog.indicators;
    let w = words(written);
    let qs = quantities(written, &w, &ind.units);
    let [q] = qs.as_slice() else {
        return Err((
            format!("không đọc được giá trị \"{written}\""),
            "viết một giá trị hoặc một khoảng với đơn vị, ví dụ: \"tăng 10-11%\", \"trên 95%\", \
             \"đạt 9.266 tỷ đồng\""
                .into(),
        ));
    };
    let mut reading = comparators::before(&w, 0, q.first_word, &|_| false);
    if let Some(b) = q.bound {
        reading.comparator = b;
    }
    let name = &ind.list[index].name;
    let unit = ind.unit_name(index);
    let Some(factor) = ind.factor(index, q.unit.as_ref()) else {
        let got = q.unit.as_ref().map(super::units::Unit::name).unwrap_or_default();
        return Err((
            format!("đơn vị \"{got}\" không phải đơn vị của chỉ tiêu \"{name}\" ({unit})"),
            format!("viết giá trị theo {unit}"),
        ));
    };
    if !ind.allows(index, &reading) {
        let allowed = ind.list[index].comparators.join(", ");
        return Err((
            format!(
                "chỉ tiêu \"{name}\" không nhận \"{}\"",
                reading.change.unwrap_or(reading.comparator).word()
            ),
            format!("dùng một trong: {allowed}; hoặc chọn chỉ tiêu khác"),
        ));
    }
    let round = |v: f64| (v * factor * 1e6).round() / 1e6;
    Ok(EntryValue {
        indicator: ind.list[index].id.clone(),
        amount: Amount {
            value: round(q.value),
            value_to: q.value_to.map(round),
            unit: unit.to_string(),
        },
        comparator: reading.comparator,
        approx: reading.approx,
        written: written.to_string(),
    })
}
