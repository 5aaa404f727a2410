//! Charts drawn at build time as accessible SVG, with the same figures as a table.
//!
//! Three kinds share one small API: [`strip_plot`] (per group, one mark per item at its value, the
//! median marked: days to publish per year), [`bar_chart`] (one bar per item) and [`line_chart`]
//! (one line per series over categories such as years). Each returns a [`Figure`]: the SVG text
//! and a [`Table`] of the same figures for the page to show beside it.
//!
//! The SVG has `role="img"`, a `<title>` and a `<desc>` stating the figures (count, median, least
//! and greatest per group), one `<title>` per mark, and presentation attributes only (no CSS, no
//! script, no links: the table carries the links). All text is escaped, numbers are written the
//! Vietnamese way (`12,5`; `1.234`), and the same input always gives the same bytes.
//!
//! ```
//! use banhanh::chart::{Labels, Mark, StripGroup, StripPlot, Words, strip_plot};
//! let plot = StripPlot {
//!     labels: Labels::new("ngay-2024", "Số ngày đến khi có chương trình", "Số ngày", "ngày"),
//!     group_head: "Năm".into(),
//!     item_head: "Tỉnh, thành phố".into(),
//!     groups: vec![StripGroup {
//!         label: "2024".into(),
//!         marks: vec![Mark::new("Vĩnh Long", 14.0), Mark::new("Kiên Giang", 31.0)],
//!     }],
//! };
//! let figure = strip_plot(&plot, &Words::default());
//! assert!(figure.svg.starts_with("<svg"));
//! assert!(figure.svg.contains("Trung vị 22,5 ngày"));
//! assert_eq!(figure.table.rows.len(), 2);
//! ```

mod bar;
#[cfg(test)]
mod figure_tests;
mod line;
mod strip;
mod svg;

pub use bar::{BarChart, bar_chart};
pub use line::{Line, LineChart, line_chart};
pub use strip::{StripGroup, StripPlot, strip_plot};

use serde::Serialize;

/// A chart: its SVG and the table of its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// A complete `<svg>` element, ready to put in a page as is.
    pub svg: String,
    pub table: Table,
}

/// The figures of a chart as a table (caption, header row, body rows, summary rows).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Summary rows (the medians of a strip plot); empty when there are none.
    pub foot: Vec<Vec<Cell>>,
}

/// One table cell: its text, and the page it links to when the figure has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), href: None }
    }
}

/// What every chart is called and what its values are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    /// Prefix of the SVG's element ids (unique on its page); letters, digits and `-`.
    pub id: String,
    pub title: String,
    /// Name of the value axis and column: "Số ngày".
    pub value: String,
    /// Unit written after a value: "ngày" (may be empty).
    pub unit: String,
}

impl Labels {
    /// Labels from their four texts.
    pub fn new(id: &str, title: &str, value: &str, unit: &str) -> Labels {
        Labels { id: id.into(), title: title.into(), value: value.into(), unit: unit.into() }
    }

    /// "14 ngày", "12,5 ngày".
    fn with_unit(&self, v: f64) -> String {
        match self.unit.is_empty() {
            true => format_number(v),
            false => format!("{} {}", format_number(v), self.unit),
        }
    }
}

/// One item at one value: a province and its days. `href` is used by the table only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    pub label: String,
    pub value: f64,
    pub href: Option<String>,
}

impl Mark {
    /// A mark without a link.
    pub fn new(label: &str, value: f64) -> Mark {
        Mark { label: label.into(), value, href: None }
    }
}

/// The words charts write around the figures (from `data/ui.vi.yaml`; Vietnamese by default).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Words {
    pub median: String,
    pub least: String,
    pub greatest: String,
    pub count: String,
    pub no_data: String,
}

impl Default for Words {
    fn default() -> Words {
        Words {
            median: "Trung vị".into(),
            least: "ít nhất".into(),
            greatest: "nhiều nhất".into(),
            count: "mục".into(),
            no_data: "không có số liệu".into(),
        }
    }
}

impl Words {
    /// The words from the UI strings (`chart_median`, `chart_least`, `chart_greatest`,
    /// `chart_count`, `chart_no_data`), the defaults for any missing.
    pub fn from_ui(ui: &crate::data::Ui) -> Words {
        let d = Words::default();
        let get = |k: &str, dflt: String| ui.get(k).map_or(dflt, String::clone);
        Words {
            median: get("chart_median", d.median),
            least: get("chart_least", d.least),
            greatest: get("chart_greatest", d.greatest),
            count: get("chart_count", d.count),
            no_data: get("chart_no_data", d.no_data),
        }
    }
}

/// A number written the Vietnamese way, with at most two decimals: 1234.5 → "1.234,5",
/// 14.0 → "14", -3.25 → "-3,25".
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let whole = abs.trunc() as u64;
    let cents = ((abs - abs.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    if negative && (whole > 0 || cents > 0) {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if cents > 0 {
        let frac = format!("{cents:02}");
        out.push(',');
        out.push_str(frac.trim_end_matches('0'));
    }
    out
}

/// The median of `values` (mean of the middle two for an even count).
fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if !n.is_multiple_of(2) => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// "7 mục; Trung vị 14 ngày; ít nhất 5 ngày (Vĩnh Long); nhiều nhất 40 ngày (Hà Nội)".
fn summary(marks: &[Mark], labels: &Labels, words: &Words) -> String {
    let finite: Vec<&Mark> = marks.iter().filter(|m| m.value.is_finite()).collect();
    let values: Vec<f64> = finite.iter().map(|m| m.value).collect();
    let Some(med) = median(&values) else {
        return words.no_data.clone();
    };
    let least = finite.iter().min_by(|a, b| a.value.total_cmp(&b.value)).expect("non-empty");
    let most = finite.iter().max_by(|a, b| a.value.total_cmp(&b.value)).expect("non-empty");
    format!(
        "{} {}; {} {}; {} {} ({}); {} {} ({})",
        finite.len(),
        words.count,
        words.median,
        labels.with_unit(med),
        words.least,
        labels.with_unit(least.value),
        least.label,
        words.greatest,
        labels.with_unit(most.value),
        most.label
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_vietnamese_way() {
        assert_eq!(format_number(14.0), "14");
        assert_eq!(format_number(12.5), "12,5");
        assert_eq!(format_number(1234.5), "1.234,5");
        assert_eq!(format_number(1_234_567.0), "1.234.567");
        assert_eq!(format_number(-3.25), "-3,25");
        assert_eq!(format_number(0.004), "0");
        assert_eq!(format_number(-0.001), "0");
        assert_eq!(format_number(2.999), "3");
    }
}
