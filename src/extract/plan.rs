//! What a document promises, as data: its targets (chỉ tiêu) and tasks (nhiệm vụ).

use super::collect::Block;
use super::comparators::Comparator;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// Targets and tasks read from one document, and the lines that could not be read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    pub targets: Vec<Target>,
    pub tasks: Vec<Task>,
    /// Lines under a targets heading (or task cells) that could not be read or matched: each
    /// becomes a warning with its line.
    pub notes: Vec<Note>,
    /// What the Markdown renderer set aside for the readers; emptied once they have read it.
    #[serde(skip)]
    pub blocks: Vec<Block>,
}

/// A value or a range in a unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// Upper end of a range ("10-11%" → value 10, value_to 11).
    #[serde(serialize_with = "opt_number")]
    pub value_to: Option<f64>,
    pub unit: String,
}

/// One target: "Tốc độ tăng trưởng GRDP năm 2024 tăng 8,0%".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// Id in `data/indicators.yaml`; None when the line matched no indicator (a warning says so).
    pub indicator: Option<String>,
    /// The value in the indicator's unit ("16-17 nghìn lao động" → 16000–17000 lao động), or as
    /// written when no indicator matched.
    #[serde(flatten)]
    pub amount: Amount,
    pub comparator: Comparator,
    /// Written with "khoảng", "gần", "xấp xỉ".
    pub approx: bool,
    /// The same value in another unit, as the line gives it: "(tương đương 3.203 USD)".
    pub equivalent: Option<Amount>,
    /// The part of the line the target was read from: "Thu hút đầu tư đạt 600 triệu USD vốn FDI".
    pub clause: String,
    /// The whole line as written (markers such as "(3)" left out).
    pub text: String,
    /// The line's number in the list: "(3)" → 3.
    #[serde(rename = "number_in_list")]
    pub number: Option<u32>,
    /// Group label the line stands under: "Về kinh tế".
    pub group: Option<String>,
    /// Anchor of the section the line is in.
    pub anchor: String,
    /// 1-based line in the source file (of the frontmatter entry for a target added there).
    pub line: usize,
    /// Read from the body, or given in the frontmatter's `targets:`.
    pub from_frontmatter: bool,
}

/// Who must do something, and by when: a row of a task table or an assignment sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// What is to be done, as written.
    #[serde(rename = "task")]
    pub text: String,
    /// Lead agency as written ("Sở KH&ĐT").
    pub lead: String,
    /// Its id in `data/agencies.yaml`, when known.
    pub lead_id: Option<String>,
    /// Partner agencies as written.
    pub partners: Option<String>,
    /// Ids of the partner agencies found in `partners`.
    pub partner_ids: Vec<String>,
    /// Deadline as written ("Quý I", "trước ngày 20/12/2024").
    pub deadline: Option<String>,
    /// The deadline as dates in the plan year.
    pub due: Option<Due>,
    /// Row number (STT) in its table, if any.
    #[serde(rename = "row")]
    pub number: Option<String>,
    /// Group label of the table row ("I. Lĩnh vực kinh tế").
    pub group: Option<String>,
    pub anchor: String,
    /// 1-based line in the source file.
    pub line: usize,
    /// "table" (a row of a task table) or "sentence" ("Giao Sở … chủ trì …").
    #[serde(rename = "kind")]
    pub source: &'static str,
}

/// A deadline as a range of days (both ends included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Due {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: DueKind,
}

/// What a deadline's range means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DueKind {
    /// To be done by the last day ("trước ngày 20/12/2024").
    By,
    /// To be done within the range ("Quý I", "Tháng 01", "6 tháng đầu năm").
    Within,
    /// Ongoing through the range ("Thường xuyên", "hằng quý").
    Ongoing,
}

/// A line the readers could not turn into data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub line: usize,
    pub kind: NoteKind,
    /// The line (or cell) as written.
    pub text: String,
}

/// Why a line could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum NoteKind {
    /// A line under a targets heading with no value in it.
    NoValue,
    /// A value read, but no indicator of the catalog matched the line.
    NoIndicator,
    /// An indicator matched, but the value's unit or comparator is not the indicator's.
    Mismatch { indicator: String, unit: String, comparator: Comparator },
    /// A task's deadline that is not a date, month, quarter or period.
    Deadline,
}

fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => number(v, s),
        None => s.serialize_none(),
    }
}

/// A value for CSV cells and messages: "8", "93.89".
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 { format!("{}", v as i64) } else { format!("{v}") }
}
