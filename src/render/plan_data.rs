//! What the pages of targets and tasks receive as `data` (`indicators.html`, `indicator.html`,
//! `agencies.html`, `agency.html`), and the targets box of document and province pages.

use super::views::LinkView;
use serde::Serialize;

/// Data of `indicators.html` (`/chi-tieu/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorsData {
    /// Indicators by group (Kinh tế, Xã hội…), in the catalog's order.
    pub groups: Vec<IndicatorGroup>,
    /// How many targets the site's documents set, all indicators together.
    pub count: usize,
    /// The open data files of targets: JSON and CSV.
    pub open_data: Vec<LinkView>,
}

/// A group of indicators on `/chi-tieu/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorGroup {
    /// "Kinh tế".
    pub heading: String,
    pub indicators: Vec<IndicatorLink>,
}

/// An indicator as `/chi-tieu/` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorLink {
    /// Its Vietnamese name.
    pub name: String,
    /// Address of its page.
    pub url: String,
    /// Its unit ("%", "triệu đồng").
    pub unit: String,
    /// How many documents set a target for it.
    pub programmes: usize,
    /// How many provinces did.
    pub provinces: usize,
}

/// Data of `indicator.html` (`/chi-tieu/{indicator}/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorData {
    pub name: String,
    /// Its group ("Kinh tế").
    pub group: String,
    pub unit: String,
    /// Whether a larger value is better.
    pub higher_is_better: bool,
    /// One series per comparator and unit ("tăng, %" apart from "đạt, %"), most targets first.
    pub series: Vec<SeriesView>,
}

/// Targets of one indicator with one comparator and unit: a table of provinces × years and charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesView {
    /// Id of the series' heading on the page (`tang-phan-tram`).
    pub id: String,
    /// "Tăng (%)": which series this is.
    pub heading: String,
    /// The comparator word ("tăng").
    pub comparator: String,
    pub unit: String,
    /// Columns of the table, oldest first.
    pub years: Vec<i32>,
    /// One row per province, alphabetical.
    pub rows: Vec<SeriesRow>,
    /// Bars by province for the latest year (accessible SVG, print with `| safe`).
    pub bars: Option<ChartView>,
    /// A line per province over the years, when the series has two years or more.
    pub lines: Option<ChartView>,
    /// How ranges are drawn ("10–11%: the middle of the range"), when the series has one.
    pub note: Option<String>,
}

/// A chart drawn at build time: its SVG and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartView {
    /// A complete `<svg role="img">` with `<title>` and `<desc>` (print with `| safe`).
    pub svg: String,
    /// What the chart shows, as its caption.
    pub caption: String,
}

/// A province's targets of one series, by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRow {
    pub province: String,
    pub province_url: String,
    /// One cell per year of the series (in the order of `years`): the targets set that year.
    pub cells: Vec<Vec<TargetValue>>,
}

/// One target as pages show it: its value, linking to the sentence in its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetValue {
    /// "tăng 10–11%", "đạt khoảng 95%".
    pub value: String,
    /// The section of the document the sentence is in.
    pub url: String,
    /// The line as written.
    pub text: String,
    /// The document it is from ("Kế hoạch số 22/KH-UBND").
    pub document: String,
}

/// A target in the box of a document page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetLine {
    /// The indicator's page; None when the line matched no indicator.
    pub indicator: Option<LinkView>,
    /// The value as on indicator pages.
    pub value: TargetValue,
}

/// A province's targets over the years (on its page), and its deadlines calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvincePlan {
    /// Columns: the years with targets, oldest first.
    pub years: Vec<i32>,
    /// One row per indicator and comparator, in the catalog's order.
    pub rows: Vec<ProvinceTargetRow>,
    /// Address of `/{province}/lich.ics`, when the province has tasks with deadlines.
    pub calendar: Option<String>,
    /// How many tasks with deadlines the calendar holds.
    pub dated_tasks: usize,
}

/// One indicator's targets of a province, by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceTargetRow {
    /// The indicator, linking to its page.
    pub indicator: LinkView,
    /// One cell per year (in the order of `years`).
    pub cells: Vec<Vec<TargetValue>>,
}

/// Data of `agencies.html` (`/co-quan/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgenciesData {
    /// Agencies with tasks, alphabetical; `count` is their tasks, `note` who has them since 2025.
    pub agencies: Vec<LinkView>,
    /// How many tasks name a known lead agency.
    pub count: usize,
    /// The open data files of tasks: JSON and CSV.
    pub open_data: Vec<LinkView>,
}

/// Data of `agency.html` (`/co-quan/{agency}/`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyData {
    pub name: String,
    /// Abbreviations and other names ("Sở KH&ĐT").
    pub aliases: Vec<String>,
    /// The agency that took it over in the 2025 reorganisation, and from when (`dd/mm/yyyy`).
    pub now: Option<LinkView>,
    /// Agencies it took in.
    pub took_in: Vec<LinkView>,
    /// How many tasks it leads or supports.
    pub count: usize,
    /// Its tasks by province, alphabetical.
    pub provinces: Vec<AgencyProvince>,
}

/// An agency's tasks in one province.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyProvince {
    pub province: String,
    pub province_url: String,
    /// Address of the province's deadlines calendar.
    pub calendar: Option<String>,
    /// Its tasks, by document (newest year first) and line.
    pub tasks: Vec<TaskView>,
}

/// A task as an agency's page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskView {
    /// What is to be done, as written.
    pub text: String,
    /// The section of the document it is in.
    pub url: String,
    /// The document it is from.
    pub document: String,
    /// Plan year of the document.
    pub year: i32,
    /// "Chủ trì" or "Phối hợp".
    pub role: String,
    /// Lead as written.
    pub lead: String,
    /// Partners as written.
    pub partners: Option<String>,
    /// Deadline as written ("Quý I").
    pub deadline: Option<String>,
    /// The deadline as dates: "01/01/2021 – 31/03/2021", or "trước 20/12/2024".
    pub due: Option<String>,
    /// Last day of the deadline, `yyyy-mm-dd` (for `<time datetime>`).
    pub due_iso: Option<String>,
}
